"""Monthly flat fees and the month's charge of one.

A [`MonthlyFlatFee`][] is an amount due for a month rather than per unit: a monthly meal card
(« carte mensuelle »), a PAI meal basket (« 12 € par mois »), supervision without a meal
(« 25 € par mois »). It is due for a child (or a family) in each month where it has at least
one booked day; a commune may refund each booked day the child was absent at a rate of its own
(« remboursement de repas : 3,85 € »). The refunds never take the month below zero.

No fee is prorated: a règlement that prorates would say how, and none read so far does.

A fee may cover a **term** rather than a month: its ``term_months`` (« 1er trimestre (septembre
à décembre) : 50 € ») are charged once together, when the term has a booked day; each term of a
règlement is then a fee of its own, with its own amount. The same code charges a month and a
term: a month is a term of one month.

Examples:
    >>> card = MonthlyFlatFee(
    ...     "carte", "Carte mensuelle", Money.euros("59.00"), Source.example("59 €"),
    ...     refund_per_absent_day=Money.euros("3.85"),
    ... )
    >>> charge = card.month_charge(date(2025, 11, 1), [date(2025, 11, 3), date(2025, 11, 4)],
    ...                            absent_days=[date(2025, 11, 4)])
    >>> charge.amount, charge.reason.value
    (Money.euros('55.15'), 'fee_less_refunds')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import attrs

from cantine_rules._validators import (
    enum_member,
    identifier,
    non_negative_money,
    require_day,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.money import Money
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.sources import Source

__all__ = [
    "ChildrenAmount",
    "FeeBasis",
    "FeeReason",
    "MonthCharge",
    "MonthlyFlatFee",
    "month_of",
    "school_year_months",
]


class FeeBasis(StrEnum):
    """Who a monthly fee is charged to."""

    CHILD = "child"
    """Each child pays the fee (a meal card, a PAI basket)."""
    FAMILY = "family"
    """The family pays it once, whatever the number of its children at the service."""


class FeeReason(StrEnum):
    """Why a month costs what it costs."""

    NO_BOOKED_DAY = "no_booked_day"
    """No day of the month was booked: nothing is due."""
    FULL_FEE = "full_fee"
    """The whole fee: no absence refunded (none, or the fee refunds none)."""
    FEE_LESS_REFUNDS = "fee_less_refunds"
    """The fee, less the refund of each absent day."""
    REFUNDS_COVER_FEE = "refunds_cover_fee"
    """The refunds reach the fee: nothing is due, and nothing is paid back."""
    NOT_COVERED = "not_covered"
    """The fee covers a term, and the day asked about is in none of its months: another fee
    covers it, nothing is due under this one."""


def _whole_children(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number of children")
    if value < 2:
        raise InvalidValueError(
            attribute.name, value, "must be 2 or more (the fee's amount is for one child)"
        )


@attrs.frozen
class ChildrenAmount:
    """The fee's amount for a family of at least *children* children at the service.

    « Carte mensuelle famille avec 2 enfants : 57 € » is ``ChildrenAmount(2, 57 €)``.

    Examples:
        >>> ChildrenAmount(2, Money.euros("57.00")).children
        2
    """

    children: int = attrs.field(validator=_whole_children)
    amount: Money = attrs.field(validator=non_negative_money)


def _children_amounts(value: object) -> tuple[ChildrenAmount, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("by_children", value, "must be ChildrenAmount values")
    return tuple(value)


def _check_children_amounts(
    _instance: Any, attribute: attrs.Attribute[Any], value: tuple[ChildrenAmount, ...]
) -> None:
    previous = 1
    for index, item in enumerate(value):
        if not isinstance(item, ChildrenAmount):
            raise InvalidTypeError(f"{attribute.name}[{index}]", item, "must be a ChildrenAmount")
        # Lower thresholds only, strictly rising: each amount holds up to the next threshold.
        if item.children <= previous:
            raise InvalidValueError(
                f"{attribute.name}[{index}].children",
                item.children,
                f"must be more than the threshold before it ({previous})",
            )
        previous = item.children


def _check_refund(instance: MonthlyFlatFee, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    non_negative_money(instance, attribute, value)
    assert isinstance(value, Money)
    for field, amount in instance.amounts():
        if value > amount:
            raise InvalidValueError(
                attribute.name,
                value,
                f"a refund per absent day may not exceed the fee ({field} is {amount})",
            )


def school_year_months() -> tuple[int, ...]:
    """The months in the order of a school year, September first.

    >>> school_year_months()[:4], school_year_months()[-1]
    ((9, 10, 11, 12), 8)
    """
    return (*range(9, 13), *range(1, 9))


def _term_months(value: object) -> tuple[int, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("term_months", value, "must be months, such as [9, 10, 11, 12]")
    return tuple(value)


def _check_term_months(
    _instance: Any, attribute: attrs.Attribute[Any], value: tuple[int, ...]
) -> None:
    order = school_year_months()
    for index, month in enumerate(value):
        if type(month) is not int:
            raise InvalidTypeError(f"{attribute.name}[{index}]", month, "must be an int")
        if month not in order:
            raise InvalidValueError(f"{attribute.name}[{index}]", month, "must be from 1 to 12")
    # In the school year's order with no month missing, so that a term is one span of days.
    positions = [order.index(month) for month in value]
    if positions and positions != list(range(positions[0], positions[0] + len(positions))):
        raise InvalidValueError(
            attribute.name,
            list(value),
            "must be following months in the school year's order (September to August)",
        )


def month_of(day: date) -> date:
    """The first day of the month of *day*.

    >>> month_of(date(2025, 2, 28))
    datetime.date(2025, 2, 1)
    """
    return require_day(day, "day").replace(day=1)


@attrs.frozen
class MonthCharge:
    """What one month of a monthly fee costs, and why.

    Attributes:
        month: the first day of the month, or of the term for a fee by term.
        amount: what is due, never negative and never above ``fee``.
        fee: the fee's amount for this child or family.
        booked_days: how many days of the month were booked.
        absent_days: how many of them the child was absent.
        refund: the refund per absent day, if the fee refunds absences.
        reason: why the month costs ``amount``.
    """

    month: date
    amount: Money
    fee: Money
    booked_days: int
    absent_days: int
    refund: Money | None
    reason: FeeReason


@attrs.frozen
class MonthlyFlatFee:
    """An amount due per month, per child or per family, with an optional refund per absence.

    Saussay (Eure-et-Loir), « Prix des repas au restaurant scolaire »: « CARTE MENSUELLE Famille
    avec 1 enfant : 59.00€, avec 2 enfants : 57.00€ … REMBOURSEMENT DE REPAS : 3.85€ »;
    « REPAS SPECIFIQUE ENFANT ALLERGIQUE : (mensuel) … non remboursable … 12.00€ ».

    Attributes:
        code: the fee's code (``carte_mensuelle``, ``panier_pai``), unique per service.
        label: its name as shown (« Carte mensuelle »).
        amount: the monthly amount (for a family of one child, when ``by_children`` is given).
        source: where the amount comes from.
        per: charged per child or per family.
        by_children: other amounts by the number of the family's children at the service,
            by lower thresholds (``ChildrenAmount(2, 57 €)``: two children or more).
        refund_per_absent_day: what each booked day of absence takes off the month, or None
            when absences are not refunded (« non remboursable »); never more than the fee.
        term_months: the months the fee covers once together, following in the school year's
            order (``(9, 10, 11, 12)``: « 1er trimestre (septembre à décembre) »); empty for a
            fee due each month.

    Examples:
        >>> basket = MonthlyFlatFee("panier_pai", "Panier repas PAI", Money.euros("12.00"),
        ...                         Source.example("12 € par mois"))
        >>> basket.month_charge(date(2025, 8, 1), []).reason.value
        'no_booked_day'
    """

    code: str = attrs.field(validator=identifier)
    label: str = attrs.field(validator=identifier)
    amount: Money = attrs.field(validator=non_negative_money)
    source: Source = attrs.field(validator=a_source)
    per: FeeBasis = attrs.field(default=FeeBasis.CHILD, validator=enum_member(FeeBasis))
    by_children: tuple[ChildrenAmount, ...] = attrs.field(
        default=(), converter=_children_amounts, validator=_check_children_amounts
    )
    refund_per_absent_day: Money | None = attrs.field(default=None, validator=_check_refund)
    term_months: tuple[int, ...] = attrs.field(
        default=(), converter=_term_months, validator=_check_term_months
    )

    def amounts(self) -> tuple[tuple[str, Money], ...]:
        """Every amount of the fee with the field that holds it."""
        others = (
            (f"by_children[{index}].amount", item.amount)
            for index, item in enumerate(self.by_children)
        )
        return (("amount", self.amount), *others)

    def amount_for(self, children: int = 1) -> Money:
        """The monthly amount for a family with *children* children at the service.

        Examples:
            >>> fee = MonthlyFlatFee("carte", "Carte", Money.euros("59.00"), Source.example("x"),
            ...                      by_children=[ChildrenAmount(2, Money.euros("57.00"))])
            >>> fee.amount_for(1), fee.amount_for(3)
            (Money.euros('59.00'), Money.euros('57.00'))
        """
        if type(children) is not int:
            raise InvalidTypeError("children", children, "must be a whole number")
        if children < 1:
            raise InvalidValueError("children", children, "must be at least 1")
        amount = self.amount
        for item in self.by_children:
            if children >= item.children:
                amount = item.amount
        return amount

    def period_of(self, day: date) -> tuple[date, date] | None:
        """The first and last day of the month, or of the term, the fee charges *day* in.

        None when the fee covers a term and *day* is in none of its months.

        Examples:
            >>> winter = MonthlyFlatFee("t2", "2e trimestre", Money.euros("37.00"),
            ...                         Source.example("37 €"), term_months=(1, 2, 3))
            >>> winter.period_of(date(2026, 2, 10))
            (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
        """
        first = month_of(day)
        if not self.term_months:
            return first, _month_end(first)
        if first.month not in self.term_months:
            return None
        # The term's months lie in one school year: September to December in the year it starts.
        starts = first.year if first.month >= 9 else first.year - 1

        def in_year(month: int) -> int:
            return starts if month >= 9 else starts + 1

        opening, closing = self.term_months[0], self.term_months[-1]
        last = _month_end(date(in_year(closing), closing, 1))
        return date(in_year(opening), opening, 1), last

    def month_charge(
        self,
        month: date,
        booked_days: Iterable[date],
        *,
        absent_days: Iterable[date] = (),
        children: int = 1,
    ) -> MonthCharge:
        """The charge of the month (or term) of *month* given its booked days and those missed.

        *month* is any day of the month, or of the term for a fee by term. Days outside it are
        not counted, so a whole period's days may be passed.

        Raises:
            InvalidValueError: an absent day was not booked (field ``absent_days``).

        Examples:
            >>> autumn = MonthlyFlatFee("t1", "1er trimestre", Money.euros("50.00"),
            ...                         Source.example("50 €"), term_months=(9, 10, 11, 12))
            >>> charge = autumn.month_charge(date(2025, 11, 1), [date(2025, 9, 4), date(2025, 12, 19)])
            >>> charge.month, charge.amount, charge.booked_days
            (datetime.date(2025, 9, 1), Money.euros('50.00'), 2)
            >>> autumn.month_charge(date(2026, 1, 5), [date(2026, 1, 5)]).reason.value
            'not_covered'
        """  # noqa: E501  (a doctest's line)
        # Checked here so that the error names this method's argument, not period_of's.
        span = self.period_of(require_day(month, "month"))
        fee = self.amount_for(children)
        refund = self.refund_per_absent_day
        if span is None:
            first = month_of(month)
            return MonthCharge(first, Money.zero(), fee, 0, 0, refund, FeeReason.NOT_COVERED)
        first, last = span
        booked = {
            day
            for day in (require_day(d, "booked_days") for d in booked_days)
            if first <= day <= last
        }
        absent = {
            day
            for day in (require_day(d, "absent_days") for d in absent_days)
            if first <= day <= last
        }
        stray = sorted(absent - booked)
        if stray:
            raise InvalidValueError("absent_days", stray[0], "an absent day must be a booked day")
        if not booked:
            return MonthCharge(first, Money.zero(), fee, 0, 0, refund, FeeReason.NO_BOOKED_DAY)
        if refund is None or not absent or refund == Money.zero():
            return MonthCharge(
                first, fee, fee, len(booked), len(absent), refund, FeeReason.FULL_FEE
            )
        refunded = refund * len(absent)
        if refunded >= fee:
            return MonthCharge(
                first,
                Money.zero(),
                fee,
                len(booked),
                len(absent),
                refund,
                FeeReason.REFUNDS_COVER_FEE,
            )
        return MonthCharge(
            first,
            fee - refunded,
            fee,
            len(booked),
            len(absent),
            refund,
            FeeReason.FEE_LESS_REFUNDS,
        )


def _month_end(first: date) -> date:
    following = (
        date(first.year + 1, 1, 1) if first.month == 12 else first.replace(month=first.month + 1)
    )
    return following - timedelta(days=1)
