"""The sentences of rules no reference or example commune has, word for word in both languages.

The recorded explanations (``test_explanations_recorded``) cover the communes' own rules; the
policy here adds what none of them says: an Alsace-Moselle calendar with Saturday classes,
hourly and half-day services, no booking condition, a top-up per family, a refunded credit, a
direct-debit fee and the quotient rules without an attestation age or without a deadline.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import attrs
import pytest

from cantine_rules import BillingUnit, Money
from cantine_rules.calendar import Closure, SchoolCalendar, SchoolWeek, ServiceDays, Zone
from cantine_rules.policies import CommunePolicy, ExplainedRule, Requirements, describe_tariff, get
from cantine_rules.policies.commune import describe_bounds
from cantine_rules.pricing._direct_debit import DirectDebitTerms
from cantine_rules.pricing.accounts import MinimumTopUp, Refund
from cantine_rules.pricing.tariffs import (
    Bracket,
    MedicalMealFactor,
    ModifiedTariff,
    NonResidentSupplement,
    Price,
    PricingContext,
    QuotientPolicy,
    SiblingReduction,
    SiteSupplement,
    UnitPrice,
)
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CountedPer,
    LatePickup,
    PickupBand,
    RepeatedCharge,
    RepeatedFee,
    RepetitionPeriod,
    UnbookedPresence,
    UnbookedPresenceRules,
)
from cantine_rules.rules.late import BasePlus, FlatPrice
from cantine_rules.sources import Source
from tests._helpers import refusal

_SRC = Source.example("règlement d'une autre commune")


def rare() -> CommunePolicy:
    """The ALSH guide's services (seed 002) with every rule the reference communes lack."""
    alsh = get("alsh-postfacturation")
    meal, study, morning, evening, wednesday, holidays = alsh.services
    booking = attrs.evolve(
        alsh.booking,
        calendar=SchoolCalendar(
            Zone.B, department="67", school_week=SchoolWeek(frozenset({0, 1, 3, 4, 5}))
        ),
        services=(
            meal,
            attrs.evolve(study, billing_unit=BillingUnit.HOUR),
            morning,
            evening,
            attrs.evolve(wednesday, billing_unit=BillingUnit.HALF_DAY),
            holidays,
        ),
        requirements=Requirements(account_validated=False, child_registered=False),
        auto_validate=True,
    )
    return attrs.evolve(
        alsh,
        booking=booking,
        minimum_top_up=MinimumTopUp(Money.euros(15), _SRC, per_child=False),
        credit_treatment=Refund("0.5", _SRC),
        direct_debit=DirectDebitTerms(7, _SRC, Money.euros("4.50")),
        quotient_policy=QuotientPolicy(None, date(2024, 9, 30), _SRC, zero_means_unknown=True),
    )


FRENCH = {
    "calendar": "Vacances scolaires de la zone B ; jours fériés nationaux et d'Alsace-Moselle.",
    "calendar.week": "Semaine scolaire : classe le lundi, mardi, jeudi, vendredi, samedi.",
    "service.etude": "« Étude dirigée » (étude) : 16:30–17:30, à l'heure, jours d'école.",
    "service.mercredi": (
        "« ALSH mercredi » (centre de loisirs du mercredi) : 08:00–18:00, à la demi-journée, "
        "mercredis sans école."
    ),
    "requirements": "Pour réserver : aucune condition ; les demandes sont validées aussitôt.",
    "top_up": "Porte-monnaie : rechargement minimum de 15,00\xa0€ par famille.",
    "credit": "Un avoir est remboursé à 50 % de son montant.",
    "direct_debit": (
        "Prélèvement automatique : la famille est prévenue du montant au moins 7 jours "
        "calendaires avant le prélèvement. Un prélèvement rejeté est facturé 4,50\xa0€ de frais."
    ),
    "quotient": (
        "Quotient familial : après le 2024-09-30, le tarif par défaut s'applique jusqu'à la "
        "régularisation du dossier, sans effet rétroactif."
    ),
    "quotient.zero": (
        "Un quotient familial de 0 (non calculable par la CAF) vaut quotient inconnu : le tarif "
        "par défaut s'applique, jamais la tranche la plus basse."
    ),
}
ENGLISH = {
    "calendar": "School holidays of zone B; national public holidays and Alsace-Moselle's.",
    "calendar.week": "School week: school on Monday, Tuesday, Thursday, Friday, Saturday.",
    "service.etude": "« Étude dirigée » (study): 16:30–17:30, per hour, school days.",
    "service.mercredi": (
        "« ALSH mercredi » (Wednesday centre): 08:00–18:00, per half-day, Wednesdays without "
        "school."
    ),
    "requirements": "To book: nothing; requests are validated at once.",
    "top_up": "Wallet: a top-up is at least €15.00 per family.",
    "credit": "A credit is refunded at 50 % of its amount.",
    "direct_debit": (
        "Direct debit: the family is told the amount at least 7 calendar days before the debit. "
        "A returned debit costs a fee of €4.50."
    ),
    "quotient": (
        "Quotient familial: after 2024-09-30 the default tariff applies until the dossier is "
        "regularised, with no retroactive reduction."
    ),
    "quotient.zero": (
        "A quotient familial of 0 (the CAF could not compute it) counts as unknown: the default "
        "tariff applies, never the lowest bracket."
    ),
}


@pytest.mark.parametrize(("lang", "expected"), [("fr", FRENCH), ("en", ENGLISH)])
def test_rules_no_reference_commune_has(lang: str, expected: dict[str, str]) -> None:
    explained = {rule.topic: rule for rule in rare().explain(lang)}
    assert {topic: explained[topic].text for topic in expected} == expected
    # Each of these rules cites the policy's own source, not a default.
    for topic in ("top_up", "credit", "direct_debit", "quotient", "quotient.zero"):
        assert explained[topic].source == _SRC, topic


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            "Quotient familial : attestation de moins de 3 mois ; un quotient reçu ne compte "
            "qu'à partir de sa prise d'effet, sans effet rétroactif ; sans quotient en vigueur, "
            "le tarif par défaut s'applique.",
        ),
        (
            "en",
            "Quotient familial: attestation under 3 months; a quotient received counts only once "
            "it takes effect, with no retroactive reduction; without a quotient in force the "
            "default tariff applies.",
        ),
    ],
)
def test_an_attestation_age_without_a_registration_deadline(lang: str, expected: str) -> None:
    policy = attrs.evolve(rare(), quotient_policy=QuotientPolicy(3, None, _SRC))
    explained = {rule.topic: rule.text for rule in policy.explain(lang)}
    assert explained["quotient"] == expected
    # A QF of 0 is an ordinary QF here: no rule says otherwise.
    assert "quotient.zero" not in explained


def test_a_rule_from_another_communes_example_says_so() -> None:
    rule = ExplainedRule("credit", "Refunded", _SRC)
    assert (
        rule.render()
        == "Refunded [exemple d'une autre commune : « règlement d'une autre commune »]"
    )
    assert rule.render("en") == (
        "Refunded [example from another commune: « règlement d'une autre commune »]"
    )
    assert not rule.is_default


def test_every_modifier_with_its_figures_in_both_languages() -> None:
    modified = ModifiedTariff(
        UnitPrice(Money.euros(4), _SRC),
        (
            SiblingReduction({2: "0.9", 3: "0.5"}, _SRC, floor=Money.euros(1)),
            SiteSupplement({"bourg": Money.euros("0.40"), "centre": Money.euros("0.20")}, _SRC),
            NonResidentSupplement("0.2", _SRC),
            MedicalMealFactor("0.5", _SRC),
        ),
    )
    assert describe_tariff(modified) == (
        "4,00\xa0€ à l'unité (réduction fratrie : rang 2 et suivants × 0,9, rang 3 et suivants × "
        "0,5, sans descendre sous 1,00\xa0€, supplément par site : bourg + 0,40\xa0€, centre + "
        "0,20\xa0€, supplément non-résidents + 20 %, repas fourni dans le cadre d'un PAI × 0,5)"
    )
    assert describe_tariff(modified, "en") == (
        "€4.00 per unit (sibling reduction rank 2+ × 0.9, rank 3+ × 0.5, never below €1.00, "
        "supplement by site: bourg + €0.40, centre + €0.20, non-resident supplement + 20 %, "
        "medical meal (PAI) × 0.5)"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "QF supérieur à 700 et inférieur à 1000"), ("en", "QF above 700 and below 1000")],
)
def test_a_bracket_open_at_both_ends(lang: str, expected: str) -> None:
    # « supérieur à 700 € et inférieur à 1000 € »: neither bound is in the bracket.
    bracket = Bracket(
        "B", 700, Money.euros(2), _SRC, lower_inclusive=False, upper=1000, upper_inclusive=False
    )
    assert describe_bounds(bracket, lang) == expected


@attrs.frozen
class Forfait:
    """A commune's own tariff: the library has no words for it."""

    amount: Money

    def price(self, context: PricingContext) -> Price:
        return Price(self.amount, None, _SRC)


@attrs.frozen
class FreeForStaffChildren:
    """A commune's own modifier: it speaks one language, its label."""

    label: str = "gratuit pour les enfants du personnel"
    source: Source = _SRC

    def adjust(self, amount: Decimal, context: PricingContext) -> Decimal | None:
        return None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_communes_own_tariff_and_modifier_are_named_as_written(lang: str) -> None:
    assert describe_tariff(Forfait(Money.euros(30)), lang) == "Forfait"
    modified = ModifiedTariff(Forfait(Money.euros(30)), (FreeForStaffChildren(),))
    assert describe_tariff(modified, lang) == "Forfait (gratuit pour les enfants du personnel)"


def test_a_communes_own_tariff_is_still_refused_a_language_nobody_speaks() -> None:
    assert refusal(lambda: describe_tariff(Forfait(Money.euros(30)), "de"))[:3] == (
        "InvalidValueError",
        "lang",
        "de",
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            "« Périscolaire soir » : retard à la sortie après 18:30 : de 18:30 à 18:45:30 : "
            "5,00\xa0€ ; à partir de 18:45:30 : 15,00\xa0€, 20,00\xa0€ dès la 3e fois dans le "
            "mois ; par famille ; une heure limite compte dans la tranche qu'elle ouvre.",
        ),
        (
            "en",
            "« Périscolaire soir »: late pick-up after 18:30: from 18:30 to 18:45:30: €5.00; from "
            "18:45:30: €15.00, €20.00 from occurrence 3 in the month; per family; a boundary time "
            "belongs to the band it starts.",
        ),
    ],
)
def test_a_pick_up_band_that_ends_on_a_second_says_the_second(lang: str, expected: str) -> None:
    half_past = time(18, 45, 30)
    pickup = LatePickup(
        (
            PickupBand(time(18, 30), half_past, Money.euros(5)),
            PickupBand(half_past, None, Money.euros(15), (RepeatedFee(3, Money.euros(20)),)),
        ),
        BoundarySide.LATER,
        CountedPer.FAMILY,
        RepetitionPeriod.MONTH,
    )
    policy = attrs.evolve(get("alsh-postfacturation"), late_pickup={"soir": pickup})
    explained = {rule.topic: rule for rule in policy.explain(lang)}
    assert explained["late_pickup.soir"].text == expected
    assert explained["late_pickup.soir"].source is None


@pytest.mark.parametrize(
    ("department", "alsace_moselle"), [("57", True), ("67", True), ("68", True), ("75", False)]
)
def test_the_three_departments_of_alsace_moselle_have_their_own_holidays(
    department: str, alsace_moselle: bool
) -> None:
    policy = get("alsh-postfacturation")
    booking = attrs.evolve(policy.booking, calendar=SchoolCalendar(Zone.B, department=department))
    explained = {
        rule.topic: rule.text for rule in attrs.evolve(policy, booking=booking).explain("en")
    }
    holidays = (
        "national public holidays and Alsace-Moselle's"
        if alsace_moselle
        else "national public holidays"
    )
    assert explained["calendar"] == f"School holidays of zone B; {holidays}."


@pytest.mark.parametrize(
    ("lang", "calendar", "service"),
    [
        (
            "fr",
            "Vacances scolaires de la zone C ; jours fériés nationaux ; fermetures : 2025-05-30 "
            "(Pont de l'Ascension), 2025-06-02 (Grève).",
            "« ALSH mercredi » (centre de loisirs du mercredi) : 08:00–18:00, à la journée, jours "
            "de vacances scolaires, mercredis sans école.",
        ),
        (
            "en",
            "School holidays of zone C; national public holidays; closures: 2025-05-30 (Pont de "
            "l'Ascension), 2025-06-02 (Grève).",
            "« ALSH mercredi » (Wednesday centre): 08:00–18:00, per day, Wednesdays without "
            "school, school-holiday weekdays.",
        ),
    ],
)
def test_several_closures_and_a_service_on_several_kinds_of_day(
    lang: str, calendar: str, service: str
) -> None:
    policy = get("alsh-postfacturation")
    closures = (
        Closure(date(2025, 5, 30), "Pont de l'Ascension"),
        Closure(date(2025, 6, 2), "Grève"),
    )
    booking = attrs.evolve(
        policy.booking,
        calendar=SchoolCalendar(Zone.C, closures=closures),
        service_days={"mercredi": frozenset({ServiceDays.WEDNESDAYS, ServiceDays.SCHOOL_HOLIDAYS})},
    )
    explained = {
        rule.topic: rule.text for rule in attrs.evolve(policy, booking=booking).explain(lang)
    }
    assert (explained["calendar"], explained["service.mercredi"]) == (calendar, service)


@pytest.mark.parametrize(
    ("lang", "presence", "pickup"),
    [
        (
            "fr",
            "« Périscolaire soir » pris sans réservation : tarif majoré de 5,00\xa0€ ; dès la 2e "
            "fois dans l'année scolaire : tarif majoré de 8,00\xa0€ ; dès la 4e fois dans l'année "
            "scolaire : tarif normal + 10,00\xa0€ (fois comptées par enfant).",
            "« Périscolaire soir » : retard à la sortie après 18:30 : au-delà de 18:30 : "
            "5,00\xa0€, 10,00\xa0€ dès la 2e fois dans le mois, 20,00\xa0€ dès la 3e fois dans le "
            "mois ; par enfant ; une heure limite compte dans la tranche qu'elle termine.",
        ),
        (
            "en",
            "« Périscolaire soir » taken without booking: surcharged price €5.00; from occurrence "
            "2 in the school year: surcharged price €8.00; from occurrence 4 in the school year: "
            "normal price + €10.00 (occurrences counted per child).",
            "« Périscolaire soir »: late pick-up after 18:30: after 18:30: €5.00, €10.00 from "
            "occurrence 2 in the month, €20.00 from occurrence 3 in the month; per child; a "
            "boundary time belongs to the band it ends.",
        ),
    ],
)
def test_charges_that_rise_twice_for_one_service_only(
    lang: str, presence: str, pickup: str
) -> None:
    # Only the evening périscolaire, the fourth of the ALSH's services, has these rules.
    unbooked = UnbookedPresenceRules(
        None,
        {
            "soir": UnbookedPresence(
                FlatPrice(Money.euros(5)),
                (
                    RepeatedCharge(2, FlatPrice(Money.euros(8))),
                    RepeatedCharge(4, BasePlus(Money.euros(10))),
                ),
                RepetitionPeriod.SCHOOL_YEAR,
                CountedPer.CHILD,
            )
        },
    )
    late = LatePickup(
        (
            PickupBand(
                time(18, 30),
                None,
                Money.euros(5),
                (RepeatedFee(2, Money.euros(10)), RepeatedFee(3, Money.euros(20))),
            ),
        ),
        BoundarySide.EARLIER,
        CountedPer.CHILD,
        RepetitionPeriod.MONTH,
    )
    policy = attrs.evolve(
        get("alsh-postfacturation"), unbooked_presence=unbooked, late_pickup={"soir": late}
    )
    explained = {rule.topic: rule.text for rule in policy.explain(lang)}
    assert [topic for topic in explained if topic.startswith(("unbooked", "late_pickup"))] == [
        "unbooked_presence.soir",
        "late_pickup.soir",
    ]
    assert (explained["unbooked_presence.soir"], explained["late_pickup.soir"]) == (
        presence,
        pickup,
    )
