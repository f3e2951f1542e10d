"""What every human-readable report says beyond the verdict: the data it rests on and what is
missing, the evidence in plain words, and a plan that reads without a manual.

Run through the command line, as a user types it, in every format and both languages.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import vendormaturity as vm
from vendormaturity import cli
from vendormaturity.model.result import Evidence, FollowUpItem, Notice
from vendormaturity.render import _view
from vendormaturity.render._plain import Plain
from vendormaturity.render.markdown import render_markdown
from vendormaturity.render.terminal import report

DATA = Path(__file__).parent / "data" / "cli"
SPARSE = str(DATA / "sparse.toml")
SINGLE = str(DATA / "single.toml")
ROOT = Path(__file__).parent.parent
GARONNE = str(ROOT / "examples" / "garonne-engineering")
ACME = str(ROOT / "examples" / "acme-hosting")
PULSE = vm.load_questionnaire("pulse")
RELATIONSHIP = vm.load_questionnaire("relationship")
NNBSP = "\u202f"


def run(*args: str, width: int = 100) -> Result:
    """The command as a user runs it: 100 columns, no colour, English unless asked."""
    env: dict[str, str | None] = {"COLUMNS": str(width), "NO_COLOR": "1", "VENDORMATURITY_LANG": None}
    return CliRunner().invoke(cli.app, list(args), env=env)


def flat(text: str) -> str:
    """*text* with every run of white space but French no-break spaces made one space (output wraps)."""
    return re.sub(r"[^\S\u202f]+", " ", text).strip()


def html_text(html: str) -> str:
    """The visible text of an HTML report, one space between words."""
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>|<style>.*?</style>", " ", html, flags=re.S))
    return flat(unescape(visible))


# --------------------------------------------------------------------------- data used and missing

SPARSE_HEADLINE = (
    "⚠ Too little data for a verdict: the answers cover 7% of a full assessment's data (at least 20% "
    "is needed). Read the phase below with caution."
)
SPARSE_HEADLINE_FR = (
    f"⚠ Données insuffisantes pour conclure{NNBSP}: les réponses couvrent 7{NNBSP}% des données d'une "
    f"évaluation complète (il en faut au moins 20{NNBSP}%). La phase ci-dessous est à lire avec prudence."
)


def test_the_terminal_report_says_too_little_data_before_the_phase() -> None:
    """An assessment below the minimum data share says so first, and exits 3 unless allowed."""
    done = run("assess", SPARSE)
    assert 3 == done.exit_code
    text = flat(done.stdout)
    assert text.index(SPARSE_HEADLINE + " See “Data used and data missing”.") < text.index("Phase: Forming")
    assert 0 == run("assess", SPARSE, "--allow-insufficient").exit_code


def test_the_terminal_report_lists_the_data_used_and_missing() -> None:
    """Respondents, confidence factors, answered shares, facts by label, rules not evaluated, notices."""
    done = run("assess", SPARSE, "--allow-insufficient")
    section = done.stdout.split("\nData used and data missing\n", 1)[1]
    lines = [line.rstrip() for line in section.splitlines()]
    assert "Respondents: 1 client-side, 1 supplier-side" == lines[2]
    assert (
        "Confidence 1% = probability of the placed phase (Forming) 20% × share of the phase rules' weight "
        "that could be evaluated 38% × share of a full assessment's data present 7%."
    ) == flat(" ".join(lines[3:5]))
    assert (
        "Service delivered and perceived quality                      67% · 1                        50% · 1"
    ) in lines
    assert (
        "Communication and conflict handling          0% · 0 – no respondents        0% · 0 – no respondents"
    ) in lines
    text = flat(section)
    assert text.startswith(
        SPARSE_HEADLINE.removesuffix(" Read the phase below with caution.") + " Respondents:"
    )
    assert "Facts given: Share of contract KPIs green this quarter; Supplier segment (Kraljic) Facts" in text
    assert (
        "Facts not given: Age of the relationship; Months left until contract end or exit; Exit and "
        "knowledge-transfer plan active; Executive escalations per month (quarter average); Share of "
        "due actions actually closed"
    ) in text
    assert (
        "? Pattern: Escalation culture missing: Executive escalations per month (quarter average), "
        "Average of both sides on Communication and conflict handling"
    ) in text
    assert (
        "? Phase rule: At least 80% of due actions are closed. missing: Share of due actions actually closed"
    ) in text
    assert text.endswith("Notices ! Respondent “client-2” answered no question and is not counted.")


def test_the_french_terminal_report_says_it_in_french() -> None:
    """--lang fr: the headline, the section and its parts in French."""
    text = flat(run("assess", SPARSE, "--allow-insufficient", "--lang", "fr").stdout)
    assert text.index(SPARSE_HEADLINE_FR) < text.index("Phase : Formation".replace(" :", f"{NNBSP}:"))
    assert "Données utilisées et données manquantes" in text
    assert f"Faits renseignés{NNBSP}: Part des indicateurs contractuels au vert ce trimestre" in text
    assert (
        f"! Le répondant «{NNBSP}client-2{NNBSP}» n'a répondu à aucune question{NNBSP}: il n'est pas compté."
        in text
    )
    assert f"Confiance 1{NNBSP}% = probabilité de la phase retenue (Formation) 20{NNBSP}%" in text


def test_explain_shows_the_same_section() -> None:
    """explain says too little data before the phase and ends with the data used and missing."""
    text = flat(run("explain", SPARSE).stdout)
    assert text.index(SPARSE_HEADLINE) < text.index("Why this phase")
    data = text.split("Data used and data missing", 1)[1]
    assert "Respondents: 1 client-side, 1 supplier-side" in data
    assert "! Respondent “client-2” answered no question and is not counted." in data
    assert "facts.kpi_green_ratio >= 0.9" in text  # explain keeps the rules' own syntax


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_markdown_report_has_the_section(lang: str, tmp_path: Path) -> None:
    """The headline before the phase, then the section with its tables, in either language."""
    out = tmp_path / "sparse.md"
    assert (
        0
        == run(
            "assess", SPARSE, "--allow-insufficient", "-f", "markdown", "--lang", lang, "-o", str(out)
        ).exit_code
    )
    markdown = out.read_text(encoding="utf-8")
    if lang == "en":
        headline = f"> **{SPARSE_HEADLINE}** See “Data used and data missing”."
        heading, phase = "## Data used and data missing", "## Phase of the relationship"
        expected = [
            "- **Respondents**: 1 client-side, 1 supplier-side",
            "| Service delivered and perceived quality | 67% · 1 | 50% · 1 |",
            "| Communication and conflict handling | **0% · 0 – no respondents** "
            "| **0% · 0 – no respondents** |",
            "| Pattern: Escalation culture | Executive escalations per month (quarter average), "
            "Average of both sides on Communication and conflict handling |",
            "- Respondent “client-2” answered no question and is not counted.",
        ]
    else:
        headline = f"> **{SPARSE_HEADLINE_FR}** Voir «{NNBSP}Données utilisées et données manquantes{NNBSP}»."
        heading, phase = "## Données utilisées et données manquantes", "## Phase de la relation"
        expected = [
            f"- **Répondants**{NNBSP}: 1 côté client, 1 côté fournisseur",
            f"| Service rendu et qualité perçue | 67{NNBSP}% · 1 | 50{NNBSP}% · 1 |",
            f"| Constat{NNBSP}: Culture de l'escalade | Escalades vers les directions par mois (moyenne du "
            "trimestre), Moyenne des deux parties sur Communication et gestion des désaccords |",
            f"- Le répondant «{NNBSP}client-2{NNBSP}» n'a répondu à aucune question{NNBSP}: "
            "il n'est pas compté.",
        ]
    assert markdown.index(headline) < markdown.index(phase) < markdown.index(heading)
    section = markdown.split(heading, 1)[1]
    assert [] == [line for line in expected if line not in section]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_html_report_has_the_section(lang: str, tmp_path: Path) -> None:
    """An alert before the summary cards, and the section before the comments."""
    out = tmp_path / "sparse.html"
    assert (
        0
        == run(
            "assess", SPARSE, "--allow-insufficient", "-f", "html", "--lang", lang, "-o", str(out)
        ).exit_code
    )
    html = out.read_text(encoding="utf-8")
    assert html.index('<p class="alert" role="alert">') < html.index('<section class="cards"')
    text = html_text(html)
    headline = SPARSE_HEADLINE if lang == "en" else SPARSE_HEADLINE_FR
    assert flat(headline) in text
    assert '<section id="data" class="block">' in html
    if lang == "en":
        assert "Facts given Share of contract KPIs green this quarter; Supplier segment (Kraljic)" in text
        assert "Service delivered and perceived quality 67% · 1 50% · 1" in text
        assert "Respondent “client-2” answered no question and is not counted." in text
    else:
        assert "Faits non renseignés Ancienneté de la relation" in text
        assert (
            f"Le répondant «{NNBSP}client-2{NNBSP}» n'a répondu à aucune question{NNBSP}: "
            "il n'est pas compté." in text
        )


def test_enough_data_gives_no_headline_and_says_every_rule_was_evaluated() -> None:
    """A full assessment has no warning, and says no rule lacked data; the one fact it lacks is the
    decided outcome of the contract's end, which the examples leave open."""
    result = vm.assess(RELATIONSHIP, *vm.load_history(ACME)[:1])
    markdown = render_markdown(result, questionnaire=RELATIONSHIP)
    assert ("Too little data" in markdown, "Every rule could be evaluated." in markdown) == (False, True)
    assert "- **Facts not given**: Decided outcome at the end of the contract\n" in markdown


def test_a_result_saved_before_data_was_recorded_still_shows_coverage() -> None:
    """A result without ``data`` shows the answered shares, and neither facts nor confidence factors."""
    result = vm.assess(PULSE, vm.load_responses(SINGLE)).model_copy(update={"data": None})
    markdown = render_markdown(result)
    section = markdown.split("## Data used and data missing", 1)[1]
    assert ("Facts given" in section, "How confidence is computed" in section) == (False, False)
    assert "| Service delivered and perceived quality | 100% · 1 | 100% · 1 |" in section
    assert "*Share of what each side was asked that was answered, and how many people answered.*" in section


def test_a_notice_of_an_unknown_kind_is_shown_as_written() -> None:
    """A notice the reports have no words for keeps the engine's message and its place."""
    result = vm.assess(PULSE, vm.load_responses(SPARSE))
    other = Notice(kind="other", path="facts.x", message="kept, not used")
    view = _view.data_view(result.model_copy(update={"notices": [other]}), None, "en")
    assert ["facts.x: kept, not used"] == view.notices
    assert view.headline is not None
    assert "(at least" not in view.headline  # no questionnaire, no minimum


def test_no_answers_at_all_says_the_phase_is_not_a_finding(tmp_path: Path) -> None:
    """Nobody answered: the headline says the phase below is not a finding."""
    empty = tmp_path / "2025-06-30.toml"
    source = (DATA / "sparse.toml").read_text(encoding="utf-8")
    empty.write_text(re.sub(r"answers = \{[^}]*\}\n", "", source), encoding="utf-8")
    done = run("assess", str(empty), "--allow-insufficient")
    assert (
        "⚠ Too little data for a verdict: no question was answered. The phase below is not a finding."
        in flat(done.stdout)
    )


# --------------------------------------------------------------------------- plans without a manual


def test_every_plan_shows_action_ids_and_a_dropped_marker(tmp_path: Path) -> None:
    """The penalty reinvestment the client dropped comes back marked, with its id, in every format."""
    terminal = flat(run("assess", GARONNE, width=200).stdout)
    assert "Reinvest penalties [penalty_reinvestment] (carried over) (dropped before)" in terminal
    markdown = run("assess", GARONNE, "-f", "markdown", "--lang", "fr").stdout
    assert (
        "**Réinvestir les pénalités** `penalty_reinvestment` *(reconduite)* *(abandonnée précédemment)*"
    ) in markdown
    out = tmp_path / "garonne.html"
    run("assess", GARONNE, "-f", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert (
        '<strong>Reinvest penalties</strong> <code class="action-id">penalty_reinvestment</code> '
        '<span class="tag">carried over</span> <span class="tag tag-dropped">dropped before</span>'
    ) in html
    assert 'Reinvest penalties <code class="action-id">penalty_reinvestment</code></td>' in html


def test_the_follow_up_gives_its_denominators() -> None:
    """ "2 of 3 due actions closed (67%)", and what was not counted and why."""
    english = flat(run("assess", GARONNE).stdout)
    assert (
        "2 of 3 due actions closed (67%); not counted: 1 in progress on a longer horizon, 8 not reported"
        in english
    )
    french = flat(run("assess", GARONNE, "--lang", "fr").stdout)
    assert (
        f"2 actions échues sur 3 soldées (67{NNBSP}%){NNBSP}; non comptées{NNBSP}: 1 en cours à un horizon "
        "plus lointain, 8 non renseignées"
    ) in french


def test_the_follow_up_counts_a_dropped_action_and_a_single_one() -> None:
    """One due action reads in the singular; a dropped one is named as not counted."""
    result = vm.assess(PULSE, vm.load_responses(SINGLE))
    items = [
        FollowUpItem(action="a", title={"en": "A"}, status=vm.ActionStatus.DONE, due=True),
        FollowUpItem(action="b", title={"en": "B"}, status=vm.ActionStatus.DROPPED, due=False),
    ]
    plan = result.plan.model_copy(update={"followup": items, "closed_ratio": 1.0})
    shown = _view.closed_text(result.model_copy(update={"plan": plan}), "fr")
    assert f"1 action échue sur 1 soldée (100{NNBSP}%){NNBSP}; non comptées{NNBSP}: 1 abandonnée" == shown
    old = plan.model_copy(update={"followup": [item.model_copy(update={"due": None}) for item in items]})
    assert "Share of actions closed: 100%" == _view.closed_text(result.model_copy(update={"plan": old}), "en")


def test_the_plan_explains_its_priority_column() -> None:
    """The terminal plan says what a priority means and how to report progress next time."""
    text = flat(run("assess", ACME).stdout)
    assert (
        "Priority: 1 = do first (answers a high or critical finding); 2 = answers another finding, or a "
        "dimension half a point or more below the weak threshold; 3 = other weak dimensions and the move "
        "towards the target phase. Within each horizon, actions are listed by priority, then owner."
    ) in text
    assert 'followup = [{ action = "xla_pilot", status = "done" }]' in text


def test_a_raised_severity_says_why_in_every_format(tmp_path: Path) -> None:
    """Ferrand's divided client is high because both escalation conditions held."""
    folder = str(ROOT / "examples" / "ferrand-erp")
    expected = (
        "Severity raised to high because: Largest spread of client answers on a dimension: 1.40 "
        "(at least 1); Client average on Client internal alignment: 1.96/5 (at most 2.5/5)"
    )
    results = [flat(run("assess", folder).stdout), flat(run("assess", folder, "-f", "markdown").stdout)]
    results[1] = results[1].replace("**▲** ", "")
    out = tmp_path / "ferrand.html"
    run("assess", folder, "-f", "html", "-o", str(out))
    results.append(html_text(out.read_text(encoding="utf-8")))
    assert [True, True, True] == [expected in shown for shown in results]


# --------------------------------------------------------------------------- evidence in plain words


@pytest.fixture(scope="module")
def acme() -> vm.AssessmentResult:
    current, history = vm.load_history(ACME)
    return vm.assess(RELATIONSHIP, current, history=history)


def said(
    result: vm.AssessmentResult,
    condition: str,
    value: object,
    threshold: object,
    *,
    lang: str = "en",
    dimension: str | None = None,
) -> tuple[str, str, bool]:
    """What *condition* having seen *value* against *threshold* says in words."""
    extra = {"dimension": dimension}
    evidence = Evidence.model_validate(
        {"condition": condition, "value": value, "threshold": threshold, "holds": True, **extra}
    )
    observation = Plain(result, RELATIONSHIP, lang).observation(evidence)
    return observation.seen, observation.condition, observation.readable


@pytest.mark.parametrize(
    ("condition", "value", "threshold", "dimension", "expected"),
    [
        (
            "facts.kpi_green_ratio >= 0.9",
            0.96,
            0.9,
            None,
            ("Share of KPIs/SLAs at target: 96%", "at least 90%"),
        ),
        (
            "client.service_quality <= 3.0",
            2.64,
            3.0,
            None,
            ("Client average on Service performance vs perceived quality: 2.64/5", "at most 3/5"),
        ),
        (
            "facts.age_months > 15",
            41.0,
            15.0,
            None,
            ("Age of the relationship (months): 41 months", "more than 15"),
        ),
        (
            "facts.key_staff_turnover >= 0.3",
            0.35,
            0.3,
            None,
            ("Annual turnover of the supplier's key staff: 35% per year", "at least 30% per year"),
        ),
        (
            "facts.segment in ['strategic', 'bottleneck']",
            "leverage",
            "[bottleneck, strategic]",
            None,
            ("Segment (Kraljic): Leverage", "one of: Strategic, Bottleneck"),
        ),
        (
            "facts.segment not in ['strategic']",
            "leverage",
            "[strategic]",
            None,
            ("Segment (Kraljic): Leverage", "none of: Strategic"),
        ),
        (
            "facts.key_person_dependency",
            True,
            None,
            None,
            ("The service depends on a key person with no backup: yes", ""),
        ),
        (
            "abs(dim.gap) >= 1.0",
            1.59,
            1.0,
            "service_quality",
            (
                "Gap supplier − client on Service performance vs perceived quality, either way: 1.59",
                "at least 1",
            ),
        ),
        (
            "dim.client_respondents >= 2",
            1.0,
            2.0,
            "trust",
            ("Client respondents on Trust and transparency: 1", "at least 2"),
        ),
        (
            "dim.delta_client <= -0.5",
            -0.6,
            -0.5,
            "trust",
            (
                "Change of the client average on Trust and transparency since the previous assessment: −0.60",
                "at most −0.50",
            ),
        ),
        (
            "coalesce(followup.closed_ratio, 1.0) < 0.5",
            0.33,
            0.5,
            None,
            (
                "Share of the previous plan's due actions closed (counted as 100% if unknown): 33%",
                "less than 50%",
            ),
        ),
        (
            "between(summary.client_mean, 2.75, 3.5)",
            True,
            None,
            None,
            ("Client average over all dimensions: 3.10/5", "between 2.75/5 and 3.5/5"),
        ),
        (
            "ramp(overall.trust, 2.0, 4.0)",
            0.56,
            None,
            None,
            ("Average of both sides on Trust and transparency: 3.13/5", "graded from 2/5 to 4/5"),
        ),
        ("known(facts.age_months)", True, None, None, ("Age of the relationship (months)", "known")),
        (
            "abs(phase.storming - phase.norming) < 0.1",
            0.04,
            0.1,
            None,
            ("Probability of Storming minus probability of Norming, either way: 4%", "less than 10%"),
        ),
        (
            "phase.current != 'storming'",
            "norming",
            "storming",
            None,
            ("Phase placed: Norming", "other than Storming"),
        ),
        (
            "client.trust < supplier.trust",
            3.08,
            3.19,
            None,
            (
                "Client average on Trust and transparency: 3.08/5",
                "less than Supplier average on Trust and transparency: 3.19/5",
            ),
        ),
        ("history.count == 1", 1.0, 1.0, None, ("Earlier assessments: 1", "1")),
        ("history.count > -1", 1.0, -1.0, None, ("Earlier assessments: 1", "more than -1")),
        ("known(history.count)", True, None, None, ("Earlier assessments", "known")),
        (
            "between(gap.trust, -1, 1)",
            True,
            None,
            None,
            ("Gap supplier − client on Trust and transparency: +0.11", "between −1.00 and +1.00"),
        ),
        (
            "facts.exit_plan_active == false",
            False,
            False,
            None,
            ("An exit, reversibility or renewal plan is active: no", "no"),
        ),
        (
            "phase.norming >= 0.5",
            0.92,
            0.5,
            None,
            ("Probability of Norming: 92%", "at least 50%"),
        ),
    ],
)
def test_evidence_reads_in_words(  # noqa: PLR0917 - one argument per column of the table above
    acme: vm.AssessmentResult,
    condition: str,
    value: object,
    threshold: object,
    dimension: str | None,
    expected: tuple[str, str],
) -> None:
    """Each kind of name and comparison is read from the questionnaire's labels, units and choices."""
    assert (*expected, True) == said(acme, condition, value, threshold, dimension=dimension)


@pytest.mark.parametrize(
    "condition",
    [
        "max(overall.trust, 1.0) > 2",
        "facts.age_months * 2 > 3",
        "not valid ((",
        "facts.age_months > max(1, 2)",
        "between(facts.age_months, 1)",
        "between(max(1, 2), 1, 2)",
        "between(facts.age_months, facts.months_to_exit, 2)",
        "abs(max(1, 2)) > 1",
        "coalesce(max(1, 2), 0) > 1",
        "coalesce(facts.age_months, facts.months_to_exit) > 1",
        "client.trust - facts.age_months > 1",
        "facts.segment in [facts.segment]",
        "unknown.name > 1",
        "summary.unknown > 1",
        "dim.unknown > 1",
        "facts.age_months is 3",
    ],
)
def test_what_cannot_be_put_in_words_is_shown_as_written(acme: vm.AssessmentResult, condition: str) -> None:
    """Arithmetic, other functions and unreadable text stay the rule's own words."""
    assert (condition, "", False) == said(acme, condition, 1.0, 1.0)


def test_evidence_in_french(acme: vm.AssessmentResult) -> None:
    """French labels, decimal commas, French spacing."""
    assert (
        f"Moyenne du client sur Performance du service et qualité perçue{NNBSP}: 2,64/5",
        "au plus 3/5",
        True,
    ) == said(acme, "client.service_quality <= 3.0", 2.64, 3.0, lang="fr")


def test_missing_names_read_in_words(acme: vm.AssessmentResult) -> None:
    """What a rule missed: a fact's label, a score of a named dimension, or the name as written."""
    plain = Plain(acme, RELATIONSHIP, "en")
    assert [
        "Age of the relationship (months)",
        "Gap supplier − client on Trust and transparency",
        "Client average on Trust and transparency",
        "answers.q1",
        "not a name (",
    ] == [
        plain.missing(name)
        for name in ("facts.age_months", "dim.gap (trust)", "client.trust", "answers.q1", "not a name (")
    ]


def test_without_the_questionnaire_evidence_uses_ids(acme: vm.AssessmentResult) -> None:
    """No questionnaire at hand: a fact is named by its id, its value shown as is."""
    plain = Plain(acme, None, "en")
    evidence = Evidence(condition="facts.age_months >= 18", value=51.0, threshold=18.0, holds=True)
    observation = plain.observation(evidence)
    assert ("age_months: 51", "at least 18") == (observation.seen, observation.condition)


def test_the_terminal_report_reads_evidence_aloud(acme: vm.AssessmentResult) -> None:
    """The report shows words and no rule syntax; the explanation keeps the syntax."""
    from rich.console import Console

    console = Console(width=100, color_system=None, record=True)
    console.print(report(acme, "en", RELATIONSHIP))
    text = console.export_text()
    assert "✓ Share of KPIs/SLAs at target: 96%  (condition: at least 90%)" in text
    assert "facts.kpi_green_ratio" not in text


def test_the_readme_tour_shows_the_report_as_it_is() -> None:
    """The README's terminal report of the example is what the command prints today."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n$ vendormaturity assess examples/acme-hosting\n", 1)[1].split("```", 1)[0]
    assert run("assess", ACME).stdout == shown


def test_the_documented_follow_up_syntax_reads(tmp_path: Path) -> None:
    """Both forms of follow-up in docs/scoring.md load into a response file and are reported."""
    section = (
        (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8").split("## 5.", 1)[1].split("\n## ", 1)[0]
    )
    inline, tables = re.findall(r"```toml\n(.*?)```", section, flags=re.DOTALL)
    newest = (ROOT / "examples" / "acme-hosting" / "2026-09-15.toml").read_text(encoding="utf-8")
    without = re.sub(r"\nfollowup = \[.*?\n\]\n", "\n", newest, flags=re.DOTALL)
    statuses = []
    for block in (inline, tables):
        path = tmp_path / "2026-09-15.toml"
        path.write_text(
            without.replace("\n[facts]", "\n" + block + "\n[facts]", 1)
            if block.startswith("followup")
            else without + "\n" + block,
            encoding="utf-8",
        )
        result = vm.assess(RELATIONSHIP, vm.load_responses(path))
        statuses.append({item.action: str(item.status) for item in result.plan.followup})
    assert {
        "xla_pilot": "not_started",
        "joint_quality_review": "done",
        "user_voice_panel": "in_progress",
        "penalty_reinvestment": "dropped",
    } == statuses[0]
    assert {"xla_pilot": "not_started", "joint_quality_review": "done"} == statuses[1]


# --------------------------------------------------------------------------- comments under findings

FERRAND = str(ROOT / "examples" / "ferrand-erp")
ACME_QUOTE = "The SLA dashboard is green but the MES slows down every morning at shift change"


def test_a_finding_quotes_the_comments_that_support_it_in_every_format() -> None:
    """Terminal, explain, Markdown and HTML show the supporting sentence under the finding."""
    terminal = flat(run("assess", ACME).stdout)
    watermelon = terminal.split("Watermelon effect", 1)[1].split("Stuck in norming", 1)[0]
    assert f"❝ “{ACME_QUOTE}” — Client" in watermelon
    assert f"❝ “{ACME_QUOTE}” — Client" in flat(run("explain", ACME).stdout)
    markdown = run("assess", ACME, "--format", "markdown", "--lang", "fr").stdout
    assert f"> «{NNBSP}{ACME_QUOTE}{NNBSP}» — *Client*" in markdown
    html = run("assess", ACME, "--format", "html").stdout
    assert f'<blockquote class="quote"><p>“{ACME_QUOTE}”</p><footer>Client</footer></blockquote>' in html


def test_the_comments_section_names_the_triggers_read() -> None:
    """Beside each comment, the triggers it reveals, by their labels, in the report's language."""
    html = html_text(run("assess", FERRAND, "--format", "html", "--lang", "fr").stdout)
    assert f"Déclencheurs{NNBSP}: Tensions internes chez le client" in html
    markdown = run("assess", FERRAND, "--format", "markdown").stdout
    assert "both sign change requests.” — *Triggers: Tensions inside the client*" in markdown


def test_comment_counts_read_as_words() -> None:
    """A rule's count of comments reads as the respondents who wrote of the trigger."""
    assert "✗ Respondents who wrote of “Tensions inside the client”: 1 (condition: at least 2)" in flat(
        run("assess", FERRAND).stdout
    )
    assert f"Répondants qui évoquent «{NNBSP}Tensions internes chez le client{NNBSP}»{NNBSP}: 1" in flat(
        run("assess", FERRAND, "--lang", "fr").stdout
    )


def test_many_supporting_comments_are_counted_and_long_ones_shortened() -> None:
    """Three quotes at most, the others counted; a long sentence is cut at a word, with an ellipsis."""
    long = (
        "Les KPI sont au vert mais les utilisateurs se plaignent tous les jours des lenteurs du portail, "
        "des écrans qui se figent à chaque validation et des exports qui échouent une fois sur deux."
    )
    responses = vm.load_responses(ROOT / "examples" / "acme-hosting" / "2026-09-15.toml")
    clients = [r for r in responses.respondents if r.side is vm.Side.CLIENT]
    written = responses.model_copy(
        update={
            "respondents": [
                r.model_copy(update={"comment": long}) if r in clients else r for r in responses.respondents
            ]
        }
    )
    result = vm.assess(RELATIONSHIP, written)
    (finding,) = [f for f in result.findings if f.pattern == "watermelon"]
    shown, more = _view.quotes(finding, result, "en")
    assert 3 == len(shown)
    assert f"and {len(finding.quotes) - 3} more comments" == more
    assert shown[0].text.endswith("…")
    assert len(shown[0].text) <= _view.QUOTE_LENGTH
    assert long.startswith(shown[0].text[:-1])
