"""`AbsenceRules`, a commune's absence policies by service, apart from the policies themselves.

Every [`CommunePolicy`][cantine_rules.policies.commune.CommunePolicy] holds one, most of them
empty: this module builds that value without the classes of
[`cantine_rules.rules.absences`][], which judge an absence and are imported when a commune
sets a policy (a process that decides one booking change judges no absence). Read it from
[`cantine_rules.rules.absences`][] or [`cantine_rules.rules`][], which re-export it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from cantine_rules.errors import InvalidTypeError

if TYPE_CHECKING:
    from cantine_rules.rules.absences import AbsencePolicy

__all__ = ["AbsenceRules"]


def _default(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    from cantine_rules.rules.absences import AbsencePolicy  # a policy was given: see above

    if not isinstance(value, AbsencePolicy):
        raise InvalidTypeError(attribute.name, value, "must be an AbsencePolicy or None")


def _by_service(
    value: Mapping[str, AbsencePolicy] | Iterable[tuple[str, AbsencePolicy]],
) -> tuple[tuple[str, AbsencePolicy], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    # Sorted by code, so that equal rules compare equal whatever order they were given in.
    result = tuple(sorted(items, key=lambda item: item[0]))
    if not result:
        return result
    from cantine_rules.rules.absences import AbsencePolicy  # policies were given: see above

    for code, policy in result:
        if not isinstance(policy, AbsencePolicy):
            raise InvalidTypeError(f"by_service.{code}", policy, "must be an AbsencePolicy")
    return result


@attrs.frozen
class AbsenceRules:
    """A commune's absence policies: one by default, and one per service code.

    Examples:
        >>> from cantine_rules.money import Money
        >>> from cantine_rules.rules.absences import AbsencePolicy, FlatCharge
        >>> rules = AbsenceRules(AbsencePolicy(), {"soir": AbsencePolicy(FlatCharge(Money.zero()))})
        >>> rules.for_service("repas") == AbsencePolicy(), rules.for_service("soir").charge
        (True, FlatCharge(amount=Money.euros('0.00')))
        >>> AbsenceRules().for_service("repas") is None
        True
    """

    default: AbsencePolicy | None = attrs.field(default=None, validator=_default)
    by_service: tuple[tuple[str, AbsencePolicy], ...] = attrs.field(
        factory=tuple, converter=_by_service
    )

    def for_service(self, code: str) -> AbsencePolicy | None:
        """The absence policy of the service *code*, or None when the commune sets none."""
        for known, policy in self.by_service:
            if known == code:
                return policy
        return self.default

    @property
    def is_empty(self) -> bool:
        """True when no service has an absence policy."""
        return self.default is None and not self.by_service


# Its public home, as before it was set apart: reprs, pickles and the documentation name it
# ``cantine_rules.rules.absences.AbsenceRules``.
AbsenceRules.__module__ = "cantine_rules.rules.absences"
