"""Hybrid retrieval: dense (Chroma) and lexical (BM25) candidates fused by reciprocal rank."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever

from assistant.config import RetrievalSettings
from assistant.snapshot import Knowledge, Snapshot
from assistant.store import is_connection_error
from assistant.text import terms

SYNONYM_WEIGHT = 0.5
PASSAGES = ("chunk", "fact")
SENTENCES = ("sentence",)


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk or fact with how it scored."""

    id: str
    text: str
    metadata: dict[str, Any]
    score: float
    similarity: float
    lexical: float

    @property
    def kind(self) -> str:
        return str(self.metadata.get("kind", "chunk"))


class Searcher:
    """Runs hybrid searches over the current snapshot and remembers recent query vectors."""

    def __init__(self, knowledge: Knowledge, embeddings: Embeddings, settings: RetrievalSettings) -> None:
        self.knowledge = knowledge
        self.embeddings = embeddings
        self.settings = settings
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = settings.query_cache
        self._lock = threading.Lock()
        self._last_bm25: tuple[Snapshot, str, np.ndarray | None] | None = None

    def embed(self, text: str) -> np.ndarray:
        """The (normalised) query vector of ``text``, computed once per distinct text."""
        with self._lock:
            if text in self._vectors:
                self._vectors.move_to_end(text)
                return self._vectors[text]
        vector = np.asarray(self.embeddings.embed_query(text), dtype=np.float32)
        if not self._cache_size:
            return vector
        with self._lock:
            self._vectors[text] = vector
            if len(self._vectors) > self._cache_size:
                self._vectors.popitem(last=False)
        return vector

    def search(
        self,
        query: str,
        *,
        k: int | None = None,
        snapshot: Snapshot | None = None,
        vector: np.ndarray | None = None,
        kinds: tuple[str, ...] = PASSAGES,
    ) -> list[Hit]:
        """The ``k`` best items of ``kinds`` (chunks and facts by default) for ``query``, best first.

        Dense (the vector store) and lexical (BM25) rankings are fused by reciprocal rank.
        """
        snapshot = snapshot or self.knowledge.get()
        if snapshot is None or not snapshot.ids:
            return []
        s = self.settings
        k = k or s.k
        vector = self.embed(query) if vector is None else vector
        dense = self._dense(snapshot, vector, s.dense_k, kinds)
        lexical = self._lexical(snapshot, query, s.lexical_k, kinds)
        fused: dict[str, float] = {}
        for ranking in (list(dense), list(lexical)):
            for rank, item_id in enumerate(ranking):
                fused[item_id] = fused.get(item_id, 0.0) + 1.0 / (s.rrf_k + rank + 1)
        best = sorted(fused, key=lambda i: -fused[i])[:k]
        missing = [i for i in best if i not in dense]
        if missing:
            dense.update(self.similarities(snapshot, vector, missing))
        hits = []
        for item_id in best:
            row = snapshot.row.get(item_id)
            if row is None:
                continue
            hits.append(
                Hit(
                    item_id,
                    snapshot.documents[row],
                    snapshot.metadatas[row],
                    fused[item_id],
                    dense.get(item_id, 0.0),
                    lexical.get(item_id, 0.0),
                )
            )
        return hits

    def _dense(self, snapshot: Snapshot, vector: np.ndarray, n: int, kinds: tuple[str, ...]) -> dict[str, float]:
        available = sum(snapshot.kind_counts.get(kind, 0) for kind in kinds)
        if not available:
            return {}
        if snapshot.vectors is not None:  # a small index: exact search in memory
            rows, matrix = snapshot.kind_matrix(kinds)
            sims = matrix @ vector
            best = np.argsort(-sims)[:n] if len(sims) <= n else np.argpartition(-sims, n)[:n]
            return {snapshot.ids[rows[i]]: float(sims[i]) for i in sorted(best, key=lambda i: -sims[i])}
        where = {"kind": kinds[0]} if len(kinds) == 1 else {"kind": {"$in": list(kinds)}}
        try:
            result = snapshot.collection.query(
                query_embeddings=[vector.tolist()], n_results=min(n, available), where=where, include=["distances"]
            )
        except Exception as exc:
            self._raise_if_unreachable(exc)
            raise
        return {item_id: 1.0 - float(d) for item_id, d in zip(result["ids"][0], result["distances"][0], strict=True)}

    def similarities(self, snapshot: Snapshot, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of ``vector`` to each of the items ``ids`` (normalised vectors)."""
        if not ids:
            return {}
        if snapshot.vectors is not None:
            found = [(i, snapshot.row[i]) for i in ids if i in snapshot.row]
            return {i: float(snapshot.vectors[row] @ vector) for i, row in found}
        try:
            rows = snapshot.collection.get(ids=ids, include=["embeddings"])
        except Exception as exc:
            self._raise_if_unreachable(exc)
            raise
        return {
            item_id: float(np.dot(np.asarray(v, dtype=np.float32), vector))
            for item_id, v in zip(rows["ids"], rows["embeddings"], strict=True)
        }

    def _bm25(self, snapshot: Snapshot, query: str) -> np.ndarray | None:
        """BM25 scores of every item for ``query`` (the last query's are kept: passages and sentences
        are searched for the same question one after the other)."""
        last = self._last_bm25
        if last is not None and last[0] is snapshot and last[1] == query:
            return last[2]
        vocab = snapshot.bm25.vocab_dict
        asked = list(dict.fromkeys(terms(query)))
        base = [t for t in asked if t in vocab]
        extra = list(dict.fromkeys(s for t in asked for s in snapshot.synonyms.others(t) if s in vocab and s not in base))
        scores = None
        if base or extra:
            scores = snapshot.bm25.get_scores(base) if base else np.zeros(len(snapshot.ids), dtype=np.float32)
            if extra:
                scores = scores + SYNONYM_WEIGHT * snapshot.bm25.get_scores(extra)
        self._last_bm25 = (snapshot, query, scores)
        return scores

    def _raise_if_unreachable(self, exc: Exception) -> None:
        if is_connection_error(exc):
            self.knowledge.store.reset()
            self.knowledge.invalidate()
            raise self.knowledge.store.unavailable(exc) from exc

    def _lexical(self, snapshot: Snapshot, query: str, n: int, kinds: tuple[str, ...]) -> dict[str, float]:
        scores = self._bm25(snapshot, query)
        if scores is None:
            return {}
        scores = np.where(snapshot.kind_mask(kinds), scores, 0.0)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        return {snapshot.ids[i]: float(scores[i]) for i in top if scores[i] > 0}


class HybridRetriever(BaseRetriever):
    """LangChain retriever over :class:`Searcher`; document metadata carries the scores."""

    searcher: Any
    k: int | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(
                page_content=h.text, id=h.id, metadata={**h.metadata, "score": h.score, "similarity": h.similarity, "lexical": h.lexical}
            )
            for h in self.searcher.search(query, k=self.k)
        ]
