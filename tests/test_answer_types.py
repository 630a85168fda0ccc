"""What counts as the kind of answer a question wants, and which names it gives, on made-up text."""

from __future__ import annotations

from assistant.answer.evidence import names_in_question
from assistant.answer.types import answer_spans
from assistant.understand.lexicon import Lexicon
from assistant.understand.question import analyse


def test_a_figure_is_new_unless_the_question_writes_it_as_a_whole_number():
    lexicon = Lexicon([])
    q = analyse("How many jobs will the port add between 2031 and 2035?", lexicon)
    text = "The port expects to add more than 2 million jobs between 2031 and 2035."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["2"]  # "2" is not said by "2031"


def test_a_possessive_parts_two_names():
    lexicon = Lexicon([])
    q = analyse("How many towns has Varden's Ferry Line reached?", lexicon)
    assert {n.label for n in names_in_question(q, lexicon)} == {"Varden", "Ferry Line"}


def test_a_name_is_written_in_a_text_as_words_of_its_own():
    from assistant.understand.lexicon import written_in

    assert not written_in("hangzhou", "other cities such as changzhou (1)")  # a longer name that ends the same
    assert not written_in("tour", "tourism grew")
    assert written_in("hangzhou", "hangzhou has 9 companies")
    assert written_in("iberia", "the iberian battery industry")  # its adjective
    assert written_in("norway", "norway's ports")


def test_a_name_does_not_start_with_the_connector_after_the_question_word():
    lexicon = Lexicon([])
    q = analyse("Which of Dunmere Oars and Kelby Rowers finished higher?", lexicon)
    labels = [n.label for n in names_in_question(q, lexicon)]
    assert labels and not any(label[0].islower() for label in labels), labels
