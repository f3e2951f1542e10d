"""Response files (TOML or JSON): read, validated against their questionnaire, every problem located.

Nothing is dropped or guessed: a response set that does not fit its questionnaire is
refused with every problem, each with file, line and data path.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pydantic

from vendormaturity.engine.checks import check_responses, fitted, response_notices
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.errors import Loc, NotFoundError, Problem, ResponseError, VendorMaturityError, format_path
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import FollowUp, Respondent, ResponseSet
from vendormaturity.sources.plausibility import implausible_date
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.sources.reader import SourceText, check_document, read_parsed

__all__ = ["Loaded", "load_responses", "read_responses", "responses_from_dict", "responses_from_document"]


def _bundled(questionnaire_id: str) -> Questionnaire:
    # Only bundled ids: a response file must not make the library read other files.
    known = bundled_questionnaires()
    if questionnaire_id not in known:
        raise NotFoundError(
            msg(
                "not a bundled questionnaire (bundled: {known}); load it and pass it:"
                " load_responses(path, questionnaire=...), or --questionnaire FILE on the command line",
                known=", ".join(known),
            )
        )
    return load_questionnaire(questionnaire_id)


class Loaded(NamedTuple):
    """A response set read from a file, with the notices located in that file."""

    responses: ResponseSet
    warnings: list[Problem]  # kept but not used as given: file, line, data path, message


def load_responses(
    path: str | Path, questionnaire: Questionnaire | None = None, *, accept_dates: bool = False
) -> ResponseSet:
    """Load a response set (TOML or JSON) and validate it against its questionnaire.

    Without *questionnaire*, the bundled questionnaire named by the file is used. A date
    before 1990 or more than a week ahead is refused as a likely typo unless
    *accept_dates*. Raises :class:`ResponseError` listing every problem.
    """
    return read_responses(path, questionnaire, accept_dates=accept_dates).responses


def read_responses(
    path: str | Path, questionnaire: Questionnaire | None = None, *, accept_dates: bool = False
) -> Loaded:
    """:func:`load_responses`, with the file's notices (a respondent with no answers…) located."""
    source, document = read_parsed(path, ResponseError)
    return responses_from_document(source, document, questionnaire, accept_dates=accept_dates)


def responses_from_dict(
    document: dict[str, Any],
    questionnaire: Questionnaire | None = None,
    *,
    name: str = "<responses>",
    accept_dates: bool = False,
) -> ResponseSet:
    """Validate a parsed response set (for applications that receive JSON)."""
    source = SourceText("", name, "json")
    return responses_from_document(source, document, questionnaire, accept_dates=accept_dates).responses


def responses_from_document(
    source: SourceText,
    document: dict[str, Any],
    questionnaire: Questionnaire | None = None,
    *,
    accept_dates: bool = False,
) -> Loaded:
    """Validate a parsed response file against its questionnaire, every problem located."""

    def problem(loc: Loc, message: Message) -> Problem:
        line = source.locator.line(loc)
        return Problem(message, path=format_path(document, loc), file=source.name, line=line)

    shape = None if source.checked else check_document(document, source)  # (read_document checked it)
    if shape is not None:
        raise ResponseError([shape])
    try:
        responses = ResponseSet.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, ResponseSet)
        problems += _beyond_the_schema(document, questionnaire, problem, {p.path for p in problems})
        problems.sort(key=lambda found: found.line or 0)
        raise ResponseError(problems, summary=_count(source, problems)) from None
    if questionnaire is None:
        try:
            questionnaire = _bundled(responses.questionnaire)
        except ValueError as error:
            message = msg(
                "cannot load questionnaire '{questionnaire}': {reason}",
                questionnaire=responses.questionnaire,
                reason=error.message if isinstance(error, VendorMaturityError) else error,
            )
            raise ResponseError([problem(("questionnaire",), message)]) from None
    compiled = compile_questionnaire(questionnaire)
    found = [problem(loc, message) for loc, message in fitted(compiled, responses)[1]]
    odd_date = None if accept_dates else implausible_date(responses.date)
    if odd_date is not None:
        confirm = msg(
            "{problem}; correct it, or confirm it (accept_dates=True, or --accept-dates on the command line)",
            problem=odd_date,
        )
        found.insert(0, problem(("date",), confirm))
    if found:
        raise ResponseError(found, summary=_count(source, found))
    notices = [problem(loc, message) for _, loc, message in response_notices(compiled, responses)]
    return Loaded(responses, notices)


def _beyond_the_schema(
    document: dict[str, Any],
    questionnaire: Questionnaire | None,
    problem: Callable[[Loc, Message], Problem],
    known: set[str],
) -> list[Problem]:
    """The questionnaire's checks over the parts of a file that its schema let through.

    One wrong value (a misspelt key of one respondent) must not hide the others (an answer
    off the scale for another): the respondents and follow-up entries that are valid alone
    are checked against the questionnaire, at their own index in the file.
    """
    name = document.get("questionnaire")
    if questionnaire is None:
        try:
            questionnaire = _bundled(name) if isinstance(name, str) else None
        except ValueError:
            questionnaire = None
    if questionnaire is None:
        return []
    kept: dict[str, list[tuple[int, Any]]] = {"respondents": [], "followup": []}
    for key, model in (("respondents", Respondent), ("followup", FollowUp)):
        items = document.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            try:
                kept[key].append((index, model.model_validate(item)))
            except pydantic.ValidationError:
                continue
    facts = document.get("facts")
    version = document.get("questionnaire_version")
    partial = ResponseSet.model_construct(
        questionnaire=name if isinstance(name, str) else questionnaire.id,
        questionnaire_version=version
        if isinstance(version, str) and _VERSION.match(version)
        else questionnaire.version,
        relationship="",
        client="",
        supplier="",
        date=datetime.date.min,  # (not read by the checks)
        facts={k: v for k, v in facts.items() if _is_fact_value(v)} if isinstance(facts, dict) else {},
        respondents=[item for _, item in kept["respondents"]],
        followup=[item for _, item in kept["followup"]],
    )
    found = []
    for loc, message in check_responses(compile_questionnaire(questionnaire), partial):
        where = loc
        if loc and loc[0] in kept and len(loc) > 1 and isinstance(loc[1], int):
            where = (loc[0], kept[str(loc[0])][loc[1]][0], *loc[2:])  # its index in the file
        located = problem(where, message)
        if located.path not in known:
            found.append(located)
    return found


_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def _is_fact_value(value: Any) -> bool:
    return isinstance(value, bool | int | float | str)


def _count(source: SourceText, problems: list[Problem]) -> Message:
    return nmsg(
        "{file}: {count} problem in response set",
        "{file}: {count} problems in response set",
        len(problems),
        file=source.name,
    )
