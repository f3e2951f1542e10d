"""Every visible text goes through the catalogue: the example corpus in a pseudo-language.

The pseudo-language ``qps`` (``scripts/catalogue.py pseudo``) marks each translated text
``⟦…⟧``, and a copy of the bundled questionnaire marks each of its labels ``⟪…⟫``. Every
command, report format, workbook, portfolio page and error is then produced in ``qps``
from the example corpus, and its visible text is read back: once the marked spans are
taken out, what is left may hold numbers, punctuation and the data itself (names,
comments, file names, action ids) – any other word is a text that did not go through
the catalogue, and the test names it with its line.
"""

from __future__ import annotations

import functools
import html.parser
import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from conftest import CliRun, load_script

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PSEUDO = "qps"
catalogue = load_script("catalogue")

MARKED = (("⟦", "⟧"), ("⟪", "⟫"))  # the catalogue's texts, the questionnaire's labels
WORD = re.compile(r"[^\W\d_]{2,}")


# --------------------------------------------------------------------------- the pseudo-language


@pytest.fixture(scope="module")
def locale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The ``qps`` catalogue, found through VENDORMATURITY_LOCALE_PATH for the whole module."""
    folder = tmp_path_factory.mktemp("locale")
    catalogue.pseudo(folder)
    before = os.environ.get("VENDORMATURITY_LOCALE_PATH")
    os.environ["VENDORMATURITY_LOCALE_PATH"] = str(folder)
    yield folder
    if before is None:
        del os.environ["VENDORMATURITY_LOCALE_PATH"]
    else:
        os.environ["VENDORMATURITY_LOCALE_PATH"] = before


def _marked_labels(node: Any) -> Any:
    """*node* with every label (a table with ``en`` and ``fr`` texts) given a marked ``qps`` text."""
    if isinstance(node, dict):
        done = {key: _marked_labels(value) for key, value in node.items()}
        if isinstance(node.get("en"), str) and isinstance(node.get("fr"), str):
            done[PSEUDO] = f"⟪{node['en']}⟫"
        return done
    if isinstance(node, list):
        return [_marked_labels(item) for item in node]
    return node


def pseudo_questionnaire(folder: Path) -> Path:
    """The bundled ``relationship`` questionnaire with a ``qps`` text for every label, in *folder*."""
    document = tomllib.loads((ROOT / "questionnaires" / "relationship.toml").read_text(encoding="utf-8"))
    document = _marked_labels(document)
    document["languages"] = [*document["languages"], PSEUDO]
    path = folder / "relationship.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pseudo_questionnaire(tmp_path_factory.mktemp("questionnaire"))


# --------------------------------------------------------------------------- what may stay unmarked


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


@pytest.fixture(scope="module")
def data_words() -> frozenset[str]:
    return words_of_the_data()


@functools.cache
def words_of_the_data() -> frozenset[str]:
    """The words of the data itself: names, comments, relationships, files, action and question ids."""
    words: set[str] = {"vendormaturity", "toml", "xlsx", "csv", "html", "md", "json", "tmp", "pytest"}
    for path in EXAMPLES.rglob("*"):
        words.update(part.lower() for part in WORD.findall(str(path.relative_to(ROOT))))
        if path.suffix == ".toml" and path.name != "expected.toml":
            for text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
                words.update(word.lower() for word in WORD.findall(text))
    document = tomllib.loads((ROOT / "questionnaires" / "relationship.toml").read_text(encoding="utf-8"))
    for entry in (*document["actions"], *document["questions"], *document["scales"]):
        words.update(word.lower() for word in WORD.findall(entry["id"]))
    return frozenset(words)


@functools.cache
def words_of_the_format() -> frozenset[str]:
    """What a questionnaire's author types: ids of facts, questions, scales and codes, fact choices,
    conditions (``relevant``), and the titles of the bundled questionnaires, which ``list`` shows."""
    words: set[str] = {"true", "false"}
    for name in ("relationship", "pulse"):
        document = tomllib.loads((ROOT / "questionnaires" / f"{name}.toml").read_text(encoding="utf-8"))
        words.update(word.lower() for word in WORD.findall(document["title"]["en"] + " " + name))
        for entry in (*document["facts"], *document["questions"], *document["scales"]):
            for key in ("id", "relevant"):
                words.update(word.lower() for word in WORD.findall(entry.get(key, "")))
            for choice in (*entry.get("choices", ()), *entry.get("missing", ())):
                words.update(
                    word.lower() for word in WORD.findall(str(choice.get("value", choice.get("code"))))
                )
    return frozenset(words)


@functools.cache
def words_of_the_rules() -> frozenset[str]:
    """The words of the rules as written – ids and expressions – which ``explain`` shows as code."""
    document = tomllib.loads((ROOT / "questionnaires" / "relationship.toml").read_text(encoding="utf-8"))
    words: set[str] = set()
    for rule in (*document["phase_rules"], *document["patterns"]):
        for text in _strings(_without_labels(rule)):
            words.update(word.lower() for word in WORD.findall(text))
    return frozenset(words)


def _without_labels(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _without_labels(value)
            for key, value in node.items()
            if not (isinstance(value, dict) and {"en", "fr"} <= value.keys())
        }
    if isinstance(node, list):
        return [_without_labels(item) for item in node]
    return node


def unmarked(text: str) -> str:
    """*text* without its marked spans (nested, across lines; a span cut by a table's wrap too)."""
    for opening, closing in MARKED:
        inner = re.compile(f"{opening}[^{opening}{closing}]*{closing}")
        while True:
            text, count = inner.subn(" ", text)
            if not count:
                break
    for opening, closing in MARKED:
        text = re.sub(f"{opening}[^\n]*", " ", text)
        text = re.sub(f"[^\n]*{closing}", " ", text)
    return text


def leaks(text: str, allowed: frozenset[str]) -> list[str]:
    """The lines of *text* that hold a word neither marked nor data."""
    found = []
    for line in unmarked(text).splitlines():
        words = [word for word in WORD.findall(line) if word.lower() not in allowed]
        if words:
            found.append(f"{' '.join(words)}   <- {line.strip()}")
    return found


def assert_no_leaks(text: str, allowed: frozenset[str]) -> None:
    """Fail with every line that leaks, each with the words that did not go through the catalogue."""
    found = leaks(text, allowed)
    assert not found, "texts outside the catalogue:\n" + "\n".join(found)


class _Visible(html.parser.HTMLParser):
    """The text a reader sees in an HTML page: text nodes and the attributes read aloud."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        self.parts += [value for name, value in attrs if name in ("title", "alt", "aria-label") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(page: str) -> str:
    reader = _Visible()
    reader.feed(page)
    return "\n".join(reader.parts)


def workbook_text(path: Path) -> str:
    """Every text a respondent sees in a workbook: sheet names, cells, drop-down prompts and errors."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    parts: list[str] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        parts.append(sheet.title)
        hidden = {letter for letter, dimension in sheet.column_dimensions.items() if dimension.hidden}
        for row in sheet.iter_rows():
            if row and sheet.row_dimensions[int(row[0].row or 0)].hidden:
                continue
            parts += [
                cell.value
                for cell in row
                if isinstance(cell.value, str)
                and cell.column_letter not in hidden
                and not cell.value.startswith("#")
            ]
        for validation in sheet.data_validations.dataValidation:
            parts += [
                text
                for text in (
                    validation.promptTitle,
                    validation.prompt,
                    validation.errorTitle,
                    validation.error,
                )
                if text
            ]
    return "\n".join(parts)


# --------------------------------------------------------------------------- the corpus in qps


def _run(cli: CliRun, *args: str) -> Any:
    return cli(*args, VENDORMATURITY_LANG=PSEUDO, COLUMNS="120")


RELATIONSHIPS = sorted(path.name for path in EXAMPLES.iterdir() if (path / "expected.toml").is_file())


@pytest.mark.parametrize("relationship", RELATIONSHIPS)
@pytest.mark.parametrize("kind", ["terminal", "markdown", "html", "explain"])
def test_every_report_of_the_examples_speaks_only_through_the_catalogue(
    cli: CliRun,
    locale: Path,
    questionnaire: Path,
    *,
    data_words: frozenset[str],
    relationship: str,
    kind: str,
) -> None:
    """Each example's report, in each format and in ``explain``, in the pseudo-language."""
    path = str(EXAMPLES / relationship)
    if kind == "explain":
        result = _run(cli, "explain", path, "-q", str(questionnaire))
    else:
        result = _run(cli, "assess", path, "-q", str(questionnaire), "-f", kind, "--allow-insufficient")
    assert 0 == result.exit_code, result.output
    shown = visible(result.stdout) if kind == "html" else result.stdout
    allowed = data_words | words_of_the_rules() if kind == "explain" else data_words
    assert_no_leaks(shown, allowed)


# --------------------------------------------------------------------------- commands and files


def _help_words(command: Any) -> Iterator[str]:
    """The syntax a help shows as it is: command names, option names, metavars and choices."""
    for name, sub in getattr(command, "commands", {}).items():
        yield name
        yield from _help_words(sub)
    for param in command.params:
        yield from param.opts
        yield from param.secondary_opts
        yield param.metavar or ""
        yield param.name or ""
        yield param.envvar or "" if isinstance(param.envvar, str | None) else ""
        choices = getattr(getattr(param, "type_descriptor", None), "choices", None) or ()
        yield from (str(getattr(choice, "value", choice)) for choice in choices)


@functools.cache
def words_of_the_help() -> frozenset[str]:
    import typer.main

    from vendormaturity.cli import app

    words = {"options", "command", "args", "help", "id", "file", "url", "en", "fr", PSEUDO}
    for text in _help_words(typer.main.get_command(app)):
        words.update(word.lower() for word in WORD.findall(text))
    return frozenset(words)


def _commands() -> list[tuple[str, ...]]:
    import typer.main

    from vendormaturity.cli import app

    found: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


@pytest.mark.parametrize("path", _commands(), ids=lambda path: " ".join(path) or "vendormaturity")
def test_every_help_speaks_only_through_the_catalogue(
    cli: CliRun, locale: Path, data_words: frozenset[str], path: tuple[str, ...]
) -> None:
    """``--help`` of every command: descriptions, headings, defaults and Typer's own words."""
    result = _run(cli, *path, "--help")
    assert 0 == result.exit_code, result.output
    assert_no_leaks(result.stdout, data_words | words_of_the_help())


def _toml_words() -> frozenset[str]:
    """The keys and values a response file is written with (``schema_version``, ``respondents``…)."""
    import json

    words: set[str] = set()
    for kind in ("responses", "questionnaire"):
        schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for text in _strings(schema):
            words.update(word.lower() for word in WORD.findall(text) if len(text) < 40)
        words.update(_keys(schema))
    return frozenset(words)


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from (word.lower() for word in WORD.findall(key))
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_the_questionnaire_commands_speak_only_through_the_catalogue(
    cli: CliRun, locale: Path, questionnaire: Path, data_words: frozenset[str]
) -> None:
    """``list`` and ``show``."""
    shown = _run(cli, "list").stdout + _run(cli, "show", str(questionnaire)).stdout
    assert_no_leaks(shown, data_words | words_of_the_format() | {"en", "fr", PSEUDO})


def test_a_new_response_file_speaks_only_through_the_catalogue(
    cli: CliRun, locale: Path, questionnaire: Path, data_words: frozenset[str], tmp_path: Path
) -> None:
    """The commented template of ``new``: its instructions, scales, facts and questions."""
    out = tmp_path / "new.toml"
    result = _run(
        cli, "new", str(questionnaire), "-r", "acme-hosting", "--out", str(out), "--date", "2026-09-15"
    )
    assert 0 == result.exit_code, result.output
    paths = {word.lower() for word in WORD.findall(str(questionnaire))}
    assert_no_leaks(
        result.output + out.read_text(encoding="utf-8"),
        data_words | _toml_words() | words_of_the_format() | paths,
    )


def test_fill_speaks_only_through_the_catalogue(
    cli: CliRun, locale: Path, questionnaire: Path, data_words: frozenset[str], tmp_path: Path
) -> None:
    """``fill``'s whole conversation: a few answers, a refusal, a skip, then quit (answers saved)."""
    out = tmp_path / "fill.toml"
    answers = ["4", "9", "3", "s", "b", "4", "q"]
    result = cli(
        "fill",
        str(questionnaire),
        "--side",
        "client",
        "--respondent",
        "Aïcha Benali",
        "--out",
        str(out),
        "--relationship",
        "acme-hosting",
        input="".join(f"{answer}\n" for answer in answers),
        VENDORMATURITY_LANG=PSEUDO,
        COLUMNS="120",
    )
    assert_no_leaks(result.output, data_words | _toml_words() | words_of_the_format())


def test_followup_speaks_only_through_the_catalogue(
    cli: CliRun, locale: Path, questionnaire: Path, data_words: frozenset[str], tmp_path: Path
) -> None:
    """The ``[[followup]]`` block written for the next assessment."""
    result = _run(cli, "followup", str(EXAMPLES / "acme-hosting"), "-q", str(questionnaire))
    assert 0 == result.exit_code, result.output
    assert_no_leaks(result.output, data_words | _toml_words())


def test_facts_speak_only_through_the_catalogue(
    cli: CliRun, locale: Path, questionnaire: Path, data_words: frozenset[str], tmp_path: Path
) -> None:
    """``facts`` from the example's exports: each fact with where it came from."""
    result = _run(
        cli,
        "facts",
        str(EXAMPLES / "ouessant-logistics" / "exports"),
        "-m",
        "servicenow",
        "-m",
        "spreadsheets",
        "--period",
        "2026-Q3",
        "-q",
        str(questionnaire),
        "--out",
        str(tmp_path / "facts.toml"),
    )
    assert 0 == result.exit_code, result.output
    assert_no_leaks(result.output, data_words | {"servicenow", "spreadsheets"})


def test_the_workbook_and_its_import_speak_only_through_the_catalogue(
    cli: CliRun, locale: Path, questionnaire: Path, data_words: frozenset[str], tmp_path: Path
) -> None:
    """The exported workbook (sheets, cells, drop-down prompts) and ``import``'s summary."""
    from conftest import fill_as_respondent

    book = tmp_path / "claire.xlsx"
    exported = _run(
        cli,
        "export",
        str(questionnaire),
        "--side",
        "client",
        "--lang",
        PSEUDO,
        "--relationship",
        "acme-hosting",
        "--client",
        "ACME",
        "--supplier",
        "HostCo",
        "--out",
        str(book),
        "--date",
        "2026-09-15",
    )
    assert 0 == exported.exit_code, exported.output
    assert_no_leaks(exported.output + workbook_text(book), data_words)
    fill_as_respondent(book, "Claire Martin")
    imported = _run(cli, "import", str(book), "-q", str(questionnaire), "--out", str(tmp_path / "r.toml"))
    assert_no_leaks(imported.output, data_words | {"claire", "martin"})


def test_the_portfolio_speaks_only_through_the_catalogue(
    cli: CliRun, locale: Path, questionnaire: Path, data_words: frozenset[str], tmp_path: Path
) -> None:
    """``portfolio add``, ``list``, ``show``, ``compare`` and the portfolio page with its reports."""
    db = f"sqlite:///{tmp_path / 'portfolio.db'}"
    examples = [str(EXAMPLES / name) for name in ("acme-hosting", "pelican-claims-tma", "torvald-datacentre")]
    shown = [_run(cli, "portfolio", "add", *examples, "--db", db, "-q", str(questionnaire), "--workers", "1")]
    shown += [_run(cli, "portfolio", "list", "--db", db)]
    shown += [_run(cli, "portfolio", "show", "acme-hosting", "--db", db)]
    shown += [
        _run(
            cli,
            "portfolio",
            "compare",
            "acme-hosting",
            "--from",
            "2024-10-01",
            "--to",
            "2026-10-01",
            "--db",
            db,
        )
    ]
    out = tmp_path / "report"
    shown += [_run(cli, "portfolio", "report", "--db", db, "--format", "html", "--out", str(out))]
    assert [0, 0, 0, 0, 0] == [result.exit_code for result in shown], [result.output for result in shown]
    text = "\n".join(result.output for result in shown)
    text += "\n".join(visible(page.read_text(encoding="utf-8")) for page in sorted(out.rglob("*.html")))
    # The store names the bundled questionnaire, whose labels have no pseudo-language: its English is data.
    bundled = tomllib.loads((ROOT / "questionnaires" / "relationship.toml").read_text(encoding="utf-8"))
    labels = {word.lower() for text in _strings(bundled) for word in WORD.findall(text)}
    assert_no_leaks(text, data_words | labels)


BAD = ROOT / "tests" / "data" / "bad"


@pytest.mark.parametrize("path", sorted(BAD.iterdir()), ids=lambda path: path.name)
def test_every_refused_file_is_explained_through_the_catalogue(
    cli: CliRun, locale: Path, data_words: frozenset[str], path: Path
) -> None:
    """``validate`` of each file of the catalogue of bad inputs: the command's report and every
    located problem. What a message quotes of the file (its keys, values, ids) is data."""
    result = _run(cli, "validate", str(path))
    assert 2 == result.exit_code, result.output
    quoted = {word.lower() for word in WORD.findall(path.read_bytes().decode("utf-8", "replace"))}
    paths = {word.lower() for word in WORD.findall(str(path))}
    allowed = data_words | quoted | paths | words_of_the_format() | _toml_words() | {"toml", "json", "utf"}
    assert_no_leaks(result.output, allowed)
