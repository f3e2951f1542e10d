"""The store's fixtures: a fresh portfolio database per test, on SQLite and on PostgreSQL.

PostgreSQL tests run against the server named by VENDORMATURITY_TEST_PG (``bash
scripts/pg.sh start`` prints it), each in a schema of its own. Without it they are
skipped with the reason shown, except in CI, where they must run: there a missing server
fails the test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import vendormaturity as vm

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PG = os.environ.get("VENDORMATURITY_TEST_PG")
NO_PG = "PostgreSQL not available: set VENDORMATURITY_TEST_PG (eval \"$(bash scripts/pg.sh start)\")"


def _backends() -> list[Any]:
    postgresql: Any = pytest.param("postgresql", id="postgresql")
    if not PG and not os.environ.get("CI"):
        postgresql = pytest.param("postgresql", id="postgresql", marks=pytest.mark.skip(reason=NO_PG))
    return [pytest.param("sqlite", id="sqlite"), postgresql]


@pytest.fixture(params=_backends())
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'portfolio.db'}"
        return
    if not PG:
        pytest.fail("CI is set but VENDORMATURITY_TEST_PG is not: .ci/run starts PostgreSQL with scripts/pg.sh")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(PG)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def portfolio(db: str) -> Iterator[vm.Portfolio]:
    """A new, empty portfolio."""
    with vm.Portfolio(db, create=True) as store:
        store.init()
        yield store


def copies(folder: Path, count: int, *, prefix: str = "rel", start: int = 0) -> Path:
    """*count* relationships made from the examples' rounds, each a folder of dated files."""
    sources = sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "scripts")
    for number in range(start, start + count):
        example = sources[number % len(sources)]
        target = folder / f"{prefix}-{number:04d}"
        target.mkdir(parents=True)
        current, history = vm.load_history(example)
        for rs in [*history, current]:
            assert isinstance(rs, vm.ResponseSet)
            renamed = rs.model_copy(update={"relationship": f"{prefix}-{number:04d}"})
            (target / f"{rs.date.isoformat()}.toml").write_text(vm.dump_responses(renamed), encoding="utf-8")
    return folder
