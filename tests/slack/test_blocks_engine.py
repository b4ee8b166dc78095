"""Every kind of reply the real engine produces, rendered as Slack would receive it, fits
Slack's Block Kit limits and mentions nobody.

The real engine, classifier, knowledge base and billing_core on the demo data: each demo
person (and a stranger, and an agent acting for a customer) sends one training phrase of every
intent plus a few hostile or long messages, then every button of the answer is pressed in a
fresh conversation, and the first button of what comes next too. Every message on the way is
rendered with `bot.slack.blocks.render` and checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.dialogue import ButtonPress, Place, Reply, Turn
from bot.slack.blocks import ActionRef, render
from tests.slack.limits import check_message

PEOPLE = {
    "maria.rossi@example.com": "",
    "giulia.verdi@example.com": "",
    "franco.verdi@example.com": "",
    "luca.bianchi@example.com": "",
    "nessuno@altrove.example": "",
    "supporto@example.com": "per conto di ACC-1001 ",
}
HOSTILE = [
    "<!channel> riduci a <@U0BOSS> le licenze & poi <!here>",
    "il mio collega <@U0LUCA|luca> dice: riduci a 8 le licenze di GoTo Webinar &amp; basta",
    "Buongiorno, scrivo perché il mese scorso abbiamo assunto tre persone e poi due se ne "
    "sono andate, quindi adesso vorremmo ridurre le licenze di GoTo Webinar da 10 a 7, ma "
    "prima vorrei capire quanto pagheremo e se la data di fatturazione cambia. " * 6,
    "ci servono altre 10 postazioni su GoTo Meeting",
    "passiamo al piano enterprise con fatturazione annuale",
    "disdici GoTo Webinar",
    "riattiva l'abbonamento",
    "a che punto è il mio ordine?",
    "parla con una persona",
]


def seeds() -> list[str]:
    from intents.training_data import load_training_set

    data = load_training_set()
    phrases = [examples[len(examples) // 2] for examples in data.intents.values()]
    return phrases + HOSTILE


@pytest.fixture
def engine(demo_url: str) -> Iterator[Any]:
    from bot.dialogue.bootstrap import open_engine

    with open_engine(demo_url) as opened:
        yield opened


def rendered_problems(replies: list[Reply], key: str) -> list[str]:
    problems = []
    for reply in replies:
        for private in (False, True):
            message = render(reply, ref=ActionRef(reply.prompt_id or "", key),
                             private_note=private)
            problems += [f"{reply.intent}: {p}" for p in check_message(message.blocks,
                                                                       message.text)]
    return problems


def test_every_engine_reply_fits_slack(engine: Any) -> None:
    counter = 0
    seen = 0
    problems: list[str] = []
    intents: set[str | None] = set()
    actions: set[str] = set()

    def turn(key: str, email: str, *, text: str | None = None,
             press: ButtonPress | None = None) -> list[Reply]:
        nonlocal seen
        result = engine.handle(Turn(conversation_key=key, user_email=email, channel="slack",
                                    text=text, action=press, place=Place(kind="dm")))
        seen += len(result.replies)
        intents.update(reply.intent for reply in result.replies)
        actions.update(button.action_id for reply in result.replies for button in reply.buttons)
        problems.extend(rendered_problems(result.replies, key))
        return list(result.replies)

    def last_buttons(replies: list[Reply]) -> list[Any]:
        with_buttons = [r for r in replies if r.buttons]
        return list(with_buttons[-1].buttons) if with_buttons else []

    for email, prefix in PEOPLE.items():
        for seed in seeds():
            counter += 1
            key = f"slack:T0:{counter}:D{counter}:"
            first = turn(key, email, text=prefix + seed)
            for index in range(min(4, len(last_buttons(first)))):
                walk = f"{key}{index}"
                again = last_buttons(turn(walk, email, text=prefix + seed))
                if index >= len(again):
                    continue
                pressed = again[index]
                then = turn(walk, email, press=ButtonPress(
                    action_id=pressed.action_id, value=pressed.value,
                    prompt_id=pressed.prompt_id or ""))
                follow = last_buttons(then)
                if follow:
                    turn(walk, email, press=ButtonPress(
                        action_id=follow[0].action_id, value=follow[0].value,
                        prompt_id=follow[0].prompt_id or ""))
    assert problems == []
    assert seen > 400
    assert {"licenses.reduce", "seats.add", "plan.change", "handoff", "out_of_scope",
            "billing_contact.who"} <= intents
    assert {"flow.confirm", "flow.edit", "flow.cancel", "handoff"} <= actions


@pytest.mark.parametrize(("channel", "request_text"), [
    ("D0REDUCE", "riduci a 8 le licenze di GoTo Webinar"),
    ("D0CANCEL", "disdici GoTo Webinar")])
def test_slack_s_confirm_dialog_states_the_summary_s_total(engine: Any, channel: str,
                                                           request_text: str) -> None:
    """Slack's own "Confermi l'ordine?" on Conferma repeats the total the summary shows (an
    order and a cancellation, whose total is 0,00 €)."""
    result = engine.handle(Turn(conversation_key=f"slack:T0:U0MARIA:{channel}:",
                                user_email="maria.rossi@example.com", channel="slack",
                                text=request_text, place=Place(kind="dm")))
    summary = next(r for r in result.replies
                   if any(b.action_id == "flow.confirm" for b in r.buttons))
    shown = {f.label: f.value for s in summary.sections for f in s.fields}
    rendered = render(summary, ref=ActionRef(summary.prompt_id or "", "k"))
    conferma = next(element for block in rendered.blocks if block["type"] == "actions"
                    for element in block["elements"] if element["action_id"] == "flow.confirm")
    dialog = conferma["confirm"]["text"]["text"]
    assert f"Totale dovuto oggi: {shown['Totale dovuto oggi']}." in dialog, dialog
