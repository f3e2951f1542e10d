"""Relationship folders and the paths a person gives: one discovery for every command."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.errors import Problem
from vendormaturity.sources.folders import response_files, targets

DATA = Path(__file__).parent / "data" / "cli"
NORTHWIND = DATA / "northwind"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    folder = tmp_path / "northwind"
    shutil.copytree(NORTHWIND, folder)
    return folder


def test_a_batch_skips_what_is_not_data_and_keeps_relationships() -> None:
    """`examples/*` holds relationship folders, a README and a folder of scripts."""
    found = targets(sorted(EXAMPLES.iterdir()))
    assert (
        [EXAMPLES / "README.md", EXAMPLES / "scripts"],
        [],
    ) == ([path for path, _ in found.skipped], found.problems)
    assert EXAMPLES / "acme-hosting" in found.found


def test_alone_a_foreign_folder_is_a_problem() -> None:
    """Given alone, a folder without response files is not skipped: it is an error that says why."""
    found = targets([EXAMPLES / "scripts"])
    assert [] == found.found
    assert found.problems[0].message.startswith("no dated response files")


def test_an_empty_folder_is_a_problem_even_in_a_batch(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    found = targets([empty, NORTHWIND])
    expected = Problem(
        "the folder is empty; a relationship folder holds dated response files", file=str(empty)
    )
    assert ([expected], [NORTHWIND]) == (found.problems, found.found)


def test_a_folder_of_csv_exports_points_at_import(tmp_path: Path) -> None:
    """A dated CSV is not a response file: the message says which command reads it."""
    (tmp_path / "2026-09.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(vm.NotFoundError) as raised:
        response_files(tmp_path)
    assert str(raised.value).endswith(
        "(2026-09.csv is a CSV file: make it a response file with `vendormaturity import`)"
    )


def test_files_of_two_relationships_are_named(northwind: Path) -> None:
    """A folder mixing relationships names the files of each."""
    text = (northwind / "2024-12-31.toml").read_text(encoding="utf-8")
    (northwind / "2024-12-31.toml").write_text(
        text.replace('relationship = "northwind-logistics"', 'relationship = "other"'), encoding="utf-8"
    )
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_history(northwind)
    assert [
        f"{northwind}: files are of different relationships: northwind-logistics in 2024-09-30.toml, "
        "2025-03-31.toml; other in 2024-12-31.toml; keep one per folder"
    ] == [str(problem) for problem in raised.value.problems]


def test_two_files_of_one_date_are_named(northwind: Path) -> None:
    shutil.copy(northwind / "2024-12-31.toml", northwind / "2024-12-31-bis.toml")
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_history(northwind)
    assert [
        f"{northwind}: 2024-12-31-bis.toml and 2024-12-31.toml are both dated 2024-12-31; "
        "keep one assessment a date"
    ] == [str(problem) for problem in raised.value.problems]


def test_files_of_two_questionnaires_are_one_problem_not_hundreds(northwind: Path) -> None:
    """Mixing pulse and relationship answers gave 232 problems located as history[0]…; now one."""
    shutil.copy(EXAMPLES / "acme-hosting" / "2023-09-14.toml", northwind / "2023-09-14.toml")
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_history(northwind)
    messages = [str(problem) for problem in raised.value.problems]
    assert 2 == len(messages)  # different relationships, different questionnaires
    assert (
        f"{northwind}: files answer different questionnaires: relationship 1.x in 2023-09-14.toml; "
        "pulse 1.x in 2024-09-30.toml, 2024-12-31.toml, 2025-03-31.toml; keep one per folder"
    ) == messages[1]


def test_a_problem_in_one_file_names_that_file(northwind: Path) -> None:
    path = northwind / "2024-12-31.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("p01 = 3", "p01 = 9", 1), encoding="utf-8")
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_history(northwind)
    assert all(problem.file == str(path) for problem in raised.value.problems)


def test_a_file_named_for_another_date_is_a_warning(northwind: Path) -> None:
    (northwind / "2025-03-31.toml").rename(northwind / "2025-04.toml")
    history = vm.read_history(northwind)
    assert [
        Problem(
            "named 2025-04 but dated 2025-03-31; the date inside counts",
            path="date",
            file=str(northwind / "2025-04.toml"),
        )
    ] == history.warnings


@pytest.mark.parametrize("date", ["2099-01-01", "9999-12-31", "0001-01-01", "1989-12-31"])
def test_an_implausible_date_is_refused_unless_accepted(northwind: Path, date: str) -> None:
    """A year typed wrong reorders a history silently: refused, unless confirmed."""
    path = northwind / "2025-03-31.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("date = 2025-03-31", f"date = {date}"), encoding="utf-8"
    )
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_responses(path)
    assert "date: " + date in str(raised.value.problems[0])
    assert "confirm it (accept_dates=True, or --accept-dates on the command line)" in str(raised.value)
    assert datetime.date.fromisoformat(date) == vm.load_responses(path, accept_dates=True).date
