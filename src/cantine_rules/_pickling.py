"""Pickling values and errors the same way in every process.

A value crosses processes (a process pool, ``multiprocessing``, Dask, Spark) as a pickle. Two
things stand in the way of the standard ``pickle``, and this module removes both in one place:

- A ``frozenset`` of strings or enums iterates in an order set by the process's string hashing
  (``PYTHONHASHSEED``), and pickle writes it in that order: equal values would give different
  bytes in two processes. A read-only view (``mappingproxy``) cannot be pickled at all. And a
  table derived from the fields, kept for speed, should not travel: the receiving process
  rebuilds it.
  [`pickled_by_fields`][] makes a frozen attrs class pickle the fields its constructor takes,
  sets in a sorted order and views as plain dicts, and rebuild the rest on arrival.
- An exception pickles as its class called with its message, which a class taking a field and a
  value cannot be called with. [`rebuilt_error`][] brings one back with its fields as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

_Class = TypeVar("_Class", bound=type)


def _read_only(items: dict[Any, Any]) -> Mapping[Any, Any]:
    """An unpickled read-only view."""
    return MappingProxyType(items)


class _Rebuilt:
    """A set or a view on its way into a pickle: the call that rebuilds it, with its items."""

    __slots__ = ("call", "items")

    def __init__(self, call: Callable[[Any], Any], items: object) -> None:
        self.call = call
        self.items = items

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.call, (self.items,)


def _in_order(value: object) -> object:
    """*value* as it is pickled: sets sorted, views as dicts, inside tuples too."""
    if isinstance(value, frozenset):
        # By repr: the items these sets hold (strings, enums, dates and tuples of them) have a
        # repr that is the same in every process and tells unequal items apart.
        return _Rebuilt(frozenset, tuple(sorted(value, key=repr)))
    if isinstance(value, MappingProxyType):
        return _Rebuilt(_read_only, {key: _in_order(item) for key, item in value.items()})
    if type(value) is tuple:
        items = tuple(_in_order(item) for item in value)
        # The same tuple when nothing changed, so pickle still shares what the value shares.
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return items
    return value


def pickled_by_fields(cls: _Class) -> _Class:
    """Make a frozen attrs class pickle by the fields its constructor takes.

    The state is the tuple of those fields in order, each ``frozenset`` sorted and each
    read-only view as a dict. Fields derived from them (``init=False``) are left out and rebuilt
    on arrival, from their default and by ``__attrs_post_init__``, as the constructor builds
    them. Equal values so pickle to equal bytes, whatever the process and whatever was asked of
    them before.

    Examples:
        >>> import pickle
        >>> from cantine_rules.calendar import FOUR_DAYS
        >>> pickle.loads(pickle.dumps(FOUR_DAYS)) == FOUR_DAYS
        True
    """
    names = tuple(field.name for field in attrs.fields(cls) if field.init)
    # Derived fields with a default are set as attrs's __init__ sets them, before the post-init.
    derived = tuple(
        (field.name, field.default)
        for field in attrs.fields(cls)
        if not field.init and field.default is not attrs.NOTHING
    )
    rebuild = getattr(cls, "__attrs_post_init__", None)

    def getstate(self: object) -> tuple[object, ...]:
        return tuple(_in_order(getattr(self, name)) for name in names)

    def setstate(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            # The class is frozen: its own fields are set as attrs sets them.
            object.__setattr__(self, name, value)
        for name, default in derived:
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                value = default.factory(self) if default.takes_self else default.factory()
            else:
                value = default
            object.__setattr__(self, name, value)
        if rebuild is not None:
            rebuild(self)

    cls.__getstate__ = getstate  # type: ignore[method-assign,assignment]
    cls.__setstate__ = setstate  # type: ignore[attr-defined]
    return cls


def rebuilt_error(cls: type[BaseException], args: tuple[Any, ...], fields: dict[str, Any]) -> Any:
    """An unpickled error: its message and its fields as they were, its ``__init__`` not run.

    Examples:
        >>> import pickle
        >>> from cantine_rules.errors import InvalidValueError
        >>> back = pickle.loads(pickle.dumps(InvalidValueError("day", 3, "must be a date")))
        >>> back.field, back.value, str(back)
        ('day', 3, 'day: must be a date (got 3)')
    """
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(fields)
    return error


def error_reduce(error: BaseException) -> tuple[Any, tuple[Any, ...]]:
    """How an error is pickled: its class, its message, its fields (see `rebuilt_error`)."""
    return rebuilt_error, (type(error), error.args, dict(vars(error)))
