"""`billing-bot serve` over HTTP, as Slack talks to it: signed requests in Slack's wire formats
to a real server process, and a local stand-in for the Web API that records every call.

All tests of this module share one server and one demo database; each test uses its own DM
channel or thread, so conversations never mix.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from billing_core import open_database
from billing_core.clock import SystemClock
from billing_core.handoffs import HandoffStore
from tests.databases import licenses, orders
from tests.slack.conftest import SECRET, SUPPORT_CHANNEL, Server
from tests.slack.fake_slack import Call, FakeSlack, dm_event, mention_event


def posted(slack: FakeSlack, method: str, channel: str, predicate: Callable[[Call], bool]
           = lambda call: True) -> Call:
    """Wait for the first answered call of `method` in `channel` that satisfies `predicate`."""
    found: list[Call] = slack.wait_for(lambda calls: [
        c for c in calls if c.method == method and c.answered
        and c.args.get("channel") == channel and predicate(c)])
    return found[0]


def with_buttons(call: Call) -> bool:
    return bool(call.buttons())


# -- the protocol --------------------------------------------------------------------------------

def test_url_verification_answers_the_challenge(server: Server) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "x", "challenge": challenge, "type": "url_verification"})
    status, answer = server.post_signed(body, "application/json")
    assert status == 200
    assert json.loads(answer)["challenge"].startswith("3eZbrw1a")


def test_forged_and_stale_requests_get_401_and_do_nothing(server: Server, slack: FakeSlack,
                                                          new_calls: Any) -> None:
    body = json.dumps({"type": "event_callback", "team_id": "T0BILLING", "event_id": "EvForged",
                       "event": dm_event("U0MARIA", "riduci a 1 le licenze", channel="D0FORGE")})
    assert server.post_signed(body, "application/json", secret="not-the-secret")[0] == 401
    ten_minutes_ago = int(time.time()) - 600
    assert server.post_signed(body, "application/json", timestamp=ten_minutes_ago)[0] == 401
    unsigned = server.request("POST", "/slack/events", body,
                              {"Content-Type": "application/json"})
    assert unsigned[0] == 401
    # the server is alive and answered a signed request after them, with nothing from the forged
    marker = dm_event("U0MARIA", "ciao", channel="D0FORGE2")
    assert server.event(marker)[0] == 200
    posted(slack, "chat.postMessage", "D0FORGE2")
    assert [c for c in new_calls("chat.postMessage") if c.args.get("channel") == "D0FORGE"] == []
    server.logs.wait_for('"outcome": "unauthorized"', count=3)


def test_health_and_readiness(server: Server) -> None:
    assert server.get("/healthz") == (200, '{"status": "ok"}')
    assert server.get("/readyz")[0] == 200
    assert server.get("/nowhere")[0] == 404


def test_ignored_events_are_acknowledged_never_404(server: Server, slack: FakeSlack,
                                                   new_calls: Any) -> None:
    channel = "D0IGNORE"
    ignored = [
        dm_event("U0MARIA", "testo modificato", channel=channel, subtype="message_changed"),
        dm_event("U0MARIA", "", channel=channel, subtype="message_deleted"),
        {**dm_event("U0MARIA", "sono un bot", channel=channel, subtype="bot_message"),
         "bot_id": "B0OTHER"},
        {**dm_event("UBOTBILL", "il mio stesso messaggio", channel=channel), "bot_id": "BBOTBILL"},
        {**dm_event("U0MARIA", "in un canale", channel="C0GENERAL"), "channel_type": "channel"},
        {"type": "app_home_opened", "user": "U0MARIA", "channel": channel, "tab": "messages"},
    ]
    for event in ignored:
        assert server.event(event)[0] == 200
    server.event(dm_event("U0MARIA", "ciao", channel=channel))
    posted(slack, "chat.postMessage", channel)
    assert len([c for c in new_calls("chat.postMessage") if c.args["channel"] == channel]) == 1
    assert new_calls("views.publish") == []


# -- conversations -------------------------------------------------------------------------------

def test_faq_in_a_dm(server: Server, slack: FakeSlack) -> None:
    assert server.event(dm_event("U0MARIA", "chi è il nostro contatto di fatturazione?",
                                 channel="D0FAQ"))[0] == 200
    answer = posted(slack, "chat.postMessage", "D0FAQ")
    assert "Maria Rossi (maria.rossi@example.com)" in answer.text()
    assert answer.token == "xoxb-1111-2222-secrettoken"


def test_reduce_licenses_confirmed_by_a_click(server: Server, slack: FakeSlack,
                                              demo_url: str) -> None:
    before = len(orders(demo_url, "ACC-1001", "licenses.reduce"))
    server.event(dm_event("U0MARIA", "riduci a 8 le licenze di GoTo Webinar", channel="D0FLOW"))
    summary = posted(slack, "chat.postMessage", "D0FLOW", with_buttons)
    assert "da 10 a 8 licenze" in summary.text()
    confirm = next(b for b in summary.buttons() if b["action_id"] == "flow.confirm")
    assert confirm["style"] == "primary" and "confirm" in confirm  # Slack's own dialog first
    ts = "1800000000.100001"
    assert server.click("U0MARIA", summary, "Conferma", channel="D0FLOW", message_ts=ts)[0] == 200
    update = posted(slack, "chat.update", "D0FLOW")
    assert update.args["ts"] == ts
    assert update.buttons() == []
    assert "Ordine confermato da Maria Rossi alle" in update.text()
    posted(slack, "chat.postMessage", "D0FLOW", lambda c: c is not summary)
    assert len(orders(demo_url, "ACC-1001", "licenses.reduce")) == before + 1
    assert licenses(demo_url, "ACC-1001", "gotowebinar") == 8


def test_same_click_twice_places_one_order(server: Server, slack: FakeSlack,
                                           demo_url: str, new_calls: Any) -> None:
    channel = "D0TWICE"
    server.event(dm_event("U0MARIA", "riduci a 6 le licenze di GoTo Webinar", channel=channel))
    summary = posted(slack, "chat.postMessage", channel, with_buttons)
    before = len(orders(demo_url, "ACC-1001", "licenses.reduce"))
    skipped = server.logs.count("duplicate delivery skipped")
    ts = "1800000000.200001"
    # a double click (two presses) and a replay of the very same request
    server.click("U0MARIA", summary, "Conferma", channel=channel, message_ts=ts,
                 action_ts="1800000001.000001")
    server.click("U0MARIA", summary, "Conferma", channel=channel, message_ts=ts,
                 action_ts="1800000001.000001")
    server.click("U0MARIA", summary, "Conferma", channel=channel, message_ts=ts,
                 action_ts="1800000001.500001")
    posted(slack, "chat.update", channel)
    # the second press is answered ("non è più valido"); the replay is not answered at all
    slack.wait_for(lambda calls: len([c for c in calls[-50:] if c.method == "chat.postMessage"
                                      and c.answered and c.args["channel"] == channel]) >= 3)
    server.logs.wait_for("duplicate delivery skipped", count=skipped + 1)
    assert len(orders(demo_url, "ACC-1001", "licenses.reduce")) == before + 1
    assert licenses(demo_url, "ACC-1001", "gotowebinar") == 6
    assert len([c for c in new_calls("chat.update") if c.args["channel"] == channel]) == 1
    texts = [c.text() for c in new_calls("chat.postMessage") if c.args["channel"] == channel]
    assert any("non è più valido" in text for text in texts)


def test_click_by_another_user_is_a_polite_note(server: Server, slack: FakeSlack,
                                                demo_url: str, new_calls: Any) -> None:
    channel = "C0SHARED"
    thread = "1800000000.300001"
    server.event(mention_event("U0MARIA", "riduci a 5 le licenze di GoTo Webinar", channel,
                               ts=thread))
    summary = posted(slack, "chat.postEphemeral", channel, with_buttons)
    before = len(orders(demo_url, "ACC-1001", "licenses.reduce"))
    server.click("U0LUCA", summary, "Conferma", channel=channel, ephemeral=True)
    note = posted(slack, "chat.postEphemeral", channel, lambda c: c.args.get("user") == "U0LUCA")
    assert "non ho fatto nulla" in note.text()
    assert len(orders(demo_url, "ACC-1001", "licenses.reduce")) == before
    assert new_calls("chat.update") == [] and new_calls("response_url") == []


def test_a_yes_that_mentions_someone_else_places_nothing(server: Server, slack: FakeSlack,
                                                         demo_url: str) -> None:
    """"<@U0MARCO> conferma" asks a colleague: the mention is kept in what the bot reads, so
    it is no plain yes (found by a wary-customer pass: decoding dropped it and the order was
    placed). "@fatturazione sì", the bot's own mention, is a yes."""
    channel, thread = "C0ASKMARCO", "1800000000.600001"
    server.event(mention_event("U0MARIA", "riduci a 2 le licenze di GoToAssist", channel,
                               ts=thread))
    posted(slack, "chat.postEphemeral", channel, with_buttons)
    before = len(orders(demo_url, "ACC-1001", "licenses.reduce"))
    assert licenses(demo_url, "ACC-1001", "gotoassist_v4") == 3
    for number, text in enumerate(["<@U0MARCO> conferma", "sì <@U0MARCO>",
                                   "<!here> procedi", "<#C0GENERAL> sì"]):
        sent = len(slack.calls)
        server.event(mention_event("U0MARIA", text, channel, ts=f"1800000000.60001{number}",
                                   thread_ts=thread))

        def not_yet(calls: list[Call], sent: int = sent) -> list[Call]:
            return [c for c in calls[sent:] if c.answered and c.args.get("channel") == channel
                    and "non è ancora confermato" in c.text()]

        slack.wait_for(not_yet)
        assert len(orders(demo_url, "ACC-1001", "licenses.reduce")) == before, text
    sent = len(slack.calls)
    server.event(mention_event("U0MARIA", "sì", channel, ts="1800000000.600020",
                               thread_ts=thread))
    slack.wait_for(lambda calls: [c for c in calls[sent:] if c.answered
                                  and c.args.get("channel") == channel
                                  and "Fatto!" in c.text()])
    assert len(orders(demo_url, "ACC-1001", "licenses.reduce")) == before + 1
    assert licenses(demo_url, "ACC-1001", "gotoassist_v4") == 2


def test_retried_event_is_handled_once(server: Server, slack: FakeSlack,
                                       new_calls: Any) -> None:
    event = dm_event("U0MARIA", "come accedo al centro fatturazione?", channel="D0RETRY")
    assert server.event(event, event_id="Ev0RETRY0001")[0] == 200
    posted(slack, "chat.postMessage", "D0RETRY")
    skipped = server.logs.count("duplicate delivery skipped")
    assert server.event(event, event_id="Ev0RETRY0001", retry=1)[0] == 200
    server.logs.wait_for('"retry": "1"')
    server.logs.wait_for("duplicate delivery skipped", count=skipped + 1)
    assert len([c for c in new_calls("chat.postMessage") if c.args["channel"] == "D0RETRY"]) == 1


def test_mention_in_a_channel_answers_in_the_thread_and_keeps_account_data_private(
        server: Server, slack: FakeSlack, new_calls: Any) -> None:
    channel = "C0GENERAL"
    ts = "1800000000.400001"
    server.event(mention_event("U0MARIA", "come si accede al centro fatturazione?", channel,
                               ts=ts))
    public = posted(slack, "chat.postMessage", channel)
    assert public.args["thread_ts"] == ts
    assert "Centro fatturazione" in public.text()
    server.event(mention_event("U0MARIA", "quanto costa il nostro piano?", channel,
                               ts="1800000000.400002", thread_ts=ts))
    private = posted(slack, "chat.postEphemeral", channel)
    assert private.args["user"] == "U0MARIA" and private.args["thread_ts"] == ts
    assert "Solo tu vedi questo messaggio" in private.text()
    assert "€" in private.text()
    for call in new_calls("chat.postMessage"):
        if call.args["channel"] == channel:
            assert "€" not in call.text() and "Rossi Consulting" not in call.text()


# -- /billing ------------------------------------------------------------------------------------

def test_agent_billing_account_is_ephemeral(server: Server, slack: FakeSlack) -> None:
    status, body, name = server.command("U0AGENT", "account maria.rossi@example.com")
    assert (status, body) == (200, "")
    reply = slack.wait_for(lambda calls: [c for c in calls if c.path == f"/response/{name}"])[0]
    assert reply.args["response_type"] == "ephemeral"
    assert "Rossi Consulting S.r.l. (ACC-1001)" in reply.text()
    assert "GoTo Webinar" in reply.text()


def test_agent_billing_per_runs_the_flow_for_the_customer(server: Server, slack: FakeSlack,
                                                          demo_url: str) -> None:
    _, _, name = server.command("U0AGENT", "per ACC-1001 riduci a 4 le licenze di GoTo Webinar")
    summary = slack.wait_for(lambda calls: [c for c in calls if c.path == f"/response/{name}"
                                            and c.buttons()])[0]
    assert summary.args["response_type"] == "ephemeral"
    assert "a 4 licenze" in summary.text()
    before = len(orders(demo_url, "ACC-1001", "licenses.reduce"))
    server.click("U0AGENT", summary, "Conferma", channel="C0HELPDESK", ephemeral=True,
                 response=f"{name}-click")
    closed = slack.wait_for(lambda calls: [c for c in calls
                                           if c.path == f"/response/{name}-click"
                                           and c.args.get("replace_original")])[0]
    assert "Ordine confermato da Supporto GoTo" in closed.text()
    assert len(orders(demo_url, "ACC-1001", "licenses.reduce")) == before + 1
    assert licenses(demo_url, "ACC-1001", "gotowebinar") == 4


def test_non_agent_billing_account_is_refused(server: Server, slack: FakeSlack) -> None:
    _, _, name = server.command("U0MARIA", "account ACC-1001")
    reply = slack.wait_for(lambda calls: [c for c in calls if c.path == f"/response/{name}"])[0]
    assert "riservato agli agenti" in reply.text()
    assert "ACC-1001" not in reply.text() and "Rossi" not in reply.text()


# -- Home tab ------------------------------------------------------------------------------------

def test_home_tab_shows_the_account_to_its_contact_and_commands_to_an_agent(
        server: Server, slack: FakeSlack) -> None:
    server.event({"type": "app_home_opened", "user": "U0GIULIA", "channel": "D0GIULIA",
                  "tab": "home"})
    home = slack.wait_for(lambda calls: [c for c in calls if c.method == "views.publish"
                                         and c.args.get("user_id") == "U0GIULIA"])[0]
    text = home.text()
    assert "riduci a 8 le licenze" in text          # example questions
    assert "Il tuo account" in text and "Preventivo" in text  # Giulia's open quote
    server.event({"type": "app_home_opened", "user": "U0AGENT", "channel": "D0AGENT",
                  "tab": "home"})
    agent = slack.wait_for(lambda calls: [c for c in calls if c.method == "views.publish"
                                          and c.args.get("user_id") == "U0AGENT"])[0]
    assert "/billing per" in agent.text() and "Il tuo account" not in agent.text()


# -- the Web API failing -------------------------------------------------------------------------

def test_web_api_429_then_500_is_retried_and_posts_once(server: Server, slack: FakeSlack,
                                                        new_calls: Any) -> None:
    slack.fail("chat.postMessage", 429, 500)
    assert server.event(dm_event("U0MARIA", "ciao", channel="D0FLAKY"))[0] == 200
    slack.wait_for(lambda calls: len([c for c in calls if c.method == "chat.postMessage"
                                      and c.answered and c.args["channel"] == "D0FLAKY"]) == 3)
    calls = [c for c in new_calls("chat.postMessage") if c.args["channel"] == "D0FLAKY"]
    assert len(calls) == 3  # 429, 500, then the one that Slack accepted
    assert server.process.poll() is None


def test_logs_name_requests_never_their_text_or_tokens(server: Server) -> None:
    server.logs.wait_for('"type": "event:message.im"')
    text = server.logs.text
    assert "xoxb-1111-2222-secrettoken" not in text and SECRET not in text
    assert "riduci a 8 le licenze" not in text and "maria.rossi@example.com" not in text
    assert SUPPORT_CHANNEL  # (used by the handoff tests)


# -- handoff -------------------------------------------------------------------------------------

def test_handoff_goes_to_the_support_channel_and_the_agent_is_named(
        server: Server, slack: FakeSlack, new_calls: Any) -> None:
    server.event(dm_event("U0MARIA", "vorrei parlare con una persona", channel="D0HUMAN"))
    told = posted(slack, "chat.postMessage", "D0HUMAN")
    assert "servizio clienti" in told.text()
    ticket = posted(slack, "chat.postMessage", SUPPORT_CHANNEL, with_buttons)
    text = ticket.text()
    assert "Maria Rossi (maria.rossi@example.com)" in text
    assert "Rossi Consulting S.r.l. (ACC-1001)" in text
    assert "vorrei parlare con una persona" in text          # the last messages
    ts = "1800000000.500001"
    # a customer cannot take it; an agent can, once
    server.click("U0MARIA", ticket, "Prendo in carico", channel=SUPPORT_CHANNEL, message_ts=ts)
    refused = posted(slack, "chat.postEphemeral", SUPPORT_CHANNEL,
                     lambda c: c.args.get("user") == "U0MARIA")
    assert "Solo gli operatori" in refused.text()
    server.click("U0AGENT", ticket, "Prendo in carico", channel=SUPPORT_CHANNEL, message_ts=ts)
    taken = posted(slack, "chat.update", SUPPORT_CHANNEL)
    assert "Presa in carico da Sara Supporto" in taken.text() and taken.buttons() == []
    named = posted(slack, "chat.postMessage", "D0HUMAN",
                   lambda c: "preso in carico" in c.text())
    assert "Sara Supporto del servizio clienti ha preso in carico" in named.text()


def test_a_handoff_during_a_request_is_one_support_request_with_its_reason(
        server: Server, slack: FakeSlack, demo_url: str) -> None:
    channel = "D0HUMAN2"
    server.event(dm_event("U0MARIA", "riduci le licenze di GoTo Webinar", channel=channel))
    posted(slack, "chat.postMessage", channel, lambda c: "A quante licenze" in c.text())
    server.event(dm_event("U0MARIA", "parla con una persona", channel=channel))
    first = posted(slack, "chat.postMessage", channel, lambda c: "Riferimento" in c.text())
    reference = re.search(r"HND-[\w-]+", first.text())
    assert reference is not None
    ticket = posted(slack, "chat.postMessage", SUPPORT_CHANNEL,
                    lambda c: reference.group() in c.text())
    # what the user was doing is the reason support reads
    assert "mentre cercava di ridurre le licenze" in ticket.text()
    server.event(dm_event("U0MARIA", "parla con una persona", channel=channel))
    again = posted(slack, "chat.postMessage", channel,
                   lambda c: "Riferimento" in c.text() and c is not first)
    assert reference.group() in again.text()     # asked again: the same request
    database = open_database(demo_url)
    try:
        recorded = HandoffStore(database, SystemClock()).handoffs(limit=100)
    finally:
        database.dispose()
    assert [h.id for h in recorded if h.conversation_key.endswith(f":{channel}:")] \
        == [reference.group()]


def test_agent_may_answer_the_channel_but_never_with_account_data(server: Server,
                                                                  slack: FakeSlack) -> None:
    _, _, faq = server.command("U0AGENT", "faq --canale come si accede al centro fatturazione?",
                               channel="C0FAQ")
    answer = slack.wait_for(lambda calls: [c for c in calls if c.path == f"/response/{faq}"])[0]
    assert answer.args["response_type"] == "in_channel"
    assert "Centro fatturazione" in answer.text()
    _, _, account = server.command("U0AGENT", "account --canale ACC-1001", channel="C0FAQ")
    data = slack.wait_for(lambda calls: [c for c in calls if c.path == f"/response/{account}"])[0]
    assert data.args["response_type"] == "ephemeral"
    assert "Rossi Consulting" in data.text()
