"""Soak: 32 clients on loopback mix ordinary questions, conversations, long histories, streams, the
OpenAI-compatible route, content-free messages and bad input against one `assistant serve` for a few
minutes, while `assistant index --rebuild` publishes new generations under it.

Nothing may fail with a 5xx, every answer must be the one the same request gets alone, bad input
must get its 4xx, and `/health` must stay quick (p99 under 1 s). The figures are printed.
Bounded: SOAK_SECONDS of load (150 by default) and at most MAX_REQUESTS requests.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
import pytest

from tests.servers import CORPUS, AssistantServer, copy_index, serve_env

pytestmark = pytest.mark.server

CLIENTS = 32
SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "150"))
MAX_REQUESTS = 20_000
REINDEX_EVERY_S = 45.0
CHENGDU = "How many companies does Chengdu have on the list?"
LAYER = "Which layer has the largest share?"
QUESTIONS = [
    CHENGDU,
    LAYER,
    "Which city has the most companies?",
    "What is the capital of France?",
    "杭州有哪些公司入选？",
    "How many companies are in China's AI industry?",
]
FILLER = "How many companies does Chengdu have on the list compared with Shenzhen, Beijing and Shanghai? "


def long_history(turns: int, chars: int) -> list[dict[str, str]]:
    def text(n: int) -> str:
        return (f"{n}. " + FILLER * (chars // len(FILLER) + 1))[:chars]

    return [m for n in range(turns) for m in ({"role": "user", "content": text(n)}, {"role": "assistant", "content": text(n + 1000)})]


@dataclass
class Case:
    """One kind of request, and what it must get: an answer equal to ``expected``, or ``status``."""

    name: str
    path: str
    body: dict | None = None
    raw: bytes | None = None
    status: int = 200
    weight: int = 1
    expected: dict | None = field(default=None, repr=False)


def cases() -> list[Case]:
    short_history = [{"role": "user", "content": CHENGDU}]
    found = [Case(f"ask {q}", "/ask", {"question": q}, weight=4) for q in QUESTIONS]
    found += [
        Case("history follow-up", "/ask", {"question": "And Shenzhen?", "history": short_history}, weight=3),
        Case("40-turn history", "/ask", {"question": "And Shenzhen?", "history": long_history(40, 600)}, weight=2),
        Case("largest history", "/ask", {"question": "And Shenzhen?", "history": long_history(12, 2000)}),
        Case("stream", "/ask/stream", {"question": LAYER}, weight=3),
        Case("chat completion", "/v1/chat/completions", {"messages": [{"role": "user", "content": CHENGDU}]}, weight=3),
        Case("content-free", "/ask", {"question": "???"}, weight=2),
        Case("greeting", "/ask", {"question": "hi"}, weight=2),
        Case("sources", "/sources", weight=2),
        Case("lone surrogate", "/ask", raw=b'{"question": "\\ud800"}', status=422, weight=2),
        Case("empty", "/ask", {"question": "   "}, status=422),
        Case("too long", "/ask", {"question": "x" * 2001}, status=422),
        Case("malformed JSON", "/ask", raw=b'{"question": ', status=422),
        Case("wrong type", "/ask", {"question": 5}, status=422),
        Case("history over the limit", "/ask", {"question": "And?", "history": [{"role": "user", "content": "y" * 2001}]}, status=422),
        Case("unknown session", "/ask", {"question": LAYER, "session_id": "no-such-session"}, status=422),
        Case("surrogate in chat", "/v1/chat/completions", raw=b'{"messages": [{"role": "user", "content": "\\udfff"}]}', status=422),
        Case("unknown article", "/sources/no-such-article", status=404),
    ]
    return found


async def send(client: httpx.AsyncClient, case: Case) -> httpx.Response:
    if case.path.startswith("/sources"):
        return await client.get(case.path)
    if case.raw is not None:
        return await client.post(case.path, content=case.raw, headers={"content-type": "application/json"})
    return await client.post(case.path, json=case.body)


async def alone(url: str, case: Case) -> httpx.Response:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        return await send(client, case)


def outcome(case: Case, response: httpx.Response) -> dict:
    """What a response says, without what legitimately differs between two runs (ids, times)."""
    if case.path == "/ask/stream":
        done = json.loads(response.text.strip().split("\n\n")[-1].split("data: ", 1)[1])
        return {k: v for k, v in done.items() if k != "session_id"}
    body = response.json()
    if case.path == "/v1/chat/completions":
        return {"content": body["choices"][0]["message"]["content"], "citations": body["citations"], "answered": body["answered"]}
    if case.path == "/ask":
        return {k: v for k, v in body.items() if k != "session_id"}
    return body


@pytest.fixture(scope="module")
def server(tmp_path_factory, indexed):
    tmp = tmp_path_factory.mktemp("soak")
    copy_index(indexed[0].store.path, tmp)
    shutil.copytree(CORPUS, tmp / "corpus")
    env = serve_env(
        tmp,
        ASSISTANT_API__RATE_LIMIT_PER_MINUTE="0",  # every client is 127.0.0.1 here
        ASSISTANT_RETRIEVAL__REFRESH_S="1",  # pick up each new generation at once: more switches under load
        ASSISTANT_CORPUS__ARTICLES_DIR=str(tmp / "corpus" / "articles"),
        ASSISTANT_CORPUS__FACTS_FILE=str(tmp / "corpus" / "facts.yaml"),
        ASSISTANT_CORPUS__GLOSSARY_FILE=str(tmp / "corpus" / "glossary.yaml"),
    )
    with AssistantServer(tmp, env=env, name="soak") as server:
        yield server


def test_soak(server):
    kinds = cases()
    with httpx.Client(base_url=server.url, timeout=120) as client:
        for case in kinds:  # what each request gets alone
            response = asyncio.run(alone(server.url, case))
            assert response.status_code == case.status, (case.name, response.text[:300])
            if case.status == 200:
                case.expected = outcome(case, response)
        session = client.post("/ask", json={"question": CHENGDU}).json()["session_id"]
        follow_up = outcome(kinds[0], client.post("/ask", json={"question": "And Shenzhen?", "session_id": session}))
        first_generation = client.get("/health").json()["generation"]
    assert follow_up["answered"] and "Shenzhen" in follow_up["standalone_question"]

    statuses: Counter[int] = Counter()
    failures: list[str] = []
    ask_latency: list[float] = []
    health_latency: list[float] = []
    generations = {first_generation}
    reindexes: list[tuple[int, float]] = []
    sent = 0
    deadline = time.monotonic() + SOAK_SECONDS

    def check(name: str, response: httpx.Response, status: int, expected: dict | None, case: Case) -> None:
        statuses[response.status_code] += 1
        if response.status_code != status:
            failures.append(f"{name}: HTTP {response.status_code} instead of {status}: {response.text[:200]}")
        elif expected is not None and outcome(case, response) != expected:
            failures.append(f"{name}: the answer changed under load: {response.text[:200]}")

    async def client_loop(worker: int, client: httpx.AsyncClient) -> None:
        nonlocal sent
        rng = random.Random(worker)
        weights = [c.weight for c in kinds]
        while time.monotonic() < deadline and sent < MAX_REQUESTS:
            sent += 1
            if rng.random() < 0.08:  # a conversation kept by the server: a question, then its follow-up
                try:
                    opened = await client.post("/ask", json={"question": CHENGDU})
                    check("conversation start", opened, 200, kinds[0].expected, kinds[0])
                    if opened.status_code == 200:
                        sent += 1
                        body = {"question": "And Shenzhen?", "session_id": opened.json()["session_id"]}
                        check("conversation follow-up", await client.post("/ask", json=body), 200, follow_up, kinds[0])
                except httpx.HTTPError as exc:
                    failures.append(f"conversation: {type(exc).__name__}: {exc}")
                continue
            case = rng.choices(kinds, weights)[0]
            started = time.perf_counter()
            try:
                response = await send(client, case)
            except httpx.HTTPError as exc:
                failures.append(f"{case.name}: {type(exc).__name__}: {exc}")
                continue
            if case.path == "/ask" and case.status == 200:
                ask_latency.append(time.perf_counter() - started)
            check(case.name, response, case.status, case.expected, case)

    async def health_loop(client: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                response = await client.get("/health")
            except httpx.HTTPError as exc:
                failures.append(f"/health: {type(exc).__name__}: {exc}")
                continue
            health_latency.append(time.perf_counter() - started)
            if response.status_code != 200:
                failures.append(f"/health: HTTP {response.status_code}: {response.text[:200]}")
            else:
                generations.add(response.json()["generation"])
            await asyncio.sleep(0.2)

    async def reindex_loop() -> None:
        await asyncio.sleep(REINDEX_EVERY_S / 3)
        while time.monotonic() < deadline - 20:  # leave time for the last generation to be answered from
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "assistant.cli", "index", "--rebuild", "--json",
                cwd=server.tmp, env=server.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            out, err = await process.communicate()
            reindexes.append((process.returncode, time.perf_counter() - started))
            if process.returncode != 0:
                failures.append(f"assistant index --rebuild failed: {out.decode()[-300:]} {err.decode()[-500:]}")
            await asyncio.sleep(REINDEX_EVERY_S)

    async def one_client(worker: int) -> None:
        # Each client its own connection, as separate clients have: a connection shared through a
        # pool can sit idle past the server's keep-alive and be closed just as it is reused.
        async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=httpx.Limits(max_connections=1)) as client:
            await client_loop(worker, client)

    async def run() -> float:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as prober:
            started = time.perf_counter()
            await asyncio.gather(*(one_client(i) for i in range(CLIENTS)), health_loop(prober), reindex_loop())
            return time.perf_counter() - started

    elapsed = asyncio.run(run())
    asks = statistics.quantiles(ask_latency, n=100, method="inclusive")
    health = statistics.quantiles(health_latency, n=100, method="inclusive")
    errors = sum(n for status, n in statuses.items() if status >= 500)
    print(
        f"\nsoak: {sum(statuses.values())} requests from {CLIENTS} clients in {elapsed:.0f} s "
        f"({sum(statuses.values()) / elapsed:.1f}/s), {errors} 5xx, {len(failures)} failures; statuses {dict(sorted(statuses.items()))}; "
        f"/ask p50 {asks[49] * 1000:.0f} ms, p99 {asks[98] * 1000:.0f} ms; "
        f"/health p50 {health[49] * 1000:.0f} ms, p99 {health[98] * 1000:.0f} ms over {len(health_latency)} probes; "
        f"{len(reindexes)} re-indexes ({', '.join(f'{s:.0f} s' for _, s in reindexes)}), {len(generations)} generations answered from"
    )
    assert not failures, f"{len(failures)} failure(s), e.g. {failures[:5]}"
    assert errors == 0
    assert reindexes and all(code == 0 for code, _ in reindexes) and len(generations) >= 2
    assert health[98] < 1.0
    assert "Traceback" not in server.output()
