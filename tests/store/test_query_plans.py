"""Every query of the portfolio is bounded by what it is asked for: its plan, on SQLite and
PostgreSQL, reads the tables through an index, never whole, except where the question is
about everything (the list of every relationship, the count of every row).

Each operation's statements are recorded as they go to the database, then each is explained
with its own parameters: SQLite's ``EXPLAIN QUERY PLAN`` must not ``SCAN`` a table without
an index; PostgreSQL's ``EXPLAIN``, with sequential scans discouraged (so that a small test
table does not make one cheaper), must not fall back to a ``Seq Scan``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import vendormaturity as vm
from vendormaturity.store import importer

from .helpers import ACME, EXAMPLES

Statement = tuple[str, Any]


@pytest.fixture
def engine(db: str) -> Iterator[sa.Engine]:
    made = sa.create_engine(db)
    vm.Portfolio(made, create=True).add([EXAMPLES])
    yield made
    made.dispose()


def recorded(engine: sa.Engine, operation: Callable[[vm.Portfolio], object]) -> list[Statement]:
    """The statements *operation* sends through SQLAlchemy, with their parameters."""
    statements: list[Statement] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "WITH")):
            statements.append((statement, parameters[0] if many else parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        operation(vm.Portfolio(engine))
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return statements


def full_scans(engine: sa.Engine, statements: list[Statement]) -> list[str]:
    """Each pass a statement's plan makes over a whole table or a whole index: ``table`` or
    ``table/index``, with the statement."""
    found: list[str] = []
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        if not sqlite:
            cursor.execute("SET enable_seqscan = off")
        for statement, parameters in statements:
            if re.search(r"vendormaturity_schema|sqlite_master|pg_catalog", statement):
                continue  # the schema's version and the catalogue: which tables there are
            if sqlite:
                cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
                scans = [_sqlite_scan(str(row[-1])) for row in cursor.fetchall()]
            else:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
                scans = list(_postgresql_scans(cursor.fetchone()[0][0]["Plan"]))
            found.extend(f"{scan}: {' '.join(statement.split())}" for scan in scans if scan)
        cursor.close()
        connection.rollback()
    return found


def _sqlite_scan(detail: str) -> str | None:
    """``SCAN t`` reads a whole table, ``SCAN t USING [COVERING] INDEX i`` a whole index."""
    matched = re.fullmatch(r"SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?", detail)
    if matched is None:
        return None
    table, index = matched.groups()
    return table if index is None else f"{table}/{index}"


def _postgresql_scans(node: dict[str, Any]) -> Iterator[str]:
    """A sequential scan reads a whole table; an index scan without a condition, a whole index."""
    kind = node["Node Type"]
    if kind == "Seq Scan":
        yield node["Relation Name"]
    elif kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan") and "Index Cond" not in node:
        yield f"{node.get('Relation Name', '')}/{node['Index Name']}"
    for child in node.get("Plans", []):
        yield from _postgresql_scans(child)


def next_round(tmp_path: Path) -> Path:
    """A new quarter of acme-hosting, after its stored rounds."""
    following = vm.load_responses(ACME / "2026-09-15.toml").model_copy(
        update={"date": datetime.date(2026, 11, 16)}
    )
    path = tmp_path / "2026-11-16.toml"
    path.write_text(vm.dump_responses(following))
    return path


def earlier_round(tmp_path: Path) -> Path:
    """A round of acme-hosting before some of its stored ones: those are assessed again."""
    inserted = vm.load_responses(ACME / "2025-09-11.toml").model_copy(
        update={"date": datetime.date(2026, 3, 12)}
    )
    path = tmp_path / "2026-03-12.toml"
    path.write_text(vm.dump_responses(inserted))
    return path


def test_adding_a_quarter_reads_through_indexes(engine: sa.Engine, tmp_path: Path) -> None:
    """A new round after the stored ones: every lookup of the relationship uses an index."""
    path = next_round(tmp_path)
    statements = recorded(engine, lambda store: store.add([path]))
    assert any("in_force" in statement for statement, _ in statements)  # its history was read
    assert [] == full_scans(engine, statements)


def test_adding_a_round_before_stored_ones_reads_through_indexes(engine: sa.Engine, tmp_path: Path) -> None:
    """A round slotted in: the later rounds and their results are found by index too."""
    path = earlier_round(tmp_path)
    statements = recorded(engine, lambda store: store.add([path]))
    assert any(statement.lstrip().startswith("UPDATE results") for statement, _ in statements)
    assert [] == full_scans(engine, statements)


def test_show_compare_and_result_read_through_indexes(engine: sa.Engine) -> None:
    """A relationship's trajectory, a comparison and a stored result: the result in force is found
    through its partial index, never by grouping the whole results table."""

    def read(store: vm.Portfolio) -> None:
        store.trajectory("acme-hosting")
        store.compare("acme-hosting", datetime.date(2024, 1, 1), datetime.date(2026, 12, 31))
        store.result("acme-hosting")
        store.results(["acme-hosting", "aurora-cloud"])

    statements = recorded(engine, read)
    assert [] == full_scans(engine, statements)
    assert not any("max(" in statement.lower() for statement, _ in statements)


def test_reassessing_reads_each_relationship_through_indexes(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reassessing lists the relationships (it is asked for all of them), then reads each batch's
    rounds and results through indexes (batches of 4 here, so that a batch is a small part of
    the portfolio, as it is of a real one)."""
    monkeypatch.setattr(importer, "TASK_SIZE", 4)
    document = vm.load_questionnaire("relationship").model_dump(mode="json", exclude_none=True)
    document["version"] = "1.1.0"
    q = vm.questionnaire_from_dict(document)
    statements = recorded(engine, lambda store: store.reassess(q))
    listing = [
        s for s in statements if re.match(r"SELECT relationships\.\"?key\"?\s+FROM relationships", s[0])
    ]
    assert 1 == len(listing)
    assert [] == full_scans(engine, [s for s in statements if s not in listing])


def test_the_list_reads_results_in_force_only(engine: sa.Engine) -> None:
    """The list of every relationship reads every relationship, but of the results only those in
    force, through their index: the results of older versions are never read."""
    statements = recorded(engine, lambda store: store.lines())
    scanned = {line.split(":")[0] for line in full_scans(engine, statements)}
    tables = {scan.split("/")[0] for scan in scanned}
    indexes = {scan.split("/")[-1] for scan in scanned if "results" in scan}
    assert tables <= {"relationships", "open_actions", "results", ""}
    assert indexes
    assert indexes <= {"ix_results_in_force", "uq_results_in_force"}  # partial: results in force only


def test_a_screenful_of_the_list_reads_its_relationships_only(engine: sa.Engine) -> None:
    """The first lines of the list read the relationships in order of their key, and count them,
    and of the other tables only the rows of the relationships shown, through their indexes."""
    statements = recorded(engine, lambda store: store.first_lines(3))
    scanned = {line.split(":")[0] for line in full_scans(engine, statements)}
    assert {scan.split("/")[0] for scan in scanned} <= {"relationships", ""}


def test_corrections_read_through_indexes(engine: sa.Engine, tmp_path: Path) -> None:
    """Superseding and removing a round, its versions, and the audit of one relationship."""
    corrected = vm.load_responses(ACME / "2025-09-11.toml").model_copy(update={"comment": "Corrected."})

    def correct(store: vm.Portfolio) -> None:
        store.supersede("acme-hosting", corrected, reason="typo", by="alice")
        store.remove("acme-hosting", datetime.date(2024, 9, 12), reason="test", by="alice")
        store.versions("acme-hosting", corrected.date)
        store.responses("acme-hosting", corrected.date, version=1)
        store.corrections("acme-hosting")

    statements = recorded(engine, correct)
    assert any("status = 'active'" in statement for statement, _ in statements)
    assert [] == full_scans(engine, statements)
