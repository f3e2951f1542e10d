"""The portfolio at scale: 5,000 relationships × 8 quarterly rounds (40,000 response sets).

The response sets are written as JSON files, one folder per relationship, then each
database gets, in a process of its own (so that its peak memory is its own):
``portfolio add`` of the whole tree (read, check, store, assess with each earlier round
as history, one transaction), ``portfolio list``, and ``portfolio report`` (the page and
the reports it links to). "assess alone" is the same 40,000 assessments in memory, with
the same histories, and nothing read or stored.

Targets (2-core machine): import + assess ≥ 1,000 response sets/s on SQLite; list < 1 s;
report < 5 s for the page and a few dozen reports (the figures in docs/portfolio.md); since
``portfolio report`` writes every relationship's report, it takes about 16 ms more a
relationship; peak memory < 500 MB.

    python benchmarks/portfolio.py     # SQLite, and PostgreSQL when VENDORMATURITY_TEST_PG is set
    python benchmarks/portfolio.py --relationships 500     # a quick run
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from _data import response_set

import vendormaturity as vm

START = datetime.date(2025, 1, 15)
SEGMENTS = ("strategic", "leverage", "bottleneck", "non_critical")


def rounds_of(q: vm.Questionnaire, number: int, rounds: int) -> list[vm.ResponseSet]:
    """One relationship's quarterly rounds: a seeded drift of answers and facts."""
    key = f"supplier-{number:05d}"
    found = []
    for index in range(rounds):
        rs = response_set(
            q, per_side=3, seed=number * 31 + index, date=START + datetime.timedelta(days=91 * index)
        )
        facts = dict(rs.facts)
        facts.update(
            segment=SEGMENTS[number % len(SEGMENTS)],
            age_months=6 + number % 48 + 3 * index,
            months_to_exit=max(0, 60 - number % 48 - 3 * index),
        )
        found.append(
            rs.model_copy(
                update={
                    "relationship": key,
                    "client": f"Client {number % 97}",
                    "supplier": f"Supplier {number}",
                    "facts": facts,
                }
            )
        )
    return found


def generate(folder: Path, relationships: int, rounds: int) -> float:
    """Write the response files; return the seconds that assessing them all takes in memory."""
    q = vm.compile_questionnaire(vm.load_questionnaire("relationship"))
    assessing = 0.0
    for number in range(relationships):
        target = folder / f"supplier-{number:05d}"
        target.mkdir(parents=True)
        history: list[vm.ResponseSet | vm.AssessmentResult] = []
        for rs in rounds_of(vm.load_questionnaire("relationship"), number, rounds):
            (target / f"{rs.date.isoformat()}.json").write_text(vm.dump_responses(rs, format="json"))
            start = time.perf_counter()
            history.append(vm.assess(q, rs, history=list(history)))
            assessing += time.perf_counter() - start
    return assessing


def child(db: str, folder: Path, out: Path) -> None:
    """Import, list and report into *db*; print the figures as JSON."""
    from typer.testing import CliRunner

    from vendormaturity.cli import app

    figures: dict[str, Any] = {}
    start = time.perf_counter()
    with vm.Portfolio(db, create=True) as store:
        summary = store.add([folder], workers=len(os.sched_getaffinity(0)))
    figures["import"] = time.perf_counter() - start
    figures["added"] = summary.added
    start = time.perf_counter()
    listed = CliRunner().invoke(app, ["portfolio", "list", "--db", db, "--format", "csv"])
    figures["list"] = time.perf_counter() - start
    figures["lines"] = len(listed.stdout.splitlines()) - 1
    start = time.perf_counter()
    reported = CliRunner().invoke(app, ["portfolio", "report", "--db", db, "--out", str(out)])
    figures["report"] = time.perf_counter() - start
    figures["reports"] = len(list((out / "relationships").iterdir())) if reported.exit_code == 0 else -1
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def measure(name: str, db: str, folder: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", db, "--folder", str(folder), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name}: the import failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return figures


def postgresql_schema(url: str) -> tuple[str, str]:
    """A schema of its own on the server at *url*, and the URL that uses it."""
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return schema, f"{url}?options=-csearch_path%3D{schema}"


def drop_schema(url: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--pg", default=os.environ.get("VENDORMATURITY_TEST_PG"), help="PostgreSQL URL")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder, args.out)
        return
    total = args.relationships * args.rounds
    with tempfile.TemporaryDirectory(prefix="vm-portfolio-") as temporary:
        work = Path(temporary)
        assessing = generate(work / "responses", args.relationships, args.rounds)
        print(f"portfolio: {args.relationships} relationships x {args.rounds} rounds = {total} response sets")
        print(f"assess alone: {total / assessing:8.0f} response sets/s ({assessing:6.1f} s)")
        sample = sorted((work / "responses").rglob("*.json"))[:2000]
        start = time.perf_counter()
        for path in sample:
            vm.load_responses(path)
        reading = (time.perf_counter() - start) / len(sample)
        print(f"read alone (load_responses, one process): {1 / reading:8.0f} response sets/s")
        databases: list[tuple[str, str, str | None]] = [
            ("sqlite", f"sqlite:///{work / 'portfolio.db'}", None)
        ]
        if args.pg:
            created, pg_url = postgresql_schema(args.pg)
            databases.append(("postgresql", pg_url, created))
        else:
            print("postgresql: skipped (no --pg URL and VENDORMATURITY_TEST_PG is not set)")
        for name, url, own_schema in databases:
            try:
                f = measure(name, url, work / "responses", work / f"report-{name}")
            finally:
                if own_schema is not None:
                    drop_schema(args.pg, own_schema)
            rate = f["added"] / f["import"]
            print(
                f"{name}: import+assess {rate:8.0f} response sets/s ({f['import']:6.1f} s, "
                f"{f['import'] / assessing:4.2f}x assess alone); list {f['list']:5.2f} s "
                f"({f['lines']} lines); report {f['report']:5.2f} s ({f['reports']} relationship reports); "
                f"peak memory {f['peak_mb']:4.0f} MB"
            )


if __name__ == "__main__":
    main()
