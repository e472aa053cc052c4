"""Presences without booking and late pick-ups: every refusal in full (class, field, value and
message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest

from cantine_rules import Money, Service, ServiceKind
from cantine_rules.rules.attendance_fees import (
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
from cantine_rules.rules.late import BasePlus, FlatPenalty, FreeAllowance
from tests._helpers import paris, refusal

SOIR = Service("soir", "Accueil du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18))
LATER_SOIR = Service("soir", "Soir", ServiceKind.EVENING_CARE, time(16), time(18, 30))
THURSDAY = date(2024, 9, 19)


def euros(amount: str | int) -> Money:
    return Money.euros(amount)


def band(starts: tuple[int, int], ends: tuple[int, int] | None, fee: str) -> PickupBand:
    return PickupBand(time(*starts), None if ends is None else time(*ends), euros(fee))


# « de 18h00 à 18h15 : 10 € ; au-delà de 18h15 : 50 € »
TWO_BANDS = LatePickup((band((18, 0), (18, 15), "10"), band((18, 15), None, "50")))
# « majoration de 2 € par repas pris sans inscription », « la présence répétée … sera majorée de
# 5 € »
REPEATED = UnbookedPresence(
    BasePlus(euros(2)), (RepeatedCharge(2, BasePlus(euros(5))),), RepetitionPeriod.MONTH
)
PRICE_ONLY = (
    "charge: must be a price (flat_price, cost_price, base_plus, base_times); "
    "say repetition with repeated steps"
)
NO_PERIOD = "period: a charge that rises on repetition needs the period it counts in (got None)"

CASES: list[tuple[Callable[[], object], tuple[str, object, object, str]]] = [
    (
        lambda: UnbookedPresence(FlatPenalty(euros(2))),
        (
            "InvalidTypeError",
            "charge",
            FlatPenalty(euros(2)),
            f"{PRICE_ONLY} (got FlatPenalty(amount=Money.euros('2.00')) of type FlatPenalty)",
        ),
    ),
    (
        lambda: UnbookedPresence(FreeAllowance(2, BasePlus(euros(1)))),
        (
            "InvalidTypeError",
            "charge",
            FreeAllowance(2, BasePlus(euros(1))),
            f"{PRICE_ONLY} (got FreeAllowance(free_per_month=2, "
            "then=BasePlus(amount=Money.euros('1.00'))) of type FreeAllowance)",
        ),
    ),
    (
        lambda: UnbookedPresence("10"),  # type: ignore[arg-type]
        ("InvalidTypeError", "charge", "10", "charge: must be a Surcharge (got '10' of type str)"),
    ),
    (
        lambda: RepeatedCharge(1, BasePlus(euros(5))),
        ("InvalidValueError", "from_occurrence", 1, "from_occurrence: must be 2 or more (got 1)"),
    ),
    (
        lambda: RepeatedCharge(True, BasePlus(euros(5))),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "from_occurrence",
            True,
            "from_occurrence: must be a whole number (got True of type bool)",
        ),
    ),
    (
        lambda: UnbookedPresence(BasePlus(euros(2)), (RepeatedCharge(2, BasePlus(euros(5))),)),
        ("InvalidValueError", "period", None, NO_PERIOD),
    ),
    (
        lambda: UnbookedPresence(
            BasePlus(euros(2)),
            (RepeatedCharge(3, BasePlus(euros(5))), RepeatedCharge(3, BasePlus(euros(6)))),
            RepetitionPeriod.MONTH,
        ),
        (
            "InvalidValueError",
            "repeated[1].from_occurrence",
            3,
            "repeated[1].from_occurrence: must be after occurrence 3, the step before it (got 3)",
        ),
    ),
    (
        lambda: UnbookedPresence(BasePlus(euros(2)), ("x",), RepetitionPeriod.MONTH),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "repeated[0]",
            "x",
            "repeated[0]: must be a RepeatedCharge (got 'x' of type str)",
        ),
    ),
    (
        lambda: price_unbooked_presence(REPEATED, None, -1),
        (
            "InvalidValueError",
            "earlier_in_period",
            -1,
            "earlier_in_period: must be 0 or more (got -1)",
        ),
    ),
    (
        lambda: price_unbooked_presence(REPEATED, None, "1"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "earlier_in_period",
            "1",
            "earlier_in_period: must be a whole number (got '1' of type str)",
        ),
    ),
    (
        lambda: price_unbooked_presence("x", None, 0),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "rule",
            "x",
            "rule: must be an UnbookedPresence (got 'x' of type str)",
        ),
    ),
    (
        lambda: REPEATED.charge_at(0),
        ("InvalidValueError", "occurrence", 0, "occurrence: must be 1 or more (got 0)"),
    ),
    (
        lambda: UnbookedPresenceRules(by_service={"repas": 3}),  # type: ignore[arg-type, dict-item]
        (
            "InvalidTypeError",
            "by_service",
            "repas",
            "by_service: must map a service code to UnbookedPresence (got 'repas' of type str)",
        ),
    ),
    (
        lambda: UnbookedPresenceRules(by_service={3: REPEATED}),  # type: ignore[arg-type, dict-item]
        (
            "InvalidTypeError",
            "by_service",
            3,
            "by_service: must map a service code to UnbookedPresence (got 3 of type int)",
        ),
    ),
    (
        lambda: count_in_period(RepetitionPeriod.MONTH, [], "2024-01-01"),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "day",
            "2024-01-01",
            "day: must be a datetime.date (got '2024-01-01' of type str)",
        ),
    ),
    (
        lambda: count_in_period(RepetitionPeriod.MONTH, ["x"], date(2024, 1, 1)),  # type: ignore[list-item]
        (
            "InvalidTypeError",
            "earlier_days",
            "x",
            "earlier_days: must be a datetime.date (got 'x' of type str)",
        ),
    ),
    (
        lambda: band((18, 0), (18, 0), "10"),
        (
            "InvalidValueError",
            "ends",
            time(18),
            "ends: must be after the band's start 18:00:00 (a band has a length) (got 18:00:00)",
        ),
    ),
    (
        lambda: band((18, 15), (18, 0), "10"),
        (
            "InvalidValueError",
            "ends",
            time(18),
            "ends: must be after the band's start 18:15:00 (a band has a length) (got 18:00:00)",
        ),
    ),
    (
        lambda: PickupBand(time(18), "18:15", euros(1)),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "ends",
            "18:15",
            "ends: must be a datetime.time (got '18:15' of type str)",
        ),
    ),
    (
        lambda: LatePickup(()),
        ("InvalidValueError", "bands", (), "bands: must hold at least one band (got ())"),
    ),
    (
        lambda: LatePickup((band((18, 0), (18, 15), "10"), band((18, 10), None, "50"))),
        (
            "InvalidValueError",
            "bands[1].starts",
            time(18, 10),
            "bands[1].starts: overlaps the band before, which ends at 18:15:00 (got 18:10:00)",
        ),
    ),
    (
        lambda: LatePickup((band((18, 0), (18, 15), "10"), band((18, 20), None, "50"))),
        (
            "InvalidValueError",
            "bands[1].starts",
            time(18, 20),
            "bands[1].starts: leaves a gap after the band before, which ends at 18:15:00 "
            "(got 18:20:00)",
        ),
    ),
    (
        lambda: LatePickup((band((18, 0), None, "10"), band((18, 15), None, "50"))),
        (
            "InvalidValueError",
            "bands[0].ends",
            None,
            "bands[0].ends: only the last band may be open-ended (got None)",
        ),
    ),
    (
        lambda: LatePickup((band((18, 0), (18, 15), "10"), band((18, 15), (18, 30), "50"))),
        (
            "InvalidValueError",
            "bands[1].ends",
            time(18, 30),
            "bands[1].ends: the last band has no end (got 18:30:00)",
        ),
    ),
    (
        lambda: LatePickup((band((18, 0), (18, 15), "50"), band((18, 15), None, "10"))),
        (
            "InvalidValueError",
            "bands[1].fee",
            euros(10),
            "bands[1].fee: a later pick-up never costs less (occurrence 1 costs 50.00 EUR in the "
            "band before) (got Money.euros('10.00'))",
        ),
    ),
    (
        # Equal fees at the first occurrence; from the 2nd, the band before costs more.
        lambda: LatePickup(
            (
                PickupBand(time(18), time(18, 15), euros(10), (RepeatedFee(2, euros(60)),)),
                PickupBand(time(18, 15), None, euros(50), (RepeatedFee(3, euros(60)),)),
            ),
            period=RepetitionPeriod.MONTH,
        ),
        (
            "InvalidValueError",
            "bands[1].fee",
            euros(50),
            "bands[1].fee: a later pick-up never costs less (occurrence 2 costs 60.00 EUR in the "
            "band before) (got Money.euros('50.00'))",
        ),
    ),
    (
        lambda: PickupBand(time(18), None, euros(10), (RepeatedFee(2, euros(5)),)),
        (
            "InvalidValueError",
            "repeated[0].fee",
            euros(5),
            "repeated[0].fee: a repeated late pick-up never costs less (got Money.euros('5.00'))",
        ),
    ),
    (
        lambda: PickupBand(
            time(18), None, euros(10), (RepeatedFee(2, euros(15)), RepeatedFee(3, euros(12)))
        ),
        (
            "InvalidValueError",
            "repeated[1].fee",
            euros(12),
            "repeated[1].fee: a repeated late pick-up never costs less (got Money.euros('12.00'))",
        ),
    ),
    (
        lambda: LatePickup((PickupBand(time(18), None, euros(5), (RepeatedFee(2, euros(15)),)),)),
        ("InvalidValueError", "period", None, NO_PERIOD),
    ),
    (
        lambda: late_pickup_fee(TWO_BANDS, LATER_SOIR, THURSDAY, paris(2024, 9, 19, 19)),
        (
            "InvalidValueError",
            "rule.bands[0].starts",
            time(18),
            "rule.bands[0].starts: the first band starts when « Soir » ends, at 18:30:00 "
            "(got 18:00:00)",
        ),
    ),
    (
        lambda: late_pickup_fee(TWO_BANDS, SOIR, THURSDAY, paris(2024, 9, 19, 19), -1),
        (
            "InvalidValueError",
            "earlier_in_period",
            -1,
            "earlier_in_period: must be 0 or more (got -1)",
        ),
    ),
    (
        lambda: late_pickup_fee("x", SOIR, THURSDAY, paris(2024, 9, 19, 19)),  # type: ignore[arg-type]
        ("InvalidTypeError", "rule", "x", "rule: must be a LatePickup (got 'x' of type str)"),
    ),
    (
        lambda: late_pickup_fee(TWO_BANDS, "soir", THURSDAY, paris(2024, 9, 19, 19)),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "service",
            "soir",
            "service: must be a Service (got 'soir' of type str)",
        ),
    ),
    (
        lambda: late_pickup_fee(TWO_BANDS, SOIR, "2024-09-19", paris(2024, 9, 19, 19)),  # type: ignore[arg-type]
        (
            "InvalidTypeError",
            "day",
            "2024-09-19",
            "day: must be a datetime.date (got '2024-09-19' of type str)",
        ),
    ),
    (
        lambda: TWO_BANDS.bands[0].fee_at(0),
        ("InvalidValueError", "occurrence", 0, "occurrence: must be 1 or more (got 0)"),
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_each_refusal_names_its_field_value_and_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_naive_pick_up_time_is_refused_by_name() -> None:
    naive = datetime(2024, 9, 19, 19)
    name, field, value, message = refusal(lambda: late_pickup_fee(TWO_BANDS, SOIR, THURSDAY, naive))
    assert (name, field, value) == ("NaiveDatetimeError", "picked_up_at", naive)
    assert message.startswith("picked_up_at: must be timezone-aware")
