"""Loading kb/articles/*.yaml: every file validated, every error naming its file and field."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kb.knowledge import KnowledgeBase
from kb.models import AnswerContext, ArticleFile, Audience, Entry, SourceArticle
from kb.products import ALL_PRODUCTS

PACKAGE_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = PACKAGE_DIR / "articles"
SOURCES_DIR = PACKAGE_DIR / "sources"
SOURCES_INDEX = "index.yaml"


class KnowledgeBaseError(Exception):
    """A data file of the knowledge base is invalid; the message names the file and the field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def load_knowledge_base(articles_dir: Path | None = None,
                        sources_dir: Path | None = None) -> KnowledgeBase:
    """Read and validate every data file; raises KnowledgeBaseError listing every problem."""
    articles_dir = articles_dir or ARTICLES_DIR
    sources = _load_sources(sources_dir or SOURCES_DIR)
    problems: list[str] = []
    entries: list[Entry] = []
    files: dict[str, str] = {}
    paths = sorted(articles_dir.glob("*.yaml"))
    if not paths:
        raise KnowledgeBaseError([f"{_shown(articles_dir)}: no *.yaml data files"])
    for path in paths:
        for entry in _load_article(path, sources, problems):
            if entry.id in files:
                problems.append(f"{_shown(path)}: entry id {entry.id!r} is already used in "
                                f"{files[entry.id]}")
                continue
            files[entry.id] = _shown(path)
            entries.append(entry)
    problems.extend(_coverage_problems(entries, files))
    if problems:
        raise KnowledgeBaseError(problems)
    knowledge = KnowledgeBase(entries, sources)
    problems.extend(_answer_problems(knowledge, files))
    if problems:
        raise KnowledgeBaseError(problems)
    return knowledge


def _shown(path: Path) -> str:
    """A path as a reader finds it: relative to the project when it is inside it."""
    try:
        return str(path.resolve().relative_to(PACKAGE_DIR.parent))
    except ValueError:
        return str(path)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error)
        raise KnowledgeBaseError([f"{_shown(path)}:{where}: not valid YAML: {reason}"]) from None


def _load_sources(directory: Path) -> dict[str, SourceArticle]:
    index = directory / SOURCES_INDEX
    data = _read_yaml(index)
    if not isinstance(data, dict):
        raise KnowledgeBaseError([f"{_shown(index)}: expected a mapping of article keys"])
    sources: dict[str, SourceArticle] = {}
    problems: list[str] = []
    for key, fields in data.items():
        try:
            source = SourceArticle.model_validate({"key": str(key), **(fields or {})})
        except (ValidationError, TypeError) as error:
            problems.append(f"{_shown(index)}: {key}: {_brief(error)}")
            continue
        if not (directory / source.file).is_file():
            problems.append(f"{_shown(index)}: {key}: {source.file} is missing from "
                            f"{_shown(directory)}")
        sources[source.key] = source
    if problems:
        raise KnowledgeBaseError(problems)
    return sources


def _brief(error: ValidationError | TypeError) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{_location(item['loc'], None)}: {item['msg']}"
                         for item in error.errors())
    return str(error)


def _location(loc: tuple[int | str, ...], data: Any) -> str:
    """('entries', 0, 'steps', 2, 'text') -> "entries[0] (id licenses-reduce).steps[2].text"."""
    shown = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            shown += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and "id" in node:
                shown += f" (id {node['id']})"
        else:
            shown += f".{part}" if shown else part
            node = node.get(part) if isinstance(node, dict) else None
    return shown or "(file)"


def _load_article(path: Path, sources: dict[str, SourceArticle],
                  problems: list[str]) -> list[Entry]:
    try:
        data = _read_yaml(path)
    except KnowledgeBaseError as error:
        problems.extend(error.problems)
        return []
    try:
        article = ArticleFile.model_validate(data)
    except ValidationError as error:
        problems.extend(f"{_shown(path)}: {_location(item['loc'], data)}: "
                        f"{item['msg'].removeprefix('Value error, ')}"
                        for item in error.errors())
        return []
    entries = []
    for entry in article.entries:
        if not entry.sources:
            entry = entry.model_copy(update={"sources": list(article.sources)})
        unknown = [key for key in entry.sources if key not in sources]
        if unknown:
            problems.append(f"{_shown(path)}: entry {entry.id}: unknown source article "
                            f"{', '.join(unknown)} (see kb/sources/{SOURCES_INDEX})")
            continue
        entries.append(entry)
    return entries


def _coverage_problems(entries: list[Entry], files: dict[str, str]) -> list[str]:
    """One entry per intent and audience, and every audience answerable for every intent."""
    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    audiences: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for intent in entry.intents:
            topic = (intent, entry.audience)
            if topic in seen:
                problems.append(f"{files[entry.id]}: entry {entry.id} answers {intent} for "
                                f"audience {entry.audience}, as entry {seen[topic]} already "
                                "does: give one of them another audience or intent")
            seen[topic] = entry.id
            audiences[intent].add(entry.audience)
    for intent, present in sorted(audiences.items()):
        if "all" not in present and present != {"billing_center", "corporate"}:
            missing = ({"billing_center", "corporate"} - present).pop()
            owner = seen[(intent, next(iter(present)))]
            problems.append(f"{files[owner]}: intent {intent} has no entry for audience "
                            f"{missing} and none for all: add one")
    return problems


def _answer_problems(knowledge: KnowledgeBase, files: dict[str, str]) -> list[str]:
    """Fill every entry for every product and audience once, so that an answer too long for
    Slack fails at load rather than in a conversation."""
    problems: list[str] = []
    audiences: tuple[Audience | None, ...] = (None, "billing_center", "corporate")
    for intent in sorted(knowledge.intents):
        for audience in audiences:
            for product in (None, *ALL_PRODUCTS):
                context = AnswerContext(audience=audience, product=product)
                try:
                    knowledge.answer(intent, context)
                except ValidationError as error:
                    entry = knowledge.entry_for(intent, context.audience)
                    where = files[entry.id] if entry is not None else f"intent {intent}"
                    message = error.errors()[0]["msg"].removeprefix("Value error, ")
                    problems.append(f"{where}: {message}")
                    return problems
    return problems
