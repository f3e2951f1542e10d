"""Operational exports read as tables: CSV, Excel workbooks (.xlsx) and JSON record lists.

Every file is read through :func:`vendormaturity.sources.reader.read_bytes` (with a limit
suited to exports of a few hundred thousand rows), decoded as UTF-8 (with or without a
byte-order mark) or in the encoding the user names: an encoding is never guessed. Each
row keeps where it came from – the line of a CSV file, the row of a sheet, the index of a
JSON record – so that every later problem names it.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import difflib
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from vendormaturity.errors import Problem, did_you_mean
from vendormaturity.i18n import Message, either, joined, msg, nmsg
from vendormaturity.sources.delimited import check_encoding, footer_start, what_binary_is
from vendormaturity.sources.operational.values import Cell
from vendormaturity.sources.reader import decode_text, read_bytes
from vendormaturity.sources.spreadsheet import Book, Limits, read_book

__all__ = [
    "EXPORT_SUFFIXES",
    "MAX_EXPORT_BYTES",
    "Table",
    "column_letter",
    "normalise_header",
    "read_table",
]

MAX_EXPORT_BYTES = 256_000_000  # a 100,000-row export with long descriptions stays far below
MAX_EXPORT_ROWS = 300_000  # a quarter of a large service desk; beyond, split the export by period
EXPORT_SUFFIXES = (".csv", ".xlsx", ".json")
_DELIMITERS = (",", ";", "\t", "|")
_SEP_LINE = re.compile(r"^sep=(.)\s*$")  # Excel's hint line: "sep=;"


def normalise_header(header: str) -> str:
    """A column header as compared with a mapping's: case and runs of spaces do not matter."""
    return " ".join(header.replace("\ufeff", "").split()).casefold()


@attrs.frozen
class Table:
    """The rows of one export file, each with where it came from."""

    name: str  # the file as shown in messages
    kind: Literal["csv", "xlsx", "json"]
    headers: tuple[str, ...]  # columns (JSON: dotted keys) in file order
    rows: list[list[Cell]]
    places: list[int]  # per row: CSV line, sheet row, or JSON record index
    sheet: str | None = None  # the worksheet read
    records: str = ""  # where the JSON records are

    def locate(self, row: int, column: int | None, message: Message) -> Problem:
        """A problem located at a row (and a column) of this table."""
        place = self.places[row]
        header = self.headers[column] if column is not None else None
        if self.kind == "csv":
            path = msg('column "{header}"', header=header) if header else ""
            return Problem(message, path=path, file=self.name, line=place)
        if self.kind == "xlsx":
            if column is None:
                return Problem(
                    message, path=msg("{sheet}!row {row}", sheet=self.sheet, row=place), file=self.name
                )
            return Problem(message, path=f"{self.sheet}!{column_letter(column)}{place}", file=self.name)
        records = f"{self.records}[{place}]" if self.records else f"[{place}]"
        return Problem(message, path=f"{records}.{header}" if header else records, file=self.name)

    def header_problem(self, message: Message) -> Problem:
        if self.kind == "csv":
            return Problem(message, file=self.name, line=self.places[0] - 1 if self.places else 1)
        if self.kind == "xlsx":
            return Problem(message, path=f"{self.sheet}!header", file=self.name)
        return Problem(message, path=self.records or "", file=self.name)

    def columns_found(self) -> str:
        shown: list[str] = [_quoted(header) for header in self.headers if header]
        if len(shown) > 40:
            shown = [*shown[:40], msg("and {count} more", count=len(shown) - 40)]
        return joined(", ", shown) if shown else msg("none")

    def find(self, names: Sequence[str]) -> list[int] | Message:
        """The columns holding a field named by any of *names* (first found wins), or why none does.

        A header repeated in the file (Jira writes one "Labels" column per label) gives
        several columns: the field then holds every value.
        """
        index: dict[str, list[int]] = {}
        for position, header in enumerate(self.headers):
            index.setdefault(normalise_header(header), []).append(position)
        for name in names:
            found = index.get(normalise_header(name))
            if found:
                return found
        wanted = either(_quoted(name) for name in names)
        hint = ""
        for name in names:
            close = difflib.get_close_matches(normalise_header(name), list(index), n=1, cutoff=0.6)
            if close:
                hint = msg(' (did you mean "{header}"?)', header=self.headers[index[close[0]][0]])
                break
        return msg(
            "no column {wanted}{hint}; columns found: {columns}",
            wanted=wanted,
            hint=hint,
            columns=self.columns_found(),
        )


def _quoted(name: str) -> Message:
    """A column's or a sheet's name in quotes, as each language quotes."""
    # Translators: a column's or a sheet's name quoted in a message; French quotes with guillemets
    return msg('"{text}"', text=name)


def column_letter(index: int) -> str:
    """``A`` for the first column, ``AA`` for the 27th."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_table(
    path: Path,
    name: str,
    *,
    encoding: str = "utf-8",
    delimiter: str | None = None,
    header_row: int = 1,
    sheet: str | None = None,
    records: str = "",
    wanted: Sequence[Sequence[str]] = (),
) -> Table | Problem:
    """Read one export file by its suffix, or say why it cannot be read.

    *wanted* holds the header names the mapping looks for; when *delimiter* is not given,
    the CSV delimiter is the one under which the header holds most of them.
    """
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        if suffix == ".xls":
            return Problem(msg("is an Excel 97–2003 workbook (.xls); save it as .xlsx or CSV"), file=name)
        return Problem(
            msg("is not an export this reads ({suffixes})", suffixes=", ".join(EXPORT_SUFFIXES)), file=name
        )
    data = read_bytes(path, limit=MAX_EXPORT_BYTES)
    if isinstance(data, Problem):
        return Problem(data.message, file=name)
    if suffix == ".xlsx":
        return _read_xlsx(data, name, sheet=sheet, header_row=header_row)
    text = _decode(data, name, encoding)
    if isinstance(text, Problem):
        return text
    if suffix == ".json":
        return _read_json(text, name, records)
    return _read_csv(text, name, delimiter=delimiter, header_row=header_row, wanted=wanted)


def _decode(data: bytes, name: str, encoding: str) -> str | Problem:
    binary = what_binary_is(data)
    if binary is not None:
        return Problem(msg("this file is {what}", what=binary), file=name)
    checked = check_encoding(encoding)
    if isinstance(checked, Problem):
        return attrs.evolve(checked, file=name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not encoding.lower().startswith(
        "utf-16"
    ):
        return Problem(
            msg("file starts with a UTF-16 byte-order mark (Excel's 'Unicode text'); pass --encoding utf-16"),
            file=name,
        )
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        if b"\x00" not in data:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                return Problem(
                    msg(
                        "file is not valid UTF-8 (byte {position}); save it as UTF-8, or pass the encoding it"
                        " was saved in (--encoding cp1252 for Excel on Windows in Western Europe)",
                        position=error.start,
                    ),
                    file=name,
                    line=data.count(b"\n", 0, error.start) + 1,
                )
        return decode_text(data, name)
    try:
        return data.decode(checked).removeprefix("\ufeff")
    except UnicodeError as error:
        if not isinstance(error, UnicodeDecodeError):
            return Problem(msg("file cannot be decoded as {encoding}", encoding=encoding), file=name)
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(
            msg("file is not valid {encoding} (byte {position})", encoding=encoding, position=error.start),
            file=name,
            line=line,
        )


def _read_csv(
    text: str, name: str, *, delimiter: str | None, header_row: int, wanted: Sequence[Sequence[str]]
) -> Table | Problem:
    if text.count("\n") > MAX_EXPORT_ROWS + header_row + 1:
        return Problem(
            msg(
                "more than {limit} rows: split the export (by period, for example)",
                limit=MAX_EXPORT_ROWS,
            ),
            file=name,
        )
    lines = text.splitlines(keepends=True)
    skip = header_row - 1
    first = lines[skip] if len(lines) > skip else ""
    hint = _SEP_LINE.match(first.strip())
    if hint is not None:
        delimiter = delimiter or hint.group(1)
        skip += 1
    if len(lines) <= skip or not "".join(lines[skip:]).strip():
        return Problem(msg("file has no header row and no rows"), file=name, line=skip + 1 if skip else None)
    chosen = delimiter or _delimiter(lines[skip], wanted)
    located = _records("".join(lines[skip:]), chosen, skip)
    if isinstance(located, Problem):
        return Problem(located.message, file=name, line=located.line)
    (_, header), *body = located
    headers = tuple(cell.replace("\ufeff", "").strip() for cell in header)
    width = len(headers)
    rows: list[list[Cell]] = []
    places: list[int] = []
    widths: list[Problem] = []
    footer = footer_start([record for _, record in body], width)
    previous: Sequence[str] = header
    for line, record in body[:footer]:
        if not "".join(record).strip():
            previous = record
            continue  # a blank line holds no row
        if len(record) != width:
            if len(widths) < 5:
                widths.append(Problem(_width_message(record, previous, width, chosen), file=name, line=line))
            previous = record
            continue
        previous = record
        rows.append(record)  # type: ignore[arg-type]  # a list of str is a list of cells
        places.append(line)
    if widths:
        return widths[0] if len(widths) == 1 else _many(widths)
    return Table(name, "csv", headers, rows, places)


def _records(text: str, delimiter: str, skip: int) -> list[tuple[int, list[str]]] | Problem:
    """Each CSV record with the line it starts on, or the located syntax problem."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records: list[list[str]] | None = list(reader)  # at C speed
    except csv.Error:
        records = None
    if records is not None and reader.line_num == len(records):
        # one line per record (a blank line is an empty record): lines follow one another
        return [(skip + number, record) for number, record in enumerate(records, start=1)]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    located: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for record in reader:  # a quoted field spans lines: follow the reader's count
            located.append((previous + 1 + skip, record))
            previous = reader.line_num
    except csv.Error as error:
        said = str(error)  # the csv module's own words, unless they are said better here
        detail: str = said
        if "unexpected end of data" in said:
            detail = msg('a quoted field runs to the end of the file; is a quote (") not closed?')
        elif "field larger than field limit" in said:
            detail = msg(
                "a field is longer than {limit} characters; no export needs that",
                limit=csv.field_size_limit(),
            )
        return Problem(msg("CSV syntax error: {detail}", detail=detail), line=previous + 1 + skip)
    return located


def _many(problems: list[Problem]) -> Problem:
    first = problems[0]
    lines = ", ".join(str(problem.line) for problem in problems[1:])
    return Problem(
        msg("{problem} (so do lines {lines})", problem=first.message, lines=lines),
        file=first.file,
        line=first.line,
    )


def _width_message(record: Sequence[str], previous: Sequence[str], width: int, delimiter: str) -> Message:
    """Why a row has not the header's width: a report's own line amid the rows, or a field not quoted."""
    if len(record) == 1 and width > 2 and not "".join(previous).strip():
        return msg(
            "a line of one field ({text}) after an empty line, with rows under it: a report's own line"
            " (its totals or footer) amid the data? Give each export as its own file, as the tool wrote it",
            text=repr(record[0].strip()[:60]),
        )
    return nmsg(
        "row has {count} field, the header has {width}; is a field with a '{delimiter}' not quoted?",
        "row has {count} fields, the header has {width}; is a field with a '{delimiter}' not quoted?",
        len(record),
        width=width,
        delimiter=_shown(delimiter),
    )


def _shown(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter


def _delimiter(header_line: str, wanted: Sequence[Sequence[str]]) -> str:
    """The delimiter under which the header line holds most of the wanted columns."""
    names = {normalise_header(name) for names in wanted for name in names}

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([header_line], delimiter=delimiter), [])
        except csv.Error:  # (a field longer than the csv module takes, under this delimiter)
            return 0, 0
        found = sum(1 for cell in cells if normalise_header(cell) in names)
        return found, len(cells)

    return max(_DELIMITERS, key=score)


def _read_json(text: str, name: str, records: str) -> Table | Problem:
    def refuse(constant: str) -> Any:
        raise ValueError(msg("{constant} is not allowed", constant=constant))

    try:
        document = json.loads(text, parse_constant=refuse)
    except json.JSONDecodeError as error:
        return Problem(msg("JSON syntax error: {detail}", detail=error.msg), file=name, line=error.lineno)
    except (ValueError, RecursionError) as error:
        said = error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Message) else error
        return Problem(msg("JSON value error: {detail}", detail=said), file=name)
    items: Any = document
    for part in records.split(".") if records else ():
        if not isinstance(items, Mapping) or part not in items:
            keys = ", ".join(sorted(items)) if isinstance(items, Mapping) else msg("none")
            return Problem(
                msg('no key "{key}" holding the records; keys found: {keys}', key=records, keys=keys),
                file=name,
            )
        items = items[part]
    if not isinstance(items, list):
        if records:
            return Problem(msg('"{key}" does not hold a list of records', key=records), file=name)
        return Problem(
            msg(
                "the top of the file does not hold a list of records; name the key that holds them:"
                ' records = "..." for this source'
            ),
            file=name,
        )
    headers: dict[str, int] = {}
    flat_rows: list[dict[str, Cell]] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            where = f"{records}[{index}]" if records else f"[{index}]"
            return Problem(msg("a record must be an object"), path=where, file=name)
        flat: dict[str, Cell] = dict(_flatten(item, ""))
        for key in flat:
            headers.setdefault(key, len(headers))
        flat_rows.append(flat)
    columns = tuple(headers)
    rows = [[row.get(column) for column in columns] for row in flat_rows]
    return Table(name, "json", columns, rows, list(range(len(rows))), records=records)


def _flatten(item: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, Cell]]:
    for key, value in item.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flatten(value, path + ".")
        elif isinstance(value, list):
            if all(isinstance(element, Mapping) for element in value) and value:
                keys = dict.fromkeys(k for element in value for k in element)
                for inner in keys:
                    values = tuple(_text(element.get(inner)) for element in value)
                    yield f"{path}.{inner}", tuple(v for v in values if v)
            else:
                yield path, tuple(text for text in (_text(element) for element in value) if text)
        else:
            yield path, value


def _text(value: Any) -> str:
    if value is None or isinstance(value, Mapping | list):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


EXPORT_LIMITS = Limits(
    bytes=MAX_EXPORT_BYTES,
    expanded=1_000_000_000,
    rows=MAX_EXPORT_ROWS,
    columns=2_000,
    cells=4_000_000,
    what=msg("export"),
)


def _read_xlsx(data: bytes, name: str, *, sheet: str | None, header_row: int) -> Table | Problem:
    book = read_book(data, name, EXPORT_LIMITS)
    if isinstance(book, Problem):
        return book
    with book:
        if sheet is not None and sheet not in book.sheetnames:
            found = joined(", ", (_quoted(title) for title in book.sheetnames))
            return Problem(
                msg(
                    'no sheet "{sheet}"{hint}; sheets: {sheets}',
                    sheet=sheet,
                    hint=did_you_mean(sheet, book.sheetnames),
                    sheets=found,
                ),
                file=name,
            )
        title = sheet if sheet is not None else _first_visible(book)
        read = book.sheet(title)
    if isinstance(read, Problem):
        return read
    if read.problems:
        return read.problems[0] if len(read.problems) == 1 else _many_cells(read.problems)
    headers: tuple[str, ...] = ()
    rows: list[list[Cell]] = []
    places: list[int] = []
    for number, values in read.rows:
        if number < header_row:
            continue
        if not headers:
            headers = tuple("" if value is None else str(value).strip() for value in values)
            continue
        cells = [_cell(value) for value in values]
        if not any(cell not in (None, "") for cell in cells):
            continue
        cells += [None] * (len(headers) - len(cells))
        rows.append(cells[: len(headers)])
        places.append(number)
    if not headers:
        return Problem(
            msg('sheet "{sheet}" has no header row at row {row}', sheet=title, row=header_row), file=name
        )
    return Table(name, "xlsx", headers, rows, places, sheet=title)


def _first_visible(book: Book) -> str:
    """The first sheet a person sees (an export may put a hidden sheet first)."""
    return next(
        (title for title in book.sheetnames if book.states.get(title) == "visible"), book.sheetnames[0]
    )


def _many_cells(problems: Sequence[Problem]) -> Problem:
    first = problems[0]
    others = "; ".join(f"{problem.path}: {problem.message}" for problem in problems[1:6])
    more = len(problems) - 6
    tail = msg(" (and {count} more)", count=more) if more > 0 else ""
    return attrs.evolve(first, message=f"{first.message}; {others}{tail}")


def _cell(value: Any) -> Cell:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | datetime.datetime | datetime.date):
        return value
    return str(value)
