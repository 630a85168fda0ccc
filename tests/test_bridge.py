"""A question naming what it asks about by what that thing did is answered in two steps, on made-up names."""

from __future__ import annotations

import pytest

from assistant.understand.bridge import bridged, named
from assistant.understand.lexicon import Entity, Lexicon


@pytest.mark.parametrize(
    "question, inner, outer",
    [
        ("Who leads the guild that printed the almanac?", "Which guild printed the almanac?", "Who leads Varn Council?"),
        (
            "Who is the president of the body that runs the canal?",  # "of" is the asking's, not the thing's
            "Which body runs the canal?",
            "Who is the president of Varn Council?",
        ),
        ("Who married the woman who mapped the valley?", "Which woman mapped the valley?", "Who married Varn Council?"),
    ],
)
def test_the_thing_named_by_what_it_did_is_asked_first_and_then_by_its_name(question, inner, outer):
    bridge = bridged(question)
    assert bridge is not None and bridge.inner == inner and bridge.outer("Varn Council") == outer


@pytest.mark.parametrize("question", ["Who said that the ferry would run?", "Who won in the year that it rained?", "Who runs it?"])
def test_a_question_that_names_nothing_by_what_it_did_is_asked_as_it_is(question):
    assert bridged(question) is None


def test_the_name_is_the_one_of_the_kind_asked_as_the_answer_writes_it():
    lexicon = Lexicon(
        [
            Entity("Nordic", "company"),
            Entity("Ferry Survey 2030", "work"),
            Entity("NFA", "organisation", {"Norland Ferry Association"}),
        ]
    )
    bridge = bridged("Who chairs the industry association that compiled the ferry survey?")
    quote = "Nordic routes grew, says the Ferry Survey 2030, compiled by the Norland Ferry Association (NFA)."
    assert named(bridge, quote, lexicon) == "Norland Ferry Association"
    assert named(bridge, "Nordic routes grew.", lexicon) == "Nordic"  # else the first new name
    assert named(bridge, "The survey was compiled in May.", lexicon) is None


def test_who_was_the_one_that_did_it_asks_who_that_is_in_one_step():
    assert bridged("Who was the mayor that ignored the fire at first?") is None
