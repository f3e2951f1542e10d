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

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


@pytest.fixture(autouse=True)
def _long_only_when_asked(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("fuzz_long") is None:
        return
    if "fuzz_long" in (request.config.option.markexpr or "") or os.environ.get("VM_FUZZ_LONG") == "1":
        return
    pytest.skip("long fuzzing: run with `pytest -m fuzz_long` (or VM_FUZZ_LONG=1)")


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
