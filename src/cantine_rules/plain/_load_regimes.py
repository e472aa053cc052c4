"""Reading the attendance regimes and monthly flat fees of a policy, every problem with its path.

The form, one table per service code::

    [regimes.repas]
    offers = [
        { type = "fixed_days", min_days = 1, changes = { effect = "next_month" }, source = ... },
        { type = "occasional", unit_price = "3.70", source = ... },
    ]
    monthly_fees = [
        { type = "monthly_flat_fee", code = "carte", label = "Carte mensuelle",
          amount = "59.00", refund_per_absent_day = "3.85", source = ... },
    ]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Final, cast

import attrs

from cantine_rules.plain._load_extra import term_months
from cantine_rules.plain._read import (
    Parser,
    Reader,
    ReadError,
    Table,
    boolean,
    choice,
    ident,
    index_path,
    integer,
    join,
    list_of,
    money,
    same_names,
    table_of,
    tag,
    unique,
    weekday,
)
from cantine_rules.plain._schema import FEE_TAGS, REGIME_TAGS, WEEKDAYS
from cantine_rules.pricing._monthly import ChildrenAmount, FeeBasis, MonthlyFlatFee
from cantine_rules.rules.booking import BookingRules
from cantine_rules.rules.regimes import (
    MAX_NOTICE_DAYS,
    ChangeEffect,
    DayChangeTerms,
    FixedDays,
    Occasional,
    Regime,
    ServiceRegimes,
)
from cantine_rules.sources import Source

__all__ = ["check_regimes", "load_regimes"]

_FIXED_LABEL: Final = cast(str, attrs.fields_dict(FixedDays)["label"].default)
_OCCASIONAL_LABEL: Final = cast(str, attrs.fields_dict(Occasional)["label"].default)
_DAYS: Final = integer(minimum=1, maximum=7)
_PENDING_CODE: Final = "pending"
_NOTICE: Final = integer(minimum=0, maximum=MAX_NOTICE_DAYS)

SourceParser = Parser[Source]


def _changes(source_of: SourceParser) -> Parser[DayChangeTerms]:
    def read(reader: Reader, value: object, path: str) -> DayChangeTerms:
        table = Table(reader, value, path)
        effect = table.required("effect", choice(ChangeEffect))
        notice = table.optional("notice_days", _NOTICE, 0)
        commune = table.optional("through_commune", boolean, True)
        source = table.optional("source", source_of, None)
        table.close()
        return reader.build(
            path,
            same_names("effect", "notice_days", "through_commune", "source"),
            lambda: DayChangeTerms(effect, notice, commune, source),
        )

    return read


def _fixed_days(reader: Reader, table: Table, source_of: SourceParser) -> Regime:
    changes = table.required("changes", _changes(source_of))
    source = table.required("source", source_of)
    low = table.optional("min_days", _DAYS, 1)
    high = table.optional("max_days", _DAYS, None)
    price = table.optional("unit_price", money, None)
    label = table.optional("label", ident, _FIXED_LABEL)
    weekdays = table.optional("weekdays", _weekdays, None)
    table.close()
    return reader.build(
        table.path,
        same_names("changes", "source", "label", "min_days", "max_days", "unit_price", "weekdays"),
        lambda: FixedDays(changes, source, low, high, price, label, weekdays),
    )


def _weekdays(reader: Reader, value: object, path: str) -> frozenset[int]:
    days = list_of(weekday, non_empty=True)(reader, value, path)
    if not unique(reader, ((index_path(path, i), WEEKDAYS[d]) for i, d in enumerate(days)), "day"):
        raise ReadError
    return frozenset(days)


def _occasional(reader: Reader, table: Table, source_of: SourceParser) -> Regime:
    source = table.required("source", source_of)
    price = table.optional("unit_price", money, None)
    label = table.optional("label", ident, _OCCASIONAL_LABEL)
    table.close()
    return reader.build(
        table.path,
        same_names("source", "unit_price", "label"),
        lambda: Occasional(source, price, label),
    )


_REGIMES: Final[Mapping[str, Callable[[Reader, Table, SourceParser], Regime]]] = {
    REGIME_TAGS[FixedDays]: _fixed_days,
    REGIME_TAGS[Occasional]: _occasional,
}


def _children_amount(reader: Reader, value: object, path: str) -> ChildrenAmount:
    table = Table(reader, value, path)
    children = table.required("children", integer(minimum=2, maximum=99))
    amount = table.required("amount", money)
    table.close()
    return reader.build(
        path, same_names("children", "amount"), lambda: ChildrenAmount(children, amount)
    )


def _fee(source_of: SourceParser) -> Parser[MonthlyFlatFee]:
    def read(reader: Reader, value: object, path: str) -> MonthlyFlatFee:
        table = Table(reader, value, path)
        tag(table, _FEE_TYPES)
        code = table.required("code", ident)
        label = table.required("label", ident)
        amount = table.required("amount", money)
        source = table.required("source", source_of)
        per = table.optional("per", choice(FeeBasis), FeeBasis.CHILD)
        by_children = table.optional("by_children", list_of(_children_amount), ())
        refund = table.optional("refund_per_absent_day", money, None)
        term = table.optional("term_months", term_months, ())
        table.close()
        return reader.build(
            path,
            same_names(
                "code", "label", "amount", "source", "per", "by_children", "refund_per_absent_day"
            )
            | same_names("term_months"),
            lambda: MonthlyFlatFee(code, label, amount, source, per, by_children, refund, term),
        )

    return read


_FEE_TYPES: Final = tuple(FEE_TAGS.values())


def _offers(source_of: SourceParser) -> Parser[tuple[Regime, ...]]:
    def offer(reader: Reader, value: object, path: str) -> Regime:
        table = Table(reader, value, path)
        return _REGIMES[tag(table, _REGIMES)](reader, table, source_of)

    return list_of(offer)


def load_regimes(source_of: SourceParser) -> Parser[dict[str, ServiceRegimes]]:
    """A parser of the ``regimes`` table: one table of offers and fees per service code.

    *source_of* is the policy reader's parser of a ``source`` table, so that sources read alike
    everywhere.
    """

    def one(reader: Reader, value: object, path: str) -> ServiceRegimes:
        table = Table(reader, value, path)
        offers = table.optional("offers", _offers(source_of), ())
        fees = table.optional("monthly_fees", list_of(_fee(source_of)), ())
        if (
            table.ok
            and fees
            and not unique(
                reader,
                (
                    (join(index_path(join(path, "monthly_fees"), i), "code"), f.code)
                    for i, f in enumerate(fees)
                ),
                "fee code",
            )
        ):
            table.ok = False
        table.close()
        # The service's code is the table's key, set by the caller below once the key is read.
        return reader.build(
            path,
            same_names("offers", "monthly_fees"),
            lambda: ServiceRegimes(_PENDING_CODE, offers, fees),
        )

    def read(reader: Reader, value: object, path: str) -> dict[str, ServiceRegimes]:
        parsed = table_of(one)(reader, value, path)
        # A quoted key's code is the key itself, not its quoted path.
        return {code: attrs.evolve(item, service_code=code) for code, item in parsed.items()}

    return read


def check_regimes(
    reader: Reader, booking: BookingRules, regimes: Mapping[str, ServiceRegimes]
) -> bool:
    """Check each service's regimes against the booking rules, at its path; True when all fit."""
    known = {service.code for service in booking.services}
    listed = ", ".join(sorted(known))
    ok = True
    for code, service_regimes in regimes.items():
        path = join("regimes", code)
        if code not in known:
            reader.fail(path, f"unknown service {code!r} (the services are: {listed})")
            ok = False
            continue
        try:
            reader.build(
                path, same_names("offers"), partial(service_regimes.check_against, booking)
            )
        except ReadError:
            ok = False
    return ok
