"""Workbooks go straight into the portfolio: the workbooks of a round, in a folder named by date."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import vendormaturity as vm
from conftest import fill_as_respondent


def _round(folder: Path) -> list[Path]:
    """A round's workbooks, filled in and sent back: a client and a supplier respondent."""
    pulse = vm.load_questionnaire("pulse")
    paths = []
    for side, person in (("client", "Claire"), ("supplier", "Sam")):
        path = folder / f"{person.lower()}.xlsx"
        vm.export_workbook(
            pulse, side=side, lang="en", path=path, relationship="acme", client="ACME", supplier="HostCo",
            date=datetime.date(2026, 9, 15),
        )  # fmt: skip
        fill_as_respondent(path, person)
        paths.append(path)
    return paths


def test_the_workbooks_of_a_dated_folder_are_one_round(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """`add` walks a relationship's folder: its dated subfolder of workbooks is one response set."""
    folder = tmp_path / "acme" / "2026-09-15"
    folder.mkdir(parents=True)
    _round(folder)
    summary = portfolio.add([tmp_path / "acme"])
    assert (1, 1) == (summary.added, summary.assessed)
    result = portfolio.result("acme")
    assert {"client": 1, "supplier": 1} == result.respondents


def test_workbooks_given_together_are_one_round_once(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """Given as files, the workbooks of one folder are read together; adding them again stores nothing."""
    paths = _round(tmp_path)
    assert 1 == portfolio.add(paths).added
    assert (0, 1) == (portfolio.add(paths).added, portfolio.add(paths).duplicates)


def test_a_damaged_workbook_adds_nothing_and_says_where(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    paths = _round(tmp_path)
    paths.append(tmp_path / "notes.xlsx")
    paths[-1].write_bytes(b"not a workbook")
    with pytest.raises(vm.ResponseError) as raised:
        portfolio.add(paths)
    assert any(problem.file == str(paths[-1]) for problem in raised.value.problems)
    assert 0 == portfolio.counts()["response_sets"]


def test_a_rounds_folder_and_its_workbooks_agree_on_the_date(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """A folder named 2026-12-15 holding workbooks dated 2026-09-15 is refused, not stored under either."""
    folder = tmp_path / "acme" / "2026-12-15"
    folder.mkdir(parents=True)
    _round(folder)
    with pytest.raises(vm.ValidationError) as raised:
        portfolio.add([tmp_path / "acme"])
    assert [
        f"{folder}: the round's folder is named 2026-12-15 but its workbooks are dated 2026-09-15: "
        "rename the folder, or export the workbooks again with --date"
    ] == [str(problem) for problem in raised.value.problems]


def test_workbooks_without_a_date_take_their_folders(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """Workbooks exported without --date are of the round their folder names, not of today."""
    folder = tmp_path / "acme" / "2026-09-15"
    folder.mkdir(parents=True)
    pulse = vm.load_questionnaire("pulse")
    path = folder / "claire.xlsx"
    vm.export_workbook(pulse, side="client", lang="en", path=path, relationship="acme")
    fill_as_respondent(path, "Claire")
    portfolio.add([tmp_path / "acme"])
    assert datetime.date(2026, 9, 15) == portfolio.result("acme").date


def test_a_workbook_dated_no_one_meant_is_refused(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """As a response file is: a workbook dated 2099 is refused by import and portfolio add alike."""
    path = tmp_path / "claire.xlsx"
    vm.export_workbook(
        pulse, side="client", lang="en", path=path, relationship="acme", date=datetime.date(2099, 1, 1)
    )
    fill_as_respondent(path, "Claire")
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_workbooks(pulse, [path])
    message = str(raised.value.problems[0])
    assert message.startswith(f"{path}: _vendormaturity!B")
    assert "2099-01-01 is more than 7 days in the future" in message
    assert message.endswith("; correct it, or confirm it with --accept-dates")
    assert datetime.date(2099, 1, 1) == vm.read_workbooks(pulse, [path], accept_dates=True).responses.date
