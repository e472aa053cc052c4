"""The registration dossier: which documents a registration needs, and what is still missing.

A commune lists its [`DocumentRequirement`][] values; each names the document kinds that
satisfy it, when it applies (always, first registration only, CAF beneficiaries, families in
alternating custody…) and how young the document must be. [`check_dossier`][] compares them with
the documents a family gave and returns a [`DossierStatus`][] listing what is missing and what
has expired on a given day. It is a pure function: it never stores, fetches or sends anything.

Examples:
    >>> form = DocumentRequirement("form", "Bulletin d'inscription rempli et signé",
    ...                            frozenset({DocumentKind.REGISTRATION_FORM}),
    ...                            source=Source.example("a form"))
    >>> status = check_dossier((form,), RegistrationSituation(), (), date(2024, 6, 3))
    >>> [requirement.code for requirement in status.missing]
    ['form']
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._validators import (
    a_bool,
    a_date,
    enum_member,
    identifier,
    optional_months,
    require_day,
    require_items,
)
from cantine_rules.errors import InvalidTypeError, InvalidValueError
from cantine_rules.pricing._quotient import expires_on
from cantine_rules.pricing._tariffs import _a_source as a_source
from cantine_rules.sources import Source

__all__ = [
    "AppliesWhen",
    "Document",
    "DocumentKind",
    "DocumentRequirement",
    "DossierStatus",
    "ExpiredDocument",
    "RegistrationSituation",
    "check_dossier",
]

_ONE_DAY: Final = timedelta(days=1)


class DocumentKind(StrEnum):
    """A kind of document a family may give with its registration."""

    REGISTRATION_FORM = "registration_form"
    """The registration form, filled in and signed (« bulletin d'inscription »)."""
    CAF_ATTESTATION = "caf_attestation"
    """Attestation de paiement CAF, stating the quotient familial."""
    TAX_NOTICE = "tax_notice"
    """Avis d'imposition or de non-imposition."""
    FAMILY_BOOK = "family_book"
    """A copy of the livret de famille."""
    BIRTH_CERTIFICATE = "birth_certificate"
    """An extract of the child's birth certificate."""
    CUSTODY_JUDGMENT = "custody_judgment"
    """The judgment (divorce, custody) that sets alternating custody."""
    CUSTODY_WEEKS = "custody_weeks"
    """The custody weeks of each parent, as declared (seed 004: on the registration form)."""


class AppliesWhen(StrEnum):
    """When a requirement applies to a registration."""

    ALWAYS = "always"
    FIRST_REGISTRATION = "first_registration"
    """Only the first time the child is registered."""
    CAF_BENEFICIARY = "caf_beneficiary"
    """Only for a family that receives CAF benefits (allocataire)."""
    NOT_CAF_BENEFICIARY = "not_caf_beneficiary"
    """Only for a family that does not."""
    ALTERNATING_CUSTODY = "alternating_custody"
    """Only for a child in alternating custody (garde alternée)."""


@attrs.frozen
class RegistrationSituation:
    """What decides which documents a registration needs.

    Attributes:
        first_registration: True the first time the child is registered.
        caf_beneficiary: True when the family receives CAF benefits (it then proves its QF with
            a CAF attestation; otherwise with its tax notice).
        alternating_custody: True when the child is in alternating custody.

    Examples:
        >>> RegistrationSituation(first_registration=False).caf_beneficiary
        True
    """

    first_registration: bool = attrs.field(default=True, validator=a_bool)
    caf_beneficiary: bool = attrs.field(default=True, validator=a_bool)
    alternating_custody: bool = attrs.field(default=False, validator=a_bool)

    def requires(self, applies_when: AppliesWhen) -> bool:
        """True when a requirement that applies *applies_when* applies to this situation."""
        match applies_when:
            case AppliesWhen.ALWAYS:
                return True
            case AppliesWhen.FIRST_REGISTRATION:
                return self.first_registration
            case AppliesWhen.CAF_BENEFICIARY:
                return self.caf_beneficiary
            case AppliesWhen.NOT_CAF_BENEFICIARY:
                return not self.caf_beneficiary
            case AppliesWhen.ALTERNATING_CUSTODY:
                return self.alternating_custody


def _kinds(value: Iterable[DocumentKind]) -> frozenset[DocumentKind]:
    if isinstance(value, str):
        raise InvalidTypeError("accepted", value, "must be a set of DocumentKind")
    return frozenset(value)


def _check_kinds(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset) or not value:
        raise InvalidValueError(attribute.name, value, "must name at least one document kind")
    for kind in value:
        if not isinstance(kind, DocumentKind):
            raise InvalidTypeError(attribute.name, kind, "must be a DocumentKind")


@pickled_by_fields
@attrs.frozen
class DocumentRequirement:
    """One document a registration needs.

    Attributes:
        code: a stable code (``"qf_caf"``).
        label: as the commune words it.
        accepted: the document kinds that satisfy it (any one of them).
        applies_when: when it is needed.
        max_age_months: the document must be younger than this (« de moins de 3 mois »), or
            None for no limit.
        source: where the requirement comes from.

    Examples:
        >>> DocumentRequirement("qf", "Attestation CAF", frozenset({DocumentKind.CAF_ATTESTATION}),
        ...                     max_age_months=3, source=Source.example("x")).max_age_months
        3
    """

    code: str = attrs.field(validator=identifier)
    label: str = attrs.field(validator=identifier)
    accepted: frozenset[DocumentKind] = attrs.field(converter=_kinds, validator=_check_kinds)
    applies_when: AppliesWhen = attrs.field(
        default=AppliesWhen.ALWAYS, validator=enum_member(AppliesWhen)
    )
    max_age_months: int | None = attrs.field(default=None, validator=optional_months)
    source: Source = attrs.field(
        default=Source.default("requirement without a cited source"),
        validator=a_source,
    )

    def valid_until(self, document: Document) -> date | None:
        """The last day *document* satisfies this requirement, or None when it does not expire."""
        if self.max_age_months is None:
            return None
        return expires_on(document.issued_on, self.max_age_months) - _ONE_DAY

    def is_valid(self, document: Document, day: date) -> bool:
        """True when *document* is accepted and young enough on *day* (and issued by then)."""
        if document.kind not in self.accepted or document.issued_on > day:
            return False
        last = self.valid_until(document)
        return last is None or day <= last


@attrs.frozen
class Document:
    """A document a family gave: its kind and the day it was issued.

    Examples:
        >>> Document(DocumentKind.CAF_ATTESTATION, date(2024, 5, 10)).kind.value
        'caf_attestation'
    """

    kind: DocumentKind = attrs.field(validator=enum_member(DocumentKind))
    issued_on: date = attrs.field(validator=a_date)


@attrs.frozen
class ExpiredDocument:
    """A requirement met only by documents too old on the day checked.

    Attributes:
        requirement: the requirement.
        document: the most recent accepted document given.
        expired_on: the first day it no longer satisfied the requirement.

    """

    requirement: DocumentRequirement
    document: Document
    expired_on: date


@attrs.frozen
class DossierStatus:
    """What a dossier holds and lacks on a day.

    Attributes:
        day: the day checked.
        satisfied: the requirements met by a valid document.
        missing: the requirements no accepted document meets at all.
        expired: the requirements whose accepted documents are all too old.
        not_required: the requirements that do not apply to the situation.

    Examples:
        >>> DossierStatus(date(2024, 6, 3), (), (), (), ()).complete
        True
    """

    day: date
    satisfied: tuple[DocumentRequirement, ...]
    missing: tuple[DocumentRequirement, ...]
    expired: tuple[ExpiredDocument, ...]
    not_required: tuple[DocumentRequirement, ...]

    @property
    def complete(self) -> bool:
        """True when nothing is missing or expired."""
        return not self.missing and not self.expired

    @property
    def outstanding(self) -> tuple[str, ...]:
        """The codes of the requirements still to provide, missing first then expired."""
        return tuple(r.code for r in self.missing) + tuple(e.requirement.code for e in self.expired)


def check_dossier(
    requirements: Iterable[DocumentRequirement],
    situation: RegistrationSituation,
    documents: Iterable[Document],
    day: date,
) -> DossierStatus:
    """Which requirements a family's documents meet on *day*, and which are missing or expired.

    A document issued after *day* is not counted on *day*. Among several accepted documents for
    one requirement, any valid one satisfies it; when none is valid, the most recent is reported
    as expired.

    Args:
        requirements: the commune's requirements.
        situation: the family's situation (first registration, CAF, alternating custody).
        documents: the documents the family gave.
        day: the day the dossier is checked.

    Returns:
        The status, listing each requirement as satisfied, missing, expired or not required.

    Examples:
        >>> caf = DocumentRequirement("qf", "Attestation CAF de moins de 3 mois",
        ...                           frozenset({DocumentKind.CAF_ATTESTATION}), max_age_months=3,
        ...                           source=Source.example("x"))
        >>> old = Document(DocumentKind.CAF_ATTESTATION, date(2024, 1, 15))
        >>> check_dossier((caf,), RegistrationSituation(), (old,), date(2024, 6, 3)).outstanding
        ('qf',)
    """
    required = require_items(requirements, DocumentRequirement, "requirements")
    if not isinstance(situation, RegistrationSituation):
        raise InvalidTypeError("situation", situation, "must be a RegistrationSituation")
    given = require_items(documents, Document, "documents")
    require_day(day, "day")
    satisfied: list[DocumentRequirement] = []
    missing: list[DocumentRequirement] = []
    expired: list[ExpiredDocument] = []
    not_required: list[DocumentRequirement] = []
    for requirement in required:
        if not situation.requires(requirement.applies_when):
            not_required.append(requirement)
            continue
        accepted = [
            document
            for document in given
            if document.kind in requirement.accepted and document.issued_on <= day
        ]
        if any(requirement.is_valid(document, day) for document in accepted):
            satisfied.append(requirement)
        elif accepted:
            latest = max(accepted, key=lambda document: document.issued_on)
            last = requirement.valid_until(latest)
            assert last is not None  # a document that never expires would have been valid
            expired.append(ExpiredDocument(requirement, latest, last + _ONE_DAY))
        else:
            missing.append(requirement)
    return DossierStatus(day, tuple(satisfied), tuple(missing), tuple(expired), tuple(not_required))
