"""The commands on hostile and careless inputs and outputs: clear errors, nothing blocked or destroyed."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from conftest import CliRun

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "acme-hosting"
SINGLE = Path(__file__).parent / "data" / "cli" / "single.toml"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", ["validate", "assess", "explain"])
def test_a_named_pipe_is_refused_at_once(cli: CliRun, command: str, tmp_path: Path) -> None:
    """`validate` used to block for ever on a pipe; every command refuses it."""
    pipe = tmp_path / "answers.toml"
    os.mkfifo(pipe)
    result = cli(command, str(pipe))
    assert 2 == result.exit_code
    assert f"{pipe}: is a named pipe, not a regular file; give a file" in result.output


@pytest.mark.parametrize("command", ["validate", "assess", "explain"])
def test_a_device_is_refused_before_reading(cli: CliRun, command: str) -> None:
    """`validate /dev/zero` read without end; now it is refused from what it is."""
    result = cli(command, "/dev/zero")
    assert 2 == result.exit_code
    assert "/dev/zero: is a device, not a regular file; give a file" in result.output


@pytest.mark.parametrize("command", ["validate", "assess", "explain"])
def test_a_json_key_twice_is_refused_by_every_command(cli: CliRun, command: str, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{\n"age_months": 51,\n"age_months": 2\n}\n', encoding="utf-8")
    result = cli(command, str(path))
    assert 2 == result.exit_code
    assert f'{path}:3: key "age_months" appears twice in one object; keep one' in result.output


@pytest.mark.parametrize("command", ["validate", "assess", "explain"])
def test_deep_nesting_after_a_valid_file_is_refused(cli: CliRun, command: str, tmp_path: Path) -> None:
    """A valid response file followed by 600 nested lists gave a RecursionError traceback."""
    path = tmp_path / "r.toml"
    path.write_text(
        SINGLE.read_text(encoding="utf-8") + "\nx = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8"
    )
    result = cli(command, str(path))
    assert 2 == result.exit_code
    assert "nesting is deeper than 32 levels" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() != 0 or not Path("/dev/full").exists(), reason="needs root and /dev/full")
def test_a_device_given_as_out_survives(cli: CliRun) -> None:
    """As root, `--out /dev/full` replaced the device node with a regular file; now it is refused."""
    result = cli("assess", str(EXAMPLE), "--format", "html", "--out", "/dev/full")
    assert 1 == result.exit_code
    assert "cannot write /dev/full: is a device, not a regular file; give a file path" in result.stderr
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_dash_writes_to_standard_output(cli: CliRun) -> None:
    result = cli("assess", str(SINGLE), "--format", "json", "--out", "-")
    assert 0 == result.exit_code
    assert result.stdout.lstrip().startswith("{")


def test_an_implausible_date_needs_confirming(cli: CliRun, tmp_path: Path) -> None:
    """A response file dated 2099 is refused by validate and assess alike, unless --accept-dates."""
    path = tmp_path / "r.toml"
    text = SINGLE.read_text(encoding="utf-8")
    path.write_text(text.replace(text.split("date = ")[1].split("\n")[0], "2099-01-01"), encoding="utf-8")
    for command in ("validate", "assess"):
        refused = cli(command, str(path))
        assert 2 == refused.exit_code
        assert "2099-01-01 is more than 7 days in the future" in refused.output
        assert 0 == cli(command, str(path), "--accept-dates").exit_code


def test_a_symlink_out_replaces_its_target_not_the_link(cli: CliRun, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert 0 == cli("assess", str(SINGLE), "--format", "json", "--out", str(link), "--force").exit_code
    assert (True, True) == (link.is_symlink(), target.read_text(encoding="utf-8").startswith("{"))


def test_validate_and_assess_agree_on_a_folder(cli: CliRun, tmp_path: Path) -> None:
    """An undated response file in a relationship folder is skipped by both, with the same rule."""
    folder = tmp_path / "acme"
    shutil.copytree(EXAMPLE, folder)
    shutil.copy(folder / "2026-09-15.toml", folder / "latest.toml")
    validated = cli("validate", str(folder))
    assert f"skipped  {folder / 'latest.toml'}: not named by date" in validated.stdout
    assessed = cli("assess", str(folder), "--format", "json")
    assert (0, 0) == (validated.exit_code, assessed.exit_code)
