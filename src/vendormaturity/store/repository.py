"""The repository: every SQL statement the portfolio runs, named by what it means.

Each function takes an open :class:`sqlalchemy.Connection` inside the caller's
transaction; none commits. Rows come back as plain tuples and dictionaries, turned
into the records of :mod:`vendormaturity.store.views` by :mod:`.portfolio`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from vendormaturity.model.questionnaire import Phase
from vendormaturity.store.tables import (
    action_statuses,
    facts,
    open_actions,
    planned_actions,
    relationships,
    response_sets,
    results,
)
from vendormaturity.store.views import OpenAction, Relationship, Round

__all__ = [
    "StoredRound",
    "add_open_actions",
    "add_relationship",
    "add_relationships",
    "add_response_sets",
    "add_results",
    "current_results",
    "documents",
    "existing_hashes",
    "open_actions_of",
    "overdue_counts",
    "patterns_of",
    "relationship",
    "relationship_ids",
    "relationships_all",
    "replace_open_actions",
    "replace_result",
    "round_summaries",
    "rounds_of",
    "update_relationship",
]

_BATCH = 500  # ids per IN (...) clause, well under every database's parameter limit
StoredRound = tuple[int, datetime.date, str, str]  # response set id, date, content hash, source


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
    as_json = {name for name in columns if isinstance(table.c[name].type, sa.JSON)}
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        json.dumps(row[name]) if name in as_json and row[name] is not None else row[name]
                        for name in columns
                    ]
                )
    finally:
        cursor.close()


def _sqlite_insert_many(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """SQLite: each column's values converted once by its type, then one executemany in C.

    SQLAlchemy's own executemany builds and processes every parameter of every row in Python,
    which costs more than the insert itself for tens of thousands of rows.
    """
    columns = list(rows[0])
    dialect = connection.dialect
    converters = [table.c[name].type.bind_processor(dialect) for name in columns]
    values = [[row[name] for row in rows] for name in columns]
    for position, convert in enumerate(converters):
        if convert is not None:
            values[position] = [None if value is None else convert(value) for value in values[position]]
    placeholders = ", ".join("?" for _ in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(
            f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({placeholders})',
            list(zip(*values, strict=True)),
        )
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


def add_relationship(
    connection: sa.Connection, key: str, client: str, supplier: str, now: datetime.datetime
) -> int:
    inserted = connection.execute(
        relationships.insert().values(
            key=key, client=client, supplier=supplier, created_at=now, updated_at=now
        )
    )
    key_ = inserted.inserted_primary_key
    assert key_ is not None
    return int(key_[0])


def update_relationship(connection: sa.Connection, relationship_id: int, values: dict[str, Any]) -> None:
    connection.execute(relationships.update().where(relationships.c.id == relationship_id).values(**values))


def existing_hashes(connection: sa.Connection, hashes: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for batch in _batches(hashes):
        found.update(
            connection.scalars(
                sa.select(response_sets.c.content_hash).where(response_sets.c.content_hash.in_(batch))
            )
        )
    return found


def rounds_of(
    connection: sa.Connection, relationship_ids: Collection[int]
) -> dict[tuple[int, datetime.date], StoredRound]:
    """The stored rounds of these relationships, by (relationship, date)."""
    found: dict[tuple[int, datetime.date], StoredRound] = {}
    c = response_sets.c
    for batch in _batches(sorted(relationship_ids)):
        rows = connection.execute(
            sa.select(c.relationship_id, c.date, c.id, c.content_hash, c.source).where(
                c.relationship_id.in_(batch)
            )
        )
        for relationship_id, date, id_, content_hash, source in rows:
            found[(relationship_id, date)] = (id_, date, content_hash, source)
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
    found: dict[int, str] = {}
    for batch in _batches(ids):
        rows = connection.execute(
            sa.select(response_sets.c.id, response_sets.c.document).where(response_sets.c.id.in_(batch))
        )
        found.update(dict(rows.all()))
    return found


def _current_ids() -> sa.Subquery:
    """Each response set's current result: the one computed last."""
    return (
        sa.select(sa.func.max(results.c.id).label("id"))
        .group_by(results.c.response_set_id)
        .subquery("current")
    )


def current_results(
    connection: sa.Connection,
    relationship_ids: Collection[int],
    *,
    before: datetime.date | None = None,
    with_document: bool = False,
) -> list[tuple[int, int, Round, str | None, int]]:
    """(relationship id, response set id, round, document, result id) of current results, by date."""
    c = results.c
    current = _current_ids()
    columns = [
        c.relationship_id,
        c.response_set_id,
        c.date,
        c.phase,
        c.confidence,
        c.overall_mean,
        c.scores,
        c.patterns,
        c.questionnaire,
        c.questionnaire_version,
        c.id,
    ]
    if with_document:
        columns.append(c.document)
    query = (
        sa.select(*columns)
        .join(current, current.c.id == c.id)
        .where(c.relationship_id.in_(sorted(relationship_ids)))
    )
    if before is not None:
        query = query.where(c.date < before)
    found = []
    for row in connection.execute(query.order_by(c.relationship_id, c.date)):
        round_ = Round(
            date=row.date,
            phase=Phase(row.phase),
            confidence=row.confidence,
            overall_mean=row.overall_mean,
            scores=row.scores,
            patterns=tuple(row.patterns),
            questionnaire=row.questionnaire,
            questionnaire_version=row.questionnaire_version,
        )
        found.append(
            (
                row.relationship_id,
                row.response_set_id,
                round_,
                row.document if with_document else None,
                row.id,
            )
        )
    return found


def round_summaries(connection: sa.Connection) -> list[tuple[int, int, datetime.date, str, float | None]]:
    """(relationship id, result id, date, phase, overall mean) of every current result, by date."""
    c = results.c
    current = _current_ids()
    query = (
        sa.select(c.relationship_id, c.id, c.date, c.phase, c.overall_mean)
        .join(current, current.c.id == c.id)
        .order_by(c.relationship_id, c.date)
    )
    return [tuple(row) for row in connection.execute(query)]


def patterns_of(connection: sa.Connection, result_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The findings' patterns of these results."""
    found: dict[int, tuple[str, ...]] = {}
    for batch in _batches(sorted(result_ids)):
        rows = connection.execute(sa.select(results.c.id, results.c.patterns).where(results.c.id.in_(batch)))
        found.update((id_, tuple(patterns)) for id_, patterns in rows)
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


def replace_result(connection: sa.Connection, row: dict[str, Any], actions: list[dict[str, Any]]) -> bool:
    """Recompute in place the result of a response set by the same questionnaire version; False if none."""
    c = results.c
    existing = connection.scalar(
        sa.select(c.id).where(
            c.response_set_id == row["response_set_id"],
            c.questionnaire == row["questionnaire"],
            c.questionnaire_version == row["questionnaire_version"],
        )
    )
    if existing is None:
        return False
    connection.execute(results.update().where(c.id == existing).values(**row))
    connection.execute(planned_actions.delete().where(planned_actions.c.result_id == existing))
    _insert_many(connection, planned_actions, [dict(action, result_id=existing) for action in actions])
    return True


def existing_result_keys(
    connection: sa.Connection, response_set_ids: Sequence[int]
) -> set[tuple[int, str, str]]:
    """(response set, questionnaire, version) of the results already stored for these response sets."""
    c = results.c
    found: set[tuple[int, str, str]] = set()
    for batch in _batches(response_set_ids):
        rows = connection.execute(
            sa.select(c.response_set_id, c.questionnaire, c.questionnaire_version).where(
                c.response_set_id.in_(batch)
            )
        )
        found.update((id_, q, version) for id_, q, version in rows)
    return found


def replace_open_actions(connection: sa.Connection, relationship_id: int, rows: list[dict[str, Any]]) -> None:
    connection.execute(open_actions.delete().where(open_actions.c.relationship_id == relationship_id))
    _insert_many(connection, open_actions, [dict(row, relationship_id=relationship_id) for row in rows])


def add_open_actions(connection: sa.Connection, rows: list[dict[str, Any]]) -> None:
    """Open actions of relationships that had none (new ones)."""
    _insert_many(connection, open_actions, rows)


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
    return {row.id: _relationship(row) for row in connection.execute(query.order_by(relationships.c.key))}


def relationship(connection: sa.Connection, key: str) -> tuple[int, Relationship] | None:
    row = connection.execute(sa.select(*_RELATIONSHIP_COLUMNS).where(relationships.c.key == key)).first()
    return None if row is None else (row.id, _relationship(row))


def relationship_keys(connection: sa.Connection) -> list[str]:
    return list(connection.scalars(sa.select(relationships.c.key).order_by(relationships.c.key)))


def overdue_counts(connection: sa.Connection, as_of: datetime.date) -> dict[int, int]:
    c = open_actions.c
    rows = connection.execute(
        sa.select(c.relationship_id, sa.func.count()).where(c.due < as_of).group_by(c.relationship_id)
    )
    return dict(rows.all())


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


def response_set_rows(
    connection: sa.Connection, relationship_id: int
) -> list[tuple[int, datetime.date, str]]:
    """(id, date, questionnaire) of a relationship's response sets, oldest first."""
    c = response_sets.c
    rows = connection.execute(
        sa.select(c.id, c.date, c.questionnaire).where(c.relationship_id == relationship_id).order_by(c.date)
    )
    return [(id_, date, questionnaire) for id_, date, questionnaire in rows]


def result_documents(connection: sa.Connection, result_ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for batch in _batches(result_ids):
        rows = connection.execute(sa.select(results.c.id, results.c.document).where(results.c.id.in_(batch)))
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
        )
    }
