"""What a billing contact reads: the right entry, correct facts, clean Italian, current URLs."""

from __future__ import annotations

import re

import pytest

from kb import AnswerContext, Audience, KnowledgeBase, NoEntryError
from kb.render import render_text
from tests.kb.cases import ANSWERED_INTENTS, every_answer

BILLING_CENTER_URL = "https://billing.goto.com"
CORPORATE_URL = "https://link.goto.com/corp-billing"
# Machine-translation slips and stale wording of the source articles.
SLIPS = ("Ordina ordine", "Fai clic Acquista", "Acquista ora acquistare", "Abbonati ora acquistare",
         "attuale attuale", "Qla", "Modifica ordine apportare", "chiamati come segue",
         "Contatto di fatturazione possono", "possono modificare il GoToAssist",
         "un GoToWebinar piano", "Completa la transazione", "ai account", "GoToWebinar",
         "LogMeIn dedicato", "rappresentante LogMeIn", "budget corrente")


def text_of(knowledge: KnowledgeBase, intent: str, audience: Audience | None = None,
            product: str | None = None) -> str:
    context = AnswerContext(audience=audience, product=product)
    return render_text(knowledge.answer(intent, context))


def test_every_answer_uses_only_the_two_current_portal_addresses(
        knowledge: KnowledgeBase) -> None:
    for answer in every_answer(knowledge):
        text = render_text(answer)
        assert "logmeininc" not in text.lower()
        assert "corp-billingbilling" not in text
        addresses = set(re.findall(r"https?://[^\s),]+", text))
        assert {address.rstrip(".") for address in addresses} <= {BILLING_CENTER_URL,
                                                                  CORPORATE_URL}


def test_no_answer_carries_a_known_slip_or_a_template_left_unfilled(
        knowledge: KnowledgeBase) -> None:
    for answer in every_answer(knowledge):
        text = render_text(answer)
        for slip in SLIPS:
            assert slip not in text, (answer.entry_id, slip)
        assert not re.search(r"[{}\[\]<>]", text), answer.entry_id
        assert "  " not in text and " ." not in text and " ," not in text, answer.entry_id


@pytest.mark.parametrize("intent", ANSWERED_INTENTS)
def test_an_unknown_audience_hears_about_both_portals(knowledge: KnowledgeBase,
                                                      intent: str) -> None:
    text = text_of(knowledge, intent)
    assert "Centro fatturazione" in text and "Corporate" in text


def test_the_audience_picks_the_entry(knowledge: KnowledgeBase) -> None:
    assert knowledge.answer("seats.add", AnswerContext(audience="corporate")).entry_id \
        == "seats-add-corporate"
    assert knowledge.answer("seats.add", AnswerContext(audience="billing_center")).entry_id \
        == "plan-change"
    assert knowledge.answer("tax.w9", AnswerContext(audience="billing_center")).entry_id \
        == "tax-w9"
    general = knowledge.answer("licenses.reduce")
    assert general.entry_id == "licenses-reduce"
    assert general.notes[-1].startswith("Gli account Corporate")
    assert [link.url for link in general.links] == [BILLING_CENTER_URL, CORPORATE_URL]


def test_an_intent_without_entry_is_a_clear_error(knowledge: KnowledgeBase) -> None:
    with pytest.raises(NoEntryError, match="greet"):
        knowledge.answer("greet")


def test_the_product_is_a_parameter_of_the_procedures(knowledge: KnowledgeBase) -> None:
    meeting = text_of(knowledge, "licenses.reduce", "billing_center", "gotomeeting")
    assert meeting.startswith("Ridurre le licenze utente di GoTo Meeting")
    assert "Sul riquadro di GoTo Meeting" in meeting
    assert "Webinar" not in meeting
    assist = text_of(knowledge, "plan.change", "billing_center", "gotoassist_v4")
    assert "piano di sottoscrizione a GoToAssist Supporto remoto v4" in assist
    assert "accedere a GoToAssist Supporto remoto v4" in assist
    unnamed = text_of(knowledge, "licenses.reduce", "billing_center")
    assert "Sul riquadro del prodotto" in unnamed
    assert not any(name in unnamed for name in ("GoTo Meeting", "GoTo Webinar", "GoToAssist"))
    assert text_of(knowledge, "licenses.reduce", "billing_center", "gotosomething") == unnamed


def test_personal_facts_come_first_under_per_il_tuo_account(knowledge: KnowledgeBase) -> None:
    fact = "Il contatto di fatturazione del vostro account è Maria Rossi (maria.rossi@example.com)."
    answer = knowledge.answer("billing_contact.who", AnswerContext(facts=[fact]))
    assert answer.facts == [fact]
    assert render_text(answer).startswith(f"Per il tuo account:\n- {fact}\n\nIl contatto")


FACTS: dict[tuple[str, Audience | None], list[str]] = {
    ("licenses.reduce", "billing_center"): ["effetto immediato", "proporzionalmente",
                                            "saldo corrente", "data di fatturazione diventa",
                                            "Effettua ordine", "Acquista ora", "prova gratuita"],
    ("licenses.reduce", "corporate"): ["Servizi per account Corporate"],
    ("plan.change", "billing_center"): ["effetto immediato", "Modifica sottoscrizione",
                                        "parte da oggi", "assegnarle ai tuoi utenti",
                                        "servizio clienti", "Abbonati ora", "Effettua ordine"],
    ("seats.add", "corporate"): ["accetta o rifiuta i preventivi", "scade subito",
                                 "sostituito", "carta di credito o di debito", "fino a 24 ore",
                                 "e-mail di conferma con la ricevuta",
                                 "Nuova quantità di postazioni", "Effettua ordine di servizio"],
    ("plan.costs", "billing_center"): ["effetto immediato", "proporzionalmente",
                                       "data di fatturazione si sposta al giorno della modifica",
                                       "servizio clienti"],
    ("product.switch", "billing_center"): ["non si possono scambiare", "vendere", "annulla",
                                           "fino alla fine del periodo di fatturazione"],
    ("subscription.cancel", "billing_center"): ["fino alla fine del periodo di fatturazione"],
    ("options_icon.missing", "billing_center"): ["prova gratuita", "Acquista ora",
                                                 "Abbonati ora"],
    ("order.status", "corporate"): ["fino a 24 ore", "ricevuta", "contatto di fatturazione"],
    ("billing.frequency", "corporate"): ["fatturazione annuale", "Servizi per account Corporate"],
    ("tax.w9", None): ["contatti di fatturazione degli account Corporate",
                       "solo per gli Stati Uniti", "Form Requests",
                       "W-9/Vendor Form/Regional Forms", "Submit"],
    ("billing_center.about", None): ["self-service", "cronologia di fatturazione",
                                     "ordini di acquisto", BILLING_CENTER_URL, CORPORATE_URL],
}


@pytest.mark.parametrize(("intent", "audience"), sorted(FACTS, key=str))
def test_answers_state_what_the_articles_say(knowledge: KnowledgeBase, intent: str,
                                             audience: Audience | None) -> None:
    text = text_of(knowledge, intent, audience)
    for fact in FACTS[(intent, audience)]:
        assert fact in text, fact


def test_every_product_of_the_contract_has_its_name() -> None:
    from kb.products import ALL_PRODUCTS, PRODUCT_NAMES

    assert tuple(PRODUCT_NAMES) == ALL_PRODUCTS
    assert PRODUCT_NAMES["gotoassist_v4"] == "GoToAssist Supporto remoto v4"


def test_the_w9_answer_claims_no_more_than_the_article(knowledge: KnowledgeBase) -> None:
    # Article 004 says Corporate contacts can download it (USA only); it does not say that
    # Billing Center accounts cannot have one.
    text = text_of(knowledge, "tax.w9", None)
    assert "non gli account gestiti dal Centro fatturazione" not in text
