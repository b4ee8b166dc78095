"""A number typed at a question that turns the request around keeps the question's direction.

Maria asked to reduce to 12 of her 10 licenses: «Hai 10 licenze: 12 non è una riduzione. Vuoi
aggiungerne 2?». Her "sì ma 3" once became a reduction TO 3 (summary 10 → 3, a credit, 0,00 €
to pay); "aggiungine 1" asked the same question again. A number after a yes, or on its own, is
how many to add; what could mean either is asked about; nothing is placed without the summary
and a yes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import Chat

MARIA = "maria.rossi@example.com"
ADD_TWO = "Vuoi aggiungerne 2?"


def at_add_instead(chat: ChatFactory) -> Chat:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    assert ADD_TWO in maria.say("dodici")
    return maria


@pytest.mark.parametrize(("typed", "total"), [
    ("sì ma 3", 13), ("si, però 4", 14), ("3", 13), ("ok 1", 11), ("aggiungine 1", 11),
    ("mettine 5 in più", 15), ("sì, 13 in tutto", 13), ("facciamo 13", 13),
])
def test_a_number_at_add_instead_is_how_many_to_add(
        chat: ChatFactory, service: BillingService, typed: str, total: int) -> None:
    maria = at_add_instead(chat)
    text = maria.say(typed)
    assert f"da 10 a {total} licenze" in text, text
    assert "Riepilogo dell'ordine" in text and maria.labels == ["Conferma", "Modifica", "Annulla"]
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("sì")
    assert len(orders(service, "ACC-1001")) == 1
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == total


@pytest.mark.parametrize(("typed", "asked"), [
    ("no, 3", "3 licenze in più (13 in tutto) o 3 licenze in tutto"),
    ("15", "15 licenze in più (25 in tutto) o 15 licenze in tutto"),
    ("facciamo 3", "3 licenze in più (13 in tutto) o 3 licenze in tutto"),
    ("sì, però mettine 4", "4 licenze in più (14 in tutto) o 4 licenze in tutto"),
])
def test_a_number_that_could_go_either_way_is_asked_about(
        chat: ChatFactory, service: BillingService, typed: str, asked: str) -> None:
    maria = at_add_instead(chat)
    text = maria.say(typed)
    assert asked in text and ADD_TWO in text, text
    assert "Riepilogo" not in text
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


@pytest.mark.parametrize(("typed", "change"), [
    ("no, a 8", "da 10 a 8 licenze"), ("sì ma togline 2", "da 10 a 8 licenze"),
    ("si ma a 7", "da 10 a 7 licenze"),
])
def test_a_reduction_said_as_such_is_still_one(chat: ChatFactory, service: BillingService,
                                               typed: str, change: str) -> None:
    maria = at_add_instead(chat)
    text = maria.say(typed)
    assert change in text and "Riepilogo dell'ordine" in text
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize(("typed", "change"), [
    ("sì ma 6", "da 10 a 6 licenze"), ("6", "da 10 a 6 licenze"),
    ("aggiungine 3", "da 10 a 13 licenze"),
])
def test_a_number_at_reduce_instead_keeps_that_direction(
        chat: ChatFactory, service: BillingService, typed: str, change: str) -> None:
    """The other turning question: an addition to 7 of 10 licenses is «Vuoi ridurle a 7?»."""
    maria = chat(MARIA)
    maria.say("aggiungi licenze al webinar")
    assert "Vuoi ridurle a 7?" in maria.say("a 7")
    text = maria.say(typed)
    assert change in text and "Riepilogo dell'ordine" in text, text
    assert orders(service, "ACC-1001") == []


def test_a_bare_number_above_todays_at_reduce_instead_is_asked_about(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("aggiungi licenze al webinar")
    maria.say("a 7")
    text = maria.say("12")
    assert "12 licenze in più (22 in tutto) o 12 licenze in tutto" in text
    assert "Vuoi ridurle a 7?" in text and "Riepilogo" not in text
    assert orders(service, "ACC-1001") == []
