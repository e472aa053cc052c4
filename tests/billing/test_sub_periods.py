"""A billed period equals the concatenation of its billed sub-periods, where the rules allow it.

Issue 18, « Done when »: « a billed period equals the concatenation of its billed sub-periods
where the rules allow it ».

**Where the rules allow it.** A commune that bills after the month (postfacturation) and prices
each day on its own: Saint-Just-d'Avray (« avant le Jeudi 17h », late changes refused), the ALSH
(« 48h jours ouvrés », « Un ajout vous sera facturé d'un tarif majoré (4€ le matin / 10€ le
soir) », « Une annulation vous sera facturé le prix du service », requests waiting for the ALSH's
validation) and Paris (the quotient-familial grid, « le tarif maximal (tarif 10) sera appliqué
… jusqu'à la régularisation de votre dossier », lunch on Wednesdays). For any family's period
there — bookings by weekday and by listed day, absences with and without a medical certificate,
changes decided on time and late, online and at the office, a quotient familial given or read
from records received before the period, all within one tariff version — a
sub-period is the same scenario with its start and end moved (``attrs.evolve(scenario,
start=..., end=...)``: every booking, absence and change kept), and billing the period gives
the same invoice lines (same keys, same amounts, to the cent) and the same total as billing its
consecutive sub-periods one by one and putting their lines together. Each day's line depends
only on that day: its booking, its decision, its attendance, its tariff. (Attendance events must
lie within the period a bill covers, so a cut keeps those of its own days; the whole months of a
monthly fee are checked in ``test_attendance_properties.py``.)

**Where the rules do NOT allow it**, because a rule counts or charges over a span that a cut may
divide:

* a **monthly allowance** or a **once-per-family penalty** (``FreeAllowance``: « the first
  *free_per_month* late changes of a month at the normal price »; ``FlatPenalty``, « a flat
  penalty charged once per family per batch of late changes ») is counted over the late changes
  each bill decides, and a sub-period's bill does not decide the same ones: its bookings by
  weekday book only its own days, so a late cancellation of a day before it is set aside there
  (« a cancellation of a day not booked … is reported, never silently dropped ») and uses up no
  allowance, while the whole period's bill counted it (the counter-example below);
* a **monthly flat fee** (Saussay's « carte mensuelle », a PAI basket) is billed by the month and
  never prorated: « tout mois commencé sera dû », so a month cut in two is billed once in each
  half (the counter-example below);
* the **basket's restant dû** (paiement immédiat, Lutins Gourmands: « Vous avez un restant dû de
  0.00€ à régulariser lors de votre prochaine réservation ») is carried into the next payment:
  each sub-period's « A payer » would add it again;
* a **wallet's events** (Chantraine: « à partir de 30 € vous serez relancer par mail et sms »)
  fire on the crossing of a running balance that starts from the opening balance: each
  sub-period restarts from it, so a crossing may fire in several sub-periods, or in none.

These are rules that legitimately span the period, not bugs: the property is stated for the
postfacturation communes that price day by day, and the monthly fee and the monthly allowance
are shown below as the documented difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import at_paris
from cantine_rules.billing import BillResult, bill
from cantine_rules.model import (
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Justification,
    QuotientFamilial,
    QuotientFamilialSource,
)
from cantine_rules.money import Money
from cantine_rules.plain import AbsenceSpec, BookingSpec, Scenario, load_scenario
from cantine_rules.plain._scenario_family import QuotientSpec
from cantine_rules.policies import CommunePolicy, get
from cantine_rules.pricing.accounts import Invoice, InvoiceLine
from cantine_rules.pricing.tariffs import QuotientRecord
from cantine_rules.rules.booking import ServiceRules
from cantine_rules.rules.late import (
    AcceptWithSurcharge,
    FlatPrice,
    FreeAllowance,
    LateHandling,
    Refuse,
)

ROOT = Path(__file__).resolve().parents[2]
FEW = settings(max_examples=25, deadline=None)

# One school year and one tariff version for every commune: the 2024/2025 autumn term, its
# Toussaint break included (the ALSH's holidays run then), before the Christmas break.
FIRST = date(2024, 9, 2)
LAST = date(2024, 12, 13)
SPAN = (LAST - FIRST).days
COMMUNES = ("saint-just-d-avray", "alsh-postfacturation", "paris")
CHILDREN = (
    Child("louise", "Louise", date(2017, 3, 2)),
    Child("sarah", "Sarah", date(2015, 11, 20)),
)
# Paris: a QF in each bracket whose price a source gives, or none (tarif 10, 7,00 €).
PARIS_QF = (None, Decimal("120"), Decimal("300"), Decimal("812"), Decimal("1500"))
# Paris's QF records, received from the opening of registrations (« du 1er juin au 23 août »).
EARLIEST_RECORD = date(2024, 6, 1)


def run_days(policy: CommunePolicy, service: str, start: date, end: date) -> list[date]:
    """The days *service* runs from *start* to *end*."""
    kind = policy.booking.days_of(service)
    return list(policy.calendar.expand(kind, start, end).days)


def instant_before(day: date, days: int, minutes: int) -> datetime:
    """*days* before *day*, *minutes* after 06:00, in Paris: from on time to past the service."""
    return at_paris(day - timedelta(days=days), time(6)) + timedelta(minutes=minutes)


@st.composite
def periods(draw: st.DrawFn) -> Scenario:
    """A family's period at one of the postfacturation communes, with its bookings and events."""
    commune = draw(st.sampled_from(COMMUNES))
    policy = get(commune)
    codes = [service.code for service in policy.services]
    offset = draw(st.integers(0, SPAN - 7))
    start = FIRST + timedelta(days=offset)
    end = min(LAST, start + timedelta(days=draw(st.integers(6, 60))))
    children = CHILDREN[: draw(st.integers(1, 2))]
    ids = [child.id for child in children]
    days_of = {code: run_days(policy, code, start, end) for code in codes}
    served = [(code, day) for code, days in days_of.items() for day in days]
    # A period in the holidays may have no service day at all at a commune without a centre.
    some_day = st.sampled_from(served or [("", start)])
    events = 6 if served else 0

    bookings: list[BookingSpec] = []
    for _ in range(draw(st.integers(0, 4))):
        child = draw(st.sampled_from(ids))
        code = draw(st.sampled_from(codes))
        weekdays = draw(st.frozensets(st.integers(0, 4), min_size=1) | st.none())
        listed = days_of[code] and draw(
            st.lists(st.sampled_from(days_of[code]), max_size=4, unique=True)
        )
        if weekdays is None and not listed:
            continue
        bookings.append(BookingSpec(child, code, weekdays, listed))

    absences = [
        AbsenceSpec(child, code, day, justification)
        for child, (code, day), justification in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(ids),
                    some_day,
                    st.sampled_from([None, Justification.MEDICAL_CERTIFICATE]),
                ),
                max_size=events,
                unique_by=lambda item: (item[0], *item[1]),
            )
        )
    ]

    changes = [
        BookingChange(
            action,
            child,
            code,
            day,
            # From twelve days before (on time) to the evening of the day itself (late).
            instant_before(day, days, minutes),
            channel,
            justification,
        )
        for action, child, (code, day), days, minutes, channel, justification in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(ChangeAction),
                    st.sampled_from(ids),
                    some_day,
                    st.sampled_from(range(3)) | st.sampled_from(range(13)),
                    st.sampled_from(range(0, 14 * 60, 5)),
                    st.sampled_from(Channel),
                    st.sampled_from([None, Justification.MEDICAL_CERTIFICATE]),
                ),
                max_size=events,
            )
        )
    ]
    paris = commune == "paris"
    with_records = paris and draw(st.booleans())
    quotient = draw(st.sampled_from(PARIS_QF)) if paris and not with_records else None
    records: list[QuotientSpec] = []
    if with_records:
        # Records received before the period (a record received after it is bad input), in
        # time for the 23 August deadline or not, from attestations of any age.
        for received_days, age_days, value in draw(
            st.lists(
                st.tuples(
                    st.integers(0, (start - EARLIEST_RECORD).days),
                    st.integers(0, 150),
                    st.sampled_from([q for q in PARIS_QF if q is not None]),
                ),
                min_size=1,
                max_size=2,
            )
        ):
            received = EARLIEST_RECORD + timedelta(days=received_days)
            issued = received - timedelta(days=age_days)
            qf = QuotientFamilial(value, QuotientFamilialSource.CAF_ATTESTATION, issued)
            records.append(QuotientSpec(QuotientRecord(qf, received)))
    return Scenario(
        commune,
        start,
        end,
        "F-18",
        quotient,
        children=children,
        bookings=bookings,
        absences=absences,
        changes=changes,
        opening_balance=Money(draw(st.integers(-3000, 3000))),
        quotient_records=records,
    )


def cuts(scenario: Scenario) -> st.SearchStrategy[list[tuple[date, date]]]:
    """Consecutive sub-periods that cover the scenario's period exactly, in order."""
    length = (scenario.end - scenario.start).days
    if length == 0:
        return st.just([(scenario.start, scenario.end)])

    def pieces(offsets: list[int]) -> list[tuple[date, date]]:
        firsts = [scenario.start + timedelta(days=n) for n in sorted(offsets)]
        ends = [day - timedelta(days=1) for day in firsts] + [scenario.end]
        return list(zip([scenario.start, *firsts], ends, strict=True))

    return st.lists(st.integers(1, length), min_size=1, max_size=4, unique=True).map(pieces)


def sub_bills(scenario: Scenario, pieces: Sequence[tuple[date, date]]) -> list[BillResult]:
    return [bill(attrs.evolve(scenario, start=first, end=last)) for first, last in pieces]


def by_key(lines: Sequence[InvoiceLine]) -> list[tuple[object, ...]]:
    """The lines as comparable rows: key, tariff, price, quantity, amount, kind and reason."""
    return sorted(
        (
            line.key,
            line.tariff_name,
            line.unit_price,
            line.quantity,
            line.amount,
            line.kind,
            line.reason,
        )
        for line in lines
    )


@FEW
@given(data=st.data())
def test_a_billed_period_equals_its_billed_sub_periods(data: st.DataObject) -> None:
    """« a billed period equals the concatenation of its billed sub-periods where the rules allow
    it » (issue 18): same keys, same amounts to the cent, same total."""
    scenario = data.draw(periods())
    pieces = data.draw(cuts(scenario))
    whole = bill(scenario).invoice
    parts = [result.invoice for result in sub_bills(scenario, pieces)]
    assert by_key(whole.lines) == by_key([line for part in parts for line in part.lines])
    assert whole.total == Money.sum(part.total for part in parts)
    # Each line falls in exactly the sub-period of its day.
    for (first, last), part in zip(pieces, parts, strict=True):
        assert all(first <= line.day <= last for line in part.lines)


@FEW
@given(data=st.data())
def test_the_decisions_of_a_period_are_those_of_its_sub_periods(data: st.DataObject) -> None:
    """« All changes of the period are decided as one basket » (issue 18): at these communes
    a change's decision depends only on its day and instant, never on the period billed."""
    scenario = data.draw(periods())
    pieces = data.draw(cuts(scenario))
    whole = bill(scenario)

    def decided(result: BillResult) -> dict[BookingChange, object]:
        return {d.change: (d.status, d.charge) for d in result.decisions}

    decisions = decided(whole)
    for part in sub_bills(scenario, pieces):
        for change, outcome in decided(part).items():
            first, last = part.scenario.start, part.scenario.end
            if first <= change.day <= last and change in decisions:
                assert outcome == decisions[change]


# Where the rules do not allow it ----------------------------------------------------------------

SAUSSAY = load_scenario(ROOT / "examples" / "scenarios" / "saussay-carte-mensuelle.toml")


def month_part(base: Scenario, first: date, last: date) -> Scenario:
    """*base* from *first* to *last*, with the attendance events of those days only (an event
    outside the period billed is bad input)."""
    events = tuple(event for event in base.attendance if first <= event.day <= last)
    return attrs.evolve(base, start=first, end=last, attendance=events, notes=())


def test_a_monthly_fee_is_billed_in_each_half_of_a_month_cut_in_two() -> None:
    """« tout mois commencé sera dû »: a monthly card is never prorated, so a month cut in two
    bills the card in each half. Saussay: « CARTE MENSUELLE … Famille avec 2 enfants : 57.00€ »,
    less « REMBOURSEMENT DE REPAS : 3.85€ » per booked meal missed."""
    whole = bill(month_part(SAUSSAY, date(2025, 9, 1), date(2025, 9, 30))).invoice
    first = bill(month_part(SAUSSAY, date(2025, 9, 1), date(2025, 9, 15))).invoice
    second = bill(month_part(SAUSSAY, date(2025, 9, 16), date(2025, 9, 30))).invoice

    def cards(invoice: Invoice) -> list[tuple[str, Money]]:
        return [
            (line.child_id, line.amount)
            for line in invoice.lines
            if line.reason is not None and line.reason.startswith("forfait mensuel")
        ]

    # Alice missed 15 and 16 September: one refund in each half, two in the month.
    card, refund = Money.euros("57.00"), Money.euros("3.85")
    assert cards(whole) == [("alice", card - refund - refund), ("rose", card)]
    assert cards(first) == cards(second) == [("alice", card - refund), ("rose", card)]
    # The halves bill each child's card once more than the month does.
    assert first.total + second.total == whole.total + card + card
    assert by_key(whole.lines) != by_key([*first.lines, *second.lines])


def with_free_allowance(
    policy: CommunePolicy, code: str, allowance: FreeAllowance
) -> CommunePolicy:
    """*policy* with a monthly free allowance on the late adds of *code*, at the office."""
    booking = policy.booking
    old = booking.rules_for(code)
    late_add = LateHandling(Refuse(), AcceptWithSurcharge(allowance))
    rules = ServiceRules(old.add, old.cancel, late_add, old.late_cancel)
    by_service = dict(booking.by_service) | {code: rules}
    return attrs.evolve(policy, booking=attrs.evolve(booking, by_service=by_service))


def test_a_monthly_allowance_is_counted_over_the_changes_each_bill_decides() -> None:
    """« the first *free_per_month* late changes of a month at the normal price, then *then* »
    (``FreeAllowance``), here one free late change a month at the ALSH, then its « 4€ le
    matin ». Sarah's mornings are booked every Monday. A late cancellation of Monday 16
    September uses up the month's allowance in the whole month's bill, so the late add of Friday
    27 costs 4,00 €; the bill of 21–30 September does not book Monday 16 (its Mondays are its
    own), sets that cancellation aside as a cancellation of a day not booked, and the add of
    the 27th is the month's first late change there: 1,60 €, the normal price."""
    policy = with_free_allowance(
        get("alsh-postfacturation"), "matin", FreeAllowance(1, FlatPrice(Money.euros(4)))
    )
    cancel = BookingChange(
        ChangeAction.CANCEL,
        "sarah",
        "matin",
        date(2024, 9, 16),
        at_paris(date(2024, 9, 13), time(9)),
        Channel.OFFICE,
    )
    add = BookingChange(
        ChangeAction.ADD,
        "sarah",
        "matin",
        date(2024, 9, 27),
        at_paris(date(2024, 9, 26), time(9)),
        Channel.OFFICE,
    )
    scenario = Scenario(
        "alsh-postfacturation",
        date(2024, 9, 1),
        date(2024, 9, 30),
        "F-18",
        children=(CHILDREN[1],),
        bookings=(BookingSpec("sarah", "matin", weekdays={0}),),
        changes=(cancel, add),
    )
    whole = bill(scenario, policy=policy)
    first, second = (
        bill(attrs.evolve(scenario, start=start, end=end), policy=policy)
        for start, end in (
            (date(2024, 9, 1), date(2024, 9, 20)),
            (date(2024, 9, 21), date(2024, 9, 30)),
        )
    )

    def added(result: BillResult) -> Money:
        [line] = [line for line in result.invoice.lines if line.day == date(2024, 9, 27)]
        return line.amount

    assert added(whole) == Money.euros("4.00")
    assert added(second) == Money.euros("1.60")
    assert [report.day for report in second.reported] == [date(2024, 9, 16)]
    assert whole.invoice.total == first.invoice.total + second.invoice.total + Money.euros("2.40")
