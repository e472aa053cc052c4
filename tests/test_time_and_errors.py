"""Europe/Paris instants and the error hierarchy."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

import cantine_rules
from cantine_rules import at_paris, errors
from cantine_rules._time import require_aware


def test_at_paris_is_aware_in_winter_and_summer() -> None:
    assert at_paris(date(2024, 1, 15), time(12, 0)).utcoffset() == timedelta(hours=1)
    assert at_paris(date(2024, 7, 15), time(12, 0)).utcoffset() == timedelta(hours=2)


def test_at_paris_moves_a_missing_spring_wall_time_forward() -> None:
    instant = at_paris(date(2024, 3, 31), time(2, 30))
    assert instant.isoformat() == "2024-03-31T03:30:00+02:00"


def test_at_paris_takes_the_first_of_a_repeated_autumn_wall_time() -> None:
    instant = at_paris(date(2024, 10, 27), time(2, 30))
    assert instant.isoformat() == "2024-10-27T02:30:00+02:00"


def test_require_aware() -> None:
    aware = datetime(2024, 1, 1, tzinfo=ZoneInfo("Europe/Paris"))
    assert require_aware(aware, "at") is aware
    with pytest.raises(errors.NaiveDatetimeError):
        require_aware(datetime(2024, 1, 1), "at")
    with pytest.raises(errors.InvalidTypeError):
        require_aware(date(2024, 1, 1), "at")


@pytest.mark.parametrize(
    ("error_type", "builtin"),
    [
        (errors.InvalidValueError, ValueError),
        (errors.InvalidTypeError, TypeError),
        (errors.FloatMoneyError, TypeError),
        (errors.NegativeAmountError, ValueError),
        (errors.EmptyIdentifierError, ValueError),
        (errors.NaiveDatetimeError, ValueError),
        (errors.OutOfRangeError, ValueError),
        (errors.CalendarError, ValueError),
        (errors.IllegalTransitionError, ValueError),
        (errors.UnknownCodeError, LookupError),
        (errors.UnknownServiceError, LookupError),
        (errors.UnknownCommuneError, LookupError),
        (errors.PolicyError, ValueError),
    ],
)
def test_every_error_is_a_cantine_rules_error_and_its_builtin(
    error_type: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(error_type, errors.CantineRulesError)
    assert issubclass(error_type, builtin)


def test_unknown_codes_list_what_is_known() -> None:
    error = errors.UnknownServiceError("soir", ["repas", "matin"])
    assert str(error) == "service: unknown 'soir'; known: matin, repas"
    assert error.known == ("matin", "repas")


def test_policy_error_reports_every_problem() -> None:
    problems = [
        errors.Problem("services[0].code", "must not be empty"),
        errors.Problem("tariffs.repas", "missing"),
    ]
    error = errors.PolicyError(problems, source="ville.toml")
    assert error.problems == tuple(problems)
    assert "2 problems in ville.toml" in str(error)
    assert "services[0].code: must not be empty" in str(error)
    assert problems[0] == errors.Problem("services[0].code", "must not be empty")
    assert problems[0] != problems[1]


def test_public_names_are_exported() -> None:
    for name in cantine_rules.__all__:
        assert hasattr(cantine_rules, name), name
