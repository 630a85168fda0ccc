"""Collects every eval result and writes ``evals/results/report.md`` and ``report.json``."""

from __future__ import annotations

import json
import os
import platform
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

RESULTS = Path(__file__).with_name("results")
K = 8


@dataclass
class Result:
    case: str
    kind: str
    turn: int
    question: str
    standalone: str
    answer: str
    passed: bool
    problems: list[str]
    answered: bool
    citations: int
    citations_verbatim: int
    citations_supporting: int
    relevant_rank: int | None  # rank of the first retrieved passage holding the expected values
    retrievable: bool  # some passage holds the expected values (not so for computed answers)
    expects_answer: bool
    seconds: float


@dataclass
class Recorder:
    ours: list[Result] = field(default_factory=list)
    baseline: list[Result] = field(default_factory=list)
    http: list[Result] = field(default_factory=list)


def _p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(results: list[Result]) -> dict:
    by_kind: dict[str, list[Result]] = defaultdict(list)
    cases: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        cases[r.case].append(r)
    for case_results in cases.values():
        by_kind[case_results[0].kind].append(case_results[0] if len(case_results) == 1 else _merge(case_results))
    answerable = [r for r in results if r.expects_answer]
    ranks = [r.relevant_rank for r in answerable if r.retrievable]
    cited = sum(r.citations for r in results)
    seconds = [r.seconds for r in results]
    return {
        "cases": len(cases),
        "turns": len(results),
        "accuracy": sum(all(t.passed for t in c) for c in cases.values()) / max(1, len(cases)),
        "by_kind": {
            k: {"cases": len(v), "passed": sum(r.passed for r in v), "accuracy": sum(r.passed for r in v) / len(v)}
            for k, v in sorted(by_kind.items())
        },
        "recall_at_k": sum(1 for r in ranks if r is not None and r <= K) / max(1, len(ranks)),
        "mrr": sum(1.0 / r for r in ranks if r) / max(1, len(ranks)),
        "citations": cited,
        "citations_verbatim": sum(r.citations_verbatim for r in results) / max(1, cited),
        "answers_citing_the_value": sum(1 for r in answerable if r.citations_supporting) / max(1, len(answerable)),
        "refusal_precision": _refusal(results)[0],
        "refusal_recall": _refusal(results)[1],
        "latency_ms_p50": 1000 * _p(seconds, 0.5),
        "latency_ms_p95": 1000 * _p(seconds, 0.95),
    }


def _merge(turns: list[Result]) -> Result:
    merged = Result(**asdict(turns[0]))
    merged.passed = all(t.passed for t in turns)
    return merged


def _refusal(results: list[Result]) -> tuple[float, float]:
    refused = [r for r in results if not r.answered]
    should = [r for r in results if not r.expects_answer]
    precision = sum(1 for r in refused if not r.expects_answer) / max(1, len(refused))
    recall = sum(1 for r in should if not r.answered) / max(1, len(should))
    return precision, recall


def write_report(recorder: Recorder, *, name: str = "report") -> None:
    RESULTS.mkdir(exist_ok=True)
    ours, base = summarise(recorder.ours), summarise(recorder.baseline) if recorder.baseline else None
    http = summarise(recorder.http) if recorder.http else None
    machine = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "date": time.strftime("%Y-%m-%d"),
    }
    payload = {
        "machine": machine,
        "ours": ours,
        "baseline": base,
        "http_sample": http,
        "failures": [asdict(r) for r in recorder.ours if not r.passed],
    }
    (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(_markdown(ours, base, http, machine, recorder), encoding="utf-8")


def _markdown(ours: dict, base: dict | None, http: dict | None, machine: dict, recorder: Recorder) -> str:
    def pct(x: float) -> str:
        return f"{100 * x:.1f}%"

    lines = [
        "# Eval report",
        "",
        f"`pytest evals/` on {machine['date']}, {machine['cores']} cores, Python {machine['python']}. "
        f"{ours['cases']} cases ({ours['turns']} questions). Regenerate: `.venv/bin/python -m pytest evals`.",
        "",
        "| metric | this assistant | naive baseline |",
        "| --- | --- | --- |",
    ]

    def row(name: str, key: str, fmt=pct) -> None:
        lines.append(f"| {name} | {fmt(ours[key])} | {fmt(base[key]) if base else 'n/a'} |")

    row("accuracy (all cases)", "accuracy")
    for kind in ours["by_kind"]:
        a = ours["by_kind"][kind]
        b = base["by_kind"].get(kind) if base else None
        lines.append(f"| accuracy: {kind} ({a['cases']}) | {pct(a['accuracy'])} | {pct(b['accuracy']) if b else 'n/a'} |")
    row(f"retrieval recall@{K}", "recall_at_k")
    row("retrieval MRR", "mrr", lambda x: f"{x:.3f}")
    row("citations verbatim at their offsets", "citations_verbatim")
    row("answers whose citations hold the expected value", "answers_citing_the_value")
    row("refusal precision", "refusal_precision")
    row("refusal recall", "refusal_recall")
    row("answer latency p50 (in process)", "latency_ms_p50", lambda x: f"{x:.1f} ms")
    row("answer latency p95 (in process)", "latency_ms_p95", lambda x: f"{x:.1f} ms")
    if http:
        lines += [
            "",
            f"Through the HTTP API (a sample of {http['turns']} questions): accuracy {pct(http['accuracy'])}, p50 {http['latency_ms_p50']:.1f} ms, p95 {http['latency_ms_p95']:.1f} ms.",
        ]
    lines += [
        "",
        "The baseline is plain LangChain RAG: RecursiveCharacterTextSplitter (1000/200), the same embedding model, "
        "dense top-4, and the single closest sentence as the answer; it never refuses and has no conversation memory.",
        "",
    ]
    failures = [r for r in recorder.ours if not r.passed]
    lines.append(f"## Failures ({len(failures)})")
    lines.append("")
    for r in failures:
        lines.append(f"- `{r.case}` turn {r.turn}: {r.question!r} -> {r.answer!r} ({'; '.join(r.problems)})")
    if not failures:
        lines.append("None.")
    return "\n".join(lines) + "\n"
