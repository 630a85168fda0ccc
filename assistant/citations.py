"""Answers and citations: the models every caller receives, and the check that quotes are verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

MARKER_RE = re.compile(r"\[(\d{1,3})\]")


class Citation(BaseModel):
    """A verbatim span of a source article supporting part of an answer."""

    n: int = Field(description="The number used by the [n] markers in the answer.")
    source: str = Field(description="Id of the cited article.")
    title: str = Field(description="Title of the cited article.")
    url: str | None = Field(None, description="Where the article was published, when known.")
    quote: str = Field(description="Verbatim text of the article supporting the answer.")
    start: int = Field(description="Offset of the quote's first character in the article text.")
    end: int = Field(description="Offset just past the quote's last character.")


class Answer(BaseModel):
    """The response of /ask, `assistant ask --json` and the evals."""

    answer: str = Field(description="A short answer with [n] markers, or a plain statement that the sources don't cover the question.")
    answered: bool = Field(description="False when the sources do not support an answer.")
    citations: list[Citation] = Field(default_factory=list, description="Sources of the answer, numbered as in its [n] markers.")
    session_id: str | None = Field(None, description="Conversation id; send it back to ask a follow-up.")
    standalone_question: str = Field("", description="The question as understood in the conversation's context.")
    mode: str = Field("offline", description="Who wrote the answer: 'offline' (extractive) or 'llm'.")
    notice: str | None = Field(None, description="Anything the caller should know about how this answer was made, e.g. an LLM fallback.")


@dataclass(frozen=True)
class Evidence:
    """A span of an article that an answer may cite."""

    source: str
    title: str
    url: str | None
    start: int
    end: int
    quote: str

    def citation(self, n: int) -> Citation:
        return Citation(n=n, source=self.source, title=self.title, url=self.url or None, quote=self.quote, start=self.start, end=self.end)


def verify(citation: Citation, article_text: str) -> bool:
    """Whether the citation's quote is exactly the article's text at its offsets."""
    return 0 <= citation.start < citation.end <= len(article_text) and article_text[citation.start : citation.end] == citation.quote


def markers(text: str) -> list[int]:
    """The citation numbers used in ``text``, in order of first use."""
    seen: list[int] = []
    for match in MARKER_RE.finditer(text):
        n = int(match.group(1))
        if n not in seen:
            seen.append(n)
    return seen


def renumber(text: str, citations: list[Citation]) -> tuple[str, list[Citation]]:
    """Keep only cited citations, numbered 1.. in order of first use in ``text``."""
    by_n = {c.n: c for c in citations}
    order = [n for n in markers(text) if n in by_n]
    mapping = {old: new for new, old in enumerate(order, start=1)}

    def swap(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return f"[{mapping[n]}]" if n in mapping else ""

    text = MARKER_RE.sub(swap, text)
    return text, [by_n[old].model_copy(update={"n": mapping[old]}) for old in order]
