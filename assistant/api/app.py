"""The FastAPI app: /ask, /ask/stream, /health, /sources, the OpenAI-compatible routes and the UI at /ui."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, HTTPException, Path
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from sqlalchemy import text

from assistant import offline
from assistant.api import compat, docs, documents, errors
from assistant.api.capacity import Answering
from assistant.api.guard import Guard
from assistant.api.models import (
    ANSWER_EVENT_SCHEMA,
    ASK_ERRORS,
    EXAMPLE_ANSWER,
    ArticleSummary,
    ArticleText,
    AskRequest,
    FactOut,
    HealthResponse,
    SourcesResponse,
    responses,
)
from assistant.api.streaming import answer_events, sse_response
from assistant.chain import Pipeline
from assistant.citations import Answer
from assistant.config import Settings
from assistant.corpus import Article
from assistant.ingest.library import Library
from assistant.store import StoreUnavailable

log = logging.getLogger(__name__)
EXPIRE_EVERY_S = 600.0

DESCRIPTION = """
Ask questions about a corpus of articles; get short answers whose every `[n]` marker points to a
citation quoting the article **verbatim**, with its character offsets (`GET /sources/{id}` returns the
text they index into).

* **Conversations**: the first answer carries a `session_id`; send it back with a follow-up
  (*"And in 1990?"*) and the question is understood in context (`standalone_question` shows how).
  Or keep the conversation yourself and send `history`.
* **Streaming**: `POST /ask/stream` (server-sent events) and `POST /v1/chat/completions` with
  `stream: true` (OpenAI-compatible, works with the official `openai` client).
* **Access**: when the server has API keys configured, send `Authorization: Bearer KEY` or
  `X-API-Key: KEY` (`/health` and these docs stay open; the chat UI at `/ui` then asks for a key on
  its login page). Each client (key, or address) may send
  a limited number of requests per minute (429 with `Retry-After` beyond it); bodies are limited in size (413).
* **Errors** are JSON with a `detail` that says what went wrong: 422 for invalid input, 503 with
  `Retry-After` while the index or the conversations database is unreachable.
"""

TAGS = [
    {"name": "answers", "description": "Ask questions, one-shot or in a conversation."},
    {"name": "openai", "description": "OpenAI-compatible chat completions, for existing clients and tools."},
    {"name": "sources", "description": "The articles and facts answers are drawn from; add and remove documents."},
    {"name": "service", "description": "Liveness and index status."},
]


def create_app(pipeline: Pipeline, settings: Settings | None = None, *, ui: bool = True, expire_every_s: float = EXPIRE_EVERY_S) -> FastAPI:
    """The app serving ``pipeline``: the API, and (unless ``ui`` is False) the chat UI under /ui."""
    offline.prepare()  # before Gradio and tiktoken load: nothing may reach the network
    settings = settings or pipeline.settings
    api = settings.api

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_expire_sessions(pipeline, expire_every_s))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = FastAPI(
        title="Sources Assistant API",
        version="1.0.0",
        summary="Answers about a corpus of articles, with verbatim citations.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,  # served from an installed package instead of a CDN: see assistant.api.docs
        redoc_url=None,
    )
    errors.install(app)
    app.add_middleware(
        Guard,
        api_keys=[k.get_secret_value() for k in api.api_keys],
        rate_limit_per_minute=api.rate_limit_per_minute,
        max_body_bytes=api.max_body_bytes,
        max_upload_bytes=api.max_upload_bytes,
        key_failure_cost=api.key_failure_cost,
    )
    # Outermost, so that errors from the guard carry CORS headers too and preflights are answered first.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=api.cors_origins,
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    _secure_docs(app, bool(api.api_keys))
    docs.install(app)
    library = Library(pipeline)
    app.state.answering = Answering(api.max_concurrent_answers)

    @app.post(
        "/ask",
        tags=["answers"],
        summary="Answer a question",
        description="Answers from the sources, with citations; `answered` is false (and the answer says so plainly) when they don't cover the question. "
        "Without `session_id` or `history` a new conversation is started; its id is in the response.",
        response_model=Answer,
        responses={200: {"content": {"application/json": {"example": EXAMPLE_ANSWER}}}, **ASK_ERRORS},
    )
    async def ask(body: AskRequest) -> Answer:
        return await app.state.answering.run(pipeline.ask, body.question, session_id=body.session_id, history=body.history_dicts())

    @app.post(
        "/ask/stream",
        tags=["answers"],
        summary="Answer a question, streamed as server-sent events",
        description="Events, each `event: NAME` and `data: JSON`:\n\n"
        '* `token` `{"text": "..."}`: the next words of the model as it writes them, before they are checked (LLM mode; for showing progress only);\n'
        '* `delta` `{"text": "..."}`: the next piece of the answer text (append them);\n'
        '* `reset` `{"reason": "..."}`: discard the text so far, a corrected answer follows (LLM mode, when the LLM fails mid-answer);\n'
        "* `citations` `[Citation, ...]`: the citations the `[n]` markers refer to;\n"
        "* `done` `Answer`: the complete answer, the same as `POST /ask` returns;\n"
        '* `error` `{"status": 503, "detail": "..."}`: the answer broke off (the stream ends).\n\n'
        "Invalid input is reported before the stream starts, with the same status codes as `POST /ask`.",
        response_class=StreamingResponse,
        responses={
            200: {"content": {"text/event-stream": {"schema": ANSWER_EVENT_SCHEMA}}, "description": "A stream of server-sent events."},
            **ASK_ERRORS,
        },
    )
    async def ask_stream(body: AskRequest) -> StreamingResponse:
        events = pipeline.stream(body.question, session_id=body.session_id, history=body.history_dicts())
        first = await app.state.answering.run(next, events, None)  # errors before the first event become HTTP errors
        return sse_response(answer_events(first, events))

    @app.get(
        "/health",
        tags=["service"],
        summary="Liveness and index status",
        description="200 with `status` 'ok' (or 'empty' before anything was indexed); 503 when the index or the conversations database can't be reached.",
        response_model=HealthResponse,
        response_model_exclude_none=True,
        responses={503: {"model": HealthResponse, "description": "The index or the conversations database is unreachable."}},
    )
    def health() -> Any:
        try:
            info = pipeline.health()
        except StoreUnavailable as exc:
            return JSONResponse(
                {"status": "unavailable", "store": pipeline.store.describe(), "detail": str(exc)},
                503,
                {"Retry-After": str(errors.RETRY_AFTER_S)},
            )
        try:
            with pipeline.sessions.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:
            log.warning("sessions database unavailable: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return JSONResponse(
                {**info, "status": "unavailable", "sessions": "unavailable", "detail": errors.SESSIONS_DOWN},
                503,
                {"Retry-After": str(errors.RETRY_AFTER_S)},
            )
        return {**info, "sessions": "ok"}

    @app.get(
        "/sources",
        tags=["sources"],
        summary="List the articles and facts",
        description="Every indexed article (without its text) and every structured fact, with the verbatim quote and offsets that facts are cited by.",
        response_model=SourcesResponse,
        responses=responses(401, 429, 503),
    )
    def sources() -> SourcesResponse:
        reader = pipeline.reader()
        if reader is None:
            return SourcesResponse(articles=[], facts=[])
        snapshot = reader.snapshot
        articles = [summary(a) for a in sorted(snapshot.articles.values(), key=lambda a: a.id)]
        return SourcesResponse(articles=articles, facts=[FactOut.model_validate(f.model_dump()) for f in snapshot.facts.values()])

    @app.get(
        "/sources/{article_id}",
        tags=["sources"],
        summary="One article with its full text",
        description="The text citation offsets index into: for a citation, `text[start:end] == quote`, so the quote can be shown in context.",
        response_model=ArticleText,
        responses=responses(401, 404, 422, 429, 503),
    )
    def source(article_id: str = Path(description="The article id, as in a citation's `source`.", max_length=300)) -> ArticleText:
        reader = pipeline.reader()
        article = reader.snapshot.articles.get(article_id) if reader else None
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}; GET /sources lists the articles")
        facts = [FactOut.model_validate(f.model_dump()) for f in reader.snapshot.facts.values() if f.article == article_id]
        return ArticleText(**summary(article).model_dump(), text=article.text, facts=facts)

    documents.install(app, library)
    compat.install(app, pipeline)
    if ui:
        from assistant.ui import mount_ui

        mount_ui(app, pipeline, settings, library=library)
    return app


def summary(article: Article) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        title=article.title,
        url=article.url,
        publisher=article.publisher,
        published=article.published,
        language=article.language,
        length=len(article.text),
    )


def _secure_docs(app: FastAPI, keys: bool) -> None:
    """Show the key schemes in the OpenAPI document (the guard enforces them)."""
    if not keys:
        return
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer KEY"},
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        }
        for path, operations in schema.get("paths", {}).items():
            if path != "/health":
                for operation in operations.values():
                    operation["security"] = [{"bearer": []}, {"apiKey": []}]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


async def _expire_sessions(pipeline: Pipeline, every_s: float) -> None:
    """Forget idle conversations at startup and then every ``every_s`` seconds."""
    while True:
        try:
            removed = await run_in_threadpool(pipeline.sessions.expire)
            if removed:
                log.info("expired %d idle conversation(s)", removed)
        except Exception as exc:  # the database is down: try again next round
            log.warning("could not expire conversations: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        await asyncio.sleep(every_s)
