"""Normalisation: what every matcher sees of a message."""

from __future__ import annotations

import pytest

from intents.normalize import content_tokens, normalize, stem
from intents.training_data import load_lexicon


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<@U024BE7LH> ciao", "ciao"),
        ("<@U024BE7LH|maria> ciao", "ciao"),
        ("<!here> riduci le licenze", "riduci le licenze"),
        ("scrivo in <#C01234|fatturazione>", "scrivo in fatturazione"),
        ("apri <https://billing.goto.com|il centro fatturazione>", "apri il centro fatturazione"),
        ("apri <https://billing.goto.com>", "apri"),
        ("vedi https://billing.goto.com grazie", "vedi grazie"),
        ("Fatture &amp; addebiti", "fatture addebiti"),
    ],
)
def test_slack_markup_keeps_only_what_a_person_reads(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (":+1:", "ok"),
        ("👍", "ok"),
        (":thumbsup::skin-tone-2:", "ok"),
        ("grazie :pray:", "grazie grazie"),
        ("ciao :wave:", "ciao ciao"),
        (":x:", "no"),
        ("fatture :page_facing_up: 🙂", "fatture"),
    ],
)
def test_meaningful_emoji_become_words_and_the_others_go(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("thx!", "thanks"), ("tax form", "tax form"), ("mandami un fax", "mandami un fax"),
     ("exit", "exit"), ("ok", "ok"), ("ciao :x:", "ciao no")],
)
def test_slack_emoji_names_count_only_between_colons(raw: str, expected: str) -> None:
    # The Slack name of ❌ is "x": the letter x in "thx" or "tax" used to become " no ".
    assert normalize(raw) == expected


def test_case_accents_and_punctuation() -> None:
    assert normalize("Perché NON è più possibile?!") == "perche non e piu possibile"
    assert normalize("L'icona Opzioni... dov'è?") == "l icona opzioni dov e"


def test_repeated_letters_shrink_but_double_letters_stay() -> None:
    assert normalize("ciaooooo") == "ciao"
    assert normalize("graziEEEE!!!") == "grazie"
    assert normalize("annulla") == "annulla"
    assert normalize("siiii") == "si"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("riduci a cinque", "riduci a 5"),
        ("ventitré postazioni", "23 postazioni"),
        ("togli due licenze", "togli 2 licenze"),
        ("da dieci a sette", "da 10 a 7"),
        ("add five seats", "add 5 seats"),
        ("twenty three", "23"),
        ("aggiungi sei licenze", "aggiungi 6 licenze"),
        ("sei", "6"),
    ],
)
def test_numbers_in_words_become_digits(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "voglio un operatore",   # "un" is an article (text2num threshold)
        "mi serve una mano",
        "sei un robot",          # "sei" is "you are"
        "mille grazie",
        "grazie mille",
        "un secondo",            # ordinals stay words
        "il terzo mese",
    ],
)
def test_words_that_only_look_like_numbers_stay_words(raw: str) -> None:
    assert not any(char.isdigit() for char in normalize(raw))


def test_w9_and_english_negation() -> None:
    assert normalize("Dove trovo il modulo W-9?") == "dove trovo il modulo w9"
    assert normalize("w 9") == "w9"
    assert normalize("I don't want it") == "i do not want it"


def test_stopwords_never_drop_negations_or_quantities() -> None:
    stopwords = load_lexicon().stopwords
    for word in ("non", "no", "not", "piu", "meno", "due", "tre", "altre", "mai"):
        assert word not in stopwords


def test_content_tokens_drop_stopwords_and_stem() -> None:
    assert content_tokens("Vorrei ridurre le licenze di GoTo Webinar") == (
        "vorre", "ridurr", "licenz", "got", "webin",
    )
    assert content_tokens("non voglio ridurre")[0] == "non"
    assert stem("riduzione") == stem("riduzioni")


@pytest.mark.parametrize("text", ["none", "NONE of these", "il nono mese", "la nona fattura",
                                  "la tredicesima", "undicesimo", "ventesima volta"])
def test_ordinal_nono_and_english_none_are_not_numbers(text: str) -> None:
    # text2num read "none" (Italian ordinal, also English "none") as "9ª", "tredicesima" as
    # "13ª": not plain words, and not counts.
    assert normalize(text).isascii()
    assert not any(char.isdigit() for char in normalize(text))


@pytest.mark.parametrize(
    ("command", "infinitive"),
    [("disdici", "disdire"), ("disdico", "disdire"), ("disdetta", "disdire"),
     ("riattiva", "riattivare"), ("riattivo", "riattivare"), ("disattiva", "disattivare")],
)
def test_irregular_verb_forms_share_one_stem(command: str, infinitive: str) -> None:
    """Snowball cuts "disdici" to disdic and "disdire" to disd: the lexicon's verb_lemmas join
    them, so an imperative shares its word features with infinitive training phrases."""
    assert stem(command) != stem(infinitive)
    assert content_tokens(command) == content_tokens(infinitive)
