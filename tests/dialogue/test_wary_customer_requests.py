"""What a wary customer's pass on the demo data found, each driven as a person would type it.

- "riduci a 8 le licenze di GoTo Webinar e passa all'annuale" was answered as "due modifiche di
  prodotti diversi": the second request names no product, so it is the first one's.
- "riduci GoTo Webinar a 8, anzi no a 6, e GoToAssist a 2" at a summary lost GoToAssist's part
  without a word, even after the order.
- "ok, tanto poi lo riattivo" at a cancellation's summary asked whether to drop it for a
  reactivation; a "sì" dropped it and nothing was done.
- Giulia (corporate) was offered «Vuoi ridurle a 7?» at the open-quote question, then told a
  reduction is not made here, her request lost.
- Anna's "ok ma con 3 licenze" at the reactivation's summary got a bare "non ancora confermato".

Nothing is ever placed without a summary and an unmistakable yes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"
GIULIA = "giulia.verdi@example.com"
ANNA = "anna.bianchi@example.com"


def test_a_second_request_naming_no_product_is_for_the_first_ones_product(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("riduci a 8 le licenze di GoTo Webinar e passa all'annuale")
    assert "prodotti diversi" not in text, text
    assert "in un solo riepilogo" in text
    assert "GoTo Webinar: da 10 a 8 licenze, fatturazione da mensile ad annuale." in text
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("sì")
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert (webinar.licenses, webinar.frequency) == (8, "annual")
    assert subscription(service, "ACC-1001", "gotoassist_v4").licenses == 3
    assert len(orders(service, "ACC-1001")) == 1


def test_another_products_part_of_a_correction_is_kept_and_offered_after_the_order(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    text = maria.say("riduci GoTo Webinar a 8, anzi no a 6, e GoToAssist a 2")
    assert "mi chiedi anche di ridurre le licenze (GoToAssist)" in text, text
    assert "te lo propongo appena abbiamo finito" in text
    assert "GoTo Webinar: da 10 a 6 licenze." in text and "GoToAssist Supporto" not in text
    assert orders(service, "ACC-1001") == []
    text = maria.say("sì")
    assert "Fatto!" in text
    assert "Avevi chiesto anche di ridurre le licenze (GoToAssist)" in text, text
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 6
    assert subscription(service, "ACC-1001", "gotoassist_v4").licenses == 3
    text = maria.say("sì")  # the offer: a summary, nothing placed yet
    assert "GoToAssist Supporto remoto v4: da 3 a 2 licenze." in text and "Fatto!" not in text
    assert len(orders(service, "ACC-1001")) == 1
    assert "Fatto!" in maria.say("sì")
    assert subscription(service, "ACC-1001", "gotoassist_v4").licenses == 2
    assert len(orders(service, "ACC-1001")) == 2


def test_reactivating_later_said_at_a_cancellations_summary_keeps_it(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio disdire GoTo Webinar")
    text = maria.say("ok, tanto poi lo riattivo")
    assert "lasciar perdere" not in text, text
    assert "Riattivare dopo la disdetta" in text and "Confermi la disdetta?" in text
    assert "La disdetta non è ancora confermata" in text
    assert orders(service, "ACC-1001") == []
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
    assert "Fatto! Ho registrato la disdetta" in maria.say("sì")
    assert subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end


def test_reactivate_now_at_a_cancellations_summary_is_still_another_request(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio disdire GoTo Webinar")
    text = maria.say("no aspetta, riattivalo")
    assert "Vuoi lasciar perdere" in text or "non ho registrato" in text, text
    assert orders(service, "ACC-1001") == []


def test_a_corporate_count_at_the_open_quote_question_is_seats_to_add(
        chat: ChatFactory, service: BillingService) -> None:
    """Article 003: a corporate account adds seats (the quantity is the seats to add); a
    reduction is not made here, so it is never offered: "portale a sette" is 7 more, as at
    the new order's summary."""
    giulia = chat(GIULIA)
    giulia.say("ci servono altre 10 postazioni su GoTo Meeting")
    giulia.click("Accetta il preventivo")
    giulia.click("Modifica")
    text = giulia.say("portale a sette")
    assert "ridurle" not in text and "Corporate" not in text, text
    assert "GoTo Meeting: 7 postazioni in più (da 50 a 57)." in text
    assert orders(service, "ACC-2001") == []
    assert "Fatto!" in giulia.say("sì")
    assert [o.kind for o in orders(service, "ACC-2001")] == ["seats.add"]


def test_fewer_seats_are_never_offered_to_a_corporate_account(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat(GIULIA)
    giulia.say("ci servono altre 10 postazioni su GoTo Meeting")
    giulia.click("Nuovo ordine")
    text = giulia.say("togline 3")
    assert "Vuoi ridurle" not in text and "Sì, riduci" not in giulia.labels, text
    assert "Per gli account Corporate" in text and "Quante postazioni vuoi aggiungere?" in text
    text = giulia.say("4")
    assert "GoTo Meeting: 4 postazioni in più (da 50 a 54)." in text, text
    assert orders(service, "ACC-2001") == []


def test_a_count_at_a_reactivations_summary_is_explained_and_offered_after_it(
        chat: ChatFactory, service: BillingService) -> None:
    anna = chat(ANNA)
    anna.say("voglio riattivare GoTo Meeting")
    text = anna.say("ok ma con 3 licenze")
    assert "il numero non si cambia nella stessa operazione" in text, text
    assert "prima conferma la riattivazione" in text and "Licenze: 5" in text
    assert orders(service, "ACC-4001") == []
    text = anna.say("sì")
    assert "Fatto!" in text and "passare a 3 licenze per GoTo Meeting" in text, text
    meeting = subscription(service, "ACC-4001", "gotomeeting")
    assert (meeting.status, meeting.licenses) == ("active", 5)
    text = anna.say("sì")
    assert "GoTo Meeting: da 5 a 3 licenze." in text and "Fatto!" not in text, text
    assert len(orders(service, "ACC-4001")) == 1
    assert "Fatto!" in anna.say("sì")
    assert subscription(service, "ACC-4001", "gotomeeting").licenses == 3


def test_a_total_in_all_below_todays_seats_is_no_addition(
        chat: ChatFactory, service: BillingService) -> None:
    """"portale a 45 in tutto" at the summary of 10 more seats out of 50 became 45 more (95
    seats, 7.075,33 €): a total said as one is a reduction, which is not made here."""
    giulia = chat(GIULIA)
    giulia.say("ci servono altre 10 postazioni su GoTo Meeting")
    giulia.click("Nuovo ordine")
    text = giulia.say("portale a 45 in tutto")
    assert "95" not in text and "Riepilogo" not in text, text
    assert "Hai 50 postazioni: passare a 45 è una riduzione. Per gli account Corporate" in text
    assert "Quante postazioni vuoi aggiungere?" in text
    giulia.say("sì")
    assert orders(service, "ACC-2001") == []
    assert subscription(service, "ACC-2001", "gotomeeting").licenses == 50


def test_a_count_asked_with_the_reactivation_is_said_not_dropped(
        chat: ChatFactory, service: BillingService) -> None:
    anna = chat(ANNA)
    text = anna.say("riattiva GoTo Meeting con 3 licenze")
    if "Riattivare un abbonamento" in anna.labels:  # the matcher may ask "Intendevi…?" first
        text = anna.click("Riattivare un abbonamento")
    assert "il numero non si cambia nella stessa operazione" in text, text
    assert "Licenze: 5" in text and orders(service, "ACC-4001") == []
    text = anna.say("sì")
    assert "passare a 3 licenze per GoTo Meeting" in text, text
    assert subscription(service, "ACC-4001", "gotomeeting").licenses == 5
