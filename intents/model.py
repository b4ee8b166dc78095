"""The statistical part of the matcher: what the model reads of a text, its features, one
multinomial logistic regression, and the temperature that calibrates its probabilities.

- `model_text`: the normalised text without a leading yes, without denied actions, with every
  foreign thing as one word (training phrases are read the same way).
- Features: TF-IDF of character n-grams (2–5, within words) plus TF-IDF of stems and stem pairs
  without stopwords; one logistic regression over both (scikit-learn), trained by
  `IntentModel.train`.
- `ModelArrays`: everything a trained model is (vocabularies, idf, weights, classes) as plain
  arrays, so `intents.model_cache` can store it without pickle and `IntentModel` can score from
  it without scikit-learn's fitted objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from intents import cues, foreign
from intents.normalize import normalize, stems

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

Matrix = npt.NDArray[np.float64]
Vector = npt.NDArray[np.float64]
AFFIRM = "affirm"
CHAR_NGRAMS = (2, 5)


def model_text(normalized: str) -> str:
    """What the model reads of a normalised text: without the yes it may start with ("ok ma
    perché così tanto" → "perche cosi tanto"), so a yes-word does not pull a question or a
    request towards `affirm`; without an action it only denies when something else is left
    ("non è che voglio ridurre, chiedo solo quanto costa"); with every foreign thing as one word
    ("disdici Spotify" → "disdici zqforeignz"), so what the model learns of one vendor holds for
    all. Training phrases are read the same way."""
    rest = cues.after_yes(normalized)
    return foreign.mark_foreign(cues.without_negated(rest if rest else normalized))


def model_examples(examples: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The (model text, intent) pairs the model learns from: every training phrase but the
    `affirm` ones. A yes is only ever the lexicon's closed set (`cues.short_reply`): a model
    that learnt "confermo l'ordine" as a yes would read "il mio ordine?" as one."""
    kept = [(model_text(normalize(text)), intent) for text, intent in examples
            if intent != AFFIRM]
    return [text for text, _ in kept], [intent for _, intent in kept]


def word_features(normalized: str) -> list[str]:
    """Stems without stopwords, and each pair of neighbouring stems."""
    words = stems(normalized)
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def char_ngrams(text: str) -> list[str]:
    """Character n-grams within words, as scikit-learn's `char_wb` analyzer makes them (each
    word padded with one space; a word shorter than n gives itself once), so scoring a text
    needs no scikit-learn: a process that loads the model from the cache never imports it."""
    grams: list[str] = []
    for word in text.split():
        grams.extend(_word_ngrams(word))
    return grams


@lru_cache(maxsize=65536)
def _word_ngrams(word: str) -> tuple[str, ...]:
    # cached: words come back in message after message
    low, high = CHAR_NGRAMS
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return tuple(grams)


def _char_vectorizer() -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True,
                           lowercase=False, dtype=np.float32)


def _word_vectorizer() -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=word_features, sublinear_tf=True, lowercase=False,
                           dtype=np.float32)


@dataclass(frozen=True)
class ModelArrays:
    """A trained model as plain data: the vocabularies (term → column), the idf of each part,
    the weights (features × classes, character columns first) and the intercepts."""

    classes: tuple[str, ...]
    char_vocabulary: dict[str, int]
    char_idf: Vector
    word_vocabulary: dict[str, int]
    word_idf: Vector
    weights: Matrix
    intercept: Vector

    @property
    def feature_count(self) -> int:
        return len(self.char_vocabulary) + len(self.word_vocabulary)


class IntentModel:
    """TF-IDF (character n-grams + stemmed words) and a multinomial logistic regression."""

    def __init__(self, arrays: ModelArrays) -> None:
        self.arrays = arrays
        self.classes: list[str] = list(arrays.classes)
        self.feature_count = arrays.feature_count
        # sublinear TF-IDF and L2 per part, computed by hand for one text (latency)
        self._parts = [
            (char_ngrams, arrays.char_vocabulary, arrays.char_idf, 0),
            (word_features, arrays.word_vocabulary, arrays.word_idf,
             len(arrays.char_vocabulary)),
        ]
        self._weights = np.ascontiguousarray(arrays.weights, dtype=np.float64)
        self._intercept = np.asarray(arrays.intercept, dtype=np.float64)

    @classmethod
    def train(cls, texts: Sequence[str], labels: Sequence[str], c: float = 10.0) -> IntentModel:
        from scipy.sparse import csr_matrix, hstack
        from sklearn.linear_model import LogisticRegression

        chars, words = _char_vectorizer(), _word_vectorizer()
        features = hstack([chars.fit_transform(texts), words.fit_transform(texts)])
        regression = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        regression.fit(csr_matrix(features), list(labels))
        return cls(ModelArrays(
            classes=tuple(str(label) for label in regression.classes_),
            char_vocabulary={str(k): int(v) for k, v in chars.vocabulary_.items()},
            char_idf=np.asarray(chars.idf_, dtype=np.float64),
            word_vocabulary={str(k): int(v) for k, v in words.vocabulary_.items()},
            word_idf=np.asarray(words.idf_, dtype=np.float64),
            weights=np.ascontiguousarray(regression.coef_.T, dtype=np.float64),
            intercept=np.asarray(regression.intercept_, dtype=np.float64),
        ))

    def logits(self, normalized_texts: Sequence[str]) -> Matrix:
        """Decision values of many texts, one row each."""
        if not normalized_texts:
            return np.zeros((0, len(self.classes)))
        return np.vstack([self.logits_one(text) for text in normalized_texts])

    def logits_one(self, normalized: str) -> Vector:
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
    from sklearn.model_selection import StratifiedKFold

    label_array = np.array(labels)
    logits_by_row: list[Matrix] = []
    true_index: list[int] = []
    classes = sorted(set(labels))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=13)
    text_array = np.array(texts, dtype=object)
    for train, test in splitter.split(text_array, label_array):
        model = IntentModel.train(list(text_array[train]), list(label_array[train]), c=c)
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
