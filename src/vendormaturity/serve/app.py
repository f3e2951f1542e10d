"""The application: the JSON API, the respondents' and the team's pages, over one portfolio database.

    from vendormaturity.serve import create_app
    app = create_app("postgresql://host/db")        # an ASGI application (FastAPI)

``vendormaturity serve`` runs it with uvicorn; several workers share the database (the
state of rounds, links and wrong tokens is in it, never in one worker's memory).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from vendormaturity._version import __version__
from vendormaturity.errors import Problem
from vendormaturity.i18n import languages, msg
from vendormaturity.serve import models
from vendormaturity.serve.errors import HttpError, language_of
from vendormaturity.serve.security import SecurityHeaders
from vendormaturity.serve.state import State
from vendormaturity.store.portfolio import Portfolio
from vendormaturity.store.rounds import Rounds, Throttle
from vendormaturity.store.schema import create_engine, database_url

__all__ = ["DB_VARIABLE", "PUBLIC_URL_VARIABLE", "app_from_environment", "create_app"]

DB_VARIABLE = "VENDORMATURITY_DB"
PUBLIC_URL_VARIABLE = "VENDORMATURITY_PUBLIC_URL"
_log = logging.getLogger("vendormaturity.serve")

# the bodies each operation takes, for /openapi.json (they are read by the guarded reader,
# not by FastAPI, so it cannot see them)
_BODIES: dict[str, type[Any] | str] = {
    "assess": "responses",
    "open_round": models.RoundIn,
    "add_respondents": models.RespondentsIn,
    "save_responses": models.AnswersIn,
    "save_facts": models.FactsIn,
}
_OPEN = {"health", "get_responses", "save_responses", "save_facts"}  # no team token


def create_app(
    db: str | None = None,
    *,
    public_url: str | None = None,
    throttle_limit: int = 20,
    throttle_window: float = 60.0,
) -> FastAPI:
    """The application over the portfolio at *db* (a URL or a SQLite file), which must exist."""
    engine = create_engine(database_url(db), must_exist=True)
    portfolio = Portfolio(engine)
    portfolio.counts()  # a portfolio of the current schema, or a clear error now
    throttle = Throttle(engine, limit=throttle_limit, window=throttle_window)
    state = State(
        engine=engine,
        rounds=Rounds(engine, throttle=throttle),
        portfolio=portfolio,
        languages=languages(),
        public_url=public_url,
    )
    app = FastAPI(
        title="vendormaturity",
        version=__version__,
        description="Rounds answered in the browser, followed and closed by the team; assessments over HTTP.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.vendormaturity = state
    from vendormaturity.serve import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(HttpError, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _starlette_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(SecurityHeaders)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def app_from_environment() -> FastAPI:
    """The application of ``vendormaturity serve``'s workers, configured by the environment."""
    return create_app(
        os.environ.get(DB_VARIABLE),
        public_url=os.environ.get(PUBLIC_URL_VARIABLE) or None,
    )


# ---------------------------------------------------------------------- failures


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    return "text/html" not in request.headers.get("accept", "")


def _render_error(request: Request, error: HttpError) -> Response:
    lang = language_of(request.headers.get("accept-language"))
    if _wants_json(request):
        return JSONResponse(error.body(lang), status_code=error.status, headers=error.headers)
    from vendormaturity.serve.pages import error_page

    return HTMLResponse(error_page(request, error, lang), status_code=error.status, headers=error.headers)


async def _http_error(request: Request, error: HttpError) -> Response:
    return _render_error(request, error)


_STATUS_TEXTS = {
    404: ("not_found", msg("nothing here")),
    405: ("method_not_allowed", msg("this address does not take this method")),
}


async def _starlette_error(request: Request, error: StarletteHTTPException) -> Response:
    code, text = _STATUS_TEXTS.get(error.status_code, ("error", msg("the request cannot be served")))
    return _render_error(request, HttpError(error.status_code, code, text, headers=dict(error.headers or {})))


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    problems = [
        Problem(
            msg(
                "{value} does not fit: {reason}",
                value=repr(item.get("input"))[:80],
                reason=item.get("msg", ""),
            ),
            path=".".join(str(part) for part in item.get("loc", ())),
        )
        for item in error.errors()
    ]
    return _render_error(
        request, HttpError(422, "invalid", msg("the address or its parameters do not fit"), problems=problems)
    )


async def _internal_error(request: Request, error: Exception) -> Response:
    _log.error("request failed: %s %s", request.method, request.url.path, exc_info=error)
    failure = HttpError(
        500, "internal", msg("the server failed on this request; it is logged, nothing was lost")
    )
    return _render_error(request, failure)


# ---------------------------------------------------------------------- OpenAPI


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is not None:
        return app.openapi_schema
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    for path, operations in document.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for operation in operations.values():
            identifier = operation.get("operationId")
            if identifier not in _OPEN:
                operation["security"] = [{"bearer": []}]
            body = _BODIES.get(identifier)
            if body is None:
                continue
            if isinstance(body, str):
                from vendormaturity.model.schemas import json_schema

                schema = dict(json_schema(body))  # type: ignore[arg-type]
                schema.pop("$schema", None)
                definitions = schema.pop("$defs", {})
                schema = _rebased(schema)
                schemas.update({name: _rebased(value) for name, value in definitions.items()})
                schemas["ResponseSet"] = schema
                reference = {"$ref": "#/components/schemas/ResponseSet"}
            else:
                schema = body.model_json_schema(ref_template="#/components/schemas/{model}")
                schemas.update(schema.pop("$defs", {}))
                schemas[body.__name__] = schema
                reference = {"$ref": f"#/components/schemas/{body.__name__}"}
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": reference}},
            }
    document = {key: document[key] for key in document if key != "paths"} | {
        "paths": {key: value for key, value in document["paths"].items() if key.startswith("/api/")}
    }
    app.openapi_schema = document
    return document


def _rebased(node: Any) -> Any:
    """A JSON Schema's ``#/$defs/X`` references as OpenAPI's ``#/components/schemas/X``."""
    if isinstance(node, dict):
        return {
            key: (
                value.replace("#/$defs/", "#/components/schemas/")
                if key == "$ref" and isinstance(value, str)
                else _rebased(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rebased(item) for item in node]
    return node
