"""The application's fixtures: a portfolio with a team token, served in this process (on SQLite
and on PostgreSQL, as the store's tests are), and rounds opened through the API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

import vendormaturity as vm
from store.conftest import db  # noqa: F401 - the store's database fixture, on both backends
from vendormaturity.serve import create_app
from vendormaturity.store.rounds import Rounds
from vendormaturity.store.schema import create_engine

from .helpers import Served


@pytest.fixture
def served(db: str) -> Iterator[Served]:  # noqa: F811 - the fixture imported above
    """An application over a new portfolio, a team token, and a client (no exception raised through)."""
    with vm.Portfolio(db, create=True) as store:
        store.init()
    engine = create_engine(db, must_exist=True)
    token = Rounds(engine).create_token("team")
    engine.dispose()
    app = create_app(db, throttle_limit=5, throttle_window=60.0)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Served(db=db, token=token, client=client, app=app)
    app.state.vendormaturity.engine.dispose()


@pytest.fixture
def team(served: Served) -> dict[str, Any]:
    """The headers of the team's requests."""
    return {"Authorization": f"Bearer {served.token}"}
