"""The words of a commune's attendance regimes and monthly flat fees, for `CommunePolicy.explain`.

Each regime and each fee is one rule, with its own source: ``regime.<service>.fixed_days``,
``regime.<service>.occasional`` and ``fee.<service>.<code>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cantine_rules.money import Money
from cantine_rules.policies._messages import money, month_name, say
from cantine_rules.pricing._monthly import MonthlyFlatFee
from cantine_rules.rules._messages import weekday_in
from cantine_rules.rules.regimes import FixedDays, Occasional, service_weekdays

if TYPE_CHECKING:
    from cantine_rules.policies.commune import CommunePolicy, ExplainedRule

__all__ = ["explain_regimes"]


def explain_regimes(policy: CommunePolicy, lang: str) -> list[ExplainedRule]:
    """One explained rule per regime and per monthly fee of *policy*, in *lang*."""
    from cantine_rules.policies.commune import ExplainedRule

    rules: list[ExplainedRule] = []
    for service_regimes in policy.regimes:
        code = service_regimes.service_code
        label = policy.service(code).label
        for offer in service_regimes.offers:
            if isinstance(offer, FixedDays):
                choosable = offer.choosable(service_weekdays(policy.booking, code))
                topic = f"regime.{code}.fixed_days"
                text = _fixed_days(offer, label, choosable, lang)
                rules.append(ExplainedRule(topic, text, offer.source))
                # When the days may change is a rule of its own: a règlement may be silent on it.
                changes = _changes(offer, label, lang)
                source = offer.changes.source or offer.source
                rules.append(ExplainedRule(f"{topic}.changes", changes, source))
            else:
                text = _occasional(offer, label, lang)
                rules.append(ExplainedRule(f"regime.{code}.occasional", text, offer.source))
        for fee in service_regimes.monthly_fees:
            rules.append(
                ExplainedRule(f"fee.{code}.{fee.code}", _fee(fee, label, lang), fee.source)
            )
    return rules


def _price(amount: Money | None, lang: str) -> str:
    return "" if amount is None else say(lang, "regime.price", amount=money(lang, amount))


def _fixed_days(regime: FixedDays, service: str, choosable: frozenset[int], lang: str) -> str:
    low = regime.min_days
    high = len(choosable) if regime.max_days is None else regime.max_days
    if low == high:
        days = say(lang, "regime.days.exact", count=low)
    else:
        days = say(lang, "regime.days.range", low=low, high=high)
    return say(
        lang,
        "regime.fixed_days",
        service=service,
        label=regime.label,
        days=days,
        among=""
        if regime.weekdays is None
        else say(
            lang,
            "regime.among",
            weekdays=", ".join(weekday_in(day, lang) for day in sorted(choosable)),
        ),
        price=_price(regime.unit_price, lang),
    )


def _changes(regime: FixedDays, service: str, lang: str) -> str:
    terms = regime.changes
    notice = say(lang, "regime.notice", days=terms.notice_days) if terms.notice_days else ""
    return say(
        lang,
        "regime.changes",
        service=service,
        label=regime.label,
        effect=say(lang, f"regime.changes.{terms.effect.value}"),
        notice=notice,
        commune=say(lang, "regime.through_commune") if terms.through_commune else "",
    )


def _occasional(regime: Occasional, service: str, lang: str) -> str:
    return say(
        lang,
        "regime.occasional",
        service=service,
        label=regime.label,
        price=_price(regime.unit_price, lang),
    )


def _period(fee: MonthlyFlatFee, lang: str) -> str:
    if not fee.term_months:
        return say(lang, "fee.period.month")
    first, last = (month_name(lang, month) for month in (fee.term_months[0], fee.term_months[-1]))
    return say(lang, "fee.period.term", first=first, last=last)


def _fee(fee: MonthlyFlatFee, service: str, lang: str) -> str:
    by_children = ""
    if fee.by_children:
        amounts = ", ".join(
            say(
                lang, "fee.children_amount", amount=money(lang, item.amount), children=item.children
            )
            for item in fee.by_children
        )
        by_children = say(lang, "fee.by_children", amounts=amounts)
    refund = fee.refund_per_absent_day
    return say(
        lang,
        "fee",
        service=service,
        label=fee.label,
        amount=money(lang, fee.amount),
        period=_period(fee, lang),
        per=say(lang, f"fee.per.{fee.per.value}"),
        by_children=by_children,
        month=say(lang, "fee.term" if fee.term_months else "fee.month"),
        refund=say(lang, "fee.no_refund")
        if refund is None
        else say(lang, "fee.refund", amount=money(lang, refund)),
    )
