"""Round after round, as a consultant runs them: no command overwrites answers, and what the
relationship already knows carries over to the next round."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import vendormaturity as vm
from conftest import CliRun

ROOT = Path(__file__).resolve().parents[1]
ACME = ROOT / "examples" / "acme-hosting"
EXPORTS = ROOT / "examples" / "ouessant-logistics" / "exports"
FACTS = ("facts", str(EXPORTS), "-m", "servicenow", "-m", "spreadsheets", "--period", "2026-Q3")


def copy_of_acme(tmp_path: Path) -> Path:
    folder = tmp_path / "acme-hosting"
    shutil.copytree(ACME, folder)
    return folder


def answer_every_question(path: Path, name: str, answer: int = 3) -> None:
    """Fill a relationship workbook as its respondent would: a name, a role, every question."""
    q = vm.load_questionnaire("relationship")
    questions = {question.id for question in q.questions}
    book = load_workbook(path)
    sheet = book[book.sheetnames[1]]
    rows = {str(row[0].value): row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value}
    sheet.cell(rows["#name"], 4).value = name
    sheet.cell(rows["#role"], 4).value = "Manager"
    for key, row in rows.items():
        if key in questions:
            sheet.cell(row, 4).value = answer
    book.save(path)


def facts_sheet(path: Path) -> dict[str, Any]:
    """The values of an exported workbook's facts sheet, by fact id."""
    book = load_workbook(path)
    sheet = book[book.sheetnames[2]]
    return {
        str(row[0].value): row[3].value
        for row in sheet.iter_rows(min_row=5, max_col=4)
        if row[0].value and row[3].value is not None
    }


# --------------------------------------------------------------------------- no overwrite


def test_facts_out_refuses_a_response_file_and_points_at_into(cli: CliRun, tmp_path: Path) -> None:
    """`facts --out` on a response file stops (exit 1), leaves it whole and says to use --into."""
    answers = tmp_path / "responses.toml"
    shutil.copy(ACME / "2026-09-15.toml", answers)
    before = answers.read_bytes()
    result = cli(*FACTS, "--out", str(answers))
    assert 1 == result.exit_code
    assert (
        f"error: {answers} exists; it is a response file: merge the facts into it with --into {answers}, "
        "or use --force to overwrite it\n"
    ) == result.stderr
    assert before == answers.read_bytes()


def test_facts_out_replaces_its_own_facts_file_and_any_file_with_force(cli: CliRun, tmp_path: Path) -> None:
    """A facts file `facts` wrote is its own to replace; any other file needs --force."""
    out = tmp_path / "facts.toml"
    assert 0 == cli(*FACTS, "--out", str(out)).exit_code
    assert 0 == cli(*FACTS, "--out", str(out)).exit_code
    notes = tmp_path / "notes.toml"
    notes.write_text("title = 'my notes'\n", encoding="utf-8")
    refused = cli(*FACTS, "--out", str(notes))
    assert (1, f"error: {notes} exists; use --force to overwrite it\n") == (refused.exit_code, refused.stderr)
    assert 0 == cli(*FACTS, "--out", str(notes), "--force").exit_code
    assert tomllib.loads(notes.read_text(encoding="utf-8"))["facts"]


def test_assess_out_replaces_its_own_report_but_not_a_response_file(cli: CliRun, tmp_path: Path) -> None:
    """A report is written again over the earlier one; a response file named by mistake is kept."""
    answers = tmp_path / "2026-09-15.toml"
    shutil.copy(ACME / "2026-09-15.toml", answers)
    refused = cli("assess", str(ACME), "--format", "markdown", "--out", str(answers))
    assert (1, f"error: {answers} exists; use --force to overwrite it\n") == (
        refused.exit_code,
        refused.stderr,
    )
    assert (ACME / "2026-09-15.toml").read_bytes() == answers.read_bytes()
    for form, name in (("html", "r.html"), ("json", "r.json"), ("markdown", "r.md"), ("terminal", "r.txt")):
        report = tmp_path / name
        for _ in range(2):
            result = cli("assess", str(ACME), "--format", form, "--out", str(report))
            assert 0 == result.exit_code, result.stderr


def test_portfolio_report_keeps_a_page_it_did_not_write(cli: CliRun, tmp_path: Path) -> None:
    """The report's folder may hold its earlier pages, not someone's index.html."""
    db = f"sqlite:///{tmp_path / 'p.db'}"
    assert 0 == cli("portfolio", "init", "--db", db).exit_code
    assert 0 == cli("portfolio", "add", str(ACME), "--db", db).exit_code
    out = tmp_path / "report"
    assert 0 == cli("portfolio", "report", "--out", str(out), "--db", db).exit_code
    assert 0 == cli("portfolio", "report", "--out", str(out), "--db", db).exit_code
    (out / "index.html").write_text("<p>the team's own page</p>", encoding="utf-8")
    refused = cli("portfolio", "report", "--out", str(out), "--db", db)
    assert (1, f"error: {out / 'index.html'} exists; use --force to overwrite it\n") == (
        refused.exit_code,
        refused.stderr,
    )
    assert 0 == cli("portfolio", "report", "--out", str(out), "--db", db, "--force").exit_code


# --------------------------------------------------------------------------- the next round


def test_export_from_the_folder_prefills_the_facts_sheet(cli: CliRun, tmp_path: Path) -> None:
    """`export --from FOLDER` fills in what the relationship knows, and says so on the sheet."""
    out = tmp_path / "claire.xlsx"
    result = cli("export", "relationship", "--side", "client", "--from", str(ACME), "--out", str(out))
    assert 0 == result.exit_code, result.output
    assert (
        f"pre-filled 4 facts from {ACME}: exit_plan_active, segment, contract_start, contract_end\n"
    ) in result.stdout
    assert {
        "contract_start": datetime.datetime(2022, 6, 1),
        "contract_end": datetime.datetime(2029, 5, 31),
        "exit_plan_active": "No",
        "segment": "Strategic",
    } == facts_sheet(out)
    book = load_workbook(out)
    assert f"The values known from the previous round ({ACME}) are filled in" in str(
        book[book.sheetnames[2]]["B2"].value
    )
    meta = {str(row[0].value): row[1].value for row in book["_vendormaturity"].iter_rows(max_col=2)}
    assert ("acme-hosting", "ACME Industries") == (meta["relationship"], meta["client"])


def test_a_second_round_from_exported_workbooks_keeps_the_relationship_facts(
    cli: CliRun, tmp_path: Path
) -> None:
    """Export from the folder, answer, import into the folder: segment and contract facts are
    not typed again, the age and months to exit follow, the portfolio lists the segment."""
    folder = copy_of_acme(tmp_path)
    workbooks = []
    for side, name in (("client", "Claire"), ("supplier", "Sam")):
        path = tmp_path / f"{name.lower()}.xlsx"
        exported = cli("export", "relationship", "--side", side, "--from", str(folder), "--out", str(path))
        assert 0 == exported.exit_code, exported.output
        answer_every_question(path, name)
        workbooks.append(str(path))
    new_round = folder / "2026-12-01.toml"
    imported = cli("import", *workbooks, "--date", "2026-12-01", "--out", str(new_round))
    assert 0 == imported.exit_code, imported.output
    facts = vm.load_responses(new_round).facts
    assert {
        "contract_start": "2022-06-01",
        "contract_end": "2029-05-31",
        "exit_plan_active": False,
        "segment": "strategic",
    } == facts
    assessed = cli("assess", str(folder), "--format", "json")
    assert 0 == assessed.exit_code, assessed.stderr
    result = json.loads(assessed.stdout)
    assert ["age_months", "months_to_exit"] == sorted(result["origins"])
    assert "age_months" in result["data"]["facts_given"]
    db = f"sqlite:///{tmp_path / 'p.db'}"
    assert 0 == cli("portfolio", "init", "--db", db).exit_code
    assert 0 == cli("portfolio", "add", str(folder), "--db", db).exit_code
    listed = cli("portfolio", "list", "--segment", "strategic", "--format", "csv", "--db", db)
    assert "acme-hosting" in listed.stdout
    assert "2026-12-01" in listed.stdout


def test_import_carries_what_the_workbooks_do_not_give(cli: CliRun, tmp_path: Path) -> None:
    """Workbooks exported without --from give no facts: import takes them from the folder's
    earlier rounds, records where from, and says so."""
    folder = copy_of_acme(tmp_path)
    workbooks = []
    for side, name in (("client", "Claire"), ("supplier", "Sam")):
        path = tmp_path / f"{name.lower()}.xlsx"
        assert (
            0
            == cli(
                "export", "relationship", "--side", side, "--relationship", "acme-hosting", "--out", str(path)
            ).exit_code
        )
        answer_every_question(path, name)
        workbooks.append(str(path))
    new_round = folder / "2026-12-01.toml"
    imported = cli("import", *workbooks, "--date", "2026-12-01", "--out", str(new_round))
    assert 0 == imported.exit_code, imported.output
    newest = folder / "2026-09-15.toml"
    assert (
        f"carried 4 standing facts from {newest}: exit_plan_active, segment, contract_start, contract_end\n"
    ) in imported.stdout
    responses = vm.load_responses(new_round)
    assert (
        vm.FactOrigin(kind="carried", round=datetime.date(2026, 9, 15), file=str(newest))
        == (responses.origins["segment"])
    )


def test_fill_starts_the_next_round_from_the_previous_one(cli: CliRun, tmp_path: Path) -> None:
    """A new file in a relationship folder takes its names and standing facts from the last round."""
    folder = copy_of_acme(tmp_path)
    out = folder / "2026-12-01.toml"
    answers = "\n".join(["q"])
    result = cli(
        "fill", "relationship", "--side", "client", "--respondent", "Claire", "--date", "2026-12-01",
        "--out", str(out), input=answers + "\n",
    )  # fmt: skip
    assert 0 == result.exit_code, result.output
    responses = vm.load_responses(out)
    assert ("acme-hosting", "ACME Industries", "HostCo Managed Services") == (
        responses.relationship,
        responses.client,
        responses.supplier,
    )
    assert "strategic" == responses.facts["segment"]
    assert "carried 4 standing facts from" in result.stderr


def test_fill_from_a_previous_file_elsewhere(cli: CliRun, tmp_path: Path) -> None:
    """--from names the previous round when the new file is not in its folder."""
    out = tmp_path / "next.toml"
    result = cli(
        "fill", "relationship", "--side", "client", "--respondent", "Claire", "--date", "2026-12-01",
        "--from", str(ACME / "2026-09-15.toml"), "--out", str(out), input="q\n",
    )  # fmt: skip
    assert 0 == result.exit_code, result.output
    assert "2029-05-31" == vm.load_responses(out).facts["contract_end"]


def test_an_unreadable_folder_is_a_note_not_a_stop(cli: CliRun, tmp_path: Path) -> None:
    """An earlier round that does not load leaves nothing to carry; the new round is still made."""
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "2026-01-01.toml").write_text("not = [toml\n", encoding="utf-8")
    out = folder / "2026-12-01.toml"
    result = cli(
        "fill", "relationship", "--side", "client", "--respondent", "Claire", "--date", "2026-12-01",
        "--out", str(out), input="q\n",
    )  # fmt: skip
    assert 0 == result.exit_code, result.output
    assert f"note: the earlier rounds of {folder} were not read, so no fact carries over:" in result.stderr


# --------------------------------------------------------------------------- extras and the API


def _without(module: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command line run with *module* missing, as when its extra is not installed."""
    program = (
        f"import sys; sys.modules[{module!r}] = None; sys.argv = ['vendormaturity', *{list(argv)!r}]; "
        "from vendormaturity.cli import main; main()"
    )
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("module", "extra", "argv"),
    [
        ("sqlalchemy", "store", ["portfolio", "list"]),
        ("openpyxl", "excel", ["export", "pulse", "--side", "client", "--out", "-"]),
    ],
)
def test_a_missing_extra_is_one_line_naming_it(module: str, extra: str, argv: list[str]) -> None:
    """No traceback: the command says which extra to install, and exits 1."""
    done = _without(module, *argv)
    expected = (
        f"error: this needs {module}, which the {extra} extra installs: "
        f"pip install 'vendormaturity[{extra}]'\n"
    )
    assert (1, expected) == (done.returncode, done.stderr)


def test_a_missing_extra_in_french() -> None:
    """The message speaks the language asked for."""
    done = _without("sqlalchemy", "portfolio", "report", "--out", "-", "--lang", "fr")
    assert (
        "erreur\u202f: il faut sqlalchemy, qu'installe l'extra store\u202f: "
        "pip install 'vendormaturity[store]'\n"
    ) == done.stderr


def test_the_library_names_the_extra_of_a_missing_module() -> None:
    """`vm.Portfolio` without SQLAlchemy says which extra brings it."""
    program = "import sys; sys.modules['sqlalchemy'] = None; import vendormaturity as vm; vm.Portfolio"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert (
        "ModuleNotFoundError: vendormaturity.Portfolio needs sqlalchemy, which the store extra installs: "
        "pip install 'vendormaturity[store]'"
    ) == done.stderr.strip().splitlines()[-1]


def test_read_workbooks_takes_one_path_or_several(tmp_path: Path) -> None:
    """One path is one workbook (not one per character of its name)."""
    q = vm.load_questionnaire("relationship")
    path = tmp_path / "claire.xlsx"
    vm.export_workbook(
        q, side="client", lang="en", path=path, relationship="acme", date=datetime.date(2026, 9, 1)
    )
    answer_every_question(path, "Claire")
    one = vm.read_workbooks(q, str(path))
    assert one.responses == vm.read_workbooks(q, [path]).responses
    assert ["claire"] == [person.id for person in one.responses.respondents]


def test_api_errors_speak_of_parameters(tmp_path: Path) -> None:
    """A library caller is told the parameter to give; the option is named for the command line."""
    q = vm.load_questionnaire("relationship")
    path = tmp_path / "claire.xlsx"
    vm.export_workbook(q, side="client", lang="en", path=path)
    answer_every_question(path, "Claire")
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_workbooks(q, path)
    assert [
        "the relationship is not named: no file names it; give relationship= (--relationship on the command "
        "line), or export the workbooks with the relationship named"
    ] == [problem.message for problem in raised.value.problems]


def test_portfolio_add_takes_one_path(tmp_path: Path) -> None:
    """`Portfolio.add` takes a folder as a plain string too."""
    with vm.Portfolio(f"sqlite:///{tmp_path / 'p.db'}", create=True) as portfolio:
        portfolio.init()
        assert 4 == portfolio.add(str(ACME)).added


def test_import_carries_nothing_from_another_relationship(cli: CliRun, tmp_path: Path) -> None:
    """A folder shared by several relationships gives each only its own rounds' facts."""
    folder = copy_of_acme(tmp_path)
    path = tmp_path / "claire.xlsx"
    assert (
        0
        == cli(
            "export", "relationship", "--side", "client", "--relationship", "globex", "--out", str(path)
        ).exit_code
    )
    answer_every_question(path, "Claire")
    new_round = folder / "2026-12-01.toml"
    imported = cli("import", str(path), "--date", "2026-12-01", "--out", str(new_round))
    assert 0 == imported.exit_code, imported.output
    assert "carried" not in imported.stdout
    assert {} == vm.load_responses(new_round).facts


# --------------------------------------------------------------------------- the decided end


@pytest.mark.parametrize(
    ("outcome", "phase", "findings"),
    [
        ("exit", "adjourning", ["unprepared_exit", "watermelon"]),
        ("renewal", "norming", ["watermelon"]),
        ("retender", "norming", ["unprepared_exit", "watermelon"]),
        ("undecided", "norming", ["unprepared_exit", "watermelon"]),
    ],
)
def test_a_decided_exit_within_a_year_is_adjourning(
    cli: CliRun, tmp_path: Path, outcome: str, phase: str, findings: list[str]
) -> None:
    """Nine months before the contract's end, no exit plan: a decided exit places the relationship
    in adjourning and its unpreparedness is still a finding; a signed renewal is neither."""
    folder = copy_of_acme(tmp_path)
    newest = folder / "2026-09-15.toml"
    text = newest.read_text(encoding="utf-8")
    typed = f'contract_end = 2027-06-15\ncontract_end_outcome = "{outcome}"'
    newest.write_text(text.replace("contract_end = 2029-05-31", typed), encoding="utf-8")
    assessed = cli("assess", str(folder), "--format", "json")
    assert 0 == assessed.exit_code, assessed.stderr
    result = json.loads(assessed.stdout)
    fired = [e["rule"] for e in result["phase_evidence"] if e["phase"] == "adjourning" and e["value"]]
    assert (phase, findings) == (result["phase"], [finding["pattern"] for finding in result["findings"]])
    assert ("adjourning_exit_decided" in fired) is (outcome == "exit")
    assert f"Phase: {phase.title()}" in cli("assess", str(folder)).stdout


# --------------------------------------------------------------------------- dates


def test_every_command_refuses_a_date_no_one_meant_the_same_way(cli: CliRun, tmp_path: Path) -> None:
    """2099-01-01: export, import, fill, validate and assess refuse it with the same reason, and
    each takes it once confirmed."""
    workbook, round_file = tmp_path / "claire.xlsx", tmp_path / "2099-01-01.toml"
    exported = cli(
        "export", "relationship", "--side", "client", "--relationship", "acme", "--out", str(workbook)
    )
    assert 0 == exported.exit_code, exported.output
    answer_every_question(workbook, "Claire")
    made = cli(
        "new",
        "pulse",
        "--relationship",
        "acme",
        "--out",
        str(round_file),
        "--date",
        "2099-01-01",
        "--accept-dates",
    )
    assert 0 == made.exit_code, made.output
    commands = {
        "export": (
            "export",
            "pulse",
            "--side",
            "client",
            "--out",
            str(tmp_path / "w.xlsx"),
            "--date",
            "2099-01-01",
        ),
        "import": ("import", str(workbook), "--out", str(tmp_path / "i.toml"), "--date", "2099-01-01"),
        "fill": (
            "fill",
            "pulse",
            "--out",
            str(tmp_path / "f.toml"),
            "--side",
            "client",
            "--respondent",
            "Ann",
            "--date",
            "2099-01-01",
        ),
        "validate": ("validate", str(round_file)),
        "assess": ("assess", str(round_file)),
    }
    reason = "2099-01-01 is more than 7 days in the future (today is "
    codes: dict[str, int] = {}
    for name, argv in commands.items():
        refused = cli(*argv, input="q\n")
        assert (name, 2, True) == (name, refused.exit_code, reason in refused.output), refused.output
        accepted = cli(*argv, "--accept-dates", input="q\n")
        codes[name] = accepted.exit_code
        assert (name, False) == (name, reason in accepted.output), accepted.output
    # taken: only the empty round's lack of answers keeps assess from a verdict
    assert {"export": 0, "import": 0, "fill": 0, "validate": 0, "assess": 3} == codes
