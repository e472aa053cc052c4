"""``cantine-rules serve``: the command's answers to a long-running caller, policies loaded once.

A portal in any language starts one process and sends it requests, instead of starting one
``cantine-rules`` process per question:

- ``cantine-rules serve --stdio``: one JSON request a line on standard input, one JSON answer a
  line on standard output, in order ([`serve_lines`][]);
- ``cantine-rules serve --http``: ``POST /v1/<command>`` on a loopback port, with the ``http``
  extra (``pip install 'cantine-rules[http]'``: Starlette served by uvicorn).

A request ``{"id": 1, "command": "decide", "commune": "paris", "service": "repas", …}`` names a
command and its options; its answer ``{"id": 1, "ok": true, "result": {…}}`` holds exactly what
``cantine-rules decide … --json`` prints, or ``{"id": 1, "ok": false, "error": {"kind",
"message", "field"}}``. Importing this package does not need the ``http`` extra.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from cantine_rules.cli import EXIT_BAD_INPUT, EXIT_INTERNAL
from cantine_rules.cli._errors import error_object
from cantine_rules.errors import CantineRulesError, InvalidValueError
from cantine_rules.serve._requests import RequestError
from cantine_rules.serve._service import Answer, Service
from cantine_rules.serve._settings import HTTP_OPTIONS, HttpSettings, http_settings
from cantine_rules.serve._stdio import MAX_LINE_BYTES, serve_lines

__all__ = [
    "EXTRA_MISSING",
    "MAX_LINE_BYTES",
    "Answer",
    "HttpSettings",
    "RequestError",
    "Service",
    "run",
    "serve_lines",
]

EXTRA_MISSING = "serve --http needs the http extra: pip install 'cantine-rules[http]'"
"""What ``serve --http`` says when Starlette or uvicorn is not installed."""


def run(arguments: argparse.Namespace) -> int:
    """Runs ``cantine-rules serve`` with its parsed *arguments*, until its input ends.

    A bad option or a policy file with problems stops it before it answers anything (exit
    code 2, one line on standard error); so does ``--http`` without the ``http`` extra.
    """
    try:
        if arguments.http:
            settings = http_settings(arguments)
        else:
            for name, option in HTTP_OPTIONS.items():
                if getattr(arguments, name) is not None:
                    raise InvalidValueError(option, getattr(arguments, name), "is for --http only")
        for folder in arguments.data_dir:
            if not os.path.isdir(folder):
                raise InvalidValueError("--data-dir", folder, "is not a folder")
        data_dirs = arguments.data_dir if arguments.http or arguments.data_dir else None
        if arguments.http:
            try:
                from cantine_rules.serve._http import serve_http
            except ImportError:
                print(f"error: {EXTRA_MISSING}", file=sys.stderr)
                return EXIT_BAD_INPUT
        service = Service(policies=arguments.policy, data_dirs=data_dirs)
    except CantineRulesError as error:
        print(f"error: {error}", file=sys.stderr)
        if arguments.json:
            print(json.dumps({"error": error_object(error)}, ensure_ascii=False), flush=True)
        return EXIT_BAD_INPUT
    if arguments.http:
        return serve_http(service, settings)
    return _serve_stdio(service)


def _serve_stdio(service: Service) -> int:
    """The service on this process's standard input and output."""
    try:
        code = serve_lines(service, sys.stdin.buffer, sys.stdout.buffer)
    except KeyboardInterrupt:
        return 130  # interrupted at the terminal, as a shell reports it
    if code == EXIT_INTERNAL:
        # Nobody reads the answers any more: what is still buffered goes nowhere, instead of
        # failing again as the interpreter flushes standard output on its way out.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return code
