"""The laws every commune policy must obey, checked with hypothesis."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cantine_rules._pickling import error_reduce
from cantine_rules._time import at_paris
from cantine_rules.errors import CantineRulesError, InvalidTypeError, UnknownCodeError
from cantine_rules.model import Booking, BookingChange, ChangeAction, Service
from cantine_rules.money import Money
from cantine_rules.policies.commune import CommunePolicy
from cantine_rules.pricing.accounts import (
    Ledger,
    PaymentMode,
    PaymentScheme,
    TopUpRefusal,
    build_invoice,
)
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    MissingFigureError,
    NoTariffInForceError,
    PricingContext,
    QuotientRecord,
    Tariff,
)
from cantine_rules.rules.absences import AbsenceDocument, AbsentDay, HeldDocument
from cantine_rules.rules.deadlines import service_start
from cantine_rules.rules.decisions import Decision, DecisionStatus
from cantine_rules.rules.late import MissingPriceError
from cantine_rules.testing._regime_laws import REGIME_LAWS
from cantine_rules.testing._strategies import (
    booking_changes,
    money,
    pricing_contexts,
    quotient_records,
    quotients,
)

__all__ = ["LAWS", "PolicyLawError", "check_policy"]

#: What pricing raises where the policy cannot price a day: a figure no source gives, or a day
#: outside every tariff version (a règlement's grid for one school year only).
_UNPRICED = (MissingFigureError, NoTariffInForceError)

# The days the laws ask about: those `booking_changes` draws from by default.
_SCHOOL_YEAR = (date(2024, 9, 2), date(2025, 7, 4))

_RANK = {DecisionStatus.ACCEPTED: 0, DecisionStatus.ACCEPTED_LATE: 1, DecisionStatus.REFUSED: 2}


class PolicyLawError(AssertionError):
    """A commune policy broke a law; the message names the law and hypothesis's minimal example."""

    def __init__(self, law: str, policy: str, cause: BaseException) -> None:
        self.law = law
        self.policy = policy
        self.__cause__ = cause
        super().__init__(f"{policy}: the law « {law} » does not hold: {cause}")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickle would call the class with the message alone, which its __init__ does not take.
        return error_reduce(self)


def _decide(policy: CommunePolicy, change: object) -> Decision | None:
    """The decision, or None where the policy cannot price the day (see `_UNPRICED`)."""
    try:
        return policy.decide(change)  # type: ignore[arg-type]
    except _UNPRICED:
        return None


def _every_service_day_has_a_window(policy: CommunePolicy, _examples: int) -> None:
    # Every day, not a sample: a weekday table that lacks one weekday fails on that weekday only.
    booking = policy.booking
    for service in booking.services:
        for day in _service_days(policy, service.code):
            for action in ChangeAction:
                try:
                    booking.window(action, service.code, day)
                except CantineRulesError as error:
                    raise AssertionError(
                        f"{action.value} {service.code} on {day}: {error}"
                    ) from error


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


def _grids_of(tariff: Tariff) -> list[BracketGrid]:
    """The bracket grids inside *tariff*: itself, under modifiers, in its columns."""
    from cantine_rules.plain._grids import grids_in  # the plain form's walk, with no paths

    return [grid for _path, grid in grids_in(tariff, "")]


def _versions(policy: CommunePolicy) -> list[tuple[str, date, Tariff]]:
    return [
        (schedule.service_code, version.effective_from, version.tariff)
        for schedule in policy.tariffs
        for version in schedule.versions
    ]


def _prices_progressive(policy: CommunePolicy, examples: int) -> None:
    # A tariff whose every grid is progressive, with or without columns and modifiers: for one
    # child (same rank, residence, site…), a higher QF never pays less.
    versions = [
        (code, day)
        for code, day, tariff in _versions(policy)
        if (grids := _grids_of(tariff)) and all(grid.progressive for grid in grids)
    ]
    if not versions:
        return

    @settings(max_examples=examples, deadline=None, database=None)
    @given(st.sampled_from(versions), quotients(), quotients(), pricing_contexts())
    def law(
        version: tuple[str, date], first: Decimal, second: Decimal, context: PricingContext
    ) -> None:
        code, day = version
        low, high = sorted((first, second))
        try:
            low_price = policy.price(
                code, day, context=attrs.evolve(context, quotient_familial=low)
            ).unit_price
            high_price = policy.price(
                code, day, context=attrs.evolve(context, quotient_familial=high)
            ).unit_price
        except MissingFigureError:
            return
        assert low_price <= high_price, (low, low_price, high, high_price)

    law()


def _prices_never_negative(policy: CommunePolicy, examples: int) -> None:
    versions = [(code, day) for code, day, _tariff in _versions(policy)]
    if not versions:
        return

    @settings(max_examples=examples, deadline=None, database=None)
    @given(st.sampled_from(versions), pricing_contexts())
    def law(version: tuple[str, date], context: PricingContext) -> None:
        code, day = version
        try:
            price = policy.price(code, day, context=context)
        except MissingFigureError:
            return
        except CantineRulesError as error:  # a negative amount is refused where it is made
            raise AssertionError(f"{code} on {day} for {context}: {error}") from error
        assert not price.unit_price.is_negative(), (code, day, context, price)

    law()


#: A bound as written: (QF, included).
_Bound = tuple[Decimal, bool]
#: Where a bracket ends: a bound, None when open above, "unknown" when no source says.
_High = _Bound | None | str


def _written_ranges(grid: BracketGrid) -> list[tuple[Bracket, _Bound, _High]]:
    """Each bracket with a threshold, with its lowest and highest QF as the grid writes them.

    A bound is (value, included); the highest is None when the bracket is open above, and
    ``"unknown"`` when brackets whose threshold no source gives follow it.
    """
    known = [bracket for bracket in grid.brackets if bracket.lower is not None]
    ranges: list[tuple[Bracket, _Bound, _High]] = []
    for index, bracket in enumerate(known):
        assert bracket.lower is not None
        high: _High
        if bracket.upper is not None:
            high = (bracket.upper, bracket.upper_inclusive)
        elif index + 1 < len(known):
            following = known[index + 1]
            assert following.lower is not None
            high = (following.lower, not following.lower_inclusive)
        else:
            high = None if len(known) == len(grid.brackets) else "unknown"
        ranges.append((bracket, (bracket.lower, bracket.lower_inclusive), high))
    return ranges


def _holds(low: _Bound, high: _High, value: Decimal) -> bool:
    low_value, low_in = low
    above = value > low_value or (low_in and value == low_value)
    if not isinstance(high, tuple):
        return above
    high_value, high_in = high
    return above and (value < high_value or (high_in and value == high_value))


def _bounds_as_written(policy: CommunePolicy, examples: int) -> None:
    # Checked on every bound of every grid, one cent and a trillionth on each side: the grid's
    # answer against a plain scan of the brackets' bounds as written.
    nudges = (Decimal("-0.01"), Decimal("-1E-12"), Decimal(0), Decimal("1E-12"), Decimal("0.01"))
    for _code, _day, tariff in _versions(policy):
        for grid in _grids_of(tariff):
            ranges = _written_ranges(grid)
            bounds = {
                value
                for bracket in grid.brackets
                for value in (bracket.lower, bracket.upper)
                if value is not None
            }
            for bound in sorted(bounds):
                for nudge in nudges:
                    value = bound + nudge
                    if value < 0:
                        continue
                    holding = [
                        (bracket, high) for bracket, low, high in ranges if _holds(low, high, value)
                    ]
                    assert len(holding) <= 1, (value, holding)
                    expected = (
                        holding[0][0].name if holding and holding[0][1] != "unknown" else None
                    )
                    try:
                        found: str | None = grid.bracket_for(value).name
                    except MissingFigureError:
                        found = None
                    assert found == expected, (grid.names, value, found, expected)


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


def _billed_months(policy: CommunePolicy, code: str) -> tuple[date, date]:
    """Two months to bill: September and October 2024, or the start of the latest tariff.

    When no tariff of *code* is in force for those two months (an example commune whose
    règlement is of another year), the first two months of its latest tariff version.
    """
    first, last = date(2024, 9, 1), date(2024, 10, 31)
    versions = [v for s in policy.tariffs if s.service_code == code for v in s.versions]
    if not versions or any(
        v.effective_from <= first and (v.ends_on is None or v.ends_on >= last) for v in versions
    ):
        return first, last
    latest = max(versions, key=lambda version: version.effective_from)
    last = latest.effective_from + timedelta(days=60)
    if latest.ends_on is not None:
        last = min(last, latest.ends_on)
    return latest.effective_from, last


def _invoice_order_free(policy: CommunePolicy, examples: int) -> None:
    # Only a priced service can be invoiced; a commune may publish rules for an unpriced one.
    priced = {schedule.service_code for schedule in policy.tariffs}
    service = next((service for service in policy.services if service.code in priced), None)
    if service is None:
        return
    kind = policy.booking.days_of(service.code)
    first, last = _billed_months(policy, service.code)
    days = policy.calendar.service_days(kind, first, last)
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
        except _UNPRICED:
            return
        assert first == second

    law()


def _service_days(policy: CommunePolicy, code: str) -> tuple[date, ...]:
    return policy.calendar.service_days(policy.booking.days_of(code), *_SCHOOL_YEAR)


def _unbooked_presence_fair(policy: CommunePolicy, examples: int) -> None:
    presence = policy.unbooked_presence
    codes = [
        service.code
        for service in policy.services
        if presence is not None and presence.for_service(service.code) is not None
    ]
    codes = [code for code in codes if _service_days(policy, code)]
    if not codes:
        return

    @settings(max_examples=examples, deadline=None, database=None)
    @given(st.sampled_from(codes), st.data(), st.integers(0, 30), st.integers(0, 30))
    def law(code: str, data: st.DataObject, first: int, second: int) -> None:
        day = data.draw(st.sampled_from(_service_days(policy, code)))
        fewer, more = sorted((first, second))
        try:
            once = policy.unbooked_presence_charge(code, day, earlier_in_period=fewer)
            again = policy.unbooked_presence_charge(code, day, earlier_in_period=fewer)
            repeated = policy.unbooked_presence_charge(code, day, earlier_in_period=more)
        except (MissingFigureError, NoTariffInForceError):
            # The charge is based on a price the commune's tariff does not give that day.
            return
        assert once is not None
        assert repeated is not None
        assert once == again
        assert not once.amount.is_negative(), once
        assert repeated.amount >= once.amount, (fewer, once, more, repeated)

    law()


def _payment_defined(policy: CommunePolicy, examples: int) -> None:
    for service in policy.services:
        assert isinstance(policy.scheme_of(service.code), PaymentScheme), service.code

    @settings(max_examples=examples, deadline=None, database=None)
    @given(booking_changes(policy))
    def law(change: BookingChange) -> None:
        code, day = change.service_code, change.day
        deadline = policy.prepayment_deadline(code, day)
        if deadline is not None:
            start = service_start(policy.service(code), day)
            assert deadline <= start, (deadline, start)
            assert deadline == policy.prepayment_deadline(code, day)

    law()


def _late_pickup_fair(policy: CommunePolicy, examples: int) -> None:
    codes = [code for code, _ in policy.late_pickup if _service_days(policy, code)]
    if not codes:
        return

    @settings(max_examples=examples, deadline=None, database=None)
    @given(
        st.sampled_from(codes),
        st.data(),
        st.integers(-3600, 6 * 3600),
        st.integers(-3600, 6 * 3600),
        st.integers(0, 10),
        st.integers(0, 10),
    )
    def law(code: str, data: st.DataObject, a: int, b: int, first: int, second: int) -> None:
        day = data.draw(st.sampled_from(_service_days(policy, code)))
        end = at_paris(day, policy.service(code).end)
        sooner, later = (end + timedelta(seconds=s) for s in sorted((a, b)))
        fewer, more = sorted((first, second))

        def fee(at: datetime, earlier: int) -> Money:
            result = policy.late_pickup_fee(code, day, at, earlier_in_period=earlier)
            assert result == policy.late_pickup_fee(code, day, at, earlier_in_period=earlier)
            return Money.zero() if result is None else result.amount

        assert not fee(sooner, fewer).is_negative()
        assert fee(later, fewer) >= fee(sooner, fewer), (sooner, later)
        assert fee(sooner, more) >= fee(sooner, fewer), (fewer, more)

    law()


def _absences_judged_by_notice(policy: CommunePolicy, examples: int) -> None:
    """No negative absence charge; an earlier notice, a certificate or a document never costs more.

    Judging twice gives the same answer too.
    """
    judged = [s for s in policy.services if policy.absences.for_service(s.code) is not None]
    if not judged:
        return

    def judge(
        code: str,
        run: tuple[date, ...],
        notice: datetime | None,
        certificate: datetime | None,
        documents: tuple[HeldDocument, ...] = (),
    ) -> tuple[AbsentDay, ...] | None:
        try:
            return policy.judge_absence(
                code, run, notice_at=notice, certificate_at=certificate, documents=documents
            )
        except (*_UNPRICED, MissingPriceError):
            # Charged at a price the commune does not give (it may publish its absence rules
            # for a service it does not price): nothing to compare.
            return None

    @settings(max_examples=examples, deadline=None, database=None)
    @given(st.sampled_from(judged), st.integers(1, 6), st.data())
    def law(service: Service, length: int, data: st.DataObject) -> None:
        days = _service_days(policy, service.code)
        if not days:
            return
        first = data.draw(st.integers(0, len(days) - 1))
        run = days[first : first + length]
        start = service_start(service, run[0])
        seconds = st.integers(-10 * 86400, 12 * 86400).map(lambda s: start + timedelta(seconds=s))
        notice = data.draw(st.none() | seconds)
        certificate = data.draw(st.none() | seconds)
        earlier_by = timedelta(seconds=data.draw(st.integers(0, 10 * 86400)))
        documents = tuple(
            HeldDocument(kind, run[0] - timedelta(days=back))
            for kind, back in data.draw(
                st.lists(st.tuples(st.sampled_from(list(AbsenceDocument)), st.integers(-3, 400)))
            )
        )
        code = service.code
        answer = judge(code, run, notice, certificate)
        if answer is None:
            return
        assert answer == judge(code, run, notice, certificate)
        assert all(not day.charge.is_negative() for day in answer), answer
        # (cheaper, dearer): the first is never charged more than the second, day by day.
        pairs = [
            # An earlier notice, or a notice rather than none.
            (judge(code, run, (notice or start) - earlier_by, certificate), answer),
            # A certificate rather than none.
            (judge(code, run, notice, certificate or start), judge(code, run, notice, None)),
            # A standing document on file rather than none.
            (judge(code, run, notice, certificate, documents), answer),
        ]
        for cheaper, dearer in pairs:
            if cheaper is None or dearer is None:
                continue
            for low, high in zip(cheaper, dearer, strict=True):
                assert low.charge <= high.charge, (low, high)

    law()


def _top_up_minimum(policy: CommunePolicy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(money(1, 200_00), money(1, 200_00), st.integers(1, 5))
    def law(first: Money, second: Money, children: int) -> None:
        low, high = sorted((first, second))
        low_check = policy.check_top_up(low, children)
        high_check = policy.check_top_up(high, children)
        minimum = policy.minimum_top_up
        if minimum is None:
            assert low_check.accepted
            assert high_check.accepted
            return
        for amount, check in ((low, low_check), (high, high_check)):
            assert check.accepted == (amount >= minimum.minimum_for(children)), (amount, check)
            if not check.accepted:
                assert check.refusal is TopUpRefusal.BELOW_MINIMUM, check
        # A larger top-up is never refused where a smaller one is accepted.
        assert high_check.accepted or not low_check.accepted

    law()


def _credit_conserved(policy: CommunePolicy, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(money(0, 500_00))
    def law(credit: Money) -> None:
        treated = policy.treat_credit(credit)
        for part in (treated.carried, treated.refunded, treated.forfeited):
            assert not part.is_negative(), treated
        assert treated.total == credit, (credit, treated)

    law()


def _quotient_never_backdated(policy: CommunePolicy, examples: int) -> None:
    quotient_policy = policy.quotient_policy
    if quotient_policy is None:
        return

    @settings(max_examples=examples, deadline=None, database=None)
    @given(quotient_records(), st.integers(0, 400))
    def law(first: QuotientRecord, later_by: int) -> None:
        second = attrs.evolve(first, received_on=first.received_on + timedelta(days=later_by))
        start = quotient_policy.applies_from(first)
        later_start = quotient_policy.applies_from(second)
        # Nothing retroactive: a record that does not count for the whole year never counts
        # before it was received; and one received later never takes effect earlier.
        for record, begins in ((first, start), (second, later_start)):
            if begins is not None:
                assert begins >= record.received_on, (record, begins)
        assert (start or date.min) <= (later_start or date.min), (start, later_start)
        if quotient_policy.zero_means_unknown and first.quotient.value == 0:
            applied = quotient_policy.applicable_quotient([first], start or first.received_on)
            assert applied.quotient_familial is None, applied
        # A document issued before the reference date of a day's school year never prices it.
        reference = quotient_policy.reference_date
        if reference is not None:
            day = start or first.received_on
            if first.quotient.issued_on < reference.for_day(day):
                applied = quotient_policy.applicable_quotient([first], day)
                assert applied.quotient_familial is None, (reference, first, applied)

    law()


def _round_trips(policy: CommunePolicy, examples: int) -> None:
    from cantine_rules import plain

    data = plain.to_data(policy)
    assert plain.from_data(data) == policy
    assert plain.to_data(plain.from_data(data)) == data


#: The laws, by name, in the order `check_policy` runs them.
LAWS: dict[str, Callable[[CommunePolicy, int], None]] = {
    "every day a service runs has its change windows": _every_service_day_has_a_window,
    "a deadline is never after the service starts": _deadline_before_start,
    "an earlier change is never treated worse": _earlier_never_worse,
    "charges are never negative": _charges_never_negative,
    "decisions are deterministic": _deterministic,
    "prices do not fall as the QF rises on a progressive grid": _prices_progressive,
    "a price is never negative": _prices_never_negative,
    "a QF on a bracket's bound is priced as the grid writes it": _bounds_as_written,
    "a ledger conserves its balance": _ledger_conserves,
    "an invoice does not depend on booking order": _invoice_order_free,
    "a presence without booking costs no less when repeated, never below zero": (
        _unbooked_presence_fair
    ),
    "a later or repeated late pick-up costs no less, never below zero": _late_pickup_fair,
    "absences: no negative charge, an earlier notice or a certificate never costs more": (
        _absences_judged_by_notice
    ),
    "every service's payment is defined and prepaid before it starts": _payment_defined,
    "a top-up below the minimum is refused with its reason": _top_up_minimum,
    "a credit is treated whole, never below zero": _credit_conserved,
    "a quotient familial is never backdated": _quotient_never_backdated,
    "the plain-data form round-trips": _round_trips,
    **REGIME_LAWS,
}


def check_policy(
    policy: CommunePolicy, max_examples: int = 100, *, skip: Collection[str] = ()
) -> None:
    """Check every law on *policy*; raise `PolicyLawError` with a minimal counterexample.

    The laws: every day a service runs has its change windows (a rule given by weekday has each
    weekday the service runs on); a deadline is never after the service starts; an earlier change is
    never treated worse (once changes are open); charges are never negative; decisions are
    deterministic; prices do not fall as the QF rises where the grid is meant to be progressive (for
    one child, whatever its columns and modifiers); a price is never negative, whatever the child's
    context; a QF on a bracket's bound, or a cent or a trillionth of a euro beside it, lies in the
    bracket whose bounds as written hold it, and in none when it lies in a gap; a ledger conserves
    its balance; an invoice does not depend on booking order; a presence without booking and a late
    pick-up cost never below zero, the same when asked twice, and no less when repeated (or, for a
    pick-up, later); an absent day is never charged below zero, and an earlier notice, a certificate
    or a standing document never costs more; every service has a payment scheme, and a prepaid one
    is due no later than the service starts; a top-up below the minimum is refused with its reason,
    and a larger one never refused where a smaller one is accepted; a credit is treated whole, no
    part below zero; a quotient familial record never counts before it was received, one received
    later never takes effect earlier, a QF of 0 read as unknown never prices, and a document issued
    before the reference date of a school year never prices a day of that year; the plain-data form
    round-trips; and, for a policy with attendance regimes, a regime books only days the service
    runs, a monthly fee stays between zero and the fee and never rises with absences, and an earlier
    request to change the chosen days never takes effect later.

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
