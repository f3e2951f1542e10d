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

from vendormaturity.compiled import CompiledQuestionnaire, CompiledRule
from vendormaturity.expressions import Reading, Value
from vendormaturity.questionnaire import Phase, band_of
from vendormaturity.result import (
    BaselineResult,
    Evidence,
    RuleEvidence,
    Unevaluable,
    construct,
    construct_all,
)

__all__ = ["Placement", "evidence_from_atoms", "place_phase", "stage_sum_baseline"]

PHASES = tuple(Phase)
STAGE_PHASES = (Phase.FORMING, Phase.STORMING, Phase.NORMING, Phase.PERFORMING)


@attrs.frozen
class Placement:
    phase: Phase
    probabilities: dict[Phase, float]
    confidence: float
    evidence: list[RuleEvidence]
    unevaluable: list[Unevaluable]


def place_phase(compiled: CompiledQuestionnaire, env: Mapping[str, Value], *, data_share: float) -> Placement:
    """Place the relationship in a phase from the questionnaire's phase rules."""
    prior = compiled.questionnaire.phases.prior
    scores = {phase: prior.get(phase, 0.0) for phase in PHASES}
    fired: list[tuple[CompiledRule, float, float]] = []
    unevaluable: list[Unevaluable] = []
    total_weight = evaluable_weight = 0.0
    for rule in compiled.phase_rules:
        weight = rule.weight
        total_weight += rule.size
        raw = rule.when.evaluate(env)
        if raw is None:
            missing = sorted(name for name in rule.when.names if env.get(name) is None)
            unevaluable.append(construct(Unevaluable, kind="phase_rule", id=rule.id, missing=missing))
            continue
        evaluable_weight += rule.size
        value = (1.0 if raw else 0.0) if raw.__class__ is bool else min(1.0, max(0.0, cast(float, raw)))
        if value > 0.0:
            contribution = weight * value
            scores[rule.phase] += contribution
            fired.append((rule, value, contribution))
    temperature = compiled.questionnaire.phases.temperature
    top = max(scores.values())
    exponentials = {phase: math.exp((score - top) / temperature) for phase, score in scores.items()}
    total = math.fsum(exponentials.values())
    probabilities = {phase: exponentials[phase] / total for phase in PHASES}
    # Ties are broken by the phase order, so the result never depends on dict ordering.
    phase = max(PHASES, key=lambda p: (probabilities[p], -PHASES.index(p)))
    share = evaluable_weight / total_weight if total_weight else 0.0
    confidence = probabilities[phase] * share * data_share
    fired.sort(key=lambda item: (-abs(item[2]), item[0].id))
    evidence = construct_all(
        RuleEvidence,
        (
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
        ),
    )
    return Placement(
        phase=phase,
        probabilities=probabilities,
        confidence=confidence,
        evidence=evidence,
        unevaluable=unevaluable,
    )


def evidence_from_atoms(readings: list[Reading], dimension: str | None = None) -> list[Evidence]:
    return construct_all(
        Evidence,
        (
            {
                "condition": text,
                "value": round(left, 4) if type(left) is float else left,
                "threshold": round(right, 4) if type(right) is float else right,
                "holds": holds,
                "dimension": dimension,
            }
            for text, left, right, holds in readings
        ),
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
    tagged = compiled.baseline_items
    sums = dict.fromkeys(STAGE_PHASES, 0.0)
    counts = dict.fromkeys(STAGE_PHASES, 0)
    people = 0
    for answers in raw_answers:
        rated = False
        for phase, ids, ratings in tagged:
            total = sum(map(getitem, ratings, map(answers.get, ids)), 0j)  # ratings + count × 1j
            if total.imag:
                rated = True
                sums[phase] += total.real / total.imag
                counts[phase] += 1
        people += rated
    means: dict[Phase, float | None] = {
        phase: round(sums[phase] / counts[phase], 4) if counts[phase] else None for phase in STAGE_PHASES
    }
    bands = {phase: band_of(settings.bands if settings else [], mean) for phase, mean in means.items()}
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
