"""Places in a ranking, as questions ask them and sentences state them."""

from __future__ import annotations

import pytest

from assistant.understand.positions import asked_place, stated_places


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Top spot went to Harrow Mills, a bakery based in Leeds.", {1}),
        ("At the top of the ranking is Harrow Mills.", {1}),
        ("Second place went to Brook & Sons, which had topped the list in 2024.", {2}),  # a place held before is not held
        ("Fenwick Bakes, from York, came third.", {3}),
        ("Leeds, with 11 bakeries, ranks fourth among all cities.", {4}),
        ("Harrow Mills climbed from fifth place in last year's edition.", set()),
        ("The runner-up was Brook & Sons.", {2}),
        ("Leeds leads with 21 bakeries.", {1}),
        ("Harrow Mills is ranked No. 1 for the second year.", {1}),
        ("She was the first woman to win a Nobel Prize.", set()),
        ("It was the first time in 30 years that the bakery closed.", set()),
        ("The award-winning chef opened a bakery.", set()),
        ("Output fell for a third year running.", set()),
    ],
)
def test_a_sentence_states_the_places_it_gives(sentence, places):
    assert stated_places(sentence) == places


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Which bakery is number one in the ranking?", 1),
        ("Who founded the top-ranked bakery?", 1),
        ("In what year was the winning bakery set up?", 1),
        ("which bakery finished in third place", 3),
        ("Which bakery finished as runner-up this year?", 2),
        ("Which city ranks fourth?", 4),
        ("Who came first?", 1),
        ("When did she win her first Nobel Prize?", None),  # her first of several, no place in a ranking
        ("What place did Harrow Mills finish in?", None),  # asks which place, gives none
        ("How many bakeries are in the Top 30?", None),
        ("What was winning the prize like for her?", None),
        ("Which came first, the Monument or the new cathedral?", None),  # which of two was earlier
        ("which was finished first: the bridge or the tunnel", None),
        ("What was the winning margin in 1989?", None),
    ],
)
def test_a_question_asks_who_holds_a_place(question, place):
    assert asked_place(question.lower()) == place


def test_a_place_that_picks_out_what_is_counted_is_no_superlative():
    from assistant.understand.lexicon import Lexicon
    from assistant.understand.question import analyse

    q = analyse("How many shops does the top-ranked bakery run?", Lexicon([]))
    assert q.place == 1 and q.superlative is None
    assert analyse("Which bakery runs the most shops?", Lexicon([])).superlative == "max"
