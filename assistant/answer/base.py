"""The shapes every answerer shares: the state of one question on its way through the pipeline, the
proposal an answerer makes, and the protocol it implements.

The pipeline asks each answerer (the facts engine, the extractive reader, an LLM writer) for a
:class:`Proposal`; proposals carry one evidence score on a common scale, so they can be compared.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from assistant.citations import Answer, Evidence

if TYPE_CHECKING:
    import numpy as np

    from assistant.reading import Reader
    from assistant.retrieval import Hit
    from assistant.understand.condense import Exchange
    from assistant.understand.question import Question


@dataclass
class Proposal:
    """An answer one answerer would give: text with [n] markers and its evidence, numbered from 1.

    ``score`` is the evidence score (0..1, higher is better supported); a proposal with ``answered``
    False is a reasoned refusal, ``missing`` naming what the sources lack when that is known (``mentioned``:
    they name it, but nothing they say of it answers the question).
    """

    answerer: str
    text: str
    evidence: list[Evidence]
    score: float
    answered: bool = True
    missing: str | None = None
    mentioned: bool = False  # the sources name what is missing, only never with what was asked
    computed: bool = False  # the answer was worked out (a rank, a sum, a comparison), not read off one sentence


@dataclass
class AskState:
    """One question as it goes through the pipeline's steps."""

    question: str
    history: list[Exchange] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    reader: Reader | None = None
    standalone: str = ""
    search_text: str = ""  # what retrieval searches with (the standalone question, widened for an unresolved follow-up)
    follow_up: bool = False  # it only asks ("By how much?") or refers to what it cannot name: about the last answer
    analysed: Question | None = None
    vector: np.ndarray | None = None
    hits: list[Hit] = field(default_factory=list)
    sentence_hits: list[Hit] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)  # articles the answer may come from, most relevant first
    named_sources: set[str] = field(default_factory=set)
    proposals: list[Proposal] = field(default_factory=list)
    draft: Proposal | None = None
    bridge: Evidence | None = None  # what says which thing a question named by what it did is ("the body that ...")
    result: Answer | None = None


class Answerer(Protocol):
    """Something that can propose an answer to a question in its state."""

    name: str

    def propose(self, state: AskState) -> Proposal | None:
        """A proposal (possibly a reasoned refusal), or None when this answerer has nothing to say."""
        ...
