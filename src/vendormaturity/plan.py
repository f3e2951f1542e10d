"""The improvement plan: catalogue actions chosen for the findings, the weak dimensions
and the next phase, de-duplicated and prioritised, with the follow-up of the previous plan.

Priority 1 answers a high or critical finding; priority 2 answers any other finding or a
dimension at least half a point below the weak threshold; priority 3 is everything else
(other weak dimensions, moving to or holding the target phase).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from vendormaturity.compiled import CompiledQuestionnaire
from vendormaturity.questionnaire import Action, Horizon, Phase, Severity
from vendormaturity.responses import ActionStatus, FollowUp
from vendormaturity.result import Finding, FollowUpItem, Plan, PlannedAction, construct, construct_all

__all__ = ["build_plan"]

PER_WEAK_DIMENSION = 2
FOR_TARGET_PHASE = 2
_OPEN = (ActionStatus.IN_PROGRESS, ActionStatus.NOT_STARTED)


@attrs.define
class _Candidate:
    action: Action
    priority: int
    addresses: list[str]


def build_plan(
    compiled: CompiledQuestionnaire,
    *,
    phase: Phase,
    findings: Sequence[Finding],
    overall_means: Mapping[str, float | None],
    previous_actions: Sequence[str],
    followup: Sequence[FollowUp],
) -> Plan:
    """Choose, order and cap the actions; report how the previous plan was followed."""
    q = compiled.questionnaire
    settings = q.plan
    target = settings.targets.get(phase, phase)
    candidates: dict[str, _Candidate] = {}
    # An action reported done is not proposed again: if its finding persists, the
    # finding's other actions and the follow-up section say so.
    done = {item.action for item in followup if item.status is ActionStatus.DONE}

    def propose(action_id: str, priority: int, reason: str) -> None:
        if action_id in done:
            return
        action = compiled.actions[action_id]
        candidate = candidates.get(action_id)
        if candidate is None:
            candidates[action_id] = _Candidate(action, priority, [reason])
            return
        candidate.priority = min(candidate.priority, priority)
        if reason not in candidate.addresses:
            candidate.addresses.append(reason)

    for finding in findings:
        priority = 1 if finding.severity.rank >= Severity.HIGH.rank else 2
        for action_id in finding.actions:
            propose(action_id, priority, f"pattern:{finding.pattern}")

    weak = sorted(
        (mean, dimension)
        for dimension, mean in overall_means.items()
        if mean is not None and mean < settings.weak_threshold
    )
    for mean, dimension in weak:
        priority = 2 if mean <= settings.weak_threshold - 0.5 else 3
        suited = compiled.actions_for_dimension.get((dimension, phase), ())
        # prefer actions already chosen: one action answering two needs beats two actions
        preferred = [a for a in suited if a.id in candidates] + [a for a in suited if a.id not in candidates]
        for action in preferred[:PER_WEAK_DIMENSION]:
            propose(action.id, priority, f"dimension:{dimension}")

    # for the target phase: the actions of the weakest dimension first, then of the next
    # one..., then those tied to no dimension; each dimension's in (horizon, id) order
    lowest = sorted(overall_means, key=lambda d: (overall_means[d] is None, overall_means[d] or 0.0, d))
    for_phase: dict[str, Action] = {}  # by id: actions are compared by id, not field by field
    for dimension in lowest:
        for action in compiled.actions_for_phase_dimension.get((phase, dimension), ()):
            for_phase.setdefault(action.id, action)
        if len(for_phase) >= FOR_TARGET_PHASE:
            break
    else:
        for_phase.update((a.id, a) for a in compiled.actions_for_phase.get(phase, ()) if not a.dimensions)
    for action_id in list(for_phase)[:FOR_TARGET_PHASE]:
        propose(action_id, 3, f"phase:{target.value}")

    statuses = {item.action: item for item in followup}
    previous = set(previous_actions)
    chosen = sorted(
        candidates.values(),
        key=lambda c: (c.priority, c.action.horizon.rank, -len(c.addresses), c.action.id),
    )[: settings.max_actions]
    actions = construct_all(
        PlannedAction,
        (
            {
                "id": c.action.id,
                "title": dict(c.action.title),
                "description": dict(c.action.description),
                "owner": c.action.owner,
                "horizon": c.action.horizon,
                "priority": c.priority,
                "addresses": c.addresses,
                "success_indicator": dict(c.action.success_indicator),
                "carried_over": c.action.id in previous
                and (c.action.id not in statuses or statuses[c.action.id].status in _OPEN),
            }
            for c in chosen
        ),
    )
    closed_ratio, _ = followup_ratios(compiled, followup)
    catalogue = compiled.actions
    items = construct_all(
        FollowUpItem,
        (
            {
                "action": action_id,
                "title": dict(catalogue[action_id].title) if action_id in catalogue else {},
                "status": statuses[action_id].status if action_id in statuses else "unreported",
                "note": statuses[action_id].note if action_id in statuses else None,
            }
            for action_id in _ordered_union(previous_actions, [item.action for item in followup])
        ),
    )
    return construct(Plan, actions=actions, followup=items, closed_ratio=closed_ratio, target_phase=target)


def followup_ratios(
    compiled: CompiledQuestionnaire, followup: Sequence[FollowUp]
) -> tuple[float | None, float | None]:
    """(closed, not started) shares of the previous plan's actions that were due.

    An action is due unless it was dropped, or is still in progress with a horizon beyond
    the short term (a 3–12 month action under way is not late at the next assessment).
    """
    due = [
        item
        for item in followup
        if item.status is not ActionStatus.DROPPED
        and not (
            item.status is ActionStatus.IN_PROGRESS
            and item.action in compiled.actions
            and compiled.actions[item.action].horizon is not Horizon.SHORT
        )
    ]
    if not due:
        return None, None
    closed = sum(1 for item in due if item.status is ActionStatus.DONE) / len(due)
    not_started = sum(1 for item in due if item.status is ActionStatus.NOT_STARTED) / len(due)
    return closed, not_started


def _ordered_union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))
