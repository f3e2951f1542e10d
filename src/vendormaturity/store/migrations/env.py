"""Alembic's entry point: run the migrations on the connection the portfolio hands over.

The portfolio opens the transaction (and, on PostgreSQL, takes its write lock) before
calling Alembic, so a migration and the check that asked for it form one transaction.
"""

from __future__ import annotations

from alembic import context

from vendormaturity.store.tables import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    transactional_ddl=True,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
