r"""TOML for the plain-data form: reading a text or a file, and a small writer.

[`parse_toml`][] and [`read_utf8`][] turn a TOML text or file into plain data, a broken one into a
[`PolicyError`][cantine_rules.errors.PolicyError] naming the source; policies and billing
scenarios are read through them alike.

Both are bounded, so that a file or a text sent by anyone is answered quickly: a file is read
only if it is a regular file of at most [`MAX_FILE_BYTES`][] (a FIFO, a device or a directory
is refused before anything is read from it), and a text whose arrays and inline tables nest more
than [`MAX_NESTING`][] levels deep, or with a key of more than [`MAX_NESTING`][] dotted parts,
is refused before it is parsed.

It writes tables, arrays of tables, inline tables and arrays, strings, whole numbers, booleans,
dates, date-times and times: what :func:`cantine_rules.plain.to_data` produces. Short
tagged values and short records are written inline; the top-level lists (services, citations,
dossier) as arrays of tables, so that a commune's file reads top to bottom.

>>> data = {"slug": "x", "rules": {"default": {"add": {"type": "a", "days": 2}}}}
>>> print(write_toml(data), end="")
slug = "x"
<BLANKLINE>
[rules.default]
add = { type = "a", days = 2 }
>>> write_toml({"label": 'dit « l\'ALSH »\n'}).strip()
'label = "dit « l\'ALSH »\\n"'
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, Final

from cantine_rules.errors import InvalidTypeError, PolicyError, Problem
from cantine_rules.plain._read import ROOT

__all__ = ["MAX_FILE_BYTES", "MAX_NESTING", "parse_toml", "read_utf8", "write_toml"]

MAX_FILE_BYTES: Final = 1024 * 1024
"""The largest plain-data file read, in bytes (1 MiB); the longest text parsed, in characters.

A commune's policy takes a few kilobytes, a family's month of billing less; the bound keeps a
mistaken or hostile file (a log, a disk image, a link to ``/dev/zero``) from being read whole.
"""

MAX_NESTING: Final = 32
"""How deep arrays and inline tables may nest in a TOML text, and how many parts a dotted key
or a table's name may have.

The deepest value of a policy lies about eight levels down; the bound keeps the TOML parser,
which recurses into each level and keeps a table for each prefix of a dotted key, small.
"""

#: The width up to which a table or an array is written on one line.
WIDTH: Final = 100
_INDENT: Final = "    "
_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES: Final = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def parse_toml(text: str, source: str | None = None) -> dict[str, Any]:
    """The plain data of the TOML *text*.

    Raises:
        InvalidTypeError: *text* is not a str.
        PolicyError: the text is not valid TOML (the message gives the line and column).
    """
    if not isinstance(text, str):
        raise InvalidTypeError("text", text, "must be a str (read the file as UTF-8 text)")
    if len(text) > MAX_FILE_BYTES:
        problem = f"the text is longer than {MAX_FILE_BYTES} characters (1 MiB), the limit"
        raise PolicyError([Problem(ROOT, problem)], source)
    _check_nesting(text, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError([Problem(ROOT, f"invalid TOML: {error}")], source) from None


# What the nesting check looks at: strings and comments (skipped whole; a quote that opens no
# complete string ends the check, the parser then says where), the brackets and braces that
# nest, the dots of dotted keys, and what ends a key.
_TOKEN: Final = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*""""{0,2}'
    r"|'''(?:[^']|'(?!''))*''''{0,2}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\"'\[\]{}.=,\n]",
    re.DOTALL,
)


def _check_nesting(text: str, source: str | None) -> None:
    """Refuse a text nested deeper than `MAX_NESTING`, before the parser recurses into it."""
    depth = 0
    dots = 0
    for token in _TOKEN.finditer(text):
        kind = token.group()
        if kind[0] in "\"'#":
            if len(kind) == 1 and kind != "#":
                return
        elif kind in ("[", "{"):
            depth += 1
            dots = 0
            if depth > MAX_NESTING:
                what = f"arrays and inline tables nested more than {MAX_NESTING} levels deep"
                raise PolicyError([Problem(ROOT, _at(what, text, token.start()))], source)
        elif kind == ".":
            dots += 1
            if dots >= MAX_NESTING:
                what = f"a key of more than {MAX_NESTING} dotted parts"
                raise PolicyError([Problem(ROOT, _at(what, text, token.start()))], source)
        else:
            if kind in ("]", "}"):
                depth = max(depth - 1, 0)
            dots = 0


def _at(what: str, text: str, position: int) -> str:
    """*what*, with the line and column of *position* in *text*, as the TOML parser gives them."""
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return f"{what} (at line {line}, column {column})"


def read_utf8(path: str | os.PathLike[str]) -> str:
    """The text of the file at *path*, which must be a regular file of UTF-8 text.

    Nothing is read from a file that is not a regular file (a FIFO, a device such as
    ``/dev/zero``, a directory, whether named or reached through a link), nor from one larger
    than [`MAX_FILE_BYTES`][]; a file that grows while it is read is read no further than that.

    Raises:
        PolicyError: the file is not UTF-8 text; the problem names the file.
        OSError: the file cannot be read, is not a regular file, or is larger than
            `MAX_FILE_BYTES` (the error's ``strerror`` says which).
    """
    name = os.fspath(path)
    # Checked before opening (opening some devices acts on them), and again on what was opened,
    # in case the path changed in between. O_NONBLOCK: opening a FIFO must not wait for a writer.
    _require_small_regular(os.stat(name), name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(name, flags)
    try:
        _require_small_regular(os.fstat(descriptor), name)
        raw = _read_at_most(descriptor, MAX_FILE_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PolicyError([Problem(ROOT, f"the file is not UTF-8 text: {error}")], name) from None


_NOT_REGULAR: Final = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _require_small_regular(status: os.stat_result, name: str) -> None:
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    if not stat.S_ISREG(mode):
        kind = next((kind for test, kind in _NOT_REGULAR if test(mode)), "a special file")
        raise OSError(errno.EINVAL, f"{kind}, not a regular file", name)
    if status.st_size > MAX_FILE_BYTES:
        raise _too_large(name)


def _too_large(name: str) -> OSError:
    return OSError(errno.EFBIG, f"larger than {MAX_FILE_BYTES} bytes (1 MiB), the limit", name)


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(descriptor, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _table_key(key: object, table: str) -> str:
    """*key* as written in the table at path *table*; a key that is not a str is refused there."""
    if not isinstance(key, str):
        raise InvalidTypeError(table or "data", key, "TOML keys are strings")
    return _key(key)


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | date | time)  # bool is an int, datetime a date


def _scalar(value: object, path: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    raise InvalidTypeError(
        path, value, "has no TOML form here (strings, whole numbers, booleans, dates, tables)"
    )


def _is_table_list(value: object) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
    )


def _inline_candidate(table: Mapping[str, object]) -> bool:
    """A tagged value, or a record of plain values and lists of them, may be written inline."""
    if "type" in table:
        return True
    return all(
        _is_scalar(item) or (isinstance(item, list | tuple) and all(_is_scalar(i) for i in item))
        for item in table.values()
    )


def _inline(value: object, path: str) -> str:
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        parts = ", ".join(
            f"{_table_key(key, path)} = {_inline(item, f'{path}.{key}')}"
            for key, item in value.items()
        )
        return "{ " + parts + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(item, f"{path}[]") for item in value) + "]"
    return _scalar(value, path)


def _array(key: str, items: Sequence[object], path: str) -> list[str]:
    one_line = f"{_key(key)} = {_inline(items, path)}"
    if len(one_line) <= WIDTH:
        return [one_line]
    lines = [f"{_key(key)} = ["]
    lines.extend(f"{_INDENT}{_inline(item, path)}," for item in items)
    lines.append("]")
    return lines


def _fits_inline_array(items: Sequence[object], path: str) -> bool:
    return all(
        isinstance(item, Mapping)
        and _inline_candidate(item)
        and len(_INDENT + _inline(item, path) + ",") <= WIDTH
        for item in items
    )


def _split(
    table: Mapping[str, object], header: Sequence[str], top: bool
) -> tuple[list[str], list[tuple[str, object]]]:
    """The lines of the entries of *table* written under its header, and its sub-tables."""
    lines: list[str] = []
    sections: list[tuple[str, object]] = []
    for key, value in table.items():
        name = _table_key(key, ".".join(header))
        path = ".".join((*header, key))
        if isinstance(value, Mapping):
            line = f"{name} = {_inline(value, path)}"
            # A record of plain values (a source and its quotation) stays on one line, however
            # long; other tables only when they fit.
            flat = all(_is_scalar(item) for item in value.values())
            if flat or (_inline_candidate(value) and len(line) <= WIDTH):
                lines.append(line)
            else:
                sections.append((key, value))
        elif _is_table_list(value):
            assert isinstance(value, Sequence)
            if not top and _fits_inline_array(value, path):
                lines.extend(_array(key, value, path))
            else:
                sections.append((key, value))
        elif isinstance(value, list | tuple):
            lines.extend(_array(key, value, path))
        else:
            lines.append(f"{name} = {_scalar(value, path)}")
    return lines, sections


def _write_sections(
    sections: Sequence[tuple[str, object]], header: Sequence[str], lines: list[str]
) -> None:
    for key, value in sections:
        names = (*header, key)
        dotted = ".".join(_key(name) for name in names)
        if isinstance(value, Mapping):
            entries, subsections = _split(value, names, top=False)
            # A table holding only sub-tables needs no header of its own.
            if entries or not subsections:
                lines.extend(("", f"[{dotted}]", *entries))
            _write_sections(subsections, names, lines)
        else:
            assert isinstance(value, Sequence)
            for item in value:
                assert isinstance(item, Mapping)
                entries, subsections = _split(item, names, top=False)
                lines.extend(("", f"[[{dotted}]]", *entries))
                _write_sections(subsections, names, lines)


def write_toml(data: Mapping[str, object]) -> str:
    """The TOML text of *data*, a table of the shapes the plain-data form uses."""
    if not isinstance(data, Mapping):
        raise InvalidTypeError("data", data, "must be a table (a mapping of str keys)")
    lines, sections = _split(data, (), top=True)
    _write_sections(sections, (), lines)
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines) + "\n"
