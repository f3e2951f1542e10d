"""Pydantic's validation errors as located problems, with a did-you-mean for unknown keys."""

from __future__ import annotations

import re
import typing
import unicodedata
from collections.abc import Callable, Mapping
from typing import Annotated, Any, NamedTuple

import pydantic
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from vendormaturity.errors import Loc, Problem, did_you_mean, format_path, spelled
from vendormaturity.i18n import Message, either, msg, nmsg
from vendormaturity.sources.reader import SourceText

__all__ = ["fields_at", "pydantic_problems"]

_ENUM_REPR = re.compile(r"<\w+\.\w+: ('[^']*')>")
_ALTERNATIVE = re.compile(r"'[^']*'|\"[^\"]*\"|[^\s,]+")


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
    "bool_type": msg("true or false"),
    "bool_parsing": msg("true or false"),
    "int_type": msg("an integer"),
    "int_parsing": msg("an integer"),
    "int_from_float": msg("an integer"),
    "float_type": msg("a number"),
    "float_parsing": msg("a number"),
    "string_type": msg("a string"),
    "list_type": msg("a list"),
    "dict_type": msg("a table"),
    "model_type": msg("a table"),
    "model_attributes_type": msg("a table"),
}
_WRONG_KIND = {*_EXPECTED, "literal_error", "enum"}


def _number(value: Any) -> str:
    """A bound as pydantic writes it: ``0`` for ``0.0``, ``0.5`` for ``0.5``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Pydantic's messages for the constraints of the file formats, in the catalogue's words: each
# gives the same English as pydantic (checked where it is used) and a translation.
_PYDANTIC: dict[str, Callable[[dict[str, Any]], Message]] = {
    "greater_than": lambda ctx: msg("input should be greater than {limit}", limit=_number(ctx["gt"])),
    "greater_than_equal": lambda ctx: msg(
        "input should be greater than or equal to {limit}", limit=_number(ctx["ge"])
    ),
    "less_than": lambda ctx: msg("input should be less than {limit}", limit=_number(ctx["lt"])),
    "less_than_equal": lambda ctx: msg(
        "input should be less than or equal to {limit}", limit=_number(ctx["le"])
    ),
    "string_too_short": lambda ctx: nmsg(
        "string should have at least {count} character",
        "string should have at least {count} characters",
        ctx["min_length"],
    ),
    "string_too_long": lambda ctx: nmsg(
        "string should have at most {count} character",
        "string should have at most {count} characters",
        ctx["max_length"],
    ),
    "too_short": lambda ctx: nmsg(
        "list should have at least {count} item after validation, not {actual}",
        "list should have at least {count} items after validation, not {actual}",
        ctx["min_length"],
        actual=ctx["actual_length"],
    ),
    "too_long": lambda ctx: nmsg(
        "list should have at most {count} item after validation, not {actual}",
        "list should have at most {count} items after validation, not {actual}",
        ctx["max_length"],
        actual=ctx["actual_length"],
    ),
    "string_pattern_mismatch": lambda ctx: msg(
        "string should match pattern '{pattern}'", pattern=ctx["pattern"]
    ),
    "literal_error": lambda ctx: msg("input should be {expected}", expected=_alternatives(ctx["expected"])),
    "enum": lambda ctx: msg("input should be {expected}", expected=_alternatives(ctx["expected"])),
    "finite_number": lambda ctx: msg("input should be a finite number"),
    "bool_type": lambda ctx: msg("input should be a valid boolean"),
    "bool_parsing": lambda ctx: msg("input should be a valid boolean, unable to interpret input"),
    "int_type": lambda ctx: msg("input should be a valid integer"),
    "int_parsing": lambda ctx: msg("input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": lambda ctx: msg("input should be a valid integer, got a number with a fractional part"),
    "float_type": lambda ctx: msg("input should be a valid number"),
    "float_parsing": lambda ctx: msg("input should be a valid number, unable to parse string as a number"),
    "string_type": lambda ctx: msg("input should be a valid string"),
    "list_type": lambda ctx: msg("input should be a valid list"),
    "dict_type": lambda ctx: msg("input should be a valid dictionary"),
    "date_type": lambda ctx: msg("input should be a valid date"),
    "date_parsing": lambda ctx: msg(
        "input should be a valid date in the format YYYY-MM-DD, {detail}", detail=ctx["error"]
    ),
    "date_from_datetime_parsing": lambda ctx: msg(
        "input should be a valid date or datetime, {detail}", detail=ctx["error"]
    ),
    "date_from_datetime_inexact": lambda ctx: msg(
        "datetimes provided to dates should have zero time - e.g. be exact dates"
    ),
}


def _alternatives(expected: str) -> Message:
    """Pydantic's ``'a', 'b' or 'c'`` (the values allowed) with the catalogue's word for "or"."""
    expected = _ENUM_REPR.sub(r"\1", expected)
    values = _ALTERNATIVE.findall(expected)
    if len(values) >= 3 and values[-2] == "or":
        del values[-2]
    alternatives = either([_verbatim(value) for value in values]) if values else _verbatim(expected)
    return alternatives if alternatives == expected else _verbatim(expected)


def _verbatim(text: str) -> Message:
    """*text* as a message that is the same in every language (a value, quoted as given)."""
    return Message(text, {})


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


def _messages(errors: list[_Error], depth: int, known_fields: Any) -> list[tuple[Loc, Message]]:
    """Each error's message, taking the errors of one union (the *depth*-th nested) together."""
    groups: dict[Loc | int, list[_Error]] = {}
    for index, error in enumerate(errors):
        key = error.loc[: error.unions[depth]] if depth < len(error.unions) else index
        groups.setdefault(key, []).append(error)
    found: list[tuple[Loc, Message]] = []
    for key, group in groups.items():
        if isinstance(key, int):
            found.extend((error.loc, _message(error.item, error.loc, known_fields)) for error in group)
        else:
            found.extend(_union_messages(group, key, depth, known_fields))
    return found


def _union_messages(
    errors: list[_Error], path: Loc, depth: int, known_fields: Any
) -> list[tuple[Loc, Message]]:
    """The problems of the union members the value has the kind of; if none, what is expected."""
    wrong_kind: list[_Error] = []
    others: list[_Error] = []
    for error in errors:
        (wrong_kind if error.loc == path and error.item["type"] in _WRONG_KIND else others).append(error)
    if others or len(wrong_kind) == 1:
        return _messages(others or wrong_kind, depth + 1, known_fields)
    expected = list(dict.fromkeys(_expected(error.item) for error in wrong_kind))
    if "a number" in expected and "an integer" in expected:
        expected.remove(_EXPECTED["int_type"])
    given = wrong_kind[0].item.get("input")
    wanted = either(expected)
    if isinstance(given, dict | list):
        return [(path, msg("input should be {expected}", expected=wanted))]
    return [(path, msg("input should be {expected}, got {value}", expected=wanted, value=spelled(given)))]


def _expected(item: ErrorDetails) -> Message:
    return _EXPECTED.get(item["type"]) or _alternatives(item.get("ctx", {}).get("expected", ""))


def _message(item: ErrorDetails, loc: Loc, known_fields: Any) -> Message:
    kind = item["type"]
    given = item.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        fields = known_fields(loc[:-1])
        hint = did_you_mean(key, fields)
        if fields and not hint:
            return msg("unknown key '{key}'; allowed keys: {keys}", key=key, keys=", ".join(sorted(fields)))
        return msg("unknown key '{key}'{hint}", key=key, hint=hint)
    if kind == "missing":
        return msg("required key is missing")
    if kind == "value_error":
        error = item.get("ctx", {}).get("error")
        if isinstance(error, ValueError) and len(error.args) == 1 and isinstance(error.args[0], Message):
            return error.args[0]  # one of the models' own checks, already a message
    text = _pydantic_text(item)
    if kind == "string_pattern_mismatch" and isinstance(given, str) and not given.isascii():
        # a look-alike letter (Cyrillic 'а' for Latin 'a') is invisible in the repr: name it
        odd = next(character for character in given if not character.isascii())
        return msg(
            "{problem}, got {value}, whose U+{code:04X} ({character}) is not an ASCII character",
            problem=text,
            value=spelled(given),
            code=ord(odd),
            character=unicodedata.name(odd, "unnamed"),
        )
    if kind == "value_error" or isinstance(given, dict | list):
        return text
    return msg("{problem}, got {value}", problem=text, value=spelled(given))


def _pydantic_text(item: ErrorDetails) -> Message:
    """Pydantic's message for *item*, from the catalogue where it is known there."""
    text = item["msg"]
    text = text[0].lower() + text[1:] if text else text
    text = text.replace("value error, ", "")
    text = _ENUM_REPR.sub(r"\1", text)  # <Phase.NORMING: 'norming'> reads 'norming'
    make = _PYDANTIC.get(item["type"])
    if make is not None:
        try:
            known = make(item.get("ctx") or {})
        except (KeyError, TypeError):  # pragma: no cover - a context another pydantic version names otherwise
            known = None
        if known is not None and known == text:
            return known
    return _verbatim(text)  # pydantic's own words, in English
