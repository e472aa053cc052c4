"""The family in a bill: its basket decided right, its households and their quotients familiaux.

**The basket.** A period's changes are decided in one canonical order: by instant, then day,
child and service; **at the same instant, an add comes before a cancellation** (a family cannot
cancel what it has not added yet, so the cancellation acts on the day the add booked), then the
channel and the justification. The order of the changes in a file never changes the bill. Walking
them in that order:

* an add of a day that is already booked is *already booked*: it is not decided, books nothing
  more and costs nothing (a late office add of a booked day is not a surcharged day);
* a cancellation of a day that is not booked (never booked, still pending, already cancelled or
  refused) is *reported*, never silently dropped, and costs nothing;
* an absence on a day that is not booked at billing time (never booked, still pending,
  cancelled or refused) is reported too, and changes nothing.

A late cancellation that the commune still bills stays billed even when a justified absence is
recorded for the day: seed 002 says « Une annulation vous sera facturé le prix du service », with
no exception, and what ``decide --justified`` answers for it (the day stays billed) is what
``bill`` bills. Where a commune waives a late charge for a medical certificate, its late handling
says so (a ``MedicalWaiver``), and the certificate comes with the change, for ``decide`` and
``bill`` alike. An absence on a booked day is judged as always (seed 000: « bien justifier les
absences en cas de maladie par un certificat médical »: a justified absence is not charged).

Changes set aside this way are decided no more: they count for no monthly allowance, no
once-per-family penalty and no sick day.

**Households.** A family may list households; a child in alternating custody is billed to the
household whose week it is (seed 004: « préciser vos semaines de garde »; a Paris Caisse des
écoles: « un accord … sur le choix de la semaine paire ou impaire de facturation »), every other
child to the first household. Each household is priced with its own quotient familial records,
read by the commune's [`QuotientPolicy`][cantine_rules.pricing._quotient.QuotientPolicy] (seed
004: « le tarif maximal (tarif 10) sera appliqué … jusqu'à la régularisation », nothing
retroactive; the 1st of the next month where a commune says so; a QF of 0 read as unknown where
the commune's data comes from the CAF's API Particulier). The invoice's lines are never split:
each goes to one household, so the households' invoices add up to the family's, to the cent.

**Unknown prices.** A day whose price no source gives (Paris, tarif 7 to 9) is not billed at a
guessed figure: it is left off the invoice and reported with its reason, as an outcome of the
bill, not as bad input.

Examples:
    >>> canonical_key(ChangeAction.ADD) < canonical_key(ChangeAction.CANCEL)
    True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import StrEnum

import attrs

from cantine_rules.model import Booking, BookingChange, ChangeAction, RequestState
from cantine_rules.plain import Scenario
from cantine_rules.plain._scenario_family import SINGLE_HOME
from cantine_rules.policies import CommunePolicy, Decision
from cantine_rules.pricing._custody import CustodyRule, bill_by_household
from cantine_rules.pricing._priced_unit import PricedUnit
from cantine_rules.pricing._quotient import QuotientPolicy, QuotientRecord
from cantine_rules.pricing.accounts import Invoice, LineKey, UnitPricer
from cantine_rules.pricing.tariffs import MissingFigure, MissingFigureError, PricingContext
from cantine_rules.rules.booking import submit
from cantine_rules.sources import Source

__all__ = [
    "HouseholdBill",
    "ReportKind",
    "Reported",
    "canonical_key",
]


class ReportKind(StrEnum):
    """What a bill reports without billing it. Values never change once released."""

    ALREADY_BOOKED = "already_booked"
    """An add of a day already booked: nothing more is booked, nothing is charged."""
    CANCEL_NOT_BOOKED = "cancel_not_booked"
    """A cancellation of a day not booked: nothing to cancel, nothing is charged."""
    ABSENCE_NOT_BOOKED = "absence_not_booked"
    """An absence on a day not booked at billing time (or whose cancellation was accepted)."""
    UNKNOWN_PRICE = "unknown_price"
    """A day to bill, or a late charge, whose price no source gives: left off the invoice."""


@attrs.frozen
class Reported:
    """Something of the scenario the bill reports instead of billing.

    Attributes:
        kind: what it is.
        path: where it is in the scenario (``changes[2]``, ``absences[0]``), or ``bookings``
            for a booked day whose price is unknown.
        child: the child's id.
        service: the service's code.
        day: the day.
        missing: the figure no source gives, for an unknown price; else None.

    Examples:
        >>> Reported(ReportKind.ALREADY_BOOKED, "changes[0]", "ines", "repas",
        ...          date(2024, 10, 3)).kind.value
        'already_booked'
    """

    kind: ReportKind
    path: str
    child: str
    service: str
    day: date
    missing: MissingFigure | None = None

    @property
    def detail(self) -> str | None:
        """Why the price is unknown, in the library's words (English); else None."""
        return None if self.missing is None else self.missing.describe()


@attrs.frozen
class HouseholdBill:
    """What one household of the family pays for the period.

    Attributes:
        household: the household's id.
        invoice: its invoice: the lines of its own days.
        reference: its invoice's reference (the family's number, the household, the month).

    Examples:
        >>> from cantine_rules.pricing.accounts import Invoice
        >>> empty = Invoice.from_lines(date(2024, 10, 1), date(2024, 10, 31), ())
        >>> HouseholdBill("mere", empty, "F-1-mere-202410").invoice.total
        Money.euros('0.00')
    """

    household: str
    invoice: Invoice
    reference: str


def canonical_key(action: ChangeAction) -> int:
    """The rank of *action* among changes of the same instant, day, child and service.

    An add comes first: a cancellation at the same instant acts on the day the add booked.
    """
    return 0 if action is ChangeAction.ADD else 1


def _order(change: BookingChange) -> tuple[object, ...]:
    justification = "" if change.justification is None else change.justification.value
    return (
        change.requested_at,
        change.day,
        change.child_id,
        change.service_code,
        canonical_key(change.action),
        change.channel.value,
        justification,
    )


Decide = Callable[[Sequence[BookingChange]], tuple[Decision, ...]]
"""Decides changes as one basket, in the order given."""


def settle_basket(
    changes: Sequence[BookingChange],
    booked: dict[LineKey, Booking],
    decide: Decide,
    *,
    auto_validate: bool,
) -> tuple[tuple[Decision, ...], tuple[int, ...], tuple[Reported, ...]]:
    """Decide *changes* in the canonical order and apply them to *booked* (changed in place).

    Returns the decisions of the changes that were decided, the index of each one's change in
    *changes*, and what was set aside.
    """
    order = sorted(range(len(changes)), key=lambda index: _order(changes[index]))
    kept = order
    reported: list[Reported] = []
    while True:
        decisions = decide([changes[index] for index in kept])
        state = dict(booked)
        still: list[int] = []
        applied: list[tuple[LineKey, Booking]] = []
        for index, decision in zip(kept, decisions, strict=True):
            change = changes[index]
            key = (change.child_id, change.service_code, change.day)
            current = state.get(key)
            kind = _set_aside(change.action, current)
            if kind is not None:
                reported.append(
                    Reported(
                        kind, f"changes[{index}]", change.child_id, change.service_code, change.day
                    )
                )
                continue
            still.append(index)
            request = submit(decision, current, auto_validate=auto_validate)
            if request is not None:
                state[key] = request
                applied.append((key, request))
        if len(still) == len(kept):
            booked.update(applied)
            return decisions, tuple(kept), tuple(sorted(reported, key=report_order))
        # Set-aside changes are decided no more; deciding the others again lets allowances,
        # penalties and sick days count without them. Acceptance never depends on them, so the
        # same changes are set aside on the next pass and the loop ends.
        kept = still


def _set_aside(action: ChangeAction, current: Booking | None) -> ReportKind | None:
    if action is ChangeAction.ADD:
        if current is not None and current.state.books_the_day:
            return ReportKind.ALREADY_BOOKED
        return None
    if current is None or not current.state.can_become(RequestState.CANCELLATION_REQUESTED):
        return ReportKind.CANCEL_NOT_BOOKED
    return None


def report_order(report: Reported) -> tuple[object, ...]:
    return (report.day, report.child, report.service, report.kind.value, report.path)


def absence_on_booked_day(current: Booking | None) -> bool:
    """True when an absence can be judged on the day: the day is booked at billing time."""
    return current is not None and current.state.books_the_day


# Households and their quotients -----------------------------------------------------------------

#: A commune whose policy says nothing of QF records: a record counts from the day received.
_FROM_RECEPTION = QuotientPolicy(
    None,
    None,
    Source.default("a quotient familial record counts from the day the commune received it"),
)


def households_of(scenario: Scenario) -> tuple[str, ...]:
    """The households billed: those the scenario lists, else the family as one home."""
    return scenario.households or (SINGLE_HOME,)


def family_pricer(policy: CommunePolicy, scenario: Scenario) -> UnitPricer:
    """The pricer of the family: each child's day at the quotient of the household that has it.

    Without QF records (and with one home), the family's single quotient familial prices every
    day, as before.
    """
    if not scenario.quotient_records:
        # One quotient familial prices every day, whichever household has the child that week.
        return policy.pricer(
            {child.id: PricingContext(scenario.quotient_familial) for child in scenario.children}
        )
    # A commune with QF records but no rule of its own reads them from the day received.
    if policy.quotient_policy is None:
        policy = attrs.evolve(policy, quotient_policy=_FROM_RECEPTION)
    pricers: dict[str, UnitPricer] = {}
    for home in households_of(scenario):
        records: tuple[QuotientRecord, ...] = tuple(
            spec.record for spec in scenario.quotient_records if spec.household in (home, None)
        )
        # A household with no record pays the tariff's default until it gives one.
        pricers[home] = policy.pricer(
            quotient_records={child.id: records for child in scenario.children}
        )
    return _by_household(scenario, pricers)


def _by_household(scenario: Scenario, pricers: Mapping[str, UnitPricer]) -> UnitPricer:
    custody = custody_rules(scenario)
    default = households_of(scenario)[0]

    def price(child_id: str, code: str, day: date) -> PricedUnit:
        rule = custody.get(child_id)
        home = default if rule is None else rule.household_for(day)
        unit = pricers[home](child_id, code, day)
        # A household's price holds for its own day: the next week may be the other home's.
        return attrs.evolve(unit, valid_from=day, valid_until=day)

    return price


def custody_rules(scenario: Scenario) -> dict[str, CustodyRule]:
    """Each child in alternating custody, with its rule."""
    return {spec.child: spec.rule for spec in scenario.custody}


def household_bills(scenario: Scenario, invoice: Invoice) -> tuple[HouseholdBill, ...]:
    """The family's invoice split by household, each line to the household of its day.

    Empty for a family billed as one home (it lists no households).
    """
    if not scenario.households:
        return ()
    split = bill_by_household(
        invoice, custody_rules(scenario), default_household=scenario.households[0]
    )
    empty = Invoice.from_lines(invoice.start, invoice.end, ())
    return tuple(
        HouseholdBill(
            home,
            split.get(home, empty),
            f"{scenario.family_id}-{home}-{scenario.start:%Y%m}",
        )
        for home in scenario.households
    )


# Unknown prices ---------------------------------------------------------------------------------


def unknown_prices(
    booked: Mapping[LineKey, Booking], pricer: UnitPricer, start: date, end: date
) -> tuple[Reported, ...]:
    """The booked days of *start*..*end* whose price no source gives, each with its reason."""
    reported: list[Reported] = []
    # A price holds for a span of days (a tariff version): asked once per span, as the invoice
    # asks it, so that checking costs no more than billing.
    known: dict[tuple[str, str], PricedUnit] = {}
    for key in sorted(booked):
        child, service, day = key
        if not (start <= day <= end and booked[key].state.books_the_day):
            continue
        unit = known.get((child, service))
        if unit is not None and unit.is_versioned and unit.holds_on(day):
            continue
        try:
            known[(child, service)] = pricer(child, service, day)
        except MissingFigureError as error:
            reported.append(
                Reported(
                    ReportKind.UNKNOWN_PRICE,
                    "bookings",
                    child,
                    service,
                    day,
                    error.missing_figure(),
                )
            )
    return tuple(reported)


def unknown_charges(decisions: Sequence[Decision], indices: Sequence[int]) -> tuple[Reported, ...]:
    """The late decisions whose charge rests on a figure no source gives.

    *indices* gives the index of each decision's change in the scenario.
    """
    reported = []
    for index, decision in zip(indices, decisions, strict=True):
        missing = decision.missing_figure
        if missing is None:
            continue
        change = decision.change
        reported.append(
            Reported(
                ReportKind.UNKNOWN_PRICE,
                f"changes[{index}]",
                change.child_id,
                change.service_code,
                change.day,
                missing,
            )
        )
    return tuple(reported)
