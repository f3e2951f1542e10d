"""The package's layout holds: no import cycle, dependencies one way, short engine functions.

The graph is read from the source with :mod:`ast`, so that every import counts: at the
top of a module, inside a function (a lazy import is still a dependency) and under
``TYPE_CHECKING``. See docs/architecture.md for the rooms and what each owns.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "vendormaturity"
ROOT = "vendormaturity"

# What each room may import, besides itself. Dependencies point one way:
# cli → render/sources/store → engine → rules → model → errors → i18n; store also reads through
# sources, and render draws the store's records (never its database); validity (the
# validation harness) sits beside render, over sources and engine, and nothing imports it;
# serve (the web application) sits beside cli, over the store and render, and only cli starts it.
ALLOWED = {
    "i18n": set(),
    "errors": {"i18n"},
    "_version": set(),
    "_extras": set(),
    "model": {"i18n", "errors"},
    "rules": {"i18n", "errors", "model"},
    "engine": {"i18n", "errors", "model", "rules"},
    "sources": {"i18n", "errors", "_version", "model", "rules", "engine"},
    "store": {"i18n", "errors", "model", "rules", "engine", "sources"},
    "render": {"i18n", "errors", "_version", "model", "rules", "engine", "store"},
    "validity": {"i18n", "errors", "model", "rules", "engine", "sources"},
    "serve": {"i18n", "errors", "_version", "model", "rules", "engine", "sources", "store", "render", ROOT},
    "cli": {
        "i18n",
        "errors",
        "_version",
        "_extras",
        "model",
        "rules",
        "engine",
        "sources",
        "store",
        "render",
        "serve",
        ROOT,
    },
    "__main__": {"cli"},
}
MAX_LINES = 60  # per function, in the engine and the rule compiler
SHORT_ROOMS = ("engine", "rules")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(module: str, path: Path, known: set[str]) -> Iterator[str]:
    """Every module of the package that *module* imports, wherever the import stands."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.split(".")[0] == ROOT)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            if base.split(".")[0] != ROOT:
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in known else base


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: set(_imported(name, path, known)) - {name} for name, path in modules.items()}


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_every_room() -> None:
    """The checks below read a real graph: each room is found and imports something."""
    graph = _graph()
    rooms = {_room(module) for module in graph}
    assert {"model", "rules", "engine", "sources", "store", "render", "cli", "errors"} <= rooms
    assert "vendormaturity.engine.compiled" in graph["vendormaturity.engine.assessment"]
    assert "vendormaturity.engine.compiler" in graph["vendormaturity.engine.assessment"]


def test_there_is_no_import_cycle() -> None:
    """No module reaches itself through its imports, lazy and type-only ones included."""
    graph = {module: targets for module, targets in _graph().items() if module != ROOT}
    assert [] == _cycles(graph)


def test_cycle_finder_finds_a_cycle() -> None:
    """The cycle check can fail: a two-module loop is reported."""
    assert [["a", "b"]] == _cycles({"a": {"b"}, "b": {"a", "c"}, "c": set()})


@pytest.mark.parametrize("module", sorted(_modules()))
def test_dependencies_point_one_way(module: str) -> None:
    """Each room imports only the rooms below it (the facade `vendormaturity` only from cli)."""
    room = _room(module)
    if room == ROOT:
        return  # the facade re-exports every room, lazily
    allowed = ALLOWED[room] | {room}
    wrong = sorted(target for target in _graph()[module] if _room(target) not in allowed)
    assert [] == wrong


@pytest.mark.parametrize(
    "module", sorted(name for name in _modules() if _room(name) in SHORT_ROOMS), ids=lambda name: name
)
def test_engine_and_rule_functions_are_short(module: str) -> None:
    """No function of the engine or the rule compiler is longer than about a screen."""
    tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.end_lineno is not None
        if node.end_lineno - node.lineno + 1 > MAX_LINES
    ]
    assert [] == long


def test_the_command_line_is_split_by_command_group() -> None:
    """There is no single cli.py: one module per command group, under cli/."""
    assert not (PACKAGE / "cli.py").exists()
    groups = {path.stem for path in (PACKAGE / "cli").glob("*.py") if not path.stem.startswith("_")}
    assert {"assess", "catalogue", "collect", "portfolio"} <= groups


def test_architecture_doc_names_every_module() -> None:
    """docs/architecture.md says what each module owns: none is missing, none is stale."""
    doc = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([\w/]+\.py)` \|", doc, flags=re.MULTILINE))
    present = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" or path.parent.name == "cli"
    } - {"__main__.py"} | {"__init__.py"}
    assert present == named
