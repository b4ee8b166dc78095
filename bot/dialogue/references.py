"""Ids a message names that are not on the account the speaker acts on: another account
("per ACC-2001: quante licenze hanno?", "chi è il contatto di ACC-1001?"), an order or a quote
("qual è lo stato dell'ordine ORD-…?").

The bot shows only the data of the account it acts on (billing_core refuses any other), so such
a question is told so, instead of being answered with the speaker's own data as if they were
the ones asked about. Agents choose the account with "per conto di" (or `/billing per`); an
account id an agent names is handled there, before this.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from billing_core.schemas import AccountView
from bot.dialogue import messages
from bot.dialogue.speaker import ACCOUNT_ID as TYPED_ACCOUNT_ID
from bot.dialogue.speaker import canonical_reference

if TYPE_CHECKING:
    from bot.dialogue.faq import AccountFacts
    from bot.dialogue.speaker import Speaker

ACCOUNT_ID = re.compile(TYPED_ACCOUNT_ID, re.IGNORECASE)
ORDER_ID = re.compile(r"\bORD-[0-9A-Z]+\b", re.IGNORECASE)
QUOTE_ID = re.compile(r"\bQ-[0-9A-Z]+(?:-[0-9A-Z]+)*\b", re.IGNORECASE)


def names_an_id(text: str) -> bool:
    """The text names an account, an order or a quote by its id."""
    return any(pattern.search(text) for pattern in (ACCOUNT_ID, ORDER_ID, QUOTE_ID))


def not_theirs(text: str, speaker: Speaker, account: AccountFacts | None) -> str | None:
    """What to say about the ids `text` names that are not on `account` (the one the speaker
    acts on); None when it names none. Orders and quotes are looked for only where the speaker
    may see them (the billing contact, an agent): to anyone else the account's orders are not
    shown at all."""
    if account is None:
        return None
    own = account.id.upper()
    for match in ACCOUNT_ID.finditer(text):
        if canonical_reference(match.group()).upper() != own and speaker.role != "agent":
            return messages.only_own_account(account.name, account.id)
    if not isinstance(account, AccountView):
        return None
    on_behalf = speaker.role == "agent"
    known = {order.id.upper() for order in account.orders}
    for match in ORDER_ID.finditer(text):
        if match.group().upper() not in known:
            return messages.not_on_account(match.group().upper(), on_behalf, quote=False)
    known = {quote.id.upper() for quote in account.quotes}
    for match in QUOTE_ID.finditer(text):
        if match.group().upper() not in known:
            return messages.not_on_account(match.group().upper(), on_behalf, quote=True)
    return None
