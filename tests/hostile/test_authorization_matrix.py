"""Who may do what: stranger, plain user, billing contact, another account's billing contact and
support agent, against every flow and every button of its summary. Each cell is allowed (the
summary, then the order once confirmed) or refused (nothing changes on the account, and the
refusal is in the audit trail with the person's name).

The `/billing` sub-commands by role are in test_tampered_requests.py (they need Slack)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from billing_core import BillingService, Database
from bot.dialogue.engine import Engine
from tests.hostile.conftest import AGENT, STRANGER, Person, account_state, audit_rows


@dataclass(frozen=True)
class Flow:
    account: str
    contact: str
    user: str
    text: str
    steps: tuple[str, ...] = ()
    """Buttons pressed after the request to reach the summary."""


FLOWS = {
    "licenses.reduce": Flow("ACC-1001", "maria.rossi@example.com", "luca.bianchi@example.com",
                            "riduci a 8 le licenze di GoTo Webinar"),
    "plan.change": Flow("ACC-1001", "maria.rossi@example.com", "luca.bianchi@example.com",
                        "passa GoTo Webinar al piano enterprise"),
    "billing.frequency": Flow("ACC-1001", "maria.rossi@example.com",
                              "luca.bianchi@example.com", "voglio pagare annuale il webinar"),
    "subscription.cancel": Flow("ACC-1001", "maria.rossi@example.com",
                                "luca.bianchi@example.com",
                                "disdici l'abbonamento a GoTo Webinar"),
    "seats.add": Flow("ACC-2001", "giulia.verdi@example.com", "marco.acme@example.com",
                      "ci servono 10 postazioni in più di GoTo Meeting", ("Nuovo ordine",)),
    "subscription.reactivate": Flow("ACC-4001", "anna.bianchi@example.com",
                                    "sara.bianchi@example.com", "riattiva GoTo Meeting"),
}
OTHER_CONTACT = "elena.ferri@example.com"  # billing contact of ACC-6001
ROLES = ("stranger", "user", "billing_contact", "other_contact", "agent")
ALLOWED = {"billing_contact", "agent"}
EXPLAINED = {"billing.frequency", "subscription.cancel", "subscription.reactivate"}
"""Also questions the help articles answer: someone who may not act is told how it is done
(and who may do it) instead of being refused; nothing is attempted, nothing to audit."""


def expected(name: str, role: str) -> str:
    if role in ALLOWED:
        return "allowed"
    if name in EXPLAINED and role in ("stranger", "user"):
        return "explained"
    return "refused"


def test_the_matrix_as_a_table() -> None:
    """The matrix the tests below check, cell by cell."""
    table = {name: {role: expected(name, role) for role in ROLES} for name in FLOWS}
    assert table["licenses.reduce"] == {"stranger": "refused", "user": "refused",
                                        "billing_contact": "allowed",
                                        "other_contact": "refused", "agent": "allowed"}
    assert all(row["other_contact"] == "refused" for row in table.values())


def who(role: str, flow: Flow) -> str:
    return {"stranger": STRANGER, "user": flow.user, "billing_contact": flow.contact,
            "other_contact": OTHER_CONTACT, "agent": AGENT}[role]


def request(role: str, flow: Flow) -> str:
    """How each role asks: for the account's own people the request itself; an agent, and
    another account's contact trying the same, name the account."""
    if role in ("agent", "other_contact"):
        return f"per conto di {flow.account} {flow.text}"
    return flow.text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(FLOWS))
def test_flow_by_role(engine: Engine, service: BillingService, database: Database,
                      name: str, role: str) -> None:
    flow = FLOWS[name]
    email = who(role, flow)
    person = Person(engine, email, f"slack:T0:{role}:D0MATRIX:")
    before = account_state(service, flow.account)
    audited = len(audit_rows(database, email))
    person.say(request(role, flow))
    for step in flow.steps:
        if step in person.labels():
            person.click(step)
    if expected(name, role) == "allowed":
        assert "Conferma" in person.labels(), person.text
        orders_before = len(before[0])
        person.click("Conferma")
        assert len(account_state(service, flow.account)[0]) == orders_before + 1, person.text
        return
    assert "Conferma" not in person.labels(), person.text
    assert account_state(service, flow.account) == before
    if expected(name, role) == "explained":
        assert person.text.strip()
        return
    refusals = [row for row in audit_rows(database, email)[audited:]
                if row[2] == "not_authorized"]
    assert refusals, f"{role}'s refusal of {name} is not in the audit trail: {person.text}"


@pytest.mark.parametrize("name", sorted(FLOWS))
def test_every_summary_button_by_every_other_role(engine: Engine, service: BillingService,
                                                  database: Database, name: str) -> None:
    """The summary shown to the billing contact; each of its buttons pressed, in that same
    conversation, by each other person: refused, nothing changes, audited. Then the contact's
    own press works."""
    flow = FLOWS[name]
    owner = Person(engine, flow.contact, "slack:T0:owner:D0OWNER:")
    owner.say(flow.text)
    for step in flow.steps:
        owner.click(step)
    buttons = {b.label: b for b in engine.current_buttons(owner.key)}
    assert "Conferma" in buttons and len(buttons) >= 2, owner.text
    before = account_state(service, flow.account)
    for role in ("stranger", "user", "other_contact", "agent"):
        intruder = Person(engine, who(role, flow), owner.key)
        for label, button in buttons.items():
            audited = len(audit_rows(database, intruder.email))
            result = intruder.press(button.action_id, button.value, button.prompt_id or "")
            assert result.click == "refused", (role, label, intruder.text)
            assert account_state(service, flow.account) == before
            assert [row for row in audit_rows(database, intruder.email)[audited:]
                    if row[2] == "not_authorized"], (role, label)
    assert owner.click("Conferma").click == "accepted"
    assert len(account_state(service, flow.account)[0]) == len(before[0]) + 1


def test_a_plain_users_questions_leave_no_refusal_in_the_audit_trail(
        engine: Engine, service: BillingService, database: Database) -> None:
    """Asking an FAQ question is not an attempt to read the account: Luca gets the answer with
    what he may know (who the billing contact is), and the audit trail stays for real
    refusals (it used to record a refused account view for every question he asked)."""
    luca = Person(engine, "luca.bianchi@example.com", "slack:T0:U0LUCA:D0FAQ:")
    for question in ("come cambio il metodo di pagamento?", "chi è il contatto di fatturazione?",
                     "dove trovo le fatture?"):
        luca.say(question)
        assert luca.text.strip()
    assert "Maria Rossi" in luca.text
    assert audit_rows(database, "luca.bianchi@example.com") == []
