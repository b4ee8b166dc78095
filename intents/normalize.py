"""Text normalisation: from a raw Slack/terminal message to canonical lower-case tokens.

The steps, in order:

1. Slack markup: user/channel mentions and `<!here>` go away, `<#C…|name>` keeps the name,
   `<https://…|label>` keeps the label, bare links go away, `&amp;`-style entities are decoded.
2. Emoji (`:pray:` and the Unicode ones): a few that mean something in a billing chat become a
   word (👍 → "ok", 👎 → "no", 👋 → "ciao", 🙏 → "grazie"); the others are dropped.
3. Lower case, accents removed ("è" → "e", "più" → "piu"), English "n't" → " not", "W-9" → "w9".
4. Punctuation becomes a space; runs of three or more identical letters shrink to one
   ("ciaooo" → "ciao", "grazieee" → "grazie"; "annulla" keeps its double l); chat
   abbreviations of the lexicon are spelled out ("thx" → "thanks", "nn" → "non").
5. Numbers in words become digits (text2num, Italian then English, from "due"/"two" upward:
   "un"/"una" stay words, since they are articles far more often than counts). Ordinals
   ("secondo"), "sei" when it means "you are", and "mille grazie"/"grazie mille" are protected.

`content_tokens` goes further for word features: it drops stopwords (never the words that carry
meaning here: "non", "no", "piu", "meno", numbers) and stems with the Italian Snowball stemmer.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from text_to_num import alpha2digit

from intents.training_data import load_lexicon

_USER_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_SPECIAL_MENTION = re.compile(r"<![a-z^][^>]*>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]*)(?:\|([^>]*))?>")
_BARE_URL = re.compile(r"https?://\S+")
_SLACK_EMOJI = re.compile(r":([a-z0-9_+\-']+):")
_NOT = re.compile(r"n['’]t\b")
_W9 = re.compile(r"\bw\s*-?\s*9\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATED_LETTER = re.compile(r"([a-z])\1{2,}")

_ORDINALS = re.compile(
    r"\b(?:prim|second|terz|quart|quint|sest|settim|ottav|non|decim|[a-z]+esim)[oaie]\b"
    r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
)
# "sei" is "six" only next to what is counted or after a word that introduces a count;
# otherwise it is "you are" ("sei un robot?").
_COUNTED = ("licenz", "postazion", "utent", "seat", "user", "posti", "nuov", "altr")
_COUNT_INTRO = frozenset(
    "a ad da di aggiungi aggiungere togli togliere altre altri ulteriori servono riduci ridurre "
    "porta portare portale rimuovi rimuovere elimina eliminare solo only".split()
)
_MILLE_GRAZIE = re.compile(r"\bmille(?=\s+grazie)|(?<=\bgrazie )mille\b")
_PROTECT = "zqprotectedzq"


@lru_cache(maxsize=4096)
def strip_markup(text: str) -> str:
    """Resolve Slack markup and emoji; keep the words a person would read (cached: the
    classifier's rules read the same message several times)."""
    text = _USER_MENTION.sub(" ", text)
    text = _SPECIAL_MENTION.sub(" ", text)
    text = _CHANNEL.sub(lambda m: f" {m.group(1) or ''} ", text)
    text = _LINK.sub(lambda m: f" {m.group(2) or ''} ", text)
    text = html.unescape(text)
    text = _BARE_URL.sub(" ", text)
    emoji_words = load_lexicon().emoji_words
    text = _SLACK_EMOJI.sub(lambda m: f" {emoji_words.get(m.group(1).lower(), '')} ", text)
    unicode_emoji = _unicode_emoji()
    chars: list[str] = []
    for char in text:
        if char in unicode_emoji:
            chars.append(f" {unicode_emoji[char]} ")
        elif unicodedata.category(char) in ("So", "Sk", "Cs", "Co") or char == "\ufe0f":
            chars.append(" ")
        else:
            chars.append(char)
    return "".join(chars)


@lru_cache(maxsize=1)
def _unicode_emoji() -> dict[str, str]:
    """The Unicode emoji of the lexicon. The Slack names (`x`, `ok`, `wave`) only count between
    colons: a plain letter "x" ("thx", "tax", "fax") is a letter, not ❌."""
    return {key: word for key, word in load_lexicon().emoji_words.items() if not key.isascii()}


def unaccented(text: str) -> str:
    """Lower case without accents ("Più" → "piu"). Lowered after the decomposition, so that
    letters whose compatibility form is a capital (mathematical bold capitals, the modifier
    capitals) come out lower case too."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, with "n't" spelled out and "W-9" kept as one token."""
    text = _NOT.sub(" not", unaccented(text))
    return _W9.sub(" w9 ", text)


def squeeze(text: str) -> str:
    """Punctuation to single spaces, letter runs of three or more shrunk to one."""
    text = _NON_WORD.sub(" ", text)
    return _REPEATED_LETTER.sub(r"\1", text).strip()


def numbers_to_digits(text: str) -> str:
    """Italian and English number words to digits ("cinque" → 5, "twenty three" → 23)."""
    protected: list[str] = []

    def protect(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f" {_PROTECT}{len(protected) - 1}x "

    text = _ORDINALS.sub(protect, text)
    text = _MILLE_GRAZIE.sub(protect, text)
    words = text.split()
    for index, word in enumerate(words):
        if word == "sei" and not _sei_is_six(words, index):
            protected.append(word)
            words[index] = f"{_PROTECT}{len(protected) - 1}x"
    text = alpha2digit(" ".join(words), "it", threshold=2)
    text = alpha2digit(text, "en", threshold=2)
    for index, word in enumerate(protected):
        text = text.replace(f"{_PROTECT}{index}x", word)
    return " ".join(text.split())


def _sei_is_six(words: list[str], index: int) -> bool:
    if len(words) == 1:
        return True
    after = words[index + 1] if index + 1 < len(words) else ""
    before = words[index - 1] if index > 0 else ""
    return after.startswith(_COUNTED) or after in ("in",) or before in _COUNT_INTRO


def expand_abbreviations(text: str) -> str:
    """Chat abbreviations of the lexicon spelled out, whole words only ("thx" → "thanks",
    "nn" → "non", "x favore" → "per favore")."""
    abbreviations = load_lexicon().abbreviations
    return " ".join(abbreviations.get(word, word) for word in text.split())


MAX_CHARS = 2000
"""Only the start of a longer message is read: the request is in its first lines, and the cost
of normalisation grows with the length (a pasted log of 100,000 characters took seconds)."""


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The canonical form every matcher works on: lower-case ASCII words separated by spaces."""
    text = text[:MAX_CHARS]
    return numbers_to_digits(expand_abbreviations(squeeze(fold(strip_markup(text)))))


def tokens(text: str) -> list[str]:
    """Tokens of the canonical form."""
    return normalize(text).split()


_STEMMERS = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


def _stemmer() -> snowballstemmer.stemmer:
    stemmer = getattr(_STEMMERS, "italian", None)
    if stemmer is None:
        stemmer = _STEMMERS.italian = snowballstemmer.stemmer("italian")
    return stemmer


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Italian Snowball stem of one lower-case word (cached: words repeat a lot)."""
    return str(_stemmer().stemWord(word))


def stems(normalized: str) -> list[str]:
    """Stemmed words of an already normalised text, without stopwords.

    A stem listed in the lexicon's `verb_lemmas` becomes its verb's one stem: Snowball cuts
    irregular Italian verbs differently by form ("disdici" → disdic, "disdire" → disd, "disdetta"
    → disdett; "riattiva" → riatt, "riattivare" → riattiv), so the imperative of a verb the
    training phrases give in the infinitive would otherwise share no word feature with them.
    """
    lexicon = load_lexicon()
    stopwords, lemmas = lexicon.stopwords, lexicon.verb_lemmas
    return [
        lemmas.get(stemmed, stemmed)
        for stemmed in (stem(word) for word in normalized.split() if word not in stopwords)
    ]


@lru_cache(maxsize=4096)
def content_tokens(text: str) -> tuple[str, ...]:
    """Stemmed tokens without stopwords, for word-level features."""
    return tuple(stems(normalize(text)))
