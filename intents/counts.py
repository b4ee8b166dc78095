"""The count a message states (`read_count`): the number, how it applies (`set`, `add`,
`remove`), or why it is no count (`problem`: "zero", "negative", "fraction").

"da 10 a 7", "ne abbiamo 10, portaci a 7" → set 7; "riduci a 5", "con 12 licenze", "metti 7" →
set; "togli 2", "riduci webinar di 2", "di tre unità" → remove; "aggiungi 3", "+4", "ancora 3" →
add; a number of people is a difference ("perché 3 colleghi sono andati via" → remove 3); a
correction keeps the last value ("a 8 anzi 6" → 6); "0", "-3", "7.5", "sette e mezzo" are no
count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from intents.cues import HAVE_THEN_TARGET, MORE_BEFORE_COUNT
from intents.slot_words import FRACTION_MARK, NEGATIVE_MARK, slot_words, vocabulary_words

MAX_COUNT = 100_000

_COUNTED = r"(?:licenz\w*|postazion\w*|posti|posto|seats?|licens\w*|utent\w*|users?)"
_ONE_BEFORE_COUNTED = re.compile(
    r"\b(?:un|una|uno|one|single)\b(?=\s+(?:sola\s+|altra\s+|altro\s+|more\s+|extra\s+)?"
    + _COUNTED
    + r")"
)
_ONE_MORE = re.compile(r"\b(?:un altra|un altro|another)\b(?=\s+" + _COUNTED + r")")

_SET_RANGE = re.compile(r"\b(?:da|from)\s+(\d+)\s+(?:\w+\s+){0,2}?(?:a|ad|to)\s+(\d+)\b")
_SET_TO = re.compile(r"\b(?:a|ad|to|fino a|down to|up to|sino a)\s+(\d+)\b")
_SET_TOTAL = re.compile(r"\b(\d+)\s+(?:\w+\s+)?(?:in totale|totali|in tutto|total|in all)\b")
_REMOVE_AFTER_VERB = re.compile(
    r"\b(?:togli\w*|toglier\w*|tolg\w*|lev[aio]\w*|rimuov\w*|elimin\w*|remove|cut|drop|meno|"
    r"riduci di|tagli\w*|"
    r"ridurre di|diminuisci di|diminuire di|reduce by|cancella|cancellare|disattiva)\s+"
    r"(?:(?!(?:a|ad|to|fino|sino|down)\b)\w+\s+)?(\d+)\b"
)
_REMOVE_BEFORE = re.compile(r"\b(\d+)\s+(?:\w+\s+){0,2}?(?:in meno|fewer|less)\b")
_ADD_AFTER_VERB = re.compile(
    r"\b(?:aggiung\w*|aggiunt\w*|add|altre|altri|ulteriori|another|more|aumenta di|aumentare di|"
    r"increase by|compr(?:a|are|iamo|ate|o)|acquist(?:a|are|iamo|ate|o)|extra)\s+(?:\w+\s+)?"
    r"(\d+)\b"
)
_ADD_BEFORE = re.compile(
    r"\b(\d+)\s+(?:\w+\s+){0,2}?(?:in piu|more|extra|additional|aggiuntiv\w*|nuov\w*|"
    r"in aggiunta|altre|altri)\b"
)
# A verb that sets a total without saying which way ("metti 7", "facciamo 5 invece", "set it to
# 12" is _SET_TO's).
_SET_VERB = re.compile(r"\b(?:metti\w*|mettete|imposta\w*|facciamo|fai|make it|set)\s+"
                       r"(?:\w+\s+)?(\d+)\b")
_COUNT_NEXT_TO_NOUN = re.compile(r"\b(\d+)\s+(?:\w+\s+)?" + _COUNTED)

CountProblem = Literal["zero", "negative", "fraction"]


@dataclass(frozen=True)
class CountReading:
    """The count a text states: the number, how it applies, or what is wrong with it.

    `problem` is set when the text states a count that cannot be one ("0", "a zero", "-3",
    "7.5", "sette e mezzo"); `count` and `mode` are then None.
    """

    count: int | None = None
    mode: str | None = None
    problem: CountProblem | None = None


# A correction: what follows replaces what came before ("a 8 anzi 6", "5, no scusa 4").
_CORRECTION = re.compile(
    r"\b(?:anzi|cioe|scusa|scusate|correggo|meglio|rettifico|actually|i mean|make that|"
    r"no)\b(?=(?:\s+\w+){0,3}?\s+(?:\d+|" + NEGATIVE_MARK + "|" + FRACTION_MARK + r")\b)")
_REDUCE_VERB = (r"(?:ridu\w*|riduc\w*|diminu\w*|abbass\w*|scend\w*|scendi|tagli\w*|cal\w*|"
                r"lower\w*|reduc\w*|cut|decreas\w*|shrink)")
_ADD_VERB = r"(?:aument\w*|aggiung\w*|alz\w*|cresc\w*|increas\w*|rais\w*|grow)"
_REDUCE_BY = re.compile(r"\b" + _REDUCE_VERB + r"\b(?:\s+\w+){0,4}?\s+(?:di|by)\s+(\d+)\b")
_ADD_BY = re.compile(r"\b" + _ADD_VERB + r"\b(?:\s+\w+){0,4}?\s+(?:di|by)\s+(\d+)\b")
_BY_ALONE = re.compile(r"^(?:(?:\w+\s+){0,2}?)(?:di|by)\s+(\d+)\b")
_WITH_TOTAL = re.compile(r"\b(?:con|with)\s+(\d+)\s+(?:\w+\s+)?" + _COUNTED)
_PEOPLE = re.compile(r"\b(\d+)\s+(?:\w+\s+)?(?:colleg\w*|person\w*|dipendent\w*|collaborator\w*|"
                     r"employees?|people|colleagues?|stagist\w*|impiegat\w*|membri|members?)")
_LEAVING = (r"(?:andat\w*|uscit\w*|lasciat\w*|licenziat\w*|pension\w*|dimess\w*|left|quit|"
            r"gone|leaving|partit\w*)")
_PEOPLE_LEAVING = re.compile(r"\b" + _LEAVING)
_LEAVING_COUNT = re.compile(r"\b(\d+)\s+(?:[a-z]+\s+){0,3}?" + _LEAVING)
"""A number whose words (no other number between) end in a leaving verb: "2 sono andate via",
"3 colleghi sono andati via", "4 se ne sono andati": that many fewer."""
_PEOPLE_JOINING = re.compile(r"\b(?:assunt\w*|arrivat\w*|entrat\w*|nuov\w*|hired|joined|"
                             r"joining|new)")


def _segment(words: list[str]) -> tuple[str, str]:
    """(the words the count is read from, the words before a correction): after the last
    correction that is followed by a number ("a 8 anzi 6" → "6"), else the whole text."""
    text = " ".join(words)
    last = max(_CORRECTION.finditer(text), key=lambda match: match.start(), default=None)
    if last is None:
        return text, ""
    return text[last.end():], text[:last.start()]


def read_count(text: str) -> CountReading:
    """The count of a message, its mode, or the problem with it (see `CountReading`)."""
    words = slot_words(text)
    segment, before = _segment(words)
    reading = _count(segment, " ".join(words))
    weak = reading.mode is None or (reading.mode == "set" and _SET_VERB.match(segment.strip()))
    if reading.count is not None and weak and before:
        # "riduci a 5 licenze, no scusa 4", "aggiungi 4 licenze, anzi facciamo 5": the
        # correction keeps the way the count applies ("facciamo", "metti" say no way of their own)
        earlier = _count(before, before)
        if earlier.mode is not None:
            return CountReading(reading.count, earlier.mode)
    return reading


def _count(text: str, whole: str) -> CountReading:
    """The count in `text` (a correction's last part, or the whole message `whole`)."""
    if text in ("un", "una", "uno", "one"):
        return CountReading(1)
    text = _ONE_MORE.sub("1 more", text)
    text = _ONE_BEFORE_COUNTED.sub("1", text)
    numbers = [int(n) for n in re.findall(r"\b\d+\b", text)]
    if not numbers:
        if NEGATIVE_MARK in text:
            return CountReading(problem="negative")
        if FRACTION_MARK in text:
            return CountReading(problem="fraction")
        return CountReading()
    rules: tuple[tuple[re.Pattern[str], str], ...] = (
        (_SET_RANGE, "set"),
        (HAVE_THEN_TARGET, "set"),
        (_REDUCE_BY, "remove"),
        (_ADD_BY, "add"),
        (_REMOVE_AFTER_VERB, "remove"),
        (_REMOVE_BEFORE, "remove"),
        (_ADD_AFTER_VERB, "add"),
        (_ADD_BEFORE, "add"),
        (MORE_BEFORE_COUNT, "add"),
        (_SET_TOTAL, "set"),
        (_SET_TO, "set"),
        (_WITH_TOTAL, "set"),
        (_SET_VERB, "set"),
        (_BY_ALONE, "remove"),
    )
    for pattern, mode in rules:
        match = pattern.search(text)
        if match:
            return _valid(int(match.group(match.lastindex or 1)), mode)
    return _count_in_words(text, whole, numbers)


def _count_in_words(text: str, whole: str, numbers: list[int]) -> CountReading:
    """The count no rule of form names: said through people, next to a counted noun, or a
    number alone."""
    leaving = _LEAVING_COUNT.search(text)
    if leaving and _people_mode(whole) == "remove":
        # "avevamo 9 persone, 2 sono andate via": the 2 who left, not the 9 there were
        return _valid(int(leaving.group(1)), "remove")
    if len(set(numbers)) != 1:
        # several numbers and none of the rules above says which one is the count ("abbiamo
        # 10 licenze ma ne usiamo 6", "avevamo 10 persone, ora 7"): no count, the flow asks
        return CountReading()
    people = _PEOPLE.search(text)
    if people:
        # "riduci webinar perché 3 colleghi sono andati via": 3 fewer, not a total of 3
        return _valid(int(people.group(1)), _people_mode(whole))
    next_to_noun = _COUNT_NEXT_TO_NOUN.search(text)
    if next_to_noun:
        return _valid(int(next_to_noun.group(1)), None)
    if _counts_something_else(text):
        return CountReading()
    return _valid(numbers[0], None)


def _counts_something_else(text: str) -> bool:
    """A lone number that counts a thing that is not a license ("perso 2 clienti", "3
    fatture") is no count; before nothing, a counted noun or a product it is ("5", "ne voglio
    5 per il meeting", "3 webinar")."""
    match = re.search(r"\b\d+\s+([a-z]+)", text)
    if match is None:
        return False
    word = match.group(1)
    return not (word in _NUMBER_FOLLOWERS or re.match(_COUNTED, word) or word in vocabulary_words()
                or word in {"in", "di", "per", "su", "sul", "sulla", "al", "alla", "a", "e", "o",
                            "on", "for", "of", "to", "and", "or", "ne", "anzi", "invece",
                            "totali", "unita", "units"})


_NUMBER_FOLLOWERS = frozenset({"more", "extra", "fewer", "less", "additional", "nuove", "nuovi",
                               "altre", "altri", "persone", "colleghi", "people", "utenti"})


def _people_mode(whole: str) -> str | None:
    """A number of people is a difference: fewer when they leave or the text reduces, more when
    they join or the text adds; None when the text says neither."""
    reduces = re.search(r"\b" + _REDUCE_VERB + r"\b|\b(?:togli\w*|rimuov\w*|elimin\w*)",
                        whole) is not None
    adds = re.search(r"\b" + _ADD_VERB + r"\b|\b(?:serv\w*|need\w*)", whole) is not None
    if (reduces or _PEOPLE_LEAVING.search(whole)) and not adds:
        return "remove"
    if (adds or _PEOPLE_JOINING.search(whole)) and not reduces:
        return "add"
    return None


def _valid(count: int, mode: str | None) -> CountReading:
    if count == 0:
        return CountReading(problem="zero")
    return CountReading(count, mode) if count <= MAX_COUNT else CountReading()


def count_problem(text: str) -> CountProblem | None:
    """What is wrong with the count the text states ("zero", "negative", "fraction"), if any."""
    return read_count(text).problem


