"""The direct-debit tests need the `sepa` extra. CI installs it (.ci/run), so they run there;
elsewhere, without it, this folder is not collected rather than failing to import."""

from importlib.util import find_spec

_MISSING = [name for name in ("schwifty", "sepaxml", "xmlschema") if find_spec(name) is None]
collect_ignore_glob = ["*.py"] if _MISSING else []

if not _MISSING:
    # Every answer of the command these tests produce is checked against its JSON Schema.
    from tests.schemas._validation import answers_follow_their_schemas

    __all__ = ["answers_follow_their_schemas"]
