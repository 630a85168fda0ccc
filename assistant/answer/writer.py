"""LLM mode: a chat model writes the answer from numbered sources, and every claim is checked.

A claim (a sentence or a line of the reply) is kept only when
- it cites, and each of its [n] markers names a source it was given;
- each number it states appears in a quote it cites, as a count or as a rank alike ("11" is no
  "eleventh"), or is a figure the facts engine computed from facts it cites (a sum, a rank), or is a
  threshold the question gave ("more than 10");
- each name it gives (a capitalised word after its first) appears in a quote or title it cites.
What fails is removed; an answer left with no supported claim becomes ``answered: false``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.citations import MARKER_RE, Evidence
from assistant.llm import Prompts, text_of
from assistant.numbers import Number, find_numbers
from assistant.text import STOPWORDS, normalize

REFUSAL_RE = re.compile(r"\bsources? (?:do(?:es)?n[\u2019']?t|do not|does not) (?:say|cover|mention|answer)", re.I)
_SENTENCE = re.compile(r"^(.*?(?:[.!?](?:\s*\[\d{1,3}\])*(?:\s+(?=[^\s\[])|\s*\n)|\n))", re.S)
_THRESHOLD = re.compile(
    r"\b(?:more|fewer|less|greater|higher|lower|over|under|above|below|at least|at most|exceed(?:s|ing)?|than)\s+$", re.I
)
_NAME = re.compile(r"(?<![\w'])[A-Z][\w'\-]*")


@dataclass(frozen=True)
class Grounds:
    """What a claim may rest on besides the quotes it cites.

    ``computed``: figures the facts engine worked out (sums, differences, ranks), usable by a claim that
    cites one of ``computed_sources`` (1-based source numbers of the facts they came from);
    ``question``: the question, whose numbers may stand as thresholds ("more than 10").
    """

    question: str = ""
    computed: tuple[Number, ...] = ()
    computed_sources: frozenset[int] = frozenset()


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

    def __init__(self, sources: list[Evidence], grounds: Grounds | None = None) -> None:
        self.sources = sources
        self.grounds = grounds or Grounds()
        self._thresholds = {n.value for n in find_numbers(self.grounds.question)}
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
        """Why ``sentence`` cannot be kept, or None."""
        numbers = [int(m) for m in MARKER_RE.findall(sentence)]
        if not numbers:
            return "cites no source"
        wrong = [n for n in numbers if not 1 <= n <= len(self.sources)]
        if wrong:
            return f"cites source [{wrong[0]}], which it was not given"
        cited = [self.sources[n - 1] for n in dict.fromkeys(numbers)]
        quotes = " ".join(e.quote for e in cited)
        stated = list(find_numbers(quotes))
        if self.grounds.computed_sources & set(numbers):
            stated += self.grounds.computed
        text = MARKER_RE.sub(" ", sentence)
        for claimed in stated_numbers(text):
            if any(_same(claimed, s) for s in stated):
                continue
            if claimed.value in self._thresholds and _THRESHOLD.search(text[: claimed.start]):
                continue
            value = claimed.value
            return f"states {int(value) if value.is_integer() else value}, which its sources do not"
        known = normalize(" ".join([quotes, *(e.title for e in cited)]))
        for name in _names(text):
            if normalize(name) not in known:
                return f"names {name}, which its sources do not"
        return None


def stated_numbers(text: str) -> list[Number]:
    """The figures ``text`` states: every number, "one" too unless it is "one of" ("one of the cities")."""
    return [n for n in find_numbers(text) if not (text[n.start : n.end].lower() == "one" and re.match(r"\s+of\b", text[n.end :]))]


def _same(claimed: Number, source: Number) -> bool:
    return abs(claimed.value - source.value) < 1e-9 and claimed.ordinal == source.ordinal


def _names(text: str) -> list[str]:
    """Capitalised words of a sentence that name something; its first word only when it is no common word."""
    names = []
    for i, match in enumerate(_NAME.finditer(text.strip())):
        word = match.group(0).removesuffix("'s").removesuffix("\u2019s").strip("'-")
        if len(word) < 2 or (i == 0 and match.start() == 0 and word.lower() in _COMMON_STARTS):
            continue
        if word.lower() in STOPWORDS:
            continue
        names.append(word)
    return names


_COMMON_STARTS = frozenset(
    """yes no the a an it its this that these those there here they their both each all some most many only
    together overall in on at by for from with as according based however also so then while although""".split()
)


def numbered_sources(sources: list[Evidence]) -> str:
    return "\n".join(f"[{i}] {e.quote} (from: {e.title})" for i, e in enumerate(sources, start=1))


def write(model: BaseChatModel, prompts: Prompts, question: str, sources: list[Evidence], *, grounds: Grounds | None = None) -> Written:
    """Ask ``model`` for a complete reply and check it."""
    checker = Checker(sources, grounds)
    reply = text_of(model.invoke(prompts.answer.format_messages(sources=numbered_sources(sources), question=question)))
    for sentence in split_claims(reply):
        checker.add(sentence)
    return checker.written


def stream(
    model: BaseChatModel, prompts: Prompts, question: str, sources: list[Evidence], *, grounds: Grounds | None = None
) -> Iterator[str | Written]:
    """Yield each checked sentence as soon as the model has finished it, then the :class:`Written`."""
    checker = Checker(sources, grounds)
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
    """A reply cut into claims (sentences and lines), each keeping the [n] markers after its full stop."""
    out = []
    rest = reply.strip()
    while match := _SENTENCE.match(rest):
        if match.group(1).strip():
            out.append(match.group(1).strip())
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
