"""The quotient familial: reading one, computing one, and which one applies on a day.

**Rounding of a computed QF.** A quotient familial is euros per month per part. The helpers here
compute it exactly in `Decimal` and then round it *down* to the whole euro
([`round_quotient`][]). This is the library's choice, not a rule any source gives: grids are
written in whole euros (« T1 QF 0–234 », « T2 235–384 »), so a whole-euro QF falls in
exactly one written range, and rounding down never moves a family into a dearer bracket for a
fraction of a euro. A QF read from an attestation is taken as written, not rounded; brackets are
declared by lower thresholds, so a QF of 234,50 € still lies below the 235 € threshold.

**Which record applies** ([`QuotientPolicy.applicable_quotient`][]): a record counts only if
its attestation was young enough on the day the commune received it; a record received by the
registration deadline counts for every day; one received later (a dossier regularised late, or a
new attestation during the year), or any record when the commune sets no registration deadline,
counts from the first day its [`QuotientEffect`][] gives — the day it was received
([`FromReception`][]) or the 1st of the following month ([`FromNextMonth`][]) — never earlier:
no retroactive reduction. With no record in force the family pays the tariff's default (seed
004: « le tarif maximal (tarif 10) »).

**A reference date.** A commune may take the QF of one day of the year as the reference
([`ReferenceDate`][], « Le quotient familial CAF de référence est celui du 31/03 de l'année en
cours »): for a school year, a record counts only if its document was issued on or after that
day; an older one states an earlier QF and leaves the family at the tariff's default.

**A QF of 0 may mean "unknown".** The CAF's API Particulier answers 0 when it cannot compute a
quotient. A policy with ``zero_means_unknown`` reads such a record as no QF at all, so the
tariff's default for an unknown QF applies (often the maximum), never the cheapest bracket.

Examples:
    >>> quotient_from_resources(Money.euros("2400"), Money.euros("150"), Decimal("3"))
    Decimal('850')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any, Final

import attrs

from cantine_rules._validators import (
    a_bool,
    a_date,
    enum_member,
    optional_date,
    optional_months,
    require_day,
    require_items,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.model import QuotientFamilial, QuotientFamilialSource
from cantine_rules.money import Money, to_decimal
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.pricing._tariffs import optional_quotient, quotient_value
from cantine_rules.sources import Source

__all__ = [
    "AGED_SOURCES",
    "QF_QUANTUM",
    "AppliedQuotient",
    "FromNextMonth",
    "FromReception",
    "QuotientEffect",
    "QuotientPolicy",
    "QuotientRecord",
    "QuotientStatus",
    "ReferenceDate",
    "expires_on",
    "quotient_from_resources",
    "quotient_from_tax_notice",
    "quotient_value",
    "round_quotient",
]

QF_QUANTUM: Final = Decimal("1")
"""A computed QF is a whole number of euros (see the module docstring)."""

AGED_SOURCES: Final = frozenset(
    {QuotientFamilialSource.CAF_ATTESTATION, QuotientFamilialSource.MSA_ATTESTATION}
)
"""The documents whose age is limited: attestations state a QF at a date and go stale. A tax
notice is dated by its tax year; seed 004 gives it no age limit.
"""


def round_quotient(value: Decimal) -> Decimal:
    """Round a computed QF down to the whole euro (the library's rule; see the module docstring).

    Examples:
        >>> round_quotient(Decimal("234.99"))
        Decimal('234')
    """
    return value.quantize(QF_QUANTUM, rounding=ROUND_FLOOR)


def _parts(value: object) -> Decimal:
    parts = to_decimal(value, "parts")
    if parts <= 0:
        raise InvalidValueError("parts", value, "a household has more than zero parts")
    return parts


def _resources(value: object, field: str) -> Decimal:
    if not isinstance(value, Money):
        raise InvalidTypeError(field, value, "must be Money")
    return value.require_non_negative(field).amount


def quotient_from_resources(
    monthly_taxable_resources: Money, monthly_family_benefits: Money, parts: Decimal | str | int
) -> Decimal:
    """The QF from resources: (monthly taxable resources + monthly family benefits) / parts.

    The result is rounded down to the whole euro ([`round_quotient`][]). The formula is that of
    the public reference of seed 004 (cde7.fr); *parts* may be fractional (2,5).

    Args:
        monthly_taxable_resources: one twelfth of the household's yearly taxable resources.
        monthly_family_benefits: the family benefits received each month.
        parts: the household's number of parts (a str, int or Decimal; never a float).

    Examples:
        >>> quotient_from_resources(Money.euros("1800"), Money.euros("0"), "2.5")
        Decimal('720')
    """
    resources = _resources(monthly_taxable_resources, "monthly_taxable_resources")
    benefits = _resources(monthly_family_benefits, "monthly_family_benefits")
    return round_quotient((resources + benefits) / _parts(parts))


def quotient_from_tax_notice(
    revenu_fiscal_de_reference: Money, parts: Decimal | str | int
) -> Decimal:
    """QF of a family that is not a CAF beneficiary: revenu fiscal de référence / 12 / parts.

    Read from « L'avis d'imposition ou de non-imposition N-1 indiquant les revenus N-2 » (seed
    004); rounded down to the whole euro ([`round_quotient`][]).

    Examples:
        >>> quotient_from_tax_notice(Money.euros("30000"), 3)
        Decimal('833')
    """
    income = _resources(revenu_fiscal_de_reference, "revenu_fiscal_de_reference")
    return round_quotient(income / 12 / _parts(parts))


def expires_on(issued_on: date, max_age_months: int) -> date:
    """The first day a document issued on *issued_on* is no longer « de moins de N mois ».

    Months are calendar months; a day missing from the target month moves to its last day.

    Examples:
        >>> expires_on(date(2024, 5, 31), 3)
        datetime.date(2024, 8, 31)
    """
    # dateutil is imported where it is first used: a process that checks no document's age
    # (most do not) does not pay for loading it.
    from dateutil.relativedelta import relativedelta

    return issued_on + relativedelta(months=max_age_months)


class QuotientStatus(StrEnum):
    """Why a QF does or does not apply on a day."""

    APPLIED = "applied"
    """A valid record is in force; the family pays the bracket of its QF."""
    NO_RECORD = "no_record"
    """No record was received by that day (or at all): the tariff's default applies."""
    EXPIRED = "expired"
    """Only attestations already too old when received: the tariff's default applies."""
    AWAITING_REGULARISATION = "awaiting_regularisation"
    """A valid record was received after the deadline but does not count yet on that day: the
    default applies until it takes effect (no retroactive reduction)."""
    BEFORE_REFERENCE_DATE = "before_reference_date"
    """Every valid record was issued before the reference date of the day's school year: it
    states an earlier QF than the one the commune takes, so the tariff's default applies."""
    UNKNOWN_QUOTIENT = "unknown_quotient"
    """The record in force states a QF of 0, which the policy reads as "could not be computed"
    (``zero_means_unknown``): the tariff's default applies."""


@attrs.frozen
class FromReception:
    """A record counts from the day the commune received it.

    Seed 004: after the registration deadline the maximum tariff applies « jusqu'à la
    régularisation de votre dossier », with no retroactive reduction.

    Examples:
        >>> FromReception().first_day(date(2025, 1, 31))
        datetime.date(2025, 1, 31)
    """

    def first_day(self, received_on: date) -> date:
        """The first service day a record received on *received_on* counts for."""
        return require_day(received_on, "received_on")


@attrs.frozen
class FromNextMonth:
    """A record counts from the 1st of the month after the one it was received in.

    « La modification tarifaire interviendra sur le mois suivant la réception du courrier sans
    rétroactivité » (a commune's tariffs of its restaurant scolaire): a letter received on 31
    January counts from 1 February, one received on 1 February from 1 March.

    Examples:
        >>> effect = FromNextMonth()
        >>> effect.first_day(date(2025, 1, 31)), effect.first_day(date(2025, 2, 1))
        (datetime.date(2025, 2, 1), datetime.date(2025, 3, 1))
    """

    def first_day(self, received_on: date) -> date:
        """The 1st of the month after *received_on*."""
        day = require_day(received_on, "received_on")
        if day.month == 12:
            return date(day.year + 1, 1, 1)
        return date(day.year, day.month + 1, 1)


QuotientEffect = FromReception | FromNextMonth
"""From when a record received during the year counts."""


def _month_day(instance: ReferenceDate, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(attribute.name, value, "must be an int")
    if attribute.name == "month" and not 1 <= value <= 12:
        raise InvalidValueError("month", value, "must be from 1 to 12")
    if attribute.name == "day":
        # A leap year's 29 February is refused: in three years of four that day does not exist.
        last = date(2023, instance.month % 12 + 1, 1) - timedelta(days=1)
        if not 1 <= value <= last.day:
            raise InvalidValueError("day", value, f"must be from 1 to {last.day} in that month")


@attrs.frozen
class ReferenceDate:
    """The day of the year whose quotient familial the commune takes for a school year.

    The reference day of a school year is that day in the calendar year the school year starts
    in, when it comes by 1 September (31 March: the 31 March before the rentrée), else in the
    year before. The library's reading of « de l'année en cours »: a tariff is set for a school
    year, and a QF must be known when the year starts. A record counts for a day only if its
    document was issued on or after the reference day of the day's school year; the library
    cannot tell from a date which month an attestation states, so a later one is taken as
    stating the reference QF.

    Fay-aux-Loges: « Le quotient familial CAF de référence est celui du 31/03 de l'année en
    cours » is ``ReferenceDate(3, 31)``.

    Examples:
        >>> ReferenceDate(3, 31).for_day(date(2025, 9, 1)), ReferenceDate(3, 31).for_day(
        ...     date(2026, 7, 3))
        (datetime.date(2025, 3, 31), datetime.date(2025, 3, 31))
        >>> ReferenceDate(2, 30)
        Traceback (most recent call last):
        ...
        cantine_rules.errors.InvalidValueError: day: must be from 1 to 28 in that month (got 30)
    """

    month: int = attrs.field(validator=_month_day)
    day: int = attrs.field(validator=_month_day)

    def for_day(self, day: date) -> date:
        """The reference day of the school year *day* belongs to (1 September to 31 August)."""
        require_day(day, "day")
        start_year = day.year if day.month >= 9 else day.year - 1
        in_start_year = date(start_year, self.month, self.day)
        if in_start_year <= date(start_year, 9, 1):
            return in_start_year
        return date(start_year - 1, self.month, self.day)

    def states(self, record: QuotientRecord, day: date) -> bool:
        """True when *record*'s document was issued on or after the reference day of *day*."""
        return record.quotient.issued_on >= self.for_day(day)


def _reference(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, ReferenceDate):
        raise InvalidTypeError(attribute.name, value, "must be a ReferenceDate or None")


def _effect(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, FromReception | FromNextMonth):
        raise InvalidTypeError(attribute.name, value, "must be FromReception or FromNextMonth")


def _record_dates(instance: QuotientRecord, _attribute: attrs.Attribute[date], value: date) -> None:
    if value < instance.quotient.issued_on:
        raise InvalidValueError(
            "received_on",
            value,
            f"a document cannot be received before it was issued ({instance.quotient.issued_on})",
        )


@attrs.frozen
class QuotientRecord:
    """A quotient familial as the commune received it.

    Attributes:
        quotient: the QF, the document it was read from and the day that document was issued.
        received_on: the day the commune received it with the rest of the dossier complete; for a
            dossier completed late, the day of its regularisation.

    Examples:
        >>> qf = QuotientFamilial(Decimal("812"), QuotientFamilialSource.CAF_ATTESTATION,
        ...                       date(2024, 6, 3))
        >>> QuotientRecord(qf, date(2024, 6, 20)).received_on
        datetime.date(2024, 6, 20)
    """

    quotient: QuotientFamilial = attrs.field(
        validator=attrs.validators.instance_of(QuotientFamilial)
    )
    received_on: date = attrs.field(validator=[a_date, _record_dates])


@attrs.frozen
class AppliedQuotient:
    """The answer of [`QuotientPolicy.applicable_quotient`][] for one day.

    Attributes:
        quotient_familial: the QF to price with, or None for the tariff's default.
        status: why.
        record: the record in force, if any.

    Examples:
        >>> AppliedQuotient(None, QuotientStatus.NO_RECORD).uses_default
        True
    """

    quotient_familial: Decimal | None = attrs.field(converter=optional_quotient)
    status: QuotientStatus = attrs.field(validator=enum_member(QuotientStatus))
    record: QuotientRecord | None = None

    @property
    def uses_default(self) -> bool:
        """True when no QF applies and the family pays the tariff's default."""
        return self.quotient_familial is None


@attrs.frozen
class QuotientPolicy:
    """A commune's rules on quotient familial records, for one school year.

    The default bracket is not part of the policy: it belongs to the tariff (a grid's
    ``default_bracket``, an effort rate's price without QF), so a grid and a policy cannot
    disagree about it. The policy only says whether a family's QF counts on a day.

    Attributes:
        max_age_months: an attestation (CAF, MSA) must be younger than this when received, or
            None for no limit (seed 004: 3, « Attestation de paiement CAF … de moins de 3
            mois »).
        registration_deadline: the last day of the registration period, or None when the commune
            sets none; a record received after it (any record, without one) counts from the day
            *takes_effect* gives.
        source: where the rule comes from.
        takes_effect: from when a record received during the year counts: the day it was
            received (the default), or the 1st of the following month.
        zero_means_unknown: read a QF of 0 as "could not be computed" (the CAF's API
            Particulier), so the tariff's default applies, never the cheapest bracket.
        reference_date: the day of the year whose QF the commune takes for a school year; a
            record whose document was issued before it does not count that year. None when any
            document counts.

    Examples:
        >>> policy = QuotientPolicy(3, date(2024, 8, 23), Source.default("example"))
        >>> qf = QuotientFamilial(Decimal("500"), QuotientFamilialSource.CAF_ATTESTATION,
        ...                       date(2024, 9, 2))
        >>> late = QuotientRecord(qf, date(2024, 9, 16))
        >>> policy.applicable_quotient([late], date(2024, 9, 12)).status.value
        'awaiting_regularisation'
    """

    max_age_months: int | None = attrs.field(validator=optional_months)
    registration_deadline: date | None = attrs.field(validator=optional_date)
    source: Source = attrs.field(validator=a_source)
    takes_effect: QuotientEffect = attrs.field(factory=FromReception, validator=_effect)
    zero_means_unknown: bool = attrs.field(default=False, validator=a_bool)
    reference_date: ReferenceDate | None = attrs.field(default=None, validator=_reference)

    def is_valid(self, record: QuotientRecord) -> bool:
        """True when the record's attestation was young enough on the day it was received.

        « de moins de 3 mois » is strict: an attestation issued on 3 June is too old on 3 September.
        """
        if self.max_age_months is None or record.quotient.source not in AGED_SOURCES:
            return True
        return record.received_on < expires_on(record.quotient.issued_on, self.max_age_months)

    def applies_from(self, record: QuotientRecord) -> date | None:
        """The first service day a valid record counts for; None when it counts for every day.

        A record received by the registration deadline counts for the whole year; one received
        later (any record, when there is no deadline) counts from the day *takes_effect* gives,
        never before the day it was received (no retroactive reduction).

        Examples:
            >>> policy = QuotientPolicy(None, None, Source.default("example"), FromNextMonth())
            >>> qf = QuotientFamilial(Decimal("640"), QuotientFamilialSource.CAF_ATTESTATION,
            ...                       date(2025, 1, 20))
            >>> policy.applies_from(QuotientRecord(qf, date(2025, 1, 31)))
            datetime.date(2025, 2, 1)
        """
        deadline = self.registration_deadline
        if deadline is not None and record.received_on <= deadline:
            return None
        return self.takes_effect.first_day(record.received_on)

    def applicable_quotient(self, records: Iterable[QuotientRecord], day: date) -> AppliedQuotient:
        """The QF that prices a service on *day*, given every record the commune received.

        Among the valid records that count on *day*, the one that started counting last
        applies (a new attestation replaces the old one from the day it was received); on a
        tie, the one received last.

        Args:
            records: every record received for the family this school year, in any order.
            day: the day of the service being priced.

        Returns:
            The QF with the reason; ``quotient_familial`` is None when the default applies.

        """
        checked = require_items(records, QuotientRecord, "records")
        require_day(day, "day")
        in_force: list[tuple[date, date, QuotientRecord]] = []
        late_valid = False
        expired = False
        before_reference = False
        for record in checked:
            if not self.is_valid(record):
                expired = expired or record.received_on <= day
                continue
            if self.reference_date is not None and not self.reference_date.states(record, day):
                before_reference = before_reference or record.received_on <= day
                continue
            start = self.applies_from(record)
            if start is None or start <= day:
                # date.min sorts an on-time record before any record that started later.
                in_force.append((start or date.min, record.received_on, record))
            else:
                late_valid = True
        if in_force:
            chosen = max(in_force, key=lambda item: (item[0], item[1]))[2]
            if self.zero_means_unknown and chosen.quotient.value == 0:
                return AppliedQuotient(None, QuotientStatus.UNKNOWN_QUOTIENT, chosen)
            return AppliedQuotient(chosen.quotient.value, QuotientStatus.APPLIED, chosen)
        if late_valid:
            return AppliedQuotient(None, QuotientStatus.AWAITING_REGULARISATION)
        if before_reference:
            return AppliedQuotient(None, QuotientStatus.BEFORE_REFERENCE_DATE)
        if expired:
            return AppliedQuotient(None, QuotientStatus.EXPIRED)
        return AppliedQuotient(None, QuotientStatus.NO_RECORD)
