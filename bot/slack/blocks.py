"""Reply -> Block Kit, within Slack's limits, with every piece of text escaped.

The engine's text is plain. Here it becomes `mrkdwn` with `&`, `<` and `>` escaped and
`verbatim: true` (Slack then parses no mention, channel or link of its own), so whatever a user
typed and the bot echoes can never become `<!channel>`, `<!here>` or `<@U…>`. The only links are
the `https://…` addresses the text carries, which the renderer links itself.

Which message a button belongs to travels in the `block_id` of its actions block (see
`ActionRef`): the prompt id of the message and the conversation it belongs to, so a click is
routed to the right conversation and an older message's button is recognised as stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.dialogue.replies import Button, Reply, Section
from kb import limits

# Slack's numbers, from their one definition (kb.limits), by the names this renderer uses
MAX_BLOCKS = limits.MESSAGE_BLOCK_LIMIT
MAX_SECTION_TEXT = limits.SECTION_TEXT_LIMIT
MAX_FIELD_TEXT = limits.FIELD_TEXT_LIMIT
MAX_FIELDS = limits.SECTION_FIELDS_LIMIT
MAX_BUTTON_LABEL = limits.BUTTON_LABEL_LIMIT
MAX_BUTTON_VALUE = limits.BUTTON_VALUE_LIMIT
MAX_ACTION_ID = limits.ACTION_ID_LIMIT
MAX_BLOCK_ID = limits.BLOCK_ID_LIMIT
MAX_ACTIONS = limits.ACTIONS_ELEMENTS_LIMIT
MAX_CONTEXT_TEXT = limits.CONTEXT_TEXT_LIMIT
MAX_FALLBACK_TEXT = limits.MESSAGE_TEXT_LIMIT
MAX_CONFIRM_TEXT = limits.CONFIRM_TEXT_LIMIT
ELLIPSIS = "…"

ORDER_BUTTON = "flow.confirm"
BLOCK_ID_PREFIX = "bb"
PRIVATE_NOTE = "Solo tu vedi questo messaggio: contiene dati del tuo account."
_URL = re.compile(r"https?://[^\s<>()\"]+[^\s<>()\".,;:!?»)]")


Block = dict[str, Any]


def escape(text: str) -> str:
    """Slack's three control characters, escaped: `&` `<` `>` (Slack's own rule)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(text: str) -> str:
    """Plain text as safe mrkdwn: escaped, with its https:// addresses made links."""
    out: list[str] = []
    position = 0
    for found in _URL.finditer(text):
        out.append(escape(text[position:found.start()]))
        url = found.group(0)
        out.append(f"<{escape(url)}>")
        position = found.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _text(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": _cut_plain(text, limit), "emoji": False}


def _cut_plain(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def _chunks(markup: str, limit: int) -> list[str]:
    """Split escaped mrkdwn into pieces of at most `limit` characters, at a line or word break,
    never inside an entity (`&amp;`) or a link (`<…>`)."""
    pieces: list[str] = []
    rest = markup
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        cut = _safe_cut(rest, cut)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _safe_cut(markup: str, cut: int) -> int:
    """Move `cut` back so it does not split an entity or a link."""
    amp = markup.rfind("&", max(0, cut - 5), cut)
    if amp != -1 and ";" not in markup[amp:cut]:
        cut = amp
    opening = markup.rfind("<", 0, cut)
    if opening != -1 and markup.rfind(">", opening, cut) == -1 and opening > 0:
        cut = opening
    return cut


def _section_markup(section: Section) -> str:
    lines: list[str] = []
    if section.title:
        lines.append(f"*{mrkdwn(section.title)}*")
    if section.text:
        lines.append(mrkdwn(section.text))
    lines.extend(f"{number}. {mrkdwn(step)}" for number, step in
                 enumerate(section.steps, start=1))
    return "\n".join(lines)


def _field(label: str, value: str) -> dict[str, Any]:
    markup = f"*{mrkdwn(label)}*\n{mrkdwn(value)}"
    if len(markup) > MAX_FIELD_TEXT:
        markup = _chunks(markup, MAX_FIELD_TEXT - 1)[0] + ELLIPSIS
    return _text(markup)


def section_blocks(section: Section) -> list[Block]:
    blocks: list[Block] = [{"type": "section", "text": _text(piece)}
                           for piece in _chunks(_section_markup(section), MAX_SECTION_TEXT)]
    fields = [_field(item.label, item.value) for item in section.fields]
    for start in range(0, len(fields), MAX_FIELDS):
        blocks.append({"type": "section", "fields": fields[start:start + MAX_FIELDS]})
    return blocks


@dataclass(frozen=True)
class ActionRef:
    """What the `block_id` of a message's buttons carries: the message's prompt id and the
    conversation (its key) the message belongs to. Slack returns it untouched with the click,
    and the request is signed, so nobody can change it."""

    prompt_id: str
    conversation_key: str

    def block_id(self) -> str:
        return f"{BLOCK_ID_PREFIX}|{self.prompt_id}|{self.conversation_key}"[:MAX_BLOCK_ID]

    @classmethod
    def parse(cls, block_id: str | None) -> ActionRef | None:
        if not block_id:
            return None
        parts = block_id.split("|", 2)
        if len(parts) != 3 or parts[0] != BLOCK_ID_PREFIX:
            return None
        return cls(prompt_id=parts[1], conversation_key=parts[2])


def _button(button: Button, summary: str | None, cancellation: bool = False) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "action_id": button.action_id[:MAX_ACTION_ID],
        "text": _plain(button.label, MAX_BUTTON_LABEL),
        "value": button.value[:MAX_BUTTON_VALUE],
    }
    if button.style:
        element["style"] = button.style
    if button.action_id == ORDER_BUTTON:
        element["confirm"] = order_confirmation(summary, cancellation)
    return element


def order_confirmation(summary: str | None, cancellation: bool = False) -> dict[str, Any]:
    """Slack's own "are you sure?" dialog on the button that places an order (a cancellation
    is a "disdetta" to the customer, as its summary says)."""
    what = "La disdetta viene registrata" if cancellation else "L'ordine viene effettuato"
    text = f"{what} subito, come mostrato nel riepilogo."
    if summary:
        text = f"{summary} {text}"
    return {
        "title": _plain("Confermi la disdetta?" if cancellation else "Confermi l'ordine?", 100),
        "text": _plain(text, MAX_CONFIRM_TEXT),
        "confirm": _plain("Conferma la disdetta" if cancellation else "Conferma l'ordine", 30),
        "deny": _plain("Non ancora", 30),
        "style": "primary",
    }


def _total_line(reply: Reply) -> str | None:
    """The total due of a summary, for the confirmation dialog ("Totale dovuto oggi:
    12,34 €.")."""
    total = reply.total
    return None if total is None else f"{total.label}: {total.value}."


def actions_blocks(buttons: list[Button], ref: ActionRef | None, summary: str | None,
                   cancellation: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for start in range(0, len(buttons), MAX_ACTIONS):
        block: Block = {"type": "actions",
                        "elements": [_button(b, summary, cancellation) for b in
                                     buttons[start:start + MAX_ACTIONS]]}
        if ref is not None:
            block_id = ref.block_id()
            block["block_id"] = block_id if start == 0 else f"{block_id[:250]}|{start}"
        blocks.append(block)
    return blocks


def context_block(text: str) -> Block:
    return {"type": "context",
            "elements": [_text(_chunks(mrkdwn(text), MAX_CONTEXT_TEXT)[0])]}


def fallback_text(reply: Reply) -> str:
    """The message's `text`: what notifications and screen readers show (escaped too)."""
    return _cut_plain(escape(reply.plain_text() or " "), MAX_FALLBACK_TEXT)


@dataclass(frozen=True)
class Rendered:
    blocks: list[Block]
    text: str

    def message(self) -> dict[str, Any]:
        return {"blocks": self.blocks, "text": self.text}


def render(reply: Reply, *, ref: ActionRef | None = None, private_note: bool = False,
           outcome: str | None = None) -> Rendered:
    """One reply as one Slack message.

    `ref` goes on the buttons' block; `private_note` adds "Solo tu vedi questo messaggio";
    `outcome` replaces the buttons with what happened ("Ordine confermato da … alle 10:32")."""
    blocks: list[Block] = []
    for section in reply.sections:
        blocks.extend(section_blocks(section))
    tail: list[Block] = []
    if outcome is not None:
        tail.append(context_block(outcome))
    elif reply.buttons:
        tail.extend(actions_blocks(reply.buttons, ref, _total_line(reply),
                                   cancellation=reply.intent == "subscription.cancel"))
    if private_note:
        tail.append(context_block(PRIVATE_NOTE))
    room = MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        blocks = [*blocks[:room - 1], context_block(
            "Il messaggio continua: chiedimi i dettagli che ti servono.")]
    return Rendered(blocks=blocks + tail, text=fallback_text(reply))


def plain_message(text: str) -> Rendered:
    """A one-paragraph message of the adapter's own (notes, refusals)."""
    return Rendered(blocks=[{"type": "section", "text": _text(piece)}
                            for piece in _chunks(mrkdwn(text), MAX_SECTION_TEXT)][:MAX_BLOCKS],
                    text=_cut_plain(escape(text), MAX_FALLBACK_TEXT))


def without_buttons(blocks: Iterable[Block], outcome: str) -> list[Block]:
    """A message as Slack sent it back with a click, its buttons replaced by the outcome line."""
    kept = [block for block in blocks if block.get("type") != "actions"]
    return [*kept[:MAX_BLOCKS - 1], context_block(outcome)]
