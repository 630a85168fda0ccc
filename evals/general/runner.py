"""Index a folder of articles into a throwaway store, ask every case through the real pipeline and the
naive baseline, and judge each answer the way the eval gate does."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.baseline import NaiveRAG
from evals.cases import Turn, missing_values

MAX_ANSWER = 500


@dataclass
class TurnResult:
    case: str
    kind: str
    split: str
    turn: int
    question: str
    standalone: str
    answer: str
    answered: bool
    expects_answer: bool
    passed: bool
    problems: list[str]
    seconds: float
    cited: list[str] = field(default_factory=list)


def settings_for(articles_dir: Path, tmp: Path, *, facts: Path | None = None, glossary: Path | None = None):
    """Offline settings over ``articles_dir`` that keep the index and sessions under ``tmp``.

    Without ``facts`` or ``glossary`` the curated files point at paths that do not exist, so the
    articles are answered from their text alone.
    """
    from assistant.config import load_settings

    return load_settings(
        {
            "corpus": {
                "articles_dir": str(articles_dir),
                "facts_file": str(facts or tmp / "no-facts.yaml"),
                "glossary_file": str(glossary or tmp / "no-glossary.yaml"),
            },
            "store": {"path": str(tmp / "index"), "host": None},
            "embedding": {"provider": "sentence-transformers"},
            "api": {"sessions_url": f"sqlite:///{tmp / 'sessions.db'}"},
            "llm": {"provider": "offline"},
        },
        environ={},
    )


def build(articles_dir: Path, tmp: Path, embeddings, *, facts: Path | None = None, glossary: Path | None = None):
    """The real pipeline over ``articles_dir``, indexed into ``tmp`` (with ``embeddings`` loaded once)."""
    from assistant.chain import build_pipeline
    from assistant.indexer import run_index
    from assistant.store import Store

    tmp.mkdir(parents=True, exist_ok=True)
    settings = settings_for(articles_dir, tmp, facts=facts, glossary=glossary)
    store = Store(settings.store)
    run_index(settings, embeddings, store)
    return build_pipeline(settings, embeddings=embeddings, store=store)


def judge(turn: Turn, answer: Any, articles: dict) -> list[str]:
    """What is wrong with ``answer`` (empty when it passes).

    Answerable: answered, every expected value present, the expected article cited, under 500
    characters. Unanswerable: not answered. Always: every citation quotes its article verbatim at its
    offsets.
    """
    problems = []
    for c in answer.citations:
        if c.source not in articles or articles[c.source].text[c.start : c.end] != c.quote:
            problems.append("a citation is not verbatim at its offsets")
            break
    if not turn.answered:
        if answer.answered:
            problems.append("answered a question the articles do not answer")
        return problems
    if not answer.answered:
        return [*problems, "refused a question the articles answer"]
    problems += [f"missing {value!r}" for value in missing_values(answer.answer, turn)]
    if len(answer.answer) >= MAX_ANSWER:
        problems.append(f"answer is {len(answer.answer)} characters long")
    if turn.source and turn.source not in {c.source for c in answer.citations}:
        problems.append(f"does not cite {turn.source}")
    return problems


def ask(pipeline, cases: Iterable, *, split_of=lambda case: getattr(case, "split", "dev")) -> list[TurnResult]:
    """Every turn of every case through ``pipeline``; a multi-turn case keeps its session."""
    articles = pipeline.reader().snapshot.articles
    results = []
    for case in cases:
        session = None
        for index, turn in enumerate(case.turns, start=1):
            started = time.perf_counter()
            answer = pipeline.ask(turn.question, session_id=session)
            seconds = time.perf_counter() - started
            session = answer.session_id
            problems = judge(turn, answer, articles)
            results.append(
                TurnResult(
                    case=case.id,
                    kind=case.kind,
                    split=split_of(case),
                    turn=index,
                    question=turn.question,
                    standalone=answer.standalone_question,
                    answer=answer.answer,
                    answered=answer.answered,
                    expects_answer=turn.answered,
                    passed=not problems,
                    problems=problems,
                    seconds=seconds,
                    cited=sorted({c.source for c in answer.citations}),
                )
            )
    return results


@dataclass(frozen=True)
class _Citation:
    source: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class _Answer:
    answer: str
    answered: bool
    citations: list


def ask_baseline(naive: NaiveRAG, articles: dict, cases: Iterable) -> list[TurnResult]:
    """The naive pipeline on the same turns: no memory (each turn asked alone), never refuses."""
    results = []
    for case in cases:
        for index, turn in enumerate(case.turns, start=1):
            started = time.perf_counter()
            reply = naive.ask(turn.question)
            seconds = time.perf_counter() - started
            start = articles[reply.source].text.find(reply.answer) if reply.source in articles else -1
            citations = [_Citation(reply.source, reply.answer, start, start + len(reply.answer))] if reply.answer else []
            answer = _Answer(reply.answer, bool(reply.answer), citations)
            problems = judge(turn, answer, articles)
            results.append(
                TurnResult(
                    case=case.id,
                    kind=case.kind,
                    split=getattr(case, "split", "dev"),
                    turn=index,
                    question=turn.question,
                    standalone=turn.question,
                    answer=reply.answer,
                    answered=answer.answered,
                    expects_answer=turn.answered,
                    passed=not problems,
                    problems=problems,
                    seconds=seconds,
                    cited=[reply.source] if reply.answer else [],
                )
            )
    return results


SEEDS = Path(__file__).resolve().parents[2] / "corpus"


def run_general(articles_dir: Path, cases: list, tmp: Path, embeddings) -> tuple[list[TurnResult], list[TurnResult], int]:
    """The assistant's and the baseline's results on ``cases`` over ``articles_dir``, and the article count."""
    pipeline = build(articles_dir, tmp, embeddings)
    articles = pipeline.reader().snapshot.articles
    ours = ask(pipeline, cases)
    baseline = ask_baseline(NaiveRAG(articles, embeddings), articles, cases)
    return ours, baseline, len(articles)


def run_seeds(tmp: Path, embeddings, *, curated: bool = True, baseline: bool = True) -> dict[str, list[TurnResult]]:
    """The seed eval set with the articles only (curated files ignored), and optionally with the curated
    files and through the naive baseline."""
    from evals.cases import load_cases

    cases = load_cases()
    articles_only = build(SEEDS / "articles", tmp / "articles-only", embeddings)
    articles = articles_only.reader().snapshot.articles
    out = {}
    if curated:
        pipeline = build(SEEDS / "articles", tmp / "curated", embeddings, facts=SEEDS / "facts.yaml", glossary=SEEDS / "glossary.yaml")
        out["curated"] = ask(pipeline, cases, split_of=lambda case: "seeds")
    out["articles only"] = ask(articles_only, cases, split_of=lambda case: "seeds")
    if baseline:
        out["naive baseline"] = ask_baseline(NaiveRAG(articles, embeddings), articles, cases)
    return out
