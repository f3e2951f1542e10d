"""Facts a round did not give: carried from the last round that gave them, or derived.

A questionnaire marks the facts that hold from round to round (``standing = true``: the
segment, the contract's dates, the decided outcome of its end) and those that follow from
others (``derive``: the age of the relationship from the contract's start and the date of
the assessment). A value given in the round always wins; a carried or derived one records
where it came from in the response set's ``origins``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, overload

from vendormaturity.engine.checks import keep_fit
from vendormaturity.engine.compiled import CompiledFact, CompiledQuestionnaire
from vendormaturity.engine.history import HistoryItem
from vendormaturity.model.questionnaire import FactType
from vendormaturity.model.responses import FactOrigin, FactValue, ResponseSet
from vendormaturity.model.result import AssessmentResult

__all__ = ["GivenFacts", "complete_facts", "complete_history", "standing_facts"]


class GivenFacts(Protocol):
    """What carrying standing facts reads of an earlier round: a response set, or only its
    date, facts and origins (a store reads no more of the rounds before the one it assesses)."""

    @property
    def date(self) -> datetime.date: ...

    @property
    def facts(self) -> Mapping[str, FactValue]: ...

    @property
    def origins(self) -> Mapping[str, FactOrigin]: ...


def standing_facts(
    compiled: CompiledQuestionnaire, earlier: Sequence[GivenFacts], files: Sequence[str | None] = ()
) -> dict[str, tuple[FactValue, FactOrigin]]:
    """The standing facts the rounds *earlier* (oldest first) leave known, each with where it
    comes from: the last round that gave it (its file from *files*, when known), or the
    origin that round recorded if it carried the value itself."""
    known: dict[str, tuple[FactValue, FactOrigin]] = {}
    for fact_id in compiled.standing:
        for index in range(len(earlier) - 1, -1, -1):
            item = earlier[index]
            if fact_id not in item.facts:
                continue
            origin = item.origins.get(fact_id)
            if origin is None or origin.kind != "carried":
                file = files[index] if index < len(files) else None
                origin = FactOrigin(kind="carried", round=item.date, file=file)
            known[fact_id] = (item.facts[fact_id], origin)
            break
    return known


def complete_facts(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    earlier: Sequence[GivenFacts] = (),
    files: Sequence[str | None] = (),
) -> ResponseSet:
    """*responses* with the standing facts it does not give carried from *earlier* (oldest
    first), then the derived facts it does not give computed; the very same response set
    when nothing is added."""
    facts: dict[str, FactValue] = dict(responses.facts)
    origins = dict(responses.origins)
    for fact_id, (value, origin) in standing_facts(compiled, earlier, files).items():
        if fact_id not in facts:
            facts[fact_id] = value
            origins[fact_id] = origin
    _derive(compiled, responses, facts, origins)
    if len(facts) == len(responses.facts):
        return responses
    completed = responses.model_copy(update={"facts": facts, "origins": origins})
    keep_fit(compiled, responses, completed)
    return completed


def _derive(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    facts: dict[str, FactValue],
    origins: dict[str, FactOrigin],
) -> None:
    wanted = [(fact_id, expression) for fact_id, expression in compiled.derivations if fact_id not in facts]
    if not wanted:
        return  # the usual round gives them, or has nothing to derive them from
    env: dict[str, object] = {
        f"facts.{name}": float(value) if value.__class__ is int else value for name, value in facts.items()
    }
    env["date"] = responses.date.isoformat()
    for fact_id, expression in wanted:
        value = _typed(compiled.facts[fact_id], expression(env))  # type: ignore[arg-type]
        if value is None:
            continue
        facts[fact_id] = value
        inputs = sorted(name.removeprefix("facts.") for name in expression.names if name.startswith("facts."))
        origins[fact_id] = FactOrigin(kind="derived", rule=expression.source, inputs=inputs)


def _typed(fact: CompiledFact, value: object) -> FactValue | None:
    """A derived value as the fact holds it; none when it falls outside the fact's range (a
    contract start decades ago says more about the date typed than about the relationship)."""
    if value is None:
        return None
    if fact.type in (FactType.NUMBER, FactType.INTEGER) and isinstance(value, float):
        number: float = round(value) if fact.type is FactType.INTEGER else value
        if (fact.min is not None and number < fact.min) or (fact.max is not None and number > fact.max):
            return None
        return number
    return value  # type: ignore[return-value]


@overload
def complete_history(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    history: Sequence[ResponseSet | AssessmentResult],
    files: Sequence[str | None] = (),
) -> tuple[ResponseSet, list[ResponseSet | AssessmentResult]]: ...


@overload
def complete_history(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    history: Sequence[HistoryItem],
    files: Sequence[str | None] = (),
) -> tuple[ResponseSet, list[HistoryItem]]: ...


def complete_history(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    history: Sequence[HistoryItem],
    files: Sequence[str | None] = (),
) -> tuple[ResponseSet, list[Any]]:  # each earlier item of the kind it was given
    """Each response set of *history* (oldest first) completed by the rounds before it, then
    *responses* by them all; saved results carry no facts and are kept as they are."""
    rounds: list[ResponseSet] = []
    names: list[str | None] = []
    completed: list[HistoryItem] = []
    for index, item in enumerate(history):
        if not isinstance(item, ResponseSet):
            completed.append(item)
            continue
        done = complete_facts(compiled, item, rounds, names)
        rounds.append(done)
        names.append(files[index] if index < len(files) else None)
        completed.append(done)
    return complete_facts(compiled, responses, rounds, names), completed
