"""Explanations come from one message table per language, and say the same rule in both."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import cantine_rules.policies as policies_package
from cantine_rules import BillingUnit, InvalidValueError, Money, ServiceKind
from cantine_rules.calendar import ServiceDays
from cantine_rules.policies import ExplainedRule, PaymentScheme, describe_tariff, get, names
from cantine_rules.policies._messages import MESSAGES, say
from cantine_rules.pricing.accounts import PaymentMode
from cantine_rules.pricing.tariffs import (
    EXAMPLE_EFFORT_RATE,
    EXAMPLE_MEDICAL_MEAL,
    EXAMPLE_NON_RESIDENT,
    EXAMPLE_SIBLING_REDUCTION,
    MedicalMealFactor,
    ModifiedTariff,
    Source,
    SourceKind,
    UnitPrice,
)

PACKAGE = Path(policies_package.__file__).parent


def test_every_language_has_the_same_keys() -> None:
    french = set(MESSAGES["fr"])
    for lang, table in MESSAGES.items():
        assert set(table) == french, lang


@pytest.mark.parametrize("lang", list(MESSAGES))
@pytest.mark.parametrize(
    ("prefix", "members"),
    [
        ("source.kind", SourceKind),
        ("service.kind", ServiceKind),
        ("service.unit", BillingUnit),
        ("service.days", ServiceDays),
        ("payment.scheme", PaymentScheme),
        ("payment.mode", PaymentMode),
    ],
)
def test_every_member_of_an_explained_enum_has_its_word(
    lang: str, prefix: str, members: type[object]
) -> None:
    for member in members:  # type: ignore[attr-defined]
        assert say(lang, f"{prefix}.{member.value}").strip(), (lang, member)


def test_placeholders_are_the_same_in_every_language() -> None:
    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", text))

    for key, french in MESSAGES["fr"].items():
        for lang, table in MESSAGES.items():
            assert fields(table[key]) == fields(french), (lang, key)


def test_no_module_of_policies_branches_on_the_language() -> None:
    for module in PACKAGE.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for branch in ('lang == "en"', "lang == 'en'", "if en", "else en", "en: bool"):
            assert branch not in text, (module.name, branch)


@pytest.mark.parametrize("slug", names())
def test_english_explanations_use_english_typography_and_words(slug: str) -> None:
    for rule in get(slug).explain("en"):
        # The quoted labels and the sources are the commune's own French words.
        text = re.sub(r"« [^»]* »", "«»", rule.text)
        assert " : " not in text, rule.text
        assert " ; " not in text, rule.text
        assert "_" not in text, rule.text
        assert not re.search(r"\d,\d\d\xa0€", text), rule.text


@pytest.mark.parametrize("slug", names())
def test_french_explanations_name_payment_modes_in_french(slug: str) -> None:
    (payment,) = [rule for rule in get(slug).explain("fr") if rule.topic == "payment"]
    named = payment.text.split("modes de paiement : ")[1].split(", ")
    assert len(named) == len(get(slug).payment_modes)
    assert not set(named) & {mode.value for mode in PaymentMode}, payment.text


def test_the_wording_fixed_in_both_languages() -> None:
    chantraine = {rule.topic: rule.text for rule in get("chantraine").explain("en")}
    assert chantraine["tariff.repas"] == (
        "Tariff « Restauration scolaire » (from 2017-09-01): €3.50 per unit"
    )
    assert chantraine["payment"] == (
        "Prepaid wallet, always in credit; payment modes: card, cheque, transfer"
    )
    assert chantraine["service.garderie-matin"].startswith("« Garderie du matin » (morning care):")
    french = {rule.topic: rule.text for rule in get("chantraine").explain("fr")}
    assert french["payment"] == (
        "Porte-monnaie prépayé, toujours créditeur ; modes de paiement : carte bancaire, chèque, "
        "virement"
    )
    paris = {rule.topic: rule.text for rule in get("paris").explain("en")}
    assert paris["dossier.custody_judgment"] == "Document: Jugement de divorce"
    (grid, _) = [rule.text for rule in get("paris").explain("fr") if rule.topic == "tariff.repas"]
    assert "tarif 1 dès QF 0 : 0,13\xa0€ ; tarif 2 dès QF 235 : 0,85\xa0€ ; " in grid
    lutins = {rule.topic: rule.text for rule in get("lutins-gourmands").explain("en")}
    assert lutins["payment"].endswith("payment modes: PayFiP, canteen tickets")


def test_unchanged_sentences_stay_word_for_word() -> None:
    # Seed 003: « avant le Jeudi 17h pour la semaine suivante », explained in both languages.
    fr = {rule.topic: rule.text for rule in get("saint-just-d-avray").explain("fr")}
    en = {rule.topic: rule.text for rule in get("saint-just-d-avray").explain("en")}
    assert fr["rules.repas"] == (
        "« Repas » : délai d'ajout : jeudi 17:00 de la semaine précédente ; délai d'annulation : "
        "jeudi 17:00 de la semaine précédente. Hors délai, un ajout est en ligne refusé, au "
        "guichet refusé ; une annulation est en ligne refusé, au guichet refusé."
    )
    assert en["requirements"] == (
        "To book: family account validated by the commune, child added to the family and "
        "registered for the service; requests are validated at once."
    )
    assert fr["calendar"] == "Vacances scolaires de la zone A ; jours fériés nationaux."
    assert fr["calendar.week"] == "Semaine scolaire : 4 jours, pas de classe le mercredi."


def test_a_rule_is_rendered_with_its_source_in_each_language() -> None:
    seed = ExplainedRule("payment", "Paid", Source.seed("Cliquez sur Payer"))
    default = ExplainedRule("rules.repas", "48 h", Source.default("assumed"))
    assert seed.render() == "Paid [guide de la commune : « Cliquez sur Payer »]"
    assert seed.render("en") == "Paid [commune's guide: « Cliquez sur Payer »]"
    assert default.render() == "48 h [valeur par défaut : assumed]"
    assert default.render("en") == "48 h [default: assumed]"
    assert ExplainedRule("calendar", "Zone A", None).render("en") == "Zone A [no source]"


def test_tariffs_are_described_with_babel_amounts_and_decimals() -> None:
    meal = UnitPrice(Money.euros("3.50"), Source.example("3,50 €"))
    assert describe_tariff(meal) == "3,50\xa0€ à l'unité"
    assert describe_tariff(meal, "en") == "€3.50 per unit"
    assert describe_tariff(EXAMPLE_EFFORT_RATE) == (
        "taux d'effort 0,36 % du QF, entre 2,60\xa0€ et 4,50\xa0€"
    )
    assert describe_tariff(EXAMPLE_EFFORT_RATE, "en") == (
        "taux d'effort 0.36% of the QF, between €2.60 and €4.50"
    )


def test_modifiers_are_described_in_the_language_of_the_explanation() -> None:
    modified = ModifiedTariff(
        UnitPrice(Money.euros("3.60"), Source.example("3,60 €")),
        (
            EXAMPLE_SIBLING_REDUCTION,
            EXAMPLE_NON_RESIDENT,
            MedicalMealFactor("0.5", Source.example("PAI")),
            EXAMPLE_MEDICAL_MEAL,
        ),
    )
    assert describe_tariff(modified) == (
        "3,60\xa0€ à l'unité (réduction fratrie : rang 3 et suivants × 0,5, supplément "
        "non-résidents + 20 %, repas fourni dans le cadre d'un PAI × 0,5, repas fourni dans le "
        "cadre d'un PAI : 1,75\xa0€)"
    )
    assert describe_tariff(modified, "en") == (
        "€3.60 per unit (sibling reduction rank 3+ × 0.5, non-resident supplement + 20 %, "
        "medical meal (PAI) × 0.5, medical meal (PAI) €1.75)"
    )


@pytest.mark.parametrize("lang", ["de", "EN", "fr_FR", None])
def test_an_unknown_language_is_refused_naming_lang(lang: object) -> None:
    calls: list[Callable[[], object]] = [
        lambda: get("paris").explain(lang),  # type: ignore[arg-type]
        lambda: ExplainedRule("calendar", "Zone C", None).render(lang),  # type: ignore[arg-type]
        lambda: describe_tariff(EXAMPLE_EFFORT_RATE, lang),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(InvalidValueError) as caught:
            call()
        assert caught.value.field == "lang"
        assert "must be 'fr' or 'en'" in str(caught.value)


@pytest.mark.parametrize("slug", ["chantraine", "saint-just-d-avray"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_four_day_week_no_source_gives_is_a_default(slug: str, lang: str) -> None:
    # Neither guide says which days have class: their four-day week is the library's default,
    # and the public source of the zone does not vouch for it.
    rules = {rule.topic: rule for rule in get(slug).explain(lang)}
    week = rules["calendar.week"]
    assert week.is_default
    assert ("pas de classe le mercredi" if lang == "fr" else "no class on Wednesday") in week.text
    assert week.render(lang).rsplit("[", 1)[1].startswith(say(lang, "source.kind.default"))
    assert not rules["calendar"].is_default
    assert "mercredi" not in rules["calendar"].text.lower()
    assert "wednesday" not in rules["calendar"].text.lower()
