"""The ``facts``, ``followup`` and ``mapping`` commands, run as a user would."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import vendormaturity as vm
from vendormaturity import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "operational"
EXAMPLE = ROOT / "examples" / "ouessant-logistics"


def run(*args: str) -> Result:
    environment: dict[str, str | None] = {"COLUMNS": "100", "NO_COLOR": None, "VENDORMATURITY_LANG": None}
    return CliRunner().invoke(cli.app, list(args), env=environment)


def response_file(tmp_path: Path, text: str = "") -> Path:
    path = tmp_path / "2026-10-06.toml"
    shutil.copy(ROOT / "examples" / "acme-hosting" / "2026-09-15.toml", path)
    if text:
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_facts_print_toml_and_a_summary() -> None:
    """Without --out or --into, the facts go to standard output as TOML, the summary to stderr."""
    result = run("facts", str(SAMPLES / "servicenow"), "-m", "servicenow", "--period", "2026-Q3")
    assert 0 == result.exit_code
    document = tomllib.loads(result.stdout)
    assert {"escalations_per_month", "kpi_green_ratio"} == set(document["facts"])
    assert document["provenance"]["kpi_green_ratio"]["files"] == ["task_sla.csv"]
    assert result.stderr.startswith("Facts over 2026-07-01..2026-09-30:\n  kpi_green_ratio = 0.9")
    assert (
        "escalations_per_month = 16: 48 escalated incidents of 931 incidents in 3 months, Jul–Sep 2026, "
        in (result.stderr)
    )


def test_facts_written_to_a_file(tmp_path: Path) -> None:
    """--out writes the fragment; the summary says which facts could not be computed and why."""
    out = tmp_path / "facts.toml"
    result = run(
        "facts",
        str(SAMPLES / "servicenow" / "incident.csv"),
        "-m",
        "servicenow",
        "--period",
        "2026-Q3",
        "-o",
        str(out),
    )
    assert 0 == result.exit_code
    assert result.stdout.startswith(f"wrote {out}\nFacts over 2026-07-01..2026-09-30:\n")
    assert (
        "  kpi_green_ratio: not computed (no file of source 'task_slas' was given (file names "
        "task_sla*.csv))\n" in result.stdout
    )
    assert "# Not computed: kpi_green_ratio: no file of source 'task_slas' was given" in out.read_text(
        encoding="utf-8"
    )


def test_facts_merge_into_a_response_file(tmp_path: Path) -> None:
    """--into replaces the computed facts of a response file, which then shows their provenance."""
    target = response_file(tmp_path, "# typed by the consultant\n")
    result = run(
        "facts",
        str(SAMPLES / "spreadsheets"),
        "-m",
        "spreadsheets",
        "--period",
        "2026-Q3",
        "--into",
        str(target),
    )
    assert 0 == result.exit_code, result.output
    assert result.stdout.startswith(f"updated {target}: 8 facts changed\n  kpi_green_ratio: 0.96 → 0.7667\n")
    assert (
        f"note: the comments of {target} were not kept: the file is written again from its data"
        in result.stdout
    )
    merged = vm.load_responses(target)
    assert "spreadsheets" == merged.provenance["penalties_applied"].mapping
    shown = run("assess", str(target))
    assert (
        "Facts from operational exports\n• Share of KPIs/SLAs at target = 77%: 23 indicator-months at "
        "target of 30" in (shown.stdout)
    )
    as_json = run("assess", str(target), "--format", "json")
    assert 7 == json.loads(as_json.stdout)["provenance"]["penalties_applied"]["value"]


def test_facts_into_a_json_response_file(tmp_path: Path) -> None:
    """A JSON response file stays JSON."""
    source = vm.load_responses(ROOT / "examples" / "acme-hosting" / "2026-09-15.toml")
    target = tmp_path / "2026-10-06.json"
    target.write_text(vm.dump_responses(source, format="json"), encoding="utf-8")
    result = run(
        "facts",
        str(SAMPLES / "jira-service-management"),
        "-m",
        "jira-service-management",
        "--period",
        "2026-Q3",
        "--into",
        str(target),
    )
    assert 0 == result.exit_code, result.output
    assert (
        "jira-service-management"
        == json.loads(target.read_text())["provenance"]["escalations_per_month"]["mapping"]
    )


def test_problems_exit_2_and_write_nothing(tmp_path: Path) -> None:
    """A problem in the exports is printed, located; nothing is written unless --keep-partial."""
    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(SAMPLES / "servicenow" / "incident.csv", exports / "incident.csv")
    (exports / "task_sla.csv").write_text("task,stage\nINC1,Completed\n", encoding="utf-8")
    out = tmp_path / "facts.toml"
    args = ["facts", str(exports), "-m", "servicenow", "--period", "2026-Q3", "-o", str(out)]
    result = run(*args)
    assert 2 == result.exit_code
    assert not out.exists()
    assert result.stderr.startswith("error: 2 problems in the exports\n")
    assert (
        f"  {exports / 'task_sla.csv'}:1: field 'breached' of source 'task_slas': no column \"has_breached\""
        in (result.stderr)
    )
    assert result.stderr.endswith("nothing written; fix the exports or the mapping, or use --keep-partial\n")
    kept = run(*args, "--keep-partial")
    assert 0 == kept.exit_code
    assert kept.stderr.startswith("warning: 2 problems in the exports\n")
    written = tomllib.loads(out.read_text(encoding="utf-8"))
    assert ["escalations_per_month"] == list(written["facts"])
    assert (
        "source 'task_slas' has problems (listed with the files)"
        == written["provenance"]["kpi_green_ratio"]["missing"]["en"]
    )


def test_sources_named_on_the_command_line(tmp_path: Path) -> None:
    """SOURCE=FILE gives a source its file whatever its name; mixing both forms is a usage error."""
    renamed = tmp_path / "export-0923.csv"
    shutil.copy(SAMPLES / "jira-service-management" / "jira-export.csv", renamed)
    result = run("facts", f"issues={renamed}", "-m", "jira-service-management", "--period", "2026-Q3")
    assert 0 == result.exit_code
    assert ["export-0923.csv"] == tomllib.loads(result.stdout)["provenance"]["escalations_per_month"]["files"]
    mixed = run(
        "facts", f"issues={renamed}", str(tmp_path), "-m", "jira-service-management", "--period", "2026-Q3"
    )
    assert (2, "error: give either files and folders, or SOURCE=FILE for every PATH, not both\n") == (
        mixed.exit_code,
        mixed.stderr,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2027-Q1"], "error: 1 problem found\n  period 2027-01-01..2027-03-31 ends after today"),
        (
            ["--period", "2026-Q3", "--encoding", "ebcdic-klingon"],
            "error: 1 problem found\n  'ebcdic-klingon' is not a character set",
        ),
        (["--period", "2026-Q3", "-m", "nope"], "error: no bundled mapping 'nope'"),
        (
            ["--period", "2026-Q3", "--out", "a.toml", "--into", "b.toml"],
            "error: give --out or --into, not both",
        ),
        (["--period", "2026-Q3", "--into", "absent.toml"], "error: absent.toml: no such file"),
    ],
)
def test_invalid_input_exits_2(args: list[str], message: str) -> None:
    """A bad period, encoding, mapping or target is refused before any export is read."""
    result = run("facts", str(SAMPLES / "servicenow"), "-m", "servicenow", *args)
    assert 2 == result.exit_code
    assert result.stderr.startswith(message)


def test_a_period_in_the_future_can_be_confirmed() -> None:
    """--confirm-period accepts a period that has not ended; its rows are then simply absent."""
    result = run(
        "facts", str(SAMPLES / "servicenow"), "-m", "servicenow", "--period", "2027-Q1", "--confirm-period"
    )
    assert 2 == result.exit_code
    assert (
        "no row of source 'incidents' is dated in 2027-01-01..2027-03-31 (its rows are dated "
        "2026-01-02..2026-09-30)" in (result.stderr)
    )


# --------------------------------------------------------------------------- followup


def test_followup_writes_the_next_rounds_block(tmp_path: Path) -> None:
    """From a folder: one entry per action of the newest plan, titles as comments, statuses to fill."""
    out = tmp_path / "next.toml"
    result = run("followup", str(ROOT / "examples" / "acme-hosting"), "--out", str(out))
    assert (0, f"wrote {out}: 7 actions, 0 statuses from the tracker\n") == (result.exit_code, result.stdout)
    text = out.read_text(encoding="utf-8")
    assert text.startswith(
        "# Follow-up of the improvement plan of acme-hosting, assessed 2026-09-15 (relationship 1.1.0).\n"
    )
    assert (
        "\n# Pilot experience-level indicators (XLAs) (Joint · Short · priority "
        '1)\n[[followup]]\naction = "xla_pilot"\n'
        '# status = "done" | "in_progress" | "not_started" | "dropped"\n'
    ) in text
    again = run("followup", str(ROOT / "examples" / "acme-hosting"), "--out", str(out))
    assert (1, f"error: {out} exists; use --force to overwrite it\n") == (again.exit_code, again.stderr)


def test_followup_from_a_saved_result_or_a_response_file(tmp_path: Path) -> None:
    """A saved result and a single response file give the same block as the assessment they hold."""
    current = vm.load_responses(ROOT / "examples" / "castellane-linen" / "2026-05-12.toml")
    result = vm.assess(vm.load_questionnaire("relationship"), current)
    saved = tmp_path / "result.json"
    saved.write_text(result.model_dump_json(), encoding="utf-8")
    from_result = run("followup", str(saved), "--lang", "fr")
    from_file = run(
        "followup", str(ROOT / "examples" / "castellane-linen" / "2026-05-12.toml"), "--lang", "fr"
    )
    assert 0 == from_result.exit_code
    assert from_result.stdout == from_file.stdout
    assert from_result.stdout.startswith(
        "# Suivi du plan d'amélioration de castellane-linen, évalué le 2026-05-12"
    )


def test_followup_fills_statuses_from_the_tracker(tmp_path: Path) -> None:
    """With --tracker, the statuses and notes come from the action tracker's export."""
    result = run(
        "followup",
        str(EXAMPLE / "2025-10-14.toml"),
        "--tracker",
        str(EXAMPLE / "exports" / "actions.csv"),
        "-m",
        "spreadsheets",
    )
    assert 0 == result.exit_code, result.output
    expected = vm.load_responses(EXAMPLE / "2026-10-13.toml").followup
    block = [item for item in tomllib.loads(result.stdout)["followup"] if "status" in item]
    assert [item.model_dump(mode="json", exclude_none=True) for item in expected] == block
    assert "# Statuses filled from the action tracker: " in result.stdout
    assert "note: 260 tracker rows without a plan action id\n" == result.stderr


def test_followup_tracker_problems(tmp_path: Path) -> None:
    """An unknown status and an action listed twice are located; a tracker needs a mapping."""
    tracker = tmp_path / "actions.csv"
    tracker.write_text(
        "ID,Plan action,Title,Owner,Due,Status,Comment\n"
        "A1,xla_pilot,XLA,joint,2026-01-31,Blocked,\n"
        "A2,xla_pilot,XLA,joint,2026-01-31,Done,\n"
        "A3,other_thing,Other,joint,2026-01-31,Done,\n",
        encoding="utf-8",
    )
    result = run(
        "followup", str(ROOT / "examples" / "acme-hosting"), "--tracker", str(tracker), "-m", "spreadsheets"
    )
    assert 2 == result.exit_code
    assert [
        "error: 2 problems in the action tracker",
        f"  {tracker}:2: column \"Status\": status 'Blocked' means none of done, in_progress, "
        "not_started, dropped "
        "in the mapping; add it to one",
        f"  {tracker}:3: column \"Plan action\": action 'xla_pilot' is also on row 2; keep one row "
        "per plan action",
    ] == result.stderr.splitlines()
    no_mapping = run("followup", str(ROOT / "examples" / "acme-hosting"), "--tracker", str(tracker))
    assert (2, "error: --tracker needs --mapping (the mapping whose [followup] table reads it)\n") == (
        no_mapping.exit_code,
        no_mapping.stderr,
    )
    no_table = run(
        "followup", str(ROOT / "examples" / "acme-hosting"), "--tracker", str(tracker), "-m", "servicenow"
    )
    assert (2, "error: 1 problem found\n  no mapping has a [followup] table naming the action tracker\n") == (
        no_table.exit_code,
        no_table.stderr,
    )
    nothing = run(
        "followup",
        str(ROOT / "examples" / "acme-hosting"),
        "--tracker",
        str(tmp_path / "absent"),
        "-m",
        "spreadsheets",
    )
    assert 2 == nothing.exit_code


def test_followup_notes_rows_outside_the_plan(tmp_path: Path) -> None:
    """Tracker rows about other actions are counted in a note, not dropped unsaid."""
    tracker = tmp_path / "actions.csv"
    tracker.write_text(
        "ID,Plan action,Title,Owner,Due,Status,Comment\nA1,xla_pilot,XLA,joint,2026-01-31,Open,\n"
        "A3,other_thing,Other,joint,2026-01-31,Done,\n",
        encoding="utf-8",
    )
    result = run(
        "followup", str(ROOT / "examples" / "acme-hosting"), "--tracker", str(tracker), "-m", "spreadsheets"
    )
    assert 0 == result.exit_code
    assert "note: 1 tracker row about actions outside the plan: other_thing\n" == result.stderr
    assert 'action = "xla_pilot"\nstatus = "not_started"\nnote = "due 2026-01-31"\n' in result.stdout


# --------------------------------------------------------------------------- mapping


def test_mapping_lists_prints_and_checks(tmp_path: Path) -> None:
    """Without an argument, the bundled mappings; with an id, its text; with a file, a check."""
    listed = run("mapping")
    assert 0 == listed.exit_code
    assert listed.stdout.startswith(
        "dynamics365              Dynamics 365: cases, SLA KPI instances and connections"
    )
    assert "facts: escalations_per_month, kpi_green_ratio\n" in listed.stdout
    printed = run("mapping", "servicenow")
    assert printed.stdout == (ROOT / "mappings" / "servicenow.toml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(printed.stdout, encoding="utf-8")
    checked = run("mapping", str(mine))
    assert (
        0,
        f"ok       {mine}: mapping servicenow, 2 sources, facts: escalations_per_month, kpi_green_ratio\n",
    ) == (
        checked.exit_code,
        checked.stdout,
    )
    mine.write_text(printed.stdout.replace('key = "number"', 'key = "numbr"'), encoding="utf-8")
    broken = run("mapping", str(mine))
    assert 2 == broken.exit_code
    assert broken.stdout.startswith(f"invalid  {mine}: 1 problem\n  {mine}:")
    absent = run("mapping", str(tmp_path / "absent.toml"))
    assert (2, f"error: {tmp_path / 'absent.toml'}: no such file\n") == (absent.exit_code, absent.stderr)
    followed = run("mapping", str(ROOT / "mappings" / "spreadsheets.toml"))
    assert followed.stdout.endswith("improvement_proposals, follow-up statuses\n")


def _report(folder: Path, opened: list[str]) -> Path:
    """A Salesforce report of cases, Details Only, its dates *opened* as the user's locale writes them."""
    folder.mkdir(exist_ok=True)
    lines = ['"Case Number","Date/Time Opened","Priority","Status","Escalated"']
    lines += [f'"{1001 + n:08d}","{day}","High","Closed","{n % 2}"' for n, day in enumerate(opened)]
    lines += ['""', '"Confidential Information - Do Not Distribute"']
    lines += ['"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."']
    path = folder / "report1790931600000.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_salesforce_reports_dates_are_read_as_the_user_says(tmp_path: Path) -> None:
    """Dates that read both ways are refused, naming --date-format; with it, they count in its order."""
    report = _report(
        tmp_path / "exports", ["7/3/2026 10:12 AM", "8/1/2026 9:05 PM", "9/2/2026 8:00 AM", "4/9/2026"]
    )
    args = ["facts", str(report.parent), "-m", "salesforce-report", "--period", "2026-Q3"]
    refused = run(*args)
    assert 2 == refused.exit_code
    assert (
        f'  {report}:2: column "Date/Time Opened": the dates of this column do not say whether the day or '
        "the month comes first (each reads both ways, or both orders are seen): say how the exporting user's "
        "locale writes them with --date-format day_first or month_first (en_US writes the month first; "
        'en_GB, fr, de the day first), or set date_format = "day_first" or "month_first" for this source\n'
    ) in refused.stderr
    month_first = run(*args, "--date-format", "month_first")
    assert 0 == month_first.exit_code, month_first.stderr
    provenance = tomllib.loads(month_first.stdout)["provenance"]["escalations_per_month"]
    assert [1, 3] == [provenance["rows"], provenance["of"]]  # 3 Jul, 1 Aug, 2 Sep; 9 April is out
    day_first = run(*args, "--date-format", "day_first")
    provenance = tomllib.loads(day_first.stdout)["provenance"]["escalations_per_month"]
    assert [1, 1] == [provenance["rows"], provenance["of"]]  # 7 March, 8 January, 9 February out; 4 September
    assert 0 == day_first.exit_code


def test_a_wrong_or_unused_date_format_is_said(tmp_path: Path) -> None:
    """--date-format takes day_first, month_first or a pattern; a source of fixed format ignores it, said."""
    wrong = run(
        "facts", str(SAMPLES / "servicenow"), "-m", "servicenow", "--period", "2026-Q3", "--date-format", "us"
    )
    assert 2 == wrong.exit_code
    assert (
        "  --date-format 'us' is not a date format: give day_first (31/12/2026), month_first (12/31/2026) or "
        'a pattern such as "%d.%m.%Y %H:%M"\n'
    ) in wrong.stderr
    unused = run(
        "facts",
        str(SAMPLES / "servicenow"),
        "-m",
        "servicenow",
        "--period",
        "2026-Q3",
        "--date-format",
        "day_first",
    )
    assert 0 == unused.exit_code
    found = vm.facts_from(
        SAMPLES / "servicenow", "servicenow", period="2026-Q3", date_format="day_first", timezone="UTC"
    )
    assert (
        "--date-format day_first was not used: it applies to exports written in the exporting user's locale "
        '(date_format = "day_or_month_first" in the mapping), and no source given files is one'
    ) in found.notes


SAMPLE_CASES = [
    pytest.param(
        folder,
        case,
        id="-".join(
            [folder.name, case["period"], case.get("timezone", "local"), case.get("date_format", "read")]
        ),
    )
    for folder in sorted(path for path in SAMPLES.iterdir() if path.is_dir())
    for case in tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))["cases"]
]


@pytest.mark.parametrize(("folder", "case"), SAMPLE_CASES)
def test_each_tools_export_gives_its_facts_through_the_command(folder: Path, case: dict[str, Any]) -> None:
    """`facts FOLDER -m MAPPING --period P` on each tool's sample gives the facts of its records."""
    expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    args = ["facts", str(folder), "--period", str(case["period"])]
    args += [option for mapping in expected["mappings"] for option in ("-m", mapping)]
    args += ["--timezone", str(case["timezone"])] if "timezone" in case else []
    args += ["--date-format", str(case["date_format"])] if "date_format" in case else []
    result = run(*args)
    assert 0 == result.exit_code, result.stderr
    document = tomllib.loads(result.stdout)
    facts = case["facts"]
    counted = case.get("counted", {})
    assert facts == {name: document["facts"].get(name) for name in facts}
    assert counted == {
        name: [document["provenance"][name]["rows"], document["provenance"][name]["of"]] for name in counted
    }


def test_a_report_read_in_the_order_its_mapping_says(tmp_path: Path) -> None:
    """A copy of the bundled mapping with date_format set for the user's locale reads every date so."""
    report = _report(tmp_path / "exports", ["7/3/2026 10:12", "8/1/2026 21:05", "9/2/2026 08:00", "4/9/2026"])
    printed = run("mapping", "salesforce-report")
    mine = tmp_path / "my-mapping.toml"
    mine.write_text(
        printed.stdout.replace('date_format = "day_or_month_first"', 'date_format = "day_first"'),
        encoding="utf-8",
    )
    result = run("facts", str(report.parent), "-m", str(mine), "--period", "2026-Q3")
    assert 0 == result.exit_code, result.stderr
    provenance = tomllib.loads(result.stdout)["provenance"]["escalations_per_month"]
    assert [1, 1] == [provenance["rows"], provenance["of"]]  # only 4/9/2026 is in Q3 (4 September)
    assert "was not used" not in result.stderr


def test_a_report_read_with_a_pattern_for_its_locale(tmp_path: Path) -> None:
    """A locale that writes 15.09.2026 10:12 is read with --date-format and a strptime pattern."""
    report = _report(tmp_path / "exports", ["03.07.2026 10:12", "01.08.2026 21:05", "02.09.2026 08:00"])
    args = ["facts", str(report.parent), "-m", "salesforce-report", "--period", "2026-Q3"]
    result = run(*args, "--date-format", "%d.%m.%Y %H:%M")
    assert 0 == result.exit_code, result.stderr
    provenance = tomllib.loads(result.stdout)["provenance"]["escalations_per_month"]
    assert [1, 3] == [provenance["rows"], provenance["of"]]
    wrong = run(*args, "--date-format", "%m/%d/%Y %I:%M %p")
    assert 2 == wrong.exit_code
    assert (
        f"  {report}:2: column \"Date/Time Opened\": '03.07.2026 10:12' does not match the date format "
        '%m/%d/%Y %I:%M %p; it is day-first or month-first: say which with date_format = "day_first" or '
        '"month_first"\n'
    ) in wrong.stderr


def test_a_report_without_rows_or_with_its_footer_amid_the_rows_is_refused(tmp_path: Path) -> None:
    """A report of no case says no row is dated; totals with rows under them are a report's own line."""
    empty = _report(tmp_path / "empty", [])
    args = ["-m", "salesforce-report", "--period", "2026-Q3"]
    refused = run("facts", str(empty.parent), *args)
    assert 2 == refused.exit_code
    assert (
        f"  {empty}: no row of source 'cases' is dated in 2026-07-01..2026-09-30 (no row is dated)\n"
    ) in refused.stderr
    pasted = _report(tmp_path / "pasted", ["7/3/2026 10:12 AM", "7/15/2026 9:05 PM"])
    lines = pasted.read_text(encoding="utf-8").splitlines()
    lines[2:2] = ['""', '"Grand Totals (1 records)"', '""']
    pasted.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused = run("facts", str(pasted.parent), *args)
    assert 2 == refused.exit_code
    assert (
        f"  {pasted}:4: a line of one field ('Grand Totals (1 records)') after an empty line, with rows "
        "under it: a report's own line (its totals or footer) amid the data? Give each export as its own "
        "file, as the tool wrote it\n"
    ) in refused.stderr
