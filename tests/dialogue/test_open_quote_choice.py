"""Giulia's open quote: «C'è un preventivo aperto (Q-2001-1)…» with Accetta il preventivo /
Rifiuta il preventivo / Nuovo ordine. "accetto?" (a question) once chose accept and showed its
summary; "procedi" / "vai avanti" chose «Nuovo ordine», whose confirmation expires the quote.
A question is answered (what that choice does), a go-ahead that names no choice gets the three
listed; the choice question stays, and nothing is placed without a summary and a yes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, account, orders

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import Chat

GIULIA = "giulia.verdi@example.com"
CHOICES = ["Accetta il preventivo", "Rifiuta il preventivo", "Nuovo ordine"]


def at_the_choice(chat: ChatFactory) -> Chat:
    giulia = chat(GIULIA)
    giulia.say("ci servono altre 10 postazioni su GoTo Meeting")
    assert giulia.labels == CHOICES
    return giulia


def nothing_done(service: BillingService) -> None:
    assert orders(service, "ACC-2001") == []
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]


@pytest.mark.parametrize(("question", "answer"), [
    ("accetto?", "Se accetti il preventivo Q-2001-1"),
    ("se lo accetto cosa succede?", "Se accetti il preventivo Q-2001-1"),
    ("cosa succede se rifiuto?", "Se rifiuti il preventivo Q-2001-1"),
    ("non lo accetto?", "Se rifiuti il preventivo Q-2001-1"),
    ("e se faccio un nuovo ordine?", "il preventivo Q-2001-1 scade subito"),
])
def test_a_question_about_a_choice_is_answered_not_taken(
        chat: ChatFactory, service: BillingService, question: str, answer: str) -> None:
    giulia = at_the_choice(chat)
    text = giulia.say(question)
    assert answer in text, text
    assert "Riepilogo" not in text and "Vuoi davvero rifiutare" not in text
    assert giulia.labels == CHOICES
    nothing_done(service)


def test_accepting_still_tells_about_the_seats_asked_for(chat: ChatFactory) -> None:
    giulia = at_the_choice(chat)
    text = giulia.say("accetto?")
    assert "Le 10 postazioni in più che hai chiesto non sono comprese" in text


@pytest.mark.parametrize("go_ahead", ["procedi", "vai avanti", "sì", "ok", "continua", "👍",
                                      "1", "3"])
def test_a_go_ahead_is_no_choice_among_three(chat: ChatFactory, service: BillingService,
                                             go_ahead: str) -> None:
    giulia = at_the_choice(chat)
    text = giulia.say(go_ahead)
    assert "puoi fare tre cose: accettarlo, rifiutarlo oppure fare un nuovo ordine" in text, text
    assert "Riepilogo" not in text and giulia.labels == CHOICES
    nothing_done(service)


@pytest.mark.parametrize(("typed", "shown"), [
    ("accetta", "accetti il preventivo per passare a 55 postazioni"),
    ("procedi con un nuovo ordine", "10 postazioni in più (da 50 a 60)"),
    ("2 postazioni", "2 postazioni in più (da 50 a 52)"),
    ("1 postazione", "1 postazione in più (da 50 a 51)"),
    ("rifiutalo", "Vuoi davvero rifiutare il preventivo Q-2001-1"),
])
def test_a_choice_named_is_taken_and_still_needs_a_yes(
        chat: ChatFactory, service: BillingService, typed: str, shown: str) -> None:
    giulia = at_the_choice(chat)
    assert shown in giulia.say(typed)
    nothing_done(service)


def test_a_question_that_names_no_choice_gets_what_each_one_does(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = at_the_choice(chat)
    text = giulia.say("quale mi conviene?")
    assert "Se accetti il preventivo Q-2001-1" in text and "Se rifiuti" in text, text
    assert "Se scegli un nuovo ordine" in text and giulia.labels == CHOICES
    nothing_done(service)
