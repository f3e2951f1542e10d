"""Every report shows a suspected finding as such, with the facts that would confirm it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import vendormaturity as vm
from vendormaturity.cli import _app
from vendormaturity.render.html import render_html
from vendormaturity.render.markdown import render_markdown
from vendormaturity.render.terminal import explanation, report

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "meridian-servicedesk" / "2026-10-08.toml"
RELATIONSHIP = vm.load_questionnaire("relationship")


@pytest.fixture(scope="module")
def without_kpis() -> vm.ResponseSet:
    """The watermelon example, as a user who did not have the SLA report would enter it."""
    responses = vm.load_responses(EXAMPLE, RELATIONSHIP)
    facts = {name: value for name, value in responses.facts.items() if name != "kpi_green_ratio"}
    return responses.model_copy(update={"facts": facts})


@pytest.fixture(scope="module")
def result(without_kpis: vm.ResponseSet) -> vm.AssessmentResult:
    found = vm.assess(RELATIONSHIP, without_kpis)
    assert [("watermelon", "suspected", ["kpi_green_ratio"])] == [
        (f.pattern, f.status, f.confirm_with) for f in found.findings if f.status == "suspected"
    ]
    return found


def printed(renderable: object) -> str:
    console = Console(width=120, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_the_terminal_marks_it_and_names_the_fact(result: vm.AssessmentResult) -> None:
    """The title says suspected; the body says which fact to establish, by its label."""
    text = printed(report(result, "en", RELATIONSHIP))
    assert "Watermelon effect (suspected)" in text
    assert "Establish: Share of KPIs/SLAs at target." in text


def test_explain_marks_it_in_french(result: vm.AssessmentResult) -> None:
    """explain shows the same, in French with the fact's French label."""
    text = printed(explanation(result, RELATIONSHIP, "fr"))
    assert "Effet pastèque (présumé)" in text
    assert "À établir\u202f: Part des indicateurs" in text


def test_markdown_marks_it(result: vm.AssessmentResult) -> None:
    """The heading ends with 'suspected'; the sentence comes before the description."""
    markdown = render_markdown(result, lang="en", questionnaire=RELATIONSHIP)
    assert "– High – suspected\n\n*Suspected: the answers point to it" in markdown


def test_html_marks_it(result: vm.AssessmentResult) -> None:
    """The article is styled as suspected and carries the sentence."""
    html = render_html(result, lang="en", questionnaire=RELATIONSHIP)
    assert 'class="finding severity-high suspected"' in html
    assert '<span class="status">suspected</span>' in html
    assert "Establish: Share of KPIs/SLAs at target." in html


def test_without_the_questionnaire_the_fact_is_named_by_its_id(result: vm.AssessmentResult) -> None:
    """A saved result rendered alone still names the fact to establish."""
    assert "Establish: kpi\\_green\\_ratio." in render_markdown(result, lang="en")


def test_the_plan_asks_for_the_fact_first(result: vm.AssessmentResult) -> None:
    """Establishing the facts answers the suspected finding at its priority; its actions come later."""
    planned = {action.id: action for action in result.plan.actions}
    assert (1, ["pattern:watermelon"]) == (
        planned["establish_facts"].priority,
        planned["establish_facts"].addresses,
    )
    assert 2 == planned["xla_pilot"].priority


def test_assess_on_the_command_line_shows_it(tmp_path: Path, without_kpis: vm.ResponseSet) -> None:
    """Through the CLI, as a user sees it."""
    path = tmp_path / "2026-10-08.toml"
    path.write_text(vm.dump_responses(without_kpis), encoding="utf-8")
    outcome = CliRunner().invoke(_app.app, ["assess", str(path)], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert 0 == outcome.exit_code, outcome.output
    assert "Watermelon effect (suspected)" in outcome.output
