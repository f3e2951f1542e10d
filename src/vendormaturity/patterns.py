"""Findings: the questionnaire's patterns evaluated against one assessment and its history."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vendormaturity.compiled import DIM_NAMES, CompiledPattern, CompiledQuestionnaire
from vendormaturity.expressions import Value
from vendormaturity.phases import evidence_from_atoms
from vendormaturity.questionnaire import Severity
from vendormaturity.result import Evidence, Finding, Unevaluable, construct

__all__ = ["detect_patterns"]

_DIM_SYMBOLS = tuple(f"dim.{name}" for name in DIM_NAMES)
_SEVERITIES = tuple(Severity)  # by rank


def detect_patterns(
    compiled: CompiledQuestionnaire,
    env: dict[str, Value],
    dimension_values: Callable[[], Sequence[Sequence[Value]]],
) -> tuple[list[Finding], list[Unevaluable]]:
    """Every pattern whose condition holds, and those that could not be evaluated.

    *dimension_values* gives, per dimension, the values of ``dim.*`` in ``DIM_NAMES`` order
    (called once, and only if a pattern is dimension-scoped).
    """
    findings: list[Finding] = []
    unevaluable: list[Unevaluable] = []
    per_dimension: Sequence[Sequence[Value]] | None = None
    for compiled_pattern in compiled.patterns:
        if compiled_pattern.pattern.scope == "dimension":
            if per_dimension is None:
                per_dimension = dimension_values()
            finding, missing = _dimension_pattern(compiled, compiled_pattern, env, per_dimension)
        else:
            finding, missing = _relationship_pattern(compiled_pattern, env)
        if finding is not None:
            findings.append(finding)
        elif missing is not None:
            unevaluable.append(
                construct(Unevaluable, kind="pattern", id=compiled_pattern.pattern.id, missing=missing)
            )
    findings.sort(key=lambda finding: (-finding.severity.rank, finding.pattern))
    return findings, unevaluable


def _relationship_pattern(
    compiled_pattern: CompiledPattern, env: dict[str, Value]
) -> tuple[Finding | None, list[str] | None]:
    holds = compiled_pattern.when.evaluate(env)
    if holds is None:
        return None, sorted(name for name in compiled_pattern.when.names if env.get(name) is None)
    if holds is False:
        return None, None
    evidence = evidence_from_atoms(compiled_pattern.when.readings(env))
    return _finding(compiled_pattern, env, evidence, []), None


def _dimension_pattern(
    compiled: CompiledQuestionnaire,
    compiled_pattern: CompiledPattern,
    env: dict[str, Value],
    dimension_values: Sequence[Sequence[Value]],
) -> tuple[Finding | None, list[str] | None]:
    names = _DIM_SYMBOLS
    matched: list[str] = []
    evidence: list[Evidence] = []
    missing: set[str] = set()
    severity_env: dict[str, Value] | None = None
    for index in compiled_pattern.dimensions:
        env.update(zip(names, dimension_values[index], strict=True))
        holds = compiled_pattern.when.evaluate(env)
        dimension = compiled.dimensions[index]
        if holds is None:
            missing.update(
                f"{name} ({dimension})" for name in compiled_pattern.when.names if env.get(name) is None
            )
        elif holds:
            matched.append(dimension)
            evidence.extend(evidence_from_atoms(compiled_pattern.when.readings(env), dimension))
            escalated = _severity_rank(compiled_pattern, env)
            if severity_env is None or escalated > _severity_rank(compiled_pattern, severity_env):
                severity_env = dict(env)
    for name in names:
        env.pop(name, None)
    if not matched:
        return None, sorted(missing) if missing else None
    return _finding(compiled_pattern, severity_env or env, evidence, matched), None


def _severity_rank(compiled_pattern: CompiledPattern, env: dict[str, Value]) -> int:
    rank = compiled_pattern.pattern.severity.rank
    for condition, severity in compiled_pattern.escalations:
        if condition.evaluate(env) is True:
            rank = max(rank, severity.rank)
    return rank


def _finding(
    compiled_pattern: CompiledPattern, env: dict[str, Value], evidence: list[Evidence], dimensions: list[str]
) -> Finding:
    pattern = compiled_pattern.pattern
    return construct(
        Finding,
        pattern=pattern.id,
        severity=_SEVERITIES[_severity_rank(compiled_pattern, env)],
        title=dict(pattern.title),
        description=dict(pattern.description),
        evidence=evidence,
        dimensions=dimensions,
        actions=list(pattern.actions),
    )
