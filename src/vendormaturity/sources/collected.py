"""Answers gathered from several files (workbooks, survey exports) merged into one response set.

Each reader turns a file into a :class:`Batch`: the respondents it holds, each value with
the cell or row it came from, the facts, what the file says about the relationship, and
every problem found. :func:`assemble` merges batches, checks the result against the
questionnaire with the same checks as a response file, and reports each problem at its
cell (``Réponses!D14``) or row. With ``keep_partial`` the values a problem touches are
left out and listed; without it, any problem refuses the whole import. Nothing is guessed:
two different answer sets from the same respondent, or two values of one fact, are both
left out rather than one chosen.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

import attrs
import pydantic

from vendormaturity.engine.checks import check_responses, response_notices
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.errors import Loc, Problem, ResponseError, format_path
from vendormaturity.i18n import Message, joined, msg, nmsg, ntr, pmsg, tr, translate
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import FactValue, Respondent, ResponseSet
from vendormaturity.sources.plausibility import implausible_date
from vendormaturity.sources.problems import pydantic_problems

__all__ = ["Batch", "Collected", "FactCell", "Origin", "Submission", "assemble", "dump_collected", "plural"]

# Translators: between the items of a list ("a says x; b says y")
_SEMICOLON = pmsg("list separator", "; ")

META_KEYS = ("relationship", "client", "supplier", "date")
_DEFAULTS: dict[str, str] = {"client": "Client", "supplier": "Supplier"}
MAX_NAME = 200  # the response format's limits, checked where the value is still located
MAX_TEXT = 10_000


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@attrs.frozen
class Origin:
    """Where a value was read: the file, and the cell (``Réponses!D14``) or row and column."""

    file: str
    where: str

    def problem(self, message: Message) -> Problem:
        return Problem(message, path=self.where, file=self.file)


@attrs.define
class Submission:
    """One respondent as read from one file, with the origin of every value."""

    origin: Origin  # where the respondent is named
    respondent: Respondent
    cells: dict[tuple[str, str], Origin] = attrs.Factory(dict)  # ("answers" | "comments", question id)

    def content(self) -> tuple[object, ...]:
        person = self.respondent
        return (person.side, person.role, person.name, person.answers, person.comments, person.comment)


@attrs.frozen
class FactCell:
    value: FactValue
    origin: Origin


@attrs.define
class Batch:
    """What one file gave: respondents, facts, what it says of the relationship, problems."""

    file: str
    submissions: list[Submission] = attrs.Factory(list)
    facts: dict[str, FactCell] = attrs.Factory(dict)
    meta: dict[str, tuple[str | datetime.date, Origin]] = attrs.Factory(dict)
    problems: list[Problem] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)


@attrs.frozen
class Collected:
    """The merged response set, what was left out (only with ``keep_partial``), where each one was read."""

    responses: ResponseSet
    left_out: tuple[Problem, ...]
    notes: tuple[str, ...]
    origins: tuple[tuple[str, Origin], ...]  # (respondent id, where it was read)
    files: tuple[str, ...] = ()


def assemble(
    q: Questionnaire,
    batches: Sequence[Batch],
    *,
    keep_partial: bool = False,
    relationship: str | None = None,
    client: str | None = None,
    supplier: str | None = None,
    date: datetime.date | None = None,
    default_date: datetime.date | None = None,
    accept_dates: bool = False,
) -> Collected:
    """Merge *batches* into one response set for *q*; raise :class:`ResponseError` on any problem.

    Explicit *relationship*, *client*, *supplier* and *date* win over what the files say;
    files that disagree are a problem. Without either, client and supplier are named
    ``Client`` and ``Supplier`` and the date is *default_date*, else today. A date no one
    can have meant (before 1990, or more than a week ahead) is a problem unless
    *accept_dates*, as for a response file.
    """
    problems = [problem for batch in batches for problem in batch.problems]
    notes = [note for batch in batches for note in batch.notes]
    given: dict[str, str | datetime.date | None] = {
        "relationship": relationship,
        "client": client,
        "supplier": supplier,
        "date": date,
    }
    submissions = _unique(
        [submission for batch in batches for submission in batch.submissions], problems, notes
    )
    if not submissions:
        if not problems:
            problems.append(Problem(msg("no respondent could be read from {files}", files=_files(batches))))
        raise ResponseError(problems, summary=_summary(problems))
    meta = _meta(batches, given, problems, default_date)
    odd = None if accept_dates else implausible_date(meta["date"])  # type: ignore[arg-type]
    if odd is not None:
        where = _date_origin(batches, date)
        problems.insert(
            0, where.problem(msg("{reason}; correct it, or confirm it with --accept-dates", reason=odd))
        )
    facts = _facts(batches, problems)
    responses = _response_set(q, meta, submissions, facts, problems)
    found = _check(q, responses, submissions, facts)
    if found and keep_partial:
        responses = _without(responses, found, submissions, facts)
    problems.extend(problem for problem, _ in found)
    notes.extend(_notices(q, responses, submissions, facts))
    if problems and not keep_partial:
        raise ResponseError(problems, summary=_summary(problems))
    origins = tuple((submission.respondent.id, submission.origin) for submission in submissions)
    return Collected(
        responses, tuple(problems), tuple(notes), origins, tuple(batch.file for batch in batches)
    )


def _files(batches: Sequence[Batch]) -> str:
    return ", ".join(batch.file for batch in batches) or msg("no file")


def _summary(problems: list[Problem]) -> Message:
    return nmsg(
        "{count} problem found; nothing was imported (fix them, or keep the valid answers with"
        " keep_partial=True: --keep-partial on the command line)",
        "{count} problems found; nothing was imported (fix them, or keep the valid answers with"
        " keep_partial=True: --keep-partial on the command line)",
        len(problems),
    )


def _date_origin(batches: Sequence[Batch], given: datetime.date | None) -> Origin:
    """Where the date was read: the option, or the first file that says it."""
    if given is None:
        for batch in batches:
            if "date" in batch.meta:
                return batch.meta["date"][1]
    return Origin("--date", "")


def _meta(
    batches: Sequence[Batch],
    given: dict[str, str | datetime.date | None],
    problems: list[Problem],
    default_date: datetime.date | None = None,
) -> dict[str, str | datetime.date]:
    """What the files agree on about the relationship, unless given; disagreements are problems."""
    meta: dict[str, str | datetime.date] = {}
    before = len(problems)
    for key in META_KEYS:
        explicit = given[key]
        if explicit is not None:
            meta[key] = explicit
            continue
        said = [batch.meta[key] for batch in batches if key in batch.meta]
        values = {value for value, _ in said}
        if len(values) > 1:
            listed = joined(
                _SEMICOLON,
                (
                    msg("{file} says {value}", file=origin.file, value=_quoted(value))
                    for value, origin in said
                ),
            )
            problems.append(
                said[0][1].problem(
                    msg(
                        "the files give different values of {key} ({listed}): give {key}= (--{key} on"
                        " the command line)",
                        key=key,
                        listed=listed,
                    )
                )
            )
        elif values:
            meta[key] = values.pop()
    if "relationship" not in meta and len(problems) == before:
        problems.append(
            Problem(
                msg(
                    "the relationship is not named: no file names it; give relationship= (--relationship"
                    " on the command line), or export the workbooks with the relationship named"
                )
            )
        )
    if len(problems) > before:  # a response file cannot be written without these: never a default
        raise ResponseError(problems, summary=_summary(problems))
    for key, value in _DEFAULTS.items():
        meta.setdefault(key, value)
    meta.setdefault("date", default_date or datetime.date.today())
    return meta


def _quoted(value: str | datetime.date) -> str:
    # Translators: a value quoted in a message; French quotes with guillemets
    return value.isoformat() if isinstance(value, datetime.date) else msg("'{text}'", text=value)


def _unique(submissions: list[Submission], problems: list[Problem], notes: list[str]) -> list[Submission]:
    """One submission per respondent id: identical copies are read once, different ones left out."""
    groups: dict[str, list[Submission]] = {}
    for submission in submissions:
        groups.setdefault(submission.respondent.id, []).append(submission)
    kept: list[Submission] = []
    for person, group in groups.items():
        first = group[0]
        if all(other.content() == first.content() for other in group[1:]):
            kept.append(first)
            notes.extend(
                msg(
                    "{file}: respondent '{respondent}' is the same as in {other} (same answers): read once",
                    file=other.origin.file,
                    respondent=person,
                    other=first.origin.file,
                )
                for other in group[1:]
            )
            continue
        for submission in group:
            elsewhere = ", ".join(
                f"{other.origin.file} ({other.origin.where})" for other in group if other is not submission
            )
            problems.append(
                submission.origin.problem(
                    msg(
                        "respondent '{respondent}' also answered in {elsewhere}, with different answers;"
                        " keep one of them (a --keep-partial import leaves both out)",
                        respondent=person,
                        elsewhere=elsewhere,
                    )
                )
            )
    return kept


def _facts(batches: Sequence[Batch], problems: list[Problem]) -> dict[str, FactCell]:
    """Each fact once: the same value from several files is one value; different values are left out."""
    seen: dict[str, list[FactCell]] = {}
    for batch in batches:
        for name, cell in batch.facts.items():
            seen.setdefault(name, []).append(cell)
    facts: dict[str, FactCell] = {}
    for name, cells in seen.items():
        if len({(type(cell.value), cell.value) for cell in cells}) == 1:
            facts[name] = cells[0]
            continue
        listed = joined(
            _SEMICOLON,
            (
                msg(
                    "{value} in {file} ({where})",
                    value=repr(cell.value),
                    file=cell.origin.file,
                    where=cell.origin.where,
                )
                for cell in cells
            ),
        )
        problems.append(
            cells[0].origin.problem(
                msg(
                    "fact '{fact}' has different values ({listed}); keep one"
                    " (a --keep-partial import leaves the fact out)",
                    fact=name,
                    listed=listed,
                )
            )
        )
    return facts


def _response_set(
    q: Questionnaire,
    meta: dict[str, str | datetime.date],
    submissions: list[Submission],
    facts: dict[str, FactCell],
    problems: list[Problem],
) -> ResponseSet:
    document = {
        "questionnaire": q.id,
        "questionnaire_version": q.version,
        **meta,
        "facts": {name: cell.value for name, cell in facts.items()},
        "respondents": [submission.respondent for submission in submissions],
    }
    try:
        return ResponseSet.model_validate(document)
    except pydantic.ValidationError as error:
        # only the names of the relationship can be wrong here: every value read was checked
        problems.extend(pydantic_problems(error, document, None, ResponseSet))
        raise ResponseError(problems, summary=_summary(problems)) from None


def _check(
    q: Questionnaire, responses: ResponseSet, submissions: list[Submission], facts: dict[str, FactCell]
) -> list[tuple[Problem, Loc]]:
    """The response set's problems, each at the cell or row its value came from."""
    compiled = compile_questionnaire(q)
    return [
        (_at_origin(loc, message, responses, submissions, facts), loc)
        for loc, message in check_responses(compiled, responses)
    ]


def _notices(
    q: Questionnaire, responses: ResponseSet, submissions: list[Submission], facts: dict[str, FactCell]
) -> list[str]:
    """What is kept but not used (an answer skip logic would hide…), each at its cell or row."""
    compiled = compile_questionnaire(q)
    return [
        _at_origin(loc, message, responses, submissions, facts).as_message()
        for _, loc, message in response_notices(compiled, responses)
    ]


def _at_origin(
    loc: Loc,
    message: Message,
    responses: ResponseSet,
    submissions: list[Submission],
    facts: dict[str, FactCell],
) -> Problem:
    origin: Origin | None = None
    if loc[0] == "respondents" and len(loc) == 4:
        submission = submissions[int(loc[1])]
        origin = submission.cells.get((str(loc[2]), str(loc[3])), submission.origin)
    elif loc[0] == "respondents" and len(loc) == 2:
        origin = submissions[int(loc[1])].origin
    elif loc[0] == "facts" and len(loc) == 2:
        origin = facts[str(loc[1])].origin
    if origin is None:  # pragma: no cover - every value the readers set has an origin
        return Problem(message, path=format_path(responses.model_dump(), loc))
    return origin.problem(message)


def _without(
    responses: ResponseSet,
    found: Iterable[tuple[Problem, Loc]],
    submissions: list[Submission],
    facts: dict[str, FactCell],
) -> ResponseSet:
    """The response set without the values the problems touch."""
    dropped_facts = {str(loc[1]) for _, loc in found if loc[0] == "facts"}
    dropped: dict[int, set[tuple[str, str]]] = {}
    for _, loc in found:
        if loc[0] == "respondents" and len(loc) == 4:
            dropped.setdefault(int(loc[1]), set()).add((str(loc[2]), str(loc[3])))
    people = []
    for index, submission in enumerate(submissions):
        person = submission.respondent
        gone = dropped.get(index, set())
        if gone:
            person = person.model_copy(
                update={
                    "answers": {k: v for k, v in person.answers.items() if ("answers", k) not in gone},
                    "comments": {k: v for k, v in person.comments.items() if ("comments", k) not in gone},
                }
            )
            submission.respondent = person
        people.append(person)
    return responses.model_copy(
        update={
            "respondents": people,
            "facts": {name: cell.value for name, cell in facts.items() if name not in dropped_facts},
        }
    )


def dump_collected(collected: Collected, *, command: str = "vendormaturity import", lang: str = "en") -> str:
    """The response set as TOML, headed by comments in *lang*: where each respondent was read,
    what was left out."""
    from vendormaturity.model.responses import dump_responses

    def line(text: str, indent: str = "") -> str:
        return "# " + indent + " ".join(text.split())  # one comment line, whatever the text holds

    sides = {person.id: person.side for person in collected.responses.respondents}
    header = [
        line(
            ntr(
                "Imported with `{command}` from {count} file:",
                "Imported with `{command}` from {count} files:",
                len(collected.files),
                lang,
                command=command,
            )
        )
    ]
    header += [
        line(
            f"{person} ({_SIDES[sides[person].value].translated(lang)}): "
            f"{origin.file}, {translate(origin.where, lang)}",
            "  ",
        )
        for person, origin in collected.origins
    ]
    if collected.left_out:
        header.append(line(tr("Left out (--keep-partial):", lang)))
        header += [line(problem.translated(lang), "  ") for problem in collected.left_out]
    return "\n".join(header) + "\n\n" + dump_responses(collected.responses)


# a respondent's side, as the header of an imported file names it
_SIDES = {
    "client": pmsg("side, in a sentence", "client"),
    "supplier": pmsg("side, in a sentence", "supplier"),
}
