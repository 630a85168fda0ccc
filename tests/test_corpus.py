"""The corpus files: verbatim quotes, typed facts, and clear errors for every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import CorpusError, load_corpus, read_article, value_stated
from assistant.numbers import find_numbers
from tests.conftest import CORPUS


def load(root: Path = CORPUS):
    return load_corpus(root / "articles", root / "facts.yaml", root / "glossary.yaml")


def test_articles_keep_the_source_text_verbatim():
    corpus = load()
    sources = (
        sorted((CORPUS.parent.parent / "shared" / "corpus-source").glob("*.txt")) if (CORPUS.parent.parent / "shared").exists() else []
    )
    assert len(corpus.articles) >= 2
    for article in corpus.articles.values():
        assert article.title and article.text
        assert article.language == "en"
    for source in sources:  # only where the original files sit beside the checkout
        text = source.read_text(encoding="utf-8").strip()
        assert any(a.text == text for a in corpus.articles.values()), source.name


def test_every_fact_quote_is_verbatim_at_its_offsets_and_states_its_value():
    corpus = load()
    assert len(corpus.facts) >= 50
    for fact in corpus.facts:
        text = corpus.articles[fact.article].text
        assert text[fact.start : fact.end] == fact.quote, fact.id
        assert value_stated(fact.value, fact.quote), fact.id


def test_every_article_has_facts_and_ids_are_unique():
    corpus = load()
    assert {f.article for f in corpus.facts} == set(corpus.articles)
    ids = [f.id for f in corpus.facts]
    assert len(ids) == len(set(ids))


def test_comparable_facts_share_metric_and_unit():
    """Facts of one metric and scope form a table that can be ranked: their units agree."""
    corpus = load()
    tables: dict[tuple[str, str], set] = {}
    for fact in corpus.facts:
        tables.setdefault((fact.metric, fact.scope or ""), set()).add(fact.unit if fact.number is not None else "named")
    assert all(len(units) == 1 for units in tables.values()), {k: v for k, v in tables.items() if len(v) > 1}
    assert max(len([f for f in corpus.facts if (f.metric, f.scope or "") == key]) for key in tables) >= 10


def test_value_stated_reads_numbers_in_their_written_forms():
    assert value_stated(4, "ranks fourth among all cities")
    assert value_stated(6000, "had surpassed 6,000")
    assert value_stated(1.2, "exceeding 1.2 trillion yuan")
    assert value_stated(35, "Foundation layer — 35%")
    assert value_stated("Li Hui", "its marketing director, Li Hui, stated")
    assert not value_stated(12, "Beijing leads with 21 selected companies")
    assert [n.value for n in find_numbers("Wuhan (3), two companies, the 11th, 1,200.5")] == [3, 2, 11, 1200.5]


def test_plain_text_article_takes_its_id_from_the_file_name_and_title_from_its_first_line(tmp_path):
    path = tmp_path / "my-notes.txt"
    path.write_text("\n\nA headline\nBody text here.\n", encoding="utf-8")
    article = read_article(path)
    assert (article.id, article.title, article.text) == ("my-notes", "A headline", "A headline\nBody text here.")


def _break(corpus: Path, name: str, text: str) -> Path:
    path = corpus / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "needle", "line"),
    [
        ("no-front-matter.md", "Just text, no front matter.\n", "no front matter", 1),
        ("empty-body.md", "---\nid: empty\ntitle: Empty\n---\n\n", "no text below it", 5),
        ("broken-yaml.md", "---\nid: broken\ntitle: [unclosed\n---\nText.\n", "not valid YAML", None),
        ("unclosed.md", "---\nid: x\ntitle: X\nText without a closing line.\n", "never closed", 1),
        ("bad-field.md", "---\nid: x\ntitle: X\nauthor: Someone\n---\nText.\n", "unknown front matter field", 2),
        ("empty.txt", "\n\n", "article is empty", None),
    ],
)
def test_bad_article_names_file_line_and_fix(corpus_copy, name, text, needle, line):
    _break(corpus_copy / "articles", name, text)
    with pytest.raises(CorpusError) as caught:
        load(corpus_copy)
    assert caught.value.path.name == name
    assert needle in str(caught.value)
    if line is not None:
        assert caught.value.line == line


@pytest.mark.parametrize(
    ("mutation", "needle"),
    [
        (lambda text: text.replace("quote: ", "quote: NOT IN ARTICLE ", 1), "is not in article"),
        (lambda text: text.replace("article: ", "article: no-such-article-", 1), "which does not exist"),
        (lambda text: text + "\n  - id: [unclosed\n", "not valid YAML"),
        (lambda text: text.replace("facts:", "facts: 3\nother:", 1), "must hold a list under 'facts:'"),
    ],
)
def test_bad_facts_name_file_line_and_fix(corpus_copy, mutation, needle):
    facts = corpus_copy / "facts.yaml"
    facts.write_text(mutation(facts.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load(corpus_copy)
    assert caught.value.path == facts
    assert needle in str(caught.value)
    assert caught.value.line is not None


def test_fact_whose_value_is_not_in_its_quote_is_rejected(corpus_copy):
    facts = corpus_copy / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text
        + "\n  - id: wrong-value\n    article: forbes-china-ai-top50-2026\n    subject: Beijing\n    metric: made up\n    value: 99\n    quote: Beijing leads with 21 selected companies\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="value 99 is not stated in its quote") as caught:
        load(corpus_copy)
    assert caught.value.line == len(text.splitlines()) + 2
