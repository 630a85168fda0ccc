"""A real Chroma server (`chroma run` on loopback): indexing into it and retrieving from it."""

from __future__ import annotations

import pytest

from assistant.indexer import run_index
from assistant.retrieval import Searcher
from assistant.snapshot import Knowledge
from assistant.store import Store, StoreUnavailable
from tests.conftest import make_settings
from tests.servers import ChromaServer, free_port

pytestmark = pytest.mark.server


def test_index_into_a_chroma_server_and_retrieve_from_it(tmp_path, real_embeddings):
    with ChromaServer(tmp_path / "chroma") as server:
        settings = make_settings(tmp_path, store={"host": "127.0.0.1", "port": server.port})
        report = run_index(settings, real_embeddings, Store(settings.store))
        assert report.store == f"Chroma server at 127.0.0.1:{server.port}"
        assert report.chunks_added == report.chunks > 10
        again = run_index(settings, real_embeddings, Store(settings.store))
        assert again.chunks_added == 0 and again.generation == report.generation

        # A second process-like reader, sharing the server, sees the same index.
        knowledge = Knowledge(Store(settings.store))
        hits = Searcher(knowledge, real_embeddings, settings.retrieval).search("How many companies does Chengdu have on the list?", k=5)
        assert any("Chengdu, with 11 selected companies" in h.text for h in hits)
        assert knowledge.get().generation == report.generation


def test_settings_read_chroma_host_and_port_from_the_environment():
    from assistant.config import load_settings

    settings = load_settings(environ={"CHROMA_HOST": "10.1.2.3", "CHROMA_PORT": "8123"})
    assert (settings.store.host, settings.store.port) == ("10.1.2.3", 8123)


def test_unreachable_server_is_reported_clearly(tmp_path):
    settings = make_settings(tmp_path, store={"host": "127.0.0.1", "port": free_port()})
    with pytest.raises(StoreUnavailable, match=r"not reachable.*chroma run"):
        Store(settings.store).current_name()
