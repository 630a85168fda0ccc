"""One generation of the index, loaded for answering: texts, facts, glossary, BM25 and fact vectors.

Everything an answer needs comes from the store, never from ``corpus/`` on disk, so every process
sharing a Chroma server answers from the same index, and quotes always match the indexed text.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import bm25s
import numpy as np

from assistant.corpus import SYNONYM, Article, Fact, GlossaryTerm
from assistant.ingest.entities import EntityRecord
from assistant.store import Store, StoreUnavailable, is_connection_error
from assistant.text import Synonyms, terms

log = logging.getLogger(__name__)
PAGE = 5000
IN_MEMORY_ITEMS = 50_000  # a local index this small keeps its vectors in memory and is searched exactly there (about 75 MB)
HOLD_S = 120.0  # how long a reader's hold on its generation lasts without a renewal


@dataclass
class Snapshot:
    """What one generation of the index holds, in memory."""

    generation: str
    collection: Any
    metadata: dict[str, Any]
    articles: dict[str, Article]
    facts: dict[str, Fact]
    glossary: list[GlossaryTerm]
    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    bm25: Any
    fact_ids: list[str] = field(default_factory=list)
    fact_vectors: np.ndarray | None = None
    row: dict[str, int] = field(default_factory=dict)
    document_frequency: Counter[str] = field(default_factory=Counter)
    _masks: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict, repr=False)
    entities: list[EntityRecord] = field(default_factory=list)  # learned from the articles at index time
    vectors: np.ndarray | None = None  # every item's vector, row by row, for an index of up to IN_MEMORY_ITEMS
    _matrices: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    def idf(self, term: str) -> float:
        """How rare a stem is in the index: log(1 + N / df); an unseen stem counts as rarest."""
        return math.log(1 + len(self.ids) / max(1, self.document_frequency.get(term, 0)))

    @cached_property
    def synonyms(self) -> Synonyms:
        """General synonyms plus the corpus's own (its glossary's ``synonyms:``)."""
        return Synonyms([(t.en, *t.aliases) for t in self.glossary if t.type == SYNONYM])

    @property
    def chunk_count(self) -> int:
        return self.kind_counts.get("chunk", 0)

    @cached_property
    def kind_counts(self) -> Counter[str]:
        return Counter(str(m.get("kind", "chunk")) for m in self.metadatas)

    def kind_mask(self, kinds: tuple[str, ...]) -> np.ndarray:
        """Which rows of the index are of one of ``kinds`` (a boolean array, cached per ``kinds``)."""
        mask = self._masks.get(kinds)
        if mask is None:
            mask = np.fromiter((m.get("kind", "chunk") in kinds for m in self.metadatas), dtype=bool, count=len(self.metadatas))
            self._masks[kinds] = mask
        return mask

    def kind_matrix(self, kinds: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the items of ``kinds`` and their vectors (cached per ``kinds``; needs ``vectors``)."""
        found = self._matrices.get(kinds)
        if found is None:
            rows = np.flatnonzero(self.kind_mask(kinds))
            found = (rows, np.ascontiguousarray(self.vectors[rows]))
            self._matrices[kinds] = found
        return found

    @cached_property
    def sentence_rows(self) -> dict[tuple[str, int], int]:
        """(article id, start offset) of every indexed sentence -> its row."""
        return {(str(m.get("source")), int(m.get("start", -1))): i for i, m in enumerate(self.metadatas) if m.get("kind") == "sentence"}

    @cached_property
    def chunk_starts(self) -> dict[str, tuple[list[int], list[int]]]:
        """Per article, the start offsets of its passages in order, and their rows."""
        found: dict[str, list[tuple[int, int]]] = {}
        for i, m in enumerate(self.metadatas):
            if m.get("kind", "chunk") == "chunk":
                found.setdefault(str(m.get("source")), []).append((int(m.get("start", -1)), i))
        return {a: ([s for s, _ in rows], [r for _, r in rows]) for a, rows in ((a, sorted(v)) for a, v in found.items())}

    def passage_row(self, article_id: str, offset: int) -> int | None:
        """The row of the passage of ``article_id`` that holds character ``offset`` (the last to start before it)."""
        starts, rows = self.chunk_starts.get(article_id, ([], []))
        i = bisect_right(starts, offset) - 1
        return rows[i] if i >= 0 else None


def load_snapshot(store: Store, name: str) -> Snapshot:
    """Read generation ``name`` from ``store`` and build its in-memory indexes."""
    collection = store.client.get_collection(name, embedding_function=None)
    articles: dict[str, Article] = {}
    facts: dict[str, Fact] = {}
    glossary: list[GlossaryTerm] = []
    entities: list[EntityRecord] = []
    for item_id, document, meta in _pages(store.sources(name), include=["documents", "metadatas"]):
        kind = meta.get("kind")
        if kind == "article":
            article_id = item_id.split(":", 1)[1]
            articles[article_id] = Article(
                id=article_id,
                title=str(meta.get("title") or article_id),
                text=document,
                publisher=meta.get("publisher") or None,
                url=meta.get("url") or None,
                published=meta.get("published") or None,
                language=meta.get("language") or None,
            )
        elif kind == "facts":
            for data in json.loads(document):
                fact = Fact.model_validate(data)
                facts[fact.id] = fact
        elif kind == "term":
            glossary.append(GlossaryTerm.model_validate_json(document))
        elif kind == "entities":
            entities += [EntityRecord.model_validate(data) for data in json.loads(document)]
    ids, documents, metadatas, vectors = [], [], [], []
    # a local index this small is searched in memory; a Chroma server's is asked every time, so that
    # every process sharing it answers from it or, when it is down, says so
    in_memory = not store.settings.host and collection.count() <= IN_MEMORY_ITEMS
    for item_id, document, meta, *vector in _pages(collection, include=["documents", "metadatas", *(["embeddings"] if in_memory else [])]):
        ids.append(item_id)
        documents.append(document)
        metadatas.append(meta)
        vectors += vector
    tokens = [terms(d) or ["\u2205"] for d in documents]
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    frequency = Counter(t for doc in tokens for t in set(doc))
    snapshot = Snapshot(
        generation=name,
        collection=collection,
        metadata=dict(collection.metadata or {}),
        articles=articles,
        facts=facts,
        glossary=glossary,
        ids=ids,
        documents=documents,
        metadatas=metadatas,
        bm25=bm25,
        row={item_id: i for i, item_id in enumerate(ids)},
        document_frequency=frequency,
        entities=entities,
        vectors=np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1) if in_memory and ids else None,
    )
    fact_ids, vectors = _fact_vectors(collection, snapshot) if facts else ([], [])
    if fact_ids:
        snapshot.fact_ids = fact_ids
        snapshot.fact_vectors = np.asarray(vectors, dtype=np.float32)
    return snapshot


def _fact_vectors(collection: Any, snapshot: Snapshot) -> tuple[list[str], list[Any]]:
    """The vector of every fact: its own for a curated fact (embedded with its wording), the vector of
    the sentence that states it for a learned one (learned facts are many; their sentences are
    embedded anyway)."""
    rows = collection.get(where={"kind": "fact"}, include=["metadatas", "embeddings"])
    fact_ids = [m["fact_id"] for m in rows["metadatas"]]
    vectors = list(rows["embeddings"])
    have = set(fact_ids)
    wanted: dict[str, list[str]] = {}
    sentences = sorted(snapshot.sentence_rows.items())
    by_article: dict[str, list[tuple[int, int]]] = {}
    for (article, start), row in sentences:
        by_article.setdefault(article, []).append((start, row))
    for fact in snapshot.facts.values():
        if fact.id in have:
            continue
        starts = by_article.get(fact.article, [])
        at = bisect_right(starts, (fact.start, len(snapshot.ids))) - 1
        if at >= 0:
            wanted.setdefault(snapshot.ids[starts[at][1]], []).append(fact.id)
    if snapshot.vectors is not None:  # the sentences' vectors are in memory already
        found = ((item_id, snapshot.vectors[snapshot.row[item_id]]) for item_id in wanted)
    else:
        found = _vectors_of(collection, list(wanted))
    for item_id, vector in found:
        for fact_id in wanted[item_id]:
            fact_ids.append(fact_id)
            vectors.append(vector)
    return fact_ids, vectors


def _vectors_of(collection: Any, ids: list[str]) -> Iterator[tuple[str, Any]]:
    """(id, vector) of ``ids``, read from ``collection`` a page at a time."""
    for begin in range(0, len(ids), PAGE):
        got = collection.get(ids=ids[begin : begin + PAGE], include=["embeddings"])
        yield from zip(got["ids"], got["embeddings"], strict=True)


def _pages(collection: Any, *, include: list[str]):
    total = collection.count()
    for offset in range(0, total, PAGE):
        page = collection.get(include=include, limit=PAGE, offset=offset)
        columns = [page["documents"], page["metadatas"], *([page["embeddings"]] if "embeddings" in include else [])]
        yield from zip(page["ids"], *columns, strict=True)


class Knowledge:
    """The current snapshot, reloaded when ``assistant index`` publishes a new generation.

    The pointer is checked at most every ``refresh_s`` seconds, so a query costs no extra round trip.
    When the store cannot be reached, :class:`StoreUnavailable` is raised and the next call tries again.
    The generation answered from is held (see :mod:`assistant.retention`) long enough to outlast the
    next check and the requests still running on it, so no re-index drops it from under them.
    """

    def __init__(self, store: Store, *, refresh_s: float = 10.0) -> None:
        self.store = store
        self.refresh_s = refresh_s
        self.hold_s = max(HOLD_S, 3 * refresh_s)
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def get(self) -> Snapshot | None:
        """The snapshot to answer from, or None when nothing has been indexed."""
        now = time.monotonic()
        if self._snapshot is not None and now - self._checked < self.refresh_s:
            return self._snapshot
        with self._lock:
            if self._snapshot is not None and time.monotonic() - self._checked < self.refresh_s:
                return self._snapshot
            try:
                name = self._current_held()
                if name and (self._snapshot is None or self._snapshot.generation != name):
                    log.info("loading index generation %s from %s", name, self.store.describe())
                    self._snapshot = load_snapshot(self.store, name)
                elif not name:
                    self._snapshot = None
            except StoreUnavailable:
                self.store.reset()
                raise
            except Exception as exc:
                if is_connection_error(exc):
                    self.store.reset()
                    raise self.store.unavailable(exc) from exc
                raise
            self._checked = time.monotonic()
            return self._snapshot

    def _current_held(self) -> str | None:
        """The current generation, held before it is used.

        Read, hold, read again: a re-index that moved the pointer in between may not have seen the
        hold, so the new generation is taken instead.
        """
        name = self.store.current_name()
        for _ in range(3):
            if not name or not self.store.hold(name, seconds=self.hold_s):
                return name
            again = self.store.current_name()
            if again == name:
                return name
            name = again
        return name

    def invalidate(self) -> None:
        """Check the pointer again on the next call (after an error or a known re-index)."""
        self._checked = 0.0
