"""Fay-aux-Loges, replayed at the boundaries of its own sentences.

https://mairie-fayauxloges.fr/tarifs-municipaux/21-services-a-la-population/105-tarifs-municipaux-restaurant-scolaire
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from cantine_rules import Money
from cantine_rules.model import QuotientFamilial, QuotientFamilialSource
from cantine_rules.plain import load_toml, to_data
from cantine_rules.pricing.tariffs import PricingContext, QuotientRecord

FILE = Path(__file__).resolve().parents[2] / "examples" / "communes" / "fay-aux-loges.toml"
FAY = load_toml(FILE)
_CAF = QuotientFamilialSource.CAF_ATTESTATION


def _letter(value: str, received_on: date) -> QuotientRecord:
    return QuotientRecord(QuotientFamilial(Decimal(value), _CAF, received_on), received_on)


def _price(records: list[QuotientRecord], day: date) -> Money:
    return FAY.pricer(quotient_records={"c1": records})("c1", "repas", day).unit_price


@pytest.mark.parametrize(
    ("quotient", "price"),
    [
        # The minimum holds up to QF 722,22 (0,36 % of it is 2,60 €).
        ("700", "2.60"),
        ("722", "2.60"),
        ("723", "2.60"),
        ("725", "2.61"),
        # 0,36 % of 1 247 is 4,4892 €, rounded once half-up: 4,49 €.
        ("1247", "4.49"),
        # The maximum holds from QF 1 250.
        ("1250", "4.50"),
        ("1260", "4.50"),
    ],
)
def test_the_price_is_0_36_percent_of_the_qf_between_2_60_and_4_50(
    quotient: str, price: str
) -> None:
    # « 0.36% du QF CAF (mini : 2.60 €, maxi : 4.50 €) »
    context = PricingContext(quotient)
    assert FAY.price("repas", date(2025, 9, 4), context=context).unit_price == Money.euros(price)


def test_a_meal_brought_under_a_pai_costs_1_75() -> None:
    # « Pour les enfants allergiques qui apportent leur repas dans le cadre d'un Protocole
    # d'Accueil Individualisé … (repas fourni par famille) : 1.75€ »
    context = PricingContext("500", medical_meal=True)
    assert FAY.price("repas", date(2025, 9, 4), context=context).unit_price == Money.euros("1.75")


def test_a_letter_received_on_the_last_day_of_a_month_counts_from_the_1st_of_the_next() -> None:
    # « La modification tarifaire interviendra sur le mois suivant la réception du courrier sans
    # rétroactivité. »
    before = _letter("1000", date(2025, 9, 1))
    letter = _letter("500", date(2026, 1, 31))
    assert _price([before, letter], date(2026, 1, 30)) == Money.euros("3.60")
    assert _price([before, letter], date(2026, 1, 31)) == Money.euros("3.60")
    assert _price([before, letter], date(2026, 2, 2)) == Money.euros("2.60")


def test_a_letter_received_on_the_1st_counts_only_from_the_1st_of_the_month_after() -> None:
    before = _letter("1000", date(2025, 9, 1))
    letter = _letter("500", date(2026, 2, 1))
    assert _price([before, letter], date(2026, 2, 27)) == Money.euros("3.60")
    assert _price([before, letter], date(2026, 3, 2)) == Money.euros("2.60")


def test_without_a_quotient_in_force_the_maximum_applies() -> None:
    # No letter counts yet (the first one received on 2 September counts from 1 October): the
    # effort rate's price without a QF, its maximum (a default, no price is given for it).
    first = _letter("500", date(2025, 9, 2))
    assert _price([first], date(2025, 9, 30)) == Money.euros("4.50")
    assert _price([first], date(2025, 10, 1)) == Money.euros("2.60")


def _attestation(value: str, issued_on: date, received_on: date) -> QuotientRecord:
    return QuotientRecord(QuotientFamilial(Decimal(value), _CAF, issued_on), received_on)


def test_the_reference_quotient_is_that_of_the_31_march() -> None:
    # « Le quotient familial CAF de référence est celui du 31/03 de l'année en cours »: for
    # 2025-2026, an attestation of 31 March 2025 counts, one of the 30th does not (the maximum
    # then applies).
    of_31 = _attestation("500", date(2025, 3, 31), date(2025, 6, 16))
    of_30 = _attestation("500", date(2025, 3, 30), date(2025, 6, 16))
    assert _price([of_31], date(2025, 9, 1)) == Money.euros("2.60")
    assert _price([of_30], date(2025, 9, 1)) == Money.euros("4.50")


def test_last_year_s_reference_quotient_ends_with_its_school_year() -> None:
    # The attestation of 31 March 2025 priced 2025-2026; on 31 August 2026 it still does, from
    # 1 September 2026 the reference is 31 March 2026.
    of_2025 = _attestation("500", date(2025, 3, 31), date(2025, 6, 16))
    assert _price([of_2025], date(2026, 8, 31)) == Money.euros("2.60")
    assert _price([of_2025], date(2026, 9, 1)) == Money.euros("4.50")


def test_the_quotient_rule_is_explained_with_its_source() -> None:
    rules = {rule.topic: rule for rule in FAY.explain("fr")}
    assert "1er du mois suivant" in rules["quotient.effect"].text
    assert "celui du 31 mars précédant la rentrée" in rules["quotient.reference"].text
    english = {rule.topic: rule for rule in FAY.explain("en")}
    assert "the one of March 31 before the school year starts" in english["quotient.reference"].text
    assert not rules["quotient.effect"].is_default
    assert rules["payment"].is_default


def test_the_file_is_its_own_dump() -> None:
    with FILE.open("rb") as file:
        assert to_data(FAY) == tomllib.load(file)
