"""The scenarios of what happened on the day, billed as their règlements say.

Each scenario of `examples/scenarios/` bills an example commune of `examples/communes/`; each
test quotes the sentence of the commune's règlement it replays, and the page it comes from.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cantine_rules.billing import BillResult, bill
from cantine_rules.money import Money
from cantine_rules.plain import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def billed(name: str) -> BillResult:
    return bill(load_scenario(ROOT / "examples" / "scenarios" / f"{name}.toml"))


def lines_of(result: BillResult) -> list[tuple[date, str, str, str, str | None]]:
    return [
        (line.day, line.child_id, line.service_code, str(line.amount.amount), line.reason)
        for line in result.invoice.lines
    ]


def test_la_magistere_charges_the_day_of_the_notice_and_the_next_two() -> None:
    # https://lamagistere.fr/la-cantine-paiement-en-ligne-48p/ : « Les repas du jour, du
    # lendemain et du surlendemain de l'absence seront dus. Les suivants seront annulés.
    # Exemple: un enfant est absent une semaine et la mairie est avertie le lundi. Les repas du
    # lundi, mardi et mercredi sont dus, et ceux du jeudi et vendredi annulés. »
    result = billed("la-magistere-carence")
    absent = [line for line in lines_of(result) if line[0] >= date(2018, 11, 12)]
    assert absent == [
        (date(2018, 11, 12), "jules", "repas", "2.60", "carence"),
        (date(2018, 11, 13), "jules", "repas", "2.60", "carence"),
        # Thursday is told 72 hours ahead (« annulés 3 jours avant »), Friday too.
        (date(2018, 11, 15), "jules", "repas", "0.00", "absence signalée à temps"),
        (date(2018, 11, 16), "jules", "repas", "0.00", "absence signalée à temps"),
    ]
    # The first week, all present: 4 × 2,60 €; the second: the two waiting days.
    assert result.invoice.total == Money.euros("15.60")


def test_saint_colomban_charges_an_absence_told_at_nine_or_not_told() -> None:
    # https://st-colomban.fr/…/437-restaurant-scolaire-municipal-tarifs : « absence non
    # signalée (avant 9h le jour même) | 3,75 € »
    result = billed("saint-colomban-absences")
    by_day = {line[0]: line for line in lines_of(result)}
    assert by_day[date(2020, 1, 14)][3:] == ("0.00", "absence signalée à temps")  # 08:59:59
    assert by_day[date(2020, 1, 16)][3:] == ("3.75", "absence signalée hors délai")  # 09:00:00
    assert by_day[date(2020, 1, 17)][3:] == ("3.75", "absence non signalée")
    # 8 booked meals at 3,75 €, the one told in time free.
    assert result.invoice.total == Money.euros("26.25")


def test_vailhauques_bills_a_meal_without_booking_ten_euros() -> None:
    # http://www.ville-vailhauques.fr/cantine-inscriptions/ : « Dans le cas où un enfant est
    # présent à la cantine alors que son repas n'a pas été réservé, ce repas vous sera facturé
    # 10€. »
    result = billed("vailhauques-sans-reservation")
    assert lines_of(result) == [
        (date(2024, 10, 7), "nina", "repas", "2.99", None),
        (date(2024, 10, 8), "nina", "repas", "2.99", None),
        (date(2024, 10, 10), "nina", "repas", "10.00", "repas pris sans réservation"),
        # « absence signalée avant 9h le jour même »: told at 08:59:59.
        (date(2024, 10, 14), "nina", "repas", "0.00", "absence signalée à temps"),
        (date(2024, 10, 15), "nina", "repas", "2.99", None),
        (date(2024, 10, 17), "nina", "repas", "10.00", "repas pris sans réservation"),
    ]
    assert result.invoice.unbooked_presences == ()


def test_coetmieux_charges_the_parents_once_from_18_50() -> None:
    # https://coetmieux.fr/fr/rb/374948/espace-periscolaire : « A partir de 18h50, une
    # tarification supplémentaire de 10€ pourra être facturée aux parents »
    result = billed("coetmieux-retard")
    assert lines_of(result) == [
        # 18:49:59 on the 18th is free; on the 19th both sisters at 18:50:00, one fee.
        (date(2024, 11, 19), "zoe", "garderie-soir", "10.00", "retard à la sortie"),
        (date(2024, 11, 21), "zoe", "garderie-soir", "10.00", "retard à la sortie"),
    ]
    assert result.invoice.total == Money.euros("20.00")


def test_saussay_bills_the_monthly_card_less_the_meals_missed() -> None:
    # https://www.saussay.fr/cantine-saussay_fr.html : « CARTE MENSUELLE … Famille avec 2
    # enfants : 57.00€ » ; « REMBOURSEMENT DE REPAS : 3.85€ »
    result = billed("saussay-carte-mensuelle")
    assert lines_of(result) == [
        (
            date(2025, 9, 1),
            "alice",
            "repas",
            "49.30",
            "forfait mensuel, 2 absence(s) remboursée(s)",
        ),
        (date(2025, 10, 1), "alice", "repas", "57.00", "forfait mensuel"),
        (date(2025, 9, 1), "rose", "repas", "57.00", "forfait mensuel"),
        (date(2025, 10, 1), "rose", "repas", "57.00", "forfait mensuel"),
    ]
    # 57,00 − 2 × 3,85 = 49,30 €
    assert result.invoice.total == Money.euros("220.30")


def test_plivot_prices_the_regular_and_the_occasional_days_and_the_monthly_garderie() -> None:
    # https://www.plivot.fr/…/horaires-et-tarifs.html : « Régulier 5.70 € », « Occasionnel
    # 6.50 € », « GARDERIE : du matin : Forfait mensuel de 12.00 € »
    result = billed("plivot-jours-fixes")
    ambre = [line for line in result.invoice.lines if line.child_id == "ambre"]
    meals = [line for line in ambre if line.service_code == "cantine"]
    # Every Monday, Tuesday, Thursday and Friday of September 2024 from the 2nd: 17 days.
    assert len(meals) == 17
    assert {(line.tariff_name, line.amount) for line in meals} == {
        ("Régulier", Money.euros("5.70"))
    }
    assert {line.day.weekday() for line in meals} == {0, 1, 3, 4}
    morning = [line for line in ambre if line.service_code == "matin"]
    assert [(line.day, line.amount, line.reason) for line in morning] == [
        (date(2024, 9, 2), Money.euros("12.00"), "forfait mensuel")
    ]
    hugo = [
        (line.day, line.tariff_name, line.amount)
        for line in result.invoice.lines
        if line.child_id == "hugo"
    ]
    assert hugo == [(date(2024, 9, day), "Occasionnel", Money.euros("6.50")) for day in (5, 12, 19)]
    assert result.invoice.total == Money.euros("128.40")  # 17 × 5,70 + 12,00 + 3 × 6,50


def test_plivot_never_charges_a_day_the_commune_declared_non_billable() -> None:
    # A school outing declared by the commune (« En cas de sortie scolaire, aucune démarche
    # d'annulation n'est à effectuer », Vigneux-de-Bretagne, as the shape is written): the
    # regular meal that day is not charged though the family cancelled nothing.
    # https://www.plivot.fr/…/horaires-et-tarifs.html : « Régulier 5.70 € »
    result = billed("plivot-sortie-scolaire")
    assert [line[3:] for line in lines_of(result)] == [
        ("5.70", None),
        ("5.70", None),
        ("0.00", "jour non facturable : Sortie scolaire"),
        ("5.70", None),
    ]
    assert result.invoice.total == Money.euros("17.10")


def test_saint_caprais_adds_two_euros_to_a_meal_taken_without_booking() -> None:
    # https://saintcapraisdebordeaux.fr/page/la-restauration-scolaire : « Majoration de 2€ par
    # repas pris sans inscription » ; « 2,85€ par enfant résident dans la commune »
    result = billed("saint-caprais-de-bordeaux-sans-inscription")
    assert lines_of(result) == [
        (date(2024, 11, 18), "tom", "repas", "2.85", None),
        (date(2024, 11, 19), "tom", "repas", "2.85", None),
        (date(2024, 11, 21), "tom", "repas", "4.85", "repas pris sans réservation"),
    ]
