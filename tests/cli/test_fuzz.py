"""Fuzzing the command line: a result or a clean exit 2, never a crash."""

from __future__ import annotations

import io
import json
import string
from contextlib import redirect_stderr

from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules.cli import main

WORDS = st.sampled_from(
    [
        "communes",
        "explain",
        "calendar",
        "decide",
        "planning",
        "price",
        "bill",
        "check",
        "paris",
        "chantraine",
        "saint-just-d-avray",
        "--service",
        "repas",
        "--day",
        "--at",
        "--action",
        "add",
        "cancel",
        "--channel",
        "office",
        "online",
        "--qf",
        "--json",
        "--lang",
        "en",
        "fr",
        "--from",
        "--to",
        "--month",
        "2024-09-19",
        "2024-09",
        "-1",
        "2024-09-19T17:00",
        "2024-13-45",
        "NaN",
        "1e999",
        "",
        "--justified",
        "x" * 300,
    ]
)
ARGUMENTS = st.lists(WORDS | st.text(string.printable, max_size=12), max_size=12)


@settings(max_examples=300, deadline=None)
@given(ARGUMENTS)
def test_cli_arguments_never_crash(arguments: list[str]) -> None:
    out = io.StringIO()
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(arguments, stdout=out)
    assert code in (0, 2), (arguments, err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue()
    if code == 0 and "--json" in arguments:
        json.loads(out.getvalue())
