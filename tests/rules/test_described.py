"""Every deadline rule and surcharge says itself in French and in English, word for word, and in
French for a language the tables do not know."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest

from cantine_rules import Money
from cantine_rules.rules.attendance_fees import CostPrice
from cantine_rules.rules.deadlines import (
    AllOf,
    CalendarDaysBefore,
    ClearDaysBefore,
    EndOfDayBefore,
    HoursBefore,
    MaxHorizon,
    MonthlyDeadline,
    SchoolDaysBefore,
    ServiceStart,
    WeekdayBefore,
    WeekdayDeadline,
    WeekdayTable,
    WorkingDaysBefore,
)
from cantine_rules.rules.late import BasePlus, BaseTimes, FlatPenalty, FlatPrice, FreeAllowance

DESCRIBED = [
    (HoursBefore(48), "48 heures avant le début du service", "48 hours before the service starts"),
    (WorkingDaysBefore(1), "1 jour ouvré avant le service", "1 working day before the service"),
    (
        WorkingDaysBefore(2, time(10)),
        "2 jours ouvrés avant le service, à 10:00",
        "2 working days before the service, at 10:00",
    ),
    (
        WeekdayBefore(3, time(17)),
        "jeudi 17:00 de la semaine précédente",
        "Thursday 17:00 the week before",
    ),
    (
        WeekdayBefore(1, time(23, 59), weeks_before=2),
        "mardi 23:59 2 semaines avant",
        "Tuesday 23:59 2 weeks before",
    ),
    (CalendarDaysBefore(0, time(9)), "le jour même à 09:00", "the same day at 09:00"),
    (CalendarDaysBefore(1, time(18)), "la veille à 18:00", "the day before at 18:00"),
    (CalendarDaysBefore(3, time(18)), "3 jours avant à 18:00", "3 days before at 18:00"),
    (ClearDaysBefore(15), "15 jours francs avant le service", "15 clear days before the service"),
    (
        ClearDaysBefore(15, from_break_start=True),
        "15 jours francs avant le premier jour des vacances",
        "15 clear days before the first day of the holidays",
    ),
    (SchoolDaysBefore(1), "la veille (jour d'école)", "the previous school day"),
    (
        SchoolDaysBefore(2, time(11)),
        "2 jours d'école avant le service avant 11:00",
        "2 school days before the service before 11:00",
    ),
    (
        SchoolDaysBefore(2, until_midnight=True),
        "2 jours d'école avant le service, jusqu'à minuit",
        "2 school days before the service, until midnight",
    ),
    (
        WeekdayTable(
            (
                WeekdayDeadline(frozenset({0, 1, 2}), 4, time(9)),
                WeekdayDeadline(frozenset({4}), 1, time(9, 30)),
            )
        ),
        "lundi, mardi et mercredi : le vendredi précédent avant 09:00 ; "
        "vendredi : le mardi précédent avant 09:30",
        "Monday, Tuesday and Wednesday: the previous Friday before 09:00; "
        "Friday: the previous Tuesday before 09:30",
    ),
    (MonthlyDeadline(20), "avant le 20 du mois précédent", "before day 20 of the previous month"),
    (
        MonthlyDeadline(1, months_before=0),
        "avant le 1er du mois du service",
        "before day 1 of the service's month",
    ),
    (
        MonthlyDeadline("last", time(12), months_before=2),
        "avant le dernier jour du 2e mois précédent à 12:00",
        "before the last day of the month 2 months before at 12:00",
    ),
    (EndOfDayBefore(1), "la veille jusqu'à minuit", "the day before, until midnight"),
    (
        EndOfDayBefore(8),
        "8 jours avant le service, jusqu'à minuit",
        "8 days before the service, until midnight",
    ),
    (MaxHorizon(60), "au plus 60 jours à l'avance", "at most 60 days ahead"),
    (ServiceStart(), "avant le début du service", "before the service starts"),
    (
        AllOf((WeekdayBefore(3, time(17)), MaxHorizon(60), HoursBefore(2))),
        "jeudi 17:00 de la semaine précédente et au plus 60 jours à l'avance "
        "et 2 heures avant le début du service",
        "Thursday 17:00 the week before and at most 60 days ahead "
        "and 2 hours before the service starts",
    ),
    (FlatPrice(Money.euros(4)), "tarif majoré de 4,00\xa0€", "surcharged price €4.00"),
    (BasePlus(Money.euros(3)), "tarif normal + 3,00\xa0€", "normal price + €3.00"),
    (BasePlus(Money.zero()), "tarif normal", "normal price"),
    (BaseTimes(Decimal("1.5")), "tarif normal + 50 %", "normal price + 50 %"),
    (BaseTimes(Decimal("1.125")), "tarif normal + 12,5 %", "normal price + 12.5 %"),
    (
        FlatPenalty(Money.euros("2.50")),
        "une pénalité de 2,50\xa0€ par famille",
        "a penalty of €2.50 per family",
    ),
    (
        FreeAllowance(2, BaseTimes(Decimal("1.5"))),
        "2 par mois au tarif normal, puis tarif normal + 50 %",
        "2 per month at the normal price, then normal price + 50 %",
    ),
    (CostPrice(Money.euros("5.49")), "prix coûtant de 5,49\xa0€", "cost price €5.49"),
]


@pytest.mark.parametrize(("rule", "french", "english"), DESCRIBED)
def test_each_rule_in_both_languages(rule: object, french: str, english: str) -> None:
    assert rule.describe("fr") == french  # type: ignore[attr-defined]
    assert rule.describe("en") == english  # type: ignore[attr-defined]
    # « describe » has always answered in French unless asked for English.
    assert rule.describe("de") == french  # type: ignore[attr-defined]
    assert rule.describe() == french  # type: ignore[attr-defined]
