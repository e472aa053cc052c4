"""JSON Schemas (draft 2020-12) of the plain-data files and of the command's JSON output.

A portal in any language can check a file before it hands it over, or what the command answered,
with the JSON Schema validator of its language. The schemas ship in the package, one JSON file
each; `cantine-rules schema NAME` prints one, and [`schema`][cantine_rules.schemas.schema] gives
it to Python:

* `policy`: a commune policy file, as [`load_toml`][cantine_rules.plain.load_toml] reads it;
* `scenario`: a billing scenario file, as [`load_scenario`][cantine_rules.plain.load_scenario]
  reads it;
* `communes`, `explain`, `calendar`, `decide`, `planning`, `price`, `bill`, `check`, `debit`,
  `examples`: what that command prints with `--json`. Each allows its result
  (`#/$defs/result`, exit code 0) or the error object (exit code 2 or 1);
* `error`: the error object, `{"error": {"kind", "message", "field"}}`.

Each schema's `$id` is `urn:cantine-rules:schema:NAME`. A schema that refers to another one
(every command's refers to `error`) is given whole: the other is embedded under `$defs` with its
own `$id`, as draft 2020-12 bundles schemas, so one document validates on its own.

The two file schemas describe the data as `tomllib` reads it, converted to JSON by the rule of
[`to_json_data`][cantine_rules.schemas.to_json_data]: dates, date-times and times become ISO 8601
strings. The library reads that JSON too, as it reads the TOML file.

Validating needs a JSON Schema validator, such as the `jsonschema` package; the library itself
does not use one.

Examples:
    >>> decide = schema("decide")
    >>> decide["$id"], decide["$defs"]["result"]["properties"]["notes"]["type"]
    ('urn:cantine-rules:schema:decide', 'array')
    >>> "urn:cantine-rules:schema:error" in decide["$defs"]
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, time
from importlib import resources
from typing import Any, Final

from cantine_rules.errors import UnknownCodeError

__all__ = ["ID_PREFIX", "names", "schema", "to_json_data"]

ID_PREFIX: Final = "urn:cantine-rules:schema:"
"""The start of every schema's `$id`; the schema's name follows."""

_SUFFIX: Final = ".json"


def names() -> tuple[str, ...]:
    """The names of the schemas shipped, sorted.

    Examples:
        >>> names()
        ('bill', 'calendar', 'check', 'communes', 'debit', 'decide', 'error', 'examples', 'explain', 'planning', 'policy', 'price', 'scenario')
    """  # noqa: E501
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in resources.files(__name__).iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


def _read(name: str) -> dict[str, Any]:
    text = resources.files(__name__).joinpath(name + _SUFFIX).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _references(node: object) -> Iterator[str]:
    """The names of the other schemas *node* refers to."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(ID_PREFIX):
                yield value.removeprefix(ID_PREFIX).partition("#")[0]
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema *name*, whole: the schemas it refers to are embedded in its `$defs`.

    Each call reads the file afresh, so the caller may change what it gets.

    Raises:
        UnknownCodeError: no schema is named *name* (field ``name``); the message lists the names.

    Examples:
        >>> schema("policy")["required"][:3]
        ['slug', 'name', 'calendar']
        >>> schema("invoice")
        Traceback (most recent call last):
        ...
        cantine_rules.errors.UnknownCodeError: name: unknown 'invoice'; known: bill, calendar, check, communes, debit, decide, error, examples, explain, planning, policy, price, scenario
    """  # noqa: E501
    known = names()
    if name not in known:
        raise UnknownCodeError("name", name, known)
    root = _read(name)
    embedded: dict[str, dict[str, Any]] = {}
    pending = [root]
    while pending:
        for other in sorted(set(_references(pending.pop())) - {name} - embedded.keys()):
            embedded[other] = _read(other)
            pending.append(embedded[other])
    for other in sorted(embedded):
        root.setdefault("$defs", {})[ID_PREFIX + other] = embedded[other]
    return root


def to_json_data(data: Any) -> Any:
    r"""The JSON form of plain data, as the `policy` and `scenario` schemas describe it.

    A date becomes its ISO 8601 string (``"2024-09-02"``), a date-time its RFC 3339 string
    (``"2024-06-01T08:00:00+02:00"``, or without the offset when it has none), a time
    ``"HH:MM:SS"``; a mapping becomes a ``dict``, a list or tuple a ``list``; any other value is
    kept. The library reads the result as it reads the data it came from.

    Examples:
        >>> import tomllib
        >>> to_json_data(tomllib.loads("day = 2024-09-02\nat = 2024-09-19T17:00:00"))
        {'day': '2024-09-02', 'at': '2024-09-19T17:00:00'}
    """
    if isinstance(data, date | time):  # a datetime is a date too
        return data.isoformat()
    if isinstance(data, Mapping):
        return {key: to_json_data(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [to_json_data(item) for item in data]
    return data
