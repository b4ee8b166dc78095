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
- `cost_question`: "quanto costa aggiungere 3 licenze?", "mi rimborsate?" ask, they order
  nothing: the cost question;
- `w9`: the W-9 named is the W-9 question;
- `contact_powers`: "il contatto di fatturazione può cambiare il piano?" asks what the contact
  may do (who), "chi può cambiare il contatto di fatturazione?" asks to change it;
- `pending_change`: "ci sono cambi di piano in attesa?" asks about the account;
- `order_follow_up`: "non vedo ancora le licenze che abbiamo comprato" asks about an order;
- `scheduled_event`: "annulla il webinar di giovedì", "cancel tomorrow's meeting": one
  session with its day or hour is the product's use, not the subscription;
- `foreign`: a billing word about another company's or office-life thing is out of scope.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from intents import cues
from intents.slots import names_target_tier, products_named
from intents.training_data import OUT_OF_SCOPE, SlotValue

Scores = dict[str, float]

PLAN_CHANGE = "plan.change"
PRODUCT_SWITCH = "product.switch"
CANCEL = "subscription.cancel"
REACTIVATE = "subscription.reactivate"
PURCHASE = "purchase.new"
FREQUENCY = "billing.frequency"
COSTS = "plan.costs"
TAX = "tax.w9"
_MODE_DIRECTION = {"remove": cues.REDUCE, "add": cues.ADD}
_HYPOTHESIS = re.compile(r"(?:\w+ ){0,3}?(?:se|if|nel caso|qualora|in case)\b")
_CHANGES = frozenset({cues.REDUCE, cues.ADD, PLAN_CHANGE, CANCEL, FREQUENCY})
NAMES_PEOPLE = frozenset({"billing_contact.change", "billing_contact.who"})
"""Intents where a name never seen is a person's (a billing contact), not another company."""
_KEPT_BESIDE_FOREIGN = frozenset({OUT_OF_SCOPE, "greet", "thanks", "help", "handoff",
                                  "acknowledge"})


def apply_all(text: str, normalized: str, slots: dict[str, SlotValue], scores: Scores,
              unknown: Callable[[str], bool]) -> list[cues.Cue]:
    """Every rule in order; returns the cues found (the caller checks negations with them).
    `unknown` tells whether a piece of text names, where a billing word's object stands, a
    name the bot has never seen."""
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
    frequency_words(normalized, scores)
    purchase_words(normalized, scores)
    scheduled_event(normalized, slots, scores)
    foreign(text, scores, unknown)
    return found


def top_of(scores: Scores) -> str:
    return max(scores, key=scores.__getitem__)


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
    the model, short of words, hesitates: the reduce/add pair takes the top from out of
    scope or a product swap."""
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
    moved = {cues.REDUCE, cues.ADD, top} - {wanted}
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
    if ranked[0] in _CHANGES and COSTS in ranked[1:3]:
        scores[COSTS], scores[ranked[0]] = scores[ranked[0]], scores[COSTS]



# A question about money a change would cost or give back: "quanto costa/pago/spenderemmo", "mi
# rimborsate?", "how much would it cost", "do I get money back"; with a question mark also
# "costa di più?", "risparmio qualcosa?".
_COST_WORDS = re.compile(
    r"\bquanto (?:\w+ ){0,3}?(?:cost|pag|spend|spes|risparm|verrebbe|viene)"
    r"|\b(?:rimbors\w*|restituite|restituirete|restituzione|ridate|ridarete|rendete|refund\w*|"
    r"reimburs\w*)"
    r"|\bmoney back\b|\bhow much\b|\bwhat (?:would|will|does) (?:it |that |an? \w+ )?cost"
    r"|\bwould (?:it|that) cost\b")
_VAT_INCLUDED = re.compile(
    r"\b(?:iva|vat|tasse|taxes|tax)\b (?:\w+ ){0,2}?(?:compres\w*|inclus\w*|esclus\w*|included|"
    r"excluded|applicat\w*)|\b(?:compres\w*|inclus\w*|esclus\w*|included|excluded|including|"
    r"plus) (?:\w+ )?(?:iva|vat|tax)\b")
"""A question whether VAT is included ("sì ma l'iva è compresa?"): a cost question."""
_COST_ASKED = re.compile(r"\b(?:costa|costerebbe|costerebbero|costera|costano|prezzo|prezzi|"
                         r"risparmi\w*|spenderemmo|spenderei|pagheremmo|pagherei|cost|costs)\b")


def cost_question(text: str, normalized: str, found: list[cues.Cue],
                  scores: Scores) -> None:
    """ "quanto costa aggiungere 3 licenze?", "se tolgo 2 licenze mi restituite i soldi?",
    "riducendo a 3 le licenze risparmio qualcosa?", "what would an upgrade cost us": a
    question about what a change costs or gives back orders nothing. When a change is the top
    guess, its probability goes to the cost question (a question is never a command)."""
    if _COST_WORDS.search(normalized) is None and not (
            "?" in text and (_COST_ASKED.search(normalized) or _VAT_INCLUDED.search(normalized))):
        return
    top = top_of(scores)
    change_named = any(cue.intent in _CHANGES and not cue.negated for cue in found)
    vat_included = "?" in text and _VAT_INCLUDED.search(normalized) is not None
    if top in _CHANGES | {COSTS} or (
            (change_named or vat_included) and top != OUT_OF_SCOPE):
        # "nel caso riducessimo le postazioni, cosa pagheremmo?" was read as an account question
        for other in _CHANGES | {top}:
            if other != COSTS:
                scores[COSTS], scores[other] = scores[COSTS] + scores[other], 0.0


def w9(normalized: str, scores: Scores) -> None:
    """The W-9 form named ("non riesco a scaricare il W-9 dal portale") is the W-9 question,
    whatever else the words suggest: no other intent speaks of it."""
    top = top_of(scores)
    if re.search(r"\bw9\b", normalized) and top != TAX:
        scores[TAX], scores[top] = scores[TAX] + scores[top], 0.0


WHO, CONTACT_CHANGE = "billing_contact.who", "billing_contact.change"
OVERVIEW, ORDER = "account.overview", "order.status"
_ROLE = (r"(?:(?:contatto|referente|amministratore|responsabile|admin\w*) (?:\w+ ){0,2}?"
         r"(?:fattur\w*|pagamenti|billing)|billing (?:contact|admin\w*))")
_MAY = (r"(?:puo|potrebbe|possono|ha il potere|ha i permessi|ha diritto|e autorizzat\w+|"
        r"can|could|may|is allowed|is able)")
_ROLE_MAY = re.compile(r"\b" + _ROLE + r" (?:\w+ ){0,2}?" + _MAY + r"\b")
_MAY_ROLE = re.compile(r"\b" + _MAY + r" (?:fare |do |fa )?(?:the |our |il |l |un |a )?" + _ROLE)
_CHANGE_VERB = (r"(?:cambi\w*|modific\w*|sostitu\w*|change|replace|nomin\w*|aggiorn\w*|update|"
                r"transfer\w*|trasferi\w*)")
_MAY_CHANGE_ROLE = re.compile(
    r"\b(?:chi|who|come|how|posso|possiamo|can i|can we)\b (?:\w+ ){0,3}?" + _CHANGE_VERB
    + r" (?:\w+ ){0,2}?" + _ROLE
    # "aggiornare il contatto di fatturazione", "change the billing contact": the role as the
    # object of a change verb, only articles and "new" between
    + r"|\b" + _CHANGE_VERB + r" (?:(?:il|lo|la|l|un|una|the|a|our|nostro|nostra|nuovo|nuova|"
    r"new) )*" + _ROLE
    # "make Anna our billing admin", "put Marco in charge of billing", "metti Sara come
    # referente della fatturazione": a person made the role
    + r"|\b(?:make|put|set|metti|mettete|nomina|nominate|rendi) (?:\w+ ){1,2}?"
    r"(?:(?:as|come|the|our|il|l|nostro|nostra|nuovo|nuova|new) )*(?:" + _ROLE
    + r"|in charge of (?:billing|payments|invoices)|responsabile (?:della |dei )?"
    r"(?:fatturazione|pagamenti))")


def contact_powers(normalized: str, scores: Scores) -> None:
    """The billing contact as the subject of a "may" asks what the role may do ("il contatto di
    fatturazione può anche cambiare il piano?", "can the billing contact add seats?"): who;
    the role as the object of a change asks to change it ("chi può modificare il contatto di
    fatturazione?"): change. Between the two billing-contact intents and help only."""
    top = top_of(scores)
    if top not in (WHO, CONTACT_CHANGE, "help"):
        return
    if _MAY_CHANGE_ROLE.search(normalized):
        wanted = CONTACT_CHANGE
    elif _ROLE_MAY.search(normalized) or _MAY_ROLE.search(normalized):
        wanted = WHO
    else:
        return
    for other in (WHO, CONTACT_CHANGE, "help"):
        if other != wanted:
            scores[wanted], scores[other] = scores[wanted] + scores[other], 0.0


_PENDING = re.compile(r"\b(?:in attesa|in sospeso|programmat\w*|pianificat\w*|pending|scheduled|"
                      r"in corso|da applicare|queued)\b")


def pending_change(text: str, normalized: str, scores: Scores) -> None:
    """ "ci sono cambi di piano in attesa?", "do we have a scheduled cancellation?": a question
    about changes already pending is about the account, not a new change."""
    if "?" not in text or not _PENDING.search(normalized):
        return
    top = top_of(scores)
    if top in _CHANGES:
        for change in _CHANGES:
            scores[OVERVIEW], scores[change] = scores[OVERVIEW] + scores[change], 0.0


_BOUGHT = re.compile(r"\b(?:comprat\w*|ordinat\w*|acquistat\w*|richiest\w*|bought|ordered|"
                     r"purchased|requested)\b")
_NOT_THERE_YET = re.compile(
    r"\b(?:non (?:\w+ ){0,2}?(?:vedo|vediamo|compai\w*|risult\w*|arriva\w*|arrivat\w*|"
    r"attiv\w*|ancora)|ancora in (?:lavorazione|elaborazione|attesa)|not (?:showing|there|active|"
    r"visible|arrived)|haven t (?:arrived|shown)|still (?:pending|processing))")


def order_follow_up(normalized: str, scores: Scores) -> None:
    """ "non vedo ancora le licenze che abbiamo comprato", "the seats we ordered are not showing
    up": something bought that has not arrived is a question about the order, not a new one."""
    if not (_BOUGHT.search(normalized) and _NOT_THERE_YET.search(normalized)):
        return
    top = top_of(scores)
    if top in (cues.ADD, PURCHASE, OVERVIEW):
        scores[ORDER], scores[top] = scores[ORDER] + scores[top], 0.0


_FREQUENCY_WORDS = re.compile(
    r"\b(?:periodo|periodicita|frequenza|cadenza|ciclo|frequency|cycle|how often)\b"
    r" (?:(?:di|della|del|dei|of|the|our|we re|are we|is) )*"
    r"(?:fatturazione|pagamento|pagamenti|addebito|addebiti|billing|payment|payments|billed|"
    r"charged)")
_FREQUENCY_CONFUSED = frozenset({WHO, CONTACT_CHANGE, PLAN_CHANGE, "billing.history",
                                 OUT_OF_SCOPE})


def frequency_words(normalized: str, scores: Scores) -> None:
    """ "cambiare periodicità di fatturazione", "change how often we're billed": the period of
    billing is the frequency, not the billing contact (the words "cambiare … fatturazione") nor
    a plan change. A question about the account's current frequency stays an account question;
    when a change takes effect stays the cost question."""
    top = top_of(scores)
    if top in _FREQUENCY_CONFUSED and _FREQUENCY_WORDS.search(normalized):
        scores[FREQUENCY], scores[top] = scores[FREQUENCY] + scores[top], 0.0


_ONLY_BUYING = re.compile(r"\b(?:abbonar\w*|abboniam\w*|sottoscriv\w*|subscrib\w*|"
                          r"sign (?:us |me )?up|nuov[oa] (?:abbonamento|sottoscrizione)|"
                          r"new subscription|brand new)")


def purchase_words(normalized: str, scores: Scores) -> None:
    """ "sign us up for GoTo Training with 3 licenses", "vorremmo abbonarci al training con 5
    licenze": words only a purchase uses (not "compra", which also adds licenses, nor "prova")
    make a count a purchase, not a license change."""
    top = top_of(scores)
    if top in (cues.REDUCE, cues.ADD) and _ONLY_BUYING.search(normalized):
        scores[PURCHASE], scores[top] = scores[PURCHASE] + scores[top], 0.0


_DAYS = (r"(?:lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|domani|dopodomani|oggi|"
         r"stasera|stamattina|stamani|ieri|monday|tuesday|wednesday|thursday|friday|saturday|"
         r"sunday|tomorrow|today|tonight|this afternoon|this morning)")
_SESSIONS = (r"(?:webinar|meeting|riunione|riunioni|training|sessione|sessioni|call|corso|lezione|"
             r"session)")
_SCHEDULED = re.compile(
    r"\b" + _SESSIONS + r"(?:\s+\w+){0,2}?\s+(?:di|del|della|previst\w+|fissat\w+|programmat\w+|"
    r"per|on|for|of|this|next|questo|questa|prossimo|prossima)\s+" + _DAYS + r"\b"
    r"|\b" + _SESSIONS + r"\s+(?:delle|alle|dalle|at)\s+\d{1,2}\b"
    r"|\b" + _DAYS + r"(?:\s+s)?\s+(?:\w+\s+)?" + _SESSIONS + r"\b")
_EVENT_OF_A_CHANGE = frozenset({CANCEL, REACTIVATE, PRODUCT_SWITCH, PLAN_CHANGE, cues.REDUCE,
                                cues.ADD, PURCHASE, "deny"})
"""What a session with its day is mistaken for ("annulla il corso di giovedì" was a "no")."""


def scheduled_event(normalized: str, slots: dict[str, SlotValue], scores: Scores) -> None:
    """ "annulla il webinar di giovedì", "cancella la riunione delle 15", "cancel tomorrow's
    meeting": a session with its day or hour is one event of the product's use (out of scope),
    not the subscription. "disdici il meeting dal prossimo mese" says when a cancellation
    starts and stays a cancellation; a count ("riduci il training di 2 per domani") is about
    licenses, not an event."""
    if "count" in slots:
        return
    if top_of(scores) in _EVENT_OF_A_CHANGE and _SCHEDULED.search(normalized):
        for intent in _EVENT_OF_A_CHANGE:
            scores[OUT_OF_SCOPE], scores[intent] = scores[OUT_OF_SCOPE] + scores[intent], 0.0


def foreign(text: str, scores: Scores, unknown: Callable[[str], bool]) -> None:
    """A billing word about something that is not GoTo's nor this account's ("disdici
    Spotify", "aggiorna la carta su Booking", "paga l'F24", "disdici Tidal": a name never seen
    where the object stands) is out of scope: the bot's transactions and answers concern GoTo
    products and this account only. The billing intents' probability goes to out_of_scope; a
    greeting, thanks, a wish for a person or an acknowledgement keeps its own. A person's name
    is expected where a billing contact is named ("passa la gestione della fatturazione a
    Marco"): there only the lexicon's foreign things count."""
    if not cues.foreign_only(text, None if top_of(scores) in NAMES_PEOPLE else unknown):
        return
    for intent in list(scores):
        if intent not in _KEPT_BESIDE_FOREIGN:
            scores[OUT_OF_SCOPE] += scores[intent]
            scores[intent] = 0.0
