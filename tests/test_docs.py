"""The README's Python example runs as written, and its commands match what CI runs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_readme_python_examples_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every python block of the README executes from the repository root."""
    monkeypatch.chdir(ROOT)
    python = blocks("python")
    assert python
    for source in python:
        exec(compile(source, "README.md", "exec"), {})
    assert "norming" in capsys.readouterr().out


def test_quick_start_is_two_commands() -> None:
    """The Quick start holds exactly two shell commands: run the example, run the tests."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert 2 == len(commands)
    assert "vendormaturity assess examples/" in commands[0]
    assert "scripts/test.sh" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the same script the README tells people to run."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci
    assert os.access(ROOT / "scripts" / "test.sh", os.R_OK)


# Python blocks of docs/ that cannot run here as written, and why.
DOC_BLOCKS_NOT_RUN = {
    ("docs/portfolio.md", 0): "reads a team's own folder of exports (exports/2026-Q3)",
    (
        "docs/cli.md",
        1,
    ): "reads the workbooks and the form export a team collected (claire.xlsx, results.xlsx)",
}


@pytest.mark.parametrize("page", sorted(path.name for path in (ROOT / "docs").glob("*.md")))
def test_docs_python_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python blocks of each page run in order, in one namespace, from the repository root."""
    monkeypatch.chdir(ROOT)
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    for index, source in enumerate(re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)):
        if (f"docs/{page}", index) not in DOC_BLOCKS_NOT_RUN:
            exec(compile(source, f"docs/{page}", "exec"), namespace)
