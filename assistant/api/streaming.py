"""Server-sent events: the wire format both streaming routes use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi.responses import StreamingResponse

from assistant.api.errors import error_event


def sse_response(chunks: Iterator[str]) -> StreamingResponse:
    """A streamed ``text/event-stream`` response that proxies should not buffer."""
    return StreamingResponse(chunks, media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def sse(event: str | None, data: Any) -> str:
    """One event: ``event: NAME`` (when named) and ``data: JSON``."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {dumps(data)}\n\n"


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def answer_events(first: dict[str, Any] | None, events: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The pipeline's events as SSE; an error after the stream started ends it with an ``error`` event."""
    event = first
    try:
        while event is not None:
            yield sse(event["event"], event["data"])
            event = next(events, None)
    except Exception as exc:
        yield sse("error", error_event(exc))
