"""Chunks are whole sentences, within the token budget, and verbatim spans of their article."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from assistant.chunking import chunk_article, encoding, split_sentences
from assistant.corpus import Article, load_articles
from tests.conftest import CORPUS


@pytest.mark.parametrize("max_tokens", [40, 120, 400])
def test_chunks_are_verbatim_spans_within_budget(max_tokens):
    enc = encoding("cl100k_base")
    for article in load_articles(CORPUS / "articles").values():
        chunks = chunk_article(article, encoding_name="cl100k_base", max_tokens=max_tokens, overlap_sentences=1)
        assert chunks
        for chunk in chunks:
            assert article.text[chunk.start : chunk.end] == chunk.text
            assert len(enc.encode(chunk.text)) <= max_tokens
        covered = set()
        for chunk in chunks:
            covered.update(range(chunk.start, chunk.end))
        sentence_chars = {i for s in split_sentences(article.text) for i in range(s.start, s.end) if not article.text[i].isspace()}
        assert sentence_chars <= covered


def test_sentences_respect_abbreviations_decimals_and_numbered_lines():
    text = "Mr. Li said the U.S. market grew 1.2 times. It did!\n  1. Large models go vertical. Next “quoted.” Done"
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Li said the U.S. market grew 1.2 times.",
        "It did!",
        "1. Large models go vertical.",
        "Next “quoted.”",
        "Done",
    ]


def test_a_sentence_may_open_with_a_capital_beyond_ascii():
    text = "They won the prize in 1935. \u00c8ve became a writer. \u0141\u00f3d\u017a is a city."
    assert [s.text for s in split_sentences(text)] == [
        "They won the prize in 1935.",
        "\u00c8ve became a writer.",
        "\u0141\u00f3d\u017a is a city.",
    ]


def test_chunks_never_cut_a_sentence_and_overlap_by_one():
    article = Article(id="a", title="t", text=" ".join(f"Sentence number {i} is here." for i in range(40)), path=Path("a.md"))
    chunks = chunk_article(article, encoding_name="cl100k_base", max_tokens=30, overlap_sentences=1)
    sentences = {(s.start, s.end) for s in split_sentences(article.text)}
    for chunk in chunks:
        starts = {s for s, _ in sentences}
        ends = {e for _, e in sentences}
        assert chunk.start in starts and chunk.end in ends
    for a, b in pairwise(chunks):
        assert b.start < a.end  # the last sentence of a chunk opens the next


def test_a_sentence_longer_than_the_budget_is_cut_at_words():
    article = Article(id="a", title="t", text="word " * 300 + "end.", path=Path("a.md"))
    chunks = chunk_article(article, encoding_name="cl100k_base", max_tokens=50, overlap_sentences=0)
    assert len(chunks) > 1
    assert all(article.text[c.start : c.end] == c.text for c in chunks)


def test_a_heading_opens_the_chunk_of_its_section_rather_than_closing_the_one_before():
    text = (
        "Ilse Marrow\n\nIlse Marrow was a chemist who studied the salts of the northern fjords for forty years. "
        "She was the first woman to run a laboratory of the society.\n\nEarly life\n\n"
        "She was born in Odense in 1871. She was the second of four children of a ship's carpenter."
    )
    article = Article(id="life", title="Ilse Marrow", text=text)
    chunks = chunk_article(article, encoding_name="cl100k_base", max_tokens=45, overlap_sentences=0)
    assert len(chunks) >= 2
    assert not any(chunk.text.rstrip().endswith("Early life") for chunk in chunks), [c.text for c in chunks]
    assert any(chunk.text.startswith("Early life") for chunk in chunks), [c.text for c in chunks]
