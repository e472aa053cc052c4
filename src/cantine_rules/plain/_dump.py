"""Writing a :class:`CommunePolicy` as plain data: canonical, with defaults left out.

The same policy always gives the same data: sets are written sorted, decimal numbers normalised,
and a field at its default value is left out. A value whose source is the source of the tariff
version holding it does not repeat it.
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Any, Final, cast

import attrs

from cantine_rules.calendar import SchoolCalendar
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import BillingUnit, Service
from cantine_rules.money import Money
from cantine_rules.plain._dump_absences import dump_absences, dump_non_billable_days
from cantine_rules.plain._dump_deadlines import (
    SCHOOL_WEEK_DEADLINE_TYPES,
    dump_school_week_deadline,
)
from cantine_rules.plain._dump_extra import dump_reference_date
from cantine_rules.plain._dump_grids import bounds_data, columns_tariff_data
from cantine_rules.plain._dump_regimes import dump_regimes
from cantine_rules.plain._schema import (
    DEADLINE_TAGS,
    MODIFIER_TAGS,
    OUTCOME_TAGS,
    SURCHARGE_TAGS,
    TARIFF_TAGS,
    UNKNOWN,
    WEEKDAYS,
)
from cantine_rules.policies.commune import Citation, CommunePolicy
from cantine_rules.pricing.tariffs import (
    AppliesWhen,
    Bracket,
    BracketGrid,
    DocumentRequirement,
    EffortRate,
    FromReception,
    MedicalMealFactor,
    MedicalMealFlatPrice,
    ModifiedTariff,
    NonResidentSupplement,
    QuotientPolicy,
    SiblingReduction,
    SiteSupplement,
    TariffVersion,
    UnitPrice,
)
from cantine_rules.rules.booking import Requirements, ServiceRules
from cantine_rules.rules.deadlines import (
    AllOf,
    CalendarDaysBefore,
    ClearDaysBefore,
    FixedWindow,
    HoursBefore,
    MaxHorizon,
    WeekdayBefore,
    WorkingDaysBefore,
)
from cantine_rules.rules.late import (
    AcceptWithSurcharge,
    BasePlus,
    BaseTimes,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    KeepCharging,
    LateHandling,
    Refuse,
)
from cantine_rules.sources import Source

__all__ = ["dump_policy"]

_CALENDAR: Final = attrs.fields_dict(SchoolCalendar)
_DOSSIER_SOURCE: Final = cast(Source, attrs.fields_dict(DocumentRequirement)["source"].default)
_FIXED_WINDOW_LABEL: Final = cast(str, attrs.fields_dict(FixedWindow)["label"].default)
_REFUSE: Final = Refuse()


def _money(amount: Money) -> str:
    return str(amount.amount)


def _decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _quotient(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else _decimal(value)


def _clock(value: time) -> str:
    if value.second == 0 and value.microsecond == 0:
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _source(source: Source) -> dict[str, Any]:
    return {"kind": source.kind.value, "reference": source.reference}


def _unsupported(path: str, value: object, tags: Any) -> InvalidTypeError:
    known = ", ".join(sorted(kind.__name__ for kind in tags))
    return InvalidTypeError(path, value, f"has no plain-data form; the plain form knows {known}")


# Calendar and services ------------------------------------------------------------------------


def _calendar(calendar: SchoolCalendar) -> dict[str, Any]:
    if calendar.official_holidays is not None:
        raise InvalidValueError(
            "calendar.official_holidays",
            f"OfficialSchoolHolidays (zone {calendar.official_holidays.zone})",
            "the Ministry's dataset has no plain-data form; write the calendar without it and "
            "add the dataset in code after loading (attrs.evolve)",
        )
    data: dict[str, Any] = {"zone": calendar.zone.value}
    if calendar.department is not None:
        data["department"] = calendar.department
    if calendar.school_week != _CALENDAR["school_week"].default:
        data["school_week"] = [WEEKDAYS[d] for d in sorted(calendar.school_week.weekdays)]
    if calendar.first_year != _CALENDAR["first_year"].default:
        data["first_year"] = calendar.first_year
    if calendar.last_year != _CALENDAR["last_year"].default:
        data["last_year"] = calendar.last_year
    if calendar.closures:
        data["closures"] = [{"day": c.day, "label": c.label} for c in calendar.closures]
    if calendar.extra_open_days:
        data["extra_open_days"] = [
            {"day": e.day, "label": e.label} for e in calendar.extra_open_days
        ]
    return data


def _service(service: Service, days: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": service.code,
        "label": service.label,
        "kind": service.kind.value,
        "start": _clock(service.start),
        "end": _clock(service.end),
    }
    if service.billing_unit is not BillingUnit.SESSION:
        data["billing_unit"] = service.billing_unit.value
    if service.code in days:
        data["days"] = sorted(kind.value for kind in days[service.code])
    return data


# Deadlines and late handling ------------------------------------------------------------------


def _deadline(rule: object, path: str) -> dict[str, Any]:
    if type(rule) not in DEADLINE_TAGS:
        raise _unsupported(path, rule, DEADLINE_TAGS)
    data: dict[str, Any] = {"type": DEADLINE_TAGS[type(rule)]}
    if isinstance(rule, HoursBefore):
        data["hours"] = rule.hours
    elif isinstance(rule, WorkingDaysBefore):
        data["days"] = rule.days
        if rule.cutoff is not None:
            data["cutoff"] = _clock(rule.cutoff)
    elif isinstance(rule, WeekdayBefore):
        data["weekday"] = WEEKDAYS[rule.weekday]
        data["cutoff"] = _clock(rule.cutoff)
        if rule.weeks_before != 1:
            data["weeks_before"] = rule.weeks_before
    elif isinstance(rule, CalendarDaysBefore):
        data["days"] = rule.days
        data["at"] = _clock(rule.at)
    elif isinstance(rule, ClearDaysBefore):
        data["days"] = rule.days
        if rule.from_break_start:
            data["from_break_start"] = True
    elif isinstance(rule, FixedWindow):
        data["opens_at"] = rule.opens_at
        data["closes_at"] = rule.closes_at
        data["first_day"] = rule.first_day
        data["last_day"] = rule.last_day
        if rule.label != _FIXED_WINDOW_LABEL:
            data["label"] = rule.label
    elif isinstance(rule, MaxHorizon):
        data["days"] = rule.days
    elif isinstance(rule, SCHOOL_WEEK_DEADLINE_TYPES):
        data.update(dump_school_week_deadline(rule, _clock))
    else:
        assert isinstance(rule, AllOf)
        data["rules"] = [
            _deadline(part, f"{path}.rules[{index}]") for index, part in enumerate(rule.rules)
        ]
    return data


def _surcharge(surcharge: object, path: str) -> dict[str, Any]:
    if type(surcharge) not in SURCHARGE_TAGS:
        raise _unsupported(path, surcharge, SURCHARGE_TAGS)
    data: dict[str, Any] = {"type": SURCHARGE_TAGS[type(surcharge)]}
    if isinstance(surcharge, FlatPrice | BasePlus | FlatPenalty):
        data["amount"] = _money(surcharge.amount)
    elif isinstance(surcharge, BaseTimes):
        data["factor"] = _decimal(surcharge.factor)
    else:
        assert isinstance(surcharge, FreeAllowance)
        data["free_per_month"] = surcharge.free_per_month
        data["then"] = _surcharge(surcharge.then, f"{path}.then")
    return data


def _outcome(outcome: object, path: str) -> dict[str, Any]:
    if type(outcome) not in OUTCOME_TAGS:
        raise _unsupported(path, outcome, OUTCOME_TAGS)
    data: dict[str, Any] = {"type": OUTCOME_TAGS[type(outcome)]}
    if isinstance(outcome, Refuse):
        if outcome.contact is not None:
            data["contact"] = outcome.contact
    elif isinstance(outcome, AcceptWithSurcharge):
        data["surcharge"] = _surcharge(outcome.surcharge, f"{path}.surcharge")
    elif isinstance(outcome, KeepCharging) and outcome.waiver is not None:
        data["waiver"] = {"waiting_days": outcome.waiver.waiting_days}
    return data


def _late(handling: LateHandling, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if handling.online != _REFUSE:
        data["online"] = _outcome(handling.online, f"{path}.online")
    if handling.office != _REFUSE:
        data["office"] = _outcome(handling.office, f"{path}.office")
    return data


def _service_rules(rules: ServiceRules, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "add": _deadline(rules.add, f"{path}.add"),
        "cancel": _deadline(rules.cancel, f"{path}.cancel"),
    }
    if rules.late_add != LateHandling():
        data["late_add"] = _late(rules.late_add, f"{path}.late_add")
    if rules.late_cancel != LateHandling():
        data["late_cancel"] = _late(rules.late_cancel, f"{path}.late_cancel")
    return data


def _requirements(needs: Requirements) -> dict[str, Any]:
    default = Requirements()
    return {
        name: getattr(needs, name)
        for name in ("account_validated", "child_registered", "dossier_validated")
        if getattr(needs, name) != getattr(default, name)
    }


# Tariffs --------------------------------------------------------------------------------------


def _with_source(data: dict[str, Any], source: Source, inherited: Source) -> dict[str, Any]:
    if source != inherited:
        data["source"] = _source(source)
    return data


def _bracket(bracket: Bracket, inherited: Source) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": bracket.name,
        "lower": UNKNOWN if bracket.lower is None else _quotient(bracket.lower),
        "unit_price": UNKNOWN if bracket.unit_price is None else _money(bracket.unit_price),
        **bounds_data(bracket, _quotient),
    }
    return _with_source(data, bracket.source, inherited)


def _modifier(modifier: object, path: str, inherited: Source) -> dict[str, Any]:
    if type(modifier) not in MODIFIER_TAGS:
        raise _unsupported(path, modifier, MODIFIER_TAGS)
    data: dict[str, Any] = {"type": MODIFIER_TAGS[type(modifier)]}
    if isinstance(modifier, SiblingReduction):
        data["factors"] = [
            {"rank": rank, "factor": _decimal(factor)} for rank, factor in modifier.factors
        ]
        if modifier.floor is not None:
            data["floor"] = _money(modifier.floor)
    elif isinstance(modifier, NonResidentSupplement):
        data["rate"] = _decimal(modifier.rate)
    elif isinstance(modifier, MedicalMealFactor):
        data["factor"] = _decimal(modifier.factor)
    elif isinstance(modifier, SiteSupplement):
        data["amounts"] = [{"site": s, "amount": _money(a)} for s, a in modifier.amounts]
    else:
        assert isinstance(modifier, MedicalMealFlatPrice)
        data["amount"] = _money(modifier.amount)
    return _with_source(data, modifier.source, inherited)


def _tariff(tariff: object, path: str, inherited: Source) -> dict[str, Any]:
    if type(tariff) not in TARIFF_TAGS:
        raise _unsupported(path, tariff, TARIFF_TAGS)
    data: dict[str, Any] = {"type": TARIFF_TAGS[type(tariff)]}
    if isinstance(tariff, UnitPrice):
        data["amount"] = _money(tariff.amount)
        return _with_source(data, tariff.source, inherited)
    if isinstance(tariff, BracketGrid):
        data["default_bracket"] = tariff.default_bracket
        if not tariff.progressive:
            data["progressive"] = False
        data["brackets"] = [_bracket(bracket, inherited) for bracket in tariff.brackets]
        return data
    if isinstance(tariff, EffortRate):
        data["rate"] = _decimal(tariff.rate)
        data["minimum"] = _money(tariff.minimum)
        data["maximum"] = _money(tariff.maximum)
        if tariff.without_quotient is not None:
            data["without_quotient"] = _money(tariff.without_quotient)
        return _with_source(data, tariff.source, inherited)
    columns = columns_tariff_data(tariff, path, inherited, _tariff)
    if columns is not None:
        return columns
    assert isinstance(tariff, ModifiedTariff)
    data["tariff"] = _tariff(tariff.tariff, f"{path}.tariff", inherited)
    data["modifiers"] = [
        _modifier(modifier, f"{path}.modifiers[{index}]", inherited)
        for index, modifier in enumerate(tariff.modifiers)
    ]
    return data


def _version(version: TariffVersion, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {"effective_from": version.effective_from}
    if version.ends_on is not None:
        data["ends_on"] = version.ends_on
    data["source"] = _source(version.source)
    data["tariff"] = _tariff(version.tariff, f"{path}.tariff", version.source)
    return data


def _quotient_policy(policy: QuotientPolicy) -> dict[str, Any]:
    from cantine_rules.plain._dump_payment import quotient_effect  # it imports this module

    data: dict[str, Any] = {}
    if policy.registration_deadline is not None:
        data["registration_deadline"] = policy.registration_deadline
    if policy.max_age_months is not None:
        data["max_age_months"] = policy.max_age_months
    data["source"] = _source(policy.source)
    if not isinstance(policy.takes_effect, FromReception):
        data["takes_effect"] = quotient_effect(policy.takes_effect)
    if policy.zero_means_unknown:
        data["zero_means_unknown"] = True
    if policy.reference_date is not None:
        data["reference_date"] = dump_reference_date(policy.reference_date)
    return data


def _dossier(requirement: DocumentRequirement) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": requirement.code,
        "label": requirement.label,
        "accepted": sorted(kind.value for kind in requirement.accepted),
    }
    if requirement.applies_when is not AppliesWhen.ALWAYS:
        data["applies_when"] = requirement.applies_when.value
    if requirement.max_age_months is not None:
        data["max_age_months"] = requirement.max_age_months
    if requirement.source != _DOSSIER_SOURCE:
        data["source"] = _source(requirement.source)
    return data


def _citation(citation: Citation) -> dict[str, Any]:
    return {"topic": citation.topic, "source": _source(citation.source)}


# The whole policy -----------------------------------------------------------------------------


def dump_policy(policy: CommunePolicy) -> dict[str, Any]:
    """The plain data of *policy* (see :func:`cantine_rules.plain.to_data`)."""
    if not isinstance(policy, CommunePolicy):
        raise InvalidTypeError("policy", policy, "must be a CommunePolicy")
    booking = policy.booking
    data: dict[str, Any] = {"slug": policy.slug, "name": policy.name}
    if policy.aliases:
        data["aliases"] = list(policy.aliases)
    from cantine_rules.plain import _dump_payment as payment  # it imports this module

    # A field the commune left to the library's default is left out, as the file had it.
    if "payment_scheme" not in policy.payment_defaults:
        data["payment_scheme"] = policy.payment_scheme.value
    if "payment_modes" not in policy.payment_defaults:
        data["payment_modes"] = sorted(mode.value for mode in policy.payment_modes)
    if policy.payment_by_service:
        data["payment_by_service"] = payment.payment_by_service(policy.payment_by_service)
    if policy.minimum_top_up is not None:
        data["minimum_top_up"] = payment.minimum_top_up(policy.minimum_top_up)
    if policy.credit_treatment is not None:
        data["credit_treatment"] = payment.credit_treatment(policy.credit_treatment)
    if policy.direct_debit is not None:
        from cantine_rules.plain._dump_direct_debit import direct_debit  # it imports this module

        data["direct_debit"] = direct_debit(policy.direct_debit)
    if policy.wallet_alert_threshold is not None:
        data["wallet_alert_threshold"] = _money(policy.wallet_alert_threshold)
    if booking.auto_validate:
        data["auto_validate"] = True
    data["calendar"] = _calendar(booking.calendar)
    requirements = _requirements(booking.requirements)
    if requirements:
        data["requirements"] = requirements
    days = dict(booking.service_days)
    data["services"] = [_service(service, days) for service in booking.services]
    rules: dict[str, Any] = {"default": _service_rules(booking.default, "rules.default")}
    if booking.by_kind:
        rules["by_kind"] = {
            kind.value: _service_rules(item, f"rules.by_kind.{kind.value}")
            for kind, item in booking.by_kind
        }
    if booking.by_service:
        rules["by_service"] = {
            code: _service_rules(item, f"rules.by_service.{code}")
            for code, item in booking.by_service
        }
    data["rules"] = rules
    if not policy.absences.is_empty:
        data["absences"] = dump_absences(policy.absences, _deadline)
    if policy.non_billable_days.days:
        data["non_billable_days"] = dump_non_billable_days(policy.non_billable_days)
    if policy.tariffs:
        data["tariffs"] = {
            schedule.service_code: {
                "versions": [
                    _version(version, f"tariffs.{schedule.service_code}.versions[{index}]")
                    for index, version in enumerate(schedule.versions)
                ]
            }
            for schedule in policy.tariffs
        }
    if policy.quotient_policy is not None:
        data["quotient_policy"] = _quotient_policy(policy.quotient_policy)
    if policy.dossier:
        data["dossier"] = [_dossier(requirement) for requirement in policy.dossier]
    if policy.citations:
        data["citations"] = [_citation(citation) for citation in policy.citations]
    # Imported here: that module builds on this one's writers of amounts and times.
    from cantine_rules.plain._dump_presence import dump_late_pickups, dump_unbooked_presence

    if policy.unbooked_presence is not None:
        data["unbooked_presence"] = dump_unbooked_presence(policy.unbooked_presence)
    if policy.late_pickup:
        data["late_pickup"] = dump_late_pickups(policy.late_pickup)
    if policy.regimes:
        data["regimes"] = dump_regimes(policy.regimes, _source)
    return data
