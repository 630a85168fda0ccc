"""Adding and removing documents while serving: folder and index change together, or not at all."""

from __future__ import annotations

import io
import shutil

import pytest

from assistant.chain import build_pipeline
from assistant.embeddings import FakeEmbeddings
from assistant.indexer import run_index
from assistant.ingest.library import Library, Upload, UploadError, lease
from assistant.store import Store
from tests.conftest import CORPUS, make_settings
from tests.documents import make_pdf

BEACON = "The Zorblat beacon was installed in 1987 on the northern cliff, and its lamp is seen from forty kilometres away."
SEED = "forbes-china-ai-top50-2026"


class FailingEmbeddings(FakeEmbeddings):
    """The fake embedder, failing whenever it is asked to embed passages (as a crashed model would)."""

    def embed_documents(self, texts):
        raise RuntimeError("the embedding model crashed")


@pytest.fixture(scope="module")
def indexed_copy(tmp_path_factory):
    """The project's corpus, copied and indexed once with the fake embedder (each test copies both again)."""
    tmp = tmp_path_factory.mktemp("library")
    shutil.copytree(CORPUS, tmp / "corpus")
    settings = make_settings(tmp, corpus=tmp / "corpus", embedding="fake")
    run_index(settings, FakeEmbeddings(), Store(settings.store))
    return tmp


@pytest.fixture
def corpus_copy(tmp_path, indexed_copy):
    shutil.copytree(indexed_copy / "corpus", tmp_path / "corpus")
    shutil.copytree(indexed_copy / "index", tmp_path / "index")
    return tmp_path / "corpus"


def make_library(tmp_path, corpus, *, embeddings=None, **api):
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake", api=api)
    store = Store(settings.store)
    pipeline = build_pipeline(settings, embeddings=embeddings or FakeEmbeddings(), store=store)
    return Library(pipeline), settings, store


def state(settings, store):
    """What a user could see change: the files of the corpus folder, the facts file, the published index."""
    folder = settings.corpus.articles_dir
    return sorted(p.name for p in folder.iterdir()), settings.corpus.facts_file.read_text(), store.current_name()


def pdf_upload(tmp_path, name="beacon.pdf", text=BEACON):
    return Upload(name, make_pdf(tmp_path / name, [text], title="The Zorblat Beacon"))


def test_an_uploaded_pdf_is_stored_in_the_corpus_folder_and_indexed(tmp_path, corpus_copy):
    library, settings, store = make_library(tmp_path, corpus_copy)
    (added,) = library.add([pdf_upload(tmp_path)])
    assert (added.id, added.title, added.facts) == ("beacon", "The Zorblat Beacon", 0) and added.chunks_added >= 1
    assert (corpus_copy / "articles" / "beacon.pdf").is_file()
    assert not [p for p in (corpus_copy / "articles").iterdir() if p.name.startswith(".")]  # no staging left behind
    snapshot = library.pipeline.knowledge.get()
    assert snapshot.generation == store.current_name() and BEACON in snapshot.articles["beacon"].text
    # `assistant index` finds the folder and the index in agreement: nothing to add or remove
    report = run_index(settings, FakeEmbeddings(), store)
    assert (report.chunks_added, report.chunks_removed, report.facts_removed) == (0, 0, 0)

    (again,) = library.add([pdf_upload(tmp_path)])
    assert again.chunks_added == 0  # the same text again: nothing new to embed


def test_an_upload_replaces_the_article_with_its_id_and_keeps_its_facts(tmp_path, corpus_copy):
    library, settings, store = make_library(tmp_path, corpus_copy)
    facts_before = sum(1 for f in library.pipeline.knowledge.get().facts.values() if f.article == SEED)
    body = (corpus_copy / "articles" / f"{SEED}.md").read_text().split("---", 2)[2].strip()
    (added,) = library.add([Upload(f"{SEED}.txt", io.BytesIO(("Forbes list, plain text\n\n" + body).encode()))])
    assert added.facts == facts_before > 0 and added.title == "Forbes list, plain text"
    names = state(settings, store)[0]
    assert f"{SEED}.txt" in names and f"{SEED}.md" not in names


def test_an_upload_that_drops_the_passages_facts_quote_is_refused(tmp_path, corpus_copy):
    library, settings, store = make_library(tmp_path, corpus_copy)
    before = state(settings, store)
    with pytest.raises(UploadError) as error:
        library.add([Upload(f"{SEED}.txt", io.BytesIO(b"A different text altogether.\n"))])
    assert error.value.status == 422 and f"{SEED}.txt" in error.value.detail and "facts" in error.value.detail
    assert state(settings, store) == before


@pytest.mark.parametrize(
    ("name", "content", "status", "says"),
    [
        ("setup.exe", b"MZ\x90\x00", 415, "type .exe can't be read"),
        ("big.txt", b"word " * 1000, 413, "larger than the limit of 2,048 bytes"),
        ("broken.pdf", b"%PDF-1.4\nthis is not a PDF body", 422, "is not a readable PDF"),
        ("empty.txt", b"", 422, "the file is empty"),
        ("scan.pdf", None, 422, "has no text layer"),
    ],
)
def test_a_bad_file_is_refused_naming_it_and_nothing_changes(tmp_path, corpus_copy, name, content, status, says):
    from tests.documents import make_scanned_pdf

    library, settings, store = make_library(tmp_path, corpus_copy, max_upload_bytes=2048)
    before = state(settings, store)
    source = make_scanned_pdf(tmp_path / name) if content is None else io.BytesIO(content)
    good = pdf_upload(tmp_path)  # sent along with the bad one: refused with it
    with pytest.raises(UploadError) as error:
        library.add([good, Upload(name, source)])
    assert error.value.status == status and error.value.detail.startswith(f"{name}: ") and says in error.value.detail
    assert state(settings, store) == before


def test_when_indexing_fails_the_corpus_folder_is_put_back(tmp_path, corpus_copy):
    library, settings, store = make_library(tmp_path, corpus_copy, embeddings=FailingEmbeddings())
    before = state(settings, store)
    with pytest.raises(RuntimeError, match="crashed"):
        library.add([pdf_upload(tmp_path)])
    assert state(settings, store) == before


def test_removing_an_article_takes_it_its_file_and_its_facts_away(tmp_path, corpus_copy):
    library, settings, store = make_library(tmp_path, corpus_copy)
    library.remove(SEED)
    snapshot = library.pipeline.knowledge.get()
    assert SEED not in snapshot.articles and not [f for f in snapshot.facts.values() if f.article == SEED]
    assert not any(m.get("source") == SEED for m in snapshot.metadatas)
    assert f"{SEED}.md" not in state(settings, store)[0]
    assert f"article: {SEED}" not in settings.corpus.facts_file.read_text()
    report = run_index(settings, FakeEmbeddings(), store)  # the folder and the facts file still index cleanly, to the same
    assert (report.chunks_added, report.chunks_removed, report.facts_added, report.facts_removed) == (0, 0, 0, 0)

    with pytest.raises(UploadError) as error:
        library.remove(SEED)
    assert error.value.status == 404


def test_one_update_at_a_time_across_processes_and_a_dead_holder_is_taken_over(tmp_path, corpus_copy):
    _, settings, store = make_library(tmp_path, corpus_copy)
    with lease(store), pytest.raises(UploadError) as error, lease(Store(settings.store), wait_s=0.5):
        pass
    assert error.value.status == 503 and "another process is updating" in error.value.detail
    with lease(store, hold_s=-1), lease(Store(settings.store), wait_s=2):  # the first holder's lease has run out
        pass
