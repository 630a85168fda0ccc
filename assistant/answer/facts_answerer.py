"""The facts engine as an answerer: its answers scored on the same evidence scale as the reader's."""

from __future__ import annotations

from assistant.answer.base import AskState, Proposal
from assistant.answer.evidence import Judge, asks_name, names_in_question
from assistant.answer.facts import FactBase
from assistant.answer.types import answer_spans
from assistant.understand.question import DESCRIBE


class FactsAnswerer:
    """Answers from the typed facts of the articles in scope: look-ups, rankings, comparisons, sums."""

    name = "facts"

    def __init__(self, facts: FactBase, judge: Judge) -> None:
        self.facts = facts
        self.judge = judge

    def propose(self, state: AskState) -> Proposal | None:
        q = state.analysed
        if q is None or not self.facts.facts:
            return None
        if q.expects == "text" and DESCRIBE.match(q.norm.strip()) and not q.mentions:
            return None  # "What is an acoustic logger?" asks what it is, not a figure a fact gives of it
        within = set(state.scope) if state.scope else None
        found = self.facts.answer(q, state.vector, within=within)
        if found is None or (asks_name(q) and not found.named and all(f.number is not None for f in found.facts)):
            return None  # (a figure is no name: "What is the report called?" is not answered by its count of firms)
        quotes = " ".join(e.quote for e in found.evidence)
        described = " ".join(f"{f.subject} {f.metric} {f.value} {f.unit or ''}" for f in found.facts)
        titles = " ".join(dict.fromkeys(e.title for e in found.evidence))
        sims = self.facts.similarities(state.vector)
        dense = max((sims.get(f.id, 0.0) for f in found.facts), default=0.0)
        said = f"{quotes} {found.text} {described}"  # the figures' spans are of the text judged
        features = self.judge.features(
            q,
            said,
            titles,
            dense=dense,
            passage=0.0,
            spans=answer_spans(q, said, self.judge.lexicon),
            names=names_in_question(q, self.judge.lexicon),
        )
        # worked out over a table (a rank, a sum, a filter, the members of a kind) or a full name: no single sentence says it
        # (the members of a kind are worked out only when there are several: one fact of that kind is a look-up)
        computed = found.named or bool(q.superlative or q.operation or q.filter or q.top_n or q.count_of_type or q.nth)
        computed = computed or bool(q.answer_type and len(found.facts) > 1)
        return Proposal(self.name, found.text, found.evidence, self.judge.evidence_score(features), computed=computed)
