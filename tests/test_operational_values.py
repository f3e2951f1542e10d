"""Cells of operational exports: dates in the declared format, numbers with units, periods."""

from __future__ import annotations

import datetime

import pytest

from vendormaturity.sources.operational.period import Period, parse_period, period_problem
from vendormaturity.sources.operational.values import Cell, DateReader, Quantity, cell_text, parse_quantity

D = datetime.date
PARIS = DateReader("iso", "Europe/Paris")


def read(reader: DateReader, value: Cell) -> datetime.date | str | None:
    return reader.read(value, reader.zone())


@pytest.mark.parametrize(
    ("reader", "value", "expected"),
    [
        (DateReader("iso"), "2026-07-03", D(2026, 7, 3)),
        (DateReader("iso"), "2026-07-03 23:59:59", D(2026, 7, 3)),
        (DateReader("iso"), "2026-07", D(2026, 7, 1)),
        (DateReader("iso"), "  ", None),
        (DateReader("iso"), None, None),
        (PARIS, "2026-09-30T22:30:00Z", D(2026, 10, 1)),
        (PARIS, "2026-09-30T23:30:00.000+0200", D(2026, 9, 30)),
        (PARIS, "2026-09-30 23:30:00", D(2026, 9, 30)),
        (DateReader("iso", "UTC"), "2026-07-01T01:00:00+02:00", D(2026, 6, 30)),
        (DateReader("day_first"), "03/07/2026", D(2026, 7, 3)),
        (DateReader("day_first"), "03.07.2026 14:05", D(2026, 7, 3)),
        (DateReader("month_first"), "7/3/2026 11:30 PM", D(2026, 7, 3)),
        (DateReader("month_first"), "7/3/2026 12:10 AM", D(2026, 7, 3)),
        (DateReader("excel_serial"), "46206", D(2026, 7, 3)),
        (DateReader("excel_serial"), 46206.75, D(2026, 7, 3)),
        (DateReader("%d/%b/%y %I:%M %p"), "03/Jul/26 9:15 AM", D(2026, 7, 3)),
        (DateReader("iso"), datetime.datetime(2026, 7, 3, 8, 0), D(2026, 7, 3)),
        (DateReader("iso"), D(2026, 7, 3), D(2026, 7, 3)),
    ],
)
def test_dates_are_read_in_the_declared_format(reader: DateReader, value: Cell, expected: object) -> None:
    """Each declared format reads its dates; offsets convert to the source's time zone."""
    assert expected == read(reader, value)


@pytest.mark.parametrize(
    ("reader", "value", "message"),
    [
        (
            DateReader("iso"),
            "31/07/2026",
            "'31/07/2026' is not an ISO date (2026-07-03); it looks day-first (French style, 31/12/2026): "
            'date_format = "day_first"',
        ),
        (
            DateReader("iso"),
            "07/31/2026",
            "'07/31/2026' is not an ISO date (2026-07-03); it looks month-first (US style, 12/31/2026): "
            'date_format = "month_first"',
        ),
        (
            DateReader("iso"),
            "03/07/2026",
            "'03/07/2026' is not an ISO date (2026-07-03); it is day-first or month-first: say which with "
            'date_format = "day_first" or "month_first"',
        ),
        (
            DateReader("iso"),
            "46206",
            "'46206' is not an ISO date (2026-07-03) (as an Excel serial day number it is 2026-07-03: "
            'date_format = "excel_serial")',
        ),
        (
            DateReader("iso"),
            46206,
            "46206 is a number, not a date (as an Excel serial day number it is 2026-07-03: "
            'date_format = "excel_serial")',
        ),
        (DateReader("iso"), 12.5, "12.5 is a number, not a date"),
        (
            DateReader("iso"),
            "2026-07-03T08:00:00+02:00",
            "'2026-07-03T08:00:00+02:00' carries a time zone (+02:00); say in which time zone days count: "
            'timezone = "Europe/Paris" (or "UTC") for this source in the mapping',
        ),
        (
            DateReader("iso"),
            "2026-07-03T08:00:00Z",
            "'2026-07-03T08:00:00Z' carries a time zone (UTC); say in which time zone days count: "
            'timezone = "Europe/Paris" (or "UTC") for this source in the mapping',
        ),
        (DateReader("iso"), "2026-02-30", "'2026-02-30' is not a valid date: day is out of range for month"),
        (DateReader("iso"), "2026-13", "'2026-13' is not a month"),
        (
            DateReader("day_first"),
            "2026-07-03",
            "'2026-07-03' is not a date like 31/12/2026; it looks like an ISO date: date_format = \"iso\"",
        ),
        (
            DateReader("day_first"),
            "2026-07-03T08:00Z",
            "'2026-07-03T08:00Z' is not a date like 31/12/2026; it looks like an ISO date with a time zone: "
            'date_format = "iso"',
        ),
        (
            DateReader("day_first"),
            "07/31/2026",
            "'07/31/2026' is not a date read as day/month/year; is the format \"month_first\"?",
        ),
        (
            DateReader("month_first"),
            "31/07/2026",
            "'31/07/2026' is not a date read as month/day/year; is the format \"day_first\"?",
        ),
        (DateReader("month_first"), "July 3", "'July 3' is not a date like 12/31/2026"),
        (
            DateReader("excel_serial"),
            "2026-07-03",
            "'2026-07-03' is not an Excel serial day number; "
            'it looks like an ISO date: date_format = "iso"',
        ),
        (DateReader("excel_serial"), "12", "'12' is not an Excel serial day number"),
        (DateReader("excel_serial"), 12, "12 is not an Excel serial day number of a date after 1900-03-01"),
        (
            DateReader("%d/%b/%y %I:%M %p"),
            "2026-07-03",
            "'2026-07-03' does not match the date format %d/%b/%y %I:%M %p; it looks like an ISO date: "
            'date_format = "iso"',
        ),
        (DateReader("iso"), True, "True is not a date"),
        (DateReader("iso"), ("a", "b"), "('a', 'b') is not a date"),
    ],
)
def test_a_date_in_another_format_says_what_it_looks_like(
    reader: DateReader, value: Cell, message: str
) -> None:
    """A value not in the declared format is refused with what it looks like and how to declare it."""
    assert message == read(reader, value)


def test_a_date_cell_with_an_offset_needs_a_time_zone() -> None:
    """An aware datetime (a JSON parser's or a workbook's) is converted, or refused without a zone."""
    moment = datetime.datetime(2026, 9, 30, 23, 30, tzinfo=datetime.UTC)
    assert D(2026, 10, 1) == read(PARIS, moment)
    assert "carries a time zone (UTC)" in str(read(DateReader("iso"), moment))


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("99,6 %", "either", Quantity(99.6, "percent", "99,6 %")),
        ("99.6%", ".", Quantity(99.6, "percent", "99.6%")),
        ("0.995", "either", Quantity(0.995, None, "0.995")),
        ("1 234,5 €", ",", Quantity(1234.5, "EUR", "1 234,5 €")),
        ("€1,234.50", "either", Quantity(1234.5, "EUR", "€1,234.50")),
        ("1.234,56", "either", Quantity(1234.56, None, "1.234,56")),
        ("1,234,567", "either", Quantity(1234567.0, None, "1,234,567")),
        ("1'250.5 CHF", ".", Quantity(1250.5, "CHF", "1'250.5 CHF")),
        ("4 h", ".", Quantity(240.0, "duration", "4 h")),
        ("300 min", ".", Quantity(300.0, "duration", "300 min")),
        ("1,5 j", ",", Quantity(2160.0, "duration", "1,5 j")),
        ("−2", ".", Quantity(-2.0, None, "−2")),
        ("1250", "either", Quantity(1250.0, None, "1250")),
        (7, ".", Quantity(7.0, None, "7")),
    ],
)
def test_numbers_keep_their_unit(text: Cell, decimal: str, expected: Quantity) -> None:
    """A number converts to its kind's base unit (minutes for durations); currencies are kinds."""
    assert expected == parse_quantity(text, decimal)


@pytest.mark.parametrize(
    ("text", "decimal", "message"),
    [
        (
            "1,250",
            "either",
            "'1,250' is ambiguous: is ',' a decimal or a thousands separator? "
            'Set decimal = "." or decimal = "," for this source',
        ),
        (
            "99,5",
            ".",
            "'99,5' is not a number with '.' as decimal separator; if the export writes decimals with ',', "
            'set decimal = "," for this source',
        ),
        (
            "99.5.1",
            ",",
            "'99.5.1' is not a number with ',' as decimal separator; if the export writes decimals with '.', "
            'set decimal = "." for this source',
        ),
        (
            "3.5 parsecs",
            ".",
            "'3.5 parsecs': unknown unit 'parsecs' (known: %, ms, s, min, h, d, €, $, £, CHF)",
        ),
        ("n/a", ".", "'n/a' is not a number"),
        (True, ".", "'true' is not a number"),
        (None, ".", "'' is not a number"),
        (D(2026, 7, 1), ".", "'2026-07-01' is a date, not a number"),
    ],
)
def test_what_is_not_a_number_says_why(text: Cell, decimal: str, message: str) -> None:
    """Ambiguous separators, another decimal separator, unknown units: each said plainly."""
    assert message == parse_quantity(text, decimal)


def test_cells_as_text() -> None:
    """Cells read as the text a value meaning lists."""
    cells: list[Cell] = [None, True, False, 3.0, 2.5, D(2026, 7, 1), ("a", "b"), " Resolved "]
    assert ["", "true", "false", "3", "2.5", "2026-07-01", "a, b", "Resolved"] == [
        cell_text(c) for c in cells
    ]


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "start", "end", "months"),
    [
        ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), 3.0),
        ("2026-q1", D(2026, 1, 1), D(2026, 3, 31), 3.0),
        ("2026-09", D(2026, 9, 1), D(2026, 9, 30), 1.0),
        ("2026", D(2026, 1, 1), D(2026, 12, 31), 12.0),
        ("2026-07-01..2026-09-30", D(2026, 7, 1), D(2026, 9, 30), 3.0),
        ("2026-07-15 .. 2026-08-14", D(2026, 7, 15), D(2026, 8, 14), 1.0185),
    ],
)
def test_periods(text: str, start: datetime.date, end: datetime.date, months: float) -> None:
    """Quarters, months, years and ranges of days; whole months count exactly."""
    period = parse_period(text)
    assert isinstance(period, Period)
    assert (start, end, months) == (period.start, period.end, period.months)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "'2026-13': month 13 does not exist"),
        ("2026-09-30..2026-07-01", "'2026-09-30..2026-07-01': the period ends before it starts"),
        ("2026-02-30..2026-03-01", "'2026-02-30..2026-03-01': day is out of range for month"),
        (
            "Q3 2026",
            "'Q3 2026' is not a period; write a quarter (2026-Q3), a month (2026-09), a year (2026) or a "
            "range of days (2026-07-01..2026-09-30)",
        ),
    ],
)
def test_what_is_not_a_period_says_why(text: str, message: str) -> None:
    """A period that cannot be read says how to write one."""
    assert message == parse_period(text)


def test_windows_back_from_a_period() -> None:
    """The last N months end with the period's last day, calendar months or not."""
    quarter = Period(D(2026, 7, 1), D(2026, 9, 30))
    assert Period(D(2025, 10, 1), D(2026, 9, 30)) == quarter.back(12)
    assert Period(D(2024, 10, 1), D(2026, 9, 30)) == quarter.back(24)
    assert Period(D(2025, 9, 16), D(2026, 9, 15)) == Period(D(2026, 7, 1), D(2026, 9, 15)).back(12)
    assert Period(D(2025, 3, 1), D(2026, 2, 28)) == Period(D(2026, 1, 1), D(2026, 2, 28)).back(12)
    assert Period(D(2024, 12, 29), D(2025, 1, 28)) == Period(D(2025, 1, 1), D(2025, 1, 28)).back(1)
    assert "2026-07-01..2026-09-30" == str(quarter)
    assert D(2026, 8, 1) in quarter
    assert "2026-08-01" not in quarter


def test_implausible_periods_need_confirmation() -> None:
    """A period in the future or before 1990 is refused unless confirmed."""
    today = D(2026, 10, 2)
    future = Period(D(2026, 10, 1), D(2026, 12, 31))
    old = Period(D(1989, 1, 1), D(1989, 3, 31))
    assert (
        "period 2026-10-01..2026-12-31 ends after today (2026-10-02): its exports cannot be complete; "
        "choose a period that has ended, or confirm it with --confirm-period"
    ) == str(period_problem(future, today, confirmed=False))
    assert (
        "period 1989-01-01..1989-03-31 starts before 1990: is the year right? Confirm it with "
        "--confirm-period" == str(period_problem(old, today, confirmed=False))
    )
    assert [None, None, None] == [
        period_problem(future, today, confirmed=True),
        period_problem(old, today, confirmed=True),
        period_problem(Period(D(2026, 7, 1), D(2026, 9, 30)), today, confirmed=False),
    ]


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["31/07/2026 10:00", "03/07/2026"], "day_first"),
        (["07/31/2026 10:00 AM", "07/03/2026"], "month_first"),
        (["03/07/2026", "04/07/2026"], None),
        (["31/07/2026", "07/31/2026"], None),
        ([None, "", 46206], None),
    ],
)
def test_the_order_of_day_and_month_is_inferred_only_when_no_date_doubts(
    values: list[object], order: str | None
) -> None:
    from vendormaturity.sources.operational.values import slashed_order

    assert order == slashed_order(values)  # type: ignore[arg-type]
