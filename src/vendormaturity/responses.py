"""Response sets: what the respondents of one assessment answered, and the facts.

A response set is a TOML or JSON file (or a model built in code). Loading validates it
against its questionnaire and reports every problem at once; nothing is dropped.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from vendormaturity._source import (
    Loc,
    SourceText,
    find_non_finite,
    format_path,
    pydantic_problems,
    read_document,
    read_source,
)
from vendormaturity.errors import NotFoundError, Problem, ResponseError, did_you_mean, spelled
from vendormaturity.questionnaire import (
    FactType,
    Questionnaire,
    Side,
    bundled_questionnaires,
    load_questionnaire,
)

__all__ = [
    "ActionStatus",
    "FollowUp",
    "Respondent",
    "ResponseSet",
    "Role",
    "check_responses",
    "dump_responses",
    "load_responses",
    "responses_from_dict",
    "write_atomic",
]

Answer = StrictInt | StrictFloat | StrictStr
FactValue = StrictBool | StrictInt | StrictFloat | StrictStr
Text = Annotated[str, Field(max_length=10_000)]


class Role(enum.StrEnum):
    EXECUTIVE = "executive"
    MANAGER = "manager"
    OPERATIONAL = "operational"
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    DROPPED = "dropped"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Respondent(_Model):
    """One person who answered, on one side of the relationship."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$", max_length=64)]
    side: Literal[Side.CLIENT, Side.SUPPLIER]
    role: Role = Role.OPERATIONAL
    name: Annotated[str, Field(max_length=200)] | None = None
    answers: dict[str, Answer] = {}
    comments: dict[str, Text] = {}
    comment: Text | None = None


class FollowUp(_Model):
    """The status of an action of the previous improvement plan."""

    action: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    status: ActionStatus
    note: Text | None = None


class ResponseSet(_Model):
    """One assessment of one relationship: respondents, answers, facts, follow-up."""

    schema_version: Literal[1] = 1
    questionnaire: Annotated[str, Field(min_length=1, max_length=200)]
    questionnaire_version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    relationship: Annotated[str, Field(min_length=1, max_length=200)]
    client: Annotated[str, Field(min_length=1, max_length=200)]
    supplier: Annotated[str, Field(min_length=1, max_length=200)]
    date: datetime.date
    facts: dict[str, FactValue] = {}
    respondents: Annotated[list[Respondent], Field(min_length=1)]
    followup: list[FollowUp] = []
    comment: Text | None = None


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=32)
def _bundled(questionnaire_id: str) -> Questionnaire:
    # Only bundled ids: a response file must not make the library read other files.
    known = bundled_questionnaires()
    if questionnaire_id not in known:
        raise NotFoundError(
            f"not a bundled questionnaire (bundled: {', '.join(known)}); load it and pass it: "
            "load_responses(path, questionnaire=...), or --questionnaire FILE on the command line"
        )
    return load_questionnaire(questionnaire_id)


def load_responses(path: str | Path, questionnaire: Questionnaire | None = None) -> ResponseSet:
    """Load a response set (TOML or JSON) and validate it against its questionnaire.

    Without *questionnaire*, the bundled questionnaire named by the file is used.
    Raises :class:`ResponseError` listing every problem.
    """
    read = read_source(path)
    if isinstance(read, Problem):
        raise ResponseError([read])
    return _load(read, questionnaire)


def responses_from_dict(
    document: dict[str, Any], questionnaire: Questionnaire | None = None, *, name: str = "<responses>"
) -> ResponseSet:
    """Validate a parsed response set (for applications that receive JSON)."""
    return _validate(document, SourceText("", name, "json"), questionnaire)


def _load(source: SourceText, questionnaire: Questionnaire | None) -> ResponseSet:
    document = read_document(source)
    if isinstance(document, Problem):
        raise ResponseError([document])
    return _validate(document, source, questionnaire)


def _validate(
    document: dict[str, Any], source: SourceText, questionnaire: Questionnaire | None
) -> ResponseSet:
    def problem(loc: Loc, message: str) -> Problem:
        return Problem(
            message, path=format_path(document, loc), file=source.name, line=source.locator.line(loc)
        )

    bad_number = find_non_finite(document)
    if bad_number is not None:
        raise ResponseError([problem(bad_number, "NaN and infinity are not allowed")])
    try:
        responses = ResponseSet.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, _fields_at)
        raise ResponseError(problems, summary=f"{source.name}: {_count(problems)}") from None
    if questionnaire is None:
        try:
            questionnaire = _bundled(responses.questionnaire)
        except ValueError as error:
            raise ResponseError(
                [
                    problem(
                        ("questionnaire",), f"cannot load questionnaire '{responses.questionnaire}': {error}"
                    )
                ]
            ) from None
    found = [problem(loc, message) for loc, message in check_responses(questionnaire, responses)]
    if found:
        raise ResponseError(found, summary=f"{source.name}: {_count(found)}")
    return responses


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in response set"


def _fields_at(loc: Loc) -> list[str]:
    model: Any = ResponseSet
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return []
        model = {"respondents": Respondent, "followup": FollowUp}.get(part)
    return list(model.model_fields) if model is not None else []


# --------------------------------------------------------------------------- checks


def check_responses(q: Questionnaire, rs: ResponseSet, *, answers: bool = True) -> list[tuple[Loc, str]]:
    """Everything a response set must satisfy to be assessed with *q*, as located messages.

    With ``answers=False`` the per-answer checks are left out (the scoring loop makes them).
    """
    problems: list[tuple[Loc, str]] = []
    if rs.questionnaire != q.id and Path(rs.questionnaire).stem != q.id:
        problems.append((("questionnaire",), f"answers questionnaire '{rs.questionnaire}', not '{q.id}'"))
    if rs.questionnaire_version.split(".")[0] != q.version.split(".")[0]:
        problems.append(
            (
                ("questionnaire_version",),
                f"answers version {rs.questionnaire_version} but the questionnaire is {q.version}; "
                "a different major version asks different questions: re-collect or convert the answers",
            )
        )
    seen: set[str] = set()
    for index, respondent in enumerate(rs.respondents):
        if respondent.id in seen:
            problems.append(
                (("respondents", index, "id"), f"duplicate respondent '{respondent.id}': each must be unique")
            )
        seen.add(respondent.id)
        if answers:
            problems.extend(_check_answers(q, respondent, ("respondents", index)))
    problems.extend(_check_facts(q, rs))
    actions = q.compiled.actions
    followed: Counter[str] = Counter()
    for index, item in enumerate(rs.followup):
        followed[item.action] += 1
        if item.action not in actions:
            problems.append(
                (
                    ("followup", index, "action"),
                    f"unknown action '{item.action}'{did_you_mean(item.action, actions)}",
                )
            )
        elif followed[item.action] == 2:
            problems.append((("followup", index, "action"), f"action '{item.action}' is listed twice"))
    return problems


def _check_answers(q: Questionnaire, respondent: Respondent, loc: Loc) -> Iterator[tuple[Loc, str]]:
    compiled = q.compiled
    questions = compiled.questions
    index_of = compiled.question_index
    side = respondent.side.value
    for question_id, answer in respondent.answers.items():
        index = index_of.get(question_id)
        if index is None:
            where: Loc = (*loc, "answers", question_id)
            yield where, f"unknown question '{question_id}'{did_you_mean(question_id, index_of)}"
            continue
        question = questions[index]
        if question.side is not Side.BOTH and question.side.value != side:
            yield (
                (*loc, "answers", question_id),
                f"question '{question_id}' is for the {question.side.value} side; "
                f"respondent '{respondent.id}' is {side}",
            )
        elif answer.__class__ is str:
            if answer not in question.missing_codes:
                codes = ", ".join(sorted(question.missing_codes)) or "none"
                yield (
                    (*loc, "answers", question_id),
                    f"'{answer}' is not an answer code of this question's scale "
                    f"(codes: {codes}; or a number)",
                )
        elif answer not in question.choices:
            allowed = ", ".join(f"{value:g}" for value in sorted(question.choices))
            yield (
                (*loc, "answers", question_id),
                f"{spelled(answer)} is not on the scale (allowed: {allowed}, or a don't-know code)",
            )
    conditional = [question for question in compiled.conditional if question.id in respondent.answers]
    if conditional:
        # Relevance sees this respondent's numeric answers; facts are not a respondent's, so a
        # condition that needs one is not evaluable and the answer is kept, never dropped.
        environment = {
            f"answers.{key}": float(value)
            for key, value in respondent.answers.items()
            if not isinstance(value, str) and -_LARGEST <= value <= _LARGEST
        }
        for question in conditional:
            if question.relevant is not None and question.relevant(environment) is False:
                yield (
                    (*loc, "answers", question.id),
                    f"question '{question.id}' was answered but is not relevant here "
                    f"(`{question.relevant.source}` is false); remove the answer",
                )
    for question_id in respondent.comments:
        if question_id not in index_of:
            yield (
                (*loc, "comments", question_id),
                f"comment on unknown question '{question_id}'{did_you_mean(question_id, index_of)}",
            )


_LARGEST = sys.float_info.max


_BOOLEAN, _CHOICE, _INTEGER = FactType.BOOLEAN, FactType.CHOICE, FactType.INTEGER


def _check_facts(q: Questionnaire, rs: ResponseSet) -> Iterator[tuple[Loc, str]]:
    facts = q.compiled.facts
    for name, value in rs.facts.items():
        where: Loc = ("facts", name)
        fact = facts.get(name)
        if fact is None:
            yield where, f"unknown fact '{name}'{did_you_mean(name, facts)}"
            continue
        kind = fact.type
        if kind is _BOOLEAN:
            if value.__class__ is not bool:
                yield where, f"must be true or false, got {spelled(value)}"
            continue
        if kind is _CHOICE:
            if value not in fact.options:
                options = fact.options
                hint = did_you_mean(str(value), options)
                yield where, f"{spelled(value)} is not one of: {', '.join(options)}{hint}"
            continue
        if value.__class__ is not float and (value.__class__ is bool or not isinstance(value, int | float)):
            yield where, f"must be a number, got {spelled(value)}"
            continue
        if not -_LARGEST <= value <= _LARGEST:  # NaN, infinity, or an integer no float can hold
            yield where, f"must be a finite number, got {spelled(value)}"
            continue
        if kind is _INTEGER and not float(value).is_integer():
            yield where, f"must be a whole number, got {spelled(value)}"
            continue
        if fact.min is not None and value < fact.min:
            yield where, f"must be at least {fact.min:g}, got {spelled(value)}"
        elif fact.max is not None and value > fact.max:
            yield where, f"must be at most {fact.max:g}, got {spelled(value)}"


# --------------------------------------------------------------------------- writing


def dump_responses(responses: ResponseSet, *, format: str = "toml") -> str:
    """The response set as TOML (default) or JSON text; loading it back gives an equal model."""
    data = _without_empty(responses.model_dump(mode="json", exclude_none=True))
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    data["date"] = responses.date  # a real TOML date, not a string
    return tomli_w.dumps(data)


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty lists and tables (their defaults), so written files stay readable."""
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        kept = value
        if isinstance(value, dict):
            kept = _without_empty(value)
        elif isinstance(value, list):
            kept = [_without_empty(item) if isinstance(item, dict) else item for item in value]
        if kept in ([], {}):
            continue
        cleaned[key] = kept
    return cleaned


def _umask() -> int:
    """The process umask, read without changing it wherever the system can tell it."""
    # Linux 4.7 and later report the umask here (the calling thread's first, which differs
    # only after unshare(CLONE_FS)); binary, as the Name line may not be text
    for path in ("/proc/thread-self/status", "/proc/self/status"):
        try:
            with open(path, "rb") as status:
                for line in status:
                    if line.startswith(b"Umask:"):
                        return int(line.removeprefix(b"Umask:").strip(), 8)
        except (OSError, ValueError):
            continue
    # No readable umask (another system, an older kernel, no /proc): the only portable way to learn
    # it is to set it and put it back, which briefly changes it for every thread of the process
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, text: str) -> None:
    """Write *text* to *path* so that a crash leaves either the old file or the new one."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            # mkstemp makes the file private (0600): keep the mode of the file it replaces,
            # or give a new file the mode any other new file would get (0666 less the umask)
            os.chmod(stream.fileno(), path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
