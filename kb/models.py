"""The knowledge base's data, validated at load: source articles, entries, answers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from kb.limits import slack_limit_problems
from kb.portals import PortalKey
from kb.products import ALL_PRODUCTS, ProductId
from kb.templates import template_problems

Audience = Literal["billing_center", "corporate"]
"""Who reads an answer: Billing Center (standard) accounts or Corporate Billing Portal accounts."""
EntryAudience = Literal["billing_center", "corporate", "all"]


def _template(text: str) -> str:
    text = " ".join(text.split())  # YAML folding and stray line breaks: one paragraph
    if not text:
        raise ValueError("empty text")
    problems = template_problems(text)
    if problems:
        raise ValueError("; ".join(problems))
    return text


Template = Annotated[str, AfterValidator(_template)]
"""Italian text that may use the placeholders of kb.templates."""
IntentId = Annotated[str, Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")]
ArticleKey = Annotated[str, Field(pattern=r"^\d{3}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceArticle(_Strict):
    """One help article as published, kept verbatim in kb/sources/ for reference."""

    key: ArticleKey
    file: Annotated[str, Field(pattern=r"^\d{3}_[0-9a-f]+\.txt$")]
    title: str = Field(min_length=1)

    @property
    def stem(self) -> str:
        return self.file.removesuffix(".txt")


class Step(_Strict):
    """One numbered step; `tip` is a hint shown with it ("Suggerimento" in the articles)."""

    text: Template
    tip: Template | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Entry(_Strict):
    """One answer: a question of the FAQ or a procedure, for one audience (or for all)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Template
    intents: list[IntentId] = Field(min_length=1)
    audience: EntryAudience
    products: list[ProductId] = Field(default_factory=lambda: list(ALL_PRODUCTS), min_length=1)
    summary: Template
    steps: list[Step] = Field(default_factory=list)
    results: list[Template] = Field(default_factory=list)
    notes: list[Template] = Field(default_factory=list)
    troubleshooting: list[Template] = Field(default_factory=list)
    links: list[PortalKey] = Field(default_factory=list)
    sources: list[ArticleKey] = Field(default_factory=list)
    """Articles this entry is drawn from; defaults to the sources of its data file."""

    @model_validator(mode="after")
    def _says_whom_it_is_for(self) -> Entry:
        # The summary of a specific entry is also read on its own (by someone whose account type
        # is unknown), so it has to say which portal it is about.
        if self.audience == "billing_center" and "Centro fatturazione" not in self.summary:
            raise ValueError("the summary of a billing_center entry must name the "
                             "'Centro fatturazione'")
        if self.audience == "corporate" and "Corporate" not in self.summary:
            raise ValueError("the summary of a corporate entry must say it is about "
                             "'Corporate' accounts")
        if self.audience == "all":
            text = " ".join([self.summary, *self.notes, *self.results, *self.troubleshooting])
            if "Centro fatturazione" not in text or "Corporate Billing Portal" not in text:
                raise ValueError("an entry for all audiences must mention both the "
                                 "'Centro fatturazione' and the 'Corporate Billing Portal'")
        return self


class ArticleFile(_Strict):
    """One data file of kb/articles/: the entries drawn from one help article (or a pair)."""

    sources: list[ArticleKey] = Field(min_length=1)
    entries: list[Entry] = Field(min_length=1)


class Link(_Strict):
    label: str
    url: Annotated[str, Field(pattern=r"^https://\S+$")]


class AnswerContext(BaseModel):
    """What the engine knows about the asker: account type, product named, personal facts."""

    model_config = ConfigDict(frozen=True)

    audience: Audience | None = None
    product: str | None = None
    facts: list[str] = Field(default_factory=list)
    """Lines about the asker's own account, shown first under "Per il tuo account"."""


class Answer(BaseModel):
    """An entry filled in for one asker; small enough for Slack (see kb.limits)."""

    model_config = ConfigDict(frozen=True)

    entry_id: str
    title: str
    summary: str
    steps: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list)
    source_article: str
    """File stem of the main source article in kb/sources/ (e.g. "000_6c5be8fd3f089087")."""

    @model_validator(mode="after")
    def _fits_slack(self) -> Answer:
        problems = slack_limit_problems(self)
        if problems:
            raise ValueError(f"answer {self.entry_id} does not fit Slack: {'; '.join(problems)}")
        return self
