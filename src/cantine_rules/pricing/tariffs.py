r"""Tariffs, quotient familial rules, the registration dossier, and checks on tariff grids.

The public names of the tariff side of `cantine_rules.pricing`, re-exported from the private
modules that implement them.

Examples:
    >>> from cantine_rules.pricing.tariffs import PARIS_MEAL_GRID_2020, PricingContext
    >>> price = PARIS_MEAL_GRID_2020.price(PricingContext("235"))
    >>> price.bracket, price.unit_price.format()
    ('tarif 2', '0,85\xa0€')
"""

from cantine_rules.pricing._checks import (
    CANTINE_A_UN_EURO,
    COST_CEILING,
    Finding,
    FindingCode,
    QuotientRange,
    check_cantine_a_un_euro,
    check_grid,
    check_ranges,
    grid_from_ranges,
    qualifies_for_cantine_a_un_euro,
)
from cantine_rules.pricing._dossier import (
    AppliesWhen,
    Document,
    DocumentKind,
    DocumentRequirement,
    DossierStatus,
    ExpiredDocument,
    RegistrationSituation,
    check_dossier,
)
from cantine_rules.pricing._modifiers import (
    MedicalMealFactor,
    MedicalMealFlatPrice,
    ModifiedTariff,
    Modifier,
    NonResidentSupplement,
    SiblingReduction,
)
from cantine_rules.pricing._quotient import (
    QF_QUANTUM,
    AppliedQuotient,
    QuotientPolicy,
    QuotientRecord,
    QuotientStatus,
    quotient_from_resources,
    quotient_from_tax_notice,
    round_quotient,
)
from cantine_rules.pricing._reference import (
    EXAMPLE_EFFORT_RATE,
    EXAMPLE_MEDICAL_MEAL,
    EXAMPLE_NON_RESIDENT,
    EXAMPLE_SIBLING_REDUCTION,
    LUTINS_GOURMANDS_MEAL,
    PARIS_DOSSIER_2024,
    PARIS_MEAL_GRID_2020,
    PARIS_MEAL_RANGES_2020,
    PARIS_MEAL_TARIFFS,
    PARIS_QUOTIENT_POLICY_2024,
)
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariff_errors import (
    GridError,
    MissingFigureError,
    NoTariffInForceError,
    ScheduleError,
    UnknownBracketError,
)
from cantine_rules.pricing._tariffs import (
    AppliedModifier,
    Bracket,
    BracketGrid,
    EffortRate,
    Price,
    PricingContext,
    Tariff,
    UnitPrice,
)
from cantine_rules.sources import Source, SourceKind

__all__ = [
    "CANTINE_A_UN_EURO",
    "COST_CEILING",
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
    "QF_QUANTUM",
    "AppliedModifier",
    "AppliedQuotient",
    "AppliesWhen",
    "Bracket",
    "BracketGrid",
    "Document",
    "DocumentKind",
    "DocumentRequirement",
    "DossierStatus",
    "EffortRate",
    "ExpiredDocument",
    "Finding",
    "FindingCode",
    "GridError",
    "MedicalMealFactor",
    "MedicalMealFlatPrice",
    "MissingFigureError",
    "ModifiedTariff",
    "Modifier",
    "NoTariffInForceError",
    "NonResidentSupplement",
    "Price",
    "PricingContext",
    "QuotientPolicy",
    "QuotientRange",
    "QuotientRecord",
    "QuotientStatus",
    "RegistrationSituation",
    "ScheduleError",
    "SiblingReduction",
    "Source",
    "SourceKind",
    "Tariff",
    "TariffSchedule",
    "TariffVersion",
    "UnitPrice",
    "UnknownBracketError",
    "check_cantine_a_un_euro",
    "check_dossier",
    "check_grid",
    "check_ranges",
    "grid_from_ranges",
    "qualifies_for_cantine_a_un_euro",
    "quotient_from_resources",
    "quotient_from_tax_notice",
    "round_quotient",
]
