"""The comment reader on any text: it never fails, and what it finds does not hang on capitals,
accents or what other sentences say."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import vendormaturity as vm
from vendormaturity.engine.compiler import compile_questionnaire

VOCABULARY = compile_questionnaire(vm.load_questionnaire("relationship")).vocabulary
TRIGGERS = {trigger.id for trigger in vm.load_questionnaire("relationship").triggers}
CORPUS = Path(__file__).resolve().parents[2] / "validation" / "comments"
SENTENCES = sorted(
    {
        entry["text"]
        for path in CORPUS.glob("*.toml")
        for entry in tomllib.loads(path.read_text(encoding="utf-8"))["comments"]
    }
)

# what people type: letters with and without accents, digits, punctuation, other scripts
typed = st.text(
    alphabet=st.sampled_from([*"abcdefghijklmnopqrstuvwxyz ÉéèàçôœN+1'’.,;:?!()-–€%\n", "名", "😀"]),
    max_size=200,
)
comments = st.one_of(typed, st.sampled_from(SENTENCES))


def read(text: str) -> set[str]:
    VOCABULARY.read_lately.clear()  # each text read afresh
    return set(VOCABULARY.read(text))


@given(st.one_of(st.text(max_size=300), comments))
def test_any_text_is_read_without_failing(text: str) -> None:
    """Triggers are the vocabulary's; each quote lies inside the text."""
    spans = VOCABULARY.read(text)
    assert set(spans) <= TRIGGERS
    assert all(0 <= start < end <= len(text) for start, end in spans.values())


@given(st.sampled_from(SENTENCES))
def test_capitals_do_not_matter(text: str) -> None:
    """A comment shouted in capitals reveals what it reveals in lower case."""
    assert read(text.lower()) == read(text.upper())


@given(st.sampled_from(SENTENCES))
def test_accents_do_not_matter(text: str) -> None:
    """A comment typed without accents reveals what it reveals with them."""
    plain = "".join(
        character for character in unicodedata.normalize("NFD", text) if not unicodedata.combining(character)
    )
    assert read(text) == read(plain)


@given(comments, comments)
def test_another_sentence_takes_nothing_away(first: str, second: str) -> None:
    """Negations and exclusions work within a sentence: what one sentence reveals, adding
    another cannot hide."""
    assert read(first) <= read(f"{first}.\n{second}")
