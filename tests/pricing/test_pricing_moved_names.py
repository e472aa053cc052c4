"""The communes' figures that pricing held: their old names work for one release, and warn."""

from __future__ import annotations

import importlib

import pytest

import cantine_rules.pricing.accounts as accounts
import cantine_rules.pricing.tariffs as tariffs
from cantine_rules.policies import chantraine, lutins_gourmands, paris
from cantine_rules.pricing._moved import MOVED_NAMES
from tests._helpers import assert_warned_from

OLD_AND_NEW = [
    (tariffs, "LUTINS_GOURMANDS_MEAL", lutins_gourmands.MEAL),
    (tariffs, "PARIS_DOSSIER_2024", paris.DOSSIER_2024),
    (tariffs, "PARIS_MEAL_GRID_2020", paris.MEAL_GRID_2020),
    (tariffs, "PARIS_MEAL_RANGES_2020", paris.MEAL_RANGES_2020),
    (tariffs, "PARIS_MEAL_TARIFFS", paris.MEAL_TARIFFS),
    (tariffs, "PARIS_QUOTIENT_POLICY_2024", paris.QUOTIENT_POLICY_2024),
    (accounts, "CHANTRAINE_ALERT_THRESHOLD", chantraine.ALERT_THRESHOLD),
    (accounts, "CHANTRAINE_CREDIT_MODES", chantraine.CREDIT_MODES),
]


@pytest.mark.parametrize(("module", "old", "new"), OLD_AND_NEW, ids=lambda value: str(value)[:30])
def test_an_old_name_warns_and_gives_the_commune_modules_value(
    module: object, old: str, new: object
) -> None:
    with pytest.warns(DeprecationWarning, match=rf"{old} is now cantine_rules\.policies\.") as got:
        value = getattr(module, old)
    assert value is new
    assert "goes in 0.3" in str(got[0].message)
    assert_warned_from(got, __file__)


def test_old_names_are_no_longer_exported() -> None:
    for module, old, _ in OLD_AND_NEW:
        assert old not in module.__all__  # type: ignore[attr-defined]
    assert {old for _, old, _ in OLD_AND_NEW} == {
        old for names in MOVED_NAMES.values() for old in names
    }


def test_from_import_of_an_old_name_still_works() -> None:
    with pytest.warns(DeprecationWarning, match="PARIS_MEAL_TARIFFS"):
        from cantine_rules.pricing.tariffs import PARIS_MEAL_TARIFFS
    assert PARIS_MEAL_TARIFFS is paris.MEAL_TARIFFS


def test_a_name_that_never_was_there_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="PARIS_MEAL_GRID_2099"):
        _ = tariffs.PARIS_MEAL_GRID_2099
    with pytest.raises(AttributeError, match=r"pricing\.accounts' has no attribute"):
        _ = accounts.CHANTRAINE_WALLET


def test_a_wallet_s_deprecated_defaults_are_chantraine_s_and_say_so_whole() -> None:
    with pytest.warns(DeprecationWarning, match=r"^Wallet\(\) without") as caught:
        wallet = accounts.Wallet()
    assert (wallet.alert_threshold, wallet.accepted_modes) == (
        chantraine.ALERT_THRESHOLD,
        chantraine.CREDIT_MODES,
    )
    assert [str(warning.message) for warning in caught] == [
        f"Wallet() without {field} takes Chantraine's (cantine_rules.policies.chantraine."
        f"{name}); give it, or take a commune's wallet with CommunePolicy.wallet(); the default "
        "goes in 0.3"
        for field, name in (
            ("alert_threshold", "ALERT_THRESHOLD"),
            ("accepted_modes", "CREDIT_MODES"),
        )
    ]


@pytest.mark.parametrize(
    ("module", "name", "private"),
    [
        (accounts, "Basket", "cantine_rules.pricing._basket"),
        (tariffs, "check_grid", "cantine_rules.pricing._checks"),
    ],
)
def test_a_name_imported_on_first_use_comes_from_its_private_module(
    module: object, name: str, private: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = getattr(importlib.import_module(private), name)
    assert getattr(module, name) is expected
    # Forgotten, as in a fresh process, it is imported again by the module's __getattr__.
    monkeypatch.delattr(module, name)
    assert getattr(module, name) is expected
