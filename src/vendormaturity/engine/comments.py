"""The comment reader: each comment tagged with the conflict triggers it reveals.

The questionnaire's vocabulary (``[comments]`` and ``[[triggers]]``) is compiled once into
indices keyed by a cue's first word. Reading a comment then walks its words once per
sentence, looks each up, and tries only the cues that start with it. A cue found stands
unless a negation denies it, or an exclusion of its trigger is found in its sentence. Every
language's cues are read in every comment: people mix them. docs/comments.md says how.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from vendormaturity.errors import Loc
from vendormaturity.errors import spelled as spelled_value
from vendormaturity.i18n import Message, msg
from vendormaturity.model.questionnaire import Cues, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.rules.cues import BOUNDARY, Cue, CueError, Phrase, Step, compile_cue, normalise, words

if TYPE_CHECKING:  # the result model is read when comments are, not when a questionnaire compiles
    from vendormaturity.model.result import Comment

__all__ = ["CommentsRead", "PhraseIndex", "Vocabulary", "compile_vocabulary", "read_comments"]

T = TypeVar("T")
Problems = list[tuple[Loc, Message]]
Span = tuple[int, int]  # start and end of a quote in the comment's text

# A sentence ends at . ! ? ; … or a new line, but not inside a number (2.5, 10.30); a
# question keeps its mark (a cue may ask for one: "is it in scope?").
_SENTENCE = re.compile(r"(?:[^.!?;…\n]+|(?<=\d)\.(?=\d))+\??")
_STOP = re.compile(r"[.!…]+")
_NO_TRIGGERS: dict[str, Span] = {}
_CUE, _EXCLUSION, _NEGATION, _NEGATION_AFTER, _NOT_NEGATION, _BREAK = range(6)  # what a phrase found is
_REMEMBERED = 50_000  # words whose anchored phrases an index keeps
_READ_LATELY = 4_096  # comments whose reading a vocabulary keeps
_SHORT = 1_000  # what a word of four letters or fewer weighs against being an anchor


@attrs.frozen(eq=False)
class PhraseIndex(Generic[T]):
    """Phrases, each with a value, looked up by the word at their anchor."""

    exact: Mapping[str, tuple[tuple[Phrase, T], ...]]
    # a prefix's first three characters -> (prefix, phrase, value)
    prefixed: Mapping[str, tuple[tuple[str, Phrase, T], ...]]

    @classmethod
    def of(cls, entries: Iterable[tuple[Phrase, T]]) -> PhraseIndex[T]:
        """The index of *entries*, each phrase anchored on its least common step."""
        listed = list(entries)
        usage = Counter(word for phrase, _ in listed for step in phrase.steps for word in _words_of(step))
        exact: dict[str, list[tuple[Phrase, T]]] = {}
        prefixed: dict[str, list[tuple[str, Phrase, T]]] = {}
        for phrase, value in ((_anchored(phrase, usage), value) for phrase, value in listed):
            first = phrase.steps[phrase.anchor]
            for word in first.exact:
                exact.setdefault(word, []).append((phrase, value))
            for prefix in first.prefixes:
                prefixed.setdefault(prefix[:3], []).append((prefix, phrase, value))
        return cls(
            exact={word: tuple(found) for word, found in exact.items()},
            prefixed={key: tuple(found) for key, found in prefixed.items()},
        )

    # per word seen, the phrases anchored on it: most words of a comment come back often
    remembered: dict[str, tuple[tuple[Phrase, T], ...]] = attrs.field(factory=dict, repr=False)

    def anchored(self, word: str) -> tuple[tuple[Phrase, T], ...]:
        """The phrases whose anchor takes *word*."""
        found = self.remembered.get(word)
        if found is None:
            found = (
                *self.exact.get(word, ()),
                *(
                    (phrase, value)
                    for prefix, phrase, value in self.prefixed.get(word[:3], ())
                    if word.startswith(prefix)
                ),
            )
            if len(self.remembered) >= _REMEMBERED:
                self.remembered.clear()
            self.remembered[word] = found
        return found

    def found(self, text: Sequence[str]) -> list[tuple[tuple[int, ...], T]]:
        """Every phrase found anywhere in *text*: its words' positions, and its value."""
        remembered = self.remembered
        present = set(text)
        for word in present.difference(remembered):  # (words not seen before: rare once warm)
            self.anchored(word)
        anchoring = {word for word in present if remembered[word]}  # most words anchor nothing
        found = []
        for position in [index for index, word in enumerate(text) if word in anchoring]:
            for phrase, value in remembered[text[position]]:
                for needed in phrase.required:  # (inlined Phrase.possible: the hot loop)
                    if present.isdisjoint(needed):
                        break
                else:
                    positions = phrase.around(text, position)
                    if positions is not None:
                        found.append((positions, value))
        return found


def _words_of(step: Step) -> tuple[str, ...]:
    return (*step.exact, *(f"{prefix}*" for prefix in step.prefixes))


def _anchored(phrase: Phrase, usage: Counter[str]) -> Phrase:
    """*phrase* anchored on the step whose words the vocabulary's phrases use least.

    A word many cues use ("client", "contract", "not") is a common word in comments too,
    and so is a short one ("mais", "for", "tout"): looking for a phrase from it means trying
    the phrase at every one of them.
    """
    if len(phrase.steps) == 1:
        return phrase
    costs = [
        max(usage[word] + _SHORT * (len(word) <= 4) for word in _words_of(step)) for step in phrase.steps
    ]
    best = min(range(len(costs)), key=lambda index: (costs[index], -index))
    return phrase if best == phrase.anchor else Phrase(phrase.steps, best)


@attrs.frozen(eq=False)
class Vocabulary:
    """A questionnaire's trigger vocabulary, compiled."""

    triggers: tuple[str, ...]
    abbreviations: Mapping[str, tuple[str, ...]]
    # every phrase a sentence is searched for at once: each cue's parts, as (CUE, cue number,
    # part number), each trigger's exclusions, as (EXCLUSION, trigger position, 0), and the
    # negations and breaks, as (NEGATION, 0, 0) and so on
    phrases: PhraseIndex[tuple[int, int, int]]
    cue_trigger: tuple[int, ...]  # per cue, its trigger's position
    cue_parts: tuple[int, ...]  # per cue, how many parts must be found
    window: int

    # the comments read lately and what they revealed: the same ones come back each time a
    # relationship's earlier response sets are assessed again as its history
    read_lately: dict[str, Mapping[str, Span]] = attrs.field(factory=dict, repr=False)

    def read(self, text: str) -> Mapping[str, Span]:
        """The triggers *text* reveals, each with the span of the sentence(s) it was read in."""
        known = self.read_lately.get(text)
        if known is not None:
            return known
        if not self.triggers:
            return _NO_TRIGGERS
        found: dict[int, dict[int, Span]] = {}  # cue -> part -> span of its sentence
        for sentence in _SENTENCE.finditer(text):
            sentence_words = self.words(sentence.group())
            if sentence_words:
                self._sentence(sentence_words, sentence.span(), found)
        revealed = self._triggers(found)
        if len(self.read_lately) >= _READ_LATELY:
            self.read_lately.clear()
        self.read_lately[text] = revealed
        return revealed

    def words(self, text: str) -> list[str]:
        """The words of *text* as cues read them, abbreviations spelled out."""
        found = words(normalise(text))
        expand = self.abbreviations
        if expand.keys().isdisjoint(found):
            return found
        read: list[str] = []
        for word in found:
            read.extend(expand.get(word, (word,)))
        return read

    def _sentence(self, text: list[str], span: Span, found: dict[int, dict[int, Span]]) -> None:
        hits = self.phrases.found(text)
        if not hits:
            return
        cues = [(positions, cue, part) for positions, (kind, cue, part) in hits if kind == _CUE]
        if not cues:
            return
        # (with nothing but cues found, nothing can deny or exclude them)
        clauses = _Clauses(self, text, hits) if len(cues) < len(hits) else None
        for positions, cue, part in cues:
            if clauses is None or clauses.stands(positions, self.cue_trigger[cue]):
                found.setdefault(cue, {})[part] = span

    def _triggers(self, found: dict[int, dict[int, Span]]) -> dict[str, Span]:
        """Each trigger with a cue whose every part was found, and the span that covers its parts."""
        spans: dict[int, Span] = {}
        for cue, parts in found.items():
            if len(parts) < self.cue_parts[cue]:
                continue
            span = (min(start for start, _ in parts.values()), max(end for _, end in parts.values()))
            trigger = self.cue_trigger[cue]
            if trigger not in spans or span < spans[trigger]:
                spans[trigger] = span
        return {self.triggers[trigger]: spans[trigger] for trigger in sorted(spans)}


class _Clauses:
    """One sentence's negations, clause ends and exclusions, once a cue and something else are
    found in it."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        text: list[str],
        hits: list[tuple[tuple[int, ...], tuple[int, int, int]]],
    ) -> None:
        self.window, self.text = vocabulary.window, text
        negations: list[tuple[int, ...]] = []
        kept: set[int] = set()  # words of the phrases that only look like a negation
        breaks: list[int] = []
        self.denied_after: set[int] = set()
        self.excluded: set[int] = set()  # triggers whose cues are read in another sense here
        for positions, (kind, trigger, _) in hits:
            if kind == _NEGATION:
                negations.append(positions)
            elif kind == _NEGATION_AFTER:
                self.denied_after.add(positions[0])
            elif kind == _NOT_NEGATION:
                kept.update(positions)
            elif kind == _BREAK:
                breaks.append(positions[0])
            elif kind == _EXCLUSION:
                self.excluded.add(trigger)
        # the first and last words of each real negation
        self.denials = [
            (positions[0], positions[-1]) for positions in negations if not kept.issuperset(positions)
        ]
        self.ends: list[int] | None = None  # where clauses start: commas (and the like) and breaks
        self.breaks = breaks

    def stands(self, positions: tuple[int, ...], trigger: int) -> bool:
        """Whether the cue found at *positions* counts: not denied, not excluded."""
        if trigger in self.excluded:
            return False
        start, end = positions[0], positions[-1]
        for first, last in self.denials:
            if start - self.window - 1 <= last < start and self._same_clause(last, start):
                return False  # before it, in its clause
            if start < first and last < end and not set(positions).intersection(range(first, last + 1)):
                return False  # in one of its gaps
        text = self.text
        after = end + 2 if end + 1 < len(text) and text[end + 1] == BOUNDARY else end + 1
        return after not in self.denied_after

    def _same_clause(self, before: int, position: int) -> bool:
        if self.ends is None:
            self.ends = sorted(
                [index for index, word in enumerate(self.text) if word == BOUNDARY] + self.breaks
            )
        return bisect.bisect_right(self.ends, before) == bisect.bisect_right(self.ends, position)


@attrs.frozen
class CommentsRead:
    """The comments of one response set, read: what the result shows and what rules count."""

    comments: list[Comment]
    # per trigger, per side (client, supplier, all), how many respondents revealed it
    counts: dict[str, dict[str, int]]


def read_comments(
    vocabulary: Vocabulary, responses: ResponseSet, question_order: Mapping[str, int]
) -> CommentsRead:
    """Every comment of *responses* tagged with its triggers, and the respondents counted by side.

    The response set's own comment comes first, then each respondent's (by id: the order of
    a file is no information) general comment and the comments beside questions, in the
    questionnaire's order (*question_order*: a question id's position). A respondent counts
    once per trigger, however many of their comments reveal it; the response set's own
    comment counts in ``all`` only.
    """
    from vendormaturity.model.result import Comment, construct_all

    rows: list[dict[str, object]] = []
    counts = {trigger: {"client": 0, "supplier": 0, "all": 0} for trigger in vocabulary.triggers}
    if responses.comment and responses.comment.strip():
        row, triggers = _row(vocabulary, None, None, None, responses.comment)
        rows.append(row)
        for trigger in triggers:
            counts[trigger]["all"] += 1
    for respondent in sorted(responses.respondents, key=lambda person: person.id):
        revealed: set[str] = set()
        beside = sorted(respondent.comments.items(), key=lambda item: question_order.get(item[0], -1))
        for question, text in [(None, respondent.comment), *beside]:
            if text and text.strip():
                row, triggers = _row(vocabulary, respondent.id, respondent.side.value, question, text)
                rows.append(row)
                revealed.update(triggers)
        for trigger in revealed:
            counts[trigger][respondent.side.value] += 1
            counts[trigger]["all"] += 1
    return CommentsRead(comments=construct_all(Comment, rows), counts=counts)


def _row(
    vocabulary: Vocabulary, respondent: str | None, side: str | None, question: str | None, text: str
) -> tuple[dict[str, object], list[str]]:
    """A comment's fields, and the triggers it reveals."""
    spans = vocabulary.read(text)
    triggers = list(spans)
    row: dict[str, object] = {
        "respondent": respondent,
        "side": side,
        "question": question,
        "text": text,
        "triggers": triggers,
        "quotes": {trigger: _quote(text, start, end) for trigger, (start, end) in spans.items()},
    }
    return row, triggers


def _quote(text: str, start: int, end: int) -> str:
    """The sentence(s) from *start* to *end*, with the full stop or exclamation that ends them."""
    stop = _STOP.match(text, end)
    return text[start : stop.end() if stop else end].strip()


def compile_vocabulary(q: Questionnaire) -> tuple[Vocabulary, Problems]:
    """The compiled vocabulary of *q*, and every cue that does not compile, located."""
    problems: Problems = []
    abbreviations = _abbreviations(q, problems)
    plain = {word: " ".join(expansion) for word, expansion in abbreviations.items()}
    cue_trigger: list[int] = []
    cue_parts: list[int] = []
    entries: list[tuple[Phrase, tuple[int, int, int]]] = []
    for index, trigger in enumerate(q.triggers):
        for cue in _compiled(trigger.cues, plain, ("triggers", index, "cues"), problems):
            number = len(cue_trigger)
            cue_trigger.append(index)
            cue_parts.append(len(cue.parts))
            entries.extend(
                (phrase, (_CUE, number, part)) for part, phrases in enumerate(cue.parts) for phrase in phrases
            )
        entries.extend(
            (phrase, (_EXCLUSION, index, 0))
            for phrase in _phrases(trigger.exclude, plain, ("triggers", index, "exclude"), problems)
        )
    reading = q.comments
    for kind, field in (
        (_NEGATION, "negations"),
        (_NEGATION_AFTER, "negations_after"),
        (_NOT_NEGATION, "not_negations"),
        (_BREAK, "breaks"),
    ):
        entries.extend(
            (phrase, (kind, 0, 0))
            for phrase in _phrases(getattr(reading, field), plain, ("comments", field), problems)
        )
    vocabulary = Vocabulary(
        triggers=tuple(trigger.id for trigger in q.triggers),
        abbreviations=abbreviations,
        phrases=PhraseIndex.of(entries),
        cue_trigger=tuple(cue_trigger),
        cue_parts=tuple(cue_parts),
        window=reading.window,
    )
    return vocabulary, problems


def _abbreviations(q: Questionnaire, problems: Problems) -> dict[str, tuple[str, ...]]:
    expanded: dict[str, tuple[str, ...]] = {}
    for word, expansion in q.comments.abbreviations.items():
        spelled = tuple(words(normalise(expansion)))
        if not spelled or "," in spelled:
            problems.append(
                (
                    ("comments", "abbreviations", word),
                    msg(
                        "must be words (letters and digits, no punctuation), got {value}",
                        value=spelled_value(expansion),
                    ),
                )
            )
            continue
        expanded[normalise(word)] = spelled
    return expanded


def _compiled(cues: Cues, abbreviations: Mapping[str, str], loc: Loc, problems: Problems) -> Iterator[Cue]:
    for lang, written in cues.items():
        for position, source in enumerate(written):
            try:
                yield compile_cue(source, abbreviations)
            except CueError as error:
                problems.append(
                    ((*loc, lang, position), msg("cue `{cue}`: {problem}", cue=source, problem=error.args[0]))
                )


def _phrases(cues: Cues, abbreviations: Mapping[str, str], loc: Loc, problems: Problems) -> Iterator[Phrase]:
    for cue in _compiled(cues, abbreviations, loc, problems):
        for phrases in cue.parts:
            yield from phrases
