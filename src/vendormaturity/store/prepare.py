"""What an import computes before it touches the database: a pure function, run in worker processes.

For each relationship of a batch of response sets: the rows of its rounds as submitted
(canonical JSON and its content hash, facts with their provenance, follow-up statuses),
and, assuming the relationship has no stored rounds yet, the results of those rounds
assessed in date order, its open actions and what its facts say about it. The importer
uses these as they are for a relationship new to the portfolio, and otherwise stores the
rounds and reassesses the relationship from the database.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from vendormaturity.engine.assessment import assess
from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.engine.standing import complete_facts
from vendormaturity.errors import NotFoundError, Problem, VendorMaturityError
from vendormaturity.i18n import msg
from vendormaturity.model.questionnaire import Horizon, Questionnaire
from vendormaturity.model.responses import ActionStatus, ResponseSet
from vendormaturity.model.result import AssessmentResult
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.store.inputs import Item, read_inputs

__all__ = [
    "PreparedRelationship",
    "PreparedRound",
    "Questionnaires",
    "completed",
    "described",
    "open_actions",
    "prepare",
    "prepare_task",
    "result_row",
    "start_worker",
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


def start_worker(questionnaire: Questionnaire | None, parent: int | None = None) -> None:
    """A worker process's start: the questionnaire is sent (and compiled) once, not with each task.

    The worker ends itself when its *parent* (the importing process) is gone – killed with
    ``kill -9``, say – instead of running on with no one to read its work.
    """
    global _worker  # noqa: PLW0603 - one per worker process, by design
    _worker = Questionnaires(questionnaire)
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), daemon=True, name="end-with-parent").start()


def _end_with(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def available_cores() -> int:
    """The cores this process may run on (its affinity, else the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@attrs.frozen
class PreparedRound:
    """One response set as it will be stored."""

    source: str
    date: datetime.date
    content_hash: str
    row: dict[str, Any]  # the response_sets row, less its relationship and time
    facts: list[dict[str, Any]]
    statuses: list[dict[str, Any]]

    def responses(self) -> ResponseSet:
        return ResponseSet.model_validate_json(self.row["document"])


@attrs.frozen
class PreparedRelationship:
    """A relationship's rounds in a batch, oldest first, and what they give as its first rounds."""

    key: str
    client: str
    supplier: str
    rounds: list[PreparedRound]
    results: list[ResultRow] | None  # None: to be assessed against the database (see the module)
    open_actions: list[dict[str, Any]]
    described: dict[str, Any]


def prepare_task(
    inputs: Sequence[Path] | Sequence[Item], questionnaires: Questionnaires | None = None
) -> tuple[list[PreparedRelationship], list[Problem], int]:
    """A worker's job: files (read here) or response sets; the relationships, the problems, items read."""
    questionnaires = questionnaires or _worker or Questionnaires(None)
    questionnaire = questionnaires.given
    items: list[Item] = []
    problems: list[Problem] = []
    if inputs and isinstance(inputs[0], Path):
        for entry in read_inputs([path for path in inputs if isinstance(path, Path)], questionnaire):
            (problems if isinstance(entry, Problem) else items).append(entry)  # type: ignore[arg-type]
    else:
        items = [item for item in inputs if isinstance(item, Item)]
    if problems:
        return [], problems, len(items)
    return prepare(items, questionnaires), [], len(items)


def prepare(items: Sequence[Item], questionnaires: Questionnaires) -> list[PreparedRelationship]:
    """Group by relationship, date order; assess each relationship's rounds as its first ones."""
    groups: dict[str, list[PreparedRound]] = {}
    models: dict[str, list[ResponseSet]] = {}
    for item in items:
        rs = item.responses
        groups.setdefault(rs.relationship, []).append(_round(item))
        models.setdefault(rs.relationship, []).append(rs)
    prepared = []
    for key, rounds in groups.items():
        order = sorted(range(len(rounds)), key=lambda index: rounds[index].date)
        ordered = completed(
            [models[key][index] for index in order], questionnaires, [rounds[index].source for index in order]
        )
        newest = ordered[-1]
        results, history = _assessed(ordered, questionnaires)
        described_values = described(newest)
        prepared.append(
            PreparedRelationship(
                key=key,
                client=newest.client,
                supplier=newest.supplier,
                rounds=[rounds[index] for index in order],
                results=results,
                open_actions=open_actions(history, described_values.get("renewal_date")) if history else [],
                described=described_values,
            )
        )
    return prepared


def completed(
    ordered: list[ResponseSet], questionnaires: Questionnaires, sources: Sequence[str] = ()
) -> list[ResponseSet]:
    """A relationship's rounds, oldest first, each with the standing facts of the rounds before
    it (named by *sources*, where they were read) and its derived facts, as they are assessed;
    the rounds are stored as submitted."""
    rounds: list[ResponseSet] = []
    for rs in ordered:
        try:
            compiled = questionnaires.compiled(rs.questionnaire)
        except VendorMaturityError:
            return ordered  # reported, located, when the importer assesses it again
        rounds.append(complete_facts(compiled, rs, rounds, sources))
    return rounds


def _assessed(
    ordered: list[ResponseSet], questionnaires: Questionnaires
) -> tuple[list[ResultRow] | None, list[AssessmentResult]]:
    dates = [rs.date for rs in ordered]
    if len(set(dates)) != len(dates):
        return None, []  # two response sets for one round: the importer sorts it out
    history: list[AssessmentResult] = []
    rows = []
    try:
        for rs in ordered:
            result = assess(questionnaires.compiled(rs.questionnaire), rs, history)
            history.append(result)
            rows.append(result_row(result))
    except VendorMaturityError:
        return None, []  # reported, located, when the importer assesses it again
    return rows, history


def _round(item: Item) -> PreparedRound:
    rs = item.responses
    document = rs.model_dump_json()
    content_hash = hashlib.sha256(document.encode()).hexdigest()
    provenance = _provenance(rs)
    return PreparedRound(
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
        },
        facts=[
            {"name": name, "value": value, "provenance": provenance.get(name)}
            for name, value in rs.facts.items()
        ],
        statuses=[{"action": f.action, "status": f.status.value, "note": f.note} for f in rs.followup],
    )


def _provenance(rs: ResponseSet) -> dict[str, Any]:
    """Each fact's provenance as JSON values, when the response set carries it."""
    if not rs.provenance:
        return {}  # the usual case: facts typed by hand, nothing to serialise
    return {name: record.model_dump(mode="json") for name, record in rs.provenance.items()}


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
    the standing facts it carries: see :func:`completed`): the contract's dates, or else the age
    and the months to the end counted from the round's date."""
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


def result_row(result: AssessmentResult) -> ResultRow:
    """The results row (less its ids and time) and the plan's actions of a result."""
    row = {
        "date": result.date,
        "questionnaire": result.questionnaire,
        "questionnaire_version": result.questionnaire_version,
        "phase": result.phase.value,
        "confidence": result.confidence,
        "overall_mean": result.summary.get("overall_mean"),
        "scores": {d.dimension: d.overall.mean for d in result.dimensions},
        "patterns": [finding.pattern for finding in result.findings],
        "document": result.model_dump_json(),
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


def open_actions(history: list[AssessmentResult], renewal: datetime.date | None) -> list[dict[str, Any]]:
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
