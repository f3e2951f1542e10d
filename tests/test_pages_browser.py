"""Every example report (English and French) and the portfolio page in a real Chromium,
driven by Playwright: axe-core finds no serious or critical accessibility violation, no
page scrolls sideways on a 390-pixel phone, and the portfolio's table sorts, filters and
searches with its script and reads whole without it.

axe-core comes from the ``axe-playwright-python`` package (its bundled ``axe.min.js``);
Chromium is the system's (``/usr/bin/chromium``, installed by .ci/run). Skipped only when
Chromium or Playwright is missing on a developer's machine; with ``CI`` set, a missing
piece fails the run instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vendormaturity import cli

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir() and p.name != "scripts")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    import playwright.sync_api as playwright_api
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # pragma: no cover - the test extra installs both
    playwright_api = None  # type: ignore[assignment]

pytestmark = pytest.mark.skipif(
    (CHROMIUM is None or playwright_api is None) and not os.environ.get("CI"),
    reason="chromium or playwright is not installed (CI installs both and runs these tests)",
)

PAGES = [f"{name}-{lang}" for name in EXAMPLES for lang in ("en", "fr")] + [
    f"portfolio{paged}-{lang}" for paged in ("", "-paged") for lang in ("en", "fr")
]
PHONE = 390


def invoke(*args: str, db: str | None = None) -> None:
    env = {"VENDORMATURITY_DB": db} if db else {}
    done = CliRunner().invoke(cli.app, list(args), env=env)
    assert done.exit_code in (0, 1), done.output  # 1: --fail-on is not used, but a sparse example warns


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example's report in both languages, as `assess` writes it, and the portfolio
    page of the examples in both languages, as `portfolio report` writes it."""
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for name in EXAMPLES:
        for lang in ("en", "fr"):
            page = folder / f"{name}-{lang}.html"
            invoke("assess", str(ROOT / "examples" / name), "-f", "html", "--lang", lang, "-o", str(page))
            found[f"{name}-{lang}"] = page
    db = f"sqlite:///{folder / 'portfolio.db'}"
    invoke("portfolio", "add", str(ROOT / "examples"), db=db)
    for lang in ("en", "fr"):
        out = folder / f"portfolio-{lang}"
        invoke("portfolio", "report", "--out", str(out), "--lang", lang, "--as-of", "2026-12-01", db=db)
        found[f"portfolio-{lang}"] = out / "index.html"
        # the same page with lists of 4 rows, as a portfolio of thousands would show them
        out = folder / f"portfolio-paged-{lang}"
        invoke("portfolio", "report", "-o", str(out), "--lang", lang, "--as-of=2026-12-01", "--rows=4", db=db)
        found[f"portfolio-paged-{lang}"] = out / "index.html"
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    assert playwright_api is not None, "the test extra installs playwright"
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def desktop(browser: Any) -> Iterator[Any]:
    # axe runs from outside the page: the page's own policy forbids any other script.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": PHONE, "height": 844}, device_scale_factor=1)
    yield context.new_page()
    context.close()


def serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page: rule, impact and first targets."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_axe_sees_what_it_looks_for(desktop: Any, tmp_path: Path) -> None:
    """The check fails on a page made to fail it: grey text on white, an unnamed image."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><title>t</title><main><p style="color:#aaa">faint</p>'
        '<svg role="img"><circle r="4"/></svg></main></html>',
        encoding="utf-8",
    )
    desktop.goto(bad.as_uri())
    found = serious(desktop)
    assert ["color-contrast", "svg-img-alt"] == sorted(item.split(" ", 1)[0] for item in found)


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(written: dict[str, Path], desktop: Any, name: str) -> None:
    """WCAG AA contrast, named charts, table headers with scope, labelled controls: axe-core
    reports no serious or critical violation."""
    desktop.goto(written[name].as_uri())
    assert [] == serious(desktop)


def wider_than_the_screen(page: Any) -> list[str]:
    return list(
        page.evaluate(
            """(width) => Array.from(document.querySelectorAll('body *'))
                .filter((e) => e.getBoundingClientRect().right > width + 0.5
                    && !e.closest('.table-scroll, .visually-hidden, thead'))
                .slice(0, 5).map((e) => e.tagName + '.' + e.className)""",
            PHONE,
        )
    )


def test_the_reflow_check_sees_what_it_looks_for(phone: Any, tmp_path: Path) -> None:
    """The check fails on a page made to fail it: a block wider than the phone."""
    wide = tmp_path / "wide.html"
    wide.write_text("<p>fits</p><div style='width: 600px'>wide</div>", encoding="utf-8")
    phone.goto(wide.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") > PHONE
    assert ["DIV."] == wider_than_the_screen(phone)


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(written: dict[str, Path], phone: Any, name: str) -> None:
    """At 390 pixels the page is no wider than the screen (WCAG 1.4.10), and nothing on it
    sticks out of the screen outside a table that scrolls within itself."""
    phone.goto(written[name].as_uri())
    assert PHONE >= phone.evaluate("document.documentElement.scrollWidth")
    assert [] == wider_than_the_screen(phone)


# --------------------------------------------------------------------------- the portfolio's table


def visible_rows(page: Any) -> list[dict[str, str]]:
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('#every tbody tr'))
                .filter((row) => !row.hidden)
                .map((row) => ({segment: row.dataset.segment, phase: row.dataset.phase,
                                findings: row.dataset.findings, owners: row.dataset.owners,
                                renewal: row.dataset.renewal, key: row.querySelector('.key').textContent,
                                severity: row.cells[1].dataset.v}))"""
        )
    )


def test_the_table_sorts_filters_and_searches(browser: Any, written: dict[str, Path]) -> None:
    """Filters keep only matching rows and say how many; search finds by name; a heading sorts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(written["portfolio-en"].as_uri())
    every = visible_rows(page)
    assert len(EXAMPLES) == len(every)
    assert page.is_visible("#controls")
    assert f"{len(EXAMPLES)} of {len(EXAMPLES)} match" == page.text_content("#shown")

    page.select_option("#f-segment", "strategic")
    kept = visible_rows(page)
    assert {"strategic"} == {row["segment"] for row in kept}
    assert [row for row in every if row["segment"] == "strategic"] == kept
    assert f"{len(kept)} of {len(EXAMPLES)} match" == page.text_content("#shown")

    page.select_option("#f-segment", "")
    page.select_option("#f-finding", "watermelon")
    assert {True} == {"watermelon" in row["findings"].split() for row in visible_rows(page)}
    page.select_option("#f-finding", "")
    page.select_option("#f-phase", "storming")
    assert {"storming"} == {row["phase"] for row in visible_rows(page)}
    page.select_option("#f-phase", "")

    page.select_option("#f-owner", "supplier")
    owned = visible_rows(page)
    assert 0 < len(owned) < len(EXAMPLES)
    assert {True} == {"supplier" in row["owners"].split() for row in owned}
    page.select_option("#f-owner", "")
    page.select_option("#f-renewal", "6")
    assert {True} == {0 <= int(row["renewal"]) < 6 for row in visible_rows(page)}
    page.select_option("#f-renewal", "")

    page.fill("#q", "HostCo")
    assert ["acme-hosting"] == [row["key"] for row in visible_rows(page)]
    page.fill("#q", "")

    page.click("#every thead th:nth-child(2) button")  # severity, ascending
    ranks = [int(row["severity"]) for row in visible_rows(page)]
    assert sorted(ranks) == ranks
    assert "ascending" == page.get_attribute("#every thead th:nth-child(2)", "aria-sort")
    page.click("#every thead th:nth-child(2) button")
    ranks = [int(row["severity"]) for row in visible_rows(page)]
    assert sorted(ranks, reverse=True) == ranks
    assert [] == errors
    context.close()


def test_without_its_script_the_table_is_whole(browser: Any, written: dict[str, Path]) -> None:
    """JavaScript off: every row shown, the controls (which need it) hidden."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(written["portfolio-fr"].as_uri())
    assert len(EXAMPLES) == page.locator("#every tbody tr").count()
    assert not page.is_visible("#controls")
    assert page.locator("#every tbody tr:visible").count() == len(EXAMPLES)
    context.close()


# --------------------------------------------------------------------------- long lists, a page at a time


def keys_shown(page: Any, table: str) -> list[str]:
    return list(
        page.evaluate(
            "(table) => Array.from(document.querySelectorAll(`#${table} tbody tr`))"
            ".map((row) => row.querySelector('.key').textContent)",
            table,
        )
    )


def show_all(page: Any, table: str) -> None:
    pager = f'.pager[data-for="{table}"]'
    if page.is_visible(pager):
        page.click(f"{pager} .pager-all")


@pytest.fixture
def desk(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    assert [] == errors
    context.close()


def test_a_long_list_shows_a_page_then_more_on_request(desk: Any, written: dict[str, Path]) -> None:
    """Four rows, then four more, then all of them in the order of the whole page; the pager
    says how many are shown and goes once every row is."""
    desk.goto(written["portfolio-en"].as_uri())
    whole = keys_shown(desk, "every")
    desk.goto(written["portfolio-paged-en"].as_uri())
    assert whole[:4] == keys_shown(desk, "every")
    status = '.pager[data-for="every"] .pager-status'
    assert f"Showing the first 4 of {len(EXAMPLES)}." == desk.text_content(status)
    desk.click('.pager[data-for="every"] .pager-more')
    assert whole[:8] == keys_shown(desk, "every")
    assert f"Showing the first 8 of {len(EXAMPLES)}." == desk.text_content(status)
    desk.click('.pager[data-for="every"] .pager-all')
    assert whole == keys_shown(desk, "every")
    assert not desk.is_visible('.pager[data-for="every"]')


def test_every_list_of_the_page_is_paged_alike(desk: Any, written: dict[str, Path]) -> None:
    """Each list longer than a page shows a page and, asked, every one of its rows: the same
    as the page that shows them all."""
    desk.goto(written["portfolio-en"].as_uri())
    tables = desk.eval_on_selector_all("table[data-page]", "(tables) => tables.map((table) => table.id)")
    whole = {table: keys_shown(desk, table) for table in tables}
    assert any(len(keys) > 4 for table, keys in whole.items() if table != "every"), "a list to page"
    desk.goto(written["portfolio-paged-en"].as_uri())
    for table in tables:
        assert whole[table][:4] == keys_shown(desk, table)
        show_all(desk, table)
        assert whole[table] == keys_shown(desk, table)


def test_filters_sort_and_search_reach_rows_past_the_first_page(desk: Any, written: dict[str, Path]) -> None:
    """Filtering, searching and sorting work on every row, not on those shown: the counts and
    the rows are those of the page that shows them all."""

    def after(page_name: str, *steps: tuple[str, str, str]) -> tuple[str, list[str]]:
        desk.goto(written[page_name].as_uri())
        for kind, selector, value in steps:
            if kind == "select":
                desk.select_option(selector, value)
            elif kind == "fill":
                desk.fill(selector, value)
            else:
                desk.click(selector)
        show_all(desk, "every")
        return str(desk.text_content("#shown")), keys_shown(desk, "every")

    cases = [
        (("select", "#f-segment", "strategic"),),
        (("select", "#f-finding", "*"),),
        (("fill", "#q", "co"),),
        (("click", "#every thead th:nth-child(2) button", ""),),
        (("click", "#every thead th:nth-child(1) button", ""),) * 2,
        (("select", "#f-phase", "norming"), ("click", "#every thead th:nth-child(7) button", "")),
    ]
    for steps in cases:
        assert after("portfolio-en", *steps) == after("portfolio-paged-en", *steps), steps


def test_without_its_script_every_row_of_a_long_list_is_there(browser: Any, written: dict[str, Path]) -> None:
    """JavaScript off: the rows past the first page follow in a second table under the same
    headings; every relationship is in the table of every relationship, and shown."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(written["portfolio-paged-fr"].as_uri())
    rows = page.locator("#all table.every tbody tr")
    assert len(EXAMPLES) == rows.count()
    assert len(EXAMPLES) == page.locator("#all table.every tbody tr:visible").count()
    assert sorted(EXAMPLES) == sorted(rows.locator(".key").all_text_contents())
    assert not page.is_visible(".pager")
    context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_portfolio_prints_every_row(desk: Any, written: dict[str, Path], lang: str) -> None:
    """Printed (A4, landscape), the page holds every relationship, however few rows its lists
    show on screen, and then shows a page of rows again."""
    import io

    import pdfplumber

    desk.goto(written[f"portfolio-paged-{lang}"].as_uri())
    printed = desk.pdf(prefer_css_page_size=True)
    with pdfplumber.open(io.BytesIO(printed)) as document:
        pages = [page.extract_text() or "" for page in document.pages]
        sizes = {(round(float(page.width)), round(float(page.height))) for page in document.pages}
        assert {(842, 595)} == sizes
        linked = {link["uri"].rsplit("/", 1)[-1] for page in document.pages for link in page.hyperlinks}
    assert all(text.strip() for text in pages)
    # each relationship's name links to its report (its key may wrap across lines of a cell)
    assert [] == [key for key in EXAMPLES if f"{key}.html" not in linked]
    assert 4 == len(keys_shown(desk, "every"))
