r"""Exact euro amounts.

[`Money`][] holds a whole number of euro cents. It never accepts a ``float``.

**The rounding rule** (the only one in the library): whenever a computation produces a fraction
of a cent — a price times a rate, a taux d'effort, a percentage surcharge — the result is rounded
*once*, half-up (away from zero on a tie), to the cent, by [`round_to_cent`][]. Sums,
differences and whole-number multiples of Money are exact and never round. Splits
([`Money.allocate`][]) hand out the leftover cents so that the parts always add back to the
whole.

**Amounts are bounded**: an amount (given, or the result of a computation) is at most
[`MAX_EUROS`][] (one thousand billion euros) either side of zero; beyond it is bad input
([`InvalidValueError`][cantine_rules.errors.InvalidValueError] naming the field), never a
`decimal` exception or a silently wrong figure.

Examples:
    >>> Money.euros("3.60") * 4
    Money.euros('14.40')
    >>> print(Money.euros("3.60").format("fr_FR"))
    3,60 €
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final, SupportsIndex

import attrs

from cantine_rules._spelling import spell_amount
from cantine_rules.errors import (
    FloatMoneyError,
    InvalidTypeError,
    InvalidValueError,
    NegativeAmountError,
)

__all__ = ["CENT", "CURRENCY", "MAX_EUROS", "Money", "round_to_cent"]

CURRENCY: Final = "EUR"
"""The only currency: school services in France are billed in euros."""
CENT: Final = Decimal("0.01")
"""One euro cent, as the quantum of every amount."""
MAX_EUROS: Final = Decimal(10) ** 12
"""The largest amount either side of zero: far above any commune's or vendor's yearly total,
and far below where exact decimal arithmetic would lose digits."""
_MAX_CENTS: Final = int(MAX_EUROS * 100)
_BOUND_TEXT: Final = "must be within ±1000000000000.00 euros"

MoneyInput = str | int | Decimal


def round_to_cent(value: Decimal) -> Decimal:
    """Round *value* half-up (ties away from zero) to the cent: the library's one rounding rule.

    Examples:
        >>> round_to_cent(Decimal("2.345")), round_to_cent(Decimal("-2.345"))
        (Decimal('2.35'), Decimal('-2.35'))
    """
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: object, field: str) -> Decimal:
    """Convert a str, int or Decimal to a finite Decimal; refuse floats and anything else."""
    if isinstance(value, bool):
        raise InvalidTypeError(field, value, "must be a str, int or Decimal, not a bool")
    if isinstance(value, float):
        raise FloatMoneyError(field, value)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidValueError(field, value, "is not a decimal number") from None
    else:
        raise InvalidTypeError(field, value, "must be a str, int or Decimal")
    if not result.is_finite():
        raise InvalidValueError(field, value, "must be a finite number")
    return result


def _whole_cents(value: object) -> int:
    if isinstance(value, float):
        raise FloatMoneyError("cents", value)
    if type(value) is not int:
        raise InvalidTypeError("cents", value, "must be an int")
    if not -_MAX_CENTS <= value <= _MAX_CENTS:
        raise InvalidValueError("cents", value, _BOUND_TEXT)
    return value


def _bounded(value: Decimal, amount: object, field: str) -> Decimal:
    # Checked before rounding: quantizing a huge Decimal raises decimal.InvalidOperation.
    if abs(value) > MAX_EUROS:
        raise InvalidValueError(field, amount, _BOUND_TEXT)
    return value


@attrs.frozen(order=True, repr=False)
class Money:
    """An exact amount of euros, stored as whole cents.

    Build one with [`euros`][] (exact, refuses sub-cent amounts), [`rounded`][] (applies the
    rounding rule) or [`from_cents`][]. Money may be negative (a balance, a refund); fields that
    must not be negative check it with [`require_non_negative`][].

    Examples:
        >>> Money.euros("2.10") + Money.euros("0.90")
        Money.euros('3.00')
    """

    cents: int = attrs.field(converter=_whole_cents)

    # Constructors -------------------------------------------------------------------------------

    @classmethod
    def euros(cls, amount: MoneyInput, *, field: str = "amount") -> Money:
        """Exact euros from a str, int or Decimal; a float or a fraction of a cent is refused.

        Examples:
            >>> Money.euros("3.6").cents
            360
        """
        value = _bounded(to_decimal(amount, field), amount, field)
        quantized = value.quantize(CENT)
        if quantized != value:
            raise InvalidValueError(
                field, amount, "has a fraction of a cent; use Money.rounded() to round it half-up"
            )
        return cls(int(quantized * 100))

    @classmethod
    def rounded(cls, amount: MoneyInput, *, field: str = "amount") -> Money:
        """Euros rounded half-up to the cent (see [`round_to_cent`][]).

        Examples:
            >>> Money.rounded("1.005")
            Money.euros('1.01')
        """
        value = _bounded(to_decimal(amount, field), amount, field)
        return cls(int(round_to_cent(value) * 100))

    @classmethod
    def from_cents(cls, cents: int) -> Money:
        """Money from a whole number of cents."""
        return cls(cents)

    @classmethod
    def zero(cls) -> Money:
        """0,00 €."""
        return _ZERO

    @classmethod
    def sum(cls, amounts: Iterable[Money]) -> Money:
        """The exact sum of *amounts* (0,00 € for none)."""
        total = 0
        for amount in amounts:
            total += amount.cents
        return cls(total)

    @classmethod
    def parse(cls, text: str, locale: str = "fr_FR") -> Money:
        """Read an amount written as [`format`][] writes it (``'3,60 €'``, ``'€3.60'``).

        Examples:
            >>> Money.parse("1 234,50 €")
            Money.euros('1234.50')
        """
        if not isinstance(text, str):
            raise InvalidTypeError("text", text, "must be a str")
        # babel is imported where it is first used: a process that never writes or reads an
        # amount for people (most decisions) does not pay for loading it.
        from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

        cleaned = text.replace("€", "").replace("EUR", "").strip()
        group = get_group_symbol(locale)
        if group.isspace():
            # People type a plain or no-break space where the locale groups with a narrow one.
            for space in (" ", "\u00a0", "\u202f"):
                cleaned = cleaned.replace(space, group)
        negative = cleaned.startswith(("-", "\u2212"))
        cleaned = cleaned.lstrip("-\u2212").strip(" \u00a0\u202f")
        try:
            value = parse_decimal(cleaned, locale=locale, strict=True)
        except NumberFormatError:
            raise InvalidValueError("text", text, f"is not an amount in locale {locale}") from None
        return cls.euros(-value if negative else value, field="text")

    # Views --------------------------------------------------------------------------------------

    @property
    def amount(self) -> Decimal:
        """The amount in euros, as a Decimal with exactly two places."""
        return Decimal(self.cents).scaleb(-2)

    @property
    def currency(self) -> str:
        """Always ``'EUR'``."""
        return CURRENCY

    def is_zero(self) -> bool:
        """True for 0,00 €."""
        return self.cents == 0

    def is_negative(self) -> bool:
        """True below 0,00 €."""
        return self.cents < 0

    def require_non_negative(self, field: str) -> Money:
        """Return self, or raise [`NegativeAmountError`][] naming *field*."""
        if self.cents < 0:
            raise NegativeAmountError(field, self)
        return self

    def format(self, locale: str = "fr_FR") -> str:
        """The amount written for people, as babel does: ``'3,60 €'`` (fr_FR), ``'€3.60'`` (en).

        babel separates the French amount from its sign with a no-break space (U+00A0), as French
        typography wants.
        """
        return spell_amount(self.amount, locale)

    def __str__(self) -> str:
        return f"{self.amount} {CURRENCY}"

    def __repr__(self) -> str:
        return f"Money.euros('{self.amount}')"

    # Arithmetic: exact ---------------------------------------------------------------------------

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.cents + other.cents)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.cents - other.cents)

    def __neg__(self) -> Money:
        return Money(-self.cents)

    def __abs__(self) -> Money:
        return Money(abs(self.cents))

    def __mul__(self, quantity: SupportsIndex) -> Money:
        """A whole-number multiple (a quantity of meals); exact. For rates use [`times`][]."""
        if isinstance(quantity, bool | float) or not hasattr(quantity, "__index__"):
            return NotImplemented
        return Money(self.cents * quantity.__index__())

    __rmul__ = __mul__

    # Arithmetic: rounding ------------------------------------------------------------------------

    def times(self, factor: MoneyInput) -> Money:
        """Multiply by a decimal factor (``'1.5'`` for +50 %), rounded once, half-up, to the cent.

        Examples:
            >>> Money.euros("2.35").times("1.5")
            Money.euros('3.53')
        """
        return Money.rounded(self.amount * to_decimal(factor, "factor"))

    def allocate(self, weights: Sequence[int]) -> tuple[Money, ...]:
        """Split into parts proportional to *weights*, losing no cent.

        Each part gets its proportional share rounded down; the leftover cents go one by one to
        the parts with the largest remainders (earliest first on a tie), so the parts always add
        back to the whole.

        Examples:
            >>> Money.euros("10.00").allocate([1, 1, 1])
            (Money.euros('3.34'), Money.euros('3.33'), Money.euros('3.33'))
        """
        if not weights:
            raise InvalidValueError("weights", weights, "must name at least one part")
        for weight in weights:
            if type(weight) is not int or weight < 0:
                raise InvalidValueError("weights", weights, "must be whole numbers, zero or more")
        total_weight = sum(weights)
        if total_weight == 0:
            raise InvalidValueError("weights", weights, "must not all be zero")
        sign = -1 if self.cents < 0 else 1
        whole = abs(self.cents)
        shares = [whole * weight // total_weight for weight in weights]
        remainders = [whole * weight % total_weight for weight in weights]
        leftover = whole - sum(shares)
        order = sorted(range(len(weights)), key=lambda index: (-remainders[index], index))
        for index in order[:leftover]:
            shares[index] += 1
        return tuple(Money(sign * share) for share in shares)

    def split(self, parts: int) -> tuple[Money, ...]:
        """Split into *parts* equal shares, losing no cent (see [`allocate`][])."""
        if type(parts) is not int or parts < 1:
            raise InvalidValueError("parts", parts, "must be a whole number of at least 1")
        return self.allocate([1] * parts)


_ZERO: Final = Money(0)
