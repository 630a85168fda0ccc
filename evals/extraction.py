"""How well facts are learned from the articles: recall against the curated seed facts, precision as judged.

    .venv/bin/python -m evals.extraction            # figures, written to evals/results/extraction.md/.json
    .venv/bin/python -m evals.extraction --template # add the learned facts not yet judged to the judgements file

Recall: the share of curated facts (corpus/facts.yaml) that a learned fact recovers: same article, same
subject (equal names, or one name inside the other), same value (equal numbers; for named values, one
inside the other) and a metric of the same meaning (cosine similarity of the two metric names under the
project's embedding model at least METRIC_SIMILARITY, or a content word in common). Every match is listed
in the report with its similarity, to be checked by eye.

Precision: the share of learned facts a careful reader accepts, from ``evals/extraction/judgements.yaml``
(one verdict per fact, written by reading the fact beside its quote), over every fact learned from the seed
articles, the articles under ``evals/extraction/articles/`` and ``tests/data/articles/``. An automatic
proxy is reported beside it: a fact whose quote names its subject (or whose subject is a list item's
label or the article's subject) and shares a word with its metric.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import yaml

from assistant import offline
from assistant.corpus import Fact, load_articles, load_facts
from assistant.text import STOPWORDS, normalize, stem, words

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).with_name("extraction")
RESULTS = Path(__file__).with_name("results")
JUDGEMENTS = HERE / "judgements.yaml"
ARTICLE_DIRS = [ROOT / "corpus" / "articles", HERE / "articles", ROOT / "tests" / "data" / "articles"]
METRIC_SIMILARITY = 0.5


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit()}


def same_subject(a: str, b: str) -> bool:
    x, y = f" {normalize(a)} ", f" {normalize(b)} "
    return x == y or x in y or y in x


def same_value(curated: Fact, learned: Fact) -> bool:
    if curated.number is not None and learned.number is not None:
        return abs(curated.number - learned.number) <= 1e-9 * max(1.0, abs(curated.number))
    if curated.number is not None or learned.number is not None:
        return False
    x, y = normalize(str(curated.value)), normalize(str(learned.value))
    return x == y or (len(y) >= 4 and y in x) or (len(x) >= 4 and x in y)


def recall(curated: list[Fact], learned: list[Fact], embed) -> dict:
    """Each curated fact with the learned fact that recovers it, if any."""
    metrics = sorted({f.metric for f in curated} | {f.metric for f in learned})
    matrix = np.asarray(embed(metrics), dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    vectors = dict(zip(metrics, matrix, strict=True))
    rows = []
    for fact in curated:
        best = None
        for candidate in learned:
            if candidate.article != fact.article or not same_subject(fact.subject, candidate.subject) or not same_value(fact, candidate):
                continue
            similarity = float(vectors[fact.metric] @ vectors[candidate.metric])
            shared = bool(content_stems(fact.metric) & content_stems(candidate.metric))
            if (similarity >= METRIC_SIMILARITY or shared) and (best is None or similarity > best[0]):
                best = (similarity, candidate)
        rows.append(
            {
                "id": fact.id,
                "subject": fact.subject,
                "metric": fact.metric,
                "value": fact.value,
                "kind": "figure" if fact.number is not None else "named",
                "recovered": best is not None,
                "learned_metric": best[1].metric if best else None,
                "similarity": round(best[0], 3) if best else None,
            }
        )
    found = sum(r["recovered"] for r in rows)
    figures = [r for r in rows if r["kind"] == "figure"]
    return {
        "curated": len(rows),
        "recovered": found,
        "recall": round(found / max(1, len(rows)), 3),
        "figures": len(figures),
        "figures_recovered": sum(r["recovered"] for r in figures),
        "recall_figures": round(sum(r["recovered"] for r in figures) / max(1, len(figures)), 3),
        "rows": rows,
    }


def key(fact: Fact) -> str:
    return f"{fact.article} | {fact.subject} | {fact.metric} | {fact.value}"


def load_judgements() -> dict[str, dict]:
    if not JUDGEMENTS.exists():
        return {}
    data = yaml.safe_load(JUDGEMENTS.read_text(encoding="utf-8")) or {}
    return {j["fact"]: j for j in data.get("judgements", [])}


def precision(learned: list[Fact], subjects: dict[str, str | None]) -> dict:
    judged = load_judgements()
    verdicts = [judged[key(f)]["verdict"] for f in learned if key(f) in judged and judged[key(f)]["verdict"] in ("accept", "reject")]
    proxy = [_plausible(f, subjects.get(f.article)) for f in learned]
    return {
        "learned": len(learned),
        "judged": len(verdicts),
        "accepted": verdicts.count("accept"),
        "precision": round(verdicts.count("accept") / max(1, len(verdicts)), 3),
        "unjudged": [key(f) for f in learned if key(f) not in judged or judged[key(f)]["verdict"] not in ("accept", "reject")],
        "proxy": round(sum(proxy) / max(1, len(proxy)), 3),
    }


def _plausible(fact: Fact, article_subject: str | None) -> bool:
    """The automatic proxy: the quote names the subject, or the subject is the one the article's facts are
    most often about (whose figures need not name it), and the quote is short enough to read as one statement."""
    quote = normalize(fact.quote)
    named = fact.subject == article_subject or any(w in quote for w in words(fact.subject) if len(w) > 3 or w.isupper())
    return named and len(fact.quote) <= 200


def write_template(learned: list[Fact]) -> int:
    """Append every learned fact not yet judged, with verdict '?', for a reader to fill in; drop verdicts on
    facts no longer learned."""
    judged = load_judgements()
    current = {key(f) for f in learned}
    entries = [j for j in judged.values() if j["fact"] in current]  # verdicts on facts no longer learned go
    added = 0
    for fact in learned:
        if key(fact) not in judged:
            entries.append({"fact": key(fact), "quote": fact.quote, "verdict": "?", "note": ""})
            added += 1
    JUDGEMENTS.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# One verdict per learned fact, written by reading the fact beside its quote: 'accept' when a careful\n"
        "# reader would agree that the article states this subject's metric is this value, else 'reject'.\n"
        "# Regenerate the list of facts to judge: python -m evals.extraction --template\n"
    )
    JUDGEMENTS.write_text(
        header + yaml.safe_dump({"judgements": entries}, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )
    return added


def markdown(result: dict) -> str:
    r, p, c = result["recall"], result["precision"], result["cost"]
    lines = [
        "# Fact extraction",
        "",
        f"`python -m evals.extraction` on {result['date']}. Extractor {result['extractor']}.",
        "",
        "| measure | figure | target |",
        "| --- | --- | --- |",
        f"| recall: curated seed facts recovered | {r['recovered']}/{r['curated']} = {r['recall']:.0%} | >= 80% |",
        f"| recall: curated figures (numeric values) | {r['figures_recovered']}/{r['figures']} = {r['recall_figures']:.0%} | |",
        f"| precision: learned facts accepted by a reader | {p['accepted']}/{p['judged']} = {p['precision']:.0%} | >= 90% |",
        f"| precision, automatic proxy (all {p['learned']} learned facts) | {p['proxy']:.0%} | |",
        f"| learned facts not yet judged | {len(p['unjudged'])} | 0 |",
        f"| extraction, seed articles ({c['sentences']} sentences parsed) | {c['seconds']} s | |",
        "",
        f"Metric match: cosine similarity >= {METRIC_SIMILARITY} under the embedding model, or a content word in common.",
        "",
        "## Curated facts recovered",
        "",
        "| curated fact | metric | value | learned metric | similarity |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in r["rows"]:
        mark = row["learned_metric"] if row["recovered"] else "**not recovered**"
        lines.append(f"| {row['id']} | {row['metric']} | {row['value']} | {mark} | {row['similarity'] if row['recovered'] else ''} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--template", action="store_true", help="add the learned facts not yet judged to the judgements file")
    args = parser.parse_args(argv)
    offline.prepare()
    from assistant.config import EmbeddingSettings
    from assistant.embeddings import build_embeddings
    from assistant.ingest import nlp
    from assistant.ingest.extract import extract_articles, version

    seeds = load_articles(ARTICLE_DIRS[0])
    started = time.perf_counter()
    seed_learned = extract_articles(list(seeds.values()))
    seconds = round(time.perf_counter() - started, 2)
    sentences = sum(len(nlp.sentences(a.text)) for a in seeds.values())
    others = {}
    for folder in ARTICLE_DIRS[1:]:
        others.update(extract_articles(list(load_articles(folder).values())))
    learned = [f for e in [*seed_learned.values(), *others.values()] for f in e.facts]
    if args.template:
        print(f"{write_template(learned)} facts added to {JUDGEMENTS.relative_to(ROOT)}")
        return 0
    embeddings = build_embeddings(EmbeddingSettings())
    curated = load_facts(ROOT / "corpus" / "facts.yaml", seeds)
    from collections import Counter

    subjects = {a: Counter(f.subject for f in learned if f.article == a).most_common(1)[0][0] for a in {f.article for f in learned}}
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "extractor": version(),
        "recall": recall(curated, [f for e in seed_learned.values() for f in e.facts], embeddings.embed_documents),
        "precision": precision(learned, subjects),
        "cost": {"seconds": seconds, "sentences": sentences},
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extraction.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "extraction.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result).split("## Curated")[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
