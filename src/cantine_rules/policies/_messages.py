r"""The words of a commune's explanations: one message table per language.

[`CommunePolicy.explain`][cantine_rules.policies.commune.CommunePolicy.explain],
[`ExplainedRule.render`][cantine_rules.policies.commune.ExplainedRule.render] and
[`describe_tariff`][cantine_rules.policies.commune.describe_tariff] say everything through these
tables. Each key names one sentence or one word, every language has the same keys, and
``{placeholders}`` take the values, amounts and decimals formatted by babel in the language's
locale. The code that fills them never branches on the language: adding one is adding a table
and its locale.

Keys ending in an enum's value (``payment.mode.card``) name that member's word.

Examples:
    >>> say("en", "tariff.unit_price", amount=money("en", Money.euros("3.60")))
    '€3.60 per unit'
    >>> say("fr", "tariff.unit_price", amount=money("fr", Money.euros("3.60")))
    "3,60\xa0€ à l'unité"
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from cantine_rules.errors import InvalidValueError
from cantine_rules.money import Money

__all__ = ["LOCALES", "MESSAGES", "check_lang", "money", "number", "say"]

LOCALES: Final[Mapping[str, str]] = {"fr": "fr_FR", "en": "en"}
"""The babel locale of each language."""

_FR: Final[Mapping[str, str]] = {
    # ExplainedRule.render: the rule, then where it comes from. French typography puts a space
    # before a colon or a semicolon; English does not.
    "rule": "{text} [{source}]",
    "source.none": "sans source",
    "source.default": "{kind} : {reference}",
    "source.cited": "{kind} : « {reference} »",
    "source.kind.seed": "guide de la commune",
    "source.kind.public": "source publique",
    "source.kind.example": "exemple d'une autre commune",
    "source.kind.default": "valeur par défaut",
    # The calendar.
    "calendar": "Vacances scolaires de la zone {zone} ; {holidays}{closures}.",
    "calendar.week": "Semaine scolaire : {week}.",
    "calendar.holidays": "jours fériés nationaux",
    "calendar.holidays.alsace_moselle": "jours fériés nationaux et d'Alsace-Moselle",
    "calendar.week.four_days": "4 jours, pas de classe le mercredi",
    "calendar.week.four_and_a_half_days": "4 jours et demi, classe le mercredi matin",
    "calendar.week.weekdays": "école les jours {days}",
    "calendar.closures": " ; fermetures : {closures}",
    "calendar.closure": "{day} ({label})",
    # A service.
    "service": "« {label} » ({kind}) : {times}, {unit}, {days}.",
    "service.kind.meal": "repas",
    "service.kind.morning_care": "accueil du matin",
    "service.kind.evening_care": "accueil du soir",
    "service.kind.study": "étude",
    "service.kind.wednesday_centre": "centre de loisirs du mercredi",
    "service.kind.holiday_centre": "centre de loisirs des vacances",
    "service.unit.session": "à l'unité",
    "service.unit.half_day": "à la demi-journée",
    "service.unit.day": "à la journée",
    "service.unit.hour": "à l'heure",
    "service.days.school_days": "jours d'école",
    "service.days.wednesdays": "mercredis sans école",
    "service.days.school_holidays": "jours de vacances scolaires",
    # A service's deadlines and late handling.
    "rules": (
        "« {label} » : délai d'ajout : {add} ; délai d'annulation : {cancel}. Hors délai, un "
        "ajout est {late_add} ; une annulation est {late_cancel}."
    ),
    "late": "en ligne {online}, au guichet {office}",
    "outcome.refused": "refusé",
    "outcome.refused_contact": "refusé, contacter {contact}",
    "outcome.surcharged": "accepté, {surcharge}",
    "outcome.still_charged": "accepté, le service reste facturé",
    "outcome.still_charged_unless_certificate": (
        "accepté, le service reste facturé sauf certificat médical (après {waiting} jour(s) de "
        "carence)"
    ),
    "outcome.free": "accepté sans frais",
    # Who may book.
    "requirements": "Pour réserver : {needs} ; {validation}.",
    "requirements.account_validated": "compte famille validé par la mairie",
    "requirements.child_registered": "enfant ajouté à la famille et inscrit au service",
    "requirements.dossier_validated": "dossier d'inscription validé",
    "requirements.nothing": "aucune condition",
    "requirements.validated_at_once": "les demandes sont validées aussitôt",
    "requirements.wait_for_validation": "les demandes attendent la validation de la commune",
    # Tariffs.
    "tariff": "Tarif « {label} » ({period}) : {tariff}",
    "tariff.from": "du {since}",
    "tariff.from_to": "du {since} au {until}",
    "tariff.unit_price": "{amount} à l'unité",
    "tariff.grid": "grille par quotient familial : {brackets} ; sans QF valide : {default}",
    "tariff.bracket": "{name} dès QF {lower} : {price}",
    "tariff.bracket_separator": " ; ",
    "tariff.unknown": "?",
    "tariff.effort_rate": "taux d'effort {percent} % du QF, entre {low} et {high}",
    "tariff.modified": "{tariff} ({modifiers})",
    "modifier.sibling_reduction": "réduction fratrie : {ranks}",
    "modifier.sibling_rank": "rang {rank} et suivants × {factor}",
    "modifier.non_resident": "supplément non-résidents + {percent} %",
    "modifier.medical_meal_factor": "repas fourni dans le cadre d'un PAI × {factor}",
    "modifier.medical_meal_flat_price": "repas fourni dans le cadre d'un PAI : {amount}",
    # Payment, wallet, quotient familial, dossier.
    "payment": "{scheme} ; modes de paiement : {modes}",
    "payment.scheme.postfacturation": "Facturation après service (postfacturation)",
    "payment.scheme.immediate": (
        "Paiement immédiat : les réservations ne comptent qu'une fois payées"
    ),
    "payment.scheme.prepaid": "Porte-monnaie prépayé, toujours créditeur",
    "payment.mode.card": "carte bancaire",
    "payment.mode.cheque": "chèque",
    "payment.mode.transfer": "virement",
    "payment.mode.direct_debit": "prélèvement automatique",
    "payment.mode.payfip": "PayFiP",
    "payment.mode.tickets": "tickets cantine",
    "wallet": (
        "La famille est relancée quand le solde du porte-monnaie atteint {amount} ou moins ; un "
        "solde négatif est transmis au service comptable."
    ),
    "quotient": (
        "Quotient familial : attestation de moins de {months} mois ; après le {deadline}, le "
        "tarif par défaut s'applique jusqu'à la régularisation du dossier, sans effet rétroactif."
    ),
    "dossier": "Pièce : {label}",
}

_EN: Final[Mapping[str, str]] = {
    "rule": "{text} [{source}]",
    "source.none": "no source",
    "source.default": "{kind}: {reference}",
    "source.cited": "{kind}: « {reference} »",
    "source.kind.seed": "commune's guide",
    "source.kind.public": "public source",
    "source.kind.example": "example from another commune",
    "source.kind.default": "default",
    "calendar": "School holidays of zone {zone}; {holidays}{closures}.",
    "calendar.week": "School week: {week}.",
    "calendar.holidays": "national public holidays",
    "calendar.holidays.alsace_moselle": "national public holidays and Alsace-Moselle's",
    "calendar.week.four_days": "4 days, no class on Wednesday",
    "calendar.week.four_and_a_half_days": "4.5 days, class on Wednesday morning",
    "calendar.week.weekdays": "school on weekdays {days}",
    "calendar.closures": "; closures: {closures}",
    "calendar.closure": "{day} ({label})",
    "service": "« {label} » ({kind}): {times}, {unit}, {days}.",
    "service.kind.meal": "meal",
    "service.kind.morning_care": "morning care",
    "service.kind.evening_care": "evening care",
    "service.kind.study": "study",
    "service.kind.wednesday_centre": "Wednesday centre",
    "service.kind.holiday_centre": "holiday centre",
    "service.unit.session": "per session",
    "service.unit.half_day": "per half-day",
    "service.unit.day": "per day",
    "service.unit.hour": "per hour",
    "service.days.school_days": "school days",
    "service.days.wednesdays": "Wednesdays without school",
    "service.days.school_holidays": "school-holiday weekdays",
    "rules": (
        "« {label} »: deadline to add: {add}; to cancel: {cancel}. Past it, an add is "
        "{late_add}; a cancellation is {late_cancel}."
    ),
    "late": "online {online}, at the office {office}",
    "outcome.refused": "refused",
    "outcome.refused_contact": "refused, contact {contact}",
    "outcome.surcharged": "accepted, {surcharge}",
    "outcome.still_charged": "accepted, the service still charged",
    "outcome.still_charged_unless_certificate": (
        "accepted, the service still charged unless a medical certificate (after {waiting} "
        "waiting day(s))"
    ),
    "outcome.free": "accepted free of charge",
    "requirements": "To book: {needs}; {validation}.",
    "requirements.account_validated": "family account validated by the commune",
    "requirements.child_registered": "child added to the family and registered for the service",
    "requirements.dossier_validated": "registration dossier validated",
    "requirements.nothing": "nothing",
    "requirements.validated_at_once": "requests are validated at once",
    "requirements.wait_for_validation": "requests wait for the commune's validation",
    "tariff": "Tariff « {label} » ({period}): {tariff}",
    "tariff.from": "from {since}",
    "tariff.from_to": "from {since} to {until}",
    "tariff.unit_price": "{amount} per unit",
    "tariff.grid": "grid by quotient familial: {brackets}; without a valid QF: {default}",
    "tariff.bracket": "{name} from QF {lower}: {price}",
    "tariff.bracket_separator": "; ",
    "tariff.unknown": "?",
    "tariff.effort_rate": "taux d'effort {percent}% of the QF, between {low} and {high}",
    "tariff.modified": "{tariff} ({modifiers})",
    "modifier.sibling_reduction": "sibling reduction {ranks}",
    "modifier.sibling_rank": "rank {rank}+ × {factor}",
    "modifier.non_resident": "non-resident supplement + {percent} %",
    "modifier.medical_meal_factor": "medical meal (PAI) × {factor}",
    "modifier.medical_meal_flat_price": "medical meal (PAI) {amount}",
    "payment": "{scheme}; payment modes: {modes}",
    "payment.scheme.postfacturation": "Billed after the fact (postfacturation)",
    "payment.scheme.immediate": "Paid at booking: bookings count only once paid",
    "payment.scheme.prepaid": "Prepaid wallet, always in credit",
    "payment.mode.card": "card",
    "payment.mode.cheque": "cheque",
    "payment.mode.transfer": "transfer",
    "payment.mode.direct_debit": "direct debit",
    "payment.mode.payfip": "PayFiP",
    "payment.mode.tickets": "canteen tickets",
    "wallet": (
        "The family is reminded when the wallet balance is {amount} or less; a negative balance "
        "is escalated."
    ),
    "quotient": (
        "Quotient familial: attestation under {months} months; after {deadline} the default "
        "tariff applies until the dossier is regularised, with no retroactive reduction."
    ),
    "dossier": "Document: {label}",
}

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {"fr": _FR, "en": _EN}
"""The message table of each language, by key; every table has the same keys."""


def check_lang(lang: object) -> str:
    """*lang* if a message table speaks it.

    Raises:
        InvalidValueError: no table for *lang* (field ``lang``).

    Examples:
        >>> check_lang("en")
        'en'
    """
    if not isinstance(lang, str) or lang not in MESSAGES:
        known = " or ".join(repr(known) for known in MESSAGES)
        raise InvalidValueError("lang", lang, f"must be {known}")
    return lang


def say(lang: str, key: str, **fields: object) -> str:
    """The message *key* in *lang*, its placeholders filled with *fields*.

    Raises:
        InvalidValueError: no table for *lang* (field ``lang``).
    """
    return MESSAGES[check_lang(lang)][key].format(**fields)


def money(lang: str, amount: Money) -> str:
    """*amount* as the language writes it (``3,60 €``, ``€3.60``)."""
    return amount.format(LOCALES[check_lang(lang)])


def number(lang: str, value: Decimal) -> str:
    """An exact decimal as the language writes it, every digit kept, no grouping (``0,36``)."""
    # babel is imported where it is first used: a process that only decides never loads it.
    from babel.numbers import format_decimal

    return format_decimal(
        value, locale=LOCALES[check_lang(lang)], decimal_quantization=False, group_separator=False
    )
