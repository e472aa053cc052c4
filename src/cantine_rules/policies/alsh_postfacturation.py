"""Espace famille with restauration scolaire, étude dirigée and ALSH, billed after the fact.

References:
    * Seed 002, « Espace famille » guide of an ALSH (commune not named), for 2021-2022.

Deadlines are counted in jours ouvrés: 2 for the périscolaire, 5 for Wednesdays and holidays.
The guide's recap writes the latter « (- 7 jours) »: 5 working days before a service day is one
calendar week before it when no public holiday intervenes, so the rule is kept as 5 working days.
Counting back from the service day, 2 working days before a Thursday is the Tuesday; the deadline
is at the service's start time on that day.

The commune is not named, so its school zone is a default; no price but the surcharges is given,
so the prices are defaults too.

The rules are composed by `build_policy`, which the module calls once for `POLICY`; a test
may call it again to compose them anew.

>>> POLICY.booking.rules_for("mercredi").add.describe()
'5 jours ouvrés avant le service'
"""

from __future__ import annotations

from datetime import date, time
from typing import Final

from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.model import BillingUnit, Service, ServiceKind
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
from cantine_rules.rules.deadlines import WorkingDaysBefore
from cantine_rules.rules.late import (
    AcceptWithSurcharge,
    BasePlus,
    FlatPrice,
    KeepCharging,
    LateHandling,
    Refuse,
)
from cantine_rules.sources import Source

__all__ = ["GUIDE", "POLICY", "build_policy"]

GUIDE: Final = "Création de votre espace famille"
"""The title of the commune's guide for parents, which the sources name."""

_THE_GUIDE: Final = f"the guide « {GUIDE} »"
"""How the reasons of the defaults below name the guide."""

_UNNAMED: Final = Source.default(
    f"{_THE_GUIDE} does not name the commune, so its school zone is unknown; zone C is assumed"
)
_NO_TIMES: Final = Source.default(f"{_THE_GUIDE} gives no times; usual hours chosen")
_NO_PRICE: Final = Source.default(
    f"{_THE_GUIDE} gives the surcharges but no price; placeholders until the commune's grid is "
    "configured"
)

SERVICES: Final = (
    Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 45), time(13, 30)),
    Service("etude", "Étude dirigée", ServiceKind.STUDY, time(16, 30), time(17, 30)),
    Service("matin", "Périscolaire matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30)),
    Service("soir", "Périscolaire soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30)),
    Service(
        "mercredi",
        "ALSH mercredi",
        ServiceKind.WEDNESDAY_CENTRE,
        time(8, 0),
        time(18, 0),
        BillingUnit.DAY,
    ),
    Service(
        "vacances",
        "ALSH vacances",
        ServiceKind.HOLIDAY_CENTRE,
        time(8, 0),
        time(18, 0),
        BillingUnit.DAY,
    ),
)

# « Passé ces délais il vous sera impossible d'inscrire/désinscrire vos enfants en ligne. Votre
# solution, contacter l'ALSH afin de procéder à l'inscription ou l'annulation. »
_CONTACT_ALSH: Final = Refuse(contact="l'ALSH")


_PERISCOLAIRE_SOURCE: Final = Source.seed(
    "Attention, nous rappelons qu'un délai de 48h jours ouvrés pour le périscolaire … sont à "
    "respecter. … Périscolaire Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré "
    "(4€ le matin / 10€ le soir) Une annulation vous sera facturé le prix du service"
)
_CENTRE_SOURCE: Final = Source.seed(
    "un délai … de 5 jours ouvrés pour les mercredis et vacances sont à respecter. … Mercredi et "
    "Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré (tarif journée + 3€) Une "
    "annulation vous sera facturé le prix du service."
)
_MEAL_SOURCE: Final = Source.default(
    f"the 48 h jours ouvrés « pour le périscolaire » of {_THE_GUIDE} are applied to the "
    "restaurant and the étude; a late add there is billed the normal price"
)

# The guide gives no price: every service has a placeholder, a default (see _NO_PRICE).
_TARIFFS: Final = unit_price_schedules(
    {
        "repas": Money.euros("3.50"),
        "etude": Money.euros("1.50"),
        "matin": Money.euros("1.60"),
        "soir": Money.euros("2.10"),
        "mercredi": Money.euros("12.00"),
        "vacances": Money.euros("12.00"),
    },
    since=date(2017, 9, 1),
    source=_NO_PRICE,
)

_CITATIONS: Final = (
    Citation("calendar", _UNNAMED),
    # The ALSH takes the children all Wednesday, booked by the day like the holidays: there
    # is no class that day.
    Citation(
        "calendar.week",
        Source.seed(
            "un délai … de 5 jours ouvrés pour les mercredis et vacances … Mercredi et "
            "Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré (tarif "
            "journée + 3€)"
        ),
    ),
    *(Citation(f"service.{service.code}", _NO_TIMES) for service in SERVICES),
    Citation("rules.repas", _MEAL_SOURCE),
    Citation("rules.etude", _MEAL_SOURCE),
    Citation("rules.matin", _PERISCOLAIRE_SOURCE),
    Citation("rules.soir", _PERISCOLAIRE_SOURCE),
    Citation("rules.mercredi", _CENTRE_SOURCE),
    Citation("rules.vacances", _CENTRE_SOURCE),
    Citation(
        "requirements",
        Source.seed(
            "Un mail vous sera adressé durant cet été, celui-ci contiendra un lien qui vous "
            "permettra d'activer votre compte. … sélectionner l'enfant de votre foyer concerné "
            "par l'inscription."
        ),
    ),
    Citation(
        "payment",
        Source.seed(
            "RESTAURATION SCOLAIRE - postfacturation, ETUDE DIRIGEE - postfacturation, ALSH - "
            "postfacturation (payment modes not given: card and direct debit assumed)"
        ),
    ),
)


def _periscolaire(surcharged: Money) -> ServiceRules:
    # « Périscolaire Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré (4€ le
    # matin / 10€ le soir). Une annulation vous sera facturé le prix du service ».
    return ServiceRules(
        add=WorkingDaysBefore(2),
        cancel=WorkingDaysBefore(2),
        late_add=LateHandling(_CONTACT_ALSH, AcceptWithSurcharge(FlatPrice(surcharged))),
        late_cancel=LateHandling(_CONTACT_ALSH, KeepCharging()),
    )


def _centre() -> ServiceRules:
    # « Mercredi et Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré (tarif
    # journée + 3€). Une annulation vous sera facturé le prix du service. »
    return ServiceRules(
        add=WorkingDaysBefore(5),
        cancel=WorkingDaysBefore(5),
        late_add=LateHandling(_CONTACT_ALSH, AcceptWithSurcharge(BasePlus(Money.euros(3)))),
        late_cancel=LateHandling(_CONTACT_ALSH, KeepCharging()),
    )


def _meal_and_study() -> ServiceRules:
    # The restaurant and the étude follow the périscolaire's 48 h jours ouvrés; the guide prices
    # no late add for them, so a late add at the ALSH is billed the normal price (a default).
    return ServiceRules(
        add=WorkingDaysBefore(2),
        cancel=WorkingDaysBefore(2),
        late_add=LateHandling(_CONTACT_ALSH, AcceptWithSurcharge(BasePlus(Money.zero()))),
        late_cancel=LateHandling(_CONTACT_ALSH, KeepCharging()),
    )


def build_policy() -> CommunePolicy:
    """The commune's policy, composed anew: equal to `POLICY`, which the registry gives.

    The rules are composed in functions rather than at the module's top level so that a test
    composing them again sees any change to how they are composed: a mutation run switches a
    change on only after the module is imported, and would never see one in a value built then.

    Examples:
        >>> build_policy() == POLICY
        True
    """
    centre = _centre()
    return CommunePolicy(
        slug="alsh-postfacturation",
        name="Espace famille ALSH (postfacturation)",
        booking=BookingRules(
            calendar=SchoolCalendar(Zone.C),
            services=SERVICES,
            default=_meal_and_study(),
            by_service={
                "matin": _periscolaire(Money.euros(4)),
                "soir": _periscolaire(Money.euros(10)),
                "mercredi": centre,
                "vacances": centre,
            },
            requirements=Requirements(account_validated=True, child_registered=True),
            # « Demande en cours », « Demande validée »: requests wait for the ALSH's validation.
            auto_validate=False,
        ),
        payment_scheme=PaymentScheme.POSTFACTURATION,
        payment_modes=(PaymentMode.CARD, PaymentMode.DIRECT_DEBIT),
        tariffs=_TARIFFS,
        citations=_CITATIONS,
        # The registry is the one list of aliases; the policy carries them for its plain-data form.
        aliases=aliases()["alsh-postfacturation"],
    )


POLICY: Final = build_policy()
"""The commune's policy, as the registry gives it."""
