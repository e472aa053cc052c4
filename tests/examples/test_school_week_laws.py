"""A weekday table that misses a day its service runs on breaks the first law of a policy.

(Every example commune obeys the laws: ``test_example_communes``.)"""

from __future__ import annotations

from datetime import time

import attrs
import pytest

from cantine_rules.rules import WeekdayDeadline, WeekdayTable
from cantine_rules.testing import PolicyLawError, check_policy
from tests.examples._files import commune


def test_a_weekday_table_without_friday_breaks_the_first_law() -> None:
    # Built in Python, the table escapes the check made when a file is loaded: the law finds
    # the first Friday the meal runs on.
    policy = commune("vailhauques")
    lacking = WeekdayTable((WeekdayDeadline(frozenset({0, 1, 3}), 4, time(9)),))
    rules = attrs.evolve(policy.booking.default, add=lacking)
    broken = attrs.evolve(policy, booking=attrs.evolve(policy.booking, default=rules))
    with pytest.raises(PolicyLawError) as caught:
        check_policy(broken, max_examples=5)
    assert caught.value.law == "every day a service runs has its change windows"
    assert "add repas on 2024-09-06" in str(caught.value)
    assert "Friday" in str(caught.value)
