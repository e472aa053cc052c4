"""``python -m cantine_rules``: a short demonstration of the library's values."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date, time

from cantine_rules.model import Booking, RequestState, Service, ServiceKind
from cantine_rules.money import Money


def main(argv: Sequence[str] | None = None) -> int:
    """Print a priced basket of four meals, as the Lutins Gourmands portal summarises it."""
    del argv  # no options yet
    meal = Service("cantine", "Cantine", ServiceKind.MEAL, time(11, 30), time(13, 30))
    days = [date(2016, 9, 1), date(2016, 9, 2), date(2016, 9, 5), date(2016, 9, 6)]
    unit_price = Money.euros("3.60")
    for day in days:
        booking = Booking("louise", meal.code, day, RequestState.PENDING)
        print(f"{day:%d/%m/%Y}  {meal.label}  {unit_price.format('fr_FR')}  {booking.state}")
    print(f"A payer : {(unit_price * len(days)).format('fr_FR')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
