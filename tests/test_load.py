"""Load: 32 concurrent clients send 1,000 requests to a real `assistant serve` process.

Every request must succeed and every answer must be the one the same question gets when asked alone
(conversations included: a follow-up is asked in the session its first question opened). The
throughput and latency are printed, not asserted: they depend on the machine.
"""

from __future__ import annotations

import asyncio
import statistics
import time

import httpx
import pytest

from tests.servers import AssistantServer, copy_index, serve_env

pytestmark = pytest.mark.server

CLIENTS = 32
REQUESTS = 1000
SINGLE = [
    "How many companies does Chengdu have on the list?",
    "Which layer has the largest share?",
    "Which city has the most companies?",
    "What is the capital of France?",
    "杭州有哪些公司入选？",
    "How many companies are in China's AI industry?",
]
CONVERSATIONS = [
    ("How many companies does Chengdu have on the list?", "And Shenzhen?"),
    ("Which layer has the largest share?", "What about the foundation layer?"),
]


def comparable(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "session_id"}


@pytest.fixture(scope="module")
def server(tmp_path_factory, indexed):
    tmp = tmp_path_factory.mktemp("load")
    copy_index(indexed[0].store.path, tmp)
    # One address sends everything here: no rate limit.
    with AssistantServer(tmp, env=serve_env(tmp, ASSISTANT_API__RATE_LIMIT_PER_MINUTE="0")) as server:
        yield server


def test_many_concurrent_clients_get_the_same_answers_without_errors(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        expected = {q: comparable(client.post("/ask", json={"question": q}).json()) for q in SINGLE}
        for first, follow in CONVERSATIONS:
            opened = client.post("/ask", json={"question": first}).json()
            expected[first] = comparable(opened)
            expected[(first, follow)] = comparable(
                client.post("/ask", json={"question": follow, "session_id": opened["session_id"]}).json()
            )
    assert any(not a["answered"] for a in expected.values()) and sum(a["answered"] for a in expected.values()) >= 6

    latencies: list[float] = []
    failures: list[str] = []
    sent = 0

    async def ask(client: httpx.AsyncClient, body: dict, key) -> dict | None:
        started = time.perf_counter()
        try:
            response = await client.post("/ask", json=body)
        except httpx.HTTPError as exc:
            failures.append(f"{key!r}: {type(exc).__name__}: {exc}")
            return None
        latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            failures.append(f"{key!r}: HTTP {response.status_code} {response.text[:200]}")
            return None
        answer = response.json()
        if comparable(answer) != expected[key]:
            failures.append(f"{key!r}: answer changed under load: {answer['answer']!r} != {expected[key]['answer']!r}")
        return answer

    async def client_loop(worker: int, client: httpx.AsyncClient) -> None:
        nonlocal sent
        turn = worker
        while sent < REQUESTS:
            turn += 1
            if turn % 4 == 0 and sent + 2 <= REQUESTS:  # a conversation: a question, then its follow-up in the same session
                first, follow = CONVERSATIONS[turn % len(CONVERSATIONS)]
                sent += 2
                opened = await ask(client, {"question": first}, first)
                if opened is not None:
                    await ask(client, {"question": follow, "session_id": opened["session_id"]}, (first, follow))
            else:
                question = SINGLE[turn % len(SINGLE)]
                sent += 1
                await ask(client, {"question": question}, question)

    async def run() -> float:
        limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
        async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits) as client:
            started = time.perf_counter()
            await asyncio.gather(*(client_loop(i, client) for i in range(CLIENTS)))
            return time.perf_counter() - started

    elapsed = asyncio.run(run())
    assert not failures, f"{len(failures)} failed request(s), e.g. {failures[:5]}"
    assert len(latencies) == REQUESTS == sent
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"\nload: {REQUESTS} requests from {CLIENTS} concurrent clients in {elapsed:.1f} s = {REQUESTS / elapsed:.1f} requests/s; "
        f"latency p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    assert "Traceback" not in server.output()
