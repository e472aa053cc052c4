"""The price a late charge is based on: given, or looked up only when the decision needs it."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import (
    EUROPE_PARIS,
    BookingChange,
    ChangeAction,
    Channel,
    Money,
    Service,
    policies,
)
from cantine_rules.policies import MissingPriceError, Reason
from cantine_rules.pricing.tariffs import NoTariffInForceError, TariffSchedule, TariffVersion
from cantine_rules.sources import Source
from tests._helpers import paris, refusal
from tests.rules._fixtures import (
    ADD,
    CANCEL,
    LATE_AT,
    OFFICE,
    ONLINE,
    SEED_002,
    THURSDAY,
    change,
)


@attrs.define
class _Lookup:
    """A price lookup that records what it is asked."""

    price: Money | None
    calls: list[tuple[str, str, date]] = attrs.field(factory=list)

    def __call__(self, child_id: str, service: Service, day: date) -> Money | None:
        self.calls.append((child_id, service.code, day))
        return self.price


def test_an_on_time_change_never_asks_the_price() -> None:
    lookup = _Lookup(Money.euros("2.10"))
    decision = SEED_002.decide(
        change(CANCEL, "soir", THURSDAY, paris(2024, 9, 16, 9)), price_of=lookup
    )
    assert decision.reason is Reason.ON_TIME
    assert lookup.calls == []


def test_a_late_change_refused_online_never_asks_the_price() -> None:
    lookup = _Lookup(Money.euros("2.10"))
    decision = SEED_002.decide(change(CANCEL, "soir", THURSDAY, LATE_AT, ONLINE), price_of=lookup)
    assert decision.reason is Reason.TOO_LATE_CONTACT
    assert lookup.calls == []


def test_a_flat_surcharged_price_never_asks_the_price() -> None:
    # Seed 002: « Un ajout vous sera facturé d'un tarif majoré (4€ le matin / 10€ le soir) ».
    lookup = _Lookup(None)
    decision = SEED_002.decide(change(ADD, "soir", THURSDAY, LATE_AT, OFFICE), price_of=lookup)
    assert (decision.reason, decision.charge) == (Reason.LATE_SURCHARGE, Money.euros(10))
    assert lookup.calls == []


def test_a_late_cancellation_still_billed_asks_its_price_once() -> None:
    # Seed 002: « Une annulation vous sera facturé le prix du service ».
    lookup = _Lookup(Money.euros("2.10"))
    late = change(CANCEL, "soir", THURSDAY, LATE_AT, OFFICE, child="c2")
    decision = SEED_002.decide(late, price_of=lookup)
    assert (decision.reason, decision.charge) == (Reason.LATE_STILL_CHARGED, Money.euros("2.10"))
    assert lookup.calls == [("c2", "soir", THURSDAY)]


def test_a_surcharge_on_the_day_price_asks_it_once() -> None:
    # Seed 002: « Un ajout vous sera facturé d'un tarif majoré (tarif journée + 3€) ».
    wednesday = date(2024, 9, 18)
    lookup = _Lookup(Money.euros("12.50"))
    late = change(ADD, "mercredi", wednesday, paris(2024, 9, 12, 9, 0), OFFICE)
    decision = SEED_002.decide(late, price_of=lookup)
    assert (decision.reason, decision.charge) == (Reason.LATE_SURCHARGE, Money.euros("15.50"))
    assert lookup.calls == [("c1", "mercredi", wednesday)]


@pytest.mark.parametrize(
    "late",
    [
        change(CANCEL, "soir", THURSDAY, LATE_AT, OFFICE),
        change(ADD, "mercredi", date(2024, 9, 18), paris(2024, 9, 12, 9, 0), OFFICE),
    ],
)
def test_a_lookup_that_has_no_price_is_a_missing_price(late: BookingChange) -> None:
    with pytest.raises(MissingPriceError):
        SEED_002.decide(late, price_of=_Lookup(None))


def test_a_price_and_a_lookup_are_not_given_together() -> None:
    lookup = _Lookup(Money.euros(1))
    late = change(CANCEL, "soir", THURSDAY, LATE_AT, OFFICE)
    name, field, value, message = refusal(
        lambda: SEED_002.decide(late, price=Money.euros(1), price_of=lookup)
    )
    assert (name, field, value) == ("InvalidValueError", "price_of", lookup)
    assert message.startswith("price_of: give price or price_of, not both")


def test_a_basket_asks_the_price_only_of_the_changes_that_need_it() -> None:
    lookup = _Lookup(Money.euros("2.10"))
    changes = [
        change(ADD, "soir", THURSDAY, paris(2024, 9, 16, 9), child="a"),  # on time
        change(ADD, "soir", THURSDAY, LATE_AT, ONLINE, child="b"),  # late, refused online
        change(ADD, "soir", THURSDAY, LATE_AT, OFFICE, child="c"),  # late, flat surcharge
        change(CANCEL, "soir", THURSDAY, LATE_AT, OFFICE, child="d"),  # late, still billed
    ]
    decisions = SEED_002.decide_many(changes, price_of=lookup)
    assert [d.reason for d in decisions] == [
        Reason.ON_TIME,
        Reason.TOO_LATE_CONTACT,
        Reason.LATE_SURCHARGE,
        Reason.LATE_STILL_CHARGED,
    ]
    assert lookup.calls == [("d", "soir", THURSDAY)]


@given(
    st.sampled_from(list(ChangeAction)),
    st.sampled_from(["repas", "matin", "soir", "mercredi"]),
    st.dates(date(2024, 9, 2), date(2025, 7, 4)),
    st.datetimes(datetime(2024, 8, 1), datetime(2025, 7, 5), timezones=st.just(EUROPE_PARIS)),
    st.sampled_from(list(Channel)),
    st.integers(0, 5000).map(Money.from_cents),
)
def test_deciding_with_a_lookup_is_deciding_with_the_price(
    action: ChangeAction, service: str, day: date, at: datetime, channel: Channel, price: Money
) -> None:
    the_change = change(action, service, day, at, channel)
    assert SEED_002.decide(the_change, price_of=lambda c, s, d: price) == SEED_002.decide(
        the_change, price=price
    )


# A commune prices from its tariff ------------------------------------------------------------

ALSH = policies.get("alsh-postfacturation")


def test_a_commune_bills_a_late_cancellation_the_price_of_its_tariff() -> None:
    # Seed 002: « Une annulation vous sera facturé le prix du service ».
    late = change(CANCEL, "soir", THURSDAY, LATE_AT, OFFICE)
    decision = ALSH.decide(late)
    price = ALSH.price("soir", THURSDAY).unit_price
    assert (decision.reason, decision.charge) == (Reason.LATE_STILL_CHARGED, price)
    assert decision == ALSH.booking.decide(late, price=price)


def test_a_commune_whose_tariff_does_not_cover_the_day_still_decides_on_time_changes() -> None:
    # Every tariff of this variant starts in 2025: no price is known for September 2024.
    later = tuple(
        TariffSchedule(
            schedule.service_code,
            (TariffVersion(date(2025, 1, 1), schedule.versions[0].tariff, Source.default("test")),),
        )
        for schedule in ALSH.tariffs
    )
    commune = attrs.evolve(ALSH, tariffs=later)
    on_time = commune.decide(change(CANCEL, "soir", THURSDAY, paris(2024, 9, 16, 9)))
    assert on_time.reason is Reason.ON_TIME
    flat = commune.decide(change(ADD, "soir", THURSDAY, LATE_AT, OFFICE))
    assert flat.reason is Reason.LATE_SURCHARGE
    with pytest.raises(NoTariffInForceError):
        commune.decide(change(CANCEL, "soir", THURSDAY, LATE_AT, OFFICE))
