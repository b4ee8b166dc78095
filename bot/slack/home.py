"""The Home tab (`app_home_opened` -> `views.publish`): what the bot can do, example questions,
and, since only its owner sees a Home tab, the person's own account: a billing contact's
subscriptions and open orders and quotes; for an agent, the support commands."""

from __future__ import annotations

from typing import Any

from billing_core.schemas import Actor, Identity, Refusal
from bot.dialogue import messages
from bot.dialogue.replies import Reply, Section
from bot.slack.accounts import open_items, subscription_lines
from bot.slack.agents import HELP
from bot.slack.blocks import MAX_BLOCKS, Block, render

EXAMPLES = [
    "riduci a 8 le licenze di GoTo Webinar",
    "passiamo alla fatturazione annuale",
    "chi è il nostro contatto di fatturazione?",
    "come cambio il metodo di pagamento?",
    "a che punto è il mio ordine?",
    "parla con una persona",
]


def home_sections(identity: Identity, account: Any | None) -> list[Section]:
    hello = f"Ciao {identity.name.split()[0]}!" if identity.name else "Ciao!"
    sections = [
        Section(title="Assistente di fatturazione GoTo",
                text=f"{hello} {messages.CAPABILITIES} Ogni modifica viene effettuata solo "
                     "dopo la tua conferma esplicita, con il riepilogo dell'ordine."),
        Section(title="Prova a scrivermi, in un messaggio diretto",
                text="\n".join(f"• «{example}»" for example in EXAMPLES)),
    ]
    if identity.role == "agent":
        sections.extend(HELP.sections)
    elif account is not None:
        sections.append(Section(title=f"Il tuo account: {account.name} ({account.id})",
                                text="\n".join(subscription_lines(account))))
        pending = open_items(account)
        sections.append(Section(title="Ordini in elaborazione e preventivi aperti",
                                text="\n".join(pending) or "Nessuno."))
        if identity.role == "user":
            sections.append(Section(text="Le modifiche all'abbonamento le può fare il contatto "
                                         "di fatturazione dell'account."))
    else:
        sections.append(Section(text="Non trovo un account GoTo collegato al tuo indirizzo "
                                     "e-mail: posso rispondere alle domande generali sulla "
                                     "fatturazione."))
    return sections


def home_view(service: Any, email: str) -> dict[str, Any]:
    """The Home tab of the person with this e-mail."""
    identity: Identity = service.who_is(email)
    account = None
    if identity.account_id is not None and identity.role != "agent":
        view = service.account_view(Actor(email=email, channel="slack"), identity.account_id)
        account = None if isinstance(view, Refusal) else view
    blocks: list[Block] = render(Reply(sections=home_sections(identity, account))).blocks
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}
