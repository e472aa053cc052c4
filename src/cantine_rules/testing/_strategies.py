"""Hypothesis strategies for the library's values."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from cantine_rules._time import EUROPE_PARIS
from cantine_rules.calendar import (
    FOUR_AND_A_HALF_DAYS,
    FOUR_DAYS,
    Closure,
    SchoolCalendar,
    Zone,
)
from cantine_rules.model import (
    BillingUnit,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Guardian,
    Household,
    Justification,
    QuotientFamilial,
    QuotientFamilialSource,
    SchoolLevel,
    Service,
    ServiceKind,
)
from cantine_rules.money import Money
from cantine_rules.policies.commune import Citation, CommunePolicy, PaymentScheme
from cantine_rules.pricing._direct_debit import MAX_PRE_NOTIFICATION_DAYS, DirectDebitTerms
from cantine_rules.pricing.accounts import (
    DEFAULT_PAYMENT_MODES,
    DEFAULT_PAYMENT_SCHEME,
    CarryForward,
    CreditTreatment,
    MinimumTopUp,
    PaymentMode,
    Prepayment,
    Refund,
    ServicePayment,
)
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    CountColumn,
    EffortRate,
    FromNextMonth,
    FromReception,
    MedicalMealFlatPrice,
    ModifiedTariff,
    Modifier,
    NonResidentSupplement,
    PricingContext,
    QuotientPolicy,
    QuotientRecord,
    ReferenceDate,
    SiblingReduction,
    SiteSupplement,
    Tariff,
    TariffSchedule,
    TariffVersion,
    UnitPrice,
)
from cantine_rules.rules.absences import (
    MAX_WAITING_DAYS,
    AbsenceCharge,
    AbsenceDocument,
    AbsencePolicy,
    AbsenceRules,
    BookedPrice,
    CertificateRule,
    CertificatesNotAccepted,
    CertificateWithin,
    DayCount,
    FlatCharge,
    RunCharges,
    WaitingDays,
)
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CostPrice,
    CountedPer,
    LatePickup,
    PickupBand,
    RepeatedCharge,
    RepeatedFee,
    RepetitionPeriod,
    UnbookedPresence,
    UnbookedPresenceRules,
)
from cantine_rules.rules.booking import BookingRules, Requirements, ServiceRules
from cantine_rules.rules.deadlines import (
    MONTH_LAST_DAY,
    AllOf,
    CalendarDaysBefore,
    ChangeWindowRule,
    ClearDaysBefore,
    EndOfDayBefore,
    HoursBefore,
    MaxHorizon,
    MonthlyDeadline,
    SchoolDaysBefore,
    WeekdayBefore,
    WeekdayDeadline,
    WeekdayTable,
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
from cantine_rules.rules.non_billable import NonBillableDay, NonBillableDays
from cantine_rules.sources import Source

__all__ = [
    "absence_policies",
    "absence_rules",
    "booking_changes",
    "booking_rules",
    "bracket_grids",
    "calendars",
    "children",
    "commune_policies",
    "credit_treatments",
    "deadline_rules",
    "direct_debit_terms",
    "families",
    "instants_around_dst",
    "late_handlings",
    "late_pickups",
    "minimum_top_ups",
    "modifiers",
    "money",
    "monthly_deadlines",
    "non_billable_days",
    "pricing_contexts",
    "quotient_policies",
    "quotient_records",
    "quotients",
    "service_payments",
    "service_rules",
    "services",
    "surcharges",
    "tariffs",
    "unbooked_presences",
    "weekday_tables",
]

_EXAMPLE = Source.example("generated for a property test")


def money(min_cents: int = 0, max_cents: int = 50_00) -> st.SearchStrategy[Money]:
    """Amounts from *min_cents* to *max_cents* (default 0,00 € to 50,00 €)."""
    return st.integers(min_cents, max_cents).map(Money.from_cents)


def quotients(max_value: int = 5000) -> st.SearchStrategy[Decimal]:
    """Quotients familiaux in euros, zero or more, to the cent."""
    return st.integers(0, max_value * 100).map(lambda cents: Decimal(cents) / 100)


def _identifiers() -> st.SearchStrategy[str]:
    return st.text(
        alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12
    ).filter(lambda text: text.strip("-") == text)


def _wall_times(first_hour: int, last_hour: int) -> st.SearchStrategy[time]:
    return st.builds(time, st.integers(first_hour, last_hour), st.sampled_from([0, 15, 30, 45]))


@st.composite
def services(draw: st.DrawFn, kind: ServiceKind | None = None) -> Service:
    """A service of a kind, with a start before its end."""
    chosen = draw(st.sampled_from(list(ServiceKind))) if kind is None else kind
    start = draw(_wall_times(6, 17))
    duration = draw(st.integers(30, 5 * 60))
    end_minutes = min(start.hour * 60 + start.minute + duration, 23 * 60 + 59)
    end = time(end_minutes // 60, end_minutes % 60)
    unit = (
        BillingUnit.DAY
        if chosen in (ServiceKind.WEDNESDAY_CENTRE, ServiceKind.HOLIDAY_CENTRE)
        else BillingUnit.SESSION
    )
    code = draw(_identifiers())
    return Service(code, f"Service {code}", chosen, start, end, unit)


@st.composite
def children(draw: st.DrawFn) -> Child:
    """A child of school age."""
    return Child(
        draw(_identifiers()),
        draw(st.sampled_from(["Louise", "Sarah", "Chloé", "Inès", "Adam", "Lucas"])),
        draw(st.dates(date(2012, 1, 1), date(2022, 12, 31))),
        draw(st.none() | st.just("École Jules Ferry")),
        draw(st.none() | st.sampled_from(list(SchoolLevel))),
    )


@st.composite
def families(draw: st.DrawFn, alternating_custody: bool | None = None) -> Family:
    """A family with one to four children; with two households when custody alternates."""
    custody = draw(st.booleans()) if alternating_custody is None else alternating_custody
    kids = draw(st.lists(children(), min_size=1, max_size=4, unique_by=lambda child: child.id))
    guardians = (Guardian("g1", "Camille"), Guardian("g2", "Alex"))
    households = (
        (Household("h1", ("g1",)), Household("h2", ("g2",)))
        if custody
        else (Household("h1", ("g1", "g2")),)
    )
    quotient = draw(
        st.none()
        | st.builds(
            QuotientFamilial,
            quotients(),
            st.sampled_from(list(QuotientFamilialSource)),
            st.dates(date(2023, 1, 1), date(2025, 6, 30)),
        )
    )
    return Family(draw(_identifiers()), guardians, households, tuple(kids), quotient)


@st.composite
def calendars(draw: st.DrawFn, max_closures: int = 5) -> SchoolCalendar:
    """A calendar of any zone, 4 or 4.5-day week, Alsace-Moselle or not, with closures."""
    zone = draw(st.sampled_from(list(Zone)))
    department = draw(st.sampled_from([None, "57", "67", "75", "88", "69"]))
    week = draw(st.sampled_from([FOUR_DAYS, FOUR_AND_A_HALF_DAYS]))
    closure_days = draw(
        st.lists(st.dates(date(2018, 1, 1), date(2028, 6, 30)), max_size=max_closures, unique=True)
    )
    closures = tuple(Closure(day, "Fermeture exceptionnelle") for day in sorted(closure_days))
    return SchoolCalendar(zone, department=department, closures=closures, school_week=week)


@st.composite
def weekday_tables(draw: st.DrawFn) -> WeekdayTable:
    """A weekday table with a row for every weekday, so that it answers for any service day.

    The seven weekdays are shared among one to four rows, each closing on a weekday at a time.
    """
    rows = draw(st.integers(1, 4))
    owner = draw(st.lists(st.integers(0, rows - 1), min_size=7, max_size=7))
    groups = [frozenset(d for d in range(7) if owner[d] == row) for row in range(rows)]
    return WeekdayTable(
        tuple(
            WeekdayDeadline(group, draw(st.integers(0, 6)), draw(_wall_times(0, 23)))
            for group in groups
            if group
        )
    )


def monthly_deadlines() -> st.SearchStrategy[MonthlyDeadline]:
    """Monthly deadlines: a day from 1 to 28 or the last, a time, zero to three months before."""
    return st.builds(
        MonthlyDeadline,
        st.integers(1, 28) | st.just(MONTH_LAST_DAY),
        _wall_times(0, 23),
        st.integers(0, 3),
    )


def deadline_rules() -> st.SearchStrategy[ChangeWindowRule]:
    """Deadline rules of every kind a commune configures (each closes before the service)."""
    single = st.one_of(
        st.integers(0, 240).map(HoursBefore),
        st.builds(WorkingDaysBefore, st.integers(1, 10), st.none() | _wall_times(0, 23)),
        st.builds(WeekdayBefore, st.integers(0, 6), _wall_times(0, 23), st.integers(1, 3)),
        st.builds(CalendarDaysBefore, st.integers(1, 20), _wall_times(0, 23)),
        st.builds(ClearDaysBefore, st.integers(1, 20)),
        st.builds(SchoolDaysBefore, st.integers(1, 5), st.none() | _wall_times(0, 23)),
        st.integers(1, 5).map(lambda days: SchoolDaysBefore(days, until_midnight=True)),
        weekday_tables(),
        monthly_deadlines(),
        st.integers(1, 20).map(EndOfDayBefore),
    )
    return st.one_of(
        single,
        st.builds(lambda rule, days: AllOf((rule, MaxHorizon(days))), single, st.integers(30, 400)),
    )


def surcharges() -> st.SearchStrategy[Surcharge]:
    """Every surcharge model."""
    simple = st.one_of(
        money(0, 20_00).map(FlatPrice),
        money(0, 10_00).map(BasePlus),
        st.sampled_from(["1", "1.2", "1.5", "2"]).map(lambda f: BaseTimes(Decimal(f))),
        money(0, 10_00).map(FlatPenalty),
    )
    return st.one_of(simple, st.builds(FreeAllowance, st.integers(0, 3), simple))


def _outcomes(for_cancel: bool) -> st.SearchStrategy[LateOutcome]:
    choices: list[st.SearchStrategy[LateOutcome]] = [
        st.builds(Refuse, st.none() | st.just("l'ALSH")),
        st.builds(AcceptWithSurcharge, surcharges()),
        st.just(AcceptLate()),
    ]
    if for_cancel:
        waivers = st.none() | st.builds(MedicalWaiver, st.integers(0, 2))
        choices.append(st.builds(KeepCharging, waivers))
    return st.one_of(*choices)


def late_handlings(for_cancel: bool = False) -> st.SearchStrategy[LateHandling]:
    """What each channel does past the deadline."""
    return st.builds(LateHandling, _outcomes(for_cancel), _outcomes(for_cancel))


def service_rules() -> st.SearchStrategy[ServiceRules]:
    """Deadlines and late handling for adding and cancelling."""
    return st.builds(
        ServiceRules,
        deadline_rules(),
        deadline_rules(),
        late_handlings(for_cancel=False),
        late_handlings(for_cancel=True),
    )


@st.composite
def booking_rules(draw: st.DrawFn) -> BookingRules:
    """A commune's booking rules: a calendar, one to four services, rules by kind and code."""
    calendar = draw(calendars(max_closures=3))
    kinds = draw(st.lists(st.sampled_from(list(ServiceKind)), min_size=1, max_size=4))
    drawn = [draw(services(kind)) for kind in kinds]
    unique = tuple({service.code: service for service in drawn}.values())
    by_service = {service.code: draw(service_rules()) for service in unique if draw(st.booleans())}
    return BookingRules(
        calendar,
        unique,
        default=draw(service_rules()),
        by_service=by_service,
        requirements=Requirements(),
        auto_validate=draw(st.booleans()),
    )


#: The sites a generated site supplement or pricing context names.
_SITES = ("bourg", "plage", "hameau")


def _bounds_after(
    draw: st.DrawFn, lower: tuple[Decimal, bool], following: Decimal, gaps: bool
) -> tuple[Decimal | None, bool, bool]:
    """An upper bound for a bracket from *lower* whose successor starts at *following*.

    Returns the upper bound (None: up to the next threshold), whether it is included, and
    whether the successor's lower bound is included; with *gaps*, the two may leave QFs between
    them, as a règlement writing « de 0 à 650 », « de 651 à 950 » does.
    """
    shapes = ["threshold", "below", "up_to"]
    if gaps:
        shapes += ["gap_whole", "gap_cent", "both_excluded"]
    shape = draw(st.sampled_from(shapes))
    if shape == "threshold":
        return None, True, True
    if shape == "below":  # « inférieur à 700 », then « de 700 »
        return following, False, True
    if shape == "up_to":  # « jusqu'à 1000 inclus », then « supérieur à 1000 »
        return following, True, False
    if shape == "both_excluded":  # « inférieur à 700 », then « supérieur à 700 »: 700 in no bracket
        return following, False, False
    step = Decimal(1) if shape == "gap_whole" else Decimal("0.01")
    start, start_included = lower
    upper = max(start, following - step)
    if upper == start and not start_included:  # no room for a gap: the brackets touch
        return following, False, True
    return upper, True, True


@st.composite
def bracket_grids(
    draw: st.DrawFn,
    progressive: bool = True,
    min_size: int = 1,
    *,
    written: bool = False,
    gaps: bool = False,
) -> BracketGrid:
    """A bracket grid of at least *min_size* brackets.

    When *progressive*, prices rise with the QF and the default bracket is the highest. When
    *written*, brackets may give their upper bound and exclude a bound, as règlements write them
    (« inférieur à 700 € », « de 700 à 1000 € inclus », « supérieur à 1000 € »); otherwise they
    are declared by lower thresholds only. With *gaps* too, the grid may leave QFs in no bracket
    (« de 0 à 650 », « de 651 à 950 »), a gap that the checks report.
    """
    count = draw(st.integers(min_size, 10))
    steps = draw(st.lists(st.integers(1, 800), min_size=count - 1, max_size=count - 1))
    lowers = [Decimal(0)]
    for step in steps:
        lowers.append(lowers[-1] + step)
    prices = draw(st.lists(st.integers(0, 8_00), min_size=count, max_size=count))
    if progressive:
        prices.sort()
    bounds: list[tuple[Decimal | None, bool]] = [(None, True)] * count
    lower_included = [True] * count
    if written:
        for index in range(count - 1):
            start = (lowers[index], lower_included[index])
            upper, upper_in, next_in = _bounds_after(draw, start, lowers[index + 1], gaps)
            bounds[index] = (upper, upper_in)
            lower_included[index + 1] = next_in
        if gaps and draw(st.booleans()):  # the last bracket closed above: « de 1501 à 3000 »
            width = draw(st.integers(0 if lower_included[-1] else 1, 3000))
            bounds[-1] = (lowers[-1] + width, True)
    brackets = tuple(
        Bracket(
            f"tarif {index + 1}",
            lowers[index],
            Money.from_cents(prices[index]),
            _EXAMPLE,
            lower_included[index],
            bounds[index][0],
            bounds[index][1],
        )
        for index in range(count)
    )
    default = draw(st.sampled_from([bracket.name for bracket in brackets]))
    if progressive:
        default = brackets[-1].name
    return BracketGrid(brackets, default, progressive=progressive)


def pricing_contexts() -> st.SearchStrategy[PricingContext]:
    """A child's pricing context: QF or none, rank, family size, residence, PAI, site."""

    @st.composite
    def build(draw: st.DrawFn) -> PricingContext:
        rank = draw(st.integers(1, 5))
        return PricingContext(
            draw(st.none() | quotients()),
            sibling_rank=rank,
            resident=draw(st.booleans()),
            medical_meal=draw(st.booleans()),
            children_in_family=draw(st.none() | st.integers(rank, 6)),
            site=draw(st.none() | st.sampled_from(_SITES)),
        )

    return build()


def modifiers() -> st.SearchStrategy[Modifier]:
    """Every modifier: sibling reductions (with a floor or not), residence, PAI, site."""
    factors = st.dictionaries(
        st.integers(2, 4), st.sampled_from(["0", "0.5", "0.9", "1"]), min_size=1, max_size=3
    )
    return st.one_of(
        st.builds(
            lambda given, floor: SiblingReduction(given, _EXAMPLE, floor=floor),
            factors,
            st.none() | money(0, 3_00),
        ),
        st.sampled_from(["0", "0.2", "0.5"]).map(lambda r: NonResidentSupplement(r, _EXAMPLE)),
        money(0, 3_00).map(lambda amount: MedicalMealFlatPrice(amount, _EXAMPLE)),
        st.dictionaries(st.sampled_from(_SITES), money(0, 2_00), min_size=1).map(
            lambda amounts: SiteSupplement(amounts, _EXAMPLE)
        ),
    )


def _simple_tariffs(written: bool) -> st.SearchStrategy[Tariff]:
    return st.one_of(
        money(0, 10_00).map(lambda amount: UnitPrice(amount, _EXAMPLE)),
        bracket_grids(written=written, gaps=written),
        st.builds(
            lambda rate, low, extra: EffortRate(Decimal(rate) / 10_000, low, low + extra, _EXAMPLE),
            st.integers(1, 100),
            money(0, 3_00),
            money(0, 5_00),
        ),
    )


def _certificates() -> st.SearchStrategy[CertificateRule]:
    within = st.builds(
        lambda hours, waiting, late, extra: CertificateWithin(
            hours, waiting, late, None if late is None or extra is None else hours + extra
        ),
        st.integers(1, 240),
        st.integers(0, 3),
        st.none() | st.integers(0, 5),
        st.none() | st.integers(1, 240),
    )
    return st.one_of(within, st.just(CertificatesNotAccepted()))


def absence_policies() -> st.SearchStrategy[AbsencePolicy]:
    """Absence policies of every shape.

    A notice deadline or none, waiting days or none, a booked price or a flat charge, a
    certificate accepted within some hours, refused or left unsaid, free first days or a limit
    on the charged days of a run, and standing documents that waive absences.
    """
    charges: st.SearchStrategy[AbsenceCharge] = st.one_of(
        st.just(BookedPrice()), money(0, 10_00).map(FlatCharge)
    )
    notices = st.none() | st.one_of(
        st.builds(CalendarDaysBefore, st.integers(0, 3), _wall_times(0, 23)),
        st.integers(0, 96).map(HoursBefore),
    )
    waiting = st.none() | st.builds(
        WaitingDays, st.integers(1, MAX_WAITING_DAYS), st.sampled_from(list(DayCount))
    )
    # Free days, a limit on the charged days, or both (neither says nothing and is refused).
    runs = st.none() | st.one_of(
        st.builds(RunCharges, st.integers(1, 5), st.none() | st.integers(1, 5)),
        st.builds(RunCharges, st.just(0), st.integers(1, 5)),
    )
    documents = st.frozensets(st.sampled_from(list(AbsenceDocument)))
    return st.builds(
        AbsencePolicy, charges, notices, waiting, st.none() | _certificates(), runs, documents
    )


def absence_rules(codes: list[str] | tuple[str, ...]) -> st.SearchStrategy[AbsenceRules]:
    """A commune's absence policies: none, a default, and some by service code."""
    return st.builds(
        AbsenceRules,
        st.none() | absence_policies(),
        st.dictionaries(st.sampled_from(codes), absence_policies(), max_size=2)
        if codes
        else st.just({}),
    )


def non_billable_days(
    codes: list[str] | tuple[str, ...],
    first: date = date(2024, 9, 2),
    last: date = date(2025, 7, 4),
) -> st.SearchStrategy[NonBillableDays]:
    """Days a commune declares non-billable, for some of *codes* and some sites, or for all."""
    declared = st.builds(
        NonBillableDay,
        st.dates(first, last),
        st.sampled_from(["Sortie scolaire", "Grève", "Enseignant absent"]),
        st.lists(st.sampled_from(codes), unique=True, max_size=2) if codes else st.just([]),
        st.lists(st.sampled_from(["maternelle", "élémentaire"]), unique=True, max_size=2),
    )
    return st.lists(declared, max_size=3).map(NonBillableDays)


@st.composite
def unbooked_presences(draw: st.DrawFn) -> UnbookedPresence:
    """What a presence without booking costs, maybe rising from some occurrence.

    The charges of one rule are of one kind (a price, the price plus an amount, the price times
    a factor), each step no lower than the one before, so a repetition never costs less.
    """
    firsts = sorted(draw(st.sets(st.integers(2, 12), max_size=3)))
    kind = draw(st.sampled_from(["flat", "plus", "times"]))
    if kind == "times":
        factors = sorted(
            draw(
                st.lists(
                    st.sampled_from(["1", "1.2", "1.5", "2"]),
                    min_size=1 + len(firsts),
                    max_size=1 + len(firsts),
                )
            )
        )
        charges: list[Surcharge] = [BaseTimes(Decimal(factor)) for factor in factors]
    else:
        amounts = sorted(
            draw(st.lists(money(0, 20_00), min_size=1 + len(firsts), max_size=1 + len(firsts)))
        )
        if kind == "plus":
            charges = [BasePlus(amount) for amount in amounts]
        else:
            cost = draw(st.booleans())
            charges = [CostPrice(amount) if cost else FlatPrice(amount) for amount in amounts]
    repeated = tuple(
        RepeatedCharge(first, charge) for first, charge in zip(firsts, charges[1:], strict=True)
    )
    period = draw(st.sampled_from(list(RepetitionPeriod))) if repeated else None
    return UnbookedPresence(charges[0], repeated, period, draw(st.sampled_from(list(CountedPer))))


@st.composite
def late_pickups(draw: st.DrawFn, service: Service) -> LatePickup:
    """Late pick-up bands from *service*'s end: fees never lower later nor when repeated."""
    # Bands are wall-clock times of the service's day: the last closed band ends by 23:59.
    edges = [service.end.hour * 60 + service.end.minute]
    for step in draw(st.lists(st.integers(1, 60), max_size=3)):
        if edges[-1] + step > 23 * 60 + 59:
            break
        edges.append(edges[-1] + step)
    count = len(edges)
    firsts = sorted(draw(st.sets(st.integers(2, 6), max_size=2)))
    # fees[band][level]: never lower than the band before, nor than the level before.
    fees: list[list[int]] = []
    for band in range(count):
        row: list[int] = []
        for level in range(len(firsts) + 1):
            floor = max(fees[band - 1][level] if band else 0, row[level - 1] if level else 0)
            row.append(floor + draw(st.integers(0, 20_00)))
        fees.append(row)
    bands = tuple(
        PickupBand(
            time(edges[band] // 60, edges[band] % 60),
            None if band == count - 1 else time(edges[band + 1] // 60, edges[band + 1] % 60),
            Money.from_cents(fees[band][0]),
            tuple(
                RepeatedFee(first, Money.from_cents(fees[band][level + 1]))
                for level, first in enumerate(firsts)
            ),
        )
        for band in range(count)
    )
    period = draw(st.sampled_from(list(RepetitionPeriod))) if firsts else None
    return LatePickup(
        bands,
        draw(st.sampled_from(list(BoundarySide))),
        draw(st.sampled_from(list(CountedPer))),
        period,
    )


def _prepayments() -> st.SearchStrategy[Prepayment]:
    return st.integers(1, 100).map(lambda percent: Prepayment(Decimal(percent) / 100))


@st.composite
def service_payments(draw: st.DrawFn, codes: tuple[str, ...]) -> tuple[ServicePayment, ...]:
    """Payment terms for some of the services *codes*: a scheme, sometimes a prepayment."""
    chosen = draw(st.lists(st.sampled_from(codes), unique=True)) if codes else []
    return tuple(
        ServicePayment(
            code,
            draw(st.sampled_from(list(PaymentScheme))),
            _EXAMPLE,
            draw(st.none() | _prepayments()),
        )
        for code in chosen
    )


def minimum_top_ups() -> st.SearchStrategy[MinimumTopUp]:
    """Minimum wallet top-ups from 0,01 € to 100,00 €, per child or per family."""
    return st.builds(
        lambda amount, per_child: MinimumTopUp(amount, _EXAMPLE, per_child),
        money(1, 100_00),
        st.booleans(),
    )


def credit_treatments() -> st.SearchStrategy[CreditTreatment]:
    """A credit carried forward, or refunded at a rate from 0 % to 100 %."""
    return st.one_of(
        st.just(CarryForward(_EXAMPLE)),
        st.integers(0, 100).map(lambda percent: Refund(Decimal(percent) / 100, _EXAMPLE)),
    )


def direct_debit_terms() -> st.SearchStrategy[DirectDebitTerms]:
    """A pre-notification delay of 1 to 366 days, with or without a fee for a returned debit."""
    return st.builds(
        lambda days, fee: DirectDebitTerms(days, _EXAMPLE, fee),
        st.integers(1, MAX_PRE_NOTIFICATION_DAYS),
        st.none() | money(1, 50_00),
    )


def quotient_policies() -> st.SearchStrategy[QuotientPolicy]:
    """Quotient familial rules: age limit, deadline, effect date and reference date, or none."""
    # Any day of the year, 29 February aside (it is refused: most years lack it).
    references = st.dates(date(2023, 1, 1), date(2023, 12, 31)).map(
        lambda day: ReferenceDate(day.month, day.day)
    )
    return st.builds(
        QuotientPolicy,
        st.none() | st.integers(1, 12),
        st.none() | st.dates(date(2024, 6, 1), date(2024, 10, 31)),
        st.just(_EXAMPLE),
        st.sampled_from([FromReception(), FromNextMonth()]),
        st.booleans(),
        st.none() | references,
    )


@st.composite
def quotient_records(
    draw: st.DrawFn, first: date = date(2024, 6, 1), last: date = date(2025, 8, 31)
) -> QuotientRecord:
    """A quotient familial record received between *first* and *last* (QF 0 included)."""
    received = draw(st.dates(first, last))
    issued = received - timedelta(days=draw(st.integers(0, 120)))
    value = draw(st.just(Decimal(0)) | quotients())
    source = draw(st.sampled_from(list(QuotientFamilialSource)))
    return QuotientRecord(QuotientFamilial(value, source, issued), received)


@st.composite
def _count_columns(draw: st.DrawFn, inner: st.SearchStrategy[Tariff]) -> tuple[CountColumn, ...]:
    starts = sorted(draw(st.sets(st.integers(2, 5), max_size=3)))
    return tuple(CountColumn(start, f"colonne {start}", draw(inner)) for start in [1, *starts])


def tariffs(*, columns: bool = True, written: bool = True) -> st.SearchStrategy[Tariff]:
    """Unit prices, bracket grids and taux d'effort; with modifiers and columns.

    Args:
        columns: also tariffs by number of children, sibling rank and residence, whose columns
            hold the simpler tariffs, and tariffs with modifiers.
        written: bracket grids may give their bounds as règlements write them, gaps included.
    """
    simple = _simple_tariffs(written)
    if not columns:
        return simple
    return st.one_of(
        simple,
        _count_columns(simple).map(ByChildrenCount),
        _count_columns(simple).map(BySiblingRank),
        st.builds(ByResidence, simple, simple, st.just("Extérieurs")),
        st.builds(ModifiedTariff, simple, st.lists(modifiers(), min_size=1, max_size=3)),
    )


@st.composite
def commune_policies(draw: st.DrawFn) -> CommunePolicy:
    """A whole generated commune: booking rules, a tariff per service, payment, citations.

    Its payment scheme and modes are sometimes left to the library's defaults; some services
    are paid their own way; a minimum top-up, a credit treatment and quotient familial rules
    are sometimes set, and so are direct-debit terms.
    """
    booking = draw(booking_rules())
    schedules = tuple(
        TariffSchedule(service.code, (TariffVersion(date(2017, 9, 1), draw(tariffs()), _EXAMPLE),))
        for service in booking.services
    )
    topics = ["calendar", "requirements", "payment"]
    for service in booking.services:
        topics += [f"service.{service.code}", f"rules.{service.code}"]
    defaults = draw(st.frozensets(st.sampled_from(["payment_scheme", "payment_modes"])))
    scheme = (
        DEFAULT_PAYMENT_SCHEME
        if "payment_scheme" in defaults
        else draw(st.sampled_from(list(PaymentScheme)))
    )
    modes = (
        DEFAULT_PAYMENT_MODES
        if "payment_modes" in defaults
        else draw(st.frozensets(st.sampled_from(list(PaymentMode)), min_size=1))
    )
    codes = tuple(service.code for service in booking.services)
    return CommunePolicy(
        slug="generated",
        name="Commune générée",
        booking=booking,
        payment_scheme=scheme,
        payment_modes=modes,
        tariffs=schedules,
        quotient_policy=draw(st.none() | quotient_policies()),
        citations=tuple(Citation(topic, _EXAMPLE) for topic in topics),
        unbooked_presence=draw(
            st.none()
            | st.builds(
                UnbookedPresenceRules,
                st.none() | unbooked_presences(),
                st.dictionaries(
                    st.sampled_from([service.code for service in booking.services]),
                    unbooked_presences(),
                    max_size=2,
                ),
            )
        ),
        late_pickup={
            service.code: draw(late_pickups(service))
            for service in booking.services
            if service.kind is ServiceKind.EVENING_CARE and draw(st.booleans())
        },
        absences=draw(absence_rules([service.code for service in booking.services])),
        non_billable_days=draw(non_billable_days([service.code for service in booking.services])),
        payment_by_service=draw(service_payments(codes)),
        minimum_top_up=draw(st.none() | minimum_top_ups()),
        credit_treatment=draw(st.none() | credit_treatments()),
        payment_defaults=defaults,
        direct_debit=draw(st.none() | direct_debit_terms()),
    )


#: The daylight-saving changes of the known years, as (day, UTC hour of the change).
_DST_CHANGES = tuple(
    day
    for year in range(2018, 2029)
    for day in (
        max(date(year, 3, d) for d in range(25, 32) if date(year, 3, d).weekday() == 6),
        max(date(year, 10, d) for d in range(25, 32) if date(year, 10, d).weekday() == 6),
    )
)


def instants_around_dst(hours: int = 72) -> st.SearchStrategy[datetime]:
    """Aware Europe/Paris instants within *hours* of a daylight-saving change, to the second."""
    return st.builds(
        lambda day, offset: (
            datetime.combine(day, time(1, 0), tzinfo=EUROPE_PARIS) + timedelta(seconds=offset)
        ),
        st.sampled_from(_DST_CHANGES),
        st.integers(-hours * 3600, hours * 3600),
    ).map(lambda instant: instant.astimezone(EUROPE_PARIS))


@st.composite
def booking_changes(
    draw: st.DrawFn,
    policy: CommunePolicy | BookingRules,
    first: date = date(2024, 9, 2),
    last: date = date(2025, 7, 4),
) -> BookingChange:
    """A change for one of the policy's services, on a day it runs.

    It is made at any instant from sixty days before the service to an hour after it starts.
    """
    rules = policy.booking if isinstance(policy, CommunePolicy) else policy
    service = draw(st.sampled_from(rules.services))
    days = rules.calendar.service_days(rules.days_of(service.code), first, last)
    day = draw(st.sampled_from(days)) if days else first
    start = datetime.combine(day, service.start, tzinfo=EUROPE_PARIS)
    at = (start - timedelta(seconds=draw(st.integers(-3600, 60 * 86400)))).astimezone(EUROPE_PARIS)
    return BookingChange(
        draw(st.sampled_from(list(ChangeAction))),
        draw(st.sampled_from(["c1", "c2", "c3"])),
        service.code,
        day,
        at,
        draw(st.sampled_from(list(Channel))),
        draw(st.none() | st.just(Justification.MEDICAL_CERTIFICATE)),
    )
