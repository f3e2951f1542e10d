"""The HTML report in a real headless Chromium: it renders, runs no injected code, logs
no console error, and its screenshot is not blank.

Skipped only when Chromium is missing on a developer's machine; CI (``CI`` set) installs
it, so there a missing browser fails the run instead of hiding it.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import pytest

import vendormaturity as vm
from vendormaturity.i18n import tr
from vendormaturity.render.html import render_html

DATA = Path(__file__).parent / "data" / "cli"
ROOT = Path(__file__).parent.parent
PULSE = vm.load_questionnaire("pulse")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (CI installs it and runs these tests)",
)


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on *page* with a throw-away profile and no network activity."""
    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def report(tmp_path: Path, name: str, *, lang: str = "en") -> Path:
    """Write the HTML report of tests/data/cli/NAME (a file or a folder) and return its path."""
    source = DATA / name
    if source.is_dir():
        current, history = vm.load_history(source)
    else:
        current, history = vm.load_responses(source), []
    html = render_html(
        vm.assess(PULSE, current, history=history), lang=lang, questionnaire=PULSE, responses=current
    )
    page = tmp_path / f"{source.stem}.html"
    page.write_text(html, encoding="utf-8")
    return page


def test_the_report_renders(tmp_path: Path) -> None:
    """Chromium builds the whole document: title, every section."""
    done = chromium(report(tmp_path, "northwind"), tmp_path / "profile", "--dump-dom")
    assert 0 == done.returncode
    assert (
        "<title>Northwind Logistics ↔ Blue Harbour Systems – Relationship assessment"
        " – northwind-logistics</title>" in done.stdout
    )
    sections = re.findall(r'<section id="(\w+)"', done.stdout)
    assert [
        "summary",
        "phase",
        "dimensions",
        "findings",
        "plan",
        "followup",
        "history",
        "data",
        "comments",
    ] == sections


def test_injected_markup_does_not_run(tmp_path: Path) -> None:
    """Scripts and event handlers typed into a response file stay text in the live DOM."""
    control = tmp_path / "control.html"
    control.write_text(
        "<title>t</title><body><script>document.title='pwned'</script>"
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"></body>",
        encoding="utf-8",
    )
    unsafe = chromium(control, tmp_path / "profile-control", "--dump-dom").stdout
    assert ("<title>pwned</title>" in unsafe, 'data-pwned="img"' in unsafe) == (True, True)

    dom = chromium(report(tmp_path, "hostile.toml", lang="fr"), tmp_path / "profile", "--dump-dom").stdout
    (title,) = re.findall(r"<head>.*?<title>(.*?)</title>", dom, re.DOTALL)
    assert "Évaluation de la relation – &lt;img src=x onerror=" in title
    assert ([], []) == (re.findall(r"data-pwned=", dom), re.findall(r"<img|<script", dom))
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom


def test_no_console_error(tmp_path: Path) -> None:
    """Opening the report logs nothing on the console (no error, no blocked script)."""
    control = tmp_path / "control.html"
    control.write_text("<script>console.error('boom'); missing();</script>", encoding="utf-8")
    noisy = console_messages(chromium(control, tmp_path / "profile-control", "--dump-dom").stderr)
    assert 2 == len(noisy)

    done = chromium(report(tmp_path, "northwind"), tmp_path / "profile", "--dump-dom")
    assert [] == console_messages(done.stderr)


def png_rows(png: bytes, limit: int) -> tuple[int, int, list[bytes]]:
    """Width, height and the first *limit* decoded rows of an 8-bit, non-interlaced PNG."""
    assert b"\x89PNG\r\n\x1a\n" == png[:8]
    position, chunks = 8, []
    header = b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        data = png[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            chunks.append(data)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (8, 0) == (depth, interlace)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for y in range(min(height, limit)):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = previous[i - channels] if i >= channels else 0
                guess = left + up - corner
                nearest = min(
                    (abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner)
                )
                line[i] = (line[i] + nearest[2]) & 0xFF
        rows.append(bytes(line))
        previous = line
    pixels = [row[i : i + channels] for row in rows for i in range(0, stride, channels)]
    return width, height, [bytes(pixel) for pixel in pixels]


def test_the_screenshot_is_not_blank(tmp_path: Path) -> None:
    """A 1280×2000 screenshot of the report shows text and charts, not an empty page."""
    blank = tmp_path / "blank.html"
    blank.write_text("<body style='background:#fff'></body>", encoding="utf-8")
    shot = tmp_path / "blank.png"
    chromium(blank, tmp_path / "profile-blank", f"--screenshot={shot}", "--window-size=320,200")
    assert 1 == len(set(png_rows(shot.read_bytes(), 200)[2]))

    shot = tmp_path / "report.png"
    done = chromium(
        report(tmp_path, "northwind"), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000"
    )
    assert 0 == done.returncode
    width, height, pixels = png_rows(shot.read_bytes(), 500)
    background, count = Counter(pixels).most_common(1)[0]
    assert (1280, 2000) == (width, height)
    assert len(set(pixels)) > 200  # text, coloured cards and bars
    assert count / len(pixels) < 0.9, f"{background!r} covers {count / len(pixels):.0%} of the top"


# --------------------------------------------------------------------------- print to A4

A4 = (595.3, 841.9)  # points
BOTTOM_MARGIN = 16 / 25.4 * 72  # @page's margins, in points
SIDE_MARGIN = 12 / 25.4 * 72
MIN_FILL = 0.6  # every page but the last is filled at least this far down


def printed(tmp_path: Path, html: Path) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Print *html* to PDF as a user would in Chromium, and read every page's words and characters back."""
    import pdfplumber

    pdf = tmp_path / f"{html.stem}.pdf"
    done = chromium(html, tmp_path / "profile-print", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert 0 == done.returncode, done.stderr[-2000:]
    pages = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            assert (True, True) == (abs(page.width - A4[0]) < 1, abs(page.height - A4[1]) < 1)
            pages.append((page.extract_words(), page.chars))
    return pages


def lines_of(words: list[dict[str, Any]]) -> list[str]:
    """A page's words as lines of text, top to bottom (words whose tops are within 2 points)."""
    lines: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0] - word["top"]) <= 2:
            lines[-1][1].append(word)
        else:
            lines.append((word["top"], [word]))
    return [" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])) for _, line in lines]


def overlapping(chars: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of characters printed over each other: cells, labels or lines that collide.

    Characters drawn one after the other (a kerned pair, "Ta") may touch; characters of
    two different runs of text may not.
    """
    found = []
    ordered = sorted(
        ((index, char) for index, char in enumerate(chars) if char["text"].strip()),
        key=lambda item: item[1]["x0"],
    )
    for position, (index, first) in enumerate(ordered):
        for other, second in ordered[position + 1 :]:
            if second["x0"] >= first["x1"] - 1.0:
                break
            if (
                abs(index - other) > 1
                and first["top"] < second["bottom"] - 1.0
                and second["top"] < first["bottom"] - 1.0
            ):
                found.append((first["text"], second["text"]))
    return found


def outside(chars: list[dict[str, Any]]) -> str:
    """The characters printed in the side margins: a table or a label wider than the page."""
    low, high = SIDE_MARGIN - 1, A4[0] - SIDE_MARGIN + 1
    return "".join(char["text"] for char in chars if char["x0"] < low or char["x1"] > high)


def headings(html: str) -> list[str]:
    """The text of every heading of the report, as one line."""
    found = re.findall(r"<h([123])[^>]*>(.*?)</h\1>", html, re.DOTALL)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split()) for _, inner in found]


PRINTED = [
    ("acme", "relationship", ROOT / "examples" / "acme-hosting", "en", 6),
    ("northwind", "pulse", DATA / "northwind", "fr", 6),
    ("sparse", "pulse", DATA / "sparse.toml", "en", 5),
]


@pytest.mark.parametrize("case", PRINTED, ids=[case[0] for case in PRINTED])
def test_the_report_prints_on_a4(tmp_path: Path, case: tuple[str, str, Path, str, int]) -> None:
    """Printed to PDF: A4 pages, as many as expected, the relationship's name at the top of each,
    the executive summary's findings and actions on the first, no text printed over other text
    (evidence cells, radar labels), no heading ending a page, no page but the last left half
    empty, and no page that holds only its running header and footer."""
    key, questionnaire, source, lang, pages = case
    q = vm.load_questionnaire(questionnaire)
    if source.is_dir():
        current, history = vm.load_history(source)
    else:
        current, history = vm.load_responses(source), []
    html = render_html(vm.assess(q, current, history=history), lang=lang, questionnaire=q, responses=current)
    page = tmp_path / f"{key}.html"
    page.write_text(html, encoding="utf-8")
    printout = printed(tmp_path, page)
    words = [on_page for on_page, _ in printout]
    assert pages == len(words)
    result = vm.assess(q, current, history=history)
    title = f"{result.client} ↔ {result.supplier}"
    assert [title] * pages == [lines_of(on_page)[0] for on_page in words]
    first = " ".join(lines_of(words[0]))
    summary = [tr(text, lang) for text in ("Top findings", "First actions")]
    assert [True, True] == [text.upper() in first.upper() for text in summary]
    running = {title} | {
        line for on_page in words for line in lines_of(on_page) if re.fullmatch(r"Page \d+ / \d+", line)
    }
    assert [] == [n for n, on_page in enumerate(words, 1) if not set(lines_of(on_page)) - running]
    assert [[] for _ in words] == [overlapping(chars) for _, chars in printout]
    assert [""] * len(words) == [outside(chars) for _, chars in printout]
    titles = set(headings(html))
    last_lines = [lines_of(on_page)[-1] for on_page in words]
    assert [] == [line for line in last_lines if line in titles]
    fills = [max(w["bottom"] for w in on_page) / (A4[1] - BOTTOM_MARGIN) for on_page in words[:-1]]
    assert [] == [round(fill, 2) for fill in fills if fill < MIN_FILL]


def test_the_print_checks_see_what_they_look_for(tmp_path: Path) -> None:
    """The checks above fail on a page made to fail them: overlapping cells, a heading at the
    bottom of a half-empty page."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<style>@page { size: A4; margin: 14mm 12mm 16mm; } table { table-layout: fixed; width: 200px; }"
        "td { width: 100px; white-space: nowrap; }"
        ".gap { height: 500px; } .big { height: 900px; break-inside: avoid; }</style>"
        "<table><tr><td>overlapping_long_cell_text</td><td>neighbour</td></tr></table>"
        "<div class='gap'></div><h2>Stranded heading</h2><div class='big'>next</div>",
        encoding="utf-8",
    )
    printout = printed(tmp_path, page)
    words = [on_page for on_page, _ in printout]
    assert ("l", "n") == overlapping(printout[0][1])[0]  # "…long_cell_text" runs into "neighbour"
    assert "Stranded heading" == lines_of(words[0])[-1]
    assert "" == outside(printout[0][1])
    wide = tmp_path / "wide.html"
    wide.write_text(
        "<style>@page { size: A4; margin: 14mm 12mm 16mm; }</style>"
        "<table><tr><td style='white-space: nowrap'>" + "wide " * 60 + "</td></tr></table>",
        encoding="utf-8",
    )
    assert outside(printed(tmp_path, wide)[0][1])  # Chromium shrinks it, but not enough
    assert max(w["bottom"] for w in words[0]) / (A4[1] - BOTTOM_MARGIN) < MIN_FILL
    assert 2 == len(words)
