"""The Paris registration dossier (seed 004): what is needed, valid, missing or expired."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import InvalidTypeError, InvalidValueError
from cantine_rules.policies.paris import DOSSIER_2024 as PARIS_DOSSIER_2024
from cantine_rules.pricing.tariffs import (
    AppliesWhen,
    Document,
    DocumentKind,
    DocumentRequirement,
    DossierStatus,
    RegistrationSituation,
    Source,
    check_dossier,
)

DAY = date(2024, 6, 20)
FORM = Document(DocumentKind.REGISTRATION_FORM, date(2024, 6, 18))
CAF = Document(DocumentKind.CAF_ATTESTATION, date(2024, 6, 3))
BOOK = Document(DocumentKind.FAMILY_BOOK, date(2017, 3, 10))
BIRTH = Document(DocumentKind.BIRTH_CERTIFICATE, date(2024, 1, 5))
TAX = Document(DocumentKind.TAX_NOTICE, date(2023, 9, 1))
JUDGMENT = Document(DocumentKind.CUSTODY_JUDGMENT, date(2021, 2, 1))
WEEKS = Document(DocumentKind.CUSTODY_WEEKS, date(2024, 6, 18))


def _check(
    documents: tuple[Document, ...], situation: RegistrationSituation | None = None
) -> DossierStatus:
    return check_dossier(PARIS_DOSSIER_2024, situation or RegistrationSituation(), documents, DAY)


def test_first_registration_of_a_caf_family_needs_form_attestation_and_family_book() -> None:
    # « Bulletin d'inscription rempli et signé. », « Attestation de paiement CAF … de moins de
    # 3 mois. », « Copie du livret de famille ou un extrait d'acte de naissance de l'enfant
    # (uniquement pour une première inscription). »
    status = _check(())
    assert [r.code for r in status.missing] == [
        "registration_form",
        "caf_attestation",
        "family_book_or_birth_certificate",
    ]
    assert not status.complete
    assert _check((FORM, CAF, BOOK)).complete
    assert _check((FORM, CAF, BIRTH)).complete


def test_the_family_book_is_needed_only_for_a_first_registration() -> None:
    status = _check((FORM, CAF), RegistrationSituation(first_registration=False))
    assert status.complete
    assert "family_book_or_birth_certificate" in [r.code for r in status.not_required]


def test_a_family_outside_the_caf_gives_its_tax_notice() -> None:
    # « Si vous n'êtes pas allocataire CAF : L'avis d'imposition ou de non-imposition N-1 … »
    situation = RegistrationSituation(caf_beneficiary=False)
    assert _check((FORM, BOOK), situation).outstanding == ("tax_notice",)
    assert _check((FORM, BOOK, TAX), situation).complete


def test_an_attestation_of_three_months_has_expired() -> None:
    old = Document(DocumentKind.CAF_ATTESTATION, date(2024, 3, 20))
    status = _check((FORM, BOOK, old))
    assert not status.complete
    assert status.outstanding == ("caf_attestation",)
    assert status.expired[0].expired_on == date(2024, 6, 20)
    assert status.expired[0].document == old
    one_day_younger = Document(DocumentKind.CAF_ATTESTATION, date(2024, 3, 21))
    assert _check((FORM, BOOK, one_day_younger)).complete


def test_a_fresh_attestation_among_old_ones_satisfies_the_requirement() -> None:
    old = Document(DocumentKind.CAF_ATTESTATION, date(2023, 1, 1))
    assert _check((FORM, BOOK, old, CAF)).complete


def test_a_document_issued_after_the_day_is_not_counted() -> None:
    future = Document(DocumentKind.REGISTRATION_FORM, date(2024, 7, 1))
    assert _check((future, CAF, BOOK)).outstanding == ("registration_form",)


def test_alternating_custody_needs_the_judgment_and_the_custody_weeks() -> None:
    # « En cas de garde alternée, n'oubliez pas de nous joindre votre jugement de divorce et de
    # préciser vos semaines de garde sur le bulletin d'inscription. »
    situation = RegistrationSituation(alternating_custody=True)
    assert _check((FORM, CAF, BOOK), situation).outstanding == (
        "custody_judgment",
        "custody_weeks",
    )
    assert _check((FORM, CAF, BOOK, JUDGMENT, WEEKS), situation).complete


def test_requirement_validity_on_a_day() -> None:
    caf = next(r for r in PARIS_DOSSIER_2024 if r.code == "caf_attestation")
    assert caf.valid_until(CAF) == date(2024, 9, 2)
    assert caf.is_valid(CAF, date(2024, 9, 2))
    assert not caf.is_valid(CAF, date(2024, 9, 3))
    assert not caf.is_valid(FORM, DAY)
    form = next(r for r in PARIS_DOSSIER_2024 if r.code == "registration_form")
    assert form.valid_until(FORM) is None


def test_every_paris_requirement_is_sourced() -> None:
    assert all(requirement.source.sourced for requirement in PARIS_DOSSIER_2024)


def test_bad_input_is_refused() -> None:
    with pytest.raises(InvalidValueError) as empty:
        DocumentRequirement("x", "X", frozenset())
    assert empty.value.field == "accepted"
    with pytest.raises(InvalidTypeError):
        DocumentRequirement("x", "X", frozenset({"caf"}))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        DocumentRequirement(
            "x", "X", frozenset({DocumentKind.TAX_NOTICE}), AppliesWhen.ALWAYS, max_age_months=0
        )
    with pytest.raises(InvalidTypeError) as documents:
        check_dossier(PARIS_DOSSIER_2024, RegistrationSituation(), ("form",), DAY)  # type: ignore[arg-type]
    assert documents.value.field == "documents[0]"
    with pytest.raises(InvalidTypeError):
        check_dossier(PARIS_DOSSIER_2024, "caf", (), DAY)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        RegistrationSituation(first_registration="yes")  # type: ignore[arg-type]
    assert DocumentRequirement("x", "X", frozenset({DocumentKind.TAX_NOTICE})).source == (
        Source.default("requirement without a cited source")
    )
