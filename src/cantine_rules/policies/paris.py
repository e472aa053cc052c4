"""Paris, Caisses des écoles: restauration scolaire priced by quotient familial.

References:
    * Seed 004, a Caisse des écoles' page « La période d'inscription s'étend du 1er juin au
      23 août 2024 » and its FAQ.
    * The public grid of the Caisse des écoles (Paris, 2020/2021, cde7.fr), as given in the
      domain notes: T1 QF 0–234 € 0,13 €; T2 235–384 € 0,85 €; T3 385–548 € 1,62 €; T4 549–959 €
      2,28 €; T5 960–1370 € 3,62 €; T6 1371–1900 € 4,61 €; T7 from 1901 €; T10 7,00 €.

Families register between 1 June and 23 August 2024; a dossier after that, or no valid QF,
gives tarif 10 until it is regularised, with no retroactive reduction. A registration needs the
dossier validated. The meal's time and the booking deadline are not in the seed: defaults.

The 2020/2021 figures are the latest the sources give. They are carried into later school
years as a default, marked as such, so that the commune can be priced today; tarif 7's price and
tarif 8 and 9 are given by no source, and a QF of 1901 € or more cannot be priced.

>>> from datetime import date
>>> POLICY.price("repas", date(2024, 9, 2)).bracket
'tarif 10'
"""

from __future__ import annotations

from datetime import date, time
from typing import Final

from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.model import Service, ServiceKind
from cantine_rules.policies.commune import Citation, CommunePolicy, PaymentScheme
from cantine_rules.pricing.accounts import PaymentMode
from cantine_rules.pricing.tariffs import (
    PARIS_DOSSIER_2024,
    PARIS_MEAL_GRID_2020,
    PARIS_MEAL_TARIFFS,
    PARIS_QUOTIENT_POLICY_2024,
    TariffSchedule,
    TariffVersion,
)
from cantine_rules.rules.booking import BookingRules, Requirements, ServiceRules
from cantine_rules.rules.deadlines import WorkingDaysBefore
from cantine_rules.rules.late import LateHandling, Refuse
from cantine_rules.sources import Source

__all__ = ["POLICY"]

_CARRIED_FORWARD: Final = Source.default(
    "the 2020/2021 public grid is the latest the sources give; carried into later school years "
    "until the Caisse des écoles' current grid is configured"
)
_NO_DEADLINE: Final = Source.default(
    "the seed gives no booking deadline; 2 jours ouvrés before the meal is assumed"
)

SERVICES: Final = (
    Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 30), time(13, 30)),
)

_TWO_WORKING_DAYS: Final = ServiceRules(
    add=WorkingDaysBefore(2),
    cancel=WorkingDaysBefore(2),
    late_add=LateHandling(online=Refuse(), office=Refuse()),
    late_cancel=LateHandling(online=Refuse(), office=Refuse()),
)

POLICY: Final = CommunePolicy(
    slug="paris",
    name="Paris (Caisses des écoles)",
    booking=BookingRules(
        calendar=SchoolCalendar(Zone.C, department="75"),
        services=SERVICES,
        default=_TWO_WORKING_DAYS,
        requirements=Requirements(
            account_validated=True, child_registered=True, dossier_validated=True
        ),
        auto_validate=True,
    ),
    payment_scheme=PaymentScheme.POSTFACTURATION,
    payment_modes=(PaymentMode.CARD, PaymentMode.DIRECT_DEBIT),
    tariffs=(
        TariffSchedule(
            "repas",
            (
                *PARIS_MEAL_TARIFFS.versions,
                TariffVersion(date(2021, 9, 1), PARIS_MEAL_GRID_2020, _CARRIED_FORWARD),
            ),
        ),
    ),
    quotient_policy=PARIS_QUOTIENT_POLICY_2024,
    dossier=PARIS_DOSSIER_2024,
    citations=(
        Citation("calendar", Source.public("Paris (75), académie de Paris, zone C")),
        Citation(
            "service.repas",
            Source.default(
                "the seed names « la restauration scolaire » but gives no time; 11:30 assumed"
            ),
        ),
        Citation("rules.repas", _NO_DEADLINE),
        Citation(
            "requirements",
            Source.seed(
                "Suite à la validation de votre dossier, vous pouvez inscrire votre enfant depuis "
                "votre espace famille."
            ),
        ),
        Citation(
            "payment",
            Source.seed(
                "Sur votre espace famille, dans la section « Mes Factures » vous verrez la liste "
                "de vos factures en attente de paiement. … vous pouvez adhérer au prélèvement "
                "automatique"
            ),
        ),
    ),
    aliases=("seed-004", "caisse-des-ecoles-paris"),
)
