"""The quotient familial: computing it, and which record applies on a day (Paris, seed 004)."""

from __future__ import annotations

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
from cantine_rules.pricing.tariffs import (
    PARIS_MEAL_GRID_2020,
    PARIS_QUOTIENT_POLICY_2024,
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
    with pytest.raises(InvalidValueError) as caught:
        _record("500", date(2024, 6, 3), date(2024, 6, 2))
    assert caught.value.field == "received_on"
