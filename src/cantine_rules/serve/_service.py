"""The service: answers request objects with the command's JSON, the policies loaded once."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from cantine_rules.cli import EXIT_BAD_INPUT, EXIT_OK, execute
from cantine_rules.cli._policies import PolicyLoader, is_policy_path
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.policies import CommunePolicy
from cantine_rules.serve._requests import RequestError, Requests

__all__ = ["Answer", "Service"]

Answer = tuple[dict[str, Any], int]
"""A response object and the exit code the one-shot command gives for the same request."""

#: The request keys that name a file, and when a value of theirs is a file's path.
_FILE_KEYS: dict[str, Callable[[str], bool] | None] = {
    "commune": is_policy_path,
    "policy": None,
    "scenario": None,
}


def request_id(request: object) -> str | int | None:
    """The ``id`` of *request* when it has a usable one (a string, an integer), else None."""
    if isinstance(request, dict):
        ident = request.get("id")
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            return ident
    return None


def response(ident: str | int | None, data: Mapping[str, Any], code: int) -> dict[str, Any]:
    """The response to a request whose command answered *data* with exit code *code*.

    ``ok`` is true when the command succeeds (exit code 0). Its JSON is under ``result``, or,
    when it is the error object ``{"error": {...}}``, its inside is under ``error``: a ``check``
    that finds problems answers ``ok: false`` with its report (the problems) under ``result``.
    """
    if code != EXIT_OK and data.keys() == {"error"}:
        return {"id": ident, "ok": False, "error": data["error"]}
    return {"id": ident, "ok": code == EXIT_OK, "result": data}


class Service:
    """Answers requests as the ``cantine-rules`` command would, reading each policy file once.

    *policies* are policy files loaded at start, so that a bad file stops the service before
    it answers anything; every file a request names is read once, then again when it changes.
    With *data_dirs* (a sequence, even empty), a request may only name the *policies* files and
    files under those folders; with None, any file the process can read.

    Examples:
        >>> service = Service()
        >>> answer, code = service.answer({"id": 7, "command": "price", "commune": "paris",
        ...                                "service": "repas", "qf": "235", "day": "2020-10-05"})
        >>> answer["id"], answer["ok"], answer["result"]["unit_price"], code
        (7, True, '0.85', 0)
        >>> service.answer({"id": 8, "command": "price", "commune": "paris"})[0]["error"]["kind"]
        'UsageError'
    """

    def __init__(
        self, *, policies: Iterable[str] = (), data_dirs: Iterable[str] | None = None
    ) -> None:
        self.requests = Requests()
        self.policies = tuple(policies)
        self._files: frozenset[str] | None = None
        self._folders: tuple[Path, ...] = ()
        if data_dirs is not None:
            self._files = frozenset(os.path.realpath(path) for path in self.policies)
            self._folders = tuple(Path(os.path.realpath(folder)) for folder in data_dirs)
        # The loader checks the files a scenario names too (its commune's policy file).
        self.loader = _DataLoader(self._readable)
        for path in self.policies:
            self.loader.get(path, field="--policy")

    def answer(self, request: object, command: str | None = None) -> Answer:
        """The response to *request* (a parsed JSON value) and the command's exit code.

        *command*, when given (the HTTP path), is the command *request* runs; *request* may then
        leave out ``command`` or must name the same one.
        """
        ident = request_id(request)
        try:
            if not isinstance(request, dict):
                raise RequestError.usage(None, "must be a JSON object")
            if "id" in request and ident is None and request["id"] is not None:
                raise RequestError.of(
                    InvalidTypeError("id", request["id"], "must be a string, an integer or null")
                )
            if command is not None:
                named = request.get("command", command)
                if named != command:
                    raise RequestError.usage(
                        "command", f"{named!r} differs from {command!r}, the path's command"
                    )
                request = {**request, "command": command}
            arguments = self.requests.namespace(request)
            if arguments.command == "examples" and arguments.action == "copy":
                # Copying writes a file where the request says: the command's job, not the
                # service's, which reads files only.
                raise RequestError.usage(
                    "action", "copy writes a file; the service only lists (examples list)"
                )
            if self._files is not None:
                self._check_files(request)
        except RequestError as error:
            return {"id": ident, "ok": False, "error": error.error}, EXIT_BAD_INPUT
        data, _human, code = execute(arguments, self.loader)
        return response(ident, data, code), code

    def answer_bytes(self, text: bytes, command: str | None = None) -> Answer:
        """The response to one request written in JSON (UTF-8).

        As [`answer`][cantine_rules.serve.Service.answer]; a text that is not a JSON request is
        answered with a usage error and ``"id": null``.
        """
        try:
            request = self.read(text)
        except RequestError as error:
            return {"id": None, "ok": False, "error": error.error}, EXIT_BAD_INPUT
        return self.answer(request, command)

    def read(self, text: bytes) -> object:
        """The JSON value of a request's text (UTF-8).

        Raises:
            RequestError: *text* is not UTF-8, not JSON, or nested too deeply.
        """
        try:
            return json.loads(text.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise RequestError.usage(None, f"is not UTF-8 text (byte {error.start})") from None
        except RecursionError:
            raise RequestError.usage(None, "is nested too deeply") from None
        except ValueError as error:  # not JSON, or an integer too long to read
            raise RequestError.usage(None, f"is not JSON ({error})") from None

    def refuse(self, reason: str, field: str | None = None) -> Answer:
        """The answer to a request that could not be read: a usage error without id."""
        error = RequestError.usage(field, reason).error
        return {"id": None, "ok": False, "error": error}, EXIT_BAD_INPUT

    def _check_files(self, request: Mapping[str, Any]) -> None:
        """Refuses a file outside the policy files and the data folders."""
        for key, is_path in _FILE_KEYS.items():
            value = request.get(key)
            if not isinstance(value, str) or (is_path is not None and not is_path(value)):
                continue
            if self._readable(value):
                continue
            raise RequestError.of(InvalidValueError(key, value, _NOT_READ))

    def _readable(self, path: str) -> bool:
        """True when the service may read the file at *path* (any file, without data folders)."""
        if self._files is None:
            return True
        real = os.path.realpath(path)
        return real in self._files or any(Path(real).is_relative_to(f) for f in self._folders)


_NOT_READ = "is not a file this service reads (see --policy and --data-dir)"


class _DataLoader(PolicyLoader):
    """A policy loader that reads only the files the service may read."""

    def __init__(self, readable: Callable[[str], bool]) -> None:
        super().__init__()
        self._readable = readable

    def get(self, name: str, field: str = "commune") -> CommunePolicy:
        if is_policy_path(name) and not self._readable(name):
            raise InvalidValueError(field, name, _NOT_READ)
        return super().get(name, field)


#: The command's own JSON (``ensure_ascii=False``), made once rather than for every answer.
_JSON = json.JSONEncoder(ensure_ascii=False)


def encode(answer: Mapping[str, Any]) -> bytes:
    """One answer as one line of UTF-8 JSON."""
    try:
        return (_JSON.encode(answer) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: written as a \\ud800 escape instead
        return (json.dumps(answer) + "\n").encode("ascii")
