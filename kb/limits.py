"""Slack's limits, defined once, and the budget an Answer keeps to fit them.

Block Kit (https://api.slack.com/reference/block-kit): a section's text holds at most 3000
characters and at most 10 fields of 2000, a header at most 150, a message at most 50 blocks, an
actions block at most 25 elements; a button's label at most 75 characters, its value 2000, an
action id or a block id 255. The bot's replies (`bot.dialogue.replies`) and the Slack renderer
(`bot.slack.blocks`) import these numbers from here: kb imports nothing of the bot.

An Answer is built so that each of its parts (facts, summary, steps, notes, links) fits one
section on its own, and so that even one block per step and per note stays far below 50 blocks.
The checks read any object shaped like an Answer (`AnswerShape`), so this module imports
nothing of `kb.models` (which checks every Answer with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

SECTION_TEXT_LIMIT = 3000
SECTION_FIELDS_LIMIT = 10
FIELD_TEXT_LIMIT = 2000
HEADER_TEXT_LIMIT = 150
CONTEXT_TEXT_LIMIT = 3000
MESSAGE_BLOCK_LIMIT = 50
ACTIONS_ELEMENTS_LIMIT = 25
BUTTON_LABEL_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
ACTION_ID_LIMIT = 255
BLOCK_ID_LIMIT = 255
CONFIRM_TEXT_LIMIT = 300
"""The text of a button's confirmation dialog."""
MESSAGE_TEXT_LIMIT = 4000
"""A message's top-level `text` (the notification's fallback): Slack truncates at 40000 and
advises at most 4000."""


class LinkShape(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def url(self) -> str: ...


class AnswerShape(Protocol):
    """What the budget reads of an answer (`kb.models.Answer` has it)."""

    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def steps(self) -> Sequence[str]: ...
    @property
    def notes(self) -> Sequence[str]: ...
    @property
    def facts(self) -> Sequence[str]: ...
    @property
    def links(self) -> Sequence[LinkShape]: ...


SUMMARY_LIMIT = 700
ITEM_LIMIT = 600
MAX_STEPS = 10
MAX_NOTES = 8
MAX_FACTS = 12
MAX_LINKS = 3
FACTS_TEXT_LIMIT = 2000


def fit_facts(facts: list[str]) -> list[str]:
    """The engine's facts, cut to what fits (with a line saying how many were left out), so
    that a long account history shortens the answer instead of breaking it."""
    shortened = [fact if len(fact) <= ITEM_LIMIT else fact[:ITEM_LIMIT - 1] + "…"
                 for fact in facts]
    if len(shortened) <= MAX_FACTS and len("\n".join(shortened)) <= FACTS_TEXT_LIMIT:
        return shortened
    kept: list[str] = []
    for fact in shortened:  # one line stays free for the "left out" note
        if len(kept) == MAX_FACTS - 1 or len("\n".join([*kept, fact])) > FACTS_TEXT_LIMIT - 40:
            break
        kept.append(fact)
    left_out = len(facts) - len(kept)
    return [*kept, "…e un'altra riga." if left_out == 1 else f"…e altre {left_out} righe."]


def numbered(steps: Sequence[str]) -> str:
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))


def answer_parts(answer: AnswerShape) -> list[str]:
    """The parts of an answer in reading order, each meant for a section of its own."""
    parts = ["\n".join(answer.facts), answer.summary, numbered(answer.steps),
             "\n".join(answer.notes),
             "\n".join(f"{link.label}: {link.url}" for link in answer.links)]
    return [part for part in parts if part]


def slack_limit_problems(answer: AnswerShape) -> list[str]:
    """Where an answer would not fit Slack; an empty list when it fits."""
    problems: list[str] = []
    if len(answer.title) > HEADER_TEXT_LIMIT:
        problems.append(f"title longer than {HEADER_TEXT_LIMIT} characters")
    if len(answer.summary) > SUMMARY_LIMIT:
        problems.append(f"summary longer than {SUMMARY_LIMIT} characters")
    for kind, items, most in (("steps", answer.steps, MAX_STEPS),
                              ("notes", answer.notes, MAX_NOTES),
                              ("facts", answer.facts, MAX_FACTS),
                              ("links", answer.links, MAX_LINKS)):
        if len(items) > most:
            problems.append(f"more than {most} {kind}")
    for kind, texts in (("step", answer.steps), ("note", answer.notes)):
        problems.extend(f"{kind} {number} longer than {ITEM_LIMIT} characters"
                        for number, text in enumerate(texts, start=1) if len(text) > ITEM_LIMIT)
    problems.extend(f"a part is longer than {SECTION_TEXT_LIMIT} characters: {part[:60]}…"
                    for part in answer_parts(answer) if len(part) > SECTION_TEXT_LIMIT)
    heading_and_steps = len(answer.title) + len(answer.summary) + len(numbered(answer.steps)) + 2
    if heading_and_steps > SECTION_TEXT_LIMIT:
        problems.append(f"title, summary and steps together longer than {SECTION_TEXT_LIMIT} "
                        "characters (an adapter may show them in one section)")
    # Worst case: a header, one block per fact, step and note, one for the summary and links.
    worst = 1 + len(answer.facts) + 1 + len(answer.steps) + len(answer.notes) + 1
    if worst > MESSAGE_BLOCK_LIMIT:
        problems.append(f"could take {worst} blocks, more than {MESSAGE_BLOCK_LIMIT}")
    return problems
