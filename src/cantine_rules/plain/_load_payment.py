"""Reading the payment terms of a policy: per service, minimum top-up, credits, QF timing.

Each parser records every problem with its path, as the rest of :mod:`cantine_rules.plain._load`
does, and builds the values with their own validators. The policy loader imports this module
where it first needs it, so this one may use the loader's parsers (a source).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from cantine_rules.plain._load import _source
from cantine_rules.plain._read import (
    Parser,
    Reader,
    Table,
    boolean,
    choice,
    decimal_number,
    money,
    same_names,
    table_of,
    tag,
    tagged,
)
from cantine_rules.plain._schema import CREDIT_TAGS, QUOTIENT_EFFECT_TAGS
from cantine_rules.pricing.accounts import (
    CarryForward,
    CreditTreatment,
    MinimumTopUp,
    PaymentScheme,
    Prepayment,
    Refund,
    ServicePayment,
)
from cantine_rules.pricing.tariffs import FromNextMonth, FromReception, QuotientEffect

__all__ = ["credit_treatment", "minimum_top_up", "payment_by_service", "quotient_effect"]


def _prepayment(reader: Reader, value: object, path: str) -> Prepayment:
    table = Table(reader, value, path)
    # Written out even at 100 %: a règlement always says how much is paid in advance.
    share = table.required("share", decimal_number)
    table.close()
    return reader.build(path, same_names("share"), lambda: Prepayment(share))


def _service_payment(code: str) -> Callable[[Reader, object, str], ServicePayment]:
    def read(reader: Reader, value: object, path: str) -> ServicePayment:
        table = Table(reader, value, path)
        scheme = table.required("scheme", choice(PaymentScheme))
        prepayment = table.optional("prepayment", _prepayment, None)
        source = table.required("source", _source)
        table.close()
        return reader.build(
            path,
            same_names("scheme", "prepayment", "source"),
            lambda: ServicePayment(code, scheme, source, prepayment),
        )

    return read


def payment_by_service(reader: Reader, value: object, path: str) -> tuple[ServicePayment, ...]:
    """``payment_by_service``: a table by service code of ``scheme``, ``prepayment``, ``source``.

    Whether each code names a service is checked with the rest of the document's references.
    """

    def read(reader: Reader, item: object, where: str) -> ServicePayment:
        return _service_payment(where.rsplit(".", 1)[-1])(reader, item, where)

    return tuple(table_of(read)(reader, value, path).values())


def minimum_top_up(reader: Reader, value: object, path: str) -> MinimumTopUp:
    """``minimum_top_up``: ``amount`` (above 0), ``per_child`` (true when left out), ``source``."""
    table = Table(reader, value, path)
    amount = table.required("amount", money)
    per_child = table.optional("per_child", boolean, True)
    source = table.required("source", _source)
    table.close()
    return reader.build(
        path,
        same_names("amount", "per_child", "source"),
        lambda: MinimumTopUp(amount, source, per_child),
    )


def _carry_forward(reader: Reader, table: Table) -> CreditTreatment:
    source = table.required("source", _source)
    table.close()
    return reader.build(table.path, same_names("source"), lambda: CarryForward(source))


def _refund(reader: Reader, table: Table) -> CreditTreatment:
    rate = table.required("rate", decimal_number)
    source = table.required("source", _source)
    table.close()
    return reader.build(table.path, same_names("rate", "source"), lambda: Refund(rate, source))


_CREDITS: Final[Mapping[str, Callable[[Reader, Table], CreditTreatment]]] = {
    CREDIT_TAGS[CarryForward]: _carry_forward,
    CREDIT_TAGS[Refund]: _refund,
}


#: ``credit_treatment``: ``{ type = "carry_forward" }`` or ``{ type = "refund", rate }``.
credit_treatment: Final[Parser[CreditTreatment]] = tagged(_CREDITS)


_EFFECTS: Final[Mapping[str, type[FromReception] | type[FromNextMonth]]] = {
    QUOTIENT_EFFECT_TAGS[FromReception]: FromReception,
    QUOTIENT_EFFECT_TAGS[FromNextMonth]: FromNextMonth,
}


def quotient_effect(reader: Reader, value: object, path: str) -> QuotientEffect:
    """``quotient_policy.takes_effect``: ``{ type = "from_reception" }`` or ``"next_month"``."""
    table = Table(reader, value, path)
    kind = _EFFECTS[tag(table, _EFFECTS)]
    table.close()
    return kind()
