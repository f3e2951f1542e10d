"""Exports shaped as each survey tool writes them import exactly as they were answered.

tests/data/surveys is written by tools/make_survey_samples.py: a form built as the form
mapping says, respondents drawn, each tool's export written in its own layout; the truth
(expected.json) is what was drawn, not what a reader made of the files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vendormaturity as vm
from vendormaturity.cli import app

CORPUS = Path(__file__).resolve().parent / "data" / "surveys"
EXPECTED: dict[str, dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def imported(collected: vm.Collected) -> list[dict[str, Any]]:
    return [
        {"name": person.name, "role": person.role.value, "answers": dict(person.answers)}
        for person in collected.responses.respondents
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_tools_export_imports_as_answered(pulse: vm.Questionnaire, name: str) -> None:
    """The tool told from the file, every answer read as drawn; unfinished responses, previews, tests
    and spam left out, each with a notice at its row."""
    expected = EXPECTED[name]
    mapping = vm.load_form_mapping(CORPUS / expected["mapping"], pulse)
    collected = vm.read_survey_export(pulse, CORPUS / name, mapping=mapping)
    assert expected["respondents"] == imported(collected)
    left = [note for note in collected.notes if "left out" in note]
    assert len(expected["left_out"]) == len(left), collected.notes


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_keep_partial_never_brings_back_a_preview_a_test_or_spam(pulse: vm.Questionnaire, name: str) -> None:
    """--keep-partial keeps what an unfinished response answered; a preview, a test or spam stays out."""
    expected = EXPECTED[name]
    mapping = vm.load_form_mapping(CORPUS / expected["mapping"], pulse)
    collected = vm.read_survey_export(pulse, CORPUS / name, mapping=mapping, keep_partial=True)
    kept = [person.name for person in collected.responses.respondents]
    drawn = [person["name"] for person in expected["respondents"]]
    assert drawn == [name for name in kept if name in drawn]
    assert {"Preview check", "Generated test", "Free crypto offer"}.isdisjoint(kept)
    assert set(kept) - set(drawn) <= set(expected["left_out"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_tool_is_told_from_the_file(name: str) -> None:
    from vendormaturity.sources.surveys import _raw, recognise

    raw = _raw(CORPUS / name, None, None)
    assert not isinstance(raw, vm.Problem)
    tool = recognise(raw)
    assert tool is not None
    assert EXPECTED[name]["tool"] == tool.id


def test_import_reads_every_tools_export_from_the_command_line(tmp_path: Path) -> None:
    """`import FILE --mapping M --out X`, no --tool: one response file per export."""
    for name in sorted(EXPECTED):
        out = tmp_path / f"{name}.toml"
        result = CliRunner().invoke(
            app,
            [
                "import",
                str(CORPUS / name),
                "--mapping",
                str(CORPUS / EXPECTED[name]["mapping"]),
                "--out",
                str(out),
            ],
        )
        assert 0 == result.exit_code, (name, result.output)
        responses = vm.load_responses(out)
        assert [person["name"] for person in EXPECTED[name]["respondents"]] == [
            person.name for person in responses.respondents
        ]


def test_the_corpus_is_what_the_script_writes(tmp_path: Path) -> None:
    """tools/make_survey_samples.py writes exactly the files and the truth stored here."""
    import subprocess
    import sys

    script = CORPUS.parents[2] / "tools" / "make_survey_samples.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    assert EXPECTED == json.loads((tmp_path / "expected.json").read_text(encoding="utf-8"))
    for name in sorted(EXPECTED):
        if name.endswith(".csv"):
            assert (CORPUS / name).read_bytes() == (tmp_path / name).read_bytes(), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_import_on_the_command_line_leaves_out_what_is_no_complete_response(
    name: str, tmp_path: Path
) -> None:
    """`import FILE --mapping M --out X`: the answers as drawn, a notice per response left out; with
    --keep-partial, unfinished responses come back and a preview, a test or spam never does."""
    expected = EXPECTED[name]
    args = ["import", str(CORPUS / name), "--mapping", str(CORPUS / expected["mapping"])]
    out = tmp_path / "responses.toml"
    result = CliRunner().invoke(app, [*args, "--out", str(out)], env={"COLUMNS": "200"})
    assert 0 == result.exit_code, result.output
    assert expected["respondents"] == imported_from(out)
    left = [line for line in result.output.splitlines() if line.startswith("note: ") and "left out" in line]
    assert len(expected["left_out"]) == len(left), result.output
    where = re.compile(
        rf"note: {re.escape(str(CORPUS / name))}: (row \d+, column [A-Z]+|('[^']+'|\w+)![A-Z]+\d+): "
    )
    assert all(where.match(line) for line in left), left
    kept = tmp_path / "kept.toml"
    partial = CliRunner().invoke(app, [*args, "--out", str(kept), "--keep-partial"], env={"COLUMNS": "200"})
    assert 0 == partial.exit_code, partial.output
    names = [person.name for person in vm.load_responses(kept).respondents]
    unfinished = set(expected["left_out"]) - {"Preview check", "Generated test", "Free crypto offer"}
    assert set(names) == {person["name"] for person in expected["respondents"]} | unfinished
    assert partial.output.count("with or without --keep-partial") == len(expected["left_out"]) - len(
        unfinished
    )


def imported_from(path: Path) -> list[dict[str, Any]]:
    return [
        {"name": person.name, "role": person.role.value, "answers": dict(person.answers)}
        for person in vm.load_responses(path).respondents
    ]
