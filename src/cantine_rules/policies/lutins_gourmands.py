"""« Portail famille », cantine « Les Lutins Gourmands » (commune not named): paiement immédiat.

References:
    * Seed 001, the portal's tutorial for families « Tutoriel d'aide à la réservation et au
      paiement des activités cantine / garderie » (2019).

The tutorial does not name the commune, so neither its school zone nor any booking deadline is
known; both are defaults here, marked as such. The meal costs 3,60 € « à l'unité »; the garderie's
prices are not given and are defaults.

>>> from datetime import date
>>> POLICY.price("cantine", date(2016, 9, 1)).unit_price
Money.euros('3.60')
>>> MEAL.amount
Money.euros('3.60')
"""

from __future__ import annotations

from datetime import date, time
from typing import Final

from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.model import Service, ServiceKind
from cantine_rules.money import Money
from cantine_rules.policies.commune import (
    Citation,
    CommunePolicy,
    PaymentScheme,
    unit_price_schedules,
)
from cantine_rules.policies.registry import aliases
from cantine_rules.pricing._payment import PaymentMode
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariffs import UnitPrice
from cantine_rules.rules.booking import BookingRules, Requirements, ServiceRules
from cantine_rules.rules.deadlines import CalendarDaysBefore
from cantine_rules.rules.late import LateHandling, Refuse
from cantine_rules.sources import Source

__all__ = ["GUIDE", "MEAL", "POLICY"]

GUIDE: Final = "Tutoriel d'aide à la réservation et au paiement des activités cantine / garderie"
"""The title of the commune's guide for parents, which the sources name."""

_THE_GUIDE: Final = f"the guide « {GUIDE} »"
"""How the reasons of the defaults below name the guide."""

_UNNAMED: Final = Source.default(
    f"{_THE_GUIDE} does not name the commune, so its school zone is unknown; zone A is assumed"
)
_NO_TIMES: Final = Source.default(
    f"{_THE_GUIDE} names the services but gives no times; usual school hours chosen"
)
_NO_DEADLINE: Final = Source.default(
    f"{_THE_GUIDE} gives no deadline; « la veille à 10:00 », a rule seen in other communes, is "
    "assumed until the commune's own is configured"
)
_NO_PRICE: Final = Source.default(f"{_THE_GUIDE} gives no garderie price; placeholder")

SERVICES: Final = (
    # « Cantine pour les Maternelles et les Élémentaires - Cantine », « à l'unité ».
    Service(
        "cantine", "Cantine Les Lutins Gourmands", ServiceKind.MEAL, time(11, 30), time(13, 30)
    ),
    Service(
        "garderie-matin", "Garderie du matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30)
    ),
    Service(
        "garderie-soir", "Garderie du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30)
    ),
)

_DAY_BEFORE_10H: Final = ServiceRules(
    add=CalendarDaysBefore(1, time(10, 0)),
    cancel=CalendarDaysBefore(1, time(10, 0)),
    late_add=LateHandling(online=Refuse(), office=Refuse()),
    late_cancel=LateHandling(online=Refuse(), office=Refuse()),
)

MEAL: Final = UnitPrice(
    Money.euros("3.60"),
    Source.seed(
        "01/09/2016 Louise - Cantine pour les Maternelles et les Élémentaires - Cantine "
        "à l'unité 3.60€"
    ),
)
"""« Cantine à l'unité 3.60€ », for each day of the summary. The seed does not say since when, so
this is a tariff, not a schedule; `POLICY` applies it from the first day the seed shows.
"""

_SINCE: Final = date(2016, 9, 1)

POLICY: Final = CommunePolicy(
    slug="lutins-gourmands",
    name="Les Lutins Gourmands",
    booking=BookingRules(
        calendar=SchoolCalendar(Zone.A, first_year=2016),
        services=SERVICES,
        default=_DAY_BEFORE_10H,
        requirements=Requirements(account_validated=True, child_registered=True),
        # « Afin d'enregistrer définitivement votre saisie, veuillez cliquer sur le bouton
        # "Payer" »: the booking stands once paid, with no validation by the commune after.
        auto_validate=True,
    ),
    payment_scheme=PaymentScheme.IMMEDIATE,
    payment_modes=(PaymentMode.PAYFIP, PaymentMode.TICKETS),
    tariffs=(
        TariffSchedule(
            "cantine",
            (TariffVersion(_SINCE, MEAL, MEAL.source),),
        ),
        *unit_price_schedules(
            {"garderie-matin": Money.euros("1.20"), "garderie-soir": Money.euros("1.80")},
            since=_SINCE,
            source=_NO_PRICE,
        ),
    ),
    citations=(
        Citation("calendar", _UNNAMED),
        Citation(
            "calendar.week",
            Source.default(
                f"{_THE_GUIDE} does not say which days have class; the 4-day week most "
                "communes keep is assumed"
            ),
        ),
        Citation("service.cantine", _NO_TIMES),
        Citation("service.garderie-matin", _NO_TIMES),
        Citation("service.garderie-soir", _NO_TIMES),
        Citation("rules.cantine", _NO_DEADLINE),
        Citation("rules.garderie-matin", _NO_DEADLINE),
        Citation("rules.garderie-soir", _NO_DEADLINE),
        Citation(
            "requirements",
            Source.seed(
                "Les comptes internautes ont été créés pour toutes les familles ayant retourné le "
                "questionnaire. … Inscriptions : Cantine Les Lutins Gourmands"
            ),
        ),
        Citation(
            "payment",
            Source.seed(
                "Cliquez sur « Payer » (si vous ne faites pas cette manipulation vos réservations "
                "ne seront pas prises en compte). … La solution de paiement de la Direction "
                "Générale des Finances Publiques … les personnes qui auraient encore en leur "
                "possession des tickets cantine, il vous faudra vous présenter en mairie pour "
                "faire les réservations et payer avec ce mode paiement là jusqu'à écoulement de "
                "ceux-ci."
            ),
        ),
    ),
    # The registry is the one list of aliases; the policy carries them for its plain-data form.
    aliases=aliases()["lutins-gourmands"],
)
