"""Errors a client can cause or meet, each turned into a JSON ``detail`` that says what to do.

Invalid input is a 422; an unreachable index or sessions database a 503 with ``Retry-After`` (the
next request tries again, so the service resumes by itself); nothing a client sends yields a stack trace.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException

from assistant.chain import InvalidQuestion
from assistant.sessions import SessionsUnavailable, UnknownSession
from assistant.store import StoreUnavailable

log = logging.getLogger(__name__)
RETRY_AFTER_S = 5
SESSIONS_DOWN = (
    "the conversations database is not reachable, so conversations can't be kept or continued right now; "
    "try again shortly, or send `history` instead of `session_id`"
)

UNPARSABLE = "There was an error parsing the body"  # FastAPI's detail when the body can't even be decoded
OPENAI_TYPES = {401: "authentication_error", 404: "not_found_error", 429: "rate_limit_error"}


def error_body(path: str, status: int, detail: str, **extra: Any) -> dict[str, Any]:
    """``{"detail": ...}``; on the OpenAI-compatible routes also OpenAI's ``error`` object, which its clients show."""
    body: dict[str, Any] = {"detail": detail, **extra}
    if path.startswith("/v1/"):
        kind = OPENAI_TYPES.get(status) or (
            "invalid_request_error" if status < 500 else "service_unavailable" if status == 503 else "server_error"
        )
        body["error"] = {"message": detail, "type": kind, "code": str(status)}
    return body


def error_response(
    request: Request | None, status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    path = request.url.path if request is not None else ""
    return JSONResponse(error_body(path, status, detail, **extra), status_code=status, headers=headers)


def describe_validation(errors: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """One readable sentence for a list of pydantic errors, and the errors in a JSON-safe form."""
    clean, parts = [], []
    for error in errors:
        loc = [x for x in error.get("loc", ()) if isinstance(x, str | int)]
        kind = str(error.get("type", "value_error"))
        msg = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        if kind == "json_invalid":
            reason = (error.get("ctx") or {}).get("error")
            msg = f"the request body is not valid JSON ({reason})" if reason else "the request body is not valid JSON"
            where = ""
        elif kind == "missing" and loc == ["body"]:
            msg, where = "a JSON request body is required", ""
        else:
            where = ".".join(str(x) for x in loc if x != "body")
        clean.append({"loc": loc, "msg": msg, "type": kind})
        parts.append(f"{where}: {msg}" if where and not msg.startswith(where + " ") else msg)
    return "; ".join(parts) or "invalid request", clean


def install(app: FastAPI) -> None:
    """Register the handlers that map errors to responses."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail, errors = describe_validation(list(exc.errors()))
        return error_response(request, 422, detail, errors=errors)

    @app.exception_handler(InvalidQuestion)
    async def invalid_question(request: Request, exc: InvalidQuestion) -> JSONResponse:
        return error_response(request, 422, str(exc))

    @app.exception_handler(UnknownSession)
    async def unknown_session(request: Request, exc: UnknownSession) -> JSONResponse:
        return error_response(request, 422, str(exc))

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        log.warning("store unavailable: %s", exc)
        return unavailable(request, f"the index is unavailable: {exc}")

    @app.exception_handler(SessionsUnavailable)
    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def sessions_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("sessions database unavailable: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return unavailable(request, SESSIONS_DOWN)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 400 and detail == UNPARSABLE:  # e.g. bytes that are not UTF-8: malformed JSON too
            return error_response(request, 422, "the request body is not valid JSON (it must be UTF-8 text)", errors=[])
        return error_response(request, exc.status_code, detail, headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error: the server could not answer this request; the details are in the server log")


def unavailable(request: Request | None, detail: str) -> JSONResponse:
    return error_response(request, 503, detail, headers={"Retry-After": str(RETRY_AFTER_S)})


def error_event(exc: BaseException) -> dict[str, Any]:
    """The ``error`` event ending a stream that broke after it started."""
    if isinstance(exc, StoreUnavailable):
        return {"status": 503, "detail": f"the index is unavailable: {exc}"}
    if isinstance(exc, SessionsUnavailable | OperationalError | InterfaceError):
        return {"status": 503, "detail": SESSIONS_DOWN}
    if isinstance(exc, InvalidQuestion | UnknownSession):
        return {"status": 422, "detail": str(exc)}
    log.error("stream failed", exc_info=exc)
    return {"status": 500, "detail": "internal error: the answer broke off; the details are in the server log"}
