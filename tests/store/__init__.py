"""The portfolio store: on SQLite and PostgreSQL, through the API, the command line and real processes."""
