"""Answers that state facts: look-ups, every value of a subject, reverse look-ups, with numbered evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from assistant.answer.clauses import as_sentence, best_window
from assistant.answer.facts.model import MAX_LIST, MAX_STATEMENT, SHORT_QUOTE, FactAnswer, Ref, Table
from assistant.answer.facts.phrasing import distinct_metrics, distinct_quotes, join, tidy, value_span, value_text
from assistant.chunking import sentences_of
from assistant.citations import Evidence
from assistant.corpus import Article, Fact
from assistant.text import normalize, words
from assistant.understand.lexicon import plural
from assistant.understand.question import Question


class Lookups:
    """Stating facts; the base of the facts engine (``facts`` and ``articles`` are set by it)."""

    facts: list[Fact]
    articles: dict[str, Article]

    def _lookup(self, q: Question, facts: list[Fact], score: float) -> FactAnswer:
        facts = distinct_quotes(facts)[:MAX_LIST]

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
            lambda ref: f"{subject} — {table.metric} ({len(table.facts)}): " + join([f"{f.value}{ref(f)}" for f in facts]) + ".",
        )

    def _reverse(self, table: Table, q: Question, facts: list[Fact], score: float) -> FactAnswer:
        """Subjects whose named value the question gives ("Which ships are from Northport?").

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
            conditions = "; ".join(f"{f.metric}: {f.value}" for f in distinct_metrics(winners[0]))
            used = [f for group in winners for f in group]
            return self._compose(
                used,
                score,
                lambda ref: f"{join([g[0].subject for g in winners])} ({conditions})" + "".join(dict.fromkeys(ref(f) for f in used)) + ".",
            )
        by_value: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            by_value[str(fact.value)].append(fact)

        def render(ref: Ref) -> str:
            out = []
            for value, group in by_value.items():
                kind = plural(group[0].subject_type) if len(group) > 1 else group[0].subject_type
                out.append(f"The {kind} with {table.metric} {value}: " + join([f"{f.subject}{ref(f)}" for f in group[:MAX_LIST]]) + ".")
            return " ".join(out)

        return self._compose(facts[:MAX_LIST], score, render)

    def cited_span(self, fact: Fact) -> tuple[int, int]:
        """What a fact is cited by: its quote, or for a learned fact (whose quote is the few words that
        state the value) the whole sentence holding it, when that is short enough to read."""
        if fact.origin != "learned":
            return fact.start, fact.end
        spans = sentences_of(self.articles[fact.article].text)
        sentence = next((x for x in spans if x.start <= fact.start and fact.end <= x.end), None)
        if sentence is None or len(sentence.text) > MAX_STATEMENT:
            return fact.start, fact.end
        return sentence.start, sentence.end

    def _statement(self, fact: Fact, q: Question) -> str:
        """One fact in words: the clause of its quote that states it, or a plain template."""
        start, end = self.cited_span(fact)
        if (start, end) != (fact.start, fact.end):
            return as_sentence(self.articles[fact.article].text[start:end].rstrip(". "))
        must = []
        span = value_span(fact)
        if q.expects == "date" and fact.as_of and normalize(fact.as_of) in normalize(fact.quote):
            at = normalize(fact.quote).find(normalize(fact.as_of))  # "By when?": the date, not the figure
            span = (fact.start + at, fact.start + at + len(fact.as_of))
        if span:
            must.append(span)
        at = normalize(fact.quote).find(normalize(fact.subject))
        if at >= 0:
            must.append((fact.start + at, fact.start + at + len(fact.subject)))
        if span:
            if len(fact.quote) <= SHORT_QUOTE and len(fact.quote.split()) >= 4:
                return as_sentence(self._determined(fact, fact.quote))
            window = best_window(fact.quote, fact.start, must=must, question_terms=q.terms)
            one_sentence = not re.search(r"[.!?]\s+[A-Z\u201c]", window.text)
            if len(window.text.split()) >= 4 and len(window.text) <= MAX_STATEMENT and one_sentence:
                return as_sentence(self._determined(fact, window.text))
        if fact.number is not None:
            unit = words(fact.unit or "")
            if unit and words(fact.metric)[:1] == unit[-1:]:  # "companies selected" counted in "companies"
                rest = fact.metric.split(" ", 1)[1] if " " in fact.metric else ""
                return f"{fact.subject} has {value_text(fact)} {rest}".rstrip()
            return f"{fact.subject}'s {fact.metric}: {value_text(fact)}"
        return f"{fact.subject}'s {fact.metric} is {fact.value}"

    def _determined(self, fact: Fact, text: str) -> str:
        """``text`` (a part of the quote) with the article's word before it when it opens the quote with a noun
        that word determines: "The company was founded in 1998", not "Company was founded in 1998"."""
        if not fact.quote.startswith(text) or not text[:1].islower():
            return text
        before = re.search(
            r"\b(the|its|their|this|that|our|his|her)\s+$", self.articles[fact.article].text[max(0, fact.start - 8) : fact.start], re.I
        )
        return f"{before.group(1)} {text}" if before else text

    def _compose(self, facts: list[Fact], score: float, render: Callable[[Ref], str]) -> FactAnswer:
        """Number the evidence in order of first use and render the text with [n] markers."""
        evidence: list[Evidence] = []
        numbers: dict[tuple[str, int, int], int] = {}
        used: list[Fact] = []

        def ref(fact: Fact) -> str:
            start, end = self.cited_span(fact)
            key = (fact.article, start, end)
            if key not in numbers:
                article = self.articles[fact.article]
                evidence.append(Evidence(fact.article, article.title, article.url, start, end, article.text[start:end]))
                numbers[key] = len(evidence)
            if fact not in used:
                used.append(fact)
            return f" [{numbers[key]}]"

        text = render(ref)
        for fact in facts:  # a fact the text did not mark still supports it
            if fact not in used:
                ref(fact)
        return FactAnswer(text=tidy(text), evidence=evidence, facts=used, score=score)

    def _by_metric(self, table: Table, facts: list[Fact], score: float, shown: Callable[[Fact], str]) -> FactAnswer:
        """The listed rows of ``table``: "Ports by ships per day: Northport (48) [1], ..."."""
        return self._compose(
            facts,
            score,
            lambda ref: (
                f"{plural(table.subject_type).capitalize()} by {table.metric}: "
                + join([f"{f.subject} ({shown(f)}){ref(f)}" for f in facts])
                + "."
            ),
        )


# ----------------------------------------------------------------------------------- phrasing
