"""The canonical order of a basket's changes seen in a bill, and a household with nothing to pay."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

from cantine_rules import (
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Justification,
    Money,
    QuotientFamilial,
    QuotientFamilialSource,
    RequestState,
)
from cantine_rules.billing import ReportKind, bill
from cantine_rules.plain import BookingSpec, Scenario, load_scenario
from cantine_rules.plain._scenario_family import QuotientSpec
from cantine_rules.policies import KeepCharging, LateHandling, Refuse, ServiceRules, get
from cantine_rules.pricing._quotient import QuotientRecord
from tests._helpers import paris

ROOT = Path(__file__).resolve().parents[2]
ALSH = get("alsh-postfacturation")
# The same ALSH, validating every accepted request at once.
AT_ONCE = attrs.evolve(ALSH, booking=attrs.evolve(ALSH.booking, auto_validate=True))
SARAH = Child("sarah", "Sarah", date(2015, 11, 20))
MONDAY = date(2024, 9, 23)


def september(*changes: BookingChange, booked: tuple[date, ...] = ()) -> Scenario:
    return Scenario(
        "alsh-postfacturation",
        date(2024, 9, 1),
        date(2024, 9, 30),
        "F-1",
        children=(SARAH,),
        bookings=(BookingSpec("sarah", "soir", days=booked),) if booked else (),
        changes=changes,
    )


def test_an_add_and_a_cancel_at_the_same_instant_the_add_first_in_either_file_order() -> None:
    # In time (a week before): the add books Monday's evening at once, the cancellation then
    # cancels it. Nothing is billed, nothing is reported, whatever the order of the file.
    at = paris(2024, 9, 16, 9)
    add = BookingChange(ChangeAction.ADD, "sarah", "soir", MONDAY, at)
    cancel = BookingChange(ChangeAction.CANCEL, "sarah", "soir", MONDAY, at)
    for changes in ((add, cancel), (cancel, add)):
        result = bill(september(*changes), policy=AT_ONCE)
        assert [d.change.action for d in result.decisions] == [
            ChangeAction.ADD,
            ChangeAction.CANCEL,
        ]
        assert [(b.day, b.state) for b in result.bookings] == [(MONDAY, RequestState.CANCELLED)]
        assert result.reported == ()
        assert result.invoice.total == Money.zero()


def test_two_cancels_alike_but_for_the_certificate_the_one_without_comes_first() -> None:
    # The same late cancellation twice at the office, once with a medical certificate: the
    # one without is decided (ranked before any justification), the other is reported as a
    # cancellation of a day no longer booked, whichever the file lists first.
    day, at = date(2024, 9, 19), paris(2024, 9, 18, 9)
    plain = BookingChange(ChangeAction.CANCEL, "sarah", "soir", day, at, Channel.OFFICE)
    certified = attrs.evolve(plain, justification=Justification.MEDICAL_CERTIFICATE)
    for changes, reported_path in (
        ((plain, certified), "changes[1]"),
        ((certified, plain), "changes[0]"),
    ):
        result = bill(september(*changes, booked=(day,)), policy=AT_ONCE)
        assert [d.change.justification for d in result.decisions] == [None]
        assert [(r.kind, r.path) for r in result.reported] == [
            (ReportKind.CANCEL_NOT_BOOKED, reported_path)
        ]


def test_a_household_with_no_day_gets_an_empty_invoice_of_the_period() -> None:
    # Only Adam, who is not in custody, eats at the canteen: his mother's household pays it all,
    # his father's household has an invoice of the period with no line.
    scenario = load_scenario(ROOT / "examples" / "scenarios" / "paris.toml")
    adam = BookingSpec("adam", "repas", days=(date(2024, 9, 2),))
    result = bill(attrs.evolve(scenario, bookings=(adam,), payments=()))
    mere, pere = result.households
    assert [line.child_id for line in mere.invoice.lines] == ["adam"]
    assert (pere.household, pere.reference) == ("pere", "CDE-13-0412-pere-202409")
    assert (pere.invoice.start, pere.invoice.end, pere.invoice.lines) == (
        date(2024, 9, 1),
        date(2024, 9, 30),
        (),
    )
    assert pere.invoice.total == Money.zero()


def test_each_booked_day_of_the_period_whose_price_is_unknown_is_reported_at_bookings() -> None:
    # Paris gives no price for tarif 7 (« T6 1371–1900 » is the last sourced bracket): a family
    # at 2 000 € has every day of the period reported, the first and the last included; Adam's
    # day after the period is neither billed nor reported.
    week = (date(2024, 9, 2), date(2024, 9, 6))
    scenario = Scenario(
        "paris",
        *week,
        "F-2",
        children=(
            Child("adam", "Adam", date(2016, 1, 8)),
            Child("ines", "Inès", date(2014, 3, 2)),
        ),
        bookings=(
            BookingSpec("adam", "repas", days=(date(2024, 9, 9),)),
            BookingSpec("ines", "repas", days=week),
        ),
        quotient_familial="2000",
    )
    result = bill(scenario)
    assert [(r.kind, r.path, r.child, r.service, r.day) for r in result.reported] == [
        (ReportKind.UNKNOWN_PRICE, "bookings", "ines", "repas", day) for day in week
    ]
    assert result.invoice.lines == ()


def test_a_late_charge_on_an_unknown_price_is_reported_at_its_change() -> None:
    # A late cancellation still charged the day's price (« Une annulation vous sera facturé le
    # prix du service », seed 002), at a Paris family in tarif 7, whose price no source gives.
    paris_policy = get("paris")
    booking = paris_policy.booking
    old = booking.rules_for("repas")
    rules = ServiceRules(old.add, old.cancel, old.late_add, LateHandling(Refuse(), KeepCharging()))
    policy = attrs.evolve(
        paris_policy,
        booking=attrs.evolve(booking, by_service=dict(booking.by_service) | {"repas": rules}),
    )
    thursday, friday = date(2024, 9, 5), date(2024, 9, 6)
    on_time = BookingChange(ChangeAction.ADD, "ines", "repas", friday, paris(2024, 8, 26, 9))
    late = BookingChange(
        ChangeAction.CANCEL, "ines", "repas", thursday, paris(2024, 9, 5, 9), Channel.OFFICE
    )
    scenario = Scenario(
        "paris",
        date(2024, 9, 2),
        date(2024, 9, 6),
        "F-2",
        children=(Child("ines", "Inès", date(2014, 3, 2)),),
        bookings=(BookingSpec("ines", "repas", days=(thursday,)),),
        changes=(late, on_time),
        quotient_familial="2000",
    )
    result = bill(scenario, policy=policy)
    charged = [r for r in result.reported if r.path.startswith("changes")]
    assert [(r.kind, r.path, r.child, r.service, r.day) for r in charged] == [
        (ReportKind.UNKNOWN_PRICE, "changes[0]", "ines", "repas", thursday)
    ]
    assert charged[0].detail == (
        "quotient_familial 2000: lies in 'tarif 7' or in a later bracket whose threshold no "
        "source gives"
    )


def test_custody_with_one_quotient_bills_each_household_its_weeks_at_that_quotient() -> None:
    # No QF records: the family's one quotient familial (812 €, « Tarif 4 De 549 € à 959 € »)
    # prices every day; Inès's weeks still go to the household that has her.
    scenario = load_scenario(ROOT / "examples" / "scenarios" / "paris.toml")
    result = bill(attrs.evolve(scenario, quotient_records=(), quotient_familial="812", payments=()))
    mere, pere = result.households
    assert {line.tariff_name for line in result.invoice.lines} == {"tarif 4"}
    assert [line.day.isocalendar().week for line in pere.invoice.lines] == [37] * 5 + [39] * 5
    assert mere.invoice.total + pere.invoice.total == result.invoice.total


def test_a_commune_without_a_quotient_policy_counts_a_record_from_the_day_received() -> None:
    # Paris without its rules of QF records: a record received on Monday 16 September prices
    # that day and the following ones; the Friday before is at the tariff's default (tarif 10).
    scenario = load_scenario(ROOT / "examples" / "scenarios" / "paris.toml")
    qf = QuotientFamilial(Decimal("500"), QuotientFamilialSource.CAF_ATTESTATION, date(2024, 9, 2))
    friday, monday = date(2024, 9, 13), date(2024, 9, 16)
    result = bill(
        attrs.evolve(
            scenario,
            households=(),
            custody=(),
            payments=(),
            quotient_records=(QuotientSpec(QuotientRecord(qf, monday), None),),
            bookings=(BookingSpec("adam", "repas", days=(friday, monday)),),
        ),
        policy=attrs.evolve(get("paris"), quotient_policy=None),
    )
    assert [(line.day, line.tariff_name, line.amount) for line in result.invoice.lines] == [
        (friday, "tarif 10", Money.euros("7.00")),
        (monday, "tarif 3", Money.euros("1.62")),
    ]
