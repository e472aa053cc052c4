"""The step plot of a bracket grid: well-formed, accessible, and drawn from the grid's prices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given

from cantine_rules import Money, policies
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.pictures import tariff_step_plot
from cantine_rules.pricing.tariffs import Bracket, BracketGrid, MissingFigureError
from cantine_rules.sources import Source
from cantine_rules.testing import bracket_grids
from tests.pictures._svg import SVG, of_class, parse, texts


def _paris_2020() -> BracketGrid:
    grid = policies.get("paris").tariff("repas").versions[0].tariff
    assert isinstance(grid, BracketGrid)
    return grid


PARIS_2020 = _paris_2020()


def _price_at(grid: BracketGrid, quotient: Decimal) -> Money | None:
    """The grid's own answer for a QF: a bracket's price, or None for a QF it refuses."""
    try:
        return grid.bracket_for(quotient).unit_price
    except MissingFigureError:
        return None


def _bracket_at(grid: BracketGrid, quotient: Decimal) -> str | None:
    """The name of the grid's bracket for a QF, or None for a QF it refuses."""
    try:
        return grid.bracket_for(quotient).name
    except MissingFigureError:
        return None


def _check_against_grid(grid: BracketGrid, svg: str) -> None:
    root = parse(svg)
    for dot in of_class(root, "circle", "bound"):
        quotient = Decimal(dot.get("data-qf", ""))
        price = Money.euros(dot.get("data-price", ""))
        if dot.get("data-included") == "true":
            assert _price_at(grid, quotient) == price, dot.attrib
        else:  # the bound belongs to another bracket, or to none
            assert _bracket_at(grid, quotient) != dot.get("data-bracket"), dot.attrib
    for step in of_class(root, "line", "step"):
        low = Decimal(step.get("data-from", ""))
        high = step.get("data-to")
        inside = low + 1 if high is None else (low + Decimal(high)) / 2
        assert _price_at(grid, inside) == Money.euros(step.get("data-price", "")), step.attrib


def test_a_plot_is_well_formed_and_accessible() -> None:
    root = parse(tariff_step_plot(PARIS_2020, label="Restauration scolaire"))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "« Restauration scolaire » : prix selon le quotient familial"
    assert (root.get("aria-label") or "").startswith(title.text)
    description = root.find(f"{SVG}desc")
    assert description is not None
    assert "tarif 2, dès QF 235 : 0,85\xa0€" in (description.text or "")
    assert "tarif 8, non donné : non donné" in (description.text or "")
    assert (description.text or "").endswith("Sans QF valide : tarif 10.")
    assert "?" not in (description.text or "")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Quotient familial (€)", "Prix unitaire", "4,61\xa0€", "prix non donné"]),
        ("en", ["Quotient familial (€)", "Unit price", "€4.61", "price not given"]),
    ],
)
def test_the_words_and_amounts_are_in_the_language(lang: str, words: list[str]) -> None:
    drawn = texts(parse(tariff_step_plot(PARIS_2020, lang)))
    for word in words:
        assert any(word in text for text in drawn), word


def test_paris_steps_are_the_published_grid() -> None:
    root = parse(tariff_step_plot(PARIS_2020, "en"))
    steps = {
        line.get("data-bracket"): line.get("data-price") for line in of_class(root, "line", "step")
    }
    assert steps == {
        "tarif 1": "0.13",
        "tarif 2": "0.85",
        "tarif 3": "1.62",
        "tarif 4": "2.28",
        "tarif 5": "3.62",
        "tarif 6": "4.61",
    }
    # From tarif 7's threshold on no source gives a price: a band says so, no step is drawn.
    assert [band.get("data-bracket") for band in of_class(root, "rect", "unknown-price")] == [
        "tarif 7"
    ]
    (default,) = of_class(root, "line", "default-price")
    assert (default.get("data-bracket"), default.get("data-price")) == ("tarif 10", "7.00")
    _check_against_grid(PARIS_2020, tariff_step_plot(PARIS_2020, "en"))


def test_bounds_as_written_are_dots_filled_or_hollow() -> None:
    src = Source.example("« inférieur à 700 € », « de 700 à 1000 € », « supérieur à 1000 € »")
    grid = BracketGrid(
        (
            Bracket("A", 0, Money.euros(1), src, upper=700, upper_inclusive=False),
            Bracket("B", 700, Money.euros(2), src, upper=1000),
            Bracket("C", 1000, Money.euros(3), src, lower_inclusive=False),
        ),
        "C",
    )
    root = parse(tariff_step_plot(grid))
    dots = {
        (dot.get("data-bracket"), dot.get("data-qf")): dot.get("data-included")
        for dot in of_class(root, "circle", "bound")
    }
    assert dots == {
        ("A", "0"): "true",
        ("A", "700"): "false",
        ("B", "700"): "true",
        ("B", "1000"): "true",
        ("C", "1000"): "false",
    }
    _check_against_grid(grid, tariff_step_plot(grid))


@given(bracket_grids(written=True, gaps=True))
def test_written_grids_are_drawn_as_they_price(grid: BracketGrid) -> None:
    _check_against_grid(grid, tariff_step_plot(grid, "en"))


@given(bracket_grids(progressive=False))
def test_threshold_grids_are_drawn_as_they_price(grid: BracketGrid) -> None:
    svg = tariff_step_plot(grid)
    _check_against_grid(grid, svg)
    # Every bracket is one step: thresholds only leave no gap.
    assert len(of_class(parse(svg), "line", "step")) == len(grid.brackets)


def test_a_higher_price_is_drawn_higher() -> None:
    root = parse(tariff_step_plot(PARIS_2020))
    heights = [
        (Decimal(line.get("data-price", "")), float(line.get("y1", "")))
        for line in of_class(root, "line", "step")
    ]
    by_price = sorted(heights)
    assert [y for _, y in by_price] == sorted((y for _, y in by_price), reverse=True)


def test_bad_input_is_refused() -> None:
    with pytest.raises(InvalidTypeError):
        tariff_step_plot("tarif 10")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        tariff_step_plot(PARIS_2020, "de")
    with pytest.raises(InvalidValueError):
        tariff_step_plot(PARIS_2020, width=100)
    with pytest.raises(InvalidTypeError):
        tariff_step_plot(PARIS_2020, height=360.0)  # type: ignore[arg-type]
