"""Reading data files at the edge: TOML/JSON parsing, line location, limits.

Every file the library reads goes through :func:`read_source` and :func:`read_document`,
which refuse what no real file needs (huge files, very long lines) before parsing, and
turn every failure into a located :class:`~vendormaturity.errors.Problem`.
"""

from __future__ import annotations

import itertools
import json
import json.decoder
import json.scanner
import math
import os
import re
import stat
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vendormaturity.errors import Loc, NotFoundError, Problem, ValidationError, format_path, spelled
from vendormaturity.i18n import Message, msg

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_KEY_CHARS",
    "MAX_KEY_PARTS",
    "MAX_LINE_CHARS",
    "Locator",
    "SourceText",
    "check_document",
    "decode_text",
    "read_bytes",
    "read_document",
    "read_parsed",
    "read_source",
]

MAX_LINE_CHARS = 20_000  # a long comment or label fits; a pathological dotted key does not
MAX_FILE_BYTES = 5_000_000  # far above any real questionnaire or response set
MAX_DEPTH = 32  # tables and lists within each other; the formats need 6
MAX_KEY_PARTS = 32  # parts of a dotted TOML key
MAX_KEY_CHARS = 200  # an id is at most 64; a quoted key or a comment key stays well below
_LONG = 512  # lines longer than this are looked at before parsing
_JSON_OBJECT = json.decoder.JSONObject  # type: ignore[attr-defined]  # (untyped in typeshed)

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\[\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class SourceText:
    """The text of a data file and its name as shown in messages."""

    def __init__(self, text: str, name: str, kind: str) -> None:
        self.text = text
        self.name = name
        self.kind = kind  # "toml" or "json"
        self.checked = False  # True once read_document has checked the parsed document's shape
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
        raise NotFoundError(Problem(msg("no such file"), file=name).as_message()) from None
    except OSError as error:
        return Problem(_unreadable(error), file=name)
    if not stat.S_ISREG(status.st_mode):
        return Problem(_not_a_file(status.st_mode), file=name)
    if status.st_size > limit:
        return Problem(
            msg("file is {size} bytes, the limit is {limit}", size=status.st_size, limit=limit), file=name
        )
    try:
        # O_NONBLOCK: should the path have become a pipe since the check, opening it must not hang
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return Problem(msg("is not a regular file; give a file"), file=name)
            data = stream.read(limit + 1)
    except OSError as error:
        return Problem(_unreadable(error), file=name)
    if len(data) > limit:
        return Problem(msg("file is over the limit of {limit} bytes", limit=limit), file=name)
    return data


def _unreadable(error: OSError) -> Message:
    # the system's own words for why (permission denied...), as it gives them
    return msg("cannot read the file: {reason}", reason=error.strerror or error)


def _not_a_file(mode: int) -> Message:
    if stat.S_ISDIR(mode):
        return msg("is a folder, not a regular file; give a file")
    if stat.S_ISFIFO(mode):
        return msg("is a named pipe, not a regular file; give a file")
    if stat.S_ISSOCK(mode):
        return msg("is a socket, not a regular file; give a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("is a device, not a regular file; give a file")
    return msg("is not a file, not a regular file; give a file")


def decode_text(data: bytes, name: str) -> str | Problem:
    """*data* as UTF-8 text (a byte-order mark is dropped), or the located decoding problem."""
    if b"\x00" in data:
        return Problem(msg("file is binary, not a text file"), file=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = msg("file is not valid UTF-8 (byte {position}); save it as UTF-8", position=error.start)
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
        return Problem(msg("file is binary, not a text TOML or JSON file"), file=name)
    text = decode_text(data, name)
    if isinstance(text, Problem):
        return text
    kind = "json" if path.suffix.lower() == ".json" else "toml"
    return SourceText(text, name, kind)


def read_parsed(
    path: str | Path, error: type[ValidationError] = ValidationError
) -> tuple[SourceText, dict[str, Any]]:
    """Read and parse a TOML or JSON file; raise *error* with the located problem if it cannot be."""
    read = read_source(path)
    if isinstance(read, Problem):
        raise error([read])
    document = read_document(read)
    if isinstance(document, Problem):
        raise error([document])
    return read, document


def read_document(source: SourceText) -> dict[str, Any] | Problem:
    """Parse TOML or JSON into a table, or return the located problem.

    Guards stand before and after the parser: very long lines and dotted keys of many
    parts are refused before parsing (tomllib takes quadratic time on them), nesting too
    deep for the parser is reported as such, and the parsed document is checked for its
    depth and key lengths in one linear pass. A JSON object with a key twice is refused,
    as TOML does.
    """
    if not source.text.strip():
        return Problem(msg("file is empty"), file=source.name)
    document = _read_json(source) if source.kind == "json" else _read_toml(source)
    if isinstance(document, Problem):
        return document
    return check_document(document, source) or document


def _read_toml(source: SourceText) -> dict[str, Any] | Problem:
    refused = _refuse_before_parsing(source)
    if refused is not None:
        return refused
    try:
        return tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as error:
        separator = _csv_separator(source.text)
        if separator is not None:
            message = msg(
                "this looks like CSV (columns separated by {separator}), not TOML; to read answers"
                " from a spreadsheet or a survey export, use `vendormaturity import`",
                separator=repr(separator),
            )
            return Problem(message, file=source.name, line=1)
        said = str(error)
        match = _TOML_POSITION.search(said)
        line = int(match.group(1)) if match else None
        detail = _TOML_POSITION.sub("", said).strip()
        # the parser's own words for what is wrong
        return Problem(msg("TOML syntax error: {detail}", detail=detail), file=source.name, line=line)
    except RecursionError:
        return Problem(_too_deep(), file=source.name)
    except ValueError as error:  # not a TOMLDecodeError: an integer of more than 4300 digits
        return Problem(msg("TOML value error: {detail}", detail=_detail(error)), file=source.name)


def _csv_separator(text: str) -> str | None:
    """The separator of *text* if its first lines read as a table of two or more columns.

    TOML lines hold ``=`` or a ``[header]``; a CSV saved from a spreadsheet or a survey
    tool has the same number of separators on its first lines and neither of those.
    """
    lines = [line for line in text.splitlines()[:5] if line.strip()]
    if not lines or lines[0].lstrip().startswith(("[", "#")) or "=" in lines[0]:
        return None
    for separator in (";", ",", "\t"):
        counts = {line.count(separator) for line in lines}
        if len(counts) == 1 and counts.pop() >= 1:
            return separator
    return None


def _refuse_before_parsing(source: SourceText) -> Problem | None:
    """A line too long, or a dotted key of too many parts, located by its line."""
    text = source.text
    if len(text) <= _LONG:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) <= _LONG:
            continue
        if len(line) > MAX_LINE_CHARS:
            return Problem(
                msg("line is longer than {limit} characters; no data file needs that", limit=MAX_LINE_CHARS),
                file=source.name,
                line=number,
            )
        key = line if line.lstrip().startswith("[") else line.split("=", 1)[0]
        parts = key.count(".") + 1
        if parts > MAX_KEY_PARTS:
            return Problem(
                msg("a dotted key of {parts} parts; the limit is {limit}", parts=parts, limit=MAX_KEY_PARTS),
                file=source.name,
                line=number,
            )
    return None


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str, start: int | None = None) -> None:
        super().__init__(key)
        self.key = key
        self.start = start  # where the object holding it starts, once known


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return document


def _refuse_constant(name: str) -> Any:
    raise ValueError(msg("{constant} is not allowed", constant=name))


def _read_json(source: SourceText) -> dict[str, Any] | Problem:
    try:
        document = json.loads(source.text, parse_constant=_refuse_constant, object_pairs_hook=_unique_pairs)
    except _DuplicateKeyError as duplicate:
        key, line = duplicate.key, _duplicate_line(source.text, duplicate.key)
        message = msg("key {key} appears twice in one object; keep one", key=spelled(key))
        return Problem(message, file=source.name, line=line)
    except json.JSONDecodeError as error:
        return Problem(
            msg("JSON syntax error: {detail}", detail=error.msg), file=source.name, line=error.lineno
        )
    except RecursionError:
        return Problem(_too_deep(), file=source.name)
    except ValueError as error:
        return Problem(msg("JSON value error: {detail}", detail=_detail(error)), file=source.name)
    if not isinstance(document, dict):
        return Problem(msg("a JSON file must hold an object at the top"), file=source.name)
    return document


def _too_deep() -> Message:
    return msg("nesting is deeper than {limit} levels; no data file needs that", limit=MAX_DEPTH)


def _detail(error: ValueError) -> object:
    """What a value error says: one of ours (a message), or Python's own words."""
    return error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Message) else error


def _duplicate_line(text: str, key: str) -> int | None:
    """The line of the second occurrence of *key* in the object that holds it twice.

    Parsed again with the pure-Python scanner, which tells where each object starts; this
    runs only when a duplicate was found, so the fast parser serves every valid file.
    """
    decoder = json.JSONDecoder(object_pairs_hook=_unique_pairs)

    def parse_object(state: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[dict[str, Any], int]:
        try:
            return _JSON_OBJECT(state, *args, **kwargs)  # type: ignore[no-any-return]
        except _DuplicateKeyError as duplicate:
            if duplicate.start is None:
                duplicate.start = state[1]
            raise

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _DuplicateKeyError as duplicate:
        if duplicate.start is not None:
            quoted = re.compile(re.escape(json.dumps(key)) + r"\s*:")
            found = list(itertools.islice(quoted.finditer(text, duplicate.start), 2))
            if len(found) == 2:
                return text.count("\n", 0, found[1].start()) + 1
    except (ValueError, RecursionError):
        pass
    return None


def check_document(document: dict[str, Any], source: SourceText) -> Problem | None:
    """The first table or list nested deeper than MAX_DEPTH, key longer than MAX_KEY_CHARS, or
    NaN or infinity (which no format of the library takes), if any, located.

    One pass over the containers, each read in bulk (its longest key, its containers, its
    floats) and no path kept: the path of a problem is looked for only when there is one.
    A document read here needs no other walk for NaN.
    """
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        values: list[Any] = list(value.values()) if isinstance(value, dict) else value
        if type(value) is dict and value and max(map(len, value)) > MAX_KEY_CHARS:
            key = max(value, key=len)
            message = msg(
                "key is {length} characters long; the limit is {limit}", length=len(key), limit=MAX_KEY_CHARS
            )
            return _located(source, (*_path_to(document, value), key), message)
        kinds = set(map(type, values))  # most containers hold one or two kinds of value
        odd = _non_finite(values) if float in kinds else None
        if odd is not None:
            loc = _path_to(document, odd)
            line = source.locator.line(loc)
            return Problem(
                msg("NaN and infinity are not allowed"),
                path=format_path(document, loc),
                file=source.name,
                line=line,
            )
        children = (
            [item for item in values if type(item) is dict or type(item) is list]
            if (dict in kinds or list in kinds)
            else None
        )
        if children:
            if depth >= MAX_DEPTH:
                message = _too_deep()
                return _located(source, _path_to(document, children[0]), message)
            stack.extend((child, depth + 1) for child in children)
    source.checked = True
    return None


def _non_finite(values: list[Any]) -> float | None:
    """The first NaN or infinity among *values*, if any: their sum, done in C, tells whether to look."""
    floats = [item for item in values if type(item) is float]
    try:
        if math.isfinite(math.fsum(floats)):
            return None
    except OverflowError:
        pass  # finite values whose sum overflows: look at each
    return next((item for item in floats if not math.isfinite(item)), None)


def _path_to(document: Any, target: Any) -> Loc:
    """The data path of *target* (found by identity) in *document*; () for the document itself."""
    stack: list[tuple[Any, Loc]] = [(document, ())]
    while stack:
        value, loc = stack.pop()
        if value is target:
            return loc
        if isinstance(value, dict):
            stack.extend((child, (*loc, str(key))) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*loc, index)) for index, child in enumerate(value))
    return ()  # pragma: no cover - the target was found in this document


def _located(source: SourceText, loc: Loc, message: Message) -> Problem:
    # a path of a thousand parts, or a key of a thousand characters, helps nobody
    shown = tuple(part[:24] + "…" if isinstance(part, str) and len(part) > 24 else part for part in loc[:4])
    path = format_path(None, shown) + ("…" if len(loc) > 4 else "")
    return Problem(message, path=path, file=source.name, line=source.locator.line(loc[:8]))


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
                after = position + len(chain)
                if after < len(parts) and isinstance(parts[after], int) and len(chain) == 1:
                    # an element of an inline array: `followup = [ {…}, {…} ]` over several lines
                    item = self._inline_item_line(key_line, int(parts[after]))
                    return (item if item is not None else key_line) + 1
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

    def _inline_item_line(self, line: int, index: int) -> int | None:
        """The line where element *index* of the inline array assigned on *line* starts."""
        depth, count, expect, quote = 0, -1, False, ""
        for number in range(line, len(self.lines)):
            text = self.lines[number]
            position = text.index("=") + 1 if number == line and "=" in text else 0
            while position < len(text):
                character = text[position]
                position += 1
                if quote:
                    if character == "\\" and quote == '"':
                        position += 1
                    elif character == quote:
                        quote = ""
                    continue
                if character == "#":
                    break
                if character.isspace():
                    continue
                if depth == 1 and expect and character != "]":
                    count, expect = count + 1, False
                    if count == index:
                        return number
                if character in "\"'":
                    quote = character
                elif character in "[{":
                    depth += 1
                    expect = depth == 1
                elif character in "]}":
                    depth -= 1
                    if depth <= 0:
                        return None
                elif character == "," and depth == 1:
                    expect = True
        return None

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
