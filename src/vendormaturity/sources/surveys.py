"""Response exports of the survey tools teams already use, read into one response set.

- **Microsoft Forms** – "Open results in Excel": an .xlsx, one row per response, the first
  columns ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name``, then one column
  per question titled with the question.
- **Google Forms** – the responses sheet downloaded as CSV: ``Timestamp`` (``Horodateur``
  in French), optionally ``Email Address``, then one column per question.
- **LimeSurvey** – "Export results" as CSV, with "Question code" or "Full question text"
  headings and "Answer codes" or "Full answers": ``id``, ``submitdate``, ``lastpage``,
  ``startlanguage``, ``seed``… (``Response ID``, ``Date submitted``… in full text), UTF-8
  with a byte-order mark, every field quoted, a comma, semicolon or tab between fields.

Columns are matched to questions by a form mapping (``export --form-mapping``), or by
the question's text in any of the questionnaire's languages; every column is matched,
known as the tool's own, ignored on purpose, or reported. CSV text is UTF-8 (with or
without a byte-order mark) or UTF-16 with a byte-order mark; any other encoding must be
named (``encoding=``, ``--encoding``): nothing is guessed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from vendormaturity.errors import NotFoundError, Problem
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.model.questionnaire import Question, Questionnaire, Side
from vendormaturity.model.responses import Respondent, Role, respondent_id
from vendormaturity.sources import delimited
from vendormaturity.sources.cells import (
    SIDE_LABELS,
    AnswerReader,
    Refused,
    cell_text,
    every_language,
    is_blank,
    normalise,
    read_role,
)
from vendormaturity.sources.collected import (
    MAX_NAME,
    MAX_TEXT,
    Batch,
    Collected,
    Origin,
    Submission,
    assemble,
)
from vendormaturity.sources.formmapping import (
    RESPONDENT_HEADINGS,
    FormMapping,
    MappedColumn,
    answer_codes,
    question_code,
)
from vendormaturity.sources.reader import read_bytes
from vendormaturity.sources.spreadsheet import Limits
from vendormaturity.sources.workbook import (
    META_SHEET,
    open_workbook,
    question_cell_text,
    read_workbook,
    sheet_cell,
)

__all__ = ["TOOLS", "Tool", "read_survey_export", "read_survey_file"]

# The respondent's fields a column may give, as messages name them.
_RESPONDENT_FIELD = {
    "name": msg("the respondent's name"),
    "role": msg("the respondent's role"),
    "side": msg("the respondent's side"),
    "comment": msg("the respondent's comment"),
}

MAX_CSV_BYTES = 20_000_000
MAX_RECORDS = 100_000
SURVEY_LIMITS = Limits(
    bytes=MAX_CSV_BYTES,
    expanded=200_000_000,
    rows=MAX_RECORDS + 3,  # the heading rows
    columns=2_000,
    cells=2_000_000,
    what=msg("survey export"),
)


@attrs.frozen
class Tool:
    """What a survey tool's export looks like: its heading rows and the columns it adds itself."""

    id: str
    name: str
    own: frozenset[str]  # normalised headings of the tool's own columns (times, ids…)
    signatures: tuple[frozenset[str], ...]  # any one of these sets of headings, all present: this tool
    response_id: tuple[str, ...] = ()  # headings of the response's id
    names: tuple[str, ...] = ()  # headings of the name the tool recorded
    emails: tuple[str, ...] = ()
    submitted: tuple[str, ...] = ()  # a blank here means the response was not completed
    finished: tuple[str, ...] = ()  # a column saying whether the response was finished…
    finished_values: frozenset[str] = frozenset()  # …with one of these values when it was
    progress: tuple[str, ...] = ()  # the share of the form answered, 100 when finished (without finished)
    status: tuple[str, ...] = ()  # a column saying what kind of response a row is…
    respondent_types: tuple[str, ...] = ()  # …the kinds that are respondents' responses…
    other_types: tuple[str, ...] = ()  # …and those never read as one: a preview, a test, spam
    last_answer: bool = False  # the export does not say which responses were completed (see _unproven)
    layout: str = "single"  # single; qualtrics (names, texts, import ids); surveymonkey (titles, rows)
    first: tuple[str, ...] = ()  # the first heading is one of these (Google's timestamp)


def _own(*headings: str) -> frozenset[str]:
    return frozenset(normalise(heading) for heading in headings)


_QUALTRICS = (
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
    "Q_RecaptchaScore", "Q_RelevantIDDuplicate", "Q_RelevantIDDuplicateScore", "Q_RelevantIDFraudScore",
    "Q_RelevantIDLastStartDate", "Start Date", "End Date", "Response Type", "IP Address", "Recorded Date",
    "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
    "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel",
    "User Language",
)  # fmt: skip

TOOLS: Mapping[str, Tool] = {
    "forms": Tool(
        "forms",
        "Microsoft Forms",
        _own(
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Last modified time",
            "Heure de début",
            "Heure de fin",
            "Adresse de messagerie",
            "Nom",
            "Heure de la dernière modification",
        ),
        (_own("ID", "Start time", "Completion time"), _own("ID", "Heure de début", "Heure de fin")),
        response_id=("id",),
        names=("name", "nom"),
        emails=("email", "adresse de messagerie"),
    ),
    "google": Tool(
        "google",
        "Google Forms",
        _own("Timestamp", "Horodateur", "Email Address", "Adresse e-mail", "Score", "Marca temporal"),
        (),
        emails=("email address", "adresse e-mail"),
        first=("timestamp", "horodateur", "marca temporal", "zeitstempel", "informazioni cronologiche"),
    ),
    "limesurvey": Tool(
        "limesurvey",
        "LimeSurvey",
        _own(
            "id",
            "submitdate",
            "lastpage",
            "startlanguage",
            "seed",
            "startdate",
            "datestamp",
            "ipaddr",
            "refurl",
            "token",
            "interviewtime",
            "Response ID",
            "Date submitted",
            "Last page",
            "Start language",
            "Seed",
            "Date started",
            "Date last action",
            "IP address",
            "Referrer URL",
            "Access code",
            "Total time",
        ),
        (_own("id", "submitdate", "lastpage"), _own("Response ID", "Date submitted", "Last page")),
        response_id=("id", "response id"),
        submitted=("submitdate", "date submitted"),
    ),
    "qualtrics": Tool(
        "qualtrics",
        "Qualtrics",
        _own(*_QUALTRICS),
        (_own("ResponseId", "Finished"), _own("Response ID", "Finished")),
        response_id=("responseid", "response id"),
        emails=("recipientemail", "recipient email"),
        finished=("finished",),
        finished_values=_own("True", "1"),
        progress=("progress",),
        status=("status",),
        # Qualtrics Support, Understanding your dataset: Status (the value labels of its SPSS export)
        respondent_types=("IP Address", "Imported", "Offline", "EX", "EX Offline"),
        other_types=(
            "Survey Preview",
            "Survey Test",
            "Spam",
            "Survey Preview Spam",
            "Preview Spam",
            "Imported Spam",
            "Offline Survey Preview",
            "EX Spam",
        ),
        layout="qualtrics",
    ),
    "surveymonkey": Tool(
        "surveymonkey",
        "SurveyMonkey",
        _own(
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
        ),
        (_own("Respondent ID", "Collector ID"),),
        response_id=("respondent id",),
        emails=("email address",),
        layout="surveymonkey",
        last_answer=True,
    ),
    "typeform": Tool(
        "typeform",
        "Typeform",
        _own(
            "#",
            "Response Type",
            "Start Date (UTC)",
            "Stage Date (UTC)",
            "Submit Date (UTC)",
            "Network ID",
            "Tags",
        ),
        (_own("#", "Submit Date (UTC)"), _own("#", "Network ID")),
        response_id=("#",),
        finished=("response type",),
        finished_values=_own("completed"),
    ),
}
_SUB_HEADINGS = _own("Response", "Open-Ended Response", "Réponse", "Réponse ouverte", "")


@attrs.frozen
class _Table:
    """An export's headings and records, each cell locatable."""

    file: str
    headings: tuple[object, ...]
    records: list[tuple[object, ...]]
    sheet: str | None  # for an .xlsx; None for CSV
    first_row: int = 2  # the row number of the first record
    keys: tuple[tuple[str, ...], ...] = ()  # per column, the texts it may be matched by (else its heading)

    def where(self, index: int, column: int) -> str:
        row = self.first_row + index
        if self.sheet is not None:
            return sheet_cell(self.sheet, column + 1, row)
        return msg("row {row}, column {column}", row=row, column=_letters(column + 1))

    def column(self, column: int) -> str:
        if self.sheet is not None:
            return sheet_cell(self.sheet, column + 1, 1).removesuffix("1")
        return msg("column {column}", column=_letters(column + 1))


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --------------------------------------------------------------------------- tables


def _delimiter(text: str) -> str:
    """The separator of the heading line: the one of , ; tab that appears most outside quotes."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for character in text:
        if character == '"':
            quoted = not quoted
        elif character in "\r\n" and not quoted:
            break
        elif character in counts and not quoted:
            counts[character] += 1
    return max(counts, key=lambda key: counts[key]) if any(counts.values()) else ","


@attrs.frozen
class _Raw:
    """An export's rows as read, before its heading rows are known: the CSV records or the first sheet."""

    file: str
    rows: list[tuple[object, ...]]
    sheet: str | None


def _raw(path: str | Path, encoding: str | None, delimiter: str | None) -> _Raw | Problem:
    """The rows of an export: an .xlsx's first sheet, else CSV text."""
    if str(path).lower().endswith(".xlsx"):
        return _xlsx_rows(path)
    name = str(path)
    try:
        data = read_bytes(path, limit=MAX_CSV_BYTES)
    except NotFoundError:
        return Problem(msg("no such file"), file=name)
    if isinstance(data, Problem):
        return data
    text = delimited.decode(data, name, encoding)
    if isinstance(text, Problem):
        return text
    if not text.strip():
        return Problem(msg("file is empty"), file=name)
    found = delimited.records(text, delimiter or _delimiter(text), limit=MAX_RECORDS + 3)
    if isinstance(found, Problem):
        return attrs.evolve(found, file=name)
    return _Raw(name, [tuple(record) for record in found.rows], None)


def _xlsx_rows(path: str | Path) -> _Raw | Problem:
    book, problem = open_workbook(path, SURVEY_LIMITS)
    if problem is not None or book is None:
        return problem or Problem(msg("cannot be read"), file=str(path))
    with book:
        title = book.sheetnames[0]
        sheet = book.sheet(title)
    if isinstance(sheet, Problem):
        return sheet
    if sheet.problems:
        return sheet.problems[0] if len(sheet.problems) == 1 else _together(sheet.problems)
    rows = sheet.dense()
    if not rows:
        return Problem(msg("sheet {sheet} is empty", sheet=title), file=str(path))
    return _Raw(str(path), rows, title)


def recognise(raw: _Raw) -> Tool | None:
    """The survey tool whose export *raw* is, told from its headings; None when none fits."""
    headings = [_heading(value) for value in (raw.rows[0] if raw.rows else ())]
    present = set(headings)
    for tool in TOOLS.values():
        if any(signature <= present for signature in tool.signatures):
            return tool
        if tool.first and headings and headings[0] in tool.first:
            return tool
    return None


def _heading(value: object) -> str:
    return normalise(str(value)) if not is_blank(value) else ""


def _looks_like(raw: _Raw) -> str:
    """What an export no tool recognises looks like, for the message that refuses it."""
    headings = [_plain(value) for value in (raw.rows[0] if raw.rows else ()) if not is_blank(value)]
    shown = ", ".join(f"'{heading[:40]}'" for heading in headings[:6]) + (", …" if len(headings) > 6 else "")
    kind = msg("a sheet") if raw.sheet is not None else msg("a CSV table")
    rows = max(0, len(raw.rows) - 1)
    return nmsg(
        "this is not an export of a survey tool this reads ({tools}): it looks like {kind} of {columns} "
        "columns ({shown}) and {count} row; give --tool when it is one of them, or read a vendormaturity "
        "workbook with --tool workbook",
        "this is not an export of a survey tool this reads ({tools}): it looks like {kind} of {columns} "
        "columns ({shown}) and {count} rows; give --tool when it is one of them, or read a vendormaturity "
        "workbook with --tool workbook",
        rows,
        tools=", ".join(tool.name for tool in TOOLS.values()),
        kind=kind,
        columns=len(headings),
        shown=shown or msg("no heading"),
    )


def _laid_out(tool: Tool, raw: _Raw) -> _Table:
    """The export's headings (one row, or a tool's several) and its records."""
    rows = raw.rows
    if tool.layout == "qualtrics" and len(rows) >= 2:
        names, texts = rows[0], rows[1]
        has_ids = len(rows) > 2 and any(str(value).startswith('{"ImportId"') for value in rows[2] if value)
        skip = 3 if has_ids else 2
        keys = tuple(
            tuple(_plain(value) for value in (name, _at(texts, index)) if not is_blank(value))
            for index, name in enumerate(names)
        )
        return _clean(_Table(raw.file, names, rows[skip:], raw.sheet, skip + 1, keys))
    if tool.layout == "surveymonkey" and len(rows) >= 2:
        titles, subs = rows[0], rows[1]
        headings: list[object] = []
        keys_of: list[tuple[str, ...]] = []
        title = ""
        for index in range(max(len(titles), len(subs))):
            above = _at(titles, index)
            title = _plain(above) if not is_blank(above) else title
            sub = _at(subs, index)
            row = _plain(sub) if not is_blank(sub) else ""
            if normalise(row) in _SUB_HEADINGS or not title:
                headings.append(title or row)
                keys_of.append((title or row,))
            else:  # a matrix: its title over its first column only, a row of it under each column
                headings.append(f"{title} [{row}]")
                keys_of.append((f"{title} [{row}]", row))
        return _clean(_Table(raw.file, tuple(headings), rows[2:], raw.sheet, 3, tuple(keys_of)))
    return _clean(_Table(raw.file, rows[0] if rows else (), rows[1:], raw.sheet, 2))


def _plain(value: object) -> str:
    return str(value).strip()


def _clean(table: _Table) -> _Table:
    records = list(table.records)
    while records and all(is_blank(value) for value in records[-1]):
        records.pop()  # LimeSurvey ends its export with an empty line
    return attrs.evolve(table, records=records)


def _together(problems: Sequence[Problem]) -> Problem:
    """Several located problems of one sheet as one (each cell named)."""
    first = problems[0]
    others = "; ".join(f"{problem.path}: {problem.message}" for problem in problems[1:6])
    more = len(problems) - 6
    tail = msg(" (and {count} more)", count=more) if more > 0 else ""
    return attrs.evolve(first, message=f"{first.message}; {others}{tail}")


def _too_many() -> Message:
    return msg("more than {limit} responses; split the export", limit=MAX_RECORDS)


def _is_workbook(path: str | Path) -> bool:
    """Whether an .xlsx file is a workbook exported by vendormaturity (it has the hidden sheet)."""
    if not str(path).lower().endswith(".xlsx"):
        return False
    book, problem = open_workbook(path, SURVEY_LIMITS)
    if book is None or problem is not None:
        return False
    with book:
        return META_SHEET in book.sheetnames


# --------------------------------------------------------------------------- columns


@attrs.define
class _Columns:
    """What each column of an export is."""

    questions: dict[int, Question] = attrs.Factory(dict)
    comments: dict[int, Question] = attrs.Factory(dict)
    fields: dict[str, int] = attrs.Factory(dict)  # name, role, side, comment, and the tool's: id, tool_name…
    ignored: list[int] = attrs.Factory(list)  # the form's columns deliberately not read

    def last_of_form(self) -> int | None:
        """The form's last column in the export (a question, a comment, the respondent's or one ignored)."""
        own = {"id", "tool_name", "email", "submitted", "finished", "progress", "status"}
        form = [*self.questions, *self.comments, *self.ignored]
        form += [column for field, column in self.fields.items() if field not in own]
        return max(form, default=None)


def _expected(q: Questionnaire, mapping: FormMapping | None) -> tuple[dict[str, str], dict[str, str]]:
    """Normalised headings (and codes) → what they are: a question id, ``comment:<id>`` or a field."""
    by_heading: dict[str, str] = {}
    if mapping is not None:
        for item in mapping.questions:
            _add(by_heading, item, item.id)
            if item.comment is not None:
                _add(by_heading, item.comment, f"comment:{item.id}")
        for field in ("name", "role", "side", "comment"):
            column = getattr(mapping.respondent, field)
            if column is not None:
                _add(by_heading, column, f"@{field}")
        return by_heading, {normalise(text): "ignore" for text in mapping.ignore}
    for position, question in enumerate(q.questions, start=1):
        for lang in q.languages:
            by_heading.setdefault(normalise(q.label(question.text, lang)), question.id)
            by_heading.setdefault(normalise(question_cell_text(q, question, lang)), question.id)
        by_heading.setdefault(normalise(question_code(position, question.id)), question.id)
        by_heading.setdefault(normalise(question.id), question.id)
    for field, heading in RESPONDENT_HEADINGS.items():
        for text in every_language(heading):
            by_heading.setdefault(text, f"@{field}")
    return by_heading, {}


def _grid_titles(q: Questionnaire, mapping: FormMapping | None) -> tuple[str, ...]:
    """The normalised titles of the grids a form may have: the mapping's, else the dimensions' labels."""
    if mapping is not None:
        titles = {item.grid for item in mapping.questions if item.grid is not None}
    else:
        titles = {q.label(dimension.label, lang) for dimension in q.dimensions for lang in q.languages}
    return tuple(sorted({normalise(title) for title in titles}, key=len, reverse=True))


def _add(found: dict[str, str], column: MappedColumn, meaning: str) -> None:
    found[normalise(column.heading)] = meaning
    if column.code:
        found.setdefault(normalise(column.code), meaning)


# --------------------------------------------------------------------------- reading


def read_survey_export(
    q: Questionnaire,
    paths: str | Path | Iterable[str | Path],
    *,
    tool: str | None = None,
    mapping: FormMapping | None = None,
    side: Side | str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    keep_partial: bool = False,
    relationship: str | None = None,
    client: str | None = None,
    supplier: str | None = None,
    date: datetime.date | None = None,
    accept_dates: bool = False,
) -> Collected:
    """The responses of one or more survey-tool exports, each tool told from its file's headings.

    *tool* (forms, google, limesurvey, qualtrics, surveymonkey, typeform) overrides what
    the headings say. Columns are matched by *mapping* (:func:`load_form_mapping`), or by
    the question texts in any language – a grid's or matrix's columns by their row's text
    or code. The side comes from *side*, else the mapping, else a side column. A response
    the tool marks as not finished is left out with a notice; with *keep_partial* it is
    kept as far as it goes. An exported workbook among *paths* is read as a workbook.
    Every problem is located by file and row and column (``Sheet1!F3`` in an .xlsx); see
    :func:`read_workbooks` for *keep_partial* and the relationship's names.
    """
    listed = [paths] if isinstance(paths, str | Path) else list(paths)
    batches = [
        read_workbook(q, path)
        if _is_workbook(path)
        else read_survey_file(
            q,
            path,
            tool=tool,
            mapping=mapping,
            side=side,
            encoding=encoding,
            delimiter=delimiter,
            keep_partial=keep_partial,
        )
        for path in listed
    ]
    if mapping is not None:
        for batch in batches:
            for key in ("relationship", "client", "supplier", "date"):
                value = getattr(mapping, key)
                if value is not None and key not in batch.meta:
                    batch.meta[key] = (value, Origin(msg("the mapping"), key))
    return assemble(
        q,
        batches,
        keep_partial=keep_partial,
        relationship=relationship,
        client=client,
        supplier=supplier,
        date=date,
        accept_dates=accept_dates,
    )


def read_survey_file(
    q: Questionnaire,
    path: str | Path,
    *,
    tool: str | None = None,
    mapping: FormMapping | None = None,
    side: Side | str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    keep_partial: bool = False,
) -> Batch:
    """One export: a respondent per finished response, every value with its row and column."""
    if tool is not None and tool not in TOOLS:
        raise ValueError(
            msg("unknown survey tool '{tool}' (known: {known})", tool=tool, known=", ".join(TOOLS))
        )
    batch = Batch(str(path))
    raw = _raw(path, encoding, delimiter)
    if isinstance(raw, Problem):
        batch.problems.append(raw)
        return batch
    profile = TOOLS[tool] if tool is not None else recognise(raw)
    if profile is None:
        batch.problems.append(Problem(_looks_like(raw), file=str(path)))
        return batch
    table = _laid_out(profile, raw)
    if len(table.records) > MAX_RECORDS:
        batch.problems.append(
            Problem(msg("more than {limit} responses; split the export", limit=MAX_RECORDS), file=str(path))
        )
        return batch
    _SurveyReader(
        q,
        profile,
        table,
        batch,
        mapping=mapping,
        side=Side(side) if side is not None else None,
        keep_partial=keep_partial,
    ).read()
    return batch


class _SurveyReader:
    def __init__(
        self,
        q: Questionnaire,
        tool: Tool,
        table: _Table,
        batch: Batch,
        *,
        mapping: FormMapping | None,
        side: Side | None,
        keep_partial: bool = False,
    ) -> None:
        self.q, self.tool, self.table, self.mapping, self.batch = q, tool, table, mapping, batch
        self.side = side or (mapping.side if mapping is not None else None)
        self.keep_partial = keep_partial
        self.last: int | None = None  # the form's last column, where completion is read from it
        self.grids = _grid_titles(q, mapping)
        self.reader = AnswerReader(q)
        self.codes = answer_codes(q, mapping)

    def problem(self, message: Message, where: str = "") -> None:
        self.batch.problems.append(Problem(message, path=where, file=self.table.file))

    def read(self) -> None:
        columns = self._columns()
        if columns is None:
            return
        if self.side is None and "side" not in columns.fields:
            self.problem(
                msg(
                    "no side: give --side client or --side supplier, or use a form mapping"
                    " with a side (or a side question)"
                )
            )
            return
        if "role" not in columns.fields:
            self.batch.notes.append(
                msg(
                    "{file}: no column gives the respondents' role: they are recorded as"
                    " operational (the response format's default)",
                    file=self.table.file,
                )
            )
        if not self._kinds_told(columns):
            return
        self.last = columns.last_of_form() if self.tool.last_answer else None
        for index, record in enumerate(self.table.records):
            if all(is_blank(value) for value in record):
                continue
            submission = self._respondent(index, record, columns)
            if submission is not None:
                self.batch.submissions.append(submission)

    def _columns(self) -> _Columns | None:
        by_heading, ignored = _expected(self.q, self.mapping)
        questions = {question.id: question for question in self.q.questions}
        columns = _Columns()
        seen: dict[str, int] = {}
        unmatched: list[int] = []
        for column, heading in enumerate(self.table.headings):
            key = normalise(str(heading)) if not is_blank(heading) else ""
            meaning = self._meaning(column, key, by_heading)
            if meaning is None:
                if key in ignored:
                    columns.ignored.append(column)
                    continue
                self._tool_column(columns, key, column, unmatched)
                continue
            if meaning in seen:
                self.problem(
                    msg(
                        "two columns are {what} ({first} and {second}): remove one, or map them apart",
                        what=self._what(meaning),
                        first=self.table.column(seen[meaning]),
                        second=self.table.column(column),
                    ),
                    self.table.column(column),
                )
                continue
            seen[meaning] = column
            if meaning.startswith("@"):
                columns.fields[meaning[1:]] = column
            elif meaning.startswith("comment:"):
                columns.comments[column] = questions[meaning.removeprefix("comment:")]
            else:
                columns.questions[column] = questions[meaning]
        if columns.questions:
            self._report_unmatched(unmatched)
        else:
            self.problem(
                msg(
                    "no column matches a question of {questionnaire} by its mapping: is this a {tool} export"
                    " of this questionnaire? (give --mapping FILE, written by `vendormaturity export"
                    " --form-mapping`)",
                    questionnaire=self.q.id,
                    tool=self.tool.name,
                )
                if self.mapping is not None
                else msg(
                    "no column matches a question of {questionnaire} by the question texts: is this a {tool}"
                    " export of this questionnaire? (give --mapping FILE, written by"
                    " `vendormaturity export --form-mapping`)",
                    questionnaire=self.q.id,
                    tool=self.tool.name,
                )
            )
            return None
        return columns

    def _meaning(self, column: int, key: str, by_heading: Mapping[str, str]) -> str | None:
        """What a column is: its heading, else (a grid's row) the row's text or code inside it."""
        texts = self.table.keys[column] if column < len(self.table.keys) else ()
        candidates = [key, *(normalise(text) for text in texts)]
        for candidate in list(candidates):
            grid = _GRID_ROW.match(candidate)
            if grid is not None:  # Google Forms, LimeSurvey, SurveyMonkey: "Grid [Row]"
                candidates.append(grid.group(2).strip())
            matrix = _MATRIX_ROW.match(candidate)
            if matrix is not None:  # Qualtrics: "Matrix - Row"
                candidates.append(matrix.group(2).strip())
            for title in self.grids:  # Microsoft Forms: a Likert's "Title.Statement"
                if candidate.startswith(title + "."):
                    candidates.append(candidate[len(title) + 1 :].strip())
        return next((by_heading[found] for found in candidates if found in by_heading), None)

    def _tool_column(self, columns: _Columns, key: str, column: int, unmatched: list[int]) -> None:
        tool = self.tool
        if key in tool.response_id:
            columns.fields.setdefault("id", column)
        if key in tool.names:
            columns.fields.setdefault("tool_name", column)
        if key in tool.emails:
            columns.fields.setdefault("email", column)
        if key in tool.submitted:
            columns.fields.setdefault("submitted", column)
        if key in tool.finished:
            columns.fields.setdefault("finished", column)
        if key in tool.progress:
            columns.fields.setdefault("progress", column)
        if key in tool.status:
            columns.fields.setdefault("status", column)
        if key not in tool.own:
            unmatched.append(column)

    def _report_unmatched(self, unmatched: list[int]) -> None:
        for column in unmatched:
            heading = self.table.headings[column]
            headed = not is_blank(heading)
            filled = [
                index for index, record in enumerate(self.table.records) if not is_blank(_at(record, column))
            ]
            if not filled:
                where = {"file": self.table.file, "column": self.table.column(column)}
                self.batch.notes.append(
                    msg(
                        "{file}: {column} {heading} matches no question (empty)",
                        heading=cell_text(heading),
                        **where,
                    )
                    if headed
                    else msg("{file}: {column} with no heading matches no question (empty)", **where)
                )
                continue
            self.problem(
                nmsg(
                    "the column {heading} matches no question and holds {count} value that would be"
                    " lost: map it in the mapping file, or list its heading under ignore",
                    "the column {heading} matches no question and holds {count} values that would be"
                    " lost: map it in the mapping file, or list its heading under ignore",
                    len(filled),
                    heading=cell_text(heading),
                )
                if headed
                else nmsg(
                    "the column with no heading matches no question and holds {count} value that would be"
                    " lost: map it in the mapping file, or list its heading under ignore",
                    "the column with no heading matches no question and holds {count} values that would be"
                    " lost: map it in the mapping file, or list its heading under ignore",
                    len(filled),
                ),
                self.table.column(column),
            )

    def _what(self, meaning: str) -> Message:
        if meaning.startswith("@"):
            known = _RESPONDENT_FIELD.get(meaning[1:])
            return known if known is not None else msg("the respondent's {field}", field=meaning[1:])
        if meaning.startswith("comment:"):
            return msg("the comment on {question}", question=meaning.removeprefix("comment:"))
        return msg("question {question}", question=meaning)

    def _respondent(self, index: int, record: tuple[object, ...], columns: _Columns) -> Submission | None:
        table, fields = self.table, columns.fields
        row = table.first_row + index
        if len(record) != len(table.headings) and table.sheet is None:
            self.problem(
                nmsg(
                    "{count} field but the heading line has {headings}: a separator or a quote is out of"
                    " place;"
                    " nothing of this row is read",
                    "{count} fields but the heading line has {headings}: a separator or a quote is out of"
                    " place;"
                    " nothing of this row is read",
                    len(record),
                    headings=len(table.headings),
                ),
                msg("row {row}", row=row),
            )
            return None
        if self._left_out(index, record, fields):
            return None
        unfinished = self._unfinished(index, record, fields)
        if unfinished is not None:
            if not self.keep_partial:
                self.batch.notes.append(
                    msg(
                        "{file}: {cell}: the response was not finished: it is left out "
                        "(--keep-partial keeps what it answered)",
                        file=table.file,
                        cell=unfinished,
                    )
                )
                return None
            self.batch.notes.append(
                msg(
                    "{file}: {cell}: the response was not finished: kept as far as it goes (--keep-partial)",
                    file=table.file,
                    cell=unfinished,
                )
            )
        side = self._side(index, record, fields)
        if side is None:
            return None
        identity = self._identity(index, record, fields, side)
        if identity is None:
            return None
        person, name, where = identity
        role = self._role(index, record, fields)
        submission = Submission(
            Origin(table.file, where), Respondent(id=person, side=side, role=role, name=name)
        )
        answers: dict[str, int | float | str] = {}
        for column, question in columns.questions.items():
            value = self.reader.read(question.scale, _at(record, column), self.codes.for_question(question))
            at = table.where(index, column)
            if isinstance(value, Refused):
                self.problem(msg("{question}: {problem}", question=question.id, problem=value.message), at)
            elif value is not None:
                answers[question.id] = value
                submission.cells[("answers", question.id)] = Origin(table.file, at)
        comments: dict[str, str] = {}
        for column, question in columns.comments.items():
            text = self._text(index, record, column)
            if text is not None:
                comments[question.id] = text
                submission.cells[("comments", question.id)] = Origin(table.file, table.where(index, column))
        overall = self._text(index, record, fields["comment"]) if "comment" in fields else None
        submission.respondent = submission.respondent.model_copy(
            update={"answers": answers, "comments": comments, "comment": overall}
        )
        return submission

    def _left_out(self, index: int, record: tuple[object, ...], fields: Mapping[str, int]) -> bool:
        """Whether the response is no respondent's (a preview…) or not shown complete, with its notice."""
        kind = self._kind(index, record, fields)
        if kind is not None:
            if kind:
                self.batch.notes.append(
                    msg(
                        "{file}: {cell}: a response of type {kind} (a preview, a test or spam) is not a"
                        " respondent's: it is left out, with or without --keep-partial",
                        file=self.table.file,
                        cell=self.table.where(index, fields["status"]),
                        kind=cell_text(_at(record, fields["status"])),
                    )
                )
            return True
        unproven = self._unproven(index, record)
        if unproven is not None:
            if not self.keep_partial:
                self.batch.notes.append(
                    msg(
                        "{file}: {cell}: {tool}'s export does not say whether this response was completed,"
                        " and the form's last question is not answered: it may be a partial response, and"
                        " is left out (--keep-partial keeps what it answered; make the last question"
                        " required in the form to tell them apart)",
                        file=self.table.file,
                        cell=unproven,
                        tool=self.tool.name,
                    )
                )
                return True
            self.batch.notes.append(
                msg(
                    "{file}: {cell}: {tool}'s export does not say whether this response was completed"
                    " (the form's last question is not answered): kept as far as it goes (--keep-partial)",
                    file=self.table.file,
                    cell=unproven,
                    tool=self.tool.name,
                )
            )
        return False

    def _unfinished(self, index: int, record: tuple[object, ...], fields: Mapping[str, int]) -> str | None:
        """Where the export says this response was not finished, or None when it was."""
        if "submitted" in fields and is_blank(_at(record, fields["submitted"])):
            return self.table.where(index, fields["submitted"])
        if "finished" in fields:
            value = _at(record, fields["finished"])
            if is_blank(value) or normalise(_number_text(value)) not in self.tool.finished_values:
                return self.table.where(index, fields["finished"])
            if "progress" in fields and not _complete(_at(record, fields["progress"])):
                self.problem(
                    msg(
                        "the response is marked finished ({finished}) but its progress is {progress}, not"
                        " 100: the row was changed after the export; correct it or export again",
                        finished=_number_text(value),
                        progress=_number_text(_at(record, fields["progress"])),
                    ),
                    self.table.where(index, fields["progress"]),
                )
                return self.table.where(index, fields["progress"])
        elif "progress" in fields and not _complete(_at(record, fields["progress"])):
            return self.table.where(index, fields["progress"])
        return None

    def _unproven(self, index: int, record: tuple[object, ...]) -> str | None:
        """Where a response that cannot be shown complete is (the form's last question unanswered).

        A tool that records a response page by page, and says nothing of its completion in
        its export, has recorded the last page only once the respondent sent the whole form:
        an answer to the form's last question proves the response complete, its absence
        proves nothing.
        """
        if self.last is None or not is_blank(_at(record, self.last)):
            return None
        return self.table.where(index, self.last)

    def _kinds_told(self, columns: _Columns) -> bool:
        """Whether the kind of every response (a respondent's, a preview…) can be told; else the problem."""
        tool = self.tool
        if not tool.status:
            return True
        if "status" not in columns.fields:
            self.problem(
                msg(
                    "no {heading} column: a preview, a test or spam cannot be told from a respondent's"
                    " response; export again with the {heading} column",
                    heading=tool.status[0].title(),
                )
            )
            return False
        column = columns.fields["status"]
        for index, record in enumerate(self.table.records):
            value = _at(record, column)
            if isinstance(value, int | float) or _number_text(value).strip().isdigit():
                self.problem(
                    msg(
                        "the response type is the number {value}: this export holds numeric values, where"
                        " an answer is its option's number in the form rather than its text; export again"
                        " with the choice text",
                        value=_number_text(value),
                    ),
                    self.table.where(index, column),
                )
                return False
        return True

    def _kind(self, index: int, record: tuple[object, ...], fields: Mapping[str, int]) -> str | None:
        """None for a respondent's response; "" for one refused; the kind of one left out."""
        if "status" not in fields:
            return None
        value = _at(record, fields["status"])
        key = normalise(_plain(value)) if not is_blank(value) else ""
        if key in {normalise(kind) for kind in self.tool.respondent_types}:
            return None
        if key in {normalise(kind) for kind in self.tool.other_types}:
            return key
        self.problem(
            msg(
                "the response type is {value}, not one this reads ({respondents}; left out: {others}):"
                " this response is not read; correct the cell or delete the row",
                value=cell_text(value) if key else msg("empty"),
                respondents=", ".join(self.tool.respondent_types),
                others=", ".join(self.tool.other_types),
            ),
            self.table.where(index, fields["status"]),
        )
        return ""

    def _side(self, index: int, record: tuple[object, ...], fields: Mapping[str, int]) -> Side | None:
        if self.side is not None:
            return self.side
        value = self.codes.respondent("side", _at(record, fields["side"]))
        key = normalise(str(value)) if not is_blank(value) else ""
        for side, word in SIDE_LABELS.items():
            if key == side or key in every_language(word):
                return Side(side)
        self.problem(
            msg("the side is empty: it must be client or supplier; this response is not read")
            if not key
            else msg(
                "the side is {value}: it must be client or supplier; this response is not read",
                value=cell_text(value),
            ),
            self.table.where(index, fields["side"]),
        )
        return None

    def _identity(
        self, index: int, record: tuple[object, ...], fields: Mapping[str, int], side: Side
    ) -> tuple[str, str | None, str] | None:
        """The respondent's id, name and where it was read: the name, else the e-mail, else the response."""
        table = self.table
        for field in ("name", "tool_name", "email"):
            if field not in fields:
                continue
            value = _at(record, fields[field])
            text = "" if is_blank(value) else " ".join(str(value).split())
            if not text or (field != "name" and normalise(text) == "anonymous"):
                continue
            where = table.where(index, fields[field])
            if len(text) > MAX_NAME:
                self.problem(
                    msg("the name is longer than {limit} characters: shorten it", limit=MAX_NAME), where
                )
                return None
            person = respondent_id(text)
            if person:
                return person, text if field != "email" else None, where
        row = table.first_row + index
        if "id" in fields and not is_blank(_at(record, fields["id"])):
            number = respondent_id(str(_at(record, fields["id"])))
            return f"{side.value}-{self.tool.id}-{number}", None, table.where(index, fields["id"])
        return f"{side.value}-{self.tool.id}-row{row}", None, msg("row {row}", row=row)

    def _role(self, index: int, record: tuple[object, ...], fields: Mapping[str, int]) -> Role:
        if "role" not in fields:
            return Role.OPERATIONAL
        role = read_role(self.codes.respondent("role", _at(record, fields["role"])))
        if isinstance(role, Refused) or role is None:
            message = (
                role.message if isinstance(role, Refused) else msg("the respondent's role is empty: pick one")
            )
            self.problem(
                msg(
                    "{problem} (a --keep-partial import records the format's default, operational)",
                    problem=message,
                ),
                self.table.where(index, fields["role"]),
            )
            return Role.OPERATIONAL
        return role

    def _text(self, index: int, record: tuple[object, ...], column: int) -> str | None:
        value = _at(record, column)
        if is_blank(value):
            return None
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            self.problem(
                msg("the comment is longer than {limit} characters: shorten it", limit=MAX_TEXT),
                self.table.where(index, column),
            )
            return None
        return text


_GRID_ROW = re.compile(r"^(.*?)\s*\[(.+)\]$")
_MATRIX_ROW = re.compile(r"^(.+?) - (.+)$")


def _at(record: Sequence[object], column: int) -> object:
    return record[column] if column < len(record) else None


def _number_text(value: object) -> str:
    """A cell as text, a whole number without its ".0" (a sheet's 1.0 is the 1 a CSV writes)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else _plain(value)


def _complete(value: object) -> bool:
    """Whether a progress cell says the whole form was answered (100)."""
    return _number_text(value) == "100"
