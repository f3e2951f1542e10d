"""The portfolio: every relationship's response sets and results over time, in one database.

>>> import vendormaturity as vm
>>> portfolio = vm.Portfolio("sqlite:///portfolio.db", create=True)   # or a URL, Engine, Connection
>>> portfolio.add(["examples/acme-hosting"])                           # doctest: +SKIP
>>> [line.phase for line in portfolio.lines()]                         # doctest: +SKIP

Every write is one transaction that holds the portfolio's write lock: two processes
adding at once both get in, one after the other, and a process killed half-way leaves
the database as it was. Reads never wait for writes.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import itertools
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy import exc

from vendormaturity.engine.assessment import assess
from vendormaturity.engine.compiled import CompiledQuestionnaire
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.errors import NotFoundError, Problem, ResponseError, VendorMaturityError
from vendormaturity.model.questionnaire import Horizon, Phase, Questionnaire
from vendormaturity.model.responses import ActionStatus, ResponseSet
from vendormaturity.model.result import AssessmentResult
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.store import repository as repo
from vendormaturity.store.inputs import Item, expand, read_inputs
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

CHUNK = 1_000  # response sets read, stored and assessed together: bounds memory, not transactions

# Facts that describe the relationship itself (those of the bundled questionnaires): its
# Kraljic segment, its age (contract start = round date − age) and the time to its exit.
SEGMENT_FACT = "segment"
AGE_FACT = "age_months"
EXIT_FACT = "months_to_exit"
# When an open action falls due, counted from the round that recommended it.
HORIZON_MONTHS = {Horizon.SHORT.value: 3, Horizon.MEDIUM.value: 12}
_CLOSED = {ActionStatus.DONE.value, ActionStatus.DROPPED.value}
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
        self._questionnaires: dict[str, Questionnaire] = {}
        self._compiled: dict[int, CompiledQuestionnaire] = {}

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
            raise PortfolioError(f"{self.where}: cannot use the database: {reason}") from None

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
        with self._errors(), write_transaction(self._bind) as connection:
            self._ready(connection, create=self._create)
            yield connection

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
                    outcome = f"{self.where}: portfolio is up to date (schema {revision})"
                elif state in (State.EMPTY, State.OLDER):
                    migrate(connection)
                    outcome = (
                        f"{self.where}: portfolio created"
                        if state is State.EMPTY
                        else f"{self.where}: portfolio upgraded from schema {revision}"
                    )
                else:
                    raise refusal(self.where, state, revision, connection)
            self._checked = True
            self._set_wal()
        return outcome

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
        paths: Sequence[str | Path],
        *,
        questionnaire: Questionnaire | None = None,
        progress: Progress | None = None,
    ) -> AddSummary:
        """Add response files and folders of them, and assess every round they add.

        Each file is checked against its questionnaire (the bundled one it names, or
        *questionnaire*); a response set already stored (same content) is counted, not
        stored again. If any file is invalid, every problem is reported in one
        :class:`ResponseError` and nothing is added.
        """
        files = expand(paths)
        progress = progress or _Silent()
        progress.start("Adding", len(files))
        return self._import(read_inputs(files, questionnaire), questionnaire, progress)

    def add_responses(
        self,
        responses: Iterable[ResponseSet],
        *,
        questionnaire: Questionnaire | None = None,
        source: str = "<api>",
        progress: Progress | None = None,
    ) -> AddSummary:
        """Add response sets built in code (already validated models), like :meth:`add`."""
        items = (Item(rs, f"{source}[{index}]") for index, rs in enumerate(responses))
        return self._import(items, questionnaire, progress or _Silent())

    def _import(
        self, items: Iterable[Item | Problem], questionnaire: Questionnaire | None, progress: Progress
    ) -> AddSummary:
        importer = _Importer(self, questionnaire, progress)
        with self._writing() as connection:
            for chunk in _batched(items, CHUNK):
                importer.chunk(connection, chunk)
            if importer.problems:
                count = len(importer.problems)
                raise ResponseError(
                    importer.problems,
                    summary=f"{count} problem{'s' if count != 1 else ''}; nothing was added to the portfolio",
                )
        if self._wal_pending:
            self._set_wal()
        return importer.summary()

    # ------------------------------------------------------------------ questionnaires

    def _questionnaire(self, questionnaire_id: str, given: Questionnaire | None) -> Questionnaire:
        if given is not None and given.id == questionnaire_id:
            return given
        if questionnaire_id not in self._questionnaires:
            if questionnaire_id not in bundled_questionnaires():
                raise NotFoundError(
                    f"questionnaire '{questionnaire_id}' is not bundled; give it with --questionnaire FILE"
                )
            self._questionnaires[questionnaire_id] = load_questionnaire(questionnaire_id)
        return self._questionnaires[questionnaire_id]

    def compiled(self, questionnaire: Questionnaire) -> CompiledQuestionnaire:
        key = id(questionnaire)
        if key not in self._compiled:
            self._compiled[key] = compile_questionnaire(questionnaire)
        return self._compiled[key]

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
            rounds: dict[int, list[Round]] = {}
            for relationship_id, _, round_, _, _ in repo.current_results(connection):
                if relationship_id in known:
                    rounds.setdefault(relationship_id, []).append(round_)
            overdue = repo.overdue_counts(connection, as_of)
        found = []
        for relationship_id, relationship in known.items():
            history = rounds.get(relationship_id)
            if not history:
                continue
            line = _line(relationship, history, overdue.get(relationship_id, 0))
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
            raise NotFoundError(f"no relationship '{key}' in the portfolio{did_you_mean(key, known)}")
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

        def in_force(day: datetime.date, option: str) -> Round:
            earlier = [round_ for round_ in rounds if round_.date <= day]
            if not earlier:
                raise NotFoundError(f"{key}: no round on or before {day} ({option}); its rounds: {dates}")
            return earlier[-1]

        return _change(in_force(start, "--from"), in_force(end, "--to"))

    def result(self, key: str, date: datetime.date | None = None) -> AssessmentResult:
        """The current result of a relationship's round (the newest round by default)."""
        with self._reading() as connection:
            relationship_id, _ = self._find(connection, key)
            rows = repo.current_results(connection, [relationship_id], with_document=True)
        chosen = [row for row in rows if date is None or row[2].date == date]
        if not chosen:
            raise NotFoundError(f"{key}: no round dated {date}")
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
            progress.start("Reassessing", len(keys))
            ids = repo.relationship_ids(connection, keys)
            for batch in _batched(keys, 200):
                importer.reassess(connection, [ids[key] for key in batch], questionnaire)
                progress.advance(len(batch))
            if importer.problems:
                count = len(importer.problems)
                raise ResponseError(
                    importer.problems,
                    summary=f"{count} problem{'s' if count != 1 else ''}; no result was stored",
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
    """One write: response sets stored chunk by chunk, then each touched relationship reassessed."""

    def __init__(self, portfolio: Portfolio, questionnaire: Questionnaire | None, progress: Progress) -> None:
        self.portfolio = portfolio
        self.questionnaire = questionnaire
        self.progress = progress
        self.problems: list[Problem] = []
        self.read = self.added = self.duplicates = self.assessed = self.skipped = 0
        self.touched: set[str] = set()
        self.changed: list[PhaseChange] = []
        self.relationship_ids: dict[str, int] = {}
        self.latest: AssessmentResult | None = None
        self._pending: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []

    def summary(self) -> AddSummary:
        return AddSummary(
            read=self.read,
            added=self.added,
            duplicates=self.duplicates,
            assessed=self.assessed,
            relationships=tuple(sorted(self.touched)),
        )

    # -------------------------------------------------------------- storing what was submitted

    def chunk(self, connection: sa.Connection, chunk: Sequence[Item | Problem]) -> None:
        items: list[Item] = []
        for entry in chunk:
            if isinstance(entry, Problem):
                self.problems.append(entry)
            else:
                items.append(entry)
                self.read += 1
            self.progress.advance()
        if self.problems:
            return  # nothing more is written; the rest is read for its problems only
        new = self._store(connection, items)
        if new and not self.problems:
            self._assess_new(connection, new)

    def _store(self, connection: sa.Connection, items: list[Item]) -> dict[int, dict[int, ResponseSet]]:
        """Store the chunk's new response sets; by relationship id, the new ones by response set id."""
        documents = [item.responses.model_dump_json() for item in items]
        hashes = [hashlib.sha256(document.encode()).hexdigest() for document in documents]
        stored = repo.existing_hashes(connection, sorted(set(hashes)))
        self._relationships(connection, items)
        ids = {
            item.responses.relationship: self.relationship_ids[item.responses.relationship] for item in items
        }
        rounds = repo.rounds_of(connection, set(ids.values()))
        now = _now()
        rows: list[dict[str, Any]] = []
        fact_rows: list[dict[str, Any]] = []
        status_rows: list[dict[str, Any]] = []
        kept: list[tuple[int, ResponseSet]] = []
        for item, document, content_hash in zip(items, documents, hashes, strict=True):
            rs = item.responses
            relationship_id = ids[rs.relationship]
            if content_hash in stored:
                self.duplicates += 1
                continue
            existing = rounds.get((relationship_id, rs.date))
            if existing is not None:
                self._conflict(connection, item, existing)
                continue
            position = len(rows)
            rows.append(
                {
                    "relationship_id": relationship_id,
                    "date": rs.date,
                    "questionnaire": rs.questionnaire,
                    "questionnaire_version": rs.questionnaire_version,
                    "content_hash": content_hash,
                    "source": item.source,
                    "document": document,
                    "added_at": now,
                }
            )
            provenance = _provenance(rs)
            fact_rows.extend(
                {"position": position, "name": name, "value": value, "provenance": provenance.get(name)}
                for name, value in rs.facts.items()
            )
            status_rows.extend(
                {"position": position, "action": f.action, "status": f.status.value, "note": f.note}
                for f in rs.followup
            )
            stored.add(content_hash)
            rounds[(relationship_id, rs.date)] = (-1, rs.date, content_hash, item.source)
            kept.append((relationship_id, rs))
        if self.problems:
            return {}
        new_ids = repo.add_response_sets(connection, rows, fact_rows, status_rows)
        self.added += len(new_ids)
        new: dict[int, dict[int, ResponseSet]] = {}
        for (relationship_id, rs), rs_id in zip(kept, new_ids, strict=True):
            new.setdefault(relationship_id, {})[rs_id] = rs
            self.touched.add(rs.relationship)
        return new

    def _relationships(self, connection: sa.Connection, items: list[Item]) -> None:
        missing = {item.responses.relationship for item in items} - set(self.relationship_ids)
        self.relationship_ids.update(repo.relationship_ids(connection, missing))
        now = _now()
        for item in items:
            rs = item.responses
            if rs.relationship not in self.relationship_ids:
                self.relationship_ids[rs.relationship] = repo.add_relationship(
                    connection, rs.relationship, rs.client, rs.supplier, now
                )

    def _conflict(self, connection: sa.Connection, item: Item, existing: repo.StoredRound) -> None:
        """Another response set for a stored round: the same content in another order is a duplicate."""
        rs_id, date, _, source = existing
        if rs_id >= 0:
            stored = ResponseSet.model_validate_json(repo.documents(connection, [rs_id])[rs_id])
            if stored == item.responses:
                self.duplicates += 1
                return
        self.problems.append(
            Problem(
                f"relationship '{item.responses.relationship}' already has a response set dated {date} "
                f"with other content (from {source}); a round is stored as submitted and never replaced",
                file=item.source,
            )
        )

    # -------------------------------------------------------------- assessing

    def _assess_new(self, connection: sa.Connection, new: dict[int, dict[int, ResponseSet]]) -> None:
        keyed = sorted(
            new, key=lambda relationship_id: min(rs.relationship for rs in new[relationship_id].values())
        )
        for relationship_id in keyed:
            self._reassess_from(connection, relationship_id, new[relationship_id], self.questionnaire)
        self._flush(connection)

    def reassess(
        self, connection: sa.Connection, relationship_ids: list[int], questionnaire: Questionnaire
    ) -> None:
        for relationship_id in relationship_ids:
            before = {
                round_.date: round_.phase
                for _, _, round_, _, _ in repo.current_results(connection, [relationship_id])
            }
            self._reassess_from(connection, relationship_id, {}, questionnaire, everything=True)
            latest = self.latest
            if latest is not None and before.get(latest.date, latest.phase) is not latest.phase:
                self.changed.append(
                    PhaseChange(latest.relationship, latest.date, before[latest.date], latest.phase)
                )
        self._flush(connection)

    def _reassess_from(
        self,
        connection: sa.Connection,
        relationship_id: int,
        new: dict[int, ResponseSet],
        questionnaire: Questionnaire | None,
        *,
        everything: bool = False,
    ) -> None:
        """Assess a relationship's rounds from its earliest new one on, with the rounds before as history."""
        rows = repo.response_set_rows(connection, relationship_id)
        start = min((rs.date for rs in new.values()), default=rows[0][1] if rows else datetime.date.max)
        history: list[AssessmentResult] = []
        if not everything:
            history = [
                AssessmentResult.model_validate_json(document or "")
                for _, _, _, document, _ in repo.current_results(
                    connection, [relationship_id], before=start, with_document=True
                )
            ]
        todo = [(rs_id, date, q_id) for rs_id, date, q_id in rows if date >= start]
        if everything and questionnaire is not None:
            skipped = [row for row in todo if row[2] != questionnaire.id]
            self.skipped += len(skipped)
            todo = [row for row in todo if row[2] == questionnaire.id]
        stored = repo.documents(connection, [rs_id for rs_id, _, _ in todo if rs_id not in new])
        self.latest = None
        newest: ResponseSet | None = None
        for rs_id, date, q_id in todo:
            rs = new.get(rs_id) or ResponseSet.model_validate_json(stored[rs_id])
            newest = rs
            try:
                q = self.portfolio._questionnaire(q_id, questionnaire)
                result = assess(self.portfolio.compiled(q), rs, history)
            except VendorMaturityError as error:
                self.problems.extend(_problems(error, f"{rs.relationship} {date}"))
                return
            history.append(result)
            self._pending.append(_result_row(relationship_id, rs_id, result))
            self.assessed += 1
            self.latest = result
        if history:
            self._settle(connection, relationship_id, history, newest)

    def _settle(
        self,
        connection: sa.Connection,
        relationship_id: int,
        history: list[AssessmentResult],
        newest: ResponseSet | None,
    ) -> None:
        """The relationship's own record (segment, dates) and its open actions, from its rounds."""
        values: dict[str, Any] = {"updated_at": _now()}
        if newest is not None:
            values.update(client=newest.client, supplier=newest.supplier, **_described(newest))
        repo.update_relationship(connection, relationship_id, values)
        renewal = values.get("renewal_date")
        repo.replace_open_actions(connection, relationship_id, _open_actions(history, renewal))
        self.progress.note(
            f"{history[-1].relationship}: {len(history)} round{'s' if len(history) != 1 else ''}"
        )

    def _flush(self, connection: sa.Connection) -> None:
        pending, self._pending = self._pending, []
        if not pending or self.problems:
            return
        existing = repo.existing_result_keys(connection, [row["response_set_id"] for row, _ in pending])
        fresh = [
            (row, actions)
            for row, actions in pending
            if (row["response_set_id"], row["questionnaire"], row["questionnaire_version"]) not in existing
        ]
        for row, actions in pending:
            if (row["response_set_id"], row["questionnaire"], row["questionnaire_version"]) in existing:
                repo.replace_result(connection, row, actions)
        repo.add_results(connection, [row for row, _ in fresh], [actions for _, actions in fresh])


def _problems(error: VendorMaturityError, where: str) -> list[Problem]:
    from vendormaturity.errors import ValidationError

    if isinstance(error, ValidationError):
        return list(error.problems)
    return [Problem(f"{where}: {error}")]


def _provenance(rs: ResponseSet) -> dict[str, Any]:
    """Each fact's provenance, when the response set carries it (a ``provenance`` table by fact)."""
    document = rs.model_dump(mode="json", include={"provenance"})
    provenance = document.get("provenance")
    if isinstance(provenance, dict):
        return provenance
    if isinstance(provenance, list):
        return {entry["fact"]: entry for entry in provenance if isinstance(entry, dict) and "fact" in entry}
    return {}


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _described(rs: ResponseSet) -> dict[str, Any]:
    """Segment, contract start and renewal date, from the round's facts where it has them."""
    values: dict[str, Any] = {}
    segment = rs.facts.get(SEGMENT_FACT)
    if isinstance(segment, str):
        values["segment"] = segment
    age = rs.facts.get(AGE_FACT)
    if isinstance(age, int) and not isinstance(age, bool):
        values["contract_start"] = _add_months(rs.date, -age)
    exit_in = rs.facts.get(EXIT_FACT)
    if isinstance(exit_in, int) and not isinstance(exit_in, bool):
        values["renewal_date"] = _add_months(rs.date, exit_in)
    return values


def _result_row(
    relationship_id: int, rs_id: int, result: AssessmentResult
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    row = {
        "response_set_id": rs_id,
        "relationship_id": relationship_id,
        "date": result.date,
        "questionnaire": result.questionnaire,
        "questionnaire_version": result.questionnaire_version,
        "phase": result.phase.value,
        "confidence": result.confidence,
        "overall_mean": result.summary.get("overall_mean"),
        "scores": {d.dimension: d.overall.mean for d in result.dimensions},
        "patterns": [finding.pattern for finding in result.findings],
        "document": result.model_dump_json(),
        "computed_at": _now(),
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


def _open_actions(history: list[AssessmentResult], renewal: datetime.date | None) -> list[dict[str, Any]]:
    """The plans' actions not reported done or dropped since they were recommended, oldest first."""
    state: dict[str, dict[str, Any]] = {}
    for result in history:
        for item in result.plan.followup:
            status = str(getattr(item.status, "value", item.status))
            if status in _CLOSED:
                state.pop(item.action, None)
            elif item.action in state:
                state[item.action]["status"] = status
        for action in result.plan.actions:
            if action.id not in state:
                horizon = action.horizon.value
                months = HORIZON_MONTHS.get(horizon)
                due = _add_months(result.date, months) if months is not None else renewal
                state[action.id] = {
                    "action": action.id,
                    "since": result.date,
                    "horizon": horizon,
                    "due": due,
                    "status": "unreported",
                }
    return sorted(state.values(), key=lambda row: (row["since"], row["action"]))


def _line(relationship: Relationship, rounds: list[Round], overdue: int) -> Line:
    newest = rounds[-1]
    stuck_since = None
    for round_ in reversed(rounds):
        if round_.phase is not Phase.NORMING:
            break
        stuck_since = round_.date
    return Line(
        relationship=relationship,
        rounds=len(rounds),
        date=newest.date,
        phase=newest.phase,
        trend=_trend(rounds[-2], newest) if len(rounds) > 1 else "new",
        overall_mean=newest.overall_mean,
        patterns=newest.patterns,
        overdue_actions=overdue,
        stuck_since=stuck_since,
    )


def _trend(before: Round, after: Round) -> str:
    """Up or down a phase; within one phase (or to adjourning), the overall mean decides."""
    if before.phase is not after.phase and before.phase in _MATURITY and after.phase in _MATURITY:
        return "up" if _MATURITY[after.phase] > _MATURITY[before.phase] else "down"
    if before.overall_mean is None or after.overall_mean is None:
        return "steady"
    delta = after.overall_mean - before.overall_mean
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
