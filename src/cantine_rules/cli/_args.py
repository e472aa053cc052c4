"""The command line's arguments: the parser, and reading each value as a typed error naming it."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NoReturn, TypeVar

from cantine_rules._reading import (
    Conventions,
    Parser,
    Reader,
    ReadError,
    day,
    decimal_number,
    instant,
)
from cantine_rules.errors import InvalidValueError, NegativeAmountError

__all__ = [
    "COMMANDS",
    "Notes",
    "UsageError",
    "command_named",
    "parse_day",
    "parse_instant",
    "parse_month",
    "parse_quotient",
    "parser",
]


T = TypeVar("T")

_COMMUNE_HELP = "a reference commune's name, or the path of a policy file (.toml)"


class UsageError(Exception):
    """argparse's complaint about the command line, reported as bad input (exit 2)."""


@functools.cache
def _terminal_columns() -> int:
    """The width help is written for: ``COLUMNS``, else the terminal's, else 80 (as shutil)."""
    with contextlib.suppress(ValueError):
        columns = int(os.environ.get("COLUMNS", "0"))
        if columns > 0:
            return columns
    with contextlib.suppress(AttributeError, ValueError, OSError):
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        if columns > 0:
            return columns
    return 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width.

    argparse makes a formatter for every option it is given and, without a width, imports
    ``shutil`` (and bz2 and lzma with it) to ask for one: a twentieth of a ``decide`` process.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, **options: Any) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(**options)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _options(parser: argparse.ArgumentParser, default: Any) -> None:
    """--json and --lang, accepted before and after the subcommand.

    The subcommands' copies default to SUPPRESS, so that ``--json communes`` keeps the value
    given before the subcommand instead of resetting it.
    """
    json_default = False if default is None else default
    lang_default = "fr" if default is None else default
    parser.add_argument(
        "--json", action="store_true", default=json_default, help="print one JSON object"
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), default=lang_default, help="language (default fr)"
    )


#: The subcommands, in the order ``--help`` lists them.
COMMANDS = (
    "communes",
    "explain",
    "calendar",
    "decide",
    "planning",
    "price",
    "bill",
    "check",
    "debit",
    "schema",
    "examples",
    "serve",
)


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand *argv* asks for, or None when only the whole parser can tell.

    Only the options accepted before a subcommand (``--json``, ``--lang VALUE``) are skipped;
    anything else that starts with a dash (``--help``, a typo) leaves the answer to argparse.

    Examples:
        >>> command_named(["--lang", "en", "decide", "paris"])
        'decide'
        >>> command_named(["--help"]) is None
        True
    """
    tokens = iter(argv)
    for token in tokens:
        if token == "--json" or token.startswith("--lang="):
            continue
        if token == "--lang":
            next(tokens, None)
            continue
        return token if token in COMMANDS else None
    return None


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``cantine-rules`` parser: its subcommands and their options.

    With *only*, the name of a subcommand, the parser knows that subcommand alone: a process
    answers one command, and building the eleven others is a good part of its start-up.
    """
    common = _Parser(add_help=False)
    _options(common, argparse.SUPPRESS)
    parser = _Parser(
        prog="cantine-rules",
        description="Rules of French school canteens and periscolaire services.",
    )
    _options(parser, None)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    if only in (None, "communes"):
        commands.add_parser("communes", parents=[common], help="list the reference communes")
    if only in (None, "explain"):
        explain = commands.add_parser("explain", parents=[common], help="every rule of a commune")
        explain.add_argument("commune", metavar="COMMUNE", help=_COMMUNE_HELP)
    if only in (None, "calendar"):
        cal = commands.add_parser("calendar", parents=[common], help="what kind of day each day is")
        cal.add_argument("commune", metavar="COMMUNE", help=_COMMUNE_HELP)
        cal.add_argument("--from", dest="start", required=True, metavar="DATE")
        cal.add_argument("--to", dest="end", required=True, metavar="DATE")
    if only in (None, "decide"):
        decide = commands.add_parser("decide", parents=[common], help="decide a booking change")
        decide.add_argument("commune", metavar="COMMUNE", help=_COMMUNE_HELP)
        decide.add_argument("--service", required=True, metavar="CODE")
        decide.add_argument("--day", required=True, metavar="DATE")
        decide.add_argument("--action", required=True, choices=("add", "cancel"))
        decide.add_argument("--at", required=True, metavar="DATETIME")
        decide.add_argument("--channel", choices=("online", "office"), default="online")
        decide.add_argument(
            "--justified", action="store_true", help="the change comes with a medical certificate"
        )
        decide.add_argument("--qf", metavar="N", help="the family's quotient familial, in euros")
    if only in (None, "planning"):
        plan = commands.add_parser("planning", parents=[common], help="a month's planning grid")
        plan.add_argument("commune", metavar="COMMUNE", help=_COMMUNE_HELP)
        plan.add_argument("--service", required=True, metavar="CODE")
        plan.add_argument("--month", required=True, metavar="YYYY-MM")
        plan.add_argument("--at", required=True, metavar="DATETIME")
    if only in (None, "price"):
        price = commands.add_parser("price", parents=[common], help="the unit price of a service")
        price.add_argument("commune", metavar="COMMUNE", help=_COMMUNE_HELP)
        price.add_argument("--service", required=True, metavar="CODE")
        price.add_argument("--qf", metavar="N")
        price.add_argument("--day", metavar="DATE", help="default: today")
    if only in (None, "bill"):
        bill = commands.add_parser("bill", parents=[common], help="bill a family's scenario")
        bill.add_argument("scenario", metavar="SCENARIO.toml")
    if only in (None, "check"):
        check = commands.add_parser("check", parents=[common], help="check a commune policy file")
        check.add_argument("policy", metavar="POLICY.toml")
        check.add_argument(
            "--cost",
            metavar="EUROS",
            help="the cost of a meal: no price may exceed it (Code de l'éducation R531-53)",
        )
    if only in (None, "debit"):
        debit = commands.add_parser(
            "debit", parents=[common], help="direct-debit file (sepa extra)"
        )
        debit.add_argument("scenarios", nargs="+", metavar="SCENARIO.toml")
        debit.add_argument("--creditor", required=True, metavar="CREDITOR.toml")
        debit.add_argument("--out", required=True, metavar="FILE.xml", help="the pain.008 file")
        debit.add_argument("--notified-on", metavar="DATE", help="default: the periods' last day")
        debit.add_argument("--collect-on", metavar="DATE", help="default: the earliest allowed")
    if only in (None, "schema"):
        schema = commands.add_parser("schema", parents=[common], help="print a JSON Schema")
        schema.add_argument("name", metavar="NAME", help="policy, scenario, error, or a command")
    if only in (None, "examples"):
        examples = commands.add_parser(
            "examples", parents=[common], help="list the example files shipped, or copy one"
        )
        examples.add_argument("action", choices=("list", "copy"), metavar="list|copy")
        examples.add_argument("name", nargs="?", metavar="NAME", help="copy: the example to copy")
        examples.add_argument(
            "dest", nargs="?", metavar="DEST", help="copy: a file or folder (default examples/NAME)"
        )
        examples.add_argument(
            "--force", action="store_true", help="copy: replace a file that holds another text"
        )
    if only in (None, "serve"):
        serve = commands.add_parser("serve", parents=[common], help="answer JSON requests")
        mode = serve.add_mutually_exclusive_group(required=True)
        mode.add_argument("--stdio", action="store_true", help="JSON lines on stdin and stdout")
        mode.add_argument("--http", action="store_true", help="HTTP (needs the http extra)")
        serve.add_argument("--policy", action="append", default=[], help="a policy file to load")
        serve.add_argument("--data-dir", action="append", default=[], help="a folder to read from")
        serve.add_argument("--host", help="HTTP: the address to listen on (default 127.0.0.1)")
        serve.add_argument("--port", help="HTTP: the port (default 8000; 0: any free port)")
        serve.add_argument("--max-body", metavar="BYTES", help="HTTP: body limit (default 65536)")
        serve.add_argument("--timeout", metavar="SECONDS", help="HTTP: time limit (default 10)")
    return parser


class Notes(list[str]):
    """What the command assumed, said back in its output (a datetime read as Europe/Paris)."""


# The command reads its values with the plain-data reader's own parsers, so that an option takes
# exactly the forms a policy file does: dates YYYY-MM-DD, numbers in the digits 0-9 without an
# exponent or underscores; blanks around a value are ignored. They live in
# ``cantine_rules._reading``, outside the plain-data package: reading an option imports no TOML
# reader nor policy reader.


def _read(parse: Parser[T], text: str, option: str, reason: str) -> T:
    try:
        return parse(Reader(), text.strip(), option)
    except ReadError:
        raise InvalidValueError(option, text, reason) from None


def parse_day(text: str, option: str) -> date:
    """A ``YYYY-MM-DD`` day.

    >>> parse_day("2024-09-19", "--day")
    datetime.date(2024, 9, 19)
    """
    return _read(day, text, option, "is not a date (YYYY-MM-DD)")


def parse_month(text: str, option: str) -> tuple[date, date]:
    """A ``YYYY-MM`` month, as its first and last days."""
    reason = "is not a month (YYYY-MM)"
    try:
        first = _read(day, text.strip() + "-01", option, reason)
    except InvalidValueError:
        raise InvalidValueError(option, text, reason) from None
    import calendar as _gregorian  # only `planning` reads a month

    length = _gregorian.monthrange(first.year, first.month)[1]
    return first, first.replace(day=length)


def parse_instant(text: str, option: str, notes: Notes) -> datetime:
    """An ISO 8601 datetime; one without an offset is read as Europe/Paris, and *notes* say so.

    A time without an offset that the clocks skip in spring is moved forward by the gap, one
    they show twice in autumn is the first, and the note says that too.

    >>> notes = Notes()
    >>> parse_instant("2025-03-30T02:30", "--at", notes).isoformat()
    '2025-03-30T03:30:00+02:00'
    >>> notes[0].split("; ")
    ['--at 2025-03-30T02:30 has no offset: read as Europe/Paris', '02:30 does not exist that day (the clocks go forward): read as 03:30+02:00']
    """  # noqa: E501  (a doctest's answer is one line)
    reader = Reader(Conventions(local_instants=True))
    # The note names the option and the text as written: "--at 2024-09-19T17:00 has no offset".
    label = f"{option} {text}"
    reason = "is not a datetime (YYYY-MM-DDTHH:MM[:SS][+HH:MM])"
    try:
        instant_read = instant(reader, text.strip(), label)
    except ReadError:
        raise InvalidValueError(option, text, reason) from None
    notes.extend(reader.notes)
    return instant_read


def parse_quotient(text: str, option: str) -> Decimal:
    """A quotient familial in euros: a decimal number, zero or more.

    >>> parse_quotient("812.50", "--qf")
    Decimal('812.50')
    """
    reason = "is not a number written like 812 or 3.50 (at most 12 digits before the point)"
    value = _read(decimal_number, text, option, reason)
    if value < 0:
        raise NegativeAmountError(option, text)
    return value
