"""A commune's direct-debit terms: the pre-notification delay and the fee of a returned debit.

A family that « adhère au prélèvement automatique » (seed 004) is told, before each debit, what
will be taken and when: the SEPA Core rulebook asks the creditor to send this pre-notification
at least **14 calendar days** before the collection date, unless creditor and debtor agreed on
another delay. A commune whose règlement says nothing about it keeps those 14 days, marked as a
default where [`explain`][cantine_rules.policies.commune.CommunePolicy.explain] states them.

A debit the family's bank sends back (an R-transaction: insufficient funds, closed account,
revoked mandate) may cost the family a fee the commune sets in its règlement.

Examples:
    >>> from cantine_rules.sources import Source
    >>> terms = DirectDebitTerms(10, Source.example("prélevé 10 jours après l'avis"))
    >>> terms.collection_date(date(2024, 10, 31))
    datetime.date(2024, 11, 10)
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

import attrs

from cantine_rules._validators import require_day
from cantine_rules.errors import InvalidTypeError, OutOfRangeError
from cantine_rules.money import Money
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.sources import Source

__all__ = [
    "DEFAULT_DIRECT_DEBIT_TERMS",
    "DEFAULT_PRE_NOTIFICATION_DAYS",
    "MAX_PRE_NOTIFICATION_DAYS",
    "DirectDebitTerms",
]

DEFAULT_PRE_NOTIFICATION_DAYS: Final = 14
"""The SEPA Core rulebook's pre-notification delay, in calendar days, when none was agreed."""

MAX_PRE_NOTIFICATION_DAYS: Final = 366
"""The longest delay the library accepts: a debit announced more than a year ahead is a typo."""


def _days(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be a whole number of days")
    if not 1 <= value <= MAX_PRE_NOTIFICATION_DAYS:
        raise OutOfRangeError(
            attribute.name, value, f"must be from 1 to {MAX_PRE_NOTIFICATION_DAYS} calendar days"
        )


def _fee(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money or None")
    if value.is_negative() or value.is_zero():
        raise OutOfRangeError(attribute.name, value, "must be above 0,00 € (leave it out: no fee)")


@attrs.frozen
class DirectDebitTerms:
    """How a commune collects by direct debit: the pre-notification delay and a return fee.

    Attributes:
        pre_notification_days: how many calendar days after the family is told the amount the
            debit may be collected, at least (1 to 366; the SEPA rulebook's 14 when not agreed).
        source: where the delay (and the fee) come from.
        return_fee: what the commune charges the family for a debit its bank sent back, or
            None when the règlement sets no fee.

    Examples:
        >>> terms = DirectDebitTerms(14, Source.default("the SEPA rulebook's 14 days"))
        >>> terms.collection_date(date(2024, 10, 31)), terms.return_fee
        (datetime.date(2024, 11, 14), None)
    """

    pre_notification_days: int = attrs.field(validator=_days)
    source: Source = attrs.field(validator=a_source)
    return_fee: Money | None = attrs.field(default=None, validator=_fee)

    def collection_date(self, notified_on: date) -> date:
        """The earliest day a debit notified on *notified_on* may be collected.

        Examples:
            >>> terms = DirectDebitTerms(14, Source.default("SEPA"))
            >>> terms.collection_date(date(2024, 12, 20))
            datetime.date(2025, 1, 3)
        """
        require_day(notified_on, "notified_on")
        return notified_on + timedelta(days=self.pre_notification_days)


DEFAULT_DIRECT_DEBIT_TERMS: Final = DirectDebitTerms(
    DEFAULT_PRE_NOTIFICATION_DAYS,
    Source.default(
        "the règlement states no delay: the SEPA Core rulebook's pre-notification at least "
        "14 calendar days before the collection date"
    ),
)
"""The terms of a commune whose règlement says nothing of direct debits: 14 days, no fee."""
