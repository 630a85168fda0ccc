"""Answers computed from the typed facts: values, superlatives, ranks, comparisons, sums, differences,
filters and reverse look-ups, each citing the quote of every fact it used.

Facts that share a metric and a scope form a *table* (all city counts of one list, all layer shares of
one report). A question is matched to the table whose metric, unit, entities and wording fit it best;
the operation comes from the question's wording. Nothing here knows any particular corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from assistant.chunking import split_sentences
from assistant.citations import Evidence
from assistant.clauses import as_sentence, best_window
from assistant.corpus import Article, Fact
from assistant.numbers import find_numbers, fmt, ordinal
from assistant.question import NON_ENTITY_TYPES, Question, name_words, plural, singular
from assistant.support import check
from assistant.text import normalize, related, stem, terms, words

OPS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: abs(a - b) < 1e-9,
}
OP_WORDS = {">": "more than", ">=": "at least", "<": "fewer than", "<=": "at most", "==": "exactly"}
MIN_WORDS = {stem(w) for w in "fewer fewest less least lower lowest smaller smallest minimum bottom".split()}
MAX_LIST = 12
MAX_STATEMENT = 200
SHORT_QUOTE = 90
PLACE_TYPES = {"city", "region", "country", "province", "location", "place"}
_OVERVIEW = re.compile(
    r"^(?:(?:can you |please |could you )?(?:tell me|talk|say something|give me an overview|give an overview) about|describe|summari[sz]e|overview of|what do (?:you|the sources|the articles) (?:know|say) about|what (?:is|are|was|were) .+ (?:known|famous|notable) for)\b"
)
_NAME_OF = re.compile(
    r"\b(?:full |official |complete |exact |whole )?(?:name|title)s? (?:of|for)\b|\bwhat (?:is|are) (?:the )?\S.* (?:called|named)\b"
)
Ref = Callable[[Fact], str]


@dataclass
class Table:
    """Facts sharing a metric and a scope."""

    metric: str
    scope: str | None
    facts: list[Fact]
    descriptor: set[str] = field(default_factory=set)
    metric_terms: list[str] = field(default_factory=list)
    value_types: set[str] = field(default_factory=set)

    @cached_property
    def numeric(self) -> bool:
        return all(f.number is not None for f in self.facts)

    @cached_property
    def subject_type(self) -> str:
        return Counter(f.subject_type for f in self.facts).most_common(1)[0][0]

    @cached_property
    def unit(self) -> str | None:
        return Counter(f.unit for f in self.facts).most_common(1)[0][0]

    @property
    def is_rank(self) -> bool:
        return "rank" in self.metric_terms


@dataclass(frozen=True)
class Asked:
    """What a question asks, in the terms tables are scored by (worked out once per question)."""

    entities: frozenset[str]
    qterms: frozenset[str]
    focus: tuple[str, ...]

    @classmethod
    def of(cls, q: Question) -> Asked:
        # the kind of answer asked for ("which city") is not the metric; a type word merely mentioned may be
        type_stems = related(stem(words(q.answer_type)[-1])) if q.answer_type and words(q.answer_type) else frozenset()
        # the metric must be named by words outside the entities' names ("plan" in "the action plan" names no metric)
        # (a value's words may name a metric: "the dual-engine pattern" asks about the engines)
        # (only the words of the name itself: "core industry scale of China's AI" names the industry, not its scale)
        named = {stem(w) for m in q.mentions if m.entity.type not in NON_ENTITY_TYPES for w in name_words(m, q.norm)}
        return cls(
            entities=frozenset(normalize(e.name) for e in q.entities),
            qterms=frozenset(t for term in q.terms if term not in type_stems and term not in named for t in related(term)),
            focus=tuple(t for t in q.focus if t not in type_stems),
        )


@dataclass
class FactAnswer:
    """An answer worked out from facts: text with [n] markers and the evidence numbered from 1."""

    text: str
    evidence: list[Evidence]
    facts: list[Fact]
    score: float


class FactBase:
    """The facts of a snapshot, grouped into tables, with the vectors of their index entries."""

    def __init__(
        self,
        facts: list[Fact],
        articles: dict[str, Article],
        *,
        fact_ids: list[str] | None = None,
        vectors: np.ndarray | None = None,
        vocabulary: set[str] | None = None,
        entity_types: dict[str, str] | None = None,
        idf: Callable[[str], float] | None = None,
    ) -> None:
        self.idf = idf or (lambda term: 1.0)
        self.articles = articles
        self.facts = facts
        self.vocabulary = vocabulary or set()
        subject_types = {**(entity_types or {}), **{normalize(f.subject): f.subject_type for f in facts}}
        grouped: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for fact in facts:
            grouped[(fact.metric, normalize(fact.scope or ""))].append(fact)
        self.tables = [Table(metric, group[0].scope, group) for (metric, _), group in grouped.items()]
        for table in self.tables:
            for text in [
                table.metric,
                table.scope or "",
                *(f.unit or "" for f in table.facts),
                *(f.subject_type for f in table.facts),
                *(f.as_of or "" for f in table.facts),
            ]:
                table.descriptor.update(terms(text))
            table.metric_terms = terms(table.metric)
            table.value_types = {subject_types.get(normalize(str(f.value)), f.metric) for f in table.facts if f.number is None}
        self._subject = {f.id: normalize(f.subject) for f in facts}
        self._value = {f.id: normalize(str(f.value)) if f.number is None else None for f in facts}
        self.vector_row = {fid: i for i, fid in enumerate(fact_ids or [])}
        self.vectors = vectors

    def similarities(self, query_vector: np.ndarray | None) -> dict[str, float]:
        if query_vector is None or self.vectors is None or not len(self.vectors):
            return {}
        sims = self.vectors @ query_vector
        return {fid: float(sims[row]) for fid, row in self.vector_row.items()}

    # --------------------------------------------------------------------------------- matching

    def answer(self, q: Question, query_vector: np.ndarray | None = None) -> FactAnswer | None:
        """The best answer the facts give to ``q``, or None when they do not answer it."""
        if not self.facts or q.expects == "reason":
            return None
        described = self._name_of(q) or self._describe(q)
        if described is not None:
            return described
        sims = self.similarities(query_vector)
        asked = Asked.of(q)
        ranked = sorted(((self._score(t, q, sims, asked), i) for i, t in enumerate(self.tables)), reverse=True)
        for score, i in ranked[:8]:
            if score < 1.0:
                break
            table = self.tables[i]
            result = self._solve(table, q, score)
            if result is None or _echoes(q, result):
                continue
            if self._supported(q, table, result, sims):
                return result
        return None

    def _name_of(self, q: Question) -> FactAnswer | None:
        """ "What is the full name of the report?": the entity's own name, quoted where an article gives it."""
        asked = _NAME_OF.search(q.norm)
        if asked is None or q.operation or q.superlative:
            return None
        called = asked.group(0).endswith(("called", "named"))
        named = [m for m in q.mentions if (asked.start() <= m.start < asked.end() if called else m.start >= asked.end() - 1)]
        if not named:
            return None
        mention = min(named, key=lambda m: m.start)
        if q.norm[mention.end :].startswith("'s"):
            return None  # "the name of Li Hui's company" asks about the company
        used = q.norm[mention.start : mention.end]
        names = sorted({mention.entity.name, *mention.entity.aliases} - {used}, key=len, reverse=True)
        names = [n for n in names if len(n) > len(used)] or [mention.entity.name]
        for article in self.articles.values():
            text = normalize(article.text)
            at, name = next(((text.find(normalize(n)), n) for n in names if normalize(n) in text), (-1, ""))
            if at < 0:
                continue
            span = (at, at + len(name))
            sentence = next((x for x in split_sentences(article.text) if x.start <= at < x.end), None)
            window = best_window(sentence.text, sentence.start, must=[span]) if sentence else None
            start, end = (window.start, window.end) if window and len(window.text) <= MAX_STATEMENT else span
            evidence = Evidence(article.id, article.title, article.url, start, end, article.text[start:end])
            return FactAnswer(f"The full name is {article.text[span[0] : span[1]]} [1].", [evidence], [], 3.0)
        return None

    def _describe(self, q: Question) -> FactAnswer | None:
        """ "Who is X?" / "What is X?" / "Tell me about X": the facts about X, named ones first.

        For an overview, facts whose quote names X come first: they say what they say of X on their own.
        """
        overview = bool(_OVERVIEW.match(q.norm))
        if (
            len(q.entities) != 1
            or (q.focus and not overview)
            or q.operation
            or q.superlative
            or (q.wh not in {"who", "what"} and not overview)
            or q.expects not in {"text", "person"}
        ):
            return None
        entity = q.entities[0]
        name = normalize(entity.name)
        about = [f for f in self.facts if normalize(f.subject) == name]
        if overview:
            about.sort(key=lambda f: (name not in normalize(f.quote), len(f.quote)))
            naming = [f for f in about if name in normalize(f.quote)]
            about = naming if len(naming) >= 2 else about
        else:
            about.sort(key=lambda f: (f.number is not None, len(f.quote)))
        return self._lookup(q, about[:3], 3.0) if about else None

    def _score(self, table: Table, q: Question, sims: dict[str, float], asked: Asked | None = None) -> float:
        asked = asked or Asked.of(q)
        entities, qterms, focus = asked.entities, asked.qterms, asked.focus
        subjects = [f for f in table.facts if self._subject[f.id] in entities]
        values = [f for f in table.facts if self._value[f.id] in entities]
        hit_terms = [t for t in table.metric_terms if related(t) & qterms]
        metric_hits = len(hit_terms)
        # rare words weigh more: "secondary" (sub-lists) says more than "companies"
        metric_cov = (
            sum(self.idf(t) for t in hit_terms) / max(1e-9, sum(self.idf(t) for t in table.metric_terms)) if table.metric_terms else 0.0
        )
        focus_cov = sum(1 for t in focus if related(t) & table.descriptor) / max(1, len(focus))
        type_match = 1.0 if q.type_asked == table.subject_type else 0.6 if q.type_asked in table.value_types else 0.0
        sim = max((sims.get(f.id, 0.0) for f in (subjects or values or table.facts)), default=0.0)
        score = (
            2.5 * bool(subjects)
            + 2.0 * bool(values)
            + 1.5 * metric_cov
            + 0.5 * min(metric_hits, 3)
            + 1.0 * focus_cov
            + type_match
            + 1.5 * sim
        )
        if not self._fits(table, q):
            return float("-inf")
        matched = subjects or values
        if matched and focus and not focus_cov and not metric_hits:
            said = {t for f in matched for t in terms(f"{f.value} {f.quote}")}
            if not any(related(t) & said for t in focus):
                score -= 1.5  # "How big is the industry?": its number of layers is about the industry, not its size
        aggregate = q.superlative or q.filter or q.count_of_type or q.operation
        if not subjects and not values and len(table.facts) > 1 and not (aggregate or type_match):
            score -= 1.0  # a bare question matching a whole table is not a look-up
        if (
            not subjects
            and not values
            and not aggregate
            and q.answer_type != table.subject_type
            and not (metric_hits >= 2 or (metric_hits and (sim >= 0.55 or set(table.metric_terms) <= set(q.terms))))
        ):
            return float("-inf")  # with no entity named, only a clear match on the metric makes a look-up
        if (
            table.numeric
            and q.expects not in {"number", "date"}
            and q.wh in {"what", "which"}
            and not (q.superlative or q.filter or q.operation or q.answer_type)
        ):
            score -= 1.0  # "What are the new subcategories?" wants their names, not how many there are
        if (
            table.numeric
            and not q.filter
            and any(f.number in q.numbers for f in (subjects or table.facts if len(table.facts) == 1 else subjects))
        ):
            score -= 1.5  # "What are the five new subcategories?" already knows there are five
        return score

    def _fits(self, table: Table, q: Question) -> bool:
        """Whether the table can give the kind of answer the question wants."""
        if (q.operation in {"rank", "sum", "difference", "compare"} or q.superlative or q.filter) and not table.numeric:
            return False
        if q.answer_type and not q.count_of_type and q.answer_type != table.subject_type and q.answer_type not in table.value_types:
            return False
        if q.expects == "number":
            return table.numeric or (q.count_of_type and not q.entities)
        if q.expects == "person":
            return table.subject_type == "person" or "person" in table.value_types
        if q.expects == "date":
            dated = any(_looks_like_date(str(f.value)) or _looks_like_date(f.as_of or "") for f in table.facts)
            return dated or any(w in table.metric for w in ("date", "released", "issued", "year", "month", "when", "rollout"))
        if q.expects == "place":
            return table.subject_type in PLACE_TYPES or bool(table.value_types & PLACE_TYPES) or table.metric in PLACE_TYPES
        return True

    def _supported(self, q: Question, table: Table, result: FactAnswer, sims: dict[str, float]) -> bool:
        """The same support check as every other answer, over the table's wording and the facts used."""
        evidence = " ".join(
            [
                table.metric,
                table.scope or "",
                *(f"{f.subject} {f.subject_type} {f.value} {f.unit or ''} {f.as_of or ''} {f.quote}" for f in result.facts),
            ]
        )
        titles = " ".join({self.articles[f.article].title for f in result.facts if f.article in self.articles})
        similarity = max((sims.get(f.id, 0.0) for f in result.facts), default=0.0)
        named = {normalize(e.name) for e in q.entities}
        qterms = {t for term in q.terms for t in related(term)}
        # the table gives the kind of answer wanted: a named kind ("which companies"), or a number, date, person, place
        asked = (bool(q.answer_type) and (q.answer_type == table.subject_type or q.answer_type in table.value_types)) or q.expects in {
            "number",
            "date",
            "person",
            "place",
        }
        # the facts tie an entity the question names to what it asks: by the metric's words or by the answer's kind
        linked = any(normalize(f.subject) in named or normalize(str(f.value)) in named for f in result.facts) and (
            asked or any(related(t) & qterms for t in table.metric_terms)
        )
        return check(q, evidence, vocabulary=self.vocabulary, context=titles, similarity=similarity, linked=linked).ok

    # -------------------------------------------------------------------------------- operations

    def _solve(self, table: Table, q: Question, score: float) -> FactAnswer | None:
        order = {normalize(e.name): i for i, e in enumerate(q.entities)}
        subjects = sorted((f for f in table.facts if normalize(f.subject) in order), key=lambda f: order[normalize(f.subject)])
        values = [f for f in table.facts if f.number is None and normalize(str(f.value)) in order]
        exact_rank = table.is_rank and q.filter is not None and q.filter[0] == "=="  # "Which city ranks fourth?"
        aggregate = bool(
            q.superlative or (q.filter and not exact_rank) or q.top_n or q.count_of_type or q.operation in {"sum", "compare", "difference"}
        )
        if len(table.facts) < 2 and aggregate and not subjects:
            return None  # a superlative or a filter over a single fact answers nothing
        if table.is_rank and q.operation == "rank":
            q = replace(q, operation=None)  # the rank is the stated value
        if q.position and q.filter and not table.is_rank:  # "Which city ranks fifth?" over counts: the 5th by value
            q = replace(q, nth=int(q.filter[1]), superlative=q.superlative or "max", filter=None, operation=None)
        if not subjects and not values and not aggregate and len(table.facts) > 1:
            subjects = _named_by_synonym(table, q)
        if q.than and q.type_asked and len(table.facts) == 1:
            return None  # "Which cities have more than Chengdu?" is not answered by a figure of Chengdu's alone
        if (
            q.than
            and table.numeric
            and not table.is_rank
            and len(table.facts) > 1
            and q.type_asked
            and len(subjects) == 1
            and subjects[0].subject == q.than[1].name
        ):
            # "Which cities have more companies than Chengdu?": Chengdu's figure is the threshold
            q = replace(q, filter=(q.than[0], subjects[0].number), operation=None, superlative=None)
            return self._filter(table, q, score, against=subjects[0])
        if table.numeric:
            return self._numeric(table, q, subjects, score)
        if values and not subjects:
            return self._reverse(table, q, values, score)
        if subjects:
            return self._lookup(q, subjects, score)
        if len(table.facts) == 1:
            return self._lookup(q, table.facts, score)
        if len({normalize(f.subject) for f in table.facts}) == 1:
            return self._values(table, score)
        if q.type_asked and q.type_asked == table.subject_type:
            facts = table.facts[:MAX_LIST]
            return self._compose(
                facts,
                score,
                lambda ref: (
                    f"{plural(table.subject_type).capitalize()} by {table.metric}: "
                    + _join([f"{f.subject} ({f.value}){ref(f)}" for f in facts])
                    + "."
                ),
            )
        return None

    def _numeric(self, table: Table, q: Question, subjects: list[Fact], score: float) -> FactAnswer | None:
        facts = table.facts
        lowest = bool(MIN_WORDS & set(q.terms)) or q.superlative == "min"
        if table.is_rank:
            lowest = not lowest  # the top rank is the smallest number
        if len(subjects) >= 2 and q.operation == "difference":
            return self._difference(table, subjects[0], subjects[1], score)
        if len(subjects) >= 2 and q.operation == "sum":
            total = sum(f.number for f in subjects)
            return self._compose(
                subjects,
                score,
                lambda ref: (
                    f"Together, {_join([f.subject for f in subjects])} have {_quantity(table, total)} ("
                    + " + ".join(f"{_value(f)}{ref(f)}" for f in subjects)
                    + ")."
                ),
            )
        if len(subjects) >= 2 and (q.operation == "compare" or q.superlative):
            return self._compare(table, subjects, lowest, score)
        if subjects and q.operation == "rank":
            return self._rank(table, subjects, score)
        if len(subjects) >= 2:
            return self._compose(subjects, score, lambda ref: "; ".join(f"{f.subject}: {_value(f)}{ref(f)}" for f in subjects) + ".")
        if subjects and q.complement and (table.unit or "").strip() == "%":
            return self._complement(table, subjects[0], score)
        if subjects:
            return self._lookup(q, subjects, score)
        if q.filter and (q.count_of_type or q.type_asked or q.wh in {"which", "what"}):
            return self._filter(table, q, score)
        if q.superlative or q.top_n:
            return self._extreme(table, q, lowest, score)
        if q.operation == "sum":
            return self._total(table, facts, score, lead=f"The {len(facts)} {plural(table.subject_type)}")
        if q.count_of_type:
            shown = facts[:MAX_LIST]
            return self._compose(
                shown,
                score,
                lambda ref: (
                    f"{len(facts)} {plural(table.subject_type)} are given a figure for {table.metric}: "
                    + _join([f"{f.subject}{ref(f)}" for f in shown])
                    + "."
                ),
            )
        if len(facts) == 1:
            return self._lookup(q, facts, score)
        if q.type_asked and q.type_asked == table.subject_type:
            ordered = sorted(facts, key=lambda f: -f.number)[:MAX_LIST]
            return self._compose(
                ordered,
                score,
                lambda ref: (
                    f"{plural(table.subject_type).capitalize()} by {table.metric}: "
                    + _join([f"{f.subject} ({_value(f)}){ref(f)}" for f in ordered])
                    + "."
                ),
            )
        return None

    def _difference(self, table: Table, a: Fact, b: Fact, score: float) -> FactAnswer:
        gap = abs(a.number - b.number)
        hi, lo = (a, b) if a.number >= b.number else (b, a)
        if (table.unit or "").strip() == "%":
            claim = f"{hi.subject} is {fmt(gap)} percentage points higher than {lo.subject} by {table.metric}"
        else:
            amount, _, counted = _quantity(table, gap).partition(" ")
            claim = f"{hi.subject} has {amount} more {counted} than {lo.subject}"
        return self._compose([hi, lo], score, lambda ref: f"{claim}: {_value(hi)}{ref(hi)} against {_value(lo)}{ref(lo)}.")

    def _compare(self, table: Table, subjects: list[Fact], lowest: bool, score: float) -> FactAnswer:
        pick = min(subjects, key=lambda f: f.number) if lowest else max(subjects, key=lambda f: f.number)
        others = [f for f in subjects if f is not pick]
        if all(abs(f.number - pick.number) < 1e-9 for f in others):
            return self._compose(
                subjects,
                score,
                lambda ref: (
                    f"{_join([f.subject for f in subjects])} have the same {table.metric}: "
                    + ", ".join(f"{_value(f)}{ref(f)}" for f in subjects)
                    + "."
                ),
            )
        word = "fewer" if pick.number < others[0].number else "more"
        if not _countable(table):
            word = "a lower" if word == "fewer" else "a higher"
        return self._compose(
            [pick, *others],
            score,
            lambda ref: (
                f"{pick.subject} has {word} {table.metric} ({_value(pick)}{ref(pick)}) than "
                + _join([f"{f.subject} ({_value(f)}{ref(f)})" for f in others])
                + "."
            ),
        )

    def _filter(self, table: Table, q: Question, score: float, *, against: Fact | None = None) -> FactAnswer | None:
        """The facts whose value passes the question's filter; ``against``: the fact whose value is the threshold."""
        op, x = q.filter
        chosen = [f for f in table.facts if OPS[op](f.number, x) and f is not against]
        if against is not None:
            kind = plural(table.subject_type) if len(chosen) != 1 else table.subject_type
            word = "more" if op == ">" else "fewer"
            if not _countable(table):
                word = "a higher" if op == ">" else "a lower"
            return self._compose(
                [against, *chosen[:MAX_LIST]],
                score,
                lambda ref: (
                    f"{against.subject} has {_value(against)}{ref(against)}; "
                    + (
                        f"{len(chosen)} {kind} {'have' if len(chosen) != 1 else 'has'} {word} {table.metric}: "
                        + _join([f"{f.subject} ({_value(f)}){ref(f)}" for f in chosen[:MAX_LIST]])
                        if chosen
                        else f"no {table.subject_type} has {word} {table.metric}"
                    )
                    + "."
                ),
            )
        kind = plural(table.subject_type)
        if table.is_rank and op == "==":  # "Which city ranks fourth?"
            return self._lookup(q, chosen, score) if chosen else None
        if not chosen:
            if not any(related(t) & set(q.terms) for t in table.metric_terms):
                return None  # no figure matches, and the question did not name this one either
            low, high = min(f.number for f in table.facts), max(f.number for f in table.facts)
            first = table.facts[0]
            return self._compose(
                [first],
                score * 0.5,
                lambda ref: (
                    f"None of the {len(table.facts)} {kind} has {OP_WORDS[op]} {_quantity(table, x)}; the figures range from {_quantity(table, low).split()[0]} to {_quantity(table, high).split()[0]}{ref(first)}."
                ),
            )
        if q.operation == "sum" and len(chosen) > 1:  # "How many companies do the cities with fewer than 3 have in all?"
            return self._total(table, chosen, score, lead=f"The {len(chosen)} {kind} with {OP_WORDS[op]} {_quantity(table, x)}")
        shown = chosen[:MAX_LIST]
        lead = f"{len(chosen)} {kind if len(chosen) != 1 else table.subject_type} {'have' if len(chosen) != 1 else 'has'}"
        return self._compose(
            shown,
            score,
            lambda ref: (
                f"{lead} {OP_WORDS[op]} {_quantity(table, x)}: " + _join([f"{f.subject} ({_value(f)}){ref(f)}" for f in shown]) + "."
            ),
        )

    def _extreme(self, table: Table, q: Question, lowest: bool, score: float) -> FactAnswer | None:
        facts = table.facts
        ordered = sorted(facts, key=lambda f: f.number, reverse=not lowest)
        if q.top_n and 1 < q.top_n < len(facts):
            top = ordered[: q.top_n]
            if q.operation == "sum":  # "the total of the top three cities"
                return self._total(table, top, score, lead=f"The top {q.top_n} {plural(table.subject_type)}")
            return self._compose(
                top,
                score,
                lambda ref: (
                    f"The top {q.top_n} {plural(table.subject_type)} by {table.metric}: "
                    + _join([f"{f.subject} ({_value(f)}){ref(f)}" for f in top])
                    + "."
                ),
            )
        # positions count ties as the corpus does: 21, 12, 12, 11 rank 1st, 2nd, 2nd, 4th
        wanted = q.nth or 1
        position = {id(f): 1 + sum(1 for g in facts if (g.number < f.number if lowest else g.number > f.number)) for f in facts}
        tied = {id(f): sum(1 for g in facts if abs(g.number - f.number) < 1e-9) for f in facts}
        winners = [f for f in facts if position[id(f)] <= wanted < position[id(f)] + tied[id(f)]][:MAX_LIST]
        if not winners:
            return None
        nth = position[id(winners[0])] - 1
        if table.is_rank:
            how = "the top" if not lowest else "the lowest"
        elif lowest:
            how = "the fewest" if _countable(table) else "the lowest"
        else:
            how = "the most" if _countable(table) else "the highest"
        if nth:
            how = how.replace("the ", f"the {ordinal(nth + 1)}-")
        verb = "has" if len(winners) == 1 else "share"
        lead = _join([f.subject for f in winners])
        tie = f" They are tied, so no {table.subject_type} is {ordinal(wanted)} alone." if nth + 1 != wanted else ""
        return self._compose(
            winners,
            score,
            lambda ref: (
                f"{lead} {verb} {how} {table.metric}: "
                + (
                    ", ".join(f"{_value(f)}{ref(f)}" for f in winners)
                    if len({f.number for f in winners}) > 1
                    else f"{_value(winners[0])}{'' if len(winners) == 1 else ' each'}" + "".join(dict.fromkeys(ref(f) for f in winners))
                )
                + "."
                + tie
            ),
        )

    def _complement(self, table: Table, fact: Fact, score: float) -> FactAnswer:
        """ "What share comes from outside the three clusters?": the rest of 100%."""
        what = re.sub(r"^(?:share|percentage|proportion) of\s+", "", table.metric)
        rest = 100 - fact.number
        return self._compose(
            [fact],
            score,
            lambda ref: (
                f"Outside {fact.subject}: {fmt(rest)}% of {what}, that is 100% less the {_value(fact)} of {fact.subject}{ref(fact)}."
            ),
        )

    def _total(self, table: Table, facts: list[Fact], score: float, *, lead: str) -> FactAnswer:
        """The sum of ``facts``, with its terms when they all fit in the answer (else their citations)."""
        total = sum(f.number for f in facts)
        shown = facts[:MAX_LIST]

        def render(ref: Ref) -> str:
            if len(facts) > MAX_LIST:
                return f"{lead} have {_quantity(table, total)} in total" + "".join(dict.fromkeys(ref(f) for f in shown)) + "."
            return (
                f"{lead} have {_quantity(table, total)} in total (" + " + ".join(f"{f.subject} {_value(f)}{ref(f)}" for f in shown) + ")."
            )

        return self._compose(shown, score, render)

    def _rank(self, table: Table, subjects: list[Fact], score: float) -> FactAnswer:
        parts = []
        used: list[Fact] = []
        for fact in subjects:
            higher = [f for f in table.facts if f.number > fact.number]
            tied = [f for f in table.facts if f is not fact and abs(f.number - fact.number) < 1e-9]
            ahead = sorted(higher, key=lambda f: -f.number)[:4]
            used.extend([fact, *ahead])
            parts.append((fact, len(higher) + 1, tied, ahead))
        total = len(table.facts)

        def render(ref: Ref) -> str:
            out = []
            for fact, position, tied, ahead in parts:
                where = f"{'tied ' if tied else ''}{ordinal(position)} of {total} {plural(table.subject_type)} by {table.metric}"
                behind = f", after {_join([f'{f.subject} ({_value(f)}{ref(f)})' for f in ahead])}" if ahead else ""
                out.append(f"{fact.subject} ranks {where} with {_value(fact)}{ref(fact)}{behind}.")
            return " ".join(out)

        return self._compose(list(dict.fromkeys(used)), score, render)

    def _lookup(self, q: Question, facts: list[Fact], score: float) -> FactAnswer:
        facts = _distinct_quotes(facts)[:MAX_LIST]

        def render(ref: Ref) -> str:
            lines: list[str] = []
            for fact in facts:
                line = self._statement(fact, q).rstrip(".") + ref(fact)
                if line not in lines:
                    lines.append(line)
            return ". ".join(lines) + "."

        return self._compose(facts, score, render)

    def _values(self, table: Table, score: float) -> FactAnswer:
        """Every value one subject has for a metric ("the five new subcategories")."""
        facts = table.facts[:MAX_LIST]
        subject = facts[0].subject
        return self._compose(
            facts,
            score,
            lambda ref: f"{subject} — {table.metric} ({len(table.facts)}): " + _join([f"{f.value}{ref(f)}" for f in facts]) + ".",
        )

    def _reverse(self, table: Table, q: Question, facts: list[Fact], score: float) -> FactAnswer:
        """Subjects whose named value the question gives ("Which companies are from Chengdu?").

        When the question gives several values ("the harbour master of Northport"), the subjects
        matching most of them win, whichever tables their facts are in.
        """
        named = {normalize(e.name) for e in q.entities}
        matching: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            if fact.number is None and normalize(str(fact.value)) in named:
                matching[normalize(fact.subject)].append(fact)
        best = max((len({normalize(str(f.value)) for f in group}) for group in matching.values()), default=0)
        if best >= 2:
            winners = [group for group in matching.values() if len({normalize(str(f.value)) for f in group}) == best][:MAX_LIST]
            conditions = "; ".join(f"{f.metric}: {f.value}" for f in _distinct_metrics(winners[0]))
            used = [f for group in winners for f in group]
            return self._compose(
                used,
                score,
                lambda ref: f"{_join([g[0].subject for g in winners])} ({conditions})" + "".join(dict.fromkeys(ref(f) for f in used)) + ".",
            )
        by_value: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            by_value[str(fact.value)].append(fact)

        def render(ref: Ref) -> str:
            out = []
            for value, group in by_value.items():
                kind = plural(group[0].subject_type) if len(group) > 1 else group[0].subject_type
                out.append(f"The {kind} with {table.metric} {value}: " + _join([f"{f.subject}{ref(f)}" for f in group[:MAX_LIST]]) + ".")
            return " ".join(out)

        return self._compose(facts[:MAX_LIST], score, render)

    def _statement(self, fact: Fact, q: Question) -> str:
        """One fact in words: the clause of its quote that states it, or a plain template."""
        must = []
        value_span = _value_span(fact)
        if q.expects == "date" and fact.as_of and normalize(fact.as_of) in normalize(fact.quote):
            at = normalize(fact.quote).find(normalize(fact.as_of))  # "By when?": the date, not the figure
            value_span = (fact.start + at, fact.start + at + len(fact.as_of))
        if value_span:
            must.append(value_span)
        at = normalize(fact.quote).find(normalize(fact.subject))
        if at >= 0:
            must.append((fact.start + at, fact.start + at + len(fact.subject)))
        if value_span:
            if len(fact.quote) <= SHORT_QUOTE and len(fact.quote.split()) >= 4:
                return as_sentence(fact.quote)
            window = best_window(fact.quote, fact.start, must=must, question_terms=q.terms)
            one_sentence = not re.search(r"[.!?]\s+[A-Z\u201c]", window.text)
            if len(window.text.split()) >= 4 and len(window.text) <= MAX_STATEMENT and one_sentence:
                return as_sentence(window.text)
        if fact.number is not None:
            unit = words(fact.unit or "")
            if unit and words(fact.metric)[:1] == unit[-1:]:  # "companies selected" counted in "companies"
                rest = fact.metric.split(" ", 1)[1] if " " in fact.metric else ""
                return f"{fact.subject} has {_value(fact)} {rest}".rstrip()
            return f"{fact.subject}'s {fact.metric}: {_value(fact)}"
        return f"{fact.subject}'s {fact.metric} is {fact.value}"

    def _compose(self, facts: list[Fact], score: float, render: Callable[[Ref], str]) -> FactAnswer:
        """Number the evidence in order of first use and render the text with [n] markers."""
        evidence: list[Evidence] = []
        numbers: dict[tuple[str, int, int], int] = {}
        used: list[Fact] = []

        def ref(fact: Fact) -> str:
            key = (fact.article, fact.start, fact.end)
            if key not in numbers:
                article = self.articles[fact.article]
                evidence.append(
                    Evidence(fact.article, article.title, article.url, fact.start, fact.end, article.text[fact.start : fact.end])
                )
                numbers[key] = len(evidence)
            if fact not in used:
                used.append(fact)
            return f" [{numbers[key]}]"

        text = render(ref)
        for fact in facts:  # a fact the text did not mark still supports it
            if fact not in used:
                ref(fact)
        return FactAnswer(text=_tidy(text), evidence=evidence, facts=used, score=score)


# ----------------------------------------------------------------------------------- phrasing


def _value(fact: Fact) -> str:
    value = fmt(fact.number) if fact.number is not None else str(fact.value)
    unit = (fact.unit or "").strip()
    if fact.number is not None and abs(fact.number - 1) < 1e-9:
        unit = singular(unit)  # "1 company"
    text = f"{value}%" if unit == "%" else f"{value} {unit}" if unit else value
    return f"{fact.qualifier} {text}" if fact.qualifier else text


def _value_span(fact: Fact) -> tuple[int, int] | None:
    if fact.number is not None:
        for n in find_numbers(fact.quote):
            if abs(n.value - fact.number) < 1e-9:
                return fact.start + n.start, fact.start + n.end
        return None
    at = normalize(fact.quote).find(normalize(str(fact.value)))
    return (fact.start + at, fact.start + at + len(str(fact.value))) if at >= 0 else None


def _distinct_quotes(facts: list[Fact]) -> list[Fact]:
    """Facts whose quotes say something new: a quote inside another chosen quote adds nothing."""
    kept: list[Fact] = []
    for fact in facts:
        if not any(k.article == fact.article and k.start <= fact.start and fact.end <= k.end for k in kept):
            kept = [k for k in kept if not (k.article == fact.article and fact.start <= k.start and k.end <= fact.end)]
            kept.append(fact)
    return kept


def _distinct_metrics(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.metric, fact)
    return list(seen.values())


def _metric_phrase(table: Table) -> str:
    unit = (table.unit or "").strip()
    if not unit or unit == "%":
        return table.metric
    return table.metric if words(unit)[-1:] == words(table.metric)[:1] else unit


def _quantity(table: Table, number: float) -> str:
    """``number`` with what it counts: "72% share of companies", "1 company selected", "21 companies"."""
    if (table.unit or "").strip() == "%":
        return f"{fmt(number)}% {table.metric}"
    phrase = _metric_phrase(table)
    if abs(number - 1) < 1e-9:
        first, _, rest = phrase.partition(" ")
        phrase = f"{singular(first)} {rest}".strip()
    return f"{fmt(number)} {phrase}"


def _countable(table: Table) -> bool:
    unit = (table.unit or "").strip()
    return bool(unit) and unit != "%" and unit.endswith("s")


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _tidy(text: str) -> str:
    text = re.sub(r"(\[\d+\])(?:\s*\1)+", r"\1", text)  # the same source twice in a row
    text = re.sub(r"\]\s+\[", "][", text)
    return text.replace(" .", ".").replace("..", ".").replace(" ,", ",").strip()


def _named_by_synonym(table: Table, q: Question) -> list[Fact]:
    """The one subject of ``table`` the question names by another word for what sets it apart:
    "the base technology" for the "Foundation layer" (its other word, "layer", is what all share)."""
    shared = set.intersection(*({stem(w) for w in words(f.subject)} for f in table.facts))
    asked = {t for term in q.focus for t in related(term)}
    named = [f for f in table.facts if any(stem(w) in asked for w in words(f.subject) if stem(w) not in shared)]
    return named if len({normalize(f.subject) for f in named}) == 1 else []


def _echoes(q: Question, result: FactAnswer) -> bool:
    """Whether the answer only repeats what the question says: "What is the dual-engine pattern?"
    answered with "the pattern is dual-engine"."""
    named = {normalize(e.name) for e in q.entities}
    return bool(result.facts) and all(
        f.number is None and normalize(str(f.value)) in q.norm and (normalize(f.subject) in named or normalize(f.subject) in q.norm)
        for f in result.facts
    )


def _looks_like_date(value: str) -> bool:
    months = "january february march april may june july august september october november december".split()
    low = value.lower()
    return any(m in low for m in months) or any(len(w) == 4 and w.isdigit() and w.startswith(("19", "20")) for w in words(low))
