"""Rule expressions: typing, three-valued logic, evidence atoms."""

from __future__ import annotations

import pytest

from vendormaturity.errors import ExpressionError
from vendormaturity.rules.expressions import Kind, SymbolType, compile_expression

SYMBOLS = {
    "facts.kpi": SymbolType.number(),
    "facts.exit_plan": SymbolType.boolean(),
    "facts.segment": SymbolType.string(["strategic", "leverage"]),
    "client.quality": SymbolType.number(),
    "supplier.quality": SymbolType.number(),
    "history.previous_phase": SymbolType.string(["storming", "norming"]),
}


def evaluate(source: str, **values: float | bool | str | None) -> float | bool | str | None:
    env = {name.replace("__", "."): value for name, value in values.items()}
    return compile_expression(source, SYMBOLS, expect=(Kind.BOOLEAN, Kind.NUMBER))(env)


def test_comparison_of_declared_names() -> None:
    """A condition reads dotted names from the mapping it is given."""
    assert evaluate("facts.kpi >= 0.9 and client.quality <= 3", facts__kpi=0.95, client__quality=2.5) is True


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("facts.kpi >= 0.9", None),
        ("facts.kpi >= 0.9 and client.quality > 10", False),
        ("facts.kpi >= 0.9 or client.quality < 10", True),
        ("not facts.exit_plan", None),
        ("known(facts.kpi)", False),
        ("coalesce(facts.kpi, 0.5) >= 0.5", True),
        ("facts.kpi + 1 > 0", None),
        ("min(facts.kpi, 1) > 0", None),
    ],
)
def test_missing_values_follow_three_valued_logic(source: str, expected: bool | None) -> None:
    """A missing value makes a condition not evaluable unless the logic decides without it."""
    assert expected == evaluate(source, client__quality=2.0)


def test_division_by_zero_is_missing_not_zero() -> None:
    """A ratio over nothing is unknown."""
    assert evaluate("client.quality / (facts.kpi - 1) > 0", client__quality=3.0, facts__kpi=1.0) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ramp(client.quality, 2, 4)", 0.5),
        ("ramp(client.quality, 4, 2)", 0.5),
        ("ramp(client.quality, 1, 2)", 1.0),
        ("ramp(client.quality, 3, 3)", 1.0),
        ("abs(client.quality - supplier.quality)", 1.5),
        ("max(client.quality, supplier.quality, 0)", 4.5),
        ("-client.quality", -3.0),
        ("between(client.quality, 3, 4)", True),
        ("1 < client.quality < 2", False),
    ],
)
def test_functions_and_arithmetic(source: str, expected: float | bool) -> None:
    """The few pure functions behave as documented."""
    assert expected == evaluate(source, client__quality=3.0, supplier__quality=4.5)


def test_membership_in_a_literal_list() -> None:
    """`in` and `not in` test a choice against a literal list."""
    assert evaluate('facts.segment in ["strategic"]', facts__segment="strategic") is True
    assert evaluate('facts.segment not in ["strategic"]', facts__segment="strategic") is False


def test_lowercase_booleans_are_constants() -> None:
    """TOML writers type `true`; it means True."""
    assert evaluate("facts.exit_plan == true", facts__exit_plan=True) is True


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("client.qualty > 3", "col 1: unknown name 'client.qualty' (did you mean 'client.quality'?)"),
        (
            'facts.segment == "strategik"',
            "col 18: 'strategik' is not a possible value (did you mean 'strategic'?) "
            "(expected one of: leverage, strategic)",
        ),
        ("facts.segment > 1", "col 1: '>' compares numbers, got a string"),
        ("facts.kpi == true", "col 1: cannot compare a number with a boolean"),
        ("facts.kpi and facts.exit_plan", "col 1: 'and' needs true/false operands, got a number"),
        ("facts.kpi", "expression must give a boolean, it gives a number"),
        ("ramp(facts.kpi, 1)", "col 1: ramp() takes 3 arguments, got 2"),
        (
            "sqrt(facts.kpi) > 1",
            "col 1: function 'sqrt' is not allowed (allowed functions: abs, between, "
            "coalesce, known, max, min, months_between, ramp)",
        ),
        ("facts.kpi in facts.kpi", 'col 14: \'in\' needs a literal list such as ["a", "b"]'),
        ("facts.kpi >", "syntax error: invalid syntax"),
        ("", "expression is empty"),
    ],
)
def test_compile_errors_are_located_and_explained(source: str, message: str) -> None:
    """Unknown names, type mismatches and syntax errors are refused with a column and a hint."""
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source, SYMBOLS)
    assert message == caught.value.messages[0]


def test_every_problem_of_an_expression_is_reported() -> None:
    """Two unknown names give two messages, not one per run."""
    with pytest.raises(ExpressionError) as caught:
        compile_expression("client.qualty > 3 and facts.kpo < 1", SYMBOLS)
    assert 2 == len(caught.value.messages)


def test_names_are_collected() -> None:
    """The compiled expression lists the symbols it reads."""
    compiled = compile_expression("facts.kpi >= 0.9 and client.quality <= 3", SYMBOLS)
    assert frozenset({"facts.kpi", "client.quality"}) == compiled.names


def test_atoms_give_values_and_thresholds() -> None:
    """Each comparison reports the value it saw, the threshold and whether it held."""
    compiled = compile_expression(
        'facts.kpi >= 0.9 and client.quality <= 3.0 and facts.segment in ["strategic"]', SYMBOLS
    )
    atoms = compiled.atoms({"facts.kpi": 0.95, "facts.segment": "leverage"})
    assert [
        ("facts.kpi >= 0.9", 0.95, 0.9, True),
        ("client.quality <= 3.0", None, 3.0, None),
        ("facts.segment in ['strategic']", "leverage", "[strategic]", False),
    ] == [(a.text, a.left, a.right, a.holds) for a in atoms]
    assert "client.quality <= 3.0: missing vs 3 -> not evaluable" == atoms[1].describe()


def test_boolean_leaves_are_atoms_too() -> None:
    """A bare boolean name or call is evidence of its own."""
    compiled = compile_expression("facts.exit_plan and known(facts.kpi)", SYMBOLS)
    atoms = compiled.atoms({"facts.exit_plan": True})
    assert [("facts.exit_plan", True), ("known(facts.kpi)", False)] == [(a.text, a.holds) for a in atoms]


def test_a_condition_defaulted_by_coalesce_shows_its_own_comparison_as_evidence() -> None:
    """`coalesce(x < 1.5, true)`: the evidence is the comparison and its values (unknown when the
    value is), not the function call, which reads as nothing to a reader."""
    compiled = compile_expression("coalesce(facts.x < 1.5, true)", {"facts.x": SymbolType.number()})
    assert [("facts.x < 1.5", 0.6, 1.5, True)] == compiled.readings({"facts.x": 0.6})
    assert [("facts.x < 1.5", None, 1.5, None)] == compiled.readings({"facts.x": None})
    assert compiled({"facts.x": None}) is True
