"""`explain` states the direct-debit pre-notification delay, in French and English, and marks
the library's 14 days as a default."""

from __future__ import annotations

import attrs

from cantine_rules import policies
from cantine_rules.money import Money
from cantine_rules.pricing._direct_debit import DirectDebitTerms
from cantine_rules.sources import Source, SourceKind

PARIS = policies.get("paris")


def _rule(policy: policies.CommunePolicy, lang: str) -> policies.ExplainedRule:
    (rule,) = [rule for rule in policy.explain(lang) if rule.topic == "direct_debit"]
    return rule


def test_paris_collects_by_direct_debit_with_the_default_delay_marked_as_such() -> None:
    french, english = _rule(PARIS, "fr"), _rule(PARIS, "en")
    assert "au moins 14 jours calendaires avant le prélèvement" in french.text
    assert "at least 14 calendar days before the debit" in english.text
    for rule in (french, english):
        assert rule.source is not None
        assert rule.source.kind is SourceKind.DEFAULT
    assert "SEPA" in (french.source.reference if french.source else "")


def test_a_commune_s_own_delay_and_fee_are_stated_with_its_source() -> None:
    source = Source.example("prélevé 10 jours après l'avis")
    policy = attrs.evolve(PARIS, direct_debit=DirectDebitTerms(10, source, Money.euros("7.50")))
    french, english = _rule(policy, "fr"), _rule(policy, "en")
    assert "au moins 10 jours" in french.text
    assert "7,50" in french.text
    assert "A returned debit costs a fee of €7.50." in english.text
    assert french.source == source


def test_a_commune_without_direct_debit_says_nothing_of_it() -> None:
    chantraine = policies.get("chantraine")
    assert all(rule.topic != "direct_debit" for rule in chantraine.explain("fr"))
