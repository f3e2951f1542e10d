"""The portfolio page at scale: 10,000 relationships on one page.

Measures what a head of procurement waits for: the page's size (and gzipped, as a mail
server or a web server would carry it), the time to build it from the portfolio's lines
(choosing the sections and rendering the template), and, in the system's Chromium driven
by Playwright, the time until the page is loaded and its script has made the table
sortable and filterable, then the time one filter takes. Each figure is printed beside a
floor measured in the same run: for the build, serialising the same lines to JSON; for
the load, Chromium loading a page of the same size with no table (one long paragraph).
Long lists show their first rows and the rest on request, so the benchmark also times
"show all" on the filtered table, and the page loaded without JavaScript, where every row
of every list is laid out at once.

    python benchmarks/pages.py                       # 10,000 relationships
    python benchmarks/pages.py --relationships 1000  # a quick run

Needs the test extra (Playwright) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import vendormaturity as vm
from vendormaturity.model.questionnaire import Phase, Severity
from vendormaturity.render.portfolio import QuarterMix, entries, render_portfolio, sections
from vendormaturity.render.texts import Labels
from vendormaturity.store.views import Line, Relationship

AS_OF = datetime.date(2026, 12, 1)
SEGMENTS = ("strategic", "leverage", "bottleneck", "non_critical", None)
TRENDS = ("up", "down", "steady", "new")


def synthetic(count: int, seed: int = 7) -> tuple[list[Line], dict[str, dict[str, Severity]]]:
    """*count* relationships with the bundled questionnaire's patterns, drawn with a fixed seed."""
    draw = random.Random(seed)
    patterns = [pattern.id for pattern in vm.load_questionnaire("relationship").patterns]
    lines, severities = [], {}
    for number in range(count):
        key = f"supplier-{number:05d}"
        found = tuple(draw.sample(patterns, k=draw.choice((0, 0, 0, 1, 1, 2, 3))))
        severities[key] = {pattern: draw.choice(list(Severity)) for pattern in found}
        phase = draw.choice(list(Phase))
        date = AS_OF - datetime.timedelta(days=draw.randrange(0, 200))
        renewal = AS_OF + datetime.timedelta(days=draw.randrange(-60, 900)) if draw.random() < 0.8 else None
        relationship = Relationship(
            key, f"Client {number % 97}", f"Supplier {number}", draw.choice(SEGMENTS), None, renewal
        )
        stuck = date - datetime.timedelta(days=91 * draw.randrange(0, 8)) if phase is Phase.NORMING else None
        lines.append(
            Line(
                relationship,
                draw.randrange(1, 9),
                date,
                phase,
                draw.choice(TRENDS),
                round(draw.uniform(1.5, 4.8), 2),
                found,
                draw.randrange(0, 4),
                stuck,
            )
        )
    return lines, severities


def build(lines: list[Line], severities: dict[str, dict[str, Severity]], lang: str) -> str:
    found = entries(lines, severities)
    chosen = sections(found, as_of=AS_OF, segments=[s for s in SEGMENTS if s])
    links = {line.relationship.key: f"relationships/{line.relationship.key}.html" for line in lines}
    mix = [QuarterMix(f"2026 Q{q}", dict.fromkeys(Phase, len(lines) // 5)) for q in range(1, 5)]
    labels = Labels.of(vm.load_questionnaire("relationship"), lang)
    return render_portfolio(found, chosen, links=links, as_of=AS_OF, lang=lang, labels=labels, quarters=mix)


def best_of(runs: int, action: object) -> float:
    assert callable(action)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def browser_times(page_file: Path, floor_file: Path, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    figures: dict[str, list[float]] = {"load": [], "floor": [], "filter": [], "all": [], "nojs": []}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(floor_file.as_uri(), wait_until="load")
            figures["floor"].append(time.perf_counter() - start)
            start = time.perf_counter()
            page.goto(page_file.as_uri(), wait_until="load")
            page.wait_for_selector("#controls:not([hidden])", state="attached")
            figures["load"].append(time.perf_counter() - start)
            filtering = page.evaluate(
                """() => { const select = document.getElementById('f-segment');
                           const start = performance.now(); select.value = 'strategic';
                           select.dispatchEvent(new Event('change'));
                           document.body.offsetHeight; return performance.now() - start; }"""
            )
            figures["filter"].append(float(filtering) / 1000)
            showing = page.evaluate(
                """() => { const start = performance.now();
                           document.querySelector('.pager[data-for="every"] .pager-all').click();
                           document.body.offsetHeight; return performance.now() - start; }"""
            )
            figures["all"].append(float(showing) / 1000)
            context.close()
            # a reader without JavaScript gets every row of every list at once
            context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(page_file.as_uri(), wait_until="load")
            page.evaluate("document.body.offsetHeight")
            figures["nojs"].append(time.perf_counter() - start)
            context.close()
        browser.close()
    return {name: statistics.median(values) for name, values in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--relationships", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lines, severities = synthetic(args.relationships)
    html = build(lines, severities, "en")
    size = len(html.encode("utf-8"))
    zipped = len(gzip.compress(html.encode("utf-8")))
    build_s = best_of(args.runs, lambda: build(lines, severities, "en"))
    floor_s = best_of(args.runs, lambda: json.dumps([line.as_dict() for line in lines]))
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "index.html"
        page_file.write_text(html, encoding="utf-8")
        floor_file = Path(folder) / "floor.html"
        floor_file.write_text(
            "<!DOCTYPE html><title>floor</title><p>" + "x " * (size // 2) + "</p>", encoding="utf-8"
        )
        seen = browser_times(page_file, floor_file, args.runs)
    per_row = size / args.relationships
    load, floor = seen["load"], seen["floor"]
    print(f"portfolio page, {args.relationships:,} relationships")
    print(f"  size              {size / 1e6:6.2f} MB ({zipped / 1e6:.2f} MB gzipped), {per_row:.0f} B a row")
    print(
        f"  build             {build_s:6.2f} s  ({build_s / floor_s:.1f}x JSON of the lines, {floor_s:.2f} s)"
    )
    print(f"  load in Chromium  {load:6.2f} s    ({load / floor:.1f}x a text page as large, {floor:.2f} s)")
    print(f"  one filter        {seen['filter'] * 1000:6.0f} ms")
    print(f"  then show all     {seen['all']:6.2f} s    (every row of the filtered table laid out)")
    nojs = seen["nojs"]
    print(f"  load without JS   {nojs:6.2f} s    (every row of every list laid out: {nojs / load:.1f}x)")


if __name__ == "__main__":
    main()
