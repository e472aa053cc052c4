"""The plain-data form of a commune policy: round trips, every tagged type, every problem."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from cantine_rules import (
    BillingUnit,
    InvalidTypeError,
    InvalidValueError,
    Money,
    PolicyError,
    Service,
    ServiceKind,
    plain,
    policies,
)
from cantine_rules.calendar import (
    FOUR_AND_A_HALF_DAYS,
    Closure,
    ExtraOpenDay,
    OfficialSchoolHolidays,
    SchoolCalendar,
    SchoolWeek,
    ServiceDays,
    Zone,
)
from cantine_rules.errors import Problem
from cantine_rules.plain import dumps_toml, from_data, load_toml, loads_toml, to_data
from cantine_rules.plain._schema import (
    DEADLINE_TAGS,
    MODIFIER_TAGS,
    OUTCOME_TAGS,
    SURCHARGE_TAGS,
    TARIFF_TAGS,
)
from cantine_rules.policies import (
    AcceptLate,
    AcceptWithSurcharge,
    AllOf,
    BasePlus,
    BaseTimes,
    BookingRules,
    CalendarDaysBefore,
    ChangeWindow,
    Citation,
    ClearDaysBefore,
    CommunePolicy,
    FixedWindow,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    HoursBefore,
    KeepCharging,
    LateHandling,
    MaxHorizon,
    MedicalWaiver,
    PaymentScheme,
    Refuse,
    Requirements,
    ServiceRules,
    WeekdayBefore,
    WorkingDaysBefore,
)
from cantine_rules.policies.paris import DOSSIER_2024 as PARIS_DOSSIER_2024
from cantine_rules.pricing.accounts import PaymentMode
from cantine_rules.pricing.tariffs import (
    AppliesWhen,
    Bracket,
    BracketGrid,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    CountColumn,
    DocumentKind,
    DocumentRequirement,
    EffortRate,
    MedicalMealFactor,
    MedicalMealFlatPrice,
    ModifiedTariff,
    NonResidentSupplement,
    QuotientPolicy,
    SiblingReduction,
    SiteSupplement,
    TariffSchedule,
    TariffVersion,
    UnitPrice,
)
from cantine_rules.rules.deadlines import (
    MONTH_LAST_DAY,
    EndOfDayBefore,
    MonthlyDeadline,
    SchoolDaysBefore,
    WeekdayDeadline,
    WeekdayTable,
)
from cantine_rules.sources import Source
from tests._helpers import paris

COMMUNES = policies.names()


# Round trips of the reference communes ---------------------------------------------------------


@pytest.mark.parametrize("slug", COMMUNES)
def test_a_reference_commune_survives_plain_data(slug: str) -> None:
    policy = policies.get(slug)
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data


@pytest.mark.parametrize("slug", COMMUNES)
def test_a_reference_commune_survives_toml(slug: str) -> None:
    policy = policies.get(slug)
    text = dumps_toml(policy)
    assert loads_toml(text) == policy
    assert tomllib.loads(text) == to_data(policy)
    assert dumps_toml(to_data(policy)) == text


@pytest.mark.parametrize("slug", COMMUNES)
def test_plain_data_is_made_of_toml_values_only(slug: str) -> None:
    def walk(value: object) -> None:
        if isinstance(value, dict):
            assert all(isinstance(key, str) for key in value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            assert isinstance(value, str | int | bool | date)
            assert not isinstance(value, float)

    walk(to_data(policies.get(slug)))


def test_the_dump_is_canonical() -> None:
    chantraine = policies.get("chantraine")
    reordered = attrs.evolve(
        chantraine,
        payment_modes=tuple(sorted(chantraine.payment_modes, reverse=True)),
        booking=attrs.evolve(chantraine.booking, services=chantraine.services),
    )
    assert to_data(reordered) == to_data(chantraine)
    assert dumps_toml(reordered) == dumps_toml(chantraine)


# Equality of the values, and what takes no part in it ------------------------------------------


def _private_fields(value: object, seen: set[int]) -> list[tuple[type, attrs.Attribute[Any]]]:
    """Every attrs field that is not set through __init__, in the value graph of *value*."""
    if id(value) in seen:
        return []
    seen.add(id(value))
    found: list[tuple[type, attrs.Attribute[Any]]] = []
    kind = type(value)
    if attrs.has(kind):
        for field in attrs.fields(kind):
            if not field.init:
                found.append((kind, field))
                continue
            found.extend(_private_fields(getattr(value, field.name), seen))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            found.extend(_private_fields(item, seen))
    return found


@pytest.mark.parametrize("slug", COMMUNES)
def test_precomputed_indexes_take_no_part_in_equality(slug: str) -> None:
    fields = _private_fields(policies.get(slug), set())
    assert fields, "the calendar and the booking rules hold precomputed indexes"
    for owner, field in fields:
        assert field.eq is False, f"{owner.__name__}.{field.name} takes part in eq"
        assert field.hash is False or (field.hash is None and field.eq is False)


@pytest.mark.parametrize("slug", COMMUNES)
def test_a_loaded_policy_is_equal_and_hashes_equal(slug: str) -> None:
    policy = policies.get(slug)
    loaded = from_data(to_data(policy))
    assert loaded is not policy
    assert loaded.calendar is not policy.calendar
    assert loaded == policy
    assert hash(loaded) == hash(policy)


def test_two_calendars_built_apart_are_equal_by_value() -> None:
    first = SchoolCalendar(Zone.B, "88", closures=(Closure(date(2024, 5, 10), "Pont"),))
    second = SchoolCalendar(Zone.B, "88", closures=(Closure(date(2024, 5, 10), "Pont"),))
    assert first == second
    assert hash(first) == hash(second)
    assert first != SchoolCalendar(Zone.B, "88")


# Every tagged type -----------------------------------------------------------------------------

_SRC = Source.example("a rule seen in other communes")
_OWN = Source.public("Délibération du conseil municipal, 2024")
_SINCE = date(2024, 9, 1)


# Grids written with both bounds, columns by children, rank and residence, a site supplement.
_WRITTEN = BracketGrid(
    (
        Bracket("T1", "0", Money.euros("1.00"), _OWN, upper="700", upper_inclusive=False),
        Bracket("T2", "700", Money.euros("2.00"), _OWN, upper="1000.5"),
        Bracket("T3", "1000.5", Money.euros("3.00"), _SRC, lower_inclusive=False),
    ),
    default_bracket="T3",
)
_COLUMNS = ByResidence(
    ModifiedTariff(
        BySiblingRank(
            (
                CountColumn(1, "Tarif", _WRITTEN),
                CountColumn(3, "3e enfant", UnitPrice(Money.euros("0.80"), _OWN)),
            )
        ),
        (
            SiblingReduction({2: "0.5"}, _OWN, floor=Money.euros("0.50")),
            SiteSupplement({"bourg": Money.euros("0.30"), "plage": Money.euros(0)}, _SRC),
        ),
    ),
    ByChildrenCount(
        (
            CountColumn(1, "1 enfant", UnitPrice(Money.euros("5.00"), _OWN)),
            CountColumn(2, "2 enfants et +", UnitPrice(Money.euros("4.50"), _SRC)),
        )
    ),
    "Extérieurs",
)


def _everything() -> CommunePolicy:
    """A policy that uses every value type of the plain-data form at least once."""
    services = (
        Service("repas", "Repas", ServiceKind.MEAL, time(11, 45), time(13, 30)),
        Service("matin", "Accueil du matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 20)),
        Service("soir", "Accueil du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30)),
        Service(
            "mercredi",
            "Mercredi",
            ServiceKind.WEDNESDAY_CENTRE,
            time(8),
            time(18),
            BillingUnit.HALF_DAY,
        ),
        Service("etude", "Étude", ServiceKind.STUDY, time(16, 30), time(17, 30, 30)),
    )
    window = FixedWindow(
        paris(2024, 6, 1, 8),
        datetime(2024, 8, 23, 23, 59, tzinfo=timezone(timedelta(hours=2))),
        date(2024, 9, 2),
        date(2025, 7, 4),
        "inscriptions 2024-2025",
    )
    late_add = LateHandling(
        online=Refuse(contact="le service scolaire"),
        office=AcceptWithSurcharge(FreeAllowance(2, BaseTimes(Decimal("1.5")))),
    )
    return CommunePolicy(
        slug="tout",
        name="Commune « tout-en-un »",
        aliases=("tout-en-un",),
        booking=BookingRules(
            calendar=SchoolCalendar(
                Zone.B,
                department="57",
                closures=(Closure(date(2025, 5, 30), "Pont de l'Ascension"),),
                extra_open_days=(ExtraOpenDay(date(2025, 3, 12), 'Journée "rattrapage"'),),
                school_week=SchoolWeek(frozenset({0, 1, 3, 4})),
                first_year=2023,
                last_year=2026,
            ),
            services=services,
            default=ServiceRules(
                add=AllOf((WeekdayBefore(3, time(17)), MaxHorizon(60))),
                cancel=CalendarDaysBefore(1, time(10)),
                late_add=late_add,
                late_cancel=LateHandling(
                    online=AcceptLate(), office=KeepCharging(MedicalWaiver(waiting_days=1))
                ),
            ),
            by_kind={
                ServiceKind.WEDNESDAY_CENTRE: ServiceRules(
                    add=ClearDaysBefore(15, from_break_start=True),
                    cancel=ClearDaysBefore(7),
                    late_add=LateHandling(office=AcceptWithSurcharge(FlatPenalty(Money.euros(5)))),
                    late_cancel=LateHandling(office=KeepCharging()),
                )
            },
            by_service={
                "soir": ServiceRules(
                    add=WorkingDaysBefore(2, cutoff=time(12)),
                    cancel=WeekdayBefore(1, time(23, 59), weeks_before=2),
                    late_add=LateHandling(office=AcceptWithSurcharge(FlatPrice(Money.euros(10)))),
                ),
                "etude": ServiceRules(
                    add=AllOf(
                        (SchoolDaysBefore(1, time(11)), MonthlyDeadline(MONTH_LAST_DAY, time(12)))
                    ),
                    cancel=AllOf(
                        (
                            WeekdayTable(
                                (
                                    WeekdayDeadline(frozenset({0, 1}), 4, time(9)),
                                    # The extra open day is a Wednesday: it needs its row.
                                    WeekdayDeadline(frozenset({2, 3, 4}), 1, time(9, 30)),
                                )
                            ),
                            EndOfDayBefore(8),
                            MonthlyDeadline(20, months_before=2),
                        )
                    ),
                ),
                "matin": ServiceRules(
                    add=AllOf((HoursBefore(72), window)),
                    cancel=WorkingDaysBefore(2),
                    late_add=LateHandling(
                        office=AcceptWithSurcharge(BasePlus(Money.euros("3.00")))
                    ),
                ),
            },
            service_days={
                "mercredi": frozenset({ServiceDays.WEDNESDAYS, ServiceDays.SCHOOL_HOLIDAYS})
            },
            requirements=Requirements(
                account_validated=False, child_registered=True, dossier_validated=True
            ),
            auto_validate=True,
        ),
        payment_scheme=PaymentScheme.PREPAID,
        payment_modes=(PaymentMode.TICKETS, PaymentMode.CARD, PaymentMode.PAYFIP),
        tariffs=(
            TariffSchedule(
                "repas",
                (
                    TariffVersion(
                        date(2023, 9, 1),
                        UnitPrice(Money.euros("3.50"), _OWN),
                        _SRC,
                        ends_on=date(2024, 7, 5),
                    ),
                    TariffVersion(
                        _SINCE,
                        ModifiedTariff(
                            BracketGrid(
                                (
                                    Bracket("T1", "0", Money.euros("1.00"), _OWN),
                                    Bracket("T2", "500.5", Money.euros("2.50"), _OWN),
                                    Bracket("T3", "1000", None, _OWN),
                                    Bracket("T4", None, Money.euros("4.00"), _SRC),
                                ),
                                default_bracket="T4",
                                progressive=False,
                            ),
                            (
                                SiblingReduction({2: "0.9", 3: "0.50"}, _OWN),
                                NonResidentSupplement("0.20", _SRC),
                                MedicalMealFactor("0.5", _OWN),
                                MedicalMealFlatPrice(Money.euros("1.75"), _OWN),
                            ),
                        ),
                        _OWN,
                    ),
                ),
            ),
            TariffSchedule(
                "soir",
                (
                    TariffVersion(
                        _SINCE,
                        EffortRate.percent(
                            "0.36",
                            Money.euros("2.60"),
                            Money.euros("4.50"),
                            _OWN,
                            without_quotient=Money.euros("4.00"),
                        ),
                        _OWN,
                    ),
                ),
            ),
            TariffSchedule("matin", (TariffVersion(_SINCE, _COLUMNS, _OWN),)),
        ),
        quotient_policy=QuotientPolicy(None, date(2024, 8, 23), _OWN),
        wallet_alert_threshold=Money.euros("30"),
        dossier=(
            *PARIS_DOSSIER_2024,
            DocumentRequirement(
                "livret", "Livret de famille", frozenset({DocumentKind.FAMILY_BOOK})
            ),
            DocumentRequirement(
                "caf",
                "Attestation CAF",
                frozenset({DocumentKind.CAF_ATTESTATION}),
                AppliesWhen.CAF_BENEFICIARY,
                max_age_months=3,
                source=_OWN,
            ),
        ),
        citations=(
            Citation("calendar", Source.public("Moselle (57), zone B")),
            Citation("rules.soir", Source.seed('« avant le mardi 23h59 »\net "la veille"\t\\')),
        ),
    )


EVERYTHING = _everything()


def _tags(value: object) -> set[str]:
    if isinstance(value, dict):
        found = {value["type"]} if isinstance(value.get("type"), str) else set()
        for item in value.values():
            found |= _tags(item)
        return found
    if isinstance(value, list):
        return set().union(*(_tags(item) for item in value)) if value else set()
    return set()


def test_every_tagged_type_is_used_by_the_full_example() -> None:
    every = {
        *DEADLINE_TAGS.values(),
        *OUTCOME_TAGS.values(),
        *SURCHARGE_TAGS.values(),
        *TARIFF_TAGS.values(),
        *MODIFIER_TAGS.values(),
    }
    assert _tags(to_data(EVERYTHING)) == every


def test_every_value_type_survives_plain_data_and_toml() -> None:
    data = to_data(EVERYTHING)
    assert from_data(data) == EVERYTHING
    assert to_data(from_data(data)) == data
    text = dumps_toml(EVERYTHING)
    assert loads_toml(text) == EVERYTHING
    assert tomllib.loads(text) == data


def test_the_full_example_is_written_as_documented() -> None:
    data = to_data(EVERYTHING)
    assert data["calendar"] == {
        "zone": "B",
        "department": "57",
        "first_year": 2023,
        "last_year": 2026,
        "closures": [{"day": date(2025, 5, 30), "label": "Pont de l'Ascension"}],
        "extra_open_days": [{"day": date(2025, 3, 12), "label": 'Journée "rattrapage"'}],
    }
    assert data["payment_modes"] == ["card", "payfip", "tickets"]
    assert data["requirements"] == {"account_validated": False, "dossier_validated": True}
    assert data["services"][3] == {
        "code": "mercredi",
        "label": "Mercredi",
        "kind": "wednesday_centre",
        "start": "08:00",
        "end": "18:00",
        "billing_unit": "half_day",
        "days": ["school_holidays", "wednesdays"],
    }
    assert data["services"][4]["end"] == "17:30:30"
    rules = data["rules"]
    assert rules["default"]["add"] == {
        "type": "all_of",
        "rules": [
            {"type": "weekday_before", "weekday": "thursday", "cutoff": "17:00"},
            {"type": "max_horizon", "days": 60},
        ],
    }
    assert rules["default"]["late_add"]["office"] == {
        "type": "surcharge",
        "surcharge": {
            "type": "free_allowance",
            "free_per_month": 2,
            "then": {"type": "base_times", "factor": "1.5"},
        },
    }
    assert rules["default"]["late_cancel"] == {
        "online": {"type": "accept_late"},
        "office": {"type": "keep_charging", "waiver": {"waiting_days": 1}},
    }
    assert rules["by_service"]["matin"]["late_add"] == {
        "office": {"type": "surcharge", "surcharge": {"type": "base_plus", "amount": "3.00"}}
    }
    assert list(rules["by_kind"]) == ["wednesday_centre"]
    version = data["tariffs"]["repas"]["versions"][1]
    grid = version["tariff"]["tariff"]
    assert grid["type"] == "bracket_grid"
    assert grid["progressive"] is False
    assert grid["brackets"][1] == {"name": "T2", "lower": "500.5", "unit_price": "2.50"}
    assert grid["brackets"][2]["unit_price"] == "unknown"
    assert grid["brackets"][3] == {
        "name": "T4",
        "lower": "unknown",
        "unit_price": "4.00",
        "source": {"kind": "example", "reference": "a rule seen in other communes"},
    }
    assert version["tariff"]["modifiers"][0] == {
        "type": "sibling_reduction",
        "factors": [{"rank": 2, "factor": "0.9"}, {"rank": 3, "factor": "0.5"}],
    }
    first = data["tariffs"]["repas"]["versions"][0]
    assert first["ends_on"] == date(2024, 7, 5)
    assert first["tariff"]["source"] == {"kind": "public", "reference": _OWN.reference}
    assert data["tariffs"]["soir"]["versions"][0]["tariff"] == {
        "type": "effort_rate",
        "rate": "0.0036",
        "minimum": "2.60",
        "maximum": "4.50",
        "without_quotient": "4.00",
    }
    assert data["quotient_policy"] == {
        "registration_deadline": date(2024, 8, 23),
        "source": {"kind": "public", "reference": _OWN.reference},
    }
    assert data["dossier"][-2] == {
        "code": "livret",
        "label": "Livret de famille",
        "accepted": ["family_book"],
    }


def test_a_rule_written_in_toml_by_hand_loads() -> None:
    policy = loads_toml(
        _MINIMAL + 'add = { type = "weekday_before", weekday = "thursday", cutoff = 17:00:00 }\n'
    )
    assert policy.booking.default.add == WeekdayBefore(3, time(17))


# Problems ----------------------------------------------------------------------------------------

_MINIMAL = """\
slug = "ma-commune"
name = "Ma Commune"
payment_scheme = "postfacturation"
payment_modes = ["card"]
calendar = { zone = "B" }

[[services]]
code = "repas"
label = "Repas"
kind = "meal"
start = "11:45"
end = "13:30"

[rules.default]
cancel = { type = "hours_before", hours = 48 }
"""


def _problems(data: object) -> list[Problem]:
    with pytest.raises(PolicyError) as caught:
        from_data(data)  # type: ignore[arg-type]
    return list(caught.value.problems)


def _paths(data: object) -> list[str]:
    return [problem.path for problem in _problems(data)]


def test_a_wrong_type_an_unknown_key_and_a_missing_rule_are_reported_together(
    tmp_path: Path,
) -> None:
    text = _MINIMAL.replace('start = "11:45"', "start = 11.75").replace(
        'label = "Repas"', 'label = "Repas"\nbilling_unti = "day"'
    )
    path = tmp_path / "ma-commune.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_toml(path)
    error = caught.value
    assert error.source == str(path)
    assert [problem.path for problem in error.problems] == [
        "services[0].start",
        "services[0].billing_unti",
        "rules.default.add",
    ]
    assert "got a float (11.75)" in error.problems[0].message
    assert error.problems[1].message.startswith("unknown key; did you mean 'billing_unit'?")
    assert error.problems[2].message == "missing required key"
    assert str(path) in str(error)


def test_a_toml_syntax_error_gives_its_line_and_column() -> None:
    with pytest.raises(PolicyError) as caught:
        loads_toml('slug = "x"\nname = "y\n', source="x.toml")
    (problem,) = caught.value.problems
    assert "line 2" in problem.message
    assert "column" in problem.message
    assert caught.value.source == "x.toml"


def test_a_file_that_is_not_utf8_is_a_policy_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Saint-Étienne"'.encode("latin-1"))
    with pytest.raises(PolicyError, match="UTF-8"):
        load_toml(path)


def test_loads_toml_refuses_bytes() -> None:
    with pytest.raises(InvalidTypeError):
        loads_toml(b"slug = 'x'")  # type: ignore[arg-type]


@pytest.fixture
def alsh() -> dict[str, Any]:
    return to_data(policies.get("alsh-postfacturation"))


def test_money_is_never_a_float(alsh: dict[str, Any]) -> None:
    alsh["rules"]["by_service"]["soir"]["late_add"]["office"]["surcharge"]["amount"] = 10.0
    (problem,) = _problems(alsh)
    assert problem.path == "rules.by_service.soir.late_add.office.surcharge.amount"
    assert problem.message.startswith("money is never a float")


def test_an_unknown_enum_value_lists_the_allowed_ones(alsh: dict[str, Any]) -> None:
    alsh["services"][4]["kind"] = "wednesday"
    alsh["payment_modes"] = ["card", "bitcoin"]
    problems = _problems(alsh)
    assert [problem.path for problem in problems] == ["services[4].kind", "payment_modes[1]"]
    assert problems[0].message == (
        "unknown value 'wednesday'; did you mean 'wednesday_centre'? (allowed: meal, "
        "morning_care, evening_care, study, wednesday_centre, holiday_centre)"
    )
    assert (
        "allowed: card, cheque, transfer, direct_debit, payfip, cash, tickets"
        in problems[1].message
    )


def test_an_unknown_type_tag_lists_the_allowed_ones(alsh: dict[str, Any]) -> None:
    office = alsh["rules"]["by_service"]["matin"]["late_add"]["office"]
    office["surcharge"]["type"] = "flat_prize"
    alsh["rules"]["default"]["add"]["type"] = "WorkingDaysBefore"
    problems = _problems(alsh)
    assert [(problem.path, problem.message) for problem in problems] == [
        (
            "rules.default.add.type",
            "unknown type 'WorkingDaysBefore'; did you mean 'working_days_before'? (allowed: "
            "all_of, calendar_days_before, clear_days_before, end_of_day_before, fixed_window, "
            "hours_before, max_horizon, monthly_deadline, school_days_before, weekday_before, "
            "weekday_table, working_days_before)",
        ),
        (
            "rules.by_service.matin.late_add.office.surcharge.type",
            "unknown type 'flat_prize'; did you mean 'flat_price'? (allowed: base_plus, "
            "base_times, flat_penalty, flat_price, free_allowance)",
        ),
    ]


def test_a_missing_type_tag_is_reported(alsh: dict[str, Any]) -> None:
    del alsh["rules"]["default"]["late_add"]["online"]["type"]
    (problem,) = _problems(alsh)
    assert problem.path == "rules.default.late_add.online.type"
    assert problem.message == (
        "missing required key (one of: accept_late, keep_charging, refuse, surcharge)"
    )


def test_the_grid_type_is_never_guessed(alsh: dict[str, Any]) -> None:
    tariff = alsh["tariffs"]["repas"]["versions"][0]["tariff"]
    del tariff["type"]
    assert _paths(alsh) == ["tariffs.repas.versions[0].tariff.type"]


def test_the_library_validators_report_at_the_path_of_the_value() -> None:
    data = to_data(policies.get("paris"))
    brackets = data["tariffs"]["repas"]["versions"][0]["tariff"]["brackets"]
    brackets[3]["lower"] = 200
    data["services"][0]["end"] = "11:00"
    data["calendar"]["closures"] = [{"day": date(2035, 5, 10), "label": "Pont"}]
    problems = _problems(data)
    assert [problem.path for problem in problems] == [
        "calendar.closures[0]",
        "services[0].end",
        "tariffs.repas.versions[0].tariff.brackets[3].lower",
    ]
    assert problems[1].message == "must be after the start time 11:30:00 (got 11:00:00)"
    assert problems[2].message.startswith("thresholds must be strictly increasing")


def test_versions_out_of_order_are_reported_at_the_version() -> None:
    data = to_data(policies.get("paris"))
    versions = data["tariffs"]["repas"]["versions"]
    versions[1]["effective_from"] = date(2020, 9, 1)
    (problem,) = _problems(data)
    assert problem.path == "tariffs.repas.versions[1].effective_from"


def test_unknown_service_codes_are_reported(alsh: dict[str, Any]) -> None:
    alsh["rules"]["by_service"]["dimanche"] = alsh["rules"]["by_service"]["soir"]
    alsh["tariffs"]["cantine"] = alsh["tariffs"].pop("repas")
    problems = _problems(alsh)
    assert [problem.path for problem in problems] == [
        "rules.by_service.dimanche",
        "tariffs.cantine",
    ]
    assert problems[0].message == (
        "unknown service 'dimanche' (the services are: etude, matin, mercredi, repas, soir, "
        "vacances)"
    )


def test_duplicates_are_reported(alsh: dict[str, Any]) -> None:
    alsh["services"][1]["code"] = "repas"
    alsh["citations"][1]["topic"] = "calendar"
    alsh["payment_modes"] = ["card", "card"]
    assert set(_paths(alsh)) >= {"services[1].code", "citations[1].topic", "payment_modes[1]"}


def test_every_problem_of_a_broken_document_is_reported_at_once() -> None:
    problems = _problems(
        {
            "slug": " ",
            "name": 3,
            "calendar": {"zone": "D", "first_year": "2020"},
            "services": [{"code": "repas"}],
            "rules": {"default": {"add": {"type": "hours_before", "hours": -1}}},
            "payment_scheme": "paypal",
            "payment_modes": "card",
            "wallet_alert_threshold": "-3",
            "extra": True,
        }
    )
    assert [problem.path for problem in problems] == [
        "slug",
        "name",
        "calendar.zone",
        "calendar.first_year",
        "services[0].label",
        "services[0].kind",
        "services[0].start",
        "services[0].end",
        "rules.default.add.hours",
        "rules.default.cancel",
        "payment_scheme",
        "payment_modes",
        "wallet_alert_threshold",
        "extra",
    ]


def test_data_that_is_not_a_table_is_a_policy_error() -> None:
    data: object
    for data in (None, [], "slug = 'x'", 3):
        (problem,) = _problems(data)
        assert problem.path == "(top level)"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("3,60", 'must be a decimal number written like "3.60" or "0.0036" (got \'3,60\')'),
        ("3.605", "has a fraction of a cent; use Money.rounded() to round it half-up (got "),
        ("1e3", 'must be a decimal number written like "3.60"'),
        ("NaN", 'must be a decimal number written like "3.60"'),
        (True, "must be a decimal number as a string, got a boolean (true)"),
        (10**20, "is too large"),
    ],
)
def test_amounts_are_exact_decimal_strings(
    alsh: dict[str, Any], value: object, message: str
) -> None:
    alsh["tariffs"]["repas"]["versions"][0]["tariff"]["amount"] = value
    (problem,) = _problems(alsh)
    assert problem.path == "tariffs.repas.versions[0].tariff.amount"
    assert problem.message.startswith(message)


def test_a_whole_number_amount_is_accepted(alsh: dict[str, Any]) -> None:
    alsh["tariffs"]["repas"]["versions"][0]["tariff"]["amount"] = 4
    assert from_data(alsh).price("repas", date(2024, 9, 2)).unit_price == Money.euros(4)


def test_dates_may_be_iso_strings_for_json(alsh: dict[str, Any]) -> None:
    alsh["tariffs"]["repas"]["versions"][0]["effective_from"] = "2017-09-01"
    assert from_data(alsh) == policies.get("alsh-postfacturation")
    alsh["tariffs"]["repas"]["versions"][0]["effective_from"] = datetime(2017, 9, 1)
    (problem,) = _problems(alsh)
    assert problem.message.startswith("must be a date, not a date-time")


def test_a_fixed_window_needs_offsets() -> None:
    data = to_data(EVERYTHING)
    window = data["rules"]["by_service"]["matin"]["add"]["rules"][1]
    window["opens_at"] = datetime(2024, 6, 1, 8)
    window["closes_at"] = "2024-08-23T23:59:00+02:00"
    (problem,) = _problems(data)
    assert problem.path == "rules.by_service.matin.add.rules[1].opens_at"
    assert problem.message.startswith("must give its offset")


def test_a_bracket_figure_no_source_gives_must_be_said_so() -> None:
    data = to_data(policies.get("paris"))
    del data["tariffs"]["repas"]["versions"][0]["tariff"]["brackets"][7]["unit_price"]
    assert _paths(data) == ["tariffs.repas.versions[0].tariff.brackets[7].unit_price"]


# Dumping what has no plain form ------------------------------------------------------------------


def test_a_calendar_with_the_official_dataset_cannot_be_dumped() -> None:
    chantraine = policies.get("chantraine")
    dataset = OfficialSchoolHolidays(Zone.B, ())
    calendar = attrs.evolve(chantraine.calendar, official_holidays=dataset)
    policy = attrs.evolve(chantraine, booking=attrs.evolve(chantraine.booking, calendar=calendar))
    with pytest.raises(InvalidValueError) as caught:
        to_data(policy)
    assert caught.value.field == "calendar.official_holidays"
    assert "no plain-data form" in str(caught.value)


def test_a_rule_of_a_class_of_ones_own_cannot_be_dumped() -> None:
    @attrs.frozen
    class Never:
        def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
            raise NotImplementedError

        def describe(self, lang: str = "fr") -> str:
            return "never"

    chantraine = policies.get("chantraine")
    rules = attrs.evolve(chantraine.booking.default, cancel=Never())
    policy = attrs.evolve(chantraine, booking=attrs.evolve(chantraine.booking, default=rules))
    with pytest.raises(InvalidTypeError) as caught:
        to_data(policy)
    assert caught.value.field == "rules.default.cancel"
    assert "the plain form knows AllOf, CalendarDaysBefore" in str(caught.value)


def test_toml_strings_are_escaped() -> None:
    text = dumps_toml(EVERYTHING)
    assert '"« avant le mardi 23h59 »\\net \\"la veille\\"\\t\\\\"' in text
    assert tomllib.loads(text)["citations"][1]["source"]["reference"] == (
        '« avant le mardi 23h59 »\net "la veille"\t\\'
    )


def test_dumps_toml_refuses_what_toml_cannot_hold() -> None:
    with pytest.raises(InvalidTypeError):
        dumps_toml({"amount": 3.6})
    with pytest.raises(InvalidTypeError):
        dumps_toml({"contact": None})


def test_the_full_example_dumps_with_a_four_and_a_half_day_week() -> None:
    calendar = attrs.evolve(
        EVERYTHING.calendar, school_week=FOUR_AND_A_HALF_DAYS, extra_open_days=()
    )
    policy = attrs.evolve(EVERYTHING, booking=attrs.evolve(EVERYTHING.booking, calendar=calendar))
    data = to_data(policy)
    assert data["calendar"]["school_week"] == [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
    ]
    assert loads_toml(dumps_toml(policy)) == policy


def test_service_codes_that_are_not_bare_toml_keys_survive() -> None:
    chantraine = policies.get("chantraine")
    odd = Service("garderie du soir", "Garderie", ServiceKind.EVENING_CARE, time(16), time(18))
    strange = Service('a.b "c"', "Étude", ServiceKind.STUDY, time(16), time(17))
    booking = attrs.evolve(
        chantraine.booking,
        services=(*chantraine.services, odd, strange),
        by_service={odd.code: chantraine.booking.default, strange.code: chantraine.booking.default},
        service_days={strange.code: frozenset({ServiceDays.SCHOOL_DAYS})},
    )
    tariff = TariffSchedule(
        strange.code, (TariffVersion(_SINCE, UnitPrice(Money.euros(1), _SRC), _SRC),)
    )
    policy = attrs.evolve(chantraine, booking=booking, tariffs=(*chantraine.tariffs, tariff))
    text = dumps_toml(policy)
    assert '[rules.by_service."a.b \\"c\\""]' in text
    assert loads_toml(text) == policy
    data = to_data(policy)
    data["tariffs"][strange.code]["versions"][0]["tariff"]["amount"] = "x"
    assert _paths(data) == ['tariffs."a.b \\"c\\"".versions[0].tariff.amount']


@pytest.mark.parametrize("module", ["_read", "_load", "_schema", "__init__"])
def test_loading_never_runs_what_the_data_names(module: str) -> None:
    source = (Path(plain.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
    for forbidden in ("eval(", "exec(", "getattr(", "importlib", "__import__", "pickle"):
        assert forbidden not in source
