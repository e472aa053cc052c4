"""Presences without booking and late pick-ups: the values, their checks and their prices."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import EUROPE_PARIS, Money, Service, ServiceKind
from cantine_rules.errors import InvalidTypeError, InvalidValueError, NaiveDatetimeError
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CostPrice,
    CountedPer,
    LatePickup,
    PickupBand,
    RepeatedCharge,
    RepeatedFee,
    RepetitionPeriod,
    UnbookedPresence,
    UnbookedPresenceRules,
    count_in_period,
    late_pickup_fee,
    price_unbooked_presence,
)
from cantine_rules.rules.late import (
    BasePlus,
    BaseTimes,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    MissingPriceError,
)
from cantine_rules.testing import late_pickups, money, services, unbooked_presences
from tests._helpers import paris

SOIR = Service("soir", "Accueil du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18))
# « de 18h00 à 18h15 : 10 € ; au-delà de 18h15 : 50 € »
TWO_BANDS = LatePickup(
    (
        PickupBand(time(18), time(18, 15), Money.euros(10)),
        PickupBand(time(18, 15), None, Money.euros(50)),
    )
)


def euros(amount: str | int) -> Money:
    return Money.euros(amount)


# Presence without booking ---------------------------------------------------------------------


def test_a_flat_price_needs_no_base_price() -> None:
    # « ce repas vous sera facturé 10 € »
    charge = price_unbooked_presence(UnbookedPresence(FlatPrice(euros(10))), None, 0)
    assert (charge.amount, charge.occurrence) == (euros(10), 1)


def test_the_cost_price_is_a_flat_amount_said_to_be_the_cost() -> None:
    # « au prix coûtant d'un repas, soit 5,49 € »
    rule = UnbookedPresence(CostPrice(euros("5.49")))
    charge = price_unbooked_presence(rule, euros("3.10"), 0)
    assert charge.amount == euros("5.49")
    assert charge.charge.describe("fr") == "prix coûtant de 5,49\xa0€"


def test_a_supplement_on_the_price_needs_the_price() -> None:
    # « majoration de 2 € par repas pris sans inscription »
    rule = UnbookedPresence(BasePlus(euros(2)))
    assert price_unbooked_presence(rule, euros("2.85"), 0).amount == euros("4.85")
    with pytest.raises(MissingPriceError):
        price_unbooked_presence(rule, None, 0)


def test_a_factor_rounds_once_half_up() -> None:
    rule = UnbookedPresence(BaseTimes(Decimal("1.5")))
    assert price_unbooked_presence(rule, euros("2.99"), 0).amount == euros("4.49")


# « majoration de 2 € par repas pris sans inscription »; « la présence répétée … sera majorée de
# 5 € », read as: from the 2nd presence without booking in the month.
REPEATED = UnbookedPresence(
    BasePlus(euros(2)),
    repeated=(RepeatedCharge(2, BasePlus(euros(5))),),
    period=RepetitionPeriod.MONTH,
)


@pytest.mark.parametrize(
    ("earlier", "amount", "occurrence"),
    [(0, "4.85", 1), (1, "7.85", 2), (2, "7.85", 3), (20, "7.85", 21)],
)
def test_each_occurrence_of_a_repeated_presence(earlier: int, amount: str, occurrence: int) -> None:
    charge = price_unbooked_presence(REPEATED, euros("2.85"), earlier)
    assert (charge.amount, charge.occurrence) == (euros(amount), occurrence)


def test_several_steps_apply_from_their_own_occurrence() -> None:
    rule = UnbookedPresence(
        FlatPrice(euros(4)),
        repeated=(RepeatedCharge(3, FlatPrice(euros(6))), RepeatedCharge(5, FlatPrice(euros(9)))),
        period=RepetitionPeriod.SCHOOL_YEAR,
    )
    amounts = [price_unbooked_presence(rule, None, n).amount for n in range(6)]
    assert amounts == [euros(4), euros(4), euros(6), euros(6), euros(9), euros(9)]


def test_explained_in_both_languages() -> None:
    charge = price_unbooked_presence(REPEATED, euros("2.85"), 1)
    assert charge.explain("fr") == (
        "Présence sans réservation (n° 2 de la période) : tarif normal + 5,00\xa0€, soit 7,85\xa0€."
    )
    assert charge.explain("en") == (
        "Presence without booking (no. 2 in its period): normal price + €5.00, so €7.85."
    )


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: UnbookedPresence(FlatPenalty(euros(2))), "charge"),
        (lambda: UnbookedPresence(FreeAllowance(2, BasePlus(euros(1)))), "charge"),
        (lambda: UnbookedPresence("10"), "charge"),  # type: ignore[arg-type]
        (lambda: RepeatedCharge(1, BasePlus(euros(5))), "from_occurrence"),
        (lambda: RepeatedCharge(True, BasePlus(euros(5))), "from_occurrence"),  # type: ignore[arg-type]
        (
            lambda: UnbookedPresence(BasePlus(euros(2)), (RepeatedCharge(2, BasePlus(euros(5))),)),
            "period",
        ),
        (
            lambda: UnbookedPresence(
                BasePlus(euros(2)),
                (RepeatedCharge(3, BasePlus(euros(5))), RepeatedCharge(3, BasePlus(euros(6)))),
                RepetitionPeriod.MONTH,
            ),
            "repeated[1].from_occurrence",
        ),
        (lambda: UnbookedPresence(BasePlus(euros(2)), counted_per="family"), "counted_per"),  # type: ignore[arg-type]
        (lambda: CostPrice(Money.euros("-1")), "amount"),
        (lambda: price_unbooked_presence(REPEATED, None, -1), "earlier_in_period"),
        (lambda: REPEATED.charge_at(0), "occurrence"),
    ],
)
def test_bad_values_are_typed_errors_naming_the_field(make: object, field: str) -> None:
    with pytest.raises((InvalidValueError, InvalidTypeError)) as caught:
        make()  # type: ignore[operator]
    error = caught.value
    assert isinstance(error, InvalidValueError | InvalidTypeError)
    assert error.field == field


def test_rules_by_service_then_default() -> None:
    meal = UnbookedPresence(FlatPrice(euros(10)))
    default = UnbookedPresence(BasePlus(euros(1)))
    rules = UnbookedPresenceRules(default, {"repas": meal})
    assert rules.for_service("repas") is meal
    assert rules.for_service("soir") is default
    assert UnbookedPresenceRules(by_service={"repas": meal}).for_service("soir") is None


@pytest.mark.parametrize(
    ("period", "day", "expected"),
    [
        # The month: the 30 September presence does not count on 1 October.
        (RepetitionPeriod.MONTH, date(2024, 10, 1), 0),
        (RepetitionPeriod.MONTH, date(2024, 10, 8), 1),
        # The school year from 1 September: 31 August belongs to the year before.
        (RepetitionPeriod.SCHOOL_YEAR, date(2024, 9, 1), 0),
        (RepetitionPeriod.SCHOOL_YEAR, date(2024, 10, 8), 2),
    ],
)
def test_counting_in_a_period(period: RepetitionPeriod, day: date, expected: int) -> None:
    days = [date(2024, 8, 31), date(2024, 9, 30), date(2024, 10, 1), date(2024, 10, 8)]
    assert count_in_period(period, days, day) == expected


@settings(max_examples=200, deadline=None)
@given(unbooked_presences(), money(0, 10_00), st.integers(0, 40), st.integers(0, 40))
def test_a_presence_never_costs_below_zero_nor_less_when_repeated(
    rule: UnbookedPresence, base: Money, first: int, second: int
) -> None:
    fewer, more = sorted((first, second))
    once = price_unbooked_presence(rule, base, fewer)
    assert once == price_unbooked_presence(rule, base, fewer)
    assert not once.amount.is_negative()
    assert price_unbooked_presence(rule, base, more).amount >= once.amount


# Late pick-up ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "second", "fee", "band"),
    [
        (17, 59, 59, None, None),
        # The service's end exactly is on time.
        (18, 0, 0, None, None),
        (18, 0, 1, "10.00", 0),
        (18, 14, 59, "10.00", 0),
        # « au-delà de 18h15 »: 18:15:00 is not beyond 18:15.
        (18, 15, 0, "10.00", 0),
        (18, 15, 1, "50.00", 1),
        (23, 59, 59, "50.00", 1),
    ],
)
def test_the_bands_of_the_reglement_at_each_boundary(
    hour: int, minute: int, second: int, fee: str | None, band: int | None
) -> None:
    result = late_pickup_fee(
        TWO_BANDS, SOIR, date(2024, 9, 19), paris(2024, 9, 19, hour, minute, second)
    )
    if fee is None:
        assert result is None
    else:
        assert result is not None
        assert (result.amount, result.band) == (euros(fee), band)


@pytest.mark.parametrize(
    ("hour", "minute", "second", "band"),
    [(17, 59, 59, None), (18, 0, 0, 0), (18, 14, 59, 0), (18, 15, 0, 1), (18, 15, 1, 1)],
)
def test_from_a_time_on_puts_the_boundary_in_the_later_band(
    hour: int, minute: int, second: int, band: int | None
) -> None:
    # « à partir de 18h15 »: 18:15:00 already costs 50 €.
    rule = LatePickup(TWO_BANDS.bands, boundary=BoundarySide.LATER)
    result = late_pickup_fee(
        rule, SOIR, date(2024, 9, 19), paris(2024, 9, 19, hour, minute, second)
    )
    assert (None if result is None else result.band) == band


def test_an_instant_in_another_offset_is_read_in_paris() -> None:
    at = datetime(2024, 9, 19, 16, 15, 1, tzinfo=UTC)  # 18:15:01 in Paris (summer time)
    result = late_pickup_fee(TWO_BANDS, SOIR, date(2024, 9, 19), at)
    assert result is not None
    assert result.band == 1
    assert result.picked_up_at.tzinfo is EUROPE_PARIS


@pytest.mark.parametrize("day", [date(2025, 3, 30), date(2025, 10, 26)])
def test_on_the_days_the_clocks_change_bands_follow_the_wall_clock(day: date) -> None:
    edge = datetime.combine(day, time(18, 15), tzinfo=EUROPE_PARIS)
    assert late_pickup_fee(TWO_BANDS, SOIR, day, edge).band == 0  # type: ignore[union-attr]
    later = edge + timedelta(seconds=1)
    assert late_pickup_fee(TWO_BANDS, SOIR, day, later).band == 1  # type: ignore[union-attr]


def test_repeated_late_pick_ups_cost_more_from_their_occurrence() -> None:
    # 5 € for a first late pick-up, 15 € from the second, counted in the school year.
    rule = LatePickup(
        (PickupBand(time(18), None, euros(5), (RepeatedFee(2, euros(15)),)),),
        per=CountedPer.FAMILY,
        period=RepetitionPeriod.SCHOOL_YEAR,
    )
    at = paris(2024, 9, 19, 18, 5)
    fees = [late_pickup_fee(rule, SOIR, date(2024, 9, 19), at, n) for n in range(3)]
    assert [(fee.amount, fee.occurrence) for fee in fees if fee] == [
        (euros(5), 1),
        (euros(15), 2),
        (euros(15), 3),
    ]
    assert fees[1] is not None
    assert fees[1].explain("fr") == (
        "Enfant récupéré à 18:05:00 (tranche 1, retard n° 2 de la période) : 15,00\xa0€."
    )


def band(starts: tuple[int, int], ends: tuple[int, int] | None, fee: str) -> PickupBand:
    return PickupBand(time(*starts), None if ends is None else time(*ends), euros(fee))


@pytest.mark.parametrize(
    ("make", "field"),
    [
        # A band of zero length.
        (lambda: band((18, 0), (18, 0), "10"), "ends"),
        (lambda: band((18, 15), (18, 0), "10"), "ends"),
        (lambda: LatePickup(()), "bands"),
        # Overlapping bands, and a gap between two bands.
        (
            lambda: LatePickup((band((18, 0), (18, 15), "10"), band((18, 10), None, "50"))),
            "bands[1].starts",
        ),
        (
            lambda: LatePickup((band((18, 0), (18, 15), "10"), band((18, 20), None, "50"))),
            "bands[1].starts",
        ),
        (
            lambda: LatePickup((band((18, 0), None, "10"), band((18, 15), None, "50"))),
            "bands[0].ends",
        ),
        (lambda: LatePickup((band((18, 0), (18, 15), "10"),)), "bands[0].ends"),
        # A later band that costs less.
        (
            lambda: LatePickup((band((18, 0), (18, 15), "50"), band((18, 15), None, "10"))),
            "bands[1].fee",
        ),
        (
            lambda: PickupBand(time(18), None, euros(10), (RepeatedFee(2, euros(5)),)),
            "repeated[0].fee",
        ),
        (lambda: RepeatedFee(1, euros(5)), "from_occurrence"),
        (
            lambda: LatePickup(
                (PickupBand(time(18), None, euros(5), (RepeatedFee(2, euros(15)),)),)
            ),
            "period",
        ),
        (lambda: PickupBand(time(18), None, Money.euros("-5")), "fee"),
        (
            lambda: late_pickup_fee(TWO_BANDS, SOIR, date(2024, 9, 19), datetime(2024, 9, 19, 19)),
            "picked_up_at",
        ),
        (
            lambda: late_pickup_fee(
                TWO_BANDS,
                Service("soir", "Soir", ServiceKind.EVENING_CARE, time(16), time(18, 30)),
                date(2024, 9, 19),
                paris(2024, 9, 19, 19),
            ),
            "rule.bands[0].starts",
        ),
        (
            lambda: late_pickup_fee(TWO_BANDS, SOIR, date(2024, 9, 19), paris(2024, 9, 19, 19), -1),
            "earlier_in_period",
        ),
    ],
)
def test_bad_bands_are_typed_errors_naming_the_field(make: object, field: str) -> None:
    with pytest.raises((InvalidValueError, InvalidTypeError)) as caught:
        make()  # type: ignore[operator]
    error = caught.value
    assert isinstance(error, InvalidValueError | InvalidTypeError)
    assert error.field == field


def test_a_naive_pick_up_time_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError):
        late_pickup_fee(TWO_BANDS, SOIR, date(2024, 9, 19), datetime(2024, 9, 19, 19))


@st.composite
def _pickups(draw: st.DrawFn) -> tuple[Service, LatePickup]:
    service = draw(services(ServiceKind.EVENING_CARE))
    return service, draw(late_pickups(service))


@settings(max_examples=200, deadline=None)
@given(
    _pickups(),
    st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    st.integers(-3600, 8 * 3600),
    st.integers(-3600, 8 * 3600),
    st.integers(0, 8),
    st.integers(0, 8),
)
def test_a_later_or_repeated_pick_up_never_costs_less(
    case: tuple[Service, LatePickup], day: date, a: int, b: int, first: int, second: int
) -> None:
    service, rule = case
    end = datetime.combine(day, service.end, tzinfo=EUROPE_PARIS)
    sooner, later = (end + timedelta(seconds=s) for s in sorted((a, b)))
    fewer, more = sorted((first, second))

    def fee(at: datetime, earlier: int) -> Money:
        result = late_pickup_fee(rule, service, day, at, earlier)
        assert result == late_pickup_fee(rule, service, day, at, earlier)
        return Money.zero() if result is None else result.amount

    assert not fee(sooner, fewer).is_negative()
    assert fee(later, fewer) >= fee(sooner, fewer)
    assert fee(sooner, more) >= fee(sooner, fewer)
