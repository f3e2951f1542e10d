"""What people open elsewhere carries no live formula, no control sequence, one file per name."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

import vendormaturity as vm
from vendormaturity.cli import app
from vendormaturity.sources.outgoing import file_stem, neutral_csv, neutral_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "acme-hosting" / "2026-09-15.toml"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "\\x09=1"),
        ("-2", "-2"),
        ("+3.5", "+3.5"),
        ("ACME", "ACME"),
        ("acme\x1b[2J", "acme\\x1b[2J"),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_neutralised(text: str, shown: str) -> None:
    """OWASP's CSV injection: a leading apostrophe; a signed number stays a number."""
    assert shown == neutral_text(text)


def test_csv_fields_are_neutralised() -> None:
    assert "name,score\n'=1+1,-2\n" == neutral_csv([{"name": "=1+1", "score": -2}], ["name", "score"])


@given(st.lists(st.text(min_size=1, max_size=30), min_size=2, max_size=6, unique=True))
def test_different_names_get_different_file_names(names: list[str]) -> None:
    stems = [file_stem(name) for name in names]
    assert len(set(stems)) == len(stems)
    assert all(stem and "/" not in stem and stem not in (".", "..") for stem in stems)


def test_an_exported_workbook_holds_no_formula_from_user_text(pulse: vm.Questionnaire) -> None:
    data = vm.export_workbook(
        pulse,
        side="client",
        lang="en",
        relationship='=HYPERLINK("http://x","y")',
        client="@SUM(1)",
        supplier="-2+3",
    )
    book = load_workbook(io.BytesIO(data))
    formulas = [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert [] == formulas
    meta = {row[0]: row[1] for row in book["_vendormaturity"].iter_rows(values_only=True)}
    assert '=HYPERLINK("http://x","y")' == meta["relationship"]  # stored as text, read back as written


def test_names_reach_the_terminal_without_their_control_sequences(tmp_path: Path) -> None:
    named = EXAMPLE.read_text(encoding="utf-8").replace(
        'relationship = "acme-hosting"', 'relationship = "acme\\u001b]8;;http://x\\u0007[/bold]\\u009b31m"'
    )
    path = tmp_path / "2026-09-15.toml"
    path.write_text(named, encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(path)], env={"NO_COLOR": "1"})
    assert 0 == result.exit_code, result.output
    assert "acme\\x1b]8;;http://x" in result.output
    assert "[/bold]\\x9b31m" in result.output
    assert not any(character in result.output for character in "\x1b\x07\x9b")
