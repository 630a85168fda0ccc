"""LLM mode: a chat model writes the answer from numbered sources, and every claim is checked.

A claim (a sentence or a line of the reply) is kept only when
- it cites, and each of its [n] markers names a source it was given;
- each number it states appears in a quote it cites, as a count or as a rank alike ("11" is no
  "eleventh"), or is a figure the facts engine computed from facts it cites (a sum, a rank), or is a
  threshold the question gave ("more than 10");
- each name it gives (a capitalised word after its first) appears in a quote or title it cites.
What fails is removed; an answer left with no supported claim becomes ``answered: false``.

Before that, what a small model gets wrong in form only is repaired: "[1, 2]" and "[Source 1]" are
read as [1][2] and [1]; a claim without a marker cites the one source holding all its names and
numbers, when exactly one does; an ordinal word is a figure only when it ranks ("ranks fourth", "the
third largest"), not in "first recorded"; a capitalised first word is a name only when the sources
use it as one mid-sentence ("Maternal deaths fell" names nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.chunking import is_abbreviation
from assistant.citations import MARKER_RE, Evidence
from assistant.llm import Prompts, text_of
from assistant.numbers import Number, find_numbers
from assistant.text import STOPWORDS, normalize, terms

REFUSAL_RE = re.compile(r"\bsources? (?:do(?:es)?n[\u2019']?t|do not|does not) (?:say|cover|mention|answer)", re.I)
_BOUNDARY = re.compile(r"[.!?](?:\s*\[\d{1,3}\])*(?:\s+(?=[^\s\[])|\s*\n)|\n")
_THRESHOLD = re.compile(
    r"\b(?:more|fewer|less|greater|higher|lower|over|under|above|below|at least|at most|exceed(?:s|ing)?|than)\s+$", re.I
)
_NAME = re.compile(r"(?<![\w'])[A-Z][\w'\-]*")
_LOWER_WORD = re.compile(r"(?<![\w'\-])[a-z][a-z'\-]*")
_MID_NAME = re.compile(r"(?<=[\w,;)%] )[A-Z][\w'\-]*")  # capitalised after a word: a name, not a sentence start
_MARKER_LIST = re.compile(
    r"\[\s*(?:sources?\s*)?(\d{1,3}(?:\s*(?:,|and|&)\s*(?:sources?\s*)?\d{1,3})*)\s*\]|\(\s*sources?\s+(\d{1,3})\s*\)", re.I
)
_RANK_BEFORE = frozenset("rank ranks ranked ranking place placed places came come comes finished finishes stands stood no number".split())
_COPULAS = frozenset("is was are were be being been the".split())
_RANK_AFTER = frozenset("most least place position spot ranked ranking among overall behind after".split())
_CLAUSE_END = frozenset("in on of with among behind after and".split())


@dataclass(frozen=True)
class Grounds:
    """What a claim may rest on besides the quotes it cites.

    ``computed``: figures the facts engine worked out (sums, differences, ranks), usable by a claim that
    cites one of ``computed_sources`` (1-based source numbers of the facts they came from);
    ``question``: the question, whose numbers may stand as thresholds ("more than 10");
    ``common_words``: words the articles write in lower case, which are no names at the start of a sentence.
    """

    question: str = ""
    computed: tuple[Number, ...] = ()
    computed_sources: frozenset[int] = frozenset()
    common_words: frozenset[str] = frozenset()


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
        self._names_used = {normalize(m.group(0)) for e in sources for m in _MID_NAME.finditer(e.quote)}
        self._lower = self.grounds.common_words | lowercase_words(" ".join([self.grounds.question, *(e.quote for e in sources)]))
        self.written = Written()

    def add(self, sentence: str) -> str | None:
        """Check ``sentence`` (repaired in form first); return it when kept, else None (and record why)."""
        sentence = _tidy_markers(_MARKER_LIST.sub(_markers, sentence.strip()))
        if not re.search(r"\w", MARKER_RE.sub("", sentence)):  # nothing but markers ("[2]" repeated after a sentence)
            return None
        if REFUSAL_RE.search(sentence):
            self.written.refused = True
            return None
        if not MARKER_RE.search(sentence):
            sentence = self.cite(sentence)
        problem = self.problem(sentence)
        if problem and MARKER_RE.search(sentence) and not problem.startswith("cites source"):
            recited = self.cite(MARKER_RE.sub("", sentence).strip())
            if MARKER_RE.search(recited) and not self.problem(recited):
                sentence, problem = recited, None  # the model cited the wrong one of its sources: one other holds it all
        if problem:
            self.written.removed.append(f"{sentence!r}: {problem}")
            return None
        self.written.sentences.append(sentence)
        for n in (int(m) for m in MARKER_RE.findall(sentence)):
            if n not in self.written.cited:
                self.written.cited.append(n)
        return sentence

    def cite(self, sentence: str) -> str:
        """``sentence`` citing the one source that holds all its names and numbers, if exactly one does;
        a sentence with neither, the one source that holds most of its words (two thirds at least)."""
        text = sentence.strip()
        claimed, names = stated_numbers(text), self.names(text)
        words = set(terms(text))
        holding = []
        for n, e in enumerate(self.sources, start=1):
            if claimed or names:
                stated = figures(e.quote)
                known = normalize(f"{e.quote} {e.title}")
                holds = all(any(_same(c, s) for s in stated) for c in claimed) and all(normalize(name) in known for name in names)
            else:
                holds = len(words) >= 3 and len(words & set(terms(f"{e.quote} {e.title}"))) >= 2 * len(words) / 3
            if holds:
                holding.append(n)
        if len(holding) != 1:
            return sentence
        body, end = re.match(r"(.*?)([.!?]*)$", text, re.S).groups()
        return f"{body.rstrip()} [{holding[0]}]{end}"

    def names(self, text: str) -> list[str]:
        return _names(text, self._names_used, self._lower)

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
        stated = figures(quotes)
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
        for name in self.names(text):
            if normalize(name) not in known:
                return f"names {name}, which its sources do not"
        return None


def stated_numbers(text: str) -> list[Number]:
    """The figures ``text`` states: every number, "one" too unless it is "one of" ("one of the cities"),
    and ordinal words only where they rank."""
    out = []
    for n in find_numbers(text):
        written = text[n.start : n.end]
        if written.lower() == "one" and re.match(r"\s+of\b", text[n.end :]):
            continue
        if n.ordinal and written.isalpha() and not ranks(text, n):
            continue
        out.append(n)
    return out


def figures(quote: str) -> list[Number]:
    """The numbers a quote gives, its ordinal words only where they rank ("first recorded" ranks nothing)."""
    return [n for n in find_numbers(quote) if not (n.ordinal and quote[n.start : n.end].isalpha() and not ranks(quote, n))]


def ranks(text: str, n: Number) -> bool:
    """Whether the ordinal word at ``n`` places something in an order ("ranks fourth", "the third
    largest", "is second in") rather than telling when or how often ("first recorded", "the first time")."""
    before = re.findall(r"[\w.]+", text[: n.start].lower())[-2:]
    after = re.match(r"[\s-]*([\w]+)?", text[n.end :])
    following = (after.group(1) or "").lower() if after else ""
    if before and before[-1].rstrip(".") in _RANK_BEFORE:
        return True
    if following in _RANK_AFTER or (following.endswith("est") and len(following) > 4):
        return True
    clause_ends = not following or following in _CLAUSE_END
    return bool(before) and before[-1] in _COPULAS and clause_ends and (before[-1] != "the" or len(before) < 2 or before[-2] in _COPULAS)


def _tidy_markers(sentence: str) -> str:
    """Markers written after the full stop go before it, once each: "It is. [1]." -> "It is [1]."."""
    match = re.match(r"(.*?)([.!?])((?:\s*\[\d{1,3}\])+)\s*[.!?]?\s*$", sentence, re.S)
    if not match or not re.search(r"\w", MARKER_RE.sub("", match.group(1))):
        return sentence
    body, stop, tail = match.groups()
    present = set(MARKER_RE.findall(body))
    extra = "".join(f"[{n}]" for n in dict.fromkeys(MARKER_RE.findall(tail)) if n not in present)
    return f"{body.rstrip()}{' ' if extra and not body.rstrip().endswith(']') else ''}{extra}{stop}"


def _markers(match: re.Match[str]) -> str:
    numbers = re.findall(r"\d{1,3}", match.group(0))
    return "".join(f"[{n}]" for n in numbers)


def _same(claimed: Number, source: Number) -> bool:
    return abs(claimed.value - source.value) < 1e-9 and claimed.ordinal == source.ordinal


def lowercase_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case."""
    return frozenset(_LOWER_WORD.findall(text))


def _names(text: str, used: set[str] | frozenset[str] = frozenset(), lower: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised words of a sentence that name something. Its first word is capitalised anyway, so
    it is a name only when no common word, or when the sources (``used``) write it as a name
    mid-sentence; ``lower`` holds the words known in lower case ("Maternal" is "maternal")."""
    names = []
    text = text.strip()
    for i, match in enumerate(_NAME.finditer(text)):
        word = match.group(0).removesuffix("'s").removesuffix("\u2019s").strip("'-")
        initial = i == 0 and not re.search(r"[^\W\d_]", text[: match.start()])
        common = word.lower() in _COMMON_STARTS or (word.lower() in lower and normalize(word) not in used)
        if len(word) < 2 or (initial and common):
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
    for sentence in split_claims(_MARKER_LIST.sub(_markers, reply)):
        checker.add(sentence)
    return checker.written


@dataclass(frozen=True)
class Typed:
    """Text as the model writes it, before any check: for showing that the answer is on its way."""

    text: str


def stream(
    model: BaseChatModel, prompts: Prompts, question: str, sources: list[Evidence], *, grounds: Grounds | None = None
) -> Iterator[str | Typed | Written]:
    """Yield the model's text as it comes (:class:`Typed`), each checked sentence as soon as the model
    has finished it (``str``), then the :class:`Written`."""
    checker = Checker(sources, grounds)
    buffer = ""
    first = True
    for chunk in model.stream(prompts.answer.format_messages(sources=numbered_sources(sources), question=question)):
        piece = text_of(chunk)
        if not piece:
            continue
        yield Typed(piece)
        buffer = _MARKER_LIST.sub(_markers, buffer + piece)
        while (end := _sentence_end(buffer)) is not None:
            sentence, buffer = buffer[:end], buffer[end:]
            kept = checker.add(sentence)
            if kept:
                yield kept if first else " " + kept
                first = False
    if buffer.strip() and (kept := checker.add(buffer)):
        yield kept if first else " " + kept
    yield checker.written


def split_claims(reply: str) -> list[str]:
    """A reply cut into claims (sentences and lines), each keeping the [n] markers after its full stop."""
    out = []
    rest = reply.strip()
    while (end := _sentence_end(rest)) is not None:
        if rest[:end].strip():
            out.append(rest[:end].strip())
        rest = rest[end:]
    if rest.strip():
        out.append(rest.strip())
    return out


def _sentence_end(text: str) -> int | None:
    """Where the first sentence of ``text`` ends (past its markers and spaces), or None while it goes on.
    The full stop of an abbreviation or an initial ends nothing ("Roger L. Easton")."""
    for match in _BOUNDARY.finditer(text):
        if text[match.start()] == "." and is_abbreviation(text[: match.start() + 1]):
            continue
        return match.end()
    return None


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
