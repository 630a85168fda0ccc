"""Turn SQuAD 2.0 *train* data into a folder ``python -m evals.general --dir`` can run.

    python -m evals.general.squad train-v2.0.json OUT      # OUT/articles/*.txt + OUT/questions.yaml

Each Wikipedia title becomes up to ``--parts`` articles of consecutive paragraphs (about ``--words``
words each), with a sample of the crowd-workers' questions about those paragraphs: answerable ones
expect one of the recorded answer spans, unanswerable ones expect a refusal. The data itself stays out
of the repository (others' text); SQuAD's dev set is held out and refused here.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

import yaml

QUESTION_WORDS = (
    ("how many", "how-many"),
    ("how much", "how-much"),
    ("who", "who"),
    ("whom", "who"),
    ("whose", "who"),
    ("when", "when"),
    ("what year", "when"),
    ("where", "where"),
    ("why", "why"),
    ("which", "which"),
)


def kind_of(question: str, impossible: bool) -> str:
    """The general set's kind for a SQuAD question, from its question word."""
    if impossible:
        return "unanswerable"
    text = question.lower()
    found = [(text.find(word), kind) for word, kind in QUESTION_WORDS if re.search(rf"\b{word}\b", text)]
    return min(found)[1] if found else "what"


def slug(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parts_of(paragraphs: list[dict], words: int, limit: int) -> list[list[dict]]:
    """Consecutive runs of paragraphs of about ``words`` words, at most ``limit`` of them."""
    parts, current, count = [], [], 0
    for paragraph in paragraphs:
        current.append(paragraph)
        count += len(paragraph["context"].split())
        if count >= words:
            parts.append(current)
            current, count = [], 0
            if len(parts) == limit:
                return parts
    if current and len(parts) < limit:
        parts.append(current)
    return parts


def convert(data: dict, out: Path, *, parts: int, words: int, answerable: int, unanswerable: int, seed: int) -> tuple[int, int]:
    """Write the articles and questions; return (articles, cases)."""
    rng = random.Random(seed)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    cases, written = [], 0
    for entry in data["data"]:
        title = entry["title"].replace("_", " ")
        for number, group in enumerate(parts_of(entry["paragraphs"], words, parts), start=1):
            article_id = f"squad-{slug(title)}-{number}"
            heading = title if number == 1 else f"{title} (continued)"
            body = "\n\n".join(p["context"].strip() for p in group)
            (out / "articles" / f"{article_id}.txt").write_text(f"{heading}\n\n{body}\n", encoding="utf-8")
            written += 1
            qas = [q for p in group for q in p["qas"]]
            yes = [q for q in qas if not q.get("is_impossible")]
            no = [q for q in qas if q.get("is_impossible")]
            for q in rng.sample(yes, min(answerable, len(yes))) + rng.sample(no, min(unanswerable, len(no))):
                impossible = bool(q.get("is_impossible"))
                case = {"id": f"squad-{q['id']}", "kind": kind_of(q["question"], impossible), "question": " ".join(q["question"].split())}
                if impossible:
                    case["answered"] = False
                else:
                    case["expect"] = [sorted({a["text"].strip() for a in q["answers"]})]
                    case["source"] = article_id
                cases.append(case)
    header = "# SQuAD 2.0 train questions (crowd-workers'), converted by evals/general/squad.py; not for committing.\n"
    (out / "questions.yaml").write_text(
        header + yaml.safe_dump({"cases": cases}, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )
    return written, len(cases)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.general.squad", description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path, help="a SQuAD 2.0 train file (JSON)")
    parser.add_argument("out", type=Path, help="the folder to write articles/ and questions.yaml into")
    parser.add_argument("--parts", type=int, default=2, help="articles per Wikipedia title (default 2)")
    parser.add_argument("--words", type=int, default=1500, help="about this many words per article (default 1500)")
    parser.add_argument("--answerable", type=int, default=20, help="answerable questions sampled per article (default 20)")
    parser.add_argument("--unanswerable", type=int, default=12, help="unanswerable questions sampled per article (default 12)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    data = json.loads(args.train.read_text(encoding="utf-8"))
    if "dev" in args.train.name.lower():
        print("SQuAD's dev set is held out: give a train file", file=sys.stderr)
        return 2
    articles, cases = convert(
        data, args.out, parts=args.parts, words=args.words, answerable=args.answerable, unanswerable=args.unanswerable, seed=args.seed
    )
    print(f"{articles} articles, {cases} questions in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
