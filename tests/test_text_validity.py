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
from tests.test_ui_browser import browser, open_ui, server  # noqa: F401  (the browser test's fixtures)

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


@pytest.mark.browser
@pytest.mark.server
def test_a_question_typed_with_a_lone_surrogate_gets_a_notice_in_the_browser(open_ui):  # noqa: F811
    page = open_ui(1280, 800)
    # A page script can put any UTF-16 into the box; the browser sends it as the JSON escape \ud800.
    page.evaluate(
        """() => {
            const box = document.querySelector('#question textarea');
            box.value = 'Which layer \\uD800 has the largest share?';
            box.dispatchEvent(new Event('input', { bubbles: true }));
        }"""
    )
    page.press("#question textarea", "Enter")
    notice = page.wait_for_selector("#chat .notice", timeout=30_000)
    assert "not valid text" in notice.inner_text() and "U+D800" in notice.inner_text()
    page.fill("#question textarea", LAYER)  # the page still works
    page.press("#question textarea", "Enter")
    page.wait_for_selector("#chat .answer:not(.typing)", timeout=30_000)
    assert "37%" in page.inner_text("#chat")


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
