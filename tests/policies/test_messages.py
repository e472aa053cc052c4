"""The words and figures of the explanations: languages, amounts, decimals, days and months."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cantine_rules import Money
from cantine_rules.policies._messages import (
    check_lang,
    money,
    month_day,
    month_name,
    number,
    say,
)
from tests._helpers import refusal


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_two_languages_are_spoken(lang: str) -> None:
    assert check_lang(lang) == lang


@pytest.mark.parametrize("lang", ["de", "FR", "", 1, None])
def test_any_other_language_is_refused_naming_lang(lang: object) -> None:
    assert refusal(lambda: check_lang(lang)) == (
        "InvalidValueError",
        "lang",
        lang,
        f"lang: must be 'fr' or 'en' (got {lang!r})",
    )


def test_a_message_takes_its_values() -> None:
    assert say("fr", "dossier", label="Attestation CAF") == "Pièce : Attestation CAF"
    assert say("en", "dossier", label="Attestation CAF") == "Document: Attestation CAF"
    assert refusal(lambda: say("es", "dossier", label="x"))[:2] == ("InvalidValueError", "lang")


def test_amounts_as_each_language_writes_them() -> None:
    assert money("fr", Money.euros("1234.50")) == "1\u202f234,50\xa0€"
    assert money("en", Money.euros("1234.50")) == "€1,234.50"


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        # Every digit kept (a taux d'effort of 0,36125 %), no thousands separator (QF 12345).
        (Decimal("0.36125"), "0,36125", "0.36125"),
        (Decimal("12345.5"), "12345,5", "12345.5"),
        (Decimal("20"), "20", "20"),
    ],
)
def test_decimals_keep_every_digit_and_no_grouping(value: Decimal, fr: str, en: str) -> None:
    assert (number("fr", value), number("en", value)) == (fr, en)


@pytest.mark.parametrize(
    ("month", "day", "fr", "en"),
    [
        (3, 31, "31 mars", "March 31"),
        (1, 1, "1 janvier", "January 1"),
        (12, 9, "9 décembre", "December 9"),
    ],
)
def test_a_day_of_the_year_without_its_year(month: int, day: int, fr: str, en: str) -> None:
    assert (month_day("fr", month, day), month_day("en", month, day)) == (fr, en)


@pytest.mark.parametrize(
    ("month", "fr", "en"), [(1, "janvier", "January"), (9, "septembre", "September")]
)
def test_a_month_named_alone(month: int, fr: str, en: str) -> None:
    assert (month_name("fr", month), month_name("en", month)) == (fr, en)


def test_every_helper_refuses_a_language_it_does_not_speak() -> None:
    for call in (
        lambda: money("it", Money.euros(1)),
        lambda: number("it", Decimal(1)),
        lambda: month_day("it", 1, 1),
        lambda: month_name("it", 1),
    ):
        assert refusal(call)[:3] == ("InvalidValueError", "lang", "it")
