"""Rendering the library's answers: JSON-ready data, and text for people in French or English.

Nothing here decides, prices or counts: each function only lays out a value the library gave.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from cantine_rules.money import CURRENCY
from cantine_rules.rules.decisions import format_day, format_instant

if TYPE_CHECKING:
    # Named in annotations only: a command that decides one change imports no billing, plain
    # data, accounts or planning grid (start-up is most of what a one-shot command costs).
    from cantine_rules.billing import BasketSettlement, BillResult, Quote, WalletHistory
    from cantine_rules.calendar import DayInfo
    from cantine_rules.errors import PolicyError
    from cantine_rules.examples import Copy, Example
    from cantine_rules.plain import GridCheck
    from cantine_rules.policies import CommunePolicy, Decision, ExplainedRule
    from cantine_rules.pricing.accounts import InvoiceLine, StatementRow
    from cantine_rules.pricing.tariffs import MissingFigure
    from cantine_rules.rules.planning_grid import PlanningGrid

__all__ = [
    "bill_data",
    "bill_text",
    "calendar_data",
    "calendar_text",
    "check_data",
    "check_text",
    "communes_data",
    "communes_text",
    "copy_data",
    "copy_text",
    "decision_data",
    "examples_data",
    "examples_text",
    "explain_data",
    "explain_text",
    "planning_data",
    "planning_text",
    "problems_data",
    "problems_text",
    "quote_data",
    "quote_text",
]

#: The words of the text output, by language.
_WORDS: Final = {
    "fr": {
        "locale": "fr_FR",
        "school": "école",
        "until": "jusqu'au",
        "default": " [valeur par défaut]",
        "family": "famille",
        "invoice": "Facture",
        "statement": "Relevé de compte",
        "balance": "Solde",
        "copied": "copié : {path}",
        "unchanged": "déjà à jour : {path}",
        "unknown.bracket": "prix inconnu : aucune source ne donne le prix de « {bracket} »",
        "households": "Facture par foyer",
        "reported.already_booked": "ajout d'un jour déjà réservé : rien de plus n'est facturé",
        "reported.cancel_not_booked": "annulation d'un jour non réservé : rien n'est annulé",
        "reported.absence_not_booked": "absence un jour non réservé : rien n'est facturé",
        "reported.unknown_price": "laissé hors facture",
        "unknown.quotient": (
            "prix inconnu : un QF de {qf} est en « {bracket} » ou au-delà, tarifs qu'aucune "
            "source ne donne"
        ),
    },
    "en": {
        "locale": "en",
        "school": "school",
        "until": "until",
        "default": " [default]",
        "family": "family",
        "invoice": "Invoice",
        "statement": "Account statement",
        "balance": "Balance",
        "copied": "copied: {path}",
        "unchanged": "already up to date: {path}",
        "unknown.bracket": "price unknown: no source gives the price of “{bracket}”",
        "households": "Invoice by household",
        "reported.already_booked": "add of a day already booked: nothing more is billed",
        "reported.cancel_not_booked": "cancellation of a day not booked: nothing is cancelled",
        "reported.absence_not_booked": "absence on a day not booked: nothing is billed",
        "reported.unknown_price": "left off the invoice",
        "unknown.quotient": (
            "price unknown: a QF of {qf} lies in “{bracket}” or above, tariffs no source gives"
        ),
    },
}


def _words(lang: str) -> dict[str, str]:
    return _WORDS["en" if lang == "en" else "fr"]


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# communes, explain -------------------------------------------------------------------------------


def _services(policy: CommunePolicy) -> list[dict[str, str]]:
    return [
        {"code": service.code, "label": service.label, "kind": service.kind.value}
        for service in policy.services
    ]


def communes_data(policies: Sequence[CommunePolicy]) -> dict[str, Any]:
    """``{"communes": [{"slug", "name", "zone", "payment_scheme", "services"}]}``."""
    return {
        "communes": [
            {
                "slug": policy.slug,
                "name": policy.name,
                "zone": policy.calendar.zone.value,
                "payment_scheme": policy.payment_scheme.value,
                "services": _services(policy),
            }
            for policy in policies
        ]
    }


def communes_text(policies: Sequence[CommunePolicy]) -> str:
    """One line per commune: slug, name, zone and services."""
    lines = []
    for policy in policies:
        codes = ", ".join(f"{s['code']} ({s['kind']})" for s in _services(policy))
        zone = policy.calendar.zone.value
        lines.append(f"{policy.slug:22} {policy.name} — zone {zone} — {codes}")
    return "\n".join(lines)


def explain_data(policy: CommunePolicy, rules: Sequence[ExplainedRule]) -> dict[str, Any]:
    """``{"commune", "name", "rules": [{"topic", "text", "default", "source"}]}``."""
    return {
        "commune": policy.slug,
        "name": policy.name,
        "rules": [
            {
                "topic": rule.topic,
                "text": rule.text,
                "default": rule.is_default,
                "source": None
                if rule.source is None
                else {"kind": rule.source.kind.value, "reference": rule.source.reference},
            }
            for rule in rules
        ],
    }


def explain_text(policy: CommunePolicy, rules: Sequence[ExplainedRule], lang: str) -> str:
    """The commune's name, then one rule a line with its source."""
    return f"{policy.name}\n" + "\n".join(f"- {rule.render(lang)}" for rule in rules)


# calendar ----------------------------------------------------------------------------------------


def calendar_data(policy: CommunePolicy, days: Iterable[DayInfo]) -> dict[str, Any]:
    """``{"commune", "days": [{"date", "school_day", "public_holiday", …}]}``."""
    return {
        "commune": policy.slug,
        "days": [
            {
                "date": info.day.isoformat(),
                "school_day": info.school_day,
                "public_holiday": info.public_holiday,
                "school_holiday": info.school_holiday,
                "closure": info.closure,
                "working_day": info.working_day,
            }
            for info in days
        ],
    }


def calendar_text(days: Iterable[DayInfo], lang: str) -> str:
    """One line per day: the day, whether it is a school day, and what it is."""
    school = _words(lang)["school"]
    lines = []
    for info in days:
        what = "; ".join(
            label
            for label in (info.public_holiday, info.school_holiday, info.closure)
            if label is not None
        )
        kind = school if info.school_day else "—"
        lines.append(f"{format_day(info.day, lang):32} {kind:7} {what}")
    return "\n".join(lines)


# decide, planning --------------------------------------------------------------------------------


def decision_data(decision: Decision, lang: str) -> dict[str, Any]:
    """A decision's fields: status, deadline, charge (or why it is unknown), reason and message."""
    return {
        "status": decision.status.value,
        "deadline": _iso(decision.deadline),
        "opens_at": _iso(decision.opens_at),
        "service_start": decision.service_start.isoformat(),
        "charge": None if decision.charge is None else str(decision.charge.amount),
        "charge_unknown": None
        if decision.missing_figure is None
        else decision.missing_figure.describe(),
        "currency": CURRENCY,
        "reason": decision.reason.value,
        "message": decision.explain(lang),
    }


def planning_data(policy: CommunePolicy, service: str, grid: PlanningGrid) -> dict[str, Any]:
    """``{"commune", "service", "days": [{"date", "status", "changeable_until", …}]}``."""
    return {
        "commune": policy.slug,
        "service": service,
        "days": [
            {
                "date": cell.day.isoformat(),
                "status": cell.status.value,
                "changeable_until": _iso(cell.changeable_until),
                "opens_at": _iso(cell.opens_at),
                "late": cell.late,
                "reason": cell.reason,
            }
            for cell in grid.days
        ],
    }


def planning_text(grid: PlanningGrid, lang: str) -> list[str]:
    """One line per day: the day, its status, and until when it can change."""
    until = _words(lang)["until"]
    lines = []
    for cell in grid.days:
        tail = ""
        if cell.changeable_until is not None:
            tail = f" {until} {format_instant(cell.changeable_until, lang)}"
        elif cell.reason:
            tail = f" ({cell.reason})"
        lines.append(f"{format_day(cell.day, lang):32} {cell.status.value}{tail}")
    return lines


# price -------------------------------------------------------------------------------------------


def quote_data(quote: Quote, day: date) -> dict[str, Any]:
    """``{"unit_price", "bracket", "currency", "day", "source", "default", "price_unknown"}``.

    A price no source gives has ``unit_price`` and ``bracket`` null and ``price_unknown`` saying
    why; otherwise ``price_unknown`` is null.
    """
    price = quote.price
    return {
        "unit_price": None if price is None else str(price.unit_price.amount),
        "bracket": None if price is None else price.bracket,
        "currency": CURRENCY,
        "day": day.isoformat(),
        "source": {"kind": quote.source.kind.value, "reference": quote.source.reference},
        "default": quote.is_default,
        "price_unknown": quote.unknown,
    }


def _unknown_text(missing: MissingFigure, words: Mapping[str, str]) -> str:
    if missing.quotient_familial is None:
        return words["unknown.bracket"].format(bracket=missing.bracket)
    from babel.numbers import format_decimal  # babel only where a number is written

    qf = format_decimal(missing.quotient_familial, locale=words["locale"])
    return words["unknown.quotient"].format(bracket=missing.bracket, qf=qf)


def quote_text(quote: Quote, lang: str) -> str:
    """The price, its bracket, and a mark when no source gives it; or why it is unknown."""
    words = _words(lang)
    missing = quote.missing
    if missing is not None:
        return _unknown_text(missing, words)
    price = quote.price
    assert price is not None  # a quote that names no missing figure has its price
    bracket = f" ({price.bracket})" if price.bracket else ""
    marker = words["default"] if quote.is_default else ""
    return f"{price.unit_price.format(words['locale'])}{bracket}{marker}"


# bill --------------------------------------------------------------------------------------------


def _row(entry: StatementRow) -> dict[str, Any]:
    return {
        "date": entry.day.isoformat(),
        "type": None if entry.type is None else entry.type.value,
        "label": entry.label,
        "reference": entry.reference,
        "invoice": entry.invoice,
        "debit": str(entry.debit.amount),
        "credit": str(entry.credit.amount),
        "balance": str(entry.balance.amount),
    }


def _line(line: InvoiceLine) -> dict[str, Any]:
    return {
        "date": line.day.isoformat(),
        "child": line.child_id,
        "service": line.service_code,
        "tariff": line.tariff_name,
        "unit_price": str(line.unit_price.amount),
        "quantity": line.quantity,
        "amount": str(line.amount.amount),
        "kind": line.kind.value,
        "reason": line.reason,
    }


def bill_data(result: BillResult, lang: str) -> dict[str, Any]:
    """A bill's fields: the period, the decisions, the invoice, the statement and the notes."""
    invoice = result.invoice
    scenario = result.scenario
    return {
        "commune": result.policy.slug,
        "family": scenario.family_id,
        "period": {"start": scenario.start.isoformat(), "end": scenario.end.isoformat()},
        "currency": CURRENCY,
        "decisions": [
            {
                "child": decision.change.child_id,
                "service": decision.change.service_code,
                "day": decision.change.day.isoformat(),
                "action": decision.change.action.value,
            }
            | decision_data(decision, lang)
            for decision in result.decisions
        ],
        "invoice": {
            "reference": result.invoice_reference,
            "lines": [_line(line) for line in invoice.lines],
            "totals": {
                "total": str(invoice.total.amount),
                "by_child": {k: str(v.amount) for k, v in sorted(invoice.totals_by_child.items())},
                "by_service": {
                    k: str(v.amount) for k, v in sorted(invoice.totals_by_service.items())
                },
            },
        },
        "statement": {
            "as_of": result.statement.as_of.isoformat(),
            "balance": str(result.statement.balance.amount),
            "rows": [_row(entry) for entry in result.statement.rows],
        },
        "basket": _basket_data(result.basket),
        "wallet": _wallet_data(result.wallet),
        "notes": list(scenario.notes),
        # The family: each household's invoice, and what the bill reports instead of billing.
        "households": [
            {
                "household": home.household,
                "reference": home.reference,
                "lines": [_line(line) for line in home.invoice.lines],
                "total": str(home.invoice.total.amount),
            }
            for home in result.households
        ],
        "reported": [
            {
                "kind": item.kind.value,
                "path": item.path,
                "child": item.child,
                "service": item.service,
                "day": item.day.isoformat(),
                "reason": item.detail,
            }
            for item in result.reported
        ],
    }


def bill_text(result: BillResult, lang: str) -> str:
    """The decisions, the invoice lines and total, then the account statement."""
    words = _words(lang)
    locale = words["locale"]
    scenario = result.scenario
    lines = [
        f"{result.policy.name} — {words['family']} {scenario.family_id} — "
        f"{format_day(scenario.start, lang)} → {format_day(scenario.end, lang)}"
    ]
    lines += [f"* {decision.explain(lang)}" for decision in result.decisions]
    lines.append(f"{words['invoice']} {result.invoice_reference}")
    for line in result.invoice.lines:
        lines.append(
            f"  {line.day:%d/%m/%Y}  {line.child_id:10} {line.service_code:16} "
            f"{line.tariff_name[:24]:24} {line.quantity} × {line.unit_price.format(locale):>9} "
            f"= {line.amount.format(locale):>10}"
        )
    lines.append(f"  Total : {result.invoice.total.format(locale)}")
    lines.append(words["statement"])
    for entry in result.statement.rows:
        debit = entry.debit.format(locale) if not entry.debit.is_zero() else ""
        credit = entry.credit.format(locale) if not entry.credit.is_zero() else ""
        lines.append(
            f"  {entry.day:%d.%m.%Y}  {entry.label:18} {entry.reference or '':14} "
            f"{debit:>10} {credit:>10} {entry.balance.format(locale):>10}"
        )
    lines.append(f"  {words['balance']} : {result.statement.balance.format(locale)}")
    if result.households:
        lines.append(words["households"])
        lines += [
            f"  {home.household:18} {home.reference:24} {home.invoice.total.format(locale):>10}"
            for home in result.households
        ]
    for item in result.reported:
        why = _unknown_text(item.missing, words) + " — " if item.missing is not None else ""
        lines.append(
            f"! {item.day:%d/%m/%Y}  {item.child} {item.service} ({item.path}) : "
            f"{why}{words['reported.' + item.kind.value]}"
        )
    lines += _schemes_text(result, lang)
    lines.extend(scenario.notes)
    return "\n".join(lines)


# bill: the basket (paiement immédiat) and the prepaid wallet ------------------------------------

#: The words of the basket and the wallet, by language.
_SCHEME_WORDS: Final = {
    "fr": {
        "basket": "Panier (paiement immédiat)",
        "to_pay": "A payer",
        "outstanding": "Restant dû",
        "unpaid": "non payé : ces réservations ne sont pas prises en compte",
        "wallet": "Porte-monnaie",
        "low_balance": "relance par mail et SMS : solde au seuil de {threshold} ou dessous",
        "negative": (
            "compte négatif : rappel du service comptable, puis contentieux du Trésor public"
        ),
    },
    "en": {
        "basket": "Basket (paid at booking)",
        "to_pay": "To pay",
        "outstanding": "Outstanding",
        "unpaid": "not paid: these bookings do not count",
        "wallet": "Prepaid wallet",
        "low_balance": "reminder by e-mail and SMS: balance at or below {threshold}",
        "negative": "negative balance: recalled by the accounts service, then recovery",
    },
}


def _basket_data(basket: BasketSettlement | None) -> dict[str, Any] | None:
    if basket is None:
        return None
    return {
        "lines": [
            {
                "date": line.day.isoformat(),
                "child": line.child_id,
                "service": line.service_code,
                "element": line.element,
                "tariff": line.tariff_name,
                "cost": str(line.cost.amount),
            }
            for line in basket.lines
        ],
        "to_pay": str(basket.to_pay.amount),
        "outstanding": str(basket.outstanding.amount),
        "paid": basket.paid,
    }


def _wallet_data(wallet: WalletHistory | None) -> dict[str, Any] | None:
    if wallet is None:
        return None
    threshold = wallet.threshold
    return {
        "balance": str(wallet.balance.amount),
        "threshold": None if threshold is None else str(threshold.amount),
        "events": [
            {
                "kind": event.kind.value,
                "date": event.day.isoformat(),
                "balance": str(event.balance.amount),
            }
            for event in wallet.events
        ],
        "rows": [_row(entry) for entry in wallet.rows],
    }


def _schemes_text(result: BillResult, lang: str) -> list[str]:
    """The basket's lines, « A payer » and restant dû; the wallet's balance and its events."""
    words = _SCHEME_WORDS["en" if lang == "en" else "fr"]
    locale = _words(lang)["locale"]
    lines: list[str] = []
    basket = result.basket
    if basket is not None:
        lines.append(words["basket"])
        lines += [
            f"  {line.day:%d/%m/%Y}  {line.element[:40]:40} {line.tariff_name[:16]:16} "
            f"{line.cost.format(locale):>10}"
            for line in basket.lines
        ]
        lines.append(f"  {words['to_pay']} : {basket.to_pay.format(locale)}")
        if not basket.paid:
            lines.append(f"  {words['unpaid']}")
        lines.append(f"  {words['outstanding']} : {basket.outstanding.format(locale)}")
    wallet = result.wallet
    if wallet is not None:
        lines.append(f"{words['wallet']} : {wallet.balance.format(locale)}")
        threshold = "" if wallet.threshold is None else wallet.threshold.format(locale)
        lines += [
            f"  {format_day(event.day, lang)} ({event.balance.format(locale)}) : "
            + words[event.kind.value].format(threshold=threshold)
            for event in wallet.events
        ]
    return lines


# check -------------------------------------------------------------------------------------------


def check_data(path: str, policy: CommunePolicy, checks: Sequence[GridCheck]) -> dict[str, Any]:
    """``{"policy", "commune", "problems", "findings", "grids"}`` of a policy that loads."""
    return {
        "policy": path,
        "commune": policy.slug,
        "problems": [],
        "findings": [
            {
                "path": check.finding_path(finding),
                "code": finding.code.value,
                "message": finding.message,
                "bracket": finding.bracket,
            }
            for check in checks
            for finding in check.findings
        ],
        "grids": [
            {"path": check.path, "cantine_a_un_euro": check.cantine_a_un_euro} for check in checks
        ],
    }


def check_text(policy: CommunePolicy, checks: Sequence[GridCheck]) -> str:
    """The policy's services and grids, each finding, and each grid's « cantine à 1 € » verdict."""
    lines = [f"{policy.slug}: {len(policy.services)} services, {len(checks)} QF grid(s)"]
    lines += [
        f"{check.finding_path(finding)}: [{finding.code.value}] {finding.message}"
        for check in checks
        for finding in check.findings
    ]
    for check in checks:
        verdict = "qualifies" if check.cantine_a_un_euro else "does not qualify"
        lines.append(f"{check.path}: {verdict} for « cantine à 1 € »")
    return "\n".join(lines)


def problems_data(path: str, error: PolicyError) -> dict[str, Any]:
    """``{"policy", "problems": [{"path", "message"}], "findings", "grids"}`` of a bad policy."""
    problems = [{"path": p.path, "message": p.message} for p in error.problems]
    return {"policy": path, "problems": problems, "findings": [], "grids": []}


def problems_text(error: PolicyError) -> str:
    """One problem a line, with its path."""
    return "\n".join(f"{p.path}: {p.message}" for p in error.problems)


def _example(example: Example) -> dict[str, str]:
    return {"name": example.name, "kind": example.kind, "path": str(example.path)}


def examples_data(examples: Sequence[Example]) -> dict[str, Any]:
    """``{"examples": [{"name", "kind", "path"}]}``."""
    return {"examples": [_example(example) for example in examples]}


def examples_text(examples: Sequence[Example]) -> str:
    """One line per example: its name, the name ``examples copy`` takes."""
    return "\n".join(example.name for example in examples)


def copy_data(copied: Copy) -> dict[str, Any]:
    """``{"example": {"name", "kind", "path"}, "destination", "written"}``."""
    return {
        "example": _example(copied.example),
        "destination": str(copied.destination),
        "written": copied.written,
    }


def copy_text(copied: Copy, lang: str) -> str:
    """Where the example is now, and whether it was written."""
    word = "copied" if copied.written else "unchanged"
    return _words(lang)[word].format(path=copied.destination)
