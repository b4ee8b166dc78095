"""What the bot says: plain data that every adapter renders (terminal text, Slack Block Kit).

The shapes stay within Slack's limits (`kb.limits`, their one definition) so a Block Kit
renderer never has to cut anything: a section's text up to 3000 characters, at most 10 fields,
at most 25 buttons per message, button labels up to 75 characters, action ids up to 255 and
values up to 2000.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from kb.limits import (
    ACTION_ID_LIMIT,
    ACTIONS_ELEMENTS_LIMIT,
    BUTTON_LABEL_LIMIT,
    BUTTON_VALUE_LIMIT,
    SECTION_FIELDS_LIMIT,
    SECTION_TEXT_LIMIT,
)


class Button(BaseModel):
    """A choice the user can press; `action_id` says what it does, `value` which option."""

    action_id: str = Field(min_length=1, max_length=ACTION_ID_LIMIT)
    label: str = Field(min_length=1, max_length=BUTTON_LABEL_LIMIT)
    value: str = Field(default="", max_length=BUTTON_VALUE_LIMIT)
    style: Literal["primary", "danger"] | None = None
    prompt_id: str | None = None
    """The prompt id of the message showing this button (set by the engine); an adapter sends
    it back in `ButtonPress.prompt_id`."""


class ReplyField(BaseModel):
    """One label/value pair of a summary (a Block Kit section field)."""

    label: str
    value: str


class Section(BaseModel):
    """A block of text: an optional title, a paragraph, numbered steps and label/value fields."""

    title: str | None = None
    text: str = ""
    steps: list[str] = Field(default_factory=list)
    fields: list[ReplyField] = Field(default_factory=list, max_length=SECTION_FIELDS_LIMIT)

    @field_validator("text")
    @classmethod
    def _fits_a_block(cls, value: str) -> str:
        if len(value) > SECTION_TEXT_LIMIT:
            raise ValueError(f"section text longer than {SECTION_TEXT_LIMIT} characters")
        return value

    def plain_text(self) -> str:
        parts: list[str] = []
        if self.title:
            parts.append(self.title)
        if self.text:
            parts.append(self.text)
        parts.extend(f"{number}. {step}" for number, step in enumerate(self.steps, start=1))
        parts.extend(f"{item.label}: {item.value}" for item in self.fields)
        return "\n".join(parts)


class Reply(BaseModel):
    """One bot message: what the user reads and the buttons under it."""

    intent: str | None = None
    sections: list[Section] = Field(default_factory=list)
    buttons: list[Button] = Field(default_factory=list, max_length=ACTIONS_ELEMENTS_LIMIT)
    private: bool = False
    """Carries account data (subscriptions, amounts, summaries, personal facts): an adapter never
    posts it where other people read it (an ephemeral message or the DM instead)."""
    prompt_id: str | None = None
    """A fresh id for every message with buttons (the engine sets it on the buttons too)."""
    total: ReplyField | None = None
    """An order summary's total due, the same line as among its fields ("Totale dovuto oggi",
    "1.113,86 €"): an adapter restates it where the order is confirmed (Slack's dialog)."""

    def plain_text(self) -> str:
        """Everything a person would read in this message, as plain text."""
        return "\n\n".join(text for text in (s.plain_text() for s in self.sections) if text)


def say(text: str, *, intent: str | None = None, buttons: list[Button] | None = None,
        title: str | None = None, private: bool = False) -> Reply:
    """A one-section reply (`private`: it carries account data)."""
    return Reply(intent=intent, sections=[Section(title=title, text=text)], buttons=buttons or [],
                 private=private)
