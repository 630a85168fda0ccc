"""Learning at index time on a made-up corpus: incremental extraction, the curated overlay and its
conflicts, `assistant facts`, GET /sources/{id}, and answers over learned facts with no curated files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml

from assistant.embeddings import FakeEmbeddings
from assistant.indexer import run_index
from assistant.snapshot import load_snapshot
from assistant.store import Store
from tests.conftest import make_settings

DATA = Path(__file__).with_name("data") / "articles"
RAIL = "northwind-rail-2025"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The made-up articles, with no facts.yaml and no glossary.yaml."""
    target = tmp_path / "corpus"
    shutil.copytree(DATA, target / "articles")
    return target


def index(settings):
    return run_index(settings, FakeEmbeddings(), Store(settings.store))


def snapshot_of(settings):
    store = Store(settings.store)
    return load_snapshot(store, store.current_name())


def test_articles_alone_are_indexed_with_learned_facts_and_entities(tmp_path, corpus):
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake")
    report = index(settings)
    assert report.articles == 2 and report.facts == report.facts_learned >= 25 and report.articles_extracted == 2
    snap = snapshot_of(settings)
    assert {f.origin for f in snap.facts.values()} == {"learned"}
    # learned facts are read through the sentences that state them: no items of their own, the sentence's vector
    assert not any(m["kind"] == "fact" for m in snap.metadatas)
    assert sorted(snap.fact_ids) == sorted(snap.facts) and len(snap.fact_vectors) == report.facts
    kinds = {e.name: e.type for e in snap.entities}
    assert kinds["Maria Lopez"] == "person" and kinds["Lakeside"] == "district"


def test_a_second_run_reads_no_article_and_an_edit_rereads_only_that_one(tmp_path, corpus):
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake")
    first = index(settings)
    second = index(settings)
    assert second.articles_extracted == 0 and second.facts_added == 0 and second.generation == first.generation
    assert second.facts_learned == first.facts_learned
    path = corpus / "articles" / "harbor-city.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe harbour employs 3,200 dock workers.\n", encoding="utf-8")
    third = index(settings)
    assert third.articles_extracted == 1 and third.facts_learned == first.facts_learned + 1
    workers = [f for f in snapshot_of(settings).facts.values() if f.metric == "dock workers employed"]
    assert [w.value for w in workers] == [3200]


def test_learning_can_be_turned_off(tmp_path, corpus):
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake")
    settings = settings.model_copy(update={"corpus": settings.corpus.model_copy(update={"learn_facts": False})})
    report = index(settings)
    assert report.facts == 0 and report.facts_learned == 0 and report.articles_extracted == 0


def write_facts(corpus: Path, facts: list[dict]) -> None:
    (corpus / "facts.yaml").write_text(yaml.safe_dump({"facts": facts}, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_curated_facts_overlay_learned_ones_and_conflicts_are_reported(tmp_path, corpus):
    write_facts(
        corpus,
        [
            # agrees with what is learned from the same words: one record, the curated one
            {
                "id": "hill",
                "article": RAIL,
                "subject": "Hillcrest",
                "subject_type": "district",
                "metric": "stations",
                "value": 31,
                "unit": "stations",
                "scope": "Northwind network",
                "quote": "Hillcrest has 31 stations",
            },
            # says something else of the same subject and metric at the same place: the curated value wins
            {
                "id": "lake",
                "article": RAIL,
                "subject": "Lakeside",
                "subject_type": "district",
                "metric": "stations served",
                "value": 1,
                "quote": "Lakeside, with 42 stations, ranks first among all districts",
            },
        ],
    )
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake")
    report = index(settings)
    assert [(c["subject"], c["curated"], c["learned"], c["kept"]) for c in report.conflicts] == [("Lakeside", 1, 42, "lake")]
    assert "1 overruled by curated facts" in report.summary()
    facts = list(snapshot_of(settings).facts.values())
    hillcrest = [f for f in facts if f.subject == "Hillcrest"]
    assert [(f.origin, f.metric, f.value) for f in hillcrest] == [("curated", "stations", 31)]
    assert [f.value for f in facts if f.subject == "Lakeside" and f.metric == "stations served"] == [1]
    # the rest of the learned table takes the curated metric and scope, so it stays one table
    riverton = next(f for f in facts if f.subject == "Riverton")
    assert (riverton.origin, riverton.metric, riverton.scope) == ("learned", "stations", "Northwind network")


def run_cli(settings, *args: str) -> subprocess.CompletedProcess:
    env = {
        "ASSISTANT_STORE__PATH": str(settings.store.path),
        "ASSISTANT_CORPUS__ARTICLES_DIR": str(settings.corpus.articles_dir),
        "PATH": "/usr/bin:/bin",
        "HF_HUB_OFFLINE": "1",
    }
    env["PYTHONPATH"] = os.environ.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def test_assistant_facts_lists_what_was_learned_with_quotes_and_offsets(tmp_path, corpus):
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake")
    missing = run_cli(settings, "facts")
    assert missing.returncode == 2 and "run `assistant index` first" in missing.stderr
    index(settings)
    listed = run_cli(settings, "facts", "--article", RAIL, "--json")
    assert listed.returncode == 0, listed.stderr
    payload = json.loads(listed.stdout)
    text = (corpus / "articles" / f"{RAIL}.md").read_text(encoding="utf-8").split("---\n", 2)[2].strip("\n").rstrip()
    assert payload["count"] == len(payload["facts"]) >= 15
    assert all(f["article"] == RAIL and text[f["start"] : f["end"]] == f["quote"] and f["origin"] == "learned" for f in payload["facts"])
    table = run_cli(settings, "facts", "--article", RAIL)
    assert table.returncode == 0 and table.stdout.splitlines()[0].split()[:4] == ["origin", "subject", "metric", "value"]
    assert "learned  Hillcrest" in table.stdout and f"{RAIL}:" in table.stdout and "learned)" in table.stdout.splitlines()[-1]
    unknown = run_cli(settings, "facts", "--article", "no-such-article")
    assert unknown.returncode == 2 and "no article with id 'no-such-article'" in unknown.stderr


def test_get_source_includes_its_facts_and_learned_facts_answer_a_ranking(tmp_path, corpus, real_embeddings):
    from assistant.api import create_app
    from assistant.chain import build_pipeline
    from tests.servers import ThreadedServer

    settings = make_settings(tmp_path, corpus=corpus)
    run_index(settings, real_embeddings, Store(settings.store))
    pipeline = build_pipeline(settings, embeddings=real_embeddings, store=Store(settings.store))
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        body = client.get(f"/sources/{RAIL}").json()
        assert body["facts"] and all(body["text"][f["start"] : f["end"]] == f["quote"] for f in body["facts"])
        assert {f["origin"] for f in body["facts"]} == {"learned"} and all(f["article"] == RAIL for f in body["facts"])
        answer = client.post("/ask", json={"question": "Which district has the most stations?"}).json()
    assert answer["answered"] and "Lakeside" in answer["answer"] and "42" in answer["answer"]
    assert all(c["source"] == RAIL for c in answer["citations"])
