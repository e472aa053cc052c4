"""Tariffs with columns and direct-debit terms: their edges and their refusals, read whole."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import Money
from cantine_rules.pricing.accounts import DirectDebitTerms
from cantine_rules.pricing.tariffs import (
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    CountColumn,
    PricingContext,
    Source,
    UnitPrice,
)
from tests._helpers import refusal

SRC = Source.example("a price table")


def _unit(amount: str) -> UnitPrice:
    return UnitPrice(Money.euros(amount), SRC)


# « Tarif » from the 1st child, a « 3ème enfant » column, and a 5th-child column.
BY_RANK = BySiblingRank(
    (
        CountColumn(1, "Tarif", _unit("3.05")),
        CountColumn(3, "3ème enfant", _unit("1.53")),
        CountColumn(5, "5ème enfant", _unit("1.00")),
    )
)
# « pour 1 enfant 4,50 €, 2 enfants 4,40 € »
BY_COUNT = ByChildrenCount(
    (CountColumn(1, "1 enfant", _unit("4.50")), CountColumn(2, "2 enfants", _unit("4.40")))
)


@pytest.mark.parametrize(
    ("rank", "price", "column"),
    [
        (1, "3.05", "Tarif"),
        (2, "3.05", "Tarif"),
        (3, "1.53", "3ème enfant"),
        (4, "1.53", "3ème enfant"),
        (5, "1.00", "5ème enfant"),
        (6, "1.00", "5ème enfant"),
    ],
)
def test_a_column_holds_from_its_start_to_the_next_one(rank: int, price: str, column: str) -> None:
    quote = BY_RANK.price(PricingContext(sibling_rank=rank))
    assert (quote.unit_price, quote.columns) == (Money.euros(price), (column,))


def test_the_count_of_children_falls_back_on_the_sibling_rank() -> None:
    assert BY_COUNT.price(PricingContext()).columns == ("1 enfant",)
    assert BY_COUNT.price(PricingContext(sibling_rank=2)).columns == ("2 enfants",)
    assert BY_COUNT.price(PricingContext(children_in_family=1)).columns == ("1 enfant",)


def test_a_non_resident_column_heads_the_columns_of_its_tariff() -> None:
    # « Extérieur » as a whole column of the grid: its own columns follow its heading.
    fee = ByResidence(_unit("1.00"), BY_COUNT, "Extérieur")
    outside = fee.price(PricingContext(resident=False, children_in_family=2))
    assert (outside.unit_price, outside.columns) == (
        Money.euros("4.40"),
        ("Extérieur", "2 enfants"),
    )
    inside = fee.price(PricingContext(children_in_family=2))
    assert (inside.unit_price, inside.columns) == (Money.euros("1.00"), ())


def test_columns_refusals_read_whole() -> None:
    one = CountColumn(1, "a", _unit("1"))
    assert refusal(lambda: CountColumn(0, "a", _unit("1"))) == (
        "OutOfRangeError",
        "start",
        0,
        "start: columns count from 1 (got 0)",
    )
    assert refusal(lambda: CountColumn(True, "a", _unit("1"))) == (
        "InvalidTypeError",
        "start",
        True,
        "start: must be a whole number (got True of type bool)",
    )
    assert refusal(lambda: CountColumn(1, "a", "u")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "tariff",
        "u",
        "tariff: must be a Tariff (with a price method) (got 'u' of type str)",
    )
    assert refusal(lambda: ByChildrenCount(())) == (
        "InvalidValueError",
        "columns",
        (),
        "columns: must hold at least one column (got ())",
    )
    assert refusal(lambda: ByChildrenCount("ab")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "columns",
        "ab",
        "columns: must be a sequence of CountColumn (got 'ab' of type str)",
    )
    assert refusal(lambda: BySiblingRank([CountColumn(2, "a", _unit("1"))])) == (
        "InvalidValueError",
        "columns[0].start",
        2,
        "columns[0].start: the first column must start at 1 (got 2)",
    )
    assert refusal(lambda: BySiblingRank((one, CountColumn(1, "b", _unit("1"))))) == (
        "InvalidValueError",
        "columns[1].start",
        1,
        "columns[1].start: columns must start at rising counts; columns[0] starts at 1 (got 1)",
    )
    assert refusal(lambda: BySiblingRank((one, "x"))) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "columns[1]",
        "x",
        "columns[1]: must be a CountColumn (got 'x' of type str)",
    )
    for tariff in (BY_COUNT, BY_RANK, ByResidence(one.tariff, one.tariff, "Extérieur")):
        assert refusal(lambda tariff=tariff: tariff.price("c")) == (  # type: ignore[misc]
            "InvalidTypeError",
            "context",
            "c",
            "context: must be a PricingContext (got 'c' of type str)",
        )
    assert refusal(lambda: ByResidence(one.tariff, "u", "E"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "non_resident",
        "u",
    )
    assert refusal(lambda: ByResidence("u", one.tariff, "E"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "resident",
        "u",
    )


# Direct debit -----------------------------------------------------------------------------


def test_the_pre_notification_delay_runs_from_1_to_366_calendar_days() -> None:
    assert DirectDebitTerms(1, SRC).collection_date(date(2024, 12, 31)) == date(2025, 1, 1)
    assert DirectDebitTerms(366, SRC).collection_date(date(2024, 1, 1)) == date(2025, 1, 1)
    for days in (0, 367):
        assert refusal(lambda days=days: DirectDebitTerms(days, SRC)) == (  # type: ignore[misc]
            "OutOfRangeError",
            "pre_notification_days",
            days,
            f"pre_notification_days: must be from 1 to 366 calendar days (got {days})",
        )
    assert refusal(lambda: DirectDebitTerms(True, SRC)) == (
        "InvalidTypeError",
        "pre_notification_days",
        True,
        "pre_notification_days: must be a whole number of days (got True of type bool)",
    )


def test_a_return_fee_is_above_zero_or_left_out() -> None:
    assert DirectDebitTerms(14, SRC, Money.euros("0.01")).return_fee == Money.euros("0.01")
    for fee in (Money.zero(), Money.euros("-1")):
        assert refusal(lambda fee=fee: DirectDebitTerms(14, SRC, fee)) == (  # type: ignore[misc]
            "OutOfRangeError",
            "return_fee",
            fee,
            f"return_fee: must be above 0,00 € (leave it out: no fee) (got {fee!r})",
        )
    assert refusal(lambda: DirectDebitTerms(14, SRC, 5)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "return_fee",
        5,
        "return_fee: must be Money or None (got 5 of type int)",
    )
    assert refusal(lambda: DirectDebitTerms(14, "s")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "source",
        "s",
        "source: must be a Source (got 's' of type str)",
    )
    assert refusal(lambda: DirectDebitTerms(14, SRC).collection_date(datetime(2024, 1, 1)))[:3] == (
        "InvalidTypeError",
        "notified_on",
        datetime(2024, 1, 1),
    )
