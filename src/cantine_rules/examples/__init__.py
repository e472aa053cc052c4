"""The example commune policies and billing scenarios that ship with the package.

Each example is a TOML file named by its folder and its file name, as in a checkout of the
project: ``communes/ma-commune.toml`` is a commune policy (read by
[`load_toml`][cantine_rules.plain.load_toml], ``cantine-rules check``), and
``scenarios/saint-just-d-avray.toml`` a billing scenario (read by
[`load_scenario`][cantine_rules.plain.load_scenario], ``cantine-rules bill``).

The files are found the same way wherever the package runs: in the package itself once it is
installed from a wheel (the build ships the project's ``examples/communes``,
``examples/scenarios`` and ``examples/direct-debit`` folders whole), and in those folders of a
checkout otherwise.
``cantine-rules examples list`` lists them and ``cantine-rules examples copy NAME [DEST]``
copies one, by default to ``examples/NAME`` in the current folder, where the documentation's
commands expect it.

Examples:
    >>> example = get("scenarios/saint-just-d-avray.toml")
    >>> example.kind, example.path.name
    ('scenario', 'saint-just-d-avray.toml')
    >>> "communes/ma-commune.toml" in names()
    True
    >>> get("communes/nowhere.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cantine_rules.errors.UnknownCodeError: NAME: unknown 'communes/nowhere.toml'; known: ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import attrs

from cantine_rules.errors import InvalidValueError, UnknownCodeError

__all__ = ["KINDS", "Copy", "Example", "copy", "examples", "folder", "get", "names"]

KINDS: Final = {"communes": "policy", "scenarios": "scenario", "direct-debit": "creditor"}
"""Each folder of examples and the kind of file it holds (the name of the file's JSON Schema)."""

_SUFFIX: Final = ".toml"

#: Where an installed wheel keeps the examples: the folders are shipped into this package.
_PACKAGED: Final = Path(__file__).resolve().parent
#: Where a checkout keeps them: ``examples/`` at the root, beside ``src/``.
_CHECKOUT: Final = _PACKAGED.parents[2] / "examples"


@attrs.frozen
class Example:
    """One example file.

    Attributes:
        name: its folder and file name, ``scenarios/paris.toml``.
        kind: ``policy`` (a commune) or ``scenario`` (a family's period to bill).
        path: where the file is.
    """

    name: str
    kind: str
    path: Path


@attrs.frozen
class Copy:
    """An example copied: where to, and whether a file was written.

    Attributes:
        example: the example copied.
        destination: the file that holds it now.
        written: False when the destination already held the same text (nothing was written).
    """

    example: Example
    destination: Path
    written: bool


def folder() -> Path:
    """The folder holding the ``communes``, ``scenarios`` and ``direct-debit`` folders of examples.

    Raises:
        FileNotFoundError: neither the package nor a checkout holds them (a broken install).
    """
    for candidate in (_PACKAGED, _CHECKOUT):
        if all((candidate / kind).is_dir() for kind in KINDS):
            return candidate
    raise FileNotFoundError(f"no example folders in {_PACKAGED} nor in {_CHECKOUT}")


def examples() -> tuple[Example, ...]:
    """Every example, communes first, each folder sorted by file name."""
    root = folder()
    return tuple(
        Example(f"{kind}/{path.name}", file_kind, path)
        for kind, file_kind in KINDS.items()
        for path in sorted((root / kind).glob("*" + _SUFFIX))
    )


def names() -> tuple[str, ...]:
    """The names of the examples, as [`examples`][cantine_rules.examples.examples] orders them."""
    return tuple(example.name for example in examples())


def get(name: str) -> Example:
    """The example called *name* (``communes/ma-commune.toml``).

    Raises:
        UnknownCodeError: no example has that name (field ``NAME``); the message lists them.
    """
    known = examples()
    for example in known:
        if example.name == name:
            return example
    raise UnknownCodeError("NAME", name, (example.name for example in known))


def copy(name: str, destination: str | Path | None = None, *, replace: bool = False) -> Copy:
    """Copies the example *name* to *destination*, and says where it went.

    *destination* is the file to write, or an existing folder to write the example in under its
    own file name; by default ``examples/NAME`` in the current folder (the folders are made), the
    path the documentation's commands use. A destination that already holds the same text is
    left as it is (so that copying in a checkout, onto the example itself, is harmless); one that
    holds another text is replaced only with *replace*.

    Raises:
        UnknownCodeError: no example has that name (field ``NAME``).
        InvalidValueError: the destination holds another text, is not a regular file, or cannot
            be written (field ``DEST``).

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as where:
        ...     first = copy("scenarios/paris.toml", where)
        ...     again = copy("scenarios/paris.toml", where)
        >>> first.destination.name, first.written, again.written
        ('paris.toml', True, False)
    """
    example = get(name)
    if destination is None:
        target = Path("examples", name)
    else:
        target = Path(destination)
        if target.is_dir():
            target = target / example.path.name
    text = example.path.read_bytes()
    shown = str(target)
    try:
        if target.exists() or target.is_symlink():
            if not target.is_file():
                raise InvalidValueError("DEST", shown, "is not a regular file")
            if target.read_bytes() == text:
                return Copy(example, target, written=False)
            if not replace:
                raise InvalidValueError(
                    "DEST", shown, "already exists with another text (--force replaces it)"
                )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InvalidValueError("DEST", shown, f"cannot be written ({reason})") from None
    return Copy(example, target, written=True)
