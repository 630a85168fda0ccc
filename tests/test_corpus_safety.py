"""The corpus reader never leaves the articles folder: a symbolic link (to /etc/passwd, say), a named
pipe or a device is refused with an error naming it, and so is text that is not text."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.corpus import CorpusError, load_articles
from assistant.embeddings import FakeEmbeddings
from assistant.indexer import run_index
from assistant.snapshot import load_snapshot
from assistant.store import Store
from tests.conftest import make_settings


def index_env(corpus, index) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "CHROMA_", "OPENAI_"))}
    return {
        **env,
        "ASSISTANT_CORPUS__ARTICLES_DIR": str(corpus / "articles"),
        "ASSISTANT_CORPUS__FACTS_FILE": str(corpus / "facts.yaml"),
        "ASSISTANT_CORPUS__GLOSSARY_FILE": str(corpus / "glossary.yaml"),
        "ASSISTANT_STORE__PATH": str(index),
        "ASSISTANT_EMBEDDING__PROVIDER": "fake",
    }


def test_a_link_out_of_the_corpus_stops_assistant_index_and_is_never_served(tmp_path, corpus_copy):
    settings = make_settings(tmp_path, corpus=corpus_copy, embedding="fake")
    first = run_index(settings, FakeEmbeddings(), Store(settings.store))
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (corpus_copy / "articles" / "passwd.txt").symlink_to(secret)
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "index"],
        env=index_env(corpus_copy, settings.store.path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "passwd.txt: is a symbolic link" in done.stderr and "copy the file there instead" in done.stderr
    store = Store(settings.store)
    assert store.current_name() == first.generation
    assert "passwd" not in load_snapshot(store, store.current_name()).articles


def _symlink(folder):
    target = folder.parent / "elsewhere.txt"
    target.write_text("Elsewhere\nText kept outside the corpus.\n", encoding="utf-8")
    (folder / "linked.txt").symlink_to(target)
    return "linked.txt", "is a symbolic link"


def _dangling(folder):
    (folder / "gone.md").symlink_to(folder / "nowhere.md")
    return "gone.md", "is a symbolic link"


def _fifo(folder):
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    return "pipe.txt", "is a named pipe (FIFO), not a regular file"


def _nul(folder):
    (folder / "zeros.txt").write_bytes(b"\x00" * 10_000)
    return "zeros.txt", "holds NUL bytes"


def _binary(folder):
    (folder / "image.txt").write_bytes(bytes(range(1, 32)) * 200 + b"some words")
    return "image.txt", "control characters: it is binary data, not text"


def _not_utf8(folder):
    (folder / "latin1.txt").write_bytes("Caf\u00e9 cr\u00e8me\n".encode("latin-1"))
    return "latin1.txt", "is not UTF-8 text"


@pytest.mark.parametrize("make", [_symlink, _dangling, _fifo, _nul, _binary, _not_utf8], ids=lambda f: f.__name__.strip("_"))
def test_what_is_not_an_article_file_is_refused_by_name(corpus_copy, make):
    folder = corpus_copy / "articles"
    name, needle = make(folder)
    with pytest.raises(CorpusError) as caught:
        load_articles(folder)
    assert caught.value.path.name == name and needle in str(caught.value)


def test_text_with_a_stray_control_character_and_a_folder_named_like_an_article_are_fine(corpus_copy):
    folder = corpus_copy / "articles"
    form = "A form\n" + "Page one\x0cPage two, with a tab\tin it.\n" * 50 + "And a bell\x07 once.\n"
    (folder / "form.txt").write_text(form, encoding="utf-8")
    (folder / "drafts.md").mkdir()
    articles = load_articles(folder)
    assert "form" in articles and "drafts" not in articles


def test_uploads_can_check_text_the_same_way():
    from assistant.ingest.safety import check_text

    check_text("Plain words.\n", "upload.txt")
    with pytest.raises(CorpusError, match=r"upload\.txt: holds NUL bytes"):
        check_text("Plain\x00words", "upload.txt")
