"""The closed set of typed confirmations (bot.dialogue.confirmation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.dialogue.confirmation import (
    CONFIRMATIONS,
    REFUSALS,
    is_confirmation,
    is_refusal,
    normalise,
)
from tests.dialogue.conftest import orders

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import ChatFactory

CONFIRM = [
    "sì", "si", "Sì", "SI", "Sì!", "sì.", "sì!!!", "sí", "siii", "sì 👍", "👍 sì", "✅ confermo",
    "confermo", "Confermo.", "conferma", "procedi", "Procedi pure", "ok procedi", "Ok, procedi!",
    "okay procedi", "sì procedi", "sì, procedi", "sì confermo", "Sì, confermo l'ordine",
    "confermo l’ordine", "va bene, confermo", "d'accordo, procedi", "sì grazie",
    "sì per favore", "certo", "sì sì", "procedi con l'ordine", "yes", "Yes!", "yes please",
    "confirm", "Confirm.", "ok confirm", "yes, go ahead", "go ahead", "proceed", "👍🏻 confermo",
    # Slack's bold and italic
    "*sì*", "_confermo_", "*sì, procedi*",
]
NOT_CONFIRM = [
    # questions
    "ok quindi pago 1113?", "ok ma perché così tanto?", "si ma è giusto?",
    "va bene ma posso annullare dopo?", "ok, e l'iva?", "sì?", "confermo?", "procedo?",
    # hesitation and acknowledgements
    "ok aspetta un attimo", "ok momento", "si ok aspetta che chiedo", "ah ok", "mmm ok",
    "ok capito", "va bene grazie", "ok", "okay", "va bene", "ok grazie", "d'accordo", "sì...",
    "sì…", "sì..", "confermo..", "ok procedi..", "sì. .", "sì 🤔", "si ma domani",
    "sì però aspetta", "sì, ma non ancora", "forse", "boh",
    "👍", "ok 👍", "perfetto", "sì, un attimo", "procedi domani", "confermo dopo",
    # other values
    "okay ma riduci a 9", "si ma a 7", "va bene ma annuale", "sì a 9", "procedi con 7",
    "confermo 9", "metti 7", "nove",
    # negations
    "non confermo", "no", "sì no", "non procedere", "no confermo",
    # struck through: taken back
    "~sì~", "~confermo~",
    "",
]


@pytest.mark.parametrize("text", CONFIRM)
def test_unconditional_confirmations_confirm(text: str) -> None:
    assert is_confirmation(text)
    assert not is_refusal(text)


@pytest.mark.parametrize("text", NOT_CONFIRM)
def test_anything_else_does_not_confirm(text: str) -> None:
    assert not is_confirmation(text)


@pytest.mark.parametrize("text", ["no", "No grazie", "non confermo", "annulla", "Annulla!",
                                  "lascia stare", "no, lascia perdere"])
def test_plain_refusals(text: str) -> None:
    assert is_refusal(text) and not is_confirmation(text)


@pytest.mark.parametrize("text", ["no aspetta", "no ma a 7", "no?", "annulla e metti 7"])
def test_a_hedged_no_is_not_a_refusal(text: str) -> None:
    assert not is_refusal(text)


def test_the_set_is_closed_and_every_form_is_made_of_yes_words() -> None:
    """Each confirmation is built only from yes, confirm/proceed verbs, "l'ordine" and polite
    tails: no form carries a number, a condition, a question or a hesitation word."""
    allowed = {"si", "yes", "certo", "certamente", "sicuro", "esatto", "ok", "okay", "va",
               "bene", "d'accordo", "perfetto", "ottimo", "allora", "confermo", "conferma",
               "confermiamo", "confermato", "procedi", "procediamo", "procedere", "vai",
               "avanti", "pure", "prosegui", "confirm", "confirmed", "proceed", "go", "ahead",
               "on", "do", "it", "l'ordine", "con", "the", "order", "grazie", "mille", "per",
               "favore", "please", "thanks", "thank", "you"}
    for form in CONFIRMATIONS:
        assert set(form.split()) <= allowed, form
        assert form == normalise(form)
    assert "ok" not in CONFIRMATIONS and "va bene" not in CONFIRMATIONS
    assert "ok grazie" not in CONFIRMATIONS


def bold_capitals(text: str) -> str:
    """The text in mathematical bold capitals, as "fancy text" tools and some keyboards
    write it (their compatibility form is the plain capital letter)."""
    return "".join(chr(0x1D400 + ord(ch) - ord("a")) if "a" <= ch <= "z" else ch
                   for ch in text)


def test_every_closed_form_typed_in_capitals_accents_or_bold_normalises_to_itself() -> None:
    """Accents are folded by intents' `unaccented`, as grounding and the classifier fold them:
    every form of the closed sets reads the same in capitals, with accents and in bold
    capitals as it did with confirmation's own folding."""
    for form in CONFIRMATIONS | REFUSALS:
        accented = form.replace("si", "sì").replace("a", "à")
        for typed in (form.upper(), accented, accented.upper(), bold_capitals(form)):
            assert normalise(typed) == form, (typed, normalise(typed))


def test_a_bold_yes_at_the_summary_places_the_order_once(chat: ChatFactory,
                                                         service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Fatto!" in maria.say(bold_capitals("si, confermo")), maria.text
    assert len(orders(service, "ACC-1001")) == 1
