"""The harness's figures: accuracy, per-pattern recall and precision, a phase confusion matrix,
the stage-sum baseline side by side, and how verdicts move with the number of respondents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from vendormaturity.model.questionnaire import Phase
from vendormaturity.validity.harness import Run

__all__ = ["PatternScore", "Rate", "Summary", "format_summary", "format_sweep", "pattern_scores"]


@attrs.frozen
class Rate:
    right: int
    total: int

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.right}/{self.total} ({self.share:.1%})"

    @classmethod
    def of(cls, flags: Iterable[bool]) -> Rate:
        values = list(flags)
        return cls(sum(values), len(values))


@attrs.frozen
class PatternScore:
    """How one pattern fares over runs: found where it must be, absent where it must not."""

    pattern: str
    true_positive: int  # must be found, and was
    false_negative: int  # must be found, and was not
    false_positive: int  # must not be found, and was
    suspected: int  # true positives found as suspected

    @property
    def recall(self) -> float | None:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else None

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None


def pattern_scores(runs: Sequence[Run], patterns: Sequence[str]) -> list[PatternScore]:
    """Recall and precision of each pattern over *runs*; a pattern the expert allows counts for neither."""
    scores = []
    for pattern in patterns:
        tp = sum(1 for run in runs if pattern in run.flag and pattern in run.found)
        fn = sum(1 for run in runs if pattern in run.flag and pattern not in run.found)
        fp = sum(1 for run in runs if pattern in run.extra)
        suspected = sum(1 for run in runs if pattern in run.flag and run.found.get(pattern) == "suspected")
        scores.append(PatternScore(pattern, tp, fn, fp, suspected))
    return scores


@attrs.frozen
class Summary:
    """The figures over a set of runs (one questionnaire, the scenarios' own respondents)."""

    scenarios: Rate  # right on the reference draw (seed 0)
    runs: Rate  # right over every seed
    phase: Rate  # engine phase right, over runs
    baseline: Rate  # stage-sum baseline phase right, over runs
    scenario_phase: Rate
    scenario_baseline: Rate
    patterns: list[PatternScore]
    confusion: dict[Phase, Counter[Phase | None]]  # expert's likeliest phase → engine's phase
    baseline_confusion: dict[Phase, Counter[Phase | None]]
    wrong: list[Run]

    @classmethod
    def of(cls, runs: Sequence[Run], patterns: Sequence[str], reference_seed: int = 0) -> Summary:
        reference = [run for run in runs if run.seed == reference_seed]
        confusion: dict[Phase, Counter[Phase | None]] = {phase: Counter() for phase in Phase}
        baseline_confusion: dict[Phase, Counter[Phase | None]] = {phase: Counter() for phase in Phase}
        for run in runs:
            confusion[run.expected[0]][run.phase] += 1
            baseline_confusion[run.expected[0]][run.baseline] += 1
        return cls(
            scenarios=Rate.of(run.right for run in reference),
            runs=Rate.of(run.right for run in runs),
            phase=Rate.of(run.phase_right for run in runs),
            baseline=Rate.of(run.baseline_right for run in runs),
            scenario_phase=Rate.of(run.phase_right for run in reference),
            scenario_baseline=Rate.of(run.baseline_right for run in reference),
            patterns=pattern_scores(runs, patterns),
            confusion=confusion,
            baseline_confusion=baseline_confusion,
            wrong=[run for run in runs if not run.right],
        )


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def format_summary(summary: Summary, title: str) -> str:
    """The figures as plain text: accuracy, baseline, patterns, confusion matrix, wrong runs."""
    lines = [
        title,
        "",
        f"{'':34}{'engine':>22}{'stage-sum baseline':>24}",
        f"{'scenarios right (seed 0)':34}{summary.scenarios!s:>22}{'–':>24}",
        f"{'runs right (all seeds)':34}{summary.runs!s:>22}{'–':>24}",
        f"{'phase right, scenarios':34}{summary.scenario_phase!s:>22}{summary.scenario_baseline!s:>24}",
        f"{'phase right, runs':34}{summary.phase!s:>22}{summary.baseline!s:>24}",
        "",
        "Patterns (over runs; a pattern the expert allows counts for neither)",
        f"{'pattern':24}{'TP':>5}{'FN':>5}{'FP':>5}{'recall':>9}{'precision':>11}{'suspected':>11}",
    ]
    for score in summary.patterns:
        lines.append(
            f"{score.pattern:24}{score.true_positive:>5}{score.false_negative:>5}{score.false_positive:>5}"
            f"{_share(score.recall):>9}{_share(score.precision):>11}{score.suspected:>11}"
        )
    lines += ["", "Phase confusion over runs (rows: the expert's likeliest phase; columns: the engine's)"]
    lines += _matrix(summary.confusion)
    lines += ["", "The stage-sum baseline's phases (columns; 'none' when it has no data)"]
    lines += _matrix(summary.baseline_confusion)
    lines += ["", f"Wrong runs: {len(summary.wrong)}"]
    for run in summary.wrong:
        lines.append(f"  {_describe(run)}")
    return "\n".join(lines)


def _matrix(counts: Mapping[Phase, Mapping[Phase | None, int]]) -> list[str]:
    columns: list[Phase | None] = [*Phase]
    if any(None in row for row in counts.values()):
        columns.append(None)
    names = [phase.value if phase is not None else "none" for phase in columns]
    lines = [f"{'':14}" + "".join(f"{name:>12}" for name in names)]
    for phase, row in counts.items():
        if sum(row.values()):
            lines.append(f"{phase.value:14}" + "".join(f"{row.get(column, 0):>12}" for column in columns))
    return lines


def _describe(run: Run) -> str:
    parts = [f"{run.scenario} seed {run.seed}:"]
    if not run.phase_right:
        parts.append(f"phase {run.phase.value} (expected {'/'.join(p.value for p in run.expected)})")
    if run.missed:
        parts.append(f"missed {', '.join(sorted(run.missed))}")
    if run.extra:
        parts.append(f"unexpected {', '.join(sorted(run.extra))}")
    return " ".join(parts)


def format_sweep(by_size: Mapping[int, Sequence[Run]], reference: int = 3) -> str:
    """How verdicts move with the number of respondents a side: accuracy, confidence, changes."""
    base = {(run.scenario, run.seed): run for run in by_size.get(reference, ())}
    lines = [
        "Respondents a side (every side that has some; all seeds)",
        f"{'a side':>7}{'runs right':>22}{'phase right':>22}{'mean confidence':>17}"
        f"{f'phase differs from {reference}':>24}",
    ]
    for size, runs in sorted(by_size.items()):
        moved = [
            run.phase != base[(run.scenario, run.seed)].phase
            for run in runs
            if (run.scenario, run.seed) in base
        ]
        confidence = sum(run.confidence for run in runs) / len(runs) if runs else 0.0
        lines.append(
            f"{size:>7}{Rate.of(r.right for r in runs)!s:>22}{Rate.of(r.phase_right for r in runs)!s:>22}"
            f"{confidence:>17.0%}{Rate.of(moved)!s:>24}"
        )
    return "\n".join(lines)
