"""Export and import 50 respondents' workbooks (target: both under 10 s together on this machine).

Set-up: the full `relationship` questionnaire (55 questions, 15 facts), 25 client-side
and 25 supplier-side respondents in French and English. Exporting writes 50 workbooks;
each is then filled in as a person would (openpyxl, not timed: that is the respondents'
part); importing reads all 50 into one response set with ``vm.read_workbooks``. The
import is repeated and its best time kept; the export is timed once, as a person runs it.

    python benchmarks/collect.py [RESPONDENTS]
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

import vendormaturity as vm

RESPONDENTS = 50
TARGET = 10.0  # seconds, export and import together
ROUNDS = 3


def fill(data: bytes, lang: str, number: int) -> bytes:
    """A workbook filled in: a name, a role, every question answered, a few comments and facts."""
    book = load_workbook(io.BytesIO(data))
    sheet = book["Réponses" if lang == "fr" else "Answers"]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value}
    sheet.cell(rows["#name"], 4).value = f"Respondent {number}"
    sheet.cell(rows["#role"], 4).value = "Manager"
    questions = [key for key in rows if isinstance(key, str) and not key.startswith("#")]
    for index, question in enumerate(questions):
        sheet.cell(rows[question], 4).value = 3 + (index + number) % 3  # 3–5: conditional questions apply
        if index % 10 == 0:
            sheet.cell(rows[question], 5).value = "Un commentaire." if lang == "fr" else "A comment."
    facts = book["Faits" if lang == "fr" else "Facts"]
    fact_rows = {row[0].value: row[0].row for row in facts.iter_rows(max_col=1) if row[0].value}
    facts.cell(fact_rows["age_months"], 4).value = 51
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else RESPONDENTS
    q = vm.load_questionnaire("relationship")
    plan = [("client" if n % 2 else "supplier", "fr" if n % 4 < 2 else "en") for n in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"respondent-{n:02d}.xlsx" for n in range(count)]
        start = time.perf_counter()
        for path, (side, lang) in zip(paths, plan, strict=True):
            vm.export_workbook(q, side=side, lang=lang, path=path, relationship="acme-hosting")
        exported = time.perf_counter() - start
        for number, (path, (_, lang)) in enumerate(zip(paths, plan, strict=True)):
            path.write_bytes(fill(path.read_bytes(), lang, number))
        imports = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            collected = vm.read_workbooks(q, paths)
            imports.append(time.perf_counter() - start)
    imported = min(imports)
    answers = sum(len(person.answers) for person in collected.responses.respondents)
    total = exported + imported
    print(f"collect: {count} workbooks of questionnaire relationship ({answers} answers read)")
    print(f"  export   {exported:6.2f} s  {exported / count * 1000:6.1f} ms per workbook")
    print(f"  import   {imported:6.2f} s  {imported / count * 1000:6.1f} ms per workbook (best of {ROUNDS})")
    verdict = "ok" if total < TARGET else "SLOW"
    print(f"  total    {total:6.2f} s  target < {TARGET:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
