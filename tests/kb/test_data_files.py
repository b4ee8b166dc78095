"""The data files: every one validates, every contract intent is covered, errors name the file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kb import Audience, KnowledgeBase, KnowledgeBaseError, load_knowledge_base
from kb.loader import ARTICLES_DIR, SOURCES_DIR
from tests.kb.cases import ANSWERED_INTENTS, AUDIENCES

SHARED_ARTICLES = ("000", "001", "002", "003", "004")


def test_every_data_file_validates_and_contributes_entries(knowledge: KnowledgeBase) -> None:
    files = sorted(path.name for path in ARTICLES_DIR.glob("*.yaml"))
    assert len(files) == 4
    cited = {key for entry in knowledge.entries for key in entry.sources}
    assert cited == set(SHARED_ARTICLES)
    assert len({entry.id for entry in knowledge.entries}) == len(knowledge.entries)


@pytest.mark.parametrize("intent", ANSWERED_INTENTS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_contract_intent_has_an_answer_for_every_audience(
        knowledge: KnowledgeBase, intent: str, audience: Audience | None) -> None:
    from kb import AnswerContext

    answer = knowledge.answer(intent, AnswerContext(audience=audience))
    entry = knowledge.get(answer.entry_id)
    assert entry is not None and intent in entry.intents
    if audience is not None:
        assert entry.audience in (audience, "all")


def test_one_entry_per_faq_question_and_per_procedure(knowledge: KnowledgeBase) -> None:
    ids = {entry.id for entry in knowledge.entries}
    procedures = {"licenses-reduce", "plan-change", "seats-add-corporate"}
    faq_questions = {"billing-center-about", "billing-center-access", "billing-contact-role",
                     "billing-contact-change", "payment-method-change", "plan-change",
                     "plan-costs", "subscription-reactivate", "billing-history",
                     "billing-frequency", "tax-w9", "subscription-cancel", "product-switch"}
    assert procedures | faq_questions <= ids


def test_sources_are_verbatim_copies_kept_in_the_repository(knowledge: KnowledgeBase) -> None:
    for entry in knowledge.entries:
        for source in knowledge.sources_of(entry):
            text = (SOURCES_DIR / source.file).read_text(encoding="utf-8")
            assert len(text) > 500
    reduce = (SOURCES_DIR / "000_6c5be8fd3f089087.txt").read_text(encoding="utf-8")
    assert "https://billing.logmeininc.com" in reduce  # the original, slips and all


def _broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    target = tmp_path / "articles"
    shutil.copytree(ARTICLES_DIR, target)
    path = target / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_a_broken_field_is_reported_with_its_file_entry_and_field(tmp_path: Path) -> None:
    articles = _broken_copy(tmp_path, "000-reduce-licenses.yaml",
                            "    audience: billing_center\n", "    audience: everyone\n")
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base(articles)
    message = str(error.value)
    assert "000-reduce-licenses.yaml" in message
    assert "entries[0] (id licenses-reduce).audience" in message


def test_an_unknown_placeholder_says_which_ones_exist(tmp_path: Path) -> None:
    articles = _broken_copy(tmp_path, "003-corporate-seats.yaml",
                            "{corporate_portal_url}", "{corporate_url}")
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base(articles)
    message = str(error.value)
    assert "003-corporate-seats.yaml" in message and "steps[0].text" in message
    assert "{corporate_url}" in message and "{corporate_portal_url}" in message


def test_a_literal_address_is_refused_in_favour_of_the_placeholder(tmp_path: Path) -> None:
    articles = _broken_copy(tmp_path, "004-faq-billing.yaml", "{billing_center_url}",
                            "https://billing.logmeininc.com")
    with pytest.raises(KnowledgeBaseError, match=r"004-faq-billing\.yaml.*billing_center_url"):
        load_knowledge_base(articles)


def test_a_product_name_outside_brackets_is_refused(tmp_path: Path) -> None:
    articles = _broken_copy(tmp_path, "000-reduce-licenses.yaml",
                            'title: "Ridurre le licenze utente[ di {product_name}]"',
                            'title: "Ridurre le licenze utente di {product_name}"')
    with pytest.raises(KnowledgeBaseError, match=r"licenses-reduce\)\.title.*product_name"):
        load_knowledge_base(articles)


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    articles = _broken_copy(tmp_path, "004-faq-billing.yaml", "entries:\n", "entries: [\n")
    with pytest.raises(KnowledgeBaseError,
                       match=r"004-faq-billing\.yaml: line \d+: not valid YAML"):
        load_knowledge_base(articles)


def test_an_intent_left_without_an_audience_is_refused(tmp_path: Path) -> None:
    articles = _broken_copy(tmp_path, "004-faq-billing.yaml",
                            "    intents: [billing.frequency]\n    audience: corporate\n",
                            "    intents: [billing.frequency_corporate]\n    audience: corporate\n")
    with pytest.raises(KnowledgeBaseError,
                       match=re.escape("intent billing.frequency has no entry for audience "
                                       "corporate")):
        load_knowledge_base(articles)


def test_two_entries_for_the_same_intent_and_audience_are_refused(tmp_path: Path) -> None:
    articles = _broken_copy(tmp_path, "004-faq-billing.yaml",
                            "    intents: [billing.history]\n    audience: billing_center\n",
                            "    intents: [billing.frequency]\n    audience: billing_center\n")
    with pytest.raises(KnowledgeBaseError,
                       match=re.escape("billing.frequency for audience billing_center")):
        load_knowledge_base(articles)


def test_an_entry_too_long_for_slack_fails_at_load(tmp_path: Path) -> None:
    long_step = "    steps:\n" + "".join(f'      - "Passo numero {n}."\n' for n in range(12))
    articles = _broken_copy(tmp_path, "004-faq-billing.yaml",
                            "    links: [billing_center, corporate]\n",
                            long_step + "    links: [billing_center, corporate]\n")
    with pytest.raises(KnowledgeBaseError, match=r"004-faq-billing\.yaml.*more than 10 steps"):
        load_knowledge_base(articles)


def test_the_intents_checked_here_are_the_contract_s_intents(knowledge: KnowledgeBase) -> None:
    # The intents package carries the contract's list (docs/contracts/intents.md): the
    # knowledge base must answer every FAQ and transactional intent of it, not a copy that
    # could drift.
    from intents.training_data import FAQ_INTENTS, TRANSACTIONAL_INTENTS
    from tests.kb.cases import FAQ_INTENTS as CHECKED_FAQ

    assert set(CHECKED_FAQ) == set(FAQ_INTENTS)
    assert set(FAQ_INTENTS) | set(TRANSACTIONAL_INTENTS) <= set(knowledge.intents)
