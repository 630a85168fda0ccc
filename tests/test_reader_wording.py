"""How a question is worded, on a made-up undated report nobody tuned the reader for: two questions in one,
"most of", "in what year", set phrases, abbreviations, follow-ups, what the article is about, and the year an
undated report is about."""

from __future__ import annotations

import pytest

from assistant.answer.base import Proposal
from assistant.answer.compound import joined, two_questions
from assistant.citations import Evidence
from tests.test_reader import pipeline_over

ARTICLE = """Orrel Valley singers draw record crowds despite a smaller grant

The Orrel Valley Choir sang to more people in 2031 than in any year since its founding in 1974, despite a cut in its council grant. The year's one setback came in March, when the council cut that grant by a tenth.

The season was the second under Gwen Ellery, the Welsh-born music director who joined in 2029 after seven years with a cathedral choir. She had trained at a Swiss conservatory under the soprano Hanna Roth.

The choir's home, the Weavers' Hall on Mill Lane, closed on 2 February for repairs to its roof. The hall reopened on 9 May with a concert of Haydn's Creation. The work on the hall came to £420,000 in all. Of the cost, £250,000 came from the Lottery Heritage Fund and the rest from a public appeal.

In August a flash flood struck the village of Dunnow. Nine people were hurt, seven of them in the lower town of Brackley.

The choir measures its outreach by the community participation rate (CPR), the share of local schools taking part each year.

About 4,200 walkers use the riverside path beside the hall each summer, and 900 cyclists ride it. A higher CPR means that the choir reaches more of the valley.

The choir had 86 singers at the end of the year, up from 79. Its director, Alys Prothero, said the new members were mostly students.

"""


@pytest.fixture(scope="module")
def choir(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("wording"), real_embeddings, {"orrel-choir.txt": ARTICLE})


def test_two_questions_in_one_are_each_answered_with_their_own_sentence(choir):
    answer = choir.ask("When did the Weavers' Hall close for repairs, and when did it open again?")
    assert answer.answered, answer.answer
    assert "2 February" in answer.answer and "9 May" in answer.answer
    assert len(answer.citations) == 2 and len(answer.answer) < 500


def test_most_of_asks_for_the_part_a_sentence_gives_not_a_superlative(choir):
    answer = choir.ask("Where were most of the people hurt in the Dunnow flood?")
    assert answer.answered and "Brackley" in answer.answer, answer.answer


def test_in_what_year_is_answered_by_a_year_and_come_into_being_is_founded(choir):
    answer = choir.ask("In what year did the Orrel Valley Choir come into being?")
    assert answer.answered and "1974" in answer.answer, answer.answer


def test_what_the_article_is_about_is_named_by_its_head_noun_throughout(choir):
    from assistant.answer.evidence import Judge
    from assistant.understand.lexicon import Entity, Lexicon

    lexicon = Lexicon([Entity("Orrel Valley Choir", "organisation"), Entity("Brackley Male Voice Choir", "organisation")])
    judge = Judge(None, lexicon, None, None)
    body = "the orrel valley choir sang. the choir's home closed. the choir had 86 singers."
    assert judge._head_throughout(("orrel valley choir",), body)
    assert not judge._head_throughout(("orrel valley choir",), body + " the brackley male voice choir sang too.")  # which choir?
    assert not judge._head_throughout(("orrel valley choir",), "the orrel valley choir sang. the choir's home closed.")  # once
    answer = choir.ask("Who is the music director of the Orrel Valley Choir?")
    assert answer.answered and "Gwen Ellery" in answer.answer, answer.answer


def test_a_country_the_articles_write_only_as_its_people_s_adjective_is_no_unknown_name(choir):
    answer = choir.ask("Under whom did Gwen Ellery train in Switzerland?")
    assert answer.answered and "Hanna Roth" in answer.answer, answer.answer


def test_a_follow_up_asks_what_the_last_answer_did_not_say(choir):
    first = choir.ask("How much did the work on the Weavers' Hall cost?")
    assert "£420,000" in first.answer, first.answer
    answer = choir.ask("How much of that was covered by a heritage grant?", session_id=first.session_id)
    assert answer.answered and "£250,000" in answer.answer, answer.answer


def test_a_share_is_given_in_per_cent():
    from assistant.text import Synonyms, stem, words

    assert "percent" in words("Chilled soups accounted for 41 per cent of group sales")
    assert stem("percent") in Synonyms().related(stem("share"))


def test_what_an_abbreviation_stands_for_is_the_words_it_is_short_for(choir):
    answer = choir.ask("What does CPR stand for in the choir article?")
    assert answer.answered and "community participation rate" in answer.answer, answer.answer


def test_hikers_are_walkers(choir):
    from assistant.text import Synonyms, stem

    assert stem("walkers") in Synonyms().related(stem("hikers"))
    answer = choir.ask("How many hikers use the riverside path each summer?")
    assert answer.answered and "4,200" in answer.answer, answer.answer


def test_an_undated_report_s_sentences_without_a_year_are_of_the_year_it_reports_on(choir):
    answer = choir.ask("How many singers did the choir have at the end of 2031?")
    assert answer.answered and "86" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("When did the hall close, and when did it open again?", ("When did the hall close?", "When did it open again?")),
        ("What did it cost to build and how many people work there?", ("What did it cost to build?", "How many people work there?")),
        ("How did sales compare, and why?", None),  # "why?" alone is no second question
        ("Who won the race and the cup?", None),
    ],
)
def test_a_question_is_split_where_a_second_question_is_joined_to_it(question, parts):
    assert two_questions(question) == parts


def _proposal(text: str, start: int, *, answered: bool = True) -> Proposal:
    return Proposal("reader", text, [Evidence("a", "A", None, start, start + 10, text)], 0.7, answered=answered)


def test_two_answers_are_joined_with_the_second_s_citations_numbered_after_the_first_s():
    both = joined(_proposal("It closed in May [1].", 0), _proposal("It reopened in June [1].", 50))
    assert both is not None and both.text == "It closed in May [1]. It reopened in June [2]."
    assert [e.start for e in both.evidence] == [0, 50]
    assert joined(_proposal("It closed in May [1].", 0), _proposal("It closed in May [1].", 0)) is None  # one sentence says both
    assert joined(_proposal("It closed in May [1].", 0), _proposal("", 50, answered=False)) is None
    assert joined(_proposal("x" * 300 + " [1].", 0), _proposal("y" * 300 + " [1].", 50)) is None  # too long for a short answer
