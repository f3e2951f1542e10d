"""The errors vendormaturity raises.

Every error is a :class:`VendorMaturityError`, itself a :class:`ValueError`, so callers
that already guard against bad values keep working. Validation errors carry every
problem found in a file at once, each located by file, line and data path.
"""

from __future__ import annotations

import datetime
import difflib
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from vendormaturity.i18n import SOURCE_LANGUAGE, Message, msg, nmsg, translate

__all__ = [
    "ExpressionError",
    "Loc",
    "NotFoundError",
    "Problem",
    "QuestionnaireError",
    "ResponseError",
    "ValidationError",
    "VendorMaturityError",
    "did_you_mean",
    "format_path",
    "printable",
    "spelled",
]

Loc = tuple[str | int, ...]  # a data path as parts: ("questions", 11, "relevant")


def spelled(value: object) -> str:
    """*value* as a TOML or JSON file spells it: ``true``, ``null``, ``"text"``, ``2.5``.

    Messages about a file's values quote them in the file's own terms, not Python's
    (``True``, ``None``, ``'text'``).
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # control characters stay escaped
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return repr(value)


def printable(text: str, *, lines: bool = False, lang: str = SOURCE_LANGUAGE) -> str:
    """*text* with its invisible characters escaped (``\\x00``, ``\\t``, ``\\u202e``), safe to print.

    A file's values and names reach messages; a NUL, an escape sequence, a carriage return
    or a bidirectional override in them must not reach the terminal as such. With *lines*,
    newlines stay (a message of several lines). A message in another *lang* than English
    keeps its no-break spaces (French typography puts them before a colon).
    """
    if text.isprintable():
        return text
    kept = ("\n" if lines else "") + (_SPACES if lang != SOURCE_LANGUAGE else "")
    return "".join(
        character if character.isprintable() or character in kept else _escaped(character)
        for character in text
    )


# The no-break spaces of French typography (before a colon, inside guillemets): harmless, kept.
_SPACES = "\u00a0\u202f"


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return msg(" (did you mean '{name}'?)", name=close[0]) if close else ""


def format_path(document: Any, loc: Loc) -> str:
    """``questions[id=q12].relevant`` from ``("questions", 11, "relevant")``.

    An item of a list is named by its id (or code, value, action) when it has one, so that
    a message stays right when items are reordered.
    """
    text = ""
    node: Any = document
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and -len(node) <= part < len(node) else None
            key = _identity(item)
            text += f"[{key}]" if key else f"[{part}]"
            node = item
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, Mapping) else None
    return text


def _identity(item: Any) -> str | None:
    if isinstance(item, Mapping):
        for field in ("id", "code", "value", "action"):
            value = item.get(field)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                return f"{field}={value}"
    return None


class VendorMaturityError(ValueError):
    """Base of every error raised by vendormaturity.

    Its message is in English (``str(error)``); :meth:`translated` gives it in another
    language where the message was made translatable (:func:`vendormaturity.i18n.msg`).
    """

    @property
    def message(self) -> str:
        """The message as it was made: a :class:`~vendormaturity.i18n.Message` where it can be
        translated, to pass on as a value of another message."""
        return self.args[0] if len(self.args) == 1 and isinstance(self.args[0], str) else str(self)

    def translated(self, lang: str) -> str:
        """The message in *lang*, its invisible characters escaped."""
        return printable(translate(self.message, lang), lines=True, lang=lang)


@attrs.frozen
class Problem:
    """One located problem: where it is, what is wrong and how to fix it."""

    message: str  # English; a Message (a str) says itself in other languages
    path: str = ""
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        return self.translated("en")

    def translated(self, lang: str) -> str:
        """``file:line: path: message`` with the message in *lang*, safe to print."""
        return printable(self.as_message().translated(lang), lang=lang)

    def as_message(self) -> Message:
        """The whole problem as one message (``file:line: path: message``): a notice, a note."""
        # The location is the same in every language, but for what is said in words (a row, a
        # column, "line 3"): the template is no sentence for the catalogue, its values are.
        template = ""
        values: dict[str, object] = {"file": self.file, "line": self.line, "path": self.path}
        if self.file is not None:
            template = "{file}:{line}: " if self.line is not None else "{file}: "
        elif self.line is not None:
            template, values["line"] = "{line}", msg("line {line}: ", line=self.line)
        template += "{path}: {message}" if self.path else "{message}"
        return Message(template, {**values, "message": self.message})


class ValidationError(VendorMaturityError):
    """A file or a model holds one or more problems; all of them are listed."""

    def __init__(self, problems: Iterable[Problem], *, summary: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.summary = summary
        super().__init__(self.translated("en"))

    def translated(self, lang: str) -> str:
        count = len(self.problems)
        summary = self.summary or nmsg("{count} problem found", "{count} problems found", count)
        head = printable(translate(summary, lang), lines=True, lang=lang)
        return "\n".join([head, *(f"  {problem.translated(lang)}" for problem in self.problems)])


class QuestionnaireError(ValidationError):
    """A questionnaire file is invalid: schema, references, rules or expressions."""


class ResponseError(ValidationError):
    """A response set is invalid, or does not fit its questionnaire."""


class ExpressionError(VendorMaturityError):
    """A rule expression is not allowed, refers to an unknown name, or mistypes a value."""

    def __init__(self, source: str, messages: Iterable[str]) -> None:
        self.source = source
        self.messages: tuple[str, ...] = tuple(messages)
        super().__init__("; ".join(self.messages))

    @property
    def message(self) -> str:
        return self.messages[0] if len(self.messages) == 1 else str(self)

    def translated(self, lang: str) -> str:
        return printable(
            "; ".join(translate(message, lang) for message in self.messages), lines=True, lang=lang
        )


class NotFoundError(VendorMaturityError):
    """A questionnaire id or a file does not exist."""
