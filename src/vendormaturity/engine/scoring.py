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
import sys
from collections.abc import Mapping, Sequence
from operator import getitem, mul

import attrs

from vendormaturity.engine.compiled import CompiledQuestion, CompiledQuestionnaire
from vendormaturity.model.questionnaire import Side
from vendormaturity.model.responses import ResponseSet
from vendormaturity.rules.expressions import Value

__all__ = ["AnswersDoNotFit", "Scores", "SideScores", "not_asked", "score_responses"]

_CACHE_LIMIT = 4096
_LARGEST = sys.float_info.max  # (an answer beyond it, or NaN, is no number to compare)
_CLIENT, _SUPPLIER = Side.CLIENT, Side.SUPPLIER


class AnswersDoNotFit(Exception):  # noqa: N818 - a signal, not an error shown to anyone
    """An answer does not fit the questionnaire: run the full check for located messages."""


@attrs.frozen
class SideScores:
    """One side's statistics (or the overall ones), one entry per dimension in questionnaire order."""

    mean: list[float | None]  # None: insufficient data
    coverage: list[float]
    respondents: list[int]  # respondents who answered at least one item of the dimension
    sd: list[float | None]  # overall: always None
    rwg: list[float | None]  # overall: always None


@attrs.frozen
class Scores:
    client: SideScores
    supplier: SideScores
    overall: SideScores
    gap: list[float | None]  # supplier mean − client mean
    dont_know: int
    answered: int
    client_respondents: int
    supplier_respondents: int
    # the answers scored, per counted respondent: as given, less those to questions the
    # respondent was not asked (see not_asked)
    answers: list[Mapping[str, int | float | str]]


def score_responses(compiled: CompiledQuestionnaire, responses: ResponseSet) -> Scores:
    """Score every dimension, per side and overall.

    Raises :class:`AnswersDoNotFit` as soon as something does not fit the questionnaire
    (an unknown or other-side question, an answer off the scale, a comment on an unknown
    question). An answer to a question whose relevance condition is false for this
    respondent is ignored: it was not asked (``response_notices`` reports it).
    """
    # per side: per respondent, per dimension, the weighted sum + the answered weight × 1j
    # (see SideTables), and the weight the respondent was asked
    sums: dict[Side, list[list[complex]]] = {_CLIENT: [], _SUPPLIER: []}
    asked: dict[Side, list[Sequence[float]]] = {_CLIENT: [], _SUPPLIER: []}
    known = compiled.question_index
    used: list[Mapping[str, int | float | str]] = []
    given = answered = 0
    for respondent in responses.respondents:
        side = respondent.side
        tables = compiled.sides[side]
        answers: Mapping[str, int | float | str] = respondent.answers
        # One bulk lookup per respondent scores and checks the answers: the side's tables
        # hold its questions only, each with its scale's values and codes only.
        if not answers.keys() <= tables.known or not respondent.comments.keys() <= known.keys():
            raise AnswersDoNotFit
        if not answers:
            continue  # a respondent who answered nothing is not counted (a notice says so)
        try:
            entries = list(map(getitem, tables.entries, map(answers.get, tables.ids)))
        except (KeyError, TypeError):
            raise AnswersDoNotFit from None
        expected: Sequence[float] = tables.expected
        if compiled.conditional:
            skipped = not_asked(compiled, answers, side)
            if skipped:
                expected, kept = _without(skipped, expected, answers)
                if kept is not answers:
                    if not kept:
                        continue  # nothing left that was asked: not counted
                    answers = kept
                    entries = list(map(getitem, tables.entries, map(answers.get, tables.ids)))
        sums[side].append(list(map(sum, map(entries.__getitem__, tables.slices))))
        given += len(answers)
        answered += len(entries) - entries.count(0j)  # weights are > 0
        asked[side].append(expected)
        used.append(answers)
    return _scores(compiled, sums, asked, (given, answered), used)


def _scores(
    compiled: CompiledQuestionnaire,
    sums: dict[Side, list[list[complex]]],
    asked: dict[Side, list[Sequence[float]]],
    counts: tuple[int, int],
    used: list[Mapping[str, int | float | str]],
) -> Scores:
    """Both sides' statistics from their respondents' sums; *counts*: answers given and scored."""
    null_variance = _uniform_variance(compiled.low, compiled.high)
    minimum = compiled.min_coverage - 1e-12
    count = len(compiled.dimensions)
    client = _side(sums[_CLIENT], asked[_CLIENT], count, minimum, null_variance)
    supplier = _side(sums[_SUPPLIER], asked[_SUPPLIER], count, minimum, null_variance)
    given, answered = counts
    return Scores(
        client=client,
        supplier=supplier,
        overall=_overall(client, supplier),
        gap=[
            None if c is None or s is None else s - c for c, s in zip(client.mean, supplier.mean, strict=True)
        ],
        dont_know=given - answered,
        answered=answered,
        client_respondents=len(sums[_CLIENT]),
        supplier_respondents=len(sums[_SUPPLIER]),
        answers=used,
    )


def not_asked(
    compiled: CompiledQuestionnaire, answers: Mapping[str, int | float | str], side: Side
) -> tuple[CompiledQuestion, ...]:
    """The conditional questions this respondent was not asked: their condition is false.

    Conditions see the respondent's numeric answers, in questionnaire order: an answer to
    a question that was not asked is not seen by the conditions after it (skip logic
    chains). Facts are not a respondent's: a condition that needs one is not evaluable,
    and the question counts as asked.
    """
    inputs = tuple(map(_number, map(answers.get, compiled.relevance_inputs)))
    key = (side, *inputs)
    skipped = compiled.not_asked_cache.get(key)
    if skipped is None:
        environment: dict[str, Value] = {
            f"answers.{name}": value
            for name, value in zip(compiled.relevance_inputs, inputs, strict=True)
            if value is not None
        }
        found = []
        for question in compiled.conditional:
            if (
                (question.side is Side.BOTH or question.side is side)
                and question.relevant is not None
                and question.relevant(environment) is False
            ):
                found.append(question)
                environment.pop(f"answers.{question.id}", None)
        skipped = tuple(found)
        if len(compiled.not_asked_cache) >= _CACHE_LIMIT:
            compiled.not_asked_cache.clear()
        compiled.not_asked_cache[key] = skipped
    return skipped


def _without(
    skipped: Sequence[CompiledQuestion], expected: Sequence[float], answers: Mapping[str, int | float | str]
) -> tuple[list[float], Mapping[str, int | float | str]]:
    """The weight expected without the questions not asked, and the answers without theirs.

    An answer to a question that was not asked (a survey tool without skip logic) stays in
    the response set, a notice says so, and scoring ignores it.
    """
    reduced = list(expected)
    for question in skipped:
        reduced[question.dimension] -= question.weight  # not asked: not expected
    if answers.keys().isdisjoint(question.id for question in skipped):
        return reduced, answers
    ignored = {question.id for question in skipped}
    return reduced, {key: value for key, value in answers.items() if key not in ignored}


def _number(value: float | str | None) -> float | None:
    """An answer as a relevance condition reads it: a number, or None (a code, or not answered)."""
    if isinstance(value, str) or value is None or not -_LARGEST <= value <= _LARGEST:
        return None
    return float(value)


def _uniform_variance(low: float, high: float) -> float:
    """σ²_EU of a uniform answer over the integer points of the range: (A² − 1) / 12."""
    points = max(2.0, high - low + 1.0)
    return (points * points - 1.0) / 12.0


def _side(
    sums: list[list[complex]], asked: list[Sequence[float]], count: int, minimum: float, null_variance: float
) -> SideScores:
    if not sums:
        empty: list[float | None] = [None] * count
        return SideScores(mean=empty, coverage=[0.0] * count, respondents=[0] * count, sd=empty, rwg=empty)
    means: list[float | None] = []
    coverages: list[float] = []
    people: list[int] = []
    sds: list[float | None] = []
    rwgs: list[float | None] = []
    fsum, sqrt = math.fsum, math.sqrt
    # per dimension, every respondent's weighted sum + answered weight × 1j, and the
    # weight each was asked
    for column, weight in zip(zip(*sums, strict=True), map(fsum, zip(*asked, strict=True)), strict=True):
        values = [z.real / z.imag for z in column if z.imag]  # the means of those who answered
        coverage = min(1.0, sum(column).imag / weight) if weight > 0 else 0.0
        n = len(values)
        mean = sd = rwg = None
        if n and coverage >= minimum:
            mean = fsum(values) / n
            if n >= 2:
                deviations = [value - mean for value in values]
                variance = fsum(map(mul, deviations, deviations)) / (n - 1)
                sd = sqrt(variance)
                rwg = max(0.0, 1.0 - variance / null_variance)
        means.append(mean)
        coverages.append(coverage)
        people.append(n)
        sds.append(sd)
        rwgs.append(rwg)
    return SideScores(mean=means, coverage=coverages, respondents=people, sd=sds, rwg=rwgs)


def _overall(client: SideScores, supplier: SideScores) -> SideScores:
    """Each side counts once: the mean of the sides' means, or the one side that has a score."""
    means: list[float | None] = []
    coverages: list[float] = []
    for c, s, c_coverage, s_coverage, c_people, s_people in zip(
        client.mean,
        supplier.mean,
        client.coverage,
        supplier.coverage,
        client.respondents,
        supplier.respondents,
        strict=True,
    ):
        means.append(c if s is None else s if c is None else (c + s) / 2)
        if c_people and s_people:
            coverages.append((c_coverage + s_coverage) / 2)
        else:
            coverages.append(c_coverage if c_people else s_coverage if s_people else 0.0)
    empty: list[float | None] = [None] * len(means)
    return SideScores(
        mean=means,
        coverage=coverages,
        respondents=[c + s for c, s in zip(client.respondents, supplier.respondents, strict=True)],
        sd=empty,
        rwg=empty,
    )
