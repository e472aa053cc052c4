"""Deciding a basket: each change as it would be decided alone, late charges counted over the
basket in a canonical order."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from cantine_rules import Child, Family, Money, Service, ServiceKind
from cantine_rules.policies import (
    BaseTimes,
    DecisionStatus,
    FamilyAccount,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    KeepCharging,
    MedicalWaiver,
    MissingPriceError,
    Reason,
)
from cantine_rules.rules.deadlines import service_start
from tests._helpers import paris
from tests.rules._fixtures import (
    ADD,
    ANA_AND_BEN,
    CAL_B,
    CANCEL,
    LATE_AT,
    OFFICE,
    ONLINE,
    SEED_002,
    THURSDAY,
    _add_48_cancel_1,
    change,
    day_at,
    office_rules,
    sick_cancellations,
)


def test_decide_many_is_the_same_as_deciding_each() -> None:
    rng = random.Random(7)
    days = CAL_B.service_days(ServiceKind.MEAL, date(2024, 9, 2), date(2024, 10, 18))
    changes = [
        change(
            rng.choice([ADD, CANCEL]),
            rng.choice(["repas", "soir", "matin"]),
            rng.choice(days),
            paris(2024, 9, 1, 8, 0) + timedelta(hours=rng.randrange(0, 24 * 50)),
            rng.choice([ONLINE, OFFICE]),
            child=rng.choice(["a", "b", "c"]),
        )
        for _ in range(200)
    ]

    def price_of(child: str, service: Service, day: date) -> Money:
        return Money.euros("2.50")

    many = SEED_002.decide_many(changes, price_of=price_of)
    one_by_one = tuple(SEED_002.decide(c, price=Money.euros("2.50")) for c in changes)
    assert many == one_by_one


def _price_of(child: str, service: Service, day: date) -> Money:
    """A price that depends on the child, the service and the day."""
    base = {"a": 300, "b": 400}[child] + {"repas": 0, "soir": 50, "matin": 20}[service.code]
    return Money.from_cents(base + day.day)


def test_a_basket_with_accounts_and_days_without_service_is_decided_change_by_change() -> None:
    account = FamilyAccount(ANA_AND_BEN, True, registrations={("a", "repas"), ("a", "soir")})
    accounts = {"a": account, "b": account}
    at = paris(2024, 9, 18, 9, 0)
    changes = [
        change(ADD, "repas", THURSDAY, at, child="b"),  # Ben is not registered
        change(ADD, "repas", date(2024, 9, 18), at, child="a"),  # a Wednesday: no meal
        change(ADD, "repas", date(2024, 11, 11), at, child="a"),  # Armistice
        change(CANCEL, "soir", THURSDAY, at, OFFICE, child="a"),  # late, billed its price
        change(CANCEL, "repas", THURSDAY, at, OFFICE, child="a"),  # late, billed
        change(ADD, "soir", date(2024, 9, 27), at, child="a"),  # on time
    ]
    basket = SEED_002.decide_many(changes, accounts=accounts, price_of=_price_of)
    one_by_one = tuple(
        SEED_002.decide(
            c,
            account=accounts[c.child_id],
            price=_price_of(c.child_id, SEED_002.service(c.service_code), c.day),
        )
        for c in changes
    )
    assert basket == one_by_one
    assert [d.reason for d in basket] == [
        Reason.CHILD_NOT_REGISTERED,
        Reason.NOT_A_SERVICE_DAY,
        Reason.NOT_A_SERVICE_DAY,
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_STILL_CHARGED,
        Reason.ON_TIME,
    ]
    assert basket[2].detail == "Armistice"
    assert [d.charge for d in basket[3:5]] == [Money.euros("3.69"), Money.euros("3.19")]
    assert all(d.service_start == service_start(d.service, d.change.day) for d in basket)


def test_a_basket_late_change_refused_online_needs_no_price() -> None:
    late = change(ADD, "repas", THURSDAY, LATE_AT)
    (decision,) = SEED_002.decide_many([late])
    assert decision.reason is Reason.TOO_LATE_CONTACT


def test_a_basket_late_change_still_billed_needs_its_price() -> None:
    late = change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE)
    with pytest.raises(MissingPriceError):
        SEED_002.decide_many([late])


def test_late_adds_are_counted_by_the_add_deadline() -> None:
    rules = _add_48_cancel_1()
    # Both adds are late for the 48-hour add deadline, not for the 1-hour cancel deadline: the
    # first uses the one free late add of the month, the second is surcharged.
    days = [date(2024, 9, 19), date(2024, 9, 20)]
    changes = [change(ADD, "repas", day, paris(2024, 9, 18, 13, 0), OFFICE) for day in days]
    decisions = rules.decide_many(changes, price_of=lambda child, service, day: Money.euros("3.00"))
    assert [d.charge for d in decisions] == [Money.euros(3), Money.euros(4)]


def test_free_allowance_counted_across_a_basket_in_canonical_order() -> None:
    rules = office_rules(FreeAllowance(2, BaseTimes(Decimal("1.5"))))
    days = [date(2024, 9, 19), date(2024, 9, 20), date(2024, 9, 23), date(2024, 9, 24)]
    changes = [change(ADD, "repas", day, day_at(day), OFFICE) for day in days]

    def price_of(child: str, service: Service, day: date) -> Money:
        return Money.euros("3.00")

    charges = [d.charge for d in rules.decide_many(changes, price_of=price_of)]
    assert charges == [Money.euros("3.00")] * 2 + [Money.euros("4.50")] * 2
    shuffled = changes[::-1]
    by_day = {d.change.day: d.charge for d in rules.decide_many(shuffled, price_of=price_of)}
    assert [by_day[day] for day in days] == charges


def test_the_free_allowance_is_counted_per_child_and_month_after_on_time_changes() -> None:
    rules = office_rules(FreeAllowance(1, FlatPrice(Money.euros(4))))
    changes = [
        change(ADD, "repas", date(2024, 10, 10), paris(2024, 9, 1, 8, 0), OFFICE),  # on time
        change(ADD, "repas", date(2024, 9, 19), day_at(date(2024, 9, 19)), OFFICE),
        change(ADD, "repas", date(2024, 9, 20), day_at(date(2024, 9, 20)), OFFICE),
        change(ADD, "repas", date(2024, 10, 1), day_at(date(2024, 10, 1)), OFFICE),
        change(ADD, "repas", date(2024, 10, 1), day_at(date(2024, 10, 1)), OFFICE, child="c2"),
    ]
    decisions = rules.decide_many(changes, price_of=lambda c, s, d: Money.euros("3.00"))
    assert [d.charge for d in decisions] == [
        None,
        Money.euros(3),  # the first late add of September: free allowance
        Money.euros(4),  # the second: surcharged
        Money.euros(3),  # October starts a new allowance
        Money.euros(3),  # another child has an allowance of its own
    ]


def test_only_changes_decided_late_use_up_the_free_allowance() -> None:
    # A late change refused because the child is not registered, or made for a day without
    # service, is not a late change the family made: it does not use up the allowance.
    rules = office_rules(FreeAllowance(1, BaseTimes(Decimal("1.5"))))
    family = Family("F1", children=(Child("a", "Ana", date(2016, 1, 1)),))
    account = FamilyAccount(family, True, registrations={("a", "repas")})
    not_registered = FamilyAccount(family, True)
    wednesday = date(2024, 9, 18)
    changes = [
        change(ADD, "repas", wednesday, day_at(wednesday), OFFICE, child="a"),
        change(ADD, "repas", date(2024, 9, 19), day_at(date(2024, 9, 19)), OFFICE, child="b"),
        change(ADD, "repas", date(2024, 9, 20), day_at(date(2024, 9, 20)), OFFICE, child="a"),
    ]
    decisions = rules.decide_many(
        changes,
        accounts={"a": account, "b": not_registered},
        price_of=lambda child, service, day: Money.euros("3.00"),
    )
    assert [d.reason for d in decisions] == [
        Reason.NOT_A_SERVICE_DAY,
        Reason.CHILD_NOT_IN_FAMILY,
        Reason.LATE_SURCHARGE,
    ]
    assert decisions[2].charge == Money.euros("3.00")  # the first late change: normal price


def test_flat_penalty_charged_once_per_family_in_a_basket() -> None:
    rules = office_rules(FlatPenalty(Money.euros(5)))
    family = Family(
        "F1", children=(Child("a", "Ana", date(2016, 1, 1)), Child("b", "Ben", date(2018, 1, 1)))
    )
    account = FamilyAccount(family, True, registrations={("a", "repas"), ("b", "repas")})
    changes = [
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE, child="a"),
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE, child="b"),
    ]
    decisions = rules.decide_many(
        changes,
        accounts={"a": account, "b": account},
        price_of=lambda child, service, day: Money.euros("3.00"),
    )
    assert sorted(d.charge for d in decisions if d.charge) == [Money.euros(3), Money.euros(8)]


def test_the_penalty_goes_to_the_first_late_change_of_each_family() -> None:
    # « a flat penalty per late registration »: the first late change of a family in the batch,
    # by instant, carries it; children with no account are each a family of their own.
    rules = office_rules(FlatPenalty(Money.euros(5)))
    account = FamilyAccount(ANA_AND_BEN, True, registrations={("a", "repas"), ("b", "repas")})
    changes = [
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 10, 0), OFFICE, child="b"),
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 9, 0), OFFICE, child="a"),
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 11, 0), OFFICE, child="x"),
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 11, 0), OFFICE, child="y"),
    ]
    decisions = rules.decide_many(
        changes,
        accounts={"a": account, "b": account},
        price_of=lambda c, s, d: Money.euros("3.00"),
    )
    assert [d.charge for d in decisions] == [
        Money.euros(3),
        Money.euros(8),
        Money.euros(8),
        Money.euros(8),
    ]


def test_two_waiting_days_charge_the_first_two_sick_days() -> None:
    rules = office_rules(FlatPrice(Money.euros(4)), KeepCharging(MedicalWaiver(waiting_days=2)))
    changes = sick_cancellations()
    decisions = rules.decide_many(changes, price_of=lambda c, s, d: Money.euros("3.20"))
    assert [d.reason for d in decisions] == [
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_CHARGE_WAIVED,
    ]
    assert decisions[2].status is DecisionStatus.ACCEPTED_LATE
