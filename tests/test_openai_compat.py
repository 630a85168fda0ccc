"""The OpenAI-compatible routes, driven by the official `openai` client against a real server on loopback."""

from __future__ import annotations

import httpx
import openai
import pytest

from assistant.api import create_app
from assistant.config import APISettings
from tests.servers import ThreadedServer

pytestmark = pytest.mark.server

CHENGDU = "How many companies does Chengdu have on the list?"
LAYER = "Which layer has the largest share?"


@pytest.fixture(scope="module")
def server(pipeline):
    settings = pipeline.settings.model_copy(
        update={"api": APISettings.model_validate({**pipeline.settings.api.model_dump(), "api_keys": ["sk-test"]})}
    )
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server:
        yield server


@pytest.fixture
def client(server):
    with openai.OpenAI(base_url=server.url + "/v1", api_key="sk-test", max_retries=0, timeout=30) as client:
        yield client


def test_models_are_listed(client):
    assert [m.id for m in client.models.list()] == ["sources-assistant"]


def test_chat_completion_answers_with_markers_and_citations(client, pipeline):
    completion = client.chat.completions.create(model="sources-assistant", messages=[{"role": "user", "content": LAYER}])
    message = completion.choices[0].message
    assert completion.object == "chat.completion" and message.role == "assistant" and completion.choices[0].finish_reason == "stop"
    expected = pipeline.ask(LAYER, history=[])
    assert message.content == expected.answer and "[1]" in message.content
    citations = completion.model_extra["citations"]
    assert citations == [c.model_dump() for c in expected.citations]
    article = pipeline.reader().snapshot.articles[citations[0]["source"]]
    assert article.text[citations[0]["start"] : citations[0]["end"]] == citations[0]["quote"]
    assert (
        completion.usage.prompt_tokens > 0
        and completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )


def test_earlier_messages_are_the_conversation(client):
    first = client.chat.completions.create(model="any", messages=[{"role": "user", "content": CHENGDU}])
    follow = client.chat.completions.create(
        model="any",
        messages=[
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": CHENGDU},
            {"role": "assistant", "content": first.choices[0].message.content},
            {"role": "user", "content": [{"type": "text", "text": "And Shenzhen?"}]},
        ],
    )
    assert "12" in follow.choices[0].message.content and follow.model == "any"
    alone = client.chat.completions.create(model="any", messages=[{"role": "user", "content": "And Shenzhen?"}])
    assert alone.choices[0].message.content != follow.choices[0].message.content


def test_streamed_chat_completion_gives_the_same_text_and_the_citations_last(client):
    plain = client.chat.completions.create(model="sources-assistant", messages=[{"role": "user", "content": LAYER}])
    chunks = list(client.chat.completions.create(model="sources-assistant", messages=[{"role": "user", "content": LAYER}], stream=True))
    assert all(c.object == "chat.completion.chunk" for c in chunks) and len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == plain.choices[0].message.content
    assert sum(1 for c in chunks if c.choices[0].delta.content) > 1  # it really streamed
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"] == plain.model_extra["citations"]


def test_an_uncovered_question_is_said_plainly(client):
    completion = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "Who won the 1998 World Cup?"}])
    assert completion.model_extra["answered"] is False and completion.model_extra["citations"] == []
    assert "sources don't say" in completion.choices[0].message.content


def test_errors_reach_openai_clients_as_readable_exceptions(client, server):
    with pytest.raises(openai.UnprocessableEntityError, match="the last message must be the user's question"):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}])
    with pytest.raises(openai.UnprocessableEntityError, match="question is empty"):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "  "}])
    with pytest.raises(openai.UnprocessableEntityError, match="messages"):
        client.chat.completions.create(model="m", messages=[])
    with pytest.raises(openai.UnprocessableEntityError, match="question is empty"):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": " "}], stream=True)
    with (
        openai.OpenAI(base_url=server.url + "/v1", api_key="sk-wrong", max_retries=0) as wrong,
        pytest.raises(openai.AuthenticationError, match="invalid API key"),
    ):
        wrong.models.list()
    raw = httpx.post(
        server.url + "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "x" * 2001}]},
        headers={"Authorization": "Bearer sk-test"},
    )
    assert (
        raw.status_code == 422
        and raw.json()["error"]["type"] == "invalid_request_error"
        and "limit is 2000" in raw.json()["error"]["message"]
    )
