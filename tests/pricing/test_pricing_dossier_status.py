"""The registration dossier: each requirement in exactly one list, and every refusal read whole."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules.pricing.tariffs import (
    AppliesWhen,
    Document,
    DocumentKind,
    DocumentRequirement,
    DossierStatus,
    ExpiredDocument,
    RegistrationSituation,
    check_dossier,
)
from tests._helpers import refusal

K = DocumentKind
DAY = date(2024, 6, 20)
FORM = DocumentRequirement("form", "Bulletin", frozenset({K.REGISTRATION_FORM}))
BOOK = DocumentRequirement(
    "book",
    "Livret de famille ou acte de naissance",
    frozenset({K.FAMILY_BOOK, K.BIRTH_CERTIFICATE}),
    AppliesWhen.FIRST_REGISTRATION,
)
CAF = DocumentRequirement(
    "caf", "Attestation CAF", frozenset({K.CAF_ATTESTATION}), AppliesWhen.CAF_BENEFICIARY, 3
)
TAX = DocumentRequirement(
    "tax", "Avis d'imposition", frozenset({K.TAX_NOTICE}), AppliesWhen.NOT_CAF_BENEFICIARY
)
CUSTODY = DocumentRequirement(
    "custody", "Jugement", frozenset({K.CUSTODY_JUDGMENT}), AppliesWhen.ALTERNATING_CUSTODY
)
ALL = (FORM, BOOK, CAF, TAX, CUSTODY)


@pytest.mark.parametrize(
    ("situation", "required"),
    [
        (RegistrationSituation(), ["form", "book", "caf"]),
        (RegistrationSituation(first_registration=False), ["form", "caf"]),
        (RegistrationSituation(caf_beneficiary=False), ["form", "book", "tax"]),
        (RegistrationSituation(alternating_custody=True), ["form", "book", "caf", "custody"]),
        (
            RegistrationSituation(
                first_registration=False, caf_beneficiary=False, alternating_custody=True
            ),
            ["form", "tax", "custody"],
        ),
    ],
)
def test_each_situation_requires_its_documents_and_no_other(
    situation: RegistrationSituation, required: list[str]
) -> None:
    status = check_dossier(ALL, situation, (), DAY)
    assert [r.code for r in status.missing] == required
    assert [r.code for r in status.not_required] == [r.code for r in ALL if r.code not in required]
    assert (status.satisfied, status.expired, status.day) == ((), (), DAY)


def test_a_dossier_sorts_each_requirement_into_satisfied_missing_expired_or_not_required() -> None:
    # « Attestation de paiement CAF … de moins de 3 mois » (Paris, seed 004).
    old_caf = Document(K.CAF_ATTESTATION, date(2024, 1, 10))
    older_caf = Document(K.CAF_ATTESTATION, date(2023, 12, 1))
    form = Document(K.REGISTRATION_FORM, date(2024, 6, 1))
    status = check_dossier(ALL, RegistrationSituation(), (older_caf, form, old_caf), DAY)
    assert status == DossierStatus(
        DAY,
        (FORM,),
        (BOOK,),
        (ExpiredDocument(CAF, old_caf, date(2024, 4, 10)),),
        (TAX, CUSTODY),
    )
    assert status.outstanding == ("book", "caf")
    assert not status.complete


def test_only_missing_or_only_expired_is_incomplete() -> None:
    only_expired = DossierStatus(
        DAY, (), (), (ExpiredDocument(CAF, Document(K.CAF_ATTESTATION, DAY), DAY),), ()
    )
    assert not only_expired.complete
    assert only_expired.outstanding == ("caf",)
    assert not DossierStatus(DAY, (), (FORM,), (), ()).complete


def test_a_document_is_valid_from_its_issue_to_the_day_before_it_is_too_old() -> None:
    caf = Document(K.CAF_ATTESTATION, date(2024, 3, 20))
    assert CAF.valid_until(caf) == date(2024, 6, 19)
    assert CAF.is_valid(caf, date(2024, 3, 20))
    assert CAF.is_valid(caf, date(2024, 6, 19))
    assert not CAF.is_valid(caf, date(2024, 6, 20))
    assert not CAF.is_valid(caf, date(2024, 3, 19))  # not issued yet
    assert not CAF.is_valid(Document(K.TAX_NOTICE, date(2024, 6, 1)), DAY)
    assert FORM.is_valid(Document(K.REGISTRATION_FORM, date(1990, 1, 1)), DAY)
    # The day it expires, it is reported expired on that very day.
    status = check_dossier((CAF,), RegistrationSituation(), (caf,), date(2024, 6, 20))
    assert status.expired == (ExpiredDocument(CAF, caf, date(2024, 6, 20)),)


def test_a_document_issued_on_the_day_checked_counts() -> None:
    form = Document(K.REGISTRATION_FORM, DAY)
    assert check_dossier((FORM,), RegistrationSituation(), (form,), DAY).satisfied == (FORM,)


def test_a_document_issued_after_the_day_is_neither_valid_nor_expired() -> None:
    later = Document(K.CAF_ATTESTATION, date(2024, 6, 21))
    status = check_dossier((CAF,), RegistrationSituation(), (later,), DAY)
    assert (status.missing, status.expired) == ((CAF,), ())


def test_dossier_refusals_read_whole() -> None:
    assert refusal(lambda: DocumentRequirement("x", "X", frozenset())) == (
        "InvalidValueError",
        "accepted",
        frozenset(),
        "accepted: must name at least one document kind (got frozenset())",
    )
    assert refusal(lambda: DocumentRequirement("x", "X", frozenset({"caf"}))) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "accepted",
        "caf",
        "accepted: must be a DocumentKind (got 'caf' of type str)",
    )
    assert refusal(lambda: DocumentRequirement("x", "X", "caf_attestation")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "accepted",
        "caf_attestation",
        "accepted: must be a set of DocumentKind (got 'caf_attestation' of type str)",
    )
    assert refusal(lambda: DocumentRequirement("x", "X", {K.TAX_NOTICE}, max_age_months=0)) == (
        "InvalidValueError",
        "max_age_months",
        0,
        "max_age_months: must be at least one month (got 0)",
    )
    assert refusal(lambda: DocumentRequirement("x", "X", {K.TAX_NOTICE}, applies_when="z"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "applies_when",
        "z",
    )
    assert refusal(lambda: DocumentRequirement("", "X", {K.TAX_NOTICE}))[:2] == (
        "EmptyIdentifierError",
        "code",
    )
    assert refusal(lambda: DocumentRequirement("x", "", {K.TAX_NOTICE}))[:2] == (
        "EmptyIdentifierError",
        "label",
    )
    assert refusal(lambda: check_dossier([], "caf", (), DAY)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "situation",
        "caf",
        "situation: must be a RegistrationSituation (got 'caf' of type str)",
    )
    assert refusal(lambda: check_dossier(["x"], RegistrationSituation(), (), DAY))[:3] == (  # type: ignore[list-item]
        "InvalidTypeError",
        "requirements[0]",
        "x",
    )
    assert refusal(lambda: check_dossier([], RegistrationSituation(), ("f",), DAY))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "documents[0]",
        "f",
    )
    assert refusal(lambda: check_dossier([], RegistrationSituation(), (), "2024-06-20"))[:3] == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "day",
        "2024-06-20",
    )
    assert refusal(lambda: Document("caf", DAY))[:2] == ("InvalidTypeError", "kind")  # type: ignore[arg-type]
    assert refusal(lambda: Document(K.TAX_NOTICE, "2024"))[:2] == ("InvalidTypeError", "issued_on")  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["first_registration", "caf_beneficiary", "alternating_custody"])
def test_a_situation_flag_must_be_a_bool(field: str) -> None:
    assert refusal(lambda: RegistrationSituation(**{field: 1})) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        field,
        1,
        f"{field}: must be a bool (got 1 of type int)",
    )
