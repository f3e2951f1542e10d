"""Safe rule expressions.

A questionnaire states its conditions as short strings such as
``facts.kpi_green_ratio >= 0.9 and client.service_quality <= 3.0``. They are parsed
with the standard :mod:`ast` module and compiled, once, into plain Python closures over
an **allow-list** of node kinds. Nothing is ever passed to ``eval``; names are looked up
in a mapping of declared symbols, never as attributes of live objects.

Missing values follow three-valued (Kleene) logic: arithmetic and comparisons with a
missing operand are missing, ``false and missing`` is false, ``true or missing`` is
true, anything else involving a missing value is missing. A condition whose value is
missing is *not evaluable*; the caller reports it as insufficient data.
"""

from __future__ import annotations

import ast
import datetime
import enum
import functools
import io
import math
import operator
import tokenize
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from vendormaturity.errors import ExpressionError, did_you_mean
from vendormaturity.i18n import Message, msg, nmsg

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Atom",
    "CompiledExpression",
    "Kind",
    "Reading",
    "SymbolType",
    "Value",
    "compile_expression",
]

MAX_LENGTH = 500
MAX_DEPTH = 12

Value = float | bool | str | None
Env = Mapping[str, Value]
Evaluator = Callable[[Env], Value]


class Leaf(enum.Enum):
    NAME = "name"
    CONSTANT = "constant"


class Kind(enum.Enum):
    """The type of a value in an expression."""

    NUMBER = "number"
    BOOLEAN = "boolean"
    STRING = "string"
    DATE = "date"  # a calendar day, held as its ISO text (2026-09-15); read by months_between()


@attrs.frozen
class SymbolType:
    """What a declared name holds; strings may be limited to a set of values."""

    kind: Kind
    choices: frozenset[str] | None = None

    @classmethod
    def number(cls) -> SymbolType:
        return cls(Kind.NUMBER)

    @classmethod
    def boolean(cls) -> SymbolType:
        return cls(Kind.BOOLEAN)

    @classmethod
    def date(cls) -> SymbolType:
        return cls(Kind.DATE)

    @classmethod
    def string(cls, choices: Sequence[str] | None = None) -> SymbolType:
        return cls(Kind.STRING, frozenset(choices) if choices is not None else None)


@attrs.frozen
class Atom:
    """One comparison inside a condition, with the values it saw: evidence to read aloud."""

    text: str
    left: Value
    right: Value
    holds: bool | None

    def describe(self) -> str:
        outcome = {True: "true", False: "false", None: "not evaluable"}[self.holds]
        return f"{self.text}: {_show(self.left)} vs {_show(self.right)} -> {outcome}"


def _show(value: Value) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


@attrs.frozen(eq=False)
class CompiledExpression:
    """A checked, compiled expression: call it with a mapping of symbol values."""

    source: str
    kind: Kind
    names: frozenset[str]
    evaluate: Evaluator = attrs.field(repr=False)  # the same as calling the expression, one call less
    _atoms: tuple[_AtomSpec, ...] = attrs.field(alias="atoms", repr=False)

    def __call__(self, env: Env) -> Value:
        return self.evaluate(env)

    def atoms(self, env: Env) -> list[Atom]:
        """Every comparison and boolean name of the expression, with the values they saw."""
        return [Atom(*spec.read(env)) for spec in self._atoms]

    def readings(self, env: Env) -> list[Reading]:
        """The same as :meth:`atoms`, as plain tuples (text, left, right, holds)."""
        return [spec.read(env) for spec in self._atoms]


# --------------------------------------------------------------------------- compiler

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_ARITH: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_ARITH_TEXT: dict[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_OP_TEXT: dict[type[ast.AST], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}
_KIND_OF = {"between": SymbolType.boolean(), "ramp": SymbolType.number()}
_LITERAL_NAMES = {"true": True, "false": False, "True": True, "False": False}
_FUNCTIONS = ("abs", "between", "coalesce", "known", "max", "min", "months_between", "ramp")

# Node kinds that have a dedicated, friendlier refusal than "not allowed".
_REFUSALS: dict[type[ast.AST], Message] = {
    ast.Subscript: msg("subscripts are not allowed"),
    ast.Lambda: msg("lambda is not allowed"),
    ast.ListComp: msg("comprehensions are not allowed"),
    ast.SetComp: msg("comprehensions are not allowed"),
    ast.DictComp: msg("comprehensions are not allowed"),
    ast.GeneratorExp: msg("generator expressions are not allowed"),
    ast.NamedExpr: msg("assignment expressions (:=) are not allowed"),
    ast.Starred: msg("starred expressions are not allowed"),
    ast.JoinedStr: msg("f-strings are not allowed"),
    ast.Await: msg("await is not allowed"),
    ast.Yield: msg("yield is not allowed"),
    ast.YieldFrom: msg("yield is not allowed"),
    ast.IfExp: msg("conditional expressions (x if c else y) are not allowed"),
    ast.Dict: msg("dict literals are not allowed"),
    ast.Set: msg("set literals are not allowed"),
}
# A value of each kind, as messages say it: "got a number".
_A_KIND: dict[Kind | None, Message] = {
    Kind.NUMBER: msg("a number"),
    Kind.BOOLEAN: msg("a boolean"),
    Kind.STRING: msg("a string"),
    Kind.DATE: msg("a date"),
    None: msg("a list"),  # what a bare list literal gives
}
# How many arguments each function takes, at least and at most (min and max: two to eight).
_ARITY = {
    "abs": (1, 1),
    "known": (1, 1),
    "coalesce": (2, 2),
    "between": (3, 3),
    "ramp": (3, 3),
    "months_between": (2, 2),
}
# A kind named alone: "got number and string".
_KIND_NAME: dict[Kind, Message] = {
    Kind.NUMBER: msg("number"),
    Kind.BOOLEAN: msg("boolean"),
    Kind.STRING: msg("string"),
    Kind.DATE: msg("date"),
}
# What a caller may expect of an expression: one kind, or a phase rule's boolean or number.
_WANTED: dict[tuple[Kind, ...], Message] = {
    **{(kind,): _A_KIND[kind] for kind in Kind},
    (Kind.BOOLEAN, Kind.NUMBER): msg("a boolean or number"),
}


class _Compiler:
    """Type-checks an AST against the symbol table and builds closures."""

    def __init__(self, symbols: Mapping[str, SymbolType]) -> None:
        self.symbols = symbols
        self.errors: list[Message] = []
        self.names: set[str] = set()
        # what each leaf evaluator reads: a symbol's name or a constant, for specialised closures
        self.leaves: dict[Evaluator, tuple[Leaf, Value]] = {}

    def fail(self, node: ast.AST, message: Message) -> tuple[SymbolType | None, Evaluator]:
        column = getattr(node, "col_offset", None)
        self.errors.append(
            msg("col {column}: {message}", column=column + 1, message=message)
            if column is not None
            else message
        )
        return None, _missing

    def compile(self, node: ast.expr, depth: int) -> tuple[SymbolType | None, Evaluator]:
        if depth > MAX_DEPTH:
            return self.fail(node, _too_deep())
        if isinstance(node, ast.BoolOp):
            return self._bool_op(node, depth)
        if isinstance(node, ast.UnaryOp):
            return self._unary(node, depth)
        if isinstance(node, ast.BinOp):
            return self._bin_op(node, depth)
        if isinstance(node, ast.Compare):
            return self._compare(node, depth)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        if isinstance(node, ast.Constant):
            return self._constant(node)
        if isinstance(node, ast.Name | ast.Attribute):
            return self._name(node)
        if isinstance(node, ast.List | ast.Tuple):
            return self.fail(node, msg("a list is only allowed on the right of 'in'"))
        refusal = _REFUSALS.get(type(node)) or msg("'{name}' is not allowed", name=type(node).__name__)
        return self.fail(node, refusal)

    # -- leaves

    def _constant(self, node: ast.Constant) -> tuple[SymbolType | None, Evaluator]:
        value = node.value
        if isinstance(value, bool):
            return SymbolType.boolean(), self._leaf(Leaf.CONSTANT, value)
        if isinstance(value, int | float):
            try:
                number = float(value)
            except OverflowError:  # an integer literal of 309 digits or more
                return self.fail(node, msg("number {value} is too large", value=value))
            if not math.isfinite(number):
                return self.fail(node, msg("number {value} is not finite", value=repr(value)))
            return SymbolType.number(), self._leaf(Leaf.CONSTANT, number)
        if isinstance(value, str):
            return SymbolType.string([value]), self._leaf(Leaf.CONSTANT, value)
        return self.fail(node, msg("constant {value} is not allowed", value=repr(value)))

    def _name(self, node: ast.Name | ast.Attribute) -> tuple[SymbolType | None, Evaluator]:
        dotted = _dotted(node)
        if dotted is None:
            return self.fail(node, msg("attribute access is only allowed on declared names"))
        if any(part.startswith("_") for part in dotted.split(".")):
            return self.fail(
                node, msg("name '{name}' is not allowed (names cannot start with '_')", name=dotted)
            )
        if dotted in _LITERAL_NAMES:
            return SymbolType.boolean(), self._leaf(Leaf.CONSTANT, _LITERAL_NAMES[dotted])
        symbol = self.symbols.get(dotted)
        if symbol is None:
            return self.fail(
                node, msg("unknown name '{name}'{hint}", name=dotted, hint=did_you_mean(dotted, self.symbols))
            )
        self.names.add(dotted)
        return symbol, self._leaf(Leaf.NAME, dotted)

    def _leaf(self, leaf: Leaf, value: Value) -> Evaluator:
        evaluate = _lookup(value) if leaf is Leaf.NAME else _const(value)  # type: ignore[arg-type]
        self.leaves[evaluate] = (leaf, value)
        return evaluate

    # -- operators

    def _bool_op(self, node: ast.BoolOp, depth: int) -> tuple[SymbolType | None, Evaluator]:
        parts: list[Evaluator] = []
        for value in node.values:
            kind, evaluate = self.compile(value, depth + 1)
            if kind is not None and kind.kind is not Kind.BOOLEAN:
                self.fail(
                    value,
                    msg(
                        "'{operator}' needs true/false operands, got {kind}",
                        operator=_op_name(node.op),
                        kind=_A_KIND[kind.kind],
                    ),
                )
            parts.append(evaluate)
        evaluator = _and(parts) if isinstance(node.op, ast.And) else _or(parts)
        return SymbolType.boolean(), evaluator

    def _unary(self, node: ast.UnaryOp, depth: int) -> tuple[SymbolType | None, Evaluator]:
        kind, operand = self.compile(node.operand, depth + 1)
        if isinstance(node.op, ast.Not):
            if kind is not None and kind.kind is not Kind.BOOLEAN:
                return self.fail(
                    node, msg("'not' needs a true/false operand, got {kind}", kind=_A_KIND[kind.kind])
                )
            return SymbolType.boolean(), _not(operand)
        if isinstance(node.op, ast.USub | ast.UAdd):
            if kind is not None and kind.kind is not Kind.NUMBER:
                return self.fail(node, msg("unary minus needs a number, got {kind}", kind=_A_KIND[kind.kind]))
            return SymbolType.number(), _neg(operand) if isinstance(node.op, ast.USub) else operand
        return self.fail(node, msg("bitwise operators are not allowed"))

    def _bin_op(self, node: ast.BinOp, depth: int) -> tuple[SymbolType | None, Evaluator]:
        function = _ARITH.get(type(node.op))
        if function is None:
            return self.fail(node, msg("only + - * / are allowed as arithmetic operators"))
        left_kind, left = self.compile(node.left, depth + 1)
        right_kind, right = self.compile(node.right, depth + 1)
        for kind, side in ((left_kind, node.left), (right_kind, node.right)):
            if kind is not None and kind.kind is not Kind.NUMBER:
                self.fail(side, msg("arithmetic needs numbers, got {kind}", kind=_A_KIND[kind.kind]))
        a, b = self.leaves.get(left), self.leaves.get(right)
        if a is not None and b is not None and isinstance(a[1], float) and isinstance(b[1], float):
            return self._folded(node, function, a[1], b[1])  # two constants (names hold no value yet)
        return SymbolType.number(), _arith(function, left, right)

    def _folded(
        self, node: ast.BinOp, function: Callable[[float, float], float], a: float, b: float
    ) -> tuple[SymbolType | None, Evaluator]:
        """Arithmetic on two constants, done once: a result that is no finite number is refused."""
        try:
            value = function(a, b)
        except ZeroDivisionError:
            return self.fail(node, msg("division by zero"))
        if not math.isfinite(value):
            return self.fail(
                node,
                msg(
                    "{left:g} {operator} {right:g} is too large a number",
                    left=a,
                    operator=_ARITH_TEXT[type(node.op)],
                    right=b,
                ),
            )
        return SymbolType.number(), self._leaf(Leaf.CONSTANT, value)

    def _compare(self, node: ast.Compare, depth: int) -> tuple[SymbolType | None, Evaluator]:
        left_kind, left = self.compile(node.left, depth + 1)
        pairs: list[Evaluator] = []
        left_node: ast.expr = node.left
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                if right_node is not node.comparators[-1]:
                    return self.fail(node, msg("'in' must end a comparison; use 'and' to add another"))
                right_kind, right = self._literal_list(right_node, left_kind)
                pairs.append(_membership(left, right, negate=isinstance(op, ast.NotIn)))
            elif type(op) in _COMPARE:
                right_kind, right = self.compile(right_node, depth + 1)
                self._check_comparison(op, left_node, left_kind, right_node, right_kind)
                pairs.append(self._comparison(_COMPARE[type(op)], left, right))
            else:
                return self.fail(node, msg("'is' comparisons are not allowed; use == or !="))
            left_kind, left, left_node = right_kind, right, right_node
        return SymbolType.boolean(), pairs[0] if len(pairs) == 1 else _and(pairs)

    def _comparison(
        self, function: Callable[[object, object], bool], left: Evaluator, right: Evaluator
    ) -> Evaluator:
        """A comparison; the common name-to-constant shapes in one closure, not three."""
        a, b = self.leaves.get(left), self.leaves.get(right)
        if a is not None and b is not None:
            if a[0] is Leaf.NAME and b[0] is Leaf.CONSTANT and b[1] is not None:
                return _name_vs_constant(function, a[1], b[1])  # type: ignore[arg-type]
            if a[0] is Leaf.CONSTANT and b[0] is Leaf.NAME and a[1] is not None:
                return _constant_vs_name(function, a[1], b[1])  # type: ignore[arg-type]
            if a[0] is Leaf.NAME and b[0] is Leaf.NAME:
                return _name_vs_name(function, a[1], b[1])  # type: ignore[arg-type]
        return _comparison(function, left, right)

    def _check_comparison(
        self,
        op: ast.cmpop,
        left_node: ast.expr,
        left: SymbolType | None,
        right_node: ast.expr,
        right: SymbolType | None,
    ) -> None:
        if left is None or right is None:
            return
        if isinstance(op, _ORDERING):
            for kind, side in ((left, left_node), (right, right_node)):
                if kind.kind is not Kind.NUMBER:
                    self.fail(
                        side,
                        msg(
                            "'{operator}' compares numbers, got {kind}",
                            operator=_OP_TEXT[type(op)],
                            kind=_A_KIND[kind.kind],
                        ),
                    )
            return
        if left.kind is not right.kind:
            self.fail(
                left_node,
                msg("cannot compare {left} with {right}", left=_A_KIND[left.kind], right=_A_KIND[right.kind]),
            )
            return
        self._check_string_choice(left, right, right_node)
        self._check_string_choice(right, left, left_node)

    def _check_string_choice(self, declared: SymbolType, literal: SymbolType, node: ast.expr) -> None:
        """A string constant compared with a choice-typed name must be one of its choices."""
        if declared.kind is not Kind.STRING or declared.choices is None:
            return
        if not isinstance(node, ast.Constant) or literal.choices is None:
            return
        (value,) = literal.choices
        if value not in declared.choices:
            options = ", ".join(sorted(declared.choices))
            hint = did_you_mean(value, declared.choices)
            self.fail(
                node,
                msg(
                    "'{value}' is not a possible value{hint} (expected one of: {options})",
                    value=value,
                    hint=hint,
                    options=options,
                ),
            )

    def _literal_list(self, node: ast.expr, left: SymbolType | None) -> tuple[SymbolType | None, Evaluator]:
        if not isinstance(node, ast.List | ast.Tuple):
            return self.fail(node, msg('\'in\' needs a literal list such as ["a", "b"]'))
        values: set[Value] = set()
        for element in node.elts:
            if not isinstance(element, ast.Constant):
                self.fail(element, msg("a list after 'in' may only hold constants"))
                continue
            kind, evaluate = self._constant(element)
            if kind is None:
                continue
            if left is not None and kind.kind is not left.kind:
                self.fail(
                    element,
                    msg(
                        "list holds {kind}, compared with {other}",
                        kind=_A_KIND[kind.kind],
                        other=_A_KIND[left.kind],
                    ),
                )
                continue
            if left is not None:
                self._check_string_choice(left, kind, element)
            values.add(evaluate({}))
        frozen = frozenset(values)
        return None, lambda env: frozen  # type: ignore[return-value]

    def _call(self, node: ast.Call, depth: int) -> tuple[SymbolType | None, Evaluator]:
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            name = _dotted(node.func) if isinstance(node.func, ast.Name | ast.Attribute) else None
            return self.fail(node, _refused_call(name))
        if node.keywords:
            return self.fail(node, msg("{function}() takes no keyword arguments", function=node.func.id))
        name = node.func.id
        compiled = [self.compile(argument, depth + 1) for argument in node.args]
        kinds = [kind for kind, _ in compiled]
        arguments = [evaluate for _, evaluate in compiled]
        low, high = _ARITY.get(name, (2, 8))  # min/max of one value is a mistake, not a no-op
        if not low <= len(arguments) <= high:
            return self.fail(node, _wrong_arity(name, low, high, len(arguments)))
        if name == "known":
            return SymbolType.boolean(), _known(arguments[0])
        if name == "coalesce":
            first, default = kinds
            if first is not None and default is not None and first.kind is not default.kind:
                self.fail(
                    node,
                    msg(
                        "coalesce() needs two values of one type, got {first} and {second}",
                        first=_KIND_NAME[first.kind],
                        second=_KIND_NAME[default.kind],
                    ),
                )
            return first, _coalesce(arguments[0], arguments[1])
        if name == "months_between":
            for kind, argument in zip(kinds, node.args, strict=True):
                if kind is not None and kind.kind is not Kind.DATE:
                    self.fail(
                        argument, msg("months_between() needs dates, got {kind}", kind=_A_KIND[kind.kind])
                    )
            return SymbolType.number(), _months_between(arguments[0], arguments[1])
        for kind, argument in zip(kinds, node.args, strict=True):
            if kind is not None and kind.kind is not Kind.NUMBER:
                self.fail(
                    argument,
                    msg("{function}() needs numbers, got {kind}", function=name, kind=_A_KIND[kind.kind]),
                )
        if name in ("between", "ramp"):
            leaves = [self.leaves.get(argument) for argument in arguments]
            shape = [leaf[0] if leaf is not None and leaf[1] is not None else None for leaf in leaves]
            if shape == [Leaf.NAME, Leaf.CONSTANT, Leaf.CONSTANT]:  # the usual shape, in one closure
                symbol, low_value, high_value = (leaf[1] for leaf in leaves if leaf is not None)
                make = _between_constants if name == "between" else _ramp_constants
                return _KIND_OF[name], make(symbol, low_value, high_value)  # type: ignore[arg-type]
            if name == "between":
                return SymbolType.boolean(), _between(*arguments)
            return SymbolType.number(), _ramp(*arguments)
        if name == "abs":
            return SymbolType.number(), _numeric(abs, arguments)
        return SymbolType.number(), _numeric(min if name == "min" else max, arguments)


def compile_expression(
    source: str,
    symbols: Mapping[str, SymbolType],
    *,
    expect: Sequence[Kind] = (Kind.BOOLEAN,),
) -> CompiledExpression:
    """Check *source* against *symbols* and compile it; raise :class:`ExpressionError`.

    *expect* lists the result kinds the caller accepts (a condition is boolean; a phase
    rule may also be a number in [0, 1]).
    """
    tree = _parsed(source)
    compiler = _Compiler(symbols)
    try:
        kind, evaluate = compiler.compile(tree.body, 1)
    except RecursionError:  # pragma: no cover - MAX_LENGTH keeps the tree far shallower
        raise ExpressionError(source, [_too_deep()]) from None
    if compiler.errors:
        raise ExpressionError(source, compiler.errors)
    if kind is None or kind.kind not in expect:
        wanted = _WANTED.get(tuple(expect)) or functools.reduce(_or_else, (_A_KIND[k] for k in expect))
        got = _A_KIND[kind.kind if kind is not None else None]
        raise ExpressionError(
            source, [msg("expression must give {wanted}, it gives {got}", wanted=wanted, got=got)]
        )
    atoms: list[_AtomSpec] = []
    _atom_specs(tree.body, symbols, atoms)
    return CompiledExpression(
        source=source,
        kind=kind.kind,
        names=frozenset(compiler.names),
        evaluate=evaluate,
        atoms=tuple(atoms),
    )


def _parsed(source: str) -> ast.Expression:
    """The tree of *source*, or :class:`ExpressionError` if it is no expression a rule may hold."""
    if not isinstance(source, str):
        raise ExpressionError(repr(source), [msg("an expression must be a string")])
    if len(source) > MAX_LENGTH:
        too_long = msg(
            "expression is {length} characters long, the limit is {limit}",
            length=len(source),
            limit=MAX_LENGTH,
        )
        raise ExpressionError(source, [too_long])
    if not source.strip():
        raise ExpressionError(source, [msg("expression is empty")])
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        syntax = msg("syntax error: {detail}", detail=error.msg)  # the parser's own words
        located = (
            msg("col {column}: {message}", column=error.offset, message=syntax) if error.offset else syntax
        )
        raise ExpressionError(source, [located]) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError(source, [msg("expression cannot be parsed")]) from None
    depth, foreign = _scan_tokens(source)
    if foreign is not None:
        raise ExpressionError(source, [foreign])
    if depth > MAX_DEPTH:  # ((((x)))) leaves no trace in the tree
        raise ExpressionError(source, [_too_deep()])
    return tree


# --------------------------------------------------------------------------- closures


def _missing(env: Env) -> Value:
    return None


def _const(value: Value) -> Evaluator:
    return lambda env: value


def _lookup(name: str) -> Evaluator:
    return lambda env: env.get(name)


def _and(parts: Sequence[Evaluator]) -> Evaluator:
    def evaluate(env: Env) -> Value:
        missing = False
        for part in parts:
            value = part(env)
            if value is False:
                return False
            if value is None:
                missing = True
        return None if missing else True

    return evaluate


def _or(parts: Sequence[Evaluator]) -> Evaluator:
    def evaluate(env: Env) -> Value:
        missing = False
        for part in parts:
            value = part(env)
            if value is True:
                return True
            if value is None:
                missing = True
        return None if missing else False

    return evaluate


def _not(operand: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        value = operand(env)
        return None if value is None else not value

    return evaluate


def _neg(operand: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        value = operand(env)
        return None if value is None else -value  # type: ignore[operator]

    return evaluate


def _arith(function: Callable[[float, float], float], left: Evaluator, right: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        a = left(env)
        b = right(env)
        if a is None or b is None:
            return None
        try:
            result = function(a, b)  # type: ignore[arg-type]
        except ZeroDivisionError:
            return None  # a ratio over nothing is unknown, not zero
        return result if math.isfinite(result) else None

    return evaluate


def _comparison(function: Callable[[object, object], bool], left: Evaluator, right: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        a = left(env)
        b = right(env)
        if a is None or b is None:
            return None
        return function(a, b)

    return evaluate


def _name_vs_constant(function: Callable[[object, object], bool], name: str, constant: Value) -> Evaluator:
    def evaluate(env: Env) -> Value:
        a = env.get(name)
        return None if a is None else function(a, constant)

    return evaluate


def _constant_vs_name(function: Callable[[object, object], bool], constant: Value, name: str) -> Evaluator:
    def evaluate(env: Env) -> Value:
        b = env.get(name)
        return None if b is None else function(constant, b)

    return evaluate


def _name_vs_name(function: Callable[[object, object], bool], left: str, right: str) -> Evaluator:
    def evaluate(env: Env) -> Value:
        a = env.get(left)
        b = env.get(right)
        return None if a is None or b is None else function(a, b)

    return evaluate


def _membership(left: Evaluator, values: Evaluator, *, negate: bool) -> Evaluator:
    def evaluate(env: Env) -> Value:
        a = left(env)
        if a is None:
            return None
        found = a in values(env)  # type: ignore[operator]
        return not found if negate else found

    return evaluate


def _known(operand: Evaluator) -> Evaluator:
    return lambda env: operand(env) is not None


def _coalesce(operand: Evaluator, default: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        value = operand(env)
        return default(env) if value is None else value

    return evaluate


def _numeric(function: Callable[..., float], arguments: Sequence[Evaluator]) -> Evaluator:
    if len(arguments) == 1:
        (argument,) = arguments

        def evaluate_one(env: Env) -> Value:
            value = argument(env)
            return None if value is None else float(function(value))

        return evaluate_one

    def evaluate(env: Env) -> Value:
        values = [argument(env) for argument in arguments]
        return None if None in values else float(function(*values))

    return evaluate


def _months_between(start: Evaluator, end: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        first, last = start(env), end(env)
        if first is None or last is None:
            return None
        return float(months_between(_day(first), _day(last)))

    return evaluate


def _day(value: Value) -> datetime.date:
    return datetime.date.fromisoformat(str(value))


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from *start* to *end*, negative when *end* comes first: 2024-01-15 to
    2024-03-14 is one month, to 2024-03-15 two."""
    if end < start:
        return -months_between(end, start)
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def _between(value: Evaluator, low: Evaluator, high: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        x, lo, hi = value(env), low(env), high(env)
        if x is None or lo is None or hi is None:
            return None
        return lo <= x <= hi  # type: ignore[operator]

    return evaluate


def _ramp(value: Evaluator, low: Evaluator, high: Evaluator) -> Evaluator:
    def evaluate(env: Env) -> Value:
        x, lo, hi = value(env), low(env), high(env)
        if x is None or lo is None or hi is None:
            return None
        return ramp(x, lo, hi)  # type: ignore[arg-type]

    return evaluate


def _between_constants(name: str, low: float, high: float) -> Evaluator:
    def evaluate(env: Env) -> Value:
        x = env.get(name)
        return None if x is None else low <= x <= high  # type: ignore[operator]

    return evaluate


def _ramp_constants(name: str, low: float, high: float) -> Evaluator:
    def evaluate(env: Env) -> Value:
        x = env.get(name)
        return None if x is None else ramp(x, low, high)  # type: ignore[arg-type]

    return evaluate


def ramp(x: float, low: float, high: float) -> float:
    """0 at or below *low*, 1 at or beyond *high*, linear between; reversed if low > high."""
    if low == high:
        return 1.0 if x >= high else 0.0
    fraction = (x - low) / (high - low)
    return min(1.0, max(0.0, fraction))


# --------------------------------------------------------------------------- helpers


def _refused_call(name: str | None) -> Message:
    allowed = ", ".join(_FUNCTIONS)
    if not name:
        return msg("this kind of call is not allowed (allowed functions: {allowed})", allowed=allowed)
    return msg(
        "function '{name}' is not allowed{hint} (allowed functions: {allowed})",
        name=name,
        hint=did_you_mean(name, _FUNCTIONS),
        allowed=allowed,
    )


def _wrong_arity(function: str, low: int, high: int, given: int) -> Message:
    if low == high:
        return nmsg(
            "{function}() takes {count} argument, got {given}",
            "{function}() takes {count} arguments, got {given}",
            low,
            function=function,
            given=given,
        )
    return msg(
        "{function}() takes {low} to {high} arguments, got {given}",
        function=function,
        low=low,
        high=high,
        given=given,
    )


def _or_else(either: Message, other: Message) -> Message:
    return msg("{either} or {other}", either=either, other=other)


def _too_deep() -> Message:
    return nmsg(
        "expression nested deeper than {count} level",
        "expression nested deeper than {count} levels",
        MAX_DEPTH,
    )


def _scan_tokens(source: str) -> tuple[int, Message | None]:
    """The deepest nesting of parentheses and brackets in *source* (outside string literals),
    and a problem if a name is not plain ASCII.

    Python reads ``ｆａｃｔｓ`` (full-width letters) as ``facts``: a rule could then say one
    thing on screen and do another, so names must be ASCII letters, digits and ``_``.
    """
    depth = deepest = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NAME and not token.string.isascii():
                odd = next(character for character in token.string if not character.isascii())
                what = unicodedata.name(odd, "unnamed")
                foreign = msg(
                    "name '{name}' holds U+{code:04X} ({character}); names are ASCII letters, digits and _",
                    name=token.string,
                    code=ord(odd),
                    character=what,
                )
                return deepest, msg("col {column}: {message}", column=token.start[1] + 1, message=foreign)
            if token.type == tokenize.OP and token.string in ("(", "["):
                depth += 1
                deepest = max(deepest, depth)
            elif token.type == tokenize.OP and token.string in (")", "]"):
                depth -= 1
    except (tokenize.TokenError, SyntaxError):
        pass  # the source parsed already: the tree's own depth check still applies
    return deepest, None


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _op_name(op: ast.boolop) -> str:
    return "and" if isinstance(op, ast.And) else "or"


Reading = tuple[str, Value, Value, bool | None]  # an atom's text, left value, right value, outcome


@attrs.frozen
class _AtomSpec:
    """How to re-evaluate one comparison or boolean leaf for evidence, compiled once."""

    text: str
    left: Evaluator
    right: Evaluator | None = None  # None: a boolean leaf (a name or a call)
    test: Callable[[object, object], bool] | None = None
    options: frozenset[Value] | None = None  # for `in` / `not in`
    negate: bool = False
    shown: str = attrs.field(init=False)  # the options as evidence shows them

    @shown.default
    def _shown(self) -> str:
        if self.options is None:
            return ""
        return "[" + ", ".join(sorted(_show(option) for option in self.options)) + "]"

    def read(self, env: Env) -> Reading:
        a = self.left(env)
        if self.options is not None:
            return self.text, a, self.shown, None if a is None else (a in self.options) != self.negate
        if self.right is None or self.test is None:
            return self.text, a, None, a if a.__class__ is bool else None
        b = self.right(env)
        return self.text, a, b, None if a is None or b is None else self.test(a, b)


def _atom_specs(node: ast.expr, symbols: Mapping[str, SymbolType], found: list[_AtomSpec]) -> None:
    """The comparisons and boolean leaves of a checked expression, in reading order."""
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _atom_specs(value, symbols, found)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _atom_specs(node.operand, symbols, found)
    elif isinstance(node, ast.Compare):
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            text = f"{ast.unparse(left)} {_OP_TEXT[type(op)]} {ast.unparse(right)}"
            _, left_eval = _Compiler(symbols).compile(left, 1)
            if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.List | ast.Tuple):
                options = frozenset(
                    _literal(element) for element in right.elts if isinstance(element, ast.Constant)
                )
                found.append(_AtomSpec(text, left_eval, options=options, negate=isinstance(op, ast.NotIn)))
            else:
                _, right_eval = _Compiler(symbols).compile(right, 1)
                found.append(_AtomSpec(text, left_eval, right=right_eval, test=_COMPARE[type(op)]))
            left = right
    elif _is_default_to_constant(node):
        # coalesce(<condition>, true): the condition is the evidence (its own values, shown
        # unknown when they are); the default is the rule's choice, not an observation
        _atom_specs(node.args[0], symbols, found)  # type: ignore[attr-defined]
    elif isinstance(node, ast.Call | ast.Name | ast.Attribute):
        _, evaluate = _Compiler(symbols).compile(node, 1)
        found.append(_AtomSpec(ast.unparse(node), evaluate))


def _is_default_to_constant(node: ast.expr) -> bool:
    """``coalesce(<a comparison or a boolean operation>, <constant>)`` (``true`` included)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "coalesce"
        and len(node.args) == 2
        and isinstance(node.args[0], ast.Compare | ast.BoolOp)
        and (
            isinstance(node.args[1], ast.Constant)
            or (isinstance(node.args[1], ast.Name) and node.args[1].id in _LITERAL_NAMES)
        )
    )


def _literal(node: ast.Constant) -> Value:
    value = node.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value if isinstance(value, str | bool) else None
