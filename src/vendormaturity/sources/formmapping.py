"""The form mapping: which column of a survey tool's export answers which question.

``vendormaturity export QUESTIONNAIRE --form-mapping FILE`` writes one (TOML) for the
person who builds the form in Microsoft Forms, Google Forms or LimeSurvey: each question
with the title to give it, a LimeSurvey question code, and the answer options to offer;
the respondent's name, role and comment; the side, fixed or asked. ``vendormaturity
import --mapping FILE`` then reads the tool's export by those headings – a column
matches a heading or a code, whatever the column order. Edit a heading when the form's
title differs; list under ``ignore`` the headings of columns deliberately not read, and
under ``answers`` the tool's own answer codes (``A1 = 1``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

import pydantic
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from vendormaturity.errors import Problem, ResponseError, did_you_mean
from vendormaturity.i18n import Message, msg
from vendormaturity.model.questionnaire import Question, Questionnaire, Side
from vendormaturity.sources.cells import ROLE_LABELS, SIDE_LABELS, AnswerReader
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.reader import SourceText, read_document, read_source
from vendormaturity.sources.workbook import condition_text, side_questions

__all__ = [
    "KIND",
    "FormMapping",
    "MappedColumn",
    "MappedQuestion",
    "form_mapping",
    "load_form_mapping",
    "mapping_questionnaire",
]

KIND = "vendormaturity-form-mapping"
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,19}$")  # what LimeSurvey accepts as a question code
Heading = Annotated[str, Field(min_length=1, max_length=2000)]

# The questions about the respondent a form asks, as its columns are headed.
RESPONDENT_HEADINGS: Mapping[str, Message] = {
    "name": msg("Your name"),
    "role": msg("Your role"),
    "side": msg("Which side of the relationship are you on?"),
    "comment": msg("Anything else you would like to say about the relationship?"),
}
_CODES = {"name": "RName", "role": "RRole", "side": "RSide", "comment": "RComment"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MappedColumn(_Model):
    """A column of the export: its heading and, for LimeSurvey, its question code."""

    heading: Heading
    code: Heading | None = None
    options: list[str] = []  # what the form offers (for whoever builds it; any of the scale's texts is read)


class MappedQuestion(MappedColumn):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    comment: MappedColumn | None = None  # an optional comment column for this question


class RespondentColumns(_Model):
    name: MappedColumn | None = None
    role: MappedColumn | None = None
    side: MappedColumn | None = None
    comment: MappedColumn | None = None


class FormMapping(_Model):
    kind: Literal["vendormaturity-form-mapping"]
    schema_version: Literal[1] = 1
    questionnaire: Annotated[str, Field(min_length=1, max_length=200)]
    questionnaire_version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    lang: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    side: Literal[Side.CLIENT, Side.SUPPLIER] | None = None
    relationship: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    client: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    supplier: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    date: datetime.date | None = None
    respondent: RespondentColumns = RespondentColumns()
    questions: list[MappedQuestion] = []
    answers: dict[str, StrictInt | StrictFloat | StrictStr] = {}
    ignore: list[Heading] = []


def question_code(position: int, question_id: str) -> str:
    """A LimeSurvey question code: the id when LimeSurvey accepts it, else ``Q07`` by position."""
    return question_id if _CODE.match(question_id) else f"Q{position:02d}"


def form_mapping(
    q: Questionnaire,
    *,
    lang: str,
    side: Side | str | None = None,
    relationship: str | None = None,
    client: str | None = None,
    supplier: str | None = None,
    date: datetime.date | None = None,
) -> str:
    """The mapping file (TOML text) of a form for *side*, or for both sides with a side question."""
    chosen = Side(side) if side is not None else None
    if lang not in q.languages:
        raise ValueError(
            msg(
                "questionnaire '{questionnaire}' has no language '{lang}' (it has {languages})",
                questionnaire=q.id,
                lang=lang,
                languages=", ".join(q.languages),
            )
        )
    reader = AnswerReader(q)
    positions = {question.id: index for index, question in enumerate(q.questions, start=1)}
    asked = side_questions(q, chosen) if chosen is not None else list(q.questions)
    document: dict[str, object] = {
        "kind": KIND,
        "schema_version": 1,
        "questionnaire": q.id,
        "questionnaire_version": q.version,
        "lang": lang,
    }
    if chosen is not None:
        document["side"] = chosen.value
    for key, value in (
        ("relationship", relationship),
        ("client", client),
        ("supplier", supplier),
        ("date", date),
    ):
        if value is not None:
            document[key] = value
    respondent: dict[str, dict[str, object]] = {}
    for field in ("name", "role", "side", "comment"):
        if field == "side" and chosen is not None:
            continue
        column: dict[str, object] = {
            "heading": RESPONDENT_HEADINGS[field].translated(lang),
            "code": _CODES[field],
        }
        if field == "role":
            column["options"] = [word.translated(lang) for word in ROLE_LABELS.values()]
        if field == "side":
            column["options"] = [word.translated(lang) for word in SIDE_LABELS.values()]
        respondent[field] = column
    document["respondent"] = respondent
    questions = []
    for question in asked:
        item: dict[str, object] = {
            "id": question.id,
            "heading": q.label(question.text, lang),
            "code": question_code(positions[question.id], question.id),
            "options": reader.options(question.scale, lang),
        }
        questions.append(item)
    document["questions"] = questions
    document["answers"] = {}
    document["ignore"] = []
    return _header(q, lang, chosen, asked) + tomli_w.dumps(document)


def _header(q: Questionnaire, lang: str, side: Side | None, asked: list[Question]) -> str:
    conditions = [
        f"#   {question.id}: {condition_text(q, question.relevant, lang)}"
        for question in q.questions
        if question.relevant and question in asked
    ]
    who = f"the {side.value} side" if side is not None else "both sides (the form asks the side)"
    lines = [
        f"# Form mapping for {q.id} {q.version}, {who}, in {lang}.",
        "# Build the form with one question per [[questions]] entry below: its heading as the",
        "# title, its options as the choices (a linear scale of the values works too), then",
        "# import the tool's export: vendormaturity import EXPORT --tool TOOL --mapping THIS_FILE",
        "# In LimeSurvey, give each question its code. A column matches a heading or a code.",
        '# answers: the tool\'s own answer texts or codes and what they mean, e.g. A1 = 1, X = "dk".',
        "# ignore: headings of columns that are deliberately not read.",
    ]
    if conditions:
        lines += ["# Ask these questions only when their condition holds (branching):", *conditions]
    return "\n".join(lines) + "\n\n"


def load_form_mapping(path: str | Path, q: Questionnaire) -> FormMapping:
    """A mapping file, checked against *q*; raises :class:`ResponseError` listing every problem."""
    source = read_source(path)
    if isinstance(source, Problem):
        raise ResponseError([source])
    document = read_document(source)
    if isinstance(document, Problem):
        raise ResponseError([document])
    try:
        mapping = FormMapping.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, FormMapping)
        raise ResponseError(
            problems, summary=msg("{file}: not a form mapping this version can read", file=source.name)
        ) from None
    problems = _check(mapping, q, source, document)
    if problems:
        raise ResponseError(
            problems,
            summary=msg(
                "{file}: the mapping does not fit {questionnaire} {version}",
                file=source.name,
                questionnaire=q.id,
                version=q.version,
            ),
        )
    return mapping


def _check(
    mapping: FormMapping, q: Questionnaire, source: SourceText, document: dict[str, object]
) -> list[Problem]:
    def problem(loc: tuple[str | int, ...], message: Message) -> Problem:
        from vendormaturity.errors import format_path

        return Problem(
            message, path=format_path(document, loc), file=source.name, line=source.locator.line(loc)
        )

    found: list[Problem] = []
    if mapping.questionnaire != q.id:
        found.append(
            problem(
                ("questionnaire",),
                msg(
                    "maps questionnaire '{given}', not '{expected}'",
                    given=mapping.questionnaire,
                    expected=q.id,
                ),
            )
        )
    if mapping.questionnaire_version.split(".")[0] != q.version.split(".")[0]:
        found.append(
            problem(
                ("questionnaire_version",),
                msg(
                    "maps version {given} but the questionnaire is {version}:"
                    " write a new mapping with `vendormaturity export --form-mapping`",
                    given=mapping.questionnaire_version,
                    version=q.version,
                ),
            )
        )
    known = {question.id: question for question in q.questions}
    seen: set[str] = set()
    for index, item in enumerate(mapping.questions):
        if item.id not in known:
            found.append(
                problem(
                    ("questions", index, "id"),
                    msg(
                        "unknown question '{question}'{hint}",
                        question=item.id,
                        hint=did_you_mean(item.id, known),
                    ),
                )
            )
        elif item.id in seen:
            found.append(
                problem(
                    ("questions", index, "id"), msg("question '{question}' is mapped twice", question=item.id)
                )
            )
        seen.add(item.id)
    codes = {missing.code for scale in q.scales for missing in scale.missing}
    for text, value in mapping.answers.items():
        if isinstance(value, str) and value not in codes:
            found.append(
                problem(
                    ("answers", text),
                    msg(
                        "'{value}' is not a don't-know code ({codes}) nor a number",
                        value=value,
                        codes=", ".join(sorted(codes)),
                    ),
                )
            )
    return found


def mapping_questionnaire(path: str | Path) -> str | None:
    """The questionnaire id a mapping file names, or None when it cannot be read."""
    source = read_source(path)
    document = read_document(source) if not isinstance(source, Problem) else source
    if isinstance(document, Problem):
        return None
    named = document.get("questionnaire")
    return named if isinstance(named, str) else None
