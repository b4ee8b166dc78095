"""Plurals of the lexicon's phrases, so a list may name a thing once: "fotocopiatrice" finds
"le fotocopiatrici", "chair" finds "more chairs" (`intents.foreign` reads the foreign things and
third parties with them). Italian and English rules of thumb: the forms a list needs, and some
that are no word and match nothing.
"""

from __future__ import annotations


def _italian_plurals(word: str) -> tuple[str, ...]:
    """The plural forms an Italian noun may have ("fotocopiatrice" → "fotocopiatrici", "sedia"
    → "sedie", "stipendio" → "stipendi", "banca" → "banche", "parco" → "parchi", "parci")."""
    for ending, plurals in _ITALIAN_ENDINGS:
        if word.endswith(ending):
            return tuple(word[:-len(ending)] + plural for plural in plurals)
    return ()


_ITALIAN_ENDINGS = (("ie", ()), ("io", ("i",)), ("ista", ("isti", "iste")),
                    ("cia", ("ce", "cie")), ("gia", ("ge", "gie")), ("ca", ("che",)),
                    ("ga", ("ghe",)), ("co", ("chi", "ci")), ("go", ("ghi", "gi")),
                    ("a", ("e",)), ("o", ("i",)), ("e", ("i",)))


def _english_plural(word: str) -> str:
    """ "chair" → "chairs", "tax" → "taxes", "company" → "companies"."""
    if word.endswith(("x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _inflectable(word: str) -> bool:
    return len(word) >= 4 and word.isalpha()


def with_plurals(entries: list[str]) -> list[str]:
    """The entries and their plurals: the first word of a phrase in Italian, and the word after
    it ("macchinetta del caffe" → "macchinette del caffe", "cellulare aziendale" → "cellulari
    aziendali"), the last in English ("cleaning company" → "cleaning companies"). Words of fewer
    than four letters or with digits, and words that look plural already ("ferie", "taxes"),
    stay as they are; a plural that is no word ("cellulare aziendales") matches nothing."""
    forms = set(entries)
    for entry in entries:
        words = entry.split()
        if _inflectable(words[0]):
            # an adjective after the noun agrees: "cellulari aziendali", "carte igieniche"
            after = [words[1:]] + ([[plural, *words[2:]] for plural in _italian_plurals(words[1])]
                                   if len(words) > 1 and _inflectable(words[1]) else [])
            forms.update(" ".join((plural, *rest))
                         for plural in _italian_plurals(words[0]) for rest in after)
        if _inflectable(words[-1]) and words[-1][-1] not in "aios":
            forms.add(" ".join((*words[:-1], _english_plural(words[-1]))))
    return sorted(forms)
