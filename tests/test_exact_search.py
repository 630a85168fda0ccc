"""A small index is searched exactly in memory; a large one through the vector store. Both give the
same ranking and the same similarities, for passages and for sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import assistant.snapshot as snapshot_module
from assistant.config import RetrievalSettings
from assistant.embeddings import FakeEmbeddings
from assistant.indexer import run_index
from assistant.retrieval import PASSAGES, SENTENCES, Searcher
from assistant.snapshot import Knowledge
from assistant.store import Store
from tests.conftest import make_settings

DATA = Path(__file__).with_name("data") / "articles"
QUESTIONS = ["How many dock workers does the harbour employ?", "Who runs the rail line?", "When did the new station open?"]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    shutil.copytree(DATA, tmp_path / "corpus" / "articles")
    settings = make_settings(tmp_path, corpus=tmp_path / "corpus", embedding="fake")
    store = Store(settings.store)
    run_index(settings, FakeEmbeddings(), store)
    return store


def searches(store: Store) -> tuple[bool, list]:
    searcher = Searcher(Knowledge(store), FakeEmbeddings(), RetrievalSettings())
    snapshot = searcher.knowledge.get()
    found = [  # the items that resemble the question (the test's vectors make the rest ties at 0)
        [(h.id, round(h.similarity, 5)) for h in searcher.search(q, k=6, kinds=kinds) if h.similarity > 0.01]
        for q in QUESTIONS
        for kinds in (PASSAGES, SENTENCES)
    ]
    return snapshot.vectors is not None, found


def test_in_memory_and_vector_store_search_agree(store, monkeypatch):
    in_memory, exact = searches(store)
    monkeypatch.setattr(snapshot_module, "IN_MEMORY_ITEMS", 0)
    from_store, approximate = searches(store)
    assert in_memory and not from_store
    assert all(exact) and exact == approximate
