"""A question asked while the order summary (or another consequential yes/no question) waits:
which answer it gets. Nothing is confirmed by a question; the same question comes again after
the answer.

- a message about confirming that is no confirmation of the closed set ("premo Conferma",
  "Conferma ordine", an agent's "Maria conferma"): how to confirm, not the article on orders;

- a question the account or the change shown answers (its VAT number, how it pays, reactivating
  what is being cancelled: `summary_facts`): that answer;
- a question the matcher is sure is about the account or a help article: that answer;
- a question about the summary's own lines ("quindi pago 1113?", "e l'IVA?", "perché così
  tanto?"): what those lines mean, from the preview's figures;
- a question a help article speaks of ("posso avere un rimborso?": the article on costs says a
  change gives no refund): that article;
- anything else ("quanto risparmio con l'annuale?", "cosa succede ai dati?"): an honest "non lo
  so" with a person to ask, never the summary's explanation in its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import messages
from bot.dialogue.flows.step import with_handoff
from bot.dialogue.grounding import about_figures, speaks_of, topic_stems
from bot.dialogue.replies import Reply, say
from bot.dialogue.routing import FAQ_INTENTS, TRANSACTIONS, overview
from bot.dialogue.summaries import explain_summary, summary_figures, summary_reply
from bot.dialogue.summary_facts import answer_from_facts
from bot.dialogue.understanding import speaks_of_confirming

if TYPE_CHECKING:
    from bot.dialogue.conversation import Conversation, Message
    from bot.dialogue.flows import Flow

MONEY_ARTICLE = "plan.costs"
"""The article on what a change costs: the matcher's pick for most money questions, so its
answer is given only when it speaks of what was asked."""


def answer_pending(conv: Conversation, flow: Flow, message: Message) -> list[Reply]:
    """The answer to a question asked at the summary or at a yes/no question, then the same
    question again."""
    at_summary = flow.state.awaiting == "confirm"
    if at_summary and speaks_of_confirming(message.text, first_names(conv)):
        # "premo Conferma", "Conferma ordine", "Maria conferma": no yes of the closed set, and
        # no question about orders either; how to confirm, then the same summary
        return [say(messages.confirm_pending(False, flow.cancels), intent=flow.name),
                *conv.resume(flow)]
    resumed = conv.resume(flow, messages.not_confirmed_yet(flow.cancels) if at_summary
                          else None)
    answer = answer_from_facts(flow, message) or sure_answer(conv, message)
    preview = flow.last_preview
    if not answer and preview is not None and about_figures(message.text,
                                                            summary_figures(preview)):
        answer = [explanation(flow)]
    if not answer:
        answer = article_speaking_of(conv, message)
    if not answer and preview is not None:
        # a question about the summary's notes ("la data di fatturazione cambia?")
        shown = summary_reply(preview, flow.name, editable=False).plain_text()
        if speaks_of(f"{shown} {explain_summary(preview)}", message.text):
            answer = [explanation(flow)]
    if answer:
        return answer + resumed
    if preview is None and not topic_stems(message.text):
        return [say(messages.QUESTION_NOT_UNDERSTOOD), *resumed]
    return not_known(conv, message, resumed)


def first_names(conv: Conversation) -> frozenset[str]:
    """The first names a message about confirming may carry: the account's billing contact
    ("Maria conferma", said by an agent) and the speaker's own."""
    account = conv.account()
    names = [account.billing_contact_name if account is not None else None,
             conv.speaker.identity.name]
    return frozenset(name.split()[0].lower() for name in names if name)


def sure_answer(conv: Conversation, message: Message) -> list[Reply]:
    """The answer to a question the matcher is sure of: the account's overview, or the help
    article of its intent (a question about a change or a purchase is no request); the article
    on costs only when it speaks of what was asked (`article_speaking_of`)."""
    intent = message.intent
    if not message.answered:
        return []
    if intent == "account.overview":
        return overview(conv, message.slots)
    if intent != MONEY_ARTICLE and (intent in FAQ_INTENTS or intent in TRANSACTIONS
                                    or intent == "purchase.new"):
        return conv.faq(intent, message.slots, message.text)
    return []


def article_speaking_of(conv: Conversation, message: Message) -> list[Reply]:
    """The first help article among the matcher's candidates (and the one on costs) that
    speaks of what the question asks about; none when no article does."""
    candidates = [message.intent, *(intent for intent, _ in message.result.candidates),
                  MONEY_ARTICLE]
    seen: set[str] = set()
    for intent in candidates:
        if intent in seen or intent not in FAQ_INTENTS:
            continue
        seen.add(intent)
        answer = conv.faq(intent, message.slots, message.text)
        if speaks_of(" ".join(reply.plain_text() for reply in answer), message.text):
            return answer
    return []


def explanation(flow: Flow) -> Reply:
    assert flow.last_preview is not None
    return say(explain_summary(flow.last_preview), intent=flow.name, private=True,
               title=messages.EXPLAIN_TITLE)


def not_known(conv: Conversation, message: Message, resumed: list[Reply]) -> list[Reply]:
    """An honest "non lo so" with a person to ask (the button goes on the question shown
    again, the one that can be pressed), then the same question."""
    conv.record_unanswered(message)
    return [say(messages.NOT_KNOWN_PENDING, intent="out_of_scope"), *with_handoff(resumed)]
