"""What counts as the kind of answer a question wants, and which names it gives, on made-up text."""

from __future__ import annotations

import re

import pytest

from assistant.answer.evidence import names_in_question
from assistant.answer.types import answer_spans
from assistant.corpus import GlossaryTerm
from assistant.text import stem
from assistant.understand.lexicon import Lexicon
from assistant.understand.question import analyse


def judge_of(lexicon):
    """The evidence judge over ``lexicon``, with every word of like weight (no corpus behind it)."""
    from types import SimpleNamespace

    from assistant.answer.evidence import Judge
    from assistant.config import ReaderSettings

    return Judge(SimpleNamespace(document_frequency={}, idf=lambda term: 1.0), lexicon, None, ReaderSettings())


def test_a_figure_is_new_unless_the_question_writes_it_as_a_whole_number():
    lexicon = Lexicon([])
    q = analyse("How many jobs will the port add between 2031 and 2035?", lexicon)
    text = "The port expects to add more than 2 million jobs between 2031 and 2035."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["2"]  # "2" is not said by "2031"


def test_a_possessive_parts_two_names():
    lexicon = Lexicon([])
    q = analyse("How many towns has Varden's Ferry Line reached?", lexicon)
    assert {n.label for n in names_in_question(q, lexicon)} == {"Varden", "Ferry Line"}


def test_oscars_are_academy_awards_but_a_person_called_oscar_is_a_name():
    from assistant.answer.support import unknown_names
    from assistant.text import terms

    lexicon = Lexicon([])
    q = analyse("How many Oscar nominations did the film get?", lexicon)
    assert names_in_question(q, lexicon) == [] and unknown_names(q, set()) == []
    assert terms("it won three Oscars") == terms("it won three Academy Awards")
    q = analyse("Which film did Oscar Lind direct?", lexicon)
    assert {n.label for n in names_in_question(q, lexicon)} == {"Oscar Lind"}


def test_names_the_articles_do_not_know_joined_by_and_are_two():
    lexicon = Lexicon([])
    q = analyse("Where is the new Lumen and Varden hub?", lexicon)  # "a hub with a Lumen scanner and a Varden one"
    assert {n.label for n in names_in_question(q, lexicon)} == {"Lumen", "Varden"}


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


def test_a_figure_in_another_measure_does_not_count_things():
    from assistant.answer.types import any_bare, counted, unit_fits, unit_match

    lexicon = Lexicon([])
    text = "A grey heron lives for eight to nine years, flies at up to 40 kilometres per hour, and some 2,000 pairs breed here."
    spans = {text[a:b]: (a, b) for a, b in answer_spans(analyse("How many herons breed here?", lexicon), text, lexicon)}
    assert not any_bare(text, [spans["eight"]])  # a range: "eight to nine years" is a measure
    assert not any_bare(text, [spans["40"]])
    assert any_bare(text, [spans["2,000"]])
    staff = "The trust employed 9,412 staff in 2025, compared with 9,105 a year earlier."
    figures = [(m.start(), m.end()) for m in re.finditer(r"[\d,]+\d", staff) if not m.group().startswith("20")]
    assert not any_bare(staff, figures, {"complaint"}) and any_bare(staff, figures, {"staff"})  # the second is staff too
    assert any_bare("It set up 20 Harwick communities.", [(10, 12)], {"neighbourhood"})  # a kind of them, perhaps
    fast = counted(analyse("How fast can a heron fly?", lexicon))
    assert unit_match(text, [spans["40"]], fast)
    assert not unit_match("The clock gains 38 microseconds per day.", [(15, 17)], fast)  # a rate per day is no speed
    assert not unit_fits("kilometres per hour", counted(analyse("How many herons are there?", lexicon)))
    assert unit_fits("pairs", counted(analyse("How many herons are there?", lexicon)))
    assert unit_fits("kilometres per hour", fast)
    long = counted(analyse("How many kilometres does the reef stretch?", lexicon))
    assert unit_fits("kilometres", long) and not unit_fits("square kilometres", long)  # an area is no length
    assert unit_fits("square kilometres", counted(analyse("How many square kilometres does it cover?", lexicon)))


def test_words_derived_from_one_english_word_are_related():
    from assistant.text import related, stem

    derived_pairs = [("described", "description"), ("decided", "decision"), ("discovered", "discovery"), ("failed", "failure")]
    for a, b in [*derived_pairs, ("inspectors", "inspection"), ("visitor", "visited")]:
        assert stem(b) in related(stem(a)) and stem(a) in related(stem(b)), (a, b)
    assert stem("creature") not in related(stem("created"))
    assert stem("may") not in related(stem("mayor")) and stem("act") not in related(stem("actor"))
    assert stem("send") not in related(stem("sense"))
    assert stem("cafés") == stem("cafes") == stem("cafe")  # accents go, as words() folds them


def test_a_word_with_letters_beyond_english_is_one_word_however_its_accents_are_written():
    from assistant.text import terms, words

    assert words("Skłodowska moved to the Panthéon near Ålesund.") == ["skłodowska", "moved", "to", "the", "pantheon", "near", "alesund"]
    assert terms("Pantheon") == terms("Panthéon") and words("成都 ÷ 2") == ["成", "都", "2"]
    assert "opened" in words("Who cut the ribbon at the new branch?")  # a set phrase read as the word it means


def test_a_kind_owned_by_a_name_is_no_unknown_instance_of_that_kind():
    from assistant.understand.lexicon import Entity

    lexicon = Lexicon([Entity("North Terminal", "terminal"), Entity("South Terminal", "terminal"), Entity("Eastbay", "port")])
    assert analyse("How busy is the west terminal?", lexicon).unresolved == "west terminal"  # no terminal is called so
    assert analyse("How busy is Eastbay's ferry terminal?", lexicon).unresolved is None  # whose, not which by name


def test_a_peoples_adjective_is_written_by_its_country():
    lexicon = Lexicon([])
    names = names_in_question(analyse("Why did stays by Norwegian visitors grow?", lexicon), lexicon)
    assert any("Norway" in n.variants for n in names), names


def test_ordinals_and_numbers_inside_names_count_nothing():
    lexicon = Lexicon([])
    q = analyse("How many calls could the cable carry?", lexicon)
    text = "The first telephone cable, TAT-1, carried 36 calls at once."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["36"]


def test_a_gap_between_two_is_not_how_many_one_has():
    lexicon = Lexicon([])
    text = "Ostrava Rovers won the cup, finishing six points ahead of Brno Lions with 52 points."
    q = analyse("How many points did Ostrava Rovers get?", lexicon)
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["52"]
    gap = analyse("By how many points did Ostrava Rovers win?", lexicon)
    assert [text[a:b] for a, b in answer_spans(gap, text, lexicon)] == ["six", "52"]


def test_more_than_before_a_figure_goes_with_that_figure_not_the_one_before():
    lexicon = Lexicon([])
    text = "Her letter of 98 words took more than 16 hours to arrive."
    q = analyse("How many words did her letter have?", lexicon)
    assert "98" in [text[a:b] for a, b in answer_spans(q, text, lexicon)]


def test_since_a_time_gives_no_reason():
    from assistant.answer.types import REASON_RE

    assert not REASON_RE.search("their first title since 2016") and not REASON_RE.search("since May the road is closed")
    assert REASON_RE.search("since the bridge was closed, ferries ran") and REASON_RE.search("two draws cost them the title")


def test_what_is_responsible_for_a_thing_and_what_it_led_to_give_a_reason():
    from assistant.answer.types import REASON_RE

    assert REASON_RE.search("A tiny shrimp filters the water and is largely responsible for its clarity.")
    assert REASON_RE.search("The last ferry had gone, so they stayed the night.")
    assert not REASON_RE.search("The lake is so clear that stones show at 40 metres.")
    assert not REASON_RE.search("It rained, so much that the match stopped.")
    assert not REASON_RE.search("Ola, responsible to the board, resigned.")


def test_a_prize_received_is_a_prize_won():
    from assistant.text import related, stem

    assert stem("received") in related(stem("win")) and stem("awarded") in related(stem("won"))


def test_a_thing_one_can_see_is_a_thing_displayed():
    from assistant.text import related, stem

    assert stem("displayed") in related(stem("see")) and stem("exhibited") in related(stem("seen"))


def test_stages_are_steps_a_thing_found_is_discovered_and_a_yearly_report_annual():
    from assistant.text import related, stem

    assert stem("steps") in related(stem("stages"))  # "in how many stages?": "in four steps"
    assert stem("discovered") in related(stem("found")) and stem("annual") in related(stem("yearly"))
    assert stem("found") not in related(stem("founded"))  # a firm founded is not a thing found
    assert stem("investigation") in related(stem("inquiry"))


def test_the_words_of_a_name_are_written_together_and_whole():
    from assistant.answer.evidence import _all_words_in

    assert _all_words_in("note k", "the last of these, note k, describes")
    assert not _all_words_in("note k", "she added notes, labelled a to k, which")  # apart, and "k" is no prefix
    assert _all_words_in("harwick tourism board", "the harwick tourism boards said")


def test_the_day_of_a_date_is_no_measure():
    lexicon = Lexicon([])
    q = analyse("How long was the 1911 route?", lexicon)
    text = "The first race started on 1 July 1911 and covered 1,210 kilometres."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["1,210"]
    q = analyse("How many sailings were cancelled?", lexicon)
    text = "A gale struck between 12 and 15 November 2031, and from 3 to 4 May 2032, forcing the cancellation of 40 sailings."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["40"]  # the first day of a range is a day too


def test_a_figure_after_by_counts_when_a_passive_verb_comes_before_and_the_thing_after():
    lexicon = Lexicon([])
    q = analyse("How many rivets hold the tower together?", lexicon)
    text = "The drawings describe 18,038 separate pieces of iron, which were joined by about 2.5 million rivets."
    assert "2.5" in [text[a:b] for a, b in answer_spans(q, text, lexicon)]
    q = analyse("How many points did Harbour City get?", lexicon)
    text = "Harbour City take the title by four points."
    assert answer_spans(q, text, lexicon) == []  # a margin, not how many they got


def test_which_places_asks_for_places_however_many():
    lexicon = Lexicon([])
    for question in ("Between which two places was the road built?", "Which towns lie on the lake?", "What other cities bid?"):
        assert analyse(question, lexicon).expects == "place", question


@pytest.mark.parametrize(
    "question, other, wanted, both",
    [
        (  # the opposite
            "What do the glands in the upper jaw produce?",
            "the lizard has glands in its lower jaw.",
            "upper jaw",
            "the upper jaw holds 30 teeth and the lower jaw 28.",
        ),
        (  # a thing of another colour
            "When was the green flag first flown?",
            "the blue flag was first flown in 1961.",
            "green flag",
            "it was first flown in 1952, a year before the blue one.",
        ),
        (  # the other extreme
            "Which ward has the smallest share of voters?",
            "by ward, the harbour ward holds the largest share of voters, 31%.",
            "smallest",
            "the harbour ward holds the largest share, 31%, and the mill ward the smallest, 4%.",
        ),
        (  # another extreme than the one asked
            "What was the fastest crossing of the strait?",
            "the first recorded crossing of the strait was made in 1875.",
            "fastest",
            "the fastest crossing of the strait took nine hours; the first was made in 1875.",
        ),
    ],
)
def test_a_sentence_about_the_opposite_does_not_answer(question, other, wanted, both):
    from assistant.answer.evidence import _conflicts
    from assistant.text import related

    q = analyse(question, Lexicon([]))
    assert wanted in _conflicts(q, other, other, related)
    assert not _conflicts(q, both, both, related)


def test_an_amount_of_money_may_give_its_scale_before_the_currency():
    lexicon = Lexicon([])
    q = analyse("How much did the town spend building it?", lexicon)
    text = "Construction cost the town about 375 million dollars, and some 5,600 workers were hired."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["375"]


def test_a_superlative_is_answered_by_a_sentence_about_the_noun_it_qualifies():
    from assistant.answer.evidence import _conflicts
    from assistant.text import related

    q = analyse("Who paid the smallest fare in the ferry's history?", Lexicon([]))
    text = "the lowest fare ever paid was 5 cents, by a schoolboy in 1931."
    assert not _conflicts(q, text, text, related)  # "history" is the possessive's, "fare" the superlative's
    other = "the lowest price ever paid for the ferry was 5 cents."
    assert _conflicts(q, other, other, related)


@pytest.mark.parametrize(
    "sentence",
    [
        "It was later renamed the Hale Cut in honour of Anna Hale, the engineer in charge",
        "In 2019 the board closed the ferry, citing the cost of repairs.",
        "He lost the title in 2012 after an inquiry by the sailing federation found that he had cheated.",
        "The fair was founded in 1881 to raise money for the harbour.",  # what it was made for
        "The fall in sales reflects the end of a contract with a grocer.",
        "Costs rose, reflecting a bigger crew on the new route.",
        "The operations director blamed staff shortages in the control tower.",
        "The report puts this down mainly to the shutdowns needed to connect the new mains.",
        "Human cells have no cell walls, which explains why the drug is usually safe.",
        "The drop was driven mainly by the price of flour.",
        "The launch was overshadowed by a storm that closed the harbour.",
        "Two members abstained, saying they could not back the plan without a survey.",  # what they gave as the reason
    ],
)
def test_a_sentence_that_gives_a_reason(sentence):
    from assistant.answer.types import REASON_RE

    assert REASON_RE.search(sentence)


def test_a_date_after_which_something_else_happened_is_no_reason():
    from assistant.answer.types import REASON_RE

    assert not REASON_RE.search("It was introduced in 1919, and the first rider to wear it was Paul Hale.")
    assert not REASON_RE.search("Saying little, the captain took the wheel.")
    assert not REASON_RE.search("The plan is due to be published on 28 October.")  # when it will be, not why
    assert REASON_RE.search("The ward shut due to a leak in the roof.")


def test_founded_is_not_the_past_of_find():
    from assistant.text import related, stem

    assert stem("founded") in related(stem("created")) and stem("found") not in related(stem("created"))


def test_general_english_words_of_one_meaning_are_related():
    from assistant.text import related, stem

    assert stem("led") in related(stem("ran")) and stem("completion") in related(stem("end"))  # "ran it to the end"
    assert stem("climbed") in related(stem("grow")) and stem("soared") in related(stem("rose"))  # "revenue climbed 28 percent"
    assert stem("formally") in related(stem("officially")) and stem("referendum") in related(stem("vote"))
    assert stem("connecting") in related(stem("link"))  # "Which districts does the tunnel link?"
    assert stem("founded") in related(stem("started"))  # "Who started the trust?": "founded in 1998 by ..."
    assert stem("expansion") in related(stem("widening"))  # "voted on widening the canal": "a referendum on the expansion"

    assert stem("refers") in related(stem("mean"))  # "What does X mean?": "the term refers to"
    assert stem("facility") in related(stem("plant")) and stem("plan") in related(stem("scheme"))
    assert stem("excavation") in related(stem("digging")) and stem("difficult") in related(stem("toughest"))
    assert stem("producer") in related(stem("making"))  # "who made the most" is "the largest producer"
    assert stem("prey") in related(stem("hunt")) and stem("tutor") in related(stem("taught"))
    assert stem("writer") not in related(stem("wrote"))  # "a mathematician and writer" says nothing of who wrote a thing
    assert stem("southern") in related(stem("south")) and stem("western") not in related(stem("south"))
    assert stem("child") in related(stem("parents")) and stem("mother") in related(stem("parents"))  # "the child of X and Y"
    assert stem("father") not in related(stem("mother"))  # "his father died in 1879" gives no date for his mother
    assert stem("weighs") in related(stem("heavy")) and stem("demolished") in related(stem("razed"))
    assert stem("closure") in related(stem("shut")) and stem("fell") in related(stem("decline"))
    assert stem("named") in related(stem("called")) and stem("species") in related(stem("kinds"))
    assert stem("expanded") in related(stem("enlarged"))
    assert stem("pieces") in related(stem("components")) and stem("prefabricated") in related(stem("manufactured"))


def test_phrasal_verbs_are_read_as_the_verb_they_mean():
    from assistant.text import terms

    assert terms("Where did he pass away?") == terms("Where did he die?")
    assert terms("the fire broke out at midnight") == terms("the fire began at midnight")
    assert terms("the tower was torn down in 1917") == terms("the tower was demolished in 1917")
    assert terms("she pulled the curtain") == ["pull", "curtain"]  # no particle, no phrasal verb
    assert terms("the raid took place at dawn") == terms("the raid happened at dawn")  # not a place
    assert terms("he stepped down in 2020") == terms("he resigned in 2020")
    assert terms("when did the boiler blow up?") == terms("when did the boiler explode?")
    assert terms("the balloon lifted off at noon") == terms("the balloon took off at noon") == terms("the balloon launched at noon")
    assert terms("she took over as chair in 2020") == terms("she succeeded as chair in 2020")
    assert terms("why did sales go down?") == terms("why did sales fall?")
    assert terms("it sank with the loss of 35 lives") == terms("it sank with 35 deaths")
    assert terms("two keepers lost their lives") == terms("two keepers died")
    assert terms("when did the locks start operating?") == terms("when did the locks open?")
    assert terms("the ferry came into service in May") == terms("the ferry opened in May")
    assert terms("who was in charge of the dig?") == terms("who headed the dig?")
    assert terms("our head office is in Leeds") == terms("our headquarters is in Leeds")
    assert terms("when did the schools open again?") == terms("when did the schools reopen?")
    assert terms("who put up the money for it?") == terms("who funded it?")
    assert terms("which body put the report together?") == terms("which body compiled the report?")
    assert terms("who put together the list?") == terms("who compiled the list?")
    assert terms("how many people work for the trust?") == terms("how many people employed the trust?")
    assert "employ" not in terms("the building work for the emperor")  # a noun: no one works for him here


def test_the_two_ends_of_succeeding_are_related_and_so_is_being_in_charge():
    from assistant.text import related, stem

    assert stem("succeeding") in related(stem("predecessor")) and stem("previous") in related(stem("succeeded"))
    assert stem("led") in related(stem("runs")) and stem("occurred") in related(stem("happen"))


def test_the_past_forms_of_irregular_verbs_are_the_verb():
    from assistant.text import stem

    assert stem("wore") == stem("worn") == stem("wears") and stem("flew") == stem("fly") and stem("taught") == stem("teach")
    assert stem("left") != stem("leave") and stem("found") != stem("find")  # as often another word: kept as written


def test_the_top_one_climbs_to_is_a_summit_not_a_superlative():
    lexicon = Lexicon([])
    assert analyse("Who guided the first climbers to the top?", lexicon).superlative is None
    assert analyse("Which club rose to the top of the table?", lexicon).superlative == "max"
    assert analyse("Who was the top scorer?", lexicon).superlative == "max"


def test_who_led_a_thing_asks_who_directed_it_not_who_ranks_first():
    lexicon = Lexicon([])
    assert analyse("Who led the big rebuilding of the bridge?", lexicon).superlative is None
    assert analyse("when was that — Who led the rebuilding of the bridge?", lexicon).superlative is None
    assert analyse("Who leads the ranking?", lexicon).superlative == "max"
    assert analyse("Which team led the league in 2020?", lexicon).superlative == "max"


def test_a_country_is_named_by_its_other_names():
    names = names_in_question(analyse("Where in America did they build the plant?", Lexicon([])), Lexicon([]))
    assert any("United States" in n.variants for n in names)


def test_a_peoples_adjective_that_names_their_language_is_no_name_the_evidence_must_hold():
    lexicon = Lexicon([])
    assert names_in_question(analyse("Who gave the lake the name it goes by in English?", lexicon), lexicon) == []
    said = names_in_question(analyse("How many ships called in French ports?", lexicon), lexicon)
    assert [n.label for n in said] == ["French"]  # a people's adjective before a noun: France, or French


def test_a_who_questions_name_is_the_naming_asked_about():
    judge = judge_of(Lexicon([]))
    assert stem("name") in judge.question_terms(analyse("Who gave the lake its name?", Lexicon([])))
    assert stem("name") not in judge.question_terms(analyse("What is the name of the lake?", Lexicon([])))


def test_irregular_plurals_share_their_singulars_stem():
    from assistant.text import stem

    assert stem("mice") == stem("mouse") and stem("women") == stem("woman") and stem("children") == stem("child")


def test_trails_that_lead_somewhere_rank_nothing():
    lexicon = Lexicon([])
    assert analyse("How many main trails lead to the summit?", lexicon).superlative is None
    assert analyse("Which city leads the list?", lexicon).superlative == "max"


def test_an_abbreviated_country_is_no_person():
    lexicon = Lexicon([])
    q = analyse("Who guided the climbers?", lexicon)
    text = "Climbers pay fees of about 70 US dollars a day to the park."
    assert answer_spans(q, text, lexicon) == []
    assert answer_spans(q, "The first walls were built in the 7th century BC.", lexicon) == []  # an era, no one


def test_the_n_biggest_is_a_group_a_sentence_may_call_by_its_number():
    from assistant.answer.evidence import _conflicts
    from assistant.text import related

    q = analyse("What share of the money do the three biggest projects take?", Lexicon([]))
    assert q.top_n == 3 and q.superlative == "max"
    text = "Together these three projects take 38% of all the money."
    assert not _conflicts(q, text, text, related)
    assert _conflicts(q, "Two projects take 12% of the money.", "", related)


def test_who_is_answered_by_a_person_before_an_organisation():
    from assistant.answer.types import people_of

    lexicon = Lexicon.build([], [GlossaryTerm(en="Brightwater Mills", zh=[], type="company")])
    q = analyse("Who founded the museum?", lexicon)
    club = "Brightwater Mills gave the museum its first loom."
    person = "The weaver Anna Sorel gave the museum its first loom."
    assert not people_of(club, answer_spans(q, club, lexicon), lexicon)
    assert people_of(person, answer_spans(q, person, lexicon), lexicon)


def test_a_unit_the_question_names_is_the_one_its_figure_must_have():
    lexicon = Lexicon([])
    q = analyse("How long can the eel grow, in metres?", lexicon)
    from assistant.answer.types import counted, unit_match

    text = "The eel may live for 30 years, and it grows to 2 metres."
    spans = answer_spans(q, text, lexicon)
    wanted = counted(q)
    assert unit_match(text, [s for s in spans if text[s[0] : s[1]] == "2"], wanted)
    assert not unit_match(text, [s for s in spans if text[s[0] : s[1]] == "30"], wanted)


def test_a_bare_count_gives_no_measure():
    from assistant.answer.types import any_bare, measure_asked

    lexicon = Lexicon([])
    q = analyse("How fast can the ferry sail?", lexicon)
    text = "The ferry sails to the island three times a day."
    assert measure_asked(q) and any_bare(text, answer_spans(q, text, lexicon))  # a count, where a speed is asked
    assert measure_asked(analyse("How long is the pier, in metres?", lexicon))
    assert not measure_asked(analyse("How many boats sail to the island?", lexicon))
    assert not measure_asked(analyse("How big is the fishing industry?", lexicon))  # in money or in firms


def test_a_figure_of_a_group_is_not_that_of_one_example_of_it():
    from assistant.answer.evidence import _conflicts
    from assistant.text import related

    lexicon = Lexicon.build([], [GlossaryTerm(en="Tarby", zh=[], type="city")])
    q = analyse("How many bakeries are there in Tarby?", lexicon)
    group = "The other 20 bakeries are spread over small towns, including Tarby, Moss and Holm."
    assert _conflicts(q, group, group, related)
    own = "Tarby has 4 bakeries, including two on the harbour, the square and the hill."
    assert not _conflicts(q, own, own, related)


def test_what_is_the_measure_asks_for_a_figure_in_its_units():
    from assistant.answer.types import counted, measure_asked

    lexicon = Lexicon([])
    q = analyse("What's the average temperature at the summit?", lexicon)
    assert q.expects == "number" and measure_asked(q) and "degre" in counted(q)
    assert analyse("At what temperature does water boil?", lexicon).expects == "number"
    assert analyse("What is the name of the summit?", lexicon).expects == "text"


def test_how_long_something_lives_or_lasts_is_a_time_and_a_rate_is_no_time():
    from assistant.answer.types import counted, unit_fits

    lexicon = Lexicon([])
    wanted = counted(analyse("How long do the eels live?", lexicon))
    assert unit_fits("years", wanted) and not unit_fits("metres", wanted)
    assert not unit_fits("kilometres per hour", wanted)  # "per hour" is a speed, not a time
    assert not unit_fits("teeth", wanted, measure=True)  # a count is no measure
    assert unit_fits("metres", counted(analyse("How long is the pier?", lexicon)))


def test_a_name_the_articles_do_not_type_may_be_a_place():
    from assistant.answer.types import new_names

    q = analyse("Where was the hardest digging?", Lexicon([]))
    assert new_names(q, "The hardest part was the Marn Cut, a channel of 9 kilometres.") == ["Marn Cut"]
    assert new_names(q, "The digging was hard in 1907.") == []  # a sentence's first word and a year are no names


def test_a_sentence_stating_the_extreme_asked_needs_no_working_out():
    from assistant.answer.evidence import states_extreme
    from assistant.text import related

    lexicon = Lexicon([])
    q = analyse("Which segment has the largest share of companies?", lexicon)
    assert states_extreme(q, "By segment, pack assembly accounts for the largest share of companies, 29%.", related)
    assert not states_extreme(q, "Recycling grew fastest, and cell making has the largest share of the investment.", related)
    smallest = analyse("Which segment has the smallest share of companies?", lexicon)
    assert not states_extreme(smallest, "New batteries must contain a minimum share of recycled cobalt.", related)
    assert not states_extreme(analyse("Which segment employs the most people?", lexicon), "Madrid has 40 companies.", related)


def test_a_person_who_shows_or_says_something_is_what_the_answer_is_about_not_its_source():
    from assistant.answer.support import attributed
    from assistant.understand.lexicon import Entity

    lexicon = Lexicon([Entity("Tomas Berg", "person", pronoun="he"), Entity("Harbour Survey", "report")])
    assert attributed(analyse("What does the Harbour Survey show?", lexicon)) == {"Harbour Survey"}
    q = analyse("What did Tomas Berg show her?", lexicon)
    assert attributed(q) == set()
    assert {n.label for n in names_in_question(q, lexicon)} == {"Tomas Berg"}  # the evidence must name him


def test_show_and_tell_after_a_subject_are_words_of_the_question_not_of_asking():
    from assistant.answer.evidence import Judge

    judge = Judge(None, Lexicon([]), None, None)
    assert "show" in judge.question_terms(analyse("What did the keeper show the visitors?", Lexicon([])))
    assert "tell" in judge.question_terms(analyse("How do bees tell each other where food is?", Lexicon([])))
    assert "show" not in judge.question_terms(analyse("Show me the visitor numbers", Lexicon([])))
    assert "tell" not in judge.question_terms(analyse("Can you tell me when the light was lit?", Lexicon([])))


@pytest.mark.parametrize(
    "question",
    [
        "What was the share of recycling?",
        "What was the price tag of the new bridge?",
        "What is the population of Orsund?",
        "What did the new bridge cost?",
        "What were the fees for the ferry?",
    ],
)
def test_what_is_the_share_price_or_cost_of_something_asks_for_a_figure(question):
    assert analyse(question, Lexicon([])).expects == "number"
    assert analyse("What is the cost-benefit argument for the bridge?", Lexicon([])).expects == "text"


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("What caused the fire?", "reason"),
        ("What has led to the rise in visitors?", "reason"),
        ("What led the board to sell the harbour?", "reason"),
        ("What persuaded the council to close the mine?", "reason"),
        ("What led the team to the title?", "text"),  # where it went, not why
        ("How come the bridge failed?", "reason"),
        ("For what reason did she leave?", "reason"),
        ("What was caused by the flood?", "text"),  # the effect is asked, not the cause
        ("At what age did she marry?", "number"),
    ],
)
def test_a_cause_or_an_age_asked_without_why_or_how_old(question, expects):
    assert analyse(question, Lexicon([])).expects == expects


@pytest.mark.parametrize(
    ("question", "superlative"),
    [
        ("What led to the strike at the mill?", None),
        ("What led the board to sell the harbour?", None),
        ("Which expedition was led by Burden?", None),
        ("Which club leads the table?", "max"),
        ("Who led the league after ten rounds?", "max"),
        ("Where do the most visitors come from?", "max"),
        ("Where do visitors mostly come from?", None),  # mainly, not a superlative
    ],
)
def test_leading_somewhere_or_to_something_is_no_rank(question, superlative):
    assert analyse(question, Lexicon([])).superlative == superlative


def test_a_people_named_in_the_plural_is_said_by_its_country_too():
    names = names_in_question(analyse("Why did the Germans leave the island?", Lexicon([])), Lexicon([]))
    assert any("Germany" in n.variants for n in names)


def test_one_standing_for_a_noun_is_no_figure_and_a_population_counts_people():
    from assistant.answer.types import counted

    lexicon = Lexicon([])
    q = analyse("How many shores does Skarra have?", lexicon)
    text = "The western shore is much wetter than the eastern one, since it faces the sea."
    assert answer_spans(q, text, lexicon) == []
    counts = "Skarra has only one shore."
    assert [counts[a:b] for a, b in answer_spans(q, counts, lexicon)] == ["one"]
    assert "peopl" in counted(analyse("What is the population of Skarra?", lexicon))


def test_a_budget_price_or_cost_asked_is_an_amount_of_money_not_any_figure():
    lexicon = Lexicon([])
    q = analyse("What is the budget of the harbour plan?", lexicon)
    assert answer_spans(q, "The harbour plan will set up 20 new berths by 2030.", lexicon) == []
    text = "The harbour plan has a budget of €85 million."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["85"]


def test_a_first_word_names_the_shortest_of_the_names_it_begins():
    from assistant.ingest.entities import EntityRecord

    learned = [EntityRecord(name="Kestrun Systems", type="organisation"), EntityRecord(name="Kestrun Delta Camp", type="organisation")]
    lexicon = Lexicon.build([], [], corpus_words={"systems", "delta", "camp"}, learned=learned)
    q = analyse("How many towns has Kestrun's network reached?", lexicon)
    assert [m.entity.name for m in q.mentions] == ["Kestrun Systems"]  # the camp is named after the company


def test_a_label_of_a_list_is_no_name_where_the_articles_write_it_in_lower_case():
    from assistant.ingest.entities import EntityRecord

    learned = [EntityRecord(name="Revenue", type="entity"), EntityRecord(name="Kestrun", type="entity")]
    lexicon = Lexicon.build([], [], corpus_words={"revenue", "rose."}, learned=learned)
    assert [m.entity.name for m in lexicon.find("What was Kestrun's revenue?")] == ["Kestrun"]


@pytest.mark.parametrize(
    ("question", "text", "typed"),
    [
        # a measure is asked: a bare count of something else gives no figure of it
        ("What's the average temperature at the summit?", "The climb passes through five climate zones.", 0.0),
        ("How high do the satellites orbit?", "The satellites orbit 20,200 km above the Earth.", 1.0),
        ("How often do the robots finish a task?", "The robots finish 92% of their tasks.", None),  # a rate says how often
        # the words after a figure's unit may name its measure: a height is no depth
        ("How deep is the lake?", "The lake lies 26 metres above sea level.", 0.0),
        ("How high is the tower?", "The tower is 38 metres tall.", 1.0),
        ("How tall is the dam?", "Ships are raised 26 metres above sea level by the dam.", 0.0),  # an elevation
        ("How high is the pass?", "The pass lies 2,400 metres above sea level.", 1.0),
    ],
)
def test_a_measure_asked_is_typed_by_its_units(question, text, typed):
    from assistant.answer.evidence import figure_typed
    from assistant.answer.types import counted

    lexicon = Lexicon([])
    q = analyse(question, lexicon)
    found = figure_typed(q, text, answer_spans(q, text, lexicon), {r for t in counted(q) for r in lexicon.related(t)})
    assert found == typed if typed is not None else found > 0.0


def test_by_when_asks_for_a_date_things_are_due_by():
    from assistant.answer.evidence import _DEADLINE_ASKED, due_by

    lexicon = Lexicon([])
    q = analyse("By when?", lexicon)
    assert q.expects == "date" and _DEADLINE_ASKED.search(q.norm)
    due = "- 5 million overnight stays a year by 2027;"
    adopted = 'The board adopted a plan called "Harbour 2030" in November 2024.'
    assert due_by(due, answer_spans(q, due, lexicon))
    assert not due_by(adopted, answer_spans(q, adopted, lexicon))
    assert due_by("The pier will stay open until the end of 2031.", [(41, 45)])


def test_a_cause_whose_result_clause_tells_what_was_asked_gives_the_reason():
    from types import SimpleNamespace

    from assistant.answer.evidence import Judge, names_in_question
    from assistant.config import ReaderSettings

    words_alike = SimpleNamespace(document_frequency={}, idf=lambda term: 1.0)  # every word weighs the same
    judge = Judge(words_alike, Lexicon([]), None, ReaderSettings())
    q = analyse("Why did the river end up running down the high street?", Lexicon([]))

    def typed(text):
        return judge.features(q, text, "", dense=0.5, passage=0.5, spans=[], names=names_in_question(q, Lexicon([]))).typed

    assert typed("A stone culvert became blocked with branches, diverting the river down the high street.") == 1.0
    assert typed("The river ran down the high street on 4 May.") == 0.0  # what happened, not why
    assert typed("The mayor visited, including the high street and the river.") == 0.0  # no result clause


def test_how_many_people_live_somewhere_asks_its_population():
    from assistant.answer.types import counted, unit_match
    from assistant.text import related, stem

    lexicon = Lexicon([])
    text = "In Brekke, population 6,850, 960 homes took in water."
    figure = (text.index("6,850"), text.index("6,850") + 5)
    for asked in ("How many people live in Brekke?", "What's the total population of Brekke?"):
        wanted = counted(analyse(asked, lexicon))
        assert stem("population") in wanted and unit_match(text, [figure], wanted), asked
    assert stem("population") in related(stem("live"))


def test_how_many_people_work_for_something_asks_its_staff():
    from assistant.answer.types import counted, unit_match
    from assistant.text import terms

    text = "The trust employed 9,412 staff at the end of March."
    figure = (text.index("9,412"), text.index("9,412") + 5)
    assert unit_match(text, [figure], counted(analyse("How many people work for the trust?", Lexicon([]))))
    assert "employ" in terms("How many people work for the trust?")  # "work for" is "employed by"


def test_a_figure_counts_its_own_noun_not_a_label_or_what_it_is_counted_per():
    from assistant.answer.evidence import PARTLY_TYPED, figure_typed
    from assistant.answer.types import counted, counted_head, counted_words
    from assistant.text import related, stem

    lexicon = Lexicon([])
    q = analyse("How many ferry trips were made in 2023?", lexicon)
    assert counted_head(q) == stem("trips")
    assert counted_head(analyse("How many people live in Holm?", lexicon)) == stem("people")
    wanted = {r for t in counted(q) | counted_words(q) for r in related(t)}
    head = related(stem("trips"))

    def typed(text: str) -> float:
        return figure_typed(q, text, answer_spans(q, text, lexicon), wanted, head)

    assert typed("The ferry made 4,120 trips in 2023.") == 1.0
    assert typed("The ferry made 4,120 journeys in 2023.") == 1.0  # a trip is a journey
    assert typed("The ferry carried about 40 passengers per trip in 2023.") == PARTLY_TYPED
    labelled = analyse("How many ferry routes were there in 2023?", lexicon)
    text = "Boats on Route 7 ran late in 2023."  # a route's number is no count of routes
    spans = answer_spans(labelled, text, lexicon)
    assert figure_typed(labelled, text, spans, {r for t in counted_words(labelled) for r in related(t)}) < 1.0


def test_a_date_of_the_opposite_event_is_not_the_date_asked():
    from assistant.answer.evidence import _date_of_opposite

    lexicon = Lexicon([])
    q = analyse("When will the Kelby baths shut?", lexicon)
    opened = "The planned closure of the Kelby baths, which opened in 1936, saves money."
    shut = "The Kelby baths will shut on 31 August."
    assert all(_date_of_opposite(q, opened, s) for s in answer_spans(q, opened, lexicon))
    assert not any(_date_of_opposite(q, shut, s) for s in answer_spans(q, shut, lexicon))


def test_the_role_a_who_question_asks_and_the_role_a_sentence_gives_a_person():
    from assistant.answer.types import role_asked, title_of
    from assistant.text import stem

    lexicon = Lexicon([])
    assert role_asked(analyse("who's the leader of the Kelby council?", lexicon)) == stem("leader")
    assert role_asked(analyse("Who is Kelby's finance chief?", lexicon)) == stem("chief")
    assert role_asked(analyse("Who was the first person to sail there?", lexicon)) is None
    assert role_asked(analyse("Who is the mayor of Kelby?", lexicon)) == stem("mayor")  # not "Kelby"
    text = (
        "The finance officer, Omar Pike, spoke. Council leader Ruth Sande agreed. Mira Holt, the fleet master, said no. Then Ivo Lund left."
    )

    def title(name):
        start = text.index(name)
        return title_of(text, (start, start + len(name)))

    assert (title("Omar Pike"), title("Ruth Sande"), title("Mira Holt")) == (stem("officer"), stem("leader"), stem("master"))
    assert title("Ivo Lund") is None  # "Then" is no role


def test_who_took_a_persons_place_is_told_by_a_sentence_naming_someone_else_after_him():
    lexicon = Lexicon.build([], [GlossaryTerm(en=n, zh=[], type="person") for n in ("Ivo Lund", "Mira Holt")])
    judge = judge_of(lexicon)
    before = "Captain Ivo Lund retired as fleet master in June."
    text = "Captain Mira Holt took over as fleet master on 1 July."

    def features(question):
        q = analyse(question, lexicon)
        return judge.features(q, text, before, dense=0.5, passage=0.5, spans=[], names=names_in_question(q, lexicon))

    assert not features("Who replaced Ivo Lund as fleet master?").absent  # the sentence before names him
    assert features("When did Ivo Lund retire?").absent  # what Mira Holt did is not about him


def test_a_person_holding_another_role_is_not_the_holder_asked():
    lexicon = Lexicon([])
    judge = judge_of(lexicon)
    q = analyse("Who is the leader of the fleet?", lexicon)

    def typed(text):
        spans = answer_spans(q, text, lexicon)
        return judge.features(q, text, "", dense=0.5, passage=0.5, spans=spans, names=names_in_question(q, lexicon)).typed

    assert typed("The fleet's finance officer, Omar Pike, spoke.") == 0.0
    assert typed("Fleet leader Ruth Sande spoke.") == 1.0
    assert typed("Ruth Sande spoke for the fleet.") == 1.0  # no role given: she may hold it
    assert typed("Board chair Tom Ekdal spoke.") == 1.0  # a chair heads the board: a leader
    q = analyse("Who is the fleet's finance director?", lexicon)
    assert typed("Board chair Tom Ekdal spoke.") == 0.0  # but is no finance director
    assert typed("Finance director Asha Rey spoke.") == 1.0
    q = analyse("Who is the fleet's finance chief?", lexicon)
    assert typed("Chief executive Lena Brandt spoke.") == 0.0  # a chief, of no finance
    assert typed("Chief financial officer Asha Rey spoke.") == 1.0  # the finance chief, by another title
    q = analyse("Who is the leader of the fleet?", lexicon)
    assert typed("The fleet's chief finance officer, Omar Pike, spoke.") == 0.0  # "chief" in a title is no leader
    mayor = analyse("Who is the mayor of Kelby?", lexicon)
    byline = "The Kelby Gazette, Thursday 27 February 2025"
    features = judge.features(mayor, byline, "", dense=0.5, passage=0.5, spans=[], names=names_in_question(mayor, lexicon))
    assert features.conflicts == ("mayor",)  # a line that names no mayor does not say who it is


def test_a_sentence_referring_back_to_the_top_one_is_about_the_top_one():
    lexicon = Lexicon([])
    judge = judge_of(lexicon)
    q = analyse("Which club did the top scorer sign from?", lexicon)
    before = "The top scorer was Dan Oka, with 23 goals."

    def conflicts(text):
        return judge.features(q, text, before, dense=0.5, passage=0.5, spans=[], names=names_in_question(q, lexicon)).conflicts

    assert not conflicts("The 26-year-old, signed from Millbrook Town last summer, missed five weeks.")
    assert not conflicts("He signed from Millbrook Town last summer.")
    assert conflicts("Millbrook Town sold two players last summer.")  # another sentence: no top scorer of its own


def test_the_figure_of_what_is_counted_and_the_holder_of_the_role_come_first():
    lexicon = Lexicon([])
    judge = judge_of(lexicon)

    def first(question, text):
        q = analyse(question, lexicon)
        a, b = judge.answer_first(q, names_in_question(q, lexicon), text, answer_spans(q, text, lexicon))[0]
        return text[a:b]

    species = "About 400 species of coral grow there, with over 1,500 species of fish and 30 boats."
    assert first("How many kinds of fish live on the reef?", species) == "1,500"
    roles = "The finance officer, Omar Pike, and the fleet leader, Ruth Sande, spoke."
    assert first("Who is the leader of the fleet?", roles) == "Ruth Sande"


def test_how_many_people_died_is_counted_in_lives_lost():
    from assistant.answer.types import counted, unit_match
    from assistant.text import stem

    lexicon = Lexicon([])
    q = analyse("How many people died when the ferry sank?", lexicon)
    text = "The ferry sank in 1791 with the loss of 35 lives."
    figure = (text.index("35"), text.index("35") + 2)
    assert stem("lives") in counted(q) and unit_match(text, [figure], counted(q))


@pytest.mark.parametrize(
    "question", ["What price did the council pay for the pier?", "What toll does a ferry pay?", "What fee do visitors pay at the gate?"]
)
def test_what_price_or_toll_was_paid_asks_an_amount(question):
    assert analyse(question, Lexicon([])).expects == "number"


def test_how_big_a_deficit_asks_an_amount_of_money_but_how_large_a_share_does_not():
    from assistant.answer.types import money_asked

    assert money_asked(analyse("How big a deficit did the trust run?", Lexicon([])))
    assert not money_asked(analyse("How large a share of the cost did the agency pay?", Lexicon([])))


def test_a_year_the_sentence_before_gives_is_not_that_of_a_sentence_about_a_later_one():
    lexicon = Lexicon([])
    judge = judge_of(lexicon)

    def absent(question, text, before):
        q = analyse(question, lexicon)
        return judge.features(q, text, before, dense=0.5, passage=0.5, spans=[], names=names_in_question(q, lexicon)).absent

    before = "In 2030, 81 percent of ferries left on time."
    assert absent("What share of ferries ran on time in 2030?", "The target is 85 percent by the end of 2032.", before) == ("2030",)
    assert not absent("What share of ferries ran on time in 2030?", "That was up from 76 percent in 2029.", before)
    later = "Kelby employed 412 people at the end of 2031, 56 more than a year earlier."
    assert not absent("How many people did Kelby employ in 2030?", later, "")  # a year earlier than 2031


def test_someone_leading_a_search_heads_it_and_ranks_nothing():
    from assistant.text import related, stem

    lexicon = Lexicon([])
    assert analyse("Who is leading the hunt for a new chair?", lexicon).superlative is None
    assert analyse("Which team is leading the league?", lexicon).superlative == "max"
    assert stem("search") in related(stem("hunt"))


def test_which_company_is_answered_by_a_name_of_no_other_kind():
    terms = [("Orrin Ferries", "company"), ("Varn Works", "organisation"), ("Kelby", "city")]
    lexicon = Lexicon.build([], [GlossaryTerm(en=en, zh=[], type=kind) for en, kind in terms])
    judge = judge_of(lexicon)
    q = analyse("Which company built the lifts?", lexicon)

    def typed(text):
        spans = answer_spans(q, text, lexicon)
        return judge.features(q, text, "", dense=0.5, passage=0.5, spans=spans, names=names_in_question(q, lexicon)).typed

    assert typed("The lifts were built by Orrin Ferries.") == 1.0
    assert typed("The lifts were built by the firm Varn Works.") == 0.5  # an organisation may be a company
    assert typed("The lifts were built by the American firm Otis.") == 0.5  # a name of no known kind
    assert typed("The lifts were built in Kelby by American hands.") == 0.0  # a city and a people are no company
    assert typed("The lifts were shown at the Spring Fair.") == 0.0  # a name no word calls a company


def test_an_opening_phrase_is_not_quoted_without_its_main_clause():
    from assistant.answer.clauses import best_window

    sentence = "Building on the work of Anna Hale and Ivo Lund on fever, Mira Holt drained the swamps of Kelby."
    start = sentence.index("Anna Hale")
    window = best_window(sentence, 0, must=[(start, start + len("Anna Hale"))], question_terms=["fever", "head"])
    assert "Mira Holt" in window.text, window.text  # who did it is in the main clause
    plain = "Kelby leads with 21 ships, followed by Orrin with 12."
    assert best_window(plain, 0, must=[(0, 5)], question_terms=["ships", "lead"]).text == "Kelby leads with 21 ships"


def test_what_street_asks_a_place_a_thing_is_on():
    lexicon = Lexicon([])
    q = analyse("What street is the Kelby library on?", lexicon)
    text = "Kelby Library opened in May inside the new hub on Kiln Lane."
    assert q.expects == "place"
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["Kiln Lane"]
    assert not answer_spans(q, "Kelby Library opened on Monday.", lexicon)  # a day is no street


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("Where did the capsule come down?", "place"),
        ("Where did the balloon come to rest?", "place"),
        ("Where does the club come in the table?", "text"),  # a position
        ("Where does Eastbay rank?", "text"),
    ],
)
def test_where_a_thing_comes_down_is_a_place_where_it_comes_in_a_list_a_position(question, expects):
    assert analyse(question, Lexicon([])).expects == expects


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("What does the average household now pay for water?", "number"),
        ("What did the tunnel end up costing in total?", "number"),
        ("What did fundraising cost the trust last year?", "number"),
        ("What did the grant pay for?", "text"),  # a thing paid for
        ("What did the pay deal include?", "text"),  # "pay" a noun
    ],
)
def test_what_something_costs_or_pays_is_an_amount(question, expects):
    assert analyse(question, Lexicon([])).expects == expects


def test_a_penny_is_money_and_what_a_thing_ended_up_costing_is_an_amount_of_it():
    from assistant.answer.types import money_asked

    lexicon = Lexicon([])
    q = analyse("What was the fee for walking through the tunnel?", lexicon)
    text = "About 50,000 people walked through it on the first day, each paying a toll of one penny."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["one"]
    q = analyse("What did the tunnel end up costing in total?", lexicon)
    assert money_asked(q)
    assert not answer_spans(q, "The works stood idle for seven years.", lexicon)  # a span of time is no cost


def test_rupees_are_money_and_lakh_and_crore_are_scales():
    from assistant.answer.types import in_money
    from assistant.numbers import SCALES

    lexicon = Lexicon([])
    q = analyse("How much does a home system cost before the subsidy?", lexicon)
    text = "The typical home system is 3.2 kilowatts and costs about \u20b91.6 lakh before subsidy."
    assert [text[a:b] for a, b in answer_spans(q, text, lexicon)] == ["1.6"]
    assert in_money("lakh", "Rs 4 lakh") and SCALES["crore"] == 1e7


def test_the_currencies_of_other_times_are_money():
    from assistant.answer.types import in_money

    lexicon = Lexicon([])
    q = analyse("What did the concert hall finally cost to build?", lexicon)
    text = "The hall was budgeted at 12 million marks but finally cost 18.6 million marks."
    assert "18.6" in [text[a:b] for a, b in answer_spans(q, text, lexicon)]
    assert in_money("million guilders", "400,000 guilders") and in_money("lire", "9,000 lire")


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("What was the date of Anton Keller's death?", "date"),
        ("what's the exact year of the first crossing", "date"),
    ],
)
def test_what_the_date_of_an_event_was_asks_when(question, expects):
    assert analyse(question, Lexicon([])).expects == expects
    assert analyse("What was the year-on-year growth in sales?", Lexicon([])).expects != "date"


def test_a_first_time_entry_is_no_rank_and_number_one_is_the_top():
    from assistant.answer.evidence import _conflicts
    from assistant.text import related
    from assistant.understand.lexicon import Entity

    assert analyse("How many of the firms are first-time entries?", Lexicon([])).filter is None
    q = analyse("Which company is number one on the list?", Lexicon([Entity(name="Kessa", type="company")]))
    top = "At the top of the ranking is Kessa, a maker of pumps."
    assert q.filter == ("==", 1) and not _conflicts(q, top, top, related)
    assert _conflicts(q, "Kessa makes pumps.", "Kessa makes pumps.", related)
    named = "Kessa is on the Pump Makers Top 50 list."  # a "Top 50" in a name is no first place
    assert _conflicts(q, named, named, related)


def test_being_killed_is_dying_and_a_world_war_is_named_short():
    from assistant.answer.evidence import names_in_question
    from assistant.text import related, stem

    assert stem("killed") in related(stem("die"))
    assert stem("financial") in related(stem("finance"))  # "the finance chief" is the chief financial officer
    names = names_in_question(analyse("How many vans did she equip during WWI?", Lexicon([])), Lexicon([]))
    assert "First World War" in names[0].variants


def test_a_role_a_fact_gives_is_held_under_any_of_its_titles():
    from assistant.understand.lexicon import Entity

    lexicon = Lexicon([Entity("chief", "role"), Entity("NASA", "organisation")])
    q = analyse("Which NASA chief called off the last servicing mission?", lexicon)
    text = "In 2004 NASA Administrator Sean O'Keefe cancelled the final servicing mission."
    features = judge_of(lexicon).features(q, text, "", dense=0.5, passage=0.5, spans=[], names=names_in_question(q, lexicon))
    assert not features.absent, features.absent
    other = "In 2004 NASA engineer Sean O'Keefe cancelled the final servicing mission."
    assert judge_of(lexicon).features(q, other, "", dense=0.5, passage=0.5, spans=[], names=names_in_question(q, lexicon)).absent


def test_a_surname_in_the_plural_names_the_people_of_that_family():
    from assistant.understand.lexicon import Entity

    lexicon = Lexicon([Entity("Anton Holm", "person", {"Anton"}), Entity("Ingrid Holm", "person"), Entity("Holms", "organisation")])
    q = analyse("When did the Holms launch the Gull?", lexicon)
    variants = next(n.variants for n in names_in_question(q, lexicon) if n.label == "Holms")
    assert {"Holm", "Anton Holm", "Anton", "Ingrid Holm"} <= set(variants), variants


def test_what_a_thing_weighs_is_a_mass_not_any_figure():
    from assistant.answer.types import counted, measure_asked

    q = analyse("How much does the new telescope weigh?", Lexicon([]))
    assert measure_asked(q) and stem("kilograms") in counted(q) and stem("metres") not in counted(q)


def test_an_ordinal_asked_is_not_answered_by_a_sentence_about_another_of_the_same_thing():
    from assistant.answer.evidence import _conflicts
    from assistant.text import related

    q = analyse("Who commanded the second servicing mission?", Lexicon([]))
    first = "The first servicing mission, flown in December 1993, was led by Dora Lind."
    assert "second servicing" in _conflicts(q, first, first, related)
    both = "The second servicing mission, unlike the first servicing mission, was led by Dora Lind."
    assert not _conflicts(q, both, both, related)


def test_an_age_answers_how_old_but_counts_nothing():
    from assistant.answer.evidence import figure_typed

    text = "The architect died in Copenhagen in 2008 at the age of 90, and a 45-year-old builder took over."
    spans = [(text.index("90"), text.index("90") + 2), (text.index("45"), text.index("45") + 2)]
    count = analyse("How many construction workers died while it was built?", Lexicon([]))
    assert figure_typed(count, text, spans, {stem("workers")}) == 0.0
    age = analyse("How old was the architect when he died?", Lexicon([]))
    assert figure_typed(age, text, spans, set()) > 0


def test_a_count_of_other_things_does_not_say_how_many_were_asked():
    from assistant.answer.evidence import figure_typed
    from assistant.text import related

    q = analyse("How many volunteers work in the Northern region?", Lexicon([]))
    text = "The Northern region now runs 164 clubs, the Coastal region 131 and the Midland region 117."
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d+", text)]
    assert figure_typed(q, text, spans, related(stem("volunteers"))) == 0.0
    routes = "The airline added eight new routes, lifting the number of destinations served from 19 to 27."
    destinations = analyse("How many destinations can you fly to now?", Lexicon([]))
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d+|eight", routes)]
    assert figure_typed(destinations, routes, spans, related(stem("destinations"))) > 0  # it writes what is counted
    assert stem("labourers") in related(stem("workers"))
    staff = "The Northern region has 164 volunteers, the Coastal region 131."
    assert figure_typed(q, staff, [(m.start(), m.end()) for m in re.finditer(r"\d+", staff)], related(stem("volunteers"))) == 1.0
    homes = analyse("How many homes does the utility supply?", Lexicon([]))
    assert stem("households") in related(stem("homes")) and homes.expects == "number"


def test_a_peoples_companies_are_that_country_s_and_their_share_is_no_count_of_them():
    from assistant.answer.evidence import figure_typed
    from assistant.understand.lexicon import Entity

    lexicon = Lexicon([Entity("French companies", "company")])
    q = analyse("how many French companies are in the ranking?", lexicon)
    assert "France" in names_in_question(q, lexicon)[0].variants
    share = "German startups took 41% of the total, while French companies took 19%."
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d+", share)]
    count = "France came second with seven companies."
    assert figure_typed(q, share, spans, {stem("companies")}) < figure_typed(q, count, [(25, 30)], {stem("companies")}) == 1.0


def test_a_record_does_not_answer_what_a_thing_usually_is():
    from assistant.answer.evidence import _conflicts
    from assistant.text import related

    record = "the lowest toll ever paid was 36 cents, by an adventurer who swam the canal."
    assert _conflicts(analyse("How much does a container ship pay in tolls?", Lexicon([])), record, record, related)
    assert not _conflicts(analyse("What is the lowest toll anyone has paid?", Lexicon([])), record, record, related)
    assert not _conflicts(analyse("What's the cheapest toll ever paid?", Lexicon([])), record, record, related)
    year = "it was the airport's busiest year ever, with 1,284,000 passengers."
    assert not _conflicts(analyse("How many passengers used the airport that year?", Lexicon([])), year, year, related)


def test_what_one_died_of_asks_the_cause_a_sentence_gives_by_died_of():
    from assistant.answer.types import REASON_RE
    from assistant.text import related

    assert analyse("what did aron lind die of", Lexicon([])).expects == "reason"
    assert REASON_RE.search("Several of his toes were amputated, and he died of tetanus on 22 July 1869.")
    assert not REASON_RE.search("He died on 22 July 1869 in Eastbay.")
    assert related(stem("main")) & related(stem("lead")) and related(stem("headcount")) & related(stem("workforce"))


def test_what_drove_a_thing_into_a_state_and_whats_the_reason_ask_a_reason_that_a_purpose_can_give():
    from assistant.answer.types import REASON_RE
    from assistant.text import terms

    assert analyse("What drove the club into the red?", Lexicon([])).expects == "reason"
    assert analyse("whats the reason fares went up", Lexicon([])).expects == "reason"
    assert analyse("what's the reason fares went up", Lexicon([])).expects == "reason"
    assert terms("the club went into the red") == terms("the club went deficit")
    assert REASON_RE.search("Operators said the rises were needed to cover costs.")
    assert not REASON_RE.search("Two ferries are needed.")


def test_how_many_people_is_answered_by_a_figure_of_people_named_by_what_they_do():
    from assistant.answer.evidence import figure_typed
    from assistant.answer.types import counted

    lexicon = Lexicon([])
    q = analyse("How many people are allowed into the museum each day?", lexicon)
    text = "The museum introduced a limit of 9,000 visitors per day in 2021."
    spans = answer_spans(q, text, lexicon)
    assert [text[a:b] for a, b in spans] == ["9,000"]
    assert figure_typed(q, text, spans, counted(q)) == 1.0  # not a figure of some other thing
    q = analyse("How much money did the museum take in?", lexicon)
    assert counted(q) == set()  # an amount in any currency


def test_a_figure_against_a_year_earlier_in_a_dated_report_is_of_the_year_before_publication():
    lexicon = Lexicon([])
    judge = judge_of(lexicon)
    q = analyse("How much ticket income was there in 2025?", lexicon)
    text = "Ticket income rose to EUR 31 million, from EUR 27 million a year earlier."

    def absent(published):
        return judge.features(q, text, "", dense=0.5, passage=0.5, spans=[], names=[], published=published).absent

    assert absent(2026) == ()  # a report of 2026 compares 2025 with the year before
    assert absent(2030) == ("2025",)  # one of 2030 does not


def test_what_profit_or_income_a_subject_made_asks_an_amount_and_temporal_since_gives_no_reason():
    from assistant.answer.types import REASON_RE

    assert analyse("What profit did the Harbour Trust make last year?", Lexicon([])).expects == "number"
    assert analyse("what income does the club get from tickets", Lexicon([])).expects == "number"
    assert not REASON_RE.search("the highest level the trust has recorded since it began keeping records")
    assert not REASON_RE.search("fares have doubled since the start of the war")
    assert REASON_RE.search("The pier closed, since its deck was unsafe.")
    assert REASON_RE.search("She left the laboratory in 1920 for two reasons.")


def test_a_name_asked_for_is_given_by_a_name_and_not_by_a_sentence_without_one():
    lexicon = Lexicon([])
    judge = judge_of(lexicon)

    def typed(question, text):
        q = analyse(question, lexicon)
        spans = answer_spans(q, text, lexicon)
        return judge.features(q, text, "", dense=0.5, passage=0.5, spans=spans, names=names_in_question(q, lexicon)).typed

    asked = "What is the new hall at the Varn museum called?"
    assert typed(asked, "The museum opened the Ilse Brandt Hall, a glass extension, in May.") > typed(asked, "The hall holds 40 cases.")
    assert typed("What was the name of the keeper who drowned?", "Only one of the keepers drowned that winter.") == 0.0
    assert typed("What was the name of the keeper who drowned?", "The keeper, Jon Ask, drowned that winter.") > 0.0


@pytest.mark.parametrize(
    "question, expects",
    [
        ("which of the five biggest ferry firms saw its traffic fall", "entity"),  # a name, of a kind nobody typed
        ("Why? — by how much did its traffic fall?", "reason"),  # a follow-up's own question word, not the one asked before
        ("By when? — how many ferries will it buy?", "date"),
    ],
)
def test_the_kind_of_answer_is_read_from_the_words_that_ask_it(question, expects):
    assert analyse(question, Lexicon([])).expects == expects


def test_a_time_ago_is_no_figure_to_filter_by_and_a_kind_after_a_relative_clause_is_no_kind_asked():
    from assistant.understand.lexicon import Entity

    assert analyse("How does the size of the crew now compare with twelve months ago?", Lexicon([])).filter is None
    assert analyse("Which ferry lines have twelve ships?", Lexicon([])).filter == ("==", 12.0)
    lexicon = Lexicon([Entity("Varn Star", "ship"), Entity("Tern Queen", "ship")])
    q = analyse("what's the name of the river barges cross in the middle of the valley", lexicon)
    assert q.answer_type is None  # the river's name is asked, not a ship's
    assert analyse("which ship crossed the river first?", lexicon).answer_type == "ship"


@pytest.mark.parametrize(
    "question, superlative",
    [
        ("Which analyst was the lead writer of the ferry study?", None),  # a role
        ("Who is the lead engineer?", None),
        ("Which team took the lead in May?", "max"),  # first place
        ("which city is in the lead?", "max"),
    ],
)
def test_the_lead_before_a_noun_is_a_role_and_in_the_lead_is_first_place(question, superlative):
    assert analyse(question, Lexicon([])).superlative == superlative


def test_how_much_time_asks_how_long_not_how_much_money():
    from assistant.answer.types import money_asked

    q = analyse("How much time did the boat spend in the dry dock?", Lexicon([]))
    assert q.expects == "number" and not money_asked(q)
    text = "It was kept there for nearly three years."
    assert [text[a:b] for a, b in answer_spans(q, text, Lexicon([]))] == ["three"]
    assert money_asked(analyse("How much did the town spend on the dock?", Lexicon([])))


def test_how_many_people_is_counted_by_any_noun_of_people():
    from assistant.answer.types import counted_head_forms

    lexicon = Lexicon([])
    forms = counted_head_forms(analyse("How many people rode the tram in 2031?", lexicon), lexicon.related)
    assert {stem("passengers"), stem("residents"), stem("people")} <= forms
    assert stem("passengers") not in counted_head_forms(analyse("How many trucks crossed the bridge?", lexicon), lexicon.related)


def test_a_role_named_after_as_is_asked_and_an_honorific_is_no_title_of_a_post():
    from assistant.answer.types import role_asked, title_of

    lexicon = Lexicon([])
    assert role_asked(analyse("Who runs Tal Water as chief executive?", lexicon)) == stem("executive")
    assert role_asked(analyse("Who was born as Ann Lee?", lexicon)) is None
    text = "A review led by the engineer Dr. Ivo Lund found it."
    assert title_of(text, (text.index("Ivo"), text.index(" found"))) == stem("engineer")


def test_a_title_opening_the_sentence_is_the_title_of_the_name_after_it():
    from assistant.answer.types import title_of

    text = "Goalkeeper Ivo Lund played a central role; Albion managed only 8 clean sheets."
    assert title_of(text, (text.index("Ivo"), text.index(" played"))) == stem("goalkeeper")
    text = "Yesterday Ann Lee said so."
    assert title_of(text, (text.index("Ann"), text.index(" said"))) is None


def test_the_area_of_a_thing_is_a_measure_but_which_area_is_a_place():
    lexicon = Lexicon([])
    assert analyse("What was the smallest area the colonies covered?", lexicon).expects == "number"
    assert analyse("What is the area of the lake?", lexicon).expects == "number"
    assert analyse("Which area of the town flooded?", lexicon).expects != "number"


def test_where_a_thing_took_place_asks_a_place_and_where_it_ranks_does_not():
    lexicon = Lexicon([])
    assert analyse("Where did the Tal Invitational take place?", lexicon).expects == "place"
    assert analyse("Where does Eastbay rank?", lexicon).expects == "text"


def test_what_went_wrong_asks_a_reason():
    assert analyse("What went wrong for the team at the final?", Lexicon([])).expects == "reason"
