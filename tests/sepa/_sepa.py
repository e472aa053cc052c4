"""What the direct-debit tests share: the parties, the example files, the pain.008 schema."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xmlschema
from sepaxml import validation  # type: ignore[import-untyped]

from cantine_rules.sepa import Creditor, Mandate

ROOT = Path(__file__).resolve().parents[2]
PARIS = ROOT / "examples" / "scenarios" / "paris.toml"
CREDITOR_FILE = ROOT / "examples" / "direct-debit" / "paris-creditor.toml"

#: The official ISO 20022 schema of pain.008.001.02, as sepaxml ships it (its first lines name
#: its source, the ISO 20022 message archive).
XSD = Path(validation.__file__).parent / "schemas" / "pain.008.001.02.xsd"
NAMESPACE = "{urn:iso:std:iso:20022:tech:xsd:pain.008.001.02}"

# Made-up accounts whose keys are right (schwifty accepts them).
DEBTOR_IBAN = "FR7630006000011234567890189"
OTHER_IBAN = "FR7630004000030001000000072"
CREDITOR = Creditor("Caisse des écoles", "FR72ZZZ123456", "FR7617515900000800000000058", "CEPAFRPP")


def mandate(family: str = "CDE-13-0412", reference: str = "RUM-1", **changes: object) -> Mandate:
    values: dict[str, object] = {
        "family_id": family,
        "reference": reference,
        "signed": date(2024, 9, 2),
        "debtor": "Camille Martin",
        "iban": DEBTOR_IBAN,
        "bic": "AGRIFRPP",
    }
    values.update(changes)
    return Mandate(**values)  # type: ignore[arg-type]


def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))
