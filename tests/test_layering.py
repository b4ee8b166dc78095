"""Dependencies point one way: bot → intents, kb, billing_core (docs: architecture, guide).

billing_core, intents and kb import nothing of bot; billing_core imports nothing of intents or
kb. Checked on the source, not on what happens to be imported at run time: every import
statement counts, at module level, inside a function (a lazy import), or under TYPE_CHECKING,
and so does `importlib.import_module("...")` / `__import__("...")` with a literal name.
Relative imports stay inside their own package and cannot break the rule.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN: dict[str, frozenset[str]] = {
    "billing_core": frozenset({"bot", "intents", "kb"}),
    "intents": frozenset({"bot"}),
    "kb": frozenset({"bot"}),
}
"""Package → the top-level packages of ours it must not import."""


def _literal_prefix(node: ast.expr) -> str | None:
    """The module named by a call's first argument: a string, or an f-string's literal start."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def _is_dynamic_import(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in ("__import__", "import_module")
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def imported_modules(source: str, filename: str = "<source>") -> Iterator[tuple[str, int]]:
    """(module name, line) of every absolute import in `source`, wherever it stands."""
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.module, node.lineno
        elif isinstance(node, ast.Call) and _is_dynamic_import(node) and node.args:
            name = _literal_prefix(node.args[0])
            if name:
                yield name, node.lineno


def violations(root: Path, rules: dict[str, frozenset[str]]) -> list[str]:
    """`path:line: package imports module` for every import that breaks `rules`."""
    found = []
    for package, forbidden in sorted(rules.items()):
        for path in sorted((root / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            for module, line in imported_modules(source, str(path)):
                top = module.split(".")[0]
                if top in forbidden:
                    found.append(f"{path.relative_to(root)}:{line}: {package} imports {module}")
    return found


def test_the_core_packages_do_not_import_the_layers_above_them() -> None:
    assert violations(ROOT, FORBIDDEN) == []


def test_every_package_the_rules_name_is_there() -> None:
    """A renamed package would make the rule above pass on nothing."""
    for package in {*FORBIDDEN, *(name for names in FORBIDDEN.values() for name in names)}:
        assert (ROOT / package / "__init__.py").is_file(), package


@pytest.mark.parametrize("statement", [
    "import bot",
    "import bot.cli as cli",
    "from bot.dialogue import messages",
    "def later():\n    from bot.loading import load_knowledge\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot.errors import UserError\n",
    "import importlib\nimportlib.import_module('bot.commands.chat')\n",
    "from importlib import import_module\nimport_module(f'bot.commands.{name}')\n",
    "__import__('bot')\n",
    "class Service:\n    def run(self):\n        import intents\n",
])
def test_a_forbidden_import_is_found_wherever_it_stands(tmp_path: Path, statement: str) -> None:
    (tmp_path / "billing_core" / "sub").mkdir(parents=True)
    (tmp_path / "billing_core" / "__init__.py").write_text("")
    (tmp_path / "billing_core" / "sub" / "module.py").write_text(statement)
    found = violations(tmp_path, FORBIDDEN)
    assert len(found) == 1 and found[0].startswith("billing_core/sub/module.py:"), found


@pytest.mark.parametrize("statement", [
    "from . import rules\nfrom .db import Database\n",
    "import billing_core.db\nfrom billing_core import pricing\n",
    "import botocore\nimport kbd\nfrom intentsx import y\n",
    "text = 'import bot'\n",
])
def test_allowed_imports_are_not_reported(tmp_path: Path, statement: str) -> None:
    (tmp_path / "billing_core").mkdir()
    (tmp_path / "billing_core" / "module.py").write_text(statement)
    assert violations(tmp_path, FORBIDDEN) == []


# -- no import cycles between the modules of a package -------------------------------------------


def module_imports(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports (every import statement, under
    TYPE_CHECKING too; `from p import m` counts m when it is a module). Package `__init__`s are
    left out: a package that re-exports its modules is no cycle a reader trips on."""
    modules = {".".join(path.relative_to(root).with_suffix("").parts): path
               for path in (root / package).rglob("*.py") if path.name != "__init__.py"}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {module for module in found if module in modules and module != name}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others."""
    reaches: dict[str, set[str]] = {}
    for start in graph:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            module = todo.pop()
            if module not in seen:
                seen.add(module)
                todo.extend(graph.get(module, ()))
        reaches[start] = seen
    groups = {frozenset({m, *(o for o in reaches[m] if m in reaches.get(o, ()))})
              for m in graph if m in reaches[m]}
    return sorted(sorted(group) for group in groups)


@pytest.mark.parametrize("package", ["kb", "billing_core"])
def test_modules_import_each_other_one_way(package: str) -> None:
    """kb.models checks every Answer with kb.limits, and kb.limits reads answers by their
    shape (no `kb.models` import, not even for type checking); billing_core's modules stand
    on each other in layers (schemas, repository, … service)."""
    assert import_cycles(module_imports(ROOT, package)) == []


def test_an_import_cycle_is_found(tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "models.py").write_text("from kb.limits import fits\n")
    (tmp_path / "kb" / "limits.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kb.models import Answer\n")
    (tmp_path / "kb" / "render.py").write_text("from kb import limits\n")
    assert import_cycles(module_imports(tmp_path, "kb")) == [["kb.limits", "kb.models"]]
