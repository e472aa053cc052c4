"""Every fast path gives what the plain path gives: the windows the rules remember, decisions made
through their slots, baskets decided in one pass, baskets decided into columns, and changes held
by column."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import (
    EUROPE_PARIS,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Money,
    Service,
    ServiceKind,
)
from cantine_rules._time import at_paris
from cantine_rules.errors import (
    EmptyIdentifierError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    UnknownServiceError,
)
from cantine_rules.policies import (
    BookingRules,
    ChangeColumns,
    Decision,
    DecisionColumns,
    DecisionStatus,
    FamilyAccount,
    Reason,
)
from cantine_rules.rules.booking import _late_contexts
from cantine_rules.rules.deadlines import service_start
from cantine_rules.rules.window_table import ChangeWindowTable
from cantine_rules.testing import (
    booking_changes,
    booking_rules,
    commune_policies,
    pricing_contexts,
)
from tests._helpers import paris
from tests.rules._fixtures import (
    ADD,
    CANCEL,
    LATE_AT,
    MEAL,
    OFFICE,
    ONLINE,
    SEED_002,
    THURSDAY,
    _add_48_cancel_1,
    change,
)

_TERM = (date(2024, 9, 2), date(2025, 7, 4))
_CHILDREN = ("c1", "c2", "c3")


def _price_of(child_id: str, service: Service, day: date) -> Money:
    return Money.from_cents(300 + 10 * int(child_id[-1]) + day.day)


@st.composite
def _accounts(draw: st.DrawFn, rules: BookingRules) -> dict[str, FamilyAccount] | None:
    """None, or the standing of some of the children: validated or not, registered or not."""
    if draw(st.booleans()):
        return None
    family = Family("F", children=tuple(Child(c, c, date(2017, 1, 1)) for c in _CHILDREN[:2]))
    codes = [service.code for service in rules.services]
    accounts = {}
    for child_id in draw(st.lists(st.sampled_from(_CHILDREN), unique=True)):
        registered = draw(st.lists(st.sampled_from(codes), unique=True))
        accounts[child_id] = FamilyAccount(
            family,
            account_validated=draw(st.booleans()),
            dossier_validated=draw(st.booleans()),
            registrations={(child_id, code) for code in registered},
        )
    return accounts


@st.composite
def _rules(draw: st.DrawFn) -> BookingRules:
    """Generated booking rules, alone or those of a generated commune."""
    if draw(st.booleans()):
        return draw(booking_rules())
    return draw(commune_policies()).booking


def _fresh(rules: BookingRules) -> BookingRules:
    """Equal rules that remember no day (a pickle carries no memo)."""
    copy: BookingRules = pickle.loads(pickle.dumps(rules))
    assert copy == rules
    return copy


def _plain(rules: BookingRules, one: BookingChange) -> Decision:
    """*one* decided on fresh rules, its window computed there and then."""
    return _fresh(rules).decide(one, price_of=_price_of)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_single_decisions_on_warm_rules_are_those_of_fresh_rules(data: st.DataObject) -> None:
    rules = data.draw(_rules())
    changes = data.draw(st.lists(booking_changes(rules, *_TERM), min_size=1, max_size=8))
    # Warm the rules' memo with every day of the changes, through a basket.
    rules.decide_many(changes, price_of=_price_of)
    for one in changes:
        decision = rules.decide(one, price_of=_price_of)
        assert decision == _plain(rules, one)
        assert decision.service_start == service_start(rules.service(one.service_code), one.day)
        if rules.calendar.runs(rules.days_of(one.service_code), one.day):
            window = rules.window(one.action, one.service_code, one.day)
            assert (decision.deadline, decision.opens_at) == (window.closes_at, window.opens_at)
    # Used or not, equal rules pickle alike.
    assert pickle.dumps(rules) == pickle.dumps(_fresh(rules))


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_baskets_and_their_columns_are_the_decisions_of_the_plain_path(
    data: st.DataObject,
) -> None:
    rules = data.draw(_rules())
    changes = data.draw(st.lists(booking_changes(rules, *_TERM), min_size=1, max_size=16))
    accounts = data.draw(_accounts(rules))
    first = data.draw(st.dates(*_TERM))
    table = ChangeWindowTable(rules, first, first + timedelta(days=data.draw(st.integers(0, 60))))
    plain = _fresh(rules).decide_many(changes, accounts=accounts, price_of=_price_of)
    # A basket of one is the single decision.
    for one in changes[:3]:
        account = accounts.get(one.child_id) if accounts is not None else None
        alone = _fresh(rules).decide_many([one], accounts=accounts, price_of=_price_of)
        assert alone == (_fresh(rules).decide(one, account=account, price_of=_price_of),)
    by_column = ChangeColumns.of(changes)
    for table_or_none in (None, table, None):
        many = rules.decide_many(
            changes, accounts=accounts, price_of=_price_of, table=table_or_none
        )
        assert many == plain
        columns = rules.decide_columns(
            changes, accounts=accounts, price_of=_price_of, table=table_or_none
        )
        assert columns == DecisionColumns.from_decisions(plain)
        assert columns == rules.decide_columns(
            by_column, accounts=accounts, price_of=_price_of, table=table_or_none
        )
        assert len(columns) == len(changes)
        for index, decision in enumerate(plain):
            assert columns.row(index) == (
                decision.status,
                decision.reason,
                decision.deadline,
                decision.charge,
            )


def test_columns_judge_each_change_against_its_own_deadline() -> None:
    # The same evening on Thursday, asked for by three children at three instants: two on time,
    # one late and refused online, one late at the office still billed.
    at = (paris(2024, 9, 16, 9), paris(2024, 9, 18, 9), LATE_AT, LATE_AT)
    channels = (ONLINE, ONLINE, ONLINE, OFFICE)
    changes = [
        change(CANCEL, "soir", THURSDAY, instant, channel, child=f"c{n}")
        for n, (instant, channel) in enumerate(zip(at, channels, strict=True))
    ]
    columns = SEED_002.decide_columns(changes, price_of=_price_of)
    assert columns.statuses == (
        DecisionStatus.ACCEPTED,
        DecisionStatus.REFUSED,
        DecisionStatus.REFUSED,
        DecisionStatus.ACCEPTED_LATE,
    )
    assert columns.reasons[0] is Reason.ON_TIME
    assert columns.charges == (
        None,
        None,
        None,
        _price_of("c3", SEED_002.service("soir"), THURSDAY),
    )
    assert len(set(columns.deadlines)) == 1
    assert columns.accepted_count() == 2
    assert columns == DecisionColumns.from_decisions(
        SEED_002.decide_many(changes, price_of=_price_of)
    )


def test_columns_check_what_they_are_given() -> None:
    with pytest.raises(InvalidTypeError, match=r"changes\[1\]"):
        SEED_002.decide_columns([change(ADD, "repas", THURSDAY, LATE_AT), "repas"])  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match="reasons"):
        DecisionColumns((DecisionStatus.ACCEPTED,), (), (None,), (None,))
    assert len(SEED_002.decide_columns([])) == 0


def test_a_decision_made_through_its_slots_is_the_value_attrs_makes() -> None:
    decision = SEED_002.decide(change(ADD, "soir", THURSDAY, LATE_AT, OFFICE))
    again = Decision(*(getattr(decision, field.name) for field in attrs.fields(Decision)))
    assert type(decision) is Decision
    assert decision == again
    assert hash(decision) == hash(again)
    assert repr(decision) == repr(again)
    assert pickle.dumps(decision) == pickle.dumps(again)
    assert attrs.evolve(decision, detail="x").detail == "x"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        decision.charge = None  # type: ignore[misc]


@settings(max_examples=200)
@given(
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.times(),
    st.sampled_from([0, 1]),
)
def test_instants_kept_by_at_paris_are_the_instants_it_places(
    day: date, wall: time, fold: int
) -> None:
    wall = wall.replace(fold=fold)
    placed = (
        datetime.combine(day, wall, tzinfo=EUROPE_PARIS).astimezone(UTC).astimezone(EUROPE_PARIS)
    )
    # Asked twice: placed, then kept; the fold of the autumn hour is never mixed up.
    for _ in range(2):
        instant = at_paris(day, wall)
        assert instant == placed
        assert instant.utcoffset() == placed.utcoffset()
    # (Equal instants of one zone compare by wall time: the offset tells the two apart.)
    second = at_paris(date(2024, 10, 27), time(2, 30, fold=1))
    assert second.utcoffset() != at_paris(date(2024, 10, 27), time(2, 30)).utcoffset()


def test_a_kind_of_service_is_not_its_name() -> None:
    # ServiceKind.MEAL equals "meal", but only the kind says when a service runs.
    assert SEED_002.calendar.runs(ServiceKind.MEAL, THURSDAY)
    with pytest.raises(InvalidTypeError):
        SEED_002.calendar.runs("meal", THURSDAY)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_late_contexts_made_for_some_are_those_counted_over_every_late_change(
    data: st.DataObject,
) -> None:
    rules = data.draw(_rules())
    items = tuple(data.draw(st.lists(booking_changes(rules, *_TERM), min_size=1, max_size=16)))
    accounts = data.draw(_accounts(rules))
    late = []
    for position, one in enumerate(items):
        # A change the family may not make is refused first, and is not late.
        account = accounts.get(one.child_id) if accounts is not None else None
        window = rules.day_windows(one.service_code, one.day).window(one.action)
        late_change = window is not None and window.is_late(one.requested_at)
        if late_change and rules.eligibility(one, account) is None:
            late.append(position)
    every = _late_contexts(rules, items, late, accounts)
    assert set(every) == set(late)
    wanted = set(data.draw(st.lists(st.sampled_from(late), unique=True))) if late else set()
    assert _late_contexts(rules, items, late, accounts, wanted) == {i: every[i] for i in wanted}
    # A basket decides each late change with the context counted over all of them.
    many = rules.decide_many(items, accounts=accounts, price_of=_price_of)
    for position in late:
        one = items[position]
        account = accounts.get(one.child_id) if accounts is not None else None
        alone = rules.decide(one, account=account, price_of=_price_of, context=every[position])
        assert many[position] == alone


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_change_on_another_day_is_the_change_evolved(data: st.DataObject) -> None:
    rules = data.draw(_rules())
    one = data.draw(booking_changes(rules, *_TERM))
    day = data.draw(st.dates(*_TERM))
    moved = one.on_day(day)
    assert type(moved) is BookingChange
    assert moved == attrs.evolve(one, day=day)
    assert hash(moved) == hash(attrs.evolve(one, day=day))
    assert pickle.dumps(moved) == pickle.dumps(attrs.evolve(one, day=day))


def test_a_change_on_another_day_checks_the_day_as_a_change_does() -> None:
    one = change(ADD, "soir", THURSDAY, LATE_AT)
    for wrong in (datetime(2024, 9, 20, 9, tzinfo=EUROPE_PARIS), "2024-09-20", None):
        with pytest.raises(InvalidTypeError) as on_day:
            one.on_day(wrong)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError) as evolved:
            attrs.evolve(one, day=wrong)  # type: ignore[arg-type]
        assert str(on_day.value) == str(evolved.value)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        one.on_day(THURSDAY).day = THURSDAY  # type: ignore[misc]


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_commune_decides_columns_as_it_decides_each_change(data: st.DataObject) -> None:
    policy = data.draw(commune_policies())
    changes = data.draw(st.lists(booking_changes(policy, *_TERM), min_size=1, max_size=6))
    context = data.draw(pricing_contexts())
    for one in changes:
        try:
            decision = policy.decide(one, context=context)
        except Exception as error:  # the columns must fail alike
            with pytest.raises(type(error)):
                policy.decide_columns([one], contexts={one.child_id: context})
            continue
        columns = policy.decide_columns([one], contexts={one.child_id: context})
        assert columns.row(0) == (
            decision.status,
            decision.reason,
            decision.deadline,
            decision.charge,
        )


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_each_decision_of_a_basket_is_the_single_decision_with_its_late_context(
    data: st.DataObject,
) -> None:
    # A basket sets most decisions' fields from what their (service, day, action) shares; decide
    # makes each through Decision.on_time, refused or late. Same values, same types.
    rules = data.draw(_rules())
    items = tuple(data.draw(st.lists(booking_changes(rules, *_TERM), min_size=1, max_size=16)))
    accounts = data.draw(_accounts(rules))
    many = rules.decide_many(items, accounts=accounts, price_of=_price_of)
    late = [
        position
        for position, decision in enumerate(many)
        if decision.status is DecisionStatus.ACCEPTED_LATE
        or decision.reason in (Reason.TOO_LATE, Reason.TOO_LATE_CONTACT)
    ]
    contexts = _late_contexts(rules, items, late, accounts)
    for position, one in enumerate(items):
        account = accounts.get(one.child_id) if accounts is not None else None
        alone = _fresh(rules).decide(
            one, account=account, price_of=_price_of, context=contexts.get(position)
        )
        assert many[position] == alone
        assert repr(many[position]) == repr(alone)
        assert pickle.loads(pickle.dumps(many[position])) == alone


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_changes_by_column_are_the_changes_they_were_made_from(data: st.DataObject) -> None:
    rules = data.draw(_rules())
    changes = data.draw(st.lists(booking_changes(rules, *_TERM), max_size=16))
    columns = ChangeColumns.of(changes)
    assert len(columns) == len(changes)
    assert [columns.change(row) for row in range(len(columns))] == changes
    rows = columns.changes()
    assert list(rows) == changes
    assert rows[-1:] == changes[-1:]
    # Made from its columns, checked, it is the same value; pickled, too.
    again = ChangeColumns(
        columns.actions,
        columns.child_ids,
        columns.service_codes,
        columns.days,
        columns.requested_at,
        columns.channels,
        columns.justifications,
    )
    assert again == columns
    assert hash(again) == hash(columns)
    assert pickle.loads(pickle.dumps(columns)) == columns
    assert rules.decide_columns(pickle.loads(pickle.dumps(columns)), price_of=_price_of) == (
        DecisionColumns.from_decisions(_fresh(rules).decide_many(changes, price_of=_price_of))
    )


def _columns_of(*changes: BookingChange, **replaced: tuple[object, ...]) -> ChangeColumns:
    """The columns of *changes*, with the columns named in *replaced* given instead."""
    made = ChangeColumns.of(changes)
    fields = {f.name: getattr(made, f.name) for f in attrs.fields(ChangeColumns) if f.init}
    return ChangeColumns(**(fields | replaced))  # type: ignore[arg-type]


def test_changes_by_column_name_the_column_and_the_row_of_a_wrong_value() -> None:
    one = change(ADD, "soir", THURSDAY, LATE_AT)
    other = change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE, child="c2")
    wrong: list[tuple[str, tuple[object, ...], type[Exception], str]] = [
        ("days", (THURSDAY, THURSDAY, LATE_AT), InvalidTypeError, r"^days\[2\]:"),
        ("days", (THURSDAY, "2024-09-19", THURSDAY), InvalidTypeError, r"^days\[1\]:"),
        # Two wrong values: the first row is named, whatever order a set gives them in.
        ("days", (THURSDAY, "2024-09-20", "2024-09-19"), InvalidTypeError, r"^days\[1\]:"),
        ("child_ids", ("c1", "c2 ", " c1"), EmptyIdentifierError, r"^child_ids\[1\]:"),
        ("actions", (ADD, "add", ADD), InvalidTypeError, r"^actions\[1\]:"),
        ("channels", (ONLINE, OFFICE, None), InvalidTypeError, r"^channels\[2\]:"),
        ("child_ids", ("c1", " c2", "c1"), EmptyIdentifierError, r"^child_ids\[1\]:"),
        ("child_ids", ("c1", ["c2"], "c1"), InvalidTypeError, r"^child_ids\[1\]:"),
        ("service_codes", ("soir", "repas", 3), InvalidTypeError, r"^service_codes\[2\]:"),
        (
            "requested_at",
            (LATE_AT, LATE_AT.replace(tzinfo=None), LATE_AT),
            NaiveDatetimeError,
            r"^requested_at\[1\]:",
        ),
        ("justifications", (None, None, "note"), InvalidTypeError, r"^justifications\[2\]:"),
    ]
    for name, values, error, message in wrong:
        with pytest.raises(error, match=message):
            _columns_of(one, other, one, **{name: values})
    with pytest.raises(InvalidValueError, match=r"^channels: must hold one item per action \(3\)"):
        _columns_of(one, other, one, channels=(ONLINE, ONLINE))
    with pytest.raises(InvalidTypeError, match=r"^changes\[1\]:"):
        ChangeColumns.of([one, "soir"])  # type: ignore[list-item]
    # An unknown service is the rules' to refuse, as for changes.
    unknown = _columns_of(one, other, one, service_codes=("soir", "piscine", "soir"))
    with pytest.raises(UnknownServiceError):
        SEED_002.decide_columns(unknown)


def test_columns_made_by_a_portal_decide_as_its_changes() -> None:
    # A portal reads its rows as columns: no BookingChange is made to decide them.
    at = (paris(2024, 9, 16, 9), paris(2024, 9, 18, 9), LATE_AT, LATE_AT)
    columns = ChangeColumns(
        (ChangeAction.CANCEL,) * 4,
        ("c0", "c1", "c2", "c3"),
        ("soir",) * 4,
        (THURSDAY,) * 4,
        at,
        (Channel.ONLINE, Channel.ONLINE, Channel.ONLINE, Channel.OFFICE),
        (None,) * 4,
    )
    decided = SEED_002.decide_columns(columns, price_of=_price_of)
    assert decided == SEED_002.decide_columns(list(columns.changes()), price_of=_price_of)
    assert [status.value for status in decided.statuses] == [
        "accepted",
        "refused",
        "refused",
        "accepted_late",
    ]


def test_twin_late_changes_count_by_position_in_baskets_and_columns() -> None:
    # The same late add twice but for the channel: the office takes it (the month's first late add
    # is at the normal price, the next 4 EUR), online refuses it. Both count, the first placed
    # first.
    rules = _add_48_cancel_1()
    office = change(ADD, "repas", THURSDAY, LATE_AT, OFFICE)
    online = change(ADD, "repas", THURSDAY, LATE_AT, ONLINE)
    charges = []
    for basket in ([office, online], [online, office]):
        many = rules.decide_many(basket, price_of=_price_of)
        charges.append(next(d for d in many if d.status is DecisionStatus.ACCEPTED_LATE).charge)
        # The columns gather the refused changes first; they count them in the same order.
        assert rules.decide_columns(basket, price_of=_price_of) == (
            DecisionColumns.from_decisions(many)
        )
    assert charges == [_price_of("c1", MEAL, THURSDAY), Money.euros(4)]
