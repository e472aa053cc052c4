"""Loading the example communes of ``examples/communes`` for their tests."""

from __future__ import annotations

from pathlib import Path

from cantine_rules.plain import load_toml
from cantine_rules.policies import CommunePolicy

COMMUNES = Path(__file__).resolve().parents[2] / "examples" / "communes"


def commune(slug: str) -> CommunePolicy:
    """The example commune *slug*, read from its TOML file."""
    return load_toml(COMMUNES / f"{slug}.toml")
