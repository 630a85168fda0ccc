"""Years a question gives relative to now, read against the date its article was published."""

from __future__ import annotations

from assistant.corpus import Article
from assistant.understand.relative import anchored, asks_relative_year, published_year, reported_year


def test_the_year_an_article_was_published_comes_from_its_metadata_or_its_dateline():
    assert published_year(Article(id="a", title="Results", text="Revenue rose.", published="2031-03-06")) == 2031
    dateline = "Orrin Ferries plc – Results 2030\n\nKelby, 6 March 2031 – Orrin Ferries today announces its results for 2030."
    assert published_year(Article(id="b", title="Results", text=dateline)) == 2031
    report = "This review was prepared by the committee and published in March 2031. It examines 2030."
    assert published_year(Article(id="c", title="Review", text=report)) == 2031
    assert published_year(Article(id="d", title="Lighthouse", text="The lighthouse was first lit in 1871.")) is None
    byline = "Waits grow at Kelby hospital\n\nPublished 14 October 2031\nBy Ana Pike\n\nWaits grew."
    assert published_year(Article(id="e", title="Waits", text=byline)) == 2031
    own_line = "Kelby Water cuts leakage\n\nKelby, 14 March 2031\n\nKelby Water said on Thursday that leakage fell."
    assert published_year(Article(id="f", title="Leakage", text=own_line)) == 2031  # a dateline on a line of its own
    assert published_year(Article(id="g", title="Ferries", text="Ferries, 14 March 2031 and after\n\nText.")) is None


def test_the_year_before_is_said_by_a_year_earlier_or_in_a_dated_article_by_its_number():
    from assistant.answer.evidence import _says_when

    assert _says_when("previous year", "membership grew to 6,840 from 5,210 a year earlier.")
    assert _says_when("last year", "interruptions rose to 3,950, from 2,870 in 2030.", 2032)  # a report of 2032 on 2031
    assert _says_when("last year", "in 2031 the works were finished.", 2032)
    assert not _says_when("last year", "in 2031 the works were finished.", 2033)
    assert not _says_when("last year", "in 2031 the works were finished.")
    assert not _says_when("next year", "membership grew a year earlier.")


def test_last_this_and_next_year_are_written_out_for_the_year_of_publication():
    assert asks_relative_year("How many passengers were carried last year?")
    assert not asks_relative_year("How many passengers were carried in 2030?")
    assert anchored("How many passengers were carried last year?", 2031) == "How many passengers were carried in 2030?"
    assert anchored("What was on last year's list?", 2031) == "What was on the 2030 list?"
    assert anchored("What is planned for next year?", 2031) == "What is planned for 2032?"
    assert anchored("How did this year's results compare?", 2031) == "How did the 2031 results compare?"
    # "over the last year" is the twelve months up to now, not the year before
    assert not asks_relative_year("How much did the roasters raise over the last year?")
    assert not asks_relative_year("What grew most in the past year?")
    from assistant.understand.relative import RELATIVE_TIME

    assert not RELATIVE_TIME.search("how much did they raise over the last year?")
    assert RELATIVE_TIME.search("how much did they raise last year?") and RELATIVE_TIME.search("who won in the last edition?")
    assert RELATIVE_TIME.search("what is the last year's list of french companies?")  # the year before's list
    assert anchored("What is the last year's list?", 2031) == "What is the 2030 list?"


def test_a_question_about_last_year_is_answered_from_a_dated_report(tmp_path, real_embeddings):
    from tests.test_reader import pipeline_over

    report = (
        "Orrin Ferries results\n\nKelby, 6 March 2031 – Orrin Ferries today announces its results.\n\n"
        "The company carried 2.4 million passengers in 2030, up from 2.1 million in 2029."
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"orrin.txt": report}).ask("How many passengers did Orrin Ferries carry last year?")
    assert answer.answered and "2.4 million" in answer.answer and answer.standalone_question.endswith("in 2030?"), answer


def test_a_report_speaks_of_the_year_it_was_published_where_it_names_no_other():
    from assistant.answer.evidence import names_in_question
    from assistant.understand.lexicon import Lexicon
    from assistant.understand.question import analyse
    from tests.test_answer_types import judge_of

    lexicon = Lexicon([])
    judge = judge_of(lexicon)
    q = analyse("How much did the hospital spend on agency nurses in 2031?", lexicon)

    def absent(text, published):
        kwargs = dict(dense=0.5, passage=0.5, spans=[], names=names_in_question(q, lexicon), published=published)
        return judge.features(q, text, "The hospital treated more patients.", **kwargs).absent

    assert not absent("Spending on agency nurses fell to £21 million.", 2031)  # a report of 2031
    assert absent("Spending on agency nurses fell to £21 million.", 2032)  # of the year after
    assert absent("In 2029 spending on agency nurses fell to £21 million.", 2031)  # it names another year


def test_an_article_saying_a_year_ago_gives_the_year_before_it_was_published():
    from assistant.understand.relative import says_year

    assert says_year("Margin was 62%, down from 63% a year ago.", 2030, 2031)
    assert says_year("prices were higher than in the prior-year quarter", 2030, 2031)
    assert not says_year("Margin was 62%, down from 63% a year ago.", 2029, 2031)
    assert not says_year("Margin was 62%, down from 63% a year ago.", 2030, None)  # no date: no year
    assert says_year("Season tickets for next season will cost £165.", 2032, 2031)  # a club's season is its year


def test_why_something_changed_since_last_year_is_answered_from_a_report_saying_a_year_ago(tmp_path, real_embeddings):
    from tests.test_reader import pipeline_over

    report = (
        "Orrin Ferries trading update\n\nKelby, 6 March 2031 – Orrin Ferries today publishes its trading update.\n\n"
        "Fuel costs rose to £9 million, up from £7 million a year ago. The increase was driven mainly by higher oil prices."
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"orrin.txt": report}).ask("Why did fuel costs go up compared to last year?")
    assert answer.answered and "oil prices" in answer.answer, answer


def test_the_event_an_article_dates_once_is_meant_by_the_event_without_its_year():
    from assistant.understand.relative import dated_events, years_meant

    article = (
        "Mount Kelby\n\nEarlier eruptions\n\nSmall eruptions were seen in 1842 and 1857.\n\n"
        "The 1961 eruption\n\nOn May 3, 1961 the north face collapsed. In all, 12 people died in the eruption."
    )
    events = dated_events(article)
    asked = dated_events("how many people died in the 1961 eruption?")
    assert asked == {("eruption", "1961")}
    assert years_meant("In all, 12 people died in the eruption.", asked, events, "Mount Kelby") == {"1961"}
    assert not years_meant("In all, 12 people died.", asked, events, "Mount Kelby")  # no eruption named
    assert not years_meant("The eruption killed 12.", dated_events("who died in the 1857 eruption?"), events, "Mount Kelby")
    twice = f"{article} The 1990 eruption was smaller."
    assert not years_meant("In all, 12 people died in the eruption.", asked, dated_events(twice), "Mount Kelby")  # which one?
    assert not years_meant("The eruption was small.", asked, events, "The eruption of Mount Kelby")  # the article's topic


def test_how_many_died_in_the_dated_event_is_answered_by_the_sentence_saying_the_event(tmp_path, real_embeddings):
    from tests.test_reader import pipeline_over

    article = (
        "Mount Kelby\n\nMount Kelby is a volcano in the Teller range.\n\nThe 1961 eruption\n\n"
        "On May 3, 1961 the north face collapsed. Ash fell on four towns.\n\nDeaths and damage\n\n"
        "In all, 12 people died in the eruption. The damage was put at 40 million dollars."
    )
    answer = pipeline_over(tmp_path, real_embeddings, {"kelby.txt": article}).ask("How many people lost their lives in the 1961 eruption?")
    assert answer.answered and "12 people" in answer.answer, answer.answer


def test_the_year_before_a_year_that_is_itself_compared_with_is_not_said():
    from assistant.answer.evidence import _year_before_said

    assert _year_before_said("at the end of 2031, 56 more than the 356 employed a year earlier", "2030")
    text = "The trust worked with 21,480 children last year, up from 17,900 in 2031, and its income rose from £5.4 million the year before."
    assert not _year_before_said(text, "2030")  # 2031 is the earlier year of a comparison, "the year before" another's


def test_a_dated_report_is_about_the_year_it_writes_far_more_than_any_other():
    report = "Trips rose in 2025. In 2025 fares fell, and by the end of 2025 the fleet had grown. In 2019 a trial failed."
    assert reported_year(report, 2026) == "2025"
    assert reported_year(report, None) == "2025"  # undated, it reads as a report on its latest year or the one before
    history = "The mill opened in 1850 and was rebuilt in 1850s style in 1902. It closed in 1935. In 1850 it had 12 looms."
    assert reported_year(history, None) is None  # an undated history opens on a year long before its last
    assert reported_year(report, 2031) is None  # not the year of publication nor the one before
    assert reported_year("Trips rose in 2025, from 2024, and 2023 and 2022 were flat.", 2026) is None
    assert reported_year("Trips rose in 2025, from 2024, and 2023 and 2022 were flat.", 2026, "Ferry figures 2025") == "2025"


def test_a_dated_report_no_year_dominates_is_about_the_year_its_opening_sentence_gives():
    report = (
        "Cheese output rises\n\nKELDON — Output among members of the guild rose to 9,000 tonnes in 2025, up from 8,500 "
        "tonnes in 2024, the guild said in its report.\n\nThe guild expects 9,400 tonnes in 2026 and 9,800 in 2027. "
        "A new cellar opens in 2026."
    )
    assert reported_year(report, 2026) == "2025"
    assert reported_year(report, 2030) is None  # neither the year of publication nor the one before


def test_an_undated_article_is_about_the_one_year_its_title_gives_when_it_writes_it_most_or_opens_with_it():
    opening = "The choir sang to more people in 2031 than ever. Its contract runs to 2034, and a tour is planned for 2033 and 2034."
    assert reported_year(opening, None, "The choir's 2031 season") == "2031"
    assert reported_year("The earthquake of 1906 destroyed the city. It was rebuilt by 1915.", None, "The 1906 earthquake") == "1906"
    assert reported_year("Output grew. It will grow in 2034 and 2035, and in 2035 again.", None, "Output in 2031") is None
