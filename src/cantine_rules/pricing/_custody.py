"""Alternating custody (garde alternée, seed 004): which household pays for a child's day.

« En cas de garde alternée, n'oubliez pas de nous joindre votre jugement de divorce et de préciser
vos semaines de garde sur le bulletin d'inscription » (seed 004). Each parent is billed for
their weeks: a child's invoice lines go to the household whose week it is, by one of three rules:

* [`IsoWeekParity`][] — even or odd ISO week numbers, as families declare them on the form.
* [`EveryOtherWeek`][] — strict alternation counted from a given Monday.
* [`CustodySchedule`][] — explicit date ranges, with no overlap and no gap.

**ISO week 53.** Some ISO years have 53 weeks (2020, 2026, 2032…). Week 53 and the next week 1 are
both odd, so under [`IsoWeekParity`][] the odd-week household keeps the child two weeks running
(for example 28 December 2026 to 10 January 2027), and the parity holds again from week 2. That is
what « semaines paires / impaires » literally says, so it is the rule here. A family whose judgment
says strictly every other week uses [`EveryOtherWeek`][], which ignores week numbers, or an
explicit [`CustodySchedule`][].

Splitting an amount between households (a flat fee, say) never loses a cent: it goes through
[`Money.allocate`][].

Examples:
    >>> from datetime import date
    >>> rule = IsoWeekParity(even_weeks="mother", odd_weeks="father")
    >>> rule.household_for(date(2024, 9, 2))  # ISO week 36
    'mother'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, Protocol, runtime_checkable

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import a_date, identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError, OutOfRangeError
from cantine_rules.model import Family
from cantine_rules.money import Money
from cantine_rules.pricing._account_errors import CustodyScheduleError, require_money
from cantine_rules.pricing._invoice import Invoice, InvoiceLine, LineKey

__all__ = [
    "CustodyPeriod",
    "CustodyRule",
    "CustodySchedule",
    "EveryOtherWeek",
    "IsoWeekParity",
    "bill_by_household",
    "custody_days",
    "split_between_households",
]


@runtime_checkable
class CustodyRule(Protocol):
    """Anything that says which household has the child on a day."""

    def household_for(self, day: date) -> str:
        """The id of the household that has the child (and pays) on *day*."""
        ...  # pragma: no cover


def _different(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    identifier(instance, attribute, value)
    first = attrs.fields(type(instance))[0].name
    if value == getattr(instance, first):
        raise InvalidValueError(attribute.name, value, f"must differ from {first}")


@attrs.frozen
class IsoWeekParity:
    """Custody by ISO week number: one household has the even weeks, the other the odd ones.

    A 53-week ISO year gives the odd-week household weeks 53 and 1 in a row (see the module).

    Examples:
        >>> IsoWeekParity("mother", "father").household_for(date(2026, 12, 28))  # week 53
        'father'
    """

    even_weeks: str = attrs.field(validator=identifier)
    odd_weeks: str = attrs.field(validator=_different)

    def household_for(self, day: date) -> str:
        """The household of *day*'s ISO week parity."""
        return self.even_weeks if day.isocalendar().week % 2 == 0 else self.odd_weeks


def _monday(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    a_date(instance, attribute, value)
    if value.weekday() != 0:  # type: ignore[attr-defined]
        raise InvalidValueError(attribute.name, value, "must be a Monday")


@attrs.frozen
class EveryOtherWeek:
    """Strict alternation: *first* has the week of *from_monday*, *second* the next, and so on.

    Week numbers play no part, so a 53-week year changes nothing. Days before *from_monday* follow
    the same alternation backwards.

    Examples:
        >>> rule = EveryOtherWeek("mother", "father", from_monday=date(2026, 12, 21))
        >>> rule.household_for(date(2026, 12, 28)), rule.household_for(date(2027, 1, 4))
        ('father', 'mother')
    """

    first: str = attrs.field(validator=identifier)
    second: str = attrs.field(validator=_different)
    from_monday: date = attrs.field(validator=_monday)

    def household_for(self, day: date) -> str:
        """The household whose turn the week of *day* is."""
        weeks = (day - self.from_monday).days // 7
        return self.first if weeks % 2 == 0 else self.second


def _check_end(instance: CustodyPeriod, attribute: attrs.Attribute[Any], value: object) -> None:
    a_date(instance, attribute, value)
    if value < instance.start:  # type: ignore[operator]
        raise InvalidValueError("end", value, f"must not be before start {instance.start}")


@attrs.frozen
class CustodyPeriod:
    """One range of days (both ends included) during which a household has the child.

    Examples:
        >>> CustodyPeriod(date(2024, 9, 2), date(2024, 9, 8), "mother").household_id
        'mother'
    """

    start: date = attrs.field(validator=a_date)
    end: date = attrs.field(validator=_check_end)
    household_id: str = attrs.field(validator=identifier)


def _periods(value: Iterable[CustodyPeriod]) -> tuple[CustodyPeriod, ...]:
    items = tuple(value)
    if not items:
        raise CustodyScheduleError("periods", items, "must hold at least one period")
    for index, item in enumerate(items):
        if not isinstance(item, CustodyPeriod):
            raise InvalidTypeError(f"periods[{index}]", item, "must be a CustodyPeriod")
    order = sorted(range(len(items)), key=lambda index: items[index].start)
    for before, after in pairwise(order):
        previous, current = items[before], items[after]
        if current.start <= previous.end:
            raise CustodyScheduleError(
                f"periods[{after}]", current, f"overlaps periods[{before}] ({previous.end})"
            )
        if current.start > previous.end + timedelta(days=1):
            missing = f"{previous.end + timedelta(days=1)} to {current.start - timedelta(days=1)}"
            raise CustodyScheduleError(
                f"periods[{after}]", current, f"leaves days without custody: {missing}"
            )
    return tuple(items[index] for index in order)


@pickled_by_fields
@attrs.frozen
class CustodySchedule:
    """Custody by explicit date ranges: no overlap, no gap, sorted by start.

    Raises:
        CustodyScheduleError: the periods overlap or leave days out (field ``periods[i]``).

    Examples:
        >>> schedule = CustodySchedule([
        ...     CustodyPeriod(date(2024, 9, 1), date(2024, 9, 15), "mother"),
        ...     CustodyPeriod(date(2024, 9, 16), date(2024, 9, 30), "father"),
        ... ])
        >>> schedule.household_for(date(2024, 9, 16))
        'father'
    """

    periods: tuple[CustodyPeriod, ...] = attrs.field(converter=_periods)
    _starts: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False)

    @_starts.default
    def _index(self) -> tuple[date, ...]:
        # Precomputed once, so each lookup is a binary search.
        return tuple(period.start for period in self.periods)

    @property
    def start(self) -> date:
        """The first day the schedule covers."""
        return self.periods[0].start

    @property
    def end(self) -> date:
        """The last day the schedule covers."""
        return self.periods[-1].end

    def household_for(self, day: date) -> str:
        """The household of the period holding *day*.

        Raises:
            OutOfRangeError: *day* is outside the schedule (field ``day``).
        """
        if not self.start <= day <= self.end:
            raise OutOfRangeError(
                "day", day, f"is outside the custody schedule ({self.start} to {self.end})"
            )
        return self.periods[bisect_right(self._starts, day) - 1].household_id


def bill_by_household(
    invoice: Invoice,
    custody: Mapping[str, CustodyRule],
    *,
    default_household: str,
    family: Family | None = None,
) -> dict[str, Invoice]:
    """Split *invoice* into one invoice per household, each line to the household of its day.

    A child with a rule in *custody* (child id → rule) is billed to the household the rule names
    for each day; every other child to *default_household*. Lines are never split or changed, so
    the households' totals add up to the invoice's total. Only households with something to bill
    appear, sorted by id.

    Args:
        invoice: the invoice of the family for the period.
        custody: the custody rule of each child in alternating custody.
        default_household: the household billed for the other children.
        family: if given, every child and household named must be the family's.

    Raises:
        InvalidTypeError: *custody* is not a mapping of child ids to custody rules.
        UnknownCodeError: *family* is given and a child or household is not the family's.

    Examples:
        >>> from cantine_rules import Booking, Money
        >>> from cantine_rules.pricing._invoice import build_invoice
        >>> from cantine_rules.pricing._priced_unit import flat_pricer
        >>> days = [date(2024, 9, 2), date(2024, 9, 9)]  # ISO weeks 36 and 37
        >>> invoice = build_invoice([Booking("zoe", "repas", day) for day in days],
        ...                         flat_pricer(Money.euros("3.62"), "Tarif 5"),
        ...                         start=date(2024, 9, 1), end=date(2024, 9, 30))
        >>> split = bill_by_household(invoice, {"zoe": IsoWeekParity("mother", "father")},
        ...                           default_household="mother")
        >>> {household: bill.total for household, bill in split.items()}
        {'father': Money.euros('3.62'), 'mother': Money.euros('3.62')}
    """
    if not isinstance(custody, Mapping):
        raise InvalidTypeError("custody", custody, "must map child ids to custody rules")
    for child_id, rule in custody.items():
        if not isinstance(rule, CustodyRule):
            raise InvalidTypeError(f"custody[{child_id!r}]", rule, "must be a custody rule")
    if family is not None:
        family.household(default_household)
        for child_id in custody:
            family.child(child_id)
    lines: dict[str, list[InvoiceLine]] = {}
    presences: dict[str, list[LineKey]] = {}
    for line in invoice.lines:
        household = _household(custody, line.child_id, line.day, default_household)
        lines.setdefault(household, []).append(line)
    for key in invoice.unbooked_presences:
        household = _household(custody, key[0], key[2], default_household)
        presences.setdefault(household, []).append(key)
    result: dict[str, Invoice] = {}
    for household in sorted(lines.keys() | presences.keys()):
        if family is not None:
            family.household(household)
        result[household] = Invoice.from_lines(
            invoice.start, invoice.end, lines.get(household, ()), presences.get(household, ())
        )
    return result


def _household(custody: Mapping[str, CustodyRule], child_id: str, day: date, default: str) -> str:
    rule = custody.get(child_id)
    return default if rule is None else rule.household_for(day)


def custody_days(rule: CustodyRule, start: date, end: date) -> dict[str, int]:
    """How many calendar days of *start*..*end* (inclusive) each household has, sorted by id.

    Examples:
        >>> custody_days(IsoWeekParity("mother", "father"), date(2024, 9, 2), date(2024, 9, 15))
        {'father': 7, 'mother': 7}
    """
    if end < start:
        raise InvalidValueError("end", end, f"must not be before start {start}")
    counts: dict[str, int] = {}
    day = start
    while day <= end:
        household = rule.household_for(day)
        counts[household] = counts.get(household, 0) + 1
        day += timedelta(days=1)
    return dict(sorted(counts.items()))


def split_between_households(amount: Money, weights: Mapping[str, int]) -> dict[str, Money]:
    """Split *amount* between households in proportion to *weights*, losing no cent.

    The parts come from [`Money.allocate`][]: the leftover cents go to the largest remainders,
    the earliest household in *weights* first on a tie. The parts always add back to *amount*.

    Raises:
        InvalidValueError: no household, a weight that is not a whole number ≥ 0, or all zero.

    Examples:
        >>> split_between_households(Money.euros("45.25"), {"mother": 1, "father": 1})
        {'mother': Money.euros('22.63'), 'father': Money.euros('22.62')}
    """
    require_money(amount, "amount")
    households = list(weights)
    parts = amount.allocate([weights[household] for household in households])
    return dict(zip(households, parts, strict=True))
