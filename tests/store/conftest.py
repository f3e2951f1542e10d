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

PG = os.environ.get("VENDORMATURITY_TEST_PG")
NO_PG = 'PostgreSQL not available: set VENDORMATURITY_TEST_PG (eval "$(bash scripts/pg.sh start)")'


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
        pytest.fail(
            "CI is set but VENDORMATURITY_TEST_PG is not: .ci/run starts PostgreSQL with scripts/pg.sh"
        )
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
