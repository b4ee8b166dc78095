"""Explicit evidence no character scorer sees: short replies, direction verbs and negation.

- A whole message that is a known short reply ("sì", "ok", "annulla", "lascia stare") is
  `affirm`/`deny` outright, so "annulla" alone is never a cancellation.
- Direction: "ridurre/togliere/diminuire" vs "aggiungere/aumentare/in più" decides between
  `licenses.reduce` and `seats.add`, as does "da 10 a 7" (down) vs "da 5 a 12" (up); without
  such a verb, "ancora" right before a count ("mi servono ancora 4 postazioni") means more.
- Negation: a cue preceded by "non"/"not" within a few words ("non voglio ridurre le licenze")
  does not count as a request for that intent.

Other companies' things and office life ("disdici Netflix") are in intents/foreign.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from intents.training_data import load_lexicon, load_slot_vocabulary

REDUCE = "licenses.reduce"
ADD = "seats.add"
_RANGE = re.compile(r"\b(?:da|from)\s+(\d+)\s+(?:\w+\s+){0,2}?(?:a|ad|to)\s+(\d+)\b")
HAVE_THEN_TARGET = re.compile(
    r"\b(?:ne abbiamo|abbiamo|ne ho|ho|ne avete|avete|siamo a|siamo|we have|we ve got|we re at|"
    r"we are at|we currently have|attualmente|currently)\s+(?:[a-z]+\s+)?(\d+)\b"
    r"(?:\s+[a-z]+){0,7}?\s+(?:a|ad|to|fino a|up to|down to)\s+(\d+)\b")
"""A current count, then a target: "ne abbiamo 20, portaci a 25", "siamo a 8 licenze, portale
a 12", "we have 30 seats, take us to 40" (normalised text, number words as digits)."""

# "ancora" right before a count is "that many more" ("ne vorrei ancora 2"), except after a verb
# of having or remaining ("ho ancora 5 licenze": still) or of reducing ("riduci ancora 2").
_STILL_BEFORE = ("ho", "hai", "ha", "abbiamo", "avete", "hanno", "sono", "siamo", "resta",
                 "restano", "rimane", "rimangono", "riduci", "ridurre", "diminuisci", "diminuire")
MORE_BEFORE_COUNT = re.compile(
    "".join(rf"(?<!\b{word} )" for word in _STILL_BEFORE) + r"\bancora\s+(\d+)\b")
"""The count of "ancora N" meaning N more, in normalised text (number words as digits)."""


@dataclass(frozen=True)
class Cue:
    intent: str
    position: int
    negated: bool


SHORT_REPLY_WORDS = 30
"""Longer than this, a message is no short reply (a closed-set form has at most five words; a
few in a row with their tails stay far below)."""


@lru_cache(maxsize=1)
def _short_replies() -> dict[str, str]:
    return {
        reply: intent
        for intent, replies in load_lexicon().short_replies.items()
        for reply in replies
    }


@lru_cache(maxsize=1)
def _affirm_units() -> tuple[tuple[str, ...], ...]:
    """The closed set of confirmations as word tuples, longest first (for `_parse`)."""
    units = {tuple(reply.split()) for reply in load_lexicon().short_replies["affirm"]}
    return tuple(sorted(units, key=len, reverse=True))


@lru_cache(maxsize=1)
def _affirm_units_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """`_affirm_units` by their first word (a message's word is compared only with the
    confirmations that start with it)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for unit in _affirm_units():
        by_first.setdefault(unit[0], []).append(unit)
    return {word: tuple(units) for word, units in by_first.items()}


@lru_cache(maxsize=1)
def _prefix_units() -> tuple[tuple[str, ...], ...]:
    lexicon = load_lexicon()
    units = {tuple(word.split()) for word in lexicon.yes_prefix | lexicon.connectives}
    return tuple(sorted(units, key=len, reverse=True))


def _parse(words: list[str], units: tuple[tuple[str, ...], ...]) -> int:
    """How many leading words are a sequence of these units (longest unit first at each step)."""
    by_first = _by_first_word(units)
    position = 0
    while position < len(words):
        unit = next((u for u in by_first.get(words[position], ())
                     if tuple(words[position:position + len(u)]) == u), None)
        if unit is None:
            break
        position += len(unit)
    return position


@lru_cache(maxsize=8)
def _by_first_word(units: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The units by their first word, longest first (a message is parsed word by word)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for unit in units:
        index.setdefault(unit[0], []).append(unit)
    return {word: tuple(found) for word, found in index.items()}


def _without_tails(normalized: str) -> list[tuple[str, bool, bool]]:
    """The text with 0, 1, 2… polite or emphatic tails taken off the end (longest tail first:
    "proprio quello" before "quello"), each with whether a tail taken so far thanked or was
    emphatic. Never down to nothing."""
    lexicon = load_lexicon()
    tails = (*lexicon.polite_tail, *lexicon.affirm_tail)
    text, thanked, emphatic = normalized, False, False
    stages = [(text, thanked, emphatic)]
    while True:
        tail = max((t for t in tails if text.endswith(" " + t)), key=len, default=None)
        if tail is None:
            return stages
        thanked = thanked or tail in lexicon.thanks_words
        emphatic = emphatic or tail in lexicon.affirm_tail
        text = text[: -len(tail) - 1]
        stages.append((text, thanked, emphatic))


def _is_confirmation(text: str) -> bool:
    """The text is a sequence of closed-set confirmations ("ok, ok grazie procedi")."""
    words = tuple(text.split())
    by_first = _affirm_units_by_first_word()
    # ends[p]: the words from p to the end are confirmations; from the end backwards, so a
    # message of a thousand "👍" needs no recursion a thousand deep
    ends = [False] * len(words) + [True]
    for position in range(len(words) - 1, -1, -1):
        ends[position] = any(words[position:position + len(u)] == u
                             and ends[position + len(u)]
                             for u in by_first.get(words[position], ()))
    return bool(words) and ends[0]


def short_reply(normalized: str) -> str | None:
    """`affirm`/`deny`/`greet`/`thanks`/`acknowledge` when the whole normalised message is a
    known short reply, else None (the model decides).

    `affirm` is strict: the message is made only of confirmations of the lexicon's closed set
    ("sì", "ok procedi", "sì sì, va bene, confermo"), maybe followed by polite words ("sì per
    favore") or words of emphasis ("sì esatto, proprio quello"). After a thanks word a yes stays
    a yes only with a word that answers "Confermi?" by itself ("sì grazie", "procedi, grazie");
    "va bene grazie", "perfetto grazie" are `thanks`. A refusal keeps its meaning with any polite
    tail ("no grazie"); a greeting or an acknowledgement with a thanks word is left to the model.
    A question mark is read by the classifier, not here ("sì?" is no confirmation).
    """
    replies = _short_replies()
    exact = replies.get(normalized)
    if exact is not None:
        return exact
    if normalized.count(" ") >= SHORT_REPLY_WORDS:
        return None  # no reply of the closed sets, with its tails, is this long
    lexicon = load_lexicon()
    for text, thanked, emphatic in _without_tails(normalized):
        if _is_confirmation(text):
            if not thanked or any(word in lexicon.strong_affirm for word in text.split()):
                return "affirm"
            return "thanks"
        if text == normalized:
            continue
        intent = replies.get(text)
        if intent is None or (emphatic and intent != "affirm"):
            continue
        if intent == "deny" or (intent == "thanks" and not emphatic):
            return intent
        if intent in ("greet", "acknowledge") and not thanked:
            return intent
        return None
    return None


@lru_cache(maxsize=1)
def _lead_units() -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The units a message may open with before its request: (words, is a reply of its own).
    Replies: a no, a change of mind, a pause, a greeting, a thanks ("no", "ci ho ripensato",
    "aspetta", "ciao", "grazie"). Joiners ("invece", "piuttosto", connectives) and yes-words
    only join them."""
    lexicon = load_lexicon()
    replies = {tuple(unit.split()) for unit in lexicon.reply_lead | lexicon.polite_lead}
    joiners = {tuple(unit.split()) for unit in
               lexicon.lead_joiners | lexicon.connectives | lexicon.yes_prefix} - replies
    units = [(unit, True) for unit in replies] + [(unit, False) for unit in joiners]
    return tuple(sorted(units, key=lambda item: len(item[0]), reverse=True))


@lru_cache(maxsize=1)
def _polite_units() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(unit.split()) for unit in load_lexicon().polite_lead)


@dataclass(frozen=True)
class Opening:
    """What a message opens with before a request (`after_reply`): the rest, and whether the
    opening only greets or thanks ("ciao, …", "grazie, …") rather than refusing, correcting or
    pausing ("no, …", "ci ho ripensato, …", "aspetta, …")."""

    rest: str
    polite_only: bool


def after_reply(normalized: str) -> Opening | None:
    """What a message asks after the no, pause, greeting or thanks it opens with, or None when
    it opens with none or says nothing more: "ah no ci ho ripensato riattiva webinar" →
    "riattiva webinar"; "no aspetta invece riduci a 4" → "riduci a 4"; "no grazie piuttosto
    dimmi chi e il contatto di fatturazione" → "dimmi chi e il contatto di fatturazione". The
    classifier takes the rest's reading only when it is a clear request of its own (a no
    followed by a request is the request, not a refusal)."""
    words = normalized.split()
    units = _lead_units()
    replies = {unit for unit, reply in units if reply}
    by_first = _by_first_word(tuple(unit for unit, _ in units))
    position, replied, polite_only = 0, False, True
    while position < len(words):
        unit = next((u for u in by_first.get(words[position], ())
                     if tuple(words[position:position + len(u)]) == u), None)
        found = None if unit is None else (unit, unit in replies)
        if found is None:
            break
        position += len(found[0])
        if found[1]:
            replied = True
            polite_only = polite_only and found[0] in _polite_units()
    if not replied or position >= len(words):
        return None
    return Opening(" ".join(words[position:]), polite_only)


def after_yes(normalized: str) -> str | None:
    """What a message says after the yes it starts with, or None when it starts with no yes.

    "ok ma perché così tanto" → "perche cosi tanto"; "si ma a 7" → "a 7"; "ok aspetta un attimo"
    → "aspetta un attimo"; "mmm ok" → "" (a yes-word and nothing else: not a confirmation, or
    `short_reply` would have taken it). Connectives after the yes ("ma", "però", "e", "quindi")
    go too. A message that is only connectives ("allora…") has no yes.
    """
    words = normalized.split()
    lexicon = load_lexicon()
    taken = _parse(words, _prefix_units())
    if not any(word in lexicon.yes_prefix or " ".join(words[i:i + 2]) in lexicon.yes_prefix
               for i, word in enumerate(words[:taken])):
        return None
    return " ".join(words[taken:])


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per intent: any of its cue prefixes at the start of a word."""
    return tuple(
        (intent, re.compile(r"\b(?:" + alternation(prefixes) + ")"))
        for intent, prefixes in load_lexicon().cues.items()
    )


def find_cues(normalized: str) -> list[Cue]:
    """Every cue of the lexicon in the text, with whether a negation governs it."""
    return list(_found_cues(normalized))


@lru_cache(maxsize=2048)
def _found_cues(normalized: str) -> tuple[Cue, ...]:
    # cached: the rules, the model's reading and the foreign check look at the same text
    lexicon = load_lexicon()
    words = normalized.split()
    found: list[Cue] = []
    for intent, pattern in _cue_patterns():
        for match in pattern.finditer(normalized):
            position = normalized.count(" ", 0, match.start())
            if position and words[position] in _RENEWAL_NOUNS and words[position - 1] in _WHEN:
                continue  # "dal prossimo rinnovo", "alla scadenza del rinnovo": a date
            before = words[max(0, position - lexicon.negation_window):position]
            negated = any(w in lexicon.negations for w in before) or _NOT_THAT.search(
                " ".join(words[max(0, position - _NEGATION_REACH):position])) is not None
            found.append(Cue(intent, position, negated))
    return tuple(found)


# The renewal as a date, not a request to renew: "dal prossimo rinnovo", "al rinnovo", "prima
# del rinnovo", "at renewal", "before the next renewal".
_RENEWAL_NOUNS = frozenset({"rinnovo", "renewal"})
_WHEN = frozenset("dal al alla del prossimo successivo next the at before after until fino "
                  "entro".split())

# "non è che (voglio) ridurre", "non si tratta di ridurre", "it's not that I want to cancel"
_NOT_THAT = re.compile(r"\b(?:non e che|non si tratta di|non e per|not that|it s not)\b")


def direction(normalized: str, cues: list[Cue]) -> str | None:
    """`licenses.reduce` or `seats.add` when the wording says which, else None."""
    wanted = {cue.intent for cue in cues if not cue.negated and cue.intent in (REDUCE, ADD)}
    if len(wanted) == 1:
        return wanted.pop()
    if not wanted and _more_before_count(normalized):
        return ADD
    return range_direction(normalized)


def _more_before_count(normalized: str) -> bool:
    """ "ancora N" meaning N more, not under a negation ("non mi servono ancora 4 postazioni")."""
    lexicon = load_lexicon()
    words = normalized.split()
    for match in MORE_BEFORE_COUNT.finditer(normalized):
        position = normalized.count(" ", 0, match.start())
        before = words[max(0, position - lexicon.negation_window):position]
        if not any(word in lexicon.negations for word in before):
            return True
    return False


_LICENSES = re.compile(r"\b(?:licenz|postazion|posti\b|seats?\b|licen[cs]e|users?\b|utent)")


def names_licenses(normalized: str) -> bool:
    """The text speaks of licenses or seats ("licenze", "postazioni", "seats", "utenti")."""
    return _LICENSES.search(normalized) is not None


def range_direction(normalized: str) -> str | None:
    """`licenses.reduce` for "da 10 a 7", `seats.add` for "da 5 a 12" or "ne abbiamo 20,
    portaci a 25", else None."""
    span = _RANGE.search(normalized) or HAVE_THEN_TARGET.search(normalized)
    if span and int(span.group(1)) != int(span.group(2)):
        return REDUCE if int(span.group(2)) < int(span.group(1)) else ADD
    return None


def without_negated(normalized: str) -> str:
    """The text without the actions it names only to deny them, when something else is left to
    read: "non è che voglio ridurre, chiedo solo quanto costa" → "chiedo solo quanto costa";
    "non intendo aggiungere postazioni, voglio vedere le fatture" → "postazioni voglio vedere le
    fatture". A message that is only the denied action ("non voglio ridurre le licenze") stays
    whole (and is never confident: `negated_only`)."""
    lexicon = load_lexicon()
    words = normalized.split()
    drop: set[int] = set()
    for cue in find_cues(normalized):
        if not cue.negated:
            continue
        start = max(0, cue.position - _NEGATION_REACH)
        negation = max(i for i in range(start, cue.position) if words[i] in lexicon.negations)
        drop.update(range(negation, cue.position + 1))
    if not drop:
        return normalized
    kept = [word for index, word in enumerate(words) if index not in drop]
    content = [word for word in kept if word not in lexicon.stopwords
               and word not in lexicon.negations and word not in _NOT_CONTENT
               and word not in _slot_value_words() and not word.isdigit()]
    return " ".join(kept) if len(content) >= 2 else normalized


_NEGATION_REACH = 6


@lru_cache(maxsize=1)
def _slot_value_words() -> frozenset[str]:
    """Words of product, tier and frequency names ("goto", "webinar", "pro"): a value, not a
    request of its own."""
    vocabulary = load_slot_vocabulary()
    names = [name for table in (vocabulary.products, vocabulary.plans, vocabulary.frequencies)
             for names in table.values() for name in names]
    return frozenset(word for name in names for word in name.split())

_NOT_CONTENT = frozenset("no niente nulla nothing anything do does did want wanna need voglio "
                         "vorrei vogliamo intendo devo i we you".split())


def negated_only(intent: str, cues: list[Cue]) -> bool:
    """The text names this intent's action only under a negation ("non voglio ridurre")."""
    own = [cue for cue in cues if cue.intent == intent]
    return bool(own) and all(cue.negated for cue in own)


def alternation(entries: list[str] | frozenset[str]) -> str:
    """One regular expression for many phrases, as a trie of their characters ("amazon",
    "amazon prime" → "amazon(?: prime)?"): the same language as the plain alternation, but the
    engine no longer tries hundreds of phrases one by one at every word (the foreign things'
    list has 500). Longer phrases are still tried first."""
    trie: _Trie = {}
    for entry in set(entries):
        node = trie
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(char) + _trie_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
