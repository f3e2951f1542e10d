"""``vendormaturity portfolio …`` run as a user would: output, files written, exit codes."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import vendormaturity as vm
from vendormaturity import cli
from vendormaturity.cli import portfolio as portfolio_commands

from .helpers import ACME, EXAMPLE_FOLDERS, EXAMPLES, ROUNDS, in_segment

NORTHWIND = Path(__file__).parents[1] / "data" / "cli" / "northwind"


def run(db: str, *args: str) -> Result:
    """The command with VENDORMATURITY_DB set, 100 columns, no colour, no terminal."""
    env = {"COLUMNS": "100", "NO_COLOR": None, "FORCE_COLOR": None, "VENDORMATURITY_DB": db}
    return CliRunner().invoke(cli.app, ["portfolio", *args], env=env)


@pytest.fixture
def filled(db: str) -> str:
    """A portfolio holding the examples."""
    assert 0 == run(db, "add", str(EXAMPLES)).exit_code
    return db


def test_init_and_add(db: str) -> None:
    """init creates, add says what it stored; adding again stores nothing."""
    result = run(db, "init")
    assert 0 == result.exit_code
    assert result.stdout.endswith("portfolio created\n")
    result = run(db, "add", str(EXAMPLES))
    assert 0 == result.exit_code, result.output
    assert (
        f"added {ROUNDS} response sets (0 already stored) of {len(EXAMPLE_FOLDERS)} relationships; "
        f"{ROUNDS} results computed\n"
    ) == result.stdout
    result = run(db, "add", str(ACME))
    assert (
        "added 0 response sets (4 already stored) of 0 relationships; 0 results computed\n" == result.stdout
    )


def test_add_reports_every_problem_and_adds_nothing(db: str, tmp_path: Path) -> None:
    """An invalid file: exit 2, the located problems on stderr, no traceback, nothing stored."""
    bad = tmp_path / "2026-01-01.toml"
    bad.write_text((ACME / "2026-09-15.toml").read_text().replace("[facts]\n", "[facts]\nage_months = -1\n"))
    result = run(db, "add", str(ACME), str(bad))
    assert 2 == result.exit_code
    assert result.stderr.startswith("error: 1 problem; nothing was added to the portfolio\n")
    assert f"  {bad}:" in result.stderr
    assert "facts.age_months: must be at least 0, got -1" in result.stderr
    assert "Traceback" not in result.output
    with pytest.raises(vm.PortfolioError, match="no portfolio here"):
        vm.Portfolio(db).lines()  # not even created: the whole add was one transaction


def test_add_of_a_path_that_is_not_there_says_so_and_opens_nothing(db: str, tmp_path: Path) -> None:
    """The files are listed before the store is opened: a missing one stops the command there."""
    missing = tmp_path / "nowhere"
    result = run(db, "add", str(ACME), str(missing), "--workers", "2")
    assert (2, f"error: {missing}: no such file or folder\n") == (result.exit_code, result.stderr)
    with pytest.raises(vm.VendorMaturityError, match="no portfolio here"):
        vm.Portfolio(db).lines()


def test_add_with_workers_stores_what_one_process_does(db: str, tmp_path: Path) -> None:
    """With workers (their fork server started before the store opens), the same rounds and results."""
    alone = str(tmp_path / "alone.db")
    assert 0 == run(alone, "add", str(EXAMPLES), "--workers", "1").exit_code
    result = run(db, "add", str(EXAMPLES), "--workers", "2")
    assert 0 == result.exit_code, result.output
    assert [line.as_dict() for line in vm.Portfolio(db).lines(as_of=datetime.date(2026, 12, 1))] == [
        line.as_dict() for line in vm.Portfolio(alone).lines(as_of=datetime.date(2026, 12, 1))
    ]


def test_list_in_three_formats(filled: str) -> None:
    """A table for people, JSON and CSV for programs; filters narrow the lines."""
    table = run(filled, "list", "--as-of", "2026-12-01")
    assert 0 == table.exit_code
    lines = table.stdout.splitlines()
    assert "relationship          segment       phase       trend  newest      findings  overdue" == lines[0]
    assert "acme-hosting          Strategic     Norming     →      2026-09-15         2       10" == lines[1]
    assert f"{len(EXAMPLE_FOLDERS)} relationships" == lines[-1].strip()
    rows = json.loads(run(filled, "list", "--format", "json", "--segment", "strategic").stdout)
    assert len(in_segment("strategic")) == len(rows)
    assert {"relationship", "phase", "trend", "open_findings", "overdue_actions", "patterns"} <= set(rows[0])
    text = run(filled, "list", "-f", "csv", "--phase", "storming", "--pattern", "zero_sum").stdout
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert ["garonne-engineering"] == [row["relationship"] for row in parsed]
    assert "structural_storming zero_sum escalation_culture" == parsed[0]["patterns"]


def test_list_refuses_a_bad_date(filled: str) -> None:
    result = run(filled, "list", "--as-of", "01/12/2026")
    assert 2 == result.exit_code
    assert "'01/12/2026' is not a date (YYYY-MM-DD)" in result.output


def test_show_and_compare(filled: str) -> None:
    """The trajectory, the last change, the open actions; compare between two dates."""
    shown = run(filled, "show", "acme-hosting", "--as-of", "2026-12-01")
    assert 0 == shown.exit_code
    assert shown.stdout.startswith(
        "acme-hosting: ACME Industries / HostCo Managed Services, segment strategic, since 2022-06-01, "
        "renewal 2029-05-31\n"
    )
    assert re.search(r"\nphase +Storming +Norming +Norming +Norming\n", shown.stdout)
    assert "changes from 2025-09-11 to 2026-09-15" in shown.stdout
    assert "Pilot experience-level indicators (XLAs)" in shown.stdout
    assert "overdue" in shown.stdout
    data = json.loads(run(filled, "show", "acme-hosting", "-f", "json").stdout)
    assert ["storming", "norming", "norming", "norming"] == [r["phase"] for r in data["rounds"]]
    assert data["last_change"]["phase_changed"] is False
    compared = json.loads(
        run(
            filled, "compare", "acme-hosting", "--from", "2024-01-01", "--to", "2026-12-31", "-f", "json"
        ).stdout
    )
    assert ("2023-09-14", "2026-09-15", True) == (
        compared["from"]["date"],
        compared["to"]["date"],
        compared["phase_changed"],
    )
    table = run(filled, "compare", "acme-hosting", "--from", "2024-01-01", "--to", "2026-12-31")
    assert re.search(r"\nphase +Storming +Norming +changed\n", table.stdout)


def test_show_and_compare_errors(filled: str) -> None:
    """Unknown relationship, dates the wrong way round, a date that is not one: exit 2."""
    unknown = run(filled, "show", "acme")
    assert (2, "error: no relationship 'acme' in the portfolio\n") == (unknown.exit_code, unknown.stderr)
    backwards = run(filled, "compare", "acme-hosting", "--from", "2026-01-01", "--to", "2025-01-01")
    assert (2, "error: --to 2025-01-01 is before --from 2026-01-01\n") == (
        backwards.exit_code,
        backwards.stderr,
    )
    bad = run(filled, "compare", "acme-hosting", "--from", "soon", "--to", "2025-01-01")
    assert 2 == bad.exit_code
    assert "'soon' is not a date (YYYY-MM-DD)" in bad.output


def test_report_writes_the_page_and_each_linked_report(filled: str, tmp_path: Path) -> None:
    """index.html links every relationship to its own report, written beside it, which links back."""
    out = tmp_path / "report"
    result = run(
        filled, "report", "--format", "html", "--out", str(out), "--as-of", "2026-12-01", "--top", "3"
    )
    assert 0 == result.exit_code, result.output
    page = (out / "index.html").read_text()
    assert "default-src 'none'" in page
    assert 1 == page.count("<script")
    linked = sorted(p.name for p in (out / "relationships").iterdir())
    assert linked == sorted(f"{key}.html" for key in _links(page))
    assert len(EXAMPLE_FOLDERS) == len(linked)
    assert re.search(r"… and \d+ more in the table of every relationship\.", page)
    acme = (out / "relationships" / "acme-hosting.html").read_text()
    assert "ACME Industries" in acme
    assert '<a href="../index.html">← Supplier portfolio</a>' in acme
    assert f"wrote {out / 'index.html'} and {len(linked)} relationship reports\n" == result.stderr


def _links(page: str) -> list[str]:
    import re

    return sorted(set(re.findall(r'href="relationships/([^"]+)\.html"', page)))


def test_report_escapes_what_the_data_says(db: str, tmp_path: Path) -> None:
    """A relationship named like markup is shown as text, and its report gets a safe file name."""
    rs = vm.load_responses(ACME / "2026-09-15.toml")
    hostile = rs.model_copy(
        update={"relationship": '<img src=x onerror="alert(1)">', "supplier": "A & B <Ltd>"}
    )
    path = tmp_path / "2026-09-15.toml"
    path.write_text(vm.dump_responses(hostile))
    assert 0 == run(db, "add", str(path)).exit_code
    out = tmp_path / "report"
    assert 0 == run(db, "report", "--out", str(out), "--watch", "watermelon").exit_code
    page = (out / "index.html").read_text()
    assert "<img" not in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert "A &amp; B &lt;Ltd&gt;" in page
    assert ["img-src-x-onerror-alert-1-bd32843d.html"] == [p.name for p in (out / "relationships").iterdir()]


def test_list_and_audit_show_names_without_their_control_sequences(db: str, tmp_path: Path) -> None:
    """A relationship, a person or a reason holding escape sequences reaches the terminal escaped."""
    rs = vm.load_responses(ACME / "2026-09-15.toml")
    hostile = rs.model_copy(update={"relationship": "acme\x1b]8;;http://x\x07\x9b31m"})
    path = tmp_path / "2026-09-15.toml"
    path.write_text(vm.dump_responses(hostile), encoding="utf-8")
    assert 0 == run(db, "add", str(path)).exit_code
    listed = run(db, "list")
    assert 0 == listed.exit_code, listed.output
    assert "acme\\x1b]8;;http://x\\x07\\x9b31m" in listed.output
    with vm.Portfolio(db) as store:
        store.remove(
            "acme\x1b]8;;http://x\x07\x9b31m",
            datetime.date(2026, 9, 15),
            reason="typo\x1b[2J",
            by="claire\x1b[2J",
        )
    audited = run(db, "audit")
    assert 0 == audited.exit_code, audited.output
    assert "claire\\x1b[2J" in audited.output
    assert "typo\\x1b[2J" in audited.output
    for output in (listed.output, audited.output):
        assert not any(character in output for character in "\x1b\x07\x9b")


def test_report_files_are_one_per_relationship(db: str, tmp_path: Path) -> None:
    """Names that share their safe letters ("north wind", "north/wind", "north!wind") get a page each."""
    rs = vm.load_responses(ACME / "2026-09-15.toml")
    for index, name in enumerate(("north wind", "north/wind", "north!wind")):
        path = tmp_path / str(index) / "2026-09-15.toml"
        path.parent.mkdir()
        path.write_text(vm.dump_responses(rs.model_copy(update={"relationship": name})))
        assert 0 == run(db, "add", str(path)).exit_code
    out = tmp_path / "report"
    assert 0 == run(db, "report", "--out", str(out), "--watch", "watermelon", "--top", "5").exit_code
    assert 3 == len(list((out / "relationships").iterdir()))


def test_reassess_lists_phase_changes(filled: str, tmp_path: Path) -> None:
    """A new questionnaire version: every round reassessed, the phase changes listed."""
    assert 0 == run(filled, "add", str(NORTHWIND)).exit_code
    document = vm.load_questionnaire("relationship").model_dump(mode="json", exclude_none=True)
    document["version"] = "1.2.0"
    for rule in document["phase_rules"]:
        if rule["phase"] == "performing":
            rule["weight"] = rule["weight"] / 10
    path = tmp_path / "relationship-1.1.toml"
    path.write_text(vm.dump_questionnaire(vm.questionnaire_from_dict(document)))
    result = run(filled, "reassess", "--questionnaire", str(path))
    assert 0 == result.exit_code, result.output
    lines = result.stdout.splitlines()
    assert (
        f"reassessed {ROUNDS} rounds of {len(EXAMPLE_FOLDERS) + 1} relationships with relationship 1.2.0 "
        "(3 answered to another questionnaire, skipped)"
    ) == lines[0]
    assert lines[1].endswith("changed phase:")
    assert all(" → " in line for line in lines[2:])
    again = run(filled, "reassess", "--questionnaire", str(path))
    assert "no relationship changed phase" == again.stdout.splitlines()[-1]


def test_a_progress_bar_on_a_terminal(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, a progress bar (on stderr); --verbose adds a line per relationship."""
    monkeypatch.setattr(portfolio_commands, "_stderr_is_terminal", lambda: True)
    result = run(db, "add", str(EXAMPLES), "--verbose")
    assert 0 == result.exit_code
    assert "acme-hosting: 4 rounds" in result.stderr
    assert f"added {ROUNDS} response sets" in result.stdout


def test_verbose_without_a_terminal(db: str) -> None:
    """--verbose into a pipe: plain lines, one per relationship assessed."""
    result = run(db, "add", str(ACME), "--verbose")
    assert "acme-hosting: 4 rounds\n" == result.stderr


def test_database_errors_are_clear(tmp_path: Path) -> None:
    """A file that is not a database, a missing portfolio: exit 2 with what to do."""
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not sqlite" * 100)
    result = run(str(corrupt), "list")
    assert (2, f"error: {corrupt}: cannot use the database: file is not a database\n") == (
        result.exit_code,
        result.stderr,
    )
    missing = tmp_path / "missing.db"
    result = run(str(missing), "show", "x")
    assert (2, f"error: {missing}: no portfolio here; create it with `vendormaturity portfolio init`\n") == (
        result.exit_code,
        result.stderr,
    )
    assert not missing.exists()


def test_the_db_option_wins_over_the_environment(db: str, tmp_path: Path) -> None:
    """--db names the database; VENDORMATURITY_DB is the fallback."""
    other = tmp_path / "other.db"
    result = run(db, "add", str(ACME), "--db", str(other))
    assert 0 == result.exit_code
    assert ["acme-hosting"] == vm.Portfolio(other).relationships()


PORTFOLIO_COMMANDS = (
    "init",
    "add",
    "list",
    "show",
    "compare",
    "report",
    "reassess",
    "supersede",
    "remove",
    "audit",
    "responses",
)


def test_help_stays_light() -> None:
    """`vendormaturity --help` does not import SQLAlchemy, Alembic or the store."""
    heavy = "('sqlalchemy', 'alembic', 'vendormaturity.store.portfolio')"
    code = (
        f"import sys; from vendormaturity import cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "[]\n" == out
    help_text = CliRunner().invoke(cli.app, ["portfolio", "--help"], env={"COLUMNS": "100"}).stdout
    for command in PORTFOLIO_COMMANDS:
        assert f" {command} " in help_text


def test_phase_choices_are_the_phases() -> None:
    """The --phase choices, declared in the CLI for a fast --help, are the library's phases."""
    assert [phase.value for phase in vm.Phase] == [choice.value for choice in portfolio_commands.PhaseChoice]


@pytest.mark.parametrize("command", PORTFOLIO_COMMANDS)
def test_every_portfolio_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli.app, ["portfolio", command, "--help"], env={"COLUMNS": "100"})
    assert 0 == result.exit_code
    assert "Example: vendormaturity portfolio " + command in " ".join(result.stdout.split())


def at_a_terminal(*args: str, lines: int = 14, columns: int = 100) -> list[str]:
    """``vendormaturity ARGS`` at a terminal (a pseudo-terminal of *lines* × *columns*): its
    lines as shown, without the terminal's styles."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "LINES": str(lines), "COLUMNS": str(columns), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    with subprocess.Popen(
        [sys.executable, "-m", "vendormaturity", *args], stdin=slave, stdout=slave, stderr=slave, env=env
    ) as process:
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        assert 0 == process.wait(timeout=60)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode())
    return [line.rstrip() for line in shown.replace("\r\n", "\n").splitlines()]


def test_list_at_a_terminal_shows_a_screenful(filled: str) -> None:
    """At a terminal a long list stops after a screenful and says what is left; --all shows all."""
    shown = at_a_terminal("portfolio", "list", "--db", filled, "--as-of", "2026-12-01")
    assert shown[0].startswith("relationship ")
    assert re.fullmatch(r"acme-hosting +Strategic +Norming +→ +2026-09-15 +2 +10", shown[1])
    assert 10 == len(shown) - 3  # a header, ten relationships, the count and what is left
    assert f"{len(EXAMPLE_FOLDERS)} relationships" == shown[-2].strip()
    assert (
        f"… and {len(EXAMPLE_FOLDERS) - 10} more: --all lists them all; --segment, --phase or --pattern "
        "narrow the list"
    ) == shown[-1]
    every = at_a_terminal("portfolio", "list", "--db", filled, "--all", "--as-of", "2026-12-01")
    assert len(EXAMPLE_FOLDERS) + 2 == len(every)

    def keys(shown: list[str]) -> list[str]:
        return [line.split()[0] for line in shown[1:] if line.strip() and not line.startswith((" ", "…"))]

    assert keys(every)[:10] == keys(shown)[:10]  # the screenful is the list's beginning
    for narrowed in (["--segment", "strategic"], ["--phase", "norming"]):
        some = keys(at_a_terminal("portfolio", "list", "--db", filled, *narrowed, "--all"))
        first = keys(at_a_terminal("portfolio", "list", "--db", filled, *narrowed))
        assert first
        assert some[: len(first)] == first
    narrow = at_a_terminal("portfolio", "list", "--db", filled, "--all", columns=80)
    assert 80 == max(len(line) for line in narrow[:-1])
    assert narrow[1].startswith("acme-hosting ")
    assert any(re.match(r"^\S{15}… ", line) for line in narrow)  # a long name cut to fit


def loaded(args: list[str], db: str, modules: tuple[str, ...]) -> str:
    """Which of *modules* a portfolio command imports, as it runs."""
    code = (
        "import sys; from vendormaturity.cli import main; sys.argv = ['vendormaturity', 'portfolio', "
        f"*{args!r}, '--db', {db!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('loaded:', sorted(m for m in {modules!r} if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stderr.strip().splitlines()[-1]


def test_reading_commands_load_neither_the_engine_nor_the_models(filled: str) -> None:
    """list reads the store and nothing else; show and compare read a questionnaire for its labels,
    but neither the assessment engine, the result model, the readers of response files nor Alembic."""
    engine = ("vendormaturity.engine.assessment", "vendormaturity.model.result", "alembic")
    readers = ("vendormaturity.sources.responses", "vendormaturity.store.prepare")
    models = ("vendormaturity.model.questionnaire", "vendormaturity.engine.compiler")
    for args in (["list"], ["list", "--format", "csv"]):
        assert "loaded: []" == loaded(args, filled, (*engine, *readers, *models)), args
    for args in (
        ["show", "acme-hosting"],
        ["compare", "acme-hosting", "--from", "2024-01-01", "--to", "2026-12-31"],
    ):
        assert "loaded: []" == loaded(args, filled, (*engine, *readers)), args
