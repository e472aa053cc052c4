"""Every answer of the command these tests produce is checked against its JSON Schema."""

from tests.schemas._validation import answers_follow_their_schemas

__all__ = ["answers_follow_their_schemas"]
