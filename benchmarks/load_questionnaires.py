"""Time to load and fully validate each bundled questionnaire, nothing cached (target: under 50 ms).

Each load reads the file, parses the TOML, validates the schema, checks every
cross-reference and compiles every rule expression, as the first load of a process does:
the file is loaded by its path, which no cache keeps. The floor is ``tomllib`` parsing the
same text, measured in the same run, and each figure is printed with its ratio to it.

    python benchmarks/load_questionnaires.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
import tomllib
from pathlib import Path

import vendormaturity as vm
from vendormaturity.sources.questionnaires import load_questionnaire

RUNS = 30
TARGET = 0.050  # seconds per questionnaire


def timings(step: object, runs: int) -> list[float]:
    assert callable(step)
    measured = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        measured.append(time.perf_counter() - start)
    return measured


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    folder = Path(__file__).resolve().parents[1] / "questionnaires"  # the bundled files, one copy
    load_questionnaire(folder / "pulse.toml")  # import-time work (pydantic schemas) is not what we measure
    for questionnaire_id in vm.bundled_questionnaires():
        path = folder / f"{questionnaire_id}.toml"
        text = path.read_text(encoding="utf-8")
        floor = statistics.median(timings(lambda text=text: tomllib.loads(text), runs))
        loads = timings(lambda path=path: load_questionnaire(path), runs)
        median = statistics.median(loads)
        verdict = "within" if median < TARGET else "OVER"
        print(
            f"{questionnaire_id:>14}: median {median * 1000:6.1f} ms ({median / floor:4.2f}x tomllib "
            f"{floor * 1000:5.1f} ms), best {min(loads) * 1000:6.1f} ms, max {max(loads) * 1000:6.1f} ms "
            f"over {runs} loads; {verdict} the {TARGET * 1000:.0f} ms target"
        )


if __name__ == "__main__":
    main()
