"""The terminal adapter: an interactive chat, or JSON lines for scripts (docs/contracts/cli.md).

Both talk to the same engine and database as Slack; the conversation key is
"terminal:<email>", so a conversation continues across separate invocations.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from bot.dialogue.replies import Button, Reply
from bot.dialogue.results import TurnResult
from bot.dialogue.turns import ButtonPress, Turn

if TYPE_CHECKING:
    from bot.dialogue.engine import Engine

SUMMARY_HINT = "per confermare scrivi «sì» o «Conferma»; oppure «Modifica» o «Annulla»"
HINT = ("Scrivi un messaggio e premi Invio. Per premere un pulsante scrivi il suo numero "
        "(a un riepilogo d'ordine, il suo nome). "
        "/as EMAIL per parlare come un'altra persona, /esci per uscire.")


def conversation_key(email: str) -> str:
    return f"terminal:{email.strip().lower()}"


def find_button(buttons: list[Button], wanted: str) -> Button | None:
    """The button named by `wanted`: its action_id first, then its visible label
    (case-insensitive)."""
    for button in buttons:
        if button.action_id == wanted:
            return button
    folded = wanted.strip().casefold()
    for button in buttons:
        if button.action_id.casefold() == folded:
            return button
    for button in buttons:
        if button.label.casefold() == folded:
            return button
    return None


class TerminalSession:
    """One person chatting in the terminal."""

    def __init__(self, engine: Engine, email: str) -> None:
        self.engine = engine
        self.email = email.strip()

    @property
    def key(self) -> str:
        return conversation_key(self.email)

    def say(self, text: str) -> TurnResult:
        return self.engine.handle(Turn(conversation_key=self.key, user_email=self.email,
                                       channel="terminal", text=text))

    def buttons(self) -> list[Button]:
        """The buttons of the last message that had some (the ones a number or a click
        presses), each with that message's prompt id."""
        return self.engine.current_buttons(self.key)

    def press(self, button: Button) -> TurnResult:
        return self.engine.handle(Turn(
            conversation_key=self.key, user_email=self.email, channel="terminal",
            action=ButtonPress(action_id=button.action_id, value=button.value,
                               prompt_id=button.prompt_id or "")))


def reply_json(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.plain_text(),
        "intent": reply.intent,
        "buttons": [{"action_id": b.action_id, "label": b.label, "value": b.value,
                     "prompt_id": b.prompt_id} for b in reply.buttons],
        "private": reply.private,
    }


def _notice(text: str) -> dict[str, Any]:
    return {"text": text, "intent": None, "buttons": []}


def run_json(session: TerminalSession, lines: Iterable[str], out: TextIO) -> None:
    """`{"text": ...}` or `{"click": ...}` per line in; one JSON object per bot message out."""

    def emit(message: dict[str, Any]) -> None:
        out.write(json.dumps(message, ensure_ascii=False) + "\n")
        out.flush()

    for line in lines:
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            result = session.say(data["text"])
        elif isinstance(data, dict) and isinstance(data.get("click"), str):
            buttons = session.buttons()
            button = find_button(buttons, data["click"])
            if button is None:
                labels = ", ".join(f"«{b.label}»" for b in buttons) or "nessuno"
                emit(_notice(f"Non c'è nessun pulsante «{data['click']}» nell'ultimo "
                             f"messaggio. Pulsanti disponibili: {labels}."))
                continue
            result = session.press(button)
        else:
            emit(_notice('Riga non valida: serve un oggetto JSON come {"text": "..."} '
                         'oppure {"click": "..."}.'))
            continue
        for reply in result.replies:
            emit(reply_json(reply))


NOT_BY_NUMBER = frozenset({"flow.confirm"})
"""Buttons a typed number never presses: at an order summary a number is what it says (a
count, "metti 1"), and the order is placed only by typing «sì» or the button's name."""


def by_number(buttons: list[Button]) -> bool:
    """Whether these buttons are numbered choices (not at an order summary)."""
    return bool(buttons) and not any(b.action_id in NOT_BY_NUMBER for b in buttons)


def render(reply: Reply) -> str:
    """A reply as the interactive transcript shows it, buttons as numbered choices (at an
    order summary, by name: the order is confirmed by typing, never by a number)."""
    lines = ["bot> " + line if index == 0 else "     " + line
             for index, line in enumerate(reply.plain_text().splitlines() or [""])]
    if by_number(reply.buttons):
        lines.extend(f"     [{number}] {button.label}"
                     for number, button in enumerate(reply.buttons, start=1))
    elif reply.buttons:
        lines.append("     " + "  ".join(f"[{button.label}]" for button in reply.buttons))
        lines.append(f"     ({SUMMARY_HINT})")
    return "\n".join(lines)


def run_interactive(session: TerminalSession, read: Callable[[str], str], out: TextIO,
                    describe: Callable[[str], str]) -> None:
    """A readable transcript; reads with `read(prompt)` until end of input or /esci."""
    out.write(f"Assistente di fatturazione GoTo: parli come {describe(session.email)}"
              f"{'' if describe(session.email).endswith('.') else '.'}\n"
              f"{HINT}\n\n")
    while True:
        try:
            line = read("tu> ").strip()
        except EOFError:
            out.write("\n")
            return
        if line in ("/esci", "/exit", "/quit"):
            return
        if line.startswith("/as"):
            session = speak_as(session, line[3:].strip(), out, describe)
        elif line:
            result = interactive_turn(session, line, out)
            for reply in result.replies if result is not None else []:
                out.write(render(reply) + "\n\n")
            out.flush()


def speak_as(session: TerminalSession, email: str, out: TextIO,
             describe: Callable[[str], str]) -> TerminalSession:
    """`/as <e-mail>`: the conversation of that person from now on."""
    if not email:
        out.write("Scrivi /as seguito dall'e-mail, per esempio /as giulia.verdi@example.com\n")
        return session
    who = describe(email)
    out.write(f"Ora parli come {who}{'' if who.endswith('.') else '.'}\n\n")
    return TerminalSession(session.engine, email)


def interactive_turn(session: TerminalSession, line: str, out: TextIO) -> TurnResult | None:
    """A typed line: a button's number while there are buttons, otherwise a message; None
    for a number with no such button (said on `out`)."""
    buttons = session.buttons()
    if line.isdigit() and by_number(buttons):
        number = int(line)
        if not 1 <= number <= len(buttons):
            out.write(f"Non c'è un pulsante {number}: scegli da 1 a {len(buttons)}.\n")
            return None
        result = session.press(buttons[number - 1])
    else:
        result = session.say(line)  # a typed label presses its button as in Slack
    if result.outcome:
        # what Slack shows in place of the pressed message's buttons
        out.write(f"     ({result.outcome})\n\n")
    return result
