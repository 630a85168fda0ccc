"""The general eval set (articles nobody tuned for) and the seeds without their curated files.

Both are measured once per session (one index each, no HTTP), written to ``evals/results/general.md``
and held to the floors below: what the answering code reached when they were set, rounded down. Raise
them as the code improves; never lower them to make a change pass.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from evals.cases import Turn, contains
from evals.general import ARTICLES, KINDS, load_questions
from evals.general.report import Run, write
from evals.general.runner import TurnResult, judge, run_general, run_seeds

FLOOR_DEV = 0.80
FLOOR_TEST = 0.68
FLOOR_ANSWERABLE_DEV = 0.85
FLOOR_REFUSAL_RECALL_DEV = 0.68
FLOOR_SEEDS_ARTICLES_ONLY = 0.90

CASES = load_questions()


def _from_gate(results) -> list[TurnResult]:
    """The eval gate's results (``evals/test_evals.py``) in this report's terms."""
    fields = ("case", "kind", "turn", "question", "standalone", "answer", "answered", "expects_answer", "passed", "problems", "seconds")
    return [TurnResult(split="seeds", **{f: getattr(r, f) for f in fields}) for r in results]


@pytest.fixture(scope="session")
def general_run(tmp_path_factory, real_embeddings) -> dict:
    """The whole general set and the seeds from their articles alone, measured once.

    The seeds with their curated files and through the baseline are the eval gate's own results when
    it ran earlier in the session (``pytest evals``), so nothing is asked twice.
    """
    from evals.conftest import RECORDER

    tmp = tmp_path_factory.mktemp("general")
    ours, baseline, articles = run_general(ARTICLES, CASES, tmp / "general", real_embeddings)
    seeds = {"curated": _from_gate(RECORDER.ours)} if RECORDER.ours else {}
    seeds |= run_seeds(tmp / "seeds", real_embeddings, curated=False, baseline=False)
    if RECORDER.baseline:
        seeds["naive baseline"] = _from_gate(RECORDER.baseline)
    return write(Run(ours=ours, baseline=baseline, seeds=seeds, articles=articles, command="pytest evals"))


def _article_texts() -> dict[str, str]:
    import yaml

    texts = {}
    for path in ARTICLES.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            _, front, body = text.split("---\n", 2)
            texts[yaml.safe_load(front)["id"]] = body
        else:
            texts[path.stem] = text
    return texts


def test_the_set_is_large_varied_and_split():
    texts = _article_texts()
    by_split = collections.Counter(c.split for c in CASES)
    unanswerable = sum(1 for c in CASES if c.kind == "unanswerable")
    assert 10 <= len(texts) <= 20 and len(CASES) >= 200
    assert {c.kind for c in CASES} == set(KINDS)
    assert 0.15 <= unanswerable / len(CASES) <= 0.25, "about a fifth of the questions are unanswerable"
    assert 0.2 <= by_split["test"] / len(CASES) <= 0.4, "a quarter to a third of the questions are held out"
    assert all(2 <= len(c.turns) <= 4 for c in CASES if c.kind == "multi-turn")
    sources = {c.split: set() for c in CASES}
    for case in CASES:
        sources[case.split] |= {t.source for t in case.turns if t.source}
    assert not sources["dev"] & sources["test"], "an article is either dev or test, never both"


def test_every_stated_value_is_in_its_article():
    """A typo in the set would count as the assistant's failure: every expected value the article states is in it."""
    texts = _article_texts()
    for case in CASES:
        for turn in case.turns:
            if not turn.answered:
                continue
            assert turn.source in texts, f"{case.id}: unknown source {turn.source}"
            missing = [alts for alts in turn.expect if not any(contains(texts[turn.source], a) for a in alts)]
            # sums and differences are computed from the article, not quoted from it
            assert case.kind == "comparison" or not missing, f"{case.id}: {missing} not in {turn.source}"


class _Article:
    def __init__(self, text: str) -> None:
        self.text = text


class _Citation:
    def __init__(self, source: str, quote: str, start: int) -> None:
        self.source, self.quote, self.start, self.end = source, quote, start, start + len(quote)


class _Answer:
    def __init__(self, answer: str, answered: bool, citations: list) -> None:
        self.answer, self.answered, self.citations = answer, answered, citations


def test_the_judge_checks_values_source_length_refusal_and_offsets():
    articles = {"a": _Article("The bridge opened in 1961. It carries 42,000 vehicles a day.")}
    turn = Turn("When did the bridge open?", (("1961",),), "a")
    good = _Citation("a", "The bridge opened in 1961.", 0)
    assert judge(turn, _Answer("It opened in 1961 [1].", True, [good]), articles) == []
    assert judge(turn, _Answer("It opened in 1962 [1].", True, [good]), articles) == ["missing '1961'"]
    assert judge(turn, _Answer("It opened in 1961.", True, []), articles) == ["does not cite a"]
    assert judge(turn, _Answer("No.", False, []), articles) == ["refused a question the articles answer"]
    assert "a citation is not verbatim at its offsets" in judge(
        turn, _Answer("1961 [1]", True, [_Citation("a", "opened in 1961", 3)]), articles
    )
    assert judge(turn, _Answer("1961 " + "x" * 500, True, [good]), articles) == ["answer is 505 characters long"]
    unanswerable = Turn("Who built it?", (), None, answered=False)
    assert judge(unanswerable, _Answer("The articles do not say.", False, []), articles) == []
    assert judge(unanswerable, _Answer("It opened in 1961 [1].", True, [good]), articles) == [
        "answered a question the articles do not answer"
    ]


def test_dev_accuracy(general_run):
    dev = general_run["general"]["ours"]["dev"]
    assert dev["accuracy"] >= FLOOR_DEV, f"dev accuracy {dev['accuracy']:.1%} under {FLOOR_DEV:.0%}"
    assert dev["answerable_accuracy"] >= FLOOR_ANSWERABLE_DEV
    assert dev["refusal_recall"] >= FLOOR_REFUSAL_RECALL_DEV


def test_test_accuracy(general_run):
    test = general_run["general"]["ours"]["test"]
    assert test["accuracy"] >= FLOOR_TEST, f"test accuracy {test['accuracy']:.1%} under {FLOOR_TEST:.0%}"


def test_seeds_from_their_articles_alone(general_run):
    articles_only = general_run["seeds"]["articles only"]
    assert articles_only["accuracy"] >= FLOOR_SEEDS_ARTICLES_ONLY, f"articles-only seeds {articles_only['accuracy']:.1%}"


def test_the_report_is_written(general_run):
    report = Path(__file__).with_name("results") / "general.md"
    assert report.is_file() and "## Seed eval set" in report.read_text(encoding="utf-8")
