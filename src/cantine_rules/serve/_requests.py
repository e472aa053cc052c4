"""A request object as the command's parsed arguments, read from the command's own parser.

A request ``{"command": "decide", "commune": "paris", "service": "repas", …}`` stands for the
command line ``cantine-rules decide --service=repas … --json -- paris``: each key is an option's
name without its dashes (``-`` read as ``_``), or the name of one of the command's positional
arguments (``commune``, ``scenario``, ``policy``, ``name``; ``action``, ``name`` and ``dest`` of
``examples``), given in their order. The options, their defaults and their choices are those
of the parser of ``cantine-rules`` itself, so the service and the command cannot drift apart.

A valid request is turned into its ``argparse.Namespace`` directly (argparse takes longer than
the decision itself); a request argparse would refuse (a missing option, a value outside its
choices) is handed to argparse, so that its error is word for word the command's.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cantine_rules._pickling import error_reduce
from cantine_rules.cli._args import UsageError, parser
from cantine_rules.cli._errors import USAGE, error_object
from cantine_rules.errors import InvalidTypeError, InvalidValueError

__all__ = ["RequestError", "Requests"]

#: The subcommands a request may not name: the service itself, and `debit`, which writes a file
#: where its caller says (a service must not write on its host's disk for any client) and needs
#: the `sepa` extra; a portal runs the command for it.
_NOT_REQUESTS = frozenset({"serve", "debit"})
#: Options of the command that a request does not take: its answer is always JSON.
_NOT_OPTIONS = frozenset({"help", "json"})


class RequestError(Exception):
    """A request that cannot stand for a command line, answered as ``{"kind", "message", "field"}``.

    Attributes:
        error: the error object of the answer.
    """

    def __init__(self, error: dict[str, str | None]) -> None:
        super().__init__(error["message"])
        self.error = error

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickle would call the class with the message alone, which its __init__ does not take.
        return error_reduce(self)

    @classmethod
    def usage(cls, field: str | None, reason: str) -> RequestError:
        """The request itself is wrong (not an object, an unknown command or option)."""
        where = "request" if field is None else field
        return cls({"kind": USAGE, "message": f"{where}: {reason}", "field": field})

    @classmethod
    def of(cls, error: Exception) -> RequestError:
        """One of the library's errors about a value of the request."""
        return cls(error_object(error))


class _Option:
    """One option (or positional argument) of a command, as a request names it."""

    __slots__ = ("choices", "dest", "flag", "key", "required", "spelling")

    def __init__(self, action: argparse.Action) -> None:
        long_names = [name for name in action.option_strings if name.startswith("--")]
        self.spelling = long_names[0] if long_names else None  # None: a positional argument
        self.key = (self.spelling or action.dest).lstrip("-").replace("-", "_")
        self.dest = action.dest
        self.flag = action.nargs == 0  # store_true: given or not, no value
        self.required = action.required
        self.choices = None if action.choices is None else tuple(action.choices)

    def argv(self, value: str | bool) -> list[str]:
        """The words of the command line that give *value*."""
        if self.flag:
            return [self.spelling] if value and self.spelling else []
        assert isinstance(value, str)
        # ``--day=-x`` keeps a value starting with a dash a value, as the request means it.
        return [f"{self.spelling}={value}"] if self.spelling else [value]


class _Command:
    """A subcommand's options by request key, and its namespace when no option is given."""

    def __init__(self, name: str, command: argparse.ArgumentParser, top: Mapping[str, Any]) -> None:
        self.name = name
        self.options: dict[str, _Option] = {}
        defaults = dict(top)
        for action in command._actions:
            if action.dest in _NOT_OPTIONS:
                continue
            option = _Option(action)
            self.options[option.key] = option
            if action.default is not argparse.SUPPRESS:
                defaults[action.dest] = action.default
        defaults["command"] = name
        defaults["json"] = True
        self.defaults = defaults
        self.required = tuple(option for option in self.options.values() if option.required)
        #: The positional arguments, in the order the command line gives them.
        self.positionals = tuple(o for o in self.options.values() if o.spelling is None)


class Requests:
    """Reads request objects as the namespaces of the ``cantine-rules`` parser.

    Examples:
        >>> requests = Requests()
        >>> arguments = requests.namespace({"command": "price", "commune": "paris",
        ...                                 "service": "repas", "qf": "235"})
        >>> arguments.command, arguments.commune, arguments.qf, arguments.day
        ('price', 'paris', '235', None)
        >>> requests.argv({"command": "price", "commune": "paris", "service": "repas"})
        ['price', '--service=repas', '--json', '--', 'paris']
    """

    def __init__(self) -> None:
        self._parser = parser()
        top: dict[str, Any] = {}
        commands: dict[str, argparse.ArgumentParser] = {}
        for action in self._parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                commands = dict(action.choices)
            elif action.default is not argparse.SUPPRESS:
                top[action.dest] = action.default  # --json and --lang before the subcommand
        self._commands = {
            name: _Command(name, command, top)
            for name, command in sorted(commands.items())
            if name not in _NOT_REQUESTS
        }

    @property
    def commands(self) -> tuple[str, ...]:
        """The commands a request may name, sorted."""
        return tuple(self._commands)

    def command(self, request: Mapping[str, Any]) -> str:
        """The command *request* names.

        Raises:
            RequestError: no ``command``, or one the service does not answer.
        """
        name = request.get("command")
        if name is None:
            raise RequestError.usage("command", "missing; one of " + ", ".join(self._commands))
        if not isinstance(name, str):
            raise RequestError.of(InvalidTypeError("command", name, "must be a string"))
        if name not in self._commands:
            known = ", ".join(self._commands)
            raise RequestError.usage("command", f"unknown {name!r}; known: {known}")
        return name

    def _given(self, request: Mapping[str, Any]) -> tuple[_Command, dict[_Option, str | bool]]:
        """The command of *request* and the value of each option it gives, each checked."""
        command = self._commands[self.command(request)]
        given: dict[_Option, str | bool] = {}
        for key, value in request.items():
            if key in ("id", "command"):
                continue
            option = command.options.get(key)
            if option is None:
                known = ", ".join(sorted(command.options)) or "none"
                raise RequestError.usage(
                    key, f"not an option of {command.name} (its options: {known})"
                )
            if value is None:  # null: the option is not given, as in PHP's json_encode
                continue
            if option.flag:
                if not isinstance(value, bool):
                    raise RequestError.of(InvalidTypeError(key, value, "must be true or false"))
            elif not isinstance(value, str):
                raise RequestError.of(InvalidTypeError(key, value, "must be a string"))
            elif "\x00" in value or (not value.isprintable() and not _encodable(value)):
                # A command line cannot carry these: no file, date or code contains them.
                raise RequestError.of(InvalidValueError(key, value, "is not text"))
            given[option] = value
        return command, given

    def argv(self, request: Mapping[str, Any]) -> list[str]:
        """The command line *request* stands for (with ``--json``).

        Raises:
            RequestError: *request* names no command the service answers, an unknown option
                or a value of the wrong type.
        """
        command, given = self._given(request)
        words = [command.name]
        for option, value in given.items():
            if option.spelling:
                words.extend(option.argv(value))
        positionals = [
            word
            for option in command.positionals
            if option in given
            for word in option.argv(given[option])
        ]
        # The positional arguments last, after ``--``: even ``-x`` is then a commune's name.
        return [*words, "--json", *(["--", *positionals] if positionals else [])]

    def namespace(self, request: Mapping[str, Any]) -> argparse.Namespace:
        """The parsed arguments of the command line *request* stands for.

        Raises:
            RequestError: *request* cannot stand for a command line, or argparse refuses the
                command line it stands for (the error is then the command's own).
        """
        command, given = self._given(request)
        values = dict(command.defaults)
        for option, value in given.items():
            if option.choices is not None and value not in option.choices:
                self._refuse(request)
                # argparse takes ``--channel=--`` for no value at all; the request meant "--".
                choices = ", ".join(repr(choice) for choice in option.choices)
                raise RequestError.usage(option.key, f"invalid choice {value!r} ({choices})")
            values[option.dest] = value
        for option in command.required:
            if option not in given:
                self._refuse(request)
                raise RequestError.usage(option.key, "missing")  # argparse always says so first
        # Positional arguments are told apart by their place only: a command line cannot give
        # one (``dest``) without those before it (``name``); argparse would read it as another.
        for before, after in zip(command.positionals, command.positionals[1:], strict=False):
            if after in given and before not in given:
                self._refuse(request)
                raise RequestError.usage(after.key, f"given without {before.key}")
        arguments = argparse.Namespace()
        vars(arguments).update(values)  # one update rather than a setattr per option
        return arguments

    def _refuse(self, request: Mapping[str, Any]) -> None:
        """Raises argparse's own error about *request*'s command line, if argparse has one."""
        try:
            self._parser.parse_args(self.argv(request))
        except UsageError as error:
            raise RequestError(error_object(error, usage=True)) from None


def _encodable(text: str) -> bool:
    """True when *text* can be written in UTF-8 (no lone surrogate, as a JSON escape may give)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
