"""What an import computes outside the database: pure functions, run in worker processes.

An import goes in two steps, each a task a worker runs, with the importer
(:mod:`vendormaturity.store.portfolio`) in between, which asks the database what it holds
of the relationships read:

1. **read** (:func:`read_task`): files, or response sets built in code, become the rounds
   as they will be stored: canonical JSON and its content hash, facts with their
   provenance, follow-up statuses; every problem of every file, located.
2. **assess** (:func:`assess_task`): each relationship's rounds to assess, in date order,
   with the results in force before them (as stored: compressed JSON, of which only what a
   later assessment reads is parsed) become results rows, the open actions, and what the
   newest round says of the relationship.

Results are stored as zlib-compressed JSON (:func:`encode_result`, :func:`decode_result`).
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import json
import os
import threading
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pydantic

from vendormaturity.engine.assessment import assess
from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.engine.standing import GivenFacts, complete_facts
from vendormaturity.errors import NotFoundError, Problem, ValidationError, VendorMaturityError
from vendormaturity.i18n import msg
from vendormaturity.model.questionnaire import Horizon, Questionnaire
from vendormaturity.model.responses import ActionStatus, FactOrigin, FactValue, ResponseSet
from vendormaturity.model.result import AssessmentResult, EarlierAssessment
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.store.inputs import Item, read_inputs

__all__ = [
    "Assessed",
    "Job",
    "PreparedRound",
    "Questionnaires",
    "ResultRow",
    "assess_task",
    "decode_earlier",
    "decode_result",
    "described",
    "encode_earlier",
    "encode_result",
    "given",
    "open_actions",
    "preload",
    "prepared_round",
    "read_task",
    "start_worker",
    "steady_collector",
]

# Facts that describe the relationship itself (those of the bundled questionnaires): its
# Kraljic segment, its age (contract start = round date − age) and the time to its exit.
SEGMENT_FACT = "segment"
AGE_FACT = "age_months"
EXIT_FACT = "months_to_exit"
START_FACT = "contract_start"
END_FACT = "contract_end"
# When an open action falls due, counted from the round that recommended it.
HORIZON_MONTHS = {Horizon.SHORT.value: 3, Horizon.MEDIUM.value: 12}
_CLOSED = {ActionStatus.DONE.value, ActionStatus.DROPPED.value}
# zlib's fastest level: a result's JSON shrinks to about a third, at a fifth of the time
# the default level takes (and reading it back costs the same at every level).
_LEVEL = 1

ResultRow = tuple[dict[str, Any], list[dict[str, Any]]]  # a results row and its plan's actions


class Questionnaires:
    """The questionnaire of each response set: the one given, or the bundled one it names."""

    def __init__(self, given: Questionnaire | None) -> None:
        self.given = given

    def get(self, questionnaire_id: str) -> Questionnaire:
        if self.given is not None and self.given.id == questionnaire_id:
            return self.given
        if questionnaire_id not in bundled_questionnaires():
            raise NotFoundError(
                msg(
                    "questionnaire '{questionnaire}' is not bundled; give it as questionnaire="
                    " (--questionnaire FILE on the command line)",
                    questionnaire=questionnaire_id,
                )
            )
        return load_questionnaire(questionnaire_id)  # (loaded once per process, and shared)

    def compiled(self, questionnaire_id: str) -> CompiledQuestionnaire:
        return compile_questionnaire(self.get(questionnaire_id))  # (kept with the questionnaire)


_worker: Questionnaires | None = None  # a worker process's questionnaires, set once when it starts
_GC_YOUNG = 20_000  # allocations between two collections of the youngest objects (Python's default: 700)


def start_worker(questionnaire: str | None, importer: int | None = None) -> None:
    """A worker process's start: the questionnaire (as JSON: its compiled form stays behind) is
    sent, and compiled, once rather than with each task.

    The worker ends itself when the *importer* process is gone (killed with ``kill -9``, say)
    instead of running on with no one to read its work. It watches the importer itself, not
    its parent: a worker forked by a fork server has the server for a parent, and the server
    lives as long as its workers do.
    """
    global _worker  # noqa: PLW0603 - one per worker process, by design
    _worker = Questionnaires(
        None if questionnaire is None else Questionnaire.model_validate_json(questionnaire)
    )
    steady_collector()
    if importer is not None:
        threading.Thread(target=_end_with, args=(importer,), daemon=True, name="end-with-importer").start()


def preload() -> None:
    """Load and compile every bundled questionnaire, then set the collector as a worker's.

    Run by the fork server the workers are forked from, so that they share what it loaded.
    A questionnaire that does not load is left for the worker that needs it, which reports
    why (an exception here would end the server, and every worker with it).
    """
    for questionnaire_id in bundled_questionnaires():
        try:
            compile_questionnaire(load_questionnaire(questionnaire_id))
        except VendorMaturityError:  # pragma: no cover - the bundled questionnaires are tested
            continue
    steady_collector()


def steady_collector() -> None:
    """A worker's garbage collector, set for its work: what it holds for good (the modules, the
    questionnaires) is left out of the collections, which come less often.

    A task allocates by the hundred thousand and keeps little, with few reference cycles; at
    Python's default thresholds a worker walked its whole heap, questionnaires and modules
    included, every few tasks.
    """
    gc.freeze()
    gc.set_threshold(_GC_YOUNG, *gc.get_threshold()[1:])


def _end_with(importer: int) -> None:
    while True:
        time.sleep(0.5)
        try:
            os.kill(importer, 0)  # no signal sent: only asks whether the process is there
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # pragma: no cover - the number went to another user's process
            os._exit(1)


# ---------------------------------------------------------------------------- reading


@attrs.frozen
class PreparedRound:
    """One response set as it will be stored."""

    relationship: str
    source: str
    date: datetime.date
    content_hash: str
    row: dict[str, Any]  # the response_sets row, less its relationship and time
    facts: list[dict[str, Any]]
    statuses: list[dict[str, Any]]

    @property
    def document(self) -> str:
        """The response set as submitted: its canonical JSON."""
        text: str = self.row["document"]
        return text

    def responses(self) -> ResponseSet:
        return ResponseSet.model_validate_json(self.document)


def read_task(
    inputs: Sequence[Path] | Sequence[Item], questionnaires: Questionnaires | None = None
) -> tuple[list[PreparedRound], list[Problem], int]:
    """A worker's first job: files (read here) or response sets; the rounds, the problems, items read."""
    questionnaires = questionnaires or _worker or Questionnaires(None)
    items: list[Item] = []
    problems: list[Problem] = []
    if inputs and isinstance(inputs[0], Path):
        paths = [path for path in inputs if isinstance(path, Path)]
        for entry in read_inputs(paths, questionnaires.given):
            (problems if isinstance(entry, Problem) else items).append(entry)  # type: ignore[arg-type]
    else:
        items = [item for item in inputs if isinstance(item, Item)]
    if problems:
        return [], problems, len(items)
    return [prepared_round(item) for item in items], [], len(items)


def prepared_round(item: Item) -> PreparedRound:
    """A response set as it will be stored."""
    rs = item.responses
    document = rs.model_dump_json()
    content_hash = hashlib.sha256(document.encode()).hexdigest()
    provenance = _provenance(rs)
    return PreparedRound(
        relationship=rs.relationship,
        source=item.source,
        date=rs.date,
        content_hash=content_hash,
        row={
            "date": rs.date,
            "questionnaire": rs.questionnaire,
            "questionnaire_version": rs.questionnaire_version,
            "content_hash": content_hash,
            "source": item.source,
            "document": document,
            "given": given(rs),
        },
        facts=[
            {"name": name, "value": value, "provenance": provenance.get(name)}
            for name, value in rs.facts.items()
        ],
        statuses=[{"action": f.action, "status": f.status.value, "note": f.note} for f in rs.followup],
    )


def given(rs: ResponseSet) -> str:
    """What the rounds after *rs* read of it, stored beside it: its date, facts and origins, as
    JSON (the same keys as its document, so that :class:`_Given` reads either)."""
    return json.dumps(rs.model_dump(mode="json", include=_GIVEN), ensure_ascii=False, separators=(",", ":"))


_GIVEN = {"date", "facts", "origins"}


def _provenance(rs: ResponseSet) -> dict[str, Any]:
    """Each fact's provenance as JSON values, when the response set carries it."""
    if not rs.provenance:
        return {}  # the usual case: facts typed by hand, nothing to serialise
    return {name: record.model_dump(mode="json") for name, record in rs.provenance.items()}


# ---------------------------------------------------------------------------- assessing


@attrs.frozen
class Job:
    """A relationship's rounds to assess, oldest first, after the results in force before them."""

    key: str
    rounds: tuple[str, ...]  # the response sets, as canonical JSON
    history: tuple[bytes, ...]  # the results in force before them, as stored, oldest first
    sources: tuple[str, ...] = ()  # where each round was read (a file), when known
    # the rounds in force before them, as JSON (what the store keeps of them, or whole), and
    # where each was read: the standing facts they gave carry over to the rounds assessed
    earlier: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class Assessed:
    """What a job gives: a results row per round (in the job's order), and the relationship's state."""

    key: str
    results: list[ResultRow]
    values: dict[str, Any]  # client, supplier and what the newest round's facts say of the relationship
    open_actions: list[dict[str, Any]]
    rounds: int  # rounds in force after this job
    latest: tuple[datetime.date, str] | None  # the newest round assessed: its date and phase
    problems: list[Problem]


class _Given(pydantic.BaseModel):
    """An earlier round's date, facts and origins: what carrying its standing facts reads, from
    what the store keeps of it (:func:`given`) or from its whole document (its answers skipped)."""

    model_config = pydantic.ConfigDict(extra="ignore", frozen=True)

    date: datetime.date
    facts: dict[str, FactValue] = {}
    origins: dict[str, FactOrigin] = {}


def assess_task(jobs: Sequence[Job], questionnaires: Questionnaires | None = None) -> list[Assessed]:
    """A worker's second job: each relationship's rounds assessed in date order after its history."""
    questionnaires = questionnaires or _worker or Questionnaires(None)
    return [_assess_job(job, questionnaires) for job in jobs]


def _assess_job(job: Job, questionnaires: Questionnaires) -> Assessed:
    history: list[AssessmentResult | EarlierAssessment] = [decode_earlier(body) for body in job.history]
    known: list[GivenFacts] = [_Given.model_validate_json(document) for document, _ in job.earlier]
    sources: list[str | None] = [source for _, source in job.earlier]
    rows: list[ResultRow] = []
    newest: ResponseSet | None = None
    result: AssessmentResult | None = None
    for index, document in enumerate(job.rounds):
        newest = ResponseSet.model_validate_json(document)
        try:
            compiled = questionnaires.compiled(newest.questionnaire)
            newest = complete_facts(compiled, newest, known, sources)  # stored as submitted, assessed whole
            known.append(newest)
            sources.append(job.sources[index] if index < len(job.sources) else None)
            result = assess(compiled, newest, history)
        except VendorMaturityError as error:
            where = f"{newest.relationship} {newest.date}"
            return Assessed(job.key, [], {}, [], 0, None, _problems(error, where))
        history.append(result)
        rows.append(result_row(result))
    if newest is None or result is None:
        return Assessed(job.key, [], {}, [], len(history), None, [])
    values = {"client": newest.client, "supplier": newest.supplier, **described(newest)}
    actions = open_actions(history, values.get("renewal_date"))
    return Assessed(job.key, rows, values, actions, len(history), (result.date, result.phase.value), [])


def _problems(error: VendorMaturityError, where: str) -> list[Problem]:
    if isinstance(error, ValidationError):
        return list(error.problems)
    return [Problem(msg("{where}: {problem}", where=where, problem=error.message))]


def encode_result(result: AssessmentResult) -> bytes:
    """A result as stored: its JSON, compressed."""
    return zlib.compress(result.model_dump_json().encode(), _LEVEL)


def decode_result(body: bytes) -> AssessmentResult:
    """A stored result, whole."""
    return AssessmentResult.model_validate_json(zlib.decompress(body))


def encode_earlier(result: AssessmentResult) -> bytes:
    """What a later assessment reads of a result, as stored beside it: JSON, compressed."""
    document = json.dumps(EarlierAssessment.document(result), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(document.encode(), _LEVEL)


def decode_earlier(stored: bytes) -> EarlierAssessment:
    """What a later assessment reads of a stored result: a tenth of the cost of reading it whole."""
    return EarlierAssessment.model_validate_json(zlib.decompress(stored))


def result_row(result: AssessmentResult) -> ResultRow:
    """The results row (less its ids, flag and time) and the plan's actions of a result."""
    row = {
        "date": result.date,
        "questionnaire": result.questionnaire,
        "questionnaire_version": result.questionnaire_version,
        "phase": result.phase.value,
        "confidence": result.confidence,
        "overall_mean": result.summary.get("overall_mean"),
        "scores": {d.dimension: d.overall.mean for d in result.dimensions},
        "patterns": [finding.pattern for finding in result.findings],
        "body": encode_result(result),
        "earlier": encode_earlier(result),
    }
    actions = [
        {
            "action": action.id,
            "owner": action.owner.value,
            "horizon": action.horizon.value,
            "priority": action.priority,
            "carried_over": action.carried_over,
        }
        for action in result.plan.actions
    ]
    return row, actions


# ---------------------------------------------------------------------------- the relationship


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def described(rs: ResponseSet) -> dict[str, Any]:
    """Segment, contract start and renewal date, from the round's facts where it has them (with
    the standing facts it carries from the rounds before): the contract's dates, or else the
    age and the months to the end counted from the round's date."""
    values: dict[str, Any] = {}
    segment = rs.facts.get(SEGMENT_FACT)
    if isinstance(segment, str):
        values["segment"] = segment
    for column, date_fact, months_fact, sign in (
        ("contract_start", START_FACT, AGE_FACT, -1),
        ("renewal_date", END_FACT, EXIT_FACT, 1),
    ):
        day = rs.facts.get(date_fact)
        months = rs.facts.get(months_fact)
        if isinstance(day, str):
            values[column] = datetime.date.fromisoformat(day)
        elif isinstance(months, int) and not isinstance(months, bool):
            values[column] = add_months(rs.date, sign * months)
    return values


def open_actions(
    history: Sequence[AssessmentResult | EarlierAssessment], renewal: datetime.date | None
) -> list[dict[str, Any]]:
    """The plans' actions not reported done or dropped since they were recommended, oldest first."""
    state: dict[str, dict[str, Any]] = {}
    for result in history:
        for item in result.plan.followup:
            status = str(item.status)
            if status in _CLOSED:
                state.pop(item.action, None)
            elif item.action in state:
                state[item.action]["status"] = status
        for action in result.plan.actions:
            if action.id not in state:
                horizon = action.horizon.value
                months = HORIZON_MONTHS.get(horizon)
                state[action.id] = {
                    "action": action.id,
                    "since": result.date,
                    "horizon": horizon,
                    "due": add_months(result.date, months) if months is not None else renewal,
                    "status": "unreported",
                }
    return sorted(state.values(), key=lambda row: (row["since"], row["action"]))
