"""Probe: command forms of the transactional verbs (imperative, infinitive, 1st person).

Written for the 2026-11-23 command-form fix (484 phrases: 6 intents x imperative, infinitive,
first person, with and without a product, with and without "per favore"); never added verbatim
to training, but the fix was tuned while looking at it, so it is no longer a blind measure. Run:
    .venv/bin/python docs/probes/command_forms.py [-v]
Prints the share of probe phrases whose intent is right and answered (band "answer").
"""

from __future__ import annotations

import sys

PRODUCTS = ["GoTo Webinar", "il webinar", "GoTo Meeting", "meeting", "GoToAssist v4"]

# (intent, templates); {p} is a product, each template also tried with "per favore" appended.
TEMPLATES: dict[str, list[str]] = {
    "subscription.cancel": [
        "disdici {p}", "disdire {p}", "disdico {p}", "disdici l'abbonamento di {p}",
        "annulla l'abbonamento di {p}", "cancella {p}", "chiudi l'abbonamento {p}",
        "termina l'abbonamento a {p}", "stop al rinnovo di {p}", "cancel {p}",
        "disdici", "disdici l'abbonamento", "disdico l'abbonamento", "cancella l'abbonamento",
        "chiudi l'abbonamento", "termina la sottoscrizione", "stop al rinnovo",
        "cancel the subscription", "disdite l'abbonamento", "annullate il piano",
    ],
    "subscription.reactivate": [
        "riattiva {p}", "riattivare {p}", "riattivo {p}", "ripristina {p}",
        "rinnova {p}", "reactivate {p}", "riattiva l'abbonamento", "ripristina l'abbonamento",
        "rinnova l'abbonamento scaduto", "reactivate my subscription", "riattivate il piano",
    ],
    "licenses.reduce": [
        "riduci le licenze di {p}", "riduci {p} a 3 licenze", "togli 2 licenze da {p}",
        "diminuisci le licenze di {p}", "elimina 2 licenze di {p}", "cut 2 licenses from {p}",
        "ridurre le licenze di {p}", "riduco le licenze di {p}", "tolgo 2 licenze a {p}",
        "riduci le licenze", "togli 3 licenze", "diminuisci le licenze", "elimina 4 licenze",
        "cut licenses", "togliete due licenze", "ridurre licenze",
    ],
    "seats.add": [
        "aggiungi 2 licenze a {p}", "metti 3 licenze in più su {p}", "dammi altre 2 licenze di {p}",
        "compra 5 licenze per {p}", "add 3 seats to {p}", "aggiungere licenze a {p}",
        "aggiungo 2 postazioni a {p}", "aggiungi licenze", "metti altre 2 postazioni",
        "dammi altre licenze", "compra altre licenze", "add seats", "aggiungete 4 licenze",
    ],
    "plan.change": [
        "passa {p} al piano Pro", "cambia piano di {p}", "upgrade {p} to Business",
        "fai l'upgrade di {p}", "passare {p} a Enterprise", "cambio piano di {p}",
        "cambia piano", "fai l'upgrade", "upgrade", "passa al piano Business", "cambiare piano",
        "fate l'upgrade al piano superiore", "downgrade del piano",
    ],
    "billing.frequency": [
        "passa {p} all'annuale", "metti {p} a fatturazione mensile", "passa all'annuale",
        "fatturazione mensile", "passare alla fatturazione annuale", "passo al mensile",
        "cambia la fatturazione in annuale", "switch to yearly billing",
        "fatturazione annuale per favore",
    ],
}


ARTICLES = ((" di il ", " del "), (" a il ", " al "), (" da il ", " dal "))


def phrases() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for intent, templates in TEMPLATES.items():
        for template in templates:
            texts = [template.format(p=p) for p in PRODUCTS] if "{p}" in template else [template]
            for text in texts:
                for wrong, right in ARTICLES:
                    text = text.replace(wrong, right)
                out.append((intent, text))
                out.append((intent, f"{text} per favore"))
    return out


def main() -> int:
    from intents import load_classifier

    classifier = load_classifier()
    verbose = "-v" in sys.argv
    good = 0
    per_intent: dict[str, list[int]] = {}
    for intent, text in phrases():
        result = classifier.classify(text)
        ok = result.intent == intent and result.band == "answer"
        good += ok
        tally = per_intent.setdefault(intent, [0, 0])
        tally[0] += ok
        tally[1] += 1
        if verbose and not ok:
            print(f"MISS {intent:24} {text!r:55} -> {result.intent} "
                  f"{result.confidence:.2f} {result.band}")
    for intent, (ok, total) in per_intent.items():
        print(f"{intent:24} {ok}/{total}")
    print(f"probe: {good}/{len(phrases())} right and answered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
