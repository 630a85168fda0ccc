"""Bounds on the history a client sends with its question (stateless use).

Each earlier turn is understood in the context of the ones before it, so the work grows with the
number of turns and with their length. The limits are checked, and the history cut to the turns a
follow-up can refer to, before any of that work is done: a request costs at most what its last few
turns cost, however long the conversation it carries.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from assistant.understand.validity import text_problem

LOOKUPS_KEPT = 1024
MESSAGE_SETTING = "api.max_history_message_chars, ASSISTANT_API__MAX_HISTORY_MESSAGE_CHARS"
TOTAL_SETTING = "api.max_history_chars, ASSISTANT_API__MAX_HISTORY_CHARS"


def history_problem(history: Sequence[dict[str, str]], *, message_chars: int, total_chars: int) -> str | None:
    """What is wrong with ``history`` (a sentence naming the limit and its setting), or None."""
    total = 0
    for number, message in enumerate(history, start=1):
        content = str(message.get("content") or "")
        problem = text_problem(content, f"message {number} of the history")
        if problem:
            return problem
        if len(content) > message_chars:
            return (
                f"message {number} of the history is {len(content):,} characters long; the limit is {message_chars:,} "
                f"characters per message ({MESSAGE_SETTING}): shorten it or leave it out"
            )
        total += len(content)
    if total > total_chars:
        return (
            f"the history is {total:,} characters long in all; the limit is {total_chars:,} ({TOTAL_SETTING}): "
            "send only the last turns of the conversation"
        )
    return None


def recent(history: Sequence[dict[str, str]], turns: int) -> list[dict[str, str]]:
    """The last ``turns`` user messages of ``history``, each with the replies that follow it."""
    starts = [i for i, message in enumerate(history) if message.get("role") == "user"]
    if len(starts) <= turns:
        return list(history)
    return list(history[starts[-turns] :])


def remember_lookups(lexicon: Any, size: int = LOOKUPS_KEPT) -> None:
    """Make ``lexicon.find`` remember its last ``size`` answers.

    Understanding each turn of a history looks up the names in every earlier turn again, so the same
    texts are searched over and over: remembered, a history costs in proportion to its length rather
    than to its length times its number of turns. A copy is returned each time, so a caller may change it.
    """
    find = lexicon.find
    found = functools.lru_cache(maxsize=size)(lambda text: tuple(find(text)))
    lexicon.find = lambda text: list(found(text))
