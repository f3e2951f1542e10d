"""``assess()``: score ▶ place phase ▶ detect patterns ▶ plan, over one response set and its history."""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence

from vendormaturity._source import format_path
from vendormaturity.compiled import CompiledQuestionnaire
from vendormaturity.errors import Problem, ResponseError, VendorMaturityError
from vendormaturity.expressions import Value
from vendormaturity.patterns import detect_patterns
from vendormaturity.phases import place_phase, stage_sum_baseline
from vendormaturity.plan import build_plan, followup_ratios
from vendormaturity.questionnaire import Phase, Questionnaire
from vendormaturity.responses import ActionStatus, ResponseSet, check_responses
from vendormaturity.result import (
    AssessmentResult,
    DimensionScore,
    HistoryPoint,
    ScoreStatus,
    SideScore,
    construct,
    construct_all,
)
from vendormaturity.scoring import AnswersDoNotFit, Scores, SideScores, score_responses

__all__ = ["assess"]

HistoryItem = ResponseSet | AssessmentResult
_OK, _NO_RESPONDENTS, _INSUFFICIENT_DATA = (
    ScoreStatus.OK,
    ScoreStatus.NO_RESPONDENTS,
    ScoreStatus.INSUFFICIENT_DATA,
)
_DONE = ActionStatus.DONE
_SIDE_MEANS = operator.attrgetter("client.mean", "supplier.mean", "overall.mean")
_NO_MEANS = (None, None, None)  # a dimension the earlier assessment did not have
_VALUE = {phase: phase.value for phase in Phase}  # (an enum's .value is a property)
_PHASE_SYMBOL = {phase: f"phase.{phase.value}" for phase in Phase}


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


def _side_scores(columns: SideScores, low: float, high: float) -> list[SideScore]:
    return construct_all(
        SideScore,
        [
            {
                "mean": None if mean is None else round(mean, 4),
                "score": None if mean is None else round((mean - low) / (high - low) * 100.0, 2),
                # full coverage, the usual case, is exact: no need to round it
                "coverage": coverage if coverage == 1.0 else round(coverage, 4),
                "respondents": respondents,
                "sd": None if sd is None else round(sd, 4),
                "rwg": None if rwg is None else round(rwg, 4),
                "status": _OK
                if mean is not None
                else _NO_RESPONDENTS
                if respondents == 0 and coverage == 0.0
                else _INSUFFICIENT_DATA,
            }
            for mean, coverage, respondents, sd, rwg in zip(
                columns.mean, columns.coverage, columns.respondents, columns.sd, columns.rwg, strict=True
            )
        ],
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _summary(scores: Scores) -> dict[str, float | None]:
    client = [mean for mean in scores.client.mean if mean is not None]
    supplier = [mean for mean in scores.supplier.mean if mean is not None]
    overall = [mean for mean in scores.overall.mean if mean is not None]
    gaps = [gap for gap in scores.gap if gap is not None]
    client_sd = [sd for sd in scores.client.sd if sd is not None]
    given = scores.answered + scores.dont_know
    return {
        "client_mean": _mean(client),
        "supplier_mean": _mean(supplier),
        "overall_mean": _mean(overall),
        "client_min": min(client, default=None),
        "supplier_min": min(supplier, default=None),
        "overall_min": min(overall, default=None),
        "max_gap": max(gaps, default=None),
        "max_abs_gap": max(map(abs, gaps), default=None),
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
    client, supplier, overall = scores.client, scores.supplier, scores.overall
    summary = _summary(scores)
    # every name a rule may use, None (missing) until set: filling a dict of the final
    # size is cheaper than growing one
    env = dict(compiled.environment)
    fact_symbols = compiled.fact_symbols
    env.update(
        (fact_symbols[name], float(value) if value.__class__ is int else value)
        for name, value in responses.facts.items()
    )
    columns: tuple[Sequence[float | None], ...] = (
        client.mean,
        supplier.mean,
        overall.mean,
        scores.gap,
        client.sd,
        supplier.sd,
        client.rwg,
        supplier.rwg,
        overall.coverage,
    )
    for position, index, name in compiled.score_reads:
        env[name] = columns[position][index]
    previous = earlier[-1] if earlier else None
    delta_client: list[float | None] = [None] * len(compiled.dimensions)
    if previous is not None:
        wanted = compiled.delta_dimensions
        if wanted:
            # the (client, supplier, overall) means then of the dimensions a change is read of
            then = {d.dimension: _SIDE_MEANS(d) for d in previous.dimensions if d.dimension in wanted}
            ids = compiled.dimensions
            for side, index, name in compiled.delta_reads:
                env[name] = _delta(columns[side][index], then.get(ids[index], _NO_MEANS)[side])
            if compiled.dim_reads_delta:
                delta_client = [
                    _delta(now, then.get(name, _NO_MEANS)[0])
                    for now, name in zip(client.mean, ids, strict=True)
                ]
        for name in ("client_mean", "supplier_mean", "overall_mean"):
            env[f"delta.summary.{name}"] = _delta(summary[name], previous.summary.get(name))
    summary_symbols = compiled.summary_symbols
    env.update({summary_symbols[name]: value for name, value in summary.items()})
    earlier_phases = [result.phase for result in earlier]
    window = q.phases.trend_window
    streak, switches = _phase_changes(earlier_phases, window)
    env["history.count"] = float(len(earlier))
    env["history.previous_phase"] = _VALUE[previous.phase] if previous else None
    env["history.norming_streak"] = float(streak)
    env["history.storming_norming_switches"] = float(switches)
    planned = [action.id for action in previous.plan.actions] if previous else []
    closed_ratio, not_started_ratio = followup_ratios(compiled, responses.followup)
    _followup_symbols(env, responses, earlier, planned, (closed_ratio, not_started_ratio))

    placement = place_phase(compiled, env, data_share=_data_share(scores))
    baseline = stage_sum_baseline(compiled, [r.answers for r in responses.respondents])
    env["phase.current"] = _VALUE[placement.phase]
    env.update({_PHASE_SYMBOL[phase]: p for phase, p in placement.probabilities.items()})
    ordered = sorted(placement.probabilities.values(), reverse=True)
    env["phase.margin"] = ordered[0] - ordered[1]
    env["phase.confidence"] = placement.confidence
    trend_streak, trend_switches = _phase_changes([*earlier_phases, placement.phase], window)
    env["trend.norming_streak"] = float(trend_streak)
    env["trend.storming_norming_switches"] = float(trend_switches)
    env["baseline.phase"] = _VALUE[baseline.phase] if baseline.phase else None

    def dimension_values() -> list[tuple[Value, ...]]:
        """Per dimension, the values of ``dim.*`` in ``DIM_NAMES`` order."""
        people = (
            [float(n) for n in client.respondents],
            [float(n) for n in supplier.respondents],
        )
        return list(zip(*columns, delta_client, *people, strict=True))

    findings, unevaluable_patterns = detect_patterns(compiled, env, dimension_values)

    plan = build_plan(
        compiled,
        phase=placement.phase,
        findings=findings,
        overall_means=dict(zip(compiled.dimensions, overall.mean, strict=True)),
        previous_actions=planned,
        followup=responses.followup,
        closed_ratio=closed_ratio,
    )
    low, high = compiled.low, compiled.high
    band_of = compiled.bands.find
    dimensions = construct_all(
        DimensionScore,
        [
            {
                "dimension": dimension,
                "label": dict(label),
                "client": client_score,
                "supplier": supplier_score,
                "overall": overall_score,
                "gap": None if gap is None else round(gap, 4),
                "band": band_of(overall_score.score),
            }
            for dimension, label, client_score, supplier_score, overall_score, gap in zip(
                compiled.dimensions,
                compiled.dimension_labels,
                _side_scores(client, low, high),
                _side_scores(supplier, low, high),
                _side_scores(overall, low, high),
                scores.gap,
                strict=True,
            )
        ],
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
        history=construct_all(
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
        ),
    )


def _data_share(scores: Scores) -> float:
    """How much of a full assessment's data this one has, 0–1.

    Per dimension and side: the answered coverage if the side has a score (0 if not), times
    a people factor that reaches 1 at two respondents (one person's view is half a view).
    A full assessment – both sides, two or more people each, everything answered – gives 1.
    """
    count = len(scores.gap)
    if not count:
        return 0.0
    total = 0.0
    for people, side in (
        (scores.client_respondents, scores.client),
        (scores.supplier_respondents, scores.supplier),
    ):
        factor = min(1.0, people / 2)
        total += factor * math.fsum(
            coverage for mean, coverage in zip(side.mean, side.coverage, strict=True) if mean is not None
        )
    return total / (2 * count)


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _followup_symbols(
    env: dict[str, Value],
    responses: ResponseSet,
    earlier: list[AssessmentResult],
    planned: list[str],
    ratios: tuple[float | None, float | None],
) -> None:
    """The ``followup.*`` symbols; *planned* holds the previous plan's action ids, *ratios*
    the closed and not-started shares of its due actions (see ``plan.followup_ratios``)."""
    done = {item.action for item in responses.followup if item.status is _DONE}
    env["followup.planned"] = float(len(planned))
    env["followup.reported"] = float(len(responses.followup))
    env["followup.closed_ratio"], env["followup.not_started_ratio"] = ratios
    stale = 0.0
    if len(earlier) >= 2:
        before = {action.id for action in earlier[-2].plan.actions}
        stale = float(sum(1 for action_id in planned if action_id in before and action_id not in done))
    env["followup.stale"] = stale
