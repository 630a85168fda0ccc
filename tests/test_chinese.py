"""Chinese questions about a corpus with no glossary: rendering, cross-lingual index and search, Chinese leads."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.chinese import NOT_FOUND, lead_sentence
from assistant.corpus import Article, GlossaryTerm
from assistant.understand.translate import Translator
from tests.conftest import make_settings

TEA = """The Wuyi Mountain Tea Cooperative was founded in 2011 in Wuyishan, a city in northern Fujian province.
It now has 320 member farmers, who together tend about 1,500 hectares of tea gardens.
Its chairwoman, Chen Xiaoyu, said the cooperative's revenue reached 46 million yuan last year.
Online sales account for 60% of that revenue, while tea houses in Xiamen buy most of the rest.
A new processing plant opened on April 9, 2024 and can roast four tonnes of leaves a day.
"""
SOLAR = """The Kelso Solar Farm, built in the Nevada desert by Brightline Energy, opened on March 3, 2023.
Its 600,000 panels cover about 1,900 acres of former grazing land.
The farm produces enough electricity to power 75,000 homes, according to Brightline Energy.
Brightline Energy's chief executive, Laura Kim, said a second phase would start in 2025.
"""


def write_corpus(folder: Path, articles: dict[str, str]) -> Path:
    (folder / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (folder / "articles" / f"{name}.md").write_text(f"---\nid: {name}\ntitle: {name}\nlanguage: en\n---\n{text}", encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------- rendering


@pytest.fixture(scope="module")
def translator():
    return Translator([], articles=[Article(id="tea", title="Tea", text=TEA), Article(id="solar", title="Solar", text=SOLAR)])


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("厦门有多少家茶馆？", "Xiamen"),  # a city, by its pinyin
        ("武夷山有多少名农户？", "Wuyishan"),
        ("陈晓雨是谁？", "Chen Xiaoyu"),  # a person's name, two words in English
        ("Brightline Energy的首席执行官是谁？", "Brightline Energy"),  # Latin script carried over
        ("Café Ostrel 计划的目标是什么？", "Café Ostrel"),  # accents and all
        ("2024年开业的是什么？", "2024"),
    ],
)
def test_names_numbers_and_latin_words_reach_the_english_question(translator, question, wanted):
    english = translator.to_english(question)
    assert wanted in english
    assert english.endswith("?") and not any("\u4e00" <= ch <= "\u9fff" for ch in english)


def test_the_question_phrase_comes_first_and_operators_are_english(translator):
    assert translator.to_english("厦门有多少家公司入选？") == "How many companies does Xiamen have selected?"
    assert translator.to_english("哪个城市的公司最多？").startswith("Which city has the most")
    assert translator.to_english("厦门和武夷山一共有多少家公司？").endswith("in total?")
    assert "than" in translator.to_english("厦门比武夷山多多少家公司？")
    assert translator.to_english("收入是1.2万亿元吗").count("1.2 trillion") == 1
    assert "60%" in translator.to_english("百分之60的收入来自哪里？")
    assert translator.to_english("这座塔有多少米？").startswith("How many metres")  # the unit is what is counted
    assert "now" in translator.to_english("这座塔现在有多高？").split()  # "now", no word to look up


def test_asking_what_something_is_called_reads_as_english(translator):
    assert translator.to_english("合作社的主席叫什么名字？") == "What is the name of cooperative's chairman?"
    assert translator.to_english("新工厂叫什么？").endswith("called?")


def test_a_name_the_articles_lack_stays_a_name_in_pinyin(translator):
    english = translator.to_english("西安有多少家公司？")
    assert "Xian" in english  # not silently dropped: the question is about a place the sources do not cover


def test_pinyin_finds_a_name_written_with_an_apostrophe():
    xian = Translator([], articles=[Article(id="x", title="X", text="Factories in Xi'an employ 5,000 people.")])
    assert "Xi'an" in xian.to_english("西安有多少家工厂？")


def test_the_glossary_is_an_overlay_whose_entries_win(translator):
    overlay = Translator([GlossaryTerm(en="Wuyi Mountain Tea Cooperative", zh=["武夷山"])], articles=[Article(id="t", title="T", text=TEA)])
    assert "Wuyi Mountain Tea Cooperative" in overlay.to_english("武夷山有多少名农户？")
    assert "Wuyi Mountain Tea Cooperative" not in translator.to_english("武夷山有多少名农户？")


def test_terms_the_table_lacks_come_from_the_matcher(translator):
    seen = []

    def terms(runs):
        seen.extend(runs)
        return {run: [(run, "tea houses", 0.8)] for run in runs if run == "茶馆"}

    assert "tea houses" in translator.to_english("厦门有多少家茶馆？", terms=terms)
    assert "茶馆" in seen


def test_countries_are_known_but_not_inside_a_longer_name(translator):
    assert "Germany" in translator.to_english("德国有多少家茶馆？")
    seen = []

    def terms(runs):
        seen.extend(runs)
        return {run: [(run, "Kofenland", 0.8)] for run in runs if run == "科芬兰"}

    # 芬兰 is Finland, but beside a character nothing knows it is part of one name, matched whole
    assert "Kofenland" in translator.to_english("科芬兰有多少家茶馆？", terms=terms)
    assert "科芬兰" in seen
    assert "Newfoundland" in translator.to_english("纽芬兰有多少家茶馆？")  # the dictionary's "Newfoundland, Canadian province"


# ---------------------------------------------------------------------------- Chinese leads


def test_lead_sentence_puts_the_value_in_place_of_the_question_phrase():
    assert lead_sentence("成都有多少家公司入选？", "Chengdu has 11 selected companies [1].") == "成都有 11 家公司入选 [1]。"
    assert lead_sentence("收入是多少？", "Revenue reached 46 million yuan last year [2].") == "收入是 46 million yuan [2]。"
    assert lead_sentence("网上销售的占比是多少？", "In 2024, online sales account for 60% of revenue [1].") == "网上销售的占比是 60% [1]。"
    assert lead_sentence("工厂是什么时候开业的？", "The plant opened on April 9, 2024 [1].") == "工厂是 April 9, 2024 开业的 [1]。"
    assert (
        lead_sentence("合作社的主席是谁？", "Its chairwoman is Chen Xiaoyu [1].", understood="Who is the chairman?")
        == "合作社的主席是 Chen Xiaoyu [1]。"
    )
    assert lead_sentence("它排名第几？", "It ranks fourth among all cities [1].") == "它排名第 4 [1]。"
    assert lead_sentence("船在哪个港口靠岸？", "The ship docked at Port Elwin on 3 May 1901 [1].") == "船在 Port Elwin 港口靠岸 [1]。"
    assert lead_sentence("为什么收入增长？", "Because online sales grew [1].") is None
    assert (
        lead_sentence("总收入比上一年增长了百分之几？", "Total income rose 15 percent to £6.2 million [1].")
        == "总收入比上一年增长了 15 percent [1]。"
    )
    assert (  # "多少钱": how much money, the amount of money and not the width before it
        lead_sentence("美国付给巴拿马多少钱？", "It gave the United States a zone 16 kilometres wide in return for US$10 million [1].")
        == "美国付给巴拿马 US$10 million [1]。"
    )
    assert (
        lead_sentence("她的老师是谁？", "Her teacher was the painter Ilse Marr [1].") == "她的老师是 Ilse Marr [1]。"
    )  # "Her" names no one


# ------------------------------------------------------------------- index and pipeline, for real


@pytest.fixture(scope="module")
def chinese_pipeline(tmp_path_factory):
    from assistant.chain import build_pipeline
    from assistant.indexer import run_index
    from assistant.store import Store

    tmp = tmp_path_factory.mktemp("chinese")
    corpus = write_corpus(tmp / "corpus", {"tea": TEA, "solar": SOLAR})
    settings = make_settings(tmp, corpus=corpus, embedding="fake")
    pipeline = build_pipeline(settings)
    report = run_index(settings, pipeline.embeddings, Store(settings.store))
    return settings, pipeline, report


def test_index_embeds_sentences_once_and_only_new_ones_after_an_edit(chinese_pipeline, tmp_path):
    from assistant.embeddings import FakeEmbeddings
    from assistant.indexer import run_index
    from assistant.store import MULTILINGUAL_SUFFIX, Store

    corpus = write_corpus(tmp_path / "corpus", {"tea": TEA, "solar": SOLAR})
    settings = make_settings(tmp_path, corpus=corpus, embedding="fake")
    first = run_index(settings, FakeEmbeddings(), Store(settings.store))
    assert first.multilingual_added == 9
    again = run_index(settings, FakeEmbeddings(), Store(settings.store))
    assert again.multilingual_added == 0 and again.generation == first.generation
    (corpus / "articles" / "solar.md").write_text(
        "---\nid: solar\ntitle: solar\n---\n" + SOLAR + "The farm's battery stores 120 megawatt-hours.\n", encoding="utf-8"
    )
    edited = run_index(settings, FakeEmbeddings(), Store(settings.store))
    assert edited.multilingual_added == 1
    other_process = Store(settings.store)  # another reader of the same store sees the sentences
    companion = other_process.client.get_collection(edited.generation + MULTILINGUAL_SUFFIX)
    assert companion.count() == 10


def test_switched_off_it_embeds_no_sentence_and_switching_on_fills_them_in(tmp_path):
    from assistant.embeddings import FakeEmbeddings
    from assistant.indexer import run_index
    from assistant.store import Store

    corpus = write_corpus(tmp_path / "corpus", {"tea": TEA})
    off = make_settings(tmp_path, corpus=corpus, embedding="fake")
    off.embedding.multilingual = False
    assert run_index(off, FakeEmbeddings(), Store(off.store)).multilingual_added == 0
    on = make_settings(tmp_path, corpus=corpus, embedding="fake")
    report = run_index(on, FakeEmbeddings(), Store(on.store))
    assert report.multilingual_added == 5 and report.chunks_added == 0


def test_chinese_question_about_a_new_article_is_answered_in_chinese_with_the_english_quote(chinese_pipeline):
    _, pipeline, _ = chinese_pipeline
    answer = pipeline.ask("合作社有多少名成员农户？")
    assert answer.answered, answer.answer
    assert answer.answer.startswith("合作社有 320 ")
    assert any("320 member farmers" in c.quote for c in answer.citations)
    article = pipeline.reader().snapshot.articles[answer.citations[0].source]
    assert article.text[answer.citations[0].start : answer.citations[0].end] == answer.citations[0].quote


def test_cross_lingual_search_finds_the_sentence_a_rendering_misses(chinese_pipeline):
    _, pipeline, _ = chinese_pipeline
    reader = pipeline.reader()
    xl = pipeline.multilingual.over(reader.snapshot)
    found = xl.search("这座电站能为多少户家庭供电？", 3)
    assert "75,000 homes" in found[0].text


def test_a_chinese_question_the_sources_do_not_answer_is_refused_in_chinese(chinese_pipeline):
    _, pipeline, _ = chinese_pipeline
    answer = pipeline.ask("西安有多少家工厂？")
    assert not answer.answered and answer.answer.startswith(NOT_FOUND) and not answer.citations


def test_a_name_the_articles_write_is_found_by_how_its_chinese_sounds():
    hotels = [Article(id="h", title="Lakes", text="Borvano has 12 hotels and Castelmare has 30 hotels. Mary Lenton runs the board.")]
    translator = Translator([], articles=hotels, names=["Borvano", "Castelmare", "Mary Lenton"])
    assert "Borvano" in translator.to_english("博尔瓦诺有多少家酒店？")  # bo er wa nuo
    assert "Castelmare" in translator.to_english("卡斯泰尔马雷有多少家酒店？")  # not written with the pinyin of its letters
    assert "Borvano" in translator.to_english("博尔瓦诺巨蜥有多少家酒店？")  # the name opens a longer unknown run
    unknown = translator.to_english("伊比利亚有多少家酒店？")  # a name that sounds like none of theirs stays a name they lack
    assert not any(name in unknown for name in ("Borvano", "Castelmare", "Mary Lenton"))


def test_a_word_of_the_dictionary_is_read_as_that_word_not_as_a_name_it_sounds_like():
    text = "Queen Victoria sent a letter of 98 words. The Vuelta is a cycle race."
    translator = Translator([], articles=[Article(id="v", title="Letters", text=text)], names=["Vuelta", "Queen Victoria"])
    english = translator.to_english("维多利亚女王的信有多少个词？")  # wei-duo-li-ya sounds a little like Vuelta
    assert "Queen Victoria" in english and "Vuelta" not in english


def test_a_foreign_name_written_with_a_middle_dot_is_one_name_of_the_articles():
    text = "Mary Lenton (4 May 1830 – 2 June 1902) ran the lake board. Henri Dassault built its boats."
    translator = Translator([], articles=[Article(id="b", title="Boats", text=text)], names=["Mary Lenton", "Lenton", "Henri Dassault"])
    # 玛丽·伦顿: both parts together sound like "Mary Lenton", whatever words the cutting took their characters for
    assert "Mary Lenton" in translator.to_english("玛丽·伦顿是哪一年出生的？")
    assert "Henri Dassault" in translator.to_english("亨利·达索造了什么？")


def test_a_short_name_the_articles_write_is_matched_by_sound_too():
    from assistant.ingest.entities import EntityRecord
    from assistant.reading import _names_written
    from assistant.understand.lexicon import Lexicon

    text = "The Harwick Maritime Survey 2031 was published in May. Harwick counts 48 ships a day at Northport."
    survey = Article(id="s", title="Survey", text=text)
    learned = [EntityRecord(name="Harwick Maritime Survey 2031", type="report", aliases=["harwick"])]
    names = _names_written(Lexicon.build([], [], learned=learned), [survey])
    assert "Harwick" in names  # the short name, as the text capitalises it
    translator = Translator([], articles=[survey], names=names)
    assert "Harwick" in translator.to_english("哈威克的报告是什么时候发布的？")  # ha-wei-ke: an r after a vowel goes unwritten


def test_words_no_table_holds_are_read_in_the_dictionarys_sense_the_articles_use():
    season = "Riverside Rovers won the title with 52 points, four points clear, and scored in the last minute of the season."
    translator = Translator([], articles=[Article(id="tea", title="Tea", text=TEA), Article(id="season", title="Season", text=season)])
    # 收入 is "take in", "income" or "revenue" in the dictionary: the articles say revenue
    assert translator.to_english("合作社的收入是多少？") == "What is cooperative's revenue?"
    # 分, the thing asked about, is a minute or a point (among others): the noun the articles use most
    assert "point" in translator.to_english("Riverside Rovers 一共得了多少分？")
    assert "minute" not in translator.to_english("Riverside Rovers 一共得了多少分？")


def test_the_dictionary_prefers_a_sense_the_articles_use_and_a_noun_for_the_thing_asked():
    from assistant.understand import dictionary

    counts = {"point": 5, "minute": 1, "divide": 2}

    def uses(english):
        return min((counts.get(w, 0) for w in english.split()), default=0)

    assert dictionary.english("分", uses) == ("divide", True)  # the first sense the articles use
    assert dictionary.english("分", uses, noun=True) == ("point", False)  # the noun they use most
    assert dictionary.english("分", lambda english: 0) is None  # one character, no sense in use: too many meanings
    assert dictionary.english("冠军", lambda english: 0) == ("champion", False)


def test_a_chinese_lead_gives_the_figure_that_counts_what_is_asked():
    english = "The race usually takes place over 23 days in July, consisting of 21 day-long stages [1]."
    lead = lead_sentence("环法一般有几个赛段？", english, understood="How many stages does the race usually have?")
    assert lead is not None and lead.startswith("环法一般有 21 个赛段"), lead


def test_only_runs_written_in_transliteration_characters_may_sound_like_a_name():
    from assistant.understand.chinese import transliterated

    assert transliterated("科莫多") and transliterated("纽芬兰") and transliterated("乞力马扎罗")
    assert not transliterated("电芯产") and not transliterated("黄衫")  # words, whatever name they sound like
    translator = Translator(
        [], articles=[Article(id="park", title="Park", text="The park lies in Tanzania, near Arusha.")], names=["Tanzania"]
    )
    assert "Tanzania" not in translator.to_english("电芯产能是多少？")
    assert "Tanzania" in translator.to_english("坦桑尼亚有多少座山？")


def test_a_word_of_the_dictionary_is_cut_as_one_word_not_a_character_left_over():
    text = "The Congress approved the harbour plan in 1990, and the bridge was opened in 1994."
    translator = Translator([], articles=[Article(id="port", title="Port", text=text)])
    # 国会 (congress) is one word: not 国 left over beside the table's 会 (can)
    assert "Congress" in translator.to_english("美国国会是哪一年批准港口计划的？")
    # 中国 is a name of the dictionary: China, not 中 (in) beside 国有 (state-owned)
    assert translator.to_english("中国有多少座桥？").startswith("How many bridge does China have")
    # a name of the dictionary stays a name beside a character it does not know
    camp = Translator([], articles=[Article(id="c", title="C", text="The city of Irkutsk was founded in 1661 as a winter camp.")])
    assert "Irkutsk" in camp.to_english("伊尔库茨克城是哪一年建立的？")
    assert not [p for p in camp.pieces("网络有多少条线路？") if p.role == "name"]  # Internet or network: no name


def test_only_a_run_that_may_be_a_name_is_carried_over_in_pinyin():
    translator = Translator([], articles=[Article(id="tea", title="Tea", text=TEA)])
    assert "Wangfang" in translator.to_english("王芳是谁？")  # a surname and a given name: a name the articles lack
    assert "Tici" not in translator.to_english("合作社的梯次是多少？")  # a word no table or dictionary here holds

    def terms(runs):
        parts = {"维修花": [("维修", "repairs", 0.8), ("花", None, 0.0)], "硬件层": [("硬", None, 0.0), ("件层", "layer", 0.85)]}
        return {run: parts[run] for run in runs if run in parts}

    # a character the encoder left over beside its match: "花" (spend) is no name, "硬" begins the word 硬件 (hardware)
    assert "Hua" not in translator.to_english("维修花了多少天？", terms=terms)
    assert "hardware layer" in translator.to_english("硬件层的占比是多少？", terms=terms)


def test_a_chinese_lead_never_takes_a_capitalised_first_word_for_a_name():
    english = "Although the fire burned for four days, its effects shaped the city's streets [1]."
    assert lead_sentence("大火是从哪条街开始烧起来的？", english) is None
    named = lead_sentence("谁发现了这块石头？", "Pierre Bouchard found the stone in 1799 [1].")
    assert named is not None and named.startswith("Pierre Bouchard"), named
    joined = lead_sentence("谁管理这个港口？", "The port is run by the Bank of Ostrel [1].")
    assert joined is not None and "Bank of Ostrel" in joined, joined
    quoted = 'Chief executive Helena Lind said it had "turned a corner". "Two years ago nobody came," she said [1].'
    lead = lead_sentence("首席执行官是谁？", quoted)
    assert lead is not None and "Helena Lind" in lead and "Two" not in lead, lead


def test_the_dictionary_s_somebody_and_something_are_no_words_of_the_english():
    from assistant.understand import dictionary

    assert ("lend to", True) in dictionary.entries()["借给"]  # "to lend to sb"
    assert not any("sb" in english.split() or "sth" in english.split() for senses in dictionary.entries().values() for english, _ in senses)


def test_a_name_the_encoder_found_in_part_takes_the_character_beside_it_that_completes_its_sound():
    airport = [
        Article(id="m", title="Airport", text="Marrowby Airport handled 1,284,000 passengers. Chief executive Helena Varga said so.")
    ]
    translator = Translator([], articles=airport, names=["Marrowby", "Marrowby Airport"])
    # the encoder matched "马罗" to Marrowby; "比" is a word of the tables ("than") the name's sound goes on into
    english = translator.to_english("马罗比机场的首席执行官是谁？", terms=lambda asked: {"马罗": [("马罗", "Marrowby", 0.9)]})
    assert "Marrowby" in english and "than" not in english


def test_who_holds_a_role_of_a_name_written_with_its_possessive_is_a_role_question():
    from assistant.answer.types import role_asked
    from assistant.understand.lexicon import Lexicon
    from assistant.understand.question import analyse

    assert role_asked(analyse("Who is Marrowby Airport's chief executive?", Lexicon([]))) == role_asked(
        analyse("Who is the chief executive of Marrowby Airport?", Lexicon([]))
    )


def test_a_place_the_dictionary_writes_with_its_region_is_read_as_the_place():
    from assistant.understand import dictionary

    assert ("San Francisco", False) in dictionary.entries()["旧金山"]  # "San Francisco, California"
    assert ("Paris", False) in dictionary.entries()["巴黎"]  # "Paris, capital of France"


def test_a_chinese_lead_names_a_person_in_full_and_no_people_s_adjective():
    english = (
        "In 1973 an American engineer living in Port Ellis, Karl Vinter, answered the advertisement. "
        "With his wife, Ana Roe, Vinter found the colony in 1975 [1]."
    )
    lead = lead_sentence("1975年是谁找到了这个地方？", english, understood="Who found the place in 1975?")
    assert lead is not None and "Karl Vinter" in lead and "American" not in lead, lead
