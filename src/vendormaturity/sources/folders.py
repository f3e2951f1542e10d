"""A relationship's folder: its dated response files (and saved results), read as one history.

Only files whose name starts with a date (``2026-09-15.toml``, ``2026-03.json``) belong
to the relationship's history, so a folder may also hold notes or expected outcomes. The
files must tell one story: one relationship, one questionnaire, one assessment a date;
a problem that concerns several files names them all.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.engine.standing import complete_history, standing_facts
from vendormaturity.errors import NotFoundError, Problem, ResponseError, ValidationError
from vendormaturity.i18n import N_, Message, joined, msg, nmsg, pmsg
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import FactOrigin, FactValue, ResponseSet
from vendormaturity.model.result import AssessmentResult
from vendormaturity.sources.documents import load_document
from vendormaturity.sources.listing import DATED, RESPONSE_SUFFIXES
from vendormaturity.sources.responses import Loaded

__all__ = [
    "DATED",
    "RESPONSE_SUFFIXES",
    "Carried",
    "History",
    "Targets",
    "carried_facts",
    "load_history",
    "read_history",
    "response_files",
    "story_problems",
    "targets",
]

# Translators: between the items of a list ("a says x; b says y")
_SEMICOLON = pmsg("list separator", "; ")

_IMPORTABLE = {
    ".csv": msg("a CSV file"),
    ".xlsx": msg("an Excel file"),
    ".xls": msg("an Excel file"),
    ".ods": msg("a spreadsheet file"),
}


class History(NamedTuple):
    """The newest response set of a folder, the older assessments oldest first, and notices."""

    current: ResponseSet
    earlier: list[ResponseSet | AssessmentResult]
    warnings: list[Problem]


class Targets(NamedTuple):
    """What a list of paths given by a person holds: the order they gave is kept."""

    found: list[Path]  # response files (or any data file) and relationship folders
    skipped: list[tuple[Path, Message]]  # (path, why) of what was left aside in a batch
    problems: list[Problem]  # paths that lead nowhere


def targets(paths: Sequence[Path]) -> Targets:
    """Sort the paths of a command: a file is read whatever its name; a folder must hold dated
    response files. In a batch of several paths (a shell glob such as ``examples/*``), a file
    that is not TOML or JSON and a folder with no TOML or JSON file at all are skipped, with
    the reason; alone, they are problems. An empty folder is always a problem."""
    batch = len(paths) > 1
    found: list[Path] = []
    skipped: list[tuple[Path, Message]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            dated = _dated_files(path)
            if isinstance(dated, Message):
                data = [p for p in path.iterdir() if p.suffix.lower() in RESPONSE_SUFFIXES]
                entries = any(path.iterdir())
                if batch and entries and not data:
                    skipped.append((path, msg("a folder with no TOML or JSON file")))
                else:
                    problems.append(Problem(dated, file=str(path)))
                continue
        elif not path.exists() and not path.is_symlink():
            problems.append(Problem(msg("no such file or folder"), file=str(path)))
            continue
        elif batch and path.is_file() and path.suffix.lower() not in RESPONSE_SUFFIXES:
            skipped.append((path, msg("not a TOML or JSON file")))
            continue
        found.append(path)
    return Targets(found, skipped, problems)


def response_files(folder: str | Path) -> list[Path]:
    """The dated TOML and JSON files of a relationship folder, by name.

    Raises :class:`NotFoundError` when there are none, saying what the folder holds instead.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotFoundError(Problem(msg("no such folder"), file=str(folder)).as_message())
    dated = _dated_files(folder)
    if isinstance(dated, Message):
        raise NotFoundError(Problem(dated, file=str(folder)).as_message())
    return dated


def _dated_files(folder: Path) -> list[Path] | Message:
    """The dated TOML and JSON files of *folder*, by name, or what it holds instead."""
    entries = sorted(path for path in folder.iterdir() if path.is_file())
    files = [path for path in entries if path.suffix.lower() in RESPONSE_SUFFIXES and DATED.match(path.name)]
    if files:
        return files
    if not entries:
        return msg("the folder is empty; a relationship folder holds dated response files")
    importable = next((path for path in entries if path.suffix.lower() in _IMPORTABLE), None)
    if importable is None:
        return msg("no dated response files; name them by date, e.g. 2026-09-15.toml or 2026-09-15.json")
    return msg(
        "no dated response files; name them by date, e.g. 2026-09-15.toml or 2026-09-15.json"
        " ({file} is {kind}: make it a response file with `vendormaturity import`)",
        file=importable.name,
        kind=_IMPORTABLE[importable.suffix.lower()],
    )


def load_history(
    folder: str | Path, questionnaire: Questionnaire | None = None, *, accept_dates: bool = False
) -> tuple[ResponseSet, list[ResponseSet | AssessmentResult]]:
    """The newest response set of a folder, and the older assessments as its history.

    Files are ordered by their ``date``; saved result JSON files count as history. Every
    file is validated and all problems are reported together, each naming its file. A
    standing fact a round does not give is carried from the last earlier file that gave it,
    and the derived facts are computed, each with its origin (the file it came from).
    """
    current, earlier, _ = read_history(folder, questionnaire, accept_dates=accept_dates)
    return current, earlier


def read_history(
    folder: str | Path, questionnaire: Questionnaire | None = None, *, accept_dates: bool = False
) -> History:
    """:func:`load_history`, with the notices of every file located (file, line, data path)."""
    folder = Path(folder)
    loaded: list[tuple[Path, ResponseSet | AssessmentResult]] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in response_files(folder):
        try:
            item = load_document(path, questionnaire, accept_dates=accept_dates)
        except ValidationError as error:
            problems.extend(error.problems)
            continue
        if isinstance(item, Questionnaire):
            message = msg(
                "is a questionnaire, not an assessment; keep questionnaires out of relationship folders"
            )
            problems.append(Problem(message, file=str(path)))
        elif isinstance(item, Loaded):
            loaded.append((path, item.responses))
            warnings.extend(item.warnings)
        else:
            loaded.append((path, item))
    if not problems:
        problems.extend(story_problems(folder, loaded))
        warnings.extend(_name_warnings(loaded))
    if problems:
        raise ResponseError(
            problems,
            summary=nmsg(
                "{folder}: {count} problem", "{folder}: {count} problems", len(problems), folder=str(folder)
            ),
        )
    loaded.sort(key=lambda pair: pair[1].date)
    newest_path, current = loaded[-1]
    if not isinstance(current, ResponseSet):
        message = msg("the newest file is a saved result; the newest assessment must be a response file")
        raise ResponseError([Problem(message, file=str(newest_path))])
    files = [path.name for path, _ in loaded[:-1]]
    earlier = [item for _, item in loaded[:-1]]
    compiled = _compiled(questionnaire, current)
    if compiled is not None:
        current, earlier = complete_history(compiled, current, earlier, files)
    return History(current, earlier, warnings)


def _compiled(questionnaire: Questionnaire | None, current: ResponseSet) -> CompiledQuestionnaire | None:
    """The questionnaire the folder's facts are completed with: the one given, or the bundled
    one the newest file names (a questionnaire of its own file is left to ``assess``)."""
    from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire

    if questionnaire is None:
        if current.questionnaire not in bundled_questionnaires():
            return None
        questionnaire = load_questionnaire(current.questionnaire)
    return compile_questionnaire(questionnaire)


class Carried(NamedTuple):
    """What a relationship's earlier rounds leave known for its next one."""

    facts: dict[str, FactValue]  # the standing facts, by id
    origins: dict[str, FactOrigin]  # where each came from: the round (date, file) that gave it
    previous: ResponseSet | None  # the newest earlier round (its relationship, client, supplier)

    def into(self, responses: ResponseSet) -> tuple[ResponseSet, list[str]]:
        """*responses* with the standing facts it does not give, and the ids of those added."""
        added = [fact for fact in self.facts if fact not in responses.facts]
        if not added:
            return responses, []
        facts = {**responses.facts, **{fact: self.facts[fact] for fact in added}}
        origins = {**responses.origins, **{fact: self.origins[fact] for fact in added}}
        return responses.model_copy(update={"facts": facts, "origins": origins}), added


def carried_facts(
    source: str | Path,
    questionnaire: Questionnaire,
    *,
    before: datetime.date | None = None,
    relationship: str | None = None,
    accept_dates: bool = False,
) -> Carried:
    """The standing facts of a relationship's earlier rounds, for its next round.

    *source* is a response file (the previous round) or a relationship folder (its dated
    response files; only those dated before *before*, and of *relationship*, when given).
    Each fact is the value of the last round that gave it. Raises :class:`ResponseError`
    with every problem of the files read; *accept_dates* confirms their unlikely dates.
    """
    source = Path(source)
    paths = response_files(source) if source.is_dir() else [source]
    rounds: list[tuple[Path, ResponseSet]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            item = load_document(path, questionnaire, accept_dates=accept_dates)
        except ValidationError as error:
            problems.extend(error.problems)
            continue
        if not isinstance(item, Loaded):
            continue
        rs = item.responses
        if (before is None or rs.date < before) and relationship in (None, rs.relationship):
            rounds.append((path, rs))
    if problems:
        raise ResponseError(
            problems,
            summary=nmsg(
                "{source}: {count} problem", "{source}: {count} problems", len(problems), source=source
            ),
        )
    rounds.sort(key=lambda pair: pair[1].date)
    known = standing_facts(
        compile_questionnaire(questionnaire), [rs for _, rs in rounds], [str(path) for path, _ in rounds]
    )
    return Carried(
        facts={fact: value for fact, (value, _) in known.items()},
        origins={fact: origin for fact, (_, origin) in known.items()},
        previous=rounds[-1][1] if rounds else None,
    )


def story_problems(folder: Path, loaded: list[tuple[Path, ResponseSet | AssessmentResult]]) -> list[Problem]:
    """One relationship, one questionnaire (major version), one assessment a date: or which files differ."""
    problems = []
    checks: tuple[tuple[str, Callable[[ResponseSet | AssessmentResult], str]], ...] = (
        (
            N_("files are of different relationships: {listed}; keep one per folder"),
            lambda item: item.relationship,
        ),
        (
            N_("files answer different questionnaires: {listed}; keep one per folder"),
            lambda item: f"{Path(item.questionnaire).stem} {item.questionnaire_version.split('.')[0]}.x",
        ),
    )
    for differ, key in checks:
        groups = _group(loaded, key)
        if len(groups) > 1:
            listed = joined(
                _SEMICOLON,
                (
                    msg("{value} in {files}", value=value, files=", ".join(names))
                    for value, names in groups.items()
                ),
            )
            problems.append(Problem(msg(differ, listed=listed), file=str(folder)))
    for date, names in _group(loaded, lambda item: item.date.isoformat()).items():
        if len(names) > 1:
            files, last = ", ".join(names[:-1]), names[-1]
            message = (
                msg(
                    "{files} and {last} are both dated {date}; keep one assessment a date",
                    files=files,
                    last=last,
                    date=date,
                )
                if len(names) == 2
                else msg(
                    "{files} and {last} are all dated {date}; keep one assessment a date",
                    files=files,
                    last=last,
                    date=date,
                )
            )
            problems.append(Problem(message, file=str(folder)))
    return problems


def _group(
    loaded: list[tuple[Path, ResponseSet | AssessmentResult]],
    key: Callable[[ResponseSet | AssessmentResult], str],
) -> dict[str, list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for path, item in loaded:
        groups[key(item)].append(path.name)
    return dict(groups)


def _name_warnings(loaded: list[tuple[Path, ResponseSet | AssessmentResult]]) -> list[Problem]:
    """A file named for one date but dated another: the content's date counts, say so."""
    warnings = []
    for path, item in loaded:
        named = DATED.match(path.name)
        if named and not item.date.isoformat().startswith(named.group(1)):
            message = msg(
                "named {named} but dated {date}; the date inside counts",
                named=named.group(1),
                date=item.date.isoformat(),
            )
            warnings.append(Problem(message, path="date", file=str(path)))
    return warnings
