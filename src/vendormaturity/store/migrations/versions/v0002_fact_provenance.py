"""Facts keep their provenance: where a computed fact came from (file, rows, period, formula).

Facts computed from operational exports carry a provenance record; a fact typed in by
hand has none (null). Existing facts keep their values and get no provenance.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("provenance", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("provenance")
