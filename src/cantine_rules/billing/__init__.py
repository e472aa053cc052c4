"""Billing a family's period: its changes decided as one basket, the invoice and the statement.

[`bill`][] is what a parents' portal or the command's `bill` runs at the end of a period, on a
[`Scenario`][cantine_rules.plain.Scenario] (read from a file, or built in Python):

1. The bookings of the scenario are validated bookings at the start of the period; a booking by
   weekday books every such day of the period the service runs.
2. The changes are decided as **one basket**, with
   [`BookingRules.decide_many`][cantine_rules.rules.booking.BookingRules.decide_many]: late
   charges that depend on what came before — a monthly free allowance, a penalty charged once
   per family, the days of a sick absence — are counted over the whole period, in one stated
   order (by instant, then day, child, service; at the same instant an add before a cancel), so
   the bill does not depend on the order of the changes. An add of a day already booked and a
   cancellation of a day not booked are set aside and reported, never charged (see
   `billing/_family.py`). A late charge based on the price uses the commune's tariff for the
   family. The family is taken as one account in good standing (validated, its dossier too,
   each child registered for every service): a bill does not re-check who may book.
3. Each decision becomes a booking request through
   [`submit`][cantine_rules.rules.booking.submit], with the commune's `auto_validate`. A commune
   that validates at once turns an accepted add into a validated booking and an accepted
   cancellation into a cancelled one. A commune that validates by hand leaves them **as they
   stand at billing time**, billed as
   [`build_invoice`][cantine_rules.pricing.accounts.build_invoice] bills any booking: an add
   still *pending* is not billed (the day is not booked until the commune validates it), a
   cancellation still *requested* is billed (the day stays booked until the commune grants it).
4. What the period charges: booked days at the tariff, absences justified by a medical
   certificate at 0,00 €, and what late decisions charged (a surcharged add, a cancellation still
   billed) whatever the day's booking. An absence on a day not booked is reported. Each child's
   day is priced at the quotient familial of the household that has the child that week, read
   from the records with the day each was received; a day whose price no source gives is
   reported, not billed at a guessed figure.
5. Each charged line goes to its service's payment scheme (see `billing._schemes`): the
   **invoice** of the services billed after the month (a family that lists households gets one
   invoice per household besides, adding up to the family's); the **basket** of the services paid
   at booking (« A payer », the restant dû; its days count only once it is paid, in euros or in
   paper tickets); the **prepaid wallet**, debited on each service's day, with a ``low_balance``
   event when the balance comes down to the commune's threshold and a ``negative`` one when it
   goes below zero.
6. The account: the balance carried over, the invoice (when not 0,00 €) on the last day of the
   period, the payments, the services taken from the wallet and the basket paid; the statement is
   drawn up on the last day of the period or of the last payment, whichever is later.

Examples:
    >>> from cantine_rules.plain import load_scenario
    >>> result = bill(load_scenario("examples/scenarios/lutins-gourmands.toml"))
    >>> result.basket.to_pay, result.basket.outstanding, result.statement.balance
    (Money.euros('14.40'), Money.euros('0.00'), Money.euros('0.00'))
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from cantine_rules.billing import _family
from cantine_rules.billing._attendance import (
    charge_attendance,
    regime_bookings,
    regime_pricer,
)
from cantine_rules.billing._family import HouseholdBill, Reported, ReportKind
from cantine_rules.billing._schemes import (
    BasketSettlement,
    WalletEvent,
    WalletEventKind,
    WalletHistory,
    settle,
)
from cantine_rules.errors import (
    InvalidTypeError,
    InvalidValueError,
    OutOfRangeError,
    PolicyError,
    Problem,
)
from cantine_rules.model import Booking, BookingChange, Service
from cantine_rules.money import Money
from cantine_rules.plain import Scenario, load_toml
from cantine_rules.policies import CommunePolicy, Decision, get
from cantine_rules.pricing.accounts import (
    Attendance,
    Invoice,
    LineKey,
    Statement,
    UnitPricer,
    build_invoice,
)
from cantine_rules.pricing.tariffs import (
    MissingFigure,
    MissingFigureError,
    Price,
    PricingContext,
)
from cantine_rules.rules.booking import FamilyAccount, decided_charges
from cantine_rules.sources import Source

__all__ = [
    "BasketSettlement",
    "BillResult",
    "HouseholdBill",
    "Quote",
    "ReportKind",
    "Reported",
    "WalletEvent",
    "WalletEventKind",
    "WalletHistory",
    "bill",
    "quote",
]


@attrs.frozen
class BillResult:
    """What a period bills: the decisions on its changes, the bookings, invoice and statement.

    Attributes:
        policy: the commune's policy.
        scenario: the period billed.
        decisions: one decision per change, in the order they were decided (by instant, then
            day, child, service).
        bookings: every booking request at billing time, in its state, by child, service and day.
        invoice: the invoice of the period: the services billed after the month.
        invoice_reference: the invoice's reference (the family's number and the month the period
            starts in: ``F-0042-202409``).
        statement: the account statement, with every movement.
        households: each household's own invoice, when the family lists households (alternating
            custody): each line goes to the household of its day, so they add up to *invoice*.
        reported: what the bill reports instead of billing: an add of a day already booked, a
            cancellation or an absence on a day not booked, a day whose price no source gives.
        basket: the basket of the services paid at booking (« A payer », restant dû); None
            when the commune has none.
        wallet: the prepaid wallet through the period, with its events; None when no service
            of the commune is prepaid.
    """

    policy: CommunePolicy
    scenario: Scenario
    decisions: tuple[Decision, ...]
    bookings: tuple[Booking, ...]
    invoice: Invoice
    invoice_reference: str
    statement: Statement
    households: tuple[_family.HouseholdBill, ...] = ()
    reported: tuple[_family.Reported, ...] = ()
    basket: BasketSettlement | None = None
    wallet: WalletHistory | None = None


def bill(scenario: Scenario, *, policy: CommunePolicy | None = None) -> BillResult:
    """Decide a period's changes as one basket, invoice the period and draw up the statement.

    Args:
        scenario: the family's period.
        policy: the commune's policy; by default the reference commune the scenario names, or
            the policy file at the path it names (``examples/communes/saussay.toml``, read
            from the working directory). Its slug or one of its aliases must be the
            scenario's commune, unless the scenario names a policy file: *policy* is then the
            one the caller read from it.

    Raises:
        UnknownCommuneError: no *policy* is given and the scenario names an unknown commune.
        InvalidValueError: *policy* is not the scenario's commune.
        PolicyError: a booking, absence or change names a service the commune does not have, or
            a booking lists a day the service does not run (every problem, with its path).
        NoTariffInForceError: a day to bill, or a late charge based on the price, has no tariff.
    """
    if not isinstance(scenario, Scenario):
        raise InvalidTypeError("scenario", scenario, "must be a Scenario")
    policy = _policy_for(scenario, policy)
    booked = _booked_at_start(policy, scenario)
    # Standing bookings of fixed-days regimes, and their prices (see _attendance).
    booked.update(regime_bookings(policy, scenario))
    # The family: its basket decided in one canonical order, its households and their QF
    # (billing/_family.py says how).
    pricer = regime_pricer(policy, scenario, _family.family_pricer(policy, scenario))
    decisions, decided, set_aside = _family.settle_basket(
        scenario.changes,
        booked,
        lambda changes: _decide(policy, scenario, pricer, changes),
        auto_validate=policy.booking.auto_validate,
    )
    reported = list(set_aside)
    attendance = {}
    for index, absence in enumerate(scenario.absences):
        key = (absence.child, absence.service, absence.day)
        if _family.absence_on_booked_day(booked.get(key)):
            attendance[key] = Attendance.absent(absence.justification)
        else:
            reported.append(
                _family.Reported(_family.ReportKind.ABSENCE_NOT_BOOKED, f"absences[{index}]", *key)
            )
    # What happened on the day replaces what the day was charged before (see _attendance).
    late = decided_charges(decisions)
    on_the_day = charge_attendance(policy, scenario, booked, pricer, late)
    attendance |= dict(on_the_day.attendance)
    # The days billed one by one (a monthly fee covers the others) are those priced here.
    by_day = {
        (booking.child_id, booking.service_code, booking.day): booking
        for booking in on_the_day.uncovered(booked)
    }
    unknown = _family.unknown_prices(by_day, pricer, scenario.start, scenario.end)
    unpriced = {(item.child, item.service, item.day) for item in unknown}
    invoice = on_the_day.complete(
        build_invoice(
            (booking for key, booking in by_day.items() if key not in unpriced),
            pricer,
            start=scenario.start,
            end=scenario.end,
            attendance={k: v for k, v in attendance.items() if k not in unpriced},
            decided_charges=late | dict(on_the_day.decided),
        )
    )
    reported += (*unknown, *_family.unknown_charges(decisions, decided))
    reference = f"{scenario.family_id}-{scenario.start:%Y%m}"
    # Each line to its service's payment scheme; the days of an unpaid basket are not booked.
    settled = settle(policy, scenario, invoice, reference)
    bookings = tuple(booked[key] for key in sorted(booked) if key not in settled.unpaid)
    return BillResult(
        policy,
        scenario,
        decisions,
        bookings,
        settled.invoice,
        reference,
        settled.statement,
        households=_family.household_bills(scenario, settled.invoice),
        reported=tuple(sorted(reported, key=_family.report_order)),
        basket=settled.basket,
        wallet=settled.wallet,
    )


def _policy_for(scenario: Scenario, policy: CommunePolicy | None) -> CommunePolicy:
    if policy is None:
        if scenario.commune.lower().endswith(".toml"):
            # A policy file's path, as the command takes one wherever it takes a commune.
            try:
                return load_toml(scenario.commune)
            except OSError as error:
                raise InvalidValueError(
                    "commune", scenario.commune, f"cannot be read ({error.strerror})"
                ) from None
        return get(scenario.commune)
    if not isinstance(policy, CommunePolicy):
        raise InvalidTypeError("policy", policy, "must be a CommunePolicy")
    # A scenario that names a policy file is billed with the policy the caller read from it.
    named = scenario.commune.lower().endswith(".toml")
    if not named and scenario.commune != policy.slug and scenario.commune not in policy.aliases:
        raise InvalidValueError(
            "policy", policy.slug, f"is not the scenario's commune {scenario.commune!r}"
        )
    return policy


def _booked_at_start(policy: CommunePolicy, scenario: Scenario) -> dict[LineKey, Booking]:
    """The scenario's bookings, each day once; every unknown service and day it does not run."""
    problems: list[Problem] = []
    known = {service.code for service in policy.services}
    listed = ", ".join(sorted(known))

    def unknown(path: str, code: str) -> bool:
        if code in known:
            return False
        problems.append(Problem(f"{path}.service", f"unknown {code!r}; known: {listed}"))
        return True

    def outside(path: str, day: date) -> bool:
        # A day the calendar cannot answer for is the scenario's problem, named by its path.
        try:
            # Asking the day's break says, when it cannot, which days the calendar knows.
            policy.calendar.school_holiday(day)
            return False
        except OutOfRangeError as error:
            reason = error.reason
        problems.append(Problem(path, f"{reason} (got {day.isoformat()})"))
        return True

    period_outside = outside("start", scenario.start) | outside("end", scenario.end)
    booked: dict[LineKey, Booking] = {}
    for index, spec in enumerate(scenario.bookings):
        path = f"bookings[{index}]"
        if unknown(path, spec.service):
            continue
        if period_outside or any(
            outside(f"{path}.days[{position}]", day) for position, day in enumerate(spec.days)
        ):
            continue
        kind = policy.booking.days_of(spec.service)
        days: Sequence[date] = ()
        if spec.weekdays is not None:
            days = policy.calendar.expand(kind, scenario.start, scenario.end, spec.weekdays).days
        for day in spec.days:
            if not policy.calendar.runs(kind, day):
                # A closure or a holiday has a name; a weekday the service skips has none.
                reason = policy.booking.no_service_reason(spec.service, day)
                why = f" ({reason})" if reason else ""
                problems.append(
                    Problem(f"{path}.days", f"{spec.service} does not run on {day}{why}")
                )
        for day in (*days, *spec.days):
            booked[(spec.child, spec.service, day)] = Booking(spec.child, spec.service, day)
    for index, absence in enumerate(scenario.absences):
        unknown(f"absences[{index}]", absence.service)
        outside(f"absences[{index}].day", absence.day)
    for index, change in enumerate(scenario.changes):
        unknown(f"changes[{index}]", change.service_code)
        outside(f"changes[{index}].day", change.day)
    if problems:
        raise PolicyError(problems, "scenario")
    return booked


def _decide(
    policy: CommunePolicy,
    scenario: Scenario,
    pricer: UnitPricer,
    changes: Sequence[BookingChange],
) -> tuple[Decision, ...]:
    family = scenario.family
    account = FamilyAccount(
        family,
        account_validated=True,
        dossier_validated=True,
        registrations={
            (child.id, service.code) for child in family.children for service in policy.services
        },
    )
    accounts = {child.id: account for child in family.children}

    def price_of(child_id: str, service: Service, day: date) -> Money:
        # Asked only when a charge is based on the price, so a day the tariff does not cover
        # fails only then, with the tariff's own error.
        return pricer(child_id, service.code, day).unit_price

    return policy.booking.decide_many(changes, accounts=accounts, price_of=price_of)


# One unit's price --------------------------------------------------------------------------------


@attrs.frozen
class Quote:
    """The unit price of a service for a family on a day, and the source the figure stands on.

    A price no source gives is an answer too, not an error in the question: ``price`` is then
    None and ``missing`` names the figure no source gives (Paris gives no price for tarif 7 to 9).

    Attributes:
        price: the price, with its bracket and modifiers; None when no source gives it.
        source: the source of the figure for that day: the price's own, unless the tariff
            version in force gives none, in which case the figure is a default of that version.
            For an unknown price, the source of the tariff version that lacks the figure.
        missing: the figure no source gives, when the price is unknown; else None.
    """

    price: Price | None
    source: Source
    missing: MissingFigure | None = None

    @property
    def unknown(self) -> str | None:
        """Why the price is unknown, in the library's words (English); None for a known price."""
        return None if self.missing is None else self.missing.describe()

    @property
    def known(self) -> bool:
        """True when a figure answers (sourced or a default); False when no source gives it."""
        return self.price is not None

    @property
    def is_default(self) -> bool:
        """True when no seed nor public reference gives the figure for that day."""
        return not self.source.sourced


def quote(
    policy: CommunePolicy, service_code: str, day: date, *, context: PricingContext | None = None
) -> Quote:
    """What one unit of *service_code* costs the family on *day*, and where the figure comes from.

    When no source gives the price of the family's bracket (or the threshold that would place
    the family), the quote says so: its price is None and ``unknown`` gives the reason. The
    library never guesses the figure.

    Raises:
        UnknownServiceError: the commune has no such service, or does not price it.
        NoTariffInForceError: no tariff version is in force on *day*.

    Examples:
        >>> from cantine_rules import policies
        >>> paris = policies.get("paris")
        >>> quote(paris, "repas", date(2020, 10, 5), context=PricingContext("235")).is_default
        False
        >>> quote(paris, "repas", date(2024, 10, 1), context=PricingContext("235")).is_default
        True
        >>> print(quote(paris, "repas", date(2020, 10, 5), context=PricingContext("1901")).unknown)
        quotient_familial 1901: lies in 'tarif 7' or in a later bracket whose threshold no source gives
    """  # noqa: E501
    version = policy.tariff(service_code).at(day)
    try:
        price = policy.price(service_code, day, context=context)
    except MissingFigureError as error:
        return Quote(None, version.source, error.missing_figure())
    # A sourced figure carried into a version no source gives is still a default.
    return Quote(price, price.source if version.source.sourced else version.source)
