"""The general eval set: articles nobody tuned the assistant for, with questions written from them alone.

``evals/general/articles`` holds encyclopedia-style and figures-style articles as a user would drop
them in (no curated facts or glossary); ``questions.yaml`` asks about them in the format of
``evals/cases.yaml`` plus ``split`` (``dev`` for tuning, ``test`` only measured). Run it with
``python -m evals.general`` or ``pytest evals/test_general.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from evals.cases import Turn, _turn

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
QUESTIONS = HERE / "questions.yaml"
KINDS = (
    "who",
    "when",
    "where",
    "how-many",
    "how-much",
    "why",
    "what",
    "which",
    "unanswerable",
    "multi-turn",
    "comparison",
    "chinese",
)
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class GeneralCase:
    id: str
    kind: str
    split: str = "dev"
    turns: tuple[Turn, ...] = field(default_factory=tuple)


def load_questions(path: Path = QUESTIONS, *, splits: tuple[str, ...] = SPLITS) -> list[GeneralCase]:
    """The cases of ``path`` whose split is one of ``splits``; raises on unknown kinds or duplicate ids."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for raw in data["cases"]:
        if raw["kind"] not in KINDS:
            raise ValueError(f"case {raw['id']}: unknown kind {raw['kind']!r} (one of {', '.join(KINDS)})")
        split = raw.get("split", "dev")
        if split not in SPLITS:
            raise ValueError(f"case {raw['id']}: unknown split {split!r} (dev or test)")
        turns = raw.get("turns") or [raw]
        cases.append(GeneralCase(raw["id"], raw["kind"], split, tuple(_turn(t, raw) for t in turns)))
    ids = [c.id for c in cases]
    if len(ids) != len(set(ids)):
        raise ValueError("case ids must be unique")
    return [c for c in cases if c.split in splits]
