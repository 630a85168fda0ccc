"""Accuracy on the general eval set (and, with ``--articles-only-seeds``, on the seeds without curated files).

    python -m evals.general                          # dev and test, report in evals/results/general.md
    python -m evals.general --split dev              # the tuning part only
    python -m evals.general --articles-only-seeds    # also the seed eval set, curated vs articles only
    python -m evals.general --dir DIR                # DIR/articles + DIR/questions.yaml, report in DIR

Not a gate: ``pytest evals/test_general.py`` asserts floors. The test split is measured only; tuning the
answering code on its failures would make it one more tuned set.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from assistant import offline
from evals.general import HERE, SPLITS, load_questions
from evals.general.report import RESULTS, Run, markdown, write
from evals.general.runner import run_general, run_seeds


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m evals.general", description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all", help="which cases to ask (default: all)")
    parser.add_argument("--articles-only-seeds", action="store_true", help="also run evals/cases.yaml with and without the curated files")
    parser.add_argument("--dir", type=Path, default=None, help="a folder with articles/ and questions.yaml (default: the general set)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    root = (args.dir or HERE).resolve()
    if not (root / "articles").is_dir() or not (root / "questions.yaml").is_file():
        print(f"{root} needs an articles/ folder and a questions.yaml file", file=sys.stderr)
        return 2
    splits = SPLITS if args.split == "all" else (args.split,)
    cases = load_questions(root / "questions.yaml", splits=splits)
    offline.prepare()
    from assistant.config import EmbeddingSettings
    from assistant.embeddings import build_embeddings

    embeddings = build_embeddings(EmbeddingSettings())
    command = "python -m evals.general" + (f" --split {args.split}" if args.split != "all" else "")
    command += " --articles-only-seeds" if args.articles_only_seeds else ""
    command += f" --dir {args.dir}" if args.dir else ""
    with tempfile.TemporaryDirectory() as tmp:
        ours, baseline, articles = run_general(root / "articles", cases, Path(tmp) / "general", embeddings)
        seeds = run_seeds(Path(tmp) / "seeds", embeddings) if args.articles_only_seeds else {}
    run = Run(ours=ours, baseline=baseline, seeds=seeds, articles=articles, command=command)
    # a report over another folder (such as public reading-comprehension data) stays beside that data
    data = write(run, root if args.dir else RESULTS, "report" if args.dir else "general")
    print(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
