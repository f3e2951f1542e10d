"""Hypothesis strategies: valid questionnaires, matching response sets and histories.

Questionnaires are drawn as plain dicts (what a TOML file parses to) with random
dimensions, scales with missing codes, questions with sides, reverse keying, weights and
relevance conditions, typed facts, phase rules giving every phase a positive rule,
patterns and actions. Response sets are drawn against a loaded questionnaire so that
every answer is on its scale, on the respondent's side and relevant.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

import vendormaturity as vm
from vendormaturity.model.questionnaire import Fact, FactType

__all__ = [
    "Case",
    "cases",
    "questionnaire_documents",
    "response_documents",
]

Document = dict[str, Any]

PHASES = ("forming", "storming", "norming", "performing", "adjourning")
STAGE_PHASES = PHASES[:4]
SIDES = ("client", "supplier", "both")
STAGES = ("pre_deal", "operational", "post_deal")
SEVERITIES = ("low", "medium", "high", "critical")
OWNERS = ("client", "supplier", "joint")
HORIZONS = ("short", "medium", "renewal")
MISSING_CODES = ("dk", "na", "refused")
FACT_TYPES = ("number", "integer", "boolean", "choice")
STATUSES = ("done", "in_progress", "not_started", "dropped")
TODAY = datetime.date(2026, 6, 30)

# Small, readable numbers for thresholds and bounds: rules compare against them.
numbers = st.integers(-20, 120).map(lambda n: n / 4)
weights = st.one_of(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0]), st.floats(0.01, 50.0))


def _number(value: float) -> str:
    return repr(float(value))


TEXT = st.text(min_size=1, max_size=12)
SLUGS = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


@functools.cache
def _labels(languages: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(dict.fromkeys(languages, TEXT))


def labels(languages: list[str]) -> st.SearchStrategy[dict[str, str]]:
    """A label giving one non-empty text per declared language."""
    return _labels(tuple(languages))


@st.composite
def _scale(draw: st.DrawFn, index: int, languages: list[str]) -> Document:
    values: list[float]
    if draw(st.booleans()):
        start = draw(st.integers(-3, 3))
        count = draw(st.integers(2, 11))
        values = [float(start + step) for step in range(count)]
    else:
        raw = draw(st.lists(st.floats(-50, 50, allow_nan=False), min_size=2, max_size=7, unique=True))
        values = sorted(raw)
    codes = draw(st.lists(st.sampled_from(MISSING_CODES), unique=True, max_size=2))
    label = draw(labels(languages))
    return {
        "id": f"scale{index}",
        "label": label,
        "choices": [
            {
                "value": int(value) if value.is_integer() and abs(value) < 1e15 else value,
                "label": {language: f"{text} {position}" for language, text in label.items()},
            }
            for position, value in enumerate(values)
        ],
        "missing": [{"code": code, "label": draw(labels(languages))} for code in codes],
    }


def _bands(
    cuts: Sequence[float], low: float, high: float, languages: list[str]
) -> st.SearchStrategy[list[Document]]:
    edges = [low, *sorted(set(cuts)), high]
    return st.tuples(*(labels(languages) for _ in edges[1:])).map(
        lambda texts: [
            {"id": f"band{index}", "label": text, "min": edges[index], "max": edges[index + 1]}
            for index, text in enumerate(texts)
        ]
    )


@attrs.frozen
class _Names:
    """What a rule may refer to, to draw expressions that compile."""

    dimensions: list[str]
    facts: list[Document]
    low: float
    high: float


OPERATORS = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])
EIGHTHS = st.integers(0, 8)
# Templates of conditions; {d} is a dimension, {op} an operator, {t} a threshold on the range.
SCORE_ATOMS = st.sampled_from(
    [
        "client.{d} {op} {t}",
        "supplier.{d} {op} {t}",
        "overall.{d} {op} {t}",
        "summary.overall_mean {op} {t}",
        "summary.dont_know_ratio {op} 0.2",
        "summary.max_abs_gap {op} 0.5",
        "summary.client_respondents {op} 1",
        "known(gap.{d})",
        "coalesce(coverage.{d}, 0) >= 0.5",
        "abs(coalesce(gap.{d}, 0)) < 1",
        "max(coalesce(client.{d}, 0), 1) {op} {t}",
        "history.count {op} 1",
        'history.previous_phase == "norming"',
        "history.norming_streak >= 1",
        "followup.planned > 0",
        "followup.closed_ratio < 0.5",
        "delta.overall.{d} {op} 0",
    ]
)
PATTERN_ATOMS = st.sampled_from(
    [
        'phase.current == "norming"',
        "phase.confidence < 0.5",
        "phase.margin > 0.1",
        "trend.norming_streak >= 1",
        'baseline.phase in ["storming", "norming"]',
    ]
)
DIMENSION_ATOMS = st.sampled_from(
    [
        "dim.client {op} {t}",
        "dim.overall {op} {t}",
        "dim.gap {op} 0.5",
        "dim.coverage < 1",
        "dim.client_sd > 0.5",
    ]
)


def _threshold(names: _Names, eighths: int) -> str:
    return _number(names.low + (names.high - names.low) * eighths / 8)


@st.composite
def _atom(draw: st.DrawFn, names: _Names, context: str) -> str:
    """One boolean condition valid in *context* (``phase``, ``pattern`` or ``dimension``)."""
    values = {
        "d": draw(st.sampled_from(names.dimensions)),
        "op": draw(OPERATORS),
        "t": _threshold(names, draw(EIGHTHS)),
    }
    if context == "dimension":
        return draw(DIMENSION_ATOMS).format(**values)
    if context == "pattern" and draw(st.integers(0, 3)) == 0:
        return draw(PATTERN_ATOMS)
    if not names.facts or draw(st.booleans()):
        return draw(SCORE_ATOMS).format(**values)
    fact = draw(st.sampled_from(names.facts))
    name = f"facts.{fact['id']}"
    if fact["type"] == "boolean":
        return name if draw(st.booleans()) else f"not {name}"
    if fact["type"] == "choice":
        value = draw(st.sampled_from([choice["value"] for choice in fact["choices"]]))
        return f'{name} == "{value}"' if draw(st.booleans()) else f'{name} in ["{value}"]'
    return f"{name} {values['op']} {_number(draw(numbers))}"


@st.composite
def _condition(draw: st.DrawFn, names: _Names, context: str) -> str:
    first = draw(_atom(names, context))
    shape = draw(st.sampled_from(["one", "and", "or", "not"]))
    if shape == "one":
        return first
    if shape == "not":
        return f"not ({first})"
    second = draw(_atom(names, context))
    return f"({first}) {shape} ({second})"


@st.composite
def _phase_rule_condition(draw: st.DrawFn, names: _Names) -> str:
    if draw(st.booleans()):
        return draw(_condition(names, "phase"))
    dimension = draw(st.sampled_from(names.dimensions))
    a, b = _threshold(names, draw(EIGHTHS)), _threshold(names, draw(EIGHTHS))
    return f"ramp(overall.{dimension}, {a}, {b})"


@st.composite
def _fact(draw: st.DrawFn, index: int, languages: list[str]) -> Document:
    kind = draw(st.sampled_from(FACT_TYPES))
    fact: Document = {"id": f"fact{index}", "type": kind, "label": draw(labels(languages))}
    if kind in ("number", "integer"):
        low = draw(st.integers(-10, 10))
        high = low + draw(st.integers(0, 100))
        if draw(st.booleans()):
            fact["min"] = float(low) if kind == "number" else low
        if draw(st.booleans()):
            fact["max"] = float(high) if kind == "number" else high
        if draw(st.booleans()):
            fact["unit"] = draw(st.text(max_size=10))
    if kind == "choice":
        count = draw(st.integers(1, 3))
        fact["choices"] = [{"value": f"c{n}", "label": draw(labels(languages))} for n in range(count)]
    return fact


@st.composite
def questionnaire_documents(draw: st.DrawFn) -> Document:
    """A valid questionnaire, as the dict a TOML file would parse to."""
    languages = draw(st.sampled_from([["en"], ["fr", "en"], ["de"]]))
    low = draw(st.integers(-10, 10)) / 2
    high = low + draw(st.sampled_from([1, 2, 4, 9, 10, 100]))
    scales = [draw(_scale(index, languages)) for index in range(draw(st.integers(1, 3)))]
    dimensions = [f"dim{index}" for index in range(draw(st.integers(1, 4)))]
    facts = [draw(_fact(index, languages)) for index in range(draw(st.integers(0, 4)))]
    names = _Names(dimensions=dimensions, facts=facts, low=low, high=high)
    scale_values = {scale["id"]: [choice["value"] for choice in scale["choices"]] for scale in scales}

    count = draw(st.integers(len(dimensions), len(dimensions) + 8))
    tag_stages = count >= 4 and draw(st.booleans())
    questions: list[Document] = []
    for index in range(count):
        scale = draw(st.sampled_from(scales))["id"]
        question: Document = {
            "id": f"q{index}",
            "dimension": dimensions[index] if index < len(dimensions) else draw(st.sampled_from(dimensions)),
            "scale": scale,
            "side": draw(st.sampled_from(SIDES)),
            "stage": draw(st.sampled_from(STAGES)),
            "text": draw(labels(languages)),
            "reverse": draw(st.booleans()),
            "weight": draw(weights),
        }
        if index and draw(st.integers(0, 3)) == 0:
            earlier = draw(st.integers(0, index - 1))
            value = draw(st.sampled_from(scale_values[questions[earlier]["scale"]]))
            op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
            question["relevant"] = draw(
                st.sampled_from(
                    [
                        f"answers.q{earlier} {op} {_number(value)}",
                        f"not known(answers.q{earlier}) or answers.q{earlier} {op} {_number(value)}",
                    ]
                )
            )
        if tag_stages and index < 4:
            question["indicates"] = STAGE_PHASES[index]
        elif draw(st.integers(0, 4)) == 0:
            # never adjourning: the stage-sum baseline has no such stage, loading refuses it
            question["indicates"] = draw(st.sampled_from(STAGE_PHASES))
        questions.append(question)

    document: Document = {
        "schema_version": 1,
        "id": draw(SLUGS),
        "version": f"{draw(st.integers(0, 9))}.{draw(st.integers(0, 20))}.{draw(st.integers(0, 99))}",
        "languages": languages,
        "title": draw(labels(languages)),
        "scoring": {
            "range": [low, high],
            "min_coverage": draw(st.sampled_from([0.1, 0.25, 0.5, 0.75, 1.0])),
            "bands": draw(
                st.lists(st.integers(1, 99), max_size=3).flatmap(
                    lambda cuts: _bands(cuts, 0.0, 100.0, languages)
                )
            ),
        },
        "scales": scales,
        "dimensions": [{"id": dimension, "label": draw(labels(languages))} for dimension in dimensions],
        "questions": questions,
        "facts": facts,
        "phases": {
            "temperature": draw(st.sampled_from([0.25, 0.5, 1.0, 2.0])),
            "prior": draw(
                st.dictionaries(st.sampled_from(PHASES), st.integers(-3, 3).map(float), max_size=2)
            ),
        },
    }
    if draw(st.booleans()):
        document["description"] = draw(labels(languages))
    if tag_stages:
        used = {question["scale"] for question in questions if "indicates" in question}
        low_raw = min(min(scale_values[scale]) for scale in used)
        high_raw = max(max(scale_values[scale]) for scale in used)
        middle = (low_raw + high_raw) / 2
        document["baseline"] = {
            "close": 0.25,
            "bands": draw(_bands([middle], float(low_raw), float(high_raw), languages)),
        }

    rules: list[Document] = []
    for phase in PHASES:
        for sign in [1.0] * draw(st.integers(1, 2)) + [-1.0] * draw(st.integers(0, 1)):
            rules.append(
                {
                    "id": f"rule{len(rules)}",
                    "phase": phase,
                    "weight": sign * draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])),
                    "when": draw(_phase_rule_condition(names)),
                    "because": draw(labels(languages)),
                }
            )
    document["phase_rules"] = draw(st.permutations(rules))

    actions = []
    for index in range(draw(st.integers(0, 4))):
        actions.append(
            {
                "id": f"action{index}",
                "title": draw(labels(languages)),
                "description": draw(labels(languages)),
                "owner": draw(st.sampled_from(OWNERS)),
                "horizon": draw(st.sampled_from(HORIZONS)),
                "success_indicator": draw(labels(languages)),
                "dimensions": draw(st.lists(st.sampled_from(dimensions), unique=True, max_size=2)),
                "phases": draw(st.lists(st.sampled_from(PHASES), unique=True, max_size=2)),
            }
        )
    document["actions"] = actions
    action_ids = [action["id"] for action in actions]

    patterns = []
    for index in range(draw(st.integers(0, 3))):
        scope = draw(st.sampled_from(["relationship", "dimension"]))
        context = "dimension" if scope == "dimension" else "pattern"
        pattern: Document = {
            "id": f"pattern{index}",
            "title": draw(labels(languages)),
            "description": draw(labels(languages)),
            "severity": draw(st.sampled_from(SEVERITIES)),
            "scope": scope,
            "when": draw(_atom(names, context)) if scope == "dimension" else draw(_condition(names, context)),
            "actions": draw(st.lists(st.sampled_from(action_ids), unique=True, max_size=2))
            if action_ids
            else [],
            "escalate": [
                {"when": draw(_condition(names, context)), "severity": draw(st.sampled_from(SEVERITIES))}
                for _ in range(draw(st.integers(0, 1)))
            ],
        }
        if scope == "dimension" and draw(st.booleans()):
            pattern["dimensions"] = draw(st.lists(st.sampled_from(dimensions), unique=True, min_size=1))
        patterns.append(pattern)
    document["patterns"] = patterns
    document["plan"] = {
        "max_actions": draw(st.integers(1, 10)),
        "weak_threshold": float(_threshold(names, draw(EIGHTHS))),
    }
    return document


def _answer_value(value: float, as_float: bool) -> int | float:
    if value.is_integer() and not as_float and abs(value) < 1e15:
        return int(value)
    return value


@st.composite
def _answers(draw: st.DrawFn, q: vm.Questionnaire, side: str) -> dict[str, int | float | str]:
    """Answers of one respondent: on the scale or a missing code, on their side, relevant."""
    compiled = vm.compile_questionnaire(q)
    scales = {scale.id: scale for scale in q.scales}
    answers: dict[str, int | float | str] = {}
    seen: dict[str, object] = {}
    for question in q.questions:
        if question.side.value not in (side, "both"):
            continue
        relevant = compiled.questions[compiled.question_index[question.id]].relevant
        if relevant is not None and relevant(seen) is False:  # type: ignore[arg-type]
            continue
        scale = scales[question.scale]
        kind = draw(st.sampled_from(["value", "value", "value", "skip", "missing"]))
        if kind == "skip" or (kind == "missing" and not scale.missing):
            continue
        if kind == "missing":
            answers[question.id] = draw(st.sampled_from([code.code for code in scale.missing]))
            continue
        value = draw(st.sampled_from([choice.value for choice in scale.choices]))
        answers[question.id] = _answer_value(value, draw(st.integers(0, 5)) == 0)
        seen[f"answers.{question.id}"] = float(value)
    return answers


@st.composite
def _fact_value(draw: st.DrawFn, fact: Fact) -> bool | int | float | str:
    if fact.type is FactType.BOOLEAN:
        return draw(st.booleans())
    if fact.type is FactType.CHOICE:
        return draw(st.sampled_from([choice.value for choice in fact.choices or ()]))
    if fact.type is FactType.DATE:
        day = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)))
        return day.isoformat()
    low = fact.min if fact.min is not None else -1000.0
    high = fact.max if fact.max is not None else 1000.0
    if fact.type is FactType.INTEGER:
        return draw(st.integers(int(low), int(high)))
    return draw(st.floats(low, high, allow_nan=False))


@st.composite
def response_documents(
    draw: st.DrawFn, q: vm.Questionnaire, *, date: datetime.date = TODAY, relationship: str = "acme"
) -> Document:
    """A response set valid for *q*, as the dict a TOML file would parse to."""
    respondents = []
    for index in range(draw(st.integers(1, 5))):
        side = draw(st.sampled_from(["client", "supplier"]))
        respondent: Document = {
            "id": f"{side[0]}{index}",
            "side": side,
            "role": draw(st.sampled_from(["executive", "manager", "operational", "other"])),
            "answers": draw(_answers(q, side)),
        }
        if draw(st.booleans()):
            respondent["name"] = draw(st.text(max_size=20))
        answered = sorted(respondent["answers"])
        comment = draw(st.booleans())
        if answered and comment:
            respondent["comments"] = {draw(st.sampled_from(answered)): draw(st.text(max_size=40))}
        respondents.append(respondent)
    facts = {fact.id: draw(_fact_value(fact)) for fact in q.facts if draw(st.booleans())}
    actions = [action.id for action in q.actions]
    followup = [
        {"action": action, "status": draw(st.sampled_from(STATUSES))}
        for action in draw(
            st.lists(st.sampled_from(actions), unique=True, max_size=3) if actions else st.just([])
        )
    ]
    return {
        "schema_version": 1,
        "questionnaire": q.id,
        "questionnaire_version": q.version,
        "relationship": relationship,
        "client": draw(st.text(min_size=1, max_size=20)),
        "supplier": draw(st.text(min_size=1, max_size=20)),
        "date": date,
        "facts": facts,
        "respondents": respondents,
        "followup": followup,
    }


@attrs.frozen
class Case:
    """One assessment to run: a questionnaire, its current response set and its history."""

    questionnaire_document: Document
    questionnaire: vm.Questionnaire
    responses_document: Document
    responses: vm.ResponseSet
    history: tuple[vm.ResponseSet, ...]


@st.composite
def cases(draw: st.DrawFn, *, max_history: int = 2) -> Case:
    """A valid questionnaire, a response set for it and up to *max_history* earlier ones."""
    document = draw(questionnaire_documents())
    q = vm.questionnaire_from_dict(document)
    gaps = draw(st.lists(st.integers(1, 200), max_size=max_history))
    history = []
    date = TODAY
    for gap in gaps:
        date -= datetime.timedelta(days=gap)
        history.append(vm.responses_from_dict(draw(response_documents(q, date=date)), q))
    current = draw(response_documents(q))
    return Case(
        questionnaire_document=document,
        questionnaire=q,
        responses_document=current,
        responses=vm.responses_from_dict(current, q),
        history=tuple(reversed(history)),
    )
