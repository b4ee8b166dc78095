"""`/billing` for support agents (staff in billing_core). Every reply is ephemeral.

    /billing help
    /billing account <e-mail|id>
    /billing orders <e-mail|id>
    /billing per <e-mail|id> <richiesta>     any flow for that account, same summary and
                                             confirmation, audited with the agent's name
    /billing faq <domanda>
    /billing unanswered
    /billing <risposta>                      answers the pending question of a `per` flow

`--canale` anywhere in the text posts the replies that carry no account data for the whole
channel (e.g. `/billing faq --canale come cambio il metodo di pagamento?`). Anyone else gets a
polite refusal and nothing of any account.
"""

from __future__ import annotations

from dataclasses import replace

from slack_sdk import WebClient

from billing_core.schemas import Actor, Refusal
from bot.dialogue.replies import Reply, Section
from bot.slack import metrics
from bot.slack.accounts import account_reply, orders_reply
from bot.slack.blocks import plain_message, render
from bot.slack.conversations import Conversations
from bot.slack.faults import told_if_unavailable
from bot.slack.places import Where
from bot.slack.services import SlackServices

HELP = Reply(intent="agent.help", sections=[Section(
    title="Comandi per gli agenti del supporto",
    text="Le risposte sono visibili solo a te.",
    steps=[
        "/billing account <e-mail o id>: l'account, i suoi abbonamenti e gli ordini aperti",
        "/billing orders <e-mail o id>: gli ordini e i preventivi dell'account",
        "/billing per <e-mail o id> <richiesta>: agisci per il cliente (per esempio "
        "«/billing per ACC-1001 riduci a 8 le licenze di GoTo Webinar»): stesso riepilogo e "
        "stessa conferma, e l'operazione viene registrata anche a tuo nome",
        "/billing <risposta>: rispondi alla domanda in sospeso di un'operazione avviata con per",
        "/billing faq <domanda>: la risposta che il bot darebbe a un cliente",
        "/billing unanswered: le domande a cui il bot non ha saputo rispondere",
        "aggiungi --canale per mostrare a tutto il canale le risposte senza dati di un "
        "account (per esempio /billing faq --canale come cambio il metodo di pagamento?)",
    ])])
PUBLIC_FLAG = "--canale"
NOT_AN_AGENT = ("Il comando /billing è riservato agli agenti del supporto. Per le tue domande "
                "sulla fatturazione scrivimi pure in un messaggio diretto.")
UNANSWERED_LIMIT = 15


class AgentCommands:
    def __init__(self, services: SlackServices, conversations: Conversations) -> None:
        self.services = services
        self.conversations = conversations

    def account(self, where: Where, command: str, rest: str, actor: Actor) -> None:
        """`/billing account|orders <e-mail o id>`: the account, or its orders and quotes."""
        services = self.services
        if not rest:
            services.poster.respond(where, plain_message(
                f"Scrivi anche l'account: /billing {command} <e-mail o id>, per esempio "
                f"/billing {command} ACC-1001."))
            return
        found = services.engine.service.find_account(rest.split()[0])
        view = (services.engine.service.account_view(actor, found.id)
                if found is not None else None)
        if view is None or isinstance(view, Refusal):
            services.poster.respond(where, plain_message(
                f"Non trovo nessun account per «{rest.split()[0]}». Controlla l'id (per "
                "esempio ACC-1001) o l'e-mail di un contatto."))
            return
        reply = account_reply(view) if command == "account" else orders_reply(view)
        services.poster.respond(where, render(reply))

    def run(self, client: WebClient, where: Where, text: str, delivery_id: str) -> None:
        """`/billing <text>` (decoded by the listener: `text.decode`)."""
        with told_if_unavailable(self.services.poster, client, where):
            self._run(client, where, text, delivery_id)

    def _run(self, client: WebClient, where: Where, text: str, delivery_id: str) -> None:
        services = self.services
        person = services.directory.person(client, where.team_id, where.user_id)
        identity = services.engine.service.who_is(person.email)
        if identity.role != "agent":
            metrics.REFUSALS.labels("not_an_agent").inc()
            services.engine.service.record_refusal(
                Actor(email=person.email, channel="slack"), "slack./billing",
                identity.account_id, Refusal(code="not_authorized", message=(
                    f"{NOT_AN_AGENT} (/billing {text[:80]})")))
            services.poster.respond(where, plain_message(NOT_AN_AGENT))
            return
        if PUBLIC_FLAG in text.split():
            text = " ".join(word for word in text.split() if word != PUBLIC_FLAG)
            where = replace(where, public=True)
        words = text.split(maxsplit=1)
        command = words[0].lower() if words else "help"
        rest = words[1].strip() if len(words) > 1 else ""
        actor = Actor(email=person.email, channel="slack")
        if command in ("help", "aiuto", "?"):
            services.poster.respond(where, render(HELP))
        elif command in ("account", "orders"):
            self.account(where, command, rest, actor)
        elif command == "per":
            parts = rest.split(maxsplit=1)
            if len(parts) < 2:
                services.poster.respond(where, plain_message(
                    "Scrivi per chi e che cosa: /billing per <e-mail o id> <richiesta>, per "
                    "esempio /billing per ACC-1001 riduci a 8 le licenze di GoTo Webinar."))
                return
            self.conversations.message(client, where, f"per conto di {parts[0]} {parts[1]}",
                                       delivery_id)
        elif command == "faq":
            if not rest:
                services.poster.respond(where, plain_message(
                    "Scrivi anche la domanda: /billing faq <domanda>."))
                return
            self.conversations.message(client, where, rest, delivery_id)
        elif command == "unanswered":
            rows = services.engine.services.store.unanswered_report(limit=UNANSWERED_LIMIT)
            lines = [f"{row.count} × «{row.text}» (ultima volta "
                     f"{row.last_seen:%d/%m/%Y %H:%M})" for row in rows]
            services.poster.respond(where, render(Reply(intent="agent.unanswered", sections=[
                Section(title="Domande senza risposta, dalla più frequente",
                        text="\n".join(lines) or "Nessuna domanda senza risposta.")])))
        else:
            # an answer to the pending question of a `per` flow ("/billing 8")
            self.conversations.message(client, where, " ".join(words), delivery_id)
