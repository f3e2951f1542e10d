"""The ``vendormaturity`` command: parse the arguments, call the public API, print.

One module per command group registers its commands on the shared Typer app:
:mod:`.catalogue` (list, show, schema), :mod:`.collect` (new, fill), :mod:`.assess`
(validate, assess, explain), :mod:`.facts` (facts, followup, mapping), :mod:`.portfolio`
(the ``portfolio`` sub-commands) and :mod:`.serve` (``serve``, ``token create``). Rich,
Jinja2, openpyxl, SQLAlchemy, FastAPI and the renderers are imported inside the
commands that use them, so that ``vendormaturity --help`` starts fast. A module an extra
brings that is not installed is a one-line error naming the extra to install, never a
traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vendormaturity.cli._app import app

__all__ = ["app", "main"]


def _load_app() -> Any:
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

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _load_app()
    from vendormaturity.i18n import msg

    raise AttributeError(msg("module 'vendormaturity.cli' has no attribute '{name}'", name=name))


def main() -> None:
    """Run the ``vendormaturity`` command."""
    from vendormaturity._extras import extra_for

    try:
        _load_app()(prog_name="vendormaturity")
    except ModuleNotFoundError as error:
        extra = extra_for(error)
        if extra is None:
            raise
        sys.stderr.write(_missing(extra, error.name or "") + "\n")
        raise SystemExit(1) from None


def _missing(extra: str, module: str) -> str:
    """The error for a module of *extra* that is not installed, in the language asked for."""
    from vendormaturity.cli._language import env_language, requested_language
    from vendormaturity.i18n import tr

    lang = requested_language(sys.argv[1:]) or env_language()
    message = tr(
        "this needs {module}, which the {extra} extra installs: pip install 'vendormaturity[{extra}]'",
        lang,
        module=module,
        extra=extra,
    )
    return tr("error: {message}", lang, message=message)
