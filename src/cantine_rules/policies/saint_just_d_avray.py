"""Saint-Just-d'Avray (Rhône), OpenCantine: repas and garderie, before Thursday 17:00.

References:
    * Seed 003, « Tutoriel - Open Cantine » of the Mairie de Saint-Just-d'Avray.
    * Saint-Just-d'Avray is a commune of the Rhône (69), académie de Lyon: school zone A.

Bookings for a week must be entered before the Thursday 17:00 of the week before; nothing is
taken after that, and booking further ahead is always fine. The tool's « Centre matin » and
« Centre soir » columns are unused here (« Cet outil est utilisé uniquement pour la cantine et la
garderie »). The account is billed after the fact and shown as a statement. The tutorial does
not say whether Wednesday has class: the four-day week is a default, marked as one.

>>> POLICY.booking.rules_for("repas").add.describe()
'jeudi 17:00 de la semaine précédente'
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
from cantine_rules.rules.booking import BookingRules, Requirements, ServiceRules
from cantine_rules.rules.deadlines import WeekdayBefore
from cantine_rules.rules.late import LateHandling, Refuse
from cantine_rules.sources import Source

__all__ = ["GUIDE", "POLICY"]

GUIDE: Final = "Tutoriel - Open Cantine"
"""The title of the commune's guide for parents, which the sources name."""

_THE_GUIDE: Final = f"the guide « {GUIDE} »"
"""How the reasons of the defaults below name the guide."""

_NO_TIMES: Final = Source.default(
    f"{_THE_GUIDE} names « Repas », « Garderie matin » and « Garderie soir » but gives no times"
)
_NO_PRICE: Final = Source.default(f"{_THE_GUIDE} states no price; placeholders")
_THURSDAY_17H_SOURCE: Final = Source.seed(
    "Les inscriptions doivent être renseignées au plus tard avant le Jeudi 17h pour la semaine "
    "suivante. Attention, aucune inscription ne sera prise en compte passé ce délai. Vous pouvez "
    "renseigner à l'avance les repas sans aucun problème."
)

SERVICES: Final = (
    Service("repas", "Repas", ServiceKind.MEAL, time(11, 30), time(13, 30)),
    Service("garderie-matin", "Garderie matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30)),
    Service("garderie-soir", "Garderie soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30)),
)

# « avant le Jeudi 17h »: 17:00:00 is already too late. Unticking a day is entered on the same
# form (« Laissez la case vide les jours où il ne sera pas présent »), so cancelling follows the
# same deadline. « aucune inscription ne sera prise en compte passé ce délai »: refused anywhere.
_THURSDAY_17H: Final = ServiceRules(
    add=WeekdayBefore(3, time(17, 0)),
    cancel=WeekdayBefore(3, time(17, 0)),
    late_add=LateHandling(online=Refuse(), office=Refuse()),
    late_cancel=LateHandling(online=Refuse(), office=Refuse()),
)

POLICY: Final = CommunePolicy(
    slug="saint-just-d-avray",
    name="Saint-Just-d'Avray",
    booking=BookingRules(
        calendar=SchoolCalendar(Zone.A, department="69"),
        services=SERVICES,
        default=_THURSDAY_17H,
        requirements=Requirements(account_validated=True, child_registered=True),
        # « Cliquez sur enregistrer … pour sauvegarder vos modifications »: taken as entered.
        auto_validate=True,
    ),
    payment_scheme=PaymentScheme.POSTFACTURATION,
    payment_modes=(PaymentMode.CARD,),
    tariffs=unit_price_schedules(
        {
            "repas": Money.euros("3.80"),
            "garderie-matin": Money.euros("1.50"),
            "garderie-soir": Money.euros("2.00"),
        },
        since=date(2017, 9, 1),
        source=_NO_PRICE,
    ),
    citations=(
        Citation(
            "calendar",
            Source.public("Saint-Just-d'Avray (Rhône, 69), académie de Lyon, zone A"),
        ),
        Citation(
            "calendar.week",
            Source.default(
                f"{_THE_GUIDE} does not say which days have class; the 4-day week most communes "
                "keep is assumed until the commune's own is configured"
            ),
        ),
        Citation("service.repas", _NO_TIMES),
        Citation("service.garderie-matin", _NO_TIMES),
        Citation("service.garderie-soir", _NO_TIMES),
        Citation("rules.repas", _THURSDAY_17H_SOURCE),
        Citation("rules.garderie-matin", _THURSDAY_17H_SOURCE),
        Citation("rules.garderie-soir", _THURSDAY_17H_SOURCE),
        Citation(
            "requirements",
            Source.seed(
                "Connectez-vous pour connaitre la situation de votre compte, vos inscriptions en "
                "cours ou effectuer un paiement … N° de famille ou Adresse mail"
            ),
        ),
        Citation(
            "payment",
            Source.seed(
                "Votre solde à ce jour est de 0,00 € … Relevé de compte … Liste des inscriptions "
                "en cours et non facturées par enfant (card payment assumed for « effectuer un "
                "paiement »)"
            ),
        ),
    ),
    # The registry is the one list of aliases; the policy carries them for its plain-data form.
    aliases=aliases()["saint-just-d-avray"],
)
