"""When a quotient familial record takes effect, and a QF of 0 read as unknown."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules.errors import InvalidTypeError
from cantine_rules.model import QuotientFamilial, QuotientFamilialSource
from cantine_rules.pricing.tariffs import (
    FromNextMonth,
    FromReception,
    QuotientPolicy,
    QuotientRecord,
    QuotientStatus,
)
from cantine_rules.sources import Source
from cantine_rules.testing import quotient_policies, quotient_records

_SRC = Source.example("a rule seen in other communes")
_CAF = QuotientFamilialSource.CAF_ATTESTATION

# « La modification tarifaire interviendra sur le mois suivant la réception du courrier sans
# rétroactivité »
NEXT_MONTH = QuotientPolicy(None, None, _SRC, FromNextMonth())


def _record(value: str, received_on: date, issued_on: date | None = None) -> QuotientRecord:
    quotient = QuotientFamilial(Decimal(value), _CAF, issued_on or received_on)
    return QuotientRecord(quotient, received_on)


def test_a_letter_received_on_the_last_day_of_a_month_counts_from_the_first_of_the_next() -> None:
    letter = _record("480", date(2025, 1, 31))
    assert NEXT_MONTH.applies_from(letter) == date(2025, 2, 1)
    assert NEXT_MONTH.applicable_quotient([letter], date(2025, 1, 31)).uses_default
    applied = NEXT_MONTH.applicable_quotient([letter], date(2025, 2, 1))
    assert applied.quotient_familial == Decimal("480")


def test_a_letter_received_on_the_first_counts_only_from_the_first_of_the_month_after() -> None:
    letter = _record("480", date(2025, 2, 1))
    assert NEXT_MONTH.applies_from(letter) == date(2025, 3, 1)
    waiting = NEXT_MONTH.applicable_quotient([letter], date(2025, 2, 28))
    assert waiting.status is QuotientStatus.AWAITING_REGULARISATION
    assert NEXT_MONTH.applicable_quotient([letter], date(2025, 3, 1)).status.value == "applied"


def test_a_letter_received_in_december_counts_from_january() -> None:
    assert NEXT_MONTH.applies_from(_record("480", date(2024, 12, 31))) == date(2025, 1, 1)


def test_a_new_letter_replaces_the_old_quotient_only_from_the_next_month() -> None:
    old = _record("1200", date(2024, 8, 20))
    new = _record("480", date(2025, 1, 15))
    assert NEXT_MONTH.applicable_quotient([old, new], date(2025, 1, 31)).quotient_familial == 1200
    assert NEXT_MONTH.applicable_quotient([old, new], date(2025, 2, 3)).quotient_familial == 480


def test_from_reception_is_the_default_and_counts_from_the_day_received() -> None:
    policy = QuotientPolicy(3, date(2024, 8, 23), _SRC)
    assert policy.takes_effect == FromReception()
    assert policy.applies_from(_record("480", date(2024, 9, 16))) == date(2024, 9, 16)
    # Received by the registration deadline: counts for the whole year.
    assert policy.applies_from(_record("480", date(2024, 8, 23))) is None


def test_a_registration_deadline_still_covers_the_year_with_next_month_effect() -> None:
    policy = QuotientPolicy(None, date(2024, 8, 23), _SRC, FromNextMonth())
    assert policy.applies_from(_record("480", date(2024, 8, 23))) is None
    assert policy.applies_from(_record("480", date(2024, 8, 24))) == date(2024, 9, 1)


def test_an_effect_that_is_not_one_of_the_library_s_is_refused() -> None:
    with pytest.raises(InvalidTypeError, match="takes_effect"):
        QuotientPolicy(None, None, _SRC, "next_month")  # type: ignore[arg-type]


# QF 0 from the CAF's API Particulier ----------------------------------------------------------


def test_a_qf_of_zero_read_as_unknown_gives_the_default_never_the_lowest_bracket() -> None:
    policy = QuotientPolicy(None, None, _SRC, zero_means_unknown=True)
    zero = _record("0", date(2024, 9, 2))
    applied = policy.applicable_quotient([zero], date(2024, 9, 2))
    assert applied.uses_default
    assert applied.status is QuotientStatus.UNKNOWN_QUOTIENT
    assert applied.record == zero


def test_without_the_flag_a_qf_of_zero_is_a_qf_of_zero() -> None:
    policy = QuotientPolicy(None, None, _SRC)
    applied = policy.applicable_quotient([_record("0", date(2024, 9, 2))], date(2024, 9, 2))
    assert applied.quotient_familial == 0


def test_a_qf_of_one_cent_is_known() -> None:
    policy = QuotientPolicy(None, None, _SRC, zero_means_unknown=True)
    applied = policy.applicable_quotient([_record("0.01", date(2024, 9, 2))], date(2024, 9, 2))
    assert applied.quotient_familial == Decimal("0.01")


# Properties ------------------------------------------------------------------------------------


@given(quotient_policies(), quotient_records(), st.integers(0, 400))
def test_a_record_received_later_never_takes_effect_earlier_nor_before_it_was_received(
    policy: QuotientPolicy, record: QuotientRecord, later_by: int
) -> None:
    later = QuotientRecord(record.quotient, record.received_on + timedelta(days=later_by))
    first, second = policy.applies_from(record), policy.applies_from(later)
    assert (first or date.min) <= (second or date.min)
    for received, start in ((record, first), (later, second)):
        if start is not None:
            assert start >= received.received_on


@given(quotient_policies(), quotient_records(), st.dates(date(2024, 6, 1), date(2025, 8, 31)))
def test_no_record_counts_before_it_takes_effect(
    policy: QuotientPolicy, record: QuotientRecord, day: date
) -> None:
    applied = policy.applicable_quotient([record], day)
    start = policy.applies_from(record)
    if start is not None and day < start:
        assert applied.record is None
        assert applied.uses_default
    if applied.quotient_familial is not None:
        assert not (policy.zero_means_unknown and applied.quotient_familial == 0)


def test_zero_means_unknown_is_a_bool() -> None:
    with pytest.raises(InvalidTypeError, match="zero_means_unknown"):
        QuotientPolicy(None, None, _SRC, zero_means_unknown=1)  # type: ignore[arg-type]
