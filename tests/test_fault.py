"""Faults: the app answers from a Chroma server that goes away mid-run and comes back.

While the server is down, /ask and /health say so with a 503 (never a stack trace); once it is back
on the same port with the same data, the same app process answers again by itself.
"""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from tests.servers import AssistantServer, ChromaServer, free_port, serve_env

pytestmark = pytest.mark.server

QUESTION = "How many companies does Chengdu have on the list?"


def test_store_outage_is_a_clear_503_and_the_app_recovers_by_itself(tmp_path):
    chroma = ChromaServer(tmp_path / "chroma").start()
    env = serve_env(tmp_path, ASSISTANT_STORE__HOST="127.0.0.1", ASSISTANT_STORE__PORT=str(chroma.port), ASSISTANT_STORE__TIMEOUT_S="2")
    try:
        with AssistantServer(tmp_path, env=env) as app, httpx.Client(base_url=app.url, timeout=60) as client:
            assert f"No index yet in Chroma server at 127.0.0.1:{chroma.port}" in app.output()  # serve indexed into the server
            before = client.post("/ask", json={"question": QUESTION})
            assert before.status_code == 200 and before.json()["answered"]
            session = before.json()["session_id"]

            chroma.stop()
            down = client.post("/ask", json={"question": QUESTION})
            assert down.status_code == 503, down.text
            detail = down.json()["detail"]
            assert f"the Chroma server at 127.0.0.1:{chroma.port} is not reachable" in detail and "Traceback" not in down.text
            assert int(down.headers["retry-after"]) > 0
            health = client.get("/health")
            assert health.status_code == 503 and health.json()["status"] == "unavailable" and "not reachable" in health.json()["detail"]
            streamed = client.post("/ask/stream", json={"question": "Which layer has the largest share?"})
            assert streamed.status_code == 503 and "not reachable" in streamed.json()["detail"]
            openai_style = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": QUESTION}]})
            assert openai_style.status_code == 503 and "not reachable" in openai_style.json()["error"]["message"]
            assert client.post("/ask", json={"question": ""}).status_code == 422  # bad input is still reported as such

            chroma.start()  # same data folder, same port
            deadline = time.monotonic() + 60
            while True:
                again = client.post("/ask", json={"question": QUESTION, "session_id": session})
                if again.status_code == 200 or time.monotonic() > deadline:
                    break
                assert again.status_code == 503
                time.sleep(0.5)
            assert again.status_code == 200, again.text
            assert again.json()["answer"] == before.json()["answer"] and again.json()["session_id"] == session
            assert client.get("/health").json()["status"] == "ok"
            assert "Traceback" not in app.output()
    finally:
        chroma.stop()


def test_serve_refuses_to_start_without_its_store_and_says_why(tmp_path):
    env = serve_env(tmp_path, ASSISTANT_STORE__HOST="127.0.0.1", ASSISTANT_STORE__PORT=str(free_port()), ASSISTANT_STORE__TIMEOUT_S="1")
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(free_port())],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "error: the Chroma server at 127.0.0.1:" in done.stderr and "not reachable" in done.stderr and "Traceback" not in done.stderr
