"""Excel workbooks (.xlsx) read safely: every cell located, every limit checked before the work.

One layer under every reader of a workbook – the respondents' workbooks, the survey
tools' .xlsx downloads and the operational exports. It reads the Office Open XML parts
itself, as a stream, instead of trusting what the file claims:

- the zip container: its member count, and the bytes each part really inflates to
  (counted while reading, whatever its header says);
- the XML: a part that declares a document type or entities is refused (no spreadsheet
  writes one: that is how billion-laughs and external-entity attacks start), and a
  damaged part is a located problem, never a parser's exception;
- the sheet's *dimension* is never trusted: the rows and columns are the ones that hold
  data, so a sheet claiming ``A1:XFD1048576`` costs nothing and one claiming less than it
  holds loses nothing; rows, columns, cells and a cell's length are limited while
  reading, before the work they would cost;
- a formula with no computed value (as libraries and online tools write them) is
  reported at its cell instead of being read as empty; a number cell holding text, a
  shared-string index out of range or a date out of range is reported at its cell;
- a workbook protected by a password to open, or an Excel 97–2003 file, is said to be so.

Values come back as Excel shows them: text, numbers (``int`` when whole), booleans,
``datetime.datetime`` for a cell formatted as a date (``datetime.time`` for a time).
"""

from __future__ import annotations

import datetime
import io
import math
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import attrs

from vendormaturity.errors import NotFoundError, Problem, printable
from vendormaturity.i18n import msg
from vendormaturity.sources.reader import read_bytes

__all__ = [
    "Book",
    "Limits",
    "Sheet",
    "cell_name",
    "column_name",
    "open_book",
    "read_book",
]

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_REFUSED_MARKUP = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = 32  # bytes kept between chunks so a marker cut in two is still seen
_CHUNK = 1 << 16
_MAX_MEMBERS = 10_000  # an export has a dozen parts; a workbook with images a few hundred
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_EXCEL_COLUMNS = 16_384
_EXCEL_ROWS = 1_048_576
_MAX_SERIAL = 2_958_465  # 9999-12-31
# the built-in number formats that show a date or a time (ECMA-376 18.8.30, and the East Asian ones)
_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_TIME_ONLY_FORMATS = frozenset([18, 19, 20, 21, 45, 46, 47])
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_DATE_CODE = re.compile(r"[dDmMyYhHsSeE]")
_DAY_CODE = re.compile(r"[dDyYeE]")
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


@attrs.frozen
class Limits:
    """What a reader accepts; each is checked while reading, before the work it would cost."""

    bytes: int = 20_000_000  # the file
    expanded: int = 200_000_000  # what its parts inflate to, all together
    rows: int = 20_000  # the last row holding a value
    columns: int = 1_000  # the last column holding a value
    cells: int = 2_000_000  # cells holding a value, in one sheet
    cell_chars: int = 32_767  # Excel's own limit of a cell's text
    what: str = "workbook"  # how messages name the file (a msg(): "workbook of answers", "export")


def column_name(column: int) -> str:
    """``A`` for column 1, ``AA`` for column 27."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, column: int, row: int) -> str:
    """``Réponses!D14``, with the sheet quoted when its name needs it (``'My answers'!B2``)."""
    quoted = sheet if re.fullmatch(r"[\w.]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{printable(quoted)}!{column_name(column)}{row}"


@attrs.frozen
class Sheet:
    """A sheet's values: the rows that hold one, each with its number, as long as its last value."""

    title: str
    state: str  # visible, hidden or veryHidden
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    problems: tuple[Problem, ...]  # cells that cannot be read, each located

    @property
    def width(self) -> int:
        return max((len(values) for _, values in self.rows), default=0)

    def dense(self) -> list[tuple[object, ...]]:
        """Every row from 1 to the last one holding a value (empty rows as ``()``)."""
        last = self.rows[-1][0] if self.rows else 0
        dense: list[tuple[object, ...]] = [()] * last
        for number, values in self.rows:
            dense[number - 1] = values
        return dense


class _RefusedError(Exception):
    """A part cannot be read; the problem says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@attrs.define
class Book:
    """An open .xlsx: its sheets by name, read one at a time with :meth:`sheet`."""

    name: str
    archive: zipfile.ZipFile
    limits: Limits
    sheetnames: list[str]
    parts: dict[str, str]  # sheet name → its part in the archive
    states: dict[str, str]
    strings: list[str | None] | None = None  # None: not read yet; an entry of None is too long
    date_styles: dict[int, bool] = attrs.Factory(dict)  # style index → time only (else date)
    epoch: datetime.datetime = datetime.datetime(1899, 12, 30)
    read: int = 0  # bytes inflated so far
    strings_part: str | None = None
    styles_part: str | None = None

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def sheet(self, title: str) -> Sheet | Problem:
        """The values of sheet *title*, or why it cannot be read (located at the sheet)."""
        try:
            if self.strings is None:
                self.strings = self._strings()
            return _SheetReader(self, title).read()
        except _RefusedError as refused:
            found = refused.problem
            return found if found.path else attrs.evolve(found, path=printable(title))

    # -------------------------------------------------------------- parts

    def problem(self, message: str, part: str | None = None) -> _RefusedError:
        where = f"{part}" if part else ""
        return _RefusedError(Problem(message, path=where, file=self.name))

    def stream(self, part: str) -> Iterator[bytes]:
        """The bytes of *part*, counted against the limit, refused if they declare entities."""
        try:
            member = self.archive.open(part)
        except KeyError:
            raise self.problem(
                msg("the part {part} is missing: the file is damaged; open it and save it again", part=part)
            ) from None
        except _READ_ERRORS as error:
            raise self._damaged(part, error) from None
        tail = b""
        with member:
            while True:
                try:
                    chunk = member.read(_CHUNK)
                except _READ_ERRORS as error:
                    raise self._damaged(part, error) from None
                if not chunk:
                    return
                self.read += len(chunk)
                if self.read > self.limits.expanded:
                    raise self.problem(
                        msg(
                            "its parts expand to more than {limit} bytes; no {what} needs that",
                            limit=self.limits.expanded,
                            what=self.limits.what,
                        )
                    )
                window = tail + chunk
                if any(marker in window for marker in _REFUSED_MARKUP):
                    raise self.problem(
                        msg(
                            "the part {part} declares a document type or entities, which no spreadsheet "
                            "program writes; the file is refused (open it in Excel or LibreOffice and "
                            "save it again if you trust it)",
                            part=part,
                        )
                    )
                tail = window[-_OVERLAP:]
                yield chunk

    def _damaged(self, part: str, error: BaseException) -> _RefusedError:
        return self.problem(
            msg(
                "the part {part} cannot be read ({error}): the file is damaged or cut short; "
                "open it in Excel or LibreOffice and save it again",
                part=part,
                error=printable(str(error)) or type(error).__name__,
            )
        )

    def elements(self, part: str, tags: frozenset[str]) -> Iterator[ElementTree.Element]:
        """The elements named *tags* (local names) of *part*, each once complete."""
        parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(events=("end",))
        try:
            for chunk in self.stream(part):
                parser.feed(chunk)
                yield from _ended(parser, tags)
            parser.close()
            yield from _ended(parser, tags)
        except ElementTree.ParseError as error:
            line, column = error.position
            raise self.problem(
                msg(
                    "the part {part} is not well-formed XML (line {line}, column {column}): the file is "
                    "damaged or cut short; open it in Excel or LibreOffice and save it again",
                    part=part,
                    line=line,
                    column=column,
                )
            ) from None

    def _strings(self) -> list[str | None]:
        if self.strings_part is None or self.strings_part not in self.archive.namelist():
            return []
        strings: list[str | None] = []
        for element in self.elements(self.strings_part, frozenset({"si"})):
            text = _text_of(element)
            strings.append(text if len(text) <= self.limits.cell_chars else None)
            element.clear()
            if len(strings) > self.limits.cells:
                raise self.problem(
                    msg(
                        "it holds more than {limit} texts; no {what} needs that",
                        limit=self.limits.cells,
                        what=self.limits.what,
                    )
                )
        return strings


def _ended(
    parser: ElementTree.XMLPullParser[ElementTree.Element], tags: frozenset[str]
) -> Iterator[ElementTree.Element]:
    for item in parser.read_events():
        element = item[-1]
        if isinstance(element, ElementTree.Element) and _local(element.tag) in tags:
            yield element


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text_of(element: ElementTree.Element) -> str:
    """The text of a shared string or an inline string: its runs, without phonetic readings."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(run.text or "" for run in child if _local(run.tag) == "t")
    return "".join(parts)


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


class _SheetReader:
    """One sheet part read as a stream of cells, every limit checked as the cells come."""

    def __init__(self, book: Book, title: str) -> None:
        self.book, self.title = book, title
        self.limits = book.limits
        self.problems: list[Problem] = []
        self.rows: list[tuple[int, tuple[object, ...]]] = []
        self.cells = 0

    def at(self, column: int, row: int) -> str:
        return cell_name(self.title, column, row)

    def problem(self, message: str, column: int, row: int) -> None:
        if len(self.problems) < 100:  # a damaged sheet is said in a few lines, not a million
            self.problems.append(Problem(message, path=self.at(column, row), file=self.book.name))

    def refuse(self, message: str) -> _RefusedError:
        return _RefusedError(Problem(message, path=printable(self.title), file=self.book.name))

    def read(self) -> Sheet:
        book = self.book
        if self.title not in book.parts:
            raise self.refuse(msg("no such sheet"))
        previous = 0
        seen: set[int] = set()
        for element in book.elements(book.parts[self.title], frozenset({"row"})):
            declared = element.get("r")
            number = _number(declared) if declared is not None else previous + 1
            if number is None or not 0 < number <= _EXCEL_ROWS or number in seen:
                raise self.refuse(
                    msg(
                        "a row is numbered {number}, which is no row or comes twice: the file is damaged; "
                        "open it in Excel or LibreOffice and save it again",
                        number=printable(str(declared)[:20]),
                    )
                )
            seen.add(number)
            previous = number
            self._row(element, number)
            element.clear()
        self.rows.sort(key=lambda item: item[0])
        return Sheet(
            self.title, book.states.get(self.title, "visible"), tuple(self.rows), tuple(self.problems)
        )

    def _row(self, element: ElementTree.Element, number: int) -> None:
        values: dict[int, object] = {}
        column = 0
        for cell in element:
            if _local(cell.tag) != "c":
                continue
            reference = cell.get("r")
            place = _reference(reference) if reference is not None else (column + 1, number)
            if place is None:
                raise self.refuse(
                    msg("a cell is named {name}, which no sheet has: the file is damaged", name=reference)
                )
            column = place[0]
            value = self._value(cell, column, number)
            if value is None:
                continue
            if column > self.limits.columns:
                raise self.refuse(
                    msg(
                        "{cell} holds a value, but no {what} has more than {limit} columns: delete the "
                        "columns beyond {last} (or the stray value), save, and try again",
                        cell=self.at(column, number),
                        what=self.limits.what,
                        limit=self.limits.columns,
                        last=column_name(self.limits.columns),
                    )
                )
            values[column] = value
        if not values:
            return
        if number > self.limits.rows:
            raise self.refuse(
                msg(
                    "row {row} holds a value, but no {what} has more than {limit} rows: split it, or "
                    "delete the rows below (or the stray value)",
                    row=number,
                    what=self.limits.what,
                    limit=self.limits.rows,
                )
            )
        self.cells += len(values)
        if self.cells > self.limits.cells:
            raise self.refuse(
                msg(
                    "more than {limit} cells hold a value; no {what} needs that: split it",
                    limit=self.limits.cells,
                    what=self.limits.what,
                )
            )
        width = max(values)
        self.rows.append((number, tuple(values.get(index) for index in range(1, width + 1))))

    def _value(self, cell: ElementTree.Element, column: int, row: int) -> object:
        kind = cell.get("t", "n")
        held = _child(cell, "v")
        raw = held.text if held is not None else None
        formula = _child(cell, "f")
        if kind == "inlineStr":
            inline = _child(cell, "is")
            raw = _text_of(inline) if inline is not None else raw
        if raw is None or (raw == "" and kind not in ("str", "inlineStr")):
            if formula is not None and (formula.text or formula.get("t") == "shared"):
                shown = f" (={printable(formula.text)})" if formula.text else ""
                self.problem(
                    msg(
                        "holds a formula{shown} with no computed value: open the file in Excel or "
                        "LibreOffice and save it, so that the value is stored with it; nothing of this "
                        "cell was read",
                        shown=shown[:200],
                    ),
                    column,
                    row,
                )
            return None
        if kind == "s":
            return self._shared(raw, column, row)
        if kind in ("str", "inlineStr"):
            return self._text(raw, column, row)
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "e":  # "#N/A", "#DIV/0!": what the program shows; a reader that needs the cell says so
            return self._text(raw, column, row)
        if kind == "d":
            return self._iso(raw, column, row)
        return self._number(cell, raw, column, row)

    def _text(self, text: str, column: int, row: int) -> str | None:
        if len(text) > self.limits.cell_chars:
            self.problem(
                msg(
                    "holds {count} characters, more than a cell holds ({limit}): shorten it",
                    count=len(text),
                    limit=self.limits.cell_chars,
                ),
                column,
                row,
            )
            return None
        return text

    def _shared(self, raw: str, column: int, row: int) -> str | None:
        strings = self.book.strings or []
        index = _number(raw)
        if index is None or index >= len(strings):
            self.problem(
                msg(
                    "refers to text number {index}, which the file does not hold: the file is damaged; "
                    "open it in Excel or LibreOffice and save it again",
                    index=printable(raw.strip()[:20]),
                ),
                column,
                row,
            )
            return None
        text = strings[index]
        if text is None:
            self.problem(
                msg(
                    "holds more characters than a cell holds ({limit}): shorten it",
                    limit=self.limits.cell_chars,
                ),
                column,
                row,
            )
        return text

    def _number(self, cell: ElementTree.Element, raw: str, column: int, row: int) -> object:
        text = raw.strip()
        try:
            number = float(text) if len(text) <= 400 else None
        except ValueError:
            number = None
        if number is None or not math.isfinite(number):
            self.problem(
                msg(
                    "is stored as a number but holds {value}: the file is damaged; open it in Excel or "
                    "LibreOffice and save it again",
                    value=printable(text[:40]),
                ),
                column,
                row,
            )
            return None
        style = _number(cell.get("s", "0"))
        time_only = self.book.date_styles.get(style) if style is not None else None
        if time_only is None:
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        if not 0 <= number <= _MAX_SERIAL:
            self.problem(
                msg(
                    "is formatted as a date but holds {value}, which is no date: type the date again",
                    value=printable(text[:40]),
                ),
                column,
                row,
            )
            return None
        moment = _from_serial(number, self.book.epoch)
        return moment.time() if time_only and number < 1 else moment

    def _iso(self, raw: str, column: int, row: int) -> object:
        try:
            return datetime.datetime.fromisoformat(raw.strip())
        except ValueError:
            self.problem(
                msg("holds the date {value}, which is no date: type it again", value=printable(raw[:40])),
                column,
                row,
            )
            return None


def _from_serial(number: float, epoch: datetime.datetime) -> datetime.datetime:
    """The moment of an Excel serial (1900 system: 60 is the 29 February 1900 Excel believes in)."""
    if epoch.year == 1899 and number < 61:
        number += 1 if number < 60 else 0
    moment = epoch + datetime.timedelta(days=number)
    # serials carry float noise: round to the millisecond as Excel shows them
    micro = round(moment.microsecond / 1000) * 1000
    if micro == 1_000_000:
        return moment.replace(microsecond=0) + datetime.timedelta(seconds=1)
    return moment.replace(microsecond=micro)


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _reference(reference: str) -> tuple[int, int] | None:
    found = _REF.match(reference.strip().upper())
    if found is None:
        return None
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    row = int(found.group(2))
    if not (0 < column <= _EXCEL_COLUMNS and 0 < row <= _EXCEL_ROWS):
        return None
    return column, row


def _is_date_format(code: str) -> bool | None:
    """Whether a number format shows a date (False), a time only (True), or neither (None)."""
    bare = _QUOTED.sub("", code.split(";", 1)[0])
    if not _DATE_CODE.search(bare) or "General" in code:
        return None
    return not _DAY_CODE.search(bare)


# ------------------------------------------------------------------ opening


def read_book(data: bytes, name: str, limits: Limits) -> Book | Problem:
    """An .xlsx held in *data*, opened: its sheet names, states and the parts to read them from."""
    if data.startswith(_CFB):
        if _ENCRYPTED in data:
            return Problem(
                msg(
                    "is protected by a password to open (encrypted): save a copy without the password "
                    "(File > Info > Protect Workbook > Encrypt with Password, empty) and give that copy"
                ),
                file=name,
            )
        return Problem(
            msg("is an Excel 97–2003 workbook (.xls): save it as an Excel workbook (.xlsx), or as CSV"),
            file=name,
        )
    not_xlsx = Problem(
        msg("is not an Excel workbook (.xlsx): save it as an Excel workbook (.xlsx), or as CSV"), file=name
    )
    if not data.startswith(b"PK"):
        return not_xlsx
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (*_READ_ERRORS, struct.error):
        return not_xlsx
    if len(members) > _MAX_MEMBERS:
        archive.close()
        return Problem(
            msg("holds {count} parts; no {what} needs that", count=len(members), what=limits.what), file=name
        )
    declared = sum(member.file_size for member in members)
    if declared > limits.expanded:
        archive.close()
        return Problem(
            msg(
                "expands to {size} bytes, the limit is {limit}; no {what} needs that",
                size=declared,
                limit=limits.expanded,
                what=limits.what,
            ),
            file=name,
        )
    try:
        return _opened(archive, name, limits)
    except _RefusedError as refused:
        archive.close()
        return refused.problem
    except struct.error:
        archive.close()
        return not_xlsx


def open_book(path: str | Path, limits: Limits) -> Book | Problem:
    """The .xlsx at *path* read through the guarded reader and opened, or why it cannot be."""
    name = str(path)
    try:
        data = read_bytes(path, limit=limits.bytes)
    except NotFoundError:
        return Problem(msg("no such file"), file=name)
    if isinstance(data, Problem):
        return data
    return read_book(data, name, limits)


def _opened(archive: zipfile.ZipFile, name: str, limits: Limits) -> Book:
    book = Book(name, archive, limits, [], {}, {})
    names = set(archive.namelist())
    main = _target(book, "_rels/.rels", "", "officeDocument", names) or "xl/workbook.xml"
    if main not in names:
        raise book.problem(
            msg("is not an Excel workbook (.xlsx): it has no workbook part; save it as .xlsx, or as CSV")
        )
    folder = posixpath.dirname(main)
    rels_part = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    targets = _relationships(book, rels_part, folder, names)
    book.strings_part = next((target for kind, target in targets.values() if kind == "sharedStrings"), None)
    book.styles_part = next((target for kind, target in targets.values() if kind == "styles"), None)
    for element in book.elements(main, frozenset({"sheet", "workbookPr"})):
        if _local(element.tag) == "workbookPr":
            if element.get("date1904") in ("1", "true"):
                book.epoch = datetime.datetime(1904, 1, 1)
            continue
        title = element.get("name")
        relation = element.get(f"{{{_REL}}}id") or element.get(f"{{{_RELS_STRICT}}}id")
        target = targets.get(relation or "")
        if not title or target is None or target[0] not in ("worksheet", "sheet"):
            continue  # a chart sheet or a dialog sheet holds no cells
        book.sheetnames.append(title)
        book.parts[title] = target[1]
        book.states[title] = element.get("state", "visible")
    if not book.sheetnames:
        raise book.problem(msg("the workbook has no sheet holding cells: save it again with its data"))
    if book.styles_part is not None and book.styles_part in names:
        book.date_styles = _date_styles(book, book.styles_part)
    return book


def _target(book: Book, rels: str, folder: str, kind: str, names: set[str]) -> str | None:
    found = _relationships(book, rels, folder, names)
    return next((target for found_kind, target in found.values() if found_kind == kind), None)


def _relationships(book: Book, part: str, folder: str, names: set[str]) -> dict[str, tuple[str, str]]:
    """A relationships part: id → (the kind's last word, the target part's name in the archive)."""
    if part not in names:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for element in book.elements(part, frozenset({"Relationship"})):
        target, kind = element.get("Target"), element.get("Type", "")
        if not target or element.get("TargetMode") == "External":
            continue
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        found[element.get("Id", "")] = (kind.rsplit("/", 1)[-1], path)
    return found


def _date_styles(book: Book, part: str) -> dict[int, bool]:
    """Style index → whether it shows a time only, for the styles that show a date or a time."""
    custom: dict[int, str] = {}
    styles: list[int] = []
    inside = False
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start", "end")
    )
    try:
        for chunk in book.stream(part):
            parser.feed(chunk)
            for item in parser.read_events():
                event, element = item[0], item[-1]
                if not isinstance(element, ElementTree.Element):
                    continue
                tag = _local(element.tag)
                if tag == "cellXfs":
                    inside = event == "start"
                elif event == "end" and tag == "numFmt":
                    identifier = _number(element.get("numFmtId"))
                    if identifier is not None:
                        custom[identifier] = element.get("formatCode", "")
                elif event == "start" and tag == "xf" and inside:
                    styles.append(_number(element.get("numFmtId", "0")) or 0)
        parser.close()
    except ElementTree.ParseError:
        return {}  # damaged styles: numbers stay numbers, and dates are then refused where read
    found: dict[int, bool] = {}
    for index, identifier in enumerate(styles):
        if identifier in custom:
            kind = _is_date_format(custom[identifier])
        elif identifier in _DATE_FORMATS:
            kind = identifier in _TIME_ONLY_FORMATS
        else:
            kind = None
        if kind is not None:
            found[index] = kind
    return found
