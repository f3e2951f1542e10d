"""Reading a relationship's history: saved results and folders of dated response files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pydantic

from vendormaturity.errors import NotFoundError, Problem, ResponseError, ValidationError
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.reader import read_document, read_source
from vendormaturity.sources.responses import load_responses

__all__ = ["load_history", "load_result", "response_files"]

RESPONSE_SUFFIXES = (".toml", ".json")


def load_result(path: str | Path) -> AssessmentResult:
    """Load a result saved as JSON (``result.model_dump_json()``)."""
    read = read_source(path)
    if isinstance(read, Problem):
        raise ValidationError([read])
    document = read_document(read)
    if isinstance(document, Problem):
        raise ValidationError([document])
    try:
        return AssessmentResult.model_validate(document)
    except pydantic.ValidationError as error:
        raise ValidationError(pydantic_problems(error, document, read, AssessmentResult)) from None


DATED = re.compile(r"^\d{4}-\d{2}(-\d{2})?")


def response_files(folder: str | Path) -> list[Path]:
    """The dated files of a relationship folder (``2026-09-15.toml``, ``2026-03.json``…), by name.

    Only files whose name starts with a date belong to the relationship's history, so a
    folder may also hold notes or expected outcomes without them being read as answers.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotFoundError(f"{folder}: no such folder")
    files = [
        p for p in folder.iterdir() if p.is_file() and p.suffix in RESPONSE_SUFFIXES and DATED.match(p.name)
    ]
    if not files:
        raise NotFoundError(
            f"{folder}: no dated response files; name them by date, e.g. 2026-09-15.toml or 2026-09-15.json"
        )
    return sorted(files, key=lambda p: p.name)


def _is_result(path: Path) -> bool:
    if path.suffix != ".json":
        return False
    try:
        return "phase_scores" in json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return False


def load_history(
    folder: str | Path, questionnaire: Questionnaire | None = None
) -> tuple[ResponseSet, list[ResponseSet | AssessmentResult]]:
    """The newest response set of a folder, and the older assessments as its history.

    Files are ordered by their ``date``; saved result JSON files count as history.
    Every file is validated and all problems are reported together.
    """
    loaded: list[ResponseSet | AssessmentResult] = []
    problems: list[Problem] = []
    for path in response_files(folder):
        try:
            loaded.append(load_result(path) if _is_result(path) else load_responses(path, questionnaire))
        except ValidationError as error:
            problems.extend(error.problems)
    if problems:
        raise ResponseError(
            problems, summary=f"{folder}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
        )
    loaded.sort(key=lambda item: item.date)
    current = loaded[-1]
    if not isinstance(current, ResponseSet):
        raise ResponseError(
            [
                Problem(
                    "the newest file is a saved result; the newest assessment must be a response file",
                    file=str(folder),
                )
            ]
        )
    return current, loaded[:-1]
