"""Request bodies through the guarded reader: its size, depth and key limits, its located problems.

A body is refused by its declared length before a byte is read, and its reading stops at
the limit whatever the client declared; JSON is then parsed as a JSON file is (a key twice,
NaN, nesting too deep, a key too long: each a located problem); a form is read with the
same limits on its fields.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from starlette.requests import Request

from vendormaturity.errors import Problem
from vendormaturity.i18n import msg
from vendormaturity.serve.errors import HttpError
from vendormaturity.sources.reader import (
    MAX_FILE_BYTES,
    MAX_KEY_CHARS,
    SourceText,
    decode_text,
    read_document,
)

__all__ = ["BODY", "MAX_FORM_FIELDS", "read_form", "read_json", "read_limited"]

BODY = "request body"  # how problems name the body, where they name a file
MAX_FORM_FIELDS = 2_000  # a respondent's page has two fields a question


async def read_limited(request: Request, limit: int = MAX_FILE_BYTES) -> bytes:
    """The body, at most *limit* bytes: 413 past it (by the declared length first)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HttpError(400, "bad_length", msg("Content-Length is not a number"))
        if int(declared) > limit:
            raise _too_large(int(declared), limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int) -> HttpError:
    return HttpError(
        413,
        "too_large",
        msg("the request body is {size} bytes or more, the limit is {limit}", size=size, limit=limit),
    )


def _invalid(problem: Problem) -> HttpError:
    return HttpError(422, "invalid", msg("the request body cannot be read"), problems=[problem])


async def read_json(request: Request, limit: int = MAX_FILE_BYTES) -> tuple[SourceText, dict[str, Any]]:
    """The body as a JSON object (and its text), read as the library reads a JSON file."""
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind not in ("application/json", "") and not kind.endswith("+json"):
        raise HttpError(
            415,
            "unsupported_media_type",
            msg("send JSON (Content-Type: application/json), not {kind}", kind=kind),
        )
    data = await read_limited(request, limit)
    text = decode_text(data, BODY)
    if isinstance(text, Problem):
        raise _invalid(text)
    source = SourceText(text, BODY, "json")
    document = read_document(source)
    if isinstance(document, Problem):
        raise _invalid(document)
    return source, document


async def read_form(request: Request, limit: int = MAX_FILE_BYTES) -> dict[str, str]:
    """An HTML form (``application/x-www-form-urlencoded``): the last value of each field."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HttpError(415, "unsupported_media_type", msg("send the page's form as the page sends it"))
    data = await read_limited(request, limit)
    text = decode_text(data, BODY)
    if isinstance(text, Problem):
        raise _invalid(text)
    try:
        pairs = urllib.parse.parse_qsl(
            text, keep_blank_values=True, strict_parsing=False, max_num_fields=MAX_FORM_FIELDS
        )
    except ValueError:
        raise _invalid(
            Problem(msg("more than {limit} fields in one form", limit=MAX_FORM_FIELDS), file=BODY)
        ) from None
    form: dict[str, str] = {}
    for key, value in pairs:
        if len(key) > MAX_KEY_CHARS:
            raise _invalid(
                Problem(
                    msg(
                        "key is {length} characters long; the limit is {limit}",
                        length=len(key),
                        limit=MAX_KEY_CHARS,
                    ),
                    file=BODY,
                )
            )
        form[key] = value
    return form
