"""The family in a billing scenario: its households, the custody weeks of each, its QF records.

Seed 004: « En cas de garde alternée, n'oubliez pas de nous joindre votre jugement de divorce et
de préciser vos semaines de garde » — and a Paris Caisse des écoles asks the two guardians for
« un accord … sur le choix de la semaine paire ou impaire de facturation ». Each household is
billed for its own weeks at its own quotient familial. In a scenario::

    households = ["mere", "pere"]        # the first pays for every child not in custody

    [[custody]]                          # one of three forms, as the family's judgment says
    child = "ines"
    even_weeks = "mere"                  # even ISO weeks; odd ones to the other household
    odd_weeks = "pere"
    # or: first = "mere", second = "pere", from_monday = 2024-09-02   (strict alternation)
    # or: periods = [{ start = 2024-09-01, end = 2024-09-15, household = "mere" }, …]

    [[quotient_records]]                 # each attestation, with the day the commune received it
    household = "mere"                   # optional when the family has one home
    quotient_familial = "500"
    document = "caf_attestation"         # or msa_attestation, tax_notice, …
    issued_on = 2024-06-03
    received_on = 2024-06-20

Examples:
    >>> from datetime import date
    >>> spec = CustodySpec("ines", IsoWeekParity("mere", "pere"))
    >>> spec.households
    ('mere', 'pere')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final

import attrs

from cantine_rules._validators import identifier, require_identifier
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownCodeError
from cantine_rules.model import QuotientFamilial, QuotientFamilialSource
from cantine_rules.plain._read import (
    Parser,
    Reader,
    ReadError,
    Table,
    choice,
    day,
    ident,
    index_path,
    join,
    list_of,
    non_negative_number,
    same_names,
)
from cantine_rules.pricing._custody import (
    CustodyPeriod,
    CustodyRule,
    CustodySchedule,
    EveryOtherWeek,
    IsoWeekParity,
)
from cantine_rules.pricing._quotient import QuotientRecord

__all__ = [
    "SINGLE_HOME",
    "CustodySpec",
    "QuotientSpec",
    "check_family",
    "custody_parser",
    "household_ids",
    "quotient_parser",
    "read_households",
]

SINGLE_HOME: Final = "famille"
"""The household of a family that lists none: the family is billed as one home."""


def _rule(_instance: CustodySpec, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, IsoWeekParity | EveryOtherWeek | CustodySchedule):
        raise InvalidTypeError(
            attribute.name, value, "must be IsoWeekParity, EveryOtherWeek or CustodySchedule"
        )


@attrs.frozen
class CustodySpec:
    """A child in alternating custody and the rule that says whose week each day is.

    Attributes:
        child: the child's id.
        rule: even/odd ISO weeks, strict alternation from a Monday, or explicit periods.

    Examples:
        >>> spec = CustodySpec("ines", IsoWeekParity("mere", "pere"))
        >>> spec.rule.household_for(date(2024, 9, 2))  # ISO week 36
        'mere'
    """

    child: str = attrs.field(validator=identifier)
    rule: CustodyRule = attrs.field(validator=_rule)

    @property
    def households(self) -> tuple[str, ...]:
        """The households the rule names, in the order it names them."""
        rule = self.rule
        if isinstance(rule, IsoWeekParity):
            return (rule.even_weeks, rule.odd_weeks)
        if isinstance(rule, EveryOtherWeek):
            return (rule.first, rule.second)
        assert isinstance(rule, CustodySchedule)
        return tuple(dict.fromkeys(period.household_id for period in rule.periods))

    def uncovered(self, start: date, end: date) -> str | None:
        """The days of *start*..*end* the rule gives to no one, written out; None if none."""
        rule = self.rule
        if not isinstance(rule, CustodySchedule):
            return None  # a week rule gives every day to one of its two households
        missing = []
        if start < rule.start:
            missing.append(f"{start} to {min(end, rule.start - timedelta(days=1))}")
        if end > rule.end:
            missing.append(f"{max(start, rule.end + timedelta(days=1))} to {end}")
        return ", ".join(missing) or None


@attrs.frozen
class QuotientSpec:
    """A quotient familial record of a scenario: the QF, its document and the household's.

    Attributes:
        record: the QF with its document, the day it was issued and the day it was received.
        household: the household it belongs to; None for a family billed as one home.

    Examples:
        >>> qf = QuotientFamilial(Decimal("500"), QuotientFamilialSource.CAF_ATTESTATION,
        ...                       date(2024, 6, 3))
        >>> QuotientSpec(QuotientRecord(qf, date(2024, 6, 20)), "mere").record.received_on
        datetime.date(2024, 6, 20)
    """

    record: QuotientRecord = attrs.field(validator=attrs.validators.instance_of(QuotientRecord))
    household: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(identifier)
    )


def household_ids(value: Iterable[str]) -> tuple[str, ...]:
    """The household ids as a tuple; a lone id is one household, never a tuple of letters."""
    return (value,) if isinstance(value, str) else tuple(value)


# Reading ----------------------------------------------------------------------------------------


def read_households(reader: Reader, value: object, path: str) -> tuple[str, ...]:
    """The household ids, each once, in order (the first pays for children not in custody)."""
    ids = list_of(ident, non_empty=True)(reader, value, path)
    seen: set[str] = set()
    for index, household in enumerate(ids):
        if household in seen:
            raise reader.fail(index_path(path, index), f"household {household!r} appears twice")
        seen.add(household)
    return ids


def _household_of(known: tuple[str, ...] | None) -> Parser[str]:
    listed = ", ".join(known or ()) or "none (list them in households)"

    def parse(reader: Reader, value: object, path: str) -> str:
        household = ident(reader, value, path)
        if known is not None and household not in known:
            raise reader.fail(path, f"unknown household {household!r}; known: {listed}")
        return household

    return parse


def _period(known: tuple[str, ...] | None) -> Parser[CustodyPeriod]:
    def parse(reader: Reader, value: object, path: str) -> CustodyPeriod:
        table = Table(reader, value, path)
        start = table.required("start", day)
        end = table.required("end", day)
        household = table.required("household", _household_of(known))
        table.close()
        return reader.build(
            path,
            {"start": "start", "end": "end", "household_id": "household"},
            lambda: CustodyPeriod(start, end, household),
        )

    return parse


_WEEK_PARITY: Final = ("even_weeks", "odd_weeks")
_ALTERNATION: Final = ("first", "second", "from_monday")


def custody_parser(
    known: tuple[str, ...] | None, child_of: Parser[str], period: tuple[date, date] | None
) -> Parser[CustodySpec]:
    """A parser of one ``[[custody]]`` table.

    Args:
        known: the family's households, if they could be read.
        child_of: the parser of a child's id (one of the family's).
        period: the scenario's first and last days, if they could be read: explicit periods must
            give every day of it to a household.
    """
    household = _household_of(known)

    def parse(reader: Reader, value: object, path: str) -> CustodySpec:
        table = Table(reader, value, path)
        child = table.required("child", child_of)
        forms = [
            name
            for name, keys in (
                ("even_weeks/odd_weeks", _WEEK_PARITY),
                ("first/second/from_monday", _ALTERNATION),
                ("periods", ("periods",)),
            )
            if any(table.has(key) for key in keys)
        ]
        if len(forms) != 1:
            got = " and ".join(forms) or "none"
            reader.fail(
                path,
                "needs exactly one custody form: even_weeks/odd_weeks, "
                f"first/second/from_monday or periods (got {got})",
            )
            table.ok = False
            for key in (*_WEEK_PARITY, *_ALTERNATION, "periods"):
                table.known.append(key)
            table.close()
            raise ReadError
        rule: CustodyRule
        if forms[0] == "even_weeks/odd_weeks":
            even = table.required("even_weeks", household)
            odd = table.required("odd_weeks", household)
            table.close()
            rule = reader.build(
                path,
                same_names("even_weeks", "odd_weeks"),
                lambda: IsoWeekParity(even, odd),
            )
        elif forms[0] == "first/second/from_monday":
            first = table.required("first", household)
            second = table.required("second", household)
            monday = table.required("from_monday", day)
            table.close()
            rule = reader.build(
                path,
                same_names("first", "second", "from_monday"),
                lambda: EveryOtherWeek(first, second, monday),
            )
        else:
            periods = table.required("periods", list_of(_period(known), non_empty=True))
            table.close()
            rule = reader.build(path, same_names("periods"), lambda: CustodySchedule(periods))
        spec = reader.build(path, same_names("child"), lambda: CustodySpec(child, rule))
        if period is not None:
            missing = spec.uncovered(*period)
            if missing is not None:
                raise reader.fail(
                    join(path, "periods"), f"leaves days of the period to no household: {missing}"
                )
        return spec

    return parse


def quotient_parser(known: tuple[str, ...] | None, period_end: date | None) -> Parser[QuotientSpec]:
    """A parser of one ``[[quotient_records]]`` table.

    Args:
        known: the family's households; None when it lists none (one home) or they could not be
            read. With households listed, each record names one of them.
        period_end: the scenario's last day, if it could be read: a record received after the
            period cannot have priced it.
    """

    def parse(reader: Reader, value: object, path: str) -> QuotientSpec:
        table = Table(reader, value, path)
        household = (
            table.required("household", _household_of(known))
            if known
            else table.optional("household", _household_of(()), None)
        )
        quotient: Decimal = table.required("quotient_familial", non_negative_number)
        document = table.required("document", choice(QuotientFamilialSource))
        issued_on = table.required("issued_on", day)
        received_on = table.required("received_on", day)
        table.close()
        if period_end is not None and received_on > period_end:
            raise reader.fail(
                join(path, "received_on"),
                f"is after the period billed (it ends on {period_end}): a record received later "
                "cannot price it",
            )
        record = reader.build(
            path,
            {
                "value": "quotient_familial",
                "source": "document",
                "issued_on": "issued_on",
                "received_on": "received_on",
            },
            lambda: QuotientRecord(QuotientFamilial(quotient, document, issued_on), received_on),
        )
        return QuotientSpec(record, household)

    return parse


def check_family(
    households: tuple[str, ...],
    custody: tuple[CustodySpec, ...],
    records: tuple[QuotientSpec, ...],
    known_children: set[str],
    end: date,
) -> None:
    """The checks a [`Scenario`][cantine_rules.plain.Scenario] makes of its family's homes.

    Raises:
        UnknownCodeError: a custody names a child not listed.
        InvalidValueError: a custody or record names a household not listed, a child has two
            custodies, or a record was received after the period.
    """
    listed = set(households)
    for index, household in enumerate(households):
        require_identifier(household, f"households[{index}]")
        if household in households[:index]:
            raise InvalidValueError(f"households[{index}]", household, "appears twice")
    seen: set[str] = set()
    for index, spec in enumerate(custody):
        if spec.child not in known_children:
            raise UnknownCodeError(f"custody[{index}].child", spec.child, known_children)
        if spec.child in seen:
            raise InvalidValueError(f"custody[{index}].child", spec.child, "has two custodies")
        seen.add(spec.child)
        for household in spec.households:
            if household not in listed:
                raise InvalidValueError(
                    f"custody[{index}]", household, "is not one of the family's households"
                )
    for index, held in enumerate(records):
        if households and held.household not in listed:
            raise InvalidValueError(
                f"quotient_records[{index}].household",
                held.household,
                "must be one of the family's households",
            )
        if not households and held.household is not None:
            raise InvalidValueError(
                f"quotient_records[{index}].household",
                held.household,
                "the family lists no households",
            )
        if held.record.received_on > end:
            raise InvalidValueError(
                f"quotient_records[{index}].received_on",
                held.record.received_on,
                f"is after the period billed (it ends on {end})",
            )
