"""The creditor file: the commune's creditor account and the families' mandates, in TOML.

```toml
[creditor]
name = "Caisse des écoles du 7e arrondissement"
identifier = "FR72ZZZ123456"          # identifiant créancier SEPA (ICS)
iban = "FR76 3000 6000 0112 3456 7890 189"
bic = "AGRIFRPP"

[[mandates]]
family = "CDE-75-0815"                # the scenario's family id
reference = "CDE7-0815-1"             # référence unique de mandat (RUM)
signed = 2024-09-02
debtor = "Camille Martin"
iban = "FR76 3000 6000 0112 3456 7890 189"
bic = "AGRIFRPP"
sequence = "first"                    # "recurrent" once a debit has been collected
# revoked = 2025-01-01                # the day the debtor revoked it, if any
```

Every problem is reported with its path (``mandates[0].iban``), all at once, as the policy and
scenario files are; the values are built with their own validators.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

import attrs

from cantine_rules.errors import InvalidTypeError
from cantine_rules.plain._read import (
    Reader,
    Table,
    day,
    ident,
    list_of,
    read_document,
    same_names,
    text,
)
from cantine_rules.plain._toml import parse_toml, read_utf8
from cantine_rules.sepa._parties import Creditor, Mandate, SequenceType

__all__ = ["DebitFile", "creditor_from_data", "load_creditor", "loads_creditor"]

_SEQUENCES: Final[Mapping[str, SequenceType]] = {
    "first": SequenceType.FIRST,
    "recurrent": SequenceType.RECURRENT,
}


@attrs.frozen
class DebitFile:
    """What a creditor file holds: the creditor, and the mandates of the families."""

    creditor: Creditor
    mandates: tuple[Mandate, ...] = ()


def _creditor(reader: Reader, value: object, path: str) -> Creditor:
    table = Table(reader, value, path)
    name = table.required("name", ident)
    identifier = table.required("identifier", text)
    iban = table.required("iban", text)
    bic = table.required("bic", text)
    table.close()
    fields = same_names("name", "identifier", "iban", "bic")
    return reader.build(path, fields, lambda: Creditor(name, identifier, iban, bic))


def _sequence(reader: Reader, value: object, path: str) -> SequenceType:
    word = text(reader, value, path)
    if word not in _SEQUENCES:
        raise reader.fail(path, f"must be one of: {', '.join(_SEQUENCES)} (got {word!r})")
    return _SEQUENCES[word]


def _mandate(reader: Reader, value: object, path: str) -> Mandate:
    table = Table(reader, value, path)
    family = table.required("family", ident)
    reference = table.required("reference", text)
    signed = table.required("signed", day)
    debtor = table.required("debtor", ident)
    iban = table.required("iban", text)
    bic = table.required("bic", text)
    sequence = table.optional("sequence", _sequence, SequenceType.FIRST)
    revoked = table.optional("revoked", day, None)
    table.close()
    fields = {
        "family_id": "family",
        **same_names("reference", "signed", "debtor", "iban", "bic", "sequence", "revoked"),
    }
    return reader.build(
        path,
        fields,
        lambda: Mandate(family, reference, signed, debtor, iban, bic, sequence, revoked),
    )


def _document(reader: Reader, data: object) -> DebitFile:
    table = Table(reader, data, "")
    creditor = table.required("creditor", _creditor)
    mandates = table.optional("mandates", list_of(_mandate), ())
    table.close()
    return DebitFile(creditor, mandates)


def creditor_from_data(data: Mapping[str, object], *, source: str | None = None) -> DebitFile:
    """The creditor file that the plain *data* (as `tomllib` reads it) describes.

    Raises:
        PolicyError: every problem of *data*, each with its path.

    Examples:
        >>> data = {"creditor": {"name": "Caisse des écoles", "identifier": "FR12ZZZ123456",
        ...                      "iban": "FR00", "bic": "AGRIFRPP"}}
        >>> try:
        ...     creditor_from_data(data)
        ... except Exception as error:
        ...     print(*(problem.path for problem in error.problems))
        creditor.identifier
    """
    if not isinstance(data, Mapping):
        raise InvalidTypeError("data", data, "must be a table")
    return read_document(Reader(), lambda reader: _document(reader, data), source)


def loads_creditor(text_: str, *, source: str | None = None) -> DebitFile:
    """The creditor file written in the TOML *text_*."""
    return creditor_from_data(parse_toml(text_, source), source=source)


def load_creditor(path: str | os.PathLike[str]) -> DebitFile:
    """The creditor file at *path* (UTF-8 TOML); problems name the file.

    Raises:
        PolicyError: the text is not valid TOML, or every problem of the file.
        OSError: the file cannot be read.
    """
    return loads_creditor(read_utf8(path), source=os.fspath(path))
