"""From a sentence to an intent, a calibrated confidence, a band and the slots.

The pipeline for one message:

1. `normalize` (Slack markup, case, accents, numbers, repeated letters); an empty result is
   out_of_scope, a whole-message short reply ("sì", "annulla") is affirm/deny outright.
2. Words the training phrases never used are corrected to the nearest common training word when
   rapidfuzz finds one close enough ("fatturazone" → "fatturazione").
3. Features: character n-grams (2–5, within words) of the normalised text, plus stemmed words and
   word pairs without stopwords; TF-IDF each, one logistic regression over both, trained from
   data/training.yaml when the classifier loads (out_of_scope is a class with its own examples).
4. Probabilities are calibrated by temperature scaling fitted on cross-validated predictions of
   the training phrases.
5. Explicit evidence: the direction verbs decide reduce vs add (a license target with no
   direction, "passa a 12 licenze", is licenses.reduce: the dialogue compares it with the current
   count); a plan tier named ("passiamo a
   GoTo Webinar Standard") makes a plan change, not a product swap; a transactional request named
   only under a negation ("non voglio ridurre le licenze"), or a message made only of slot values
   ("GoTo Webinar", "5"), cannot be answered with confidence: at most "ask"; a cancel or
   reactivate verb with one product is not a product swap ("disdici GoTo Webinar"), and two
   products with no such verb are not a cancellation.
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
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from intents import cues
from intents.calibrate import stored_temperature
from intents.classification import Band, Classification
from intents.normalize import MAX_CHARS, normalize, stems
from intents.slots import (
    count_problem,
    extract_slots,
    known_words,
    names_only_slots,
    names_target_tier,
    product_family,
    products_named,
)
from intents.training_data import OUT_OF_SCOPE, SlotValue, load_lexicon, load_training_set

Matrix = npt.NDArray[np.float64]

TYPO_MIN_LENGTH = 5
TYPO_SCORE = 85.0
CORRECTION_VOCABULARY = 5000
SHORT_REPLY_CONFIDENCE = 0.98
UNSURE_CONFIDENCE_CAP = 0.4
CANDIDATES = 3
PLAN_CHANGE = "plan.change"
PRODUCT_SWITCH = "product.switch"
CANCEL = "subscription.cancel"
REACTIVATE = "subscription.reactivate"
PURCHASE = "purchase.new"
FREQUENCY = "billing.frequency"
STORY_WORDS = 14
"""A message this long (words) with two sentences or more may tell a story around its request."""
STORY_SENTENCE_WORDS = 3
_SENTENCE = re.compile(r"[.!?;:\n]+\s*")
_NOT_A_REQUEST = frozenset({OUT_OF_SCOPE, "greet", "thanks", "help", "handoff", "acknowledge",
                            "deny"})
_HYPOTHESIS = re.compile(r"(?:\w+ ){0,3}?(?:se|if|nel caso|qualora|in case)\b")
COSTS = "plan.costs"
_CHANGES = frozenset({"licenses.reduce", "seats.add", "plan.change", "subscription.cancel",
                      "billing.frequency"})
_NAMES_PEOPLE = frozenset({"billing_contact.change", "billing_contact.who"})
_KEPT_BESIDE_FOREIGN = frozenset({OUT_OF_SCOPE, "greet", "thanks", "help", "handoff",
                                  "acknowledge"})
_MODE_DIRECTION = {"remove": "licenses.reduce", "add": "seats.add"}
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


def model_text(normalized: str) -> str:
    """What the model reads of a normalised text: without the yes it may start with ("ok ma
    perché così tanto" → "perche cosi tanto"), so a yes-word does not pull a question or a
    request towards `affirm`, and with every foreign thing as one word ("disdici Spotify" →
    "disdici zqforeignz"), so what the model learns of one vendor holds for all. Training
    phrases are read the same way."""
    rest = cues.after_yes(normalized)
    return cues.mark_foreign(cues.without_negated(rest if rest else normalized))


def model_examples(examples: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The (model text, intent) pairs the model learns from: every training phrase but the
    `affirm` ones. A yes is only ever the lexicon's closed set (`cues.short_reply`): a model
    that learnt "confermo l'ordine" as a yes would read "il mio ordine?" as one."""
    kept = [(model_text(normalize(text)), intent) for text, intent in examples
            if intent != AFFIRM]
    return [text for text, _ in kept], [intent for _, intent in kept]


def _word_features(normalized: str) -> list[str]:
    words = stems(normalized)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class IntentModel:
    """TF-IDF (character n-grams + stemmed words) and a multinomial logistic regression."""

    def __init__(self, texts: Sequence[str], labels: Sequence[str], c: float = 10.0) -> None:
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=False,
            dtype=np.float32,
        )
        self._words = TfidfVectorizer(
            analyzer=_word_features, sublinear_tf=True, lowercase=False, dtype=np.float32,
        )
        features = hstack([self._chars.fit_transform(texts), self._words.fit_transform(texts)])
        self._regression = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        self._regression.fit(csr_matrix(features), list(labels))
        self.classes: list[str] = [str(label) for label in self._regression.classes_]
        self.feature_count = int(features.shape[1])
        # The same computation for one text without sklearn's per-call checks (latency).
        self._parts = [
            (self._chars.build_analyzer(), self._chars.vocabulary_, self._chars.idf_, 0),
            (self._words.build_analyzer(), self._words.vocabulary_, self._words.idf_,
             len(self._chars.vocabulary_)),
        ]
        self._weights = np.ascontiguousarray(self._regression.coef_.T, dtype=np.float64)
        self._intercept = np.asarray(self._regression.intercept_, dtype=np.float64)

    def logits(self, normalized_texts: Sequence[str]) -> Matrix:
        """Decision values of many texts (sklearn's batch path)."""
        features = hstack([
            self._chars.transform(normalized_texts), self._words.transform(normalized_texts),
        ])
        return np.asarray(self._regression.decision_function(csr_matrix(features)), np.float64)

    def logits_one(self, normalized: str) -> npt.NDArray[np.float64]:
        """Decision values of one text: sublinear TF-IDF, L2 per part, then the linear model."""
        result = self._intercept.copy()
        for analyzer, vocabulary, idf, offset in self._parts:
            counts: dict[int, int] = {}
            for term in analyzer(normalized):
                index = vocabulary.get(term)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            indices = np.fromiter(counts, dtype=np.intp, count=len(counts))
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64,
                                               count=len(counts)))) * idf[indices]
            values /= np.sqrt(np.dot(values, values))
            result += values @ self._weights[indices + offset]
        return result


def softmax(logits: Matrix, temperature: float) -> Matrix:
    scaled = logits / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True), np.float64)


def fit_temperature(texts: Sequence[str], labels: Sequence[str], folds: int = 5,
                    c: float = 10.0) -> float:
    """Temperature that minimises the log loss of out-of-fold predictions (calibration)."""
    label_array = np.array(labels)
    logits_by_row: list[Matrix] = []
    true_index: list[int] = []
    classes = sorted(set(labels))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=13)
    text_array = np.array(texts, dtype=object)
    for train, test in splitter.split(text_array, label_array):
        model = IntentModel(list(text_array[train]), list(label_array[train]), c=c)
        fold_logits = model.logits(list(text_array[test]))
        full = np.full((len(test), len(classes)), -1e9)
        for column, name in enumerate(model.classes):
            full[:, classes.index(name)] = fold_logits[:, column]
        logits_by_row.append(full)
        true_index.extend(classes.index(label) for label in label_array[test])
    logits = np.vstack(logits_by_row)
    rows = np.arange(len(true_index))
    best, best_loss = 1.0, float("inf")
    for temperature in np.linspace(0.2, 3.0, 57):
        probabilities = softmax(logits, float(temperature))
        loss = float(-np.mean(np.log(probabilities[rows, true_index] + 1e-12)))
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best


class Classifier:
    """Thread-safe: `classify` only reads the trained model."""

    def __init__(self, examples: Sequence[tuple[str, str]], bands: Bands | None = None,
                 temperature: float | None = None) -> None:
        """Train on (phrase, intent) pairs; without a temperature, fit one (cross-validation)."""
        texts, labels = model_examples(examples)
        self.bands = bands or Bands()
        self._model = IntentModel(texts, labels)
        self.temperature = temperature if temperature is not None else fit_temperature(
            texts, labels)
        frequency = Counter(w for text in texts for w in text.split() if w.isalpha())
        self._known = frozenset(frequency)
        # Typos are corrected towards the common words only: bounded cost as the data grows.
        self._correction_targets = [
            word for word, count in frequency.most_common(CORRECTION_VOCABULARY)
            if count >= 2 and len(word) >= TYPO_MIN_LENGTH - 1
        ]
        self._corrections: dict[str, str] = {}
        # every word the bot knows: training words, slot values, the lexicon's words
        self._vocabulary = self._known | known_words()
        self._lock = threading.Lock()

    @property
    def intents(self) -> list[str]:
        return list(self._model.classes)

    @property
    def feature_count(self) -> int:
        return self._model.feature_count

    def _correct(self, word: str) -> str:
        if word in self._known or len(word) < TYPO_MIN_LENGTH or not word.isalpha():
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        match = process.extractOne(word, self._correction_targets, scorer=fuzz.ratio,
                                   score_cutoff=TYPO_SCORE)
        corrected = str(match[0]) if match else word
        with self._lock:
            if len(self._corrections) < 100_000:
                self._corrections[word] = corrected
        return corrected

    def corrected(self, normalized: str) -> str:
        """The normalised text with unknown words replaced by their nearest known word."""
        return " ".join(self._correct(word) for word in normalized.split())

    def probabilities(self, normalized: str) -> dict[str, float]:
        """Calibrated probability of every intent for an already normalised text."""
        logits = self._model.logits_one(self.corrected(normalized))
        row = softmax(logits[np.newaxis, :], self.temperature)[0]
        return {intent: float(p) for intent, p in zip(self._model.classes, row, strict=True)}

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
        reading = model_text(normalized)
        # never `affirm`: only the closed set above is
        scores = self._story_request(text, self.probabilities(reading))
        found = cues.find_cues(normalized)
        self._apply_counted_request(text, normalized, found, slots, scores)
        self._apply_direction(normalized, found, scores)
        self._apply_target_count(normalized, found, slots, scores)
        self._apply_license_range(text, normalized, found, scores)
        self._apply_plan_tier(text, found, slots, scores)
        self._apply_subscription_verb(text, found, scores)
        self._apply_hypothetical(normalized, scores)
        self._apply_foreign(text, scores)
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

    @staticmethod
    def _apply_direction(normalized: str, found: list[cues.Cue], scores: dict[str, float]) -> None:
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

    @staticmethod
    def _apply_target_count(normalized: str, found: list[cues.Cue],
                            slots: dict[str, SlotValue], scores: dict[str, float]) -> None:
        """A license target with no direction ("passa a 12 licenze", "set it to 12 licenses")
        says neither more nor fewer: only the current count does, and the dialogue's reduction
        flow compares the two and offers adding when the target is higher ("Hai 10 licenze: 12
        non è una riduzione. Vuoi aggiungerne 2?"). When reduce or add is the top guess, the
        pair's probability goes to `licenses.reduce`, so the message is answered, not asked."""
        if slots.get("count_mode") != "set" or not cues.names_licenses(normalized):
            return
        if max(scores, key=scores.__getitem__) not in (cues.REDUCE, cues.ADD):
            return
        if cues.direction(normalized, found) is not None:
            return
        scores[cues.REDUCE], scores[cues.ADD] = scores[cues.REDUCE] + scores[cues.ADD], 0.0

    @staticmethod
    def _apply_license_range(text: str, normalized: str, found: list[cues.Cue],
                             scores: dict[str, float]) -> None:
        """ "passare da 12 licenze a 9" is a license count going down, not a product swap or a
        tier change: with licenses named and a range, the range's direction takes the top."""
        top = max(scores, key=scores.__getitem__)
        if top not in (PRODUCT_SWITCH, PLAN_CHANGE) or not cues.names_licenses(normalized):
            return
        if top == PRODUCT_SWITCH and len(products_named(text)) >= 2:
            return
        wanted = cues.range_direction(normalized)
        if wanted is not None:
            scores[wanted], scores[top] = scores[top], scores[wanted]

    @staticmethod
    def _apply_plan_tier(text: str, found: list[cues.Cue], slots: dict[str, SlotValue],
                         scores: dict[str, float]) -> None:
        """A tier the user asks for is a plan change, whatever else the request carries: when a
        product swap (fewer than two products named), a license count or a frequency change is
        the top guess, their probability goes to the plan change ("passiamo a GoTo Webinar
        Standard"; "passa webinar a standard con 12 licenze" is a plan change with a count; a
        lower tier asked for with anything else still reaches the downgrade rule). A tier that
        only describes the current plan ("riduci le licenze del piano pro a 5") changes nothing.
        """
        if "plan" not in slots or not names_target_tier(text):
            return
        pulled = [cues.REDUCE, cues.ADD, FREQUENCY]
        if not any(cue.intent == PURCHASE for cue in found):
            pulled.append(PURCHASE)  # "scendere al piano standard per webinar" buys nothing
        if len(products_named(text)) < 2:
            pulled.append(PRODUCT_SWITCH)
        if max(scores, key=scores.__getitem__) in (PLAN_CHANGE, *pulled):
            for other in pulled:
                scores[PLAN_CHANGE] += scores[other]
                scores[other] = 0.0

    @staticmethod
    def _apply_counted_request(text: str, normalized: str, found: list[cues.Cue],
                               slots: dict[str, SlotValue], scores: dict[str, float]) -> None:
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
        top = max(scores, key=scores.__getitem__)
        if top not in (OUT_OF_SCOPE, PRODUCT_SWITCH, cues.REDUCE, cues.ADD):
            return
        moved = {cues.REDUCE, cues.ADD, top} - {wanted}
        for other in moved:
            scores[wanted] += scores[other]
            scores[other] = 0.0

    @staticmethod
    def _apply_subscription_verb(text: str, found: list[cues.Cue],
                                 scores: dict[str, float]) -> None:
        """Cancel / reactivate vs product swap is decided by the verbs and the products named.

        A cancel or reactivate verb with fewer than two products named is not a swap: "disdici
        GoTo Webinar", "ripristina GoTo Meeting" came out product.switch, the product name
        outweighing a short imperative. When product.switch is the top guess and the words name
        (not under a negation) exactly one of the two actions, its probability goes to that
        action; both named ("ho disdetto, riattivalo") leave the model alone. The other way
        round, two products and no such verb ("passare da gotomeeting a gotowebinar", "non
        voglio disdire, passo da GoTo Meeting a GoTo Webinar") is a swap, not a cancellation.
        """
        top = max(scores, key=scores.__getitem__)
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

    @staticmethod
    def _apply_hypothetical(normalized: str, scores: dict[str, float]) -> None:
        """ "se riduco le licenze mi rimborsate qualcosa?", "if we cancel, do we get money
        back?": a hypothesis asks what a change would do, it orders nothing. When a change is
        the top guess and the cost question is among the next two, they swap."""
        if not _HYPOTHESIS.match(normalized):
            return
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        if ranked[0] in _CHANGES and COSTS in ranked[1:3]:
            scores[COSTS], scores[ranked[0]] = scores[ranked[0]], scores[COSTS]

    def _apply_foreign(self, text: str, scores: dict[str, float]) -> None:
        """A billing word about something that is not GoTo's nor this account's ("disdici
        Spotify", "aggiorna la carta su Booking", "paga l'F24", "disdici Tidal": a name never
        seen where the object stands) is out of scope: the bot's transactions and answers
        concern GoTo products and this account only. The billing intents' probability goes to
        out_of_scope; a greeting, thanks, a wish for a person or an acknowledgement keeps its
        own. A person's name is expected where a billing contact is named ("passa la
        fatturazione a Marco"): there only the lexicon's foreign things count."""
        top = max(scores, key=scores.__getitem__)
        unknown = None if top in _NAMES_PEOPLE else self._names_unknown_object
        if not cues.foreign_only(text, unknown):
            return
        for intent in list(scores):
            if intent not in _KEPT_BESIDE_FOREIGN:
                scores[OUT_OF_SCOPE] += scores[intent]
                scores[intent] = 0.0

    def _names_unknown_object(self, text: str) -> bool:
        return any(self._correct(word) == word
                   for word in cues.unknown_objects(text, self._vocabulary))


_LOAD_LOCK = threading.Lock()
_CLASSIFIER: Classifier | None = None


def load_classifier() -> Classifier:
    """The classifier trained from intents/data/training.yaml; trained once per process.

    Uses the temperature stored by `python -m intents.evaluate --calibrate` when it matches
    the data (otherwise fits it now).
    """
    global _CLASSIFIER
    with _LOAD_LOCK:
        if _CLASSIFIER is None:
            _CLASSIFIER = Classifier(load_training_set().examples(),
                                     temperature=stored_temperature())
        return _CLASSIFIER
