"""The improvement plan: catalogue actions chosen for the findings, the weak dimensions
and the next phase, de-duplicated and prioritised, with the follow-up of the previous plan.

Priority 1 answers a high or critical finding; priority 2 answers any other finding or a
dimension at least half a point below the weak threshold; priority 3 is everything else
(other weak dimensions, moving to or holding the target phase). A suspected finding's
actions come one step later, after the questionnaire's ``plan.confirm_action`` (establish
the facts that would confirm it), which takes the finding's own priority.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs

from vendormaturity.engine.compiled import CompiledAction, CompiledQuestionnaire
from vendormaturity.model.questionnaire import Horizon, Phase, Severity
from vendormaturity.model.responses import ActionStatus, FollowUp
from vendormaturity.model.result import Finding, FollowUpItem, Plan, PlannedAction, construct, construct_all

__all__ = ["build_plan"]

PER_WEAK_DIMENSION = 2
FOR_TARGET_PHASE = 2
_DONE, _DROPPED, _IN_PROGRESS = ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.IN_PROGRESS
_OPEN = (_IN_PROGRESS, ActionStatus.NOT_STARTED)
_SHORT = Horizon.SHORT
_PRIORITY_OF_SEVERITY = {severity: 1 if severity.rank >= Severity.HIGH.rank else 2 for severity in Severity}


@attrs.define
class _Candidate:
    action: CompiledAction
    priority: int
    addresses: list[str]

    def order(self) -> tuple[int, int, int, str]:
        """Plan order: priority, then the shorter horizon, the more needs answered, the id."""
        action = self.action
        return self.priority, action.horizon_rank, -len(self.addresses), action.id


def build_plan(
    compiled: CompiledQuestionnaire,
    *,
    phase: Phase,
    findings: Sequence[Finding],
    overall_means: Mapping[str, float | None],
    previous_actions: Sequence[str],
    followup: Sequence[FollowUp],
    closed_ratio: float | None,
    dropped_earlier: Collection[str] = (),
) -> Plan:
    """Choose, order and cap the actions; report how the previous plan was followed.

    *closed_ratio* is the closed share of the previous plan's due actions, as
    :func:`followup_ratios` gives it; *dropped_earlier* the actions an earlier follow-up
    reported dropped (proposed again, they are marked ``dropped_before``).
    """
    settings = compiled.questionnaire.plan
    target = settings.targets.get(phase, phase)
    statuses = {item.action: item for item in followup}
    proposals = _Proposals(compiled, statuses)
    proposals.for_findings(findings, settings.confirm_action)
    proposals.for_weak_dimensions(overall_means, phase, settings.weak_threshold)
    proposals.for_phase(overall_means, phase, target)
    chosen = sorted(proposals.candidates.values(), key=_Candidate.order)[: settings.max_actions]
    return construct(
        Plan,
        actions=_planned(chosen, set(previous_actions), statuses, dropped_earlier),
        followup=_followup_items(compiled, previous_actions, statuses),
        closed_ratio=closed_ratio,
        target_phase=target,
    )


class _Proposals:
    """The candidate actions and what each answers; an action reported done is not proposed.

    (If its finding persists, the finding's other actions and the follow-up section say so.)
    """

    def __init__(self, compiled: CompiledQuestionnaire, statuses: Mapping[str, FollowUp]) -> None:
        self.compiled = compiled
        self.candidates: dict[str, _Candidate] = {}
        self.done = {action_id for action_id, item in statuses.items() if item.status is _DONE}

    def propose(self, action_id: str, priority: int, reason: str) -> None:
        if action_id in self.done:
            return
        candidate = self.candidates.get(action_id)
        if candidate is None:
            self.candidates[action_id] = _Candidate(self.compiled.actions[action_id], priority, [reason])
            return
        candidate.priority = min(candidate.priority, priority)
        if reason not in candidate.addresses:
            candidate.addresses.append(reason)

    def for_findings(self, findings: Sequence[Finding], confirm_action: str | None) -> None:
        """Each finding's actions; a suspected finding's one step lower, after establishing
        the facts that would confirm it (*confirm_action*, at the finding's own priority)."""
        for finding in findings:
            priority = _PRIORITY_OF_SEVERITY[finding.severity]
            reason = f"pattern:{finding.pattern}"
            if finding.status == "suspected":
                if confirm_action is not None:
                    self.propose(confirm_action, priority, reason)
                priority = min(3, priority + 1)
            for action_id in finding.actions:
                self.propose(action_id, priority, reason)

    def for_weak_dimensions(
        self, overall_means: Mapping[str, float | None], phase: Phase, weak_threshold: float
    ) -> None:
        weak = sorted(
            (mean, dimension)
            for dimension, mean in overall_means.items()
            if mean is not None and mean < weak_threshold
        )
        for mean, dimension in weak:
            priority = 2 if mean <= weak_threshold - 0.5 else 3
            suited = self.compiled.actions_for_dimension.get((dimension, phase), ())
            # prefer actions already chosen: one action answering two needs beats two actions
            chosen = self.candidates
            preferred = [a for a in suited if a.id in chosen] + [a for a in suited if a.id not in chosen]
            for action in preferred[:PER_WEAK_DIMENSION]:
                self.propose(action.id, priority, f"dimension:{dimension}")

    def for_phase(self, overall_means: Mapping[str, float | None], phase: Phase, target: Phase) -> None:
        """For the target phase: the actions of the weakest dimension first, then of the next
        one..., then those tied to no dimension; each dimension's in (horizon, id) order."""
        lowest = sorted(overall_means, key=lambda d: (overall_means[d] is None, overall_means[d] or 0.0, d))
        for_phase: dict[str, CompiledAction] = {}
        for dimension in lowest:
            for action in self.compiled.actions_for_phase_dimension.get((phase, dimension), ()):
                for_phase.setdefault(action.id, action)
            if len(for_phase) >= FOR_TARGET_PHASE:
                break
        else:
            undirected = self.compiled.actions_for_phase.get(phase, ())
            for_phase.update((a.id, a) for a in undirected if not a.dimensions)
        reason = f"phase:{target.value}"
        for action_id in list(for_phase)[:FOR_TARGET_PHASE]:
            self.propose(action_id, 3, reason)


def _planned(
    chosen: Sequence[_Candidate],
    previous: set[str],
    statuses: Mapping[str, FollowUp],
    dropped_earlier: Collection[str],
) -> list[PlannedAction]:
    dropped = {action_id for action_id, item in statuses.items() if item.status is _DROPPED}
    dropped.update(dropped_earlier)
    return construct_all(
        PlannedAction,
        [
            {
                "id": action.id,
                "title": dict(action.title),
                "description": dict(action.description),
                "owner": action.owner,
                "horizon": action.horizon,
                "priority": candidate.priority,
                "addresses": candidate.addresses,
                "success_indicator": dict(action.success_indicator),
                "carried_over": action.id in previous
                and (action.id not in statuses or statuses[action.id].status in _OPEN),
                "dropped_before": action.id in dropped,
            }
            for candidate in chosen
            for action in (candidate.action,)
        ],
    )


def _followup_items(
    compiled: CompiledQuestionnaire, previous_actions: Sequence[str], statuses: Mapping[str, FollowUp]
) -> list[FollowUpItem]:
    catalogue = compiled.actions
    return construct_all(
        FollowUpItem,
        [
            {
                "action": action_id,
                "title": dict(catalogue[action_id].title) if action_id in catalogue else {},
                "status": item.status if item is not None else "unreported",
                "note": item.note if item is not None else None,
                "due": item is not None and _is_due(catalogue, item),
            }
            for action_id in _ordered_union(previous_actions, statuses)
            for item in (statuses.get(action_id),)
        ],
    )


def followup_ratios(
    compiled: CompiledQuestionnaire, followup: Sequence[FollowUp]
) -> tuple[float | None, float | None]:
    """(closed, not started) shares of the previous plan's actions that were due.

    An action is due unless it was dropped, or is still in progress with a horizon beyond
    the short term (a 3–12 month action under way is not late at the next assessment).
    """
    catalogue = compiled.actions
    due = [item.status for item in followup if _is_due(catalogue, item)]
    if not due:
        return None, None
    return due.count(_DONE) / len(due), due.count(ActionStatus.NOT_STARTED) / len(due)


def _is_due(catalogue: Mapping[str, CompiledAction], item: FollowUp) -> bool:
    status = item.status
    if status is _DROPPED:
        return False
    action = catalogue.get(item.action)
    return not (status is _IN_PROGRESS and action is not None and action.horizon is not _SHORT)


def _ordered_union(first: Iterable[str], second: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))
