"""Shared fixtures: the bundled questionnaires and a small questionnaire built in code."""

from __future__ import annotations

import copy
import datetime
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import vendormaturity as vm

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _label(text: str) -> dict[str, str]:
    return {"fr": text, "en": text}


def mini_document() -> dict[str, Any]:
    """A small valid questionnaire: two dimensions, five questions, two facts, every phase reachable."""
    scale = {
        "id": "agree5",
        "label": _label("Agreement"),
        "choices": [{"value": value, "label": _label(str(value))} for value in range(1, 6)],
        "missing": [{"code": "dk", "label": _label("Don't know")}],
    }

    def question(qid: str, dimension: str, side: str = "both", **extra: Any) -> dict[str, Any]:
        return {
            "id": qid,
            "dimension": dimension,
            "scale": "agree5",
            "side": side,
            "stage": "operational",
            "text": _label(f"Question {qid}"),
            **extra,
        }

    def rule(rid: str, phase: str, when: str, weight: float = 1.0) -> dict[str, Any]:
        return {"id": rid, "phase": phase, "weight": weight, "when": when, "because": _label(rid)}

    return {
        "schema_version": 1,
        "id": "mini",
        "version": "1.2.0",
        "languages": ["fr", "en"],
        "title": _label("Mini"),
        "scoring": {
            "range": [1.0, 5.0],
            "min_coverage": 0.5,
            "bands": [
                {"id": "low", "label": _label("Low"), "min": 0, "max": 50},
                {"id": "high", "label": _label("High"), "min": 50, "max": 100},
            ],
        },
        "scales": [scale],
        "dimensions": [
            {"id": "trust", "label": _label("Trust")},
            {"id": "quality", "label": _label("Quality")},
        ],
        "questions": [
            question("t1", "trust", indicates="performing"),
            question("t2", "trust", reverse=True, indicates="storming"),
            question("t3", "trust", weight=2.0, indicates="forming"),
            question("q1", "quality", side="client", indicates="norming"),
            question("q2", "quality", relevant="answers.q1 <= 3"),
        ],
        "facts": [
            {"id": "kpi_green_ratio", "type": "number", "min": 0, "max": 1, "label": _label("KPI")},
            {"id": "age_months", "type": "integer", "min": 0, "max": 600, "label": _label("Age")},
            {
                "id": "segment",
                "type": "choice",
                "label": _label("Segment"),
                "choices": [
                    {"value": "strategic", "label": _label("Strategic")},
                    {"value": "leverage", "label": _label("Leverage")},
                ],
            },
        ],
        "phase_rules": [
            rule("young", "forming", "facts.age_months < 6", 2.0),
            rule("conflict", "storming", "overall.trust < 2.5", 2.0),
            rule("steady", "norming", "between(overall.trust, 2.5, 3.5)", 1.5),
            rule("strong", "performing", "summary.overall_min >= 3.5", 2.0),
            rule("too_young", "performing", "facts.age_months < 12", -4.0),
            rule("exit", "adjourning", "facts.age_months > 590"),
        ],
        "baseline": {
            "close": 0.25,
            "bands": [
                {"id": "not_this_stage", "label": _label("No"), "min": 1, "max": 2},
                {"id": "possible", "label": _label("Maybe"), "min": 2, "max": 4},
                {"id": "strong", "label": _label("Yes"), "min": 4, "max": 5},
            ],
        },
        "patterns": [
            {
                "id": "watermelon",
                "title": _label("Watermelon"),
                "description": _label("Green KPIs, unhappy client"),
                "severity": "high",
                "when": "facts.kpi_green_ratio >= 0.9 and client.quality <= 3.0",
                "actions": ["xla"],
                "escalate": [{"when": "client.quality <= 2.0", "severity": "critical"}],
            },
            {
                "id": "perception_gap",
                "title": _label("Gap"),
                "description": _label("Sides disagree"),
                "severity": "medium",
                "scope": "dimension",
                "when": "abs(dim.gap) >= 1.0",
                "actions": ["mirror"],
            },
        ],
        "actions": [
            {
                "id": "xla",
                "title": _label("Experience level agreement"),
                "description": _label("Measure perceived quality"),
                "owner": "joint",
                "horizon": "short",
                "success_indicator": _label("Perceived quality >= 3.5"),
                "dimensions": ["quality"],
            },
            {
                "id": "mirror",
                "title": _label("Mirror review"),
                "description": _label("Compare views"),
                "owner": "joint",
                "horizon": "short",
                "success_indicator": _label("Gap < 0.5"),
                "dimensions": ["trust"],
            },
            {
                "id": "trust_workshop",
                "title": _label("Trust workshop"),
                "description": _label("Talk"),
                "owner": "client",
                "horizon": "medium",
                "success_indicator": _label("Trust >= 3.5"),
                "dimensions": ["trust"],
                "phases": ["storming", "norming"],
            },
            {
                "id": "innovation_day",
                "title": _label("Innovation day"),
                "description": _label("Ideas"),
                "owner": "supplier",
                "horizon": "renewal",
                "success_indicator": _label("Two ideas a year"),
                "phases": ["performing"],
            },
        ],
        "plan": {"max_actions": 5, "weak_threshold": 3.0},
    }


@pytest.fixture
def mini_doc() -> dict[str, Any]:
    return copy.deepcopy(mini_document())


@pytest.fixture
def mini() -> vm.Questionnaire:
    return vm.questionnaire_from_dict(mini_document(), name="mini.toml")


def respondent(rid: str, side: str, **answers: int | float | str) -> vm.Respondent:
    return vm.Respondent(id=rid, side=vm.Side(side), answers=answers)


ResponsesFactory = Callable[..., vm.ResponseSet]


@pytest.fixture
def make_responses() -> ResponsesFactory:
    """Build a response set for the mini questionnaire."""

    def make(
        *respondents: vm.Respondent,
        facts: dict[str, bool | int | float | str] | None = None,
        date: datetime.date = datetime.date(2026, 9, 1),
        followup: list[vm.FollowUp] | None = None,
    ) -> vm.ResponseSet:
        return vm.ResponseSet(
            questionnaire="mini",
            questionnaire_version="1.0.0",
            relationship="rel",
            client="Client",
            supplier="Supplier",
            date=date,
            facts=facts if facts is not None else {"age_months": 24},
            respondents=list(respondents),
            followup=followup or [],
        )

    return make


@pytest.fixture(scope="session")
def relationship() -> vm.Questionnaire:
    return vm.load_questionnaire("relationship")


@pytest.fixture(scope="session")
def pulse() -> vm.Questionnaire:
    return vm.load_questionnaire("pulse")


CliRun = Callable[..., Any]  # (*args, input=None, **environment) -> typer's Result


def load_script(name: str) -> ModuleType:
    """A script of ``scripts/`` imported as a module (``scripts/catalogue.py`` → ``catalogue``)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def cli() -> CliRun:
    """Run the command as a user would: 100 columns, no colour, not a terminal, no language set."""
    from typer.testing import CliRunner

    from vendormaturity.cli import app

    def run(*args: str, input: str | None = None, **env: str | None) -> Any:
        environment: dict[str, str | None] = {
            "COLUMNS": "100",
            "NO_COLOR": None,
            "FORCE_COLOR": None,
            "VENDORMATURITY_LANG": None,
        }
        environment.update(env)
        return CliRunner().invoke(app, list(args), input=input, env=environment)

    return run


def fill_as_respondent(path: Path, name: str) -> None:
    """Fill an exported workbook as a respondent would: a name, a role, and every question
    answered 4 (but p05 of pulse, which applies only when p04 is 3 or less)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book[book.sheetnames[1]]  # the answers sheet, in the workbook's language
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value}
    sheet.cell(rows["#name"], 4).value = name
    sheet.cell(rows["#role"], 4).value = "Other"
    for question in [key for key in rows if str(key).startswith("p") and key != "p05"]:
        sheet.cell(rows[question], 4).value = 4
    book.save(path)


@pytest.fixture(autouse=True)
def _long_fuzzing_only_when_asked(request: pytest.FixtureRequest) -> None:
    """Skip a test marked ``fuzz_long`` unless ``-m`` names it or ``VM_FUZZ_LONG=1``."""
    if request.node.get_closest_marker("fuzz_long") is None:
        return
    if "fuzz_long" in (request.config.option.markexpr or "") or os.environ.get("VM_FUZZ_LONG") == "1":
        return
    pytest.skip("long fuzzing: run with `pytest -m fuzz_long` (or VM_FUZZ_LONG=1)")


# The tests that take seconds to minutes each, left out by `scripts/test.sh --quick` (marked
# `heavy` here, in one place): a browser, LibreOffice, subprocesses killed on purpose, fuzzing
# and property profiles, the validation corpus, every documented command, every report of
# every example in a pseudo-language.
HEAVY = (
    "tests/property/",
    "tests/serve/test_browser.py",
    "tests/serve/test_install.py",
    "tests/serve/test_load.py",
    "tests/store/test_reliability.py",
    "tests/test_doc_commands.py",
    "tests/test_fuzz.py",
    "tests/test_fuzz_hostile.py",
    "tests/test_html_browser.py",
    "tests/test_libreoffice.py",
    "tests/test_pseudo_locale.py",
    "tests/test_validity.py",
    "tests/test_atomic_write.py::test_killing_a_writer_at_any_moment_leaves_a_complete_file",
    "tests/store/test_portfolio.py::test_worker_processes_give_the_same_portfolio",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the heavy tests (see HEAVY)."""
    for item in items:
        if item.nodeid.startswith(HEAVY):
            item.add_marker(pytest.mark.heavy)


@pytest.fixture(autouse=True)
def _days_count_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Facts count days in the user's time zone: the tests' user is in UTC, wherever they run."""
    monkeypatch.setenv("TZ", "UTC")
