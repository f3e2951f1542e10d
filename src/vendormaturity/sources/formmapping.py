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
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Literal

import attrs
import pydantic
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from vendormaturity.errors import Problem, ResponseError, did_you_mean
from vendormaturity.i18n import N_, Message, msg, tr
from vendormaturity.model.questionnaire import Question, Questionnaire, Scale, Side
from vendormaturity.sources.cells import ROLE_LABELS, SIDE_LABELS, AnswerReader, normalise
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


Answer = StrictInt | StrictFloat | StrictStr
Codes = dict[Annotated[str, Field(min_length=1, max_length=200)], Answer]


class MappedQuestion(MappedColumn):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    comment: MappedColumn | None = None  # an optional comment column for this question
    grid: Heading | None = None  # the grid (matrix, array) the question is a row of, in tools that have them
    answers: Codes = {}  # this question's own answer codes (over its scale's)


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
    # per scale (answers.agree5), for the role and the side (answers.role), or – when every
    # question mapped has one scale – flat (answers.A1 = 1)
    answers: dict[Annotated[str, Field(min_length=1, max_length=200)], Answer | Codes] = {}
    ignore: list[Heading] = []


@attrs.frozen
class AnswerCodes:
    """A tool's own answer codes, per question, per scale, for the role and the side."""

    by_question: Mapping[str, Mapping[str, Answer]]
    by_scale: Mapping[str, Mapping[str, Answer]]
    fields: Mapping[str, Mapping[str, Answer]]  # "role", "side"

    def for_question(self, question: Question) -> Mapping[str, Answer]:
        """The codes an answer to *question* may be written in (normalised text → answer)."""
        return {**self.by_scale.get(question.scale, {}), **self.by_question.get(question.id, {})}

    def respondent(self, field: str, value: object) -> object:
        """*value* of the role or side column, its code replaced by what it means."""
        if isinstance(value, str):
            found = self.fields.get(field, {}).get(normalise(value))
            if found is not None:
                return str(found)
        return value


def answer_codes(q: Questionnaire, mapping: FormMapping | None) -> AnswerCodes:
    """The answer codes of *mapping* (none without one), keyed by normalised code."""
    if mapping is None:
        return AnswerCodes({}, {}, {})

    def keyed(codes: Mapping[str, Answer]) -> dict[str, Answer]:
        return {normalise(code): value for code, value in codes.items()}

    scales = {scale.id for scale in q.scales}
    flat = {code: value for code, value in mapping.answers.items() if not isinstance(value, dict)}
    by_scale = {
        key: keyed(value)
        for key, value in mapping.answers.items()
        if isinstance(value, dict) and key in scales
    }
    if flat:  # one scale for every question mapped (checked when the mapping is read)
        for scale in {question.scale for question in q.questions}:
            by_scale[scale] = {**keyed(flat), **by_scale.get(scale, {})}
    fields = {
        key: keyed(value)
        for key, value in mapping.answers.items()
        if isinstance(value, dict) and key in ("role", "side")
    }
    by_question = {item.id: keyed(item.answers) for item in mapping.questions if item.answers}
    return AnswerCodes(by_question, by_scale, fields)


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
    grids = _grids(q, asked, lang)
    questions = []
    for question in asked:
        item: dict[str, object] = {
            "id": question.id,
            "heading": q.label(question.text, lang),
            "code": question_code(positions[question.id], question.id),
            "options": reader.options(question.scale, lang),
        }
        if question.id in grids:
            title, code, row = grids[question.id]
            item["grid"] = title
            item["code"] = f"{code}[SQ{row:03d}]"
        questions.append(item)
    document["questions"] = questions
    answers: dict[str, dict[str, object]] = {}
    scales = {scale.id: scale for scale in q.scales}
    for scale_id in dict.fromkeys(question.scale for question in asked):
        scale = scales[scale_id]
        values = [*(_value(choice.value) for choice in scale.choices), *(item.code for item in scale.missing)]
        answers[scale_id] = {_limesurvey_code(index): value for index, value in enumerate(values)}
    answers["role"] = {_limesurvey_code(index): role.value for index, role in enumerate(ROLE_LABELS)}
    if chosen is None:
        answers["side"] = {_limesurvey_code(index): side for index, side in enumerate(SIDE_LABELS)}
    document["answers"] = answers
    document["ignore"] = []
    return _header(q, lang, chosen, asked) + tomli_w.dumps(document)


def _limesurvey_code(index: int) -> str:
    """The code LimeSurvey gives the answer options of a question, in their order: AO01, AO02…"""
    return f"AO{index + 1:02d}"


def _value(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _grids(q: Questionnaire, asked: list[Question], lang: str) -> dict[str, tuple[str, str, int]]:
    """Question id → (grid title, grid code, row) for the questions asked as rows of one grid: those
    of a dimension that share a scale, when there are two or more of them."""
    groups: dict[tuple[str, str], list[Question]] = {}
    for question in asked:
        groups.setdefault((question.dimension, question.scale), []).append(question)
    found: dict[str, tuple[str, str, int]] = {}
    number = 0
    for (dimension, _), members in groups.items():
        if len(members) < 2:
            continue
        number += 1
        title = q.label(next(item for item in q.dimensions if item.id == dimension).label, lang)
        for row, question in enumerate(members, start=1):
            found[question.id] = (title, f"G{number}", row)
    return found


# How to build the form in each tool, in the header of the mapping: (tool, what to do)
_TOOL_ADVICE = (
    (
        "Microsoft Forms",
        N_(
            "a Likert question per grid (statements: the headings; options: the options), a Choice"
            " question for the others; Forms exports one column per statement. Open the results in Excel."
        ),
    ),
    (
        "Google Forms",
        N_(
            "a Multiple choice grid per grid (rows: the headings; columns: the options), a Multiple choice"
            " question for the others. Download the responses as .csv or .xlsx."
        ),
    ),
    (
        "LimeSurvey",
        N_(
            "an Array question per grid, its code the part of the entries' code before the bracket (G1),"
            " its subquestions coded as inside it (SQ001), its answer options in the order given (LimeSurvey"
            " codes them AO01, AO02…: [answers] below reads them); the others List (radio) questions with"
            " their code. Export with question codes or full texts."
        ),
    ),
    (
        "Qualtrics",
        N_(
            "a Matrix table per grid (statements: the headings; scale points: the options), Multiple choice"
            " for the others. Export CSV or Excel with Use choice text, keeping the Status column:"
            " previews, tests and spam are left out."
        ),
    ),
    (
        "SurveyMonkey",
        N_(
            "a Matrix / Rating scale per grid (rows: the headings), Multiple choice for the others; make the"
            " last question required, so that a complete response can be told from a partial one (the"
            " export does not say). Filter by completeness to completed responses, then Save as All"
            " individual responses, CSV or XLSX, Actual answer text."
        ),
    ),
    (
        "Typeform",
        N_(
            "a Multiple choice question per entry (no grids), or an Opinion scale for a 0–10 scale."
            " Download the responses as CSV."
        ),
    ),
)


def _header(q: Questionnaire, lang: str, side: Side | None, asked: list[Question]) -> str:
    """The mapping's comment header, in *lang*: how to build the form, tool by tool."""
    if side is None:
        who = tr("both sides (the form asks the side)", lang)
    elif side is Side.CLIENT:
        who = tr("the client side", lang)
    else:
        who = tr("the supplier side", lang)
    lines = _comment(
        tr(
            "Form mapping for {questionnaire} {version}, {who}, in {lang}.",
            lang,
            questionnaire=q.id,
            version=q.version,
            who=who,
            lang=lang,
        )
    )
    lines += _comment(
        tr(
            "Build the form with one question per [[questions]] entry below: its heading as the title, its"
            " options as the choices. Entries with the same grid are the rows of one grid question (the"
            " natural way to ask a battery of statements), titled with the grid. Tool by tool:",
            lang,
        )
    )
    for tool, advice in _TOOL_ADVICE:
        lines += _comment(f"{tool}{tr(': ', lang)}{tr(advice, lang)}", indent="  ")
    lines += _comment(tr("Then: vendormaturity import EXPORT --mapping THIS_FILE --out responses.toml", lang))
    lines += _comment(
        tr(
            "A column matches a heading, a code, or a grid's row. answers: each tool's own answer codes, per"
            " scale (and for the role and the side); edit them if the tool codes them otherwise. ignore:"
            " headings of columns that are deliberately not read.",
            lang,
        )
    )
    conditions = [
        f"{question.id}{tr(': ', lang)}{condition_text(q, question.relevant, lang)}"
        for question in q.questions
        if question.relevant and question in asked
    ]
    if conditions:
        lines += _comment(tr("Ask these questions only when their condition holds (branching):", lang))
        for condition in conditions:
            lines += _comment(condition, indent="  ")
    return "\n".join(lines) + "\n\n"


def _comment(text: str, *, indent: str = "") -> list[str]:
    """*text* as TOML comment lines of at most 100 characters, continued lines indented further."""
    return textwrap.wrap(
        text,
        width=100,
        initial_indent=f"# {indent}",
        subsequent_indent=f"# {indent}  " if indent else "# ",
        break_long_words=False,
        break_on_hyphens=False,
    )


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
    found.extend(_check_answers(mapping, q, problem))
    return found


def _check_answers(
    mapping: FormMapping, q: Questionnaire, problem: Callable[[tuple[str | int, ...], Message], Problem]
) -> list[Problem]:
    """Answer codes: each table a scale, the role or the side; each value one the table can mean."""
    found: list[Problem] = []
    scales = {scale.id: scale for scale in q.scales}
    questions = {question.id: question for question in q.questions}
    mapped = {questions[item.id].scale for item in mapping.questions if item.id in questions}
    flat = [code for code, value in mapping.answers.items() if not isinstance(value, dict)]
    if flat and len(mapped or scales) > 1:
        found.append(
            problem(
                ("answers", flat[0]),
                msg(
                    "one list of answer codes for questions of {count} scales ({scales}) would read a code "
                    "of one scale as a value of another: give the codes per scale, as [answers.{first}]",
                    count=len(mapped or scales),
                    scales=", ".join(sorted(mapped or scales)),
                    first=sorted(mapped or scales)[0],
                ),
            )
        )
    for key, value in mapping.answers.items():
        if not isinstance(value, dict):
            found.extend(
                _check_codes({key: value}, sorted(mapped or scales)[0], scales, ("answers",), problem)
            )
        elif key in scales:
            found.extend(_check_codes(value, key, scales, ("answers", key), problem))
        elif key in ("role", "side"):
            known = {role.value for role in ROLE_LABELS} if key == "role" else set(SIDE_LABELS)
            for code, meant in value.items():
                if not isinstance(meant, str) or meant not in known:
                    found.append(
                        problem(
                            ("answers", key, code),
                            msg(
                                "{value} is not a {field} ({known})",
                                value=str(meant),
                                field=key,
                                known=", ".join(sorted(known)),
                            ),
                        )
                    )
        else:
            found.append(
                problem(
                    ("answers", key),
                    msg(
                        "'{key}' is neither a scale ({scales}) nor role or side{hint}",
                        key=key,
                        scales=", ".join(sorted(scales)),
                        hint=did_you_mean(key, [*scales, "role", "side"]),
                    ),
                )
            )
    for index, item in enumerate(mapping.questions):
        if item.answers and item.id in questions:
            found.extend(
                _check_codes(
                    item.answers, questions[item.id].scale, scales, ("questions", index, "answers"), problem
                )
            )
    return found


def _check_codes(
    codes: Mapping[str, Answer],
    scale_id: str,
    scales: Mapping[str, Scale],
    loc: tuple[str | int, ...],
    problem: Callable[[tuple[str | int, ...], Message], Problem],
) -> list[Problem]:
    scale = scales[scale_id]
    values = {choice.value for choice in scale.choices}
    missing = {item.code for item in scale.missing}
    found = []
    for code, value in codes.items():
        fits = value in missing if isinstance(value, str) else value in values
        if not fits:
            accepted = ", ".join([*(f"{v:g}" for v in sorted(values)), *sorted(missing)])
            found.append(
                problem(
                    (*loc, code),
                    msg(
                        "{value} is not an answer of scale {scale} ({accepted})",
                        value=str(value),
                        scale=scale_id,
                        accepted=accepted,
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
