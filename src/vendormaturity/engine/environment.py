"""The rule environment: every name a rule may read, set from one assessment's data.

Names start as None (missing) and are set step by step: facts, per-dimension scores,
changes since the previous assessment, the summary, history and follow-up (before the
phase is placed); then the placed phase, the trend and the baseline (before patterns).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

from vendormaturity.engine.comments import CommentsRead
from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.engine.history import Earlier, phase_changes
from vendormaturity.engine.phases import Placement
from vendormaturity.engine.scoring import Scores
from vendormaturity.model.questionnaire import Phase
from vendormaturity.model.responses import ActionStatus, ResponseSet
from vendormaturity.model.result import BaselineResult
from vendormaturity.rules.expressions import Value

__all__ = [
    "Columns",
    "dimension_values",
    "placement_symbols",
    "rule_environment",
    "score_columns",
    "summarise",
]

Env = dict[str, Value]
Columns = tuple[Sequence[float | None], ...]  # per SCORE_PREFIXES entry, one value per dimension
_SIDE_MEANS = operator.attrgetter("client.mean", "supplier.mean", "overall.mean")
_NO_MEANS = (None, None, None)  # a dimension the earlier assessment did not have
_VALUE = {phase: phase.value for phase in Phase}  # (an enum's .value is a property)
_PHASE_SYMBOL = {phase: f"phase.{phase.value}" for phase in Phase}
_DONE = ActionStatus.DONE


def score_columns(scores: Scores) -> Columns:
    """The per-dimension score columns, in ``SCORE_PREFIXES`` order."""
    client, supplier, overall = scores.client, scores.supplier, scores.overall
    return (
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


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(scores: Scores) -> dict[str, float | None]:
    """The ``summary.*`` values: means and minimums over dimensions, gaps, spread, don't-knows."""
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


def rule_environment(
    compiled: CompiledQuestionnaire,
    responses: ResponseSet,
    *,
    columns: Columns,
    summary: dict[str, float | None],
    earlier: Sequence[Earlier],
    ratios: tuple[float | None, float | None],
    comments: CommentsRead,
) -> Env:
    """Every name a phase rule may read; *ratios* are the previous plan's closed and
    not-started shares (see ``plan.followup_ratios``)."""
    # filling a dict of the final size is cheaper than growing one
    env = dict(compiled.environment)
    fact_symbols = compiled.fact_symbols
    env.update(
        (fact_symbols[name], float(value) if value.__class__ is int else value)
        for name, value in responses.facts.items()
    )
    for position, index, name in compiled.score_reads:
        env[name] = columns[position][index]
    if earlier:
        _set_changes(env, compiled, columns, summary, earlier[-1])
    summary_symbols = compiled.summary_symbols
    env.update({summary_symbols[name]: value for name, value in summary.items()})
    _set_history(env, compiled, earlier)
    _set_followup(env, responses, earlier, ratios)
    counts = comments.counts
    for name, side, trigger in compiled.comment_reads:
        env[name] = float(counts[trigger][side])  # (nobody wrote it: 0, never unknown)
    return env


def _set_changes(
    env: Env,
    compiled: CompiledQuestionnaire,
    columns: Columns,
    summary: dict[str, float | None],
    previous: Earlier,
) -> None:
    """``delta.*``: the change of each mean the rules read since the previous assessment."""
    wanted = compiled.delta_dimensions
    if wanted:
        # the (client, supplier, overall) means then of the dimensions a change is read of
        then = {d.dimension: _SIDE_MEANS(d) for d in previous.dimensions if d.dimension in wanted}
        ids = compiled.dimensions
        for side, index, name in compiled.delta_reads:
            env[name] = _delta(columns[side][index], then.get(ids[index], _NO_MEANS)[side])
    for name in ("client_mean", "supplier_mean", "overall_mean"):
        env[f"delta.summary.{name}"] = _delta(summary[name], previous.summary.get(name))


def client_changes(
    compiled: CompiledQuestionnaire, columns: Columns, earlier: Sequence[Earlier]
) -> list[float | None]:
    """Per dimension, the change of the client mean since the previous assessment (``dim.delta_client``)."""
    if not earlier or not compiled.dim_reads_delta:
        return [None] * len(compiled.dimensions)
    wanted = compiled.delta_dimensions
    then = {d.dimension: d.client.mean for d in earlier[-1].dimensions if d.dimension in wanted}
    return [_delta(now, then.get(name)) for now, name in zip(columns[0], compiled.dimensions, strict=True)]


def _set_history(env: Env, compiled: CompiledQuestionnaire, earlier: Sequence[Earlier]) -> None:
    streak, switches = phase_changes(
        [result.phase for result in earlier], compiled.questionnaire.phases.trend_window
    )
    env["history.count"] = float(len(earlier))
    env["history.previous_phase"] = _VALUE[earlier[-1].phase] if earlier else None
    env["history.norming_streak"] = float(streak)
    env["history.storming_norming_switches"] = float(switches)


def _set_followup(
    env: Env,
    responses: ResponseSet,
    earlier: Sequence[Earlier],
    ratios: tuple[float | None, float | None],
) -> None:
    """``followup.*``: how the previous plan was followed, as this response set reports it."""
    planned = [action.id for action in earlier[-1].plan.actions] if earlier else []
    done = {item.action for item in responses.followup if item.status is _DONE}
    env["followup.planned"] = float(len(planned))
    env["followup.reported"] = float(len(responses.followup))
    env["followup.closed_ratio"], env["followup.not_started_ratio"] = ratios
    stale = 0.0
    if len(earlier) >= 2:
        before = {action.id for action in earlier[-2].plan.actions}
        stale = float(sum(1 for action_id in planned if action_id in before and action_id not in done))
    env["followup.stale"] = stale


def placement_symbols(
    env: Env,
    compiled: CompiledQuestionnaire,
    placement: Placement,
    baseline: BaselineResult,
    earlier: Sequence[Earlier],
) -> None:
    """``phase.*``, ``trend.*`` and ``baseline.phase``: what patterns read of the placement."""
    env["phase.current"] = _VALUE[placement.phase]
    env.update({_PHASE_SYMBOL[phase]: p for phase, p in placement.probabilities.items()})
    ordered = sorted(placement.probabilities.values(), reverse=True)
    env["phase.margin"] = ordered[0] - ordered[1]
    env["phase.confidence"] = placement.confidence
    phases = [*(result.phase for result in earlier), placement.phase]
    streak, switches = phase_changes(phases, compiled.questionnaire.phases.trend_window)
    env["trend.norming_streak"] = float(streak)
    env["trend.storming_norming_switches"] = float(switches)
    env["baseline.phase"] = _VALUE[baseline.phase] if baseline.phase else None


def dimension_values(
    scores: Scores, columns: Columns, delta_client: list[float | None]
) -> list[tuple[Value, ...]]:
    """Per dimension, the values of ``dim.*`` in ``DIM_NAMES`` order."""
    people = (
        [float(n) for n in scores.client.respondents],
        [float(n) for n in scores.supplier.respondents],
    )
    return list(zip(*columns, delta_client, *people, strict=True))


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before
