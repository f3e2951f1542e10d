"""``assess()``: score ▶ place phase ▶ detect patterns ▶ plan, over one response set and its history."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from vendormaturity.engine.checks import fitted, response_notices
from vendormaturity.engine.comments import CommentsRead, read_comments
from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.engine.environment import (
    client_changes,
    dimension_values,
    placement_symbols,
    rule_environment,
    score_columns,
    summarise,
)
from vendormaturity.engine.history import HistoryItem, earlier_results, history_points
from vendormaturity.engine.patterns import detect_patterns
from vendormaturity.engine.phases import Placement, place_phase, stage_sum_baseline
from vendormaturity.engine.plan import build_plan, followup_ratios
from vendormaturity.engine.scoring import Scores, SideScores
from vendormaturity.engine.standing import complete_history
from vendormaturity.errors import Problem, ResponseError, format_path
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import (
    AssessmentResult,
    BaselineResult,
    DataUsage,
    DimensionScore,
    Finding,
    Notice,
    Plan,
    ScoreStatus,
    SideScore,
    Unevaluable,
    construct,
    construct_all,
)
from vendormaturity.rules.expressions import Value

__all__ = ["assess"]

_OK, _NO_RESPONDENTS, _INSUFFICIENT_DATA = (
    ScoreStatus.OK,
    ScoreStatus.NO_RESPONDENTS,
    ScoreStatus.INSUFFICIENT_DATA,
)


def assess(
    questionnaire: Questionnaire | CompiledQuestionnaire,
    responses: ResponseSet,
    history: Sequence[HistoryItem] = (),
) -> AssessmentResult:
    """Assess one relationship: scores, phase, findings and improvement plan.

    *history* holds the relationship's earlier assessments, oldest first, as response
    sets or as saved results. A standing fact the round does not give is carried from the
    last earlier response set that gave it, and a derived fact is computed from the others
    (``result.origins`` says which). Raises :class:`ResponseError` if the responses do not fit
    the questionnaire, :class:`VendorMaturityError` if the history is inconsistent.
    """
    compiled = (
        questionnaire
        if isinstance(questionnaire, CompiledQuestionnaire)
        else compile_questionnaire(questionnaire)
    )
    responses, history = complete_history(compiled, responses, history)
    earlier = earlier_results(compiled, responses, history, _assess)
    return _assess(compiled, responses, earlier, f"<responses {responses.relationship}>")


def _assess(
    compiled: CompiledQuestionnaire, responses: ResponseSet, earlier: list[AssessmentResult], where: str
) -> AssessmentResult:
    """The pipeline over one response set, its earlier assessments already assessed."""
    scores = _checked_scores(compiled, responses, where)
    columns = score_columns(scores)
    summary = summarise(scores)
    ratios = followup_ratios(compiled, responses.followup)
    comments = read_comments(compiled.vocabulary, responses, compiled.question_index)
    env = rule_environment(
        compiled,
        responses,
        columns=columns,
        summary=summary,
        earlier=earlier,
        ratios=ratios,
        comments=comments,
    )

    data_share = _data_share(scores)
    placement = place_phase(compiled, env, data_share=data_share)
    baseline = stage_sum_baseline(compiled, scores.answers)
    placement_symbols(env, compiled, placement, baseline, earlier)

    def per_dimension() -> list[tuple[Value, ...]]:
        return dimension_values(scores, columns, client_changes(compiled, columns, earlier))

    findings, unevaluable_patterns = detect_patterns(compiled, env, per_dimension, comments.comments)

    plan = build_plan(
        compiled,
        phase=placement.phase,
        findings=findings,
        overall_means=dict(zip(compiled.dimensions, scores.overall.mean, strict=True)),
        previous_actions=[action.id for action in earlier[-1].plan.actions] if earlier else [],
        followup=responses.followup,
        closed_ratio=ratios[0],
        dropped_earlier={
            item.action for result in earlier for item in result.plan.followup if item.status == "dropped"
        },
    )
    return _result(
        compiled,
        responses,
        scores=scores,
        summary=summary,
        placement=placement,
        baseline=baseline,
        findings=findings,
        not_evaluable=[*placement.unevaluable, *unevaluable_patterns],
        plan=plan,
        earlier=earlier,
        data=_data_usage(compiled, responses, scores, data_share, placement.rule_share),
        comments=comments,
    )


def _data_usage(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    scores: Scores,
    data_share: float,
    rule_share: float,
) -> DataUsage:
    """What the verdict rests on; too little data makes it insufficient (``scoring.min_data_share``)."""
    reasons: list[Literal["no_answers", "low_data_share"]] = []
    if scores.answered == 0:
        reasons.append("no_answers")
    elif data_share < compiled.questionnaire.scoring.min_data_share:
        reasons.append("low_data_share")
    given = responses.facts
    return construct(
        DataUsage,
        data_share=round(data_share, 4),
        rule_share=round(rule_share, 4),
        facts_given=[fact for fact in compiled.facts if fact in given],
        facts_missing=[fact for fact in compiled.facts if fact not in given],
        sufficient=not reasons,
        reasons=reasons,
    )


def _notices(compiled: CompiledQuestionnaire, responses: ResponseSet) -> list[Notice]:
    found = response_notices(compiled, responses)
    if not found:
        return []
    document = responses.model_dump(mode="json")
    rows = [{"kind": kind, "path": format_path(document, loc), "message": text} for kind, loc, text in found]
    rows.sort(
        key=lambda row: (row["path"], row["kind"])
    )  # by respondent: their order in a file is no information
    return construct_all(Notice, rows)


def _checked_scores(compiled: CompiledQuestionnaire, responses: ResponseSet, where: str) -> Scores:
    """Score the responses, or raise every located problem if they do not fit the questionnaire."""
    scores, problems = fitted(compiled, responses)
    if scores is not None:
        return scores
    document = responses.model_dump(mode="json")
    raise ResponseError(
        [Problem(message, path=format_path(document, loc), file=where) for loc, message in problems]
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


def _result(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    *,
    scores: Scores,
    summary: dict[str, float | None],
    placement: Placement,
    baseline: BaselineResult,
    findings: list[Finding],
    not_evaluable: list[Unevaluable],
    plan: Plan,
    earlier: list[AssessmentResult],
    data: DataUsage,
    comments: CommentsRead,
) -> AssessmentResult:
    q = compiled.questionnaire
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
        dimensions=_dimension_scores(compiled, scores),
        summary={name: None if value is None else round(value, 4) for name, value in summary.items()},
        findings=findings,
        not_evaluable=not_evaluable,
        plan=plan,
        history=history_points(earlier),
        notices=_notices(compiled, responses),
        data=data,
        provenance=dict(responses.provenance),
        origins=dict(responses.origins),
        comments=comments.comments,
        comment_triggers=comments.counts,
    )


def _dimension_scores(compiled: CompiledQuestionnaire, scores: Scores) -> list[DimensionScore]:
    low, high = compiled.low, compiled.high
    band_of = compiled.bands.find
    return construct_all(
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
                _side_scores(scores.client, low, high),
                _side_scores(scores.supplier, low, high),
                _side_scores(scores.overall, low, high),
                scores.gap,
                strict=True,
            )
        ],
    )


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
