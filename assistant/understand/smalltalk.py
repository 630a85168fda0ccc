"""Messages that ask nothing: a greeting, thanks, or no words at all (".", "???", "a", a zero-width space).

Such a message has nothing to look up, yet retrieval always returns the passages that score best, so
the answerer could cite an unrelated sentence with confidence. Instead it gets ``answered: false`` and
an invitation to ask a real question; a greeting gets a greeting back, with example questions drawn
from the corpus (the ones the chat UI shows).

Only general language knowledge is used here: greeting and filler words, and the stop words of
:mod:`assistant.text`. In a conversation, a short follow-up ("Why?", "And them?") is a question,
so there only messages without any such word count as asking nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

from assistant.citations import Answer
from assistant.text import QUESTION_WORDS, STOPWORDS

Kind = Literal["greeting", "thanks", "empty"]

GREETINGS = frozenset(
    """hi hello hey heya hiya howdy hallo hola bonjour salut ciao greetings yo morning afternoon evening
    你好 您好 嗨 哈喽 早上好 下午好 晚上好""".split()
)
THANKS = frozenset("thanks thank thx ty cheers 谢谢 多谢".split())
# Words that carry no request by themselves: acknowledgements, hesitations, politeness.
FILLERS = frozenset(
    """ok okay k alright sure yes yeah yep no nope cool great nice good fine perfect awesome hmm hm um uh ah oh
    lol test testing please pls there everyone all""".split()
)
_WORD = re.compile(r"\w+")

GREETING = "Hello! I answer questions about the articles I have indexed, and every answer quotes them."
THANKED = "You're welcome! Ask me anything else about the articles."
EMPTY = "That doesn't ask anything I can look up in the articles: please ask a question about them."


def kind(question: str, *, follow_up: bool = False) -> Kind | None:
    """Whether ``question`` asks nothing, and how: None when it may well ask something.

    ``follow_up``: it continues a conversation, where a question word or a pronoun alone asks something.
    """
    tokens = _WORD.findall(unicodedata.normalize("NFKC", question).casefold())
    content = [t for t in tokens if not _empty_word(t, follow_up=follow_up)]
    if content:
        return None
    if any(t in GREETINGS for t in tokens):
        return "greeting"
    if any(t in THANKS for t in tokens):
        return "thanks"
    return "empty"


def reply(question: str, *, follow_up: bool, examples: Callable[[], list[str]]) -> Answer | None:
    """The answer to a message that asks nothing (``answered`` false), or None for a real question."""
    found = kind(question, follow_up=follow_up)
    if found is None:
        return None
    if found == "thanks":
        text = THANKED
    elif found == "greeting":
        text = GREETING + _for_example(examples()[:3])
    else:
        text = EMPTY + _for_example(examples()[:1])
    return Answer(answer=text, answered=False, standalone_question=question.strip())


def _empty_word(token: str, *, follow_up: bool) -> bool:
    if token in GREETINGS or token in THANKS or token in FILLERS:
        return True
    if len(token) == 1 and token.isascii() and token.isalpha():  # "a", "x": a letter is no question
        return True
    if follow_up:  # "Why?", "And them?" continue the conversation
        return False
    return token in STOPWORDS or token in QUESTION_WORDS


def _for_example(questions: list[str]) -> str:
    if not questions:
        return ""
    quoted = [f"\u201c{q}\u201d" for q in questions]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" For example: {listed}"
