"""The translation catalogues: extract the texts of the code, update each language, compile, check.

    python scripts/catalogue.py extract   # src/ → src/vendormaturity/locale/vendormaturity.pot
    python scripts/catalogue.py update    # the .pot → each locale/<lang>/LC_MESSAGES/vendormaturity.po
    python scripts/catalogue.py compile [DIR]  # each .po (of DIR) → its .mo, which the package reads
    python scripts/catalogue.py check     # all of the above is current, every text translated
    python scripts/catalogue.py init LANG [DIR]  # start a new language from the .pot (in DIR)
    python scripts/catalogue.py pseudo DIR      # a pseudo-language "qps" that marks every text
    python scripts/catalogue.py all       # extract, update and compile
    python scripts/catalogue.py merge BASE OURS THEIRS  # a git merge driver for .po files

Uses Babel (``pip install babel``, in the ``test`` extra). The .pot and .po files list
messages sorted, with the file they come from but no line numbers, so that a change of
code moves no line of a catalogue. ``tests/test_catalogue.py`` runs :func:`problems`.
See docs/translating.md.
"""

from __future__ import annotations

import ast
import datetime
import io
import re
import sys
import tokenize
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "vendormaturity"
LOCALE = PACKAGE / "locale"
DOMAIN = "vendormaturity"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"

# The marking functions of vendormaturity.i18n, as Babel reads them: the position of each
# message argument, ``c`` for a context.
KEYWORDS = {
    "tr": (1,),
    "ntr": (1, 2),
    "ptr": ((1, "c"), 2),
    "nptr": ((1, "c"), 2, 3),
    "msg": (1,),
    "nmsg": (1, 2),
    "pmsg": ((1, "c"), 2),
    "N_": (1,),
    # the HTML templates' own: {{ _("...") }}, {{ ngettext(...) }}
    "_": (1,),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("Translators:",)
# Fixed so that extracting twice writes the same file.
EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)(?:[!:][^}]*)?\}(?!\})")
NARROW_NBSP = "\u202f"
# French typography: a narrow no-break space before these marks and inside guillemets.
FRENCH_SPACING = (
    (re.compile(r"[ \u00a0][:;!?]"), "an ordinary space before ':', ';', '!' or '?'"),
    (re.compile(r"\S[;!?](?:\s|$)"), "no space before ';', '!' or '?'"),
    (re.compile(r"«[ \u00a0]|[ \u00a0]»"), "an ordinary space inside guillemets"),
    (re.compile(r"«\S|\S»"), "no space inside guillemets"),
    (re.compile(r"(?<=\d)[ \u00a0]?%"), "no narrow no-break space before '%'"),
)
PERCENT_OK = re.compile(r"\d\u202f%")


def extract_python(
    fileobj: BinaryIO, keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, object]
) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """Babel's extraction method for Python, read from the syntax tree: a marked call inside an
    f-string is found too (Python 3.11's tokens hide it), and ``Translators:`` comments on the
    lines just above a call go with its message."""
    source = fileobj.read().decode("utf-8")
    comments = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    }
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        if not isinstance(name, str) or name not in keywords:
            continue
        arguments = tuple(
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            for arg in node.args
        )
        above: list[str] = []
        line = node.lineno - 1
        while line in comments:
            above.insert(0, comments[line])
            line -= 1
        tagged = [text for text in above if text.startswith(tuple(comment_tags))]
        yield node.lineno, name, arguments, tagged


def extracted() -> Catalog:
    """Every text marked in the code, as a template catalogue."""
    catalog = _catalog(locale=None)
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", extract_python), ("**/templates/**.j2", "jinja2")],  # type: ignore[list-item]
        options_map={"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}},
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"src/vendormaturity/{Path(filename).as_posix()}", lineno)],
            auto_comments=comments,
            context=context,
            flags=("python-brace-format",) if _has_placeholders(message) else (),
        )
    return catalog


def _has_placeholders(message: str | tuple[str, ...]) -> bool:
    texts = (message,) if isinstance(message, str) else message
    return any(PLACEHOLDER.search(text) for text in texts)


def _catalog(locale: str | None) -> Catalog:
    return Catalog(
        locale=locale,
        domain=DOMAIN,
        project="vendormaturity",
        version="",
        copyright_holder="vendormaturity contributors",
        msgid_bugs_address="",
        creation_date=EPOCH,
        revision_date=EPOCH,
        charset="utf-8",
        fuzzy=False,
    )


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, abort_invalid=True)


def _written(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def _compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def updated(template: Catalog, path: Path) -> Catalog:
    """The catalogue of *path* with the template's messages: new ones added, gone ones dropped."""
    catalog = _read(path)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.revision_date = EPOCH
    catalog.creation_date = EPOCH
    return catalog


def extract() -> None:
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(_written(extracted()))
    print(f"wrote {TEMPLATE.relative_to(ROOT)}")


def update() -> None:
    template = _read(TEMPLATE)
    for path in po_files():
        path.write_bytes(_written(updated(template, path)))
        print(f"updated {path.relative_to(ROOT)}")


def compile_all() -> None:
    for path in po_files():
        print(f"compiled {compile_one(path).relative_to(ROOT)}")


def init(lang: str, locale: Path = LOCALE) -> Path:
    """A new catalogue for *lang* under *locale*, every message untranslated; its path."""
    template = _read(TEMPLATE)
    catalog = _catalog(lang)
    for message in template:
        if message.id:
            catalog.add(message.id, "", auto_comments=message.auto_comments, context=message.context)
    path = locale / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        raise SystemExit(f"{path} exists")
    path.parent.mkdir(parents=True)
    path.write_bytes(_written(catalog))
    print(f"wrote {path}: translate it, then run compile")
    return path


def compile_one(path: Path) -> Path:
    """*path* (a .po) compiled to the .mo beside it, which the package reads."""
    target = path.with_suffix(".mo")
    target.write_bytes(_compiled(_read(path)))
    return target


PSEUDO = "qps"  # a private-use language code: the pseudo-language of the tests
OPEN, CLOSE = "⟦", "⟧"


def pseudo_text(message: str) -> str:
    """*message* marked ``⟦…⟧`` (spaces at either end left outside); a message without a letter as it is."""
    if not any(character.isalpha() for character in message):
        return message
    core = message.strip()
    start = message.index(core)
    return message[:start] + OPEN + core + CLOSE + message[start + len(core) :]


def pseudo(locale: Path) -> Path:
    """The pseudo-language under *locale*: every text of the template marked, compiled; the .mo's path."""
    catalog = _catalog(None)
    catalog.language_team = PSEUDO
    for message in extracted():
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            string: str | tuple[str, ...] = tuple(pseudo_text(form) for form in message.id)
        else:
            string = pseudo_text(message.id)
        catalog.add(message.id, string, context=message.context)
    path = locale / PSEUDO / "LC_MESSAGES" / f"{DOMAIN}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_written(catalog))
    return compile_one(path)


def _key(message: Message) -> tuple[object, str | None]:
    return message.id, message.context


def problems(complete: tuple[str, ...] = ("fr",)) -> Iterator[str]:
    """What is out of date or missing in the catalogues, one line each (nothing: all is well)."""
    template = extracted()
    expected = {_key(m) for m in template if m.id}
    on_disk = _read(TEMPLATE) if TEMPLATE.is_file() else _catalog(None)
    if {_key(m) for m in on_disk if m.id} != expected or _written(on_disk) != _written(template):
        yield f"{TEMPLATE.relative_to(ROOT)} is not current: run scripts/catalogue.py all"
    for path in po_files():
        lang = path.parts[-3]
        catalog = _read(path)
        ids = {_key(m) for m in catalog if m.id}
        for key in sorted(expected - ids, key=str):
            yield f"{path.relative_to(ROOT)}: {key[0]!r} is missing: run scripts/catalogue.py update"
        for key in sorted(ids - expected, key=str):
            yield f"{path.relative_to(ROOT)}: {key[0]!r} is no longer used: run scripts/catalogue.py update"
        compiled = path.with_suffix(".mo")
        if not compiled.is_file() or compiled.read_bytes() != _compiled(catalog):
            yield f"{compiled.relative_to(ROOT)} is not current: run scripts/catalogue.py compile"
        for message in catalog:
            if message.id:
                yield from _message_problems(path, lang, message, required=lang in complete)


def _message_problems(path: Path, lang: str, message: Message, *, required: bool) -> Iterator[str]:
    where = f"{path.relative_to(ROOT)}: {message.id!r}"
    strings = _strings(message.string)
    if message.fuzzy:
        yield f"{where}: marked fuzzy: check the translation and remove the flag"
    if not all(strings):
        if required:
            yield f"{where}: not translated"
        return
    ids = _strings(message.id)
    wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
    for text in strings:
        have = set(PLACEHOLDER.findall(text))
        # One plural form may leave out {count} ("un fichier"); no translation invents a name.
        if have - wanted or (wanted - have - {"count"}):
            yield f"{where}: placeholders {sorted(have)} differ from {sorted(wanted)}"
    if lang == "fr":
        for text in strings:
            for pattern, what in FRENCH_SPACING:
                if pattern.search(text) and not (what.endswith("'%'") and PERCENT_OK.search(text)):
                    yield f"{where}: {what}: {text!r}"
                    break


def merge(ours: Path, theirs: Path) -> None:
    """Both sides' messages in *ours*, as a git merge driver: a translation on either side is kept.

    Where both sides translated the same message differently, ours wins and the message is
    marked fuzzy for a person to decide (``check`` fails until they do).
    """
    mine, other = _read(ours), _read(theirs)
    for message in other:
        if not message.id:
            continue
        kept = mine.get(message.id, message.context)
        if kept is None:
            mine[message.id] = message
        elif not _translated(kept) and _translated(message):
            kept.string = message.string
        elif _translated(kept) and _translated(message) and kept.string != message.string:
            kept.flags.add("fuzzy")
    ours.write_bytes(_written(mine))


def _translated(message: Message) -> bool:
    return all(_strings(message.string))


def _strings(value: object) -> tuple[str, ...]:
    """A message's id or translation as its forms (one, or one per plural form)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple | list):
        return tuple(str(part or "") for part in value)
    return ("",)


def main(args: list[str]) -> int:
    command = args[0] if args else ""
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile" and len(args) == 2:
        for path in sorted(Path(args[1]).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            print(f"compiled {compile_one(path)}")
    elif command == "compile":
        compile_all()
    elif command == "all":
        extract()
        update()
        compile_all()
    elif command == "merge" and len(args) == 4:
        merge(Path(args[2]), Path(args[3]))
    elif command == "init" and len(args) in (2, 3):
        init(args[1], Path(args[2]) if len(args) == 3 else LOCALE)
    elif command == "pseudo" and len(args) == 2:
        print(f"wrote {pseudo(Path(args[1]))}")
    elif command == "check":
        found = list(problems())
        print("\n".join(found) or "the catalogues are current and complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
