"""Reading data files at the edge: TOML/JSON parsing, line location, limits.

Every file the library reads goes through :func:`read_source` and :func:`read_document`,
which refuse what no real file needs (huge files, very long lines) before parsing, and
turn every failure into a located :class:`~vendormaturity.errors.Problem`.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from vendormaturity.errors import Loc, NotFoundError, Problem

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LINE_CHARS",
    "Locator",
    "SourceText",
    "decode_text",
    "find_non_finite",
    "read_bytes",
    "read_document",
    "read_source",
]

MAX_LINE_CHARS = 20_000  # a long comment or label fits; a pathological dotted key does not
MAX_FILE_BYTES = 5_000_000  # far above any real questionnaire or response set

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\[\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class SourceText:
    """The text of a data file and its name as shown in messages."""

    def __init__(self, text: str, name: str, kind: str) -> None:
        self.text = text
        self.name = name
        self.kind = kind  # "toml" or "json"
        self._locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text) if self.kind == "toml" else Locator("")
        return self._locator


def read_bytes(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> bytes | Problem:
    """The bytes of a regular file of at most *limit* bytes, or why they cannot be read.

    Only a regular file is read: a device (``/dev/zero``), a named pipe, a socket or a
    folder gets a clear problem instead of an endless or blocking read. The size is
    checked before reading, and the read itself stops at the limit, so a file that grows
    meanwhile is refused too. Raises :class:`NotFoundError` when nothing is at *path*.
    """
    path = Path(path)
    name = str(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise NotFoundError(f"{name}: no such file") from None
    except OSError as error:
        return Problem(f"cannot read the file: {error.strerror or error}", file=name)
    if not stat.S_ISREG(status.st_mode):
        return Problem(f"is {_kind_of_node(status.st_mode)}, not a regular file; give a file", file=name)
    if status.st_size > limit:
        return Problem(f"file is {status.st_size} bytes, the limit is {limit}", file=name)
    try:
        # O_NONBLOCK: should the path have become a pipe since the check, opening it must not hang
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return Problem("is not a regular file; give a file", file=name)
            data = stream.read(limit + 1)
    except OSError as error:
        return Problem(f"cannot read the file: {error.strerror or error}", file=name)
    if len(data) > limit:
        return Problem(f"file is over the limit of {limit} bytes", file=name)
    return data


def _kind_of_node(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def decode_text(data: bytes, name: str) -> str | Problem:
    """*data* as UTF-8 text (a byte-order mark is dropped), or the located decoding problem."""
    if b"\x00" in data:
        return Problem("file is binary, not a text file", file=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"file is not valid UTF-8 (byte {error.start}); save it as UTF-8"
        return Problem(message, file=name, line=line)
    return text.removeprefix("\ufeff")


def read_source(path: str | Path) -> SourceText | Problem:
    """Read a TOML or JSON file as text, or say precisely why it cannot be read."""
    path = Path(path)
    name = str(path)
    data = read_bytes(path)
    if isinstance(data, Problem):
        return data
    if b"\x00" in data:
        return Problem("file is binary, not a text TOML or JSON file", file=name)
    text = decode_text(data, name)
    if isinstance(text, Problem):
        return text
    kind = "json" if path.suffix.lower() == ".json" else "toml"
    return SourceText(text, name, kind)


def read_document(source: SourceText) -> dict[str, Any] | Problem:
    """Parse TOML or JSON into a table, or return the located syntax problem."""
    if not source.text.strip():
        return Problem("file is empty", file=source.name)
    if source.kind == "json":
        return _read_json(source)
    long_line = _first_long_line(source.text)
    if long_line is not None:
        # tomllib slows down quadratically on very long dotted keys: refuse before parsing
        return Problem(
            f"line is longer than {MAX_LINE_CHARS} characters; no questionnaire or response file needs that",
            file=source.name,
            line=long_line,
        )
    try:
        return tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match else None
        detail = _TOML_POSITION.sub("", message).strip()
        return Problem(f"TOML syntax error: {detail}", file=source.name, line=line)
    except RecursionError:
        return Problem("TOML nesting is too deep", file=source.name)
    except ValueError as error:  # not a TOMLDecodeError: an integer of more than 4300 digits
        return Problem(f"TOML value error: {error}", file=source.name)


def _first_long_line(text: str) -> int | None:
    if len(text) <= MAX_LINE_CHARS:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            return number
    return None


def _read_json(source: SourceText) -> dict[str, Any] | Problem:
    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not allowed")

    try:
        document = json.loads(source.text, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        return Problem(f"JSON syntax error: {error.msg}", file=source.name, line=error.lineno)
    except (ValueError, RecursionError) as error:
        return Problem(f"JSON value error: {error}", file=source.name)
    if not isinstance(document, dict):
        return Problem("a JSON file must hold an object at the top", file=source.name)
    return document


def find_non_finite(value: Any, loc: Loc = ()) -> Loc | None:
    """The location of the first NaN or infinity in a parsed document, if any."""
    # An explicit stack, not recursion: a TOML header such as [a.b.c…] nests thousands deep.
    # Each entry links to its parent, so the path is only built for the value found.
    stack: list[tuple[Any, Any, Any]] = [(value, None, None)]  # (value, key, parent entry)
    while stack:
        entry = stack.pop()
        item = entry[0]
        if isinstance(item, float) and not math.isfinite(item):
            parts: list[str | int] = []
            while entry[2] is not None:
                parts.append(entry[1])
                entry = entry[2]
            return (*loc, *reversed(parts))
        if isinstance(item, Mapping):
            stack.extend(reversed([(child, str(key), entry) for key, child in item.items()]))
        elif isinstance(item, list):
            stack.extend(reversed([(child, index, entry) for index, child in enumerate(item)]))
    return None


class Locator:
    """Finds the line of a data path in TOML text, by reading table headers and keys.

    tomllib does not report positions; this scan is enough to point a person at the
    right line for the paths our files use (arrays of tables, tables, keys).
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str, bool]] = []  # (line index, dotted name, is array)
        for index, line in enumerate(self.lines):
            match = _ARRAY_HEADER.match(line)
            if match:
                self.headers.append((index, _clean(match.group(1)), True))
                continue
            match = _TABLE_HEADER.match(line)
            if match:
                self.headers.append((index, _clean(match.group(1)), False))

    def line(self, loc: Sequence[str | int]) -> int | None:
        if not self.lines:
            return None
        start, end = 0, len(self.lines)
        prefix = ""
        best: int | None = None
        parts = list(loc)
        position = 0
        while position < len(parts):
            part = parts[position]
            if isinstance(part, int):
                position += 1
                continue
            dotted = prefix + part
            following = parts[position + 1] if position + 1 < len(parts) else None
            # an array named last (``phase_rules``) points at its first element
            region = self._array_region(dotted, 0 if following is None else following, start, end)
            if region is None:
                region = self._table_region(dotted, start, end)
            if region is not None:
                start, end = region
                best = start + 1
                prefix = dotted + "."
                position += 2 if isinstance(following, int) else 1
                continue
            chain = [
                str(item)
                for item in itertools.takewhile(lambda item: isinstance(item, str), parts[position:])
            ]
            key_line = self._key_line(chain, start, end)
            if key_line is not None:
                return key_line + 1
            if any(h[1].startswith(dotted + ".") for h in self.headers if start <= h[0] < end):
                prefix = dotted + "."  # a table only named by deeper headers: [sources.tickets]
                position += 1
                continue
            return best
        return best

    def _array_region(
        self, dotted: str, index: str | int | None, start: int, end: int
    ) -> tuple[int, int] | None:
        if not isinstance(index, int):
            return None
        found = [h for h in self.headers if h[2] and h[1] == dotted and start <= h[0] < end]
        if not found or not 0 <= index < len(found):
            return None
        line = found[index][0]
        return line, self._region_end(dotted, line, end)

    def _table_region(self, dotted: str, start: int, end: int) -> tuple[int, int] | None:
        for line, name, is_array in self.headers:
            if not is_array and name == dotted and start <= line < end:
                return line, self._region_end(dotted, line, end)
        return None

    def _region_end(self, dotted: str, line: int, end: int) -> int:
        for other, name, _ in self.headers:
            if line < other < end and not name.startswith(dotted + "."):
                return other
        return end

    def _key_line(self, chain: Sequence[str], start: int, end: int) -> int | None:
        """The line of the key *chain[0]*, or of the dotted key ``a.b = …`` naming more of *chain*."""
        first_nested = next((h[0] for h in self.headers if start < h[0] < end), end)
        for length in range(len(chain), 1, -1):
            dotted = r"\s*\.\s*".join(_key_pattern(key) for key in chain[:length])
            pattern = re.compile(rf"^\s*{dotted}\s*=")
            for index in range(start, first_nested):
                if pattern.match(self.lines[index]):
                    return index
        key = _key_pattern(chain[0])
        pattern = re.compile(rf"^\s*{key}\s*=")
        inline = re.compile(rf"[{{,]\s*{key}\s*=")
        for index in range(start, first_nested):
            if pattern.match(self.lines[index]):
                return index
        for index in range(start, first_nested):
            if inline.search(self.lines[index]):
                return index
        return None


def _key_pattern(key: str) -> str:
    return f'(?:"{re.escape(key)}"|{re.escape(key)})'


def _clean(name: str) -> str:
    return ".".join(part.strip().strip('"') for part in name.split("."))
