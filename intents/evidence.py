"""Explicit evidence the model's features do not weigh: each function moves probability
between intents when the words say which one is meant. They run in this order (`apply_all`):

- `counted_request`: a direction verb (or a signed or ranged count) with a count about licenses
  or a product is a license change ("riduci webinar a 5", "+4 postazioni", "da 15 a 11");
- `direction`: reduce vs add by the verbs ("ridurre/togliere" vs "aggiungere/in più");
- `target_count`: a license target with no direction ("passa a 12 licenze") is licenses.reduce
  (the dialogue compares it with the current count);
- `license_range`: "passare da 12 licenze a 9" is a count change, not a swap or a tier change;
- `plan_tier`: a tier asked for is a plan change whatever else the request carries, except
  with a reactivation or a new subscription ("riattiva meeting con piano business");
- `subscription_verb`: cancel/reactivate vs swap vs purchase by the verbs and products named;
- `swap_words`: "convertire", "scambiare", "un altro prodotto al suo posto" make a swap;
- `hypothetical`: "se riduco le licenze mi rimborsate?" is the cost question;
- (intents/topic_evidence.py, from here to `scheduled_event`)
- `cost_question`: "quanto costa aggiungere 3 licenze?", "mi rimborsate?" ask, they order
  nothing: the cost question;
- `w9`: the W-9 named is the W-9 question;
- `contact_powers`: "il contatto di fatturazione può cambiare il piano?" asks what the contact
  may do (who), "chi può cambiare il contatto di fatturazione?" asks to change it;
- `pending_change`: "ci sono cambi di piano in attesa?" asks about the account;
- `order_follow_up`: "non vedo ancora le licenze che abbiamo comprato" asks about an order;
- `expired_reactivation`: "il piano risulta scaduto, come lo rimettiamo attivo?" asks to
  reactivate, not what the account has;
- `scheduled_event`: "annulla il webinar di giovedì", "cancel tomorrow's meeting": one
  session with its day or hour is the product's use, not the subscription;
- (intents/portal_actions.py) `portal_action`: "how do I add seats in the Corporate Billing
  Portal?" asks for the action, not about the portal; `portal_entry`: getting into the billing
  part is the portal's access, not what the account has;
- (intents/about_the_bot.py) `asks_what_the_bot_is`: "sei un robot o una persona?" asks what
  the bot is (out of scope), it does not ask for a person;
- (intents/usage.py) `product_use`: a malfunction ("si blocca", "non mi sentono") or a device
  of a call (webcam, microphone) with nothing of billing is the product's use, out of scope;
- (intents/anchors.py) `unanchored`: a billing-contact question or a license change that names
  nothing of billing ("mi si è rotto il portatile, a chi chiedo?", "we need more chairs"), or a
  purchase that names nothing it buys ("chi approva gli ordini di acquisto?"), is about the
  office, out of scope;
- `foreign`: a billing word about another company's or office-life thing is out of scope;
- (intents/cards.py) `own_card`: a personal, stolen or cloned card with nothing done with it on
  the account ("la carta di credito personale mi è stata clonata") is the bank's, out of scope.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from intents import cues
from intents.about_the_bot import asks_what_the_bot_is
from intents.anchors import unanchored
from intents.cards import own_card
from intents.foreign import foreign_only
from intents.portal_actions import portal_action, portal_entry
from intents.scores import (
    CANCEL,
    CHANGES,
    COSTS,
    FREQUENCY,
    PLAN_CHANGE,
    PRODUCT_SWITCH,
    PURCHASE,
    REACTIVATE,
    Scores,
    top_of,
)
from intents.slots import names_target_tier, products_named
from intents.topic_evidence import (
    contact_powers,
    cost_question,
    expired_reactivation,
    frequency_words,
    order_follow_up,
    pending_change,
    purchase_words,
    scheduled_event,
    w9,
)
from intents.training_data import OUT_OF_SCOPE, SlotValue
from intents.usage import product_use

_MODE_DIRECTION = {"remove": cues.REDUCE, "add": cues.ADD}
_HYPOTHESIS = re.compile(r"(?:\w+ ){0,3}?(?:se|if|nel caso|qualora|in case)\b")
NAMES_PEOPLE = frozenset({"billing_contact.change", "billing_contact.who"})
"""Intents where a name never seen is a person's (a billing contact), not another company."""
_KEPT_BESIDE_FOREIGN = frozenset({OUT_OF_SCOPE, "greet", "thanks", "help", "handoff",
                                  "acknowledge"})


def apply_all(text: str, normalized: str, slots: dict[str, SlotValue], scores: Scores,
              unknown: Callable[[str], bool], corrected: str) -> list[cues.Cue]:
    """Every rule in order; returns the cues found (the caller checks negations with them).
    `unknown` tells whether a piece of text names, where a billing word's object stands, a
    name the bot has never seen; `corrected` is the normalised text with typos corrected."""
    found = cues.find_cues(normalized)
    counted_request(text, normalized, found, slots, scores)
    direction(normalized, found, scores)
    target_count(normalized, found, slots, scores)
    license_range(text, normalized, found, scores)
    plan_tier(text, found, slots, scores)
    subscription_verb(text, found, scores)
    swap_words(found, slots, scores)
    hypothetical(normalized, scores)
    cost_question(text, normalized, found, scores)
    w9(normalized, scores)
    contact_powers(normalized, scores)
    pending_change(text, normalized, scores)
    order_follow_up(normalized, scores)
    expired_reactivation(normalized, found, scores)
    frequency_words(normalized, scores)
    purchase_words(normalized, scores)
    scheduled_event(normalized, slots, scores)
    portal_action(normalized, scores)
    portal_entry(normalized, scores)
    asks_what_the_bot_is(normalized, scores)
    product_use(normalized, slots, scores)
    unanchored(text, corrected, slots, scores)
    foreign(text, scores, unknown)
    own_card(normalized, scores)
    return found


def direction(normalized: str, found: list[cues.Cue], scores: Scores) -> None:
    """Reduce vs add is decided by the verbs, when the model's best guesses include them.

    If one of the two is the top intent, the pair's probability goes to the one the words
    name; if only the runner-up is, the two swap when backwards (the top stays the top).
    """
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:2]
    if cues.REDUCE not in ranked and cues.ADD not in ranked:
        return
    wanted = cues.direction(normalized, found)
    if wanted is None:
        return
    other = cues.ADD if wanted == cues.REDUCE else cues.REDUCE
    if ranked[0] in (cues.REDUCE, cues.ADD):
        scores[wanted], scores[other] = scores[wanted] + scores[other], 0.0
    elif scores[other] > scores[wanted]:
        scores[wanted], scores[other] = scores[other], scores[wanted]

def target_count(normalized: str, found: list[cues.Cue],
                        slots: dict[str, SlotValue], scores: Scores) -> None:
    """A license target with no direction ("passa a 12 licenze", "set it to 12 licenses")
    says neither more nor fewer: only the current count does, and the dialogue's reduction
    flow compares the two and offers adding when the target is higher ("Hai 10 licenze: 12
    non è una riduzione. Vuoi aggiungerne 2?"). When reduce or add is the top guess, the
    pair's probability goes to `licenses.reduce`, so the message is answered, not asked."""
    if slots.get("count_mode") != "set" or not cues.names_licenses(normalized):
        return
    if top_of(scores) not in (cues.REDUCE, cues.ADD):
        return
    if cues.direction(normalized, found) is not None:
        return
    scores[cues.REDUCE], scores[cues.ADD] = scores[cues.REDUCE] + scores[cues.ADD], 0.0

def license_range(text: str, normalized: str, found: list[cues.Cue],
                         scores: Scores) -> None:
    """ "passare da 12 licenze a 9" is a license count going down, not a product swap or a
    tier change: with licenses named and a range, the range's direction takes the top."""
    top = top_of(scores)
    if top not in (PRODUCT_SWITCH, PLAN_CHANGE) or not cues.names_licenses(normalized):
        return
    if top == PRODUCT_SWITCH and len(products_named(text)) >= 2:
        return
    wanted = cues.range_direction(normalized)
    if wanted is not None:
        scores[wanted], scores[top] = scores[top], scores[wanted]

def plan_tier(text: str, found: list[cues.Cue], slots: dict[str, SlotValue],
                     scores: Scores) -> None:
    """A tier the user asks for is a plan change, whatever else the request carries: when a
    product swap (fewer than two products named), a license count or a frequency change is
    the top guess, their probability goes to the plan change ("passiamo a GoTo Webinar
    Standard"; "passa webinar a standard con 12 licenze" is a plan change with a count; a
    lower tier asked for with anything else still reaches the downgrade rule). A tier that
    only describes the current plan ("riduci le licenze del piano pro a 5") changes nothing.
    """
    if "plan" not in slots or not names_target_tier(text):
        return
    named = {cue.intent for cue in found if not cue.negated}
    if REACTIVATE in named or _NEW_SUBSCRIPTION.search(text.lower()):
        # "riattiva meeting con piano business": a reactivation (the dialogue says the tier is
        # not changed by it); "un nuovo abbonamento GoTo Training Pro": a purchase
        wanted = REACTIVATE if REACTIVATE in named else PURCHASE
        if top_of(scores) in (PLAN_CHANGE, wanted):
            scores[wanted], scores[PLAN_CHANGE] = scores[wanted] + scores[PLAN_CHANGE], 0.0
        return
    pulled = [cues.REDUCE, cues.ADD, FREQUENCY]
    if not any(cue.intent == PURCHASE for cue in found):
        pulled.append(PURCHASE)  # "scendere al piano standard per webinar" buys nothing
    if len(products_named(text)) < 2:
        pulled.append(PRODUCT_SWITCH)
    if top_of(scores) in (PLAN_CHANGE, *pulled):
        for other in pulled:
            scores[PLAN_CHANGE] += scores[other]
            scores[other] = 0.0

def counted_request(text: str, normalized: str, found: list[cues.Cue],
                           slots: dict[str, SlotValue], scores: Scores) -> None:
    """A direction verb with a count, about licenses or a product ("riduci webinar a 5",
    "abbassa a 7 gli utenti webinar", "togli 2 al training") is a license change even when
    the model, short of words, hesitates: the direction it says takes the probability of the
    other direction, out of scope and a product swap."""
    if "count" not in slots:
        return
    wanted = cues.direction(normalized, found) or _MODE_DIRECTION.get(
        str(slots.get("count_mode")))
    if wanted is None or not (cues.names_licenses(normalized) or products_named(text)
                              or cues.range_direction(normalized) is not None):
        return
    top = top_of(scores)
    if top not in (OUT_OF_SCOPE, PRODUCT_SWITCH, cues.REDUCE, cues.ADD):
        return
    # a swap or out of scope is never what a direction verb with a count says, wherever
    # they stand ("riduci GoTo Webinar a 8": reduce 0.39, swap 0.27)
    moved = {cues.REDUCE, cues.ADD, top, OUT_OF_SCOPE, PRODUCT_SWITCH} - {wanted}
    for other in moved:
        scores[wanted] += scores[other]
        scores[other] = 0.0

def subscription_verb(text: str, found: list[cues.Cue],
                             scores: Scores) -> None:
    """Cancel / reactivate vs product swap is decided by the verbs and the products named.

    A cancel or reactivate verb with fewer than two products named is not a swap: "disdici
    GoTo Webinar", "ripristina GoTo Meeting" came out product.switch, the product name
    outweighing a short imperative. When product.switch is the top guess and the words name
    (not under a negation) exactly one of the two actions, its probability goes to that
    action; both named ("ho disdetto, riattivalo") leave the model alone. The other way
    round, two products and no such verb ("passare da gotomeeting a gotowebinar", "non
    voglio disdire, passo da GoTo Meeting a GoTo Webinar") is a swap, not a cancellation.
    """
    top = top_of(scores)
    named_all = {cue.intent for cue in found if not cue.negated}
    named = named_all & {CANCEL, REACTIVATE}
    if top not in (PRODUCT_SWITCH, CANCEL, REACTIVATE, PURCHASE):
        return
    products = len(products_named(text))
    if top in (PRODUCT_SWITCH, CANCEL, REACTIVATE, PURCHASE) and products < 2 \
            and len(named) == 1 and PURCHASE not in named_all:
        # "chiudete GoTo Webinar": a cancellation, not a swap nor a purchase of the product
        (wanted,) = named
        for other in (PRODUCT_SWITCH, PURCHASE):
            scores[wanted] += scores[other]
            scores[other] = 0.0
    elif top in (CANCEL, REACTIVATE, PURCHASE) and products >= 2 and not named \
            and PURCHASE not in named_all:
        scores[PRODUCT_SWITCH] += scores[top]
        scores[top] = 0.0
    elif top == PRODUCT_SWITCH and products >= 2 and not named and PURCHASE not in named_all:
        scores[PRODUCT_SWITCH] += scores[PURCHASE]  # "passare da meeting a webinar"
        scores[PURCHASE] = 0.0

_NEW_SUBSCRIPTION = re.compile(r"\b(?:nuov[oa] (?:abbonamento|sottoscrizione)|new subscription)\b")
_SWAP_FROM = frozenset({cues.REDUCE, cues.ADD, PURCHASE, CANCEL})


def swap_words(found: list[cues.Cue], slots: dict[str, SlotValue], scores: Scores) -> None:
    """ "vorrei convertire le licenze training in licenze webinar", "un altro prodotto GoTo al
    suo posto": a swap named in other words. When a reduction, an addition, a purchase or a
    cancellation is the top guess, a swap word is named (not under a negation) and no count
    is given, the swap takes their probability."""
    if "count" in slots or top_of(scores) not in _SWAP_FROM:
        return
    if not any(cue.intent == PRODUCT_SWITCH and not cue.negated for cue in found):
        return
    for other in _SWAP_FROM:
        scores[PRODUCT_SWITCH] += scores[other]
        scores[other] = 0.0


def hypothetical(normalized: str, scores: Scores) -> None:
    """ "se riduco le licenze mi rimborsate qualcosa?", "if we cancel, do we get money
    back?": a hypothesis asks what a change would do, it orders nothing. When a change is
    the top guess and the cost question is among the next two, they swap."""
    if not _HYPOTHESIS.match(normalized):
        return
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    if ranked[0] in CHANGES and COSTS in ranked[1:3]:
        scores[COSTS], scores[ranked[0]] = scores[ranked[0]], scores[COSTS]



def foreign(text: str, scores: Scores, unknown: Callable[[str], bool]) -> None:
    """A billing word about something that is not GoTo's nor this account's ("disdici
    Spotify", "aggiorna la carta su Booking", "paga l'F24", "disdici Tidal": a name never seen
    where the object stands) is out of scope: the bot's transactions and answers concern GoTo
    products and this account only. The billing intents' probability goes to out_of_scope; a
    greeting, thanks, a wish for a person or an acknowledgement keeps its own. A person's name
    is expected where a billing contact is named ("passa la gestione della fatturazione a
    Marco"): there only the lexicon's foreign things count."""
    if not foreign_only(text, None if top_of(scores) in NAMES_PEOPLE else unknown):
        return
    for intent in list(scores):
        if intent not in _KEPT_BESIDE_FOREIGN:
            scores[OUT_OF_SCOPE] += scores[intent]
            scores[intent] = 0.0
