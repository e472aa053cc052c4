"""Quotient familial: the formulas' and the policy's refusals, read whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cantine_rules import Money, QuotientFamilial, QuotientFamilialSource
from cantine_rules.pricing.tariffs import (
    AppliedQuotient,
    FromNextMonth,
    QuotientPolicy,
    QuotientRecord,
    QuotientStatus,
    ReferenceDate,
    Source,
    quotient_from_resources,
    quotient_from_tax_notice,
)
from tests._helpers import refusal

EUR = Money.euros
SRC = Source.example("a commune's QF rules")
QF = QuotientFamilial(Decimal("500"), QuotientFamilialSource.CAF_ATTESTATION, date(2024, 9, 2))


def test_the_formulas_name_the_figure_they_refuse() -> None:
    assert refusal(lambda: quotient_from_resources(1, EUR("0"), 2)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "monthly_taxable_resources",
        1,
        "monthly_taxable_resources: must be Money (got 1 of type int)",
    )
    assert refusal(lambda: quotient_from_resources(EUR("1"), EUR("-1"), 2)) == (
        "NegativeAmountError",
        "monthly_family_benefits",
        EUR("-1"),
        "monthly_family_benefits: must not be negative (got Money.euros('-1.00'))",
    )
    assert refusal(lambda: quotient_from_resources(EUR("1"), EUR("1"), "0")) == (
        "InvalidValueError",
        "parts",
        "0",
        "parts: a household has more than zero parts (got '0')",
    )
    assert refusal(lambda: quotient_from_tax_notice(EUR("1"), "x"))[:3] == (
        "InvalidValueError",
        "parts",
        "x",
    )
    assert refusal(lambda: quotient_from_tax_notice(3, 1))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "revenu_fiscal_de_reference",
        3,
    )


@pytest.mark.parametrize(
    ("month", "day", "expected"),
    [
        (
            "3",
            31,
            ("InvalidTypeError", "month", "3", "month: must be an int (got '3' of type str)"),
        ),
        (3, "31", ("InvalidTypeError", "day", "31", "day: must be an int (got '31' of type str)")),
        (13, 1, ("InvalidValueError", "month", 13, "month: must be from 1 to 12 (got 13)")),
        (0, 1, ("InvalidValueError", "month", 0, "month: must be from 1 to 12 (got 0)")),
        (
            4,
            31,
            ("InvalidValueError", "day", 31, "day: must be from 1 to 30 in that month (got 31)"),
        ),
        (4, 0, ("InvalidValueError", "day", 0, "day: must be from 1 to 30 in that month (got 0)")),
    ],
)
def test_a_reference_date_is_a_day_of_every_year(
    month: object, day: object, expected: tuple[str, str, object, str]
) -> None:
    assert refusal(lambda: ReferenceDate(month, day)) == expected  # type: ignore[arg-type]


def test_the_last_day_of_each_month_is_a_reference_date() -> None:
    assert [ReferenceDate(month, 31).day for month in (1, 3, 12)] == [31, 31, 31]
    assert ReferenceDate(4, 30).day == 30
    assert ReferenceDate(2, 28).day == 28
    assert ReferenceDate(1, 1).month == 1


def test_records_and_policies_are_refused_whole() -> None:
    assert refusal(lambda: QuotientRecord(QF, date(2024, 9, 1))) == (
        "InvalidValueError",
        "received_on",
        date(2024, 9, 1),
        "received_on: a document cannot be received before it was issued (2024-09-02) "
        "(got 2024-09-01)",
    )
    assert QuotientRecord(QF, date(2024, 9, 2)).received_on == date(2024, 9, 2)
    assert refusal(lambda: QuotientPolicy(3, None, SRC, takes_effect="x")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "takes_effect",
        "x",
        "takes_effect: must be FromReception or FromNextMonth (got 'x' of type str)",
    )
    assert QuotientPolicy(3, None, SRC, takes_effect=FromNextMonth()).takes_effect == (
        FromNextMonth()
    )
    assert refusal(lambda: QuotientPolicy(3, None, SRC, reference_date=(3, 31))) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "reference_date",
        (3, 31),
        "reference_date: must be a ReferenceDate or None (got (3, 31) of type tuple)",
    )
    assert refusal(lambda: QuotientPolicy(3, None, SRC, zero_means_unknown=0))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "zero_means_unknown",
        0,
    )
    policy = QuotientPolicy(3, None, SRC)
    assert refusal(lambda: policy.applicable_quotient(["x"], date(2024, 9, 2))) == (  # type: ignore[list-item]
        "InvalidTypeError",
        "records[0]",
        "x",
        "records[0]: must be a QuotientRecord (got 'x' of type str)",
    )
    assert refusal(lambda: policy.applicable_quotient([], "2024"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "day",
        "2024",
    )
    assert refusal(lambda: FromNextMonth().first_day("x"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "received_on",
        "x",
    )
    assert refusal(lambda: ReferenceDate(3, 31).for_day("x"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "day",
        "x",
    )
    assert refusal(lambda: AppliedQuotient(None, "no_record"))[:2] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "status",
    )
    assert AppliedQuotient("812", QuotientStatus.APPLIED).quotient_familial == Decimal("812")
