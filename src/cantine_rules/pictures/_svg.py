"""Writing SVG text: escaped text and attributes, and the accessible root element."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from cantine_rules.errors import InvalidTypeError, InvalidValueError

__all__ = ["check_size", "coordinate", "element", "root", "text"]

_NAMESPACE = "http://www.w3.org/2000/svg"


def check_size(field: str, value: object, least: int) -> int:
    """*value* if it is a whole number of pixels, at least *least*: room for the labels.

    Raises:
        InvalidTypeError: *value* is not an int.
        InvalidValueError: *value* is less than *least*.
    """
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTypeError(field, value, "must be an int (pixels)")
    if value < least:
        raise InvalidValueError(field, value, f"must be at least {least} pixels")
    return value


def coordinate(value: float | Decimal) -> str:
    """A coordinate with at most two decimals, no trailing zeros (``12.5``, ``40``)."""
    written = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if written == "-0" else written


def _attributes(attributes: Mapping[str, object]) -> str:
    return "".join(
        f" {name}={quoteattr(str(value))}"
        for name, value in attributes.items()
        if value is not None
    )


def element(tag: str, attributes: Mapping[str, object], *children: str) -> str:
    """An element with its attributes (None values left out) and its children, already SVG."""
    if not children:
        return f"<{tag}{_attributes(attributes)}/>"
    return f"<{tag}{_attributes(attributes)}>{''.join(children)}</{tag}>"


def text(content: str, attributes: Mapping[str, object]) -> str:
    """A ``<text>`` element holding *content*, escaped."""
    return f"<text{_attributes(attributes)}>{escape(content)}</text>"


def root(
    width: int, height: int, title: str, description: str, body: Iterable[str], css_class: str
) -> str:
    """The ``<svg>`` element: an image with its title, its description and an aria-label."""
    attributes = {
        "xmlns": _NAMESPACE,
        "class": css_class,
        "role": "img",
        "aria-label": f"{title}. {description}",
        "viewBox": f"0 0 {width} {height}",
        "width": width,
        "height": height,
        "font-family": "sans-serif",
        "font-size": 12,
    }
    head = f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    return f"<svg{_attributes(attributes)}>{head}{''.join(body)}</svg>"
