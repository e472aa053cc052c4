"""The reference communes' figures that `pricing` held, and where they are now.

A commune's figures live in its own module under [`cantine_rules.policies`][] (its grid, its
dossier, its wallet's reminder threshold and payment modes); `pricing` keeps the generic code.
The old names keep working for one release, with a `DeprecationWarning`, and so does a
[`Wallet`][cantine_rules.pricing.accounts.Wallet] built without its threshold or modes. The
commune module is imported only when an old name or default is asked for, so that `pricing`
never imports `policies` otherwise.

This module is the only one of `pricing` that names a commune.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Final, cast

from cantine_rules._deprecation import REMOVED_IN, warn_deprecated, warn_moved
from cantine_rules.money import Money
from cantine_rules.pricing._payment import PaymentMode

__all__ = ["MOVED_NAMES", "default_alert_threshold", "default_credit_modes", "moved_name"]

MOVED_NAMES: Final[Mapping[str, Mapping[str, str]]] = {
    "cantine_rules.pricing.tariffs": {
        "LUTINS_GOURMANDS_MEAL": "cantine_rules.policies.lutins_gourmands.MEAL",
        "PARIS_DOSSIER_2024": "cantine_rules.policies.paris.DOSSIER_2024",
        "PARIS_MEAL_GRID_2020": "cantine_rules.policies.paris.MEAL_GRID_2020",
        "PARIS_MEAL_RANGES_2020": "cantine_rules.policies.paris.MEAL_RANGES_2020",
        "PARIS_MEAL_TARIFFS": "cantine_rules.policies.paris.MEAL_TARIFFS",
        "PARIS_QUOTIENT_POLICY_2024": "cantine_rules.policies.paris.QUOTIENT_POLICY_2024",
    },
    "cantine_rules.pricing.accounts": {
        "CHANTRAINE_ALERT_THRESHOLD": "cantine_rules.policies.chantraine.ALERT_THRESHOLD",
        "CHANTRAINE_CREDIT_MODES": "cantine_rules.policies.chantraine.CREDIT_MODES",
    },
}
"""For each public module of `pricing`, its old names and the full name each is now."""


def _resolve(full_name: str) -> object:
    module, _, attribute = full_name.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


def moved_name(module: str, name: str) -> object:
    """The value of *name*, which moved out of *module*, with a `DeprecationWarning`.

    Called by the module-level ``__getattr__`` (PEP 562) of `pricing.tariffs` and
    `pricing.accounts`, so it runs only for a name the module does not define.

    Raises:
        AttributeError: *module* never had *name*, as for any missing attribute.

    Examples:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     moved_name("cantine_rules.pricing.accounts", "CHANTRAINE_ALERT_THRESHOLD")
        Money.euros('30.00')
        >>> caught[0].category.__name__
        'DeprecationWarning'
    """
    new = MOVED_NAMES[module].get(name)
    if new is None:
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    warn_moved(f"{module}.{name}", new)
    return _resolve(new)


def _warn_wallet_default(field: str, new: str) -> None:
    # The warning names the code that built the Wallet, outside the library.
    warn_deprecated(
        f"Wallet() without {field} takes Chantraine's ({new}); give it, or take a commune's "
        f"wallet with CommunePolicy.wallet(); the default goes in {REMOVED_IN}"
    )


def default_alert_threshold() -> Money:
    """Chantraine's reminder threshold, the deprecated default of `Wallet.alert_threshold`."""
    new = "cantine_rules.policies.chantraine.ALERT_THRESHOLD"
    _warn_wallet_default("alert_threshold", new)
    return cast(Money, _resolve(new))


def default_credit_modes() -> frozenset[PaymentMode]:
    """Chantraine's credit modes, the deprecated default of `Wallet.accepted_modes`."""
    new = "cantine_rules.policies.chantraine.CREDIT_MODES"
    _warn_wallet_default("accepted_modes", new)
    return cast(frozenset[PaymentMode], _resolve(new))
