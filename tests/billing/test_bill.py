"""Billing a period through the library: example scenarios, baskets, request states, problems."""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import (
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    InvalidValueError,
    Justification,
    Money,
    PolicyError,
    RequestState,
    UnknownCommuneError,
)
from cantine_rules.billing import BillResult, bill, quote
from cantine_rules.plain import AbsenceSpec, BookingSpec, PaymentSpec, Scenario, load_scenario
from cantine_rules.plain import load_toml as load_policy
from cantine_rules.policies import (
    AcceptWithSurcharge,
    CommunePolicy,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    KeepCharging,
    LateHandling,
    MedicalWaiver,
    Refuse,
    ServiceRules,
    get,
    unit_price_schedules,
)
from cantine_rules.pricing.accounts import LineKind, PaymentMode
from cantine_rules.pricing.tariffs import NoTariffInForceError, PricingContext
from cantine_rules.sources import Source
from tests._helpers import paris

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "examples" / "scenarios"
ALSH = get("alsh-postfacturation")
SARAH = Child("sarah", "Sarah", date(2015, 11, 20))
TOM = Child("tom", "Tom", date(2017, 4, 2))
SEPTEMBER = (date(2024, 9, 1), date(2024, 9, 30))


def september(*changes: BookingChange, bookings: tuple[BookingSpec, ...] = ()) -> Scenario:
    """A September 2024 scenario at the ALSH for Sarah and Tom."""
    return Scenario(
        "alsh-postfacturation",
        *SEPTEMBER,
        "F-1",
        children=(SARAH, TOM),
        bookings=bookings,
        changes=changes,
    )


def office_add(child: str, service: str, day: date, at: date, hour: int = 8) -> BookingChange:
    when = paris(at.year, at.month, at.day, hour)
    return BookingChange(ChangeAction.ADD, child, service, day, when, Channel.OFFICE)


def with_late_handling(
    policy: CommunePolicy,
    code: str,
    *,
    late_add: LateHandling | None = None,
    late_cancel: LateHandling | None = None,
) -> CommunePolicy:
    """*policy* with other late handling for the service *code*."""
    booking = policy.booking
    old = booking.rules_for(code)
    rules = ServiceRules(
        old.add, old.cancel, late_add or old.late_add, late_cancel or old.late_cancel
    )
    by_service = dict(booking.by_service) | {code: rules}
    return attrs.evolve(policy, booking=attrs.evolve(booking, by_service=by_service))


def charges(result: BillResult) -> list[Money | None]:
    return [decision.charge for decision in result.decisions]


# The example scenarios ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "total", "balance", "lines"),
    [
        ("alsh-postfacturation", "109.80", "-9.80", 33),
        # Prepaid (seed 000) and paid at booking (seed 001): no service is invoiced after the month.
        ("chantraine", "0.00", "25.50", 0),
        ("lutins-gourmands", "0.00", "0.00", 0),
        ("paris", "98.46", "0.00", 38),
        ("saint-just-d-avray", "74.60", "-34.60", 22),
    ],
)
def test_the_example_scenarios_bill_as_before(
    name: str, total: str, balance: str, lines: int
) -> None:
    result = bill(load_scenario(SCENARIOS / f"{name}.toml"))
    assert result.policy.slug == name
    assert result.invoice.total == Money.euros(total)
    assert result.statement.balance == Money.euros(balance)
    assert len(result.invoice.lines) == lines
    assert result.scenario.notes == ()


def test_the_lutins_gourmands_basket_is_14_40() -> None:
    # Seed 001: four meals « à l'unité 3.60€ », « A payer : 14.40€ », paid through PayFiP.
    result = bill(load_scenario(SCENARIOS / "lutins-gourmands.toml"))
    assert result.basket is not None
    assert [line.cost for line in result.basket.lines] == [Money.euros("3.60")] * 4
    assert result.basket.to_pay == Money.euros("14.40")
    assert result.scenario.payments[0].mode is PaymentMode.PAYFIP
    # The payment is credited, and the basket it paid is debited under the debt's reference.
    assert [(row.reference, row.credit, row.debit) for row in result.statement.rows] == [
        ("20181231x207x8573", Money.euros("14.40"), Money.zero()),
        ("20181231x207x8573", Money.zero(), Money.euros("14.40")),
    ]


def test_saint_just_thursday_17h_is_too_late_for_the_following_week() -> None:
    # Seed 003: « au plus tard avant le Jeudi 17h pour la semaine suivante ».
    result = bill(load_scenario(SCENARIOS / "saint-just-d-avray.toml"))
    decided = {d.change.day: (d.status.value, d.reason.value) for d in result.decisions}
    assert decided == {
        date(2024, 9, 27): ("accepted", "on_time"),
        date(2024, 9, 23): ("refused", "too_late"),
    }
    # Decided in the order they were made: 16:30 before 17:00.
    assert [d.change.day for d in result.decisions] == [date(2024, 9, 27), date(2024, 9, 23)]
    evenings = {line.day for line in result.invoice.lines if line.service_code == "garderie-soir"}
    assert date(2024, 9, 27) in evenings
    assert date(2024, 9, 23) not in evenings


def test_the_alsh_example_bills_its_late_changes_as_decided() -> None:
    # Seed 002: « Une annulation vous sera facturé le prix du service »; « tarif majoré (4€ le
    # matin / 10€ le soir) »; « (tarif journée + 3€) ». The ALSH validates by hand: the late
    # cancellation is still only requested when the month is billed, and the late add still
    # pending; both are billed what was decided.
    result = bill(load_scenario(SCENARIOS / "alsh-postfacturation.toml"))
    # In the order they were made: two in time, four past the deadline at the office, one
    # refused online.
    assert charges(result) == [
        None,
        None,
        Money.euros("2.10"),
        Money.euros("4.00"),
        Money.euros("15.00"),
        Money.euros("10.00"),
        None,
    ]
    states = {(b.service_code, b.day): b.state for b in result.bookings}
    assert states[("soir", date(2024, 9, 19))] is RequestState.CANCELLATION_REQUESTED
    assert states[("matin", date(2024, 9, 20))] is RequestState.PENDING
    decided = {
        (line.service_code, line.day): (line.tariff_name, line.amount)
        for line in result.invoice.lines
        if line.kind is LineKind.DECIDED
    }
    assert decided == {
        ("soir", date(2024, 9, 19)): ("prix du service", Money.euros("2.10")),
        ("matin", date(2024, 9, 20)): ("tarif majoré", Money.euros("4.00")),
        ("mercredi", date(2024, 9, 25)): ("tarif majoré", Money.euros("15.00")),
        ("soir", date(2024, 9, 23)): ("tarif majoré", Money.euros("10.00")),
    }


# One basket: what the one-at-a-time loop lost ----------------------------------------------------


def test_a_monthly_free_allowance_counts_the_whole_period() -> None:
    # « the first two late meals of a month at normal price, surcharge from the third » (seen in
    # other communes), here with one free late morning a month, then the ALSH's 4 €.
    policy = with_late_handling(
        ALSH,
        "matin",
        late_add=LateHandling(
            Refuse(), AcceptWithSurcharge(FreeAllowance(1, FlatPrice(Money.euros(4))))
        ),
    )
    first = office_add("sarah", "matin", date(2024, 9, 20), date(2024, 9, 19))
    second = office_add("sarah", "matin", date(2024, 9, 27), date(2024, 9, 26))
    # Decided one at a time, each late add looks like the month's first.
    alone = [policy.decide(change) for change in (first, second)]
    assert [d.charge for d in alone] == [Money.euros("1.60"), Money.euros("1.60")]
    result = bill(september(second, first), policy=policy)
    assert charges(result) == [Money.euros("1.60"), Money.euros("4.00")]
    assert result.invoice.total == Money.euros("5.60")


def test_a_flat_penalty_is_charged_once_per_family() -> None:
    # « a flat penalty per late registration » (seen in other communes): once per family.
    policy = with_late_handling(
        ALSH,
        "matin",
        late_add=LateHandling(Refuse(), AcceptWithSurcharge(FlatPenalty(Money.euros(2)))),
    )
    day, at = date(2024, 9, 20), date(2024, 9, 19)
    changes = (office_add("tom", "matin", day, at), office_add("sarah", "matin", day, at))
    alone = [policy.decide(change, context=PricingContext()) for change in changes]
    assert [d.charge for d in alone] == [Money.euros("3.60"), Money.euros("3.60")]
    result = bill(september(*changes), policy=policy)
    assert {d.change.child_id: d.charge for d in result.decisions} == {
        "sarah": Money.euros("3.60"),
        "tom": Money.euros("1.60"),
    }
    assert result.invoice.total == Money.euros("5.20")


def test_only_the_first_sick_day_is_charged_when_the_certificate_covers_several() -> None:
    # The guide's commune: « keep_charging, waiver = { waiting_days = 1 } », a « jour de
    # carence ». Louise is ill on Thursday and Friday; her parent cancels both at the office on
    # Friday morning with a medical certificate.
    policy = load_policy(ROOT / "examples" / "communes" / "ma-commune.toml")
    thursday, friday = date(2025, 3, 13), date(2025, 3, 14)
    louise = Child("louise", "Louise", date(2017, 3, 2))
    cancels = [
        BookingChange(
            ChangeAction.CANCEL,
            "louise",
            "repas",
            day,
            paris(2025, 3, 14, 9),
            Channel.OFFICE,
            Justification.MEDICAL_CERTIFICATE,
        )
        for day in (friday, thursday)
    ]
    alone = [policy.decide(change) for change in cancels]
    assert [d.reason.value for d in alone] == ["late_still_charged", "late_still_charged"]
    scenario = Scenario(
        "ma-commune",
        date(2025, 3, 1),
        date(2025, 3, 31),
        "F-7",
        children=(louise,),
        bookings=(BookingSpec("louise", "repas", days=(thursday, friday)),),
        absences=tuple(
            AbsenceSpec("louise", "repas", day, Justification.MEDICAL_CERTIFICATE)
            for day in (thursday, friday)
        ),
        changes=cancels,
    )
    result = bill(scenario, policy=policy)
    assert [(d.change.day, d.reason.value, d.charge) for d in result.decisions] == [
        (thursday, "late_still_charged", Money.euros("4.20")),
        (friday, "late_charge_waived", Money.zero()),
    ]
    lines = {line.day: (line.kind, line.amount) for line in result.invoice.lines}
    assert lines == {
        thursday: (LineKind.DECIDED, Money.euros("4.20")),
        friday: (LineKind.JUSTIFIED_ABSENCE, Money.zero()),
    }


# Request states at billing time ------------------------------------------------------------------

EVENINGS = BookingSpec("sarah", "soir", weekdays={1, 3})
ON_TIME = paris(2024, 9, 16, 9)
ADD_MONDAY = BookingChange(ChangeAction.ADD, "sarah", "soir", date(2024, 9, 23), ON_TIME)
CANCEL_THURSDAY = BookingChange(ChangeAction.CANCEL, "sarah", "soir", date(2024, 9, 26), ON_TIME)


def evening_days(result: BillResult) -> set[date]:
    return {line.day for line in result.invoice.lines}


def test_a_commune_that_validates_by_hand_bills_requests_as_they_stand() -> None:
    # « Demande en cours », « Demande d'annulation »: until the ALSH validates, an added day is
    # not booked and a cancelled day still is.
    assert not ALSH.booking.auto_validate
    result = bill(september(ADD_MONDAY, CANCEL_THURSDAY, bookings=(EVENINGS,)))
    states = {b.day: b.state for b in result.bookings}
    assert states[date(2024, 9, 23)] is RequestState.PENDING
    assert states[date(2024, 9, 26)] is RequestState.CANCELLATION_REQUESTED
    assert date(2024, 9, 23) not in evening_days(result)
    assert date(2024, 9, 26) in evening_days(result)


def test_a_commune_that_validates_at_once_bills_the_changes() -> None:
    policy = attrs.evolve(ALSH, booking=attrs.evolve(ALSH.booking, auto_validate=True))
    result = bill(september(ADD_MONDAY, CANCEL_THURSDAY, bookings=(EVENINGS,)), policy=policy)
    states = {b.day: b.state for b in result.bookings}
    assert states[date(2024, 9, 23)] is RequestState.VALIDATED
    assert states[date(2024, 9, 26)] is RequestState.CANCELLED
    assert date(2024, 9, 23) in evening_days(result)
    assert date(2024, 9, 26) not in evening_days(result)


def test_a_cancellation_of_a_day_not_booked_changes_nothing() -> None:
    again = attrs.evolve(CANCEL_THURSDAY, requested_at=ON_TIME + timedelta(hours=1))
    pending = BookingChange(ChangeAction.CANCEL, "sarah", "soir", date(2024, 9, 23), ON_TIME)
    nothing = BookingChange(ChangeAction.CANCEL, "tom", "soir", date(2024, 9, 24), ON_TIME)
    result = bill(
        september(ADD_MONDAY, CANCEL_THURSDAY, again, pending, nothing, bookings=(EVENINGS,))
    )
    assert all(decision.accepted for decision in result.decisions)
    states = {(b.child_id, b.day): b.state for b in result.bookings}
    assert states[("sarah", date(2024, 9, 26))] is RequestState.CANCELLATION_REQUESTED
    assert states[("sarah", date(2024, 9, 23))] is RequestState.PENDING
    assert ("tom", date(2024, 9, 24)) not in states


# The bill does not depend on the order of the changes --------------------------------------------

# One week, so that late changes often fall on the same child, month and sick absence.
_A_WEEK = [date(2024, 9, 16) + timedelta(days=n) for n in range(5)]
_CHANGES = st.builds(
    lambda child, service, day, action, hours, channel, justification: BookingChange(
        action,
        child,
        service,
        day,
        paris(day.year, day.month, day.day, 7) - timedelta(hours=hours),
        channel,
        justification,
    ),
    st.sampled_from(["sarah", "tom"]),
    st.sampled_from(["soir", "repas"]),
    st.sampled_from(_A_WEEK),
    st.sampled_from(ChangeAction),
    st.integers(0, 72),
    st.sampled_from(Channel),
    st.sampled_from([None, Justification.MEDICAL_CERTIFICATE]),
)
# Every counter of a basket at work: a monthly allowance, a family penalty, a « jour de carence ».
_COUNTING = with_late_handling(
    ALSH,
    "soir",
    late_add=LateHandling(
        Refuse(), AcceptWithSurcharge(FreeAllowance(1, FlatPenalty(Money.euros(2))))
    ),
    late_cancel=LateHandling(Refuse(), KeepCharging(MedicalWaiver(waiting_days=1))),
)


@given(st.lists(_CHANGES, max_size=8).flatmap(lambda c: st.tuples(st.just(c), st.permutations(c))))
def test_the_bill_does_not_depend_on_the_order_of_the_changes(
    orders: tuple[list[BookingChange], list[BookingChange]],
) -> None:
    given_order, shuffled = orders
    bookings = (EVENINGS, BookingSpec("tom", "repas", weekdays={0, 1, 3, 4}))
    first = bill(september(*given_order, bookings=bookings), policy=_COUNTING)
    second = bill(september(*shuffled, bookings=bookings), policy=_COUNTING)
    assert first.decisions == second.decisions
    assert first.bookings == second.bookings
    assert list(first.invoice.lines) == list(second.invoice.lines)
    assert first.invoice.total == second.invoice.total
    assert first.statement == second.statement


# The account ---------------------------------------------------------------------------------


def test_a_balance_carried_over_and_payments_make_the_statement() -> None:
    # Saint-Just-d'Avray bills after the month (seed 003), its meal at 3,80 €.
    scenario = Scenario(
        "saint-just-d-avray",
        *SEPTEMBER,
        "LG-2",
        children=(SARAH,),
        bookings=(BookingSpec("sarah", "repas", days=(date(2024, 9, 2),)),),
        payments=(
            PaymentSpec(date(2024, 10, 3), Money.euros("2.00"), "card", "CB-1"),
            PaymentSpec(date(2024, 10, 1), Money.euros("1.00"), "cheque", "CHQ-1"),
        ),
        opening_balance=Money.euros("-4.20"),
    )
    statement = bill(scenario).statement
    assert statement.as_of == date(2024, 10, 3)
    assert [(row.reference, row.balance) for row in statement.rows] == [
        ("REPORT", Money.euros("-4.20")),
        ("LG-2-202409", Money.euros("-8.00")),
        ("CHQ-1", Money.euros("-7.00")),
        ("CB-1", Money.euros("-5.00")),
    ]


# Problems --------------------------------------------------------------------------------------


def test_every_unknown_service_and_day_without_service_is_reported_with_its_path() -> None:
    scenario = Scenario(
        "saint-just-d-avray",
        *SEPTEMBER,
        "F-1",
        children=(SARAH,),
        bookings=(
            BookingSpec("sarah", "piscine", weekdays={0}),
            BookingSpec("sarah", "repas", days=(date(2024, 9, 4), date(2024, 9, 5))),
        ),
        absences=(AbsenceSpec("sarah", "cantine", date(2024, 9, 5)),),
        changes=(BookingChange(ChangeAction.ADD, "sarah", "etude", date(2024, 9, 5), ON_TIME),),
    )
    with pytest.raises(PolicyError) as caught:
        bill(scenario)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            "bookings[0].service",
            "unknown 'piscine'; known: garderie-matin, garderie-soir, repas",
        ),
        ("bookings[1].days", "repas does not run on 2024-09-04"),
        ("absences[0].service", "unknown 'cantine'; known: garderie-matin, garderie-soir, repas"),
        ("changes[0].service", "unknown 'etude'; known: garderie-matin, garderie-soir, repas"),
    ]


def test_a_policy_given_must_be_the_scenarios_commune() -> None:
    with pytest.raises(InvalidValueError, match="is not the scenario's commune 'paris'"):
        bill(attrs.evolve(september(), commune="paris"), policy=ALSH)
    alias = ALSH.aliases[0]
    assert bill(attrs.evolve(september(), commune=alias), policy=ALSH).policy is ALSH
    with pytest.raises(UnknownCommuneError):
        bill(attrs.evolve(september(), commune="montcuq"))


def test_a_late_charge_on_a_day_without_tariff_fails_with_the_tariffs_error() -> None:
    # Tariffs that only start on 16 September; a late cancellation is billed its price.
    prices = {code: Money.euros("2.10") for code in ("repas", "soir")}
    policy = attrs.evolve(
        ALSH, tariffs=unit_price_schedules(prices, date(2024, 9, 16), Source.default("test"))
    )
    day = date(2024, 9, 12)
    late = BookingChange(
        ChangeAction.CANCEL, "sarah", "soir", day, paris(2024, 9, 11, 9), Channel.OFFICE
    )
    with pytest.raises(NoTariffInForceError, match="no tariff of 'soir' before its first"):
        bill(september(late), policy=policy)
    # A late add at a flat surcharged price needs no tariff.
    flat = office_add("sarah", "matin", day, day - timedelta(days=1))
    assert charges(bill(september(flat), policy=policy)) == [Money.euros("4.00")]


# One unit's price ------------------------------------------------------------------------------


def test_a_quote_carries_the_source_of_its_version() -> None:
    paris_policy = get("paris")
    sourced = quote(paris_policy, "repas", date(2020, 10, 5), context=PricingContext("235"))
    assert sourced.price is not None
    assert (sourced.price.unit_price, sourced.price.bracket) == (Money.euros("0.85"), "tarif 2")
    assert sourced.source == sourced.price.source
    assert not sourced.is_default
    later = quote(paris_policy, "repas", date(2024, 10, 1), context=PricingContext("235"))
    version = paris_policy.tariff("repas").at(date(2024, 10, 1))
    assert later.source == version.source
    assert later.is_default
    assert later.price is not None
    assert later.price.unit_price.amount == Decimal("0.85")


def test_a_day_the_calendar_cannot_answer_for_is_a_problem_at_its_path() -> None:
    scenario = attrs.evolve(
        september(office_add("sarah", "soir", date(2028, 10, 2), date(2024, 9, 16))),
        bookings=(BookingSpec("tom", "soir", None, (date(2024, 9, 19), date(2040, 1, 5))),),
        absences=(AbsenceSpec("tom", "soir", date(1980, 1, 8), None),),
    )
    with pytest.raises(PolicyError) as caught:
        bill(scenario)
    assert [str(problem) for problem in caught.value.problems] == [
        "bookings[0].days[1]: is outside the calendar's years 2017-2028 (got 2040-01-05)",
        "absences[0].day: is outside the calendar's years 2017-2028 (got 1980-01-08)",
        "changes[0].day: has no school-holiday data (known: 2017-01-01 to 2028-08-31; the "
        "package ships school holidays from 2016-07-05 to 2028-08-31); load an "
        "OfficialSchoolHolidays that covers it (got 2028-10-02)",
    ]


def test_a_thousand_payments_are_posted_at_once_and_all_counted() -> None:
    # Each payment is a credit of the statement, in the order of its day, none lost.
    payments = tuple(
        PaymentSpec(
            date(2024, 10, 1) + timedelta(days=index % 30),
            Money.euros("1.00"),
            "card",
            f"CB-{index}",
        )
        for index in range(1_000)
    )
    result = bill(attrs.evolve(september(), payments=payments))
    rows = result.statement.rows
    assert len(rows) == 1_000
    assert result.statement.balance == Money.euros("1000.00")
    assert [row.day for row in rows] == sorted(row.day for row in rows)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda path: path.stem)
def test_a_bill_pickles_and_comes_back_equal(path: Path) -> None:
    # A process pool returns its results pickled: an invoice's totals (read-only views) included.
    result = bill(load_scenario(path))
    back = pickle.loads(pickle.dumps(result))
    assert back == result
    assert isinstance(back.invoice.totals_by_child, MappingProxyType)
    assert isinstance(back.invoice.totals_by_service, MappingProxyType)
    # The same period billed twice pickles to the same bytes.
    assert pickle.dumps(bill(load_scenario(path))) == pickle.dumps(result)
