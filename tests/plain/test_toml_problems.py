"""TOML in and out: every refusal whole, with the source, the path or the file it names."""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

import pytest

from cantine_rules.errors import PolicyError, Problem
from cantine_rules.plain import dumps_toml
from cantine_rules.plain._toml import MAX_FILE_BYTES, _require_small_regular, parse_toml, read_utf8
from tests._helpers import refusal


def _policy_error(text: str) -> tuple[tuple[Problem, ...], str | None]:
    with pytest.raises(PolicyError) as caught:
        parse_toml(text, "ma-commune.toml")
    return caught.value.problems, caught.value.source


def test_a_text_that_is_not_a_str_is_refused_with_a_hint() -> None:
    assert refusal(lambda: parse_toml(b"slug = 'x'")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "text",
        b"slug = 'x'",
        "text: must be a str (read the file as UTF-8 text) (got b\"slug = 'x'\" of type bytes)",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "#" * (MAX_FILE_BYTES + 1),
            "the text is longer than 1048576 characters (1 MiB), the limit",
        ),
        (
            "a = " + "[" * 33 + "]" * 33,
            "arrays and inline tables nested more than 32 levels deep (at line 1, column 37)",
        ),
        (
            "x = 1\n" + "a" + ".a" * 32 + " = 1",
            "a key of more than 32 dotted parts (at line 2, column 64)",
        ),
        (
            "\na = " + "[" * 33 + "]" * 33,
            "arrays and inline tables nested more than 32 levels deep (at line 2, column 37)",
        ),
    ],
    ids=["long", "deep", "dotted", "after a blank first line"],
)
def test_a_text_past_a_bound_is_one_problem_naming_the_source(text: str, message: str) -> None:
    assert _policy_error(text) == ((Problem("(top level)", message),), "ma-commune.toml")


def test_a_key_of_exactly_the_bound_of_parts_is_read() -> None:
    assert parse_toml("a" + ".a" * 31 + " = 1")["a"]["a"]["a"] is not None


def test_a_socket_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        with pytest.raises(OSError, match="a socket") as caught:
            read_utf8(path)
    assert (caught.value.errno, caught.value.strerror, caught.value.filename) == (
        errno.EINVAL,
        "a socket, not a regular file",
        str(path),
    )


def _status(mode: int, size: int = 0) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 0, 0, 0, size, 0, 0, 0))


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        (stat.S_IFBLK, "a block device, not a regular file"),
        (stat.S_IFLNK, "a special file, not a regular file"),
    ],
)
def test_what_a_file_that_is_not_regular_is_says_its_kind(mode: int, said: str) -> None:
    # A block device cannot be made here; the check reads only the status of the file.
    with pytest.raises(OSError, match="not a regular file") as caught:
        _require_small_regular(_status(mode | 0o644), "/dev/sdz")
    assert (caught.value.errno, caught.value.strerror) == (errno.EINVAL, said)
    assert caught.value.filename == "/dev/sdz"


def test_a_regular_file_is_read_up_to_its_size_limit() -> None:
    _require_small_regular(_status(stat.S_IFREG, MAX_FILE_BYTES), "ok.toml")
    with pytest.raises(OSError, match="larger than") as caught:
        _require_small_regular(_status(stat.S_IFREG, MAX_FILE_BYTES + 1), "big.toml")
    assert (caught.value.errno, caught.value.strerror, caught.value.filename) == (
        errno.EFBIG,
        "larger than 1048576 bytes (1 MiB), the limit",
        "big.toml",
    )


def test_a_file_that_is_not_utf8_says_which_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'name = "\xe2"')
    with pytest.raises(PolicyError) as caught:
        read_utf8(path)
    assert caught.value.problems == (
        Problem(
            "(top level)",
            "the file is not UTF-8 text: 'utf-8' codec can't decode byte 0xe2 in position 8: "
            "invalid continuation byte",
        ),
    )
    assert caught.value.source == str(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            [],
            ("data", [], "data: must be a table (a mapping of str keys) (got [] of type list)"),
        ),
        ({1: 2}, ("data", 1, "data: TOML keys are strings (got 1 of type int)")),
        ({"t": {1: 2}}, ("t", 1, "t: TOML keys are strings (got 1 of type int)")),
        (
            {"t": {"u": {"x": [1], 3: {}}}},
            ("t.u", 3, "t.u: TOML keys are strings (got 3 of type int)"),
        ),
        (
            {"t": {"a": 3.5}},
            (
                "t.a",
                3.5,
                "t.a: has no TOML form here (strings, whole numbers, booleans, dates, tables) "
                "(got 3.5 of type float)",
            ),
        ),
    ],
)
def test_dumps_toml_names_the_path_of_what_toml_cannot_hold(
    data: object, expected: tuple[str, object, str]
) -> None:
    assert refusal(lambda: dumps_toml(data)) == ("InvalidTypeError", *expected)  # type: ignore[arg-type]
