"""Example questions drawn from the corpus: shown by the chat UI, offered in reply to a greeting.

They come from the structured facts (rankings over comparable facts, then single facts), and only
those the offline answerer actually answers are kept, so an example never leads to a refusal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.chain import Pipeline

log = logging.getLogger(__name__)
MAX_EXAMPLES = 4


class Examples:
    """The example questions of a pipeline's current index, worked out once per index generation."""

    def __init__(self, pipeline: Pipeline, *, limit: int = MAX_EXAMPLES) -> None:
        self.pipeline = pipeline
        self.limit = limit
        self._generation: str | None = None
        self._questions: list[str] = []
        self._lock = threading.Lock()

    def get(self) -> list[str]:
        """The configured examples (``ui.examples``), else questions drawn from the corpus; [] when none can be had."""
        if self.pipeline.settings.ui.examples:
            return list(self.pipeline.settings.ui.examples)
        try:
            reader = self.pipeline.reader()
            if reader is None:
                return []
            with self._lock:
                if self._generation != reader.snapshot.generation:
                    self._questions = self._answered(candidate_questions(list(reader.snapshot.facts.values())))
                    self._generation = reader.snapshot.generation
                return list(self._questions)
        except Exception as exc:  # examples are a nicety: never fail an answer or the UI for them
            log.warning("no example questions (%s)", exc)
            return []

    def _answered(self, candidates: Iterator[str]) -> list[str]:
        found: list[str] = []
        for question in candidates:
            # the offline answerer decides: asking a model here would keep it busy before anyone asked anything
            if self.pipeline.answerable(question):
                found.append(question)
                if len(found) >= self.limit:
                    break
        return found


def candidate_questions(facts: list[Any]) -> Iterator[str]:
    """Questions a fact base can answer: rankings over comparable facts, then single facts."""
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for f in facts:
        if isinstance(f.value, int | float) and f.unit:
            groups.setdefault((f.subject_type, f.metric, f.unit), []).append(f)
    ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    seen: set[str] = set()
    for (kind, metric, unit), members in ranked:
        if len(members) >= 3:
            yield f"Which {kind} has the largest {metric}?" if unit == "%" else f"Which {kind} has the most {unit}?"
    for (_, _, unit), members in ranked:
        if unit != "%" and members[0].subject not in seen and len(members[0].subject) <= 40:
            seen.add(members[0].subject)
            yield f"How many {unit} does {members[0].subject} have?"
    for f in facts:
        if isinstance(f.value, str) and f.subject not in seen and len(f.subject) <= 40:
            seen.add(f.subject)
            yield f"What is the {f.metric} of {f.subject}?"
