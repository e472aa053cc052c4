"""The HTTP service's settings: where it listens and its limits, read from ``serve``'s options."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation

import attrs

from cantine_rules.errors import InvalidValueError

__all__ = ["HTTP_OPTIONS", "HttpSettings", "http_settings"]


@attrs.frozen
class HttpSettings:
    """Where the HTTP service listens and its limits.

    Attributes:
        host: the address to listen on; loopback unless told otherwise.
        port: the TCP port; 0 lets the system choose a free one.
        max_body: the largest request body read, in bytes (413 beyond).
        timeout: the longest time a request may take, in seconds (504 beyond).
    """

    host: str = "127.0.0.1"
    port: int = 8000
    max_body: int = 65_536
    timeout: float = 10.0


HTTP_OPTIONS = {
    "host": "--host",
    "port": "--port",
    "max_body": "--max-body",
    "timeout": "--timeout",
}


def http_settings(arguments: argparse.Namespace) -> HttpSettings:
    """The HTTP settings of ``serve``'s options, each checked.

    Examples:
        >>> from cantine_rules.cli._args import parser
        >>> http_settings(parser().parse_args(["serve", "--http", "--port", "0"]))
        HttpSettings(host='127.0.0.1', port=0, max_body=65536, timeout=10.0)
    """
    default = HttpSettings()
    port, max_body, timeout = default.port, default.max_body, default.timeout
    if arguments.port is not None:
        port = _whole(arguments.port, "--port", 0, 65_535)
    if arguments.max_body is not None:
        max_body = _whole(arguments.max_body, "--max-body", 1, 16 * 1024 * 1024)
    if arguments.timeout is not None:
        timeout = _seconds(arguments.timeout, "--timeout")
    host = default.host if arguments.host is None else arguments.host.strip()
    if not host:
        raise InvalidValueError("--host", arguments.host, "must be an address")
    return HttpSettings(host, port, max_body, timeout)


def _whole(text: str, option: str, low: int, high: int) -> int:
    """A whole number written in ASCII digits, between *low* and *high*."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 9):
        raise InvalidValueError(option, text, "is not a whole number")
    if not low <= int(digits) <= high:
        raise InvalidValueError(option, text, f"must be between {low} and {high}")
    return int(digits)


def _seconds(text: str, option: str) -> float:
    """A number of seconds above 0 and at most an hour."""
    try:
        value = Decimal(text.strip()) if text.strip().isascii() else Decimal("NaN")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InvalidValueError(option, text, "is not a number of seconds")
    if not 0 < value <= 3600:
        raise InvalidValueError(option, text, "must be above 0 and at most 3600")
    return float(value)
