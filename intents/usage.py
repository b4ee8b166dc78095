"""Using the product, not paying for it: a malfunction or a device is out of scope.

"GoTo Meeting si blocca quando apro l'app sul Mac", "i partecipanti non mi sentono", "il link del
meeting non funziona", "si può cambiare lo sfondo della webcam su GoTo Meeting?": a message that
reports something not working (`_PROBLEM`) or names a device or feature of a call
(`_CALL_THINGS`: webcam, microphone, headset, background, screen sharing…), and names nothing of
billing (`intents.billing_words.mentions_billing`, the lexicon's `billing_words`: licenses,
plans, invoices, payments, cards, prices, renewals, orders, quotes, trials, the Options icon,
the Billing Center, a cancel or reactivate verb; nor a count, tier or frequency the slots read),
is about using the product: the support articles the bot answers from say nothing of it. The
model, reading a product name or a short sentence, took such messages for an account question,
a product swap, or an acknowledgement.

Where a billing word is there too ("la carta non funziona", "l'app si blocca, voglio disdire",
"non vedo le licenze che abbiamo comprato", "il link del centro fatturazione non funziona") the
rule stays out and the model and the other rules decide.
"""

from __future__ import annotations

import re

from intents.billing_words import mentions_billing
from intents.scores import Scores
from intents.training_data import OUT_OF_SCOPE, SlotValue

# Something of the product that does not work: "non funziona", "non si apre", "non mi sentono",
# "si blocca", "crasha", "gracchia", "è rotto", "doesn't work", "can't hear", "keeps freezing".
_PROBLEM = re.compile(
    r"\bnon (?:mi |ci |ti |si |lo |la |li |le |ne |piu )*(?:funzion\w*|parte|partono|apre|aprono|"
    r"avvia|carica|caricano|sent\w*|sento|vede|vedono|connett\w*|collega|accende|installa|"
    r"riesco a (?:sentire|vedere|condividere|parlare))\b"
    r"|\bsi (?:blocc\w*|impall\w*|pianta|piantano|chiude da sol\w*|chiudono da sol\w*|"
    r"disconnett\w*|scollega\w*|riavvia\w*|spegne|freez\w*)\b"
    r"|\b(?:crash\w*|freez\w*|frozen|lagg\w*|gracchi\w*|sgranat\w*|fruscio|rimbomb\w*)\b"
    # something broken: "mi si è rotto il portatile", "la stampante è guasta", "it's broken"
    r"|\b(?:rott[oaie]|guast[oaie]|broken)\b"
    # English as normalised: "won't" is "wo not", "can't" is "ca not"
    r"|\b(?:not working|(?:does|do) not work|(?:wo|will|does|do) not (?:open|start|load|launch|"
    r"connect)|(?:ca|can|could) not (?:hear|see|connect|share)|cannot (?:hear|see|connect|share)|"
    r"keeps (?:crashing|freezing|dropping|cutting out|disconnecting))\b")
# Devices and features of a call, and what the product runs on, that billing never speaks of.
_CALL_THINGS = re.compile(
    r"\b(?:webcam|videocamer\w*|telecamer\w*|microfon\w*|cuffi\w*|auricolar\w*|altoparlant\w*|"
    r"sfond\w*|sondagg\w*|lavagn\w*|sottotitol\w*|stanze separate|breakout|"
    r"condivision\w* (?:dello |del |di )?schermo|condivid\w* (?:lo |il mio |la mia )?schermo|"
    r"camera|microphone\w*|headset\w*|speakers?|background\w*|whiteboard\w*|captions?|"
    r"screen shar\w*|share (?:my |the )?screen|"
    # the devices and systems it runs on
    r"mac|macbook|macos|linux|ubuntu|iphone|ipad|android|tablet|smartphone|browser|chrome|"
    r"firefox|safari|chromebook)\b")
_KEPT = frozenset({OUT_OF_SCOPE, "greet", "thanks", "help", "handoff"})
"""What a message about using the product may still be: a greeting, a thanks, a request for
help or for a person ("il microfono non va, mi passi un operatore?")."""


def about_use(normalized: str, slots: dict[str, SlotValue]) -> bool:
    """The message reports a malfunction or names a device or feature of a call, and nothing of
    billing (no billing word, no count, tier or frequency)."""
    if not (_PROBLEM.search(normalized) or _CALL_THINGS.search(normalized)):
        return False
    return not (mentions_billing(normalized) or {"count", "plan", "frequency"} & slots.keys())


def product_use(normalized: str, slots: dict[str, SlotValue], scores: Scores) -> None:
    """A message about using the product (`about_use`) is out of scope: every intent but a
    greeting, a thanks, help and a person gives its probability to out_of_scope, an
    acknowledgement too ("il link del meeting non funziona" reported a problem; it was read
    as "ok")."""
    if not about_use(normalized, slots):
        return
    for intent in list(scores):
        if intent not in _KEPT:
            scores[OUT_OF_SCOPE] += scores[intent]
            scores[intent] = 0.0
