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
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import (
    enum_member,
    identifier,
    non_negative_money,
    require_unique_items,
)
from cantine_rules.calendar import FOUR_AND_A_HALF_DAYS, FOUR_DAYS, SchoolCalendar
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.model import Booking, BookingChange, ChangeAction, Service
from cantine_rules.money import Money
from cantine_rules.policies._messages import check_lang, money, month_day, number, say

# The private modules a policy needs, not the public pricing modules that re-export every
# account and tariff class: a process that decides one change builds only the classes it uses.
# Priced units, wallets, modifiers, dossiers, quotient familial rules, planning grids, direct-debit
# terms and the judging of absences are imported where first used; `AbsenceRules` comes from its
# own small module, so that a commune without absence rules builds none of the classes that
# judge an absence.
from cantine_rules.pricing._payment import (
    DEFAULT_PAYMENT_MODES,
    DEFAULT_PAYMENT_SCHEME,
    PaymentMode,
    PaymentScheme,
)
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariffs import (
    Bracket,
    BracketGrid,
    EffortRate,
    Price,
    PricingContext,
    Tariff,
    UnitPrice,
)
from cantine_rules.rules._absence_rules import AbsenceRules
from cantine_rules.rules._messages import weekday_in
from cantine_rules.rules.booking import BookingRules, FamilyAccount, ServiceRules
from cantine_rules.rules.change_columns import ChangeColumns
from cantine_rules.rules.decisions import Decision, DecisionColumns
from cantine_rules.rules.late import (
    AcceptLate,
    AcceptWithSurcharge,
    KeepCharging,
    LateContext,
    LateHandling,
    LateOutcome,
    Refuse,
)
from cantine_rules.rules.non_billable import NonBillableDays
from cantine_rules.sources import Source, SourceKind

if TYPE_CHECKING:
    from cantine_rules.pricing._direct_debit import DirectDebitTerms
    from cantine_rules.pricing._dossier import DocumentRequirement
    from cantine_rules.pricing._modifiers import Modifier
    from cantine_rules.pricing._payment_terms import (
        CreditTreatment,
        MinimumTopUp,
        ServicePayment,
        TopUpCheck,
        TreatedCredit,
    )
    from cantine_rules.pricing._priced_unit import PricedUnit, UnitPricer
    from cantine_rules.pricing._quotient import QuotientPolicy, QuotientRecord
    from cantine_rules.pricing._wallet import Wallet
    from cantine_rules.rules.absences import AbsentDay, HeldDocument
    from cantine_rules.rules.attendance_fees import (
        LatePickup,
        PickupFee,
        UnbookedCharge,
        UnbookedPresenceRules,
    )
    from cantine_rules.rules.planning_grid import PlanningGrid, PlanningPeriod
    from cantine_rules.rules.regimes import ServiceRegimes
    from cantine_rules.rules.window_table import ChangeWindowTable

__all__ = [
    "Citation",
    "CommunePolicy",
    "ExplainedRule",
    "PaymentScheme",
    "describe_bounds",
    "describe_tariff",
    "unit_price_schedules",
]


@attrs.frozen
class Citation:
    """Where one rule of a commune comes from.

    Topics name the rule: ``calendar``, ``calendar.week`` (the weekdays with class),
    ``service.<code>``, ``rules.<code>`` (its deadlines and late handling), ``requirements``,
    ``payment``, ``wallet``, ``quotient``, ``dossier``, ``unbooked_presence.<code>`` (a
    presence without booking), ``late_pickup.<code>``, ``absences.<code>`` (how an absence from
    it is charged), ``non_billable_days``. Tariffs cite their source in each
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


def _unbooked_presence(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    # Imported only for a commune that prices presences without booking (see the imports).
    from cantine_rules.rules.attendance_fees import UnbookedPresenceRules

    attrs.validators.instance_of(UnbookedPresenceRules)(instance, attribute, value)


def _late_pickups(
    value: Mapping[str, LatePickup] | Iterable[tuple[str, LatePickup]],
) -> tuple[tuple[str, LatePickup], ...]:
    items = tuple(value.items() if isinstance(value, Mapping) else value)
    if not items:
        return ()
    from cantine_rules.rules.attendance_fees import LatePickup  # see _unbooked_presence

    result = tuple(sorted(items, key=lambda item: item[0]))
    for code, rule in result:
        if not isinstance(code, str) or not isinstance(rule, LatePickup):
            raise InvalidTypeError("late_pickup", code, "must map a service code to LatePickup")
    return result


def _check_attendance_fees(policy: CommunePolicy) -> None:
    """Each rule names one of the commune's services; pick-up bands start at its end."""
    known = {service.code for service in policy.booking.services}
    if policy.unbooked_presence is not None:
        for code, _ in policy.unbooked_presence.by_service:
            if code not in known:
                raise UnknownServiceError(code, known, field=f"unbooked_presence.by_service.{code}")
    for code, rule in policy.late_pickup:
        if code not in known:
            raise UnknownServiceError(code, known, field=f"late_pickup.{code}")
        rule.require_end(policy.booking.service(code), f"late_pickup.{code}.bands[0].starts")


#: The payment fields a commune may leave to the library's defaults, with each default.
_PAYMENT_DEFAULTS: dict[str, object] = {
    "payment_scheme": DEFAULT_PAYMENT_SCHEME,
    "payment_modes": DEFAULT_PAYMENT_MODES,
}


def _payment_defaults(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        value = (value,)
    result = frozenset(value)
    for name in result:
        if name not in _PAYMENT_DEFAULTS:
            known = ", ".join(_PAYMENT_DEFAULTS)
            raise InvalidValueError("payment_defaults", name, f"must name one of: {known}")
    return result


def _service_payments(value: Iterable[ServicePayment]) -> tuple[ServicePayment, ...]:
    result = tuple(value)
    if not result:
        return result
    # Imported only for a commune that pays a service its own way (see the imports above).
    from cantine_rules.pricing._payment_terms import ServicePayment

    return require_unique_items(
        result, ServicePayment, "payment_by_service", "service_code", lambda p: p.service_code
    )


def _minimum_top_up(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    from cantine_rules.pricing._payment_terms import MinimumTopUp  # see the imports above

    if not isinstance(value, MinimumTopUp):
        raise InvalidTypeError(attribute.name, value, "must be a MinimumTopUp or None")


def _credit_treatment(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    from cantine_rules.pricing._payment_terms import CarryForward, Refund  # see the imports

    if not isinstance(value, CarryForward | Refund):
        raise InvalidTypeError(attribute.name, value, "must be CarryForward, Refund or None")


def _direct_debit(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    # Imported only for a commune that states its direct-debit terms (see the imports above).
    from cantine_rules.pricing._direct_debit import DirectDebitTerms

    attrs.validators.instance_of(DirectDebitTerms)(instance, attribute, value)


def _regimes(value: Iterable[ServiceRegimes]) -> tuple[ServiceRegimes, ...]:
    result = tuple(value)
    if not result:
        return result
    # Imported only for a commune that offers regimes (see the imports above).
    from cantine_rules.rules.regimes import ServiceRegimes

    return require_unique_items(
        result, ServiceRegimes, "regimes", "service_code", lambda r: r.service_code
    )


def _check_regimes(regimes: tuple[ServiceRegimes, ...], booking: BookingRules) -> None:
    for index, service_regimes in enumerate(regimes):
        where = f"regimes[{index}]"
        try:
            service_regimes.check_against(booking)
        except UnknownServiceError as error:
            raise UnknownServiceError(
                error.value, error.known, field=f"{where}.service_code"
            ) from None
        except InvalidValueError as error:
            raise InvalidValueError(f"{where}.{error.field}", error.value, error.reason) from None


@pickled_by_fields
@attrs.frozen
class CommunePolicy:
    """Everything a commune decides: its booking rules, tariffs, payment and account rules.

    Attributes:
        slug: the registry name (``"saint-just-d-avray"``).
        name: the commune's name as shown (« Saint-Just-d'Avray »).
        booking: calendar, services, deadlines, late handling, who may book.
        tariffs: one [`TariffSchedule`][cantine_rules.pricing.tariffs.TariffSchedule] per
            priced service.
        payment_scheme: postfacturation, paiement immédiat or prepaid wallet; by default
            postfacturation (`DEFAULT_PAYMENT_SCHEME`), for every service that
            *payment_by_service* does not list.
        payment_modes: how families may pay; by default cheque and PayFiP
            (`DEFAULT_PAYMENT_MODES`).
        quotient_policy: which quotient familial record applies on a day, if the tariffs use one.
        wallet_alert_threshold: the balance at which a prepaid wallet's family is reminded.
        dossier: the documents a registration needs, if the commune lists them.
        citations: where each rule comes from.
        aliases: other names the registry accepts.
        unbooked_presence: what a presence without booking costs, by service or by default.
        late_pickup: late pick-up fees by band of time, by service code.
        absences: how an absence from a booked day is charged, by default and by service.
        non_billable_days: the days the commune declares never charged (outings, strikes).
        payment_by_service: the services paid otherwise than by *payment_scheme* (holidays
            prepaid before their booking deadline while the périscolaire is billed after the
            month), at most one entry per service.
        minimum_top_up: the least a family may credit to its prepaid wallet at once, if any.
        credit_treatment: what becomes of a credit the family is owed; when None, it is
            carried to what the family pays next (`DEFAULT_CREDIT_TREATMENT`).
        payment_defaults: which of ``payment_scheme`` and ``payment_modes`` the commune's
            règlement does not state, so that they hold the library's defaults;
            [`explain`][] then cites them as defaults, and the plain-data form leaves them out.
            Each named field must hold its default value.
        regimes: the attendance regimes and monthly flat fees of each service that has them.
        direct_debit: the pre-notification delay and the fee of a returned debit; when None,
            a commune that collects by direct debit keeps the SEPA rulebook's 14 days, no fee.
    """

    slug: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=identifier)
    booking: BookingRules = attrs.field(validator=attrs.validators.instance_of(BookingRules))
    payment_scheme: PaymentScheme = attrs.field(
        default=DEFAULT_PAYMENT_SCHEME, validator=enum_member(PaymentScheme)
    )
    payment_modes: frozenset[PaymentMode] = attrs.field(
        default=DEFAULT_PAYMENT_MODES, converter=_modes
    )
    tariffs: tuple[TariffSchedule, ...] = attrs.field(default=(), converter=_schedules)
    quotient_policy: QuotientPolicy | None = attrs.field(default=None, validator=_quotient_policy)
    wallet_alert_threshold: Money | None = attrs.field(
        default=None, validator=attrs.validators.optional(non_negative_money)
    )
    dossier: tuple[DocumentRequirement, ...] = attrs.field(default=(), converter=_requirements)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)
    # Fees of attendance nobody booked (cantine_rules.rules.attendance_fees).
    unbooked_presence: UnbookedPresenceRules | None = attrs.field(
        default=None, validator=_unbooked_presence
    )
    late_pickup: tuple[tuple[str, LatePickup], ...] = attrs.field(
        default=(), converter=_late_pickups
    )
    absences: AbsenceRules = attrs.field(
        factory=AbsenceRules, validator=attrs.validators.instance_of(AbsenceRules)
    )
    non_billable_days: NonBillableDays = attrs.field(
        factory=NonBillableDays, validator=attrs.validators.instance_of(NonBillableDays)
    )
    payment_by_service: tuple[ServicePayment, ...] = attrs.field(
        default=(), converter=_service_payments
    )
    minimum_top_up: MinimumTopUp | None = attrs.field(default=None, validator=_minimum_top_up)
    credit_treatment: CreditTreatment | None = attrs.field(
        default=None, validator=_credit_treatment
    )
    payment_defaults: frozenset[str] = attrs.field(default=frozenset(), converter=_payment_defaults)
    # Attendance regimes and monthly flat fees, per service (see cantine_rules.rules.regimes).
    regimes: tuple[ServiceRegimes, ...] = attrs.field(default=(), converter=_regimes)
    # The pre-notification delay and return fee of direct debits (cantine_rules.sepa).
    direct_debit: DirectDebitTerms | None = attrs.field(default=None, validator=_direct_debit)

    @property
    def direct_debit_terms(self) -> DirectDebitTerms:
        """The commune's direct-debit terms, or the library's default (14 days, no fee)."""
        if self.direct_debit is not None:
            return self.direct_debit
        from cantine_rules.pricing._direct_debit import DEFAULT_DIRECT_DEBIT_TERMS  # see imports

        return DEFAULT_DIRECT_DEBIT_TERMS

    def __attrs_post_init__(self) -> None:
        known = {service.code for service in self.booking.services}
        for index, schedule in enumerate(self.tariffs):
            if schedule.service_code not in known:
                raise UnknownServiceError(
                    schedule.service_code, known, field=f"tariffs[{index}].service_code"
                )
        _check_attendance_fees(self)
        if not self.absences.is_empty or self.non_billable_days.days:
            # Absences and non-billable days name services too (see _absences): imported only
            # for a commune that has some.
            from cantine_rules.policies._absences import check_service_codes

            check_service_codes(self, known)
        for index, payment in enumerate(self.payment_by_service):
            if payment.service_code not in known:
                raise UnknownServiceError(
                    payment.service_code, known, field=f"payment_by_service[{index}].service_code"
                )
        for name in sorted(self.payment_defaults):
            if getattr(self, name) != _PAYMENT_DEFAULTS[name]:
                raise InvalidValueError(
                    "payment_defaults", name, f"{name} is not the library's default"
                )
        _check_regimes(self.regimes, self.booking)

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

    def regimes_of(self, code: str) -> ServiceRegimes | None:
        """The regimes and monthly fees of the service *code*, if it has any."""
        self.service(code)
        for service_regimes in self.regimes:
            if service_regimes.service_code == code:
                return service_regimes
        return None

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

    # Payment by service -------------------------------------------------------------------------

    def payment_of(self, code: str) -> ServicePayment | None:
        """The payment terms of the service *code*, or None when it follows the commune's.

        Raises:
            UnknownServiceError: the commune has no such service.
        """
        self.service(code)
        for payment in self.payment_by_service:
            if payment.service_code == code:
                return payment
        return None

    def scheme_of(self, code: str) -> PaymentScheme:
        """How the service *code* is paid: its own scheme, or the commune's.

        Raises:
            UnknownServiceError: the commune has no such service.

        Examples:
            >>> from cantine_rules import policies
            >>> policies.get("chantraine").scheme_of("repas").value
            'prepaid'
        """
        payment = self.payment_of(code)
        return self.payment_scheme if payment is None else payment.scheme

    def prepayment_deadline(self, code: str, day: date) -> datetime | None:
        """The instant by which the service *code* on *day* must be prepaid; None if it is not.

        It is the deadline of the service's booking rule for adding the day (« avant la clôture
        des inscriptions »), never after the service starts; a payment is on time strictly
        before it (`Prepayment.is_on_time`). A prepaid service whose rule sets no deadline
        is due when the service starts.
        """
        payment = self.payment_of(code)
        if payment is None or payment.prepayment is None:
            return None
        window = self.booking.window(ChangeAction.ADD, code, day)
        # The booking rules bound every window by the service's start (`bounded_by_start`), so
        # a rule without a deadline closes when the service starts.
        assert window.closes_at is not None
        return window.closes_at

    def check_top_up(self, top_up: Money, children: int = 1) -> TopUpCheck:
        """Whether a wallet top-up of *top_up* for *children* children may be credited.

        Without a `minimum_top_up`, any top-up above 0,00 € is accepted.

        Raises:
            ZeroAmountError, NegativeAmountError: *top_up* is not above 0,00 € (field
                ``top_up``).
        """
        from cantine_rules.pricing._payment_terms import TopUpCheck  # see the imports above

        if self.minimum_top_up is not None:
            return self.minimum_top_up.check(top_up, children)
        from cantine_rules.pricing._account_errors import require_positive

        require_positive(top_up, "top_up")
        return TopUpCheck(True, Money.zero())

    def treat_credit(self, credit: Money) -> TreatedCredit:
        """What becomes of a *credit* (0,00 € or more) the family is owed.

        The commune's `credit_treatment`, or `DEFAULT_CREDIT_TREATMENT` (carried forward).
        """
        from cantine_rules.pricing._payment_terms import DEFAULT_CREDIT_TREATMENT  # see imports

        return (self.credit_treatment or DEFAULT_CREDIT_TREATMENT).treat(credit)

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
            # The columns and the bracket read (« Extérieurs — T2 »), else the tariff's kind.
            read = (*priced.columns, *((priced.bracket,) if priced.bracket else ()))
            name = " — ".join(read) or _tariff_name(schedule.at(day).tariff)
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

    def decide_columns(
        self,
        changes: ChangeColumns | Iterable[BookingChange],
        *,
        accounts: Mapping[str, FamilyAccount] | None = None,
        contexts: Mapping[str, PricingContext] | None = None,
        table: ChangeWindowTable | None = None,
    ) -> DecisionColumns:
        """Decide a basket into columns (see ``BookingRules.decide_columns``), priced by the tariff.

        A late charge based on the price takes it from the commune's tariff, for each child in
        the pricing context *contexts* gives it (an empty one for a child it does not name); the
        tariff is asked only for the changes whose decision needs a price.

        Examples:
            >>> from cantine_rules import BookingChange, ChangeAction, EUROPE_PARIS, policies
            >>> paris = policies.get("paris")
            >>> at = datetime(2024, 9, 10, 9, 0, tzinfo=EUROPE_PARIS)
            >>> changes = [
            ...     BookingChange(ChangeAction.ADD, child, "repas", date(2024, 9, day), at)
            ...     for child, day in (("c1", 9), ("c2", 30))
            ... ]
            >>> [status.value for status in paris.decide_columns(changes).statuses]
            ['refused', 'accepted']
        """

        def price_of(child_id: str, service: Service, day: date) -> Money:
            context = contexts.get(child_id) if contexts is not None else None
            return self.price(service.code, day, context=context).unit_price

        return self.booking.decide_columns(
            changes, accounts=accounts, price_of=price_of, table=table
        )

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

    def unbooked_presence_charge(
        self,
        code: str,
        day: date,
        *,
        earlier_in_period: int = 0,
        context: PricingContext | None = None,
    ) -> UnbookedCharge | None:
        """What a presence without booking of service *code* on *day* costs; None if no rule.

        The tariff is asked for the normal price only when the charge is based on it (a flat
        price of 10 € needs none).

        Args:
            code: the service.
            day: the day of the presence.
            earlier_in_period: how many presences without booking the same period already
                holds, counted as the rule's ``counted_per`` says.
            context: the child's pricing context, for a charge based on the normal price.

        Raises:
            UnknownServiceError: the commune has no such service, or the charge is based on
                the price of a service it does not price.
            NoTariffInForceError: the charge is based on the price, and no tariff is in force
                on *day*.

        Examples:
            >>> from cantine_rules import policies
            >>> from cantine_rules.plain import load_toml
            >>> vailhauques = load_toml("examples/communes/vailhauques.toml")
            >>> vailhauques.unbooked_presence_charge("repas", date(2025, 3, 13)).amount
            Money.euros('10.00')
        """
        from cantine_rules.rules.attendance_fees import price_unbooked_presence
        from cantine_rules.rules.late import MissingPriceError

        self.service(code)
        rule = None if self.unbooked_presence is None else self.unbooked_presence.for_service(code)
        if rule is None:
            return None
        try:
            return price_unbooked_presence(rule, None, earlier_in_period)
        except MissingPriceError:
            base = self.price(code, day, context=context).unit_price
            return price_unbooked_presence(rule, base, earlier_in_period)

    def late_pickup_fee(
        self, code: str, day: date, picked_up_at: datetime, *, earlier_in_period: int = 0
    ) -> PickupFee | None:
        """The fee of picking a child up from service *code* at *picked_up_at* on *day*.

        None when the pick-up is on time, or the service has no late pick-up rule.
        """
        from cantine_rules.rules.attendance_fees import late_pickup_fee

        service = self.service(code)
        for rule_code, rule in self.late_pickup:
            if rule_code == code:
                return late_pickup_fee(rule, service, day, picked_up_at, earlier_in_period)
        return None

    def is_billable(self, code: str, day: date, *, site: str | None = None) -> bool:
        """False when the commune declared *day* non-billable for service *code* at *site*.

        >>> from cantine_rules import policies
        >>> policies.get("paris").is_billable("repas", date(2024, 9, 19))
        True
        """
        self.service(code)
        return self.non_billable_days.is_billable(code, day, site=site)

    def judge_absence(
        self,
        code: str,
        days: Iterable[date],
        *,
        notice_at: datetime | None,
        certificate_at: datetime | None = None,
        site: str | None = None,
        context: PricingContext | None = None,
        documents: Iterable[HeldDocument] = (),
    ) -> tuple[AbsentDay, ...]:
        """The charge of each absent booked day of a child's run of absence from *code*.

        The commune's absence policy for the service judges the run
        (see ``AbsencePolicy.judge`` in ``cantine_rules.rules.absences``); a
        day the commune declared non-billable is free whatever the notice. A charge at the
        booked price is priced with the tariff (and *context*), only where a day is charged.
        *documents* are the standing documents the commune holds for the family (an employer's
        statement of working hours, for instance).

        Raises:
            UnknownServiceError: the commune has no service *code*.
            InvalidValueError: the commune sets no absence policy for the service.
            MissingPriceError: a day is charged at the booked price, and the commune has no
                tariff for the service (a flat charge needs none).
        """
        from cantine_rules.policies._absences import judge_absence  # only here

        return judge_absence(
            self,
            code,
            days,
            notice_at=notice_at,
            certificate_at=certificate_at,
            site=site,
            context=context,
            documents=documents,
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
                self._payment_source(lang),
            )
        )
        rules.extend(self._explain_payment_terms(lang))
        if self.direct_debit is not None or PaymentMode.DIRECT_DEBIT in self.payment_modes:
            terms = self.direct_debit_terms
            text = say(lang, "direct_debit", days=terms.pre_notification_days)
            if terms.return_fee is not None:
                text += say(lang, "direct_debit.fee", amount=money(lang, terms.return_fee))
            # The library's default is cited in the reader's language, as the payment defaults are.
            source = (
                terms.source
                if self.direct_debit is not None
                else Source.default(say(lang, "direct_debit.default"))
            )
            rules.append(ExplainedRule("direct_debit", text, source))
        if self.wallet_alert_threshold is not None:
            text = say(lang, "wallet", amount=money(lang, self.wallet_alert_threshold))
            rules.append(ExplainedRule("wallet", text, self.source_of("wallet")))
        if self.quotient_policy is not None:
            rules.extend(_explain_quotient(self.quotient_policy, lang))
        for requirement in self.dossier:
            rules.append(
                ExplainedRule(
                    f"dossier.{requirement.code}",
                    say(lang, "dossier", label=requirement.label),
                    requirement.source,
                )
            )
        rules.extend(_explain_attendance_fees(self, lang))
        from cantine_rules.policies._absences import explain_absences  # only when explaining

        rules.extend(explain_absences(self, lang))
        if self.regimes:
            from cantine_rules.policies._regimes import explain_regimes  # see the imports above

            rules.extend(explain_regimes(self, lang))
        return tuple(rules)

    def _payment_source(self, lang: str) -> Source | None:
        """The source of the payment rule: the library's defaults when the commune left any."""
        if not self.payment_defaults:
            return self.source_of("payment")
        reasons = say(lang, "payment.default.separator").join(
            say(lang, f"payment.default.{name}") for name in sorted(self.payment_defaults)
        )
        return Source.default(reasons)

    def _explain_payment_terms(self, lang: str) -> list[ExplainedRule]:
        rules: list[ExplainedRule] = []
        for payment in self.payment_by_service:
            service = self.service(payment.service_code)
            text = say(
                lang,
                "payment.service",
                label=service.label,
                scheme=say(lang, f"payment.scheme.{payment.scheme.value}"),
            )
            if payment.prepayment is not None:
                deadline = self.booking.rules_for(service.code).add.describe(lang)
                text += say(
                    lang,
                    "payment.prepayment",
                    percent=number(lang, payment.prepayment.share * 100),
                    deadline=deadline,
                )
            rules.append(ExplainedRule(f"payment.{service.code}", text, payment.source))
        if self.minimum_top_up is not None:
            minimum = self.minimum_top_up
            key = "top_up.per_child" if minimum.per_child else "top_up.per_family"
            text = say(lang, key, amount=money(lang, minimum.amount))
            rules.append(ExplainedRule("top_up", text, minimum.source))
        if self.credit_treatment is not None:
            from cantine_rules.pricing._payment_terms import Refund  # see the imports above

            treatment = self.credit_treatment
            if isinstance(treatment, Refund):
                text = say(lang, "credit.refund", percent=number(lang, treatment.rate * 100))
            else:
                text = say(lang, "credit.carry_forward")
            rules.append(ExplainedRule("credit", text, treatment.source))
        return rules


def _explain_quotient(policy: QuotientPolicy, lang: str) -> list[ExplainedRule]:
    """The quotient familial rules: the attestation and deadline, the effect date, QF 0."""
    from cantine_rules.pricing._quotient import FromNextMonth  # see the imports above

    age = "" if policy.max_age_months is None else ".aged"
    if policy.registration_deadline is None:
        key = f"quotient.no_deadline{age}"
    else:
        key = "quotient" if age else "quotient.any_age"
    text = say(lang, key, months=policy.max_age_months, deadline=policy.registration_deadline)
    rules = [ExplainedRule("quotient", text, policy.source)]
    if isinstance(policy.takes_effect, FromNextMonth):
        rules.append(
            ExplainedRule("quotient.effect", say(lang, "quotient.effect.next_month"), policy.source)
        )
    if policy.zero_means_unknown:
        rules.append(ExplainedRule("quotient.zero", say(lang, "quotient.zero"), policy.source))
    reference = policy.reference_date
    if reference is not None:
        day = month_day(lang, reference.month, reference.day)
        text = say(lang, "quotient.reference", day=day)
        rules.append(ExplainedRule("quotient.reference", text, policy.source))
    return rules


def _describe_school_week(calendar: SchoolCalendar, lang: str) -> str:
    week = calendar.school_week
    if week == FOUR_DAYS:
        week_text = say(lang, "calendar.week.four_days")
    elif week == FOUR_AND_A_HALF_DAYS:
        week_text = say(lang, "calendar.week.four_and_a_half_days")
    else:
        days = ", ".join(weekday_in(day, lang) for day in sorted(week.weekdays))
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
        >>> print(describe_tariff(MEAL))
        3,60 € à l'unité
        >>> describe_tariff(MEAL, "en")
        '€3.60 per unit'
        >>> from cantine_rules.pricing._tariffs import Bracket, BracketGrid
        >>> src = Source.public("« inférieur à 700 € », « de 700 à 1000 € », « supérieur à … »")
        >>> one, two, three = Money.euros(1), Money.euros(2), Money.euros(3)
        >>> grid = BracketGrid((Bracket("A", 0, one, src, upper=700, upper_inclusive=False),
        ...                     Bracket("B", 700, two, src, upper=1000),
        ...                     Bracket("C", 1000, three, src, lower_inclusive=False)), "C")
        >>> print(describe_tariff(grid, "en").replace("; ", ";\n"))
        grid by quotient familial: A QF below 700: €1.00;
        B QF from 700 to 1000 included: €2.00;
        C QF above 1000: €3.00;
        without a valid QF: C
    """
    from cantine_rules.pricing._modifiers import ModifiedTariff  # see the imports above

    if isinstance(tariff, UnitPrice):
        return say(lang, "tariff.unit_price", amount=money(lang, tariff.amount))
    if isinstance(tariff, BracketGrid):
        brackets = say(lang, "tariff.bracket_separator").join(
            _describe_bracket(bracket, lang) for bracket in tariff.brackets
        )
        return say(lang, "tariff.grid", brackets=brackets, default=tariff.default_bracket)
    columns = _describe_columns(tariff, lang)
    if columns is not None:
        return columns
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


def _describe_bracket(bracket: Bracket, lang: str) -> str:
    """A bracket, its bounds and its price (« tarif 2 dès QF 235 : 0,85 € »)."""
    price = (
        say(lang, "tariff.unknown")
        if bracket.unit_price is None
        else money(lang, bracket.unit_price)
    )
    bounds = describe_bounds(bracket, lang)
    return say(lang, "tariff.bracket", name=bracket.name, bounds=bounds, price=price)


def describe_bounds(bracket: Bracket, lang: str = "fr") -> str:
    """The QFs of a bracket as a règlement writes them: by its threshold, or by both bounds.

    A bracket declared by its threshold alone reads « dès QF 235 »; one whose règlement writes
    its bounds reads them, each included or not (« QF de 651 à 950 inclus », « QF inférieur à
    700 »). A threshold no source gives reads « ? ».

    Raises:
        InvalidValueError: *lang* is not one the explanations speak (field ``lang``).

    Examples:
        >>> from cantine_rules.pricing._tariffs import Bracket
        >>> src = Source.example("« de 651 à 950 »")
        >>> describe_bounds(Bracket("T2", 651, Money.euros(2), src, upper=950))
        'QF de 651 à 950 inclus'
        >>> describe_bounds(Bracket("T3", 950, Money.euros(3), src, lower_inclusive=False), "en")
        'QF above 950'
        >>> describe_bounds(Bracket("tarif 2", 235, Money.euros("0.85"), src))
        'dès QF 235'
    """
    if bracket.lower is None or (bracket.upper is None and bracket.lower_inclusive):
        lower = (
            say(lang, "tariff.unknown") if bracket.lower is None else number(lang, bracket.lower)
        )
        return say(lang, "tariff.bound.threshold", lower=lower)
    lower, upper = number(lang, bracket.lower), bracket.upper
    if upper is None:  # « supérieur à 1000 € »
        bounds = say(lang, "tariff.bound.above", value=lower)
    elif bracket.lower_inclusive and bracket.lower != 0:  # « de 651 à 950 »
        high = "tariff.bound.to" if bracket.upper_inclusive else "tariff.bound.below"
        bounds = say(lang, "tariff.bound.then").join(
            (
                say(lang, "tariff.bound.from", value=lower),
                say(lang, high, value=number(lang, upper)),
            )
        )
    else:  # « ≤ 1000 € », « supérieur à 700 et inférieur à 1000 »
        high = "tariff.bound.up_to" if bracket.upper_inclusive else "tariff.bound.under"
        bounds = say(lang, high, value=number(lang, upper))
        if not bracket.lower_inclusive:
            above = say(lang, "tariff.bound.above", value=lower)
            bounds = say(lang, "tariff.bound.and").join((above, bounds))
    return say(lang, "tariff.bound.written", bounds=bounds)


def _describe_columns(tariff: Tariff, lang: str) -> str | None:
    """A tariff with columns in a few words, or None when *tariff* has none."""
    from cantine_rules.pricing._dimensions import (  # see the imports above
        ByChildrenCount,
        ByResidence,
        BySiblingRank,
    )

    if isinstance(tariff, ByChildrenCount | BySiblingRank):
        columns = say(lang, "tariff.column_separator").join(
            say(
                lang,
                "tariff.count_column",
                label=column.label,
                start=column.start,
                tariff=describe_tariff(column.tariff, lang),
            )
            for column in tariff.columns
        )
        key = "tariff.by_children_count"
        if isinstance(tariff, BySiblingRank):
            key = "tariff.by_sibling_rank"
        return say(lang, key, columns=columns)
    if isinstance(tariff, ByResidence):
        return say(
            lang,
            "tariff.by_residence",
            resident=describe_tariff(tariff.resident, lang),
            label=tariff.label,
            non_resident=describe_tariff(tariff.non_resident, lang),
        )
    return None


def _describe_modifier(modifier: Modifier, lang: str) -> str:
    from cantine_rules.pricing._modifiers import (  # see the imports above
        MedicalMealFactor,
        MedicalMealFlatPrice,
        NonResidentSupplement,
        SiblingReduction,
        SiteSupplement,
    )

    if isinstance(modifier, SiblingReduction):
        ranks = ", ".join(
            say(lang, "modifier.sibling_rank", rank=rank, factor=number(lang, factor))
            for rank, factor in modifier.factors
        )
        reduction = say(lang, "modifier.sibling_reduction", ranks=ranks)
        if modifier.floor is None:
            return reduction
        floor = money(lang, modifier.floor)
        return say(lang, "modifier.sibling_floor", reduction=reduction, floor=floor)
    if isinstance(modifier, SiteSupplement):
        sites = ", ".join(
            say(lang, "modifier.site", site=site, amount=money(lang, amount))
            for site, amount in modifier.amounts
        )
        return say(lang, "modifier.site_supplement", sites=sites)
    if isinstance(modifier, NonResidentSupplement):
        return say(lang, "modifier.non_resident", percent=number(lang, modifier.rate * 100))
    if isinstance(modifier, MedicalMealFactor):
        return say(lang, "modifier.medical_meal_factor", factor=number(lang, modifier.factor))
    if isinstance(modifier, MedicalMealFlatPrice):
        return say(lang, "modifier.medical_meal_flat_price", amount=money(lang, modifier.amount))
    # A modifier of the commune's own speaks one language: its label.
    return modifier.label


# Fees of attendance nobody booked -----------------------------------------------------------------


def _wall(moment: time) -> str:
    """A wall-clock time as the explanations write it: to the minute unless it has seconds."""
    return moment.isoformat("seconds" if moment.second else "minutes")


def _explain_attendance_fees(policy: CommunePolicy, lang: str) -> list[ExplainedRule]:
    """The rules of presences without booking and of late pick-ups, one per service."""
    rules: list[ExplainedRule] = []
    presence = policy.unbooked_presence
    for service in policy.services:
        rule = None if presence is None else presence.for_service(service.code)
        if rule is None:
            continue
        repeated = "".join(
            say(
                lang,
                "unbooked.repeated",
                occurrence=step.from_occurrence,
                period=say(lang, f"repetition.period.{rule.period}"),
                charge=step.charge.describe(lang),
            )
            for step in rule.repeated
        )
        counted = say(lang, f"unbooked.counted.{rule.counted_per}") if rule.repeated else ""
        topic = f"unbooked_presence.{service.code}"
        text = say(
            lang,
            "unbooked",
            label=service.label,
            charge=rule.charge.describe(lang),
            repeated=repeated,
            counted=counted,
        )
        rules.append(ExplainedRule(topic, text, policy.source_of(topic)))
    for code, pickup in policy.late_pickup:
        bands = say(lang, "late_pickup.band_separator").join(
            say(
                lang,
                f"late_pickup.band_open.{pickup.boundary}"
                if band.ends is None
                else "late_pickup.band",
                starts=_wall(band.starts),
                ends="" if band.ends is None else _wall(band.ends),
                fee=money(lang, band.fee),
                repeated="".join(
                    say(
                        lang,
                        "late_pickup.repeated",
                        fee=money(lang, step.fee),
                        occurrence=step.from_occurrence,
                        period=say(lang, f"repetition.period.{pickup.period}"),
                    )
                    for step in band.repeated
                ),
            )
            for band in pickup.bands
        )
        topic = f"late_pickup.{code}"
        text = say(
            lang,
            "late_pickup",
            label=policy.service(code).label,
            end=_wall(pickup.starts),
            bands=bands,
            per=say(lang, f"late_pickup.per.{pickup.per}"),
            boundary=say(lang, f"late_pickup.boundary.{pickup.boundary}"),
        )
        rules.append(ExplainedRule(topic, text, policy.source_of(topic)))
    return rules
