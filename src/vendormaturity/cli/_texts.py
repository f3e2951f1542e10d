"""The command line's own texts, in English and French: help, prompts, progress and messages.

Each entry maps a key to its text in each language, with ``{placeholders}`` filled by
:func:`text`; an entry may add a singular form (``en_one``, ``fr_one``) that :func:`counted`
picks for one item in English, and for zero or one in French. French is typeset as the
reports are (:func:`vendormaturity.render.texts.colon`): a narrow no-break space (U+202F)
before ``: ; ! ?`` and inside « guillemets », written here as ordinary spaces and set when a
text is taken.

What the library says – validation problems located by file, line and data path, the
reasons a file is skipped, the store's messages – is the library's, shared with the Python
API, and stays in English; the CLI translates what it wraps around them.

The language of a command is its ``--lang`` option where it has one, else
``VENDORMATURITY_LANG``, else English. Help is written when it is shown, in the language
that the command line asks for (``--lang fr``, ``-l fr``, ``--lang=fr``) or else
``VENDORMATURITY_LANG``: see :func:`requested_language`.

Plain data, imported by ``vendormaturity --help``: nothing heavy here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Final

__all__ = [
    "LANGUAGES",
    "counted",
    "entries",
    "env_language",
    "is_key",
    "requested_language",
    "text",
]

LANGUAGES: Final = ("en", "fr")
_NARROW_NBSP: Final = "\u202f"  # as in render/texts.py: French typography before : ; ! ? and %
_FRENCH_SPACES: Final = (
    (" :", _NARROW_NBSP + ":"),
    (" ;", _NARROW_NBSP + ";"),
    (" !", _NARROW_NBSP + "!"),
    (" ?", _NARROW_NBSP + "?"),
    ("« ", "«" + _NARROW_NBSP),
    (" »", _NARROW_NBSP + "»"),
)

_TEXTS: Final[dict[str, dict[str, str]]] = {
    # ------------------------------------------------------------------ shared words
    "error": {"en": "error: {message}", "fr": "erreur : {message}"},
    "warning": {"en": "warning: {message}", "fr": "attention : {message}"},
    "note": {"en": "note: {message}", "fr": "note : {message}"},
    "none": {"en": "none", "fr": "aucun"},
    "wrote": {"en": "wrote {path}", "fr": "écrit : {path}"},
    "cannot_write": {"en": "cannot write {path}: {reason}", "fr": "impossible d'écrire {path} : {reason}"},
    "cannot_create": {"en": "cannot create {path}: {reason}", "fr": "impossible de créer {path} : {reason}"},
    "exists": {
        "en": "{path} exists; use --force to overwrite it",
        "fr": "{path} existe déjà ; --force pour l'écraser",
    },
    "not_a_date": {
        "en": "'{value}' is not a date (YYYY-MM-DD)",
        "fr": "« {value} » n'est pas une date (AAAA-MM-JJ)",
    },
    "no_openpyxl": {
        "en": "workbooks need openpyxl: pip install 'vendormaturity[excel]'",
        "fr": "les classeurs demandent openpyxl : pip install 'vendormaturity[excel]'",
    },
    "side.client": {"en": "client", "fr": "client"},
    "side.supplier": {"en": "supplier", "fr": "fournisseur"},
    "language.en": {"en": "English", "fr": "anglais"},
    "language.fr": {"en": "French", "fr": "français"},
    # ------------------------------------------------------------------ help: the app and shared options
    "help.commands": {"en": "Commands", "fr": "Commandes"},
    "app.help": {
        "en": "Assess the maturity of a client–supplier relationship: Tuckman phase, stuck patterns, "
        "improvement plan.\n\n"
        "Exit codes: 0 ok; 1 the --fail-on threshold was reached or an output could not be written; "
        "2 invalid input or usage (every problem is printed on stderr, located by file, line and "
        "data path); 3 too little data for a verdict (the report says what is missing; "
        "--allow-insufficient accepts it); 130 `fill` interrupted (answers are saved).",
        "fr": "Évaluer la maturité d'une relation client–fournisseur : phase de Tuckman, situations de "
        "blocage, plan d'amélioration.\n\n"
        "Codes de sortie : 0 succès ; 1 le seuil de --fail-on est atteint ou une sortie n'a pas pu être "
        "écrite ; 2 entrée ou usage invalide (chaque problème est affiché sur la sortie d'erreur, situé "
        "par fichier, ligne et chemin de données) ; 3 trop peu de données pour conclure (le rapport dit "
        "ce qui manque ; --allow-insufficient l'accepte) ; 130 `fill` interrompu (les réponses sont "
        "enregistrées).",
    },
    "app.epilog": {
        "en": "Example: vendormaturity assess examples/acme-hosting --format html --out report.html",
        "fr": "Exemple : vendormaturity assess examples/acme-hosting --format html --lang fr "
        "--out rapport.html",
    },
    "opt.help": {"en": "Show this message and exit.", "fr": "Afficher cette aide et quitter."},
    "opt.version": {"en": "Print the version and exit.", "fr": "Afficher la version et quitter."},
    "opt.lang": {
        "en": "Language of the texts (or set VENDORMATURITY_LANG).",
        "fr": "Langue des textes (ou variable VENDORMATURITY_LANG).",
    },
    "opt.questionnaire": {
        "en": "Read the response files with this questionnaire (a bundled id, or a file) instead of the "
        "bundled one each file names; needed for a questionnaire of your own.",
        "fr": "Lire les fichiers de réponses avec ce questionnaire (l'identifiant d'un questionnaire "
        "intégré, ou un fichier) plutôt qu'avec le questionnaire intégré que chaque fichier nomme ; "
        "nécessaire pour un questionnaire à vous.",
    },
    "opt.accept_dates": {
        "en": "Accept assessment dates before 1990 or more than a week ahead (refused as likely typos).",
        "fr": "Accepter les dates d'évaluation antérieures à 1990 ou à plus d'une semaine dans le futur "
        "(refusées comme probables fautes de frappe).",
    },
    "arg.questionnaire": {
        "en": "A bundled questionnaire id or a questionnaire file.",
        "fr": "L'identifiant d'un questionnaire intégré, ou un fichier de questionnaire.",
    },
    "opt.format": {"en": "Output format.", "fr": "Format de sortie."},
    "opt.client": {"en": "Name of the client organisation.", "fr": "Nom de l'organisation cliente."},
    "opt.supplier": {"en": "Name of the supplier organisation.", "fr": "Nom de l'organisation fournisseur."},
    "opt.date_today": {
        "en": "Date of the assessment, YYYY-MM-DD (default: today).",
        "fr": "Date de l'évaluation, AAAA-MM-JJ (par défaut : aujourd'hui).",
    },
    "opt.force_file": {"en": "Overwrite FILE if it exists.", "fr": "Écraser FILE s'il existe."},
    "opt.mapping": {
        "en": "A bundled mapping id (servicenow, jira-service-management, dynamics365, salesforce, "
        "spreadsheets) or a mapping file; repeat it to combine several.",
        "fr": "L'identifiant d'une correspondance intégrée (servicenow, jira-service-management, "
        "dynamics365, salesforce, spreadsheets) ou un fichier de correspondance ; à répéter pour en "
        "combiner plusieurs.",
    },
    "opt.encoding": {
        "en": "Encoding of the CSV and JSON exports (UTF-8 by default; cp1252 for Excel on Windows).",
        "fr": "Encodage des exports CSV et JSON (UTF-8 par défaut ; cp1252 pour Excel sous Windows).",
    },
    "opt.db": {
        "en": "Database: a SQLite file or a URL such as postgresql://host/db (or set VENDORMATURITY_DB). "
        "Default: vendormaturity.db in the working folder.",
        "fr": "Base de données : un fichier SQLite ou une URL comme postgresql://host/db (ou variable "
        "VENDORMATURITY_DB). Par défaut : vendormaturity.db dans le dossier de travail.",
    },
    "arg.relationship": {"en": "The relationship's id.", "fr": "L'identifiant de la relation."},
    # ------------------------------------------------------------------ list, show, schema
    "list.help": {
        "en": "List the bundled questionnaires: id, version, languages, number of questions.",
        "fr": "Lister les questionnaires intégrés : identifiant, version, langues, nombre de questions.",
    },
    "list.epilog": {
        "en": "Example: vendormaturity list --lang fr",
        "fr": "Exemple : vendormaturity list --lang fr",
    },
    "list.id": {"en": "id", "fr": "id"},
    "list.version": {"en": "version", "fr": "version"},
    "list.languages": {"en": "languages", "fr": "langues"},
    "list.questions": {"en": "questions", "fr": "questions"},
    "list.title": {"en": "title", "fr": "titre"},
    "show.help": {
        "en": "Show a questionnaire: its questions grouped by dimension, with who answers them, their "
        "lifecycle stage, reverse scoring and relevance condition; then its scales and facts.",
        "fr": "Afficher un questionnaire : ses questions par dimension, avec qui y répond, leur étape du "
        "cycle de vie, leur notation inversée et leur condition de pertinence ; puis ses échelles et "
        "ses faits.",
    },
    "show.epilog": {
        "en": "Example: vendormaturity show pulse --lang fr",
        "fr": "Exemple : vendormaturity show pulse --lang fr",
    },
    "schema.help": {
        "en": "Print the JSON Schema of questionnaire files, response files or results.",
        "fr": "Afficher le schéma JSON des fichiers de questionnaire, des fichiers de réponses ou des "
        "résultats.",
    },
    "schema.epilog": {
        "en": "Example: vendormaturity schema responses > responses.schema.json",
        "fr": "Exemple : vendormaturity schema responses > responses.schema.json",
    },
    "schema.kind": {
        "en": "Which schema to print: questionnaire, responses or result.",
        "fr": "Le schéma à afficher : questionnaire, responses ou result.",
    },
    # ------------------------------------------------------------------ new
    "new.help": {
        "en": "Write an empty response file to fill in an editor: every question and fact as a commented "
        "line with its text and scale, and one client and one supplier respondent.",
        "fr": "Écrire un fichier de réponses vide à remplir dans un éditeur : chaque question et chaque "
        "fait en ligne commentée, avec son texte et son échelle, et un répondant client et un répondant "
        "fournisseur.",
    },
    "new.epilog": {
        "en": "Example: vendormaturity new pulse --relationship acme-hosting --out acme/2025-06-30.toml",
        "fr": "Exemple : vendormaturity new pulse --relationship acme-hosting --lang fr "
        "--out acme/2025-06-30.toml",
    },
    "new.relationship": {"en": "Name of the relationship.", "fr": "Nom de la relation."},
    "new.out": {"en": "The response file to create (TOML).", "fr": "Le fichier de réponses à créer (TOML)."},
    "new.wrote": {
        "en": "Wrote {path}: {questions} questions, {facts} facts. Fill it in, then run: "
        "vendormaturity validate {path}",
        "fr": "Écrit : {path} ({questions} questions, {facts} faits). Remplissez-le, puis lancez : "
        "vendormaturity validate {path}",
        "fr_one": "Écrit : {path} ({questions} questions, {facts} fait). Remplissez-le, puis lancez : "
        "vendormaturity validate {path}",
    },
    # ------------------------------------------------------------------ fill
    "fill.help": {
        "en": "Ask one respondent the questions of their side in the terminal, saving the file after "
        "every answer; with --facts, ask the facts too (the workbook's facts sheet: for whoever owns "
        "the operational figures), or only the facts when no respondent is given.\n\n"
        "Questions whose condition does not hold are not asked; a scale's codes (such as dk) mean "
        "don't know; b goes back, s skips, q stops. Run the same command again to resume: answered "
        "questions are not asked again. Ctrl-C loses nothing (exit 130). A new FILE takes "
        "--relationship, --client, --supplier and --date; an existing one keeps its own and gains or "
        "updates the respondent.",
        "fr": "Poser à un répondant les questions de son côté dans le terminal, en enregistrant le "
        "fichier après chaque réponse ; avec --facts, poser aussi les faits (la feuille des faits du "
        "classeur : pour qui détient les chiffres opérationnels), ou seulement les faits si aucun "
        "répondant n'est donné.\n\n"
        "Les questions dont la condition n'est pas remplie ne sont pas posées ; les codes d'une échelle "
        "(comme dk) veulent dire « je ne sais pas » ; b revient en arrière, s passe, q arrête. Relancer "
        "la même commande reprend là où l'on s'était arrêté : les questions déjà répondues ne sont pas "
        "reposées. Ctrl-C ne perd rien (code 130). Un nouveau FILE prend --relationship, --client, "
        "--supplier et --date ; un fichier existant garde les siens et gagne le répondant, ou le met à "
        "jour.",
    },
    "fill.epilog": {
        "en": 'Example: vendormaturity fill pulse --side client --respondent "Claire Martin" '
        "--out acme/2025-06-30.toml",
        "fr": 'Exemple : vendormaturity fill pulse --side client --respondent "Claire Martin" --lang fr '
        "--out acme/2025-06-30.toml",
    },
    "fill.out": {
        "en": "The response file to create or complete.",
        "fr": "Le fichier de réponses à créer ou à compléter.",
    },
    "fill.side": {"en": "The respondent's side.", "fr": "Le côté du répondant."},
    "fill.respondent": {
        "en": "The respondent's id or name (a name becomes an id).",
        "fr": "L'identifiant ou le nom du répondant (un nom devient un identifiant).",
    },
    "fill.facts": {
        "en": "Ask the relationship's facts (after the respondent's questions).",
        "fr": "Poser les faits de la relation (après les questions du répondant).",
    },
    "fill.role": {"en": "The respondent's role.", "fr": "Le rôle du répondant."},
    "fill.relationship": {
        "en": "Relationship name for a new file (default: FILE's name).",
        "fr": "Nom de la relation pour un nouveau fichier (par défaut : le nom de FILE).",
    },
    "fill.client": {"en": "Client name for a new file.", "fr": "Nom du client pour un nouveau fichier."},
    "fill.supplier": {
        "en": "Supplier name for a new file.",
        "fr": "Nom du fournisseur pour un nouveau fichier.",
    },
    "fill.date": {
        "en": "Date for a new file, YYYY-MM-DD (default: today).",
        "fr": "Date pour un nouveau fichier, AAAA-MM-JJ (par défaut : aujourd'hui).",
    },
    "fill.both_or_neither": {
        "en": "give both --side and --respondent, or neither (with --facts)",
        "fr": "donnez à la fois --side et --respondent, ou aucun des deux (avec --facts)",
    },
    "fill.side_needed": {
        "en": "give --side and --respondent (or --facts to ask the facts)",
        "fr": "donnez --side et --respondent (ou --facts pour poser les faits)",
    },
    "fill.other_side": {
        "en": "{path}: respondent '{id}' is on the {existing} side, not {given}",
        "fr": "{path} : le répondant « {id} » est du côté {existing}, pas {given}",
    },
    "fill.needs_respondent": {
        "en": "{path} does not exist, and a response file needs a respondent: give --side and "
        "--respondent to answer the questions first, then the facts",
        "fr": "{path} n'existe pas, et un fichier de réponses a besoin d'un répondant : donnez --side et "
        "--respondent pour répondre d'abord aux questions, puis aux faits",
    },
    "fill.stopped": {
        "en": "Stopped: answers saved in {path}; run the same command to resume.",
        "fr": "Arrêté : réponses enregistrées dans {path} ; relancez la même commande pour reprendre.",
    },
    "fill.stopped_facts": {
        "en": "Stopped: facts saved in {path}; run the same command to resume.",
        "fr": "Arrêté : faits enregistrés dans {path} ; relancez la même commande pour reprendre.",
    },
    "fill.interrupted": {
        "en": "Interrupted: answers saved in {path}; run the same command to resume.",
        "fr": "Interrompu : réponses enregistrées dans {path} ; relancez la même commande pour reprendre.",
    },
    "fill.bad_id": {
        "en": "'{value}' gives no usable id (letters, digits, . _ @ -)",
        "fr": "« {value} » ne donne pas d'identifiant utilisable (lettres, chiffres, . _ @ -)",
    },
    # the conversation
    "fill.nothing_left": {
        "en": "Nothing left to answer for {id} in {path}.",
        "fr": "Plus rien à répondre pour {id} dans {path}.",
    },
    "fill.first_question": {"en": "(this is the first question)", "fr": "(c'est la première question)"},
    "fill.answer_help": {
        "en": "value or code, Enter = keep, b = back, s = skip, q = quit",
        "fr": "valeur ou code, Entrée = garder, b = retour, s = passer, q = quitter",
    },
    "fill.not_an_answer": {
        "en": "'{answer}' is not an answer here: {help}",
        "fr": "« {answer} » n'est pas une réponse possible ici : {help}",
    },
    "fill.done": {
        "en": "Done: {count} answers saved in {path}{skipped}.",
        "fr": "Terminé : {count} réponses enregistrées dans {path}{skipped}.",
        "fr_one": "Terminé : {count} réponse enregistrée dans {path}{skipped}.",
    },
    "fill.skipped": {
        "en": " ({count} skipped)",
        "fr": " ({count} passées)",
        "fr_one": " ({count} passée)",
    },
    "facts.heading": {
        "en": "Facts about the relationship (for whoever owns the operational figures; s skips an "
        "unknown one)",
        "fr": "Faits sur la relation (pour qui détient les chiffres opérationnels ; s passe un fait inconnu)",
    },
    "facts.first": {"en": "(this is the first fact)", "fr": "(c'est le premier fait)"},
    "facts.answer_help": {
        "en": "value, Enter = keep, - = clear, b = back, s = skip, q = quit",
        "fr": "valeur, Entrée = garder, - = effacer, b = retour, s = passer, q = quitter",
    },
    "facts.not_a_value": {
        "en": "{answer} is not a value here: {problem}",
        "fr": "{answer} n'est pas une valeur possible ici : {problem}",
    },
    "facts.done": {
        "en": "Done: {count} of {total} facts saved in {path}.",
        "fr": "Terminé : {count} faits sur {total} enregistrés dans {path}.",
        "fr_one": "Terminé : {count} fait sur {total} enregistré dans {path}.",
    },
    "facts.yes": {"en": "yes", "fr": "oui"},
    "facts.no": {"en": "no", "fr": "non"},
    "facts.yes_no": {"en": "yes / no", "fr": "oui / non"},
    "facts.whole_number": {"en": "whole number", "fr": "nombre entier"},
    "facts.number": {"en": "number", "fr": "nombre"},
    "facts.range": {"en": " from {low} to {high}", "fr": " de {low} à {high}"},
    "facts.range_low": {"en": " from {low}", "fr": " à partir de {low}"},
    "facts.range_high": {"en": " to {high}", "fr": " jusqu'à {high}"},
    # ------------------------------------------------------------------ export
    "export.help": {
        "en": "Write an Excel workbook for one respondent: instructions, the questions of their side "
        "grouped by dimension with a drop-down of answers and a comment cell, their name and role, and "
        "a facts sheet. Send one to each respondent and read them back with import.\n\n"
        "--form-mapping FILE also (or only) writes the mapping of a form built in Microsoft Forms, "
        "Google Forms or LimeSurvey: the titles, codes and options to give its questions. Without "
        "--side, the mapping is for one form for both sides, which asks the side.",
        "fr": "Écrire un classeur Excel pour un répondant : des instructions, les questions de son côté "
        "par dimension avec une liste déroulante de réponses et une cellule de commentaire, son nom et "
        "son rôle, et une feuille des faits. Envoyez-en un à chaque répondant et relisez-les avec "
        "import.\n\n"
        "--form-mapping FILE écrit aussi (ou seulement) la correspondance d'un formulaire construit "
        "dans Microsoft Forms, Google Forms ou LimeSurvey : les titres, codes et options à donner à ses "
        "questions. Sans --side, la correspondance est celle d'un seul formulaire pour les deux côtés, "
        "qui demande le côté.",
    },
    "export.epilog": {
        "en": "Example: vendormaturity export pulse --side client --lang fr --relationship acme-hosting "
        "--client ACME --supplier HostCo --out acme-client.xlsx",
        "fr": "Exemple : vendormaturity export pulse --side client --lang fr --relationship acme-hosting "
        "--client ACME --supplier HostCo --out acme-client.xlsx",
    },
    "export.side": {
        "en": "The respondent's side (needed for a workbook).",
        "fr": "Le côté du répondant (nécessaire pour un classeur).",
    },
    "export.out": {"en": "The workbook to write (.xlsx).", "fr": "Le classeur à écrire (.xlsx)."},
    "export.form_mapping": {
        "en": "Also write the mapping of a survey form (TOML).",
        "fr": "Écrire aussi la correspondance d'un formulaire d'enquête (TOML).",
    },
    "export.relationship": {
        "en": "Name of the relationship, read back on import.",
        "fr": "Nom de la relation, relu par import.",
    },
    "export.date": {"en": "Date of the assessment, YYYY-MM-DD.", "fr": "Date de l'évaluation, AAAA-MM-JJ."},
    "export.force": {"en": "Overwrite files that exist.", "fr": "Écraser les fichiers existants."},
    "export.nothing": {
        "en": "give --out FILE.xlsx, --form-mapping FILE.toml, or both",
        "fr": "donnez --out FILE.xlsx, --form-mapping FILE.toml, ou les deux",
    },
    "export.side_needed": {
        "en": "a workbook is for one side: give --side client or --side supplier",
        "fr": "un classeur est pour un seul côté : donnez --side client ou --side supplier",
    },
    "export.wrote_workbook": {
        "en": "Wrote {path}: {questions} questions for the {side} side and {facts} facts, in {language}. "
        "Send it to a respondent; read the answers back with: "
        "vendormaturity import FILE.xlsx... --out responses.toml",
        "fr": "Écrit : {path} ({questions} questions pour le côté {side} et {facts} faits, en {language}). "
        "Envoyez-le à un répondant ; relisez les réponses avec : "
        "vendormaturity import FILE.xlsx... --out responses.toml",
        "fr_one": "Écrit : {path} ({questions} questions pour le côté {side} et {facts} fait, en "
        "{language}). Envoyez-le à un répondant ; relisez les réponses avec : "
        "vendormaturity import FILE.xlsx... --out responses.toml",
    },
    "export.wrote_mapping": {
        "en": "Wrote {path}: build the form from it, then read its export with: vendormaturity import "
        "EXPORT --tool forms|google|limesurvey --mapping {path} --out responses.toml",
        "fr": "Écrit : {path}. Construisez le formulaire à partir de ce fichier, puis lisez son export "
        "avec : vendormaturity import EXPORT --tool forms|google|limesurvey --mapping {path} "
        "--out responses.toml",
    },
    # ------------------------------------------------------------------ import
    "import.help": {
        "en": "Read the answers of several respondents into one response file: workbooks made by export "
        "(both sides, any language), or the response exports of Microsoft Forms (.xlsx), Google Forms "
        "(.csv from Sheets) or LimeSurvey (.csv) with --tool.\n\n"
        "Every problem is reported with its file and cell (Réponses!D14) or row and column, and nothing "
        "is written unless --keep-partial asks to keep the valid answers (what is left out is listed, "
        "and noted in the file). Survey columns are matched by a --mapping written by export "
        "--form-mapping, or by the question texts in any language.",
        "fr": "Lire les réponses de plusieurs répondants dans un seul fichier de réponses : classeurs "
        "produits par export (les deux côtés, toute langue), ou exports de réponses de Microsoft Forms "
        "(.xlsx), Google Forms (.csv depuis Sheets) ou LimeSurvey (.csv) avec --tool.\n\n"
        "Chaque problème est signalé avec son fichier et sa cellule (Réponses!D14) ou sa ligne et sa "
        "colonne, et rien n'est écrit, sauf si --keep-partial demande de garder les réponses valides "
        "(ce qui est laissé de côté est listé, et noté dans le fichier). Les colonnes d'une enquête sont "
        "reconnues par une correspondance (--mapping) écrite par export --form-mapping, ou par le texte "
        "des questions dans l'une ou l'autre langue.",
    },
    "import.epilog": {
        "en": "Example: vendormaturity import answers/*.xlsx --out acme-hosting/2026-09-15.toml",
        "fr": "Exemple : vendormaturity import reponses/*.xlsx --out acme-hosting/2026-09-15.toml",
    },
    "import.files": {"en": "Workbooks or survey exports.", "fr": "Classeurs ou exports d'enquête."},
    "import.out": {
        "en": "The response file to write (TOML).",
        "fr": "Le fichier de réponses à écrire (TOML).",
    },
    "import.tool": {
        "en": "What the files are: workbooks, or a survey tool's exports.",
        "fr": "La nature des fichiers : classeurs, ou exports d'un outil d'enquête.",
    },
    "import.mapping": {
        "en": "The form mapping written by export --form-mapping.",
        "fr": "La correspondance du formulaire écrite par export --form-mapping.",
    },
    "import.side": {
        "en": "The side of every response of a survey export.",
        "fr": "Le côté de toutes les réponses d'un export d'enquête.",
    },
    "import.encoding": {
        "en": "Encoding of a CSV export that is not UTF-8 or UTF-16 (e.g. cp1252).",
        "fr": "Encodage d'un export CSV qui n'est ni en UTF-8 ni en UTF-16 (par exemple cp1252).",
    },
    "import.delimiter": {
        "en": "Field separator of a CSV export, when the heading line does not tell.",
        "fr": "Séparateur de champs d'un export CSV, quand la ligne d'en-tête ne le dit pas.",
    },
    "import.keep_partial": {
        "en": "Write the valid answers even when some could not be read.",
        "fr": "Écrire les réponses valides même si certaines n'ont pas pu être lues.",
    },
    "import.relationship": {
        "en": "Name of the relationship (default: from the files).",
        "fr": "Nom de la relation (par défaut : celui des fichiers).",
    },
    "import.bad_delimiter": {
        "en": "a comma, a semicolon or tab",
        "fr": "une virgule, un point-virgule ou tab",
    },
    "import.wrote": {
        "en": "Wrote {path}: {respondents} ({client} client, {supplier} supplier) and {facts} facts "
        "from {files}. Check it with: vendormaturity assess {path}",
        "fr": "Écrit : {path}, {respondents} ({client} côté client, {supplier} côté fournisseur) et "
        "{facts} faits, lus dans {files}. Vérifiez-le avec : vendormaturity assess {path}",
        "fr_one": "Écrit : {path}, {respondents} ({client} côté client, {supplier} côté fournisseur) et "
        "{facts} fait, lus dans {files}. Vérifiez-le avec : vendormaturity assess {path}",
    },
    "import.respondents": {
        "en": "{count} respondents",
        "en_one": "{count} respondent",
        "fr": "{count} répondants",
        "fr_one": "{count} répondant",
    },
    "import.files_read": {
        "en": "{count} files",
        "en_one": "{count} file",
        "fr": "{count} fichiers",
        "fr_one": "{count} fichier",
    },
    "import.left_out": {
        "en": "Left out (--keep-partial), {count} problems:",
        "fr": "Laissés de côté (--keep-partial), {count} problèmes :",
        "fr_one": "Laissé de côté (--keep-partial), {count} problème :",
    },
    "import.no_questionnaire_workbooks": {
        "en": "the workbooks name no questionnaire vendormaturity can read: give --questionnaire ID or FILE",
        "fr": "les classeurs ne nomment aucun questionnaire que vendormaturity sache lire : donnez "
        "--questionnaire ID ou FILE",
    },
    "import.no_questionnaire_files": {
        "en": "the files name no questionnaire vendormaturity can read: give --questionnaire ID or FILE",
        "fr": "les fichiers ne nomment aucun questionnaire que vendormaturity sache lire : donnez "
        "--questionnaire ID ou FILE",
    },
    "import.not_bundled": {
        "en": "the files name questionnaire '{name}', which is not bundled: give --questionnaire FILE",
        "fr": "les fichiers nomment le questionnaire « {name} », qui n'est pas intégré : donnez "
        "--questionnaire FILE",
    },
    # ------------------------------------------------------------------ validate
    "validate.help": {
        "en": "Check questionnaires, response files and saved results, told apart by their content, and "
        "print every problem located by file, line and data path, and every warning. A folder is a "
        "relationship's: its dated files are checked, and whether they tell one story (one "
        "relationship, one questionnaire, one assessment a date). Exit 2 if any file is invalid or "
        "there is nothing to check.",
        "fr": "Vérifier des questionnaires, des fichiers de réponses et des résultats enregistrés, "
        "reconnus à leur contenu, et afficher chaque problème, situé par fichier, ligne et chemin de "
        "données, et chaque avertissement. Un dossier est celui d'une relation : ses fichiers datés "
        "sont vérifiés, et le fait qu'ils racontent une seule histoire (une relation, un questionnaire, "
        "une évaluation par date). Code 2 si un fichier est invalide ou s'il n'y a rien à vérifier.",
    },
    "validate.epilog": {
        "en": "Example: vendormaturity validate questionnaires/pulse.toml examples/acme-hosting",
        "fr": "Exemple : vendormaturity validate questionnaires/pulse.toml examples/acme-hosting",
    },
    "validate.paths": {
        "en": "Files to check, or relationship folders.",
        "fr": "Fichiers à vérifier, ou dossiers de relation.",
    },
    "validate.nothing": {"en": "nothing to check", "fr": "rien à vérifier"},
    # the report's lines: a status, padded to the longest of the language, then what it is about
    "validate.ok": {"en": "ok", "fr": "valide"},
    "validate.invalid": {"en": "invalid", "fr": "invalide"},
    "validate.warning": {"en": "warning", "fr": "attention"},
    "validate.skipped": {"en": "skipped", "fr": "ignoré"},
    "validate.line": {"en": "{status}{path}: {what}", "fr": "{status}{path} : {what}"},
    "validate.problems": {
        "en": "{count} problems",
        "en_one": "{count} problem",
        "fr": "{count} problèmes",
        "fr_one": "{count} problème",
    },
    "validate.folder_problems": {
        "en": "{count} problems across its files",
        "en_one": "{count} problem across its files",
        "fr": "{count} problèmes entre ses fichiers",
        "fr_one": "{count} problème entre ses fichiers",
    },
    "validate.not_dated": {
        "en": "not named by date, so not part of the relationship's history",
        "fr": "pas nommé par une date, donc hors de l'historique de la relation",
    },
    "validate.questionnaire": {
        "en": "questionnaire {id} {version} ({count} questions)",
        "fr": "questionnaire {id} {version} ({count} questions)",
        "fr_one": "questionnaire {id} {version} ({count} question)",
    },
    "validate.result": {
        "en": "result of {relationship} on {date}",
        "fr": "résultat de {relationship} au {date}",
    },
    "validate.responses": {
        "en": "responses to {questionnaire} {version}, {respondents}, {answers}",
        "fr": "réponses au questionnaire {questionnaire} {version}, {respondents}, {answers}",
    },
    "validate.respondents": {
        "en": "{count} respondents",
        "en_one": "{count} respondent",
        "fr": "{count} répondants",
        "fr_one": "{count} répondant",
    },
    "validate.answers": {
        "en": "{count} answers",
        "en_one": "{count} answer",
        "fr": "{count} réponses",
        "fr_one": "{count} réponse",
    },
    "validate.total": {
        "en": "{files}: {valid}, {invalid}{notes}{folders}",
        "fr": "{files} : {valid}, {invalid}{notes}{folders}",
    },
    "validate.files": {
        "en": "{count} files checked",
        "en_one": "{count} file checked",
        "fr": "{count} fichiers vérifiés",
        "fr_one": "{count} fichier vérifié",
    },
    "validate.valid_count": {"en": "{count} valid", "fr": "{count} valides", "fr_one": "{count} valide"},
    "validate.invalid_count": {
        "en": "{count} invalid",
        "fr": "{count} invalides",
        "fr_one": "{count} invalide",
    },
    "validate.notes": {"en": " ({notes})", "fr": " ({notes})"},
    "validate.skipped_count": {"en": "{count} skipped", "fr": "{count} ignorés", "fr_one": "{count} ignoré"},
    "validate.warnings": {
        "en": "{count} warnings",
        "en_one": "{count} warning",
        "fr": "{count} avertissements",
        "fr_one": "{count} avertissement",
    },
    "validate.folders": {
        "en": "; {count} folders whose files do not tell one story",
        "en_one": "; {count} folder whose files do not tell one story",
        "fr": " ; {count} dossiers dont les fichiers ne racontent pas une seule histoire",
        "fr_one": " ; {count} dossier dont les fichiers ne racontent pas une seule histoire",
    },
    # ------------------------------------------------------------------ assess, explain
    "assess.help": {
        "en": "Assess relationships: the phase with its probabilities and confidence, the dimensions per "
        "side with their gaps, the findings, the improvement plan and the follow-up of the previous "
        "one.\n\n"
        "PATH is a response file, or a folder of one relationship's dated response files: the newest is "
        "assessed and the older ones are its history. With several PATHs, --out is a folder that "
        "receives one report per relationship.",
        "fr": "Évaluer des relations : la phase avec ses probabilités et la confiance, les dimensions par "
        "côté avec leurs écarts, les constats, le plan d'amélioration et le suivi du plan précédent.\n\n"
        "PATH est un fichier de réponses, ou le dossier des fichiers de réponses datés d'une relation : "
        "le plus récent est évalué, les plus anciens forment son historique. Avec plusieurs PATH, --out "
        "est un dossier qui reçoit un rapport par relation.",
    },
    "assess.epilog": {
        "en": "Example: vendormaturity assess examples/acme-hosting --format html --lang fr --out acme.html",
        "fr": "Exemple : vendormaturity assess examples/acme-hosting --format html --lang fr --out acme.html",
    },
    "assess.paths": {
        "en": "Response files, or folders of one relationship's dated response files.",
        "fr": "Fichiers de réponses, ou dossiers des fichiers de réponses datés d'une relation.",
    },
    "assess.out": {
        "en": "Write the report here: a file, - for standard output, or a folder (a report each).",
        "fr": "Écrire le rapport ici : un fichier, - pour la sortie standard, ou un dossier (un rapport "
        "par relation).",
    },
    "assess.fail_on": {
        "en": "Exit 1 if a finding is at least this severe (for CI and scripts).",
        "fr": "Sortir avec le code 1 si un constat est au moins de cette gravité (pour l'intégration "
        "continue et les scripts).",
    },
    "assess.allow_insufficient": {
        "en": "Exit 0 even when there is too little data for a verdict (else 3).",
        "fr": "Sortir avec le code 0 même s'il y a trop peu de données pour conclure (sinon 3).",
    },
    "assess.skipped": {"en": "skipped {path}: {why}", "fr": "ignoré {path} : {why}"},
    "assess.progress": {"en": "Assessing", "fr": "Évaluation"},
    "assess.insufficient": {
        "en": "too little data for a verdict: {names}; the report says what is missing (use "
        "--allow-insufficient to accept it)",
        "fr": "trop peu de données pour conclure : {names} ; le rapport dit ce qui manque "
        "(--allow-insufficient pour l'accepter)",
    },
    "assess.fail_on_reached": {
        "en": "a finding is {severity} or more severe (--fail-on {level})",
        "fr": "un constat est de gravité {severity} ou plus (--fail-on {level})",
    },
    "assess.out_not_folder": {
        "en": "--out {path} must be a folder when several PATHS are given",
        "fr": "--out {path} doit être un dossier quand plusieurs PATHS sont donnés",
    },
    "assess.html_needs_out": {
        "en": "--format html with several PATHS needs --out FOLDER (one report per relationship)",
        "fr": "--format html avec plusieurs PATHS demande --out FOLDER (un rapport par relation)",
    },
    "explain.help": {
        "en": "Explain an assessment: every phase rule that applied with its weight, contribution and "
        "evidence; the rules that did not apply or lacked data; each finding's conditions with values "
        "and thresholds; the stage-sum baseline beside the phase.",
        "fr": "Expliquer une évaluation : chaque règle de phase appliquée, avec son poids, sa contribution "
        "et ses éléments ; les règles non vérifiées ou sans données ; les conditions de chaque constat, "
        "avec valeurs et seuils ; la référence par sommes de stades à côté de la phase.",
    },
    "explain.epilog": {
        "en": "Example: vendormaturity explain examples/acme-hosting --lang fr",
        "fr": "Exemple : vendormaturity explain examples/acme-hosting --lang fr",
    },
    "explain.path": {
        "en": "A response file, or a folder of one relationship's files.",
        "fr": "Un fichier de réponses, ou le dossier des fichiers d'une relation.",
    },
    # ------------------------------------------------------------------ facts, followup, mapping
    "facts.help": {
        "en": "Compute the facts of a questionnaire over a period from operational exports: SLA/KPI "
        "reports, ticket and case lists, action trackers, invoices, staff and CRM team lists.\n\n"
        "PATH is an export file (CSV, XLSX, JSON) or a folder of them; each file goes to the mapping "
        "source whose file names it matches (or write SOURCE=FILE). Every fact records its provenance: "
        "files, rows counted, period and formula. Without --out or --into, the facts are printed as "
        "TOML. A problem in the exports exits 2 and writes nothing, unless --keep-partial: then the "
        "facts that could be computed are written, the others are recorded as missing with the reason.",
        "fr": "Calculer les faits d'un questionnaire sur une période à partir d'exports opérationnels : "
        "rapports de SLA et de KPI, listes de tickets et de dossiers, suivis d'actions, factures, listes "
        "du personnel et des équipes du CRM.\n\n"
        "PATH est un fichier d'export (CSV, XLSX, JSON) ou un dossier qui en contient ; chaque fichier "
        "va à la source de la correspondance dont il reprend les noms de fichiers (ou écrivez "
        "SOURCE=FILE). Chaque fait garde sa provenance : fichiers, lignes comptées, période et formule. "
        "Sans --out ni --into, les faits sont affichés en TOML. Un problème dans les exports donne le "
        "code 2 et rien n'est écrit, sauf avec --keep-partial : les faits qui ont pu être calculés sont "
        "alors écrits, les autres notés manquants avec la raison.",
    },
    "facts.epilog": {
        "en": "Example: vendormaturity facts exports/ --mapping servicenow --mapping spreadsheets "
        "--period 2026-Q3 --into acme/2026-10-06.toml",
        "fr": "Exemple : vendormaturity facts exports/ --mapping servicenow --mapping spreadsheets "
        "--period 2026-Q3 --into acme/2026-10-06.toml",
    },
    "facts.paths": {
        "en": "Export files or folders, or SOURCE=FILE.",
        "fr": "Fichiers ou dossiers d'exports, ou SOURCE=FILE.",
    },
    "facts.period": {
        "en": "2026-Q3, 2026-09, 2026 or 2026-07-01..2026-09-30.",
        "fr": "2026-Q3, 2026-09, 2026 ou 2026-07-01..2026-09-30.",
    },
    "facts.out": {
        "en": "Write the facts and their provenance here (TOML).",
        "fr": "Écrire ici les faits et leur provenance (TOML).",
    },
    "facts.into": {
        "en": "Merge the facts and their provenance into this response file (TOML or JSON).",
        "fr": "Fusionner les faits et leur provenance dans ce fichier de réponses (TOML ou JSON).",
    },
    "facts.confirm_period": {
        "en": "Accept a period that ends after today or starts before 1990.",
        "fr": "Accepter une période qui finit après aujourd'hui ou commence avant 1990.",
    },
    "facts.keep_partial": {
        "en": "Write the facts that could be computed despite problems in the exports.",
        "fr": "Écrire les faits qui ont pu être calculés malgré des problèmes dans les exports.",
    },
    "facts.either": {
        "en": "give either files and folders, or SOURCE=FILE for every PATH, not both",
        "fr": "donnez soit des fichiers et des dossiers, soit SOURCE=FILE pour chaque PATH, pas les deux",
    },
    "facts.out_or_into": {
        "en": "give --out or --into, not both",
        "fr": "donnez --out ou --into, pas les deux",
    },
    "facts.problems": {
        "en": "{count} problems in the exports",
        "en_one": "{count} problem in the exports",
        "fr": "{count} problèmes dans les exports",
        "fr_one": "{count} problème dans les exports",
    },
    "facts.nothing_written": {
        "en": "nothing written; fix the exports or the mapping, or use --keep-partial",
        "fr": "rien n'a été écrit ; corrigez les exports ou la correspondance, ou utilisez --keep-partial",
    },
    "facts.over": {"en": "Facts over {period}:", "fr": "Faits sur {period} :"},
    "facts.none": {
        "en": "none: the mappings define no fact of this questionnaire",
        "fr": "aucun : les correspondances ne définissent aucun fait de ce questionnaire",
    },
    "facts.updated": {
        "en": "updated {path}: {count} facts changed",
        "en_one": "updated {path}: {count} fact changed",
        "fr": "{path} mis à jour : {count} faits modifiés",
        "fr_one": "{path} mis à jour : {count} fait modifié",
    },
    "facts.comments_lost": {
        "en": "the comments of {path} were not kept: the file is written again from its data",
        "fr": "les commentaires de {path} n'ont pas été gardés : le fichier est réécrit à partir de ses "
        "données",
    },
    "followup.help": {
        "en": "Write the follow-up block of the next assessment from the previous plan: one [[followup]] "
        "entry per action (its id, its title, owner and horizon as a comment) with the status to fill "
        "in.\n\n"
        "RESULT-OR-FOLDER is a saved result (JSON), a response file or a relationship's folder (its "
        "newest assessment's plan). With --tracker, the statuses come from an action tracker's export, "
        "read with the [followup] table of the mapping.",
        "fr": "Écrire le bloc de suivi de la prochaine évaluation à partir du plan précédent : une entrée "
        "[[followup]] par action (son identifiant ; son titre, son porteur et son horizon en "
        "commentaire) avec le statut à remplir.\n\n"
        "RESULT-OR-FOLDER est un résultat enregistré (JSON), un fichier de réponses ou le dossier d'une "
        "relation (le plan de sa dernière évaluation). Avec --tracker, les statuts viennent de l'export "
        "d'un suivi d'actions, lu avec la table [followup] de la correspondance.",
    },
    "followup.epilog": {
        "en": "Example: vendormaturity followup examples/acme-hosting --out next-followup.toml",
        "fr": "Exemple : vendormaturity followup examples/acme-hosting --lang fr --out suivi.toml",
    },
    "followup.path": {
        "en": "A saved result, a response file or a relationship folder.",
        "fr": "Un résultat enregistré, un fichier de réponses ou le dossier d'une relation.",
    },
    "followup.out": {"en": "Write the block here (TOML).", "fr": "Écrire le bloc ici (TOML)."},
    "followup.tracker": {
        "en": "An action tracker's export (or a folder); repeatable.",
        "fr": "L'export d'un suivi d'actions (ou un dossier) ; répétable.",
    },
    "followup.mapping": {
        "en": "The mapping whose [followup] table reads the tracker.",
        "fr": "La correspondance dont la table [followup] lit le suivi d'actions.",
    },
    "followup.force": {"en": "Overwrite --out if it exists.", "fr": "Écraser --out s'il existe."},
    "followup.tracker_needs_mapping": {
        "en": "--tracker needs --mapping (the mapping whose [followup] table reads it)",
        "fr": "--tracker demande --mapping (la correspondance dont la table [followup] le lit)",
    },
    "followup.wrote": {
        "en": "wrote {path}: {actions} actions, {count} statuses from the tracker",
        "fr": "écrit : {path} ({actions} actions, {count} statuts tirés du suivi d'actions)",
        "fr_one": "écrit : {path} ({actions} actions, {count} statut tiré du suivi d'actions)",
    },
    "mapping.help": {
        "en": "Show the bundled mappings, print one to copy and adjust, or check a mapping file. Without "
        "an argument, lists the bundled mappings and the facts each computes.",
        "fr": "Montrer les correspondances intégrées, en afficher une à copier et adapter, ou vérifier un "
        "fichier de correspondance. Sans argument, liste les correspondances intégrées et les faits que "
        "chacune calcule.",
    },
    "mapping.epilog": {
        "en": "Example: vendormaturity mapping servicenow > my-mapping.toml",
        "fr": "Exemple : vendormaturity mapping servicenow > ma-correspondance.toml",
    },
    "mapping.name": {
        "en": "A bundled mapping id, or a mapping file to check.",
        "fr": "L'identifiant d'une correspondance intégrée, ou un fichier de correspondance à vérifier.",
    },
    "mapping.facts": {"en": "facts: {facts}", "fr": "faits : {facts}"},
    "mapping.ok": {
        "en": "mapping {id}, {count} sources, facts: {facts}{followup}",
        "fr": "correspondance {id}, {count} sources, faits : {facts}{followup}",
        "fr_one": "correspondance {id}, {count} source, faits : {facts}{followup}",
    },
    "mapping.followup": {"en": ", follow-up statuses", "fr": ", statuts de suivi"},
    # ------------------------------------------------------------------ portfolio
    "portfolio.help": {
        "en": "Every relationship's assessments over time in one database (SQLite by default, PostgreSQL "
        "for a team): add response files, list the supplier base, follow one relationship, write the "
        "portfolio report, reassess with a new questionnaire.",
        "fr": "Les évaluations de chaque relation dans le temps, dans une seule base de données (SQLite "
        "par défaut, PostgreSQL pour une équipe) : ajouter des fichiers de réponses, lister le panel "
        "fournisseurs, suivre une relation, écrire le rapport du portefeuille, réévaluer avec un nouveau "
        "questionnaire.",
    },
    "portfolio.epilog": {
        "en": "Example: vendormaturity portfolio add examples/ --db portfolio.db",
        "fr": "Exemple : vendormaturity portfolio add examples/ --db portefeuille.db",
    },
    "portfolio.invalid_input": {"en": "invalid input", "fr": "entrée invalide"},
    "portfolio.init.help": {
        "en": "Create the portfolio in an empty database, or upgrade an older one. A foreign database, "
        "or one of a newer schema, is refused and left untouched.",
        "fr": "Créer le portefeuille dans une base vide, ou mettre à niveau une base plus ancienne. Une "
        "base étrangère, ou d'un schéma plus récent, est refusée et laissée intacte.",
    },
    "portfolio.init.epilog": {
        "en": "Example: vendormaturity portfolio init --db postgresql://db.example/portfolio",
        "fr": "Exemple : vendormaturity portfolio init --db postgresql://db.example/portfolio",
    },
    "portfolio.add.help": {
        "en": "Add response files, or folders of them (their dated files, at any depth), and assess each "
        "new round with the relationship's earlier rounds as history. The same response set twice is "
        "stored once. One transaction: if any file is invalid, every problem is printed and nothing is "
        "added (exit 2).",
        "fr": "Ajouter des fichiers de réponses, ou des dossiers qui en contiennent (leurs fichiers datés, "
        "à toute profondeur), et évaluer chaque nouvelle campagne avec les campagnes antérieures de la "
        "relation comme historique. Un même jeu de réponses donné deux fois est enregistré une fois. "
        "Une seule transaction : si un fichier est invalide, chaque problème est affiché et rien n'est "
        "ajouté (code 2).",
    },
    "portfolio.add.epilog": {
        "en": "Example: vendormaturity portfolio add examples/",
        "fr": "Exemple : vendormaturity portfolio add examples/",
    },
    "portfolio.add.paths": {
        "en": "Response files or folders of them.",
        "fr": "Fichiers de réponses, ou dossiers qui en contiennent.",
    },
    "portfolio.add.questionnaire": {
        "en": "Questionnaire id or file to check and assess against.",
        "fr": "L'identifiant ou le fichier du questionnaire avec lequel vérifier et évaluer.",
    },
    "portfolio.add.verbose": {
        "en": "Print each relationship assessed.",
        "fr": "Afficher chaque relation évaluée.",
    },
    "portfolio.add.workers": {
        "en": "Processes that read and assess files (default: one per core).",
        "fr": "Processus qui lisent et évaluent les fichiers (par défaut : un par cœur).",
    },
    "portfolio.added": {
        "en": "{sets} {already} of {relationships}; {results}",
        "fr": "{sets} {already} pour {relationships} ; {results}",
    },
    "portfolio.added_sets": {
        "en": "added {count} response sets",
        "en_one": "added {count} response set",
        "fr": "{count} jeux de réponses ajoutés",
        "fr_one": "{count} jeu de réponses ajouté",
    },
    "portfolio.already": {
        "en": "({count} already stored)",
        "fr": "({count} déjà enregistrés)",
        "fr_one": "({count} déjà enregistré)",
    },
    "portfolio.relationships": {
        "en": "{count} relationships",
        "en_one": "{count} relationship",
        "fr": "{count} relations",
        "fr_one": "{count} relation",
    },
    "portfolio.results": {
        "en": "{count} results computed",
        "en_one": "{count} result computed",
        "fr": "{count} résultats calculés",
        "fr_one": "{count} résultat calculé",
    },
    "portfolio.list.help": {
        "en": "One line per relationship: newest phase, trend (↑ ↓ → · for a first round), open findings "
        "and overdue actions. Filter by segment, phase or pattern.",
        "fr": "Une ligne par relation : phase la plus récente, tendance (↑ ↓ → · pour une première "
        "campagne), constats ouverts et actions en retard. Filtrer par segment, phase ou constat.",
    },
    "portfolio.list.epilog": {
        "en": "Example: vendormaturity portfolio list --segment strategic --pattern stuck_in_norming",
        "fr": "Exemple : vendormaturity portfolio list --segment strategic --pattern stuck_in_norming",
    },
    "portfolio.list.segment": {
        "en": "Only this segment (e.g. strategic).",
        "fr": "Seulement ce segment (par exemple strategic).",
    },
    "portfolio.list.phase": {
        "en": "Only relationships in this phase now.",
        "fr": "Seulement les relations qui sont dans cette phase aujourd'hui.",
    },
    "portfolio.list.pattern": {
        "en": "Only those with this finding now.",
        "fr": "Seulement celles qui ont ce constat aujourd'hui.",
    },
    "portfolio.list.as_of": {
        "en": "Count overdue actions at this date (YYYY-MM-DD).",
        "fr": "Compter les actions en retard à cette date (AAAA-MM-JJ).",
    },
    "portfolio.column.relationship": {"en": "relationship", "fr": "relation"},
    "portfolio.column.segment": {"en": "segment", "fr": "segment"},
    "portfolio.column.phase": {"en": "phase", "fr": "phase"},
    "portfolio.column.trend": {"en": "trend", "fr": "tendance"},
    "portfolio.column.newest": {"en": "newest", "fr": "dernière"},
    "portfolio.column.findings": {"en": "findings", "fr": "constats"},
    "portfolio.column.overdue": {"en": "overdue", "fr": "en retard"},
    "portfolio.show.help": {
        "en": "A relationship's trajectory: phase and dimension scores round by round, what changed "
        "between the last two rounds, and its open actions.",
        "fr": "La trajectoire d'une relation : phase et scores des dimensions campagne par campagne, ce "
        "qui a changé entre les deux dernières campagnes, et ses actions ouvertes.",
    },
    "portfolio.show.epilog": {
        "en": "Example: vendormaturity portfolio show acme-hosting",
        "fr": "Exemple : vendormaturity portfolio show acme-hosting",
    },
    "portfolio.show.as_of": {
        "en": "Mark actions overdue at this date.",
        "fr": "Marquer les actions en retard à cette date.",
    },
    "portfolio.show.parties": {"en": "{key}: {client} / {supplier}", "fr": "{key} : {client} / {supplier}"},
    "portfolio.show.segment": {"en": "segment {segment}", "fr": "segment {segment}"},
    "portfolio.show.since": {"en": "since {date}", "fr": "depuis le {date}"},
    "portfolio.show.renewal": {"en": "renewal {date}", "fr": "renouvellement le {date}"},
    "portfolio.show.rounds": {"en": "rounds", "fr": "campagnes"},
    "portfolio.show.dimension": {"en": "dimension", "fr": "dimension"},
    "portfolio.show.phase": {"en": "phase", "fr": "phase"},
    "portfolio.show.overall": {"en": "overall", "fr": "ensemble"},
    "portfolio.show.findings": {"en": "findings", "fr": "constats"},
    "portfolio.show.open_actions": {"en": "open actions", "fr": "actions ouvertes"},
    "portfolio.show.action": {"en": "action", "fr": "action"},
    "portfolio.show.action_since": {"en": "since", "fr": "depuis"},
    "portfolio.show.horizon": {"en": "horizon", "fr": "horizon"},
    "portfolio.show.due": {"en": "due", "fr": "échéance"},
    "portfolio.show.status": {"en": "status", "fr": "statut"},
    "portfolio.show.at_renewal": {"en": "at renewal", "fr": "au renouvellement"},
    "portfolio.show.overdue": {"en": "overdue", "fr": "en retard"},
    "portfolio.compare.help": {
        "en": "What changed for a relationship between two dates: the round in force at --from against "
        "the round in force at --to (phase, dimension scores, findings).",
        "fr": "Ce qui a changé pour une relation entre deux dates : la campagne en vigueur à --from face à "
        "celle en vigueur à --to (phase, scores des dimensions, constats).",
    },
    "portfolio.compare.epilog": {
        "en": "Example: vendormaturity portfolio compare acme-hosting --from 2024-01-01 --to 2026-12-31",
        "fr": "Exemple : vendormaturity portfolio compare acme-hosting --from 2024-01-01 --to 2026-12-31",
    },
    "portfolio.compare.from": {
        "en": "The earlier date (YYYY-MM-DD).",
        "fr": "La date la plus ancienne (AAAA-MM-JJ).",
    },
    "portfolio.compare.to": {
        "en": "The later date (YYYY-MM-DD).",
        "fr": "La date la plus récente (AAAA-MM-JJ).",
    },
    "portfolio.compare.to_before_from": {
        "en": "--to {end} is before --from {start}",
        "fr": "--to {end} est antérieure à --from {start}",
    },
    "portfolio.change.title": {
        "en": "changes from {start} to {end}",
        "fr": "changements du {start} au {end}",
    },
    "portfolio.change.from": {"en": "from", "fr": "avant"},
    "portfolio.change.to": {"en": "to", "fr": "après"},
    "portfolio.change.change": {"en": "change", "fr": "variation"},
    "portfolio.change.phase": {"en": "phase", "fr": "phase"},
    "portfolio.change.overall": {"en": "overall", "fr": "ensemble"},
    "portfolio.change.changed": {"en": "changed", "fr": "changée"},
    "portfolio.change.same": {"en": "same", "fr": "inchangée"},
    "portfolio.change.appeared": {"en": "findings appeared", "fr": "constats apparus"},
    "portfolio.change.resolved": {"en": "findings resolved", "fr": "constats résolus"},
    "portfolio.report.help": {
        "en": "Write the portfolio report: one self-contained HTML page (heat map by phase and segment, "
        "the relationships stuck longest, the watermelons, the overdue action plans), and beside it the "
        "own report of each relationship it names, which the page links to.",
        "fr": "Écrire le rapport du portefeuille : une page HTML autonome (carte de chaleur par phase et "
        "segment, les relations bloquées depuis le plus longtemps, les effets pastèque, les plans "
        "d'action en retard), et à côté le rapport propre à chaque relation qu'elle cite, vers lequel "
        "la page renvoie.",
    },
    "portfolio.report.epilog": {
        "en": "Example: vendormaturity portfolio report --format html --out portfolio-report",
        "fr": "Exemple : vendormaturity portfolio report --format html --lang fr --out rapport-portefeuille",
    },
    "portfolio.report.out": {
        "en": "Folder to write index.html and the reports into.",
        "fr": "Dossier où écrire index.html et les rapports.",
    },
    "portfolio.report.top": {
        "en": "Relationships shown in each list (the rest are counted).",
        "fr": "Relations montrées dans chaque liste (les autres sont comptées).",
    },
    "portfolio.report.watch": {
        "en": "Patterns of the watermelon list (repeatable).",
        "fr": "Constats de la liste des effets pastèque (répétable).",
    },
    "portfolio.report.as_of": {
        "en": "Count overdue actions at this date.",
        "fr": "Compter les actions en retard à cette date.",
    },
    "portfolio.report.progress": {"en": "Writing reports", "fr": "Écriture des rapports"},
    "portfolio.report.wrote": {"en": "wrote {index} and {reports}", "fr": "écrits : {index} et {reports}"},
    "portfolio.report.reports": {
        "en": "{count} relationship reports",
        "en_one": "{count} relationship report",
        "fr": "{count} rapports de relation",
        "fr_one": "{count} rapport de relation",
    },
    "portfolio.reassess.help": {
        "en": "Assess every stored round again with a new questionnaire version, keeping the older "
        "results, and list the relationships whose newest phase changed.",
        "fr": "Réévaluer chaque campagne enregistrée avec une nouvelle version du questionnaire, en "
        "gardant les résultats plus anciens, et lister les relations dont la phase la plus récente a "
        "changé.",
    },
    "portfolio.reassess.epilog": {
        "en": "Example: vendormaturity portfolio reassess --questionnaire relationship-1.1.toml",
        "fr": "Exemple : vendormaturity portfolio reassess --questionnaire relationship-1.1.toml",
    },
    "portfolio.reassess.questionnaire": {
        "en": "The questionnaire id or file to assess with.",
        "fr": "L'identifiant ou le fichier du questionnaire avec lequel évaluer.",
    },
    "portfolio.reassessed": {
        "en": "{rounds} of {relationships} with {questionnaire} {version}{skipped}",
        "fr": "{rounds} pour {relationships} avec {questionnaire} {version}{skipped}",
    },
    "portfolio.reassessed_rounds": {
        "en": "reassessed {count} rounds",
        "en_one": "reassessed {count} round",
        "fr": "{count} campagnes réévaluées",
        "fr_one": "{count} campagne réévaluée",
    },
    "portfolio.reassess.skipped": {
        "en": " ({count} answered to another questionnaire, skipped)",
        "fr": " ({count} répondues à un autre questionnaire, ignorées)",
        "fr_one": " ({count} répondue à un autre questionnaire, ignorée)",
    },
    "portfolio.reassess.no_change": {
        "en": "no relationship changed phase",
        "fr": "aucune relation n'a changé de phase",
    },
    "portfolio.reassess.changed": {
        "en": "{count} relationships changed phase:",
        "en_one": "{count} relationship changed phase:",
        "fr": "{count} relations ont changé de phase :",
        "fr_one": "{count} relation a changé de phase :",
    },
    "portfolio.reassess.change": {
        "en": "  {relationship} ({date}): {before} → {after}",
        "fr": "  {relationship} ({date}) : {before} → {after}",
    },
}


def _template(key: str, lang: str, *, one: bool = False) -> str:
    entry = _TEXTS[key]
    chosen = "fr" if lang == "fr" else "en"
    template = entry.get(f"{chosen}_one", entry[chosen]) if one else entry[chosen]
    if chosen == "fr":
        for plain, typeset in _FRENCH_SPACES:
            template = template.replace(plain, typeset)
    return template


def text(key: str, lang: str, /, **values: object) -> str:
    """The text *key* in *lang* (English unless ``fr``), its ``{placeholders}`` filled with *values*."""
    template = _template(key, lang)
    return template.format(**values) if values else template


def counted(key: str, count: int, lang: str, /, **values: object) -> str:
    """The text *key* about *count* things, ``{count}`` filled: its singular form for one thing
    in English, for zero or one in French (``0 fichier vérifié``)."""
    one = count in (0, 1) if lang == "fr" else count == 1
    return _template(key, lang, one=one).format(count=count, **values)


def is_key(value: object) -> bool:
    """Whether *value* is a key of the catalogue (help texts are declared by their keys)."""
    return isinstance(value, str) and value in _TEXTS


def env_language() -> str:
    """The language ``VENDORMATURITY_LANG`` asks for: ``fr``, or ``en`` for anything else."""
    return "fr" if os.environ.get("VENDORMATURITY_LANG", "").strip().lower() == "fr" else "en"


def requested_language(args: Sequence[str]) -> str | None:
    """The language a command line asks for with ``--lang fr``, ``-l fr``, ``--lang=fr`` or
    ``-lfr`` (the last one given, as the option is parsed), or None if it names none.

    Help is printed while the options are parsed, before ``--lang`` has a value: the help of
    ``vendormaturity fill --lang fr --help`` reads the words themselves to be in French.
    """
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
        found = value if value in LANGUAGES else found
    return found


def entries() -> dict[str, dict[str, str]]:
    """Every entry of the catalogue (a copy), for the tests that check it."""
    return {key: dict(entry) for key, entry in _TEXTS.items()}
