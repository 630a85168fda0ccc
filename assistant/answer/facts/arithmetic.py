"""Answers worked out over a table of numbers: differences, comparisons, filters, superlatives and
positions, complements of a share, totals and ranks, each citing every fact it used."""

from __future__ import annotations

import re

from assistant.answer.facts.lookups import Lookups
from assistant.answer.facts.model import MAX_LIST, MIN_WORDS, OP_WORDS, OPS, FactAnswer, Ref, Table, residual
from assistant.answer.facts.phrasing import countable, join, quantity, value_text
from assistant.chunking import sentences_of
from assistant.corpus import Fact
from assistant.numbers import fmt, ordinal
from assistant.understand.lexicon import plural
from assistant.understand.question import Question


class Arithmetic(Lookups):
    """Operations over numeric tables."""

    def _numeric(self, table: Table, q: Question, subjects: list[Fact], score: float) -> FactAnswer | None:
        facts = table.facts
        lowest = bool(MIN_WORDS & set(q.terms)) or q.superlative == "min"
        if table.is_rank:
            lowest = not lowest  # the top rank is the smallest number
        if not table.numeric and (q.operation in {"sum", "difference"} or q.filter or q.complement):
            return None  # "6.84 million passengers" and "95,000 passengers" are put in order, never added up
        if len(subjects) >= 2 and q.operation == "difference":
            return self._difference(table, subjects[0], subjects[1], score)
        if len(subjects) >= 2 and q.operation == "sum":
            total = sum(f.number for f in subjects)
            if not _summable(table, total):
                return None
            return self._compose(
                subjects,
                score,
                lambda ref: (
                    f"Together, {join([f.subject for f in subjects])} have {quantity(table, total)} ("
                    + " + ".join(f"{value_text(f)}{ref(f)}" for f in subjects)
                    + ")."
                ),
            )
        if len(subjects) >= 2 and (q.operation == "compare" or q.superlative):
            return self._compare(table, subjects, lowest, score)
        if subjects and q.operation == "rank":
            return self._rank(table, subjects, score)
        if len(subjects) >= 2:
            return self._compose(subjects, score, lambda ref: "; ".join(f"{f.subject}: {value_text(f)}{ref(f)}" for f in subjects) + ".")
        if subjects and q.complement and (table.unit or "").strip() == "%":
            return self._complement(table, subjects[0], score)
        if subjects:
            return self._lookup(q, subjects, score)
        if q.filter and (q.count_of_type or q.type_asked or q.wh in {"which", "what"}):
            return self._filter(table, q, score)
        if q.superlative or q.top_n:
            return self._extreme(table, q, lowest, score)
        if q.operation == "sum":
            stated = [f for f in facts if _TOTAL_SAID.search(self._said_before(f))]
            if len(stated) == 1:  # "In total the fleet comprises 183 turbines": the article gives the sum
                return self._lookup(q, stated, score)
            return self._total(table, facts, score, lead=f"The {len(facts)} {plural(table.subject_type)}")
        if q.count_of_type:
            shown = facts[:MAX_LIST]
            return self._compose(
                shown,
                score,
                lambda ref: (
                    f"{len(facts)} {plural(table.subject_type)} are given a figure for {table.metric}: "
                    + join([f"{f.subject}{ref(f)}" for f in shown])
                    + "."
                ),
            )
        if len(facts) == 1:
            return self._lookup(q, facts, score)
        if table.of_kind(q.type_asked):
            first = (lambda f: f.number) if table.is_rank else (lambda f: -table.size(f))  # a rank's first is its smallest number
            return self._by_metric(table, sorted(facts, key=first)[:MAX_LIST], score, shown=value_text)
        return None

    def _difference(self, table: Table, a: Fact, b: Fact, score: float) -> FactAnswer:
        gap = abs(a.number - b.number)
        hi, lo = (a, b) if a.number >= b.number else (b, a)
        if (table.unit or "").strip() == "%":
            claim = f"{hi.subject} is {fmt(gap)} percentage points higher than {lo.subject} by {table.metric}"
        else:
            amount, _, counted = quantity(table, gap).partition(" ")
            claim = f"{hi.subject} has {amount} more {counted} than {lo.subject}"
        return self._compose([hi, lo], score, lambda ref: f"{claim}: {value_text(hi)}{ref(hi)} against {value_text(lo)}{ref(lo)}.")

    def _compare(self, table: Table, subjects: list[Fact], lowest: bool, score: float) -> FactAnswer:
        pick = min(subjects, key=table.size) if lowest else max(subjects, key=table.size)
        others = [f for f in subjects if f is not pick]
        if all(abs(table.size(f) - table.size(pick)) < 1e-9 for f in others):
            return self._compose(
                subjects,
                score,
                lambda ref: (
                    f"{join([f.subject for f in subjects])} have the same {table.metric}: "
                    + ", ".join(f"{value_text(f)}{ref(f)}" for f in subjects)
                    + "."
                ),
            )
        if table.is_rank:  # the smaller the number, the higher the place: "4th" is above "7th"
            return self._compose(
                [pick, *others],
                score,
                lambda ref: (
                    f"{pick.subject} ranks {'higher' if pick.number < others[0].number else 'lower'} "
                    f"({ordinal(int(pick.number)) if pick.number.is_integer() else value_text(pick)}{ref(pick)}) than "
                    + join([f"{f.subject} ({ordinal(int(f.number)) if f.number.is_integer() else value_text(f)}{ref(f)})" for f in others])
                    + "."
                ),
            )
        word = "fewer" if table.size(pick) < table.size(others[0]) else "more"
        if not countable(table):
            word = "a lower" if word == "fewer" else "a higher"
        return self._compose(
            [pick, *others],
            score,
            lambda ref: (
                f"{pick.subject} has {word} {table.metric} ({value_text(pick)}{ref(pick)}) than "
                + join([f"{f.subject} ({value_text(f)}{ref(f)})" for f in others])
                + "."
            ),
        )

    def _filter(self, table: Table, q: Question, score: float, *, against: Fact | None = None) -> FactAnswer | None:
        """The facts whose value passes the question's filter; ``against``: the fact whose value is the threshold."""
        op, x = q.filter
        chosen = [f for f in table.facts if OPS[op](f.number, x) and f is not against and not residual(f.subject)]
        if against is not None:
            kind = plural(table.subject_type) if len(chosen) != 1 else table.subject_type
            word = "more" if op == ">" else "fewer"
            if not countable(table):
                word = "a higher" if op == ">" else "a lower"
            return self._compose(
                [against, *chosen[:MAX_LIST]],
                score,
                lambda ref: (
                    f"{against.subject} has {value_text(against)}{ref(against)}; "
                    + (
                        f"{len(chosen)} {kind} {'have' if len(chosen) != 1 else 'has'} {word} {table.metric}: "
                        + join([f"{f.subject} ({value_text(f)}){ref(f)}" for f in chosen[:MAX_LIST]])
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
            if not any(self.related(t) & set(q.terms) for t in table.metric_terms):
                return None  # no figure matches, and the question did not name this one either
            low, high = min(f.number for f in table.facts), max(f.number for f in table.facts)
            first = table.facts[0]
            return self._compose(
                [first],
                score * 0.5,
                lambda ref: (
                    f"None of the {len(table.facts)} {kind} has {OP_WORDS[op]} {quantity(table, x)}; the figures range from {quantity(table, low).split()[0]} to {quantity(table, high).split()[0]}{ref(first)}."
                ),
            )
        if q.operation == "sum" and len(chosen) > 1:  # "How many companies do the cities with fewer than 3 have in all?"
            return self._total(table, chosen, score, lead=f"The {len(chosen)} {kind} with {OP_WORDS[op]} {quantity(table, x)}")
        shown = chosen[:MAX_LIST]
        lead = f"{len(chosen)} {kind if len(chosen) != 1 else table.subject_type} {'have' if len(chosen) != 1 else 'has'}"
        return self._compose(
            shown,
            score,
            lambda ref: (
                f"{lead} {OP_WORDS[op]} {quantity(table, x)}: " + join([f"{f.subject} ({value_text(f)}){ref(f)}" for f in shown]) + "."
            ),
        )

    def _extreme(self, table: Table, q: Question, lowest: bool, score: float) -> FactAnswer | None:
        facts = [f for f in table.facts if not residual(f.subject)] or table.facts
        parts = [f for f in facts if not _TOTAL_SAID.search(self._said_before(f))]
        if len(parts) >= 2:
            facts = parts  # "In total the trust has 125 beds": the whole is not one of its parts that ranks first
        if q.top_n and q.top_n > len(facts):
            return None  # "the three biggest projects" are not in a table of two
        if len({f.subject for f in facts}) == 1 and not table.is_rank and len({f.as_of for f in facts}) < max(2, len(facts)):
            return None  # one thing's figures, not a series over the years: it stands out among no others
        ordered = sorted(facts, key=table.size, reverse=not lowest)
        if q.top_n and 1 < q.top_n < len(facts):
            top = ordered[: q.top_n]
            if q.operation == "sum":  # "the total of the top three cities"
                return self._total(table, top, score, lead=f"The top {q.top_n} {plural(table.subject_type)}")
            return self._compose(
                top,
                score,
                lambda ref: (
                    f"The top {q.top_n} {plural(table.subject_type)} by {table.metric}: "
                    + join([f"{f.subject} ({value_text(f)}){ref(f)}" for f in top])
                    + "."
                ),
            )
        # positions count ties as the corpus does: 21, 12, 12, 11 rank 1st, 2nd, 2nd, 4th
        wanted = q.nth or 1
        size = {id(f): table.size(f) for f in facts}
        position = {id(f): 1 + sum(1 for g in facts if (size[id(g)] < size[id(f)] if lowest else size[id(g)] > size[id(f)])) for f in facts}
        if table.is_rank and lowest:
            position = {id(f): int(f.number) if f.number.is_integer() else 0 for f in facts}  # a stated rank is the place itself
        tied = {id(f): sum(1 for g in facts if abs(size[id(g)] - size[id(f)]) < 1e-9) for f in facts}
        winners = [f for f in facts if position[id(f)] <= wanted < position[id(f)] + tied[id(f)]][:MAX_LIST]
        if not winners:
            return None
        if table.is_rank and lowest:  # "which city came second?": the one a rank of 2 is stated for
            what = "" if table.metric.lower() == "rank" else f" ({table.metric})"
            verb = "ranks" if len(winners) == 1 else "rank"
            return self._compose(
                winners,
                score,
                lambda ref: (
                    f"{join([f.subject for f in winners])} {verb} {ordinal(wanted)}{what}"
                    + "".join(dict.fromkeys(ref(f) for f in winners))
                    + "."
                ),
            )
        nth = position[id(winners[0])] - 1
        if table.is_rank:
            how = "the top" if not lowest else "the lowest"
        elif lowest:
            how = "the fewest" if countable(table) else "the lowest"
        else:
            how = "the most" if countable(table) else "the highest"
        if nth:
            how = how.replace("the ", f"the {ordinal(nth + 1)}-")
        verb = "has" if len(winners) == 1 else "share"
        lead = join([f.subject for f in winners])
        tie = f" They are tied, so no {table.subject_type} is {ordinal(wanted)} alone." if nth + 1 != wanted else ""
        return self._compose(
            winners,
            score,
            lambda ref: (
                f"{lead} {verb} {how} {table.metric}: "
                + (
                    ", ".join(f"{value_text(f)}{ref(f)}" for f in winners)
                    if len({f.number for f in winners}) > 1
                    else f"{value_text(winners[0])}{'' if len(winners) == 1 else ' each'}" + "".join(dict.fromkeys(ref(f) for f in winners))
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
                f"Outside {fact.subject}: {fmt(rest)}% of {what}, that is 100% less the {value_text(fact)} of {fact.subject}{ref(fact)}."
            ),
        )

    def _said_before(self, fact: Fact) -> str:
        """The fact's sentence up to the end of its quote ("In total the fleet comprises 183 turbines")."""
        article = self.articles.get(fact.article)
        if article is None or fact.start < 0:
            return fact.quote
        sentence = next((s for s in sentences_of(article.text) if s.start <= fact.start < s.end), None)
        return article.text[sentence.start if sentence else fact.start : fact.end]

    def _total(self, table: Table, facts: list[Fact], score: float, *, lead: str) -> FactAnswer | None:
        """The sum of ``facts``, with its terms when they all fit in the answer (else their citations)."""
        total = sum(f.number for f in facts)
        if not _summable(table, total) or len({f.subject for f in facts}) < len(facts):
            return None  # one subject's two figures (a raise of 5% in one year and 4% in the next) are no parts of a whole
        shown = facts[:MAX_LIST]

        def render(ref: Ref) -> str:
            if len(facts) > MAX_LIST:
                return f"{lead} have {quantity(table, total)} in total" + "".join(dict.fromkeys(ref(f) for f in shown)) + "."
            return (
                f"{lead} have {quantity(table, total)} in total ("
                + " + ".join(f"{f.subject} {value_text(f)}{ref(f)}" for f in shown)
                + ")."
            )

        return self._compose(shown, score, render)

    def _rank(self, table: Table, subjects: list[Fact], score: float) -> FactAnswer:
        parts = []
        used: list[Fact] = []
        for fact in subjects:
            higher = [f for f in table.facts if table.size(f) > table.size(fact)]
            tied = [f for f in table.facts if f is not fact and abs(table.size(f) - table.size(fact)) < 1e-9]
            ahead = sorted(higher, key=lambda f: -table.size(f))[:4]
            used.extend([fact, *ahead])
            parts.append((fact, len(higher) + 1, tied, ahead))
        total = len(table.facts)

        def render(ref: Ref) -> str:
            out = []
            for fact, position, tied, ahead in parts:
                where = f"{'tied ' if tied else ''}{ordinal(position)} of {total} {plural(table.subject_type)} by {table.metric}"
                behind = f", after {join([f'{f.subject} ({value_text(f)}{ref(f)})' for f in ahead])}" if ahead else ""
                out.append(f"{fact.subject} ranks {where} with {value_text(fact)}{ref(fact)}{behind}.")
            return " ".join(out)

        return self._compose(list(dict.fromkeys(used)), score, render)


_TOTAL_SAID = re.compile(r"\b(?:in total|altogether|in all|all told|combined|totall?ed)\b", re.I)
_CHANGE = re.compile(r"^(?:rise|reduction|increase|decrease|growth|change|fall|drop)\b")


def _summable(table: Table, total: float) -> bool:
    """Whether a sum over ``table`` means something: shares of one whole add up to 100% at most, and
    changes in per cent ("up 4%", "up 6%") do not add up at all."""
    if (table.unit or "").strip() != "%":
        return True
    return total <= 100.5 and not _CHANGE.match(table.metric)
