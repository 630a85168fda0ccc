"""Benchmark of documents and the CLI against a running server: figures to read, not a test.

    .venv/bin/python -m evals.bench_uploads

Starts `assistant serve` on a copy of the corpus (it indexes it first), then measures:
- `assistant ask` against that server, end to end (a new process each time: start-up, request, output);
- the same question answered in-process (`--local`: the model loads first);
- a 20-page PDF uploaded with `POST /sources`, until a question only it answers is answered.

Prints the figures and writes evals/results/bench-uploads.json.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from evals.bench import synthetic_sentence

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results")
QUESTION = "How many companies does Chengdu have on the list?"
FACT = "The Zorblat beacon was installed in 1987 on the northern cliff."
FACT_QUESTION = "When was the Zorblat beacon installed?"
TARGET_CLI_S = 2.0


def say(text: str) -> None:
    print(text, flush=True)


def twenty_page_pdf(path: Path, *, pages: int = 20, seed: int = 11) -> Path:
    """About ``pages`` pages of prose, the fact to ask about in the middle of page 17."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF()
    pdf.set_title("Synthetic field report")
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        for paragraph in range(5):
            text = " ".join(synthetic_sentence(rng) for _ in range(6))
            if page == 17 and paragraph == 2:
                text += " " + FACT
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path


def cli(env: dict[str, str], *args: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system) and the result of one `assistant` command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True, cwd=ROOT, timeout=600)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), run


def cpu_seconds(pid: int) -> float:
    """CPU seconds a process (and its threads) has used so far."""
    import psutil

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def main() -> int:
    from tests.servers import AssistantServer, serve_env, writable_corpus

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-uploads-") as folder:
        tmp = Path(folder)
        _, corpus_env = writable_corpus(tmp)
        env = serve_env(tmp, **corpus_env)
        started = time.perf_counter()
        with AssistantServer(tmp, env=env) as server:
            httpx.post(f"{server.url}/ask", json={"question": QUESTION}, timeout=120).raise_for_status()
            results["serve_with_indexing_to_first_answer_s"] = round(time.perf_counter() - started, 1)
            cli_env = {**env, "ASSISTANT_API__SESSIONS_URL": f"sqlite:///{tmp / 'cli.db'}"}

            walls, cpus, answers = [], [], []
            for _ in range(5):
                serving = cpu_seconds(server.process.pid)
                seconds, cpu, run = cli(cli_env, "ask", QUESTION, "--url", server.url)
                assert run.returncode == 0 and "11" in run.stdout, run.stderr
                walls.append(seconds)
                cpus.append(cpu)
                answers.append(cpu_seconds(server.process.pid) - serving)
            # On a busy machine the wall time mostly measures waiting for a core; the CPU time of the
            # CLI plus the server's for the answer is what the same call takes on an idle one.
            results["cli_ask_against_server_s"] = {
                "wall_median": round(statistics.median(walls), 2),
                "wall_min": round(min(walls), 2),
                "cli_cpu_median": round(statistics.median(cpus), 2),
                "server_cpu_median": round(statistics.median(answers), 3),
            }
            seconds, cpu, run = cli(cli_env, "ask", QUESTION, "--local")
            assert run.returncode == 0, run.stderr
            results["cli_ask_in_process_s"] = {"wall": round(seconds, 1), "cpu": round(cpu, 1)}

            pdf = twenty_page_pdf(tmp / "field-report.pdf")
            serving = cpu_seconds(server.process.pid)
            started = time.perf_counter()
            response = httpx.post(f"{server.url}/sources", files=[("file", (pdf.name, pdf.read_bytes()))], timeout=600)
            uploaded = time.perf_counter() - started
            response.raise_for_status()
            answer = httpx.post(f"{server.url}/ask", json={"question": FACT_QUESTION}, timeout=120).json()
            answerable = time.perf_counter() - started
            upload_cpu = cpu_seconds(server.process.pid) - serving
            assert answer["answered"] and "1987" in answer["answer"], answer
            (added,) = response.json()["sources"]
            from pypdf import PdfReader

            results["upload_20_page_pdf"] = {
                "pages": len(PdfReader(pdf).pages),
                "bytes": pdf.stat().st_size,
                "chunks_added": added["chunks_added"],
                "upload_response_s": round(uploaded, 2),
                "upload_to_answered_s": round(answerable, 2),
                "server_cpu_s": round(upload_cpu, 1),
            }
    results["target_cli_ask_against_server_s"] = TARGET_CLI_S
    results["cores"] = os.cpu_count()
    results["load_average_1min"] = round(os.getloadavg()[0], 1)
    say(json.dumps(results, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench-uploads.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
