"""A commune's whole policy: calendar, services, deadlines, late handling, tariffs, payment.

A `CommunePolicy` is composed from the library's values, never subclassed: configuring a
new commune is writing one (in Python, or as plain data, see
[`plain`][cantine_rules.plain]).
Every rule cites where it comes from (`Citation`, a [`Source`][cantine_rules.sources.Source]
per topic); `CommunePolicy.explain` says each rule in plain language with its source, and
marks the figures no source gives as defaults.

>>> from cantine_rules import policies
>>> paris = policies.get("paris")
>>> paris.price("repas", date(2020, 10, 5), quotient_familial="300").unit_price
Money.euros('0.85')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from cantine_rules._validators import (
    enum_member,
    identifier,
    non_negative_money,
    require_unique_items,
)
from cantine_rules.calendar import FOUR_AND_A_HALF_DAYS, FOUR_DAYS, SchoolCalendar
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.model import Booking, BookingChange, Service
from cantine_rules.money import Money
from cantine_rules.policies._messages import check_lang, money, number, say

# The private modules a policy needs, not the public pricing modules that re-export every
# account and tariff class: a process that decides one change builds only the classes it uses.
# Priced units, wallets, modifiers, dossiers, quotient familial rules and planning grids are
# imported where first used.
from cantine_rules.pricing._payment import PaymentMode
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariffs import (
    BracketGrid,
    EffortRate,
    Price,
    PricingContext,
    Tariff,
    UnitPrice,
)
from cantine_rules.rules.booking import BookingRules, FamilyAccount, ServiceRules
from cantine_rules.rules.decisions import Decision
from cantine_rules.rules.late import (
    AcceptLate,
    AcceptWithSurcharge,
    KeepCharging,
    LateContext,
    LateHandling,
    LateOutcome,
    Refuse,
)
from cantine_rules.sources import Source, SourceKind

if TYPE_CHECKING:
    from cantine_rules.pricing._dossier import DocumentRequirement
    from cantine_rules.pricing._modifiers import Modifier
    from cantine_rules.pricing._priced_unit import PricedUnit, UnitPricer
    from cantine_rules.pricing._quotient import QuotientPolicy, QuotientRecord
    from cantine_rules.pricing._wallet import Wallet
    from cantine_rules.rules.planning_grid import PlanningGrid, PlanningPeriod
    from cantine_rules.rules.window_table import ChangeWindowTable

__all__ = [
    "Citation",
    "CommunePolicy",
    "ExplainedRule",
    "PaymentScheme",
    "describe_tariff",
    "unit_price_schedules",
]


class PaymentScheme(StrEnum):
    """When families pay."""

    POSTFACTURATION = "postfacturation"
    """After the fact, on an invoice for the month (seed 002, Saint-Just-d'Avray, Paris)."""
    IMMEDIATE = "immediate"
    """At booking: « Paiement immédiat », bookings count only once paid (seed 001)."""
    PREPAID = "prepaid"
    """From a prepaid wallet, « porte-monnaie », that must stay in credit (Chantraine)."""


@attrs.frozen
class Citation:
    """Where one rule of a commune comes from.

    Topics name the rule: ``calendar``, ``calendar.week`` (the weekdays with class),
    ``service.<code>``, ``rules.<code>`` (its deadlines and late handling), ``requirements``,
    ``payment``, ``wallet``, ``quotient``, ``dossier``. Tariffs cite their source in each
    [`TariffVersion`][cantine_rules.pricing.tariffs.TariffVersion].
    """

    topic: str = attrs.field(validator=identifier)
    source: Source = attrs.field(validator=attrs.validators.instance_of(Source))


@attrs.frozen
class ExplainedRule:
    """One rule of a commune in plain language, with its source."""

    topic: str
    text: str
    source: Source | None

    @property
    def is_default(self) -> bool:
        """True when no source gives the rule: the library's default, to be confirmed."""
        return self.source is None or self.source.kind is SourceKind.DEFAULT

    def render(self, lang: str = "fr") -> str:
        """The rule and its source on one line.

        Raises:
            InvalidValueError: *lang* is not one the explanations speak (field ``lang``).

        Examples:
            >>> rule = ExplainedRule("payment", "Paid at booking", Source.seed("Cliquez sur Payer"))
            >>> rule.render("en")
            "Paid at booking [commune's guide: « Cliquez sur Payer »]"
        """
        source = self.source
        if source is None:
            tail = say(lang, "source.none")
        else:
            # A default is the library's own words, not a quotation.
            form = "source.default" if source.kind is SourceKind.DEFAULT else "source.cited"
            kind = say(lang, f"source.kind.{source.kind.value}")
            tail = say(lang, form, kind=kind, reference=source.reference)
        return say(lang, "rule", text=self.text, source=tail)


def _citations(value: Iterable[Citation]) -> tuple[Citation, ...]:
    return require_unique_items(value, Citation, "citations", "topic", lambda c: c.topic)


def _schedules(value: Iterable[TariffSchedule]) -> tuple[TariffSchedule, ...]:
    return require_unique_items(
        value, TariffSchedule, "tariffs", "service_code", lambda s: s.service_code
    )


def _modes(value: Iterable[PaymentMode]) -> frozenset[PaymentMode]:
    result = frozenset(value)
    for mode in result:
        if not isinstance(mode, PaymentMode):
            raise InvalidTypeError("payment_modes", mode, "must be PaymentMode members")
    return result


def _requirements(value: Iterable[DocumentRequirement]) -> tuple[DocumentRequirement, ...]:
    result = tuple(value)
    if not result:
        return result
    # Imported only for a commune that lists documents (see the imports above).
    from cantine_rules.pricing._dossier import DocumentRequirement

    for index, requirement in enumerate(result):
        if not isinstance(requirement, DocumentRequirement):
            raise InvalidTypeError(
                f"dossier[{index}]", requirement, "must be a DocumentRequirement"
            )
    return result


def unit_price_schedules(
    prices: Mapping[str, Money], since: date, source: Source
) -> tuple[TariffSchedule, ...]:
    """One single-version `UnitPrice` schedule per service code, all from one source.

    >>> schedules = unit_price_schedules(
    ...     {"repas": Money.euros("3.60")}, date(2017, 9, 1), Source.seed("3.60€")
    ... )
    >>> schedules[0].price(date(2024, 9, 2), PricingContext()).unit_price
    Money.euros('3.60')
    """
    return tuple(
        TariffSchedule(code, (TariffVersion(since, UnitPrice(amount, source), source),))
        for code, amount in prices.items()
    )


def _quotient_policy(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    # Imported only for a commune whose tariffs read the quotient familial (see the imports).
    from cantine_rules.pricing._quotient import QuotientPolicy

    attrs.validators.instance_of(QuotientPolicy)(instance, attribute, value)


def _aliases(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class CommunePolicy:
    """Everything a commune decides: its booking rules, tariffs, payment and account rules.

    Attributes:
        slug: the registry name (``"saint-just-d-avray"``).
        name: the commune's name as shown (« Saint-Just-d'Avray »).
        booking: calendar, services, deadlines, late handling, who may book.
        tariffs: one [`TariffSchedule`][cantine_rules.pricing.tariffs.TariffSchedule] per
            priced service.
        payment_scheme: postfacturation, paiement immédiat or prepaid wallet.
        payment_modes: how families may pay.
        quotient_policy: which quotient familial record applies on a day, if the tariffs use one.
        wallet_alert_threshold: the balance at which a prepaid wallet's family is reminded.
        dossier: the documents a registration needs, if the commune lists them.
        citations: where each rule comes from.
        aliases: other names the registry accepts.
    """

    slug: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=identifier)
    booking: BookingRules = attrs.field(validator=attrs.validators.instance_of(BookingRules))
    payment_scheme: PaymentScheme = attrs.field(validator=enum_member(PaymentScheme))
    payment_modes: frozenset[PaymentMode] = attrs.field(converter=_modes)
    tariffs: tuple[TariffSchedule, ...] = attrs.field(default=(), converter=_schedules)
    quotient_policy: QuotientPolicy | None = attrs.field(default=None, validator=_quotient_policy)
    wallet_alert_threshold: Money | None = attrs.field(
        default=None, validator=attrs.validators.optional(non_negative_money)
    )
    dossier: tuple[DocumentRequirement, ...] = attrs.field(default=(), converter=_requirements)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)

    def __attrs_post_init__(self) -> None:
        known = {service.code for service in self.booking.services}
        for index, schedule in enumerate(self.tariffs):
            if schedule.service_code not in known:
                raise UnknownServiceError(
                    schedule.service_code, known, field=f"tariffs[{index}].service_code"
                )

    # Views --------------------------------------------------------------------------------------

    @property
    def calendar(self) -> SchoolCalendar:
        """The commune's school calendar."""
        return self.booking.calendar

    @property
    def services(self) -> tuple[Service, ...]:
        """The commune's services."""
        return self.booking.services

    def service(self, code: str) -> Service:
        """The service *code*, or `UnknownServiceError` listing the commune's services."""
        return self.booking.service(code)

    def source_of(self, topic: str) -> Source | None:
        """The source cited for *topic*, if any."""
        for citation in self.citations:
            if citation.topic == topic:
                return citation.source
        return None

    def tariff(self, code: str) -> TariffSchedule:
        """The tariff schedule of the service *code*.

        Raises:
            UnknownServiceError: the commune has no such service, or does not price it.
        """
        self.service(code)
        for schedule in self.tariffs:
            if schedule.service_code == code:
                return schedule
        raise UnknownServiceError(
            code, (schedule.service_code for schedule in self.tariffs), field="tariff"
        )

    # Questions ----------------------------------------------------------------------------------

    def price(
        self,
        code: str,
        day: date,
        *,
        quotient_familial: Decimal | str | int | None = None,
        context: PricingContext | None = None,
    ) -> Price:
        """The unit price of service *code* on *day* for a family.

        Give either the family's quotient familial, or a whole
        [`PricingContext`][cantine_rules.pricing.tariffs.PricingContext] (sibling rank,
        residence, PAI).
        """
        if context is None:
            context = PricingContext(quotient_familial)
        elif quotient_familial is not None:
            raise InvalidValueError(
                "quotient_familial", quotient_familial, "give it inside the context, not both"
            )
        return self.tariff(code).price(day, context)

    def wallet(self) -> Wallet:
        """An empty prepaid wallet with this commune's reminder threshold and payment modes.

        The wallet accepts the commune's payment modes but paper tickets, which cannot credit a
        wallet that holds euros.

        Raises:
            InvalidValueError: the commune sets no ``wallet_alert_threshold`` (it keeps no
                prepaid wallet), or no ``payment_modes`` but tickets.

        Examples:
            >>> from cantine_rules import policies
            >>> wallet = policies.get("chantraine").wallet()
            >>> wallet.alert_threshold, sorted(mode.value for mode in wallet.accepted_modes)
            (Money.euros('30.00'), ['card', 'cheque', 'transfer'])
        """
        from cantine_rules.pricing._wallet import Wallet  # only here (see the imports above)

        if self.wallet_alert_threshold is None:
            raise InvalidValueError(
                "wallet_alert_threshold", None, f"{self.slug} keeps no prepaid wallet"
            )
        modes = self.payment_modes - {PaymentMode.TICKETS}
        if not modes:
            raise InvalidValueError(
                "payment_modes", self.payment_modes, "no mode but tickets can credit a wallet"
            )
        return Wallet(alert_threshold=self.wallet_alert_threshold, accepted_modes=modes)

    def pricer(
        self,
        contexts: Mapping[str, PricingContext] | None = None,
        *,
        quotient_records: Mapping[str, Sequence[QuotientRecord]] | None = None,
    ) -> UnitPricer:
        """A pricer for invoices and baskets: (child, service, day) → unit price and tariff name.

        Args:
            contexts: each child's pricing context (sibling rank, residence, PAI, QF); children
                not listed are priced with an empty context (no QF: the default bracket).
            quotient_records: each child's family's quotient familial records; with the
                commune's `QuotientPolicy` they decide which QF applies on each day (an
                attestation too old, or received after the registration deadline, gives the
                default tariff until the dossier is regularised, with no retroactive reduction).

        A price without QF records holds for the whole tariff version, so an invoice asks the
        tariff once per child, service and version; with records it holds for its day only.
        """
        from cantine_rules.pricing._priced_unit import PricedUnit  # only here (see the imports)

        contexts = contexts or {}
        records = quotient_records or {}
        policy = self.quotient_policy

        def price(child_id: str, code: str, day: date) -> PricedUnit:
            context = contexts.get(child_id, _EMPTY_CONTEXT)
            child_records = records.get(child_id)
            if child_records is not None and policy is not None:
                applied = policy.applicable_quotient(child_records, day)
                context = attrs.evolve(context, quotient_familial=applied.quotient_familial)
            schedule = self.tariff(code)
            priced = schedule.price(day, context)
            name = priced.bracket or _tariff_name(schedule.at(day).tariff)
            if child_records is not None and policy is not None:
                return PricedUnit(priced.unit_price, name, day, day)
            first, last = _version_span(schedule, day)
            return PricedUnit(priced.unit_price, name, first, last)

        return price

    def decide(
        self,
        change: BookingChange,
        *,
        account: FamilyAccount | None = None,
        context: PricingContext | None = None,
        late: LateContext | None = None,
    ) -> Decision:
        """Decide *change*; where a late charge is based on the price, it comes from the tariff.

        The tariff is consulted only when the decision needs a price, so a commune whose tariff
        does not cover the day can still decide on-time changes.
        """

        def price_of(child_id: str, service: Service, day: date) -> Money:
            return self.price(service.code, day, context=context).unit_price

        return self.booking.decide(change, account=account, price_of=price_of, context=late)

    def planning(
        self,
        child_id: str,
        code: str,
        period: PlanningPeriod,
        day: date,
        *,
        at: datetime,
        bookings: Iterable[Booking] = (),
        table: ChangeWindowTable | None = None,
    ) -> PlanningGrid:
        """The planning grid of a child for a service (see `planning.planning`).

        *table*, a ``ChangeWindowTable`` built from the commune's booking rules, is read for the
        days it covers; the grid is the same without it.
        """
        from cantine_rules.rules.planning_grid import planning  # only here (see the imports)

        return planning(
            self.booking, child_id, code, period, day, at=at, bookings=bookings, table=table
        )

    # Explaining ---------------------------------------------------------------------------------

    def explain(self, lang: str = "fr") -> tuple[ExplainedRule, ...]:
        """Every rule of the commune in plain language, each with its source.

        >>> from cantine_rules import policies
        >>> rules = policies.get("saint-just-d-avray").explain()
        >>> any("jeudi 17:00" in rule.text for rule in rules)
        True
        """
        check_lang(lang)
        rules: list[ExplainedRule] = [
            ExplainedRule(
                "calendar", _describe_calendar(self.calendar, lang), self.source_of("calendar")
            ),
            # The school week is a rule of its own: the zone and the holidays may be public facts
            # while nothing says whether Wednesday has school (it decides the meal's days).
            ExplainedRule(
                "calendar.week",
                _describe_school_week(self.calendar, lang),
                self.source_of("calendar.week"),
            ),
        ]
        for service in self.services:
            rules.append(
                ExplainedRule(
                    f"service.{service.code}",
                    _describe_service(service, self.booking, lang),
                    self.source_of(f"service.{service.code}"),
                )
            )
            rules.append(
                ExplainedRule(
                    f"rules.{service.code}",
                    _describe_rules(service, self.booking.rules_for(service.code), lang),
                    self.source_of(f"rules.{service.code}"),
                )
            )
        rules.append(
            ExplainedRule(
                "requirements",
                _describe_requirements(self.booking, lang),
                self.source_of("requirements"),
            )
        )
        for schedule in self.tariffs:
            label = self.service(schedule.service_code).label
            for version in schedule.versions:
                rules.append(
                    ExplainedRule(
                        f"tariff.{schedule.service_code}",
                        _describe_version(label, version, lang),
                        version.source,
                    )
                )
        # Sorted by the modes' codes, so that both languages list them in the same order.
        modes = ", ".join(say(lang, f"payment.mode.{mode}") for mode in sorted(self.payment_modes))
        scheme = say(lang, f"payment.scheme.{self.payment_scheme.value}")
        rules.append(
            ExplainedRule(
                "payment",
                say(lang, "payment", scheme=scheme, modes=modes),
                self.source_of("payment"),
            )
        )
        if self.wallet_alert_threshold is not None:
            text = say(lang, "wallet", amount=money(lang, self.wallet_alert_threshold))
            rules.append(ExplainedRule("wallet", text, self.source_of("wallet")))
        if self.quotient_policy is not None:
            policy = self.quotient_policy
            text = say(
                lang,
                "quotient",
                months=policy.max_age_months,
                deadline=policy.registration_deadline,
            )
            rules.append(ExplainedRule("quotient", text, policy.source))
        for requirement in self.dossier:
            rules.append(
                ExplainedRule(
                    f"dossier.{requirement.code}",
                    say(lang, "dossier", label=requirement.label),
                    requirement.source,
                )
            )
        return tuple(rules)


def _describe_school_week(calendar: SchoolCalendar, lang: str) -> str:
    week = calendar.school_week
    if week == FOUR_DAYS:
        week_text = say(lang, "calendar.week.four_days")
    elif week == FOUR_AND_A_HALF_DAYS:
        week_text = say(lang, "calendar.week.four_and_a_half_days")
    else:
        days = ", ".join(str(day) for day in sorted(week.weekdays))
        week_text = say(lang, "calendar.week.weekdays", days=days)
    return say(lang, "calendar.week", week=week_text)


def _describe_calendar(calendar: SchoolCalendar, lang: str) -> str:
    alsace_moselle = calendar.department in ("57", "67", "68")
    holidays = say(
        lang, "calendar.holidays.alsace_moselle" if alsace_moselle else "calendar.holidays"
    )
    closures = ", ".join(
        say(lang, "calendar.closure", day=closure.day, label=closure.label)
        for closure in calendar.closures
    )
    return say(
        lang,
        "calendar",
        zone=calendar.zone.value,
        holidays=holidays,
        closures=say(lang, "calendar.closures", closures=closures) if closures else "",
    )


def _describe_service(service: Service, booking: BookingRules, lang: str) -> str:
    days = ", ".join(
        sorted(say(lang, f"service.days.{days}") for days in booking.days_of(service.code))
    )
    return say(
        lang,
        "service",
        label=service.label,
        kind=say(lang, f"service.kind.{service.kind.value}"),
        times=f"{service.start:%H:%M}–{service.end:%H:%M}",
        unit=say(lang, f"service.unit.{service.billing_unit.value}"),
        days=days,
    )


def _describe_outcome(outcome: LateOutcome, lang: str) -> str:
    if isinstance(outcome, Refuse):
        if outcome.contact:
            return say(lang, "outcome.refused_contact", contact=outcome.contact)
        return say(lang, "outcome.refused")
    if isinstance(outcome, AcceptWithSurcharge):
        return say(lang, "outcome.surcharged", surcharge=outcome.surcharge.describe(lang))
    if isinstance(outcome, KeepCharging):
        if outcome.waiver is not None:
            return say(
                lang,
                "outcome.still_charged_unless_certificate",
                waiting=outcome.waiver.waiting_days,
            )
        return say(lang, "outcome.still_charged")
    assert isinstance(outcome, AcceptLate)
    return say(lang, "outcome.free")


def _describe_late(handling: LateHandling, lang: str) -> str:
    return say(
        lang,
        "late",
        online=_describe_outcome(handling.online, lang),
        office=_describe_outcome(handling.office, lang),
    )


def _describe_rules(service: Service, rules: ServiceRules, lang: str) -> str:
    return say(
        lang,
        "rules",
        label=service.label,
        add=rules.add.describe(lang),
        cancel=rules.cancel.describe(lang),
        late_add=_describe_late(rules.late_add, lang),
        late_cancel=_describe_late(rules.late_cancel, lang),
    )


def _describe_requirements(booking: BookingRules, lang: str) -> str:
    needs = booking.requirements
    parts = [
        say(lang, f"requirements.{need}")
        for need, required in (
            ("account_validated", needs.account_validated),
            ("child_registered", needs.child_registered),
            ("dossier_validated", needs.dossier_validated),
        )
        if required
    ]
    validation = "validated_at_once" if booking.auto_validate else "wait_for_validation"
    return say(
        lang,
        "requirements",
        needs=", ".join(parts) or say(lang, "requirements.nothing"),
        validation=say(lang, f"requirements.{validation}"),
    )


def _describe_version(label: str, version: TariffVersion, lang: str) -> str:
    if version.ends_on is None:
        period = say(lang, "tariff.from", since=version.effective_from)
    else:
        period = say(lang, "tariff.from_to", since=version.effective_from, until=version.ends_on)
    return say(
        lang, "tariff", label=label, period=period, tariff=describe_tariff(version.tariff, lang)
    )


_EMPTY_CONTEXT = PricingContext()


def _tariff_name(tariff: Tariff) -> str:
    """What an invoice line shows as its tariff when no bracket names it (« à l'unité »)."""
    from cantine_rules.pricing._modifiers import ModifiedTariff  # see the imports above

    if isinstance(tariff, ModifiedTariff):
        return _tariff_name(tariff.tariff)
    if isinstance(tariff, EffortRate):
        return "taux d'effort"
    return "à l'unité"


def _version_span(schedule: TariffSchedule, day: date) -> tuple[date, date | None]:
    """The first and last day of the tariff version in force on *day* (None: open-ended)."""
    version = schedule.at(day)
    later = [
        v.effective_from for v in schedule.versions if v.effective_from > version.effective_from
    ]
    last = version.ends_on
    if later:
        next_start = min(later) - timedelta(days=1)
        last = next_start if last is None else min(last, next_start)
    return version.effective_from, last


def describe_tariff(tariff: Tariff, lang: str = "fr") -> str:
    r"""A tariff in a few words.

    Raises:
        InvalidValueError: *lang* is not one the explanations speak (field ``lang``).

    Examples:
        >>> from cantine_rules.policies.lutins_gourmands import MEAL
        >>> describe_tariff(MEAL)
        "3,60\xa0€ à l'unité"
        >>> describe_tariff(MEAL, "en")
        '€3.60 per unit'
    """
    from cantine_rules.pricing._modifiers import ModifiedTariff  # see the imports above

    if isinstance(tariff, UnitPrice):
        return say(lang, "tariff.unit_price", amount=money(lang, tariff.amount))
    if isinstance(tariff, BracketGrid):
        unknown = say(lang, "tariff.unknown")
        brackets = say(lang, "tariff.bracket_separator").join(
            say(
                lang,
                "tariff.bracket",
                name=bracket.name,
                lower=unknown if bracket.lower is None else number(lang, bracket.lower),
                price=unknown if bracket.unit_price is None else money(lang, bracket.unit_price),
            )
            for bracket in tariff.brackets
        )
        return say(lang, "tariff.grid", brackets=brackets, default=tariff.default_bracket)
    if isinstance(tariff, EffortRate):
        return say(
            lang,
            "tariff.effort_rate",
            percent=number(lang, tariff.rate * 100),
            low=money(lang, tariff.minimum),
            high=money(lang, tariff.maximum),
        )
    if isinstance(tariff, ModifiedTariff):
        modifiers = ", ".join(_describe_modifier(modifier, lang) for modifier in tariff.modifiers)
        return say(
            lang,
            "tariff.modified",
            tariff=describe_tariff(tariff.tariff, lang),
            modifiers=modifiers,
        )
    check_lang(lang)
    # A tariff class of the commune's own: the library has no words for it.
    return type(tariff).__name__


def _describe_modifier(modifier: Modifier, lang: str) -> str:
    from cantine_rules.pricing._modifiers import (  # see the imports above
        MedicalMealFactor,
        MedicalMealFlatPrice,
        NonResidentSupplement,
        SiblingReduction,
    )

    if isinstance(modifier, SiblingReduction):
        ranks = ", ".join(
            say(lang, "modifier.sibling_rank", rank=rank, factor=number(lang, factor))
            for rank, factor in modifier.factors
        )
        return say(lang, "modifier.sibling_reduction", ranks=ranks)
    if isinstance(modifier, NonResidentSupplement):
        return say(lang, "modifier.non_resident", percent=number(lang, modifier.rate * 100))
    if isinstance(modifier, MedicalMealFactor):
        return say(lang, "modifier.medical_meal_factor", factor=number(lang, modifier.factor))
    if isinstance(modifier, MedicalMealFlatPrice):
        return say(lang, "modifier.medical_meal_flat_price", amount=money(lang, modifier.amount))
    # A modifier of the commune's own speaks one language: its label.
    return modifier.label
