"""An Answer as plain text: the terminal, `billing-bot kb show`, the `chat --json` text."""

from __future__ import annotations

from kb.limits import numbered
from kb.models import Answer

FACTS_HEADING = "Per il tuo account"


def render_text(answer: Answer) -> str:
    """Personal facts first, then the short answer, the numbered steps, the notes, the links."""
    blocks: list[str] = []
    if answer.facts:
        blocks.append("\n".join([f"{FACTS_HEADING}:", *(f"- {fact}" for fact in answer.facts)]))
    blocks.append(f"{answer.title}\n{answer.summary}")
    if answer.steps:
        blocks.append(numbered(answer.steps))
    if answer.notes:
        blocks.append("\n".join(f"- {note}" for note in answer.notes))
    if answer.links:
        blocks.append("\n".join(f"{link.label}: {link.url}" for link in answer.links))
    return "\n\n".join(blocks)
