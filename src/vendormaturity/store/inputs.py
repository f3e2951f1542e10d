"""What ``add`` reads: response files, folders of them, and (through one function) other kinds.

Each kind of input is a reader: a function from a path (and the questionnaire to check
against, if one is forced) to the response sets it holds, each with where it came from.
A new kind (exported workbooks, a survey tool's export) plugs in by adding its reader to
:data:`READERS` under the file suffixes it takes; folders are walked for every suffix
that has a reader.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

from vendormaturity.errors import NotFoundError, Problem, ValidationError
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.sources.folders import DATED
from vendormaturity.sources.reader import read_document, read_source
from vendormaturity.sources.responses import load_responses

__all__ = ["READERS", "Item", "Reader", "expand", "read_inputs"]


@attrs.frozen
class Item:
    """One response set to add, and where it came from (shown in messages, stored)."""

    responses: ResponseSet
    source: str


Reader = Callable[[Path, Questionnaire | None], list[Item]]


def _response_file(path: Path, questionnaire: Questionnaire | None) -> list[Item]:
    """A TOML or JSON response file: one response set. A saved result is refused, not skipped."""
    try:
        return [Item(load_responses(path, questionnaire), str(path))]
    except ValidationError:
        if _is_result(path):
            message = (
                "is a saved result, not a response set; the portfolio stores response sets "
                "and computes their results"
            )
            raise ValidationError([Problem(message, file=str(path))]) from None
        raise


def _is_result(path: Path) -> bool:
    read = read_source(path)
    document = read if isinstance(read, Problem) else read_document(read)
    return isinstance(document, dict) and "phase_scores" in document


# File suffix → reader. Workbooks plug in here: ".xlsx": a reader returning their response sets.
READERS: dict[str, Reader] = {".toml": _response_file, ".json": _response_file}


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """The files to read: files as given, folders walked (dated files, any depth), in a stable order.

    In a folder, only files named by date (``2026-09-15.toml``) with a known suffix are
    response sets, as in a relationship's folder; notes and expected outcomes beside them
    are left alone. Raises :class:`NotFoundError` for a path that does not exist.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders.sort()
                found.extend(
                    Path(folder) / name
                    for name in sorted(names)
                    if Path(name).suffix.lower() in READERS and DATED.match(name)
                )
        elif path.exists():
            found.append(path)
        else:
            raise NotFoundError(f"{path}: no such file or folder")
    return found


def read_inputs(paths: Sequence[Path], questionnaire: Questionnaire | None) -> Iterator[Item | Problem]:
    """Each file's response sets, or its problems (every one of them), file by file."""
    for path in paths:
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            known = ", ".join(sorted(READERS))
            yield Problem(f"cannot read this kind of file (the portfolio reads {known})", file=str(path))
            continue
        try:
            yield from reader(path, questionnaire)
        except ValidationError as error:
            yield from error.problems
        except NotFoundError as error:
            yield Problem(str(error).removeprefix(f"{path}: "), file=str(path))
