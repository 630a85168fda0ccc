"""Whether a piece of text sent as a question (or a turn of a conversation) is valid text.

JSON can carry code points that are not characters, such as a lone surrogate (``"\\ud800"``), and a
command line can carry bytes that are not UTF-8 (Python keeps them as surrogates ``\\udc80``-
``\\udcff``). Neither can be stored, logged or sent back, so they are refused up front with a message
naming the code point, never echoing it (echoing it would fail the same way).
"""

from __future__ import annotations

import re
from typing import Any

MAX_QUESTION = 2000


class InvalidQuestion(ValueError):
    """The question is empty, too long or not text, or the history sent with it is over its limits."""


def validate_question(question: Any) -> str:
    """``question`` trimmed, or :class:`InvalidQuestion` saying what is wrong with it and what to do."""
    if not isinstance(question, str):
        raise InvalidQuestion("question must be a string")
    question = question.strip()
    if not question:
        raise InvalidQuestion("question is empty: ask something about the sources")
    if len(question) > MAX_QUESTION:
        raise InvalidQuestion(f"question is {len(question)} characters long; the limit is {MAX_QUESTION}")
    if problem := text_problem(question):
        raise InvalidQuestion(problem)
    return question


# Lone surrogates, noncharacters (U+FDD0-U+FDEF and the last two of every plane) and control
# characters other than tab, line feed and carriage return.
_INVALID = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def text_problem(text: str, what: str = "question") -> str | None:
    """What makes ``text`` invalid (a sentence naming ``what`` and the code point), or None when it is fine."""
    match = _INVALID.search(text)
    if match is None:
        return None
    code = ord(match.group())
    where = f"at character {match.start() + 1}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by Python as a surrogate
        return f"{what} is not valid text: byte 0x{code - 0xDC00:02X} {where} is not UTF-8; send it as UTF-8 text"
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "a control character"
    else:
        kind = "a noncharacter"
    return f"{what} is not valid text: it holds {kind} (U+{code:04X}) {where}; send it as UTF-8 text without it"
