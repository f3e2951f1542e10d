"""Dates a person can have meant: not far in the future, not before the field existed.

A typo in a year (2062 for 2026, 0026) is valid syntax and would quietly reorder a
relationship's history or its periods, so it is refused unless the user confirms it.
"""

from __future__ import annotations

import datetime

__all__ = ["EARLIEST", "FUTURE_DAYS", "implausible_date"]

EARLIEST = datetime.date(1990, 1, 1)  # before outsourcing relationships were assessed this way
FUTURE_DAYS = 7  # an assessment dated next week is being prepared; next year is a typo


def implausible_date(date: datetime.date, *, today: datetime.date | None = None) -> str | None:
    """Why *date* is not plausible for an assessment or a period, or None if it is."""
    today = today or datetime.date.today()
    if date < EARLIEST:
        return f"{date.isoformat()} is before {EARLIEST.year}"
    if date > today + datetime.timedelta(days=FUTURE_DAYS):
        return (
            f"{date.isoformat()} is more than {FUTURE_DAYS} days in the future (today is {today.isoformat()})"
        )
    return None
