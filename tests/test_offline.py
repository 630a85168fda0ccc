"""Indexing and answering with every non-loopback connection refused, from empty caches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import CORPUS, ROOT

GUARD = textwrap.dedent(
    """
    # Refuse every connection that does not stay on this machine.
    import ipaddress, socket
    _connect = socket.socket.connect
    def _guarded(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None:
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = host == "localhost"
            if not local:
                raise ConnectionRefusedError(f"offline test: connection to {host} refused")
        return _connect(self, address)
    socket.socket.connect = _guarded
    """
)


def isolated() -> list[str]:
    """A command prefix that runs in a network namespace holding only loopback, when the machine allows it."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh"]
    return []


def test_index_and_answer_with_the_network_refused(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),  # empty caches: no tiktoken file, no Hugging Face cache
        "PYTHONPATH": str(guard),
        "ASSISTANT_STORE__PATH": str(tmp_path / "index"),
        "ASSISTANT_API__SESSIONS_URL": f"sqlite:///{tmp_path / 'sessions.db'}",
        "ASSISTANT_CORPUS__ARTICLES_DIR": str(CORPUS / "articles"),
        "ASSISTANT_CORPUS__FACTS_FILE": str(CORPUS / "facts.yaml"),
        "ASSISTANT_CORPUS__GLOSSARY_FILE": str(CORPUS / "glossary.yaml"),
    }
    prefix = isolated()
    cli = [sys.executable, "-m", "assistant.cli"]
    index = subprocess.run([*prefix, *cli, "index", "--json"], env=env, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert index.returncode == 0, index.stderr
    summary = json.loads(index.stdout.strip().splitlines()[-1])
    assert summary["chunks_added"] > 10 and summary["facts_added"] >= 50
    ask = subprocess.run(
        [*prefix, *cli, "ask", "How many companies does Chengdu have on the Forbes list?", "--json", "--local"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout)
    assert answer["answered"] and "11" in answer["answer"] and answer["citations"]
    assert (home / ".cache" / "assistant" / "tiktoken").is_dir()  # seeded from the package, not downloaded


def test_the_guard_really_refuses(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    probe = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 443), timeout=2)\nexcept OSError as e:\n    print('refused', type(e).__name__)\n"
    run = subprocess.run(
        [*isolated(), sys.executable, "-c", probe], env={**os.environ, "PYTHONPATH": str(guard)}, capture_output=True, text=True, timeout=60
    )
    assert "refused" in run.stdout


@pytest.mark.parametrize("name", ["cl100k_base"])
def test_tiktoken_get_encoding_works_from_the_packaged_file(tmp_path, name, monkeypatch):
    from assistant import offline

    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "cache"))
    offline.seed_tiktoken_cache()
    code = f"import tiktoken; print(len(tiktoken.get_encoding('{name}').encode('hello world')))"
    run = subprocess.run(
        [*isolated(), sys.executable, "-c", code],
        env={**os.environ, "TIKTOKEN_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout.strip() == "2", run.stderr
