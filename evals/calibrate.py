"""Calibrate the reader on a development set: the ranking weights and the evidence score.

    python -m evals.calibrate                      # the general set's dev split
    python -m evals.calibrate --dir DIR            # DIR/articles + DIR/questions.yaml (all splits)
    python -m evals.calibrate --seeds              # and the seed articles alone with their dev questions

Every question is asked once; the candidate sentences' features are kept, each labelled by whether it
holds every expected value. Then, without asking again:

1. the ranking weights (``reader.weights``) are searched, coordinate by coordinate, for the most
   questions whose best-ranked sentence holds the answer;
2. the evidence score (``reader.support``) is fitted by logistic regression on the best sentence of
   each question: 1 when it answers an answerable question, 0 when it does not or the question is
   unanswerable;
3. each threshold is reported with the share of answerable questions answered right and of
   unanswerable ones declined.

The figures to copy into ``assistant/config.py`` (or settings) are printed at the end. Only the dev
split is used: the test split stays a measurement. With ``--seeds`` the seed articles (curated files
left out, so the reader answers) and their dev questions (the eval gate's and the held-out dev set)
are fitted on too, so a setting that helps other articles is not bought with the seeds' accuracy.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
from dataclasses import dataclass, fields, replace
from pathlib import Path

import numpy as np

from assistant import offline
from evals.cases import contains, load_cases
from evals.general import HERE, load_questions
from evals.general.runner import SEEDS

HELDOUT = Path(__file__).resolve().parent / "heldout"

TOP = 25


@dataclass
class Sample:
    question: str
    answerable: bool
    features: list  # Features of the ranked candidates, best first under the weights asked with
    labels: list[bool]
    texts: list[str]
    refused_by_rule: bool  # refused whatever the score (a name the sources lack, no number for a number question...)


def collect(articles: Path, cases: list) -> list[Sample]:
    """Ask every English case's turns over ``articles`` and keep their candidates' features."""
    from assistant.answer.base import AskState
    from assistant.config import EmbeddingSettings
    from assistant.embeddings import build_embeddings
    from evals.general.runner import build

    embeddings = build_embeddings(EmbeddingSettings())
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = build(articles, Path(tmp) / "cal", embeddings)
        for case in cases:
            if case.kind == "chinese":
                continue
            session = None
            for turn in case.turns:
                history = pipeline._history(session, None)
                state = pipeline.prepare.invoke(AskState(pipeline.validate(turn.question), history))
                if state.reader is None or state.analysed is None:
                    continue
                ranked = state.reader.sentences.ranked(state)[:TOP]
                labels = [bool(turn.expect) and all(any(contains(_window(r), a) for a in alts) for alts in turn.expect) for r in ranked]
                judge = state.reader.judge
                refused = bool(ranked) and (
                    judge.missing(state.analysed, ranked[0].features) is not None
                    or bool(ranked[0].features.conflicts)
                    or (state.analysed.expects in {"number", "date"} and not ranked[0].features.typed)
                )
                texts = [r.sentence.span.text for r in ranked]
                samples.append(Sample(turn.question, turn.answered, [r.features for r in ranked], labels, texts, refused))
                session = pipeline.ask(turn.question, session_id=session).session_id
    return samples


def _window(ranked) -> str:
    """What an answer from this sentence quotes: the sentence (the reader may add the next ones)."""
    return ranked.sentence.span.text


def rank_vector(f) -> np.ndarray:
    return np.array(
        [
            f.dense,
            f.passage,
            f.lexical,
            f.context,
            f.names,
            f.typed,
            f.novel,
            -(len(f.absent) + len(f.conflicts)),
            -f.heading,
            -f.unmentioned,
        ]
    )


RANK_FIELDS = ("dense", "passage", "lexical", "context", "names", "typed", "novel", "absent", "heading", "unmentioned")


def top1(samples: list[Sample], w: np.ndarray) -> tuple[int, int]:
    hits = total = 0
    for s in samples:
        if not s.answerable or not any(s.labels):
            continue
        total += 1
        scores = [float(rank_vector(f) @ w) for f in s.features]
        hits += s.labels[int(np.argmax(scores))]
    return hits, total


def fit_ranking(samples: list[Sample], start: np.ndarray) -> np.ndarray:
    w = start.copy()
    best = top1(samples, w)[0]
    grid = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.3, 1.6, 2.0, 2.5, 3.0)
    for _ in range(3):
        for i in range(len(w)):
            for value in grid:
                trial = w.copy()
                trial[i] = value
                hits = top1(samples, trial)[0]
                if hits > best:
                    best, w = hits, trial
    return w


def support_vector(f) -> np.ndarray:
    return np.array([f.dense, f.lexical, f.context, f.typed])


SUPPORT_FIELDS = ("dense", "lexical", "context", "typed")


def fit_support(samples: list[Sample], w_rank: np.ndarray) -> tuple[float, np.ndarray, list[tuple[np.ndarray, bool, bool, bool]]]:
    rows = []
    for s in samples:
        if not s.features:
            continue
        scores = [float(rank_vector(f) @ w_rank) for f in s.features]
        i = int(np.argmax(scores))
        right = s.answerable and s.labels[i]
        rows.append((support_vector(s.features[i]), right, s.answerable, s.refused_by_rule))
    usable = [(x, y) for x, y, _, rule in rows if not rule]
    x = np.array([r[0] for r in usable])
    y = np.array([1.0 if r[1] else 0.0 for r in usable])
    bias, weights = 0.0, np.zeros(x.shape[1])
    for _ in range(4000):  # plain gradient descent with a little L2: a handful of features
        z = bias + x @ weights
        p = 1.0 / (1.0 + np.exp(-z))
        grad = p - y
        weights -= 0.1 * (x.T @ grad / len(y) + 0.001 * weights)
        bias -= 0.1 * grad.mean()
    return bias, weights, rows


def thresholds(bias: float, weights: np.ndarray, rows) -> None:
    answerable = sum(1 for _, _, a, _ in rows if a)
    unanswerable = sum(1 for _, _, a, _ in rows if not a)
    print(f"\n{answerable} answerable, {unanswerable} unanswerable questions (dev)")
    print("threshold  answerable right  unanswerable declined")
    for t in (0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        right = declined = 0
        for x, ok, is_answerable, rule in rows:
            answers = not rule and 1.0 / (1.0 + np.exp(-(bias + x @ weights))) >= t
            right += is_answerable and ok and answers
            declined += (not is_answerable) and not answers
        print(f"  {t:.2f}      {right / max(1, answerable):6.1%}           {declined / max(1, unanswerable):6.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dir", type=Path, default=None, help="a folder with articles/ and questions.yaml (default: the general set, dev split)"
    )
    parser.add_argument("--cache", type=Path, default=None, help="keep the collected features in this file and reuse them")
    parser.add_argument("--seeds", action="store_true", help="fit on the seed articles' dev questions too (articles alone)")
    parser.add_argument("--also", type=Path, action="append", default=[], help="features collected earlier (a --cache file) to fit on too")
    args = parser.parse_args(argv)
    offline.prepare()
    from assistant.config import RankWeights

    root = (args.dir or HERE).resolve()
    if args.cache and args.cache.exists():
        samples = pickle.loads(args.cache.read_bytes())
    else:
        cases = load_questions(root / "questions.yaml", splits=("dev",) if args.dir is None else ("dev", "test"))
        samples = collect(root / "articles", cases)
        if args.seeds:
            samples += collect(SEEDS / "articles", load_cases() + load_cases(HELDOUT / "dev.yaml"))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(samples))
    for extra in args.also:
        samples = samples + pickle.loads(extra.read_bytes())
    defaults = RankWeights()
    start = np.array([getattr(defaults, name) for name in RANK_FIELDS])
    hits, total = top1(samples, start)
    print(f"ranking, current weights: best sentence holds the answer for {hits}/{total} ({hits / max(1, total):.1%})")
    print(f"answer among the {TOP} candidates: {total} of {sum(1 for s in samples if s.answerable)} answerable questions")
    w = fit_ranking(samples, start)
    hits, _ = top1(samples, w)
    print(f"ranking, fitted weights:  {hits}/{total} ({hits / max(1, total):.1%})")
    print("  " + ", ".join(f"{n}={v:g}" for n, v in zip(RANK_FIELDS, w, strict=True)))
    # the evidence score is fitted twice: under the fitted ranking weights, to copy with them, and under the
    # current ones, to copy alone (the ranking weights are then kept)
    for label, ranking in (("with the fitted ranking weights", w), ("with the current ranking weights", start)):
        bias, weights, rows = fit_support(samples, ranking)
        names = ", ".join(f"{n}={v:.2f}" for n, v in zip(SUPPORT_FIELDS, weights, strict=True))
        print(f"\nevidence score {label}: bias={bias:.2f}, {names}")
        thresholds(bias, weights, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


__all__ = ["Sample", "collect", "fields", "replace"]
