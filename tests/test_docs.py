"""docs/internal-apis.md matches the code (issue 8 part 4): every name it writes in backticks or
imports in its code blocks exists, every parameter it names in a call is the function's own,
and every file of the repository that the docs, docstrings and comments point at is there (a
clone has nothing outside it: no ../shared)."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
API_DOC = ROOT / "docs" / "internal-apis.md"
PACKAGES = ("bot", "intents", "kb", "billing_core")

OBJECTS = {
    "service": "billing_core.service.BillingService",
    "store": "billing_core.conversations.ConversationStore",
    "handoffs": "billing_core.handoffs.HandoffStore",
    "engine": "bot.dialogue.engine.Engine",
    "knowledge": "kb.knowledge.KnowledgeBase",
    "classifier": "intents.classifier.Classifier",
    "result": "intents.Classification",
    "db": "billing_core.db.Database",
}
"""The variables the document's examples call methods on, and what they are."""

CODE_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
SPAN = re.compile(r"`([^`\n]+)`")
DOTTED = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)")
CALL = re.compile(r"(?<![\w.])((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\(")


def resolve(dotted: str, names: dict[str, str]) -> Any:
    """The object a dotted name of the document means, or raise LookupError. The first part is
    one of our packages, a variable of `OBJECTS`, or a name the document imports."""
    first, *rest = dotted.split(".")
    if first in PACKAGES:
        path = [first]
        target: Any = importlib.import_module(first)
        for part in rest:
            path.append(part)
            try:
                target = importlib.import_module(".".join(path))
            except ModuleNotFoundError:
                target = attribute(target, part, dotted)
        return target
    if first in names:
        target = resolve(names[first], {})
    elif first in OBJECTS:
        target = resolve(OBJECTS[first], {})
    else:
        raise KeyError(first)  # not one of ours: a local variable of an example
    for part in rest:
        target = attribute(target, part, dotted)
    return target


def attribute(target: Any, name: str, dotted: str) -> Any:
    """An attribute, a pydantic field or a dataclass field of `target`."""
    if hasattr(target, name):
        return getattr(target, name)
    if name in getattr(target, "__annotations__", {}):  # declared on the class, set in __init__
        return target.__annotations__[name]
    fields = getattr(target, "model_fields", None) or getattr(target, "__dataclass_fields__", {})
    if name in fields:
        return fields[name]
    raise LookupError(f"{dotted}: no {name!r} in {target!r}")


def imported_names(text: str) -> dict[str, str]:
    """Name → dotted name for every `from X import a, b` of the document's code blocks."""
    names: dict[str, str] = {}
    for block in CODE_BLOCK.findall(text):
        for match in re.finditer(r"^from ([\w.]+) import \(?([^)#\n]*(?:\n[^)#\n]*)*?)\)?$",
                                 block, re.MULTILINE):
            for name in re.split(r"[,\s]+", match.group(2)):
                if name.isidentifier():
                    names[name] = f"{match.group(1)}.{name}"
    return names


def arguments(text: str, start: int) -> str:
    """The text between the parenthesis at `start` and the one closing it."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[start + 1:index]
    return text[start + 1:]


def top_level(args: str) -> Iterator[str]:
    """The comma-separated parts of an argument list (commas inside brackets stay)."""
    depth, part = 0, ""
    for char in args:
        if char == "," and depth == 0:
            yield part.strip()
            part = ""
            continue
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
        part += char
    if part.strip():
        yield part.strip()


def parameter_names(args: str) -> list[str]:
    """The parameters an argument list names: `name=…` or `name: type` (a bare `name` is a
    positional argument, which the document may call what it likes)."""
    found = []
    for part in top_level(args):
        match = re.match(r"([A-Za-z_]\w*)\s*(?:=(?!=)|:)", part)
        if match:
            found.append(match.group(1))
    return found


def pieces(text: str) -> Iterator[str]:
    """The document's code: its python blocks and its backtick spans."""
    yield from CODE_BLOCK.findall(text)
    without_blocks = CODE_BLOCK.sub("", text)
    yield from SPAN.findall(without_blocks)


def problems(text: str) -> list[str]:
    names = imported_names(text)
    found: list[str] = []
    for dotted in names.values():
        try:
            resolve(dotted, {})
        except (LookupError, ImportError) as error:
            found.append(f"import {dotted}: {error}")
    for piece in pieces(text):
        for dotted in DOTTED.findall(piece):
            try:
                resolve(dotted, names)
            except KeyError:
                continue
            except (LookupError, ImportError) as error:
                found.append(f"`{dotted}`: {error}")
        for match in CALL.finditer(piece):
            found.extend(call_problems(match.group(1), arguments(piece, match.end() - 1),
                                       names))
    return sorted(set(found))


def call_problems(dotted: str, args: str, names: dict[str, str]) -> list[str]:
    """The parameters a call of the document names that the callable does not have."""
    try:
        target = resolve(dotted, names) if "." in dotted or dotted in names else None
    except (LookupError, ImportError):
        return []  # reported as a name
    if target is None or not callable(target):
        return []
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return []
    parameters = signature.parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return []
    return [f"{dotted}({args}): no parameter {name!r} in {signature}"
            for name in parameter_names(args) if name not in parameters]


def test_internal_apis_name_what_the_code_has() -> None:
    assert problems(API_DOC.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("`billing_core.formatting.money`", "`billing_core.formatting.money`"),
    ("`bot.dialogue.engine.Engine.no_such_method`", "no_such_method"),
    ("`service.account_view(actor, account=1)`", "no parameter 'account'"),
    ("```python\nfrom billing_core.clock import Clock, Sundial\n```", "Sundial"),
    ("`handoffs.handoffs(limit=20, order=\"new\")`", "no parameter 'order'"),
])
def test_drift_is_found(text: str, expected: str) -> None:
    assert any(expected in problem for problem in problems(text)), problems(text)


@pytest.mark.parametrize("text", [
    "`service.who_is(email)`",
    "`billing_core.wording.money(Decimal(\"1.00\"), \"EUR\")`",
    "```python\nfrom billing_core.conversations import ConversationStore\n"
    "store = ConversationStore(db, clock)\nstore.load(key)\n```",
    "`TurnResult.handoff_id` with `from bot.dialogue import TurnResult`",
    "`conv.apply(step)`, `x.y`",
])
def test_what_is_there_is_not_reported(text: str) -> None:
    text += "\n```python\nfrom bot.dialogue import TurnResult\n```\n"
    assert problems(text) == []


# -- files the repository points at ----------------------------------------------------------

PATH = re.compile(r"(?<![\w./-])((?:\.\./)*(?:shared|docs|bot|intents|kb|billing_core|tests|"
                  r"benchmarks)/[\w./-]*\.(?:md|py|yaml|yml|txt))")
SCANNED = ("*.py", "*.md", "*.yaml", "*.yml", "*.toml")
SELF_TESTS = frozenset({"tests/test_docs.py", "tests/test_layering.py"})
"""They write paths that are meant not to exist (the cases of their own checks)."""
KEYED_BY_BYTES = frozenset({"intents/data/training.yaml"})
"""Its bytes key the stored calibration (intents/data/calibration.yaml): its first comment
still names shared/contracts/intents.md until the next `--calibrate` rewrites both."""


def repository_files() -> Iterator[Path]:
    for pattern in SCANNED:
        for path in ROOT.rglob(pattern):
            parts = path.relative_to(ROOT).parts
            if not any(part.startswith(".") or part.endswith(".egg-info") for part in parts) \
                    and "/".join(parts) not in SELF_TESTS | KEYED_BY_BYTES:
                yield path


def missing_files(read: Callable[[Path], str], files: list[Path]) -> list[str]:
    found = []
    for path in files:
        for match in PATH.finditer(read(path)):
            target = match.group(1).rstrip(".")
            where = (ROOT / target).resolve()
            # a clone has nothing outside itself, whatever this machine has next to it
            if not where.is_relative_to(ROOT.resolve()) or not where.exists():
                found.append(f"{path.relative_to(ROOT)}: {target}")
    return found


def test_files_the_repository_points_at_are_in_it() -> None:
    assert missing_files(lambda path: path.read_text(encoding="utf-8"),
                         sorted(repository_files())) == []


def test_a_path_outside_the_repository_is_found() -> None:
    text = {"a": '"""The contract (../shared/contracts/cli.md), docs/internal-apis.md."""'}
    found = missing_files(lambda path: text[path.name], [ROOT / "a"])
    assert found == ["a: ../shared/contracts/cli.md"]
