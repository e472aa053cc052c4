"""The layout of the package: one room per job, imports that run one way, names that do not
collide, and the old module paths that keep working for one release."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import sys
import warnings
from pathlib import Path
from types import ModuleType

import pytest

import cantine_rules
from cantine_rules._deprecation import MOVED_MODULES

SRC = Path(cantine_rules.__file__).parent
_SEPA_EXTRA = all(importlib.util.find_spec(name) for name in ("schwifty", "sepaxml"))

#: Each room of the package and the rooms it may import from: the imports run one way, from the
#: values to the calendar, pricing, the rule engine, the communes, then plain data and billing,
#: then the command line and the testing kit.
LAYERS: dict[str, int] = {
    "_deprecation": 0,
    "_lazy": 0,
    "_pickling": 0,  # how values and errors pickle, alike in every process
    "_spelling": 0,  # days and amounts written as babel writes them, without loading babel
    "_reading": 0,  # the plain-data reader's core and leaf parsers, which the command shares
    "_time": 0,
    "_validators": 0,
    "errors": 0,
    "money": 0,
    "model": 0,
    "sources": 0,
    "bookings": 1,
    "calendar": 1,
    "pricing": 2,
    "rules": 3,
    "policies": 4,
    "plain": 5,
    "billing": 5,
    "schemas": 5,  # the JSON Schemas of the plain-data files and of the command's answers
    # Direct debits from the invoices billing makes (mandates, pain.008 files); needs the `sepa`
    # extra, so no lower room imports it.
    "sepa": 5,
    # SVG pictures of a commune's grids and weeks, and its documentation page, from its policy.
    "pictures": 5,
    "examples": 5,  # the example policy and scenario files shipped with the package
    "cli": 6,
    "testing": 6,
    # The hypothesis entry point's hook: it imports the testing kit.
    "_hypothesis_hook": 6,
    # A month billed in partitions, in one process or on a Dask cluster (the `dask` extra).
    "scale": 6,
    # The service answers requests through the command's own functions; the command starts it.
    "serve": 6,
    "__main__": 7,
}


def _module_names() -> list[str]:
    names = ["cantine_rules"]
    for info in pkgutil.walk_packages(cantine_rules.__path__, "cantine_rules."):
        names.append(info.name)
    return sorted(names)


def _room(module_name: str) -> str:
    parts = module_name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _source_of(module_name: str) -> Path:
    relative = Path(*module_name.split(".")[1:])
    package = SRC / relative / "__init__.py"
    return package if package.exists() else SRC / relative.with_suffix(".py")


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "cantine_rules"}


def test_every_module_belongs_to_a_room() -> None:
    rooms = {_room(name) for name in _module_names()} - {""}
    assert rooms <= set(LAYERS), rooms - set(LAYERS)


@pytest.mark.parametrize(
    "module_name", [name for name in _module_names() if name not in MOVED_MODULES]
)
def test_imports_run_one_way(module_name: str) -> None:
    room = _room(module_name)
    # The package itself re-exports the values only.
    allowed = LAYERS[room] if room else 0
    for imported in _imported(_source_of(module_name)):
        target = _room(imported)
        if not target or target == room:
            continue
        assert LAYERS[target] <= allowed, f"{module_name} imports {imported}"


def test_the_rule_engine_and_pricing_import_no_commune() -> None:
    # They decide and price with the rules they are given; a commune's figures live in its module.
    for room in ("rules", "pricing"):
        for path in (SRC / room).glob("*.py"):
            for imported in _imported(path):
                assert not imported.startswith("cantine_rules.policies"), (path.name, imported)


def test_no_attribute_shadows_a_submodule() -> None:
    # ``import cantine_rules.X.Y as m`` must bind the module Y, never a name of X's that hides it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for name in _module_names():
            if _room(name) == "sepa" and not _SEPA_EXTRA:
                continue  # its libraries are the `sepa` extra's, which CI installs
            module = importlib.import_module(name)
            parent, _, child = name.rpartition(".")
            if not parent:
                continue
            bound = getattr(importlib.import_module(parent), child)
            assert isinstance(bound, ModuleType), f"{parent}.{child} is {bound!r}, not the module"
            assert bound is module
            exported = getattr(module, "__all__", ())
            submodules = {
                info.name for info in pkgutil.iter_modules(getattr(module, "__path__", []))
            }
            assert not submodules & set(exported), (name, submodules & set(exported))


@pytest.mark.parametrize(("old", "new"), sorted(MOVED_MODULES.items()))
def test_a_moved_module_still_imports_and_says_where_it_went(old: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match=f"{old} is now {new}; the old name goes in 0.3"):
        module = (
            importlib.reload(sys.modules[old])
            if old in sys.modules
            else importlib.import_module(old)
        )
    target = importlib.import_module(new)
    assert module.__all__ == target.__all__
    for name in target.__all__:
        assert getattr(module, name) is getattr(target, name)


def test_the_time_zone_is_not_named_like_a_commune() -> None:
    assert "PARIS" not in cantine_rules.__all__
    assert str(cantine_rules.EUROPE_PARIS) == "Europe/Paris"
    with pytest.warns(DeprecationWarning, match="cantine_rules.PARIS is now"):
        old = cantine_rules.PARIS  # type: ignore[attr-defined]
    assert old is cantine_rules.EUROPE_PARIS
    with pytest.raises(AttributeError, match="no attribute 'PARISH'"):
        cantine_rules.PARISH  # type: ignore[attr-defined]  # noqa: B018
