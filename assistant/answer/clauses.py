"""The shortest part of a sentence that still says what is needed: answers quote clauses, not paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import decades, related, terms

_BREAK = re.compile(r",\s+|;\s+|:\s+|\s+[\u2014\u2013-]\s+|\s+\u2014|\u2014\s+")  # a "(...)" stays with its clause
_OPENERS = ("and ", "but ", "while ", "whereas ", "which ", "who ", "with ", "as ", "or ")
MIN_WORDS = 4
# an opening phrase that leans on the main clause after it: a participle or a subordinating word
_LEADING = re.compile(
    r"^(?:[A-Z][a-z]+ing(?=\s+(?:on|upon|the|a|an|to|from|with|in|into|its|his|her|their|up|out|over|through|this|that|these|those)\b)|Although|Though|Because|Since|When|Whenever|While|Whereas|If|Unless|Until|After|Before|Despite|"
    r"Following|Once|As|Having|Faced|Based|Compared|Given|Inspired|Encouraged|Prompted|Driven)\b"
)


@dataclass(frozen=True)
class Clause:
    """A span of an article: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


def clauses(text: str, offset: int = 0) -> list[Clause]:
    """``text`` cut at commas, semicolons, colons, dashes and brackets, with article offsets."""
    pieces, cut = [], 0
    for match in _BREAK.finditer(text):
        pieces.append((cut, match.start()))
        cut = match.end()
    pieces.append((cut, len(text)))
    out = []
    for a, b in pieces:
        segment = text[a:b]
        lead = len(segment) - len(segment.lstrip())
        trail = len(segment.rstrip())
        if segment.strip():
            out.append(Clause(offset + a + lead, offset + a + trail, segment.strip()))
    return out


def best_window(
    sentence: str,
    offset: int,
    *,
    must: list[tuple[int, int]] = (),
    question_terms: list[str] = (),
    max_chars: int = 260,
) -> Clause:
    """The run of clauses of ``sentence`` that covers every ``must`` span and most question terms, briefly.

    Offsets are article offsets (``offset`` is where ``sentence`` starts). Falls back to the whole
    sentence when no shorter run covers the required spans.
    """
    parts = clauses(sentence, offset)
    whole = Clause(offset, offset + len(sentence), sentence)
    if len(parts) <= 1:
        return whole
    wanted = [related(t) for t in dict.fromkeys(question_terms)]
    best, best_score = whole, _score(whole, wanted, len(sentence))
    for i in range(len(parts)):
        for j in range(i, len(parts)):
            start, end = parts[i].start, parts[j].end
            if any(not (start <= a and b <= end) for a, b in must):
                continue
            if i == j == 0 and _LEADING.match(parts[0].text):
                continue  # "Building on the work of Hale and Lund, Holt drained the swamps": not without its main clause
            start, end = _balance(sentence, offset, start, end)
            text = sentence[start - offset : end - offset]
            if len(text.split()) < MIN_WORDS or len(text) > max_chars:
                continue
            candidate = Clause(start, end, text)
            score = _score(candidate, wanted, len(sentence))
            if score > best_score:
                best, best_score = candidate, score
    return best


_PAIRS = (("(", ")"), ("\u201c", "\u201d"), ("[", "]"))


def _balance(sentence: str, offset: int, start: int, end: int) -> tuple[int, int]:
    """Widen ``start``..``end`` so that no bracket or curly quote inside it is left open or unopened."""
    for opening, closing in _PAIRS:
        text = sentence[start - offset : end - offset]
        depth = text.count(opening) - text.count(closing)
        if depth > 0:
            close = sentence.find(closing, end - offset)
            if close >= 0:
                end = offset + close + 1
        elif depth < 0:
            open_at = sentence.rfind(opening, 0, start - offset)
            if open_at >= 0:
                start = offset + open_at
    return start, end


def _score(clause: Clause, wanted: list[frozenset[str]], sentence_len: int) -> float:
    have = set(terms(clause.text)) | decades(clause.text)
    covered = sum(1 for group in wanted if group & have)
    coverage = covered / len(wanted) if wanted else 1.0
    dangling = 0.15 if clause.text.lower().startswith(_OPENERS) else 0.0
    return coverage - 0.35 * (len(clause.text) / max(sentence_len, 1)) - dangling


def as_sentence(text: str) -> str:
    """A clause written as a sentence: capital first letter, no trailing comma or colon."""
    text = text.strip().rstrip(",;:\u2014- ")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text
