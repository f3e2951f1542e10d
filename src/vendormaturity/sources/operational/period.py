"""Periods of time the facts are computed over: a quarter, a month, a year or a range of days."""

from __future__ import annotations

import calendar
import datetime
import re

import attrs

from vendormaturity.errors import Problem
from vendormaturity.i18n import msg

__all__ = ["EARLIEST", "Period", "parse_period", "period_problem"]

EARLIEST = datetime.date(1990, 1, 1)  # no outsourcing export worth reading is older
EARLIEST_YEAR = 1900  # before this, not even --confirm-period: a period needs the year before it too
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")
_DAYS_PER_MONTH = 365.2425 / 12


@attrs.frozen(order=True)
class Period:
    """The days from *start* to *end*, both included."""

    start: datetime.date
    end: datetime.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def months(self) -> float:
        """Length in months: whole calendar months count exactly, other days as 1/12 of a year."""
        if self.start.day == 1 and self.end == _month_end(self.end):
            return float((self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1)
        return round(((self.end - self.start).days + 1) / _DAYS_PER_MONTH, 4)

    def back(self, months: int) -> Period:
        """The *months* calendar months that end with this period's last day."""
        year, month = self.end.year, self.end.month - months + 1
        while month < 1:
            year, month = year - 1, month + 12
        if self.end == _month_end(self.end):
            return Period(datetime.date(year, month, 1), self.end)
        # a window ending mid-month starts the day after the same day, *months* earlier
        year, month = self.end.year, self.end.month - months
        while month < 1:
            year, month = year - 1, month + 12
        day = min(self.end.day, calendar.monthrange(year, month)[1])
        return Period(datetime.date(year, month, day) + datetime.timedelta(days=1), self.end)


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def parse_period(text: str) -> Period | str:
    """A period from ``2026-Q3``, ``2026-09``, ``2026`` or ``2026-07-01..2026-09-30``, or what is wrong."""
    given = text.strip()
    leading = re.match(r"^(\d{4})", given)
    if leading is not None and int(leading.group(1)) < EARLIEST_YEAR:
        return msg(
            "'{period}': no export holds dates of the year {year}; is the year right?",
            period=given,
            year=int(leading.group(1)),
        )
    if match := _QUARTER.match(given):
        year, quarter = int(match.group(1)), int(match.group(2))
        first = datetime.date(year, 3 * quarter - 2, 1)
        return Period(first, _month_end(datetime.date(year, 3 * quarter, 1)))
    if match := _MONTH.match(given):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            return msg("'{period}': month {month} does not exist", period=given, month=month)
        return Period(datetime.date(year, month, 1), _month_end(datetime.date(year, month, 1)))
    if match := _YEAR.match(given):
        year = int(match.group(1))
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    if match := _RANGE.match(given):
        try:
            start = datetime.date.fromisoformat(match.group(1))
            end = datetime.date.fromisoformat(match.group(2))
        except ValueError as error:
            # Python's own words for the impossible day (day is out of range for month)
            return msg("'{period}': {detail}", period=given, detail=error)
        if end < start:
            return msg("'{period}': the period ends before it starts", period=given)
        return Period(start, end)
    return msg(
        "'{period}' is not a period; write a quarter (2026-Q3), a month (2026-09), a year (2026)"
        " or a range of days (2026-07-01..2026-09-30)",
        period=given,
    )


def period_problem(period: Period, today: datetime.date, *, confirmed: bool) -> Problem | None:
    """Why *period* is implausible (in the future, before 1990), unless the user *confirmed* it."""
    if confirmed:
        return None
    if period.end > today:
        return Problem(
            msg(
                "period {period} ends after today ({today}): its exports cannot be complete;"
                " choose a period that has ended, or confirm it with --confirm-period",
                period=str(period),
                today=today.isoformat(),
            )
        )
    if period.start < EARLIEST:
        return Problem(
            msg(
                "period {period} starts before {year}: is the year right? Confirm it with --confirm-period",
                period=str(period),
                year=EARLIEST.year,
            )
        )
    return None
