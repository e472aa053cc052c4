"""Hypothesis profiles: ``ci`` (the default, bounded), ``long`` (for a deeper run) and
``mutation`` (a few examples, for the mutation-testing run of docs/mutation-testing.md)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Derandomized: the same examples on every run, so that a mutant's fate and a module's score do
# not change from one run to the next (tools/mutation.py check compares them).
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
