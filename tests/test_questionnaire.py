"""Questionnaire files: bundled ones load and round-trip; bad ones are refused with located messages."""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import vendormaturity as vm
from vendormaturity.model.references import check_references

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("questionnaire_id", ["relationship", "pulse"])
def test_bundled_questionnaires_load_and_round_trip(questionnaire_id: str, tmp_path: Path) -> None:
    """Load → dump → load gives an equal model."""
    loaded = vm.load_questionnaire(questionnaire_id)
    path = tmp_path / f"{questionnaire_id}.toml"
    path.write_text(vm.dump_questionnaire(loaded), encoding="utf-8")
    assert loaded == vm.load_questionnaire(path)


def test_bundled_ids_are_listed() -> None:
    """Both bundled questionnaires are found by id."""
    assert ["pulse", "relationship"] == vm.bundled_questionnaires()


@pytest.mark.parametrize("questionnaire_id", ["relationship", "pulse"])
def test_bundled_questionnaires_are_bilingual(questionnaire_id: str) -> None:
    """Bundled files speak French and English."""
    assert ["fr", "en"] == vm.load_questionnaire(questionnaire_id).languages


def test_relationship_questionnaire_has_the_promised_shape(relationship: vm.Questionnaire) -> None:
    """About ten dimensions, 40–60 items, both sides, all stages, 25+ actions, every owner and horizon."""
    q = relationship
    assert 10 <= len(q.dimensions) <= 12
    assert 40 <= len(q.questions) <= 60
    assert {"client", "supplier", "both"} == {question.side.value for question in q.questions}
    assert {"pre_deal", "operational", "post_deal"} == {question.stage.value for question in q.questions}
    assert len(q.actions) >= 25
    assert {"client", "supplier", "joint"} == {action.owner.value for action in q.actions}
    assert {"short", "medium", "renewal"} == {action.horizon.value for action in q.actions}
    expected_patterns = {
        "watermelon", "stuck_in_norming", "purring", "oscillation", "perception_gap", "escalation_culture",
        "no_followup", "knowhow_gap", "divided_client", "zero_sum", "honeymoon_hangover",
    }  # fmt: skip
    assert expected_patterns <= {pattern.id for pattern in q.patterns}


def test_pulse_is_a_short_check_in(pulse: vm.Questionnaire) -> None:
    """The pulse has 10–12 items and its own dimensions."""
    assert 10 <= len(pulse.questions) <= 12
    assert {"delivery", "collaboration", "momentum", "alignment"} == {d.id for d in pulse.dimensions}


def test_unknown_id_says_what_exists() -> None:
    """A wrong id lists the bundled ones."""
    with pytest.raises(
        vm.NotFoundError, match=r"no bundled questionnaire 'relationshp' \(bundled: pulse, relationship\)"
    ):
        vm.load_questionnaire("relationshp")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_problems_are_located_by_file_line_and_id_path(tmp_path: Path) -> None:
    """A message names the file, the line and the data path by id, and all problems come at once."""
    document = vm.dump_questionnaire(vm.load_questionnaire("pulse"))
    document = document.replace('dimension = "momentum"', 'dimension = "momentun"', 1)
    document = document.replace("weight = 1.0", "weight = -1", 1)
    path = write(tmp_path, document)
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.load_questionnaire(path)
    weight_line = document.splitlines().index("weight = -1") + 1
    assert [f"{path}:{weight_line}: questions[id=p01].weight: input should be greater than 0, got -1"] == [
        str(problem) for problem in caught.value.problems
    ]


def test_reference_problems_are_all_reported(tmp_path: Path) -> None:
    """Unknown dimension and unknown action are both reported, with did-you-mean."""
    document = vm.dump_questionnaire(vm.load_questionnaire("pulse"))
    document = document.replace('dimension = "momentum"', 'dimension = "momentun"', 1)
    document = document.replace('"xla_pilot"', '"xla_pilott"', 1)
    path = write(tmp_path, document)
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.load_questionnaire(path)
    messages = [problem.message for problem in caught.value.problems]
    assert "unknown dimension 'momentun' (did you mean 'momentum'?)" in messages
    assert "unknown action 'xla_pilott' (did you mean 'xla_pilot'?)" in messages
    assert all(problem.line is not None for problem in caught.value.problems)


def edit(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set a value at a dotted path with list indices (`questions.0.weight`)."""
    node: Any = document
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last = parts[-1]
    node[int(last) if last.isdigit() else last] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            "questions.4.relevant",
            "answers.q2 > 1",
            "questions[id=q2].relevant: refers to itself; a relevance condition may only use earlier answers",
        ),
        (
            "questions.0.relevant",
            "answers.q2 > 1",
            "questions[id=t1].relevant: refers to question 'q2', "
            "which comes later; a relevance condition may only use earlier answers",
        ),
        (
            "scoring.bands.1.min",
            60,
            "scoring.bands[id=high].min: bands leave a gap between 50 and 60 (after 'low')",
        ),
        ("scoring.bands.1.min", 40, "scoring.bands[id=high].min: band 'high' overlaps 'low' (40 < 50)"),
        (
            "phase_rules.5.phase",
            "norming",
            "phase_rules: phase 'adjourning' has no rule with a positive weight, "
            "so it can never be placed; add one",
        ),
        ("questions.1.id", "t1", "questions[id=t1].id: duplicate id 't1': each must be unique"),
        (
            "dimensions.0.label",
            {"fr": "Confiance"},
            "dimensions[id=trust].label: label has no text for language en; add it",
        ),
        (
            "patterns.0.when",
            "facts.kpi_green_ratio >= 0.9 and client.qualty <= 3",
            "patterns[id=watermelon].when: col 34: unknown name 'client.qualty' "
            "(did you mean 'client.quality'?) "
            "in `facts.kpi_green_ratio >= 0.9 and client.qualty <= 3`",
        ),
        (
            "phase_rules.0.when",
            'phase.current == "norming"',
            "phase_rules[id=young].when: col 1: unknown name "
            "'phase.current' in `phase.current == \"norming\"`",
        ),
        (
            "patterns.1.when",
            "client.trust > 1",
            "patterns[id=perception_gap].when: a dimension-scoped pattern must use `dim.*` names",
        ),
        (
            "facts.2.choices",
            None,
            "facts[id=segment].choices: a choice fact needs a non-empty `choices` list",
        ),
        (
            "actions.0.dimensions",
            ["qualty"],
            "actions[id=xla].dimensions[0]: unknown dimension 'qualty' (did you mean 'quality'?)",
        ),
        (
            "baseline.bands.2.max",
            4.5,
            "baseline.bands[id=strong].max: bands leave a gap: nothing covers 4.5 to 5",
        ),
    ],
)
def test_cross_reference_checks(mini_doc: dict[str, Any], path: str, value: Any, expected: str) -> None:
    """Each kind of broken reference or rule gets its own precise message."""
    if value is None:
        del mini_doc["facts"][2]["choices"]
    else:
        edit(mini_doc, path, value)
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(mini_doc, name="mini.toml")
    assert expected in [f"{problem.path}: {problem.message}" for problem in caught.value.problems]


def suspected_watermelon(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The mini questionnaire, its watermelon suspected from perceptions when the KPIs are unknown."""
    document["patterns"][0].update(
        {"suspect_when": "client.quality <= 2.5", "confirm_with": ["kpi_green_ratio"]}
    )
    document["patterns"][0].update(changes)
    return document


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"confirm_with": ["kpi_green_ration"]},
            "patterns[id=watermelon].confirm_with[0]: unknown fact 'kpi_green_ration' "
            "(did you mean 'kpi_green_ratio'?)",
        ),
        (
            {"confirm_with": ["age_months"]},
            "patterns[id=watermelon].confirm_with[0]: fact 'age_months' is not read by `when`, "
            "so it cannot confirm the pattern",
        ),
        (
            {"confirm_with": []},
            "patterns[id=watermelon].suspect_when: a suspected pattern needs `confirm_with`: "
            "the facts that would confirm it",
        ),
        (
            {"suspect_when": "client.qualty <= 2.5"},
            "patterns[id=watermelon].suspect_when: col 1: unknown name 'client.qualty' "
            "(did you mean 'client.quality'?) in `client.qualty <= 2.5`",
        ),
        (
            {"suspect_when": "client.quality"},
            "patterns[id=watermelon].suspect_when: expression must give a boolean, it gives a number "
            "in `client.quality`",
        ),
    ],
)
def test_suspicions_are_checked_like_rules(
    mini_doc: dict[str, Any], changes: dict[str, Any], expected: str
) -> None:
    """A pattern's suspicion is compiled and type-checked; the facts that confirm it must be its own."""
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(suspected_watermelon(mini_doc, **changes), name="mini.toml")
    assert [expected] == [f"{problem.path}: {problem.message}" for problem in caught.value.problems]


def test_confirm_with_needs_a_suspicion(mini_doc: dict[str, Any]) -> None:
    """Facts to confirm a pattern that is never suspected are a mistake, and said so."""
    mini_doc["patterns"][0]["confirm_with"] = ["kpi_green_ratio"]
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(mini_doc, name="mini.toml")
    assert [
        "patterns[id=watermelon].confirm_with: "
        "`confirm_with` needs a `suspect_when` condition; add one or remove it"
    ] == [f"{problem.path}: {problem.message}" for problem in caught.value.problems]


def test_a_dimension_pattern_cannot_be_suspected(mini_doc: dict[str, Any]) -> None:
    """Suspicion is for relationship patterns: a dimension pattern has no fact to wait for."""
    mini_doc["patterns"][1].update(
        {"suspect_when": "abs(dim.gap) >= 2.0", "confirm_with": ["kpi_green_ratio"]}
    )
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(mini_doc, name="mini.toml")
    messages = [f"{problem.path}: {problem.message}" for problem in caught.value.problems]
    assert (
        'patterns[id=perception_gap].suspect_when: `suspect_when` only applies to scope = "relationship"'
        in messages
    )


def test_the_confirm_action_must_be_in_the_catalogue(mini_doc: dict[str, Any]) -> None:
    """`plan.confirm_action` names a catalogue action, with a did-you-mean."""
    mini_doc["plan"]["confirm_action"] = "xlaa"
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(mini_doc, name="mini.toml")
    assert ["plan.confirm_action: unknown action 'xlaa' (did you mean 'xla'?)"] == [
        f"{problem.path}: {problem.message}" for problem in caught.value.problems
    ]


def test_unknown_key_suggests_the_right_one(mini_doc: dict[str, Any]) -> None:
    """A misspelt key is refused with a did-you-mean rather than silently ignored."""
    mini_doc["questions"][0]["wieght"] = 2
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(mini_doc, name="mini.toml")
    assert ["questions[id=t1].wieght: unknown key 'wieght' (did you mean 'weight'?)"] == [
        f"{p.path}: {p.message}" for p in caught.value.problems
    ]


def test_a_valid_questionnaire_has_no_reference_problems(mini: vm.Questionnaire) -> None:
    """The mini questionnaire used across the tests is itself valid."""
    assert [] == check_references(mini)


def test_syntax_errors_give_the_line(tmp_path: Path) -> None:
    """TOML syntax errors are located, not a traceback."""
    path = write(tmp_path, 'schema_version = 1\nid = "x\n')
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.load_questionnaire(path)
    assert f"{path}:2: TOML syntax error: Illegal character '\\n'" == str(caught.value.problems[0])


def test_compiled_form_is_built_once_and_kept(mini: vm.Questionnaire) -> None:
    """`compile_questionnaire` returns the same compiled form each time for one questionnaire."""
    assert vm.compile_questionnaire(mini) is vm.compile_questionnaire(mini)


def test_a_changed_copy_is_compiled_afresh(mini: vm.Questionnaire) -> None:
    """A copy with other questions gets its own compiled form, not its original's."""
    fewer = mini.model_copy(update={"questions": mini.questions[:-1]})
    compiled = vm.compile_questionnaire(fewer)
    assert (len(mini.questions) - 1, fewer) == (len(compiled.questions), compiled.questionnaire)


def test_a_model_built_directly_has_its_rules_checked_when_compiled(mini_doc: dict[str, Any]) -> None:
    """A questionnaire validated for its shape only still refuses a bad rule, located by id path."""
    mini_doc["phase_rules"][0]["when"] = "facts.nothing > 1"
    q = vm.Questionnaire.model_validate(mini_doc)
    with pytest.raises(vm.QuestionnaireError) as raised:
        vm.compile_questionnaire(q)
    rule = mini_doc["phase_rules"][0]["id"]
    assert f"phase_rules[id={rule}].when: col 1: unknown name 'facts.nothing'" in str(raised.value)


def test_label_falls_back_on_the_first_language(mini: vm.Questionnaire) -> None:
    """An unknown language falls back on the questionnaire's first one."""
    assert "Trust" == mini.label({"fr": "Trust", "en": "Trust"}, "de")
    assert "" == mini.label(None, "fr")


def test_installed_wheel_finds_bundled_questionnaires(tmp_path: Path) -> None:
    """A wheel carries the questionnaires and the export mappings: an installed package finds them by id."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("vendormaturity-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import vendormaturity as vm, pathlib;"
        "print(vm.bundled_questionnaires(), len(vm.load_questionnaire('relationship').questions),"
        f" pathlib.Path(vm.__file__).parent.parent == pathlib.Path(r'{target}'),"
        " len(vm.bundled_mappings()), len(vm.load_mapping('spreadsheets').facts))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, r'{target}'); {probe}"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    mappings = len(vm.bundled_mappings())  # the installed wheel has every mapping of the source tree
    assert f"['pulse', 'relationship'] 55 True {mappings} 8" == result.stdout.strip()


# --------------------------------------------------------------------------- trigger vocabulary

FIXED_TRIGGERS = [
    "scope_dispute",
    "cc_escalation",
    "communication_gap",
    "risk_fear",
    "client_internal_tension",
    "knowhow_gap",
    "retaliation",
    "turnover",
    "perceived_quality_gap",
    "no_followup",
]


def with_vocabulary(document: dict[str, Any]) -> dict[str, Any]:
    """The mini questionnaire with a small trigger vocabulary and a pattern that counts one."""
    document["comments"] = {
        "negations": {"fr": ["pas"], "en": ["no"]},
        "abbreviations": {"copil": "comite de pilotage"},
    }
    document["triggers"] = [
        {
            "id": "cc_escalation",
            "label": {"fr": "Copie", "en": "Copy"},
            "description": {"fr": "Copie", "en": "Copy"},
            "cues": {"fr": ["directeur ~3 en copie"], "en": ["cc ~3 director"]},
        }
    ]
    document["patterns"][0]["when"] = "client.quality <= 3.0 and comments.client.cc_escalation >= 1"
    return document


@pytest.mark.parametrize("questionnaire_id", ["relationship", "pulse"])
def test_bundled_questionnaires_read_the_ten_triggers_in_both_languages(questionnaire_id: str) -> None:
    """The fixed trigger ids, each with cues in French and English."""
    q = vm.load_questionnaire(questionnaire_id)
    assert FIXED_TRIGGERS == [trigger.id for trigger in q.triggers]
    assert all(trigger.cues.get("fr") and trigger.cues.get("en") for trigger in q.triggers)


def test_both_bundled_questionnaires_read_comments_alike() -> None:
    """One vocabulary: the pulse and the full assessment tag a comment the same way."""
    relationship, pulse = vm.load_questionnaire("relationship"), vm.load_questionnaire("pulse")
    assert (relationship.comments, relationship.triggers) == (pulse.comments, pulse.triggers)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            "triggers.0.cues.fr.0",
            "directeur ~3 en copi*e",
            "triggers[id=cc_escalation].cues.fr[0]: cue `directeur ~3 en copi*e`: `copi*e`: "
            "`*` may only end a word",
        ),
        (
            "triggers.0.cues.fr.0",
            "chaque copil",
            "triggers[id=cc_escalation].cues.fr[0]: cue `chaque copil`: `copil` is an abbreviation, "
            "read in comments as `comite de pilotage`: write that instead",
        ),
        (
            "triggers.0.cues",
            {"fr": [], "en": []},
            "triggers[id=cc_escalation].cues: a trigger needs cues: no comment would ever reveal it; "
            "add some",
        ),
        (
            "triggers.0.cues.de",
            ["chef ~3 in kopie"],
            "triggers[id=cc_escalation].cues.de: cues for undeclared language de; declare it in "
            "`languages` or remove them",
        ),
        (
            "triggers.0.exclude",
            {"en": ["level ~20 3"]},
            "triggers[id=cc_escalation].exclude.en[0]: cue `level ~20 3`: `~20` must let 1 to 12 words "
            "between two words",
        ),
        (
            "comments.negations.fr",
            ["pas (de"],
            "comments.negations.fr[0]: cue `pas (de`: a `(` without its `)`",
        ),
        (
            "comments.abbreviations.copil",
            "comité, pilotage",
            "comments.abbreviations.copil: must be words (letters and digits, no punctuation), "
            'got "comité, pilotage"',
        ),
        (
            "patterns.0.when",
            "comments.client.cc_escalaton >= 1",
            "patterns[id=watermelon].when: col 1: unknown name 'comments.client.cc_escalaton' "
            "(did you mean 'comments.client.cc_escalation'?) in `comments.client.cc_escalaton >= 1`",
        ),
    ],
)
def test_the_vocabulary_is_checked_at_load_time(
    mini_doc: dict[str, Any], path: str, value: Any, expected: str
) -> None:
    """A bad cue, a missing or undeclared language, a bad abbreviation or an unknown trigger: located."""
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(edit(with_vocabulary(mini_doc), path, value), name="mini.toml")
    assert [expected] == [f"{problem.path}: {problem.message}" for problem in caught.value.problems]


def test_a_duplicate_trigger_is_refused(mini_doc: dict[str, Any]) -> None:
    """Trigger ids are unique, like every other id."""
    document = with_vocabulary(mini_doc)
    document["triggers"].append(copy.deepcopy(document["triggers"][0]))
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.questionnaire_from_dict(document, name="mini.toml")
    assert ["triggers[id=cc_escalation].id: duplicate id 'cc_escalation': each must be unique"] == [
        f"{problem.path}: {problem.message}" for problem in caught.value.problems
    ]


def test_a_bad_cue_in_a_file_is_located_by_line(tmp_path: Path) -> None:
    """The file and the line of the cue, as for any other problem."""
    document = vm.dump_questionnaire(vm.load_questionnaire("pulse"))
    document = document.replace('"(litige*|', '"(l*|', 1)
    path = write(tmp_path, document)
    with pytest.raises(vm.QuestionnaireError) as caught:
        vm.load_questionnaire(path)
    (problem,) = caught.value.problems
    line = next(number for number, text in enumerate(document.splitlines(), 1) if '"(l*|' in text)
    assert (str(path), line, "triggers[id=scope_dispute].cues.fr[0]") == (
        problem.file,
        problem.line,
        problem.path,
    )
    assert problem.message.endswith("prefix `l*` is too short: write at least 3 characters before `*`")


def test_a_questionnaire_without_triggers_still_loads_and_assesses(
    mini: vm.Questionnaire, make_responses: Any
) -> None:
    """No vocabulary: comments are listed, with no trigger, and nothing is counted."""
    result = vm.assess(
        mini,
        make_responses(
            vm.Respondent(id="c1", side=vm.Side.CLIENT, answers={"t1": 4}, comment="Le directeur en copie.")
        ),
    )
    assert ([[]], {}) == ([c.triggers for c in result.comments], result.comment_triggers)
