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
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.render.html import render_html

DATA = Path(__file__).parent / "data" / "cli"
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
    assert "<title>Relationship assessment – northwind-logistics</title>" in done.stdout
    sections = re.findall(r'<section id="(\w+)"', done.stdout)
    assert ["phase", "dimensions", "findings", "plan", "followup", "history", "data", "comments"] == sections


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
