"""What happened on the day, in a bill: attendance events, regimes, monthly fees, non-billable days.

[`bill`][cantine_rules.billing.bill] calls the three functions of this module:

1. [`regime_bookings`][] books, before the period's changes are decided, every day a child's
   **fixed-days** regime books (« un à cinq jours fixes par semaine »): each day the service
   runs on the chosen weekdays, with no deadline to meet.
2. [`regime_pricer`][] prices a child's days at the regime's own price where the règlement
   gives one (« Régulier 5.70 € », « Occasionnel 6.50 € »): the fixed weekdays at the fixed-days
   price, the other days at the occasional price; the tariff otherwise.
3. [`charge_attendance`][], once the changes are decided, charges what was recorded on the day,
   in this order, each step replacing what the step before charged for the same day:

   * an **absence** from a booked day is judged by the commune's absence policy for the
     service, as one run per notice (« les repas du jour, du lendemain et du surlendemain … seront
     dus »: the waiting days count from the notice); a commune without an absence policy
     charges it as booked, unless a medical certificate was handed in;
   * a **presence without booking** is priced by the commune's rule (« ce repas vous sera
     facturé 10 € »), its occurrence counted per child or per family within the rule's period,
     in the order of the days, then of the children; without a rule the day is listed among
     the invoice's presences without booking for the commune to decide;
   * a day the commune declared **non-billable** (in its policy, or in the scenario: a strike,
     an outing) is never charged, whatever was booked, decided or recorded; the family has
     nothing to do;
   * a **late pick-up** adds a line of its own beside the day's line (« retard à la sortie »),
     once per child or once per family (the family's last pick-up of the day) as the rule says,
     its repetitions counted in the rule's period; a pick-up in a free band bills nothing;
   * a **monthly fee** the child pays (a monthly card, a PAI basket) bills the days of the
     service it covers by the month (a fee per family once, on the line of its first child):
     one line per month that holds a booked day of the period, less the refund of each booked
     day the child was absent where the fee refunds absences.
     No fee is prorated: a period that starts or ends within a month bills that month on the
     days it holds (« tout mois commencé sera dû »), so periods of whole months add up.

Every line says why it is charged, in the words of an invoice (« carence », « repas pris sans
réservation », « retard à la sortie »). Nothing here depends on the order of the scenario's
events: each list is put in a canonical order first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules.errors import InvalidValueError, PolicyError, Problem
from cantine_rules.model import Booking, Justification, ServiceKind
from cantine_rules.money import Money
from cantine_rules.plain import Scenario
from cantine_rules.plain._scenario_attendance import (
    AttendanceEvent,
    ChosenRegime,
    EventKind,
    RegimeChoice,
)
from cantine_rules.policies import CommunePolicy
from cantine_rules.pricing._monthly import FeeBasis, FeeReason, MonthlyFlatFee, month_of
from cantine_rules.pricing.accounts import (
    Attendance,
    DecidedCharge,
    Invoice,
    InvoiceLine,
    LineKey,
    LineKind,
    PricedUnit,
    UnitPricer,
)
from cantine_rules.rules.absences import AbsenceReason, BookedPrice
from cantine_rules.rules.attendance_fees import (
    CountedPer,
    RepetitionPeriod,
    count_in_period,
    price_unbooked_presence,
)
from cantine_rules.rules.late import MissingPriceError
from cantine_rules.rules.non_billable import NonBillableDay
from cantine_rules.rules.regimes import ServiceRegimes

__all__ = [
    "ABSENCE_REASONS",
    "AttendanceCharges",
    "charge_attendance",
    "regime_bookings",
    "regime_pricer",
]

ABSENCE_REASONS: Final = {
    AbsenceReason.NOTICE_IN_TIME: "absence signalée à temps",
    AbsenceReason.AFTER_WAITING_DAYS: "absence après la carence",
    AbsenceReason.WAIVED_BY_CERTIFICATE: "absence justifiée par certificat médical",
    AbsenceReason.NON_BILLABLE_DAY: "jour non facturable",
    AbsenceReason.WAITING_DAY: "carence",
    AbsenceReason.LATE_NOTICE: "absence signalée hors délai",
    AbsenceReason.NO_NOTICE: "absence non signalée",
}
"""The reason an invoice line gives for an absent day, by the engine's reason code."""

_ABSENCE: Final = "absence"
_UNBOOKED_MEAL: Final = "repas pris sans réservation"
_UNBOOKED_OTHER: Final = "présence sans réservation"
_UNBOOKED_LABEL: Final = "sans réservation"
_LATE_PICKUP: Final = "retard à la sortie"
_NON_BILLABLE_LABEL: Final = "non facturable"
_MONTHLY_FEE: Final = "forfait mensuel"


def _relative(error: InvalidValueError) -> str:
    return str(error).removeprefix(f"{error.field}: ")


def _offered(
    policy: CommunePolicy, chosen: RegimeChoice, path: str, problems: list[Problem]
) -> ServiceRegimes | None:
    """The regimes the commune offers at the chosen service; a problem if none."""
    known = {service.code for service in policy.services}
    if chosen.service not in known:
        listed = ", ".join(sorted(known))
        problems.append(Problem(f"{path}.service", f"unknown {chosen.service!r}; known: {listed}"))
        return None
    offered = policy.regimes_of(chosen.service)
    if offered is None:
        problems.append(
            Problem(f"{path}.service", f"{policy.slug} offers no regime nor monthly fee for it")
        )
    return offered


def _fees_of(
    offered: ServiceRegimes, chosen: RegimeChoice, path: str, problems: list[Problem]
) -> tuple[MonthlyFlatFee, ...]:
    by_code = {fee.code: fee for fee in offered.monthly_fees}
    listed = ", ".join(sorted(by_code)) or "none"
    fees = []
    for index, code in enumerate(chosen.fees):
        fee = by_code.get(code)
        if fee is None:
            problems.append(
                Problem(f"{path}.fees[{index}]", f"unknown fee {code!r}; known: {listed}")
            )
        else:
            fees.append(fee)
    return tuple(fees)


def regime_bookings(policy: CommunePolicy, scenario: Scenario) -> dict[LineKey, Booking]:
    """The days the children's fixed-days regimes book in the period, as validated bookings.

    Raises:
        PolicyError: every regime choice the commune does not offer (an unknown service, a
            regime or a fee the service does not have, weekdays the regime refuses), each at
            its path (``regimes[0].weekdays``).
    """
    problems: list[Problem] = []
    booked: dict[LineKey, Booking] = {}
    for index, chosen in enumerate(scenario.regimes):
        path = f"regimes[{index}]"
        offered = _offered(policy, chosen, path, problems)
        if offered is None:
            continue
        _fees_of(offered, chosen, path, problems)
        if chosen.regime is ChosenRegime.OCCASIONAL and offered.occasional is None:
            problems.append(Problem(f"{path}.regime", "the service offers no occasional regime"))
        if chosen.regime is not ChosenRegime.FIXED_DAYS:
            continue
        regime = offered.fixed_days
        if regime is None:
            problems.append(Problem(f"{path}.regime", "the service offers no fixed days"))
            continue
        assert chosen.weekdays is not None  # checked by RegimeChoice
        try:
            expansion = regime.booked_days(
                policy.booking, chosen.service, chosen.weekdays, scenario.start, scenario.end
            )
        except InvalidValueError as error:
            problems.append(Problem(f"{path}.{error.field}", _relative(error)))
            continue
        for day in expansion.days:
            booked[(chosen.child, chosen.service, day)] = Booking(chosen.child, chosen.service, day)
    if problems:
        raise PolicyError(problems, "scenario")
    return booked


def regime_pricer(policy: CommunePolicy, scenario: Scenario, pricer: UnitPricer) -> UnitPricer:
    """*pricer*, with the regime's own price for the days of a child under a priced regime.

    A child under fixed days pays the fixed-days price on the chosen weekdays and the
    occasional price on any other day; a child under the occasional regime pays the occasional
    price. A regime that gives no price leaves the tariff's.
    """
    # (child, service) -> (fixed weekdays, fixed-days unit, occasional unit)
    priced: dict[tuple[str, str], tuple[frozenset[int], PricedUnit | None, PricedUnit | None]] = {}
    for chosen in scenario.regimes:
        offered = policy.regimes_of(chosen.service)
        if offered is None or chosen.regime is None:
            continue
        fixed, occasional = offered.fixed_days, offered.occasional
        fixed_unit = occasional_unit = None
        if occasional is not None and occasional.unit_price is not None:
            occasional_unit = PricedUnit(occasional.unit_price, occasional.label)
        weekdays: frozenset[int] = frozenset()
        if chosen.regime is ChosenRegime.FIXED_DAYS and fixed is not None:
            weekdays = chosen.weekdays or frozenset()
            if fixed.unit_price is not None:
                fixed_unit = PricedUnit(fixed.unit_price, fixed.label)
        if fixed_unit is not None or occasional_unit is not None:
            priced[(chosen.child, chosen.service)] = (weekdays, fixed_unit, occasional_unit)
    if not priced:
        return pricer

    def price(child_id: str, code: str, day: date) -> PricedUnit:
        regime = priced.get((child_id, code))
        if regime is None:
            return pricer(child_id, code, day)
        weekdays, fixed_unit, occasional_unit = regime
        unit = fixed_unit if day.weekday() in weekdays else occasional_unit
        if unit is not None:
            return unit
        # The tariff's price, for this day only: the invoice must ask again for the next day,
        # which the regime may price.
        base = pricer(child_id, code, day)
        return PricedUnit(base.unit_price, base.tariff_name)

    return price


@pickled_by_fields
@attrs.frozen
class AttendanceCharges:
    """What the period's attendance charges, for [`bill`][cantine_rules.billing.bill].

    Attributes:
        attendance: attendance records the invoice charges as it charges any booked day (an
            absence where the commune sets no absence policy; a presence without booking where
            it sets no rule, listed for the commune to decide).
        decided: the charge of each day an event or a declaration decided, replacing the
            tariff: absences judged by their notice, presences without booking, non-billable
            days.
        covered: the booked days a monthly fee bills, left out of the day-by-day lines.
        lines: lines of their own: late pick-up fees and monthly fees, in canonical order.
    """

    attendance: Mapping[LineKey, Attendance]
    decided: Mapping[LineKey, DecidedCharge]
    covered: frozenset[LineKey]
    lines: tuple[InvoiceLine, ...]

    def uncovered(self, booked: Mapping[LineKey, Booking]) -> Iterable[Booking]:
        """The bookings of *booked* billed day by day: those no monthly fee covers."""
        if not self.covered:
            return booked.values()
        return [booking for key, booking in booked.items() if key not in self.covered]

    def complete(self, invoice: Invoice) -> Invoice:
        """*invoice* with the lines of its own added (itself when there are none)."""
        if not self.lines:
            return invoice
        return Invoice.from_lines(
            invoice.start,
            invoice.end,
            (*invoice.lines, *self.lines),
            invoice.unbooked_presences,
        )


def _when(at: datetime | None) -> str:
    # ISO strings of UTC instants sort as the instants do; no instant sorts first.
    return "" if at is None else at.astimezone(UTC).isoformat()


def _event_order(event: AttendanceEvent) -> tuple[object, ...]:
    return (
        event.day,
        event.child,
        event.service,
        event.kind.value,
        _when(event.notice_at),
        _when(event.certificate_at),
        _when(event.picked_up_at),
    )


def _check_events(
    policy: CommunePolicy, scenario: Scenario, booked_days: frozenset[LineKey]
) -> None:
    """Report every event or declared day the scenario cannot hold.

    An event on an unknown service, outside the period, or on a day it cannot be; a declared
    non-billable day naming an unknown service.
    """
    problems: list[Problem] = []
    known = {service.code for service in policy.services}
    listed = ", ".join(sorted(known))
    pickups = dict(policy.late_pickup)
    seen: dict[tuple[EventKind, LineKey], int] = {}
    for index, event in enumerate(scenario.attendance):
        path = f"attendance[{index}]"
        key = (event.child, event.service, event.day)
        if event.service not in known:
            problems.append(
                Problem(f"{path}.service", f"unknown {event.service!r}; known: {listed}")
            )
            continue
        if not scenario.start <= event.day <= scenario.end:
            problems.append(
                Problem(
                    f"{path}.day",
                    f"{event.day} is outside the period {scenario.start} to {scenario.end}",
                )
            )
            continue
        earlier = seen.setdefault((event.kind, key), index)
        if earlier != index:
            problems.append(Problem(path, f"the same {event.kind.value} as attendance[{earlier}]"))
        if event.kind is EventKind.ABSENT and key not in booked_days:
            problems.append(
                Problem(f"{path}.day", f"{event.service} is not booked for {event.child} that day")
            )
        elif event.kind is EventKind.PRESENT_UNBOOKED and key in booked_days:
            problems.append(
                Problem(f"{path}.day", f"{event.service} is booked for {event.child} that day")
            )
        elif event.kind is EventKind.LATE_PICKUP and event.service not in pickups:
            problems.append(
                Problem(f"{path}.service", f"{policy.slug} sets no late pick-up fee for it")
            )
    for index, declared in enumerate(scenario.non_billable_days.days):
        for position, code in enumerate(declared.services):
            if code not in known:
                problems.append(
                    Problem(
                        f"non_billable_days[{index}].services[{position}]",
                        f"unknown {code!r}; known: {listed}",
                    )
                )
    if problems:
        raise PolicyError(problems, "scenario")


def _declaration(
    declarations: Iterable[NonBillableDay], code: str, day: date
) -> NonBillableDay | None:
    """The commune's declaration that makes *code* on *day* non-billable, if any."""
    for declared in declarations:
        # A child's site is not part of a scenario: a declaration for some sites covers no one.
        if declared.covers(code, day):
            return declared
    return None


def charge_attendance(
    policy: CommunePolicy,
    scenario: Scenario,
    booked: Mapping[LineKey, Booking],
    pricer: UnitPricer,
    late_charges: Iterable[LineKey] = (),
) -> AttendanceCharges:
    """Charge the period's attendance events, non-billable days and monthly fees.

    Args:
        policy: the commune's policy.
        scenario: the period, with its events, regimes and declared non-billable days.
        booked: every booking at billing time, in its state, by (child, service, day).
        pricer: the children's unit prices (with their regimes' prices).
        late_charges: the days the period's late changes charged (a late cancellation still
            billed), which a non-billable day frees too.

    Raises:
        PolicyError: every event on an unknown service or outside the period, an absence from
            a day not booked, a presence « without booking » on a booked day, a late pick-up
            where the commune sets no fee, the same event twice; each at its path.
        NoTariffInForceError: a charge based on the price, on a day no tariff covers.
    """
    declarations = (*policy.non_billable_days.days, *scenario.non_billable_days.days)
    if not (scenario.attendance or scenario.regimes or declarations):
        # Nothing happened on any day: a large commune's period is billed without a pass here.
        return AttendanceCharges({}, {}, frozenset(), ())
    start, end = scenario.start, scenario.end
    booked_days = frozenset(
        key
        for key, booking in booked.items()
        if booking.state.books_the_day and start <= key[2] <= end
    )
    _check_events(policy, scenario, booked_days)
    events = sorted(scenario.attendance, key=_event_order)
    holders = _fee_holders(policy, scenario)
    covered = frozenset(
        key for key in booked_days if any(key[:2] == holder[1:] for holder in holders)
    )
    attendance: dict[LineKey, Attendance] = {}
    decided: dict[LineKey, DecidedCharge] = {}
    absent_covered: set[LineKey] = set()
    _judge_absences(policy, events, covered, pricer, attendance, decided, absent_covered)
    _price_unbooked(policy, events, pricer, attendance, decided)
    charged = {key for key in late_charges if start <= key[2] <= end}
    for key in (
        sorted(booked_days | charged | set(decided) | set(attendance)) if declarations else ()
    ):
        _child_id, code, day = key
        declared = _declaration(declarations, code, day)
        if declared is None or key in covered:
            continue
        attendance.pop(key, None)
        decided[key] = DecidedCharge(
            Money.zero(), _NON_BILLABLE_LABEL, f"jour non facturable : {declared.label}", False
        )
    lines = [
        *_pickup_lines(policy, events),
        *_fee_lines(scenario, holders, covered, absent_covered),
    ]
    return AttendanceCharges(attendance, decided, covered, tuple(lines))


def _judge_absences(
    policy: CommunePolicy,
    events: Iterable[AttendanceEvent],
    covered: frozenset[LineKey],
    pricer: UnitPricer,
    attendance: dict[LineKey, Attendance],
    decided: dict[LineKey, DecidedCharge],
    absent_covered: set[LineKey],
) -> None:
    # One run of absence per notice: the waiting days count from the notice, and a
    # certificate waives from a position in the run.
    runs: defaultdict[tuple[str, str, datetime | None, datetime | None], list[date]] = defaultdict(
        list
    )
    for event in events:
        if event.kind is not EventKind.ABSENT:
            continue
        key = (event.child, event.service, event.day)
        if key in covered:
            absent_covered.add(key)
            continue
        runs[(event.child, event.service, event.notice_at, event.certificate_at)].append(event.day)
    for (child_id, code, notice_at, certificate_at), days in runs.items():
        rule = policy.absences.for_service(code)
        if rule is None:
            justification = Justification.MEDICAL_CERTIFICATE if certificate_at else None
            for day in days:
                attendance[(child_id, code, day)] = Attendance.absent(justification)
            continue

        def price_of(day: date, child_id: str = child_id, code: str = code) -> Money:
            return pricer(child_id, code, day).unit_price

        judged = rule.judge(
            policy.service(code),
            days,
            calendar=policy.calendar,
            notice_at=notice_at,
            certificate_at=certificate_at,
            runs_on=policy.booking.days_of(code),
            price_of=price_of,
        )
        for absent in judged:
            key = (child_id, code, absent.day)
            label = _ABSENCE
            if absent.charged and isinstance(rule.charge, BookedPrice):
                label = pricer(child_id, code, absent.day).tariff_name
            # Not waivable: the absence policy has already weighed the certificate.
            decided[key] = DecidedCharge(
                absent.charge, label, ABSENCE_REASONS[absent.reason], waivable=False
            )


def _occurrences(
    period: RepetitionPeriod | None,
    counted_per: CountedPer,
    earlier: Mapping[str, list[date]],
    child_id: str,
    day: date,
) -> int:
    """How many charged occurrences came before, in the period, for the child or the family.

    Events come by day, then child: one of the same day (another child of the family) counts
    as earlier too.
    """
    if period is None:
        return 0
    whose = child_id if counted_per is CountedPer.CHILD else ""
    days = earlier.get(whose, [])
    same_day = sum(1 for earlier_day in days if earlier_day == day)
    return count_in_period(period, days, day) + same_day


def _price_unbooked(
    policy: CommunePolicy,
    events: Iterable[AttendanceEvent],
    pricer: UnitPricer,
    attendance: dict[LineKey, Attendance],
    decided: dict[LineKey, DecidedCharge],
) -> None:
    rules = policy.unbooked_presence
    earlier: defaultdict[tuple[str, str], list[date]] = defaultdict(list)
    for event in events:
        if event.kind is not EventKind.PRESENT_UNBOOKED:
            continue
        key = (event.child, event.service, event.day)
        rule = None if rules is None else rules.for_service(event.service)
        if rule is None:
            attendance[key] = Attendance.present()
            continue
        whose = event.child if rule.counted_per is CountedPer.CHILD else ""
        counted = {whose: earlier[(event.service, whose)]}
        count = _occurrences(rule.period, rule.counted_per, counted, event.child, event.day)
        try:
            charge = price_unbooked_presence(rule, None, count)
        except MissingPriceError:
            base = pricer(event.child, event.service, event.day).unit_price
            charge = price_unbooked_presence(rule, base, count)
        earlier[(event.service, whose)].append(event.day)
        meal = policy.service(event.service).kind is ServiceKind.MEAL
        decided[key] = DecidedCharge(
            charge.amount, _UNBOOKED_LABEL, _UNBOOKED_MEAL if meal else _UNBOOKED_OTHER
        )


def _pickup_lines(policy: CommunePolicy, events: Iterable[AttendanceEvent]) -> list[InvoiceLine]:
    rules = dict(policy.late_pickup)
    # A fee charged once per family is charged for the family's last pick-up of the day.
    pickups: dict[tuple[str, date, str], AttendanceEvent] = {}
    for event in events:
        if event.kind is not EventKind.LATE_PICKUP:
            continue
        rule = rules[event.service]
        whose = event.child if rule.per is CountedPer.CHILD else ""
        slot = (event.service, event.day, whose)
        kept = pickups.get(slot)
        if kept is None or _picked_up(event) > _picked_up(kept):
            pickups[slot] = event
    lines: list[InvoiceLine] = []
    earlier: defaultdict[tuple[str, str], list[date]] = defaultdict(list)
    for (code, day, whose), event in sorted(
        pickups.items(), key=lambda item: (item[0][1], item[0])
    ):
        rule = rules[code]
        counted = {whose: earlier[(code, whose)]}
        count = _occurrences(rule.period, CountedPer.CHILD, counted, whose, day)
        assert event.picked_up_at is not None  # a late pick-up has its instant
        fee = policy.late_pickup_fee(code, day, event.picked_up_at, earlier_in_period=count)
        if fee is None or fee.amount.is_zero():
            # On time, or within a band the règlement leaves free: nothing to bill or count.
            continue
        earlier[(code, whose)].append(day)
        tariff = f"retard, tranche {fee.band + 1}"
        lines.append(
            InvoiceLine(
                day,
                event.child,
                code,
                tariff,
                fee.amount,
                1,
                fee.amount,
                LineKind.DECIDED,
                _LATE_PICKUP,
            )
        )
    return lines


def _picked_up(event: AttendanceEvent) -> tuple[float, str]:
    assert event.picked_up_at is not None
    return (event.picked_up_at.timestamp(), event.child)


def _fee_holders(
    policy: CommunePolicy, scenario: Scenario
) -> tuple[tuple[MonthlyFlatFee, str, str], ...]:
    """(fee, child, service) for each monthly fee a child pays, sorted."""
    holders: list[tuple[MonthlyFlatFee, str, str]] = []
    for chosen in scenario.regimes:
        offered = policy.regimes_of(chosen.service)
        if offered is None:
            continue
        holders.extend(
            (fee, chosen.child, chosen.service) for fee in _fees_of(offered, chosen, "", [])
        )
    return tuple(sorted(holders, key=lambda holder: (holder[1], holder[2], holder[0].code)))


def _months(start: date, end: date) -> list[date]:
    months = []
    month = month_of(start)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _fee_reason(reason: FeeReason, absent: int) -> str:
    if reason is FeeReason.FEE_LESS_REFUNDS:
        return f"{_MONTHLY_FEE}, {absent} absence(s) remboursée(s)"
    if reason is FeeReason.REFUNDS_COVER_FEE:
        return f"{_MONTHLY_FEE}, couvert par les absences remboursées"
    return _MONTHLY_FEE


def _fee_lines(
    scenario: Scenario,
    holders: tuple[tuple[MonthlyFlatFee, str, str], ...],
    covered: frozenset[LineKey],
    absent: set[LineKey],
) -> list[InvoiceLine]:
    # Who pays each fee: each child, or the family once (on the line of its first child).
    payers: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    fees: dict[tuple[str, str], MonthlyFlatFee] = {}
    children_by_fee: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for fee, child_id, code in holders:
        fees[(code, fee.code)] = fee
        children_by_fee[(code, fee.code)].add(child_id)
        payer = child_id if fee.per is FeeBasis.CHILD else ""
        payers[(code, fee.code, payer)].append(child_id)
    lines: list[InvoiceLine] = []
    for (code, fee_code, _payer), children in sorted(payers.items()):
        fee = fees[(code, fee_code)]
        count = len(children_by_fee[(code, fee_code)])
        booked = {key[2] for key in covered if key[0] in children and key[1] == code}
        missed = {key[2] for key in absent if key[0] in children and key[1] == code}
        for month in _months(scenario.start, scenario.end):
            charge = fee.month_charge(month, booked, absent_days=missed, children=count)
            if charge.reason is FeeReason.NO_BOOKED_DAY:
                continue
            lines.append(
                InvoiceLine(
                    max(month, scenario.start),
                    min(children),
                    code,
                    fee.label,
                    charge.amount,
                    1,
                    charge.amount,
                    LineKind.DECIDED,
                    _fee_reason(charge.reason, charge.absent_days),
                )
            )
    return lines
