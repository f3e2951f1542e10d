"""Findings: the questionnaire's patterns evaluated against one assessment and its history."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vendormaturity.engine.compiled import CompiledPattern, CompiledQuestionnaire
from vendormaturity.engine.phases import evidence_from_atoms
from vendormaturity.model.questionnaire import Severity
from vendormaturity.model.result import Comment, Evidence, Finding, Quote, Unevaluable, construct
from vendormaturity.rules.expressions import Value

__all__ = ["detect_patterns"]

_SEVERITIES = tuple(Severity)  # by rank


def detect_patterns(
    compiled: CompiledQuestionnaire,
    env: dict[str, Value],
    dimension_values: Callable[[], Sequence[Sequence[Value]]],
    comments: Sequence[Comment] = (),
) -> tuple[list[Finding], list[Unevaluable]]:
    """Every pattern whose condition holds, or is suspected, and those that could not be evaluated.

    *dimension_values* gives, per dimension, the values of ``dim.*`` in ``DIM_NAMES`` order
    (called once, and only if a pattern is dimension-scoped). Findings come most severe
    first, confirmed before suspected, then by pattern id; each quotes the *comments* whose
    triggers its rules count.
    """
    found: list[tuple[int, bool, str, Finding]] = []  # severity rank, suspected, pattern id, finding
    unevaluable: list[Unevaluable] = []
    per_dimension: Sequence[Sequence[Value]] | None = None
    revealing = [
        (position, comment.side, comment.triggers)
        for position, comment in enumerate(comments)
        if comment.triggers
    ]
    for compiled_pattern in compiled.patterns:
        if compiled_pattern.per_dimension:
            if per_dimension is None:
                per_dimension = dimension_values()
            finding, missing = _dimension_pattern(compiled, compiled_pattern, env, per_dimension)
        else:
            finding, missing = _relationship_pattern(compiled_pattern, env)
        if finding is not None:
            if compiled_pattern.comment_reads and revealing:
                finding = _quoted(finding, compiled_pattern, revealing)
            found.append(finding)
        elif missing is not None:
            unevaluable.append(
                construct(Unevaluable, kind="pattern", id=compiled_pattern.id, missing=missing)
            )
    found.sort(key=_most_severe_first)
    return [finding for *_, finding in found], unevaluable


def _quoted(
    found: tuple[int, bool, str, Finding],
    compiled_pattern: CompiledPattern,
    revealing: Sequence[tuple[int, str | None, Sequence[str]]],
) -> tuple[int, bool, str, Finding]:
    """The finding with the comments that support it: those revealing a trigger its rules
    count on the comment's side (or on ``all`` sides). *revealing* holds each comment that
    reveals a trigger: its position, side and triggers."""
    reads = set(compiled_pattern.comment_reads)
    quotes = []
    for position, side, triggers in revealing:
        supporting = [
            trigger
            for trigger in triggers
            if ("all", trigger) in reads or (side is not None and (side, trigger) in reads)
        ]
        if supporting:
            quotes.append(construct(Quote, comment=position, triggers=supporting))
    if not quotes:
        return found
    rank, suspected, pattern, finding = found
    return rank, suspected, pattern, finding.model_copy(update={"quotes": quotes})


def _rests_on_comments(compiled_pattern: CompiledPattern, env: dict[str, Value]) -> bool:
    """Whether the pattern's condition holds only because comments stand in for an unknown fact.

    Comments are supporting evidence, never a fact: with nobody's comment counted, a
    condition that could not be evaluated is not confirmed by comments alone (it may still
    be found as suspected).
    """
    names = compiled_pattern.when.names
    if all(env.get(name) is not None for name in names):
        return False  # (every fact known: the comments count as the rule says)
    counted = {name: env[name] for name in names if name.startswith("comments.")}
    env.update(dict.fromkeys(counted, 0.0))
    without = compiled_pattern.when.evaluate(env)
    env.update(counted)
    return without is None


def _most_severe_first(item: tuple[int, bool, str, Finding]) -> tuple[int, bool, str]:
    return -item[0], item[1], item[2]


def _relationship_pattern(
    compiled_pattern: CompiledPattern, env: dict[str, Value]
) -> tuple[tuple[int, bool, str, Finding] | None, list[str] | None]:
    when = compiled_pattern.when
    holds = when.evaluate(env)
    if holds and compiled_pattern.comments_in_when and _rests_on_comments(compiled_pattern, env):
        holds = None
    if holds is None:
        suspected = _suspected(compiled_pattern, env)
        if suspected is not None:
            return suspected, None
        return None, sorted(name for name in when.names if env.get(name) is None)
    if holds is False:
        return None, None
    evidence = evidence_from_atoms(when.readings(env))
    rank, raised_because = _severity(compiled_pattern, env)
    return _finding(compiled_pattern, rank, evidence, [], raised_because), None


def _suspected(
    compiled_pattern: CompiledPattern, env: dict[str, Value]
) -> tuple[int, bool, str, Finding] | None:
    """The pattern as suspected: a fact it needs is unknown, and the perceptions say enough.

    A suspected finding keeps the pattern's own severity: escalation waits for the facts.
    Its evidence is what raised the suspicion, then the pattern's condition as far as it
    could be read (the unknown facts show as such).
    """
    suspect = compiled_pattern.suspect
    if suspect is None:
        return None
    unknown = [name for name in compiled_pattern.confirm_with if env.get(name) is None]
    if not unknown or suspect.evaluate(env) is not True:
        return None  # (what is missing is not a fact that could settle it)
    readings = suspect.readings(env)
    shown = {reading[0] for reading in readings}
    readings += [reading for reading in compiled_pattern.when.readings(env) if reading[0] not in shown]
    confirm_with = [name.removeprefix("facts.") for name in unknown]
    evidence = evidence_from_atoms(readings)
    return _finding(compiled_pattern, compiled_pattern.rank, evidence, [], [], confirm_with=confirm_with)


def _dimension_pattern(
    compiled: CompiledQuestionnaire,
    compiled_pattern: CompiledPattern,
    env: dict[str, Value],
    dimension_values: Sequence[Sequence[Value]],
) -> tuple[tuple[int, bool, str, Finding] | None, list[str] | None]:
    """The pattern evaluated dimension by dimension; its severity is the highest reached."""
    used = compiled_pattern.dim_symbols
    when = compiled_pattern.when
    matched: list[str] = []
    evidence: list[Evidence] = []
    missing: set[str] = set()
    rank = -1
    raised_because: list[Evidence] = []
    for index in compiled_pattern.dimensions:
        values = dimension_values[index]
        for name, position in used:
            env[name] = values[position]
        holds = when.evaluate(env)
        dimension = compiled.dimensions[index]
        if holds is None:
            missing.update(f"{name} ({dimension})" for name in when.names if env.get(name) is None)
        elif holds:
            matched.append(dimension)
            evidence.extend(evidence_from_atoms(when.readings(env), dimension))
            reached, because = _severity(compiled_pattern, env, dimension)
            if reached > rank:
                rank, raised_because = reached, because
            elif reached == rank:
                raised_because.extend(because)
    for name, _ in used:
        env[name] = None  # not evaluated out of a dimension
    if not matched:
        return None, sorted(missing) if missing else None
    return _finding(compiled_pattern, rank, evidence, matched, raised_because), None


def _severity(
    compiled_pattern: CompiledPattern, env: dict[str, Value], dimension: str | None = None
) -> tuple[int, list[Evidence]]:
    """The pattern's severity rank, raised by each escalation whose condition holds, and the
    evidence of the escalation that set it (empty when none raised it)."""
    rank = compiled_pattern.rank
    because: list[Evidence] = []
    for condition, raised in compiled_pattern.escalations:
        if raised > rank and condition.evaluate(env) is True:
            rank = raised
            because = evidence_from_atoms(condition.readings(env), dimension)
    return rank, because


def _finding(
    compiled_pattern: CompiledPattern,
    rank: int,
    evidence: list[Evidence],
    dimensions: list[str],
    raised_because: list[Evidence],
    *,
    confirm_with: list[str] | None = None,
) -> tuple[int, bool, str, Finding]:
    """A finding; with *confirm_with* (the unknown facts that would settle it), a suspected one."""
    pattern = compiled_pattern.pattern
    suspected = confirm_with is not None
    finding = construct(
        Finding,
        pattern=compiled_pattern.id,
        severity=_SEVERITIES[rank],
        title=dict(pattern.title),
        description=dict(pattern.description),
        evidence=evidence,
        dimensions=dimensions,
        actions=list(pattern.actions),
        status="suspected" if suspected else "confirmed",
        confirm_with=confirm_with or [],
        raised_because=raised_because,
        quotes=[],
    )
    return rank, suspected, compiled_pattern.id, finding
