"""Plivot: a regular and an occasional price of the cantine, and monthly flat fees for the
garderie and the étude."""

from __future__ import annotations

from datetime import date

from cantine_rules import Money
from cantine_rules.pricing.tariffs import FeeReason
from cantine_rules.testing import check_policy
from tests.examples._load import example

POLICY = example("plivot")


# « CANTINE … Occasionnel 6.50 € Régulier 5.70 € »
def test_the_regular_and_the_occasional_price() -> None:
    regimes = POLICY.regimes_of("cantine")
    assert regimes is not None
    assert regimes.fixed_days is not None
    assert regimes.occasional is not None
    assert regimes.fixed_days.unit_price == Money.euros("5.70")
    assert regimes.occasional.unit_price == Money.euros("6.50")


# « GARDERIE : du matin : Forfait mensuel de 12.00 € » ; « ETUDE : du soir Forfait mensuel de
# 12.00 € »
def test_the_monthly_fees() -> None:
    for code in ("matin", "etude"):
        regimes = POLICY.regimes_of(code)
        assert regimes is not None
        assert regimes.offers == ()
        (fee,) = regimes.monthly_fees
        days = POLICY.calendar.service_days(
            POLICY.booking.days_of(code), date(2024, 12, 1), date(2024, 12, 31)
        )
        # December 2024: the last day before the Christmas break is Friday 20.
        assert days[-1] == date(2024, 12, 20)
        charge = fee.month_charge(date(2024, 12, 1), days, absent_days=days[:3])
        assert (charge.amount, charge.reason) == (Money.euros("12.00"), FeeReason.FULL_FEE)
        one_day = fee.month_charge(date(2024, 12, 1), days[-1:])
        assert one_day.amount == Money.euros("12.00")


# « Matin Garderie : 7 H 45 8 H 15 - Midi Cantine : 12 H 00 14 H 00 - Soir Etude : 16 H 30 18 H 00 »
def test_the_hours() -> None:
    hours = {service.code: (service.start, service.end) for service in POLICY.services}
    assert {code: f"{a:%H:%M}-{b:%H:%M}" for code, (a, b) in hours.items()} == {
        "matin": "07:45-08:15",
        "cantine": "12:00-14:00",
        "etude": "16:30-18:00",
    }


def test_what_the_page_does_not_say_is_marked_as_a_default() -> None:
    rules = {rule.topic: rule for rule in POLICY.explain("en")}
    assert rules["regime.cantine.fixed_days.changes"].is_default
    assert not rules["regime.cantine.fixed_days"].is_default
    assert rules["payment"].is_default
    assert not rules["fee.matin.forfait_mensuel"].is_default


def test_the_commune_obeys_the_laws() -> None:
    # The services are priced by regime or by month, never by one unit price: no invoice law.
    check_policy(POLICY, max_examples=10, skip={"an invoice does not depend on booking order"})
