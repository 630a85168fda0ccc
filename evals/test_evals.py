"""The eval gate: every case of ``cases.yaml`` through the same pipeline the API uses.

One test per case. An answerable question passes when its answer contains every expected value, is
under 500 characters, cites the expected article, and every citation quotes its article verbatim at
its offsets; an unanswerable one passes when the answer says so (``answered: false``, no citation).
"""

from __future__ import annotations

import time

import pytest

from evals.baseline import NaiveRAG
from evals.cases import Case, Turn, contains, load_cases, missing_values, normalise
from evals.conftest import RECORDER
from evals.report import Result

CASES = load_cases()


def judge(turn: Turn, answer, articles) -> list[str]:
    problems = []
    verbatim = [c for c in answer.citations if c.source in articles and articles[c.source].text[c.start : c.end] == c.quote]
    if len(verbatim) != len(answer.citations):
        problems.append("a citation is not verbatim at its offsets")
    if not turn.answered:
        if answer.answered or answer.citations:
            problems.append("answered a question the sources do not cover")
        return problems
    if not answer.answered:
        return ["refused a question the sources answer"]
    problems += [f"missing {value!r}" for value in missing_values(answer.answer, turn)]
    if len(answer.answer) >= 500:
        problems.append(f"answer is {len(answer.answer)} characters long")
    if turn.source and turn.source not in {c.source for c in answer.citations}:
        problems.append(f"does not cite {turn.source}")
    return problems


def relevant(source: str, text: str, turn: Turn) -> bool:
    """A passage from the expected article holding every expected value."""
    return (turn.source is None or source == turn.source) and all(any(contains(text, a) for a in alts) for alts in turn.expect)


def relevant_rank(hits, turn: Turn) -> int | None:
    """Rank (1-based) of the first relevant retrieved passage."""
    for rank, (source, text) in enumerate(hits, start=1):
        if relevant(source, text, turn):
            return rank
    return None


def retrievable(snapshot, turn: Turn) -> bool:
    """Whether any indexed passage holds the expected values (a computed sum or rank stands in none)."""
    return turn.answered and any(relevant(m.get("source"), d, turn) for m, d in zip(snapshot.metadatas, snapshot.documents, strict=True))


def record(
    target: list,
    case: Case,
    index: int,
    turn: Turn,
    answer,
    standalone: str,
    problems: list[str],
    hits,
    seconds: float,
    articles,
    *,
    scored: bool,
) -> None:
    quotes = " ".join(c.quote for c in answer.citations)
    target.append(
        Result(
            case=case.id,
            kind=case.kind,
            turn=index,
            question=turn.question,
            standalone=standalone,
            answer=answer.answer,
            passed=not problems,
            problems=problems,
            answered=answer.answered,
            citations=len(answer.citations),
            citations_verbatim=sum(
                1 for c in answer.citations if c.source in articles and articles[c.source].text[c.start : c.end] == c.quote
            ),
            citations_supporting=int(bool(turn.expect) and all(any(contains(quotes, a) for a in alts) for alts in turn.expect)),
            relevant_rank=relevant_rank(hits, turn) if scored else None,
            retrievable=scored,
            expects_answer=turn.answered,
            seconds=seconds,
        )
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(pipeline, case: Case):
    snapshot = pipeline.reader().snapshot
    articles = snapshot.articles
    session = None
    failures = []
    for index, turn in enumerate(case.turns, start=1):
        started = time.perf_counter()
        answer = pipeline.ask(turn.question, session_id=session)
        seconds = time.perf_counter() - started
        session = answer.session_id
        hits = [(h.metadata.get("source"), h.text) for h in pipeline.searcher.search(answer.standalone_question, k=8)]
        problems = judge(turn, answer, articles)
        record(
            RECORDER.ours,
            case,
            index,
            turn,
            answer,
            answer.standalone_question,
            problems,
            hits,
            seconds,
            articles,
            scored=retrievable(snapshot, turn),
        )
        if problems:
            failures.append(
                f"turn {index} {turn.question!r} (understood as {answer.standalone_question!r}) -> {answer.answer!r}: {'; '.join(problems)}"
            )
    assert not failures, "\n".join(failures)


def test_eval_set_is_large_and_covers_every_kind():
    kinds = {c.kind for c in CASES}
    assert len(CASES) >= 100
    assert kinds == {"factual", "paraphrased", "comparison", "multi-turn", "unanswerable", "chinese"}
    assert all(2 <= len(c.turns) <= 4 for c in CASES if c.kind == "multi-turn")


def test_naive_baseline_is_scored_on_the_same_cases(pipeline, real_embeddings):
    """Scores the naive pipeline for the report; it is expected to do worse, not asserted to."""
    snapshot = pipeline.reader().snapshot
    articles = snapshot.articles
    naive = NaiveRAG(articles, real_embeddings)
    for case in CASES:
        for index, turn in enumerate(case.turns, start=1):
            started = time.perf_counter()
            reply = naive.ask(turn.question)
            seconds = time.perf_counter() - started
            start = articles[reply.source].text.find(reply.answer) if reply.source in articles else -1
            citation = type("C", (), {"source": reply.source, "quote": reply.answer, "start": start, "end": start + len(reply.answer)})
            answer = type(
                "A", (), {"answer": reply.answer, "answered": bool(reply.answer), "citations": [citation] if reply.answer else []}
            )
            problems = judge(turn, answer, articles)
            record(
                RECORDER.baseline,
                case,
                index,
                turn,
                answer,
                turn.question,
                problems,
                reply.retrieved,
                seconds,
                articles,
                scored=retrievable(snapshot, turn),
            )
    assert RECORDER.baseline


def test_answers_are_plain_text_without_doubled_markers(pipeline):
    """Answers read cleanly: no '[1] [1]', no empty brackets, no stray spaces before punctuation."""
    for case in CASES[:40]:
        answer = pipeline.ask(case.turns[0].question)
        text = normalise(answer.answer)
        assert "[]" not in text and " ." not in text and " ," not in text, answer.answer


def test_a_sample_through_the_http_api(indexed, pipeline, tmp_path):
    """Every eighth case again, through a real `assistant serve` process: the same answers over HTTP."""
    import httpx

    from tests.servers import AssistantServer, copy_index

    settings, _ = indexed
    copy_index(settings.store.path, tmp_path)
    articles = pipeline.reader().snapshot.articles
    failures = []
    with AssistantServer(tmp_path) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        for case in CASES[::8]:
            session = None
            for index, turn in enumerate(case.turns, start=1):
                started = time.perf_counter()
                response = client.post("/ask", json={"question": turn.question, "session_id": session})
                seconds = time.perf_counter() - started
                assert response.status_code == 200, response.text
                answer = _Reply(**response.json())
                session = answer.session_id
                problems = judge(turn, answer, articles)
                record(RECORDER.http, case, index, turn, answer, answer.standalone_question, problems, [], seconds, articles, scored=False)
                if problems:
                    failures.append(f"{case.id} turn {index}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)


class _Reply:
    """An /ask response body with the attributes the judge reads."""

    def __init__(self, **body) -> None:
        from assistant.citations import Citation

        self.answer = body["answer"]
        self.answered = body["answered"]
        self.session_id = body["session_id"]
        self.standalone_question = body["standalone_question"]
        self.citations = [Citation(**c) for c in body["citations"]]
