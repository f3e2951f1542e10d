"""Evidence and missing data in plain words, built from the questionnaire's own labels.

A rule's comparison (``client.service_quality <= 3.0``) becomes what was observed ("Client
average on Service performance vs perceived quality: 2.64/5") and the condition it was
held against ("at most 3/5"). Nothing here knows a pattern: the subject of a name comes
from the table of the rule vocabulary in :mod:`texts` and the questionnaire's labels
(dimensions, facts, their units and choices); the comparison from its operator; the way a
value reads from the kind of name it is. A condition this cannot read (arithmetic, a
function other than the rule language's own) is shown as written.
"""

from __future__ import annotations

import ast
import enum
import re
from collections.abc import Sequence

import attrs

from vendormaturity.i18n import N_, tr
from vendormaturity.model.questionnaire import Fact, Phase, Questionnaire
from vendormaturity.model.result import AssessmentResult, Evidence
from vendormaturity.render.texts import (
    colon,
    fact_number,
    label,
    name,
    number,
    percent,
    short,
    signed,
    subject,
)

__all__ = ["Observation", "Plain"]


class _Kind(enum.Enum):
    """How a value of a name reads."""

    SCALE = "scale"  # a mean on the scoring range: 2.64/5
    SIGNED = "signed"  # a gap or a change: +0.50, −1.20
    NUMBER = "number"  # a spread, an agreement: 0.38
    PERCENT = "percent"  # a share: 96%
    COUNT = "count"  # people, assessments, actions: 3
    PHASE = "phase"  # a phase's name
    FACT = "fact"  # as the fact's type and unit say


# The kind of each name of the rule language (``*``: a dimension id or a phase).
_KINDS: dict[str, _Kind] = {
    **dict.fromkeys(("client.*", "supplier.*", "overall.*"), _Kind.SCALE),
    **{
        f"summary.{side}_{what}": _Kind.SCALE
        for side in ("client", "supplier", "overall")
        for what in ("mean", "min")
    },
    **dict.fromkeys(("gap.*", "delta.client.*", "delta.supplier.*", "delta.overall.*"), _Kind.SIGNED),
    **{f"delta.summary.{side}_mean": _Kind.SIGNED for side in ("client", "supplier", "overall")},
    "summary.max_gap": _Kind.SIGNED,
    **dict.fromkeys(("client_sd.*", "supplier_sd.*", "client_rwg.*", "supplier_rwg.*"), _Kind.NUMBER),
    **dict.fromkeys(("summary.max_abs_gap", "summary.max_client_sd"), _Kind.NUMBER),
    **dict.fromkeys(
        (
            "coverage.*",
            "summary.dont_know_ratio",
            "followup.closed_ratio",
            "followup.not_started_ratio",
            "phase.*",
            "phase.margin",
            "phase.confidence",
        ),
        _Kind.PERCENT,
    ),
    **dict.fromkeys(
        (
            "summary.client_respondents",
            "summary.supplier_respondents",
            "dim.client_respondents",
            "dim.supplier_respondents",
            "history.count",
            "history.norming_streak",
            "history.storming_norming_switches",
            "trend.norming_streak",
            "trend.storming_norming_switches",
            "followup.planned",
            "followup.reported",
            "followup.stale",
        ),
        _Kind.COUNT,
    ),
    **dict.fromkeys(("phase.current", "history.previous_phase", "baseline.phase"), _Kind.PHASE),
}
# ``dim.<name>`` in a dimension-scoped pattern is ``<family>.<the dimension>``
_DIM_FAMILY = {"delta_client": "delta.client"}
_MISSING_IN = re.compile(r"^(?P<name>\S+) \((?P<dimension>[^)]+)\)$")  # "dim.gap (trust)"
_FUNCTIONS = {"between": 3, "ramp": 3, "known": 1}  # calls that are a condition of their own
# How each comparison reads, with ``{value}`` the threshold in its subject's terms.
_OPERATORS = {
    ast.GtE: N_("at least {value}"),
    ast.LtE: N_("at most {value}"),
    ast.Gt: N_("more than {value}"),
    ast.Lt: N_("less than {value}"),
    ast.Eq: "{value}",
    ast.NotEq: N_("other than {value}"),
    ast.In: N_("one of: {value}"),
    ast.NotIn: N_("none of: {value}"),
}
_RANGES = {"between": N_("between {low} and {high}"), "ramp": N_("graded from {low} to {high}")}

Scalar = float | bool | str | None


@attrs.frozen
class Observation:
    """One comparison of a rule, read aloud: what was seen, against what, and whether it held."""

    seen: str  # "Client average on Trust and transparency: 2.40/5"
    condition: str  # "at most 3/5"; "" for a yes-or-no fact that is its own condition
    readable: bool  # False: the condition could not be put in words, ``seen`` is the rule text


@attrs.frozen
class _Subject:
    words: str
    kind: _Kind
    fact: Fact | None = None
    key: str | None = None  # the name, for a value read from the result


class Plain:
    """Plain-word readings of one result's evidence, in one language."""

    def __init__(self, result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> None:
        self.result, self.lang = result, lang
        self.dimensions = {d.dimension: label(d.label, lang) for d in result.dimensions}
        self.facts = {fact.id: fact for fact in questionnaire.facts} if questionnaire else {}
        self.triggers = (
            {trigger.id: label(trigger.label, lang) for trigger in questionnaire.triggers}
            if questionnaire
            else {}
        )
        self.high = questionnaire.scoring.range[1] if questionnaire else 5.0

    # ------------------------------------------------------------------ public

    def observation(self, evidence: Evidence) -> Observation:
        """What *evidence* saw, and the condition it was compared with, in words."""
        try:
            node = ast.parse(evidence.condition, mode="eval").body
        except SyntaxError:
            return Observation(evidence.condition, "", readable=False)
        dimension = evidence.dimension
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            found = self._subject(node.left, dimension)
            op = _OPERATORS.get(type(node.ops[0]))
            if found is not None and op is not None:
                threshold = self._operand(node.comparators[0], found, evidence.threshold, dimension)
                if threshold is not None:
                    seen = self._seen(found, evidence.value)
                    return Observation(seen, tr(op, self.lang, value=threshold), readable=True)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS:
            reading = self._call(node.func.id, node.args, dimension)
            if reading is not None:
                return reading
        else:
            found = self._subject(node, dimension)
            if found is not None:
                return Observation(self._seen(found, evidence.value), "", readable=True)
        return Observation(evidence.condition, "", readable=False)

    def missing(self, missing_name: str) -> str:
        """A name a rule missed (``facts.age_months``, ``dim.gap (trust)``), in words."""
        matched = _MISSING_IN.match(missing_name)
        dimension = matched["dimension"] if matched else None
        key = matched["name"] if matched else missing_name
        try:
            node = ast.parse(key, mode="eval").body
        except SyntaxError:
            return missing_name
        found = self._subject(node, dimension)
        return missing_name if found is None else found.words

    def sentence(self, observations: Sequence[Observation]) -> str:
        """Observations as one sentence: "A: x (at least y); B: z"."""
        parts = [f"{o.seen} ({o.condition})" if o.condition else o.seen for o in observations]
        return tr("; ", self.lang).join(parts)

    # ------------------------------------------------------------------ subjects

    def _subject(self, node: ast.expr, dimension: str | None) -> _Subject | None:
        """What an expression stands for, or None when it is not a plain name of the rule language."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self._wrapped(node.func.id, node.args, dimension)
        counted = _comment_counts(node)
        if counted is not None:
            return self._comments(counted)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub):
            left, right = self._subject(node.left, dimension), self._subject(node.right, dimension)
            if left is None or right is None or left.kind is not right.kind:
                return None
            words = tr(
                "{left} minus {right}",
                self.lang,
                left=left.words,
                right=right.words[:1].lower() + right.words[1:],
            )
            return _Subject(words, _Kind.SIGNED if left.kind is _Kind.SCALE else left.kind, left.fact)
        dotted = _dotted(node)
        if dotted is None:
            return None
        family, _, key = dotted.partition(".")
        if family == "facts":
            fact = self.facts.get(key)
            words = label(fact.label, self.lang) if fact else key
            return _Subject(words, _Kind.FACT, fact)
        if family == "dim" and dimension is not None:
            own = f"dim.{key}"
            if own in _KINDS:
                return self._named(own, dimension, None)
            return self._named(f"{_DIM_FAMILY.get(key, key)}.*", dimension, f"{key}.{dimension}")
        head, _, last = dotted.rpartition(".")
        if dotted in _KINDS:
            return self._named(dotted, None, dotted)
        if f"{head}.*" in _KINDS:
            if head == "phase":
                return self._named("phase.*", None, dotted, phase=name("phase", last, self.lang))
            return self._named(f"{head}.*", last, dotted)
        return None

    def _comments(self, counted: list[tuple[str, str]]) -> _Subject:
        """``comments.client.x + comments.supplier.x``: the respondents who wrote of x, by side."""
        triggers = list(dict.fromkeys(trigger for _, trigger in counted))
        named = tr(", ", self.lang).join(
            tr("“{trigger}”", self.lang, trigger=self.triggers.get(trigger, trigger)) for trigger in triggers
        )
        sides = {side for side, _ in counted}
        if sides == {"client"}:
            words = tr("Client respondents who wrote of {triggers}", self.lang, triggers=named)
        elif sides == {"supplier"}:
            words = tr("Supplier respondents who wrote of {triggers}", self.lang, triggers=named)
        else:
            words = tr("Respondents who wrote of {triggers}", self.lang, triggers=named)
        return _Subject(words, _Kind.COUNT)

    def _named(self, key: str, dimension: str | None, full: str | None, **values: str) -> _Subject | None:
        if dimension is not None:
            values["dimension"] = self.dimensions.get(dimension, dimension)
        words = subject(key, self.lang, **values)
        return None if words is None else _Subject(words, _KINDS[key], key=full)

    def _wrapped(self, function: str, args: list[ast.expr], dimension: str | None) -> _Subject | None:
        """``abs(x)`` and ``coalesce(x, d)``: the subject of x, said so."""
        if function == "abs" and len(args) == 1:
            inner = self._subject(args[0], dimension)
            if inner is None:
                return None
            kind = _Kind.NUMBER if inner.kind is _Kind.SIGNED else inner.kind
            return _Subject(tr("{subject}, either way", self.lang, subject=inner.words), kind, inner.fact)
        if function == "coalesce" and len(args) == 2:
            inner = self._subject(args[0], dimension)
            default = None if inner is None else self._constant(args[1], inner)
            if inner is None or default is None:
                return None
            words = tr(
                "{subject} (counted as {value} if unknown)", self.lang, subject=inner.words, value=default
            )
            return _Subject(words, inner.kind, inner.fact)
        if function in ("min", "max") and len(args) >= 2:
            found = [self._subject(arg, dimension) for arg in args]
            each = [subject for subject in found if subject is not None]
            first = each[0] if each else None
            if first is None or len(each) < len(found) or any(one.kind is not first.kind for one in each):
                return None
            items = [one.words for one in each]
            listed = tr(", ", self.lang).join(items[:-1])
            template = (
                N_("The lower of {items} and {last}")
                if function == "min"
                else N_("The higher of {items} and {last}")
            )
            words = tr(template, self.lang, items=_lowered(listed), last=_lowered(items[-1]))
            return _Subject(words, first.kind, first.fact)
        return None

    # ------------------------------------------------------------------ values

    def _seen(self, found: _Subject, value: Scalar) -> str:
        return f"{found.words}{colon(self.lang)}{self._value(value, found)}"

    def _call(self, function: str, args: list[ast.expr], dimension: str | None) -> Observation | None:
        """``between(x, lo, hi)``, ``ramp(x, lo, hi)``, ``known(x)``: x's value from the result."""
        if len(args) != _FUNCTIONS[function]:
            return None
        found = self._subject(args[0], dimension)
        if found is None:
            return None
        bounds = [self._constant(arg, found) for arg in args[1:]]
        if None in bounds:
            return None
        value = self._lookup(found)
        seen = found.words if value is None else self._seen(found, value)
        if function == "known":
            return Observation(seen, tr("known", self.lang), readable=True)
        return Observation(
            seen, tr(_RANGES[function], self.lang, low=bounds[0], high=bounds[1]), readable=True
        )

    def _operand(self, node: ast.expr, found: _Subject, value: Scalar, dimension: str | None) -> str | None:
        """The right side of a comparison: constants in the left side's terms, or another name."""
        constant = self._constant(node, found)
        if constant is not None:
            return constant
        if isinstance(node, ast.List | ast.Tuple):
            shown = [self._constant(element, found) for element in node.elts]
            if None in shown:
                return None
            return ", ".join(str(item) for item in shown)
        other = self._subject(node, dimension)
        return None if other is None else self._seen(other, value)

    def _constant(self, node: ast.expr, found: _Subject) -> str | None:
        """A constant of a condition in the terms of its subject (a fact's unit is left to the value)."""
        if found.kind is _Kind.FACT and found.fact is not None and found.fact.unit and not found.fact.percent:
            found = _Subject(found.words, _Kind.FACT, None)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = node.operand
            if isinstance(inner, ast.Constant) and isinstance(inner.value, int | float):
                return self._value(-float(inner.value), found, constant=True)
        if isinstance(node, ast.Name) and node.id in ("true", "false"):  # the rule language's booleans
            return self._value(node.id == "true", found, constant=True)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool):
            value = node.value
            return self._value(float(value) if type(value) is int else value, found, constant=True)
        return None

    def _value(self, value: Scalar, found: _Subject, *, constant: bool = False) -> str:
        """A value as its kind reads: 2.64/5, +0.50, 96%, 51 months, Strategic, yes.

        A measured mean shows two decimals, as the dimension table does; a rule's constant
        no more than it was written with (3/5, 2.5/5)."""
        lang = self.lang
        if value is None:
            return tr("unknown", lang)
        if isinstance(value, bool):
            return tr("yes", lang) if value else tr("no", lang)
        if isinstance(value, str):
            return self._word(value, found)
        kind = found.kind
        if kind is _Kind.SCALE:
            shown = short(value, lang) if constant else number(value, lang)
            return f"{shown}/{short(self.high, lang)}"
        if kind is _Kind.SIGNED:
            return signed(value, lang)
        if kind is _Kind.PERCENT:
            return percent(value, lang)
        if kind is _Kind.FACT:
            return fact_number(value, found.fact, lang)
        return short(value, lang) if constant or kind is not _Kind.NUMBER else number(value, lang)

    def _word(self, value: str, found: _Subject) -> str:
        """A text value: a phase's name, a fact's choice label."""
        if found.kind is _Kind.PHASE and value in Phase._value2member_map_:
            return name("phase", value, self.lang)
        if found.fact is not None:
            for choice in found.fact.choices or ():
                if choice.value == value:
                    return label(choice.label, self.lang)
        return value

    def _lookup(self, found: _Subject) -> Scalar:
        """The value of a name the result itself holds (dimension means and gaps, the summary)."""
        key = found.key
        if key is None:
            return None
        family, _, rest = key.partition(".")
        if family == "summary":
            return self.result.summary.get(rest)
        for dimension in self.result.dimensions:
            if dimension.dimension == rest:
                if family == "gap":
                    return dimension.gap
                if family in ("client", "supplier", "overall"):
                    side = getattr(dimension, family)
                    return side.mean  # type: ignore[no-any-return]
        return None


def _comment_counts(node: ast.expr) -> list[tuple[str, str]] | None:
    """The (side, trigger) of each ``comments.<side>.<trigger>`` a sum of them adds; None if it is not one."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _comment_counts(node.left), _comment_counts(node.right)
        return None if left is None or right is None else [*left, *right]
    parts = (_dotted(node) or "").split(".")
    if len(parts) == 3 and parts[0] == "comments":
        return [(parts[1], parts[2])]
    return None


def _lowered(words: str) -> str:
    """*words* inside a sentence: its first letter small ("Client average" → "client average")."""
    return words[:1].lower() + words[1:]


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None
