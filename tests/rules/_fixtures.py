"""The booking rules, services and changes shared by the engine's tests (seed 002, a
Chantraine-like 48-hour rule)."""

from __future__ import annotations

from datetime import date, datetime, time

from cantine_rules import (
    EUROPE_PARIS,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Justification,
    Money,
    Service,
    ServiceKind,
)
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.policies import (
    AcceptWithSurcharge,
    BasePlus,
    BookingRules,
    FlatPrice,
    FreeAllowance,
    HoursBefore,
    KeepCharging,
    LateHandling,
    Refuse,
    ServiceRules,
    WorkingDaysBefore,
)
from tests._helpers import paris

CAL_B = SchoolCalendar(Zone.B)
MEAL = Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(12, 0), time(13, 30))
MORNING = Service("matin", "Accueil du matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30))
EVENING = Service("soir", "Accueil du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30))
WEDNESDAY = Service(
    "mercredi", "ALSH mercredi", ServiceKind.WEDNESDAY_CENTRE, time(8, 0), time(18, 0)
)
HOLIDAYS = Service("vacances", "ALSH vacances", ServiceKind.HOLIDAY_CENTRE, time(8), time(18))
ALSH = Refuse(contact="l'ALSH")


def periscolaire(flat: str) -> ServiceRules:
    # Seed 002: « Périscolaire Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré
    # (4€ le matin / 10€ le soir) — Une annulation vous sera facturé le prix du service ».
    return ServiceRules(
        add=WorkingDaysBefore(2),
        cancel=WorkingDaysBefore(2),
        late_add=LateHandling(ALSH, AcceptWithSurcharge(FlatPrice(Money.euros(flat)))),
        late_cancel=LateHandling(ALSH, KeepCharging()),
    )


# Seed 002: « Mercredi et Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré
# (tarif journée + 3€) — Une annulation vous sera facturé le prix du service ».
CENTRE = ServiceRules(
    add=WorkingDaysBefore(5),
    cancel=WorkingDaysBefore(5),
    late_add=LateHandling(ALSH, AcceptWithSurcharge(BasePlus(Money.euros(3)))),
    late_cancel=LateHandling(ALSH, KeepCharging()),
)
SEED_002 = BookingRules(
    CAL_B,
    (MEAL, MORNING, EVENING, WEDNESDAY, HOLIDAYS),
    default=periscolaire("10"),
    by_kind={
        ServiceKind.WEDNESDAY_CENTRE: CENTRE,
        ServiceKind.HOLIDAY_CENTRE: CENTRE,
        ServiceKind.MORNING_CARE: periscolaire("4"),
    },
)
CHANTRAINE_LIKE = BookingRules(
    CAL_B, (MEAL,), ServiceRules(add=HoursBefore(48), cancel=HoursBefore(48))
)


def change(
    action: ChangeAction,
    service: str,
    day: date,
    at: datetime,
    channel: Channel = Channel.ONLINE,
    child: str = "c1",
    justification: Justification | None = None,
) -> BookingChange:
    return BookingChange(action, child, service, day, at, channel, justification)


ADD, CANCEL = ChangeAction.ADD, ChangeAction.CANCEL
ONLINE, OFFICE = Channel.ONLINE, Channel.OFFICE
THURSDAY = date(2024, 9, 19)


def office_rules(surcharge: object, cancel: object = None) -> BookingRules:
    return BookingRules(
        CAL_B,
        (MEAL,),
        ServiceRules(
            HoursBefore(48),
            HoursBefore(48),
            late_add=LateHandling(Refuse(), AcceptWithSurcharge(surcharge)),  # type: ignore[arg-type]
            late_cancel=LateHandling(Refuse(), cancel or KeepCharging()),  # type: ignore[arg-type]
        ),
    )


LATE_AT = paris(2024, 9, 18, 9, 0)


def day_at(day: date) -> datetime:
    """One hour before the service: always late under a 48-hour rule."""
    return datetime.combine(day, time(11, 0), tzinfo=EUROPE_PARIS)


def sick_cancellations() -> list[BookingChange]:
    """Late cancellations at the office, with a medical certificate, for Thursday 19 September,
    Friday 20 and Monday 23 September 2024: one sick absence across a weekend."""
    return [
        change(
            CANCEL,
            "repas",
            day,
            day_at(day),
            OFFICE,
            justification=Justification.MEDICAL_CERTIFICATE,
        )
        for day in (date(2024, 9, 19), date(2024, 9, 20), date(2024, 9, 23))
    ]


FAMILY = Family("F-7", children=(Child("c1", "Louise", date(2017, 3, 2)),))
ANA_AND_BEN = Family(
    "F1", children=(Child("a", "Ana", date(2016, 1, 1)), Child("b", "Ben", date(2018, 1, 1)))
)
SOME_RULES = ServiceRules(HoursBefore(48), HoursBefore(48))


def _add_48_cancel_1() -> BookingRules:
    """Fresh rules (with no window kept yet) where adding closes 48 h and cancelling 1 h ahead."""
    return BookingRules(
        CAL_B,
        (MEAL,),
        ServiceRules(
            add=HoursBefore(48),
            cancel=HoursBefore(1),
            late_add=LateHandling(
                Refuse(), AcceptWithSurcharge(FreeAllowance(1, FlatPrice(Money.euros(4))))
            ),
            late_cancel=LateHandling(Refuse(), KeepCharging()),
        ),
    )
