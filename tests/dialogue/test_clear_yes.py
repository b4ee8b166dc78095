"""Issue 7 part 1: an order only on a clear yes. At a summary, only the Conferma button or a
typed confirmation of the closed set places the order; a question gets its answer and the same
summary, a new value a new summary, hesitation "non è ancora confermato"; nothing is placed."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.dialogue import Turn
from bot.dialogue.confirmation import is_confirmation
from tests.dialogue.conftest import ChatFactory, account, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from bot.dialogue.engine import Engine

MARIA = "maria.rossi@example.com"
GIULIA = "giulia.verdi@example.com"
REDUCE = "riduci a 8 le licenze di GoTo Webinar"


def assert_summary_again(text: str, labels: list[str], total: str = "1.113,86 €") -> None:
    assert "non è ancora confermato" in text, text
    assert "Riepilogo dell'ordine" in text and f"Totale dovuto oggi: {total}" in text, text
    assert labels[-3:] == ["Conferma", "Modifica", "Annulla"]
    assert "Fatto!" not in text


@pytest.mark.parametrize("question", [
    "ok quindi pago 1113?", "ok ma perché così tanto?", "si ma è giusto?",
])
def test_a_question_at_the_summary_is_answered_and_the_summary_shown_again(
        chat: ChatFactory, service: BillingService, question: str) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(question)
    assert "Come si compone il riepilogo" in text
    assert "nuovo periodo" in text and "1.079,00 €" in text and "IVA" in text
    assert_summary_again(text, maria.labels)
    assert orders(service, "ACC-1001") == []


def test_can_i_cancel_later_is_a_question_not_a_yes(chat: ChatFactory,
                                                    service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say("va bene ma posso annullare dopo?")
    assert_summary_again(text, maria.labels)
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("hesitation", [
    "ok aspetta un attimo", "ok momento", "si ok aspetta che chiedo", "ah ok", "mmm ok",
    "ok capito", "va bene grazie", "ok", "sì però domani", "👍",
])
def test_hesitation_at_the_summary_places_nothing(chat: ChatFactory, service: BillingService,
                                                  hesitation: str) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(hesitation)
    assert_summary_again(text, maria.labels)
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


@pytest.mark.parametrize(("typed", "change"), [
    ("okay ma riduci a 9", "da 10 a 9 licenze"),
    ("si ma a 7", "da 10 a 7 licenze"),
    ("metti 7", "da 10 a 7 licenze"),
    ("facciamo 5 invece", "da 10 a 5 licenze"),
    ("nove", "da 10 a 9 licenze"),
    ("va bene ma annuale", "da 10 a 8 licenze, fatturazione da mensile ad annuale"),
])
def test_a_new_value_at_the_summary_gives_a_new_summary_and_places_nothing(
        chat: ChatFactory, service: BillingService, typed: str, change: str) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(typed)
    assert "Non ho confermato l'ordine del riepilogo precedente" in text
    assert change in text and "Riepilogo dell'ordine" in text
    assert maria.labels == ["Conferma", "Modifica", "Annulla"]
    assert orders(service, "ACC-1001") == []
    maria.say("sì")
    placed = orders(service, "ACC-1001")
    assert len(placed) == 1
    licenses = int(change.split(" a ")[1].split()[0])
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == licenses


def test_a_question_at_an_annual_plan_change_places_nothing(chat: ChatFactory,
                                                            service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("voglio pagare annuale il webinar")
    assert "Totale dovuto oggi: 27.817,22 €" in text
    text = maria.say("ok ma perché così tanto?")
    assert "prezzo di un periodo intero per 10 licenze (Pro, annuale)" in text
    assert_summary_again(text, maria.labels, total="27.817,22 €")
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").frequency == "monthly"


@pytest.mark.parametrize("typed", ["Conferma 🤔", "Conferma..", "Conferma 😬", "conferma?"])
def test_a_hesitant_button_label_typed_at_the_summary_places_nothing(
        chat: ChatFactory, service: BillingService, typed: str) -> None:
    """Typing a button's label presses it only when typed as plainly as a yes must be (found
    by the property test below: "Conferma 🤔" placed Giulia's seats order)."""
    giulia = chat(GIULIA)
    giulia.say("ci servono 10 postazioni in più di GoTo Meeting")
    giulia.click("Nuovo ordine")
    text = giulia.say(typed)
    assert "Fatto!" not in text
    assert "Conferma" in giulia.labels
    assert orders(service, "ACC-2001") == []
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    maria = chat(MARIA)
    maria.say(REDUCE)
    maria.say(typed)
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in giulia.say("Conferma")  # the label typed plainly still presses it
    assert len(orders(service, "ACC-2001")) == 1


def test_giulias_vat_question_keeps_her_open_quote_and_places_nothing(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat(GIULIA)
    giulia.say("ci servono 10 postazioni in più di GoTo Meeting")
    giulia.click("Nuovo ordine")
    text = giulia.say("ok, e l'iva?")
    assert "IVA al 22%: 283,53 €" in text
    assert_summary_again(text, giulia.labels, total="1.572,30 €")
    assert orders(service, "ACC-2001") == []
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]


def test_a_plain_yes_places_exactly_one_order(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    maria.say("ok ma perché così tanto?")
    maria.say("ok aspetta un attimo")
    text = maria.say("sì")
    assert "Fatto!" in text
    assert [(o.kind, str(o.total)) for o in orders(service, "ACC-1001")] == [
        ("licenses.reduce", "1113.86")]
    assert "non è più valido" in maria.say("sì") or "Fatto!" not in maria.text
    assert len(orders(service, "ACC-1001")) == 1


def test_the_offer_to_add_needs_a_clear_yes_too(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 15 le licenze di GoTo Webinar")
    text = maria.say("ok ma quanto costa?")
    assert "Vuoi aggiungerne 5?" in text and "Riepilogo" not in text
    text = maria.say("mmm ok")
    assert "Vuoi aggiungerne 5?" in text and "Riepilogo" not in text
    text = maria.say("si ma a 7")
    assert "da 10 a 7 licenze" in text
    assert orders(service, "ACC-1001") == []


def test_switching_to_another_request_needs_a_clear_yes(chat: ChatFactory,
                                                        service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    maria.say("voglio disdire GoTo Webinar")
    text = maria.say("ok aspetta")
    assert "Non ho ancora cambiato niente" in text and "Sì, lascia perdere" in maria.labels
    text = maria.say("sì")
    assert "disdetta" in text
    maria.say("ah ok")
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
    assert orders(service, "ACC-1001") == []


# -- the property: no message outside the closed set ever places an order -----------------

PIECES = [
    "ok", "okay", "sì", "si", "va bene", "ma", "però", "aspetta", "un attimo", "momento",
    "perché", "così tanto", "quindi", "pago", "1113", "?", "!", ",", "grazie", "capito", "ah",
    "mmm", "confermo", "procedi", "yes", "confirm", "a 9", "di 2", "annuale", "mensile",
    "webinar", "meeting", "domani", "e l'iva", "è giusto", "posso annullare dopo", "no", "non",
    "👍", "🤔", "...", "certo", "d'accordo", "facciamo", "nove", "7", "0", "-3", "standard",
    "pro", "business", "disdici", "riduci", "aggiungi", "licenze", "postazioni", "preventivo",
    "accetta", "rifiuta", "Conferma", "Modifica", "ordine", "dopo", "chiedo", "al capo",
    "forse", "tra poco", "🙂", "per favore", "invece", "tutto", "ok procedi", "sì confermo",
]
MESSAGES = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join),
    st.text(min_size=1, max_size=25),
)


def turn(engine: Engine, key: str, email: str, text: str) -> str:
    result = engine.handle(Turn(conversation_key=key, user_email=email, text=text))
    return "\n".join(reply.plain_text() for reply in result.replies)


def click(engine: Engine, key: str, email: str, label: str) -> None:
    from bot.dialogue import ButtonPress

    button = next(b for b in engine.current_buttons(key) if b.label == label)
    engine.handle(Turn(conversation_key=key, user_email=email, action=ButtonPress(
        action_id=button.action_id, value=button.value, prompt_id=button.prompt_id or "")))


SUMMARIES = {
    "licenses.reduce": (MARIA, "ACC-1001", [REDUCE]),
    "plan.change": (MARIA, "ACC-1001", ["voglio pagare annuale il webinar"]),
    "seats.add": (GIULIA, "ACC-2001", ["ci servono 10 postazioni in più di GoTo Meeting",
                                       "@Nuovo ordine"]),
}


@pytest.mark.parametrize("flow", sorted(SUMMARIES))
def test_no_message_outside_the_closed_set_places_an_order(
        engine: Engine, service: BillingService, flow: str) -> None:
    email, account_id, steps = SUMMARIES[flow]
    before = account(service, account_id)

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(message=MESSAGES)
    def at_the_summary(message: str) -> None:
        assume(not is_confirmation(message))
        key = f"property:{uuid.uuid4().hex}"
        for step in steps:
            if step.startswith("@"):
                click(engine, key, email, step[1:])
            else:
                turn(engine, key, email, step)
        assert "Conferma" in [b.label for b in engine.current_buttons(key)]
        text = turn(engine, key, email, message)
        assert "Fatto!" not in text, (message, text)
        now = account(service, account_id)
        assert now.orders == before.orders, message
        assert now.subscriptions == before.subscriptions, message
        assert now.quotes == before.quotes, message

    at_the_summary()


@pytest.mark.parametrize("question", [
    "sì ma prima dimmi quanto pago al mese dopo", "<@U0123ABC> ok ma dimmi quanto pago dopo",
])
def test_what_it_costs_afterwards_is_answered_and_nothing_changes(
        chat: ChatFactory, service: BillingService, question: str) -> None:
    """A question put as a request ("dimmi…") is a question; "al mese" names the frequency the
    plan already has, so it is no new value (it once turned the reduction into a plan change):
    the summary's explanation ends with what the plan renews for."""
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(question)
    assert "dal rinnovo del 22 dicembre 2026, paghi 2.430,24 € IVA inclusa al mese" in text, text
    assert_summary_again(text, maria.labels)
    assert maria.intents[-1] == "licenses.reduce"
    assert orders(service, "ACC-1001") == []


def test_a_question_about_another_product_at_the_summary_keeps_the_order_as_it_is(
        chat: ChatFactory, service: BillingService) -> None:
    """Giulia's "quante postazioni abbiamo di training?" at her GoTo Meeting seats summary once
    replaced it with a summary of 10 more GoTo Training seats: a product named in a question is
    what the question is about. The answer, then the same Meeting summary."""
    giulia = chat(GIULIA)
    giulia.say("ci servono altre 10 postazioni su GoTo Meeting")
    giulia.click("Nuovo ordine")
    assert "GoTo Meeting: 10 postazioni in più" in giulia.text
    text = giulia.say("quante postazioni abbiamo di training?")
    assert "GoTo Training Pro: 10 postazioni" in text, text
    assert "GoTo Meeting: 10 postazioni in più" in text
    assert "GoTo Training: 10 postazioni in più" not in text
    assert giulia.labels[-3:] == ["Conferma", "Modifica", "Annulla"]
    assert orders(service, "ACC-2001") == []


def test_a_bare_yes_after_the_offer_of_a_person_at_a_summary_places_nothing(
        chat: ChatFactory, service: BillingService) -> None:
    """"cosa succede ai dati?" at the summary got «non lo so … ti metto in contatto con una
    persona», then the summary again; the next "sì" placed the order, though it most likely
    accepted the person. A bare yes there answers neither; "confermo" names what it confirms."""
    maria = chat(MARIA)
    maria.say(REDUCE)
    assert "non lo so" in maria.say("cosa succede ai dati?")
    assert "Parla con una persona" in maria.labels
    text = maria.say("sì")
    assert text.startswith("Non ho fatto niente: non so se il tuo «sì»"), text
    assert "Totale dovuto oggi: 1.113,86 €" in text
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("confermo")
    assert len(orders(service, "ACC-1001")) == 1
