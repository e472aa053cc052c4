"""Decisions on booking changes, with a stable reason code and an explanation for families.

A [`Decision`][] says whether a change is accepted, accepted late or refused, which deadline
applied, when the service starts, what the change costs, and why ([`Reason`][], a stable code
that portals may switch on). [`Decision.explain`][] renders the explanation in French (the
default) or English, with dates and amounts formatted through babel; portals show it as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Final

import attrs
from babel.dates import format_date, format_time

from cantine_rules._time import EUROPE_PARIS
from cantine_rules.errors import InvalidValueError
from cantine_rules.model import BookingChange, ChangeAction, Service
from cantine_rules.money import Money

__all__ = ["Decision", "DecisionStatus", "Reason", "format_day", "format_instant"]

_LOCALES: Final = {"fr": "fr_FR", "en": "en"}


class DecisionStatus(StrEnum):
    """The outcome of a decision."""

    ACCEPTED = "accepted"
    """On time."""
    ACCEPTED_LATE = "accepted_late"
    """Past the deadline, but taken (at a surcharge, or still billed)."""
    REFUSED = "refused"
    """Not taken; the reason says why."""


class Reason(StrEnum):
    """Stable reason codes. Their values never change once released."""

    ON_TIME = "on_time"
    LATE_SURCHARGE = "late_surcharge"
    LATE_STILL_CHARGED = "late_still_charged"
    LATE_CHARGE_WAIVED = "late_charge_waived"
    LATE_ACCEPTED = "late_accepted"
    TOO_LATE = "too_late"
    TOO_LATE_CONTACT = "too_late_contact"
    NOT_OPEN_YET = "not_open_yet"
    NOT_A_SERVICE_DAY = "not_a_service_day"
    ACCOUNT_NOT_VALIDATED = "account_not_validated"
    CHILD_NOT_IN_FAMILY = "child_not_in_family"
    CHILD_NOT_REGISTERED = "child_not_registered"
    DOSSIER_NOT_VALIDATED = "dossier_not_validated"


def _locale(lang: str) -> str:
    try:
        return _LOCALES[lang]
    except KeyError:
        raise InvalidValueError("lang", lang, "must be 'fr' or 'en'") from None


def format_day(day: date, lang: str = "fr") -> str:
    """A day as families read it: ``'jeudi 19 septembre 2024'``.

    Examples:
        >>> format_day(date(2024, 9, 19), "en")
        'Thursday 19 September 2024'
    """
    return format_date(day, "EEEE d MMMM y", locale=_locale(lang))


def format_instant(instant: datetime, lang: str = "fr") -> str:
    """An instant in Europe/Paris: ``'mardi 17 septembre 2024 à 16:30'``.

    Examples:
        >>> from cantine_rules import at_paris
        >>> from datetime import time
        >>> format_instant(at_paris(date(2024, 9, 17), time(16, 30)))
        'mardi 17 septembre 2024 à 16:30'
    """
    local = instant.astimezone(EUROPE_PARIS)
    clock = format_time(local.time(), "HH:mm", locale=_locale(lang))
    joiner = " at " if lang == "en" else " à "
    return format_day(local.date(), lang) + joiner + clock


@attrs.frozen
class Decision:
    """The decision on one booking change.

    Attributes:
        change: the change decided.
        service: the service it concerns.
        status: accepted, accepted late or refused.
        reason: the stable reason code.
        deadline: the deadline that applied (changes strictly before it are on time), if any.
        opens_at: the instant changes open, if the commune sets one.
        service_start: when the service starts on that day.
        charge: what the decision bills for that day beyond the normal tariff: a surcharged
            price, or the price still billed for a late cancellation; ``Money.zero()`` when a
            charge was waived; ``None`` when the decision bills nothing of its own (on time,
            refused).
        rule: the deadline rule in words (French), for the record.
        detail: what the reason refers to: who to contact, or the closure or holiday that stops
            the service (None for a weekday the service never runs).
    """

    change: BookingChange
    service: Service
    status: DecisionStatus
    reason: Reason
    deadline: datetime | None
    opens_at: datetime | None
    service_start: datetime
    charge: Money | None = None
    rule: str | None = None
    rule_en: str | None = attrs.field(default=None, repr=False)
    detail: str | None = None

    @property
    def accepted(self) -> bool:
        """True when the change is taken, on time or late."""
        return self.status is not DecisionStatus.REFUSED

    def explain(self, lang: str = "fr") -> str:
        """The decision in a sentence for families, in French (``"fr"``) or English (``"en"``).

        It names the deadline instant and the amount where there is one.
        """
        _locale(lang)
        return _explain(self, lang)


#: The explanation of each reason, by language. Placeholders: {Noun} (Ajout, Annulation /
#: Addition, Cancellation) and {noun}; {accepted} and {refused}, agreed in French; {what} (the
#: service and its day); {label}; {day}; {deadline}; {opens}; {expired} (the deadline that passed,
#: in words); {charge}; {detail}; {child}.
_MESSAGES: Final[Mapping[str, Mapping[Reason | str, str]]] = {
    "fr": {
        "on_time_without_deadline": "{Noun} {accepted} pour {what}.",
        Reason.ON_TIME: (
            "{Noun} {accepted} : la demande pour {what} est faite avant la date limite du "
            "{deadline}."
        ),
        Reason.LATE_SURCHARGE: "{Noun} hors délai : {expired} ; il est facturé {charge}.",
        Reason.LATE_STILL_CHARGED: (
            "{Noun} hors délai : {expired} ; le service reste facturé {charge}."
        ),
        Reason.LATE_CHARGE_WAIVED: (
            "{Noun} hors délai : {expired} ; avec le certificat médical, le service n'est pas "
            "facturé ({charge})."
        ),
        Reason.LATE_ACCEPTED: "{Noun} hors délai : {expired} ; la demande est acceptée sans frais.",
        Reason.TOO_LATE: "{Noun} {refused} : {expired}.",
        Reason.TOO_LATE_CONTACT: (
            "{Noun} {refused} : {expired} ; la modification n'est plus possible en ligne, "
            "contactez {detail}."
        ),
        Reason.NOT_OPEN_YET: (
            "{Noun} {refused} : les demandes pour {what} ne sont ouvertes qu'à partir du {opens}."
        ),
        Reason.NOT_A_SERVICE_DAY: "{Noun} {refused} : « {label} » n'a pas lieu le {day} ({why}).",
        Reason.ACCOUNT_NOT_VALIDATED: (
            "{Noun} {refused} : le compte famille n'est pas encore validé par la mairie."
        ),
        Reason.CHILD_NOT_IN_FAMILY: (
            "{Noun} {refused} : l'enfant {child} n'est pas ajouté à la famille."
        ),
        Reason.CHILD_NOT_REGISTERED: (
            "{Noun} {refused} : l'enfant {child} n'est pas inscrit à « {label} »."
        ),
        Reason.DOSSIER_NOT_VALIDATED: (
            "{Noun} {refused} : le dossier d'inscription n'est pas encore validé."
        ),
    },
    "en": {
        "on_time_without_deadline": "{Noun} accepted for {what}.",
        Reason.ON_TIME: (
            "{Noun} accepted: the request for {what} was made before the deadline of {deadline}."
        ),
        Reason.LATE_SURCHARGE: "Late {noun}: {expired}; it is charged {charge}.",
        Reason.LATE_STILL_CHARGED: "Late {noun}: {expired}; the service is still charged {charge}.",
        Reason.LATE_CHARGE_WAIVED: (
            "Late {noun}: {expired}; with the medical certificate the service is not charged "
            "({charge})."
        ),
        Reason.LATE_ACCEPTED: "Late {noun}: {expired}; the request is accepted free of charge.",
        Reason.TOO_LATE: "{Noun} refused: {expired}.",
        Reason.TOO_LATE_CONTACT: (
            "{Noun} refused: {expired}; it can no longer be changed online, please contact "
            "{detail}."
        ),
        Reason.NOT_OPEN_YET: "{Noun} refused: requests for {what} open only on {opens}.",
        Reason.NOT_A_SERVICE_DAY: "{Noun} refused: “{label}” does not run on {day} ({why}).",
        Reason.ACCOUNT_NOT_VALIDATED: (
            "{Noun} refused: the family account is not yet validated by the town hall."
        ),
        Reason.CHILD_NOT_IN_FAMILY: (
            "{Noun} refused: child {child} has not been added to the family."
        ),
        Reason.CHILD_NOT_REGISTERED: (
            "{Noun} refused: child {child} is not registered for “{label}”."
        ),
        Reason.DOSSIER_NOT_VALIDATED: (
            "{Noun} refused: the registration dossier is not yet validated."
        ),
    },
}

_WORDS: Final = {
    ("fr", ChangeAction.ADD): {"Noun": "Ajout", "accepted": "accepté", "refused": "refusé"},
    ("fr", ChangeAction.CANCEL): {
        "Noun": "Annulation",
        "accepted": "acceptée",
        "refused": "refusée",
    },
    ("en", ChangeAction.ADD): {"Noun": "Addition", "noun": "addition"},
    ("en", ChangeAction.CANCEL): {"Noun": "Cancellation", "noun": "cancellation"},
}


class _Values(dict[str, str]):
    """The placeholders of one explanation, each rendered only if its template uses it."""

    def __init__(self, decision: Decision, lang: str) -> None:
        super().__init__(_WORDS[lang, decision.change.action])
        self.decision = decision
        self.lang = lang

    def __missing__(self, key: str) -> str:
        decision, lang = self.decision, self.lang
        label = decision.service.label
        if key == "label":
            return label
        if key == "day":
            return format_day(decision.change.day, lang)
        if key == "what":
            if lang == "en":
                return f"“{label}” on {format_day(decision.change.day, lang)}"
            return f"« {label} » du {format_day(decision.change.day, lang)}"
        if key == "deadline":
            assert decision.deadline is not None  # every template using it has a deadline
            return format_instant(decision.deadline, lang)
        if key == "opens":
            assert decision.opens_at is not None  # not_open_yet always has an opening
            return format_instant(decision.opens_at, lang)
        if key == "expired":
            rule = decision.rule_en if lang == "en" else decision.rule
            if lang == "en":
                return f"the deadline ({rule}) for {self['what']} passed on {self['deadline']}"
            return f"le délai ({rule}) pour {self['what']} a expiré le {self['deadline']}"
        if key == "charge":
            return (decision.charge or Money.zero()).format(_locale(lang))
        if key == "why":
            if decision.detail:
                return decision.detail
            return "no service that day" if lang == "en" else "pas de service ce jour-là"
        if key == "detail":
            return decision.detail or ""
        if key == "child":
            return decision.change.child_id
        raise KeyError(key)


def _explain(decision: Decision, lang: str) -> str:
    messages = _MESSAGES[lang]
    key: Reason | str = decision.reason
    if decision.reason is Reason.ON_TIME and decision.deadline is None:
        key = "on_time_without_deadline"
    return messages[key].format_map(_Values(decision, lang))
