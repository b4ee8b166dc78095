"""The trained model is kept between processes (issue 8, part 5): a file keyed by the data, the
code and the libraries; a damaged or stale file is ignored and rebuilt; writes are atomic; the
file is data (numpy arrays and strings), never a pickle."""

from __future__ import annotations

import shutil
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from intents import Classifier, load_classifier, model_cache, training_data

PHRASES = ["riduci a 4 le licenze di GoTo Webinar", "ok ma perché così tanto?",
           "disdici Spotify", "quante licenze abbiamo?", "fatturazone", "sì",
           "passa webinar a standard con 12 licenze"]


@pytest.fixture(scope="module")
def trained() -> Classifier:
    return load_classifier()  # before the cache folder is changed: this process's classifier


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, trained: Classifier) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(model_cache.ENVIRONMENT_VARIABLE, str(folder))
    return folder


def _never_train() -> Classifier:
    raise AssertionError("the stored model should have been used")


def test_the_stored_model_classifies_exactly_as_the_trained_one(cache: Path,
                                                                trained: Classifier) -> None:
    assert model_cache.load_or_train(lambda: trained) is trained  # first process: trains, stores
    [stored] = cache.glob("intent-model-*.npz")
    restored = model_cache.load_or_train(_never_train)  # the next process: no training
    assert restored is not trained
    for text in PHRASES:
        assert restored.classify(text) == trained.classify(text), text
    with np.load(stored, allow_pickle=False) as arrays:  # data only: loading runs no code
        assert all(arrays[name].dtype != object for name in arrays.files)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "another key"])
def test_a_damaged_or_stale_file_is_ignored_and_rebuilt(cache: Path, damage: str,
                                                        trained: Classifier) -> None:
    model_cache.load_or_train(lambda: trained)
    [stored] = cache.glob("intent-model-*.npz")
    content = stored.read_bytes()
    if damage == "truncated":
        stored.write_bytes(content[: len(content) // 2])
    elif damage == "garbage":
        stored.write_bytes(b"not a model" * 100)
    elif damage == "empty":
        stored.write_bytes(b"")
    else:
        model_cache.write(trained, stored, "0" * 64)  # the file of a key it is not
    trains: list[Classifier] = []

    def train() -> Classifier:
        trains.append(trained)
        return trained

    assert model_cache.load_or_train(train) is trained and len(trains) == 1
    assert model_cache.read(stored, model_cache.cache_key()) is not None  # rewritten whole


def test_changed_training_data_is_another_key(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    before = model_cache.cache_key()
    copy = tmp_path / "data"
    shutil.copytree(training_data.DATA_DIR, copy)
    monkeypatch.setattr(training_data, "DATA_DIR", copy)
    assert model_cache.cache_key() == before
    with (copy / "training.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert model_cache.cache_key() != before


def test_the_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            trained: Classifier) -> None:
    monkeypatch.delenv(model_cache.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert model_cache.cache_dir() == tmp_path / "xdg" / "billing-bot"
    monkeypatch.setenv(model_cache.ENVIRONMENT_VARIABLE, str(tmp_path / "mine"))
    assert model_cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(model_cache.ENVIRONMENT_VARIABLE, "")
    assert model_cache.cache_dir() is None
    assert model_cache.load_or_train(lambda: trained) is trained  # off: nothing written
    assert not list(tmp_path.rglob("intent-model-*"))


def test_a_reader_never_sees_half_a_file_while_others_write(cache: Path,
                                                            trained: Classifier) -> None:
    key = model_cache.cache_key()
    path = model_cache.cache_file(key)
    assert path is not None
    model_cache.write(trained, path, key)
    failures: list[str] = []
    writing = True

    def reader() -> None:
        while writing:
            if model_cache.read(path, key) is None:
                failures.append("half-written file read")

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for _ in range(6):
        model_cache.write(trained, path, key)
    writing = False
    for thread in threads:
        thread.join()
    assert failures == []
    assert [p.name for p in cache.iterdir()] == [path.name]  # no temporary file left behind
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
