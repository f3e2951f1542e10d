"""Tuckman placement: weighted phase rules turned into probabilities, and the stage-sum baseline.

Each phase rule adds ``weight × value`` to its phase's score when it can be evaluated
(a condition counts 1 or 0, a graded rule a value in [0, 1]). Probabilities are the
softmax of the scores over the five phases, divided by the questionnaire's temperature.
Confidence is the winning probability × the share of rule weight that could be evaluated
× the share of the data a full assessment would have (see ``data_share`` in assessment).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from operator import getitem
from typing import Literal, cast

import attrs

from vendormaturity.engine.compiled import CompiledQuestionnaire, CompiledRule
from vendormaturity.model.questionnaire import Phase
from vendormaturity.model.result import (
    BaselineResult,
    Evidence,
    RuleEvidence,
    Unevaluable,
    construct,
    construct_all,
)
from vendormaturity.rules.expressions import Reading, Value

__all__ = ["Placement", "evidence_from_atoms", "place_phase", "stage_sum_baseline"]

PHASES = tuple(Phase)
STAGE_PHASES = (Phase.FORMING, Phase.STORMING, Phase.NORMING, Phase.PERFORMING)


@attrs.frozen
class Placement:
    phase: Phase
    probabilities: dict[Phase, float]
    confidence: float
    rule_share: float  # the share of rule weight that could be evaluated
    evidence: list[RuleEvidence]
    unevaluable: list[Unevaluable]


def place_phase(compiled: CompiledQuestionnaire, env: Mapping[str, Value], *, data_share: float) -> Placement:
    """Place the relationship in a phase from the questionnaire's phase rules."""
    settings = compiled.questionnaire.phases
    scores = dict.fromkeys(PHASES, 0.0)
    scores.update(settings.prior)
    fired: list[tuple[CompiledRule, float, float]] = []
    unevaluable: list[Unevaluable] = []
    total_weight = evaluable_weight = 0.0
    for rule in compiled.phase_rules:
        when = rule.when
        total_weight += rule.size
        raw = when.evaluate(env)
        if raw is None:
            missing = sorted(name for name in when.names if env.get(name) is None)
            unevaluable.append(construct(Unevaluable, kind="phase_rule", id=rule.id, missing=missing))
            continue
        evaluable_weight += rule.size
        if raw.__class__ is not bool:
            raw = min(1.0, max(0.0, cast(float, raw)))
        if raw:
            value = float(raw)
            contribution = rule.weight * value
            scores[rule.phase] += contribution
            fired.append((rule, value, contribution))
    temperature = settings.temperature
    top = max(scores.values())
    exp = math.exp
    exponentials = [exp((score - top) / temperature) for score in scores.values()]
    total = math.fsum(exponentials)
    probabilities = {phase: e / total for phase, e in zip(PHASES, exponentials, strict=True)}
    # Ties go to the earlier phase (max keeps the first), so the result never depends on
    # dict ordering.
    phase = max(PHASES, key=probabilities.__getitem__)
    share = evaluable_weight / total_weight if total_weight else 0.0
    confidence = probabilities[phase] * share * data_share
    fired.sort(key=_by_contribution)
    evidence = construct_all(
        RuleEvidence,
        [
            {
                "rule": rule.id,
                "phase": rule.phase,
                "weight": rule.weight,
                "value": round(value, 4),
                "contribution": round(contribution, 4),
                "because": rule.because,
                "evidence": evidence_from_atoms(rule.when.readings(env)),
            }
            for rule, value, contribution in fired
        ],
    )
    return Placement(
        phase=phase,
        probabilities=probabilities,
        confidence=confidence,
        rule_share=share,
        evidence=evidence,
        unevaluable=unevaluable,
    )


def _by_contribution(item: tuple[CompiledRule, float, float]) -> tuple[float, str]:
    """Evidence order: the largest contribution first, either way; ties by rule id."""
    return -abs(item[2]), item[0].id


def evidence_from_atoms(readings: list[Reading], dimension: str | None = None) -> list[Evidence]:
    return construct_all(
        Evidence,
        [
            {
                "condition": text,
                "value": round(left, 4) if type(left) is float else left,
                "threshold": round(right, 4) if type(right) is float else right,
                "holds": holds,
                "dimension": dimension,
            }
            for text, left, right, holds in readings
        ],
    )


def stage_sum_baseline(
    compiled: CompiledQuestionnaire, raw_answers: Sequence[Mapping[str, object]]
) -> BaselineResult:
    """Donald Clark's reading: the stage whose tagged items get the highest mean rating.

    Like the instrument it imitates, it reads raw ratings (no reversal), ignores facts and
    history, and knows nothing of adjourning: it is the reference to beat, not an oracle.
    The answers must fit the questionnaire (``assess`` checks them first).
    """
    settings = compiled.questionnaire.baseline
    ids, ratings, stages = compiled.baseline_ids, compiled.baseline_ratings, compiled.baseline_stages
    # per stage of `stages`, the sum of the rating means of the people who rated it, and
    # how many did
    sums = [0.0] * len(stages)
    counts = [0] * len(stages)
    people = 0
    for answers in raw_answers:
        row = list(map(getitem, ratings, map(answers.get, ids)))  # ratings + count × 1j
        rated = False
        for index, (_, part) in enumerate(stages):
            total = sum(row[part], 0j)
            if total.imag:
                rated = True
                sums[index] += total.real / total.imag
                counts[index] += 1
        people += rated
    means: dict[Phase, float | None] = dict.fromkeys(STAGE_PHASES)
    for (phase, _), total, count in zip(stages, sums, counts, strict=True):
        if count:
            means[phase] = round(total / count, 4)
    find = compiled.baseline_bands.find
    bands = {phase: find(mean) for phase, mean in means.items()}
    known = sorted(((mean, phase) for phase, mean in means.items() if mean is not None), key=lambda x: -x[0])
    if not known:
        return construct(
            BaselineResult,
            phase=None,
            verdict="no_data",
            stage_means=means,
            stage_bands=bands,
            respondents=people,
        )
    close = settings.close if settings else 0.25
    best_mean, best = known[0]
    near = [phase for mean, phase in known if best_mean - mean <= close]
    verdict: Literal["clear", "transition", "unclear"] = "clear"
    phase = best
    if len(near) == 2:
        verdict = "transition"
        pair = set(near)
        if pair == {Phase.FORMING, Phase.STORMING}:
            phase = Phase.STORMING
        elif pair == {Phase.NORMING, Phase.PERFORMING}:
            phase = Phase.PERFORMING
    elif len(near) > 2:
        verdict, phase = "unclear", Phase.STORMING
    return construct(
        BaselineResult, phase=phase, verdict=verdict, stage_means=means, stage_bands=bands, respondents=people
    )
