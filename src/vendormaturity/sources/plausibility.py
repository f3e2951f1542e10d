"""Dates a person can have meant: not far in the future, not before the field existed.

A typo in a year (2062 for 2026, 0026) is valid syntax and would quietly reorder a
relationship's history or its periods, so it is refused unless the user confirms it.
"""

from __future__ import annotations

import datetime

from vendormaturity.i18n import Message, msg, nmsg

__all__ = ["EARLIEST", "FUTURE_DAYS", "implausible_date"]

EARLIEST = datetime.date(1990, 1, 1)  # before outsourcing relationships were assessed this way
FUTURE_DAYS = 7  # an assessment dated next week is being prepared; next year is a typo


def implausible_date(date: datetime.date, *, today: datetime.date | None = None) -> Message | None:
    """Why *date* is not plausible for an assessment or a period, or None if it is."""
    today = today or datetime.date.today()
    if date < EARLIEST:
        return msg("{date} is before {year}", date=date.isoformat(), year=EARLIEST.year)
    if date > today + datetime.timedelta(days=FUTURE_DAYS):
        return nmsg(
            "{date} is more than {count} day in the future (today is {today})",
            "{date} is more than {count} days in the future (today is {today})",
            FUTURE_DAYS,
            date=date.isoformat(),
            today=today.isoformat(),
        )
    return None
