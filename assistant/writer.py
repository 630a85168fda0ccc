"""LLM mode: a chat model writes the answer from numbered sources, and every claim is checked.

A claim (a sentence of the reply) is kept only when each of its [n] markers names a source it was
given and each number it states appears in a quote it cites (or in the question, or in a value the
facts engine computed from cited facts). What fails is removed; an answer left with no supported
claim becomes ``answered: false``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.citations import MARKER_RE, Evidence
from assistant.llm import Prompts, text_of
from assistant.numbers import find_numbers

REFUSAL_RE = re.compile(r"\bsources? (?:do(?:es)?n[\u2019']?t|do not|does not) (?:say|cover|mention|answer)", re.I)
_SENTENCE = re.compile(r"^(.*?[.!?](?:\s*\[\d{1,3}\])*)\s+(?=[^\s\[])", re.S)


@dataclass
class Written:
    """The checked reply: kept sentences, the sources they cite, and what was removed and why."""

    sentences: list[str] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


class Checker:
    """Checks one sentence at a time against the sources the model was given."""

    def __init__(self, sources: list[Evidence], *, allowed_numbers: set[float]) -> None:
        self.sources = sources
        self.allowed = allowed_numbers
        self.written = Written()

    def add(self, sentence: str) -> str | None:
        """Check ``sentence``; return it when kept, else None (and record why)."""
        sentence = sentence.strip()
        if not sentence:
            return None
        if REFUSAL_RE.search(sentence):
            self.written.refused = True
            return None
        problem = self.problem(sentence)
        if problem:
            self.written.removed.append(f"{sentence!r}: {problem}")
            return None
        self.written.sentences.append(sentence)
        for n in (int(m) for m in MARKER_RE.findall(sentence)):
            if n not in self.written.cited:
                self.written.cited.append(n)
        return sentence

    def problem(self, sentence: str) -> str | None:
        numbers = [int(m) for m in MARKER_RE.findall(sentence)]
        if not numbers:
            return "cites no source"
        wrong = [n for n in numbers if not 1 <= n <= len(self.sources)]
        if wrong:
            return f"cites source [{wrong[0]}], which it was not given"
        quotes = " ".join(self.sources[n - 1].quote for n in numbers)
        stated = {n.value for n in find_numbers(quotes)} | self.allowed
        text = MARKER_RE.sub(" ", sentence)
        claimed = [n for n in find_numbers(text) if text[n.start : n.end].lower() != "one"]  # "one of them" is no figure
        unsupported = [n for n in claimed if not any(abs(n.value - s) < 1e-9 for s in stated)]
        if unsupported:
            value = unsupported[0].value
            return f"states {int(value) if value.is_integer() else value}, which its sources do not"
        return None


def numbered_sources(sources: list[Evidence]) -> str:
    return "\n".join(f"[{i}] {e.quote} (from: {e.title})" for i, e in enumerate(sources, start=1))


def write(model: BaseChatModel, prompts: Prompts, question: str, sources: list[Evidence], *, allowed_numbers: set[float]) -> Written:
    """Ask ``model`` for a complete reply and check it."""
    checker = Checker(sources, allowed_numbers=allowed_numbers)
    reply = text_of(model.invoke(prompts.answer.format_messages(sources=numbered_sources(sources), question=question)))
    for sentence in split_claims(reply):
        checker.add(sentence)
    return checker.written


def stream(
    model: BaseChatModel, prompts: Prompts, question: str, sources: list[Evidence], *, allowed_numbers: set[float]
) -> Iterator[str | Written]:
    """Yield each checked sentence as soon as the model has finished it, then the :class:`Written`."""
    checker = Checker(sources, allowed_numbers=allowed_numbers)
    buffer = ""
    first = True
    for chunk in model.stream(prompts.answer.format_messages(sources=numbered_sources(sources), question=question)):
        buffer += text_of(chunk)
        while match := _SENTENCE.match(buffer):
            buffer = buffer[match.end() :]
            kept = checker.add(match.group(1))
            if kept:
                yield kept if first else " " + kept
                first = False
    if buffer.strip() and checker.add(buffer):
        yield buffer.strip() if first else " " + buffer.strip()
    yield checker.written


def split_claims(reply: str) -> list[str]:
    """A reply cut into sentences, each keeping the [n] markers that follow its full stop."""
    out = []
    rest = reply.strip()
    while match := _SENTENCE.match(rest):
        out.append(match.group(1))
        rest = rest[match.end() :]
    if rest.strip():
        out.append(rest.strip())
    return out


def condense_with(model: BaseChatModel, prompts: Prompts, question: str, history: list[Any]) -> str:
    """The model's standalone rewrite of ``question`` (one line), or the question itself."""
    lines = []
    for exchange in history:
        lines.append(f"User: {exchange.question}")
        if exchange.answer:
            lines.append(f"Assistant: {MARKER_RE.sub('', exchange.answer).strip()}")
    reply = text_of(model.invoke(prompts.condense.format_messages(history="\n".join(lines), question=question))).strip()
    first_line = reply.splitlines()[0].strip().strip('"') if reply else ""
    return first_line if 3 <= len(first_line) <= 2000 else question
