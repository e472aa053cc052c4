"""The registry of reference communes, and what a commune's policy gives beyond its rules.

What every commune obeys is in `_commune_base.CommuneTests`, which the test module of each
commune runs with the replays of its own seed (as python-holidays runs its common country tests
from each country's module). A test here checks that every registered commune has such a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import attrs
import pytest

import cantine_rules.policies as policies_package
from cantine_rules import (
    InvalidValueError,
    Money,
    UnknownCommuneError,
)
from cantine_rules._deprecation import MOVED_MODULES
from cantine_rules.policies import (
    CommunePolicy,
    aliases,
    get,
    names,
)
from cantine_rules.pricing.accounts import PaymentMode, Wallet
from tests.policies._commune_base import CommuneTests

COMMUNES = names()


def test_registry_lists_the_five_reference_communes() -> None:
    assert COMMUNES == (
        "alsh-postfacturation",
        "chantraine",
        "lutins-gourmands",
        "paris",
        "saint-just-d-avray",
    )


def test_registry_and_modules_agree() -> None:
    # Every module that defines a POLICY is registered, and every registered name loads its own.
    modules = {
        info.name
        for info in pkgutil.iter_modules(policies_package.__path__)
        if not info.name.startswith("_")
        and f"cantine_rules.policies.{info.name}" not in MOVED_MODULES
    }
    commune_modules = set()
    for module_name in modules:
        module = __import__(f"cantine_rules.policies.{module_name}", fromlist=["POLICY"])
        if isinstance(getattr(module, "POLICY", None), CommunePolicy):
            commune_modules.add(module.POLICY.slug)
    assert commune_modules == set(COMMUNES)


def test_aliases_and_spelling_variants_resolve() -> None:
    for slug, slug_aliases in aliases().items():
        for alias in (slug, *slug_aliases, slug.upper()):
            assert get(alias).slug == slug
    assert get("Saint-Just-d'Avray").slug == "saint-just-d-avray"
    assert get("st just d avray").slug == "saint-just-d-avray"


def test_an_unknown_commune_lists_the_known_ones() -> None:
    with pytest.raises(UnknownCommuneError) as caught:
        get("montcuq")
    assert caught.value.known == COMMUNES
    assert "paris" in str(caught.value)
    assert isinstance(caught.value, LookupError)
    with pytest.raises(TypeError):
        get(75)  # type: ignore[arg-type]


def test_the_registry_is_the_one_place_aliases_are_written() -> None:
    package = Path(policies_package.__file__).parent
    written = {alias for slug_aliases in aliases().values() for alias in slug_aliases}
    for module in package.glob("*.py"):
        if module.name == "registry.py":
            continue
        text = module.read_text(encoding="utf-8")
        repeated = sorted(alias for alias in written if f'"{alias}"' in text)
        assert not repeated, (module.name, repeated)


def test_a_communes_wallet_comes_from_its_policy() -> None:
    chantraine = get("chantraine")
    assert chantraine.wallet() == Wallet(
        alert_threshold=Money.euros(30), accepted_modes=chantraine.payment_modes
    )
    with pytest.raises(InvalidValueError) as no_wallet:
        get("paris").wallet()
    assert no_wallet.value.field == "wallet_alert_threshold"
    with_wallet = attrs.evolve(get("lutins-gourmands"), wallet_alert_threshold=Money.euros(10))
    # Paper tickets cannot credit a wallet that holds euros.
    assert with_wallet.wallet().accepted_modes == {PaymentMode.PAYFIP}
    tickets_only = attrs.evolve(with_wallet, payment_modes={PaymentMode.TICKETS})
    with pytest.raises(InvalidValueError) as tickets:
        tickets_only.wallet()
    assert tickets.value.field == "payment_modes"


def test_every_registered_commune_runs_the_common_tests() -> None:
    folder = Path(__file__).parent
    for slug in COMMUNES:
        module = importlib.import_module(f"tests.policies.test_{slug.replace('-', '_')}")
        classes = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, CommuneTests)
            and value.__name__.startswith("Test")
        ]
        assert [cls.slug for cls in classes] == [slug], slug
        assert (folder / f"test_{slug.replace('-', '_')}.py").exists()
