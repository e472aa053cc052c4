"""``cantine-rules debit``: the direct-debit file of billed periods, and its summary.

``cantine-rules debit SCENARIO.toml… --creditor CREDITOR.toml --out FILE.xml`` bills each
scenario (one family's period, as ``bill`` does), takes each invoice above 0,00 € as due,
collects it under the family's mandate from the creditor file, and writes the pain.008 file.
``--json`` prints the summary: count, total, collection date, transactions, the rejected
invoices with their reasons, and the mandates now collected (to mark recurrent next month).

It needs the ``sepa`` extra; without it the command ends with exit code 1 and says so.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from cantine_rules.cli._args import parse_day
from cantine_rules.cli._policies import PolicyLoader
from cantine_rules.errors import InvalidValueError, PolicyError, Problem
from cantine_rules.money import CURRENCY

if TYPE_CHECKING:
    from cantine_rules.billing import BillResult
    from cantine_rules.sepa import DebitBatch

__all__ = ["debit"]

Result = tuple[dict[str, Any], str, int]

_WORDS: Final = {
    "fr": {
        "locale": "fr_FR",
        "head": "Prélèvement du {date} : {count} opération(s), total {total}",
        "notified": "familles prévenues le {date}",
        "rejected": "Rejeté",
        "file": "Fichier",
        "none": "aucun fichier : aucune opération",
    },
    "en": {
        "locale": "en",
        "head": "Direct debit on {date}: {count} transaction(s), total {total}",
        "notified": "families told on {date}",
        "rejected": "Rejected",
        "file": "File",
        "none": "no file: no transaction",
    },
}


def _need_the_extra() -> None:
    try:
        import cantine_rules.sepa  # noqa: F401  (the `sepa` extra's libraries)
    except ImportError as error:
        raise RuntimeError(
            f"the debit command needs the sepa extra ({error.name} is missing): "
            'pip install "cantine-rules[sepa]"'
        ) from None


def _billed(paths: list[str]) -> list[BillResult]:
    from cantine_rules.billing import bill
    from cantine_rules.plain import load_scenario

    results = []
    for text in paths:
        try:
            scenario = load_scenario(Path(text))
        except OSError as error:
            raise InvalidValueError(
                "SCENARIO", text, f"cannot be read ({error.strerror})"
            ) from None
        results.append(bill(scenario))
    first = results[0].policy.slug
    for text, result in zip(paths, results, strict=True):
        if result.policy.slug != first:
            raise InvalidValueError(
                "SCENARIO", text, f"bills commune {result.policy.slug!r}, not {first!r}"
            )
    return results


def debit(arguments: argparse.Namespace, policies: PolicyLoader) -> Result:
    """Bill the scenarios, build the batch, write the file: the summary, its text, exit 0."""
    _need_the_extra()
    from cantine_rules.sepa import InvoiceDue, build_batch, load_creditor, to_pain008

    results = _billed(list(arguments.scenarios))
    try:
        debit_file = load_creditor(Path(arguments.creditor))
    except OSError as error:
        raise InvalidValueError(
            "--creditor", arguments.creditor, f"cannot be read ({error.strerror})"
        ) from None
    notified = (
        max(result.scenario.end for result in results)
        if arguments.notified_on is None
        else parse_day(arguments.notified_on, "--notified-on")
    )
    collect = (
        None if arguments.collect_on is None else parse_day(arguments.collect_on, "--collect-on")
    )
    due = [
        (
            text,
            InvoiceDue(result.scenario.family_id, result.invoice_reference, result.invoice.total),
        )
        for text, result in zip(arguments.scenarios, results, strict=True)
        if not result.invoice.total.is_zero()
    ]
    try:
        batch = build_batch(
            [invoice for _, invoice in due],
            debit_file.mandates,
            terms=results[0].policy.direct_debit_terms,
            notified_on=notified,
            collection_date=collect,
        )
    except InvalidValueError as error:
        raise _located(error, arguments, [text for text, _ in due]) from None
    out: str | None = None
    if batch.transactions:
        xml = to_pain008(batch, debit_file.creditor)
        try:
            Path(arguments.out).write_bytes(xml)
        except OSError as error:
            raise InvalidValueError(
                "--out", arguments.out, f"cannot be written ({error.strerror})"
            ) from None
        out = arguments.out
    data = debit_data(batch, results[0].policy.slug, out)
    return data, "" if arguments.json else debit_text(batch, out, arguments.lang), 0


def _located(error: InvalidValueError, arguments: argparse.Namespace, due: list[str]) -> Exception:
    """*error* named by what the command line gave: an option, a scenario or the creditor file."""
    field = error.field
    if field == "collection_date":
        return InvalidValueError("--collect-on", arguments.collect_on, error.reason)
    if field == "notified_on":
        return InvalidValueError("--notified-on", arguments.notified_on, error.reason)
    if field.startswith("invoices["):
        index = int(field[len("invoices[") : field.index("]")])
        return InvalidValueError("SCENARIO", due[index], "bills an invoice another one bills")
    return PolicyError([Problem(field, error.reason)], arguments.creditor)


def debit_data(batch: DebitBatch, commune: str, out: str | None) -> dict[str, Any]:
    """The batch's summary, as ``--json`` prints it."""
    return {
        "commune": commune,
        "currency": CURRENCY,
        "notified_on": batch.notified_on.isoformat(),
        "collection_date": batch.collection_date.isoformat(),
        "count": batch.count,
        "total": str(batch.total.amount),
        "file": out,
        "transactions": [
            {
                "family": transaction.invoice.family_id,
                "invoice": transaction.invoice.reference,
                "amount": str(transaction.amount.amount),
                "mandate": transaction.mandate.reference,
                "sequence": transaction.sequence.value,
            }
            for transaction in batch.transactions
        ],
        "rejected": [
            {
                "family": rejection.invoice.family_id,
                "invoice": rejection.invoice.reference,
                "amount": str(rejection.invoice.amount.amount),
                "reason": rejection.reason.value,
                "message": rejection.describe(),
            }
            for rejection in batch.rejected
        ],
        "collected": sorted(batch.collected),
    }


def debit_text(batch: DebitBatch, out: str | None, lang: str) -> str:
    """The batch for people: its head line, one line per transaction and per rejection."""
    words = _WORDS["en" if lang == "en" else "fr"]
    locale = words["locale"]
    day = batch.collection_date.isoformat()
    lines = [
        words["head"].format(date=day, count=batch.count, total=batch.total.format(locale))
        + f" ({words['notified'].format(date=batch.notified_on.isoformat())})"
    ]
    for transaction in batch.transactions:
        lines.append(
            f"  {transaction.sequence.value} {transaction.invoice.reference:24} "
            f"{transaction.mandate.reference:20} {transaction.amount.format(locale):>10}"
        )
    for rejection in batch.rejected:
        lines.append(
            f"  {words['rejected']} {rejection.invoice.reference} "
            f"{rejection.invoice.amount.format(locale)}: {rejection.describe()}"
        )
    lines.append(f"{words['file']} : {out}" if out is not None else words["none"])
    return "\n".join(lines)
