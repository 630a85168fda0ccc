"""Asking a running ``assistant serve`` over HTTP: how ``assistant ask`` answers without loading a model.

Only the standard library's HTTP client and the answer model are imported (not even ``httpx``, whose
import alone takes longer than a local answer), so a question costs a round trip, not a start-up.
"""

from __future__ import annotations

import json
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from assistant.citations import Answer

CONNECT_TIMEOUT_S = 0.5  # a server on this machine accepts at once; anything slower is not one to wait for
ANSWER_TIMEOUT_S = 180.0
USER_ERRORS = frozenset({401, 413, 422, 429, 503})


class ServerError(RuntimeError):
    """The server answered, with an error meant for the user (``detail`` says what to do)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def ask_server(url: str, question: str, *, session_id: str | None = None, api_key: str | None = None) -> Answer | None:
    """The answer of the assistant server at ``url``, or None when no assistant server answers there."""
    import http.client

    from assistant.citations import Answer

    parts = urlsplit(url if "://" in url else f"http://{url}")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname or "127.0.0.1", parts.port, timeout=CONNECT_TIMEOUT_S)
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {api_key}"} if api_key else {})}
    body = json.dumps({"question": question, "session_id": session_id})
    try:
        try:
            connection.connect()
        except OSError:  # refused, unreachable, or too slow to accept: no server there
            return None
        connection.sock.settimeout(ANSWER_TIMEOUT_S)
        try:
            connection.request("POST", parts.path.rstrip("/") + "/ask", body=body.encode(), headers=headers)
            response = connection.getresponse()
            status, raw = response.status, response.read()
        except (OSError, http.client.HTTPException) as exc:
            reason = "it took too long" if isinstance(exc, socket.timeout) else type(exc).__name__
            raise ServerError(0, f"the server at {url} did not answer ({reason}); try again, or ask with --local") from exc
    finally:
        connection.close()
    try:
        data = json.loads(raw)
    except ValueError:
        return None  # something else listens there
    if status == 200 and isinstance(data, dict) and "answered" in data:
        return Answer.model_validate(data)
    if status in USER_ERRORS and isinstance(data, dict) and isinstance(data.get("detail"), str):
        raise ServerError(status, data["detail"])
    return None
