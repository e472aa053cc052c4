"""``cantine-rules bill``: the basket paid at booking and the prepaid wallet, as JSON and text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "examples" / "scenarios"


def run(*args: str) -> subprocess.CompletedProcess[str]:
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


def unpaid_lutins(tmp_path: Path) -> Path:
    text = (SCENARIOS / "lutins-gourmands.toml").read_text(encoding="utf-8")
    path = tmp_path / "unpaid.toml"
    path.write_text(text[: text.index("[[payments]]")], encoding="utf-8")
    return path


def test_an_unpaid_lutins_basket_shows_a_payer_and_owes_nothing(tmp_path: Path) -> None:
    # Seed 001: « A payer : 14.40€ »; unpaid, « vos réservations ne seront pas prises en compte »,
    # so the account does not end at -14,40 €.
    path = unpaid_lutins(tmp_path)
    text = run("bill", str(path)).stdout
    assert "A payer : 14,40\u00a0€" in text
    assert "non payé : ces réservations ne sont pas prises en compte" in text
    assert "Solde : 0,00\u00a0€" in text
    data = run_json("bill", str(path))
    assert data["basket"]["to_pay"] == "14.40"
    assert data["basket"]["paid"] is False
    assert data["basket"]["outstanding"] == "0.00"
    assert data["statement"]["balance"] == "0.00"
    assert data["wallet"] is None


def test_the_chantraine_wallet_and_its_events(tmp_path: Path) -> None:
    # Seed 000: « à partir de 30 € vous serez relancer par mail et sms »; « Tous les comptes
    # négatifs seront immédiatement rappelés par le service comptable de la mairie ».
    data = run_json("bill", str(SCENARIOS / "chantraine.toml"))
    wallet = data["wallet"]
    assert (wallet["balance"], wallet["threshold"]) == ("25.50", "30.00")
    assert [(e["kind"], e["date"], e["balance"]) for e in wallet["events"]] == [
        ("low_balance", "2024-11-05", "28.00"),
        ("negative", "2024-11-22", "-0.50"),
        ("low_balance", "2024-11-28", "29.00"),
    ]
    assert data["basket"] is None
    english = run("bill", str(SCENARIOS / "chantraine.toml"), "--lang", "en").stdout
    assert "Prepaid wallet : €25.50" in english
    assert "negative balance: recalled by the accounts service, then recovery" in english


def test_a_payment_in_dollars_is_bad_input(tmp_path: Path) -> None:
    text = (SCENARIOS / "chantraine.toml").read_text(encoding="utf-8")
    path = tmp_path / "usd.toml"
    path.write_text(text + 'currency = "USD"\n', encoding="utf-8")
    result = run("bill", str(path))
    assert result.returncode == 2
    assert "payments[0].currency: must be EUR: the library bills in euros only" in result.stderr
