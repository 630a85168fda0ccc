"""Adding and removing documents while serving: the corpus folder and the index change together.

Every request is checked whole before anything is written: each file is saved to a hidden staging
folder and read by the same loader ``assistant index`` uses. Only then are the files moved into the
corpus folder (so the next ``assistant index`` keeps them) and the index updated. If indexing fails,
the folder is put back as it was; the index itself only changes when a complete new generation is
published (see :mod:`assistant.store`).

The update starts from the index as it is, not from this machine's corpus folder: processes sharing
a Chroma server each keep what the others added. A lease held in the store lets one process at a
time update it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

from assistant.corpus import ARTICLE_SUFFIXES, Article, Corpus, CorpusError, Fact, locate, read_article
from assistant.indexer import corpus_items, run_index
from assistant.ingest.facts_file import without_article
from assistant.store import Store, is_connection_error

if TYPE_CHECKING:
    from assistant.chain import Pipeline

log = logging.getLogger(__name__)
MAX_FILES = 10  # per request
LEASE_S = 300.0  # a process that died while updating holds the store at most this long
WAIT_S = 120.0  # how long a request waits for another update to finish
COPY_BLOCK = 1 << 20
ProgressFn = Callable[[str, int, int], None]


class UploadError(Exception):
    """A request that cannot be carried out; ``status`` is its HTTP status, ``detail`` says what to do."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass
class Upload:
    """A file sent by a user: its name as sent, and its content (an open file or a path)."""

    filename: str
    content: BinaryIO | Path


@dataclass(frozen=True)
class Added:
    """An article added or replaced: what ``POST /sources`` reports for each file."""

    id: str
    title: str
    chunks_added: int
    facts: int


@dataclass
class _Staged:
    upload: Upload
    path: Path
    article: Article


class Library:
    """Adds and removes the documents of a pipeline's corpus and index."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.settings = pipeline.settings
        self.max_bytes = pipeline.settings.api.max_upload_bytes
        self._lock = threading.Lock()

    @property
    def folder(self) -> Path:
        return self.settings.corpus.articles_dir

    # ------------------------------------------------------------------------------------- add

    def add(self, uploads: list[Upload], *, progress: ProgressFn | None = None) -> list[Added]:
        """Store and index ``uploads``; a file whose article id exists replaces that article."""
        if not uploads:
            raise UploadError(422, "no file was sent: send one or more `file` fields (multipart/form-data)")
        if len(uploads) > MAX_FILES:
            raise UploadError(422, f"{len(uploads)} files were sent; send at most {MAX_FILES} per request")
        staging = self._staging("upload")
        try:
            staged = [self._stage(upload, staging, i, len(uploads), progress) for i, upload in enumerate(uploads)]
            seen: dict[str, str] = {}
            for item in staged:
                if item.article.id in seen:
                    raise UploadError(
                        422, f"{item.upload.filename} and {seen[item.article.id]} are both article {item.article.id!r}; send one of them"
                    )
                seen[item.article.id] = item.upload.filename
            with self._exclusive():
                return self._add(staged, staging, progress)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _add(self, staged: list[_Staged], staging: Path, progress: ProgressFn | None) -> list[Added]:
        base = self._current()
        articles, facts = dict(base.articles), list(base.facts)
        for item in staged:
            article = item.article
            kept = [f for f in facts if f.article != article.id]
            facts = kept + self._refit_facts(item, [f for f in facts if f.article == article.id])
            articles[article.id] = article
        corpus = Corpus(articles=articles, facts=facts, glossary=base.glossary)
        fresh = self._new_chunks(corpus, [item.article.id for item in staged])
        moves: list[tuple[Path, Path]] = []  # (from, to), undone in reverse on failure
        try:
            for item in staged:
                target = self.folder / f"{item.article.id}{item.path.suffix}"
                replaced = self._files_of(item.article.id)
                if target.exists() and target not in replaced:
                    raise UploadError(
                        422, f"{item.upload.filename}: {target.name} already holds another article; rename the file and send it again"
                    )
                for old in replaced:
                    moves.append((old, _move(old, staging / "replaced" / old.name)))
                moves.append((item.path, _move(item.path, target)))
            self._index(corpus, progress)
        except BaseException:
            for source, moved in reversed(moves):
                with contextlib.suppress(OSError):
                    _move(moved, source)
            raise
        return [
            Added(item.article.id, item.article.title, fresh[item.article.id], sum(1 for f in facts if f.article == item.article.id))
            for item in staged
        ]

    def _stage(self, upload: Upload, staging: Path, i: int, total: int, progress: ProgressFn | None) -> _Staged:
        """Save one upload under ``staging`` and read it: errors name the file as it was sent."""
        name = upload.filename or "upload"
        stem, suffix = safe_name(name)
        if suffix not in ARTICLE_SUFFIXES:
            kinds = ", ".join(ARTICLE_SUFFIXES)
            what = f"type {suffix}" if suffix else "file without an extension"
            raise UploadError(415, f"{name}: a {what} can't be read; send {kinds} files")
        if progress:
            progress(f"reading {name}", i, total)
        path = staging / f"{i}" / f"{stem}{suffix}"
        path.parent.mkdir(parents=True)
        size = _copy(upload.content, path, self.max_bytes)
        if size > self.max_bytes:
            raise UploadError(
                413,
                f"{name}: the file is larger than the limit of {self.max_bytes:,} bytes (ASSISTANT_API__MAX_UPLOAD_BYTES); send a smaller file",
            )
        if size == 0:
            raise UploadError(422, f"{name}: the file is empty; send a file with text in it")
        try:
            article = read_article(path)
        except CorpusError as exc:
            raise UploadError(422, f"{name}: {_reason(exc)}") from None
        return _Staged(upload, path, article)

    def _refit_facts(self, item: _Staged, facts: list[Fact]) -> list[Fact]:
        """The facts of a replaced article, with their quotes found again in its new text."""
        refitted = []
        for fact in facts:
            span = locate(fact.quote, item.article.text)
            if span is None:
                raise UploadError(
                    422,
                    f"{item.upload.filename}: article {item.article.id!r} has facts (in {self.settings.corpus.facts_file.name}) quoting "
                    f"text this version does not contain, e.g. “{fact.quote[:80]}”; delete the article first, or keep those passages",
                )
            refitted.append(fact.model_copy(update={"quote": item.article.text[span[0] : span[1]], "start": span[0], "end": span[1]}))
        return refitted

    def _new_chunks(self, corpus: Corpus, article_ids: list[str]) -> dict[str, int]:
        """How many chunks of each article are not in the index yet (an unchanged file adds none)."""
        current = self.pipeline.store.current()
        counts = {}
        for article_id in article_ids:
            alone = Corpus(articles={article_id: corpus.articles[article_id]})
            ids = [item.id for item in corpus_items(alone, self.settings)]
            present = set(current.get(ids=ids, include=[])["ids"]) if current is not None and ids else set()
            counts[article_id] = len(ids) - len(present)
        return counts

    # ---------------------------------------------------------------------------------- remove

    def remove(self, article_id: str) -> None:
        """Take article ``article_id``, its chunks and its facts out of the index and the corpus folder."""
        with self._exclusive():
            base = self._current()
            if article_id not in base.articles:
                raise UploadError(404, f"no article with id {article_id!r}; GET /sources lists the articles")
            articles = {k: v for k, v in base.articles.items() if k != article_id}
            corpus = Corpus(articles=articles, facts=[f for f in base.facts if f.article != article_id], glossary=base.glossary)
            facts_file = self.settings.corpus.facts_file
            facts_text = facts_file.read_text(encoding="utf-8") if facts_file.is_file() else None
            trimmed = without_article(facts_text, article_id) if facts_text is not None else None
            staging = self._staging("remove")
            moves: list[tuple[Path, Path]] = []
            try:
                for old in self._files_of(article_id):
                    moves.append((old, _move(old, staging / old.name)))
                if trimmed is not None and trimmed != facts_text:
                    _write_atomic(facts_file, trimmed)
                self._index(corpus, None)
            except BaseException:
                for source, moved in reversed(moves):
                    with contextlib.suppress(OSError):
                        _move(moved, source)
                if trimmed != facts_text:
                    _write_atomic(facts_file, facts_text)
                raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)

    # ---------------------------------------------------------------------------------- shared

    def _current(self) -> Corpus:
        """The index as it is now (not as last cached), as a corpus to change."""
        knowledge = self.pipeline.knowledge
        knowledge.invalidate()
        snapshot = knowledge.get()
        if snapshot is None:
            return Corpus(articles={})
        return Corpus(articles=dict(snapshot.articles), facts=list(snapshot.facts.values()), glossary=list(snapshot.glossary))

    def _index(self, corpus: Corpus, progress: ProgressFn | None) -> None:
        p = self.pipeline
        run_index(self.settings, p.embeddings, p.store, corpus=corpus, progress=progress)
        p.knowledge.invalidate()
        p.reader()  # load the new generation now, so that the next question is answered from it at once

    def _files_of(self, article_id: str) -> list[Path]:
        """The files in the corpus folder that hold article ``article_id``."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.iterdir()):
            if path.name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES or not path.is_file():
                continue
            if path.suffix.lower() == ".md":  # the id may come from the front matter
                try:
                    held = read_article(path).id
                except CorpusError:
                    held = path.stem
            else:
                held = path.stem
            if held == article_id:
                found.append(path)
        return found

    def _staging(self, kind: str) -> Path:
        """A hidden folder inside the corpus folder (``assistant index`` skips it; moves from it are renames)."""
        try:
            path = self.folder / f".{kind}-{uuid.uuid4().hex[:12]}"
            path.mkdir(parents=True)
        except OSError as exc:
            raise UploadError(500, f"the corpus folder {self.folder} is not writable ({exc.strerror}); check its permissions") from exc
        return path

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One update at a time: in this process (a lock) and across processes sharing the store (a lease)."""
        if not self._lock.acquire(timeout=WAIT_S):
            raise UploadError(503, "another document is being indexed; try again in a minute")
        try:
            with lease(self.pipeline.store):
                yield
        finally:
            self._lock.release()


@contextlib.contextmanager
def lease(store: Store, *, hold_s: float = LEASE_S, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold the store's update lease: a collection that only one client can create at a time.

    A lease older than ``hold_s`` belongs to a process that died while updating and is taken over.
    """
    client = store.client
    name = f"{store.settings.collection}-lease"
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait_s
    while True:
        try:
            client.create_collection(name, metadata={"token": token, "expires": time.time() + hold_s}, embedding_function=None)
            break
        except Exception as exc:
            if is_connection_error(exc):
                raise store.unavailable(exc) from exc
        with contextlib.suppress(Exception):  # gone meanwhile: try again at once
            held = client.get_collection(name, embedding_function=None)
            if float((held.metadata or {}).get("expires", 0)) < time.time():
                log.warning("taking over the update lease of a process that did not finish")
                client.delete_collection(name)
                continue
        if time.monotonic() > deadline:
            raise UploadError(503, "another process is updating the index; try again in a minute")
        time.sleep(0.2)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            held = client.get_collection(name, embedding_function=None)
            if (held.metadata or {}).get("token") == token:
                client.delete_collection(name)


def safe_name(filename: str) -> tuple[str, str]:
    """``(stem, suffix)`` of an uploaded file's name, the stem made a valid article id."""
    base = PurePosixPath(filename.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        stem, ext = base.lstrip("."), ""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:100]
    if not slug:  # a name in another script: keep it apart from other such names
        slug = "document-" + hashlib.sha256(stem.encode()).hexdigest()[:8]
    return slug, f".{ext.lower()}" if ext else ""


def _copy(content: BinaryIO | Path, target: Path, limit: int) -> int:
    """Copy up to ``limit + 1`` bytes of ``content`` to ``target``; return how many were copied."""
    size = 0
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(open(content, "rb")) if isinstance(content, Path) else content
        out = stack.enter_context(open(target, "wb"))
        while size <= limit:
            block = source.read(min(COPY_BLOCK, limit + 1 - size))
            if not block:
                break
            out.write(block)
            size += len(block)
    return size


def _move(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    source.replace(target)
    return target


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _reason(exc: CorpusError) -> str:
    """The message of a corpus error without the (staging) path it starts with."""
    return str(exc).split(": ", 1)[1] if ": " in str(exc) else str(exc)
