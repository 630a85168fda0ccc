"""The claim checker of LLM mode, sentence by sentence: what a model writes is kept only when the
sources it cites say it. The cases are claims a small local model was seen to make."""

from __future__ import annotations

import pytest

from assistant.answer.writer import Checker, Grounds, split_claims
from assistant.citations import Evidence
from assistant.numbers import find_numbers

TITLE = "2026 Forbes China AI Tech Companies Top 50"
SOURCES = [
    Evidence("forbes", TITLE, None, 0, 63, "Chengdu, with 11 selected companies, ranks fourth among all cities"),
    Evidence("forbes", TITLE, None, 100, 141, "Beijing leads with 21 selected companies"),
    Evidence("forbes", TITLE, None, 200, 236, "Hangzhou has 9 companies on the list"),
    Evidence("forbes", TITLE, None, 300, 360, "Other cities such as Wuhan (3), Guangzhou (3), Changsha (3)"),
]


def check(sentence: str, grounds: Grounds | None = None) -> str | None:
    return Checker(SOURCES, grounds).problem(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Chengdu has 11 companies on the list [1].",
        "Chengdu ranks fourth among all cities [1].",
        "Beijing leads with 21 companies [2], ahead of Chengdu with 11 [1].",
        "Yes, Hangzhou has 9 companies [3].",
        "Chengdu is one of the cities on the list [1].",
    ],
)
def test_supported_claims_are_kept(sentence):
    assert check(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("Beijing and Chengdu have companies.", "cites no source"),  # no one source holds both names
        ("It is a lovely city.", "cites no source"),  # nothing to find a source by
        ("Beijing leads the whole list [7].", "[7], which it was not given"),
        ("Shanghai has 21 companies [2].", "names Shanghai"),  # [2] says 21 of Beijing
        ("Chengdu has 11 companies on the list [2].", "states 11"),  # the number is in another source
        ("Hangzhou ranks fourth with 11 companies [3].", "states 4"),
        ("Chengdu ranks eleventh among all cities [1].", "states 11"),  # "11 companies" is no rank
        ("Chengdu has one company on the list [1].", "states 1"),
        ("The capital of France is Paris [1].", "names France"),
    ],
)
def test_unsupported_claims_are_caught(sentence, why):
    problem = check(sentence)
    assert problem is not None and why in problem, problem


def test_a_computed_figure_needs_the_facts_it_was_computed_from():
    computed = Grounds("How many companies do Wuhan and Guangzhou have together?", tuple(find_numbers("6")), frozenset({4}))
    assert check("Wuhan and Guangzhou have 6 companies together [4].", computed) is None
    assert "states 6" in check("Chengdu has 6 companies [1].", computed)


def test_the_question_gives_thresholds_not_facts():
    grounds = Grounds("Which cities have more than 10 companies on the Top 50?")
    assert check("Beijing has more than 10 companies [2].", grounds) is None
    assert "states 50" in check("Chengdu has 50 companies [1].", Grounds("How many of the Top 50 companies are from Chengdu?"))


def test_lines_and_sentences_are_separate_claims():
    assert split_claims("The answer is: 1\nChengdu has 11 companies [1]. Beijing leads [2].") == [
        "The answer is: 1",
        "Chengdu has 11 companies [1].",
        "Beijing leads [2].",
    ]


PLATYPUS = [
    Evidence("platypus", "Platypus", None, 0, 60, "The female lays one to three eggs, usually two, in a burrow."),
    Evidence("platypus", "Platypus", None, 80, 150, "It was first described scientifically by George Shaw in 1799."),
    Evidence("platypus", "Platypus", None, 200, 260, "Adults weigh between 0.7 and 2.4 kilograms."),
]


def kept(sources: list[Evidence], reply: str, grounds: Grounds | None = None) -> tuple[list[str], list[str]]:
    checker = Checker(sources, grounds)
    for claim in split_claims(reply):
        checker.add(claim)
    return checker.written.sentences, checker.written.removed


def test_a_claim_without_a_marker_cites_the_one_source_that_holds_its_names_and_numbers():
    sentences, removed = kept(SOURCES, "Chengdu has 11 companies. Beijing leads with 21 [2].")
    assert sentences == ["Chengdu has 11 companies [1].", "Beijing leads with 21 [2]."] and removed == []
    sentences, removed = kept(PLATYPUS, "George Shaw described it in 1799")
    assert sentences == ["George Shaw described it in 1799 [2]"]


def test_a_claim_without_names_or_numbers_cites_the_one_source_holding_most_of_its_words():
    sentences, removed = kept(PLATYPUS, "The female usually lays eggs in a burrow. It is a lovely animal.")
    assert sentences == ["The female usually lays eggs in a burrow [1]."]
    assert "It is a lovely animal" in removed[0] and "cites no source" in removed[0]


def test_markers_repeated_after_a_sentence_add_nothing():
    sentences, removed = kept(SOURCES, "Hangzhou has 9 companies [3]. [3]")
    assert sentences == ["Hangzhou has 9 companies [3]."] and removed == []


def test_a_word_of_the_question_is_no_name_at_the_start_of_a_claim():
    grounds = Grounds("How did travellers cross the lake before the bridge?")
    ferry = [Evidence("ferry", "Ferry", None, 0, 50, "Until then passengers crossed the lake by ferry.")]
    assert Checker(ferry, grounds).problem("Travellers crossed the lake by ferry [1].") is None


def test_a_claim_whose_figure_no_single_source_holds_is_still_removed():
    sentences, removed = kept(SOURCES, "Chengdu has 21 companies.")  # 21 is Beijing's, in another source
    assert sentences == [] and "cites no source" in removed[0]


def test_marker_lists_and_source_words_are_read_as_markers():
    sentences, _ = kept(SOURCES, "Beijing leads with 21 and Chengdu has 11 [1, 2]. Hangzhou has 9 companies [Source 3].")
    assert sentences == ["Beijing leads with 21 and Chengdu has 11 [1][2].", "Hangzhou has 9 companies [3]."]


@pytest.mark.parametrize(
    "sentence",
    [
        "The platypus was first described by George Shaw in 1799 [2].",
        "It was first recorded in 1799 [2].",
        "Maternal care starts when the female lays two eggs [1].",  # a capitalised first word is no name
        "Usually the female lays two eggs [1].",
    ],
)
def test_ordinals_that_rank_nothing_and_capitalised_first_words_are_no_claims(sentence):
    assert Checker(PLATYPUS, Grounds(common_words=frozenset({"maternal", "usually"}))).problem(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("The platypus ranks first among egg-laying mammals [2].", "states 1"),
        ("It is the third largest monotreme [3].", "states 3"),
        ("Shaw was second in 1799 [2].", "states 2"),
        ("Echidnas lay two eggs [1].", "names Echidnas"),  # a first word no article writes in lower case is a name
        ("Shanghai has 21 companies [2].", "names Shanghai"),
    ],
)
def test_ranks_and_unknown_first_words_are_still_checked(sentence, why):
    sources = SOURCES if "companies" in sentence else PLATYPUS
    problem = Checker(sources, Grounds(common_words=frozenset({"maternal"}))).problem(sentence)
    assert problem is not None and why in problem, problem


def test_a_claim_citing_the_wrong_source_cites_the_one_that_holds_it_all():
    sentences, removed = kept(PLATYPUS, "It was described by George Shaw in 1799 [1].")
    assert sentences == ["It was described by George Shaw in 1799 [2]."] and removed == []
    sentences, removed = kept(SOURCES, "Chengdu has 21 companies [1].")  # no one source holds Chengdu with 21
    assert sentences == [] and "states 21" in removed[0]


def test_an_initial_or_an_abbreviation_ends_no_claim():
    assert split_claims("It was first described by George H. Shaw in 1799 [2]. Adults weigh e.g. 2.4 kilograms [3].") == [
        "It was first described by George H. Shaw in 1799 [2].",
        "Adults weigh e.g. 2.4 kilograms [3].",
    ]
