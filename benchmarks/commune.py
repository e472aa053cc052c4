"""A seeded synthetic commune for the benchmarks: children, services, rules, a year of bookings.

Three services (lunch, morning care, evening care) follow seed 002's « 48h jours ouvrés »: a change
is on time until the service's start time two working days before. Each child books each service
for the whole school year on a set of weekdays (seed 002: ticking Tuesday books every Tuesday),
most children on every school day. The same seed always gives the same commune.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

import attrs

from cantine_rules import (
    EUROPE_PARIS,
    BookingChange,
    ChangeAction,
    Channel,
    Justification,
    Money,
    Service,
    ServiceKind,
)
from cantine_rules.calendar import SchoolCalendar, SchoolYear, Zone
from cantine_rules.policies import (
    AcceptWithSurcharge,
    BookingRules,
    FlatPrice,
    KeepCharging,
    LateHandling,
    ServiceRules,
    WorkingDaysBefore,
)
from cantine_rules.pricing.accounts import (
    Attendance,
    AttendanceSheet,
    DecidedCharge,
    LineKey,
    PricedUnit,
)

YEAR = SchoolYear.starting_in(2024)
SCHOOL_WEEKDAYS = (0, 1, 3, 4)  # Monday, Tuesday, Thursday, Friday: the four-day week
DEADLINE_WORKING_DAYS = 2
MEAL = Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 45), time(13, 30))
MORNING = Service(
    "garderie_matin", "Périscolaire matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30)
)
EVENING = Service(
    "garderie_soir", "Périscolaire soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30)
)
SERVICES = (MEAL, MORNING, EVENING)
# Seed 002: a late add at the office costs « un tarif majoré : 4 € le matin, 10 € le soir »; a
# late cancellation is billed the price of the service.
_SURCHARGE = {MEAL.code: "5.00", MORNING.code: "4.00", EVENING.code: "10.00"}
# Tariff brackets: base price and step per bracket (10 brackets), in cents.
_PRICES = {MEAL.code: (13, 72), MORNING.code: (50, 20), EVENING.code: (80, 30)}
# The share of children booking a service on every school day; the others tick some weekdays.
_TAKE_UP = {MEAL.code: 0.85, MORNING.code: 0.6, EVENING.code: 0.7}


def calendar() -> SchoolCalendar:
    built = SchoolCalendar(Zone.C, first_year=YEAR.start.year - 1, last_year=YEAR.end.year + 1)
    # A calendar builds its per-day table on its first question: ask one now, so that every
    # timing starts with the calendar ready, as a portal's is after its first page.
    built.is_working_day(YEAR.start)
    return built


def rules(school_calendar: SchoolCalendar) -> BookingRules:
    deadline = WorkingDaysBefore(DEADLINE_WORKING_DAYS)
    by_service = {
        service.code: ServiceRules(
            add=deadline,
            cancel=deadline,
            late_add=LateHandling(
                office=AcceptWithSurcharge(FlatPrice(Money.euros(_SURCHARGE[service.code])))
            ),
            late_cancel=LateHandling(office=KeepCharging()),
        )
        for service in SERVICES
    }
    return BookingRules(
        school_calendar,
        SERVICES,
        ServiceRules(deadline, deadline),
        by_service=by_service,
        auto_validate=True,
    )


def child_ids(count: int) -> tuple[str, ...]:
    return tuple(f"E{number:05d}" for number in range(count))


@attrs.frozen
class PeriodRequest:
    """Children who tick the same weekdays of one service for the whole year."""

    service_code: str
    weekdays: tuple[int, ...]
    child_ids: tuple[str, ...]
    days: tuple[date, ...]


def period_requests(
    school_calendar: SchoolCalendar, children: Sequence[str], seed: int
) -> tuple[PeriodRequest, ...]:
    """The year's period bookings, grouped by service and ticked weekdays."""
    generator = random.Random(seed)
    groups: dict[tuple[str, tuple[int, ...]], list[str]] = defaultdict(list)
    for child_id in children:
        for service in SERVICES:
            weekdays: tuple[int, ...]
            if generator.random() < _TAKE_UP[service.code]:
                weekdays = SCHOOL_WEEKDAYS
            else:
                weekdays = tuple(day for day in SCHOOL_WEEKDAYS if generator.random() < 0.5)
            if weekdays:
                groups[service.code, weekdays].append(child_id)
    requests = []
    for (code, weekdays), members in sorted(groups.items()):
        runs = school_calendar.service_days(school_calendar_kind(code), YEAR.start, YEAR.end)
        days = tuple(day for day in runs if day.weekday() in weekdays)
        requests.append(PeriodRequest(code, weekdays, tuple(members), days))
    return tuple(requests)


def school_calendar_kind(code: str) -> ServiceKind:
    return next(service.kind for service in SERVICES if service.code == code)


#: When families send the year's period bookings: during the first week of school, so that the
#: first days are already past their deadline.
PERIOD_REQUESTED_AT = datetime(2024, 9, 3, 20, 0, tzinfo=EUROPE_PARIS)


def basket(
    school_calendar: SchoolCalendar, children: Sequence[str], count: int, seed: int
) -> tuple[BookingChange, ...]:
    """Individual changes as families make them through the year, on the days a portal offers
    (the service's days): adds and cancellations up to ten days ahead, some late, a tenth at the
    office, a fifth of the cancellations with a medical certificate."""
    generator = random.Random(seed)
    offered = {
        service.code: school_calendar.service_days(service.kind, YEAR.start, YEAR.end)
        for service in SERVICES
    }
    changes = []
    for _ in range(count):
        code = generator.choice(SERVICES).code
        day = generator.choice(offered[code])
        lead = timedelta(hours=generator.randrange(1, 24 * 10))
        requested_at = datetime.combine(day, time(8, 0), tzinfo=EUROPE_PARIS) - lead
        action = ChangeAction.CANCEL if generator.random() < 0.4 else ChangeAction.ADD
        channel = Channel.OFFICE if generator.random() < 0.1 else Channel.ONLINE
        sick = action is ChangeAction.CANCEL and generator.random() < 0.2
        changes.append(
            BookingChange(
                action,
                generator.choice(children),
                code,
                day,
                requested_at,
                channel,
                Justification.MEDICAL_CERTIFICATE if sick else None,
            )
        )
    return tuple(changes)


def price_of(child_id: str, service: Service, day: date) -> Money:
    return unit(child_id, service.code).unit_price


_UNITS: dict[tuple[str, int], PricedUnit] = {}


def unit(child_id: str, service_code: str) -> PricedUnit:
    bracket = int(child_id[-4:]) % 10
    found = _UNITS.get((service_code, bracket))
    if found is None:
        base, step = _PRICES[service_code]
        found = _UNITS[service_code, bracket] = PricedUnit(
            Money.from_cents(base + step * bracket),
            f"Tarif {bracket + 1}",
            valid_from=YEAR.start,
            valid_until=YEAR.end,
        )
    return found


def pricer(child_id: str, service_code: str, day: date) -> PricedUnit:
    """A ten-bracket quotient familial grid; the bracket is read from the child's number."""
    return unit(child_id, service_code)


def attendance(booked: dict[tuple[str, str], list[date]], seed: int) -> dict[LineKey, Attendance]:
    """What the agents recorded for each booked day: mostly present, 2 % sick, 3 % absent."""
    generator = random.Random(seed)
    sick = Attendance.absent(Justification.MEDICAL_CERTIFICATE)
    away = Attendance.absent()
    present = Attendance.present()
    records: dict[LineKey, Attendance] = {}
    for (child_id, code), days in booked.items():
        for day in days:
            roll = generator.random()
            records[child_id, code, day] = sick if roll < 0.02 else away if roll < 0.05 else present
    return records


def attendance_sheet(booked: Iterable[tuple[str, str, list[date]]], seed: int) -> AttendanceSheet:
    """The same records as `attendance`, given the same days in the same order, as a sheet.

    Made without a record per day: each kind's days per child and service, then one sheet per
    kind.
    """
    generator = random.Random(seed)
    sick = Attendance.absent(Justification.MEDICAL_CERTIFICATE)
    away = Attendance.absent()
    present: dict[tuple[str, str], Sequence[date]] = {}
    absent: dict[Attendance, dict[tuple[str, str], list[date]]] = {sick: {}, away: {}}
    # Children who tick the same weekdays have the same days: one tuple for all who came on
    # each of them, so that a large commune's month is not held once per child.
    shared: dict[tuple[date, ...], tuple[date, ...]] = {}
    for child_id, code, days in booked:
        came: list[date] | None = None
        for index, day in enumerate(days):
            roll = generator.random()
            if roll < 0.05:
                record = sick if roll < 0.02 else away
                absent[record].setdefault((child_id, code), []).append(day)
                if came is None:
                    came = list(days[:index])
            elif came is not None:
                came.append(day)
        if came is None:
            every = tuple(days)
            present[child_id, code] = shared.setdefault(every, every)
        else:
            present[child_id, code] = came
    sheet = AttendanceSheet.from_days(present, Attendance.present())
    for record, days_of in absent.items():
        sheet |= AttendanceSheet.from_days(days_of, record)
    return sheet


def late_charges(
    booked: dict[tuple[str, str], list[date]], count: int, seed: int
) -> dict[LineKey, DecidedCharge]:
    """Late adds at the office on the evening service (« tarif majoré »)."""
    generator = random.Random(seed)
    keys = sorted(booked)
    late = DecidedCharge(Money.euros("10"), "tarif majoré", "ajout hors délai")
    charges: dict[LineKey, DecidedCharge] = {}
    for _ in range(count):
        child_id, _code = generator.choice(keys)
        days = booked[child_id, _code]
        charges[child_id, EVENING.code, generator.choice(days)] = late
    return charges
