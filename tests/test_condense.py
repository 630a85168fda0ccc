"""Follow-ups made standalone against a made-up lexicon: pronouns point where a reader would point them."""

from __future__ import annotations

import pytest

from assistant.understand.condense import Exchange, condense
from assistant.understand.lexicon import Entity, Lexicon

LEXICON = Lexicon(
    [
        Entity("Eastbay", "city"),
        Entity("Northport", "city"),
        Entity("Harlow Shipping", "company"),
        Entity("Tern Freight", "company"),
    ]
)


def test_a_pronoun_is_not_the_entity_the_same_question_names():
    history = [Exchange("Which city ranks second?", "Eastbay ranks second [1].")]
    out = condense("How many companies does that city have on it?", history, LEXICON)
    assert out == "How many companies does Eastbay have on it?"


def test_them_after_a_count_of_a_kind_is_that_kind_of_the_entity():
    history = [Exchange("How many companies does Eastbay have?", "Eastbay has 2 companies [1].")]
    assert condense("Which of them are the largest?", history, LEXICON) == "Which of Eastbay's companies are the largest?"


def test_it_still_points_to_the_entity_of_the_last_turn():
    history = [Exchange("Which city ranks second?", "Eastbay ranks second [1].")]
    assert condense("How many companies does it have?", history, LEXICON) == "How many companies does Eastbay have?"


def test_it_after_a_question_that_singles_one_thing_out_is_the_thing_answered():
    history = [Exchange("What is the largest shipping firm in Northport?", "The largest is Harlow Shipping, with 40 ships [1].")]
    assert condense("How many ships will it add?", history, LEXICON) == "How many ships will Harlow Shipping add?"
    history = [Exchange("How many companies does Northport have?", "Northport has Harlow Shipping and Tern Freight [1].")]
    assert condense("How many ships does it handle?", history, LEXICON) == "How many ships does Northport handle?"


def test_how_long_is_it_asks_about_the_thing_not_about_the_last_question():
    history = [Exchange("What is Harlow Shipping?", "Harlow Shipping is a ferry company of Northport [1].")]
    assert condense("How long is it?", history, LEXICON) == "How long is Harlow Shipping?"
    history = [Exchange("When did Harlow Shipping open its new terminal?", "In 2021 [1].")]
    assert condense("How long?", history, LEXICON).startswith("How long —")  # only asks: about the last question


def test_he_and_she_point_to_the_person_the_articles_call_so():
    lexicon = Lexicon(
        [Entity("Tomas Berg", "person", pronoun="he"), Entity("Maja Lind", "person", pronoun="she"), Entity("Ola Nes", "person")]
    )
    history = [Exchange("Who hired Maja Lind?", "Tomas Berg hired Maja Lind in 1890 [1].")]
    assert condense("What did he give her?", history, lexicon) == "What did Tomas Berg give Maja Lind?"
    history = [Exchange("Who hired Maja Lind?", "Ola Nes hired Maja Lind [1].")]
    assert condense("When did he leave?", history, lexicon) == "When did Ola Nes leave?"  # of whom they do not say


def test_a_one_word_name_the_user_gave_may_be_who_she_is_and_he_is_the_one_called_he():
    lexicon = Lexicon([Entity("Tomas Berg", "person", pronoun="he"), Entity("Maja Lind", "person"), Entity("Ingrid", "entity")])
    history = [
        Exchange("Who introduced Ingrid to Tomas Berg?", "Ingrid was introduced to Tomas Berg by her tutor Maja Lind [1]."),
        Exchange("How old was Ingrid at the time?", "Ingrid was introduced to Tomas Berg by her tutor Maja Lind at 17 [1]."),
    ]
    assert condense("What did he show her?", history, lexicon) == "What did Tomas Berg show Ingrid?"


@pytest.mark.parametrize(
    ("asked", "answered", "follow_up", "expected"),
    [
        # "the red one" swaps the word that sets the thing apart
        ("When was the green flag raised?", "The green flag was raised in 1901 [1].", "And the red one?", "When was the red flag raised?"),
        # "the second one" swaps the ordinal, wherever it stands
        ("When did Eastbay win its first title?", "In 1921 [1].", "and the second one?", "When did Eastbay win its second title?"),
        # "it" after a question about one unnamed thing is that thing
        (
            "When was the red flag raised?",
            "Harlow Shipping raised the red flag in 1907 [1].",
            "Who flies it now?",
            "Who flies the red flag now?",
        ),
        # a thing asked for by what it is: "it" is the thing the answer names, or else the thing asked for
        (
            "What's the name of the railway along the fjord?",
            "The Teller Coast Railway along the fjord opened in 1904 [1].",
            "When did it close?",
            "When did the Teller Coast Railway close?",
        ),
        (
            "What is the fish that people smoke by the shore?",
            "The omul is smoked along the shore [1].",
            "How big is it?",
            "How big is the fish?",
        ),
        # a subject and its verb are no such thing
        ("When did the war end?", "The war ended in 1648 [1].", "Who won it?", "Who won it?"),
    ],
)
def test_an_unnamed_thing_the_last_question_asked_about(asked, answered, follow_up, expected):
    assert condense(follow_up, [Exchange(asked, answered)], LEXICON) == expected


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("And the year before?", "How many people worked at Tern Freight at the end of 2024?"),
        ("And in 2021?", "How many people worked at Tern Freight at the end of 2021?"),
        ("What about the following year?", "How many people worked at Tern Freight at the end of 2026?"),
        ("What was the figure the previous year?", "How many people worked at Tern Freight at the end of 2024?"),
        ("How much did Tern Freight earn the year before?", "How much did Tern Freight earn in 2024?"),
    ],
)
def test_another_year_asks_the_last_question_of_that_year(follow_up, expected):
    history = [Exchange("How many people worked at Tern Freight at the end of 2025?", "Tern Freight employed 412 people [1].")]
    assert condense(follow_up, history, LEXICON) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("How many people worked at Tern Freight this year?", "How many people worked at Tern Freight in 2024?"),
        ("How many people worked at Tern Freight?", "How many people worked at Tern Freight in 2024?"),
    ],
)
def test_a_year_after_a_question_of_no_year_asks_it_of_that_year(asked, expected):
    history = [Exchange(asked, "Tern Freight employed 412 people [1].")]
    assert condense("What about 2024?", history, LEXICON) == expected


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("and a year ago?", "How much net cash did Tern Freight hold at the end of the quarter a year earlier?"),
        ("And the year before?", "How much net cash did Tern Freight hold at the end of the quarter a year earlier?"),
        ("And a year ago?", "How much net cash did Tern Freight hold at the end of the quarter a year earlier?"),
    ],
)
def test_a_year_earlier_after_a_question_of_no_year_asks_it_a_year_earlier(follow_up, expected):
    history = [Exchange("How much net cash did Tern Freight hold at the end of the quarter?", "£11.3 million [1].")]
    assert condense(follow_up, history, LEXICON) == expected


@pytest.mark.parametrize(
    ("asked", "follow_up", "expected"),
    [
        (
            "How many goals did Tern Rovers score this season?",
            "what about last season?",
            "How many goals did Tern Rovers score last season?",
        ),
        ("How many goals did Tern Rovers score?", "And next season?", "How many goals did Tern Rovers score next season?"),
    ],
)
def test_last_or_next_season_asks_the_last_question_of_that_season(asked, follow_up, expected):
    assert condense(follow_up, [Exchange(asked, "71 goals [1].")], LEXICON) == expected


def test_it_after_a_thing_named_as_someone_s_is_that_thing_unless_the_owner_was_the_topic_before():
    lexicon = Lexicon([Entity("Dahl", "entity"), Entity("Storhavet", "entity")])
    history = [Exchange("Whose works made Dahl's first lamp?", "The works of Henri Lepaute made it [1].")]
    assert condense("How heavy was it?", history, lexicon) == "How heavy was Dahl's first lamp?"
    history = [
        Exchange("How much electricity did Storhavet produce?", "Storhavet generated 2,038 GWh [1]."),
        Exchange("And what was Storhavet's capacity factor?", "Its capacity factor was 47.0% [1]."),
    ]
    assert condense("How many turbines does it have?", history, lexicon) == "How many turbines does Storhavet have?"


def test_a_follow_up_of_only_asking_words_is_asked_of_the_question_before():
    history = [Exchange("How many destinations does Eastbay serve now?", "Eastbay serves 27 destinations, up from 19 [1].")]
    out = condense("Up from how many the year before?", history, LEXICON)
    assert out.startswith("Up from how many the year before") and "Eastbay" in out
    history = [Exchange("Who introduced Ada to Babbage?", "Mary Somerville introduced them [1].")]
    assert "—" not in condense("What did he show her?", history, LEXICON)  # the pronouns are resolved, not an ellipsis


def test_he_after_a_question_for_a_person_is_the_person_answered_not_one_the_question_gave():
    lexicon = Lexicon([Entity("John Findley Wallace", "person"), Entity("John Frank Stevens", "person", {"Stevens"})])
    answer = "The first chief engineer, John Findley Wallace, resigned in 1905. His successor, John Frank Stevens, rebuilt the railway [1]."
    history = [Exchange("Who took over as chief engineer after Wallace resigned?", answer)]
    assert condense("And when did he quit?", history, lexicon) == "And when did John Frank Stevens quit?"
    history = [Exchange("Who was John Findley Wallace?", answer)]  # asked about him: "he" is still him
    assert condense("And when did he quit?", history, lexicon) == "And when did John Findley Wallace quit?"


def test_the_two_of_them_after_a_question_for_someone_s_partner_are_the_one_asked_about_and_the_one_answered():
    lexicon = Lexicon([Entity("Ann Rhys", "person"), Entity("Owen Rhys", "person"), Entity("Orm Medal", "award")])
    history = [Exchange("Who was Ann Rhys's husband?", "Ann Rhys and her husband Owen Rhys won the Orm Medal in 1935 [1].")]
    out = condense("what did the two of them win the medal for?", history, lexicon)
    assert out == "what did Ann Rhys and Owen Rhys win the medal for?"


# meanings of a few made-up phrases, as an encoder would place them: kinds of cargo alike, kinds of building alike
_ALIKE = {frozenset({"iron ore", "coal"}): 0.55, frozenset({"farms", "homes"}): 0.45, frozenset({"farms", "Eastbay"}): 0.3}


def _similarity(a: str, b: str) -> float:
    return _ALIKE.get(frozenset({a, b}), 0.1)


@pytest.mark.parametrize(
    ("asked", "follow_up", "expected"),
    [
        ("How much coal went through the port in 2024?", "And iron ore?", "How much iron ore went through the port in 2024?"),
        ("What share of the power in Eastbay comes from homes?", "and from farms?", "What share of the power in Eastbay comes from farms?"),
    ],
)
def test_a_fragment_stands_in_for_the_phrase_of_the_last_question_it_is_most_like(asked, follow_up, expected):
    history = [Exchange(asked, "[1].")]
    assert condense(follow_up, history, LEXICON, similarity=_similarity) == expected


def test_a_fragment_like_no_phrase_of_the_last_question_asks_of_its_topic():
    history = [Exchange("How many ships does Northport handle?", "Northport handles 40 ships [1].")]
    assert condense("And the promised completion date?", history, LEXICON, similarity=_similarity) == (
        "What is the promised completion date of Northport?"
    )


def test_when_was_that_asks_the_last_question_again_for_its_time():
    history = [Exchange("Who opened the Northport terminal?", "Ann Rhys opened the terminal on 3 May 1990 [1].")]
    out = condense("When was that?", history, LEXICON)
    assert out.startswith("When was that —") and "Who opened the Northport terminal" in out


def test_it_after_whose_thing_is_that_thing_and_after_a_thing_done_to_is_that_thing():
    history = [Exchange("Whose report about the harbour did she translate?", "Ann Rhys translated Owen Rhys's report into English [1].")]
    assert condense("When was it first published?", history, LEXICON) == "When was Owen Rhys's report first published?"
    history = [Exchange("How did they inspect the hole in the quay?", "Divers inspected the hole [1].")]
    assert condense("What did they fill it with?", history, LEXICON) == "What did they fill the hole with?"


def test_it_after_a_question_for_the_largest_is_the_one_the_answer_calls_the_largest():
    lexicon = Lexicon([Entity("Harlow Shipping", "company"), Entity("Eastbay", "city"), Entity("Northport", "city")])
    answer = "Harlow Shipping carried 96% of the cargo, with Eastbay the single largest port at 34%, ahead of Northport [1]."
    history = [Exchange("What's the biggest port for the firm?", answer)]
    assert condense("What share does it handle?", history, lexicon) == "What share does Eastbay handle?"


def test_a_follow_up_that_asks_a_question_of_its_own_is_left_to_be_read_with_the_last_one():
    history = [Exchange("When did the fire in Northport start?", "It began on 2 September [1].")]
    out = condense("And when were the last flames put out?", history, LEXICON)
    assert out == "And when were the last flames put out?"  # not "... put out of Northport?"


def test_a_follow_up_goes_on_from_the_last_question_when_it_opens_so_or_shares_its_topic():
    from assistant.understand.condense import continues

    assert continues("What share voted yes?", "When did the islanders vote on the new harbour?")
    assert continues("And when were the last flames put out?", "When did the fire start?")
    assert not continues("What problems does the report point out?", "How many research centres does Eastbay have?")


def test_how_many_was_that_asks_the_figure_of_the_one_the_answer_named():
    history = [Exchange("Which city handles the most ships?", "Eastbay has the most ships: 40 [1].")]
    assert condense("how many ships was that?", history, LEXICON) == "how many ships was Eastbay?"
    history = [Exchange("When did Eastbay open its port?", "In 1901 [1].")]
    assert condense("When was that?", history, LEXICON).startswith("When was that —")  # only asks: about the last question


def test_the_year_before_a_figure_of_no_year_asked_is_the_year_before_the_one_the_answer_gives_it_for():
    history = [Exchange("How many ships did Eastbay handle?", "Eastbay handled 410 ships in 2031, up from 380 ships in 2030 [1].")]
    assert condense("and the year before?", history, LEXICON) == "How many ships did Eastbay handle in 2030?"
    history = [Exchange("How many ships did Eastbay handle?", "Eastbay handled 410 ships [1].")]
    assert condense("and the year before?", history, LEXICON) == "How many ships did Eastbay handle a year earlier?"


def test_he_after_a_question_for_someone_s_husband_is_the_husband_though_he_shares_her_surname():
    lexicon = Lexicon([Entity("Ada Lind", "person"), Entity("Karl Lind", "person"), Entity("Hugo Brandt", "person")])
    history = [Exchange("Who was Ada Lind's husband?", "The prize named only Karl Lind and Hugo Brandt [1].")]
    assert condense("when did he die", history, lexicon) == "when did Karl Lind die"


def test_how_did_that_happen_asks_how_about_the_event_asked_before():
    lexicon = Lexicon([Entity("Karl Lind", "person")])
    history = [Exchange("When did Karl Lind die?", "Karl Lind was killed in a street accident in 1906 [1].")]
    out = condense("How did that happen?", history, lexicon)
    assert out.startswith("How did that happen") and "When did Karl Lind die" in out


def test_its_after_which_of_the_biggest_is_the_one_answered_not_the_biggest():
    history = [
        Exchange(
            "which of the five biggest freight firms saw its traffic fall", "Tern Freight was fourth, the only one to lose traffic [1]."
        )
    ]
    assert condense("By how much did its sales go down?", history, LEXICON) == "By how much did Tern Freight's sales go down?"


def test_it_after_which_thing_is_the_one_answered_whatever_kind_its_name_was_taken_for():
    lexicon = Lexicon([Entity("Panaderia Varn", "person", {"Varn"}), Entity("Casa Holm", "company")])
    history = [Exchange("Which bakery is number one?", "Varn finished first, ahead of Casa Holm [1].")]
    assert condense("where is it based?", history, lexicon) == "where is Panaderia Varn based?"


def test_and_the_second_one_of_a_thing_asks_the_same_of_it():
    history = [Exchange("What did the first stage of the repairs cost?", "The first stage cost £70,000 [1].")]
    assert condense("and the second stage?", history, LEXICON) == "What did the second stage of the repairs cost?"


def test_a_fragment_after_and_keeps_a_word_that_begins_like_a_preposition():
    history = [Exchange("How much did Harlow Shipping earn from fares?", "Fares brought in £30 million [1].")]
    out = condense("And insurance?", history, LEXICON)
    assert "insurance" in out and "surance" not in out.replace("insurance", "")


def test_names_are_found_longest_first_with_their_plurals_and_compounds():
    lexicon = Lexicon(
        [
            Entity("North", "region"),
            Entity("Northport", "city"),
            Entity("Northport Container Terminal", "organisation"),
            Entity("Northport-Eastbay", "organisation"),
            Entity("Norrland", "region"),
            Entity("Harlow", "city"),
            Entity("Harlow Shipping", "company"),
        ]
    )
    text = "The Northport container terminals, Northport-based firms and Norrland lie north of Northport-Eastbay, as Harlow Shipping does."
    assert [(m.entity.name, text[m.start : m.end]) for m in lexicon.find(text)] == [
        ("Northport Container Terminal", "Northport container terminals"),
        ("Northport", "Northport"),
        ("Norrland", "Norrland"),
        ("North", "north"),
        ("Northport-Eastbay", "Northport-Eastbay"),
        ("Harlow Shipping", "Harlow Shipping"),
    ]
    assert lexicon.find("Northportish and Northporter are other words") == []


def test_it_after_when_did_the_event_at_a_place_happen_is_that_event_not_the_place_answered():
    history = [Exchange("When did the worst flood on the estate happen?", "The worst flood struck on 4 May 1911 near Eastbay [1].")]
    assert condense("How many homes were lost in it?", history, LEXICON) == "How many homes were lost in the worst flood?"
    history = [Exchange("When did the war end?", "In 1918 [1].")]
    assert condense("When did it end?", history, LEXICON) == "When did it end?"  # "the war end": a subject and its verb


def test_what_was_it_in_a_year_asks_the_last_question_of_that_year():
    history = [Exchange("How many ships did Harlow Shipping run this time?", "It ran 40 ships, against 31 in 2029 [1].")]
    assert condense("what was it in 2029?", history, LEXICON) == "How many ships did Harlow Shipping run in 2029?"


def test_the_year_before_a_financial_year_is_the_financial_year_before_it():
    history = [Exchange("How many ships did Northport handle in 2030-31?", "It handled 9,400 [1].")]
    assert condense("How does that compare with the year before?", history, LEXICON) == "How does that compare with 2029-30?"


def test_it_after_how_many_in_the_worst_event_is_that_event():
    history = [Exchange("How many were hurt in the worst flood?", "Nine were hurt near Eastbay [1].")]
    assert condense("What did the inquiry blame it on?", history, LEXICON) == "What did the inquiry blame the worst flood on?"
    history = [Exchange("Which is the biggest shipping firm?", "Harlow Shipping is the biggest [1].")]
    assert condense("How many ships does it run?", history, LEXICON) == "How many ships does Harlow Shipping run?"
