"""``vm.facts_from``: a questionnaire's facts over a period, from operational exports, with provenance.

The sample exports in tests/data/operational/ are written by tools/make_operational_samples.py,
which also computes, from its own records, the facts they must give (expected.toml): the
library is checked against that independent oracle. Bad inputs are small files written here.
"""

from __future__ import annotations

import datetime
import functools
import json
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest

import vendormaturity as vm
from vendormaturity.sources.operational import ExportedFacts
from vendormaturity.sources.operational.mapping import mapping_from_dict

SAMPLES = Path(__file__).parent / "data" / "operational"
TODAY = datetime.date(2026, 10, 15)
CASES = [
    pytest.param(
        folder.name,
        case,
        id="-".join(
            [folder.name, case["period"], case.get("timezone", "local"), case.get("date_format", "read")]
        ),
    )
    for folder in sorted(path for path in SAMPLES.iterdir() if path.is_dir())
    for case in tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))["cases"]
]
INCIDENT_HEADER = "number,opened_at,priority,state,category,escalation\n"


def expected_of(folder: str) -> dict[str, Any]:
    return tomllib.loads((SAMPLES / folder / "expected.toml").read_text(encoding="utf-8"))


def facts(paths: Any, mapping: Any, period: str = "2026-Q3", **options: Any) -> ExportedFacts:
    return vm.facts_from(paths, mapping, period=period, today=TODAY, **options)


@functools.cache
def sample(
    folder: str, period: str = "2026-Q3", timezone: str | None = None, date_format: str | None = None
) -> ExportedFacts:
    """The facts of a sample folder, computed once for the tests that read them."""
    return facts(
        [SAMPLES / folder],
        expected_of(folder)["mappings"],
        period=period,
        timezone=timezone,
        date_format=date_format,
    )


def files(folder: Path, **contents: str | bytes) -> Path:
    """Write files named by keyword (``incident_csv="..."`` is incident.csv) into *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in contents.items():
        stem, _, suffix = name.rpartition("_")
        path = folder / f"{stem}.{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def problems_of(error: pytest.ExceptionInfo[vm.ValidationError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# --------------------------------------------------------------------------- the samples


@pytest.mark.parametrize(("folder", "case"), CASES)
def test_each_tool_gives_the_facts_of_its_records(folder: str, case: dict[str, Any]) -> None:
    """Every sample export gives, over each period, the facts computed from its records."""
    found = sample(folder, case["period"], case.get("timezone"), case.get("date_format"))
    assert case["facts"] == {name: found.facts.get(name) for name in case["facts"]}
    assert {
        name: [found.provenance[name].rows, found.provenance[name].of] for name in case.get("counted", {})
    } == (case.get("counted", {}))
    assert () == found.problems


def test_the_samples_are_thousands_of_rows() -> None:
    """Each tool's sample holds thousands of rows (the spreadsheets over a thousand), as documented."""
    rows = {folder.name: expected_of(folder.name)["rows"] for folder in SAMPLES.iterdir() if folder.is_dir()}
    assert all(count >= 2_000 for name, count in rows.items() if name != "spreadsheets")
    assert rows["spreadsheets"] >= 1_000
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(f"| {count:,} |" in readme for count in rows.values())


def test_provenance_says_files_rows_window_and_formula() -> None:
    """A computed fact records its files, the rows counted and considered, the window and the formula."""
    found = facts([SAMPLES / "servicenow" / "incident.csv"], "servicenow")
    hits, considered = expected_of("servicenow")["cases"][0]["counted"]["escalations_per_month"]
    record = found.provenance["escalations_per_month"]
    assert {
        "value": round(hits / 3, 4),
        "mapping": "servicenow",
        "source": "incidents",
        "files": ["incident.csv"],
        "start": datetime.date(2026, 7, 1),
        "end": datetime.date(2026, 9, 30),
        "formula": "per_month(where = escalated, window = period)",
        "filter": "escalated: escalation in [High, Overdue]; excluding cancelled: state in "
        "[Canceled, Cancelled]",
        "rows": hits,
        "of": considered,
        "words": {
            "en": f"{hits} escalated incidents of {considered} incidents in 3 months",
            "fr": f"{hits} incidents escaladés sur {considered} incidents en 3 mois",
        },
    } == record.model_dump(exclude_none=True)
    assert found.facts["escalations_per_month"] == record.value


def test_a_fact_whose_source_has_no_file_is_missing_and_says_why() -> None:
    """Without a task SLA export, the share of SLAs met stays absent; that is not a problem."""
    found = facts([SAMPLES / "servicenow" / "incident.csv"], "servicenow")
    assert "kpi_green_ratio" not in found.facts
    assert {
        "kpi_green_ratio": "no file of source 'task_slas' was given (file names task_sla*.csv)"
    } == found.missing
    assert () == found.problems


def test_windows_of_twelve_months_and_to_date() -> None:
    """Penalties count over the twelve months to the period's end; actions due up to its end."""
    found = sample("spreadsheets")
    penalties, actions = found.provenance["penalties_applied"], found.provenance["actions_closed_ratio"]
    assert (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30)) == (penalties.start, penalties.end)
    assert datetime.date(2026, 9, 30) == actions.end
    assert actions.start < datetime.date(2025, 6, 1)
    assert "share(where = closed, window = to_date)" == actions.formula
    assert actions.rows is not None
    assert actions.of is not None
    assert f"({actions.of - actions.rows} overdue)" == actions.words["en"].rpartition(" due ")[2]


def test_a_source_split_across_formats() -> None:
    """Dynamics cases come as Web API JSON for the first half and an Excel export for the third quarter."""
    q2 = sample("dynamics365", "2026-Q2").provenance["escalations_per_month"]
    q3 = sample("dynamics365").provenance["escalations_per_month"]
    assert ["cases-2026-h1.json", "cases-2026-q3.xlsx"] == q2.files == q3.files
    assert (q2.of or 0) > 500
    assert (q3.of or 0) > 500


# --------------------------------------------------------------------------- dates, units, duplicates


def test_day_first_dates_need_the_format_said(tmp_path: Path) -> None:
    """French dates under an ISO mapping are refused, each located with what it looks like."""
    folder = files(
        tmp_path,
        incident_csv=INCIDENT_HEADER + "INC1,03/07/2026 08:00:00,3,New,Network,High\n"
        "INC2,15/07/2026 09:00:00,3,New,Network,Normal\n",
    )
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow")
    name = folder / "incident.csv"
    assert "2 problems in the exports" == caught.value.summary
    assert [
        f"{name}:2: column \"opened_at\": '03/07/2026 08:00:00' is not an ISO date (2026-07-03); it "
        "is day-first "
        'or month-first: say which with date_format = "day_first" or "month_first"',
        f"{name}:3: column \"opened_at\": '15/07/2026 09:00:00' is not an ISO date (2026-07-03); it looks "
        'day-first (French style, 31/12/2026): date_format = "day_first"',
    ] == problems_of(caught)


def test_day_first_dates_read_when_declared(tmp_path: Path) -> None:
    """The same rows give the same fact once the mapping says the dates are day-first."""
    mapping = vm.load_mapping("servicenow").model_dump(by_alias=True, exclude_none=True)
    mapping["sources"]["incidents"]["date_format"] = "day_first"
    folder = files(
        tmp_path,
        incident_csv=INCIDENT_HEADER + "INC1,03/07/2026 08:00:00,3,New,Network,High\n"
        "INC2,15/07/2026 09:00:00,3,New,Network,Normal\nINC3,30/06/2026 23:59:00,3,New,Network,High\n",
    )
    found = facts([folder], mapping_from_dict(mapping))
    assert (0.3333, 1, 2) == (
        found.facts["escalations_per_month"],
        found.provenance["escalations_per_month"].rows,
        found.provenance["escalations_per_month"].of,
    )


def test_excel_serials_are_named_and_offsets_count_in_the_users_zone(tmp_path: Path) -> None:
    """A serial day number is refused with how to declare it; a date with an offset is the user's day."""
    folder = files(
        tmp_path,
        incident_csv=INCIDENT_HEADER
        + "INC1,46206,3,New,Network,High\nINC2,2026-07-04T08:00:00+02:00,3,New,Network,Normal\n",
    )
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow")
    name = folder / "incident.csv"
    assert [
        f"{name}:2: column \"opened_at\": '46206' is not an ISO date (2026-07-03) (as an Excel "
        "serial day number "
        'it is 2026-07-03: date_format = "excel_serial")',
    ] == problems_of(caught)


def test_a_period_with_no_rows(tmp_path: Path) -> None:
    """A period none of the rows falls in is a problem that says where the rows are."""
    folder = files(tmp_path, incident_csv=INCIDENT_HEADER + "INC1,2026-03-03 08:00:00,3,New,Network,High\n")
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow")
    assert [
        f"{folder / 'incident.csv'}: no row of source 'incidents' is dated in 2026-07-01..2026-09-30 "
        "(its rows are dated 2026-03-03..2026-03-03)"
    ] == problems_of(caught)


def test_duplicated_ticket_ids(tmp_path: Path) -> None:
    """The same id with other values is an error at both rows; the same row twice is counted once."""
    row = "INC1,2026-07-03 08:00:00,3,New,Network,High\n"
    folder = files(tmp_path / "a", incident_csv=INCIDENT_HEADER + row + row.replace("High", "Normal"))
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow")
    name = folder / "incident.csv"
    assert [
        f"{name}:3: column \"number\": duplicate number 'INC1': also at {name}:2, with another escalation "
        "('Normal' here, 'High' there); keep one row per number"
    ] == problems_of(caught)
    overlap = files(
        tmp_path / "b", incident_1_csv=INCIDENT_HEADER + row, incident_2_csv=INCIDENT_HEADER + row
    )
    found = facts([overlap], "servicenow")
    assert (1, 1) == (
        found.provenance["escalations_per_month"].rows,
        found.provenance["escalations_per_month"].of,
    )
    assert (
        "source 'incidents': 1 row repeated with the same number and the same values in the columns used "
        "(overlapping exports) counted once",
    ) == found.notes


def test_mixed_units_and_unknown_values(tmp_path: Path) -> None:
    """A value and its target in different units, a value no list names: each located."""
    folder = files(
        tmp_path,
        kpi_csv="Indicator,Month,Value,Target,Better,Penalty applied\n"
        "Availability,2026-07,0.995,99.5 %,higher,no\n"
        "P1 resolution,2026-07,3 h,95 %,lower,no\n"
        "P1 resolution,2026-08,3 h,4 h,faster,no\n"
        "Backups,2026-08,99 %,98 %,higher,maybe\n"
        "Backups,2026-09,,98 %,higher,no\n",
    )
    found = facts([folder], "spreadsheets", keep_partial=True)
    name = folder / "kpi.csv"
    assert [
        f"{name}:2: column \"Value\": mixed units: value '0.995' has no unit but target '99.5 %' "
        "has %; write the "
        "value and its target in the same unit",
        f"{name}:3: column \"Value\": mixed units: value '3 h' has a duration but target '95 %' has "
        "%; write the "
        "value and its target in the same unit",
        f"{name}:4: column \"Better\": 'faster' says neither higher (higher, max, >=, ≥, supérieur, "
        "plus haut) nor "
        "lower (lower, min, <=, ≤, inférieur, plus bas) is better; add it to the mapping",
        f"{name}:6: column \"Value\": '' is not a number",
        f"{name}:5: column \"Penalty applied\": 'maybe' is neither among the values nor the others of this "
        "condition (yes, true, 1, x, oui; others: no, false, 0, non); add it to one of them in the mapping",
    ] == [str(problem) for problem in found.problems]
    assert {
        "kpi_green_ratio": "condition 'met' of source 'kpi' could not be evaluated",
        "penalties_applied": "condition 'penalty' of source 'kpi' could not be evaluated",
    } == {
        name: reason
        for name, reason in found.missing.items()
        if name in ("kpi_green_ratio", "penalties_applied")
    }


def test_many_bad_rows_are_summarised(tmp_path: Path) -> None:
    """Five problems per file and column are shown, then how many more there were."""
    rows = "".join(f"INC{n},{n:02d}/07/2026 08:00:00,3,New,Network,High\n" for n in range(13, 25))
    folder = files(tmp_path, incident_csv=INCIDENT_HEADER + rows)
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow")
    shown = problems_of(caught)
    assert 6 == len(shown)
    assert (
        f'{folder / "incident.csv"}: column "opened_at": and 7 more rows with problems like these'
        == shown[-1]
    )


# --------------------------------------------------------------------------- columns, encodings, formats


def test_a_misnamed_column_lists_the_columns_found(tmp_path: Path) -> None:
    """A column the mapping looks for and the file lacks is named, with a did-you-mean and the columns."""
    folder = files(
        tmp_path, incident_csv="Number,Opened,Priority,State,Escalation level\nINC1,2026-07-03,3,New,High\n"
    )
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow")
    name = folder / "incident.csv"
    found = '"Number", "Opened", "Priority", "State", "Escalation level"'
    assert [
        f"{name}:1: field 'escalation' of source 'incidents': no column \"escalation\" (did you mean "
        f'"Escalation level"?); columns found: {found}',
    ] == sorted(problems_of(caught))


def test_headers_match_whatever_their_case_and_spaces(tmp_path: Path) -> None:
    """'Opened_At ' is the column opened_at: case and surrounding spaces do not matter."""
    folder = files(tmp_path, incident_csv=" NUMBER ,Opened_At , state,escalation\nINC1,2026-07-03,New,High\n")
    assert 0.3333 == facts([folder], "servicenow").facts["escalations_per_month"]


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        (
            (INCIDENT_HEADER + "INC1,2026-07-03,3,New,Réseau,High\n").encode("cp1252"),
            "utf-8",
            ":2: file is not valid UTF-8 (byte 75); save it as UTF-8, or pass the encoding it was saved in "
            "(--encoding cp1252 for Excel on Windows in Western Europe)",
        ),
        (
            (INCIDENT_HEADER + "INC1,2026-07-03,3,New,Network,High\n").encode("utf-16"),
            "utf-8",
            ": file starts with a UTF-16 byte-order mark (Excel's 'Unicode text'); pass --encoding utf-16",
        ),
        (
            (INCIDENT_HEADER + "INC1,2026-07-03,3,New,Réseau,High\n").encode("utf-8"),
            "ascii",
            ":2: file is not valid ascii (byte 75)",
        ),
        (
            (INCIDENT_HEADER + 'INC1,2026-07-03,3,"New,Network,High\n').encode(),
            "utf-8",
            ':2: CSV syntax error: a quoted field runs to the end of the file; is a quote (") not closed?',
        ),
        (
            (INCIDENT_HEADER + "INC1,2026-07-03,3,New,Network,High,Paris\nINC2,2026-07-04,3\n").encode(),
            "utf-8",
            ":2: row has 7 fields, the header has 6; is a field with a ',' not quoted? (so do lines 3)",
        ),
        (b"", "utf-8", ": file has no header row and no rows"),
    ],
)
def test_encodings_are_never_guessed(tmp_path: Path, content: bytes, encoding: str, message: str) -> None:
    """A file that is not in the encoding given says which to pass; a broken row says what is wrong."""
    folder = files(tmp_path, incident_csv=content)
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow", encoding=encoding)
    assert [f"{folder / 'incident.csv'}{message}"] == problems_of(caught)


def test_the_encoding_given_is_used(tmp_path: Path) -> None:
    """Windows-1252 and UTF-16 exports read when their encoding is given."""
    text = INCIDENT_HEADER + "INC1,2026-07-03,3,New,Réseau,High\n"
    found = facts(
        [files(tmp_path / "a", incident_csv=text.encode("cp1252"))], "servicenow", encoding="cp1252"
    )
    assert 1 == found.provenance["escalations_per_month"].rows
    tabbed = text.replace(",", "\t").encode("utf-16")
    assert (
        1
        == facts([files(tmp_path / "b", incident_csv=tabbed)], "servicenow", encoding="utf-16")
        .provenance["escalations_per_month"]
        .rows
    )
    with pytest.raises(vm.ValidationError, match="'klingon' is not a character set a file is saved in"):
        facts([tmp_path / "a"], "servicenow", encoding="klingon")


def test_semicolons_and_excel_separator_hint(tmp_path: Path) -> None:
    """A semicolon CSV is read by its header; Excel's sep= line is honoured."""
    semicolons = INCIDENT_HEADER.replace(",", ";") + "INC1;2026-07-03;3;New;Network;High\n"
    hinted = "sep=|\n" + INCIDENT_HEADER.replace(",", "|") + "INC1|2026-07-03|3|New|Network|High\n"
    for index, text in enumerate((semicolons, hinted)):
        folder = files(tmp_path / str(index), incident_csv=text)
        assert 1 == facts([folder], "servicenow").provenance["escalations_per_month"].rows


def test_workbooks(tmp_path: Path) -> None:
    """A date cell, a numeric cell where a date is wanted, a missing sheet, a broken file, an old .xls."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cases"
    sheet.append(["Case Number", "Created On", "Is Escalated", "Status"])
    sheet.append(["CAS-1", datetime.datetime(2026, 7, 3, 8), "Yes", "Active"])
    sheet.append(["CAS-2", 46207, "No", "Active"])
    book.save(tmp_path / "cases.xlsx")
    with pytest.raises(vm.ValidationError) as caught:
        facts([tmp_path / "cases.xlsx"], "dynamics365")
    assert [
        f"{tmp_path / 'cases.xlsx'}: Cases!B3: 46207 is a number, not a date (as an Excel serial "
        "day number it is "
        '2026-07-04: date_format = "excel_serial")'
    ] == problems_of(caught)
    (tmp_path / "sla kpi.xlsx").write_bytes(b"PK not a zip")
    (tmp_path / "case.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    found = facts(
        {"sla_kpis": [tmp_path / "sla kpi.xlsx"], "cases": [tmp_path / "case.xls"]},
        "dynamics365",
        keep_partial=True,
    )
    assert [
        f"{tmp_path / 'sla kpi.xlsx'}: is not an Excel workbook (.xlsx): save it as an Excel workbook "
        "(.xlsx), or as CSV",
        f"{tmp_path / 'case.xls'}: is an Excel 97–2003 workbook (.xls); save it as .xlsx or CSV",
    ] == sorted((str(problem) for problem in found.problems), reverse=True)


def test_a_named_sheet_and_a_header_row(tmp_path: Path) -> None:
    """A mapping may name the sheet and the row of the header, below a report's title."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["cover page"])
    data = book.create_sheet("Data")
    data.append(["Incident report, Q3 2026"])
    data.append([])
    data.append(["number", "opened_at", "state", "escalation"])
    data.append(["INC1", "2026-07-03 08:00:00", "New", "Overdue"])
    data.append([None, None, None, None])
    book.save(tmp_path / "incident.xlsx")
    mapping = vm.load_mapping("servicenow").model_dump(by_alias=True, exclude_none=True)
    mapping["sources"]["incidents"].update(files=["incident*.xlsx"], sheet="Data", header_row=3)
    found = facts([tmp_path], mapping_from_dict(mapping))
    assert (1, 1) == (
        found.provenance["escalations_per_month"].rows,
        found.provenance["escalations_per_month"].of,
    )
    mapping["sources"]["incidents"]["sheet"] = "Dta"
    with pytest.raises(vm.ValidationError) as caught:
        facts([tmp_path], mapping_from_dict(mapping))
    assert [
        f'{tmp_path / "incident.xlsx"}: no sheet "Dta" (did you mean \'Data\'?); sheets: "Sheet", "Data"'
    ] == (problems_of(caught))


def test_json_records(tmp_path: Path) -> None:
    """Records under their key, located by index; a missing key, a non-list, a non-object are named."""
    good = {
        "value": [
            {
                "ticketnumber": "CAS-1",
                "createdon": "2026-07-03T08:00:00Z",
                "isescalated": True,
                "statecode": 0,
            }
        ]
    }
    (tmp_path / "case-good.json").write_text(json.dumps(good), encoding="utf-8")
    assert 1 == facts([tmp_path / "case-good.json"], "dynamics365").provenance["escalations_per_month"].rows
    bad = [
        ("case-1.json", {"records": []}, 'no key "value" holding the records; keys found: records'),
        ("case-2.json", {"value": {}}, '"value" does not hold a list of records'),
        ("case-3.json", {"value": [1]}, "value[0]: a record must be an object"),
        ("case-4.json", {"value": [{**good["value"][0], "createdon": "03/07/2026"}]}, ""),
    ]
    for name, document, _ in bad:
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "case-5.json").write_text("{", encoding="utf-8")
    (tmp_path / "case-6.json").write_text('{"value": NaN}', encoding="utf-8")
    found = facts(
        [tmp_path / name for name, _, _ in bad] + [tmp_path / "case-5.json", tmp_path / "case-6.json"],
        "dynamics365",
        keep_partial=True,
    )
    assert [
        f'{tmp_path / "case-1.json"}: no key "value" holding the records; keys found: records',
        f'{tmp_path / "case-2.json"}: "value" does not hold a list of records',
        f"{tmp_path / 'case-3.json'}: value[0]: a record must be an object",
        f"{tmp_path / 'case-5.json'}:1: JSON syntax error: Expecting property name enclosed in double quotes",
        f"{tmp_path / 'case-6.json'}: JSON value error: NaN is not allowed",
    ] == [str(problem) for problem in found.problems]


def test_a_json_file_of_records_at_the_top(tmp_path: Path) -> None:
    """A list at the top needs no records key; nested objects and lists become dotted fields."""
    mapping = mapping_from_dict(
        {
            "id": "jira-json",
            "title": {"en": "Jira REST search"},
            "sources": {
                "issues": {
                    "label": {"en": "issues"},
                    "files": ["issues*.json"],
                    "key": "key",
                    "date": "created",
                    "timezone": "Europe/Paris",
                    "columns": {
                        "key": "key",
                        "created": "fields.created",
                        "labels": "fields.labels",
                        "parts": "fields.components.name",
                    },
                    "conditions": {
                        "escalated": {"field": "labels", "values": ["escalated"]},
                        "db": {"field": "parts", "values": ["Database"]},
                    },
                }
            },
            "facts": {
                "escalations_per_month": {
                    "source": "issues",
                    "formula": "per_month",
                    "where": "escalated",
                    "counted": {"en": "escalated issues"},
                },
                "penalties_applied": {
                    "source": "issues",
                    "formula": "count",
                    "where": "db",
                    "counted": {"en": "database issues"},
                },
            },
        }
    )
    issues = [
        {
            "key": "SD-1",
            "fields": {
                "created": "2026-07-03T09:15:00.000+0200",
                "labels": ["vip", "escalated"],
                "components": [{"name": "Database"}, {"name": "Network"}],
            },
        },
        {
            "key": "SD-2",
            "fields": {"created": "2026-09-30T23:30:00.000-0500", "labels": [], "components": []},
        },
    ]
    (tmp_path / "issues.json").write_text(json.dumps(issues), encoding="utf-8")
    found = facts([tmp_path], mapping)
    assert ({"escalations_per_month": 0.3333, "penalties_applied": 1}, 1) == (
        found.facts,
        found.provenance["penalties_applied"].of,
    )
    (tmp_path / "issues.json").write_text(json.dumps({"issues": issues}), encoding="utf-8")
    with pytest.raises(
        vm.ValidationError,
        match=r"the top of the file does not hold a list of records; name the key that holds them",
    ):
        facts([tmp_path], mapping)


# --------------------------------------------------------------------------- files and sources


def test_files_go_to_the_source_whose_names_they_match(tmp_path: Path) -> None:
    """Unmatched exports are noted; hidden and lock files, and other suffixes, are left alone."""
    folder = files(
        tmp_path,
        incident_csv=INCIDENT_HEADER + "INC1,2026-07-03,3,New,Network,High\n",
        notes_csv="a,b\n",
        readme_md="# notes",
    )
    (folder / "~$incident.csv").write_text("lock", encoding="utf-8")
    (folder / ".incident_old.csv").write_text("hidden", encoding="utf-8")
    found = facts([folder], "servicenow")
    assert (f"{folder / 'notes.csv'}: not used (its name matches no source of the mappings)",) == found.notes
    assert {"servicenow/incidents": (str(folder / "incident.csv"),)} == found.files


def test_a_file_named_explicitly_must_match_a_source(tmp_path: Path) -> None:
    """A file given by name that matches no source, or no file at all, is a problem naming the patterns."""
    folder = files(tmp_path, export_csv="x\n")
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder / "export.csv"], "jira-service-management")
    assert [
        f"{folder / 'export.csv'}: its name is none of the file names the sources take "
        "(jira-service-management/issues: jira*.csv); rename it, or say which source it is: SOURCE=FILE"
    ] == problems_of(caught)
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "jira-service-management")
    assert [
        "no export file has a name a source takes (jira-service-management/issues: jira*.csv); "
        "rename the files, or say which source each is: SOURCE=FILE"
    ] == problems_of(caught)
    with pytest.raises(vm.NotFoundError, match="no such file or folder"):
        facts([tmp_path / "absent"], "servicenow")


def test_sources_may_be_given_their_files(tmp_path: Path) -> None:
    """A table from source to files needs no naming pattern; an unknown source is named."""
    folder = files(tmp_path, export_csv=INCIDENT_HEADER + "INC1,2026-07-03,3,New,Network,High\n")
    found = facts({"incidents": [folder / "export.csv"]}, "servicenow")
    assert ["export.csv"] == found.provenance["escalations_per_month"].files
    found = facts({"servicenow/incidents": [folder]}, ["servicenow", "spreadsheets"])
    assert 1 == found.provenance["escalations_per_month"].rows
    with pytest.raises(vm.ValidationError) as caught:
        facts({"incident": [folder]}, "servicenow")
    assert [
        "no mapping has a source 'incident' (did you mean 'servicenow/incidents'?); sources: "
        "servicenow/incidents, servicenow/task_slas"
    ] == problems_of(caught)


def test_a_file_matching_two_sources(tmp_path: Path) -> None:
    """A name that two mappings' sources match must be assigned."""
    mapping = vm.load_mapping("jira-service-management").model_dump(by_alias=True, exclude_none=True)
    mapping["id"] = "jira-copy"
    folder = files(tmp_path, jira_csv="x\n")
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], ["jira-service-management", mapping_from_dict(mapping)])
    assert [
        f"{folder / 'jira.csv'}: matches the file names of several sources (jira-service-management/issues, "
        f"jira-copy/issues); assign it: SOURCE={folder / 'jira.csv'}"
    ] == problems_of(caught)
    with pytest.raises(vm.ValidationError, match="several mappings have a source 'issues'"):
        facts({"issues": [folder]}, ["jira-service-management", mapping_from_dict(mapping)])


def test_the_definition_whose_source_has_files_is_used() -> None:
    """Two mappings define the KPI ratio: the one with files computes it; both with files is refused."""
    both = [SAMPLES / "servicenow" / "task_sla.csv", SAMPLES / "spreadsheets" / "kpi_report.csv"]
    found = facts(both[:1], ["servicenow", "spreadsheets"])
    assert "servicenow" == found.provenance["kpi_green_ratio"].mapping
    found = facts(both[1:], ["servicenow", "spreadsheets"])
    assert "spreadsheets" == found.provenance["kpi_green_ratio"].mapping
    with pytest.raises(vm.ValidationError) as caught:
        facts(both, ["servicenow", "spreadsheets"])
    assert [
        "fact 'kpi_green_ratio': it can be computed from servicenow/task_slas and "
        "spreadsheets/kpi, which all have "
        "files; give the files of only one of these sources"
    ] == problems_of(caught)


def test_mappings_and_periods_are_checked_first(tmp_path: Path) -> None:
    """No mapping, a mapping twice, an unreadable period, a future one: refused before reading."""
    with pytest.raises(vm.ValidationError, match="give at least one mapping"):
        facts([tmp_path], [])
    with pytest.raises(vm.ValidationError, match="mapping 'servicenow' is given twice"):
        facts([tmp_path], ["servicenow", "servicenow"])
    with pytest.raises(vm.ValidationError, match="--period 'Q3' is not a period"):
        facts([tmp_path], "servicenow", period="Q3")
    with pytest.raises(vm.ValidationError, match="ends after today"):
        facts([tmp_path], "servicenow", period="2026-Q4")
    period = vm.Period(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    found = facts([SAMPLES / "servicenow"], "servicenow", period=period)  # type: ignore[arg-type]
    assert period == found.period


# --------------------------------------------------------------------------- the questionnaire


def test_facts_the_questionnaire_does_not_declare_are_noted() -> None:
    """The pulse questionnaire has no penalties: the spreadsheets' other facts are still computed."""
    found = facts([SAMPLES / "spreadsheets"], "spreadsheets", questionnaire="pulse")
    assert {"kpi_green_ratio", "actions_closed_ratio"} == set(found.facts)
    assert (
        "spreadsheets: fact 'penalties_applied' is not declared by the questionnaire; not computed"
        in found.notes
    )


def test_a_formula_must_fit_its_fact_and_its_range(tmp_path: Path) -> None:
    """A ratio for a whole-number fact, a formula for a choice, a value out of range: each refused."""
    mapping = mapping_from_dict(
        {
            "id": "odd",
            "title": {"en": "Odd"},
            "sources": {
                "t": {
                    "label": {"en": "tickets"},
                    "files": ["t*.csv"],
                    "date": "day",
                    "columns": {"day": "Day", "flag": "Flag"},
                    "conditions": {"yes": {"field": "flag", "values": ["yes"]}},
                }
            },
            "facts": {
                "penalties_applied": {
                    "source": "t",
                    "formula": "share",
                    "where": "yes",
                    "counted": {"en": "x"},
                },
                "segment": {"source": "t", "formula": "count", "counted": {"en": "x"}},
                "escalations_per_month": {
                    "source": "t",
                    "formula": "per_month",
                    "window": "to_date",
                    "counted": {"en": "x"},
                },
            },
        }
    )
    rows = "".join(f"2026-07-{day:02d},yes\n" for day in range(1, 31)) * 11
    folder = files(tmp_path, t_csv="Day,Flag\n" + rows)
    found = facts([folder], mapping, keep_partial=True, confirm_period=True, period="2026-07")
    assert [
        "odd: facts.penalties_applied.formula: fact 'penalties_applied' is a whole number; share "
        "gives a ratio "
        "(use count or streaks)",
        "odd: facts.segment.formula: fact 'segment' is a choice: no formula computes it",
        "odd: facts.escalations_per_month: computed 330.0, above the fact's maximum 100; check the "
        "conditions of the mapping",
    ] == [str(problem) for problem in found.problems]
    assert {"escalations_per_month"} == set(found.missing)


# --------------------------------------------------------------------------- formulas at their edges


EDGES = """
schema_version = 1
id = "edges"
title = { en = "Edges" }

[sources.people]
label = { en = "people" }
files = ["people*.csv"]
start = "start"
end = "end"
columns = { name = "Name", key = "Key", start = "Start", end = "End" }
conditions.key = { field = "key", values = ["yes"] }
conditions.named = { field = "name", present = true }
conditions.both = { all = ["key", "named"] }
conditions.either = { any = ["key", "named"] }
conditions.outsider = { not = "named" }
exclude = "outsider"

[sources.bid]
label = { en = "bid members" }
files = ["bid*.csv"]
columns = { name = "Name", team = "Team" }
conditions.bid = { field = "team", values = ["bid"] }

[sources.kpi]
label = { en = "indicator-months" }
files = ["kpi*.csv"]
date = "month"
decimal = ","
columns = { month = "Month", value = "Value", target = "Target" }
conditions.met = { value = "value", target = "target", better = "lower" }
conditions.never = { field = "value", values = ["never"] }

[facts.key_staff_turnover]
source = "people"
formula = "turnover"
where = "both"
window = 12
counted = { en = "departures" }

[facts.bid_team_continuity]
source = "bid"
formula = "continuity"
key = "name"
where = "bid"
against = "people"
counted = { en = "bid members" }

[facts.kpi_green_ratio]
source = "kpi"
formula = "share"
where = "met"
of = "never"
counted = { en = "met" }

[facts.improvement_proposals]
source = "kpi"
formula = "count"
where = "met"
counted = { en = "met" }
"""


def edges(
    tmp_path: Path, people: str, bid: str = "Name,Team\nAnn,bid\nBob,bid\nEve,sales\n"
) -> ExportedFacts:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "edges.toml").write_text(EDGES, encoding="utf-8")
    folder = files(
        tmp_path / "exports",
        people_csv=people,
        bid_csv=bid,
        kpi_csv='Month,Value,Target\n2026-07,3 h,5 h\n2026-08,4 h,5 h\n2026-08,"5,5 h",5 h\n',
    )
    return facts([folder], tmp_path / "edges.toml", keep_partial=True)


def test_turnover_continuity_and_combined_conditions(tmp_path: Path) -> None:
    """Departures over the average headcount; the bid team still there; all, any and not conditions."""
    people = (
        "Name,Key,Start,End\n"
        "Ann,yes,2020-01-01,\n"
        "Bob,yes,2021-01-01,2026-02-28\n"
        "Cid,no,2021-01-01,\n"
        "Dee,yes,2026-01-01,\n"
        ",yes,2020-01-01,2026-03-01\n"
    )
    found = edges(tmp_path, people)
    turnover, continuity = found.provenance["key_staff_turnover"], found.provenance["bid_team_continuity"]
    assert (0.5, 1, 3) == (turnover.value, turnover.rows, turnover.of)
    assert "1 departures in 12 months, average headcount 2" == turnover.words["en"]
    assert "both: key and named; excluding outsider: not named" == turnover.filter
    assert (0.5, "1 bid members of 2 still in people on 2026-09-30") == (
        continuity.value,
        continuity.words["en"],
    )
    assert (
        "no indicator-months in 2026-07-01..2026-09-30 to compute a share of"
        == found.missing["kpi_green_ratio"]
    )
    assert {"en": "2 met of 3 indicator-months", "fr": "2 met sur 3 indicator-months"} == found.provenance[
        "improvement_proposals"
    ].words
    assert () == found.problems


def test_people_without_a_start_or_a_team(tmp_path: Path) -> None:
    """A person who cannot be placed in time is a problem; nobody to count is a reason."""
    found = edges(tmp_path, "Name,Key,Start,End\nAnn,yes,,\n")
    assert [
        f'{tmp_path / "exports" / "people.csv"}:2: column "Start": no start date: the person cannot '
        "be placed in time"
    ] == [str(problem) for problem in found.problems]
    assert found.missing["key_staff_turnover"] == "some rows of source 'people' have no start date"
    found = edges(
        tmp_path / "again", "Name,Key,Start,End\nAnn,no,2020-01-01,\n", bid="Name,Team\nAnn,sales\n"
    )
    assert {
        "key_staff_turnover": "no people on the first or last day of 2025-10-01..2026-09-30",
        "bid_team_continuity": "no bid members in source 'bid'",
    } == {name: reason for name, reason in found.missing.items() if name != "kpi_green_ratio"}


# --------------------------------------------------------------------------- merging into a response file


def test_facts_merge_into_a_response_set(tmp_path: Path) -> None:
    """Computed facts replace the file's; one not computed keeps a typed value, not an earlier computed."""
    found = facts([SAMPLES / "servicenow" / "incident.csv"], "servicenow")
    responses = vm.ResponseSet(
        questionnaire="relationship",
        questionnaire_version="1.0.0",
        relationship="acme",
        client="ACME",
        supplier="HostCo",
        date=datetime.date(2026, 10, 6),
        facts={"kpi_green_ratio": 0.9, "escalations_per_month": 2, "age_months": 40},
        respondents=[vm.Respondent(id="c1", side=vm.Side.CLIENT)],
    )
    merged, changes = found.merged_into(responses)
    value = found.facts["escalations_per_month"]
    assert [
        "kpi_green_ratio: kept 0.9, given by hand (no file of source 'task_slas' was given (file "
        "names task_sla*.csv))",
        f"escalations_per_month: 2 → {value}",
    ] == changes
    assert {"kpi_green_ratio": 0.9, "escalations_per_month": value, "age_months": 40} == merged.facts
    assert ["escalations_per_month"] == list(merged.provenance)
    again, changes = facts([SAMPLES / "servicenow"], "servicenow").merged_into(merged)
    assert [f"kpi_green_ratio: 0.9 → {again.facts['kpi_green_ratio']}"] == changes
    later, changes = found.merged_into(again)
    assert "kpi_green_ratio" not in later.facts
    assert [
        f"kpi_green_ratio: {again.facts['kpi_green_ratio']} removed (no file of source 'task_slas' "
        "was given (file names task_sla*.csv))"
    ] == changes
    vm.responses_from_dict(later.model_dump(mode="json"), vm.load_questionnaire("relationship"))


def test_the_toml_fragment_is_part_of_a_response_file(tmp_path: Path) -> None:
    """The fragment's [facts] and [provenance] tables validate inside a response file."""
    found = facts([SAMPLES / "spreadsheets"], "spreadsheets", keep_partial=True)
    header = textwrap.dedent(
        """\
        questionnaire = "relationship"
        questionnaire_version = "1.0.0"
        relationship = "acme"
        client = "ACME"
        supplier = "HostCo"
        date = 2026-10-06
        respondents = [{ id = "c1", side = "client" }]
        """
    )
    path = tmp_path / "r.toml"
    path.write_text(header + found.toml(), encoding="utf-8")
    loaded = vm.load_responses(path)
    assert (found.facts, found.provenance) == (loaded.facts, loaded.provenance)
    assert found.toml().startswith("# Facts computed by vendormaturity ")


# --------------------------------------------------------------------------- more edges of the inputs


def test_rows_without_a_date_are_said(tmp_path: Path) -> None:
    """A row with no date is in no period: the count of such rows is noted."""
    folder = files(
        tmp_path,
        incident_csv=INCIDENT_HEADER + "INC1,2026-07-03,3,New,Network,High\nINC2,,3,New,Network,High\n",
    )
    found = facts([folder], "servicenow")
    assert (1, 1) == (
        found.provenance["escalations_per_month"].rows,
        found.provenance["escalations_per_month"].of,
    )
    assert ("source 'incidents': 1 row without a opened date, in no period",) == found.notes


def test_a_quoted_field_over_several_lines_keeps_line_numbers(tmp_path: Path) -> None:
    """A description spanning lines does not shift the lines later problems name."""
    folder = files(
        tmp_path,
        incident_csv="number,opened_at,short_description,state,escalation\n"
        'INC1,2026-07-03,"VPN drops\nevery afternoon\nsince Monday",New,High\n'
        "INC2,2026-07-04,Printer,New,Urgent\n",
    )
    with pytest.raises(vm.ValidationError) as caught:
        facts([folder], "servicenow")
    assert [
        f"{folder / 'incident.csv'}:5: column \"escalation\": 'Urgent' is neither among the values "
        "nor the others "
        "of this condition (High, Overdue; others: Normal, Moderate); add it to one of them in the mapping"
    ] == problems_of(caught)


def test_a_missing_column_in_a_workbook_or_json(tmp_path: Path) -> None:
    """A workbook names the sheet's header, a JSON file the records' key."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Cases"
    book.active.append(["Case Number", "Created On", "Status"])
    book.active.append(["CAS-1", datetime.datetime(2026, 7, 3), "Active"])
    book.save(tmp_path / "cases.xlsx")
    (tmp_path / "cases.json").write_text(
        json.dumps(
            {"value": [{"ticketnumber": "CAS-2", "createdon": "2026-07-03T08:00:00Z", "statecode": 0}]}
        ),
        encoding="utf-8",
    )
    found = facts([tmp_path], "dynamics365", keep_partial=True)
    assert [
        f"{tmp_path / 'cases.json'}: value: field 'escalated' of source 'cases': no column \"Is "
        'Escalated" or '
        '"isescalated"; columns found: "ticketnumber", "createdon", "statecode"',
        f"{tmp_path / 'cases.xlsx'}: Cases!header: field 'escalated' of source 'cases': no column "
        '"Is Escalated" '
        'or "isescalated"; columns found: "Case Number", "Created On", "Status"',
    ] == [str(problem) for problem in found.problems]


def test_conditions_that_cannot_be_told(tmp_path: Path) -> None:
    """An exclusion, a denominator or a people filter that meets an unknown value leaves its fact missing."""
    mapping = mapping_from_dict(
        {
            "id": "strict",
            "title": {"en": "Strict"},
            "sources": {
                "actions": {
                    "label": {"en": "actions"},
                    "files": ["actions*.csv"],
                    "date": "due",
                    "columns": {"due": "Due", "status": "Status", "kind": "Kind"},
                    "exclude": "dropped",
                    "conditions": {
                        "dropped": {"field": "status", "values": ["Dropped"], "others": ["Done", "Open"]},
                        "done": {"field": "status", "values": ["Done"]},
                        "ours": {"field": "kind", "values": ["plan"], "others": ["other"]},
                    },
                },
                "people": {
                    "label": {"en": "people"},
                    "files": ["people*.csv"],
                    "start": "start",
                    "end": "end",
                    "columns": {"start": "Start", "end": "End", "key": "Key"},
                    "conditions": {"key": {"field": "key", "values": ["yes"], "others": ["no"]}},
                },
            },
            "facts": {
                "actions_closed_ratio": {
                    "source": "actions",
                    "formula": "share",
                    "where": "done",
                    "of": "ours",
                    "counted": {"en": "closed"},
                },
                "repeated_steering_topics": {
                    "source": "actions",
                    "formula": "streaks",
                    "key": "kind",
                    "where": "ours",
                    "counted": {"en": "kinds"},
                },
                "key_staff_turnover": {
                    "source": "people",
                    "formula": "turnover",
                    "where": "key",
                    "counted": {"en": "left"},
                },
            },
        }
    )
    folder = files(
        tmp_path,
        actions_csv="Due,Status,Kind\n2026-07-03,Done,plan\n2026-07-04,Open,maybe\n",
        people_csv="Start,End,Key\n2020-01-01,,perhaps\n",
    )
    found = facts([folder], mapping, keep_partial=True)
    assert {
        "actions_closed_ratio": "condition 'ours' of source 'actions' could not be evaluated",
        "repeated_steering_topics": "condition 'ours' of source 'actions' could not be evaluated",
        "key_staff_turnover": "condition 'key' of source 'people' could not be evaluated",
    } == found.missing
    (folder / "actions.csv").write_text("Due,Status,Kind\n2026-07-03,Lost,plan\n", encoding="utf-8")
    (folder / "people.csv").write_text("Start,End,Key\n2020-01-01,31/12/2025,yes\n", encoding="utf-8")
    found = facts([folder], mapping, keep_partial=True)
    assert {
        "actions_closed_ratio": "the exclusion of source 'actions' could not be evaluated",
        "repeated_steering_topics": "the exclusion of source 'actions' could not be evaluated",
        "key_staff_turnover": "some dates of source 'people' could not be read",
    } == found.missing


def test_one_folder_given_as_a_string() -> None:
    """A single path may be given as it is, not in a list."""
    found = vm.facts_from(str(SAMPLES / "servicenow"), "servicenow", period="2026-Q3", today=TODAY)
    assert found.facts == sample("servicenow").facts


def _servicenow_incidents(folder: Path, opened: list[str]) -> Path:
    path = folder / "incident.csv"
    lines = ['"number","opened_at","priority","state","category","escalation"']
    lines += [
        f'"INC{n:05d}","{when}","3 - Moderate","Closed","Network","High"' for n, when in enumerate(opened)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"])
def test_servicenow_csv_dates_are_utc_and_days_count_in_the_users_zone(tmp_path: Path, zone: str) -> None:
    """An incident opened on 1 July 00:40 in Paris is written 30 June 22:40 (UTC): it counts in July there."""
    import zoneinfo

    opened = ["2026-06-30 22:40:00", "2026-07-01 03:10:00", "2026-09-30 21:30:00", "2026-09-30 23:59:00"]
    _servicenow_incidents(tmp_path, opened)
    found = vm.facts_from(
        tmp_path, "servicenow", period="2026-Q3", timezone=zone, today=datetime.date(2026, 12, 1)
    )
    local = [
        datetime.datetime.fromisoformat(when).replace(tzinfo=datetime.UTC).astimezone(zoneinfo.ZoneInfo(zone))
        for when in opened
    ]
    inside = sum(
        1 for moment in local if datetime.date(2026, 7, 1) <= moment.date() <= datetime.date(2026, 9, 30)
    )
    assert round(inside / 3, 4) == round(float(found.facts["escalations_per_month"]), 4)


def test_an_unknown_time_zone_is_refused(tmp_path: Path) -> None:
    _servicenow_incidents(tmp_path, ["2026-07-01 03:10:00"])
    with pytest.raises(vm.ValidationError) as raised:
        vm.facts_from(tmp_path, "servicenow", period="2026-Q3", timezone="Mars/Olympus")
    assert ["unknown time zone 'Mars/Olympus'; use a name such as \"Europe/Paris\""] == [
        problem.message for problem in raised.value.problems
    ]


def test_a_report_footer_is_not_a_broken_row(tmp_path: Path) -> None:
    """Salesforce writes its copyright and "Generated By" lines under a report: not rows, not an error."""
    folder = tmp_path / "exports"
    folder.mkdir()
    rows = ['"CaseNumber","CreatedDate","IsEscalated","Priority","Status"']
    escalated = ["true" if n % 3 == 0 else "false" for n in range(9)]
    rows += [
        f'"{1000 + n}","2026-07-{n + 1:02d}T09:00:00.000Z","{escalated[n]}","High","Closed"' for n in range(9)
    ]
    footer = [
        "",
        '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
        '"Confidential Information - Do Not Distribute"',
        '"Generated By:  Claire Martin  9/15/2026 10:12 AM"',
        '"ACME Industries"',
    ]
    (folder / "extract.csv").write_text("\n".join(rows + footer) + "\n", encoding="utf-8")
    found = vm.facts_from(
        folder, "salesforce", period="2026-Q3", today=datetime.date(2026, 12, 1), keep_partial=True
    )
    assert 1.0 == found.facts["escalations_per_month"]


def test_rows_covering_part_of_a_longer_window_are_said_to(tmp_path: Path) -> None:
    """Penalties count over 12 months: a KPI report of 6 months gives a warning, not a silent fact."""
    folder = tmp_path / "exports"
    folder.mkdir()
    lines = ["Indicator;Month;Value;Target;Better;Penalty applied"]
    lines += [f"Availability;2026-{month:02d};99,9 %;99,5 %;higher;no" for month in range(4, 10)]
    (folder / "kpi_report.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = vm.facts_from(
        folder, "spreadsheets", period="2026-Q3", today=datetime.date(2026, 12, 1), keep_partial=True
    )
    assert (
        "penalties_applied: the rows of source 'kpi' are dated 2026-04-01..2026-09-01, only part of "
        "2025-10-01..2026-09-30: the fact counts those days as the whole window; give the exports of the "
        "whole window"
    ) in found.notes


def test_a_report_in_a_day_first_locale_is_read_from_its_dates(tmp_path: Path) -> None:
    """A report exported in English (United Kingdom): a day above 12 says the day comes first."""
    folder = tmp_path / "exports"
    folder.mkdir()
    lines = ['"Case Number","Date/Time Opened","Escalated"']
    lines += [
        '"00001001","15/07/2026 09:12","1"',
        '"00001002","03/08/2026 17:40","0"',
        '"00001003","01/10/2026","1"',
    ]
    lines += ['""', '"Grand Totals (3 records)"', '""', '"Confidential Information - Do Not Distribute"']
    (folder / "report1790931600000.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = facts(folder, "salesforce-report")
    assert (1, 2) == (
        found.provenance["escalations_per_month"].rows,
        found.provenance["escalations_per_month"].of,
    )
    assert () == found.problems
