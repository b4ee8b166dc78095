"""`/billing unanswered`: an agent sees the questions the bot could not answer."""

from __future__ import annotations

from tests.slack.conftest import Server
from tests.slack.fake_slack import FakeSlack, dm_event


def test_agent_sees_the_unanswered_questions(server: Server, slack: FakeSlack) -> None:
    question = "posso pagare le licenze con i buoni pasto?"
    assert server.event(dm_event("U0MARIA", question, channel="D0UNANSWERED"))[0] == 200
    slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                  and c.answered and c.args["channel"] == "D0UNANSWERED"])
    _, _, name = server.command("U0AGENT", "unanswered")
    reply = slack.wait_for(lambda calls: [c for c in calls if c.path == f"/response/{name}"])[0]
    assert reply.args["response_type"] == "ephemeral"
    assert question in reply.text()
