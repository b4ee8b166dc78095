"""The trained classifier kept between processes, so only the first process trains.

Training takes seconds (scikit-learn); every `billing-bot` command that classifies and every
test process used to pay it again. The trained model is stored as one `.npz` file (numpy arrays
and strings, loaded with `allow_pickle=False`: reading it runs no code, unlike a pickle):

- where: `$BILLING_BOT_CACHE_DIR` if set (an empty value turns the cache off), else
  `$XDG_CACHE_HOME/billing-bot`, else `~/.cache/billing-bot`;
- named by a key, the SHA-256 of everything the model depends on: the data files of
  intents/data/ (training phrases, lexicon, slot vocabulary, calibration), the source of the
  intents package, and the versions of Python, numpy, scikit-learn, scipy, snowballstemmer and
  text2num. A change to any of them gives another key: the old file is never read again (the
  newest three are kept, for checkouts of other versions sharing the folder);
- a file that cannot be read or does not hold what its name promises (truncated, corrupt,
  another key inside) is ignored: the model is trained again and the file rewritten;
- written atomically (a temporary file in the same folder, then `os.replace`), so a process
  starting while another writes sees the old state or the whole new file, never half of it;
  two processes training at once both write a complete file, the last one stays.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import numpy as np

from intents import training_data
from intents.classifier import Classifier
from intents.model import IntentModel, ModelArrays

ENVIRONMENT_VARIABLE = "BILLING_BOT_CACHE_DIR"
FORMAT = 1
"""Bumped when the file's layout changes."""
_PREFIX = "intent-model-"
KEPT_FILES = 3
"""Files of this many keys are kept (the newest): checkouts of other versions may share it."""
_DATA_FILES = ("training.yaml", "lexicon.yaml", "slots.yaml", "calibration.yaml")
_LIBRARIES = ("numpy", "scikit-learn", "scipy", "snowballstemmer", "text2num")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "billing-bot"


def cache_key() -> str:
    """SHA-256 of the data, the code and the library versions the trained model depends on."""
    digest = hashlib.sha256(f"format {FORMAT} python {sys.version_info[:2]}\n".encode())
    for name in _DATA_FILES:
        path = training_data.DATA_DIR / name
        digest.update(f"{name}\n".encode())
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(f"{source.name}\n".encode())
        digest.update(source.read_bytes())
    for library in _LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "(none)"
        digest.update(f"{library} {version}\n".encode())
    return digest.hexdigest()


def cache_file(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{_PREFIX}{key[:32]}.npz"


def load_or_train(train: Callable[[], Classifier]) -> Classifier:
    """The cached classifier for the current data and code, or `train()`'s, stored for the
    next process (a cache that cannot be written is no error: the next process trains too)."""
    key = cache_key()
    path = cache_file(key)
    if path is not None:
        cached = read(path, key)
        if cached is not None:
            return cached
    classifier = train()
    if path is not None:
        with contextlib.suppress(OSError):
            write(classifier, path, key)
    return classifier


def read(path: Path, key: str) -> Classifier | None:
    """The classifier stored at `path` under `key`, or None if it is missing, damaged or not
    that key's."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            if meta.get("key") != key or meta.get("format") != FORMAT:
                return None
            arrays = ModelArrays(
                classes=tuple(str(name) for name in stored["classes"]),
                char_vocabulary=_vocabulary(stored["char_terms"]),
                char_idf=np.array(stored["char_idf"], dtype=np.float64),
                word_vocabulary=_vocabulary(stored["word_terms"]),
                word_idf=np.array(stored["word_idf"], dtype=np.float64),
                weights=np.array(stored["weights"], dtype=np.float64),
                intercept=np.array(stored["intercept"], dtype=np.float64),
            )
            known = frozenset(str(word) for word in stored["known"])
            targets = tuple(str(word) for word in stored["correction_targets"])
        _check(arrays)
        return Classifier.restore(IntentModel(arrays), float(meta["temperature"]), known,
                                  targets)
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
        return None  # missing, truncated, corrupt or of another layout: train again


def write(classifier: Classifier, path: Path, key: str) -> None:
    """Store the classifier at `path` atomically, and remove the files of older keys."""
    arrays = classifier.model.arrays
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"key": key, "format": FORMAT, "temperature": classifier.temperature}
    # closed by `with handle:` below; made before the `try` so that a failure removes it by name
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",  # noqa: SIM115
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            np.savez(
                handle,
                meta=np.array(json.dumps(meta)),
                classes=np.array(arrays.classes, dtype=str),
                char_terms=_terms(arrays.char_vocabulary),
                char_idf=arrays.char_idf,
                word_terms=_terms(arrays.word_vocabulary),
                word_idf=arrays.word_idf,
                weights=arrays.weights,
                intercept=arrays.intercept,
                known=np.array(sorted(classifier.known), dtype=str),
                correction_targets=np.array(classifier.correction_targets, dtype=str),
            )
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
    # keep a few recent keys (several checkouts may share the folder), drop the rest
    others = sorted((old for old in path.parent.glob(f"{_PREFIX}*.npz") if old != path),
                    key=_modified, reverse=True)
    for old in others[KEPT_FILES - 1:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _terms(vocabulary: dict[str, int]) -> np.ndarray:
    """The vocabulary's terms ordered by column (columns are 0…n-1)."""
    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[column] = term
    return np.array(terms, dtype=str)


def _vocabulary(terms: np.ndarray) -> dict[str, int]:
    return {str(term): column for column, term in enumerate(terms)}


def _check(arrays: ModelArrays) -> None:
    """A file that unpacks but does not hold one coherent model is damaged."""
    features, classes = arrays.weights.shape
    if (features != arrays.feature_count or classes != len(arrays.classes)
            or arrays.intercept.shape != (classes,)
            or arrays.char_idf.shape != (len(arrays.char_vocabulary),)
            or arrays.word_idf.shape != (len(arrays.word_vocabulary),)):
        raise ValueError("inconsistent model arrays")
