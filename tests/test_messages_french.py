"""Every message the library builds for people is in the catalogue, and says itself in French.

The Python API speaks English (``str()`` of a problem or an error); the command line and
the reports ask for the reader's language. Three guards: the catalogues of bad inputs,
run through the public API, give problems whose messages are catalogue messages with a
French translation of their own; a few French messages are asserted whole; and no
problem or error of the library is made of a bare string or f-string.
"""

from __future__ import annotations

import ast
import datetime
import functools
import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import test_bad_inputs as bad_inputs
import test_collect_catalogue as collect
import vendormaturity as vm
from vendormaturity.errors import VendorMaturityError
from vendormaturity.i18n import Message, msg

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(vm.__file__).parent
CONVERTED = ("sources", "model", "rules", "engine", "store", "validity", "__init__.py")
NB = "\u202f"  # the narrow no-break space of French typography
TODAY = datetime.date(2026, 10, 15)

built = collect.built  # the damaged workbooks, made once for both modules


def _untranslated(run: Callable[[], object]) -> list[str]:
    """What *run* refuses, as the messages that are no catalogue message or say the same in French.

    *run* must refuse its input: a refusal without a problem is reported too.
    """
    try:
        run()
    except vm.ValidationError as error:
        messages: list[object] = [error.summary, *(problem.message for problem in error.problems)]
        messages = [message for message in messages if message is not None]
    except VendorMaturityError as error:
        messages = [error.message]
    else:
        return ["accepted"]
    return [
        f"{message!s}" + ("" if isinstance(message, Message) else "  (no catalogue message)")
        for message in messages
        if not isinstance(message, Message) or message.translated("fr") == str(message)
    ]


def test_the_check_sees_what_is_not_translated() -> None:
    """A message written in place, one the catalogue lacks, and an input accepted are all reported."""
    plain = vm.ValidationError([vm.Problem("written in place")])
    unknown = vm.ValidationError([vm.Problem(Message("said nowhere else {x}", {"x": 1}))])

    def refuse(error: Exception) -> Callable[[], object]:
        def run() -> object:
            raise error

        return run

    assert ["written in place  (no catalogue message)"] == _untranslated(refuse(plain))
    assert ["said nowhere else 1"] == _untranslated(refuse(unknown))
    assert ["accepted"] == _untranslated(lambda: None)
    assert [] == _untranslated(
        refuse(vm.NotFoundError(vm.Problem(msg("no such file"), file="x").as_message()))
    )


# --------------------------------------------------------------------------- questionnaires and responses


@pytest.mark.parametrize("name", [str(param.id) for param in bad_inputs.CATALOGUE])
def test_each_bad_file_is_refused_in_french(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every problem of the bad questionnaires and response files has its French."""
    monkeypatch.chdir(bad_inputs.DATA)
    load = bad_inputs._loader(name)

    assert [] == _untranslated(lambda: load(Path("bad") / name))


@pytest.mark.parametrize(("content", "suffix", "first"), bad_inputs.GENERATED)
def test_each_generated_bad_file_is_refused_in_french(
    content: bytes, suffix: str, first: str | None, tmp_path: Path
) -> None:
    """Huge, binary and deeply nested files are refused in French too, by both loaders."""
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)

    assert [] == _untranslated(lambda: vm.load_questionnaire(path))
    assert [] == _untranslated(lambda: vm.load_responses(path))


# --------------------------------------------------------------------------- workbooks and survey exports


@pytest.mark.parametrize("name", sorted(collect.WORKBOOKS))
def test_each_damaged_workbook_is_refused_in_french(name: str, built: Path, pulse: vm.Questionnaire) -> None:
    """Every problem of the damaged workbooks has its French."""
    case = collect.WORKBOOKS[name]
    paths = [built / f"{file}.xlsx" for file in case.files]

    assert [] == _untranslated(lambda: collect._read(case, paths, pulse))


@pytest.mark.parametrize("name", sorted(collect.EXPORTS))
def test_each_damaged_survey_export_is_refused_in_french(name: str, pulse: vm.Questionnaire) -> None:
    """Every problem of the damaged survey exports has its French."""
    case = collect.EXPORTS[name]
    paths = [collect.DATA / file for file in case.files]

    assert [] == _untranslated(lambda: collect._read(case, paths, pulse))


# --------------------------------------------------------------------------- operational exports and mappings

INCIDENTS = "number,opened_at,priority,state,category,escalation\n"
INCIDENT = "INC1,2026-07-03 08:00:00,3,New,Network,High\n"
KPI = "Indicator,Month,Value,Target,Better,Penalty applied\n"
# An export of each kind of defect the readers of operational exports refuse, with its mapping.
EXPORTS: dict[str, tuple[str, str, dict[str, str | bytes]]] = {
    "day-first-dates": (
        "servicenow",
        "incidents",
        {
            "incident.csv": INCIDENTS
            + "INC1,03/07/2026 08:00,3,New,Network,High\nINC2,15/07/2026,3,New,N,No\n"
        },
    ),
    "serial-and-offset": (
        "servicenow",
        "incidents",
        {
            "incident.csv": INCIDENTS
            + "INC1,46206,3,New,Network,High\nINC2,2026-07-04T08:00:00+02:00,3,New,N,No\n"
        },
    ),
    "no-row-in-the-period": (
        "servicenow",
        "incidents",
        {"incident.csv": INCIDENTS + INCIDENT.replace("07-03", "03-03")},
    ),
    "duplicated-ids": (
        "servicenow",
        "incidents",
        {"incident.csv": INCIDENTS + INCIDENT + INCIDENT.replace("High", "Normal")},
    ),
    "many-bad-rows": (
        "servicenow",
        "incidents",
        {
            "incident.csv": INCIDENTS
            + "".join(f"INC{n},{n:02d}/07/2026,3,New,N,High\n" for n in range(13, 25))
        },
    ),
    "misnamed-column": (
        "servicenow",
        "incidents",
        {"incident.csv": "Number,Opened,Priority,State,Escalation level\nINC1,2026-07-03,3,New,High\n"},
    ),
    "ragged-row": ("servicenow", "incidents", {"incident.csv": INCIDENTS + "INC1,2026-07-03,3\n"}),
    "unclosed-quote": (
        "servicenow",
        "incidents",
        {"incident.csv": INCIDENTS + 'INC1,"2026-07-03,3,New,Network,High\n'},
    ),
    "not-utf-8": (
        "servicenow",
        "incidents",
        {"incident.csv": (INCIDENTS + "INC1,2026-07-03,3,Nouveau,Réseau,Haute\n").encode("cp1252")},
    ),
    "utf-16": ("servicenow", "incidents", {"incident.csv": (INCIDENTS + INCIDENT).encode("utf-16")}),
    "an-xls-file": ("servicenow", "incidents", {"incident.xls": b"\xd0\xcf\x11\xe0"}),
    "units-and-values": (
        "spreadsheets",
        "kpi",
        {
            "kpi.csv": KPI
            + "Availability,2026-07,0.995,99.5 %,higher,no\nP1,2026-07,3 h,95 %,lower,no\n"
            + "P1,2026-08,3 h,4 h,faster,no\nBackups,2026-08,99 %,98 %,higher,maybe\n"
            + "Backups,2026-09,,98 %,higher,no\n"
            + 'Ambiguous,2026-09,"1,250",1 000,higher,no\nUnit,2026-09,3 parsecs,4 h,lower,no\n'
        },
    ),
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_bad_export_is_refused_in_french(name: str, tmp_path: Path) -> None:
    """Every problem of a damaged operational export has its French."""
    mapping, source, contents = EXPORTS[name]
    paths = []
    for file, content in contents.items():
        paths.append(tmp_path / file)
        paths[-1].write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    given = {f"{mapping}/{source}": paths}

    assert [] == _untranslated(lambda: vm.facts_from(given, mapping, period="2026-Q3", today=TODAY))


@pytest.mark.parametrize(
    "options",
    [
        {"period": "2026-13"},
        {"period": "2026-07-31..2026-07-01"},
        {"period": "2027-Q1"},
        {"period": "2026-Q3", "encoding": "klingon"},
        {"period": "2026-Q3", "mapping": ["servicenow", "servicenow"]},
        {"period": "2026-Q3", "mapping": []},
        {"period": "2026-Q3", "sources": {"servicenaw/incidents": []}},
    ],
    ids=["month-13", "ends-before-it-starts", "future", "encoding", "mapping-twice", "no-mapping", "source"],
)
def test_each_bad_request_for_facts_is_refused_in_french(options: dict[str, Any]) -> None:
    """A bad period, encoding, mapping or source name is refused in French."""
    sources = options.pop("sources", [ROOT / "examples" / "ouessant-logistics" / "exports"])
    mapping = options.pop("mapping", "servicenow")

    assert [] == _untranslated(lambda: vm.facts_from(sources, mapping, today=TODAY, **options))


MAPPING_HEADER = 'schema_version = 1\nid = "mine"\ntitle = { en = "Mine" }\n'
# Mappings with every problem the mapping checks find (see tests/test_operational_mapping.py).
MAPPINGS = {
    "references": """
[sources.tickets]
label = { en = "tickets" }
files = ["tickets*.csv"]
key = "numbr"
date_format = "dd/mm/yyyy"
timezone = "Europe/Pariss"
exclude = "cancelld"
columns = { number = "Number", state = "State" }
conditions.cancelled = { field = "stat", values = ["Cancelled"] }
conditions.loop = { not = "loop" }

[sources.team]
label = { en = "people" }
files = ["team*.csv"]
start = "joined"
columns = { joined = "Joined" }

[facts.escalations_per_month]
source = "tickets"
formula = "per_month"
where = "escalated"
counted = { en = "escalated tickets" }

[facts.kpi_green_ratio]
source = "tikets"
formula = "share"
counted = { en = "met" }

[facts.key_staff_turnover]
source = "team"
formula = "continuity"
counted = { en = "people" }
against = "crowd"

[facts.penalties_applied]
source = "team"
formula = "streaks"
key = "name"
against = "tickets"
counted = { en = "x" }
""",
    "forms": """
[sources.s]
label = { en = "rows" }
files = ["s*.csv"]
columns = { a = "A" }
conditions.one = { field = "a" }
conditions.two = { value = "a" }
conditions.three = { field = "a", present = true, others = ["b"] }
conditions.four = { field = "a", valeus = ["b"] }
""",
    "formulas": """
[sources.s]
label = { en = "rows" }
files = ["s*.csv"]
date = "day"
columns = { day = "Day", who = "Who", status = "Status" }

[sources.t]
label = { en = "rows" }
files = ["t*.csv"]
columns = { name = "Name" }

[facts.kpi_green_ratio]
source = "s"
formula = "share"
counted = { en = "x" }

[facts.key_staff_turnover]
source = "s"
formula = "turnover"
counted = { en = "x" }

[facts.bid_team_continuity]
source = "s"
formula = "continuity"
key = "who"
counted = { en = "x" }

[facts.actions_closed_ratio]
source = "s"
formula = "continuity"
key = "who"
against = "t"
counted = { en = "x" }

[followup]
source = "s"
action = "who"
status = "state"
done = ["Done"]
in_progress = ["Going"]
not_started = ["Open", "done"]
dropped = ["Dropped"]
""",
    "schema": """
[sources.s]
label = { en = "rows" }
files = "s.csv"
columns = { a = "A" }
header_row = 0
""",
    "syntax": "[sources.s\n",
}


@pytest.mark.parametrize("name", sorted(MAPPINGS))
def test_each_bad_mapping_is_refused_in_french(name: str, tmp_path: Path) -> None:
    """Every problem of a mapping file has its French."""
    path = tmp_path / "mine.toml"
    path.write_text(MAPPING_HEADER + MAPPINGS[name], encoding="utf-8")

    assert [] == _untranslated(lambda: vm.load_mapping(path))


# --------------------------------------------------------------------------- the hostile corpus


def _replay() -> ModuleType:
    spec = importlib.util.spec_from_file_location("replay_hostile", ROOT / "tools" / "replay_hostile.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("replay_hostile", module)
    spec.loader.exec_module(module)
    return module


def _hostile(folder: Path) -> Iterator[tuple[str, Callable[[], object]]]:
    """Each generated input of tools/replay_hostile.py, and the API call that reads it."""
    replay = _replay()
    pulse = vm.load_questionnaire("pulse")
    read: dict[str, Callable[[Path], object]] = {
        "questionnaire": vm.load_questionnaire,
        "responses": vm.load_responses,
        "workbook": lambda path: vm.read_workbooks(pulse, [path]),
        "survey": lambda path: vm.read_survey_export(pulse, [path], tool="google", relationship="acme"),
        "export": lambda path: vm.facts_from(
            {"incidents": [path]}, "servicenow", period="2026-Q3", today=TODAY
        ),
        "mapping": vm.load_mapping,
    }
    for case in replay.generated(folder):
        if case.kind in read:
            yield case.name, functools.partial(read[case.kind], case.path)


def test_the_hostile_corpus_is_refused_in_french(tmp_path: Path) -> None:
    """Every input tools/replay_hostile.py generates (deep, huge, special, damaged) is refused in French."""
    refused = {name: _untranslated(run) for name, run in _hostile(tmp_path)}

    assert len(refused) >= 30
    assert {} == {name: messages for name, messages in refused.items() if messages}


# --------------------------------------------------------------------------- French, word for word


def _refused(run: Callable[[], object]) -> VendorMaturityError:
    with pytest.raises(VendorMaturityError) as raised:
        run()
    return raised.value


def test_a_located_problem_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    """The location stays as it is; the message is French, with guillemets and narrow no-break spaces."""
    monkeypatch.chdir(bad_inputs.DATA)
    error = _refused(lambda: vm.load_questionnaire(Path("bad") / "q_band_gap.toml"))

    assert (
        f"bad/q_band_gap.toml:21: scoring.bands[id=high].min: les tranches laissent un trou entre 50 et 60"
        f" (après «{NB}low{NB}»)"
    ) == error.problems[0].translated("fr")  # type: ignore[attr-defined]
    assert (
        "bad/q_band_gap.toml:21: scoring.bands[id=high].min: bands leave a gap between 50 and 60"
        " (after 'low')"
        == str(
            error.problems[0]  # type: ignore[attr-defined]
        )
    )


def test_a_count_of_problems_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary of a refused file counts in French: one problem, several problems."""
    monkeypatch.chdir(bad_inputs.DATA)
    one = _refused(lambda: vm.load_responses(Path("bad") / "r_unknown_fact.toml"))

    assert (
        "bad/r_unknown_fact.toml: 1 problème dans le jeu de réponses\n"
        f"  bad/r_unknown_fact.toml:12: facts.age_month: fait inconnu «{NB}age_month{NB}»"
        f" (vouliez-vous dire «{NB}age_months{NB}»{NB}?)"
    ) == one.translated("fr")
    several = vm.ValidationError([vm.Problem("x"), vm.Problem("y")])
    assert ["2 problèmes trouvés", "2 problems found"] == [
        several.translated("fr").splitlines()[0],
        str(several).splitlines()[0],
    ]


def test_an_expression_error_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule's problem names its column and quotes the rule, in French around them."""
    monkeypatch.chdir(bad_inputs.DATA)
    error = _refused(lambda: vm.load_questionnaire(Path("bad") / "q_expression_type_error.toml"))

    assert (
        f"bad/q_expression_type_error.toml:90: phase_rules[id=young].when: col. 1{NB}: «{NB}<{NB}»"
        " compare des nombres, et non une chaîne dans `facts.segment < 6`"
    ) == error.problems[0].translated("fr")  # type: ignore[attr-defined]


def test_an_unknown_questionnaire_in_french() -> None:
    """What is not found says what there is, in French."""
    error = _refused(lambda: vm.load_questionnaire("nosuch"))

    assert (
        f"aucun questionnaire fourni «{NB}nosuch{NB}» (fournis{NB}: pulse, relationship)"
        " et aucun fichier de ce nom"
    ) == error.translated("fr")
    assert "no bundled questionnaire 'nosuch' (bundled: pulse, relationship) and no such file" == str(error)


def test_a_workbook_cell_in_french(built: Path, pulse: vm.Questionnaire) -> None:
    """A refused cell keeps its place (sheet and cell) and says what to do in French."""
    error = _refused(lambda: vm.read_workbooks(pulse, [built / "off-scale.xlsx"]))

    assert (
        f"{built / 'off-scale.xlsx'}: Réponses!D10: p01: \"7\" n'est pas sur l'échelle{NB}: choisissez"
        f" dans la liste, ou tapez une valeur (1, 2, 3, 4, 5) ou un code «{NB}ne sait pas{NB}» (dk, na)"
    ) == error.problems[0].translated("fr")  # type: ignore[attr-defined]
    assert (
        f"1 problème trouvé{NB}; rien n'a été importé (corrigez-le, ou gardez les réponses valides"
        f" avec keep_partial=True{NB}: --keep-partial en ligne de commande)"
    ) == error.translated("fr").splitlines()[0]


def test_a_list_of_alternatives_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value none of several allowed ones: the list is joined with the French "ou"."""
    monkeypatch.chdir(bad_inputs.DATA)
    error = _refused(lambda: vm.load_responses(Path("bad") / "r_respondent_side_both.toml"))

    assert (
        "bad/r_respondent_side_both.toml:23: respondents[id=s1].side: la valeur doit être 'client'"
        " ou 'supplier', et non \"both\""
    ) == error.problems[0].translated("fr")  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- no message written in place


def _error_names() -> set[str]:
    """The names of VendorMaturityError and every subclass the library defines."""
    import vendormaturity.sources.operational
    import vendormaturity.store.schema
    import vendormaturity.validity.scenarios  # noqa: F401 - (these define the errors looked for)

    found, stack = set(), [VendorMaturityError]
    while stack:
        kind = stack.pop()
        found.add(kind.__name__)
        stack.extend(kind.__subclasses__())
    return found | {"ValueError"}  # a model's own check: pydantic passes its message on


def _files() -> list[Path]:
    paths: list[Path] = []
    for part in CONVERTED:
        target = PACKAGE / part
        paths.extend(sorted(target.rglob("*.py")) if target.is_dir() else [target])
    return paths


def _bare(node: ast.expr | None) -> bool:
    """A message written in place: a string literal or an f-string (a list of them, for ExpressionError)."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.BinOp):  # "..." + something
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_bare(element) for element in node.elts)
    return False


def _called(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def _bare_messages(source: str, where: str, errors: set[str]) -> list[str]:
    """``where:line: Name(...)`` for each Problem or raised error of *source* whose message is in place."""
    tree = ast.parse(source)
    raised = {id(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.exc is not None}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        if name == "Problem" or (name in errors and id(node) in raised):
            message = node.args[0] if node.args else None
            if name == "ExpressionError" and len(node.args) > 1:
                message = node.args[1]
            keywords = [kw.value for kw in node.keywords if kw.arg in ("message", "summary", "messages")]
            if any(_bare(candidate) for candidate in (message, *keywords)):
                found.append(f"{where}:{node.lineno}: {name}(...)")
    return found


def test_no_problem_or_error_is_a_bare_string() -> None:
    """No Problem(...) and no raised error of the library is made of a string literal or an f-string."""
    errors = _error_names()
    assert {"NotFoundError", "MappingError", "PortfolioError", "ScenarioError"} <= errors

    found = [
        line
        for path in _files()
        for line in _bare_messages(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)), errors)
    ]

    assert [] == found


@pytest.mark.parametrize(
    "source",
    [
        'raise ResponseError([Problem(f"{x} is wrong")])',
        'raise NotFoundError("no such thing")',
        'raise ExpressionError(source, ["expression is empty"])',
        'raise QuestionnaireError(problems, summary=f"{name}: bad")',
        'found.append(Problem("text: " + reason, file=name))',
    ],
)
def test_the_guard_sees_a_bare_string(source: str) -> None:
    """The guard above finds each way of writing a message in place, and not a message of the catalogue."""
    assert 1 == len(_bare_messages(source, "probe.py", _error_names()))
    assert [] == _bare_messages(
        'raise NotFoundError(msg("no such {thing}", thing=name))', "probe.py", _error_names()
    )
