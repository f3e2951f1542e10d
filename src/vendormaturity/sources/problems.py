"""Pydantic's validation errors as located problems, with a did-you-mean for unknown keys."""

from __future__ import annotations

import re
import typing
import unicodedata
from collections.abc import Mapping
from typing import Annotated, Any, NamedTuple

import pydantic
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from vendormaturity.errors import Loc, Problem, did_you_mean, format_path, spelled
from vendormaturity.sources.reader import SourceText

__all__ = ["fields_at", "pydantic_problems"]

_ENUM_REPR = re.compile(r"<\w+\.\w+: ('[^']*')>")


def fields_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model at *loc* under *root* accepts, for a did-you-mean on unknown keys.

    A key of a table of entries (``sources.<name>`` typed ``dict[str, Source]``) names an
    entry, not a field: the walk goes on with the entries' model.
    """
    node: Any = root
    for part in loc:
        if isinstance(part, int) or node is None:
            continue
        entries = _dict_values(node)
        if entries is not None:
            node = entries
            continue
        model = _model_of(node)
        field = model.model_fields.get(part) if model is not None else None
        node = field.annotation if field is not None else None
    model = _model_of(node) if node is not None else None
    return list(model.model_fields) if model is not None else []


def _dict_values(annotation: Any) -> Any:
    """The type of the values when *annotation* is a table (``dict``, possibly annotated), else None."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _dict_values(typing.get_args(annotation)[0])
    if origin is dict:
        return typing.get_args(annotation)[1]
    return None


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_of(argument)
        if found is not None:
            return found
    metadata = getattr(annotation, "__origin__", None)
    return _model_of(metadata) if metadata not in (None, list, dict, tuple) else None


class _Error(NamedTuple):
    item: ErrorDetails
    loc: Loc  # the path in the document, without pydantic's union-member tags
    unions: tuple[int, ...]  # where each dropped tag stood: the length of the path before it


# error kinds that mean "not this kind of value" (for a union: not this member), and how to say so
_EXPECTED = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "a string",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}
_WRONG_KIND = {*_EXPECTED, "literal_error", "enum"}


def pydantic_problems(
    error: pydantic.ValidationError, document: Any, source: SourceText | None, root: type[BaseModel]
) -> list[Problem]:
    """Turn pydantic's errors into located problems with a did-you-mean for unknown keys.

    *root* is the model *document* was validated as. A value that fits no member of a union
    (``int | float | str``) gets one error per member from pydantic; those become one
    problem at the value's own path.
    """
    errors = [_located(item, document) for item in error.errors(include_url=False)]

    def known_fields(loc: Loc) -> list[str]:
        return fields_at(root, loc)

    return [
        Problem(
            message,
            path=format_path(document, loc),
            file=source.name if source else None,
            line=source.locator.line(loc) if source else None,
        )
        for loc, message in _messages(errors, 0, known_fields)
    ]


def _located(item: ErrorDetails, document: Any) -> _Error:
    """Split pydantic's location into the document path and the union-member tags within it.

    A tag (``int``, ``str``, ``list[Band]``...) names the member of a union that was tried;
    it is no key of the document, so walking the document tells the two apart.
    """
    parts = item["loc"]
    loc: list[str | int] = []
    unions: list[int] = []
    node: Any = document
    for position, part in enumerate(parts):
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and -len(node) <= part < len(node) else None
            loc.append(part)
        elif isinstance(node, Mapping) and part in node:
            node = node[part]
            loc.append(part)
        elif item["type"] == "missing" and position == len(parts) - 1:
            loc.append(part)  # the key that should be there
        else:
            unions.append(len(loc))
    return _Error(item, tuple(loc), tuple(unions))


def _messages(errors: list[_Error], depth: int, known_fields: Any) -> list[tuple[Loc, str]]:
    """Each error's message, taking the errors of one union (the *depth*-th nested) together."""
    groups: dict[Loc | int, list[_Error]] = {}
    for index, error in enumerate(errors):
        key = error.loc[: error.unions[depth]] if depth < len(error.unions) else index
        groups.setdefault(key, []).append(error)
    found: list[tuple[Loc, str]] = []
    for key, group in groups.items():
        if isinstance(key, int):
            found.extend((error.loc, _message(error.item, error.loc, known_fields)) for error in group)
        else:
            found.extend(_union_messages(group, key, depth, known_fields))
    return found


def _union_messages(errors: list[_Error], path: Loc, depth: int, known_fields: Any) -> list[tuple[Loc, str]]:
    """The problems of the union members the value has the kind of; if none, what is expected."""
    wrong_kind: list[_Error] = []
    others: list[_Error] = []
    for error in errors:
        (wrong_kind if error.loc == path and error.item["type"] in _WRONG_KIND else others).append(error)
    if others or len(wrong_kind) == 1:
        return _messages(others or wrong_kind, depth + 1, known_fields)
    expected = list(dict.fromkeys(_expected(error.item) for error in wrong_kind))
    if "a number" in expected and "an integer" in expected:
        expected.remove("an integer")
    either = expected[-1] if len(expected) == 1 else f"{', '.join(expected[:-1])} or {expected[-1]}"
    return [(path, f"input should be {either}{_got(wrong_kind[0].item.get('input'))}")]


def _expected(item: ErrorDetails) -> str:
    return _EXPECTED.get(item["type"]) or _ENUM_REPR.sub(r"\1", item["msg"].removeprefix("Input should be "))


def _got(given: Any) -> str:
    return "" if isinstance(given, dict | list) else f", got {spelled(given)}"


def _message(item: ErrorDetails, loc: Loc, known_fields: Any) -> str:
    kind = item["type"]
    given = item.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        fields = known_fields(loc[:-1])
        hint = did_you_mean(key, fields)
        allowed = f"; allowed keys: {', '.join(sorted(fields))}" if fields and not hint else ""
        return f"unknown key '{key}'{hint}{allowed}"
    if kind == "missing":
        return "required key is missing"
    text = item["msg"]
    text = text[0].lower() + text[1:] if text else text
    text = text.replace("value error, ", "")
    text = _ENUM_REPR.sub(r"\1", text)  # <Phase.NORMING: 'norming'> reads 'norming'
    if kind == "value_error":
        return text
    if kind == "string_pattern_mismatch" and isinstance(given, str) and not given.isascii():
        # a look-alike letter (Cyrillic 'а' for Latin 'a') is invisible in the repr: name it
        odd = next(character for character in given if not character.isascii())
        name = unicodedata.name(odd, "unnamed")
        return f"{text}, got {spelled(given)}, whose U+{ord(odd):04X} ({name}) is not an ASCII character"
    return f"{text}{_got(given)}"
