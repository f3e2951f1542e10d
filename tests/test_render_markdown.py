"""The Markdown report, the JSON renderer and the fixed bilingual texts they share."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.i18n import tr
from vendormaturity.model.result import Evidence
from vendormaturity.render import _view
from vendormaturity.render.json import render_json
from vendormaturity.render.markdown import escape, render_markdown
from vendormaturity.render.texts import label, name, number, percent, phase_description, signed

DATA = Path(__file__).parent / "data" / "cli"
PULSE = vm.load_questionnaire("pulse")


@pytest.fixture(scope="module")
def northwind() -> tuple[vm.AssessmentResult, vm.ResponseSet]:
    current, history = vm.load_history(DATA / "northwind")
    return vm.assess(PULSE, current, history=history), current


@pytest.fixture(scope="module")
def single() -> vm.AssessmentResult:
    return vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))


def markdown_of(pair: tuple[vm.AssessmentResult, vm.ResponseSet], lang: str = "en") -> str:
    result, responses = pair
    return render_markdown(result, lang=lang, questionnaire=PULSE, responses=responses)


def rows_after(markdown: str, heading: str) -> list[list[str]]:
    """The cells of the first pipe table after *heading*, without its header and rule."""
    lines = markdown.split(f"\n{heading}\n", 1)[1].splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("| "))
    table = []
    for line in lines[start + 2 :]:
        if not line.startswith("| "):
            break
        table.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return table


def test_sections_come_in_reading_order(northwind: tuple[vm.AssessmentResult, vm.ResponseSet]) -> None:
    """Title, phase, dimensions, findings, plan by horizon, follow-up, history, comments."""
    result, _ = northwind
    headings = [line for line in markdown_of(northwind).splitlines() if line.startswith("#")]
    findings = [
        f"### {index}. {f.title['en']} – {name('severity', f.severity, 'en')}"
        for index, f in enumerate(result.findings, start=1)
    ]
    horizons = [f"### {name('horizon', h, 'en')}" for h, _ in _view.plan_by_horizon(result.plan.actions)]
    expected = [
        "# Relationship assessment – northwind-logistics",
        "## Phase of the relationship",
        "## Dimensions",
        "## Findings",
        *findings,
        "## Improvement plan",
        *horizons,
        "## Follow-up of the previous plan",
        "## History",
        "## Data used and data missing",
        "### How confidence is computed",
        "### Answered share by dimension",
        "### Rules not evaluated for lack of data",
        "## What respondents said",
    ]
    assert expected == headings


def test_probabilities_table_has_every_phase_with_the_current_one_bold(
    northwind: tuple[vm.AssessmentResult, vm.ResponseSet],
) -> None:
    """One row per phase, in phase order; the placed phase is in bold."""
    result, _ = northwind
    expected = []
    for phase, probability in result.phase_scores.items():
        row = [name("phase", phase, "en"), percent(probability, "en")]
        expected.append([f"**{cell}**" for cell in row] if phase is result.phase else row)
    assert expected == rows_after(markdown_of(northwind), "## Phase of the relationship")


def test_dimension_table_marks_gaps_of_a_point_or_more(
    northwind: tuple[vm.AssessmentResult, vm.ResponseSet],
) -> None:
    """The gap cell is bold with ▲ exactly when |supplier − client| ≥ 1."""
    result, _ = northwind
    rows = rows_after(markdown_of(northwind), "## Dimensions")
    expected = [abs(d.gap or 0) >= 1 for d in result.dimensions]
    assert expected == [row[3].endswith("▲**") for row in rows]
    assert [d.label["en"] for d in result.dimensions] == [row[0] for row in rows]
    assert "Steady" in {row[6] for row in rows}  # band labels come from the questionnaire


def test_findings_list_each_observation_in_words(
    northwind: tuple[vm.AssessmentResult, vm.ResponseSet],
) -> None:
    """Every evidence item of a finding is a row saying what was seen and against what, in words."""
    markdown = markdown_of(northwind)
    assert [
        ["Share of contract KPIs green this quarter: 95%", "at least 90%", "yes"],
        ["Client average on Service delivered and perceived quality: 2.50/5", "at most 3/5", "yes"],
    ] == rows_after(markdown, "### 2. Watermelon effect – High")
    assert (
        "| Gap supplier − client on Service delivered and perceived quality, either way: 1.75 "
        "| at least 1 | yes |"
    ) in markdown
    assert "facts.kpi_green_ratio" not in markdown  # the rule syntax stays in `explain`


def test_findings_say_why_their_severity_was_raised(
    northwind: tuple[vm.AssessmentResult, vm.ResponseSet],
) -> None:
    """A finding above its pattern's own severity names the escalation that held, in words."""
    markdown = markdown_of(northwind, "fr")
    assert (
        "**▲** Gravité relevée à élevée car\u202f: Écart fournisseur − client sur Service rendu "
        "et qualité perçue, en valeur absolue\u202f: 1,75 (au moins 1,5)\u202f; "
    ) in markdown


def test_plan_tables_are_by_horizon_then_priority(
    northwind: tuple[vm.AssessmentResult, vm.ResponseSet],
) -> None:
    """Within a horizon, priority 1 comes first, then joint actions, the client's, the supplier's;
    each action shows its id, and a note says how to read the priority and report progress."""
    result, _ = northwind
    markdown = markdown_of(northwind)
    order = ["Joint", "Client", "Supplier"]
    for horizon, actions in _view.plan_by_horizon(result.plan.actions):
        rows = rows_after(markdown, f"### {name('horizon', horizon, 'en')}")
        keys = [(int(row[0]), order.index(row[1])) for row in rows]
        assert sorted(keys) == keys
        assert len(actions) == len(rows)
    assert "*(carried over)*" in markdown
    assert "| 1 | Joint | **Mirror review of the pulse results** `mirror_review` – " in markdown
    assert "*Priority: 1 = do first (answers a high or critical finding); 2 = answers another " in markdown
    assert (
        "*To follow the plan up, the next response file gives each action's id and status:* "
        '`followup = [{ action = "mirror_review", status = "done" }]` *(statuses: done, in\\_progress, '
        "not\\_started, dropped).*"
    ) in markdown


def test_follow_up_and_history_tables(northwind: tuple[vm.AssessmentResult, vm.ResponseSet]) -> None:
    """The previous plan's actions with status and note; the trajectory with this assessment last."""
    markdown = markdown_of(northwind)
    followup = rows_after(markdown, "## Follow-up of the previous plan")
    assert [
        [
            "Single action log, reviewed at every committee `action_log_discipline`",
            "In progress",
            "Log created in January; reviewed at one committee out of three.",
        ],
        ["Costed improvement proposals every quarter `improvement_backlog`", "Not started", ""],
    ] == followup
    assert "\n0 of 2 due actions closed (0%).\n" in markdown
    history = rows_after(markdown, "## History")
    assert ["2024-09-30", "2024-12-31", "2025-03-31 (current)"] == [row[0] for row in history]


def test_a_first_assessment_has_no_history_and_says_what_is_empty(single: vm.AssessmentResult) -> None:
    """Without history: no History section, and a sentence where a section is empty."""
    markdown = render_markdown(single)
    assert ("## History" in markdown, "No previous plan to follow up." in markdown) == (False, True)
    assert ("No findings." in markdown) == (not single.findings)


def test_a_result_without_findings_or_actions_says_so(single: vm.AssessmentResult) -> None:
    """Empty findings and an empty plan give a sentence, not an empty table."""
    empty = single.model_copy(update={"findings": [], "plan": single.plan.model_copy(update={"actions": []})})
    markdown = render_markdown(empty, lang="fr")
    assert ("Aucun constat." in markdown, "Aucune action proposée." in markdown) == (True, True)


def test_text_from_response_files_is_escaped() -> None:
    """Names, comments and notes can neither inject HTML nor break a table."""
    responses = vm.load_responses(DATA / "hostile.toml")
    markdown = render_markdown(vm.assess(PULSE, responses), questionnaire=PULSE, responses=responses)
    assert [] == re.findall(r"(?<!\\)<(?:script|img|b|/td)", markdown)
    assert "Evil & Sons \\| \\</td\\>\\</table\\>\\<b\\>bold\\</b\\>" in markdown
    assert "\\*bold\\* \\`code\\`" in markdown


def test_french_report_uses_french_labels_and_numbers(
    northwind: tuple[vm.AssessmentResult, vm.ResponseSet],
) -> None:
    """--lang fr: French headings, decimal commas, French quotes."""
    markdown = markdown_of(northwind, "fr")
    assert markdown.startswith("# Évaluation de la relation – northwind-logistics\n")
    assert ("## Constats" in markdown, "| 2,50 |" in markdown, "« Pickers lose" in markdown) == (
        True,
        True,
        True,
    )


def test_escape_makes_text_literal() -> None:
    """Markdown and HTML specials get a backslash; line breaks become spaces."""
    assert "a \\| b \\<i\\>\\*x\\*\\</i\\> \\`c\\` \\# \\[l\\](u)" == escape("a | b <i>*x*</i>\n`c` # [l](u)")
    assert "Note\u202f: 96\u202f%" == escape(" Note\u202f: 96\u202f%\n")  # French spacing stays


def test_render_json_is_the_model_dump() -> None:
    """The JSON renderer is exactly the documented contract."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    assert result.model_dump_json(indent=2) == render_json(result)


# --------------------------------------------------------------------------- texts


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(3.584, "en", "3.58"), (3.584, "fr", "3,58"), (None, "en", "–")],
)
def test_number_follows_the_language(value: float | None, lang: str, expected: str) -> None:
    """Two decimals, a comma in French, an en dash for no value."""
    assert expected == number(value, lang)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.834, "+1.83"), (-0.5, "−0.50"), (0.001, "0.00"), (None, "–")],
)
def test_signed_shows_the_direction_of_a_gap(value: float | None, expected: str) -> None:
    """A plus or a true minus sign, none for zero."""
    assert expected == signed(value, "en")


def test_percent_follows_french_typography() -> None:
    """French puts a thin no-break space before %."""
    assert ("52%", "52\u202f%", "–") == (percent(0.518, "en"), percent(0.518, "fr"), percent(None, "fr"))


def test_labels_fall_back_to_another_language() -> None:
    """A label missing in the asked language falls back on English, then on French."""
    assert ("Bonjour", "Hello", "Hola", "") == (
        label({"fr": "Bonjour", "en": "Hello"}, "fr"),
        label({"en": "Hello"}, "fr"),
        label({"es": "Hola"}, "fr"),
        label(None, "en"),
    )


def test_names_and_texts_exist_in_both_languages() -> None:
    """Every fixed text and name has French and English, and unknown values show as they are."""
    assert ("Séparation", "Adjourning", "maybe") == (
        name("phase", vm.Phase.ADJOURNING, "fr"),
        name("phase", "adjourning", "de"),
        name("status", "maybe", "en"),
    )
    assert tr("Findings", "de") == tr("Findings", "en") == "Findings"
    assert phase_description(vm.Phase.NORMING, "fr").startswith("Les modes de fonctionnement")


def test_addresses_are_readable() -> None:
    """A plan action's reasons read as findings, weak dimensions and target phases."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    labels = [
        _view.address("dimension:delivery", result, "en"),
        _view.address("phase:performing", result, "fr"),
        _view.address("pattern:unknown", result, "en"),
        _view.address("dimension:unknown", result, "en"),
        _view.address("other", result, "en"),
    ]
    assert [
        "Weak dimension: Service delivered and perceived quality",
        "Aller vers\u202f: Performance",
        "pattern:unknown",
        "dimension:unknown",
        "other",
    ] == labels


def test_band_names_without_a_questionnaire_are_ids() -> None:
    """Without the questionnaire a band shows its id."""
    assert ("steady", "Stable", "–", "mystery") == (
        _view.band_name("steady", None, "en"),
        _view.band_name("steady", PULSE, "fr"),
        _view.band_name(None, PULSE, "en"),
        _view.band_name("mystery", PULSE, "en"),
    )


def test_fact_ranges_say_what_a_fact_accepts() -> None:
    """Bounds and unit when declared, the type alone otherwise, in the reader's language."""
    facts = {fact.id: fact for fact in PULSE.facts}
    bare = facts["kpi_green_ratio"].model_copy(update={"min": None, "max": None, "unit": None})
    assert ["number 0–1", "whole number 0–240 mois", "true | false", "number"] == [
        _view.fact_range(facts["kpi_green_ratio"], "en"),
        _view.fact_range(facts["months_to_exit"], "fr").replace("nombre entier", "whole number"),
        _view.fact_range(facts["exit_plan_active"], "en"),
        _view.fact_range(bare, "en"),
    ]


def test_evidence_says_whether_a_condition_held() -> None:
    """yes and no, graded for a value without verdict, unknown when data was missing."""
    cases = [(True, 1.0, 0.5), (False, 0.2, 0.5), (None, 0.4, None), (None, None, 0.5)]
    shown = [
        _view.holds_text(Evidence(condition="c", value=value, threshold=threshold, holds=holds), "fr")
        for holds, value, threshold in cases
    ]
    assert ["oui", "non", "graduée", "inconnue"] == shown


def test_evidence_values_read_naturally() -> None:
    """Booleans in words, numbers rounded, strings as they are, nothing as a dash."""
    values = [_view.evidence_value(v, "fr") for v in (True, False, 2.91666, 30.0, "norming", None)]
    assert ["oui", "non", "2,92", "30", "norming", "–"] == values


def test_trajectory_ends_with_the_current_assessment() -> None:
    """A result without history is a trajectory of one point."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    assert [
        _view.Point(
            datetime.date(2025, 6, 30),
            result.phase,
            result.summary["client_mean"],
            result.summary["supplier_mean"],
            current=True,
        )
    ] == _view.trajectory(result)
