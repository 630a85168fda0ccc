"""Token-aware chunking that keeps sentences whole and remembers where every chunk came from.

A chunk is always a verbatim span ``article.text[start:end]``, so an answer built from it can cite the
exact characters it quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import tiktoken

from assistant.corpus import Article

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white space and an
# opening capital, digit or quote; a line break always ends one (headings, bullets, paragraphs).
# capitals beyond ASCII open sentences too: "... radioactivity. Ève Curie ...", "... in 1920. Łódź ..."
_CAPITALS = "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_END = re.compile(
    rf"""(?<=[.!?])["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9{_CAPITALS}\u4e00-\u9fff])|(?<=[\u3002\uff01\uff1f])"""
)
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "mr.",
    "ms.",
    "mrs.",
    "dr.",
    "prof.",
    "inc.",
    "ltd.",
    "co.",
    "no.",
    "u.s.",
    "u.k.",
    "st.",
    "jr.",
    "corp.",
)


@dataclass(frozen=True)
class Span:
    """Characters ``start``..``end`` of a text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences of one article."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    tokens: int


@lru_cache(maxsize=4)
def encoding(name: str) -> tiktoken.Encoding:
    """The tiktoken encoding ``name`` (offline; see :mod:`assistant.offline`)."""
    return tiktoken.get_encoding(name)


@lru_cache(maxsize=256)
def sentences_of(text: str) -> tuple[Span, ...]:
    """The sentences of ``text``, split once per distinct text (articles are read again and again)."""
    return tuple(split_sentences(text))


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentences of ``text`` with their offsets (plus ``offset``); blank lines are dropped."""
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        cut = 0
        for match in _END.finditer(line):
            if is_abbreviation(line[: match.end()]):
                continue
            _add(spans, line, line_start + offset, cut, match.end())
            cut = match.end()
        _add(spans, line, line_start + offset, cut, len(line))
    return spans


def is_abbreviation(before: str) -> bool:
    """Whether the full stop ending ``before`` belongs to an abbreviation or an initial ("e.g.", "Dr.",
    "Roger L."), or numbers a line ("1."), rather than ending a sentence."""
    tail = before.rstrip("\"'\u201d\u2019)]").lower()
    word = (tail.rsplit(None, 1)[-1] if tail.split() else tail).lstrip("([\"'\u201c")  # "(r. 1368": reigned
    if re.fullmatch(r"\s*(?:\d{1,2}|[a-z])\.", tail):  # "1." opening a numbered line
        return True
    return word in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.){1,3}", word))


def _add(spans: list[Span], line: str, base: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = base + start + lead
    spans.append(Span(begin, begin + len(stripped), stripped))


def chunk_article(article: Article, *, encoding_name: str, max_tokens: int, overlap_sentences: int) -> list[Chunk]:
    """Whole sentences packed into chunks of at most ``max_tokens`` tokens.

    Consecutive chunks share ``overlap_sentences`` sentences so that a fact stated across a sentence
    boundary is found whole in one chunk. A single sentence longer than ``max_tokens`` is cut at word
    boundaries.
    """
    enc = encoding(encoding_name)
    units = [piece for sentence in split_sentences(article.text) for piece in _fit(sentence, enc, max_tokens)]
    sizes = [len(enc.encode(u.text)) for u in units]
    # tokens of the white space between a unit and the next (line breaks, bullet indents)
    gaps = [len(enc.encode(article.text[a.end : b.start])) for a, b in pairwise(units)] + [0]
    chunks: list[Chunk] = []
    first = 0
    while first < len(units):
        last, total = first, sizes[first]
        while last + 1 < len(units) and total + gaps[last] + sizes[last + 1] <= max_tokens:
            total += gaps[last] + sizes[last + 1]
            last += 1
        start = units[first].start
        count = len(enc.encode(article.text[start : units[last].end]))
        while count > max_tokens and last > first:  # merges across boundaries can differ from the sum
            last -= 1
            count = len(enc.encode(article.text[start : units[last].end]))
        if last > first and last + 1 < len(units) and _heading(article.text, units[last]):
            last -= 1  # a heading opens the next chunk, with its section, rather than closing this one
            count = len(enc.encode(article.text[start : units[last].end]))
        end = units[last].end
        chunks.append(Chunk(article.id, len(chunks), start, end, article.text[start:end], count))
        if last + 1 >= len(units):
            break
        first = max(first + 1, last + 1 - overlap_sentences)
    return chunks


def _heading(text: str, unit: Span) -> bool:
    """Whether ``unit`` is a heading: a short line of its own with no closing stop ("Early life", "## Outlook")."""
    alone = (unit.start == 0 or text[unit.start - 1] == "\n") and text[unit.end : unit.end + 1] in ("\n", "")
    words = unit.text.split()
    return alone and 0 < len(words) <= 12 and not unit.text.rstrip().endswith((".", "!", "?", ":", ";", ",", '"', "\u201d"))


def _fit(sentence: Span, enc: tiktoken.Encoding, max_tokens: int) -> list[Span]:
    if len(enc.encode(sentence.text)) <= max_tokens:
        return [sentence]
    pieces: list[Span] = []
    words = list(re.finditer(r"\S+", sentence.text))
    begin = 0
    while begin < len(words):
        end = begin + 1
        while end < len(words) and len(enc.encode(sentence.text[words[begin].start() : words[end].end()])) <= max_tokens:
            end += 1
        lo, hi = words[begin].start(), words[end - 1].end()
        pieces.append(Span(sentence.start + lo, sentence.start + hi, sentence.text[lo:hi]))
        begin = end
    return pieces
