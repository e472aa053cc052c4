"""Noyers-sur-Cher: staying past the garderie's closing time, 18:30, costs 6 €.

http://www.noyers-sur-cher.fr/index.php/vie-pratique/garderies/241-garderies
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.pricing.tariffs import MonthlyFlatFee
from cantine_rules.rules.regimes import Occasional
from cantine_rules.testing import check_policy
from tests._helpers import paris
from tests.examples._files import commune

NOYERS = commune("noyers-sur-cher")


@pytest.mark.parametrize(
    ("hour", "minute", "second", "fee"),
    [
        # « De 16h30 à 18h30 »
        (18, 29, 59, None),
        # « Dépassement de l'horaire de fermeture (18h30) : 6,00 € »: at 18:30:00 the closing
        # time is not yet passed; one second later it is.
        (18, 30, 0, None),
        (18, 30, 1, "6.00"),
        (19, 45, 0, "6.00"),
    ],
)
def test_the_fee_around_the_closing_time(
    hour: int, minute: int, second: int, fee: str | None
) -> None:
    result = NOYERS.late_pickup_fee(
        "soir", date(2025, 1, 9), paris(2025, 1, 9, hour, minute, second)
    )
    assert (None if result is None else result.amount) == (
        None if fee is None else Money.euros(fee)
    )


@pytest.mark.parametrize(
    ("day", "hour_utc"),
    [
        # The last Sunday of March and of October 2025: the clocks change at night, and 18:30 on
        # the wall is 16:30 UTC in summer time and 17:30 UTC in winter time.
        (date(2025, 3, 30), 16),
        (date(2025, 10, 26), 17),
    ],
)
def test_the_closing_time_is_read_on_the_wall_clock_on_days_the_clocks_change(
    day: date, hour_utc: int
) -> None:
    from datetime import UTC, datetime

    closing = datetime(day.year, day.month, day.day, hour_utc, 30, tzinfo=UTC)
    assert NOYERS.late_pickup_fee("soir", day, closing) is None
    late = NOYERS.late_pickup_fee("soir", day, closing.replace(second=1))
    assert late is not None
    assert late.amount == Money.euros(6)


def test_the_laws_hold() -> None:
    # The page prices its garderie by term only (left out of the file): nothing to invoice.
    check_policy(NOYERS, max_examples=10, skip=["an invoice does not depend on booking order"])


# Fees by term ---------------------------------------------------------------------------------
# « 1er trimestre (septembre à décembre ) : 50 € ; 2em trimestre (janvier à mars ) : 37 € ;
# 3em trimestre (avril à juillet) : 37 € » and « Journée exceptionnelle : 3,50 € »

SERVICES = ("matin-elementaire", "matin-maternelle", "soir")


def _fees(code: str) -> dict[str, MonthlyFlatFee]:
    regimes = NOYERS.regimes_of(code)
    assert regimes is not None
    return {fee.code: fee for fee in regimes.monthly_fees}


def _due(code: str, day: date, booked: list[date]) -> list[tuple[str, Money]]:
    """The fees due for the term of *day*, with the days booked."""
    charges = [(fee.code, fee.month_charge(day, booked)) for fee in _fees(code).values()]
    return [(name, charge.amount) for name, charge in charges if charge.amount != Money.zero()]


@pytest.mark.parametrize("code", SERVICES)
def test_each_term_is_due_once_at_its_own_amount(code: str) -> None:
    # One evening in September and one in December 2025: the first term, once.
    autumn = [date(2025, 9, 1), date(2025, 12, 19)]
    assert _due(code, date(2025, 10, 15), autumn) == [("trimestre_1", Money.euros("50.00"))]
    assert _due(code, date(2026, 2, 2), [date(2026, 2, 2)]) == [
        ("trimestre_2", Money.euros("37.00"))
    ]
    assert _due(code, date(2026, 5, 4), [date(2026, 7, 3)]) == [
        ("trimestre_3", Money.euros("37.00"))
    ]


@pytest.mark.parametrize(
    ("booked", "term"),
    [
        # The last day of each term and the first of the next, on both sides.
        (date(2025, 12, 31), "trimestre_1"),
        (date(2026, 1, 1), "trimestre_2"),
        (date(2026, 3, 31), "trimestre_2"),
        (date(2026, 4, 1), "trimestre_3"),
        (date(2026, 7, 31), "trimestre_3"),
    ],
)
def test_the_terms_meet_at_the_months_the_page_gives(booked: date, term: str) -> None:
    due = [code for code, _ in _due("soir", booked, [booked])]
    assert due == [term]


def test_a_term_without_a_booked_day_costs_nothing_and_august_is_in_no_term() -> None:
    first = _fees("soir")["trimestre_1"]
    assert first.month_charge(date(2025, 9, 1), []).reason.value == "no_booked_day"
    reasons = {
        fee.month_charge(date(2026, 8, 3), []).reason.value for fee in _fees("soir").values()
    }
    assert reasons == {"not_covered"}


def test_the_autumn_term_of_one_school_year_is_not_the_next_one_s() -> None:
    first = _fees("soir")["trimestre_1"]
    assert first.period_of(date(2025, 12, 1)) == (date(2025, 9, 1), date(2025, 12, 31))
    assert first.period_of(date(2026, 9, 1)) == (date(2026, 9, 1), date(2026, 12, 31))
    # A day booked in the autumn of 2025 does not count for the autumn of 2026.
    assert first.month_charge(date(2026, 9, 1), [date(2025, 9, 1)]).amount == Money.zero()


@pytest.mark.parametrize("code", SERVICES)
def test_an_exceptional_day_costs_3_50(code: str) -> None:
    regimes = NOYERS.regimes_of(code)
    assert regimes is not None
    [occasional] = [offer for offer in regimes.offers if isinstance(offer, Occasional)]
    assert occasional.unit_price == Money.euros("3.50")


def test_the_terms_are_explained_in_french_and_english() -> None:
    french = {rule.topic: rule.text for rule in NOYERS.explain("fr")}
    english = {rule.topic: rule.text for rule in NOYERS.explain("en")}
    assert "50,00\xa0€ pour le trimestre septembre–décembre" in french["fee.soir.trimestre_1"]
    assert "€37.00 for the term April–July" in english["fee.soir.trimestre_3"]
