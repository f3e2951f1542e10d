"""Write realistic operational exports for the tests, with the facts each one should give.

For each tool (ServiceNow, Jira Service Management, Dynamics 365, Salesforce) and for the
spreadsheets a service manager keeps by hand, this script makes deterministic records
(``random.Random`` with a fixed seed) and writes them in the tool's own export layout: its
header names, quoting, date formats, repeated columns, hidden columns, JSON envelope. It
then computes, in plain Python and from the records rather than the files, the facts those
exports should give for 2026-Q3 (and a second period where useful), and writes them to
``expected.toml`` beside the files: an oracle independent of the library. Which public
documentation each layout follows is in ``tests/data/operational/README.md``.

The example relationship of ``examples/`` uses :func:`example_exports` (see
``tools/make_examples.py``).

Run from the repository root::

    .venv/bin/python tools/make_operational_samples.py            # (re)write tests/data/operational/
    .venv/bin/python tools/make_operational_samples.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import random
import re
import shutil
import sys
import zipfile
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import tomli_w

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "operational"
Q3 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
Q2 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
YEAR_TO_Q3 = (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))
FIXED_TIME = (2026, 10, 2, 9, 0, 0)  # zip entries of the workbooks: stable bytes, stable diffs
Window = tuple[datetime.date, datetime.date]


def inside(day: datetime.date, window: Window) -> bool:
    return window[0] <= day <= window[1]


def months(window: Window) -> int:
    return (window[1].year - window[0].year) * 12 + window[1].month - window[0].month + 1


def ratio(part: int, whole: int) -> float:
    return round(part / whole, 4)


# --------------------------------------------------------------------------- tickets


@dataclass
class Ticket:
    """One incident, issue or case, whatever the tool calls it."""

    number: str
    opened: datetime.datetime  # local time of the tool's users (UTC for the tools that say so)
    priority: int  # 1 (critical) to 5 (planning)
    category: str
    summary: str
    escalated: bool
    cancelled: bool
    resolved: datetime.datetime | None
    labels: tuple[str, ...] = ()


CATEGORIES = {
    "Network": ["VPN drops every afternoon", "Wi-Fi slow in meeting rooms", "Firewall rule request"],
    "Hardware": ["Laptop will not boot", "Docking station not detected", "Printer jams on floor 3"],
    "Software": ["ERP session times out", "Outlook search returns nothing", "Licence expired for CAD"],
    "Database": ["Nightly batch overran", "Reporting database locked", "Replication lag on the DWH"],
    "Inquiry / Help": ["Access to the shared drive", "How to reset MFA", "New starter accounts"],
}


def tickets(
    rng: random.Random,
    *,
    number: Callable[[int], str],
    start: datetime.date,
    end: datetime.date,
    per_day: int,
    escalation: Callable[[datetime.date], float],
    cancelled: float = 0.02,
) -> list[Ticket]:
    """Tickets opened on working days from *start* to *end*, escalated at a rate that may drift."""
    found: list[Ticket] = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            for _ in range(max(0, per_day + rng.randint(-3, 3))):
                opened = datetime.datetime.combine(day, datetime.time(rng.randint(7, 18), rng.randint(0, 59)))
                opened += datetime.timedelta(seconds=rng.randint(0, 59))
                category = rng.choice(sorted(CATEGORIES))
                priority = rng.choices([1, 2, 3, 4, 5], weights=[2, 8, 40, 40, 10])[0]
                is_cancelled = rng.random() < cancelled
                resolved = None
                if not is_cancelled and rng.random() < 0.95:
                    resolved = opened + datetime.timedelta(hours=rng.randint(1, 120))
                found.append(
                    Ticket(
                        number=number(len(found)),
                        opened=opened,
                        priority=priority,
                        category=category,
                        summary=rng.choice(CATEGORIES[category]),
                        escalated=rng.random() < escalation(day),
                        cancelled=is_cancelled,
                        resolved=resolved,
                    )
                )
        day += datetime.timedelta(days=1)
    return found


def per_month_oracle(items: Iterable[Ticket], window: Window) -> tuple[float, int, int]:
    """Escalated and not cancelled tickets opened in *window*, per month; and the counts."""
    considered = [t for t in items if inside(t.opened.date(), window) and not t.cancelled]
    hits = sum(1 for t in considered if t.escalated)
    return round(hits / months(window), 4), hits, len(considered)


def drift(base: float, step: float) -> Callable[[datetime.date], float]:
    """An escalation rate that grows by *step* each month of 2026."""
    return lambda day: base + step * (day.month - 1 if day.year == 2026 else 0)


# --------------------------------------------------------------------------- writing helpers


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, delimiter: str = ",", quote_all: bool = False
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))


_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def save_workbook(book: openpyxl.Workbook, path: Path) -> None:
    """Save a workbook with fixed timestamps, so that the same records give the same bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>2026-10-02T09:00:00Z\g<2>", data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


def guid(rng: random.Random) -> str:
    digits = f"{rng.getrandbits(128):032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def dynamics_sheet(
    book: openpyxl.Workbook,
    title: str,
    *,
    entity: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    rng: random.Random,
) -> None:
    """A sheet as Dynamics 365's Export to Excel lays it out: three hidden (Do Not Modify) columns
    first, then the view's columns; a hidden sheet of metadata."""
    sheet = book.active  # a new workbook's only sheet
    assert sheet is not None
    sheet.title = title
    hidden = [f"(Do Not Modify) {entity}", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On"]
    sheet.append([*hidden, *header])
    modified = datetime.datetime(2026, 10, 1, 6, 30)
    for row in rows:
        sheet.append([guid(rng), f"{rng.getrandbits(64):016x}", modified, *row])
    for letter in "ABC":
        sheet.column_dimensions[letter].hidden = True
    if "hiddenSheet" not in book.sheetnames:
        meta = book.create_sheet("hiddenSheet")
        meta.append([f"{entity.lower()}:{guid(rng)}"])
        meta.sheet_state = "hidden"


# --------------------------------------------------------------------------- ServiceNow


def servicenow(folder: Path) -> dict[str, object]:
    """Incident and task SLA list exports, CSV: field names in the header, display values in cells."""
    rng = random.Random("servicenow")
    items = tickets(
        rng,
        number=lambda index: f"INC{10_001 + index:07d}",
        start=datetime.date(2026, 1, 2),
        end=datetime.date(2026, 9, 30),
        per_day=14,
        escalation=drift(0.02, 0.004),
    )
    levels = {True: ["High", "Overdue"], False: ["Normal", "Moderate"]}
    states = ["New", "In Progress", "On Hold", "Resolved", "Closed"]
    header = ["number", "opened_at", "short_description", "caller_id", "priority", "state", "category"]
    header += ["assignment_group", "escalation", "closed_at"]
    priorities = {1: "1 - Critical", 2: "2 - High", 3: "3 - Moderate", 4: "4 - Low", 5: "5 - Planning"}
    rows = []
    for t in items:
        if t.escalated:
            escalation = rng.choices(levels[True], weights=[3, 1])[0]
        else:
            escalation = rng.choices(levels[False], weights=[10, 1])[0]
        state = "Canceled" if t.cancelled else ("Closed" if t.resolved else rng.choice(states[:3]))
        rows.append(
            [
                t.number,
                t.opened.strftime("%Y-%m-%d %H:%M:%S"),
                t.summary,
                rng.choice(["Abel Tuter", "Beth Anglin", "Bow Ruggeri", "Charlie Whitherspoon"]),
                priorities[t.priority],
                state,
                t.category,
                rng.choice(["Service Desk", "Network", "Hardware", "Database"]),
                escalation,
                t.resolved.strftime("%Y-%m-%d %H:%M:%S") if t.resolved else "",
            ]
        )
    write_text(folder / "incident.csv", csv_text(header, rows, quote_all=True))
    slas, sla_rows = [], []
    names = {1: "P1 resolution (4 hours)", 2: "P2 resolution (8 hours)", 3: "P3 resolution (3 days)"}
    for t in items:
        if t.cancelled:
            stage = "Cancelled"
        elif t.resolved is None:
            stage = rng.choice(["In progress", "Paused"])
        else:
            stage = "Completed"
        breached = rng.random() < (0.03 if t.opened.month < 7 else 0.06)
        slas.append((t.opened.date(), stage, breached))
        sla_rows.append(
            [
                t.number,
                names.get(t.priority, "P4 resolution (5 days)"),
                stage,
                "true" if breached else "false",
                t.opened.strftime("%Y-%m-%d %H:%M:%S"),
                t.resolved.strftime("%Y-%m-%d %H:%M:%S") if t.resolved else "",
                f"{rng.uniform(5, 140 if breached else 99):.2f}",
            ]
        )
    sla_header = ["task", "sla", "stage", "has_breached", "start_time", "end_time", "business_percentage"]
    write_text(folder / "task_sla.csv", csv_text(sla_header, sla_rows, quote_all=True))
    completed = [breached for day, stage, breached in slas if inside(day, Q3) and stage == "Completed"]
    value, hits, considered = per_month_oracle(items, Q3)
    return {
        "mappings": ["servicenow"],
        "rows": len(items) + len(slas),
        "cases": [
            {
                "period": "2026-Q3",
                "facts": {
                    "escalations_per_month": value,
                    "kpi_green_ratio": ratio(completed.count(False), len(completed)),
                },
                "counted": {
                    "escalations_per_month": [hits, considered],
                    "kpi_green_ratio": [completed.count(False), len(completed)],
                },
            },
            {
                "period": "2026-Q1",
                "facts": {
                    "escalations_per_month": per_month_oracle(
                        items, (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
                    )[0]
                },
            },
        ],
    }


# --------------------------------------------------------------------------- Jira Service Management


def jira_date(moment: datetime.datetime) -> str:
    """Jira's default CSV date format, dd/MMM/yy h:mm a: 03/Jul/26 9:15 AM."""
    hour = moment.hour % 12 or 12
    return f"{moment:%d/%b/%y} {hour}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"


def jira(folder: Path) -> dict[str, object]:
    """An issue search exported as CSV (all fields): repeated Labels columns, site date format."""
    rng = random.Random("jira")
    items = tickets(
        rng,
        number=lambda index: f"SD-{4_101 + index}",
        start=datetime.date(2026, 1, 5),
        end=datetime.date(2026, 9, 30),
        per_day=11,
        escalation=drift(0.015, 0.002),
        cancelled=0.03,
    )
    header = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Resolution"]
    header += ["Assignee", "Reporter", "Created", "Updated", "Resolved", "Labels", "Labels", "Labels"]
    header += ["Custom field (Request Type)"]
    names = {1: "Highest", 2: "High", 3: "Medium", 4: "Low", 5: "Lowest"}
    rows = []
    for index, t in enumerate(items):
        labels = (
            [rng.choice(["vip", "network", "onsite", "remote", "hardware-refresh"])]
            if rng.random() < 0.4
            else []
        )
        if t.escalated:
            labels.insert(rng.randint(0, len(labels)), "escalated")
        if rng.random() < 0.2:
            labels.append("customer-visible")
        t.labels = tuple(labels[:3])
        if t.escalated and "escalated" not in t.labels:
            t.labels = ("escalated", *t.labels[:2])
        status = (
            rng.choice(["Canceled", "Declined"])
            if t.cancelled
            else ("Closed" if t.resolved else "Waiting for support")
        )
        resolution = "Won't Do" if t.cancelled else ("Done" if t.resolved else "")
        updated = t.resolved or t.opened + datetime.timedelta(hours=2)
        padded = [*t.labels, "", "", ""][:3]
        rows.append(
            [
                t.summary,
                t.number,
                str(20_000 + index),
                rng.choice(["[System] Incident", "[System] Service request"]),
                status,
                names[t.priority],
                resolution,
                rng.choice(["Mia Krystof", "Omar Diallo", "Lena Brandt", ""]),
                rng.choice(["Paula Ortega", "Kenji Sato", "Ines Moreau"]),
                jira_date(t.opened),
                jira_date(updated),
                jira_date(t.resolved) if t.resolved else "",
                *padded,
                rng.choice(["Get IT help", "Report a system problem", "Request new hardware"]),
            ]
        )
    write_text(folder / "jira-export.csv", csv_text(header, rows))
    value, hits, considered = per_month_oracle(items, Q3)
    return {
        "mappings": ["jira-service-management"],
        "rows": len(items),
        "cases": [
            {
                "period": "2026-Q3",
                "facts": {"escalations_per_month": value},
                "counted": {"escalations_per_month": [hits, considered]},
            },
            {"period": "2026-Q2", "facts": {"escalations_per_month": per_month_oracle(items, Q2)[0]}},
        ],
    }


# --------------------------------------------------------------------------- Dynamics 365


def dynamics(folder: Path) -> dict[str, object]:
    """Cases (first half as Web API JSON, third quarter as an Excel export), SLA KPI instances,
    and the connections of the won opportunity and of the account (Excel exports)."""
    rng = random.Random("dynamics365")

    def case_number(index: int) -> str:
        return f"CAS-{10_234 + index:05d}-{''.join(rng.choices('BCDFGHJKLMNPQRSTVWXZ0123456789', k=6))}"

    items = tickets(
        rng,
        number=case_number,
        start=datetime.date(2026, 1, 2),
        end=datetime.date(2026, 9, 30),
        per_day=9,
        escalation=drift(0.03, 0.003),
    )
    first = [t for t in items if t.opened.month <= 6]
    third = [t for t in items if t.opened.month >= 7]
    records = []
    for t in first:
        # the Web API gives UTC: Paris summer time is two hours ahead
        utc = t.opened - datetime.timedelta(hours=2 if 3 < t.opened.month < 11 else 1)
        records.append(
            {
                "@odata.etag": f'W/"{rng.randint(1_000_000, 9_999_999)}"',
                "incidentid": guid(rng),
                "ticketnumber": t.number,
                "title": t.summary,
                "createdon": utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "isescalated": t.escalated,
                "prioritycode": min(t.priority, 3),
                "statecode": 2 if t.cancelled else (1 if t.resolved else 0),
                "_customerid_value": guid(rng),
            }
        )
        t.opened = utc  # the oracle counts UTC days, as the mapping says
    document = {
        "@odata.context": "https://contoso.crm4.dynamics.com/api/data/v9.2/$metadata#incidents(ticketnumber,title,createdon,isescalated,prioritycode,statecode,_customerid_value)",
        "value": records,
    }
    write_text(folder / "cases-2026-h1.json", json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    book = openpyxl.Workbook()
    header = [
        "Case Number",
        "Case Title",
        "Priority",
        "Status",
        "Status Reason",
        "Created On",
        "Is Escalated",
    ]
    header += ["Customer", "Owner"]
    priorities = {1: "High", 2: "High", 3: "Normal", 4: "Low", 5: "Low"}
    rows = [
        [
            t.number,
            t.summary,
            priorities[t.priority],
            "Cancelled" if t.cancelled else ("Resolved" if t.resolved else "Active"),
            "Cancelled" if t.cancelled else ("Problem Solved" if t.resolved else "In Progress"),
            t.opened,
            "Yes" if t.escalated else "No",
            rng.choice(["Contoso Pharmaceuticals", "Contoso Ltd (sample)"]),
            rng.choice(["Alan Steiner", "Veronica Quek", "Nancy Anderson"]),
        ]
        for t in third
    ]
    dynamics_sheet(book, "Active Cases", entity="Case", header=header, rows=rows, rng=rng)
    save_workbook(book, folder / "cases-2026-q3.xlsx")

    kpis = []
    book = openpyxl.Workbook()
    kpi_rows = []
    for t in items:
        status = rng.choices(
            ["Succeeded", "Noncompliant", "In Progress", "Paused", "Canceled"], weights=[82, 10, 4, 1, 3]
        )[0]
        kpis.append((t.opened.date(), status))
        created = t.opened if t.opened.month >= 7 else t.opened + datetime.timedelta(hours=2)
        kpi_rows.append(
            [
                rng.choice(["First Response By KPI", "Resolve By KPI"]),
                t.number,
                status,
                created + datetime.timedelta(hours=8),
                created + datetime.timedelta(hours=rng.randint(1, 7)) if status == "Succeeded" else None,
                created,
            ]
        )
    kpi_header = ["Name", "Regarding", "Status", "Failure Time", "Succeeded On", "Created On"]
    dynamics_sheet(
        book, "SLA KPI Instances", entity="SLA KPI Instance", header=kpi_header, rows=kpi_rows, rng=rng
    )
    save_workbook(book, folder / "sla kpi instances.xlsx")

    bid = [
        "Alan Steiner",
        "Veronica Quek",
        "Nestor Wilke",
        "Megan Bowen",
        "Lidia Holloway",
        "Pradeep Gupta",
        "Diego Siciliani",
    ]
    roles = [
        "Account Manager",
        "Solution Architect",
        "Bid Manager",
        "Pricing Analyst",
        "Delivery Lead",
        "Legal Counsel",
        "Sales Engineer",
    ]
    book = openpyxl.Workbook()
    dynamics_sheet(
        book,
        "Connections",
        entity="Connection",
        header=["Connected To", "As this Role", "Description"],
        rows=[[person, role, "Contoso renewal 2023"] for person, role in zip(bid, roles, strict=True)],
        rng=rng,
    )
    save_workbook(book, folder / "opportunity connections.xlsx")
    account = [
        ("Alan Steiner", "Account Manager", datetime.datetime(2023, 4, 1), None),
        (
            "Veronica Quek",
            "Solution Architect",
            datetime.datetime(2023, 4, 1),
            datetime.datetime(2025, 12, 31),
        ),
        ("Nestor Wilke", "Service Delivery Manager", datetime.datetime(2023, 4, 1), None),
        ("Megan Bowen", "Delivery Lead", datetime.datetime(2023, 4, 1), datetime.datetime(2026, 8, 15)),
        ("Isaiah Langer", "Service Delivery Manager", datetime.datetime(2025, 9, 1), None),
        ("Joni Sherman", "Support Engineer", datetime.datetime(2024, 2, 1), None),
        ("Lynne Robbins", "Support Engineer", datetime.datetime(2024, 6, 1), None),
        ("Pradeep Gupta", "Pricing Analyst", datetime.datetime(2023, 4, 1), datetime.datetime(2023, 9, 30)),
        ("Grady Archie", "Network Engineer", datetime.datetime(2025, 1, 6), None),
        ("Johanna Lorenz", "Quality Manager", datetime.datetime(2026, 3, 1), None),
    ]
    book = openpyxl.Workbook()
    dynamics_sheet(
        book,
        "Connections",
        entity="Connection",
        header=["Connected To", "As this Role", "Effective Start", "Effective End"],
        rows=[list(entry) for entry in account],
        rng=rng,
    )
    save_workbook(book, folder / "account connections.xlsx")
    still = {
        name
        for name, _, start, end in account
        if start.date() <= Q3[1] and (end is None or end.date() >= Q3[1])
    }
    verdicts = [status for day, status in kpis if inside(day, Q3) and status in ("Succeeded", "Noncompliant")]
    value, hits, considered = per_month_oracle(items, Q3)
    return {
        "mappings": ["dynamics365"],
        "rows": len(items) * 2 + len(bid) + len(account),
        "cases": [
            {
                "period": "2026-Q3",
                "facts": {
                    "escalations_per_month": value,
                    "kpi_green_ratio": ratio(verdicts.count("Succeeded"), len(verdicts)),
                    "bid_team_continuity": ratio(len(still & set(bid)), len(bid)),
                },
                "counted": {"escalations_per_month": [hits, considered]},
            },
            {"period": "2026-Q2", "facts": {"escalations_per_month": per_month_oracle(items, Q2)[0]}},
        ],
    }


# --------------------------------------------------------------------------- Salesforce


def sf_id(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(
        rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", k=15)
    )


def salesforce(folder: Path) -> dict[str, object]:
    """Data Loader exports by API name (capitals), UTC dates: Case, CaseMilestone,
    OpportunityTeamMember and AccountTeamMember."""
    rng = random.Random("salesforce")
    items = tickets(
        rng,
        number=lambda index: f"{1_027 + index:08d}",
        start=datetime.date(2026, 1, 2),
        end=datetime.date(2026, 9, 30),
        per_day=12,
        escalation=drift(0.025, 0.0),
        cancelled=0.0,
    )
    for t in items:
        t.opened -= datetime.timedelta(hours=2)  # Data Loader writes UTC
    header = ["ID", "CASENUMBER", "CREATEDDATE", "CLOSEDDATE", "ISESCALATED", "PRIORITY", "STATUS"]
    header += ["ORIGIN", "TYPE", "SUBJECT", "ACCOUNTID"]
    account_id = sf_id(rng, "001")
    rows = []
    case_ids = []
    for t in items:
        case_id = sf_id(rng, "500")
        case_ids.append(case_id)
        rows.append(
            [
                case_id,
                t.number,
                t.opened.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                t.resolved.strftime("%Y-%m-%dT%H:%M:%S.000Z") if t.resolved else "",
                "true" if t.escalated else "false",
                {1: "High", 2: "High", 3: "Medium", 4: "Low", 5: "Low"}[t.priority],
                "Closed" if t.resolved else rng.choice(["New", "Working", "Escalated"]),
                rng.choice(["Phone", "Email", "Web"]),
                rng.choice(["Problem", "Question", "Feature Request"]),
                t.summary,
                account_id,
            ]
        )
    write_text(folder / "case_extract.csv", csv_text(header, rows, quote_all=True))
    milestones = []
    milestone_rows = []
    for t, case_id in zip(items, case_ids, strict=True):
        completed = t.resolved is not None
        violated = rng.random() < 0.08
        milestones.append((t.opened.date(), completed, violated))
        target = t.opened + datetime.timedelta(hours=8)
        milestone_rows.append(
            [
                sf_id(rng, "5gM"),
                case_id,
                "557" + "A" * 12,
                t.opened.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                target.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                t.resolved.strftime("%Y-%m-%dT%H:%M:%S.000Z") if t.resolved else "",
                "true" if completed else "false",
                "true" if violated else "false",
            ]
        )
    milestone_header = ["ID", "CASEID", "MILESTONETYPEID", "STARTDATE", "TARGETDATE", "COMPLETIONDATE"]
    milestone_header += ["ISCOMPLETED", "ISVIOLATED"]
    write_text(folder / "casemilestone.csv", csv_text(milestone_header, milestone_rows, quote_all=True))
    users = [sf_id(rng, "005") for _ in range(14)]
    bid = users[:6]
    team_rows = [
        [sf_id(rng, "00q"), sf_id(rng, "006"), user, name, role]
        for user, name, role in zip(
            bid,
            ["Rachel Kim", "Tom Becker", "Ana Lima", "Jon Park", "Eva Stone", "Raj Patel"],
            [
                "Account Manager",
                "Sales Engineer",
                "Bid Manager",
                "Solution Architect",
                "Executive Sponsor",
                "Pricing",
            ],
            strict=True,
        )
    ]
    write_text(
        folder / "opportunityteammember.csv",
        csv_text(["ID", "OPPORTUNITYID", "USERID", "NAME", "TEAMMEMBERROLE"], team_rows, quote_all=True),
    )
    account_team = [users[0], users[1], users[4], *users[6:]]
    account_rows = [
        [
            sf_id(rng, "01M"),
            account_id,
            user,
            rng.choice(["Account Manager", "Technical Sales", "Service Manager"]),
            "2025-03-01T09:00:00.000Z",
        ]
        for user in account_team
    ]
    write_text(
        folder / "accountteammember.csv",
        csv_text(
            ["ID", "ACCOUNTID", "USERID", "TEAMMEMBERROLE", "CREATEDDATE"], account_rows, quote_all=True
        ),
    )
    verdicts = [violated for day, completed, violated in milestones if inside(day, Q3) and completed]
    value, hits, considered = per_month_oracle(items, Q3)
    return {
        "mappings": ["salesforce"],
        "rows": len(items) * 2 + len(team_rows) + len(account_rows),
        "cases": [
            {
                "period": "2026-Q3",
                "facts": {
                    "escalations_per_month": value,
                    "kpi_green_ratio": ratio(verdicts.count(False), len(verdicts)),
                    "bid_team_continuity": ratio(len(set(bid) & set(account_team)), len(bid)),
                },
                "counted": {"escalations_per_month": [hits, considered]},
            },
        ],
    }


# --------------------------------------------------------------------------- spreadsheets kept by hand


@dataclass
class Records:
    """The records behind the spreadsheets of one relationship."""

    kpis: list[tuple[str, datetime.date, float, float, str, bool]] = field(default_factory=list)
    actions: list[tuple[str, str, str, str, datetime.date, str, str]] = field(default_factory=list)
    invoices: list[tuple[str, datetime.date, float, bool]] = field(default_factory=list)
    staff: list[tuple[str, str, bool, datetime.date, datetime.date | None]] = field(default_factory=list)
    bid: list[tuple[str, str]] = field(default_factory=list)
    steering: list[tuple[datetime.date, str]] = field(default_factory=list)
    proposals: list[tuple[str, datetime.date, str, str]] = field(default_factory=list)


INDICATORS = [
    ("Disponibilité du SI de production", "%", 99.5, "supérieur"),
    ("Disponibilité du portail clients", "%", 99.0, "supérieur"),
    ("Résolution des incidents P1", "h", 4.0, "inférieur"),
    ("Résolution des incidents P2", "h", 8.0, "inférieur"),
    ("Prise en charge des appels", "min", 2.0, "inférieur"),
    ("Taux de résolution au premier appel", "%", 70.0, "supérieur"),
    ("Sauvegardes réussies", "%", 99.0, "supérieur"),
    ("Correctifs de sécurité appliqués à 30 jours", "%", 95.0, "supérieur"),
    ("Demandes traitées dans le délai", "%", 90.0, "supérieur"),
    ("Satisfaction des utilisateurs (enquête)", "%", 80.0, "supérieur"),
]


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    found, day = [], first
    while day <= last:
        found.append(day)
        day = datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return found


def spreadsheet_records(
    rng: random.Random, *, met: float, late_actions: float, plan: Sequence[tuple[str, str]] = ()
) -> Records:
    """Two years of a relationship kept by hand: KPIs, actions, invoices, people, agendas, ideas."""
    r = Records()
    for month in month_range(datetime.date(2025, 1, 1), datetime.date(2026, 9, 1)):
        for name, unit, target, better in INDICATORS:
            hit = rng.random() < met
            spread = target * 0.02 if unit == "%" else target * 0.3
            if better == "supérieur":
                value = target + rng.uniform(0, spread) if hit else target - rng.uniform(0.01, spread)
                value = min(value, 100.0) if unit == "%" else value
            else:
                value = target - rng.uniform(0, spread) if hit else target + rng.uniform(0.01, spread)
            value = round(value, 1 if unit == "h" else 2)  # as the report shows it
            penalty = not hit and name.startswith(("Disponibilité", "Résolution")) and rng.random() < 0.5
            r.kpis.append((name, month, value, target, better, penalty))
    statuses_open = ["Open", "In progress", "Late", "On hold"]
    for index in range(260):
        due = datetime.date(2025, 1, 6) + datetime.timedelta(days=rng.randint(0, 680))
        status = rng.choices(["Done", "Dropped", "open"], weights=[1 - late_actions, 0.06, late_actions])[0]
        if status == "open":
            status = rng.choice(statuses_open)
        r.actions.append(
            (
                f"ACT-{index + 1:03d}",
                "",
                rng.choice(
                    [
                        "Update the runbook",
                        "Review capacity",
                        "Close audit finding",
                        "Train the night shift",
                        "Fix alert thresholds",
                    ]
                ),
                rng.choice(["client", "supplier", "joint"]),
                due,
                status,
                "",
            )
        )
    for index, (action, status) in enumerate(plan):
        tracker_status = {
            "done": "Done",
            "in_progress": "In progress",
            "not_started": "Open",
            "dropped": "Dropped",
        }[status]
        due = datetime.date(2026, 1, 31) + datetime.timedelta(days=30 * index)
        r.actions.append(
            (
                f"PLAN-{index + 1:02d}",
                action,
                action.replace("_", " ").capitalize(),
                "joint",
                due,
                tracker_status,
                "from the 2025 assessment",
            )
        )
    day = datetime.date(2024, 10, 1)
    number = 1
    while day <= datetime.date(2026, 9, 30):
        for _ in range(rng.randint(1, 4)):
            amount = round(rng.uniform(800, 48_000), 2)
            r.invoices.append((f"F2{day:%y}-{number:05d}", day, amount, rng.random() < 0.04))
            number += 1
        day += datetime.timedelta(days=rng.randint(1, 3))
    first_names = [
        "Yann",
        "Maëlle",
        "Erwan",
        "Nolwenn",
        "Gaël",
        "Soizic",
        "Loïc",
        "Annaïg",
        "Tanguy",
        "Gwenola",
    ]
    last_names = ["Le Gall", "Kerbrat", "Morvan", "Le Bihan", "Guivarc'h", "Tanguy", "Le Floc'h", "Cadiou"]
    for index in range(70):
        name = f"{first_names[index % len(first_names)]} {last_names[(index * 7) % len(last_names)]} {index}"
        key = index % 5 == 0
        start = datetime.date(2022, 1, 3) + datetime.timedelta(days=rng.randint(0, 1300))
        end = None
        if rng.random() < 0.3:
            end = start + datetime.timedelta(days=rng.randint(60, 900))
            if end > datetime.date(2026, 9, 30):
                end = None
        r.staff.append((name, "Service delivery manager" if key else "Engineer", key, start, end))
    r.bid = [
        (entry[0], role)
        for entry, role in zip(
            r.staff[:35:5],
            ["Bid manager", "Architect", "Delivery lead", "Pricing", "Transition lead", "Security", "Sales"],
            strict=False,
        )
    ]
    topics = [
        "Disponibilité du portail",
        "Plan de capacité",
        "Backlog des changements",
        "Facturation des dépassements",
        "Sécurité : correctifs",
        "Transfert de compétences",
        "Satisfaction des utilisateurs",
        "Renouvellement du socle",
        "Astreintes",
        "Rapport mensuel",
    ]
    for month in month_range(datetime.date(2025, 1, 1), datetime.date(2026, 9, 1)):
        meeting = month + datetime.timedelta(days=rng.randint(8, 20))
        for topic in rng.sample(topics, k=rng.randint(3, 6)):
            r.steering.append((meeting, topic))
    for index in range(64):
        day = datetime.date(2024, 11, 1) + datetime.timedelta(days=rng.randint(0, 690))
        origin = rng.choices(["fournisseur", "client", "conjoint"], weights=[5, 3, 2])[0]
        r.proposals.append(
            (
                f"PRO-{index + 1:03d}",
                day,
                origin,
                rng.choice(
                    [
                        "Automate the monthly report",
                        "Self-service password reset",
                        "Shift-left runbooks",
                        "Consolidate monitoring",
                    ]
                ),
            )
        )
    return r


def write_spreadsheets(r: Records, folder: Path) -> None:
    """The spreadsheets: a French KPI report (semicolons, decimal commas, units), an English
    action tracker, a French invoice workbook, English staff and bid lists, French agendas."""
    kpi_rows = []
    for name, month, value, target, better, penalty in r.kpis:
        unit = next(item[1] for item in INDICATORS if item[0] == name)
        if unit == "h":
            shown, target_shown = f"{value:.1f} h".replace(".", ","), f"{target:g} h"
        elif unit == "min":
            shown, target_shown = f"{value:.2f} min".replace(".", ","), f"{target:g} min"
        else:
            shown, target_shown = f"{value:.2f} %".replace(".", ","), f"{target:g} %".replace(".", ",")
        kpi_rows.append(
            [name, month.strftime("%Y-%m"), shown, target_shown, better, "oui" if penalty else "non"]
        )
    header = ["Indicateur", "Mois", "Valeur", "Objectif", "Sens", "Pénalité appliquée"]
    write_text(folder / "kpi_report.csv", csv_text(header, kpi_rows, delimiter=";"), bom=True)
    action_rows = [
        [a, plan, title, owner, due.isoformat(), status, note]
        for a, plan, title, owner, due, status, note in r.actions
    ]
    write_text(
        folder / "actions.csv",
        csv_text(["ID", "Plan action", "Title", "Owner", "Due", "Status", "Comment"], action_rows),
    )
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Factures"
    sheet.append(["N° facture", "Date de facture", "Montant HT", "Contestée"])
    for number, day, amount, disputed in r.invoices:
        sheet.append(
            [number, datetime.datetime.combine(day, datetime.time()), amount, "oui" if disputed else "non"]
        )
    save_workbook(book, folder / "factures.xlsx")
    staff_rows = [
        [name, role, "yes" if key else "no", start.isoformat(), end.isoformat() if end else ""]
        for name, role, key, start, end in r.staff
    ]
    write_text(folder / "staff.csv", csv_text(["Name", "Role", "Key role", "Start", "End"], staff_rows))
    write_text(folder / "bid_team.csv", csv_text(["Name", "Role"], [list(entry) for entry in r.bid]))
    steering_rows = [[meeting.isoformat(), topic] for meeting, topic in r.steering]
    write_text(folder / "copil.csv", csv_text(["Date du comité", "Sujet"], steering_rows, delimiter=";"))
    proposal_rows = [[pid, day.isoformat(), origin, title] for pid, day, origin, title in r.proposals]
    write_text(folder / "proposals.csv", csv_text(["ID", "Date", "Origin", "Title"], proposal_rows))


def spreadsheet_oracle(r: Records, period: Window) -> dict[str, float | int]:
    """The facts of the spreadsheets over *period*, computed from the records."""
    year = (
        datetime.date(period[1].year - 1, period[1].month % 12 + 1, 1)
        if period[1].month != 12
        else datetime.date(period[1].year, 1, 1),
        period[1],
    )
    kpis = [k for k in r.kpis if inside(k[1], period)]
    met = sum(
        1
        for _, _, value, target, better, _ in kpis
        if (value >= target if better == "supérieur" else value <= target)
    )
    due = [a for a in r.actions if a[4] <= period[1] and a[5] not in ("Dropped",)]
    invoices = [i for i in r.invoices if inside(i[1], year)]
    key = [s for s in r.staff if s[2]]

    def present(s: tuple[str, str, bool, datetime.date, datetime.date | None], day: datetime.date) -> bool:
        return s[3] <= day and (s[4] is None or s[4] >= day)

    left = sum(1 for s in key if s[4] is not None and inside(s[4], year))
    average = (sum(present(s, year[0]) for s in key) + sum(present(s, year[1]) for s in key)) / 2
    on_service = {s[0].casefold() for s in r.staff if present(s, period[1])}
    meetings = sorted({m for m, _ in r.steering if inside(m, year)})
    repeated = 0
    for topic in {t for _, t in r.steering}:
        run = best = 0
        for meeting in meetings:
            run = run + 1 if (meeting, topic) in set(r.steering) else 0
            best = max(best, run)
        repeated += best >= 3
    return {
        "kpi_green_ratio": ratio(met, len(kpis)),
        "penalties_applied": sum(1 for k in r.kpis if inside(k[1], year) and k[5]),
        "actions_closed_ratio": ratio(sum(1 for a in due if a[5] == "Done"), len(due)),
        "contested_invoices_ratio": ratio(sum(1 for i in invoices if i[3]), len(invoices)),
        "key_staff_turnover": round(left / average, 4),
        "bid_team_continuity": ratio(
            sum(1 for name, _ in r.bid if name.casefold() in on_service), len(r.bid)
        ),
        "repeated_steering_topics": repeated,
        "improvement_proposals": sum(1 for p in r.proposals if inside(p[1], year) and p[2] == "fournisseur"),
    }


def spreadsheets(folder: Path) -> dict[str, object]:
    records = spreadsheet_records(random.Random("spreadsheets"), met=0.86, late_actions=0.35)
    write_spreadsheets(records, folder)
    rows = sum(
        len(getattr(records, name))
        for name in ("kpis", "actions", "invoices", "staff", "bid", "steering", "proposals")
    )
    return {
        "mappings": ["spreadsheets"],
        "rows": rows,
        "cases": [
            {"period": "2026-Q3", "facts": spreadsheet_oracle(records, Q3)},
            {"period": "2026-Q2", "facts": spreadsheet_oracle(records, Q2)},
        ],
    }


# --------------------------------------------------------------------------- the example relationship


def example_exports(folder: Path, plan: Sequence[tuple[str, str]]) -> int:
    """The exports of the example relationship (ServiceNow and spreadsheets); rows written.

    *plan* holds the previous plan's action ids and the status the action tracker shows
    for each: the tracker refers to them, so the follow-up is read from it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random("example")
    items = tickets(
        rng,
        number=lambda index: f"INC{20_001 + index:07d}",
        start=datetime.date(2025, 10, 1),
        end=datetime.date(2026, 9, 30),
        per_day=4,
        escalation=lambda day: 0.012,
    )
    levels = {True: "High", False: "Normal"}
    header = ["number", "opened_at", "short_description", "priority", "state", "category", "escalation"]
    rows = [
        [
            t.number,
            t.opened.strftime("%Y-%m-%d %H:%M:%S"),
            t.summary,
            f"{t.priority} - {['Critical', 'High', 'Moderate', 'Low', 'Planning'][t.priority - 1]}",
            "Canceled" if t.cancelled else ("Closed" if t.resolved else "In Progress"),
            t.category,
            levels[t.escalated],
        ]
        for t in items
    ]
    write_text(folder / "incident.csv", csv_text(header, rows, quote_all=True))
    records = spreadsheet_records(
        random.Random("example-spreadsheets"), met=0.95, late_actions=0.6, plan=plan
    )
    write_spreadsheets(records, folder)
    return len(items) + sum(
        len(getattr(records, name))
        for name in ("kpis", "actions", "invoices", "staff", "bid", "steering", "proposals")
    )


# --------------------------------------------------------------------------- main

# --------------------------------------------------------------------------- the tools' own defaults


PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def night_tickets(rng: random.Random, prefix: str) -> list[Ticket]:
    """Tickets many of which are opened around midnight, when UTC and Paris disagree on the day."""
    items = tickets(
        rng,
        number=lambda index: f"{prefix}{10_001 + index:07d}",
        start=datetime.date(2026, 6, 20),
        end=datetime.date(2026, 10, 10),
        per_day=28,
        escalation=drift(0.05, 0.01),
    )
    for ticket in items:  # opened in Paris between 21:00 and 03:00 for a third of them
        if rng.random() < 0.35:
            ticket.opened = ticket.opened.replace(hour=rng.choice([21, 22, 23, 0, 1, 2]))
    return items


def local_oracle(items: Iterable[Ticket], window: Window, zone: datetime.tzinfo) -> tuple[float, int, int]:
    """Escalated, not cancelled tickets whose opening, a UTC moment, falls in *window* in *zone*."""
    considered = [
        t for t in items if inside(t.opened.replace(tzinfo=datetime.UTC).astimezone(zone).date(), window)
    ]
    considered = [t for t in considered if not t.cancelled]
    hits = sum(1 for t in considered if t.escalated)
    return round(hits / months(window), 4), hits, len(considered)


def servicenow_utc(folder: Path) -> dict[str, object]:
    """ServiceNow's CSV export writes the database's values: opened_at in UTC, without an offset."""
    items = night_tickets(random.Random("servicenow-utc"), "INC")
    header = ["number", "opened_at", "short_description", "priority", "state", "category", "escalation"]
    rows = [
        [
            t.number,
            t.opened.strftime("%Y-%m-%d %H:%M:%S"),  # the record's UTC moment
            t.summary,
            f"{t.priority} - {['Critical', 'High', 'Moderate', 'Low', 'Planning'][t.priority - 1]}",
            "Canceled" if t.cancelled else "Closed",
            t.category,
            "High" if t.escalated else "Normal",
        ]
        for t in items
    ]
    write_text(folder / "incident.csv", csv_text(header, rows, quote_all=True))
    cases = []
    for zone_name in ("UTC", "Europe/Paris", "Asia/Tokyo"):
        zone = datetime.UTC if zone_name == "UTC" else zoneinfo.ZoneInfo(zone_name)
        value, hits, considered = local_oracle(items, Q3, zone)
        cases.append(
            {
                "period": "2026-Q3",
                "timezone": zone_name,
                "facts": {"escalations_per_month": value},
                "counted": {"escalations_per_month": [hits, considered]},
            }
        )
    return {"mappings": ["servicenow"], "rows": len(items), "cases": cases}


def servicenow_excel(folder: Path) -> dict[str, object]:
    """ServiceNow's list exported to Excel: labels as headings, the user's local times as date cells."""
    items = tickets(
        random.Random("servicenow-excel"),
        number=lambda index: f"INC{20_001 + index:07d}",
        start=datetime.date(2026, 6, 1),
        end=datetime.date(2026, 9, 30),
        per_day=26,
        escalation=drift(0.03, 0.005),
    )
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Page 1"
    sheet.append(["Number", "Opened", "Short description", "Priority", "State", "Category", "Escalation"])
    for t in items:
        sheet.append(
            [
                t.number,
                t.opened,
                t.summary,
                f"{t.priority} - Moderate",
                "Canceled" if t.cancelled else "Closed",
                t.category,
                "Overdue" if t.escalated else "Moderate",
            ]
        )
    save_workbook(book, folder / "incident.xlsx")
    value, hits, considered = per_month_oracle(items, Q3)
    return {
        "mappings": ["servicenow"],
        "rows": len(items),
        "cases": [
            {
                "period": "2026-Q3",
                "timezone": "Europe/Paris",  # date cells are the user's days: no zone moves them
                "facts": {"escalations_per_month": value},
                "counted": {"escalations_per_month": [hits, considered]},
            }
        ],
    }


def salesforce_data_loader(folder: Path) -> dict[str, object]:
    """Data Loader's export under its own default name, extract.csv: API names, UTC times with Z."""
    items = night_tickets(random.Random("salesforce-extract"), "")
    header = ["Id", "CaseNumber", "CreatedDate", "IsEscalated", "Priority", "Status"]
    rows = [
        [
            f"5000X00000{index:05d}",
            f"{int(t.number):08d}",
            t.opened.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "true" if t.escalated else "false",
            "High",
            "Closed",
        ]
        for index, t in enumerate(items)
        if not t.cancelled
    ]
    write_text(folder / "extract.csv", csv_text(header, rows, quote_all=True))
    kept = [t for t in items if not t.cancelled]
    value, hits, considered = local_oracle(kept, Q3, PARIS)
    return {
        "mappings": ["salesforce"],
        "rows": len(rows),
        "cases": [
            {
                "period": "2026-Q3",
                "timezone": "Europe/Paris",
                "facts": {"escalations_per_month": value},
                "counted": {"escalations_per_month": [hits, considered]},
            }
        ],
    }


def us_time(moment: datetime.datetime) -> str:
    """A date and time as Salesforce shows them in English (United States): 9/15/2026 10:12 AM."""
    hour = moment.hour % 12 or 12
    return f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment.minute:02d} {moment.strftime('%p')}"


def salesforce_report(folder: Path) -> dict[str, object]:
    """A report of cases exported as Details Only (CSV) by a user whose locale is English (United
    States): the columns' labels, every field quoted, dates month first in the user's time zone,
    checkboxes 1 or 0, and the report's own lines under the data."""
    rng = random.Random("salesforce-report")
    items = tickets(
        rng,
        number=lambda index: f"{5_001 + index:08d}",
        start=datetime.date(2026, 4, 1),
        end=datetime.date(2026, 9, 30),
        per_day=17,
        escalation=drift(0.03, 0.004),
        cancelled=0.0,
    )
    header = ["Case Number", "Subject", "Date/Time Opened", "Priority", "Status", "Escalated", "Case Origin"]
    header += ["Account Name", "Case Owner"]
    rows = [
        [
            t.number,
            t.summary,
            us_time(t.opened),
            {1: "High", 2: "High", 3: "Medium", 4: "Low", 5: "Low"}[t.priority],
            "Closed" if t.resolved else rng.choice(["New", "Working", "Escalated"]),
            "1" if t.escalated else "0",
            rng.choice(["Phone", "Email", "Web"]),
            "ACME Industries",
            rng.choice(["Claire Martin", "Hugo Petit", "Amina Diallo"]),
        ]
        for t in items
    ]
    footer = [
        [""],
        [""],
        [f"Grand Totals ({len(rows)} records)"],
        [""],
        ["Confidential Information - Do Not Distribute"],
        ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
    ]
    text = csv_text(header, [*rows, *footer], quote_all=True)
    write_text(folder / "report1790931600000.csv", text)
    cases = []
    for period, window in (("2026-Q3", Q3), ("2026-Q2", Q2)):
        value, hits, considered = per_month_oracle(items, window)
        for date_format in (None, "month_first"):
            case: dict[str, object] = {"period": period}
            if date_format is not None:
                case["date_format"] = date_format  # as the user states it: --date-format month_first
            case["facts"] = {"escalations_per_month": value}
            case["counted"] = {"escalations_per_month": [hits, considered]}
            cases.append(case)
    return {"mappings": ["salesforce-report"], "rows": len(rows), "cases": cases}


def dynamics_view(folder: Path) -> dict[str, object]:
    """Dynamics 365's Export to Excel of the standard Active Cases view: its default file name, and
    Status Reason where a custom view would show Status."""
    rng = random.Random("dynamics-view")
    items = tickets(
        rng,
        number=lambda index: (
            f"CAS-{30_001 + index:05d}-{rng.choice('BCDFGH')}{rng.randint(1, 9)}X{rng.randint(1, 9)}"
        ),
        start=datetime.date(2026, 6, 1),
        end=datetime.date(2026, 9, 30),
        per_day=26,
        escalation=drift(0.04, 0.004),
    )
    book = openpyxl.Workbook()
    reasons = {False: ["In Progress", "On Hold", "Problem Solved"], True: ["Canceled"]}
    dynamics_sheet(
        book,
        "Active Cases",
        entity="incident",
        header=["Case Title", "Case Number", "Priority", "Status Reason", "Created On", "Is Escalated"],
        rows=[
            [
                t.summary,
                t.number,
                ["High", "High", "Normal", "Normal", "Low"][t.priority - 1],
                rng.choice(reasons[t.cancelled]),
                t.opened,
                "Yes" if t.escalated else "No",
            ]
            for t in items
        ],
        rng=rng,
    )
    save_workbook(book, folder / "Active Cases 10-2-2026 9-00-00 AM.xlsx")
    value, hits, considered = per_month_oracle(items, Q3)
    return {
        "mappings": ["dynamics365"],
        "rows": len(items),
        "cases": [
            {
                "period": "2026-Q3",
                "facts": {"escalations_per_month": value},
                "counted": {"escalations_per_month": [hits, considered]},
            }
        ],
    }


WRITERS: dict[str, Callable[[Path], dict[str, object]]] = {
    "servicenow": servicenow,
    "jira-service-management": jira,
    "dynamics365": dynamics,
    "salesforce": salesforce,
    "spreadsheets": spreadsheets,
    "servicenow-utc": servicenow_utc,
    "servicenow-excel": servicenow_excel,
    "salesforce-data-loader": salesforce_data_loader,
    "salesforce-report": salesforce_report,
    "dynamics365-view": dynamics_view,
}


def render(out: Path) -> int:
    """Write every sample folder under *out*; the number of rows written."""
    total = 0
    for name, writer in WRITERS.items():
        folder = out / name
        folder.mkdir(parents=True)
        expected = writer(folder)
        rows = expected["rows"]
        assert isinstance(rows, int)
        total += rows
        header = (
            "# The facts these exports must give, computed by tools/make_operational_samples.py\n"
            "# from the records it wrote (not from the files). Regenerate with that script.\n"
        )
        write_text(folder / "expected.toml", header + tomli_w.dumps(expected))
    return total


def same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.suffix != ".md")
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.suffix != ".md")
    return files_a == files_b and all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the samples are up to date")
    args = parser.parse_args(argv)
    staging = SAMPLES.with_name(SAMPLES.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    rows = render(staging)
    if args.check:
        fresh = SAMPLES.is_dir() and same_tree(staging, SAMPLES)
        shutil.rmtree(staging)
        print(
            "samples are up to date"
            if fresh
            else "samples are out of date: run tools/make_operational_samples.py"
        )
        return 0 if fresh else 1
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for name in WRITERS:  # the README beside them is written by hand
        target = SAMPLES / name
        if target.exists():
            shutil.rmtree(target)
        (staging / name).replace(target)
    shutil.rmtree(staging)
    print(f"wrote {len(WRITERS)} sample folders, {rows} rows, to {SAMPLES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
