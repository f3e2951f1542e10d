"""Each response set keeps, beside its document, what the rounds after it read of it.

Assessing a relationship's next round carries the standing facts of its rounds in force
(segment, contract dates, the decided outcome of its end): it read each of those rounds'
whole documents (about 6 KB each, compressed apart by PostgreSQL) for their date, facts and
origins. Those three are now stored in ``given``, as JSON (a few hundred bytes), written with
the response set and filled here from the documents already stored.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_PAGE = 1000  # rows filled at a time


def _given(document: str) -> str:
    """A response set's date, facts and origins, as JSON (as :func:`store.prepare.given` writes them)."""
    submitted = json.loads(document)
    return json.dumps(
        {key: submitted.get(key, {}) for key in ("date", "facts", "origins")},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("response_sets") as batch:
        batch.add_column(sa.Column("given", sa.Text))
    response_sets = sa.table(
        "response_sets",
        sa.column("id", sa.Integer),
        sa.column("document", sa.Text),
        sa.column("given", sa.Text),
    )
    last = 0
    while True:
        page = bind.execute(
            sa.select(response_sets.c.id, response_sets.c.document)
            .where(response_sets.c.id > last)
            .order_by(response_sets.c.id)
            .limit(_PAGE)
        ).all()
        if not page:
            break
        bind.execute(
            response_sets.update()
            .where(response_sets.c.id == sa.bindparam("b_id"))
            .values(given=sa.bindparam("b_given")),
            [{"b_id": id_, "b_given": _given(document)} for id_, document in page],
        )
        last = page[-1][0]
    with op.batch_alter_table("response_sets") as batch:
        batch.alter_column("given", existing_type=sa.Text, nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("response_sets") as batch:
        batch.drop_column("given")
