"""Start-up time of the command line (target: ``vendormaturity --help`` under 0.5 s).

Each run is a fresh interpreter, as when a user types the command. For reference, the
same is timed for a bare interpreter and for ``import vendormaturity`` alone, which shows
how much of the total the library's own import takes.

    python benchmarks/cli_startup.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from _data import as_installed

RUNS = 10
TARGET = 0.5  # seconds, for `vendormaturity --help`

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import vendormaturity": [sys.executable, "-c", "import vendormaturity"],
    "vendormaturity --help": [sys.executable, "-m", "vendormaturity", "--help"],
    "vendormaturity --version": [sys.executable, "-m", "vendormaturity", "--version"],
}


def timings(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of *runs* runs of *command*, after one warm-up run (disk cache)."""
    subprocess.run(command, check=True, capture_output=True)
    measured = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        measured.append(time.perf_counter() - start)
    return measured


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    as_installed()  # each command starts with the bytecode pip writes at install
    medians = {}
    for name, command in COMMANDS.items():
        measured = timings(command, runs)
        medians[name] = statistics.median(measured)
        print(
            f"{name:>26}: median {medians[name] * 1000:6.0f} ms, best {min(measured) * 1000:6.0f} ms, "
            f"max {max(measured) * 1000:6.0f} ms over {runs} runs"
        )
    help_time = medians["vendormaturity --help"]
    verdict = "within" if help_time < TARGET else "OVER"
    print(f"vendormaturity --help: {help_time:.3f} s, {verdict} the {TARGET} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
