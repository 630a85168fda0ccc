"""The HTTP API through real servers on loopback: `assistant serve` as a user starts it, and in-process
uvicorn servers for the access and limit settings (keys, rate limit, body size, CORS, session expiry)."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from sqlalchemy import create_engine, text

from assistant.api import create_app
from assistant.api.streaming import answer_events
from assistant.chain import build_pipeline
from assistant.config import APISettings
from assistant.store import Store, StoreUnavailable
from tests.conftest import make_settings
from tests.servers import AssistantServer, ThreadedServer

pytestmark = pytest.mark.server

CHENGDU = "How many companies does Chengdu have on the list?"
LAYER = "Which layer has the largest share?"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`assistant serve` started on an empty index folder: it indexes the corpus, then serves."""
    with AssistantServer(tmp_path_factory.mktemp("served")) as server:
        yield server


@pytest.fixture(scope="module")
def client(served):
    with httpx.Client(base_url=served.url, timeout=60) as client:
        yield client


def parse_sse(body: str) -> list[tuple[str, object]]:
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields.get("event", "message"), json.loads(fields["data"])))
    return events


def with_api(pipeline, **api):
    """The pipeline's settings with some API settings changed."""
    return pipeline.settings.model_copy(update={"api": APISettings.model_validate({**pipeline.settings.api.model_dump(), **api})})


# ------------------------------------------------------------------------------------ serving


def test_serve_builds_the_missing_index_first_then_serves(served, client):
    log = served.output()
    assert "No index yet" in log and "Index updated: 2 articles" in log
    assert log.index("Index updated") < log.index("Serving the chat UI")
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["articles"] == 2 and health["facts"] > 50 and health["sessions"] == "ok"
    assert client.get("/ui/").status_code == 200
    assert client.get("/docs").status_code == 200


def test_ask_answers_with_citations_that_quote_the_article_verbatim(client):
    response = client.post("/ask", json={"question": CHENGDU})
    assert response.status_code == 200
    answer = response.json()
    assert answer["answered"] is True and "11" in answer["answer"] and "[1]" in answer["answer"]
    assert answer["session_id"] and answer["standalone_question"] == CHENGDU
    for citation in answer["citations"]:
        article = client.get(f"/sources/{citation['source']}").json()
        assert article["text"][citation["start"] : citation["end"]] == citation["quote"]
        assert article["title"] == citation["title"] and article["length"] == len(article["text"])


def test_a_follow_up_continues_the_conversation_kept_by_the_server(client):
    first = client.post("/ask", json={"question": CHENGDU}).json()
    follow = client.post("/ask", json={"question": "And Shenzhen?", "session_id": first["session_id"]}).json()
    assert follow["session_id"] == first["session_id"]
    assert "Shenzhen" in follow["standalone_question"] and "compan" in follow["standalone_question"]
    assert follow["answered"] and "12" in follow["answer"]
    fresh = client.post("/ask", json={"question": "And Shenzhen?"}).json()
    assert fresh["session_id"] != first["session_id"] and fresh["standalone_question"] == "And Shenzhen?"


def test_a_client_may_send_the_history_itself(client):
    first = client.post("/ask", json={"question": CHENGDU, "history": []}).json()
    assert first["session_id"] is None
    history = [{"role": "user", "content": CHENGDU}, {"role": "assistant", "content": first["answer"]}]
    follow = client.post("/ask", json={"question": "And Shenzhen?", "history": history}).json()
    assert follow["session_id"] is None and "Shenzhen" in follow["standalone_question"] and "12" in follow["answer"]


def test_an_uncovered_question_is_answered_plainly_as_not_covered(client):
    answer = client.post("/ask", json={"question": "What is the capital of France?"}).json()
    assert answer["answered"] is False and answer["citations"] == [] and "sources don't say" in answer["answer"]


def test_streamed_answer_arrives_in_pieces_and_ends_with_the_same_answer_as_ask(client):
    response = client.post("/ask/stream", json={"question": LAYER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"delta"} and len(names) > 3
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert events[-2][1] == done["citations"]
    plain = client.post("/ask", json={"question": LAYER}).json()
    assert {k: v for k, v in done.items() if k != "session_id"} == {k: v for k, v in plain.items() if k != "session_id"}
    assert done["answered"] and done["citations"][0]["quote"] in client.get(f"/sources/{done['citations'][0]['source']}").json()["text"]


def test_streamed_follow_up_uses_the_session(client):
    first = client.post("/ask", json={"question": CHENGDU}).json()
    events = parse_sse(client.post("/ask/stream", json={"question": "And Shenzhen?", "session_id": first["session_id"]}).text)
    done = events[-1][1]
    assert done["session_id"] == first["session_id"] and "Shenzhen" in done["standalone_question"]


def test_health_and_sources(client):
    sources = client.get("/sources").json()
    ids = {a["id"] for a in sources["articles"]}
    assert ids == {"forbes-china-ai-top50-2026", "china-ai-industry-report-2026"}
    assert all("text" not in a and a["length"] > 1000 for a in sources["articles"])
    fact = sources["facts"][0]
    text_of = {i: client.get(f"/sources/{i}").json()["text"] for i in ids}
    assert all(text_of[f["article"]][f["start"] : f["end"]] == f["quote"] for f in sources["facts"])
    assert fact["article"] in ids
    missing = client.get("/sources/no-such-article")
    assert missing.status_code == 404 and "no article with id 'no-such-article'" in missing.json()["detail"]


BAD_INPUTS = [
    ({"question": ""}, "question is empty"),
    ({"question": "   \n\t "}, "question is empty"),
    ({"question": "x" * 2001}, "question is 2001 characters long; the limit is 2000"),
    ({"question": 42}, "question: Input should be a valid string"),
    ({"question": ["a"]}, "question: Input should be a valid string"),
    ({"question": None}, "question: Input should be a valid string"),
    ({}, "question: Field required"),
    ({"question": "hi", "session_id": 7}, "session_id: Input should be a valid string"),
    ({"question": "hi", "session_id": "0" * 65}, "session_id: String should have at most 64 characters"),
    ({"question": "hi", "history": "earlier"}, "history: Input should be a valid list"),
    ({"question": "hi", "history": [{"role": "robot", "content": "x"}]}, "history.0.role: Input should be 'user', 'assistant' or 'system'"),
    ({"question": "hi", "history": [{"role": "user"}]}, "history.0.content: Field required"),
    ({"question": "hi", "colour": "blue"}, "colour: Extra inputs are not permitted"),
    ({"question": "hi", "session_id": "feedfacefeedfacefeedfacefeedface"}, "unknown session_id 'feedfacefeedfacefeedfacefeedface'"),
    (["question"], "Input should be a valid dictionary"),
]


@pytest.mark.parametrize("route", ["/ask", "/ask/stream"])
@pytest.mark.parametrize(("body", "expected"), BAD_INPUTS, ids=[f"bad{i}" for i in range(len(BAD_INPUTS))])
def test_invalid_input_is_a_422_that_says_what_is_wrong(client, route, body, expected):
    response = client.post(route, json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert expected in response.json()["detail"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"question": "hi"', "the request body is not valid JSON"),
        (b"question=hi", "the request body is not valid JSON"),
        (b"", "a JSON request body is required"),
        (b'{"question": "\xff\xfe"}', "not valid JSON"),
    ],
)
def test_malformed_json_is_a_422_that_says_so(client, content, expected):
    response = client.post("/ask", content=content, headers={"content-type": "application/json"})
    assert response.status_code == 422 and expected in response.json()["detail"]


def test_the_question_limit_applies_after_trimming(client):
    response = client.post("/ask", json={"question": "  " + "Chengdu? " * 222 + "x" + "  "})
    assert response.status_code == 200


def test_unknown_routes_and_methods_answer_in_json(client):
    assert client.get("/nowhere").json() == {"detail": "Not Found"}
    wrong = client.get("/ask")
    assert wrong.status_code == 405 and wrong.json()["detail"] == "Method Not Allowed"


def test_openapi_documents_every_route_with_summaries_examples_and_errors(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/ask", "/ask/stream", "/health", "/sources", "/sources/{article_id}", "/v1/chat/completions", "/v1/models"} <= set(paths)
    for path, operations in paths.items():
        for operation in operations.values():
            assert operation.get("summary"), path
    ask = paths["/ask"]["post"]
    assert {"401", "413", "422", "429", "503"} <= set(ask["responses"])
    assert ask["responses"]["200"]["content"]["application/json"]["example"]["citations"][0]["quote"]
    assert "text/event-stream" in paths["/ask/stream"]["post"]["responses"]["200"]["content"]
    request = schema["components"]["schemas"]["AskRequest"]
    assert request["properties"]["question"]["maxLength"] == 2000 and request["examples"]
    assert "404" in paths["/sources/{article_id}"]["get"]["responses"]


def test_a_stream_that_breaks_after_it_started_ends_with_an_error_event():
    def events():
        yield {"event": "delta", "data": {"text": "Chengdu"}}
        raise StoreUnavailable("the Chroma server at 127.0.0.1:9 is not reachable (connection refused)")

    stream = events()
    sent = list(answer_events(next(stream), stream))
    assert sent[0] == 'event: delta\ndata: {"text": "Chengdu"}\n\n'
    name, data = parse_sse(sent[-1])[0]
    assert name == "error" and data["status"] == 503 and "127.0.0.1:9 is not reachable" in data["detail"]


# ------------------------------------------------------------------- access and limits (in-process)


def test_api_keys_are_required_when_configured(pipeline):
    settings = with_api(pipeline, api_keys=["key-one", "key-two"])
    with ThreadedServer(create_app(pipeline, settings)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        missing = c.post("/ask", json={"question": LAYER})
        assert missing.status_code == 401 and "API key required" in missing.json()["detail"]
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = c.post("/ask", json={"question": LAYER}, headers={"Authorization": "Bearer key-three"})
        assert wrong.status_code == 401 and "invalid API key" in wrong.json()["detail"]
        assert c.get("/sources", headers={"X-API-Key": "KEY-ONE"}).status_code == 401
        assert c.post("/ask", json={"question": LAYER}, headers={"Authorization": "Bearer key-one"}).json()["answered"]
        assert c.post("/ask", json={"question": LAYER}, headers={"X-API-Key": "key-two"}).status_code == 200
        # Open: health probes and the docs; the docs show how to authenticate.
        assert c.get("/health").status_code == 200 and c.get("/docs").status_code == 200
        schema = c.get("/openapi.json").json()
        assert set(schema["components"]["securitySchemes"]) == {"bearer", "apiKey"}
        # The UI asks for a key on its login page before anything is answered.
        assert c.get("/ui/config").status_code == 401
        assert c.post("/ui/login", data={"username": "me", "password": "nope"}).status_code == 400
        assert c.post("/ui/login", data={"username": "me", "password": "key-two"}).status_code == 200
        assert c.get("/ui/config").status_code == 200


def test_rate_limit_per_client_answers_429_with_retry_after(pipeline):
    settings = with_api(pipeline, rate_limit_per_minute=3, api_keys=["alice", "bob"])
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        alice = {"X-API-Key": "alice"}
        assert [c.get("/sources", headers=alice).status_code for _ in range(3)] == [200, 200, 200]
        limited = c.post("/ask", json={"question": LAYER}, headers=alice)
        assert limited.status_code == 429 and "rate limit exceeded (3 requests per minute)" in limited.json()["detail"]
        assert 1 <= int(limited.headers["retry-after"]) <= 20
        assert c.get("/sources", headers={"X-API-Key": "bob"}).status_code == 200  # each client has its own allowance
        assert c.get("/health").status_code == 200  # probes are never limited


def test_body_size_limit_answers_413(pipeline):
    settings = with_api(pipeline, max_body_bytes=2048)
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        big = {"question": "hi", "history": [{"role": "user", "content": "x" * 3000}]}
        response = c.post("/ask", json=big)
        assert response.status_code == 413 and "the limit is 2048 bytes" in response.json()["detail"]

        def chunks():  # no Content-Length: the limit is enforced while reading
            yield b'{"question": "hi", "history": [{"role": "user", "content": "'
            for _ in range(10):
                yield b"y" * 500
            yield b'"}]}'

        chunked = c.post("/ask", content=chunks(), headers={"content-type": "application/json"})
        assert chunked.status_code == 413 and "2048 bytes" in chunked.json()["detail"]
        assert c.post("/ask", json={"question": LAYER}).status_code == 200


def test_cors_allows_only_the_configured_origins(pipeline):
    settings = with_api(pipeline, cors_origins=["https://app.example"], api_keys=["k"], rate_limit_per_minute=1)
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        preflight = c.options(
            "/ask",
            headers={
                "Origin": "https://app.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,x-api-key",
            },
        )
        assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == "https://app.example"
        assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
        ok = c.post("/ask", json={"question": LAYER}, headers={"Origin": "https://app.example", "X-API-Key": "k"})
        assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://app.example"
        # Errors carry the CORS headers too, so a browser app can read them.
        limited = c.post("/ask", json={"question": LAYER}, headers={"Origin": "https://app.example", "X-API-Key": "k"})
        assert limited.status_code == 429 and limited.headers["access-control-allow-origin"] == "https://app.example"
        assert "retry-after" in limited.headers["access-control-expose-headers"].lower()
        other = c.options("/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in other.headers


def test_idle_conversations_expire_in_the_background(tmp_path, indexed, real_embeddings):
    settings = make_settings(tmp_path, api={"session_ttl_hours": 1 / 3600})  # one second
    settings = settings.model_copy(update={"store": indexed[0].store})
    short = build_pipeline(settings, embeddings=real_embeddings, store=Store(settings.store))
    with (
        ThreadedServer(create_app(short, settings, ui=False, expire_every_s=0.3)) as server,
        httpx.Client(base_url=server.url, timeout=30) as c,
    ):
        first = c.post("/ask", json={"question": CHENGDU}).json()
        engine = create_engine(settings.api.sessions_url)
        with engine.connect() as db:
            assert db.execute(text("SELECT count(*) FROM assistant_sessions")).scalar() == 1
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with engine.connect() as db:
                if db.execute(text("SELECT count(*) FROM assistant_turns")).scalar() == 0:
                    break
            time.sleep(0.2)
        with engine.connect() as db:
            assert db.execute(text("SELECT count(*) FROM assistant_sessions")).scalar() == 0
        engine.dispose()
        follow = c.post("/ask", json={"question": "And Shenzhen?", "session_id": first["session_id"]})
        assert follow.status_code == 422 and "expired" in follow.json()["detail"]
