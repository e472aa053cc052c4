"""The errors of tariffs and grids: their fields, their messages, and the missing figure as data."""

from __future__ import annotations

from decimal import Decimal

from cantine_rules.pricing.tariffs import MissingFigure, MissingFigureError, UnknownBracketError


def test_a_missing_figure_describes_a_price_or_a_threshold() -> None:
    assert MissingFigure("tarif 7").describe() == (
        "bracket tarif 7: no source gives the price of this bracket"
    )
    assert MissingFigure("tarif 7", Decimal("2500")).describe() == (
        "quotient_familial 2500: lies in 'tarif 7' or in a later bracket whose threshold no "
        "source gives"
    )


def test_a_missing_figure_error_keeps_its_parts_and_a_plain_message() -> None:
    error = MissingFigureError("bracket", "tarif 8", "no source gives its price")
    assert (error.field, error.value, error.reason, error.figure) == (
        "bracket",
        "tarif 8",
        "no source gives its price",
        None,
    )
    # A LookupError, yet its message is not quoted as a KeyError's would be.
    assert isinstance(error, LookupError)
    assert str(error) == "bracket: no source gives its price (got 'tarif 8')"
    # Raised without a figure, it names its value as the bracket whose price is missing.
    assert error.missing_figure() == MissingFigure("tarif 8")
    figure = MissingFigure("tarif 7", Decimal("2500"))
    raised = MissingFigureError("quotient_familial", Decimal("2500"), "unknown", figure)
    assert raised.missing_figure() is figure


def test_an_unknown_bracket_names_its_field_and_the_known_brackets() -> None:
    error = UnknownBracketError("T9", ["T1", "T2"])
    assert (error.field, error.value, str(error)) == (
        "bracket",
        "T9",
        "bracket: unknown 'T9'; known: T1, T2",
    )
    named = UnknownBracketError("T9", ["T1"], field="default_bracket")
    assert (named.field, str(named)) == (
        "default_bracket",
        "default_bracket: unknown 'T9'; known: T1",
    )
