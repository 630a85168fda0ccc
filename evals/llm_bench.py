"""LLM mode measured: accuracy by kind and latency of the packaged local models beside the offline default.

    .venv/bin/python -m evals.bench --llm local                          # gate + dev sets, offline, 0.5B and 1.5B
    .venv/bin/python -m evals.bench --llm local --models 0.5b --gate-sample 60
    .venv/bin/python -m evals.bench --llm local --no-gate --no-dev --general test --general-sample 40

Every question is asked through ``Pipeline.stream``, as the UI does, so each gives its latency to the
first token the model writes, to the first checked sentence, and to the whole answer. Sets: the eval
gate (``evals/cases.yaml`` over ``corpus/``) and dev sets (a folder holding ``articles/`` and
``cases.yaml``, such as ``evals/llm_dev``) and a split of the general set (``evals/general``, whose
test split no prompt was tuned on). Writes evals/results/llm_bench.md and .json.
"""

from __future__ import annotations

import collections
import json
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from evals.cases import Case, load_cases, missing_values

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results")


@dataclass
class Tally:
    """What one setting did on one question set."""

    by_kind: dict[str, list[int]] = field(default_factory=lambda: collections.defaultdict(lambda: [0, 0]))
    answerable: list[int] = field(default_factory=lambda: [0, 0])
    declined: list[int] = field(default_factory=lambda: [0, 0])
    seconds: list[float] = field(default_factory=list)
    first_token: list[float] = field(default_factory=list)
    first_sentence: list[float] = field(default_factory=list)
    fallbacks: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        def pct(values: list[float], q: float) -> float | None:
            ordered = sorted(values)
            return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2) if ordered else None

        return {
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(self.by_kind.items())},
            "answerable_right": f"{self.answerable[0]}/{self.answerable[1]}",
            "unanswerable_declined": f"{self.declined[0]}/{self.declined[1]}",
            "p50_s": pct(self.seconds, 0.5),
            "p95_s": pct(self.seconds, 0.95),
            "mean_s": round(statistics.mean(self.seconds), 2) if self.seconds else None,
            "first_token_p50_s": pct(self.first_token, 0.5),
            "first_sentence_p50_s": pct(self.first_sentence, 0.5),
            "fallbacks": self.fallbacks,
        }


def run_set(pipeline, cases: list[Case], *, held_out: bool = False) -> Tally:
    """Ask ``cases``; a held-out set shows only which cases failed, never their questions or answers."""
    articles = pipeline.reader().snapshot.articles
    tally = Tally()
    for case in cases:
        session, passed = None, True
        for turn in case.turns:
            started = time.perf_counter()
            first_token = first_sentence = None
            answer = None
            for event in pipeline.stream(turn.question, session_id=session):
                now = time.perf_counter() - started
                if event["event"] == "token" and first_token is None:
                    first_token = now
                elif event["event"] == "delta" and first_sentence is None:
                    first_sentence = now
                elif event["event"] == "done":
                    answer = event["data"]
            tally.seconds.append(time.perf_counter() - started)
            if first_token is not None:
                tally.first_token.append(first_token)
            if first_sentence is not None:
                tally.first_sentence.append(first_sentence)
            session = answer["session_id"]
            tally.fallbacks += bool(pipeline.llm is not None and answer["mode"] != "llm")
            problems = [] if answer["answered"] == turn.answered else [f"answered={answer['answered']}"]
            if turn.answered and answer["answered"]:
                problems += [f"missing {m!r}" for m in missing_values(answer["answer"], turn)]
                if turn.source and turn.source not in {c["source"] for c in answer["citations"]}:
                    problems.append(f"does not cite {turn.source}")
            problems += [
                "a quote is not verbatim" for c in answer["citations"] if articles[c["source"]].text[c["start"] : c["end"]] != c["quote"]
            ]
            right = not problems
            notice = f" ({answer['notice'][:160]})" if answer.get("notice") else ""
            shown = "" if held_out else f": {answer['answer'][:100]}{notice}"
            print(f"  {case.id} {tally.seconds[-1]:.1f}s {'ok' if right else 'FAIL'}{shown}", flush=True)
            (tally.answerable if turn.answered else tally.declined)[0] += right
            (tally.answerable if turn.answered else tally.declined)[1] += 1
            if problems:
                passed = False
                detail = "" if held_out else f" {turn.question!r}: {'; '.join(problems)} -> {answer['answer']} ({answer.get('notice')})"
                tally.failures.append(f"{case.id}{detail}")
        tally.by_kind[case.kind][0] += passed
        tally.by_kind[case.kind][1] += 1
    return tally


def sample(cases: list[Case], n: int | None) -> list[Case]:
    """``n`` cases spread evenly over the set (every kind keeps its share), or all."""
    if not n or n >= len(cases):
        return cases
    step = len(cases) / n
    return [cases[int(i * step)] for i in range(n)]


def settings_for(tmp: Path, corpus: Path, llm: dict):
    from assistant.config import load_settings

    return load_settings(
        {
            "corpus": {
                "articles_dir": str(corpus / "articles"),
                "facts_file": str(corpus / "facts.yaml"),
                "glossary_file": str(corpus / "glossary.yaml"),
            },
            "store": {"path": str(tmp / "index"), "host": None},
            "api": {"sessions_url": f"sqlite:///{tmp / 'sessions.db'}", "rate_limit_per_minute": 0},
            "llm": llm,
        },
        environ={},
    )


def markdown(result: dict) -> str:
    lines = [
        "# LLM mode: packaged local models beside the offline default",
        "",
        f"{result['date']}, {result['cores']} cores, load average {result['load_average_at_start']:.1f} at the start. Regenerate: `.venv/bin/python -m evals.bench --llm local`. Latency is per answer, "
        "streamed as the UI streams it; first token: the model's first word; first sentence: the first checked sentence shown.",
        "",
        "| set | setting | answerable right | unanswerable declined | by kind | p50 / p95 s | first token p50 s | first sentence p50 s | fallbacks |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, rows in result["sets"].items():
        for setting, r in rows.items():
            kinds = ", ".join(f"{k} {v}" for k, v in r["by_kind"].items())
            lines.append(
                f"| {name} | {setting} | {r['answerable_right']} | {r['unanswerable_declined']} | {kinds} | {r['p50_s']} / {r['p95_s']} | "
                f"{r['first_token_p50_s'] if r['first_token_p50_s'] is not None else '-'} | "
                f"{r['first_sentence_p50_s'] if r['first_sentence_p50_s'] is not None else '-'} | {r['fallbacks']} |"
            )
    return "\n".join(lines) + "\n"


def run(
    models: list[str],
    *,
    dev_sets: list[Path],
    gate_sample: int | None,
    gate: bool = True,
    general: tuple[str, int | None] | None = None,
    threads: int | None = None,
    timeout_s: float | None = None,
    out: str = "llm_bench",
) -> int:
    import os

    from assistant import offline
    from assistant.chain import build_pipeline
    from assistant.config import EmbeddingSettings
    from assistant.embeddings import build_embeddings
    from assistant.indexer import run_index
    from assistant.store import Store

    offline.prepare()
    embeddings = build_embeddings(EmbeddingSettings())
    sets = ([("gate", ROOT / "corpus", sample(load_cases(), gate_sample))] if gate else []) + [
        (folder.name, folder, load_cases(folder / "cases.yaml")) for folder in dev_sets
    ]
    if general:
        from evals.general import HERE as GENERAL
        from evals.general import load_questions

        split, n = general
        sets.append((f"general-{split}", GENERAL, sample(load_questions(splits=(split,)), n)))
    settings_list = [("offline", {"provider": "offline"})] + [
        (f"local {m}", {"provider": "local", "local": {"model": m, "threads": threads}} | ({"timeout_s": timeout_s} if timeout_s else {}))
        for m in models
    ]
    result: dict = {
        "date": time.strftime("%Y-%m-%d"),
        "cores": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
        "threads": threads,
        "timeout_s": timeout_s,
        "sets": {},
        "failures": {},
    }
    tmp_root = Path(tempfile.mkdtemp(prefix="assistant-llm-bench-"))
    models_loaded: dict[str, object] = {}
    try:
        for set_name, corpus, cases in sets:
            tmp = tmp_root / set_name
            index_settings = settings_for(tmp, corpus, {"provider": "offline"})
            run_index(index_settings, embeddings, Store(index_settings.store))
            result["sets"][set_name] = {}
            for setting_name, llm in settings_list:
                settings = settings_for(tmp, corpus, llm)
                if llm["provider"] == "local" and setting_name not in models_loaded:
                    from assistant.local_llm import build_local

                    models_loaded = {setting_name: build_local(settings.llm)}  # one model in memory at a time
                model = models_loaded.get(setting_name)
                pipeline = build_pipeline(settings, embeddings=embeddings, store=Store(settings.store), llm=model)
                print(f"{set_name}: {setting_name}, {len(cases)} cases ...", flush=True)
                tally = run_set(pipeline, cases, held_out=set_name == "general-test")
                result["sets"][set_name][setting_name] = tally.summary()
                result["failures"][f"{set_name} / {setting_name}"] = tally.failures
                print(f"  {tally.summary()}", flush=True)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{out}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / f"{out}.md").write_text(markdown(result), encoding="utf-8")
    print("\n" + markdown(result))
    return 0
