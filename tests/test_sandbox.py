"""The expression sandbox: known escapes from Python expression sandboxes are refused at compile time.

Rules in questionnaires are data written by someone else. Each payload below is an escape
that worked against eval-based sandboxes (simpleeval, asteval and others) or a way to make
a parser work too hard. Each must be refused by :func:`compile_expression` with an
:class:`ExpressionError` whose messages a questionnaire author can read; and nothing the
compiler or a compiled rule does may run ``eval``, ``exec``, a process or a file.
"""

from __future__ import annotations

import builtins
import contextlib
import sys
from collections.abc import Iterator

import pytest

from vendormaturity.errors import ExpressionError
from vendormaturity.rules.expressions import Kind, SymbolType, compile_expression

SYMBOLS = {
    "facts.ratio": SymbolType.number(),
    "client.trust": SymbolType.number(),
    "facts.exit": SymbolType.boolean(),
    "facts.segment": SymbolType.string(["strategic", "leverage"]),
}

ALLOWED = " (allowed functions: abs, between, coalesce, known, max, min, months_between, ramp)"

PAYLOADS = [
    pytest.param(
        "facts.ratio.__class__",
        ("col 1: name 'facts.ratio.__class__' is not allowed (names cannot start with '_')",),
        id="dunder-attribute",
    ),
    pytest.param(
        "__class__",
        ("col 1: name '__class__' is not allowed (names cannot start with '_')",),
        id="dunder-name",
    ),
    pytest.param(
        "().__class__.__mro__[1].__subclasses__()",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="subclasses-walk",
    ),
    pytest.param(
        "''.__class__.__mro__[-1].__subclasses__()",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="subclasses-via-string",
    ),
    pytest.param(
        "__builtins__",
        ("col 1: name '__builtins__' is not allowed (names cannot start with '_')",),
        id="builtins-name",
    ),
    pytest.param(
        "__builtins__['eval']('1')",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="builtins-subscript",
    ),
    pytest.param(
        "(x for x in ()).gi_frame.f_globals",
        ("col 1: attribute access is only allowed on declared names",),
        id="generator-frame",
    ),
    pytest.param(
        '"{0.__class__}".format(1)',
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="format-string",
    ),
    pytest.param(
        "__import__('os').system('true')",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="import-system",
    ),
    pytest.param(
        "eval('1')",
        ("col 1: function 'eval' is not allowed" + ALLOWED,),
        id="eval-call",
    ),
    pytest.param(
        "exec('x = 1')",
        ("col 1: function 'exec' is not allowed" + ALLOWED,),
        id="exec-call",
    ),
    pytest.param(
        "open('/etc/passwd').read()",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="open-call",
    ),
    pytest.param(
        "getattr(facts, 'ratio')",
        ("col 1: function 'getattr' is not allowed" + ALLOWED,),
        id="getattr-call",
    ),
    pytest.param(
        "(lambda: 1)()",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="lambda",
    ),
    pytest.param(
        "[x for x in [1, 2]]",
        ("col 1: comprehensions are not allowed",),
        id="list-comprehension",
    ),
    pytest.param(
        "{x for x in [1]}",
        ("col 1: comprehensions are not allowed",),
        id="set-comprehension",
    ),
    pytest.param(
        "{x: 1 for x in [1]}",
        ("col 1: comprehensions are not allowed",),
        id="dict-comprehension",
    ),
    pytest.param(
        "(x := 1) > 0",
        ("col 2: assignment expressions (:=) are not allowed",),
        id="walrus",
    ),
    pytest.param(
        "max(*[1, 2]) > 0",
        ("col 5: starred expressions are not allowed", "col 1: max() takes 2 to 8 arguments, got 1"),
        id="starred",
    ),
    pytest.param(
        "max(**{'a': 1}) > 0",
        ("col 1: max() takes no keyword arguments",),
        id="double-starred",
    ),
    pytest.param(
        "facts.ratio[0] > 1",
        ("col 1: subscripts are not allowed",),
        id="subscript",
    ),
    pytest.param(
        "'abc'[0:1] == 'a'",
        ("col 1: subscripts are not allowed",),
        id="slice",
    ),
    pytest.param(
        "(1).real > 0",
        ("col 1: attribute access is only allowed on declared names",),
        id="attribute-on-literal",
    ),
    pytest.param(
        "'a'.upper() == 'A'",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="attribute-on-string",
    ),
    pytest.param(
        "facts.segment.upper() == 'STRATEGIC'",
        ("col 1: function 'facts.segment.upper' is not allowed" + ALLOWED,),
        id="method-on-name",
    ),
    pytest.param(
        "f'{facts.ratio}' == '1'",
        ("col 1: f-strings are not allowed",),
        id="f-string",
    ),
    pytest.param(
        "f'{().__class__}' == ''",
        ("col 1: f-strings are not allowed",),
        id="f-string-dunder",
    ),
    pytest.param(
        "b'abc' == 'abc'",
        ("col 1: constant b'abc' is not allowed",),
        id="bytes-literal",
    ),
    pytest.param(
        "facts.ratio == 1j",
        ("col 16: constant 1j is not allowed",),
        id="complex-number",
    ),
    pytest.param(
        "facts.exit == ...",
        ("col 15: constant Ellipsis is not allowed",),
        id="ellipsis",
    ),
    pytest.param(
        "facts.ratio == None",
        ("col 16: constant None is not allowed",),
        id="none",
    ),
    pytest.param(
        "max(1, 2, key=abs) > 0",
        ("col 1: max() takes no keyword arguments",),
        id="keyword-argument",
    ),
    pytest.param(
        "facts.ratio(1) > 0",
        ("col 1: function 'facts.ratio' is not allowed" + ALLOWED,),
        id="call-a-symbol",
    ),
    pytest.param(
        "min(1, 2)(3) > 0",
        ("col 1: this kind of call is not allowed" + ALLOWED,),
        id="call-a-call",
    ),
    pytest.param(
        "1 if facts.exit else 0",
        ("col 1: conditional expressions (x if c else y) are not allowed",),
        id="conditional-expression",
    ),
    pytest.param(
        "{'a': 1} == {'a': 1}",
        ("col 1: dict literals are not allowed", "col 13: dict literals are not allowed"),
        id="dict-literal",
    ),
    pytest.param(
        "{1} == {1}",
        ("col 1: set literals are not allowed", "col 8: set literals are not allowed"),
        id="set-literal",
    ),
    pytest.param(
        "(1, 2) == (1, 2)",
        (
            "col 1: a list is only allowed on the right of 'in'",
            "col 11: a list is only allowed on the right of 'in'",
        ),
        id="tuple-equality",
    ),
    pytest.param(
        "await facts.ratio",
        ("col 1: await is not allowed",),
        id="await",
    ),
    pytest.param(
        "(yield 1)",
        ("col 2: yield is not allowed",),
        id="yield",
    ),
    pytest.param(
        "facts.ratio is None",
        ("col 1: 'is' comparisons are not allowed; use == or !=",),
        id="is-comparison",
    ),
    pytest.param(
        "facts.ratio ** 2 > 1",
        ("col 1: only + - * / are allowed as arithmetic operators",),
        id="power",
    ),
    pytest.param(
        "facts.ratio // 2 > 1",
        ("col 1: only + - * / are allowed as arithmetic operators",),
        id="floor-division",
    ),
    pytest.param(
        "facts.ratio % 2 > 1",
        ("col 1: only + - * / are allowed as arithmetic operators",),
        id="modulo",
    ),
    pytest.param(
        "facts.exit | true",
        ("col 1: only + - * / are allowed as arithmetic operators",),
        id="bitwise-or",
    ),
    pytest.param(
        "~1 > 0",
        ("col 1: bitwise operators are not allowed",),
        id="bitwise-invert",
    ),
    pytest.param(
        "import os",
        ("col 1: syntax error: invalid syntax",),
        id="statement",
    ),
    pytest.param(
        "x = 1",
        ("col 3: syntax error: invalid syntax",),
        id="assignment",
    ),
    pytest.param(
        "true; import os",
        ("col 5: syntax error: invalid syntax",),
        id="semicolon",
    ),
    pytest.param(
        "true\nimport os",
        ("col 1: syntax error: invalid syntax",),
        id="newline-statement",
    ),
    pytest.param(
        "facts.ratio < 1e400",
        ("col 15: number inf is not finite",),
        id="infinite-literal",
    ),
    pytest.param(
        "(" * 100 + "facts.exit" + ")" * 100,
        ("expression nested deeper than 12 levels",),
        id="parentheses-100-deep",
    ),
    pytest.param(
        "(" * 300 + "facts.exit" + ")" * 300,
        ("expression is 610 characters long, the limit is 500",),
        id="parentheses-300-deep",
    ),
    pytest.param(
        "not " * 1000 + "facts.exit",
        ("expression is 4010 characters long, the limit is 500",),
        id="not-1000-deep",
    ),
    pytest.param(
        "not " * 100 + "facts.exit",
        ("col 49: expression nested deeper than 12 levels",),
        id="not-100-deep",
    ),
    pytest.param(
        "1" + "+1" * 240 + " > 0",
        (
            "col 1: expression nested deeper than 12 levels",
            "col 461: expression nested deeper than 12 levels",
        ),
        id="addition-chain",
    ),
    pytest.param(
        " and ".join(["facts.exit"] * 100),
        ("expression is 1495 characters long, the limit is 500",),
        id="and-chain-long",
    ),
    pytest.param(
        "-" * 400 + "1 > 0",
        ("col 12: expression nested deeper than 12 levels",),
        id="unary-minus-chain",
    ),
    pytest.param(
        "facts.ratoi > 0.5",
        ("col 1: unknown name 'facts.ratoi' (did you mean 'facts.ratio'?)",),
        id="unknown-name",
    ),
    pytest.param(
        "facts._secret > 0",
        ("col 1: name 'facts._secret' is not allowed (names cannot start with '_')",),
        id="private-name",
    ),
    pytest.param(
        "facts.exit\x00",
        ("syntax error: source code string cannot contain null bytes",),
        id="null-byte",
    ),
    pytest.param(
        "fаcts.ratio > 0",
        (
            "col 1: name 'fаcts' holds U+0430 (CYRILLIC SMALL LETTER A); "
            "names are ASCII letters, digits and _",
        ),
        id="unicode-name",
    ),
    pytest.param(
        "",
        ("expression is empty",),
        id="empty",
    ),
    pytest.param(
        "   ",
        ("expression is empty",),
        id="whitespace",
    ),
    pytest.param(
        "lambda: 1",
        ("col 1: lambda is not allowed",),
        id="lambda-bare",
    ),
    pytest.param(
        "facts.ratio < 1" + "0" * 400,
        (f"col 15: number 1{'0' * 400} is too large",),
        id="huge-integer-literal",
    ),
    pytest.param(
        "facts.ratio in [1, 2] < 3",
        ("col 1: 'in' must end a comparison; use 'and' to add another",),
        id="chained-in",
    ),
    pytest.param(
        "min(facts.ratio) > 1",
        ("col 1: min() takes 2 to 8 arguments, got 1",),
        id="min-of-one",
    ),
    pytest.param(
        "[1] == [1]",
        (
            "col 1: a list is only allowed on the right of 'in'",
            "col 8: a list is only allowed on the right of 'in'",
        ),
        id="list-on-left",
    ),
    pytest.param(
        "globals()",
        ("col 1: function 'globals' is not allowed" + ALLOWED,),
        id="globals-call",
    ),
    pytest.param(
        "breakpoint()",
        ("col 1: function 'breakpoint' is not allowed" + ALLOWED,),
        id="breakpoint-call",
    ),
    pytest.param(
        "'__cla' + 'ss__' == '__class__'",
        (
            "col 1: arithmetic needs numbers, got a string",
            "col 11: arithmetic needs numbers, got a string",
            "col 1: cannot compare a number with a string",
        ),
        id="string-concat-dunder",
    ),
    pytest.param(
        "min((x for x in [1]), 2) > 0",
        ("col 5: generator expressions are not allowed",),
        id="generator-in-call",
    ),
    pytest.param(
        "facts.ratio > 0.5 or " * 24 + "facts.ratio > 0.00005",
        ("expression is 525 characters long, the limit is 500",),
        id="too-long-501",
    ),
]


@pytest.mark.parametrize(("payload", "messages"), PAYLOADS)
def test_an_escape_payload_is_refused_with_a_readable_message(
    payload: str, messages: tuple[str, ...]
) -> None:
    """The payload raises ExpressionError at compile time, naming what is not allowed."""
    with pytest.raises(ExpressionError) as raised:
        compile_expression(payload, SYMBOLS, expect=(Kind.BOOLEAN, Kind.NUMBER))

    assert messages == raised.value.messages
    assert all("\n" not in message and "Traceback" not in message for message in raised.value.messages)


# --------------------------------------------------------------------------- no eval, no exec

_EVENTS: list[str] | None = None  # audit events seen while a check listens; None: not listening
_DANGEROUS = (
    "exec",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "subprocess.Popen",
    "open",
    "ctypes",
)


def _audit(event: str, args: tuple[object, ...]) -> None:
    del args
    if _EVENTS is not None and event.startswith(_DANGEROUS):
        _EVENTS.append(event)


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only records while listening


@pytest.fixture
def dangerous_events(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make eval and exec raise, and record the audit events that would run code, a process or a file."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("eval or exec was called")

    global _EVENTS  # noqa: PLW0603 - the audit hook is process-wide, so is its switch
    for source in [*SAFE_RULES, *(str(param.values[0]) for param in PAYLOADS)]:
        # first use may import modules (which runs their code): not what is checked here
        with contextlib.suppress(ExpressionError):
            compile_expression(source, SYMBOLS, expect=(Kind.BOOLEAN, Kind.NUMBER))({})
    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    _EVENTS = []
    try:
        yield _EVENTS
    finally:
        _EVENTS = None


SAFE_RULES = [
    "facts.ratio >= 0.9 and client.trust <= 3.0",
    "not facts.exit or facts.segment in ['strategic']",
    "ramp(client.trust, 2, 4) * 0.5 + abs(facts.ratio - 1) / 2",
    "between(coalesce(facts.ratio, 0), 0.2, 0.8) and known(client.trust)",
    "min(facts.ratio, 1, client.trust) < max(2, 3) != 4",
]


@pytest.mark.parametrize("source", SAFE_RULES)
def test_compiling_and_evaluating_never_calls_eval_or_exec(source: str, dangerous_events: list[str]) -> None:
    """A rule compiles, evaluates and explains itself with eval and exec disabled and no code object run."""
    compiled = compile_expression(source, SYMBOLS, expect=(Kind.BOOLEAN, Kind.NUMBER))
    environments: list[dict[str, float | bool | str | None]] = [
        {},
        {"facts.ratio": 0.5, "client.trust": 3.5, "facts.exit": False, "facts.segment": "strategic"},
    ]
    for env in environments:
        compiled(env)
        compiled.atoms(env)

    assert [] == dangerous_events


def test_refusing_every_payload_runs_nothing(dangerous_events: list[str]) -> None:
    """Refusing the escape payloads never calls eval or exec, runs no code object, opens no file."""
    for param in PAYLOADS:
        with pytest.raises(ExpressionError):
            compile_expression(str(param.values[0]), SYMBOLS)

    assert [] == dangerous_events
