"""The embedding model: questions embedded by ONNX Runtime agree with the torch model that embedded the index."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import EmbeddingSettings
from assistant.embeddings import SentenceTransformerEmbeddings, build_embeddings, bundled_model_path

QUESTIONS = [
    "How many companies does Chengdu have on the Forbes list?",
    "杭州有哪些公司入选？",
    "What share of firms build the foundation layer of China's AI industry, and how does it compare with the application layer?",
    "x" * 3000,  # longer than the model reads: cut the same way as torch cuts it
]


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    cache = tmp_path_factory.mktemp("model-cache")
    onnx = build_embeddings(EmbeddingSettings(query_backend="onnx", cache_dir=cache))
    torch = build_embeddings(EmbeddingSettings(query_backend="torch"))
    return onnx, torch, cache


def test_questions_embedded_with_onnx_match_torch(models):
    onnx, torch, cache = models
    for question in QUESTIONS:
        a, b = np.asarray(onnx.embed_query(question)), np.asarray(torch.embed_query(question))
        assert abs(np.linalg.norm(a) - 1) < 1e-5
        assert float(a @ b) > 0.9999, question
    assert onnx._query is not None, "the ONNX encoder was not used"
    assert torch._query is None
    assert list(cache.glob("*.onnx")), "the export was not cached"


def test_the_cached_export_is_reused(models):
    _, torch, cache = models
    again = build_embeddings(EmbeddingSettings(query_backend="onnx", cache_dir=cache))
    before = {p: p.stat().st_mtime_ns for p in cache.glob("*.onnx")}
    vector = again.embed_query(QUESTIONS[0])
    assert again._query is not None
    assert {p: p.stat().st_mtime_ns for p in cache.glob("*.onnx")} == before
    assert float(np.asarray(vector) @ np.asarray(torch.embed_query(QUESTIONS[0]))) > 0.9999


def test_a_corrupt_cached_export_falls_back_to_torch(tmp_path):
    model = build_embeddings(EmbeddingSettings(query_backend="onnx", cache_dir=tmp_path))
    (tmp_path / f"{model.fingerprint}.onnx").write_bytes(b"not a model")
    vector = np.asarray(model.embed_query(QUESTIONS[0]))
    assert model._query is None
    assert abs(np.linalg.norm(vector) - 1) < 1e-5


def test_the_model_leaves_a_core_free_while_asked_and_gets_it_back():
    torch = pytest.importorskip("torch")
    one_core_free = SentenceTransformerEmbeddings(bundled_model_path()).one_core_free  # the model itself is not loaded
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        with one_core_free(True):
            assert torch.get_num_threads() == 1
        assert torch.get_num_threads() == 2
        with one_core_free(False):
            assert torch.get_num_threads() == 2
        torch.set_num_threads(1)
        with one_core_free(True):  # a single thread is never taken away
            assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
