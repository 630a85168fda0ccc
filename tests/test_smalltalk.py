"""Messages that ask nothing get no confident answer: an invitation to ask a real question, or, for
a greeting, a greeting back with example questions drawn from the corpus."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from assistant.api import create_app
from tests.servers import ThreadedServer

CHENGDU = "How many companies does Chengdu have on the list?"
CONTENT_FREE = [".", "???", "a", "\u200b", "\u200b\u200b?", "…", "ok", "?!?!"]


@pytest.mark.parametrize("message", CONTENT_FREE, ids=repr)
def test_a_message_without_content_is_not_answered_but_invites_a_question(pipeline, message):
    answer = pipeline.ask(message, history=[])
    assert answer.answered is False and answer.citations == []
    assert "please ask a question" in answer.answer and "[1]" not in answer.answer


def test_a_greeting_gets_a_greeting_back_with_examples_that_are_answered(pipeline):
    from assistant.ui import default_examples

    for greeting in ("hi", "Hello!", "good morning", "你好"):
        answer = pipeline.ask(greeting, history=[])
        assert answer.answered is False and answer.citations == [] and answer.answer.startswith("Hello!")
    examples = re.findall(r"\u201c([^\u201d]+)\u201d", pipeline.ask("hi", history=[]).answer)
    assert len(examples) >= 2
    assert examples == default_examples(pipeline)[: len(examples)]  # the ones the chat UI shows
    assert all(pipeline.ask(q, history=[]).answered for q in examples)


def test_real_questions_and_short_follow_ups_are_still_answered(pipeline):
    first = pipeline.ask(CHENGDU, history=[])
    assert first.answered
    assert pipeline.ask("Hi! " + CHENGDU, history=[]).answered
    history = [{"role": "user", "content": CHENGDU}, {"role": "assistant", "content": first.answer}]
    follow = pipeline.ask("And Shenzhen?", history=history)
    assert follow.answered and "Shenzhen" in follow.standalone_question


def test_what_counts_as_asking_nothing_is_general_language_only():
    from assistant.understand.smalltalk import kind

    assert kind("Hello there") == "greeting" and kind("thanks!") == "thanks" and kind("a") == "empty"
    assert kind("Why?") == "empty" and kind("Why?", follow_up=True) is None  # alone it asks nothing; in a conversation it does
    assert kind("a", follow_up=True) == "empty" and kind("ok", follow_up=True) == "empty"
    for question in ("Zorblat?", "Что такое ИИ?", "猫", "2025?", "Tell me about quantum widgets"):
        assert kind(question) is None, question


def test_every_route_answers_a_content_free_message_plainly(pipeline):
    with ThreadedServer(create_app(pipeline, ui=False)) as server, httpx.Client(base_url=server.url, timeout=60) as c:
        asked = c.post("/ask", json={"question": "???"}).json()
        assert asked["answered"] is False and asked["citations"] == [] and asked["session_id"]
        stream = c.post("/ask/stream", json={"question": "hi"}).text
        done = json.loads(stream.strip().split("\n\n")[-1].split("data: ", 1)[1])
        assert done["answered"] is False and done["answer"].startswith("Hello!")
        chat = c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "."}]}).json()
        assert chat["answered"] is False and chat["citations"] == [] and "please ask a question" in chat["choices"][0]["message"]["content"]
