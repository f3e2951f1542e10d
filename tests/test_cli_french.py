"""French all the way: the command line's help, prompts and messages in French (issue item 10).

Every command is run as a user types it, with ``--lang fr`` or ``VENDORMATURITY_LANG=fr``; the
library's own messages (validation problems located by file and line) stay in English inside
the French wrapping.
"""

from __future__ import annotations

import ast
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

import vendormaturity as vm
from conftest import CliRun
from vendormaturity.cli import app
from vendormaturity.cli._language import requested_language
from vendormaturity.i18n import tr

NB = "\u202f"  # the narrow no-break space of French typography
ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "cli"
MINI = DATA / "mini.toml"
INVALID = DATA / "invalid.toml"
SINGLE = DATA / "single.toml"
CLI = ROOT / "src" / "vendormaturity" / "cli"


def squeezed(shown: str) -> str:
    """*shown* without any white space: help is wrapped, at spaces and after hyphens."""
    return "".join(shown.split())


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(typer.main.get_command(app)))
WITH_LANG = [path for path, command in COMMANDS.items() if any(p.name == "lang" for p in command.params)]


def declared(path: tuple[str, ...]) -> list[str]:
    """The keys of the texts a command's help shows: its help, epilog and each parameter's help."""
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    keys = [
        command.help,
        command.epilog,
        *(param.help for param in command.params),
        "Show this message and exit.",
    ]
    return [key for key in keys if key is not None]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --------------------------------------------------------------------------- what the commands print


def test_english_is_the_default_and_any_other_language_reads_english() -> None:
    """A language there is no catalogue for gets the English text."""
    assert ("nothing to check", "nothing to check", "rien à vérifier") == (
        tr("nothing to check", "en"),
        tr("nothing to check", "de"),
        tr("nothing to check", "fr"),
    )
    assert f"erreur{NB}: rien à vérifier" == tr(
        "error: {message}", "fr", message=tr("nothing to check", "fr")
    )


_SHOWN = {"echo", "fail", "BadParameter", "print", "Text", "add_column", "add_row", "start", "track", "note"}
_HELP = {"help", "epilog", "short_help", "title", "caption", "description"}


def _english_literals(tree: ast.AST) -> list[str]:
    """Literal words printed by a module: an argument of echo, fail, print… or a help keyword."""

    def words(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts = [node.value]
        elif isinstance(node, ast.JoinedStr):
            parts = [str(value.value) for value in node.values if isinstance(value, ast.Constant)]
        else:
            return None
        literal = "".join(parts)
        words = literal.replace("vendormaturity", "")  # the program's name is no English
        return literal if re.search(r"[A-Za-z]{2}", words) else None

    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        candidates = list(node.args) if name in _SHOWN else []
        candidates += [keyword.value for keyword in node.keywords if keyword.arg in _HELP]
        found += [f"line {node.lineno}: {shown}" for shown in map(words, candidates) if shown]
    return found


@pytest.mark.parametrize("module", sorted(path.name for path in CLI.glob("*.py")))
def test_no_command_module_prints_an_english_literal(module: str) -> None:
    """What the commands print and their help come from the catalogue, never from a literal."""
    assert [] == _english_literals(ast.parse((CLI / module).read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda path: " ".join(path) or "vendormaturity")
def test_every_help_is_in_french_with_vendormaturity_lang(cli: CliRun, path: tuple[str, ...]) -> None:
    """VENDORMATURITY_LANG=fr: the command's description, example and every option's help in French."""
    result = cli(*path, "--help", VENDORMATURITY_LANG="fr")
    shown = squeezed(result.stdout)
    assert 0 == result.exit_code
    assert [] == [help for help in declared(path) if squeezed(tr(help, "fr")) not in shown]
    assert "Example" not in result.stdout
    assert squeezed(f"Exemple{NB}: vendormaturity {' '.join(path)}") in shown


@pytest.mark.parametrize("path", WITH_LANG, ids=" ".join)
def test_every_help_is_in_french_with_the_lang_option(cli: CliRun, path: tuple[str, ...]) -> None:
    """``--lang fr --help`` is in French: the help is written after the words are read."""
    result = cli(*path, "--lang", "fr", "--help")
    shown = squeezed(result.stdout)
    assert 0 == result.exit_code
    assert [] == [help for help in declared(path) if squeezed(tr(help, "fr")) not in shown]


def test_the_lang_option_in_every_spelling_and_before_the_environment(cli: CliRun) -> None:
    """-l fr, --lang=fr and -lfr ask for French too; --lang en wins over VENDORMATURITY_LANG=fr."""
    french = [
        cli("assess", *spelling, "--help").stdout for spelling in (["-l", "fr"], ["--lang=fr"], ["-lfr"])
    ]
    english = cli("assess", "--help", "--lang", "en", VENDORMATURITY_LANG="fr").stdout
    assert [True, True, True] == [f"Évaluer des relations{NB}:" in shown for shown in french]
    assert "Assess relationships: the phase" in english


def test_french_help_leaves_the_next_command_in_english(cli: CliRun) -> None:
    """The help texts are written per run: French for one command does not stay for the next."""
    cli("fill", "--lang", "fr", "--help")
    cli("--help", VENDORMATURITY_LANG="fr")
    assert "Ask one respondent the questions" in cli("fill", "--help").stdout
    assert "Commands:" in cli("--help").stdout


def test_the_list_of_commands_and_the_help_option_speak_french(cli: CliRun) -> None:
    """The group's help names its commands under "Commandes", and --help is described in French."""
    shown = cli("--help", VENDORMATURITY_LANG="fr").stdout
    assert (f"Commandes{NB}:" in shown, "Afficher cette aide et quitter." in shown) == (True, True)
    assert "validate   Vérifier des questionnaires" in shown


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["fill", "--lang", "fr", "--help"], "fr"),
        (["-l", "fr"], "fr"),
        (["--lang=fr"], "fr"),
        (["-lfr"], "fr"),
        (["--lang", "fr", "--lang", "en"], "en"),
        (["--lang", "de"], None),
        (["--lang"], None),
        (["--", "--lang", "fr"], None),
        (["assess", "examples/acme-hosting"], None),
    ],
)
def test_the_language_a_command_line_asks_for(args: list[str], expected: str | None) -> None:
    """The last --lang given, in any of its spellings; a language not offered is no request."""
    assert expected == requested_language(args)


def test_french_help_stays_light() -> None:
    """`vendormaturity --help` in French imports neither Rich, Jinja2 nor the store."""
    code = (
        "import sys\n"
        "from vendormaturity.cli import main\n"
        "sys.argv = ['vendormaturity', 'fill', '--lang', 'fr', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('rich', 'jinja2', 'sqlalchemy', 'openpyxl')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ("[]\n", True) == (done.stderr, "Poser à un répondant" in done.stdout)


# --------------------------------------------------------------------------- fill


ANSWER_KEYS = "(valeur ou code, Entrée = garder, b = retour, s = passer, q = quitter)"
FACT_KEYS = "(valeur, Entrée = garder, - = effacer, b = retour, s = passer, q = quitter)"
M1 = (
    "[1/2] Confiance\n"
    "m1  Nous croyons ce que l'autre partie annonce.\n"
    "Pensez aux trois derniers comptes rendus.\n"
    "  1 Bas · 1,5 Plutôt bas · 2 Moyen · 2,5 Plutôt haut · 3 Haut\n"
)
M2 = (
    "[2/2] Confiance\n"
    "m2  L'offre décrivait honnêtement le service.\n"
    "  1 Bas · 1,5 Plutôt bas · 2 Moyen · 2,5 Plutôt haut · 3 Haut\n"
)
FACTS = (
    f"Faits sur la relation (pour qui détient les chiffres opérationnels{NB}; s passe un fait inconnu)\n\n"
    "[1/1] headcount  Personnes sur le compte\n"
    "  nombre entier à partir de 0\n"
)


def fill_fr(cli: CliRun, out: Path, answers: list[str], *extra: str) -> Any:
    return cli(
        "fill",
        str(MINI),
        "--side",
        "client",
        "--respondent",
        "Aïcha Benali",
        "--lang",
        "fr",
        "--out",
        str(out),
        *extra,
        input="".join(f"{answer}\n" for answer in answers),
    )


def test_fill_asks_and_answers_in_french_the_whole_conversation(cli: CliRun, tmp_path: Path) -> None:
    """Headings, choices with a decimal comma, the keys, refusals, going back, the facts, the end."""
    out = tmp_path / "2026-11-30.toml"
    result = fill_fr(cli, out, ["7", "", "b", "1,5", "b", "", "2", "abc", "12"], "--facts")
    refused = f"n'est pas une réponse possible ici{NB}: {ANSWER_KEYS[1:-1]}\n"
    assert (0, "") == (result.exit_code, result.stderr)
    assert (
        f"\n{M1}"
        f"{ANSWER_KEYS} > «{NB}7{NB}» {refused}"
        f"{ANSWER_KEYS} > «{NB}{NB}» {refused}"
        f"{ANSWER_KEYS} > (c'est la première question)\n"
        f"\n{M1}{ANSWER_KEYS} > \n"
        f"{M2}{ANSWER_KEYS} > \n"
        f"{M1}{ANSWER_KEYS} [1,5] > \n"
        f"{M2}{ANSWER_KEYS} > Terminé{NB}: 2 réponses enregistrées dans {out}.\n"
        f"\n{FACTS}"
        f"{FACT_KEYS} > «{NB}abc{NB}» n'est pas une valeur possible ici{NB}: "
        f'"abc" n\'est pas un nombre{NB}; donnez un nombre entier à partir de 0\n'
        f"{FACT_KEYS} > Terminé{NB}: 1 fait sur 1 enregistré dans {out}.\n"
    ) == result.stdout
    responses = vm.load_responses(out, vm.load_questionnaire(MINI))
    assert ({"m1": 1.5, "m2": 2}, {"headcount": 12}) == (responses.respondents[0].answers, responses.facts)


def test_fill_resumed_in_french_says_what_is_left(cli: CliRun, tmp_path: Path) -> None:
    """Run again, nothing is asked twice; a fact shows its value, which Enter keeps."""
    out = tmp_path / "2026-11-30.toml"
    fill_fr(cli, out, ["3", "2", "12"], "--facts")
    again = fill_fr(cli, out, [""], "--facts")
    assert (0, "") == (again.exit_code, again.stderr)
    assert (
        f"Plus rien à répondre pour aicha-benali dans {out}.\n\n{FACTS}"
        f"{FACT_KEYS} [12] > Terminé{NB}: 1 fait sur 1 enregistré dans {out}.\n"
    ) == again.stdout


def test_fill_interrupted_and_stopped_in_french(cli: CliRun, tmp_path: Path) -> None:
    """The end of input saves and says so in French (exit 130); q stops and says how to resume."""
    out = tmp_path / "2026-11-30.toml"
    interrupted = fill_fr(cli, out, ["3"])
    stopped = fill_fr(cli, out, ["q"])
    facts_stopped = fill_fr(cli, out, ["2", "q"], "--facts")
    assert (
        130,
        f"Interrompu{NB}: réponses enregistrées dans {out}{NB}; relancez la même commande pour reprendre.\n",
    ) == (
        interrupted.exit_code,
        interrupted.stderr,
    )
    assert stopped.stdout.endswith(
        f"Arrêté{NB}: réponses enregistrées dans {out}{NB}; relancez la même commande pour reprendre.\n"
    )
    assert facts_stopped.stdout.endswith(
        f"Arrêté{NB}: faits enregistrés dans {out}{NB}; relancez la même commande pour reprendre.\n"
    )
    assert {"m1": 3, "m2": 2} == vm.load_responses(out, vm.load_questionnaire(MINI)).respondents[0].answers


def test_fill_asks_the_facts_in_french_with_decimal_commas_and_oui_non(cli: CliRun, tmp_path: Path) -> None:
    """Each fact's kind, range and unit in French; values shown and typed with a decimal comma."""
    out = tmp_path / "single.toml"
    shutil.copy(SINGLE, out)
    result = cli(
        "fill", "pulse", "--facts", "-l", "fr", "-o", str(out), input="0,97\n\n\noui\n0,5\n\n\n\n\n\n"
    )
    shown = result.stdout
    assert 0 == result.exit_code
    assert [True] * 7 == [
        hint in shown
        for hint in (
            f"  nombre de 0 à 1 (une part{NB}: 0,5 = 50{NB}%)\n{FACT_KEYS} [0,92] > ",
            f"  nombre entier de 0 à 600 (mois)\n{FACT_KEYS} [40] > ",
            f"  oui / non\n{FACT_KEYS} [non] > ",
            f"  nombre de 0 à 100 (par mois)\n{FACT_KEYS} [0,2] > ",
            "  1 Stratégique · 2 Levier · 3 Critique (goulot d'étranglement) · 4 Non critique\n",
            f"Terminé{NB}: 7 faits sur 10 enregistrés dans {out}.\n",
            FACTS.splitlines()[0],
        )
    ]
    facts = vm.load_responses(out).facts
    assert (0.97, True, 0.5) == (
        facts["kpi_green_ratio"],
        facts["exit_plan_active"],
        facts["escalations_per_month"],
    )


def test_a_fact_with_one_bound_or_none_is_described_in_french(cli: CliRun, tmp_path: Path) -> None:
    """``à partir de``, ``jusqu'à``, or the kind alone, as the fact's declaration says."""
    questionnaire = tmp_path / "mini.toml"
    questionnaire.write_text(
        MINI.read_text(encoding="utf-8")
        + '\n[[facts]]\nid = "budget"\ntype = "number"\nmax = 2.5\nlabel = { en = "Budget", fr = "Budget" }\n'
        + '\n[[facts]]\nid = "score"\ntype = "number"\nlabel = { en = "Score", fr = "Note" }\n',
        encoding="utf-8",
    )
    out = tmp_path / "2026-11-30.toml"
    fill_fr(cli, out, ["3", "2"])
    result = cli("fill", str(questionnaire), "--facts", "--lang", "fr", "-o", str(out), input="s\ns\ns\n")
    assert (
        "  nombre entier à partir de 0\n" in result.stdout,
        "  nombre jusqu'à 2,5\n" in result.stdout,
        "[3/3] score  Note\n  nombre\n" in result.stdout,
    ) == (True, True, True)


def test_fill_refuses_in_french(cli: CliRun, tmp_path: Path) -> None:
    """The command's own refusals are French; the skipped count agrees in number."""
    out = tmp_path / "single.toml"
    shutil.copy(SINGLE, out)
    other_side = cli(
        "fill", "pulse", "--side", "supplier", "--respondent", "client-1", "-o", str(out), "-l", "fr"
    )
    no_id = cli("fill", "pulse", "--side", "client", "--respondent", "!!!", "-o", str(out), "-l", "fr")
    missing = cli("fill", "pulse", "--facts", "-o", str(tmp_path / "new.toml"), "-l", "fr")
    skipped = fill_fr(cli, tmp_path / "skip.toml", ["passer", "2"])  # the French word works too
    assert (
        f"erreur{NB}: {out}{NB}: le répondant «{NB}client-1{NB}» est du côté client, pas fournisseur\n"
        == (other_side.stderr)
    )
    assert f"«{NB}!!!{NB}» ne donne pas d'identifiant utilisable (lettres, chiffres, . _ @ -)" in no_id.stderr
    assert missing.stderr.startswith(f"erreur{NB}: {tmp_path / 'new.toml'} n'existe pas, et un fichier")
    assert skipped.stdout.endswith(
        f"Terminé{NB}: 1 réponse enregistrée dans {tmp_path / 'skip.toml'} (1 passée).\n"
    )


# --------------------------------------------------------------------------- validate, assess


def test_validate_reports_in_french_with_the_library_messages(cli: CliRun, tmp_path: Path) -> None:
    """Statuses, summaries, counts and each located problem in French; the location as the file writes it."""
    folder = tmp_path / "acme"
    folder.mkdir()
    shutil.copy(SINGLE, folder / "2025-06-30.toml")
    (folder / "notes.txt").write_text("notes\n", encoding="utf-8")
    pulse = ROOT / "questionnaires" / "pulse.toml"
    result = cli("validate", str(folder), str(INVALID), str(pulse), VENDORMATURITY_LANG="fr")
    assert 2 == result.exit_code
    assert [
        f"ignoré     {folder / 'notes.txt'}{NB}: pas nommé par une date, donc hors de l'historique de la "
        "relation",
        f"valide     {folder / '2025-06-30.toml'}{NB}: réponses au questionnaire pulse 1.0.0, 2 répondants, "
        "18 réponses",
        f"invalide   {INVALID}{NB}: 3 problèmes",
        f"  {INVALID}:16: respondents[id=client-1].answers.p01: "
        f"7 n'est pas sur l'échelle (valeurs permises{NB}: 1, 2, 3, 4, 5, ou un code «{NB}ne sait pas{NB}»)",
        f"  {INVALID}:16: respondents[id=client-1].answers.p99: question inconnue «{NB}p99{NB}» "
        f"(vouliez-vous dire «{NB}p09{NB}»{NB}?)",
        f"  {INVALID}:11: facts.kpi_green_ratio: doit valoir au plus 1, et non 1.5",
        f"valide     {pulse}{NB}: questionnaire pulse 1.1.0 (11 questions)",
        f"3 fichiers vérifiés{NB}: 2 valides, 1 invalide (1 ignoré)",
    ] == result.stdout.splitlines()


def test_validate_counts_one_file_in_the_singular(cli: CliRun, tmp_path: Path) -> None:
    """One file, no valid one: ``1 fichier vérifié : 0 valide, 1 invalide`` and exit 2."""
    result = cli("validate", str(tmp_path / "missing.toml"), VENDORMATURITY_LANG="fr")
    assert (2, f"1 fichier vérifié{NB}: 0 valide, 1 invalide") == (
        result.exit_code,
        result.stdout.splitlines()[-1],
    )


def test_assess_says_in_french_that_data_is_missing(cli: CliRun, tmp_path: Path) -> None:
    """A file straight from `new`: French warnings around the library's, and the refusal (exit 3)."""
    out = tmp_path / "2026-11-30.toml"
    made = cli("new", "pulse", "-r", "acme", "--date", "2026-11-30", "--lang", "fr", "-o", str(out))
    result = cli("assess", str(out), "--lang", "fr", "-o", str(tmp_path / "acme.md"), "-f", "markdown")
    assert (
        f"Écrit{NB}: {out} (11 questions, 10 faits). Remplissez-le, puis lancez{NB}: "
        f"vendormaturity validate {out}\n"
    ) == made.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    client, supplier = (lines.index(f'id = "{who}"') for who in ("client-1", "supplier-1"))  # header lines
    assert 3 == result.exit_code
    assert [
        f"attention{NB}: {out}:{client}: respondents[id=client-1]: respondent 'client-1' answered no "
        "question, so does not count; remove them or collect their answers",
        f"attention{NB}: {out}:{supplier}: respondents[id=supplier-1]: respondent 'supplier-1' answered no "
        "question, so does not count; remove them or collect their answers",
        f"écrit{NB}: {tmp_path / 'acme.md'}",
        f"erreur{NB}: trop peu de données pour conclure{NB}: acme (2026-11-30){NB}; le rapport dit ce qui "
        "manque (--allow-insufficient pour l'accepter)",
    ] == result.stderr.splitlines()


def test_assess_fails_and_refuses_in_french(cli: CliRun, tmp_path: Path) -> None:
    """--fail-on names the severity in French; --out and --format html refusals are French too."""
    acme = ROOT / "examples" / "acme-hosting"
    pelican = ROOT / "examples" / "pelican-claims-tma"
    reached = cli("assess", str(acme), "-f", "json", "--fail-on", "high", VENDORMATURITY_LANG="fr")
    a_file = tmp_path / "report.txt"
    a_file.write_text("", encoding="utf-8")
    not_folder = cli("assess", str(acme), str(pelican), "-o", str(a_file), "-l", "fr")
    no_out = cli("assess", str(acme), str(pelican), "-f", "html", "-l", "fr")
    assert (1, "un constat est de gravité élevée ou plus (--fail-on high)\n") == (
        reached.exit_code,
        reached.stderr,
    )
    assert f"erreur{NB}: --out {a_file} doit être un dossier quand plusieurs PATHS sont donnés\n" == (
        not_folder.stderr
    )
    assert (
        f"erreur{NB}: --format html avec plusieurs PATHS demande --out FOLDER (un rapport par relation)\n"
        == (no_out.stderr)
    )


def test_the_date_refused_in_french(cli: CliRun, tmp_path: Path) -> None:
    """A date typed the French way is refused in French (Typer's own words stay English)."""
    result = cli(
        "new", "pulse", "-r", "acme", "--date", "30/11/2026", "-l", "fr", "-o", str(tmp_path / "x.toml")
    )
    assert 2 == result.exit_code
    assert (
        f"Valeur invalide pour --date{NB}: «{NB}30/11/2026{NB}» n'est pas une date (AAAA-MM-JJ)"
        in result.stderr
    )


# --------------------------------------------------------------------------- export, import, facts, mapping


def test_export_and_import_speak_french(cli: CliRun, tmp_path: Path) -> None:
    """export --lang fr says what it wrote; import (no --lang) follows VENDORMATURITY_LANG."""
    workbook = tmp_path / "claire.xlsx"
    exported = cli("export", "pulse", "--side", "supplier", "--lang", "fr", "-o", str(workbook))
    refused = cli(
        "import", str(workbook), "--delimiter", "|", "-o", str(tmp_path / "x.toml"), VENDORMATURITY_LANG="fr"
    )
    assert (
        f"Écrit{NB}: {workbook} (10 questions pour le côté fournisseur et 10 faits, en français). "
        f"Envoyez-le à un répondant{NB}; relisez les réponses avec{NB}: "
        "vendormaturity import FILE.xlsx... --out responses.toml\n"
    ) == exported.stdout
    assert f"Valeur invalide pour --delimiter{NB}: une virgule, un point-virgule ou tab" in refused.stderr


def test_facts_followup_and_mapping_speak_french(cli: CliRun, tmp_path: Path) -> None:
    """The facts' summary, the follow-up block written, the bundled mappings and a checked one."""
    exports = ROOT / "examples" / "ouessant-logistics" / "exports"
    out = tmp_path / "facts.toml"
    computed = cli(
        "facts",
        str(exports),
        "-m",
        "servicenow",
        "-m",
        "spreadsheets",
        "--period",
        "2026-Q3",
        "-o",
        str(out),
        "-l",
        "fr",
    )
    followed = cli(
        "followup", str(ROOT / "examples" / "acme-hosting"), "-o", str(tmp_path / "f.toml"), "-l", "fr"
    )
    listed = cli("mapping", VENDORMATURITY_LANG="fr")
    checked = cli("mapping", str(ROOT / "mappings" / "servicenow.toml"), VENDORMATURITY_LANG="fr")
    assert computed.stdout.startswith(f"écrit{NB}: {out}\nFaits sur 2026-07-01..2026-09-30{NB}:\n")
    assert (
        f"écrit{NB}: {tmp_path / 'f.toml'} (7 actions, 0 statut tiré du suivi d'actions)\n" == followed.stdout
    )
    mapping = vm.load_mapping("servicenow")
    assert f"{'':<24} faits{NB}: {', '.join(mapping.facts)}" in listed.stdout.splitlines()
    assert (
        f"valide     {ROOT / 'mappings' / 'servicenow.toml'}{NB}: correspondance servicenow, "
        f"{len(mapping.sources)} sources, faits{NB}: {', '.join(mapping.facts)}\n"
    ) == checked.stdout


# --------------------------------------------------------------------------- portfolio


def test_portfolio_speaks_french(cli: CliRun, tmp_path: Path) -> None:
    """add, list and reassess with VENDORMATURITY_LANG=fr: French words and decimal commas."""
    db = str(tmp_path / "portfolio.db")
    acme = str(ROOT / "examples" / "acme-hosting")
    added = cli("portfolio", "add", acme, "--db", db, "--workers", "1", VENDORMATURITY_LANG="fr")
    listed = cli("portfolio", "list", "--db", db, "--as-of", "2026-12-01", VENDORMATURITY_LANG="fr")
    shown = cli("portfolio", "show", "acme-hosting", "--db", db, VENDORMATURITY_LANG="fr")
    backwards = cli(
        "portfolio",
        "compare",
        "acme-hosting",
        "--from",
        "2026-01-01",
        "--to",
        "2025-01-01",
        "--db",
        db,
        VENDORMATURITY_LANG="fr",
    )
    again = cli("portfolio", "reassess", "-q", "relationship", "--db", db, VENDORMATURITY_LANG="fr")
    assert f"4 jeux de réponses ajoutés (0 déjà enregistré) pour 1 relation{NB}; 4 résultats calculés\n" == (
        added.stdout
    )
    assert ["relation", "segment", "phase", "tendance", "dernière", "constats", "en", "retard"] == (
        listed.stdout.split()[:8]
    )
    assert "1 relation" == listed.stdout.splitlines()[-1].strip()
    assert re.search(r"^ensemble +2,77 +3,22 +3,24 +3,25$", shown.stdout, re.MULTILINE)
    assert f"erreur{NB}: --to 2025-01-01 est antérieure à --from 2026-01-01\n" == backwards.stderr
    assert [
        "4 campagnes réévaluées pour 1 relation avec relationship 1.1.0",
        "aucune relation n'a changé de phase",
    ] == again.stdout.splitlines()
