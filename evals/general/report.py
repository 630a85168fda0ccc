"""Accuracy by kind and split, refusals and latency of a general-set run, written as Markdown and JSON."""

from __future__ import annotations

import json
import os
import platform
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from evals.general.runner import TurnResult

RESULTS = Path(__file__).resolve().parent.parent / "results"


@dataclass
class Run:
    """Everything one run measured; ``seeds`` maps a mode (curated, articles-only, baseline) to results."""

    ours: list[TurnResult] = field(default_factory=list)
    baseline: list[TurnResult] = field(default_factory=list)
    seeds: dict[str, list[TurnResult]] = field(default_factory=dict)
    articles: int = 0
    command: str = "python -m evals.general --split all --articles-only-seeds"


def _p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(results: list[TurnResult]) -> dict:
    """Case accuracy overall and by kind (a case passes when all its turns do), refusals, latency."""
    cases: dict[str, list[TurnResult]] = defaultdict(list)
    for r in results:
        cases[r.case].append(r)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for turns in cases.values():
        by_kind[turns[0].kind].append(all(t.passed for t in turns))
    answerable = [r for r in results if r.expects_answer]
    refused = [r for r in results if not r.answered]
    should_refuse = [r for r in results if not r.expects_answer]
    seconds = [r.seconds for r in results]
    passed = sum(all(t.passed for t in turns) for turns in cases.values())
    return {
        "cases": len(cases),
        "turns": len(results),
        "passed": passed,
        "accuracy": passed / max(1, len(cases)),
        "by_kind": {k: {"cases": len(v), "passed": sum(v), "accuracy": sum(v) / len(v)} for k, v in sorted(by_kind.items())},
        "answerable_accuracy": sum(r.passed for r in answerable) / max(1, len(answerable)),
        "refusal_precision": sum(not r.expects_answer for r in refused) / max(1, len(refused)),
        "refusal_recall": sum(not r.answered for r in should_refuse) / max(1, len(should_refuse)),
        "latency_ms_p50": 1000 * _p(seconds, 0.5),
        "latency_ms_p95": 1000 * _p(seconds, 0.95),
    }


def by_split(results: list[TurnResult]) -> dict[str, dict]:
    """``summarise`` for each split present, plus ``all``."""
    splits = sorted({r.split for r in results})
    out = {s: summarise([r for r in results if r.split == s]) for s in splits}
    if len(splits) > 1:
        out["all"] = summarise(results)
    return out


def payload(run: Run) -> dict:
    return {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d"),
            # latency depends on what else the machine runs: the load says how busy it was
            "load_average": round(os.getloadavg()[0], 1),
        },
        "command": run.command,
        "articles": run.articles,
        "general": {"ours": by_split(run.ours), "baseline": by_split(run.baseline)},
        "seeds": {mode: summarise(results) for mode, results in run.seeds.items()},
        # only dev failures are listed: the test split is for measuring, not for reading failures off
        "dev_failures": [asdict(r) for r in run.ours if not r.passed and r.split != "test"],
    }


def write(run: Run, target: Path = RESULTS, name: str = "general") -> dict:
    """Write ``NAME.md`` and ``NAME.json`` into ``target``; return the JSON payload."""
    data = payload(run)
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (target / f"{name}.md").write_text(markdown(data), encoding="utf-8")
    return data


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _cell(summary: dict | None, kind: str | None = None) -> str:
    if not summary:
        return "n/a"
    if kind is None:
        return f"{_pct(summary['accuracy'])} ({summary['passed']}/{summary['cases']})"
    k = summary["by_kind"].get(kind)
    return f"{_pct(k['accuracy'])} ({k['passed']}/{k['cases']})" if k else "n/a"


def markdown(data: dict) -> str:
    machine, ours, base = data["machine"], data["general"]["ours"], data["general"]["baseline"]
    splits = [s for s in ("dev", "test", "all") if s in ours]
    first = ours[splits[0]] if splits else {"cases": 0, "turns": 0}
    total = ours.get("all", first)
    lines = [
        "# General eval report",
        "",
        f"`{data['command']}` on {machine['date']}, {machine['cores']} cores (load average {machine['load_average']}), "
        f"Python {machine['python']}: "
        f"{data['articles']} articles no rule was written for, {total['cases']} cases ({total['turns']} questions), "
        "indexed from the articles alone (no curated facts or glossary).",
        "",
        "A case passes when every turn does: an answerable question is answered, the answer holds every expected "
        "value, cites the expected article and is under 500 characters; an unanswerable one is declined; every "
        "citation is verbatim at its offsets. The naive baseline is plain LangChain RAG (evals/baseline.py): "
        "dense top-4 chunks, the closest sentence as the answer, no memory, never declines.",
        "",
        "| kind | " + " | ".join(f"{s}: assistant | {s}: baseline" for s in splits) + " |",
        "| --- |" + " --- | --- |" * len(splits),
    ]
    kinds = sorted({k for s in splits for k in ours[s]["by_kind"]})
    for kind in kinds:
        lines.append(f"| {kind} | " + " | ".join(f"{_cell(ours[s], kind)} | {_cell(base.get(s), kind)}" for s in splits) + " |")
    lines.append("| **all cases** | " + " | ".join(f"**{_cell(ours[s])}** | {_cell(base.get(s))}" for s in splits) + " |")

    def row(name: str, key: str, fmt=_pct) -> None:
        cells = " | ".join(f"{fmt(ours[s][key])} | {fmt(base[s][key]) if s in base else 'n/a'}" for s in splits)
        lines.append(f"| {name} | {cells} |")

    row("answerable questions right", "answerable_accuracy")
    row("refusal precision", "refusal_precision")
    row("refusal recall", "refusal_recall")
    row("latency p50 (in process)", "latency_ms_p50", lambda x: f"{x:.1f} ms")
    row("latency p95 (in process)", "latency_ms_p95", lambda x: f"{x:.1f} ms")
    seeds = data["seeds"]
    if seeds:
        modes = list(seeds)
        lines += [
            "",
            "## Seed eval set: curated files and articles only",
            "",
            "`evals/cases.yaml` over `corpus/articles`, with `corpus/facts.yaml` and `corpus/glossary.yaml` "
            "(curated) and with both ignored (articles only).",
            "",
            "| kind | " + " | ".join(modes) + " |",
            "| --- |" + " --- |" * len(modes),
        ]
        for kind in sorted({k for m in modes for k in seeds[m]["by_kind"]}):
            lines.append(f"| {kind} | " + " | ".join(_cell(seeds[m], kind) for m in modes) + " |")
        lines.append("| **all cases** | " + " | ".join(f"**{_cell(seeds[m])}**" for m in modes) + " |")
        lines.append("| latency p50 | " + " | ".join(f"{seeds[m]['latency_ms_p50']:.1f} ms" for m in modes) + " |")
    failures = data["dev_failures"]
    tested = ours.get("test")
    lines += ["", f"## Dev failures ({len(failures)} questions)", ""]
    if tested:
        lines += [f"Test split: {tested['cases'] - tested['passed']} of {tested['cases']} cases failed (not listed: measured only).", ""]
    lines += [f"- `{f['case']}` turn {f['turn']}: {f['question']!r} -> {f['answer']!r} ({'; '.join(f['problems'])})" for f in failures]
    return "\n".join(lines) + "\n"
