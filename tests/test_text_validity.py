"""Questions must be text: a lone surrogate, a noncharacter or a control character is a 422 naming the
code point on every route (never a 500 or a dropped connection), the UI says so, the CLI prints one line."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from assistant.api import create_app
from assistant.ui import answer_stream
from tests.servers import ThreadedServer

LAYER = "Which layer has the largest share?"
# Raw JSON bodies: the escapes reach the server as they would from any client.
BAD_BODIES = [
    ("/ask", '{"question": "\\ud800"}', "lone surrogate (U+D800)"),
    ("/ask", '{"question": "Which layer \\udfff has the largest share?"}', "lone surrogate (U+DFFF)"),
    ("/ask", '{"question": "nul \\u0000 inside"}', "control character (U+0000)"),
    ("/ask", '{"question": "\\uffff"}', "noncharacter (U+FFFF)"),
    ("/ask", '{"question": "And Shenzhen?", "history": [{"role": "user", "content": "\\ud83d"}]}', "lone surrogate (U+D83D)"),
    ("/ask", '{"question": "Which layer has the largest share?", "session_id": "\\udc00"}', "lone surrogate (U+DC00)"),
    ("/ask/stream", '{"question": "\\ud800"}', "lone surrogate (U+D800)"),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "\\ud800"}]}', "lone surrogate (U+D800)"),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": [{"type": "text", "text": "\\ud800"}]}]}', "U+D800"),
    ("/v1/chat/completions", '{"model": "\\ud800", "messages": [{"role": "user", "content": "hi"}]}', "lone surrogate (U+D800)"),
]


@pytest.fixture(scope="module")
def api(pipeline):
    with ThreadedServer(create_app(pipeline, ui=False)) as api:
        yield api


@pytest.mark.parametrize(("route", "body", "named"), BAD_BODIES, ids=[f"{r} {b[:40]}" for r, b, _ in BAD_BODIES])
def test_text_that_is_not_text_is_a_422_naming_the_code_point_and_the_connection_lives_on(api, route, body, named):
    with httpx.Client(base_url=api.url, timeout=60) as client:
        response = client.post(route, content=body.encode(), headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text
        assert "not valid text" in response.json()["detail"] and named in response.json()["detail"]
        if route.startswith("/v1/"):
            assert named in response.json()["error"]["message"]
        after = client.post("/ask", json={"question": LAYER})  # the same keep-alive connection
        assert after.status_code == 200 and after.json()["answered"]


def test_the_ui_says_the_question_is_not_text(pipeline):
    shown = [html for html, _ in answer_stream(pipeline, "\ud800", None)]
    assert len(shown) == 1 and "not valid text" in shown[0] and "U+D800" in shown[0]


def test_the_ui_endpoint_answers_a_lone_surrogate_with_a_notice(pipeline):
    # A browser turns a lone surrogate into U+FFFD before sending it; any other client can send the escape.
    with ThreadedServer(create_app(pipeline)) as server, httpx.Client(base_url=server.url, timeout=60) as c:
        take = next(d["id"] for d in c.get("/ui/config").json()["dependencies"] if d.get("api_name") == "take")
        question = "Which layer \\ud800 has the largest share?"  # the JSON escape, as it travels
        body = '{"data": ["' + question + '", []], "fn_index": ' + str(take) + ', "session_hash": "probe"}'
        response = c.post("/ui/gradio_api/run/predict", content=body.encode(), headers={"content-type": "application/json"})
        assert response.status_code == 200, response.text[:300]
        assert "not valid text" in response.text and "U+D800" in response.text


def test_the_cli_prints_one_line_for_bytes_that_are_not_utf8(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"assistant.cli", b"ask", b"\xff"], cwd=tmp_path, env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        "error: question is not valid text: byte 0xFF at character 1 is not UTF-8; send it as UTF-8 text"
    ]
    assert done.stdout == b""
