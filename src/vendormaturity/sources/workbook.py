"""Excel workbooks to send to respondents, and reading them back: ``export_workbook``, ``read_workbooks``.

A workbook holds one respondent's side of a questionnaire, in one language: a sheet of
instructions; the questions of that side grouped by dimension, each answered from a
drop-down bound to its scale ("don't know" included) with a comment cell; the
respondent's name and role; a facts sheet for whoever owns the operational figures. The
structure is protected (no password: it guards against accidents, not people) and only
the cells to fill are unlocked. Hidden cells carry the machine-readable ids – every row
and every column is keyed, and a hidden sheet holds the questionnaire id and version –
so reading back depends neither on row positions nor on label text: rows may be sorted
or hidden, columns inserted, answers typed instead of picked, in either language.

openpyxl writes and reads. XlsxWriter writes faster and only writes; reading needs
openpyxl anyway, the workbooks are a few hundred cells (about 50 ms each), and one
library for both directions means one dependency and one model of a workbook in the
tests that fill workbooks as people do. It is imported only when a workbook is made or
read (the ``excel`` extra).
"""

from __future__ import annotations

import ast
import datetime
import functools
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from vendormaturity.errors import Problem
from vendormaturity.i18n import N_, Message, decimal, msg, nmsg, pmsg, tr
from vendormaturity.model.questionnaire import Fact, FactType, Question, Questionnaire, Side
from vendormaturity.model.responses import FactValue, Respondent, Role, respondent_id
from vendormaturity.sources.cells import (
    ROLE_LABELS,
    SIDE_LABELS,
    AnswerReader,
    Refused,
    cell_text,
    is_blank,
    normalise,
    read_fact,
    read_role,
    yes_no,
)
from vendormaturity.sources.collected import (
    MAX_NAME,
    MAX_TEXT,
    Batch,
    Collected,
    FactCell,
    Origin,
    Submission,
    assemble,
)
from vendormaturity.sources.outgoing import neutral_workbook
from vendormaturity.sources.spreadsheet import Book, Limits, Sheet, open_book
from vendormaturity.sources.writing import write_atomic

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "META_SHEET",
    "export_workbook",
    "open_workbook",
    "read_workbook",
    "read_workbooks",
    "sheet_cell",
    "workbook_questionnaire",
]

FORMAT = "vendormaturity-workbook"
FORMAT_VERSION = 1
META_SHEET = "_vendormaturity"
LISTS_SHEET = "_lists"
MAX_XLSX_BYTES = 20_000_000  # far above a workbook of answers or a survey tool's export
MAX_XLSX_EXPANDED = 200_000_000  # what its parts may inflate to: refuses a zip bomb before parsing
MAX_ROWS = 20_000

# keys of the hidden column A (question and fact rows hold their id)
NAME, ROLE, COMMENT, COLUMNS = "#name", "#role", "#comment", "#columns"
HEADER, GROUP = "#header", "#dimension"  # rows of labels for people: nothing to read

# The sheets a respondent sees, named in the workbook's language.
_SHEETS = {
    "instructions": pmsg("sheet name", "Instructions"),
    "answers": pmsg("sheet name", "Answers"),
    "facts": pmsg("sheet name", "Facts"),
}
# How a conditional question's condition reads, comparison by comparison.
_OPERATORS = {
    ast.LtE: N_("is {value} or less"),
    ast.Lt: N_("is less than {value}"),
    ast.GtE: N_("is {value} or more"),
    ast.Gt: N_("is more than {value}"),
    ast.Eq: N_("is {value}"),
    ast.NotEq: N_("is not {value}"),
}

# the answers sheet's columns, by key (the hidden row COLUMNS names them)
_ANSWER_COLUMNS = ("key", "id", "question", "answer", "comment")
_FACT_COLUMNS = ("key", "fact", "expects", "value")


def sheet_cell(sheet: str, column: int, row: int) -> str:
    """``Réponses!D14``; a sheet name with spaces or punctuation is quoted as spreadsheets do."""
    from openpyxl.utils import get_column_letter

    name = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


# --------------------------------------------------------------------------- export


def side_questions(q: Questionnaire, side: Side) -> list[Question]:
    """The questions one side answers, in the questionnaire's order."""
    return [question for question in q.questions if question.side in (Side.BOTH, side)]


def _instructions(lang: str, values: Mapping[str, str]) -> list[str]:
    """The instructions sheet's lines: how to answer, and what the workbook is."""
    return [
        tr("How to answer", lang),
        tr("1. On the sheet {answers}, type your name and pick your role at the top.", lang, **values),
        tr(
            "2. For each question, pick your answer from the list in the column {answer_column}. "
            "The numbers go from the least to the most favourable answer.",
            lang,
            **values,
        ),
        tr(
            "3. If you do not know, or the question does not apply to you, pick “{dont_know}”: it is "
            "counted as missing, never as zero. Leave a cell blank to skip a question.",
            lang,
            **values,
        ),
        tr(
            "4. Some questions apply only after a given answer: they say so under their text. Leave "
            "them blank when they do not apply.",
            lang,
        ),
        tr(
            "5. Comments are welcome in the column {comment_column}; they are read with your answers.",
            lang,
            **values,
        ),
        tr(
            "6. The sheet {facts} is for the person who owns the operational figures; leave it to "
            "them if you are not that person.",
            lang,
            **values,
        ),
        tr("7. Save the file under any name and send it back.", lang),
        "",
        tr(
            "The structure is protected against accidental changes (no password): only the cells to "
            "fill can be changed. Please do not delete rows, columns or sheets.",
            lang,
        ),
        tr(
            "Your answers are read with the questionnaire “{questionnaire}” {version}; hidden cells "
            "hold its identifiers.",
            lang,
            **values,
        ),
    ]


def _typed(value: float, lang: str) -> str:
    """A bound as the respondent types it: ``0.5`` (``0,5`` in French)."""
    return decimal(f"{value:g}", lang)


def condition_text(q: Questionnaire, expression: str, lang: str) -> str:
    """When a conditional question applies, in words for the usual shapes, else the rule itself."""
    try:
        node = ast.parse(expression, mode="eval").body
        return tr("Answer only if {condition}.", lang, condition=_phrase(q, node, lang))
    except (SyntaxError, ValueError, _NoWordingError):
        return tr("Answer only if: {expression}", lang, expression=expression)


class _NoWordingError(Exception):
    """A condition of a shape that is not said in words: the rule itself is shown."""


def _phrase(q: Questionnaire, node: ast.expr, lang: str) -> str:
    if isinstance(node, ast.BoolOp):
        parts = [_phrase(q, value, lang) for value in node.values]
        if isinstance(node.op, ast.And):
            return functools.reduce(
                lambda left, right: tr("{left} and {right}", lang, left=left, right=right), parts
            )
        return functools.reduce(
            lambda left, right: tr("{left} or {right}", lang, left=left, right=right), parts
        )
    if (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and type(node.ops[0]) in _OPERATORS
        and isinstance(node.left, ast.Attribute)
        and isinstance(node.left.value, ast.Name)
        and isinstance(node.comparators[0], ast.Constant)
    ):
        value = node.comparators[0].value
        shown = f"{value:g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
        comparison = tr(_OPERATORS[type(node.ops[0])], lang, value=shown)
        name = node.left.attr
        if node.left.value.id == "answers":
            return tr("your answer to {question} {comparison}", lang, question=name, comparison=comparison)
        if node.left.value.id == "facts":
            facts = {fact.id: fact for fact in q.facts}
            shown_fact = q.label(facts[name].label, lang) if name in facts else name
            return tr("the fact “{fact}” {comparison}", lang, fact=shown_fact, comparison=comparison)
    raise _NoWordingError


def export_workbook(
    q: Questionnaire,
    *,
    side: Side | str,
    lang: str,
    path: str | Path | None = None,
    relationship: str | None = None,
    client: str | None = None,
    supplier: str | None = None,
    date: datetime.date | None = None,
    facts: Mapping[str, FactValue] | None = None,
    facts_from: str | None = None,
) -> bytes:
    """A workbook for one respondent of *side*, in *lang*; written atomically to *path* when given.

    *relationship*, *client*, *supplier* and *date*, when given, are shown to the
    respondent and read back by :func:`read_workbooks`. *facts* pre-fill the facts sheet
    (the standing facts of the previous round, see :func:`carried_facts`), which says they
    come from *facts_from*.
    """
    side = Side(side)
    if side is Side.BOTH:
        raise ValueError(msg("a workbook is for one side: client or supplier"))
    if lang not in q.languages:
        raise ValueError(
            msg(
                "questionnaire '{questionnaire}' has no language '{lang}' (it has {languages})",
                questionnaire=q.id,
                lang=lang,
                languages=", ".join(q.languages),
            )
        )
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    book = Workbook()
    meta = {"relationship": relationship, "client": client, "supplier": supplier, "date": date}
    builder = _Builder(q, side, lang, book, meta, known=(facts or {}, facts_from))
    builder.build()
    book.security = WorkbookProtection(lockStructure=True)
    book.properties.title = q.label(q.title, lang)
    book.properties.creator = "vendormaturity"
    neutral_workbook(book)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        write_atomic(path, data)
    return data


class _Builder:
    """Lays out one workbook; every sheet's rows and columns keyed in hidden cells."""

    def __init__(
        self,
        q: Questionnaire,
        side: Side,
        lang: str,
        book: Workbook,
        meta: Mapping[str, str | datetime.date | None],
        *,
        known: tuple[Mapping[str, FactValue], str | None] = ({}, None),
    ) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        self.q, self.side, self.lang, self.book, self.meta = q, side, lang, book, meta
        self.known, self.known_from = known
        self.reader = AnswerReader(q)
        self.questions = side_questions(q, side)
        self.sheets = {kind: name.translated(lang) for kind, name in _SHEETS.items()}
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.input_fill = PatternFill("solid", start_color="FFF2CC")
        self.group_fill = PatternFill("solid", start_color="DDEBF7")
        self.unlocked = Protection(locked=False)
        self.lists: dict[tuple[str, ...], str] = {}

    def build(self) -> None:
        instructions = self.book.active
        assert instructions is not None
        instructions.title = self.sheets["instructions"]
        lists = self.book.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        lists.protection.sheet = True
        self.lists_sheet = lists
        answers = self.book.create_sheet(self.sheets["answers"])
        facts = self.book.create_sheet(self.sheets["facts"]) if self.q.facts else None
        self._instructions(instructions)
        self._answers(answers)
        if facts is not None:
            self._facts(facts)
        self._meta()
        self.book.move_sheet(lists, offset=len(self.book.sheetnames))
        self.book.active = self.book.sheetnames.index(answers.title)
        answers.sheet_view.tabSelected = True
        instructions.sheet_view.tabSelected = False

    def _protect(self, sheet: Worksheet) -> None:
        sheet.protection.sheet = True
        # formatting stays allowed so that people can widen a column or a row to read
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        sheet.protection.formatCells = False

    def _list(self, options: Sequence[str]) -> str:
        """The reference of a hidden list holding *options*, for a drop-down."""
        from openpyxl.utils import get_column_letter, quote_sheetname

        key = tuple(options)
        if key not in self.lists:
            column = len(self.lists) + 1
            for row, option in enumerate(options, start=1):
                self.lists_sheet.cell(row=row, column=column, value=option)
            letter = get_column_letter(column)
            self.lists[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"
        return self.lists[key]

    def _validation(self, sheet: Worksheet, options: Sequence[str], cells: Iterable[str]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        validation = DataValidation(
            type="list",
            formula1=self._list(options),
            allow_blank=True,
            showDropDown=False,  # (openpyxl's name: False shows the in-cell arrow)
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle="warning",  # typed answers stay possible; they are read in either language
            errorTitle=tr("Not in the list", self.lang),
            error=tr("This value is not in the list: keep it only if you are sure.", self.lang),
            promptTitle=tr("Pick from the list", self.lang),
            prompt=tr("Pick an answer from the list (or type its number).", self.lang),
        )
        for cell in cells:
            validation.add(cell)
        sheet.add_data_validation(validation)

    def _instructions(self, sheet: Worksheet) -> None:
        q, lang = self.q, self.lang
        sheet["A1"] = q.label(q.title, lang)
        sheet["A1"].font = self.title_font
        sheet["A2"] = self._side_heading()
        about = self._about()
        if about:
            sheet["A3"] = about
        if q.description:
            sheet["A4"] = q.label(q.description, lang)
            sheet["A4"].alignment = self.wrap
            sheet.row_dimensions[4].height = 60
        dont_know = next((q.label(m.label, lang) for s in q.scales for m in s.missing), "?")
        values = {
            "answers": self.sheets["answers"],
            "facts": self.sheets["facts"],
            "answer_column": tr("Your answer", lang),
            "comment_column": tr("Comment (optional)", lang),
            "dont_know": dont_know,
            "questionnaire": q.label(q.title, lang),
            "version": q.version,
        }
        for offset, line in enumerate(_instructions(lang, values)):
            text = line
            cell = sheet.cell(row=6 + offset, column=1, value=text or None)
            cell.alignment = self.wrap
            sheet.row_dimensions[6 + offset].height = _height(text, 110)
            if offset == 0:
                cell.font = self.bold
        sheet.column_dimensions["A"].width = 110
        self._page(sheet)
        self._protect(sheet)

    def _about(self) -> str:
        meta = self.meta
        if not any(meta.values()):
            return ""
        shown = {
            key: (value.isoformat() if isinstance(value, datetime.date) else value) or "–"
            for key, value in meta.items()
        }
        return tr(
            "Relationship: {relationship} · client: {client} · supplier: {supplier} · date: {date}",
            self.lang,
            **shown,
        )

    def _side_heading(self) -> str:
        return tr("{side} side", self.lang, side=SIDE_LABELS[self.side.value].translated(self.lang))

    def _keys(self, sheet: Worksheet, row: int, keys: Sequence[str]) -> None:
        sheet.cell(row=row, column=1, value=COLUMNS)
        for column, key in enumerate(keys[1:], start=2):
            sheet.cell(row=row, column=column, value=key)
        sheet.row_dimensions[row].hidden = True

    def _answers(self, sheet: Worksheet) -> None:
        q, lang = self.q, self.lang
        sheet["B1"] = f"{q.label(q.title, lang)} – {self._side_heading()}"
        sheet["B1"].font = self.title_font
        sheet["B2"] = self._about() or None
        for row, key, label in ((4, NAME, tr("Your name", lang)), (5, ROLE, tr("Your role", lang))):
            sheet.cell(row=row, column=1, value=key)
            sheet.cell(row=row, column=3, value=label).font = self.bold
            self._input(sheet.cell(row=row, column=4))
        roles = [word.translated(lang) for word in ROLE_LABELS.values()]
        self._validation(sheet, roles, ["D5"])
        self._keys(sheet, 7, _ANSWER_COLUMNS)
        sheet.cell(row=8, column=1, value=HEADER)
        headings = (
            tr("No.", lang),
            tr("Question", lang),
            tr("Your answer", lang),
            tr("Comment (optional)", lang),
        )
        for column, heading in enumerate(headings, start=2):
            sheet.cell(row=8, column=column, value=heading).font = self.bold
        row = 9
        by_scale: dict[str, list[str]] = {}
        for dimension in q.dimensions:
            asked = [question for question in self.questions if question.dimension == dimension.id]
            if not asked:
                continue
            sheet.cell(row=row, column=1, value=GROUP)
            group = sheet.cell(row=row, column=2, value=q.label(dimension.label, lang))
            group.font = self.bold
            for column in range(2, 6):
                sheet.cell(row=row, column=column).fill = self.group_fill
            row += 1
            for question in asked:
                sheet.cell(row=row, column=1, value=question.id)
                sheet.cell(row=row, column=2, value=question.id).alignment = self.top
                shown = question_cell_text(q, question, lang)
                sheet.cell(row=row, column=3, value=shown).alignment = self.wrap
                sheet.row_dimensions[row].height = _height(shown, 80)
                self._input(sheet.cell(row=row, column=4))
                self._input(sheet.cell(row=row, column=5))
                by_scale.setdefault(question.scale, []).append(f"D{row}")
                row += 1
        for scale, cells in by_scale.items():
            self._validation(sheet, self.reader.options(scale, lang), cells)
        row += 1
        sheet.cell(row=row, column=1, value=COMMENT)
        overall = tr("Anything else you would like to say about the relationship? (optional)", lang)
        sheet.cell(row=row, column=3, value=overall).alignment = self.wrap
        self._input(sheet.cell(row=row, column=4))
        number = min(max(6, *(len(question.id) + 2 for question in self.questions)), 30)  # ids stay readable
        for letter, width in (("A", 12), ("B", number), ("C", 80), ("D", 30), ("E", 40)):
            sheet.column_dimensions[letter].width = width
        sheet.column_dimensions["A"].hidden = True
        sheet.freeze_panes = "A9"
        sheet.print_title_rows = "8:8"
        self._page(sheet)
        self._protect(sheet)

    def _input(self, cell: Any) -> None:
        cell.protection = self.unlocked
        cell.fill = self.input_fill
        cell.alignment = self.wrap

    def _page(self, sheet: Worksheet) -> None:
        from openpyxl.worksheet.properties import PageSetupProperties

        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    def _facts(self, sheet: Worksheet) -> None:
        lang = self.lang
        sheet["B1"] = tr("Facts about the relationship", lang)
        sheet["B1"].font = self.title_font
        sheet["B2"] = tr(
            "For the person who owns the operational figures (contract or service manager). Leave a value "
            "blank when you do not know it: a blank is never read as zero.",
            lang,
        )
        if self.known:
            sheet["B2"] = f"{sheet['B2'].value} " + tr(
                "The values known from the previous round ({source}) are filled in: check them and "
                "change what has changed.",
                lang,
                source=self.known_from or "",
            )
        sheet["B2"].alignment = self.wrap
        sheet.row_dimensions[2].height = 60 if self.known else 45
        self._keys(sheet, 3, _FACT_COLUMNS)
        sheet.cell(row=4, column=1, value=HEADER)
        for column, heading in enumerate(
            (tr("Fact", lang), tr("Expected", lang), tr("Value", lang)), start=2
        ):
            sheet.cell(row=4, column=column, value=heading).font = self.bold
        for row, fact in enumerate(self.q.facts, start=5):
            sheet.cell(row=row, column=1, value=fact.id)
            shown = self.q.label(fact.label, lang)
            sheet.cell(row=row, column=2, value=shown).alignment = self.wrap
            expects = self._expects(fact)
            sheet.row_dimensions[row].height = max(_height(shown, 70), _height(expects, 30))
            sheet.cell(row=row, column=3, value=expects).alignment = self.wrap
            self._input(sheet.cell(row=row, column=4))
            if fact.id in self.known:
                sheet.cell(row=row, column=4, value=self._shown(fact, self.known[fact.id]))
            self._fact_validation(sheet, fact, f"D{row}")
        for letter, width in (("A", 12), ("B", 70), ("C", 30), ("D", 22)):
            sheet.column_dimensions[letter].width = width
        sheet.column_dimensions["A"].hidden = True
        sheet.freeze_panes = "A5"
        self._page(sheet)
        self._protect(sheet)

    def _shown(self, fact: Fact, value: FactValue) -> str | float | datetime.date:
        """A known value as the respondent would have typed it, read back the same."""
        if fact.type is FactType.BOOLEAN:
            yes, no = yes_no(self.lang)
            return yes if value else no
        if fact.type is FactType.CHOICE:
            return next(
                (self.q.label(c.label, self.lang) for c in fact.choices or () if c.value == value), str(value)
            )
        if fact.type is FactType.DATE:
            return datetime.date.fromisoformat(str(value))
        return value if isinstance(value, float | int) else str(value)

    def _expects(self, fact: Fact) -> str:
        lang = self.lang
        if fact.type is FactType.BOOLEAN:
            return tr("yes or no", lang)
        if fact.type is FactType.CHOICE:
            return tr("one of the list", lang)
        if fact.type is FactType.DATE:
            return tr("a date (YYYY-MM-DD)", lang)
        low = "" if fact.min is None else tr(" from {value}", lang, value=_typed(fact.min, lang))
        high = "" if fact.max is None else tr(" to {value}", lang, value=_typed(fact.max, lang))
        if fact.type is FactType.INTEGER:
            shown = tr("a whole number{low}{high}", lang, low=low, high=high)
        else:
            shown = tr("a number{low}{high}", lang, low=low, high=high)
        shown += f" ({self.q.label(fact.unit, lang)})" if fact.unit else ""
        if fact.derive is not None:
            shown += " " + tr("– left blank, it is computed from the other facts", lang)
        return shown

    def _fact_validation(self, sheet: Worksheet, fact: Fact, cell: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        if fact.type is FactType.BOOLEAN:
            self._validation(sheet, list(yes_no(self.lang)), [cell])
            return
        if fact.type is FactType.CHOICE:
            self._validation(sheet, [self.q.label(c.label, self.lang) for c in fact.choices or ()], [cell])
            return
        if fact.min is None or fact.max is None:
            return  # an open range: any number, checked when read
        validation = DataValidation(
            type="whole" if fact.type is FactType.INTEGER else "decimal",
            operator="between",
            formula1=f"{fact.min:g}",
            formula2=f"{fact.max:g}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=tr("Not in the list", self.lang),
            error=self._expects(fact),
        )
        validation.add(cell)
        sheet.add_data_validation(validation)

    def _meta(self) -> None:
        sheet = self.book.create_sheet(META_SHEET)
        rows: list[tuple[str, str | int]] = [
            ("format", FORMAT),
            ("format_version", FORMAT_VERSION),
            ("questionnaire", self.q.id),
            ("questionnaire_version", self.q.version),
            ("side", self.side.value),
            ("lang", self.lang),
            ("answers_sheet", self.sheets["answers"]),
            ("facts_sheet", self.sheets["facts"] if self.q.facts else ""),
            ("questions", " ".join(question.id for question in self.questions)),
            ("facts", " ".join(fact.id for fact in self.q.facts)),
        ]
        for key, given in self.meta.items():
            if given is not None:
                rows.append((key, given.isoformat() if isinstance(given, datetime.date) else given))
        for row, (key, value) in enumerate(rows, start=1):
            sheet.cell(row=row, column=1, value=key)
            sheet.cell(row=row, column=2, value=value)
        sheet.sheet_state = "veryHidden"
        sheet.protection.sheet = True


def _height(text: str, width: int) -> float:
    """A row's height for *text* wrapped in a column *width* characters wide (spreadsheets do not fit it)."""
    lines = sum(max(1, -(-len(line) // width)) for line in text.splitlines() or [""])
    return 15.0 * lines + 2


def question_cell_text(q: Questionnaire, question: Question, lang: str) -> str:
    """A question's cell: its text, its help, and when it applies."""
    lines = [q.label(question.text, lang)]
    if question.help:
        lines.append(q.label(question.help, lang))
    if question.relevant:
        lines.append(condition_text(q, question.relevant, lang))
    return "\n".join(lines)


# --------------------------------------------------------------------------- reading


WORKBOOK_LIMITS = Limits(
    bytes=MAX_XLSX_BYTES,
    expanded=MAX_XLSX_EXPANDED,
    rows=MAX_ROWS,
    columns=1_000,
    cells=200_000,
    what=msg("workbook of answers"),
)


def open_workbook(path: str | Path, limits: Limits | None = None) -> tuple[Book | None, Problem | None]:
    """An .xlsx file read through the guarded reader and the guarded .xlsx layer, or why it cannot be."""
    book = open_book(path, limits or WORKBOOK_LIMITS)
    if isinstance(book, Problem):
        return None, book
    return book, None


@attrs.define
class _Grid:
    """A sheet's values, addressed from 1 like the sheet itself."""

    title: str
    rows: list[tuple[object, ...]]

    def value(self, row: int, column: int) -> object:
        cells = self.rows[row - 1] if 0 < row <= len(self.rows) else ()
        return cells[column - 1] if 0 < column <= len(cells) else None

    def where(self, row: int, column: int) -> str:
        return sheet_cell(self.title, column, row)

    def column(self, column: int) -> str:
        """``Réponses!F``: a whole column."""
        return sheet_cell(self.title, column, 1).removesuffix("1")

    def find(self, key: str) -> tuple[int, int] | None:
        """Where *key* stands (row, column): the key column is found, not assumed."""
        for row_index, cells in enumerate(self.rows, start=1):
            for column_index, value in enumerate(cells, start=1):
                if value == key:
                    return row_index, column_index
        return None


def _grid(book: Book, title: str, problems: list[Problem]) -> _Grid | None:
    """A sheet's values, or None with its problem; every cell that cannot be read is a problem."""
    sheet = book.sheet(title)
    if isinstance(sheet, Problem):
        problems.append(sheet)
        return None
    problems.extend(sheet.problems)
    return _Grid(title, sheet.dense())


def read_workbooks(
    q: Questionnaire,
    paths: str | Path | Iterable[str | Path],
    *,
    keep_partial: bool = False,
    relationship: str | None = None,
    client: str | None = None,
    supplier: str | None = None,
    date: datetime.date | None = None,
    default_date: datetime.date | None = None,
    accept_dates: bool = False,
) -> Collected:
    """The answers of several respondents' workbooks (both sides), merged into one response set.

    Every problem is located by workbook, sheet and cell (``Réponses!D14``). Without
    *keep_partial* any problem raises :class:`ResponseError` listing them all; with it the
    values they touch are left out and listed in ``Collected.left_out``.
    """
    listed = [paths] if isinstance(paths, str | Path) else list(paths)  # one path, or several
    batches = [read_workbook(q, path) for path in listed]
    return assemble(
        q,
        batches,
        keep_partial=keep_partial,
        relationship=relationship,
        client=client,
        supplier=supplier,
        date=date,
        default_date=default_date,
        accept_dates=accept_dates,
    )


def read_workbook(q: Questionnaire, path: str | Path) -> Batch:
    """One workbook: its respondent, facts and metadata, every value with its cell."""
    name = str(path)
    batch = Batch(name)
    book, problem = open_workbook(path)
    if problem is not None or book is None:
        batch.problems.append(problem or Problem(msg("cannot be read"), file=name))
        return batch
    try:
        _WorkbookReader(q, book, batch).read()
    finally:
        book.close()
    return batch


class _WorkbookReader:
    def __init__(self, q: Questionnaire, book: Book, batch: Batch) -> None:
        self.q, self.book, self.batch = q, book, batch
        self.file = batch.file
        self.reader = AnswerReader(q)
        self.questions = {question.id: question for question in q.questions}
        self.facts = {fact.id: fact for fact in q.facts}

    def problem(self, message: Message, where: str = "") -> None:
        self.batch.problems.append(Problem(message, path=where, file=self.file))

    def origin(self, where: str) -> Origin:
        return Origin(self.file, where)

    def read(self) -> None:
        meta = self._meta()
        if meta is None:
            return
        answers = self._sheet(meta, "answers_sheet", msg("the answers"))
        if answers is None:
            return
        submission = self._answers(answers, meta)
        if submission is not None:
            self.batch.submissions.append(submission)
        if meta.get("facts_sheet", ("", ""))[0]:
            facts = self._sheet(meta, "facts_sheet", msg("the facts"))
            if facts is not None:
                self._facts(facts)

    def _meta(self) -> dict[str, tuple[str, str]] | None:
        if META_SHEET not in self.book.sheetnames:
            self.problem(
                msg(
                    "is not a workbook exported by vendormaturity (it has no sheet '{sheet}'):"
                    " export one with `vendormaturity export`; a survey tool's export is read with --tool",
                    sheet=META_SHEET,
                )
            )
            return None
        grid = _grid(self.book, META_SHEET, self.batch.problems)
        if grid is None:
            return None
        meta: dict[str, tuple[str, str]] = {}
        for row, cells in enumerate(grid.rows, start=1):
            key = cells[0] if cells else None
            if isinstance(key, str):
                value = grid.value(row, 2)
                meta[key] = ("" if value is None else str(value), grid.where(row, 2))
        return meta if self._meta_fits(meta) else None

    def _meta_fits(self, meta: dict[str, tuple[str, str]]) -> bool:
        q = self.q
        kind, where = meta.get("format", ("", f"{META_SHEET}!B1"))
        if kind != FORMAT or meta.get("format_version", ("", ""))[0] != str(FORMAT_VERSION):
            missing = pmsg("a value not given", "missing")
            self.problem(
                msg(
                    "is not a workbook this version of vendormaturity can read (format {format},"
                    " version {version}): export a new workbook",
                    format=kind or missing,
                    version=meta["format_version"][0] if "format_version" in meta else missing,
                ),
                where,
            )
            return False
        questionnaire, where = meta.get("questionnaire", ("", where))
        if questionnaire != q.id:
            self.problem(
                msg(
                    "the workbook is for questionnaire '{questionnaire}', not '{expected}': import it with"
                    " --questionnaire {questionnaire}, or export a workbook of '{expected}'",
                    questionnaire=questionnaire,
                    expected=q.id,
                ),
                where,
            )
            return False
        version, where = meta.get("questionnaire_version", ("", where))
        if version.split(".")[0] != q.version.split(".")[0]:
            self.problem(
                msg(
                    "the workbook was exported from {questionnaire} {version} but the questionnaire is"
                    " {current}; a different major version asks different questions: export a new workbook",
                    questionnaire=q.id,
                    version=version,
                    current=q.version,
                ),
                where,
            )
            return False
        side, where = meta.get("side", ("", where))
        if side not in (Side.CLIENT.value, Side.SUPPLIER.value):
            self.problem(
                msg(
                    "side {side} is neither client nor supplier: export a new workbook", side=cell_text(side)
                ),
                where,
            )
            return False
        for key in ("relationship", "client", "supplier"):
            if key in meta and meta[key][0]:
                self.batch.meta[key] = (meta[key][0], self.origin(meta[key][1]))
        if "date" in meta:
            try:
                self.batch.meta["date"] = (
                    datetime.date.fromisoformat(meta["date"][0]),
                    self.origin(meta["date"][1]),
                )
            except ValueError:
                self.problem(
                    msg("{value} is not a date (YYYY-MM-DD)", value=cell_text(meta["date"][0])),
                    meta["date"][1],
                )
        return True

    def _sheet(self, meta: dict[str, tuple[str, str]], key: str, what: Message) -> _Grid | None:
        title = meta.get(key, ("", ""))[0]
        if title not in self.book.sheetnames:
            self.problem(
                msg(
                    "the workbook has no sheet '{sheet}' ({holding}): it was deleted or renamed;"
                    " export a new workbook and copy the answers into it",
                    sheet=title,
                    holding=what,
                )
            )
            return None
        return _grid(self.book, title, self.batch.problems)

    def _columns(self, grid: _Grid, wanted: Sequence[str]) -> dict[str, int] | None:
        """Where each keyed column is now (columns may have been inserted), and the key row."""
        found = grid.find(COLUMNS)
        if found is None:
            self.problem(
                msg(
                    "sheet {sheet} lost its hidden row of column names (was row 7 or 3 deleted?):"
                    " export a new workbook and copy the answers into it",
                    sheet=grid.title,
                )
            )
            return None
        row, key_column = found
        columns = {"key": key_column}
        for column, value in enumerate(grid.rows[row - 1], start=1):
            if isinstance(value, str) and value in wanted:
                columns[value] = column
        missing = [key for key in wanted if key not in columns]
        if missing:
            self.problem(
                nmsg(
                    "sheet {sheet} lost its column {columns} (deleted?): export a new workbook and copy"
                    " the answers into it",
                    "sheet {sheet} lost its columns {columns} (deleted?): export a new workbook and copy"
                    " the answers into it",
                    len(missing),
                    sheet=grid.title,
                    columns=", ".join(missing),
                )
            )
            return None
        columns["#row"] = row
        return columns

    def _extra_columns(self, grid: _Grid, columns: dict[str, int], rows: Iterable[int]) -> None:
        """A column people added is reported when it holds something: its values would be lost."""
        known = {column for key, column in columns.items() if key != "#row"}
        width = max((len(cells) for cells in grid.rows), default=0)
        for column in range(1, width + 1):
            if column in known:
                continue
            filled = [grid.where(row, column) for row in rows if not is_blank(grid.value(row, column))]
            if filled:
                cells = ", ".join(filled[:5]) + (", …" if len(filled) > 5 else "")
                self.problem(
                    msg(
                        "a column was added and holds values that are not read ({cells}): move them into"
                        " the comment column, or delete the column",
                        cells=cells,
                    ),
                    grid.column(column),
                )

    def _answers(self, grid: _Grid, meta: dict[str, tuple[str, str]]) -> Submission | None:
        columns = self._columns(grid, _ANSWER_COLUMNS[1:])
        if columns is None:
            return None
        side = Side(meta["side"][0])
        expected = meta.get("questions", ("", ""))[0].split()
        key_column, answer_column = columns["key"], columns["answer"]
        rows: dict[str, int] = {}
        data_rows: list[int] = []
        for row in range(columns["#row"] + 1, len(grid.rows) + 1):
            key = grid.value(row, key_column)
            if key in (NAME, ROLE, COMMENT) or key in self.questions:
                if isinstance(key, str) and key in rows:
                    self.problem(
                        msg(
                            "the row of {key} appears twice (rows {first} and {second}): keep one of them",
                            key=key,
                            first=rows[key],
                            second=row,
                        ),
                        grid.where(row, key_column),
                    )
                    continue
                rows[str(key)] = row
                data_rows.append(row)
            elif is_blank(key):
                for column in (answer_column, columns["comment"]):
                    if not is_blank(grid.value(row, column)):
                        self.problem(
                            msg(
                                "a value in a row that is not a question (a row was added?) is not read:"
                                " move it to its question's row"
                            ),
                            grid.where(row, column),
                        )
            elif key not in (HEADER, GROUP):
                self.problem(
                    msg(
                        "the row names question {question}, which {questionnaire} {version} does not have",
                        question=cell_text(key),
                        questionnaire=self.q.id,
                        version=self.q.version,
                    ),
                    grid.where(row, key_column),
                )
        # the identity rows sit above the column keys
        for key in (NAME, ROLE):
            found = grid.find(key)
            if found is not None and key not in rows:
                rows[key] = found[0]
                data_rows.append(found[0])
        self._extra_columns(grid, columns, data_rows)
        if not self._rows_in_place(grid, columns, rows):
            return None
        for question_id in expected:
            if question_id not in rows:
                self.problem(
                    msg(
                        "sheet {sheet} has no row for question {question} (deleted?): its answer, if any,"
                        " is lost; add it to the response file by hand or export a new workbook",
                        sheet=grid.title,
                        question=question_id,
                    )
                )
        return self._respondent(grid, columns, rows, side)

    def _rows_in_place(self, grid: _Grid, columns: dict[str, int], rows: Mapping[str, int]) -> bool:
        """Rows sorted without the hidden id column would pair answers with the wrong ids."""
        texts = {
            normalise(question_cell_text(self.q, question, lang)): question.id
            for question in self.q.questions
            for lang in self.q.languages
        }
        for question_id, row in rows.items():
            shown = grid.value(row, columns["question"])
            if not isinstance(shown, str) or question_id not in self.questions:
                continue
            other = texts.get(normalise(shown))
            if other is not None and other != question_id:
                self.problem(
                    msg(
                        "this row holds the text of {other} but its hidden id is {question}: the rows were"
                        " sorted without the hidden column A, so no answer can be trusted; export a new"
                        " workbook",
                        other=other,
                        question=question_id,
                    ),
                    grid.where(row, columns["question"]),
                )
                return False
        return True

    def _respondent(
        self, grid: _Grid, columns: dict[str, int], rows: Mapping[str, int], side: Side
    ) -> Submission | None:
        answer_column = columns["answer"]
        name_where = grid.where(rows.get(NAME, 0), answer_column)
        raw_name = grid.value(rows.get(NAME, 0), answer_column)
        name = "" if is_blank(raw_name) else " ".join(str(raw_name).split())
        person = respondent_id(name)
        if not name or not person or len(name) > MAX_NAME:
            reason = (
                msg("the respondent's name is empty")
                if not name
                else msg("the name is longer than {limit} characters", limit=MAX_NAME)
                if len(name) > MAX_NAME
                else msg("the name {name} has no letter or digit to make an id of", name=cell_text(name))
            )
            self.problem(
                msg(
                    "{problem}: fill in the name; this workbook's answers cannot be attributed",
                    problem=reason,
                ),
                name_where,
            )
            return None
        origin = self.origin(name_where)
        role_where = grid.where(rows.get(ROLE, 0), answer_column)
        role = read_role(grid.value(rows.get(ROLE, 0), answer_column))
        if isinstance(role, Refused) or role is None:
            message = (
                role.message if isinstance(role, Refused) else msg("the respondent's role is empty: pick one")
            )
            self.problem(
                msg(
                    "{problem} (a --keep-partial import records the format's default, operational)",
                    problem=message,
                ),
                role_where,
            )
            role = Role.OPERATIONAL
        submission = Submission(origin, Respondent(id=person, side=side, role=role, name=name))
        answers: dict[str, int | float | str] = {}
        comments: dict[str, str] = {}
        for question_id, row in rows.items():
            question = self.questions.get(question_id)
            if question is None:
                continue
            value = self.reader.read(question.scale, grid.value(row, answer_column))
            where = grid.where(row, answer_column)
            if isinstance(value, Refused):
                self.problem(msg("{question}: {problem}", question=question_id, problem=value.message), where)
            elif value is not None:
                answers[question_id] = value
                submission.cells[("answers", question_id)] = self.origin(where)
            comment = self._text(grid, row, columns["comment"])
            if comment is not None:
                comments[question_id] = comment
                submission.cells[("comments", question_id)] = self.origin(grid.where(row, columns["comment"]))
        overall = self._text(grid, rows.get(COMMENT, 0), answer_column)
        submission.respondent = submission.respondent.model_copy(
            update={"answers": answers, "comments": comments, "comment": overall}
        )
        return submission

    def _text(self, grid: _Grid, row: int, column: int) -> str | None:
        value = grid.value(row, column)
        if is_blank(value):
            return None
        text = str(value).strip() if not isinstance(value, float | int) else cell_text(value)
        if len(text) > MAX_TEXT:
            self.problem(
                msg("the comment is longer than {limit} characters: shorten it", limit=MAX_TEXT),
                grid.where(row, column),
            )
            return None
        return text

    def _facts(self, grid: _Grid) -> None:
        columns = self._columns(grid, _FACT_COLUMNS[1:])
        if columns is None:
            return
        seen: dict[str, int] = {}
        data_rows = []
        for row in range(columns["#row"] + 1, len(grid.rows) + 1):
            key = grid.value(row, columns["key"])
            value = grid.value(row, columns["value"])
            where = grid.where(row, columns["value"])
            if key == HEADER:
                continue
            if is_blank(key):
                if not is_blank(value):
                    self.problem(
                        msg("a value in a row that is not a fact (a row was added?) is not read"), where
                    )
                continue
            fact = self.facts.get(str(key))
            if fact is None:
                self.problem(
                    msg(
                        "the row names fact {fact}, which {questionnaire} {version} does not have",
                        fact=cell_text(key),
                        questionnaire=self.q.id,
                        version=self.q.version,
                    ),
                    grid.where(row, columns["key"]),
                )
                continue
            data_rows.append(row)
            if fact.id in seen:
                self.problem(
                    msg(
                        "the row of fact {fact} appears twice (rows {first} and {second})",
                        fact=fact.id,
                        first=seen[fact.id],
                        second=row,
                    ),
                    where,
                )
                continue
            seen[fact.id] = row
            read = read_fact(fact, value)
            if isinstance(read, Refused):
                self.problem(msg("{fact}: {problem}", fact=fact.id, problem=read.message), where)
            elif read is not None:
                self.batch.facts[fact.id] = FactCell(read, self.origin(where))
        self._extra_columns(grid, columns, data_rows)


def workbook_questionnaire(path: str | Path) -> str | None:
    """The questionnaire id an exported workbook names, or None (not a workbook, or unreadable)."""
    book, problem = open_workbook(path)
    if book is None or problem is not None:
        return None
    try:
        sheet = book.sheet(META_SHEET) if META_SHEET in book.sheetnames else None
        if not isinstance(sheet, Sheet):
            return None
        for _, cells in sheet.rows:
            if cells[:1] == ("questionnaire",) and len(cells) > 1:
                return str(cells[1])
        return None
    finally:
        book.close()
