"""Failures as people and programs read them: a status code and a clear message, never a traceback.

Every failure is an :class:`HttpError`: JSON under ``/api/`` (``{"error": {"status",
"code", "message", "problems"}}``), an HTML page elsewhere, in the language the request
asks for (``Accept-Language``). Problems located in a request body keep their line and
data path, as the command line says them of a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vendormaturity.errors import Problem, ValidationError, VendorMaturityError
from vendormaturity.i18n import SOURCE_LANGUAGE, Message, languages, msg, translate

__all__ = ["HttpError", "from_library", "language_of", "problem_json"]


class HttpError(Exception):
    """A failure with its HTTP status, a short code for programs and a message for people."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        problems: Sequence[Problem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.problems = tuple(problems)
        self.headers = headers or {}

    def body(self, lang: str) -> dict[str, Any]:
        return {
            "error": {
                "status": self.status,
                "code": self.code,
                "message": translate(self.message, lang),
                "problems": [problem_json(problem, lang) for problem in self.problems],
            }
        }


def problem_json(problem: Problem, lang: str) -> dict[str, Any]:
    """One located problem: where (file, line, data path) and what is wrong, in *lang*."""
    return {
        "file": problem.file,
        "line": problem.line,
        "path": problem.path or None,
        "message": translate(problem.message, lang),
    }


def from_library(error: VendorMaturityError, status: int = 422, code: str = "invalid") -> HttpError:
    """A library error as an HTTP failure, its located problems kept."""
    if isinstance(error, ValidationError):
        summary: str = error.summary or _problems(len(error.problems))
        return HttpError(status, code, summary, problems=error.problems)
    return HttpError(status, code, error.message)


def _problems(count: int) -> Message:
    from vendormaturity.i18n import nmsg

    return nmsg("{count} problem found", "{count} problems found", count)


def language_of(header: str | None, *, default: str = SOURCE_LANGUAGE) -> str:
    """The first language of an ``Accept-Language`` header that the catalogues speak."""
    known = languages()
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")[:20]):
        tag, _, rest = part.strip().partition(";")
        quality = 1.0
        if rest.strip().startswith("q="):
            try:
                quality = float(rest.strip()[2:])
            except ValueError:
                quality = 0.0
        base = tag.strip().lower().split("-")[0]
        if base in known:
            weighted.append((-quality, index, base))
    return min(weighted)[2] if weighted else default


NOT_FOUND = msg("nothing here")
