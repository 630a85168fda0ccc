"""A real HTTP server on loopback speaking the OpenAI chat-completions wire format, with scripted replies.

Each request takes the next reply from the script (plain JSON or server-sent event chunks when the
request asks for ``stream``); a reply may ask the server to wait first, or to fail.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from tests.servers import free_port, wait_http


@dataclass
class Reply:
    """A scripted reply: fixed text, or a function of the request body (to cite the sources it was sent)."""

    text: str | Callable[[dict], str]
    delay_s: float = 0.0
    status: int = 200

    def render(self, body: dict) -> str:
        return self.text(body) if callable(self.text) else self.text


def source_number(body: dict, needle: str) -> int:
    """The [n] under which the request's question (its last message) lists a source containing ``needle``."""
    for line in body["messages"][-1]["content"].splitlines():
        if line.startswith("[") and needle in line:
            return int(line[1 : line.index("]")])
    raise AssertionError(f"no source containing {needle!r} was sent to the LLM")


@dataclass
class OpenAIStub:
    replies: list[Reply] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    port: int = field(default_factory=free_port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *replies: str | Reply | Callable[[dict], str]) -> None:
        self.replies.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def models():
            return {"object": "list", "data": [{"id": "stub", "object": "model", "owned_by": "tests"}]}

        @app.post("/v1/chat/completions")
        async def complete(request: Request):
            body = await request.json()
            self.requests.append(body)
            reply = self.replies.pop(0) if self.replies else Reply("The sources don't say.")
            if reply.delay_s:
                await asyncio.sleep(reply.delay_s)
            text = reply.render(body)
            if reply.status != 200:
                return JSONResponse({"error": {"message": "scripted failure", "type": "server_error"}}, status_code=reply.status)
            created = int(time.time())
            if not body.get("stream"):
                return {
                    "id": "chatcmpl-stub",
                    "object": "chat.completion",
                    "created": created,
                    "model": body.get("model", "stub"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }

            async def events():
                pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
                for i, piece in enumerate(pieces):
                    delta = {"content": piece} if i else {"role": "assistant", "content": piece}
                    chunk = {
                        "id": "chatcmpl-stub",
                        "object": "chat.completion.chunk",
                        "created": created,
                        "model": "stub",
                        "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
                    }
                    yield f"data: {json.dumps(chunk)}\n\n"
                    await asyncio.sleep(0.005)
                done = {
                    "id": "chatcmpl-stub",
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": "stub",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
                yield f"data: {json.dumps(done)}\n\n"
                yield "data: [DONE]\n\n"

            return StreamingResponse(events(), media_type="text/event-stream")

        return app

    def __enter__(self) -> OpenAIStub:
        config = uvicorn.Config(self.app(), host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        wait_http(f"http://127.0.0.1:{self.port}/v1/models", timeout=30)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
