"""Fuzzing the edges: whatever text, TOML or JSON comes in, only documented errors come out.

The loaders and the expression compiler are fed arbitrary text and bytes, arbitrary TOML
documents and mutated copies of valid ones. Any exception that is not a
:class:`VendorMaturityError` is a bug. Each test runs twice: a short ``ci`` profile in the
normal suite, and a ``long`` profile (100,000 examples) that is skipped unless selected
with ``pytest -m fuzz_long`` (or ``VM_FUZZ_LONG=1``).
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vendormaturity as vm
from vendormaturity.rules.expressions import CompiledExpression, Kind, SymbolType, compile_expression

ROOT = Path(__file__).resolve().parents[1]
PULSE = tomllib.loads((ROOT / "questionnaires" / "pulse.toml").read_text(encoding="utf-8"))
RESPONSES: dict[str, Any] = {
    "schema_version": 1,
    "questionnaire": "pulse",
    "questionnaire_version": "1.0.0",
    "relationship": "acme-hosting",
    "client": "Acme",
    "supplier": "Hostco",
    "date": "2026-03-31",
    "facts": {"kpi_green_ratio": 0.92, "age_months": 30, "segment": "strategic", "exit_plan_active": False},
    "respondents": [
        {"id": "c1", "side": "client", "answers": {"p01": 4, "p02": 2, "p04": 4, "p07": "dk"}},
        {"id": "s1", "side": "supplier", "answers": {"p01": 5, "p04": 3, "p05": 2, "p10": 4, "p11": 8}},
    ],
    "followup": [{"action": "xla_pilot", "status": "done"}],
}

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
PROFILES = {
    "ci": settings(max_examples=200, deadline=None, suppress_health_check=_QUIET),
    "long": settings(max_examples=100_000, deadline=None, suppress_health_check=_QUIET),
}
profiles = pytest.mark.parametrize(
    "profile",
    [pytest.param("ci"), pytest.param("long", marks=pytest.mark.fuzz_long)],
)


Loader = Callable[[Path], object]
LOADERS = pytest.mark.parametrize(
    "loader", [vm.load_questionnaire, vm.load_responses], ids=["questionnaire", "responses"]
)


def _only_documented_errors(loader: Loader, path: Path) -> None:
    """Load *path*; a VendorMaturityError is fine (and must carry problems), anything else is a bug."""
    problems: tuple[vm.Problem, ...] = (vm.Problem("none"),)
    try:
        loader(path)
    except vm.ValidationError as error:
        problems = error.problems
    except vm.VendorMaturityError:
        pass
    assert problems
    assert all(isinstance(problem.message, str) and problem.message for problem in problems)


# --------------------------------------------------------------------------- documents

toml_keys = st.one_of(
    st.sampled_from(["id", "weight", "questions", "scale", "when", "answers"]), st.text(max_size=8)
)
toml_scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(toml_keys, children, max_size=4)
    ),
    max_leaves=20,
)
toml_documents = st.dictionaries(toml_keys, toml_values, max_size=6)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a parsed document."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


_RETYPE: dict[type, Callable[[Any], Any]] = {
    str: len,
    int: str,
    float: lambda v: [v],
    bool: int,
    list: lambda v: {str(i): item for i, item in enumerate(v)},
    dict: lambda v: list(v.values()),
}


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any], values: st.SearchStrategy[Any]) -> dict[str, Any]:
    """*document* with one to three random keys deleted, replaced by *values* or retyped."""
    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(result)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = result
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "retype"]))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(values)
        else:
            parent[last] = _RETYPE.get(type(parent[last]), str)(parent[last])
    return result


# --------------------------------------------------------------------------- loaders


@profiles
@LOADERS
def test_arbitrary_text_raises_only_documented_errors(profile: str, loader: Loader, tmp_path: Path) -> None:
    """Any text in a .toml or .json file loads or raises a VendorMaturityError."""

    @PROFILES[profile]
    @given(text=st.text(), suffix=st.sampled_from([".toml", ".json"]))
    def fuzz(text: str, suffix: str) -> None:
        path = tmp_path / f"fuzz{suffix}"
        path.write_text(text, encoding="utf-8")
        _only_documented_errors(loader, path)

    fuzz()


@profiles
@LOADERS
def test_arbitrary_bytes_raise_only_documented_errors(profile: str, loader: Loader, tmp_path: Path) -> None:
    """Any bytes, valid UTF-8 or not, load or raise a VendorMaturityError."""

    @PROFILES[profile]
    @given(data=st.binary(max_size=2000))
    def fuzz(data: bytes) -> None:
        path = tmp_path / "fuzz.toml"
        path.write_bytes(data)
        _only_documented_errors(loader, path)

    fuzz()


@profiles
@LOADERS
def test_arbitrary_toml_documents_raise_only_documented_errors(
    profile: str, loader: Loader, tmp_path: Path
) -> None:
    """Any well-formed TOML document (of any shape and value types) loads or raises a VendorMaturityError."""

    @PROFILES[profile]
    @given(document=toml_documents)
    def fuzz(document: dict[str, Any]) -> None:
        path = tmp_path / "fuzz.toml"
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        _only_documented_errors(loader, path)

    fuzz()


@profiles
def test_mutated_questionnaires_raise_only_documented_errors(profile: str, tmp_path: Path) -> None:
    """The pulse questionnaire with keys deleted, replaced or retyped loads or raises a QuestionnaireError."""

    @PROFILES[profile]
    @given(document=mutated(PULSE, toml_values))
    def fuzz(document: dict[str, Any]) -> None:
        path = tmp_path / "fuzz.toml"
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        _only_documented_errors(vm.load_questionnaire, path)

    fuzz()


@profiles
def test_mutated_response_sets_raise_only_documented_errors(profile: str, tmp_path: Path) -> None:
    """A response set with keys deleted, replaced or retyped (TOML, JSON) loads or raises ResponseError."""
    pulse = vm.load_questionnaire("pulse")

    @PROFILES[profile]
    @given(
        document=mutated(RESPONSES, st.one_of(toml_values, json_values)),
        as_json=st.booleans(),
    )
    def fuzz(document: dict[str, Any], as_json: bool) -> None:
        try:
            text = json.dumps(document, default=str) if as_json else tomli_w.dumps(document)
        except (TypeError, ValueError):  # None has no TOML form
            text = json.dumps(document, default=str)
            as_json = True
        path = tmp_path / ("fuzz.json" if as_json else "fuzz.toml")
        path.write_text(text, encoding="utf-8")
        _only_documented_errors(vm.load_responses, path)
        try:
            responses = vm.load_responses(path, pulse)
        except vm.VendorMaturityError:
            return
        vm.assess(pulse, responses)  # what loads must assess

    fuzz()


# --------------------------------------------------------------------------- expressions

SYMBOLS = {
    "facts.ratio": SymbolType.number(),
    "facts.age": SymbolType.number(),
    "facts.exit": SymbolType.boolean(),
    "facts.segment": SymbolType.string(["strategic", "leverage"]),
    "client.trust": SymbolType.number(),
    "summary.overall_mean": SymbolType.number(),
    "history.previous_phase": SymbolType.string(["forming", "storming", "norming"]),
}
TOKENS = [
    *SYMBOLS,
    *(
        "and",
        "or",
        "not",
        "in",
        "not in",
        "if",
        "else",
        "is",
        "lambda",
        "for",
        ":=",
        "**",
        "//",
        "%",
        "@",
        "&",
        "|",
        "~",
        "^",
    ),
    *("<", "<=", ">", ">=", "==", "!=", "+", "-", "*", "/", "(", ")", "[", "]", ",", ".", "'", '"', "{", "}"),
    *(
        "0",
        "1",
        "2.5",
        "1e400",
        "-3",
        "1j",
        "0x10",
        "true",
        "false",
        "None",
        "...",
        "'strategic'",
        '"leverage"',
    ),
    *(
        "min",
        "max",
        "abs",
        "ramp",
        "between",
        "known",
        "coalesce",
        "__class__",
        "__import__",
        "eval",
        "x",
        "_",
    ),
]
token_soup = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25).map(" ".join)
_LEAVES = st.one_of(
    st.sampled_from([*SYMBOLS, "true", "false", "'strategic'", '"norming"', "0", "1", "3.5", "-2"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.lists(st.sampled_from(["1", "2.5", "'leverage'", "true"]), max_size=3).map(
        lambda items: f"[{', '.join(items)}]"
    ),
)


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    operators = st.sampled_from(
        ["+", "-", "*", "/", "and", "or", "<", "<=", ">", ">=", "==", "!=", "in", "not in"]
    )
    functions = st.sampled_from(["min", "max", "abs", "ramp", "between", "known", "coalesce"])
    return st.one_of(
        st.tuples(children, operators, children).map(" ".join),
        st.tuples(children, operators, children, operators, children).map(" ".join),  # chains
        children.map(lambda child: f"not {child}"),
        children.map(lambda child: f"-{child}"),
        children.map(lambda child: f"({child})"),
        st.tuples(functions, st.lists(children, max_size=4)).map(
            lambda call: f"{call[0]}({', '.join(call[1])})"
        ),
    )


# Grammatical expressions: most parse, many type-check, so evaluation gets exercised too.
grammatical = st.recursive(_LEAVES, _combine, max_leaves=12)
env_values = {
    Kind.NUMBER: st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    Kind.BOOLEAN: st.one_of(st.none(), st.booleans()),
    Kind.STRING: st.one_of(
        st.none(), st.sampled_from(["strategic", "leverage", "forming", "norming", "other"])
    ),
}
environments = st.fixed_dictionaries({name: env_values[symbol.kind] for name, symbol in SYMBOLS.items()})


def _compiled(source: str) -> CompiledExpression | None:
    try:
        return compile_expression(source, SYMBOLS, expect=(Kind.BOOLEAN, Kind.NUMBER))
    except vm.ExpressionError as error:
        messages = error.messages
    assert messages
    assert all(isinstance(message, str) and message for message in messages)
    return None


@profiles
def test_compiler_raises_only_expression_errors_and_compiled_rules_never_fail(profile: str) -> None:
    """Any text compiles or raises ExpressionError; what compiles evaluates (and explains) without error."""

    @PROFILES[profile]
    @given(source=st.one_of(st.text(max_size=600), token_soup, grammatical), env=environments)
    def fuzz(source: str, env: dict[str, Any]) -> None:
        compiled = _compiled(source)
        if compiled is None:
            return
        value = compiled(env)
        assert value is None or isinstance(value, bool | float)
        for atom in compiled.atoms(env):
            assert atom.holds in (True, False, None)

    fuzz()
