"""A served portfolio in worker processes of its own, and respondents answering it all at once.

Shared by the load tests (tests/serve/test_load.py) and the benchmark (benchmarks/serve_load.py):
``vendormaturity serve`` is started on a free port of 127.0.0.1 in a process group of its own
(so that it can be killed whole, as a crash would), and each respondent, in a thread of its
own, opens their link, saves half their answers, then saves and submits all of them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import httpx

import vendormaturity as vm
from vendormaturity.store.rounds import Rounds
from vendormaturity.store.schema import create_engine

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-hosting"


@attrs.frozen
class Server:
    url: str
    token: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def team(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def kill(self) -> None:
        """Kill the server and its workers at once, as a crash would (SIGKILL, nothing flushed)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def prepared(db: str) -> str:
    """A new portfolio at *db* and a team token for it."""
    with vm.Portfolio(db, create=True) as store:
        store.init()
    engine = create_engine(db, must_exist=True)
    try:
        return Rounds(engine).create_token("load")
    finally:
        engine.dispose()


@contextmanager
def serving(db: str, token: str, *, workers: int = 2, timeout: float = 60.0) -> Iterator[Server]:
    """``vendormaturity serve --workers N`` over *db*, stopped (or found killed) at the end."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="vendormaturity-serve-", suffix=".log")[1])
    command = [sys.executable, "-m", "vendormaturity", "serve", "--db", db, "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}", token, process, log)
    try:
        _wait_until_up(server, workers, timeout)
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.unlink()


def _wait_until_up(server: Server, workers: int, timeout: float) -> None:
    """Until every worker answers (several health checks in a row, each on a new connection)."""
    deadline = time.monotonic() + timeout
    answered = 0
    while answered < 4 * workers:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server stopped: {server.log.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer in {timeout} s: {server.log.read_text()}")
        try:
            answered += httpx.get(server.url + "/api/v1/health", timeout=5).status_code == 200
        except httpx.TransportError:
            answered = 0
            time.sleep(0.2)


# ---------------------------------------------------------------------- rounds and respondents


def example() -> vm.ResponseSet:
    return vm.load_responses(sorted(EXAMPLE.glob("20*.toml"))[-1])


@attrs.frozen
class Person:
    round_id: int
    id: str
    token: str
    answers: dict[str, Any]


def open_rounds(server: Server, rounds: int, per_round: int) -> list[Person]:
    """*rounds* rounds of *per_round* respondents each (clients and suppliers in turn), with the
    answers each will give: those of an example respondent of their side, and a comment of
    their own so that two respondents' answers never look alike."""
    rs = example()
    by_side = {side: [p for p in rs.respondents if p.side.value == side] for side in ("client", "supplier")}
    people = []
    with httpx.Client(base_url=server.url, headers=server.team, timeout=60) as client:
        for number in range(rounds):
            sides = ["client" if index % 2 == 0 else "supplier" for index in range(per_round)]
            body = {
                "relationship": f"load-{number:03d}",
                "client": rs.client,
                "supplier": rs.supplier,
                "date": "2026-11-02",
                "facts": dict(rs.facts),
                "respondents": [
                    {"name": f"Person {index}", "id": f"r-{index:03d}", "side": side, "lead": index == 0}
                    for index, side in enumerate(sides)
                ],
            }
            response = client.post("/api/v1/rounds", json=body)
            response.raise_for_status()
            opened = response.json()
            for index, link in enumerate(opened["links"]):
                like = by_side[sides[index]][index // 2 % len(by_side[sides[index]])]
                answers = {
                    "answers": dict(like.answers),
                    "comments": dict(like.comments),
                    "comment": f"round {number}, respondent {index}",
                }
                people.append(Person(opened["id"], link["respondent"], link["token"], answers))
    return people


@attrs.frozen
class Outcome:
    """What the server acknowledged (the last save answered 200), and how long each request took."""

    acknowledged: dict[str, dict[str, Any]]  # token → the body of the last save answered 200
    latencies: list[float]
    failures: list[str]
    seconds: float

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)] if ordered else 0.0


def save_body(person: Person, save: int, saves: int) -> dict[str, Any]:
    """What *person* sends at their *save*-th save of *saves*: a growing part of their answers, all
    of them (with comments, submitted) at the last; the general comment says which save it is."""
    keys = list(person.answers["answers"])
    last = save == saves
    part = keys if last else keys[: len(keys) * save // saves]
    return {
        "answers": {key: person.answers["answers"][key] for key in part},
        "comments": person.answers["comments"] if last else {},
        "comment": f"{person.answers['comment']}, save {save}",
        "submit": last,
    }


START = 300.0  # seconds the threads of a burst wait for each other before giving up


@contextmanager
def made_clients(count: int, **options: Any) -> Iterator[list[httpx.Client]]:
    """*count* HTTP clients, all made here before any thread of a burst starts: a client made in
    a thread could fail there (its first use imports modules, which many threads at once may
    not), and leave the other threads waiting at the start."""
    made = [httpx.Client(**options) for _ in range(count)]
    try:
        yield made
    finally:
        for client in made:
            client.close()


def answer_all(
    server: Server,
    people: list[Person],
    *,
    saves: int = 2,
    acknowledged: dict[str, dict[str, Any]] | None = None,
) -> Outcome:
    """Every respondent at once (a thread each, started together once every client is ready): open
    the link, save part of the answers *saves* - 1 times, then save and submit all of them. Failures
    are collected, not raised; *acknowledged* (token → the last body answered 200) fills as the
    server answers. The time runs from the start together."""
    began: list[float] = []
    barrier = threading.Barrier(len(people), action=lambda: began.append(time.perf_counter()))
    latencies: list[float] = []
    failures: list[str] = []
    acknowledged = {} if acknowledged is None else acknowledged
    lock = threading.Lock()

    def one(given: tuple[Person, httpx.Client]) -> None:
        person, client = given
        barrier.wait(timeout=START)

        def timed(method: str, body: dict[str, Any] | None = None) -> httpx.Response | None:
            start = time.perf_counter()
            try:
                response = client.request(method, f"/api/v1/responses/{person.token}", json=body)
            except httpx.TransportError as error:
                with lock:
                    failures.append(f"{person.id}: {type(error).__name__}")
                return None
            with lock:
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    failures.append(f"{person.id}: {response.status_code} {response.text[:200]}")
            return response

        if timed("GET") is None:
            return
        for save in range(1, saves + 1):
            body = save_body(person, save, saves)
            response = timed("PUT", body)
            if response is None:
                return
            if response.status_code == 200:
                with lock:
                    acknowledged[person.token] = body

    with (
        made_clients(len(people), base_url=server.url, timeout=120) as clients,
        ThreadPoolExecutor(max_workers=len(people)) as pool,
    ):
        list(pool.map(one, zip(people, clients, strict=True)))
    return Outcome(acknowledged, latencies, failures, time.perf_counter() - began[0])


def close_twice(server: Server, round_ids: list[int]) -> dict[int, list[int]]:
    """Close every round from two clients at once: the statuses each round's two requests got."""
    barrier = threading.Barrier(2 * len(round_ids))

    def close(given: tuple[int, httpx.Client]) -> tuple[int, int]:
        round_id, client = given
        barrier.wait(timeout=START)
        return round_id, client.post(f"/api/v1/rounds/{round_id}/close").status_code

    twice = round_ids + round_ids
    with (
        made_clients(len(twice), base_url=server.url, headers=server.team, timeout=120) as clients,
        ThreadPoolExecutor(max_workers=len(twice)) as pool,
    ):
        done = list(pool.map(close, zip(twice, clients, strict=True)))
    statuses: dict[int, list[int]] = {round_id: [] for round_id in round_ids}
    for round_id, status in done:
        statuses[round_id].append(status)
    return {round_id: sorted(found) for round_id, found in statuses.items()}


def health_all(server: Server, clients: int, each: int = 3) -> Outcome:
    """The floor: *clients* threads at once, each asking *each* health checks (a database ping)."""
    began: list[float] = []
    barrier = threading.Barrier(clients, action=lambda: began.append(time.perf_counter()))
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def one(client: httpx.Client) -> None:
        barrier.wait(timeout=START)
        for _ in range(each):
            start = time.perf_counter()
            status = client.get("/api/v1/health").status_code
            with lock:
                latencies.append(time.perf_counter() - start)
                if status != 200:
                    failures.append(str(status))

    with made_clients(clients, base_url=server.url, timeout=120) as made, ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, made))
    return Outcome({}, latencies, failures, time.perf_counter() - began[0])
