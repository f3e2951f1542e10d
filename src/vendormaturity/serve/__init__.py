"""`vendormaturity serve`: rounds answered in the browser, followed and closed by the team, and
the assessment over HTTP (the ``serve`` extra: FastAPI on uvicorn)."""

from __future__ import annotations

from vendormaturity.serve.app import create_app

__all__ = ["create_app"]
