"""Warnings for names that moved: each old name keeps working for one release, then goes."""

from __future__ import annotations

import os
import sys
import warnings

__all__ = ["MOVED_MODULES", "REMOVED_IN", "warn_deprecated", "warn_moved"]

REMOVED_IN = "0.3"
"""The release in which the old names go away."""

MOVED_MODULES = {
    "cantine_rules.policies.booking": "cantine_rules.rules.booking",
    "cantine_rules.policies.deadlines": "cantine_rules.rules.deadlines",
    "cantine_rules.policies.decisions": "cantine_rules.rules.decisions",
    "cantine_rules.policies.late": "cantine_rules.rules.late",
    "cantine_rules.policies.plain": "cantine_rules.plain",
}
"""The old path of each module that moved, and its new path; the old one still imports."""


_LIBRARY = (os.path.dirname(os.path.abspath(__file__)) + os.sep, "<attrs generated")
"""Where the library's frames come from: its folder, and the methods attrs generates for it
(an ``__init__`` calling a default's factory)."""


def warn_deprecated(message: str) -> None:
    """Warn with a `DeprecationWarning` that points at the first caller outside the library.

    The frames in between are not counted by hand: a module's ``__getattr__``, a default's
    factory or any wrapper may sit between the caller and this function, and the warning still
    names the line of the caller's own code.

    Examples:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     warn_deprecated("old")
        >>> caught[0].filename == __file__ or caught[0].filename.startswith("<doctest")
        True
    """
    # stacklevel 1 is this function, 2 its caller; each frame of the library adds one.
    level = 2
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_LIBRARY):
        frame = frame.f_back
        level += 1
    warnings.warn(message, DeprecationWarning, stacklevel=level)


def warn_moved(old: str, new: str) -> None:
    """Warn that *old* (a module or a name) is now *new*, with a `DeprecationWarning`.

    Examples:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     warn_moved("cantine_rules.PARIS", "cantine_rules.EUROPE_PARIS")
        >>> str(caught[0].message)
        'cantine_rules.PARIS is now cantine_rules.EUROPE_PARIS; the old name goes in 0.3'
    """
    warn_deprecated(f"{old} is now {new}; the old name goes in {REMOVED_IN}")
