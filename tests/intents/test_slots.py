"""Slots read from sentences and from short replies to the bot's questions."""

from __future__ import annotations

import pytest

from intents.slots import extract_slots


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("GoTo Webinar", "gotowebinar"),
        ("gotowebinar", "gotowebinar"),
        ("webinar", "gotowebinar"),
        ("GoToWebinar", "gotowebinar"),
        ("go to webinar", "gotowebinar"),
        ("gotowebiner", "gotowebinar"),          # typo
        ("goto webinr", "gotowebinar"),          # typo
        ("GoTo Meeting", "gotomeeting"),
        ("go to meting", "gotomeeting"),
        ("GoTo Training", "gototraining"),
        ("GoToAssist Supporto remoto v4", "gotoassist_v4"),
        ("Supporto remoto v4", "gotoassist_v4"),
        ("Remote Support v4", "gotoassist_v4"),
        ("gotoasist v4", "gotoassist_v4"),       # typo, version exact
        ("GoToAssist v5", "gotoassist_v5"),
        ("GoToAssist v 5", "gotoassist_v5"),
        ("riduci le licenze di <https://x.example|GoTo Webinar>", "gotowebinar"),
    ],
)
def test_product_aliases(text: str, product: str) -> None:
    assert extract_slots(text).get("product") == product


@pytest.mark.parametrize(
    "text",
    [
        "GoToAssist",                             # neither v4 nor v5
        "disdire GoToAssist",
        "supporto remoto",                        # no version: no guess
        "voglio ridurre le licenze",
        "passare da GoTo Meeting a GoTo Webinar", # two products: which one is not said
    ],
)
def test_no_product_when_the_text_does_not_say_one(text: str) -> None:
    assert "product" not in extract_slots(text)


def test_a_version_digit_must_match_exactly() -> None:
    assert extract_slots("gotoassist v4")["product"] == "gotoassist_v4"
    assert extract_slots("gotoassist v5")["product"] == "gotoassist_v5"
    assert "product" not in extract_slots("gotoassist v6")


@pytest.mark.parametrize(
    ("text", "count", "mode"),
    [
        ("riduci a 5", 5, "set"),
        ("portale a 5", 5, "set"),
        ("riduci a cinque le licenze", 5, "set"),
        ("da 10 a 7", 7, "set"),
        ("passare da dieci a sette licenze", 7, "set"),
        ("reduce to 3 licenses", 3, "set"),
        ("voglio 8 licenze in totale", 8, "set"),
        ("togli 2", 2, "remove"),
        ("togli due licenze", 2, "remove"),
        ("2 in meno", 2, "remove"),
        ("rimuovi 3 licenze", 3, "remove"),
        ("riduci di 2", 2, "remove"),
        ("eliminare una licenza", 1, "remove"),
        ("2 fewer licenses", 2, "remove"),
        ("drop two seats", 2, "remove"),
        ("aggiungi 3", 3, "add"),
        ("altre 3", 3, "add"),
        ("3 in più", 3, "add"),
        ("ci servono sei postazioni in più", 6, "add"),
        ("add five seats", 5, "add"),
        ("mi serve un'altra licenza", 1, "add"),
        ("another seat", 1, "add"),
        ("aumenta di 4", 4, "add"),
        ("aumenta le postazioni a 20", 20, "set"),
    ],
)
def test_count_and_count_mode_from_the_phrasing(text: str, count: int, mode: str) -> None:
    slots = extract_slots(text)
    assert (slots.get("count"), slots.get("count_mode")) == (count, mode)


@pytest.mark.parametrize(
    ("text", "count"),
    [("5", 5), ("cinque", 5), ("una", 1), ("dieci", 10), ("ventitré", 23), ("twelve", 12),
     ("8 licenze", 8), ("sei", 6)],
)
def test_short_count_replies_have_a_count_and_no_mode(text: str, count: int) -> None:
    assert extract_slots(text) == {"count": count}


@pytest.mark.parametrize(
    "text",
    [
        "Dove trovo il modulo W-9?",
        "modulo w 9",
        "quanto fa 2+2",
        "costa 14,00 € al mese",
        "lo sconto è del 20%",
        "l'ordine richiede fino a 24 ore",
        "la fattura del 2025",
        "ci sentiamo alle 10:30",
        "voglio parlare con un operatore",
        "sei un robot?",
        "grazie mille",
        "reduce GoToAssist v4 licenses",
    ],
)
def test_numbers_that_are_not_counts_are_ignored(text: str) -> None:
    assert "count" not in extract_slots(text)


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("mensile", "monthly"),
        ("ogni mese", "monthly"),
        ("annuale", "annual"),
        ("yearly", "annual"),
        ("una volta all'anno", "annual"),
        ("anuale", "annual"),                     # typo
        ("da mensile ad annuale", "annual"),
        ("pagamento annuale invece di mensile", "annual"),
        ("ogni mese invece che ogni anno", "monthly"),
        ("switch from annual to monthly", "monthly"),
    ],
)
def test_frequency_is_the_one_wanted(text: str, frequency: str) -> None:
    assert extract_slots(text).get("frequency") == frequency


@pytest.mark.parametrize("text", ["a metà mese", "quanto ho pagato l'anno scorso", "annulla"])
def test_no_frequency_without_a_frequency(text: str) -> None:
    assert "frequency" not in extract_slots(text)


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("pro", "pro"),
        ("piano Pro", "pro"),
        ("professional", "professional"),
        ("piano professionale", "professional"),
        ("business", "business"),
        ("bussiness", "business"),                # typo
        ("enterprize", "enterprise"),             # typo
        ("lite", "lite"),
        ("standard", "standard"),
        ("basic", "basic"),
        ("premium", "premium"),
        ("passare da lite a pro", "pro"),
        ("voglio il pro invece dello standard", "pro"),
    ],
)
def test_plan_tiers(text: str, plan: str) -> None:
    assert extract_slots(text).get("plan") == plan


@pytest.mark.parametrize("text", ["come funziona il calcolo pro rata?", "pro-rata", "proporzionale",
                                  "in base al piano"])
def test_pro_rata_and_lookalikes_are_no_plan(text: str) -> None:
    assert "plan" not in extract_slots(text)


def test_a_full_sentence_fills_every_slot_it_states() -> None:
    assert extract_slots("passa GoTo Webinar al piano pro annuale con 12 licenze") == {
        "product": "gotowebinar", "plan": "pro", "frequency": "annual", "count": 12,
        "count_mode": "set",  # "con 12 licenze": the total on the new plan
    }
    assert extract_slots("Riduci a 4 le licenze di GoTo Webinar") == {
        "product": "gotowebinar", "count": 4, "count_mode": "set",
    }


def test_nothing_stated_nothing_extracted() -> None:
    assert extract_slots("come posso cambiare il contatto di fatturazione?") == {}
    assert extract_slots("") == {}


@pytest.mark.parametrize(
    ("text", "count"),
    [("mi servono ancora 4 postazioni", 4), ("ne vorrei ancora 2", 2),
     ("ancora tre licenze di GoTo Meeting per favore", 3)],
)
def test_ancora_before_a_count_means_that_many_more(text: str, count: int) -> None:
    slots = extract_slots(text)
    assert (slots.get("count"), slots.get("count_mode")) == (count, "add")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("non ho ancora ricevuto la fattura", {}),
     # "still": what one has, not what one wants more of
     ("ho ancora 5 licenze", {"count": 5}),
     ("ne abbiamo ancora 10, portale a 7", {"count": 7, "count_mode": "set"}),
     ("togli ancora 2 licenze", {"count": 2, "count_mode": "remove"}),
     ("riducile ancora a 6", {"count": 6, "count_mode": "set"})],
)
def test_ancora_in_other_uses_is_not_more(text: str, expected: dict[str, object]) -> None:
    assert extract_slots(text) == expected


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        # a reasoned or relative count is a difference, not a target
        ("riduci le licenze webinar perché 3 colleghi sono andati via",
         {"product": "gotowebinar", "count": 3, "count_mode": "remove"}),
        ("togli licenze al training, 2 persone sono andate in pensione",
         {"product": "gototraining", "count": 2, "count_mode": "remove"}),
        ("abbiamo assunto 4 persone, servono licenze", {"count": 4, "count_mode": "add"}),
        # a story with several numbers: the ones who left, not how many there were
        ("avevamo 9 persone, 2 sono andate via: riducete le licenze del webinar",
         {"product": "gotowebinar", "count": 2, "count_mode": "remove"}),
        ("l'anno scorso avevamo 10 persone ma 3 colleghi sono andati via e quindi vorremmo "
         "ridurre le licenze del webinar", {"product": "gotowebinar", "count": 3,
                                            "count_mode": "remove"}),
        ("siamo in 12 ma 4 se ne sono andati, togliete le licenze in più del webinar",
         {"product": "gotowebinar", "count": 4, "count_mode": "remove"}),
        # several numbers and nothing saying which one is the count: none (the flow asks)
        ("abbiamo 10 licenze ma ne usiamo 6, vorrei ridurre il webinar",
         {"product": "gotowebinar"}),
        ("eravamo in 10, adesso siamo 7: riduci le licenze del webinar",
         {"product": "gotowebinar"}),
        ("di tre unità", {"count": 3, "count_mode": "remove"}),
        ("riduci webinar di 2", {"product": "gotowebinar", "count": 2, "count_mode": "remove"}),
        ("abbassa il meeting di una licenza",
         {"product": "gotomeeting", "count": 1, "count_mode": "remove"}),
        ("aumenta il training di 3", {"product": "gototraining", "count": 3, "count_mode": "add"}),
        # a correction: the last value wins, the way it applies is kept
        ("a 8 anzi 6", {"count": 6, "count_mode": "set"}),
        ("riduci a 5, no scusa 4", {"count": 4, "count_mode": "set"}),
        ("togline 2, cioè 3", {"count": 3, "count_mode": "remove"}),
        ("da 15 a 11", {"count": 11, "count_mode": "set"}),
        ("+4 postazioni", {"count": 4, "count_mode": "add"}),
        ("riduci webinar a 5", {"product": "gotowebinar", "count": 5, "count_mode": "set"}),
        ("abbassa a 7 gli utenti webinar",
         {"product": "gotowebinar", "count": 7, "count_mode": "set"}),
        ("passa webinar a standard con 12 licenze",
         {"product": "gotowebinar", "plan": "standard", "count": 12, "count_mode": "set"}),
        # amounts, dates and phone numbers are no count, and no sign either
        ("ok quindi pago 1.113,86?", {}),
        ("la fattura del 1.12.2026", {}),
        ("chiamatemi al 333-1234567", {}),
        ("IT-07643520567", {}),
        # an id with dashes: no count and no minus sign ("SUB-2001-1" was "-1": negative)
        ("a che punto è SUB-2001-1?", {}),
        ("qual è lo stato di Q-2001-1?", {}),
    ],
)
def test_relative_corrected_and_signed_counts(text: str, slots: dict[str, object]) -> None:
    assert extract_slots(text) == slots


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("0", "zero"), ("a 0", "zero"), ("riduci a zero le licenze", "zero"),
        ("da 10 a 0", "zero"), ("-3", "negative"), ("togli -2 licenze", "negative"),
        ("riduci a -1", "negative"), ("sette e mezzo", "fraction"), ("7.5", "fraction"),
        ("riduci a 6,5 le licenze", "fraction"), ("tre licenze e mezza", "fraction"),
        ("mezza licenza", "fraction"),
    ],
)
def test_an_invalid_count_is_no_count_and_says_why(text: str, problem: str) -> None:
    from intents import load_classifier
    from intents.slots import count_problem

    assert "count" not in extract_slots(text)
    assert "count_mode" not in extract_slots(text)
    assert count_problem(text) == problem
    assert load_classifier().classify(text).count_problem == problem


@pytest.mark.parametrize("text", ["riduci a 7", "7", "costa 7,50 €", "ho pagato 300", "ciao",
                                  "a 7.5 anzi 7"])
def test_a_good_count_or_no_count_has_no_problem(text: str) -> None:
    from intents.slots import count_problem

    assert count_problem(text) is None


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("mensile invece che annuale", "monthly"),
        ("passare da annuale a mensile", "monthly"),
        ("annual instead of monthly", "annual"),
        ("vorrei cambiare da pagamento annuale a mensile", "monthly"),
        ("mensile al posto dell'annuale", "monthly"),
        ("annuale anziché mensile", "annual"),
        ("non più mensile ma annuale", "annual"),
        ("from yearly billing to monthly", "monthly"),
        ("monthly rather than yearly", "monthly"),
    ],
)
def test_the_wanted_frequency_is_the_slot_when_both_are_named(text: str, frequency: str) -> None:
    assert extract_slots(text)["frequency"] == frequency
