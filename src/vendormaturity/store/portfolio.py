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
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import exc

from vendormaturity.errors import NotFoundError, Problem, ResponseError, ValidationError
from vendormaturity.i18n import msg, nmsg
from vendormaturity.model.phases import Phase
from vendormaturity.store import repository as repo
from vendormaturity.store.processes import workers_for
from vendormaturity.store.progress import Progress, Silent
from vendormaturity.store.schema import (
    PortfolioError,
    State,
    create_engine,
    database_url,
    display_url,
    migrate,
    migration_transaction,
    prepare_sqlite,
    refusal,
    schema_state,
    write_transaction,
)
from vendormaturity.store.tables import ACTIVE_STATUS
from vendormaturity.store.views import (
    AddSummary,
    Change,
    Corrected,
    Correction,
    Line,
    OpenAction,
    ReassessSummary,
    Relationship,
    Round,
    Trajectory,
    Version,
)

if TYPE_CHECKING:
    from vendormaturity.model.questionnaire import Questionnaire
    from vendormaturity.model.responses import ResponseSet
    from vendormaturity.model.result import AssessmentResult
    from vendormaturity.store.importer import Importer, Pool, Task
    from vendormaturity.store.inputs import Item
    from vendormaturity.store.prepare import PreparedRound

__all__ = ["Portfolio", "Progress"]

SUPERSEDED, REMOVED = "superseded", "removed"  # what a round's version is when no longer in force
SUPERSEDE, REMOVE = "supersede", "remove"  # what the audit says was done

# phases in the order a relationship matures; adjourning is an ending, not a step up
_MATURITY = {Phase.FORMING: 0, Phase.STORMING: 1, Phase.NORMING: 2, Phase.PERFORMING: 3}
_STEADY = 0.1  # a change of the overall mean below this, within one phase, is no trend


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
            with migration_transaction(self._bind) as connection:
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
        workers: int | None = 1,
    ) -> AddSummary:
        """Add response files and folders of them, and assess every round they add.

        Each file is checked against its questionnaire (the bundled one it names, or
        *questionnaire*); a response set already stored (same content) is counted, not
        stored again. If any file is invalid, every problem is reported in one
        :class:`ResponseError` and nothing is added. With *workers* > 1, files are read
        and assessed in that many processes while this one writes; with None, one per core
        when there are enough files for the processes to pay for their start.
        """
        from vendormaturity.sources.listing import expand
        from vendormaturity.store.importer import file_tasks

        files = expand([paths] if isinstance(paths, str | Path) else paths)
        progress = progress or Silent()
        progress.start(msg("Adding"), len(files))
        tasks = file_tasks(files)
        return self._import(tasks, questionnaire, progress, workers_for(workers, len(files)))

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
        from vendormaturity.store.importer import TASK_SIZE, batched
        from vendormaturity.store.inputs import Item

        items = (Item(rs, f"{source}[{index}]") for index, rs in enumerate(responses))
        return self._import(batched(items, TASK_SIZE), questionnaire, progress or Silent(), workers)

    def _import(
        self, tasks: Iterable[Task], questionnaire: Questionnaire | None, progress: Progress, workers: int
    ) -> AddSummary:
        with self._importing(questionnaire, progress, workers) as importer:
            importer.add(tasks)
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

    @contextlib.contextmanager
    def _importing(
        self, questionnaire: Questionnaire | None, progress: Progress, workers: int
    ) -> Iterator[Importer]:
        """One write transaction, and the worker processes that read and assess for it."""
        from vendormaturity.store.importer import Importer, Pool

        pool: Pool | None = None
        try:
            with self._writing() as connection:
                pool = Pool(workers, questionnaire)
                yield Importer(connection, pool, progress)
        finally:
            if pool is not None:
                pool.close()

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
            rounds = repo.round_summaries(connection, segment)
            patterns = repo.patterns_of(connection, [history[-1][0] for history in rounds.values()])
            overdue = repo.overdue_counts(connection, as_of)
        return [
            line
            for line in _lines(known, rounds, patterns, overdue)
            if (wanted is None or line.phase is wanted) and (pattern is None or pattern in line.patterns)
        ]

    def first_lines(
        self, count: int, *, segment: str | None = None, as_of: datetime.date | None = None
    ) -> tuple[list[Line], int]:
        """The first *count* of :meth:`lines` (by relationship), and how many there are in all:
        a screenful costs the same whatever the size of the portfolio."""
        as_of = as_of or datetime.date.today()
        with self._reading() as connection:
            known = repo.assessed_first(connection, count, segment)
            rounds = repo.round_summaries(connection, relationship_ids=list(known))
            patterns = repo.patterns_of(connection, [history[-1][0] for history in rounds.values()])
            overdue = repo.overdue_counts(connection, as_of, list(known))
            total = repo.assessed_count(connection, segment)
        return _lines(known, rounds, patterns, overdue), total

    def phase_mix(
        self, as_of: datetime.date, quarters: int = 8
    ) -> list[tuple[datetime.date, dict[Phase, int]]]:
        """For each of the last *quarters* calendar quarters up to *as_of* (oldest first): its
        last day (or *as_of* for the quarter under way), and how many relationships were in
        each phase then, by the newest round dated on or before it."""
        with self._reading() as connection:
            rounds = {
                relationship_id: [(date, phase_name) for _, date, phase_name, _ in summaries]
                for relationship_id, summaries in repo.round_summaries(connection).items()
            }
        ends = _quarter_ends(as_of, quarters)
        mix = [(end, dict.fromkeys(Phase, 0)) for end in ends]
        for history in rounds.values():
            position = 0
            for end, counts in mix:
                while position < len(history) and history[position][0] <= end:
                    position += 1
                if position:
                    counts[Phase(history[position - 1][1])] += 1
        return mix

    def open_actions(self, keys: Sequence[str]) -> dict[str, list[OpenAction]]:
        """The open actions of these relationships (by due date), as overdue counts read them."""
        with self._reading() as connection:
            ids = repo.relationship_ids(connection, keys)
            found = repo.open_actions_of(connection, list(ids.values()))
        return {key: found.get(relationship_id, []) for key, relationship_id in ids.items()}

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
        """A relationship's rounds in force (phases and dimension scores, the version of each), what
        changed in the last, its open actions, and the corrections of its rounds."""
        with self._reading() as connection:
            relationship_id, relationship = self._find(connection, key)
            rounds = [r for *_, r in repo.in_force(connection, [relationship_id]).get(relationship_id, [])]
            actions = repo.open_actions_of(connection, [relationship_id]).get(relationship_id, [])
            corrections = repo.corrections(connection, relationship_id)
        change = _change(rounds[-2], rounds[-1]) if len(rounds) > 1 else None
        return Trajectory(relationship, tuple(rounds), change, tuple(actions), tuple(corrections))

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
        """The result in force of a relationship's round (the newest round by default)."""
        from vendormaturity.store.prepare import decode_result

        with self._reading() as connection:
            relationship_id, _ = self._find(connection, key)
            rows = repo.in_force(connection, [relationship_id]).get(relationship_id, [])
            chosen = [row for row in rows if date is None or row[3].date == date]
            if not chosen:
                raise NotFoundError(msg("{key}: no round dated {date}", key=key, date=date))
            result_id = chosen[-1][2]
            body = repo.result_bodies(connection, [result_id])[result_id]
        return decode_result(body)

    def results(self, keys: Sequence[str]) -> dict[str, tuple[AssessmentResult, ResponseSet]]:
        """The newest round's result and response set of each relationship (for reports)."""
        from vendormaturity.model.responses import ResponseSet
        from vendormaturity.store.prepare import decode_result

        with self._reading() as connection:
            ids = repo.relationship_ids(connection, keys)
            newest = {
                relationship_id: (rows[-1][1], rows[-1][2])
                for relationship_id, rows in repo.in_force(connection, ids.values()).items()
            }
            bodies = repo.result_bodies(connection, [result for _, result in newest.values()])
            submitted = repo.documents(connection, [rs for rs, _ in newest.values()])
        found = {}
        for key, relationship_id in ids.items():
            rs_id, result_id = newest[relationship_id]
            found[key] = (decode_result(bodies[result_id]), ResponseSet.model_validate_json(submitted[rs_id]))
        return found

    def versions(self, key: str, date: datetime.date | None = None) -> list[Version]:
        """Every stored version of a relationship's rounds (of the round of *date*), in force,
        superseded or removed, by date and version."""
        with self._reading() as connection:
            relationship_id, _ = self._find(connection, key)
            return [version for version, _ in repo.versions(connection, relationship_id, date)]

    def responses(self, key: str, date: datetime.date, *, version: int | None = None) -> ResponseSet:
        """A round's response set as submitted: the version in force, or any stored *version*."""
        from vendormaturity.model.responses import ResponseSet

        with self._reading() as connection:
            relationship_id, _ = self._find(connection, key)
            stored = repo.versions(connection, relationship_id, date)
            chosen = [
                id_
                for v, id_ in stored
                if (v.version == version if version is not None else v.status == ACTIVE_STATUS)
            ]
            if not chosen:
                known = ", ".join(f"{v.version} ({v.status})" for v, _ in stored) or "none"
                if version is None:
                    raise NotFoundError(
                        msg(
                            "{key}: no version in force of the round of {date} (its versions: {known})",
                            key=key,
                            date=date,
                            known=known,
                        )
                    )
                raise NotFoundError(
                    msg(
                        "{key}: no version {version} of the round of {date} (its versions: {known})",
                        key=key,
                        version=version,
                        date=date,
                        known=known,
                    )
                )
            document = repo.documents(connection, chosen)[chosen[0]]
        return ResponseSet.model_validate_json(document)

    def corrections(self, key: str | None = None) -> list[Correction]:
        """The audit: every correction of the portfolio's rounds (of one relationship), oldest first."""
        with self._reading() as connection:
            relationship_id = None if key is None else self._find(connection, key)[0]
            return repo.corrections(connection, relationship_id)

    # ------------------------------------------------------------------ correcting

    def supersede(
        self,
        key: str,
        replacement: str | Path | ResponseSet,
        *,
        reason: str,
        date: datetime.date | None = None,
        by: str | None = None,
        questionnaire: Questionnaire | None = None,
    ) -> Corrected:
        """Correct a stored round: *replacement* (a response file, a folder of the round's
        workbooks, or a response set) becomes the version in force of the round of its date
        (or of *date*, when the correction changes the date), and the version it replaces is
        kept, superseded; the round and those after it are assessed again. The correction is
        recorded in the audit with who (*by*, by default the user's name), when and *reason*.

        The replacement is checked like a file added (every problem reported, nothing written),
        and refused when it is another relationship's, the round as stored, already stored, or
        dated like another round in force.
        """
        from vendormaturity.store.prepare import prepared_round

        why, who = _reason(reason), _actor(by)
        item = _replacement(replacement, questionnaire)
        prepared = prepared_round(item)
        with self._importing(questionnaire, Silent(), 1) as importer:
            connection = importer.connection
            relationship_id, _ = self._find(connection, key)
            date = date or prepared.date
            old = self._in_force(connection, relationship_id, key, date)
            _check_replacement(connection, key, prepared, old, relationship_id)
            now = _now()
            repo.retire_round(connection, old.id, SUPERSEDED)
            repo.retire_results(connection, [old.id])
            at_date = [v.version for v, _ in repo.versions(connection, relationship_id, prepared.date)]
            importer.correct(
                key, relationship_id, min(date, prepared.date), [prepared], max(at_date, default=0) + 1
            )
            _raise(importer, removing=False)
            new_id = importer.stored[prepared.content_hash]
            repo.retire_round(connection, old.id, SUPERSEDED, superseded_by=new_id)
            repo.add_audit(
                connection,
                _audit_row(
                    at=now,
                    actor=who,
                    action=SUPERSEDE,
                    relationship_id=relationship_id,
                    response_set_id=old.id,
                    replacement_id=new_id,
                    reason=why,
                ),
            )
            correction = repo.corrections(connection, relationship_id)[-1]
        return Corrected(correction, importer.assessed)

    def remove(self, key: str, date: datetime.date, *, reason: str, by: str | None = None) -> Corrected:
        """Take a round out of the portfolio: its version in force is kept, removed, and counts no
        more (list, reports, the history of later rounds, reassess); the rounds after it are
        assessed again. The removal is recorded in the audit with who, when and *reason*."""
        why, who = _reason(reason), _actor(by)
        with self._importing(None, Silent(), 1) as importer:
            connection = importer.connection
            relationship_id, _ = self._find(connection, key)
            old = self._in_force(connection, relationship_id, key, date)
            now = _now()
            repo.retire_round(connection, old.id, REMOVED)
            repo.retire_results(connection, [old.id])
            if not importer.correct(key, relationship_id, date, [], 0):
                repo.forget_description(connection, relationship_id, now)
            _raise(importer, removing=True)
            repo.add_audit(
                connection,
                _audit_row(
                    at=now,
                    actor=who,
                    action=REMOVE,
                    relationship_id=relationship_id,
                    response_set_id=old.id,
                    replacement_id=None,
                    reason=why,
                ),
            )
            correction = repo.corrections(connection, relationship_id)[-1]
        return Corrected(correction, importer.assessed)

    def _in_force(
        self, connection: sa.Connection, relationship_id: int, key: str, date: datetime.date
    ) -> repo.StoredRound:
        old = repo.active_round(connection, relationship_id, date)
        if old is None:
            dates = ", ".join(
                v.date.isoformat()
                for v, _ in repo.versions(connection, relationship_id)
                if v.status == ACTIVE_STATUS
            )
            raise NotFoundError(
                msg(
                    "{key}: no round dated {date} in force (its rounds: {dates})",
                    key=key,
                    date=date,
                    dates=dates or "none",
                )
            )
        return old

    # ------------------------------------------------------------------ reassessing

    def reassess(
        self, questionnaire: Questionnaire, *, progress: Progress | None = None, workers: int | None = 1
    ) -> ReassessSummary:
        """Assess every stored round again with *questionnaire*, keeping the older results.

        Rounds answered to another questionnaire are skipped. The results of this
        questionnaire version become the ones in force; a round already assessed with
        this very version is recomputed in place. If a round does not fit the
        questionnaire, every such problem is reported and nothing is written. With
        *workers* > 1, rounds are assessed in that many processes while this one writes (None:
        one per core when the portfolio is large enough for them to pay for their start).
        """
        progress = progress or Silent()
        if workers is None:
            with self._reading() as connection:
                workers = workers_for(None, repo.rounds_in_force(connection))
        with self._importing(questionnaire, progress, workers) as importer:
            keys = repo.relationship_keys(importer.connection)
            progress.start(msg("Reassessing"), len(keys))
            importer.reassess(keys, questionnaire)
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


def _lines(
    known: dict[int, Relationship],
    rounds: dict[int, list[repo.Summary]],
    patterns: dict[int, tuple[str, ...]],
    overdue: dict[int, int],
) -> list[Line]:
    """The line of each of the *known* relationships that has a round in force, in their order."""
    return [
        _line(relationship, history, patterns[history[-1][0]], overdue.get(relationship_id, 0))
        for relationship_id, relationship in known.items()
        if (history := rounds.get(relationship_id))
    ]


def _line(
    relationship: Relationship, rounds: list[repo.Summary], patterns: tuple[str, ...], overdue: int
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


def _quarter_ends(as_of: datetime.date, count: int) -> list[datetime.date]:
    """The last day of each of the *count* quarters up to *as_of*'s (which ends at *as_of*), oldest first."""
    ends = [as_of]
    year, quarter = as_of.year, (as_of.month - 1) // 3
    for _ in range(count - 1):
        year, quarter = (year - 1, 3) if quarter == 0 else (year, quarter - 1)
        first_of_next = datetime.date(year + (quarter == 3), 1 if quarter == 3 else 3 * quarter + 4, 1)
        ends.append(first_of_next - datetime.timedelta(days=1))
    return ends[::-1]


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


# ---------------------------------------------------------------------- corrections


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _reason(reason: str) -> str:
    why = reason.strip()
    if not why:
        raise PortfolioError(msg("say why the round is corrected: the reason is kept in the audit"))
    return why


def _actor(by: str | None) -> str:
    """Who corrects: as given, or the user's name."""
    if by is not None and by.strip():
        return by.strip()
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise PortfolioError(msg("say who corrects the round (by=, or --by NAME)")) from None


def _replacement(replacement: str | Path | ResponseSet, questionnaire: Questionnaire | None) -> Item:
    """The corrected response set: read from a file (or a round's workbooks), or as given."""
    from vendormaturity.model.responses import ResponseSet
    from vendormaturity.store.inputs import Item, expand, read_inputs

    if isinstance(replacement, ResponseSet):
        return Item(replacement, "<api>")
    files = expand([replacement])
    items: list[Item] = []
    problems: list[Problem] = []
    for entry in read_inputs(files, questionnaire):
        (problems if isinstance(entry, Problem) else items).append(entry)  # type: ignore[arg-type]
    if not problems and len(items) != 1:
        problems.append(
            Problem(
                msg("gives {count} response sets; a correction is one round's", count=len(items)),
                file=str(replacement),
            )
        )
    if problems:
        raise ResponseError(problems, summary=msg("the correction is not valid; nothing was corrected"))
    return items[0]


def _check_replacement(
    connection: sa.Connection, key: str, prepared: PreparedRound, old: repo.StoredRound, relationship_id: int
) -> None:
    """A correction corrects this round of this relationship, and is new."""
    problem = None
    if prepared.relationship != key:
        problem = msg("is for relationship '{other}', not '{key}'", other=prepared.relationship, key=key)
    elif prepared.content_hash == old.content_hash:
        problem = msg("is the round of {date} as stored: there is nothing to correct", date=old.date)
    elif repo.existing_hashes(connection, [prepared.content_hash]):
        problem = msg("is already stored in the portfolio; a correction is a response set not stored yet")
    elif prepared.date != old.date and repo.active_round(connection, relationship_id, prepared.date):
        problem = msg(
            "is dated {date}, the date of another round in force; correct that round instead",
            date=prepared.date,
        )
    if problem is not None:
        raise ValidationError([Problem(problem, file=prepared.source)], summary=msg("nothing was corrected"))


def _raise(importer: Importer, *, removing: bool) -> None:
    """The problems of assessing the rounds again after a correction: nothing is corrected."""
    if not importer.problems:
        return
    count = len(importer.problems)
    summary = (
        nmsg("{count} problem; nothing was removed", "{count} problems; nothing was removed", count)
        if removing
        else nmsg("{count} problem; nothing was corrected", "{count} problems; nothing was corrected", count)
    )
    raise ResponseError(importer.problems, summary=summary)


def _audit_row(
    *,
    at: datetime.datetime,
    actor: str,
    action: str,
    relationship_id: int,
    response_set_id: int,
    replacement_id: int | None,
    reason: str,
) -> dict[str, object]:
    return {
        "at": at,
        "actor": actor,
        "action": action,
        "relationship_id": relationship_id,
        "response_set_id": response_set_id,
        "replacement_id": replacement_id,
        "reason": reason,
    }
