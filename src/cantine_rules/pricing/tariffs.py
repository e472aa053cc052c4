r"""Tariffs, quotient familial rules, the registration dossier, and checks on tariff grids.

The public names of the tariff side of `cantine_rules.pricing`, re-exported from the private
modules that implement them.

A reference commune's figures (a grid, a dossier) are in its own module under
[`cantine_rules.policies`][]; the names they had here until 0.2 still work, with a
`DeprecationWarning`, until 0.3.

Examples:
    >>> from cantine_rules import Money
    >>> from cantine_rules.pricing.tariffs import Bracket, BracketGrid, PricingContext, Source
    >>> source = Source.example("tarif 1 below 500 €, tarif 2 from 500 €")
    >>> grid = BracketGrid(
    ...     (
    ...         Bracket("tarif 1", "0", Money.euros("0.85"), source),
    ...         Bracket("tarif 2", "500", Money.euros("2.28"), source),
    ...     ),
    ...     default_bracket="tarif 2",
    ... )
    >>> price = grid.price(PricingContext("500"))
    >>> print(price.bracket, price.unit_price.format())
    tarif 2 2,28 €
"""

from typing import TYPE_CHECKING, Final

from cantine_rules._lazy import OnFirstUse
from cantine_rules.pricing._moved import moved_name
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariff_errors import (
    GridError,
    MissingFigure,
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
    QuotientGap,
    Tariff,
    UnitPrice,
)
from cantine_rules.sources import Source, SourceKind

if TYPE_CHECKING:
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
    from cantine_rules.pricing._dimensions import (
        ByChildrenCount,
        ByResidence,
        BySiblingRank,
        CountColumn,
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
    from cantine_rules.pricing._examples import (
        EXAMPLE_EFFORT_RATE,
        EXAMPLE_MEDICAL_MEAL,
        EXAMPLE_NON_RESIDENT,
        EXAMPLE_SIBLING_REDUCTION,
    )
    from cantine_rules.pricing._modifiers import (
        MedicalMealFactor,
        MedicalMealFlatPrice,
        ModifiedTariff,
        Modifier,
        NonResidentSupplement,
        SiblingReduction,
        SiteSupplement,
    )
    from cantine_rules.pricing._monthly import (
        ChildrenAmount,
        FeeBasis,
        FeeReason,
        MonthCharge,
        MonthlyFlatFee,
        month_of,
    )
    from cantine_rules.pricing._quotient import (
        QF_QUANTUM,
        AppliedQuotient,
        FromNextMonth,
        FromReception,
        QuotientEffect,
        QuotientPolicy,
        QuotientRecord,
        QuotientStatus,
        ReferenceDate,
        quotient_from_resources,
        quotient_from_tax_notice,
        round_quotient,
    )

#: Grid checks, dossiers, modifiers and their examples, and the quotient familial rules, are
#: imported on first use: pricing a unit or deciding a change needs none of them, and building
#: their classes would cost every process that imports this module (see ``cantine_rules._lazy``).
_ON_FIRST_USE: Final = OnFirstUse(
    __name__,
    {
        "cantine_rules.pricing._checks": (
            "CANTINE_A_UN_EURO",
            "COST_CEILING",
            "Finding",
            "FindingCode",
            "QuotientRange",
            "check_cantine_a_un_euro",
            "check_grid",
            "check_ranges",
            "grid_from_ranges",
            "qualifies_for_cantine_a_un_euro",
        ),
        "cantine_rules.pricing._dimensions": (
            "ByChildrenCount",
            "ByResidence",
            "BySiblingRank",
            "CountColumn",
        ),
        "cantine_rules.pricing._dossier": (
            "AppliesWhen",
            "Document",
            "DocumentKind",
            "DocumentRequirement",
            "DossierStatus",
            "ExpiredDocument",
            "RegistrationSituation",
            "check_dossier",
        ),
        "cantine_rules.pricing._examples": (
            "EXAMPLE_EFFORT_RATE",
            "EXAMPLE_MEDICAL_MEAL",
            "EXAMPLE_NON_RESIDENT",
            "EXAMPLE_SIBLING_REDUCTION",
        ),
        "cantine_rules.pricing._modifiers": (
            "MedicalMealFactor",
            "MedicalMealFlatPrice",
            "ModifiedTariff",
            "Modifier",
            "NonResidentSupplement",
            "SiblingReduction",
            "SiteSupplement",
        ),
        "cantine_rules.pricing._monthly": (
            "ChildrenAmount",
            "FeeBasis",
            "FeeReason",
            "MonthCharge",
            "MonthlyFlatFee",
            "month_of",
        ),
        "cantine_rules.pricing._quotient": (
            "QF_QUANTUM",
            "AppliedQuotient",
            "FromNextMonth",
            "FromReception",
            "QuotientEffect",
            "QuotientPolicy",
            "QuotientRecord",
            "QuotientStatus",
            "ReferenceDate",
            "quotient_from_resources",
            "quotient_from_tax_notice",
            "round_quotient",
        ),
    },
)

__all__ = [
    "CANTINE_A_UN_EURO",
    "COST_CEILING",
    "EXAMPLE_EFFORT_RATE",
    "EXAMPLE_MEDICAL_MEAL",
    "EXAMPLE_NON_RESIDENT",
    "EXAMPLE_SIBLING_REDUCTION",
    "QF_QUANTUM",
    "AppliedModifier",
    "AppliedQuotient",
    "AppliesWhen",
    "Bracket",
    "BracketGrid",
    "ByChildrenCount",
    "ByResidence",
    "BySiblingRank",
    "ChildrenAmount",
    "CountColumn",
    "Document",
    "DocumentKind",
    "DocumentRequirement",
    "DossierStatus",
    "EffortRate",
    "ExpiredDocument",
    "FeeBasis",
    "FeeReason",
    "Finding",
    "FindingCode",
    "FromNextMonth",
    "FromReception",
    "GridError",
    "MedicalMealFactor",
    "MedicalMealFlatPrice",
    "MissingFigure",
    "MissingFigureError",
    "ModifiedTariff",
    "Modifier",
    "MonthCharge",
    "MonthlyFlatFee",
    "NoTariffInForceError",
    "NonResidentSupplement",
    "Price",
    "PricingContext",
    "QuotientEffect",
    "QuotientGap",
    "QuotientPolicy",
    "QuotientRange",
    "QuotientRecord",
    "QuotientStatus",
    "ReferenceDate",
    "RegistrationSituation",
    "ScheduleError",
    "SiblingReduction",
    "SiteSupplement",
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
    "month_of",
    "qualifies_for_cantine_a_un_euro",
    "quotient_from_resources",
    "quotient_from_tax_notice",
    "round_quotient",
]

__dir__ = _ON_FIRST_USE.directory


def __getattr__(name: str) -> object:
    # PEP 562: the names imported on first use; and a reference commune's figures, which moved
    # to its own module, keep working here for one release, with a DeprecationWarning.
    if name in _ON_FIRST_USE:
        return _ON_FIRST_USE.attribute(name)
    return moved_name(__name__, name)
