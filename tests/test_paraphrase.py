"""Questions that say what the article says in other words: an amount asked as "the combined turnover", an
extreme the article states outright, a cause it gives as what undid a thing or what a change followed, a
report asked by the name it is given, a year the article writes as "last year". Over a made-up article."""

from __future__ import annotations

import pytest

from assistant import offline
from assistant.understand.lexicon import Lexicon
from assistant.understand.question import analyse
from assistant.understand.spelling import Vocabulary
from tests.test_reader import pipeline_over

FRONT = """---
id: harbour-ferries-2026
title: "Lakeland harbour ferries carried more travellers than ever"
published: 2026-04-02
---

"""
# one paragraph a line, as articles are written
PARAGRAPHS = [
    (
        "Ferries on the Lakeland lakes carried more travellers than ever last year, according to the annual study of "
        "the Lakeland Boat Owners Guild (LBOG). Their combined revenue reached EUR 48 million, up from EUR 44 million a "
        "year before. The study, titled *Open Water 2026*, was presented in Kessford on 1 April 2026."
    ),
    (
        "Brandmoor Boats carried 1.9 million travellers in 2025 and booked revenue of EUR 12 million. Its fleet of nine "
        "boats grew fastest of the large operators."
    ),
    (
        "Tarnway Lines kept its place as the busiest operator in 2025, with 2.6 million travellers. But its fleet shrank to 11 "
        "boats from 14 after it withdrew three older steamers from service."
    ),
    "Kessford-based Ellery Cruises now runs the largest fleet on the lakes. It operated 17 boats at the end of 2025.",
    (
        "An earlier attempt at a winter service, in 2019, was defeated by ice and storms. The failure of that service "
        "caused a long dispute between the guild and the county."
    ),
    "Harrow Ferries, the smallest of the four, added two boats. Its share of all travellers climbed to 9% from 7%.",
    "The guild was founded in 1931. At its first meeting 40 members signed up.",
    "Ticket income rose to EUR 31 million, from EUR 27 million a year earlier. Kiosk income was EUR 2 million in 2025.",
    "Some 640 seafarers work for the operators, the guild said, led by its chair, Ruth Anselm.",
]
ARTICLE = FRONT + "\n\n".join(PARAGRAPHS) + "\n"


@pytest.fixture(scope="module")
def ferries(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("ferries"), real_embeddings, {"harbour-ferries-2026.md": ARTICLE})


@pytest.mark.parametrize(
    "question, expected",
    [
        # an amount of a measure however many words qualify it; "last year" of a report of 2026 is 2025
        ("What was the lake operators' combined turnover last year?", "48 million"),
        # a total asked is not one named firm's figure
        ("What was the boat firms' combined turnover last year?", "48 million"),
        # the extreme stated in the article's own words is preferred to a sentence only near it
        ("Which firm has the biggest fleet?", "Ellery Cruises"),
        # a change and the event it followed: the reason for it
        ("How come Tarnway Lines has fewer boats than before?", "withdrew three older steamers"),
        # what undid a thing is why it failed; what its collapse caused is not
        ("Why did the winter service fail?", "ice and storms"),
        # the report is what is named
        ("What's the study called?", "Open Water 2026"),
        # a sentence of a report on 2025 that names no year is of 2025
        ("What share of all travellers did Harrow Ferries have in 2025?", "9%"),
        # "a year earlier" in a report of 2026 compares 2025 with 2024, after a paragraph dated long before
        ("How much ticket income was there in 2025?", "31 million"),
        # crew and seafarers are one
        ("How many crew members do the operators have?", "640"),
        # "presides" is an English word, no slip of the article's "president" or any other word
        ("Who presides over the LBOG?", "Ruth Anselm"),
    ],
)
def test_questions_in_other_words_are_answered_from_the_sentence_that_says_so(ferries, question, expected):
    answer = ferries.ask(question)
    assert answer.answered, answer.answer
    assert expected in answer.answer, answer.answer


def test_an_amount_of_a_measure_qualified_by_several_words_is_a_figure():
    lexicon = Lexicon([])
    assert analyse("what was the guild's operating margin in 2024", lexicon).expects == "number"
    assert analyse("What was the members' combined turnover?", lexicon).expects == "number"
    assert analyse("What was the name of the sector's largest operator?", lexicon).expects != "number"


def test_english_words_and_slips_of_question_words():
    offline.prepare()  # everyday English is judged by the offline BPE vocabulary
    words = Vocabulary(["The President of the guild, Ruth Anselm, chairs its meetings in the city."])
    assert words.correction("presides") is None  # English the synonym table knows, not "President" misspelt
    assert words.correct("wich city") == "which city"


def test_a_question_about_today_is_not_answered_by_a_sentence_long_past(ferries):
    answer = ferries.ask("How many members does the guild have nowadays?")
    assert not answer.answered, answer.answer
    assert ferries.ask("How many members signed up at the guild's first meeting?").answered


LIFE = """Ilse Marrow

Ilse Marrow was a Danish-born chemist who studied the salts of the northern fjords.

Early life

Ilse Varen was born in Odense. She was the second of four children of Jens Varen, a ship's carpenter, and Ane Holm, a teacher. Her elder brother, Hans Varen, was later president of the Northern Rowing Club.

Marriage and family

In 1896 she married the physicist Karl Marrow. They had one daughter, Sofie, who wrote a biography of her mother, "The Quiet Laboratory", published in 1950.

Work

From 1901 she ran the laboratory of the Society of Northern Chemical Industries (SONCHI). Her doctoral thesis dealt with the salts of the fjords. The SONCHI's president, Oskar Brandt, called her the finest analyst of her time.

She left the laboratory in 1920 for two reasons. The society had moved to Copenhagen that spring.

First, her eyesight was failing after years of work by gaslight. Second, the society had cut the funding of her post by half.

Karl Marrow died in 1931, and she never remarried. She died in Aarhus on 9 May 1940.
"""


@pytest.fixture(scope="module")
def life(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("life"), real_embeddings, {"ilse-marrow.txt": LIFE})


@pytest.mark.parametrize(
    "question, expected",
    [
        ("when did ilse and karl tie the knot", "1896"),  # an idiom read as the word it means
        ("who was ilse marrow's father", "Jens Varen"),  # a father is a parent: "the children of"
        ("what's the title of the book her daughter wrote about her mom", "The Quiet Laboratory"),
        # an acronym says the words it stands for, however the question orders them
        ("who is the president of the northern chemical society", "Oskar Brandt"),
    ],
)
def test_everyday_words_for_family_and_an_acronym_s_words_find_the_sentence_that_says_so(life, question, expected):
    answer = life.ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


def test_the_causes_a_sentence_announces_are_given_with_it(life):
    answer = life.ask("Why did Ilse Marrow leave the laboratory?")
    assert answer.answered and "eyesight" in answer.answer and "funding" in answer.answer, answer.answer


def test_a_death_said_of_another_person_does_not_answer_when_the_one_asked_died(life):
    answer = life.ask("When did Ilse Marrow die?")
    assert answer.answered and "9 May 1940" in answer.answer, answer.answer


def test_a_country_asked_in_lower_case_is_a_name_the_article_lacks(life):
    answer = life.ask("what did ilse marrow study in peru")
    assert not answer.answered and "Peru" in answer.answer, answer.answer


ICE = """Crossings of the Varn ice cap

In 1890 a French team led by Paul Audric tried to cross the Varn ice cap from the west. The attempt was abandoned after a storm. Twelve men died on the ice.

In 1895 a British team led by Hugh Senn crossed the ice cap in 41 days. Four men died when the British team tried to cross the ice cap a second time, in 1897.
"""


def test_a_figure_said_of_another_people_does_not_answer_for_the_people_asked(tmp_path, real_embeddings):
    pipeline = pipeline_over(tmp_path, real_embeddings, {"varn-ice-cap.txt": ICE})
    answer = pipeline.ask("how many men died when the french tried to cross the ice cap")
    assert answer.answered and "Twelve men died" in answer.answer, answer.answer


def test_everyday_phrases_are_read_as_the_word_they_mean():
    from assistant.text import words

    assert "delayed" in words("Why was the opening pushed back?")
    assert "arrive" in words("When do the first passengers show up?")
    assert "delayed" not in words("The guards pushed back the crowd.")  # a thing pushed back is no delay
    assert "approval" in words("When did the regulator give the drug the green light?")
    assert "published" in words("When did her second book come out?")
    assert "find" in words("How did the crews track down the leaks?")
    assert "leader" in words("Who was the driving force behind the canal?")
    assert "published" not in words("The mayor came out against the plan.")  # taking a side


def test_a_crop_is_a_harvest_and_the_biggest_part_is_the_largest_share():
    from assistant.text import SYNONYM_GROUPS, stem

    def alike(a, b):
        return any(a in group and b in group for group in SYNONYM_GROUPS) or stem(a) == stem(b)

    assert alike("crop", "harvest") and alike("crops", "harvests")
    assert alike("part", "share")
    assert alike("crash", "accident")  # "the 1927 crash" is the accident of 1927
    assert alike("hurt", "injured")  # "how many were hurt?": "23 were injured"
    assert alike("samples", "specimens")
    assert alike("checked", "monitored")  # "birds checked every year": "monitored every year since 1986"
    assert alike("equipment", "devices")
