"""Access and limits in front of the API and the UI: request body size, rate limit per client, API keys.

One ASGI middleware, so that each check happens before the body is read or parsed: a client over its
limit, or without a valid key, costs the server almost nothing.

- Body size: ``max_body_bytes`` for the API; the chat UI under ``/ui`` gets a larger allowance
  (``UI_BODY_FACTOR`` times) because Gradio posts its component state. Uploads of documents
  (``POST /sources``, the UI's upload) may hold up to ``MAX_FILES`` files of ``max_upload_bytes``
  each; the route itself names a file over the limit.
- Rate limit: a token bucket of ``rate_limit_per_minute`` per client, the client being its API key
  when it sent a valid one, else its address. It covers every route that checks a key or does work,
  the UI's included (its login page above all); only the probes, the docs and the UI's static files
  are free. A wrong key or UI password uses up ``key_failure_cost`` requests at once, so that keys
  can't be guessed at the request rate. Buckets live in each process: with N processes, a client
  gets up to N times the limit.
- Client address: the connection's. X-Forwarded-For is believed only from the proxies listed in
  ``trusted_proxies`` (see :func:`proxy_options`, which configures uvicorn so), never by default:
  otherwise any client on the machine could claim any address and escape its limit.
- API keys: when configured, every API route needs ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``.
  Open to all: ``/health`` (probes), ``/docs`` (and its assets), ``/redoc``, ``/openapi.json``. The UI under ``/ui`` is
  not checked here: when keys are configured it asks for one on its own login page (see
  :mod:`assistant.ui`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from collections.abc import Callable
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import error_body
from assistant.ingest.library import MAX_FILES

OPEN_PATHS = frozenset({"/health", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json", "/favicon.ico"})
UI_PREFIX = "/ui"
DOCS_PREFIX = "/docs/"
UPLOAD_PATHS = frozenset({"/sources", UI_PREFIX + "/gradio_api/upload"})
UI_LOGIN = frozenset({UI_PREFIX + "/login", UI_PREFIX + "/login/"})
# The UI's static files: a page load fetches dozens, and they neither check a key nor do work.
UI_STATIC = tuple(
    UI_PREFIX + p for p in ("/assets/", "/static/", "/svelte/", "/favicon.ico", "/theme.css", "/robots.txt", "/manifest.json", "/pwa_icon")
)
UI_BODY_FACTOR = 16
MAX_BUCKETS = 10_000


class BodyTooLarge(HTTPException):
    """Raised while the body is read, once it grows past the limit (also for chunked uploads)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large: the limit is {limit} bytes")


class RateLimiter:
    """Token buckets: each client may send ``per_minute`` requests at once, refilled evenly over a minute."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, client: str) -> float:
        """Spend one token of ``client``; return 0 when allowed, else the seconds until a token is free."""
        now = self.clock()
        tokens = self._tokens(client, now)
        if tokens >= 1.0:
            self._buckets[client] = (tokens - 1.0, now)
            if len(self._buckets) > MAX_BUCKETS:
                self._forget_full(now)
            return 0.0
        self._buckets[client] = (tokens, now)
        return (1.0 - tokens) / self.rate

    def charge(self, client: str, tokens: float) -> None:
        """Take ``tokens`` more from ``client`` (down to an empty bucket), for a request that cost more than one."""
        now = self.clock()
        self._buckets[client] = (max(0.0, self._tokens(client, now) - tokens), now)

    def _tokens(self, client: str, now: float) -> float:
        tokens, last = self._buckets.get(client, (self.capacity, now))
        return min(self.capacity, tokens + (now - last) * self.rate)

    def _forget_full(self, now: float) -> None:
        for client, (tokens, last) in list(self._buckets.items()):
            if tokens + (now - last) * self.rate >= self.capacity:
                del self._buckets[client]


class Guard:
    """ASGI middleware enforcing body size, the rate limit and API keys (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        api_keys: list[str],
        rate_limit_per_minute: int,
        max_body_bytes: int,
        key_failure_cost: int = 1,
        max_upload_bytes: int = 0,
    ) -> None:
        self.app = app
        self.keys = [k.encode() for k in api_keys if k]
        self.limiter = RateLimiter(rate_limit_per_minute) if rate_limit_per_minute > 0 else None
        self.max_body = max_body_bytes
        self.failure_cost = key_failure_cost
        self.max_upload = max_upload_bytes * MAX_FILES + 65536  # the multipart framing around the files

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = Headers(scope=scope)
        ui = path == UI_PREFIX or path.startswith(UI_PREFIX + "/")
        limit = self.max_body * UI_BODY_FACTOR if ui else self.max_body
        if path in UPLOAD_PATHS and scope["method"] == "POST":
            limit = max(limit, self.max_upload)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            await _reply(send, path, 413, f"request body is {length} bytes; the limit is {limit} bytes")
            return
        if path in OPEN_PATHS or scope["method"] == "OPTIONS" or path.startswith(UI_STATIC) or path.startswith(DOCS_PREFIX):
            await self._limited(scope, receive, send, limit)
            return
        key = None if ui else presented_key(headers)
        valid = key is not None and any(hmac.compare_digest(key.encode(), k) for k in self.keys)
        client = "key:" + hashlib.sha256(key.encode()).hexdigest()[:16] if valid and key else "addr:" + _address(scope)
        if self.limiter is not None:
            wait = self.limiter.take(client)
            if wait > 0:
                retry = max(1, math.ceil(wait))
                detail = f"rate limit exceeded ({int(self.limiter.capacity)} requests per minute); retry in {retry} s"
                await _reply(send, path, 429, detail, {"retry-after": str(retry)})
                return
        if self.keys and not ui and not valid:
            if key is not None:
                self._failed(client)
            detail = (
                "API key required: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"
                if key is None
                else "invalid API key: check the key you were given (keys are case-sensitive)"
            )
            await _reply(send, path, 401, detail, {"www-authenticate": "Bearer"})
            return
        on_status = None
        if path in UI_LOGIN:  # Gradio checks the UI password itself, and answers 400 when it is wrong

            def on_status(status: int) -> None:
                if status == 400:
                    self._failed(client)

        await self._limited(scope, receive, send, limit, on_status=on_status)

    def _failed(self, client: str) -> None:
        """A wrong key or password: it costs ``key_failure_cost`` requests in all."""
        if self.limiter is not None and self.failure_cost > 1:
            self.limiter.charge(client, self.failure_cost - 1)

    async def _limited(
        self, scope: Scope, receive: Receive, send: Send, limit: int, *, on_status: Callable[[int], None] | None = None
    ) -> None:
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if on_status is not None:
                    on_status(message["status"])
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as exc:  # raised where nothing turned it into a response
            if started:
                raise
            await _reply(send, scope["path"], 413, str(exc.detail))


def presented_key(headers: Headers) -> str | None:
    """The API key a request carries, from ``Authorization: Bearer`` or ``X-API-Key``."""
    auth = headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    key = headers.get("x-api-key", "").strip()
    return key or None


def _address(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


def proxy_options(trusted_proxies: list[str]) -> dict[str, Any]:
    """uvicorn options that believe X-Forwarded-For only from ``trusted_proxies``.

    uvicorn believes it from 127.0.0.1 by default, so any local process (or a proxy that passes the
    header on unchecked) could pick the address the rate limit counts against.
    """
    if not trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(trusted_proxies)}


async def _reply(send: Send, path: str, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps(error_body(path, status, detail)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
