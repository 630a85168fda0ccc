"""`assistant ask` asks the running server when there is one (no model loaded), else answers in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest

from assistant.api import create_app
from tests.conftest import ROOT
from tests.servers import ThreadedServer, free_port
from tests.test_api import with_api

pytestmark = pytest.mark.server

CHENGDU = "How many companies does Chengdu have on the list?"


@pytest.fixture(scope="module")
def server(pipeline):
    with ThreadedServer(create_app(pipeline, ui=False)) as server:
        yield server


def cli_env(settings, tmp_path) -> dict[str, str]:
    """The CLI's environment: the same index as the server, but a sessions database of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "CHROMA_", "OPENAI_"))}
    c = settings.corpus
    env.update(
        {
            "ASSISTANT_STORE__PATH": str(settings.store.path),
            "ASSISTANT_CORPUS__ARTICLES_DIR": str(c.articles_dir),
            "ASSISTANT_CORPUS__FACTS_FILE": str(c.facts_file),
            "ASSISTANT_CORPUS__GLOSSARY_FILE": str(c.glossary_file),
            "ASSISTANT_API__SESSIONS_URL": f"sqlite:///{tmp_path / 'cli-sessions.db'}",
            "ASSISTANT_LLM__PROVIDER": "offline",
        }
    )
    return env


def run_cli(env, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


def test_ask_uses_the_running_server_and_prints_what_it_answers(server, pipeline, tmp_path):
    env = cli_env(pipeline.settings, tmp_path)
    expected = httpx.post(f"{server.url}/ask", json={"question": CHENGDU}, timeout=60).json()

    as_json = run_cli(env, "ask", CHENGDU, "--url", server.url, "--json")
    assert as_json.returncode == 0, as_json.stderr
    answer = json.loads(as_json.stdout)
    assert {k: v for k, v in answer.items() if k != "session_id"} == {k: v for k, v in expected.items() if k != "session_id"}
    assert as_json.stderr == ""

    follow = run_cli(env, "ask", "And Shenzhen?", "--session", answer["session_id"], "--url", server.url)
    assert follow.returncode == 0, follow.stderr
    lines = follow.stdout.splitlines()
    assert "12" in lines[0] and lines[1].startswith("  [1] ") and lines[-1] == f"session: {answer['session_id']}"


def test_asking_a_server_loads_no_model(server, pipeline, tmp_path):
    code = (
        "import sys\nfrom assistant.cli import main\n"
        f"code = main(['ask', {CHENGDU!r}, '--url', {server.url!r}])\n"
        "print('loaded:', sorted(m for m in ('torch', 'sentence_transformers', 'chromadb', 'langchain_core', 'gradio') if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env=cli_env(pipeline.settings, tmp_path), capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "11" in run.stdout and run.stdout.strip().endswith("loaded: []")


def test_errors_from_the_server_are_reported_like_local_ones(pipeline, tmp_path):
    settings = with_api(pipeline, api_keys=["k1"])
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server:
        env = cli_env(pipeline.settings, tmp_path)
        empty = run_cli(env, "ask", "   ", "--url", server.url)
        assert empty.returncode == 2 and "error: " in empty.stderr and empty.stdout == ""
        keyless = run_cli(env, "ask", CHENGDU, "--url", server.url)
        assert keyless.returncode == 2 and "API key" in keyless.stderr
        env["ASSISTANT_API__API_KEYS"] = '["k1"]'  # the CLI sends the first key it is configured with
        keyed = run_cli(env, "ask", CHENGDU, "--url", server.url)
        assert keyed.returncode == 0 and "11" in keyed.stdout


def test_without_a_server_the_question_is_answered_in_process(pipeline, tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    run = run_cli(cli_env(pipeline.settings, tmp_path), "ask", CHENGDU, "--url", url, "--json")
    assert run.returncode == 0, run.stderr
    assert f"no assistant server at {url}" in run.stderr
    answer = json.loads(run.stdout)
    assert answer["answered"] and "11" in answer["answer"]
