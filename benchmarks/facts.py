"""Time to compute the facts from 100,000 ticket rows (target: a few seconds, under 5 s).

Set-up: one ServiceNow incident list export of 100,000 rows (CSV, every field quoted, as
the list export writes it), read with the bundled ``servicenow`` mapping for 2026-Q3; the
same 100,000 tickets as a Dynamics 365 Web API JSON file and as a Dynamics 365 Excel
export, read with the ``dynamics365`` mapping. Each run reads the file, picks the columns,
parses every date, checks the ids for duplicates and computes the facts with their
provenance; nothing is cached between runs but the loaded mapping and questionnaire.

The process pins itself to one core. Times are the best of the runs (a shared machine
only ever slows a run down); rows per second come from the best run.

    python benchmarks/facts.py [RUNS]
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import vendormaturity as vm

ROWS = 100_000
RUNS = 5
TARGET = 5.0  # seconds for 100,000 ticket rows: "a few seconds"
TODAY = datetime.date(2026, 10, 15)


def one_core() -> str:
    """Pin this process to one core, as the other benchmarks do; return which, for the report."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def tickets(rows: int) -> list[tuple[str, datetime.datetime, bool, bool]]:
    """(number, opened, escalated, cancelled) of *rows* tickets over the first nine months of 2026."""
    rng = random.Random(2026)
    start = datetime.datetime(2026, 1, 1)
    minutes = 273 * 24 * 60
    return [
        (
            f"INC{index:07d}",
            start + datetime.timedelta(minutes=rng.randrange(minutes), seconds=rng.randrange(60)),
            rng.random() < 0.002,
            rng.random() < 0.02,
        )
        for index in range(rows)
    ]


def servicenow_csv(folder: Path, items: list[tuple[str, datetime.datetime, bool, bool]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    header = ["number", "opened_at", "short_description", "caller_id", "priority", "state", "category"]
    writer.writerow([*header, "escalation"])
    writer.writerows(
        [
            number,
            opened.strftime("%Y-%m-%d %H:%M:%S"),
            "VPN drops every afternoon",
            "Beth Anglin",
            "3 - Moderate",
            "Canceled" if cancelled else "Closed",
            "Network",
            "High" if escalated else "Normal",
        ]
        for number, opened, escalated, cancelled in items
    )
    path = folder / "incident.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def dynamics_json(folder: Path, items: list[tuple[str, datetime.datetime, bool, bool]]) -> Path:
    records = [
        {
            "ticketnumber": number.replace("INC", "CAS-"),
            "createdon": opened.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "isescalated": escalated,
            "prioritycode": 2,
            "statecode": 2 if cancelled else 1,
        }
        for number, opened, escalated, cancelled in items
    ]
    path = folder / "cases.json"
    path.write_text(json.dumps({"value": records}), encoding="utf-8")
    return path


def dynamics_xlsx(folder: Path, items: list[tuple[str, datetime.datetime, bool, bool]]) -> Path | None:
    try:
        import openpyxl
    except ImportError:
        return None
    book = openpyxl.Workbook()  # shared strings and a dimension, as Excel and Dynamics write them
    sheet = book.active
    assert sheet is not None
    sheet.title = "Active Cases"
    sheet.append(["Case Number", "Case Title", "Priority", "Status", "Created On", "Is Escalated"])
    for number, opened, escalated, cancelled in items:
        status = "Cancelled" if cancelled else "Resolved"
        sheet.append(
            [
                number.replace("INC", "CAS-"),
                "VPN drops",
                "Normal",
                status,
                opened,
                "Yes" if escalated else "No",
            ]
        )
    path = folder / "cases.xlsx"
    book.save(path)
    return path


def timings(function: Callable[[], object], runs: int) -> list[float]:
    function()  # warm-up: imports, the mapping's first load
    measured = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        measured.append(time.perf_counter() - start)
    return measured


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    print(one_core())
    q = vm.load_questionnaire("relationship")
    items = tickets(ROWS)
    best_csv = 0.0
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        cases = [
            ("ServiceNow CSV", servicenow_csv(folder, items), "servicenow", runs),
            ("Dynamics 365 Web API JSON", dynamics_json(folder, items), "dynamics365", runs),
            ("Dynamics 365 Excel export", dynamics_xlsx(folder, items), "dynamics365", max(1, runs // 5)),
        ]
        for name, path, mapping, count in cases:
            if path is None:
                print(f"{name:>28}: skipped (openpyxl is not installed: pip install 'vendormaturity[excel]')")
                continue
            loaded = vm.load_mapping(mapping)

            def compute(path: Path = path, loaded: vm.ExportMapping = loaded) -> vm.ExportedFacts:
                return vm.facts_from([path], loaded, period="2026-Q3", questionnaire=q, today=TODAY)

            found = compute()
            record = found.provenance["escalations_per_month"]
            measured = timings(compute, count)
            best = min(measured)
            if name == "ServiceNow CSV":
                best_csv = best
            size = path.stat().st_size / 1e6
            print(
                f"{name:>28}: median {statistics.median(measured):6.2f} s, best {best:6.2f} s, "
                f"max {max(measured):6.2f} s over {count} runs; {ROWS / best:9,.0f} rows/s "
                f"({size:.1f} MB; escalations_per_month = {record.value}, {record.rows} of {record.of} rows)"
            )
    verdict = "within" if best_csv < TARGET else "OVER"
    print(f"facts from {ROWS:,} ticket rows (CSV): {best_csv:.2f} s, {verdict} the {TARGET:g} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
