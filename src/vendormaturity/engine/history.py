"""A relationship's earlier assessments: checked, assessed in turn, and read for trends."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, Protocol

from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.errors import VendorMaturityError
from vendormaturity.i18n import msg
from vendormaturity.model.questionnaire import Phase
from vendormaturity.model.responses import ActionStatus, ResponseSet
from vendormaturity.model.result import AssessmentResult, HistoryPoint, construct_all

__all__ = ["Earlier", "HistoryItem", "earlier_results", "history_points", "phase_changes"]


class _Side(Protocol):
    @property
    def mean(self) -> float | None: ...


class _Dimension(Protocol):
    @property
    def dimension(self) -> str: ...
    @property
    def client(self) -> _Side: ...
    @property
    def supplier(self) -> _Side: ...
    @property
    def overall(self) -> _Side: ...


class _Action(Protocol):
    @property
    def id(self) -> str: ...


class _Status(Protocol):
    @property
    def action(self) -> str: ...
    @property
    def status(self) -> ActionStatus | Literal["unreported"]: ...


class _Plan(Protocol):
    @property
    def actions(self) -> Sequence[_Action]: ...
    @property
    def followup(self) -> Sequence[_Status]: ...


class Earlier(Protocol):
    """What an assessment reads of the earlier ones: no more than this.

    An :class:`AssessmentResult` is one; the portfolio reads a lighter one from its store
    (:class:`vendormaturity.model.result.EarlierAssessment`), a tenth of the cost of
    reading a whole result, so that adding a round costs the same whatever came before.
    """

    @property
    def relationship(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def phase(self) -> Phase: ...
    @property
    def phase_scores(self) -> Mapping[Phase, float]: ...
    @property
    def summary(self) -> Mapping[str, float | None]: ...
    @property
    def dimensions(self) -> Sequence[_Dimension]: ...
    @property
    def plan(self) -> _Plan: ...


# an earlier assessment: a response set (assessed in turn), a saved result, or what a store read of one
HistoryItem = ResponseSet | AssessmentResult | Earlier
# assesses one response set given the results before it, naming it *where* in messages
AssessOne = Callable[[CompiledQuestionnaire, ResponseSet, Sequence[Earlier], str], AssessmentResult]
_STORMING_NORMING = {Phase.STORMING, Phase.NORMING}


def earlier_results(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    history: Sequence[HistoryItem],
    assess_one: AssessOne,
) -> list[Earlier]:
    """The history as results, oldest first: saved results as they are, response sets assessed.

    Raises :class:`VendorMaturityError` if an item is of another relationship or out of order.
    """
    results: list[Earlier] = []
    for index, item in enumerate(history):
        where = f"history[{index}]"
        if item.relationship != responses.relationship:
            raise VendorMaturityError(
                msg(
                    "{path}: is for relationship '{relationship}', not '{expected}';"
                    " history must hold earlier assessments of the same relationship",
                    path=where,
                    relationship=item.relationship,
                    expected=responses.relationship,
                )
            )
        if item.date >= responses.date or (results and item.date <= results[-1].date):
            raise VendorMaturityError(
                msg(
                    "{path}: dated {date}, out of order; history must be oldest first and before {before}",
                    path=where,
                    date=item.date,
                    before=responses.date,
                )
            )
        if isinstance(item, ResponseSet):
            results.append(assess_one(compiled, item, list(results), where))
        else:
            results.append(item)
    return results


def phase_changes(phases: Sequence[Phase], window: int) -> tuple[int, int]:
    """(trailing norming streak, storming↔norming switches within the last *window* placements)."""
    streak = 0
    for phase in reversed(phases):
        if phase is not Phase.NORMING:
            break
        streak += 1
    recent = phases[-window:]
    switches = sum(1 for a, b in itertools.pairwise(recent) if a != b and {a, b} == _STORMING_NORMING)
    return streak, switches


def history_points(earlier: Sequence[Earlier]) -> list[HistoryPoint]:
    """The result's trajectory: each earlier assessment's date, phase and side means."""
    return construct_all(
        HistoryPoint,
        [
            {
                "date": result.date,
                "phase": result.phase,
                "phase_scores": dict(result.phase_scores),
                "client_mean": result.summary.get("client_mean"),
                "supplier_mean": result.summary.get("supplier_mean"),
            }
            for result in earlier
        ],
    )
