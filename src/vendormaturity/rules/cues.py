"""The cue language: the words of a comment that reveal a trigger, written as small patterns.

A cue is words that follow each other (``mis en copie``). A word may be

- a prefix: ``escalad*`` is any word that starts so (three characters at least before the star);
- alternatives: ``chef|directeur|n+1``, each of them a word or a prefix;

a group ``(tableau de bord|dashboard|kpi*)`` takes any of its alternatives, each of them words
(inside a group, ``|`` separates whole alternatives; groups may hold groups); ``~N`` between
two words lets up to N other words stand between them (``copie* ~3 directeur``), and ``&``
joins parts that must all be found in the same comment, in any order
(``kpi*|sla ~3 vert*|green & utilisateur*|users ~3 plaign*|complain*``).

Cues and comments are compared once both are reduced the same way (:func:`normalise`): lower
case, accents and ligatures dropped (``périmètre`` is ``perimetre``, ``œuvre`` is ``oeuvre``),
``n't`` read as ``not``, ``€`` and ``£`` as the words ``eur`` and ``gbp``. A comment's words
are then runs of letters and digits (``n+1`` is one word), and ``$``, ``%`` and a question
mark one each; an apostrophe or a hyphen separates words, in cues too (``follow-up`` is
``follow up``). Nothing here is a regular expression: a cue cannot take
longer to match than its words times the gaps it allows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import attrs

from vendormaturity.i18n import msg

__all__ = [
    "MAX_GAP",
    "MIN_PREFIX",
    "Cue",
    "CueError",
    "Phrase",
    "Step",
    "compile_cue",
    "normalise",
    "words",
]

MAX_GAP = 12  # the most other words a cue may let stand between two of its words
MIN_PREFIX = 3  # characters before a star: "es*" would match far too much
MAX_LENGTH = 300
MAX_VARIANTS = 64  # phrases one part of a cue may stand for, once its groups are spelled out

_WORD = re.compile(r"[a-z0-9]+(?:\+[0-9]+)?|[$%,?]")
BOUNDARY = ","  # a comma, colon, dash or bracket: a clause ends there
_CUE_WORD = re.compile(r"(?:[a-z0-9]+(?:\+[0-9]+)?|[$%?])\*?")
_GAP = re.compile(r"~(\d+)")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\s()]+")  # a word, its alternatives, or a gap: up to a space or a bracket
_CONTRACTION = re.compile(r"\b([a-z]+?)n't\b")
_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}  # can't, won't, shan't
# letters whose plain form is not their decomposition, and the typographic apostrophe
# letters whose plain form is not their decomposition, the typographic apostrophe, and the
# currency signs, spelled as words (an accent is dropped with everything else not ASCII)
_PLAIN = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "’": "'", "€": " eur ", "£": " gbp "}
)
_BOUNDARIES = str.maketrans(dict.fromkeys(":()[]–—", ","))


class CueError(ValueError):
    """A cue that cannot be compiled; its message says why."""


def normalise(text: str) -> str:
    """*text* as cues read it: lower case, no accents or ligatures, ``n't`` as `` not``, and
    a colon, dash or bracket as the comma that ends a clause."""
    return _plain(text).translate(_BOUNDARIES)


def _plain(text: str) -> str:
    plain = text.lower()
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain.translate(_PLAIN))
        plain = decomposed.encode("ascii", "ignore").decode("ascii")
    return _CONTRACTION.sub(_not, plain) if "'t" in plain else plain


def _not(contraction: re.Match[str]) -> str:
    stem = contraction.group(1)
    return f"{_STEMS.get(stem, stem)} not"


def words(text: str) -> list[str]:
    """The words of *text*, already normalised; each clause boundary is a ``","``."""
    return _WORD.findall(text)


@attrs.frozen
class Step:
    """One position of a cue: the words it takes, and how many others may come before it."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    gap: int  # other words allowed between the previous step and this one (0 for the first)

    def accepts(self, word: str) -> bool:
        return word in self.exact or word.startswith(self.prefixes)


@attrs.frozen
class Phrase:
    """Words in order, with the gaps a cue allows between them.

    A phrase is looked for from its *anchor*, the step least likely to be a common word
    (the one whose shortest word is longest): "pas ~2 nouvelle*" is looked for where a word
    starts with "nouvelle", not at every "pas". The steps before the anchor and those after
    it are matched apart (each only depends on its neighbour), the nearest first.
    """

    steps: tuple[Step, ...]
    anchor: int = attrs.field()
    # the words of each other step that takes whole words only: a sentence without one of
    # each cannot hold the phrase (checked at once, before any matching)
    required: tuple[frozenset[str], ...] = attrs.field(init=False)

    @anchor.default
    def _anchor(self) -> int:
        lengths = [min(map(len, (*step.exact, *step.prefixes))) for step in self.steps]
        return max(range(len(lengths)), key=lambda index: (lengths[index], index))

    @required.default
    def _required(self) -> tuple[frozenset[str], ...]:
        return tuple(
            step.exact for index, step in enumerate(self.steps) if index != self.anchor and not step.prefixes
        )

    def possible(self, words: frozenset[str] | set[str]) -> bool:
        """Whether a sentence made of *words* has a word for each step that takes whole words only."""
        return not any(words.isdisjoint(step) for step in self.required)

    def match(self, text: Sequence[str], at: int) -> tuple[int, ...] | None:
        """The positions of the steps when the anchor stands at *at*; None if the phrase is not there."""
        if not self.steps[self.anchor].accepts(text[at]):
            return None
        return self.around(text, at)

    def around(self, text: Sequence[str], at: int) -> tuple[int, ...] | None:
        """:meth:`match` for an anchor already known to take the word at *at*."""
        steps, anchor = self.steps, self.anchor
        if len(steps) == 1:
            return (at,)
        before = self._before(text, anchor - 1, at) if anchor else ()
        if before is None:
            return None
        after = self._after(text, anchor + 1, at) if anchor + 1 < len(steps) else ()
        if after is None:
            return None
        return (*before, at, *after)

    def _before(self, text: Sequence[str], index: int, following: int) -> tuple[int, ...] | None:
        """Steps ``0..index``, ending before position *following*."""
        step, gap = self.steps[index], self.steps[index + 1].gap
        for position in range(following - 1, max(following - gap - 2, -1), -1):
            if step.accepts(text[position]):
                found = self._before(text, index - 1, position) if index else ()
                if found is not None:
                    return (*found, position)
        return None

    def _after(self, text: Sequence[str], index: int, previous: int) -> tuple[int, ...] | None:
        """Steps ``index..`` to the end, starting after position *previous*."""
        step = self.steps[index]
        for position in range(previous + 1, min(previous + step.gap + 2, len(text))):
            if step.accepts(text[position]):
                found = self._after(text, index + 1, position) if index + 1 < len(self.steps) else ()
                if found is not None:
                    return (position, *found)
        return None


@attrs.frozen
class Cue:
    """A compiled cue: its parts (joined by ``&``), each found when one of its phrases is."""

    source: str
    parts: tuple[tuple[Phrase, ...], ...]


Element = Step | int  # a word position, or the gap allowed before the next one


def compile_cue(source: str, abbreviations: Mapping[str, str] | None = None) -> Cue:
    """The cue written *source*; raises :class:`CueError` saying what is wrong.

    A word that is one of the *abbreviations* never reaches a cue (comments read it as the
    words it stands for), so a cue that uses one is refused with the words to write instead.
    """
    if len(source) > MAX_LENGTH:
        raise CueError(msg("longer than {limit} characters; split it into several cues", limit=MAX_LENGTH))
    parts = [part.strip() for part in _plain(source).replace("'", " ").replace("-", " ").split("&")]
    if any(not part for part in parts):
        raise CueError(msg("a part around `&` is empty; write words on both sides"))
    known = abbreviations or {}
    return Cue(
        source=source,
        parts=tuple(tuple(_phrase(variant) for variant in _variants(part, known)) for part in parts),
    )


def _variants(text: str, abbreviations: Mapping[str, str]) -> list[list[Element]]:
    """The sequences *text* stands for: one, or one per alternative of each group it holds."""
    variants: list[list[Element]] = [[]]
    position = 0
    while position < len(text):
        character = text[position]
        if character.isspace():
            position = _SPACES.match(text, position).end()  # type: ignore[union-attr]
            continue
        if character == ")":
            raise CueError(msg("a `)` without its `(`"))
        if character == "(":
            end = _closing(text, position)
            found = _group(text[position + 1 : end], abbreviations)
            position = end + 1
        else:
            end = _TOKEN.match(text, position).end()  # type: ignore[union-attr]
            found = [[_element(text[position:end], abbreviations)]]
            position = end
        variants = [[*variant, *more] for variant in variants for more in found]
        if len(variants) > MAX_VARIANTS:
            raise CueError(msg("more than {limit} variants; split it into several cues", limit=MAX_VARIANTS))
    return variants


def _closing(text: str, start: int) -> int:
    depth = 0
    for position in range(start, len(text)):
        character = text[position]
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth == 0:
                return position
    raise CueError(msg("a `(` without its `)`"))


def _group(text: str, abbreviations: Mapping[str, str]) -> list[list[Element]]:
    """A group's alternatives, split at its own ``|`` (not at those of a group inside it)."""
    alternatives: list[str] = []
    depth, start = 0, 0
    for position, character in enumerate(text):
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif character == "|" and depth == 0:
            alternatives.append(text[start:position])
            start = position + 1
    alternatives.append(text[start:])
    if any(not alternative.strip() for alternative in alternatives):
        raise CueError(msg("an empty alternative in a group `( | )`"))
    found = [variant for alternative in alternatives for variant in _variants(alternative, abbreviations)]
    # the alternatives of one word each: a single position that takes any of them
    words = [variant[0] for variant in found if len(variant) == 1 and isinstance(variant[0], Step)]
    longer = [variant for variant in found if len(variant) != 1 or not isinstance(variant[0], Step)]
    if len(words) < 2:
        return found
    merged = Step(
        exact=frozenset().union(*(step.exact for step in words)),
        prefixes=tuple(prefix for step in words for prefix in step.prefixes),
        gap=0,
    )
    return [[merged], *longer]


def _element(token: str, abbreviations: Mapping[str, str]) -> Element:
    allowed = _GAP.fullmatch(token)
    if allowed:
        value = int(allowed.group(1))
        if not 1 <= value <= MAX_GAP:
            raise CueError(
                msg("`~{value}` must let 1 to {limit} words between two words", value=value, limit=MAX_GAP)
            )
        return value
    return _step(token, abbreviations)


def _phrase(elements: list[Element]) -> Phrase:
    """Words with the gaps between them; a gap must stand between two words."""
    steps: list[Step] = []
    gap = 0
    for index, element in enumerate(elements):
        if isinstance(element, int):
            if not steps or index == len(elements) - 1 or isinstance(elements[index + 1], int):
                raise CueError(msg("`~N` goes between two words, not at the start or end"))
            gap = element
            continue
        steps.append(element if gap == element.gap else Step(element.exact, element.prefixes, gap))
        gap = 0
    if not steps:
        raise CueError(msg("no word; write the words a comment would use"))
    return Phrase(tuple(steps))


def _step(token: str, abbreviations: Mapping[str, str]) -> Step:
    exact: set[str] = set()
    prefixes: list[str] = []
    for alternative in token.split("|"):
        if not _CUE_WORD.fullmatch(alternative):
            raise CueError(_bad_word(alternative))
        if alternative.endswith("*"):
            prefix = alternative[:-1]
            if len(prefix) < MIN_PREFIX:
                raise CueError(
                    msg(
                        "prefix `{word}` is too short: write at least {count} characters before `*`",
                        word=alternative,
                        count=MIN_PREFIX,
                    )
                )
            prefixes.append(prefix)
            continue
        if alternative in abbreviations:
            raise CueError(
                msg(
                    "`{word}` is an abbreviation, read in comments as `{words}`: write that instead",
                    word=alternative,
                    words=abbreviations[alternative],
                )
            )
        exact.add(alternative)
    return Step(exact=frozenset(exact), prefixes=tuple(prefixes), gap=0)


def _bad_word(word: str) -> str:
    if not word:
        return msg("an empty alternative around `|`")
    if "*" in word[:-1]:
        return msg("`{word}`: `*` may only end a word", word=word)
    return msg(
        "`{word}` is not a word: use letters, digits, `n+1`, `€ $ £ %`, a final `*`, `|`, `( )` and `~N`",
        word=word,
    )
