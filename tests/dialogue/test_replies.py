import pytest
from pydantic import ValidationError

from bot.dialogue.replies import Button, Reply, ReplyField, Section
from bot.dialogue.state import ConversationState
from bot.dialogue.turns import ButtonPress, Turn


def test_plain_text_has_everything_a_person_reads() -> None:
    reply = Reply(intent="licenses.reduce", sections=[
        Section(title="Riepilogo", text="GoTo Webinar: da 10 a 8 licenze.",
                fields=[ReplyField(label="Totale dovuto oggi", value="1.113,86 €")]),
        Section(steps=["Accedi", "Fai clic su Modifica"]),
    ], buttons=[Button(action_id="flow.confirm", label="Conferma", value="p1")])
    assert reply.plain_text() == (
        "Riepilogo\nGoTo Webinar: da 10 a 8 licenze.\nTotale dovuto oggi: 1.113,86 €"
        "\n\n1. Accedi\n2. Fai clic su Modifica"
    )


def test_replies_stay_within_slack_limits() -> None:
    with pytest.raises(ValidationError):
        Button(action_id="x", label="a" * 76, value="")
    with pytest.raises(ValidationError):
        Section(text="a" * 3001)
    with pytest.raises(ValidationError):
        Reply(buttons=[Button(action_id=f"b{i}", label="b") for i in range(26)])


def test_a_turn_is_text_or_a_press_never_both() -> None:
    Turn(conversation_key="k", user_email="a@b.c", text="ciao")
    Turn(conversation_key="k", user_email="a@b.c", action=ButtonPress(action_id="x", prompt_id="p"))
    with pytest.raises(ValidationError):
        Turn(conversation_key="k", user_email="a@b.c")
    with pytest.raises(ValidationError):
        Turn(conversation_key="k", user_email="a@b.c", text="x",
             action=ButtonPress(action_id="x", prompt_id="p"))


def test_state_round_trips_through_json_and_finds_only_its_buttons() -> None:
    question = Reply(sections=[Section(text="Confermi?")], prompt_id="a1",
                     buttons=[Button(action_id="flow.confirm", label="Conferma", value="p1",
                                     prompt_id="a1")])
    state = ConversationState(last_question=[question])
    again = ConversationState.from_json(state.to_json())
    assert again == state
    assert again.find_button("flow.confirm", "p1", "a1") is not None
    assert again.find_button("flow.confirm", "p0", "a1") is None
    # the same action and value on an older message (another prompt id) is not this button
    assert again.find_button("flow.confirm", "p1", "a0") is None


def test_a_flow_waits_only_on_a_question_of_the_closed_set() -> None:
    from bot.dialogue.state import FlowState

    FlowState(name="licenses.reduce", awaiting="yes_no.add_instead")
    with pytest.raises(ValidationError):
        FlowState.model_validate({"name": "licenses.reduce", "awaiting": "whatever"})
