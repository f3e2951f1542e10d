"""Hypothesis settings profiles for the property tests.

``ci`` (the default) keeps example counts modest so the whole suite stays fast; ``long``
digs deeper. Choose one with ``VM_HYPOTHESIS_PROFILE=long`` or, when running this folder
directly, ``pytest tests/property --hypothesis-profile=long``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Generating a questionnaire validates and compiles it: slower than hypothesis expects.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=_SLOW_DATA)
settings.register_profile("long", max_examples=1_000, deadline=None, suppress_health_check=_SLOW_DATA)
settings.load_profile(os.environ.get("VM_HYPOTHESIS_PROFILE", "ci"))
