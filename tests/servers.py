"""Real servers on loopback for the tests: a Chroma server (``chroma run``), and helpers to wait for ports."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, *, timeout: float = 60.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode} before {url} answered")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout}s ({last})")


def chroma_binary() -> str:
    found = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(found).exists():
        raise FileNotFoundError("the `chroma` command (from the chromadb package) is not installed")
    return found


class ChromaServer:
    """``chroma run`` on a loopback port, with its data in ``path``; can be stopped and started again."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = path
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.log = path.parent / f"chroma-{self.port}.log"

    def start(self) -> ChromaServer:
        self.path.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [chroma_binary(), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        wait_http(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", process=self.process)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def __enter__(self) -> ChromaServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def writable_corpus(tmp: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the project's corpus under ``tmp``, and the settings that point a server at it."""
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    return corpus, {
        "ASSISTANT_CORPUS__ARTICLES_DIR": str(corpus / "articles"),
        "ASSISTANT_CORPUS__FACTS_FILE": str(corpus / "facts.yaml"),
        "ASSISTANT_CORPUS__GLOSSARY_FILE": str(corpus / "glossary.yaml"),
    }


def serve_env(tmp: Path, **overrides: str) -> dict[str, str]:
    """Environment for an ``assistant serve`` process keeping its index and sessions under ``tmp``.

    Settings from the caller's environment (ASSISTANT_*, CHROMA_*, OPENAI_*) are dropped, so that
    only what a test sets applies.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "CHROMA_", "OPENAI_"))}
    env.update(
        {
            "ASSISTANT_CORPUS__ARTICLES_DIR": str(CORPUS / "articles"),
            "ASSISTANT_CORPUS__FACTS_FILE": str(CORPUS / "facts.yaml"),
            "ASSISTANT_CORPUS__GLOSSARY_FILE": str(CORPUS / "glossary.yaml"),
            "ASSISTANT_STORE__PATH": str(tmp / "index"),
            "ASSISTANT_API__SESSIONS_URL": f"sqlite:///{tmp / 'sessions.db'}",
            "ASSISTANT_LLM__PROVIDER": "offline",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_OFFLINE": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


class AssistantServer:
    """``python -m assistant.cli serve`` on a loopback port: the real process a user starts.

    It runs in ``tmp`` (so no stray ``.env`` applies) with the environment from :func:`serve_env`.
    """

    def __init__(self, tmp: Path, *, port: int | None = None, env: dict[str, str] | None = None, name: str = "serve") -> None:
        self.tmp = tmp
        self.port = port or free_port()
        self.env = env if env is not None else serve_env(tmp)
        self.log = tmp / f"{name}-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 240.0) -> AssistantServer:
        self.tmp.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=self.tmp,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_http(f"{self.url}/health", timeout=timeout, process=self.process)
        except Exception as exc:
            self.stop()
            raise RuntimeError(f"assistant serve did not start: {exc}\n--- log ---\n{self.output()[-4000:]}") from exc
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def __enter__(self) -> AssistantServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class ThreadedServer:
    """A real uvicorn server on loopback running an app built in this process, in a thread."""

    def __init__(self, app, **config) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on", **config))
        self.thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ThreadedServer:
        import threading

        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def copy_index(source: Path, tmp: Path) -> Path:
    """A private copy of a built local index under ``tmp/index`` (so a server can't disturb the original)."""
    target = tmp / "index"
    shutil.copytree(source, target)
    return target
