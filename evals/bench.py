"""Benchmarks: latency, throughput, cold start, indexing speed and behaviour at scale, with figures.

    .venv/bin/python -m evals.bench                 # everything (the 100k-chunk corpus takes minutes)
    .venv/bin/python -m evals.bench --sizes 1000    # a quick run
    .venv/bin/python -m evals.bench --llm local     # LLM mode with the packaged models (evals/llm_bench.py)

Prints every figure and writes evals/results/bench.json, bench.md and bench.png. Not a test: the
figures are for reading (targets are listed beside them), not for failing a build.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from assistant import offline
from evals.cases import load_cases

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results")
TARGETS = {
    "in_process_p50_ms": 20,
    "in_process_p95_ms": 50,
    "http_p50_ms": 30,
    "scale_latency_ratio_100k_to_1k": 3.0,
    "indexing_share_of_raw_embedding": 0.8,
    "indexing_with_extraction_share_of_raw_embedding": 0.7,
}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def say(text: str) -> None:
    print(text, flush=True)


def settings_for(tmp: Path, corpus: Path, *, learn: bool = True):
    from assistant.config import load_settings

    return load_settings(
        {
            "corpus": {
                "articles_dir": str(corpus / "articles"),
                "facts_file": str(corpus / "facts.yaml"),
                "glossary_file": str(corpus / "glossary.yaml"),
                "learn_facts": learn,
            },
            "store": {"path": str(tmp / "index"), "host": None},
            "api": {"sessions_url": f"sqlite:///{tmp / 'sessions.db'}", "rate_limit_per_minute": 0},
            "retrieval": {"query_cache": 0},
        },
        environ={},
    )


# ------------------------------------------------------------------------------ synthetic corpus

WORDS = (
    "robot chip model agent platform factory harbour city region market supplier network sensor battery grid "
    "vehicle drone satellite clinic school farm bank insurer retailer studio lab campus port railway airline"
).split()
VERBS = "expanded built opened shipped trained deployed acquired launched certified tested".split()
PLACES = "Northport Eastbay Westcove Lakeside Riverton Hillcrest Stonebridge Fairhaven Brookfield Oakmont".split()


def synthetic_sentence(rng: random.Random) -> str:
    return (
        f"In {rng.randint(2001, 2030)}, {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.randint(2, 900)} "
        f"{rng.choice(WORDS)}s and {rng.randint(2, 90)} {rng.choice(WORDS)} units for the {rng.choice(WORDS)} "
        f"{rng.choice(WORDS)} programme, {rng.choice(['up', 'down'])} {rng.randint(1, 60)}% on the year."
    )


CHUNKS_PER_ARTICLE = 30  # 20 paragraphs of three sentences make about 30 chunks of at most 120 tokens


def write_synthetic_corpus(folder: Path, chunks: int, *, seed: int = 7) -> None:
    """About ``chunks`` chunks: articles of 20 paragraphs of three generated sentences."""
    rng = random.Random(seed)
    articles = folder / "articles"
    articles.mkdir(parents=True)
    per_article = 20
    for a in range(max(1, round(chunks / CHUNKS_PER_ARTICLE))):
        paragraphs = ["\n".join(synthetic_sentence(rng) for _ in range(3)) for _ in range(per_article)]
        (articles / f"synthetic-{a:06d}.txt").write_text(f"Synthetic report {a}\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------------- measures


def raw_embedding_throughput(embeddings, texts: list[str]) -> float:
    embeddings.embed_documents(texts[:64])  # warm
    started = time.perf_counter()
    embeddings.embed_documents(texts)
    return len(texts) / (time.perf_counter() - started)


def index_corpus(corpus: Path, tmp: Path, embeddings, *, learn: bool = True) -> tuple[dict, object]:
    from assistant.indexer import run_index
    from assistant.store import Store

    settings = settings_for(tmp, corpus, learn=learn)
    started = time.perf_counter()
    report = run_index(settings, embeddings, Store(settings.store))
    seconds = time.perf_counter() - started
    return {
        "chunks": report.chunks,
        "facts": report.facts,
        "facts_learned": report.facts_learned,
        "extract_s": report.extract_seconds,
        "seconds": round(seconds, 2),
        "chunks_per_s": round(report.chunks / seconds, 1),
    }, settings


def query_latency(pipeline, questions: list[str], *, repeat: int = 1) -> dict:
    """Warm (model loaded, index in memory) but uncached: every question is embedded afresh."""
    for q in questions[:5]:
        pipeline.ask(q, history=[])
    times = []
    for _ in range(repeat):
        for q in questions:
            pipeline.searcher._vectors.clear()
            started = time.perf_counter()
            pipeline.ask(q, history=[])
            times.append(1000 * (time.perf_counter() - started))
    return {
        "n": len(times),
        "p50_ms": round(pct(times, 0.5), 2),
        "p95_ms": round(pct(times, 0.95), 2),
        "mean_ms": round(statistics.mean(times), 2),
    }


def retrieval_latency(pipeline, questions: list[str]) -> dict:
    """Retrieval alone (dense + BM25 + fusion), the part of a query that grows with the corpus."""
    pipeline.searcher._vectors.clear()
    for q in questions[:5]:
        pipeline.searcher.search(q)
    times = []
    for q in questions:
        started = time.perf_counter()
        pipeline.searcher.search(q)
        times.append(1000 * (time.perf_counter() - started))
    return {"p50_ms": round(pct(times, 0.5), 2), "p95_ms": round(pct(times, 0.95), 2)}


def http_measures(url: str, questions: list[str]) -> dict:
    with httpx.Client(base_url=url, timeout=120) as client:
        for q in questions[:5]:
            client.post("/ask", json={"question": q, "history": []})
        times = []
        for q in questions:
            started = time.perf_counter()
            client.post("/ask", json={"question": q, "history": []}).raise_for_status()
            times.append(1000 * (time.perf_counter() - started))
    out = {"p50_ms": round(pct(times, 0.5), 2), "p95_ms": round(pct(times, 0.95), 2), "throughput": {}}
    for concurrency in (1, 8, 32):
        total = max(64, 8 * concurrency)
        work = [questions[i % len(questions)] for i in range(total)]

        def one(question: str, client: httpx.Client) -> float:
            started = time.perf_counter()
            client.post("/ask", json={"question": question, "history": []}).raise_for_status()
            return time.perf_counter() - started

        with httpx.Client(base_url=url, timeout=120, limits=httpx.Limits(max_connections=concurrency)) as client:
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
                latencies = list(pool.map(lambda q: one(q, client), work))
            elapsed = time.perf_counter() - started
        out["throughput"][str(concurrency)] = {
            "requests": total,
            "requests_per_s": round(total / elapsed, 1),
            "p50_ms": round(1000 * pct(latencies, 0.5), 1),
            "p95_ms": round(1000 * pct(latencies, 0.95), 1),
        }
    return out


def cold_start(tmp: Path) -> dict:
    """Seconds from a new process to its first answer: the CLI, and `assistant serve` to its first /ask."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update({"ASSISTANT_STORE__PATH": str(tmp / "index"), "ASSISTANT_API__SESSIONS_URL": f"sqlite:///{tmp / 'cold.db'}"})
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", "How many companies does Chengdu have?", "--local"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    cli = time.perf_counter() - started
    from tests.servers import free_port

    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                if (
                    httpx.post(f"http://127.0.0.1:{port}/ask", json={"question": "Which city leads the list?"}, timeout=60).status_code
                    == 200
                ):
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        serve = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"cli_ask_s": round(cli, 2), "serve_to_first_answer_s": round(serve, 2)}


def sample_chunks(corpus: Path, n: int) -> list[str]:
    """The first ``n`` chunks of a corpus, as the indexer cuts them."""
    from assistant.chunking import chunk_article
    from assistant.corpus import load_articles

    texts: list[str] = []
    for article in load_articles(corpus / "articles").values():
        texts += [c.text for c in chunk_article(article, encoding_name="cl100k_base", max_tokens=120, overlap_sentences=1)]
        if len(texts) >= n:
            break
    return texts[:n]


def scale(sizes: list[int], embeddings, tmp_root: Path, *, indexing_only: bool = False) -> list[dict]:
    from assistant.chain import build_pipeline
    from assistant.store import Store

    rows = []
    rng = random.Random(11)
    questions = [
        f"How many {rng.choice(WORDS)}s did {rng.choice(PLACES)} {rng.choice(VERBS).rstrip('ed')} in {rng.randint(2001, 2030)}?"
        for _ in range(100)
    ]
    for size in sizes:
        tmp = tmp_root / f"scale-{size}"
        corpus = tmp / "corpus"
        write_synthetic_corpus(corpus, size)
        say(f"  scale {size:>7} chunks: raw embedding throughput on its chunks, then indexing...")
        raw = raw_embedding_throughput(embeddings, sample_chunks(corpus, 1024))
        say("    indexing without extraction...")
        off, _ = index_corpus(corpus, tmp / "off", embeddings, learn=False)
        shutil.rmtree(tmp / "off", ignore_errors=True)
        say("    indexing with extraction...")
        index, settings = index_corpus(corpus, tmp, embeddings)
        extraction = {
            "index_off_chunks_per_s": off["chunks_per_s"],
            "indexing_off_share_of_raw": round(off["chunks_per_s"] / raw, 3),
            "facts_learned": index["facts_learned"],
            "extract_s": index["extract_s"],
            "extract_s_per_1k_chunks": round(1000 * index["extract_s"] / max(1, index["chunks"]), 2),
        }
        if indexing_only:
            row = {"chunks": index["chunks"], "index_s": index["seconds"], "index_chunks_per_s": index["chunks_per_s"]}
            row |= {"raw_embedding_per_s": round(raw, 1), "indexing_share_of_raw": round(index["chunks_per_s"] / raw, 3), **extraction}
            say(f"    {row}")
            rows.append(row)
            shutil.rmtree(tmp, ignore_errors=True)
            continue
        before = rss_mb()
        started = time.perf_counter()
        pipeline = build_pipeline(settings, embeddings=embeddings, store=Store(settings.store))
        pipeline.reader()
        load_s = time.perf_counter() - started
        answer = query_latency(pipeline, questions)
        retrieval = retrieval_latency(pipeline, questions)
        row = {
            "chunks": index["chunks"],
            "index_s": index["seconds"],
            "index_chunks_per_s": index["chunks_per_s"],
            "load_s": round(load_s, 2),
        }
        row |= {"raw_embedding_per_s": round(raw, 1), "indexing_share_of_raw": round(index["chunks_per_s"] / raw, 3), **extraction}
        row |= {
            "answer_p50_ms": answer["p50_ms"],
            "answer_p95_ms": answer["p95_ms"],
            "retrieval_p50_ms": retrieval["p50_ms"],
            "retrieval_p95_ms": retrieval["p95_ms"],
        }
        row |= {"rss_mb": round(rss_mb(), 1), "rss_added_by_index_mb": round(rss_mb() - before, 1)}
        say(f"    {row}")
        rows.append(row)
        del pipeline
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["chunks"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(sizes, [r["answer_p50_ms"] for r in rows], "o-", label="answer p50")
    ax.plot(sizes, [r["answer_p95_ms"] for r in rows], "o--", label="answer p95")
    ax.plot(sizes, [r["retrieval_p50_ms"] for r in rows], "s-", label="retrieval p50")
    ax.set_xscale("log")
    ax.set_xlabel("chunks in the index")
    ax.set_ylabel("milliseconds")
    ax.set_title(f"Query latency against corpus size ({os.cpu_count()} cores)")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def markdown(result: dict) -> str:
    m, t = result["machine"], TARGETS
    lines = [
        "# Benchmark",
        "",
        f"{m['date']}, {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GiB, Python {m['python']}. Regenerate: `.venv/bin/python -m evals.bench`.",
        "",
        "| measure | figure | target |",
        "| --- | --- | --- |",
    ]
    ip = result.get("in_process")
    if ip:
        lines += [
            f"| answer latency in process, p50 | {ip['p50_ms']} ms | < {t['in_process_p50_ms']} ms |",
            f"| answer latency in process, p95 | {ip['p95_ms']} ms | < {t['in_process_p95_ms']} ms |",
        ]
    http = result.get("http")
    if http:
        lines += [
            f"| answer latency over HTTP, p50 | {http['p50_ms']} ms | < {t['http_p50_ms']} ms |",
            f"| answer latency over HTTP, p95 | {http['p95_ms']} ms | |",
        ]
        for c, row in http["throughput"].items():
            lines.append(
                f"| throughput at concurrency {c} | {row['requests_per_s']} req/s (p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms) | |"
            )
    cold = result.get("cold_start")
    if cold:
        lines += [
            f"| cold start: `assistant ask` to its answer | {cold['cli_ask_s']} s | |",
            f"| cold start: `assistant serve` to its first answer | {cold['serve_to_first_answer_s']} s | |",
        ]
    idx = result.get("indexing")
    if idx:
        lines.append(
            f"| index build, this corpus ({idx['corpus']['chunks']} chunks + {idx['corpus']['facts']} facts) | {idx['corpus']['seconds']} s | |"
        )
        if idx.get("raw_embedding_per_s"):
            lines.append(f"| raw embedding throughput of the model (same chunks) | {idx['raw_embedding_per_s']} chunks/s | |")
        for big in result.get("scale", []):
            if "index_off_chunks_per_s" in big:
                lines.append(
                    f"| index build, {big['chunks']} synthetic chunks, extraction off | {big['index_off_chunks_per_s']} chunks/s = {big['indexing_off_share_of_raw']:.0%} of raw | >= {t['indexing_share_of_raw_embedding']:.0%} |"
                )
            lines.append(
                f"| index build, {big['chunks']} synthetic chunks, extraction on | {big['index_chunks_per_s']} chunks/s = {big['indexing_share_of_raw']:.0%} of raw | >= {t['indexing_with_extraction_share_of_raw_embedding']:.0%} |"
            )
            if "extract_s_per_1k_chunks" in big:
                lines.append(
                    f"| extraction, {big['chunks']} synthetic chunks ({big['facts_learned']} facts learned) | {big['extract_s_per_1k_chunks']} s per 1k chunks | |"
                )
    rows = result.get("scale", [])
    if len(rows) >= 2 and "scale_ratio" in result:
        lines.append(
            f"| query latency at {rows[-1]['chunks']} chunks / at {rows[0]['chunks']} | {result['scale_ratio']:.2f}x | < {t['scale_latency_ratio_100k_to_1k']}x |"
        )
    if rows and "answer_p50_ms" in rows[0]:
        lines += [
            "",
            "## Scale (synthetic corpora)",
            "",
            "| chunks | index s | chunks/s | load s | answer p50 / p95 ms | retrieval p50 / p95 ms | RSS MB |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in rows:
            lines.append(
                f"| {r['chunks']} | {r['index_s']} | {r['index_chunks_per_s']} | {r['load_s']} | {r['answer_p50_ms']} / {r['answer_p95_ms']} | {r['retrieval_p50_ms']} / {r['retrieval_p95_ms']} | {r['rss_mb']} |"
            )
        lines += ["", "![latency against corpus size](bench.png)"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic corpus sizes in chunks, comma-separated ('' to skip)")
    parser.add_argument("--skip-http", action="store_true", help="skip the HTTP, throughput and cold-start measures")
    parser.add_argument(
        "--llm", choices=["local"], help="measure LLM mode instead: accuracy and latency of the packaged models (evals/llm_bench.py)"
    )
    parser.add_argument("--models", default="0.5b,1.5b", help="with --llm: the packaged models to measure, comma-separated")
    parser.add_argument(
        "--dev", action="append", type=Path, help="with --llm: a dev set folder (articles/ + cases.yaml); default: evals/llm_dev"
    )
    parser.add_argument("--gate-sample", type=int, help="with --llm: ask this many eval-gate cases, spread over the set (default: all)")
    parser.add_argument("--no-gate", action="store_true", help="with --llm: skip the eval gate")
    parser.add_argument("--no-dev", action="store_true", help="with --llm: skip the dev sets")
    parser.add_argument(
        "--general", choices=("dev", "test"), help="with --llm: also ask this split of the general set (evals/general; test is held out)"
    )
    parser.add_argument("--general-sample", type=int, help="with --general: ask this many of its cases, spread over the split")
    parser.add_argument("--out", default="llm_bench", help="with --llm: name of the result files in evals/results/")
    parser.add_argument("--threads", type=int, help="with --llm: threads for the model (default: the setting's default)")
    parser.add_argument(
        "--timeout", type=float, help="with --llm: seconds the model may take (default: ASSISTANT_LLM__TIMEOUT_S's default)"
    )
    parser.add_argument(
        "--indexing-only", action="store_true", help="only indexing throughput (extraction on and off) at --sizes, against raw embedding"
    )
    args = parser.parse_args(argv)
    if args.llm:
        from evals.llm_bench import run

        models = [m.strip() for m in args.models.split(",") if m.strip()]
        dev = [] if args.no_dev else args.dev or [ROOT / "evals" / "llm_dev"]
        gate = not args.no_gate
        general = (args.general, args.general_sample) if args.general else None
        return run(
            models,
            dev_sets=dev,
            gate_sample=args.gate_sample,
            gate=gate,
            general=general,
            threads=args.threads,
            timeout_s=args.timeout,
            out=args.out,
        )
    offline.prepare()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    import psutil

    from assistant.chain import build_pipeline
    from assistant.config import EmbeddingSettings
    from assistant.embeddings import build_embeddings
    from assistant.store import Store

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")
        )
    result: dict = {
        "machine": {
            "cores": os.cpu_count(),
            "cpu": cpu,
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d"),
        },
        "targets": TARGETS,
    }
    embeddings = build_embeddings(EmbeddingSettings())
    tmp_root = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    try:
        say("index build of corpus/ ...")
        corpus_index, settings = index_corpus(ROOT / "corpus", tmp_root / "corpus", embeddings)
        say(f"  {corpus_index}")
        if not args.indexing_only:
            pipeline = build_pipeline(settings, embeddings=embeddings, store=Store(settings.store))
            questions = [t.question for c in load_cases() for t in c.turns[:1]]
            say("answer latency in process (warm, every eval question x3)...")
            result["in_process"] = query_latency(pipeline, questions, repeat=3)
            say(f"  {result['in_process']}")

        if not args.skip_http and not args.indexing_only:
            from tests.servers import AssistantServer, copy_index

            http_tmp = tmp_root / "http"
            copy_index(settings.store.path, http_tmp)
            env_tmp = http_tmp
            from tests.servers import serve_env

            env = serve_env(env_tmp, ASSISTANT_RETRIEVAL__QUERY_CACHE="0", ASSISTANT_API__RATE_LIMIT_PER_MINUTE="0")
            with AssistantServer(env_tmp, env=env) as server:
                say("answer latency over HTTP and throughput...")
                result["http"] = http_measures(server.url, questions)
                say(f"  {result['http']}")
            say("cold start...")
            result["cold_start"] = cold_start(tmp_root / "corpus")
            say(f"  {result['cold_start']}")

        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        result["indexing"] = {"corpus": corpus_index}
        if sizes:
            say("scale...")
            rows = scale(sizes, embeddings, tmp_root, indexing_only=args.indexing_only)
            result["scale"] = rows
            largest = max(rows, key=lambda r: r["chunks"])
            result["indexing"] |= {
                "largest": largest,
                "raw_embedding_per_s": largest["raw_embedding_per_s"],
                "share_of_raw": largest["indexing_share_of_raw"],
            }
            if len(rows) >= 2 and not args.indexing_only:
                result["scale_ratio"] = round(rows[-1]["answer_p50_ms"] / rows[0]["answer_p50_ms"], 2)
            RESULTS.mkdir(exist_ok=True)
            if not args.indexing_only:
                plot(rows, RESULTS / "bench.png")
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    name = "bench-indexing" if args.indexing_only else "bench"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(markdown(result), encoding="utf-8")
    say("\n" + markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
