"""Chinese questions without a glossary: accuracy on articles written for the check, and on the seeds.

    python -m evals.chinese_other            # the 20 questions of cases.yaml about the articles beside it
    python -m evals.chinese_other --seeds    # also the seed eval set's Chinese cases, articles-only and with the glossary
    python -m evals.chinese_other --bench 1000   # indexing cost of the sentence vectors, seconds per 1k chunks

Each corpus is indexed with the real models into a temporary folder; a question passes as in the eval
gate (every expected value in the answer, the expected article cited, quotes verbatim; an unanswerable
one refused). Prints one line per question and the totals.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

from assistant import offline
from evals.cases import CASES_FILE, Turn, load_cases
from evals.test_evals import judge

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def run(articles: Path, facts: Path, glossary: Path, turns: list[tuple[str, Turn]], label: str, *, verbose: bool) -> tuple[int, int]:
    from assistant.chain import build_pipeline
    from assistant.config import load_settings
    from assistant.indexer import run_index
    from assistant.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            {
                "corpus": {"articles_dir": str(articles), "facts_file": str(facts), "glossary_file": str(glossary)},
                "store": {"path": f"{tmp}/index", "host": None},
                "api": {"sessions_url": f"sqlite:///{tmp}/sessions.db"},
                "llm": {"provider": "offline"},
            },
            environ={},
        )
        pipeline = build_pipeline(settings)
        report = run_index(settings, pipeline.embeddings, Store(settings.store))
        print(
            f"[{label}] indexed {report.chunks} chunks, {getattr(report, 'sentences_added', 0)} sentences in {getattr(report, 'multilingual_seconds', 0.0):.1f}s"
        )
        articles_by_id = pipeline.reader().snapshot.articles
        passed, seconds = 0, []
        for case_id, turn in turns:
            started = time.perf_counter()
            answer = pipeline.ask(turn.question)
            seconds.append(time.perf_counter() - started)
            problems = judge(turn, answer, articles_by_id)
            passed += not problems
            if verbose or problems:
                mark = "ok  " if not problems else "FAIL"
                print(
                    f"  {mark} {case_id}: {turn.question} -> {answer.standalone_question!r}\n       {answer.answer[:200]!r} {'; '.join(problems)}"
                )
        seconds.sort()
        print(f"[{label}] {passed}/{len(turns)} passed; median {seconds[len(seconds) // 2]:.2f}s a question")
        return passed, len(turns)


def bench(chunks: int) -> None:
    """Index a synthetic corpus with cross-lingual sentence vectors off, then on; print seconds per 1k chunks."""
    from assistant.config import load_settings
    from assistant.embeddings import build_embeddings
    from assistant.indexer import run_index
    from assistant.store import Store
    from evals.bench import write_synthetic_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_synthetic_corpus(corpus, chunks)
        missing = corpus / "none.yaml"
        rows = {}
        for multilingual in (False, True):
            settings = load_settings(
                {
                    "corpus": {"articles_dir": str(corpus / "articles"), "facts_file": str(missing), "glossary_file": str(missing)},
                    "store": {"path": f"{tmp}/index-{multilingual}", "host": None},
                    "embedding": {"multilingual": multilingual},
                },
                environ={},
            )
            embeddings = build_embeddings(settings.embedding)
            report = run_index(settings, embeddings, Store(settings.store))
            rows[multilingual] = report
            per_k = 1000 * report.seconds / report.chunks
            print(
                f"multilingual={str(multilingual).lower():5} {report.chunks} chunks, {report.sentences_added} sentences: "
                f"{report.seconds:.1f} s ({per_k:.1f} s per 1k chunks; sentence vectors {report.multilingual_seconds:.1f} s)"
            )
        off, on = rows[False], rows[True]
        extra = 1000 * on.multilingual_seconds / on.chunks
        print(
            f"sentence vectors add {extra:.1f} s per 1k chunks ({on.multilingual_seconds / max(off.seconds, 1e-9):.0%} of indexing without them)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", action="store_true", help="also run the seed eval set's Chinese cases")
    parser.add_argument("--only-seeds", action="store_true", help="only the seed eval set's Chinese cases")
    parser.add_argument("--bench", type=int, metavar="CHUNKS", help="measure the indexing cost of sentence vectors instead")
    parser.add_argument("--verbose", action="store_true", help="print every question, not only failures")
    args = parser.parse_args(argv)
    offline.prepare()
    if args.bench:
        bench(args.bench)
        return 0
    missing = ROOT / "corpus" / "does-not-exist.yaml"
    if not args.only_seeds:
        data = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
        turns = [
            (
                c["id"],
                Turn(
                    c["question"],
                    tuple(tuple(e) if isinstance(e, list) else (e,) for e in c.get("expect", [])),
                    c.get("source"),
                    c.get("answered", True),
                ),
            )
            for c in data
        ]
        run(HERE / "articles", missing, missing, turns, "other articles", verbose=args.verbose)
    if args.seeds or args.only_seeds:
        seed = [(c.id, c.turns[0]) for c in load_cases(CASES_FILE) if c.kind == "chinese"]
        corpus = ROOT / "corpus"
        run(corpus / "articles", missing, missing, seed, "seeds, articles only", verbose=args.verbose)
        run(corpus / "articles", corpus / "facts.yaml", corpus / "glossary.yaml", seed, "seeds, curated files", verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
