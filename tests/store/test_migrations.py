"""The schema's life: created from nothing, upgraded from the previous revision, and refused
when it is newer, foreign or not a database at all, without a byte changed."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import vendormaturity as vm
from vendormaturity.store.schema import (
    HEAD,
    REVISIONS,
    create_engine,
    database_url,
    display_url,
    migrate,
    migration_transaction,
)
from vendormaturity.store.tables import VERSION_TABLE, metadata

from .helpers import ACME, run, tables


def test_migrations_build_exactly_the_tables(db: str) -> None:
    """From an empty database, the migrations give the schema the code declares, nothing more."""
    with vm.Portfolio(db, create=True) as store:
        assert store.init().endswith("portfolio created")
        assert store.init().endswith(f"portfolio is up to date (schema {HEAD})")
    engine = sa.create_engine(db)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        differences = compare_metadata(context, metadata)
        revision = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    engine.dispose()
    assert [] == differences
    assert HEAD == revision


def _at(db: str, revision: str) -> None:
    """An empty portfolio at an older *revision*."""
    engine = create_engine(db, must_exist=False)
    with migration_transaction(engine) as connection:
        migrate(connection, revision)
    engine.dispose()


def test_upgrade_from_0001_keeps_the_data(db: str) -> None:
    """A portfolio of revision 0001 with data is upgraded by `init`; facts get no provenance."""
    _at(db, "0001")
    with vm.Portfolio(db) as store, pytest.raises(vm.PortfolioError) as raised:
        store.lines()
    assert raised.value.args[0].endswith(
        f"this portfolio has schema revision 0001, older than this version of vendormaturity needs ({HEAD}); "
        "upgrade it with `vendormaturity portfolio init`"
    )
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    run(
        db,
        "INSERT INTO relationships (id, key, client, supplier, created_at, updated_at) "
        f"VALUES (1, 'old', 'C', 'S', '{now.isoformat()}', '{now.isoformat()}')",
    )
    run(
        db,
        "INSERT INTO response_sets (id, relationship_id, date, questionnaire, questionnaire_version, "
        f"content_hash, source, document, added_at) VALUES (1, 1, '2025-01-01', 'relationship', '1.0.0', "
        f"'abc', 'old.toml', '{{}}', '{now.isoformat()}')",
    )
    run(db, "INSERT INTO facts (response_set_id, name, value) VALUES (1, 'age_months', '12')")
    with vm.Portfolio(db) as store:
        assert store.init().endswith("portfolio upgraded from schema 0001")
        assert 1 == store.counts()["facts"]
    assert [("1", "'age_months'", "12", "None")] == tables(db)["facts"]


def _assessed(folder: Path) -> list[vm.AssessmentResult]:
    """Each round of a relationship's folder assessed with the earlier ones, oldest first."""
    current, history = vm.load_history(folder)
    q = vm.load_questionnaire(current.questionnaire)
    results: list[vm.AssessmentResult] = []
    for rs in [*history, current]:
        assert isinstance(rs, vm.ResponseSet)
        results.append(vm.assess(q, rs, history=list(results)))
    return results


def test_upgrade_from_0002_compresses_results_and_flags_those_in_force(db: str, tmp_path: Path) -> None:
    """Revision 0002 kept whole results as text and found the current one by the highest id:
    upgraded, each round's newest result is the one in force, every result reads back whole,
    and the next round is assessed with the stored ones as history."""
    _at(db, "0002")
    results = _assessed(ACME)
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC).isoformat()
    engine = sa.create_engine(db)
    with engine.begin() as connection:
        # (ids drawn by the database, as the portfolio's own writes draw them)
        connection.execute(
            sa.text(
                "INSERT INTO relationships (key, client, supplier, created_at, updated_at) "
                "VALUES ('acme-hosting', 'C', 'S', :now, :now)"
            ),
            {"now": now},
        )
        files = sorted(ACME.glob("20*.toml"))
        for number, (path, result) in enumerate(zip(files, results, strict=True), start=1):
            rs = vm.load_responses(path)
            connection.execute(
                sa.text(
                    "INSERT INTO response_sets (relationship_id, date, questionnaire, "
                    "questionnaire_version, content_hash, source, document, added_at) "
                    "SELECT id, :date, 'relationship', '1.0.0', :hash, :source, :document, :now "
                    "FROM relationships"
                ),
                {
                    "date": rs.date,
                    "hash": f"h{number}",
                    "source": str(path),
                    "document": rs.model_dump_json(),
                    "now": now,
                },
            )
            # a result of an older version of the questionnaire first, then the current one
            older = result.model_copy(update={"questionnaire_version": "0.9.0"}).model_dump_json()
            for version, document in (
                ("0.9.0", older),
                (result.questionnaire_version, result.model_dump_json()),
            ):
                connection.execute(
                    sa.text(
                        "INSERT INTO results (response_set_id, relationship_id, date, questionnaire, "
                        "questionnaire_version, phase, confidence, overall_mean, scores, patterns, "
                        "document, computed_at) SELECT id, relationship_id, :date, 'relationship', "
                        ":version, :phase, 0.5, NULL, '{}', '[]', :document, :now "
                        "FROM response_sets WHERE content_hash = :hash"
                    ),
                    {
                        "hash": f"h{number}",
                        "date": result.date,
                        "version": version,
                        "phase": result.phase.value,
                        "document": document,
                        "now": now,
                    },
                )
    engine.dispose()
    following = vm.load_responses(ACME / "2026-09-15.toml").model_copy(
        update={"date": datetime.date(2026, 11, 16)}
    )
    (tmp_path / "2026-11-16.toml").write_text(vm.dump_responses(following))
    with vm.Portfolio(db) as store:
        assert store.init().endswith("portfolio upgraded from schema 0002")
        assert results[-1] == store.result("acme-hosting")
        assert results[1] == store.result("acme-hosting", results[1].date)
        assert [r.date for r in results] == [r.date for r in store.trajectory("acme-hosting").rounds]
        assert 8 == store.counts()["results"]
        store.add([tmp_path / "2026-11-16.toml"])
        q = vm.load_questionnaire("relationship")
        assert vm.assess(q, following, history=results) == store.result("acme-hosting")
    engine = sa.create_engine(db)
    with engine.connect() as connection:
        flags = connection.execute(
            sa.text("SELECT questionnaire_version, in_force FROM results ORDER BY id")
        ).all()
    engine.dispose()
    current = vm.load_questionnaire("relationship").version  # the results' own, and the new round's
    assert [("0.9.0", False), (current, True)] * 4 + [(current, True)] == [
        (version, bool(flag)) for version, flag in flags
    ]


def test_downgrade_to_0002_gives_back_the_results_as_text(db: str) -> None:
    """Going back to revision 0002 writes each result's JSON as it was computed."""
    with vm.Portfolio(db, create=True) as store:
        store.add([ACME])
    engine = create_engine(db, must_exist=True)
    with migration_transaction(engine) as connection:
        migrate(connection, "0002", down=True)
        documents = connection.execute(sa.text("SELECT document FROM results ORDER BY date")).scalars().all()
    engine.dispose()
    assert [result.model_dump_json() for result in _assessed(ACME)] == documents


def test_upgrade_to_the_served_rounds_keeps_the_portfolio(db: str) -> None:
    """Revision 0005 only adds the tables of `serve`: a portfolio of 0004 keeps its rounds, and
    going back to 0004 drops those tables and nothing else."""
    _at(db, "0004")
    with vm.Portfolio(db) as store, pytest.raises(vm.PortfolioError, match="schema revision 0004, older"):
        store.lines()
    engine = create_engine(db, must_exist=True)
    with migration_transaction(engine) as connection:
        migrate(connection, "0005")
        assert "serve_rounds" in sa.inspect(connection).get_table_names()
        migrate(connection)
    with vm.Portfolio(db) as store:
        store.add([ACME])
        before = store.counts()
    with migration_transaction(engine) as connection:
        served = {name for name in sa.inspect(connection).get_table_names() if name.startswith("serve_")}
        migrate(connection, "0004", down=True)
        left = {name for name in sa.inspect(connection).get_table_names() if name.startswith("serve_")}
        migrate(connection)
    engine.dispose()
    assert {"serve_audit", "serve_respondents", "serve_rounds", "serve_throttle", "serve_tokens"} == served
    assert set() == left
    with vm.Portfolio(db) as store:
        assert before == store.counts()


def test_upgrade_to_0006_keeps_what_later_rounds_read_of_each_round(db: str) -> None:
    """Revision 0006 fills each stored round's `given` (date, facts, origins) from its document,
    exactly as an import writes it; going back to 0005 drops the column and nothing else."""
    with vm.Portfolio(db, create=True) as store:
        store.add([ACME])
        before = store.counts()
    query = sa.text("SELECT id, given FROM response_sets ORDER BY id")
    engine = create_engine(db, must_exist=True)
    with migration_transaction(engine) as connection:
        written = connection.execute(query).all()
        migrate(connection, "0005", down=True)
        left = {column["name"] for column in sa.inspect(connection).get_columns("response_sets")}
    with migration_transaction(engine) as connection:
        migrate(connection)
        filled = connection.execute(query).all()
    engine.dispose()
    assert "given" not in left
    assert len(written) == 4
    assert written == filled
    assert {"date", "facts", "origins"} == set(json.loads(written[-1][1]))
    with vm.Portfolio(db) as store:
        assert before == store.counts()


def test_every_revision_goes_down_and_up_again(db: str) -> None:
    """Downgrade to nothing and upgrade back: each revision's downgrade undoes its upgrade."""
    with vm.Portfolio(db, create=True) as store:
        store.init()
        store.add([ACME])
    engine = create_engine(db, must_exist=True)
    with migration_transaction(engine) as connection:
        migrate(connection, REVISIONS[0], down=True)
        assert "provenance" not in {c["name"] for c in sa.inspect(connection).get_columns("facts")}
        migrate(connection, "base", down=True)
        assert {VERSION_TABLE} >= set(sa.inspect(connection).get_table_names())
        migrate(connection)
    engine.dispose()
    with vm.Portfolio(db) as store:
        assert 0 == store.counts()["response_sets"]
        store.add([ACME])
        assert 4 == store.counts()["results"]


ATTEMPTS: list[Callable[[vm.Portfolio], object]] = [
    lambda store: store.lines(),
    lambda store: store.add([ACME]),
    lambda store: store.init(),
]


def _refused(db: str, expected_end: str) -> None:
    """Every way in (reading, adding, init) refuses with the message, and changes nothing."""
    before = tables(db)
    for attempt in ATTEMPTS:
        with vm.Portfolio(db, create=True) as store, pytest.raises(vm.PortfolioError) as raised:
            attempt(store)
        assert raised.value.args[0].endswith(expected_end)
    assert before == tables(db)


def test_a_newer_schema_is_refused_untouched(db: str) -> None:
    """A portfolio written by a newer version is left alone, with what to do."""
    with vm.Portfolio(db, create=True) as store:
        store.add([ACME])
    run(db, f"UPDATE {VERSION_TABLE} SET version_num = '0099'")
    _refused(
        db,
        f"this portfolio has schema revision 0099, newer than this version of vendormaturity knows "
        f"(up to {HEAD}); upgrade vendormaturity to use it",
    )


def test_a_foreign_database_is_refused_untouched(db: str) -> None:
    """A database holding other tables is not taken over."""
    run(db, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    run(db, "INSERT INTO customers VALUES (1, 'kept')")
    _refused(
        db,
        "not a vendormaturity portfolio (it holds other tables: customers); "
        "open another database (--db or VENDORMATURITY_DB on the command line)",
    )


def test_an_unknown_revision_is_foreign(db: str) -> None:
    """A version table with a revision that is not ours is not a portfolio either."""
    with vm.Portfolio(db, create=True) as store:
        store.init()
    run(db, f"UPDATE {VERSION_TABLE} SET version_num = 'ae1027a6acf'")
    with vm.Portfolio(db) as store, pytest.raises(vm.PortfolioError, match="not a vendormaturity portfolio"):
        store.lines()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    """A corrupt SQLite file: a clear error, and the file is left byte for byte."""
    path = tmp_path / "portfolio.db"
    content = b"this is a spreadsheet, not a database" * 200
    path.write_bytes(content)
    for attempt in ATTEMPTS:
        with vm.Portfolio(path, create=True) as store, pytest.raises(vm.PortfolioError) as raised:
            attempt(store)
        assert f"{path}: cannot use the database: file is not a database" == str(raised.value)
    assert content == path.read_bytes()
    assert [path] == list(tmp_path.iterdir())


def test_no_file_is_created_to_read(tmp_path: Path) -> None:
    """Reading a portfolio that does not exist says how to create one, and creates nothing."""
    path = tmp_path / "missing.db"
    with pytest.raises(vm.NotFoundError) as raised:
        vm.Portfolio(path)
    assert f"{path}: no portfolio here; create it with `vendormaturity portfolio init`" == str(raised.value)
    assert not path.exists()


def test_an_empty_database_without_create(db: str) -> None:
    """An empty database is not silently made a portfolio by a read."""
    engine = sa.create_engine(db)
    with engine.connect():
        pass  # a SQLite file now exists, empty
    engine.dispose()
    with vm.Portfolio(db) as store, pytest.raises(vm.PortfolioError) as raised:
        store.lines()
    assert raised.value.args[0].endswith("no portfolio here; create it with `vendormaturity portfolio init`")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls(given: str, expected: str) -> None:
    """A bare postgresql:// URL means psycopg 3, the driver the store extra installs."""
    assert expected == database_url(given)


def test_paths_and_hidden_passwords(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file name is a SQLite file (the default in the working folder); passwords never show."""
    monkeypatch.chdir(tmp_path)
    assert f"sqlite:///{tmp_path / 'vendormaturity.db'}" == database_url(None)
    assert "postgresql+psycopg://u:***@h/db" == display_url("postgresql+psycopg://u:secret@h/db")
    with pytest.raises(vm.PortfolioError) as raised:
        create_engine("a b://h", must_exist=False)
    assert "a b://h: not a database URL (e.g. postgresql://host/db, or a file name)" == str(raised.value)
    with pytest.raises(vm.PortfolioError) as raised:
        create_engine("nope://h/db", must_exist=False)
    assert str(raised.value).startswith("nope://h/db: cannot use this database (")
    assert str(raised.value).endswith("); install the store extra: pip install 'vendormaturity[store]'")


def test_upgrade_from_0003_makes_every_round_its_first_version_in_force(db: str, tmp_path: Path) -> None:
    """Revision 0003 had one response set per round: upgraded, each is version 1, in force, and
    can then be corrected."""
    with vm.Portfolio(db, create=True) as store:
        store.add([ACME])
        expected = store.result("acme-hosting")
    engine = create_engine(db, must_exist=True)
    with migration_transaction(engine) as connection:
        migrate(connection, "0003", down=True)
        assert "audit" not in sa.inspect(connection).get_table_names()
    engine.dispose()
    with vm.Portfolio(db) as store:
        assert store.init().endswith("portfolio upgraded from schema 0003")
        assert [(1, "active")] * 4 == [(v.version, v.status) for v in store.versions("acme-hosting")]
        assert expected == store.result("acme-hosting")
        corrected = vm.load_responses(ACME / "2025-09-11.toml").model_copy(update={"comment": "Corrected."})
        store.supersede("acme-hosting", corrected, reason="typo", by="alice")
        assert [1, 1, 2, 1] == [r.version for r in store.trajectory("acme-hosting").rounds]


def test_downgrade_to_0003_forgets_the_corrections(db: str) -> None:
    """Going back to revision 0003 keeps the rounds in force and deletes the superseded and
    removed ones, their results and the audit."""
    with vm.Portfolio(db, create=True) as store:
        store.add([ACME])
        corrected = vm.load_responses(ACME / "2025-09-11.toml").model_copy(update={"comment": "Corrected."})
        store.supersede("acme-hosting", corrected, reason="typo", by="alice")
        store.remove("acme-hosting", datetime.date(2023, 9, 14), reason="test", by="alice")
        in_force = [(r.date, r.phase) for r in store.trajectory("acme-hosting").rounds]
    engine = create_engine(db, must_exist=True)
    with migration_transaction(engine) as connection:
        migrate(connection, "0003", down=True)
        documents = connection.execute(sa.text("SELECT document FROM response_sets ORDER BY date")).scalars()
        assert ["2024-09-12", "2025-09-11", "2026-09-15"] == [json.loads(d)["date"] for d in documents]
        comment = connection.execute(
            sa.text("SELECT document FROM response_sets WHERE date = '2025-09-11'")
        ).scalar_one()
        assert "Corrected." == json.loads(comment)["comment"]
        assert 3 == connection.execute(sa.text("SELECT count(*) FROM results")).scalar()
    with migration_transaction(engine) as connection:
        migrate(connection)
    engine.dispose()
    with vm.Portfolio(db) as store:
        assert in_force == [(r.date, r.phase) for r in store.trajectory("acme-hosting").rounds]
        assert () == store.trajectory("acme-hosting").corrections
