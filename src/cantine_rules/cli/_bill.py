"""Running a billing scenario: decisions, bookings, invoice and account statement."""

from __future__ import annotations

import attrs

from cantine_rules.cli._scenario import Scenario
from cantine_rules.errors import InvalidValueError, PolicyError, Problem
from cantine_rules.model import Booking, BookingChange, ChangeAction, RequestState
from cantine_rules.policies import CommunePolicy, Decision, decided_charges, get
from cantine_rules.pricing.accounts import (
    Attendance,
    EntryType,
    Invoice,
    Ledger,
    LineKey,
    PaymentMode,
    Statement,
    build_invoice,
)
from cantine_rules.pricing.tariffs import PricingContext

__all__ = ["BillResult", "run_scenario"]


@attrs.frozen
class BillResult:
    """What a scenario bills: the decisions on its changes, the invoice and the statement."""

    policy: CommunePolicy
    scenario: Scenario
    decisions: tuple[Decision, ...]
    invoice: Invoice
    invoice_reference: str
    statement: Statement


def run_scenario(scenario: Scenario) -> BillResult:
    """Decide the scenario's changes, invoice its period and draw up the account statement.

    Raises:
        UnknownCommuneError: the scenario names an unknown commune.
        PolicyError: a booking, absence or change names a service the commune does not have,
            or a day it does not run.
    """
    policy = get(scenario.commune)
    problems: list[Problem] = []
    known = {service.code for service in policy.services}
    booked: dict[LineKey, Booking] = {}
    for index, spec in enumerate(scenario.bookings):
        path = f"bookings[{index}]"
        if spec.service not in known:
            problems.append(
                Problem(
                    f"{path}.service",
                    f"unknown {spec.service!r}; known: {', '.join(sorted(known))}",
                )
            )
            continue
        kind = policy.booking.days_of(spec.service)
        if spec.weekdays is not None:
            expansion = policy.calendar.expand(kind, scenario.start, scenario.end, spec.weekdays)
            days = expansion.days
        else:
            days = ()
        for day in spec.days:
            if not policy.calendar.runs(kind, day):
                reason = policy.booking.no_service_reason(spec.service, day)
                problems.append(
                    Problem(f"{path}.days", f"{spec.service} does not run on {day} ({reason})")
                )
        for day in (*days, *spec.days):
            booked[(spec.child, spec.service, day)] = Booking(spec.child, spec.service, day)
    attendance: dict[LineKey, Attendance] = {}
    for index, absence in enumerate(scenario.absences):
        if absence.service not in known:
            problems.append(Problem(f"absences[{index}].service", f"unknown {absence.service!r}"))
            continue
        attendance[(absence.child, absence.service, absence.day)] = Attendance.absent(
            absence.justification
        )
    for index, change_spec in enumerate(scenario.changes):
        if change_spec.service not in known:
            problems.append(
                Problem(f"changes[{index}].service", f"unknown {change_spec.service!r}")
            )
    if problems:
        raise PolicyError(problems, "scenario")

    context = PricingContext(scenario.quotient_familial)
    contexts = {child.id: context for child in scenario.children}
    decisions = []
    for wanted in sorted(scenario.changes, key=lambda spec: (spec.at, spec.day, spec.child)):
        change = BookingChange(
            wanted.action,
            wanted.child,
            wanted.service,
            wanted.day,
            wanted.at,
            wanted.channel,
            wanted.justification,
        )
        decision = policy.decide(change, context=context)
        decisions.append(decision)
        key = (wanted.child, wanted.service, wanted.day)
        if not decision.accepted:
            continue
        if wanted.action is ChangeAction.ADD:
            booked[key] = Booking(wanted.child, wanted.service, wanted.day)
        elif key in booked:
            booked[key] = (
                booked[key]
                .transition(RequestState.CANCELLATION_REQUESTED)
                .transition(RequestState.CANCELLED)
            )

    invoice = build_invoice(
        booked.values(),
        policy.pricer(contexts),
        start=scenario.start,
        end=scenario.end,
        attendance=attendance,
        decided_charges=decided_charges(decisions),
    )
    reference = f"{scenario.family_id}-{scenario.start:%Y%m}"
    ledger = Ledger()
    if not scenario.opening_balance.is_zero():
        opening_day = scenario.start
        if scenario.opening_balance.is_negative():
            ledger = ledger.debit(
                opening_day, -scenario.opening_balance, "REPORT", entry_type=EntryType.ADJUSTMENT
            )
        else:
            ledger = ledger.credit(
                opening_day, scenario.opening_balance, "REPORT", entry_type=EntryType.ADJUSTMENT
            )
    if not invoice.total.is_zero():
        ledger = ledger.debit(scenario.end, invoice.total, reference, invoice=reference)
    as_of = scenario.end
    for index, payment in enumerate(scenario.payments):
        mode = PaymentMode.parse(payment.mode, field=f"payments[{index}].mode")
        if mode.counts_tickets:
            raise InvalidValueError(
                f"payments[{index}].mode", payment.mode, "tickets do not pay an invoice in euros"
            )
        ledger = ledger.credit(payment.day, payment.amount, payment.reference, mode=mode)
        as_of = max(as_of, payment.day)
    statement = ledger.statement(as_of, last=None)
    return BillResult(policy, scenario, tuple(decisions), invoice, reference, statement)
