"""A request object stands for a command line: the same namespace, or argparse's own error."""

from __future__ import annotations

import argparse
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules.cli._args import UsageError, parser
from cantine_rules.cli._errors import error_object
from cantine_rules.serve import RequestError
from cantine_rules.serve._requests import Requests
from tests.serve._oneshot import command_line

REQUESTS = Requests()

#: The keys of each command, as docs/service.md lists them.
KEYS = {
    "communes": {"lang"},
    "explain": {"commune", "lang"},
    "calendar": {"commune", "from", "to", "lang"},
    "decide": {"commune", "service", "day", "action", "at", "channel", "justified", "qf", "lang"},
    "planning": {"commune", "service", "month", "at", "lang"},
    "price": {"commune", "service", "qf", "day", "lang"},
    "bill": {"scenario", "lang"},
    "check": {"policy", "cost", "lang"},
    "schema": {"name", "lang"},
    "examples": {"action", "name", "dest", "force", "lang"},
}


def parsed(request: dict[str, Any]) -> argparse.Namespace | dict[str, str | None]:
    """What argparse makes of the command line *request* stands for: a namespace or an error."""
    try:
        return parser().parse_args(command_line(request))
    except UsageError as error:
        return error_object(error, usage=True)


def read(request: dict[str, Any]) -> argparse.Namespace | dict[str, str | None]:
    try:
        return REQUESTS.namespace(request)
    except RequestError as error:
        return error.error


def test_debit_is_not_a_request_it_writes_a_file() -> None:
    with pytest.raises(RequestError) as caught:
        REQUESTS.command({"command": "debit"})
    assert caught.value.error["field"] == "command"


def test_every_command_but_serve_and_debit_takes_requests_with_its_options_as_keys() -> None:
    assert set(REQUESTS.commands) == set(KEYS)
    for command, keys in KEYS.items():
        with pytest.raises(RequestError) as caught:
            REQUESTS.namespace({"command": command, "nope": "x"})
        assert caught.value.error["field"] == "nope"
        message = caught.value.error["message"]
        assert message is not None
        assert message.endswith(f"(its options: {', '.join(sorted(keys))})")


# Values as a portal might send them, and values argparse could take for options. Not "--":
# argparse (3.11) drops it even from ``--qf=--``, so no command line gives that value.
PORTAL = ["paris", "repas", "2024-09-23", "2024-09-19T17:00", "add", "cancel", "online", "fr"]
ODD = ["-1", "-x", "--json", "a=b", " 812 ", "", "---", "-", "ville.toml", "été"]
TEXT = st.sampled_from(PORTAL + ODD) | st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8
).filter(lambda text: text != "--")


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    command = draw(st.sampled_from(sorted(KEYS)))
    request: dict[str, Any] = {"command": command}
    for key in sorted(KEYS[command]):
        if draw(st.integers(0, 9)) < 8:  # most options given, some left out
            flag = key in ("justified", "force")
            request[key] = draw(st.booleans()) if flag else draw(TEXT)
    if command == "examples":
        # Positional arguments given in their order only: a command line cannot leave one out
        # and give the next (see the test below).
        for before, after in (("action", "name"), ("name", "dest")):
            if before not in request:
                request.pop(after, None)
    return request


@given(requests())
def test_a_request_reads_as_its_command_line(request: dict[str, Any]) -> None:
    # The namespace argparse makes of the command line, or argparse's error word for word.
    assert read(request) == parsed(request)


def test_positional_arguments_keep_their_places() -> None:
    # Whatever the order of the keys, the command line gives NAME before DEST.
    request = {"command": "examples", "dest": "here.toml", "name": "paris", "action": "copy"}
    assert REQUESTS.argv(request) == [
        "examples",
        "--json",
        "--",
        "copy",
        "paris",
        "here.toml",
    ]
    assert read(request) == parsed(request)
    # A destination without a name: the command line would read it as the name.
    error = read({"command": "examples", "action": "copy", "dest": "here.toml"})
    assert isinstance(error, dict)
    assert (error["kind"], error["field"]) == ("UsageError", "dest")
    assert error["message"] == "dest: given without name"
    # A name without an action: argparse reads the name as the action, and says so.
    error = read({"command": "examples", "name": "paris"})
    assert error == parsed({"command": "examples", "name": "paris"})
    assert isinstance(error, dict)
    assert error["message"] is not None
    assert "invalid choice: 'paris'" in error["message"]


def test_a_value_that_starts_with_a_dash_stays_a_value() -> None:
    request = {"command": "price", "commune": "-x", "service": "--json", "qf": "-1"}
    arguments = REQUESTS.namespace(request)
    assert (arguments.commune, arguments.service, arguments.qf) == ("-x", "--json", "-1")


def test_two_dashes_are_a_value_too() -> None:
    # The one command line that cannot say it: argparse reads ``--qf=--`` as no value at all.
    arguments = REQUESTS.namespace(
        {"command": "price", "commune": "--", "service": "--", "qf": "--"}
    )
    assert (arguments.commune, arguments.service, arguments.qf) == ("--", "--", "--")


def test_null_is_an_option_left_out_and_false_a_flag_not_given() -> None:
    base = {"command": "decide", "commune": "paris", "service": "repas", "day": "2024-10-03"}
    base |= {"action": "add", "at": "2024-10-01T10:00"}
    plain = REQUESTS.namespace(base)
    assert REQUESTS.namespace({**base, "qf": None, "justified": False, "id": 3}) == plain
    assert plain.json is True
    assert plain.channel == "online"
    assert plain.justified is False


def test_a_missing_option_is_argparse_s_own_error() -> None:
    error = read({"command": "decide", "commune": "paris", "day": "2024-10-03"})
    assert error == {
        "kind": "UsageError",
        "message": "cantine-rules decide: the following arguments are required: --service, "
        "--action, --at",
        "field": None,
    }


@pytest.mark.parametrize(
    ("request_", "field", "kind"),
    [
        ({"command": 3}, "command", "InvalidTypeError"),
        ({}, "command", "UsageError"),
        ({"command": "serve"}, "command", "UsageError"),
        ({"command": "price", "qf": 812}, "qf", "InvalidTypeError"),
        ({"command": "price", "qf": 8.5}, "qf", "InvalidTypeError"),
        ({"command": "decide", "justified": 1}, "justified", "InvalidTypeError"),
        ({"command": "price", "commune": ["paris"]}, "commune", "InvalidTypeError"),
        ({"command": "price", "commune": "a\x00b"}, "commune", "InvalidValueError"),
        ({"command": "price", "commune": "\ud800.toml"}, "commune", "InvalidValueError"),
    ],
)
def test_a_request_that_is_no_command_line_names_its_key(
    request_: dict[str, Any], field: str, kind: str
) -> None:
    error = read(request_)
    assert isinstance(error, dict)
    assert (error["kind"], error["field"]) == (kind, field)
    assert error["message"] is not None
    assert error["message"].startswith(f"{field}: ")


def test_two_dashes_are_no_choice() -> None:
    # argparse would read ``--channel=--`` as no channel at all, and the command then fail.
    error = read(
        {"command": "decide", "commune": "paris", "service": "repas", "day": "2024-10-03"}
        | {"action": "add", "at": "2024-10-01T10:00", "channel": "--"}
    )
    assert error == {
        "kind": "UsageError",
        "message": "channel: invalid choice '--' ('online', 'office')",
        "field": "channel",
    }
