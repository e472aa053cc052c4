"""The words of the booking-rule engine: one message table per language, the same keys in each.

Decisions, deadline rules and surcharges say themselves in French (the default) or English by
looking their sentence up here and filling it in; dates, amounts, weekday names and decimal
separators are written as babel writes them for each locale (`cantine_rules._spelling` holds the
two locales' names so that a decision does not load babel). Code never branches on the language:
adding a language is adding a table (and its babel locale).

Placeholders of the explanations (``reason.*``): {Noun} and {noun} (the action: Ajout, Annulation
/ Addition, Cancellation); {accepted} and {refused}, agreed with the noun in French; {what} (the
service and its day); {label}; {day}; {deadline}; {opens}; {expired} (the deadline that passed, in
words); {charge}; {detail}; {why}; {child}.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from cantine_rules._spelling import spell_decimal_symbol, spell_weekday
from cantine_rules.errors import InvalidValueError
from cantine_rules.money import Money

__all__ = [
    "EN",
    "FR",
    "LOCALES",
    "MESSAGES",
    "amount_in",
    "decimal_in",
    "locale",
    "messages",
    "weekday_in",
    "words",
]

FR: Final[Mapping[str, str]] = {
    # Explanations of decisions, by reason code.
    "reason.on_time_without_deadline": "{Noun} {accepted} pour {what}.",
    "reason.on_time": (
        "{Noun} {accepted} : la demande pour {what} est faite avant la date limite du {deadline}."
    ),
    "reason.late_surcharge": "{Noun} hors délai : {expired} ; il est facturé {charge}.",
    "charge.unknown.bracket": "un montant qu'aucune source ne donne (le prix de « {bracket} »)",
    "charge.unknown.quotient": (
        "un montant qu'aucune source ne donne (un QF de {qf} est en « {bracket} » ou au-delà)"
    ),
    "reason.late_still_charged": (
        "{Noun} hors délai : {expired} ; le service reste facturé {charge}."
    ),
    "reason.late_charge_waived": (
        "{Noun} hors délai : {expired} ; avec le certificat médical, le service n'est pas "
        "facturé ({charge})."
    ),
    "reason.late_accepted": ("{Noun} hors délai : {expired} ; la demande est acceptée sans frais."),
    "reason.too_late": "{Noun} {refused} : {expired}.",
    "reason.too_late_contact": (
        "{Noun} {refused} : {expired} ; la modification n'est plus possible en ligne, "
        "contactez {detail}."
    ),
    "reason.not_open_yet": (
        "{Noun} {refused} : les demandes pour {what} ne sont ouvertes qu'à partir du {opens}."
    ),
    "reason.not_a_service_day": "{Noun} {refused} : « {label} » n'a pas lieu le {day} ({why}).",
    "reason.account_not_validated": (
        "{Noun} {refused} : le compte famille n'est pas encore validé par la mairie."
    ),
    "reason.child_not_in_family": (
        "{Noun} {refused} : l'enfant {child} n'est pas ajouté à la famille."
    ),
    "reason.child_not_registered": (
        "{Noun} {refused} : l'enfant {child} n'est pas inscrit à « {label} »."
    ),
    "reason.dossier_not_validated": (
        "{Noun} {refused} : le dossier d'inscription n'est pas encore validé."
    ),
    # The pieces of an explanation.
    "add.Noun": "Ajout",
    "add.noun": "ajout",
    "add.accepted": "accepté",
    "add.refused": "refusé",
    "cancel.Noun": "Annulation",
    "cancel.noun": "annulation",
    "cancel.accepted": "acceptée",
    "cancel.refused": "refusée",
    "what": "« {label} » du {day}",
    "expired": "le délai ({rule}) pour {what} a expiré le {deadline}",
    "no_service": "pas de service ce jour-là",
    "instant": "{day} à {time}",
    # Deadline rules.
    "rule.hours_before": "{hours} heures avant le début du service",
    "rule.working_days_before.one": "{days} jour ouvré avant le service",
    "rule.working_days_before.other": "{days} jours ouvrés avant le service",
    "rule.cutoff": "{rule}, à {cutoff}",
    "rule.weekday_before.one": "{weekday} {cutoff} de la semaine précédente",
    "rule.weekday_before.other": "{weekday} {cutoff} {weeks} semaines avant",
    "rule.calendar_days_before.zero": "le jour même à {at}",
    "rule.calendar_days_before.one": "la veille à {at}",
    "rule.calendar_days_before.other": "{days} jours avant à {at}",
    "rule.clear_days_before": "{days} jours francs avant le service",
    "rule.clear_days_before_break": "{days} jours francs avant le premier jour des vacances",
    "rule.max_horizon": "au plus {days} jours à l'avance",
    "rule.service_start": "avant le début du service",
    "rule.all_of": "{first} et {second}",
    "rule.before_cutoff": "{rule} avant {cutoff}",
    "rule.until_midnight": "{rule}, jusqu'à minuit",
    "rule.school_days_before.one": "la veille (jour d'école)",
    "rule.school_days_before.other": "{days} jours d'école avant le service",
    "rule.weekday_table.row": "{days} : le {weekday} précédent avant {cutoff}",
    "rule.weekday_table.separator": " ; ",
    "rule.monthly_deadline": "avant {day} {month}",
    "rule.monthly_deadline_at": "avant {day} {month} à {at}",
    "rule.monthly_deadline.day": "le {day}",
    "rule.monthly_deadline.first": "le 1er",
    "rule.monthly_deadline.last": "le dernier jour",
    "rule.monthly_deadline.months.zero": "du mois du service",
    "rule.monthly_deadline.months.one": "du mois précédent",
    "rule.monthly_deadline.months.other": "du {months}e mois précédent",
    "rule.end_of_day_before.one": "la veille jusqu'à minuit",
    "rule.end_of_day_before.other": "{days} jours avant le service, jusqu'à minuit",
    "list.and": "{items} et {last}",
    # Surcharges.
    "surcharge.flat_price": "tarif majoré de {amount}",
    "surcharge.normal_price": "tarif normal",
    "surcharge.base_plus": "tarif normal + {amount}",
    "surcharge.base_times": "tarif normal + {percent} %",
    "surcharge.flat_penalty": "une pénalité de {amount} par famille",
    "surcharge.free_allowance": "{free} par mois au tarif normal, puis {then}",
    "surcharge.cost_price": "prix coûtant de {amount}",
    # Fees of attendance nobody booked (cantine_rules.rules.attendance_fees).
    "unbooked.reason": (
        "Présence sans réservation (n° {occurrence} de la période) : {rule}, soit {amount}."
    ),
    "pickup.reason": (
        "Enfant récupéré à {time} (tranche {band}, retard n° {occurrence} de la période) : "
        "{amount}."
    ),
}
"""The French words (the default language)."""

EN: Final[Mapping[str, str]] = {
    "reason.on_time_without_deadline": "{Noun} {accepted} for {what}.",
    "reason.on_time": (
        "{Noun} {accepted}: the request for {what} was made before the deadline of {deadline}."
    ),
    "reason.late_surcharge": "Late {noun}: {expired}; it is charged {charge}.",
    "charge.unknown.bracket": "an amount no source gives (the price of “{bracket}”)",
    "charge.unknown.quotient": (
        "an amount no source gives (a QF of {qf} lies in “{bracket}” or above)"
    ),
    "reason.late_still_charged": "Late {noun}: {expired}; the service is still charged {charge}.",
    "reason.late_charge_waived": (
        "Late {noun}: {expired}; with the medical certificate the service is not charged "
        "({charge})."
    ),
    "reason.late_accepted": "Late {noun}: {expired}; the request is accepted free of charge.",
    "reason.too_late": "{Noun} {refused}: {expired}.",
    "reason.too_late_contact": (
        "{Noun} {refused}: {expired}; it can no longer be changed online, please contact {detail}."
    ),
    "reason.not_open_yet": "{Noun} {refused}: requests for {what} open only on {opens}.",
    "reason.not_a_service_day": "{Noun} {refused}: “{label}” does not run on {day} ({why}).",
    "reason.account_not_validated": (
        "{Noun} {refused}: the family account is not yet validated by the town hall."
    ),
    "reason.child_not_in_family": (
        "{Noun} {refused}: child {child} has not been added to the family."
    ),
    "reason.child_not_registered": (
        "{Noun} {refused}: child {child} is not registered for “{label}”."
    ),
    "reason.dossier_not_validated": (
        "{Noun} {refused}: the registration dossier is not yet validated."
    ),
    "add.Noun": "Addition",
    "add.noun": "addition",
    "add.accepted": "accepted",
    "add.refused": "refused",
    "cancel.Noun": "Cancellation",
    "cancel.noun": "cancellation",
    "cancel.accepted": "accepted",
    "cancel.refused": "refused",
    "what": "“{label}” on {day}",
    "expired": "the deadline ({rule}) for {what} passed on {deadline}",
    "no_service": "no service that day",
    "instant": "{day} at {time}",
    "rule.hours_before": "{hours} hours before the service starts",
    "rule.working_days_before.one": "{days} working day before the service",
    "rule.working_days_before.other": "{days} working days before the service",
    "rule.cutoff": "{rule}, at {cutoff}",
    "rule.weekday_before.one": "{weekday} {cutoff} the week before",
    "rule.weekday_before.other": "{weekday} {cutoff} {weeks} weeks before",
    "rule.calendar_days_before.zero": "the same day at {at}",
    "rule.calendar_days_before.one": "the day before at {at}",
    "rule.calendar_days_before.other": "{days} days before at {at}",
    "rule.clear_days_before": "{days} clear days before the service",
    "rule.clear_days_before_break": "{days} clear days before the first day of the holidays",
    "rule.max_horizon": "at most {days} days ahead",
    "rule.service_start": "before the service starts",
    "rule.all_of": "{first} and {second}",
    "rule.before_cutoff": "{rule} before {cutoff}",
    "rule.until_midnight": "{rule}, until midnight",
    "rule.school_days_before.one": "the previous school day",
    "rule.school_days_before.other": "{days} school days before the service",
    "rule.weekday_table.row": "{days}: the previous {weekday} before {cutoff}",
    "rule.weekday_table.separator": "; ",
    "rule.monthly_deadline": "before {day} {month}",
    "rule.monthly_deadline_at": "before {day} {month} at {at}",
    "rule.monthly_deadline.day": "day {day}",
    "rule.monthly_deadline.first": "day 1",
    "rule.monthly_deadline.last": "the last day",
    "rule.monthly_deadline.months.zero": "of the service's month",
    "rule.monthly_deadline.months.one": "of the previous month",
    "rule.monthly_deadline.months.other": "of the month {months} months before",
    "rule.end_of_day_before.one": "the day before, until midnight",
    "rule.end_of_day_before.other": "{days} days before the service, until midnight",
    "list.and": "{items} and {last}",
    "surcharge.flat_price": "surcharged price {amount}",
    "surcharge.normal_price": "normal price",
    "surcharge.base_plus": "normal price + {amount}",
    "surcharge.base_times": "normal price + {percent} %",
    "surcharge.flat_penalty": "a penalty of {amount} per family",
    "surcharge.free_allowance": "{free} per month at the normal price, then {then}",
    "surcharge.cost_price": "cost price {amount}",
    "unbooked.reason": (
        "Presence without booking (no. {occurrence} in its period): {rule}, so {amount}."
    ),
    "pickup.reason": (
        "Picked up at {time} (band {band}, late pick-up no. {occurrence} in its period): {amount}."
    ),
}
"""The English words."""

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {"fr": FR, "en": EN}
"""Each language's table, by language code."""

LOCALES: Final[Mapping[str, str]] = {"fr": "fr_FR", "en": "en"}
"""The babel locale of each language."""


def locale(lang: str) -> str:
    """The babel locale of *lang*, or [`InvalidValueError`][cantine_rules.errors.InvalidValueError].

    Examples:
        >>> locale("fr")
        'fr_FR'
    """
    try:
        return LOCALES[lang]
    except KeyError:
        raise InvalidValueError("lang", lang, "must be 'fr' or 'en'") from None


def messages(lang: str) -> Mapping[str, str]:
    """The table of *lang*; an unknown language is an error naming ``lang``.

    Examples:
        >>> messages("en")["no_service"]
        'no service that day'
    """
    locale(lang)
    return MESSAGES[lang]


def words(lang: str) -> Mapping[str, str]:
    """The table rules and surcharges describe themselves with; French for any other language.

    ``describe(lang)`` has always answered in French unless asked for English, so an unknown
    language gives French here rather than an error.

    Examples:
        >>> words("de")["rule.service_start"]
        'avant le début du service'
    """
    return MESSAGES.get(lang, FR)


def _word_locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["fr"])


def amount_in(amount: Money, lang: str) -> str:
    """*amount* as [`words`][] writes it in *lang*: ``'3,00\u00a0€'``, ``'€3.00'``.

    Examples:
        >>> amount_in(Money.euros(3), "en")
        '€3.00'
    """
    return amount.format(_word_locale(lang))


def decimal_in(value: Decimal, lang: str) -> str:
    """*value* written in full with the decimal separator of *lang* (``'12,5'`` in French).

    Examples:
        >>> decimal_in(Decimal("12.50"), "fr")
        '12,5'
    """
    return f"{value.normalize():f}".replace(".", spell_decimal_symbol(_word_locale(lang)))


def weekday_in(weekday: int, lang: str) -> str:
    """The name of *weekday* (0 for Monday) in *lang*, as babel spells it (``'jeudi'``).

    Examples:
        >>> weekday_in(3, "en")
        'Thursday'
    """
    return spell_weekday(weekday, _word_locale(lang))
