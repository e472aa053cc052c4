"""Where a command's commune comes from: a reference commune's name, or a policy file's path.

Wherever a command takes a commune, it also takes the path of a TOML policy file
(``cantine-rules decide ./ma-commune.toml …``), loaded with the same checks as ``check``. A
[`PolicyLoader`][] keeps each file it loaded and loads it again when the file changes, so a
long-running service reads a policy once and still sees a commune's new règlement.
"""

from __future__ import annotations

import os

from cantine_rules.errors import InvalidValueError
from cantine_rules.policies import CommunePolicy, get

__all__ = ["PolicyLoader", "is_policy_path"]


def is_policy_path(name: str) -> bool:
    """True when *name* is a policy file's path rather than a commune's name.

    A path ends with ``.toml`` or names a folder; a commune's name never does.

    Examples:
        >>> is_policy_path("./ma-commune.toml"), is_policy_path("saint-just-d-avray")
        (True, False)
    """
    return name.lower().endswith(".toml") or "/" in name or os.sep in name


class PolicyLoader:
    """Gives the policy of a commune name or a policy file, each file read once until it changes.

    Examples:
        >>> loader = PolicyLoader()
        >>> loader.get("saint-just-d-avray").name
        "Saint-Just-d'Avray"
    """

    def __init__(self) -> None:
        # path -> (the file's modification time and size when read, the policy read)
        self._files: dict[str, tuple[tuple[int, int], CommunePolicy]] = {}

    def get(self, name: str, field: str = "commune") -> CommunePolicy:
        """The policy *name* stands for: a registered commune, or the file at that path.

        Raises:
            UnknownCommuneError: no such commune (and *name* is not a path).
            InvalidValueError: the file cannot be read (named by *field*).
            PolicyError: the file is not a valid policy; every problem with its path.
        """
        if not is_policy_path(name):
            return get(name)
        from pathlib import Path  # a policy file's path: a commune's name needs none of it

        path = Path(name)
        try:
            status = path.stat()
        except OSError as error:
            raise InvalidValueError(field, name, f"cannot be read ({error.strerror})") from None
        stamp = (status.st_mtime_ns, status.st_size)
        kept = self._files.get(name)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        # The plain-data reader is imported for a policy file only: naming a reference commune
        # needs none of it.
        from cantine_rules.plain import load_toml

        try:
            policy = load_toml(path)
        except OSError as error:
            raise InvalidValueError(field, name, f"cannot be read ({error.strerror})") from None
        self._files[name] = (stamp, policy)
        return policy
