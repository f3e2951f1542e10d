"""``vendormaturity serve`` and ``vendormaturity token create``: the application over a portfolio.

FastAPI and uvicorn (the ``serve`` extra) are imported inside the commands.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

import vendormaturity as vm
from vendormaturity.cli._app import EXIT_FAILED, LangOption, _Typer, app, error_text, fail
from vendormaturity.cli.portfolio import DbOption
from vendormaturity.i18n import N_, tr

__all__ = ["serve", "token"]

_MISSING = "install the serve extra: pip install 'vendormaturity[serve]'"


def _ready(db: str | None, lang: str) -> str:
    """The database's URL, made a portfolio if it is empty; an older or foreign one is refused."""
    import sqlalchemy as sa

    from vendormaturity.store.schema import State, create_engine, database_url, schema_state

    url = database_url(db)
    state = None
    try:
        engine = create_engine(url, must_exist=False)
        try:
            with engine.connect() as connection:
                state, _ = schema_state(connection)
        finally:
            engine.dispose()
    except (sa.exc.SQLAlchemyError, vm.VendorMaturityError):
        pass  # the portfolio says what is wrong below
    try:
        with vm.Portfolio(url, create=True) as store:
            if state is State.EMPTY:
                store.init()
            else:
                store.counts()
    except vm.VendorMaturityError as error:
        fail(error_text(error, lang), lang=lang)
    return url


@app.command(
    help=N_(
        "Serve the portfolio: respondents answer through personal links in the "
        "browser, the team opens, follows and closes rounds, and other "
        "applications call the JSON API (described at /openapi.json). An empty "
        "database becomes a portfolio. Behind a reverse proxy, give --public-url "
        "and --forwarded-allow-ips; for a team, PostgreSQL and several workers."
    ),
    epilog=N_("Example: vendormaturity serve --db portfolio.db --port 8000"),
)
def serve(
    *,
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(metavar="ADDRESS", help=N_("Address to listen on (127.0.0.1: this machine only)."))
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=0, max=65535, metavar="PORT", help=N_("Port to listen on."))
    ] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, metavar="N", help=N_("Worker processes (they share the database)."))
    ] = 1,
    public_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL", help=N_("The address respondents reach, for their links (behind a reverse proxy).")
        ),
    ] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESSES",
            help=N_(
                "Proxies whose X-Forwarded-For and X-Forwarded-Proto headers are trusted (comma-separated)."
            ),
        ),
    ] = None,
    lang: LangOption = "en",
) -> None:
    """The ``serve`` command."""
    try:
        import uvicorn

        import vendormaturity.serve.app  # noqa: F401 - FastAPI is there
    except ImportError:
        fail(_MISSING, lang=lang)
    url = _ready(db, lang)
    os.environ["VENDORMATURITY_DB"] = url
    if public_url:
        os.environ["VENDORMATURITY_PUBLIC_URL"] = public_url
    typer.echo(
        tr(
            "serving the portfolio {db} at http://{host}:{port}/team (stop with Ctrl-C)",
            lang,
            db=vm.Portfolio(url).where,
            host=host,
            port=port,
        ),
        err=True,
    )
    try:
        uvicorn.run(
            "vendormaturity.serve.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=True,
            forwarded_allow_ips=forwarded_allow_ips or "127.0.0.1",
            server_header=False,
            access_log=False,
            log_level="warning",
        )
    except (OSError, SystemExit) as error:
        if isinstance(error, SystemExit) and not error.code:
            return
        fail(tr("cannot serve: {reason}", lang, reason=error), EXIT_FAILED, lang=lang)


token = _Typer(
    name="token",
    help=N_("API tokens of the team and of other applications (for `vendormaturity serve`)."),
    epilog=N_("Example: vendormaturity token create --name reporting --db portfolio.db"),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(token)


@token.command(
    help=N_(
        "Create an API token and print it: only its hash is stored, so keep it "
        "now. Requests send it as Authorization: Bearer TOKEN; the team's pages "
        "ask for it to sign in."
    ),
    epilog=N_("Example: vendormaturity token create --name reporting --db portfolio.db"),
)
def create(
    *,
    name: Annotated[
        str, typer.Option(metavar="NAME", help=N_("Who or what uses the token (shown in the audit)."))
    ],
    db: DbOption = None,
    lang: LangOption = "en",
) -> None:
    """The ``token create`` command."""
    from vendormaturity.store.rounds import Rounds
    from vendormaturity.store.schema import create_engine

    if not name.strip() or len(name) > 200:
        fail(tr("--name must be 1 to 200 characters", lang), lang=lang)
    url = _ready(db, lang)
    engine = create_engine(url, must_exist=True)
    try:
        secret = Rounds(engine).create_token(name.strip())
    finally:
        engine.dispose()
    typer.echo(secret)
    typer.echo(
        tr(
            "token '{name}' created; it is shown only this once: keep it in a safe place",
            lang,
            name=name.strip(),
        ),
        err=True,
    )
