"""Pay-at-booking basket (« Paiement immédiat », seed 001)."""

from __future__ import annotations

from datetime import date, time

import pytest

from cantine_rules import (
    Booking,
    Child,
    InvalidTypeError,
    InvalidValueError,
    Money,
    NegativeAmountError,
    RequestState,
    Service,
    ServiceKind,
)
from cantine_rules.errors import UnknownCodeError
from cantine_rules.pricing.accounts import (
    Basket,
    BasketLine,
    Payment,
    PaymentMismatchError,
    PaymentMode,
    flat_pricer,
)

EUR = Money.euros
LOUISE = Child("louise", "Louise", date(2011, 3, 14))
CANTINE = Service(
    "cantine",
    "Cantine pour les Maternelles et les Élémentaires - Cantine",
    ServiceKind.MEAL,
    time(11, 30),
    time(13, 30),
)
UNIT = flat_pricer(EUR("3.60"), "à l'unité")
SEED_DAYS = [date(2016, 9, 1), date(2016, 9, 2), date(2016, 9, 5), date(2016, 9, 6)]


def _seed_basket(outstanding: Money | None = None) -> Basket:
    basket = Basket() if outstanding is None else Basket(outstanding=outstanding)
    # Added out of order on purpose: the recap lists lines by date.
    for day in reversed(SEED_DAYS):
        basket = basket.add(LOUISE, CANTINE, day, UNIT)
    return basket


def test_seed_001_four_meals_at_3_60_make_14_40_to_pay() -> None:
    # Seed 001: « 01/09/2016 Louise - Cantine pour les Maternelles et les Élémentaires - Cantine
    # à l'unité 3.60€ » (and 02/09, 05/09, 06/09), then « A payer : 14.40€ ».
    basket = _seed_basket()
    assert [line.day for line in basket.lines] == SEED_DAYS
    line = basket.lines[0]
    assert (line.element, line.tariff_name, line.cost) == (
        "Louise - Cantine pour les Maternelles et les Élémentaires - Cantine",
        "à l'unité",
        EUR("3.60"),
    )
    assert basket.subtotal == EUR("14.40")
    assert basket.outstanding == EUR("0")  # « Vous avez un restant dû de 0.00€ »
    assert basket.to_pay == EUR("14.40")
    assert basket.to_pay.format("fr_FR") == "14,40\xa0€"


def test_seed_001_the_restant_du_is_added_to_the_next_payment() -> None:
    # Seed 001: « Vous avez un restant dû de 0.00€ à régulariser lors de votre prochaine
    # réservation ».
    basket = _seed_basket(outstanding=EUR("3.80"))
    assert basket.to_pay == EUR("18.20")
    receipt = basket.pay(Payment.euros(PaymentMode.PAYFIP, EUR("18.20"), "20181231x207x8573"))
    assert receipt.outstanding == EUR("0")
    assert receipt.paid == EUR("18.20")


def test_seed_001_bookings_count_only_once_paid() -> None:
    # Seed 001: « Cliquez sur « Payer » (si vous ne faites pas cette manipulation vos
    # réservations ne seront pas prises en compte) ».
    basket = _seed_basket()
    assert not hasattr(basket, "bookings")
    receipt = basket.pay(Payment.euros(PaymentMode.CARD, EUR("14.40")))
    assert receipt.bookings == tuple(
        Booking("louise", "cantine", day, RequestState.VALIDATED) for day in SEED_DAYS
    )
    assert all(booking.state.books_the_day for booking in receipt.bookings)
    assert receipt.lines == basket.lines


def test_a_payment_that_does_not_match_books_nothing() -> None:
    basket = _seed_basket()
    with pytest.raises(PaymentMismatchError) as short:
        basket.pay(Payment.euros(PaymentMode.CARD, EUR("14.39")))
    assert short.value.field == "payment.amount"
    assert "14.40" in str(short.value)
    with pytest.raises(PaymentMismatchError):
        basket.pay(Payment.euros(PaymentMode.CARD, EUR("20")))
    with pytest.raises(PaymentMismatchError):
        Basket().pay(Payment.euros(PaymentMode.CARD, EUR("1")))
    with pytest.raises(InvalidTypeError):
        basket.pay(EUR("14.40"))  # type: ignore[arg-type]


def test_seed_001_paper_tickets_pay_one_ticket_per_line() -> None:
    # Seed 001: « les personnes qui auraient encore en leur possession des tickets cantine, il vous
    # faudra vous présenter en mairie pour faire les réservations et payer avec ce mode paiement là
    # jusqu'à écoulement de ceux-ci ».
    basket = _seed_basket(outstanding=EUR("1.20"))
    receipt = basket.pay(Payment.in_tickets(4))
    assert len(receipt.bookings) == 4
    assert receipt.paid == EUR("0")
    assert receipt.outstanding == EUR("1.20")  # euros are not paid in tickets
    with pytest.raises(PaymentMismatchError) as caught:
        basket.pay(Payment.in_tickets(3))
    assert caught.value.field == "payment.tickets"


def test_tout_supprimer_and_remove() -> None:
    basket = _seed_basket(outstanding=EUR("2"))
    assert basket.clear().lines == ()
    assert basket.clear().to_pay == EUR("2")
    fewer = basket.remove("louise", "cantine", date(2016, 9, 2))
    assert [line.day for line in fewer.lines] == [SEED_DAYS[0], *SEED_DAYS[2:]]
    assert fewer.to_pay == EUR("12.80")
    with pytest.raises(UnknownCodeError) as caught:
        basket.remove("louise", "cantine", date(2016, 9, 3))
    assert caught.value.field == "line"


def test_bad_basket_input() -> None:
    basket = _seed_basket()
    with pytest.raises(InvalidValueError) as twice:
        basket.add(LOUISE, CANTINE, SEED_DAYS[0], UNIT)
    assert twice.value.field == "lines"
    with pytest.raises(NegativeAmountError) as owed:
        Basket(outstanding=EUR("-1"))
    assert owed.value.field == "outstanding"
    with pytest.raises(InvalidTypeError) as child:
        basket.add("louise", CANTINE, SEED_DAYS[0], UNIT)  # type: ignore[arg-type]
    assert child.value.field == "child"
    with pytest.raises(InvalidTypeError) as day:
        basket.add(LOUISE, CANTINE, "2016-09-07", UNIT)  # type: ignore[arg-type]
    assert day.value.field == "day"
    with pytest.raises(InvalidTypeError) as stray:
        Basket(("x",))  # type: ignore[arg-type]
    assert stray.value.field == "lines[0]"
    with pytest.raises(NegativeAmountError):
        BasketLine(SEED_DAYS[0], "louise", "cantine", "Louise", "à l'unité", EUR("-3.60"))


def test_an_element_label_can_be_given() -> None:
    basket = Basket().add(LOUISE, CANTINE, SEED_DAYS[0], UNIT, element="Louise - Cantine")
    assert basket.lines[0].element == "Louise - Cantine"
