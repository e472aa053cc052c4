"""Building a :class:`CommunePolicy` from plain data, reporting every problem with its path.

The schema is described in :mod:`cantine_rules.plain`; the names of the tagged types
are in :mod:`cantine_rules.plain._schema`, shared with the dumping side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any, Final, cast

import attrs

from cantine_rules.calendar import Closure, ExtraOpenDay, SchoolCalendar, SchoolWeek, ServiceDays
from cantine_rules.calendar import Zone as CalendarZone
from cantine_rules.model import BillingUnit, Service, ServiceKind
from cantine_rules.money import Money
from cantine_rules.plain._load_absences import (
    absence_rules,
    check_service_codes,
    non_billable_days,
)
from cantine_rules.plain._load_deadlines import SCHOOL_WEEK_DEADLINES, check_weekday_tables
from cantine_rules.plain._load_extra import reference_date
from cantine_rules.plain._load_grids import MODIFIER_LOADERS, TARIFF_LOADERS
from cantine_rules.plain._load_regimes import check_regimes, load_regimes
from cantine_rules.plain._read import (
    Parser,
    Reader,
    ReadError,
    Table,
    boolean,
    choice,
    clock,
    day,
    decimal_number,
    ident,
    index_path,
    instant,
    integer,
    join,
    list_of,
    money,
    non_negative_number,
    same_names,
    table_of,
    tag,
    tagged,
    text,
    unique,
    weekday,
)
from cantine_rules.plain._schema import (
    DEADLINE_TAGS,
    MODIFIER_TAGS,
    OUTCOME_TAGS,
    SURCHARGE_TAGS,
    TARIFF_TAGS,
    UNKNOWN,
    WEEKDAYS,
)
from cantine_rules.policies.commune import Citation, CommunePolicy, PaymentScheme
from cantine_rules.pricing.accounts import (
    DEFAULT_PAYMENT_MODES,
    DEFAULT_PAYMENT_SCHEME,
    PaymentMode,
)
from cantine_rules.pricing.tariffs import (
    AppliesWhen,
    Bracket,
    BracketGrid,
    DocumentKind,
    DocumentRequirement,
    EffortRate,
    FromReception,
    MedicalMealFactor,
    MedicalMealFlatPrice,
    ModifiedTariff,
    Modifier,
    NonResidentSupplement,
    QuotientPolicy,
    SiblingReduction,
    Tariff,
    TariffSchedule,
    TariffVersion,
    UnitPrice,
)
from cantine_rules.rules.absences import AbsenceRules
from cantine_rules.rules.booking import BookingRules, Requirements, ServiceRules
from cantine_rules.rules.deadlines import (
    MAX_DAYS,
    MAX_HORIZON_DAYS,
    MAX_HOURS,
    MAX_WEEKS,
    AllOf,
    CalendarDaysBefore,
    ChangeWindowRule,
    ClearDaysBefore,
    FixedWindow,
    HoursBefore,
    MaxHorizon,
    WeekdayBefore,
    WorkingDaysBefore,
)
from cantine_rules.rules.late import (
    AcceptLate,
    AcceptWithSurcharge,
    BasePlus,
    BaseTimes,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    KeepCharging,
    LateHandling,
    LateOutcome,
    MedicalWaiver,
    Refuse,
    Surcharge,
)
from cantine_rules.rules.non_billable import NonBillableDays
from cantine_rules.sources import Source, SourceKind

__all__ = [
    "MAX_DEADLINE_DAYS",
    "MAX_DEADLINE_HOURS",
    "MAX_DEADLINE_WEEKS",
    "MAX_HORIZON",
    "load_policy",
]

# The bounds of a deadline's counts are the rule values' own (cantine_rules.rules.deadlines):
# the reader reads whole numbers from zero and the rule refuses a larger count, at its path.
MAX_DEADLINE_DAYS: Final = MAX_DAYS
"""The most days a deadline may count (working, calendar or clear days before the service)."""
MAX_DEADLINE_HOURS: Final = MAX_HOURS
"""The most hours a deadline may count (``hours_before``): a leap year's."""
MAX_DEADLINE_WEEKS: Final = MAX_WEEKS
"""The most weeks a ``weekday_before`` deadline may lie before the service's week."""
MAX_HORIZON: Final = MAX_HORIZON_DAYS
"""The most days ahead a ``max_horizon`` may open booking: two years."""

_COUNT: Final = integer(minimum=0)
_MONTHS: Final = integer(minimum=1)
_CALENDAR: Final = attrs.fields_dict(SchoolCalendar)
_DEFAULT_WEEK: Final = cast(SchoolWeek, _CALENDAR["school_week"].default)
_DEFAULT_FIRST_YEAR: Final = cast(int, _CALENDAR["first_year"].default)
_DEFAULT_LAST_YEAR: Final = cast(int, _CALENDAR["last_year"].default)
_DOSSIER_SOURCE: Final = cast(Source, attrs.fields_dict(DocumentRequirement)["source"].default)
_YEAR: Final = integer(minimum=1900, maximum=2100)


def _source(reader: Reader, value: object, path: str) -> Source:
    table = Table(reader, value, path)
    kind = table.required("kind", choice(SourceKind))
    reference = table.required("reference", ident)
    table.close()
    return reader.build(path, same_names("kind", "reference"), lambda: Source(kind, reference))


def _inherited_source(table: Table, inherited: Source | None) -> Source:
    """A value's ``source``, or the source of the version that holds it when it gives none."""
    if inherited is not None:
        return table.optional("source", _source, inherited)
    if table.has("source"):
        return table.required("source", _source)
    # The enclosing version's source was wrong and already reported.
    table.known.append("source")
    table.ok = False
    return Source.default("unused")


# Calendar -------------------------------------------------------------------------------------


def _closure(reader: Reader, value: object, path: str) -> Closure:
    table = Table(reader, value, path)
    when = table.required("day", day)
    label = table.required("label", ident)
    table.close()
    return reader.build(path, same_names("day", "label"), lambda: Closure(when, label))


def _extra_day(reader: Reader, value: object, path: str) -> ExtraOpenDay:
    table = Table(reader, value, path)
    when = table.required("day", day)
    label = table.required("label", ident)
    table.close()
    return reader.build(path, same_names("day", "label"), lambda: ExtraOpenDay(when, label))


def _school_week(reader: Reader, value: object, path: str) -> SchoolWeek:
    weekdays = list_of(weekday, non_empty=True)(reader, value, path)
    if not unique(
        reader, ((index_path(path, i), WEEKDAYS[d]) for i, d in enumerate(weekdays)), "day"
    ):
        raise ReadError
    return reader.build(path, {}, lambda: SchoolWeek(frozenset(weekdays)))


def _calendar(reader: Reader, value: object, path: str) -> SchoolCalendar:
    table = Table(reader, value, path)
    zone = table.required("zone", choice(CalendarZone))
    department = table.optional("department", ident, None)
    closures = table.optional("closures", list_of(_closure), ())
    extra = table.optional("extra_open_days", list_of(_extra_day), ())
    week = table.optional("school_week", _school_week, _DEFAULT_WEEK)
    first = table.optional("first_year", _YEAR, _DEFAULT_FIRST_YEAR)
    last = table.optional("last_year", _YEAR, _DEFAULT_LAST_YEAR)
    table.close()
    fields = same_names(
        "zone",
        "department",
        "closures",
        "extra_open_days",
        "school_week",
        "first_year",
        "last_year",
    )
    return reader.build(
        path,
        fields,
        lambda: SchoolCalendar(
            zone,
            department,
            closures=closures,
            extra_open_days=extra,
            school_week=week,
            first_year=first,
            last_year=last,
        ),
    )


# Services -------------------------------------------------------------------------------------


def _service_days(reader: Reader, value: object, path: str) -> frozenset[ServiceDays]:
    days = list_of(choice(ServiceDays), non_empty=True)(reader, value, path)
    if not unique(reader, ((index_path(path, i), d.value) for i, d in enumerate(days)), "value"):
        raise ReadError
    return frozenset(days)


def _service(
    reader: Reader, value: object, path: str
) -> tuple[Service, frozenset[ServiceDays] | None]:
    table = Table(reader, value, path)
    code = table.required("code", ident)
    label = table.required("label", ident)
    kind = table.required("kind", choice(ServiceKind))
    start = table.required("start", clock)
    end = table.required("end", clock)
    unit = table.optional("billing_unit", choice(BillingUnit), BillingUnit.SESSION)
    days = table.optional("days", _service_days, None)
    table.close()
    fields = same_names("code", "label", "kind", "start", "end", "billing_unit")
    service = reader.build(path, fields, lambda: Service(code, label, kind, start, end, unit))
    return service, days


# Deadlines ------------------------------------------------------------------------------------


def _hours_before(reader: Reader, table: Table) -> ChangeWindowRule:
    hours = table.required("hours", _COUNT)
    table.close()
    return reader.build(table.path, same_names("hours"), lambda: HoursBefore(hours))


def _working_days_before(reader: Reader, table: Table) -> ChangeWindowRule:
    days = table.required("days", _COUNT)
    cutoff = table.optional("cutoff", clock, None)
    table.close()
    return reader.build(
        table.path, same_names("days", "cutoff"), lambda: WorkingDaysBefore(days, cutoff)
    )


def _weekday_before(reader: Reader, table: Table) -> ChangeWindowRule:
    named = table.required("weekday", weekday)
    cutoff = table.required("cutoff", clock)
    weeks = table.optional("weeks_before", _COUNT, 1)
    table.close()
    return reader.build(
        table.path,
        same_names("weekday", "cutoff", "weeks_before"),
        lambda: WeekdayBefore(named, cutoff, weeks),
    )


def _calendar_days_before(reader: Reader, table: Table) -> ChangeWindowRule:
    days = table.required("days", _COUNT)
    at = table.required("at", clock)
    table.close()
    return reader.build(table.path, same_names("days", "at"), lambda: CalendarDaysBefore(days, at))


def _clear_days_before(reader: Reader, table: Table) -> ChangeWindowRule:
    days = table.required("days", _COUNT)
    from_break = table.optional("from_break_start", boolean, False)
    table.close()
    return reader.build(
        table.path,
        same_names("days", "from_break_start"),
        lambda: ClearDaysBefore(days, from_break),
    )


_FIXED_WINDOW_LABEL: Final = cast(str, attrs.fields_dict(FixedWindow)["label"].default)


def _fixed_window(reader: Reader, table: Table) -> ChangeWindowRule:
    opens = table.required("opens_at", instant)
    closes = table.required("closes_at", instant)
    first = table.required("first_day", day)
    last = table.required("last_day", day)
    label = table.optional("label", ident, _FIXED_WINDOW_LABEL)
    table.close()
    return reader.build(
        table.path,
        same_names("opens_at", "closes_at", "first_day", "last_day", "label"),
        lambda: FixedWindow(opens, closes, first, last, label),
    )


def _max_horizon(reader: Reader, table: Table) -> ChangeWindowRule:
    days = table.required("days", _COUNT)
    table.close()
    return reader.build(table.path, same_names("days"), lambda: MaxHorizon(days))


def _all_of(reader: Reader, table: Table) -> ChangeWindowRule:
    rules = table.required("rules", list_of(_deadline, non_empty=True))
    table.close()
    return reader.build(table.path, same_names("rules"), lambda: AllOf(rules))


_DEADLINES: Final[Mapping[str, Callable[[Reader, Table], ChangeWindowRule]]] = {
    DEADLINE_TAGS[HoursBefore]: _hours_before,
    DEADLINE_TAGS[WorkingDaysBefore]: _working_days_before,
    DEADLINE_TAGS[WeekdayBefore]: _weekday_before,
    DEADLINE_TAGS[CalendarDaysBefore]: _calendar_days_before,
    DEADLINE_TAGS[ClearDaysBefore]: _clear_days_before,
    DEADLINE_TAGS[FixedWindow]: _fixed_window,
    DEADLINE_TAGS[MaxHorizon]: _max_horizon,
    DEADLINE_TAGS[AllOf]: _all_of,
    **SCHOOL_WEEK_DEADLINES,
}


_deadline: Final[Parser[ChangeWindowRule]] = tagged(_DEADLINES)


# Late handling --------------------------------------------------------------------------------


def _amount_surcharge(
    kind: Callable[[Money], Surcharge], reader: Reader, table: Table
) -> Surcharge:
    """A surcharge of the class *kind* that holds one ``amount`` (bound to *kind* by tag)."""
    amount = table.required("amount", money)
    table.close()
    return reader.build(table.path, same_names("amount"), lambda: kind(amount))


def _base_times(reader: Reader, table: Table) -> Surcharge:
    factor = table.required("factor", decimal_number)
    table.close()
    return reader.build(table.path, same_names("factor"), lambda: BaseTimes(factor))


def _free_allowance(reader: Reader, table: Table) -> Surcharge:
    free = table.required("free_per_month", _COUNT)
    then = table.required("then", _surcharge)
    table.close()
    return reader.build(
        table.path, same_names("free_per_month", "then"), lambda: FreeAllowance(free, then)
    )


_SURCHARGES: Final[Mapping[str, Callable[[Reader, Table], Surcharge]]] = {
    SURCHARGE_TAGS[FlatPrice]: partial(_amount_surcharge, FlatPrice),
    SURCHARGE_TAGS[BasePlus]: partial(_amount_surcharge, BasePlus),
    SURCHARGE_TAGS[BaseTimes]: _base_times,
    SURCHARGE_TAGS[FlatPenalty]: partial(_amount_surcharge, FlatPenalty),
    SURCHARGE_TAGS[FreeAllowance]: _free_allowance,
}


_surcharge: Final[Parser[Surcharge]] = tagged(_SURCHARGES)


def _refuse(reader: Reader, table: Table) -> LateOutcome:
    contact = table.optional("contact", text, None)
    table.close()
    return reader.build(table.path, same_names("contact"), lambda: Refuse(contact))


def _accept_with_surcharge(reader: Reader, table: Table) -> LateOutcome:
    surcharge = table.required("surcharge", _surcharge)
    table.close()
    return reader.build(table.path, same_names("surcharge"), lambda: AcceptWithSurcharge(surcharge))


def _waiver(reader: Reader, value: object, path: str) -> MedicalWaiver:
    table = Table(reader, value, path)
    waiting = table.required("waiting_days", _COUNT)
    table.close()
    return reader.build(path, same_names("waiting_days"), lambda: MedicalWaiver(waiting))


def _keep_charging(reader: Reader, table: Table) -> LateOutcome:
    waiver = table.optional("waiver", _waiver, None)
    table.close()
    return reader.build(table.path, same_names("waiver"), lambda: KeepCharging(waiver))


def _accept_late(reader: Reader, table: Table) -> LateOutcome:
    table.close()
    return AcceptLate()


_OUTCOMES: Final[Mapping[str, Callable[[Reader, Table], LateOutcome]]] = {
    OUTCOME_TAGS[Refuse]: _refuse,
    OUTCOME_TAGS[AcceptWithSurcharge]: _accept_with_surcharge,
    OUTCOME_TAGS[KeepCharging]: _keep_charging,
    OUTCOME_TAGS[AcceptLate]: _accept_late,
}


_outcome: Final[Parser[LateOutcome]] = tagged(_OUTCOMES)


def _late(reader: Reader, value: object, path: str) -> LateHandling:
    table = Table(reader, value, path)
    refuse: LateOutcome = Refuse()
    online = table.optional("online", _outcome, refuse)
    office = table.optional("office", _outcome, refuse)
    table.close()
    return reader.build(path, same_names("online", "office"), lambda: LateHandling(online, office))


def _service_rules(reader: Reader, value: object, path: str) -> ServiceRules:
    table = Table(reader, value, path)
    add = table.required("add", _deadline)
    cancel = table.required("cancel", _deadline)
    late_add = table.optional("late_add", _late, LateHandling())
    late_cancel = table.optional("late_cancel", _late, LateHandling())
    table.close()
    return reader.build(
        path,
        same_names("add", "cancel", "late_add", "late_cancel"),
        lambda: ServiceRules(add, cancel, late_add, late_cancel),
    )


_KIND: Final = choice(ServiceKind)


def _by_kind(reader: Reader, value: object, path: str) -> dict[ServiceKind, ServiceRules]:
    rules = table_of(_service_rules)(reader, value, path)
    result: dict[ServiceKind, ServiceRules] = {}
    failed = False
    for key, item in rules.items():
        try:
            result[_KIND(reader, key, join(path, key))] = item
        except ReadError:
            failed = True
    if failed:
        raise ReadError
    return result


@attrs.frozen
class _Rules:
    default: ServiceRules
    by_kind: dict[ServiceKind, ServiceRules]
    by_service: dict[str, ServiceRules]


def _rules(reader: Reader, value: object, path: str) -> _Rules:
    table = Table(reader, value, path)
    default = table.required("default", _service_rules)
    by_kind = table.optional("by_kind", _by_kind, {})
    by_service = table.optional("by_service", table_of(_service_rules), {})
    table.close()
    return _Rules(default, by_kind, by_service)


def _requirements(reader: Reader, value: object, path: str) -> Requirements:
    table = Table(reader, value, path)
    account = table.optional("account_validated", boolean, True)
    child = table.optional("child_registered", boolean, True)
    dossier = table.optional("dossier_validated", boolean, False)
    table.close()
    return Requirements(account, child, dossier)


# Tariffs --------------------------------------------------------------------------------------


def _known_or(parse: Parser[Any]) -> Parser[Any]:
    """A parser that also takes ``"unknown"``, for a figure no source gives (read as None)."""

    def read(reader: Reader, value: object, path: str) -> Any:
        if value == UNKNOWN:
            return None
        return parse(reader, value, path)

    return read


def _bracket(inherited: Source | None) -> Parser[Bracket]:
    def read(reader: Reader, value: object, path: str) -> Bracket:
        table = Table(reader, value, path)
        name = table.required("name", ident)
        lower = table.required("lower", _known_or(non_negative_number))
        price = table.required("unit_price", _known_or(money))
        source = _inherited_source(table, inherited)
        # The bounds as the règlement writes them (« de 651 à 950 », « inférieur à 700 € »).
        lower_in = table.optional("lower_inclusive", boolean, True)
        upper = table.optional("upper", non_negative_number, None)
        upper_in = table.optional("upper_inclusive", boolean, True)
        table.close()
        return reader.build(
            path,
            same_names(
                "name",
                "lower",
                "unit_price",
                "source",
                "lower_inclusive",
                "upper",
                "upper_inclusive",
            ),
            lambda: Bracket(name, lower, price, source, lower_in, upper, upper_in),
        )

    return read


def _unit_price(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
    amount = table.required("amount", money)
    source = _inherited_source(table, inherited)
    table.close()
    return reader.build(
        table.path, same_names("amount", "source"), lambda: UnitPrice(amount, source)
    )


def _bracket_grid(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
    brackets = table.required("brackets", list_of(_bracket(inherited), non_empty=True))
    default = table.required("default_bracket", ident)
    progressive = table.optional("progressive", boolean, True)
    table.close()
    return reader.build(
        table.path,
        same_names("brackets", "default_bracket", "progressive"),
        lambda: BracketGrid(brackets, default, progressive),
    )


def _effort_rate(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
    rate = table.required("rate", decimal_number)
    minimum = table.required("minimum", money)
    maximum = table.required("maximum", money)
    without = table.optional("without_quotient", money, None)
    source = _inherited_source(table, inherited)
    table.close()
    return reader.build(
        table.path,
        same_names("rate", "minimum", "maximum", "without_quotient", "source"),
        lambda: EffortRate(rate, minimum, maximum, source, without),
    )


def _rank_factor(reader: Reader, value: object, path: str) -> tuple[int, Decimal]:
    table = Table(reader, value, path)
    rank = table.required("rank", integer(minimum=2))
    factor = table.required("factor", decimal_number)
    table.close()
    return rank, factor


def _sibling_reduction(reader: Reader, table: Table, inherited: Source | None) -> Modifier:
    factors = table.required("factors", list_of(_rank_factor, non_empty=True))
    floor = table.optional("floor", money, None)
    source = _inherited_source(table, inherited)
    if table.ok and not unique(
        reader,
        ((index_path(join(table.path, "factors"), i), rank) for i, (rank, _) in enumerate(factors)),
        "rank",
    ):
        table.ok = False
    table.close()
    # The reduction names a factor by its rank; the data holds it at its place in the list.
    at_rank = {f"factors[{rank}]": f"factors[{i}].factor" for i, (rank, _) in enumerate(factors)}
    return reader.build(
        table.path,
        same_names("factors", "source", "floor") | at_rank,
        lambda: SiblingReduction(dict(factors), source, floor=floor),
    )


def _non_resident(reader: Reader, table: Table, inherited: Source | None) -> Modifier:
    rate = table.required("rate", decimal_number)
    source = _inherited_source(table, inherited)
    table.close()
    return reader.build(
        table.path, same_names("rate", "source"), lambda: NonResidentSupplement(rate, source)
    )


def _medical_factor(reader: Reader, table: Table, inherited: Source | None) -> Modifier:
    factor = table.required("factor", decimal_number)
    source = _inherited_source(table, inherited)
    table.close()
    return reader.build(
        table.path, same_names("factor", "source"), lambda: MedicalMealFactor(factor, source)
    )


def _medical_flat(reader: Reader, table: Table, inherited: Source | None) -> Modifier:
    amount = table.required("amount", money)
    source = _inherited_source(table, inherited)
    table.close()
    return reader.build(
        table.path, same_names("amount", "source"), lambda: MedicalMealFlatPrice(amount, source)
    )


_MODIFIERS: Final[Mapping[str, Callable[[Reader, Table, Source | None], Modifier]]] = {
    MODIFIER_TAGS[SiblingReduction]: _sibling_reduction,
    MODIFIER_TAGS[NonResidentSupplement]: _non_resident,
    MODIFIER_TAGS[MedicalMealFactor]: _medical_factor,
    MODIFIER_TAGS[MedicalMealFlatPrice]: _medical_flat,
    **MODIFIER_LOADERS,
}


def _modifier(inherited: Source | None) -> Parser[Modifier]:
    def read(reader: Reader, value: object, path: str) -> Modifier:
        table = Table(reader, value, path)
        return _MODIFIERS[tag(table, _MODIFIERS)](reader, table, inherited)

    return read


def _modified(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
    base = table.required("tariff", _tariff(inherited))
    modifiers = table.required("modifiers", list_of(_modifier(inherited), non_empty=True))
    table.close()
    return reader.build(
        table.path, same_names("tariff", "modifiers"), lambda: ModifiedTariff(base, modifiers)
    )


_TARIFFS: Final[Mapping[str, Callable[[Reader, Table, Source | None], Tariff]]] = {
    TARIFF_TAGS[UnitPrice]: _unit_price,
    TARIFF_TAGS[BracketGrid]: _bracket_grid,
    TARIFF_TAGS[EffortRate]: _effort_rate,
    TARIFF_TAGS[ModifiedTariff]: _modified,
    **TARIFF_LOADERS,
}


def _tariff(inherited: Source | None) -> Parser[Tariff]:
    def read(reader: Reader, value: object, path: str) -> Tariff:
        table = Table(reader, value, path)
        return _TARIFFS[tag(table, _TARIFFS)](reader, table, inherited)

    return read


def _version(reader: Reader, value: object, path: str) -> TariffVersion:
    table = Table(reader, value, path)
    since = table.required("effective_from", day)
    ends = table.optional("ends_on", day, None)
    source = table.required("source", _source)
    tariff = table.required("tariff", _tariff(source))
    table.close()
    return reader.build(
        path,
        same_names("effective_from", "ends_on", "source", "tariff"),
        lambda: TariffVersion(since, tariff, source, ends),
    )


def _schedule_versions(reader: Reader, value: object, path: str) -> tuple[TariffVersion, ...]:
    table = Table(reader, value, path)
    versions = table.required("versions", list_of(_version, non_empty=True))
    table.close()
    return versions


# Quotient, dossier, citations -----------------------------------------------------------------


def _quotient_policy(reader: Reader, value: object, path: str) -> QuotientPolicy:
    from cantine_rules.plain._load_payment import quotient_effect  # it imports this module

    table = Table(reader, value, path)
    deadline = table.optional("registration_deadline", day, None)
    months = table.optional("max_age_months", _MONTHS, None)
    source = table.required("source", _source)
    effect = table.optional("takes_effect", quotient_effect, FromReception())
    zero_unknown = table.optional("zero_means_unknown", boolean, False)
    reference = table.optional("reference_date", reference_date, None)
    table.close()
    return reader.build(
        path,
        same_names("registration_deadline", "max_age_months", "source", "takes_effect")
        | same_names("zero_means_unknown", "reference_date"),
        lambda: QuotientPolicy(months, deadline, source, effect, zero_unknown, reference),
    )


def _document_kinds(reader: Reader, value: object, path: str) -> frozenset[DocumentKind]:
    kinds = list_of(choice(DocumentKind), non_empty=True)(reader, value, path)
    if not unique(reader, ((index_path(path, i), k.value) for i, k in enumerate(kinds)), "value"):
        raise ReadError
    return frozenset(kinds)


def _dossier_requirement(reader: Reader, value: object, path: str) -> DocumentRequirement:
    table = Table(reader, value, path)
    code = table.required("code", ident)
    label = table.required("label", ident)
    accepted = table.required("accepted", _document_kinds)
    applies = table.optional("applies_when", choice(AppliesWhen), AppliesWhen.ALWAYS)
    months = table.optional("max_age_months", _MONTHS, None)
    source = table.optional("source", _source, _DOSSIER_SOURCE)
    table.close()
    return reader.build(
        path,
        same_names("code", "label", "accepted", "applies_when", "max_age_months", "source"),
        lambda: DocumentRequirement(code, label, accepted, applies, months, source),
    )


def _citation(reader: Reader, value: object, path: str) -> Citation:
    table = Table(reader, value, path)
    topic = table.required("topic", ident)
    source = table.required("source", _source)
    table.close()
    return reader.build(path, same_names("topic", "source"), lambda: Citation(topic, source))


# The whole policy -----------------------------------------------------------------------------


def _known_codes(
    reader: Reader, codes: Mapping[str, object], path: str, known: frozenset[str]
) -> bool:
    ok = True
    listed = ", ".join(sorted(known)) or "none"
    for code in codes:
        if code not in known:
            reader.fail(join(path, code), f"unknown service {code!r} (the services are: {listed})")
            ok = False
    return ok


def load_policy(reader: Reader, data: object) -> CommunePolicy:
    """The policy *data* describes; raises :class:`ReadError` once every problem is recorded."""
    # Imported here: that module builds on this one's surcharge readers.
    from cantine_rules.plain import _load_payment as payment  # it imports this module
    from cantine_rules.plain._load_presence import late_pickups, unbooked_presence

    table = Table(reader, data, "")
    slug = table.required("slug", ident)
    name = table.required("name", ident)
    aliases = table.optional("aliases", list_of(ident), ())
    calendar = table.required("calendar", _calendar)
    services = table.required("services", list_of(_service, non_empty=True))
    rules = table.required("rules", _rules)
    requirements = table.optional("requirements", _requirements, Requirements())
    auto_validate = table.optional("auto_validate", boolean, False)
    scheme = table.optional("payment_scheme", choice(PaymentScheme), DEFAULT_PAYMENT_SCHEME)
    modes = table.optional("payment_modes", list_of(choice(PaymentMode)), DEFAULT_PAYMENT_MODES)
    # What the file leaves out takes the library's default, and is said to be one.
    defaults = frozenset(
        name for name in ("payment_scheme", "payment_modes") if not table.has(name)
    )
    by_service = table.optional("payment_by_service", payment.payment_by_service, ())
    top_up = table.optional("minimum_top_up", payment.minimum_top_up, None)
    credit = table.optional("credit_treatment", payment.credit_treatment, None)
    tariffs = table.optional("tariffs", table_of(_schedule_versions), {})
    quotient = table.optional("quotient_policy", _quotient_policy, None)
    wallet = table.optional("wallet_alert_threshold", money, None)
    dossier = table.optional("dossier", list_of(_dossier_requirement), ())
    citations = table.optional("citations", list_of(_citation), ())
    unbooked = table.optional("unbooked_presence", unbooked_presence, None)
    pickups = table.optional("late_pickup", late_pickups, {})
    absences = table.optional("absences", absence_rules(_deadline), AbsenceRules())
    non_billable = table.optional("non_billable_days", non_billable_days, NonBillableDays())
    regimes = table.optional("regimes", load_regimes(_source), {})
    from cantine_rules.plain._load_direct_debit import direct_debit  # it imports this module

    debits = table.optional("direct_debit", direct_debit, None)
    if not _cross_checks(reader, table.data):
        table.ok = False
    table.close()
    booking = reader.build(
        "",
        same_names("calendar", "services", "requirements", "auto_validate"),
        lambda: BookingRules(
            calendar=calendar,
            services=tuple(service for service, _ in services),
            default=rules.default,
            by_kind=rules.by_kind,
            by_service=rules.by_service,
            service_days={service.code: days for service, days in services if days is not None},
            requirements=requirements,
            auto_validate=auto_validate,
        ),
    )
    check_weekday_tables(reader, booking)
    schedules = tuple(_schedule(reader, code, versions) for code, versions in tariffs.items())
    if regimes and not check_regimes(reader, booking, regimes):
        raise ReadError
    return reader.build(
        "",
        same_names(
            "slug",
            "name",
            "payment_scheme",
            "payment_modes",
            "quotient_policy",
            "wallet_alert_threshold",
            "dossier",
            "citations",
            "aliases",
            "unbooked_presence",
            "late_pickup",
            "absences",
            "non_billable_days",
            "payment_by_service",
            "minimum_top_up",
            "credit_treatment",
            "regimes",
            "direct_debit",
        ),
        lambda: CommunePolicy(
            slug=slug,
            name=name,
            booking=booking,
            payment_scheme=scheme,
            payment_modes=modes,
            tariffs=schedules,
            quotient_policy=quotient,
            wallet_alert_threshold=wallet,
            dossier=dossier,
            citations=citations,
            aliases=aliases,
            unbooked_presence=unbooked,
            late_pickup=pickups,
            absences=absences,
            non_billable_days=non_billable,
            payment_by_service=by_service,
            minimum_top_up=top_up,
            credit_treatment=credit,
            payment_defaults=defaults,
            regimes=tuple(regimes.values()),
            direct_debit=debits,
        ),
    )


def _schedule(reader: Reader, code: str, versions: tuple[TariffVersion, ...]) -> TariffSchedule:
    return reader.build(
        join("tariffs", code), same_names("versions"), lambda: TariffSchedule(code, versions)
    )


def _strings(items: object, field: str | None, path: str) -> list[tuple[str, str]]:
    """The string values (or the *field* of each table) of a raw list, with their paths."""
    if not isinstance(items, list | tuple):
        return []
    found: list[tuple[str, str]] = []
    for index, item in enumerate(items):
        value = item.get(field) if field is not None and isinstance(item, Mapping) else item
        if isinstance(value, str):
            where = index_path(path, index)
            found.append((where if field is None else f"{where}.{field}", value))
    return found


def _keys(value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        return {}
    return {key: item for key, item in value.items() if isinstance(key, str)}


def _cross_checks(reader: Reader, data: Mapping[str, object]) -> bool:
    """Check what refers across the document: unique codes, references to known services.

    The checks read the raw data, so that they run even where a neighbouring value is wrong.
    """
    ok = True
    services = data.get("services")
    codes = _strings(services, "code", "services")
    ok = unique(reader, codes, "service code") and ok
    if isinstance(services, list | tuple) and len(codes) == len(services):
        known = frozenset(code for _, code in codes)
        by_service = _keys(_keys(data.get("rules")).get("by_service"))
        ok = _known_codes(reader, by_service, "rules.by_service", known) and ok
        ok = _known_codes(reader, _keys(data.get("tariffs")), "tariffs", known) and ok
        unbooked = _keys(_keys(data.get("unbooked_presence")).get("by_service"))
        ok = _known_codes(reader, unbooked, "unbooked_presence.by_service", known) and ok
        ok = _known_codes(reader, _keys(data.get("late_pickup")), "late_pickup", known) and ok
        ok = check_service_codes(reader, data, known) and ok
        payments = _keys(data.get("payment_by_service"))
        ok = _known_codes(reader, payments, "payment_by_service", known) and ok
    modes = _strings(data.get("payment_modes"), None, "payment_modes")
    ok = unique(reader, modes, "payment mode") and ok
    topics = _strings(data.get("citations"), "topic", "citations")
    return unique(reader, topics, "topic") and ok
