"""The engine driven by hostile and broken input: random text, unicode, control characters,
40,000-character messages, Slack markup (decoded as the adapter does), random button values and
prompt ids, people pressing each other's buttons. Whatever arrives:

- the engine never raises;
- nobody is shown another account's data (its name, id, contacts' e-mails, its people's names);
- no order is placed except on a confirmation (the Conferma button, or a typed yes of the
  closed set) by the billing contact of that account or an agent acting for it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from billing_core import BillingService
from bot.dialogue.confirmation import is_confirmation
from bot.dialogue.engine import Engine
from bot.dialogue.results import TurnResult
from bot.slack.text import decode
from tests.hostile.conftest import AGENT, STRANGER, Person


@dataclass(frozen=True)
class Who:
    email: str
    account: str | None
    contact: bool


PEOPLE = [
    Who("maria.rossi@example.com", "ACC-1001", True),
    Who("luca.bianchi@example.com", "ACC-1001", False),
    Who("giulia.verdi@example.com", "ACC-2001", True),
    Who("elena.ferri@example.com", "ACC-6001", True),
    Who("anna.bianchi@example.com", "ACC-4001", True),
    Who(STRANGER, None, False),
    Who(AGENT, None, False),
]
ACCOUNTS = {
    # what only that account's people (and agents) may read
    "ACC-1001": ("Rossi Consulting", "maria.rossi@example.com", "luca.bianchi@example.com",
                 "ACC-1001", "IT07643520567"),
    "ACC-2001": ("Acme Italia", "giulia.verdi@example.com", "ACC-2001", "Q-2001-1",
                 "IT12345670017"),
    "ACC-4001": ("Bianchi & Figli", "anna.bianchi@example.com", "ACC-4001", "IT02845610365"),
    "ACC-6001": ("Ferri Design", "elena.ferri@example.com", "ACC-6001"),
    "ACC-5001": ("Verdi Logistica", "franco.verdi@example.com", "ACC-5001"),
}
ORDER_ACTIONS = ("flow.confirm",)

REQUESTS = [
    "riduci a 8 le licenze di GoTo Webinar", "ci servono 10 postazioni in più di GoTo Meeting",
    "voglio pagare annuale il webinar", "disdici l'abbonamento a GoTo Webinar",
    "riattiva GoTo Meeting", "passa GoTo Webinar al piano enterprise", "sì", "confermo",
    "procedi", "ok procedi", "no", "annulla", "quanto pago?", "chi è il contatto di "
    "fatturazione?", "per conto di ACC-1001 riduci a 7 le licenze di GoTo Webinar",
    "per conto di ACC-2001 ci servono 3 postazioni in più", "per conto di ACC-1001",
    "per conto di maria.rossi@example.com mostrami l'account", "ACC-2001", "mostrami l'account",
    "parla con una persona", "8", "nove", "Q-2001-1", "PRV-0000", "👍", "sì confermo",
]
MARKUP = ["<@U0MARIA>", "<!channel>", "<!here>", "<#C0GENERAL|generale>",
          "<mailto:giulia.verdi@example.com|giulia.verdi@example.com>",
          "<https://evil.example/|clicca qui>", "&lt;script&gt;", "*grassetto*", "`codice`",
          "```blocco```", "> citazione", ":white_check_mark:"]
CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f\u200b\u202e\ufeff\u2028"

texts = st.one_of(
    st.sampled_from(REQUESTS),
    st.text(min_size=0, max_size=200),
    st.text(alphabet=st.sampled_from(CONTROL + string.ascii_letters), max_size=60),
    st.lists(st.sampled_from(REQUESTS + MARKUP), min_size=1, max_size=5).map(" ".join),
    st.builds(lambda piece, n: (piece + " ") * n, st.sampled_from(REQUESTS + MARKUP),
              st.integers(1000, 4000)).map(lambda t: t[:40_000]),
)
ACTION_IDS = ["flow.confirm", "flow.edit", "flow.cancel", "flow.yes", "flow.no", "switch.yes",
              "switch.no", "intent.0", "handoff", "flow.subscription.0", "flow.plan.enterprise",
              "flow.quote.accept", "flow.quote.reject", "flow.quote.new", "flow.frequency.annual"]

step = st.one_of(
    st.tuples(st.just("say"), st.integers(0, len(PEOPLE) - 1), texts),
    # a button currently shown to someone, pressed by anyone, in either conversation
    st.tuples(st.just("press_shown"), st.integers(0, len(PEOPLE) - 1),
              st.integers(0, len(PEOPLE) - 1), st.integers(0, 24), st.booleans()),
    # someone presses the Conferma shown in a conversation (their own, or someone else's)
    st.tuples(st.just("confirm"), st.integers(0, len(PEOPLE) - 1),
              st.integers(0, len(PEOPLE) - 1)),
    # made-up presses: a known action with a random value and prompt id
    st.tuples(st.just("press_forged"), st.integers(0, len(PEOPLE) - 1),
              st.sampled_from(ACTION_IDS), st.text(max_size=40), st.text(max_size=20)),
)


def key_of(index: int) -> str:
    return f"slack:T0PROP:U{index}:D0PROP{index}:"


def foreign(who: Who) -> set[str]:
    """What this person must never read: other accounts' names, ids and people."""
    if who.email == AGENT:
        return set()
    return {marker for account, markers in ACCOUNTS.items() if account != who.account
            for marker in markers}


def orders_by_account(service: BillingService) -> dict[str, int]:
    counts = {}
    for account in ACCOUNTS:
        view = service.find_account(account)
        assert view is not None
        counts[account] = len(view.orders)
    return counts


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=st.one_of(
    st.lists(step, min_size=1, max_size=8),
    st.tuples(st.sampled_from([0, 2, 6]), st.lists(step, min_size=1, max_size=7)).map(
        lambda t: [("say", t[0], "riduci a 8 le licenze di GoTo Webinar" if t[0] != 2 else
                    "ci servono 10 postazioni in più di GoTo Meeting")] + t[1]),
))
def test_hostile_conversations(engine: Engine, service: BillingService,
                               steps: list[tuple[Any, ...]]) -> None:
    people = [Person(engine, who.email, key_of(i)) for i, who in enumerate(PEOPLE)]
    typed: dict[int, str] = {i: "" for i in range(len(PEOPLE))}
    for action in steps:
        before = orders_by_account(service)
        done = perform(engine, people, typed, action)
        if done is None:
            continue  # nothing shown to press
        index, result, confirmation = done
        who = PEOPLE[index]
        text = "\n".join(reply.plain_text() for reply in result.replies)
        leaked = {m for m in foreign(who) if m.lower() in text.lower()
                  and m.lower() not in typed[index].lower()}
        assert not leaked, (who.email, leaked, text[:500])
        check_orders(service, before, who, confirmation, action)
        if result.click is not None:
            event(f"press {result.click}")
        if any(b.label == "Conferma" for r in result.replies for b in r.buttons):
            event("a summary was shown")


def perform(engine: Engine, people: list[Person], typed: dict[int, str],
            action: tuple[Any, ...]) -> tuple[int, TurnResult, bool] | None:
    """One step: (who acted, what the engine answered, whether it was a confirmation);
    None when there was nothing to press."""
    if action[0] == "say":
        _, index, raw = action
        text = decode(raw)
        typed[index] += " " + text
        return index, people[index].say(text), is_confirmation(text)
    if action[0] == "press_shown":
        _, index, owner, pick, own_conversation = action
        shown = engine.current_buttons(key_of(owner))
        if not shown:
            return None
        button = shown[pick % len(shown)]
        key = key_of(index) if own_conversation else key_of(owner)
        result = people[index].press(button.action_id, button.value, button.prompt_id or "",
                                     key=key)
        return index, result, button.action_id in ORDER_ACTIONS and key == key_of(owner)
    if action[0] == "confirm":
        _, index, owner = action
        shown = [b for b in engine.current_buttons(key_of(owner))
                 if b.action_id == "flow.confirm"]
        if not shown:
            return None
        result = people[index].press("flow.confirm", shown[0].value, shown[0].prompt_id or "",
                                     key=key_of(owner))
        return index, result, True
    _, index, action_id, value, prompt = action
    return index, people[index].press(action_id, value, prompt), False


def check_orders(service: BillingService, before: dict[str, int], who: Who,
                 confirmation: bool, action: tuple[Any, ...]) -> None:
    """A new order only on a confirmation, by that account's billing contact or an agent."""
    for account, count in orders_by_account(service).items():
        if count == before[account]:
            continue
        assert count == before[account] + 1, (account, action)
        assert confirmation, (f"an order on {account} without a confirmation", action)
        allowed = who.email == AGENT or (who.contact and who.account == account)
        assert allowed, (f"{who.email} placed an order on {account}", action)
        event("an order was placed")


@pytest.mark.parametrize("text", ["Conferma ?", "conferma?", "Conferma?!", "CONFERMA ??"])
def test_the_confirm_label_asked_as_a_question_places_nothing(
        engine: Engine, service: BillingService, text: str) -> None:
    """Typing a button's label presses it; asking it ("Conferma ?") does not."""
    maria = Person(engine, "maria.rossi@example.com", "slack:T0:U0MARIA:D0ASK:")
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Conferma" in maria.labels()
    before = orders_by_account(service)
    maria.say(text)
    assert orders_by_account(service) == before, maria.text
    assert "Conferma" in maria.labels()


@pytest.mark.parametrize("piece", ["👍", "ok", "sì", "procedi"])
def test_a_very_long_run_of_yeses_is_read_without_failing(
        engine: Engine, service: BillingService, piece: str) -> None:
    """A message of thousands of confirmations (pasted, or a stuck key) is one message like
    any other: the engine answers it, and it orders only if it is the closed set's yes."""
    maria = Person(engine, "maria.rossi@example.com", "slack:T0:U0MARIA:D0LONG:")
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    before = orders_by_account(service)["ACC-1001"]
    text = " ".join([piece] * 5000)
    result = maria.say(text)
    assert result.replies
    assert orders_by_account(service)["ACC-1001"] == before + int(is_confirmation(text))


def test_an_old_button_pressed_by_someone_else_shows_them_nothing_of_the_conversation(
        engine: Engine, service: BillingService) -> None:
    """A stale press in someone else's conversation is refused without repeating its pending
    question (Giulia's quote Q-2001-1 and her account's figures stay hers)."""
    giulia = Person(engine, "giulia.verdi@example.com", "slack:T0:U0GIULIA:D0STALE:")
    giulia.say("ci servono 10 postazioni in più di GoTo Meeting")
    shown = engine.current_buttons(giulia.key)
    assert shown and "Q-2001-1" in giulia.text
    stranger = Person(engine, STRANGER, giulia.key)
    result = stranger.press(shown[0].action_id, shown[0].value, "an-older-prompt")
    assert result.click == "refused"
    assert "Q-2001-1" not in stranger.text and "Acme" not in stranger.text
    assert [b.prompt_id for b in engine.current_buttons(giulia.key)] == \
        [b.prompt_id for b in shown]
