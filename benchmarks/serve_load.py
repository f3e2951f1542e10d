"""``vendormaturity serve`` under load: two worker processes on 127.0.0.1, 200 respondents at once.

Each respondent (a thread of its own, all started together) opens their link, saves half of
their answers, then saves and submits all of them (3 requests); then every round is closed.
The floor, measured in the same run against the same server with the same number of
clients, is a health check (one database ping a request): the respondents' rate is printed
beside it as a ratio.

What must hold (the load tests assert it): no request fails and every answer is acknowledged.
The figures are printed for comparison between runs and backends; the machine's load average
is printed beside them, since 200 clients and the workers share its cores.

    python benchmarks/serve_load.py     # SQLite, and PostgreSQL when VENDORMATURITY_TEST_PG is set
    python benchmarks/serve_load.py --respondents 50 --workers 1
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from serve.load import Outcome, answer_all, health_all, open_rounds, prepared, serving


@contextmanager
def database(backend: str) -> Iterator[str]:
    """A new SQLite file, or a PostgreSQL schema of its own (dropped after)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'portfolio.db'}"
        return
    server = os.environ["VENDORMATURITY_TEST_PG"]
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{server}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def line(label: str, outcome: Outcome) -> str:
    rate = outcome.requests / outcome.seconds
    return (
        f"  {label:<34} {outcome.requests:>5} requests  {rate:>7.1f} req/s  "
        f"p95 {outcome.p95() * 1000:>6.0f} ms  failures {len(outcome.failures)}"
    )


def run(backend: str, respondents: int, per_round: int, workers: int) -> None:
    with database(backend) as db:
        token = prepared(db)
        with serving(db, token, workers=workers) as server:
            floor = health_all(server, respondents)
            people = open_rounds(server, max(1, respondents // per_round), per_round)
            outcome = answer_all(server, people)
            import httpx

            start = time.perf_counter()
            with httpx.Client(base_url=server.url, headers=server.team, timeout=120) as client:
                for round_id in sorted({person.round_id for person in people}):
                    client.post(f"/api/v1/rounds/{round_id}/close").raise_for_status()
            closing = time.perf_counter() - start
    rate, floor_rate = outcome.requests / outcome.seconds, floor.requests / floor.seconds
    print(
        f"{backend}: {workers} workers, {len(people)} respondents at once"
        f" (load average {os.getloadavg()[0]:.1f})"
    )
    print(line("health check (floor)", floor))
    print(line("respondents: open, save, submit", outcome))
    print(
        f"  ratio to the floor: {rate / floor_rate:.2f} of the rate, p95 × {outcome.p95() / floor.p95():.1f}"
    )
    print(f"  closing {len(people) // per_round} rounds one after another: {closing:.2f} s")
    lost = len(people) - len(outcome.acknowledged)
    print(f"  answers acknowledged: {len(outcome.acknowledged)} of {len(people)} ({lost} lost)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--per-round", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    backends = ["sqlite"] + (["postgresql"] if os.environ.get("VENDORMATURITY_TEST_PG") else [])
    for backend in backends:
        run(backend, args.respondents, args.per_round, args.workers)


if __name__ == "__main__":
    main()
