"""Who may do what: team tokens, respondents' links, forged forms, guessing bursts, and the headers
every response carries.

- The team and other applications send ``Authorization: Bearer TOKEN`` (a token of
  ``vendormaturity token create``); the team's pages keep the same token in a cookie that
  scripts cannot read and that no other site's request carries (``SameSite=Strict``).
- A respondent's link is their key: it reaches their own answers only, and nothing once
  the round is closed.
- Every form of the pages carries a token derived from the secret that authorises it, and
  a form posted from another site (``Origin``, ``Sec-Fetch-Site``) is refused.
- Wrong tokens are counted by client address in the database (:class:`Throttle`): past
  the limit, the address waits, whichever worker it reaches.
- Every response has a Content-Security-Policy (scripts only with the page's nonce),
  no referrer (links carry secrets), no sniffing and no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

from vendormaturity.i18n import msg
from vendormaturity.serve.errors import HttpError
from vendormaturity.store.rounds import Rounds, TokenOwner, token_hash

__all__ = [
    "COOKIE",
    "SecurityHeaders",
    "check_origin",
    "client_of",
    "csrf_token",
    "refuse_bursts",
    "team_from_cookie",
    "team_from_header",
    "verify_csrf",
]

COOKIE = "vm_team"
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def client_of(request: Request) -> str:
    """The client's address (behind a proxy, the one uvicorn read from X-Forwarded-For)."""
    return request.client.host if request.client is not None else "unknown"


def refuse_bursts(request: Request, rounds: Rounds) -> None:
    """429 while the client's address has sent too many wrong tokens lately."""
    wait = rounds.throttle.wait(client_of(request))
    if wait:
        raise HttpError(
            429,
            "too_many_wrong_tokens",
            msg("too many wrong tokens from this address; try again in {seconds} s", seconds=wait),
            headers={"Retry-After": str(wait)},
        )


def _unauthorised(rounds: Rounds, request: Request, *, bearer: bool) -> HttpError:
    rounds.throttle.failed(client_of(request))
    return HttpError(
        401,
        "unauthorised",
        msg("a valid API token is needed: Authorization: Bearer TOKEN (vendormaturity token create)"),
        headers={"WWW-Authenticate": "Bearer"} if bearer else {},
    )


def team_from_header(request: Request, rounds: Rounds) -> TokenOwner:
    """The owner of the request's bearer token, or 401 (and the wrong token counted)."""
    refuse_bursts(request, rounds)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    owner = rounds.token_owner(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if owner is None:
        raise _unauthorised(rounds, request, bearer=True)
    return owner


def team_from_cookie(request: Request, rounds: Rounds) -> tuple[TokenOwner, str] | None:
    """The owner of the team cookie's token and the token, or None when there is no cookie.

    A cookie with a wrong token counts as a wrong token (and is refused with 401).
    """
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    refuse_bursts(request, rounds)
    owner = rounds.token_owner(token)
    if owner is None:
        raise _unauthorised(rounds, request, bearer=False)
    return owner, token


def csrf_token(secret: str) -> str:
    """The token a form authorised by *secret* (a link or a team token) carries."""
    key = bytes.fromhex(token_hash(secret))
    return hmac.new(key, b"vendormaturity form", hashlib.sha256).hexdigest()


def verify_csrf(secret: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(csrf_token(secret), given):
        raise HttpError(
            403, "forged_form", msg("this form was not sent from its page; reload the page and try again")
        )


def check_origin(request: Request) -> None:
    """403 for a form posted from another site (when the browser says where it comes from).

    The origin's host is compared with the request's ``Host`` (a reverse proxy passes it on),
    not its scheme: a proxy that ends TLS speaks plain HTTP to the application. The pages'
    ``Referrer-Policy: no-referrer`` makes browsers send ``Origin: null`` with their own forms:
    that is taken from a browser that also says ``Sec-Fetch-Site: same-origin``, refused otherwise.
    """
    site = request.headers.get("sec-fetch-site")
    if site not in (None, "same-origin", "none"):
        raise _cross_site()
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and site == "same-origin"):
        return
    if origin == "null" or urllib.parse.urlsplit(origin).netloc != request.headers.get("host", ""):
        raise _cross_site()


def _cross_site() -> HttpError:
    return HttpError(403, "cross_site", msg("a form of this site can only be sent from this site"))


class SecurityHeaders:
    """Adds the security headers to every response; a nonce per request for the page's own script."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from vendormaturity.render.portfolio import script_hash

        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["nonce"] = nonce
        policy = (
            "default-src 'none'; "
            # this page's own script, and the portfolio page's table script (by its hash: the
            # page is the one `portfolio report` writes, which allows it the same way)
            f"script-src 'nonce-{nonce}' {script_hash()}; "
            "style-src 'unsafe-inline'; "  # the reports' charts are styled inline
            "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'"
        )

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() != b"content-security-policy"
                ]
                headers += [
                    (b"content-security-policy", policy.encode("ascii")),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
