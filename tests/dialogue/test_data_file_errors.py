"""A broken data file (knowledge base, training data) makes `chat`, `classify` and `kb list`
say one clear line naming the file and the problem, exit 1, never a traceback (cli.md).

The loaders are pointed at a broken copy through the module paths they read at call time
(kb.loader.ARTICLES_DIR, intents.training_data.DATA_DIR)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main

MARIA = "maria.rossi@example.com"


def _broken_copy(source: Path, target: Path, name: str, text: str) -> Path:
    shutil.copytree(source, target)
    (target / name).write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def fresh_intents(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The classifier and its data loaded again in this test (and again after it)."""
    from intents import classifier, training_data

    loaders = (training_data.load_training_set, training_data.load_heldout_set,
               training_data.load_slot_vocabulary, training_data.load_lexicon)
    monkeypatch.setattr(classifier, "_CLASSIFIER", None)
    for loader in loaders:
        loader.cache_clear()
    yield
    for loader in loaders:
        loader.cache_clear()


@pytest.fixture
def broken_kb(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    from kb import loader

    name = sorted(path.name for path in loader.ARTICLES_DIR.glob("*.yaml"))[0]
    copy = _broken_copy(loader.ARTICLES_DIR, tmp_path / "articles", name,
                        "id: broken\ntitle: [non chiusa\n")
    monkeypatch.setattr(loader, "ARTICLES_DIR", copy)
    return name


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("ciao\n"))
    # The database file exists (chat refuses a missing one before loading any data file).
    Path(args[args.index("--db") + 1].removeprefix("sqlite:///")).touch()
    code = main(list(args))
    return code, capsys.readouterr().err


def _one_clear_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("command", [["chat", "--as", MARIA, "--json"], ["kb", "list"]],
                         ids=["chat", "kb-list"])
def test_a_broken_kb_file_is_one_line_naming_it(
        command: list[str], broken_kb: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = _run(monkeypatch, capsys, "--db", f"sqlite:///{tmp_path / 'kb.db'}", *command)
    line = _one_clear_line(err)
    assert code == 1
    assert line.startswith("billing-bot: la base di conoscenza non è valida:"), line
    assert broken_kb in line and "YAML" in line


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("training.yaml", "intents: [non chiusa\n", "riga"),
    ("lexicon.yaml", "short_replies: 5\n", "campo «short_replies»"),
], ids=["yaml-syntax", "invalid-field"])
@pytest.mark.parametrize("command", [["chat", "--as", MARIA, "--json"], ["classify"]],
                         ids=["chat", "classify"])
def test_broken_training_data_is_one_line_naming_the_file(
        command: list[str], name: str, text: str, expected: str, fresh_intents: None,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    from intents import training_data

    copy = _broken_copy(training_data.DATA_DIR, tmp_path / "data", name, text)
    monkeypatch.setattr(training_data, "DATA_DIR", copy)
    code, err = _run(monkeypatch, capsys, "--db", f"sqlite:///{tmp_path / 'intents.db'}",
                     *command)
    line = _one_clear_line(err)
    assert code == 1
    assert line.startswith("billing-bot: i dati di addestramento non sono validi:"), line
    assert name in line and expected in line, line
