"""Build the corpus of survey-tool exports: files shaped as each tool writes them, and the truth.

A form is built as the form mapping written by ``vendormaturity export --form-mapping``
says (pulse, client side, English): a grid per dimension where the tool has grids, its
rows the questions, the LimeSurvey codes and answer codes it names. Respondents are drawn
(a fixed seed): a name, a role, an answer to each question – some "Don't know", some
left blank, some responses not finished. Each tool's export is then written the way that
tool writes it (header rows, column names, date formats, answer labels, completion
columns), after its documentation and public examples; tests/data/surveys/README.md cites
them. The ground truth (``expected.json``) is what was drawn – the answers as values of
the scales, and who finished – never what a reader made of the files.

    .venv/bin/python tools/make_survey_samples.py            # rewrite tests/data/surveys
    .venv/bin/python tools/make_survey_samples.py OUT_DIR    # write them elsewhere
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import random
import subprocess
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "surveys"
MAPPING = "pulse-client-en.mapping.toml"
SEED = 20260915
UTC = datetime.UTC
PARIS = datetime.timezone(datetime.timedelta(hours=2))


@dataclass
class Respondent:
    """One person's drawn response: what they chose, as texts of the form and as values."""

    number: int
    name: str
    role: int  # the index of the role option
    answers: dict[str, int]  # question id -> index of the option picked (None: left blank)
    finished: bool
    started: datetime.datetime
    submitted: datetime.datetime
    blank: set[str] = field(default_factory=set)


@dataclass
class Form:
    """The form as the mapping says to build it."""

    mapping: dict[str, Any]
    questions: list[dict[str, Any]]
    grids: dict[str, list[dict[str, Any]]]  # grid title -> its rows (questions), in order
    scale_of: dict[str, str]
    values: dict[str, list[int | str]]  # scale id -> the value of each option, in order


def load_form(path: Path, questionnaire: Path) -> Form:
    mapping = tomllib.loads(path.read_text(encoding="utf-8"))
    q = tomllib.loads(questionnaire.read_text(encoding="utf-8"))
    scale_of = {question["id"]: question["scale"] for question in q["questions"]}
    values: dict[str, list[int | str]] = {}
    for scale in q["scales"]:
        values[scale["id"]] = [choice["value"] for choice in scale["choices"]] + [
            missing["code"] for missing in scale.get("missing", [])
        ]
    grids: dict[str, list[dict[str, Any]]] = {}
    for question in mapping["questions"]:
        if "grid" in question:
            grids.setdefault(question["grid"], []).append(question)
    return Form(mapping, mapping["questions"], grids, scale_of, values)


def draw(form: Form, count: int, rng: random.Random) -> list[Respondent]:
    """*count* respondents: mostly agreeing, some don't-know, some blanks, two unfinished."""
    first = ["Claire", "Hugo", "Amina", "Lucas", "Inès", "Tom", "Maëlle", "Karim", "Zoé", "Paul"]
    last = ["Martin", "Bernard", "Diallo", "Petit", "Moreau", "Nguyen", "Faure", "Haddad", "Roux", "Lefèvre"]
    people = []
    start = datetime.datetime(2026, 9, 14, 8, 0, tzinfo=UTC)
    for number in range(1, count + 1):
        answers: dict[str, int] = {}
        blank: set[str] = set()
        for question in form.questions:
            values = form.values[form.scale_of[question["id"]]]
            if rng.random() < 0.08:
                blank.add(question["id"])
                continue
            missing = [index for index, value in enumerate(values) if isinstance(value, str)]
            scored = [index for index, value in enumerate(values) if not isinstance(value, str)]
            answers[question["id"]] = missing[0] if missing and rng.random() < 0.1 else rng.choice(scored)
        started = start + datetime.timedelta(hours=7 * number, minutes=rng.randrange(60))
        people.append(
            Respondent(
                number=number,
                name=f"{first[number % 10]} {last[(number * 3) % 10]}",
                role=rng.randrange(0, 4),
                answers=answers,
                finished=number not in (3, count),
                started=started,
                submitted=started + datetime.timedelta(minutes=4 + rng.randrange(20)),
                blank=blank,
            )
        )
    return people


# --------------------------------------------------------------------------- texts of an answer


def option_text(form: Form, question: dict[str, Any], person: Respondent) -> str:
    """The label the respondent clicked, as the tool exports it ("full answers")."""
    index = person.answers.get(question["id"])
    return "" if index is None or not _reached(form, question, person) else question["options"][index]


def option_code(form: Form, question: dict[str, Any], person: Respondent) -> str:
    """LimeSurvey's answer code of the option: AO01 for the first, in the order the mapping lists."""
    index = person.answers.get(question["id"])
    return "" if index is None or not _reached(form, question, person) else f"AO{index + 1:02d}"


def option_number(form: Form, question: dict[str, Any], person: Respondent) -> str | int:
    """An opinion scale's number, or the label of a don't-know option."""
    index = person.answers.get(question["id"])
    if index is None or not _reached(form, question, person):
        return ""
    value = form.values[form.scale_of[question["id"]]][index]
    return value if isinstance(value, int) else question["options"][index]


def _reached(form: Form, question: dict[str, Any], person: Respondent) -> bool:
    """An unfinished response stops half-way: the questions after the middle are not answered."""
    if person.finished:
        return True
    return form.questions.index(question) < len(form.questions) // 2


def pages(form: Form) -> list[list[dict[str, Any]]]:
    """The form's pages as SurveyMonkey shows them: a matrix per page, each other question on its own."""
    found: list[list[dict[str, Any]]] = []
    for question in in_grid_order(form):
        if "grid" in question and found and found[-1][0].get("grid") == question["grid"]:
            found[-1].append(question)
        else:
            found.append([question])
    return found


def page_text(form: Form, question: dict[str, Any], person: Respondent) -> str:
    """The label clicked, where a partial response records whole pages: the first half of them."""
    if person.finished:
        return option_text(form, question, person)
    shown = pages(form)
    page = next(number for number, members in enumerate(shown) if question in members)
    index = person.answers.get(question["id"])
    return "" if index is None or page >= len(shown) // 2 else str(question["options"][index])


def last_answered(form: Form, person: Respondent) -> bool:
    """Whether the response answers the form's last question, the only proof SurveyMonkey's export
    gives that it was completed (the last page is recorded when the form is sent)."""
    return bool(page_text(form, in_grid_order(form)[-1], person))


def role_text(form: Form, person: Respondent) -> str:
    return str(form.mapping["respondent"]["role"]["options"][person.role])


# --------------------------------------------------------------------------- writers


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, bom: bool, quote_all: bool = False) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))


def write_xlsx(path: Path, title: str, rows: Sequence[Sequence[object]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append([None if value == "" else value for value in row])
    book.save(path)


def in_grid_order(form: Form) -> list[dict[str, Any]]:
    """The questions as the form shows them: each grid's rows together, where its first row stands."""
    ordered: list[dict[str, Any]] = []
    for question in form.questions:
        if question in ordered:
            continue
        ordered.extend(form.grids[question["grid"]] if "grid" in question else [question])
    return ordered


def grid_heading(question: dict[str, Any], separator: tuple[str, str] = (" [", "]")) -> str:
    """``Grid title [Row]`` as Google Forms and LimeSurvey write a grid's column."""
    if "grid" not in question:
        return str(question["heading"])
    return f"{question['grid']}{separator[0]}{question['heading']}{separator[1]}"


def forms(form: Form, people: list[Respondent]) -> list[list[object]]:
    """Microsoft Forms, Responses > Open results in Excel: ID, times, email, name, then each question."""
    mapping = form.mapping["respondent"]
    head: list[object] = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    head += [mapping["name"]["heading"], mapping["role"]["heading"]]
    head += [q["heading"] for q in form.questions]
    rows: list[list[object]] = [head]
    for person in people:
        if not person.finished:
            continue  # Forms records a response only when it is submitted
        row: list[object] = [
            person.number,
            person.started.astimezone(PARIS).replace(tzinfo=None),
            person.submitted.astimezone(PARIS).replace(tzinfo=None),
            "anonymous",
            "",
            "",
            person.name,
            role_text(form, person),
        ]
        row += [option_text(form, q, person) for q in form.questions]
        rows.append(row)
    return rows


def google(form: Form, people: list[Respondent]) -> list[list[object]]:
    """Google Forms, Responses > Download responses (.csv): Timestamp, then each question."""
    mapping = form.mapping["respondent"]
    head: list[object] = ["Timestamp", mapping["name"]["heading"], mapping["role"]["heading"]]
    ordered = in_grid_order(form)
    head += [grid_heading(question) for question in ordered]
    rows: list[list[object]] = [head]
    for person in people:
        if not person.finished:
            continue  # Google Forms records a response only when it is submitted
        stamp = person.submitted.astimezone(PARIS)
        shown = stamp.strftime("%Y/%m/%d %I:%M:%S %p") + " GMT+2"
        row: list[object] = [shown, person.name, role_text(form, person)]
        row += [
            option_number(form, q, person) if "grid" not in q else option_text(form, q, person)
            for q in ordered
        ]
        rows.append(row)
    return rows


def google_xlsx_rows(rows: list[list[object]], people: list[Respondent]) -> list[list[object]]:
    """The same responses downloaded from the linked sheet as .xlsx: the timestamp a date cell."""
    finished = [person for person in people if person.finished]
    return [rows[0]] + [
        [person.submitted.astimezone(PARIS).replace(tzinfo=None), *row[1:]]
        for person, row in zip(finished, rows[1:], strict=True)
    ]


def limesurvey(form: Form, people: list[Respondent], *, codes: bool) -> list[list[object]]:
    """LimeSurvey, Responses > Export: question codes and answer codes, or full texts."""
    mapping = form.mapping["respondent"]
    if codes:
        head: list[object] = [
            "id",
            "submitdate",
            "lastpage",
            "startlanguage",
            "seed",
            "startdate",
            "datestamp",
        ]
        head += [mapping["name"]["code"], mapping["role"]["code"]]
    else:
        head = [
            "Response ID",
            "Date submitted",
            "Last page",
            "Start language",
            "Seed",
            "Date started",
            "Date last action",
        ]
        head += [mapping["name"]["heading"], mapping["role"]["heading"]]
    ordered = in_grid_order(form)
    head += [q["code"] if codes else grid_heading(q) for q in ordered]
    rows: list[list[object]] = [head]
    for person in people:
        stamp = person.submitted.astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S")
        started = person.started.astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S")
        role = f"AO{person.role + 1:02d}" if codes else role_text(form, person)
        row: list[object] = [
            person.number,
            stamp if person.finished else "",
            3 if person.finished else 1,
            "en",
            1_000_000 + person.number * 7919,
            started,
            stamp,
            person.name,
            role,
        ]
        row += [option_code(form, q, person) if codes else option_text(form, q, person) for q in ordered]
        rows.append(row)
    return rows


QUALTRICS_OWN = [
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/Denver"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/Denver"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"America/Denver"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
    ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
    ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
    ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
    ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
    ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
]


# Rows a Qualtrics export holds beside the respondents': (status, distribution channel, IP address)
NOT_RESPONDENTS = {
    "Preview check": ("Survey Preview", "preview", ""),
    "Generated test": ("Survey Test", "test", ""),
    "Free crypto offer": ("Spam", "anonymous", "198.51.100.77"),
}


def qualtrics_rows(people: list[Respondent], others: list[Respondent]) -> list[Respondent]:
    """The export's rows in order: the preview and the test before the launch, the spam among the rest."""
    return [*others[:2], *people[:5], others[2], *people[5:]]


def not_respondents(form: Form) -> list[Respondent]:
    """A preview by the form's builder, a generated test response and spam: all finished, none read."""
    drawn = draw(form, len(NOT_RESPONDENTS), random.Random(SEED + 1))
    for person, name in zip(drawn, NOT_RESPONDENTS, strict=True):
        person.name, person.finished = name, True
    return drawn


def qualtrics(form: Form, people: list[Respondent], others: list[Respondent]) -> list[list[object]]:
    """Qualtrics, Data & Analysis > Export data > CSV ("Use choice text"): three header rows."""
    mapping = form.mapping["respondent"]
    names: list[object] = [*(own[0] for own in QUALTRICS_OWN), "Q1", "Q2"]
    texts: list[object] = [
        *(own[1] for own in QUALTRICS_OWN),
        mapping["name"]["heading"],
        mapping["role"]["heading"],
    ]
    imports: list[object] = [
        *(own[2] for own in QUALTRICS_OWN),
        '{"ImportId":"QID1_TEXT"}',
        '{"ImportId":"QID2"}',
    ]
    ordered = in_grid_order(form)
    grid_numbers = {title: 3 + index for index, title in enumerate(form.grids)}
    single = 3 + len(form.grids)
    for question in ordered:
        if "grid" in question:
            number = grid_numbers[question["grid"]]
            line = form.grids[question["grid"]].index(question) + 1
            names.append(f"Q{number}_{line}")
            texts.append(f"{question['grid']} - {question['heading']}")
            imports.append(f'{{"ImportId":"QID{number}_{line}"}}')
        else:
            names.append(f"Q{single}")
            texts.append(question["heading"])
            imports.append(f'{{"ImportId":"QID{single}"}}')
            single += 1
    rows: list[list[object]] = [names, texts, imports]
    denver = datetime.timezone(datetime.timedelta(hours=-6))
    for person in qualtrics_rows(people, others):
        answered = sum(1 for q in ordered if option_text(form, q, person))
        status, channel, address = NOT_RESPONDENTS.get(
            person.name, ("IP Address", "anonymous", f"192.0.2.{person.number}")
        )
        row: list[object] = [
            person.started.astimezone(denver).strftime("%Y-%m-%d %H:%M:%S"),
            person.submitted.astimezone(denver).strftime("%Y-%m-%d %H:%M:%S"),
            status,
            address,
            100 if person.finished else round(100 * answered / len(ordered)),
            int((person.submitted - person.started).total_seconds()),
            "True" if person.finished else "False",
            person.submitted.astimezone(denver).strftime("%Y-%m-%d %H:%M:%S"),
            f"R_{person.number:03d}aBcDeFgHiJkLm",
            "",
            "",
            "",
            "",
            "48.8566",
            "2.3522",
            channel,
            "EN",
            person.name,
            role_text(form, person),
        ]
        row += [option_text(form, q, person) for q in ordered]
        rows.append(row)
    return rows


def surveymonkey(form: Form, people: list[Respondent], *, partial: bool = False) -> list[list[object]]:
    """SurveyMonkey, Analyze > Save as > All individual responses (CSV/XLSX): two header rows.

    Filtered to completed responses (*partial* False), or all of them: a partial response
    holds the pages it sent, and nothing says it is partial."""
    mapping = form.mapping["respondent"]
    own = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ]
    titles: list[object] = [*own, mapping["name"]["heading"], mapping["role"]["heading"]]
    subs: list[object] = [*([""] * len(own)), "Open-Ended Response", "Response"]
    ordered = in_grid_order(form)
    for question in ordered:
        if "grid" in question:
            first = form.grids[question["grid"]][0] is question
            titles.append(question["grid"] if first else "")  # a matrix's title over its first column only
            subs.append(question["heading"])
        else:
            titles.append(question["heading"])
            subs.append("Response")
    rows: list[list[object]] = [titles, subs]
    for person in people:
        if not person.finished and not partial:
            continue  # exported filtered to completed responses
        row: list[object] = [
            114_000_000_000 + person.number,
            431_000_000,
            person.started.strftime("%m/%d/%Y %I:%M:%S %p"),
            person.submitted.strftime("%m/%d/%Y %I:%M:%S %p"),
            f"192.0.2.{person.number}",
            "",
            "",
            "",
            "",
            person.name,
            role_text(form, person),
        ]
        row += [page_text(form, q, person) for q in ordered]
        rows.append(row)
    return rows


def forms_likert(form: Form, people: list[Respondent]) -> list[list[object]]:
    """Microsoft Forms with a Likert question per grid: one column per statement, "Title.Statement"."""
    mapping = form.mapping["respondent"]
    head: list[object] = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    head += [mapping["name"]["heading"], mapping["role"]["heading"]]
    ordered = in_grid_order(form)
    head += [grid_heading(q, (".", "")) for q in ordered]
    rows: list[list[object]] = [head]
    for number, person in enumerate((person for person in people if person.finished), start=1):
        rows.append(
            [
                number,
                person.started.astimezone(PARIS).replace(tzinfo=None),
                person.submitted.astimezone(PARIS).replace(tzinfo=None),
                "anonymous",
                "",
                "",
                person.name,
                role_text(form, person),
                *(option_text(form, q, person) for q in ordered),
            ]
        )
    return rows


def typeform(form: Form, people: list[Respondent]) -> list[list[object]]:
    """Typeform, Results > Responses > Download (CSV): #, the questions, then the response's own."""
    mapping = form.mapping["respondent"]
    head: list[object] = ["#", mapping["name"]["heading"], mapping["role"]["heading"]]
    head += [q["heading"] for q in form.questions]
    head += [
        "Response Type",
        "Start Date (UTC)",
        "Stage Date (UTC)",
        "Submit Date (UTC)",
        "Network ID",
        "Tags",
    ]
    rows: list[list[object]] = [head]
    for person in people:
        row: list[object] = [
            f"{person.number:02d}ab{person.number * 7:04d}cdefghijkl{person.number:02d}",
            person.name,
            role_text(form, person),
        ]
        row += [
            option_number(form, q, person)
            if form.scale_of[q["id"]] == "score0to10"
            else option_text(form, q, person)
            for q in form.questions
        ]
        stamp = person.submitted.strftime("%Y-%m-%d %H:%M:%S")
        row += [
            "completed" if person.finished else "partial",
            person.started.strftime("%Y-%m-%d %H:%M:%S"),
            stamp,
            stamp if person.finished else "",
            f"{person.number * 12345:x}",
            "",
        ]
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- the corpus


def truth(form: Form, listed: list[Respondent], kept: Callable[[Respondent], bool]) -> dict[str, Any]:
    """What an import must give: each response of *listed* that is *kept*, every answer as a value;
    the names of the others, left out."""
    respondents = []
    for person in listed:
        if not kept(person):
            continue
        answers: dict[str, int | str] = {}
        for question in form.questions:
            index = person.answers.get(question["id"])
            if index is not None:
                answers[question["id"]] = form.values[form.scale_of[question["id"]]][index]
        role = ["executive", "manager", "operational", "other"][person.role]
        respondents.append({"name": person.name, "role": role, "answers": answers})
    left_out = [person.name for person in listed if not kept(person)]
    return {"respondents": respondents, "left_out": left_out}


def build(out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    mapping_path = out / MAPPING
    subprocess.run(
        [
            sys.executable,
            "-m",
            "vendormaturity",
            "export",
            "pulse",
            "--side",
            "client",
            "--lang",
            "en",
            "--relationship",
            "acme-hosting",
            "--date",
            "2026-09-15",
            "--form-mapping",
            str(mapping_path),
            "--force",
        ],
        check=True,
        capture_output=True,
    )
    form = load_form(mapping_path, ROOT / "questionnaires" / "pulse.toml")
    people = draw(form, 8, random.Random(SEED))
    others = not_respondents(form)
    finished = [person for person in people if person.finished]
    every: Callable[[Respondent], bool] = lambda person: True  # noqa: E731
    completed: Callable[[Respondent], bool] = lambda person: person.finished  # noqa: E731
    proven: Callable[[Respondent], bool] = lambda person: person.finished and last_answered(form, person)  # noqa: E731
    respondent: Callable[[Respondent], bool] = lambda person: person.finished and person not in others  # noqa: E731
    # file name -> (tool, its rows, the responses it lists in order, those an import reads)
    files: dict[str, tuple[str, list[list[object]], list[Respondent], Callable[[Respondent], bool]]] = {}
    files["Pulse ACME(1-8).xlsx"] = ("forms", forms(form, people), finished, every)
    likert = f"Pulse ACME Likert(1-{len(finished)}).xlsx"
    files[likert] = ("forms", forms_likert(form, people), finished, every)
    google_rows = google(form, people)
    files["google-forms.csv"] = ("google", google_rows, finished, every)
    files["Pulse ACME (Responses).xlsx"] = ("google", google_xlsx_rows(google_rows, people), finished, every)
    files["results-survey123456.csv"] = (
        "limesurvey",
        limesurvey(form, people, codes=True),
        people,
        completed,
    )
    files["results-survey123456-fulltext.csv"] = (
        "limesurvey",
        limesurvey(form, people, codes=False),
        people,
        completed,
    )
    files["results-survey123456.xlsx"] = (
        "limesurvey",
        limesurvey(form, people, codes=True),
        people,
        completed,
    )
    in_order = qualtrics_rows(people, others)
    qualtrics_export = qualtrics(form, people, others)
    files["Pulse_ACME_September 15, 2026_10.12.csv"] = ("qualtrics", qualtrics_export, in_order, respondent)
    files["Pulse_ACME_September 15, 2026_10.12.xlsx"] = ("qualtrics", qualtrics_export, in_order, respondent)
    files["Sheet_1.csv"] = ("surveymonkey", surveymonkey(form, people), finished, proven)
    files["Pulse ACME.xlsx"] = ("surveymonkey", surveymonkey(form, people), finished, proven)
    every_response = surveymonkey(form, people, partial=True)
    files["Sheet_1 (all responses).csv"] = ("surveymonkey", every_response, people, proven)
    files["responses.csv"] = ("typeform", typeform(form, people), people, completed)
    expected: dict[str, Any] = {}
    sheets = {
        "Pulse ACME(1-8).xlsx": "Sheet1",
        likert: "Sheet1",
        "Pulse ACME (Responses).xlsx": "Form Responses 1",
        "results-survey123456.xlsx": "Pulse ACME",
        "Pulse_ACME_September 15, 2026_10.12.xlsx": "Sheet0",
        "Pulse ACME.xlsx": "Sheet",
    }
    for name, (tool, rows, listed, kept) in files.items():
        path = out / name
        if name.endswith(".xlsx"):
            write_xlsx(path, sheets[name], rows)
        else:
            write_csv(path, rows, bom=tool in ("limesurvey", "qualtrics"), quote_all=tool == "limesurvey")
        expected[name] = {"tool": tool, "mapping": MAPPING, **truth(form, listed, kept)}
    (out / "expected.json").write_text(
        json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return expected


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", type=Path, default=OUT)
    options = parser.parse_args(argv)
    expected = build(options.out)
    tools = {entry["tool"] for entry in expected.values()}
    print(f"{len(expected)} files of {len(tools)} tools in {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
