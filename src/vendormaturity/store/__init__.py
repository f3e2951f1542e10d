"""The portfolio: relationships and their assessments over time, in SQLite or PostgreSQL.

:class:`~vendormaturity.store.portfolio.Portfolio` (public as ``vm.Portfolio``) is the
whole interface; :mod:`.repository` holds its SQL, :mod:`.tables` its schema,
:mod:`.migrations` the schema's history (Alembic). Nothing is imported here, so that
reading the store's records (:mod:`.views`) does not load SQLAlchemy.
"""
