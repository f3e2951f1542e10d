"""The guarded .xlsx layer: what a spreadsheet program shows, and a located refusal for the rest."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

import hostile_xlsx as hostile
import vendormaturity as vm
from vendormaturity.sources.spreadsheet import Book, Limits, Sheet, cell_name, read_book

ROOT = Path(__file__).resolve().parents[1]
FORMS = (ROOT / "tests" / "data" / "collect" / "forms-pulse-client-en.xlsx").read_bytes()
SHARED = hostile.shared_strings(FORMS)  # text as Excel stores it
DEFAULT = Limits()
SMALL = Limits(rows=50, columns=20, cells=500, cell_chars=100)


def opened(data: bytes, limits: Limits = DEFAULT) -> Book:
    book = read_book(data, "export.xlsx", limits)
    assert isinstance(book, Book), book
    return book


def first(data: bytes, limits: Limits = DEFAULT) -> Sheet | vm.Problem:
    book = opened(data, limits)
    with book:
        return book.sheet(book.sheetnames[0])


def values(data: bytes) -> dict[str, object]:
    sheet = first(data)
    assert isinstance(sheet, Sheet), sheet
    return {
        cell_name(sheet.title, column, number): value
        for number, row in sheet.rows
        for column, value in enumerate(row, start=1)
        if value is not None
    }


def openpyxl_values(data: bytes) -> dict[str, object]:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    found: dict[str, object] = {
        cell_name(sheet.title, column, number): value
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        for column, value in enumerate(row, start=1)
        if value is not None
    }
    book.close()
    return found


@pytest.mark.parametrize("data", [FORMS, SHARED], ids=["inline strings", "shared strings"])
def test_values_are_those_openpyxl_reads(data: bytes) -> None:
    """Text, numbers and dates come back as openpyxl (and a spreadsheet program) shows them."""
    assert openpyxl_values(data) == values(data)
    assert datetime.datetime(2026, 9, 14, 14, 19, 5) == values(data)["Sheet1!B2"]


def test_every_sheet_of_an_exported_workbook_reads_as_openpyxl_reads_it(pulse: vm.Questionnaire) -> None:
    """Hidden sheets keep their state; every value of every sheet matches."""
    data = vm.export_workbook(pulse, side="client", lang="fr", relationship="acme")
    reference = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    with opened(data) as book:
        assert reference.sheetnames == book.sheetnames
        for title in book.sheetnames:
            sheet = book.sheet(title)
            assert isinstance(sheet, Sheet)
            expected = [tuple(row) for row in reference[title].iter_rows(values_only=True)]
            dense = sheet.dense()
            assert [tuple(v for v in row if v is not None) for row in expected] == [
                tuple(v for v in row if v is not None) for row in dense
            ]
        assert {"_vendormaturity": "veryHidden", "_lists": "hidden"} == {
            title: state for title, state in book.states.items() if state != "visible"
        }
    reference.close()


def test_dates_times_and_the_1904_system() -> None:
    """A date cell is a datetime, a time cell a time, in either date system."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = datetime.datetime(2026, 7, 1, 0, 40)
    sheet["B1"] = datetime.time(9, 30)
    sheet["C1"] = 3.5
    buffer = io.BytesIO()
    book.save(buffer)
    assert {
        "Sheet!A1": datetime.datetime(2026, 7, 1, 0, 40),
        "Sheet!B1": datetime.time(9, 30),
        "Sheet!C1": 3.5,
    } == values(buffer.getvalue())
    shifted = hostile.changed(
        buffer.getvalue(),
        hostile.BOOK,
        lambda xml: xml.replace(b"<workbookPr ", b'<workbookPr date1904="1" '),
    )
    assert datetime.datetime(2030, 7, 2, 0, 40) == values(shifted)["Sheet!A1"]


def test_a_declared_dimension_is_never_trusted() -> None:
    """A sheet claiming the whole grid costs nothing; one claiming less than it holds loses nothing."""
    part = hostile.sheet_part(SHARED)
    huge = hostile.empty_rows(hostile.dimension(SHARED, part, "A1:XFD1048576"), part, 19_000)
    small = hostile.dimension(SHARED, part, "A1:A1")
    assert values(SHARED) == values(huge) == values(small)


def test_a_formula_without_its_value_is_reported_at_its_cell() -> None:
    """Libraries and online tools write formulas without a computed value: never read as empty."""
    sheet = first(hostile.uncached_formulas(SHARED, hostile.sheet_part(SHARED)))
    assert isinstance(sheet, Sheet)
    assert (
        "export.xlsx: Sheet1!A1: holds a formula (=1+1) with no computed value: open the file in Excel or "
        "LibreOffice and save it, so that the value is stored with it; nothing of this cell was read"
    ) == str(sheet.problems[0])
    assert () == sheet.rows


def test_a_formula_with_its_value_reads_the_value() -> None:
    """A formula saved by a spreadsheet program carries its value, which is read."""
    part = hostile.sheet_part(SHARED)
    data = hostile.cell(SHARED, part, "Q2", '<c r="Q2"><f>SUM(A2:A3)</f><v>7</v></c>')
    assert 7 == values(data)["Sheet1!Q2"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            hostile.strings_out_of_range,
            "export.xlsx: Sheet1!A1: refers to text number 999999, which the file does not hold: the file is "
            "damaged; open it in Excel or LibreOffice and save it again",
        ),
        (
            hostile.text_in_numbers,
            "export.xlsx: Sheet1!A2: is stored as a number but holds abc: the file is damaged; open it in "
            "Excel or LibreOffice and save it again",
        ),
    ],
)
def test_damaged_cells_are_reported_at_their_cell(change: object, message: str) -> None:
    sheet = first(change(SHARED, hostile.sheet_part(SHARED)))  # type: ignore[operator]
    assert isinstance(sheet, Sheet)
    assert message == str(sheet.problems[0])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            hostile.billion_laughs(SHARED, hostile.STRINGS),
            "export.xlsx: Sheet1: the part xl/sharedStrings.xml declares a document type or entities, "
            "which no spreadsheet program writes; the file is refused (open it in Excel or LibreOffice and "
            "save it again if you trust it)",
        ),
        (
            hostile.external_entity(SHARED, "xl/worksheets/sheet1.xml"),
            "export.xlsx: Sheet1: the part xl/worksheets/sheet1.xml declares a document type or entities, "
            "which no spreadsheet program writes; the file is refused (open it in Excel or LibreOffice and "
            "save it again if you trust it)",
        ),
        (
            hostile.cut(SHARED, "xl/worksheets/sheet1.xml"),
            "export.xlsx: Sheet1: the part xl/worksheets/sheet1.xml is not well-formed XML (line 1, column "
            "1220): the file is damaged or cut short; open it in Excel or LibreOffice and save it again",
        ),
        (
            hostile.cell(
                SHARED, "xl/worksheets/sheet1.xml", "XFD5", '<c r="XFD5" t="inlineStr"><is><t>x</t></is></c>'
            ),
            "export.xlsx: Sheet1: Sheet1!XFD5 holds a value, but no workbook has more than 20 columns: "
            "delete the columns beyond T (or the stray value), save, and try again",
        ),
        (
            hostile.cell(
                SHARED, "xl/worksheets/sheet1.xml", "A900", '<c r="A900" t="inlineStr"><is><t>x</t></is></c>'
            ),
            "export.xlsx: Sheet1: row 900 holds a value, but no workbook has more than 50 rows: split it, or "
            "delete the rows below (or the stray value)",
        ),
    ],
    ids=["billion laughs", "external entity", "cut in half", "far column", "far row"],
)
def test_a_sheet_that_cannot_be_read_is_refused_at_the_sheet(data: bytes, message: str) -> None:
    assert message == str(first(data, SMALL))


def test_a_long_cell_is_reported_before_it_costs() -> None:
    part = hostile.sheet_part(SHARED)
    data = hostile.cell(SHARED, part, "B3", f'<c r="B3" t="inlineStr"><is><t>{"x" * 201}</t></is></c>')
    sheet = first(data, Limits(cell_chars=200))
    assert isinstance(sheet, Sheet)
    assert "export.xlsx: Sheet1!B3: holds 201 characters, more than a cell holds (200): shorten it" == str(
        sheet.problems[0]
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            hostile.encrypted(),
            "export.xlsx: is protected by a password to open (encrypted): save a copy without the password "
            "(File > Info > Protect Workbook > Encrypt with Password, empty) and give that copy",
        ),
        (
            hostile.legacy(),
            "export.xlsx: is an Excel 97–2003 workbook (.xls): save it as an Excel workbook (.xlsx), "
            "or as CSV",
        ),
        (
            hostile.no_sheets(SHARED),
            "export.xlsx: the workbook has no sheet holding cells: save it again with its data",
        ),
        (
            b"Timestamp,Name\n",
            "export.xlsx: is not an Excel workbook (.xlsx): save it as an Excel workbook (.xlsx), or as CSV",
        ),
        (
            hostile.rezip({"hello.txt": b"hi"}),
            "export.xlsx: is not an Excel workbook (.xlsx): it has no workbook part; save it as .xlsx, "
            "or as CSV",
        ),
    ],
    ids=["encrypted", "xls", "no sheets", "csv", "a zip"],
)
def test_what_is_no_workbook_is_said_to_be_what_it_is(data: bytes, message: str) -> None:
    assert message == str(read_book(data, "export.xlsx", Limits()))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(hostile.MUTATIONS),
    st.lists(st.integers(0, 2**32), min_size=1, max_size=8),
    st.text(max_size=40),
)
def test_mutated_parts_give_values_or_located_problems(name: str, numbers: list[int], text: str) -> None:
    """Structure-aware mutations of real parts: never an exception, every problem located."""
    data = hostile.mutate(SHARED, name, hostile.sheet_part(SHARED), numbers, text)
    book = read_book(data, "export.xlsx", SMALL)
    if isinstance(book, vm.Problem):
        assert str(book).startswith("export.xlsx: ")
        return
    with book:
        for title in book.sheetnames:
            sheet = book.sheet(title)
            problems = [sheet] if isinstance(sheet, vm.Problem) else list(sheet.problems)
            assert all(str(problem).startswith("export.xlsx: ") for problem in problems)


def test_an_error_cell_reads_as_the_spreadsheet_shows_it() -> None:
    """#N/A is what Excel shows: the text is read, and refused only where a value is needed."""
    part = hostile.sheet_part(SHARED)
    data = hostile.cell(SHARED, part, "Q2", '<c r="Q2" t="e"><f>VLOOKUP(1,A:A,2,0)</f><v>#N/A</v></c>')
    assert "#N/A" == values(data)["Sheet1!Q2"]
