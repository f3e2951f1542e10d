"""Diagnostic validity: labelled scenarios, a simulator of respondents, and a harness that judges verdicts.

See ``docs/validity.md``: how the corpus in ``validation/`` was built, what the harness
measures and its limits. ``benchmarks/validity.py`` prints the figures.
"""

from __future__ import annotations

from vendormaturity.validity.harness import Run, run_corpus, run_scenario
from vendormaturity.validity.scenarios import Corpus, Scenario, ScenarioError, load_corpus
from vendormaturity.validity.simulate import Simulation

__all__ = [
    "Corpus",
    "Run",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "load_corpus",
    "run_corpus",
    "run_scenario",
]
