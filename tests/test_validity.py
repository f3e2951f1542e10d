"""The validation harness: the corpus, the simulated respondents, and the accuracy it proves."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import attrs
import pytest

import vendormaturity as vm
from vendormaturity.validity import Corpus, Run, Scenario, ScenarioError, Simulation, load_corpus, run_corpus
from vendormaturity.validity.harness import run_scenario
from vendormaturity.validity.report import Rate, Summary, format_summary, format_sweep, pattern_scores
from vendormaturity.validity.simulate import months_between

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "validation"
RELATIONSHIP = vm.load_questionnaire("relationship")
PULSE = vm.load_questionnaire("pulse")
SEEDS = range(10)

# The figures the harness reached on the relationship questionnaire over seeds 0–9
# (docs/validity.md): a floor, so that a change making the diagnosis worse fails.
RUN_ACCURACY_FLOOR = 0.95
PHASE_ACCURACY_FLOOR = 0.98


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def runs(corpus: Corpus) -> list[Run]:
    return run_corpus(corpus, RELATIONSHIP, seeds=SEEDS)


def scenario(corpus: Corpus, scenario_id: str) -> Scenario:
    return next(s for s in corpus.scenarios if s.id == scenario_id)


def quiet(base: Scenario, **respondents: object) -> Scenario:
    """*base* answered without noise, bias, spread or don't-know, unless *respondents* says otherwise."""
    setup = {"noise": 0.0, "spread": 0.0, "bias": 0.0, "dont_know": 0.0, "late_joiners": 0.0, **respondents}
    return base.model_copy(update={"respondents": base.respondents.model_copy(update=setup)})


# --------------------------------------------------------------------------- the corpus


def test_the_corpus_is_large_and_covers_the_domain(corpus: Corpus) -> None:
    """At least 40 scenarios; every phase, every pattern, and the hard cases the domain names."""
    scenarios = corpus.scenarios
    assert len(scenarios) >= 40
    assert set(vm.Phase) == {s.expect.phases[0] for s in scenarios}
    assert {p.id for p in RELATIONSHIP.patterns} <= {pattern for s in scenarios for pattern in s.expect.flag}
    tags = {tag for s in scenarios for tag in s.tags}
    assert {"sparse", "divided", "noisy", "missing_fact", "skip_logic", "history", "dont_know"} <= tags
    assert all(len(s.story) > 100 and s.expect.why for s in scenarios)
    assert sum(1 for s in scenarios if len(s.assessments) >= 3) >= 10


def test_every_bundled_questionnaire_is_mapped_onto_the_concepts(corpus: Corpus) -> None:
    """Each question of each bundled questionnaire measures known concepts."""
    for q in (RELATIONSHIP, PULSE):
        mapped = corpus.concept_map(q)
        assert {question.id for question in q.questions} == set(mapped)
        assert set(corpus.concepts) >= {concept for concepts in mapped.values() for concept in concepts}


# --------------------------------------------------------------------------- the simulator


def test_simulated_files_are_real_response_files(corpus: Corpus, tmp_path: Path) -> None:
    """Written, loaded with load_responses and assessed with their history, as a user would."""
    chosen = scenario(corpus, "t01-tma-purring-strategic")
    run = run_scenario(chosen, RELATIONSHIP, corpus.concept_map(RELATIONSHIP), seed=3, folder=tmp_path)
    files = sorted(tmp_path.glob("*.toml"))
    assert [wave.date.isoformat() + ".toml" for wave in chosen.assessments] == [path.name for path in files]
    current, history = vm.load_history(tmp_path, RELATIONSHIP)
    assert run.phase == vm.assess(RELATIONSHIP, current, history=history).phase
    in_memory = run_scenario(chosen, RELATIONSHIP, corpus.concept_map(RELATIONSHIP), seed=3)
    assert (in_memory.phase, in_memory.found) == (run.phase, run.found)


def test_answers_are_on_each_item_scale(corpus: Corpus) -> None:
    """Every answer is a choice of its question's scale or a don't-know code (pulse has a 0–10 item)."""
    for q in (RELATIONSHIP, PULSE):
        scales = {scale.id: scale for scale in q.scales}
        allowed = {
            question.id: {c.value for c in scales[question.scale].choices}
            | {m.code for m in scales[question.scale].missing}
            for question in q.questions
        }
        chosen = scenario(corpus, "s07-divided-client-erp")
        document = Simulation(chosen, q, corpus.concept_map(q), seed=1).document(0)
        answers = [(qid, value) for r in document["respondents"] for qid, value in r["answers"].items()]
        assert answers
        assert all(value in allowed[qid] for qid, value in answers)
    pulse_answers = Simulation(chosen, PULSE, corpus.concept_map(PULSE), seed=1).document(0)["respondents"]
    assert any(isinstance(r["answers"].get("p11"), int) and r["answers"]["p11"] > 5 for r in pulse_answers)


def test_reverse_keyed_items_are_answered_the_other_way(corpus: Corpus) -> None:
    """At level 5 everywhere, one agrees fully with positive items and not at all with reversed ones."""
    base = scenario(corpus, "r03-performing-few-facts")
    perfect = quiet(base).model_copy(
        update={"assessments": [base.assessments[0].model_copy(update={"client": {"base": 5.0}})]}
    )
    (client, *_) = Simulation(perfect, RELATIONSHIP, corpus.concept_map(RELATIONSHIP)).document(0)[
        "respondents"
    ]
    reverse = {q.id: q.reverse for q in RELATIONSHIP.questions}
    assert {1} == {v for qid, v in client["answers"].items() if reverse[qid]}
    assert {5} == {v for qid, v in client["answers"].items() if not reverse[qid]}


def test_dont_know_late_joiners_and_unseen_concepts(corpus: Corpus) -> None:
    """Late joiners do not know pre-deal items; a concept a side cannot judge is 'don't know' throughout."""
    base = quiet(scenario(corpus, "n02-fleet-leverage"), late_joiners=1.0, client_unseen=["knowledge"])
    client = Simulation(base, RELATIONSHIP, corpus.concept_map(RELATIONSHIP)).document(0)["respondents"][0]
    questions = {q.id: q for q in RELATIONSHIP.questions}
    pre_deal = [
        qid for qid, q in questions.items() if q.stage.value == "pre_deal" and q.side.value != "supplier"
    ]
    knowledge = [qid for qid in client["answers"] if questions[qid].dimension == "knowledge"]
    assert {"dk"} == {client["answers"][qid] for qid in pre_deal + knowledge}
    everyone = quiet(base, dont_know=1.0, late_joiners=0.0, client_unseen=[])
    answers = Simulation(everyone, RELATIONSHIP, corpus.concept_map(RELATIONSHIP)).document(0)["respondents"]
    assert {"dk"} == {value for r in answers for value in r["answers"].values()}


def test_skip_logic_is_followed_unless_the_tool_cannot(corpus: Corpus) -> None:
    """No steering committee: its follow-up questions are not asked – or in a spreadsheet, answered anyway."""
    chosen = scenario(corpus, "e03-spreadsheet-no-steering")
    concepts = corpus.concept_map(RELATIONSHIP)
    enforced = chosen.model_copy(
        update={"respondents": chosen.respondents.model_copy(update={"skip_logic": True})}
    )
    for case, expect_notices in ((enforced, False), (chosen, True)):
        document = Simulation(case, RELATIONSHIP, concepts, seed=2).document(0)
        asked = [
            r for r in document["respondents"] if isinstance(r["answers"].get("gov_steering_exists"), int)
        ]
        skipped = [r for r in asked if r["answers"]["gov_steering_exists"] < 3]
        assert skipped
        assert expect_notices == all("gov_steering_decides" in r["answers"] for r in skipped)
        result = vm.assess(RELATIONSHIP, vm.responses_from_dict(document, RELATIONSHIP))
        assert expect_notices == any(n.kind == "irrelevant_answer" for n in result.notices)


def test_divided_sides_spread_their_respondents(corpus: Corpus) -> None:
    """A split of 1.2 places the client's respondents from +1.2 to −1.2 around the side's level."""
    chosen = quiet(scenario(corpus, "s07-divided-client-erp"))
    result = vm.assess(
        RELATIONSHIP,
        vm.responses_from_dict(
            Simulation(chosen, RELATIONSHIP, corpus.concept_map(RELATIONSHIP)).document(0)
        ),
    )
    assert result.summary["max_client_sd"] is not None
    assert result.summary["max_client_sd"] >= 1.0


def test_the_same_seed_gives_the_same_files_and_another_seed_others(corpus: Corpus) -> None:
    """Deterministic draws: reproducible runs, different noise per seed."""
    chosen = scenario(corpus, "w01-servicedesk-watermelon")
    concepts = corpus.concept_map(RELATIONSHIP)
    first = Simulation(chosen, RELATIONSHIP, concepts, seed=4).document(0)
    assert first == Simulation(chosen, RELATIONSHIP, concepts, seed=4).document(0)
    assert first != Simulation(chosen, RELATIONSHIP, concepts, seed=5).document(0)


def test_respondents_a_side_can_be_changed(corpus: Corpus) -> None:
    """per_side replaces the number of every side that has respondents, and leaves an empty side empty."""
    chosen = scenario(corpus, "e01-client-side-only")
    document = Simulation(chosen, RELATIONSHIP, corpus.concept_map(RELATIONSHIP), per_side=8).document(0)
    assert ["client"] * 8 == [r["side"] for r in document["respondents"]]


def test_facts_come_from_the_dates_and_what_the_user_knows(corpus: Corpus) -> None:
    """The contract dates as the user types them (the questionnaire derives the age and the
    months to exit from them), or those months for a questionnaire without date facts;
    unknown facts left out; undeclared ones dropped."""
    chosen = scenario(corpus, "a01-datacentre-planned-exit")
    facts = Simulation(chosen, PULSE, corpus.concept_map(PULSE)).document(1)["facts"]
    assert {"contract_start": "2018-05-07", "contract_end": "2027-05-06", "exit_plan_active": True} == {
        key: facts[key] for key in ("contract_start", "contract_end", "exit_plan_active")
    }
    assert "age_months" not in facts
    assert "key_person_dependency" not in facts  # the pulse does not declare it
    document = PULSE.model_dump(mode="json", exclude_none=True)
    document["facts"] = [
        fact for fact in document["facts"] if fact["type"] != "date" and "derive" not in fact
    ]
    document["facts"] += [
        {"id": name, "type": "integer", "label": {"fr": name, "en": name}}
        for name in ("age_months", "months_to_exit")
    ]
    without_dates = vm.questionnaire_from_dict(document)
    months = Simulation(chosen, without_dates, corpus.concept_map(without_dates)).document(1)["facts"]
    assert {"age_months": 102, "months_to_exit": 5} == {
        key: months[key] for key in ("age_months", "months_to_exit")
    }
    assert 12 == months_between(datetime.date(2025, 1, 31), datetime.date(2026, 1, 31))
    assert 11 == months_between(datetime.date(2025, 1, 31), datetime.date(2026, 1, 30))


def test_the_previous_plan_is_followed_up_as_the_scenario_says(corpus: Corpus) -> None:
    """A quarter of the previous plan reported done, the rest not started."""
    chosen = scenario(corpus, "o01-bpo-no-followup")
    simulation = Simulation(chosen, RELATIONSHIP, corpus.concept_map(RELATIONSHIP))
    followup = simulation.document(1, previous_plan=["a", "b", "c", "d"])["followup"]
    assert ["a", "b", "c", "d"] == [item["action"] for item in followup]
    assert 1 == sum(1 for item in followup if item["status"] == "done")
    assert "followup" not in simulation.document(1)


# --------------------------------------------------------------------------- the figures


def test_accuracy_stays_above_the_floor(runs: list[Run]) -> None:
    """At least 95% of scenario-runs right over ten noise seeds, and the phase right almost always."""
    summary = Summary.of(runs, [p.id for p in RELATIONSHIP.patterns])
    assert summary.runs.share >= RUN_ACCURACY_FLOOR
    assert summary.phase.share >= PHASE_ACCURACY_FLOOR
    assert summary.phase.share > summary.baseline.share + 0.3  # far better than the stage-sum baseline


def test_every_stuck_and_watermelon_scenario_is_flagged(corpus: Corpus, runs: list[Run]) -> None:
    """On the reference draw every one is found; over all draws, nearly always."""
    for pattern in ("stuck_in_norming", "watermelon"):
        expected = {s.id for s in corpus.scenarios if pattern in s.expect.flag}
        assert len(expected) >= 4
        reference = {run.scenario for run in runs if run.seed == 0 and pattern in run.found}
        assert expected <= reference
        (score,) = pattern_scores(runs, [pattern])
        assert score.recall is not None
        assert score.recall >= 0.95
        assert score.precision == 1.0 if pattern == "stuck_in_norming" else (score.precision or 0) >= 0.9


def test_a_run_is_judged_against_the_expectation() -> None:
    """Right: an accepted phase, every flagged pattern found, nothing the expert excluded."""
    run = Run(
        scenario="x",
        seed=0,
        per_side=None,
        expected=(vm.Phase.NORMING, vm.Phase.STORMING),
        phase=vm.Phase.STORMING,
        baseline=vm.Phase.PERFORMING,
        confidence=0.5,
        found={"watermelon": "suspected", "purring": "confirmed"},
        flag=frozenset({"watermelon"}),
        may=frozenset({"purring"}),
        notices=0,
    )
    assert (True, False, frozenset(), frozenset(), True) == (
        run.phase_right,
        run.baseline_right,
        run.missed,
        run.extra,
        run.right,
    )
    wrong = attrs.evolve(run, found={"oscillation": "confirmed"})
    assert (frozenset({"watermelon"}), frozenset({"oscillation"}), False) == (
        wrong.missed,
        wrong.extra,
        wrong.right,
    )


def test_the_corpus_runs_through_files_as_in_memory(corpus: Corpus, runs: list[Run]) -> None:
    """Through real response files or validated in memory, the verdicts are the same."""
    chosen = [scenario(corpus, "e03-spreadsheet-no-steering"), scenario(corpus, "v01-claims-oscillation")]
    through_files = run_corpus(corpus, RELATIONSHIP, seeds=[0], files=True, scenarios=chosen)
    in_memory = [run for run in runs if run.seed == 0 and run.scenario in {s.id for s in chosen}]
    assert in_memory == through_files
    assert through_files[0].notices > 0  # the spreadsheet's answers to questions not asked


def test_the_report_prints_every_figure(runs: list[Run]) -> None:
    """Accuracy, the baseline, patterns, the confusion matrix and the sweep, as plain text."""
    summary = Summary.of(runs, [p.id for p in RELATIONSHIP.patterns])
    text = format_summary(summary, "relationship")
    for heading in (
        "scenarios right (seed 0)",
        "runs right (all seeds)",
        "stage-sum baseline",
        "Patterns",
        "Phase confusion",
    ):
        assert heading in text
    assert str(summary.runs) in text
    partial = format_summary(Summary.of(runs[:3], ["watermelon"]), "three runs")
    assert (
        "adjourning"
        in partial.splitlines()[
            partial.splitlines().index(
                "The stage-sum baseline's phases (columns; 'none' when it has no data)"
            )
            + 2
        ]
    )
    sweep = format_sweep({1: runs[:5], 3: runs[:5]}, reference=3)
    assert "phase differs from 3" in sweep
    assert "0/5 (0.0%)" in sweep
    assert "0/0 (0.0%)" == str(Rate.of([]))


# --------------------------------------------------------------------------- bad corpora


def write_corpus(root: Path, concepts: str, **scenarios: str) -> Path:
    (root / "scenarios").mkdir(parents=True)
    (root / "concepts.toml").write_text(textwrap.dedent(concepts), encoding="utf-8")
    for name, text in scenarios.items():
        (root / "scenarios" / f"{name}.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


CONCEPTS = """\
concepts = ["trust", "quality"]
facts = ["age_months"]
[questionnaires.mini.dimensions]
trust = ["trust"]
quality = ["quality"]
"""


def test_every_problem_of_a_corpus_is_reported_with_file_and_line(tmp_path: Path) -> None:
    """Unknown concepts and facts, dates out of order, a misnamed id, a side without levels."""
    root = write_corpus(
        tmp_path,
        CONCEPTS,
        one="""\
        id = "uno"
        title = "t"
        story = "s"
        [facts]
        age_month = 3
        [expect]
        phases = ["norming"]
        why = "w"
        [[assessments]]
        date = 2026-05-01
        client = { base = 3.0, trusst = 2.0 }
        [[assessments]]
        date = 2026-04-01
        client = { trust = 3.0 }
        supplier = { base = 3.0 }
        """,
    )
    with pytest.raises(ScenarioError) as caught:
        load_corpus(root)
    assert [
        "one.toml:1: id: the id must be the file's name 'one'",
        "one.toml:5: facts.age_month: unknown fact 'age_month' (did you mean 'age_months'?)",
        "one.toml:11: assessments[0].client.trusst: unknown concept 'trusst' (did you mean 'trust'?)",
        "one.toml:9: assessments[0].supplier: give a `base` level, or a level for every concept",
        "one.toml:14: assessments[1].client: give a `base` level, or a level for every concept",
        "one.toml:13: assessments[1].date: "
        "assessments must be in date order, oldest first, each on its own date",
    ] == [str(problem).split("/")[-1] for problem in caught.value.problems]


def test_schema_problems_and_unreadable_files_are_reported(tmp_path: Path) -> None:
    """A level off the 1–5 range, a broken TOML file and an unknown concept in a map, all at once."""
    root = write_corpus(
        tmp_path,
        CONCEPTS,
        good="""\
        id = "good"
        title = "t"
        story = "s"
        [expect]
        phases = ["norming"]
        why = "w"
        [[assessments]]
        date = 2026-05-01
        client = { base = 7.0 }
        supplier = { base = 3.0 }
        """,
        broken="id = ",
    )
    (root / "concepts.toml").write_text(
        CONCEPTS.replace('quality = ["quality"]', 'quality = ["qualityy"]'), encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as caught:
        load_corpus(root)
    messages = [str(problem).split("/")[-1] for problem in caught.value.problems]
    assert (
        "concepts.toml:5: questionnaires.mini.dimensions.quality: "
        "unknown concept 'qualityy' (did you mean 'quality'?)" in messages
    )
    assert "broken.toml: TOML syntax error: Invalid value (at end of document)" in messages
    assert (
        "good.toml:9: assessments[0].client.base: input should be less than or equal to 5, got 7.0"
        in messages
    )


def test_an_empty_or_missing_corpus_is_refused(tmp_path: Path) -> None:
    """No concepts file and no scenario: both said; a folder where a file should be, too."""
    (tmp_path / "scenarios").mkdir()
    with pytest.raises(ScenarioError) as caught:
        load_corpus(tmp_path)
    messages = [problem.message for problem in caught.value.problems]
    assert [f"{tmp_path / 'concepts.toml'}: no such file", "no scenario file (scenarios/*.toml)"] == messages
    (tmp_path / "concepts.toml").mkdir()
    with pytest.raises(ScenarioError) as caught:
        load_corpus(tmp_path)
    assert "is a folder" in str(caught.value.problems[0]) or "not a regular file" in str(
        caught.value.problems[0]
    )


def test_a_questionnaire_without_a_map_or_with_a_stale_one_is_refused(
    corpus: Corpus, mini: vm.Questionnaire
) -> None:
    """The map must exist and match the questionnaire's dimensions and questions."""
    with pytest.raises(
        ScenarioError, match="no concept map for questionnaire 'mini' \\(maps: pulse, relationship\\)"
    ):
        corpus.concept_map(mini)
    stale = corpus.maps["pulse"]
    renamed = mini.model_copy(update={"id": "pulse"})
    with pytest.raises(ScenarioError) as caught:
        stale.of(renamed)
    messages = [problem.message for problem in caught.value.problems]
    assert "dimension 'trust' is not mapped onto concepts; add it" in messages
    assert "unknown question 'p06'" in messages
