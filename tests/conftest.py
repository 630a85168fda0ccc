"""Shared fixtures: settings pointed at temporary folders, the real model loaded once, an indexed pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import offline
from assistant.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

offline.prepare()


def make_settings(tmp: Path, *, corpus: Path = CORPUS, embedding: str = "sentence-transformers", **sections) -> Settings:
    """Settings that keep everything (index, sessions) under ``tmp``."""
    overrides = {
        "corpus": {
            "articles_dir": str(corpus / "articles"),
            "facts_file": str(corpus / "facts.yaml"),
            "glossary_file": str(corpus / "glossary.yaml"),
        },
        "store": {"path": str(tmp / "index"), "host": None},
        "embedding": {"provider": embedding},
        "api": {"sessions_url": f"sqlite:///{tmp / 'sessions.db'}"},
        "llm": {"provider": "offline"},
    }
    for section, values in sections.items():
        overrides.setdefault(section, {}).update(values)
    return load_settings(overrides, environ={})


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def real_embeddings():
    from assistant.config import EmbeddingSettings
    from assistant.embeddings import build_embeddings

    return build_embeddings(EmbeddingSettings())


@pytest.fixture(scope="session")
def indexed(tmp_path_factory, real_embeddings):
    """The project's corpus indexed once with the real model into a temporary local store."""
    from assistant.indexer import run_index
    from assistant.store import Store

    tmp = tmp_path_factory.mktemp("indexed")
    settings = make_settings(tmp)
    store = Store(settings.store)
    run_index(settings, real_embeddings, store)
    return settings, store


@pytest.fixture(scope="session")
def pipeline(indexed, real_embeddings):
    """The real offline pipeline (real model, real Chroma on disk) over the project's corpus."""
    from assistant.chain import build_pipeline

    settings, store = indexed
    return build_pipeline(settings, embeddings=real_embeddings, store=store)
