"""Checking JSON against the schemas the package ships, and a hook that checks every answer of
the command a test produces.

The hook, `answers_follow_their_schemas`, is used by the ``conftest.py`` of ``tests/cli``,
``tests/serve`` and ``tests/schemas``: each JSON answer produced there, in process
(`cantine_rules.cli.main`, through `execute`) or by ``python -m cantine_rules … --json`` in a
subprocess, is validated against the schema of its command. The service's answers are checked
through the one-shot answers its tests compare them with.
"""

from __future__ import annotations

import functools
import json
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

import cantine_rules.cli as cli
from cantine_rules.cli._args import UsageError, parser
from cantine_rules.schemas import names, schema

FORMATS = Draft202012Validator.FORMAT_CHECKER
NAMES = frozenset(names())


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """The validator of schema *name*, checking formats (dates, date-times) too."""
    return Draft202012Validator(schema(name), format_checker=FORMATS)


def problems(name: str, instance: object) -> list[tuple[list[str | int], str]]:
    """Where and why *instance* is not valid against schema *name* (nothing when it is).

    For a value that matches none of a choice (a command's result or the error object), the
    reason given is the one of the closest choice.
    """
    found = []
    for error in validator(name).iter_errors(instance):
        reason = best_match([error])
        found.append((list(reason.absolute_path), reason.message))
    return found


def assert_valid(name: str, instance: object) -> None:
    found = problems(name, instance)
    assert not found, f"not a valid {name!r}: " + "; ".join(
        f"{'/'.join(map(str, path)) or '(top)'}: {message}" for path, message in found
    )


def output_schema(argv: Sequence[str]) -> str | None:
    """The schema of what ``cantine-rules ARGV --json`` prints.

    The command's schema; ``error`` for a command line the parser refuses; None for a command
    without one (``schema`` itself) or for ``--help``.
    """
    if "-h" in argv or "--help" in argv:
        return None
    try:
        arguments = parser().parse_args(list(argv))
    except UsageError:
        return "error"
    command: str = arguments.command
    return command if command in NAMES else None


def _checking_execute(execute: Callable[..., cli.Result]) -> Callable[..., cli.Result]:
    def checked(arguments: Any, policies: Any = None) -> cli.Result:
        data, human, code = execute(arguments, policies)
        if arguments.command in NAMES:
            # What --json prints: json.dumps of the data.
            assert_valid(arguments.command, json.loads(json.dumps(data)))
        return data, human, code

    return checked


def _command_line(args: object) -> list[str] | None:
    """The arguments given to the command, when *args* runs it (else None)."""
    if not isinstance(args, list | tuple) or not all(isinstance(a, str) for a in args):
        return None
    if len(args) >= 3 and list(args[1:3]) == ["-m", "cantine_rules"]:
        return list(args[3:])
    if args and Path(args[0]).name == "cantine-rules":
        return list(args[1:])
    return None


def checking_run(run: Callable[..., Any]) -> Callable[..., Any]:
    """`subprocess.run`, checking what a ``cantine-rules … --json`` run printed on stdout."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        result = run(*args, **kwargs)
        argv = _command_line(args[0] if args else kwargs.get("args"))
        output = getattr(result, "stdout", None)
        if argv is None or "--json" not in argv or not isinstance(output, str):
            return result
        name = output_schema(argv)
        if name is None or result.returncode not in (0, 1, 2):
            return result
        try:
            data = json.loads(output)
        except json.JSONDecodeError:
            # A run that failed may have been cut short (a test of a closed stdout); one that
            # succeeded must have printed one JSON object.
            assert result.returncode != 0, f"not JSON: {output!r}"
            return result
        assert_valid(name, data)
        return result

    return checked


@pytest.fixture(autouse=True, scope="module")
def answers_follow_their_schemas() -> Iterator[None]:
    """Every JSON answer of the command produced by the tests is valid against its schema."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "execute", _checking_execute(cli.execute))
        patch.setattr(subprocess, "run", checking_run(subprocess.run))
        yield
