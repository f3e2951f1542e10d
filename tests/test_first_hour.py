"""A new user's first hour, command by command as they type them (issue items in each docstring)."""

from __future__ import annotations

import shutil
from pathlib import Path

import vendormaturity as vm
from conftest import CliRun

ROOT = Path(__file__).resolve().parents[1]
SINGLE = Path(__file__).parent / "data" / "cli" / "single.toml"
ANSWERS = "\n".join(["4"] * 20) + "\n"  # more than enough answers for a pulse respondent


def test_fill_after_new_replaces_the_template_placeholders(cli: CliRun, tmp_path: Path) -> None:
    """Placeholders: `new` then `fill` leaves only the real respondent, not client-1 and supplier-1."""
    out = tmp_path / "acme" / "2026-11-30.toml"
    assert (
        0
        == cli("new", "pulse", "--relationship", "acme", "--date", "2026-11-30", "--out", str(out)).exit_code
    )
    result = cli(
        "fill", "pulse", "--side", "client", "--respondent", "Aïcha Benali", "--out", str(out), input=ANSWERS
    )
    assert 0 == result.exit_code, result.output
    respondents = vm.load_responses(out).respondents
    assert [("aicha-benali", "Aïcha Benali")] == [(r.id, r.name) for r in respondents]


def test_validate_warns_of_respondents_with_no_answers(cli: CliRun, tmp_path: Path) -> None:
    """Placeholders: a file straight from `new` validates, warning of each respondent with no answer."""
    out = tmp_path / "2026-11-30.toml"
    cli("new", "pulse", "--relationship", "acme", "--date", "2026-11-30", "--out", str(out))
    result = cli("validate", str(out))
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning")]
    assert 0 == result.exit_code
    assert [
        f"warning  {out}:{line}: respondents[id={who}]: respondent '{who}' answered no question, so does "
        "not count; remove them or collect their answers"
        for who, line in (
            ("client-1", _line(out, "client-1")),
            ("supplier-1", _line(out, "supplier-1")),
        )
    ] == warnings


def _line(path: Path, respondent: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(f'id = "{respondent}"')  # the [[respondents]] header is the line before


def test_an_assessment_with_no_answers_exits_3(cli: CliRun, tmp_path: Path) -> None:
    """Missing data: zero answers is no verdict: exit 3, unless --allow-insufficient (then 0)."""
    out = tmp_path / "2026-11-30.toml"
    cli("new", "pulse", "--relationship", "acme", "--date", "2026-11-30", "--out", str(out))
    refused = cli("assess", str(out))
    assert 3 == refused.exit_code
    assert "error: too little data for a verdict: acme (2026-11-30)" in refused.stderr
    assert "warning: " in refused.stderr  # the respondents with no answers are named
    assert 0 == cli("assess", str(out), "--allow-insufficient").exit_code


def test_validate_of_a_questionnaire_and_a_relationship_folder(cli: CliRun) -> None:
    """Documented commands: `validate questionnaires/pulse.toml examples/acme-hosting` passes;
    expected.toml in the folder is skipped, not checked as a response file."""
    result = cli(
        "validate", str(ROOT / "questionnaires" / "pulse.toml"), str(ROOT / "examples" / "acme-hosting")
    )
    assert 0 == result.exit_code, result.stdout
    assert (
        f"skipped  {ROOT / 'examples' / 'acme-hosting' / 'expected.toml'}: not named by date" in result.stdout
    )


def test_assess_over_a_glob_skips_what_is_not_a_relationship(cli: CliRun, tmp_path: Path) -> None:
    """Documented commands: `assess examples/* --out reports/` no longer exits 2 on README.md and scripts/."""
    paths = sorted(str(path) for path in (ROOT / "examples").iterdir())
    result = cli("assess", *paths, "--format", "markdown", "--out", str(tmp_path / "reports"))
    assert 0 == result.exit_code, result.stderr
    assert f"skipped {ROOT / 'examples' / 'README.md'}: not a TOML or JSON file" in result.stderr
    assert len(list((tmp_path / "reports").iterdir())) == len(
        list((ROOT / "examples").glob("*/expected.toml"))
    )


def test_an_empty_folder_is_an_error_for_both_commands(cli: CliRun, tmp_path: Path) -> None:
    """validate and assess agree: an empty folder is an error (it gave "0 files checked" and exit 0)."""
    for command in ("validate", "assess"):
        result = cli(command, str(tmp_path))
        assert 2 == result.exit_code
        assert "the folder is empty" in result.output


def test_a_csv_in_a_folder_points_at_import(cli: CliRun, tmp_path: Path) -> None:
    """validate and assess agree on a folder of CSV exports, and say which command reads them."""
    (tmp_path / "2026-09.csv").write_text("name;p01\nA;4\n", encoding="utf-8")
    for command in ("validate", "assess"):
        result = cli(command, str(tmp_path))
        assert 2 == result.exit_code
        assert (
            "2026-09.csv is a CSV file: make it a response file with `vendormaturity import`" in result.output
        )


def test_folder_problems_name_their_files(cli: CliRun, tmp_path: Path) -> None:
    """Errors name the file: two files of one date are named, by validate and assess alike."""
    folder = tmp_path / "acme"
    shutil.copytree(ROOT / "examples" / "acme-hosting", folder)
    shutil.copy(folder / "2026-09-15.toml", folder / "2026-09-15-copy.toml")
    expected = "2026-09-15-copy.toml and 2026-09-15.toml are both dated 2026-09-15"
    assert expected in cli("validate", str(folder)).stdout
    assert expected in cli("assess", str(folder)).stderr


def test_a_csv_given_as_a_response_file_gets_a_hint(cli: CliRun, tmp_path: Path) -> None:
    """A CSV saved from Excel where TOML is expected: a hint, not a TOML syntax error."""
    path = tmp_path / "answers.csv"
    path.write_text("Nom;Q1;Q2\nAïcha;4;5\n", encoding="utf-8")
    result = cli("assess", str(path))
    assert 2 == result.exit_code
    assert "this looks like CSV (columns separated by ';'), not TOML" in result.stderr


COMMANDS = [
    "list", "show", "new", "fill", "export", "import", "validate", "assess", "explain", "schema",
    "facts", "followup", "mapping",
]  # fmt: skip


def test_help_shows_no_python_types_or_braces(cli: CliRun) -> None:
    """Cosmetics: no `{QUESTIONNAIRE}`, `PATH <list[Path]>` or `<str>` placeholders in any --help."""
    for command in COMMANDS:
        shown = cli(command, "--help", COLUMNS="80").stdout
        assert ("{", "<list[", "<str>", "<Path>", "<bool>") == tuple(
            mark for mark in ("{", "<list[", "<str>", "<Path>", "<bool>") if mark not in shown
        ), f"{command} --help:\n{shown}"


def test_a_bad_choice_is_said_without_pydantic_wording(cli: CliRun) -> None:
    """Cosmetics: "Value error, 'pdf'…" leaked pydantic's wording."""
    result = cli("assess", str(SINGLE), "--format", "pdf")
    assert 2 == result.exit_code
    assert (
        "Invalid value for '--format' / '-f': 'pdf' is not one of 'terminal', 'json', 'markdown', 'html'."
        in (result.stderr)
    )
    assert "Value error" not in result.stderr


def test_show_breaks_lines_between_answers_at_80_columns(cli: CliRun) -> None:
    """Cosmetics: at 80 columns a scale's answers wrap between two answers, facts stay in columns."""
    shown = cli("show", "relationship", "--lang", "fr", COLUMNS="80").stdout.splitlines()
    assert all(len(line) <= 80 for line in shown)
    scales = shown[shown.index("Échelles") + 1 : shown.index("Faits")]
    assert [line for line in scales if line.strip() in ("·", "d'accord", "5", "Tout à fait d'accord")] == []
    facts = shown[shown.index("Faits") + 1 :]
    assert 26 == facts[0].index("Part des")  # the labels in one column…
    assert all(  # …and a label that wraps goes on in it
        line.startswith(" " * 26) or (line.split()[0].isidentifier() and line[26] != " ")
        for line in facts
        if line.strip()
    )


def test_the_template_shows_a_0_to_10_scale_plainly(cli: CliRun, tmp_path: Path) -> None:
    """Cosmetics: the template wrote "1 = 1, 2 = 2" for a 0–10 scale whose middle points have no label."""
    out = tmp_path / "new.toml"
    cli("new", "pulse", "--relationship", "acme", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert (
        "# score0to10: 0 – Not at all likely, 1, 2, 3, 4, 5 – Maybe, 6, 7, 8, 9, 10 – Extremely likely;"
        in text
    )


def test_every_problem_of_a_file_in_one_run_each_at_its_line(cli: CliRun) -> None:
    """All problems at once: a misspelt key no longer hides an answer off the scale, a fact out
    of range and an unknown follow-up action; the follow-up one points at its entry's line,
    not at `followup = [`."""
    path = Path(__file__).parent / "data" / "first_hour" / "every_problem.toml"
    result = cli("validate", str(path))
    assert 2 == result.exit_code
    assert [
        f"invalid  {path}: 4 problems",
        f"  {path}:12: followup[action=nope].action: unknown action 'nope'",
        f"  {path}:16: facts.kpi_green_ratio: must be at most 1, got 1.5",
        f"  {path}:21: respondents[id=c1].rol: unknown key 'rol' (did you mean 'role'?)",
        f"  {path}:27: respondents[id=c2].answers.p01: 9 is not on the scale (allowed: 1, 2, 3, 4, 5, "
        "or a don't-know code)",
        "1 file checked: 0 valid, 1 invalid",
    ] == result.stdout.splitlines()
