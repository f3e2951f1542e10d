"""Diagnostic validity: the engine's verdicts on the labelled scenarios of validation/.

Every scenario of the corpus is simulated at ten noise seeds into real response files of
the questionnaire (three respondents a side unless the scenario says otherwise), loaded and
assessed with its history as a user would; each newest verdict is judged against the
expert's expectation. Printed: accuracy over scenarios (seed 0) and over runs, the phase
accuracy of the stage-sum baseline side by side, recall and precision per pattern, the
phase confusion matrix, the wrong runs, and how verdicts move with 1, 3 and 8 respondents
a side. See docs/validity.md.

    python benchmarks/validity.py                      # the relationship questionnaire
    python benchmarks/validity.py --questionnaire pulse
    python benchmarks/validity.py --seeds 3 --no-files # quicker
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import vendormaturity as vm
from vendormaturity.validity import load_corpus, run_corpus
from vendormaturity.validity.report import Summary, format_summary, format_sweep

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questionnaire", default="relationship", help="a bundled id or a path")
    parser.add_argument("--corpus", type=Path, default=ROOT / "validation", help="the corpus folder")
    parser.add_argument("--seeds", type=int, default=10, help="noise seeds per scenario (default 10)")
    parser.add_argument("--no-files", action="store_true", help="keep response sets in memory")
    parser.add_argument("--no-sweep", action="store_true", help="skip the 1/3/8 respondents sweep")
    args = parser.parse_args()

    q = vm.load_questionnaire(args.questionnaire)
    corpus = load_corpus(args.corpus)
    seeds = range(args.seeds)
    start = time.perf_counter()
    runs = run_corpus(corpus, q, seeds=seeds, files=not args.no_files)
    elapsed = time.perf_counter() - start
    patterns = [pattern.id for pattern in q.patterns]
    title = (
        f"{q.id} {q.version}: {len(corpus.scenarios)} scenarios x {args.seeds} seeds = {len(runs)} runs "
        f"({'response files' if not args.no_files else 'in memory'}, {elapsed:.1f} s)"
    )
    print(format_summary(Summary.of(runs, patterns), title))
    if not args.no_sweep:
        by_size = {size: run_corpus(corpus, q, seeds=seeds, per_side=size) for size in (1, 3, 8)}
        print()
        print(format_sweep(by_size))


if __name__ == "__main__":
    main()
