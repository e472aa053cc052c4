"""The ``cantine-rules`` command, end to end through its real entry points."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from cantine_rules.billing import bill
from cantine_rules.cli import main
from cantine_rules.cli._render import bill_data
from cantine_rules.plain import load_scenario
from cantine_rules.policies import names

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m cantine_rules ARGS``, as a portal in another language would call it."""
    return subprocess.run(
        [sys.executable, "-m", "cantine_rules", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def assert_bad_input(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr


def test_the_console_script_is_installed_and_runs() -> None:
    script = Path(sys.executable).parent / "cantine-rules"
    executable = str(script) if script.exists() else shutil.which("cantine-rules")
    assert executable is not None
    result = subprocess.run([executable, "communes"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "saint-just-d-avray" in result.stdout


def test_communes_json() -> None:
    data = run_json("communes")
    assert [commune["slug"] for commune in data["communes"]] == list(names())
    kinds = {"meal", "morning_care", "evening_care", "study", "wednesday_centre", "holiday_centre"}
    for commune in data["communes"]:
        assert set(commune) >= {"slug", "name", "zone", "services"}
        assert commune["zone"] in {"A", "B", "C"}
        for service in commune["services"]:
            assert set(service) == {"code", "label", "kind"}
            assert service["kind"] in kinds
    paris = next(c for c in data["communes"] if c["slug"] == "paris")
    assert paris["zone"] == "C"
    assert paris["services"] == [
        {"code": "repas", "label": "Restauration scolaire", "kind": "meal"}
    ]


def test_explain_gives_every_rule_with_its_source() -> None:
    human = run("explain", "saint-just-d-avray")
    assert human.returncode == 0
    assert "jeudi 17:00 de la semaine précédente" in human.stdout
    assert "avant le Jeudi 17h pour la semaine suivante" in human.stdout
    data = run_json("explain", "chantraine", "--lang", "en")
    topics = {rule["topic"]: rule for rule in data["rules"]}
    assert topics["rules.repas"]["source"]["kind"] == "seed"
    assert "48h avant le repas" in topics["rules.repas"]["source"]["reference"]
    assert topics["tariff.repas"]["default"] is True
    assert "48 hours before the service starts" in topics["rules.repas"]["text"]


def test_calendar_json() -> None:
    data = run_json("calendar", "paris", "--from", "2024-05-06", "--to", "2024-05-13")
    days = {day["date"]: day for day in data["days"]}
    assert len(days) == 8
    assert days["2024-05-08"]["public_holiday"] == "Fête de la Victoire"
    assert days["2024-05-10"] == {
        "date": "2024-05-10",
        "school_day": False,
        "public_holiday": None,
        "school_holiday": "Pont de l'Ascension",
        "closure": None,
        "working_day": True,
    }
    assert days["2024-05-13"]["school_day"] is True


def test_decide_json_saint_just_thursday_17h() -> None:
    # Seed 003: « au plus tard avant le Jeudi 17h pour la semaine suivante ».
    base = ("decide", "saint-just-d-avray", "--service", "repas", "--day", "2024-09-23")
    accepted = run_json(*base, "--action", "add", "--at", "2024-09-19T16:59:59+02:00")
    refused = run_json(*base, "--action", "add", "--at", "2024-09-19T17:00:00+02:00")
    assert accepted["status"] == "accepted"
    assert refused["status"] == "refused"
    assert refused["reason"] == "too_late"
    for data in (accepted, refused):
        assert data["deadline"] == "2024-09-19T17:00:00+02:00"
        assert data["service_start"] == "2024-09-23T11:30:00+02:00"
        assert data["charge"] is None
        assert data["currency"] == "EUR"
        assert data["message"]
        assert data["notes"] == []


def test_decide_reads_a_datetime_without_offset_as_paris_and_says_so() -> None:
    data = run_json(
        "decide",
        "saint-just-d-avray",
        "--service",
        "repas",
        "--day",
        "2024-09-23",
        "--action",
        "add",
        "--at",
        "2024-09-19T17:00",
    )
    assert data["status"] == "refused"
    assert data["notes"] == ["--at 2024-09-19T17:00 has no offset: read as Europe/Paris"]
    human = run(
        "decide",
        "saint-just-d-avray",
        "--service",
        "repas",
        "--day",
        "2024-09-23",
        "--action",
        "add",
        "--at",
        "2024-09-19T17:00",
    )
    assert "read as Europe/Paris" in human.stdout


def test_decide_late_at_the_office_with_a_charge() -> None:
    # Seed 002: « Une annulation vous sera facturé le prix du service »; the default channel is
    # online, where the same change is refused.
    base = (
        "decide",
        "alsh-postfacturation",
        "--service",
        "soir",
        "--day",
        "2024-09-19",
        "--action",
        "cancel",
        "--at",
        "2024-09-18T09:00:00+02:00",
    )
    office = run_json(*base, "--channel", "office")
    online = run_json(*base)
    assert office["status"] == "accepted_late"
    assert office["reason"] == "late_still_charged"
    assert Decimal(office["charge"]) == Decimal("2.10")
    assert "2,10" in office["message"]
    assert online["status"] == "refused"
    assert online["reason"] == "too_late_contact"
    english = run_json(*base, "--channel", "office", "--lang", "en")
    assert english["message"].startswith("Late cancellation:")


def test_decide_wednesday_late_add_uses_the_day_price_plus_3() -> None:
    data = run_json(
        "decide",
        "alsh-postfacturation",
        "--service",
        "mercredi",
        "--day",
        "2024-09-18",
        "--action",
        "add",
        "--at",
        "2024-09-12T09:00:00+02:00",
        "--channel",
        "office",
        "--qf",
        "700",
    )
    assert data["charge"] == "15.00"


def test_planning_json() -> None:
    data = run_json(
        "planning",
        "saint-just-d-avray",
        "--service",
        "repas",
        "--month",
        "2024-09",
        "--at",
        "2024-09-19T16:00:00+02:00",
    )
    days = {day["date"]: day for day in data["days"]}
    assert len(days) == 30
    assert days["2024-09-23"]["status"] == "bookable"
    assert days["2024-09-23"]["changeable_until"] == "2024-09-19T17:00:00+02:00"
    assert days["2024-09-16"]["status"] == "too_late"
    assert days["2024-09-18"]["status"] == "not_a_service_day"
    assert days["2024-09-01"]["status"] == "closed"


@pytest.mark.parametrize(
    ("qf", "bracket", "price"), [("234", "tarif 1", "0.13"), ("235", "tarif 2", "0.85")]
)
def test_price_json(qf: str, bracket: str, price: str) -> None:
    data = run_json("price", "paris", "--service", "repas", "--qf", qf, "--day", "2020-10-05")
    assert data["unit_price"] == price
    assert data["bracket"] == bracket
    assert data["currency"] == "EUR"
    assert data["default"] is False
    later = run_json("price", "paris", "--service", "repas", "--qf", qf, "--day", "2024-10-01")
    assert later["default"] is True


def test_price_without_qf_is_the_default_bracket() -> None:
    data = run_json("price", "paris", "--service", "repas", "--day", "2024-10-01")
    assert (data["bracket"], data["unit_price"]) == ("tarif 10", "7.00")


def test_a_price_no_source_gives_is_an_answer_not_bad_input() -> None:
    # The public grid (http://cde7.fr/inscriptions-et-tarifs/) starts tarif 7 at QF 1901 € and
    # gives no price from there on: the answer says so, exit code 0.
    data = run_json("price", "paris", "--service", "repas", "--qf", "3000", "--day", "2024-10-01")
    assert (data["unit_price"], data["bracket"]) == (None, None)
    assert data["price_unknown"] == (
        "quotient_familial 3000: lies in 'tarif 7' or in a later bracket whose threshold no "
        "source gives"
    )
    known = run_json("price", "paris", "--service", "repas", "--qf", "1900", "--day", "2024-10-01")
    assert (known["unit_price"], known["price_unknown"]) == ("4.61", None)
    for lang, words in (
        ("fr", "prix inconnu : un QF de 3\u202f000 est en « tarif 7 » ou au-delà"),
        ("en", "price unknown: a QF of 3,000 lies in “tarif 7” or above"),
    ):
        text = run("price", "paris", "--service", "repas", "--qf", "3000", "--lang", lang)
        assert text.returncode == 0, text.stderr
        assert text.stdout.startswith(words)


def test_a_bracket_whose_price_no_source_gives_is_named_in_the_answer() -> None:
    from datetime import date

    from cantine_rules.billing import Quote
    from cantine_rules.cli._render import quote_data, quote_text
    from cantine_rules.pricing.tariffs import MissingFigure
    from cantine_rules.sources import Source

    answer = Quote(None, Source.public("grid"), MissingFigure("tarif 8"))
    assert (
        quote_text(answer, "fr") == "prix inconnu : aucune source ne donne le prix de « tarif 8 »"
    )
    assert quote_text(answer, "en") == "price unknown: no source gives the price of “tarif 8”"
    data = quote_data(answer, date(2020, 10, 5))
    assert data["price_unknown"] == "bracket tarif 8: no source gives the price of this bracket"
    assert (data["unit_price"], data["bracket"]) == (None, None)


def test_decide_a_charge_no_source_gives_is_an_answer_not_bad_input(tmp_path: Path) -> None:
    # A commune that bills a late cancellation at the office at the normal price, with Paris's
    # grid: for a QF of 2500 € that price is one no source gives. The change is decided all the
    # same; only its amount is unknown.
    from cantine_rules import plain
    from cantine_rules.policies import get
    from cantine_rules.rules.late import KeepCharging, LateHandling, Refuse

    paris = get("paris")
    default = attrs.evolve(
        paris.booking.default, late_cancel=LateHandling(online=Refuse(), office=KeepCharging())
    )
    policy = attrs.evolve(
        paris, slug="paris-still-charged", booking=attrs.evolve(paris.booking, default=default)
    )
    path = tmp_path / "paris-still-charged.toml"
    path.write_text(plain.dumps_toml(policy), encoding="utf-8")
    late = ("--day", "2024-09-11", "--action", "cancel", "--channel", "office")
    at = ("--at", "2024-09-10T09:00:00+02:00")
    data = run_json("decide", str(path), "--service", "repas", *late, *at, "--qf", "2500")
    assert (data["status"], data["reason"]) == ("accepted_late", "late_still_charged")
    assert data["charge"] is None
    assert "tarif 7" in data["charge_unknown"]
    assert (
        "un montant qu'aucune source ne donne (un QF de 2\u202f500 est en « tarif 7 »"
        in (data["message"])
    )
    priced = run_json("decide", str(path), "--service", "repas", *late, *at, "--qf", "1900")
    assert (priced["charge"], priced["charge_unknown"]) == ("4.61", None)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda path: path.stem)
def test_bill_every_example_scenario(scenario: Path) -> None:
    data = run_json("bill", str(scenario.relative_to(ROOT)))
    lines = data["invoice"]["lines"]
    # Every scenario bills something: on its invoice, in its basket or from its wallet.
    basket, wallet = data["basket"] or {"lines": []}, data["wallet"] or {"rows": []}
    assert lines or basket["lines"] or wallet["rows"]
    total = sum(Decimal(line["amount"]) for line in lines)
    assert Decimal(data["invoice"]["totals"]["total"]) == total
    for line in lines:
        assert Decimal(line["amount"]) == Decimal(line["unit_price"]) * line["quantity"]
    rows = data["statement"]["rows"]
    credits = sum(Decimal(row["credit"]) for row in rows)
    debits = sum(Decimal(row["debit"]) for row in rows)
    assert Decimal(data["statement"]["balance"]) == credits - debits
    human = run("bill", str(scenario))
    assert human.returncode == 0
    assert "Relevé de compte" in human.stdout


def test_bill_the_lutins_gourmands_basket_is_14_40() -> None:
    # Seed 001: four meals « à l'unité 3.60€ », « A payer : 14.40€ ».
    data = run_json("bill", "examples/scenarios/lutins-gourmands.toml")
    assert [line["cost"] for line in data["basket"]["lines"]] == ["3.60"] * 4
    assert data["basket"]["to_pay"] == "14.40"
    assert data["basket"]["outstanding"] == "0.00"
    assert data["invoice"]["totals"]["total"] == "0.00"
    assert data["statement"]["balance"] == "0.00"


def test_bill_reports_every_problem_with_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'commune = "paris"\nstart = 2024-10-01\n[family]\nidd = "x"\n[[payments]]\namount = 3.5\n',
        encoding="utf-8",
    )
    result = run("bill", str(bad))
    assert_bad_input(
        result,
        "end: missing required key",
        "family.idd: unknown key; did you mean 'id'?",
        "family.id: missing required key",
        "payments[0].amount: money is never a float",
    )


def test_bill_is_the_library_bill_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    path = "examples/scenarios/alsh-postfacturation.toml"
    assert main(["bill", str(ROOT / path), "--json", "--lang", "en"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = bill_data(bill(load_scenario(ROOT / path)), "en")
    assert printed == json.loads(json.dumps(expected))


def test_bill_says_which_datetimes_it_read_as_paris(tmp_path: Path) -> None:
    scenario = tmp_path / "naive.toml"
    text = (ROOT / "examples" / "scenarios" / "saint-just-d-avray.toml").read_text("utf-8")
    scenario.write_text(text.replace("T16:30:00+02:00", "T16:30:00"), encoding="utf-8")
    data = run_json("bill", str(scenario))
    assert data["notes"] == ["changes[1].at has no offset: read as Europe/Paris"]
    assert data["decisions"][0]["deadline"] == "2024-09-19T17:00:00+02:00"
    assert run("bill", str(scenario)).stdout.rstrip().endswith("read as Europe/Paris")


def test_the_scenarios_of_the_command_line_page_do_what_it_says(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "command-line.en.md").read_text(encoding="utf-8")
    section = page[page.index("### The scenario file") :]
    good, bad = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)[:2]
    shown = re.findall(r"```text\n(.*?)```", section, re.DOTALL)[0]
    (tmp_path / "good.toml").write_text(good, encoding="utf-8")
    (tmp_path / "bad.toml").write_text(bad, encoding="utf-8")
    data = run_json("bill", str(tmp_path / "good.toml"))
    assert [row["reference"] for row in data["statement"]["rows"]] == [
        "REPORT",
        "F-0042-202409",
        "CB-1",
    ]
    result = run("bill", str(tmp_path / "bad.toml"))
    assert result.returncode == 2
    assert result.stderr.replace(str(tmp_path / "bad.toml"), "bad.toml") == shown


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('commune = "Montréal"'.encode("latin-1"), "the file is not UTF-8 text"),
        (
            b'commune = "paris"\nstart = 2024-10-01\nend = 2024-10-31\nfamily = { id = "F" }\n'
            b'[[payments]]\nday = 2024-10-02\namount = "1e30"\nmode = "card"\nreference = "R"\n',
            "payments[0].amount: is too large",
        ),
    ],
)
def test_a_scenario_the_reader_refuses_exits_2(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    scenario = tmp_path / "bad.toml"
    scenario.write_bytes(content)
    assert_bad_input(run("bill", str(scenario)), expected)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            (
                "decide",
                "montcuq",
                "--service",
                "x",
                "--day",
                "2024-01-01",
                "--action",
                "add",
                "--at",
                "2024-01-01T00:00",
            ),
            "known: alsh-postfacturation",
        ),
        (
            (
                "decide",
                "paris",
                "--service",
                "piscine",
                "--day",
                "2024-10-01",
                "--action",
                "add",
                "--at",
                "2024-09-01T00:00",
            ),
            "known: repas",
        ),
        (
            (
                "decide",
                "paris",
                "--service",
                "repas",
                "--day",
                "2024-13-01",
                "--action",
                "add",
                "--at",
                "2024-09-01T00:00",
            ),
            "--day",
        ),
        (
            (
                "decide",
                "paris",
                "--service",
                "repas",
                "--day",
                "2024-10-01",
                "--action",
                "move",
                "--at",
                "2024-09-01T00:00",
            ),
            "--action",
        ),
        (
            (
                "decide",
                "paris",
                "--service",
                "repas",
                "--day",
                "2024-10-01",
                "--action",
                "add",
                "--at",
                "tomorrow",
            ),
            "--at",
        ),
        (("price", "paris", "--service", "repas", "--qf", "-3"), "--qf"),
        (("price", "paris", "--service", "repas", "--qf", "lots"), "--qf"),
        (("calendar", "paris", "--from", "2024-05-10", "--to", "2024-05-01"), "--to"),
        (("calendar", "paris", "--from", "1990-01-01", "--to", "1990-01-02"), "1990-01-01"),
        (
            (
                "planning",
                "paris",
                "--service",
                "repas",
                "--month",
                "2024/10",
                "--at",
                "2024-09-01T00:00",
            ),
            "--month",
        ),
        (("bill", "does/not/exist.toml"), "cannot be read"),
        (("check", "does/not/exist.toml"), "cannot be read"),
        (("frobnicate",), "invalid choice"),
        ((), "required"),
    ],
)
def test_bad_input_exits_2_with_what_and_where(args: tuple[str, ...], expected: str) -> None:
    assert_bad_input(run(*args), expected)


@pytest.mark.parametrize(
    ("args", "kind", "field"),
    [
        (
            (
                "decide",
                "montcuq",
                "--service",
                "repas",
                "--day",
                "2024-10-01",
                "--action",
                "add",
                "--at",
                "2024-09-01T10:00+02:00",
            ),
            "UnknownCommuneError",
            "commune",
        ),
        (("price", "paris", "--service", "repas", "--qf", "lots"), "InvalidValueError", "--qf"),
        (("bill", "does/not/exist.toml"), "InvalidValueError", "SCENARIO"),
        (("frobnicate",), "UsageError", None),
    ],
)
def test_with_json_an_error_is_also_a_json_object_on_stdout(
    args: tuple[str, ...], kind: str, field: str | None
) -> None:
    result = run(*args, "--json")
    assert_bad_input(result)
    error = json.loads(result.stdout)["error"]
    assert (error["kind"], error["field"]) == (kind, field)
    # The same message as the line for people on stderr.
    assert result.stderr.strip().endswith(error["message"].splitlines()[0])


def test_with_json_an_internal_error_is_a_json_object_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cantine_rules.cli as cli

    def broken(_arguments: object, _policies: object) -> object:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(cli._COMMANDS, "communes", broken)
    assert main(["communes", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {
        "error": {"kind": "InternalError", "message": "RuntimeError: disk on fire", "field": None}
    }


def test_an_internal_error_exits_1_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cantine_rules.cli as cli

    def broken(_arguments: object, _policies: object) -> object:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(cli._COMMANDS, "communes", broken)
    assert main(["communes"]) == 1
    captured = capsys.readouterr()
    assert "internal error: RuntimeError: disk on fire" in captured.err
    assert "Traceback" not in captured.err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "cantine-rules" in capsys.readouterr().out


def test_check_a_good_policy_file_then_its_grids() -> None:
    data = run_json("check", "examples/communes/ma-commune.toml")
    assert data["problems"] == []
    assert data["findings"] == []
    assert data["grids"] == [
        {"path": "tariffs.repas.versions[0].tariff", "cantine_a_un_euro": True}
    ]
    # Code de l'éducation R531-53: no price above the cost of the service.
    costly = run_json("check", "examples/communes/ma-commune.toml", "--cost", "3.50")
    assert [(f["code"], f["bracket"]) for f in costly["findings"]] == [("above-cost", "T4")]
    human = run("check", "examples/communes/ma-commune.toml")
    assert "qualifies for « cantine à 1 € »" in human.stdout


def test_check_reports_every_problem_with_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "ville.toml"
    bad.write_text(
        'slug = "ville"\nname = "Ville"\npayment_scheme = "cash"\n[calendar]\nzone = "D"\n',
        encoding="utf-8",
    )
    result = run("check", str(bad), "--json")
    assert result.returncode == 2
    problems = {p["path"]: p["message"] for p in json.loads(result.stdout)["problems"]}
    assert set(problems) == {
        "calendar.zone",
        "services",
        "rules",
        "payment_scheme",
    }
    assert "allowed: A, B, C" in problems["calendar.zone"]
    human = run("check", str(bad))
    assert_bad_input(human, "calendar.zone: unknown value 'D'", "payment_scheme")
