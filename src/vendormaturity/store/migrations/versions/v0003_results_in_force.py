"""Results in force are flagged and indexed; results are stored compressed, with what later
assessments read of them.

The portfolio found each response set's current result by grouping the whole results
table (the highest id of each response set), on every call: a cost that grew with the
store. The result in force is now a flag, kept by every write, and two partial indexes
hold those results alone: by relationship and date, with the phase and mean (what every
read asks for; the list of every relationship reads that index alone), and, unique, by
response set. The whole result, stored as JSON text (25 KB each), is now stored
zlib-compressed (about a third), and beside it, compressed too, what a later assessment
reads of it (``earlier``: dates, phases, means, the plan's actions and follow-up), so
that assessing a relationship's next round does not parse its whole results.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_PAGE = 1000  # rows rewritten at a time
_LEVEL = 1  # zlib's fastest level: most of the gain, a fifth of the time of the default


# written as each database's compiler writes the flag in a query (see store/tables.py)
_WHERE = {"sqlite_where": sa.text("in_force = 1"), "postgresql_where": sa.text("in_force")}


def _earlier(result: dict[str, Any]) -> dict[str, Any]:
    """What a later assessment reads of a result (EarlierAssessment, as of this revision)."""

    def means(dimension: dict[str, Any]) -> dict[str, Any]:
        return {"dimension": dimension["dimension"]} | {
            side: {"mean": dimension[side]["mean"]} for side in ("client", "supplier", "overall")
        }

    plan = result["plan"]
    return {
        "relationship": result["relationship"],
        "date": result["date"],
        "phase": result["phase"],
        "phase_scores": result["phase_scores"],
        "summary": result["summary"],
        "dimensions": [means(dimension) for dimension in result["dimensions"]],
        "plan": {
            "actions": [{"id": a["id"], "horizon": a["horizon"]} for a in plan["actions"]],
            "followup": [{"action": f["action"], "status": f["status"]} for f in plan.get("followup", [])],
        },
    }


def _stored(document: str) -> dict[str, bytes]:
    """A result's columns as this revision stores it."""
    earlier = json.dumps(_earlier(json.loads(document)), ensure_ascii=False, separators=(",", ":"))
    return {
        "b_body": zlib.compress(document.encode(), _LEVEL),
        "b_earlier": zlib.compress(earlier.encode(), _LEVEL),
    }


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("results") as batch:
        batch.add_column(sa.Column("body", sa.LargeBinary))
        batch.add_column(sa.Column("earlier", sa.LargeBinary))
        batch.add_column(sa.Column("in_force", sa.Boolean))
    results = sa.table(
        "results",
        sa.column("id", sa.Integer),
        sa.column("response_set_id", sa.Integer),
        sa.column("document", sa.Text),
        sa.column("body", sa.LargeBinary),
        sa.column("earlier", sa.LargeBinary),
        sa.column("in_force", sa.Boolean),
    )
    last = 0
    while True:
        page = bind.execute(
            sa.select(results.c.id, results.c.document)
            .where(results.c.id > last)
            .order_by(results.c.id)
            .limit(_PAGE)
        ).all()
        if not page:
            break
        bind.execute(
            results.update()
            .where(results.c.id == sa.bindparam("b_id"))
            .values(body=sa.bindparam("b_body"), earlier=sa.bindparam("b_earlier")),
            [{"b_id": id_, **_stored(document)} for id_, document in page],
        )
        last = page[-1][0]
    newest = sa.select(sa.func.max(results.c.id)).group_by(results.c.response_set_id)
    bind.execute(results.update().values(in_force=results.c.id.in_(newest.scalar_subquery())))
    with op.batch_alter_table("results") as batch:
        batch.alter_column("body", existing_type=sa.LargeBinary, nullable=False)
        batch.alter_column("earlier", existing_type=sa.LargeBinary, nullable=False)
        batch.alter_column("in_force", existing_type=sa.Boolean, nullable=False)
        batch.drop_column("document")
        batch.drop_index("ix_results_relationship_date")
    op.create_index(
        "ix_results_in_force",
        "results",
        ["relationship_id", "date", "phase", "overall_mean", "in_force"],
        sqlite_where=_WHERE["sqlite_where"],
        postgresql_where=_WHERE["postgresql_where"],
    )
    op.create_index(
        "uq_results_in_force",
        "results",
        ["response_set_id"],
        unique=True,
        sqlite_where=_WHERE["sqlite_where"],
        postgresql_where=_WHERE["postgresql_where"],
    )


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("uq_results_in_force", "results")
    op.drop_index("ix_results_in_force", "results")
    with op.batch_alter_table("results") as batch:
        batch.add_column(sa.Column("document", sa.Text))
    results = sa.table(
        "results",
        sa.column("id", sa.Integer),
        sa.column("document", sa.Text),
        sa.column("body", sa.LargeBinary),
    )
    last = 0
    while True:
        page = bind.execute(
            sa.select(results.c.id, results.c.body)
            .where(results.c.id > last)
            .order_by(results.c.id)
            .limit(_PAGE)
        ).all()
        if not page:
            break
        bind.execute(
            results.update()
            .where(results.c.id == sa.bindparam("b_id"))
            .values(document=sa.bindparam("b_document")),
            [{"b_id": id_, "b_document": zlib.decompress(body).decode()} for id_, body in page],
        )
        last = page[-1][0]
    with op.batch_alter_table("results") as batch:
        batch.alter_column("document", existing_type=sa.Text, nullable=False)
        batch.drop_column("in_force")
        batch.drop_column("earlier")
        batch.drop_column("body")
        batch.create_index("ix_results_relationship_date", ["relationship_id", "date"])
