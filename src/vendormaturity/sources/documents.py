"""One data file of any kind, told apart by its content: a questionnaire, responses or a result.

The file is read and parsed once, through the guarded reader; its kind is decided from
the parsed content, never by reading the file a second time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pydantic

from vendormaturity.errors import ValidationError
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.result import AssessmentResult
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.questionnaires import questionnaire_from_document
from vendormaturity.sources.reader import SourceText, read_parsed
from vendormaturity.sources.responses import Loaded, responses_from_document

__all__ = ["Kind", "kind_of", "load_document", "load_result", "looks_like_responses", "result_from_document"]

Kind = Literal["questionnaire", "responses", "result"]


def kind_of(document: dict[str, Any]) -> Kind:
    """``questionnaire`` (it has questions), ``result`` (phase scores) or else ``responses``."""
    if "questions" in document:
        return "questionnaire"
    if "phase_scores" in document:
        return "result"
    return "responses"


def looks_like_responses(path: str | Path) -> bool:
    """Whether *path* parses as a response file (it has respondents), valid or not."""
    try:
        _, document = read_parsed(path)
    except ValidationError:
        return False
    return kind_of(document) == "responses" and "respondents" in document


def load_result(path: str | Path) -> AssessmentResult:
    """Load a result saved as JSON (``result.model_dump_json()``)."""
    return result_from_document(*read_parsed(path))


def result_from_document(source: SourceText, document: dict[str, Any]) -> AssessmentResult:
    """Validate a parsed result file."""
    try:
        return AssessmentResult.model_validate(document)
    except pydantic.ValidationError as error:
        raise ValidationError(pydantic_problems(error, document, source, AssessmentResult)) from None


def load_document(
    path: str | Path, questionnaire: Questionnaire | None = None, *, accept_dates: bool = False
) -> Questionnaire | Loaded | AssessmentResult:
    """Load any data file, validated as what its content says it is.

    Response files are checked against *questionnaire* (or the bundled one they name).
    Raises the :class:`ValidationError` of the kind found, every problem located.
    """
    source, document = read_parsed(path)
    kind = kind_of(document)
    if kind == "questionnaire":
        return questionnaire_from_document(source, document)
    if kind == "result":
        return result_from_document(source, document)
    return responses_from_document(source, document, questionnaire, accept_dates=accept_dates)
