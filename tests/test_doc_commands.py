"""Every shell command in the README and docs/ works as written, from a copy of the repository.

The commands of each page run in order, in one folder (a later command may read what an
earlier one wrote), through bash, as a user pastes them. A command that cannot run here
is listed below with the reason; one that must fail says why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import fill_as_respondent

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "README.md",
    *sorted(f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")),
    "examples/README.md",
]
COPIED = [
    "examples",
    "questionnaires",
    "tests/data",
    "docs",
    "schemas",
    "benchmarks",
    "validation",
    "scripts",
    "src",
]

# Commands not run here, and why. (The Quick start's two commands are what CI itself runs.)
NOT_RUN = {
    "python3 -m venv .venv && .venv/bin/pip install -q -e '.[cli]' && .venv/bin/vendormaturity assess "
    "examples/acme-hosting": "the Quick start: it installs the package, as CI does",
    "python3 -m venv .venv && . .venv/bin/activate && bash scripts/test.sh": "the Quick start: CI runs it",
    "bash scripts/test.sh --quick": "runs the tests themselves",
    "pip install 'vendormaturity[cli]'": "installs from the package index",
    "pip install 'vendormaturity[excel]'": "installs from the package index",
    "pip install 'vendormaturity[serve]'": "installs from the package index",
    "vendormaturity serve --db team.db --port 8000": "starts a server that runs until it is stopped"
    " (tests/serve/test_load.py starts it and stops it)",
    "vendormaturity portfolio init --db postgresql://vm@db.internal/portfolio": "a team's own PostgreSQL"
    " server",
    "vendormaturity token create --name team --db postgresql://vm@db.internal/portfolio": "a team's own"
    " PostgreSQL server",
    "vendormaturity serve --db postgresql://vm@db.internal/portfolio --workers 4 --public-url "
    "https://maturity.example.com --forwarded-allow-ips 127.0.0.1": "a team's own PostgreSQL server, and a"
    " server that runs until it is stopped",
}
# Commands that must fail as written here, and why.
EXPECTED_TO_FAIL: dict[str, str] = {}


def commands(page: str) -> list[str]:
    """The shell commands of *page*, continuation lines joined, comments dropped."""
    text = (ROOT / page).read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", text, flags=re.DOTALL):
        joined = re.sub(r"\\\n\s*", "", block)
        for line in joined.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command and not command.startswith("#"):
                found.append(command)
    return found


ALL = [(page, command) for page in PAGES for command in commands(page)]


def test_the_pages_hold_commands() -> None:
    """The extraction reads real commands: the README's and docs/cli.md's are found."""
    pages = {page for page, _ in ALL}
    assert {"README.md", "docs/cli.md"} <= pages
    assert any("vendormaturity assess" in command for _, command in ALL)


def test_every_exception_is_still_in_the_docs() -> None:
    """A listed exception whose command left the docs must leave this list too."""
    documented = {command for _, command in ALL}
    assert set() == (set(NOT_RUN) | set(EXPECTED_TO_FAIL)) - documented


@pytest.mark.parametrize("page", sorted({page for page, _ in ALL}))
def test_the_commands_of_a_page_work_as_written(page: str, tmp_path: Path) -> None:
    """Each command exits 0 (or fails, for the listed reason), with no traceback."""
    for folder in COPIED:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for file in ("README.md", "CHANGELOG.md"):
        shutil.copy(ROOT / file, tmp_path / file)
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    environment.pop("VENDORMATURITY_LANG", None)
    if "chromium" in " ".join(commands(page)) and not shutil.which("chromium") and "CI" not in os.environ:
        pytest.skip("chromium is not installed (CI installs it)")
    exported: list[Path] = []
    for command in commands(page):
        if command in NOT_RUN:
            continue
        words = command.split()
        if words[1:2] == ["import"]:
            for workbook in exported:  # what the respondents do before sending their workbooks back
                fill_as_respondent(workbook, workbook.stem.title())
            exported = []
        # the examples' README runs from the Quick start's virtual environment
        line = command.removeprefix(".venv/bin/")
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", line],
            cwd=tmp_path,
            env=environment,
            input="q\n",  # an interactive command (fill) is stopped at once
            capture_output=True,
            text=True,
            timeout=600,  # a hang stops here; the validity benchmark alone takes 1-2 min on a busy machine
            check=False,
        )
        output = done.stdout + done.stderr
        assert "Traceback" not in output, f"{page}: {command}\n{output}"
        if command in EXPECTED_TO_FAIL:
            assert 0 != done.returncode, f"{page}: {command} now works: take it off EXPECTED_TO_FAIL"
        else:
            assert 0 == done.returncode, f"{page}: {command}\n{output}"
        if words[1:2] == ["export"] and "--out" in words:
            exported.append(tmp_path / words[words.index("--out") + 1])
