"""Decisions on booking changes, with a stable reason code and an explanation for families.

A [`Decision`][] says whether a change is accepted, accepted late or refused, which deadline
applied, when the service starts, what the change costs, and why ([`Reason`][], a stable code
that portals may switch on). [`Decision.explain`][] renders the explanation in French (the
default) or English, with dates and amounts formatted through babel; portals show it as it is.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import attrs
from babel.dates import format_date, format_time

from cantine_rules._time import PARIS
from cantine_rules.errors import InvalidValueError
from cantine_rules.model import BookingChange, ChangeAction, Service
from cantine_rules.money import Money

__all__ = ["Decision", "DecisionStatus", "Reason", "format_day", "format_instant"]

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


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
    local = instant.astimezone(PARIS)
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
        return _explain_en(self) if lang == "en" else _explain_fr(self)


def _what_fr(decision: Decision) -> str:
    return f"« {decision.service.label} » du {format_day(decision.change.day)}"


def _what_en(decision: Decision) -> str:
    return f"“{decision.service.label}” on {format_day(decision.change.day, 'en')}"


def _expired_fr(decision: Decision) -> str:
    assert decision.deadline is not None  # every late reason has a deadline
    return (
        f"le délai ({decision.rule}) pour {_what_fr(decision)} a expiré le "
        f"{format_instant(decision.deadline)}"
    )


def _expired_en(decision: Decision) -> str:
    assert decision.deadline is not None  # every late reason has a deadline
    return (
        f"the deadline ({decision.rule_en}) for {_what_en(decision)} passed on "
        f"{format_instant(decision.deadline, 'en')}"
    )


def _money_fr(decision: Decision) -> str:
    return (decision.charge or Money.zero()).format("fr_FR")


def _money_en(decision: Decision) -> str:
    return (decision.charge or Money.zero()).format("en")


def _explain_fr(decision: Decision) -> str:
    is_add = decision.change.action is ChangeAction.ADD
    noun = "Ajout" if is_add else "Annulation"
    reason = decision.reason
    if reason is Reason.ON_TIME:
        if decision.deadline is None:
            return f"{noun} accepté{'' if is_add else 'e'} pour {_what_fr(decision)}."
        return (
            f"{noun} accepté{'' if is_add else 'e'} : la demande pour {_what_fr(decision)} est "
            f"faite avant la date limite du {format_instant(decision.deadline)}."
        )
    if reason is Reason.LATE_SURCHARGE:
        return (
            f"{noun} hors délai : {_expired_fr(decision)} ; il est facturé {_money_fr(decision)}."
        )
    if reason is Reason.LATE_STILL_CHARGED:
        return (
            f"{noun} hors délai : {_expired_fr(decision)} ; le service reste facturé "
            f"{_money_fr(decision)}."
        )
    if reason is Reason.LATE_CHARGE_WAIVED:
        return (
            f"{noun} hors délai : {_expired_fr(decision)} ; avec le certificat médical, le "
            f"service n'est pas facturé ({_money_fr(decision)})."
        )
    if reason is Reason.LATE_ACCEPTED:
        return f"{noun} hors délai : {_expired_fr(decision)} ; la demande est acceptée sans frais."
    if reason is Reason.TOO_LATE:
        return f"{noun} refusé{'' if is_add else 'e'} : {_expired_fr(decision)}."
    if reason is Reason.TOO_LATE_CONTACT:
        return (
            f"{noun} refusé{'' if is_add else 'e'} : {_expired_fr(decision)} ; la modification "
            f"n'est plus possible en ligne, contactez {decision.detail}."
        )
    refused = f"{noun} refusé{'' if is_add else 'e'} : "
    if reason is Reason.NOT_OPEN_YET:
        assert decision.opens_at is not None
        return (
            f"{refused}les demandes pour {_what_fr(decision)} ne sont ouvertes qu'à partir du "
            f"{format_instant(decision.opens_at)}."
        )
    if reason is Reason.NOT_A_SERVICE_DAY:
        why = decision.detail or "pas de service ce jour-là"
        return (
            f"{refused}« {decision.service.label} » n'a pas lieu le "
            f"{format_day(decision.change.day)} ({why})."
        )
    if reason is Reason.ACCOUNT_NOT_VALIDATED:
        return f"{refused}le compte famille n'est pas encore validé par la mairie."
    if reason is Reason.CHILD_NOT_IN_FAMILY:
        return f"{refused}l'enfant {decision.change.child_id} n'est pas ajouté à la famille."
    if reason is Reason.CHILD_NOT_REGISTERED:
        return (
            f"{refused}l'enfant {decision.change.child_id} n'est pas inscrit à "
            f"« {decision.service.label} »."
        )
    return f"{refused}le dossier d'inscription n'est pas encore validé."


def _explain_en(decision: Decision) -> str:
    noun = "Addition" if decision.change.action is ChangeAction.ADD else "Cancellation"
    reason = decision.reason
    if reason is Reason.ON_TIME:
        if decision.deadline is None:
            return f"{noun} accepted for {_what_en(decision)}."
        return (
            f"{noun} accepted: the request for {_what_en(decision)} was made before the "
            f"deadline of {format_instant(decision.deadline, 'en')}."
        )
    if reason is Reason.LATE_SURCHARGE:
        return f"Late {noun.lower()}: {_expired_en(decision)}; it is charged {_money_en(decision)}."
    if reason is Reason.LATE_STILL_CHARGED:
        return (
            f"Late {noun.lower()}: {_expired_en(decision)}; the service is still charged "
            f"{_money_en(decision)}."
        )
    if reason is Reason.LATE_CHARGE_WAIVED:
        return (
            f"Late {noun.lower()}: {_expired_en(decision)}; with the medical certificate the "
            f"service is not charged ({_money_en(decision)})."
        )
    if reason is Reason.LATE_ACCEPTED:
        return (
            f"Late {noun.lower()}: {_expired_en(decision)}; the request is accepted free of charge."
        )
    if reason is Reason.TOO_LATE:
        return f"{noun} refused: {_expired_en(decision)}."
    if reason is Reason.TOO_LATE_CONTACT:
        return (
            f"{noun} refused: {_expired_en(decision)}; it can no longer be changed online, "
            f"please contact {decision.detail}."
        )
    refused = f"{noun} refused: "
    if reason is Reason.NOT_OPEN_YET:
        assert decision.opens_at is not None
        return (
            f"{refused}requests for {_what_en(decision)} open only on "
            f"{format_instant(decision.opens_at, 'en')}."
        )
    if reason is Reason.NOT_A_SERVICE_DAY:
        why = decision.detail or "no service that day"
        return (
            f"{refused}“{decision.service.label}” does not run on "
            f"{format_day(decision.change.day, 'en')} ({why})."
        )
    if reason is Reason.ACCOUNT_NOT_VALIDATED:
        return f"{refused}the family account is not yet validated by the town hall."
    if reason is Reason.CHILD_NOT_IN_FAMILY:
        return f"{refused}child {decision.change.child_id} has not been added to the family."
    if reason is Reason.CHILD_NOT_REGISTERED:
        return (
            f"{refused}child {decision.change.child_id} is not registered for "
            f"“{decision.service.label}”."
        )
    return f"{refused}the registration dossier is not yet validated."
