"""Exported workbooks in real LibreOffice: they open and print, and a re-saved one imports identically.

LibreOffice runs headless (``soffice --headless --convert-to``), with a profile of its own
in a temporary folder. Without ``soffice`` these tests are skipped with the reason shown,
except in CI (``CI`` set), where .ci/run installs LibreOffice and they must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

import vendormaturity as vm

SOFFICE = shutil.which("soffice")
if SOFFICE is None and not os.environ.get("CI"):
    pytest.skip(
        "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
        allow_module_level=True,
    )


def convert(source: Path, to: str, folder: Path, profile: Path) -> Path:
    """*source* converted by LibreOffice into *folder*; fails with LibreOffice's output if it did not."""
    assert SOFFICE is not None, "CI must have LibreOffice: .ci/run installs libreoffice-calc-nogui"
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    target = folder / f"{source.stem}.{to}"
    assert (0, True) == (done.returncode, target.exists()), done.stdout + done.stderr
    return target


def filled(path: Path) -> Path:
    """A French client workbook of the relationship questionnaire, filled in and saved by openpyxl."""
    vm.export_workbook(
        vm.load_questionnaire("relationship"),
        side="client",
        lang="fr",
        path=path,
        relationship="acme-hosting",
        client="ACME",
        supplier="HostCo",
    )
    book = load_workbook(path)
    answers = book["Réponses"]
    rows = {row[0].value: row[0].row for row in answers.iter_rows(max_col=1) if row[0].value}
    answers.cell(rows["#name"], 4).value = "Éloïse Dupont-Ferrand"
    answers.cell(rows["#role"], 4).value = "Direction"
    agree: list[str | int] = [
        "4 – Plutôt d'accord",
        2,
        "Je ne sais pas",
        "  5 ",
        "Disagree",
        "na",
        "3 – Ni d'accord ni pas d'accord",
    ]
    other: list[str | int] = ["4 – Souvent", 1, "dk", "Sometimes", " 5"]
    scales = {question.id: question.scale for question in vm.load_questionnaire("relationship").questions}
    for index, key in enumerate(str(key) for key in rows if key in scales):
        picks = agree if scales[key] == "agree5" else other
        answers.cell(rows[key], 4).value = picks[index % len(picks)]
    answers.cell(rows["gov_steering_exists"], 4).value = 4  # its two conditional questions apply
    answers.cell(rows["trust_open_problems"], 5).value = "Les points durs arrivent tard, « après coup »."
    answers.cell(rows["#comment"], 4).value = "Relation correcte,\nmais sans élan."
    facts = book["Faits"]
    fact_rows = {row[0].value: row[0].row for row in facts.iter_rows(max_col=1) if row[0].value}
    given: dict[str, float | str] = {"kpi_green_ratio": 0.93, "age_months": 51, "exit_plan_active": "Non"}
    for fact, value in given.items():
        facts.cell(fact_rows[fact], 4).value = value
    facts.cell(fact_rows["segment"], 4).value = "Stratégique"
    book.save(path)
    return path


def test_an_exported_workbook_converts_to_pdf(tmp_path: Path) -> None:
    """LibreOffice opens an exported workbook and prints it to PDF without error."""
    workbook = tmp_path / "pulse-supplier.xlsx"
    vm.export_workbook(vm.load_questionnaire("pulse"), side="supplier", lang="en", path=workbook)
    pdf = convert(workbook, "pdf", tmp_path / "pdf", tmp_path / "profile")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.stat().st_size > 10_000  # the instructions and the questions, not an empty page


def test_a_workbook_resaved_by_libreoffice_imports_identically(tmp_path: Path) -> None:
    """Re-saved by LibreOffice (as people who use it do), a workbook gives the same response set."""
    original = filled(tmp_path / "filled.xlsx")
    resaved = convert(original, "xlsx", tmp_path / "resaved", tmp_path / "profile")
    q = vm.load_questionnaire("relationship")
    before = vm.read_workbooks(q, [original]).responses
    after = vm.read_workbooks(q, [resaved]).responses
    assert before == after
    assert "Éloïse Dupont-Ferrand" == after.respondents[0].name
    assert {"kpi_green_ratio": 0.93, "age_months": 51, "exit_plan_active": False, "segment": "strategic"} == (
        after.facts
    )
    assert 30 < len(after.respondents[0].answers)
