"""The Block Kit renderer: Slack's limits and escaping, on hand-made and generated replies.
(Every reply the real engine produces is rendered in test_blocks_engine.py.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dialogue.replies import Button, Reply, ReplyField, Section
from bot.slack.blocks import ActionRef, plain_message, render, without_buttons
from tests.slack.limits import check_message

HOSTILE = "<!channel> <!here> <@U0BOSS> <#C0GENERAL> & <https://evil.example|clicca> >_<"


def test_user_text_cannot_mention_anyone() -> None:
    reply = Reply(sections=[Section(title=HOSTILE, text=f"Hai scritto: «{HOSTILE}»",
                                    steps=[HOSTILE], fields=[ReplyField(label=HOSTILE,
                                                                        value=HOSTILE)])],
                  buttons=[Button(action_id="intent.0", label=HOSTILE[:75], value=HOSTILE)])
    rendered = render(reply, ref=ActionRef("p1", "slack:T:U:D:"))
    assert check_message(rendered.blocks, rendered.text) == []
    section = rendered.blocks[0]["text"]["text"]
    assert "&lt;!channel&gt;" in section and "&lt;@U0BOSS&gt;" in section
    assert "&amp;" in section
    # a button label is plain text: Slack shows it as typed and parses nothing in it
    assert rendered.blocks[-1]["elements"][0]["text"]["type"] == "plain_text"


def test_links_of_the_articles_stay_links() -> None:
    rendered = render(Reply(sections=[Section(
        text="Accedi al Centro fatturazione: https://billing.goto.com/?a=1&b=2.")]))
    text = rendered.blocks[0]["text"]["text"]
    assert "<https://billing.goto.com/?a=1&amp;b=2>." in text


def test_order_button_asks_slack_to_confirm_with_the_total() -> None:
    total = ReplyField(label="Totale da pagare", value="12,34 €")
    reply = Reply(sections=[Section(title="Riepilogo", fields=[
        ReplyField(label="Licenze", value="8"), total])], total=total,
        buttons=[Button(action_id="flow.confirm", label="Conferma", value="pv1",
                        style="primary"),
                 Button(action_id="flow.edit", label="Modifica", value="pv1"),
                 Button(action_id="flow.cancel", label="Annulla", value="pv1", style="danger")])
    rendered = render(reply, ref=ActionRef("prompt-9", "slack:T1:U1:D1:"))
    assert check_message(rendered.blocks, rendered.text) == []
    summary = rendered.blocks[1]
    assert summary["type"] == "section" and len(summary["fields"]) == 2
    actions = rendered.blocks[-1]
    assert actions["type"] == "actions"
    assert ActionRef.parse(actions["block_id"]) == ActionRef("prompt-9", "slack:T1:U1:D1:")
    confirm, edit, cancel = actions["elements"]
    assert confirm["style"] == "primary" and cancel["style"] == "danger"
    assert "Totale da pagare: 12,34 €" in confirm["confirm"]["text"]["text"]
    assert "confirm" not in edit and "confirm" not in cancel


def test_a_cancellation_is_confirmed_as_a_disdetta_in_slack_s_dialog_too() -> None:
    """The summary says «Riepilogo della disdetta … Confermi la disdetta?»: Slack's own dialog
    on its button said «Confermi l'ordine?»."""
    reply = Reply(intent="subscription.cancel",
                  sections=[Section(title="Riepilogo della disdetta", text="GoTo Webinar")],
                  buttons=[Button(action_id="flow.confirm", label="Conferma", value="pv1")])
    dialog = render(reply).blocks[-1]["elements"][0]["confirm"]
    assert dialog["title"]["text"] == "Confermi la disdetta?"
    assert dialog["confirm"]["text"] == "Conferma la disdetta"
    assert "La disdetta viene registrata subito" in dialog["text"]["text"]


def test_outcome_replaces_the_buttons() -> None:
    reply = Reply(sections=[Section(text="Riepilogo")],
                  buttons=[Button(action_id="flow.confirm", label="Conferma", value="x")])
    blocks = render(reply, ref=ActionRef("p", "k")).blocks
    after = without_buttons(blocks, "Ordine confermato da <@U1> alle 10:32")
    assert [b["type"] for b in after] == ["section", "context"]
    assert after[-1]["elements"][0]["text"] == "Ordine confermato da &lt;@U1&gt; alle 10:32"


def test_private_reply_says_only_you_see_it() -> None:
    rendered = render(Reply(sections=[Section(text="Il tuo saldo")]), private_note=True)
    assert "Solo tu vedi questo messaggio" in rendered.blocks[-1]["elements"][0]["text"]


def test_escaping_that_grows_the_text_is_split_not_cut() -> None:
    text = "&" * 3000  # each & becomes &amp;: 15,000 characters of mrkdwn
    rendered = render(Reply(sections=[Section(text=text)]))
    assert check_message(rendered.blocks, rendered.text) == []
    joined = "".join(b["text"]["text"] for b in rendered.blocks)
    assert joined.replace("&amp;", "&") == text
    assert check_message(plain_message(text).blocks, plain_message(text).text) == []


_texts = st.lists(st.sampled_from([*list("ab <>&@!#|*_~\n:/."), "https://x.it/a&b", "<!here>"]),
                  max_size=200).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(lambda title, text, steps, fields: Section(
            title=title, text=text[:3000], steps=steps,
            fields=[ReplyField(label=a, value=b) for a, b in fields]),
        st.none() | _texts, st.text(max_size=3000) | _texts,
        st.lists(_texts, max_size=10),
        st.lists(st.tuples(_texts, _texts), max_size=10)), max_size=30),
       st.lists(st.tuples(_texts.filter(bool).map(lambda s: s[:75]),
                          _texts.map(lambda s: s[:2000])), max_size=25))
def test_any_reply_fits_slack(sections: list[Section], buttons: list[tuple[str, str]]) -> None:
    reply = Reply(sections=sections, buttons=[
        Button(action_id=f"flow.choice.{index}", label=label.strip() or "x", value=value)
        for index, (label, value) in enumerate(buttons)])
    rendered = render(reply, ref=ActionRef("p" * 36, "slack:T0123:U0123:C0123:1800000000.000100"),
                      private_note=True)
    assert check_message(rendered.blocks, rendered.text) == []
    if reply.buttons:
        assert rendered.blocks[-2]["type"] == "actions"
