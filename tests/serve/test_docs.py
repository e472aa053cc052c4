"""docs/service.md: its Python example runs, and its request gets the answer it shows."""

from __future__ import annotations

import json
import re

import pytest

from cantine_rules.serve import Service
from tests._doc_examples import LANGUAGES, page_in, run_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_python_example_runs(language: str) -> None:
    assert run_page(page_in(language, "service.md")).doctests == 4  # each >>> line of its one block


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_request_shown_gets_the_answer_shown(language: str) -> None:
    page = page_in(language, "service.md").read_text("utf-8")
    request, answer = [
        json.loads(block) for block in re.findall(r"^```json\n(.*?)^```", page, re.M | re.S)
    ]
    assert Service().answer(request) == (answer, 0)
