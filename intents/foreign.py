"""Other companies' things and office life: what a billing word is about when it is not ours.

"disdici Netflix", "la fattura del dentista", "annulla la riunione con il commercialista": a
billing verb or noun whose object is a vendor, a role or a thing of office life is out of
scope. `mark_foreign` turns every such thing into one word the model has learnt
(`FOREIGN_MARK`); `foreign_only` says a message is about nothing but such things;
`unknown_objects` lists words in an object's place the bot has never seen. The lists are the
lexicon's `foreign`, `billing_roles`, `goto_words` and `billing_words` (intents/data/lexicon.yaml,
read by `intents.billing_words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from intents.billing_words import is_head, names_thing
from intents.cues import alternation, find_cues
from intents.normalize import MAX_CHARS, fold, normalize, squeeze, strip_markup
from intents.plurals import with_plurals
from intents.slots import product_family, products_named
from intents.training_data import load_lexicon

FOREIGN_MARK = "zqforeignz"
"""The one word every foreign thing becomes for the model ("disdici zqforeignz")."""


@lru_cache(maxsize=1)
def _foreign_pattern() -> re.Pattern[str]:
    foreign = load_lexicon().foreign
    third_parties = alternation(with_plurals(foreign.third_parties))
    software = alternation(foreign.licensed_software)
    return re.compile(r"\b(?:" + alternation(foreign.vendors + with_plurals(foreign.things))
                      + r")\b"
                      r"|\b(?P<owner>" + _OWNER + r") (?:" + third_parties + r")\b"
                      r"|\b(?P<payer>" + _PAYING + r") (?:" + third_parties + r")\b"
                      r"|\b(?P<licensed>" + _LICENSED + r") (?:" + software + r")\b"
                      r"|\b(?:" + software + r")(?= " + _LICENSES_AFTER + r"\b)")


# "la fattura del commercialista", "il preventivo dell'imbianchino", "the plumber's invoice"
# (the possessive s is a word once normalised), "the invoice from our cleaning company": the third
# party owns what is spoken of.
_OWNER = (r"(?:(?:di|da)(?: (?:un|una|uno|nostro|nostra|nostri|nostre))?|del|dello|della|dell|"
          r"dei|degli|delle|dal|dallo|dalla|dall|dai|dagli|dalle|"
          r"(?:of|from)(?: (?:the|our|my|a|an))?)")
# "pagare i fornitori", "un bonifico a un fornitore", "saldare l'idraulico", "pay our
# suppliers": the third party is paid, the firm's own payables (GoTo is never paid this way:
# "paga GoTo" names GoTo). Only paying words: "manda la fattura al commercialista" sends ours.
_PAYING = (r"(?:pag\w*|salda\w*|bonific\w*|versa\w*|liquida\w*|paid|pay|paying|pays)"
           r"(?: (?:il|lo|la|l|i|gli|le|un|una|uno|a|al|allo|alla|ai|agli|alle|ad|nostro|nostra|"
           r"nostri|nostre|the|our|an|to)){0,2}")


# "quante licenze di Office abbiamo?", "l'abbonamento a Teams", "Office licenses": software named
# by a common word is foreign only as what licenses or a subscription are of.
_LICENSED = (r"(?:licenz\w*|licen[cs]es?|abbonament\w*|sottoscrizion\w*|subscriptions?|"
             r"postazion\w*|seats?)(?: (?:di|del|dello|della|a|al|allo|alla|per|of|for|to|on))?")
_LICENSES_AFTER = r"(?:licen[cs]es?|licenz\w*|subscriptions?|seats?|plan|plans)"


@lru_cache(maxsize=1)
def _vendor_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + alternation(load_lexicon().foreign.vendors) + r")\b")


@lru_cache(maxsize=1)
def _roles_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + alternation(load_lexicon().billing_roles) + r")\b")


@lru_cache(maxsize=1)
def _goto_pattern() -> re.Pattern[str]:
    # a prefix: "goto" also in "gotomeeting", "gotowebinar"
    return re.compile(r"\b(?:" + alternation(load_lexicon().goto_words) + ")")


def names_billing_role(normalized: str) -> bool:
    """The normalised text names a billing role of the lexicon ("contatto di fatturazione")."""
    return _roles_pattern().search(normalized) is not None


def names_goto(normalized: str) -> bool:
    """The normalised text names GoTo, a product or GoTo's own billing words (`goto_words`)."""
    return _goto_pattern().search(normalized) is not None


def mark_foreign(normalized: str) -> str:
    """The text with every foreign thing of the lexicon replaced by FOREIGN_MARK."""
    def mark(match: re.Match[str]) -> str:
        kept = match.group("owner") or match.group("payer") or match.group("licensed")
        return f"{kept} {FOREIGN_MARK}" if kept else FOREIGN_MARK

    return _foreign_pattern().sub(mark, normalized)


_CLAUSE = re.compile(r"[,;:.!?\n]+|\s(?:perch[eéè]|poich[eéè]|visto che|dato che|siccome|because|"
                     r"since|ma|per[oòó]|but|quindi|so|tanto|invece)\s", re.IGNORECASE)


def foreign_only(text: str, unknown: Callable[[str], bool] | None = None) -> bool:
    """The message is about something that is not GoTo's nor this account's: it names a foreign
    thing ("Spotify", "il dominio", "l'F24", "la fattura del commercialista", or what `unknown`
    finds: a name the bot has never seen where a billing word's object stands), no GoTo word
    (`goto_words`: "GoTo Webinar", "centro fatturazione"…), and no part of it asks for
    something of ours without one ("Zoom costa meno, voglio disdire l'abbonamento": the second
    part is ours). A billing role ("contatto di fatturazione") is ours against office things
    ("il contatto di fatturazione è in ferie") but not against another company named ("il
    contatto di fatturazione di Aruba"). A clause that only names a foreign thing is the topic
    of the clause after it ("Google Workspace: togli 2 licenze"), and so is a foreign clause
    for a clause after it that names no billing thing of its own ("l'abbonamento al Sole 24
    Ore è scaduto, lo rinnoviamo?", "TIM ha alzato il canone, si può disdire?")."""

    def names_foreign(part: str) -> bool:
        return bool(_foreign_pattern().search(normalize(part))) or (
            unknown is not None and unknown(part))

    normalized = normalize(text)
    if _goto_pattern().search(normalized) or not names_foreign(text):
        return False
    if _roles_pattern().search(normalized) and not (
            _vendor_pattern().search(normalized) or (unknown is not None and unknown(text))):
        return False
    stopwords = load_lexicon().stopwords
    topic = after_foreign = False
    for clause in _CLAUSE.split(strip_markup(text[:MAX_CHARS])):
        words = normalize(clause)
        if not words:
            continue
        foreign_here = names_foreign(clause)
        ours = names_thing(words) or find_cues(words)
        refers_back = after_foreign and not (names_thing(words) or products_named(clause)
                                             or product_family(clause))
        if not foreign_here and not topic and not refers_back and ours:
            return False
        topic = foreign_here and all(
            word in stopwords for word in _foreign_pattern().sub(" ", words).split())
        after_foreign = foreign_here or refers_back
    return True


# Where the thing a billing word is about stands: right after a billing word (`is_head`: a
# billing verb or noun, or a verb said of one), maybe after an article, possessive or
# preposition ("disdici Tidal", "l'abbonamento a Deezer", "la carta su Zalando", "le fatture di
# Cloudflare"), or before an English billing noun ("my Headspace subscription").
_LINKS = frozenset(
    "il lo la l i gli le un una uno mio mia miei mie nostro nostra nostri nostre a al alla allo ai "
    "agli alle di del della dello dei degli delle da dal dalla su sul sulla sui con in nel "
    "nella the my our a an to on of from with at in".split())
_ENGLISH_TAILS = frozenset(
    "subscription subscriptions account plan license licenses seats membership invoice invoices "
    "bill card".split())
_ITALIAN_WORDS = frozenset(
    "il lo la le gli di del della dello che per con non un una mi ci e sono voglio vorrei su al "
    "alla come dove quando mio nostro nostra".split())
_ENGLISH_WORDS = frozenset(
    "the my our to for of on is are do does i we you it what how can an and with want need "
    "please".split())
_NOT_ITALIAN = re.compile(r"[kwxyj]|[^aeiou\d]$")


def unknown_objects(text: str, known: frozenset[str]) -> list[str]:
    """Words a billing verb or noun is about that the bot has never seen and that read as a name
    ("Tidal", "Deezer", "Hostinger"): capitalised in the message, or not shaped like an Italian
    word (a final consonant, k, w, x, y, j). `known` holds every word the bot knows."""
    raw = strip_markup(text[:MAX_CHARS])
    tokens = re.findall(r"[^\W\d_]+|\d+", raw)
    folded = [squeeze(fold(token)) for token in tokens]
    # English common words end in consonants too: there only a capital says "a name"
    english = sum(w in _ENGLISH_WORDS for w in folded) > sum(w in _ITALIAN_WORDS for w in folded)
    found: list[str] = []
    for index, token in enumerate(tokens):
        word = folded[index]
        if not word or " " in word or word in known or word.isdigit() or len(word) < 3:
            continue
        before = folded[max(0, index - 3):index]
        after = folded[index + 1] if index + 1 < len(tokens) else ""
        head = next((w for w in reversed(before) if w not in _LINKS), "")
        links_only = all(w in _LINKS for w in before[before.index(head) + 1:]) if head else False
        is_object = (head and links_only and is_head(head)) \
            or after in _ENGLISH_TAILS
        if not is_object:
            continue
        name_like = (token[0].isupper() and index > 0) or (
            not english and _NOT_ITALIAN.search(word))
        if name_like:
            found.append(word)
    return found
