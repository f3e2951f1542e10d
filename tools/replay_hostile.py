"""Replay a corpus of hostile files against every command, as separate processes.

Each case is a file (or a path such as a device or a named pipe) and the commands that
read it; each command runs in its own process with a time limit, and its outcome is one
of: a clear error (non-zero exit, a message naming the input, no traceback), a
traceback, a hang (over the limit), or silently accepted (exit 0 on input that must be
refused). The corpus: the catalogue of bad files in tests/data/bad, plus generated cases
for the limits of the reader (deep nesting, long dotted keys, huge files, devices,
pipes, duplicate JSON keys, implausible dates, hostile rules) and for outputs.

    python tools/replay_hostile.py            # all cases, 30 s limit
    python tools/replay_hostile.py --limit 10 --keep /tmp/corpus

The workbook, survey-export, operational-export and portfolio cases (tools/hostile_readers.py)
are run too; a command whose right outcome is a result (an output opened elsewhere, a
workbook with an inflated dimension) has its output checked: no live formula, no control
sequence, nothing lost. Every command's peak memory is measured: over 1 GiB is a failure.

Exit status 1 if any outcome is not a clear error.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # when imported from elsewhere (the tests)

import hostile_readers

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
SINGLE = ROOT / "tests" / "data" / "cli" / "single.toml"
PULSE = ROOT / "questionnaires" / "pulse.toml"
COLLECT = ROOT / "tests" / "data" / "collect"
EXAMPLE = ROOT / "examples" / "acme-hosting"
EXPORTS = ROOT / "examples" / "ouessant-logistics" / "exports"
# survey exports the collecting tests assert are refused (each with its exact messages there)
BAD_SURVEYS = [
    "google-bad-answer.csv",
    "google-bad-side.csv",
    "google-no-side.csv",
    "google-same-question-twice.csv",
    "google-unmatched-column.csv",
    "limesurvey-cp1252.csv",
    "limesurvey-utf16-no-bom.csv",
    "limesurvey-ragged.csv",
]
OUTCOMES = (
    "clear error",
    "right result",
    "traceback",
    "hang",
    "over 1 GiB",
    "silently accepted",
    "silently wrong",
    "refused valid",
)
MEMORY = 1 << 30  # bytes a command may hold at its peak
# Runs the command line and reports its peak memory (and its children's) on the last line.
_WRAPPER = """
import atexit, resource, sys
def peak():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write("\\npeak-kib=%d\\n" % max(own, children))
atexit.register(peak)
sys.argv = ["vendormaturity", *sys.argv[1:]]
from vendormaturity.cli import main
main()
"""


@dataclass(frozen=True)
class Case:
    """A hostile input and what reads it: ``questionnaire``, ``responses``, ``workbook``,
    ``survey``, ``export`` (an operational export), ``mapping`` or ``output``(``-folder``)."""

    name: str
    path: Path
    kind: str


def commands(case: Case, scratch: Path) -> Iterator[list[str]]:
    """Every command that reads *case*, as arguments of `vendormaturity`."""
    path = str(case.path)
    out = str(scratch / "out.toml")
    if case.kind == "questionnaire":
        yield ["validate", path]
        yield ["show", path]
        yield ["assess", str(SINGLE), "--questionnaire", path]
        yield ["explain", str(SINGLE), "--questionnaire", path]
        yield ["new", path, "--relationship", "x", "--out", out]
        yield ["fill", path, "--side", "client", "--respondent", "x", "--out", out]
    elif case.kind == "responses":
        yield ["validate", path]
        yield ["assess", path]
        yield ["explain", path]
        yield ["fill", "pulse", "--side", "client", "--respondent", "x", "--out", path]
        yield ["portfolio", "add", path, "--db", str(scratch / "portfolio.db")]
    elif case.kind == "workbook":
        yield ["import", path, "--out", out, "--force"]
        yield ["portfolio", "add", path, "--db", str(scratch / "portfolio.db")]
    elif case.kind == "survey":
        yield [
            "import",
            path,
            "--tool",
            "google",
            "-q",
            "pulse",
            "--relationship",
            "acme",
            "--out",
            out,
            "--force",
        ]
        mapping = str(COLLECT / "pulse-supplier-en.mapping.toml")
        yield [
            "import",
            path,
            "--tool",
            "limesurvey",
            "--mapping",
            mapping,
            "--relationship",
            "acme",
            "--out",
            out,
        ]
    elif case.kind == "export":
        yield ["facts", f"incidents={path}", "-m", "servicenow", "--period", "2026-Q3"]
        yield ["followup", str(EXAMPLE), "--tracker", path, "-m", "spreadsheets", "--out", out, "--force"]
    elif case.kind == "mapping":
        yield ["mapping", path]
        yield ["facts", str(EXPORTS), "-m", path, "--period", "2026-Q3"]
    elif case.kind == "output":
        yield ["assess", str(SINGLE), "--format", "html", "--out", path]
        yield ["new", "pulse", "--relationship", "x", "--out", path, "--force"]
    else:  # a folder as the output of one file (assess writes a report into a folder, by design)
        yield ["new", "pulse", "--relationship", "x", "--out", path, "--force"]


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def generated(folder: Path) -> Iterator[Case]:
    """The cases the catalogue cannot hold as plain files: large, deep, special."""
    valid = SINGLE.read_bytes()
    yield Case(
        "toml-600-deep",
        _write(folder, "deep.toml", valid + b"\nx = " + b"[" * 600 + b"]" * 600 + b"\n"),
        "responses",
    )
    yield Case(
        "json-100000-deep",
        _write(folder, "deep.json", b'{"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        "responses",
    )
    yield Case(
        "toml-dotted-100000",
        _write(folder, "dotted.toml", b"[" + b".".join([b"a"] * 100_000) + b"]\nb = 1\n"),
        "responses",
    )
    yield Case(
        "toml-dotted-9000",
        _write(folder, "dotted9k.toml", b"[" + b".".join([b"a"] * 9_000) + b"]\nb = 1\n"),
        "responses",
    )
    yield Case("toml-10MB", _write(folder, "big.toml", b"# padding\n" * 1_000_000), "responses")
    yield Case(
        "json-key-twice",
        _write(folder, "twice.json", b'{"schema_version": 1, "age_months": 51, "age_months": 2}'),
        "responses",
    )
    text = valid.decode("utf-8")
    date = text.split("date = ")[1].split("\n")[0]
    for when in ("2099-01-01", "9999-12-31", "0001-01-01"):
        yield Case(
            f"date-{when}",
            _write(folder, f"date-{when}.toml", text.replace(date, when).encode()),
            "responses",
        )
    yield Case("device-zero", Path("/dev/zero"), "responses")
    pipe = folder / "pipe.toml"
    if hasattr(os, "mkfifo"):
        os.mkfifo(pipe)
        yield Case("named-pipe", pipe, "responses")
    questionnaire = PULSE.read_text(encoding="utf-8")
    rule = questionnaire.split('when = "', 1)[1].split('"', 1)[0]
    for name, hostile in (
        ("rule-overflow", "1e308 * 1e308 > 1"),
        ("rule-fullwidth", "\uff46\uff41\uff43\uff54\uff53.x > 1"),
        ("rule-nul", "true and\\u0000 true"),
        ("rule-graded-1.5", "1.5"),
    ):
        content = questionnaire.replace(f'when = "{rule}"', f'when = "{hostile}"', 1)
        yield Case(name, _write(folder, f"{name}.toml", content.encode()), "questionnaire")
    if Path("/dev/full").exists():
        yield Case("out-device", Path("/dev/full"), "output")
    yield Case("out-folder", folder, "output-folder")
    yield from _generated_exports(folder)


def _generated_exports(folder: Path) -> Iterator[Case]:
    """Hostile workbooks, survey exports, operational exports and mappings."""
    yield Case("xlsx-random-bytes", _write(folder, "random.xlsx", bytes(range(256)) * 400), "workbook")
    yield Case("xlsx-empty", _write(folder, "empty.xlsx", b""), "workbook")
    yield Case("xlsx-not-a-workbook-zip", _write(folder, "zip.xlsx", _zip({"hello.txt": b"hi"})), "workbook")
    yield Case(
        "xlsx-broken-xml",
        _write(folder, "xml.xlsx", _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<<<"})),
        "workbook",
    )
    yield Case("xlsx-a-toml-file", _write(folder, "single.xlsx", SINGLE.read_bytes()), "workbook")
    header = ",".join(f"c{n}" for n in range(100_000)).encode()
    yield Case(
        "csv-100000-columns", _write(folder, "wide.csv", header + b"\n" + b"1," * 99_999 + b"1\n"), "survey"
    )
    yield Case("csv-nul-bytes", _write(folder, "nul.csv", b"Timestamp,Name\n2026\x00,Claire\n"), "survey")
    yield Case(
        "csv-one-huge-field",
        _write(folder, "huge.csv", b'Timestamp,Name\n1,"' + b"x" * 3_000_000 + b'"\n'),
        "survey",
    )
    yield Case("csv-unclosed-quote", _write(folder, "quote.csv", b'Timestamp,Name\n1,"Claire\n'), "survey")
    for name in BAD_SURVEYS:
        yield Case(f"survey-{name}", COLLECT / name, "survey")
    yield Case("export-device-zero", Path("/dev/zero"), "export")
    incidents = b'"number","opened_at","priority","state"\n'  # no escalation column, which the formulas read
    yield Case(
        "export-missing-columns",
        _write(folder, "incident-a.csv", incidents + b'"INC1","2026-08-01","1","New"\n'),
        "export",
    )
    yield Case("export-binary", _write(folder, "incident-b.csv", bytes(range(256)) * 100), "export")
    yield Case("export-100000-columns", _write(folder, "incident-c.csv", header + b"\n"), "export")
    mapping = (ROOT / "mappings" / "servicenow.toml").read_text(encoding="utf-8")
    yield Case(
        "mapping-deep",
        _write(folder, "deep-map.toml", (mapping + "\nx = " + "[" * 600 + "]" * 600 + "\n").encode()),
        "mapping",
    )
    yield Case(
        "mapping-twice", _write(folder, "twice-map.toml", (mapping + '\nid = "again"\n').encode()), "mapping"
    )
    yield Case("mapping-csv", _write(folder, "csv-map.toml", b"a;b;c\n1;2;3\n"), "mapping")


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def catalogue() -> Iterator[Case]:
    for path in sorted(BAD.iterdir()):
        kind = "questionnaire" if path.name.startswith("q_") else "responses"
        yield Case(path.stem, path, kind)


def run(arguments: list[str], limit: float, *, ok: bool = False) -> tuple[str, float, str]:
    """(outcome, seconds, output) of one command in a fresh process.

    *ok*: exit 0 is the right outcome (an output whose content is then checked apart).
    """
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *arguments],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=limit,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120"},
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "hang", time.perf_counter() - started, ""
    seconds = time.perf_counter() - started
    stderr, _, peak = done.stderr.rpartition("\npeak-kib=")
    output = done.stdout + stderr
    if "Traceback (most recent call last)" in output:
        return "traceback", seconds, output
    if peak.strip().isdigit() and int(peak) * 1024 > MEMORY:
        return "over 1 GiB", seconds, output
    if ok:
        return ("right result" if done.returncode == 0 else "refused valid"), seconds, output
    if done.returncode == 0:
        return "silently accepted", seconds, output
    return "clear error", seconds, output


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=float, default=30.0, help="seconds a command may take (default 30)")
    parser.add_argument("--keep", type=Path, help="write the generated cases here and keep them")
    parser.add_argument("--only", default="", help="only the cases whose name starts with this")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = options.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        scratch = Path(temporary) / "scratch"
        scratch.mkdir()
        cases = [case for case in (*catalogue(), *generated(folder)) if case.name.startswith(options.only)]
        totals: Counter[str] = Counter()
        per_command: dict[str, Counter[str]] = {}
        slowest = 0.0

        def record(name: str, arguments: list[str], outcome: str, seconds: float, output: str) -> None:
            nonlocal slowest
            slowest = max(slowest, seconds)
            totals[outcome] += 1
            per_command.setdefault(arguments[0], Counter())[outcome] += 1
            if outcome not in ("clear error", "right result"):
                print(f"{outcome:18} {name}: vendormaturity {' '.join(arguments)[:300]}")
                print("    " + (output.strip().splitlines() or [""])[-1][:200])

        for case in cases:
            for arguments in commands(case, scratch):
                record(case.name, arguments, *run(arguments, options.limit))
        readers = [
            found for found in hostile_readers.cases(folder, scratch) if found.name.startswith(options.only)
        ]
        for hostile in readers:
            for step in hostile.runs:
                outcome, seconds, output = run(step.arguments, options.limit, ok=step.ok)
                if outcome == "right result" and step.check is not None:
                    wrong = step.check(output, scratch)
                    if wrong is not None:
                        outcome, output = "silently wrong", wrong
                record(hostile.name, step.arguments, outcome, seconds, output)
        cases += [Case(hostile.name, folder, "readers") for hostile in readers]
    print(f"\n{len(cases)} hostile inputs, {sum(totals.values())} tries, slowest {slowest:.2f} s")
    print(f"{'command':10} {'tries':>6} " + " ".join(f"{outcome:>14}" for outcome in OUTCOMES))
    for command, counts in sorted(per_command.items()):
        cells = " ".join(f"{counts[outcome]:>14}" for outcome in OUTCOMES)
        print(f"{command:10} {sum(counts.values()):>6} {cells}")
    cells = " ".join(f"{totals[outcome]:>14}" for outcome in OUTCOMES)
    print(f"{'all':10} {sum(totals.values()):>6} {cells}")
    right = totals["clear error"] + totals["right result"]
    return 0 if right == sum(totals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
