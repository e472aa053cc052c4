"""Explanations for families, word for word, in French and English."""

from __future__ import annotations

import string
from datetime import date, datetime
from decimal import Decimal

import attrs
import pytest

from cantine_rules import ChangeAction, Money
from cantine_rules.policies import (
    BasePlus,
    BaseTimes,
    Decision,
    DecisionStatus,
    Reason,
    WorkingDaysBefore,
)
from cantine_rules.pricing.tariffs import Bracket, BracketGrid, MissingFigure, PricingContext
from cantine_rules.rules.decisions import format_day
from cantine_rules.rules.late import FlatPrice
from cantine_rules.sources import Source
from tests._helpers import paris, refusal
from tests.rules._fixtures import (
    ADD,
    CANCEL,
    EVENING,
    LATE_AT,
    OFFICE,
    SEED_002,
    THURSDAY,
    change,
    office_rules,
)


def test_explanation_names_deadline_and_amount_in_french_and_english() -> None:
    decision = SEED_002.decide(
        change(CANCEL, "soir", THURSDAY, paris(2024, 9, 18, 9, 0), OFFICE),
        price=Money.euros("2.10"),
    )
    assert decision.explain() == (
        "Annulation hors délai : le délai (2 jours ouvrés avant le service) pour « Accueil du "
        "soir » du jeudi 19 septembre 2024 a expiré le mardi 17 septembre 2024 à 16:30 ; le "
        "service reste facturé 2,10\u00a0€."
    )
    assert decision.explain("en") == (
        "Late cancellation: the deadline (2 working days before the service) for “Accueil du "
        "soir” on Thursday 19 September 2024 passed on Tuesday 17 September 2024 at 16:30; the "
        "service is still charged €2.10."
    )
    with pytest.raises(ValueError, match="lang"):
        decision.explain("de")


def test_on_time_explanation_names_the_deadline() -> None:
    decision = SEED_002.decide(change(ADD, "soir", THURSDAY, paris(2024, 9, 16, 9, 0)))
    assert "mardi 17 septembre 2024 à 16:30" in decision.explain()
    assert "Tuesday 17 September 2024 at 16:30" in decision.explain("en")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_reason_has_an_explanation_in_both_languages(lang: str) -> None:
    from cantine_rules.rules._messages import MESSAGES

    assert {f"reason.{reason.value}" for reason in Reason} <= set(MESSAGES[lang])


_SOIR_DAY = "jeudi 19 septembre 2024"
_WHAT_FR = f"« Accueil du soir » du {_SOIR_DAY}"
_WHAT_EN = "“Accueil du soir” on Thursday 19 September 2024"
_EXPIRED_FR = (
    f"le délai (2 jours ouvrés avant le service) pour {_WHAT_FR} a expiré le "
    "mardi 17 septembre 2024 à 16:30"
)
_EXPIRED_EN = (
    f"the deadline (2 working days before the service) for {_WHAT_EN} passed on "
    "Tuesday 17 September 2024 at 16:30"
)
_BEFORE_FR = (
    f"la demande pour {_WHAT_FR} est faite avant la date limite du mardi 17 septembre 2024 à 16:30."
)
_BEFORE_EN = (
    f"the request for {_WHAT_EN} was made before the deadline of "
    "Tuesday 17 September 2024 at 16:30."
)
# (reason, the French sentence of an add, of a cancellation, the English sentence of an add)
_SENTENCES = [
    (
        Reason.ON_TIME,
        f"Ajout accepté : {_BEFORE_FR}",
        f"Annulation acceptée : {_BEFORE_FR}",
        f"Addition accepted: {_BEFORE_EN}",
    ),
    (
        Reason.LATE_SURCHARGE,
        f"Ajout hors délai : {_EXPIRED_FR} ; il est facturé 10,00\xa0€.",
        f"Annulation hors délai : {_EXPIRED_FR} ; il est facturé 10,00\xa0€.",
        f"Late addition: {_EXPIRED_EN}; it is charged €10.00.",
    ),
    (
        Reason.LATE_STILL_CHARGED,
        f"Ajout hors délai : {_EXPIRED_FR} ; le service reste facturé 10,00\xa0€.",
        f"Annulation hors délai : {_EXPIRED_FR} ; le service reste facturé 10,00\xa0€.",
        f"Late addition: {_EXPIRED_EN}; the service is still charged €10.00.",
    ),
    (
        Reason.LATE_CHARGE_WAIVED,
        f"Ajout hors délai : {_EXPIRED_FR} ; avec le certificat médical, le service n'est pas "
        "facturé (10,00\xa0€).",
        f"Annulation hors délai : {_EXPIRED_FR} ; avec le certificat médical, le service n'est "
        "pas facturé (10,00\xa0€).",
        f"Late addition: {_EXPIRED_EN}; with the medical certificate the service is not charged "
        "(€10.00).",
    ),
    (
        Reason.LATE_ACCEPTED,
        f"Ajout hors délai : {_EXPIRED_FR} ; la demande est acceptée sans frais.",
        f"Annulation hors délai : {_EXPIRED_FR} ; la demande est acceptée sans frais.",
        f"Late addition: {_EXPIRED_EN}; the request is accepted free of charge.",
    ),
    (
        Reason.TOO_LATE,
        f"Ajout refusé : {_EXPIRED_FR}.",
        f"Annulation refusée : {_EXPIRED_FR}.",
        f"Addition refused: {_EXPIRED_EN}.",
    ),
    (
        Reason.TOO_LATE_CONTACT,
        f"Ajout refusé : {_EXPIRED_FR} ; la modification n'est plus possible en ligne, "
        "contactez l'ALSH.",
        f"Annulation refusée : {_EXPIRED_FR} ; la modification n'est plus possible en ligne, "
        "contactez l'ALSH.",
        f"Addition refused: {_EXPIRED_EN}; it can no longer be changed online, please contact "
        "l'ALSH.",
    ),
    (
        Reason.NOT_OPEN_YET,
        f"Ajout refusé : les demandes pour {_WHAT_FR} ne sont ouvertes qu'à partir du "
        "dimanche 1 septembre 2024 à 00:00.",
        f"Annulation refusée : les demandes pour {_WHAT_FR} ne sont ouvertes qu'à partir du "
        "dimanche 1 septembre 2024 à 00:00.",
        f"Addition refused: requests for {_WHAT_EN} open only on Sunday 1 September 2024 at 00:00.",
    ),
    (
        Reason.NOT_A_SERVICE_DAY,
        f"Ajout refusé : « Accueil du soir » n'a pas lieu le {_SOIR_DAY} (Grève).",
        f"Annulation refusée : « Accueil du soir » n'a pas lieu le {_SOIR_DAY} (Grève).",
        "Addition refused: “Accueil du soir” does not run on Thursday 19 September 2024 (Grève).",
    ),
    (
        Reason.ACCOUNT_NOT_VALIDATED,
        "Ajout refusé : le compte famille n'est pas encore validé par la mairie.",
        "Annulation refusée : le compte famille n'est pas encore validé par la mairie.",
        "Addition refused: the family account is not yet validated by the town hall.",
    ),
    (
        Reason.CHILD_NOT_IN_FAMILY,
        "Ajout refusé : l'enfant c1 n'est pas ajouté à la famille.",
        "Annulation refusée : l'enfant c1 n'est pas ajouté à la famille.",
        "Addition refused: child c1 has not been added to the family.",
    ),
    (
        Reason.CHILD_NOT_REGISTERED,
        "Ajout refusé : l'enfant c1 n'est pas inscrit à « Accueil du soir ».",
        "Annulation refusée : l'enfant c1 n'est pas inscrit à « Accueil du soir ».",
        "Addition refused: child c1 is not registered for “Accueil du soir”.",
    ),
    (
        Reason.DOSSIER_NOT_VALIDATED,
        "Ajout refusé : le dossier d'inscription n'est pas encore validé.",
        "Annulation refusée : le dossier d'inscription n'est pas encore validé.",
        "Addition refused: the registration dossier is not yet validated.",
    ),
]


def _decision(action: ChangeAction, reason: Reason, deadline: datetime | None) -> Decision:
    detail = {Reason.TOO_LATE_CONTACT: "l'ALSH", Reason.NOT_A_SERVICE_DAY: "Grève"}.get(reason)
    return Decision(
        change(action, "soir", THURSDAY, paris(2024, 9, 18, 9)),
        EVENING,
        DecisionStatus.REFUSED,
        reason,
        deadline,
        paris(2024, 9, 1, 0, 0),
        paris(2024, 9, 19, 16, 30),
        Money.euros(10),
        WorkingDaysBefore(2),
        detail,
    )


@pytest.mark.parametrize(("reason", "add_fr", "cancel_fr", "add_en"), _SENTENCES)
def test_every_reason_is_explained_word_for_word(
    reason: Reason, add_fr: str, cancel_fr: str, add_en: str
) -> None:
    deadline = paris(2024, 9, 17, 16, 30)
    add, cancel = _decision(ADD, reason, deadline), _decision(CANCEL, reason, deadline)
    assert (add.explain(), add.explain("fr"), cancel.explain()) == (add_fr, add_fr, cancel_fr)
    assert add.explain("en") == add_en
    cancellation = add_en.replace("Addition", "Cancellation").replace("addition", "cancellation")
    assert cancel.explain("en") == cancellation


def test_an_on_time_change_with_no_deadline_is_explained_without_one() -> None:
    add, cancel = _decision(ADD, Reason.ON_TIME, None), _decision(CANCEL, Reason.ON_TIME, None)
    assert add.explain() == f"Ajout accepté pour {_WHAT_FR}."
    assert cancel.explain() == f"Annulation acceptée pour {_WHAT_FR}."
    assert add.explain("en") == f"Addition accepted for {_WHAT_EN}."


def test_an_explanation_is_in_french_or_english_only() -> None:
    decision = _decision(ADD, Reason.ON_TIME, None)
    expected = ("InvalidValueError", "lang", "de", "lang: must be 'fr' or 'en' (got 'de')")
    assert refusal(lambda: decision.explain("de")) == expected
    assert refusal(lambda: format_day(THURSDAY, "de")) == expected


def test_both_languages_have_the_same_words() -> None:
    from cantine_rules.rules._messages import EN, FR, MESSAGES

    assert set(MESSAGES) == {"fr", "en"}
    assert set(FR) == set(EN)
    # Each sentence says the same things in both languages; only how the action is named
    # (« Ajout accepté » / "Late addition") is each language's own.
    for key in FR:
        assert _said(FR[key]) == _said(EN[key]), key


def _said(template: str) -> set[str]:
    fields = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    return fields - {"Noun", "noun", "accepted", "refused"}


def test_a_decision_holds_the_rule_not_its_words() -> None:
    fields = {field.name for field in attrs.fields(Decision)}
    assert fields == {
        "change",
        "service",
        "status",
        "reason",
        "deadline",
        "opens_at",
        "service_start",
        "charge",
        "closing_rule",
        "detail",
        "missing_figure",
    }
    decision = SEED_002.decide(change(ADD, "soir", THURSDAY, paris(2024, 9, 18, 9)))
    assert decision.closing_rule == WorkingDaysBefore(2)
    # For the record, in French, as before.
    assert decision.rule == "2 jours ouvrés avant le service"
    assert "(2 jours ouvrés avant le service)" in decision.explain()
    assert "(2 working days before the service)" in decision.explain("en")
    on_time = SEED_002.decide(change(ADD, "soir", THURSDAY, paris(2024, 9, 16, 9)))
    assert on_time.rule == decision.rule
    refused = SEED_002.decide(change(ADD, "repas", date(2024, 9, 18), paris(2024, 9, 16, 9)))
    assert (refused.closing_rule, refused.rule) == (None, None)


def test_a_decision_is_made_through_its_named_constructors() -> None:
    late = change(CANCEL, "soir", THURSDAY, paris(2024, 9, 18, 9), OFFICE)
    start = paris(2024, 9, 19, 16, 30)
    window = SEED_002.window(CANCEL, "soir", THURSDAY)
    decision = SEED_002.decide(late, price=Money.euros("2.10"))
    assert decision == Decision.late(
        late, EVENING, Reason.LATE_STILL_CHARGED, start, window, charge=Money.euros("2.10")
    )
    assert Decision.refused(late, EVENING, Reason.TOO_LATE, start, window=window).status is (
        DecisionStatus.REFUSED
    )
    assert Decision.on_time(late, EVENING, start, window).reason is Reason.ON_TIME
    closed = Decision.refused(late, EVENING, Reason.NOT_A_SERVICE_DAY, start, detail="Grève")
    assert (closed.deadline, closed.opens_at, closed.closing_rule, closed.detail) == (
        None,
        None,
        None,
        "Grève",
    )


def test_rules_and_surcharges_describe_themselves_in_french_unless_asked_in_english() -> None:
    assert WorkingDaysBefore(2).describe("de") == "2 jours ouvrés avant le service"
    assert BasePlus(Money.euros(3)).describe("de") == "tarif normal + 3,00\u00a0€"
    assert BaseTimes(Decimal("1.125")).describe() == "tarif normal + 12,5 %"
    assert BaseTimes(Decimal("1.125")).describe("en") == "normal price + 12.5 %"


@pytest.mark.parametrize(
    ("surcharge", "fr", "en"),
    [
        (
            BasePlus(Money.euros("3")),
            "il est facturé un montant qu'aucune source ne donne (le prix de « T2 »).",
            "it is charged an amount no source gives (the price of “T2”).",
        ),
        (
            FlatPrice(Money.euros("10")),
            "il est facturé 10,00\u00a0€.",
            "it is charged €10.00.",
        ),
    ],
)
def test_a_late_charge_on_a_price_no_source_gives_is_explained_not_raised(
    surcharge: object, fr: str, en: str
) -> None:
    # A grid whose second bracket has no price: a late add surcharged on that price is decided,
    # and its amount said unknown; a flat surcharged price never asks the price at all.
    source = Source.example("grid")
    grid = BracketGrid(
        (Bracket("T1", "0", Money.euros("1.00"), source), Bracket("T2", "500", None, source)),
        "T1",
    )

    def price_of(child: str, service: object, day: date) -> Money:
        return grid.price(PricingContext("800")).unit_price

    decision = office_rules(surcharge).decide(
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE), price_of=price_of
    )
    assert decision.reason is Reason.LATE_SURCHARGE
    assert decision.explain("fr").endswith(fr)
    assert decision.explain("en").endswith(en)
    if isinstance(surcharge, BasePlus):
        assert (decision.charge, decision.missing_figure) == (None, MissingFigure("T2"))
    else:
        assert (decision.charge, decision.missing_figure) == (Money.euros("10"), None)
