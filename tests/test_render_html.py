"""The HTML report: one self-contained, script-free file, escaped, printable on A4."""

from __future__ import annotations

import importlib.resources
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

import vendormaturity as vm
from vendormaturity.model.result import Evidence, Finding, FollowUpItem
from vendormaturity.render._plain import Plain
from vendormaturity.render.charts import Axis
from vendormaturity.render.charts import radar_chart as draw_radar
from vendormaturity.render.html import radar_chart, render_html

DATA = Path(__file__).parent / "data" / "cli"
ROOT = Path(__file__).parent.parent
PULSE = vm.load_questionnaire("pulse")


@pytest.fixture(scope="module")
def northwind() -> str:
    current, history = vm.load_history(DATA / "northwind")
    return render_html(vm.assess(PULSE, current, history=history), questionnaire=PULSE, responses=current)


@pytest.fixture(scope="module")
def hostile() -> str:
    responses = vm.load_responses(DATA / "hostile.toml")
    return render_html(vm.assess(PULSE, responses), lang="fr", questionnaire=PULSE, responses=responses)


def test_nothing_is_loaded_from_outside(northwind: str) -> None:
    """No script, stylesheet link, image source, font import; URLs only as SVG namespaces."""
    assert [] == re.findall(r"<script|<link|<iframe|<object|<embed|\ssrc=|@import|url\(", northwind)
    urls = re.findall(r"(\S{0,14})(https?://[^\s\"'<>]+)", northwind)
    assert {
        ('xmlns="', "http://www.w3.org/2000/svg"),
        ('xmlns:xlink="', "http://www.w3.org/1999/xlink"),
    } >= set(urls)
    assert urls  # the SVG charts are inline


def test_a_content_security_policy_forbids_scripts(northwind: str) -> None:
    """Even an escaping mistake could not run a script or fetch anything."""
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
    ) in northwind


def test_the_print_stylesheet_lays_out_a4_pages(northwind: str) -> None:
    """@page is A4; rows, cards and charts are not split, headings stay with what follows,
    and the narrow-screen layout does not apply to paper."""
    assert "@page {\n  size: A4;" in northwind
    assert re.search(r"\n  tr, \.card, \.chart, [^{]*\{ break-inside: avoid;", northwind)
    assert re.search(r"\n  h1, h2, h3, \.lead, [^{]*\{ break-after: avoid;", northwind)
    assert "@media screen and (max-width: 760px)" in northwind


def test_the_radar_has_a_client_and_a_supplier_series(northwind: str) -> None:
    """The dimensions radar draws two series, named in the legend beside it with the weak line
    and the target, each legend entry keyed to its colour."""
    radar = northwind.split('id="chart-radar"', 1)[1].split("</svg>", 1)[0]
    assert ["client", "supplier"] == re.findall(r'class="series (\w+)"', radar)
    legend = northwind.split('<ul class="legend">', 1)[1].split("</ul>", 1)[0]
    entries = re.findall(r'<li><i class="key key-(\w+)"></i>([^<]+)</li>', legend)
    assert [
        ("client", "Client"),
        ("supplier", "Supplier"),
        ("weak", "At risk: below 2.8"),
        ("target", "Target (Thriving): 3.8 or more"),
    ] == entries


def test_a_radar_with_many_dimensions_numbers_its_axes() -> None:
    """Beyond six dimensions the axes are numbered and the table shows each number."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    many = [
        d.model_copy(update={"dimension": f"{d.dimension}_{n}"}) for n in range(2) for d in result.dimensions
    ]
    html = render_html(result.model_copy(update={"dimensions": many}))
    radar = html.split('id="chart-radar"', 1)[1].split("</svg>", 1)[0]
    axes = [" ".join(lines) for _, lines in radar_texts(radar, "axis-label")]
    assert [str(n) for n in range(1, 9)] == axes
    assert '<span class="axis">8</span>' in html


def radar_texts(svg: str, kind: str) -> list[tuple[dict[str, str], list[str]]]:
    """The radar's texts of one class, with their attributes and their lines."""
    found = []
    for attributes, inner in re.findall(rf'<text class="{kind}" ([^>]*)>(.*?)</text>', svg):
        lines = [unescape(line) for line in re.findall(r"<tspan[^>]*>(.*?)</tspan>", inner)] or [
            unescape(inner)
        ]
        found.append((dict(re.findall(r'([\w-]+)="([^"]*)"', attributes)), lines))
    return found


def text_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """Where each text of the radar is drawn: (text, left, top, right, bottom), its width taken
    at 0.6 em a character (wide sans-serif fonts), its height from its lines."""
    boxes = []
    for kind in ("axis-label", "tick", "na"):
        for attributes, lines in radar_texts(svg, kind):
            size = float(attributes.get("font-size", "13"))
            x, y = float(attributes["x"]), float(attributes["y"])
            width = max(len(line) for line in lines) * size * 0.6
            left = {"start": x, "middle": x - width / 2, "end": x - width}[
                attributes.get("text-anchor", "start")
            ]
            boxes.append(
                (
                    " ".join(lines),
                    left,
                    y - size * 0.8,
                    left + width,
                    y + size * (1.2 * (len(lines) - 1) + 0.25),
                )
            )
    return boxes


def radar_of(result: vm.AssessmentResult, lang: str) -> str:
    """The radar as the report draws it, with the short names of the result's questionnaire."""
    return radar_chart(result, lang, vm.load_questionnaire(result.questionnaire))


def with_dimensions(count: int, name: str) -> vm.AssessmentResult:
    """The single assessment with *count* dimensions named ``name 1``, ``name 2``…"""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    base = result.dimensions
    dimensions = [
        base[n % len(base)].model_copy(update={"dimension": f"d{n}", "label": {"en": f"{name} {n + 1}"}})
        for n in range(count)
    ]
    return result.model_copy(update={"dimensions": dimensions})


RADARS = [
    (
        "relationship-en",
        lambda: vm.assess(
            vm.load_questionnaire("relationship"), *vm.load_history(ROOT / "examples" / "acme-hosting")[:1]
        ),
        "en",
        False,
    ),
    (
        "relationship-fr",
        lambda: vm.assess(
            vm.load_questionnaire("relationship"), *vm.load_history(ROOT / "examples" / "acme-hosting")[:1]
        ),
        "fr",
        False,
    ),
    ("pulse-en", lambda: vm.assess(PULSE, vm.load_history(DATA / "northwind")[0]), "en", False),
    ("pulse-fr", lambda: vm.assess(PULSE, vm.load_history(DATA / "northwind")[0]), "fr", False),
    ("two-short", lambda: with_dimensions(2, "Trust"), "en", False),
    ("three-short", lambda: with_dimensions(3, "Trust"), "en", False),
    ("five-long", lambda: with_dimensions(5, "Contract clarity and scope"), "en", False),
    ("six-short", lambda: with_dimensions(6, "Value"), "en", False),
    (
        "six-very-long",
        lambda: with_dimensions(6, "Communication, escalation and conflict handling"),
        "en",
        True,
    ),
    ("twelve", lambda: with_dimensions(12, "Value"), "en", False),
    ("thirteen", lambda: with_dimensions(13, "Value"), "en", True),
]


@pytest.mark.parametrize("case", RADARS, ids=[case[0] for case in RADARS])
def test_radar_labels_neither_collide_nor_leave_the_chart(
    case: tuple[str, Callable[[], vm.AssessmentResult], str, bool],
) -> None:
    """Every label of the radar (axes, scale, legend) is inside the drawing and clear of the others;
    names are written out when they fit, numbers stand in when they would not."""
    _, make, lang, numbered = case
    svg = radar_of(make(), lang)
    width, height = (float(v) for v in re.findall(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)[0])
    boxes = text_boxes(svg)
    assert [] == [
        box[0] for box in boxes if not (box[1] >= 0 and box[2] >= 0 and box[3] <= width and box[4] <= height)
    ]
    collisions = [
        (a[0], b[0])
        for index, a in enumerate(boxes)
        for b in boxes[index + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert [] == collisions
    axes = [" ".join(lines) for _, lines in radar_texts(svg, "axis-label")]
    assert numbered == all(axis.isdigit() for axis in axes)
    assert 'transform="rotate' not in svg  # labels read horizontally


def test_the_history_chart_appears_only_with_history(northwind: str) -> None:
    """A line chart of the means over dates when there is history, nothing otherwise."""
    alone = render_html(vm.assess(PULSE, vm.load_responses(DATA / "single.toml")))
    assert ('id="chart-history"' in northwind, 'id="chart-history"' in alone) == (True, False)
    assert ('id="history"' in northwind, 'id="history"' in alone) == (True, False)
    history = northwind.split('id="chart-history"', 1)[1].split("</svg>", 1)[0]
    dates = re.findall(r">(\d{4}-\d\d-\d\d)<", history)
    assert ["2024-09-30", "2024-12-31", "2025-03-31"] == list(dict.fromkeys(dates))


def test_phase_bars_are_as_wide_as_the_probabilities() -> None:
    """Each phase's bar width is its probability."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    html = render_html(result)
    widths = [float(w) for w in re.findall(r'class="bar-fill" style="width: ([\d.]+)%"', html)]
    assert [round(p * 100, 1) for p in result.phase_scores.values()] == widths


def test_findings_and_plan_are_in_the_report() -> None:
    """Every finding title, evidence observation in words and planned action title and id appears."""
    current, history = vm.load_history(DATA / "northwind")
    result = vm.assess(PULSE, current, history=history)
    html = render_html(result, questionnaire=PULSE)
    plain = Plain(result, PULSE, "en")
    missing = [f.title["en"] for f in result.findings if f.title["en"] not in html]
    missing += [a.title["en"] for a in result.plan.actions if a.title["en"] not in html]
    missing += [f'<code class="action-id">{a.id}</code>' for a in result.plan.actions]
    missing = [item for item in missing if item not in html]
    missing += [
        e.condition
        for f in result.findings
        for e in f.evidence
        if str(escape(plain.observation(e).seen)) not in html or str(escape(e.condition)) in html
    ]
    assert [] == missing
    assert (
        '<td data-label="Observed">Share of contract KPIs green this quarter: 95%</td>\n'
        '          <td data-label="Condition">at least 90%</td>'
    ) in html


def test_text_from_response_files_is_escaped(hostile: str) -> None:
    """Relationship, client and supplier names, comments and notes are shown, never run."""
    assert [] == re.findall(r"<script|<img|<b>bold", hostile)
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in hostile
    assert (
        "&lt;img src=x onerror=&#34;document.body.setAttribute(&#39;data-pwned&#39;,&#39;note&#39;)&#34;&gt;"
        in hostile
    )
    assert "Evil &amp; Sons | &lt;/td&gt;&lt;/table&gt;&lt;b&gt;bold&lt;/b&gt;" in hostile
    assert "{{ 7*7 }}" in hostile  # a template expression in a comment stays text


def test_rendering_is_deterministic(northwind: str) -> None:
    """The same result gives the same bytes (no random chart ids, no date stamps)."""
    current, history = vm.load_history(DATA / "northwind")
    again = render_html(vm.assess(PULSE, current, history=history), questionnaire=PULSE, responses=current)
    assert northwind == again


def test_unreported_actions_of_the_previous_plan_are_flagged() -> None:
    """An action of the previous plan that nobody reported on shows as such."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    item = FollowUpItem(action="xla_pilot", title={"en": "Pilot"}, status="unreported")
    html = render_html(
        result.model_copy(update={"plan": result.plan.model_copy(update={"followup": [item]})})
    )
    assert '<span class="status status-unreported">Not reported</span>' in html


def test_evidence_rows_are_styled_by_verdict() -> None:
    """Each evidence row's last cell says yes, no, graded or unknown, with a matching class."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "single.toml"))
    evidence = [
        Evidence(condition="a", value=1.0, threshold=0.5, holds=True),
        Evidence(condition="b", value=0.2, threshold=0.5, holds=False),
        Evidence(condition="c", value=0.4, threshold=None, holds=None),
        Evidence(condition="d", value=None, threshold=0.5, holds=None),
    ]
    finding = Finding(
        pattern="p", severity=vm.Severity.LOW, title={"en": "T"}, description={"en": "D"}, evidence=evidence
    )
    html = render_html(result.model_copy(update={"findings": [finding]}))
    cells = re.findall(r'<td data-label="Holds" class="holds-(\w+)">(\w+)</td>', html)
    assert [("yes", "yes"), ("no", "no"), ("graded", "graded"), ("unknown", "unknown")] == cells


def test_french_report(hostile: str) -> None:
    """--lang fr sets the document language and the texts."""
    assert hostile.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert ("<h2>Constats</h2>" in hostile, "Plan d&#39;amélioration" in hostile) == (True, True)


def test_templates_are_package_data() -> None:
    """The template and stylesheet load through importlib.resources, as from a wheel."""
    templates = importlib.resources.files("vendormaturity.render") / "templates"
    assert (True, True) == ((templates / "report.html.j2").is_file(), (templates / "report.css").is_file())


@pytest.mark.slow
def test_the_wheel_ships_the_templates(tmp_path: Path) -> None:
    """A built wheel contains the templates next to the renderer."""
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "vendormaturity/render/templates/report.html.j2",
        "vendormaturity/render/templates/report.css",
    }
    assert expected <= names


# --------------------------------------------------------------------------- executive summary


def summary_of(html: str) -> str:
    return html.split('<section id="summary"', 1)[1].split("</section>", 1)[0]


def test_the_report_opens_with_its_executive_summary(northwind: str) -> None:
    """The parties as the title, then before anything else a red status with its verdict in a
    sentence, the findings most severe first (linked to their section) and the first actions
    with their owner and horizon."""
    assert "<h1>Northwind Logistics ↔ Blue Harbour Systems</h1>" in northwind
    assert northwind.index('<section id="summary"') < northwind.index('<section id="phase"')
    summary = summary_of(northwind)
    assert ' class="summary status-red"' in summary
    assert (
        '<p class="verdict"><span class="status-pill">Action needed</span> Norming, with medium confidence '
        "(51%). 3 findings, the most severe: High. The sides disagree: the client rates the relationship "
        "2.41, the supplier 3.94.</p>"
    ) in summary
    findings = re.findall(r'<span class="badge sev-(\w+)">\w+</span> <a href="#(finding-\w+)">', summary)
    assert [
        ("high", "finding-perception_gap"),
        ("high", "finding-watermelon"),
        ("medium", "finding-no_followup"),
    ] == findings
    assert [f'id="{anchor}"' in northwind for _, anchor in findings] == [True] * 3
    actions = re.findall(
        r'<li>([^<]+) <span class="meta"><span class="owner owner-\w+">(\w+)</span> · (\w+)', summary
    )
    assert [
        ("Mirror review of the pulse results", "Joint", "Short"),
        ("Candid weekly status report", "Supplier", "Short"),
        ("Measure user experience alongside the SLAs", "Joint", "Short"),
    ] == actions
    assert '<a href="#plan">and 3 more actions below</a>' in summary


def test_a_verdict_on_too_little_data_is_tentative() -> None:
    """Low confidence is said at the top: what is missing, how to get it, and the phase marked
    tentative (a question mark on its card); a green status is never given without data."""
    responses = vm.load_responses(DATA / "sparse.toml")
    html = render_html(vm.assess(PULSE, responses), lang="fr", questionnaire=PULSE)
    summary = unescape(re.sub(r"<[^>]+>", "", summary_of(html)))
    assert "⚠ Données insuffisantes pour conclure" in summary
    missing = [
        "1 répondant côté client",
        "1 répondant côté fournisseur",
        "3 dimensions sans score client",
        "3 dimensions sans score fournisseur",
        "8 faits non renseignés",
        "15 règles non évaluées.",
    ]
    assert "Manque\u202f: " + "\u202f; ".join(missing) in summary
    assert "Faire répondre au moins deux personnes de chaque côté, sur chaque dimension." in summary
    assert '<div class="card-key">Phase · provisoire</div>' in html
    assert '<div class="card-value">Formation?</div>' in html
    single = vm.assess(PULSE, vm.load_responses(DATA / "sparse.toml"))
    calm = single.model_copy(update={"findings": []})
    assert ' class="summary status-unknown"' in render_html(calm, questionnaire=PULSE)


def test_bands_are_shown_per_side_where_the_sides_disagree(northwind: str) -> None:
    """A dimension whose sides fall in different bands shows each side's band, coloured by its
    level (0 the lowest, red; 3 the highest, green); one where they agree shows one band."""
    table = northwind.split('class="data dimension-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">([^<]+)</th>(.*?)</tr>", table, re.DOTALL)
    bands = {
        dimension: re.findall(r'<span class="band band-(\d)">([^<]+)</span>', cells)
        for dimension, cells in rows
    }
    assert [("0", "Client: At risk"), ("3", "Supplier: Thriving")] == bands[
        "Service delivered and perceived quality"
    ]
    assert [("2", "Steady")] == bands["Shared objectives and trust"]


# --------------------------------------------------------------------------- honest charts


def series_of(svg: str, side: str) -> str:
    return svg.split(f'<g class="series {side}"', 1)[1].split("</g>", 1)[0]


def test_a_missing_score_is_never_drawn_on_the_radar() -> None:
    """With three of four dimensions unscored on each side, the radar draws each side's one
    known point, no outline through the centre, and "n/a" on the three axes of each side."""
    result = vm.assess(PULSE, vm.load_responses(DATA / "sparse.toml"))
    svg = radar_of(result, "en")
    for side in ("client", "supplier"):
        drawn = series_of(svg, side)
        assert (1, 0, 0) == (drawn.count("<circle"), drawn.count("<polygon"), drawn.count("<line"))
    assert 6 == len(re.findall(r'<text class="na"[^>]*>n/a</text>', svg))
    assert 'cx="320.0" cy="235.0"' not in svg  # nothing at the centre (the scale's minimum)


SCORE = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


@given(st.lists(st.tuples(SCORE, SCORE), min_size=1, max_size=14))
def test_the_radar_draws_known_scores_only(scores: list[tuple[float | None, float | None]]) -> None:
    """Whatever is missing: one point per known score, an "n/a" per missing one, a filled
    outline only when every score of the side is known, and an edge only between two known."""
    axes = [Axis(f"D{n}", client, supplier) for n, (client, supplier) in enumerate(scores)]
    svg = draw_radar(axes, title="t", numbered=len(axes) > 12, ticks=["2", "3", "4", "5"])
    for index, side in enumerate(("client", "supplier")):
        values = [pair[index] for pair in scores]
        known = sum(value is not None for value in values)
        drawn = series_of(svg, side)
        assert known == drawn.count("<circle")
        assert (known == len(values) and len(values) >= 3) == ("<polygon" in drawn)
        count = len(values)
        pairs = count if count >= 3 else count - 1
        edges = sum(values[i] is not None and values[(i + 1) % count] is not None for i in range(pairs))
        assert (0 if "<polygon" in drawn else edges) == drawn.count("<line")
    missing = sum(value is None for pair in scores for value in pair)
    assert missing == svg.count('<text class="na"')
