"""The portfolio's schema migrations (Alembic), shipped inside the package."""
