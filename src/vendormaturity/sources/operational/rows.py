"""The rows of one source: its files read and joined, fields picked, duplicates found, dates
and conditions evaluated – every problem located at its file, row and column.

A source may come in several files (one export per month, or one per team): their rows
are joined, so a fact does not depend on how a source was split.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from vendormaturity.errors import Problem
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.sources.operational.mapping import Better, Condition, Source
from vendormaturity.sources.operational.period import Period
from vendormaturity.sources.operational.tables import Table, read_table
from vendormaturity.sources.operational.values import (
    Cell,
    DateReader,
    cell_text,
    parse_quantity,
    slashed_order,
)

__all__ = ["ExportFile", "ProblemLog", "SourceRows", "load_rows"]

# The unit of a quantity's kind, as messages name it (a currency is named by its code).
_UNIT: dict[str | None, str] = {None: msg("no unit"), "percent": "%", "duration": msg("a duration")}

PER_COLUMN = 5  # problems shown per file and column; the rest are counted


@attrs.frozen
class ExportFile:
    """A file given to read: its path, its name in messages, its name in provenance."""

    path: Path
    shown: str
    recorded: str


class ProblemLog:
    """Problems, at most a few per file and column, then how many more there were."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.total = 0  # every problem logged, shown or not
        self._counts: dict[tuple[str | None, str], int] = {}
        self._seen: set[Problem] = set()

    def add(self, problem: Problem) -> None:
        if problem in self._seen:
            return  # two facts reading the same row find the same problem: say it once
        self._seen.add(problem)
        self.total += 1
        key = (problem.file, problem.path.partition("!")[0] if "!" in problem.path else problem.path)
        count = self._counts.get(key, 0) + 1
        self._counts[key] = count
        if count <= PER_COLUMN:
            self.problems.append(problem)

    def finish(self) -> list[Problem]:
        """The problems, with one line per file and column that had more than were shown."""
        summaries = [
            Problem(
                nmsg(
                    "and {count} more row with problems like these",
                    "and {count} more rows with problems like these",
                    count - PER_COLUMN,
                ),
                path=path,
                file=file,
            )
            for (file, path), count in self._counts.items()
            if count > PER_COLUMN
        ]
        return [*self.problems, *summaries]


@attrs.define
class SourceRows:
    """The rows of a source across its files, as columns of the fields the facts use."""

    name: str
    spec: Source
    files: list[ExportFile]
    tables: list[Table] = attrs.Factory(list)
    columns: dict[str, list[Cell]] = attrs.Factory(dict)
    where: dict[str, list[int]] = attrs.Factory(dict)  # field → per table, the column it came from
    owners: list[int] = attrs.Factory(list)  # per row: its table
    places: list[int] = attrs.Factory(list)  # per row: its row in that table
    log: ProblemLog = attrs.Factory(ProblemLog)
    notes: list[str] = attrs.Factory(list)
    unreadable: bool = False  # a file could not be read, lacked a column, or repeated a key
    zone: datetime.tzinfo | None = None  # where days count when the mapping does not say: the user's
    _dates: dict[str, list[datetime.date | None]] = attrs.Factory(dict)
    _date_failed: set[str] = attrs.Factory(set)
    _failing: bool = False  # the condition being evaluated met a row it cannot judge

    @property
    def count(self) -> int:
        return len(self.owners)

    def place(self, row: int) -> Problem:
        """Where *row* is read: a problem without a message, for its file, line and path."""
        return self.locate(row, None, Message("", {}))

    def locate(self, row: int, field: str | None, message: Message) -> Problem:
        table = self.owners[row]
        column = self.where[field][table] if field is not None else None
        return self.tables[table].locate(self.places[row], column, message)

    # ----------------------------------------------------------------- dates

    def dates(self, field: str) -> list[datetime.date | None]:
        """The day of each row in *field* (``None`` when empty); bad values are logged."""
        cached = self._dates.get(field)
        if cached is not None:
            return cached
        chosen = self.spec.date_format
        if chosen == "day_or_month_first" and not self.columns[field]:
            chosen = "day_first"  # no row: no date to read either way
        if chosen == "day_or_month_first":
            order = slashed_order(self.columns[field])
            if order is None:
                self.log.add(
                    self.locate(
                        0,
                        field,
                        msg(
                            "the dates of this column do not say whether the day or the month comes first "
                            "(each reads both ways, or both orders are seen): say how the exporting user's "
                            "locale writes them with --date-format day_first or month_first (en_US writes "
                            'the month first; en_GB, fr, de the day first), or set date_format = "day_first" '
                            'or "month_first" for this source'
                        ),
                    )
                )
                self._date_failed.add(field)
                self._dates[field] = [None] * len(self.columns[field])
                return self._dates[field]
            chosen = order
        reader = DateReader(chosen, self.spec.timezone, self.spec.written_in)
        zone = reader.zone() or self.zone
        naive_days = self.spec.written_in is None
        read = reader.read
        iso = self.spec.date_format == "iso"
        parse = datetime.datetime.fromisoformat
        values: list[datetime.date | None] = []
        for row, cell in enumerate(self.columns[field]):
            # the common case first: an ISO date or time without an offset, in C
            if iso and cell.__class__ is str and len(cell) >= 10 and cell[4] == "-" and cell[7] == "-":
                try:
                    moment = parse(cell)
                except ValueError:
                    pass
                else:
                    if moment.tzinfo is None and naive_days:
                        values.append(moment.date())
                        continue
            day = read(cell, zone)
            if isinstance(day, str):
                self.log.add(self.locate(row, field, day))
                self._date_failed.add(field)
                day = None
            values.append(day)
        self._dates[field] = values
        return values

    def date_failed(self, field: str) -> bool:
        self.dates(field)
        return field in self._date_failed

    def in_window(self, window: Period) -> list[int]:
        """The rows whose date is in *window*."""
        assert self.spec.date is not None  # checked when the mapping was loaded
        start, end = window.start, window.end
        return [
            row
            for row, day in enumerate(self.dates(self.spec.date))
            if day is not None and start <= day <= end
        ]

    def note_undated(self) -> None:
        """Say, once, how many rows have no date: no window holds them."""
        assert self.spec.date is not None
        count = sum(1 for day in self.dates(self.spec.date) if day is None)
        note = nmsg(
            "{count} row without a {field} date, in no period",
            "{count} rows without a {field} date, in no period",
            count,
            field=self.spec.date,
        )
        if count and note not in self.notes:
            self.notes.append(note)

    def date_range(self) -> tuple[datetime.date, datetime.date] | None:
        assert self.spec.date is not None
        days = [day for day in self.dates(self.spec.date) if day is not None]
        return (min(days), max(days)) if days else None

    # ----------------------------------------------------------------- conditions

    def kept(self, rows: Sequence[int]) -> list[int] | None:
        """*rows* less those the source's ``exclude`` condition leaves out (``None``: problems)."""
        if self.spec.exclude is None:
            return list(rows)
        holds = self.holds(self.spec.exclude, rows)
        if holds is None:
            return None
        return [row for row, excluded in zip(rows, holds, strict=True) if not excluded]

    def holds(self, name: str, rows: Sequence[int]) -> list[bool] | None:
        """Whether condition *name* holds on each of *rows*, or ``None`` if some could not be told."""
        self._failing = False
        result = self._evaluate(self.spec.conditions[name], rows)
        return None if self._failing else result

    def _fail(self, row: int, field: str, message: Message) -> None:
        """A row the condition being evaluated cannot judge: logged, and the evaluation fails."""
        self._failing = True
        self.log.add(self.locate(row, field, message))

    def _evaluate(self, condition: Condition, rows: Sequence[int]) -> list[bool]:
        if condition.values is not None:
            return self._among(condition, rows)
        if condition.present is not None:
            column = self.columns[condition.field or ""]
            return [(cell_text(column[row]) != "") is condition.present for row in rows]
        if condition.value is not None:
            return self._compare(condition, rows)
        if condition.not_ is not None:
            return [not held for held in self._evaluate(self.spec.conditions[condition.not_], rows)]
        parts = [
            self._evaluate(self.spec.conditions[name], rows) for name in condition.all or condition.any or ()
        ]
        combine = all if condition.all is not None else any
        return [combine(values) for values in zip(*parts, strict=True)]

    def _among(self, condition: Condition, rows: Sequence[int]) -> list[bool]:
        field = condition.field or ""
        column = self.columns[field]
        yes = frozenset(value.casefold() for value in condition.values or ())
        no = (
            frozenset(value.casefold() for value in condition.others)
            if condition.others is not None
            else None
        )
        # exports repeat a handful of values ("High", "Normal"): judge each distinct cell once
        verdicts: dict[tuple[type, Cell], tuple[bool, str | None]] = {}
        result: list[bool] = []
        for row in rows:
            cell = column[row]
            key = (cell.__class__, cell)
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = _verdict(cell, yes, no)
            held, unknown = verdict
            if unknown is not None:
                message = msg(
                    "'{value}' is neither among the values nor the others of this condition"
                    " ({values}; others: {others}); add it to one of them in the mapping",
                    value=unknown,
                    values=", ".join(condition.values or ()),
                    others=", ".join(condition.others or ()),
                )
                self._fail(row, field, message)
            result.append(held)
        return result

    def _compare(self, condition: Condition, rows: Sequence[int]) -> list[bool]:
        value_field, target_field = condition.value or "", condition.target or ""
        values, targets = self.columns[value_field], self.columns[target_field]
        decimal = self.spec.decimal
        result: list[bool] = []
        for row in rows:
            value = parse_quantity(values[row], decimal)
            target = parse_quantity(targets[row], decimal)
            higher = self._higher(condition.better, row)
            if isinstance(value, str) or isinstance(target, str) or higher is None:
                for field, parsed in ((value_field, value), (target_field, target)):
                    if isinstance(parsed, str):
                        self._fail(row, field, parsed)
                result.append(False)
                continue
            if value.kind != target.kind:
                self._fail(
                    row,
                    value_field,
                    msg(
                        "mixed units: value '{value}' has {unit} but target '{target}' has {target_unit};"
                        " write the value and its target in the same unit",
                        value=value.shown,
                        unit=_UNIT.get(value.kind, value.kind),
                        target=target.shown,
                        target_unit=_UNIT.get(target.kind, target.kind),
                    ),
                )
                result.append(False)
                continue
            result.append(value.value >= target.value if higher else value.value <= target.value)
        return result

    def _higher(self, better: str | Better | None, row: int) -> bool | None:
        if isinstance(better, str):
            return better == "higher"
        assert better is not None
        text = cell_text(self.columns[better.field][row]).casefold()
        if text in {value.casefold() for value in better.higher}:
            return True
        if text in {value.casefold() for value in better.lower}:
            return False
        self._fail(
            row,
            better.field,
            msg(
                "'{value}' says neither higher ({higher}) nor lower ({lower}) is better; add it to the"
                " mapping",
                value=text,
                higher=", ".join(better.higher),
                lower=", ".join(better.lower),
            ),
        )
        return None


def _verdict(cell: Cell, yes: frozenset[str], no: frozenset[str] | None) -> tuple[bool, str | None]:
    """Whether *cell* (or one of its values) is among *yes*; and a value neither list names, if any."""
    texts = cell if isinstance(cell, tuple) else (cell_text(cell),)
    pairs = [(text, text.casefold()) for text in texts if text]
    held = any(folded in yes for _, folded in pairs)
    if no is None or held:
        return held, None
    return held, next((text for text, folded in pairs if folded not in no), None)


def used_fields(spec: Source, conditions: Iterable[str], extra: Iterable[str | None]) -> list[str]:
    """The fields a computation reads: those of its conditions (and their parts) and *extra*."""
    fields: dict[str, None] = {}
    stack = [*conditions, *([spec.exclude] if spec.exclude else [])]
    seen: set[str] = set()
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        condition = spec.conditions[name]
        fields.update(dict.fromkeys(condition.fields()))
        stack.extend(condition.references())
    fields.update(dict.fromkeys(field for field in extra if field is not None))
    return list(fields)


def load_rows(
    name: str,
    spec: Source,
    files: Sequence[ExportFile],
    fields: Sequence[str],
    *,
    encoding: str,
    zone: datetime.tzinfo | None = None,
) -> SourceRows:
    """Read *files* and keep *fields*; a file that cannot be read, or lacks a column, is logged.

    Days count in *zone* (the user's) unless the source's mapping names its own.
    """
    rows = SourceRows(name, spec, list(files), zone=zone)
    for field in fields:
        rows.columns[field] = []
        rows.where[field] = []
    wanted = [spec.headers(field) for field in fields]
    for export in files:
        table = read_table(
            export.path,
            export.shown,
            encoding=encoding,
            delimiter=spec.delimiter,
            header_row=spec.header_row,
            sheet=spec.sheet,
            records=spec.records,
            wanted=wanted,
        )
        if isinstance(table, Problem):
            rows.log.add(table)
            continue
        _add_table(rows, table, fields)
    if spec.key is not None and spec.key in rows.columns and not rows.log.total:
        _drop_duplicates(rows, spec.key, fields)
    rows.unreadable = rows.log.total > 0
    return rows


def _add_table(rows: SourceRows, table: Table, fields: Sequence[str]) -> None:
    found: dict[str, list[int]] = {}
    for field in fields:
        columns = table.find(rows.spec.headers(field))
        if isinstance(columns, str):
            rows.log.add(
                table.header_problem(
                    msg(
                        "field '{field}' of source '{source}': {problem}",
                        field=field,
                        source=rows.name,
                        problem=columns,
                    )
                )
            )
        else:
            found[field] = columns
    if len(found) != len(fields):
        return
    index = len(rows.tables)
    rows.tables.append(table)
    count = len(table.rows)
    for field in fields:
        columns = found[field]
        rows.where[field].append(columns[0])
        if len(columns) == 1:
            position = columns[0]
            rows.columns[field].extend(row[position] for row in table.rows)
        else:  # a repeated header: every value of the row
            rows.columns[field].extend(
                tuple(text for text in (cell_text(row[position]) for position in columns) if text)
                for row in table.rows
            )
    rows.owners.extend([index] * count)
    rows.places.extend(range(count))


def _drop_duplicates(rows: SourceRows, key: str, fields: Sequence[str]) -> None:
    """Rows with the same key: identical ones are counted once (and said so), others are errors."""
    texts = [cell if cell.__class__ is str else cell_text(cell) for cell in rows.columns[key]]
    filled = [text for text in texts if text]
    if len(set(filled)) == len(filled):
        return  # the usual case: every key once
    first: dict[str, int] = {}
    dropped: list[int] = []
    for row, text in enumerate(texts):
        if not text:
            continue
        earlier = first.setdefault(text, row)
        if earlier == row:
            continue
        if all(
            cell_text(rows.columns[field][row]) == cell_text(rows.columns[field][earlier]) for field in fields
        ):
            dropped.append(row)
            continue
        differing = next(
            field
            for field in fields
            if cell_text(rows.columns[field][row]) != cell_text(rows.columns[field][earlier])
        )
        where = rows.place(earlier)
        place = (
            f"{where.file}:{where.line}"
            if where.line is not None
            else Message("{file} {path}", {"file": where.file, "path": where.path})  # a place, said as it is
        )
        rows.log.add(
            rows.locate(
                row,
                key,
                msg(
                    "duplicate {key} '{value}': also at {place}, with another {field}"
                    " ('{here}' here, '{there}' there); keep one row per {key}",
                    key=key,
                    value=text,
                    place=place,
                    field=differing,
                    here=cell_text(rows.columns[differing][row]),
                    there=cell_text(rows.columns[differing][earlier]),
                ),
            )
        )
    if dropped and not rows.log.total:
        _remove(rows, set(dropped))
        rows.notes.append(
            nmsg(
                "{count} row repeated with the same {key} and the same values in the columns used"
                " (overlapping exports) counted once",
                "{count} rows repeated with the same {key} and the same values in the columns used"
                " (overlapping exports) counted once",
                len(dropped),
                key=key,
            )
        )


def _remove(rows: SourceRows, drop: set[int]) -> None:
    keep = [row for row in range(rows.count) if row not in drop]
    for field, column in rows.columns.items():
        rows.columns[field] = [column[row] for row in keep]
    rows.owners = [rows.owners[row] for row in keep]
    rows.places = [rows.places[row] for row in keep]
