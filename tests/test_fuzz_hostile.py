"""Structure-aware hostile inputs for every reader: only documented errors, never a crash.

Where tests/test_fuzz.py feeds arbitrary text and mutated documents, these strategies
build what an attacker or a broken export would send: a valid file with a hostile tail
(nesting thousands deep, dotted keys of thousands of parts, integers of thousands of
digits, keys twice, control and look-alike characters), in odd encodings. Every reader
takes the same inputs: the questionnaire and response loaders, and the loader that tells
a file's kind apart (the one ``validate`` uses). The CI profile runs a fixed budget; the
long one is selected with ``pytest -m fuzz_long``.
"""

from __future__ import annotations

import datetime
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_xlsx as hostile
import vendormaturity as vm
from vendormaturity.sources.documents import load_document

ROOT = Path(__file__).resolve().parents[1]
VALID_TOML = (Path(__file__).parent / "data" / "cli" / "single.toml").read_text(encoding="utf-8")
VALID_JSON = '{"schema_version": 1, "questionnaire": "pulse", "questionnaire_version": "1.0.0", '

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
PROFILES = {
    "ci": settings(max_examples=60, deadline=None, suppress_health_check=_QUIET),
    "long": settings(max_examples=20_000, deadline=None, suppress_health_check=_QUIET),
}
profiles = pytest.mark.parametrize("profile", ["ci", pytest.param("long", marks=pytest.mark.fuzz_long)])
# Each example of the structure-aware mutations rewrites and reads a whole real file (tens of ms):
# their long profile stops at 500 examples a test, over three dozen tests.
MUTATIONS = {
    "ci": settings(max_examples=30, deadline=None, suppress_health_check=_QUIET),
    "long": settings(max_examples=500, deadline=None, suppress_health_check=_QUIET),
}


# --------------------------------------------------------------------------- fragments

depths = st.one_of(st.integers(1, 40), st.integers(30, 3_000))
key_names = st.one_of(
    st.sampled_from(["respondents", "facts", "answers", "id", "x", "date"]),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.integers(190, 400).map(lambda n: "k" * n),
)


@st.composite
def toml_tails(draw: st.DrawFn) -> str:
    """A TOML fragment appended to a valid response file."""
    depth = draw(depths)
    choice = draw(st.integers(0, 7))
    key = draw(key_names).replace('"', "").replace("\\", "") or "x"
    if choice == 0:
        return f'\n"{key}" = ' + "[" * depth + "]" * depth + "\n"
    if choice == 1:
        return '\n"x" = ' + "{a = " * depth + "1" + "}" * depth + "\n"
    if choice == 2:
        parts = draw(st.integers(2, 60_000))
        return "\n[" + ".".join(["a"] * parts) + "]\nb = 1\n"
    if choice == 3:
        return f'\n"{key}" = {draw(st.integers(1, 9))}{"0" * draw(st.integers(300, 6_000))}\n'
    if choice == 4:
        return f'\n"{key}" = 1\n"{key}" = 2\n'
    if choice == 5:
        text = draw(st.text(st.characters(codec="utf-8", exclude_characters='"\\')))
        return f'\n"{key}" = "{text}"\n'
    if choice == 6:
        return "\n" + "x" * draw(st.integers(10_000, 40_000)) + " = 1\n"
    return f"\ndate = {draw(st.sampled_from(['2099-01-01', '0001-01-01', '9999-12-31', '1989-12-31']))}\n"


@st.composite
def json_documents(draw: st.DrawFn) -> str:
    """A JSON response file made hostile: deep, keys twice, huge numbers, constants."""
    depth = draw(depths)
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return VALID_JSON + '"x": ' + "[" * depth + "]" * depth + "}"
    if choice == 1:
        return VALID_JSON + '"x": ' + '{"a": ' * depth + "1" + "}" * depth + "}"
    if choice == 2:
        return VALID_JSON + '"questionnaire": "relationship"}'
    if choice == 3:
        return VALID_JSON + f'"x": {draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400"]))}}}'
    return VALID_JSON + f'"x": {"9" * draw(st.integers(4_000, 6_000))}}}'


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1"])


@st.composite
def hostile_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(suffix, bytes) of a hostile TOML or JSON file."""
    if draw(st.booleans()):
        text, suffix = VALID_TOML + draw(toml_tails()), ".toml"
    else:
        text, suffix = draw(json_documents()), ".json"
    encoding = draw(encodings)
    return suffix, text.encode(encoding, errors="replace")


READERS: dict[str, Callable[[Path], object]] = {
    "questionnaire": vm.load_questionnaire,
    "responses": vm.load_responses,
    "any-kind": load_document,
}


@profiles
@pytest.mark.parametrize("reader", sorted(READERS))
def test_hostile_files_raise_only_documented_errors(profile: str, reader: str, tmp_path: Path) -> None:
    """Every reader refuses (or reads) a hostile file with a located, documented error only."""

    @settings(PROFILES[profile])
    @given(hostile_files())
    def check(file: tuple[str, bytes]) -> None:
        suffix, content = file
        path = tmp_path / f"hostile{suffix}"
        path.write_bytes(content)
        messages = ["read"]
        try:
            READERS[reader](path)
        except vm.ValidationError as error:
            messages = [str(problem) for problem in error.problems]
        except vm.VendorMaturityError as error:
            messages = [str(error)]
        assert messages
        assert all(message and message.isprintable() for message in messages)

    check()


# --------------------------------------------------------------------------- collected answers, exports

cells = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(['"', '""', "a\nb", "\x00", "4", "Strongly agree", "dk", "2026-09-31", "=1+1", "1e400"]),
    st.integers(10_000, 200_000).map(lambda n: "x" * n),
)


@st.composite
def hostile_tables(draw: st.DrawFn) -> bytes:
    """A CSV export made hostile: ragged rows, odd quotes, control characters, huge cells,
    thousands of columns, in odd encodings and separators."""
    separator = draw(st.sampled_from([",", ";", "\t", "|"]))
    width = draw(st.one_of(st.integers(1, 8), st.integers(1_000, 20_000)))
    header = [draw(st.sampled_from(["Timestamp", "Horodateur", "number", "opened_at", "Name", "p01"]))]
    header += [f"c{n}" for n in range(width - 1)]
    rows = [separator.join(header)]
    for _ in range(draw(st.integers(0, 5))):
        rows.append(separator.join(draw(st.lists(cells, min_size=0, max_size=min(width + 2, 12)))))
    text = "\n".join(rows) + draw(st.sampled_from(["", "\n", "\r\n", '"']))
    return text.encode(draw(encodings), errors="replace")


@st.composite
def hostile_workbooks(draw: st.DrawFn) -> bytes:
    """An exported workbook cut short, with bytes changed, or a zip of the wrong things."""
    data = WORKBOOK
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return data[: draw(st.integers(0, len(data)))]
    if choice == 1:
        mutated = bytearray(data)
        for _ in range(draw(st.integers(1, 20))):
            mutated[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(mutated)
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in draw(
            st.lists(
                st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "a.txt"]), max_size=3, unique=True
            )
        ):
            archive.writestr(name, draw(st.binary(max_size=200)))
    return buffer.getvalue()


def _workbook() -> bytes:
    return vm.export_workbook(vm.load_questionnaire("pulse"), side="client", lang="en", relationship="acme")


WORKBOOK = _workbook()


def _messages(read: Callable[[], object]) -> list[str]:
    """The messages of a documented error, or ["read"] when the input was read."""
    try:
        read()
    except vm.ValidationError as error:
        return [str(problem) for problem in error.problems]
    except vm.VendorMaturityError as error:
        return [str(error)]
    return ["read"]


@profiles
@pytest.mark.parametrize("tool", ["google", "limesurvey", "forms-csv-as-xlsx"])
def test_hostile_survey_exports_raise_only_documented_errors(profile: str, tool: str, tmp_path: Path) -> None:
    pulse = vm.load_questionnaire("pulse")

    @settings(PROFILES[profile])
    @given(hostile_tables())
    def check(content: bytes) -> None:
        path = tmp_path / ("export.xlsx" if tool == "forms-csv-as-xlsx" else "export.csv")
        path.write_bytes(content)
        chosen = "forms" if tool == "forms-csv-as-xlsx" else tool
        messages = _messages(lambda: vm.read_survey_export(pulse, [path], tool=chosen, relationship="acme"))
        assert messages
        assert all(message and message.isprintable() for message in messages)

    check()


@profiles
def test_hostile_workbooks_raise_only_documented_errors(profile: str, tmp_path: Path) -> None:
    pulse = vm.load_questionnaire("pulse")

    @settings(PROFILES[profile])
    @given(hostile_workbooks())
    def check(content: bytes) -> None:
        path = tmp_path / "claire.xlsx"
        path.write_bytes(content)
        messages = _messages(lambda: vm.read_workbooks(pulse, [path]))
        assert all(message and message.isprintable() for message in messages)

    check()


@profiles
@pytest.mark.parametrize("source", ["incidents", "kpi"])
def test_hostile_operational_exports_raise_only_documented_errors(
    profile: str, source: str, tmp_path: Path
) -> None:
    mapping = "servicenow" if source == "incidents" else "spreadsheets"

    @settings(PROFILES[profile])
    @given(hostile_tables())
    def check(content: bytes) -> None:
        path = tmp_path / "export.csv"
        path.write_bytes(content)
        read = lambda: vm.facts_from({source: [path]}, mapping, period="2026-Q3", today=TODAY)  # noqa: E731
        messages = _messages(read)
        assert all(message and message.isprintable() for message in messages)

    check()


TODAY = datetime.date(2026, 12, 1)


# --------------------------------------------------------------------------- workbooks' parts

FORMS_XLSX = hostile.shared_strings(
    (ROOT / "tests" / "data" / "collect" / "forms-pulse-client-en.xlsx").read_bytes()
)
INVOICES_XLSX = (ROOT / "examples" / "ouessant-logistics" / "exports" / "factures.xlsx").read_bytes()
FILLED_XLSX = hostile.shared_strings(WORKBOOK)


Step = tuple[str, int, list[int], str]
mutations: st.SearchStrategy[list[Step]] = st.lists(
    st.tuples(
        st.sampled_from(hostile.MUTATIONS),
        st.integers(0, 20),
        st.lists(st.integers(0, 2**32), min_size=1, max_size=8),
        st.one_of(st.text(max_size=30), st.sampled_from(["=1+1", "4", "dk", "abc", "1e400", "-1"])),
    ),
    min_size=1,
    max_size=3,
)


def mutated(base: bytes, steps: list[Step]) -> bytes:
    """A real .xlsx with its sheet XML, shared strings, dimensions or workbook.xml mutated by
    *steps*: cells far away or of the wrong type, values dropped, formulas without a value,
    indices out of range, rows renumbered, parts cut, entities."""
    data = base
    for mutation, index, numbers, text in steps:
        names = sorted(
            name for name in hostile.parts(data) if name.startswith(("xl/worksheets/", "xl/shared"))
        )
        part = names[index % len(names)] if names else hostile.BOOK
        try:
            data = hostile.mutate(data, mutation, part, numbers, text)
        except (KeyError, ValueError, zipfile.BadZipFile):  # an earlier step left no such part
            break
    return data


@profiles
@pytest.mark.parametrize("reader", ["workbook", "forms", "invoices"])
def test_mutated_xlsx_parts_raise_only_documented_errors(profile: str, reader: str, tmp_path: Path) -> None:
    """Structure-aware mutations of real workbooks: every reader gives values or located problems."""
    pulse = vm.load_questionnaire("pulse")
    base = {"workbook": FILLED_XLSX, "forms": FORMS_XLSX, "invoices": INVOICES_XLSX}[reader]

    @settings(MUTATIONS[profile])
    @given(mutations)
    def check(steps: list[Step]) -> None:
        content = mutated(base, steps)
        if reader == "workbook":
            path = tmp_path / "claire.xlsx"
            path.write_bytes(content)
            messages = _messages(lambda: vm.read_workbooks(pulse, [path]))
        elif reader == "forms":
            path = tmp_path / "forms.xlsx"
            path.write_bytes(content)
            messages = _messages(
                lambda: vm.read_survey_export(pulse, [path], tool="forms", side="client", relationship="acme")
            )
        else:
            path = tmp_path / "factures.xlsx"
            path.write_bytes(content)
            messages = _messages(
                lambda: vm.facts_from({"invoices": [path]}, "spreadsheets", period="2026-Q3", today=TODAY)
            )
        assert all(message and message.isprintable() for message in messages)

    check()


# --------------------------------------------------------------------------- the corpora of real exports

SURVEYS = ROOT / "tests" / "data" / "surveys"
OPERATIONAL = ROOT / "tests" / "data" / "operational"
SURVEY_FILES = sorted(path for path in SURVEYS.iterdir() if path.suffix in (".csv", ".xlsx"))
OPERATIONAL_CSV = sorted(OPERATIONAL.glob("*/*.csv"))


@st.composite
def mutated_lines(draw: st.DrawFn, data: bytes) -> bytes:
    """A real CSV export with lines dropped, doubled, cut or swapped, a field changed, bytes flipped."""
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        choice = draw(st.integers(0, 5))
        if choice == 0:
            del lines[index]
        elif choice == 1:
            lines.insert(index, lines[index])
        elif choice == 2:
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        elif choice == 3:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif choice == 4:
            fields = lines[index].split(b",")
            field = draw(st.integers(0, len(fields) - 1))
            fields[field] = draw(cells).encode("utf-8", "replace")[:1000]
            lines[index] = b",".join(fields)
        else:
            mutated = bytearray(lines[index])
            if mutated:
                mutated[draw(st.integers(0, len(mutated) - 1))] = draw(st.integers(0, 255))
            lines[index] = bytes(mutated)
    return b"\n".join(lines)


@profiles
@pytest.mark.parametrize("path", SURVEY_FILES, ids=lambda path: path.name)
def test_mutated_survey_exports_raise_only_documented_errors(
    profile: str, path: Path, tmp_path: Path
) -> None:
    """Each tool's real export, mutated: the tool told or refused, every problem located."""
    pulse = vm.load_questionnaire("pulse")
    mapping = vm.load_form_mapping(SURVEYS / "pulse-client-en.mapping.toml", pulse)
    data = path.read_bytes()

    @settings(MUTATIONS[profile])
    @given(
        mutated_lines(data) if path.suffix == ".csv" else mutations.map(lambda steps: mutated(data, steps))
    )
    def check(content: bytes) -> None:
        target = tmp_path / path.name
        target.write_bytes(content)
        messages = _messages(lambda: vm.read_survey_export(pulse, [target], mapping=mapping))
        assert all(message and message.isprintable() for message in messages)

    check()


@profiles
@pytest.mark.parametrize("path", OPERATIONAL_CSV, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_mutated_operational_exports_raise_only_documented_errors(
    profile: str, path: Path, tmp_path: Path
) -> None:
    """Each tool's real export, mutated: facts or located problems, nothing else."""
    expected = tomllib.loads((path.parent / "expected.toml").read_text(encoding="utf-8"))
    lines = path.read_bytes().split(b"\n")
    # the heading, enough rows and the file's last lines (a report's footer); mutations do the rest
    data = b"\n".join(lines[:200] + lines[max(200, len(lines) - 8) :])

    @settings(MUTATIONS[profile])
    @given(mutated_lines(data))
    def check(content: bytes) -> None:
        folder = tmp_path / "exports"
        folder.mkdir(exist_ok=True)
        (folder / path.name).write_bytes(content)
        read = lambda: vm.facts_from(  # noqa: E731
            [folder / path.name], expected["mappings"], period="2026-Q3", today=TODAY, keep_partial=False
        )
        messages = _messages(read)
        assert all(message and message.isprintable() for message in messages)

    check()
