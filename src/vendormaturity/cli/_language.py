"""Which language a command speaks: ``--lang``, else ``VENDORMATURITY_LANG``, else English.

Help is printed while the options are parsed, before ``--lang`` has a value: the help of
``vendormaturity fill --lang fr --help`` reads the words of the command line itself
(:func:`requested_language`). The languages are those with a catalogue
(:func:`vendormaturity.i18n.languages`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from vendormaturity.i18n import SOURCE_LANGUAGE, languages

__all__ = ["env_language", "requested_language"]

LANGUAGE_VARIABLE = "VENDORMATURITY_LANG"


def env_language() -> str:
    """The language ``VENDORMATURITY_LANG`` asks for when there is a catalogue for it, else English."""
    asked = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return asked if asked in languages() else SOURCE_LANGUAGE


def requested_language(args: Sequence[str]) -> str | None:
    """The language a command line asks for with ``--lang fr``, ``-l fr``, ``--lang=fr`` or
    ``-lfr`` (the last one given, as the option is parsed), or None if it names none."""
    known = languages()
    found: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--lang", "-l"):
            value = args[index + 1] if index + 1 < len(args) else ""
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        elif arg.startswith("-l") and not arg.startswith("--"):
            value = arg.removeprefix("-l")
        else:
            continue
        found = value if value in known else found
    return found
