"""Where a rule or a figure comes from: a seed sentence, a public reference, an example, a default.

Every commune rule and every tariff figure carries a [`Source`][]. Only seed sentences and
public references count as
*sourced*; an example (a rule seen in other communes, given to illustrate) and a default (a
figure no source gives, chosen by the library) are never presented as a commune's fact.

Examples:
    >>> Source.seed("« 3.60€ » à l'unité").sourced
    True
    >>> Source.default("no source gives it").sourced
    False
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from cantine_rules._validators import enum_member, identifier

__all__ = ["Source", "SourceKind"]


class SourceKind(StrEnum):
    """What kind of authority stands behind a figure."""

    SEED = "seed"
    """A sentence of a commune's own guide for parents (quoted)."""
    PUBLIC = "public"
    """A public reference: a law, a decree, a commune's published grid."""
    EXAMPLE = "example"
    """A rule seen in other communes, given to illustrate; not the figure of any commune here."""
    DEFAULT = "default"
    """No source gives it: the library's choice, to be replaced by the commune's own figure."""


@attrs.frozen
class Source:
    """The origin of a figure: its kind and the quotation or reference it comes from.

    Attributes:
        kind: seed, public, example or default.
        reference: the quoted sentence, the reference (title, article, address), or for a
            default the reason it was chosen.

    Examples:
        >>> Source.public("Code de l'éducation, art. R531-53").kind.value
        'public'
    """

    kind: SourceKind = attrs.field(validator=enum_member(SourceKind))
    reference: str = attrs.field(validator=identifier)

    @classmethod
    def seed(cls, quotation: str) -> Source:
        """A sentence quoted from a commune's guide."""
        return cls(SourceKind.SEED, quotation)

    @classmethod
    def public(cls, reference: str) -> Source:
        """A public reference (law, published grid)."""
        return cls(SourceKind.PUBLIC, reference)

    @classmethod
    def example(cls, reference: str) -> Source:
        """A rule seen in other communes, given as an example."""
        return cls(SourceKind.EXAMPLE, reference)

    @classmethod
    def default(cls, reason: str) -> Source:
        """A figure no source gives; *reason* says why the library chose it."""
        return cls(SourceKind.DEFAULT, reason)

    @property
    def sourced(self) -> bool:
        """True for a seed sentence or a public reference; False for an example or a default."""
        return self.kind in (SourceKind.SEED, SourceKind.PUBLIC)
