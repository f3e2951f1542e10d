"""How well the comment reader finds conflict triggers: a labelled corpus and its figures.

The corpus is a folder of TOML files (``validation/comments/``): ``dev.toml``, the part the
vocabulary is tuned on, and ``heldout.toml``, written before the vocabulary and never tuned
on. Each entry is a comment someone could write, who wrote it, its language, and the
triggers a careful reader finds in it (docs/comments.md says how it is labelled). Files are
read through the guarded reader; every problem is reported at once, located.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Literal, get_args

import attrs
from pydantic import BaseModel, ConfigDict, Field

from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.errors import Loc, Problem, did_you_mean
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.validity.scenarios import ScenarioError, _read, _Where

__all__ = [
    "HARD_CASES",
    "CommentCorpus",
    "LabelledComment",
    "Score",
    "Tagged",
    "format_scores",
    "load_comment_corpus",
    "score",
    "tag_corpus",
]

# what makes a comment hard to read, as the corpus tags it
HardCase = Literal[
    "negation", "other_sense", "no_accents", "abbreviation", "mixed", "last_clause", "resolved", "positive"
]
HARD_CASES: tuple[str, ...] = get_args(HardCase)
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class LabelledComment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]
    lang: Literal["fr", "en"]
    side: Literal["client", "supplier", "general"]  # general: the response set's own comment
    text: Annotated[str, Field(min_length=1, max_length=2000)]
    triggers: list[Name]
    hard: list[HardCase] = []


class _CorpusFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    comments: Annotated[list[LabelledComment], Field(min_length=1)]


@attrs.frozen
class CommentCorpus:
    """The labelled comments, by part (``dev``, ``heldout``)."""

    parts: dict[str, tuple[LabelledComment, ...]]

    def all(self) -> tuple[LabelledComment, ...]:
        return tuple(comment for part in self.parts.values() for comment in part)


def load_comment_corpus(folder: str | Path, questionnaire: Questionnaire) -> CommentCorpus:
    """Every ``*.toml`` of *folder*, checked: ids unique, triggers those of *questionnaire*.

    Raises :class:`ScenarioError` listing every problem of every file.
    """
    root = Path(folder)
    known = {trigger.id for trigger in questionnaire.triggers}
    problems: list[Problem] = []
    parts: dict[str, tuple[LabelledComment, ...]] = {}
    seen: set[str] = set()
    files = sorted(root.glob("*.toml"))
    if not files:
        problems.append(Problem(msg("no corpus file (*.toml)"), file=str(root)))
    for path in files:
        read = _read(path, _CorpusFile, problems)
        if read is None:
            continue
        corpus, source = read
        where = _Where(source, corpus.model_dump(mode="json"))
        found: list[tuple[Loc, Message]] = []
        for index, comment in enumerate(corpus.comments):
            if comment.id in seen:
                found.append(
                    (
                        ("comments", index, "id"),
                        msg("duplicate {field} '{key}': each must be unique", field="id", key=comment.id),
                    )
                )
            seen.add(comment.id)
            for position, trigger in enumerate(comment.triggers):
                if trigger not in known:
                    found.append(
                        (
                            ("comments", index, "triggers", position),
                            msg(
                                "unknown trigger '{trigger}'{hint}",
                                trigger=trigger,
                                hint=did_you_mean(trigger, known),
                            ),
                        )
                    )
        problems += where.all(iter(found))
        parts[path.stem] = corpus.comments if isinstance(corpus.comments, tuple) else tuple(corpus.comments)
    if problems:
        raise ScenarioError(
            problems,
            summary=nmsg(
                "{count} problem in the comment corpus at {root}",
                "{count} problems in the comment corpus at {root}",
                len(problems),
                root=str(root),
            ),
        )
    return CommentCorpus(parts=parts)


@attrs.frozen
class Tagged:
    """A labelled comment and the triggers the reader found in it."""

    comment: LabelledComment
    found: frozenset[str]

    @property
    def expected(self) -> frozenset[str]:
        return frozenset(self.comment.triggers)


def tag_corpus(comments: Iterable[LabelledComment], questionnaire: Questionnaire) -> list[Tagged]:
    """Read every comment with *questionnaire*'s vocabulary."""
    vocabulary = compile_questionnaire(questionnaire).vocabulary
    return [Tagged(comment, frozenset(vocabulary.read(comment.text))) for comment in comments]


@attrs.frozen
class Score:
    """Precision, recall and F1 of one trigger (or of all, counted together)."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(tagged: Sequence[Tagged], triggers: Sequence[str]) -> dict[str, Score]:
    """Per trigger, and ``"overall"`` (every decision counted once: micro-averaged)."""
    scores = {}
    for trigger in triggers:
        found = [trigger in item.found for item in tagged]
        expected = [trigger in item.expected for item in tagged]
        pairs = list(zip(found, expected, strict=True))
        scores[trigger] = Score(
            true_positives=pairs.count((True, True)),
            false_positives=pairs.count((True, False)),
            false_negatives=pairs.count((False, True)),
        )
    scores["overall"] = Score(
        true_positives=sum(s.true_positives for s in scores.values()),
        false_positives=sum(s.false_positives for s in scores.values()),
        false_negatives=sum(s.false_negatives for s in scores.values()),
    )
    return scores


def format_scores(title: str, tagged: Sequence[Tagged], triggers: Sequence[str]) -> str:
    """A table of precision, recall and F1 per trigger and overall, and how comments without a
    trigger and each kind of hard case fared."""
    scores = score(tagged, triggers)
    lines = [title, f"  {'trigger':<24} {'n':>4} {'precision':>9} {'recall':>7} {'F1':>6}"]
    for name, result in scores.items():
        support = result.true_positives + result.false_negatives
        lines.append(
            f"  {name:<24} {support:>4} {result.precision:>9.3f} {result.recall:>7.3f} {result.f1:>6.3f}"
        )
    quiet = [item for item in tagged if not item.expected]
    tagged_quiet = sum(1 for item in quiet if item.found)
    lines.append(f"  comments without a trigger: {len(quiet)}, tagged anyway: {tagged_quiet}")
    for case in HARD_CASES:
        hard = [item for item in tagged if case in item.comment.hard]
        if hard:
            right = sum(1 for item in hard if item.found == item.expected)
            lines.append(f"  hard case {case:<12} {right:>3}/{len(hard):<3} read exactly right")
    return "\n".join(lines)
