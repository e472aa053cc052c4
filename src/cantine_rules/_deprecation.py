"""Warnings for names that moved: each old name keeps working for one release, then goes."""

from __future__ import annotations

import warnings

__all__ = ["MOVED_MODULES", "REMOVED_IN", "warn_moved"]

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


def warn_moved(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that *old* (a module or a name) is now *new*, with a `DeprecationWarning`.

    Examples:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     warn_moved("cantine_rules.PARIS", "cantine_rules.EUROPE_PARIS")
        >>> str(caught[0].message)
        'cantine_rules.PARIS is now cantine_rules.EUROPE_PARIS; the old name goes in 0.3'
    """
    warnings.warn(
        f"{old} is now {new}; the old name goes in {REMOVED_IN}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )
