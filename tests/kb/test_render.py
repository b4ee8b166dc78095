"""The renderer's order, and Slack's limits on every answer."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kb import Answer, AnswerContext, KnowledgeBase
from kb.limits import (
    HEADER_TEXT_LIMIT,
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    answer_parts,
    slack_limit_problems,
)
from kb.render import render_text
from tests.kb.cases import every_answer

REALISTIC_FACTS = ["Gli ultimi addebiti:"] + [
    f"{day} novembre 2026: GoTo Webinar Pro, 10 licenze, rinnovo mensile, 1.234,56 €"
    for day in range(1, 6)
]


def test_facts_summary_steps_notes_then_links(knowledge: KnowledgeBase) -> None:
    answer = knowledge.answer("licenses.reduce", AnswerContext(
        audience="billing_center", product="gotowebinar", facts=["GoTo Webinar Pro: 10 licenze."]))
    text = render_text(answer)
    positions = [text.index("Per il tuo account"), text.index(answer.summary),
                 text.index("1. Accedi al Centro fatturazione"), text.index("6. Fai clic su "
                                                                           "Effettua ordine."),
                 text.index("- Il numero di licenze utente è aggiornato"),
                 text.index("Centro fatturazione: https://billing.goto.com")]
    assert positions == sorted(positions)
    assert text.rstrip().endswith("Centro fatturazione: https://billing.goto.com")


def test_every_answer_fits_slack_with_personal_facts(knowledge: KnowledgeBase) -> None:
    count = 0
    for answer in every_answer(knowledge, facts=REALISTIC_FACTS):
        count += 1
        assert slack_limit_problems(answer) == []
        assert len(answer.title) <= HEADER_TEXT_LIMIT
        assert all(len(part) <= SECTION_TEXT_LIMIT for part in answer_parts(answer))
        blocks = 1 + len(answer.facts) + 1 + len(answer.steps) + len(answer.notes) + 1
        assert blocks <= MESSAGE_BLOCK_LIMIT
    assert count > 300


def test_an_answer_that_would_not_fit_slack_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"does not fit Slack.*3000"):
        Answer(entry_id="x", title="Titolo", summary="Breve.", source_article="004",
               facts=["Riga di fatti abbastanza lunga, ripetuta molte volte. " * 10] * 10)
    with pytest.raises(ValidationError, match="more than 10 steps"):
        Answer(entry_id="x", title="Titolo", summary="Breve.", source_article="004",
               steps=[f"Passo {n}." for n in range(11)])


def test_a_long_account_history_shortens_the_facts_instead_of_failing(
        knowledge: KnowledgeBase) -> None:
    facts = [f"Preventivo Q-{n}: 5 postazioni di GoTo Meeting, aperto." for n in range(40)]
    answer = knowledge.answer("order.status", AnswerContext(audience="corporate", facts=facts))
    assert answer.facts[:3] == facts[:3]
    assert answer.facts[-1].startswith("…e altre ") and answer.facts[-1].endswith(" righe.")
    shown = len(answer.facts) - 1
    assert answer.facts[-1] == f"…e altre {40 - shown} righe."
    assert slack_limit_problems(answer) == []


def test_facts_that_fit_are_kept_whole(knowledge: KnowledgeBase) -> None:
    answer = knowledge.answer("billing.history", AnswerContext(facts=REALISTIC_FACTS))
    assert answer.facts == REALISTIC_FACTS
