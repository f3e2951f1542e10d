"""Golden tests: every example relationship is assessed as the domain expects, and its full
result matches the reviewed snapshot in tests/golden/.

Expected outcomes (examples/<id>/expected.toml) were written from the domain before the
engine was run. Snapshots catch any other change; after reviewing a deliberate change,
regenerate them with ``VM_UPDATE_GOLDEN=1 pytest tests/test_golden.py``.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.sources.folders import response_files

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(path.parent.name for path in EXAMPLES.glob("*/expected.toml"))


@pytest.fixture(scope="module")
def relationship() -> vm.Questionnaire:
    return vm.load_questionnaire("relationship")


def assess_folder(name: str, q: vm.Questionnaire) -> vm.AssessmentResult:
    current, history = vm.load_history(EXAMPLES / name, q)
    return vm.assess(q, current, history=history)


def test_the_corpus_is_large_enough() -> None:
    """At least 14 relationships, several with 3 to 5 dated assessments."""
    assert len(CASES) >= 14
    with_history = [name for name in CASES if len(response_files(EXAMPLES / name)) >= 3]
    assert len(with_history) >= 4


@pytest.mark.parametrize("name", CASES)
def test_expected_phase_and_findings(name: str, relationship: vm.Questionnaire) -> None:
    """The newest assessment lands in the expected phase with exactly the expected findings."""
    expected = tomllib.loads((EXAMPLES / name / "expected.toml").read_text(encoding="utf-8"))
    result = assess_folder(name, relationship)
    assert (expected["phase"], sorted(expected["findings"])) == (
        result.phase.value,
        sorted(finding.pattern for finding in result.findings),
    )
    if "confidence_label" in expected:
        assert expected["confidence_label"] == result.confidence_label


@pytest.mark.parametrize("name", CASES)
def test_result_matches_the_reviewed_snapshot(name: str, relationship: vm.Questionnaire) -> None:
    """The whole result is stable; a change must be reviewed and the snapshot regenerated."""
    result = assess_folder(name, relationship)
    text = (
        json.dumps(json.loads(result.model_dump_json()), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )
    path = GOLDEN / f"{name}.json"
    if os.environ.get("VM_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def test_every_pattern_and_phase_is_covered(relationship: vm.Questionnaire) -> None:
    """The corpus shows every phase and every pattern of the questionnaire at least once."""
    phases: set[str] = set()
    patterns: set[str] = set()
    for name in CASES:
        expected = tomllib.loads((EXAMPLES / name / "expected.toml").read_text(encoding="utf-8"))
        phases.add(expected["phase"])
        patterns.update(expected["findings"])
    assert {phase.value for phase in vm.Phase} == phases
    assert {pattern.id for pattern in relationship.patterns} == patterns


@pytest.mark.parametrize("name", CASES)
def test_every_example_file_round_trips(name: str, relationship: vm.Questionnaire, tmp_path: Path) -> None:
    """Each example response file loads and survives dump and reload unchanged."""
    for path in response_files(EXAMPLES / name):
        responses = vm.load_responses(path, relationship)
        copy = tmp_path / path.name
        copy.write_text(vm.dump_responses(responses), encoding="utf-8")
        assert responses == vm.load_responses(copy, relationship)


FROM_EXPORTS = sorted(name for name in CASES if (EXAMPLES / name / "exports").is_dir())


def test_the_corpus_goes_from_raw_exports_to_a_report() -> None:
    """At least one example relationship takes its newest facts from raw exports."""
    assert FROM_EXPORTS


@pytest.mark.parametrize("name", FROM_EXPORTS)
def test_facts_and_followup_come_from_the_exports(name: str, relationship: vm.Questionnaire) -> None:
    """The newest file's facts, their provenance and the follow-up are what its exports give."""
    folder = EXAMPLES / name
    settings = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))["exports"]
    current, history = vm.load_history(folder, relationship)
    exports = [folder / settings["folder"]]
    found = vm.facts_from(
        exports,
        settings["mappings"],
        period=settings["period"],
        questionnaire=relationship,
        today=current.date,
    )
    previous = history[-1]
    assert isinstance(previous, vm.ResponseSet)
    plan = vm.assess(relationship, previous, history=history[:-1]).plan
    statuses = vm.statuses_from(exports, settings["mappings"], actions=[action.id for action in plan.actions])
    assert (found.provenance, found.facts, list(statuses.followup)) == (
        current.provenance,
        {fact: current.facts[fact] for fact in found.facts},
        current.followup,
    )
    assert () == found.problems
