"""The shapes the facts engine works with: tables of facts, what a question asks of them, and answers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from assistant.citations import Evidence
from assistant.corpus import Fact
from assistant.numbers import SCALES
from assistant.text import YEAR, normalize, stem, words
from assistant.text import related as general_related
from assistant.understand.lexicon import NON_ENTITY_TYPES, PLACE_TYPES, name_words
from assistant.understand.question import COUNT_ASKED, Question

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
Ref = Callable[[Fact], str]
UNTYPED = "entity"  # a subject whose kind was not learned


_SCALE = re.compile(rf"\s*({'|'.join(SCALES)}|bn)\b", re.I)  # (not "m": it may be metres)


def _scale(unit: str | None) -> str:
    """The scale word a unit opens with ("million passengers": million), or "" for none."""
    found = _SCALE.match(unit or "")
    return found.group(1).lower() if found else ""


def kind_fits(asked: str, have: str) -> bool:
    """Whether a subject of kind ``have`` can be what a question asking for ``asked`` wants: the same
    kind, a place of no named kind for any kind of place, or a subject whose kind is not known."""
    return asked == have or have == UNTYPED or (asked in PLACE_TYPES and have in PLACE_TYPES and "place" in (asked, have))


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
        """Whether its values are numbers on one scale: "6.84 million passengers" and "214,000 passengers"
        are not compared as 6.84 and 214,000."""
        return all(f.number is not None for f in self.facts) and len({_scale(f.unit) for f in self.facts}) == 1

    @cached_property
    def ordered(self) -> bool:
        """Whether its values can be put in order: numbers on one scale, or on scales their units name
        ("6.84 million passengers" above "95,000 passengers")."""
        units = {_SCALE.sub("", f.unit or "", count=1).strip().lower() for f in self.facts}
        return self.numeric or (all(f.number is not None for f in self.facts) and len(units) == 1)

    def size(self, fact: Fact) -> float:
        """``fact``'s number on the table's common scale."""
        scale = _scale(fact.unit)
        return fact.number * SCALES.get("billion" if scale == "bn" else scale, 1.0)

    @cached_property
    def dated(self) -> bool:
        """Whether its values are years or dates ("publish date 1819"): when, not how many or how much."""
        said = set(self.metric_terms) | set(self.metric.lower().split())
        # a figure counting something ("1,800 companies") is no year, whatever its value
        return bool(said & {"date", "year", "when"}) or all(YEAR.fullmatch(str(f.value).strip()) and not f.unit for f in self.facts)

    @cached_property
    def subject_type(self) -> str:
        return Counter(f.subject_type for f in self.facts).most_common(1)[0][0]

    def of_kind(self, kind: str | None) -> bool:
        """Whether at least half its subjects can be of the kind asked for (a learned table mixes the
        whole a figure is about with its members: "120 companies in the region", "34 in Gothenburg")."""
        return bool(kind) and 2 * sum(kind_fits(kind, f.subject_type) for f in self.facts) >= len(self.facts)

    def narrowed(self, kind: str | None) -> Table:
        """The table with only the subjects that can be of ``kind``, when it has some others."""
        if not self.of_kind(kind):
            return self
        facts = [f for f in self.facts if kind_fits(kind, f.subject_type)]
        if len(facts) == len(self.facts):
            return self
        return Table(self.metric, self.scope, facts, self.descriptor, self.metric_terms, self.value_types)

    def called(self, kind: str) -> Table:
        """The same table, its subjects called by ``kind`` in answers (the word the question uses for them)."""
        if kind == self.subject_type:
            return self
        renamed = Table(self.metric, self.scope, self.facts, self.descriptor, self.metric_terms, self.value_types)
        renamed.__dict__["subject_type"] = kind  # the cached property, given
        return renamed

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
    share: bool = False  # a share, percentage or proportion is asked for

    @classmethod
    def of(cls, q: Question, related: Callable[[str], frozenset[str]] = general_related) -> Asked:
        # the kind of answer asked for ("which city") is not the metric; a type word merely mentioned may be
        # ("how many firms" counts its kind: there the kind's noun is the metric of a figure)
        type_stems = (
            related(stem(words(q.answer_type)[-1])) if q.answer_type and words(q.answer_type) and not q.count_of_type else frozenset()
        )
        # the metric must be named by words outside the entities' names ("plan" in "the expansion plan" names no metric)
        # (a value's words may name a metric: "the twin-berth design" asks about the berths)
        # (only the words of the name itself: "annual turnover of Northport's harbour" names the harbour, not its turnover)
        named = {stem(w) for m in q.mentions if m.entity.type not in NON_ENTITY_TYPES for w in name_words(m, q.norm)}
        return cls(
            entities=frozenset(normalize(e.name) for e in q.entities) - possessors(q),
            qterms=frozenset(t for term in q.terms if term not in type_stems and term not in named for t in related(term)),
            focus=tuple(t for t in q.focus if t not in type_stems),
            # ("how many car share trips": a count, of trips of a car share)
            share=q.expects == "number" and bool(related(stem("share")) & set(q.terms)) and not COUNT_ASKED.search(q.norm),
        )


def possessors(q: Question) -> frozenset[str]:
    """The names a question writes as the owner of the next name it gives ("Korvath's Lindqvist Concert Hall"):
    the one owned is what is asked about, not each of them."""
    mentions = sorted(q.mentions, key=lambda m: m.start)
    return frozenset(
        normalize(a.entity.name)
        for a, b in pairwise(mentions)
        if a.entity is not b.entity and re.fullmatch(r"(?:'s|')\s+", q.norm[a.end : b.start])
    )


_RESIDUAL = re.compile(r"^(?:all\s+)?(?:the\s+)?(?:other|others|remaining|rest)\b", re.I)


def residual(subject: str) -> bool:
    """Whether ``subject`` is what is left over ("Other countries", "the rest"), no one thing to rank or name."""
    return bool(_RESIDUAL.match(subject.strip()))


@dataclass
class FactAnswer:
    """An answer worked out from facts: text with [n] markers and the evidence numbered from 1."""

    text: str
    evidence: list[Evidence]
    facts: list[Fact]
    score: float
    named: bool = False  # the full name of what the question names: what no single sentence is scored as saying
