"""Questions that ask two things at once, each answered on its own.

"When did the hall close for its refit, and when did it open again?" is rarely answered by one sentence:
the article gives the closing in one and the reopening in another. The question is read as two ("When did
the hall close for its refit?", then "when did it open again?" in the light of the first), each is asked
as a question of its own, and when both are answered from different sentences the answer gives both,
each with its citation.
"""

from __future__ import annotations

import re

from assistant.answer.base import Proposal
from assistant.answer.reader import MAX_ANSWER_CHARS
from assistant.citations import MARKER_RE

# ", and when ...", " and how many ...": a second question joined to the first
_SECOND = re.compile(
    r",?\s+and\s+(?=(?:when|where|who|whom|whose|what|which|how|why|did|does|do|is|was|were|are|has|have|had|will|would|can|could)\s)",
    re.I,
)
_MIN_WORDS = 3  # each part asks something of its own: "and why?" is no second question, "and how big is it?" is


def two_questions(question: str) -> tuple[str, str] | None:
    """The two questions ``question`` joins ("A, and when B?"), each as a question; None for one question."""
    body = question.strip().rstrip("?").strip()
    joins = list(_SECOND.finditer(body))
    if len(joins) != 1:
        return None
    first, second = body[: joins[0].start()].strip(" ,"), body[joins[0].end() :].strip()
    if len(first.split()) < _MIN_WORDS or len(second.split()) < _MIN_WORDS:
        return None
    return f"{first}?", f"{second[:1].upper()}{second[1:]}?"


def joined(first: Proposal, second: Proposal) -> Proposal | None:
    """One answer giving both parts, the second's citations numbered after the first's; None when either part is
    not answered, both rest on the same sentences (one answer then gives both) or together they are too long to
    be a short answer (the first is a passage already: "What is the damper, and how does it work?")."""
    if not (first.answered and second.answered and first.evidence and second.evidence):
        return None
    quotes = {(e.source, e.start, e.end) for e in first.evidence}
    if all((e.source, e.start, e.end) in quotes for e in second.evidence):
        return None
    shift = len(first.evidence)
    text = f"{first.text} {MARKER_RE.sub(lambda m: f'[{int(m.group(1)) + shift}]', second.text)}"
    if len(text) > MAX_ANSWER_CHARS:
        return None
    return Proposal(
        "both",
        text,
        [*first.evidence, *second.evidence],
        min(first.score, second.score),
        computed=first.computed or second.computed,
    )
