"""Learning at index time: extract what changed, reuse the rest, and lay the curated facts over it.

Each article's extraction is kept with the index (a record keyed by the article's content hash and the
extractor's version), so a run re-reads only new or edited articles. Curated facts are an overlay:
where a curated and a learned fact agree (same article, subject and value, overlapping quotes) the
curated record stands alone, and the rest of the learned table takes its metric and scope; where they
give the same subject and metric a different value at the same place, the curated value wins and the
disagreement is reported.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assistant.corpus import Corpus, Fact
from assistant.ingest.entities import EntityRecord
from assistant.ingest.extract import GENERIC_KINDS, Extraction, extract_articles, version
from assistant.text import normalize

Record = tuple[str, str, dict[str, str]]


@dataclass
class Learned:
    """What a run learned: every fact to index (curated first), the entities, and what it cost."""

    facts: list[Fact]
    entities: list[EntityRecord]
    records: list[Record]  # the extractions, kept with the index for the next run
    learned: int = 0  # learned facts kept beside the curated ones
    extracted: int = 0  # articles read this run (the others came from the previous index)
    seconds: float = 0.0
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def cached_extractions(store: Any, *, enabled: bool = True) -> dict[str, tuple[str, Extraction]] | None:
    """Article id -> (content hash, extraction) kept in ``store``'s current index; None when learning is off."""
    if not enabled:
        return None
    name = store.current_name()
    sources = store.sources(name) if name else None
    if sources is None:
        return {}
    try:
        rows = sources.get(where={"kind": "extraction"}, include=["documents", "metadatas"])
    except Exception:  # an index written before extraction existed holds none
        return {}
    wanted = version()
    out: dict[str, tuple[str, Extraction]] = {}
    for document, meta in zip(rows["documents"], rows["metadatas"], strict=True):
        if (meta or {}).get("version") != wanted:
            continue
        data = json.loads(document)
        extraction = Extraction(
            article=data["article"],
            facts=[Fact.model_validate(f) for f in data["facts"]],
            entities=[EntityRecord.model_validate(e) for e in data["entities"]],
        )
        out[extraction.article] = (str(meta.get("hash", "")), extraction)
    return out


def learn(corpus: Corpus, cache: dict[str, tuple[str, Extraction]]) -> Learned:
    """Extract the articles whose text changed since ``cache``, then merge with the curated facts."""
    started = time.perf_counter()
    extractions: dict[str, Extraction] = {}
    todo = []
    for article in corpus.articles.values():
        hit = cache.get(article.id)
        if hit is not None and hit[0] == article.content_hash:
            extractions[article.id] = hit[1]
        else:
            todo.append(article)
    if todo:
        extractions.update(extract_articles(todo))
    records: list[Record] = []
    for article_id in sorted(extractions):
        extraction = extractions[article_id]
        document = json.dumps(
            {
                "article": article_id,
                "facts": [f.model_dump(mode="json") for f in extraction.facts],
                "entities": [e.model_dump(mode="json") for e in extraction.entities],
            },
            sort_keys=True,
        )
        meta = {"kind": "extraction", "hash": corpus.articles[article_id].content_hash, "version": version()}
        records.append((f"extraction:{article_id}", document, meta))
    learned_facts = [f for article_id in sorted(extractions) for f in extractions[article_id].facts]
    facts, conflicts = overlay(corpus.facts, learned_facts)
    entities = merge_entities([e for article_id in sorted(extractions) for e in extractions[article_id].entities])
    return Learned(
        facts=facts,
        entities=entities,
        records=records,
        learned=sum(1 for f in facts if f.origin == "learned"),
        extracted=len(todo),
        seconds=round(time.perf_counter() - started, 3),
        conflicts=conflicts,
    )


def overlay(curated: list[Fact], learned: list[Fact]) -> tuple[list[Fact], list[dict[str, Any]]]:
    """Curated facts, then the learned facts that add to them; plus the learned values the curated ones overrule."""
    by_article: dict[str, list[Fact]] = {}
    for fact in curated:
        by_article.setdefault(fact.article, []).append(fact)
    kept: list[Fact] = []
    conflicts: list[dict[str, Any]] = []
    renamed: dict[tuple[str, str], Fact] = {}  # (article, learned metric) -> a curated fact it agreed with
    for fact in learned:
        same_place = [
            c
            for c in by_article.get(fact.article, [])
            if _same_subject(c.subject, fact.subject) and c.start < fact.end and fact.start < c.end
        ]
        agreeing = next((c for c in same_place if _same_value(c, fact)), None)
        if agreeing is not None:
            renamed.setdefault((fact.article, fact.metric), agreeing)
            continue
        clash = next((c for c in same_place if c.metric == fact.metric), None)
        if clash is not None:
            conflicts.append(
                {
                    "article": fact.article,
                    "subject": fact.subject,
                    "metric": fact.metric,
                    "curated": clash.value,
                    "learned": fact.value,
                    "quote": fact.quote,
                    "kept": clash.id,
                }
            )
            continue
        kept.append(fact)
    aligned = []
    for fact in kept:
        model = renamed.get((fact.article, fact.metric))
        if model is not None:
            update: dict[str, Any] = {"metric": model.metric, "scope": model.scope}
            if fact.subject_type in GENERIC_KINDS:
                update["subject_type"] = model.subject_type
            fact = fact.model_copy(update=update)
        aligned.append(fact)
    # a learned fact renamed into a curated table may now repeat a curated one (same subject, metric, value)
    curated_keys = {(f.article, normalize(f.subject), f.metric, str(f.value)) for f in curated}
    aligned = [f for f in aligned if (f.article, normalize(f.subject), f.metric, str(f.value)) not in curated_keys]
    return [*curated, *aligned], conflicts


def _same_subject(a: str, b: str) -> bool:
    """One name, written in full or in part ("2031 Harbour Survey ... Top 20" and "Harbour Survey ... Top 20")."""
    x, y = f" {normalize(a)} ", f" {normalize(b)} "
    return x == y or x in y or y in x


def _same_value(a: Fact, b: Fact) -> bool:
    if a.number is not None and b.number is not None:
        return abs(a.number - b.number) < 1e-9 * max(1.0, abs(a.number))
    return normalize(str(a.value)) == normalize(str(b.value))


def merge_entities(entities: list[EntityRecord]) -> list[EntityRecord]:
    """One record per name across articles: the kind most articles give (a specific one over a vague one)."""
    groups: dict[str, list[EntityRecord]] = {}
    for entity in entities:
        groups.setdefault(normalize(entity.name), []).append(entity)
    merged = []
    for key in sorted(groups):
        group = groups[key]
        kinds = Counter(e.type for e in group if e.type not in GENERIC_KINDS) or Counter(e.type for e in group)
        merged.append(
            EntityRecord(
                name=group[0].name,
                type=kinds.most_common(1)[0][0],
                aliases=sorted({a for e in group for a in e.aliases}),
                articles=sorted({a for e in group for a in e.articles}),
                mentions=sum(e.mentions for e in group),
                pronoun=_one({e.pronoun for e in group if e.pronoun}),
            )
        )
    return merged


def _one(values: set[str]) -> str | None:
    """The value all agree on, if any."""
    return next(iter(values)) if len(values) == 1 else None


def entity_records(entities: list[EntityRecord]) -> list[Record]:
    """The entities as source records of the index."""
    return [("entities", json.dumps([e.model_dump(mode="json") for e in entities]), {"kind": "entities"})] if entities else []
