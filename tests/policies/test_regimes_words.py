"""The words of attendance regimes and monthly fees, whole, in French and English."""

from __future__ import annotations

import pytest

from cantine_rules.plain import loads_toml
from tests.plain.test_plain_regimes import _BASE

_THROUGH_COMMUNE = _BASE.replace("through_commune = false", "through_commune = true").replace(
    '{ children = 2, amount = "57.00" }]',
    '{ children = 2, amount = "57.00" }, { children = 3, amount = "55.00" }]',
) + (
    "\n[[regimes.repas.monthly_fees]]\n"
    'type = "monthly_flat_fee"\n'
    'code = "trimestre"\n'
    'label = "Forfait du trimestre"\n'
    'amount = "150.00"\n'
    "term_months = [9, 10, 11, 12]\n"
    'source = { kind = "example", reference = "forfait trimestriel" }\n'
)
_ONE_DAY = _BASE.replace("max_days = 4\n", "max_days = 1\n").replace(
    ", notice_days = 15, through_commune = false", ""
)
_AMONG = _BASE.replace(
    "min_days = 1\nmax_days = 4\n", 'min_days = 2\nweekdays = ["monday", "tuesday", "thursday"]\n'
)


@pytest.mark.parametrize(
    ("text", "topic", "fr", "en"),
    [
        (
            _THROUGH_COMMUNE,
            "regime.repas.fixed_days",
            "« Repas », Forfait : de 1 à 4 jours fixes par semaine, chaque jour de service de ces "
            "jours réservé sans délai ; prix du jour : 3,20\u00a0€.",
            "« Repas », Forfait: from 1 to 4 fixed days a week, each service day on those "
            "weekdays booked with no deadline; price of a day: €3.20.",
        ),
        (
            _THROUGH_COMMUNE,
            "regime.repas.fixed_days.changes",
            "« Repas », Forfait : un changement des jours prend effet à la reprise après les "
            "prochaines vacances (demandé au moins 15 jours avant) ; la commune peut les changer "
            "à tout moment.",
            "« Repas », Forfait: a change of days takes effect when classes resume after the "
            "next holidays (asked at least 15 days before); the commune may change them at any "
            "time.",
        ),
        (
            _THROUGH_COMMUNE,
            "regime.repas.occasional",
            "« Repas », Occasionnel : réservation jour par jour, dans les délais du service ; "
            "prix du jour : 3,70\u00a0€.",
            "« Repas », Occasionnel: days booked one by one, within the service's deadlines; "
            "price of a day: €3.70.",
        ),
        (
            _THROUGH_COMMUNE,
            "fee.repas.carte",
            "« Repas », Carte mensuelle : 59,00\u00a0€ par mois par famille (57,00\u00a0€ à "
            "partir de 2 enfants, 55,00\u00a0€ à partir de 3 enfants), dû pour chaque mois qui "
            "compte au moins un jour réservé ; "
            "chaque jour d'absence réservé est remboursé 3,85\u00a0€, sans descendre sous zéro.",
            "« Repas », Carte mensuelle: €59.00 a month per family (€57.00 from 2 children, "
            "€55.00 from 3 children), due for each month with at least one booked day; each "
            "booked day of absence is "
            "refunded €3.85, never below zero.",
        ),
        (
            _THROUGH_COMMUNE,
            "fee.repas.trimestre",
            "« Repas », Forfait du trimestre : 150,00\u00a0€ pour le trimestre "
            "septembre–décembre par enfant, dû une fois si le trimestre compte au moins un jour "
            "réservé ; non remboursable.",
            "« Repas », Forfait du trimestre: €150.00 for the term September–December per "
            "child, due once if the term has at least one booked day; not refundable.",
        ),
        (
            _ONE_DAY,
            "regime.repas.fixed_days",
            "« Repas », Forfait : 1 jours fixes par semaine, chaque jour de service de ces jours "
            "réservé sans délai ; prix du jour : 3,20\u00a0€.",
            "« Repas », Forfait: 1 fixed days a week, each service day on those weekdays booked "
            "with no deadline; price of a day: €3.20.",
        ),
        (
            _ONE_DAY,
            "regime.repas.fixed_days.changes",
            "« Repas », Forfait : un changement des jours prend effet à la reprise après les "
            "prochaines vacances ; la commune peut les changer à tout moment.",
            "« Repas », Forfait: a change of days takes effect when classes resume after the "
            "next holidays; the commune may change them at any time.",
        ),
        (
            _AMONG,
            "regime.repas.fixed_days",
            "« Repas », Forfait : de 2 à 3 jours fixes par semaine parmi : lundi, mardi, jeudi, "
            "chaque jour de service de ces jours réservé sans délai ; prix du jour : 3,20\u00a0€.",
            "« Repas », Forfait: from 2 to 3 fixed days a week among: Monday, Tuesday, Thursday, "
            "each service day on those weekdays booked with no deadline; price of a day: €3.20.",
        ),
        (
            _AMONG,
            "regime.repas.fixed_days.changes",
            "« Repas », Forfait : un changement des jours prend effet à la reprise après les "
            "prochaines vacances (demandé au moins 15 jours avant).",
            "« Repas », Forfait: a change of days takes effect when classes resume after the "
            "next holidays (asked at least 15 days before).",
        ),
    ],
)
def test_each_regime_and_fee_is_explained_whole(text: str, topic: str, fr: str, en: str) -> None:
    policy = loads_toml(text)
    for lang, expected in (("fr", fr), ("en", en)):
        explained = {rule.topic: rule.text for rule in policy.explain(lang)}
        assert explained[topic] == expected
