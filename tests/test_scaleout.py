"""Scale-out: two `assistant serve` processes share one Chroma server and one PostgreSQL.

A conversation begun on one process continues on the other: the follow-up is understood with the
context kept in PostgreSQL, whichever process answers it.
"""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.postgres import postgres  # noqa: F401 (fixture)
from tests.servers import AssistantServer, ChromaServer, serve_env

pytestmark = pytest.mark.server


def test_a_conversation_continues_across_processes(tmp_path, postgres):  # noqa: F811
    with ChromaServer(tmp_path / "chroma") as chroma:

        def env(name: str) -> dict[str, str]:
            return serve_env(
                tmp_path / name,
                ASSISTANT_STORE__HOST="127.0.0.1",
                ASSISTANT_STORE__PORT=str(chroma.port),
                ASSISTANT_API__SESSIONS_URL=postgres.url,
            )

        with AssistantServer(tmp_path / "a", env=env("a"), name="a") as a, AssistantServer(tmp_path / "b", env=env("b"), name="b") as b:
            assert "No index yet" in a.output() and "No index yet" not in b.output()  # the second found the shared index
            with httpx.Client(base_url=a.url, timeout=60) as on_a, httpx.Client(base_url=b.url, timeout=60) as on_b:
                health_a, health_b = on_a.get("/health").json(), on_b.get("/health").json()
                assert health_a["generation"] == health_b["generation"] and health_a["sessions"] == health_b["sessions"] == "ok"

                first = on_a.post("/ask", json={"question": "How many companies does Chengdu have on the list?"}).json()
                session = first["session_id"]
                assert first["answered"] and "11" in first["answer"]

                second = on_b.post("/ask", json={"question": "And Shenzhen?", "session_id": session}).json()
                assert second["session_id"] == session
                assert "Shenzhen" in second["standalone_question"] and "compan" in second["standalone_question"].lower()
                assert second["answered"] and "12" in second["answer"]

                third = on_a.post("/ask/stream", json={"question": "And Hangzhou?", "session_id": session}).text.strip().split("\n\n")[-1]
                assert third.startswith("event: done\n")
                done = json.loads(third.split("data: ", 1)[1])
                assert (
                    done["session_id"] == session
                    and "Hangzhou" in done["standalone_question"]
                    and "compan" in done["standalone_question"].lower()
                )

                alone = on_b.post("/ask", json={"question": "And Shenzhen?"}).json()
                assert alone["standalone_question"] == "And Shenzhen?"  # without the session there is no context

                # The database goes away: conversations can't continue (503), stateless questions still work.
                postgres.stop()
                down = on_b.post("/ask", json={"question": "And Beijing?", "session_id": session})
                assert down.status_code == 503 and "conversations database is not reachable" in down.json()["detail"]
                assert on_a.get("/health").status_code == 503
                history = [{"role": "user", "content": "How many companies does Chengdu have on the list?"}]
                assert on_a.post("/ask", json={"question": "And Shenzhen?", "history": history}).json()["answered"]
                postgres.start()
                back = on_b.post("/ask", json={"question": "And Beijing?", "session_id": session})
                assert back.status_code == 200 and "Beijing" in back.json()["standalone_question"]
                assert "Traceback" not in a.output() + b.output()

        engine = create_engine(postgres.url)
        with engine.connect() as db:
            turns = db.execute(text("SELECT count(*) FROM assistant_turns WHERE session_id = :s"), {"s": session}).scalar()
        engine.dispose()
        assert turns == 4


def test_a_document_uploaded_to_one_process_is_cited_by_the_other(tmp_path):
    import shutil

    from tests.conftest import CORPUS
    from tests.documents import make_pdf

    corpus = tmp_path / "corpus"  # one corpus folder for both, as on a shared volume
    shutil.copytree(CORPUS, corpus)
    question = "When was the Zorblat beacon installed?"
    with ChromaServer(tmp_path / "chroma") as chroma:

        def env(name: str) -> dict[str, str]:
            return serve_env(
                tmp_path / name,
                ASSISTANT_STORE__HOST="127.0.0.1",
                ASSISTANT_STORE__PORT=str(chroma.port),
                ASSISTANT_RETRIEVAL__REFRESH_S="1",
                ASSISTANT_CORPUS__ARTICLES_DIR=str(corpus / "articles"),
                ASSISTANT_CORPUS__FACTS_FILE=str(corpus / "facts.yaml"),
                ASSISTANT_CORPUS__GLOSSARY_FILE=str(corpus / "glossary.yaml"),
            )

        with (
            AssistantServer(tmp_path / "a", env=env("a"), name="a") as a,
            AssistantServer(tmp_path / "b", env=env("b"), name="b") as b,
            httpx.Client(base_url=a.url, timeout=120) as on_a,
            httpx.Client(base_url=b.url, timeout=120) as on_b,
        ):
            assert not on_b.post("/ask", json={"question": question}).json()["answered"]
            pdf = make_pdf(tmp_path / "zorblat.pdf", ["The Zorblat beacon was installed in 1987 on the northern cliff."])
            assert on_a.post("/sources", files=[("file", ("zorblat.pdf", pdf.read_bytes()))]).status_code == 201

            answer = eventually(lambda: on_b.post("/ask", json={"question": question}).json(), lambda r: r["answered"])
            assert "1987" in answer["answer"] and answer["citations"][0]["source"] == "zorblat"

            assert on_b.delete("/sources/zorblat").status_code == 204
            eventually(lambda: on_a.post("/ask", json={"question": question}).json(), lambda r: not r["answered"])
            assert on_a.get("/health").json()["generation"] == on_b.get("/health").json()["generation"]
            assert "Traceback" not in a.output() + b.output()


def eventually(probe, done, *, within: float = 20.0):
    """``probe()`` until ``done`` holds for what it returns (a process sees a new index within its refresh period)."""
    import time

    deadline = time.monotonic() + within
    while True:
        result = probe()
        if done(result) or time.monotonic() > deadline:
            assert done(result), result
            return result
        time.sleep(0.5)
