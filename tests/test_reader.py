"""The guarded reader: what it refuses before, during and after parsing, each with its location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vendormaturity.errors import NotFoundError, Problem
from vendormaturity.sources.reader import (
    MAX_DEPTH,
    SourceText,
    decode_text,
    read_bytes,
    read_document,
)


def parsed(text: str, kind: str = "toml") -> str:
    """The problem read_document gives for *text*, as printed (tools/replay_hostile.py times them)."""
    document = read_document(SourceText(text, f"f.{kind}", kind))
    assert isinstance(document, Problem)
    return str(document)


def test_a_key_twice_in_a_json_object_is_refused_at_its_line() -> None:
    """JSON keeps the last of two equal keys silently; the reader refuses it, as TOML does."""
    text = '{\n  "facts": {\n    "age_months": 51,\n    "age_months": 2\n  }\n}\n'
    assert 'f.json:4: key "age_months" appears twice in one object; keep one' == parsed(text, "json")


def test_a_repeated_key_in_distinct_objects_is_fine() -> None:
    """The same key in two objects is no duplicate."""
    document = read_document(SourceText('{"a": {"id": 1}, "b": {"id": 2}}', "f.json", "json"))
    assert {"a": {"id": 1}, "b": {"id": 2}} == document


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("x = " + "[" * 600 + "]" * 600, "toml"),
        ('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "json"),
        ("x = " + "[" * 40 + "]" * 40, "toml"),
        ("a = " + "{b = " * 40 + "1" + "}" * 40, "toml"),
    ],
    ids=["toml-600", "json-100000", "toml-40", "toml-inline-40"],
)
def test_deep_nesting_is_refused_without_a_recursion_error(text: str, kind: str) -> None:
    """Nesting deeper than the formats need is a problem, however deep, never a RecursionError."""
    assert f"nesting is deeper than {MAX_DEPTH} levels; no data file needs that" in parsed(text, kind)


def test_nesting_within_the_limit_parses() -> None:
    """Lists nested as deep as the limit allow are read."""
    document = read_document(SourceText("x = " + "[" * 30 + "]" * 30, "f.toml", "toml"))
    assert isinstance(document, dict)


@pytest.mark.parametrize("parts", [40, 9_000, 100_000])
def test_a_dotted_key_of_many_parts_is_refused_in_linear_time(parts: int) -> None:
    """`[a.a.a…]` made tomllib quadratic (100,000 parts took 14 s); refused before parsing."""
    problem = parsed("[" + ".".join(["a"] * parts) + "]\nb = 1\n")
    assert problem.startswith("f.toml")
    assert "dotted key" in problem or "line is longer" in problem or "nesting is deeper" in problem


def test_a_long_key_is_refused_with_a_short_path() -> None:
    """A key of 300 characters is refused; the message shows its start, not all of it."""
    assert "f.toml:1: " + "k" * 24 + "…: key is 300 characters long; the limit is 200" == parsed(
        '"' + "k" * 300 + '" = 1\n'
    )


def test_a_csv_given_as_toml_gets_a_hint() -> None:
    """A spreadsheet export is not a TOML syntax error: the message says what it is and what to use."""
    expected = (
        "f.toml:1: this looks like CSV (columns separated by ';'), not TOML; to read answers from a "
        "spreadsheet or a survey export, use `vendormaturity import`"
    )
    assert expected == parsed("Nom;Q1;Q2\nAïcha;4;5\nBob;3;2\n")


def test_a_toml_syntax_error_that_is_not_csv_keeps_its_message() -> None:
    """An ordinary syntax error is reported as such, with its line."""
    assert "f.toml:2: TOML syntax error: Invalid value" == parsed("a = 1\nb = \n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    """Reading a pipe would wait for a writer for ever; it is refused at once."""
    pipe = tmp_path / "answers.toml"
    os.mkfifo(pipe)
    assert Problem("is a named pipe, not a regular file; give a file", file=str(pipe)) == read_bytes(pipe)


def test_a_device_is_refused_before_reading() -> None:
    """/dev/zero never ends; it is refused from what it is, not read."""
    assert Problem("is a device, not a regular file; give a file", file="/dev/zero") == read_bytes(
        "/dev/zero"
    )


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert Problem("is a folder, not a regular file; give a file", file=str(tmp_path)) == read_bytes(tmp_path)


def test_the_size_is_checked_before_reading(tmp_path: Path) -> None:
    """A file over the limit is refused from its size."""
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 101)
    assert Problem("file is 101 bytes, the limit is 100", file=str(path)) == read_bytes(path, limit=100)


def test_nothing_at_the_path_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such file"):
        read_bytes(tmp_path / "absent.toml")


def test_text_is_decoded_once_with_the_line_of_a_bad_byte() -> None:
    """Invalid UTF-8 is located by line; a byte-order mark is dropped."""
    assert Problem("file is not valid UTF-8 (byte 8); save it as UTF-8", file="f", line=2) == decode_text(
        b"a = 1\nb=\xff\n", "f"
    )
    assert "x = 1\n" == decode_text(b"\xef\xbb\xbfx = 1\n", "f")
