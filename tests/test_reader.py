"""The general reader on an article nobody tuned it for: plain questions, follow-ups, typos and refusals.

A made-up article (so no model knows it beforehand), indexed with the real embedding model, with no
curated facts or glossary: everything the assistant knows of it comes from its text.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import make_settings

ARTICLE = """Varnholm Lighthouse

Varnholm Lighthouse is a stone lighthouse on the island of Skarra, at the mouth of the Teller Fjord. It was designed by the engineer Ingrid Dahl and first lit on 14 March 1871.

The tower is 38 metres tall and its light can be seen from 22 nautical miles away. It was built from local granite because timber was scarce on the treeless island. The original oil lamp was replaced by an electric light in 1932.

The lighthouse was staffed by three keepers until 1986, when the light was automated. Since 2004 the keeper's house has been a museum run by the Skarra Heritage Trust, which welcomes about 9,000 visitors a year.

A Fresnel lens is a compact lens made of concentric rings of glass prisms. It bends light from a lamp into a narrow, powerful beam. Varnholm's first-order Fresnel lens was made in Paris by the workshop of Henri Lepaute.

"Every keeper's log is still on the shelf," said Maja Lind, chair of the trust.

Ingrid Dahl (2 February 1828 – 9 October 1901) also designed the harbour light at Teller.

Storms wrecked four ships on the reefs off Skarra in the winter of 1866. For this reason the harbour board asked the crown for a light on the island.

A rowing race from the harbour to the lighthouse was first held in 1880, with 14 boats. It covered 6 nautical miles, and the winners took just over an hour.

The keepers were often short of fresh water. They therefore collected rain from the roof in a stone cistern.

The island's name comes from Skarr, the old Norse word for "rock". Skarra has no trees and no spring.

The electric lamp of 1932 was installed by the Scottish engineer Ewan Reid and two assistants.

In 1890 the keeper Tomas Berg built a small boathouse below the tower. His wooden rowing boat, bought in Bergen, is still kept there.

Sailors later called the lighthouse "the Grey Widow".

Tomas Berg kept the light for 31 years. However, he found the dark winters on the island hard to bear. As a result, he spent every summer on the mainland.

The western shore of Skarra is much wetter than the eastern one, since it faces the storms of the open sea.

The mason Lars Vik came to the island to rebuild the jetty. He added a crane and two stone slipways at North Cove.

In 2019 the island council set aside £2 million for a Skarra Harbour Renewal Fund. The council's fund pays for repairs to the harbour every spring.

The painter Ola Strand stayed on the island for a summer. The harbour master Nils Aas retired in 1925, and his cottage was later sold.

The keepers once found a shipwrecked fisherman clinging to the northern reef. On 2 November 1902, after a night of gales, they rowed out and brought him ashore.
"""


def pipeline_over(tmp, real_embeddings, articles: dict[str, str]):
    """The offline pipeline over made-up ``articles`` (file name -> text) indexed under ``tmp``, nothing curated."""
    from assistant.chain import build_pipeline
    from assistant.indexer import run_index
    from assistant.store import Store

    corpus = tmp / "corpus"
    (corpus / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (corpus / "articles" / name).write_text(text, encoding="utf-8")
    settings = make_settings(tmp, corpus=corpus)
    store = Store(settings.store)
    run_index(settings, real_embeddings, store)
    return build_pipeline(settings, embeddings=real_embeddings, store=store)


@pytest.fixture(scope="module")
def lighthouse(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("reader"), real_embeddings, {"varnholm.txt": ARTICLE})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who designed Varnholm Lighthouse?", "Ingrid Dahl"),
        ("When was the lighthouse first lit?", "14 March 1871"),
        ("How tall is the tower?", "38 metres"),
        ("How far away can its light be seen?", "22 nautical miles"),
        ("Why was the lighthouse built of granite?", "timber was scarce"),
        ("When was the light automated?", "1986"),
        ("How many visitors does the museum get each year?", "9,000"),
        ("Who runs the museum?", "Skarra Heritage Trust"),
        ("Where is Varnholm Lighthouse?", "Skarra"),
        ("Where was the Fresnel lens made?", "Paris"),
    ],
)
def test_plain_questions_are_answered_with_the_sentence_that_says_so(lighthouse, question, expected):
    answer = lighthouse.ask(question)
    assert answer.answered, answer.answer
    assert expected in answer.answer
    assert len(answer.answer) < 500
    assert answer.citations and all(c.source == "varnholm" for c in answer.citations)


def test_a_sentence_saying_he_is_quoted_with_the_one_naming_him_when_the_question_names_no_one(lighthouse):
    answer = lighthouse.ask("Which craftsman gave the jetty its crane and slipways?")
    assert answer.answered, answer.answer
    assert "Lars Vik" in answer.answer and "slipways" in answer.answer


def test_his_after_another_person_s_name_is_that_person_s(lighthouse):
    # the sentence before names Ola Strand, but "his cottage" is Nils Aas's: nothing says when Strand retired
    answer = lighthouse.ask("When did Ola Strand retire?")
    assert not answer.answered, answer.answer


def test_what_a_thing_is_called_is_answered_by_the_sentence_giving_its_name(lighthouse):
    answer = lighthouse.ask("What is the council's harbour fund called?")
    assert answer.answered and "Skarra Harbour Renewal Fund" in answer.answer, answer.answer


def test_a_name_referred_back_to_by_its_head_noun_is_named(lighthouse):
    # the sentence says "the trust", not "Skarra Heritage Trust": the name's head noun refers back to it
    answer = lighthouse.ask("Who is the chair of the Skarra Heritage Trust?")
    assert answer.answered, answer.answer
    assert "Maja Lind" in answer.answer


def test_dates_in_brackets_after_a_name_are_its_birth_and_death(lighthouse):
    born = lighthouse.ask("When was Ingrid Dahl born?")
    assert born.answered and "2 February 1828" in born.answer, born.answer
    died = lighthouse.ask("When did Ingrid Dahl die?")
    assert died.answered and "9 October 1901" in died.answer, died.answer
    other = lighthouse.ask("When did Henri Lepaute die?")  # the life in brackets is Dahl's
    assert not other.answered, other.answer
    # the article names him elsewhere, so a refusal must not claim it says nothing about him
    assert "nothing in them about Henri Lepaute" not in other.answer
    # a date of his that is no birth's or death's says nothing of either
    for question in ("When did Ewan Reid die?", "Where was Tomas Berg born?"):
        answer = lighthouse.ask(question)
        assert not answer.answered and "nothing in them about the " in answer.answer, answer.answer
    keeper = lighthouse.ask("How many visitors did Tomas Berg welcome?")
    assert keeper.answer == "The sources don't say: they mention Tomas Berg, but not in a way that answers this.", keeper.answer


def test_a_definition_gets_more_than_one_sentence(lighthouse):
    answer = lighthouse.ask("What is a Fresnel lens?")
    assert answer.answered
    assert "concentric rings" in answer.answer and "narrow, powerful beam" in answer.answer


def test_a_misspelt_name_is_read_as_the_corpus_spells_it(lighthouse):
    answer = lighthouse.ask("Who designed Varnholn Lighthouse?")
    assert answer.answered, answer.answer
    assert "Ingrid Dahl" in answer.answer
    assert "Varnholm" in answer.standalone_question


def test_a_word_the_article_never_uses_is_no_reason_to_refuse(lighthouse):
    answer = lighthouse.ask("What material was the lighthouse constructed out of?")
    assert answer.answered, answer.answer
    assert "granite" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Who designed the Brannoy Lighthouse?",  # a lighthouse the article does not mention
        pytest.param(
            "When was the lighthouse painted red?",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known limit: the words it lacks are what it asks about, and the closest sentence has a date; "
                "the evidence score cannot tell this from a paraphrase ('constructed out of' for 'built from')",
            ),
        ),
        "How much did it cost to build the tower?",
        "What is the population of Skarra?",
        "Who founded the Skarra Heritage Trust?",
        "What is the average number of visitors a month?",  # "about 9,000 visitors a year" is no average  # "Since 2004 ... run by the trust" names no founder
    ],
)
def test_questions_the_article_does_not_answer_are_declined(lighthouse, question):
    answer = lighthouse.ask(question)
    assert not answer.answered, answer.answer
    assert not answer.citations
    assert answer.answer.startswith("The sources don't say")
    if "Brannoy" in question:
        assert "found nothing in them about Brannoy Lighthouse" in answer.answer, answer.answer


def test_a_capitalised_word_the_article_writes_in_another_form_is_no_unknown_name(lighthouse):
    answer = lighthouse.ask("How many ships did the Storm wreck off Skarra?")  # the article says "Storms"
    assert answer.answered and "four" in answer.answer, answer.answer


def test_a_follow_up_is_answered_in_the_context_of_the_conversation(lighthouse):
    first = lighthouse.ask("Who designed Varnholm Lighthouse?")
    second = lighthouse.ask("When was it first lit?", session_id=first.session_id)
    assert second.answered and "1871" in second.answer


def test_a_follow_up_that_only_asks_is_answered_from_the_sentence_just_quoted(lighthouse):
    for question, follow_up, expected in [
        ("How many keepers staffed the lighthouse?", "Until when?", "1986"),
        ("Who designed Varnholm Lighthouse?", "When?", "1871"),
        ("Who runs the museum?", "Since when?", "2004"),
    ]:
        first = lighthouse.ask(question)
        second = lighthouse.ask(follow_up, session_id=first.session_id)
        assert second.answered and expected in second.answer, (follow_up, second.answer)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Why did the harbour board ask for a light on the island?", "Storms wrecked four ships"),  # "For this reason ..."
        ("Why did the keepers collect rain from the roof?", "short of fresh water"),  # "They therefore ..."
        # "However, he found ... As a result, he ...": he is the one the sentence before that names
        ("Why did Tomas Berg spend his summers on the mainland?", "dark winters"),
        # "the west coast" is "the western shore"; that it is wetter than the eastern one is no other side
        ("Why does the west coast of the island get more rain?", "storms of the open sea"),
    ],
)
def test_a_sentence_giving_this_reason_is_quoted_with_the_reason_before_it(lighthouse, question, reason):
    answer = lighthouse.ask(question)
    assert answer.answered and reason in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a sentence opening with a pronoun is about what the sentence before it names
        ("How long was the race first held in 1880?", ["6 nautical miles"]),
        # a sentence about his or her thing is quoted with the sentence naming them
        ("Who owned the wooden rowing boat?", ["Tomas Berg", "His wooden rowing boat"]),
        # what a name means is answered by the sentence that glosses it
        ("What does Skarr mean?", ["rock"]),
        # what nationality is answered by the people's adjective
        ("What nationality was Ewan Reid?", ["Scottish"]),
        # a name asked for is given by the sentence that calls it so
        ("What nickname did sailors give the lighthouse?", ["Grey Widow"]),
    ],
)
def test_what_the_sentence_before_or_a_gloss_gives_is_read(lighthouse, question, expected):
    answer = lighthouse.ask(question)
    assert answer.answered and all(e in answer.answer for e in expected), answer.answer


def test_a_date_the_next_sentence_opens_with_dates_what_the_best_sentence_tells(lighthouse):
    answer = lighthouse.ask("When did the keepers find the shipwrecked fisherman?")
    assert answer.answered and "2 November 1902" in answer.answer and "found a shipwrecked fisherman" in answer.answer


def test_a_sentence_whose_article_never_names_what_is_asked_does_not_answer_for_it(tmp_path, real_embeddings):
    # "win" is in every sentence of the rowing article, which never mentions the medal; the glassworks
    # article names it with another verb ("shared"): the answer is read there, not refused
    articles = {
        "rowing.txt": "Orsund Rowing Club\n\nThe Orsund Rowing Club was founded in 1889 on the shore of Lake Orsund. Its crews won "
        "their first regatta in 1902 and won the national title in 1921 and again in 1934. The club won the Lakes Trophy nine "
        "times between 1950 and 1990.\n",
        "glass.txt": "Brekke Glassworks\n\nBrekke Glassworks is a glass factory in the town of Brekke. It was opened in 1872 by "
        "the merchant Olav Brekke. The glassworks shared the Halden Medal for design with two other firms in 1958. Its blue "
        "bottles are sold across the country.\n",
    }
    answer = pipeline_over(tmp_path, real_embeddings, articles).ask("What year did they win the Halden Medal?")
    assert answer.answered, answer.answer
    assert "1958" in answer.answer
    assert [c.source for c in answer.citations] == ["glass"]


def test_a_question_that_names_nothing_is_answered_from_each_article_that_answers_it_alike(tmp_path, real_embeddings):
    articles = {
        "heron.txt": "Marsh heron\n\nThe marsh heron is a wading bird of the northern lakes. It feeds on fish and frogs. The "
        "female lays three to five eggs in March, and both parents feed the young.\n",
        "swan.txt": "Lake swan\n\nThe lake swan is a large white bird of the northern lakes. It feeds on water plants. The female "
        "lays a clutch of about six eggs in April, and the male guards the nest.\n",
    }
    pipeline = pipeline_over(tmp_path, real_embeddings, articles)
    either = pipeline.ask("How many eggs does the female lay?")  # of which bird, the question does not say
    assert either.answered and "three to five" in either.answer and "six" in either.answer, either.answer
    assert sorted(c.source for c in either.citations) == ["heron", "swan"]
    swan = pipeline.ask("How many eggs does the swan lay?")  # its words point to one article
    assert swan.answered and "six" in swan.answer and [c.source for c in swan.citations] == ["swan"], swan.answer


REVIEW = """Harbour review 2031

The Ostrel Harbour Review, published in May 2031, looks at the port's first decade under public ownership.

The review identifies three lasting changes that make 2031 a landmark year:

  1. Cargo goes electric. Cranes and quay vehicles now run on power from the grid.
  2. Rail takes the lead. Most containers now leave the port by train.
  3. Ships plug in at berth. Shore power cut the harbour's emissions by a third.

Traffic grew by 4% in 2031, to 12 million tonnes.
"""


def test_what_are_the_things_counted_is_answered_with_the_things_not_their_number(tmp_path, real_embeddings):
    review = pipeline_over(tmp_path, real_embeddings, {"review.txt": REVIEW})
    answer = review.ask("What are the lasting changes that make 2031 a landmark year?")
    assert all(change in answer.answer for change in ("Cargo goes electric", "Rail takes the lead", "Ships plug in at berth")), (
        answer.answer
    )


FERRIES = """Ferries of the Teller coast

Harwick Shipping is a ferry company based in Northport. Harwick Shipping’s operations director, Mara Olsen, said in an interview that the harbour suits small ferries.

Speaking about the winter season, Mara Olsen noted that storms close the port for about ten days a year. She also said that their fleet has grown to 14 ferries since 2020.

Tern Lines, the other operator on the coast, runs 6 ferries from Eastbay.
"""


def test_what_a_company_s_director_says_next_speaks_for_the_company(tmp_path, real_embeddings):
    ferries = pipeline_over(tmp_path, real_embeddings, {"ferries.txt": FERRIES})
    # "She ... their fleet" after Mara Olsen's name: the facts tie her to Harwick Shipping
    answer = ferries.ask("How many ferries does Harwick Shipping's fleet have?")
    assert answer.answered and "14 ferries" in answer.answer, answer.answer


def test_a_year_is_in_its_decade_as_questions_write_it():
    from assistant.text import decades, stem

    assert decades("who in 1946 argued") == {"1940s", "40s", stem("forties")}  # "in the forties"
    assert not decades("about 9,000 visitors")


def test_a_year_across_two_is_said_by_itself_or_by_either_year_alone():
    from assistant.answer.evidence import _says_year, _years_asked

    assert _years_asked("leakage in 2021/22 and in 2024?") == ("2021/2022", "2024")
    assert _says_year("2021/2022", "in 2021-22") and _says_year("2021/2022", "Annual Review 2022")
    assert not _says_year("2021/2022", "down from 186 in 2022/23") and not _says_year("2021/2022", "in 2020/2021")


def test_a_close_runner_up_that_names_more_of_the_question_and_holds_the_reason_is_chosen():
    from assistant.answer.evidence import Features
    from assistant.answer.reader import Ranked, Sentence, chosen
    from assistant.chunking import Span
    from assistant.corpus import Article
    from assistant.understand.lexicon import Lexicon
    from assistant.understand.question import analyse

    article = Article(id="marek", title="Ivo Marek", text="x")

    def candidate(score, **features):
        base = dict(dense=0.5, passage=0.5, lexical=1.0, context=1.0, names=0.5, typed=0.0, novel=1.0)
        return Ranked(Sentence(article, Span(0, 1, "x"), 0), Features(**(base | features)), score)

    q = analyse("Why did Marek quit the Lumen Works?", Lexicon([]))
    other_post = candidate(3.3, names=0.25, absent=("Lumen Works",))  # "Marek quit his post at a mill ..."
    reason = candidate(3.0, names=0.6, typed=1.0)  # "Within a year he quit because the company refused ..."
    assert chosen(q, [other_post, reason]) is reason
    assert chosen(q, [other_post, candidate(3.0, names=0.6, typed=0.6)]) is other_post  # holds no reason: no switch
    assert chosen(q, [other_post, candidate(3.0, names=0.6, typed=1.0, context=0.0)]) is other_post  # says none of it
    assert chosen(q, [other_post, candidate(2.5, names=0.6, typed=1.0)]) is other_post  # too far behind
    # "on what date": a year alone, beside an as good sentence that gives the day
    when = analyse("On what date was the Lumen Works opened?", Lexicon([]))
    year, day, far = (
        replace(candidate(score, typed=typed, names=1.0), spans=[(0, 1)]) for score, typed in ((3.02, 0.6), (3.0, 1.0), (3.5, 0.6))
    )
    assert chosen(when, [year, day]) is day and chosen(when, [far, day]) is far
    # "how many specimens?": "31 species" is a figure of something else, beside a close one of the specimens
    count = analyse("How many specimens did the Lumen expedition collect?", Lexicon([]))
    species, specimens = (replace(candidate(score, typed=typed, names=1.0), spans=[(0, 1)]) for score, typed in ((3.04, 0.0), (2.99, 1.0)))
    assert chosen(count, [species, specimens]) is specimens
    # "where is it?": a place it may be declared ("a Protected Zone") beside a close sentence that places it
    where = analyse("Where is the Lumen Works?", Lexicon([]))
    declared, placed = (replace(candidate(score, typed=typed, names=1.0), spans=[(0, 1)]) for score, typed in ((3.0, 0.6), (2.8, 1.0)))
    assert chosen(where, [declared, placed]) is placed
    unknown = candidate(3.0, typed=0.5, names=1.0)  # names of no known kind ("the Angara"), which may be the place asked
    assert chosen(where, [unknown, placed]) is unknown


RESULTS = """Orrin Ferries results 2031

Orrin Ferries is a ferry company based in Northport. Its chief executive is Lena Brandt.

The company's finance officer, Omar Pike, told shareholders that the fleet's fuel bill rose. Fleet leader Ruth Sande praised the crews.

Captain Ivo Lund retired as fleet master in June. Captain Mira Holt took over as fleet master on 1 July.

Revenue rose by 5 percent to £80.2 million, compared with £76.4 million in 2030.

Harbour Line remained the busiest route, with 1.4 million passengers. The Eastbay night service, launched in May, carried 95,000 passengers in its first months.

A gale struck the coast between 12 and 15 November 2031. Winds of up to 80 miles per hour forced the cancellation of 40 sailings.

In total the fleet comprises 11 ships. Harbour Line uses 4 ships and the Eastbay night service 2 ships.

Kelby depot repairs

On 3 March a storm tore away part of the roof of the Kelby depot. Rain reached the ticket office and the staff room. The repairs cost £40,000 and took six weeks.

The Harlan Cross Depot will open in 2032.

New depot at Harlan Cross

Building work began in May 2031. Two cranes arrived in June. The project cost £2.1 million, paid by the council.

Board chair Tom Ekdal opened the meeting. Finance director Asha Rey said that costs rose.

The company's founder was the shipwright Anton Kell. In 1998 he built the first ferry, a wooden launch called the Gull.

Adult season tickets for next season will cost £300, while concession prices are frozen.

The company hired 60 new deckhands, most of them from Vestland and Ostmark.

The 2029 strike

Crews walked out for three days over pay. In all, 120 sailings were lost.

The staff rowing crew finished the Northport regatta in fourth place.

In August a fuel pipe burst in the engine room of the Gull. The result was a fire that kept the old launch in dock for a month.

Wages for deckhands rose by 4 percent under a pay deal agreed in March.

Key figures:
- Freight carried: 9,850 tonnes (2030: 10,260 tonnes)
- Sailings on time: 88% (2030: 93%)

Punctuality slipped, with 88% of sailings leaving on time. The harbour master blamed the long closure of the north berth for repairs.
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("results"), real_embeddings, {"orrin.txt": RESULTS})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who is the CEO of Orrin Ferries?", "Lena Brandt"),  # a general abbreviation the article writes out
        ("How many crossings were cancelled because of the gale?", "40 sailings"),  # "12 and 15 November" are days
        ("Which route carries the most passengers?", "Harbour Line"),  # "the busiest route" states the extreme
        ("How many ships does the company run altogether?", "11 ships"),  # the total the article states
        ("What was the company's turnover in 2031?", "£80.2 million"),  # turnover is revenue, an amount of money
        ("How much did fixing the roof of the Kelby depot cost?", "£40,000"),  # the heading of its section names the depot
        ("What was the cost of the Harlan Cross Depot?", "£2.1 million"),  # the heading names it without its kind word
        ("Who is the leader of the fleet?", "Ruth Sande"),  # not the finance officer, who holds another role
        ("Who replaced Ivo Lund as fleet master?", "Mira Holt"),  # a sentence naming the successor, not him
        ("Who is Orrin's finance director?", "Asha Rey"),  # a board chair is no finance director
        ("Who built the Gull?", "Anton Kell"),  # "In 1998 he built ... the Gull": he is named the sentence before
        ("What will an adult season ticket cost next year?", "£300"),  # a club's next season is its next year
        ("Which region did most of the new deckhands come from?", "Vestland"),  # a majority, not a superlative
        ("How many sailings were lost in the 2029 strike?", "120"),  # the heading of its section gives the year
        ("What place did the rowing crew finish in the regatta?", "fourth place"),  # a position, not a place
        ("Why was the Gull kept in dock for a month?", "fuel pipe burst"),  # "The result was ...": the cause is before
        ("By how much did deckhands' wages go up?", "4 percent"),  # a change in money, said as a percentage
        ("How much freight was carried in 2031?", "9,850 tonnes"),  # a list's figure against the year before's is of 2031
        ("What caused the drop in on-time sailings?", "north berth"),  # what happened, then the sentence giving why
    ],
)
def test_general_english_a_results_statement_writes_otherwise(results, question, expected):
    answer = results.ask(question)
    assert answer.answered and expected in answer.answer, answer.answer
    assert "17" not in answer.answer  # the stated total is not summed again with its parts


def test_what_is_happening_to_a_thing_asks_to_describe_it(results):
    from assistant.answer.reader import DESCRIBE

    assert DESCRIBE.match("what's happening to the park and ride?") and DESCRIBE.match("what happened to the depot?")
    answer = results.ask("What happened to the Kelby depot?")
    assert answer.answered and "storm" in answer.answer and "Rain reached" in answer.answer, answer.answer


def test_what_the_headline_names_is_what_the_articles_sentences_are_about(tmp_path, real_embeddings):
    articles = {
        "ferry.txt": "The Coast Gazette\n\nHARLEN FERRIES SAILS INTO PROFIT\n\nHarlen Ferries, which runs four routes across "
        "the bay, returned to profit in the year to March after two years of losses. Passenger numbers rose by a tenth over a "
        "busy summer.\n\nOutlook\n\nChief "
        "executive Mara Voss said the new timetable had won back commuters. Ticket sales rose 9% to 1.4 million. The fleet "
        "will gain a fifth vessel in 2027.\n",
        "park.txt": "Tollan Park\n\nTollan Park is a public park in the town of Tollan. It was laid out in 1890 and has a "
        "bandstand, a lake and a rose garden. The park is run by a trust of volunteers.\n",
    }
    pipeline = pipeline_over(tmp_path, real_embeddings, articles)
    # the sentence names her; the headline (not the heading of its section), the company
    answer = pipeline.ask("Who is the chief executive of Harlen Ferries?")
    assert answer.answered and "Mara Voss" in answer.answer, answer.answer
    assert not pipeline.ask("Who is the chief executive of Tollan Park?").answered  # named only in its own article's title


def test_a_sentence_of_an_article_set_in_a_place_is_about_that_place_unless_it_names_another(tmp_path, real_embeddings):
    text = (
        "Tarn Water annual report 2030\n\nTarn Water, the utility that supplies drinking water to the city of Norvik, "
        "published its report for 2030 on 2 March 2031. It serves about 90,000 people.\n\nNetwork\n\nLeakage fell to 12% "
        "from 15%. The number of pipe bursts also fell, to 640 from 710 the year before. In the town of Aldby, which buys "
        "water from the utility, bursts rose to 95.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"water.txt": text})
    answer = pipeline.ask("How many pipe bursts were there in Norvik in 2030?")  # the first paragraph sets it there
    assert answer.answered and "640" in answer.answer and "95" not in answer.answer, answer.answer
    answer = pipeline.ask("How many pipe bursts were there in Aldby?")
    assert answer.answered and "95" in answer.answer and "640" not in answer.answer, answer.answer


def test_a_sentence_that_opens_with_another_town_is_not_about_the_town_named_before_it(tmp_path, real_embeddings):
    text = (
        "Lake towns tourism 2024\n\nThe Ostrel lakes region recorded 2.1 million overnight stays in 2024. Overnight stays by "
        "town were:\n\n- Borvik: 410,000\n- Dunmere: 380,000\n- Kelsa: 250,000\n\nStays in Borvik rose by 15%, helped by a "
        "new ferry. Dunmere was the only town to record a decline, because its largest hotel, with 240 rooms, was closed for "
        "renovation. Kelsa grew by 4%.\n\nThe region has 312 hotels with a total of 28,400 beds.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"lakes.txt": text})
    answer = pipeline.ask("How many hotels are there in Borvik?")  # a list of towns is no headline naming its subject
    assert not answer.answered, answer.answer


def test_a_why_question_reads_the_reason_given_after_the_sentence_that_says_what_happened():
    from assistant.answer.evidence import Features
    from assistant.answer.reader import Ranked, SentenceReader
    from assistant.corpus import Article
    from assistant.understand.lexicon import Lexicon

    text = (
        "- On-time departures: 79.5% (2030: 84.0%)\n\n"
        "Punctuality slipped to 79.5%. Operations director Jonas Brekke blamed a shortage of baggage handlers."
    )
    article = Article("tarnby", "Tarnby results", text)
    reader = SentenceReader({"tarnby": article}, Lexicon([]), None, None)
    label, slipped, blamed = (reader.neighbour(reader.sentence_at("tarnby", 0), i) for i in range(3))

    def ranked(sentence, score, **features):
        base = dict(dense=0.5, passage=0.5, lexical=0.5, context=0.5, names=1.0, typed=0.0, novel=1.0)
        return Ranked(sentence, Features(**(base | features)), score)

    best = ranked(label, 3.0)
    stated, reason = ranked(slipped, 2.7, lexical=0.2), ranked(blamed, 1.5, lexical=0.0, typed=1.0)
    assert reader._explained(best, [best, stated, reason]) == (stated, reason)
    # a sentence sharing no word of the question is no statement of what is asked about
    assert reader._explained(best, [best, ranked(slipped, 2.7, lexical=0.0), reason]) == (best, None)
    # nor one far behind the best
    assert reader._explained(best, [best, ranked(slipped, 2.0, lexical=0.2), reason]) == (best, None)
    # a next sentence giving no reason explains nothing
    assert reader._explained(best, [best, stated, ranked(blamed, 1.5, typed=0.0)]) == (best, None)


def test_a_figure_given_against_the_season_before_s_is_of_the_season_after_it():
    from assistant.answer.evidence import _against_year_before

    text = "Albion finished the season with 84 points, up from 61 points and a 14th-place finish in 2030-31."
    assert _against_year_before(text, "2031/2032", None)
    assert not _against_year_before("Albion had 61 points in 2030-31.", "2031/2032", None)


def test_a_figure_given_against_the_year_before_s_is_of_the_year_after_it():
    from assistant.answer.evidence import _against_year_before

    assert _against_year_before("- Bursts repaired: 1,137 (2022: 1,592)", "2023", 2024)
    assert _against_year_before("Revenue rose 16 percent to £38.6 million, from £33.2 million in 2023.", "2024", 2025)
    assert not _against_year_before("- Bursts repaired: 1,137 (2022: 1,592)", "2023", 2030)  # a report of another year
    assert not _against_year_before("In 2022 crews repaired 1,592 bursts.", "2023", 2024)  # the figure of 2022 itself
    assert not _against_year_before("- Bursts repaired: 1,137 (2021: 1,592)", "2023", 2024)


@pytest.mark.parametrize(
    ("question", "parsed"),
    [
        ("Which was the bigger sum: the loan or the price?", ("Which was the bigger sum", "the loan", "the price", "more")),
        (
            "Did more workers die under the French or under the Americans?",
            ("Did more workers die ", "under the French", "under the Americans", "more"),
        ),
        ("What happened first - the opening or the first show?", ("What happened first", "the opening", "the first show", "first")),
        (
            "In which year were fewer flights cancelled, 2030 or 2031?",
            ("In which year were fewer flights cancelled", "2030", "2031", "less"),
        ),
        ("Who designed it, Dahl or Reid?", None),  # no comparison
        ("Is it bigger or smaller?", None),  # no two things
    ],
)
def test_a_comparison_of_two_things_is_read_as_its_frame_and_two_sides(question, parsed):
    from assistant.answer.sides import two_sides

    assert two_sides(question) == parsed


SIDES = """Harbour works at Skarra

In 1871 the harbour board lent the lighthouse trust £24,000 for the tower. In 1902 the crown bought the keeper's house for £9,500, and the keepers moved into the village.

The pier at Skarra was built in 1874. The island's chapel was built in 1851 by the fishermen.

The first ferry to Skarra sailed on 3 May 1880. The island's post office opened on 12 June 1879, in the harbour master's cottage.

Storms sank 14 boats in the winter of 1866. An estimated 40 fishermen drowned in the storms of 1866. Only 6 fishermen drowned in the storms of 1899, after the new light was lit.

Ingrid Holm and her husband Anton Holm ran the island's boatyard. In December 1868 they launched a larger boat, the Tern, named after the seabird. In July 1868 they launched a fishing smack called the Gull.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which was the bigger sum: the loan for the tower or the price the crown paid for the house?", ("£24,000", "£9,500", "loan")),
        ("What came first, the first ferry or the post office?", ("12 June 1879", "3 May 1880", "post office")),
        ("Which was built earlier, the pier or the chapel?", ("1851", "1874", "chapel")),
        ("Did more fishermen drown in the storms of 1866 or in the storms of 1899?", ("40 fishermen", "6 fishermen", "1866")),
        # a family by its name in the plural; a month and a year are one date ("July 18" is no day)
        ("Which did the Holms launch first, the Tern or the Gull?", ("July 1868 [1]", "December 1868 for", "gull")),
    ],
)
def test_which_of_two_things_is_larger_or_earlier_is_read_from_a_sentence_for_each(sides, question, expected):
    answer = sides.ask(question)
    winner, loser, name = expected
    assert answer.answered and answer.answer.index(winner) < answer.answer.index(loser), answer.answer
    assert name in answer.answer.split(":")[0].lower(), answer.answer


@pytest.fixture(scope="module")
def sides(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("sides"), real_embeddings, {"skarra.txt": SIDES})


@pytest.mark.parametrize(
    ("article", "question", "expected"),
    [
        # "Finished in 1871, it was ..." refers back too: "It was designed by ..." leans on the sentence naming both banks
        (
            "Orm Bridge\n\nThe Orm Bridge is a stone bridge over the Orm, joining Kettleby on the west bank with Sallow "
            "on the east bank. Finished in 1871, it was the first bridge across the lower river. It was designed by the "
            "engineer Edda Brask, and her brother Jon Brask served as its resident engineer.\n",
            "Who was the engineer behind the bridge between Kettleby and Sallow?",
            "Edda Brask",
        ),
        # a name its paragraph wrote a few sentences before is what a sentence speaks of
        (
            "Tunnelling\n\nDahl's shield was a cast-iron frame built at Lambeth. It held 36 cells. A miner in each cell "
            "dug a few inches at a time. The original shield weighed about 80 tonnes.\n\nThe later frame of the Orm tunnel weighed 140 tonnes.\n",
            "How heavy was Dahl's first shield?",
            "80 tonnes",
        ),
        # "Thanks to her campaign ..." is quoted with the sentence naming her
        (
            "The Orm canal\n\nWork on the canal began in 1904. Meanwhile the chief medical officer, Dr Ilse Marr, drained "
            "the swamps and screened the houses. Thanks to her campaign against mosquitoes, the fever had gone from the valley by 1906.\n",
            "which doctor got rid of the fever in the valley",
            "Ilse Marr",
        ),
        # what a thing is is said by the words after its name, not by a figure the facts give of it
        (
            "Kelby Water results\n\nKelby Water cut leakage by a fifth in 2031. Ivo Lund, head of network operations, said "
            "the utility had also installed 2,300 acoustic loggers, small listening devices fixed to valves that pick up the noise "
            "of escaping water.\n",
            "What exactly is an acoustic logger?",
            "listening devices",
        ),
        # a why-question's reason, however the sentence refers back:
        # "the company" after a paragraph about the company names it; "Brel" is its founder, not another firm
        (
            "Anode makers 2031\n\nAt the top of the list is Voltiq, a Lyon-based developer of silicon anode materials "
            "founded in 2018 by chemist Ana Brel. The company raised €80 million in March.\n\nBrel said the company chose "
            "silicon because it stores more charge than graphite.\n",
            "Why did Voltiq choose silicon over graphite?",
            "stores more charge",
        ),
        # "him" after a paragraph naming the surveyor: the guides, whom the question names too, are no other person
        (
            "The Orm survey\n\nThe survey was led by the geologist Piet Varga. Varga had read of the landslide in old "
            "papers. His first trip reached the valley in 1931. Local Saami guides were at first unwilling to lead him "
            "across the glacier, because they believed it was cursed.\n",
            "Why didn't the Saami guides want to lead Varga across the glacier?",
            "cursed",
        ),
        # ", so ..." gives the reason before it (a reason, where the question's words are few in the sentence)
        (
            "The Orm crossing\n\nThe team reached the coast in late October. The last boat of the year had already left, "
            "so the five men spent the winter in the village, where Varga learned the language.\n",
            "Why did the expedition members have to stay the winter there?",
            "last boat",
        ),
    ],
)
def test_a_sentence_leans_on_what_the_sentences_before_it_name(tmp_path, real_embeddings, article, question, expected):
    answer = pipeline_over(tmp_path, real_embeddings, {"article.txt": article}).ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


def test_who_did_a_thing_is_answered_by_the_one_who_did_it_not_by_another_name_beside_the_verb(tmp_path, real_embeddings):
    article = (
        "Orm Concert Hall\n\nThe Orm Concert Hall is a performing arts venue with several stages, standing on the harbour "
        "of Eastbay. Its roof, a wave of copper panels, has made it one of the best known buildings of the region. It was "
        "designed by the Finnish architect Aino Lahti, formally opened in 1981, and listed as a monument on 2 June 2009.\n\n"
        "Construction\n\nWork began in 1975 and ran six years late. King Olav V formally opened the building on 3 May 1981, "
        "in a ceremony watched by large crowds on the quay.\n"
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"orm.txt": article}).ask("Who officially opened the Orm Concert Hall?")
    assert answer.answered and "Olav" in answer.answer and "Lahti" not in answer.answer, answer.answer


def test_a_relative_with_a_double_barrelled_name_is_not_the_person_asked_about(tmp_path, real_embeddings):
    article = (
        "Ilse Marr\n\nIlse Marr was a Danish chemist who studied salts. She was the first woman to win the Orm Medal, "
        "in 1921.\n\nFamily\n\nMarr married the painter Olaf Berg in 1912. Ann Berg-Marr, their daughter, won the Orm "
        "Medal in 1950 for her work on glass.\n"
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"marr.txt": article}).ask("When did Ilse Marr win the Orm Medal?")
    assert answer.answered and "1921" in answer.answer and "1950" not in answer.answer, answer.answer


def test_what_exactly_is_asks_to_describe():
    from assistant.answer.reader import DESCRIBE

    assert DESCRIBE.match("what exactly is an acoustic logger?")


def test_a_heading_is_never_the_answer(tmp_path, real_embeddings):
    article = (
        "---\nid: ferry\ntitle: Skarra ferries\n---\n# Skarra ferries\n\n## Transfer to Skarra and expansion\n\n"
        "In 1977 the council handed the ferry service to the Skarra Trust, which bought two new boats in 1981.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"ferry.md": article})
    answer = pipeline.ask("What about the transfer to Skarra and expansion?")
    assert "##" not in answer.answer and "Transfer to Skarra and expansion [1]" not in answer.answer, answer.answer


def test_a_heading_that_holds_the_answer_leads_to_the_sentence_of_its_section_that_says_it(tmp_path, real_embeddings):
    article = (
        "Ada Brel\n\nAda Brel was a Welsh botanist who drew the ferns of the Gwent valleys.\n\n"
        "Ada's marriage to Tomas Vey\n\nIn 1902 Ada met Tomas Vey, a surveyor who mapped the valleys of Gwent. "
        "The two shared a love of the hills.\n\nLater work\n\n"
        "The survey's report named only Tomas and Hugh Penn; Tomas insisted that his wife's drawings be credited too.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"ada-brel.txt": article})
    answer = pipeline.ask("Who was Ada Brel's husband?")
    assert answer.answered and "In 1902 Ada met Tomas Vey" in answer.answer, answer.answer


FERRY_SURVEY = """Ferry traffic on the Tal estuary

Passenger numbers on the Tal estuary ferries rose by 4% in 2030, according to the annual Tal Valley Ferry Survey, \
which was compiled by the Varn Ferry Association (VFA), a trade body founded in 1990 that represents eleven operators.

The survey's author, Dr. Huw Penn, said the rise came mostly from weekend travellers.

Fuel costs rose by a fifth over the year. The VFA's president, Gwen Idris, urged the council to cut harbour dues.
"""


def test_who_heads_the_body_that_did_something_is_asked_of_the_body_by_name_and_both_sentences_are_quoted(tmp_path, real_embeddings):
    pipeline = pipeline_over(tmp_path, real_embeddings, {"tal.txt": FERRY_SURVEY})
    answer = pipeline.ask("Who heads the trade body that compiled the ferry survey?")
    assert answer.answered and "Gwen Idris" in answer.answer, answer.answer
    assert answer.standalone_question == "Who heads Varn Ferry Association?"
    assert any("compiled by the Varn Ferry Association" in c.quote for c in answer.citations), answer.answer
    # the body named in full is the one its acronym names
    assert "Gwen Idris" in pipeline.ask("Who heads the Varn Ferry Association?").answer
    # a question answered with a name in one step is not asked again in two
    direct = pipeline.ask("Who wrote the survey that found the rise?")
    assert "Huw Penn" in direct.answer and direct.standalone_question == "Who wrote the survey that found the rise?"


def test_a_person_the_answer_names_by_surname_is_named_in_full_first(tmp_path, real_embeddings):
    article = (
        "Blue salt of Varn\n\nThe blue salt of Varn is a copper mineral found in the sea caves of the Varn coast.\n\n"
        "Margaret Hale, a chemist from Aarhus, spent the summer of 1911 mapping the caves with two students.\n\n"
        "One morning Hale noticed that the white crust on the cave walls had turned blue overnight.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"salt.txt": article})
    answer = pipeline.ask("Who noticed the crust turning blue?")
    assert answer.answer.startswith("Margaret Hale: One morning Hale noticed"), answer.answer


CHEESE_REPORT = """Tal cheese output rises

KELDON — Cheese production among members of the Tal Cheesemakers' Association (TCA) rose to 9,000 tonnes in 2025, \
according to the association's annual report.

"We sold more abroad than ever," said Ann Rhys, the president of the TCA. Exports made up a third of sales.

Outlook

The report, written by the association's chief economist, Dr. Owen Pryce, lists three main challenges: energy, \
labour and imitation cheese. The TCA forecasts output of 9,400 tonnes in 2026.
"""


def test_the_last_word_of_a_name_names_it_in_an_article_about_it(tmp_path, real_embeddings):
    pipeline = pipeline_over(tmp_path, real_embeddings, {"tal.txt": CHEESE_REPORT})
    answer = pipeline.ask("Who wrote the TCA's yearly report?")
    assert answer.answered and "Owen Pryce" in answer.answer, answer.answer


def test_a_sentence_announcing_reasons_is_quoted_with_the_one_that_gives_them(tmp_path, real_embeddings):
    article = (
        "Harlow grew quickly in the 1880s. Historians point to several reasons for the town's rapid growth. The most important, "
        "according to Ada Lind, was the presence of the railway and its freight yards.\n\n"
        "The town hall was finished in 1890.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"harlow.txt": article})
    answer = pipeline.ask("What is the main reason Harlow is ahead of its neighbours?")
    assert answer.answered and "railway" in answer.answer, answer.answer


RANKING = """# Northern bakeries ranked

LEEDS — Leeds has overtaken York as the city with the most bakeries in "The 2026 Northern Bakeries Top 20", a ranking released on
May 4 by the trade magazine Crumb. Six Leeds bakeries made the list this year, up from four.

The magazine surveyed 240 bakeries before a jury of five drew up the list. Bakeries were scored on bread quality, sourcing and growth.

Top spot went to Harrow Mills, a bakery based in Otley. The firm was founded in 2011 by Ruth Calder, a former miller. It now runs
14 shops in Yorkshire.

According to the jury, Harrow Mills finished first because it had the best bread-quality score of any entrant.

Second place went to Brook & Sons, a York bakery that had topped the list in 2025. Fenwick Bakes, from Ripon, came third.
"""


@pytest.fixture(scope="module")
def ranking(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("ranking"), real_embeddings, {"bakeries.txt": RANKING})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which bakery is number one in the ranking?", "Harrow Mills"),
        ("Which bakery finished in third place?", "Fenwick Bakes"),
        ("which bakery was the runner-up", "Brook & Sons"),
        # the paragraph that says who holds the place says what it runs
        ("How many shops does the top-ranked bakery run?", "14 shops"),
        ("In what year was the winning bakery set up?", "2011"),
    ],
)
def test_who_holds_a_place_in_a_ranking_is_read_from_the_sentence_stating_that_place(ranking, question, expected):
    answer = ranking.ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("article", "question", "expected", "wrong"),
    [
        # whose brig "his brig" is, the sentence before names
        (
            "Skarra Reef\n\nThe first recorded landing on the reef was by the Danish captain Ole Brask. On 3 May 1791, his "
            "brig ran aground on the outer reef and lost her rudder. The crew rebuilt it in six weeks.\n",
            "Who commanded the brig that ran aground on the reef in 1791?",
            "Ole Brask",
            None,
        ),
        # a seat is the one of the name written last before it that is no place and no people's adjective
        (
            "Harbour robots\n\nThe Harbour Robotics Guild (HRG) compiled the review. The guild, a Tallinn-based association "
            "founded in 2015 that represents robot makers, counted 320 member firms across the Baltic states and Finland.\n\n"
            '"The target is ambitious," said Mari Kask, the chair of HRG and chief executive of Nordlift, a crane maker based in Riga.\n',
            "Where is HRG based?",
            "Tallinn",
            "Riga",
        ),
        (
            "Skarra Wind is an operator of wind farms in the North Sea, headquartered in Bergen, Norway.\n",
            "Where is Skarra Wind based?",
            "Bergen",
            None,
        ),
        (
            "Second place went to Casa Orm, a Brazilian bakery based in Campinas that had topped the list in 2025.\n",
            "Where is Casa Orm located?",
            "Campinas",
            None,
        ),
        # a year the sentence before gives is not this one's unless it refers back to it
        (
            "---\nid: tasting\ntitle: Northern bakeries ranked\npublished: 2031-06-03\n---\n"
            "The Skarra Guild, founded in 2011 and based in Otley, tasted every loaf on the shortlist. "
            "Guild chair Ada Lind said the average score of the 30 winners rose to 86.4 points, from 85.9 last year.\n",
            "What was the average score of this year's 30 winners?",
            "86.4",
            None,
        ),
    ],
)
def test_what_is_asked_is_read_of_the_thing_the_sentence_speaks_of(tmp_path, real_embeddings, article, question, expected, wrong):
    name = "article.md" if article.startswith("---") else "article.txt"
    answer = pipeline_over(tmp_path, real_embeddings, {name: article}).ask(question)
    assert answer.answered and expected in answer.answer, answer.answer
    assert wrong is None or wrong not in answer.answer, answer.answer


def test_a_list_item_is_of_the_year_its_list_s_opening_line_gives(tmp_path, real_embeddings):
    article = (
        "---\nid: water\ntitle: Kelby Water results\npublished: 2031-03-01\n---\n"
        "Kelby Water published its results for 2030 on Monday. The main figures for 2030 were:\n\n"
        "- Average household bill: £412, up 6.5%\n- Customers served: 164,000 households\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"water.md": article})
    assert "412" in pipeline.ask("How much was the average household bill in 2030?").answer
    answer = pipeline.ask("How much will the average household bill be in 2031?")
    assert not answer.answered, answer.answer


def test_the_items_of_a_list_are_read_with_the_paragraph_that_introduces_it(tmp_path, real_embeddings):
    from assistant.ingest.lists import introduction

    text = (
        "Ida Marr\n\nIda Marr was a naturalist. On the voyage she gathered about 2,000 insect specimens, most of them "
        "in the hills. The largest groups in her cabinet were:\n\nBeetles: 640 specimens\nMoths: 410 specimens\n"
        "Flies: 220 specimens\n\nShe sold the cabinet in 1890.\n"
    )
    assert introduction(text, text.index("Moths")).endswith("The largest groups in her cabinet were:")
    assert introduction(text, text.index("She sold")) == "" and introduction(text, text.index("On the voyage")) == ""
    pipeline = pipeline_over(tmp_path, real_embeddings, {"marr.txt": text})
    answer = pipeline.ask("Which group of insects was most numerous in Ida Marr's cabinet?")
    assert answer.answered and "Beetles" in answer.answer, answer.answer
    answer = pipeline.ask("Of the insect groups listed, which had the fewest specimens?")
    assert answer.answered and "Flies" in answer.answer, answer.answer


def test_an_acronym_written_out_an_idiom_and_a_continent_s_adjective_are_read_as_what_they_say(tmp_path, real_embeddings):
    text = (
        "Kelda Bio\n\nKelda Bio makes one medicine, Velmora, and employs 600 people. The US Food and Drug Administration "
        "approved Velmora on 9 March 2031. The plant in Cork, Ireland, which makes Velmora for the European and Asian "
        "markets, employs 205 people. The plant in Austin makes it for the American market. Sales grew fast after the FDA "
        "decision.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"kelda.txt": text})
    answer = pipeline.ask("When did the FDA give Velmora the green light?")
    assert answer.answered and "9 March 2031" in answer.answer, answer.answer
    answer = pipeline.ask("Where do they make Velmora for Asia?")
    assert answer.answered and "Cork" in answer.answer, answer.answer


def test_the_people_a_question_counts_are_met_by_any_word_for_them(tmp_path, real_embeddings):
    text = (
        "Tarn Bio\n\nTarn Bio makes medicines for rare kidney diseases. The research centre in Lund employs 265 people, "
        "and the plant in Cork employs 205. Tarn Bio ended 2031 with 1,000 employees, up from 720 a year earlier.\n"
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"tarn.txt": text}).ask("how many people work at tarn bio now")
    assert answer.answered and "1,000" in answer.answer, answer.answer


def test_a_country_is_named_by_its_people_s_adjective_and_an_amount_by_its_currency_code(tmp_path, real_embeddings):
    text = (
        "Polish ferry operators carry record numbers\n\nGDYNIA — Polish ferry operators carried more passengers than ever "
        "last year, according to a report by the Baltic Shipping Council.\n\nThe number of active operators rose to 52, "
        "compared with 47 in 2023. Operators received PLN 86 million in grants in 2025, most of it for cleaner engines. "
        "The council's chair, Ewa Marsh, said the grants had come just in time.\n\nPoland now ranks fifth in Europe by "
        "the number of ferry routes, behind Greece, Italy, Norway and Sweden.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"ferries.txt": text})
    answer = pipeline.ask("How many ferry operators are active in Poland?")  # the sentence writes "Polish", not "Poland"
    assert answer.answered and "52" in answer.answer, answer.answer
    answer = pipeline.ask("How much grant money did operators get in 2025?")
    assert answer.answered and "PLN 86 million" in answer.answer, answer.answer


def test_a_date_the_sentence_sets_before_the_event_asked_does_not_date_it(tmp_path, real_embeddings):
    article = (
        "Orm Bridge\n\nThe Orm Bridge crosses the Teller Fjord. Its engineer, Ivo Lind, was hurt on the quay, and "
        "he died on 22 July 1869, before construction had begun.\n\nWork began on 3 January 1870. The deck was finished in "
        "1874, when Eastbay was still third in the region for shipping.\n"
    )
    pipeline = pipeline_over(tmp_path, real_embeddings, {"orm.txt": article})
    answer = pipeline.ask("When did construction of the bridge begin?")
    assert answer.answered and "3 January 1870" in answer.answer, answer.answer
    answer = pipeline.ask("In which year was Eastbay still third in the region?")  # "third in" asks no third thing
    assert answer.answered and "1874" in answer.answer, answer.answer


def test_whom_a_sentence_refers_to_is_read_back_past_a_sentence_that_only_says_he(tmp_path, real_embeddings):
    article = (
        "Orm Bridge\n\nThe Orm Bridge crosses the Teller Fjord. Its first engineer, Ivo Lind, fell ill in 1872 and could not "
        "visit the site again. For the next decade he ran the work from his house in Eastbay, watching through a telescope. "
        "His wife, Ann Lind, became his link with the builders.\n"
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"orm.txt": article}).ask("Who was Ann Lind's husband?")
    assert answer.answered and "Ivo Lind" in answer.answer, answer.answer


def test_an_age_set_beside_a_name_answers_how_old(tmp_path, real_embeddings):
    article = (
        "Orm Boatyard\n\nThe Orm boatyard was founded in 1850 by Aron Lind. After his death the yard passed to his son, "
        "Ivo Lind, then 29, who had built fishing boats at Eastbay. The yard employed 40 men by 1870.\n"
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"orm.txt": article}).ask("How old was Ivo Lind when he took over the yard?")
    assert answer.answered and "29" in answer.answer, answer.answer


def test_on_what_date_prefers_a_sentence_giving_the_day_to_an_as_close_one_giving_a_year(tmp_path, real_embeddings):
    articles = {
        "survey.txt": "Kelp Coast Harbour Survey\n\nThe annual Kelp Coast Harbour Survey of ferry ports was released by the Kelp "
        "Coast Harbour Board in 2026. The survey, which covers 12 ports, was presented on 4 May 2026 at the Quay Forum in "
        "Eastbay.\n",
    }
    answer = pipeline_over(tmp_path, real_embeddings, articles).ask("On what date was the harbour survey released?")
    assert answer.answered and "4 May 2026" in answer.answer, answer.answer


BRINDLE = """Brindle Marine Annual Review: Busiest Year Yet as the New Kelp Ferry Terminal Welcomes Its First Passengers

Brindle Marine, the Porthcawl ferry operator, carried more passengers in 2031 than in any year since the Porthcawl harbour board was created, according to its annual review published on 3 February 2032. The company was set up in 1998 by Ann Lee, a former harbour pilot. Tom Berg, a former bank manager, has run the company since 2020.

The Kelp Ferry Terminal opened on 9 October 2031, four months late. Nils Aas, the firm's Vice-President for Operations, said the delay was caused by an old sea wall found under the quay.

Much of the rise came from Quellmar, a fast catamaran built in Tasmania for the island routes. Brindle bought Quellmar in 2029 and refitted her in Bergen.

The Skerry Route

Each summer a night boat links Porthcawl with the outer isles. The boat carries 90 cars and sails three times a week.
"""


@pytest.fixture(scope="module")
def brindle(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("brindle"), real_embeddings, {"brindle.txt": BRINDLE})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who founded Brindle?", "Ann Lee"),  # "The company was founded ... by": Brindle, as the short name goes
        ("Who's runing Brindle these days?", "Tom Berg"),
        ("Who is Brindle's Vice-Presdient for Operations?", "Nils Aas"),
        ("What is Quellmar?", "fast catamaran"),  # the sentence that says what it is
        ("Tell me about the Skerry Route.", "night boat"),  # the section its heading opens
    ],
)
def test_a_new_article_s_plain_questions_find_the_sentence_that_answers_them(brindle, question, expected):
    answer = brindle.ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


def test_a_long_line_in_title_case_is_a_heading(brindle):
    from assistant.answer.reader import Sentence

    sentences = brindle.reader().sentences
    article = brindle.reader().snapshot.articles["brindle"]
    spans = sentences._sentences["brindle"]
    headline, lead = (Sentence(article, spans[i], i) for i in (0, 1))
    assert len(headline.span.text.split()) > 12 and sentences.is_heading(headline)
    assert not sentences.is_heading(lead)


SURVEY_SHIP = """Voyager (survey ship)

Voyager is a survey ship launched in 1977 at a yard in Hull to map the seabed of the North Sea. Voyager mapped the \
Dogger Bank in 1981 and reached the Faroe Islands on 2 June 1984.

Into the Arctic

After a refit, Voyager sailed north. On 25 August 1990 Voyager crossed the sixty-sixth parallel, far beyond any earlier \
cruise. Crews later called that summer the long season.

In 1984 the Port Ellis engineer Karl Vinter joined the crew. Together with his wife, Marta Lund, Vinter located the wreck of the Tern \
in 1992.
"""


def test_a_word_asked_is_not_met_by_a_name_that_stems_like_one_of_its_synonyms(tmp_path, real_embeddings):
    # "cross" and "voyage" say the same in general English; "Voyager", the name asked, holds neither
    pipeline = pipeline_over(tmp_path, real_embeddings, {"voyager.txt": SURVEY_SHIP})
    answer = pipeline.ask("When did Voyager cross into the Arctic?")
    assert answer.answered and "25 August 1990" in answer.answer, answer.answer
    # of two people the sentence names, the one it names by surname alone is named in full
    found = pipeline.ask("Who found the wreck of the Tern?")
    assert found.answered and found.answer.startswith("Karl Vinter: "), found.answer


ORRIN_AIR = """Orrin Air results 2031

Orrin Air, the carrier based at Tal airport, reported its strongest year yet in its annual results published on \
27 February 2032. Revenue rose to €2.8 billion.

The airline carried 14.3 million passengers in 2031, up from 12.9 million in 2030. For 2032, Orrin Air expects to \
carry about 15 million passengers.

Route 11, the Airport Express, carried 2.9 million passengers in 2031; it is a small service but earns the most per \
passenger of any route. Route 7 carried 950,000 passengers.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did Orrin Air publish its 2031 annual results?", "27 February 2032"),  # 2031 labels the results
        ("How many people rode the Airport Express in 2031?", "2.9 million"),  # passengers are people
        ("How many pilots does Orrin Air employ?", None),  # a count of passengers is no count of pilots
    ],
)
def test_a_figure_or_date_answers_what_it_is_of(tmp_path, real_embeddings, question, expected):
    answer = pipeline_over(tmp_path, real_embeddings, {"orrin.txt": ORRIN_AIR}).ask(question)
    if expected is None:
        assert not answer.answered, answer.answer
    else:
        assert answer.answered and expected in answer.answer, answer.answer


CHESS_OPEN = """Lund takes the Tal Open

Grandmaster Ivo Lund won the 2031 Tal Open on Sunday with 7.5 points. The event was held in the Old Mill in Tal.

The Tal Open, an annual Swiss-system tournament, was first held in 1990 and is organised by the Tal Chess Club. In a \
Swiss-system event, players are paired against opponents with a similar score. This year's edition was run by club \
president Karl Moe, with Ines Varga serving as chief arbiter.

The youngest player in the field was nine-year-old Mia Sand, who scored 4 points. The oldest was 87-year-old Per Dahl.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who was the chief arbiter at the 2031 Tal Open?", "Ines Varga"),  # "this year's edition" of the Tal Open
        ("Who was the youngest player in the Tal chess tournament?", "Mia Sand"),  # "youngest" is no field of a role
    ],
)
def test_who_held_a_role_at_an_edition_or_was_the_youngest_is_read_as_written(tmp_path, real_embeddings, question, expected):
    answer = pipeline_over(tmp_path, real_embeddings, {"tal.txt": CHESS_OPEN}).ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


TRAM_REVIEW = """Tal trams 2031

The new Quay Line opened on 9 October 2031, four months late. Lena Holm, who led the project, said the delay was \
caused mainly by an old sea wall found under the quay. The line has nine stops.

Entries to the Tal Open rose from 142 in 2030 to 186 this year. The organiser said the increase was due mainly to the \
move to the larger Corn Hall.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why was the opening of the Quay Line pushed back?", "old sea wall"),  # "caused mainly by": the cause after it
        ("Why did the Tal Open get more entrants than in 2030?", "larger Corn Hall"),  # "due mainly to"
    ],
)
def test_a_cause_qualified_by_an_adverb_is_still_the_reason(tmp_path, real_embeddings, question, expected):
    answer = pipeline_over(tmp_path, real_embeddings, {"tal.txt": TRAM_REVIEW}).ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


WATER_REPORT = """Tal Water annual report 2031

Tal Water (TW), the publicly owned utility that supplies drinking water to the town of Tal, published its annual \
report for the year to 31 December 2031 on 18 March 2032. The utility now serves about 41,000 residents and employs \
86 staff. Chief executive Mara Holm called 2031 a good year.

An independent review led by the engineer Dr. Ivo Lund found that a hatch had not been inspected since 2029, and TW \
has since introduced quarterly checks.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "the utility" of the next sentence is the one the best sentence names: its figure continues it
        ("How many people does Tal Water supply?", "41,000 residents"),
        # a role named after "as" is asked; "the engineer Dr. Ivo Lund" holds no such post, though he "led" a review
        ("Who runs Tal Water as chief executive?", "Mara Holm"),
    ],
)
def test_a_figure_of_the_thing_named_again_and_a_role_asked_after_as(tmp_path, real_embeddings, question, expected):
    answer = pipeline_over(tmp_path, real_embeddings, {"tal.txt": WATER_REPORT}).ask(question)
    assert answer.answered and expected in answer.answer, answer.answer


HALL_HISTORY = """Ann Lind

The Tal Concert Hall

In 1948 Lind won the national competition to design a new concert hall in Tal, beating 63 other entries. The hall \
was named after the conductor Eva Moss, whose family had donated the site. Construction began in 1951.

Up front, the summer signing Ivo Berg was the league's second-highest scorer.
"""


def test_a_sentence_repeating_the_question_that_holds_the_date_asked_is_the_whole_answer(tmp_path, real_embeddings):
    pipeline = pipeline_over(tmp_path, real_embeddings, {"lind.txt": HALL_HISTORY})
    answer = pipeline.ask("In what year did Lind win the competition for the Tal concert hall?")
    assert answer.answered and "1948" in answer.answer and "Eva Moss" not in answer.answer, answer.answer
    # the top scorer is not the league's second-highest one
    assert not pipeline.ask("Who was the top scorer in the whole league?").answered


BRIDGE_HISTORY = """How the Tal Narrows was crossed

For most of its history the town of Ardby could reach the far shore only by boat. Work on the Tal Narrows Bridge \
began in 1931 and the bridge opened in 1936. The Tal Narrows Bridge was then the longest in the country.

Later years

The bridge has been changed twice. The deck was widened from four lanes to six in 1963, at a cost of $22 million. \
A seismic retrofit was carried out between 2008 and 2013 and cost $640 million.
"""


def test_a_sentence_after_the_bridge_in_a_history_of_the_bridge_is_about_it(tmp_path, real_embeddings):
    pipeline = pipeline_over(tmp_path, real_embeddings, {"tal.txt": BRIDGE_HISTORY})
    answer = pipeline.ask("When was the deck of the Tal Narrows Bridge widened?")
    assert answer.answered and "1963" in answer.answer, answer.answer


def test_a_long_sentence_is_cut_around_the_person_who_answers_not_an_organisation_before_them(tmp_path, real_embeddings):
    article = (
        "Ann Lind\n\nAnn Lind was a Tal architect.\n\n"
        "In 1922 she won a scholarship to the Royal Polytechnic of Tal, where she studied under Professor Ivo Berg, an "
        "engineer who had designed several of the steel bridges over the river Tal and who encouraged his students to "
        "treat structure as the starting point of architecture rather than as a problem to be hidden behind decoration "
        "and ornament of every kind.\n"
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"lind.txt": article}).ask("Who taught Ann Lind at the Polytechnic in Tal?")
    assert answer.answered and "Ivo Berg" in answer.answer, answer.answer


SURVEY = """Survey ship returns from the Kestrel Reach

The survey ship Marra Dawn came back to Port Vell on 9 May 2031 after a month at the Kestrel Reach, a line of sunken hills about 300 kilometres south of the Torrin Isles.

The expedition was run by the Vell Marine Trust. The 52-metre vessel carried a crew of 18 under its master, Captain Ilse Brann.

The government is considering whether to declare the Kestrel Reach a Protected Zone, and a consultation closes in June.

The trust's chief boatbuilder, Ana Kerr, rebuilt the ship's launch over the winter.

A second voyage had been planned for the autumn. In March the trust ended the plan because the ship's engine needed a new gearbox.

Fishing catches near the hills were small in 2030, after a storm in January tore up most of the nets.

Hull fouling is the growth of weed and shellfish on the underwater part of a ship, which slows it down.
"""


@pytest.fixture(scope="module")
def survey(tmp_path_factory, real_embeddings):
    return pipeline_over(tmp_path_factory.mktemp("survey"), real_embeddings, {"survey.txt": SURVEY})


def test_a_name_is_called_back_by_the_noun_written_before_it_or_a_word_for_that_noun(survey):
    # "the 52-metre vessel" is the ship the article introduced as "the survey ship Marra Dawn"; a skipper is a captain
    answer = survey.ask("Who skippered the Marra Dawn?")
    assert answer.answered and "Ilse Brann" in answer.answer, answer.answer


def test_what_a_sentence_gives_is_judged_as_the_kind_of_answer_asked(survey):
    from assistant.answer.evidence import names_in_question
    from assistant.understand.question import analyse

    judge = survey.reader().judge

    def typed(question: str, text: str, answer: str | None = None) -> float:
        q = analyse(question, judge.lexicon)
        spans = [(text.index(answer), text.index(answer) + len(answer))] if answer else []
        return judge.features(q, text, "", dense=0.5, passage=0.5, spans=spans, names=names_in_question(q, judge.lexicon)).typed

    where = "Where is the Kestrel Reach?"
    assert typed(where, "The Kestrel Reach lies 300 kilometres south of the Torrin Isles.", "Torrin Isles") == 1.0
    assert typed(where, "The state may declare the Kestrel Reach a Protected Zone.", "Protected Zone") < 1.0  # puts it nowhere
    why = "Why were fishing catches small in 2030?"
    assert typed(why, "Catches were small in 2030, after a storm in January tore up the nets.") > 0  # what happened before
    assert typed(why, "Fishing catches were small in 2030.") == 0
    views = "Why do some skippers think catches will fall?"
    assert typed(views, "Some skippers point out that the hills are being fished harder every year.") > 0  # their grounds
    assert typed("Why will catches fall?", "Some skippers point out that the hills are being fished harder every year.") == 0


def test_where_the_asker_read_it_is_no_word_to_share(survey):
    from assistant.text import stem
    from assistant.understand.question import analyse

    judge = survey.reader().judge
    for question in ("What is hull fouling, as explained in the article?", "According to the survey report, what is hull fouling?"):
        asked = judge.question_terms(analyse(question, judge.lexicon))
        assert stem("fouling") in asked and not {stem("explained"), stem("article"), stem("report")} & set(asked), asked
    asked = judge.question_terms(analyse("What is an ROV, as used on the survey?", judge.lexicon))
    assert stem("used") not in asked and stem("survey") not in asked, asked  # what an ROV is, wherever it was used


def test_a_word_written_of_two_everyday_words_says_both():
    from assistant.answer.evidence import compound_parts
    from assistant.text import stem

    assert {stem("wine"), stem("make")} <= compound_parts("winemaker")  # "who makes the wine?": the chief winemaker
    assert {stem("ship"), stem("build")} <= compound_parts("shipbuilders")
    assert compound_parts("understand") == frozenset()  # an everyday word is read whole


def test_general_english_calls_a_plan_called_off_and_a_ship_s_master_alike():
    from assistant.text import Synonyms, stem

    related = Synonyms().related
    assert stem("ended") in related(stem("scrapped")) and stem("cancelled") in related(stem("scrap"))
    assert stem("captain") in related(stem("skipper"))


def test_the_first_holder_of_a_role_is_not_whoever_holds_it_now(survey):
    assert survey.ask("Who was the captain of the Marra Dawn?").answered
    assert not survey.ask("Who was the first captain of the Marra Dawn?").answered
