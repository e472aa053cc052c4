"""The library writes days, clock times and amounts in French and English exactly as babel does.

`cantine_rules._spelling` holds the names so that a decision need not load babel; babel stays the
reference, and these tests compare the two over every name and the whole range of values.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_currency, get_decimal_symbol
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import Money
from cantine_rules._spelling import (
    spell_amount,
    spell_clock,
    spell_date,
    spell_decimal_symbol,
    spell_weekday,
)
from cantine_rules.money import MAX_EUROS

TABLED = ("fr_FR", "en")

cents = st.integers(int(-MAX_EUROS * 100), int(MAX_EUROS * 100))


@pytest.mark.parametrize("locale", TABLED)
def test_every_weekday_name_is_babels(locale: str) -> None:
    assert [spell_weekday(day, locale) for day in range(7)] == [
        get_day_names("wide", locale=locale)[day] for day in range(7)
    ]


@pytest.mark.parametrize("locale", TABLED)
def test_every_month_of_a_year_is_spelled_as_babel_does(locale: str) -> None:
    # The first of each month and the 31st where there is one: every month name, both digits.
    days = [date(2024, month, 1) for month in range(1, 13)] + [date(2024, 12, 31)]
    assert [spell_date(day, locale) for day in days] == [
        format_date(day, "EEEE d MMMM y", locale=locale) for day in days
    ]


@given(st.dates(), st.sampled_from(TABLED))
def test_any_date_is_spelled_as_babel_does(day: date, locale: str) -> None:
    assert spell_date(day, locale) == format_date(day, "EEEE d MMMM y", locale=locale)


@given(st.times(), st.sampled_from(TABLED))
def test_any_clock_time_is_spelled_as_babel_does(clock: time, locale: str) -> None:
    assert spell_clock(clock, locale) == format_time(clock, "HH:mm", locale=locale)


@given(cents, st.sampled_from(TABLED))
def test_any_amount_of_money_is_written_as_babel_does(amount: int, locale: str) -> None:
    euros = Decimal(amount).scaleb(-2)
    assert spell_amount(euros, locale) == format_currency(euros, "EUR", locale=locale)


@pytest.mark.parametrize(
    ("euros", "french", "english"),
    [
        # The shapes babel gives: a narrow no-break space between thousands and a no-break
        # space before the sign in French; the minus before the euro sign in English.
        ("0.00", "0,00\u00a0€", "€0.00"),
        ("3.6", "3,60\u00a0€", "€3.60"),
        ("-1234.50", "-1\u202f234,50\u00a0€", "-€1,234.50"),
        (
            "1000000000000.00",
            "1\u202f000\u202f000\u202f000\u202f000,00\u00a0€",
            "€1,000,000,000,000.00",
        ),
    ],
)
def test_the_shapes_of_an_amount(euros: str, french: str, english: str) -> None:
    assert spell_amount(Decimal(euros), "fr_FR") == french
    assert spell_amount(Decimal(euros), "en") == english


def test_more_than_two_places_are_left_to_babel() -> None:
    assert spell_amount(Decimal("0.125"), "fr_FR") == format_currency(
        Decimal("0.125"), "EUR", locale="fr_FR"
    )


@pytest.mark.parametrize("locale", TABLED)
def test_the_decimal_symbol_is_babels(locale: str) -> None:
    assert spell_decimal_symbol(locale) == get_decimal_symbol(locale)


def test_another_locale_is_spelled_by_babel() -> None:
    day = date(2024, 9, 19)
    assert spell_date(day, "de_DE") == "Donnerstag 19 September 2024"
    assert spell_weekday(3, "de_DE") == "Donnerstag"
    assert spell_clock(time(7, 5), "de_DE") == "07:05"
    assert spell_decimal_symbol("de_DE") == ","
    assert spell_amount(Decimal("1234.50"), "de_DE") == format_currency(
        Decimal("1234.50"), "EUR", locale="de_DE"
    )


def test_money_format_is_the_spelled_amount() -> None:
    assert Money.euros("1234.5").format("fr_FR") == "1\u202f234,50\u00a0€"
    assert Money.euros("1234.5").format("en") == "€1,234.50"
