"""The portfolio as teams use it, quarter after quarter, at several sizes of the store.

For each size (``--stored 10000``: 2,500 relationships × 4 quarterly rounds), the response
sets are written as JSON files, one folder per relationship, and a fifth quarter beside
them. Then, for each database, every step is the command a team types, in a process of its
own (its figures are its own: wall time, and the CPU time of it and of the processes it
starts):

- **floor**: the same response files' contents inserted as rows of a bare table (SQLAlchemy
  Core, one transaction): the least an import can cost in the database;
- **first import**: ``portfolio add`` of the stored quarters into an empty store (one worker
  per core): read, check, store, assess each round with the earlier ones as history;
- **quarter**: ``portfolio add`` of the fifth quarter to those relationships; its cost per
  response set against the first import's (target: at most 1.5×, at every size); with
  ``--repeat N``, N pairs of first import and quarter, each into an empty store, their
  medians and the range of their ratios (one pair alone can be off by a fifth on a shared
  machine);
- the **store's size** on disk, per response set;
- the **reading commands**: ``portfolio list`` at a terminal (a pseudo-terminal, 120 × 40),
  as CSV and as JSON, ``show`` and ``compare`` of a relationship, ``report`` (the page and
  every relationship's report: about 16 ms a relationship); and
  ``reassess`` of every stored round with a new questionnaire version (its CPU time per
  response set should not grow with the store); each against ``vendormaturity --version``,
  the command line's own start, measured in the same run.

The package's bytecode is compiled first, as pip does at install, so that each command
starts as it does for a user.

"assess alone" is the same assessments in memory, with the same histories, in one process,
and "read alone" is ``load_responses`` of 2,000 of the files: the work an import cannot avoid.
Together, on every core, they give the most sets per second an import could reach on this
machine if storing cost nothing.

    python benchmarks/portfolio.py                          # 10,000 stored sets; SQLite, and
                                                            # PostgreSQL when VENDORMATURITY_TEST_PG is set
    python benchmarks/portfolio.py --stored 1000,10000,40000   # three sizes of the store
    python benchmarks/portfolio.py --stored 5000 --rounds 1     # 5,000 relationships
    python benchmarks/portfolio.py --stored 400 --no-cli    # a quick run
    python benchmarks/portfolio.py --repeat 3               # medians of three pairs of imports
"""

from __future__ import annotations

import argparse
import datetime
import os
import pty
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from _data import as_installed, response_set

import vendormaturity as vm

START = datetime.date(2025, 1, 15)
SEGMENTS = ("strategic", "leverage", "bottleneck", "non_critical")
COLUMNS = 120  # the pseudo-terminal's width


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


def generate(folder: Path, relationships: int, rounds: int) -> tuple[float, float]:
    """Write the stored rounds under ``stored/`` and the next quarter under ``quarter/``.

    Returns the CPU seconds that assessing them takes in memory: the stored rounds, the quarter.
    """
    q = vm.load_questionnaire("relationship")
    compiled = vm.compile_questionnaire(q)
    assessing = [0.0, 0.0]
    for number in range(relationships):
        history: list[vm.ResponseSet | vm.AssessmentResult] = []
        for index, rs in enumerate(rounds_of(q, number, rounds + 1)):
            part = "stored" if index < rounds else "quarter"
            target = folder / part / f"supplier-{number:05d}"
            target.mkdir(parents=True, exist_ok=True)
            (target / f"{rs.date.isoformat()}.json").write_text(vm.dump_responses(rs, format="json"))
            start = time.process_time()
            history.append(vm.assess(compiled, rs, history=list(history)))
            assessing[index >= rounds] += time.process_time() - start
    return assessing[0], assessing[1]


def floor_inserts(db: str, files: list[Path]) -> float:
    """Seconds to insert the response files' contents as rows of a bare table, in one transaction."""
    import sqlalchemy as sa

    rows = [{"id": index, "document": path.read_text()} for index, path in enumerate(files)]
    engine = sa.create_engine(db)
    table = sa.Table(
        "bench_floor",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document", sa.Text, nullable=False),
    )
    table.create(engine)
    try:
        start = time.perf_counter()
        with engine.begin() as connection:
            for offset in range(0, len(rows), 1000):
                connection.execute(table.insert(), rows[offset : offset + 1000])
        return time.perf_counter() - start
    finally:
        table.drop(engine)
        engine.dispose()


def store_size(db: str) -> int:
    """Bytes the portfolio takes: the SQLite file (its log checkpointed), or PostgreSQL's tables."""
    import sqlalchemy as sa

    url = sa.make_url(db)
    engine = sa.create_engine(db)
    try:
        with engine.connect() as connection:
            if url.get_backend_name() == "sqlite":
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                return Path(url.database or "").stat().st_size
            query = (
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            )
            return int(connection.exec_driver_sql(query).scalar() or 0)
    finally:
        engine.dispose()


def command(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "vendormaturity", *args, *(["--db", db] if db else [])]


def adopt_orphans() -> None:
    """Become the reaper of the processes our commands leave behind (a command's fork server
    outlives it by a moment), so that their CPU time is counted with the command's."""
    import ctypes

    pr_set_child_subreaper = 36
    ctypes.CDLL(None).prctl(pr_set_child_subreaper, 1, 0, 0, 0)


@attrs.frozen
class Ran:
    """A command as typed: wall seconds, CPU seconds (its own and its processes'), peak memory."""

    wall: float
    cpu: float
    peak_mb: float
    output: bytes


class Peak(threading.Thread):
    """The most memory a command has held, read from ``/proc`` (its ``VmHWM``) until it ends.

    Its rusage would not do: Linux keeps, across the exec that starts a command, the memory
    of the process it was forked from, and this one holds the generated response sets (the
    commands of a 40,000-set run showed 514 MB, against the 132 MB they held). The processes
    the command starts are forked from it, or from its fork server, so their rusage is theirs.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.status = Path(f"/proc/{pid}/status")
        self.kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                text = self.status.read_text()
            except OSError:  # the command has ended
                return
            found = re.search(r"^VmHWM:\s+(\d+) kB", text, re.MULTILINE)
            if found is None:  # a zombie: it has ended
                return
            self.kb = max(self.kb, int(found.group(1)))
            self.done.wait(0.02)

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.kb


def reaped(wall: float, usage: Any, peak_kb: int, output: bytes) -> Ran:
    """A command (*usage*, from wait4; its peak memory, from :class:`Peak`) and what it left
    behind (its fork server and workers)."""
    total = float(usage.ru_utime + usage.ru_stime)
    peak = peak_kb
    while True:
        try:
            _, _, left = os.wait4(-1, 0)
        except ChildProcessError:
            return Ran(wall, total, peak / 1024, output)
        total += left.ru_utime + left.ru_stime
        peak = max(peak, left.ru_maxrss)


def run(arguments: Sequence[str]) -> Ran:
    """One command at a terminal (a pseudo-terminal)."""
    import fcntl
    import struct
    import termios

    env = dict(os.environ, COLUMNS=str(COLUMNS), LINES="40", TERM="xterm-256color")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdin=slave, stdout=slave, stderr=slave, env=env)
    peak = Peak(process.pid)
    peak.start()
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    peak_kb = peak.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    output = b"".join(chunks)
    if process.returncode:
        raise SystemExit(f"{' '.join(arguments)}: exit {process.returncode}\n{output.decode()[-2000:]}")
    return reaped(wall, usage, peak_kb, output)


def run_piped(arguments: Sequence[str]) -> Ran:
    """One command writing into a pipe (its output: what it wrote there)."""
    env = dict(os.environ, COLUMNS=str(COLUMNS))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(arguments, stdout=out, stderr=err, env=env)
        peak = Peak(process.pid)
        peak.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        peak_kb = peak.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise SystemExit(f"{' '.join(arguments)}: exit {process.returncode}\n{err.read().decode()}")
        return reaped(wall, usage, peak_kb, out.read())


def questionnaire_version(folder: Path) -> Path:
    """The bundled relationship questionnaire as a file of another version, for ``reassess``."""
    text = (Path(__file__).resolve().parents[1] / "questionnaires" / "relationship.toml").read_text(
        encoding="utf-8"
    )
    changed = re.sub(r'(?m)^version = "(\d+)\.(\d+)\.\d+"', r'version = "\1.\2.999"', text, count=1)
    path = folder / "relationship-bench.toml"
    path.write_text(changed, encoding="utf-8")
    return path


def commands(db: str, folder: Path, relationships: int, rounds: int) -> dict[str, Ran]:
    """Each reading command as typed, and reassess."""
    key = f"supplier-{min(7, relationships - 1):05d}"
    last = START + datetime.timedelta(days=91 * rounds)
    found: dict[str, Ran] = {}
    found["--version"] = min(
        (run_piped(command("", "--version")) for _ in range(3)), key=lambda ran: ran.wall
    )
    found["list (terminal)"] = run(command(db, "portfolio", "list"))
    found["list --format csv"] = run_piped(command(db, "portfolio", "list", "--format", "csv"))
    found["list --format json"] = run_piped(command(db, "portfolio", "list", "--format", "json"))
    found["show"] = run(command(db, "portfolio", "show", key))
    found["show --format json"] = run_piped(command(db, "portfolio", "show", key, "--format", "json"))
    found["compare"] = run(command(db, "portfolio", "compare", key, "--from", str(START), "--to", str(last)))
    found["report"] = run_piped(command(db, "portfolio", "report", "--out", str(folder / "report")))
    q = questionnaire_version(folder)
    found["reassess"] = run_piped(command(db, "portfolio", "reassess", "--questionnaire", str(q)))
    return found


def measure(stores: Sequence[str], folder: Path, workers: int) -> dict[str, Any]:
    """The floor, then the first import and the quarter into each of *stores* (empty, alike),
    each the command as typed; the figures of each pair, in order."""
    figures: dict[str, Any] = {"floor": floor_inserts(stores[0], sorted((folder / "stored").rglob("*.json")))}
    for db in stores:
        for phase in ("stored", "quarter"):
            ran = run_piped(command(db, "portfolio", "add", str(folder / phase), "--workers", str(workers)))
            added = re.match(rb"added (\d+) response sets", ran.output)
            assert added is not None, ran.output
            figures.setdefault(phase, []).append(ran)
            figures[f"{phase}_added"] = int(added.group(1))
    figures["bytes"] = store_size(stores[-1])
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


def read_alone(files: list[Path]) -> float:
    """Response sets read and checked per second, in one process."""
    sample = files[:2000]
    start = time.process_time()
    for path in sample:
        vm.load_responses(path)
    return len(sample) / (time.process_time() - start)


def median_of(runs: Sequence[Ran]) -> Ran:
    """The run of median CPU time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda ran: ran.cpu)[(len(runs) - 1) // 2]


def report_size(
    name: str, f: dict[str, Any], stored: int, relationships: int, assessing: tuple[float, float]
) -> None:
    """With several pairs of runs, the first import's and the quarter's medians (by CPU time), and
    the range of the pairs' ratios: on a shared machine one pair can be off by a fifth."""
    first, quarter = median_of(f["stored"]), median_of(f["quarter"])
    per_set, cpu_set = first.wall / f["stored_added"], first.cpu / f["stored_added"]
    quarter_set, cpu_quarter_set = quarter.wall / f["quarter_added"], quarter.cpu / f["quarter_added"]
    pairs = len(f["stored"])
    print(
        f"  {name}: first import {1 / per_set:6.0f} sets/s ({first.wall:6.1f} s, "
        f"{cpu_set * 1000:5.2f} ms CPU/set = {cpu_set / (assessing[0] / stored):4.2f}x assess alone; "
        f"{first.wall / f['floor']:5.1f}x raw inserts {f['floor']:5.2f} s)"
    )
    print(
        f"  {name}: quarter      {1 / quarter_set:6.0f} sets/s ({quarter.wall:6.1f} s, "
        f"{cpu_quarter_set * 1000:5.2f} ms CPU/set): per set {quarter_set / per_set:4.2f}x the first "
        f"import's wall time, {cpu_quarter_set / cpu_set:4.2f}x its CPU time (target <= 1.5x)"
    )
    if pairs > 1:
        ratios = sorted(
            (q.cpu / f["quarter_added"]) / (s.cpu / f["stored_added"])
            for s, q in zip(f["stored"], f["quarter"], strict=True)
        )
        print(
            f"  {name}: medians of {pairs} pairs of runs, each into an empty store; the pairs' CPU "
            f"ratios run from {ratios[0]:4.2f}x to {ratios[-1]:4.2f}x"
        )
    total = stored + relationships
    peak = max(ran.peak_mb for ran in (*f["stored"], *f["quarter"]))
    print(
        f"  {name}: size {f['bytes'] / 2**20:7.1f} MB, {f['bytes'] / total / 1024:5.1f} KB per response set; "
        f"peak memory of an add {peak:4.0f} MB"
    )


def report_commands(name: str, found: dict[str, Ran], total: int, assess_cpu: float) -> None:
    start = found["--version"].wall
    for label, ran in found.items():
        if label == "--version":
            continue
        print(
            f"  {name}: {label:<20} {ran.wall:7.2f} s wall, {ran.cpu:7.2f} s CPU "
            f"({ran.wall / start:5.1f}x --version {start:4.2f} s)"
        )
    reassess_cpu = found["reassess"].cpu
    print(
        f"  {name}: reassess per set   {reassess_cpu / total * 1000:6.2f} ms CPU "
        f"({reassess_cpu / total / assess_cpu:4.2f}x assess alone); list showed "
        f"{len(found['list (terminal)'].output.splitlines())} terminal lines"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", default="10000", help="stored response sets, comma-separated sizes")
    parser.add_argument("--rounds", type=int, default=4, help="quarterly rounds stored per relationship")
    parser.add_argument("--pg", default=os.environ.get("VENDORMATURITY_TEST_PG"), help="PostgreSQL URL")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--no-cli", action="store_true", help="skip the commands as typed")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="pairs of first import and quarter, each into an empty store"
    )
    args = parser.parse_args()
    adopt_orphans()
    as_installed()
    if not args.pg or args.sqlite_only:
        print("postgresql: skipped (no --pg URL and VENDORMATURITY_TEST_PG is not set)")
    for size in args.stored.split(","):
        relationships = max(1, int(size) // args.rounds)
        stored = relationships * args.rounds
        with tempfile.TemporaryDirectory(prefix="vm-portfolio-") as temporary:
            work = Path(temporary)
            assessing = generate(work / "responses", relationships, args.rounds)
            files = sorted((work / "responses" / "stored").rglob("*.json"))
            assess_cpu = (assessing[0] + assessing[1]) / (stored + relationships)
            reading = read_alone(files)
            ceiling = args.workers / (assess_cpu + 1 / reading)  # every core reading and assessing
            print(
                f"{stored} stored response sets ({relationships} relationships x {args.rounds} rounds) "
                f"and a quarter of {relationships}: assess alone {1 / assess_cpu:6.0f} sets/s; "
                f"read alone {reading:6.0f} sets/s (CPU, one process); an import on "
                f"{args.workers} cores cannot exceed {ceiling:5.0f} sets/s (both, nothing stored)"
            )
            for name in ("sqlite", "postgresql"):
                if name == "postgresql" and (not args.pg or args.sqlite_only):
                    continue
                schemas: list[str] = []
                stores: list[str] = []
                for pair in range(args.repeat):
                    if name == "sqlite":
                        stores.append(f"sqlite:///{work / f'portfolio-{pair}.db'}")
                    else:
                        created, pg_url = postgresql_schema(args.pg)
                        schemas.append(created)
                        stores.append(pg_url)
                try:
                    f = measure(stores, work / "responses", args.workers)
                    report_size(name, f, stored, relationships, assessing)
                    if not args.no_cli:
                        found = commands(stores[-1], work, relationships, args.rounds)
                        report_commands(name, found, stored + relationships, assess_cpu)
                finally:
                    for schema in schemas:
                        drop_schema(args.pg, schema)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
