"""Answers computed from the typed facts: values, superlatives, ranks, comparisons, sums, differences,
filters and reverse look-ups, each citing the quote of every fact it used.

Facts that share a metric and a scope form a *table* (all ports' ship counts in one survey, all cargo
shares of one report). A question is matched to the table whose metric, unit, entities and wording fit it best;
the operation comes from the question's wording. Nothing here knows any particular corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property

import numpy as np

from assistant.answer.clauses import best_window
from assistant.answer.evidence import LIFE_EVENTS, other_kind, specific_superlative
from assistant.answer.facts.arithmetic import Arithmetic
from assistant.answer.facts.model import MAX_LIST, MAX_STATEMENT, UNTYPED, Asked, FactAnswer, Table, possessors
from assistant.answer.facts.phrasing import looks_like_date
from assistant.answer.support import check
from assistant.answer.types import (
    PERSON_TYPES,
    WHO_ELSE,
    counted,
    counted_of,
    counted_words,
    figure_of,
    in_money,
    measure_asked,
    money_asked,
    unit_fits,
    units_asked,
)
from assistant.chunking import sentences_of
from assistant.citations import Evidence
from assistant.corpus import Article, Fact
from assistant.ingest.lists import introduction
from assistant.numbers import find_numbers
from assistant.text import STATISTIC_WORDS, STOPWORDS, normalize, stem, terms, words
from assistant.text import related as general_related
from assistant.understand.lexicon import PLACE_TYPES, named_by_head, shared_heads, singular
from assistant.understand.question import COUNT_ASKED, Question

__all__ = ["FactAnswer", "FactBase", "Table"]

_OVERVIEW = re.compile(
    r"^(?:(?:can you |please |could you )?(?:tell me|talk|say something|give me an overview|give an overview) about|describe|summari[sz]e|overview of|what do (?:you|the sources|the articles) (?:know|say) about|what (?:is|are|was|were) .+ (?:known|famous|notable) for)\b"
)
# the parts a breakdown has, whatever it breaks down: "which segment is the largest?"; and kinds of things
# named, which are no such parts
_NAMED = PLACE_TYPES | PERSON_TYPES | WHO_ELSE
# superlatives of speed, which only a measure of change answers ("the fastest-growing market")
_SPEEDS = frozenset(stem(w) for w in "fastest quickest slowest".split())
_CHANGE = frozenset(
    stem(w)
    for w in "growth grow grew rise rose increase gain change expand expansion climb jump fall fell decline drop speed rate pace".split()
)
_PARTS = frozenset(
    "segment segments category categories sector sectors type types kind kinds part parts group groups class classes".split()
)


def _parts_asked(q: Question) -> str | None:
    """The part of a breakdown ``q`` asks which one is ("which segment", "what category"), if it asks one."""
    found = re.search(r"\b(?:which|what)\s+(\w+)", q.norm)
    return found.group(1) if found is not None and found.group(1) in _PARTS else None


def _breakdown(table: Table) -> bool:
    """Whether ``table`` breaks a whole down into parts: figures for three rows or more, none a place, a person or a firm."""
    return table.numeric and len(table.facts) >= 3 and not any(f.subject_type in _NAMED for f in table.facts)


_PLACED = re.compile(r"\b(?:at|in|of|on|near|by|from|for|inside|outside)\s+(?:the\s+)?$")
_NAME_OF = re.compile(
    r"\b(?:full |official |complete |exact |whole )?(?:name|title)s? (?:of|for)\b|\bwhat (?:is|are) (?:the )?\S.* (?:called|named)\b"
)
# "the full name of the report?": a thing called by its head noun alone ("the name of the railway that runs along
# the shore" picks one out by what it does, for the reader to find)
_BARE_NAME = re.compile(r"\s*(?:the\s+)?[\w\-]+(?:\s+[\w\-]+)?\s*[?.!]*\s*")
Ref = Callable[[Fact], str]


# count nouns that count anything: "3,000 individuals" answers how many dragons there are
_ANY_THING = frozenset(stem(w) for w in "individuals specimens units items pieces members examples instances".split())


# a figure aimed at or foreseen ("stays target", "communities to establish"; not "goals", which a team scores),
# and a question that asks for one
_PROSPECTIVE = re.compile(r"\b(?:target(?:ed)?|objective|forecast|projected|expected|planned)s?\b|\bto [a-z]+$")
_PROSPECTS_ASKED = re.compile(
    r"\b(?:targets?|goals?|aims?|aimed|aiming|objectives?|forecasts?|project\w*|expect\w*|plan\w*|will|going to|intend\w*|"
    r"should|seeks?|hopes?|wants?|by when)\b|\bby (?:the end of )?\d{4}\b|\bto [a-z]+\b"
)


class FactBase(Arithmetic):
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
        related: Callable[[str], frozenset[str]] | None = None,
    ) -> None:
        self.idf = idf or (lambda term: 1.0)
        self.related = related or general_related
        self.articles = articles
        self.facts = facts
        self.vocabulary = vocabulary or set()
        subject_types = {**(entity_types or {}), **{normalize(f.subject): f.subject_type for f in facts}}
        self.shared_heads = shared_heads(subject_types)
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
        self._articles_of = [frozenset(f.article for f in t.facts) for t in self.tables]  # scoped questions skip the rest
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

    def answer(self, q: Question, query_vector: np.ndarray | None = None, *, within: set[str] | None = None) -> FactAnswer | None:
        """The best answer the facts give to ``q``, or None when they do not answer it.

        ``within``: the only articles the answer may cite (the question named its source).
        """
        if not self.facts or q.expects == "reason":
            return None
        described = self._name_of(q) or self._describe(q)
        if described is not None and not (within and any(e.source not in within for e in described.evidence)):
            return described
        sims = self.similarities(query_vector)
        asked = Asked.of(q, self.related)
        tables = [i for i, t in enumerate(self.tables) if within is None or self._articles_of[i] & within]
        ranked = sorted(((self._score(self.tables[i], q, sims, asked), i) for i in tables), reverse=True)
        for score, i in ranked[:8]:
            if score < 1.0:
                break
            table = self.tables[i]
            result = self._solve(table, q, score)
            if result is None or _echoes(q, result) or (within and any(e.source not in within for e in result.evidence)):
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
        # the name right after "name of" ("the name of the company Marek started" asks the company's, not Marek's)
        named = [
            m
            for m in q.mentions
            # (what is called is the phrase's head: "what is the new wing at Northport called" does not ask Northport's)
            if (
                asked.start() <= m.start < asked.end() and not _PLACED.search(q.norm[asked.start() : m.start])
                if called
                else q.norm[asked.end() : m.start].strip() in ("", "the")
            )
        ]
        if named:
            mention = min(named, key=lambda m: m.start)
            if q.norm[mention.end :].startswith("'s"):
                return None  # "the name of Mara Olsen's port" asks about the port
            used = q.norm[mention.start : mention.end]
            names = sorted({mention.entity.name, *mention.entity.aliases} - {used}, key=len, reverse=True)
            names = [n for n in names if len(n) > len(used)] or [mention.entity.name]
        elif called or not _BARE_NAME.fullmatch(q.norm[asked.end() :]) or (whole := self._named_by_head(q.norm[asked.end() :])) is None:
            return None
        else:
            names = [whole]  # "the full name of the report": the one name the articles refer back to so
        for article in self.articles.values():
            text = normalize(article.text)
            at, name = next(((text.find(normalize(n)), n) for n in names if normalize(n) in text), (-1, ""))
            if at < 0:
                continue
            span = (at, at + len(name))
            sentence = next((x for x in sentences_of(article.text) if x.start <= at < x.end), None)
            window = best_window(sentence.text, sentence.start, must=[span]) if sentence else None
            start, end = (window.start, window.end) if window and len(window.text) <= MAX_STATEMENT else span
            evidence = Evidence(article.id, article.title, article.url, start, end, article.text[start:end])
            return FactAnswer(f"The full name is {article.text[span[0] : span[1]]} [1].", [evidence], [], 3.0, named=True)
        return None

    def _named_by_head(self, text: str) -> str | None:
        """The one subject of the facts that "the" and its last words in ``text`` refer back to ("the report"
        for the "... Development Report 2026"), if exactly one is."""
        subjects, shared = self._subject_heads
        found = [name for name, kind in subjects.items() if named_by_head(normalize(name), text, kind, shared)]
        return found[0] if len(found) == 1 else None

    @cached_property
    def _subject_heads(self) -> tuple[dict[str, str], frozenset[str]]:
        """Every fact subject with its kind, and the heads several of them share (worked out once)."""
        subjects = {f.subject: f.subject_type for f in self.facts}
        return subjects, shared_heads(subjects)

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
        asked = asked or Asked.of(q, self.related)
        entities, qterms, focus = asked.entities, asked.qterms, asked.focus
        subjects = [f for f in table.facts if self._subject[f.id] in entities]
        values = [f for f in table.facts if self._value[f.id] in entities]
        hit_terms = [t for t in table.metric_terms if self.related(t) & qterms]
        metric_hits = len(hit_terms)
        # rare words weigh more: "secondary" (sub-lists) says more than "companies"
        metric_cov = (
            sum(self.idf(t) for t in hit_terms) / max(1e-9, sum(self.idf(t) for t in table.metric_terms)) if table.metric_terms else 0.0
        )
        focus_cov = sum(1 for t in focus if self.related(t) & table.descriptor) / max(1, len(focus))
        type_match = 1.0 if table.of_kind(q.type_asked) else 0.6 if q.type_asked in table.value_types else 0.0
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
        if q.expects == "number" and not table.ordered:
            score -= 0.5  # a count of the names a table lists answers "how many" less surely than a stated figure
        if asked.share and table.numeric and (table.unit or "").strip() != "%":
            return float("-inf")  # "what share": a percentage, never a count
        if asked.share and table.numeric:
            score += 1.0
        elif table.numeric and (table.unit or "").strip() == "%" and COUNT_ASKED.search(q.norm):
            return float("-inf")  # "how many stays": a count, never a percentage of them
        if not self._fits(table, q):
            return float("-inf")
        ranked = bool(q.superlative or q.nth or q.operation)  # "which city ranks fifth by number of companies": worked out
        if (
            q.place is not None
            and not ranked
            and (
                not table.metric.startswith("rank")
                or q.expects in ("number", "date", "place")
                or all(f.number != q.place for f in table.facts)
            )
        ):
            return float("-inf")  # "which bakery came fourth?": the rank 4, never a count; "when was the winner founded?" no rank
        if _parts_asked(q) and _breakdown(table):
            score += 2.0  # "which segment is the largest?": the rows of a breakdown
        if q.expects == "person" and subjects and (table.dated or table.numeric) and not (q.superlative or q.operation or q.filter):
            return float("-inf")  # "Who did Ilse Marr marry?": her birth date gives her, and no one else
        matched = subjects or values
        if matched and focus and not focus_cov and not metric_hits:
            said = {t for f in matched for t in terms(f"{f.value} {f.quote}")}
            if not any(self.related(t) & said for t in focus):
                score -= 1.5  # "How big is the harbour?": its number of terminals is about the harbour, not its size
        aggregate = q.superlative or q.filter or q.count_of_type or q.operation
        if entities and not subjects and not values and not aggregate and all(e.type in PLACE_TYPES for e in q.entities):
            return float("-inf")  # "how many trips across Wessex?": not the trips of one firm the question never names
        if not subjects and not values and len(table.facts) > 1 and not (aggregate or type_match):
            score -= 1.0  # a bare question matching a whole table is not a look-up
        if (
            not subjects
            and not values
            and not aggregate
            and not table.of_kind(q.answer_type)
            and not (metric_hits >= 2 or (metric_hits and (sim >= 0.55 or set(table.metric_terms) <= set(q.terms))))
        ):
            return float("-inf")  # with no entity named, only a clear match on the metric makes a look-up
        if (
            table.numeric
            and q.expects not in {"number", "date"}
            and q.wh in {"what", "which"}
            and not (q.superlative or q.filter or q.operation or q.answer_type)
        ):
            # "What are the new subcategories?" wants their names, not how many there are; the more surely
            # when the question names the very things the table counts
            named = bool(table.unit) and any(stem(w) in q.terms for w in words(table.unit or "")[-1:])
            score -= 2.0 if named else 1.0
        if (
            table.numeric
            and not q.filter
            and any(f.number in q.numbers for f in (subjects or table.facts if len(table.facts) == 1 else subjects))
        ):
            score -= 1.5  # "What are the five new subcategories?" already knows there are five
        return score

    def _counts(self, fact: Fact, thing: str) -> bool:
        """Whether the quote of ``fact`` says its figure is one of ``thing``, a stem ("1,500 species of fish" for fish)."""
        wanted = self.related(thing)
        return any(
            fact.number is not None and abs(n.value - fact.number) < 1e-9 and figure_of(fact.quote, n.end, wanted)
            for n in find_numbers(fact.quote)
        )

    def _counts_kind(self, table: Table, q: Question) -> bool:
        """Whether the table's metric is the kind the question counts ("firms" for "how many firms")."""
        kind = words(q.answer_type or "")
        return bool(kind) and any(self.related(t) & self.related(stem(kind[-1])) for t in table.metric_terms)

    def _fits(self, table: Table, q: Question) -> bool:
        """Whether the table can give the kind of answer the question wants."""
        if _PROSPECTIVE.search(table.metric) and not _PROSPECTS_ASKED.search(q.norm):
            return False  # "stays target": a figure aimed at is no answer to what was recorded
        if (q.operation in {"sum", "difference"} or q.filter) and not table.numeric:
            return False
        if (q.operation in {"rank", "compare"} or q.superlative) and not table.ordered:
            return False
        if q.answer_type and not q.count_of_type and not table.of_kind(q.answer_type) and q.answer_type not in table.value_types:
            return False
        if (
            q.answer_type
            and q.answer_type not in PLACE_TYPES
            and all(f.subject_type == UNTYPED for f in table.facts)
            and not any(self.related(stem(w)) & table.descriptor for w in words(q.answer_type))
            and _parts_asked(q) is None
        ):
            return False  # "which company is the largest installer": rows of no known kind ("Residential - 41%") are no companies
            # (but they are the segments a breakdown has)
        if q.expects == "number":
            if table.dated:
                return False  # "how much did the replica cost" is not answered by the year a title was published
            money = [in_money(f.unit or "", f"{f.value} {f.quote}") for f in table.facts]
            if money_asked(q) and not all(money):
                return False  # "how much did the wall cost" is not answered by a rainfall in millimetres
            if re.match(r"\W*how many\b", q.norm) and money and all(money):
                return False  # "how many companies" is not answered by a sum of money
            for w in words(q.norm):  # "the average depth": a table of maximum depths, or of depths at large, does not give it
                if w in STATISTIC_WORDS and not self.related(stem(w)) & set(table.metric_terms):
                    return False
            if any(other_kind(q, normalize(f.quote), normalize(f.quote), self.related) for f in table.facts):
                return False  # "how many black bears" is not answered by a count of grizzly bears
            of_what = counted_of(q)
            if of_what and not all(self._counts(f, of_what) for f in table.facts):
                return False  # "how many kinds of fish" is not answered by "400 species of hard coral"
            wanted = {r for t in counted(q) for r in self.related(t)}
            if table.numeric and table.unit and units_asked(q) and not unit_fits(table.unit, wanted, measure=measure_asked(q)):
                return False  # "how many dragons" is not answered by a figure in kilometres per hour
            things = {r for t in counted_words(q) for r in self.related(t)}
            said = {stem(w) for w in words(table.unit or "")} | set(table.metric_terms)
            rows_counted = len(table.facts) > 1 and table.of_kind(q.type_asked or q.answer_type)  # "how many ports ...": its rows
            if table.ordered and things and not things & said and not said & _ANY_THING and not rows_counted:
                return False  # "how many crew members" is not answered by a count of cables or a date
            return table.ordered or (q.count_of_type and not q.entities)
        if q.expects == "person":
            return table.subject_type == "person" or "person" in table.value_types
        if q.expects == "date":
            asked_event = {LIFE_EVENTS[t] for t in q.terms if t in LIFE_EVENTS}
            given_event = {LIFE_EVENTS[t] for t in table.metric_terms if t in LIFE_EVENTS}
            if asked_event and given_event and not asked_event & given_event:
                return False  # "when did she die?" is not answered by a birth date
            if any(looks_like_date(str(f.value)) for f in table.facts):
                return True
            if any(w in table.metric for w in ("date", "released", "issued", "year", "month", "when", "rollout")):
                return True
            # the date a figure holds at dates what the figure measures ("when did it carry 14 million passengers?"),
            # not another event of the same year ("when did it publish its results?")
            asked = {r for t in q.terms for r in self.related(t)}
            # (one date or period: "four missions followed, in 1997, 1999, ..." dates no one event by its years)
            dated = [f for f in table.facts if looks_like_date(f.as_of or "") and "," not in (f.as_of or "")]
            return bool(dated) and bool(asked & set(table.metric_terms))
        if q.expects == "place":
            kind = q.answer_type if q.answer_type in PLACE_TYPES else "place"
            return table.of_kind(kind) or bool(table.value_types & PLACE_TYPES) or table.metric in PLACE_TYPES
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
        speed = specific_superlative(q.norm, self.related) if q.superlative else None
        if speed and stem(speed) in _SPEEDS and not {s for t in table.metric_terms for s in self.related(t)} & _CHANGE:
            return False  # "the fastest-growing hub" is not the one with the largest share: a table of levels ranks no growth
        if (part := _parts_asked(q)) and _breakdown(table):
            evidence += f" {part}"  # its rows are the segments, categories or types asked for
        if table.is_rank:
            evidence += " place position ranked came finished"  # a rank is a place: "which came in second place?"
        titles = " ".join({self.articles[f.article].title for f in result.facts if f.article in self.articles})
        # an item of a list is read with the words of the paragraph that introduces the list ("During the expedition
        # she collected about 4,300 plant specimens ... The largest groups in her collection were:" for "Orchids: 740
        # specimens"), not with its figures and years, which are not the item's ("Total income was C$24.3 million, up
        # from C$20.6 million in 2024. The main sources of income were:")
        intros = {introduction(self.articles[f.article].text, f.start) for f in result.facts if f.article in self.articles}
        evidence = " ".join([evidence, *(re.sub(r"\S*\d\S*", " ", intro) for intro in sorted(filter(None, intros)))])
        similarity = max((sims.get(f.id, 0.0) for f in result.facts), default=0.0)
        named = {normalize(e.name) for e in q.entities}
        qterms = {t for term in q.terms for t in self.related(term)}
        # the table gives the kind of answer wanted: a named kind ("which companies"), or a number, date, person, place
        asked = (bool(q.answer_type) and (table.of_kind(q.answer_type) or q.answer_type in table.value_types)) or q.expects in {
            "number",
            "date",
            "person",
            "place",
        }
        # the facts tie an entity the question names to what it asks: by the metric's words or by the answer's kind
        says_metric = any(self.related(t) & qterms for t in table.metric_terms)
        linked = any(normalize(f.subject) in named or normalize(str(f.value)) in named for f in result.facts) and (asked or says_metric)
        # a count with no unit under the question's own verb ("drawn 6" for "drew the most games") counts what it asks
        unitless = says_metric and table.numeric and not any(f.unit for f in table.facts)
        return check(
            q,
            evidence,
            vocabulary=self.vocabulary,
            context=titles,
            similarity=similarity,
            linked=linked,
            related=self.related,
            shared=self.shared_heads,
            counts_asked=unitless,
        ).ok

    # -------------------------------------------------------------------------------- operations

    def _solve(self, table: Table, q: Question, score: float) -> FactAnswer | None:
        owners = possessors(q)  # "Korvath's Lindqvist Concert Hall": the hall's figure, not each one's
        order = {name: i for i, e in enumerate(q.entities) if (name := normalize(e.name)) not in owners}
        subjects = sorted((f for f in table.facts if normalize(f.subject) in order), key=lambda f: order[normalize(f.subject)])
        if not subjects:
            subjects = _named_by_start(table, q)
        if q.superlative and q.wh == "which" and len(subjects) == 1:
            subjects = []  # "which variety was the smallest in the Tarn valley harvest?": the one name says where, not which
        values = [f for f in table.facts if f.number is None and normalize(str(f.value)) in order]
        exact_rank = table.is_rank and q.filter is not None and q.filter[0] == "=="  # "Which city ranks fourth?"
        if q.count_of_type and table.numeric and self._counts_kind(table, q):
            q = replace(q, count_of_type=False)  # "How many firms are there?" over a stated number of firms: a look-up
        aggregate = bool(
            q.superlative or (q.filter and not exact_rank) or q.top_n or q.count_of_type or q.operation in {"sum", "compare", "difference"}
        )
        if aggregate and not subjects:
            table = table.narrowed(q.type_asked)  # "which city has the most": its cities, not the region's total
        if len(table.facts) < 2 and aggregate and not subjects:
            return None  # a superlative or a filter over a single fact answers nothing
        if table.is_rank and q.operation == "rank":
            q = replace(q, operation=None)  # the rank is the stated value
        if q.position and q.filter and not table.is_rank:  # "Which city ranks fifth?" over counts: the 5th by value
            q = replace(q, nth=int(q.filter[1]), superlative=q.superlative or "max", filter=None, operation=None)
        if not subjects and not values and not aggregate and len(table.facts) > 1:
            subjects = _named_by_synonym(table, q, self.related)
        if q.than and q.type_asked and len(table.facts) == 1:
            return None  # "Which ports handle more than Eastbay?" is not answered by a figure of Eastbay's alone
        if (
            q.than
            and table.numeric
            and not table.is_rank
            and len(table.facts) > 1
            and q.type_asked
            and len(subjects) == 1
            and subjects[0].subject == q.than[1].name
        ):
            # "Which ports handle more ships than Eastbay?": Eastbay's figure is the threshold
            q = replace(q, filter=(q.than[0], subjects[0].number), operation=None, superlative=None)
            return self._filter(table, q, score, against=subjects[0])
        if table.ordered:
            # "Which teams got more than 30 points?": "3 teams have ...", whatever kind the recogniser gave them
            if asked_kind := _kind_asked(q):
                table = table.called(asked_kind)
            return self._numeric(table, q, subjects, score)
        if values and not subjects:
            return self._reverse(table, q, values, score)
        if subjects:
            return self._lookup(q, subjects, score)
        if len(table.facts) == 1:
            return self._lookup(q, table.facts, score)
        if len({normalize(f.subject) for f in table.facts}) == 1 and not any(f.number is not None for f in table.facts):
            return self._values(table, score)  # (figures of one subject are no list of its values: "$2.5 billion and 3%")
        if table.of_kind(q.type_asked):
            return self._by_metric(table, table.facts[:MAX_LIST], score, shown=lambda f: str(f.value))
        return None


_WHICH_NOUN = re.compile(r"^(?:which|what)\s+(?!(?:is|are|was|were|do|does|did|has|have|had|of|one|ones)\b)([a-z]{3,})\b")


def _kind_asked(q: Question) -> str | None:
    """The word the question calls the answer's subjects by: its kind asked for, or the noun after "which"."""
    found = _WHICH_NOUN.match(q.norm)
    if found and found.group(1) not in STOPWORDS:
        return singular(found.group(1))
    return q.answer_type or q.type_asked


def _named_by_start(table: Table, q: Question) -> list[Fact]:
    """The subjects of ``table`` the question names by the first words of their names ("Harbour City" for
    "Harbour City FC"), where a name so begins exactly one subject."""
    out = []
    for entity in q.entities:
        name = normalize(entity.name) + " "
        begun = {normalize(f.subject) for f in table.facts if normalize(f.subject).startswith(name)}
        if len(begun) == 1:
            out += [f for f in table.facts if normalize(f.subject) in begun]
    return out


def _named_by_synonym(table: Table, q: Question, related: Callable[[str], frozenset[str]]) -> list[Fact]:
    """The one subject of ``table`` the question names by another word for what sets it apart:
    "the boxes" for the "Container terminal" (its other word, "terminal", is what all share)."""
    shared = set.intersection(*({stem(w) for w in words(f.subject)} for f in table.facts))
    asked = {t for term in q.focus for t in related(term)}
    named = [f for f in table.facts if any(stem(w) in asked for w in words(f.subject) if stem(w) not in shared)]
    return named if len({normalize(f.subject) for f in named}) == 1 else []


def _echoes(q: Question, result: FactAnswer) -> bool:
    """Whether the answer only repeats what the question says: "What is the twin-berth design?"
    answered with "the design is twin-berth"."""
    named = {normalize(e.name) for e in q.entities}

    def given(subject: str) -> bool:  # the question names it, in full or by its last name ("after Wallace resigned")
        last = subject.split()[-1] if subject.split() else ""
        return (
            normalize(subject) in named
            or normalize(subject) in q.norm
            or bool(last[:1].isupper() and re.search(rf"\b{re.escape(last)}\b", q.text))
        )

    return bool(result.facts) and all(f.number is None and normalize(str(f.value)) in q.norm and given(f.subject) for f in result.facts)
