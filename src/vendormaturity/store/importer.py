"""The portfolio's writes: response sets read, checked, stored and assessed, in one transaction.

Work goes through worker processes in two steps (see :mod:`vendormaturity.store.prepare`)
while this process talks to the database:

1. workers **read** the files, a folder or a few at a time;
2. this process takes what they read a chunk at a time, asks the database what it holds of
   those relationships (their rounds, the results in force, all through indexes), sorts
   out duplicates and conflicts, and sends each relationship's rounds to **assess** with
   the results in force before them;
3. as assessments come back, in order, it writes the rounds, the results, the
   relationships' open actions and what their newest rounds say of them.

A relationship new to the portfolio, one that gains a round after its stored ones, and one
that gains a round before some of them (whose later rounds are then assessed again) go
the same way: what differs is the history sent along. Reassessing the whole portfolio
with a new questionnaire version is the same second step, for every stored round.
"""

from __future__ import annotations

import collections
import datetime
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import attrs
import sqlalchemy as sa

from vendormaturity.errors import Problem
from vendormaturity.i18n import msg, nmsg
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.store import processes
from vendormaturity.store import repository as repo
from vendormaturity.store.inputs import GROUP_READERS, Item
from vendormaturity.store.prepare import (
    Assessed,
    Job,
    PreparedRound,
    Questionnaires,
    assess_task,
    read_task,
    start_worker,
)
from vendormaturity.store.progress import Progress
from vendormaturity.store.tables import ACTIVE_STATUS
from vendormaturity.store.views import AddSummary, PhaseChange

__all__ = ["CHUNK", "TASK_SIZE", "Importer", "Pool", "Task", "batched", "file_tasks"]

CHUNK = 1_000  # response sets looked up and written together: bounds memory, not transactions
TASK_SIZE = 100  # response sets (or files) a worker reads, or assesses, at a time
Task = Sequence[Path] | Sequence[Item]


_BLANK = {"segment": None, "contract_start": None, "renewal_date": None}  # described by no round yet


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def file_tasks(files: Sequence[Path]) -> Iterator[list[Path]]:
    """Files in tasks of about TASK_SIZE, folder after folder; the workbooks of a folder (one
    round) stay in one task, and so do the files of a folder when it fits."""
    task: list[Path] = []
    for _, group in itertools.groupby(files, key=lambda path: path.parent):
        listed = list(group)
        together = [path for path in listed if path.suffix.lower() in GROUP_READERS]
        single = [path for path in listed if path.suffix.lower() not in GROUP_READERS]
        if together:
            yield together
        if len(task) + len(single) > TASK_SIZE and task:
            yield task
            task = []
        for part in batched(single, TASK_SIZE):
            task.extend(part)
            if len(task) >= TASK_SIZE:
                yield task
                task = []
    if task:
        yield task


class Pool:
    """Where the steps run: *workers* processes, or this one (a task then runs when submitted).

    Workers are forked from a fork server (:func:`processes.context`), so that a pool starts
    in a fraction of the time of fresh interpreters, and its workers load nothing more than
    once, without forking this process and its database connection. A script that adds with
    several workers needs Python's ``if __name__ == "__main__":`` guard, as for any process
    pool.
    """

    def __init__(self, workers: int, questionnaire: Questionnaire | None) -> None:
        self.workers = max(1, workers)
        self.questionnaires = Questionnaires(questionnaire)
        self._pool: Any = None
        if self.workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=processes.context(),
                initializer=start_worker,
                initargs=(None if questionnaire is None else questionnaire.model_dump_json(), os.getpid()),
            )

    def submit(self, step: Callable[[Any, Questionnaires | None], Any], task: Any) -> Future[Any]:
        if self._pool is not None:
            future: Future[Any] = self._pool.submit(step, task)
            return future
        done: Future[Any] = Future()
        done.set_result(step(task, self.questionnaires))
        return done

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@attrs.define
class _Pending:
    """A relationship sent to assess: what to write when its assessment comes back."""

    key: str
    relationship_id: int | None  # None: new to the portfolio
    new: list[PreparedRound]  # the rounds to store, oldest first
    order: list[PreparedRound | int]  # the rounds assessed, oldest first: new ones, or stored ids
    before: dict[datetime.date, str] | None = None  # reassessing: the phases in force before, by date
    versions: dict[str, int] = attrs.Factory(
        dict
    )  # a new round's version (2 on from a date's second), by hash
    afresh: bool = False  # a correction: the relationship described by its newest round alone


@attrs.frozen
class _Plan:
    """A relationship's new rounds and the stored ones to assess again after the first of them."""

    key: str
    relationship_id: int | None
    new: list[PreparedRound]  # oldest first
    later: list[repo.StoredRound]  # in force, from the first new round on
    versions: dict[str, int]  # the version of each new round, by hash (1 when not given)
    earlier: list[repo.StoredRound] = attrs.Factory(list)  # in force before: their standing facts carry over

    @property
    def start(self) -> datetime.date:
        return min([*(r.date for r in self.new), *(r.date for r in self.later)])

    def job(
        self,
        histories: dict[int, list[tuple[datetime.date, bytes]]],
        documents: dict[int, str],
        givens: dict[int, str],
        *,
        afresh: bool,
    ) -> tuple[Job, _Pending]:
        """What to assess (every round from the start, after the results in force before it), and
        what to write when it is assessed; *documents* are the later rounds', *givens* what the
        earlier ones gave (see :func:`repo.givens`)."""
        entries: list[tuple[datetime.date, PreparedRound | int]] = [(r.date, r) for r in self.new]
        entries.extend((r.date, r.id) for r in self.later)
        entries.sort(key=lambda entry: entry[0])
        order = [item for _, item in entries]
        rounds = tuple(
            item.document if isinstance(item, PreparedRound) else documents[item] for item in order
        )
        sources = {r.id: r.source for r in self.later}
        named = tuple(item.source if isinstance(item, PreparedRound) else sources[item] for item in order)
        earlier = tuple((givens[r.id], r.source) for r in self.earlier)
        start = self.start
        stored = histories.get(self.relationship_id, []) if self.relationship_id is not None else []
        history = tuple(earlier for date, earlier in stored if date < start)
        pending = _Pending(
            self.key, self.relationship_id, self.new, order, versions=self.versions, afresh=afresh
        )
        return Job(self.key, rounds, history, named, earlier), pending


def _versions(kept: list[PreparedRound], stored: list[repo.StoredRound]) -> dict[str, int]:
    """The version each new round gets: after every version stored for its date (superseded and
    removed ones too), so that a relationship's date and version name one response set."""
    last: dict[datetime.date, int] = {}
    for round_ in stored:
        last[round_.date] = max(last.get(round_.date, 0), round_.version)
    return {r.content_hash: last[r.date] + 1 for r in kept if r.date in last}


class Importer:
    """One write: rounds read in worker processes, looked up, assessed, and stored."""

    def __init__(self, connection: sa.Connection, pool: Pool, progress: Progress) -> None:
        self.connection = connection
        self.pool = pool
        self.progress = progress
        self.problems: list[Problem] = []
        self.read = self.added = self.duplicates = self.retired = self.assessed = self.skipped = 0
        self.touched: set[str] = set()
        self.changed: list[PhaseChange] = []
        self.relationship_ids: dict[str, int] = {}
        self._seen: set[str] = set()  # content hashes stored (or about to be) by this write
        self._buffer: list[PreparedRound] = []
        self._assessing: collections.deque[tuple[Future[list[Assessed]], list[_Pending]]] = (
            collections.deque()
        )
        self._pending: set[str] = set()  # relationships sent to assess, not written yet
        self.stored: dict[str, int] = {}  # the ids of the response sets this write stored, by hash

    def summary(self) -> AddSummary:
        return AddSummary(
            read=self.read,
            added=self.added,
            duplicates=self.duplicates,
            retired=self.retired,
            assessed=self.assessed,
            relationships=tuple(sorted(self.touched)),
        )

    # -------------------------------------------------------------- adding

    def add(self, tasks: Iterable[Task]) -> None:
        """Read every task, and store and assess what it holds, a chunk at a time."""
        reading: collections.deque[Future[tuple[list[PreparedRound], list[Problem], int]]] = (
            collections.deque()
        )
        waiting = iter(tasks)

        def fill() -> None:
            while len(reading) < 2 * self.pool.workers:
                task = next(waiting, None)
                if task is None:
                    return
                reading.append(self.pool.submit(read_task, task))

        fill()
        while reading:
            rounds, problems, read = reading.popleft().result()
            fill()
            self.read += read
            self.progress.advance(read + len(problems))
            self.problems.extend(problems)
            if self.problems:
                self._buffer.clear()  # nothing more is written; the rest is read for its problems only
                continue
            self._buffer.extend(rounds)
            if len(self._buffer) >= CHUNK:
                self._dispatch()
            self._write_ready(limit=2 * self.pool.workers)
        self._dispatch()
        self._write_ready(limit=0)

    def _dispatch(self) -> None:
        """The buffered rounds: looked up, sorted out, and sent to assess by relationship."""
        buffer, self._buffer = self._buffer, []
        if self.problems or not buffer:
            return
        by_key: dict[str, list[PreparedRound]] = {}
        for prepared in buffer:
            by_key.setdefault(prepared.relationship, []).append(prepared)
        if self._pending & by_key.keys():
            self._write_ready(limit=0)  # their earlier rounds must be stored first
        connection = self.connection
        missing = by_key.keys() - self.relationship_ids.keys()
        self.relationship_ids.update(repo.relationship_ids(connection, missing))
        known = {key: self.relationship_ids[key] for key in by_key if key in self.relationship_ids}
        stored_hashes = repo.existing_hashes(connection, sorted({r.content_hash for r in buffer}))
        stored = repo.rounds_of(connection, known.values())
        plans: list[_Plan] = []
        for key, rounds in by_key.items():
            relationship_id = known.get(key)
            stored_rounds = stored.get(relationship_id, []) if relationship_id is not None else []
            kept = self._kept(rounds, stored_rounds, stored_hashes)
            if kept:
                start = kept[0].date
                active = [r for r in stored_rounds if r.status == ACTIVE_STATUS]
                later = [r for r in active if r.date >= start]
                earlier = [r for r in active if r.date < start]
                plans.append(
                    _Plan(key, relationship_id, kept, later, _versions(kept, stored_rounds), earlier)
                )
        if self.problems or not plans:
            return
        known_ids = [p.relationship_id for p in plans if p.relationship_id is not None]
        histories = repo.histories(connection, known_ids)
        documents = repo.documents(connection, [r.id for plan in plans for r in plan.later])
        givens = repo.givens(connection, [r.id for plan in plans for r in plan.earlier])
        self._submit([plan.job(histories, documents, givens, afresh=False) for plan in plans])

    def _kept(
        self, rounds: list[PreparedRound], stored: list[repo.StoredRound], stored_hashes: dict[str, str]
    ) -> list[PreparedRound]:
        """A relationship's new rounds, oldest first: duplicates counted (those of a round superseded
        or removed too: they are not added again), conflicts with the rounds in force reported."""
        in_force = {r.date: r for r in stored if r.status == ACTIVE_STATUS}
        kept: dict[datetime.date, PreparedRound] = {}
        for prepared in sorted(rounds, key=lambda r: r.date):
            status = stored_hashes.get(prepared.content_hash)
            if status is not None or prepared.content_hash in self._seen:
                self.duplicates += 1
                self.retired += status is not None and status != ACTIVE_STATUS
                continue
            if prepared.date in in_force:
                round_ = in_force[prepared.date]
                document = repo.documents(self.connection, [round_.id])[round_.id]
                self._conflict(prepared, document, round_.source)
                continue
            if prepared.date in kept:
                other = kept[prepared.date]
                self._conflict(prepared, other.document, other.source)
                continue
            kept[prepared.date] = prepared
            self._seen.add(prepared.content_hash)
        return list(kept.values())

    def _conflict(self, prepared: PreparedRound, document: str, source: str) -> None:
        """Another response set for a stored round: the same content in another order is a duplicate."""
        responses = prepared.responses()
        if ResponseSet.model_validate_json(document) == responses:
            self.duplicates += 1
            return
        self.problems.append(
            Problem(
                msg(
                    "relationship '{relationship}' already has a response set dated {date} with other content"
                    " (from {source}); a round is stored as submitted: to correct it, supersede it"
                    " (`vendormaturity portfolio supersede`)",
                    relationship=responses.relationship,
                    date=prepared.date,
                    source=source,
                ),
                file=prepared.source,
            )
        )

    # -------------------------------------------------------------- reassessing

    def reassess(self, keys: Sequence[str], questionnaire: Questionnaire) -> None:
        """Every stored round answered to *questionnaire*'s id, assessed again with it."""
        ids = repo.relationship_ids(self.connection, keys)
        for batch in batched(keys, TASK_SIZE):
            relationship_ids = [ids[key] for key in batch]
            rounds = repo.round_documents(self.connection, relationship_ids)
            before = repo.in_force(self.connection, relationship_ids)
            jobs: list[tuple[Job, _Pending]] = []
            for key, relationship_id in zip(batch, relationship_ids, strict=True):
                stored = rounds.get(relationship_id, [])
                chosen = [row for row in stored if row[2] == questionnaire.id]
                self.skipped += len(stored) - len(chosen)
                if not chosen:
                    self.progress.advance()
                    continue
                phases = {r.date: r.phase.value for *_, r in before.get(relationship_id, [])}
                job = Job(key, tuple(row[3] for row in chosen), ())
                jobs.append((job, _Pending(key, relationship_id, [], [row[0] for row in chosen], phases)))
            self._submit(jobs)
            self._write_ready(limit=2 * self.pool.workers)
            if self.problems:
                break
        self._write_ready(limit=0)

    # -------------------------------------------------------------- correcting

    def correct(
        self, key: str, relationship_id: int, start: datetime.date, new: list[PreparedRound], version: int
    ) -> bool:
        """A relationship's rounds in force from *start* assessed again, after a round was corrected
        (*new*: its new version, stored here) or removed; False if it has no round in force left.

        The rounds in force before *start* are its history; when none is left from *start*, the
        newest one is assessed again, as it says what the relationship now is.
        """
        stored = repo.rounds_of(self.connection, [relationship_id]).get(relationship_id, [])
        active = [r for r in stored if r.status == ACTIVE_STATUS]
        later = [r for r in active if r.date >= start]
        if not later and not new:
            if not active:
                return False
            later = active[-1:]
        start = min([*(r.date for r in later), *(r.date for r in new)])
        earlier = [r for r in active if r.date < start]
        plan = _Plan(key, relationship_id, new, later, {r.content_hash: version for r in new}, earlier)
        histories = repo.histories(self.connection, [relationship_id])
        documents = repo.documents(self.connection, [r.id for r in later])
        givens = repo.givens(self.connection, [r.id for r in earlier])
        self._submit([plan.job(histories, documents, givens, afresh=True)])
        self._write_ready(limit=0)
        return True

    # -------------------------------------------------------------- assessing and writing

    def _submit(self, jobs: list[tuple[Job, _Pending]]) -> None:
        """Jobs sent to assess in tasks of about TASK_SIZE rounds (history counted in)."""
        task: list[tuple[Job, _Pending]] = []
        size = 0
        for job, pending in jobs:
            task.append((job, pending))
            self._pending.add(job.key)
            size += len(job.rounds) + len(job.history) // 4
            if size >= TASK_SIZE:
                self._send(task)
                task, size = [], 0
        if task:
            self._send(task)

    def _send(self, task: list[tuple[Job, _Pending]]) -> None:
        future = self.pool.submit(assess_task, [job for job, _ in task])
        self._assessing.append((future, [pending for _, pending in task]))

    def _write_ready(self, *, limit: int) -> None:
        """Write the assessments back, in order: those done, and any beyond *limit* waiting."""
        while self._assessing and (len(self._assessing) > limit or self._assessing[0][0].done()):
            future, pendings = self._assessing.popleft()
            outputs = future.result()
            for pending in pendings:
                self._pending.discard(pending.key)
            for output in outputs:
                self.problems.extend(output.problems)
            if not self.problems:
                self._write(pendings, outputs)

    def _write(self, pendings: list[_Pending], outputs: list[Assessed]) -> None:
        """Assessed relationships written: new relationships, new rounds, results, the
        relationships' state and open actions, then what the import tells."""
        now = _now()
        both = list(zip(pendings, outputs, strict=True))
        fresh = [(p, o) for p, o in both if p.relationship_id is None]
        known = [(p, o) for p, o in both if p.relationship_id is not None]
        self._add_relationships(fresh, now)
        stored_id = self._add_rounds(pendings, now)
        self._add_results(both, stored_id, now)
        self._update_relationships(known, both, now)
        self._tell(both)

    def _add_relationships(self, fresh: list[tuple[_Pending, Assessed]], now: datetime.datetime) -> None:
        rows = [{"key": p.key, "created_at": now, "updated_at": now, **_BLANK, **o.values} for p, o in fresh]
        for (pending, _), id_ in zip(fresh, repo.add_relationships(self.connection, rows), strict=True):
            pending.relationship_id = self.relationship_ids[pending.key] = id_

    def _add_rounds(self, pendings: list[_Pending], now: datetime.datetime) -> dict[int, int]:
        """The new rounds stored; the id of each, by the identity of its prepared round."""
        new = [(p.relationship_id, r) for p in pendings for r in p.new]
        versions = {
            r.content_hash: v for p in pendings for r in p.new if (v := p.versions.get(r.content_hash))
        }
        rs_rows = [
            dict(
                r.row,
                relationship_id=id_,
                added_at=now,
                version=versions.get(r.content_hash, 1),
                status=ACTIVE_STATUS,
                superseded_by=None,
            )
            for id_, r in new
        ]
        fact_rows = [dict(fact, position=index) for index, (_, r) in enumerate(new) for fact in r.facts]
        status_rows = [dict(s, position=index) for index, (_, r) in enumerate(new) for s in r.statuses]
        rs_ids = repo.add_response_sets(self.connection, rs_rows, fact_rows, status_rows)
        self.added += len(rs_ids)
        self.stored.update((r.content_hash, rs_id) for (_, r), rs_id in zip(new, rs_ids, strict=True))
        return {id(r): rs_id for (_, r), rs_id in zip(new, rs_ids, strict=True)}

    def _add_results(
        self, both: list[tuple[_Pending, Assessed]], stored_id: dict[int, int], now: datetime.datetime
    ) -> None:
        """The results in force; those of stored rounds assessed again replace theirs."""
        result_rows: list[dict[str, Any]] = []
        result_actions: list[list[dict[str, Any]]] = []
        again: list[int] = []
        for pending, output in both:
            for item, (row, actions) in zip(pending.order, output.results, strict=True):
                rs_id = item if isinstance(item, int) else stored_id[id(item)]
                if isinstance(item, int):
                    again.append(rs_id)
                result_rows.append(
                    dict(
                        row,
                        response_set_id=rs_id,
                        relationship_id=pending.relationship_id,
                        in_force=True,
                        computed_at=now,
                    )
                )
                result_actions.append(actions)
        if again:
            existing = repo.result_ids_by_version(self.connection, again)
            recomputed = [
                existing[key]
                for key in (
                    (row["response_set_id"], row["questionnaire"], row["questionnaire_version"])
                    for row in result_rows
                )
                if key in existing
            ]
            repo.delete_results(self.connection, recomputed)
            repo.retire_results(self.connection, again)
        repo.add_results(self.connection, result_rows, result_actions)
        self.assessed += len(result_rows)

    def _update_relationships(
        self,
        known: list[tuple[_Pending, Assessed]],
        both: list[tuple[_Pending, Assessed]],
        now: datetime.datetime,
    ) -> None:
        """What the newest rounds say of the relationships already stored, and every open action."""
        for afresh in (False, True):
            repo.update_relationships(
                self.connection,
                [
                    {"id": p.relationship_id, **_BLANK, **o.values, "updated_at": now}
                    for p, o in known
                    if o.results and p.afresh is afresh
                ],
                keep=not afresh,
            )
        repo.replace_open_actions(
            self.connection,
            [p.relationship_id for p, _ in known if p.relationship_id is not None],
            [dict(action, relationship_id=p.relationship_id) for p, o in both for action in o.open_actions],
        )

    def _tell(self, both: list[tuple[_Pending, Assessed]]) -> None:
        """The relationships touched, the phases changed, the progress."""
        for pending, output in both:
            if pending.new:
                self.touched.add(pending.key)
            if pending.before is not None:
                if output.latest is not None:
                    self._changed(pending.key, pending.before, output.latest)
                self.progress.advance()
            self.progress.note(
                nmsg("{key}: {count} round", "{key}: {count} rounds", output.rounds, key=pending.key)
            )

    def _changed(self, key: str, phases: dict[datetime.date, str], latest: tuple[datetime.date, str]) -> None:
        from vendormaturity.model.phases import Phase

        date, phase = latest
        before = phases.get(date, phase)
        if before != phase:
            self.changed.append(PhaseChange(key, date, Phase(before), Phase(phase)))
