"""The registry of reference communes: names, aliases, and lazily imported modules.

Each reference commune lives in its own module under [`policies`][cantine_rules.policies] (as
python-holidays keeps one module per country) and exposes its `CommunePolicy` as
``POLICY``. A module is imported the first time its commune is asked for.

>>> names()
('alsh-postfacturation', 'chantraine', 'lutins-gourmands', 'paris', 'saint-just-d-avray')
>>> get("St-Just-d'Avray").slug
'saint-just-d-avray'
"""

from __future__ import annotations

import importlib
import unicodedata
from typing import TYPE_CHECKING, Final

from cantine_rules.errors import InvalidTypeError, UnknownCommuneError

if TYPE_CHECKING:
    from cantine_rules.policies.commune import CommunePolicy

__all__ = ["aliases", "get", "names"]

#: slug -> (module, aliases). Adding a commune is one module and one line here.
_REGISTRY: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "alsh-postfacturation": ("alsh_postfacturation", ("seed-002", "espace-famille-alsh")),
    "chantraine": ("chantraine", ("seed-000",)),
    "lutins-gourmands": ("lutins_gourmands", ("seed-001", "les-lutins-gourmands")),
    "paris": ("paris", ("seed-004", "caisse-des-ecoles-paris")),
    "saint-just-d-avray": (
        "saint_just_d_avray",
        ("seed-003", "saint-just-davray", "st-just-d-avray", "st-just-davray"),
    ),
}


def _normalise(name: str) -> str:
    """Lower case, no accents, apostrophes and blanks as hyphens: « St-Just-d'Avray » → slug."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    for separator in ("'", "’", " ", "_"):
        plain = plain.replace(separator, "-")
    return plain


_LOOKUP: Final[dict[str, str]] = {
    _normalise(alias): slug
    for slug, (_, slug_aliases) in _REGISTRY.items()
    for alias in (slug, *slug_aliases)
}


def names() -> tuple[str, ...]:
    """The slugs of the reference communes, sorted."""
    return tuple(sorted(_REGISTRY))


def aliases() -> dict[str, tuple[str, ...]]:
    """The aliases the registry accepts for each slug."""
    return {slug: slug_aliases for slug, (_, slug_aliases) in sorted(_REGISTRY.items())}


def get(name: str) -> CommunePolicy:
    """The policy of the commune *name* (a slug or an alias, any case, accents ignored).

    Raises:
        UnknownCommuneError: no such commune; the error lists the known slugs.
    """
    if not isinstance(name, str):
        raise InvalidTypeError("commune", name, "must be a str")
    # A slug as written is found at once; any other spelling is normalised first.
    slug = _LOOKUP.get(name) or _LOOKUP.get(_normalise(name))
    if slug is None:
        raise UnknownCommuneError(name, names())
    module = importlib.import_module(f"cantine_rules.policies.{_REGISTRY[slug][0]}")
    policy: CommunePolicy = module.POLICY
    return policy
