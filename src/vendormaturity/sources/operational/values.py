"""Cell values of operational exports: dates in a declared format, numbers with units, text.

Nothing is guessed: a date is read in the format the mapping declares for its source, and
a value in another format is refused with what it looks like and how to say so. A number
carries its unit (``99.2 %``, ``4 h``, ``1 200,50 €``); units of one kind convert (hours
and minutes), others never mix.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import zoneinfo
from collections.abc import Sequence
from typing import Final

import attrs

from vendormaturity.i18n import Message, msg

_MAX_DIGITS = 30  # a figure of an export: amounts, counts, percentages

__all__ = [
    "DATE_FORMATS",
    "Cell",
    "DateReader",
    "Quantity",
    "cell_text",
    "local_zone",
    "parse_quantity",
    "pattern_problem",
    "slashed_order",
    "zone_of",
]

Cell = str | int | float | bool | datetime.datetime | datetime.date | tuple[str, ...] | None

DATE_FORMATS: Final = ("iso", "day_first", "month_first", "day_or_month_first", "excel_serial")

_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")  # a month: its first day
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$")
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_SLASHED = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"
)
_SERIAL = re.compile(r"^\d{4,6}(?:[.,]\d+)?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 is 1900-01-01 (and Excel counts 1900-02-29)
_LOWEST_SERIAL, _HIGHEST_SERIAL = 61, 2_958_465  # 1900-03-01 .. 9999-12-31


def cell_text(value: Cell) -> str:
    """A cell as the text a value meaning lists: ``true``, ``3``, ``2.5``, ``Resolved``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value).strip()


@attrs.frozen
class DateReader:
    """Reads the dates of one source, in its declared format and time zone."""

    format: str  # one of DATE_FORMATS, or a strptime pattern such as "%d/%b/%y %I:%M %p"
    timezone: str | None = None  # where days are counted, for values that carry an offset
    written_in: str | None = None  # the zone of the values the tool writes without an offset

    def zone(self) -> datetime.tzinfo | None:
        return zone_of(self.timezone) if self.timezone is not None else None

    def read(self, value: Cell, zone: datetime.tzinfo | None) -> datetime.date | Message | None:
        """The day of *value*, ``None`` for an empty cell, or why it is not a date of this format."""
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):  # a date cell of a workbook: already the user's day
            return self._day(value, zone, value.isoformat(), cell=True)
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, bool | tuple):
            return msg("{value} is not a date", value=_quoted(value))
        if isinstance(value, int | float):
            if self.format == "excel_serial":
                return _serial(float(value), _quoted(value))
            return msg(
                "{value} is a number, not a date{hint}", value=_quoted(value), hint=_serial_hint(float(value))
            )
        text = value.strip()
        if not text:
            return None
        reader = _READERS.get(self.format)
        if reader is not None:
            return reader(self, text, zone)
        try:
            parsed = datetime.datetime.strptime(text, self.format)
        except (ValueError, re.error):
            return msg(
                "{value} does not match the date format {format}{hint}",
                value=_quoted(text),
                format=self.format,
                hint=_hint(text, self.format),
            )
        return self._day(parsed, zone, text)

    def _day(
        self, moment: datetime.datetime, zone: datetime.tzinfo | None, shown: str, *, cell: bool = False
    ) -> datetime.date | Message:
        if moment.tzinfo is None:
            if self.written_in is None or cell:
                return moment.date()
            moment = moment.replace(tzinfo=zone_of(self.written_in))
        if zone is None:
            offset = moment.strftime("%z")
            offset = "UTC" if offset in ("+0000", "") else f"{offset[:3]}:{offset[3:]}"
            return msg(
                "{value} carries a time zone ({offset}); say in which time zone days count:"
                ' timezone = "Europe/Paris" (or "UTC") for this source in the mapping',
                value=_quoted(shown),
                offset=offset,
            )
        try:
            return moment.astimezone(zone).date()
        except (OverflowError, ValueError):
            return msg(
                "{value} is not a date a period can hold (the year is out of range)", value=_quoted(shown)
            )

    def _iso(self, text: str, zone: datetime.tzinfo | None) -> datetime.date | Message:
        month = _ISO_MONTH.match(text)
        if month is not None:
            if not 1 <= int(month.group(2)) <= 12:
                return msg("{value} is not a month", value=_quoted(text))
            return datetime.date(int(month.group(1)), int(month.group(2)), 1)
        if not _ISO.match(text):
            return msg(
                "{value} is not an ISO date (2026-07-03){hint}", value=_quoted(text), hint=_hint(text, "iso")
            )
        try:
            moment = datetime.datetime.fromisoformat(text.replace(",", "."))
        except ValueError as error:
            # Python's own words for what is wrong (day is out of range for month)
            return msg("{value} is not a valid date: {detail}", value=_quoted(text), detail=error)
        return self._day(moment, zone, text)

    def _slashed(
        self, text: str, zone: datetime.tzinfo | None, *, day_first: bool
    ) -> datetime.date | Message:
        match = _SLASHED.match(text)
        if match is None:
            expected = "31/12/2026" if day_first else "12/31/2026"
            return msg(
                "{value} is not a date like {example}{hint}",
                value=_quoted(text),
                example=expected,
                hint=_hint(text, self.format),
            )
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        day, month = (first, second) if day_first else (second, first)
        try:
            moment = datetime.datetime(year, month, day, *_clock(match))
        except ValueError:
            if day_first:
                return msg(
                    '{value} is not a date read as day/month/year; is the format "month_first"?',
                    value=_quoted(text),
                )
            return msg(
                '{value} is not a date read as month/day/year; is the format "day_first"?',
                value=_quoted(text),
            )
        return self._day(moment, zone, text)

    def _day_first(self, text: str, zone: datetime.tzinfo | None) -> datetime.date | Message:
        return self._slashed(text, zone, day_first=True)

    def _month_first(self, text: str, zone: datetime.tzinfo | None) -> datetime.date | Message:
        return self._slashed(text, zone, day_first=False)

    def _excel_serial(self, text: str, zone: datetime.tzinfo | None) -> datetime.date | Message:
        if not _SERIAL.match(text):
            return msg(
                "{value} is not an Excel serial day number{hint}",
                value=_quoted(text),
                hint=_hint(text, "excel_serial"),
            )
        return _serial(float(text.replace(",", ".")), _quoted(text))


_READERS = {
    "iso": DateReader._iso,
    "day_first": DateReader._day_first,
    "month_first": DateReader._month_first,
    "excel_serial": DateReader._excel_serial,
}


def _clock(match: re.Match[str]) -> tuple[int, int, int]:
    if match.group(4) is None:
        return 0, 0, 0
    hour, minute, second = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
    meridiem = (match.group(7) or "").lower()
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    return hour, minute, second


def _serial(number: float, shown: str) -> datetime.date | Message:
    if not _LOWEST_SERIAL <= number <= _HIGHEST_SERIAL:
        return msg("{value} is not an Excel serial day number of a date after 1900-03-01", value=shown)
    return _EXCEL_EPOCH + datetime.timedelta(days=int(number))


def _serial_hint(number: float) -> str:
    if _LOWEST_SERIAL <= number <= _HIGHEST_SERIAL:
        day = _EXCEL_EPOCH + datetime.timedelta(days=int(number))
        return msg(
            ' (as an Excel serial day number it is {day}: date_format = "excel_serial")', day=day.isoformat()
        )
    return ""


def _hint(text: str, declared: str) -> str:
    """What *text* looks like, when it is not in the *declared* format, and how to say so."""
    if declared != "iso" and _ISO.match(text):
        if _OFFSET.search(text):
            return msg('; it looks like an ISO date with a time zone: date_format = "iso"')
        return msg('; it looks like an ISO date: date_format = "iso"')
    match = _SLASHED.match(text)
    if match is not None and declared not in ("day_first", "month_first"):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return msg('; it looks day-first (French style, 31/12/2026): date_format = "day_first"')
        if second > 12 >= first:
            return msg('; it looks month-first (US style, 12/31/2026): date_format = "month_first"')
        return msg(
            '; it is day-first or month-first: say which with date_format = "day_first" or "month_first"'
        )
    if _SERIAL.match(text) and declared != "excel_serial":
        return _serial_hint(float(text.replace(",", ".")))
    return ""


def _quoted(value: object) -> str:
    """A cell's text in quotes (as each language quotes), a number as it is."""
    # Translators: a value quoted in a message; French quotes with guillemets
    return msg("'{text}'", text=value) if isinstance(value, str) else repr(value)


# --------------------------------------------------------------------------- quantities

_UNITS: Final[dict[str, tuple[str, float]]] = {
    # unit as written (case-folded) → (kind, factor to the kind's base unit)
    "%": ("percent", 1.0),
    "ms": ("duration", 1 / 60_000),
    "s": ("duration", 1 / 60),
    "sec": ("duration", 1 / 60),
    "min": ("duration", 1.0),
    "mn": ("duration", 1.0),
    "h": ("duration", 60.0),
    "hr": ("duration", 60.0),
    "hrs": ("duration", 60.0),
    "hours": ("duration", 60.0),
    "heures": ("duration", 60.0),
    "d": ("duration", 1440.0),
    "j": ("duration", 1440.0),
    "days": ("duration", 1440.0),
    "jours": ("duration", 1440.0),
    "€": ("EUR", 1.0),
    "eur": ("EUR", 1.0),
    "$": ("USD", 1.0),
    "usd": ("USD", 1.0),
    "£": ("GBP", 1.0),
    "gbp": ("GBP", 1.0),
    "chf": ("CHF", 1.0),
}
_QUANTITY = re.compile(
    r"^(?P<pre>[€$£]|EUR|USD|GBP|CHF)?\s*(?P<sign>[-+−]?)\s*(?P<digits>\d[\d\s\u00a0\u202f.,']*)\s*"
    r"(?P<unit>[^\d\s.,'+−-][^\d]*)?$",
    re.IGNORECASE,
)


@attrs.frozen
class Quantity:
    """A number and the kind of its unit (``None``: a bare number), in the kind's base unit."""

    value: float
    kind: str | None  # "percent", "duration" (minutes), a currency code, or None
    shown: str  # the cell as written, for messages


def parse_quantity(value: Cell, decimal: str = ".") -> Quantity | Message:
    """*value* as a number with its unit, or why it is not one.

    *decimal* is the source's decimal separator (``.`` or ``,``; ``either`` when the export
    may use both, in which case a value that could be read both ways is refused); the other
    one, spaces and apostrophes may group thousands.
    """
    if isinstance(value, bool) or value is None or isinstance(value, tuple):
        return _not_a_number(cell_text(value))
    if isinstance(value, int | float):
        if not math.isfinite(float(value)):
            return msg("{value} is not a finite number", value=_quoted(cell_text(value)))
        return Quantity(float(value), None, cell_text(value))
    if isinstance(value, datetime.date):
        return msg("{value} is a date, not a number", value=_quoted(value.isoformat()))
    text = value.strip()
    match = _QUANTITY.match(text)
    if match is None:
        return _not_a_number(text)
    unit_text = (match.group("pre") or match.group("unit") or "").strip().casefold()
    kind: str | None = None
    factor = 1.0
    if unit_text:
        known = _UNITS.get(unit_text)
        if known is None:
            return msg(
                "{value}: unknown unit '{unit}' (known: %, ms, s, min, h, d, €, $, £, CHF)",
                value=_quoted(text),
                unit=unit_text,
            )
        kind, factor = known
    digits = re.sub(r"[\s\u00a0\u202f']", "", match.group("digits"))
    separator = _decimal_of(digits) if decimal == "either" else decimal
    if separator is None:
        return msg(
            "{value} is ambiguous: is '{separator}' a decimal or a thousands separator?"
            ' Set decimal = "." or decimal = "," for this source',
            value=_quoted(text),
            separator=digits[-4],
        )
    if len(digits) > _MAX_DIGITS:
        return msg(
            "{value} has more than {limit} digits; no figure of an export has that many",
            value=_quoted(text[:40] + "…"),
            limit=_MAX_DIGITS,
        )
    number = _number(digits, separator)
    if number is None:
        other = "," if decimal == "." else "."
        return msg(
            "{value} is not a number with '{decimal}' as decimal separator;"
            " if the export writes decimals with '{other}', set decimal = \"{other}\" for this source",
            value=_quoted(text),
            decimal=decimal,
            other=other,
        )
    sign = -1.0 if match.group("sign") in ("-", "−") else 1.0
    return Quantity(sign * number * factor, kind, text)


def _not_a_number(text: str) -> Message:
    return msg("{value} is not a number", value=_quoted(text))


def _decimal_of(digits: str) -> str | None:
    """The decimal separator of *digits* when either may be, or ``None`` when it cannot be told.

    The last of ``.`` and ``,`` is the decimal one when both appear; a separator that appears
    twice groups thousands; one separator followed by exactly three digits could be either.
    """
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        return "." if digits.rfind(".") > digits.rfind(",") else ","
    if not dots and not commas:
        return "."
    mark = "." if dots else ","
    if digits.count(mark) > 1:
        return "," if mark == "." else "."
    whole = digits[: digits.index(mark)]
    # only 1 to 3 digits, not starting with 0, then exactly 3 more read both ways: 1,250
    if len(digits) - len(whole) - 1 == 3 and len(whole) <= 3 and not whole.startswith("0"):
        return None
    return mark


def _number(digits: str, decimal: str) -> float | None:
    grouping = "," if decimal == "." else "."
    whole, _, fraction = digits.partition(decimal)
    if decimal in fraction:
        return None
    if grouping in whole:
        groups = whole.split(grouping)
        if not groups[0] or any(len(group) != 3 for group in groups[1:]):
            return None  # '99,5' with a '.' decimal: a decimal comma, not thousands
        whole = "".join(groups)
    if grouping in fraction or not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return float(f"{whole}.{fraction or 0}")


def pattern_problem(pattern: str) -> Message | None:
    """Why a strptime *pattern* cannot read the dates it writes itself, or None when it can."""
    sample = datetime.datetime(2026, 7, 3, 14, 5, 9)
    try:
        datetime.datetime.strptime(sample.strftime(pattern), pattern)
    except (ValueError, re.error) as error:
        return msg(
            "the date format '{pattern}' cannot read a date ({error}); write each part once, "
            'such as "%d/%m/%Y %H:%M"',
            pattern=pattern,
            error=str(error),
        )
    return None


def zone_of(name: str) -> datetime.tzinfo:
    """The time zone named *name* (``UTC``, ``Europe/Paris``)."""
    return datetime.UTC if name.upper() == "UTC" else zoneinfo.ZoneInfo(name)


def local_zone() -> datetime.tzinfo:
    """The user's time zone: ``TZ`` when set, else the system's (``/etc/localtime``), else UTC."""
    named = os.environ.get("TZ", "").lstrip(":")
    if named:
        try:
            return zone_of(named)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as stream:
            return zoneinfo.ZoneInfo.from_file(stream, key="localtime")
    except (OSError, ValueError):
        return datetime.UTC


def slashed_order(values: Sequence[Cell]) -> str | None:
    """``day_first`` or ``month_first`` when the slashed dates of a column leave no doubt, else None.

    A day above 12 in first place (31/07/2026) says day first; in second place (07/31/2026),
    month first. A column where every date reads both ways (03/07/2026), or where both are
    seen, has no order.
    """
    first = second = False
    for value in values:
        if isinstance(value, str):
            found = _SLASHED.match(value.strip())
            if found is not None:
                first = first or int(found.group(1)) > 12
                second = second or int(found.group(2)) > 12
    if first == second:
        return None
    return "day_first" if first else "month_first"
