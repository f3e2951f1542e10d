"""The repository: every SQL statement the portfolio runs, named by what it means.

Each function takes an open :class:`sqlalchemy.Connection` inside the caller's
transaction; none commits. Rows come back as plain tuples and dictionaries, turned
into the records of :mod:`vendormaturity.store.views` by :mod:`.portfolio`.
"""

from __future__ import annotations

import datetime
import json
import operator
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa

from vendormaturity.model.phases import Phase
from vendormaturity.store.tables import (
    ACTIVE_STATUS,
    action_statuses,
    audit,
    facts,
    open_actions,
    planned_actions,
    relationships,
    response_sets,
    results,
)
from vendormaturity.store.views import Correction, OpenAction, Relationship, Round, Version

__all__ = [
    "InForce",
    "StoredRound",
    "Summary",
    "active_round",
    "add_audit",
    "add_relationships",
    "add_response_sets",
    "add_results",
    "corrections",
    "counts",
    "delete_results",
    "documents",
    "existing_hashes",
    "forget_description",
    "givens",
    "histories",
    "in_force",
    "open_actions_of",
    "overdue_counts",
    "patterns_of",
    "relationship",
    "relationship_ids",
    "relationship_keys",
    "relationships_all",
    "replace_open_actions",
    "result_bodies",
    "result_ids_by_version",
    "retire_results",
    "retire_round",
    "round_documents",
    "round_summaries",
    "rounds_in_force",
    "rounds_of",
    "update_relationships",
    "versions",
]

_BATCH = 500  # ids per IN (...) clause, well under every database's parameter limit


class StoredRound(NamedTuple):
    """A stored response set of a relationship: one version of one of its rounds."""

    id: int
    date: datetime.date
    version: int
    status: str  # active (the version in force), superseded or removed
    content_hash: str
    source: str


# The version of a round in force, written as a constant: SQLite uses a partial index only
# when the query states its condition as the index does, and never for a bound parameter.
_ACTIVE = response_sets.c.status == sa.literal_column(f"'{ACTIVE_STATUS}'")


def _batches(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _BATCH):
        yield values[start : start + _BATCH]


def _insert_many(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows (all with the same columns) at once.

    SQLite's executemany is already a loop in C. On PostgreSQL the rows are sent with
    COPY, inside the same transaction: psycopg would otherwise send one statement per row,
    or parse a statement with a placeholder per value.
    """
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        _sqlite_insert_many(connection, table, rows)
        return
    if connection.dialect.name != "postgresql":
        connection.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    values = _converted(table, columns, rows, lambda kind: json.dumps if isinstance(kind, sa.JSON) else None)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
    finally:
        cursor.close()


def _sqlite_insert_many(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """SQLite: each column's values converted once by its type, then one executemany in C.

    SQLAlchemy's own executemany builds and processes every parameter of every row in Python,
    which costs more than the insert itself for tens of thousands of rows.
    """
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    _sqlite_executemany(
        connection,
        f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({placeholders})',
        _sqlite_values(connection, table, columns, rows),
    )


def _sqlite_values(
    connection: sa.Connection, table: sa.Table, columns: Sequence[str], rows: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row's values of *columns*, each converted once by its column's type."""
    dialect = connection.dialect
    return _converted(table, columns, rows, lambda kind: kind.bind_processor(dialect))


def _converted(
    table: sa.Table,
    columns: Sequence[str],
    rows: list[dict[str, Any]],
    converter: Callable[[Any], Callable[[Any], Any] | None],
) -> list[tuple[Any, ...]]:
    """Each row's values of *columns*, a column at a time: those of a column whose type the
    *converter* gives a function for (None: as they are) go through it, but None."""
    values = [[row[name] for row in rows] for name in columns]
    for position, name in enumerate(columns):
        convert = converter(table.c[name].type)
        if convert is not None:
            values[position] = [None if value is None else convert(value) for value in values[position]]
    return list(zip(*values, strict=True))


def _sqlite_executemany(connection: sa.Connection, statement: str, values: list[tuple[Any, ...]]) -> None:
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(statement, values)
    finally:
        cursor.close()


def _insert_with_ids(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their new ids, in order.

    On PostgreSQL the ids are drawn from the table's sequence first, and the rows sent with
    COPY; elsewhere one INSERT … RETURNING of many rows.
    """
    if not rows:
        return []
    if connection.dialect.name == "postgresql":
        ids = list(
            connection.scalars(
                sa.text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"
                ),
                {"table": table.name, "count": len(rows)},
            )
        )
        _insert_many(connection, table, [dict(row, id=id_) for row, id_ in zip(rows, ids, strict=True)])
        return ids
    if connection.dialect.name == "sqlite":
        # every write holds the database's write lock (BEGIN IMMEDIATE): the next ids are ours
        start = connection.scalar(sa.select(sa.func.max(table.c.id))) or 0
        numbered = list(range(start + 1, start + 1 + len(rows)))
        _insert_many(connection, table, [dict(row, id=id_) for row, id_ in zip(rows, numbered, strict=True)])
        return numbered
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.scalars(statement, rows))


def relationship_ids(connection: sa.Connection, keys: Collection[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for batch in _batches(sorted(keys)):
        rows = connection.execute(
            sa.select(relationships.c.key, relationships.c.id).where(relationships.c.key.in_(batch))
        )
        found.update(dict(rows.all()))
    return found


def update_relationships(connection: sa.Connection, rows: list[dict[str, Any]], *, keep: bool = True) -> None:
    """Each relationship's parties, what its newest round says of it, and the time; with *keep*,
    what that round does not say (None) is kept from before."""
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        _sqlite_update_relationships(connection, rows, keep=keep)
        return
    c = relationships.c

    def said(name: str) -> Any:
        given = sa.bindparam(f"b_{name}", type_=c[name].type)
        return sa.func.coalesce(given, c[name]) if keep else given

    statement = (
        relationships.update()
        .where(c.id == sa.bindparam("b_id"))
        .values(
            client=sa.bindparam("b_client"),
            supplier=sa.bindparam("b_supplier"),
            segment=said("segment"),
            contract_start=said("contract_start"),
            renewal_date=said("renewal_date"),
            updated_at=sa.bindparam("b_updated_at"),
        )
    )
    connection.execute(statement, [{f"b_{name}": value for name, value in row.items()} for row in rows])


_SAID = ("segment", "contract_start", "renewal_date")  # what a round may leave unsaid (None)


def _sqlite_update_relationships(
    connection: sa.Connection, rows: list[dict[str, Any]], *, keep: bool
) -> None:
    """SQLite: :func:`update_relationships` as one executemany in C, each value converted once
    by its column's type (SQLAlchemy's executemany processes every parameter in Python)."""
    columns = ["client", "supplier", *_SAID, "updated_at"]
    assignments = ", ".join(
        f"{name} = coalesce(?, {name})" if keep and name in _SAID else f"{name} = ?" for name in columns
    )
    _sqlite_executemany(
        connection,
        f'UPDATE "{relationships.name}" SET {assignments} WHERE id = ?',
        _sqlite_values(connection, relationships, [*columns, "id"], rows),
    )


def existing_hashes(connection: sa.Connection, hashes: Sequence[str]) -> dict[str, str]:
    """The status of the stored response sets with these content hashes, by hash."""
    c = response_sets.c
    found: dict[str, str] = {}
    for batch in _batches(hashes):
        found.update(
            connection.execute(sa.select(c.content_hash, c.status).where(c.content_hash.in_(batch))).all()
        )
    return found


def rounds_of(connection: sa.Connection, relationship_ids: Collection[int]) -> dict[int, list[StoredRound]]:
    """Every stored version of these relationships' rounds, by date then version."""
    found: dict[int, list[StoredRound]] = {}
    c = response_sets.c
    for batch in _batches(sorted(relationship_ids)):
        rows = connection.execute(
            sa.select(c.relationship_id, c.id, c.date, c.version, c.status, c.content_hash, c.source)
            .where(c.relationship_id.in_(batch))
            .order_by(c.relationship_id, c.date, c.version)
        )
        for relationship_id, *stored in rows:
            found.setdefault(relationship_id, []).append(StoredRound(*stored))
    return found


def add_response_sets(
    connection: sa.Connection,
    rows: list[dict[str, Any]],
    fact_rows: list[dict[str, Any]],
    status_rows: list[dict[str, Any]],
) -> list[int]:
    """Insert response sets (then their facts and follow-up statuses, by position); their ids."""
    if not rows:
        return []
    ids = _insert_with_ids(connection, response_sets, rows)
    for row in fact_rows:
        row["response_set_id"] = ids[row.pop("position")]
    for row in status_rows:
        row["response_set_id"] = ids[row.pop("position")]
    _insert_many(connection, facts, fact_rows)
    _insert_many(connection, action_statuses, status_rows)
    return ids


def documents(connection: sa.Connection, ids: Sequence[int]) -> dict[int, str]:
    """The stored response sets, as submitted (JSON), by id."""
    return _texts(connection, response_sets.c.document, ids)


def givens(connection: sa.Connection, ids: Sequence[int]) -> dict[int, str]:
    """What the rounds after these response sets read of them (date, facts, origins; JSON), by id."""
    return _texts(connection, response_sets.c.given, ids)


def _texts(connection: sa.Connection, column: sa.Column[str], ids: Sequence[int]) -> dict[int, str]:
    """One text column of these response sets, by id."""
    found: dict[int, str] = {}
    for batch in _batches(ids):
        rows = connection.execute(sa.select(response_sets.c.id, column).where(response_sets.c.id.in_(batch)))
        found.update(dict(rows.all()))
    return found


def round_documents(
    connection: sa.Connection, relationship_ids: Collection[int]
) -> dict[int, list[tuple[int, datetime.date, str, str]]]:
    """(id, date, questionnaire, document) of these relationships' rounds in force, oldest first."""
    c = response_sets.c
    found: dict[int, list[tuple[int, datetime.date, str, str]]] = {}
    for batch in _batches(sorted(relationship_ids)):
        rows = connection.execute(
            sa.select(c.relationship_id, c.id, c.date, c.questionnaire, c.document)
            .where(_ACTIVE, c.relationship_id.in_(batch))
            .order_by(c.relationship_id, c.date)
        )
        for relationship_id, id_, date, questionnaire, document in rows:
            found.setdefault(relationship_id, []).append((id_, date, questionnaire, document))
    return found


_ROUND_COLUMNS = (
    results.c.relationship_id,
    results.c.response_set_id,
    results.c.id,
    results.c.date,
    results.c.phase,
    results.c.confidence,
    results.c.overall_mean,
    results.c.scores,
    results.c.patterns,
    results.c.questionnaire,
    results.c.questionnaire_version,
    response_sets.c.version,
)
InForce = tuple[int, int, int, Round]  # relationship id, response set id, result id, round


def in_force(connection: sa.Connection, relationship_ids: Collection[int]) -> dict[int, list[InForce]]:
    """The results in force of these relationships' rounds, oldest first."""
    c = results.c
    found: dict[int, list[InForce]] = {}
    for batch in _batches(sorted(relationship_ids)):
        query = (
            sa.select(*_ROUND_COLUMNS)
            .join(response_sets, response_sets.c.id == c.response_set_id)
            .where(c.in_force, c.relationship_id.in_(batch))
            .order_by(c.relationship_id, c.date)
        )
        for row in connection.execute(query):
            round_ = Round(
                date=row.date,
                phase=Phase(row.phase),
                confidence=row.confidence,
                overall_mean=row.overall_mean,
                scores=row.scores,
                patterns=tuple(row.patterns),
                questionnaire=row.questionnaire,
                questionnaire_version=row.questionnaire_version,
                version=row.version,
            )
            found.setdefault(row.relationship_id, []).append(
                (row.relationship_id, row.response_set_id, row.id, round_)
            )
    return found


def histories(
    connection: sa.Connection, relationship_ids: Collection[int]
) -> dict[int, list[tuple[datetime.date, bytes]]]:
    """What later assessments read of these relationships' results in force, as stored, oldest first."""
    c = results.c
    found: dict[int, list[tuple[datetime.date, bytes]]] = {}
    for batch in _batches(sorted(relationship_ids)):
        rows = connection.execute(
            sa.select(c.relationship_id, c.date, c.earlier)
            .where(c.in_force, c.relationship_id.in_(batch))
            .order_by(c.relationship_id, c.date)
        )
        for relationship_id, date, body in rows:
            found.setdefault(relationship_id, []).append((date, body))
    return found


Summary = tuple[int, datetime.date, str, float | None]  # result id, date, phase, overall mean


def round_summaries(
    connection: sa.Connection, segment: str | None = None, relationship_ids: Sequence[int] | None = None
) -> dict[int, list[Summary]]:
    """Every result in force (of the relationships of *segment*, or of these), by relationship, by date."""
    c = results.c
    query = sa.select(c.relationship_id, c.id, c.date, c.phase, c.overall_mean).where(c.in_force)
    if relationship_ids is not None:
        query = query.where(c.relationship_id.in_(sorted(relationship_ids)))
    if segment is not None:
        query = query.join(relationships, relationships.c.id == c.relationship_id).where(
            relationships.c.segment == segment
        )
    found: dict[int, list[Summary]] = {}
    for relationship_id, *summary in connection.execute(query.order_by(c.relationship_id, c.date)).all():
        found.setdefault(relationship_id, []).append(tuple(summary))
    return found


def patterns_of(connection: sa.Connection, result_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The findings' patterns of these results."""
    found: dict[int, tuple[str, ...]] = {}
    for batch in _batches(sorted(result_ids)):
        rows = connection.execute(sa.select(results.c.id, results.c.patterns).where(results.c.id.in_(batch)))
        found.update((id_, tuple(patterns)) for id_, patterns in rows.all())
    return found


def add_results(
    connection: sa.Connection, rows: list[dict[str, Any]], actions: list[list[dict[str, Any]]]
) -> None:
    """Insert results and, for each (by position), its plan's actions."""
    if not rows:
        return
    ids = _insert_with_ids(connection, results, rows)
    action_rows = [
        dict(action, result_id=id_) for id_, plan in zip(ids, actions, strict=True) for action in plan
    ]
    _insert_many(connection, planned_actions, action_rows)


def retire_results(connection: sa.Connection, response_set_ids: Sequence[int]) -> None:
    """The results of these response sets are no longer in force (a newer one is about to be)."""
    c = results.c
    for batch in _batches(sorted(response_set_ids)):
        connection.execute(
            results.update().where(c.in_force, c.response_set_id.in_(batch)).values(in_force=False)
        )


def result_ids_by_version(
    connection: sa.Connection, response_set_ids: Sequence[int]
) -> dict[tuple[int, str, str], int]:
    """The results already stored for these response sets, by (response set, questionnaire, version)."""
    c = results.c
    found: dict[tuple[int, str, str], int] = {}
    for batch in _batches(sorted(response_set_ids)):
        rows = connection.execute(
            sa.select(c.response_set_id, c.questionnaire, c.questionnaire_version, c.id).where(
                c.response_set_id.in_(batch)
            )
        )
        found.update(((rs_id, q, version), id_) for rs_id, q, version, id_ in rows)
    return found


def delete_results(connection: sa.Connection, result_ids: Sequence[int]) -> None:
    """Delete results (and their plans' actions): they are about to be computed again."""
    for batch in _batches(sorted(result_ids)):
        connection.execute(planned_actions.delete().where(planned_actions.c.result_id.in_(batch)))
        connection.execute(results.delete().where(results.c.id.in_(batch)))


def replace_open_actions(
    connection: sa.Connection, relationship_ids: Sequence[int], rows: list[dict[str, Any]]
) -> None:
    """The open actions of these relationships, replaced by *rows* (each naming its relationship).

    Only what changed is written: from one round to the next most of a relationship's open
    actions stay as they were, and reading them costs less than writing them again.
    """
    c = open_actions.c
    values = operator.itemgetter(*_OPEN)  # (relationship, action, ...): the key is the first two
    wanted = {value[:2]: value for value in map(values, rows)}
    stored: dict[tuple[int, str], tuple[Any, ...]] = {}
    for batch in _batches(sorted(relationship_ids)):
        query = sa.select(*(c[name] for name in _OPEN)).where(c.relationship_id.in_(batch))
        stored.update((found[:2], found) for found in map(tuple, connection.execute(query)))
    gone = [{"r": key[0], "a": key[1]} for key, value in stored.items() if wanted.get(key) != value]
    if gone:
        connection.execute(
            open_actions.delete().where(
                c.relationship_id == sa.bindparam("r"), c.action == sa.bindparam("a")
            ),
            gone,
        )
    fresh = [
        dict(zip(_OPEN, value, strict=True)) for key, value in wanted.items() if stored.get(key) != value
    ]
    _insert_many(connection, open_actions, fresh)


_OPEN = ("relationship_id", "action", "since", "horizon", "due", "status")  # the columns of an open action


def add_relationships(connection: sa.Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert relationships (every row with the same columns); their ids, in order."""
    return _insert_with_ids(connection, relationships, rows)


def _relationship(row: Any) -> Relationship:
    return Relationship(
        key=row.key,
        client=row.client,
        supplier=row.supplier,
        segment=row.segment,
        contract_start=row.contract_start,
        renewal_date=row.renewal_date,
    )


_RELATIONSHIP_COLUMNS = (
    relationships.c.id,
    relationships.c.key,
    relationships.c.client,
    relationships.c.supplier,
    relationships.c.segment,
    relationships.c.contract_start,
    relationships.c.renewal_date,
)


def relationships_all(connection: sa.Connection, segment: str | None = None) -> dict[int, Relationship]:
    query = sa.select(*_RELATIONSHIP_COLUMNS)
    if segment is not None:
        query = query.where(relationships.c.segment == segment)
    rows = connection.execute(query.order_by(relationships.c.key)).all()
    return {row.id: _relationship(row) for row in rows}


def relationship(connection: sa.Connection, key: str) -> tuple[int, Relationship] | None:
    row = connection.execute(sa.select(*_RELATIONSHIP_COLUMNS).where(relationships.c.key == key)).first()
    return None if row is None else (row.id, _relationship(row))


def relationship_keys(connection: sa.Connection) -> list[str]:
    return list(connection.scalars(sa.select(relationships.c.key).order_by(relationships.c.key)))


def overdue_counts(
    connection: sa.Connection, as_of: datetime.date, relationship_ids: Sequence[int] | None = None
) -> dict[int, int]:
    c = open_actions.c
    query = sa.select(c.relationship_id, sa.func.count()).where(c.due < as_of)
    if relationship_ids is not None:
        query = query.where(c.relationship_id.in_(sorted(relationship_ids)))
    return dict(connection.execute(query.group_by(c.relationship_id)).all())


def _assessed(segment: str | None) -> Any:
    """The relationships (of *segment*) with a result in force."""
    in_force = sa.exists().where(results.c.relationship_id == relationships.c.id, results.c.in_force)
    return in_force if segment is None else sa.and_(in_force, relationships.c.segment == segment)


def assessed_first(
    connection: sa.Connection, count: int, segment: str | None = None
) -> dict[int, Relationship]:
    """The first *count* relationships (of *segment*) with a result in force, by key."""
    query = sa.select(*_RELATIONSHIP_COLUMNS).where(_assessed(segment)).order_by(relationships.c.key)
    return {row.id: _relationship(row) for row in connection.execute(query.limit(count)).all()}


def assessed_count(connection: sa.Connection, segment: str | None = None) -> int:
    """How many relationships (of *segment*) have a result in force."""
    return int(
        connection.scalar(sa.select(sa.func.count()).select_from(relationships).where(_assessed(segment)))
        or 0
    )


def open_actions_of(
    connection: sa.Connection, relationship_ids: Collection[int]
) -> dict[int, list[OpenAction]]:
    c = open_actions.c
    found: dict[int, list[OpenAction]] = {}
    for batch in _batches(sorted(relationship_ids)):
        rows = connection.execute(
            sa.select(c.relationship_id, c.action, c.since, c.horizon, c.due, c.status)
            .where(c.relationship_id.in_(batch))
            .order_by(c.relationship_id, c.due, c.action)
        )
        for row in rows:
            found.setdefault(row.relationship_id, []).append(
                OpenAction(
                    action=row.action, since=row.since, horizon=row.horizon, due=row.due, status=row.status
                )
            )
    return found


def rounds_in_force(connection: sa.Connection) -> int:
    """How many rounds the portfolio holds in force (through their partial index)."""
    return int(connection.scalar(sa.select(sa.func.count()).select_from(response_sets).where(_ACTIVE)) or 0)


def active_round(connection: sa.Connection, relationship_id: int, date: datetime.date) -> StoredRound | None:
    """The version in force of a relationship's round of *date*."""
    c = response_sets.c
    row = connection.execute(
        sa.select(c.id, c.date, c.version, c.status, c.content_hash, c.source).where(
            _ACTIVE, c.relationship_id == relationship_id, c.date == date
        )
    ).first()
    return None if row is None else StoredRound(*row)


def retire_round(
    connection: sa.Connection, response_set_id: int, status: str, superseded_by: int | None = None
) -> None:
    """A round's version is no longer in force: superseded (by another) or removed."""
    connection.execute(
        response_sets.update()
        .where(response_sets.c.id == response_set_id)
        .values(status=status, superseded_by=superseded_by)
    )


def forget_description(connection: sa.Connection, relationship_id: int, now: datetime.datetime) -> None:
    """A relationship without a round in force: nothing describes it, no action is open."""
    connection.execute(
        relationships.update()
        .where(relationships.c.id == relationship_id)
        .values(segment=None, contract_start=None, renewal_date=None, updated_at=now)
    )
    connection.execute(open_actions.delete().where(open_actions.c.relationship_id == relationship_id))


def add_audit(connection: sa.Connection, row: dict[str, Any]) -> None:
    connection.execute(audit.insert().values(**row))


_REPLACEMENT = response_sets.alias("replacement")
_AUDIT_COLUMNS = (
    audit.c.at,
    audit.c.actor,
    audit.c.action,
    relationships.c.key,
    response_sets.c.date,
    response_sets.c.version,
    _REPLACEMENT.c.date.label("replacement_date"),
    _REPLACEMENT.c.version.label("replacement_version"),
    audit.c.reason,
)


def corrections(connection: sa.Connection, relationship_id: int | None = None) -> list[Correction]:
    """The audit of the corrections (of one relationship, or all), oldest first."""
    query = (
        sa.select(*_AUDIT_COLUMNS)
        .join(relationships, relationships.c.id == audit.c.relationship_id)
        .join(response_sets, response_sets.c.id == audit.c.response_set_id)
        .outerjoin(_REPLACEMENT, _REPLACEMENT.c.id == audit.c.replacement_id)
    )
    if relationship_id is not None:
        query = query.where(audit.c.relationship_id == relationship_id)
    return [
        Correction(
            at=_utc(row.at),
            actor=row.actor,
            action=row.action,
            relationship=row.key,
            date=row.date,
            version=row.version,
            replacement=None
            if row.replacement_date is None
            else (row.replacement_date, row.replacement_version),
            reason=row.reason,
        )
        for row in connection.execute(query.order_by(audit.c.relationship_id, audit.c.at, audit.c.id))
    ]


def versions(
    connection: sa.Connection, relationship_id: int, date: datetime.date | None = None
) -> list[tuple[Version, int]]:
    """Every stored version of a relationship's rounds (of *date*), with its id, by date and version."""
    c = response_sets.c
    successor = response_sets.alias("successor")
    query = (
        sa.select(
            c.id,
            c.date,
            c.version,
            c.status,
            c.source,
            c.added_at,
            successor.c.date.label("next_date"),
            successor.c.version.label("next_version"),
        )
        .outerjoin(successor, successor.c.id == c.superseded_by)
        .where(c.relationship_id == relationship_id)
    )
    if date is not None:
        query = query.where(c.date == date)
    return [
        (
            Version(
                date=row.date,
                version=row.version,
                status=row.status,
                source=row.source,
                added_at=_utc(row.added_at),
                superseded_by=None if row.next_date is None else (row.next_date, row.next_version),
            ),
            row.id,
        )
        for row in connection.execute(query.order_by(c.date, c.version))
    ]


def _utc(at: datetime.datetime) -> datetime.datetime:
    """A time the store wrote in UTC (SQLite gives it back without its zone)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=datetime.UTC)


def result_bodies(connection: sa.Connection, result_ids: Sequence[int]) -> dict[int, bytes]:
    """Stored results, compressed, by id."""
    found: dict[int, bytes] = {}
    for batch in _batches(sorted(result_ids)):
        rows = connection.execute(sa.select(results.c.id, results.c.body).where(results.c.id.in_(batch)))
        found.update(dict(rows.all()))
    return found


def counts(connection: sa.Connection) -> dict[str, int]:
    """Rows per table, for ``init``'s summary and the tests."""
    return {
        table.name: int(connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
        for table in (
            relationships,
            response_sets,
            facts,
            action_statuses,
            results,
            planned_actions,
            open_actions,
            audit,
        )
    }
