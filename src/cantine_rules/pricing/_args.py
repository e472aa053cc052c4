"""Checks of plain function arguments, raising the typed errors that name the argument.

Examples:
    >>> require_day(date(2024, 9, 2), "day")
    datetime.date(2024, 9, 2)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

from cantine_rules.errors import InvalidTypeError

__all__ = ["require_day", "require_items"]

T = TypeVar("T")


def require_day(value: object, field: str) -> date:
    """*value* if it is a ``datetime.date`` (not a datetime), else [`InvalidTypeError`][]."""
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
