"""Comparisons of two things the question names, each read from its own sentence.

"Which was the bigger sum: the Treasury loan or the price the railway paid?" is answered by no one
sentence when the article gives each figure in its own. The question is read as its frame ("the bigger
sum") and its two sides; each side is asked of the same candidate sentences as a question of its own
("the Treasury loan": how much), the figure or date nearest to where the sentence writes the side is
its value, and the side whose value is the larger (or the earlier, for "first") is the answer, with
both sentences cited. A side the articles give no figure or date for leaves the question to the
other answerers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.answer.base import AskState, Proposal
from assistant.answer.clauses import as_sentence
from assistant.answer.reader import MAX_ANSWER_CHARS, Ranked, Sentence, SentenceReader, tidy
from assistant.answer.types import CURRENCY_BEFORE
from assistant.citations import Evidence
from assistant.numbers import SCALE_WORDS, SCALES, find_numbers
from assistant.text import STOPWORDS, YEAR, stem, words
from assistant.understand.question import Question, analyse

_MORE = r"more|most|bigger|biggest|larger|largest|greater|greatest|higher|highest|longer|longest|taller|heavier|older|faster|further|farther|wider|deeper"
_LESS = r"fewer|fewest|less|least|smaller|smallest|lower|lowest|shorter|shortest|lighter|younger|slower|cheaper|narrower|shallower"
_FIRST = r"first|earlier|earliest|sooner|before"
_LAST = r"later|latest|last|after"
_DIRECTION = re.compile(rf"\b(?:(?P<more>{_MORE})|(?P<less>{_LESS})|(?P<first>{_FIRST})|(?P<last>{_LAST}))\b", re.I)
_SCALES = {**SCALES, "m": 1e6, "bn": 1e9}
_SCALE_AFTER = re.compile(rf"^\s*({SCALE_WORDS}|bn|m)\b", re.I)
# what follows a figure and belongs to it: its scale and unit ("6.2 million", "38 percent", "22,000 workers")
_UNIT_AFTER = re.compile(
    rf"(?:\s*(?:{SCALE_WORDS}|bn)\b)?"
    r"(?:\s*(?:%|per ?cent\b)|\s+(?!(?:and|or|to|from|in|of|a|an|the)\b)[a-z]+\b)?"
)
_MONTHS = "january february march april may june july august september october november december".split()
_LEADING = re.compile(r"^(?:the|a|an|in|on|at|under|for|by|of|during)\s+", re.I)


@dataclass(frozen=True)
class Side:
    text: str  # as the question writes it: "the Treasury loan to the tunnel company"
    ranked: Ranked
    span: tuple[int, int]
    value: tuple[float, ...]


def two_sides(question: str) -> tuple[str, str, str, str] | None:
    """The frame, the two sides and the direction ("more", "less", "first" or "last") of a question that
    asks which of two things is the larger or the earlier ("Which was the bigger sum: A or B?", "Were
    flights more punctual in 2023 or in 2024?"); None for any other question."""
    body = question.strip().rstrip("?").strip()
    split = list(re.finditer(r"\s+or\s+", body))
    if not split:
        return None
    left, b = body[: split[-1].start()], body[split[-1].end() :].strip()
    separator = list(re.finditer(r"\s*[,:;\u2013\u2014]\s*|\s+-\s+", left))
    if separator:
        frame, a = left[: separator[-1].start()], left[separator[-1].end() :].strip()
    else:  # the first side follows the frame: "Did more workers die | under the French"
        starts = [m.start() for m in re.finditer(r"\b(?:under|in|at|for|by|during|from|on|with)\s+\S", left)]
        if not starts:
            return None
        frame, a = left[: starts[-1]], left[starts[-1] :].strip()
    direction = _DIRECTION.search(frame)
    if direction is None or not _content(a) or not _content(b):
        return None
    return frame, a, b, next(k for k, v in direction.groupdict().items() if v)


def _content(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS}


class SidesReader:
    """Answers which of two named things has the larger (or earlier) figure, from one sentence for each."""

    name = "sides"

    def __init__(self, sentences: SentenceReader) -> None:
        self.sentences = sentences

    def propose(self, state: AskState) -> Proposal | None:
        q = state.analysed
        parsed = two_sides(state.standalone or (q.text if q else ""))
        if q is None or parsed is None:
            return None
        frame, a, b, direction = parsed
        candidates = self.sentences.candidates(state.hits, state.sentence_hits, state.scope or None)
        if not candidates:
            return None
        similarity = self.sentences.judge.sentence_similarities(state, [c[0] for c in candidates])
        wanted = "date" if direction in {"first", "last"} else "number"
        first = self._side(a, b, frame, wanted, candidates, similarity, None)
        second = self._side(b, a, frame, wanted, candidates, similarity, first)
        if first is None or second is None or len(first.value) != len(second.value) or first.value == second.value:
            return None
        larger = max((first, second), key=lambda s: s.value)
        winner = larger if direction in {"more", "last"} else (second if larger is first else first)
        loser = second if winner is first else first
        verdicts = [self.sentences.judge.verdict(q, s.ranked.features) for s in (winner, loser)]
        if not all(v.ok for v in verdicts):
            return None
        parts = [winner] if winner.ranked.sentence == loser.ranked.sentence else [winner, loser]
        evidence = [
            Evidence(
                p.ranked.sentence.article.id,
                p.ranked.sentence.article.title,
                p.ranked.sentence.article.url,
                *_bounds(p),
                p.ranked.sentence.span.text,
            )
            for p in parts
        ]
        marks = (1, 1) if len(parts) == 1 else (1, 2)
        lead = (
            f"{_capital(_bare(winner.text))}: {_value(winner)} [{marks[0]}], against {_value(loser)} for {_bare(loser.text)} [{marks[1]}]."
        )
        quoted = " ".join(f"{as_sentence(p.ranked.sentence.span.text)} [{i}]." for i, p in enumerate(parts, start=1))
        text = f"{lead} {tidy(quoted)}" if len(lead) + len(quoted) < MAX_ANSWER_CHARS else lead
        return Proposal(self.name, text, evidence, min(v.score for v in verdicts), computed=True)

    def _side(
        self,
        side: str,
        other: str,
        frame: str,
        wanted: str,
        candidates: list[tuple[Sentence, float, float]],
        similarity: dict[tuple[str, int], float],
        taken: Side | None,
    ) -> Side | None:
        """The best sentence for ``side`` asked with the question's frame, and the value it gives."""
        # the side asked as a question of its own: its figure or date, no operation over all of them
        asked: Question = analyse(f"{frame} {side}?", self.sentences.lexicon)
        asked = replace(asked, expects=wanted, superlative=None, operation=None, than=None, nth=None, place=None, top_n=None)
        mine, theirs = _content(side), _content(other) - _content(side)
        for r in self.sentences.rank(asked, candidates, similarity)[:10]:
            if not r.spans or r.features.absent or r.features.conflicts:
                continue
            text = r.sentence.span.text
            have = {stem(w) for w in words(text)}
            # a year the sentence does not write may be the one its main figure is of: "rose to 3,950, from
            # 2,870 in 2022" gives 2023's figure too; any other side must be written
            implicit = YEAR.fullmatch(side.strip(" .").split()[-1]) and taken and taken.ranked.sentence == r.sentence
            if not mine & have and not implicit:
                continue
            spans = [
                s
                for s in r.spans
                if not (taken and taken.ranked.sentence == r.sentence and s == taken.span) and (wanted == "date" or _plain(text, s))
            ]
            at = _written_at(text, mine if mine & have else theirs)
            if at is None or not spans:
                continue
            if not mine & have:  # the sentence writes only the other side: this side's value is the other figure
                span = max(spans, key=lambda s: abs((s[0] + s[1]) / 2 - at[0]))
            elif re.match(r"\s*:", text[at[1] :]):  # "(2023: 81.2%)": the figure after the side's colon
                span = min((s for s in spans if s[0] >= at[1]), key=lambda s: s[0], default=spans[0])
            else:
                span = min(spans, key=lambda s: abs((s[0] + s[1]) / 2 - at[0]))
            value = _number(text, span) if wanted == "number" else _date(text[span[0] : span[1]])
            if value is not None:
                return Side(side, r, span, value)
        return None


def _written_at(text: str, stems: set[str]) -> tuple[float, int] | None:
    """The middle of where ``text`` writes the words of ``stems`` and the end of the last of them, or None."""
    found = [m for m in re.finditer(r"[\w'\-]+", text) if stem(m.group(0).lower()) in stems]
    return (sum(m.start() for m in found) / len(found), found[-1].end()) if found else None


def _plain(text: str, span: tuple[int, int]) -> bool:
    """A figure that measures or counts: not an ordinal ("the third set of locks") nor a year."""
    found = find_numbers(text[span[0] : span[1]])
    return bool(found) and not found[0].ordinal and not YEAR.fullmatch(text[span[0] : span[1]].strip())


def _number(text: str, span: tuple[int, int]) -> tuple[float, ...] | None:
    found = find_numbers(text[span[0] : span[1]])
    if not found:
        return None
    scale = _SCALE_AFTER.match(text[span[1] :]) or _SCALE_AFTER.match(text[span[0] : span[1]][found[0].end :])
    return (found[0].value * (_SCALES[scale.group(1).lower()] if scale else 1.0),)


def _date(said: str) -> tuple[float, ...] | None:
    year = re.search(r"\b(\d{3,4})\b", said)
    if not year:
        return None
    month = next((i + 1 for i, m in enumerate(_MONTHS) if m in said.lower()), 0)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", said.replace(year.group(1), ""))
    return (float(year.group(1)), float(month), float(day.group(1)) if day and month else 0.0)


def _bounds(side: Side) -> tuple[int, int]:
    return side.ranked.sentence.span.start, side.ranked.sentence.span.end


def _value(side: Side) -> str:
    """The value as the sentence writes it, with its currency, scale and unit: "£24,000", "27 percent"."""
    text = side.ranked.sentence.span.text
    start, end = side.span
    currency = CURRENCY_BEFORE.search(text[max(0, start - 4) : start])
    start -= len(currency.group(0)) if currency else 0
    after = _UNIT_AFTER.match(text[end:]) if len(side.value) == 1 else None  # a date has no unit: "in 1911 she ..."
    return text[start : end + (after.end() if after else 0)].strip()


def _bare(text: str) -> str:
    return _LEADING.sub("", text.strip()) if not re.match(r"^\s*(?:in|on|during)\s+\d", text) else text.strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
