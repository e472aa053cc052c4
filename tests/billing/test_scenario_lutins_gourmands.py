"""Seed 001, « Les Lutins Gourmands », replayed end to end: the basket paid at booking.

The seed's own days (1, 2, 5 and 6 September 2016), the basket's « A payer », the restant dû,
bookings that count only once paid, and paper tickets at the mairie. Each test quotes the seed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

from cantine_rules import Money
from cantine_rules.billing import bill
from cantine_rules.errors import PolicyError
from cantine_rules.plain import PaymentSpec, Scenario, load_scenario
from cantine_rules.pricing.accounts import EntryType

SCENARIO = Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "lutins-gourmands.toml"
SEED_DAYS = (date(2016, 9, 1), date(2016, 9, 2), date(2016, 9, 5), date(2016, 9, 6))
PAID_ON = date(2016, 9, 1)


def example(**changes: object) -> Scenario:
    return attrs.evolve(load_scenario(SCENARIO), **changes)  # type: ignore[arg-type]


def tickets(count: int) -> PaymentSpec:
    return PaymentSpec(PAID_ON, Money.zero(), "tickets", "MAIRIE-1", tickets=count)


def euros(amount: str, reference: str = "20181231x207x8573") -> PaymentSpec:
    return PaymentSpec(PAID_ON, Money.euros(amount), "payfip", reference)


def test_the_recap_lists_date_element_tarification_and_cost() -> None:
    # « Récapitulatif de votre saisie … Date Elément Tarification Coût »,
    # « 01/09/2016 Louise - … - Cantine à l'unité 3.60€ » and the three days after it.
    basket = bill(example()).basket
    assert basket is not None
    assert [(line.day, line.tariff_name, line.cost) for line in basket.lines] == [
        (day, "à l'unité", Money.euros("3.60")) for day in SEED_DAYS
    ]
    assert all(line.element.startswith("Louise - ") for line in basket.lines)


def test_a_payer_is_14_40_and_paying_it_leaves_nothing_owed() -> None:
    # « A payer : 14.40€ »; « Restant dû : 0.00€ » once paid by card on PayFiP.
    result = bill(example())
    basket = result.basket
    assert basket is not None
    assert (basket.to_pay, basket.paid, basket.outstanding) == (
        Money.euros("14.40"),
        True,
        Money.zero(),
    )
    assert len(result.bookings) == 4
    assert result.statement.balance == Money.zero()


def test_unpaid_bookings_do_not_count() -> None:
    # « Cliquez sur « Payer » (si vous ne faites pas cette manipulation vos réservations ne
    # seront pas prises en compte) »: nothing booked, nothing owed, « A payer » still 14,40 €.
    result = bill(example(payments=()))
    basket = result.basket
    assert basket is not None
    assert (basket.to_pay, basket.paid, basket.outstanding) == (
        Money.euros("14.40"),
        False,
        Money.zero(),
    )
    assert result.bookings == ()
    assert result.statement.balance == Money.zero()
    assert result.statement.rows == ()


def test_the_restant_du_is_added_to_the_next_payment() -> None:
    # « Vous avez un restant dû de … à régulariser lors de votre prochaine réservation »: owed
    # 2,00 € before, « A payer » is 16,40 €, and paying it leaves nothing owed.
    result = bill(example(opening_balance=Money.euros("-2.00"), payments=(euros("16.40"),)))
    basket = result.basket
    assert basket is not None
    assert (basket.to_pay, basket.outstanding) == (Money.euros("16.40"), Money.zero())
    assert result.statement.balance == Money.zero()
    rows = [(row.type, row.debit, row.credit) for row in result.statement.rows]
    assert rows == [
        (EntryType.ADJUSTMENT, Money.euros("2.00"), Money.zero()),
        (EntryType.PAYMENT, Money.zero(), Money.euros("16.40")),
        (EntryType.CONSUMPTION, Money.euros("14.40"), Money.zero()),
    ]


def test_an_unpaid_basket_keeps_the_restant_du_owed() -> None:
    # The restant dû stays « à régulariser lors de votre prochaine réservation ».
    result = bill(example(opening_balance=Money.euros("-2.00"), payments=()))
    basket = result.basket
    assert basket is not None
    assert (basket.to_pay, basket.paid, basket.outstanding) == (
        Money.euros("16.40"),
        False,
        Money.euros("2.00"),
    )
    assert result.statement.balance == Money.euros("-2.00")


def test_a_payment_that_is_not_a_payer_is_reported_at_its_path() -> None:
    # « A payer : 14.40€ »: PayFiP takes exactly what the basket says.
    with pytest.raises(PolicyError) as caught:
        bill(example(opening_balance=Money.euros("-2.00")))
    [problem] = caught.value.problems
    assert problem.path == "payments[0].amount"
    assert "16.40" in problem.message


def test_paper_tickets_pay_the_basket_one_a_line() -> None:
    # « les personnes qui auraient encore en leur possession des tickets cantine, il vous faudra
    # vous présenter en mairie pour faire les réservations et payer avec ce mode paiement là »:
    # four tickets book the four meals; no euro moves.
    result = bill(example(payments=(tickets(4),)))
    basket = result.basket
    assert basket is not None
    assert (basket.paid, basket.outstanding) == (True, Money.zero())
    assert len(result.bookings) == 4
    assert result.statement.rows == ()


def test_tickets_leave_the_restant_du_owed_unless_euros_pay_it() -> None:
    # Tickets count meals, not euros: the restant dû stays « à régulariser ».
    owed = Money.euros("-2.00")
    only_tickets = bill(example(opening_balance=owed, payments=(tickets(4),))).basket
    assert only_tickets is not None
    assert (only_tickets.paid, only_tickets.outstanding) == (True, Money.euros("2.00"))
    both = bill(example(opening_balance=owed, payments=(tickets(4), euros("2.00"))))
    assert both.basket is not None
    assert both.basket.outstanding == Money.zero()
    assert both.statement.balance == Money.zero()


def test_too_few_tickets_are_reported_at_their_path() -> None:
    # « payer avec ce mode paiement là »: one ticket a meal, so three tickets cannot pay four.
    with pytest.raises(PolicyError) as caught:
        bill(example(payments=(tickets(3),)))
    [problem] = caught.value.problems
    assert problem.path == "payments[0].tickets"
    assert "4" in problem.message
