"""Baskets, payments and unit prices: every refusal read whole, and the edges of their rules."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from cantine_rules import Booking, Child, Money, RequestState, Service, ServiceKind
from cantine_rules.pricing.accounts import (
    Basket,
    BasketLine,
    BasketReceipt,
    Payment,
    PaymentMode,
    PricedUnit,
    flat_pricer,
)
from tests._helpers import refusal

EUR = Money.euros
LOUISE = Child("louise", "Louise", date(2011, 3, 14))
HUGO = Child("hugo", "Hugo", date(2013, 6, 2))
CANTINE = Service("cantine", "Cantine", ServiceKind.MEAL, time(11, 30), time(13, 30))
GARDERIE = Service("garderie", "Garderie", ServiceKind.EVENING_CARE, time(16, 30), time(18, 0))
UNIT = flat_pricer(EUR("3.60"), "à l'unité")
DAY = date(2016, 9, 1)


def _two_meals() -> Basket:
    return Basket().add(LOUISE, CANTINE, DAY, UNIT).add(LOUISE, CANTINE, date(2016, 9, 2), UNIT)


# Basket ---------------------------------------------------------------------------------------


def test_basket_lines_are_kept_by_day_then_child_then_service() -> None:
    basket = (
        Basket()
        .add(LOUISE, GARDERIE, DAY, UNIT)
        .add(LOUISE, CANTINE, date(2016, 9, 2), UNIT)
        .add(LOUISE, CANTINE, DAY, UNIT)
        .add(HUGO, GARDERIE, DAY, UNIT)
    )
    assert [line.key for line in basket.lines] == [
        (DAY, "hugo", "garderie"),
        (DAY, "louise", "cantine"),
        (DAY, "louise", "garderie"),
        (date(2016, 9, 2), "louise", "cantine"),
    ]
    assert [line.element for line in basket.lines] == [
        "Hugo - Garderie",
        "Louise - Cantine",
        "Louise - Garderie",
        "Louise - Cantine",
    ]


def test_the_same_child_twice_on_one_day_is_refused_whole() -> None:
    assert refusal(lambda: _two_meals().add(LOUISE, CANTINE, DAY, UNIT)) == (
        "InvalidValueError",
        "lines",
        (DAY, "louise", "cantine"),
        "lines: the same child, service and day twice (got (datetime.date(2016, 9, 1), "
        "'louise', 'cantine'))",
    )


def test_adding_to_a_basket_refuses_what_is_not_a_child_a_service_a_day_or_a_price() -> None:
    basket = _two_meals()
    assert refusal(lambda: basket.add("l", CANTINE, DAY, UNIT)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "child",
        "l",
        "child: must be a Child (got 'l' of type str)",
    )
    assert refusal(lambda: basket.add(LOUISE, "c", DAY, UNIT)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "service",
        "c",
        "service: must be a Service (got 'c' of type str)",
    )
    assert refusal(lambda: basket.add(LOUISE, CANTINE, datetime(2016, 9, 3), UNIT)) == (
        "InvalidTypeError",
        "day",
        datetime(2016, 9, 3),
        "day: must be a datetime.date (got 2016-09-03T00:00:00 of type datetime)",
    )
    assert refusal(lambda: basket.add(LOUISE, CANTINE, date(2016, 9, 5), lambda *_: 3)) == (  # type: ignore[arg-type,return-value]
        "InvalidTypeError",
        "pricer",
        3,
        "pricer: must return a PricedUnit (got 3 of type int)",
    )


def test_removing_a_line_the_basket_does_not_hold_lists_the_lines() -> None:
    assert refusal(lambda: _two_meals().remove("louise", "cantine", date(2016, 9, 5))) == (
        "UnknownCodeError",
        "line",
        "louise/cantine/2016-09-05",
        "line: unknown 'louise/cantine/2016-09-05'; known: louise/cantine/2016-09-01, "
        "louise/cantine/2016-09-02",
    )


def test_removing_needs_the_child_the_service_and_the_day_to_match() -> None:
    basket = Basket().add(LOUISE, CANTINE, DAY, UNIT).add(HUGO, GARDERIE, DAY, UNIT)
    assert [line.key for line in basket.remove("louise", "cantine", DAY).lines] == [
        (DAY, "hugo", "garderie")
    ]
    assert refusal(lambda: basket.remove("louise", "garderie", DAY))[:3] == (
        "UnknownCodeError",
        "line",
        "louise/garderie/2016-09-01",
    )


def test_paying_refuses_the_wrong_count_of_tickets_or_amount_whole() -> None:
    basket = _two_meals()
    assert refusal(lambda: basket.pay(3)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "payment",
        3,
        "payment: must be a Payment (got 3 of type int)",
    )
    assert refusal(lambda: basket.pay(Payment.in_tickets(3))) == (
        "PaymentMismatchError",
        "payment.tickets",
        3,
        "payment.tickets: one ticket per line: this basket takes 2 (got 3)",
    )
    assert refusal(lambda: basket.pay(Payment.euros("card", EUR("1")))) == (
        "PaymentMismatchError",
        "payment.amount",
        EUR("1"),
        "payment.amount: the basket's « A payer » is 7.20 EUR (got Money.euros('1.00'))",
    )


def test_a_receipt_keeps_the_payment_and_its_bookings() -> None:
    payment = Payment.euros(PaymentMode.CARD, EUR("7.20"), "ref-1")
    receipt = _two_meals().pay(payment)
    assert receipt.payment == payment
    assert receipt.bookings == (
        Booking("louise", "cantine", DAY, RequestState.VALIDATED),
        Booking("louise", "cantine", date(2016, 9, 2), RequestState.VALIDATED),
    )


def test_basket_values_refuse_what_they_cannot_hold() -> None:
    assert refusal(lambda: Basket(("x",))) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "lines[0]",
        "x",
        "lines[0]: must be a BasketLine (got 'x' of type str)",
    )
    line = BasketLine(DAY, "louise", "cantine", "Louise - Cantine", "à l'unité", EUR("3.60"))
    assert refusal(lambda: Basket((line, "x")))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "lines[1]",
        "x",
    )
    assert refusal(lambda: Basket(outstanding=EUR("-1")))[:3] == (
        "NegativeAmountError",
        "outstanding",
        EUR("-1"),
    )
    for bookings in (("x",), ["x"]):
        assert refusal(
            lambda bookings=bookings: BasketReceipt((), bookings, Payment.in_tickets(1), EUR("0"))  # type: ignore[misc]
        ) == (
            "InvalidTypeError",
            "bookings",
            bookings,
            f"bookings: must be a tuple of Booking (got {bookings!r} of type "
            f"{type(bookings).__name__})",
        )
    assert refusal(lambda: BasketReceipt((), (), Payment.in_tickets(1), EUR("-1")))[:2] == (
        "NegativeAmountError",
        "outstanding",
    )


@pytest.mark.parametrize(
    ("index", "field"),
    [(0, "day"), (1, "child_id"), (2, "service_code"), (3, "element"), (4, "tariff_name")],
)
def test_a_basket_line_names_the_field_it_refuses(index: int, field: str) -> None:
    values: list[object] = [DAY, "louise", "cantine", "Louise - Cantine", "à l'unité"]
    values[index] = "2016" if index == 0 else ""
    assert refusal(lambda: BasketLine(*values, EUR("3.60")))[:3] == (  # type: ignore[arg-type,call-arg]
        "InvalidTypeError" if index == 0 else "EmptyIdentifierError",
        field,
        values[index],
    )
    assert refusal(lambda: BasketLine(DAY, "l", "c", "e", "t", EUR("-1")))[1] == "cost"


# Payment --------------------------------------------------------------------------------------


def test_payment_refusals_read_whole() -> None:
    assert refusal(lambda: Payment.euros("card", EUR("-1"))) == (
        "NegativeAmountError",
        "amount",
        EUR("-1"),
        "amount: must not be negative (got Money.euros('-1.00'))",
    )
    assert refusal(lambda: Payment.euros("card", Money.zero())) == (
        "ZeroAmountError",
        "amount",
        Money.zero(),
        "amount: must be more than 0,00 € (got Money.euros('0.00'))",
    )
    assert refusal(lambda: Payment("tickets", "3", 1)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "amount",
        "3",
        "amount: must be Money (for example Money.euros('3.60')) (got '3' of type str)",
    )
    assert refusal(lambda: Payment("tickets", EUR("3"), 1)) == (
        "InvalidValueError",
        "amount",
        EUR("3"),
        "amount: must be 0,00 € for a payment in tickets (got Money.euros('3.00'))",
    )
    assert refusal(lambda: Payment("card", EUR("3"), 2)) == (
        "InvalidValueError",
        "tickets",
        2,
        "tickets: must be 0 for a payment by card (got 2)",
    )
    assert refusal(lambda: Payment("x", EUR("3"))) == (
        "UnknownPaymentModeError",
        "mode",
        "x",
        "mode: unknown 'x'; known: card, cash, cheque, direct_debit, payfip, tickets, transfer",
    )
    assert refusal(lambda: PaymentMode.parse("x", field="f"))[:3] == (
        "UnknownPaymentModeError",
        "f",
        "x",
    )
    assert refusal(lambda: Payment("card", EUR("3"), reference=3))[1] == "reference"  # type: ignore[arg-type]


def test_a_payment_keeps_its_reference() -> None:
    assert Payment.euros("payfip", EUR("3.80"), "20181231x207x8573").reference == (
        "20181231x207x8573"
    )
    assert Payment.in_tickets(2, "carnet 12").reference == "carnet 12"
    assert Payment.euros("card", EUR("1")).tickets == 0


# Unit prices ----------------------------------------------------------------------------------


def test_priced_unit_refusals_read_whole() -> None:
    assert refusal(
        lambda: PricedUnit(EUR("1"), "x", valid_from=date(2024, 9, 2), valid_until=date(2024, 9, 1))
    ) == (
        "InvalidValueError",
        "valid_until",
        date(2024, 9, 1),
        "valid_until: must not be before valid_from 2024-09-02 (got 2024-09-01)",
    )
    assert refusal(lambda: PricedUnit(EUR("1"), "x", valid_until="2024")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "valid_until",
        "2024",
        "valid_until: must be a datetime.date (got '2024' of type str)",
    )
    assert refusal(lambda: PricedUnit(EUR("1"), "x", valid_from="2024"))[:2] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "valid_from",
    )
    assert refusal(lambda: PricedUnit(EUR("1"), ""))[:2] == ("EmptyIdentifierError", "tariff_name")
    assert refusal(lambda: PricedUnit(EUR("-1"), "x"))[:2] == ("NegativeAmountError", "unit_price")


def test_a_priced_unit_holds_on_its_first_and_last_day_and_may_be_open_at_either_end() -> None:
    one_day = PricedUnit(EUR("1"), "T1", valid_from=DAY, valid_until=DAY)
    assert one_day.holds_on(DAY)
    assert not one_day.holds_on(date(2016, 8, 31))
    assert not one_day.holds_on(date(2016, 9, 2))
    until = PricedUnit(EUR("1"), "T1", valid_until=DAY)
    assert until.is_versioned
    assert until.holds_on(date(2000, 1, 1))
    assert not until.holds_on(date(2016, 9, 2))
    since = PricedUnit(EUR("1"), "T1", valid_from=DAY)
    assert since.is_versioned
    assert since.holds_on(date(2100, 1, 1))
    assert PricedUnit(EUR("1"), "T1").holds_on(date(2000, 1, 1))


def test_flat_pricer_holds_for_every_day_with_its_name_and_price() -> None:
    assert flat_pricer(EUR("3.60"), "à l'unité")("c1", "repas", DAY) == PricedUnit(
        EUR("3.60"), "à l'unité", valid_from=date.min, valid_until=date.max
    )


def test_a_basket_asks_the_pricer_for_the_child_the_service_and_the_day() -> None:
    asked: list[tuple[str, str, date]] = []

    def by_child(child_id: str, service_code: str, day: date) -> PricedUnit:
        asked.append((child_id, service_code, day))
        return PricedUnit(EUR("1.80") if child_id == "hugo" else EUR("3.60"), "tarif")

    basket = Basket().add(HUGO, CANTINE, DAY, by_child).add(LOUISE, CANTINE, DAY, by_child)
    assert [line.cost for line in basket.lines] == [EUR("1.80"), EUR("3.60")]
    assert asked == [("hugo", "cantine", DAY), ("louise", "cantine", DAY)]


def test_a_day_that_is_not_a_date_is_refused_before_the_pricer_is_asked() -> None:
    asked: list[object] = []

    def pricer(child_id: str, service_code: str, day: date) -> PricedUnit:
        asked.append(day)
        return PricedUnit(EUR("3.60"), "à l'unité")

    for day in (datetime(2016, 9, 3, 12, 0), "2016-09-03"):
        assert refusal(lambda day=day: Basket().add(LOUISE, CANTINE, day, pricer))[:3] == (  # type: ignore[misc]
            "InvalidTypeError",
            "day",
            day,
        )
    assert asked == []
