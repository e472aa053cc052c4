"""Reading a policy's direct-debit terms: ``direct_debit = { pre_notification_days, … }``.

The policy loader imports this module where it first needs it, so this one may use the
loader's parsers (a source).
"""

from __future__ import annotations

from cantine_rules.plain._load import _source
from cantine_rules.plain._read import Reader, Table, integer, money, same_names
from cantine_rules.pricing._direct_debit import MAX_PRE_NOTIFICATION_DAYS, DirectDebitTerms

__all__ = ["direct_debit"]


def direct_debit(reader: Reader, value: object, path: str) -> DirectDebitTerms:
    """``direct_debit``: ``pre_notification_days`` (1 to 366), ``return_fee`` if any, ``source``."""
    table = Table(reader, value, path)
    days = table.required(
        "pre_notification_days", integer(minimum=1, maximum=MAX_PRE_NOTIFICATION_DAYS)
    )
    fee = table.optional("return_fee", money, None)
    source = table.required("source", _source)
    table.close()
    return reader.build(
        path,
        same_names("pre_notification_days", "return_fee", "source"),
        lambda: DirectDebitTerms(days, source, fee),
    )
