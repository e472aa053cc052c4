"""Chantraine (Vosges): restauration scolaire, garderie and étude, booked 48 h ahead, prepaid.

References:
    * Seed 000, « Chantraine lance sa billetterie électronique » (guide for parents).
    * Chantraine is a commune of the Vosges (88), académie de Nancy-Metz: school zone B.

Where the guide is silent (the school week, the services' times, the prices, the garderie and
étude deadlines) this module sets a default and marks it as one; ``explain()`` says so. The
prepaid wallet's reminder threshold (`ALERT_THRESHOLD`) and the modes that credit it
(`CREDIT_MODES`) are here too; `POLICY.wallet()` gives a family's empty wallet with both.

>>> POLICY.booking.rules_for("repas").add.describe()
'48 heures avant le début du service'
>>> POLICY.wallet().alert_threshold
Money.euros('30.00')
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
from cantine_rules.rules.deadlines import HoursBefore
from cantine_rules.rules.late import LateHandling, Refuse
from cantine_rules.sources import Source

__all__ = ["ALERT_THRESHOLD", "CREDIT_MODES", "GUIDE", "POLICY"]

GUIDE: Final = "Chantraine lance sa billetterie électronique"
"""The title of the commune's guide for parents, which the sources name."""

_THE_GUIDE: Final = f"the guide « {GUIDE} »"
"""How the reasons of the defaults below name the guide."""

_NO_TIMES: Final = Source.default(
    f"{_THE_GUIDE} names « Restauration scolaire-garderie-étude » but gives no times; usual school "
    "hours chosen until the commune's own are configured"
)
_NO_PRICE: Final = Source.default(
    f"{_THE_GUIDE} states no price; placeholder until the commune's délibération is configured"
)

ALERT_THRESHOLD: Final = Money.euros("30")
"""« à partir de 30 € vous serez relancer par mail et sms »: *à partir de* means *from 30 € on*, so
the family is reminded when the wallet's balance is at or below 30,00 €."""

CREDIT_MODES: Final = frozenset({PaymentMode.CARD, PaymentMode.CHEQUE, PaymentMode.TRANSFER})
"""« choisir le mode de règlement carte bancaire, chèque et virement »: how the wallet is
credited, and the commune's only payment modes."""

SERVICES: Final = (
    Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 45), time(13, 30)),
    Service(
        "garderie-matin", "Garderie du matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30)
    ),
    Service(
        "garderie-soir", "Garderie du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30)
    ),
    Service("etude", "Étude", ServiceKind.STUDY, time(16, 30), time(17, 30)),
)

# « Attention les réservations sont prises en compte 48h avant le repas »: 48 elapsed hours, for
# adding and cancelling alike (« vous pouvez le désinscrire en cliquant sur la photo »). Late
# changes are not taken, online or at the mairie, which does « la même chose » for families
# without internet.
_48_HOURS: Final = ServiceRules(
    add=HoursBefore(48),
    cancel=HoursBefore(48),
    late_add=LateHandling(online=Refuse(), office=Refuse()),
    late_cancel=LateHandling(online=Refuse(), office=Refuse()),
)

POLICY: Final = CommunePolicy(
    slug="chantraine",
    name="Chantraine",
    booking=BookingRules(
        calendar=SchoolCalendar(Zone.B, department="88"),
        services=SERVICES,
        default=_48_HOURS,
        requirements=Requirements(account_validated=True, child_registered=True),
        # A booking is taken as soon as it is made: the child's photo shows on the day.
        auto_validate=True,
    ),
    payment_scheme=PaymentScheme.PREPAID,
    payment_modes=CREDIT_MODES,
    tariffs=unit_price_schedules(
        {
            "repas": Money.euros("3.50"),
            "garderie-matin": Money.euros("1.50"),
            "garderie-soir": Money.euros("2.00"),
            "etude": Money.euros("1.50"),
        },
        since=date(2017, 9, 1),
        source=_NO_PRICE,
    ),
    wallet_alert_threshold=ALERT_THRESHOLD,
    citations=(
        Citation(
            "calendar", Source.public("Chantraine (Vosges, 88), académie de Nancy-Metz, zone B")
        ),
        Citation(
            "calendar.week",
            Source.default(
                f"{_THE_GUIDE} does not say which days have class; the 4-day week most "
                "communes keep is assumed until the commune's own is configured"
            ),
        ),
        Citation("service.repas", _NO_TIMES),
        Citation("service.garderie-matin", _NO_TIMES),
        Citation("service.garderie-soir", _NO_TIMES),
        Citation("service.etude", _NO_TIMES),
        Citation(
            "rules.repas",
            Source.seed("Attention les réservations sont prises en compte 48h avant le repas"),
        ),
        Citation(
            "rules.garderie-matin",
            Source.default(f"{_THE_GUIDE} gives 48 h for the meal only; the same rule is assumed"),
        ),
        Citation(
            "rules.garderie-soir",
            Source.default(f"{_THE_GUIDE} gives 48 h for the meal only; the same rule is assumed"),
        ),
        Citation(
            "rules.etude",
            Source.default(f"{_THE_GUIDE} gives 48 h for the meal only; the same rule is assumed"),
        ),
        Citation(
            "requirements",
            Source.seed(
                "Une fois votre compte validé, la mairie va vérifier vos informations, et valider "
                "votre compte à son tour. … Vous devez ajouter vos enfants avant de planifier la "
                "cantine."
            ),
        ),
        Citation(
            "payment",
            Source.seed(
                "Vous allez dans le bouton porte-monnaie, choisir le mode de règlement carte "
                "bancaire, chèque et virement."
            ),
        ),
        Citation(
            "wallet",
            Source.seed(
                "Vous pourrez interroger votre compte qui doit toujours être crédité, à partir de "
                "30 € vous serez relancer par mail et sms. Tous les comptes négatifs seront "
                "immédiatement rappelés par le service comptable de la mairie"
            ),
        ),
    ),
    # The registry is the one list of aliases; the policy carries them for its plain-data form.
    aliases=aliases()["chantraine"],
)
