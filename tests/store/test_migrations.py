"""The schema's life: created from nothing, upgraded from the previous revision, and refused
when it is newer, foreign or not a database at all, without a byte changed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import vendormaturity as vm
from vendormaturity.store.schema import HEAD, REVISIONS, create_engine, database_url, display_url, migrate
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


def test_upgrade_from_0001_keeps_the_data(db: str) -> None:
    """A portfolio of revision 0001 with data is upgraded by `init`; facts get no provenance."""
    engine = create_engine(db, must_exist=False)
    with engine.begin() as connection:
        migrate(connection, "0001")
    engine.dispose()
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


def test_upgrade_to_the_served_rounds_keeps_the_portfolio(db: str) -> None:
    """Revision 0003 only adds the tables of `serve`: a portfolio of 0002 keeps its rounds, and
    going back to 0002 drops those tables and nothing else."""
    engine = create_engine(db, must_exist=False)
    with engine.begin() as connection:
        migrate(connection, "0002")
    engine.dispose()
    with vm.Portfolio(db) as store, pytest.raises(vm.PortfolioError, match="schema revision 0002, older"):
        store.lines()
    engine = create_engine(db, must_exist=True)
    with engine.begin() as connection:
        migrate(connection, "0003")
    with vm.Portfolio(db) as store:
        store.add([ACME])
        before = store.counts()
    with engine.begin() as connection:
        served = {name for name in sa.inspect(connection).get_table_names() if name.startswith("serve_")}
        migrate(connection, "0002", down=True)
        left = {name for name in sa.inspect(connection).get_table_names() if name.startswith("serve_")}
        migrate(connection)
    engine.dispose()
    assert {"serve_audit", "serve_respondents", "serve_rounds", "serve_throttle", "serve_tokens"} == served
    assert set() == left
    with vm.Portfolio(db) as store:
        assert before == store.counts()


def test_every_revision_goes_down_and_up_again(db: str) -> None:
    """Downgrade to nothing and upgrade back: each revision's downgrade undoes its upgrade."""
    with vm.Portfolio(db, create=True) as store:
        store.init()
        store.add([ACME])
    engine = create_engine(db, must_exist=True)
    with engine.begin() as connection:
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
