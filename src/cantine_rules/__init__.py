r"""cantine_rules: the rules of French school canteens and periscolaire services.

Who may book or cancel which service on which day until when, what a late change costs, which
tariff a family pays, and what its account says, as pure functions over immutable values.

Examples:
    >>> from cantine_rules import Money
    >>> print((Money.euros("3.60") * 4).format("fr_FR"))
    14,40 €
"""

from cantine_rules._deprecation import warn_moved
from cantine_rules._time import EUROPE_PARIS, at_paris
from cantine_rules.errors import (
    CantineRulesError,
    EmptyIdentifierError,
    FloatMoneyError,
    IllegalTransitionError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    NegativeAmountError,
    PolicyError,
    UnknownCommuneError,
    UnknownServiceError,
)
from cantine_rules.model import (
    BillingUnit,
    Booking,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Guardian,
    Household,
    Justification,
    QuotientFamilial,
    QuotientFamilialSource,
    RequestState,
    SchoolLevel,
    Service,
    ServiceKind,
)
from cantine_rules.money import Money, round_to_cent

__version__ = "0.1.0.dev0"
"""The version of this package."""

__all__ = [
    "EUROPE_PARIS",
    "BillingUnit",
    "Booking",
    "BookingChange",
    "CantineRulesError",
    "ChangeAction",
    "Channel",
    "Child",
    "EmptyIdentifierError",
    "Family",
    "FloatMoneyError",
    "Guardian",
    "Household",
    "IllegalTransitionError",
    "InvalidTypeError",
    "InvalidValueError",
    "Justification",
    "Money",
    "NaiveDatetimeError",
    "NegativeAmountError",
    "PolicyError",
    "QuotientFamilial",
    "QuotientFamilialSource",
    "RequestState",
    "SchoolLevel",
    "Service",
    "ServiceKind",
    "UnknownCommuneError",
    "UnknownServiceError",
    "__version__",
    "at_paris",
    "round_to_cent",
]


def __getattr__(name: str) -> object:
    # Names that moved keep working for one release, with a DeprecationWarning.
    if name == "PARIS":
        warn_moved("cantine_rules.PARIS", "cantine_rules.EUROPE_PARIS")
        return EUROPE_PARIS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
