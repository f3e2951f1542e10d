"""Questionnaire files: the bundled ones, and loading any one with every check.

A file is read through the guarded reader, validated against the schema, then every
cross-reference and rule expression is checked; all problems are reported together,
each with file, line and data path.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pydantic

from vendormaturity.engine.compiler import compile_checked
from vendormaturity.errors import Loc, NotFoundError, Problem, QuestionnaireError, format_path
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.references import check_references
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.reader import SourceText, check_document, read_document, read_parsed

__all__ = [
    "bundled_questionnaires",
    "load_questionnaire",
    "questionnaire_from_dict",
    "questionnaire_from_document",
    "segment_order",
]

_BUNDLED_PACKAGE = "vendormaturity"


def _bundled_folder() -> Traversable | Path:
    """The bundled questionnaires: inside the installed wheel, or the repository's folder."""
    packaged = importlib.resources.files(_BUNDLED_PACKAGE) / "questionnaires"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts: the single copy at the repository root.
    return Path(__file__).resolve().parents[3] / "questionnaires"


def bundled_questionnaires() -> list[str]:
    """Ids of the questionnaires shipped with the package, sorted."""
    return list(_bundled_ids())


@functools.cache
def _bundled_ids() -> tuple[str, ...]:
    """The bundled folder, listed once per process: what the package ships does not change
    while it runs, and every response file read asks which questionnaires are bundled."""
    folder = _bundled_folder()
    if not folder.is_dir():  # pragma: no cover - a broken installation
        return ()
    return tuple(
        sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir() if entry.name.endswith(".toml"))
    )


def load_questionnaire(id_or_path: str | Path) -> Questionnaire:
    """Load and fully validate a questionnaire: a bundled id (``"relationship"``) or a path.

    Raises :class:`QuestionnaireError` listing every problem, or :class:`NotFoundError`.
    """
    text_id = str(id_or_path)
    if isinstance(id_or_path, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", id_or_path):
        bundled = _load_bundled(id_or_path)
        if bundled is not None:
            return bundled
        if not Path(id_or_path).exists():
            known = ", ".join(bundled_questionnaires())
            raise NotFoundError(
                msg(
                    "no bundled questionnaire '{questionnaire}' (bundled: {known}) and no such file",
                    questionnaire=text_id,
                    known=known,
                )
            )
    return questionnaire_from_document(*read_parsed(id_or_path, QuestionnaireError))


@functools.lru_cache(maxsize=16)
def _load_bundled(questionnaire_id: str) -> Questionnaire | None:
    """A bundled questionnaire, loaded once: every caller shares it and its compiled form
    (the models are frozen), so that a response file and its assessment agree on it."""
    candidate = _bundled_folder() / f"{questionnaire_id}.toml"
    if not candidate.is_file():
        return None
    return _load(SourceText(candidate.read_text(encoding="utf-8"), f"{questionnaire_id}.toml", "toml"))


def questionnaire_from_dict(document: dict[str, Any], *, name: str = "<questionnaire>") -> Questionnaire:
    """Validate a parsed questionnaire (for callers that build one in code)."""
    return questionnaire_from_document(SourceText("", name, "json"), document)


def _load(source: SourceText) -> Questionnaire:
    document = read_document(source)
    if isinstance(document, Problem):
        raise QuestionnaireError([document])
    return questionnaire_from_document(source, document)


def questionnaire_from_document(source: SourceText, document: dict[str, Any]) -> Questionnaire:
    """Validate a parsed questionnaire file: schema, references and rules, every problem located."""
    shape = None if source.checked else check_document(document, source)  # (read_document checked it)
    if shape is not None:
        raise QuestionnaireError([shape])
    try:
        questionnaire = Questionnaire.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, Questionnaire)
        raise QuestionnaireError(problems, summary=_count(source, problems)) from None
    _, compile_problems = compile_checked(questionnaire)
    found = [*check_references(questionnaire), *compile_problems]
    if found:
        problems = sorted(
            (_problem(document, source, loc, message) for loc, message in found),
            key=lambda problem: problem.line or 0,
        )
        raise QuestionnaireError(problems, summary=_count(source, problems))
    return questionnaire


def _count(source: SourceText, problems: Sequence[Problem]) -> Message:
    return nmsg(
        "{file}: {count} problem in questionnaire",
        "{file}: {count} problems in questionnaire",
        len(problems),
        file=source.name,
    )


def _problem(document: Any, source: SourceText, loc: Loc, message: str) -> Problem:
    return Problem(message, path=format_path(document, loc), file=source.name, line=source.locator.line(loc))


def segment_order() -> list[str]:
    """The segments, the most exposed first: the order of the ``segment`` fact's choices in the
    bundled questionnaires (how the portfolio page ranks them)."""
    order: list[str] = []
    for questionnaire in bundled_questionnaires():
        for fact in load_questionnaire(questionnaire).facts:
            if fact.id == "segment":
                order += [choice.value for choice in fact.choices or [] if choice.value not in order]
    return order
