"""The sources an LLM answers from: a few of the best sentences, each with the sentences around it.

A small model on a CPU reads a prompt at a few dozen tokens a second, so every source it is given
costs time; and a sentence alone often lacks what it refers to ("It was founded..."), which makes a
model refuse or guess. So the model gets fewer sources, each a short passage: a ranked sentence with
its neighbours in the same paragraph, passages that touch merged into one. Every source stays a
verbatim span of its article, so a citation of it quotes the article exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from assistant.answer.writer import lowercase_words
from assistant.chunking import Span, sentences_of
from assistant.citations import Evidence
from assistant.corpus import Article

MAX_CHARS = 480  # a passage of at most about 120 tokens: the sentence and a neighbour or two


def common_words(articles: Mapping[str, Article]) -> frozenset[str]:
    """Every word the articles write in lower case (so a capitalised one at a sentence start is no name)."""
    return _common_words(tuple(articles.values()))


@lru_cache(maxsize=4)
def _common_words(articles: tuple[Article, ...]) -> frozenset[str]:
    return frozenset().union(*(lowercase_words(a.text) for a in articles))


def _same_paragraph(text: str, left: Span, right: Span) -> bool:
    return "\n\n" not in text[left.end : right.start]


def passage(article: Article, start: int, end: int, *, neighbours: int = 1, max_chars: int = MAX_CHARS) -> tuple[int, int]:
    """The span ``start``..``end`` widened by up to ``neighbours`` whole sentences on each side, within
    its paragraph and ``max_chars``; the sentence before goes first (it often names what "it" is)."""
    spans = sentences_of(article.text)
    inside = [i for i, s in enumerate(spans) if s.end > start and s.start < end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    lo, hi = min(spans[first].start, start), max(spans[last].end, end)
    before = after = True
    for _ in range(neighbours):
        if (
            before
            and first > 0
            and _same_paragraph(article.text, spans[first - 1], spans[first])
            and hi - spans[first - 1].start <= max_chars
        ):
            first -= 1
            lo = spans[first].start
        else:
            before = False
        if (
            after
            and last + 1 < len(spans)
            and _same_paragraph(article.text, spans[last], spans[last + 1])
            and spans[last + 1].end - lo <= max_chars
        ):
            last += 1
            hi = spans[last].end
        else:
            after = False
    return lo, hi


def select_sources(
    candidates: Sequence[Evidence],
    articles: Mapping[str, Article],
    *,
    count: int,
    first: Sequence[Evidence] = (),
    neighbours: int = 1,
    max_chars: int = MAX_CHARS,
    budget: int | None = None,
) -> list[Evidence]:
    """Up to ``count`` sources: ``first`` as they are (facts the facts engine cites), then passages
    around the ranked ``candidates`` (best first), skipping what is already given.

    ``budget`` caps the characters of all sources together: the best sentences get their neighbours
    first, later ones only what is left (a sentence that does not fit at all is left out).
    """
    chosen: list[Evidence] = list(first)[:count]
    left = (budget - sum(len(e.quote) for e in chosen)) if budget else None
    for candidate in candidates:
        if len(chosen) >= count or (left is not None and left <= 0):
            break
        if any(e.source == candidate.source and e.start <= candidate.start < e.end for e in chosen):
            continue
        article = articles.get(candidate.source)
        if article is None or article.text[candidate.start : candidate.end] != candidate.quote:
            continue
        if left is not None and len(candidate.quote) > left and chosen:
            continue
        room = max_chars if left is None else max(len(candidate.quote), min(max_chars, left))
        lo, hi = passage(article, candidate.start, candidate.end, neighbours=neighbours, max_chars=room)
        at = next((i for i, e in enumerate(chosen) if i >= len(first) and e.source == article.id and lo <= e.end and e.start <= hi), None)
        if at is not None:  # a passage touching another joins it
            lo, hi = min(lo, chosen[at].start), max(hi, chosen[at].end)
            added = (hi - lo) - len(chosen[at].quote)
            chosen[at] = Evidence(article.id, article.title, article.url, lo, hi, article.text[lo:hi])
        else:
            added = hi - lo
            chosen.append(Evidence(article.id, article.title, article.url, lo, hi, article.text[lo:hi]))
        if left is not None:
            left -= added
    return chosen
