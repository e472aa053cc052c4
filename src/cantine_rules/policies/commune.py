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

import attrs

from cantine_rules._validators import enum_member, identifier, non_negative_money
from cantine_rules.calendar import FOUR_AND_A_HALF_DAYS, FOUR_DAYS, SchoolCalendar
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.model import Booking, BookingChange, Service
from cantine_rules.money import Money
from cantine_rules.pricing.accounts import PaymentMode, PricedUnit, UnitPricer
from cantine_rules.pricing.tariffs import (
    BracketGrid,
    DocumentRequirement,
    EffortRate,
    ModifiedTariff,
    Price,
    PricingContext,
    QuotientPolicy,
    QuotientRecord,
    Tariff,
    TariffSchedule,
    TariffVersion,
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
from cantine_rules.rules.planning_grid import PlanningGrid, PlanningPeriod, planning
from cantine_rules.rules.window_table import ChangeWindowTable
from cantine_rules.sources import Source, SourceKind

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

    Topics name the rule: ``calendar``, ``service.<code>``, ``rules.<code>`` (its deadlines and
    late handling), ``requirements``, ``payment``, ``wallet``, ``quotient``, ``dossier``.
    Tariffs cite their source in each
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
        """The rule and its source on one line."""
        if self.source is None:
            tail = "no source" if lang == "en" else "sans source"
        elif self.source.kind is SourceKind.DEFAULT:
            label = "default" if lang == "en" else "valeur par défaut"
            tail = f"{label}{_COLON[lang]} {self.source.reference}"
        else:
            kind = _SOURCE_KIND[lang][self.source.kind]
            tail = f"{kind}{_COLON[lang]} « {self.source.reference} »"
        return f"{self.text} [{tail}]"


#: French typography puts a space before a colon; English does not.
_COLON = {"fr": " :", "en": ":"}

_SOURCE_KIND = {
    "fr": {
        SourceKind.SEED: "guide de la commune",
        SourceKind.PUBLIC: "source publique",
        SourceKind.EXAMPLE: "exemple d'une autre commune",
        SourceKind.DEFAULT: "valeur par défaut",
    },
    "en": {
        SourceKind.SEED: "commune's guide",
        SourceKind.PUBLIC: "public source",
        SourceKind.EXAMPLE: "example from another commune",
        SourceKind.DEFAULT: "default",
    },
}


def _citations(value: Iterable[Citation]) -> tuple[Citation, ...]:
    result = tuple(value)
    seen: set[str] = set()
    for index, citation in enumerate(result):
        if not isinstance(citation, Citation):
            raise InvalidTypeError(f"citations[{index}]", citation, "must be a Citation")
        if citation.topic in seen:
            raise InvalidValueError(f"citations[{index}].topic", citation.topic, "appears twice")
        seen.add(citation.topic)
    return result


def _schedules(value: Iterable[TariffSchedule]) -> tuple[TariffSchedule, ...]:
    result = tuple(value)
    seen: set[str] = set()
    for index, schedule in enumerate(result):
        if not isinstance(schedule, TariffSchedule):
            raise InvalidTypeError(f"tariffs[{index}]", schedule, "must be a TariffSchedule")
        if schedule.service_code in seen:
            raise InvalidValueError(
                f"tariffs[{index}].service_code", schedule.service_code, "appears twice"
            )
        seen.add(schedule.service_code)
    return result


def _modes(value: Iterable[PaymentMode]) -> frozenset[PaymentMode]:
    result = frozenset(value)
    for mode in result:
        if not isinstance(mode, PaymentMode):
            raise InvalidTypeError("payment_modes", mode, "must be PaymentMode members")
    return result


def _requirements(value: Iterable[DocumentRequirement]) -> tuple[DocumentRequirement, ...]:
    result = tuple(value)
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
    quotient_policy: QuotientPolicy | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(QuotientPolicy)),
    )
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
        if lang not in ("fr", "en"):
            raise InvalidValueError("lang", lang, "must be 'fr' or 'en'")
        en = lang == "en"
        rules: list[ExplainedRule] = [
            ExplainedRule(
                "calendar", _describe_calendar(self.calendar, en), self.source_of("calendar")
            )
        ]
        for service in self.services:
            rules.append(
                ExplainedRule(
                    f"service.{service.code}",
                    _describe_service(service, self.booking, en),
                    self.source_of(f"service.{service.code}"),
                )
            )
            rules.append(
                ExplainedRule(
                    f"rules.{service.code}",
                    _describe_rules(service, self.booking.rules_for(service.code), en),
                    self.source_of(f"rules.{service.code}"),
                )
            )
        rules.append(
            ExplainedRule(
                "requirements",
                _describe_requirements(self.booking, en),
                self.source_of("requirements"),
            )
        )
        for schedule in self.tariffs:
            for version in schedule.versions:
                until = (
                    ""
                    if version.ends_on is None
                    else (f" to {version.ends_on}" if en else f" au {version.ends_on}")
                )
                since = f"from {version.effective_from}" if en else f"du {version.effective_from}"
                label = self.service(schedule.service_code).label
                rules.append(
                    ExplainedRule(
                        f"tariff.{schedule.service_code}",
                        f"{'Tariff' if en else 'Tarif'} « {label} » ({since}{until}) : "
                        f"{describe_tariff(version.tariff, lang)}",
                        version.source,
                    )
                )
        modes = ", ".join(sorted(mode.value for mode in self.payment_modes))
        scheme = _SCHEMES["en" if en else "fr"][self.payment_scheme]
        rules.append(
            ExplainedRule(
                "payment",
                f"{scheme} ; {'payment modes' if en else 'modes de paiement'} : {modes}",
                self.source_of("payment"),
            )
        )
        if self.wallet_alert_threshold is not None:
            amount = self.wallet_alert_threshold.format("en" if en else "fr_FR")
            text = (
                f"The family is reminded when the wallet balance is {amount} or less; a negative "
                "balance is escalated."
                if en
                else f"La famille est relancée quand le solde du porte-monnaie atteint {amount} ou "
                "moins ; un solde négatif est transmis au service comptable."
            )
            rules.append(ExplainedRule("wallet", text, self.source_of("wallet")))
        if self.quotient_policy is not None:
            policy = self.quotient_policy
            text = (
                f"Quotient familial: attestation under {policy.max_age_months} months; after "
                f"{policy.registration_deadline} the default tariff applies until the dossier is "
                "regularised, with no retroactive reduction."
                if en
                else f"Quotient familial : attestation de moins de {policy.max_age_months} mois ; "
                f"après le {policy.registration_deadline}, le tarif par défaut s'applique jusqu'à "
                "la régularisation du dossier, sans effet rétroactif."
            )
            rules.append(ExplainedRule("quotient", text, policy.source))
        for requirement in self.dossier:
            rules.append(
                ExplainedRule(
                    f"dossier.{requirement.code}",
                    f"{'Document' if en else 'Pièce'} : {requirement.label}",
                    requirement.source,
                )
            )
        return tuple(rules)


_SCHEMES = {
    "fr": {
        PaymentScheme.POSTFACTURATION: "Facturation après service (postfacturation)",
        PaymentScheme.IMMEDIATE: (
            "Paiement immédiat : les réservations ne comptent qu'une fois payées"
        ),
        PaymentScheme.PREPAID: "Porte-monnaie prépayé, toujours créditeur",
    },
    "en": {
        PaymentScheme.POSTFACTURATION: "Billed after the fact (postfacturation)",
        PaymentScheme.IMMEDIATE: "Paid at booking: bookings count only once paid",
        PaymentScheme.PREPAID: "Prepaid wallet, always in credit",
    },
}

_KIND_FR = {
    "meal": "repas",
    "morning_care": "accueil du matin",
    "evening_care": "accueil du soir",
    "study": "étude",
    "wednesday_centre": "centre de loisirs du mercredi",
    "holiday_centre": "centre de loisirs des vacances",
}
_UNIT = {
    "fr": {
        "session": "à l'unité",
        "half_day": "à la demi-journée",
        "day": "à la journée",
        "hour": "à l'heure",
    },
    "en": {
        "session": "per session",
        "half_day": "per half-day",
        "day": "per day",
        "hour": "per hour",
    },
}
_DAYS = {
    "fr": {
        "school_days": "jours d'école",
        "wednesdays": "mercredis sans école",
        "school_holidays": "jours de vacances scolaires",
    },
    "en": {
        "school_days": "school days",
        "wednesdays": "Wednesdays without school",
        "school_holidays": "school-holiday weekdays",
    },
}


def _describe_calendar(calendar: SchoolCalendar, en: bool) -> str:
    week = calendar.school_week
    if week == FOUR_DAYS:
        week_text = "4-day school week" if en else "semaine de 4 jours"
    elif week == FOUR_AND_A_HALF_DAYS:
        week_text = "4.5-day school week" if en else "semaine de 4 jours et demi"
    else:
        days = ", ".join(str(day) for day in sorted(week.weekdays))
        week_text = f"school on weekdays {days}" if en else f"école les jours {days}"
    alsace = calendar.department in ("57", "67", "68")
    if en:
        holidays = "national public holidays" + (" and Alsace-Moselle's" if alsace else "")
        text = f"School holidays of zone {calendar.zone.value}; {holidays}; {week_text}"
    else:
        holidays = "jours fériés nationaux" + (" et d'Alsace-Moselle" if alsace else "")
        text = f"Vacances scolaires de la zone {calendar.zone.value} ; {holidays} ; {week_text}"
    closures = ", ".join(f"{c.day} ({c.label})" for c in calendar.closures)
    if closures:
        text += f"; closures: {closures}" if en else f" ; fermetures : {closures}"
    return text + "."


def _describe_service(service: Service, booking: BookingRules, en: bool) -> str:
    lang = "en" if en else "fr"
    times = f"{service.start:%H:%M}–{service.end:%H:%M}"
    days = ", ".join(sorted(_DAYS[lang][str(kind)] for kind in booking.days_of(service.code)))
    kind = service.kind.value if en else _KIND_FR[service.kind.value]
    unit = _UNIT[lang][service.billing_unit.value]
    colon = ":" if en else " :"  # French puts a space before the colon
    return f"« {service.label} » ({kind}){colon} {times}, {unit}, {days}."


def _describe_outcome(outcome: LateOutcome, en: bool) -> str:
    if isinstance(outcome, Refuse):
        if outcome.contact:
            return (
                f"refused, contact {outcome.contact}"
                if en
                else (f"refusé, contacter {outcome.contact}")
            )
        return "refused" if en else "refusé"
    if isinstance(outcome, AcceptWithSurcharge):
        accepted = "accepted, " if en else "accepté, "
        return accepted + outcome.surcharge.describe("en" if en else "fr")
    if isinstance(outcome, KeepCharging):
        text = "accepted, the service still charged" if en else "accepté, le service reste facturé"
        if outcome.waiver is not None:
            waiting = outcome.waiver.waiting_days
            text += (
                f" unless a medical certificate (after {waiting} waiting day(s))"
                if en
                else f" sauf certificat médical (après {waiting} jour(s) de carence)"
            )
        return text
    assert isinstance(outcome, AcceptLate)
    return "accepted free of charge" if en else "accepté sans frais"


def _describe_late(handling: LateHandling, en: bool) -> str:
    online = _describe_outcome(handling.online, en)
    office = _describe_outcome(handling.office, en)
    if en:
        return f"online {online}, at the office {office}"
    return f"en ligne {online}, au guichet {office}"


def _describe_rules(service: Service, rules: ServiceRules, en: bool) -> str:
    lang = "en" if en else "fr"
    add, cancel = rules.add.describe(lang), rules.cancel.describe(lang)
    late_add, late_cancel = (
        _describe_late(rules.late_add, en),
        _describe_late(rules.late_cancel, en),
    )
    if en:
        return (
            f"« {service.label} »: deadline to add: {add}; to cancel: {cancel}. Past it, an add "
            f"is {late_add}; a cancellation is {late_cancel}."
        )
    return (
        f"« {service.label} » : délai d'ajout : {add} ; délai d'annulation : {cancel}. Hors "
        f"délai, un ajout est {late_add} ; une annulation est {late_cancel}."
    )


def _describe_requirements(booking: BookingRules, en: bool) -> str:
    needs = booking.requirements
    parts: list[str] = []
    if needs.account_validated:
        parts.append(
            "family account validated by the commune"
            if en
            else "compte famille validé par la mairie"
        )
    if needs.child_registered:
        parts.append(
            "child added to the family and registered for the service"
            if en
            else "enfant ajouté à la famille et inscrit au service"
        )
    if needs.dossier_validated:
        parts.append("registration dossier validated" if en else "dossier d'inscription validé")
    listed = ", ".join(parts) or ("nothing" if en else "aucune condition")
    if en:
        validation = (
            "requests are validated at once"
            if booking.auto_validate
            else "requests wait for the commune's validation"
        )
        return f"To book: {listed}; {validation}."
    validation = (
        "les demandes sont validées aussitôt"
        if booking.auto_validate
        else "les demandes attendent la validation de la commune"
    )
    return f"Pour réserver : {listed} ; {validation}."


_EMPTY_CONTEXT = PricingContext()


def _tariff_name(tariff: Tariff) -> str:
    """What an invoice line shows as its tariff when no bracket names it (« à l'unité »)."""
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

    >>> from cantine_rules.pricing.tariffs import LUTINS_GOURMANDS_MEAL
    >>> describe_tariff(LUTINS_GOURMANDS_MEAL)
    "3,60\xa0€ à l'unité"
    """
    en = lang == "en"
    locale = "en" if en else "fr_FR"
    if isinstance(tariff, UnitPrice):
        amount = tariff.amount.format(locale)
        return f"{amount} per unit" if en else f"{amount} à l'unité"
    if isinstance(tariff, BracketGrid):
        parts = []
        for bracket in tariff.brackets:
            price = bracket.unit_price.format(locale) if bracket.unit_price is not None else "?"
            lower = "?" if bracket.lower is None else f"{bracket.lower}"
            parts.append(f"{bracket.name} {'from QF' if en else 'dès QF'} {lower} : {price}")
        default = tariff.default_bracket
        tail = f"; without a valid QF: {default}" if en else f" ; sans QF valide : {default}"
        return (
            ("grid by quotient familial: " if en else "grille par quotient familial : ")
            + "; ".join(parts)
            + tail
        )
    if isinstance(tariff, EffortRate):
        percent = (tariff.rate * 100).normalize()
        low, high = tariff.minimum.format(locale), tariff.maximum.format(locale)
        if en:
            return f"taux d'effort {percent:f} % of the QF, between {low} and {high}"
        return f"taux d'effort {f'{percent:f}'.replace('.', ',')} % du QF, entre {low} et {high}"
    if isinstance(tariff, ModifiedTariff):
        labels = ", ".join(modifier.label for modifier in tariff.modifiers)
        return f"{describe_tariff(tariff.tariff, lang)} ({labels})"
    return type(tariff).__name__
