"""The hostile cases of the workbook, survey-export, operational-export and portfolio paths.

Each case is one input (or a few) and the commands that must refuse it with a clear,
located error – or, for the outputs, the commands whose output must be safe (no live
formula from user text, no control sequence, one report per relationship). Used by
tools/replay_hostile.py; every case is built here from real files: a workbook exported
and filled in, the bundled examples' exports, tests/data's survey exports.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

import hostile_xlsx as hostile  # noqa: E402  (beside the tests, shared with the fuzzers)

COLLECT = ROOT / "tests" / "data" / "collect"
SURVEYS = ROOT / "tests" / "data" / "surveys"
REPORT = ROOT / "tests" / "data" / "operational" / "salesforce-report" / "report1790931600000.csv"
EXPORTS = ROOT / "examples" / "ouessant-logistics" / "exports"
EXAMPLE = ROOT / "examples" / "acme-hosting" / "2026-09-15.toml"
ANSWERS_PART = "xl/worksheets/sheet2.xml"  # the Answers sheet of an exported workbook
FACTS_PART = "xl/worksheets/sheet3.xml"

Check = Callable[[str, Path], str | None]  # (output, scratch) -> what is wrong, or None


@dataclass(frozen=True)
class Run:
    """One command of a case; *ok* when exit 0 is the right outcome (then *check* judges it)."""

    arguments: list[str]
    ok: bool = False
    check: Check | None = None


@dataclass(frozen=True)
class Hostile:
    name: str
    runs: list[Run] = field(default_factory=list)


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def filled_workbook(date: str | None = "2026-09-15", name: str = "Claire Martin") -> bytes:
    """The pulse workbook (client side, French) filled in as a person would, saved by openpyxl."""
    import make_collect_samples as samples
    from openpyxl import load_workbook

    import vendormaturity as vm

    q = vm.load_questionnaire("pulse")
    meta = {"date": datetime.date.fromisoformat(date)} if date else {}
    data = vm.export_workbook(q, side="client", lang="fr", relationship="acme-hosting", **meta)  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(data))
    answers = book["Réponses"]
    rows = samples.rows_by_key(answers)
    answers.cell(rows["#name"], 4, name)
    answers.cell(rows["#role"], 4, "Management")
    for question, value in samples.ANSWERS.items():
        answers.cell(rows[question], 4, value)
    facts = book["Faits"]
    fact_rows = samples.rows_by_key(facts)
    for fact, given in samples.FACTS.items():
        facts.cell(fact_rows[fact], 4, given)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import(path: Path, scratch: Path, *extra: str) -> list[str]:
    return ["import", str(path), "--out", str(scratch / "out.toml"), "--force", *extra]


def _add(path: Path, scratch: Path, *extra: str) -> list[str]:
    return ["portfolio", "add", str(path), "--db", str(scratch / "portfolio.db"), *extra]


def _forms(path: Path, scratch: Path) -> list[str]:
    return _import(
        path, scratch, "--tool", "forms", "-q", "pulse", "--relationship", "acme", "--side", "client"
    )


def _refused(*commands: list[str]) -> list[Run]:
    return [Run(arguments) for arguments in commands]


def workbooks(folder: Path, scratch: Path) -> Iterator[Hostile]:
    """Workbooks people send back, made hostile in their parts."""
    filled = filled_workbook()
    shared = hostile.shared_strings(filled)
    cases = {
        "wb-billion-laughs": hostile.billion_laughs(shared, ANSWERS_PART),
        "wb-external-entity": hostile.external_entity(shared, hostile.STRINGS),
        "wb-text-in-number-cell": hostile.text_in_numbers(shared, FACTS_PART),
        "wb-shared-string-out-of-range": hostile.strings_out_of_range(shared, ANSWERS_PART),
        "wb-cut-in-half": hostile.cut(shared, ANSWERS_PART),
        "wb-no-sheets": hostile.no_sheets(shared),
        "wb-encrypted": hostile.encrypted(),
        "wb-xls": hostile.legacy(),
        "wb-uncached-formula-answer": hostile.cell(
            shared, ANSWERS_PART, "D9", '<c r="D9"><f>IF(1,"4 – Plutôt d\'accord","")</f></c>'
        ),
        "wb-dated-2099": filled_workbook("2099-01-01"),
        "wb-far-value": hostile.cell(
            shared, ANSWERS_PART, "XFD3", '<c r="XFD3" t="inlineStr"><is><t>x</t></is></c>'
        ),
    }
    for name, content in cases.items():
        path = _write(folder, f"{name}.xlsx", content)
        yield Hostile(name, _refused(_import(path, scratch), _add(path, scratch)))
    inflated = hostile.empty_rows(
        hostile.dimension(shared, ANSWERS_PART, "A1:XFD19000"), ANSWERS_PART, 19_000
    )
    for part in ("xl/worksheets/sheet1.xml", FACTS_PART):
        inflated = hostile.dimension(inflated, part, "A1:XFD19000")
    path = _write(folder, "wb-claims-XFD19000.xlsx", inflated)
    expected = _answers_of(filled, folder, scratch)
    yield Hostile(
        "wb-claims-XFD19000", [Run(_import(path, scratch), ok=True, check=_same_answers(expected, scratch))]
    )
    small = filled
    for part in ("xl/worksheets/sheet1.xml", ANSWERS_PART, FACTS_PART):
        small = hostile.dimension(small, part, "A1:A1")
    path = _write(folder, "wb-dimension-smaller-than-data.xlsx", small)
    yield Hostile(
        "wb-dimension-smaller-than-data",
        [Run(_import(path, scratch), ok=True, check=_same_answers(expected, scratch))],
    )
    good = _write(folder, "claire.xlsx", filled)
    yield Hostile("import-date-0001", _refused(_import(good, scratch, "--date", "0001-01-01")))
    yield Hostile("import-date-2099", _refused(_import(good, scratch, "--date", "2099-01-01")))
    round_folder = folder / "acme-hosting" / "2026-12-15"
    _write(round_folder, "claire.xlsx", filled)
    yield Hostile("round-folder-date-differs", _refused(_add(round_folder, scratch)))


def _answers_of(data: bytes, folder: Path, scratch: Path) -> str:
    """The response file an import of *data* writes (the reference a hostile variant must match)."""
    import subprocess

    path = _write(folder, "reference.xlsx", data)
    out = scratch / "reference.toml"
    subprocess.run(
        [sys.executable, "-m", "vendormaturity", "import", str(path), "--out", str(out), "--force"],
        check=False,
        capture_output=True,
    )
    return _body(out.read_text(encoding="utf-8")) if out.exists() else ""


def _body(text: str) -> str:
    """A response file without its comments (which name the file imported)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _same_answers(expected: str, scratch: Path) -> Check:
    def check(output: str, _: Path) -> str | None:
        written = scratch / "out.toml"
        if not expected:
            return "the reference workbook was not imported"
        if not written.exists():
            return "no response file written"
        return None if _body(written.read_text(encoding="utf-8")) == expected else "answers or facts lost"

    return check


def surveys(folder: Path, scratch: Path) -> Iterator[Hostile]:
    """Survey exports: .xlsx from Forms made hostile, CSV in codecs that are no character set."""
    forms = hostile.shared_strings((COLLECT / "forms-pulse-client-en.xlsx").read_bytes())
    sheet = "xl/worksheets/sheet1.xml"
    cases = {
        "forms-billion-laughs": hostile.billion_laughs(forms, hostile.STRINGS),
        "forms-external-entity": hostile.external_entity(forms, sheet),
        "forms-text-in-number-cell": hostile.text_in_numbers(forms, sheet),
        "forms-cut-in-half": hostile.cut(forms, sheet),
        "forms-no-sheets": hostile.no_sheets(forms),
        "forms-uncached-formulas": hostile.uncached_formulas(forms, sheet),
        "forms-claims-XFD1048576": hostile.empty_rows(
            hostile.dimension(forms, sheet, "A1:XFD1048576"), sheet, 50_000
        ),
    }
    for name, content in cases.items():
        path = _write(folder, f"{name}.xlsx", content)
        if name == "forms-claims-XFD1048576":
            yield Hostile(name, [Run(_forms(path, scratch), ok=True)])
        else:
            yield Hostile(name, _refused(_forms(path, scratch)))
    google = COLLECT / "google-pulse-fr.csv"
    for codec in ("rot13", "base64", "punycode", "undefined"):
        arguments = _import(google, scratch, "--tool", "google", "-q", "pulse", "--relationship", "acme")
        yield Hostile(f"csv-encoding-{codec}", _refused([*arguments, "--encoding", codec]))
    rows = list(csv.reader(io.StringIO(google.read_text(encoding="utf-8"), newline="")))
    rows[1][rows[0].index("Votre nom")] = "C" * 30_000_000
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows[:2])
    huge = buffer.getvalue()
    path = _write(folder, "google-30MB-name.csv", huge.encode())
    yield Hostile(
        "csv-30MB-name",
        _refused(_import(path, scratch, "--tool", "google", "-q", "pulse", "--relationship", "acme")),
    )
    path = _write(folder, "forms-as-csv.csv", (COLLECT / "forms-pulse-client-en.xlsx").read_bytes())
    yield Hostile(
        "xlsx-given-as-csv",
        _refused(_import(path, scratch, "--tool", "google", "-q", "pulse", "--relationship", "acme")),
    )


def exports(folder: Path, scratch: Path) -> Iterator[Hostile]:
    """Operational exports: inflated and huge invoices, dates at the ends of time, huge numbers."""
    invoices = (EXPORTS / "factures.xlsx").read_bytes()
    part = hostile.sheet_part(invoices)

    def facts(source: str, path: Path, mapping: str = "spreadsheets") -> list[str]:
        return ["facts", f"{source}={path}", "-m", mapping, "--period", "2026-Q3"]

    claimed = hostile.empty_rows(hostile.dimension(invoices, part, "A1:XFD1048576"), part, 20_000)
    path = _write(folder, "invoices-claims-XFD1048576.xlsx", claimed)
    yield Hostile("invoices-claims-XFD1048576", [Run(facts("invoices", path), ok=True)])
    rows = ["Numéro,Date,Montant HT,Statut"] + [f"F{n},2026-08-01,100,Payée" for n in range(2_000_000)]
    path = _write(folder, "invoices-2000000-rows.csv", ("\n".join(rows) + "\n").encode())
    yield Hostile("invoices-2000000-rows", _refused(facts("invoices", path)))
    path = _write(folder, "invoices-uncached.xlsx", hostile.uncached_formulas(invoices, part))
    yield Hostile("invoices-uncached-formulas", _refused(facts("invoices", path)))
    path = _write(folder, "invoices-billion-laughs.xlsx", hostile.billion_laughs(invoices, part))
    yield Hostile("invoices-billion-laughs", _refused(facts("invoices", path)))
    kpi = (EXPORTS / "kpi_report.csv").read_text(encoding="utf-8-sig").splitlines()
    row = next(index for index, line in enumerate(kpi) if ";2026-07;" in line)
    cells = kpi[row].split(";")
    cells[2] = "9" * 5_000
    kpi[row] = ";".join(cells)
    content = "\n".join(kpi) + "\n"
    path = _write(folder, "kpi-5000-digits.csv", content.encode())
    yield Hostile("kpi-5000-digit-value", _refused(facts("kpi", path)))
    incidents = (EXPORTS / "incident.csv").read_text(encoding="utf-8").splitlines()
    for when in ("9999-12-31T23:30:00-05:00", "0001-01-01T00:10:00+05:00"):
        dated = re.sub(r"20\d\d-\d\d-\d\d[ T]\d\d:\d\d:\d\d", when, incidents[1], count=1)
        path = _write(
            folder,
            f"incident-{when[:4]}.csv",
            ("\n".join([incidents[0], dated, *incidents[2:]]) + "\n").encode(),
        )
        yield Hostile(f"incident-date-{when[:4]}-offset", _refused(facts("incidents", path, "servicenow")))


def tool_layouts(folder: Path, scratch: Path) -> Iterator[Hostile]:
    """The tools' own layouts made hostile: response types no respondent has, partial responses that
    look whole, dates in a locale that reads both ways, a report's own lines where rows should be."""
    mapping = SURVEYS / "pulse-client-en.mapping.toml"
    expected = json.loads((SURVEYS / "expected.json").read_text(encoding="utf-8"))
    qualtrics = SURVEYS / "Pulse_ACME_September 15, 2026_10.12.csv"
    rows = list(csv.reader(io.StringIO(qualtrics.read_text(encoding="utf-8-sig"), newline="")))
    status = rows[0].index("Status")

    def imported(path: Path, *extra: str) -> list[str]:
        return _import(path, scratch, "--mapping", str(mapping), *extra)

    def changed(name: str, change: Callable[[list[list[str]]], list[list[str]]]) -> Path:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(change([list(row) for row in rows]))
        return _write(folder, f"{name}.csv", buffer.getvalue().encode("utf-8-sig"))

    def cell(row: int, value: str) -> Callable[[list[list[str]]], list[list[str]]]:
        def change(table: list[list[str]]) -> list[list[str]]:
            table[row][status] = value
            return table

        return change

    numbers = {"IP Address": "0", "Survey Preview": "1", "Survey Test": "2", "Spam": "8"}
    variants: dict[str, Callable[[list[list[str]]], list[list[str]]]] = {
        "qualtrics-status-unknown": cell(6, "Kiosk"),
        "qualtrics-status-escape": cell(6, "\x1b]0;owned\x07IP Address\x1b[2J"),
        "qualtrics-status-numeric": lambda table: [
            *table[:3],
            *(
                [*row[:status], numbers.get(row[status], row[status]), *row[status + 1 :]]
                for row in table[3:]
            ),
        ],
        "qualtrics-no-status": lambda table: [row[:status] + row[status + 1 :] for row in table],
    }
    kept = expected[qualtrics.name]
    drawn = [person["name"] for person in kept["respondents"]]
    for name, change in variants.items():
        path = changed(name, change)
        if name in ("qualtrics-status-numeric", "qualtrics-no-status"):
            yield Hostile(name, _refused(imported(path), imported(path, "--keep-partial")))
            continue
        # a row of an unknown type: refused, or with --keep-partial left out and said, the others kept
        row = rows[6][rows[1].index("Your name")]
        others = [person for person in drawn if person != row]
        yield Hostile(
            name,
            [
                Run(imported(path)),
                Run(
                    imported(path, "--keep-partial"),
                    ok=True,
                    check=_both(
                        _respondents(scratch, present=others, absent=[row]), _said("row 7, column C")
                    ),
                ),
            ],
        )
    yield Hostile(
        "qualtrics-previews-with-keep-partial",
        [
            Run(
                imported(qualtrics, "--keep-partial"),
                ok=True,
                check=_respondents(
                    scratch,
                    present=[person["name"] for person in kept["respondents"]],
                    absent=["Preview check", "Generated test", "Free crypto offer"],
                ),
            )
        ],
    )
    monkey = expected["Sheet_1 (all responses).csv"]
    yield Hostile(
        "surveymonkey-partial-responses",
        [
            Run(
                imported(SURVEYS / "Sheet_1 (all responses).csv"),
                ok=True,
                check=_respondents(
                    scratch,
                    present=[person["name"] for person in monkey["respondents"]],
                    absent=monkey["left_out"],
                ),
            )
        ],
    )
    yield from _reports(folder)


def _reports(folder: Path) -> Iterator[Hostile]:
    """A Salesforce report: dates that read both ways, formats no one means, its footer misplaced."""
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    header, data, footer = lines[0], lines[1:300], lines[-6:]

    def facts(path: Path, *extra: str) -> list[str]:
        return ["facts", str(path.parent), "-m", "salesforce-report", "--period", "2026-Q2", *extra]

    def report(name: str, content: list[str]) -> Path:
        return _write(folder / name, "report1790931600000.csv", ("\n".join(content) + "\n").encode())

    both = [
        re.sub(r'"(\d+)/(\d+)/2026', lambda m: f'"{min(int(m[1]), 12)}/{min(int(m[2]), 12)}/2026', line)
        for line in data
    ]
    cases = {
        "report-dates-both-ways": (report("report-dates-both-ways", [header, *both, *footer]), ()),
        "report-date-format-%Y%Y": (REPORT, ("--date-format", "%Y%Y")),
        "report-date-format-us": (REPORT, ("--date-format", "us")),
        "report-no-rows": (report("report-no-rows", [header, *footer]), ()),
        "report-footer-amid-rows": (
            report("report-footer-amid-rows", [header, *data[:50], *footer, *data[50:]]),
            (),
        ),
    }
    for name, (path, extra) in cases.items():
        yield Hostile(name, _refused(facts(path, *extra)))
    escaped = [*footer[:-1], '"\x1b]0;owned\x07Copyright \x1b[2J(c) salesforce.com"']
    path = report("report-escape-in-footer", [header, *data, *escaped])
    yield Hostile(
        "report-escape-in-footer",
        [Run(facts(path, "--date-format", "month_first"), ok=True, check=_no_escape)],
    )


def _respondents(scratch: Path, *, present: Sequence[str], absent: Sequence[str]) -> Check:
    """The response file written holds every one of *present* and none of *absent*."""

    def check(_: str, __: Path) -> str | None:
        written = scratch / "out.toml"
        if not written.exists():
            return "no response file written"
        text = written.read_text(encoding="utf-8")
        lost = [name for name in present if f'"{name}"' not in text]
        read = [name for name in absent if f'"{name}"' in text]
        if lost or read:
            return f"respondents lost: {lost}; read though no complete response: {read}"
        return None

    return check


def _both(first: Check, second: Check) -> Check:
    def check(output: str, scratch: Path) -> str | None:
        return first(output, scratch) or second(output, scratch)

    return check


def _said(where: str) -> Check:
    """The output names the cell *where*, and carries no escape sequence."""

    def check(output: str, scratch: Path) -> str | None:
        return _no_escape(output, scratch) or (None if where in output else f"nothing said of {where}")

    return check


def _no_escape(output: str, _: Path) -> str | None:
    return "an escape sequence reached the terminal" if "\x1b" in output else None


def mappings(folder: Path, scratch: Path) -> Iterator[Hostile]:
    """Mapping files and periods that no one means."""
    text = (ROOT / "mappings" / "servicenow.toml").read_text(encoding="utf-8")
    incident = EXPORTS / "incident.csv"

    def facts(mapping: Path, *extra: str) -> list[str]:
        return ["facts", f"incidents={incident}", "-m", str(mapping), "--period", "2026-Q3", *extra]

    formats = text.replace('date_format = "iso"', 'date_format = "%Y%Y"', 1)
    path = _write(folder, "map-date-format.toml", formats.encode())
    yield Hostile("mapping-date-format-%Y%Y", _refused(["mapping", str(path)], facts(path)))
    links = (
        "".join(f'c{n} = {{ not = "c{n + 1}" }}\n' for n in range(3_000)) + 'c3000 = { not = "escalated" }\n'
    )
    chain = text.replace("[sources.incidents.conditions]\n", "[sources.incidents.conditions]\n" + links, 1)
    chain = chain.replace('where = "escalated"', 'where = "c0"', 1)
    path = _write(folder, "map-not-chain.toml", chain.encode())
    yield Hostile("mapping-3000-nots", _refused(["mapping", str(path)], facts(path)))
    yield Hostile(
        "facts-encoding-rot13", _refused(facts(ROOT / "mappings" / "servicenow.toml", "--encoding", "rot13"))
    )
    servicenow = ROOT / "mappings" / "servicenow.toml"
    for period, extra in (
        ("0000-Q1", ()),
        ("1989-Q1", ("--confirm-period",)),
        ("0001-01", ("--confirm-period",)),
    ):
        yield Hostile(
            f"period-{period}{'-confirmed' if extra else ''}",
            _refused(facts(servicenow, "--period", period, *extra)),
        )


def outputs(folder: Path, scratch: Path) -> Iterator[Hostile]:
    """What a person opens elsewhere: no live formula, no control sequence, one report per relationship."""
    base = EXAMPLE.read_text(encoding="utf-8")
    names = {
        "formula": '=HYPERLINK("http://example.invalid","x")',
        "plus": "+cmd|' /C calc'!A0",
        "markup": "[/bold]",
        "escape": "acme\x1b]8;;http://example.invalid\x07\x1b[2J\x9b31m",
    }
    paths = []
    for key, name in names.items():
        escaped = name.replace("\\", "\\\\").replace('"', '\\"')
        escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
        content = base.replace('relationship = "acme-hosting"', f'relationship = "{escaped}"')
        paths.append(_write(folder / "names", f"{key}.toml", content.encode()))
    database = scratch / "names.db"
    add = ["portfolio", "add", *map(str, paths), "--db", str(database)]
    listing = ["portfolio", "list", "--db", str(database), "--format", "csv"]
    yield Hostile(
        "names-formulas-markup-escapes",
        [
            Run(add, ok=True, check=_no_control),
            Run(listing, ok=True, check=_no_live_csv),
            Run(listing, ok=True, check=_no_control),
            Run(["portfolio", "list", "--db", str(database)], ok=True, check=_no_control),
            *(Run(["assess", str(path)], ok=True, check=_no_control) for path in paths),
        ],
    )
    workbook = scratch / "formula.xlsx"
    yield Hostile(
        "export-workbook-formula-names",
        [
            Run(
                [
                    "export",
                    "pulse",
                    "--side",
                    "client",
                    "--relationship",
                    names["formula"],
                    "--client",
                    "@SUM(1)",
                    "--supplier",
                    "-2+3",
                    "--out",
                    str(workbook),
                    "--force",
                ],
                ok=True,
                check=_no_live_workbook(workbook),
            )
        ],
    )
    same = []
    for index, name in enumerate(("north wind", "north/wind", "north!wind")):
        content = base.replace('relationship = "acme-hosting"', f'relationship = "{name}"')
        same.append(_write(folder / "north", f"{index}.toml", content.encode()))
    reports = scratch / "reports"
    reports.mkdir(exist_ok=True)
    yield Hostile(
        "report-names-per-relationship",
        [
            Run(
                ["assess", *map(str, same), "--format", "markdown", "--out", f"{reports}/"],
                ok=True,
                check=_files_in(reports, 3),
            )
        ],
    )


def _no_control(output: str, _: Path) -> str | None:
    found = re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", output)
    return None if found is None else f"control character {found.group()!r} reached the terminal"


def _no_live_csv(output: str, _: Path) -> str | None:
    for row in csv.reader(io.StringIO(output)):
        for value in row:
            if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _numeric(value):
                return f"a live formula in the CSV: {value[:40]!r}"
    return None


def _numeric(value: str) -> bool:
    return re.fullmatch(r"[+-]?\d+(\.\d+)?", value) is not None


def _no_live_workbook(path: Path) -> Check:
    def check(_: str, __: Path) -> str | None:
        if not path.exists():
            return "no workbook written"
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name):
                    text = archive.read(name).decode("utf-8", "replace")
                    formula = re.search(r"<f>([^<]*)</f>", text)
                    shown = formula.group(1) if formula else ""
                    if any(marker in shown for marker in ("HYPERLINK", "SUM(1)", "2+3")):
                        return f"a live formula from user text: {shown[:40]!r}"
        return None

    return check


def _files_in(folder: Path, count: int) -> Check:
    def check(_: str, __: Path) -> str | None:
        found = sorted(path.name for path in folder.iterdir())
        return (
            None if len(found) == count else f"{len(found)} report files for {count} relationships: {found}"
        )

    return check


def cases(folder: Path, scratch: Path) -> Iterator[Hostile]:
    for family in (workbooks, surveys, tool_layouts, exports, mappings, outputs):
        yield from family(folder, scratch)


def names(found: Sequence[Hostile]) -> list[str]:
    return [case.name for case in found]
