"""OpenAI-compatible routes, so that OpenAI clients and tools can chat with the assistant.

``POST /v1/chat/completions``: the last message is the question, the earlier user and assistant
messages are the history (nothing is kept on the server). The answer text carries ``[n]`` markers;
the citations travel in an extra top-level field ``citations`` (in the last chunk when streaming).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, HTTPException

from assistant.api import errors
from assistant.api.models import (
    ASK_ERRORS,
    CHUNK_EVENT_SCHEMA,
    MODEL_ID,
    AssistantMessage,
    ChatCompletion,
    ChatCompletionRequest,
    Choice,
    ModelCard,
    ModelList,
    Usage,
)
from assistant.api.streaming import dumps, sse_response
from assistant.chain import Pipeline
from assistant.chunking import encoding


def install(app: FastAPI, pipeline: Pipeline) -> None:
    tokens = _counter(pipeline.settings.chunking.encoding)

    @app.get("/v1/models", tags=["openai"], summary="List the models (OpenAI-compatible)", response_model=ModelList)
    def models() -> ModelList:
        return ModelList(data=[ModelCard(id=MODEL_ID)])

    @app.post(
        "/v1/chat/completions",
        tags=["openai"],
        summary="Chat completion (OpenAI-compatible)",
        description="The last message must be the user's question; earlier user/assistant messages are the conversation so far "
        "(system messages are ignored). With `stream: true`: `chat.completion.chunk` events, the last one carrying `citations`, "
        "then `data: [DONE]`. Errors carry OpenAI's `error` object besides `detail`.",
        response_model=ChatCompletion,
        responses={
            200: {
                "content": {"text/event-stream": {"schema": CHUNK_EVENT_SCHEMA}},
                "description": "A chat.completion, or chunks when streaming.",
            },
            **ASK_ERRORS,
        },
    )
    async def chat_completions(body: ChatCompletionRequest) -> Any:
        question, history = split_messages(body)
        Pipeline.validate(question)
        reply_id = f"chatcmpl-{uuid.uuid4().hex}"
        created = int(time.time())
        if not body.stream:
            answer = await app.state.answering.run(pipeline.ask, question, history=history)
            prompt = sum(tokens(m["content"]) for m in history) + tokens(question)
            completion = tokens(answer.answer)
            return ChatCompletion(
                id=reply_id,
                created=created,
                model=body.model,
                choices=[Choice(message=AssistantMessage(content=answer.answer))],
                usage=Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion),
                citations=answer.citations,
                answered=answer.answered,
            )
        events = pipeline.stream(question, history=history)
        first = await app.state.answering.run(next, events, None)
        return sse_response(_chunks(first, events, reply_id, created, body.model))


def split_messages(body: ChatCompletionRequest) -> tuple[str, list[dict[str, str]]]:
    """The question (the last message) and the history before it, as the pipeline takes them."""
    last = body.messages[-1]
    if last.role != "user":
        raise HTTPException(422, f"the last message must be the user's question (role 'user'), not role {last.role!r}")
    history = [{"role": m.role, "content": m.text()} for m in body.messages[:-1] if m.role in ("user", "assistant")]
    return last.text(), history


def _chunks(first: dict[str, Any] | None, events: Iterator[dict[str, Any]], reply_id: str, created: int, model: str) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {
            "id": reply_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return "data: " + dumps(body) + "\n\n"

    yield chunk({"role": "assistant", "content": ""})
    event = first
    try:
        while event is not None:
            if event["event"] == "delta":
                yield chunk({"content": event["data"]["text"]})
            elif event["event"] == "reset":  # text already sent can't be taken back: say so, then the new answer follows
                yield chunk({"content": f"\n\n({event['data']['reason']})\n\n"})
            elif event["event"] == "done":
                yield chunk({}, "stop", citations=event["data"]["citations"], answered=event["data"]["answered"])
            event = next(events, None)
    except Exception as exc:
        error = errors.error_event(exc)
        yield "data: " + dumps({"error": {**error, "message": error["detail"]}}) + "\n\n"
    yield "data: [DONE]\n\n"


def _counter(encoding_name: str):
    enc = encoding(encoding_name)

    def count(text: str) -> int:
        return len(enc.encode(text, disallowed_special=()))

    return count
