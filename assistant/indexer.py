"""``assistant index``: chunks and facts of the corpus, embedded into Chroma, incrementally.

Every item (a chunk or a fact) has an id derived from the text it embeds, so an item whose text is
unchanged keeps its vector: only new text is embedded. A run that changes anything writes a new
generation (see :mod:`assistant.store`) holding the kept vectors plus the new ones, and publishes it
only once it is complete.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.chunking import chunk_article, split_sentences
from assistant.config import Settings
from assistant.corpus import Article, Corpus, Fact, load_corpus
from assistant.embeddings import model_name
from assistant.ingest.learn import cached_extractions, entity_records, learn
from assistant.multilingual import CompanionPlan, build_encoder, encode_companion, write_companion
from assistant.store import Store

SCHEMA = 5  # 2: sentences are indexed too, for the reader's sentence-level ranking; 3: "(r. 1368" ends no sentence;
# 4: chunk vectors composed from their sentences' vectors; 5: facts and entities stored one record per article
MIN_SENTENCE_WORDS = 3
COPY_BATCH = 2000
ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Item:
    """One entry of the index: the text embedded and searched, and the metadata returned with it."""

    id: str
    kind: str  # "chunk", "sentence" or "fact"
    document: str
    metadata: dict[str, str | int | float | bool]

    @property
    def signature(self) -> str:
        return hashlib.sha256(json.dumps(self.metadata, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class IndexReport:
    """What a run did; printed as the JSON summary of ``assistant index --json``."""

    articles: int
    facts: int
    chunks: int
    chunks_added: int
    chunks_removed: int
    chunks_unchanged: int
    facts_added: int
    facts_removed: int
    facts_unchanged: int
    metadata_updated: int
    rebuilt: bool
    generation: str | None
    store: str
    seconds: float
    sources_updated: bool = False  # article texts, titles or the glossary changed, with no chunk or fact to re-embed
    sentences: int = 0  # sentences indexed on their own (for the reader), beside the chunks
    sentences_added: int = 0
    sentences_removed: int = 0
    multilingual_added: int = 0  # sentences embedded for cross-lingual search
    multilingual_seconds: float = 0.0
    facts_learned: int = 0  # facts extracted from the articles (beside the curated ones)
    extract_seconds: float = 0.0  # time spent extracting (only new or changed articles are read)
    articles_extracted: int = 0  # articles read by the extractor this run
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # learned values a curated fact overrules

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        changed = self.chunks_added + self.chunks_removed + self.facts_added + self.facts_removed + self.metadata_updated
        state = "rebuilt" if self.rebuilt else ("updated" if changed or self.sources_updated else "up to date")
        return (
            f"Index {state}: {self.articles} articles, {self.chunks} chunks "
            f"(+{self.chunks_added} -{self.chunks_removed} ={self.chunks_unchanged}), {self.facts} facts "
            f"(+{self.facts_added} -{self.facts_removed} ={self.facts_unchanged}; {self.facts_learned} learned"
            + (f", {len(self.conflicts)} overruled by curated facts" if self.conflicts else "")
            + f") in {self.seconds:.1f}s, {self.store}"
        )


def source_records(corpus: Corpus) -> list[tuple[str, str, dict[str, str]]]:
    """What readers need beside the vectors: article texts, facts and glossary, as (id, document, metadata)."""
    records = []
    for article in corpus.articles.values():
        meta = {k: v for k, v in article.meta().items() if k != "source"}
        records.append((f"article:{article.id}", article.text, {**meta, "kind": "article", "language": article.language or ""}))
    # one record of facts per article: a record costs Chroma about half a millisecond to write, whatever its size
    by_article: dict[str, list[Fact]] = {}
    for fact in corpus.facts:
        by_article.setdefault(fact.article, []).append(fact)
    for article_id, facts in by_article.items():
        records.append((f"facts:{article_id}", json.dumps([f.model_dump(mode="json") for f in facts]), {"kind": "facts"}))
    records += [(f"term:{i}", term.model_dump_json(), {"kind": "term"}) for i, term in enumerate(corpus.glossary)]
    return records


def _sources_hash(records: list[tuple[str, str, dict[str, str]]]) -> str:
    return hashlib.sha256(json.dumps(records, sort_keys=True).encode()).hexdigest()[:16]


def index_identity(settings: Settings, embeddings: Embeddings) -> dict[str, str | int]:
    """What the vectors depend on; a change of any of it rebuilds the index."""
    c = settings.chunking
    return {
        "schema": SCHEMA,
        "embedding_model": model_name(embeddings),
        "chunking": f"{c.encoding}/{c.max_tokens}/{c.overlap_sentences}",
    }


def corpus_items(corpus: Corpus, settings: Settings) -> list[Item]:
    """Every chunk of every article, then every fact, as index items."""
    items: list[Item] = []
    c = settings.chunking
    for article in corpus.articles.values():
        seen: Counter[str] = Counter()
        for chunk in chunk_article(article, encoding_name=c.encoding, max_tokens=c.max_tokens, overlap_sentences=c.overlap_sentences):
            digest = _digest(chunk.text)
            seen[digest] += 1
            meta = {**article.meta(), "kind": "chunk", "start": chunk.start, "end": chunk.end, "chunk": chunk.index}
            items.append(Item(f"chunk:{article.id}:{digest}:{seen[digest]}", "chunk", chunk.text, meta))
        items += sentence_items(article)
    for fact in corpus.facts:
        if fact.origin == "learned":  # read through the sentence that states it, whose vector is there already
            continue
        article = corpus.articles[fact.article]
        document = fact_document(fact)
        meta = {
            **article.meta(),
            "kind": "fact",
            "fact_id": fact.id,
            "start": fact.start,
            "end": fact.end,
        }
        items.append(Item(f"fact:{fact.id}:{_digest(document)}", "fact", document, meta))
    return items


def sentence_items(article: Article) -> list[Item]:
    """Every sentence of ``article`` long enough to answer something, as an index item of its own.

    The reader ranks sentences by their own similarity to the question, not their chunk's.
    """
    items: list[Item] = []
    seen: Counter[str] = Counter()
    for span in split_sentences(article.text):
        if len(span.text.split()) < MIN_SENTENCE_WORDS:
            continue
        digest = _digest(span.text)
        seen[digest] += 1
        meta = {**article.meta(), "kind": "sentence", "start": span.start, "end": span.end}
        items.append(Item(f"sentence:{article.id}:{digest}:{seen[digest]}", "sentence", span.text, meta))
    return items


def fact_document(fact: Fact) -> str:
    """A fact as searchable text: what it says in plain words, then its quote."""
    value = " ".join(str(part) for part in (fact.qualifier, fact.value, fact.unit) if part not in (None, ""))
    context = ", ".join(part for part in (fact.scope, fact.as_of) if part)
    return f"{fact.subject} ({fact.subject_type}) {fact.metric}: {value}" + (f" [{context}]" if context else "") + f". {fact.quote}"


def run_index(
    settings: Settings,
    embeddings: Embeddings,
    store: Store,
    *,
    rebuild: bool = False,
    progress: ProgressFn | None = None,
    corpus: Corpus | None = None,
) -> IndexReport:
    """Bring the store up to date with ``corpus/`` (or with ``corpus``, when given); see the module docstring."""
    started = time.perf_counter()
    s = settings.corpus
    if corpus is None:
        corpus = load_corpus(s.articles_dir, s.facts_file, s.glossary_file)  # raises before any write
    items = corpus_items(corpus, settings)
    identity = index_identity(settings, embeddings)
    current = store.current()
    existing: dict[str, str] = {}
    compatible = current is not None and all((current.metadata or {}).get(k) == v for k, v in identity.items())
    if current is not None and compatible and not rebuild:
        existing = _signatures(current)
    wanted = {item.id: item for item in items}
    new = [item for item in items if item.id not in existing]
    kept = [item for item in items if item.id in existing]
    removed = [item_id for item_id in existing if item_id not in wanted]
    relabelled = [item for item in kept if existing[item.id] != item.signature]
    rebuilt = current is not None and (rebuild or not compatible)
    encoder = build_encoder(settings.embedding.multilingual, threads=settings.embedding.threads)
    multilingual = encoder.name if encoder else ""
    stale_sentences = current is not None and (current.metadata or {}).get("multilingual", "") != multilingual
    previous = None if rebuild or current is None else current.name

    def encode() -> CompanionPlan | None:
        return encode_companion(store.client, previous, corpus.articles.values(), encoder, progress) if encoder else None

    # Learned facts are searched through the sentences that state them, so nothing the model embeds
    # waits for the extractor: it reads the articles on its own thread (one core) meanwhile.
    cache = cached_extractions(store, enabled=s.learn_facts)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract") as pool:
        learning = pool.submit(learn, corpus, cache) if cache is not None else None
        extracting = (lambda: not learning.done()) if learning is not None else (lambda: False)
        vectors = _item_vectors(embeddings, new, progress, extracting)
        plan = encode() if new or removed or relabelled or rebuilt or stale_sentences else None
        learned = learning.result() if learning is not None else None
    if learned is not None:
        corpus = replace(corpus, facts=learned.facts)
    sources = source_records(corpus) + (learned.records + entity_records(learned.entities) if learned else [])

    def count(kind: str, among: Iterable[Item] | Iterable[str]) -> int:
        return sum(1 for x in among if (x.kind if isinstance(x, Item) else x.split(":", 1)[0]) == kind)

    sources_hash = _sources_hash(sources)
    generation = store.current_name()
    stale_sources = current is None or (current.metadata or {}).get("sources_hash") != sources_hash
    sentences = None
    if new or removed or relabelled or stale_sources or rebuilt or stale_sentences:
        meta = {**identity, "sources_hash": sources_hash, "articles": len(corpus.articles), "facts": len(corpus.facts)}
        meta["multilingual"] = multilingual

        def companion(target: str) -> None:
            nonlocal sentences
            found = plan or encode()  # only the sources changed: the previous generation's vectors are copied
            if found is not None:
                sentences = write_companion(store.client, target, found)

        generation = _write_generation(store, current, kept, new, vectors, sources, meta, progress, companion)
    return IndexReport(
        articles=len(corpus.articles),
        facts=len(corpus.facts),
        chunks=count("chunk", items),
        chunks_added=count("chunk", new),
        chunks_removed=count("chunk", removed),
        chunks_unchanged=count("chunk", kept),
        facts_added=count("fact", new),
        facts_removed=count("fact", removed),
        facts_unchanged=count("fact", kept),
        metadata_updated=len(relabelled),
        rebuilt=rebuilt,
        generation=generation,
        store=store.describe(),
        seconds=round(time.perf_counter() - started, 3),
        sources_updated=current is not None and (stale_sources or stale_sentences) and not (new or removed or relabelled or rebuilt),
        sentences=count("sentence", items),
        sentences_added=count("sentence", new),
        sentences_removed=count("sentence", removed),
        multilingual_added=sentences.added if sentences else 0,
        multilingual_seconds=sentences.seconds if sentences else 0.0,
        facts_learned=learned.learned if learned else 0,
        extract_seconds=learned.seconds if learned else 0.0,
        articles_extracted=learned.extracted if learned else 0,
        conflicts=learned.conflicts if learned else [],
    )


def _write_generation(
    store: Store,
    current: Any,
    kept: list[Item],
    new: list[Item],
    vectors: list[list[float]],
    sources: list[tuple[str, str, dict[str, str]]],
    meta: dict[str, str | int],
    progress: ProgressFn | None,
    companion: Callable[[str], None] | None = None,
) -> str:
    """Write a complete generation of ``kept`` + ``new`` (with their ``vectors``) and publish it."""
    meta = {**meta, "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    target, target_sources = store.create_generation(meta)
    try:
        for begin in range(0, len(sources), COPY_BATCH):
            part = sources[begin : begin + COPY_BATCH]
            ids, documents, metadatas = (list(column) for column in zip(*part, strict=True))
            target_sources.add(ids=ids, documents=documents, metadatas=metadatas, embeddings=[[1.0]] * len(part))
        done, total = 0, len(kept) + len(new)
        for begin in range(0, len(kept), COPY_BATCH):
            part = kept[begin : begin + COPY_BATCH]
            old = current.get(ids=[item.id for item in part], include=["embeddings"])
            by_id = dict(zip(old["ids"], old["embeddings"], strict=True))
            _add(target, part, [by_id[item.id] for item in part])
            done += len(part)
            if progress:
                progress("writing", done, total)
        for begin in range(0, len(new), COPY_BATCH):
            _add(target, new[begin : begin + COPY_BATCH], vectors[begin : begin + COPY_BATCH])
            done += len(new[begin : begin + COPY_BATCH])
            if progress:
                progress("writing", done, total)
        if target.count() != total:
            raise RuntimeError(f"the new index generation holds {target.count()} items instead of {total}")
        if companion is not None:
            companion(target.name)
        store.publish(target)
    except BaseException:
        store.drop(target.name)
        raise
    return target.name


def _item_vectors(
    embeddings: Embeddings, items: list[Item], progress: ProgressFn | None, extracting: Callable[[], bool] = lambda: False
) -> list[list[float]]:
    """A vector for every item: sentences and facts embedded, chunks composed from their sentences.

    A chunk's vector is the mean of its sentences' vectors weighted by their length in words (cosine
    0.94 to the chunk embedded whole, on average): every sentence is embedded for the reader anyway, so
    chunks cost no model time of their own. A chunk that holds no whole sentence is embedded as it is.
    """
    parts = {item.id: [span.text for span in split_sentences(item.document)] for item in items if item.kind == "chunk"}
    texts = {item.document for item in items if item.kind != "chunk" or not parts[item.id]}
    texts.update(text for sentences in parts.values() for text in sentences)
    ordered = list(texts)
    by_text = dict(zip(ordered, _embed(embeddings, ordered, progress, extracting), strict=True))
    vectors: list[list[float]] = []
    for item in items:
        sentences = parts.get(item.id)
        if not sentences:
            vectors.append(by_text[item.document])
            continue
        weights = np.array([len(text.split()) or 1 for text in sentences], dtype=np.float64)
        mean = (np.array([by_text[text] for text in sentences], dtype=np.float64) * weights[:, None]).sum(axis=0)
        vectors.append((mean / (np.linalg.norm(mean) or 1.0)).tolist())
    return vectors


def _embed(embeddings: Embeddings, texts: list[str], progress: ProgressFn | None, extracting: Callable[[], bool]) -> list[list[float]]:
    """Vectors of ``texts`` in their order, embedded shortest first.

    A batch is padded to its longest text: batches of chunks and sentences mixed would pad every
    sentence to chunk length, which more than doubles the work. While the extractor reads, the model
    leaves it a core (two threads on one core slow both several times over).
    """
    batch = max(1, getattr(embeddings, "batch_size", 64))
    step = batch * 2  # texts per call: progress is reported, and the cores shared out again, between calls
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors: list[list[float]] = [[] for _ in texts]
    share = getattr(embeddings, "one_core_free", None)  # a model computing on several cores can give one up
    for begin in range(0, len(order), step):
        part = order[begin : begin + step]
        with share(extracting()) if share is not None else nullcontext():
            done = embeddings.embed_documents([texts[i] for i in part])
        for i, vector in zip(part, done, strict=True):
            vectors[i] = vector
        if progress:
            progress("embedding", min(begin + step, len(order)), len(order))
    return vectors


def _add(collection: Any, items: list[Item], vectors: list[Any]) -> None:
    if items:
        collection.add(
            ids=[item.id for item in items],
            documents=[item.document for item in items],
            metadatas=[{**item.metadata, "sig": item.signature} for item in items],
            embeddings=[list(map(float, v)) for v in vectors],
        )


def _signatures(collection: Any) -> dict[str, str]:
    """Id -> metadata signature of every item already in ``collection``."""
    signatures: dict[str, str] = {}
    total = collection.count()
    for offset in range(0, total, COPY_BATCH):
        page = collection.get(include=["metadatas"], limit=COPY_BATCH, offset=offset)
        for item_id, meta in zip(page["ids"], page["metadatas"], strict=True):
            signatures[item_id] = str((meta or {}).get("sig", ""))
    return signatures


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]
