"""The service on standard input and output: one JSON request a line, one JSON answer a line."""

from __future__ import annotations

from typing import BinaryIO

from cantine_rules.cli import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK
from cantine_rules.serve._service import Service, encode

__all__ = ["MAX_LINE_BYTES", "serve_lines"]

MAX_LINE_BYTES = 65_536
"""The longest request line read, newline included; a longer line is answered with an error."""


def serve_lines(service: Service, source: BinaryIO, sink: BinaryIO) -> int:
    r"""Answers each line of *source* on *sink*, in order, until *source* ends; the exit code.

    A blank line is skipped; any other line gets exactly one answer line, flushed at once, so a
    caller may write a request and wait for its answer. The service ends with exit code 0 at
    the end of *source*, quietly with exit code 1 when an answer cannot be written (the reader
    went away), and with exit code 2 when *source* itself fails.

    Examples:
        >>> import io
        >>> sink = io.BytesIO()
        >>> source = io.BytesIO(b'{"id": 1, "command": "communes"}\n\nnot json\n')
        >>> serve_lines(Service(), source, sink)
        0
        >>> [line[:40] for line in sink.getvalue().splitlines()]
        [b'{"id": 1, "ok": true, "result": {"commun', b'{"id": null, "ok": false, "error": {"kin']
    """
    while True:
        try:
            line = source.readline(MAX_LINE_BYTES)
            overlong = len(line) == MAX_LINE_BYTES and not line.endswith(b"\n")
            if overlong:
                _skip_line(source)
        except OSError:  # the input itself cannot be read (EIO): nothing more to answer
            return EXIT_BAD_INPUT
        if not line:
            return EXIT_OK
        if overlong:
            answer, _code = service.refuse(f"is longer than {MAX_LINE_BYTES} bytes")
        elif line.isspace():
            continue
        else:
            answer, _code = service.answer_bytes(line)
        try:
            sink.write(encode(answer))
            sink.flush()
        except OSError:  # a broken pipe, a full disk: nobody reads the answers any more
            return EXIT_INTERNAL


def _skip_line(source: BinaryIO) -> None:
    """Reads the rest of an overlong line, a bounded piece at a time."""
    while True:
        piece = source.readline(MAX_LINE_BYTES)
        if not piece or piece.endswith(b"\n"):
            return
