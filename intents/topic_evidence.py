"""Evidence from the topic a message names: questions about money, the W-9, what the billing
contact may do, pending changes, orders already made, an expired subscription to bring back, the
billing frequency, buying, and a session with its day. Each moves probability between intents
when the words say which one is meant; `intents.evidence.apply_all` runs them in its order (its
docstring lists them all).
"""

from __future__ import annotations

import re

from intents import cues
from intents.scores import (
    CANCEL,
    CHANGES,
    COSTS,
    FREQUENCY,
    PLAN_CHANGE,
    PRODUCT_SWITCH,
    PURCHASE,
    REACTIVATE,
    TAX,
    Scores,
    top_of,
)
from intents.training_data import OUT_OF_SCOPE, SlotValue

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


# When a change takes effect is the cost question too (the contract's `plan.costs`: "what a plan
# change costs and when it takes effect"): "quando entra in vigore la modifica del piano?",
# "from when does a downgrade apply?".
_WHEN_EFFECT = re.compile(
    r"\b(?:quando|da quando|da che giorno|da che data|when|from when|from what date)\b"
    r"(?:\s+\w+){0,4}?\s+(?:entra\w* in vigore|ha effetto|avra effetto|decorr\w*|si applica|"
    r"vale|valgono|take\w* effect|appl(?:y|ies)|kicks? in|become\w* effective)\b")


def cost_question(text: str, normalized: str, found: list[cues.Cue],
                  scores: Scores) -> None:
    """ "quanto costa aggiungere 3 licenze?", "se tolgo 2 licenze mi restituite i soldi?",
    "riducendo a 3 le licenze risparmio qualcosa?", "what would an upgrade cost us": a
    question about what a change costs or gives back orders nothing. When a change is the top
    guess, its probability goes to the cost question (a question is never a command); so does
    a question of when a change takes effect ("quando entra in vigore la modifica del piano?")."""
    if _COST_WORDS.search(normalized) is None and _WHEN_EFFECT.search(normalized) is None and not (
            "?" in text and (_COST_ASKED.search(normalized) or _VAT_INCLUDED.search(normalized))):
        return
    top = top_of(scores)
    change_named = any(cue.intent in CHANGES and not cue.negated for cue in found)
    vat_included = "?" in text and _VAT_INCLUDED.search(normalized) is not None
    if top in CHANGES | {COSTS} or (
            (change_named or vat_included) and top != OUT_OF_SCOPE):
        # "nel caso riducessimo le postazioni, cosa pagheremmo?" was read as an account question
        for other in CHANGES | {top}:
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


# "qual è il nominativo registrato come referente di fatturazione?": asking who holds the role,
# with no change verb ("nominativo", a name, is no "nominare"), is the question of who.
_WHO_IS = re.compile(r"^(?:\w+ ){0,2}?(?:qual e|quale e|chi e|chi risulta|chi sono|who is|who s|"
                     r"what is|what s)\b")
_ANY_CHANGE_VERB = re.compile(r"\b(?!nominativ)" + _CHANGE_VERB)


def contact_powers(normalized: str, scores: Scores) -> None:
    """The billing contact as the subject of a "may" asks what the role may do ("il contatto di
    fatturazione può anche cambiare il piano?", "can the billing contact add seats?"): who;
    the role as the object of a change asks to change it ("chi può modificare il contatto di
    fatturazione?"): change; asking who holds it with no change verb ("qual è il nominativo
    registrato come referente?") is who. Between the two billing-contact intents and help
    only."""
    top = top_of(scores)
    if top not in (WHO, CONTACT_CHANGE, "help"):
        return
    if _MAY_CHANGE_ROLE.search(normalized):
        wanted = CONTACT_CHANGE
    elif _ROLE_MAY.search(normalized) or _MAY_ROLE.search(normalized):
        wanted = WHO
    elif top == CONTACT_CHANGE and _WHO_IS.search(normalized) \
            and not _ANY_CHANGE_VERB.search(normalized):
        wanted = WHO  # "qual è il nominativo registrato come referente di fatturazione?"
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
    if top in CHANGES:
        for change in CHANGES:
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


_EXPIRED = re.compile(r"\b(?:scadut\w*|lasciat\w* scadere|expired|lapsed|decadut\w*|sospes\w*|"
                      r"suspended)\b")
_TRIAL = re.compile(r"\b(?:prova|trial|gratuit\w*|free)\b")


def expired_reactivation(normalized: str, found: list[cues.Cue], scores: Scores) -> None:
    """ "ci siamo dimenticati di rinnovare e ora il piano risulta scaduto, come lo rimettiamo
    attivo?", "abbiamo lasciato scadere GoToAssist v4, rimettiamolo in funzione": a subscription
    said to have expired, with a renewing or reactivating verb (not under a negation), asks to
    reactivate it, not what the account has. An ended trial is bought anew, not reactivated."""
    if top_of(scores) != OVERVIEW or not _EXPIRED.search(normalized) or _TRIAL.search(normalized):
        return
    if any(cue.intent == REACTIVATE and not cue.negated for cue in found):
        scores[REACTIVATE], scores[OVERVIEW] = scores[REACTIVATE] + scores[OVERVIEW], 0.0


_FREQUENCY_WORDS = re.compile(
    r"\b(?:periodo|periodicita|frequenza|cadenza|ciclo|frequency|cycle|how often)\b"
    r" (?:(?:di|della|del|dei|of|the|our|we re|are we|is) )*"
    r"(?:fatturazione|pagamento|pagamenti|addebito|addebiti|billing|payment|payments|billed|"
    r"charged)"
    r"|\b(?:billing|payment|invoice|invoicing) (?:cycle|period|frequency|schedule)\b")
_FREQUENCY_CONFUSED = frozenset({WHO, CONTACT_CHANGE, PLAN_CHANGE, "billing.history",
                                 OUT_OF_SCOPE})
_ANOTHER = re.compile(r"\b(?:divers\w*|altra|altro|cambi\w*|modific\w*|passare|different\w*|"
                      r"another|change|switch)\b")


def frequency_words(normalized: str, scores: Scores) -> None:
    """ "cambiare periodicità di fatturazione", "change how often we're billed": the period of
    billing is the frequency, not the billing contact (the words "cambiare … fatturazione") nor
    a plan change. A question about the account's current frequency stays an account question;
    when a change takes effect stays the cost question; asking for another frequency ("possiamo
    avere una frequenza di addebito diversa?") is the frequency."""
    top = top_of(scores)
    confused = top in _FREQUENCY_CONFUSED or (top == OVERVIEW and _ANOTHER.search(normalized))
    if confused and _FREQUENCY_WORDS.search(normalized):
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
    r"|\b\d{1,2}\s?(?:pm|am|o clock)\s+(?:\w+\s+)?" + _SESSIONS + r"\b"
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
