"""A commune's absences and non-billable days: their service checks, judging and explanation.

[`CommunePolicy`][cantine_rules.policies.commune.CommunePolicy] holds an
[`AbsenceRules`][cantine_rules.rules.absences.AbsenceRules] and a
[`NonBillableDays`][cantine_rules.rules.non_billable.NonBillableDays]; this module checks that
they name the commune's services, judges an absence with the commune's calendar, tariff and
non-billable days, and says both in French and English.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from cantine_rules.errors import InvalidValueError, UnknownServiceError
from cantine_rules.money import Money
from cantine_rules.policies._messages import money, say
from cantine_rules.rules.absences import (
    AbsenceDocument,
    AbsencePolicy,
    AbsenceReason,
    AbsentDay,
    CertificateWithin,
    FlatCharge,
    HeldDocument,
)
from cantine_rules.rules.late import MissingPriceError
from cantine_rules.rules.non_billable import NonBillableDay

if TYPE_CHECKING:
    from cantine_rules.policies.commune import CommunePolicy, ExplainedRule
    from cantine_rules.pricing._tariffs import PricingContext

__all__ = [
    "check_service_codes",
    "describe_absence_policy",
    "describe_non_billable_day",
    "explain_absences",
    "judge_absence",
]


def check_service_codes(policy: CommunePolicy, known: set[str]) -> None:
    """Raise `UnknownServiceError`, with its path, for a service the commune does not have."""
    for code, _ in policy.absences.by_service:
        if code not in known:
            raise UnknownServiceError(code, known, field=f"absences.by_service.{code}")
    for index, declared in enumerate(policy.non_billable_days.days):
        for position, code in enumerate(declared.services):
            if code not in known:
                field = f"non_billable_days[{index}].services[{position}]"
                raise UnknownServiceError(code, known, field=field)


def judge_absence(
    policy: CommunePolicy,
    code: str,
    days: Iterable[date],
    *,
    notice_at: datetime | None,
    certificate_at: datetime | None,
    site: str | None,
    context: PricingContext | None,
    documents: Iterable[HeldDocument] = (),
) -> tuple[AbsentDay, ...]:
    """See [`CommunePolicy.judge_absence`][cantine_rules.policies.commune.CommunePolicy]."""
    service = policy.service(code)
    rule = policy.absences.for_service(code)
    if rule is None:
        raise InvalidValueError("absences", code, f"{policy.slug} sets no absence policy for it")

    priced = any(schedule.service_code == code for schedule in policy.tariffs)

    def price_of(day: date) -> Money:
        if not policy.non_billable_days.is_billable(code, day, site=site):
            return Money.zero()  # the day is made free below, whatever it would cost
        if not priced:
            # A commune may publish absence rules for a service it does not price: a flat charge
            # needs no price, and only a day charged at the booked price says it is missing.
            raise MissingPriceError("an absence charged at the booked price")
        return policy.price(code, day, context=context).unit_price

    judged = rule.judge(
        service,
        days,
        calendar=policy.calendar,
        notice_at=notice_at,
        certificate_at=certificate_at,
        runs_on=policy.booking.days_of(code),
        price_of=price_of,
        documents=documents,
    )
    free = AbsenceReason.NON_BILLABLE_DAY
    return tuple(
        day
        if policy.non_billable_days.is_billable(code, day.day, site=site)
        else attrs.evolve(day, charge=Money.zero(), reason=free)
        for day in judged
    )


def describe_absence_policy(rule: AbsencePolicy, lang: str = "fr") -> str:
    """An absence policy in a few words.

    >>> from datetime import time
    >>> from cantine_rules.rules.deadlines import CalendarDaysBefore
    >>> rule = AbsencePolicy(FlatCharge(Money.euros("3.75")), CalendarDaysBefore(0, time(9)))
    >>> describe_absence_policy(rule, "en")
    'free with notice before the same day at 09:00; otherwise charged €3.75; a medical certificate changes nothing'
    """  # noqa: E501  (a doctest's answer is one line)
    notice = (
        say(lang, "absences.notice", rule=rule.notice.describe(lang))
        if rule.notice is not None
        else say(lang, "absences.no_notice_rule")
    )
    parts = [notice]
    if rule.waiting is not None:
        unit = say(lang, f"absences.count.{rule.waiting.counted_in.value}")
        parts.append(say(lang, "absences.waiting", days=rule.waiting.days, unit=unit))
    parts.extend(_describe_run(rule, lang))
    if rule.waived_by_documents:
        kinds = ", ".join(
            say(lang, f"absences.document.{kind.value}")
            for kind in AbsenceDocument
            if kind in rule.waived_by_documents
        )
        parts.append(say(lang, "absences.documents", kinds=kinds))
    if isinstance(rule.charge, FlatCharge):
        charge = money(lang, rule.charge.amount)
    else:
        charge = say(lang, "absences.booked_price")
    parts.append(say(lang, "absences.charge", charge=charge))
    parts.append(_describe_certificate(rule, lang))
    return say(lang, "absences.separator").join(parts)


def _describe_run(rule: AbsencePolicy, lang: str) -> list[str]:
    run = rule.run
    if run is None:
        return []
    parts = [say(lang, "absences.run.free", days=run.free_days)] if run.free_days else []
    if run.charged_days is not None:
        key = "absences.run.then_charged" if run.free_days else "absences.run.first_charged"
        parts.append(say(lang, key, days=run.charged_days))
    return parts


def _describe_certificate(rule: AbsencePolicy, lang: str) -> str:
    certificate = rule.certificate
    if certificate is None:
        return say(lang, "absences.certificate.unsaid")
    if not isinstance(certificate, CertificateWithin):
        return say(lang, "absences.certificate.not_accepted")
    text = say(lang, "absences.certificate.within", hours=certificate.hours)
    if certificate.waiting_days:
        text += say(lang, "absences.certificate.waiting", waiting=certificate.waiting_days)
    if certificate.late_waiting_days is None:
        return text + say(lang, "absences.certificate.late_ignored")
    if certificate.latest_hours is None:
        return text + say(lang, "absences.certificate.late", waiting=certificate.late_waiting_days)
    return text + say(
        lang,
        "absences.certificate.late_until",
        waiting=certificate.late_waiting_days,
        latest=certificate.latest_hours,
    )


def describe_non_billable_day(declared: NonBillableDay, lang: str = "fr") -> str:
    """A non-billable day in a few words.

    >>> describe_non_billable_day(NonBillableDay(date(2025, 5, 6), "Sortie scolaire"), "en")
    '2025-05-06 (Sortie scolaire): not charged, every service, every site; the family has nothing to do'
    """  # noqa: E501  (a doctest's answer is one line)
    services = (
        ", ".join(declared.services)
        if declared.services
        else say(lang, "non_billable.all_services")
    )
    sites = ", ".join(declared.sites) if declared.sites else say(lang, "non_billable.all_sites")
    return say(
        lang, "non_billable", day=declared.day, label=declared.label, services=services, sites=sites
    )


def explain_absences(policy: CommunePolicy, lang: str) -> list[ExplainedRule]:
    """The explained rules of a commune's absences (one per service) and non-billable days."""
    from cantine_rules.policies.commune import ExplainedRule  # the caller's module

    rules: list[ExplainedRule] = []
    for service in policy.services:
        rule = policy.absences.for_service(service.code)
        if rule is None:
            continue
        topic = f"absences.{service.code}"
        text = say(lang, "absences", label=service.label, rule=describe_absence_policy(rule, lang))
        rules.append(ExplainedRule(topic, text, policy.source_of(topic)))
    for declared in policy.non_billable_days.days:
        rules.append(
            ExplainedRule(
                "non_billable_days",
                describe_non_billable_day(declared, lang),
                policy.source_of("non_billable_days"),
            )
        )
    return rules
