"""Compare two assessments of one relationship: phase change, dimension deltas per side,
findings that appeared and findings that were resolved.

    python examples/scripts/compare.py OLDER.toml NEWER.toml
    python examples/scripts/compare.py FOLDER          # its two newest assessments

The newer assessment is made with the older one as its history, so the follow-up of the
older plan counts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import vendormaturity as vm


def assessments(paths: list[Path]) -> tuple[vm.AssessmentResult, vm.AssessmentResult]:
    """(older, newer) results, from two response files or from a relationship folder."""
    if len(paths) == 1:
        current, history = vm.load_history(paths[0])
        if not history:
            raise vm.VendorMaturityError(f"{paths[0]}: one assessment only, nothing to compare")
        questionnaire = vm.load_questionnaire(current.questionnaire)
        previous = history[-1]
        if isinstance(previous, vm.ResponseSet):
            older = vm.assess(questionnaire, previous, history=history[:-1])
        else:
            older = previous
        return older, vm.assess(questionnaire, current, history=history)
    before, after = vm.load_responses(paths[0]), vm.load_responses(paths[1])
    questionnaire = vm.load_questionnaire(after.questionnaire)
    return vm.assess(questionnaire, before), vm.assess(questionnaire, after, history=[before])


def _change(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        shown = ["–" if value is None else f"{value:.2f}" for value in (before, after)]
        return f"{shown[0]} → {shown[1]}"
    return f"{before:.2f} → {after:.2f} ({after - before:+.2f})"


def comparison(older: vm.AssessmentResult, newer: vm.AssessmentResult) -> list[str]:
    """The lines that say what changed between *older* and *newer*."""
    lines = [
        f"{newer.relationship}: {older.date} → {newer.date}",
        f"Phase: {older.phase.value} → {newer.phase.value} "
        f"(confidence {older.confidence:.0%} → {newer.confidence:.0%})",
        "",
        f"{'dimension':<16} {'client':<24} supplier",
    ]
    before = {dimension.dimension: dimension for dimension in older.dimensions}
    for dimension in newer.dimensions:
        earlier = before.get(dimension.dimension)
        client = _change(earlier.client.mean if earlier else None, dimension.client.mean)
        supplier = _change(earlier.supplier.mean if earlier else None, dimension.supplier.mean)
        lines.append(f"{dimension.dimension:<16} {client:<24} {supplier}")
    was = {finding.pattern: finding for finding in older.findings}
    now = {finding.pattern: finding for finding in newer.findings}
    lines += ["", "Findings (+ appeared, - resolved, = still there)"]
    lines += [f"+ {p} ({now[p].severity.value})" for p in now if p not in was]
    lines += [f"- {p} ({was[p].severity.value})" for p in was if p not in now]
    lines += [f"= {p} ({was[p].severity.value} → {now[p].severity.value})" for p in now if p in was]
    if not was and not now:
        lines.append("(none either time)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare two assessments of one relationship.")
    parser.add_argument("paths", nargs="+", type=Path, help="OLDER NEWER response files, or a FOLDER")
    args = parser.parse_args(argv)
    paths: list[Path] = args.paths
    if len(paths) > 2:
        parser.error("give two response files or one folder")
    try:
        older, newer = assessments(paths)
    except vm.VendorMaturityError as error:
        print(error, file=sys.stderr)
        return 2
    print("\n".join(comparison(older, newer)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
