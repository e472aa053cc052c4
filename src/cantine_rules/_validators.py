"""attrs validators shared by the value classes; each raises the typed error naming the field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar, cast

import attrs

from cantine_rules._time import require_aware
from cantine_rules.errors import (
    EmptyIdentifierError,
    InvalidTypeError,
    InvalidValueError,
    NegativeAmountError,
)
from cantine_rules.money import Money, to_decimal

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def require_identifier(value: object, field: str) -> str:
    """Return *value* if it is a non-empty str with no surrounding white space, else raise."""
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be a str")
    if not value.strip() or value != value.strip():
        raise EmptyIdentifierError(field, value)
    return value


def require_identifiers(values: Iterable[object], field: str) -> tuple[str, ...]:
    """*values* as a tuple of identifiers (see ``require_identifier``); errors name ``field[i]``.

    Examples:
        >>> require_identifiers(["c1", "c2"], "child_ids")
        ('c1', 'c2')
    """
    items = tuple(values)
    for index, value in enumerate(items):
        # A plain, trimmed, non-empty str passes at once; any other is asked of
        # require_identifier, under its own name (built only then: a period names thousands).
        if type(value) is not str or not value or value != value.strip():
            require_identifier(value, f"{field}[{index}]")
    return cast("tuple[str, ...]", items)


def identifier(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string with no surrounding white space."""
    require_identifier(value, attribute.name)


def optional_text(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """None or a str."""
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(attribute.name, value, "must be a str or None")


def require_day(value: object, field: str) -> date:
    """*value* if it is a `datetime.date` (not a datetime), else an error naming *field*.

    Examples:
        >>> require_day(date(2024, 9, 2), "day")
        datetime.date(2024, 9, 2)
    """
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidTypeError(field, value, "must be a datetime.date")
    return value


def require_items(values: Iterable[object], item_type: type[T], field: str) -> tuple[T, ...]:
    """The items of *values* as a tuple, each checked to be an *item_type*."""
    if isinstance(values, str | bytes):
        raise InvalidTypeError(field, values, f"must be an iterable of {item_type.__name__}")
    items = tuple(values)
    for index, item in enumerate(items):
        if not isinstance(item, item_type):
            raise InvalidTypeError(f"{field}[{index}]", item, f"must be a {item_type.__name__}")
    return items  # type: ignore[return-value]


def require_unique_items(
    values: Iterable[object],
    item_type: type[T],
    field: str,
    key_field: str,
    key: Callable[[T], str],
) -> tuple[T, ...]:
    """The items of *values* as a tuple of *item_type*, no two with the same *key*.

    A repeated key is reported at ``field[i].key_field``, the second place it appears.
    """
    items = require_items(values, item_type, field)
    seen: set[str] = set()
    for index, item in enumerate(items):
        code = key(item)
        if code in seen:
            raise InvalidValueError(f"{field}[{index}].{key_field}", code, "appears twice")
        seen.add(code)
    return items


def optional_months(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """None, or a whole number of months from one (the age a document may reach)."""
    if value is None:
        return
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number of months or None")
    if value < 1:
        raise InvalidValueError(attribute.name, value, "must be at least one month")


def a_date(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``datetime.date`` that is not a datetime (a day, not an instant)."""
    require_day(value, attribute.name)


def optional_date(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """None or a ``datetime.date``."""
    if value is not None:
        a_date(instance, attribute, value)


def a_time(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A naive ``datetime.time`` (a wall-clock time in Europe/Paris)."""
    if not isinstance(value, time):
        raise InvalidTypeError(attribute.name, value, "must be a datetime.time")
    if value.tzinfo is not None:
        raise InvalidTypeError(
            attribute.name, value, "must be a wall-clock time without tzinfo (read in Europe/Paris)"
        )


def aware_datetime(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A timezone-aware datetime."""
    require_aware(value, attribute.name)


def non_negative_money(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A [`Money`][] of zero or more."""
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money")
    value.require_non_negative(attribute.name)


def non_negative_decimal(value: object, field: str) -> Decimal:
    """Convert to Decimal (never from float) and refuse a negative number."""
    result = to_decimal(value, field)
    if result < 0:
        raise NegativeAmountError(field, value)
    return result


def enum_member(enum_type: type[E]) -> Any:
    """A validator accepting only members of *enum_type*."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            known = ", ".join(str(member.value) for member in enum_type)
            raise InvalidTypeError(
                attribute.name, value, f"must be a {enum_type.__name__} ({known})"
            )

    return check


def instance_of(kind: type | tuple[type, ...], what: str, *, optional: bool = False) -> Any:
    """A validator accepting only instances of *kind*, and None when *optional*.

    *what* names them in the error (``"a ServiceRules"``); attrs' own ``instance_of`` raises a
    bare ``TypeError`` that names neither the field nor the library.
    """
    reason = f"must be {what} or None" if optional else f"must be {what}"

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) and not (optional and value is None):
            raise InvalidTypeError(attribute.name, value, reason)

    return check


a_bool = instance_of(bool, "a bool")
"""A validator accepting only ``True`` or ``False``: a flag given as 1 or "yes" is refused."""


def tuple_of(item_type: type[Any]) -> Any:
    """A validator for a tuple whose items are all *item_type*."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise InvalidTypeError(attribute.name, value, "must be a tuple")
        for index, item in enumerate(value):
            if not isinstance(item, item_type):
                raise InvalidTypeError(
                    f"{attribute.name}[{index}]", item, f"must be a {item_type.__name__}"
                )

    return check
