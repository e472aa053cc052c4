"""The quotient familial: computing it, and which record applies on a day (Paris, seed 004)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from cantine_rules import (
    FloatMoneyError,
    InvalidTypeError,
    InvalidValueError,
    Money,
    QuotientFamilial,
    QuotientFamilialSource,
)
from cantine_rules.errors import NegativeAmountError
from cantine_rules.policies.paris import MEAL_GRID_2020 as PARIS_MEAL_GRID_2020
from cantine_rules.policies.paris import QUOTIENT_POLICY_2024 as PARIS_QUOTIENT_POLICY_2024
from cantine_rules.pricing._quotient import quotient_value
from cantine_rules.pricing.tariffs import (
    AppliedQuotient,
    PricingContext,
    QuotientPolicy,
    QuotientRecord,
    QuotientStatus,
    Source,
    quotient_from_resources,
    quotient_from_tax_notice,
    round_quotient,
)
from tests._helpers import refusal

CAF = QuotientFamilialSource.CAF_ATTESTATION
TAX = QuotientFamilialSource.TAX_NOTICE
POLICY = PARIS_QUOTIENT_POLICY_2024


def _record(
    value: str, issued_on: date, received_on: date, source: QuotientFamilialSource = CAF
) -> QuotientRecord:
    return QuotientRecord(QuotientFamilial(value, source, issued_on), received_on)


# Computing a QF -------------------------------------------------------------------------------


def test_paris_qf_is_resources_plus_benefits_over_parts() -> None:
    # (2 400 + 150) / 3 = 850.
    assert quotient_from_resources(Money.euros("2400"), Money.euros("150"), 3) == Decimal("850")
    # (1 000 + 172,50) / 2,5 = 469 exactly.
    assert quotient_from_resources(
        Money.euros("1000"), Money.euros("172.50"), Decimal("2.5")
    ) == Decimal("469")


def test_a_computed_qf_is_rounded_down_to_the_whole_euro() -> None:
    # (700 + 4,99) / 3 = 234,996…: rounded down it stays in tarif 1 (« T1 QF 0–234 »).
    qf = quotient_from_resources(Money.euros("700"), Money.euros("4.99"), 3)
    assert qf == Decimal("234")
    assert PARIS_MEAL_GRID_2020.bracket_for(qf).name == "tarif 1"
    assert round_quotient(Decimal("235.00")) == Decimal("235")
    assert round_quotient(Decimal("0.99")) == Decimal("0")


def test_non_caf_qf_is_the_revenu_fiscal_de_reference_over_12_over_parts() -> None:
    # 30 000 / 12 / 3 = 833,33… -> 833.
    assert quotient_from_tax_notice(Money.euros("30000"), 3) == Decimal("833")
    assert quotient_from_tax_notice(Money.euros("0"), "2") == Decimal("0")


def test_qf_helpers_refuse_bad_input() -> None:
    with pytest.raises(InvalidValueError) as parts:
        quotient_from_tax_notice(Money.euros("30000"), 0)
    assert parts.value.field == "parts"
    with pytest.raises(FloatMoneyError):
        quotient_from_tax_notice(Money.euros("30000"), 2.5)  # type: ignore[arg-type]
    with pytest.raises(NegativeAmountError) as negative:
        quotient_from_resources(Money.euros("-1"), Money.zero(), 2)
    assert negative.value.field == "monthly_taxable_resources"
    with pytest.raises(InvalidTypeError):
        quotient_from_resources(Decimal("1000"), Money.zero(), 2)  # type: ignore[arg-type]


# Which record applies -------------------------------------------------------------------------


def test_a_record_on_time_applies_from_the_first_day() -> None:
    record = _record("500", date(2024, 6, 3), date(2024, 6, 20))
    applied = POLICY.applicable_quotient([record], date(2024, 9, 2))
    assert applied == AppliedQuotient(Decimal("500"), QuotientStatus.APPLIED, record)
    # Received on the last day of the registration period: still on time.
    last_day = _record("500", date(2024, 8, 1), date(2024, 8, 23))
    assert POLICY.applicable_quotient([last_day], date(2024, 9, 2)).quotient_familial == 500


def test_no_record_gives_the_default() -> None:
    applied = POLICY.applicable_quotient([], date(2024, 9, 2))
    assert applied.uses_default
    assert applied.status is QuotientStatus.NO_RECORD


def test_an_attestation_of_three_months_or_more_is_not_valid() -> None:
    # « Attestation de paiement CAF (quotient familial CAF) de moins de 3 mois. »
    just_young_enough = _record("500", date(2024, 3, 21), date(2024, 6, 20))
    too_old = _record("500", date(2024, 3, 20), date(2024, 6, 20))
    assert POLICY.is_valid(just_young_enough)
    assert not POLICY.is_valid(too_old)
    applied = POLICY.applicable_quotient([too_old], date(2024, 9, 2))
    assert (applied.quotient_familial, applied.status) == (None, QuotientStatus.EXPIRED)


def test_the_age_limit_does_not_apply_to_a_tax_notice() -> None:
    # The seed ties « de moins de 3 mois » to the CAF attestation only.
    notice = _record("900", date(2023, 9, 1), date(2024, 6, 20), source=TAX)
    assert POLICY.is_valid(notice)
    assert POLICY.applicable_quotient([notice], date(2024, 9, 2)).quotient_familial == 900


def test_paris_family_without_qf_pays_tarif_10_until_regularisation() -> None:
    # « Passé cette date limite, le tarif maximal (tarif 10) sera appliqué à votre facture
    # jusqu'à la régularisation de votre dossier. » The dossier is regularised on 16 September
    # 2024, after the 23 August deadline, with a QF of 500 € (tarif 3). The grid figures are the
    # 2020/2021 public ones, used here for the brackets only.
    regularised = _record("500", date(2024, 9, 10), date(2024, 9, 16))
    days_and_brackets = [
        (date(2024, 9, 2), "tarif 10", "7.00"),
        (date(2024, 9, 13), "tarif 10", "7.00"),
        (date(2024, 9, 16), "tarif 3", "1.62"),
        (date(2024, 10, 1), "tarif 3", "1.62"),
    ]
    for day, bracket, price in days_and_brackets:
        applied = POLICY.applicable_quotient([regularised], day)
        quote = PARIS_MEAL_GRID_2020.price(PricingContext(applied.quotient_familial))
        assert (quote.bracket, quote.unit_price) == (bracket, Money.euros(price)), day


def test_no_retroactive_reduction_for_days_before_regularisation() -> None:
    regularised = _record("500", date(2024, 9, 10), date(2024, 9, 16))
    # Re-pricing September after the regularisation does not lower the days before it.
    before = POLICY.applicable_quotient([regularised], date(2024, 9, 13))
    assert before.status is QuotientStatus.AWAITING_REGULARISATION
    assert before.uses_default
    after = POLICY.applicable_quotient([regularised], date(2024, 9, 16))
    assert after.status is QuotientStatus.APPLIED


def test_a_new_attestation_during_the_year_applies_from_the_day_it_is_received() -> None:
    first = _record("1000", date(2024, 6, 3), date(2024, 6, 20))
    lower = _record("400", date(2025, 1, 2), date(2025, 1, 10))
    assert POLICY.applicable_quotient([lower, first], date(2025, 1, 9)).quotient_familial == 1000
    assert POLICY.applicable_quotient([lower, first], date(2025, 1, 10)).quotient_familial == 400


def test_an_expired_renewal_keeps_the_record_in_force() -> None:
    first = _record("1000", date(2024, 6, 3), date(2024, 6, 20))
    stale = _record("400", date(2024, 9, 1), date(2025, 1, 10))
    applied = POLICY.applicable_quotient([first, stale], date(2025, 2, 3))
    assert applied.record == first


def test_policy_without_age_limit_and_its_input_checks() -> None:
    policy = QuotientPolicy(None, date(2024, 8, 23), Source.default("test"))
    old = _record("500", date(2020, 1, 1), date(2024, 6, 20))
    assert policy.is_valid(old)
    assert policy.applies_from(old) is None
    late = _record("500", date(2024, 9, 1), date(2024, 9, 2))
    assert policy.applies_from(late) == date(2024, 9, 2)
    with pytest.raises(InvalidValueError) as months:
        QuotientPolicy(0, date(2024, 8, 23), Source.default("test"))
    assert months.value.field == "max_age_months"
    with pytest.raises(InvalidTypeError):
        QuotientPolicy(3.0, date(2024, 8, 23), Source.default("test"))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as records:
        POLICY.applicable_quotient(["500"], date(2024, 9, 2))  # type: ignore[list-item]
    assert records.value.field == "records[0]"


def test_a_record_cannot_be_received_before_it_was_issued() -> None:
    assert refusal(lambda: _record("500", date(2024, 6, 3), date(2024, 6, 2))) == (
        "InvalidValueError",
        "received_on",
        date(2024, 6, 2),
        "received_on: a document cannot be received before it was issued (2024-06-03) "
        "(got 2024-06-02)",
    )


# Exact refusals and the limits of each rule -----------------------------------------------------


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: quotient_value("-1"),
            (
                "NegativeAmountError",
                "quotient_familial",
                "-1",
                "quotient_familial: must not be negative (got '-1')",
            ),
        ),
        (
            lambda: quotient_from_tax_notice(Money.euros(1), 0),
            (
                "InvalidValueError",
                "parts",
                0,
                "parts: a household has more than zero parts (got 0)",
            ),
        ),
        (
            lambda: quotient_from_tax_notice(Money.euros(1), "abc"),
            ("InvalidValueError", "parts", "abc", "parts: is not a decimal number (got 'abc')"),
        ),
        (
            lambda: quotient_from_resources(Money.euros(1), "150", 2),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "monthly_family_benefits",
                "150",
                "monthly_family_benefits: must be Money (got '150' of type str)",
            ),
        ),
        (
            lambda: quotient_from_resources(Money.euros(1), Money.euros(-1), 2),
            (
                "NegativeAmountError",
                "monthly_family_benefits",
                Money.euros(-1),
                "monthly_family_benefits: must not be negative (got Money.euros('-1.00'))",
            ),
        ),
        (
            lambda: quotient_from_tax_notice("30000", 2),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "revenu_fiscal_de_reference",
                "30000",
                "revenu_fiscal_de_reference: must be Money (got '30000' of type str)",
            ),
        ),
        (
            lambda: QuotientPolicy("3", date(2024, 8, 23), POLICY.source),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "max_age_months",
                "3",
                "max_age_months: must be a whole number of months or None (got '3' of type str)",
            ),
        ),
        (
            lambda: QuotientPolicy(0, date(2024, 8, 23), POLICY.source),
            (
                "InvalidValueError",
                "max_age_months",
                0,
                "max_age_months: must be at least one month (got 0)",
            ),
        ),
        (
            lambda: POLICY.applicable_quotient([], "2024-09-02"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "day",
                "2024-09-02",
                "day: must be a datetime.date (got '2024-09-02' of type str)",
            ),
        ),
        (
            lambda: POLICY.applicable_quotient("x", date(2024, 9, 2)),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "records",
                "x",
                "records: must be an iterable of QuotientRecord (got 'x' of type str)",
            ),
        ),
        (
            lambda: POLICY.applicable_quotient(["x"], date(2024, 9, 2)),  # type: ignore[list-item]
            (
                "InvalidTypeError",
                "records[0]",
                "x",
                "records[0]: must be a QuotientRecord (got 'x' of type str)",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_household_of_one_part_and_a_one_month_age_limit_are_allowed() -> None:
    assert quotient_from_tax_notice(Money.euros("12000"), 1) == Decimal("1000")
    assert QuotientPolicy(1, date(2024, 8, 23), POLICY.source).max_age_months == 1


def test_an_attestation_may_be_received_the_day_it_is_issued() -> None:
    record = _record("500", date(2024, 6, 3), date(2024, 6, 3))
    assert POLICY.applicable_quotient([record], date(2024, 9, 2)).quotient_familial == 500


def test_a_record_received_on_the_deadline_counts_for_the_whole_year() -> None:
    # Seed 004: « La période d'inscription s'étend du 1er juin au 23 août 2024 ».
    record = _record("500", date(2024, 8, 1), date(2024, 8, 23))
    assert POLICY.applies_from(record) is None
    applied = POLICY.applicable_quotient([record], date(2024, 9, 2))
    assert applied == AppliedQuotient(Decimal(500), QuotientStatus.APPLIED, record)


def test_an_attestation_too_old_on_the_day_it_is_received_is_expired_that_day() -> None:
    stale = _record("500", date(2024, 1, 2), date(2024, 9, 16))
    assert POLICY.applicable_quotient([stale], date(2024, 9, 16)).status is QuotientStatus.EXPIRED
    before = POLICY.applicable_quotient([stale], date(2024, 9, 13))
    assert before.status is QuotientStatus.NO_RECORD


def test_a_stale_attestation_does_not_hide_a_valid_one() -> None:
    stale = _record("300", date(2024, 1, 2), date(2024, 7, 1))
    valid = _record("500", date(2024, 6, 3), date(2024, 7, 1))
    applied = POLICY.applicable_quotient([stale, valid], date(2024, 9, 2))
    assert (applied.status, applied.quotient_familial) == (QuotientStatus.APPLIED, Decimal(500))


def test_of_two_on_time_records_the_one_received_last_applies() -> None:
    first = _record("500", date(2024, 6, 3), date(2024, 6, 20))
    second = _record("700", date(2024, 7, 1), date(2024, 7, 10))
    for records in ([first, second], [second, first]):
        assert POLICY.applicable_quotient(records, date(2024, 9, 2)).record is second


def test_two_records_received_the_same_day_still_give_one_quotient() -> None:
    one = _record("500", date(2024, 6, 3), date(2024, 6, 20))
    other = _record("700", date(2024, 6, 4), date(2024, 6, 20))
    applied = POLICY.applicable_quotient([one, other], date(2024, 9, 2))
    assert applied.status is QuotientStatus.APPLIED
    assert applied.record in (one, other)
