"""What `bill` refuses, whole: the error's class, field, value and message, and every problem's
path; and which policy it bills with."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from cantine_rules import Child, PolicyError
from cantine_rules.billing import bill, quote
from cantine_rules.plain import AbsenceSpec, BookingSpec, Scenario
from cantine_rules.policies import get
from cantine_rules.pricing.tariffs import PricingContext
from tests._helpers import refusal

ALSH = get("alsh-postfacturation")
SARAH = Child("sarah", "Sarah", date(2015, 11, 20))
SEPTEMBER = Scenario(
    "alsh-postfacturation", date(2024, 9, 1), date(2024, 9, 30), "F-1", children=(SARAH,)
)


def test_a_scenario_that_is_not_one_is_refused_by_type() -> None:
    assert refusal(lambda: bill("alsh.toml")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "scenario",
        "alsh.toml",
        "scenario: must be a Scenario (got 'alsh.toml' of type str)",
    )


def test_a_policy_that_is_not_one_is_refused_by_type() -> None:
    assert refusal(lambda: bill(SEPTEMBER, policy="alsh-postfacturation")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "policy",
        "alsh-postfacturation",
        "policy: must be a CommunePolicy (got 'alsh-postfacturation' of type str)",
    )


def test_a_policy_of_another_commune_is_refused_naming_its_slug() -> None:
    assert refusal(lambda: bill(attrs.evolve(SEPTEMBER, commune="paris"), policy=ALSH)) == (
        "InvalidValueError",
        "policy",
        "alsh-postfacturation",
        "policy: is not the scenario's commune 'paris' (got 'alsh-postfacturation')",
    )


@pytest.mark.parametrize("path", ["nowhere/ma-commune.toml", "nowhere/MA-COMMUNE.TOML"])
def test_a_policy_file_that_cannot_be_read_is_refused_at_the_commune(path: str) -> None:
    # A policy file's path, whatever the case of its suffix, is read, not looked up by name.
    assert refusal(lambda: bill(attrs.evolve(SEPTEMBER, commune=path))) == (
        "InvalidValueError",
        "commune",
        path,
        f"commune: cannot be read (No such file or directory) (got {path!r})",
    )


@pytest.mark.parametrize("path", ["examples/communes/plivot.toml", "Elsewhere/ALSH.TOML"])
def test_a_scenario_naming_a_policy_file_is_billed_with_the_policy_given(path: str) -> None:
    # The caller read the file: the policy given is the one billed, whatever its slug.
    result = bill(attrs.evolve(SEPTEMBER, commune=path), policy=ALSH)
    assert result.policy is ALSH


def test_a_period_outside_the_calendar_is_a_problem_at_start_and_end() -> None:
    scenario = attrs.evolve(
        SEPTEMBER,
        start=date(2040, 9, 1),
        end=date(2040, 9, 30),
        # Not looked at further: the period already lies outside the calendar.
        bookings=(BookingSpec("sarah", "soir", days=(date(2040, 9, 4),)),),
    )
    with pytest.raises(PolicyError) as caught:
        bill(scenario)
    assert [str(problem) for problem in caught.value.problems] == [
        "start: is outside the calendar's years 2017-2028 (got 2040-09-01)",
        "end: is outside the calendar's years 2017-2028 (got 2040-09-30)",
    ]
    assert caught.value.source == "scenario"


def test_a_booked_day_the_service_does_not_run_names_the_holiday() -> None:
    # 11 November is a public holiday (« Armistice »); Wednesday evenings have no « soir ».
    scenario = attrs.evolve(
        SEPTEMBER,
        start=date(2024, 11, 1),
        end=date(2024, 11, 30),
        bookings=(BookingSpec("sarah", "soir", days=(date(2024, 11, 11), date(2024, 11, 13))),),
    )
    with pytest.raises(PolicyError) as caught:
        bill(scenario)
    assert [str(problem) for problem in caught.value.problems] == [
        "bookings[0].days: soir does not run on 2024-11-11 (Armistice)",
        "bookings[0].days: soir does not run on 2024-11-13",
    ]


def test_an_absence_on_a_day_not_booked_is_reported_at_its_path() -> None:
    booked = BookingSpec("sarah", "soir", days=(date(2024, 9, 19),))
    absences = (
        AbsenceSpec("sarah", "soir", date(2024, 9, 19)),
        AbsenceSpec("sarah", "soir", date(2024, 9, 17)),
    )
    result = bill(attrs.evolve(SEPTEMBER, bookings=(booked,), absences=absences))
    assert [(r.kind.value, r.path, r.child, r.service, r.day) for r in result.reported] == [
        ("absence_not_booked", "absences[1]", "sarah", "soir", date(2024, 9, 17))
    ]


def test_a_quote_without_a_price_names_the_source_of_the_version_that_lacks_it() -> None:
    # « Tarif 7 De 1901 € … » (cde7.fr, 2020/2021): the bracket is named, its price is not.
    paris_policy = get("paris")
    day = date(2020, 10, 5)
    answer = quote(paris_policy, "repas", day, context=PricingContext("1901"))
    assert (answer.known, answer.price) == (False, None)
    assert answer.source == paris_policy.tariff("repas").at(day).source
    assert answer.source.kind.value == "public"
    assert not answer.is_default
