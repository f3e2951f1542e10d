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

import codecs
import csv
import datetime
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from vendormaturity.errors import NotFoundError, Problem
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.model.questionnaire import Question, Questionnaire, Side
from vendormaturity.model.responses import Respondent, Role, respondent_id
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
from vendormaturity.sources.formmapping import RESPONDENT_HEADINGS, FormMapping, MappedColumn, question_code
from vendormaturity.sources.reader import read_bytes
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


@attrs.frozen
class Tool:
    """What a survey tool's export looks like: its format and the columns it adds itself."""

    id: str
    name: str
    format: str  # "xlsx" or "csv"
    own: frozenset[str]  # normalised headings of the tool's own columns (times, ids…)
    response_id: tuple[str, ...] = ()  # headings of the response's id
    names: tuple[str, ...] = ()  # headings of the name the tool recorded
    emails: tuple[str, ...] = ()
    submitted: tuple[str, ...] = ()  # a blank here means the response was not completed


def _own(*headings: str) -> frozenset[str]:
    return frozenset(normalise(heading) for heading in headings)


TOOLS: Mapping[str, Tool] = {
    "forms": Tool(
        "forms",
        "Microsoft Forms",
        "xlsx",
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
        response_id=("id",),
        names=("name", "nom"),
        emails=("email", "adresse de messagerie"),
    ),
    "google": Tool(
        "google",
        "Google Forms",
        "csv",
        _own("Timestamp", "Horodateur", "Email Address", "Adresse e-mail", "Score"),
        emails=("email address", "adresse e-mail"),
    ),
    "limesurvey": Tool(
        "limesurvey",
        "LimeSurvey",
        "csv",
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
        response_id=("id", "response id"),
        submitted=("submitdate", "date submitted"),
    ),
}


@attrs.frozen
class _Table:
    """An export's headings and records, each cell locatable."""

    file: str
    headings: tuple[object, ...]
    records: list[tuple[object, ...]]
    sheet: str | None  # for an .xlsx; None for CSV
    first_row: int = 2  # the row number of the first record

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


def _decode(data: bytes, name: str, encoding: str | None) -> str | Problem:
    """CSV text: UTF-8 (BOM or not), UTF-16 with a BOM, or the encoding given; never a guess."""
    if data.startswith(codecs.BOM_UTF8):
        chosen, data = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        chosen = "utf-16"
    elif encoding is not None:
        chosen = encoding
    else:
        chosen = "utf-8"
    try:
        codecs.lookup(chosen)
    except LookupError:
        return Problem(
            msg(
                "unknown encoding '{encoding}' (for example utf-8, cp1252, latin-1, utf-16)", encoding=chosen
            ),
            file=name,
        )
    if chosen == "utf-8" and b"\x00" in data:
        return Problem(
            msg(
                "the text holds NUL bytes: it is binary, or UTF-16 without a byte-order mark"
                " (then give --encoding utf-16-le)"
            ),
            file=name,
        )
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        if encoding is None:
            message = msg(
                "the text is not valid {encoding} (byte {position}); give the encoding it was saved in"
                " with --encoding (for example --encoding cp1252)",
                encoding=chosen.upper(),
                position=error.start,
            )
        else:
            message = msg(
                "the text is not valid {encoding} (byte {position}); check the encoding it was saved in"
                " (--encoding {given} does not fit)",
                encoding=chosen.upper(),
                position=error.start,
                given=encoding,
            )
        return Problem(message, file=name, line=line)
    return text.removeprefix("\ufeff")


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


def _csv_table(path: str | Path, encoding: str | None, delimiter: str | None) -> _Table | Problem:
    name = str(path)
    try:
        data = read_bytes(path, limit=MAX_CSV_BYTES)
    except NotFoundError:
        return Problem(msg("no such file"), file=name)
    if isinstance(data, Problem):
        return data
    text = _decode(data, name, encoding)
    if isinstance(text, Problem):
        return text
    if not text.strip():
        return Problem(msg("file is empty"), file=name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _delimiter(text))
    try:
        headings = tuple(next(reader))
        records: list[tuple[object, ...]] = []
        for record in reader:
            if len(records) == MAX_RECORDS:
                return Problem(_too_many(), file=name)
            records.append(tuple(record))
    except csv.Error as error:
        # the csv module's own words for what is wrong
        return Problem(msg("CSV syntax error: {detail}", detail=error), file=name, line=reader.line_num)
    while records and all(is_blank(value) for value in records[-1]):
        records.pop()  # LimeSurvey ends its export with an empty line
    return _Table(name, headings, records, None)


def _xlsx_table(path: str | Path) -> _Table | Problem:
    book, problem = open_workbook(path)
    if problem is not None or book is None:
        return problem or Problem(msg("cannot be read"), file=str(path))
    try:
        sheet = book[book.sheetnames[0]]
        rows: list[tuple[object, ...]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_RECORDS:
                return Problem(_too_many(), file=str(path))
            rows.append(tuple(values))
        title = sheet.title
    finally:
        book.close()
    if not rows:
        return Problem(msg("sheet {sheet} is empty", sheet=title), file=str(path))
    records = rows[1:]
    while records and all(is_blank(value) for value in records[-1]):
        records.pop()
    return _Table(str(path), rows[0], records, title)


def _too_many() -> Message:
    return msg("more than {limit} responses; split the export", limit=MAX_RECORDS)


def _is_workbook(path: str | Path) -> bool:
    """Whether an .xlsx file is a workbook exported by vendormaturity (it has the hidden sheet)."""
    if not str(path).lower().endswith(".xlsx"):
        return False
    book, problem = open_workbook(path)
    if book is None or problem is not None:
        return False
    try:
        return META_SHEET in book.sheetnames
    finally:
        book.close()


# --------------------------------------------------------------------------- columns


@attrs.define
class _Columns:
    """What each column of an export is."""

    questions: dict[int, Question] = attrs.Factory(dict)
    comments: dict[int, Question] = attrs.Factory(dict)
    fields: dict[str, int] = attrs.Factory(dict)  # name, role, side, comment, and the tool's: id, tool_name…


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


def _add(found: dict[str, str], column: MappedColumn, meaning: str) -> None:
    found[normalise(column.heading)] = meaning
    if column.code:
        found.setdefault(normalise(column.code), meaning)


# --------------------------------------------------------------------------- reading


def read_survey_export(
    q: Questionnaire,
    paths: str | Path | Iterable[str | Path],
    *,
    tool: str,
    mapping: FormMapping | None = None,
    side: Side | str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    keep_partial: bool = False,
    relationship: str | None = None,
    client: str | None = None,
    supplier: str | None = None,
    date: datetime.date | None = None,
) -> Collected:
    """The responses of one or more survey-tool exports (``tool``: forms, google, limesurvey).

    Columns are matched by *mapping* (:func:`load_form_mapping`), or by the question
    texts in any language. The side comes from *side*, else the mapping, else a side
    column. An exported workbook among *paths* is read as a workbook. Every problem is
    located by file and row and column (``Sheet1!F3`` in an .xlsx); see
    :func:`read_workbooks` for *keep_partial* and the relationship's names.
    """
    listed = [paths] if isinstance(paths, str | Path) else list(paths)
    batches = [
        read_workbook(q, path)
        if _is_workbook(path)
        else read_survey_file(
            q, path, tool=tool, mapping=mapping, side=side, encoding=encoding, delimiter=delimiter
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
    )


def read_survey_file(
    q: Questionnaire,
    path: str | Path,
    *,
    tool: str,
    mapping: FormMapping | None = None,
    side: Side | str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Batch:
    """One export: a respondent per completed response, every value with its row and column."""
    if tool not in TOOLS:
        raise ValueError(
            msg("unknown survey tool '{tool}' (known: {known})", tool=tool, known=", ".join(TOOLS))
        )
    profile = TOOLS[tool]
    batch = Batch(str(path))
    table = _xlsx_table(path) if profile.format == "xlsx" else _csv_table(path, encoding, delimiter)
    if isinstance(table, Problem):
        batch.problems.append(table)
        return batch
    _SurveyReader(
        q, profile, table, batch, mapping=mapping, side=Side(side) if side is not None else None
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
    ) -> None:
        self.q, self.tool, self.table, self.mapping, self.batch = q, tool, table, mapping, batch
        self.side = side or (mapping.side if mapping is not None else None)
        self.reader = AnswerReader(q)
        self.extra = {normalise(text): value for text, value in (mapping.answers if mapping else {}).items()}

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
            meaning = by_heading.get(key)
            if meaning is None:
                if key in ignored:
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
        if "submitted" in fields and is_blank(_at(record, fields["submitted"])):
            self.problem(
                msg(
                    "the response was not completed (no submission date); its answers are"
                    " read only by a --keep-partial import"
                ),
                table.where(index, fields["submitted"]),
            )
            return None
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
            value = self.reader.read(question.scale, _at(record, column), self.extra)
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

    def _side(self, index: int, record: tuple[object, ...], fields: Mapping[str, int]) -> Side | None:
        if self.side is not None:
            return self.side
        value = _at(record, fields["side"])
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
        role = read_role(_at(record, fields["role"]))
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


def _at(record: Sequence[object], column: int) -> object:
    return record[column] if column < len(record) else None
