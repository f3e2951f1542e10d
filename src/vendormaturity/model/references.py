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
from vendormaturity.i18n import N_, Message, msg, nmsg
from vendormaturity.model.questionnaire import (
    Band,
    Cues,
    FactType,
    Label,
    Pattern,
    Phase,
    Questionnaire,
)

__all__ = ["check_references"]

# What names a missing thing, by its kind: each sentence whole for the catalogue.
_UNKNOWN = {
    "dimension": N_("unknown dimension '{name}'{hint}"),
    "scale": N_("unknown scale '{name}'{hint}"),
    "action": N_("unknown action '{name}'{hint}"),
    "fact": N_("unknown fact '{name}'{hint}"),
}


def _duplicates(items: Sequence[Any], field: str, root: Loc) -> Iterator[tuple[Loc, Message]]:
    seen: Counter[str] = Counter()
    for index, item in enumerate(items):
        key = getattr(item, field)
        seen[key] += 1
        if seen[key] == 2:
            yield (
                (*root, index, field),
                msg("duplicate {field} '{key}': each must be unique", field=field, key=key),
            )


@functools.cache
def _label_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of *model* that hold a label (a dict of language → text)."""
    return tuple(
        name
        for name, field in model.model_fields.items()
        if field.annotation == Label or Label in typing.get_args(field.annotation)
    )


def _labels(model: BaseModel, languages: Sequence[str], loc: Loc) -> Iterator[tuple[Loc, Message]]:
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
                yield (
                    (*loc, name),
                    nmsg(
                        "label has no text for language {languages}; add it",
                        "label has no text for languages {languages}; add them",
                        len(missing),
                        languages=", ".join(missing),
                    ),
                )
            if extra:
                yield (
                    (*loc, name),
                    nmsg(
                        "label has text for undeclared language {languages}; declare it in `languages` or"
                        " remove it",
                        "label has text for undeclared languages {languages};"
                        " declare them in `languages` or remove them",
                        len(extra),
                        languages=", ".join(extra),
                    ),
                )


def _bands(bands: Sequence[Band], low: float, high: float, loc: Loc) -> Iterator[tuple[Loc, Message]]:
    if not bands:
        return
    yield from _duplicates(bands, "id", loc)
    ordered = sorted(enumerate(bands), key=lambda pair: pair[1].min)
    for index, band in ordered:
        if band.min >= band.max:
            yield (
                (*loc, index, "max"),
                msg("band max {high:g} must be above its min {low:g}", high=band.max, low=band.min),
            )
    first_index, first = ordered[0]
    if first.min > low:
        yield (
            (*loc, first_index, "min"),
            msg("bands leave a gap: nothing covers {low:g} to {high:g}", low=low, high=first.min),
        )
    last_index, last = ordered[-1]
    if last.max < high:
        yield (
            (*loc, last_index, "max"),
            msg("bands leave a gap: nothing covers {low:g} to {high:g}", low=last.max, high=high),
        )
    for (_, previous), (index, band) in itertools.pairwise(ordered):
        if band.min > previous.max:
            yield (
                (*loc, index, "min"),
                msg(
                    "bands leave a gap between {low:g} and {high:g} (after '{band}')",
                    low=previous.max,
                    high=band.min,
                    band=previous.id,
                ),
            )
        elif band.min < previous.max:
            yield (
                (*loc, index, "min"),
                msg(
                    "band '{band}' overlaps '{other}' ({low:g} < {high:g})",
                    band=band.id,
                    other=previous.id,
                    low=band.min,
                    high=previous.max,
                ),
            )
    for index, band in enumerate(bands):
        if band.min < low or band.max > high:
            yield (
                (*loc, index),
                msg(
                    "band '{band}' ({band_low:g}–{band_high:g}) lies outside {low:g}–{high:g}",
                    band=band.id,
                    band_low=band.min,
                    band_high=band.max,
                    low=low,
                    high=high,
                ),
            )


def check_references(q: Questionnaire) -> list[tuple[Loc, Message]]:
    """Every cross-reference, id, label, band and range check that the schema cannot express."""
    return [
        *_check_basics(q),
        *_check_questions(q),
        *_check_facts(q),
        *_check_patterns(q),
        *_check_actions(q),
        *_check_phases(q),
        *_check_triggers(q),
    ]


def _unknown(kind: str, value: str, known: set[str], loc: Loc) -> tuple[Loc, Message]:
    return loc, msg(_UNKNOWN[kind], name=value, hint=did_you_mean(value, known))


def _check_basics(q: Questionnaire) -> Iterator[tuple[Loc, Message]]:
    """Labels in every language, the scoring range and bands, unique ids, scale values."""
    yield from _labels(q, q.languages, ())
    if len(set(q.languages)) != len(q.languages):
        yield ("languages",), msg("a language is listed twice")
    low, high = q.scoring.range
    if low >= high:
        yield (
            ("scoring", "range"),
            msg("range must go from low to high, got {low:g} to {high:g}", low=low, high=high),
        )
    yield from _bands(q.scoring.bands, 0.0, 100.0, ("scoring", "bands"))
    for kind in (
        "scales",
        "dimensions",
        "questions",
        "facts",
        "phase_rules",
        "patterns",
        "actions",
        "triggers",
    ):
        yield from _duplicates(getattr(q, kind), "id", (kind,))
    for index, scale in enumerate(q.scales):
        values = [choice.value for choice in scale.choices]
        if values != sorted(set(values)):
            yield ("scales", index, "choices"), msg("choice values must be strictly increasing")
        yield from _duplicates(scale.missing, "code", ("scales", index, "missing"))


def _check_questions(q: Questionnaire) -> Iterator[tuple[Loc, Message]]:
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
            yield (
                ("dimensions", index),
                msg("dimension '{dimension}' has no question; add one or remove it", dimension=dimension.id),
            )


def _check_patterns(q: Questionnaire) -> Iterator[tuple[Loc, Message]]:
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
            yield ("patterns", index, "dimensions"), msg('`dimensions` only applies to scope = "dimension"')
        for position, dimension_id in enumerate(pattern.dimensions):
            if dimension_id not in dimensions:
                yield _unknown(
                    "dimension", dimension_id, dimensions, ("patterns", index, "dimensions", position)
                )


def _check_suspicion(pattern: Pattern, facts: set[str], loc: Loc) -> Iterator[tuple[Loc, Message]]:
    for position, fact in enumerate(pattern.confirm_with):
        if fact not in facts:
            yield _unknown("fact", fact, facts, (*loc, "confirm_with", position))
    if pattern.suspect_when is None:
        if pattern.confirm_with:
            yield (
                (*loc, "confirm_with"),
                msg("`confirm_with` needs a `suspect_when` condition; add one or remove it"),
            )
        return
    if pattern.scope != "relationship":
        yield (*loc, "suspect_when"), msg('`suspect_when` only applies to scope = "relationship"')
    if not pattern.confirm_with:
        yield (
            (*loc, "suspect_when"),
            msg("a suspected pattern needs `confirm_with`: the facts that would confirm it"),
        )


def _check_actions(q: Questionnaire) -> Iterator[tuple[Loc, Message]]:
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


def _check_facts(q: Questionnaire) -> Iterator[tuple[Loc, Message]]:
    for index, fact in enumerate(q.facts):
        loc: Loc = ("facts", index)
        if fact.type is FactType.CHOICE:
            if not fact.choices:
                yield (*loc, "choices"), msg("a choice fact needs a non-empty `choices` list")
            else:
                yield from _duplicates(fact.choices, "value", (*loc, "choices"))
        elif fact.choices is not None:
            yield (
                (*loc, "choices"),
                msg('`choices` only applies to type = "choice", not "{type}"', type=fact.type.value),
            )
        if fact.type in (FactType.BOOLEAN, FactType.CHOICE, FactType.DATE):
            for bound in ("min", "max"):
                if getattr(fact, bound) is not None:
                    yield (*loc, bound), msg("`{key}` only applies to number and integer facts", key=bound)
        elif fact.min is not None and fact.max is not None and fact.min > fact.max:
            yield (*loc, "max"), msg("max {high:g} is below min {low:g}", high=fact.max, low=fact.min)


def _check_phases(q: Questionnaire) -> Iterator[tuple[Loc, Message]]:
    if q.phase_rules:
        winners = {rule.phase for rule in q.phase_rules if rule.weight > 0}
        for phase in Phase:
            if phase not in winners:
                yield (
                    ("phase_rules",),
                    msg(
                        "phase '{phase}' has no rule with a positive weight, so it can never be placed; add"
                        " one",
                        phase=phase.value,
                    ),
                )
        for index, rule in enumerate(q.phase_rules):
            if rule.weight == 0:
                yield (
                    ("phase_rules", index, "weight"),
                    msg("weight 0 makes the rule useless; give it a positive or negative weight"),
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
                    msg(
                        "no question `indicates` phase '{phase}', so the baseline cannot place it",
                        phase=phase.value,
                    ),
                )


def _check_triggers(q: Questionnaire) -> Iterator[tuple[Loc, Message]]:
    """Cues are written in declared languages, and every trigger has some.

    A declared language may go without cues: every language's cues are read in every
    comment. (Each cue's syntax is checked when the vocabulary is compiled.)
    """
    reading = q.comments
    for field in ("negations", "negations_after", "not_negations", "breaks"):
        yield from _cue_languages(getattr(reading, field), q.languages, ("comments", field))
    for index, trigger in enumerate(q.triggers):
        yield from _cue_languages(trigger.cues, q.languages, ("triggers", index, "cues"))
        yield from _cue_languages(trigger.exclude, q.languages, ("triggers", index, "exclude"))
        if not any(trigger.cues.values()):
            yield (
                ("triggers", index, "cues"),
                msg("a trigger needs cues: no comment would ever reveal it; add some"),
            )


def _cue_languages(cues: Cues, languages: Sequence[str], loc: Loc) -> Iterator[tuple[Loc, Message]]:
    for lang in cues:
        if lang not in languages:
            yield (
                (*loc, lang),
                msg(
                    "cues for undeclared language {lang}; declare it in `languages` or remove them", lang=lang
                ),
            )
