"""Incremental indexing: nothing re-embedded when nothing changed, edits replace only their chunks,
removals leave the index, bad input and failures leave the index as it was."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from assistant.embeddings import FakeEmbeddings
from assistant.indexer import run_index
from assistant.snapshot import load_snapshot
from assistant.store import Store
from tests.conftest import ROOT, make_settings


class CountingEmbeddings(FakeEmbeddings):
    """The fake embedder, counting what it embeds and failing on demand."""

    def __init__(self, fail_after: int | None = None) -> None:
        super().__init__()
        self.embedded = 0
        self.texts: list[str] = []
        self.fail_after = fail_after

    def embed_documents(self, texts):
        if self.fail_after is not None and self.embedded + len(texts) > self.fail_after:
            raise RuntimeError("embedding failed half-way")
        self.embedded += len(texts)
        self.texts += texts
        return super().embed_documents(texts)


def index(settings, embeddings=None, **options):
    embeddings = embeddings or CountingEmbeddings()
    return run_index(settings, embeddings, Store(settings.store), **options), embeddings


def snapshot_of(settings):
    store = Store(settings.store)
    return load_snapshot(store, store.current_name())


def test_second_run_embeds_nothing(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    first, _ = index(settings)
    assert first.chunks_added > 10 and first.facts_added >= 50 and first.chunks_removed == 0
    second, counting = index(settings)
    assert (second.chunks_added, second.chunks_removed, second.facts_added) == (0, 0, 0)
    assert second.chunks_unchanged == first.chunks_added
    assert counting.embedded == 0
    assert second.generation == first.generation


def test_a_glossary_edit_is_published_without_embedding_and_reported(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    first, _ = index(settings)
    glossary = corpus_copy / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "  - {en: Harbin, zh: [哈尔滨], type: term}\n", encoding="utf-8")
    second, counting = index(settings)
    assert counting.embedded == 0 and second.sources_updated and second.generation != first.generation
    assert second.summary().startswith("Index updated")
    assert any(t.en == "Harbin" for t in snapshot_of(settings).glossary)
    third, _ = index(settings)
    assert not third.sources_updated and third.summary().startswith("Index up to date")


def test_edited_article_replaces_only_its_own_chunks(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    index(settings)
    path = corpus_copy / "articles" / "china-ai-industry-report-2026.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\nA closing line added by the editor.\n", encoding="utf-8")
    second, counting = index(settings)
    assert 1 <= second.chunks_added <= 2 and second.chunks_removed == second.chunks_added
    # only sentences are embedded: the new chunk's vector is composed from its sentences' vectors
    added = [m for m in snapshot_of(settings).metadatas if m["kind"] == "chunk" and m["source"] == "china-ai-industry-report-2026"]
    assert second.sentences_added <= counting.embedded <= second.sentences_added + sum(1 for _ in added)
    assert all("\n" not in text for text in counting.texts) and "A closing line added by the editor." in counting.texts
    snap = snapshot_of(settings)
    assert snap.articles["china-ai-industry-report-2026"].text.endswith("added by the editor.")
    untouched = [m for m in snap.metadatas if m["source"] == "forbes-china-ai-top50-2026" and m["kind"] == "chunk"]
    assert len(untouched) == sum(1 for m in snap.metadatas if m["source"] == "forbes-china-ai-top50-2026" and m["kind"] == "chunk")


def test_removed_article_and_facts_leave_the_index(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    index(settings)
    (corpus_copy / "articles" / "forbes-china-ai-top50-2026.md").unlink()
    facts = corpus_copy / "facts.yaml"
    import yaml

    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    kept = [f for f in data["facts"] if f["article"] != "forbes-china-ai-top50-2026"]
    facts.write_text(yaml.safe_dump({"facts": kept}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report, _ = index(settings)
    assert report.chunks_removed > 0 and report.facts_removed > 0 and report.chunks_added == 0
    snap = snapshot_of(settings)
    assert set(snap.articles) == {"china-ai-industry-report-2026"}
    assert all(m["source"] == "china-ai-industry-report-2026" for m in snap.metadatas)
    assert sum(1 for f in snap.facts.values() if f.origin == "curated") == len(kept)
    assert all(f.article == "china-ai-industry-report-2026" for f in snap.facts.values())


def test_new_plain_text_article_is_indexed_without_facts(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    index(settings)
    (corpus_copy / "articles" / "user-notes.txt").write_text(
        "Notes on robots\nThe robot fleet doubled in 2027. It now has 40 units.\n", encoding="utf-8"
    )
    report, counting = index(settings)
    assert report.articles == 3 and report.chunks_added == 1 and counting.embedded == report.sentences_added == 3
    assert "user-notes" in snapshot_of(settings).articles


def test_model_or_chunking_change_rebuilds(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    first, _ = index(settings)
    changed = make_settings(tmp_path, corpus=corpus_copy, embedding="fake", chunking={"max_tokens": 60})
    report, counting = index(changed)
    assert report.rebuilt and report.chunks_added > first.chunks_added and report.chunks_unchanged == 0
    # chunks cost no model time of their own (composed from their sentences) and no text is embedded twice
    assert counting.embedded < report.chunks_added + report.facts_added + report.sentences_added
    assert len(set(counting.texts)) == len(counting.texts)


def test_failure_half_way_leaves_the_index_as_it_was(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    first, _ = index(settings)
    (corpus_copy / "articles" / "extra.txt").write_text(
        "Extra\n" + " ".join(f"Sentence {i} is about chips." for i in range(200)), encoding="utf-8"
    )
    with pytest.raises(RuntimeError, match="half-way"):
        index(settings, CountingEmbeddings(fail_after=3))
    store = Store(settings.store)
    assert store.current_name() == first.generation
    assert "extra" not in snapshot_of(settings).articles
    names = [c.name for c in store.client.list_collections()]
    assert sorted(names) == sorted(["corpus", first.generation, first.generation + "-sources", first.generation + "-multilingual"])


def test_bad_input_stops_the_cli_with_file_and_line_and_keeps_the_index(tmp_path, corpus_copy):
    env = {
        "ASSISTANT_CORPUS__ARTICLES_DIR": str(corpus_copy / "articles"),
        "ASSISTANT_CORPUS__FACTS_FILE": str(corpus_copy / "facts.yaml"),
        "ASSISTANT_CORPUS__GLOSSARY_FILE": str(corpus_copy / "glossary.yaml"),
        "ASSISTANT_STORE__PATH": str(tmp_path / "index"),
        "ASSISTANT_EMBEDDING__PROVIDER": "fake",
        "PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    cmd = [sys.executable, "-m", "assistant.cli", "index", "--json"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    summary = json.loads(first.stdout.strip().splitlines()[-1])
    assert {"articles", "facts", "chunks_added", "chunks_removed", "chunks_unchanged", "seconds"} <= set(summary)
    facts = corpus_copy / "facts.yaml"
    lines = facts.read_text(encoding="utf-8").splitlines()
    quote_line = next(i for i, line in enumerate(lines) if line.strip().startswith("quote:"))
    lines[quote_line] = lines[quote_line].replace("quote: ", "quote: Invented words ", 1)
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp_path)
    assert broken.returncode == 2
    assert "facts.yaml:" in broken.stderr and "is not in article" in broken.stderr and "copy the words exactly" in broken.stderr
    fact_line = max(i for i, line in enumerate(lines[: quote_line + 1]) if line.strip().startswith("- "))
    assert f"facts.yaml:{fact_line + 1}:" in broken.stderr
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    assert Store(settings.store).current_name() == summary["generation"]
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 2  # still broken: nothing was written in between


def test_real_model_index_twice_reports_nothing_added(tmp_path, real_embeddings):
    settings = make_settings(tmp_path)
    first = run_index(settings, real_embeddings, Store(settings.store))
    second = run_index(settings, real_embeddings, Store(settings.store))
    assert first.chunks_added == first.chunks and second.chunks_added == 0 and second.facts_added == 0
    assert first.generation == second.generation


def test_a_chunk_vector_is_the_length_weighted_mean_of_its_sentence_vectors(tmp_path):
    (tmp_path / "corpus" / "articles").mkdir(parents=True)
    settings = make_settings(tmp_path, corpus=tmp_path / "corpus", embedding="fake")
    text = "The ferry carries 300 cars a day across the strait. It sails every hour."
    (tmp_path / "corpus" / "articles" / "ferry.txt").write_text(f"Ferry\n{text}\n", encoding="utf-8")
    index(settings)
    store = Store(settings.store)
    rows = store.current().get(where={"kind": "chunk"}, include=["embeddings", "documents"])
    assert len(rows["ids"]) == 1
    fake = FakeEmbeddings()
    parts = ["Ferry", "The ferry carries 300 cars a day across the strait.", "It sails every hour."]
    mean = sum(len(p.split()) * np.array(fake.embed_query(p)) for p in parts)
    assert np.allclose(rows["embeddings"][0], mean / np.linalg.norm(mean), atol=1e-5)
