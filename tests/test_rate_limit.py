"""One rate limiter in front of everything that checks a key or does work, the UI's login page
included, counting each client at the address it connects from: X-Forwarded-For is believed only
from the proxies the settings name."""

from __future__ import annotations

import math
import re
import time

import httpx
import pytest

from assistant.api import create_app
from tests.servers import AssistantServer, ThreadedServer, copy_index, serve_env
from tests.test_api import with_api

pytestmark = pytest.mark.server

LAYER = "Which layer has the largest share?"


def guesses(send, count: int = 70) -> tuple[list[int], float]:
    started = time.monotonic()
    statuses = [send(f"guess-{i}").status_code for i in range(count)]
    return statuses, time.monotonic() - started


def test_guessing_the_key_on_the_ui_login_page_is_stopped(pipeline):
    settings = with_api(pipeline, api_keys=["the-right-key"])  # the default limit: 600 a minute, a wrong key costs 10
    with ThreadedServer(create_app(pipeline, settings)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        statuses, seconds = guesses(lambda password: c.post("/ui/login", data={"username": "me", "password": password}))
        assert statuses[0] == 400 and set(statuses) == {400, 429}
        # 60 guesses at once, then one a second (600 requests a minute refill, 10 per guess).
        assert statuses.count(400) <= 60 + math.ceil(seconds) + 1, (statuses, seconds)
        # the next guesses are stopped (one may slip through when the allowance refilled while the last ones ran)
        tries = [c.post("/ui/login", data={"username": "me", "password": f"again-{i}"}) for i in range(3)]
        limited = next((r for r in tries if r.status_code == 429), tries[-1])
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1, [r.status_code for r in tries]
        assert "rate limit exceeded" in limited.json()["detail"]
        assert c.get("/health").status_code == 200  # probes stay open
        # A client holding a valid key has its own allowance.
        assert c.post("/ask", json={"question": LAYER}, headers={"X-API-Key": "the-right-key"}).status_code == 200


def test_guessing_the_key_over_the_api_is_stopped_as_fast(pipeline):
    settings = with_api(pipeline, api_keys=["the-right-key"])
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        statuses, seconds = guesses(lambda key: c.get("/sources", headers={"X-API-Key": key}))
        assert statuses[0] == 401 and set(statuses) == {401, 429}
        assert statuses.count(401) <= 60 + math.ceil(seconds) + 1, (statuses, seconds)


def test_the_ui_counts_against_the_limit_but_its_static_files_do_not(pipeline):
    settings = with_api(pipeline, rate_limit_per_minute=5)
    with ThreadedServer(create_app(pipeline, settings)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        page = c.get("/ui/")
        assert page.status_code == 200
        assets = [a.replace("./", "/ui/", 1) for a in _asset_links(page.text) if a.startswith("./assets/")]
        assert assets and all(c.get(a).status_code == 200 for a in assets * 3)
        statuses = [c.get("/ui/config").status_code for _ in range(6)]
        assert 429 in statuses and statuses[0] == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(tmp_path_factory, indexed):
    tmp = tmp_path_factory.mktemp("forged")
    copy_index(indexed[0].store.path, tmp)
    env = serve_env(tmp, ASSISTANT_API__RATE_LIMIT_PER_MINUTE="5")
    with AssistantServer(tmp, env=env) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        # Documentation addresses (TEST-NET-3): only the header says so, the requests come from loopback.
        statuses = [c.get("/sources", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(8)]
    assert statuses == [200] * 5 + [429] * 3


def test_forwarded_for_is_believed_from_a_configured_proxy(pipeline):
    from assistant.api.guard import proxy_options

    settings = with_api(pipeline, rate_limit_per_minute=2, trusted_proxies=["127.0.0.1"])
    app = create_app(pipeline, settings, ui=False)
    with ThreadedServer(app, **proxy_options(settings.api.trusted_proxies)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        per_client = [[c.get("/sources", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for _ in range(3)] for i in range(3)]
    assert per_client == [[200, 200, 429]] * 3


def _asset_links(page: str) -> list[str]:
    return sorted(set(re.findall(r'(?:src|href)="([^"]+)"', page)))
