"""The sources an LLM is given: a few ranked sentences, each with its neighbours from the same
paragraph, every one a verbatim span of its article (made-up articles)."""

from __future__ import annotations

from assistant.answer.llm_sources import common_words, select_sources
from assistant.citations import Evidence
from assistant.corpus import Article

LIGHTHOUSE = Article(
    "lighthouse",
    "Old Point Lighthouse",
    "Old Point Lighthouse stands on a granite ledge. It was lit for the first time in 1871. Its lamp burned whale oil until 1890.\n\n"
    "The keeper lived in a cottage beside the tower. A storm destroyed the cottage in 1921. The light was automated in 1965.\n\n"
    "Today the tower is a museum.",
)
FERRY = Article("ferry", "Harbour ferry", "The ferry crosses the bay in twenty minutes. It carries 300 passengers.")
ARTICLES = {a.id: a for a in (LIGHTHOUSE, FERRY)}


def sentence(article: Article, text: str) -> Evidence:
    start = article.text.index(text)
    return Evidence(article.id, article.title, article.url, start, start + len(text), text)


def test_a_sentence_comes_with_its_neighbours_from_the_same_paragraph_only():
    lit = sentence(LIGHTHOUSE, "It was lit for the first time in 1871.")
    [source] = select_sources([lit], ARTICLES, count=4)
    assert (
        source.quote
        == "Old Point Lighthouse stands on a granite ledge. It was lit for the first time in 1871. Its lamp burned whale oil until 1890."
    )
    keeper = sentence(LIGHTHOUSE, "The keeper lived in a cottage beside the tower.")
    [source] = select_sources([keeper], ARTICLES, count=4)
    # not the paragraph before:
    assert source.quote == "The keeper lived in a cottage beside the tower. A storm destroyed the cottage in 1921."


def test_sources_are_verbatim_spans_and_no_more_than_asked():
    candidates = [
        sentence(LIGHTHOUSE, "A storm destroyed the cottage in 1921."),
        sentence(FERRY, "It carries 300 passengers."),
        sentence(LIGHTHOUSE, "Today the tower is a museum."),
    ]
    sources = select_sources(candidates, ARTICLES, count=2)
    assert len(sources) == 2
    for source in sources:
        assert ARTICLES[source.source].text[source.start : source.end] == source.quote
    assert sources[1].quote == "The ferry crosses the bay in twenty minutes. It carries 300 passengers."


def test_a_sentence_already_given_is_not_given_again_and_touching_passages_merge():
    first = sentence(LIGHTHOUSE, "It was lit for the first time in 1871.")
    inside = sentence(LIGHTHOUSE, "Its lamp burned whale oil until 1890.")  # already in the first passage
    sources = select_sources([first, inside], ARTICLES, count=4)
    assert len(sources) == 1
    short = select_sources([first, inside], ARTICLES, count=4, neighbours=0)
    assert [s.quote for s in short] == ["It was lit for the first time in 1871.", "Its lamp burned whale oil until 1890."]


def test_passages_stay_short():
    lit = sentence(LIGHTHOUSE, "It was lit for the first time in 1871.")
    [source] = select_sources([lit], ARTICLES, count=1, max_chars=90)
    assert source.quote == "Old Point Lighthouse stands on a granite ledge. It was lit for the first time in 1871."


def test_facts_given_first_count_towards_the_number_of_sources():
    fact = sentence(FERRY, "It carries 300 passengers.")
    sources = select_sources([sentence(LIGHTHOUSE, "Today the tower is a museum.")], ARTICLES, count=1, first=[fact])
    assert sources == [fact]


def test_common_words_are_the_words_written_in_lower_case():
    words = common_words(ARTICLES)
    assert {"keeper", "ferry", "tower"} <= words
    assert "old" not in words and "point" not in words


def test_a_budget_gives_the_best_sentence_its_neighbours_and_the_rest_what_is_left():
    candidates = [sentence(LIGHTHOUSE, "It was lit for the first time in 1871."), sentence(FERRY, "It carries 300 passengers.")]
    sources = select_sources(candidates, ARTICLES, count=4, budget=150)
    assert sources[0].quote.startswith("Old Point Lighthouse stands") and len(sources[0].quote) <= 150
    assert sum(len(s.quote) for s in sources) <= 150
    tight = select_sources(candidates, ARTICLES, count=4, budget=60)
    assert [s.quote for s in tight] == ["It was lit for the first time in 1871."]  # the next sentence no longer fits
