"""Questions embedded with ONNX Runtime: the same model, about twice as fast for one short text on a CPU.

Indexing embeds in large batches, where torch is fast; a question is one short text, where torch's
per-call overhead dominates. The model's transformer is exported to ONNX once (a second or two, no
download), cached on disk by the model's fingerprint, and checked against torch on a probe sentence
before it is used. Models whose pipeline is not transformer -> mean pooling (-> normalize) keep torch.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
PROBE = "How many ships does the harbour handle each day, and why?"
MIN_AGREEMENT = 0.9999  # cosine between the ONNX and the torch vector of the probe


class OnnxQueryEncoder:
    """Embeds one text at a time with an ONNX Runtime session built from a loaded sentence-transformers model."""

    def __init__(self, session: Any, tokenizer: Any, *, inputs: list[str], max_length: int, normalize: bool) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.inputs = inputs
        self.max_length = max_length
        self.normalize = normalize
        self._lock = threading.Lock()  # a fast tokenizer must not be entered by two threads at once ("Already borrowed")

    def encode(self, text: str) -> np.ndarray:
        with self._lock:
            encoded = self.tokenizer([text], return_tensors="np", truncation=True, max_length=self.max_length)
        feed = {name: encoded[name].astype(np.int64) for name in self.inputs}
        hidden = self.session.run(None, feed)[0]
        mask = encoded["attention_mask"][..., None].astype(np.float32)
        vector = (hidden * mask).sum(axis=1)[0] / max(float(mask.sum()), 1.0)
        if self.normalize:
            vector = vector / (np.linalg.norm(vector) or 1.0)
        return vector.astype(np.float32)


def build(model: Any, fingerprint: str, *, cache_dir: Path | None, threads: int | None = None) -> OnnxQueryEncoder | None:
    """An encoder agreeing with ``model`` (a SentenceTransformer), or None when ONNX cannot serve it."""
    try:
        import onnxruntime as ort
        import torch
    except ImportError as exc:
        log.info("questions are embedded with torch: %s", exc)
        return None
    modules = [type(m).__name__ for m in model]
    pooling = model[1].get_config_dict().get("pooling_mode") if len(modules) > 1 and hasattr(model[1], "get_config_dict") else None
    if modules[:2] != ["Transformer", "Pooling"] or pooling != "mean" or any(m not in {"Normalize"} for m in modules[2:]):
        log.info("questions are embedded with torch: the model is %s with %s pooling", " -> ".join(modules), pooling)
        return None
    tokenizer = model.tokenizer
    inputs = [k for k in tokenizer("probe", return_tensors="np") if k in {"input_ids", "attention_mask", "token_type_ids"}]
    try:
        data = _cached_export(model[0].auto_model, tokenizer, inputs, fingerprint, cache_dir, torch)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or max(1, min(4, os.cpu_count() or 1))
        options.log_severity_level = 3
        session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        encoder = OnnxQueryEncoder(session, tokenizer, inputs=inputs, max_length=model.max_seq_length, normalize="Normalize" in modules)
        expected = model.encode([PROBE], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)[0]
        got = encoder.encode(PROBE)
        agreement = float(np.dot(expected, got / (np.linalg.norm(got) or 1.0)))
    except Exception as exc:  # an exporter or runtime that cannot handle this model: torch it is
        log.warning("questions are embedded with torch: ONNX export failed (%s: %s)", type(exc).__name__, exc)
        return None
    if agreement < MIN_AGREEMENT:
        log.warning("questions are embedded with torch: the ONNX model disagrees with it (cosine %.6f)", agreement)
        return None
    return encoder


def _cached_export(transformer: Any, tokenizer: Any, inputs: list[str], fingerprint: str, cache_dir: Path | None, torch: Any) -> bytes:
    path = cache_dir / f"{fingerprint}.onnx" if cache_dir else None
    if path is not None and path.is_file():
        return path.read_bytes()
    data = _export(transformer, tokenizer, inputs, torch)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
                out.write(data)
            os.replace(out.name, path)  # whole or not at all: a concurrent reader never sees half a file
        except OSError as exc:
            log.info("ONNX model not cached (%s); it will be exported again next time", exc)
    return data


def _export(transformer: Any, tokenizer: Any, inputs: list[str], torch: Any) -> bytes:
    class Hidden(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: Any) -> Any:
            return self.model(**dict(zip(inputs, tensors, strict=True))).last_hidden_state

    example = tokenizer(["an example sentence"], return_tensors="pt")
    dynamic = {name: {0: "batch", 1: "tokens"} for name in [*inputs, "hidden"]}
    buffer = io.BytesIO()
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it fixes: the axes declared dynamic stay dynamic
        torch.onnx.export(
            Hidden(transformer.eval()),
            tuple(example[name] for name in inputs),
            buffer,
            input_names=inputs,
            output_names=["hidden"],
            dynamic_axes=dynamic,
            opset_version=17,
            dynamo=False,
        )
    return buffer.getvalue()
