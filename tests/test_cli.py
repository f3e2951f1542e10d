"""The ``vendormaturity`` command, run through Typer's runner: exit codes and output."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import vendormaturity as vm
from vendormaturity import cli
from vendormaturity.cli import _app, collect
from vendormaturity.cli import assess as assess_commands

DATA = Path(__file__).parent / "data" / "cli"
NORTHWIND = DATA / "northwind"
SINGLE = DATA / "single.toml"
INVALID = DATA / "invalid.toml"
INVALID_PROBLEMS = [
    f"  {INVALID}:16: respondents[id=client-1].answers.p01: "
    "7 is not on the scale (allowed: 1, 2, 3, 4, 5, or a don't-know code)",
    f"  {INVALID}:16: respondents[id=client-1].answers.p99: unknown question 'p99' (did you mean 'p09'?)",
    f"  {INVALID}:11: facts.kpi_green_ratio: must be at most 1, got 1.5",
]
HOSTILE = DATA / "hostile.toml"
MINI = DATA / "mini.toml"
ROOT = Path(__file__).parent.parent
COMMANDS = [
    "list",
    "show",
    "new",
    "fill",
    "export",
    "import",
    "validate",
    "assess",
    "explain",
    "schema",
    "facts",
    "followup",
    "mapping",
]
CLIENT_QUESTIONS = ["p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09", "p11"]


def run(*args: str, input: str | None = None, **env: str | None) -> Result:
    """Run the command as a user would, with a 100-column, colourless, non-TTY output."""
    environment: dict[str, str | None] = {
        "COLUMNS": "100",
        "NO_COLOR": None,
        "FORCE_COLOR": None,
        "VENDORMATURITY_LANG": None,
    }
    environment.update(env)
    return CliRunner().invoke(cli.app, list(args), input=input, env=environment)


def flat(text: str) -> str:
    """*text* with every run of whitespace made one space (help text is wrapped)."""
    return " ".join(text.split())


def northwind() -> vm.AssessmentResult:
    current, history = vm.load_history(NORTHWIND)
    return vm.assess(vm.load_questionnaire("pulse"), current, history=history)


# --------------------------------------------------------------------------- conventions


def test_version_prints_the_package_version() -> None:
    """--version prints the name and version and exits 0."""
    result = run("--version")
    assert (0, f"vendormaturity {vm.__version__}\n") == (result.exit_code, result.stdout)


def test_help_documents_commands_and_exit_codes() -> None:
    """The top-level help lists every command and the exit codes."""
    result = run("--help")
    assert 0 == result.exit_code
    text = flat(result.stdout)
    assert "Exit codes: 0 ok; 1 the --fail-on threshold was reached" in text
    assert [] == [command for command in COMMANDS if f" {command} " not in text]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    """Each command's --help ends with an example of its use."""
    result = run(command, "--help")
    assert 0 == result.exit_code
    assert f"Example: vendormaturity {command}" in flat(result.stdout)


def test_no_arguments_shows_the_help_as_a_usage_error() -> None:
    """Without a command, the help is shown and the exit code says usage."""
    result = run()
    assert 2 == result.exit_code
    assert "Usage: vendormaturity" in result.output


def test_an_unknown_option_is_a_usage_error() -> None:
    """An option that does not exist exits 2."""
    assert 2 == run("assess", str(SINGLE), "--colour").exit_code


def test_import_vendormaturity_does_not_load_the_cli_dependencies() -> None:
    """The library alone never imports Typer, Rich or Jinja2."""
    code = (
        "import sys, vendormaturity\n"
        "print(sorted(m for m in ('typer', 'rich', 'jinja2', 'click') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]\n" == done.stdout


def test_rendering_markdown_does_not_load_the_cli_dependencies() -> None:
    """The Markdown and JSON renderers are pure Python: no Rich or Jinja2."""
    code = (
        "import sys\n"
        "import vendormaturity.render.markdown, vendormaturity.render.json\n"
        "import vendormaturity.render.html, vendormaturity.render.template\n"
        "print(sorted(m for m in ('typer', 'rich', 'jinja2') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]\n" == done.stdout


def test_python_dash_m_runs_the_command() -> None:
    """``python -m vendormaturity`` is the same command."""
    done = subprocess.run(
        [sys.executable, "-m", "vendormaturity", "--version"], capture_output=True, text=True, check=False
    )
    assert (0, f"vendormaturity {vm.__version__}\n") == (done.returncode, done.stdout)


def test_piped_output_has_no_escape_codes() -> None:
    """When the output is not a terminal, nothing but plain text is written."""
    result = run("assess", str(NORTHWIND))
    assert (0, False) == (result.exit_code, "\x1b[" in result.stdout)


def test_forced_colour_is_used_unless_no_color_is_set() -> None:
    """FORCE_COLOR gives colours; NO_COLOR removes them (bold and italic may stay)."""
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])m")
    coloured = run("assess", str(NORTHWIND), FORCE_COLOR="1")
    plain = run("assess", str(NORTHWIND), FORCE_COLOR="1", NO_COLOR="1")
    assert (True, False) == (bool(colour.search(coloured.stdout)), bool(colour.search(plain.stdout)))


# --------------------------------------------------------------------------- list, show


def test_list_shows_each_bundled_questionnaire() -> None:
    """Every bundled questionnaire is listed with its version, languages and question count."""
    result = run("list")
    assert 0 == result.exit_code
    rows = [line.split()[:5] for line in result.stdout.splitlines()[1:] if line[:2].strip()]
    expected = []
    for questionnaire_id in vm.bundled_questionnaires():
        q = vm.load_questionnaire(questionnaire_id)
        expected.append(
            [
                q.id,
                q.version,
                *(f"{lang}," for lang in q.languages[:-1]),
                q.languages[-1],
                str(len(q.questions)),
            ]
        )
    assert expected == rows


def test_show_groups_questions_by_dimension_with_their_markers() -> None:
    """show prints each dimension, then its questions with side, stage, reverse and condition."""
    result = run("show", "pulse")
    assert 0 == result.exit_code
    text = flat(result.stdout)
    q = vm.load_questionnaire("pulse")
    positions = [text.index(q.label(d.label, "en")) for d in q.dimensions]
    assert sorted(positions) == positions
    assert "p05 This quarter, disagreements went up to executives" in text
    assert "Both · operational · agree5 · ↺ reversed · if answers.p04 <= 3" in text
    assert "Client · operational · agree5" in text  # p02 is client-only
    assert "dk = Don't know" in text


def test_show_speaks_french() -> None:
    """--lang fr shows the French labels and markers."""
    result = run("show", "pulse", "--lang", "fr")
    assert 0 == result.exit_code
    assert "Les deux · exploitation · agree5 · ↺ inversée · si answers.p04 <= 3" in flat(result.stdout)


def test_show_takes_the_language_from_the_environment() -> None:
    """VENDORMATURITY_LANG sets the default language."""
    result = run("show", "pulse", VENDORMATURITY_LANG="fr")
    assert "Échelles" in result.stdout


def test_show_an_unknown_questionnaire_exits_2() -> None:
    """An unknown id is invalid input, reported on stderr without a traceback."""
    result = run("show", "nope")
    assert 2 == result.exit_code
    assert result.stderr.startswith("error: no bundled questionnaire 'nope'")
    assert "Traceback" not in result.output


def test_show_a_questionnaire_file_with_weights_and_bare_facts() -> None:
    """A questionnaire file shows its weights, conditions and a fact with only a minimum."""
    result = run("show", str(MINI))
    assert 0 == result.exit_code
    text = flat(result.stdout)
    assert "m1 We trust what the other side reports. Both · operational · half · × 2" in text
    assert "headcount People on the account whole number 0–" in text


def test_show_a_questionnaire_without_facts(tmp_path: Path) -> None:
    """A questionnaire without facts has no Facts section."""
    bare = tmp_path / "bare.toml"
    bare.write_text(vm.dump_questionnaire(vm.load_questionnaire(MINI).model_copy(update={"facts": []})))
    result = run("show", str(bare))
    assert (0, False) == (result.exit_code, "Facts" in result.stdout)


# --------------------------------------------------------------------------- new


def uncomment(text: str, key: str, value: str) -> str:
    """Turn the first ``# key = `` line into ``key = value``."""
    lines = text.split("\n")
    index = lines.index(f"# {key} = ")
    lines[index] = f"{key} = {value}"
    return "\n".join(lines)


def test_new_writes_every_question_and_fact_as_a_commented_line(tmp_path: Path) -> None:
    """The skeleton has one commented line per question of each side, and one per fact."""
    out = tmp_path / "acme.toml"
    result = run("new", "pulse", "--relationship", "acme", "--out", str(out), "--date", "2025-06-30")
    assert 0 == result.exit_code
    lines = out.read_text(encoding="utf-8").splitlines()
    answers = [line.removeprefix("# ").split(" = ")[0] for line in lines if re.match(r"# p\d\d = $", line)]
    client = list(CLIENT_QUESTIONS)
    supplier = [q for q in CLIENT_QUESTIONS if q != "p02"]
    supplier.insert(8, "p10")
    assert client + supplier == answers
    q = vm.load_questionnaire("pulse")
    assert [f"# {fact.id} = " for fact in q.facts] == [
        line
        for line in lines
        if line.startswith("# ") and line.endswith(" = ") and not line.startswith("# p")
    ]


def test_new_file_loads_once_a_few_lines_are_uncommented(tmp_path: Path) -> None:
    """Uncommenting a fact and two answers gives a response set that loads."""
    out = tmp_path / "acme.toml"
    run("new", "pulse", "-r", 'Acme "hosting"', "-o", str(out), "--client", "Acme", "--date", "2025-06-30")
    text = out.read_text(encoding="utf-8")
    text = uncomment(text, "p01", "4")
    text = uncomment(text, "p10", "2")
    text = uncomment(text, "age_months", "30")
    out.write_text(text, encoding="utf-8")
    responses = vm.load_responses(out)
    actual = (
        responses.relationship,
        responses.client,
        responses.facts,
        [(r.id, r.side.value, r.answers) for r in responses.respondents],
    )
    expected = (
        'Acme "hosting"',
        "Acme",
        {"age_months": 30},
        [("client-1", "client", {"p01": 4}), ("supplier-1", "supplier", {"p10": 2})],
    )
    assert expected == actual


def test_new_writes_question_texts_in_the_chosen_language(tmp_path: Path) -> None:
    """--lang fr puts the French question texts in the comments."""
    out = tmp_path / "acme.toml"
    run("new", "pulse", "-r", "acme", "-o", str(out), "--lang", "fr")
    text = out.read_text(encoding="utf-8")
    assert ("# p02: Nos utilisateurs jugent la qualité" in text, "Fichier de réponses" in text) == (
        True,
        True,
    )


def test_new_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    """An existing FILE is kept unless --force is given (exit 1: output not written)."""
    out = tmp_path / "acme.toml"
    out.write_text("keep me", encoding="utf-8")
    result = run("new", "pulse", "-r", "acme", "-o", str(out))
    assert (1, "keep me") == (result.exit_code, out.read_text(encoding="utf-8"))
    assert f"error: {out} exists; use --force to overwrite it\n" == result.stderr
    assert 0 == run("new", "pulse", "-r", "acme", "-o", str(out), "--force").exit_code


def test_new_rejects_a_malformed_date(tmp_path: Path) -> None:
    """--date must be YYYY-MM-DD; anything else is a usage error."""
    result = run("new", "pulse", "-r", "acme", "-o", str(tmp_path / "x.toml"), "--date", "30/06/2025")
    assert 2 == result.exit_code
    assert "'30/06/2025' is not a date (YYYY-MM-DD)" in result.output


def test_new_with_a_questionnaire_file_names_that_file(tmp_path: Path) -> None:
    """A questionnaire given as a path is recorded as that path, so the file loads with it."""
    source = ROOT / "questionnaires" / "pulse.toml"
    out = tmp_path / "acme.toml"
    assert 0 == run("new", str(source), "-r", "acme", "-o", str(out)).exit_code
    assert f"questionnaire = {json.dumps(str(source))}" in out.read_text(encoding="utf-8")


def test_new_reports_an_unwritable_file(tmp_path: Path) -> None:
    """A FILE whose folder cannot be made (a file is in the way) is an output error (exit 1)."""
    (tmp_path / "blocker").write_text("", encoding="utf-8")
    result = run("new", "pulse", "-r", "acme", "-o", str(tmp_path / "blocker" / "acme.toml"))
    assert 1 == result.exit_code
    assert result.stderr.startswith(f"error: cannot write {tmp_path / 'blocker' / 'acme.toml'}")


def test_new_makes_the_folder_of_its_file(tmp_path: Path) -> None:
    """`new --out acme/2026-09-15.toml` makes acme/ when it does not exist yet."""
    out = tmp_path / "acme" / "2026-09-15.toml"
    assert (0, True) == (run("new", "pulse", "-r", "acme", "-o", str(out)).exit_code, out.is_file())


# --------------------------------------------------------------------------- fill


def fill(
    out: Path, answers: list[str], *extra: str, side: str = "client", who: str = "Claire Martin"
) -> Result:
    text = "".join(f"{answer}\n" for answer in answers)
    return run("fill", "pulse", "--side", side, "--respondent", who, "--out", str(out), *extra, input=text)


def test_fill_resumes_after_an_interruption(tmp_path: Path) -> None:
    """Answers given before the input ends are saved; the next run asks only the rest."""
    out = tmp_path / "acme.toml"
    first = fill(out, ["4", "3"], "--relationship", "acme", "--client", "Acme", "--date", "2025-06-30")
    assert 130 == first.exit_code
    assert f"Interrupted: answers saved in {out}; run the same command to resume.\n" == first.stderr
    saved = vm.load_responses(out).respondents[0]
    assert ("claire-martin", "Claire Martin", {"p01": 4, "p02": 3}) == (saved.id, saved.name, saved.answers)

    second = fill(out, ["5", "4", "2", "3", "4", "dk", "2", "9"])
    assert 0 == second.exit_code
    assert ("p01 " in second.stdout, "p02 " in second.stdout) == (False, False)  # not asked again
    responses = vm.load_responses(out)
    expected = {"p01": 4, "p02": 3, "p03": 5, "p04": 4, "p06": 2, "p07": 3, "p08": 4, "p09": "dk", "p11": 2}
    assert (expected, "acme", "Acme") == (
        responses.respondents[0].answers,
        responses.relationship,
        responses.client,
    )
    assert "Done: 9 answers saved" in second.stdout


def test_fill_asks_only_relevant_questions(tmp_path: Path) -> None:
    """p05 is asked when p04 <= 3 and not otherwise."""
    high = fill(tmp_path / "high.toml", ["4", "4", "4", "4"])
    low = fill(tmp_path / "low.toml", ["4", "4", "4", "2", "5"])
    assert ("p05 " in high.stdout, "p05 " in low.stdout) == (False, True)
    assert {"p01": 4, "p02": 4, "p03": 4, "p04": 2, "p05": 5} == vm.load_responses(
        tmp_path / "low.toml"
    ).respondents[0].answers


def test_fill_asks_only_the_respondents_side(tmp_path: Path) -> None:
    """A supplier is asked p10 and never p02."""
    result = fill(tmp_path / "s.toml", [], side="supplier", who="sam")
    assert ("p01 " in result.stdout, "p02 " in result.stdout, "[1/10]" in result.stdout) == (
        True,
        False,
        True,
    )


def test_fill_goes_back_skips_and_takes_dont_know(tmp_path: Path) -> None:
    """b returns to the previous question (Enter keeps its answer), s skips, dk is an answer."""
    out = tmp_path / "acme.toml"
    result = fill(out, ["2", "b", "", "s", "dk", "q"])
    assert 0 == result.exit_code
    assert {"p01": 2, "p03": "dk"} == vm.load_responses(out).respondents[0].answers
    assert "(value or code, Enter = keep, b = back, s = skip, q = quit) [2] >" in result.stdout
    assert f"Stopped: answers saved in {out}; run the same command to resume." in result.stdout


def test_fill_says_when_there_is_nothing_before_the_first_question(tmp_path: Path) -> None:
    """b on the first question stays there."""
    result = fill(tmp_path / "acme.toml", ["b", "3"])
    assert "(this is the first question)" in result.stdout
    assert {"p01": 3} == vm.load_responses(tmp_path / "acme.toml").respondents[0].answers


def test_fill_asks_again_after_an_answer_off_the_scale(tmp_path: Path) -> None:
    """A value off the scale, or a blank with no answer yet, is refused and asked again."""
    result = fill(tmp_path / "acme.toml", ["7", "", "maybe", "4,0"])
    assert 3 == result.stdout.count("is not an answer here")
    assert {"p01": 4} == vm.load_responses(tmp_path / "acme.toml").respondents[0].answers


def test_fill_drops_an_answer_that_a_changed_answer_made_irrelevant(tmp_path: Path) -> None:
    """Changing p04 from 2 to 5 removes the answer to p05, which no longer applies."""
    out = tmp_path / "acme.toml"
    fill(out, ["4", "4", "4", "2", "3", "b", "b", "5"])
    assert {"p01": 4, "p02": 4, "p03": 4, "p04": 5} == vm.load_responses(out).respondents[0].answers


def test_fill_adds_a_respondent_to_an_existing_file(tmp_path: Path) -> None:
    """A new respondent is appended; the file's other content is kept."""
    out = tmp_path / "single.toml"
    shutil.copy(SINGLE, out)
    before = vm.load_responses(out)
    fill(out, ["5"], "--relationship", "ignored", side="supplier", who="sam")
    after = vm.load_responses(out)
    assert (before.relationship, before.facts) == (after.relationship, after.facts)
    assert [
        *before.respondents,
        vm.Respondent(id="sam", side=vm.Side.SUPPLIER, answers={"p01": 5}),
    ] == after.respondents


def test_fill_refuses_a_respondent_on_the_other_side(tmp_path: Path) -> None:
    """An existing respondent keeps their side."""
    out = tmp_path / "single.toml"
    shutil.copy(SINGLE, out)
    result = fill(out, [], side="supplier", who="client-1")
    assert 2 == result.exit_code
    assert f"error: {out}: respondent 'client-1' is on the client side, not supplier\n" == result.stderr


def test_fill_has_nothing_to_ask_when_all_is_answered(tmp_path: Path) -> None:
    """A respondent who answered everything is told so."""
    out = tmp_path / "single.toml"
    shutil.copy(SINGLE, out)
    result = fill(out, [], who="client-1")
    assert (0, f"Nothing left to answer for client-1 in {out}.\n") == (result.exit_code, result.stdout)


def test_fill_rejects_a_name_without_letters_or_digits(tmp_path: Path) -> None:
    """--respondent must give a usable id."""
    result = fill(tmp_path / "acme.toml", [], who="!!!")
    assert 2 == result.exit_code
    assert "'!!!' gives no usable id" in result.output


def test_fill_reports_an_invalid_existing_file(tmp_path: Path) -> None:
    """An existing FILE that does not load is invalid input; nothing is written."""
    out = tmp_path / "invalid.toml"
    shutil.copy(INVALID, out)
    result = fill(out, ["4"])
    assert (2, INVALID.read_text(encoding="utf-8")) == (result.exit_code, out.read_text(encoding="utf-8"))
    assert "answers.p99: unknown question 'p99'" in result.stderr


def test_fill_shows_help_and_takes_half_points(tmp_path: Path) -> None:
    """A questionnaire file's help text is shown; 1.5 is an answer on a half-point scale."""
    out = tmp_path / "mini.toml"
    result = run("fill", str(MINI), "--side", "client", "--respondent", "c", "-o", str(out), input="1.5\n2\n")
    assert 0 == result.exit_code
    assert "Think of the last three status reports." in result.stdout
    responses = vm.load_responses(out, vm.load_questionnaire(MINI))
    assert (str(MINI), {"m1": 1.5, "m2": 2}) == (responses.questionnaire, responses.respondents[0].answers)


def test_fill_interrupted_by_ctrl_c_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C is handled like the end of input: saved, message, exit 130."""
    answers = iter(["4"])

    def read() -> str:
        for answer in answers:
            return answer
        raise KeyboardInterrupt

    monkeypatch.setattr(collect, "_read_line", read)
    out = tmp_path / "acme.toml"
    result = run("fill", "pulse", "--side", "client", "--respondent", "c", "--out", str(out))
    assert (130, {"p01": 4}) == (result.exit_code, vm.load_responses(out).respondents[0].answers)


# --------------------------------------------------------------------------- validate


def test_validate_accepts_valid_files() -> None:
    """Valid response files and a valid questionnaire: one ok line each, exit 0."""
    pulse = ROOT / "questionnaires" / "pulse.toml"
    result = run("validate", str(SINGLE), str(pulse))
    assert 0 == result.exit_code
    assert [
        f"ok       {SINGLE}: responses to pulse 1.0.0, 2 respondents, 18 answers",
        f"ok       {pulse}: questionnaire pulse 1.1.0 (11 questions)",
        "2 files checked: 2 valid, 0 invalid",
    ] == result.stdout.splitlines()


def test_validate_prints_every_problem_and_exits_2() -> None:
    """Each problem is printed on its own line, located by file, line and data path."""
    result = run("validate", str(INVALID))
    assert 2 == result.exit_code
    expected = [f"invalid  {INVALID}: 3 problems", *INVALID_PROBLEMS, "1 file checked: 0 valid, 1 invalid"]
    assert expected == result.stdout.splitlines()


def test_validate_tells_a_questionnaire_by_its_questions(tmp_path: Path) -> None:
    """A file with a `questions` key is checked as a questionnaire, whatever its name."""
    broken = tmp_path / "answers.toml"
    text = (ROOT / "questionnaires" / "pulse.toml").read_text(encoding="utf-8")
    broken.write_text(text.replace('dimension = "momentum"', 'dimension = "momentun"', 1), encoding="utf-8")
    result = run("validate", str(broken))
    assert 2 == result.exit_code
    assert "unknown dimension 'momentun' (did you mean 'momentum'?)" in result.stdout


def test_validate_expands_folders_and_checks_saved_results(tmp_path: Path) -> None:
    """A folder stands for its dated files; a saved result JSON is checked as a result."""
    shutil.copytree(NORTHWIND, tmp_path / "northwind")
    (tmp_path / "northwind" / "2024-09-30.toml").rename(tmp_path / "first.toml")
    first = vm.assess(vm.load_questionnaire("pulse"), vm.load_responses(tmp_path / "first.toml"))
    (tmp_path / "northwind" / "2024-09-30.json").write_text(first.model_dump_json(), encoding="utf-8")
    result = run("validate", str(tmp_path / "northwind"))
    assert 0 == result.exit_code
    assert "result of northwind-logistics on 2024-09-30" in result.stdout
    assert "3 files checked: 3 valid, 0 invalid" in result.stdout


def test_validate_reports_a_missing_file() -> None:
    """A file that does not exist is one invalid file."""
    result = run("validate", "no/such/file.toml")
    assert 2 == result.exit_code
    expected = ["invalid  no/such/file.toml: no such file or folder", "1 file checked: 0 valid, 1 invalid"]
    assert expected == result.stdout.splitlines()


def test_validate_reports_a_syntax_error(tmp_path: Path) -> None:
    """A file that is not TOML is reported with its line."""
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\nrelationship = "x\n', encoding="utf-8")
    result = run("validate", str(broken))
    assert (2, True) == (result.exit_code, f"  {broken}:2: TOML syntax error" in result.stdout)


def test_validate_checks_responses_against_a_given_questionnaire() -> None:
    """--questionnaire replaces the questionnaire the file names."""
    result = run("validate", str(SINGLE), "--questionnaire", "relationship")
    assert 2 == result.exit_code
    assert "answers questionnaire 'pulse', not 'relationship'" in result.stdout


# --------------------------------------------------------------------------- assess


def test_assess_prints_the_phase_dimensions_findings_and_plan() -> None:
    """The terminal report shows each part of the result."""
    result = run("assess", str(NORTHWIND))
    assert 0 == result.exit_code
    expected = northwind()
    text = result.stdout
    headline = f"Phase: {expected.phase.value.capitalize()} · confidence {expected.confidence * 100:.0f}%"
    assert text.startswith("northwind-logistics · Northwind Logistics ↔ Blue Harbour Systems · 2025-03-31\n")
    assert headline in text
    for part in ("Dimensions", "Findings", "Improvement plan", "Follow-up of the previous plan", "History"):
        assert f"\n{part}\n" in text
    assert "▲" in text  # a gap of a point or more is marked
    assert [finding.title["en"] in text for finding in expected.findings] == [True] * len(expected.findings)
    assert "(carried over)" in text
    assert "2024-12-31" in text


def test_assess_shows_a_follow_up_without_a_closed_share() -> None:
    """Dropped actions are listed; with nothing else reported there is no closed share."""
    result = run("assess", str(HOSTILE))
    assert 0 == result.exit_code
    assert ("Dropped" in result.stdout, "Share of actions closed" in result.stdout) == (True, False)


def test_the_terminal_report_says_when_no_action_is_proposed() -> None:
    """An empty plan is a sentence, not an empty table."""
    from rich.console import Console

    from vendormaturity.render.terminal import report

    result = vm.assess(vm.load_questionnaire("pulse"), vm.load_responses(SINGLE))
    empty = result.model_copy(update={"plan": result.plan.model_copy(update={"actions": []})})
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(report(empty, "en"))
    assert "Target phase: Performing\nNo action proposed." in console.export_text()


def test_main_runs_the_app(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The entry point runs the command line with the program name vendormaturity."""
    monkeypatch.setattr(sys, "argv", ["anything", "--version"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert (0, f"vendormaturity {vm.__version__}\n") == (exit_info.value.code, capsys.readouterr().out)


def test_os_errors_name_their_file() -> None:
    """An operating-system error is shown as its file and reason."""
    error = FileNotFoundError(2, "No such file or directory", "data/x.toml")
    assert "data/x.toml: No such file or directory" == _app.error_text(error, "en")


def test_assess_in_french() -> None:
    """--lang fr prints French headings, phase names and decimal commas."""
    result = run("assess", str(NORTHWIND), "--lang", "fr")
    text = result.stdout
    assert ("Constats" in text, "Plan d'amélioration" in text, "2,50" in text) == (True, True, True)


def test_assess_json_prints_the_result_model_exactly() -> None:
    """--format json prints ``result.model_dump_json(indent=2)`` and nothing else."""
    result = run("assess", str(NORTHWIND), "--format", "json")
    assert (0, northwind().model_dump_json(indent=2) + "\n") == (result.exit_code, result.stdout)
    keys = json.loads(result.stdout).keys()
    assert {"phase", "phase_scores", "confidence", "dimensions", "findings", "plan"} <= keys


def test_assess_json_of_several_paths_is_an_array() -> None:
    """Several PATHs in JSON give one array of results."""
    result = run("assess", str(NORTHWIND), str(SINGLE), "-f", "json")
    assert ["northwind-logistics", "acme-hosting"] == [
        item["relationship"] for item in json.loads(result.stdout)
    ]


def test_assess_writes_markdown_to_a_file(tmp_path: Path) -> None:
    """--out writes the report; stdout stays empty; stderr names the file."""
    out = tmp_path / "report.md"
    result = run("assess", str(NORTHWIND), "-f", "markdown", "-o", str(out))
    assert (0, "", f"wrote {out}\n") == (result.exit_code, result.stdout, result.stderr)
    assert out.read_text(encoding="utf-8").startswith("# Relationship assessment – northwind-logistics\n")


def test_assess_prints_markdown_and_html_on_stdout() -> None:
    """Without --out, Markdown and HTML go to stdout."""
    markdown = run("assess", str(SINGLE), "-f", "markdown")
    html = run("assess", str(SINGLE), "-f", "html", "-l", "fr")
    assert markdown.stdout.startswith("# Relationship assessment – acme-hosting")
    assert html.stdout.startswith('<!DOCTYPE html>\n<html lang="fr">')


def test_assess_writes_a_plain_terminal_report_to_a_file(tmp_path: Path) -> None:
    """The terminal format written to a file is plain text, 100 columns wide."""
    out = tmp_path / "report.txt"
    run("assess", str(NORTHWIND), "-o", str(out), FORCE_COLOR="1")
    text = out.read_text(encoding="utf-8")
    assert ("\x1b[" in text, max(len(line) for line in text.splitlines()) <= 100) == (False, True)
    assert text.startswith("northwind-logistics · Northwind Logistics")


def test_assess_several_paths_write_one_report_per_relationship(tmp_path: Path) -> None:
    """With several PATHs, --out is a folder (created if needed) with one file each."""
    out = tmp_path / "reports"
    result = run("assess", str(NORTHWIND), str(SINGLE), str(SINGLE), "-f", "html", "-o", str(out))
    assert 0 == result.exit_code
    names = sorted(path.name for path in out.iterdir())
    assert ["acme-hosting-2025-06-30.html", "acme-hosting.html", "northwind-logistics.html"] == names


def test_assess_several_paths_print_one_terminal_report_after_another() -> None:
    """Several terminal reports are separated by a rule."""
    result = run("assess", str(NORTHWIND), str(SINGLE))
    assert (0, 2) == (result.exit_code, result.stdout.count("\nDimensions\n"))


def test_assess_several_paths_with_markdown_on_stdout() -> None:
    """Several Markdown reports are separated by a horizontal rule."""
    result = run("assess", str(NORTHWIND), str(SINGLE), "-f", "markdown")
    assert 2 == result.stdout.count("# Relationship assessment – ")


def test_assess_single_path_into_a_folder(tmp_path: Path) -> None:
    """An existing folder as --out receives a file named after the relationship."""
    result = run("assess", str(SINGLE), "-f", "json", "-o", str(tmp_path))
    assert (0, ["acme-hosting.json"]) == (result.exit_code, [p.name for p in tmp_path.iterdir()])


def test_assess_several_paths_refuse_a_file_as_out(tmp_path: Path) -> None:
    """--out must be a folder when several PATHs are given."""
    out = tmp_path / "report.html"
    out.write_text("", encoding="utf-8")
    result = run("assess", str(NORTHWIND), str(SINGLE), "-o", str(out))
    assert (2, f"error: --out {out} must be a folder when several PATHS are given\n") == (
        result.exit_code,
        result.stderr,
    )


def test_assess_several_html_reports_need_a_folder() -> None:
    """HTML for several PATHs cannot go to stdout."""
    result = run("assess", str(NORTHWIND), str(SINGLE), "-f", "html")
    assert 2 == result.exit_code
    assert "needs --out FOLDER" in result.stderr


def test_assess_reports_an_unwritable_output(tmp_path: Path) -> None:
    """An output that cannot be written exits 1 with the reason."""
    (tmp_path / "blocker").write_text("", encoding="utf-8")
    out = tmp_path / "blocker" / "report.md"
    result = run("assess", str(SINGLE), "-f", "markdown", "-o", str(out))
    assert (1, True) == (result.exit_code, result.stderr.startswith(f"error: cannot write {out}: "))


def test_assess_reports_an_uncreatable_output_folder(tmp_path: Path) -> None:
    """A folder that cannot be created for several reports exits 1."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = run("assess", str(NORTHWIND), str(SINGLE), "-o", str(blocker / "reports"))
    assert (1, True) == (
        result.exit_code,
        result.stderr.startswith(f"error: cannot create {blocker / 'reports'}"),
    )


def test_assess_invalid_input_prints_every_problem_without_traceback() -> None:
    """An invalid file exits 2 with each problem on stderr; valid PATHs are still assessed."""
    result = run("assess", str(INVALID), str(SINGLE), "-f", "json")
    assert 2 == result.exit_code
    assert [f"error: {INVALID}: 3 problems in response set", *INVALID_PROBLEMS] == result.stderr.splitlines()
    assert ["acme-hosting"] == [item["relationship"] for item in json.loads(result.stdout)]
    assert "Traceback" not in result.output


def test_assess_a_missing_path_exits_2() -> None:
    """A PATH that does not exist is invalid input."""
    result = run("assess", "no/such/file.toml")
    assert (2, "error: no/such/file.toml: no such file or folder\n") == (result.exit_code, result.stderr)


@pytest.mark.parametrize(
    ("path", "level", "code"),
    [
        (SINGLE, "low", 0),
        (NORTHWIND, "medium", 1),
        (NORTHWIND, "high", 1),
        (NORTHWIND, "critical", 0),
    ],
)
def test_fail_on_exits_1_when_a_finding_is_severe_enough(path: Path, level: str, code: int) -> None:
    """--fail-on compares the most severe finding with the given level."""
    assert code == run("assess", str(path), "--fail-on", level).exit_code


def test_assess_with_a_given_questionnaire() -> None:
    """--questionnaire names the questionnaire to use; an unknown one is invalid input."""
    assert 0 == run("assess", str(SINGLE), "--questionnaire", "pulse", "-f", "json").exit_code
    assert 2 == run("assess", str(SINGLE), "--questionnaire", "nope").exit_code


def test_assess_shows_a_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """With several PATHs and a terminal on stderr, the paths go through Rich's progress bar."""
    seen: list[str] = []

    def track(paths: list[Path], **options: object) -> list[Path]:
        seen.append(str(options["description"]))
        return paths

    monkeypatch.setattr("rich.progress.track", track)
    run("assess", str(NORTHWIND), str(SINGLE), "-f", "json")
    monkeypatch.setattr(assess_commands, "_stderr_is_terminal", lambda: True)
    run("assess", str(SINGLE), "-f", "json")
    result = run("assess", str(NORTHWIND), str(SINGLE), "-f", "json")
    assert (0, ["Assessing"]) == (result.exit_code, seen)


# --------------------------------------------------------------------------- explain, schema


def test_explain_shows_rules_findings_and_baseline() -> None:
    """explain lists each fired rule with its arithmetic, the rules that did not apply,
    each finding's conditions and the baseline."""
    result = run("explain", str(NORTHWIND))
    assert 0 == result.exit_code
    text = result.stdout
    expected = northwind()
    for rule in expected.phase_evidence:
        assert f" {rule.rule} → " in text
    first = expected.phase_evidence[0]
    sign = "−" if first.weight < 0 else "+"
    assert f"weight {sign}{abs(first.weight):.2f} × {first.value:.2f}" in text
    for part in (
        "Rules that applied",
        "Rules that did not apply",
        "Why these findings",
        "Stage-sum baseline",
    ):
        assert f"\n{part}\n" in text
    assert "✓ facts.kpi_green_ratio >= 0.9  value 0.95 · threshold 0.9" in text
    assert "≈ ramp(facts.escalations_per_month, 1, 4)  value 0.5 · threshold –" in text  # graded


def test_explain_lists_what_could_not_be_evaluated() -> None:
    """Rules and patterns that lacked data are listed with the missing names."""
    result = run("explain", str(HOSTILE), "--lang", "fr")
    assert 0 == result.exit_code
    assert "Non évaluable faute de données" in result.stdout
    assert "facts.months_to_exit" in result.stdout


def test_explain_without_phase_rules_or_baseline(tmp_path: Path) -> None:
    """A questionnaire without phase rules or stage questions explains what it can."""
    out = tmp_path / "mini.toml"
    run("fill", str(MINI), "--side", "client", "--respondent", "c", "-o", str(out), input="2\n2\n")
    run("fill", str(MINI), "--side", "supplier", "--respondent", "s", "-o", str(out), input="3\n1\n")
    result = run("explain", str(out), "--questionnaire", str(MINI))
    assert 0 == result.exit_code
    assert "The baseline cannot conclude (no stage question answered)." in result.stdout
    assert "Rules that did not apply" not in result.stdout


def test_explain_invalid_input_exits_2() -> None:
    """An invalid file is reported, exit 2."""
    assert 2 == run("explain", str(INVALID)).exit_code


@pytest.mark.parametrize("kind", ["questionnaire", "responses", "result"])
def test_schema_prints_the_json_schema(kind: str) -> None:
    """schema KIND prints vm.json_schema(KIND) as JSON."""
    result = run("schema", kind)
    assert (0, vm.json_schema(kind)) == (result.exit_code, json.loads(result.stdout))  # type: ignore[arg-type]


def test_schema_refuses_an_unknown_kind() -> None:
    """Only the three kinds exist."""
    assert 2 == run("schema", "plan").exit_code


# --------------------------------------------------------------------------- scripts, README


def script(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / "scripts" / name), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )


def test_assess_folder_script_writes_one_report_per_relationship(tmp_path: Path) -> None:
    """assess_folder.py writes an HTML report for each relationship folder under a root."""
    shutil.copytree(NORTHWIND, tmp_path / "data" / "northwind")
    (tmp_path / "data" / "acme").mkdir()
    shutil.copy(SINGLE, tmp_path / "data" / "acme" / "2025-06-30.toml")
    done = script("assess_folder.py", "data", "--out", "reports", "--lang", "fr", cwd=tmp_path)
    assert (0, "") == (done.returncode, done.stderr)
    assert ["acme.html", "northwind.html"] == sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert '<html lang="fr">' in (tmp_path / "reports" / "northwind.html").read_text(encoding="utf-8")


def test_compare_script_shows_what_changed(tmp_path: Path) -> None:
    """compare.py prints the phase change, dimension deltas and findings that came and went."""
    older, newer = NORTHWIND / "2024-12-31.toml", NORTHWIND / "2025-03-31.toml"
    done = script("compare.py", str(older), str(newer), cwd=tmp_path)
    assert (0, "") == (done.returncode, done.stderr)
    assert "Phase: norming → norming" in done.stdout
    assert "+ watermelon (high)" in done.stdout


def test_compare_script_reads_the_last_two_of_a_folder(tmp_path: Path) -> None:
    """Given one folder, compare.py compares its two newest assessments."""
    done = script("compare.py", str(NORTHWIND), cwd=tmp_path)
    assert (0, True) == (
        done.returncode,
        done.stdout.startswith("northwind-logistics: 2024-12-31 → 2025-03-31"),
    )


def test_build_in_code_script_assesses_a_response_set_built_in_python(tmp_path: Path) -> None:
    """build_in_code.py builds a ResponseSet in code and prints its assessment."""
    done = script("build_in_code.py", cwd=tmp_path)
    assert (0, "") == (done.returncode, done.stderr)
    assert done.stdout.startswith("initech-payroll: ")


def readme_tour() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Tour\n", 1)[1].split("\n## ", 1)[0]


def test_readme_tour_shows_the_command_output() -> None:
    """The Tour's terminal block is the output of the command it shows (sections and header)."""
    tour = readme_tour()
    block = tour.split("```text\n", 1)[1].split("```", 1)[0]
    command = block.splitlines()[0].removeprefix("$ ").split()
    assert "vendormaturity" == command[0]
    result = run(*command[1:])
    shown = block.splitlines()[1:]
    actual = result.stdout.splitlines()
    headings = [line for line in shown if line and line[0].isalpha() and " " not in line.strip()]
    assert 0 == result.exit_code
    assert (shown[:2], headings) == (actual[:2], [line for line in actual if line in headings])


def test_option_choices_match_the_library() -> None:
    """The command's own choice enums (kept for start-up time) list the library's values."""
    from vendormaturity.model.responses import Role
    from vendormaturity.model.schemas import SCHEMA_KINDS

    assert [s.value for s in vm.Severity] == [s.value for s in _app.SeverityLevel]
    assert ["client", "supplier"] == [s.value for s in _app.RespondentSide]
    assert [r.value for r in Role] == [r.value for r in _app.RoleChoice]
    assert list(SCHEMA_KINDS) == [k.value for k in _app.SchemaKind]
