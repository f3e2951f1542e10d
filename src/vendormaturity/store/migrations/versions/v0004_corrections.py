"""A stored round can be corrected: versions of a round, superseded and removed ones kept, an audit.

A round (a relationship's response set of a date) was unique and never replaced. Now a
correction stores a new version of it and keeps the old one, superseded; a removal keeps
the round too, removed; one version of a round is in force (``status = 'active'``) at a
time. Every correction is recorded in ``audit``: what, which round, who, when and why.
Existing rounds become version 1, in force.

Downgrading forgets the corrections: the superseded and removed rounds (with their facts,
follow-up statuses and results) are deleted, and the audit with them.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_KEY = 200
_ACTIVE = "status = 'active'"  # written as the portfolio's queries write it (see store/tables.py)


def upgrade() -> None:
    with op.batch_alter_table("response_sets") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="active"))
        batch.add_column(
            sa.Column(
                "superseded_by",
                sa.Integer,
                sa.ForeignKey("response_sets.id", name="fk_response_sets_superseded_by"),
            )
        )
    with op.batch_alter_table("response_sets") as batch:
        batch.alter_column("version", existing_type=sa.Integer, server_default=None)
        batch.alter_column("status", existing_type=sa.String(20), server_default=None)
        batch.drop_constraint("uq_response_sets_round", type_="unique")
        batch.create_unique_constraint("uq_response_sets_version", ["relationship_id", "date", "version"])
    op.create_index(
        "uq_response_sets_active",
        "response_sets",
        ["relationship_id", "date"],
        unique=True,
        sqlite_where=sa.text(_ACTIVE),
        postgresql_where=sa.text(_ACTIVE),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(_KEY), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), nullable=False),
        sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), nullable=False),
        sa.Column("replacement_id", sa.Integer, sa.ForeignKey("response_sets.id")),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_relationship", "audit", ["relationship_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_relationship", "audit")
    op.drop_table("audit")
    retired = sa.text(f"SELECT id FROM response_sets WHERE NOT ({_ACTIVE})")
    results = sa.text(f"SELECT id FROM results WHERE response_set_id IN ({retired.text})")
    for statement in (
        f"DELETE FROM planned_actions WHERE result_id IN ({results.text})",
        f"DELETE FROM results WHERE response_set_id IN ({retired.text})",
        f"DELETE FROM facts WHERE response_set_id IN ({retired.text})",
        f"DELETE FROM action_statuses WHERE response_set_id IN ({retired.text})",
        "UPDATE response_sets SET superseded_by = NULL",
        f"DELETE FROM response_sets WHERE NOT ({_ACTIVE})",
    ):
        op.execute(statement)
    op.drop_index("uq_response_sets_active", "response_sets")
    with op.batch_alter_table("response_sets") as batch:
        batch.drop_constraint("uq_response_sets_version", type_="unique")
        batch.create_unique_constraint("uq_response_sets_round", ["relationship_id", "date"])
        batch.drop_constraint("fk_response_sets_superseded_by", type_="foreignkey")
        batch.drop_column("superseded_by")
        batch.drop_column("status")
        batch.drop_column("version")
