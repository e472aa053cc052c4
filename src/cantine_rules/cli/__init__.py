"""The ``cantine-rules`` command: the library's rules for people and for programs in any language.

Human output by default, in French (``--lang en`` for English); stable JSON with ``--json``.
Exit codes: 0 success, 2 bad input (stderr says what and where), 1 internal error.

>>> main(["communes", "--json"])  # doctest: +ELLIPSIS
{"communes": [{"slug": "alsh-postfacturation", ...
0
"""

from __future__ import annotations

import argparse
import calendar as _gregorian
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TextIO

from cantine_rules.cli._args import Notes, parse_day, parse_instant, parse_month, parse_quotient
from cantine_rules.cli._bill import BillResult, run_scenario
from cantine_rules.cli._scenario import loads_scenario
from cantine_rules.errors import CantineRulesError, InvalidValueError, PolicyError
from cantine_rules.model import BookingChange, ChangeAction, Channel, Justification
from cantine_rules.money import CURRENCY, Money
from cantine_rules.policies import Decision, get, names, planning_between
from cantine_rules.pricing.tariffs import PricingContext
from cantine_rules.rules.decisions import format_day, format_instant

__all__ = ["main"]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    """argparse's complaint about the command line, reported as bad input (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _options(parser: argparse.ArgumentParser, default: Any) -> None:
    """--json and --lang, accepted before and after the subcommand.

    The subcommands' copies default to SUPPRESS, so that ``--json communes`` keeps the value
    given before the subcommand instead of resetting it.
    """
    json_default = False if default is None else default
    lang_default = "fr" if default is None else default
    parser.add_argument(
        "--json", action="store_true", default=json_default, help="print one JSON object"
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), default=lang_default, help="language (default fr)"
    )


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    _options(common, argparse.SUPPRESS)
    parser = _Parser(
        prog="cantine-rules",
        description="Rules of French school canteens and periscolaire services.",
    )
    _options(parser, None)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("communes", parents=[common], help="list the reference communes")
    explain = commands.add_parser("explain", parents=[common], help="every rule of a commune")
    explain.add_argument("commune")
    cal = commands.add_parser("calendar", parents=[common], help="what kind of day each day is")
    cal.add_argument("commune")
    cal.add_argument("--from", dest="start", required=True, metavar="DATE")
    cal.add_argument("--to", dest="end", required=True, metavar="DATE")
    decide = commands.add_parser("decide", parents=[common], help="decide a booking change")
    decide.add_argument("commune")
    decide.add_argument("--service", required=True, metavar="CODE")
    decide.add_argument("--day", required=True, metavar="DATE")
    decide.add_argument("--action", required=True, choices=("add", "cancel"))
    decide.add_argument("--at", required=True, metavar="DATETIME")
    decide.add_argument("--channel", choices=("online", "office"), default="online")
    decide.add_argument(
        "--justified", action="store_true", help="the change comes with a medical certificate"
    )
    decide.add_argument("--qf", metavar="N", help="the family's quotient familial, in euros")
    plan = commands.add_parser("planning", parents=[common], help="a month's planning grid")
    plan.add_argument("commune")
    plan.add_argument("--service", required=True, metavar="CODE")
    plan.add_argument("--month", required=True, metavar="YYYY-MM")
    plan.add_argument("--at", required=True, metavar="DATETIME")
    price = commands.add_parser("price", parents=[common], help="the unit price of a service")
    price.add_argument("commune")
    price.add_argument("--service", required=True, metavar="CODE")
    price.add_argument("--qf", metavar="N")
    price.add_argument("--day", metavar="DATE", help="default: today")
    bill = commands.add_parser("bill", parents=[common], help="bill a family's scenario")
    bill.add_argument("scenario", metavar="SCENARIO.toml")
    check = commands.add_parser("check", parents=[common], help="check a commune policy file")
    check.add_argument("policy", metavar="POLICY.toml")
    check.add_argument(
        "--cost",
        metavar="EUROS",
        help="the cost of a meal: no price may exceed it (Code de l'éducation R531-53)",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = stdout or sys.stdout
    try:
        arguments = _parser().parse_args(argv)
    except _UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SystemExit as leaving:  # --help
        return int(leaving.code or 0)
    try:
        result = _COMMANDS[arguments.command](arguments)
    except PolicyError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except CantineRulesError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    data, human, code = result
    text = json.dumps(data, ensure_ascii=False) if arguments.json else human
    # A command that found bad input still reports it in full, on stderr for people.
    stream = out if code == EXIT_OK or arguments.json else sys.stderr
    stream.write(text + "\n")
    return code


Result = tuple[dict[str, Any], str, int]


# Commands ------------------------------------------------------------------------------------


def _communes(arguments: argparse.Namespace) -> Result:
    communes = []
    lines = []
    for slug in names():
        policy = get(slug)
        services = [
            {"code": service.code, "label": service.label, "kind": service.kind.value}
            for service in policy.services
        ]
        communes.append(
            {
                "slug": slug,
                "name": policy.name,
                "zone": policy.calendar.zone.value,
                "payment_scheme": policy.payment_scheme.value,
                "services": services,
            }
        )
        codes = ", ".join(f"{s['code']} ({s['kind']})" for s in services)
        lines.append(f"{slug:22} {policy.name} — zone {policy.calendar.zone.value} — {codes}")
    return {"communes": communes}, "\n".join(lines), EXIT_OK


def _explain(arguments: argparse.Namespace) -> Result:
    policy = get(arguments.commune)
    rules = policy.explain(arguments.lang)
    data = {
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
    human = f"{policy.name}\n" + "\n".join(f"- {rule.render(arguments.lang)}" for rule in rules)
    return data, human, EXIT_OK


def _calendar(arguments: argparse.Namespace) -> Result:
    policy = get(arguments.commune)
    start = parse_day(arguments.start, "--from")
    end = parse_day(arguments.end, "--to")
    if end < start:
        raise InvalidValueError("--to", arguments.end, f"must not be before --from {start}")
    days = []
    lines = []
    for info in policy.calendar.days(start, end):
        days.append(
            {
                "date": info.day.isoformat(),
                "school_day": info.school_day,
                "public_holiday": info.public_holiday,
                "school_holiday": info.school_holiday,
                "closure": info.closure,
                "working_day": info.working_day,
            }
        )
        what = [
            label
            for label in (info.public_holiday, info.school_holiday, info.closure)
            if label is not None
        ]
        school = ("school" if arguments.lang == "en" else "école") if info.school_day else "—"
        lines.append(f"{format_day(info.day, arguments.lang):32} {school:7} {'; '.join(what)}")
    return {"commune": policy.slug, "days": days}, "\n".join(lines), EXIT_OK


def _context(qf: str | None) -> PricingContext:
    return PricingContext(None if qf is None else parse_quotient(qf, "--qf"))


def _decision_data(decision: Decision, lang: str) -> dict[str, Any]:
    return {
        "status": decision.status.value,
        "deadline": None if decision.deadline is None else decision.deadline.isoformat(),
        "opens_at": None if decision.opens_at is None else decision.opens_at.isoformat(),
        "service_start": decision.service_start.isoformat(),
        "charge": None if decision.charge is None else str(decision.charge.amount),
        "currency": CURRENCY,
        "reason": decision.reason.value,
        "message": decision.explain(lang),
    }


def _decide(arguments: argparse.Namespace) -> Result:
    policy = get(arguments.commune)
    notes = Notes()
    day = parse_day(arguments.day, "--day")
    at = parse_instant(arguments.at, "--at", notes)
    change = BookingChange(
        ChangeAction(arguments.action),
        "child",
        arguments.service,
        day,
        at,
        Channel(arguments.channel),
        Justification.MEDICAL_CERTIFICATE if arguments.justified else None,
    )
    decision = policy.decide(change, context=_context(arguments.qf))
    data = _decision_data(decision, arguments.lang)
    data["notes"] = list(notes)
    return data, "\n".join([decision.explain(arguments.lang), *notes]), EXIT_OK


def _planning(arguments: argparse.Namespace) -> Result:
    policy = get(arguments.commune)
    notes = Notes()
    year, month = parse_month(arguments.month, "--month")
    at = parse_instant(arguments.at, "--at", notes)
    first = date(year, month, 1)
    last = date(year, month, _gregorian.monthrange(year, month)[1])
    policy.service(arguments.service)
    grid = planning_between(policy.booking, "child", arguments.service, first, last, at=at)
    days = []
    lines = []
    for cell in grid.days:
        until = None if cell.changeable_until is None else cell.changeable_until.isoformat()
        days.append(
            {
                "date": cell.day.isoformat(),
                "status": cell.status.value,
                "changeable_until": until,
                "opens_at": None if cell.opens_at is None else cell.opens_at.isoformat(),
                "late": cell.late,
                "reason": cell.reason,
            }
        )
        tail = ""
        if cell.changeable_until is not None:
            word = "until" if arguments.lang == "en" else "jusqu'au"
            tail = f" {word} {format_instant(cell.changeable_until, arguments.lang)}"
        elif cell.reason:
            tail = f" ({cell.reason})"
        lines.append(f"{format_day(cell.day, arguments.lang):32} {cell.status.value}{tail}")
    data = {
        "commune": policy.slug,
        "service": arguments.service,
        "days": days,
        "notes": list(notes),
    }
    return data, "\n".join([*lines, *notes]), EXIT_OK


def _price(arguments: argparse.Namespace) -> Result:
    policy = get(arguments.commune)
    day = date.today() if arguments.day is None else parse_day(arguments.day, "--day")
    price = policy.price(arguments.service, day, context=_context(arguments.qf))
    # A sourced figure carried into a version no source gives is still a default.
    version_source = policy.tariff(arguments.service).at(day).source
    source = price.source if version_source.sourced else version_source
    data = {
        "unit_price": str(price.unit_price.amount),
        "bracket": price.bracket,
        "currency": CURRENCY,
        "day": day.isoformat(),
        "source": {"kind": source.kind.value, "reference": source.reference},
        "default": not source.sourced,
    }
    locale = "en" if arguments.lang == "en" else "fr_FR"
    bracket = f" ({price.bracket})" if price.bracket else ""
    marker = ""
    if not source.sourced:
        marker = " [default]" if arguments.lang == "en" else " [valeur par défaut]"
    human = f"{price.unit_price.format(locale)}{bracket}{marker}"
    return data, human, EXIT_OK


def _bill(arguments: argparse.Namespace) -> Result:
    path = Path(arguments.scenario)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidValueError(
            "SCENARIO", str(path), f"cannot be read ({error.strerror})"
        ) from None
    result = run_scenario(loads_scenario(text, source=str(path)))
    return _bill_data(result, arguments.lang), _bill_human(result, arguments.lang), EXIT_OK


def _bill_data(result: BillResult, lang: str) -> dict[str, Any]:
    invoice = result.invoice
    statement = result.statement

    def row(entry: Any) -> dict[str, Any]:
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

    return {
        "commune": result.policy.slug,
        "family": result.scenario.family_id,
        "period": {
            "start": result.scenario.start.isoformat(),
            "end": result.scenario.end.isoformat(),
        },
        "currency": CURRENCY,
        "decisions": [
            {
                "child": decision.change.child_id,
                "service": decision.change.service_code,
                "day": decision.change.day.isoformat(),
                "action": decision.change.action.value,
            }
            | _decision_data(decision, lang)
            for decision in result.decisions
        ],
        "invoice": {
            "reference": result.invoice_reference,
            "lines": [
                {
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
                for line in invoice.lines
            ],
            "totals": {
                "total": str(invoice.total.amount),
                "by_child": {k: str(v.amount) for k, v in sorted(invoice.totals_by_child.items())},
                "by_service": {
                    k: str(v.amount) for k, v in sorted(invoice.totals_by_service.items())
                },
            },
        },
        "statement": {
            "as_of": statement.as_of.isoformat(),
            "balance": str(statement.balance.amount),
            "rows": [row(entry) for entry in statement.rows],
        },
        "notes": list(result.scenario.notes),
    }


def _bill_human(result: BillResult, lang: str) -> str:
    locale = "en" if lang == "en" else "fr_FR"
    en = lang == "en"
    lines = [
        f"{result.policy.name} — {'family' if en else 'famille'} {result.scenario.family_id} — "
        f"{format_day(result.scenario.start, lang)} → {format_day(result.scenario.end, lang)}"
    ]
    for decision in result.decisions:
        lines.append(f"* {decision.explain(lang)}")
    lines.append(("Invoice " if en else "Facture ") + result.invoice_reference)
    for line in result.invoice.lines:
        lines.append(
            f"  {line.day:%d/%m/%Y}  {line.child_id:10} {line.service_code:16} "
            f"{line.tariff_name[:24]:24} {line.quantity} × {line.unit_price.format(locale):>9} "
            f"= {line.amount.format(locale):>10}"
        )
    total = result.invoice.total.format(locale)
    lines.append(f"  Total : {total}")
    lines.append("Account statement" if en else "Relevé de compte")
    for entry in result.statement.rows:
        debit = entry.debit.format(locale) if not entry.debit.is_zero() else ""
        credit = entry.credit.format(locale) if not entry.credit.is_zero() else ""
        lines.append(
            f"  {entry.day:%d.%m.%Y}  {entry.label:18} {entry.reference or '':14} "
            f"{debit:>10} {credit:>10} {entry.balance.format(locale):>10}"
        )
    balance = result.statement.balance.format(locale)
    lines.append(f"  {'Balance' if en else 'Solde'} : {balance}")
    lines.extend(result.scenario.notes)
    return "\n".join(lines)


def _check(arguments: argparse.Namespace) -> Result:
    # Imported here: only this command reads policy files and checks grids.
    from cantine_rules.plain import load_toml
    from cantine_rules.pricing.tariffs import (
        BracketGrid,
        check_cantine_a_un_euro,
        check_grid,
        qualifies_for_cantine_a_un_euro,
    )

    cost = None
    if arguments.cost is not None:
        cost = Money.euros(parse_quotient(arguments.cost, "--cost"), field="--cost")
    try:
        policy = load_toml(Path(arguments.policy))
    except OSError as error:
        raise InvalidValueError(
            "POLICY", arguments.policy, f"cannot be read ({error.strerror})"
        ) from None
    except PolicyError as error:
        problems = [{"path": p.path, "message": p.message} for p in error.problems]
        human = "\n".join(f"{p['path']}: {p['message']}" for p in problems)
        data = {"policy": arguments.policy, "problems": problems, "findings": [], "grids": []}
        return data, human, EXIT_BAD_INPUT
    findings = []
    grids = []
    for schedule in policy.tariffs:
        for index, version in enumerate(schedule.versions):
            if not isinstance(version.tariff, BracketGrid):
                continue
            path = f"tariffs.{schedule.service_code}.versions[{index}].tariff"
            grid = version.tariff
            grids.append({"path": path, "cantine_a_un_euro": qualifies_for_cantine_a_un_euro(grid)})
            for finding in [*check_grid(grid, cost_per_meal=cost), *check_cantine_a_un_euro(grid)]:
                findings.append(
                    {
                        "path": path,
                        "code": finding.code.value,
                        "message": finding.message,
                        "bracket": finding.bracket,
                    }
                )
    data = {
        "policy": arguments.policy,
        "commune": policy.slug,
        "problems": [],
        "findings": findings,
        "grids": grids,
    }
    lines = [f"{policy.slug}: {len(policy.services)} services, {len(grids)} QF grid(s)"]
    lines += [f"{f['path']}: [{f['code']}] {f['message']}" for f in findings]
    for grid_data in grids:
        verdict = "qualifies" if grid_data["cantine_a_un_euro"] else "does not qualify"
        lines.append(f"{grid_data['path']}: {verdict} for « cantine à 1 € »")
    return data, "\n".join(lines), EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "communes": _communes,
    "explain": _explain,
    "calendar": _calendar,
    "decide": _decide,
    "planning": _planning,
    "price": _price,
    "bill": _bill,
    "check": _check,
}
