"""Assess every relationship folder under a directory and write one HTML report each.

    python examples/scripts/assess_folder.py [ROOT] [--out reports] [--lang fr|en]

ROOT (default: the repository's examples/ folder) holds one folder per relationship, each
with that relationship's dated response files: the newest is assessed, the older ones are
its history. A folder that does not load is reported and skipped; the exit code is 1 then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import vendormaturity as vm
from vendormaturity.render.html import render_html

EXAMPLES = Path(__file__).resolve().parents[1]
RESPONSE_SUFFIXES = (".toml", ".json")


def relationship_folders(root: Path) -> list[Path]:
    """The folders under *root* that hold response files, sorted by name."""
    return sorted(
        folder
        for folder in root.iterdir()
        if folder.is_dir() and any(f.suffix in RESPONSE_SUFFIXES for f in folder.iterdir())
    )


def report(folder: Path, lang: str) -> tuple[vm.AssessmentResult, str]:
    """The assessment of one relationship folder and its HTML report."""
    current, history = vm.load_history(folder)
    questionnaire = vm.load_questionnaire(current.questionnaire)
    result = vm.assess(questionnaire, current, history=history)
    return result, render_html(result, lang=lang, questionnaire=questionnaire, responses=current)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write one HTML report per relationship folder.")
    parser.add_argument("root", nargs="?", type=Path, default=EXAMPLES, help="folder of relationships")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="where the reports go")
    parser.add_argument("--lang", choices=["fr", "en"], default="en", help="language of the reports")
    args = parser.parse_args(argv)
    root: Path = args.root
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for folder in relationship_folders(root):
        try:
            result, html = report(folder, args.lang)
        except vm.VendorMaturityError as error:
            print(f"{folder}: {error}", file=sys.stderr)
            failed += 1
            continue
        target = out / f"{folder.name}.html"
        target.write_text(html, encoding="utf-8")
        findings, actions = len(result.findings), len(result.plan.actions)
        print(
            f"{target}: {result.relationship} is {result.phase.value} "
            f"({result.confidence:.0%} confidence), {findings} finding{'s' if findings != 1 else ''}, "
            f"{actions} action{'s' if actions != 1 else ''}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
