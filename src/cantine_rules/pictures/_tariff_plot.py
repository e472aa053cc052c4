"""A bracket grid as a step plot: the unit price against the quotient familial."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal
from typing import Final

import attrs

from cantine_rules.errors import InvalidTypeError
from cantine_rules.money import Money
from cantine_rules.pictures._messages import say
from cantine_rules.pictures._svg import check_size, coordinate, element, root, text
from cantine_rules.policies._messages import money, number
from cantine_rules.policies.commune import describe_bounds
from cantine_rules.pricing._tariffs import BracketGrid

__all__ = ["tariff_step_plot"]

_LEFT: Final = 72
_RIGHT: Final = 24
_TOP: Final = 40
_BOTTOM: Final = 84
_STEP_COLOUR: Final = "#1565c0"
_DEFAULT_COLOUR: Final = "#c62828"
_MUTED: Final = "#616161"
_Scale = Callable[[Decimal], Decimal]
# Tick spacings of the price axis, in euros: the first that gives at most six ticks is used.
_PRICE_STEPS: Final = tuple(
    Decimal(step) for step in ("0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100")
)


@attrs.frozen
class _Step:
    """One bracket's stretch of QFs as the grid places them, and its price (None: unknown)."""

    name: str
    start: Decimal
    start_included: bool
    end: Decimal | None  # None: open above
    end_included: bool
    price: Money | None


def _steps(grid: BracketGrid) -> tuple[_Step, ...]:
    """The stretches of the brackets whose threshold is known, by rising QF.

    A bracket without an upper bound ends where the next one starts, the shared bound going to
    whichever bracket includes it. Above the last known threshold, when brackets whose threshold
    no source gives follow, no price is known: the grid refuses those QFs as ambiguous.
    """
    known = [bracket for bracket in grid.brackets if bracket.lower is not None]
    ambiguous_above = len(known) < len(grid.brackets)
    steps: list[_Step] = []
    for index, bracket in enumerate(known):
        assert bracket.lower is not None
        end: Decimal | None
        if bracket.upper is not None:
            end, end_included = bracket.upper, bracket.upper_inclusive
        elif index + 1 < len(known):
            following = known[index + 1]
            assert following.lower is not None
            end, end_included = following.lower, not following.lower_inclusive
        else:
            end, end_included = None, False
        price = bracket.unit_price
        if end is None and ambiguous_above:
            price = None
        steps.append(
            _Step(bracket.name, bracket.lower, bracket.lower_inclusive, end, end_included, price)
        )
    return tuple(steps)


def _price_axis(prices: list[Money]) -> tuple[Decimal, Decimal]:
    """The top of the price axis and the spacing of its ticks, in euros."""
    highest = max((price.amount for price in prices), default=Decimal(0))
    if highest == 0:
        highest = Decimal(1)
    spacing = next((step for step in _PRICE_STEPS if highest / step <= 6), _PRICE_STEPS[-1])
    top = (highest / spacing).to_integral_value(ROUND_CEILING) * spacing
    if top < highest * Decimal("1.08"):  # room above the highest step for its label
        top += spacing
    return top, spacing


def tariff_step_plot(
    grid: BracketGrid,
    lang: str = "fr",
    *,
    label: str = "",
    width: int = 640,
    height: int = 360,
) -> str:
    """The price of one unit against the quotient familial, as an SVG picture.

    Each bracket whose threshold is known is a horizontal step from its lower bound to its
    upper bound as the règlement writes them (or to the next threshold); a filled dot marks a
    bound the bracket includes, a hollow one a bound it excludes, so « inférieur à 700 » and
    « de 700 » read as they are written. QFs in no bracket (a gap between written bounds) have
    no step; where no source gives the price, a grey band says so. The default bracket's price,
    for a family without a valid QF, is a dashed line. Amounts are written as the language
    writes money (``0,85 €``, ``€0.85``).

    The picture has a ``<title>``, a ``<desc>`` (each bracket in words, its bounds from
    [`describe_bounds`][cantine_rules.policies.commune.describe_bounds]), ``role="img"`` and an
    ``aria-label``. Each step carries its bracket and price (``data-bracket``, ``data-price``)
    and each dot its QF and whether it is included (``data-qf``, ``data-included``), so that a
    test or a portal's script can read the picture back.

    Args:
        grid: the bracket grid.
        lang: ``"fr"`` or ``"en"``.
        label: the service's name, for the title (« Restauration scolaire »).
        width: the picture's width, in pixels.
        height: the picture's height, in pixels.

    Raises:
        InvalidTypeError: *grid* is not a
            [`BracketGrid`][cantine_rules.pricing.tariffs.BracketGrid].
        InvalidValueError: *lang* is not ``"fr"`` nor ``"en"`` (field ``lang``), or the picture
            is smaller than 320 × 200 pixels.

    Examples:
        >>> from cantine_rules import policies
        >>> grid = policies.get("paris").tariff("repas").versions[0].tariff
        >>> svg = tariff_step_plot(grid, "en", label="Restauration scolaire")
        >>> svg.startswith("<svg") and 'role="img"' in svg and "€0.85" in svg
        True
    """
    if not isinstance(grid, BracketGrid):
        raise InvalidTypeError("grid", grid, "must be a BracketGrid")
    check_size("width", width, 320)
    check_size("height", height, 200)
    title = say(lang, "plot.title", label=label) if label else say(lang, "plot.title.plain")
    steps = _steps(grid)
    default = grid.bracket(grid.default_bracket)
    prices = [step.price for step in steps if step.price is not None]
    if default.unit_price is not None:
        prices.append(default.unit_price)
    top_price, spacing = _price_axis(prices)
    bounds = sorted({step.start for step in steps} | {s.end for s in steps if s.end is not None})
    highest_bound = bounds[-1] if bounds else Decimal(0)
    open_above = any(step.end is None for step in steps)
    stretch = Decimal("1.25") if open_above else Decimal("1.08")
    right_qf = highest_bound * stretch if highest_bound > 0 else Decimal(1000)
    plot_width = width - _LEFT - _RIGHT
    plot_height = height - _TOP - _BOTTOM
    bottom = _TOP + plot_height

    def x_of(quotient: Decimal) -> Decimal:
        return _LEFT + quotient / right_qf * plot_width

    def y_of(amount: Decimal) -> Decimal:
        return bottom - amount / top_price * plot_height

    body: list[str] = [
        element("rect", {"x": 0, "y": 0, "width": width, "height": height, "fill": "#ffffff"}),
        text(title, {"x": _LEFT, "y": 22, "font-size": 14, "font-weight": "bold"}),
    ]
    body += _axes(lang, width, bottom, plot_height, top_price, spacing, y_of)
    body += _quotient_ticks(lang, bounds, bottom, x_of)
    for step in steps:
        body += _step(lang, step, x_of, y_of, right_qf, bottom)
    if default.unit_price is not None:
        y = coordinate(y_of(default.unit_price.amount))
        body.append(
            element(
                "line",
                {
                    "class": "default-price",
                    "data-bracket": default.name,
                    "data-price": str(default.unit_price.amount),
                    "x1": _LEFT,
                    "x2": width - _RIGHT,
                    "y1": y,
                    "y2": y,
                    "stroke": _DEFAULT_COLOUR,
                    "stroke-dasharray": "6 4",
                },
            )
        )
        words = say(lang, "plot.default", name=default.name, price=money(lang, default.unit_price))
    else:
        words = say(lang, "plot.default.unknown", name=default.name)
    body.append(
        text(
            words,
            {"x": width - _RIGHT, "y": _TOP - 6, "text-anchor": "end", "fill": _DEFAULT_COLOUR},
        )
    )
    body.append(text(say(lang, "plot.legend"), {"x": _LEFT, "y": height - 8, "fill": _MUTED}))
    return root(width, height, title, _description(grid, lang), body, "tariff-step-plot")


def _description(grid: BracketGrid, lang: str) -> str:
    """The grid in words, for those who do not see the picture; an unknown figure said so."""
    not_given = say(lang, "plot.not_given")
    brackets = "; ".join(
        say(
            lang,
            "plot.bracket",
            name=bracket.name,
            bounds=not_given if bracket.lower is None else describe_bounds(bracket, lang),
            price=not_given if bracket.unit_price is None else money(lang, bracket.unit_price),
        )
        for bracket in grid.brackets
    )
    return say(lang, "plot.description", brackets=brackets, default=grid.default_bracket)


def _axes(
    lang: str,
    width: int,
    bottom: int,
    plot_height: int,
    top_price: Decimal,
    spacing: Decimal,
    y_of: _Scale,
) -> list[str]:
    """The two axes, their names, and the price ticks."""
    parts = [
        element(
            "line",
            {"x1": _LEFT, "x2": width - _RIGHT, "y1": bottom, "y2": bottom, "stroke": "#000"},
        ),
        element("line", {"x1": _LEFT, "x2": _LEFT, "y1": _TOP, "y2": bottom, "stroke": "#000"}),
        text(
            say(lang, "plot.x_axis"),
            {"x": width - _RIGHT, "y": bottom + 56, "text-anchor": "end"},
        ),
        text(
            say(lang, "plot.y_axis"),
            {
                "x": 14,
                "y": _TOP + plot_height / 2,
                "text-anchor": "middle",
                "transform": f"rotate(-90 14 {coordinate(_TOP + plot_height / 2)})",
            },
        ),
    ]
    tick = Decimal(0)
    while tick <= top_price:
        y = coordinate(y_of(tick))
        parts.append(
            element(
                "line",
                {"x1": _LEFT - 4, "x2": width - _RIGHT, "y1": y, "y2": y, "stroke": "#e0e0e0"},
            )
        )
        parts.append(
            text(
                money(lang, Money.euros(tick)),
                {"x": _LEFT - 6, "y": y, "text-anchor": "end", "dominant-baseline": "middle"},
            )
        )
        tick += spacing
    return parts


def _quotient_ticks(lang: str, bounds: list[Decimal], bottom: int, x_of: _Scale) -> list[str]:
    """A tick at each bound of the grid, labelled where it leaves room for the label."""
    parts: list[str] = []
    last_labelled: Decimal | None = None
    for bound in bounds:
        x = x_of(bound)
        parts.append(
            element(
                "line",
                {
                    "x1": coordinate(x),
                    "x2": coordinate(x),
                    "y1": bottom,
                    "y2": bottom + 4,
                    "stroke": "#000",
                },
            )
        )
        if last_labelled is not None and x - last_labelled < 14:
            continue
        last_labelled = x
        y = bottom + 10
        parts.append(
            text(
                number(lang, bound),
                {
                    "class": "qf-tick",
                    "x": coordinate(x),
                    "y": y,
                    "text-anchor": "end",
                    "transform": f"rotate(-45 {coordinate(x)} {y})",
                },
            )
        )
    return parts


def _dot(step: _Step, quotient: Decimal, included: bool, x: Decimal, y: Decimal) -> str:
    """The dot at one bound of a step: filled when the bracket includes it, hollow when not."""
    return element(
        "circle",
        {
            "class": "bound",
            "data-bracket": step.name,
            "data-qf": str(quotient),
            "data-included": "true" if included else "false",
            "data-price": str(step.price.amount) if step.price is not None else None,
            "cx": coordinate(x),
            "cy": coordinate(y),
            "r": 4,
            "fill": _STEP_COLOUR if included else "#ffffff",
            "stroke": _STEP_COLOUR,
            "stroke-width": 1.5,
        },
    )


def _step(
    lang: str, step: _Step, x_of: _Scale, y_of: _Scale, right_qf: Decimal, bottom: int
) -> list[str]:
    """One bracket's step, its dots and its price; a grey band where the price is unknown."""
    start = x_of(step.start)
    end = x_of(right_qf if step.end is None else step.end)
    if step.price is None:
        top = Decimal(_TOP)
        return [
            element(
                "rect",
                {
                    "class": "unknown-price",
                    "data-bracket": step.name,
                    "x": coordinate(start),
                    "y": coordinate(top),
                    "width": coordinate(max(end - start, Decimal(2))),
                    "height": coordinate(bottom - top),
                    "fill": "#9e9e9e",
                    "fill-opacity": "0.18",
                    "stroke": "#9e9e9e",
                    "stroke-dasharray": "4 3",
                },
            ),
            text(
                say(lang, "plot.unknown"),
                {
                    "x": coordinate((start + end) / 2),
                    "y": coordinate(top + 16),
                    "text-anchor": "middle",
                    "fill": _MUTED,
                },
            ),
        ]
    y = y_of(step.price.amount)
    parts = [
        element(
            "line",
            {
                "class": "step",
                "data-bracket": step.name,
                "data-price": str(step.price.amount),
                "data-from": str(step.start),
                "data-to": None if step.end is None else str(step.end),
                "x1": coordinate(start),
                "x2": coordinate(end),
                "y1": coordinate(y),
                "y2": coordinate(y),
                "stroke": _STEP_COLOUR,
                "stroke-width": 2.5,
            },
        ),
        _dot(step, step.start, step.start_included, start, y),
    ]
    if step.end is not None:
        parts.append(_dot(step, step.end, step.end_included, end, y))
    else:
        parts.append(
            text(
                say(lang, "plot.open_above"),
                {
                    "x": coordinate(end - 2),
                    "y": coordinate(y + 16),
                    "text-anchor": "end",
                    "fill": _MUTED,
                },
            )
        )
    if end - start >= 44:  # the price where there is room for it; the table gives every price
        parts.append(
            text(
                money(lang, step.price),
                {
                    "class": "price",
                    "x": coordinate(start + 4),
                    "y": coordinate(y - 6),
                    "fill": _STEP_COLOUR,
                },
            )
        )
    return parts
