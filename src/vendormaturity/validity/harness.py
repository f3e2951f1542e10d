"""Run validation scenarios through the engine as a user would, and judge each verdict.

A *run* is one scenario at one noise seed (and one number of respondents a side): its
assessments are simulated oldest first, written as response files (or kept in memory),
loaded and assessed with the earlier ones as history; the newest result is judged against
the expert's expectation. A run is **right** when the phase is one the expert accepts,
every pattern the expert flags is found (confirmed, or suspected when a fact is unknown),
and no pattern outside the expert's ``flag`` and ``may`` lists is found.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs
import tomli_w

from vendormaturity.engine.assessment import assess
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.engine.standing import complete_facts
from vendormaturity.model.questionnaire import Phase, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult
from vendormaturity.sources.responses import load_responses, responses_from_dict
from vendormaturity.sources.writing import write_atomic
from vendormaturity.validity.scenarios import Corpus, Scenario
from vendormaturity.validity.simulate import Simulation

__all__ = ["Run", "run_corpus", "run_scenario"]


@attrs.frozen
class Run:
    """One scenario's newest verdict at one seed, judged against the expert's expectation."""

    scenario: str
    seed: int
    per_side: int | None  # respondents a side, or None: the scenario's own numbers
    expected: tuple[Phase, ...]  # the phases the expert accepts, the likeliest first
    phase: Phase
    baseline: Phase | None  # the stage-sum baseline's reading
    confidence: float
    found: dict[str, str]  # pattern → "confirmed" or "suspected"
    flag: frozenset[str]  # patterns that must be found (those the questionnaire has)
    may: frozenset[str]  # patterns that may be found
    notices: int  # notices of the newest response set (e.g. answers skip logic would hide)

    @property
    def phase_right(self) -> bool:
        return self.phase in self.expected

    @property
    def baseline_right(self) -> bool:
        return self.baseline in self.expected

    @property
    def missed(self) -> frozenset[str]:
        return self.flag - self.found.keys()

    @property
    def extra(self) -> frozenset[str]:
        """Patterns found that the expert said must not be."""
        return frozenset(self.found) - self.flag - self.may

    @property
    def right(self) -> bool:
        return self.phase_right and not self.missed and not self.extra


def run_scenario(
    scenario: Scenario,
    questionnaire: Questionnaire,
    concepts: dict[str, tuple[str, ...]],
    *,
    seed: int = 0,
    per_side: int | None = None,
    folder: Path | None = None,
) -> Run:
    """Simulate, load and assess *scenario*; judge its newest verdict.

    With *folder*, every assessment is written there as a TOML response file and loaded
    back with :func:`~vendormaturity.load_responses`, as a user's files would be; without,
    the response sets are validated in memory (the same checks, without the files).
    """
    simulation = Simulation(scenario, questionnaire, concepts, seed=seed, per_side=per_side)
    compiled = compile_questionnaire(questionnaire)
    results: list[AssessmentResult] = []
    rounds: list[ResponseSet] = []  # what a relationship folder holds: standing facts carry over
    for index, wave in enumerate(scenario.assessments):
        plan = [action.id for action in results[-1].plan.actions] if results else []
        document = simulation.document(index, previous_plan=plan)
        if folder is not None:
            path = folder / f"{wave.date.isoformat()}.toml"
            write_atomic(path, tomli_w.dumps(document))
            responses = load_responses(path, questionnaire)
        else:
            responses = responses_from_dict(document, questionnaire, name=f"{scenario.id}/{wave.date}")
        responses = complete_facts(compiled, responses, rounds)
        rounds.append(responses)
        results.append(assess(compiled, responses, history=list(results)))
    return _judged(scenario, questionnaire, results[-1], seed, per_side)


def _judged(
    scenario: Scenario,
    questionnaire: Questionnaire,
    result: AssessmentResult,
    seed: int,
    per_side: int | None,
) -> Run:
    patterns = {pattern.id for pattern in questionnaire.patterns}
    expect = scenario.expect
    return Run(
        scenario=scenario.id,
        seed=seed,
        per_side=per_side,
        expected=tuple(expect.phases),
        phase=result.phase,
        baseline=result.baseline.phase,
        confidence=result.confidence,
        found={finding.pattern: finding.status for finding in result.findings},
        flag=frozenset(expect.flag) & patterns,
        may=frozenset(expect.may) & patterns,
        notices=len(result.notices),
    )


def run_corpus(
    corpus: Corpus,
    questionnaire: Questionnaire,
    *,
    seeds: Iterable[int] = range(10),
    per_side: int | None = None,
    files: bool = False,
    scenarios: Sequence[Scenario] | None = None,
) -> list[Run]:
    """Every scenario (or those given) at every seed; with *files*, through real response files."""
    concepts = corpus.concept_map(questionnaire)
    chosen = corpus.scenarios if scenarios is None else scenarios
    runs = []
    for seed in seeds:
        for scenario in chosen:
            if not files:
                runs.append(run_scenario(scenario, questionnaire, concepts, seed=seed, per_side=per_side))
                continue
            with tempfile.TemporaryDirectory(prefix=f"vm-{scenario.id}-") as folder:
                runs.append(
                    run_scenario(
                        scenario, questionnaire, concepts, seed=seed, per_side=per_side, folder=Path(folder)
                    )
                )
    return runs
