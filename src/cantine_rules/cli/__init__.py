"""The ``cantine-rules`` command: the library's rules for people and for programs in any language.

Human output by default, in French (``--lang en`` for English); stable JSON with ``--json``.
Exit codes: 0 success, 2 bad input (stderr says what and where), 1 internal error.

Each command parses its arguments, calls one library function and renders its answer.

>>> main(["communes", "--json"])  # doctest: +ELLIPSIS
{"communes": [{"slug": "alsh-postfacturation", ...
0
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TextIO

from cantine_rules.cli import _render as render
from cantine_rules.cli._args import (
    Notes,
    UsageError,
    command_named,
    parse_day,
    parse_instant,
    parse_month,
    parse_quotient,
    parser,
)
from cantine_rules.cli._errors import error_object
from cantine_rules.cli._policies import PolicyLoader, is_policy_path
from cantine_rules.errors import CantineRulesError, InvalidValueError, PolicyError
from cantine_rules.model import BookingChange, ChangeAction, Channel, Justification
from cantine_rules.money import Money
from cantine_rules.policies import get, names
from cantine_rules.pricing.tariffs import PricingContext

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_OK", "Result", "execute", "main"]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit code.

    The command writes UTF-8 whatever the locale. When its output cannot be written (the reader
    went away, the disk is full, standard output is closed), it ends quietly with exit code 1:
    one line on standard error (none for a reader that went away), never a traceback.
    """
    if stdout is None:
        for stream in (sys.stdout, sys.stderr):
            _write_utf8(stream)
    out = sys.stdout if stdout is None else stdout
    try:
        return _run(argv, out)
    except _OutputError as error:
        if stdout is None:
            _silence(sys.stdout)
        if error.reason is not None:
            _say(f"error: cannot write the output ({error.reason})")
        return EXIT_INTERNAL


def _run(argv: Sequence[str] | None, out: TextIO | None) -> int:
    given = sys.argv[1:] if argv is None else argv
    wants_json = "--json" in given
    try:
        arguments = parser(only=command_named(given)).parse_args(given)
    except UsageError as error:
        _say(f"error: {error}")
        if wants_json:
            _write(out, json.dumps({"error": error_object(error, usage=True)}) + "\n")
        return EXIT_BAD_INPUT
    except SystemExit as leaving:  # --help, which argparse wrote to sys.stdout (or sys.stderr)
        if sys.stdout is not None:
            _write(sys.stdout, "")
        return int(leaving.code or 0)
    if arguments.command == "serve":
        from cantine_rules.serve import run  # the service's imports, only when it is asked for

        return run(arguments)
    data, human, code = execute(arguments)
    text = json.dumps(data, ensure_ascii=False) if arguments.json else human
    if code == EXIT_OK:
        _write(out, text + "\n")
        return code
    # Bad input or an internal error: one line for people on stderr, and with --json the same
    # error as a JSON object on stdout for programs.
    _say(human)
    if arguments.json:
        _write(out, text + "\n")
    return code


# Output ---------------------------------------------------------------------------------------


class _OutputError(Exception):
    """Standard output could not be written; *reason* says why (None: its reader went away)."""

    def __init__(self, reason: str | None) -> None:
        super().__init__(reason)
        self.reason = reason


def _write(out: TextIO | None, text: str) -> None:
    """Write and flush *text*, so that a failure is seen here rather than at exit."""
    if out is None:
        raise _OutputError("standard output is closed")
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        raise _OutputError(None) from None
    except UnicodeEncodeError as error:
        raise _OutputError(f"its encoding {error.encoding} cannot write the text") from None
    except OSError as error:
        raise _OutputError(error.strerror or type(error).__name__) from None
    except ValueError:  # I/O on a closed file
        raise _OutputError("standard output is closed") from None


def _say(line: str) -> None:
    """Write *line* on standard error, if it can still be written."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        _silence(sys.stderr)


def _write_utf8(stream: TextIO | None) -> None:
    """Make *stream* write UTF-8 (a text the encoding cannot hold is escaped, never an error)."""
    if isinstance(stream, io.TextIOWrapper):
        with contextlib.suppress(OSError, ValueError):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _silence(stream: TextIO | None) -> None:
    """Point *stream*'s descriptor at the null device, once writing to it failed.

    What is left in its buffer then goes nowhere when the interpreter flushes it at exit, instead
    of failing a second time (with a message and exit code 120).
    """
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


Result = tuple[dict[str, Any], str, int]


def execute(arguments: argparse.Namespace, policies: PolicyLoader | None = None) -> Result:
    """Run one parsed command: its JSON data, its text for people and its exit code.

    *policies* gives the commune a command names (a reference commune or a policy file); a
    long-running service passes the same loader to every call, so each file is read once until
    it changes.

    An error is answered, not raised: bad input gives ``{"error": {"kind", "message",
    "field"}}`` and exit code 2 (a `check` that finds problems reports them all), anything else
    exit code 1.
    """
    try:
        return _COMMANDS[arguments.command](arguments, policies or PolicyLoader())
    except CantineRulesError as error:
        return {"error": error_object(error)}, f"error: {error}", EXIT_BAD_INPUT
    except Exception as error:
        internal = error_object(error)
        return {"error": internal}, f"internal error: {internal['message']}", EXIT_INTERNAL


# Commands ------------------------------------------------------------------------------------

# Each command imports the library's modules it alone needs where it runs: a process answers one
# command, and importing the others (billing, plain data, the planning grid) would be most of
# what it costs.


def _communes(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    communes = [get(slug) for slug in names()]
    return render.communes_data(communes), render.communes_text(communes), EXIT_OK


def _explain(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    policy = policies.get(arguments.commune)
    rules = policy.explain(arguments.lang)
    data = render.explain_data(policy, rules)
    return data, render.explain_text(policy, rules, arguments.lang), EXIT_OK


def _calendar(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    policy = policies.get(arguments.commune)
    start = parse_day(arguments.start, "--from")
    end = parse_day(arguments.end, "--to")
    if end < start:
        raise InvalidValueError("--to", arguments.end, f"must not be before --from {start}")
    days = policy.calendar.days(start, end)
    data = render.calendar_data(policy, days)
    return data, render.calendar_text(days, arguments.lang), EXIT_OK


def _context(qf: str | None) -> PricingContext:
    return PricingContext(None if qf is None else parse_quotient(qf, "--qf"))


def _decide(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    policy = policies.get(arguments.commune)
    notes = Notes()
    day = parse_day(arguments.day, "--day")
    at = parse_instant(arguments.at, "--at", notes)
    change = BookingChange(
        ChangeAction(arguments.action),
        "child",
        arguments.service,
        day,
        at,
        Channel(arguments.channel),
        Justification.MEDICAL_CERTIFICATE if arguments.justified else None,
    )
    decision = policy.decide(change, context=_context(arguments.qf))
    data = render.decision_data(decision, arguments.lang)
    data["notes"] = list(notes)
    # The message is the decision explained, the longest part of the answer to compute: once.
    return data, "\n".join([data["message"], *notes]), EXIT_OK


def _planning(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    policy = policies.get(arguments.commune)
    notes = Notes()
    first, last = parse_month(arguments.month, "--month")
    at = parse_instant(arguments.at, "--at", notes)
    policy.service(arguments.service)
    from cantine_rules.rules.planning_grid import planning_between  # see "Commands" above

    grid = planning_between(policy.booking, "child", arguments.service, first, last, at=at)
    data = render.planning_data(policy, arguments.service, grid)
    data["notes"] = list(notes)
    return data, "\n".join([*render.planning_text(grid, arguments.lang), *notes]), EXIT_OK


def _price(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    policy = policies.get(arguments.commune)
    day = date.today() if arguments.day is None else parse_day(arguments.day, "--day")
    from cantine_rules.billing import quote  # see "Commands" above

    answer = quote(policy, arguments.service, day, context=_context(arguments.qf))
    return render.quote_data(answer, day), render.quote_text(answer, arguments.lang), EXIT_OK


def _bill(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    from pathlib import Path  # a file's command: see "Commands" above

    from cantine_rules.billing import bill
    from cantine_rules.plain import load_scenario

    path = Path(arguments.scenario)
    try:
        scenario = load_scenario(path)
    except OSError as error:
        raise InvalidValueError(
            "SCENARIO", str(path), f"cannot be read ({error.strerror})"
        ) from None
    # A scenario may name its commune's policy file: read by the loader, as a command's commune.
    policy = policies.get(scenario.commune) if is_policy_path(scenario.commune) else None
    result = bill(scenario, policy=policy)
    lang = arguments.lang
    # The text of a long period costs as much as billing it: written only for people.
    text = "" if arguments.json else render.bill_text(result, lang)
    return render.bill_data(result, lang), text, EXIT_OK


def _check(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    from pathlib import Path  # a file's command: see "Commands" above

    from cantine_rules.plain import check_grids, load_toml

    cost = None
    if arguments.cost is not None:
        cost = Money.euros(parse_quotient(arguments.cost, "--cost"), field="--cost")
    try:
        policy = load_toml(Path(arguments.policy))
    except OSError as error:
        raise InvalidValueError(
            "POLICY", arguments.policy, f"cannot be read ({error.strerror})"
        ) from None
    except PolicyError as error:
        data = render.problems_data(arguments.policy, error)
        return data, render.problems_text(error), EXIT_BAD_INPUT
    checks = check_grids(policy, cost_per_meal=cost)
    data = render.check_data(arguments.policy, policy, checks)
    return data, render.check_text(policy, checks), EXIT_OK


def _debit(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    from cantine_rules.cli._debit import debit  # the `sepa` extra's command: see "Commands" above

    return debit(arguments, policies)


def _schema(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    from cantine_rules.schemas import schema  # a schema needs none of the rules: import on use

    data = schema(arguments.name)
    return data, json.dumps(data, ensure_ascii=False, indent=2), EXIT_OK


def _examples(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    from cantine_rules import examples  # the files shipped: only this command looks for them

    if arguments.action == "list":
        for extra, option in ((arguments.name, "NAME"), (arguments.dest, "DEST")):
            if extra is not None:
                raise InvalidValueError(option, extra, "list takes no argument")
        found = examples.examples()
        return render.examples_data(found), render.examples_text(found), EXIT_OK
    if arguments.name is None:
        raise InvalidValueError(
            "NAME", None, "is missing: copy needs one of the names `examples list` gives"
        )
    copied = examples.copy(arguments.name, arguments.dest, replace=arguments.force)
    return render.copy_data(copied), render.copy_text(copied, arguments.lang), EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, PolicyLoader], Result]] = {
    "communes": _communes,
    "explain": _explain,
    "calendar": _calendar,
    "decide": _decide,
    "planning": _planning,
    "price": _price,
    "bill": _bill,
    "check": _check,
    "schema": _schema,
    "debit": _debit,
    "examples": _examples,
}
