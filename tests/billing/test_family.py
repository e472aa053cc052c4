"""The family in a bill: households in alternating custody, dated quotient familial records, and
the basket decided right (one stated order, already booked, reported, agreeing with decide)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import (
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Justification,
    Money,
    QuotientFamilial,
    QuotientFamilialSource,
)
from cantine_rules.billing import BillResult, bill
from cantine_rules.billing._family import ReportKind
from cantine_rules.plain import AbsenceSpec, BookingSpec, Scenario, load_scenario, loads_scenario
from cantine_rules.plain._scenario_family import CustodySpec, QuotientSpec
from cantine_rules.policies import get
from cantine_rules.pricing._quotient import FromNextMonth, QuotientPolicy, QuotientRecord
from cantine_rules.pricing.accounts import CustodyRule, LineKind
from cantine_rules.rules.decisions import Reason
from cantine_rules.testing import custody_rules
from tests._helpers import paris

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "examples" / "scenarios"
PARIS = get("paris")


def _paris_quotient_policy() -> QuotientPolicy:
    policy = PARIS.quotient_policy
    assert policy is not None
    return policy


ALSH = get("alsh-postfacturation")


def lines_of(result_invoice: object) -> list[tuple[str, str, str, str, str]]:
    """(day, child, service, tariff, amount) of each line."""
    return [
        (
            line.day.isoformat(),
            line.child_id,
            line.service_code,
            line.tariff_name,
            str(line.amount.amount),
        )
        for line in result_invoice.lines  # type: ignore[attr-defined]
    ]


def school_days(*days: int) -> list[str]:
    return [date(2024, 9, day).isoformat() for day in days]


# Paris: alternating custody, each household at its own QF -----------------------------------------


def test_paris_custody_bills_each_household_its_own_weeks_at_its_own_quotient() -> None:
    result = bill(load_scenario(SCENARIOS / "paris.toml"))
    mere, pere = result.households
    # « préciser vos semaines de garde » (seed 004): Inès is her mother's in even ISO weeks (36,
    # 38, 40) and her father's in odd ones (37, 39); Adam is not in custody: his mother's, the
    # first household. « Le mercredi est un jour de la restauration scolaire » (cde7.fr).
    ines_mere = school_days(2, 3, 4, 5, 6, 16, 17, 18, 19, 20, 30)
    adam = school_days(2, 3, 5, 6, 9, 10, 12, 13, 16, 17, 19, 20, 23, 24, 26, 27, 30)
    assert mere.household == "mere"
    assert sorted(
        (day, child, tariff, amount) for day, child, _, tariff, amount in lines_of(mere.invoice)
    ) == sorted(
        [(day, "ines", "tarif 3", "1.62") for day in ines_mere]
        + [(day, "adam", "tarif 3", "1.62") for day in adam]
    )
    # « Passé cette date limite, le tarif maximal (tarif 10) sera appliqué à votre facture jusqu'à
    # la régularisation de votre dossier » (seed 004): the father's attestation came on 16
    # September, so week 37 is tarif 10 and week 39 tarif 5 (« De 960 € à 1370 € »); nothing is
    # reduced backwards.
    assert lines_of(pere.invoice) == [
        *[(day, "ines", "repas", "tarif 10", "7.00") for day in school_days(9, 10, 11, 12, 13)],
        *[(day, "ines", "repas", "tarif 5", "3.62") for day in school_days(23, 24, 25, 26, 27)],
    ]
    assert (mere.invoice.total, pere.invoice.total) == (Money.euros("45.36"), Money.euros("53.10"))
    assert mere.reference == "CDE-13-0412-mere-202409"
    # No cent lost: the households' invoices add up to the family's.
    assert result.invoice.total == Money.euros("98.46")
    assert result.reported == ()


def custody_scenario(**changes: Any) -> Scenario:
    return attrs.evolve(load_scenario(SCENARIOS / "paris.toml"), **changes)


def record(value: str, issued: date, received: date, household: str | None) -> QuotientSpec:
    qf = QuotientFamilial(Decimal(value), QuotientFamilialSource.CAF_ATTESTATION, issued)
    return QuotientSpec(QuotientRecord(qf, received), household)


def test_a_commune_with_the_next_month_rule_prices_a_new_qf_from_the_1st() -> None:
    # « La modification tarifaire interviendra sur le mois suivant la réception du courrier sans
    # rétroactivité »: a record received on 16 September counts from 1 October.
    quotient = attrs.evolve(_paris_quotient_policy(), takes_effect=FromNextMonth())
    policy = attrs.evolve(PARIS, quotient_policy=quotient)
    scenario = attrs.evolve(
        custody_scenario(),
        end=date(2024, 10, 4),
        payments=(),
        households=("mere",),
        custody=(),
        quotient_records=(record("1000", date(2024, 9, 2), date(2024, 9, 16), "mere"),),
        bookings=(BookingSpec("ines", "repas", days=(date(2024, 9, 30), date(2024, 10, 1))),),
    )
    assert lines_of(bill(scenario, policy=policy).invoice) == [
        ("2024-09-30", "ines", "repas", "tarif 10", "7.00"),
        ("2024-10-01", "ines", "repas", "tarif 5", "3.62"),
    ]


@pytest.mark.parametrize(
    ("zero_means_unknown", "tariff", "amount"),
    [(True, "tarif 10", "7.00"), (False, "tarif 1", "0.13")],
)
def test_a_qf_of_zero_is_unknown_where_the_commune_reads_the_caf_api(
    zero_means_unknown: bool, tariff: str, amount: str
) -> None:
    # The CAF's API Particulier answers 0 when it cannot compute a quotient: never tarif 1 there.
    quotient = attrs.evolve(_paris_quotient_policy(), zero_means_unknown=zero_means_unknown)
    policy = attrs.evolve(PARIS, quotient_policy=quotient)
    scenario = attrs.evolve(
        custody_scenario(),
        payments=(),
        households=(),
        custody=(),
        quotient_records=(record("0", date(2024, 6, 3), date(2024, 6, 20), None),),
        bookings=(BookingSpec("adam", "repas", days=(date(2024, 9, 2),)),),
    )
    assert lines_of(bill(scenario, policy=policy).invoice) == [
        ("2024-09-02", "adam", "repas", tariff, amount)
    ]


def test_a_bracket_without_a_sourced_price_is_reported_not_refused() -> None:
    # Tarif 7 starts at 1901 € and no source gives its price: the days are left off the invoice
    # and reported with the reason, the rest is billed.
    scenario = custody_scenario(
        quotient_records=(
            record("500", date(2024, 6, 3), date(2024, 6, 20), "mere"),
            record("2000", date(2024, 6, 3), date(2024, 6, 20), "pere"),
        )
    )
    result = bill(scenario)
    unknown = [item for item in result.reported if item.kind is ReportKind.UNKNOWN_PRICE]
    assert [item.day for item in unknown] == [
        date(2024, 9, day) for day in (9, 10, 11, 12, 13, 23, 24, 25, 26, 27)
    ]
    assert unknown[0].detail == (
        "quotient_familial 2000: lies in 'tarif 7' or in a later bracket whose threshold no "
        "source gives"
    )
    assert result.households[1].invoice.total == Money.zero()
    assert result.invoice.total == Money.euros("45.36")


# The basket ---------------------------------------------------------------------------------------

SARAH = Child("sarah", "Sarah", date(2015, 11, 20))
EVENINGS = BookingSpec("sarah", "soir", days=(date(2024, 9, 19),))
LATE = paris(2024, 9, 18, 9)


def alsh(*changes: BookingChange, absences: tuple[AbsenceSpec, ...] = ()) -> Scenario:
    return Scenario(
        "alsh-postfacturation",
        date(2024, 9, 1),
        date(2024, 9, 30),
        "F-1",
        children=(SARAH,),
        bookings=(EVENINGS,),
        changes=changes,
        absences=absences,
    )


def office(
    action: ChangeAction, day: int, justification: Justification | None = None
) -> BookingChange:
    return BookingChange(
        action, "sarah", "soir", date(2024, 9, day), LATE, Channel.OFFICE, justification
    )


def test_an_add_of_a_booked_day_is_already_booked_at_no_charge() -> None:
    # Thursday 19's evening is booked; a late office add of it is no « tarif majoré (… 10€ le
    # soir) » day: it books nothing more.
    result = bill(alsh(office(ChangeAction.ADD, 19)))
    assert result.decisions == ()
    assert [(r.kind, r.path) for r in result.reported] == [
        (ReportKind.ALREADY_BOOKED, "changes[0]")
    ]
    assert lines_of(result.invoice) == [("2024-09-19", "sarah", "soir", "à l'unité", "2.10")]


def test_a_cancel_or_an_absence_on_a_day_not_booked_is_reported() -> None:
    absence = AbsenceSpec("sarah", "soir", date(2024, 9, 17), Justification.MEDICAL_CERTIFICATE)
    result = bill(alsh(office(ChangeAction.CANCEL, 17), absences=(absence,)))
    assert [(r.kind, r.path, r.day) for r in result.reported] == [
        (ReportKind.ABSENCE_NOT_BOOKED, "absences[0]", date(2024, 9, 17)),
        (ReportKind.CANCEL_NOT_BOOKED, "changes[0]", date(2024, 9, 17)),
    ]
    # Nothing of Tuesday 17 is billed; Thursday 19 stays as booked.
    assert lines_of(result.invoice) == [("2024-09-19", "sarah", "soir", "à l'unité", "2.10")]


def test_at_the_same_instant_an_add_comes_before_a_cancel_whatever_the_file_order() -> None:
    # Friday 20 at 9:00 is past the deadline of Monday 23's evening (Thursday 19 at 16:30).
    add, cancel = (
        attrs.evolve(office(action, 23), requested_at=paris(2024, 9, 20, 9))
        for action in (ChangeAction.ADD, ChangeAction.CANCEL)
    )
    first, second = bill(alsh(add, cancel)), bill(alsh(cancel, add))
    assert first.invoice == second.invoice
    assert [d.change.action for d in first.decisions] == [ChangeAction.ADD]
    # The ALSH validates by hand: the add is still « Demande en cours », so the cancellation has
    # no booking to act on; the add is billed its « tarif majoré (… 10€ le soir) ».
    assert [(r.kind, r.path) for r in first.reported] == [
        (ReportKind.CANCEL_NOT_BOOKED, "changes[1]")
    ]
    assert ("2024-09-23", "sarah", "soir", "tarif majoré", "10.00") in lines_of(first.invoice)


def test_bill_and_decide_agree_on_a_justified_late_cancellation() -> None:
    # « Une annulation vous sera facturé le prix du service » (seed 002), with no exception: the
    # decision with a certificate says the day stays billed, and so does the bill, whether the
    # certificate comes with the cancellation or as a justified absence afterwards.
    decided = ALSH.decide(office(ChangeAction.CANCEL, 19, Justification.MEDICAL_CERTIFICATE))
    assert (decided.reason, decided.charge) == (Reason.LATE_STILL_CHARGED, Money.euros("2.10"))
    certified = bill(alsh(office(ChangeAction.CANCEL, 19, Justification.MEDICAL_CERTIFICATE)))
    absent = AbsenceSpec("sarah", "soir", date(2024, 9, 19), Justification.MEDICAL_CERTIFICATE)
    afterwards = bill(alsh(office(ChangeAction.CANCEL, 19), absences=(absent,)))
    for result in (certified, afterwards):
        assert lines_of(result.invoice) == [
            ("2024-09-19", "sarah", "soir", "prix du service", "2.10")
        ]


def test_a_justified_absence_of_a_booked_day_is_still_not_charged() -> None:
    # « bien justifier les absences en cas de maladie par un certificat médical » (seed 000).
    absent = AbsenceSpec("sarah", "soir", date(2024, 9, 19), Justification.MEDICAL_CERTIFICATE)
    result = bill(alsh(absences=(absent,)))
    assert [(line.kind, line.amount) for line in result.invoice.lines] == [
        (LineKind.JUSTIFIED_ABSENCE, Money.zero())
    ]


# The ALSH scenario, replayed line by line ---------------------------------------------------------


def test_the_alsh_office_scenario_replays_seed_002() -> None:
    result = bill(load_scenario(SCENARIOS / "alsh-postfacturation.toml"))
    assert [
        (d.change.service_code, d.change.day.day, d.reason.value, d.charge)
        for d in result.decisions
    ] == [
        ("etude", 24, "on_time", None),
        ("soir", 26, "on_time", None),
        # « Une annulation vous sera facturé le prix du service »
        ("soir", 19, "late_still_charged", Money.euros("2.10")),
        # « Un ajout vous sera facturé d'un tarif majoré (4€ le matin / 10€ le soir) »
        ("matin", 20, "late_surcharge", Money.euros("4.00")),
        # « Mercredi et Vacances (- 7 jours) : … (tarif journée + 3€) »: 12,00 € + 3 €
        ("mercredi", 25, "late_surcharge", Money.euros("15.00")),
        ("soir", 23, "late_surcharge", Money.euros("10.00")),
        # « Passé ces délais il vous sera impossible d'inscrire/désinscrire vos enfants en ligne »
        ("soir", 30, "too_late_contact", None),
    ]
    states = {(b.service_code, b.day.day): b.state.value for b in result.bookings}
    # « Demande en cours », « Demande d'annulation », « Demande refusée »
    assert states[("etude", 24)] == "pending"
    assert states[("soir", 26)] == "cancellation_requested"
    assert states[("soir", 19)] == "cancellation_requested"
    assert states[("soir", 30)] == "refused"
    assert states[("matin", 20)] == "pending"
    decided = [(d, s, t, a) for d, _, s, t, a in lines_of(result.invoice) if t != "à l'unité"]
    assert decided == [
        ("2024-09-20", "matin", "tarif majoré", "4.00"),
        ("2024-09-25", "mercredi", "tarif majoré", "15.00"),
        ("2024-09-19", "soir", "prix du service", "2.10"),
        ("2024-09-23", "soir", "tarif majoré", "10.00"),
    ]
    booked = {(s, d[-2:]) for d, _, s, t, a in lines_of(result.invoice) if t == "à l'unité"}
    # The requested cancellation of Thursday 26 is billed until the ALSH grants it; the pending
    # étude is not billed until validated; the justified absence of the 26th is 0,00 €.
    assert ("soir", "26") in booked
    assert ("etude", "24") not in booked
    assert [(r.kind.value, r.path) for r in result.reported] == [
        ("cancel_not_booked", "changes[8]"),
        ("absence_not_booked", "absences[1]"),
        ("already_booked", "changes[7]"),
    ]
    assert result.invoice.total == Money.euros("109.80")
    assert [str(row.balance.amount) for row in result.statement.rows] == ["-109.80", "-9.80"]


# Saint-Just-d'Avray: Thursday 17:00, and the statement's running balance --------------------------


def test_the_saint_just_scenario_replays_seed_003_line_by_line() -> None:
    result = bill(load_scenario(SCENARIOS / "saint-just-d-avray.toml"))
    # « avant le jeudi 17h » for the following week: Friday 27's garderie asked on Thursday 19 at
    # 16:30 is taken, Monday 23's asked at 17:00 is not.
    assert [(d.change.day.day, d.reason.value) for d in result.decisions] == [
        (27, "on_time"),
        (23, "too_late"),
    ]
    garderie = [
        (day, "louise", "garderie-soir", "à l'unité", "2.00")
        for day in school_days(3, 10, 17, 24, 27)
    ]
    # An absence without a certificate is billed as booked (Thursday 12).
    meals = school_days(2, 3, 5, 6, 9, 10, 12, 13, 16, 17, 19, 20, 23, 24, 26, 27, 30)
    assert lines_of(result.invoice) == garderie + [
        (day, "louise", "repas", "à l'unité", "3.80") for day in meals
    ]
    assert result.invoice.total == Money.euros("74.60")
    # « Relevé de compte — Date, Type, Référence, Facture, Débit, Crédit, Solde » (seed 003)
    assert [
        (
            row.day.isoformat(),
            row.reference,
            row.invoice,
            str(row.debit.amount),
            str(row.credit.amount),
            str(row.balance.amount),
        )
        for row in result.statement.rows
    ] == [
        ("2024-09-30", "F-0042-202409", "F-0042-202409", "74.60", "0.00", "-74.60"),
        ("2024-10-07", "CB-2024-10", None, "0.00", "40.00", "-34.60"),
    ]


@pytest.mark.parametrize(("at", "booked"), [("16:59:59", True), ("17:00:00", False)])
def test_saint_just_takes_bookings_strictly_before_thursday_17h(at: str, booked: bool) -> None:
    # « avant le jeudi 17h » for the following week: 17:00:00 is already too late.
    text = (SCENARIOS / "saint-just-d-avray.toml").read_text("utf-8")
    scenario = loads_scenario(text.replace("2024-09-19T17:00:00+02:00", f"2024-09-19T{at}+02:00"))
    result = bill(scenario)
    days = {line.day for line in result.invoice.lines if line.service_code == "garderie-soir"}
    assert (date(2024, 9, 23) in days) is booked


def test_saint_just_statement_keeps_a_running_balance() -> None:
    # « Relevé de compte — Date, Type, Référence, Facture, Débit, Crédit, Solde » (seed 003).
    scenario = attrs.evolve(
        load_scenario(SCENARIOS / "saint-just-d-avray.toml"), opening_balance=Money.euros("-4.20")
    )
    result = bill(scenario)
    rows = [
        (
            row.day.isoformat(),
            row.reference,
            str(row.debit.amount),
            str(row.credit.amount),
            str(row.balance.amount),
        )
        for row in result.statement.rows
    ]
    total = result.invoice.total
    assert rows == [
        ("2024-09-01", "REPORT", "4.20", "0.00", "-4.20"),
        (
            "2024-09-30",
            "F-0042-202409",
            str(total.amount),
            "0.00",
            str((Money.euros("-4.20") - total).amount),
        ),
        ("2024-10-07", "CB-2024-10", "0.00", "40.00", str((Money.euros("35.80") - total).amount)),
    ]


# Properties ---------------------------------------------------------------------------------------

WEEKDAYS = st.sets(st.integers(0, 4), min_size=1)
QF = st.sampled_from(["100", "500", "1000", "1500"])


@settings(max_examples=25, deadline=None)
@given(
    ines=custody_rules(start=date(2024, 9, 1), end=date(2024, 9, 30)),
    adam=custody_rules(start=date(2024, 9, 1), end=date(2024, 9, 30)),
    ines_days=WEEKDAYS,
    adam_days=WEEKDAYS,
    mere=QF,
    pere=QF,
    late=st.booleans(),
)
def test_custody_shares_sum_to_the_whole(
    ines: CustodyRule,
    adam: CustodyRule,
    ines_days: set[int],
    adam_days: set[int],
    mere: str,
    pere: str,
    late: bool,
) -> None:
    received = date(2024, 9, 16) if late else date(2024, 6, 20)
    scenario = custody_scenario(
        custody=(CustodySpec("ines", ines), CustodySpec("adam", adam)),
        bookings=(
            BookingSpec("ines", "repas", weekdays=ines_days),
            BookingSpec("adam", "repas", weekdays=adam_days),
        ),
        quotient_records=(
            record(mere, date(2024, 6, 3), date(2024, 6, 20), "mere"),
            record(pere, date(2024, 6, 3), received, "pere"),
        ),
    )
    result = bill(scenario)
    assert sum((home.invoice.total for home in result.households), Money.zero()) == (
        result.invoice.total
    )
    assert sorted(
        repr(line) for home in result.households for line in home.invoice.lines
    ) == sorted(repr(line) for line in result.invoice.lines)
    for home in result.households:
        for line in home.invoice.lines:
            rule = ines if line.child_id == "ines" else adam
            assert rule.household_for(line.day) == home.household  # type: ignore[attr-defined]


def comparable(result: BillResult) -> tuple[object, ...]:
    return (
        result.invoice,
        result.statement,
        result.bookings,
        result.households,
        sorted(result.decisions, key=repr),
        sorted(result.reported, key=repr),
    )


SCENARIO_FILES = ["alsh-postfacturation.toml", "paris.toml"]


@settings(max_examples=15, deadline=None)
@given(name=st.sampled_from(SCENARIO_FILES), data=st.data())
def test_the_bill_does_not_depend_on_the_order_of_the_inputs(
    name: str, data: st.DataObject
) -> None:
    scenario = load_scenario(SCENARIOS / name)
    shuffled = attrs.evolve(
        scenario,
        changes=data.draw(st.permutations(scenario.changes)),
        absences=data.draw(st.permutations(scenario.absences)),
        bookings=data.draw(st.permutations(scenario.bookings)),
        quotient_records=data.draw(st.permutations(scenario.quotient_records)),
        payments=data.draw(st.permutations(scenario.payments)),
    )
    first, second = bill(scenario), bill(shuffled)
    # Paths name the changes as the file lists them, so only what is billed is compared.
    assert comparable(first)[:4] == comparable(second)[:4]
    assert sorted((r.kind, r.day) for r in first.reported) == sorted(
        (r.kind, r.day) for r in second.reported
    )
