"""Reports say where facts computed from exports came from; the follow-up block of the next round."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from rich.console import Console

import vendormaturity as vm
from vendormaturity.render.followup import followup_block
from vendormaturity.render.html import render_html
from vendormaturity.render.markdown import render_markdown
from vendormaturity.render.provenance import fact_lines, files_text, period_text
from vendormaturity.render.terminal import explanation, report

NB = "\u202f"  # the narrow no-break space of French typography
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ouessant-logistics"
D = datetime.date


@pytest.fixture(scope="module")
def relationship() -> vm.Questionnaire:
    return vm.load_questionnaire("relationship")


@pytest.fixture(scope="module")
def from_exports(relationship: vm.Questionnaire) -> vm.AssessmentResult:
    current, history = vm.load_history(EXAMPLE, relationship)
    return vm.assess(relationship, current, history=history)


def plain(renderable: object) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, force_terminal=False).print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (D(2026, 7, 1), D(2026, 9, 30), "en", "Jul–Sep 2026"),
        (D(2026, 7, 1), D(2026, 9, 30), "fr", "juil.–sept. 2026"),
        (D(2026, 9, 1), D(2026, 9, 30), "en", "Sep 2026"),
        (D(2025, 10, 1), D(2026, 9, 30), "en", "Oct 2025–Sep 2026"),
        (D(2026, 7, 3), D(2026, 9, 30), "en", "2026-07-03..2026-09-30"),
    ],
)
def test_periods_in_plain_words(start: datetime.date, end: datetime.date, lang: str, expected: str) -> None:
    """Whole months read as months, in the report's language; other spans as ISO dates."""
    assert expected == period_text(start, end, lang)


def test_files_in_plain_words() -> None:
    """One file by name, two or three joined, more counted."""
    assert ["a.csv", "a.csv and b.csv", "a.csv, b.csv et c.csv", "4 files"] == [
        files_text(["a.csv"], "en"),
        files_text(["a.csv", "b.csv"], "en"),
        files_text(["a.csv", "b.csv", "c.csv"], "fr"),
        files_text(["a", "b", "c", "d"], "en"),
    ]


def test_each_fact_in_one_sentence(from_exports: vm.AssessmentResult) -> None:
    """A computed fact says its value, what was counted, when and from which file."""
    lines = {line.fact: line for line in fact_lines(from_exports.provenance, "en")}
    record = from_exports.provenance["escalations_per_month"]
    assert isinstance(record.value, float)
    assert (
        f"escalations_per_month = {round(record.value, 2):g}: {record.rows} escalated "
        f"{'incident' if record.rows == 1 else 'incidents'} of "
        f"{record.of} incidents in "
        "3 months, Jul–Sep 2026, from incident.csv"
    ) == lines["escalations_per_month"].sentence("en")
    french = {line.fact: line for line in fact_lines(from_exports.provenance, "fr")}
    assert (
        french["kpi_green_ratio"]
        .sentence("fr")
        .startswith(f"kpi_green_ratio = 0,97{NB}: 29 indicateurs-mois")
    )
    named = {
        line.fact: line
        for line in fact_lines(from_exports.provenance, "fr", vm.load_questionnaire("relationship"))
    }
    assert (
        named["Part des indicateurs (KPI/SLA) à l'objectif"]
        .sentence("fr")
        .startswith(f"Part des indicateurs (KPI/SLA) à l'objectif = 97{NB}%{NB}: 29 indicateurs-mois")
    )
    missing = vm.FactProvenance(
        missing="no file of source 'steering' was given",
        mapping="spreadsheets",
        source="steering",
        start=D(2025, 10, 1),
        end=D(2026, 9, 30),
        formula="streaks(key = topic)",
    )
    (line,) = fact_lines({"repeated_steering_topics": missing}, "fr")
    assert (
        f"repeated_steering_topics{NB}: non calculé (no file of source 'steering' was given)"
        == line.sentence("fr")
    )


def test_the_terminal_report_and_explain_show_provenance(
    from_exports: vm.AssessmentResult, relationship: vm.Questionnaire
) -> None:
    """The report lists each fact's provenance at its end; explain adds formula, rows and mapping."""
    shown = plain(report(from_exports, "en", relationship))
    assert (
        "\nFacts from operational exports\n• Share of KPIs/SLAs at target = 97%: 29 indicator-months at "
        "target of 30" in shown
    )
    explained = plain(explanation(from_exports, relationship, "en"))
    assert "  formula: per_month(where = escalated, window = period)\n" in explained
    assert (
        "  rows: escalated: escalation in [High, Overdue]; excluding cancelled: state in [Canceled,"
        in explained
    )
    assert "  mapping: servicenow\n" in explained


def test_reports_without_provenance_are_unchanged(relationship: vm.Questionnaire) -> None:
    """A relationship whose facts were typed by hand shows no provenance block."""
    current, history = vm.load_history(ROOT / "examples" / "acme-hosting", relationship)
    result = vm.assess(relationship, current, history=history)
    assert "operational exports" not in plain(report(result, "en", relationship))
    assert "operational exports" not in render_markdown(result, questionnaire=relationship)
    assert 'id="facts"' not in render_html(result, questionnaire=relationship)


def test_markdown_and_html_show_provenance(
    from_exports: vm.AssessmentResult, relationship: vm.Questionnaire
) -> None:
    """A table of facts, values and how each was computed, in Markdown and HTML, French or English."""
    markdown = render_markdown(from_exports, lang="fr", questionnaire=relationship)
    assert (
        "\n## Faits tirés des exports opérationnels\n\n| Fait | Valeur | Comment il a été calculé |\n"
        in markdown
    )
    assert (
        f"| Part des indicateurs (KPI/SLA) à l'objectif | 97{NB}% | 29 indicateurs-mois à l'objectif sur "
        "30 indicateurs-mois, juil.–sept. 2026" in (markdown)
    )
    html = render_html(from_exports, lang="en", questionnaire=relationship)
    assert '<section id="facts" class="block">' in html
    assert "<td>Executive escalations per month</td>" in html
    assert (
        'from incident.csv<br><span class="muted">formula: <code>per_month(where = escalated, '
        "window = period)</code>" in (html)
    )


def test_a_missing_fact_in_the_reports(
    from_exports: vm.AssessmentResult, relationship: vm.Questionnaire
) -> None:
    """A fact that could not be computed is shown as such, with why."""
    record = vm.FactProvenance(
        missing="no row of source 'steering' is dated in 2025-10-01..2026-09-30",
        mapping="spreadsheets",
        source="steering",
        start=D(2025, 10, 1),
        end=D(2026, 9, 30),
        formula="streaks(key = topic, min_run = 3, window = 12 months)",
    )
    result = from_exports.model_copy(update={"provenance": {"repeated_steering_topics": record}})
    assert (
        "? Topics on the agenda of three or more consecutive steering committees: not computed (no row of "
        "source 'steering' is dated in" in " ".join(plain(report(result, "en", relationship)).split())
    )
    assert (
        "| repeated\\_steering\\_topics | – | not computed: no row of source 'steering'"
        in render_markdown(result)
    )
    assert '<span class="holds-unknown">not computed</span>: no row of source' in render_html(result)


def test_the_followup_block(from_exports: vm.AssessmentResult) -> None:
    """One entry per planned action; statuses given are filled in, with their notes."""
    status = vm.FollowUp(
        action=from_exports.plan.actions[0].id, status=vm.ActionStatus.DONE, note="closed in May"
    )
    block = followup_block(from_exports, statuses=[status], tracker=["actions.csv"])
    assert "# Statuses filled from the action tracker: actions.csv.\n" in block
    assert f'action = "{status.action}"\nstatus = "done"\nnote = "closed in May"\n' in block
    assert block.count("\n[[followup]]\n") == len(from_exports.plan.actions)
    empty = from_exports.model_copy(update={"plan": from_exports.plan.model_copy(update={"actions": []})})
    assert followup_block(empty, lang="fr").endswith("# Le plan ne compte aucune action à suivre.\n")


def test_records_written_by_hand() -> None:
    """A record of a yes/no or a choice fact, with no file named, still reads as a sentence."""
    common = {
        "mapping": "mine",
        "source": "s",
        "start": D(2026, 7, 1),
        "end": D(2026, 9, 30),
        "formula": "count()",
    }
    records = {
        "exit_plan_active": vm.FactProvenance(value=True, words={"en": "the exit plan is signed"}, **common),
        "segment": vm.FactProvenance(value="leverage", **common),
    }
    assert [
        "exit_plan_active = yes: the exit plan is signed, Jul–Sep 2026",
        "segment = leverage: count(), Jul–Sep 2026",
    ] == [line.sentence("en") for line in fact_lines(records, "en")]
