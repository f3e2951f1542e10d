"""Create the portfolio: relationships, response sets, facts, results, plan actions.

Revision ID: 0001
Revises: none
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_KEY = 200
_ID = 64


def upgrade() -> None:
    op.create_table(
        "relationships",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(_KEY), nullable=False, unique=True),
        sa.Column("client", sa.String(_KEY), nullable=False),
        sa.Column("supplier", sa.String(_KEY), nullable=False),
        sa.Column("segment", sa.String(_KEY)),
        sa.Column("contract_start", sa.Date),
        sa.Column("renewal_date", sa.Date),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "response_sets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("questionnaire", sa.String(_KEY), nullable=False),
        sa.Column("questionnaire_version", sa.String(50), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("relationship_id", "date", name="uq_response_sets_round"),
    )
    op.create_table(
        "facts",
        sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), primary_key=True),
        sa.Column("name", sa.String(_ID), primary_key=True),
        sa.Column("value", sa.JSON, nullable=False),
    )
    op.create_table(
        "action_statuses",
        sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), primary_key=True),
        sa.Column("action", sa.String(_ID), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), nullable=False),
        sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("questionnaire", sa.String(_KEY), nullable=False),
        sa.Column("questionnaire_version", sa.String(50), nullable=False),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("overall_mean", sa.Float),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("patterns", sa.JSON, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "response_set_id", "questionnaire", "questionnaire_version", name="uq_results_version"
        ),
    )
    op.create_index("ix_results_relationship_date", "results", ["relationship_id", "date"])
    op.create_table(
        "planned_actions",
        sa.Column("result_id", sa.Integer, sa.ForeignKey("results.id"), primary_key=True),
        sa.Column("action", sa.String(_ID), primary_key=True),
        sa.Column("owner", sa.String(20), nullable=False),
        sa.Column("horizon", sa.String(20), nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("carried_over", sa.Boolean, nullable=False),
    )
    op.create_table(
        "open_actions",
        sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), primary_key=True),
        sa.Column("action", sa.String(_ID), primary_key=True),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("horizon", sa.String(20), nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("status", sa.String(20), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "open_actions",
        "planned_actions",
        "results",
        "action_statuses",
        "facts",
        "response_sets",
        "relationships",
    ):
        op.drop_table(table)
