"""Facts answer only for the articles a question is about: a new article's rankings come from its own
figures, never from another article's table of the same shape."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import CORPUS, make_settings

NORDIC = """---
id: nordic-battery-2030
title: Nordic Battery Cluster Review 2030
---
Nordic Battery Cluster Review 2030

The review counts 120 battery companies across the Nordic countries. Gothenburg leads with 34 battery companies, most of them cell and pack makers. Skellefteå follows with 22 battery companies, built around its gigafactory. Oslo has 15 battery companies and Helsinki has 9.

Recycling is the fastest-growing segment: the number of recycling firms rose by 40% in one year.
"""


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory, real_embeddings):
    from assistant.chain import build_pipeline
    from assistant.indexer import run_index
    from assistant.store import Store

    tmp = tmp_path_factory.mktemp("scope")
    corpus = tmp / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "articles" / "nordic-battery-2030.md").write_text(NORDIC, encoding="utf-8")
    settings = make_settings(tmp, corpus=corpus)
    store = Store(settings.store)
    run_index(settings, real_embeddings, store)
    return build_pipeline(settings, embeddings=real_embeddings, store=store)


def test_a_ranking_about_the_new_article_comes_from_its_own_figures(pipeline):
    answer = pipeline.ask("Which city has the most battery companies?")
    assert answer.answered, answer.answer
    assert "Gothenburg" in answer.answer
    assert {c.source for c in answer.citations} == {"nordic-battery-2030"}


def test_a_count_about_the_new_article_is_its_own(pipeline):
    answer = pipeline.ask("How many battery companies does Oslo have?")
    assert answer.answered and "15" in answer.answer
    assert {c.source for c in answer.citations} == {"nordic-battery-2030"}


def test_the_seed_article_still_answers_its_own_ranking(pipeline):
    answer = pipeline.ask("Which city has the most companies on the Forbes list?")
    assert answer.answered and "Beijing" in answer.answer
    assert all(c.source != "nordic-battery-2030" for c in answer.citations)
