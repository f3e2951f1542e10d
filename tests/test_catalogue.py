"""The translation catalogues: current, complete in French, typeset, and open to a third language.

Every text for people is written in English in the code and translated by the catalogue of
the language asked for (``src/vendormaturity/locale``, see docs/translating.md). These tests
run ``scripts/catalogue.py`` as a contributor would, and add a language the way the
documentation says.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import CliRun, load_script
from vendormaturity import i18n
from vendormaturity.i18n import msg, nmsg, ntr, tr

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "vendormaturity"
catalogue = load_script("catalogue")
NB = "\u202f"


def test_the_catalogues_are_current_complete_and_typeset() -> None:
    """The template holds every text of the code, each language's catalogue every message of the
    template, compiled; French translates every one, with the same placeholders, typeset with
    narrow no-break spaces (``scripts/catalogue.py check``)."""
    assert [] == list(catalogue.problems())


def test_every_message_has_a_french_translation() -> None:
    """Not one message of the template is left untranslated or fuzzy in French."""
    template = catalogue.extracted()
    french = catalogue._read(catalogue.LOCALE / "fr" / "LC_MESSAGES" / "vendormaturity.po")
    ids = [(message.id, message.context) for message in template if message.id]
    missing = [
        key
        for key in ids
        if (found := french.get(*key)) is None or found.fuzzy or not all(catalogue._strings(found.string))
    ]
    assert (len(ids) > 600, []) == (True, missing)


def test_plural_forms_come_from_the_catalogue() -> None:
    """French says one for zero and one, English one for one only; each from its own rules."""
    shown = [
        ntr("{count} problem found", "{count} problems found", n, lang)
        for lang in ("en", "fr")
        for n in (0, 1, 2)
    ]
    assert [
        "0 problems found",
        "1 problem found",
        "2 problems found",
        "0 problème trouvé",
        "1 problème trouvé",
        "2 problèmes trouvés",
    ] == shown


def test_a_message_is_english_until_it_is_translated() -> None:
    """A message made by the library is a str in English, and says itself in French when asked;
    a message it holds as a value is translated with it."""
    inner = msg(" (did you mean '{name}'?)", name="strategic")
    outer = nmsg("{count} problem found", "{count} problems found", 2)
    assert ("2 problems found", " (did you mean 'strategic'?)") == (outer, inner)
    assert ("2 problèmes trouvés", f" (vouliez-vous dire «{NB}strategic{NB}»{NB}?)") == (
        outer.translated("fr"),
        inner.translated("fr"),
    )
    assert f"ligne 3{NB}: " == tr("line {line}: ", "fr", line=3)


def test_french_typography_is_the_catalogue_s() -> None:
    """Numbers, percentages and separators as French writes them come from the catalogue too."""
    from vendormaturity.render.texts import integer, number, percent

    assert ("3,58", f"60{NB}%", f"3{NB}019", "3,019", "60%") == (
        number(3.58, "fr"),
        percent(0.6, "fr"),
        integer(3019, "fr"),
        integer(3019, "en"),
        percent(0.6, "en"),
    )


# --------------------------------------------------------------------------- no text in Python tables


def _text_tables(path: Path) -> list[str]:
    """Dictionaries keyed by language (``{"en": …, "fr": …}``) in a module: texts kept in Python."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {
                key.value for key in node.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)
            }
            if keys & set(i18n.languages()) - {"en"} or {"en", "fr"} <= keys:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_keeps_texts_for_people_in_a_table() -> None:
    """No module under src/ holds a table of texts by language: they are all in the catalogue."""
    assert [] == [found for path in sorted(SRC.rglob("*.py")) for found in _text_tables(path)]


def test_every_marked_text_is_a_literal() -> None:
    """tr, ntr, ptr and the rest are given their English as a literal, which extraction reads; a
    variable holds a text marked with ``N_`` or ``pmsg`` where it was written."""
    marking = {"tr", "ntr", "ptr", "nptr", "msg", "nmsg", "pmsg", "N_"}
    loose = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in marking and node.args:
                first = (
                    node.args[1] if getattr(node.func, "id", "") in ("ptr", "nptr", "pmsg") else node.args[0]
                )
                if isinstance(first, ast.JoinedStr | ast.BinOp):
                    loose.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert [] == loose


# --------------------------------------------------------------------------- a third language


def test_a_third_language_is_a_data_job(cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partial German catalogue, made as docs/translating.md says, in a folder of one's own:
    the command line offers German, speaks it where the catalogue has it, English elsewhere."""
    po = catalogue.init("de", tmp_path)
    messages = catalogue._read(po)
    german = {
        ("Findings", None): "Befunde",
        ("Improvement plan", None): "Verbesserungsplan",
        ("Norming", "phase"): "Normierung",
        (("{count} problem found", "{count} problems found"), None): (
            "{count} Problem gefunden",
            "{count} Probleme gefunden",
        ),
    }
    for (message_id, context), string in german.items():
        found = messages.get(message_id[0] if isinstance(message_id, tuple) else message_id, context)
        assert found is not None
        found.string = string
    po.write_bytes(catalogue._written(messages))
    catalogue.compile_one(po)
    monkeypatch.setenv("VENDORMATURITY_LOCALE_PATH", str(tmp_path))

    assert ("en", "de", "fr") == i18n.languages()
    result = cli("assess", str(ROOT / "examples" / "acme-hosting"), "--lang", "de")
    assert 0 == result.exit_code, result.output
    assert (
        "Befunde" in result.stdout,
        "Verbesserungsplan" in result.stdout,
        "Normierung" in result.stdout,
    ) == (
        True,
        True,
        True,
    )
    assert "Follow-up of the previous plan" in result.stdout  # not translated yet: English
    assert "2 Probleme gefunden" == ntr("{count} problem found", "{count} problems found", 2, "de")
