"""Checks that tie a questionnaire's values together: ids, references, labels, bands.

The schema checks each value alone; these find what it cannot express (an unknown
dimension, a missing translation, bands with gaps, a phase no rule can reach). Each
problem is a data path and a message; the loader locates them in the file.
"""

from __future__ import annotations

import functools
import itertools
import typing
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from vendormaturity.errors import Loc, did_you_mean
from vendormaturity.model.questionnaire import Band, FactType, Label, Pattern, Phase, Questionnaire

__all__ = ["check_references"]


def _duplicates(items: Sequence[Any], field: str, root: Loc) -> Iterator[tuple[Loc, str]]:
    seen: Counter[str] = Counter()
    for index, item in enumerate(items):
        key = getattr(item, field)
        seen[key] += 1
        if seen[key] == 2:
            yield (*root, index, field), f"duplicate {field} '{key}': each must be unique"


@functools.cache
def _label_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of *model* that hold a label (a dict of language → text)."""
    return tuple(
        name
        for name, field in model.model_fields.items()
        if field.annotation == Label or Label in typing.get_args(field.annotation)
    )


def _labels(model: BaseModel, languages: Sequence[str], loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every label of *model* (recursively) must give each declared language."""
    labels = _label_fields(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _labels(value, languages, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _labels(item, languages, (*loc, name, index))
        elif name in labels and isinstance(value, dict):
            missing = [lang for lang in languages if lang not in value]
            extra = [lang for lang in value if lang not in languages]
            if missing:
                yield (*loc, name), f"label has no text for language {', '.join(missing)}; add it"
            if extra:
                yield (
                    (*loc, name),
                    f"label has text for undeclared language {', '.join(extra)}; "
                    "declare it in `languages` or remove it",
                )


def _bands(bands: Sequence[Band], low: float, high: float, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if not bands:
        return
    yield from _duplicates(bands, "id", loc)
    ordered = sorted(enumerate(bands), key=lambda pair: pair[1].min)
    for index, band in ordered:
        if band.min >= band.max:
            yield (*loc, index, "max"), f"band max {band.max:g} must be above its min {band.min:g}"
    first_index, first = ordered[0]
    if first.min > low:
        yield (*loc, first_index, "min"), f"bands leave a gap: nothing covers {low:g} to {first.min:g}"
    last_index, last = ordered[-1]
    if last.max < high:
        yield (*loc, last_index, "max"), f"bands leave a gap: nothing covers {last.max:g} to {high:g}"
    for (_, previous), (index, band) in itertools.pairwise(ordered):
        if band.min > previous.max:
            yield (
                (*loc, index, "min"),
                f"bands leave a gap between {previous.max:g} and {band.min:g} (after '{previous.id}')",
            )
        elif band.min < previous.max:
            yield (
                (*loc, index, "min"),
                f"band '{band.id}' overlaps '{previous.id}' ({band.min:g} < {previous.max:g})",
            )
    for index, band in enumerate(bands):
        if band.min < low or band.max > high:
            yield (*loc, index), f"band '{band.id}' ({band.min:g}–{band.max:g}) lies outside {low:g}–{high:g}"


def check_references(q: Questionnaire) -> list[tuple[Loc, str]]:
    """Every cross-reference, id, label, band and range check that the schema cannot express."""
    return [
        *_check_basics(q),
        *_check_questions(q),
        *_check_facts(q),
        *_check_patterns(q),
        *_check_actions(q),
        *_check_phases(q),
    ]


def _unknown(kind: str, value: str, known: set[str], loc: Loc) -> tuple[Loc, str]:
    return loc, f"unknown {kind} '{value}'{did_you_mean(value, known)}"


def _check_basics(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    """Labels in every language, the scoring range and bands, unique ids, scale values."""
    yield from _labels(q, q.languages, ())
    if len(set(q.languages)) != len(q.languages):
        yield ("languages",), "a language is listed twice"
    low, high = q.scoring.range
    if low >= high:
        yield ("scoring", "range"), f"range must go from low to high, got {low:g} to {high:g}"
    yield from _bands(q.scoring.bands, 0.0, 100.0, ("scoring", "bands"))
    for kind in ("scales", "dimensions", "questions", "facts", "phase_rules", "patterns", "actions"):
        yield from _duplicates(getattr(q, kind), "id", (kind,))
    for index, scale in enumerate(q.scales):
        values = [choice.value for choice in scale.choices]
        if values != sorted(set(values)):
            yield ("scales", index, "choices"), "choice values must be strictly increasing"
        yield from _duplicates(scale.missing, "code", ("scales", index, "missing"))


def _check_questions(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    """Each question's dimension and scale exist; each dimension has a question."""
    scales = {scale.id for scale in q.scales}
    dimensions = {dimension.id for dimension in q.dimensions}
    for index, question in enumerate(q.questions):
        if question.dimension not in dimensions:
            yield _unknown("dimension", question.dimension, dimensions, ("questions", index, "dimension"))
        if question.scale not in scales:
            yield _unknown("scale", question.scale, scales, ("questions", index, "scale"))
    asked = {question.dimension for question in q.questions}
    for index, dimension in enumerate(q.dimensions):
        if dimension.id not in asked:
            yield ("dimensions", index), f"dimension '{dimension.id}' has no question; add one or remove it"


def _check_patterns(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    """A pattern's actions, dimensions and facts exist; dimensions only for dimension-scoped
    ones; a suspicion only for relationship-scoped ones, and with the facts that confirm it."""
    dimensions = {dimension.id for dimension in q.dimensions}
    actions = {action.id for action in q.actions}
    facts = {fact.id for fact in q.facts}
    for index, pattern in enumerate(q.patterns):
        for position, action in enumerate(pattern.actions):
            if action not in actions:
                yield _unknown("action", action, actions, ("patterns", index, "actions", position))
        yield from _check_suspicion(pattern, facts, ("patterns", index))
        if pattern.dimensions is None:
            continue
        if pattern.scope != "dimension":
            yield ("patterns", index, "dimensions"), '`dimensions` only applies to scope = "dimension"'
        for position, dimension_id in enumerate(pattern.dimensions):
            if dimension_id not in dimensions:
                yield _unknown(
                    "dimension", dimension_id, dimensions, ("patterns", index, "dimensions", position)
                )


def _check_suspicion(pattern: Pattern, facts: set[str], loc: Loc) -> Iterator[tuple[Loc, str]]:
    for position, fact in enumerate(pattern.confirm_with):
        if fact not in facts:
            yield _unknown("fact", fact, facts, (*loc, "confirm_with", position))
    if pattern.suspect_when is None:
        if pattern.confirm_with:
            yield (
                (*loc, "confirm_with"),
                "`confirm_with` needs a `suspect_when` condition; add one or remove it",
            )
        return
    if pattern.scope != "relationship":
        yield (*loc, "suspect_when"), '`suspect_when` only applies to scope = "relationship"'
    if not pattern.confirm_with:
        yield (
            (*loc, "suspect_when"),
            "a suspected pattern needs `confirm_with`: the facts that would confirm it",
        )


def _check_actions(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    dimensions = {dimension.id for dimension in q.dimensions}
    confirm = q.plan.confirm_action
    if confirm is not None and confirm not in {action.id for action in q.actions}:
        yield _unknown("action", confirm, {action.id for action in q.actions}, ("plan", "confirm_action"))
    for index, action in enumerate(q.actions):
        for position, dimension_id in enumerate(action.dimensions):
            if dimension_id not in dimensions:
                yield _unknown(
                    "dimension", dimension_id, dimensions, ("actions", index, "dimensions", position)
                )


def _check_facts(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    for index, fact in enumerate(q.facts):
        loc: Loc = ("facts", index)
        if fact.type is FactType.CHOICE:
            if not fact.choices:
                yield (*loc, "choices"), "a choice fact needs a non-empty `choices` list"
            else:
                yield from _duplicates(fact.choices, "value", (*loc, "choices"))
        elif fact.choices is not None:
            yield (*loc, "choices"), f'`choices` only applies to type = "choice", not "{fact.type.value}"'
        if fact.type in (FactType.BOOLEAN, FactType.CHOICE):
            for bound in ("min", "max"):
                if getattr(fact, bound) is not None:
                    yield (*loc, bound), f"`{bound}` only applies to number and integer facts"
        elif fact.min is not None and fact.max is not None and fact.min > fact.max:
            yield (*loc, "max"), f"max {fact.max:g} is below min {fact.min:g}"


def _check_phases(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    if q.phase_rules:
        winners = {rule.phase for rule in q.phase_rules if rule.weight > 0}
        for phase in Phase:
            if phase not in winners:
                yield (
                    ("phase_rules",),
                    f"phase '{phase.value}' has no rule with a positive weight, "
                    "so it can never be placed; add one",
                )
        for index, rule in enumerate(q.phase_rules):
            if rule.weight == 0:
                yield (
                    ("phase_rules", index, "weight"),
                    "weight 0 makes the rule useless; give it a positive or negative weight",
                )
    if q.baseline is not None:
        scales = {scale.id: scale for scale in q.scales}
        used = [
            scales[question.scale]
            for question in q.questions
            if question.indicates and question.scale in scales
        ]
        if used:
            low, high = min(scale.low for scale in used), max(scale.high for scale in used)
            yield from _bands(q.baseline.bands, low, high, ("baseline", "bands"))
        tagged = {question.indicates for question in q.questions if question.indicates is not None}
        for phase in (Phase.FORMING, Phase.STORMING, Phase.NORMING, Phase.PERFORMING):
            if phase not in tagged:
                yield (
                    ("baseline",),
                    f"no question `indicates` phase '{phase.value}', so the baseline cannot place it",
                )
