"""The reference date of the quotient familial: « celui du 31/03 de l'année en cours »."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules.model import QuotientFamilial, QuotientFamilialSource
from cantine_rules.pricing.tariffs import (
    FromNextMonth,
    QuotientPolicy,
    QuotientRecord,
    QuotientStatus,
    ReferenceDate,
)
from cantine_rules.sources import Source
from cantine_rules.testing import quotient_records
from tests._helpers import refusal

_SRC = Source.example("Fay-aux-Loges")
_CAF = QuotientFamilialSource.CAF_ATTESTATION
MARCH_31 = ReferenceDate(3, 31)
# « Le quotient familial CAF de référence est celui du 31/03 de l'année en cours » and « La
# modification tarifaire interviendra sur le mois suivant la réception du courrier »
FAY = QuotientPolicy(None, None, _SRC, FromNextMonth(), reference_date=MARCH_31)


def _record(value: str, issued_on: date, received_on: date) -> QuotientRecord:
    return QuotientRecord(QuotientFamilial(Decimal(value), _CAF, issued_on), received_on)


@pytest.mark.parametrize(
    ("day", "reference"),
    [
        (date(2025, 8, 31), date(2024, 3, 31)),  # the last day of the 2024-2025 school year
        (date(2025, 9, 1), date(2025, 3, 31)),  # the first day of 2025-2026
        (date(2026, 3, 30), date(2025, 3, 31)),  # a year's own 31 March does not move it
        (date(2026, 3, 31), date(2025, 3, 31)),
        (date(2026, 8, 31), date(2025, 3, 31)),
    ],
)
def test_the_reference_day_is_the_one_before_the_rentree(day: date, reference: date) -> None:
    assert MARCH_31.for_day(day) == reference


def test_a_reference_day_after_the_rentree_is_the_year_before_s() -> None:
    # 1 September is the rentrée's own day; 2 September comes after it.
    assert ReferenceDate(9, 1).for_day(date(2025, 9, 1)) == date(2025, 9, 1)
    assert ReferenceDate(9, 2).for_day(date(2025, 9, 1)) == date(2024, 9, 2)


def test_an_attestation_of_the_31_march_counts_one_of_the_30th_does_not() -> None:
    september = date(2025, 9, 1)
    of_31 = _record("640", date(2025, 3, 31), date(2025, 6, 10))
    of_30 = _record("640", date(2025, 3, 30), date(2025, 6, 10))
    assert FAY.applicable_quotient([of_31], september).quotient_familial == Decimal("640")
    before = FAY.applicable_quotient([of_30], september)
    assert (before.quotient_familial, before.status) == (
        None,
        QuotientStatus.BEFORE_REFERENCE_DATE,
    )


def test_last_year_s_attestation_stops_counting_at_the_rentree() -> None:
    last_year = _record("640", date(2024, 4, 2), date(2024, 6, 10))
    assert FAY.applicable_quotient([last_year], date(2025, 7, 4)).status is QuotientStatus.APPLIED
    assert FAY.applicable_quotient([last_year], date(2025, 9, 1)).uses_default


def test_the_reference_date_does_not_backdate_a_new_letter() -> None:
    # Issued after the reference day, received in October: from 1 November, never before.
    letter = _record("480", date(2025, 10, 6), date(2025, 10, 20))
    assert FAY.applicable_quotient([letter], date(2025, 10, 31)).status is (
        QuotientStatus.AWAITING_REGULARISATION
    )
    assert FAY.applicable_quotient([letter], date(2025, 11, 3)).quotient_familial == 480


def test_an_older_record_not_yet_received_is_no_record() -> None:
    later = _record("640", date(2025, 3, 1), date(2025, 10, 20))
    assert FAY.applicable_quotient([later], date(2025, 9, 1)).status is QuotientStatus.NO_RECORD


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: ReferenceDate(13, 1), ("InvalidValueError", "month", 13)),
        (lambda: ReferenceDate(0, 1), ("InvalidValueError", "month", 0)),
        (lambda: ReferenceDate(4, 31), ("InvalidValueError", "day", 31)),
        (lambda: ReferenceDate(2, 29), ("InvalidValueError", "day", 29)),
        (lambda: ReferenceDate(12, 0), ("InvalidValueError", "day", 0)),
        (lambda: ReferenceDate("3", 31), ("InvalidTypeError", "month", "3")),  # type: ignore[arg-type]
        (
            lambda: QuotientPolicy(None, None, _SRC, reference_date=(3, 31)),  # type: ignore[arg-type]
            ("InvalidTypeError", "reference_date", (3, 31)),
        ),
    ],
)
def test_bad_values_are_typed_errors_naming_their_field(
    call: object, expected: tuple[str, str, object]
) -> None:
    assert refusal(call)[:3] == expected  # type: ignore[arg-type]


@given(
    st.dates(date(2023, 1, 1), date(2023, 12, 31)),
    quotient_records(),
    st.dates(date(2024, 9, 1), date(2026, 8, 31)),
)
def test_no_record_issued_before_the_reference_day_prices(
    month_day: date, record: QuotientRecord, day: date
) -> None:
    reference = ReferenceDate(month_day.month, month_day.day)
    policy = QuotientPolicy(None, None, _SRC, reference_date=reference)
    start = reference.for_day(day)
    # The reference day is never after the school year's first day, and at most a year before.
    school_year_start = date(day.year if day.month >= 9 else day.year - 1, 9, 1)
    assert school_year_start - timedelta(days=366) < start <= school_year_start
    applied = policy.applicable_quotient([record], day)
    if record.quotient.issued_on < start:
        assert applied.uses_default
    elif record.received_on <= day:
        assert applied.status is QuotientStatus.APPLIED
