"""Time to load and fully validate each bundled questionnaire (target: under 50 ms each).

Each load parses the TOML, validates the schema, checks every cross-reference and
compiles every rule expression; nothing is cached between runs.

    python benchmarks/load_questionnaires.py
"""

from __future__ import annotations

import statistics
import time

import vendormaturity as vm
from vendormaturity.sources.questionnaires import load_questionnaire

RUNS = 30


def main() -> None:
    load_questionnaire("pulse")  # import-time work (pydantic schemas) is not what we measure
    for questionnaire_id in vm.bundled_questionnaires():
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            load_questionnaire(questionnaire_id)
            timings.append(time.perf_counter() - start)
        print(
            f"{questionnaire_id:>14}: median {statistics.median(timings) * 1000:6.1f} ms, "
            f"best {min(timings) * 1000:6.1f} ms, max {max(timings) * 1000:6.1f} ms over {RUNS} loads"
        )


if __name__ == "__main__":
    main()
