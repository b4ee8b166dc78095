"""`billing-bot db init`, `account show`, `outbox send`, `orders settle`, as operators use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from billing_core.clock import FixedClock
from bot.cli import main

CONTRACT_KEYS = {"id", "name", "kind", "currency", "billing_contact", "balance",
                 "payment_method", "vat_number", "subscriptions", "orders", "quotes"}
SUBSCRIPTION_KEYS = {"id", "product", "plan", "licenses", "frequency", "status", "period_start",
                     "period_end", "cancel_at_period_end"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_db_init_is_idempotent_and_account_show_matches_the_contract(
        empty_database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", empty_database_url, "db", "init", "--demo")[0] == 0
    code, out, _ = run(capsys, "--db", empty_database_url, "db", "init", "--demo")
    assert code == 0 and "già presenti" in out
    code, out, _ = run(capsys, "account", "show", "maria.rossi@example.com", "--json",
                       "--db", empty_database_url)
    assert code == 0
    data = json.loads(out)
    assert data.keys() >= CONTRACT_KEYS
    assert (data["id"], data["name"], data["kind"], data["currency"], data["billing_contact"],
            data["balance"], data["payment_method"]) == (
        "ACC-1001", "Rossi Consulting S.r.l.", "standard", "EUR", "maria.rossi@example.com",
        "0.00", "card")
    webinar = next(s for s in data["subscriptions"] if s["product"] == "gotowebinar")
    assert webinar.keys() >= SUBSCRIPTION_KEYS
    assert (webinar["plan"], webinar["licenses"], webinar["frequency"], webinar["status"]) == \
        ("pro", 10, "monthly", "active")
    assert data["orders"] == []
    assert len(data["subscriptions"]) == 2


def test_account_show_as_a_table_and_by_id(empty_database_url: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", empty_database_url, "db", "init", "--demo")
    code, out, _ = run(capsys, "--db", empty_database_url, "account", "show", "ACC-2001")
    assert code == 0
    assert "Acme Italia S.p.A." in out and "Giulia Verdi" in out and "Q-2001-1" in out
    meeting = next(line for line in out.splitlines() if "SUB-2001-1" in line)
    assert "Business" in meeting and "annuale" in meeting and "attiva" in meeting
    assert "business" not in meeting
    code, out, _ = run(capsys, "--db", empty_database_url, "account", "show", "acc-3001",
                       "--json")
    assert json.loads(out)["subscriptions"][0]["status"] == "trial_expired"


def test_an_unknown_account_is_one_clear_line(empty_database_url: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", empty_database_url, "db", "init", "--demo")
    code, out, err = run(capsys, "--db", empty_database_url, "account", "show", "nobody@x.it")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "nessun account" in err and "nobody@x.it" in err


def test_an_unreachable_database_is_one_clear_line(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    cases = [
        ("account", "postgresql+psycopg://nobody@127.0.0.1:1/none", "non risponde"),
        ("account", f"sqlite:///{tmp_path}/missing/dir/x.db", "non esiste"),
        ("account", "notaurl", "URL del database non valido"),
        ("account", "foo://bar", "URL del database non valido"),
        ("db", "foo://bar", "URL del database non valido"),
        ("db", f"sqlite:///{tmp_path}/missing/dir/x.db", "controlla che la cartella esista"),
    ]
    for command, url, expected in cases:
        argv = ["db", "init"] if command == "db" else ["account", "show", "ACC-1001"]
        code, _, err = run(capsys, "--db", url, *argv)
        assert code == 1 and err.count("\n") == 1 and expected in err, (url, err)
        assert "Traceback" not in err


def test_read_commands_before_db_init_say_so_and_create_nothing(
        empty_database_url: str, backend: str, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    """`account show` on a database that `db init` never touched: one line that says what to
    run; on SQLite no empty file is left behind."""
    for argv in (["account", "show", "maria.rossi@example.com"], ["orders", "settle"],
                 ["outbox", "send"], ["report", "unanswered"]):
        code, out, err = run(capsys, "--db", empty_database_url, *argv)
        assert code == 1 and out == "" and err.count("\n") == 1, err
        assert "billing-bot db init" in err and "Traceback" not in err
        if backend == "sqlite":
            assert "non esiste" in err and not (tmp_path / "billing.db").exists()
        else:
            assert "non è inizializzato" in err
    if backend == "sqlite":
        code, out, err = run(capsys, "--db", empty_database_url, "chat", "--json", "--as",
                             "maria.rossi@example.com")
        assert code == 1 and out == "" and err.count("\n") == 1, err
        assert "non esiste" in err and not (tmp_path / "billing.db").exists()
        (tmp_path / "billing.db").touch()  # an empty file: no schema yet
        code, _, err = run(capsys, "--db", empty_database_url, "account", "show", "ACC-1001")
        assert code == 1 and "non è inizializzato" in err


def test_outbox_send_writes_the_confirmation_emails_once(
        empty_database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from billing_core import BillingService, open_database
    from billing_core.schemas import Actor, Order, Preview

    run(capsys, "--db", empty_database_url, "db", "init", "--demo")
    database = open_database(empty_database_url)
    try:
        service = BillingService(database)
        maria = Actor(email="maria.rossi@example.com")
        preview = service.preview_license_reduction(maria, "ACC-1001", "SUB-1001-1", 8)
        assert isinstance(preview, Preview)
        order = service.confirm(preview.id, maria, "mail")
    finally:
        database.dispose()
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path / "mail"))
    code, out, _ = run(capsys, "--db", empty_database_url, "outbox", "send", "--backend", "file")
    assert code == 0 and "inviate: 1" in out
    files = list((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 1
    text = files[0].read_text(encoding="utf-8")
    assert isinstance(order, Order)
    assert "maria.rossi@example.com" in text and order.id in text
    code, out, _ = run(capsys, "--db", empty_database_url, "outbox", "send", "--backend", "file")
    assert "inviate: 0" in out


def test_orders_settle_runs_on_an_empty_queue(empty_database_url: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", empty_database_url, "db", "init", "--demo")
    code, out, _ = run(capsys, "--db", empty_database_url, "orders", "settle")
    assert code == 0 and "Ordini completati: 0" in out


def test_report_unanswered_cuts_long_questions_and_masks_personal_data(
        demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from billing_core import open_database
    from billing_core.clock import SystemClock
    from billing_core.conversations import ConversationStore

    database = open_database(demo_url)
    try:
        store = ConversationStore(database, SystemClock())
        store.record_unanswered("perché " * 2000, "a@x.it", None, 0.1)
        store.record_unanswered("la partita iva è IT07643520567", "a@x.it", None, 0.1)
    finally:
        database.dispose()
    code, out, _ = run(capsys, "--db", demo_url, "report", "unanswered")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 5 + 2 + 16 + 2 + 120
    assert any(line.endswith("…") for line in lines)
    assert "tagliate a 120 caratteri" in lines[-1]
    assert "07643520567" not in out and "it********567" in out.lower()
    code, out, _ = run(capsys, "--db", demo_url, "report", "unanswered", "--json")
    assert "07643520567" not in out


def test_outbox_send_on_the_console_prints_readable_text(
        demo_url: str, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    from billing_core import BillingService, open_database
    from billing_core.schemas import Actor, Order, Preview

    database = open_database(demo_url)
    try:
        service = BillingService(database, clock=clock)
        maria = Actor(email="maria.rossi@example.com")
        preview = service.preview_license_reduction(maria, "ACC-1001", "SUB-1001-1", 8)
        assert isinstance(preview, Preview)
        order = service.confirm(preview.id, maria, "console")
        assert isinstance(order, Order)
    finally:
        database.dispose()
    code, out, err = run(capsys, "--db", demo_url, "outbox", "send", "--backend", "console")
    assert code == 0 and "inviate: 1" in err
    assert f"Subject: Conferma d'ordine {order.id}: riduzione delle licenze di GoTo Webinar" \
        in out
    assert "Piano: Pro, 8 licenze, mensile" in out
    assert "Totale dovuto (IVA inclusa): 1.113,86 €" in out
    assert "base64" not in out and "=?utf-8?" not in out


def test_outbox_send_goes_on_past_an_address_the_mail_server_refuses(
        demo_url: str, clock: FixedClock, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One address refused every time: the other e-mail is sent, the run says which one failed
    (masked) and when it is retried, or that it is given up; no traceback, exit 0."""
    from email.message import EmailMessage

    from billing_core import open_database, outbox
    from billing_core.models import OutboxEmail
    from billing_core.unit_of_work import unit_of_work

    refused = "rifiutato@example.com"
    database = open_database(demo_url)
    try:
        with unit_of_work(database) as session:
            emails = [
                OutboxEmail(to_address=refused, subject="Prima", body="x\n",
                            created_at=clock.now()),
                OutboxEmail(to_address=refused, subject="Ultima", body="x\n",
                            created_at=clock.now(), attempts=outbox.MAX_ATTEMPTS - 1),
                OutboxEmail(to_address="maria.rossi@example.com", subject="Buona", body="x\n",
                            created_at=clock.now()),
            ]
            session.add_all(emails)
            session.flush()
            retried, given_up = emails[0].id, emails[1].id
    finally:
        database.dispose()
    real_file_backend = outbox.file_backend

    def refusing_file_backend(directory: Path) -> outbox.Backend:
        deliver = real_file_backend(directory)

        def send(message: EmailMessage) -> None:
            if message["To"] == refused:
                raise OSError(f"550 mailbox unavailable: {refused}")
            deliver(message)
        return send

    monkeypatch.setattr(outbox, "file_backend", refusing_file_backend)
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path / "mail"))
    code, out, err = run(capsys, "--db", demo_url, "outbox", "send", "--backend", "file")
    assert (code, err) == (0, "")
    first, last, summary = out.splitlines()
    assert summary == "E-mail inviate: 1, da riprovare: 1, abbandonate: 1"
    assert first.startswith(f"E-mail {retried} (a r***@example.com) non inviata (tentativo 1 "
                            "di 8), si riprova dalle ")
    assert first.endswith(" UTC: OSError: 550 mailbox unavailable: r***@example.com")
    assert last == (f"E-mail {given_up} (a r***@example.com) abbandonata dopo 8 tentativi: "
                    "OSError: 550 mailbox unavailable: r***@example.com")
    assert refused not in out
    [sent] = (tmp_path / "mail").glob("*.eml")
    assert "Subject: Buona" in sent.read_text(encoding="utf-8")
    # what an operator reads later: the given-up e-mail first, then the one waiting
    code, out, err = run(capsys, "--db", demo_url, "report", "outbox")
    assert (code, err) == (0, "")
    assert out.splitlines() == [last, first], out
    assert refused not in out


def test_report_outbox_with_nothing_refused(demo_url: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", demo_url, "report", "outbox")
    assert (code, out, err) == (0, "Nessuna e-mail rifiutata in attesa.\n", "")
