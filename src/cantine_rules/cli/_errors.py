"""Errors as the command and the service report them to programs: kind, message and field."""

from __future__ import annotations

from cantine_rules.errors import (
    CantineRulesError,
    InvalidTypeError,
    InvalidValueError,
    PolicyError,
    UnknownCodeError,
)

__all__ = ["INTERNAL", "USAGE", "error_object"]

USAGE = "UsageError"
"""The kind of an error in the command line itself (an unknown option, a missing argument)."""
INTERNAL = "InternalError"
"""The kind of an error the library did not raise on purpose (exit code 1)."""


def _field(error: BaseException) -> str | None:
    if isinstance(error, InvalidValueError | InvalidTypeError | UnknownCodeError):
        return error.field
    if isinstance(error, PolicyError) and error.problems:
        return error.problems[0].path
    return None


def error_object(error: BaseException, *, usage: bool = False) -> dict[str, str | None]:
    """The JSON object of *error*: its kind, its message and the field it names, if any.

    The kind is the library's error class (``"InvalidValueError"``, ``"UnknownCommuneError"``,
    ``"PolicyError"``…), [`USAGE`][] for the command line itself, or [`INTERNAL`][] for an error
    the library did not raise on purpose.

    Examples:
        >>> from cantine_rules.errors import InvalidValueError
        >>> error = error_object(InvalidValueError("--day", "2024-13-01", "is not a date"))
        >>> error["kind"], error["field"]
        ('InvalidValueError', '--day')
        >>> error["message"]
        "--day: is not a date (got '2024-13-01')"
    """
    if usage:
        kind = USAGE
    elif isinstance(error, CantineRulesError):
        kind = type(error).__name__
    else:
        kind = INTERNAL
    message = str(error) if kind != INTERNAL else f"{type(error).__name__}: {error}"
    return {"kind": kind, "message": message, "field": _field(error)}
