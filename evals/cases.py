"""The eval set (``evals/cases.yaml``) and how an answer is judged against it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CASES_FILE = Path(__file__).with_name("cases.yaml")
KINDS = ("factual", "paraphrased", "comparison", "multi-turn", "unanswerable", "chinese")


@dataclass(frozen=True)
class Turn:
    question: str
    expect: tuple[tuple[str, ...], ...] = ()
    source: str | None = None
    answered: bool = True


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    turns: tuple[Turn, ...] = field(default_factory=tuple)


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for raw in data["cases"]:
        if raw["kind"] not in KINDS:
            raise ValueError(f"case {raw['id']}: unknown kind {raw['kind']!r}")
        turns = raw.get("turns") or [raw]
        cases.append(Case(raw["id"], raw["kind"], tuple(_turn(t, raw) for t in turns)))
    ids = [c.id for c in cases]
    if len(ids) != len(set(ids)):
        raise ValueError("case ids must be unique")
    return cases


def _turn(raw: dict, case: dict) -> Turn:
    answered = raw.get("answered", case.get("answered", True))
    expect = tuple(tuple(item) if isinstance(item, list) else (item,) for item in raw.get("expect", []))
    return Turn(
        question=raw["question"], expect=tuple(tuple(str(a) for a in alts) for alts in expect), source=raw.get("source"), answered=answered
    )


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, no thousands separators, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}))
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return " ".join(text.split())


def contains(answer: str, expected: str) -> bool:
    """Whether ``expected`` appears in ``answer`` as a whole token run (so '1' does not match '21')."""
    pattern = r"(?<![\w.])" + re.escape(normalise(expected)) + r"(?![\w])"
    return re.search(pattern, normalise(answer)) is not None


def missing_values(answer: str, turn: Turn) -> list[str]:
    """The expected values (each with its alternatives) that ``answer`` does not contain."""
    return [" | ".join(alts) for alts in turn.expect if not any(contains(answer, a) for a in alts)]
