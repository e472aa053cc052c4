"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import pytest

import cantine_rules
from cantine_rules import EUROPE_PARIS, CantineRulesError

#: Both sides of every boundary of the Paris public grid (Caisse des écoles, 2020/2021):
#: « T1 QF 0–234 € 0,13 €; T2 235–384 0,85; T3 385–548 1,62; T4 549–959 2,28; T5 960–1370 3,62;
#: T6 1371–1900 4,61 », as (QF, bracket, unit price).
PARIS_BOUNDARIES = [
    ("0", "tarif 1", "0.13"),
    ("234", "tarif 1", "0.13"),
    ("235", "tarif 2", "0.85"),
    ("384", "tarif 2", "0.85"),
    ("385", "tarif 3", "1.62"),
    ("548", "tarif 3", "1.62"),
    ("549", "tarif 4", "2.28"),
    ("959", "tarif 4", "2.28"),
    ("960", "tarif 5", "3.62"),
    ("1370", "tarif 5", "3.62"),
    ("1371", "tarif 6", "4.61"),
    ("1900", "tarif 6", "4.61"),
]


def paris(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """An aware Europe/Paris datetime, as a family's browser would send it."""
    return datetime(year, month, day, hour, minute, second, tzinfo=EUROPE_PARIS)


def refusal(call: Callable[[], object]) -> tuple[str, object, object, str]:
    """What a call that must fail raises: the error's class name, field, value and message.

    Fails the test when the call raises anything that is not a [`CantineRulesError`][], so a
    refusal that degrades into a bare ``TypeError`` is caught too.
    """
    with pytest.raises(CantineRulesError) as caught:
        call()
    error = caught.value
    field = getattr(error, "field", None)
    return type(error).__name__, field, getattr(error, "value", None), str(error)


def assert_warned_from(caught: Iterable[warnings.WarningMessage], test_file: str) -> None:
    """Assert that each warning names the test's own line, not a line of the library.

    Under mutation testing, mutmut's trampoline sits between the test and the library, and is
    the first frame outside it: the warnings then only have to name no line of the library.
    """
    filenames = {warning.filename for warning in caught}
    library = str(Path(cantine_rules.__file__).parent)
    assert not any(name.startswith(library) for name in filenames)
    if "MUTANT_UNDER_TEST" not in os.environ:
        assert filenames == {test_file}
