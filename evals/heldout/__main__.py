"""Accuracy on question sets written apart from the answering code, from the articles alone.

    .venv/bin/python -m evals.heldout            # both sets
    .venv/bin/python -m evals.heldout test.yaml  # one set

Not a gate: the eval gate (``pytest evals``) must pass in full, these measure how the mechanisms carry
over to questions nobody tuned them on. ``test.yaml`` is for measuring only: fixing the answering code
until it passes would make it one more tuned set.
"""

from __future__ import annotations

import collections
import sys
import tempfile
from pathlib import Path

from assistant import offline
from evals.cases import load_cases, missing_values

HERE = Path(__file__).resolve().parent


def score(pipeline, path: Path) -> tuple[dict[str, list[int]], list[str]]:
    """Cases passed and run, by kind, and a line per failed turn."""
    articles = pipeline.reader().snapshot.articles
    by_kind: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    failures = []
    for case in load_cases(path):
        session, passed = None, True
        for turn in case.turns:
            answer = pipeline.ask(turn.question, session_id=session)
            session = answer.session_id
            problems = [] if answer.answered == turn.answered else [f"answered={answer.answered}"]
            if turn.answered and answer.answered:
                problems += [f"missing {m!r}" for m in missing_values(answer.answer, turn)]
                if turn.source and turn.source not in {c.source for c in answer.citations}:
                    problems.append(f"does not cite {turn.source}")
            problems += ["a quote is not verbatim" for c in answer.citations if articles[c.source].text[c.start : c.end] != c.quote]
            if problems:
                passed = False
                failures.append(f"{case.id} ({case.kind}) {turn.question!r}: {'; '.join(problems)}\n    {answer.answer}")
        by_kind[case.kind][0] += passed
        by_kind[case.kind][1] += 1
    return by_kind, failures


def main(argv: list[str]) -> int:
    offline.prepare()
    from assistant.chain import build_pipeline
    from assistant.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        pipeline = build_pipeline(load_settings({"api": {"sessions_url": f"sqlite:///{tmp}/sessions.db"}}))
        for name in argv or ["dev.yaml", "test.yaml"]:
            by_kind, failures = score(pipeline, HERE / name)
            print("\n".join(failures))
            passed, total = sum(v[0] for v in by_kind.values()), sum(v[1] for v in by_kind.values())
            kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_kind.items()))
            print(f"\n{name}: {passed}/{total} cases ({passed / total:.0%}); {kinds}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
