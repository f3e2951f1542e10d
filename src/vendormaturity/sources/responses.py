"""Response files (TOML or JSON): read, validated against their questionnaire, every problem located.

Nothing is dropped or guessed: a response set that does not fit its questionnaire is
refused with every problem, each with file, line and data path.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, NamedTuple

import pydantic

from vendormaturity.engine.checks import check_responses, response_notices
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.errors import Loc, NotFoundError, Problem, ResponseError, format_path
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.sources.plausibility import implausible_date
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.sources.reader import SourceText, find_non_finite, read_parsed

__all__ = ["Loaded", "load_responses", "read_responses", "responses_from_dict", "responses_from_document"]

_CONFIRM_DATES = "accept_dates=True, or --accept-dates on the command line"


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

    def problem(loc: Loc, message: str) -> Problem:
        line = source.locator.line(loc)
        return Problem(message, path=format_path(document, loc), file=source.name, line=line)

    bad_number = find_non_finite(document)
    if bad_number is not None:
        raise ResponseError([problem(bad_number, "NaN and infinity are not allowed")])
    try:
        responses = ResponseSet.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, ResponseSet)
        raise ResponseError(problems, summary=f"{source.name}: {_count(problems)}") from None
    if questionnaire is None:
        try:
            questionnaire = _bundled(responses.questionnaire)
        except ValueError as error:
            message = f"cannot load questionnaire '{responses.questionnaire}': {error}"
            raise ResponseError([problem(("questionnaire",), message)]) from None
    compiled = compile_questionnaire(questionnaire)
    found = [problem(loc, message) for loc, message in check_responses(compiled, responses)]
    odd_date = None if accept_dates else implausible_date(responses.date)
    if odd_date is not None:
        found.insert(0, problem(("date",), f"{odd_date}; correct it, or confirm it ({_CONFIRM_DATES})"))
    if found:
        raise ResponseError(found, summary=f"{source.name}: {_count(found)}")
    notices = [problem(loc, message) for _, loc, message in response_notices(compiled, responses)]
    return Loaded(responses, notices)


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in response set"
