"""The laws every commune policy must obey, checked with hypothesis."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from datetime import date, timedelta
from decimal import Decimal

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cantine_rules.errors import InvalidTypeError, UnknownCodeError
from cantine_rules.model import Booking
from cantine_rules.money import Money
from cantine_rules.policies.commune import CommunePolicy
from cantine_rules.pricing.accounts import Ledger, PaymentMode, build_invoice
from cantine_rules.pricing.tariffs import BracketGrid, MissingFigureError, PricingContext
from cantine_rules.rules.deadlines import service_start
from cantine_rules.rules.decisions import Decision, DecisionStatus
from cantine_rules.testing._strategies import booking_changes, money, quotients

__all__ = ["LAWS", "PolicyLawError", "check_policy"]

_RANK = {DecisionStatus.ACCEPTED: 0, DecisionStatus.ACCEPTED_LATE: 1, DecisionStatus.REFUSED: 2}


class PolicyLawError(AssertionError):
    """A commune policy broke a law; the message names the law and hypothesis's minimal example."""

    def __init__(self, law: str, policy: str, cause: BaseException) -> None:
        self.law = law
        self.policy = policy
        self.__cause__ = cause
        super().__init__(f"{policy}: the law « {law} » does not hold: {cause}")


def _decide(policy: CommunePolicy, change: object) -> Decision | None:
    """The decision, or None where the policy cannot price the day (a figure no source gives)."""
    try:
        return policy.decide(change)  # type: ignore[arg-type]
    except MissingFigureError:
        return None


def _deadline_before_start(policy: CommunePolicy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(booking_changes(policy))
    def law(change: object) -> None:
        decision = _decide(policy, change)
        if decision is None or decision.deadline is None:
            return
        start = service_start(decision.service, decision.change.day)
        assert decision.deadline <= start, (decision.deadline, start)

    law()


def _earlier_never_worse(policy: CommunePolicy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(booking_changes(policy), st.integers(0, 30 * 86400))
    def law(change: object, earlier_by: int) -> None:
        later = _decide(policy, change)
        if later is None:
            return
        requested = later.change.requested_at - timedelta(seconds=earlier_by)
        # Before a window opens a change is refused as not open yet: the law holds once open.
        if later.opens_at is not None and requested < later.opens_at:
            return
        earlier = _decide(policy, attrs.evolve(later.change, requested_at=requested))
        if earlier is None:
            return
        assert _RANK[earlier.status] <= _RANK[later.status], (earlier, later)

    law()


def _charges_never_negative(policy: CommunePolicy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(booking_changes(policy))
    def law(change: object) -> None:
        decision = _decide(policy, change)
        if decision is not None and decision.charge is not None:
            assert not decision.charge.is_negative(), decision
            # A charge is an amount or a figure no source gives, never both.
            assert decision.missing_figure is None, decision

    law()


def _deterministic(policy: CommunePolicy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(booking_changes(policy))
    def law(change: object) -> None:
        first = _decide(policy, change)
        second = _decide(policy, change)
        assert first == second
        if first is not None:
            assert first.explain() == second.explain()  # type: ignore[union-attr]

    law()


def _prices_progressive(policy: CommunePolicy, examples: int) -> None:
    grids = [
        (schedule.service_code, version.effective_from)
        for schedule in policy.tariffs
        for version in schedule.versions
        if isinstance(version.tariff, BracketGrid) and version.tariff.progressive
    ]
    if not grids:
        return

    @settings(max_examples=examples, deadline=None, database=None)
    @given(st.sampled_from(grids), quotients(), quotients())
    def law(grid: tuple[str, date], first: Decimal, second: Decimal) -> None:
        code, day = grid
        low, high = sorted((first, second))
        try:
            low_price = policy.price(code, day, context=PricingContext(low)).unit_price
            high_price = policy.price(code, day, context=PricingContext(high)).unit_price
        except MissingFigureError:
            return
        assert low_price <= high_price, (low, low_price, high, high_price)

    law()


def _ledger_conserves(policy: CommunePolicy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(
        st.lists(
            st.tuples(
                st.booleans(), money(1, 200_00), st.dates(date(2024, 9, 1), date(2025, 8, 31))
            ),
            max_size=20,
        )
    )
    def law(movements: list[tuple[bool, Money, date]]) -> None:
        ledger = Ledger()
        credits = debits = Money.zero()
        mode = min(policy.payment_modes - {PaymentMode.TICKETS}, default=PaymentMode.CARD)
        for index, (is_credit, amount, day) in enumerate(movements):
            if is_credit:
                ledger = ledger.credit(day, amount, f"P{index}", mode=mode)
                credits += amount
            else:
                ledger = ledger.debit(day, amount, f"F{index}")
                debits += amount
        assert ledger.balance == credits - debits
        rows = ledger.rows()
        if rows:
            assert rows[-1].balance == ledger.balance

    law()


def _invoice_order_free(policy: CommunePolicy, examples: int) -> None:
    service = policy.services[0]
    kind = policy.booking.days_of(service.code)
    days = policy.calendar.service_days(kind, date(2024, 9, 1), date(2024, 10, 31))
    if not days:
        return
    pricer = policy.pricer()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        st.lists(st.tuples(st.sampled_from(["c1", "c2"]), st.sampled_from(days)), unique=True),
        st.randoms(use_true_random=False),
    )
    def law(picked: list[tuple[str, date]], shuffler: random.Random) -> None:
        bookings = [Booking(child, service.code, day) for child, day in picked]
        shuffled = list(bookings)
        shuffler.shuffle(shuffled)
        try:
            first = build_invoice(bookings, pricer, start=days[0], end=days[-1])
            second = build_invoice(shuffled, pricer, start=days[0], end=days[-1])
        except MissingFigureError:
            return
        assert first == second

    law()


def _round_trips(policy: CommunePolicy, examples: int) -> None:
    from cantine_rules import plain

    data = plain.to_data(policy)
    assert plain.from_data(data) == policy
    assert plain.to_data(plain.from_data(data)) == data


#: The laws, by name, in the order `check_policy` runs them.
LAWS: dict[str, Callable[[CommunePolicy, int], None]] = {
    "a deadline is never after the service starts": _deadline_before_start,
    "an earlier change is never treated worse": _earlier_never_worse,
    "charges are never negative": _charges_never_negative,
    "decisions are deterministic": _deterministic,
    "prices do not fall as the QF rises on a progressive grid": _prices_progressive,
    "a ledger conserves its balance": _ledger_conserves,
    "an invoice does not depend on booking order": _invoice_order_free,
    "the plain-data form round-trips": _round_trips,
}


def check_policy(
    policy: CommunePolicy, max_examples: int = 100, *, skip: Collection[str] = ()
) -> None:
    """Check every law on *policy*; raise `PolicyLawError` with a minimal counterexample.

    The laws: a deadline is never after the service starts; an earlier change is never treated
    worse (once changes are open); charges are never negative; decisions are deterministic;
    prices do not fall as the QF rises where the grid is meant to be progressive; a ledger
    conserves its balance; an invoice does not depend on booking order; the plain-data form
    round-trips.

    Args:
        policy: the commune policy to check.
        max_examples: how many examples hypothesis tries for each law.
        skip: names of laws (keys of `LAWS`) not to check — for instance the round trip, for a
            policy using a rule class of your own that has no plain-data form.

    Example:
        >>> from cantine_rules import policies
        >>> check_policy(policies.get("saint-just-d-avray"), max_examples=5)
    """
    if not isinstance(policy, CommunePolicy):
        raise InvalidTypeError("policy", policy, "must be a CommunePolicy")
    for name in skip:
        if name not in LAWS:
            raise UnknownCodeError("skip", name, LAWS)
    for name, law in LAWS.items():
        if name in skip:
            continue
        try:
            law(policy, max_examples)
        except AssertionError as failure:
            raise PolicyLawError(name, policy.slug, failure) from failure
