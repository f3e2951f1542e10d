"""The portfolio: every relationship's response sets and results over time, in one database.

    import vendormaturity as vm

    with vm.Portfolio("portfolio.db", create=True) as portfolio:  # a file, a URL, an Engine…
        portfolio.add(["examples/"])
        stuck = [line for line in portfolio.lines(segment="strategic") if line.stuck_since]

Every write is one transaction that holds the portfolio's write lock: two processes
adding at once both get in, one after the other, and a process killed half-way leaves
the database as it was. Reads never wait for writes.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import os
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy import exc

from vendormaturity.engine.assessment import assess
from vendormaturity.engine.standing import complete_facts
from vendormaturity.errors import NotFoundError, Problem, ResponseError, VendorMaturityError
from vendormaturity.i18n import msg, nmsg
from vendormaturity.model.questionnaire import Phase, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult
from vendormaturity.store import repository as repo
from vendormaturity.store.inputs import GROUP_READERS, Item, expand
from vendormaturity.store.prepare import (
    PreparedRelationship,
    PreparedRound,
    Questionnaires,
    ResultRow,
    available_cores,
    described,
    open_actions,
    prepare_task,
    result_row,
    start_worker,
)
from vendormaturity.store.schema import (
    PortfolioError,
    State,
    create_engine,
    database_url,
    display_url,
    migrate,
    prepare_sqlite,
    refusal,
    schema_state,
    write_transaction,
)
from vendormaturity.store.views import (
    AddSummary,
    Change,
    Line,
    PhaseChange,
    ReassessSummary,
    Relationship,
    Round,
    Trajectory,
)

__all__ = ["Portfolio", "Progress"]

CHUNK = 1_000  # response sets written together: bounds memory, not transactions
TASK_SIZE = 200  # response sets (or files) a worker reads and assesses at a time
POOL_MIN = 100  # files below which starting worker processes costs more than it saves
Task = Sequence[Path] | Sequence[Item]

# phases in the order a relationship matures; adjourning is an ending, not a step up
_MATURITY = {Phase.FORMING: 0, Phase.STORMING: 1, Phase.NORMING: 2, Phase.PERFORMING: 3}
_STEADY = 0.1  # a change of the overall mean below this, within one phase, is no trend


class Progress(Protocol):
    """Told how an operation over many relationships advances (a progress bar, a log)."""

    def start(self, description: str, total: int) -> None: ...

    def advance(self, steps: int = 1) -> None: ...

    def note(self, message: str) -> None: ...


class _Silent:
    def start(self, description: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def note(self, message: str) -> None:
        pass


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _groups(files: Sequence[Path]) -> Iterator[list[Path]]:
    """Files by folder (a relationship's rounds, usually), at most TASK_SIZE at a time; the
    workbooks of a folder (one round) stay in one task."""
    for _, group in itertools.groupby(files, key=lambda path: path.parent):
        listed = list(group)
        together = [path for path in listed if path.suffix.lower() in GROUP_READERS]
        yield from _batched([path for path in listed if path.suffix.lower() not in GROUP_READERS], TASK_SIZE)
        if together:
            yield together


Prepared = tuple[list[PreparedRelationship], list[Problem], int]


def _prepared(tasks: Iterable[Task], questionnaire: Questionnaire | None, workers: int) -> Iterator[Prepared]:
    """Each task prepared, in order: here, or in *workers* processes with a bounded backlog.

    Workers are started fresh ("spawn"): a script that adds with several workers needs
    Python's ``if __name__ == "__main__":`` guard, as for any process pool. There are never
    more workers than cores, and each ends when this process does.
    """
    workers = min(workers, available_cores())
    if workers <= 1:
        questionnaires = Questionnaires(questionnaire)
        for task in tasks:
            yield prepare_task(task, questionnaires)
        return
    import collections
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_worker,
        initargs=(questionnaire, os.getpid()),
    )
    backlog: collections.deque[Future[Prepared]] = collections.deque()
    try:
        for task in tasks:
            backlog.append(pool.submit(prepare_task, task))
            if len(backlog) >= 4 * workers:
                yield backlog.popleft().result()
        while backlog:
            yield backlog.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class Portfolio:
    """A store of relationships and their assessments over time.

    *db* is a SQLAlchemy URL (``sqlite:///portfolio.db``, ``postgresql://host/db``), a
    path to a SQLite file, or an :class:`sqlalchemy.Engine` or
    :class:`sqlalchemy.Connection` of the application (a write through a connection
    already in a transaction is a savepoint of it). With *create*, an empty database (or
    a SQLite file not there yet) becomes a portfolio on first use; without it, and for
    any database that is not a portfolio of this schema, a :class:`PortfolioError` says
    what to do, and nothing is written.
    """

    def __init__(
        self, db: str | Path | sa.Engine | sa.Connection | None = None, *, create: bool = False
    ) -> None:
        self._owned: sa.Engine | None = None
        if isinstance(db, sa.Connection):
            self._bind: sa.Engine | sa.Connection = db
            self.where = display_url(db.engine.url)
        elif isinstance(db, sa.Engine):
            if db.dialect.name == "sqlite":
                prepare_sqlite(db)
            self._bind = db
            self.where = display_url(db.url)
        else:
            url = database_url(db)
            self._owned = self._bind = create_engine(url, must_exist=not create)
            self.where = display_url(url)
            # connections this portfolio opened are closed with it, or when it is collected
            self._dispose = weakref.finalize(self, self._owned.dispose)
        self._create = create
        self._checked = False
        self._wal_pending = False

    # ------------------------------------------------------------------ life cycle

    def close(self) -> None:
        """Release the connections this portfolio opened (not an engine it was given)."""
        if self._owned is not None:
            self._dispose()

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Database failures as a :class:`PortfolioError` naming the database."""
        try:
            yield
        except exc.SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            # the database's own words for what failed
            raise PortfolioError(
                Problem(msg("cannot use the database: {reason}", reason=reason), file=self.where).as_message()
            ) from None

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        with self._errors():
            if isinstance(self._bind, sa.Connection):
                self._ready(self._bind)
                yield self._bind
                return
            with self._bind.connect() as connection, connection.begin():
                self._ready(connection)
                yield connection

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        try:
            with self._errors(), write_transaction(self._bind) as connection:
                self._ready(connection, create=self._create)
                yield connection
        except BaseException:
            self._checked = self._wal_pending = False  # a schema created in it was rolled back too
            raise

    def _ready(self, connection: sa.Connection, *, create: bool = False) -> None:
        if self._checked:
            return
        state, revision = schema_state(connection)
        if state is State.EMPTY and create:
            migrate(connection)
            self._wal_pending = True
        elif state is not State.CURRENT:
            raise refusal(self.where, state, revision, connection)
        self._checked = True

    def init(self) -> str:
        """Create the portfolio in an empty database, or upgrade an older one; say which.

        A newer or foreign database is refused, untouched.
        """
        with self._errors():
            with write_transaction(self._bind) as connection:
                state, revision = schema_state(connection)
                if state is State.CURRENT:
                    outcome = msg("portfolio is up to date (schema {revision})", revision=revision)
                elif state in (State.EMPTY, State.OLDER):
                    migrate(connection)
                    outcome = (
                        msg("portfolio created")
                        if state is State.EMPTY
                        else msg("portfolio upgraded from schema {revision}", revision=revision)
                    )
                else:
                    raise refusal(self.where, state, revision, connection)
            self._checked = True
            self._set_wal()
        return Problem(outcome, file=self.where).as_message()

    def _set_wal(self) -> None:
        """A new SQLite file keeps a write-ahead log: readers go on while an import runs."""
        self._wal_pending = False
        if self._owned is None or self._owned.dialect.name != "sqlite":
            return
        raw = self._owned.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()
        finally:
            raw.close()

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._reading() as connection:
            return repo.counts(connection)

    # ------------------------------------------------------------------ adding

    def add(
        self,
        paths: str | Path | Sequence[str | Path],
        *,
        questionnaire: Questionnaire | None = None,
        progress: Progress | None = None,
        workers: int = 1,
    ) -> AddSummary:
        """Add response files and folders of them (one path, or several), and assess every round
        they add.

        Each file is checked against its questionnaire (the bundled one it names, or
        *questionnaire*); a response set already stored (same content) is counted, not
        stored again. If any file is invalid, every problem is reported in one
        :class:`ResponseError` and nothing is added. With *workers* > 1, files are read
        and assessed in that many processes while this one writes.
        """
        files = expand([paths] if isinstance(paths, str | Path) else paths)
        progress = progress or _Silent()
        progress.start(msg("Adding"), len(files))
        tasks = _groups(files)
        return self._import(tasks, questionnaire, progress, workers if len(files) >= POOL_MIN else 1)

    def add_responses(
        self,
        responses: Iterable[ResponseSet],
        *,
        questionnaire: Questionnaire | None = None,
        source: str = "<api>",
        progress: Progress | None = None,
        workers: int = 1,
    ) -> AddSummary:
        """Add response sets built in code (already validated models), like :meth:`add`."""
        items = (Item(rs, f"{source}[{index}]") for index, rs in enumerate(responses))
        tasks = _batched(items, TASK_SIZE)
        return self._import(tasks, questionnaire, progress or _Silent(), workers)

    def _import(
        self, tasks: Iterable[Task], questionnaire: Questionnaire | None, progress: Progress, workers: int
    ) -> AddSummary:
        importer = _Importer(self, questionnaire, progress)
        with self._writing() as connection:
            for prepared, problems, read in _prepared(tasks, questionnaire, workers):
                importer.take(connection, prepared, problems, read)
            importer.flush(connection)
            if importer.problems:
                raise ResponseError(
                    importer.problems,
                    summary=nmsg(
                        "{count} problem; nothing was added to the portfolio",
                        "{count} problems; nothing was added to the portfolio",
                        len(importer.problems),
                    ),
                )
        if self._wal_pending:
            self._set_wal()
        return importer.summary()

    # ------------------------------------------------------------------ reading

    def lines(
        self,
        *,
        segment: str | None = None,
        phase: Phase | str | None = None,
        pattern: str | None = None,
        as_of: datetime.date | None = None,
    ) -> list[Line]:
        """One line per relationship, by relationship: newest phase, trend, findings, overdue actions."""
        as_of = as_of or datetime.date.today()
        wanted = Phase(phase) if phase is not None else None
        with self._reading() as connection:
            known = repo.relationships_all(connection, segment)
            rounds: dict[int, list[_Summary]] = {}
            for relationship_id, result_id, date, phase_name, mean in repo.round_summaries(connection):
                if relationship_id in known:
                    rounds.setdefault(relationship_id, []).append((result_id, date, phase_name, mean))
            patterns = repo.patterns_of(connection, [history[-1][0] for history in rounds.values()])
            overdue = repo.overdue_counts(connection, as_of)
        found = []
        for relationship_id, relationship in known.items():
            history = rounds.get(relationship_id)
            if not history:
                continue
            line = _line(relationship, history, patterns[history[-1][0]], overdue.get(relationship_id, 0))
            if wanted is not None and line.phase is not wanted:
                continue
            if pattern is not None and pattern not in line.patterns:
                continue
            found.append(line)
        return found

    def relationships(self) -> list[str]:
        """The relationships' keys, sorted."""
        with self._reading() as connection:
            return repo.relationship_keys(connection)

    def _find(self, connection: sa.Connection, key: str) -> tuple[int, Relationship]:
        found = repo.relationship(connection, key)
        if found is None:
            from vendormaturity.errors import did_you_mean

            known = repo.relationship_keys(connection)
            raise NotFoundError(
                msg("no relationship '{key}' in the portfolio{hint}", key=key, hint=did_you_mean(key, known))
            )
        return found

    def trajectory(self, key: str) -> Trajectory:
        """A relationship's rounds (phases and dimension scores), and what changed in the last."""
        with self._reading() as connection:
            relationship_id, relationship = self._find(connection, key)
            rounds = [round_ for _, _, round_, _, _ in repo.current_results(connection, [relationship_id])]
            actions = repo.open_actions_of(connection, [relationship_id]).get(relationship_id, [])
        change = _change(rounds[-2], rounds[-1]) if len(rounds) > 1 else None
        return Trajectory(relationship, tuple(rounds), change, tuple(actions))

    def compare(self, key: str, start: datetime.date, end: datetime.date) -> Change:
        """What changed between the round in force at *start* and the one in force at *end*."""
        rounds = self.trajectory(key).rounds
        dates = ", ".join(round_.date.isoformat() for round_ in rounds)

        def in_force(day: datetime.date, parameter: str) -> Round:
            earlier = [round_ for round_ in rounds if round_.date <= day]
            if not earlier:
                raise NotFoundError(
                    msg(
                        "{key}: no round on or before {day} ({parameter}); its rounds: {dates}",
                        key=key,
                        day=day,
                        parameter=parameter,
                        dates=dates,
                    )
                )
            return earlier[-1]

        return _change(in_force(start, "start, --from"), in_force(end, "end, --to"))

    def result(self, key: str, date: datetime.date | None = None) -> AssessmentResult:
        """The current result of a relationship's round (the newest round by default)."""
        with self._reading() as connection:
            relationship_id, _ = self._find(connection, key)
            rows = repo.current_results(connection, [relationship_id], with_document=True)
        chosen = [row for row in rows if date is None or row[2].date == date]
        if not chosen:
            raise NotFoundError(msg("{key}: no round dated {date}", key=key, date=date))
        return AssessmentResult.model_validate_json(chosen[-1][3] or "")

    def results(self, keys: Sequence[str]) -> dict[str, tuple[AssessmentResult, ResponseSet]]:
        """The newest round's result and response set of each relationship (for reports)."""
        with self._reading() as connection:
            ids = repo.relationship_ids(connection, keys)
            newest: dict[int, tuple[int, int]] = {}
            for relationship_id, rs_id, _, _, result_id in repo.current_results(connection, ids.values()):
                newest[relationship_id] = (rs_id, result_id)
            documents = repo.result_documents(connection, [result for _, result in newest.values()])
            submitted = repo.documents(connection, [rs for rs, _ in newest.values()])
        found = {}
        for key, relationship_id in ids.items():
            rs_id, result_id = newest[relationship_id]
            found[key] = (
                AssessmentResult.model_validate_json(documents[result_id]),
                ResponseSet.model_validate_json(submitted[rs_id]),
            )
        return found

    # ------------------------------------------------------------------ reassessing

    def reassess(self, questionnaire: Questionnaire, *, progress: Progress | None = None) -> ReassessSummary:
        """Assess every stored round again with *questionnaire*, keeping the older results.

        Rounds answered to another questionnaire are skipped. The results of this
        questionnaire version become the current ones; a round already assessed with
        this very version is recomputed in place. If a round does not fit the
        questionnaire, every such problem is reported and nothing is written.
        """
        progress = progress or _Silent()
        importer = _Importer(self, questionnaire, progress)
        with self._writing() as connection:
            keys = repo.relationship_keys(connection)
            progress.start(msg("Reassessing"), len(keys))
            ids = repo.relationship_ids(connection, keys)
            for batch in _batched(keys, 200):
                importer.reassess(connection, [ids[key] for key in batch], questionnaire)
                progress.advance(len(batch))
            if importer.problems:
                raise ResponseError(
                    importer.problems,
                    summary=nmsg(
                        "{count} problem; no result was stored",
                        "{count} problems; no result was stored",
                        len(importer.problems),
                    ),
                )
        return ReassessSummary(
            questionnaire=questionnaire.id,
            version=questionnaire.version,
            assessed=importer.assessed,
            skipped=importer.skipped,
            relationships=len(keys),
            changed=tuple(importer.changed),
        )


# ---------------------------------------------------------------------- writing


class _Importer:
    """One write: prepared relationships stored chunk by chunk, and assessed.

    A relationship new to the portfolio is stored with the results its batch computed; one
    with stored rounds (or seen earlier in this import) gets its new rounds stored and is
    reassessed from its earliest new round, with the stored rounds before as history.
    """

    def __init__(self, portfolio: Portfolio, questionnaire: Questionnaire | None, progress: Progress) -> None:
        self.portfolio = portfolio
        self.questionnaires = Questionnaires(questionnaire)
        self.progress = progress
        self.problems: list[Problem] = []
        self.read = self.added = self.duplicates = self.assessed = self.skipped = 0
        self.touched: set[str] = set()
        self.changed: list[PhaseChange] = []
        self.relationship_ids: dict[str, int] = {}
        self.latest: AssessmentResult | None = None
        self._pending: list[tuple[int, int, ResultRow]] = []  # relationship, response set, result
        self._buffer: list[PreparedRelationship] = []
        self._buffered = 0
        self._fresh_keys: set[str] = set()

    def summary(self) -> AddSummary:
        return AddSummary(
            read=self.read,
            added=self.added,
            duplicates=self.duplicates,
            assessed=self.assessed,
            relationships=tuple(sorted(self.touched)),
        )

    # -------------------------------------------------------------- storing what was submitted

    def take(
        self,
        connection: sa.Connection,
        prepared: list[PreparedRelationship],
        problems: list[Problem],
        read: int,
    ) -> None:
        """One batch from a worker; written a chunk at a time, and not at all once a problem is seen."""
        self.read += read
        self.progress.advance(read + len(problems))
        self.problems.extend(problems)
        if self.problems:
            self._buffer.clear()
            return  # nothing more is written; the rest is read for its problems only
        self._buffer.extend(prepared)
        self._buffered += sum(len(relationship.rounds) for relationship in prepared)
        if self._buffered >= CHUNK:
            self.flush(connection)

    def flush(self, connection: sa.Connection) -> None:
        buffer, self._buffer, self._buffered = self._buffer, [], 0
        if self.problems or not buffer:
            return
        hashes = sorted({r.content_hash for relationship in buffer for r in relationship.rounds})
        stored = repo.existing_hashes(connection, hashes)
        missing = {relationship.key for relationship in buffer} - set(self.relationship_ids)
        self.relationship_ids.update(repo.relationship_ids(connection, missing))
        fresh: list[PreparedRelationship] = []
        known: list[PreparedRelationship] = []
        for relationship in buffer:  # a relationship met twice is fresh the first time only
            new = (
                relationship.key not in self.relationship_ids
                and relationship.key not in self._fresh_keys
                and relationship.results is not None
                and not any(r.content_hash in stored for r in relationship.rounds)
            )
            if new:
                self._fresh_keys.add(relationship.key)
            (fresh if new else known).append(relationship)
        self._store_fresh(connection, fresh)
        stored.update(r.content_hash for relationship in fresh for r in relationship.rounds)
        self._flush_results(connection)  # the history of what follows
        for relationship in sorted(known, key=lambda relationship: relationship.key):
            self._store_known(connection, relationship, stored)
            self._flush_results(connection)

    def _store_fresh(self, connection: sa.Connection, fresh: list[PreparedRelationship]) -> None:
        """Relationships new to the portfolio: their rounds, results and open actions as prepared."""
        now = _now()
        described = {"segment": None, "contract_start": None, "renewal_date": None}
        rows = [
            {
                "key": rel.key,
                "client": rel.client,
                "supplier": rel.supplier,
                "created_at": now,
                "updated_at": now,
                **described,
                **rel.described,
            }
            for rel in fresh
        ]
        for rel, relationship_id in zip(fresh, repo.add_relationships(connection, rows), strict=True):
            self.relationship_ids[rel.key] = relationship_id
        repo.add_open_actions(
            connection,
            [
                dict(action, relationship_id=self.relationship_ids[rel.key])
                for rel in fresh
                for action in rel.open_actions
            ],
        )
        rounds = [(self.relationship_ids[rel.key], r) for rel in fresh for r in rel.rounds]
        ids = self._insert_rounds(connection, rounds, now)
        results = [result for relationship in fresh for result in relationship.results or []]
        for (relationship_id, _), rs_id, result in zip(rounds, ids, results, strict=True):
            self._pending.append((relationship_id, rs_id, result))
        self.assessed += len(results)
        for relationship in fresh:
            self.touched.add(relationship.key)
            self._note(relationship.key, len(relationship.rounds))

    def _insert_rounds(
        self, connection: sa.Connection, rounds: list[tuple[int, PreparedRound]], now: datetime.datetime
    ) -> list[int]:
        rows = [dict(r.row, relationship_id=relationship_id, added_at=now) for relationship_id, r in rounds]
        facts = [dict(fact, position=index) for index, (_, r) in enumerate(rounds) for fact in r.facts]
        statuses = [
            dict(status, position=index) for index, (_, r) in enumerate(rounds) for status in r.statuses
        ]
        ids = repo.add_response_sets(connection, rows, facts, statuses)
        self.added += len(ids)
        return ids

    def _store_known(
        self, connection: sa.Connection, relationship: PreparedRelationship, stored: set[str]
    ) -> None:
        """A relationship with stored rounds: store what is new, then reassess it from there."""
        relationship_id = self.relationship_ids.get(relationship.key)
        if relationship_id is None:
            relationship_id = repo.add_relationship(
                connection, relationship.key, relationship.client, relationship.supplier, _now()
            )
            self.relationship_ids[relationship.key] = relationship_id
        rounds = repo.rounds_of(connection, [relationship_id])
        kept: list[PreparedRound] = []
        for prepared in relationship.rounds:
            if prepared.content_hash in stored:
                self.duplicates += 1
                continue
            existing = rounds.get((relationship_id, prepared.date))
            if existing is not None:
                self._conflict(connection, prepared, existing)
                continue
            stored.add(prepared.content_hash)
            rounds[(relationship_id, prepared.date)] = (
                -1,
                prepared.date,
                prepared.content_hash,
                prepared.source,
            )
            kept.append(prepared)
        if self.problems or not kept:
            return
        ids = self._insert_rounds(connection, [(relationship_id, r) for r in kept], _now())
        self.touched.add(relationship.key)
        self._reassess_from(
            connection, relationship_id, {id_: r.responses() for id_, r in zip(ids, kept, strict=True)}
        )

    def _conflict(
        self, connection: sa.Connection, prepared: PreparedRound, existing: repo.StoredRound
    ) -> None:
        """Another response set for a stored round: the same content in another order is a duplicate."""
        rs_id, date, _, source = existing
        if rs_id >= 0:
            stored = ResponseSet.model_validate_json(repo.documents(connection, [rs_id])[rs_id])
            if stored == prepared.responses():
                self.duplicates += 1
                return
        relationship = prepared.responses().relationship
        self.problems.append(
            Problem(
                msg(
                    "relationship '{relationship}' already has a response set dated {date} with other content"
                    " (from {source}); a round is stored as submitted and never replaced",
                    relationship=relationship,
                    date=date,
                    source=source,
                ),
                file=prepared.source,
            )
        )

    # -------------------------------------------------------------- assessing against the database

    def reassess(
        self, connection: sa.Connection, relationship_ids: list[int], questionnaire: Questionnaire
    ) -> None:
        for relationship_id in relationship_ids:
            before = {
                round_.date: round_.phase
                for _, _, round_, _, _ in repo.current_results(connection, [relationship_id])
            }
            self._reassess_from(connection, relationship_id, {}, only=questionnaire.id)
            latest = self.latest
            if latest is not None and before.get(latest.date, latest.phase) is not latest.phase:
                self.changed.append(
                    PhaseChange(latest.relationship, latest.date, before[latest.date], latest.phase)
                )
        self._flush_results(connection)

    def _reassess_from(
        self,
        connection: sa.Connection,
        relationship_id: int,
        new: dict[int, ResponseSet],
        *,
        only: str | None = None,
    ) -> None:
        """Assess a relationship's rounds from its earliest new one, the rounds before as history.

        With *only* (a questionnaire id), every round answered to that questionnaire is
        assessed, and rounds answered to another one are skipped.
        """
        rows = repo.response_set_rows(connection, relationship_id)
        start = min((rs.date for rs in new.values()), default=rows[0][1] if rows else datetime.date.max)
        history: list[AssessmentResult] = []
        if only is None:
            history = [
                AssessmentResult.model_validate_json(document or "")
                for _, _, _, document, _ in repo.current_results(
                    connection, [relationship_id], before=start, with_document=True
                )
            ]
        todo = [(rs_id, date, q_id) for rs_id, date, q_id in rows if date >= start]
        if only is not None:
            self.skipped += sum(1 for row in todo if row[2] != only)
            todo = [row for row in todo if row[2] == only]
        before = [rs_id for rs_id, date, _ in rows if date < start]  # their standing facts carry over
        stored = repo.documents(connection, [*before, *(rs_id for rs_id, _, _ in todo if rs_id not in new)])
        rounds = [ResponseSet.model_validate_json(stored[rs_id]) for rs_id in before]
        self.latest = None
        newest: ResponseSet | None = None
        for rs_id, date, q_id in todo:
            rs = new.get(rs_id) or ResponseSet.model_validate_json(stored[rs_id])
            try:
                compiled = self.questionnaires.compiled(q_id)
                rs = complete_facts(compiled, rs, rounds)
                rounds.append(rs)
                newest = rs
                result = assess(compiled, rs, history)
            except VendorMaturityError as error:
                self.problems.extend(_problems(error, f"{rs.relationship} {date}"))
                return
            history.append(result)
            self._pending.append((relationship_id, rs_id, result_row(result)))
            self.assessed += 1
            self.latest = result
        if history and newest is not None:
            values: dict[str, Any] = {
                "client": newest.client,
                "supplier": newest.supplier,
                **described(newest),
            }
            values["updated_at"] = _now()
            repo.update_relationship(connection, relationship_id, values)
            actions = open_actions(history, values.get("renewal_date"))
            repo.replace_open_actions(connection, relationship_id, actions)
            self._note(newest.relationship, len(history))

    def _note(self, key: str, rounds: int) -> None:
        self.progress.note(nmsg("{key}: {count} round", "{key}: {count} rounds", rounds, key=key))

    def _flush_results(self, connection: sa.Connection) -> None:
        pending, self._pending = self._pending, []
        if not pending or self.problems:
            return
        now = _now()
        rows = [
            (dict(row, response_set_id=rs_id, relationship_id=relationship_id, computed_at=now), actions)
            for relationship_id, rs_id, (row, actions) in pending
        ]
        existing = repo.existing_result_keys(connection, [row["response_set_id"] for row, _ in rows])

        def key(row: dict[str, Any]) -> tuple[int, str, str]:
            return row["response_set_id"], row["questionnaire"], row["questionnaire_version"]

        for row, actions in rows:
            if key(row) in existing:
                repo.replace_result(connection, row, actions)
        fresh = [(row, actions) for row, actions in rows if key(row) not in existing]
        repo.add_results(connection, [row for row, _ in fresh], [actions for _, actions in fresh])


def _problems(error: VendorMaturityError, where: str) -> list[Problem]:
    from vendormaturity.errors import ValidationError

    if isinstance(error, ValidationError):
        return list(error.problems)
    return [Problem(msg("{where}: {problem}", where=where, problem=error.message))]


_Summary = tuple[int, datetime.date, str, float | None]  # result id, date, phase, overall mean


def _line(
    relationship: Relationship, rounds: list[_Summary], patterns: tuple[str, ...], overdue: int
) -> Line:
    _, date, newest, mean = rounds[-1]
    stuck_since = None
    for _, day, phase, _ in reversed(rounds):
        if phase != Phase.NORMING.value:
            break
        stuck_since = day
    trend = "new"
    if len(rounds) > 1:
        _, _, before, before_mean = rounds[-2]
        trend = _trend(Phase(before), before_mean, Phase(newest), mean)
    return Line(
        relationship=relationship,
        rounds=len(rounds),
        date=date,
        phase=Phase(newest),
        trend=trend,
        overall_mean=mean,
        patterns=patterns,
        overdue_actions=overdue,
        stuck_since=stuck_since,
    )


def _trend(before: Phase, before_mean: float | None, after: Phase, after_mean: float | None) -> str:
    """Up or down a phase; within one phase (or to adjourning), the overall mean decides."""
    if before is not after and before in _MATURITY and after in _MATURITY:
        return "up" if _MATURITY[after] > _MATURITY[before] else "down"
    if before_mean is None or after_mean is None:
        return "steady"
    delta = after_mean - before_mean
    if abs(delta) < _STEADY:
        return "steady"
    return "up" if delta > 0 else "down"


def _change(before: Round, after: Round) -> Change:
    deltas: dict[str, float | None] = {}
    for dimension in sorted(set(before.scores) | set(after.scores)):
        old, new = before.scores.get(dimension), after.scores.get(dimension)
        deltas[dimension] = None if old is None or new is None else round(new - old, 4)
    return Change(
        before=before,
        after=after,
        scores=deltas,
        appeared=tuple(p for p in after.patterns if p not in before.patterns),
        resolved=tuple(p for p in before.patterns if p not in after.patterns),
    )
