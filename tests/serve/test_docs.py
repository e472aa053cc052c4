"""docs/service.md: its Python example runs, and its request gets the answer it shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cantine_rules.serve import Service
from tests._doc_examples import run_page

PAGE = Path(__file__).resolve().parents[2] / "docs" / "service.md"


def test_the_python_example_runs() -> None:
    assert run_page(PAGE).doctests == 4  # each >>> line of its one block


def test_the_request_shown_gets_the_answer_shown() -> None:
    request, answer = [
        json.loads(block)
        for block in re.findall(r"^```json\n(.*?)^```", PAGE.read_text("utf-8"), re.M | re.S)
    ]
    assert Service().answer(request) == (answer, 0)
