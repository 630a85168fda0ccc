"""A client's own history costs no more than its last few turns: it is checked against limits that
are settings (a 422 names them) and cut to the turns a follow-up can refer to before any work, so a
long history neither stalls its own answer nor the rest of the server."""

from __future__ import annotations

import asyncio
import statistics
import time

import httpx
import pytest

from assistant.chain import MAX_QUESTION
from assistant.config import APISettings
from tests.servers import AssistantServer, copy_index, serve_env

pytestmark = pytest.mark.server

CLIENTS = 32
# Dense with the corpus's names, so that understanding each turn in context has the most to do.
FILLER = "How many companies does Chengdu have on the list compared with Shenzhen, Beijing and Shanghai? "


def turn_text(chars: int, n: int) -> str:
    text = f"{n}. " + FILLER * (chars // len(FILLER) + 1)
    return text[:chars]


def long_history(turns: int, chars: int) -> list[dict[str, str]]:
    history = []
    for n in range(turns):
        history.append({"role": "user", "content": turn_text(chars, n)})
        history.append({"role": "assistant", "content": turn_text(chars, n + 1000)})
    return history


@pytest.fixture(scope="module")
def server(tmp_path_factory, indexed):
    tmp = tmp_path_factory.mktemp("history")
    copy_index(indexed[0].store.path, tmp)
    with AssistantServer(tmp, env=serve_env(tmp, ASSISTANT_API__RATE_LIMIT_PER_MINUTE="0")) as server:
        yield server


def timed(client: httpx.Client, body: dict) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = client.post("/ask", json=body)
    return time.perf_counter() - started, response


def test_the_largest_history_the_limits_allow_costs_about_what_the_largest_question_does(server):
    limits = APISettings()
    turns = limits.max_history_chars // (2 * limits.max_history_message_chars)
    history = long_history(turns, limits.max_history_message_chars)
    assert turns > limits.max_history_turns and sum(len(m["content"]) for m in history) <= limits.max_history_chars
    with httpx.Client(base_url=server.url, timeout=120) as client:
        question = {"question": turn_text(MAX_QUESTION, 0), "history": []}
        follow_up = {"question": "And Shenzhen?", "history": history}
        plain = min(timed(client, question)[0] for _ in range(2))
        runs = [timed(client, follow_up) for _ in range(2)]
    assert all(r.status_code == 200 for _, r in runs), runs[0][1].text
    with_history = min(t for t, _ in runs)
    print(
        f"\nlargest question ({MAX_QUESTION} characters): {plain:.2f} s; follow-up with the largest history "
        f"({turns} turns of {limits.max_history_message_chars} characters each way): {with_history:.2f} s"
    )
    assert with_history < 2 * plain + 1.0


def test_a_history_over_the_limits_is_a_422_naming_the_setting(server):
    limits = APISettings()
    with httpx.Client(base_url=server.url, timeout=60) as client:
        too_long = [{"role": "user", "content": "x" * (limits.max_history_message_chars + 1)}]
        response = client.post("/ask", json={"question": "And Shenzhen?", "history": too_long})
        assert response.status_code == 422 and "ASSISTANT_API__MAX_HISTORY_MESSAGE_CHARS" in response.json()["detail"]
        too_much = long_history(limits.max_history_chars // (2 * limits.max_history_message_chars) + 1, limits.max_history_message_chars)
        response = client.post("/ask", json={"question": "And Shenzhen?", "history": too_much})
        assert response.status_code == 422 and "ASSISTANT_API__MAX_HISTORY_CHARS" in response.json()["detail"]
        messages = [*too_long, {"role": "user", "content": "And Shenzhen?"}]
        response = client.post("/v1/chat/completions", json={"messages": messages})
        assert response.status_code == 422 and "ASSISTANT_API__MAX_HISTORY_MESSAGE_CHARS" in response.json()["error"]["message"]
        streamed = client.post("/ask/stream", json={"question": "And Shenzhen?", "history": too_long})
        assert streamed.status_code == 422


def test_forty_turn_histories_from_32_clients_leave_the_server_responsive(server):
    history = long_history(40, 600)
    health: list[float] = []
    answers: list[tuple[float, int]] = []

    async def ask(client: httpx.AsyncClient) -> None:
        started = time.perf_counter()
        response = await client.post("/ask", json={"question": "And Shenzhen?", "history": history})
        answers.append((time.perf_counter() - started, response.status_code))

    async def probe(client: httpx.AsyncClient, done: asyncio.Event) -> None:
        while not done.is_set():
            started = time.perf_counter()
            response = await client.get("/health")
            assert response.status_code == 200
            health.append(time.perf_counter() - started)
            await asyncio.sleep(0.1)

    async def run() -> None:
        limits = httpx.Limits(max_connections=CLIENTS + 1)
        async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits) as client:
            done = asyncio.Event()
            prober = asyncio.create_task(probe(client, done))
            await asyncio.gather(*(ask(client) for _ in range(CLIENTS)))
            done.set()
            await prober

    asyncio.run(run())
    cuts = statistics.quantiles(health, n=100, method="inclusive")
    slowest = max(t for t, _ in answers)
    print(
        f"\n{CLIENTS} concurrent follow-ups with 40-turn histories: all answered within {slowest:.1f} s; "
        f"/health p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms over {len(health)} probes "
        f"({', '.join(f'{t * 1000:.0f}' for t in health)} ms)"
    )
    assert [status for _, status in answers] == [200] * CLIENTS
    assert cuts[98] < 1.0
