"""A commune's absences and non-billable days: judging with its tariff, checks and explanations."""

from __future__ import annotations

from datetime import date, time

import attrs
import pytest

from cantine_rules import Money, policies
from cantine_rules.errors import InvalidValueError, UnknownServiceError
from cantine_rules.policies import CommunePolicy
from cantine_rules.policies._absences import describe_absence_policy
from cantine_rules.policies._messages import MESSAGES
from cantine_rules.rules.absences import (
    AbsenceDocument,
    AbsencePolicy,
    AbsenceReason,
    AbsenceRules,
    CertificateWithin,
    DayCount,
    FlatCharge,
    RunCharges,
    WaitingDays,
)
from cantine_rules.rules.deadlines import CalendarDaysBefore
from cantine_rules.rules.late import MissingPriceError
from cantine_rules.rules.non_billable import NonBillableDay, NonBillableDays
from cantine_rules.sources import Source
from cantine_rules.testing import LAWS, PolicyLawError, check_policy
from tests._helpers import paris

LUTINS = policies.get("lutins-gourmands")  # repas at 3,60 € à l'unité
CODE = LUTINS.services[0].code
MONDAY = date(2024, 9, 30)


def _with(**changes: object) -> CommunePolicy:
    return attrs.evolve(LUTINS, **changes)  # type: ignore[arg-type]


def test_the_booked_price_comes_from_the_tariff_and_a_non_billable_day_is_free() -> None:
    commune = _with(
        absences=AbsenceRules(AbsencePolicy()),
        non_billable_days=NonBillableDays((NonBillableDay(MONDAY, "Grève"),)),
    )
    tuesday = date(2024, 10, 1)
    judged = commune.judge_absence(CODE, [MONDAY, tuesday], notice_at=None)
    assert [(day.reason, day.charge) for day in judged] == [
        (AbsenceReason.NON_BILLABLE_DAY, Money.zero()),
        (AbsenceReason.NO_NOTICE, LUTINS.price(CODE, tuesday).unit_price),
    ]
    assert not commune.is_billable(CODE, MONDAY)
    assert commune.is_billable(CODE, tuesday)


def test_a_flat_charge_needs_no_tariff_and_a_booked_price_says_it_is_missing() -> None:
    # A commune may publish its absence rules for a service it does not price.
    flat = _with(tariffs=(), absences=AbsenceRules(AbsencePolicy(FlatCharge(Money.euros("3.75")))))
    [judged] = flat.judge_absence(CODE, [MONDAY], notice_at=None)
    assert (judged.reason, judged.charge) == (AbsenceReason.NO_NOTICE, Money.euros("3.75"))
    booked = _with(tariffs=(), absences=AbsenceRules(AbsencePolicy()))
    with pytest.raises(MissingPriceError):
        booked.judge_absence(CODE, [MONDAY], notice_at=None)
    # A day made free by notice is judged without a price too.
    in_time = _with(
        tariffs=(), absences=AbsenceRules(AbsencePolicy(notice=CalendarDaysBefore(0, time(9))))
    )
    [free] = in_time.judge_absence(CODE, [MONDAY], notice_at=paris(2024, 9, 30, 8, 59, 59))
    assert (free.reason, free.charge) == (AbsenceReason.NOTICE_IN_TIME, Money.zero())
    with pytest.raises(MissingPriceError):
        in_time.judge_absence(CODE, [MONDAY], notice_at=paris(2024, 9, 30, 9))


def test_a_non_billable_day_of_an_unpriced_service_needs_no_price() -> None:
    strike = NonBillableDays((NonBillableDay(MONDAY, "Grève"),))
    commune = _with(tariffs=(), absences=AbsenceRules(AbsencePolicy()), non_billable_days=strike)
    [day] = commune.judge_absence(CODE, [MONDAY], notice_at=None)
    assert (day.reason, day.charge) == (AbsenceReason.NON_BILLABLE_DAY, Money.zero())
    with pytest.raises(MissingPriceError):
        commune.judge_absence(CODE, [MONDAY, date(2024, 10, 1)], notice_at=None)


_ABSENCES_LAW = "absences: no negative charge, an earlier notice or a certificate never costs more"
_ALL_BUT_ABSENCES = [name for name in LAWS if name != _ABSENCES_LAW]


def test_the_absences_law_holds_for_a_service_without_a_tariff() -> None:
    for charge in (AbsencePolicy(), AbsencePolicy(FlatCharge(Money.euros("3.75")))):
        check_policy(
            _with(tariffs=(), absences=AbsenceRules(charge)),
            max_examples=30,
            skip=_ALL_BUT_ABSENCES,
        )


def test_a_service_without_an_absence_policy_says_so() -> None:
    with pytest.raises(InvalidValueError, match="sets no absence policy"):
        LUTINS.judge_absence(CODE, [MONDAY], notice_at=paris(2024, 9, 30, 8))
    with pytest.raises(UnknownServiceError):
        LUTINS.is_billable("piscine", MONDAY)


def test_absences_and_non_billable_days_name_known_services() -> None:
    with pytest.raises(UnknownServiceError) as caught:
        _with(absences=AbsenceRules(None, {"piscine": AbsencePolicy()}))
    assert caught.value.field == "absences.by_service.piscine"
    with pytest.raises(UnknownServiceError) as caught:
        _with(
            non_billable_days=NonBillableDays(
                (NonBillableDay(MONDAY, "Grève", services=(CODE, "piscine")),)
            )
        )
    assert caught.value.field == "non_billable_days[0].services[1]"


SAME_DAY = AbsencePolicy(FlatCharge(Money.euros("3.75")), CalendarDaysBefore(0, time(9)))


def test_explain_says_each_rule_in_both_languages_and_marks_an_unsourced_one() -> None:
    commune = _with(
        absences=AbsenceRules(SAME_DAY, {CODE: AbsencePolicy(certificate=CertificateWithin(48))}),
        non_billable_days=NonBillableDays((NonBillableDay(MONDAY, "Sortie scolaire"),)),
        citations=(
            *LUTINS.citations,
            attrs.evolve(
                LUTINS.citations[0], topic="non_billable_days", source=Source.public("délibération")
            ),
        ),
    )
    for lang, words in (("fr", "sous 48 h"), ("en", "within 48 h")):
        rules = {rule.topic: rule for rule in commune.explain(lang)}
        assert words in rules[f"absences.{CODE}"].text
        assert rules[f"absences.{CODE}"].is_default
        assert not rules["non_billable_days"].is_default
    english = {
        rule.topic: rule.text for rule in _with(absences=AbsenceRules(SAME_DAY)).explain("en")
    }
    assert (
        "free with notice before the same day at 09:00; otherwise charged €3.75"
        in (english[f"absences.{CODE}"])
    )


def test_both_message_tables_have_the_same_absence_keys() -> None:
    french = {key for key in MESSAGES["fr"] if key.startswith(("absences", "non_billable"))}
    english = {key for key in MESSAGES["en"] if key.startswith(("absences", "non_billable"))}
    assert french == english
    assert len(french) > 10


@attrs.frozen
class _EarlierCostsMore(AbsencePolicy):
    """A broken policy: notice given before 9:00 is charged, notice after it is free."""

    def judge(self, *args: object, **kwargs: object) -> tuple:  # type: ignore[override,type-arg]
        notice = kwargs.get("notice_at")
        judged = super().judge(*args, **kwargs)  # type: ignore[arg-type]
        if notice is not None and notice.hour < 9:  # type: ignore[attr-defined]
            return tuple(attrs.evolve(day, charge=Money.euros(9)) for day in judged)
        return tuple(attrs.evolve(day, charge=Money.zero()) for day in judged)


def test_the_law_catches_a_policy_where_an_earlier_notice_costs_more() -> None:
    commune = _with(absences=AbsenceRules(_EarlierCostsMore()))
    with pytest.raises(PolicyLawError, match="an earlier notice or a certificate never costs more"):
        check_policy(commune, max_examples=200, skip=("the plain-data form round-trips",))


@pytest.mark.parametrize(
    ("declared", "fr", "en"),
    [
        (
            NonBillableDay(date(2025, 5, 6), "Sortie scolaire"),
            "2025-05-06 (Sortie scolaire) : non facturé, tous les services, tous les sites ; "
            "aucune démarche de la famille",
            "2025-05-06 (Sortie scolaire): not charged, every service, every site; the family "
            "has nothing to do",
        ),
        (
            NonBillableDay(
                date(2025, 5, 6), "Grève", ("cantine", "garderie-soir"), ("bourg", "plage")
            ),
            "2025-05-06 (Grève) : non facturé, cantine, garderie-soir, bourg, plage ; aucune "
            "démarche de la famille",
            "2025-05-06 (Grève): not charged, cantine, garderie-soir, bourg, plage; the family "
            "has nothing to do",
        ),
    ],
)
def test_a_non_billable_day_is_explained_with_its_services_and_sites(
    declared: NonBillableDay, fr: str, en: str
) -> None:
    commune = _with(non_billable_days=NonBillableDays((declared,)))
    for lang, text in (("fr", fr), ("en", en)):
        rules = [rule for rule in commune.explain(lang) if rule.topic == "non_billable_days"]
        assert [rule.text for rule in rules] == [text]


_EVERY_PART = AbsencePolicy(
    FlatCharge(Money.euros("3.75")),
    CalendarDaysBefore(0, time(9)),
    WaitingDays(2, DayCount.CALENDAR_DAYS),
    CertificateWithin(72, 1, 2, 240),
    RunCharges(2, 3),
    frozenset({AbsenceDocument.EMPLOYER, AbsenceDocument.MEDICAL}),
)
_FEW_PARTS = AbsencePolicy(
    waiting=WaitingDays(1), certificate=CertificateWithin(48, 0, 3), run=RunCharges(0, 2)
)


@pytest.mark.parametrize(
    ("rule", "fr", "en"),
    [
        (
            _EVERY_PART,
            "gratuite si signalée avant : le jour même à 09:00 ; 2 jour(s) de carence (jours "
            "calendaires) comptés depuis le jour du signalement, facturés ; les 2 premier(s) "
            "jour(s) d'absence sont pris en charge par la commune ; puis 3 jour(s) au plus "
            "facturable(s), les suivants gratuits ; gratuite avec un justificatif (médical, de "
            "l'employeur) remis pour l'année scolaire ; sinon facturée 3,75\u00a0€ ; un "
            "certificat médical remis sous 72 h (comptées depuis le début du premier jour "
            "d'absence) exonère l'absence après 1 jour(s) de carence, plus tard après 2 jour(s) "
            "de carence, au-delà de 240 h il n'est pas pris en compte",
            "free with notice before the same day at 09:00; 2 waiting day(s) (calendar days) "
            "counted from the notice day, charged; the first 2 absent day(s) are paid by the "
            "commune; then at most 3 day(s) may be charged, later days are free; free with a "
            "standing document (medical, employer's) handed in for the school year; otherwise "
            "charged €3.75; a medical certificate handed in within 72 h (from the start of the "
            "first absent day) waives the charge after 1 waiting day(s), later after 2 waiting "
            "day(s), and past 240 h it is not taken",
        ),
        (
            _FEW_PARTS,
            "aucun délai de prévenance ; 1 jour(s) de carence (jours de service) comptés depuis "
            "le jour du signalement, facturés ; seul(s) le(s) 2 premier(s) jour(s) d'absence "
            "facturable(s), les suivants gratuits ; sinon facturée au prix du service ; un "
            "certificat médical remis sous 48 h (comptées depuis le début du premier jour "
            "d'absence) exonère l'absence, plus tard après 3 jour(s) de carence",
            "no notice deadline; 1 waiting day(s) (service days) counted from the notice day, "
            "charged; only the first 2 absent day(s) may be charged, later days are free; "
            "otherwise charged the service's price; a medical certificate handed in within 48 h "
            "(from the start of the first absent day) waives the charge, later after 3 waiting "
            "day(s)",
        ),
    ],
    ids=["every part", "few parts"],
)
def test_an_absence_policy_is_explained_part_by_part_in_both_languages(
    rule: AbsencePolicy, fr: str, en: str
) -> None:
    commune = _with(absences=AbsenceRules(rule))
    for lang, text in (("fr", fr), ("en", en)):
        assert describe_absence_policy(rule, lang) == text
        explained = {item.topic: item.text for item in commune.explain(lang)}
        assert text in explained["absences.cantine"]
