"""docs/facts.md: its Python example runs as written, and what it says matches the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.sources.operational.mapping import FORMULAS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")


def test_the_python_example_runs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python block of docs/facts.md executes from the repository root."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", DOC, flags=re.DOTALL)
    assert blocks
    for source in blocks:
        exec(compile(source, "docs/facts.md", "exec"), {})
    output = capsys.readouterr().out
    assert "indicator-months at target" in output
    assert "('xla_pilot', 'in_progress')" in output


def test_every_bundled_mapping_and_formula_is_documented() -> None:
    """The tables of bundled mappings and formulas name each one the package has."""
    assert [] == [name for name in vm.bundled_mappings() if f"| `{name}` |" not in DOC]
    assert [] == [name for name in FORMULAS if f"| `{name}` |" not in DOC]
