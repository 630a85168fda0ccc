"""Spelling correction against a corpus's own words: slips are read as the corpus spells them, while
everyday words and names the corpus does not have are left as they are."""

from __future__ import annotations

from assistant import offline
from assistant.understand.spelling import Vocabulary

TEXT = (
    "Varnholm Lighthouse stands on Skarra, where it was built when the harbour grew. Its long-term keepers kept a logbook. "
    "The chief executive of the harbour board lives on Orrin Street. "
    "The harbour of Northport handles long ships; Shenzhen and Beijing are far away."
)


def vocabulary() -> Vocabulary:
    offline.prepare()  # everyday English is judged by the offline BPE vocabulary
    return Vocabulary([TEXT])


def test_a_misspelt_corpus_name_is_read_as_the_corpus_spells_it():
    words = vocabulary()
    assert words.correct("Who built Varnholn Lighthouse?") == "Who built Varnholm Lighthouse?"
    assert words.correct("How far is shenzen?") == "How far is Shenzhen?"


def test_a_name_the_corpus_lacks_is_not_turned_into_one_of_its_words():
    words = vocabulary()
    assert words.correct("How many Hong Kong ships came?") == "How many Hong Kong ships came?"  # not "Long Long"
    assert words.correction("kong") is None  # a slip rarely hits the first letter


def test_everyday_words_are_never_corrected():
    words = vocabulary()
    assert words.correct("Who painted the shop red?") == "Who painted the shop red?"  # not "ship", a word of the corpus
    assert words.correct("Who painted the harbor red?") == "Who painted the harbour red?"  # the corpus's spelling of it


def test_a_word_the_corpus_writes_in_another_form_is_known():
    words = vocabulary()
    assert words.inflects("Keeper") and words.inflects("Logbooks") and words.inflects("ships")
    assert not words.inflects("Fisherman")  # no form of it anywhere


def test_an_abbreviation_is_read_as_the_word_the_corpus_writes():
    words = vocabulary()
    assert words.correct("Who is the chief exec? Does he live on Orrin St?") == (
        "Who is the chief executive? Does he live on Orrin Street?"
    )
    assert words.correct("How many km is it?") == "How many km is it?"  # the corpus writes no kilometres


def test_of_two_words_as_near_one_the_slip_only_drops_letters_of_is_meant():
    words = vocabulary()
    assert words.correct("Wher was the logbok kept?") == "Where was the logbook kept?"  # "wher" is no slip of "when"


def test_a_general_abbreviation_is_read_as_the_words_the_corpus_writes():
    words = vocabulary()
    assert words.correct("Where does the CEO of the harbour board live?") == "Where does the chief executive of the harbour board live?"
    assert words.correct("Who is the CFO?") == "Who is the CFO?"  # the corpus writes no chief financial officer
    meeting = Vocabulary(["The board met at its annual general meeting in Skarra."])
    assert meeting.correct("Where was the AGM held?") == "Where was the annual general meeting held?"


def test_a_contraction_written_without_its_apostrophe_is_read_as_the_contraction():
    words = vocabulary()
    assert words.correct("Why wasnt the logbook kept? Whats in its long-term store?") == (
        "Why wasn't the logbook kept? What's in its long-term store?"
    )


def test_a_word_capitalised_only_where_a_sentence_opens_is_corrected_in_lower_case():
    words = Vocabulary(["Chief executive Ann Lee said sales rose. Revenue grew.\n- Staff: 120"])
    assert words.correct("who is the cheif exec?") == "who is the chief executive?"  # no name "Chief"
    assert words.correct("what was the revenu?") == "what was the revenue?"


def test_two_letters_swapped_are_the_likeliest_slip_even_of_a_word_the_corpus_writes_only_inflected():
    offline.prepare()
    words = Vocabulary(["Studios received 86 million in grants. The relief fund helps small teams relieve costs."])
    assert words.correct("How much did studios recieve?") == "How much did studios receive?"  # not "relieve"


def test_a_first_name_slip_that_is_itself_a_word_is_read_as_the_name_before_a_surname_of_the_corpus():
    words = Vocabulary(["Maren Holt founded the yard in 1902. In 1911 Maren Holt sold it to Ivar Lund."])
    offline.prepare()
    assert words.correct("When did Maren Holt sell the yard?") == "When did Maren Holt sell the yard?"
    assert words.correct("When did Mare Holt sell the yard?") == "When did Maren Holt sell the yard?"
    assert words.correct("When did the Mare sell the yard?") == "When did the Mare sell the yard?"  # no surname after it
    assert words.correct("Did Mare Lund sell it?") == "Did Maren Lund sell it?"


def test_each_part_of_a_hyphenated_slip_is_read_on_its_own():
    offline.prepare()
    words = Vocabulary(["Ann Lee, the trust's Vice-President for Research, said the keepers stayed."])
    assert words.correct("Who is the Vice-Presdient for Research?") == "Who is the Vice-President for Research?"


def test_an_ending_added_without_doubling_the_last_letter_is_read_as_the_doubled_form():
    offline.prepare()
    words = Vocabulary(["Since 2020 the trust has been run by Ann Lee. The keepers stopped the boat."])
    assert words.correct("Who is runing the trust?") == "Who is running the trust?"
    assert words.correction("stoped") == "stopped"
    refitted = Vocabulary(["The trust refitted the boat in Bergen."])
    assert refitted.correct("Where did they refit the boat?") == "Where did they refit the boat?"  # not "refitt"


def test_a_word_spelt_as_the_other_side_of_the_atlantic_spells_it_is_read_as_the_corpus_writes_it():
    offline.prepare()
    words = Vocabulary(["Professor Rudge has been the team's faculty adviser since 2016. The city centre was organised in 1850."])
    assert words.correct("Who is the faculty advisor? Who organized the center?") == "Who is the faculty adviser? Who organised the centre?"
    assert words.correct("What did the four of them pay?") == "What did the four of them pay?"  # a short word is no variant


def test_a_co_op_and_a_kilo_are_the_cooperative_and_the_kilogram_the_corpus_writes():
    offline.prepare()
    words = Vocabulary(["The cooperative paid growers 0.92 euros per kilogram."])
    assert words.correct("What did the co-op pay per kilo?") == "What did the cooperative pay per kilogram?"
    assert words.correct("What was the co-op's turnover?") == "What was the cooperative's turnover?"


def test_a_slip_of_a_word_the_corpus_capitalises_only_where_a_sentence_opens_is_read_in_lower_case():
    offline.prepare()
    words = Vocabulary(["Punctuality remained a weak point. Flights from Shenzhen were late."])
    assert words.correct("Why did punctualty get worse? How far is shenzen?") == "Why did punctuality get worse? How far is Shenzhen?"


def test_a_slip_near_two_forms_of_one_word_is_read_as_that_word():
    offline.prepare()
    # "exhibtion" is as near "exhibition" as "exhibtions" is to "exhibitions": one word, not two to choose between
    words = Vocabulary(["The museum staged four exhibitions. The largest exhibition drew crowds."])
    assert words.correct("Which exhibtion drew the most?") == "Which exhibition drew the most?"
