"""From a sentence to an intent, a calibrated confidence, a band and the slots.

The pipeline for one message:

1. `normalize` (Slack markup, case, accents, numbers, repeated letters); an empty result is
   out_of_scope. A whole-message short reply is that reply outright (`cues.short_reply`): the
   closed set of confirmations is the only way to `affirm`; "no", "annulla" are `deny`; "ok
   capito", "un attimo" are `acknowledge`. A message that starts with a yes and goes on is read
   without the yes ("ok ma perché così tanto?" is the cost question).
2. Words the training phrases never used are corrected to the nearest common training word when
   rapidfuzz finds one close enough ("fatturazone" → "fatturazione").
3. The model (`intents.model`): TF-IDF of character n-grams and stems, one logistic regression,
   probabilities calibrated by a temperature. A long message with a story is also read sentence
   by sentence, and its most telling sentence wins when the model is surer of it.
4. Explicit evidence (`intents.evidence`): direction verbs, counts, tiers, cancel/reactivate
   verbs, hypotheses, and things that are not GoTo's nor this account's.
5. A transactional request named only under a negation ("non voglio ridurre le licenze"), or a
   message made only of slot values ("GoTo Webinar", "5"), is never confident: at most "ask".
6. Bands: "answer" when the top probability is at least `answer` and ahead of the runner-up by
   `margin`; "out_of_scope" when the top is out_of_scope or below `floor`; "ask" in between.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from intents import cues, evidence, foreign, shapes
from intents.calibrate import stored_temperature
from intents.classification import Band, Classification
from intents.model import IntentModel, fit_temperature, model_examples, model_text, softmax
from intents.normalize import MAX_CHARS, fold, normalize, strip_markup
from intents.slots import (
    count_problem,
    extract_slots,
    known_words,
    names_only_slots,
    product_family,
)
from intents.training_data import OUT_OF_SCOPE, SlotValue, load_lexicon, load_training_set

TYPO_MIN_LENGTH = 5
TYPO_SCORE = 85.0
CORRECTION_VOCABULARY = 5000
SHORT_REPLY_CONFIDENCE = 0.98
SHAPE_CONFIDENCE = 0.95
UNSURE_CONFIDENCE_CAP = 0.4
CANDIDATES = 3
STORY_WORDS = 14
"""A message this long (words) with two sentences or more may tell a story around its request."""
STORY_SENTENCE_WORDS = 3
STORY_SURE = 0.9
"""A long message whose whole reading is a request this sure is not read sentence by sentence."""
_SENTENCE = re.compile(r"[.!?;:\n]+\s*")
_NOT_A_REQUEST = frozenset({OUT_OF_SCOPE, "greet", "thanks", "help", "handoff", "acknowledge",
                            "deny"})
_WARM_UP = ("ciao", "chi è il contatto di fatturazione di Aruba?",
            "how do I share my screen in GoTo Meeting? thanks",
            "riduci a 4 le licenze di GoTo Webinar", "no aspetta, riattiva il webinar",
            "la nostra partita iva è IT07643520567", "`print(x)` {}", "quanto fa 2 per 3?",
            "disdici Spotify")
"""Classified once when a classifier is set up (`Classifier._setup`)."""
AFFIRM = "affirm"
ACKNOWLEDGE = "acknowledge"
_OTHER_REPLY = {"affirm": "deny", "deny": "affirm", "greet": "thanks", "thanks": "greet",
                "acknowledge": "thanks"}


@dataclass(frozen=True)
class Bands:
    """Where answer / ask / out_of_scope begin (probabilities after calibration)."""

    answer: float = 0.5
    margin: float = 0.15
    floor: float = 0.3


class Classifier:
    """Thread-safe: `classify` only reads the trained model."""

    def __init__(self, examples: Sequence[tuple[str, str]], bands: Bands | None = None,
                 temperature: float | None = None) -> None:
        """Train on (phrase, intent) pairs; without a temperature, fit one (cross-validation)."""
        texts, labels = model_examples(examples)
        frequency = Counter(w for text in texts for w in text.split() if w.isalpha())
        self._setup(
            IntentModel.train(texts, labels),
            temperature if temperature is not None else fit_temperature(texts, labels),
            known=frozenset(frequency),
            # Typos are corrected towards the common words only: bounded cost as data grows.
            correction_targets=tuple(
                word for word, count in frequency.most_common(CORRECTION_VOCABULARY)
                if count >= 2 and len(word) >= TYPO_MIN_LENGTH - 1),
            bands=bands,
        )

    @classmethod
    def restore(cls, model: IntentModel, temperature: float, known: frozenset[str],
                correction_targets: Sequence[str], bands: Bands | None = None) -> Classifier:
        """A classifier from a model already trained (`intents.model_cache`)."""
        classifier = cls.__new__(cls)
        classifier._setup(model, temperature, known, tuple(correction_targets), bands)
        return classifier

    def _setup(self, model: IntentModel, temperature: float, known: frozenset[str],
               correction_targets: tuple[str, ...], bands: Bands | None) -> None:
        self.bands = bands or Bands()
        self.model = model
        self.temperature = temperature
        self.known = known
        self.correction_targets = correction_targets
        self._corrections: dict[str, str] = {}
        self._near: dict[int, tuple[str, ...]] = {}
        # every word the bot knows: training words, slot values, the lexicon's words
        self._vocabulary = known | known_words()
        self._lock = threading.Lock()
        for text in _WARM_UP:
            # the lexicon's patterns compile on first use, the number readers load their
            # language on first use: pay it here, not on a user's message
            self._classify(text)

    @property
    def intents(self) -> list[str]:
        return list(self.model.classes)

    @property
    def feature_count(self) -> int:
        return self.model.feature_count

    def _correct(self, word: str) -> str:
        if word in self.known or len(word) < TYPO_MIN_LENGTH or not word.isalpha():
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        match = process.extractOne(word, self._targets_near(len(word)), scorer=fuzz.ratio,
                                   score_cutoff=TYPO_SCORE)
        corrected = str(match[0]) if match else word
        with self._lock:
            if len(self._corrections) < 100_000:
                self._corrections[word] = corrected
        return corrected

    def _targets_near(self, length: int) -> tuple[str, ...]:
        """The correction targets long enough and short enough to score TYPO_SCORE against a
        word of this length (the ratio is at most 1 - |a - b| / (a + b)): a typo is searched
        among a fraction of the 5,000 words, with the same result."""
        near = self._near.get(length)
        if near is None:
            share = 1 - TYPO_SCORE / 100
            low, high = length * (1 - share) / (1 + share), length * (1 + share) / (1 - share)
            near = tuple(word for word in self.correction_targets if low <= len(word) <= high)
            with self._lock:
                self._near[length] = near
        return near

    def corrected(self, normalized: str) -> str:
        """The normalised text with unknown words replaced by their nearest known word."""
        return " ".join(self._correct(word) for word in normalized.split())

    def probabilities(self, normalized: str) -> dict[str, float]:
        """Calibrated probability of every intent for an already normalised text."""
        logits = self.model.logits_one(self.corrected(normalized))
        row = softmax(logits[np.newaxis, :], self.temperature)[0]
        return {intent: float(p) for intent, p in zip(self.model.classes, row, strict=True)}

    def classify(self, text: str) -> Classification:
        result = self._classify(text)
        update: dict[str, object] = {}
        if "product" not in result.slots:
            update["product_family"] = product_family(text)
        if "count" not in result.slots:
            update["count_problem"] = count_problem(text)
        update = {key: value for key, value in update.items() if value is not None}
        return result.model_copy(update=update) if update else result

    def _classify(self, text: str) -> Classification:
        normalized = normalize(text)
        slots = extract_slots(text)
        if not normalized:
            return Classification(text=text, intent=OUT_OF_SCOPE, confidence=1.0, slots=slots,
                                  band="out_of_scope", candidates=[])
        if self._asks_nothing_by_shape(text, normalized):
            return Classification(text=text, intent=OUT_OF_SCOPE, confidence=SHAPE_CONFIDENCE,
                                  slots=slots, band="out_of_scope", candidates=[])
        reply = cues.short_reply(normalized)
        rest = cues.after_yes(normalized) if reply is None else None
        if rest is not None and (not rest or cues.short_reply(rest) == AFFIRM):
            reply = ACKNOWLEDGE  # "mmm ok", "ok ma", "ah sì": a yes-word and nothing else
        elif rest is not None:
            reply = cues.short_reply(rest)  # "ok capito", "si ok aspetta": what follows the yes
        if reply == AFFIRM and "?" in text:
            reply = ACKNOWLEDGE  # "sì?", "confermo?": a question is never a confirmation
        if reply is not None:
            return Classification(
                text=text, intent=reply, confidence=SHORT_REPLY_CONFIDENCE, slots=slots,
                band="answer",
                candidates=[(reply, SHORT_REPLY_CONFIDENCE),
                            (_OTHER_REPLY[reply], round(1 - SHORT_REPLY_CONFIDENCE, 4))],
            )
        opening = cues.after_reply(rest if rest else normalized)
        whole = self._read(text, normalized, slots, rest)
        if opening is not None and (whole.band != "answer" or whole.intent in _NOT_A_REQUEST) \
                and not (opening.polite_only and whole.intent not in ("greet", "thanks")):
            # after a greeting the rest matters only when the greeting took the whole message
            request = self._classify(opening.rest)
            if request.band == "answer" and request.intent not in _NOT_A_REQUEST and not (
                    opening.polite_only and whole.confidence >= request.confidence
                    and whole.band == "answer"):
                # "ah no ci ho ripensato, riattiva webinar" is the reactivation; after a
                # greeting the whole message's reading stands when it is surer ("salve, sono
                # nuova qui" is a greeting)
                return request.model_copy(update={"text": text, "slots": slots})
        return whole

    def _read(self, text: str, normalized: str, slots: dict[str, SlotValue],
              rest: str | None) -> Classification:
        """The model's reading of the whole message, with the evidence and the bands."""
        reading = model_text(normalized)
        # never `affirm`: only the closed set above is
        scores = self._story_request(text, self.probabilities(reading))
        found = evidence.apply_all(text, normalized, slots, scores, self._names_unknown_object,
                                   self.corrected(normalized))
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        top, top_score = ranked[0]
        runner_up = ranked[1][1]
        # a bare value ("5 licenze", "GoTo Webinar") says nothing of what is wanted, but a
        # signed or ranged one does ("+4 postazioni", "da 15 a 11")
        directed = slots.get("count_mode") in ("add", "remove") \
            or cues.range_direction(normalized) is not None
        unsure = top != OUT_OF_SCOPE and (
            cues.negated_only(top, found)
            or (not directed and names_only_slots(rest if rest else normalized,
                                                  load_lexicon().stopwords))
        )
        if unsure:
            top_score = min(top_score, UNSURE_CONFIDENCE_CAP)
        candidates = [(i, round(s, 4)) for i, s in ranked if i != OUT_OF_SCOPE][:CANDIDATES]
        band = self._band(top, top_score, runner_up, unsure)
        if band == "out_of_scope":
            confidence = scores[OUT_OF_SCOPE] if top == OUT_OF_SCOPE else 1.0 - top_score
            return Classification(text=text, intent=OUT_OF_SCOPE, confidence=round(confidence, 4),
                                  slots=slots, band=band, candidates=candidates)
        if unsure:
            candidates[0] = (top, round(top_score, 4))
        return Classification(text=text, intent=top, confidence=round(top_score, 4), slots=slots,
                              band=band, candidates=candidates)

    @staticmethod
    def _asks_nothing_by_shape(text: str, normalized: str) -> bool:
        """Only data ("la nostra partita iva è IT07643520567"), pasted code or a log, a sum to
        work out ("quanto fa 17 per 23?"), a text to translate or write ("traduci in inglese:
        …"): out of scope, whatever billing words they carry (`intents.shapes`)."""
        return shapes.data_only(text) or shapes.looks_like_code(text) or shapes.text_task(
            text) or shapes.arithmetic(
            fold(strip_markup(text[:MAX_CHARS]))) or shapes.arithmetic(normalized)

    def _story_request(self, text: str, scores: dict[str, float]) -> dict[str, float]:
        """A long message that tells a story before (or after) its request is read by its most
        telling sentence: the whole text's words dilute the request ("…quest'anno abbiamo perso
        due clienti, quindi stiamo tagliando i costi: vorrei passare il webinar da pro a
        lite."). A sentence is taken instead of the whole only when the model is surer of it
        and it asks for something of the bot's (not a greeting or thanks)."""
        sentences = [part for part in _SENTENCE.split(text[:MAX_CHARS])
                     if len(part.split()) >= STORY_SENTENCE_WORDS]
        if len(sentences) < 2 or len(text.split()) < STORY_WORDS:
            return scores
        best, best_score = scores, max(scores.values())
        if best_score >= STORY_SURE and max(scores, key=scores.__getitem__) not in _NOT_A_REQUEST:
            return scores  # the whole message is already a clear request

        for sentence in sentences:
            candidate = self.probabilities(model_text(normalize(sentence)))
            top = max(candidate, key=candidate.__getitem__)
            if top not in _NOT_A_REQUEST and candidate[top] > best_score:
                best, best_score = candidate, candidate[top]
        return dict(best)

    def _band(self, top: str, top_score: float, runner_up: float, unsure: bool) -> Band:
        if top == OUT_OF_SCOPE or top_score < self.bands.floor:
            return "out_of_scope"
        if unsure:
            return "ask"
        if top_score >= self.bands.answer and top_score - runner_up >= self.bands.margin:
            return "answer"
        return "ask"

    def _names_unknown_object(self, text: str) -> bool:
        return any(self._correct(word) == word
                   for word in foreign.unknown_objects(text, self._vocabulary))


_LOAD_LOCK = threading.Lock()
_CLASSIFIER: Classifier | None = None


def load_classifier() -> Classifier:
    """The classifier of intents/data/training.yaml, loaded once per process: from the model
    cache when one was stored for the same data, lexicon and code (`intents.model_cache`),
    else trained now (with the temperature stored by `python -m intents.evaluate --calibrate`
    when it matches the data; otherwise fitted now) and stored for the next process."""
    global _CLASSIFIER
    with _LOAD_LOCK:
        if _CLASSIFIER is None:
            from intents import model_cache

            _CLASSIFIER = model_cache.load_or_train(
                lambda: Classifier(load_training_set().examples(),
                                   temperature=stored_temperature()))
        return _CLASSIFIER
