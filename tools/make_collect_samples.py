"""Build the workbooks of the import catalogue, and the Microsoft Forms sample export.

Damaged workbooks are made, not stored: each starts from a workbook exported by
``vendormaturity export`` (pulse, client side, French) and filled as a person would, then
one thing is broken, as people really do – a typed answer off the scale, a deleted sheet,
rows sorted without the hidden id column, a workbook of another questionnaire version…
``tests/test_collect_catalogue.py`` runs this script into a temporary folder and checks
the exact message each one gets; ``tests/data/collect/README.md`` lists them.

The Microsoft Forms sample follows the documented "Open results in Excel" layout: one
sheet, the columns ID, Start time, Completion time, Email and Name (times as date-time
cells), then one column per question titled with the question, one row per response.

    .venv/bin/python tools/make_collect_samples.py OUT_DIR     # the damaged workbooks
    .venv/bin/python tools/make_collect_samples.py --samples   # rewrite tests/data/collect's Forms sample
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import vendormaturity as vm

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "collect"

# What Claire Martin answers in the base workbook (pulse, client side, French labels as picked)
ANSWERS: Mapping[str, str | int] = {
    "p01": "3 – Ni d'accord ni pas d'accord",
    "p02": "2 – Plutôt pas d'accord",
    "p03": "4 – Plutôt d'accord",
    "p04": "3 – Ni d'accord ni pas d'accord",
    "p05": "2 – Plutôt pas d'accord",
    "p06": "4 – Plutôt d'accord",
    "p07": "Je ne sais pas",
    "p08": "2 – Plutôt pas d'accord",
    "p09": "2 – Plutôt pas d'accord",
    "p11": 6,
}
FACTS: Mapping[str, str | float] = {"kpi_green_ratio": 0.96, "age_months": 51, "segment": "Stratégique"}


def rows_by_key(sheet: Worksheet) -> dict[str, int]:
    """Each keyed row of a sheet (hidden column A): question and fact ids, #name, #role…"""
    return {str(row[0].value): row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value is not None}


def base() -> Workbook:
    """The exported workbook of pulse, client side, in French, filled in by Claire Martin."""
    q = vm.load_questionnaire("pulse")
    data = vm.export_workbook(q, side="client", lang="fr", relationship="acme-hosting")
    book = load_workbook(io.BytesIO(data))
    answers = book["Réponses"]
    rows = rows_by_key(answers)
    answers.cell(rows["#name"], 4, "Claire Martin")
    answers.cell(rows["#role"], 4, "Management")
    for question, value in ANSWERS.items():
        answers.cell(rows[question], 4, value)
    answers.cell(rows["p06"], 5, "Toujours les mêmes incidents de sauvegarde.")
    facts = book["Faits"]
    fact_rows = rows_by_key(facts)
    for fact, given in FACTS.items():
        facts.cell(fact_rows[fact], 4, given)
    return book


def _answer(book: Workbook, question: str, value: str | datetime.datetime | None, column: int = 4) -> None:
    sheet = book["Réponses"]
    sheet.cell(
        rows_by_key(sheet)[question], column
    ).value = value  # (cell(…, value=None) keeps the old value)


def _meta(book: Workbook, key: str, value: str) -> None:
    sheet = book["_vendormaturity"]
    sheet.cell(rows_by_key(sheet)[key], 2, value)


def off_scale(book: Workbook) -> None:
    _answer(book, "p01", "7")


def unknown_label(book: Workbook) -> None:
    _answer(book, "p03", "Souvent")


def date_typed(book: Workbook) -> None:
    _answer(book, "p04", datetime.datetime(2026, 4, 3))  # "3/4" typed, turned into a date


def no_name(book: Workbook) -> None:
    _answer(book, "#name", None)


def no_role(book: Workbook) -> None:
    _answer(book, "#role", "  ")


def sorted_without_ids(book: Workbook) -> None:
    """Rows p01 and p03 swapped in the visible columns only, as a sort of B:E would do."""
    sheet = book["Réponses"]
    rows = rows_by_key(sheet)
    for column in range(2, 6):
        first, second = sheet.cell(rows["p01"], column), sheet.cell(rows["p03"], column)
        first.value, second.value = second.value, first.value


def added_column(book: Workbook) -> None:
    sheet = book["Réponses"]
    sheet.insert_cols(4)  # a column before the answers: keys move with their columns
    rows = rows_by_key(sheet)
    sheet.cell(rows["p02"], 4, "à revoir")
    sheet.cell(rows["p08"], 4, "voir CR")


def answers_sheet_deleted(book: Workbook) -> None:
    del book["Réponses"]


def facts_sheet_deleted(book: Workbook) -> None:
    del book["Faits"]


def other_questionnaire(book: Workbook) -> None:
    _meta(book, "questionnaire", "relationship")


def other_major_version(book: Workbook) -> None:
    _meta(book, "questionnaire_version", "2.0.0")


def fact_out_of_range(book: Workbook) -> None:
    sheet = book["Faits"]
    sheet.cell(rows_by_key(sheet)["kpi_green_ratio"], 4, 1.5)


def fact_not_a_number(book: Workbook) -> None:
    sheet = book["Faits"]
    sheet.cell(rows_by_key(sheet)["age_months"], 4, "environ 4 ans")


def question_row_deleted(book: Workbook) -> None:
    sheet = book["Réponses"]
    sheet.delete_rows(rows_by_key(sheet)["p09"])


def question_row_copied(book: Workbook) -> None:
    sheet = book["Réponses"]
    rows = rows_by_key(sheet)
    target = rows["#comment"] + 1
    for column in range(1, 6):
        sheet.cell(target, column, sheet.cell(rows["p06"], column).value)
    sheet.cell(target, 4, "1 – Pas du tout d'accord")


def key_row_deleted(book: Workbook) -> None:
    sheet = book["Réponses"]
    sheet.delete_rows(rows_by_key(sheet)["#columns"])


def second_claire(book: Workbook) -> None:
    _answer(book, "p01", "5 – Tout à fait d'accord")


def other_kpi(book: Workbook) -> None:
    sheet = book["Faits"]
    sheet.cell(rows_by_key(sheet)["kpi_green_ratio"], 4, 0.8)
    _answer(book, "#name", "Bruno Leroy")


def other_relationship(book: Workbook) -> None:
    _meta(book, "relationship", "acme-payroll")
    _answer(book, "#name", "Bruno Leroy")


DAMAGES: Mapping[str, Callable[[Workbook], None]] = {
    "off-scale": off_scale,
    "unknown-label": unknown_label,
    "date-typed": date_typed,
    "no-name": no_name,
    "no-role": no_role,
    "sorted-without-ids": sorted_without_ids,
    "added-column": added_column,
    "answers-sheet-deleted": answers_sheet_deleted,
    "facts-sheet-deleted": facts_sheet_deleted,
    "other-questionnaire": other_questionnaire,
    "other-major-version": other_major_version,
    "fact-out-of-range": fact_out_of_range,
    "fact-not-a-number": fact_not_a_number,
    "question-row-deleted": question_row_deleted,
    "question-row-copied": question_row_copied,
    "key-row-deleted": key_row_deleted,
    "second-claire": second_claire,
    "other-kpi": other_kpi,
    "other-relationship": other_relationship,
}


def build(folder: Path) -> list[Path]:
    """The base workbook, every damaged one, a foreign workbook and a file that is no workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "base.xlsx"]
    base().save(written[0])
    for name, damage in DAMAGES.items():
        book = base()
        damage(book)
        book.save(folder / f"{name}.xlsx")
        written.append(folder / f"{name}.xlsx")
    foreign = Workbook()
    sheet = foreign.active
    assert sheet is not None
    sheet.append(["Question", "Answer"])
    sheet.append(["Service quality", 4])
    foreign.save(folder / "foreign.xlsx")
    (folder / "not-a-workbook.xlsx").write_text("Question;Answer\nService quality;4\n", encoding="utf-8")
    twice = folder / "forms-same-name-twice.xlsx"
    forms_sample(twice)
    export = load_workbook(twice)
    export["Sheet1"]["E4"] = "Claire Martin"  # the anonymous response, signed with another's name
    export.save(twice)
    return [*written, folder / "foreign.xlsx", folder / "not-a-workbook.xlsx", twice]


def forms_sample(path: Path) -> None:
    """A Microsoft Forms export of the pulse form, client side, English (see the module docstring)."""
    q = vm.load_questionnaire("pulse")
    client = [question for question in q.questions if question.side.value in ("both", "client")]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(
        ["ID", "Start time", "Completion time", "Email", "Name", "Your role"]
        + [question.text["en"] for question in client]
    )
    agree = {
        1: "1 – Strongly disagree",
        2: "2 – Disagree",
        3: "3 – Neither agree nor disagree",
        4: "4 – Agree",
    }
    agree |= {5: "5 – Strongly agree"}
    responses: list[tuple[int, str, str | None, str, list[int | str | None]]] = [
        (
            1,
            "claire.martin@acme.example",
            "Claire Martin",
            "Manager",
            [3, 2, 4, 3, 2, 4, "Don't know", 2, 2, 6],
        ),
        (2, "bruno.leroy@acme.example", "Bruno Leroy", "Operational", [2, 2, 3, 4, None, 4, 3, 2, 3, 5]),
        (3, "anonymous", None, "Executive", [4, 3, 4, 2, 4, 3, 2, 3, "Not applicable", 4]),
    ]
    start = datetime.datetime(2026, 9, 14, 9, 12, 5)
    for number, email, name, role, picked in responses:
        shown = [
            agree[value] if isinstance(value, int) and question.scale == "agree5" else value
            for question, value in zip(client, picked, strict=True)
        ]
        began = start + datetime.timedelta(hours=5 * number, minutes=7 * number)
        sheet.append(
            [number, began, began + datetime.timedelta(minutes=4, seconds=31), email, name, role, *shown]
        )
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "m/d/yy h:mm:ss"
    book.save(path)


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", type=Path, help="where to write the damaged workbooks")
    parser.add_argument(
        "--samples", action="store_true", help="rewrite the Forms sample in tests/data/collect"
    )
    options = parser.parse_args(arguments)
    if options.samples:
        forms_sample(SAMPLES / "forms-pulse-client-en.xlsx")
        print(f"wrote {SAMPLES / 'forms-pulse-client-en.xlsx'}")
    if options.folder is not None:
        for path in build(options.folder):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
