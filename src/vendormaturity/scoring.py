"""Dimension scores per side: weighted means, coverage, spread, agreement, gaps.

Conventions (documented in ``docs/scoring.md``):

* an item's value is reversed if needed (``min + max − x``) and rescaled onto the
  questionnaire's scoring range; a don't-know code is missing, never 0;
* a respondent's dimension mean is the weighted mean of the items they answered;
* a side's dimension mean is the mean of its respondents' means: each person counts once;
* coverage is the answered share of the weight the side's respondents were asked;
  below ``scoring.min_coverage`` the score is ``None`` (insufficient data);
* overall is the mean of the two sides' means (each side counts once), or the one side
  that has a score;
* spread is the sample standard deviation of respondent means; agreement is rwg,
  ``1 − s² / σ²_EU`` with the uniform null distribution of the scoring range, floored at 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs

from vendormaturity.compiled import MISSING, CompiledQuestion, CompiledQuestionnaire
from vendormaturity.expressions import Value
from vendormaturity.questionnaire import Side
from vendormaturity.responses import ResponseSet

__all__ = ["AnswersDoNotFit", "DimensionStats", "Scores", "SideStats", "score_responses"]


class AnswersDoNotFit(Exception):  # noqa: N818 - a signal, not an error shown to anyone
    """An answer does not fit the questionnaire: run the full check for located messages."""


@attrs.frozen
class SideStats:
    mean: float | None
    coverage: float
    respondents: int
    sd: float | None
    rwg: float | None
    enough: bool  # coverage reached the minimum


@attrs.frozen
class DimensionStats:
    client: SideStats
    supplier: SideStats
    overall: SideStats

    @property
    def gap(self) -> float | None:
        if self.client.mean is None or self.supplier.mean is None:
            return None
        return self.supplier.mean - self.client.mean


@attrs.frozen
class Scores:
    dimensions: tuple[DimensionStats, ...]
    dont_know: int
    answered: int
    client_respondents: int
    supplier_respondents: int


def score_responses(compiled: CompiledQuestionnaire, responses: ResponseSet) -> Scores:
    """Score every dimension, per side and overall."""
    count = len(compiled.dimensions)
    tables = compiled.answer_tables
    expected = compiled.expected_weights
    inputs = [(name, f"answers.{name}") for name in compiled.relevance_inputs]
    relevance = compiled.conditional
    # accumulators per side: answered weight, expected weight, respondent means
    answered_weight = {Side.CLIENT: [0.0] * count, Side.SUPPLIER: [0.0] * count}
    expected_weight = {Side.CLIENT: [0.0] * count, Side.SUPPLIER: [0.0] * count}
    means: dict[Side, list[list[float]]] = {
        Side.CLIENT: [[] for _ in range(count)],
        Side.SUPPLIER: [[] for _ in range(count)],
    }
    dont_know = 0
    answered = 0
    for respondent in responses.respondents:
        side = respondent.side
        sum_w = [0.0] * count
        sum_wx = [0.0] * count
        answers = respondent.answers
        table = tables[side]
        # One lookup per answer both scores it and checks it: the side's table holds only
        # the questions of that side, each with only its scale's values and missing codes.
        # Anything else sends the caller to the full check, which locates every problem.
        for question_id, value in answers.items():
            entry = table.get(question_id)
            if entry is None:
                raise AnswersDoNotFit
            contribution = entry.get(value)
            if contribution is None:
                raise AnswersDoNotFit
            if contribution is MISSING:
                dont_know += 1
                continue
            answered += 1
            dimension, weight, weighted = contribution
            sum_w[dimension] += weight
            sum_wx[dimension] += weighted
        own_expected = expected[side]
        if relevance:
            not_asked = _not_asked(relevance, inputs, answers, side)
            if not_asked:
                reduced = list(own_expected)
                for question in not_asked:
                    reduced[question.dimension] -= question.weight  # not asked: not expected
                own_expected = tuple(reduced)
        side_answered = answered_weight[side]
        side_expected = expected_weight[side]
        side_means = means[side]
        for dimension in range(count):
            side_expected[dimension] += own_expected[dimension]
            if sum_w[dimension] > 0:
                side_answered[dimension] += sum_w[dimension]
                mean = sum_wx[dimension] / sum_w[dimension]
                side_means[dimension].append(mean)
    null_variance = _uniform_variance(compiled.low, compiled.high)
    minimum = compiled.questionnaire.scoring.min_coverage
    dimensions = []
    for dimension in range(count):
        client = _side(
            means[Side.CLIENT][dimension],
            answered_weight[Side.CLIENT][dimension],
            expected_weight[Side.CLIENT][dimension],
            minimum,
            null_variance,
        )
        supplier = _side(
            means[Side.SUPPLIER][dimension],
            answered_weight[Side.SUPPLIER][dimension],
            expected_weight[Side.SUPPLIER][dimension],
            minimum,
            null_variance,
        )
        dimensions.append(
            DimensionStats(client=client, supplier=supplier, overall=_overall(client, supplier, minimum))
        )
    return Scores(
        dimensions=tuple(dimensions),
        dont_know=dont_know,
        answered=answered,
        client_respondents=sum(1 for r in responses.respondents if r.side is Side.CLIENT),
        supplier_respondents=sum(1 for r in responses.respondents if r.side is Side.SUPPLIER),
    )


def _not_asked(
    relevance: Sequence[CompiledQuestion],
    inputs: Sequence[tuple[str, str]],
    answers: Mapping[str, int | float | str],
    side: Side,
) -> list[CompiledQuestion]:
    """The conditional questions this respondent was not asked (their condition is false)."""
    environment: dict[str, Value] = {}
    for name, symbol in inputs:
        value = answers.get(name)
        if value is not None and value.__class__ is not str:
            environment[symbol] = float(value)
    skipped = []
    for question in relevance:
        if question.side is not Side.BOTH and question.side is not side:
            continue
        if question.relevant is None or question.relevant(environment) is not False:
            continue
        if question.id in answers:
            raise AnswersDoNotFit  # answered although not relevant
        skipped.append(question)
    return skipped


def _uniform_variance(low: float, high: float) -> float:
    """σ²_EU of a uniform answer over the integer points of the range: (A² − 1) / 12."""
    points = max(2.0, high - low + 1.0)
    return (points * points - 1.0) / 12.0


def _side(
    values: Sequence[float], answered: float, expected: float, minimum: float, null_variance: float
) -> SideStats:
    coverage = min(1.0, answered / expected) if expected > 0 else 0.0
    enough = bool(values) and coverage >= minimum - 1e-12
    mean = math.fsum(values) / len(values) if enough else None
    sd = rwg = None
    if enough and len(values) >= 2:
        variance = math.fsum((value - mean) ** 2 for value in values) / (len(values) - 1)  # type: ignore[operator]
        sd = math.sqrt(variance)
        rwg = max(0.0, 1.0 - variance / null_variance)
    return SideStats(mean=mean, coverage=coverage, respondents=len(values), sd=sd, rwg=rwg, enough=enough)


def _overall(client: SideStats, supplier: SideStats, minimum: float) -> SideStats:
    present = [side.mean for side in (client, supplier) if side.mean is not None]
    mean = math.fsum(present) / len(present) if present else None
    respondents = client.respondents + supplier.respondents
    sides = [side for side in (client, supplier) if side.respondents > 0]
    coverage = math.fsum(side.coverage for side in sides) / len(sides) if sides else 0.0
    return SideStats(
        mean=mean, coverage=coverage, respondents=respondents, sd=None, rwg=None, enough=mean is not None
    )
