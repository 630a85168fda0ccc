"""What the chat UI says around an answer: the reading of a follow-up only when it is a sound question,
and who wrote the answers."""

from __future__ import annotations

import pytest

from assistant.citations import Answer
from assistant.ui import render_answer
from assistant.ui_context import first_citation, mode_line, well_formed
from tests.conftest import make_settings

FOLLOW_UP = "And how many does Shanghai have?"


@pytest.mark.parametrize(
    ("rewrite", "asked", "shown"),
    [
        ("How many companies does Shanghai have on the list?", FOLLOW_UP, True),
        ("Which city has the most companies on the Shanghai?", FOLLOW_UP, False),  # "how many" became "which"
        ("How many companies does Beijing have?", FOLLOW_UP, False),  # the name asked about is gone
        ("How many companies does does Shanghai have?", FOLLOW_UP, False),
        ("Shanghai companies on the list", FOLLOW_UP, False),  # not a question
        ("Which companies from Hangzhou were selected?", "杭州有哪些公司入选？", True),  # a translation
        ("In which year was the beacon installed?", "And the beacon?", True),
    ],
)
def test_a_rewrite_is_well_formed_only_when_it_keeps_what_was_asked(rewrite, asked, shown):
    assert well_formed(rewrite, asked) is shown


def test_the_understood_line_is_left_out_for_a_garbled_rewrite():
    garbled = Answer(answer="No.", answered=False, standalone_question="Which city has the most companies on the Shanghai?")
    sound = Answer(answer="No.", answered=False, standalone_question="How many companies does Shanghai have on the list?")
    assert "Understood as" not in render_answer(garbled, FOLLOW_UP)
    assert "Understood as: “How many companies does Shanghai have on the list?”" in render_answer(sound, FOLLOW_UP)


def test_the_header_says_who_writes_the_answers(tmp_path):
    assert "offline reader" in mode_line(make_settings(tmp_path))
    llm = mode_line(make_settings(tmp_path, llm={"provider": "openai", "model": "llama3.1"}))
    assert "<b>llama3.1</b>" in llm and "checked against the sources" in llm


def test_the_first_citation_of_an_answer_is_found_in_its_html():
    html = '<div class="answer">Eleven <a class="cite" href="#cite/report-2026/10/42/1">[1]</a>, twelve [2].</div>'
    assert first_citation(html) == "report-2026/10/42/1"
    assert first_citation('<div class="notice">Not covered by the sources.</div>') is None
