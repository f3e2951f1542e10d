"""Opening a portfolio database: its URL, its state (empty, ours, older, newer, foreign), migrations.

A database is a portfolio when it has the ``vendormaturity_schema`` version table. An
empty database can be made one (``init``, or the first ``add``); an older one is
upgraded by ``init``; a newer one, a foreign one (tables, but not ours) or a file that
is not a database is refused with a clear error, before anything is written.
"""

from __future__ import annotations

import contextlib
import enum
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc

from vendormaturity.errors import NotFoundError, Problem, VendorMaturityError
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.store.tables import VERSION_TABLE

__all__ = [
    "DEFAULT_DB",
    "HEAD",
    "REVISIONS",
    "PortfolioError",
    "State",
    "create_engine",
    "database_url",
    "display_url",
    "migrate",
    "migration_transaction",
    "prepare_sqlite",
    "refusal",
    "row_transaction",
    "schema_state",
    "write_transaction",
]

DEFAULT_DB = "vendormaturity.db"  # a SQLite file in the working folder
REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
)  # oldest first; the migrations in store/migrations/versions
HEAD = REVISIONS[-1]
SQLITE_TIMEOUT = 600.0  # seconds a writer waits for another one to commit
_WRITE_LOCK = 0x766D_706F  # PostgreSQL advisory lock key of the portfolio's writers ("vmpo")
_REVISION = re.compile(r"^\d{4}$")
_IMMEDIATE = "vendormaturity_immediate"


class PortfolioError(VendorMaturityError):
    """The portfolio database cannot be used as asked: say where and what to do."""


class State(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"
    FOREIGN = "foreign"


def database_url(value: str | Path | None) -> str:
    """A SQLAlchemy URL from an option: a URL, or a path to a SQLite file.

    ``postgresql://`` without a driver means psycopg (version 3), the driver the
    ``store`` extra installs.
    """
    if value is None:
        value = DEFAULT_DB
    text = str(value)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    for bare in ("postgresql://", "postgres://"):
        if text.startswith(bare):
            return "postgresql+psycopg://" + text[len(bare) :]
    return text


def display_url(url: sa.URL | str) -> str:
    """The URL as shown in messages: the password hidden, a SQLite file as its path."""
    parsed = sa.make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


def create_engine(url: str, *, must_exist: bool) -> sa.Engine:
    """An engine for *url*; a SQLite file must already exist unless the caller creates one."""
    try:
        parsed = sa.make_url(url)
    except exc.ArgumentError:
        raise PortfolioError(
            _at(url, msg("not a database URL (e.g. postgresql://host/db, or a file name)"))
        ) from None
    sqlite = parsed.get_backend_name() == "sqlite"
    if (
        sqlite
        and must_exist
        and parsed.database not in (None, "", ":memory:")
        and not Path(parsed.database).exists()
    ):
        raise NotFoundError(_at(parsed.database, _NO_PORTFOLIO))
    try:
        engine = sa.create_engine(parsed, connect_args={"timeout": SQLITE_TIMEOUT} if sqlite else {})
    except (ImportError, exc.NoSuchModuleError) as error:
        raise PortfolioError(
            _at(
                display_url(parsed),
                msg(
                    "cannot use this database ({reason}); install the store extra: pip install"
                    " 'vendormaturity[store]'",
                    reason=error,
                ),
            )
        ) from None
    if sqlite:
        prepare_sqlite(engine)
    return engine


def prepare_sqlite(engine: sa.Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, start transactions, and writers take the lock first.

    The sqlite3 module starts a transaction only before a write, so a read then a
    write would not be atomic; and two deferred transactions that both read then write
    deadlock. As SQLAlchemy's documentation recommends, transactions start with an
    explicit BEGIN, and a writer's with BEGIN IMMEDIATE: writers queue, readers go on.
    """
    if event.contains(engine, "connect", _on_connect):
        return
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(connection: sa.Connection) -> None:
    immediate = connection.get_execution_options().get(_IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextlib.contextmanager
def write_transaction(bind: sa.Engine | sa.Connection) -> Iterator[sa.Connection]:
    """One transaction for a whole write, holding the portfolio's write lock.

    Writers go one at a time (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock held
    until commit), so a result is always computed from every earlier round, and two
    imports never deadlock. Readers are never blocked. With a connection given by an
    application, the write is a savepoint inside its transaction, or its own transaction.
    """
    if isinstance(bind, sa.Connection):
        with bind.begin_nested() if bind.in_transaction() else bind.begin():
            _lock(bind)
            yield bind
        return
    with bind.connect() as connection:
        connection.execution_options(**{_IMMEDIATE: True})
        with connection.begin():
            _lock(connection)
            yield connection


@contextlib.contextmanager
def migration_transaction(bind: sa.Engine | sa.Connection) -> Iterator[sa.Connection]:
    """:func:`write_transaction` for a migration.

    SQLite changes a table by building a new one and dropping the old one, which its
    foreign keys forbid while other tables refer to it: as SQLite's documentation
    prescribes, they are not enforced during the migration (a setting that only takes
    effect outside a transaction), then checked, all at once, before it commits.
    """
    if isinstance(bind, sa.Connection) or bind.dialect.name != "sqlite":
        with write_transaction(bind) as connection:
            yield connection
        return
    with bind.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            connection.execution_options(**{_IMMEDIATE: True})
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    table, row, parent, _ = broken[0]
                    raise PortfolioError(
                        nmsg(
                            "the migration left {count} row referring to a missing one ({table} row {row}, "
                            "to {parent}); nothing was changed",
                            "the migration left {count} rows referring to missing ones (first: {table} row "
                            "{row}, to {parent}); nothing was changed",
                            len(broken),
                            table=table,
                            row=row,
                            parent=parent,
                        )
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


@contextlib.contextmanager
def row_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One short write of a few rows, without the portfolio's write lock.

    On SQLite it still begins IMMEDIATE (the database has one writer: a transaction that
    reads and then writes must queue from the start, or fail on a busy database); on
    PostgreSQL the rows it locks (``SELECT … FOR UPDATE``) order it against other writers.
    """
    with engine.connect() as connection:
        connection.execution_options(**{_IMMEDIATE: True})
        with connection.begin():
            yield connection


def _lock(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})


def schema_state(connection: sa.Connection) -> tuple[State, str | None]:
    """What the database holds, and its schema revision if it is a portfolio."""
    names = set(sa.inspect(connection).get_table_names())
    if VERSION_TABLE not in names:
        return (State.FOREIGN if names else State.EMPTY), None
    revision = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    if revision == HEAD:
        return State.CURRENT, revision
    if revision in REVISIONS:
        return State.OLDER, revision
    if isinstance(revision, str) and _REVISION.match(revision) and revision > HEAD:
        return State.NEWER, revision
    return State.FOREIGN, revision


def refusal(where: str, state: State, revision: str | None, connection: sa.Connection) -> PortfolioError:
    """The error for a database that cannot be used as it is."""
    if state is State.NEWER:
        return PortfolioError(
            _at(
                where,
                msg(
                    "this portfolio has schema revision {revision}, newer than this version of"
                    " vendormaturity knows (up to {head}); upgrade vendormaturity to use it",
                    revision=revision,
                    head=HEAD,
                ),
            )
        )
    if state is State.OLDER:
        return PortfolioError(
            _at(
                where,
                msg(
                    "this portfolio has schema revision {revision}, older than this version of"
                    " vendormaturity needs ({head}); upgrade it with `vendormaturity portfolio init`",
                    revision=revision,
                    head=HEAD,
                ),
            )
        )
    if state is State.EMPTY:
        return PortfolioError(_at(where, _NO_PORTFOLIO))
    names = sorted(sa.inspect(connection).get_table_names())
    shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    return PortfolioError(
        _at(
            where,
            msg(
                "not a vendormaturity portfolio (it holds other tables: {tables});"
                " open another database (--db or VENDORMATURITY_DB on the command line)",
                tables=shown,
            ),
        )
    )


_NO_PORTFOLIO = msg("no portfolio here; create it with `vendormaturity portfolio init`")


def _at(where: str, message: Message) -> Message:
    """``where: message``: a database, and what is wrong with it."""
    return Problem(message, file=where).as_message()


def migrate(connection: sa.Connection, target: str = "head", *, down: bool = False) -> None:
    """Run the migrations up (or *down*) to *target*, inside the caller's transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "vendormaturity.store:migrations")
    config.attributes["connection"] = connection
    if down:
        command.downgrade(config, target)
    else:
        command.upgrade(config, target)
