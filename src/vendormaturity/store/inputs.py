"""What ``add`` reads: response files, folders of them, and (through one function) other kinds.

Each kind of input is a reader: a function from a path (and the questionnaire to check
against, if one is forced) to the response sets it holds, each with where it came from.
A new kind (exported workbooks, a survey tool's export) plugs in by adding its reader to
:data:`READERS` under the file suffixes it takes; folders are walked for every suffix
that has a reader.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

from vendormaturity.errors import NotFoundError, Problem, ValidationError
from vendormaturity.i18n import Message, msg
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.sources.documents import kind_of
from vendormaturity.sources.listing import DATED, RESPONSE_SUFFIXES, WORKBOOK_SUFFIXES, expand
from vendormaturity.sources.reader import read_parsed
from vendormaturity.sources.responses import responses_from_document

__all__ = ["GROUP_READERS", "READERS", "GroupReader", "Item", "Reader", "expand", "read_inputs"]


@attrs.frozen
class Item:
    """One response set to add, and where it came from (shown in messages, stored)."""

    responses: ResponseSet
    source: str


Reader = Callable[[Path, Questionnaire | None], list[Item]]


def _response_file(path: Path, questionnaire: Questionnaire | None) -> list[Item]:
    """A TOML or JSON response file: one response set. A saved result is refused, not skipped."""
    source, document = read_parsed(path)
    if kind_of(document) == "result":
        message = msg(
            "is a saved result, not a response set; the portfolio stores response sets and computes their"
            " results"
        )
        raise ValidationError([Problem(message, file=str(path))])
    return [Item(responses_from_document(source, document, questionnaire).responses, str(path))]


# File suffix → reader of one file.
READERS: dict[str, Reader] = dict.fromkeys(RESPONSE_SUFFIXES, _response_file)

GroupReader = Callable[[list[Path], Questionnaire | None], list[Item]]


def _workbooks(paths: list[Path], questionnaire: Questionnaire | None) -> list[Item]:
    """The workbooks of one round – one respondent each, both sides – as one response set."""
    from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
    from vendormaturity.sources.workbook import read_workbooks, workbook_questionnaire

    q = questionnaire
    if q is None:
        named = workbook_questionnaire(paths[0])
        if named is None or named not in bundled_questionnaires():
            message = (
                msg(
                    "names no bundled questionnaire; give it as questionnaire= (--questionnaire FILE on the"
                    " command line)"
                )
                if named is not None
                else msg("is not a workbook exported by vendormaturity")
            )
            raise ValidationError([Problem(message, file=str(paths[0]))])
        q = load_questionnaire(named)
    folder = paths[0].parent.name
    round_date = _folder_date(folder)
    day = round_date if isinstance(round_date, datetime.date) else None
    collected = read_workbooks(q, paths, default_date=day)
    said = collected.responses.date.isoformat()
    if round_date is not None and not said.startswith(str(round_date)):
        raise ValidationError(
            [
                Problem(
                    msg(
                        "the round's folder is named {folder} but its workbooks are dated {date}: rename the "
                        "folder, or export the workbooks again with --date",
                        folder=folder,
                        date=said,
                    ),
                    file=str(paths[0].parent),
                )
            ]
        )
    return [Item(collected.responses, ", ".join(str(path) for path in paths))]


def _folder_date(folder: str) -> datetime.date | str | None:
    """The day (``2026-09-15``) or month (``2026-09``) a round's folder is named by, if any."""
    found = DATED.match(folder)
    if found is None:
        return None
    text = found.group(1)
    if len(text) == 7:
        return text
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


# File suffix → reader of the files of one folder together: the workbooks of a round.
GROUP_READERS: dict[str, GroupReader] = dict.fromkeys(WORKBOOK_SUFFIXES, _workbooks)


def read_inputs(paths: Sequence[Path], questionnaire: Questionnaire | None) -> Iterator[Item | Problem]:
    """Each file's response sets, or its problems (every one of them), file by file; the
    workbooks of one folder are one round, read together."""
    groups: dict[tuple[str, Path], list[Path]] = {}
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in GROUP_READERS:
            groups.setdefault((suffix, path.parent), []).append(path)
            continue
        reader = READERS.get(suffix)
        if reader is None:
            known = ", ".join(sorted({*READERS, *GROUP_READERS}))
            yield Problem(
                msg("cannot read this kind of file (the portfolio reads {known})", known=known),
                file=str(path),
            )
            continue
        yield from _read(path, functools.partial(reader, path, questionnaire))
    for (suffix, _), group in groups.items():
        yield from _read(group[0], functools.partial(GROUP_READERS[suffix], group, questionnaire))


def _read(path: Path, read: Callable[[], list[Item]]) -> Iterator[Item | Problem]:
    """What *read* gives, or the problems it raised, located at *path* when they are not."""
    try:
        yield from read()
    except ValidationError as error:
        yield from error.problems
    except NotFoundError as error:
        yield Problem(_without_file(error.message, path), file=str(path))


def _without_file(message: str, path: Path) -> str:
    """*message* less its leading ``path: `` (the problem names the file itself)."""
    if isinstance(message, Message) and message.values.get("file") == str(path):
        inner = message.values.get("message")
        if isinstance(inner, str):
            return inner
    return message.removeprefix(f"{path}: ")
