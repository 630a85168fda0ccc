"""What the chat UI says around an answer: how it was made, how the question was understood, and
which answer the quote panel is showing."""

from __future__ import annotations

import html
import re
from itertools import pairwise

from assistant.config import Settings
from assistant.text import QUESTION_WORDS

_CITE_HREF = re.compile(r'href="#cite/([^"/]+/\d+/\d+/\d+)"')
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_AUXILIARIES = frozenset("is are was were do does did can could will would should has have had may might must shall".split())


def mode_line(settings: Settings) -> str:
    """Who writes the answers, as the UI header says it."""
    llm = settings.llm
    if llm.provider == "offline":
        return "Answers by the offline reader: sentences quoted from the sources, no language model."
    return (
        f"Answers written by the LLM <b>{html.escape(llm.model)}</b> ({html.escape(llm.provider)}), each sentence checked "
        "against the sources; the offline reader answers when the LLM can't."
    )


def well_formed(rewrite: str, asked: str) -> bool:
    """Whether a rewritten question reads as a question that keeps what was asked.

    It must end with a question mark, open with a question word or an auxiliary verb, repeat no word
    twice in a row, keep the question words of the original ("how many" stays "how many") and every
    name the original used.
    """
    rewrite = rewrite.strip()
    words = _WORD.findall(rewrite)
    if not rewrite.endswith("?") or not words:
        return False
    lower = [w.lower() for w in words]
    if lower[0] not in QUESTION_WORDS | _AUXILIARIES and not any(w in QUESTION_WORDS for w in lower[:4]):
        return False
    if any(a == b for a, b in pairwise(lower)):
        return False
    original = _WORD.findall(asked)
    asked_words = {w.lower() for w in original} & QUESTION_WORDS
    if not asked_words <= set(lower):
        return False
    names = {w for w in original[1:] if w[:1].isupper()}
    return names <= set(words)


def first_citation(message_html: str) -> str | None:
    """``SOURCE/START/END/N`` of the first citation linked in an answer's HTML, if any."""
    match = _CITE_HREF.search(message_html)
    return match.group(1) if match else None


def answer_count(messages: list[dict[str, str]]) -> int:
    return sum(1 for m in messages if m.get("role") == "assistant")
