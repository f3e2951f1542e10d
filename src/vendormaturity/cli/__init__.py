"""The ``vendormaturity`` command: parse the arguments, call the public API, print.

One module per command group registers its commands on the shared Typer app:
:mod:`.catalogue` (list, show, schema), :mod:`.collect` (new, fill), :mod:`.assess`
(validate, assess, explain), :mod:`.facts` (facts, followup, mapping), :mod:`.portfolio`
(the ``portfolio`` sub-commands) and :mod:`.serve` (``serve``, ``token create``). Rich,
Jinja2, pygal, openpyxl, SQLAlchemy, FastAPI and the renderers are imported inside the
commands that use them, so that ``vendormaturity --help`` starts fast.
"""

from __future__ import annotations

# Each group registers its commands on import, in the order `--help` lists them.
from vendormaturity.cli import (
    assess,  # noqa: F401
    catalogue,  # noqa: F401
    collect,  # noqa: F401
    facts,  # noqa: F401
    portfolio,  # noqa: F401
    serve,  # noqa: F401
)
from vendormaturity.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the ``vendormaturity`` command."""
    app(prog_name="vendormaturity")
