"""Past the deadline: what each surcharge model bills, waivers, and changes accepted free of
charge."""

from __future__ import annotations

from decimal import Decimal

from cantine_rules import Money
from cantine_rules.policies import (
    AcceptLate,
    BasePlus,
    BaseTimes,
    DecisionStatus,
    FlatPrice,
    FreeAllowance,
    KeepCharging,
    LateContext,
    MedicalWaiver,
    Reason,
)
from tests.rules._fixtures import (
    ADD,
    CANCEL,
    LATE_AT,
    OFFICE,
    THURSDAY,
    change,
    office_rules,
    sick_cancellations,
)


def test_plus_fifty_percent_rounds_once_half_up() -> None:
    rules = office_rules(BaseTimes(Decimal("1.5")))
    decision = rules.decide(
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE), price=Money.euros("2.35")
    )
    assert decision.charge == Money.euros("3.53")


def test_free_allowance_then_surcharge() -> None:
    rules = office_rules(FreeAllowance(2, BaseTimes(Decimal("1.5"))))
    price = Money.euros("3.00")
    first = rules.decide(change(ADD, "repas", THURSDAY, LATE_AT, OFFICE), price=price)
    third = rules.decide(
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE),
        price=price,
        context=LateContext(prior_late_in_month=2),
    )
    assert first.charge == price
    assert third.charge == Money.euros("4.50")


def test_medical_certificate_waives_a_late_cancellation_after_the_waiting_day() -> None:
    rules = office_rules(FlatPrice(Money.euros(4)), KeepCharging(MedicalWaiver(waiting_days=1)))
    changes = sick_cancellations()
    decisions = rules.decide_many(changes, price_of=lambda c, s, d: Money.euros("3.20"))
    # « jour de carence »: the first sick day is still charged, the next ones are not — the
    # weekend between Friday and Monday does not break the absence.
    assert [d.reason for d in decisions] == [
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_CHARGE_WAIVED,
        Reason.LATE_CHARGE_WAIVED,
    ]
    assert [d.charge for d in decisions] == [Money.euros("3.20"), Money.zero(), Money.zero()]
    assert "certificat médical" in decisions[1].explain()
    unjustified = rules.decide(
        change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE), price=Money.euros("3.20")
    )
    assert unjustified.charge == Money.euros("3.20")


def test_accept_late_without_charge() -> None:
    rules = office_rules(FlatPrice(Money.euros(4)), AcceptLate())
    decision = rules.decide(change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE))
    assert decision.status is DecisionStatus.ACCEPTED_LATE
    assert decision.reason is Reason.LATE_ACCEPTED
    assert decision.charge is None
    assert "sans frais" in decision.explain()


def test_surcharge_words() -> None:
    assert BasePlus(Money.euros(3)).describe() == "tarif normal + 3,00\u00a0€"
    assert BasePlus(Money.zero()).describe("en") == "normal price"
    assert BaseTimes(Decimal("1.5")).describe() == "tarif normal + 50 %"
    assert FlatPrice(Money.euros(4)).describe("en") == "surcharged price €4.00"
