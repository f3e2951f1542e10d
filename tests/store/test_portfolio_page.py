"""The portfolio page written by ``portfolio report``: built for triage, every relationship
reachable, its figures those of the reports it links to, in the page's language."""

from __future__ import annotations

import base64
import datetime
import hashlib
import itertools
import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vendormaturity as vm
from vendormaturity.model.questionnaire import Phase, Severity
from vendormaturity.render.portfolio import entries, sections
from vendormaturity.store.views import Line, Relationship

from .helpers import EXAMPLE_FOLDERS, EXAMPLES
from .test_cli import run

AS_OF = "2026-12-01"
HEADINGS = (
    "Relationship",
    "Severity",
    "Findings",
    "Segment",
    "Phase",
    "Trend",
    "Overdue",
    "Renewal",
    "Norming",
)


@pytest.fixture
def written(db: str, tmp_path: Path) -> dict[str, Path]:
    """The examples' portfolio report, in English and in French."""
    assert 0 == run(db, "add", str(EXAMPLES)).exit_code
    found = {}
    for lang in ("en", "fr"):
        out = tmp_path / lang
        result = run(db, "report", "--out", str(out), "--as-of", AS_OF, "--lang", lang, "--top", "3")
        assert 0 == result.exit_code, result.output
        found[lang] = out
    return found


def section(page: str, name: str) -> str:
    return page.split(f'<section id="{name}"', 1)[1].split("</section>", 1)[0]


def keys_in(html: str) -> list[str]:
    return re.findall(r'<span class="key">([^<]+)</span>', html)


def worst_of(result: vm.AssessmentResult) -> Severity | None:
    return max((finding.severity for finding in result.findings), key=lambda s: s.rank, default=None)


def test_every_high_or_critical_relationship_is_named_above_everything(
    db: str, written: dict[str, Path]
) -> None:
    """ "Needs attention" names every relationship whose newest result has a high or critical
    finding, most severe first, before any other; its report says the same severity."""
    page = (written["en"] / "index.html").read_text()
    with vm.Portfolio(db) as portfolio:
        results = {key: result for key, (result, _) in portfolio.results(portfolio.relationships()).items()}
    urgent = {key for key, result in results.items() if (worst := worst_of(result)) and worst.rank >= 2}
    listed = keys_in(section(page, "attention"))
    assert urgent == set(listed[: len(urgent)])
    ranks = [worst.rank for key in listed if (worst := worst_of(results[key])) is not None]
    assert sorted(ranks, reverse=True) == ranks
    assert page.index('<section id="attention"') < page.index('<section id="renewals"')
    assert len(urgent) >= 5  # the examples hold several, so the check above means something


def test_every_relationship_is_in_the_table_with_the_figures_of_its_report(written: dict[str, Path]) -> None:
    """The complete table has a row per relationship, each linked to its report; the phase,
    the worst severity and the overdue count of the row are the ones its report shows, and
    the report links back to the page."""
    out = written["en"]
    table = section((out / "index.html").read_text(), "all")
    headings = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    assert [*HEADINGS[:-1], "Months in norming"] == headings
    rows = re.findall(r"<tr data-segment.*?</tr>", table, re.DOTALL)
    assert len(EXAMPLE_FOLDERS) == len(rows)
    for row in rows:
        (link,) = re.findall(r'href="(relationships/[^"]+)"', row)
        report = (out / link).read_text()
        assert '<a href="../index.html">' in report
        cells = dict(zip(HEADINGS, re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL), strict=True))
        phase = re.sub(r"<[^>]+>", "", cells["Phase"])
        assert f'<div class="card-value">{phase}' in report
        severity = re.findall(r'<span class="badge sev-(\w+)">', cells["Severity"])
        in_report = re.findall(r'<article id="finding-\w+" class="finding severity-(\w+)', report)
        assert severity == in_report[:1]
        overdue = int(cells["Overdue"])
        standing = section(report, "standing")
        assert overdue == standing.count("<tr><td")


def test_the_page_speaks_its_language(written: dict[str, Path]) -> None:
    """In French: segments, phases, findings and trends by their French names, never their ids."""
    page = (written["fr"] / "index.html").read_text()
    visible = unescape(re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1].split("<script>", 1)[0]))
    ids = ["non_critical", "stuck_in_norming", "perception_gap", "watermelon", "storming", "norming"]
    assert [] == [word for word in ids if re.search(rf"(?<![\w-]){word}(?![\w-])", visible)]
    for word in ("Non critique", "Stratégique", "Relations à traiter", "Toutes les relations"):
        assert word in visible


def test_the_page_runs_its_own_script_only(written: dict[str, Path]) -> None:
    """One inline script, allowed by its SHA-256 in the Content-Security-Policy, which still
    forbids every fetch and every other script."""
    page = (written["en"] / "index.html").read_text()
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert (
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'\""
    ) in page
    assert [] == re.findall(r"\ssrc=|<link|@import|url\(", page)


# --------------------------------------------------------------------------- ranking


def line(number: int, patterns: tuple[str, ...], segment: str | None, trend: str) -> Line:
    relationship = Relationship(f"rel-{number:03d}", "C", "S", segment, None, None)
    day = datetime.date(2026, 1, 1)
    return Line(relationship, 2, day, Phase.NORMING, trend, 3.0, patterns, 0, day)


SEVERITIES = st.sampled_from(list(Severity))
ROWS = st.lists(
    st.tuples(
        st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), SEVERITIES, max_size=3),
        st.sampled_from(["strategic", "leverage", "bottleneck", "non_critical", None]),
        st.sampled_from(["up", "down", "steady", "new"]),
    ),
    max_size=30,
)


@given(ROWS, st.integers(min_value=1, max_value=5))
def test_attention_puts_every_high_or_critical_finding_first(
    rows: list[tuple[dict[str, Severity], str | None, str]], top: int
) -> None:
    """Whatever the list's length: every relationship with a high or critical finding is in it,
    before any other, by severity then segment (the most exposed first) then trend (worsening
    first); nothing below medium is in it; the table holds every relationship once."""
    lines = [line(n, tuple(found), segment, trend) for n, (found, segment, trend) in enumerate(rows)]
    severities = {f"rel-{n:03d}": found for n, (found, _, _) in enumerate(rows)}
    order = ["strategic", "leverage", "bottleneck", "non_critical"]
    chosen = sections(entries(lines, severities), as_of=datetime.date(2026, 1, 1), top=top, segments=order)
    urgent = [entry for entry in chosen.every if entry.worst is not None and entry.worst.rank >= 2]
    assert urgent == chosen.attention[: len(urgent)]
    assert all(entry.worst is not None and entry.worst.rank >= 1 for entry in chosen.attention)
    assert sorted(entry.key for entry in chosen.every) == sorted(severities)
    keys = [
        (
            -(entry.worst.rank if entry.worst else -1),
            order.index(entry.line.relationship.segment) if entry.line.relationship.segment else 4,
        )
        for entry in chosen.every
    ]
    assert [key[0] for key in keys] == sorted(key[0] for key in keys)
    assert all(a <= b for a, b in itertools.pairwise(keys) if a[0] == b[0] and a[1] != b[1])
