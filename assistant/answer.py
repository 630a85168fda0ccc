"""The offline answerer: the clause of the corpus that answers the question, quoted and cited.

No language model: retrieved passages are cut into sentences, the sentence that best fits the
question (its entities, its words, the kind of answer it wants) is chosen, and the shortest run of its
clauses that still answers is returned with a citation of exactly those characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from assistant.chunking import Span, split_sentences
from assistant.citations import Evidence
from assistant.clauses import as_sentence, best_window, with_what_follows
from assistant.corpus import Article
from assistant.lexicon import Lexicon
from assistant.numbers import find_numbers
from assistant.question import OPERATION_WORDS, RANK, SUPERLATIVE_MAX, SUPERLATIVE_MIN, Question
from assistant.retrieval import Hit
from assistant.support import Support, attributed, check
from assistant.text import GENERIC, normalize, related, stem, terms

PLACE_TYPES = {"city", "region", "country", "province", "location", "place"}
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTHS}|(?:19|20)\d{{2}}(?:\s*[-\u2013]\s*(?:19|20)\d{{2}})?|first half of \d{{4}}|second half of \d{{4}})\b"
)
_PERSON_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}\b")
_REASON_RE = re.compile(
    r"\b(because|due to|driven by|results? from|reason|lies in|thanks to|as a result|since|owing to|stems? from|based on|leveraging|by means of)\b",
    re.I,
)
MAX_CANDIDATES = 40
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)


@dataclass
class Draft:
    """An extractive answer: text with [n] markers and its evidence, or a refusal with what was missing."""

    text: str
    evidence: list[Evidence]
    answered: bool
    missing: str | None = None
    score: float = 0.0


@dataclass(frozen=True)
class Candidate:
    article: Article
    span: Span
    similarity: float
    rank: int


class Extractor:
    """Finds the answering clause among retrieved passages."""

    def __init__(self, articles: dict[str, Article], lexicon: Lexicon, vocabulary: set[str]) -> None:
        self.articles = articles
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self._sentences = {aid: split_sentences(a.text) for aid, a in articles.items()}
        self._starts = {aid: [s.start for s in spans] for aid, spans in self._sentences.items()}

    def sentences_in(self, article_id: str, start: int, end: int) -> list[Span]:
        spans = self._sentences.get(article_id, [])
        starts = self._starts.get(article_id, [])
        first = max(0, bisect_right(starts, start) - 1)
        out = []
        for span in spans[first:]:
            if span.start >= end:
                break
            if span.end > start:
                out.append(span)
        return out

    def candidates(self, hits: list[Hit]) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        out: list[Candidate] = []
        for rank, hit in enumerate(hits):
            article = self.articles.get(str(hit.metadata.get("source")))
            if article is None:
                continue
            start, end = int(hit.metadata.get("start", 0)), int(hit.metadata.get("end", 0))
            for span in self.sentences_in(article.id, start, end):
                if (article.id, span.start) not in seen:
                    seen.add((article.id, span.start))
                    out.append(Candidate(article, span, hit.similarity, rank))
            if len(out) >= MAX_CANDIDATES:
                break
        return out

    def answer(self, q: Question, hits: list[Hit]) -> Draft:
        """The best-supported extractive answer to ``q`` from ``hits``, or a refusal."""
        scored = sorted(((self._score(q, c), i, c) for i, c in enumerate(self.candidates(hits))), key=lambda t: (-t[0], t[1]))
        first_failure: Support | None = None
        for score, _, candidate in scored[:4]:
            draft, support = self._draft(q, candidate, score)
            if draft is not None:
                return draft
            first_failure = first_failure or support
        missing = first_failure.missing if first_failure else None
        return Draft("", [], answered=False, missing=missing)

    def best_sentences(self, q: Question, hits: list[Hit], *, limit: int) -> list[Evidence]:
        """The ``limit`` sentences that fit ``q`` best, whole, as citable evidence (for an LLM)."""
        scored = sorted(((self._score(q, c), i, c) for i, c in enumerate(self.candidates(hits))), key=lambda t: (-t[0], t[1]))
        return [
            Evidence(c.article.id, c.article.title, c.article.url, c.span.start, c.span.end, c.span.text)
            for _, _, c in scored[:limit]
            if len(c.span.text.split()) >= 4
        ]

    def _draft(self, q: Question, c: Candidate, score: float) -> tuple[Draft | None, Support]:
        sentence = c.span
        if not self._states_operation(q, sentence.text):
            support = check(q, sentence.text, vocabulary=self.vocabulary, context=c.article.title, similarity=c.similarity)
            return None, support if not support.ok else Support(False, _operation_words(q), 0.0)  # the more telling reason
        must = self._answer_spans(q, c)
        window = best_window(sentence.text, sentence.start, must=must[:1], question_terms=q.terms)
        support = check(q, window.text, vocabulary=self.vocabulary, context=c.article.title, similarity=c.similarity)
        if not support.ok and (window.start, window.end) != (sentence.start, sentence.end):
            window = best_window(sentence.text, sentence.start, max_chars=0)  # the whole sentence
            support = check(q, window.text, vocabulary=self.vocabulary, context=c.article.title, similarity=c.similarity)
        if support.ok and q.expects in {"text", "entity"}:
            window = with_what_follows(sentence.text, sentence.start, window)
            if not _adds_anything(q, window.text) and (window.start, window.end) != (sentence.start, sentence.end):
                window = best_window(sentence.text, sentence.start, max_chars=0)  # a clause that only echoes the question
        parts = [window]
        if not support.ok or (q.expects == "reason" and not _REASON_RE.search(window.text)):
            following = self._next_sentence(c)
            if following is not None:
                joined = check(
                    q, f"{window.text} {following.text}", vocabulary=self.vocabulary, context=c.article.title, similarity=c.similarity
                )
                if joined.ok and (not support.ok or joined.coverage > support.coverage):
                    parts, support = [window, following], joined
        if not support.ok:
            return None, support
        evidence = [Evidence(c.article.id, c.article.title, c.article.url, p.start, p.end, c.article.text[p.start : p.end]) for p in parts]
        text = " ".join(f"{as_sentence(p.text)} [{i}]." for i, p in enumerate(parts, start=1))
        return Draft(_tidy(text), evidence, answered=True, score=score), support

    @staticmethod
    def _states_operation(q: Question, text: str) -> bool:
        """An extracted sentence cannot rank or count: it must say so itself ("ranks fourth", "leads")."""
        have = set(terms(text, keep_stopwords=True))
        if q.superlative and not (have & (SUPERLATIVE_MAX | SUPERLATIVE_MIN | {"lead", "top", "first"})):
            return False
        if q.operation == "rank" or q.filter:
            given = {n.value for n in find_numbers(text) if text[n.start : n.end].lower() != "one"}  # "one of the cities"
            wanted = [q.filter[1]] if q.filter else []
            if any(all(abs(v - g) > 1e-9 for g in given) for v in wanted):
                return False
            if q.operation == "rank" and not have & (RANK | {"lead", "top", "first"}):
                return False
        return True

    def _next_sentence(self, c: Candidate) -> Span | None:
        spans = self._sentences[c.article.id]
        i = bisect_right(self._starts[c.article.id], c.span.start)
        if i < len(spans) and len(spans[i].text.split()) >= 5:
            return spans[i]
        return None

    def _score(self, q: Question, c: Candidate) -> float:
        text = c.span.text
        norm = normalize(text)
        have = set(terms(text, keep_stopwords=True))
        sources = attributed(q)
        entities = [e for e in q.entities if e.name not in sources]
        ent = sum(1 for e in entities if any(normalize(n) in norm for n in (e.name, *e.aliases))) / len(entities) if entities else 0.0
        focus = q.focus or q.terms
        cov = sum(1 for t in focus if related(t) & have) / len(focus) if focus else 0.0
        type_ok = 1.0 if self._answer_spans(q, c) else 0.0
        short = 0.6 if len(text.split()) < 5 else 0.0
        return 2.0 * ent + 1.5 * cov + 0.8 * type_ok + 1.0 * c.similarity + 0.3 / (1 + c.rank) - short

    def _answer_spans(self, q: Question, c: Candidate) -> list[tuple[int, int]]:
        """Where in the sentence the kind of answer the question wants appears, best first."""
        text, base = c.span.text, c.span.start
        spans: list[tuple[int, int]] = []
        if q.expects == "number":
            for n in find_numbers(text):
                raw = text[n.start : n.end]
                if not (raw.isdigit() and len(raw) == 4 and raw.startswith(("19", "20"))):
                    spans.append((base + n.start, base + n.end))
        elif q.expects == "date":
            spans = [(base + m.start(), base + m.end()) for m in _DATE_RE.finditer(text)]
        elif q.expects == "person":
            people = [m for m in self.lexicon.find(text) if m.entity.type == "person"]
            spans = [(base + m.start, base + m.end) for m in people] or [
                (base + m.start(), base + m.end()) for m in _PERSON_RE.finditer(text) if m.start() > 0
            ]
        elif q.expects == "place":
            spans = [
                (base + m.start, base + m.end)
                for m in self.lexicon.find(text)
                if m.entity.type in PLACE_TYPES and m.entity not in q.entities
            ]
        elif q.expects == "reason":
            spans = [(base + m.start(), base + m.end()) for m in _REASON_RE.finditer(text)]
        elif q.expects == "entity":
            spans = [(base + m.start, base + m.end) for m in self.lexicon.find(text) if m.entity not in q.entities]
        if len(spans) > 1 and q.terms:
            spans.sort(key=lambda s: _distance(text, s[0] - base, q))
        return spans


def _adds_anything(q: Question, text: str) -> bool:
    """Whether ``text`` says something the question did not: "OPC is not simply a franchise" does not
    answer "What is OPC, if not simply a franchise?"."""
    asked = {t for term in q.terms for t in related(term)}
    return any(t not in asked and not t[0].isdigit() for t in terms(text) if t not in GENERIC_STEMS)


def _operation_words(q: Question) -> str:
    for w in q.norm.split():
        if stem(w.strip("?.,!")) in OPERATION_WORDS:
            return w.strip("?.,!")
    return "that"


def _distance(text: str, at: int, q: Question) -> int:
    """How far position ``at`` is from the nearest word of the question in ``text``."""
    best = len(text)
    norm = normalize(text)
    for m in re.finditer(r"[a-z0-9]+", norm):
        if related(terms(m.group(0))[0] if terms(m.group(0)) else "") & set(q.terms):
            best = min(best, abs(m.start() - at))
    return best


def _tidy(text: str) -> str:
    return text.replace(".. [", ". [").replace("? [", " [").replace("! [", " [").replace(". [", " [").replace("  ", " ").strip()
