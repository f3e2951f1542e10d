"""`vendormaturity serve`: rounds collected in the browser, respondents' links, API tokens, an audit.

New tables only (``serve_*``); nothing existing changes. Downgrading drops them, with the
rounds still open and the answers saved in them (a closed round's response set is in the
portfolio and stays).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_KEY = 200
_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "serve_rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("relationship", sa.String(_KEY), nullable=False),
        sa.Column("client", sa.String(_KEY), nullable=False),
        sa.Column("supplier", sa.String(_KEY), nullable=False),
        sa.Column("questionnaire", sa.String(_KEY), nullable=False),
        sa.Column("questionnaire_version", sa.String(50), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("opened_by", sa.String(_KEY), nullable=False),
        sa.Column("opened_at", _WHEN, nullable=False),
        sa.Column("closed_at", _WHEN),
    )
    op.create_index("ix_serve_rounds_relationship", "serve_rounds", ["relationship", "date"])
    op.create_table(
        "serve_respondents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("serve_rounds.id"), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.Column("name", sa.String(_KEY)),
        sa.Column("side", sa.String(20), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("lead", sa.Boolean, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("comments", sa.JSON, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("saves", sa.Integer, nullable=False),
        sa.Column("saved_at", _WHEN),
        sa.Column("submitted_at", _WHEN),
        sa.Column("reminded_at", _WHEN),
        sa.UniqueConstraint("round_id", "respondent", name="uq_serve_respondents_id"),
    )
    op.create_table(
        "serve_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(_KEY), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", _WHEN, nullable=False),
    )
    op.create_table(
        "serve_audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", _WHEN, nullable=False),
        sa.Column("actor", sa.String(_KEY), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("serve_rounds.id")),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_table(
        "serve_throttle",
        sa.Column("client", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("since", _WHEN, nullable=False),
    )


def downgrade() -> None:
    for table in ("serve_throttle", "serve_audit", "serve_tokens", "serve_respondents", "serve_rounds"):
        op.drop_table(table)
