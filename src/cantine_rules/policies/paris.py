"""Paris, Caisses des écoles: restauration scolaire by quotient familial, lunch on Wednesdays.

References:
    * Seed 004, a Caisse des écoles' page « La période d'inscription s'étend du 1er juin au
      23 août 2024 » and its FAQ.
    * Caisse des écoles du 7e arrondissement, « Inscriptions et tarifs », for the rentrée
      2020/2021 (http://cde7.fr/inscriptions-et-tarifs/): « Le mercredi est un jour de la
      restauration scolaire au même titre que les autres jours de la semaine », and the grid
      « Le Maire de Paris a décidé d'appliquer dix tarifs … » — T1 QF 0–234 € 0,13 €;
      T2 235–384 € 0,85 €; T3 385–548 € 1,62 €; T4 549–959 € 2,28 €; T5 960–1370 € 3,62 €;
      T6 1371–1900 € 4,61 €; T7 from 1901 €; the stored copy of the page breaks off there.
    * The maximum, tarif 10, 7,00 €: the domain notes' reading of the same grid, confirmed for
      2020 by franceinfo, « Le vrai du faux » (« La cantine aujourd'hui à Paris c'est sept euros
      au tarif maximum »; « paiera bien sept euros le repas »).
    * The same page of the Caisse des écoles du 7e: « Attention les jours de fréquentation
      choisis sont fixes : 1, 2, 3, 4 ou 5 jours par semaine. L'inscription à l'un de ces
      forfaits est annuelle. »
    * Caisse des écoles du 12e, « Le règlement de la restauration scolaire »
      (https://cdeparis12.fr/espace-parents/le-reglement-de-la-restauration-scolaire): « Dans le
      cas d'un changement de fréquentation envisagé en cours d'année scolaire, les familles
      doivent impérativement prévenir … 15 jours avant la période des futures vacances pour un
      effet sur le bimestre suivant. »

Paris schools have class on Wednesday morning and the meal is served that day: the calendar has
the four-and-a-half-day week. Families register between 1 June and 23 August 2024; a dossier
after that, or no valid QF, gives tarif 10 until it is regularised, with no retroactive
reduction. A registration needs the dossier validated. The meal's time and the booking deadline
are not in the sources: defaults.

The meal is an annual forfait of fixed days (`FIXED_DAYS`): the family chooses 1 to 5 of the
days the meal is served (Wednesday included), and every school day on those weekdays is booked
for the year. A change of days takes effect when classes resume after the next school holidays,
if asked 15 days before they start (CDE 12); the Caisse may also change them. The Caisses differ
here: the 7e's page says « Aucun changement de fréquentation n'est autorisé en cours d'année, sauf
cas exceptionnel après accord de la Caisse des Ecoles »; the policy follows the 12e's written
terms, the only ones that say when a change takes effect.

The 2020/2021 figures are the latest the sources give (no later grid of the Caisses des écoles is
in the public pages searched: cde7, cde12, cde13, cde14, cde15, cde18, cde20, paris.fr). They are
carried into later school years as a default, marked as such, so that the commune can be priced
today. Tarif 7's upper bound and price and tarif 8 and 9 are given by no source: a family with a
QF of 1901 € or more has a price no source gives, and pricing it says so (`billing.quote`
answers an unknown price with its reason) instead of guessing.

Everything of Paris is here: the meal grid and its school-year schedule (`MEAL_RANGES_2020`,
`MEAL_GRID_2020`, `MEAL_TARIFFS`), the school week (`SCHOOL_WEEK`), the annual forfait of fixed
days (`FIXED_DAYS`, `DAY_CHANGES`, `REGIMES`), the quotient familial rules
with the 23 August 2024 deadline and tarif 10 until regularisation (`QUOTIENT_POLICY_2024`), the
dossier (`DOSSIER_2024`) and the `POLICY` composed from them.

>>> from datetime import date
>>> POLICY.calendar.is_school_day(date(2024, 9, 4))  # a Wednesday
True
>>> POLICY.price("repas", date(2024, 9, 2)).bracket
'tarif 10'
>>> from cantine_rules.pricing.tariffs import PricingContext
>>> MEAL_GRID_2020.price(PricingContext("234")).unit_price
Money.euros('0.13')
"""

from __future__ import annotations

from datetime import date, time
from typing import Final

from cantine_rules.calendar import FOUR_AND_A_HALF_DAYS, SchoolCalendar, Zone
from cantine_rules.model import Service, ServiceKind
from cantine_rules.money import Money
from cantine_rules.policies.commune import Citation, CommunePolicy, PaymentScheme
from cantine_rules.policies.registry import aliases
from cantine_rules.pricing._checks import QuotientRange, grid_from_ranges
from cantine_rules.pricing._dossier import AppliesWhen, DocumentKind, DocumentRequirement
from cantine_rules.pricing._payment import PaymentMode
from cantine_rules.pricing._quotient import QuotientPolicy
from cantine_rules.pricing._schedule import TariffSchedule, TariffVersion
from cantine_rules.pricing._tariffs import Bracket
from cantine_rules.rules.booking import BookingRules, Requirements, ServiceRules
from cantine_rules.rules.deadlines import WorkingDaysBefore
from cantine_rules.rules.late import LateHandling, Refuse
from cantine_rules.rules.regimes import ChangeEffect, DayChangeTerms, FixedDays, ServiceRegimes
from cantine_rules.sources import Source

__all__ = [
    "DAY_CHANGES",
    "DOSSIER_2024",
    "FIXED_DAYS",
    "GUIDE",
    "MEAL_GRID_2020",
    "MEAL_RANGES_2020",
    "MEAL_TARIFFS",
    "POLICY",
    "QUOTIENT_POLICY_2024",
    "REGIMES",
    "SCHOOL_WEEK",
]

# Tariffs ---------------------------------------------------------------------------------------

_CDE7_URL: Final = "http://cde7.fr/inscriptions-et-tarifs/"
"""The Caisse des écoles du 7e's page « Inscriptions et tarifs » for the rentrée 2020/2021."""

GUIDE: Final = "La période d'inscription s'étend du 1er juin au 23 août 2024"
"""The title of the commune's guide for parents, which the sources name."""

_THE_GUIDE: Final = f"the guide « {GUIDE} »"
"""How the reasons of the defaults below name the guide."""

_GRID_SOURCE: Final = Source.public(
    f"Caisse des écoles du 7e, « Inscriptions et tarifs », rentrée 2020/2021, {_CDE7_URL}: « Le "
    "Maire de Paris a décidé d'appliquer dix tarifs pour la restauration scolaire, définis en "
    "fonction du quotient familial » — Tarif 1 De 0 € à 234 € 0,13 €; Tarif 2 De 235 € à 384 € "
    "0,85 €; Tarif 3 De 385 € à 548 € 1,62 €; Tarif 4 De 549 € à 959 € 2,28 €; Tarif 5 De 960 € "
    "à 1370 € 3,62 €; Tarif 6 De 1371 € à 1900 € 4,61 €; Tarif 7 De 1901 € …"
)
_MAXIMUM_SOURCE: Final = Source.public(
    "tarif maximal (T10) 7,00 € in the grid of the Caisses des écoles, 2020/2021 (cde7.fr); "
    "franceinfo, « Le vrai du faux », 2020, https://www.francetvinfo.fr/replay-radio/"
    "le-vrai-du-faux/est-ce-que-la-cantine-scolaire-a-paris-coute-plus-cher-que-dans-les-"
    "autres-villes-de-france_3791327.html: « La cantine aujourd'hui à Paris c'est sept euros "
    "au tarif maximum »"
)
_TEN_BRACKETS: Final = Source.public(
    f"« Le Maire de Paris a décidé d'appliquer dix tarifs » ({_CDE7_URL}): the grid has ten "
    "tarifs; no source gives this one's threshold or price"
)

MEAL_RANGES_2020: Final = (
    QuotientRange("tarif 1", "0", "234", Money.euros("0.13"), _GRID_SOURCE),
    QuotientRange("tarif 2", "235", "384", Money.euros("0.85"), _GRID_SOURCE),
    QuotientRange("tarif 3", "385", "548", Money.euros("1.62"), _GRID_SOURCE),
    QuotientRange("tarif 4", "549", "959", Money.euros("2.28"), _GRID_SOURCE),
    QuotientRange("tarif 5", "960", "1370", Money.euros("3.62"), _GRID_SOURCE),
    QuotientRange("tarif 6", "1371", "1900", Money.euros("4.61"), _GRID_SOURCE),
    QuotientRange("tarif 7", "1901", None, None, _GRID_SOURCE),
)
"""The meal grid as the public reference writes it (« De 235 € à 384 € »), by explicit ranges of
whole-euro QF. Tarif 7's upper bound and price are not given.
"""

MEAL_GRID_2020: Final = grid_from_ranges(
    MEAL_RANGES_2020,
    # « le tarif maximal (tarif 10) sera appliqué à votre facture » (seed 004).
    default_bracket="tarif 10",
    beyond=(
        Bracket("tarif 8", None, None, _TEN_BRACKETS),
        Bracket("tarif 9", None, None, _TEN_BRACKETS),
        Bracket("tarif 10", None, Money.euros("7.00"), _MAXIMUM_SOURCE),
    ),
)
"""The meal grid: tarif 1 to 7 by threshold, then tarif 8 to 10 whose thresholds no source gives.
A QF from 1901 € lies in tarif 7 or above, whose prices no source gives: its price is unknown
(`MissingFigureError`, which `billing.quote` answers as an unknown price with its reason). A
family without a valid QF pays tarif 10, 7,00 €.
"""

MEAL_TARIFFS: Final = TariffSchedule(
    "repas",
    (TariffVersion(date(2020, 9, 1), MEAL_GRID_2020, _GRID_SOURCE, ends_on=date(2021, 8, 31)),),
)
"""The meal tariff by school year, as the sources give it. The public figures are those of
2020/2021; the version ends with that school year, so that they are never presented as the figures
of a later year. The first and last days are those of the school year the source names, not days
it states. `POLICY` carries the grid into later years as a marked default.
"""

# Quotient familial and dossier -----------------------------------------------------------------

QUOTIENT_POLICY_2024: Final = QuotientPolicy(
    max_age_months=3,
    registration_deadline=date(2024, 8, 23),
    source=Source.seed(
        "La période d'inscription s'étend du 1er juin au 23 août 2024 … Passé cette date limite, "
        "le tarif maximal (tarif 10) sera appliqué à votre facture jusqu'à la régularisation de "
        "votre dossier."
    ),
)
"""2024/2025: a CAF attestation « de moins de 3 mois »; registration until 23 August 2024, after
which tarif 10 (the grid's default bracket) applies until the dossier is regularised.
"""

DOSSIER_2024: Final = (
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

# The policy ------------------------------------------------------------------------------------

_CARRIED_FORWARD: Final = Source.default(
    "the 2020/2021 public grid is the latest the sources give; carried into later school years "
    "until the Caisse des écoles' current grid is configured"
)
_NO_DEADLINE: Final = Source.default(
    f"{_THE_GUIDE} gives no booking deadline; 2 jours ouvrés before the meal is assumed"
)

SCHOOL_WEEK: Final = FOUR_AND_A_HALF_DAYS
"""Class on Wednesday morning, and lunch that day: « Le mercredi est un jour de la restauration
scolaire au même titre que les autres jours de la semaine » (cde7.fr)."""

SERVICES: Final = (
    Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 30), time(13, 30)),
)

# Fixed days for the year -----------------------------------------------------------------------

_CDE12_RULES_URL: Final = (
    "https://cdeparis12.fr/espace-parents/le-reglement-de-la-restauration-scolaire"
)
"""The Caisse des écoles du 12e's page « Le règlement de la restauration scolaire »."""

DAY_CHANGES: Final = DayChangeTerms(
    ChangeEffect.NEXT_PERIOD,
    notice_days=15,
    through_commune=True,
    source=Source.public(
        f"Caisse des écoles du 12e, « Le règlement de la restauration scolaire », "
        f"{_CDE12_RULES_URL}: « Dans le cas d'un changement de fréquentation envisagé en cours "
        "d'année scolaire, les familles doivent impérativement prévenir … 15 jours avant la "
        "période des futures vacances pour un effet sur le bimestre suivant »; the Caisse may "
        f"change them: « sauf cas exceptionnel après accord de la Caisse des Ecoles » ({_CDE7_URL})"
    ),
)
"""A change of the chosen days takes effect when classes resume after the next school holidays
(« un effet sur le bimestre suivant »), if asked strictly before 00:00 on the day 15 days before
the holidays start (« 15 jours avant la période des futures vacances »); the Caisse des écoles
may change them for an exceptional case.
"""

FIXED_DAYS: Final = FixedDays(
    DAY_CHANGES,
    Source.public(
        f"Caisse des écoles du 7e, « Inscriptions et tarifs », rentrée 2020/2021, {_CDE7_URL}: "
        "« Attention les jours de fréquentation choisis sont fixes : 1, 2, 3, 4 ou 5 jours par "
        "semaine. L'inscription à l'un de ces forfaits est annuelle. »"
    ),
    min_days=1,
    max_days=5,
    label="Forfait annuel",
)
"""« les jours de fréquentation choisis sont fixes : 1, 2, 3, 4 ou 5 jours par semaine.
L'inscription à l'un de ces forfaits est annuelle » (cde7.fr): 1 to 5 of the weekdays the meal is
served, Wednesday included, each school day on them booked for the year.
"""

REGIMES: Final = (ServiceRegimes("repas", (FIXED_DAYS,)),)
"""The meal's regime: the annual forfait of fixed days, the only one the sources name (« Il ne
peut pas faire l'objet d'une fréquentation à la carte », cde7.fr, of the Wednesday)."""

_TWO_WORKING_DAYS: Final = ServiceRules(
    add=WorkingDaysBefore(2),
    cancel=WorkingDaysBefore(2),
    late_add=LateHandling(online=Refuse(), office=Refuse()),
    late_cancel=LateHandling(online=Refuse(), office=Refuse()),
)

POLICY: Final = CommunePolicy(
    slug="paris",
    name="Paris (Caisses des écoles)",
    booking=BookingRules(
        calendar=SchoolCalendar(Zone.C, department="75", school_week=SCHOOL_WEEK),
        services=SERVICES,
        default=_TWO_WORKING_DAYS,
        requirements=Requirements(
            account_validated=True, child_registered=True, dossier_validated=True
        ),
        auto_validate=True,
    ),
    payment_scheme=PaymentScheme.POSTFACTURATION,
    payment_modes=(PaymentMode.CARD, PaymentMode.DIRECT_DEBIT),
    tariffs=(
        TariffSchedule(
            "repas",
            (
                *MEAL_TARIFFS.versions,
                TariffVersion(date(2021, 9, 1), MEAL_GRID_2020, _CARRIED_FORWARD),
            ),
        ),
    ),
    quotient_policy=QUOTIENT_POLICY_2024,
    dossier=DOSSIER_2024,
    regimes=REGIMES,
    citations=(
        Citation("calendar", Source.public("Paris (75), académie de Paris, zone C")),
        Citation(
            "calendar.week",
            Source.public(
                f"Caisse des écoles du 7e, {_CDE7_URL}: « Le mercredi est un jour de la "
                "restauration scolaire au même titre que les autres jours de la semaine »"
            ),
        ),
        Citation(
            "service.repas",
            Source.default(
                f"{_THE_GUIDE} names « la restauration scolaire » but gives no time; 11:30 assumed"
            ),
        ),
        Citation("rules.repas", _NO_DEADLINE),
        Citation(
            "requirements",
            Source.seed(
                "Suite à la validation de votre dossier, vous pouvez inscrire votre enfant depuis "
                "votre espace famille."
            ),
        ),
        Citation(
            "payment",
            Source.seed(
                "Sur votre espace famille, dans la section « Mes Factures » vous verrez la liste "
                "de vos factures en attente de paiement. … vous pouvez adhérer au prélèvement "
                "automatique"
            ),
        ),
    ),
    # The registry is the one list of aliases; the policy carries them for its plain-data form.
    aliases=aliases()["paris"],
)
