"""How well the comment reader finds conflict triggers, on the labelled corpus of validation/comments/.

Printed for the development part (the vocabulary is tuned on it), the held-out part (written
before the vocabulary, never tuned on) and both: precision, recall and F1 per trigger and
overall (micro-averaged), how many comments without a trigger were tagged anyway, and how
each kind of hard case fared. Then the reader's speed, against a floor measured in the same
run: splitting the same comments into lower-case words. See docs/comments.md.

    python benchmarks/comments.py
    python benchmarks/comments.py --part dev --errors   # every misread comment of a part
    python benchmarks/comments.py --questionnaire pulse
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import vendormaturity as vm
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.validity.comments import format_scores, load_comment_corpus, tag_corpus

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questionnaire", default="relationship", help="a bundled id or a path")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "validation" / "comments", help="the corpus folder"
    )
    parser.add_argument("--part", help="only this part of the corpus (dev, heldout)")
    parser.add_argument("--errors", action="store_true", help="list the misread comments")
    args = parser.parse_args()

    q = vm.load_questionnaire(args.questionnaire)
    corpus = load_comment_corpus(args.corpus, q)
    triggers = [trigger.id for trigger in q.triggers]
    parts = [*corpus.parts.items(), ("all", corpus.all())]
    for name, comments in [(name, comments) for name, comments in parts if args.part in (None, name)]:
        tagged = tag_corpus(comments, q)
        print(format_scores(f"{name}: {len(comments)} comments", tagged, triggers))
        print()
        if args.errors:
            for item in tagged:
                if item.found != item.expected:
                    missed = ", ".join(sorted(item.expected - item.found)) or "-"
                    extra = ", ".join(sorted(item.found - item.expected)) or "-"
                    print(f"{item.comment.id}: missed {missed}; extra {extra}\n    {item.comment.text}")
            print()
    speed([comment.text for comment in corpus.all()], q)


def speed(texts: list[str], q: vm.Questionnaire) -> None:
    """Comments read per second, and the ratio to splitting them into words."""
    vocabulary = compile_questionnaire(q).vocabulary
    word = re.compile(r"\w+")

    def read() -> None:
        vocabulary.read_lately.clear()  # each comment read afresh, not remembered from the last round
        for text in texts:
            vocabulary.read(text)

    def split() -> None:
        for text in texts:
            word.findall(text.lower())

    ratios = []
    best_read = best_split = float("inf")
    for _ in range(15):
        start = time.perf_counter()
        read()
        middle = time.perf_counter()
        split()
        end = time.perf_counter()
        best_read, best_split = min(best_read, middle - start), min(best_split, end - middle)
        ratios.append((middle - start) / (end - middle))
    ratios.sort()
    print(
        f"reader: {len(texts) / best_read:8.0f} comments/s ({best_read / len(texts) * 1e6:5.1f} µs each); "
        f"splitting into words: {len(texts) / best_split:8.0f}/s; ratio {ratios[len(ratios) // 2]:.1f}x"
    )


if __name__ == "__main__":
    main()
