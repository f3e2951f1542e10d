"""The ``export`` and ``import`` commands and ``fill --facts``, run as a user would."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

import vendormaturity as vm
from conftest import fill_as_respondent
from vendormaturity import cli

DATA = Path(__file__).parent / "data" / "collect"


def run(*args: str, input: str | None = None) -> Result:
    environment = {"COLUMNS": "100", "NO_COLOR": None, "FORCE_COLOR": None, "VENDORMATURITY_LANG": None}
    return CliRunner().invoke(cli.app, list(args), input=input, env=environment)


def fill_workbook(path: Path, name: str, answer: int) -> None:
    book = load_workbook(path)
    sheet = book["Answers"]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value}
    sheet.cell(rows["#name"], 4).value = name
    sheet.cell(rows["#role"], 4).value = "Manager"
    for key, row in rows.items():
        if isinstance(key, str) and key.startswith("p") and key != "p05":
            sheet.cell(row, 4).value = answer
    facts = book["Facts"]
    facts.cell(5, 4).value = 0.95
    book.save(path)


def test_export_then_import_gives_a_response_file_that_assesses(tmp_path: Path) -> None:
    """The README's workbook round trip: export per side, fill, import, assess."""
    names = [
        "--relationship",
        "acme-hosting",
        "--client",
        "ACME",
        "--supplier",
        "HostCo",
        "--date",
        "2026-09-15",
    ]
    for side in ("client", "supplier"):
        result = run("export", "pulse", "--side", side, "--out", str(tmp_path / f"{side}.xlsx"), *names)
        assert 0 == result.exit_code, result.output
    assert result.stdout.startswith(
        f"Wrote {tmp_path / 'supplier.xlsx'}: 10 questions for the supplier side and 10 facts, in English."
    )
    fill_workbook(tmp_path / "client.xlsx", "Claire Martin", 4)
    fill_workbook(tmp_path / "supplier.xlsx", "Sam Okafor", 3)
    out = tmp_path / "acme.toml"
    result = run("import", str(tmp_path / "client.xlsx"), str(tmp_path / "supplier.xlsx"), "--out", str(out))
    assert (0, "") == (result.exit_code, result.stderr)
    assert result.stdout.startswith(
        f"Wrote {out}: 2 respondents (1 client, 1 supplier) and 1 facts from 2 files. "
        f"Check it with: vendormaturity assess {out}"
    )
    responses = vm.load_responses(out)
    assert ("acme-hosting", "2026-09-15", {"kpi_green_ratio": 0.95}) == (
        responses.relationship,
        responses.date.isoformat(),
        responses.facts,
    )
    assessed = run("assess", str(out), "--format", "json")
    assert 0 == assessed.exit_code
    again = run("import", str(tmp_path / "client.xlsx"), "--out", str(out))
    assert (1, f"error: {out} exists; use --force to overwrite it\n") == (again.exit_code, again.stderr)


def test_import_prints_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    """A workbook with a bad answer: exit 2, the located problem, no file."""
    workbook = tmp_path / "c.xlsx"
    run("export", "pulse", "--side", "client", "--out", str(workbook), "--relationship", "acme")
    fill_workbook(workbook, "Claire", 7)
    out = tmp_path / "out.toml"
    result = run("import", str(workbook), "--out", str(out))
    assert (2, False) == (result.exit_code, out.exists())
    assert result.stderr.startswith(
        "error: 8 problems found; nothing was imported "
        "(fix them, or keep the valid answers with keep_partial=True: --keep-partial on the command line)\n"
        f"  {workbook}: Answers!D10: p01: 7 is not on the scale: "
    )


def test_import_keep_partial_writes_the_valid_answers_and_lists_the_rest(tmp_path: Path) -> None:
    """--keep-partial: the file is written, what was left out is on stderr and in the file."""
    workbook = tmp_path / "c.xlsx"
    run("export", "pulse", "--side", "client", "--out", str(workbook), "--relationship", "acme")
    fill_workbook(workbook, "Claire", 4)
    book = load_workbook(workbook)
    book["Answers"]["D10"] = "perhaps"
    book.save(workbook)
    out = tmp_path / "out.toml"
    result = run("import", str(workbook), "--out", str(out), "--keep-partial")
    assert 0 == result.exit_code
    assert result.stderr.startswith(
        f"Left out (--keep-partial), 1 problem:\n  {workbook}: Answers!D10: p01: "
    )
    assert "p01" not in vm.load_responses(out).respondents[0].answers
    assert f"# Left out (--keep-partial):\n#   {workbook}: Answers!D10: p01:" in out.read_text(
        encoding="utf-8"
    )


def test_import_of_each_survey_tool(tmp_path: Path) -> None:
    """The README's survey commands: Forms with its mapping, Google by texts, LimeSurvey with a side."""
    commands = [
        [
            "forms-pulse-client-en.xlsx",
            "--tool",
            "forms",
            "--mapping",
            str(DATA / "pulse-client-en.mapping.toml"),
        ],
        ["google-pulse-fr.csv", "--tool", "google", "-q", "pulse", "--relationship", "acme"],
        [
            "limesurvey-pulse-fulltext.csv",
            "--tool",
            "limesurvey",
            "-q",
            "pulse",
            "--side",
            "client",
            "--relationship",
            "acme",
        ],
        [
            "limesurvey-cp1252.csv",
            "--tool",
            "limesurvey",
            "--mapping",
            str(DATA / "pulse-supplier-en.mapping.toml"),
        ],
    ]
    counts = []
    for index, (file, *options) in enumerate(commands):
        out = tmp_path / f"{index}.toml"
        extra = ["--encoding", "cp1252", "--relationship", "acme"] if "cp1252" in file else []
        result = run("import", str(DATA / file), *options, *extra, "--out", str(out))
        assert 0 == result.exit_code, result.output
        counts.append(len(vm.load_responses(out).respondents))
    assert [3, 4, 2, 3] == counts


def test_a_workbook_and_a_survey_export_import_together(tmp_path: Path) -> None:
    """With --tool, an exported workbook among the files is still read as a workbook."""
    workbook = tmp_path / "supplier.xlsx"
    run("export", "pulse", "--side", "supplier", "--out", str(workbook), "--relationship", "acme-hosting")
    fill_workbook(workbook, "Sam Okafor", 4)
    mapping = str(DATA / "pulse-client-en.mapping.toml")
    out = tmp_path / "both.toml"
    result = run(
        "import",
        str(DATA / "forms-pulse-client-en.xlsx"),
        str(workbook),
        "--tool",
        "forms",
        "--mapping",
        mapping,
        "-o",
        str(out),
    )
    assert 0 == result.exit_code, result.output
    assert ["client", "client", "client", "supplier"] == [
        p.side.value for p in vm.load_responses(out).respondents
    ]


def test_import_needs_to_know_the_questionnaire(tmp_path: Path) -> None:
    """A CSV names no questionnaire: --questionnaire is asked for."""
    result = run(
        "import", str(DATA / "google-pulse-fr.csv"), "--tool", "google", "--out", str(tmp_path / "o.toml")
    )
    assert (
        2,
        "error: the files name no questionnaire vendormaturity can read: give --questionnaire ID or FILE\n",
    ) == (
        result.exit_code,
        result.stderr,
    )


def test_import_refuses_a_bad_delimiter(tmp_path: Path) -> None:
    """--delimiter is a comma, a semicolon or tab."""
    result = run(
        "import", str(DATA / "google-pulse-fr.csv"), "--delimiter", "|", "--out", str(tmp_path / "o.toml")
    )
    assert 2 == result.exit_code
    assert "a comma, a semicolon or tab" in result.output


def test_import_reads_a_given_delimiter(tmp_path: Path) -> None:
    """--delimiter tab reads a tab-separated export whatever its heading line holds."""
    export = tmp_path / "e.csv"
    lines = (DATA / "limesurvey-pulse-fulltext.csv").read_text(encoding="utf-8-sig").replace(";", "\t")
    export.write_text(lines, encoding="utf-8")
    out = tmp_path / "o.toml"
    options = ["--tool", "limesurvey", "-q", "pulse", "--side", "client", "--relationship", "acme"]
    options += ["--delimiter", "tab"]
    result = run("import", str(export), *options, "--out", str(out))
    assert 0 == result.exit_code, result.output


def test_export_writes_a_form_mapping(tmp_path: Path) -> None:
    """--form-mapping alone writes the mapping; a workbook needs a side."""
    mapping = tmp_path / "m.toml"
    result = run("export", "pulse", "--lang", "fr", "--form-mapping", str(mapping))
    assert 0 == result.exit_code
    assert vm.load_form_mapping(mapping, vm.load_questionnaire("pulse")).side is None
    assert 2 == run("export", "pulse", "--out", str(tmp_path / "w.xlsx")).exit_code
    assert 2 == run("export", "pulse").exit_code
    again = run("export", "pulse", "--form-mapping", str(mapping))
    assert (1, f"error: {mapping} exists; use --force to overwrite it\n") == (again.exit_code, again.stderr)


def test_export_and_import_have_help_with_an_example() -> None:
    """Both commands show an example in their help."""
    for command in ("export", "import"):
        result = run(command, "--help")
        assert f"Example: vendormaturity {command}" in " ".join(result.stdout.split())


def test_fill_facts_asks_every_fact_after_the_questions(tmp_path: Path) -> None:
    """--facts: the facts follow the questions; values are checked as in a response file."""
    out = tmp_path / "f.toml"
    answers = ["4"] * 9 + ["96 %", "51", "abc", "12", "oui", "1,5", "-", "2", "", "", ""]
    result = run(
        "fill",
        "pulse",
        "--side",
        "client",
        "--respondent",
        "Ann",
        "--facts",
        "-o",
        str(out),
        "--relationship",
        "acme",
        input="".join(f"{answer}\n" for answer in answers),
    )
    assert 0 == result.exit_code, result.output
    assert (
        "'abc' is not a value here: \"abc\" is not a number; give a whole number from 0 to 240"
        in " ".join(result.stdout.split())
    )
    expected = {
        "kpi_green_ratio": 0.96,
        "age_months": 51,
        "months_to_exit": 12,
        "exit_plan_active": True,
        "escalations_per_month": 1.5,
        "segment": "leverage",
    }
    assert expected == vm.load_responses(out).facts
    assert "Done: 6 of 10 facts saved in" in result.stdout


def test_fill_facts_alone_on_an_existing_file(tmp_path: Path) -> None:
    """The person who owns the figures completes the file; out-of-range values are asked again."""
    out = tmp_path / "single.toml"
    shutil.copy(Path(__file__).parent / "data" / "cli" / "single.toml", out)
    result = run("fill", "pulse", "--facts", "-o", str(out), input="b\n1.5\n0.5\nq\n")
    assert 0 == result.exit_code, result.output
    assert "'1.5' is not a value here: must be at most 1, got 1.5" in result.stdout
    assert "(this is the first fact)" in result.stdout
    assert 0.5 == vm.load_responses(out).facts["kpi_green_ratio"]
    assert f"Stopped: facts saved in {out}; run the same command to resume." in result.stdout


def test_fill_needs_a_respondent_or_facts(tmp_path: Path) -> None:
    """Without --side and --respondent, only --facts on an existing file makes sense."""
    out = tmp_path / "new.toml"
    assert 2 == run("fill", "pulse", "-o", str(out)).exit_code
    assert 2 == run("fill", "pulse", "--side", "client", "-o", str(out)).exit_code
    result = run("fill", "pulse", "--facts", "-o", str(out))
    assert (2, False) == (result.exit_code, out.exists())
    assert "a response file needs a respondent" in result.stderr


def test_the_readme_collecting_commands_work_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command of the README's "Collecting answers" section runs (workbooks filled in between)."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Collecting answers", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert 2 == len(blocks)
    shutil.copytree(DATA, tmp_path / "tests" / "data" / "collect")
    monkeypatch.chdir(tmp_path)
    exported: list[Path] = []
    for line in [line for block in blocks for line in block.splitlines() if line.strip()]:
        words = shlex.split(line)
        assert "vendormaturity" == words[0]
        if words[1] == "import" and exported:
            for path in exported:  # what the respondents do before sending their workbooks back
                fill_as_respondent(path, path.stem.title())
            exported = []
        result = run(*words[1:])
        assert 0 == result.exit_code, f"{line}\n{result.output}"
        if words[1] == "export" and "--out" in words:
            exported.append(tmp_path / words[words.index("--out") + 1])
    assert 2 == len(vm.load_responses(tmp_path / "acme-hosting.toml").respondents)
    assert 3 == len(vm.load_responses(tmp_path / "limesurvey.toml").respondents)


def test_the_library_imports_openpyxl_only_to_make_or_read_a_workbook() -> None:
    """`import vendormaturity` and reaching the collecting functions load no spreadsheet library."""
    code = (
        "import sys, vendormaturity as vm\n"
        "vm.read_workbooks, vm.export_workbook, vm.read_survey_export, vm.form_mapping\n"
        "print('openpyxl' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False\n" == done.stdout


def test_the_tool_choices_match_the_library() -> None:
    """--tool offers the workbook and every survey tool the library reads."""
    from vendormaturity.cli.collect import Tool
    from vendormaturity.sources.surveys import TOOLS

    assert ["workbook", *TOOLS] == [tool.value for tool in Tool]


def test_a_date_no_one_meant_is_refused_by_every_command(tmp_path: Path) -> None:
    """--date 0001-01-01 or 2099-01-01: new, export and import refuse it unless --accept-dates."""
    out = tmp_path / "x.toml"
    for date in ("0001-01-01", "2099-01-01"):
        result = run("new", "pulse", "--relationship", "acme", "--out", str(out), "--date", date)
        assert 2 == result.exit_code
        assert "correct it, or confirm it with --accept-dates" in result.output
    accepted = run(
        "new", "pulse", "--relationship", "acme", "--out", str(out), "--date", "1985-01-01", "--accept-dates"
    )
    assert 0 == accepted.exit_code, accepted.output
    result = run(
        "export", "pulse", "--side", "client", "--out", str(tmp_path / "w.xlsx"), "--date", "2099-01-01"
    )
    assert 2 == result.exit_code
