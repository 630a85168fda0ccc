"""The index folder does not grow with every re-index: old generations and the folders Chroma leaves
behind are removed once no reader uses them, and the SQLite file gives its free pages back; a failed
`assistant index --json` still ends with a JSON line."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys

from assistant.chain import build_pipeline
from assistant.embeddings import FakeEmbeddings
from assistant.indexer import run_index
from assistant.store import Store
from tests.conftest import ROOT, make_settings

CYCLES = 20
# 1 MB takes a few minutes on two cores: the README's figure was measured with GROWTH_TEST_BYTES=1000000.
ARTICLE_BYTES = int(os.environ.get("GROWTH_TEST_BYTES", "100000"))
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def ledger(size_bytes: int) -> str:
    """About ``size_bytes`` of plain text whose sentences all differ (so that every chunk is new)."""
    sentences, size, i = ["Warehouse ledger"], 0, 0
    while size < size_bytes:
        sentence = f"Shelf {i} of aisle {i % 97} held {i * 7 % 1000} crates of item {i * 13 % 4409} on day {i % 365}."
        sentences.append(sentence)
        size += len(sentence) + 1
        i += 1
    return "\n".join(sentences) + "\n"


def folder_size(path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def segment_folders(path) -> tuple[set[str], set[str]]:
    """The segment folders on disk, and the segments Chroma knows."""
    on_disk = {p.name for p in path.iterdir() if p.is_dir() and UUID.match(p.name)}
    with sqlite3.connect(path / "chroma.sqlite3") as db:
        live = {row[0] for row in db.execute("SELECT id FROM segments")}
    return on_disk, live


def test_adding_and_removing_a_large_article_twenty_times_leaves_the_folder_as_small_as_before(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "depot.txt").write_text("Depot notes\nThe depot opened in spring and closed in autumn.\n", encoding="utf-8")
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake")
    index = settings.store.path
    article = corpus / "articles" / "ledger.txt"
    text = ledger(ARTICLE_BYTES)
    run_index(settings, FakeEmbeddings(), Store(settings.store))
    baseline = folder_size(index)
    sizes = []
    for _ in range(CYCLES):
        article.write_text(text, encoding="utf-8")
        added = run_index(settings, FakeEmbeddings(), Store(settings.store))
        assert added.chunks_added > ARTICLE_BYTES / 1000
        article.unlink()
        run_index(settings, FakeEmbeddings(), Store(settings.store))
        sizes.append(folder_size(index))
    on_disk, live = segment_folders(index)
    collections = [c.name for c in Store(settings.store).client.list_collections()]
    print(
        f"\nindex folder: {baseline / 1e6:.1f} MB before, {sizes[0] / 1e6:.1f} MB after one add/remove cycle of a "
        f"{len(text.encode()) / 1e6:.1f} MB article, {sizes[-1] / 1e6:.1f} MB after {CYCLES}; "
        f"{len(on_disk)} segment folders, {len(collections)} collections"
    )
    assert on_disk <= live, f"{len(on_disk - live)} segment folders belong to no collection"
    assert len(collections) == 4  # the pointer, and the current generation's passages, sources and multilingual vectors
    assert sizes[-1] <= sizes[0] + 1_000_000, sizes
    assert sizes[-1] <= 2 * baseline + 2_000_000, (baseline, sizes)


def test_a_generation_a_reader_still_uses_is_kept_until_it_lets_go(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake", retrieval={"refresh_s": 0})
    run_index(settings, FakeEmbeddings(), Store(settings.store))
    reader = build_pipeline(settings, embeddings=FakeEmbeddings(), store=Store(settings.store))
    first = reader.health()["generation"]
    article = corpus_copy / "articles" / "extra.txt"
    article.write_text("Extra notes\nThe depot opened in spring and closed in autumn.\n", encoding="utf-8")
    second = run_index(settings, FakeEmbeddings(), Store(settings.store)).generation
    article.write_text("Extra notes\nThe depot opened in summer and closed in winter.\n", encoding="utf-8")
    third = run_index(settings, FakeEmbeddings(), Store(settings.store)).generation
    names = {c.name for c in Store(settings.store).client.list_collections()}
    assert first in names and third in names and second not in names  # the reader still answers from the first
    assert reader.health()["generation"] == third  # at its next check it moves on to the current one...
    reader.store.leases.release(first)  # ...and lets go of the first once its requests are done (or its hold expires)
    article.unlink()
    fourth = run_index(settings, FakeEmbeddings(), Store(settings.store)).generation
    names = {c.name for c in Store(settings.store).client.list_collections()}
    assert first not in names and {third, fourth} <= names


def test_a_failed_index_run_ends_with_a_json_error_line(tmp_path, corpus_copy):
    (corpus_copy / "articles" / "zeros.txt").write_bytes(b"\x00" * 4096)
    env = {
        "ASSISTANT_CORPUS__ARTICLES_DIR": str(corpus_copy / "articles"),
        "ASSISTANT_CORPUS__FACTS_FILE": str(corpus_copy / "facts.yaml"),
        "ASSISTANT_CORPUS__GLOSSARY_FILE": str(corpus_copy / "glossary.yaml"),
        "ASSISTANT_STORE__PATH": str(tmp_path / "index"),
        "ASSISTANT_EMBEDDING__PROVIDER": "fake",
        "PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin",
        "HOME": str(tmp_path),
        **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},
    }
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "index", "--json"], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    error = json.loads(done.stdout.strip().splitlines()[-1])
    assert "zeros.txt" in error["error"] and "NUL" in error["error"] and error["error_type"] == "CorpusError"
    assert "Traceback" not in done.stderr and "zeros.txt" in done.stderr
