"""What every request of one worker shares: the database, the rounds, the portfolio, settings."""

from __future__ import annotations

import datetime

import attrs
import sqlalchemy as sa
from starlette.requests import Request

from vendormaturity.errors import NotFoundError
from vendormaturity.store.portfolio import Portfolio
from vendormaturity.store.rounds import Rounds

__all__ = ["State", "state_of"]


@attrs.frozen
class State:
    engine: sa.Engine
    rounds: Rounds
    portfolio: Portfolio
    languages: tuple[str, ...]
    public_url: str | None = None  # how respondents reach the server (behind a proxy), else the request's

    def link(self, request: Request, token: str) -> str:
        """A respondent's personal link, absolute."""
        base = self.public_url or str(request.base_url)
        return f"{base.rstrip('/')}/r/{token}"

    def stored_dates(self, relationship: str) -> list[datetime.date]:
        """The dates of the relationship's rounds in the portfolio (none for a new one)."""
        try:
            return [round_.date for round_ in self.portfolio.trajectory(relationship).rounds]
        except NotFoundError:
            return []

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))


def state_of(request: Request) -> State:
    state: State = request.app.state.vendormaturity
    return state
