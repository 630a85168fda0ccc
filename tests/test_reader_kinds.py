"""The kind of answer a question wants, on a made-up biography nobody tuned the reader for: life dates give
no place, a figure counts its own noun, a year its paragraph opened on, a ranking told in few words, "which
dates", "going to be", "which official", a works asked as a plant, a fact of another thing, the year before a
split year, a low reached, a relative asked by whose they are, a follow-up that refers back, and a place told in
the sentence a later one refers back to."""

from __future__ import annotations

import pytest

from assistant.answer.types import unit_match
from assistant.understand.lexicon import Entity, Lexicon
from assistant.understand.positions import stated_places
from assistant.understand.question import analyse
from tests.test_reader import pipeline_over

ARTICLE = """Ilse Varga

Ilse Varga (3 May 1871 – 9 October 1950) was a Hungarian astronomer who spent most of her working life in Austria and catalogued more than 4,000 variable stars. She was born in Szeged, and she died in Graz after a short illness.

The worst fire at her observatory broke out on 14 January 1921. Two assistants were hurt and the dome was lost. The official inquiry, led by the engineer Otto Brenner, blamed a faulty stove in the plate store.

In 1930 the Kessel Glass Works, a foundry near Linz, cast the observatory's new telescope mirror. Students and staff mounted 2,400 glass plates in the new archive that year.

The observing campaign of 1932 ran from 4 to 19 March. A second observatory was going to be built on the Schöckl, a mountain north of Graz, but the money ran out.

In 1934 her winter trip to the Alps ended early when she slipped on the ice above the Pasterze Glacier and broke her wrist. The injury never fully healed, and she gave up observing at night.
"""


@pytest.fixture(scope="module")
def varga(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("kinds"), real_embeddings, {"ilse-varga.txt": ARTICLE})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # life dates say when someone died, not where
        pytest.param("Where did Ilse Varga pass away?", "Graz", id="life-dates-give-no-place"),
        # where something happened is read in the sentence a later one refers back to ("The injury never fully healed")
        pytest.param("Where exactly did Ilse Varga get hurt in the Alps?", "Pasterze Glacier", id="place-referred-back-to"),
        # a year its paragraph opened on holds for the sentences after it
        pytest.param("Who led the inquiry into the 1921 fire?", "Otto Brenner", id="year-the-paragraph-opened-on"),
    ],
)
def test_the_sentence_that_gives_the_kind_of_answer_asked_answers(varga, question, expected):
    answer = varga.ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


def test_a_figure_followed_by_its_own_noun_does_not_count_the_word_before_it():
    text = "Students and staff mounted 2,400 glass plates in the new archive that year."
    span = (text.index("2,400"), text.index("2,400") + 5)
    assert not unit_match(text, [span], {"staff"})
    text = "The observatory's staff numbered 2,400 in all."
    assert unit_match(text, [(text.index("2,400"), text.index("2,400") + 5)], {"staff"})


def test_a_ranking_told_in_few_words_states_every_place_it_gives():
    assert stated_places("Graz kept second place in the ranking, with Vienna third and Innsbruck fourth.") == {2, 3, 4}
    assert stated_places("She came second, with the third and fourth runners close behind.") == {2}


def test_which_dates_asks_a_date_going_to_be_a_place_and_which_official_a_person():
    lexicon = Lexicon([])
    assert analyse("Over which dates did the 1932 campaign run?", lexicon).expects == "date"
    assert analyse("Where was the second observatory going to be?", lexicon).expects == "place"
    assert analyse("Where is the observatory's work heading?", lexicon).expects == "text"  # a direction
    assert analyse("Which official led the inquiry?", lexicon).expects == "person"  # someone, as "who" asks
    assert analyse("Which engineer designed the dome?", lexicon).expects == "person"
    assert analyse("Which river runs past the observatory?", lexicon).expects == "entity"


def test_a_works_is_a_plant_whose_name_holds_a_word_of_the_question():
    from assistant.answer.evidence import Judge

    lexicon = Lexicon([Entity("Kessel Glass Works", "organisation"), Entity("Linz Station", "facility")], subject_types={"facility"})
    judge = Judge(None, lexicon, None, None)
    q = analyse("Which glass plant made the mirror?", lexicon)
    assert q.answer_type == "facility"
    text = "In 1930 the Kessel Glass Works, a foundry near Linz, cast the observatory's new telescope mirror."
    assert judge._untyped_names(q, text) == ["Kessel Glass Works"]
    assert judge._untyped_names(analyse("Which steel plant made the mirror?", lexicon), text) == []  # no word of it named


def test_a_fact_looked_up_with_next_to_no_support_answers_nothing(varga, monkeypatch):
    from assistant.answer.base import Proposal
    from assistant.citations import Evidence

    quote = "Students and staff mounted 2,400 glass plates in the new archive that year."
    start = ARTICLE.index(quote)
    evidence = Evidence("ilse-varga", "Ilse Varga", None, start, start + len(quote), quote)

    class Facts:  # a fact of another thing: what the facts engine finds for a question no figure answers
        name = "facts"

        def __init__(self, score):
            self.score = score

        def propose(self, state):
            return Proposal("facts", f"{quote} [1]", [evidence], self.score)

    question = "How many brothers and sisters did Ilse Varga have?"
    monkeypatch.setattr(varga, "_answerers", lambda reader: [Facts(0.1), reader.sentences])
    assert not varga.ask(question).answered
    monkeypatch.setattr(varga, "_answerers", lambda reader: [Facts(0.5), reader.sentences])
    assert varga.ask(question).answered  # a supported look-up still answers


def test_the_year_before_a_split_year_is_said_by_the_year_before():
    from assistant.answer.evidence import _year_before_said

    text = "The archive lent 118 plates a month during 2031-32, compared with 131 the year before."
    assert _year_before_said(text, "2030/2031")
    assert not _year_before_said(text, "2029/2030")
    assert not _year_before_said("The archive lent 118 plates a month during 2031-32.", "2030/2031")


def test_a_low_reached_states_the_lowest_point():
    from assistant.answer.evidence import _conflicts
    from assistant.text import GENERAL, normalize

    q = analyse("On what date did the observatory's stock of plates hit its lowest point?", Lexicon([]))
    reached = normalize("The stock of plates fell to a low of 54 on 29 August 1931.")
    assert not _conflicts(q, reached, reached, GENERAL.related)
    fell = normalize("The stock of plates fell to 54 on 29 August 1931.")
    assert _conflicts(q, fell, fell, GENERAL.related)


def test_a_question_about_someone_s_relative_is_not_answered_by_what_befell_that_someone():
    from assistant.answer.evidence import _relation_unsaid

    asked = "what did varga's husband die of?"
    assert _relation_unsaid(asked, "Varga died of pneumonia at her home in Graz.") == "varga's husband"
    assert _relation_unsaid(asked, "Brenner died in 1924. Varga had married Otto Brenner in 1901.") is None
    assert _relation_unsaid("who were varga's parents?", "She was the only child of a Szeged printer.") is None


def test_people_s_adjectives_name_no_one():
    from assistant.answer.evidence import names_in_question
    from assistant.understand.lexicon import _short_aliases

    society = Entity("Hungarian Astronomical Society", "organisation")
    _short_aliases([society, Entity("Ilse Varga", "person")], set())
    assert "hungarian" not in society.aliases  # "a Hungarian girl" is no mention of the society
    lexicon = Lexicon([society])
    q = analyse("Why did a Hungarian girl end up with a French-sounding first name?", lexicon)
    assert not q.mentions and [n.label for n in names_in_question(q, lexicon)] == ["Hungarian"]


def test_which_explains_gives_a_reason_and_come_from_originally_asks_where_born():
    from assistant.answer.types import REASON_RE
    from assistant.text import words

    assert REASON_RE.search("Her mother had been French, which explains the girl's unusual first name.")
    assert "born" in words("Which town did Varga come from originally?")


def test_one_of_the_most_states_no_extreme():
    from assistant.answer.evidence import _conflicts
    from assistant.text import GENERAL, normalize

    q = analyse("Which observatory has the biggest archive in Austria?", Lexicon([]))
    one_of = normalize("Graz is one of the most important observatories in Austria.")
    assert _conflicts(q, one_of, one_of, GENERAL.related)
    most = normalize("Graz has by far the biggest archive of any observatory in Austria.")
    assert not _conflicts(q, most, most, GENERAL.related)


BURST = """Kilnworth Water annual review

Kilnworth Water supplies 410,000 homes in the Kiln valley. Its reservoirs were full for most of the year.

On 11 March 2031 a trunk main burst beneath Tanner Street in Kilnworth town, leaving 4,100 homes without water for up to 12 hours. It was the largest interruption of the year.

Across the whole year the average time homes spent without water was 9 minutes and 10 seconds, slightly worse than the 8 minutes recorded the year before.
"""


def test_a_follow_up_that_refers_back_is_read_in_the_sentence_just_quoted_on_a_near_tie(tmp_path, real_embeddings):
    water = pipeline_over(tmp_path, real_embeddings, {"kilnworth-water.txt": BURST})
    first = water.ask("Where did the big main burst happen in March?")
    assert "Tanner Street" in first.answer, first.answer
    second = water.ask("How many homes lost their water because of it?", session_id=first.session_id)
    assert "4,100" in second.answer, second.answer
    third = water.ask("How long were they cut off for?", session_id=first.session_id)
    assert third.answered and "12 hours" in third.answer, third.answer
