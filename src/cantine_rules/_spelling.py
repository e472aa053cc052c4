"""How the library's two languages spell a day, a clock time and an amount, without babel.

babel is the reference: for its locales ``fr_FR`` and ``en`` (the languages of every
explanation) the library writes what babel writes, character for character, and the tests
compare every weekday, every month, dates over the whole calendar and amounts over the whole
range of [`Money`][cantine_rules.money.Money] with babel's own output. The tables exist because
loading babel and its locale data is a sixth of what one ``cantine-rules decide`` process costs,
and an explanation needs no more than the names below. Any other locale is handed to babel.

Examples:
    >>> from datetime import date
    >>> spell_date(date(2024, 9, 19), "fr_FR")
    'jeudi 19 septembre 2024'
    >>> print(spell_amount(Decimal("-1234.50"), "en"))
    -€1,234.50
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from decimal import Decimal
from typing import Final, NamedTuple

__all__ = ["spell_amount", "spell_clock", "spell_date", "spell_decimal_symbol", "spell_weekday"]


class _Spelling(NamedTuple):
    weekdays: tuple[str, ...]  # Monday first, as date.weekday() counts
    months: tuple[str, ...]  # January first
    decimal: str
    group: str
    euros: str  # where the sign, the digits and the euro sign go


_SPELLINGS: Final[Mapping[str, _Spelling]] = {
    "fr_FR": _Spelling(
        weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        months=(
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
        decimal=",",
        # French groups thousands with a narrow no-break space and puts a no-break space
        # before the euro sign, as babel (CLDR) does.
        group="\u202f",
        euros="{sign}{digits}\u00a0€",
    ),
    "en": _Spelling(
        weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        decimal=".",
        group=",",
        euros="{sign}€{digits}",
    ),
}


def spell_weekday(weekday: int, locale: str) -> str:
    """The name of *weekday* (0 for Monday) in *locale*: ``'jeudi'``, ``'Thursday'``.

    Examples:
        >>> spell_weekday(3, "en")
        'Thursday'
    """
    spelling = _SPELLINGS.get(locale)
    if spelling is None:
        from babel.dates import get_day_names

        return str(get_day_names("wide", locale=locale)[weekday])
    return spelling.weekdays[weekday]


def spell_date(day: date, locale: str) -> str:
    """*day* as babel's pattern ``EEEE d MMMM y`` writes it: ``'jeudi 19 septembre 2024'``.

    Examples:
        >>> spell_date(date(2025, 3, 1), "en")
        'Saturday 1 March 2025'
    """
    spelling = _SPELLINGS.get(locale)
    if spelling is None:
        from babel.dates import format_date

        return format_date(day, "EEEE d MMMM y", locale=locale)
    weekday, month = spelling.weekdays[day.weekday()], spelling.months[day.month - 1]
    return f"{weekday} {day.day} {month} {day.year}"


def spell_clock(clock: time, locale: str) -> str:
    """*clock* as babel's pattern ``HH:mm`` writes it: ``'07:05'``.

    Examples:
        >>> spell_clock(time(7, 5), "fr_FR")
        '07:05'
    """
    if locale not in _SPELLINGS:
        from babel.dates import format_time

        return format_time(clock, "HH:mm", locale=locale)
    return f"{clock.hour:02d}:{clock.minute:02d}"


def spell_decimal_symbol(locale: str) -> str:
    """The decimal separator of *locale*: ``','`` in French, ``'.'`` in English.

    Examples:
        >>> spell_decimal_symbol("fr_FR")
        ','
    """
    spelling = _SPELLINGS.get(locale)
    if spelling is None:
        from babel.numbers import get_decimal_symbol

        return str(get_decimal_symbol(locale))
    return spelling.decimal


def spell_amount(euros: Decimal, locale: str) -> str:
    """An amount in euros with its cents, as babel's ``format_currency`` writes it.

    *euros* has at most two decimal places (a [`Money`][cantine_rules.money.Money] amount);
    babel's rounding of more places is not repeated here, so more places go to babel.

    Examples:
        >>> print(spell_amount(Decimal("1234.5"), "fr_FR"))
        1 234,50 €
    """
    spelling = _SPELLINGS.get(locale)
    exponent = euros.as_tuple().exponent
    if spelling is None or not isinstance(exponent, int) or exponent < -2:
        from babel.numbers import format_currency

        return format_currency(euros, "EUR", locale=locale)
    units, cents = f"{abs(euros):.2f}".split(".")
    groups = [units[max(0, end - 3) : end] for end in range(len(units), 0, -3)]
    digits = spelling.group.join(reversed(groups)) + spelling.decimal + cents
    return spelling.euros.format(sign="-" if euros < 0 else "", digits=digits)
