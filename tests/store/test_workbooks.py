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
