"""Reading command-line values: each bad value is a typed error naming the option."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from cantine_rules._time import EUROPE_PARIS
from cantine_rules.errors import InvalidValueError, NegativeAmountError

__all__ = ["Notes", "parse_day", "parse_instant", "parse_month", "parse_quotient"]


class Notes(list[str]):
    """What the command assumed, said back in its output (a datetime read as Europe/Paris)."""


def parse_day(text: str, option: str) -> date:
    """A ``YYYY-MM-DD`` day."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValueError(option, text, "is not a date (YYYY-MM-DD)") from None


def parse_month(text: str, option: str) -> tuple[int, int]:
    """A ``YYYY-MM`` month, as (year, month)."""
    try:
        first = date.fromisoformat(text.strip() + "-01")
    except ValueError:
        raise InvalidValueError(option, text, "is not a month (YYYY-MM)") from None
    return first.year, first.month


def parse_instant(text: str, option: str, notes: Notes) -> datetime:
    """An ISO 8601 datetime; one without an offset is read as Europe/Paris, and *notes* say so."""
    try:
        instant = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValueError(
            option, text, "is not a datetime (YYYY-MM-DDTHH:MM[:SS][+HH:MM])"
        ) from None
    if instant.tzinfo is None:
        notes.append(f"{option} {text} has no offset: read as Europe/Paris")
        return instant.replace(tzinfo=EUROPE_PARIS)
    return instant


def parse_quotient(text: str, option: str) -> Decimal:
    """A quotient familial in euros: a decimal number, zero or more."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InvalidValueError(option, text, "is not a number") from None
    if not value.is_finite():
        raise InvalidValueError(option, text, "must be a finite number")
    if value < 0:
        raise NegativeAmountError(option, text)
    return value
