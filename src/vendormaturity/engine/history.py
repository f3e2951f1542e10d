"""A relationship's earlier assessments: checked, assessed in turn, and read for trends."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.errors import VendorMaturityError
from vendormaturity.i18n import msg
from vendormaturity.model.questionnaire import Phase
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult, HistoryPoint, construct_all

__all__ = ["HistoryItem", "earlier_results", "history_points", "phase_changes"]

HistoryItem = ResponseSet | AssessmentResult
# assesses one response set given the results before it, naming it *where* in messages
AssessOne = Callable[[CompiledQuestionnaire, ResponseSet, list[AssessmentResult], str], AssessmentResult]
_STORMING_NORMING = {Phase.STORMING, Phase.NORMING}


def earlier_results(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    history: Sequence[HistoryItem],
    assess_one: AssessOne,
) -> list[AssessmentResult]:
    """The history as results, oldest first: saved results as they are, response sets assessed.

    Raises :class:`VendorMaturityError` if an item is of another relationship or out of order.
    """
    results: list[AssessmentResult] = []
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
        if isinstance(item, AssessmentResult):
            results.append(item)
            continue
        results.append(assess_one(compiled, item, list(results), where))
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


def history_points(earlier: Sequence[AssessmentResult]) -> list[HistoryPoint]:
    """The result's trajectory: each earlier assessment's date, phase and side means."""
    return construct_all(
        HistoryPoint,
        [
            {
                "date": result.date,
                "phase": result.phase,
                "phase_scores": result.phase_scores,
                "client_mean": result.summary.get("client_mean"),
                "supplier_mean": result.summary.get("supplier_mean"),
            }
            for result in earlier
        ],
    )
