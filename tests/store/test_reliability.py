"""Real processes against a real database: two adding at once lose nothing, and one killed
half-way through an import (SIGKILL, no chance to clean up) leaves the database as it was."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vendormaturity as vm

from .helpers import ACME, copies, tables


def command(db: str, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "vendormaturity", "portfolio", "add", "--db", db, *map(str, args)]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("VENDORMATURITY_DB", None)
    return env


def test_two_processes_adding_at_once_lose_nothing(db: str, tmp_path: Path) -> None:
    """Two imports started together into a database not even created yet: every round is there once."""
    first = copies(tmp_path / "first", 12, prefix="first")
    second = copies(tmp_path / "second", 12, prefix="second")
    with (
        subprocess.Popen(
            command(db, first, ACME), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
        ) as one,
        subprocess.Popen(
            command(db, second, ACME), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
        ) as two,
    ):
        outputs = [one.communicate(timeout=120), two.communicate(timeout=120)]
    assert [0, 0] == [one.returncode, two.returncode], outputs
    expected = sum(1 for _ in first.rglob("*.toml")) + sum(1 for _ in second.rglob("*.toml")) + 4
    with vm.Portfolio(db) as store:
        counts = store.counts()
        assert (25, expected, expected) == (
            counts["relationships"],
            counts["response_sets"],
            counts["results"],
        )
        lines = {line.relationship.key: line for line in store.lines()}
    reference = copies(tmp_path / "reference", 12, prefix="first")
    current, history = vm.load_history(reference / "first-0003")
    assert (
        vm.assess(vm.load_questionnaire("relationship"), current, history=history).phase
        is lines["first-0003"].phase
    )
    # each process says what it added: together, every round once (acme-hosting's by one of them)
    added = [
        re.match(r"added (\d+) response sets \((\d+) already stored\)", out.decode()) for out, _ in outputs
    ]
    assert [expected, 4] == [sum(int(m.group(k)) for m in added if m) for k in (1, 2)]


def test_a_process_killed_mid_import_leaves_the_database_as_it_was(db: str, tmp_path: Path) -> None:
    """SIGKILL after rows were written in the import's transaction: nothing of it remains."""
    with vm.Portfolio(db, create=True) as store:
        store.add([ACME])
    before = tables(db)
    # enough rounds that much of the import is still to do when its first relationship is stored
    many = copies(tmp_path / "many", 300)
    with subprocess.Popen(
        command(db, many, "--verbose"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    ) as process:
        assert process.stderr is not None
        first = process.stderr.readline().decode()  # printed once a relationship is stored and assessed
        assert first.startswith("rel-0000: ")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert -signal.SIGKILL == process.returncode
    assert before == tables(db)
    with vm.Portfolio(db) as store:
        summary = store.add([many])
        assert 300 == len(summary.relationships)
        assert 301 == store.counts()["relationships"]


def _descendants(pid: int) -> list[int]:
    """The processes started by *pid*, and those they started in turn (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: list[int] = []
    level = [pid]
    while level:
        level = [child for child, parent in parents.items() if parent in level]
        found.extend(level)
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")
def test_a_killed_importer_leaves_no_worker_running(db: str, tmp_path: Path) -> None:
    """SIGKILL of an import with worker processes: its workers end too, and never outnumber the cores."""
    many = copies(tmp_path / "many", 120)
    with subprocess.Popen(
        command(db, many, "--workers", "64", "--verbose"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    ) as process:
        assert process.stderr is not None
        process.stderr.readline()  # the first relationship stored: the workers are running
        workers = [pid for pid in _descendants(process.pid) if _alive(pid)]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    # the workers, and multiprocessing's resource tracker and fork server
    assert 1 <= len(workers) <= len(os.sched_getaffinity(0)) + 2
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [] == [pid for pid in workers if _alive(pid)]
