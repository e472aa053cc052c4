"""The creditor and the mandate: IBAN and BIC as schwifty checks them, the creditor identifier's
form and ISO 7064 mod 97-10 key, each error naming its field."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.sepa import Creditor, SequenceType, check_creditor_identifier
from tests.sepa._sepa import CREDITOR, DEBTOR_IBAN, mandate


def test_the_epc_s_own_example_identifier_has_the_right_key() -> None:
    # The European Payments Council's example creditor identifier, with its published key 98.
    assert check_creditor_identifier("DE98ZZZ09999999999") == "DE98ZZZ09999999999"


def test_a_french_identifier_and_its_key() -> None:
    assert check_creditor_identifier("FR72ZZZ123456") == "FR72ZZZ123456"
    # The business code (ZZZ) is not part of the key: any three characters keep it right.
    assert check_creditor_identifier("FR72ABC123456") == "FR72ABC123456"
    with pytest.raises(InvalidValueError, match="key should be 72, not 12") as caught:
        check_creditor_identifier("FR12ZZZ123456")
    assert caught.value.field == "identifier"


@pytest.mark.parametrize(
    "wrong",
    ["FR72ZZZ12345", "FR72ZZZ1234567", "fr72zzz123456", "FR7ZZZ123456", "72ZZZ123456", ""],
)
def test_an_identifier_of_the_wrong_form(wrong: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Creditor("Caisse", wrong, CREDITOR.iban, CREDITOR.bic)
    assert caught.value.field == "identifier"


def test_iban_and_bic_are_checked_by_schwifty_and_written_compact() -> None:
    creditor = Creditor("Caisse", "FR72ZZZ123456", "fr76 1751 5900 0008 0000 0000 058", "cepafrpp")
    assert (creditor.iban, creditor.bic) == ("FR7617515900000800000000058", "CEPAFRPP")
    with pytest.raises(InvalidValueError, match="not a valid IBAN") as caught:
        mandate(iban=DEBTOR_IBAN[:-1] + "8")
    assert caught.value.field == "iban"
    with pytest.raises(InvalidValueError, match="not a valid BIC") as bic:
        mandate(bic="AGRIXXPP")
    assert bic.value.field == "bic"
    with pytest.raises(InvalidTypeError) as typed:
        mandate(iban=None)
    assert typed.value.field == "iban"


def test_a_mandate_reference_is_in_the_sepa_character_set() -> None:
    assert mandate(reference="CDE7/0815-1").reference == "CDE7/0815-1"
    for wrong in ("", "RUM 1", "RUMé", "R" * 36):
        with pytest.raises(InvalidValueError) as caught:
            mandate(reference=wrong)
        assert caught.value.field == "reference"


def test_a_mandate_is_in_force_from_its_signature_until_its_revocation() -> None:
    revoked = mandate(revoked=date(2025, 1, 6))
    assert not revoked.in_force(date(2024, 9, 1))
    assert revoked.in_force(date(2024, 9, 2))
    assert revoked.in_force(date(2025, 1, 5))
    assert not revoked.in_force(date(2025, 1, 6))
    assert mandate().sequence is SequenceType.FIRST
    with pytest.raises(InvalidValueError) as caught:
        mandate(revoked=date(2024, 9, 1))
    assert caught.value.field == "revoked"
