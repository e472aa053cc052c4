"""Noyers-sur-Cher: staying past the garderie's closing time, 18:30, costs 6 €.

http://www.noyers-sur-cher.fr/index.php/vie-pratique/garderies/241-garderies
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
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
