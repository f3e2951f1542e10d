"""``assess()``: score ▶ place phase ▶ detect patterns ▶ plan, over one response set and its history."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from vendormaturity._source import format_path
from vendormaturity.compiled import CompiledQuestionnaire
from vendormaturity.errors import Problem, ResponseError, VendorMaturityError
from vendormaturity.expressions import Value
from vendormaturity.patterns import detect_patterns
from vendormaturity.phases import place_phase, stage_sum_baseline
from vendormaturity.plan import build_plan, followup_ratios
from vendormaturity.questionnaire import Phase, Questionnaire, band_of
from vendormaturity.responses import ActionStatus, ResponseSet, check_responses
from vendormaturity.result import (
    AssessmentResult,
    DimensionScore,
    HistoryPoint,
    ScoreStatus,
    SideScore,
    construct,
)
from vendormaturity.scoring import AnswersDoNotFit, Scores, SideStats, score_responses

__all__ = ["assess"]

HistoryItem = ResponseSet | AssessmentResult


def assess(
    questionnaire: Questionnaire | CompiledQuestionnaire,
    responses: ResponseSet,
    history: Sequence[HistoryItem] = (),
) -> AssessmentResult:
    """Assess one relationship: scores, phase, findings and improvement plan.

    *history* holds the relationship's earlier assessments, oldest first, as response
    sets or as saved results. Raises :class:`ResponseError` if the responses do not fit
    the questionnaire, :class:`VendorMaturityError` if the history is inconsistent.
    """
    compiled = questionnaire if isinstance(questionnaire, CompiledQuestionnaire) else questionnaire.compiled
    earlier = _earlier_results(compiled, responses, history)
    return _assess(compiled, responses, earlier, where=f"<responses {responses.relationship}>")


def _checked_scores(compiled: CompiledQuestionnaire, responses: ResponseSet, where: str) -> Scores:
    """Score the responses, or raise every located problem if they do not fit the questionnaire."""
    problems = check_responses(compiled.questionnaire, responses, answers=False)
    if not problems:
        try:
            return score_responses(compiled, responses)
        except AnswersDoNotFit:
            pass
    problems = check_responses(compiled.questionnaire, responses)
    document = responses.model_dump(mode="json")
    raise ResponseError(
        [Problem(message, path=format_path(document, loc), file=where) for loc, message in problems]
    )


def _earlier_results(
    compiled: CompiledQuestionnaire, responses: ResponseSet, history: Sequence[HistoryItem]
) -> list[AssessmentResult]:
    results: list[AssessmentResult] = []
    for index, item in enumerate(history):
        where = f"history[{index}]"
        if item.relationship != responses.relationship:
            raise VendorMaturityError(
                f"{where}: is for relationship '{item.relationship}', not '{responses.relationship}'; "
                "history must hold earlier assessments of the same relationship"
            )
        if item.date >= responses.date or (results and item.date <= results[-1].date):
            raise VendorMaturityError(
                f"{where}: dated {item.date}, out of order; "
                f"history must be oldest first and before {responses.date}"
            )
        if isinstance(item, AssessmentResult):
            results.append(item)
            continue
        results.append(_assess(compiled, item, list(results), where=where))
    return results


def _side_score(stats: SideStats, low: float, high: float) -> SideScore:
    if stats.respondents == 0 and stats.coverage == 0.0:
        status = ScoreStatus.NO_RESPONDENTS
    else:
        status = ScoreStatus.OK if stats.mean is not None else ScoreStatus.INSUFFICIENT_DATA
    mean = stats.mean
    return construct(
        SideScore,
        mean=None if mean is None else round(mean, 4),
        score=None if mean is None else round((mean - low) / (high - low) * 100.0, 2),
        coverage=round(stats.coverage, 4),
        respondents=stats.respondents,
        sd=None if stats.sd is None else round(stats.sd, 4),
        rwg=None if stats.rwg is None else round(stats.rwg, 4),
        status=status,
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _summary(compiled: CompiledQuestionnaire, scores: Scores) -> dict[str, float | None]:
    client = [d.client.mean for d in scores.dimensions if d.client.mean is not None]
    supplier = [d.supplier.mean for d in scores.dimensions if d.supplier.mean is not None]
    overall = [d.overall.mean for d in scores.dimensions if d.overall.mean is not None]
    gaps = [gap for d in scores.dimensions if (gap := d.gap) is not None]
    client_sd = [d.client.sd for d in scores.dimensions if d.client.sd is not None]
    given = scores.answered + scores.dont_know
    del compiled
    return {
        "client_mean": _mean(client),
        "supplier_mean": _mean(supplier),
        "overall_mean": _mean(overall),
        "client_min": min(client, default=None),
        "supplier_min": min(supplier, default=None),
        "overall_min": min(overall, default=None),
        "max_gap": max(gaps, default=None),
        "max_abs_gap": max((abs(g) for g in gaps), default=None),
        "max_client_sd": max(client_sd, default=None),
        "dont_know_ratio": scores.dont_know / given if given else None,
        "client_respondents": float(scores.client_respondents),
        "supplier_respondents": float(scores.supplier_respondents),
    }


def _phase_changes(phases: Sequence[Phase], window: int) -> tuple[int, int]:
    """(trailing norming streak, storming↔norming switches within the last *window* placements)."""
    streak = 0
    for phase in reversed(phases):
        if phase is not Phase.NORMING:
            break
        streak += 1
    pair = {Phase.STORMING, Phase.NORMING}
    recent = phases[-window:]
    switches = sum(1 for a, b in itertools.pairwise(recent) if a != b and {a, b} == pair)
    return streak, switches


def _assess(
    compiled: CompiledQuestionnaire, responses: ResponseSet, earlier: list[AssessmentResult], *, where: str
) -> AssessmentResult:
    q = compiled.questionnaire
    scores = _checked_scores(compiled, responses, where)
    summary = _summary(compiled, scores)
    env: dict[str, Value] = {}
    for name, fact in responses.facts.items():
        env[f"facts.{name}"] = float(fact) if fact.__class__ is int else fact
    previous = earlier[-1] if earlier else None
    previous_dims = {d.dimension: d for d in previous.dimensions} if previous else {}
    dimension_values: list[list[Value]] = []
    for dimension_id, stats, (score_names, delta_names) in zip(
        compiled.dimensions, scores.dimensions, compiled.dimension_symbols, strict=True
    ):
        client, supplier, overall = stats.client, stats.supplier, stats.overall
        values: list[Value] = [
            client.mean,
            supplier.mean,
            overall.mean,
            stats.gap,
            client.sd,
            supplier.sd,
            client.rwg,
            supplier.rwg,
            overall.coverage,
        ]
        env.update(zip(score_names, values, strict=True))
        before = previous_dims.get(dimension_id)
        delta_client = None
        if before is not None:
            delta_client = _delta(client.mean, before.client.mean)
            deltas = (
                delta_client,
                _delta(supplier.mean, before.supplier.mean),
                _delta(overall.mean, before.overall.mean),
            )
            env.update(zip(delta_names, deltas, strict=True))
        values.extend((delta_client, float(client.respondents), float(supplier.respondents)))
        dimension_values.append(values)
    for name, value in summary.items():
        env[f"summary.{name}"] = value
    if previous is not None:
        for name in ("client_mean", "supplier_mean", "overall_mean"):
            env[f"delta.summary.{name}"] = _delta(summary[name], previous.summary.get(name))
    earlier_phases = [result.phase for result in earlier]
    window = q.phases.trend_window
    streak, switches = _phase_changes(earlier_phases, window)
    env["history.count"] = float(len(earlier))
    env["history.previous_phase"] = previous.phase.value if previous else None
    env["history.norming_streak"] = float(streak)
    env["history.storming_norming_switches"] = float(switches)
    _followup_symbols(compiled, env, responses, earlier)

    placement = place_phase(compiled, env, data_share=_data_share(scores))
    baseline = stage_sum_baseline(compiled, [r.answers for r in responses.respondents])
    env["phase.current"] = placement.phase.value
    for phase, probability in placement.probabilities.items():
        env[f"phase.{phase.value}"] = probability
    ordered = sorted(placement.probabilities.values(), reverse=True)
    env["phase.margin"] = ordered[0] - ordered[1]
    env["phase.confidence"] = placement.confidence
    trend_streak, trend_switches = _phase_changes([*earlier_phases, placement.phase], window)
    env["trend.norming_streak"] = float(trend_streak)
    env["trend.storming_norming_switches"] = float(trend_switches)
    env["baseline.phase"] = baseline.phase.value if baseline.phase else None
    findings, unevaluable_patterns = detect_patterns(compiled, env, dimension_values)

    overall_means = {d: s.overall.mean for d, s in zip(compiled.dimensions, scores.dimensions, strict=True)}
    plan = build_plan(
        compiled,
        phase=placement.phase,
        findings=findings,
        overall_means=overall_means,
        previous_actions=[action.id for action in previous.plan.actions] if previous else [],
        followup=responses.followup,
    )
    low, high = compiled.low, compiled.high
    labels = {dimension.id: dimension.label for dimension in q.dimensions}
    dimensions = []
    for dimension_id, stats in zip(compiled.dimensions, scores.dimensions, strict=True):
        overall_score = _side_score(stats.overall, low, high)
        gap = stats.gap
        dimensions.append(
            construct(
                DimensionScore,
                dimension=dimension_id,
                label=dict(labels[dimension_id]),
                client=_side_score(stats.client, low, high),
                supplier=_side_score(stats.supplier, low, high),
                overall=overall_score,
                gap=None if gap is None else round(gap, 4),
                band=band_of(q.scoring.bands, overall_score.score),
            )
        )
    confidence = round(placement.confidence, 4)
    return construct(
        AssessmentResult,
        schema_version=1,
        questionnaire=q.id,
        questionnaire_version=q.version,
        relationship=responses.relationship,
        client=responses.client,
        supplier=responses.supplier,
        date=responses.date,
        respondents={"client": scores.client_respondents, "supplier": scores.supplier_respondents},
        phase=placement.phase,
        phase_scores={phase: round(p, 6) for phase, p in placement.probabilities.items()},
        confidence=confidence,
        confidence_label="high" if confidence >= 0.7 else "medium" if confidence >= 0.45 else "low",
        phase_evidence=placement.evidence,
        baseline=baseline,
        dimensions=dimensions,
        summary={name: None if value is None else round(value, 4) for name, value in summary.items()},
        findings=findings,
        not_evaluable=[*placement.unevaluable, *unevaluable_patterns],
        plan=plan,
        history=[
            construct(
                HistoryPoint,
                date=result.date,
                phase=result.phase,
                phase_scores=result.phase_scores,
                client_mean=result.summary.get("client_mean"),
                supplier_mean=result.summary.get("supplier_mean"),
            )
            for result in earlier
        ],
    )


def _data_share(scores: Scores) -> float:
    """How much of a full assessment's data this one has, 0–1.

    Per dimension and side: the answered coverage if the side has a score (0 if not), times
    a people factor that reaches 1 at two respondents (one person's view is half a view).
    A full assessment – both sides, two or more people each, everything answered – gives 1.
    """
    people = (min(1.0, scores.client_respondents / 2), min(1.0, scores.supplier_respondents / 2))
    total = 0.0
    for stats in scores.dimensions:
        for factor, side in zip(people, (stats.client, stats.supplier), strict=True):
            if side.mean is not None:
                total += factor * side.coverage
    return total / (2 * len(scores.dimensions)) if scores.dimensions else 0.0


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _followup_symbols(
    compiled: CompiledQuestionnaire,
    env: dict[str, Value],
    responses: ResponseSet,
    earlier: list[AssessmentResult],
) -> None:
    planned = [action.id for action in earlier[-1].plan.actions] if earlier else []
    done = {item.action for item in responses.followup if item.status is ActionStatus.DONE}
    env["followup.planned"] = float(len(planned))
    env["followup.reported"] = float(len(responses.followup))
    closed, not_started = followup_ratios(compiled, responses.followup)
    env["followup.closed_ratio"] = closed
    env["followup.not_started_ratio"] = not_started
    stale = 0.0
    if len(earlier) >= 2:
        before = {action.id for action in earlier[-2].plan.actions}
        stale = float(sum(1 for action_id in planned if action_id in before and action_id not in done))
    env["followup.stale"] = stale
