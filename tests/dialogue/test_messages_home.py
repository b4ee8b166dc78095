"""Every sentence the flows say lives in `bot.dialogue.messages` or, for a flow's own questions,
notices and buttons, `bot.dialogue.flows.wording` (issue 8 part 2): a writer finds them in two
named places. A string literal with words in another flow module is a sentence written inline."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

FLOWS = Path(__file__).resolve().parents[2] / "bot" / "dialogue" / "flows"
WORDS = re.compile(r"[A-Za-zÀ-ÿ]+\s+[A-Za-zÀ-ÿ]+")
"""Two words in a row: a sentence, a label or a fragment of one ("Nuovo ordine")."""
WORD_AND_SPACE = re.compile(r"[A-Za-zÀ-ÿ]{2,}\s|\s[A-Za-zÀ-ÿ]{2,}")
"""In an f-string: a word next to a space ("{} postazioni"), not an id ("flow.plan.{}")."""


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of string expressions standing alone: docstrings and attribute docstrings."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def inline_words(source: str) -> list[str]:
    """String literals with words in them; an f-string as a whole ("Ora hai {} licenze")."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [part.value if isinstance(part, ast.Constant) else "{}"
                     for part in node.values]
            skip.update(id(part) for part in node.values)
            text = "".join(str(part) for part in parts)
            if WORD_AND_SPACE.search(text):
                found.append(text)
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in skip:
            text = node.value
            if WORDS.search(text):
                found.append(text)
    return found


WORDING = FLOWS / "wording.py"


@pytest.mark.parametrize("module", sorted(set(FLOWS.glob("*.py")) - {WORDING}),
                         ids=lambda path: path.name)
def test_flows_write_no_sentence_inline(module: Path) -> None:
    assert inline_words(module.read_text(encoding="utf-8")) == []


def test_the_check_finds_an_inline_sentence() -> None:
    source = ('"""A docstring."""\nX = "ids.only"\n'
              'def f() -> str:\n    return f"Ora hai {1} licenze"\n')
    assert inline_words(source) == ["Ora hai {} licenze"]
    assert inline_words('X = f"{a} {b}"\nY = f"flow.plan.{tier}"\n') == []
    assert inline_words('Y = f"{n} postazioni"\n') == ["{} postazioni"]
