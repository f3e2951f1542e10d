"""The portfolio's tables, as SQLAlchemy Core metadata (the schema at the newest revision).

Response sets are stored as submitted and never rewritten (their content hash makes adding
twice harmless); results are derived and keep the questionnaire id and version that
produced them, so a reassessment adds results beside the old ones. The migrations in
``store/migrations`` build exactly these tables; a test compares the two.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "ACTIVE",
    "ACTIVE_STATUS",
    "IN_FORCE",
    "IN_FORCE_SQLITE",
    "VERSION_TABLE",
    "action_statuses",
    "audit",
    "facts",
    "metadata",
    "open_actions",
    "planned_actions",
    "relationships",
    "response_sets",
    "results",
    "serve_audit",
    "serve_respondents",
    "serve_rounds",
    "serve_throttle",
    "serve_tokens",
]

VERSION_TABLE = (
    "vendormaturity_schema"  # Alembic's version table, named so no other tool's is mistaken for it
)

# The condition of the partial indexes of results in force, written as each database's
# compiler writes ``results.c.in_force`` in a query, so that SQLite's planner (which
# matches terms, and never a bound parameter) sees that the index applies.
IN_FORCE = "in_force"
IN_FORCE_SQLITE = "in_force = 1"
ACTIVE_STATUS = "active"  # the status of the version of a round in force
ACTIVE = f"status = '{ACTIVE_STATUS}'"

metadata = sa.MetaData()
_KEY = 200  # relationship, client and supplier names: the response-set format's limit
_ID = 64  # action ids, pattern ids

relationships = sa.Table(
    "relationships",
    metadata,
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

# Every response set as submitted, never rewritten. A round is a relationship's response set
# of a date; a correction stores a new version of it and keeps the old one (superseded), a
# removal keeps it too (removed): one version of a round is in force ("active") at a time.
response_sets = sa.Table(
    "response_sets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),  # 1, then each correction of the round's date
    sa.Column("status", sa.String(20), nullable=False),  # active, superseded or removed
    sa.Column(
        "superseded_by",
        sa.Integer,
        sa.ForeignKey("response_sets.id", name="fk_response_sets_superseded_by"),
    ),
    sa.Column("questionnaire", sa.String(_KEY), nullable=False),
    sa.Column("questionnaire_version", sa.String(50), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    # its date, facts and origins (JSON): what carrying standing facts reads of a round
    sa.Column("given", sa.Text, nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("relationship_id", "date", "version", name="uq_response_sets_version"),
    sa.Index(
        "uq_response_sets_active",
        "relationship_id",
        "date",
        unique=True,
        sqlite_where=sa.text(ACTIVE),
        postgresql_where=sa.text(ACTIVE),
    ),
)

facts = sa.Table(
    "facts",
    metadata,
    sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), primary_key=True),
    sa.Column("name", sa.String(_ID), primary_key=True),
    sa.Column("value", sa.JSON, nullable=False),
    sa.Column("provenance", sa.JSON),
)

action_statuses = sa.Table(
    "action_statuses",
    metadata,
    sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), primary_key=True),
    sa.Column("action", sa.String(_ID), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("note", sa.Text),
)

# Every result a response set was given, by questionnaire version; the one in force (the last
# computed) is flagged, and the lookups of the portfolio read only those, through indexes
# that hold nothing else.
results = sa.Table(
    "results",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), nullable=False),
    sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("questionnaire", sa.String(_KEY), nullable=False),
    sa.Column("questionnaire_version", sa.String(50), nullable=False),
    sa.Column("phase", sa.String(20), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("overall_mean", sa.Float),
    sa.Column("scores", sa.JSON, nullable=False),  # {dimension: overall mean or null}
    sa.Column("patterns", sa.JSON, nullable=False),  # the findings' pattern ids
    sa.Column("body", sa.LargeBinary, nullable=False),  # the whole result as JSON, zlib-compressed
    # what a later assessment reads of it (EarlierAssessment), as JSON, zlib-compressed: the
    # history of the relationship's next round, read without parsing whole results
    sa.Column("earlier", sa.LargeBinary, nullable=False),
    sa.Column("in_force", sa.Boolean, nullable=False),
    sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint(
        "response_set_id", "questionnaire", "questionnaire_version", name="uq_results_version"
    ),
    # (with the phase and mean, the list of every relationship reads this index alone, not the
    # rows and their compressed documents)
    sa.Index(
        "ix_results_in_force",
        "relationship_id",
        "date",
        "phase",
        "overall_mean",
        "in_force",  # (SQLite reads an index alone only if it holds the columns of its condition)
        sqlite_where=sa.text(IN_FORCE_SQLITE),
        postgresql_where=sa.text(IN_FORCE),
    ),
    sa.Index(
        "uq_results_in_force",
        "response_set_id",
        unique=True,
        sqlite_where=sa.text(IN_FORCE_SQLITE),
        postgresql_where=sa.text(IN_FORCE),
    ),
)

# Every correction of the portfolio: what was done to which round, by whom, when and why.
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(_KEY), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),  # supersede or remove
    sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), nullable=False),
    sa.Column("response_set_id", sa.Integer, sa.ForeignKey("response_sets.id"), nullable=False),
    sa.Column("replacement_id", sa.Integer, sa.ForeignKey("response_sets.id")),  # supersede: the new one
    sa.Column("reason", sa.Text, nullable=False),
    sa.Index("ix_audit_relationship", "relationship_id", "at"),
)

planned_actions = sa.Table(
    "planned_actions",
    metadata,
    sa.Column("result_id", sa.Integer, sa.ForeignKey("results.id"), primary_key=True),
    sa.Column("action", sa.String(_ID), primary_key=True),
    sa.Column("owner", sa.String(20), nullable=False),
    sa.Column("horizon", sa.String(20), nullable=False),
    sa.Column("priority", sa.Integer, nullable=False),
    sa.Column("carried_over", sa.Boolean, nullable=False),
)

# Derived, rewritten for a relationship whenever its rounds change: the actions of its
# plans not reported done or dropped since they were recommended, with their due date.
open_actions = sa.Table(
    "open_actions",
    metadata,
    sa.Column("relationship_id", sa.Integer, sa.ForeignKey("relationships.id"), primary_key=True),
    sa.Column("action", sa.String(_ID), primary_key=True),
    sa.Column("since", sa.Date, nullable=False),
    sa.Column("horizon", sa.String(20), nullable=False),
    sa.Column("due", sa.Date),
    sa.Column("status", sa.String(20), nullable=False),
)


# ---------------------------------------------------------------------- `vendormaturity serve`
# Rounds being collected in the browser: a round, its respondents (each reached through a
# personal link, of which only the SHA-256 is kept) with what they saved, the team's API
# tokens (hashed the same way), what was done and by whom, and the wrong tokens of each
# client address, which every worker reads before it checks a token. Closing a round adds
# its response set to the portfolio like `portfolio add`; the round keeps its answers.

serve_rounds = sa.Table(
    "serve_rounds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("relationship", sa.String(_KEY), nullable=False),
    sa.Column("client", sa.String(_KEY), nullable=False),
    sa.Column("supplier", sa.String(_KEY), nullable=False),
    sa.Column("questionnaire", sa.String(_KEY), nullable=False),
    sa.Column("questionnaire_version", sa.String(50), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # open, closed
    sa.Column("facts", sa.JSON, nullable=False),  # what the lead gave on the facts page
    sa.Column("opened_by", sa.String(_KEY), nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True)),
    sa.Index("ix_serve_rounds_relationship", "relationship", "date"),
)

serve_respondents = sa.Table(
    "serve_respondents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("round_id", sa.Integer, sa.ForeignKey("serve_rounds.id"), nullable=False),
    sa.Column("respondent", sa.String(64), nullable=False),  # the id in the response set
    sa.Column("name", sa.String(_KEY)),
    sa.Column("side", sa.String(20), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("lead", sa.Boolean, nullable=False),  # gives the facts
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("answers", sa.JSON, nullable=False),
    sa.Column("comments", sa.JSON, nullable=False),
    sa.Column("comment", sa.Text),
    sa.Column("saves", sa.Integer, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True)),
    sa.Column("submitted_at", sa.DateTime(timezone=True)),
    sa.Column("reminded_at", sa.DateTime(timezone=True)),
    sa.UniqueConstraint("round_id", "respondent", name="uq_serve_respondents_id"),
)

serve_tokens = sa.Table(
    "serve_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(_KEY), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

serve_audit = sa.Table(
    "serve_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(_KEY), nullable=False),  # a token's name, or respondent:<id>
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("round_id", sa.Integer, sa.ForeignKey("serve_rounds.id")),
    sa.Column("detail", sa.JSON, nullable=False),
)

serve_throttle = sa.Table(
    "serve_throttle",
    metadata,
    sa.Column("client", sa.String(64), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("since", sa.DateTime(timezone=True), nullable=False),  # start of the counting window
)
