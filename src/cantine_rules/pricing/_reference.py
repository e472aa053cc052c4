"""Reference tariff figures of the seed communes, and the examples seen in other communes.

Only literals and composition live here, each with its source. A figure no source gives is left
unknown (``None``), never filled in:

* Paris (seed 004 and the public grid of the Caisse des écoles, 2020/2021, cde7.fr): the
  thresholds of tarif 1 to tarif 7 and the prices of tarif 1 to tarif 6 and tarif 10 are known;
  the price of tarif 7 and the thresholds and prices of tarif 8 and tarif 9 are not, nor where
  tarif 10 starts. The grid is kept for its school year only (see [`PARIS_MEAL_TARIFFS`][]).
* « Les Lutins Gourmands » (seed 001): one price, 3,60 € « à l'unité ».
* Other communes: a taux d'effort of 0,36 % of the QF between 2,60 € and 4,50 €, a 3rd child at
  half price, non-residents +20 %, a PAI meal at 1,75 € — examples, not the figures of any commune
  of the seeds.

Examples:
    >>> from cantine_rules.pricing._tariffs import PricingContext
    >>> PARIS_MEAL_GRID_2020.price(PricingContext("234")).unit_price
    Money.euros('0.13')
"""

from __future__ import annotations

from datetime import date
from typing import Final

from cantine_rules.money import Money
from cantine_rules.pricing._checks import QuotientRange, grid_from_ranges
from cantine_rules.pricing._dossier import AppliesWhen, DocumentKind, DocumentRequirement
from cantine_rules.pricing._modifiers import (
    MedicalMealFlatPrice,
    NonResidentSupplement,
    SiblingReduction,
)
from cantine_rules.pricing._quotient import QuotientPolicy
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariffs import Bracket, EffortRate, UnitPrice
from cantine_rules.sources import Source

__all__ = [
    "EXAMPLE_EFFORT_RATE",
    "EXAMPLE_MEDICAL_MEAL",
    "EXAMPLE_NON_RESIDENT",
    "EXAMPLE_SIBLING_REDUCTION",
    "LUTINS_GOURMANDS_MEAL",
    "PARIS_DOSSIER_2024",
    "PARIS_MEAL_GRID_2020",
    "PARIS_MEAL_RANGES_2020",
    "PARIS_MEAL_TARIFFS",
    "PARIS_QUOTIENT_POLICY_2024",
]

# Paris ----------------------------------------------------------------------------------------

_PARIS_GRID: Final = Source.public(
    "Caisse des écoles, Paris, restauration scolaire 2020/2021 (cde7.fr): T1 QF 0–234 € 0,13 €; "
    "T2 235–384 € 0,85 €; T3 385–548 € 1,62 €; T4 549–959 € 2,28 €; T5 960–1370 € 3,62 €; "
    "T6 1371–1900 € 4,61 €; T7 from 1901 €; tarif maximal (T10) 7,00 €"
)
_PARIS_DEADLINE: Final = Source.seed(
    "La période d'inscription s'étend du 1er juin au 23 août 2024 … Passé cette date limite, le "
    "tarif maximal (tarif 10) sera appliqué à votre facture jusqu'à la régularisation de votre "
    "dossier."
)
_PARIS_TEN_BRACKETS: Final = Source.seed(
    "le tarif maximal (tarif 10): the grid has ten tarifs; no source gives this one's threshold "
    "or price"
)

PARIS_MEAL_RANGES_2020: Final = (
    QuotientRange("tarif 1", "0", "234", Money.euros("0.13"), _PARIS_GRID),
    QuotientRange("tarif 2", "235", "384", Money.euros("0.85"), _PARIS_GRID),
    QuotientRange("tarif 3", "385", "548", Money.euros("1.62"), _PARIS_GRID),
    QuotientRange("tarif 4", "549", "959", Money.euros("2.28"), _PARIS_GRID),
    QuotientRange("tarif 5", "960", "1370", Money.euros("3.62"), _PARIS_GRID),
    QuotientRange("tarif 6", "1371", "1900", Money.euros("4.61"), _PARIS_GRID),
    QuotientRange("tarif 7", "1901", None, None, _PARIS_GRID),
)
"""The Paris meal grid as the public reference writes it, by explicit ranges of whole-euro QF.
Tarif 7's upper bound and price are not given.
"""

PARIS_MEAL_GRID_2020: Final = grid_from_ranges(
    PARIS_MEAL_RANGES_2020,
    # « le tarif maximal (tarif 10) sera appliqué à votre facture » (seed 004).
    default_bracket="tarif 10",
    beyond=(
        Bracket("tarif 8", None, None, _PARIS_TEN_BRACKETS),
        Bracket("tarif 9", None, None, _PARIS_TEN_BRACKETS),
        Bracket("tarif 10", None, Money.euros("7.00"), _PARIS_GRID),
    ),
)
"""The Paris meal grid: tarif 1 to 7 by threshold, then tarif 8 to 10 whose thresholds no source
gives. A QF from 1901 € is refused as ambiguous (tarif 7 or above); a family without a valid QF
pays tarif 10, 7,00 €.
"""

PARIS_MEAL_TARIFFS: Final = TariffSchedule(
    "repas",
    (
        TariffVersion(
            date(2020, 9, 1), PARIS_MEAL_GRID_2020, _PARIS_GRID, ends_on=date(2021, 8, 31)
        ),
    ),
)
"""The Paris meal tariff by school year. The public figures are those of 2020/2021; the version
ends with that school year, so that they are never presented as the figures of a later year.
The first and last days are those of the school year the source names, not days it states.
"""

PARIS_QUOTIENT_POLICY_2024: Final = QuotientPolicy(
    max_age_months=3, registration_deadline=date(2024, 8, 23), source=_PARIS_DEADLINE
)
"""Paris 2024/2025: a CAF attestation « de moins de 3 mois »; registration until 23 August 2024,
after which tarif 10 applies until the dossier is regularised.
"""

PARIS_DOSSIER_2024: Final = (
    DocumentRequirement(
        "registration_form",
        "Bulletin d'inscription rempli et signé",
        frozenset({DocumentKind.REGISTRATION_FORM}),
        source=Source.seed("Bulletin d'inscription rempli et signé."),
    ),
    DocumentRequirement(
        "caf_attestation",
        "Attestation de paiement CAF (quotient familial CAF) de moins de 3 mois",
        frozenset({DocumentKind.CAF_ATTESTATION}),
        AppliesWhen.CAF_BENEFICIARY,
        max_age_months=3,
        source=Source.seed(
            "Attestation de paiement CAF (quotient familial CAF) de moins de 3 mois."
        ),
    ),
    DocumentRequirement(
        "tax_notice",
        "Avis d'imposition ou de non-imposition N-1 indiquant les revenus N-2 du foyer",
        frozenset({DocumentKind.TAX_NOTICE}),
        AppliesWhen.NOT_CAF_BENEFICIARY,
        source=Source.seed(
            "Si vous n'êtes pas allocataire CAF : L'avis d'imposition ou de non-imposition N-1 "
            "indiquant les revenus N-2 du foyer (ou dernier avis d'imposition en date)."
        ),
    ),
    DocumentRequirement(
        "family_book_or_birth_certificate",
        "Copie du livret de famille ou extrait d'acte de naissance de l'enfant",
        frozenset({DocumentKind.FAMILY_BOOK, DocumentKind.BIRTH_CERTIFICATE}),
        AppliesWhen.FIRST_REGISTRATION,
        source=Source.seed(
            "Copie du livret de famille ou un extrait d'acte de naissance de l'enfant "
            "(uniquement pour une première inscription)."
        ),
    ),
    DocumentRequirement(
        "custody_judgment",
        "Jugement de divorce",
        frozenset({DocumentKind.CUSTODY_JUDGMENT}),
        AppliesWhen.ALTERNATING_CUSTODY,
        source=Source.seed(
            "En cas de garde alternée, n'oubliez pas de nous joindre votre jugement de divorce"
        ),
    ),
    DocumentRequirement(
        "custody_weeks",
        "Semaines de garde précisées sur le bulletin d'inscription",
        frozenset({DocumentKind.CUSTODY_WEEKS}),
        AppliesWhen.ALTERNATING_CUSTODY,
        source=Source.seed("de préciser vos semaines de garde sur le bulletin d'inscription."),
    ),
)
"""« Les documents nécessaires à l'inscription à la restauration scolaire » (seed 004)."""

# « Les Lutins Gourmands » ---------------------------------------------------------------------

LUTINS_GOURMANDS_MEAL: Final = UnitPrice(
    Money.euros("3.60"),
    Source.seed(
        "01/09/2016 Louise - Cantine pour les Maternelles et les Élémentaires - Cantine "
        "à l'unité 3.60€"
    ),
)
"""Seed 001: « Cantine à l'unité 3.60€ », for each day of the summary. The seed does not say
since when, so this is a tariff, not a schedule.
"""

# Examples seen in other communes -----------------------------------------------------------------

EXAMPLE_EFFORT_RATE: Final = EffortRate.percent(
    "0.36",
    Money.euros("2.60"),
    Money.euros("4.50"),
    Source.example(
        "taux d'effort 0,36 % du QF CAF, minimum 2,60 €, maximum 4,50 € (seen in other "
        "communes, e.g. mairie-fayauxloges.fr)"
    ),
)
"""« taux d'effort 0,36 % of QF between 2,60 € and 4,50 € »: seen in other communes, an example."""

EXAMPLE_SIBLING_REDUCTION: Final = SiblingReduction(
    {3: "0.5"}, Source.example("3rd child half price (seen in other communes)")
)
"""« 3rd child half price »: an example."""

EXAMPLE_NON_RESIDENT: Final = NonResidentSupplement(
    "0.20", Source.example("non-residents +20 % (seen in other communes)")
)
"""« non-residents +20 % »: an example."""

EXAMPLE_MEDICAL_MEAL: Final = MedicalMealFlatPrice(
    Money.euros("1.75"),
    Source.example(
        "repas fourni par la famille dans le cadre d'un PAI : 1,75 € (seen in other communes, "
        "e.g. mairie-fayauxloges.fr)"
    ),
)
"""A PAI meal brought from home at 1,75 €: an example."""
