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
from markupsafe import escape

import vendormaturity as vm
from vendormaturity.model.result import Evidence, Finding, FollowUpItem
from vendormaturity.render._plain import Plain
from vendormaturity.render.html import clean_svg, radar_chart, render_html

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
    assert "@page { size: A4;" in northwind
    assert re.search(r"\n  tr, \.card, \.chart, [^{]*\{ break-inside: avoid;", northwind)
    assert re.search(r"\n  h1, h2, h3, \.lead, [^{]*\{ break-after: avoid;", northwind)
    assert "@media screen and (max-width: 760px)" in northwind


def test_the_radar_has_a_client_and_a_supplier_series(northwind: str) -> None:
    """The dimensions radar draws two series, named Client and Supplier in its legend."""
    radar = northwind.split('id="chart-radar"', 1)[1].split("</svg>", 1)[0]
    legends = re.findall(r'<text[^>]*class="legend[^"]*"[^>]*>([^<]+)</text>', radar) or re.findall(
        r"<text[^>]*>(Client|Supplier)</text>", radar
    )
    assert ["Client", "Supplier"] == legends
    assert {"serie-0 color-0", "serie-1 color-1"} == set(
        re.findall(r'class="series (serie-\d+ color-\d+)"', radar)
    )


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
    for kind in ("axis-label", "tick", "legend"):
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
    return radar_chart(result, lang)


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
        True,
    ),
    (
        "relationship-fr",
        lambda: vm.assess(
            vm.load_questionnaire("relationship"), *vm.load_history(ROOT / "examples" / "acme-hosting")[:1]
        ),
        "fr",
        True,
    ),
    ("pulse-en", lambda: vm.assess(PULSE, vm.load_history(DATA / "northwind")[0]), "en", False),
    ("pulse-fr", lambda: vm.assess(PULSE, vm.load_history(DATA / "northwind")[0]), "fr", True),
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
    ("twelve", lambda: with_dimensions(12, "Value"), "en", True),
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
        "<td>Share of contract KPIs green this quarter: 95%</td>\n          <td>at least 90%</td>"
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
    cells = re.findall(r'<td class="holds-(\w+)">(\w+)</td>', html)
    assert [("yes", "yes"), ("no", "no"), ("graded", "graded"), ("unknown", "unknown")] == cells


def test_french_report(hostile: str) -> None:
    """--lang fr sets the document language and the texts."""
    assert hostile.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert ("<h2>Constats</h2>" in hostile, "Plan d&#39;amélioration" in hostile) == (True, True)


def test_clean_svg_removes_comments_scripts_titles_and_random_ids() -> None:
    """pygal's output is made inert and stable."""
    svg = (
        '<svg id="chart-0b9f7c1e-1111-4a4a-8888-123456789abc"><!--http://pygal.org-->'
        '<defs><script type="text/javascript">window.pygal = {};</script>'
        '<script type="text/javascript" src="https://kozea.github.io/pygal.js/2.0.x/pygal-tooltips.min.js"/>'
        "</defs><title>Pygal</title><g>x</g></svg>"
    )
    assert '<svg id="chart-radar"><defs></defs><g>x</g></svg>' == clean_svg(svg, "chart-radar")


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
