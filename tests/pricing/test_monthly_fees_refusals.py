"""Monthly flat fees: every refusal read whole, with the field that names the value."""

from __future__ import annotations

from datetime import date, datetime

from cantine_rules import Money
from cantine_rules.pricing.tariffs import ChildrenAmount, MonthlyFlatFee
from cantine_rules.sources import Source
from tests._helpers import refusal

EUR = Money.euros
SRC = Source.example("« CARTE MENSUELLE Famille avec 1 enfant : 59.00€ »")


def _card(**fields: object) -> MonthlyFlatFee:
    return MonthlyFlatFee("carte", "Carte mensuelle", EUR("59.00"), SRC, **fields)  # type: ignore[arg-type]


def test_children_amounts_are_refused_whole() -> None:
    assert refusal(lambda: ChildrenAmount(1, EUR("57"))) == (
        "InvalidValueError",
        "children",
        1,
        "children: must be 2 or more (the fee's amount is for one child) (got 1)",
    )
    assert refusal(lambda: ChildrenAmount(True, EUR("57"))) == (
        "InvalidTypeError",
        "children",
        True,
        "children: must be a whole number of children (got True of type bool)",
    )
    for value in ("x", 5):
        assert refusal(lambda value=value: _card(by_children=value)) == (  # type: ignore[misc]
            "InvalidTypeError",
            "by_children",
            value,
            f"by_children: must be ChildrenAmount values (got {value!r} of type "
            f"{type(value).__name__})",
        )
    assert refusal(lambda: _card(by_children=["x"])) == (
        "InvalidTypeError",
        "by_children[0]",
        "x",
        "by_children[0]: must be a ChildrenAmount (got 'x' of type str)",
    )
    assert refusal(
        lambda: _card(by_children=[ChildrenAmount(3, EUR("50")), ChildrenAmount(3, EUR("40"))])
    ) == (
        "InvalidValueError",
        "by_children[1].children",
        3,
        "by_children[1].children: must be more than the threshold before it (3) (got 3)",
    )


def test_a_refund_above_any_of_the_fee_s_amounts_names_that_amount() -> None:
    assert refusal(lambda: _card(refund_per_absent_day=EUR("59.01"))) == (
        "InvalidValueError",
        "refund_per_absent_day",
        EUR("59.01"),
        "refund_per_absent_day: a refund per absent day may not exceed the fee (amount is "
        "59.00 EUR) (got Money.euros('59.01'))",
    )
    assert _card(refund_per_absent_day=EUR("59.00")).refund_per_absent_day == EUR("59.00")
    assert refusal(
        lambda: _card(by_children=[ChildrenAmount(2, EUR("5"))], refund_per_absent_day=EUR("6"))
    )[3] == (
        "refund_per_absent_day: a refund per absent day may not exceed the fee "
        "(by_children[0].amount is 5.00 EUR) (got Money.euros('6.00'))"
    )
    assert refusal(lambda: _card(refund_per_absent_day=3))[:3] == (
        "InvalidTypeError",
        "refund_per_absent_day",
        3,
    )


def test_term_months_are_refused_whole() -> None:
    assert refusal(lambda: _card(term_months="9")) == (
        "InvalidTypeError",
        "term_months",
        "9",
        "term_months: must be months, such as [9, 10, 11, 12] (got '9' of type str)",
    )
    assert refusal(lambda: _card(term_months=["9"])) == (
        "InvalidTypeError",
        "term_months[0]",
        "9",
        "term_months[0]: must be an int (got '9' of type str)",
    )
    assert refusal(lambda: _card(term_months=[12, 13])) == (
        "InvalidValueError",
        "term_months[1]",
        13,
        "term_months[1]: must be from 1 to 12 (got 13)",
    )
    assert refusal(lambda: _card(term_months=[9, 11])) == (
        "InvalidValueError",
        "term_months",
        [9, 11],
        "term_months: must be following months in the school year's order (September to "
        "August) (got [9, 11])",
    )


def test_a_month_charge_names_the_argument_it_refuses() -> None:
    card = _card()
    assert refusal(lambda: card.amount_for(0)) == (
        "InvalidValueError",
        "children",
        0,
        "children: must be at least 1 (got 0)",
    )
    assert refusal(lambda: card.amount_for("1")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "children",
        "1",
        "children: must be a whole number (got '1' of type str)",
    )
    assert refusal(lambda: card.month_charge(datetime(2025, 1, 1), [])) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "month",
        datetime(2025, 1, 1),
        "month: must be a datetime.date (got 2025-01-01T00:00:00 of type datetime)",
    )
    january = date(2025, 1, 1)
    assert refusal(lambda: card.month_charge(january, ["x"]))[:3] == (  # type: ignore[list-item]
        "InvalidTypeError",
        "booked_days",
        "x",
    )
    assert refusal(lambda: card.month_charge(january, [], absent_days=["x"]))[:3] == (  # type: ignore[list-item]
        "InvalidTypeError",
        "absent_days",
        "x",
    )
    # The first stray day is named: 3 January, before 4 January.
    booked, absent = [date(2025, 1, 2)], [date(2025, 1, 4), date(2025, 1, 2), date(2025, 1, 3)]
    assert refusal(lambda: card.month_charge(january, booked, absent_days=absent)) == (
        "InvalidValueError",
        "absent_days",
        date(2025, 1, 3),
        "absent_days: an absent day must be a booked day (got 2025-01-03)",
    )
