"""Response files (TOML or JSON): read, validated against their questionnaire, every problem located.

Nothing is dropped or guessed: a response set that does not fit its questionnaire is
refused with every problem, each with file, line and data path.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pydantic

from vendormaturity.engine.checks import check_responses
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.errors import Loc, NotFoundError, Problem, ResponseError, format_path
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.sources.reader import SourceText, find_non_finite, read_document, read_source

__all__ = ["load_responses", "responses_from_dict"]


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
        problems = pydantic_problems(error, document, source, ResponseSet)
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
    found = [
        problem(loc, message)
        for loc, message in check_responses(compile_questionnaire(questionnaire), responses)
    ]
    if found:
        raise ResponseError(found, summary=f"{source.name}: {_count(found)}")
    return responses


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in response set"
