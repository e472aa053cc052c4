"""The parties of a direct debit: the commune's creditor account and each family's mandate.

IBAN and BIC are checked by `schwifty` (the ISO 13616 check digits, each country's account
structure, the ISO 9362 form of a BIC), never by hand. The SEPA creditor identifier (the
« identifiant créancier SEPA », ICS in France) has no such library: its form and its ISO 7064
mod 97-10 key are checked here, as the European Payments Council describes them.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any, Final

import attrs
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from cantine_rules._validators import a_date, enum_member, identifier, optional_date
from cantine_rules.errors import InvalidTypeError, InvalidValueError

__all__ = [
    "Creditor",
    "Mandate",
    "SequenceType",
    "check_bic",
    "check_creditor_identifier",
    "check_iban",
]

# The characters a SEPA identifier may hold (the EPC's restricted Latin set, without space).
_SEPA_IDENTIFIER: Final = re.compile(r"[A-Za-z0-9/\-?:().,'+]{1,35}")
# Country, check digits, creditor business code, national identifier (EPC262-08).
_CREDITOR_IDENTIFIER: Final = re.compile(r"([A-Z]{2})([0-9]{2})([A-Z0-9]{3})([A-Z0-9]{1,28})")
# France: the national part of an ICS is six letters or digits (FR12ZZZ123456).
_NATIONAL_LENGTH: Final = {"FR": 6}


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be a str")
    return value


def check_iban(value: object, field: str = "iban") -> str:
    """*value* as a compact IBAN (no spaces, upper case) once `schwifty` accepts it.

    Raises:
        InvalidTypeError: *value* is not a str.
        InvalidValueError: `schwifty` refuses it (its reason is given).

    Examples:
        >>> check_iban("fr76 3000 6000 0112 3456 7890 189")
        'FR7630006000011234567890189'
    """
    try:
        return IBAN(_text(value, field)).compact
    except SchwiftyException as error:
        raise InvalidValueError(field, value, f"is not a valid IBAN ({error})") from None


def check_bic(value: object, field: str = "bic") -> str:
    """*value* as a compact BIC (8 or 11 characters, upper case) once `schwifty` accepts it.

    Examples:
        >>> check_bic("agrifrpp")
        'AGRIFRPP'
    """
    try:
        return str(BIC(_text(value, field)).compact)
    except SchwiftyException as error:
        raise InvalidValueError(field, value, f"is not a valid BIC ({error})") from None


def _mod97(text: str) -> int:
    """ISO 7064 mod 97-10 of letters and digits, each letter read as two digits (A = 10)."""
    return int("".join(str(int(character, 36)) for character in text)) % 97


def check_creditor_identifier(value: object, field: str = "identifier") -> str:
    """*value* if it is a SEPA creditor identifier of the right form whose key is right.

    The key (the two digits after the country) is ``98 − (n mod 97)``, *n* being the national
    identifier followed by the country code and ``00``, letters read as numbers (A = 10 …
    Z = 35); the creditor business code (``ZZZ``) is left out of it.

    Raises:
        InvalidValueError: not of the form ``FR12ZZZ123456``, or its key is wrong.

    Examples:
        >>> check_creditor_identifier("FR72ZZZ123456")
        'FR72ZZZ123456'
        >>> check_creditor_identifier("FR12ZZZ123456")
        Traceback (most recent call last):
        ...
        cantine_rules.errors.InvalidValueError: identifier: its key should be 72, not 12 (ISO 7064 mod 97-10) (got 'FR12ZZZ123456')
    """  # noqa: E501
    text = _text(value, field)
    form = "is not a SEPA creditor identifier (country, 2-digit key, 3-character code, national part: FR12ZZZ123456)"  # noqa: E501
    match = _CREDITOR_IDENTIFIER.fullmatch(text)
    if match is None:
        raise InvalidValueError(field, value, form)
    country, key, _business_code, national = match.groups()
    length = _NATIONAL_LENGTH.get(country)
    if length is not None and len(national) != length:
        raise InvalidValueError(
            field, value, f"the national part of a {country} identifier has {length} characters"
        )
    expected = 98 - _mod97(national + country + "00")
    if int(key) != expected:
        raise InvalidValueError(
            field, value, f"its key should be {expected:02d}, not {key} (ISO 7064 mod 97-10)"
        )
    return text


def _sepa_identifier(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    text = _text(value, attribute.name)
    if _SEPA_IDENTIFIER.fullmatch(text) is None:
        raise InvalidValueError(
            attribute.name,
            value,
            "must be 1 to 35 letters, digits or / - ? : ( ) . , ' + (the SEPA character set)",
        )


def _checked(check: Any) -> Any:
    """An attrs validator from one of the checks above, naming the field."""

    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        check(value, attribute.name)

    return validate


def _compact_iban(value: object) -> object:
    # Written with spaces, as on a RIB; compared and written to the file without them.
    return value.replace(" ", "").upper() if isinstance(value, str) else value


def _compact_bic(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


@attrs.frozen
class Creditor:
    """The commune's (or its Caisse des écoles') creditor account for direct debits.

    Attributes:
        name: the creditor's name, as the family's bank statement shows it.
        identifier: its SEPA creditor identifier (« identifiant créancier SEPA », ICS).
        iban: the account the debits are paid into.
        bic: that account's bank.

    Examples:
        >>> Creditor("Caisse des écoles", "FR72ZZZ123456", "FR76 3000 6000 0112 3456 7890 189",
        ...          "BNPAFRPP").iban
        'FR7630006000011234567890189'
    """

    name: str = attrs.field(validator=identifier)
    identifier: str = attrs.field(validator=_checked(check_creditor_identifier))
    iban: str = attrs.field(converter=_compact_iban, validator=_checked(check_iban))
    bic: str = attrs.field(converter=_compact_bic, validator=_checked(check_bic))


class SequenceType(StrEnum):
    """Where a debit stands in its mandate's life, as the pain.008 file writes it."""

    FIRST = "FRST"
    """The first debit of a mandate."""
    RECURRENT = "RCUR"
    """A debit of a mandate already collected."""


@attrs.frozen
class Mandate:
    """A family's SEPA direct-debit mandate: « adhérer au prélèvement automatique » (seed 004).

    Attributes:
        family_id: the family whose invoices it pays (the scenario's family id).
        reference: the unique mandate reference (RUM), 1 to 35 SEPA characters.
        signed: the day the debtor signed it.
        debtor: the account holder's name.
        iban: the account debited.
        bic: that account's bank.
        sequence: FIRST until a debit has been collected under it, RECURRENT after (a mandate
            taken over from an earlier system may already be recurrent).
        revoked: the day the debtor revoked it, if any: from that day no debit is collected.

    Examples:
        >>> mandate = Mandate("CDE-75-0815", "CDE7-0815-1", date(2024, 9, 2), "Camille Martin",
        ...                   "FR7630006000011234567890189", "AGRIFRPP")
        >>> mandate.sequence.value, mandate.in_force(date(2024, 11, 14))
        ('FRST', True)
    """

    family_id: str = attrs.field(validator=identifier)
    reference: str = attrs.field(validator=_sepa_identifier)
    signed: date = attrs.field(validator=a_date)
    debtor: str = attrs.field(validator=identifier)
    iban: str = attrs.field(converter=_compact_iban, validator=_checked(check_iban))
    bic: str = attrs.field(converter=_compact_bic, validator=_checked(check_bic))
    sequence: SequenceType = attrs.field(
        default=SequenceType.FIRST, validator=enum_member(SequenceType)
    )
    revoked: date | None = attrs.field(default=None, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        if self.revoked is not None and self.revoked < self.signed:
            raise InvalidValueError(
                "revoked", self.revoked, f"is before it was signed ({self.signed})"
            )

    def in_force(self, day: date) -> bool:
        """True when a debit may be collected under it on *day*: signed, not yet revoked."""
        return self.signed <= day and (self.revoked is None or day < self.revoked)
