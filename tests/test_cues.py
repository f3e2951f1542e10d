"""The cue language: how a cue is written, what it matches, and why a bad one is refused."""

from __future__ import annotations

import pytest

from vendormaturity.rules.cues import CueError, compile_cue, normalise, words


def matches(cue: str, text: str) -> list[list[str]]:
    """The words each phrase of the cue's first part matches, wherever its anchor word stands."""
    found = []
    read = words(normalise(text))
    for phrase in compile_cue(cue).parts[0]:
        for position in range(len(read)):
            positions = phrase.match(read, position)
            if positions is not None:
                found.append([read[index] for index in positions])
    return found


def test_text_is_read_without_capitals_accents_or_ligatures() -> None:
    """Périmètre, PÉRIMÈTRE and perimetre are one word; œ and æ are spelled out."""
    assert "perimetre perimetre perimetre oeuvre caeterum" == normalise(
        "Périmètre PÉRIMÈTRE perimetre œuvre cæterum"
    )


def test_contractions_read_as_not() -> None:
    """don't, can't, won't and a typographic apostrophe all read as `not`."""
    assert "we do not, can not, will not, is not" == normalise("We don’t, can't, won't, isn't")


def test_words_keep_n_plus_1_and_mark_clause_ends() -> None:
    """N+1 is one word; a colon, a dash or a bracket ends a clause like a comma; € is a word."""
    assert ["mon", "n+1", ",", "en", "copie", ",", "12", "eur", ",", "?"] == words(
        normalise("Mon N+1 : en copie (12 €)?")
    )


@pytest.mark.parametrize(
    ("cue", "text", "expected"),
    [
        ("en copie", "mis en copie", [["en", "copie"]]),
        ("escalad*", "les escalades", [["escalades"]]),
        ("chef|directeur en copie", "son directeur en copie", [["directeur", "en", "copie"]]),
        ("copie ~3 directeur", "copie de son ancien directeur", [["copie", "directeur"]]),
        ("copie ~2 directeur", "copie de son ancien directeur", []),
        ("(tableau de bord|kpi*) vert*", "tableau de bord vert", [["tableau", "de", "bord", "vert"]]),
        ("(tableau de bord|kpi*) vert*", "KPIs verts", [["kpis", "verts"]]),
        ("follow-up", "no follow up", [["follow", "up"]]),
        ("n est pas", "ce n'est pas prévu", [["n", "est", "pas"]]),
    ],
)
def test_what_a_cue_matches(cue: str, text: str, expected: list[list[str]]) -> None:
    """Words in order; a prefix; alternatives; gaps of at most N words; groups of phrases."""
    assert expected == matches(cue, text)


def test_a_cue_with_parts_keeps_them_apart() -> None:
    """`&` makes parts, each with its own phrases."""
    cue = compile_cue("kpi* vert* & (utilisateur*|users) ~3 plaign*")
    assert [1, 1] == [len(part) for part in cue.parts]


def test_a_group_of_single_words_is_one_position() -> None:
    """(a|b|c) with single words compiles to one phrase, not three."""
    assert 1 == len(compile_cue("(chef|directeur|boss) en copie").parts[0])
    assert 2 == len(compile_cue("(chef|directeur|comite de direction) en copie").parts[0])


@pytest.mark.parametrize(
    ("cue", "message"),
    [
        ("es* ~2 copie", "prefix `es*` is too short: write at least 3 characters before `*`"),
        ("copie ~2", "`~N` goes between two words, not at the start or end"),
        ("~2 copie", "`~N` goes between two words, not at the start or end"),
        ("copie ~20 chef", "`~20` must let 1 to 12 words between two words"),
        ("copie ~0 chef", "`~0` must let 1 to 12 words between two words"),
        ("co*pie", "`co*pie`: `*` may only end a word"),
        (
            "copie, chef",
            "`copie,` is not a word: use letters, digits, `n+1`, `€ $ £ %`, a final `*`, `|`, `( )` and `~N`",
        ),
        ("copie|", "an empty alternative around `|`"),
        ("(chef|) copie", "an empty alternative in a group `( | )`"),
        ("(chef copie", "a `(` without its `)`"),
        ("chef) copie", "a `)` without its `(`"),
        ("copie &", "a part around `&` is empty; write words on both sides"),
        ("x" * 301, "longer than 300 characters; split it into several cues"),
        (
            "(a1 x|a2 x|a3 x|a4 x|a5 x) (b1 y|b2 y|b3 y|b4 y|b5 y) (c1 z|c2 z|c3 z)",
            "more than 64 variants; split it into several cues",
        ),
    ],
)
def test_a_bad_cue_says_what_is_wrong(cue: str, message: str) -> None:
    """Each mistake gets its own message."""
    with pytest.raises(CueError) as caught:
        compile_cue(cue)
    assert message == str(caught.value)


def test_an_abbreviation_is_refused_with_the_words_to_write() -> None:
    """Comments read `copil` as its expansion, so a cue must be written with the expansion."""
    with pytest.raises(CueError) as caught:
        compile_cue("chaque copil", {"copil": "comite de pilotage"})
    assert "`copil` is an abbreviation, read in comments as `comite de pilotage`: write that instead" == str(
        caught.value
    )
