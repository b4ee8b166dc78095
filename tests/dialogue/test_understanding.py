from bot.dialogue.conversation import Message
from bot.dialogue.counts import read_count
from bot.dialogue.speaker import account_reference
from bot.dialogue.understanding import (
    is_question,
    is_stop,
    looks_like_vat_number,
    mentions_money,
)
from intents import load_classifier


def test_short_no_answers_are_read_by_the_intent_matcher() -> None:
    """A no (declining, never consequential) is read from the closed set of refusals or from
    the classification of a message that carries nothing else; a yes is read only from the
    closed set of bot.dialogue.confirmation."""
    classify = load_classifier().classify

    def message(text: str) -> Message:
        result = classify(text)
        return Message(text=text, result=result, slots=dict(result.slots))

    for text in ("no", "No, grazie", "meglio di no", "lascia stare", "esci", "nah"):
        assert message(text).is_no, text


def test_a_message_with_a_value_or_a_figure_is_never_a_no() -> None:
    """"IT 07643520567" once cancelled a flow at the count question: the matcher read it as
    deny. A message that carries a value or a figure is read for what it carries."""
    classify = load_classifier().classify
    for text in ("IT 07643520567", "IT-07643520567", "no, 7", "no a 5", "0764352056"):
        result = classify(text)
        assert not Message(text=text, result=result, slots=dict(result.slots)).is_no, text


def test_questions_are_recognised_behind_acknowledgements() -> None:
    for text in ("ok quindi pago 1113?", "ok ma perché così tanto", "si ma è giusto",
                 "va bene ma posso annullare dopo", "e se fosse annuale", "how much is it",
                 "<@U12345> sì ma prima dimmi quanto pago al mese dopo",
                 "ok ma spiegami il credito", "tell me the total first"):
        assert is_question(text), text
    for text in ("ok aspetta un attimo", "si ma a 7", "va bene grazie", "metti 7",
                 "comunque va bene"):
        assert not is_question(text), text


def test_money_words_mark_a_number_as_an_amount() -> None:
    assert mentions_money("ok quindi pago 1113") and mentions_money("costa 12 €")
    assert not mentions_money("si ma a 7") and not mentions_money("nove")


def test_stop_words_stop_but_a_cancellation_request_does_not() -> None:
    assert is_stop("Annulla") and is_stop("lascia stare")
    assert not is_stop("voglio annullare l'abbonamento")


def test_counts_from_slots_digits_or_a_clear_problem() -> None:
    assert read_count("riduci a 8", {"count": 8, "count_mode": "set"}).count == 8
    assert read_count("8", {}).count == 8
    assert read_count("0", {}).problem is not None and "non può essere 0" in str(
        read_count("0", {}).problem)
    assert "non può essere negativo" in str(read_count("-3", {}).problem)
    assert "numeri interi" in str(read_count("7.5", {}).problem)
    assert "numeri interi" in str(read_count("sette e mezzo", {}, problem="fraction").problem)
    assert read_count("tante", {}).problem is not None
    assert read_count("togli 2", {"count": 2, "count_mode": "remove"}).mode == "remove"


def test_vat_numbers_are_recognised_before_validation() -> None:
    assert looks_like_vat_number("IT07643520567")
    assert looks_like_vat_number("07643520567")
    assert not looks_like_vat_number("quanto costa?")


def test_agents_name_an_account_by_id_or_contact_email() -> None:
    assert account_reference("per conto di ACC-1001 riduci le licenze") == (
        "ACC-1001", "riduci le licenze")
    assert account_reference("per conto di maria.rossi@example.com") == (
        "maria.rossi@example.com", "")
    # as typed: any case, with a dash, a space or nothing before the number (one spelling kept)
    for typed in ("acc-2001", "ACC2001", "acc 2001", "per conto di acc 2001", "anzi per ACC-2001"):
        assert account_reference(typed) == ("ACC-2001", ""), typed
    assert account_reference("riduci le licenze") is None
    assert account_reference("riduci a 1001 le licenze") is None  # a number alone is no id


def test_a_thank_you_is_never_a_yes_to_the_summary() -> None:
    """"ok grazie" closes politely; even if the model read it as affirm, the summary's
    "Confermi l'ordine?" is not answered by it ("sì grazie" is a yes)."""
    from bot.dialogue.understanding import is_thanks

    assert all(is_thanks(text) for text in ("ok grazie", "Ok, grazie!", "grazie",
                                             "perfetto grazie mille", "okay thanks"))
    assert not any(is_thanks(text) for text in ("sì grazie", "ok", "no grazie",
                                                 "conferma grazie"))
