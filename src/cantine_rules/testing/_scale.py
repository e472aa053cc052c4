"""A month of work for many families, drawn from a seed: for the scale tests and benchmarks."""

from __future__ import annotations

import random
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, time, timedelta

from cantine_rules._time import at_paris
from cantine_rules.model import BookingChange, ChangeAction, Child, Justification, ServiceKind
from cantine_rules.plain import AbsenceSpec, BookingSpec, Scenario
from cantine_rules.policies import CommunePolicy
from cantine_rules.pricing.tariffs import NoTariffInForceError, TariffSchedule
from cantine_rules.scale import MonthOfWork

__all__ = ["month_of_work"]

#: The services a family books by weekday through the school weeks.
_SCHOOL_DAY_KINDS = frozenset(
    {ServiceKind.MEAL, ServiceKind.MORNING_CARE, ServiceKind.EVENING_CARE, ServiceKind.STUDY}
)


def month_of_work(
    policies: Iterable[CommunePolicy],
    families: int,
    *,
    month: date = date(2024, 10, 1),
    seed: int = 0,
) -> MonthOfWork:
    """*families* families per commune, each with its month: bookings, absences and changes.

    Each family has one to three children; each child books one to three of the commune's
    school-day services priced through the month (meals, garderies, étude) on two to five
    weekdays; about one booked day in twenty is an absence (a third of them with a medical
    certificate), and about one child's service in ten cancels a day ten days ahead. Families
    have a quotient familial from 150 to 2,500 €. The same arguments give the same work.

    Examples:
        >>> from cantine_rules import policies
        >>> work = month_of_work([policies.get("paris")], 3, seed=1)
        >>> [scenario.family_id for scenario in work.scenarios]
        ['paris-000000', 'paris-000001', 'paris-000002']
    """
    rng = random.Random(seed)
    start = month.replace(day=1)
    end = start.replace(day=monthrange(start.year, start.month)[1])
    scenarios = []
    chosen = tuple(policies)
    for policy in chosen:
        priced = {
            schedule.service_code for schedule in policy.tariffs if _in_force(schedule, start, end)
        }
        codes = [
            service.code
            for service in policy.booking.services
            if service.kind in _SCHOOL_DAY_KINDS and service.code in priced
        ]
        for number in range(families):
            family_id = f"{policy.slug}-{number:06d}"
            scenarios.append(_family(rng, policy.slug, family_id, codes, start, end))
    return MonthOfWork(chosen, scenarios)


def _in_force(schedule: TariffSchedule, start: date, end: date) -> bool:
    try:
        schedule.at(start)
        schedule.at(end)
    except NoTariffInForceError:
        return False
    return True


def _family(
    rng: random.Random, commune: str, family_id: str, codes: list[str], start: date, end: date
) -> Scenario:
    children = tuple(
        Child(f"{family_id}-{rank}", f"Enfant {rank}", date(2014 + rng.randrange(7), 1 + rank, 3))
        for rank in range(1, 2 + rng.randrange(3))
    )
    bookings = []
    absences = []
    changes = []
    days = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    for child in children:
        for code in rng.sample(codes, k=min(len(codes), 1 + rng.randrange(3))):
            weekdays = frozenset(rng.sample(range(5), k=2 + rng.randrange(4)))
            bookings.append(BookingSpec(child.id, code, weekdays=weekdays))
            for day in days:
                if day.weekday() in weekdays and rng.random() < 0.05:
                    medical = rng.random() < 1 / 3
                    justification = Justification.MEDICAL_CERTIFICATE if medical else None
                    absences.append(AbsenceSpec(child.id, code, day, justification))
            if rng.random() < 0.1:
                day = rng.choice([day for day in days if day.weekday() in weekdays])
                at = at_paris(day - timedelta(days=10), time(9, 0))
                changes.append(BookingChange(ChangeAction.CANCEL, child.id, code, day, at))
    return Scenario(
        commune,
        start,
        end,
        family_id,
        quotient_familial=rng.randrange(150, 2500),
        children=children,
        bookings=tuple(bookings),
        absences=tuple(absences),
        changes=tuple(changes),
    )
