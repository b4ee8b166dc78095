"""Who is speaking and on which account they act (agents choose a customer account)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from billing_core.schemas import Actor

if TYPE_CHECKING:
    from billing_core.schemas import Identity
    from bot.dialogue.turns import Place, Turn

ACCOUNT_ID = r"\bACC[-\s]?\d+\b"
"""An account id as typed: "ACC-1001", "ACC1001", "acc 1001" (a number alone is no id)."""
ACT_FOR = re.compile(
    r"(?:per\s+conto\s+(?:di|del(?:l')?)\s+|on\s+behalf\s+of\s+|/per\s+)"
    rf"(?P<ref>[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|{ACCOUNT_ID})",
    re.IGNORECASE,
)
BARE_ACCOUNT = re.compile(rf"(?P<ref>{ACCOUNT_ID})", re.IGNORECASE)
_FILLER = frozenset({"anzi", "per", "invece", "no", "ok", "okay", "allora", "si", "sì", "ora",
                     "adesso", "passa", "passiamo", "a", "al", "all", "il", "cliente", "e", "è",
                     "l'account", "account", "conto", "di", "del", "grazie", "favore", "please",
                     "for", "the", "customer", "instead"})
"""Words around an account id that ask nothing more ("anzi per ACC-2001", "il cliente è
ACC1001, grazie"): the message only chooses the account."""


def canonical_reference(ref: str) -> str:
    """"acc 1001", "ACC1001" → "ACC-1001"; an e-mail as it was typed."""
    if "@" in ref:
        return ref
    return "ACC-" + "".join(ch for ch in ref if ch.isdigit())


@dataclass(frozen=True)
class Speaker:
    """The person behind a turn, the actor billing_core audits, and the account acted on."""

    identity: Identity
    actor: Actor
    account_id: str | None
    conversation_key: str
    place: Place | None = None
    """Where the turn happens (the handoff record says where to answer)."""

    @property
    def role(self) -> str:
        return str(self.identity.role)

    @property
    def first_name(self) -> str:
        name = self.identity.name or ""
        return name.split()[0] if name else ""

    @property
    def can_transact(self) -> bool:
        """Billing contacts, and agents once they chose a customer account."""
        if self.role == "billing_contact":
            return True
        return self.role == "agent" and self.account_id is not None


def speaker_for(identity: Identity, turn: Turn, acting_for: str | None) -> Speaker:
    """The speaker of a turn: an agent acts for the account they chose (`acting_for`), anyone
    else for their own."""
    if identity.role == "agent":
        return Speaker(identity, Actor(email=turn.user_email, channel=turn.channel,
                                       on_behalf_of=acting_for),
                       acting_for, turn.conversation_key, turn.place)
    return Speaker(identity, Actor(email=turn.user_email, channel=turn.channel),
                   identity.account_id, turn.conversation_key, turn.place)


def account_reference(text: str) -> tuple[str, str] | None:
    """("ACC-1001" or an e-mail, the text without that part) when an agent names an account."""
    match = ACT_FOR.search(text) or BARE_ACCOUNT.search(text)
    if match is None:
        return None
    rest = " ".join((text[: match.start()] + " " + text[match.end():]).strip(" ,.:;-").split())
    if all(word.strip(",.:;!-") in _FILLER for word in rest.lower().split()):
        rest = ""
    return canonical_reference(match.group("ref")), rest


def acting_for_another(text: str, own_account: str | None, own_email: str) -> str | None:
    """The account someone who is not an agent says they act for ("per conto di ACC-2001 …"),
    when it is not their own; None otherwise."""
    match = ACT_FOR.search(text)
    if match is None:
        return None
    ref = canonical_reference(match.group("ref"))
    if ref.lower() in ((own_account or "").lower(), own_email.strip().lower()):
        return None
    return ref
