"""How well a passage supports answering a question: the features every answerer is judged on, the
ranking score of a candidate sentence and the evidence score that decides whether to answer at all.

An answer is given only when the evidence is relevant enough (the score, whose threshold is a
setting calibrated on a development set), names what the question names (a name the corpus never
mentions, or mentions only elsewhere, is a reason to refuse) and holds the years the question gives.
A word of the question that the corpus never uses is no reason to refuse by itself: the sentence's
meaning (its vector) stands in for the words it does not share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer.types import (
    MEASURES,
    PERSON_TYPES,
    REASON_RE,
    any_bare,
    asks_kind,
    counted,
    counted_head_forms,
    counted_of,
    counted_words,
    figure_of,
    holds_field,
    measure_asked,
    new_names,
    of_other_measure,
    people_of,
    role_asked,
    role_field,
    title_of,
    titles_of_role,
    unit_match,
    units_asked,
)
from assistant.config import ReaderSettings
from assistant.ingest.english import ALL_COUNTRIES, DEMONYMS, KIND_SYNONYMS
from assistant.ingest.entities import name_initials
from assistant.numbers import CARDINALS, ORDINAL_WORDS, ORDINALS
from assistant.text import GENERIC, QUESTION_WORDS, STATISTIC_WORDS, STOPWORDS, YEAR, decades, normalize, stem, terms, words
from assistant.understand.lexicon import PLACE_TYPES, Entity, Lexicon, common_word, named_by_head, written_in
from assistant.understand.positions import stated_places
from assistant.understand.question import COUNT_ASKED, DESCRIBE, OPERATION_WORDS, POSITION_ASKED, Question
from assistant.understand.relative import RELATIVE_TIME, says_year
from assistant.understand.spelling import Vocabulary, everyday, fold

if TYPE_CHECKING:
    from assistant.answer.base import AskState
    from assistant.answer.reader import Sentence
    from assistant.retrieval import Searcher
    from assistant.snapshot import Snapshot

_STARTERS = QUESTION_WORDS | frozenset(
    """is are was were do does did can could would will should has have had tell list name give please and what's how's
    compare show in for which among according apart besides except aside other given based considering overall regarding
    about if suppose so now then ok okay hey hi hello thanks also again by from at on over since across out of to with
    without summarize summarise explain describe define""".split()
)
_NAME = re.compile(r"[A-Z][\w'\u00c0-\u024f\-]*(?:\s+(?:of|de|du|von|van|der|da|del|la|le|the|and|&)?\s*[A-Z][\w'\u00c0-\u024f\-]*)*")
_HE_OR_SHE = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.I)
_LINKED = r"(?:(?:but|and|yet|so|still|however|meanwhile|instead),?\s+)?"  # "But its herd shrank": it goes on from the sentence before
_REFERS = re.compile(rf"^\W*{_LINKED}(?:it|its|he|his|she|her|they|their|this|these|that|those|the|there|such|both|each)\b", re.I)
_BACK_REFERENCE = re.compile(r"^\W*the (?:\d+-year-old|former|latter)\b", re.I)  # the person the sentence before names
PRONOUN_START = re.compile(rf"^\W*{_LINKED}(?:it|its|he|his|she|her|they|their)\b", re.I)  # what the sentence before names
# "most of the nurses came from ...": a majority of a group, which counts no other thing than the group
_MOST_OF = re.compile(r"\bmost of (?:the|them|these|those|its|their|his|her|our)\b")
# a part of a whole a sentence gives: "nine of them", "7 of the 11"
_PART_OF = re.compile(rf"\b(?:\d[\d,]*|{'|'.join(CARDINALS)}) of (?:them|those|these|the|whom|which)\b", re.I)
LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u00b7\u2023\u25e6\u2013]|\d{1,2}[.)])\s")  # an item of a list: "- Average bill: £412"
_PLACE_TERM = "#place"  # the term a sentence holds when it states the place in a ranking asked
_ORDINAL = rf"(?:{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))"
_POSITION = re.compile(rf"\b{_ORDINAL}\s+(?:place|position)\b|\b(?:finish\w*|end\w*|came|placed)\s+(?:in\s+)?{_ORDINAL}\b", re.I)
# kinds often confused: a glass works, a plant or a port is often taken for an organisation
_KINDRED = {
    "company": frozenset({"organisation"}),
    "organisation": frozenset({"company", "university"}),
    "facility": frozenset({"organisation"}),
}
# a record: "the lowest toll ever paid", "the largest single gift in the trust's history", "the wettest year on record"
_RECORD = re.compile(
    r"\bthe ((?:most|least) \w+|\w+est) (?:single )?([\w\-]+(?: [\w\-]+)?) (?:ever\b|on record\b|in (?:[\w'\-]+ ){1,3}history\b)"
)
# a first place said in words: "at the top of the ranking is X", "X took first place", "X heads the table"
_FIRST_PLACE = re.compile(
    r"\b(?:at the top|top (?:spot|place|position)|topp?(?:s|ed|ing)\b|first place|in first\b|number one|no\. ?1\b|#1\b|(?:heads|headed|leads|led) the)",
    re.I,
)
# "the youngest rider ever", "the cheapest toll", "who gave a bigger share": a record or a comparison is asked
_ASKS_RECORD = re.compile(r"\b(?:\w+est|most|least|ever|record|more|less|fewer|bigger|larger|greater|higher|lower|smaller)\b")
_TIME_WORDS = ("year", "years", "season", "seasons", "month", "months", "week", "weeks", "day", "days", "quarter", "decade")
_SAME_TIME = {"last": "last|previous|prior", "next": "next|coming", "year": "year|season", "season": "season|year"}


def _beside(text: str, name: str) -> list[str]:
    """The four words before and the four after each place ``text`` writes ``name``."""
    out = []
    for m in re.finditer(re.escape(name), text):
        before = " ".join(words(text[max(0, m.start() - 60) : m.start()])[-4:])
        after = " ".join(words(text[m.end() : m.end() + 60])[:4])
        out.append(f"{before} {after}")
    return out


def _title_stems(text: str, span: tuple[int, int]) -> set[str]:
    """The stems of the (up to three) words right before the name at ``span``: its title, if it has one."""
    return {stem(w) for w in words(text[max(0, span[0] - 40) : span[0]])[-3:]}


def _says_when(when: str, text: str, published: int | None = None) -> bool:
    """Whether ``text`` speaks of the time ``when`` ("last year") names, in its words or like ones: a club's
    "next season" is its next year; the year before is "a year earlier", and in an article of ``published``
    the year before it by its number ("in 2023", "3,950, from 2,870 in 2022" in a report of 2024)."""
    direction, unit = when.split()
    direction = "last" if direction in ("previous", "prior") else "next" if direction == "coming" else direction
    if re.search(rf"\b(?:{_SAME_TIME[direction]}) (?:{_SAME_TIME.get(unit, unit)})", text):
        return True
    if (direction, unit) != ("last", "year"):
        return False
    if _YEAR_BEFORE.search(text):
        return True
    before = str(published - 1) if published else None
    return bool(before) and (before in YEAR.findall(text) or _against_year_before(text, before, published))


# a clause that tells what followed from the one before it: "..., diverting the stream", "..., leaving 300 homeless"
_RESULT_CLAUSE = re.compile(r",\s+(?:thus\s+|thereby\s+|so\s+)?(?!including\b|according\b)[a-z]{3,}ing\b[^,;]*")
RESULT_COVERAGE = 0.5  # the result clause says at least this share of the question: it is what was asked about
_ALONE = re.compile(r"\b(?:alone|by itself|on its own|individually|separately|by themselves)\b")
_TOGETHER = re.compile(r"\b(?:together|combined|jointly|collectively|in total)\b")
# "Mara Lind (née Vale; 4 May 1830 – 2 June 1902)", "Dahl (1828–1901)": a name's birth and death
_LIFESPAN = re.compile(
    r"\b[A-Z][\w'\u00c0-\u024f\-]+\s+\((?:[^()]{0,80}[;,]\s*)?(?:born\s+|b\.\s*)?(?:[\w ]{0,20}\s)?\d{4}\s*[\u2013\u2014-]\s*(?:died\s+|d\.\s*)?(?:[\w ]{0,20}\s)?\d{4}\)"
)
_LIFE_WORDS = frozenset({"born", "birth", "die", "death"})
LIFE_EVENTS = {stem("born"): "birth", stem("birth"): "birth", stem("die"): "death", stem("died"): "death", stem("death"): "death"}
_LIFE_STEMS = frozenset(LIFE_EVENTS)
_STATISTICS = frozenset(stem(w) for w in STATISTIC_WORDS)
_OF_EVENT = frozenset({"date", "place", "number"})  # what a birth or a death has: a date, a place, a count
LIFE_NAME_CHARS = 60  # the name whose life it is stands just before the brackets
CONTEXT_NAME = 0.75  # a name given by the sentence before or the title: "It was designed by..." is about it
PARTLY_TYPED = 0.6  # a figure, but not of what the question counts
OTHER_MEASURE = 0.3  # only figures of another measure: "30 years" does not count dragons
_KEPT = frozenset("first second third last final earliest latest oldest youngest largest smallest highest lowest longest shortest".split())
_THEN = re.compile(r"\b(?:at|by|in) (?:the|that) (?:time|moment|point)\b")
_NOW = re.compile(r"\b(?:these days|nowadays|currently|at present|at the moment|right now|today|now)\b")
# where the asker read it, not what is asked: "as explained in the harvest article", "according to the report"
_SOURCE_FRAME = re.compile(
    r"\b(?:as (?:explained|described|defined|mentioned|reported|stated|said|written|given|put) (?:in|by)|according to|in|from) "
    r"(?:the|this|that|your) (?:[\w'\-]+ ){0,3}?(?:article|report|review|text|story|piece|source|sources|document|passage)s?\b"
    # "What is an ROV, as used on the expedition?": what is asked is what an ROV is
    r"|, as (?:used|seen|meant|understood|applied|explained|described|defined|mentioned)\b.*$"
)
_WHEN_WORDS = frozenset({"date", "year", "day", "month", "time"})
_MEANING_ASKED = re.compile(r"^\W*what (?:does|do|did) .+ (?:mean|stand for|refer to|signify)\W*$")
_STAND_FOR = re.compile(r"\bstands? for\W*$")
# "What nickname did he give her?": a name the sentence gives ("called her 'The Enchantress of Number'")
_NAME_ASKED = re.compile(
    r"^\W*(?:what|which)(?: is| was| are| were)?(?: the)? (?:\w+ )?(?:name|nickname|title|term|word|motto|slogan|epithet)s?\b"
)
# "What is the relief fund called?": the name of a thing the question names by its kind
_CALLED_ASKED = re.compile(r"^\W*(?:what|which)(?:'s| is| was| are| were) .+ (?:called|named|known as)\W*$")
_NAMING = re.compile(
    r"\b(?:call(?:s|ed|ing)?|nam(?:e|es|ed|ing)|nicknamed?|known as|dubbed|titled|entitled|termed)\b|[\"\u201c].+?[\"\u201d]", re.I
)
_GLOSS = re.compile(
    r"\b(?:word for|term for|means?|meaning|meant|refers? to|stands? for|short for|known as|called|defined as|translates? as)\b|[\"\u201c].+?[\"\u201d]",
    re.I,
)
_MEANING_WORDS = frozenset({"mean", "stand", "refer", "signify"})
_CAUSING = re.compile(r"caus(?:e|es|ed|ing)|led to|leads to|result(?:s|ed)? in|prompted", re.I)  # a cause before, its effect after
_NAMING_WORDS = frozenset({"name", "names", "named", "called", "known"})
# "tell", "show", "give", "know" ask only in "Tell me ...", "Can you show ...": after a subject they are what is asked
# about ("What did he show her?", "How do bees tell each other ...?")
_VERBS_OF_ASKING = frozenset({"tell", "show", "give", "know"})
_ASKER = frozenset({"you", "please", "me", "us", "i", "we", "and", "to"})
SUBJECT_MENTIONS = 2  # how often an article names what its opening names for that to be its subject
_NAME_STEM = stem("name")  # a who-question's "name" is the naming asked about, not the kind of answer
_ASKING = frozenset({"many", "much", "long", "often", "old", "far", "big", "large"})
_PLACE_WORDS = frozenset({"place", "places", "location", "locations", "site", "sites", "spot", "spots"})
# "Harlen Mills is from which town?": a town is wanted, not a sentence that says "towns"
_PLACE_KIND_ASKED = re.compile(r"\b(?:which|what) ((?:city|cities|country|countries|regions?|provinces?|towns?|states?|islands?)\b)")
_HOW_MANY_WANTED = re.compile(r"\b(?:which|what) (two|three|four|five|2|3|4|5)\b")


@dataclass(frozen=True)
class Features:
    """What a candidate sentence offers the question (each 0..1)."""

    dense: float  # cosine of the sentence's vector and the question's
    passage: float  # cosine of its passage's vector and the question's
    lexical: float  # share of the question's words in the sentence, rare words weighing more
    context: float  # the same, counting the title and the sentence before it
    names: float  # share of the question's names the sentence (1) or its context (0.5) gives
    typed: float  # 1 when the kind of answer wanted is in the sentence; 0.5 when no kind is wanted
    novel: float  # share of the sentence's words the question does not have: it says something new
    absent: tuple[str, ...] = ()  # names or years of the question that neither the sentence nor its context gives
    conflicts: tuple[str, ...] = ()  # what it cannot give by its nature: a superlative it does not state, another time...
    heading: float = 0.0  # 1 for a heading or a title: a topic, not a statement
    unmentioned: int = 0  # names of the question its whole article never gives: it cannot be about them


@dataclass(frozen=True)
class Verdict:
    """Whether to answer, the evidence score, and what the sources lack when not."""

    ok: bool
    score: float
    missing: str | None = None
    mentioned: bool = False  # ``missing`` is a name the sources give, only not where they answer


@dataclass(frozen=True)
class Name:
    """A name the question gives, with the ways the sources may write it."""

    label: str
    variants: tuple[str, ...]
    kind: str | None = None  # the entity type, for a known entity


@dataclass(frozen=True)
class Asked:
    """A question's words with their weights and synonyms, its names and years, for comparing passages."""

    terms: tuple[tuple[str, float, frozenset[str]], ...]
    related: frozenset[str]
    names: tuple[tuple[str, tuple[str, ...], str | None], ...]
    years: tuple[str, ...]
    counted: frozenset[str] = frozenset()  # what a figure answering should count, or its units, in their forms
    head: frozenset[str] = frozenset()  # the noun "how many" counts, in its forms ("trips" of "passenger trips")
    role: frozenset[str] = frozenset()  # the role "who is the leader of" asks the holder of, in its forms
    titles: frozenset[str] = frozenset()  # the titles that hold that role ("chair" holds no "director")
    field: str | None = None  # the field of that role ("finance" of "the finance chief")
    role_word: str | None = None  # the role's own stem ("chief")

    def coverage(self, have: frozenset[str]) -> float:
        """Share of the question's words (by weight) that ``have`` holds, in some form."""
        total = sum(w for _, w, _ in self.terms)
        got = sum(w for _, w, forms in self.terms if forms & have)
        return got / total if total else 0.0


# A country's other names, from the peoples' adjectives that list several: "America" is the "United States"
_OTHER_NAMES: dict[str, tuple[str, ...]] = {
    name.lower(): tuple(other for other in names if other != name)
    for names in DEMONYMS.values()
    if len(names) > 1 and not any(n.startswith("Europe") for n in names)
    for name in names
}
# Names of general history written short: "WWI" is the First World War
_FIRST_WAR = ("First World War", "World War I", "World War One", "Great War")
_SECOND_WAR = ("Second World War", "World War II", "World War Two")
_OTHER_NAMES |= dict.fromkeys(("wwi", "ww1", "ww i"), _FIRST_WAR) | dict.fromkeys(("wwii", "ww2", "ww ii"), _SECOND_WAR)
# A country's people's adjective: "France" is written in "the French army"
_PEOPLE_OF: dict[str, str] = {name.lower(): adjective.capitalize() for adjective, names in DEMONYMS.items() for name in names}


def _language(phrase: str, before: str, after: str) -> bool:
    """Whether a people's adjective names their language ("the name it goes by in English", "said in French"), a
    way of saying it rather than a name the evidence must hold; not "in French ports"."""
    return phrase.lower() in DEMONYMS and re.search(r"\bin\s+$", before) is not None and re.match(r"\s*[a-z]", after) is None


def names_in_question(q: Question, lexicon: Lexicon) -> list[Name]:
    """The names a question gives: known entities (not a source it cites) and other capitalised words
    past its first, as the question spells them."""
    from assistant.answer.support import attributed

    sources = attributed(q)
    names = [
        _people_of(e) or Name(e.name, (e.name, *sorted(e.aliases), *_country_forms(e.name), *_undated(e.name)), e.type)
        for e in q.entities
        if e.name not in sources
    ]
    covered = [(m.start, m.end) for m in q.mentions]
    said = set(words(q.text))  # a set phrase is read as what it means: "Oscar nominations" names no Oscar
    for match in _NAME.finditer(q.text):
        phrase, start = match.group(0), match.start()
        pieces = phrase.split()
        while (
            pieces
            and (start == 0 or re.search(r"[.!?:;\"]\s*$", q.text[:start]))
            and pieces[0].lower().strip("'s") in _STARTERS | STOPWORDS
        ):
            start += len(pieces[0]) + 1
            pieces = pieces[1:]
        while pieces and pieces[0].islower():  # "Which of Port Alder...": the connector left after the question word
            start += len(pieces[0]) + 1
            pieces = pieces[1:]
        if not pieces:
            continue
        phrase = " ".join(pieces)
        if any(a <= start < b for a, b in covered) or _language(phrase, q.text[:start], q.text[match.end() :]):
            continue
        if start == 0 and all(everyday(w) for w in pieces[0].lower().split("-")) and lexicon.get(pieces[0]) is None:
            # an everyday word capitalised only because it opens the question
            start += len(pieces[0]) + 1
            pieces = pieces[1:]
            if not pieces:
                continue
            phrase = " ".join(pieces)
        # "Varden's Ferry Line": Varden, and the Ferry Line; "the CT and MRI hub": CT, and MRI (a name of the articles
        # with "and" in it is known to the lexicon and found whole above)
        for part in re.split(r"(?:'|\u2019)s\s+|\s+(?:and|&)\s+", phrase):
            bare = part.removesuffix("'s").removesuffix("\u2019s").strip("'\"?.,!")
            if re.fullmatch(r"[A-Z][a-z]+-[a-z]+", bare) and bare.split("-")[0].lower() in DEMONYMS:
                continue  # "a French-sounding name", "a Swedish-led expedition": a way of describing, no name to find
            if bare and bare.lower() not in STOPWORDS and not (bare.isupper() and len(bare) <= 2) and set(words(bare)) & said:
                # "American" is said by "United States", and "America" too
                people = DEMONYMS.get(bare.lower()) or DEMONYMS.get(bare.lower().removesuffix("s"), ())  # "Americans"
                adjective = (_PEOPLE_OF[bare.lower()],) if bare.lower() in _PEOPLE_OF else ()
                names.append(Name(bare, (bare, *people, *_OTHER_NAMES.get(bare.lower(), ()), *adjective)))
    return [_family(n, lexicon) for n in dict.fromkeys(names)]


@lru_cache(maxsize=4096)
def _last_words(keys: tuple[str, ...]) -> frozenset[str]:
    """The last words of a name's keys of several words ("association" of "tal cheesemakers' association")."""
    return frozenset(words(k)[-1] for k in keys if len(words(k)) > 1)


@lru_cache(maxsize=1024)
def _the_count(body: str, head: str) -> int:
    """How often ``body`` writes "the <head>" as words of their own."""
    return len(re.findall(rf"\bthe {re.escape(head)}\b", body)) if f"the {head}" in body else 0


@lru_cache(maxsize=1024)
def _mentions(body: str, keys: tuple[str, ...]) -> int:
    """How often an article's folded ``body`` writes any of a name's ``keys``."""
    return sum(body.count(k) for k in keys)


def _undated(name: str) -> tuple[str, ...]:
    """A name with the year of its edition left out: "the 2025 Tal Open" is the Tal Open of this year's edition."""
    bare = re.sub(r"^(?:19|20)\d\d\s+", "", name)  # (not "Kelby 2030", a plan named for its year)
    return (bare,) if bare != name and len(bare) > 3 else ()


def _country_forms(name: str) -> tuple[str, ...]:
    """A country's other names and its people's adjective: "Poland" is written in "Polish studios"."""
    key = name.lower()
    return (*_OTHER_NAMES.get(key, ()), *((_PEOPLE_OF[key],) if key in _PEOPLE_OF else ()))


def _people_of(entity: Entity) -> Name | None:
    """ "French companies", a people's adjective and a common noun, names France (in any of its forms), not a thing
    called so: "France came second with seven companies" is about them."""
    first, _, rest = entity.name.partition(" ")
    countries = DEMONYMS.get(first.lower())
    if not countries or not rest or not rest.islower():
        return None
    return Name(first, (first, *countries), None)


def _family(name: Name, lexicon: Lexicon) -> Name:
    """ "the Curies": a surname in the plural names the people of that family, each written as the articles write them."""
    single = name.label[:-1] if name.label.endswith("s") and " " not in name.label else ""
    members = [e for e in lexicon.entities if e.type in PERSON_TYPES and single and e.name.endswith(f" {single}")]
    if not members:
        return name
    return Name(name.label, (*name.variants, single, *(n for e in members for n in (e.name, *sorted(e.aliases)))), name.kind)


_COUNTRY = re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(ALL_COUNTRIES, key=len, reverse=True) if len(c) > 3) + r")\b")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}\b")


class Judge:
    """Scores evidence for questions over one index snapshot."""

    def __init__(
        self, snapshot: Snapshot, lexicon: Lexicon, vocabulary: Vocabulary, settings: ReaderSettings, searcher: Searcher | None = None
    ) -> None:
        self.snapshot = snapshot
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self.settings = settings
        self.searcher = searcher
        self._terms: dict[str, frozenset[str]] = {}
        self._introduced: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}  # (text, name) -> words for its noun
        self._view: tuple[Question, list[Name], Asked] | None = None
        self._affiliations: dict[str, set[str]] | None = None  # person -> the organisations the facts tie them to
        self._endings: dict[str, set[str]] | None = None  # last word -> the folded names of entities that end with it

    # ------------------------------------------------------------------------------- features

    def terms_of(self, text: str) -> frozenset[str]:
        found = self._terms.get(text)
        if found is None:
            found = frozenset(terms(text, keep_stopwords=True)) | decades(text)
            for short in _ACRONYM.findall(text) if self.lexicon.spelled_out else ():
                if short in self.lexicon.spelled_out:  # "SONCHI" says "society": the words it stands for
                    found |= frozenset(terms(self.lexicon.spelled_out[short]))
            if len(self._terms) < 50_000:
                self._terms[text] = found
        return found

    def question_terms(self, q: Question) -> list[str]:
        """The stems a passage should share with the question: its content words, not how it asks
        (ordinals and superlatives count: "the first race" is about the first one). The kind a "which"
        question asks for ("which city") is judged as the kind of answer, not as a word to share."""
        kind_words = (
            {w for w, k in self.lexicon.type_words().items() if k == q.answer_type} if q.answer_type and not q.count_of_type else set()
        )
        # "at the time": the time the conversation is about; "these days", "now": the time of the articles; no words to share
        norm = _SOURCE_FRAME.sub(" ", _NOW.sub(" ", _THEN.sub(" ", q.norm)))
        extra = [stem("age")] if re.match(r"\W*how old\b", norm) else []  # "how old": an age
        frame = _MEANING_WORDS if _MEANING_ASKED.match(norm) else frozenset()  # "What does Uhuru mean?": only Uhuru is asked about
        frame |= {"nationality"}  # what kind of answer is wanted (a people's adjective), not a word to share
        if q.expects == "place":  # "Between which two places ...": a place is wanted, two of them
            frame |= _PLACE_WORDS | set(words(" ".join(_HOW_MANY_WANTED.findall(norm) + _PLACE_KIND_ASKED.findall(norm))))
        said = words(norm)
        called = bool(_CALLED_ASKED.match(norm))
        return extra + [
            t
            for i, (w, t) in enumerate((w, stem(w)) for w in said)
            if (w not in STOPWORDS or (w in _VERBS_OF_ASKING and i > 0 and said[i - 1] not in _ASKER))
            and w not in kind_words
            and w not in QUESTION_WORDS
            # "who gave it its name": naming is asked; "what's the survey called?": the survey is what is named
            and (w not in GENERIC or (q.expects == "person" and t == _NAME_STEM) or (called and w not in _NAMING_WORDS))
            and w not in _ASKING
            and w not in frame
            and not (q.expects == "date" and w in _WHEN_WORDS)  # "on what date", "which year": how it asks "when"
            and (t not in OPERATION_WORDS or w in _KEPT)
        ]

    def weight(self, term: str) -> float:
        """How much a question word counts: rarer words more (a word the corpus writes another way counts
        as that word); a word the corpus never uses, in any of its forms, as the rarest."""
        frequency = self.snapshot.document_frequency
        known = [t for t in self.lexicon.related(term) if t in frequency]
        if not known:  # as rare as a word can be: a question about what the corpus never says shares little with it
            return self.settings.unknown_word_weight * self.snapshot.idf(term)
        return max(self.snapshot.idf(t) for t in known)

    def view(self, q: Question, names: list[Name]) -> Asked:
        """What every candidate is compared with, worked out once per question."""
        if self._view is not None and self._view[0] is q and self._view[1] == names:
            return self._view[2]
        named = {stem(w) for name in names for w in words(" ".join(name.variants))}
        asked = [t for t in dict.fromkeys(self.question_terms(q)) if t not in named]  # names are judged on their own
        # a word's other forms are not the name asked ("cross" is not met by the "crossing" that a ship named "Voyager" stems as)
        # "how many people work there": the people counted, a word the question writes, are met by any word for them
        # ("1,000 employees"); (not a word it only implies: "how old" asks an age, which "two years" is not)
        counts = counted(q)
        count = counts & {stem(w) for w in words(q.norm)}
        alike = frozenset(r for c in counts for r in self.lexicon.related(c)) if count and len(counts) > 1 else frozenset()
        terms = tuple(
            (t, self.weight(t), (self.lexicon.related(t) | (alike if t in count else frozenset())) - (named - {t})) for t in asked
        )
        if q.place is not None:  # "number one": a sentence shares it by stating that place, in whatever words
            terms += ((_PLACE_TERM, max((w for _, w, _ in terms), default=1.0), frozenset({_PLACE_TERM})),)
        view = Asked(
            terms=terms,
            related=frozenset(r for _, _, forms in terms for r in forms),
            names=tuple((name.label, tuple(fold(normalize(v)) for v in name.variants), name.kind) for name in names),
            years=_years_asked(_outside_names(q)),
            # "how many Tour victories": victories are what is counted
            counted=frozenset(r for t in counted(q) | counted_words(q) for r in self.lexicon.related(t)),
            head=counted_head_forms(q, self.lexicon.related),
            role=self.lexicon.related(role) if (role := role_asked(q)) else frozenset(),
            titles=titles_of_role(role, self.lexicon.related(role)) if role else frozenset(),
            field=role_field(q),
            role_word=role,
        )
        self._view = (q, names, view)
        return view

    def features(
        self,
        q: Question,
        text: str,
        context: str,
        *,
        dense: float,
        passage: float,
        spans: list[tuple[int, int]],
        names: list[Name],
        heading: bool = False,
        unmentioned: int = 0,
        section: str = "",
        published: int | None = None,
        latest: int | None = None,
        meant: frozenset[str] = frozenset(),
        lead: str = "",
        setting: str = "",
        body: str = "",
        paragraph: str = "",
        before: str = "",
    ) -> Features:
        view = self.view(q, names)
        # life dates say when someone was born and died, not where: "Where did she die?" is not answered by them
        have = self.terms_of(text) | (_life_words(text, view) if q.expects != "place" else frozenset())
        # "making the wine": a "winemaker" (a long word is split only when it holds a word of the question the text lacks)
        missing = [t for t, _, forms in view.terms if not forms & have and len(t) > 2]
        if missing and (joined := [w.lower() for w in _LONG_WORD.findall(text) if any(t in w.lower() for t in missing)]):
            # both its words asked: "the chief winemaker" makes the wine, "a schoolteacher" taught no one asked about
            have = have | frozenset(
                part for w in joined if len((parts := compound_parts(w)) & view.related) >= 2 for part in parts if part in view.related
            )
        if view.years:  # "compared with 131 the year before" gives the year before the one it names
            # (as the words a question writes it in: "2030-31" is "2030" and "31")
            have |= {w for y in view.years if _year_before_said(text, y) for w in (y, *y.split("/"), y.split("/")[-1][2:])}
        around = have | self.terms_of(context) | (self.terms_of(section) if section else frozenset())  # under "Into the Arctic"
        if published is not None and view.years:  # "last year" in a report of 2026 speaks of 2025, as a question asking it
            have |= {y for y in view.years if "/" not in y and says_year(text, int(y), published)}
            around |= {y for y in view.years if "/" not in y and says_year(f"{text} {context}", int(y), published)}
        places = stated_places(text) if q.place is not None else set()
        if q.place in places:
            have = have | {_PLACE_TERM}
        if q.place is not None and q.place in places | stated_places(context) | stated_places(paragraph):
            around = around | {_PLACE_TERM}  # "Top spot went to X. The firm was founded ... It runs 23 cafés"
        norm_text, norm_context = fold(normalize(text)), fold(normalize(context))
        norm_section = fold(normalize(section)) if section else ""
        found = 0.0
        absent: list[str] = []
        refers = bool(_REFERS.match(text))
        asked_names = {w for label, _, _ in view.names for w in words(label)}
        for label, keys, kind in view.names:
            compound = kind not in PLACE_TYPES  # (a place may be one end of a route: "the Oslo-Bergen line")
            own = _joined_hyphens(norm_text) if compound else norm_text
            if (
                any(
                    written_in(k, own) or _all_words_in(k, own) or named_by_head(k, norm_text, kind, self.lexicon.shared_heads)
                    for k in (map(_joined_hyphens, keys) if compound else keys)
                )
                or (kind == "role" and " " not in label and self.lexicon.related(stem(label)) & have)
                or _spelled_out(label, text)
            ):
                found += 1.0  # (a role a fact gives is held under any of its titles: "chief" by "NASA Administrator")
            elif (
                any(written_in(k, norm_context) or _all_words_in(k, norm_context) for k in keys)
                and not (kind == "person" and q.expects != "person" and self._other_person(text, keys, asked_names))
                and not self._opens_with_other(text, keys, kind)
            ) or (_HE_OR_SHE.search(text) and self._speaks_for(keys, norm_context)):
                # the sentence before or the title names it: the sentence is about it when it refers back
                # (not when it names another person: "... in which Reyes scored" is not about Okafor); so is
                # "She said their network ..." after its director's name
                found += CONTEXT_NAME if refers else CONTEXT_NAME / 3
            elif norm_section and any(written_in(k, norm_section) or _kindless_in(k, norm_section) for k in keys):
                found += CONTEXT_NAME / 3  # the heading of its section names it ("Central Library roof repair")
            elif (
                any(written_in(k, lead) and body.count(k) >= SUBJECT_MENTIONS for k in keys)
                or (any(written_in(k, lead) or written_in(k, setting) for k in keys) and self._head_throughout(keys, body))
            ) and not self._opens_with_other(text, keys, kind):
                # what the article is about: its opening names it, and it is named throughout, by name or by its head
                # noun ("the choir" in a review of the Orrel Valley Choir's season)
                found += CONTEXT_NAME / 3
            elif kind in PLACE_TYPES and any(written_in(k, setting) for k in keys) and not self._other_place(text, keys):
                # where the article is set: its first paragraph names the place ("the utility that supplies ... the city
                # of Port Kellaway"), and the sentence names no other ("The number of mains bursts also fell")
                found += CONTEXT_NAME / 3
            elif (
                paragraph
                and any(written_in(k, paragraph) for k in keys)
                and not (kind == "person" and q.expects != "person" and self._other_person(text, keys, asked_names))
                and not self._opens_with_other(text, keys, kind)
            ):
                # its paragraph named it a few sentences before ("Brunel's shield ... The original shield weighed")
                found += CONTEXT_NAME / 3
            elif before and (self._called_by_kind(norm_text, label, kind, before) or self._called_by_descriptor(norm_text, keys, before)):
                # "Voltiq, a maker of anodes ... Its founder said the company chose ..."; "The survey ship Marra
                # Dawn came back ... The 52-metre vessel carried a crew of 18"
                found += CONTEXT_NAME / 3
            elif self._called_by_head(norm_text, keys, body) or (
                kind not in PERSON_TYPES and self._called_by_head(f"{norm_context} {paragraph}", keys, body, common=True)
            ):
                # "the association's chief economist" in a report of the association; "The deck was widened" after
                # "the bridge" in a history of the bridge
                found += CONTEXT_NAME / 3
            else:
                absent.append(label)
        absent += [
            year
            for year in view.years
            if not _says_year(year, text)
            and not _year_before_said(text, year)
            # "a target for 2026" is not of 2024 said before; but "when were its 2024 results published?" asks a date after it
            and (not _says_year(year, context) or (_later_year(text, year) and not (q.expects == "date" and _labels(q.norm, year))))
            and not ("/" not in year and says_year(f"{text} {context}", int(year), published))  # "a year ago"
            and not (section and _says_year(year, section) and not YEAR.findall(text))  # under "The 1980 eruption"
            # its paragraph opened on the year, and nothing since names another: "The worst fire broke out on
            # 14 January 1921 ... The official inquiry, led by the engineer Otto Brenner, blamed ..."
            and not (paragraph and _says_year(year, paragraph) and not YEAR.findall(f"{text} {context}"))
            # a report speaks of the year it was published in where it names no other ("this year" asked)
            # (the sentence before counts only when this one refers back to it, as a list item does to the line that
            # introduces the list: "The chair said ..." after "founded in 2011" does not)
            and not (published == int(year[-4:]) and not YEAR.findall(f"{text} {context}" if refers or LIST_ITEM.match(text) else text))
            and not (year in meant and not YEAR.findall(text))  # "died in the eruption": the article's one of 1980
            and not _against_year_before(text, year, published)  # "- Bursts repaired: 1,137 (2022: 1,592)" is of 2023
            # "Fares brought in €9 million, against €8 million a year earlier" in a report of 2026 is of 2025
            and not ("/" not in year and published == int(year) + 1 and _YEAR_BEFORE.search(text) and not YEAR.findall(text))
        ]
        # a sentence that refers back ("He ...", "The 26-year-old, signed ...") is read with the one before it
        told = f"{context} {text}" if PRONOUN_START.match(text) or _BACK_REFERENCE.match(text) else text
        conflicts = _conflicts(q, normalize(told), normalize(f"{text} {context}"), self.lexicon.related, published)
        if q.expects == "number" and _one_of_the_total(q, text):
            conflicts.append("the total")
        if latest is not None and _NOW.search(q.norm) and _long_before(text, f"{context} {paragraph}", latest):
            conflicts.append("today")  # "how many members does it have nowadays?": not how many joined in 1931
        asked = words(q.norm)
        for i, w in enumerate(asked if q.expects == "number" else ()):  # "the average depth" is not the maximum one
            if stem(w) in _STATISTICS and not self.lexicon.related(stem(w)) & around:
                after = asked[i + 1] if i + 1 < len(asked) and asked[i + 1] not in STOPWORDS else ""
                conflicts.append(f"the {w} {after}".strip())
        for term, _, alike in view.terms if q.expects in _OF_EVENT else ():
            if term in _LIFE_STEMS and not alike & around:  # "When did Spitzer die?": a date of his life is no death's
                person = next((label for label, _, kind in view.names if kind == "person"), None)
                conflicts.append(f"the {LIFE_EVENTS[term]} of {person}" if person else f"{LIFE_EVENTS[term]}s")
            elif term in _LIFE_STEMS and not _KIN_OF.search(q.norm) and (person := _life_of_another(text, LIFE_EVENTS[term], view.names)):
                conflicts.append(f"the {LIFE_EVENTS[term]} of {person}")  # "When did Ilse Marrow die?": not "Karl Marrow died in 1931"
        if q.place is not None and q.place not in places and (places or _PLACE_TERM not in around):
            # "Which bakery came third?": not a sentence that states another place, or none (nor its context)
            conflicts.append(f"{ORDINAL_WORDS.get(q.place, q.place)} place")
        if q.expects == "place" and view.names and _SEAT_ASKED.search(q.norm) and _seated_elsewhere(text, view.names, self._a_place):
            conflicts.append(f"where {view.names[0][0]} is based")  # "... Nordlift, a crane maker based in Riga"
        if _PEOPLE_ASKED.search(q.norm) and (nation := _other_nation(q.norm, text, f"{context} {paragraph}")):
            conflicts.append(nation)  # "how many died when the French tried?": not "four died on the British attempt"
        if view.role and not view.role & around:  # "Who is the mayor?": a sentence that names no mayor does not say
            conflicts.append(next((w for w in words(q.norm) if stem(w) in view.role), view.role_word))
        elif view.role and (first := _FIRST_HOLDER.search(q.norm)) and not _FIRST_SAID.search(f"{text} {context}"):
            held = next((w for w in words(q.norm) if stem(w) in view.role), view.role_word)
            conflicts.append(f"the {first.group(0)} {held}")  # "Who was its first president?": not "president since 2019"
        content = [t for t in have if t not in STOPWORDS]
        novel = sum(1 for t in content if t not in view.related)
        if q.expects == "number" and spans:
            typed = figure_typed(q, text, spans, view.counted, view.head)
        elif q.expects == "date" and spans and _DEADLINE_ASKED.search(q.norm):  # "By when?": a date things are due by
            typed = 1.0 if due_by(text, spans) else PARTLY_TYPED
        elif q.expects == "date" and spans and all(_date_of_opposite(q, text, span) for span in spans):
            typed = PARTLY_TYPED  # "When did the baths shut?": "the baths, which opened in 1936" date their opening
        elif q.expects == "date" and spans and all(_dated_before_or_after(text, span, view) for span in spans):
            typed = 0.0  # "When did building start?": "he died on 2 May 1901, before construction had begun"
        elif q.expects == "date" and spans and _DAY_ASKED.search(q.norm) and all(_YEAR_ONLY.fullmatch(text[a:b].strip()) for a, b in spans):
            typed = PARTLY_TYPED  # "On what date was it presented?": a year alone names no day
        elif q.expects == "text" and POSITION_ASKED.search(q.norm):  # "ending in seventh place", "finished 3rd"
            typed = 1.0 if _POSITION.search(text) else 0.0
        elif asks_kind(q, self.lexicon):  # "which companies": those the articles name as such, or a name of no known kind
            typed = 1.0 if spans else 0.5 if self._untyped_names(q, text) else 0.0
        elif q.expects == "text" and _MEANING_ASKED.match(_unframed(q.norm)):  # "What does X mean?": a sentence that glosses it
            # "What does ELA stand for?": the words it is short for ("the equilibrium-line altitude (ELA), the ...")
            expanded = any(_expands(label, text) for label, _, _ in view.names)
            glossed = _GLOSS.search(text) is not None
            typed = 1.0 if expanded or (glossed and not _STAND_FOR.search(_unframed(q.norm))) else PARTLY_TYPED if glossed else 0.0
        elif q.expects == "text" and view.names and DESCRIBE.match(q.norm.strip()):
            # "What is Tidewell?": a sentence that says what it is ("Tidewell, a weekly ointment for ...")
            typed = 1.0 if any(_defines(norm_text, k) for _, keys, _ in view.names for k in keys) else 0.3
        elif asks_name(q):
            # a name may be given plainly ("at their Tern Park ground"); "a €95 million Kestrel Valley Recovery Fund"
            # names the fund; a name it gives is likelier the one asked than none
            kind = {t for t, _, _ in view.terms}
            named = new_names(q, text)
            typed = 1.0 if _NAMING.search(text) or any(stem(words(n)[-1]) in kind for n in named) else (PARTLY_TYPED if named else 0.0)
        elif q.expects == "text" and re.search(r"\bnationality\b", q.norm):  # "the Australian pathologist Howard Florey"
            typed = 1.0 if any(w.lower() in DEMONYMS for w in re.findall(r"\b[A-Z][a-z]+\b", text)) else 0.0
        elif q.expects == "text":
            typed = 0.5
        elif q.expects == "reason":
            typed = 1.0 if REASON_RE.search(text) or self._result_of_cause(text, view) else 0.0
            if typed and self._effect_only(text, view):
                typed = 0.0  # "why did the firm fail?": "the collapse caused a scandal" tells what the failure caused
            elif not typed and (_LIKELY_REASON.search(text) or (_VIEW_ASKED.search(q.norm) and _GROUNDS.search(text))):
                # "delivered just 11,350 tonnes, after a hailstorm stripped ...", "grows by 11%, mainly for a new crisis
                # team"; "why do analysts think ...?": "Some analysts point out that ..."
                typed = PARTLY_TYPED
        elif q.expects == "entity":  # "which segment ...": a name would say it, but so may plain words ("pack assembly")
            typed = 1.0 if spans else 0.5
        elif q.expects == "place" and not spans:  # "The hardest part was the Culebra Cut": a name the articles do not type
            typed = 0.5 if new_names(q, text) else 0.0
        elif q.expects == "place":  # a place the sentence puts something in, near or west of; not "to designate it as a Protected Area"
            typed = 1.0 if any(_LOCATIVE.search(text[max(0, a - 24) : a]) for a, _ in spans) else PARTLY_TYPED
        elif q.expects == "person" and spans:  # "who" asks for a person first; a club or a company may answer it
            people = people_of(text, spans, self.lexicon)
            typed = 1.0 if people else PARTLY_TYPED
            titles = [title_of(text, span) for span in people] if view.role else []
            # "Chief financial officer Dan Oka" is the finance chief: a title of the field asked that writes the role
            held = (
                [
                    t in view.titles or (view.field and holds_field(text, s, view.field) and view.role_word in _title_stems(text, s))
                    for t, s in zip(titles, people, strict=True)
                ]
                if titles
                else []
            )
            if titles and all(titles) and not any(held):
                typed = 0.0  # "the leader of the council" is not "the council's chief finance officer, Helen Marsh"
            elif view.field and people and not any(holds_field(text, span, view.field) for span in people):
                typed = 0.0  # "the finance chief" is not the "Chief executive Lena Brandt"
        else:
            typed = 1.0 if spans else 0.0
        lexical = view.coverage(have) if view.terms else found / max(1, len(view.names))
        covered = view.coverage(around) if view.terms else 1.0
        if PRONOUN_START.match(text):  # "It had six stages covering ...": it says what the sentence before is about
            lexical = max(lexical, covered)
        return Features(
            dense=dense,
            passage=passage,
            lexical=lexical,
            context=covered,
            names=found / len(view.names) if view.names else 1.0,
            typed=typed,
            novel=novel / len(content) if content else 0.0,
            absent=tuple(absent),
            conflicts=tuple(conflicts),
            heading=1.0 if heading else 0.0,
            unmentioned=unmentioned,
        )

    def answer_first(self, q: Question, names: list[Name], text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``spans`` with the likeliest answer first: the figure of what is counted ("over 1,500 species of fish"
        before "400 species of hard coral" for "how many kinds of fish"), the person holding the role asked."""
        view = self.view(q, names)
        if q.expects == "number" and view.counted and len(spans) > 1:
            of_what = counted_of(q)
            thing = self.lexicon.related(of_what) if of_what else frozenset()

            def misses(span: tuple[int, int]) -> int:
                return (
                    (not unit_match(text, [span], view.counted))
                    + bool(view.head and not unit_match(text, [span], view.head, head=True))
                    + bool(thing and not figure_of(text, span[1], thing))
                )

            return sorted(spans, key=misses)
        if q.expects == "person" and view.role and len(spans) > 1:
            return sorted(spans, key=lambda span: title_of(text, span) not in view.role)
        return spans

    def unmentioned(self, q: Question, names: list[Name], article: str) -> int:
        """How many of the question's names the folded, normalised text of a whole article never gives."""
        return sum(
            1
            for _, keys, kind in self.view(q, names).names
            if not any(
                written_in(k, article) or _all_words_in(k, article) or named_by_head(k, article, kind, self.lexicon.shared_heads)
                for k in keys
            )
        )

    def _other_person(self, text: str, keys: tuple[str, ...], asked: set[str]) -> bool:
        """Whether ``text`` names a person other than the one written ``keys`` before any "he" or "she", which
        would then be that other person ("Qin died in 210 BC, and his dynasty fell" is not about Meng). A name
        the question gives too (the words ``asked``) is no other person: "Why did Ames refuse to pay Brandt?"
        is answered by "Ames refused to pay him, because ..." after a sentence about Brandt."""
        mine = {w for k in keys for w in words(_joined_hyphens(k))} | asked
        pronoun = _HE_OR_SHE.search(text)
        return any(
            m.entity.type in PERSON_TYPES
            and not set(words(_joined_hyphens(normalize(m.entity.name)))) & mine
            and (pronoun is None or m.start < pronoun.start())
            for m in self.lexicon.find(text)
        )

    def _called_by_kind(self, text: str, label: str, kind: str | None, before: str) -> bool:
        """Whether lower-case ``text`` calls the name ``label`` by a noun of its kind ("the company"), as the
        last name of that kind written in the sentences ``before`` it."""
        nouns = _KIND_NOUNS.get(kind or "")
        if not nouns or not re.search(rf"\bthe (?:{'|'.join(nouns)})\b", text):
            return False
        last = [m.entity.name for m in self.lexicon.find(before) if m.entity.type == kind]
        return bool(last) and normalize(last[-1]) == normalize(label)

    def _called_by_descriptor(self, text: str, keys: tuple[str, ...], before: str) -> bool:
        """Whether lower-case ``text`` calls a name by the common noun the sentences ``before`` it wrote in front of
        it, or by a word for that noun ("the 52-metre vessel" after "the survey ship Marra Dawn"), when they
        write that noun in front of no other name."""
        forms = self._introduced.get((before, keys))
        if forms is None:
            forms = self._descriptor_forms(keys, before)
            if len(self._introduced) < 50_000:
                self._introduced[(before, keys)] = forms
        return bool(forms) and any(stem(w) in forms for w in _the_nouns(text))

    def _descriptor_forms(self, keys: tuple[str, ...], before: str) -> frozenset[str]:
        """The stems of the noun ``before`` writes in front of the name written ``keys`` and of words for it; none
        when it writes that noun in front of another name too ("the ship Vega ... the ship Orla")."""
        low = fold(normalize(before))
        nouns = set()
        for k in keys:
            at = low.find(k)
            while at > 0:
                if (found := _DESCRIBED.search(low[max(0, at - 60) : at])) and not low[at + len(k) : at + len(k) + 1].isalnum():
                    nouns.add(stem(found.group(1)))
                at = low.find(k, at + 1)
        forms = frozenset(f for noun in nouns for f in self.lexicon.related(noun) | {noun})
        others = {fold(normalize(m.group(2))) for m in _DESCRIBED_NAME.finditer(before) if stem(m.group(1)) in forms}
        if any(not any(k.startswith(other) for k in keys) for other in others):
            return frozenset()
        return forms

    def _called_by_head(self, text: str, keys: tuple[str, ...], body: str, *, common: bool = False) -> bool:
        """Whether lower-case ``text`` calls a name of several words by its last word ("the association" for
        the Tal Cheesemakers' Association) in an article (``body``) that names it throughout and names nothing
        else that word ends; ``common``: only by a word of everyday English ("the bridge", not "the Lind")."""
        heads = _last_words(keys)
        heads = {h for h in heads if common_word(h)} if common else heads
        said = [h for h in heads if f"the {h}" in text and re.search(rf"\bthe {re.escape(h)}\b", text)]
        if not said or _mentions(body, keys) < SUBJECT_MENTIONS:
            return False
        return self._only_name_ending(said[0], keys, body)

    def _head_throughout(self, keys: tuple[str, ...], body: str) -> bool:
        """Whether an article (``body``) calls a name of several words by its last word, a word of everyday English,
        throughout ("the choir"), and names nothing else that word ends."""
        return any(
            _the_count(body, head) >= SUBJECT_MENTIONS and self._only_name_ending(head, keys, body)
            for head in _last_words(keys)
            if common_word(head)
        )

    def _only_name_ending(self, word: str, keys: tuple[str, ...], body: str) -> bool:
        """Whether the article (``body``) names nothing that ``word`` ends but the name written ``keys``."""
        return not any(name in body for name in self._names_ending(word) - set(keys))

    def _names_ending(self, word: str) -> set[str]:
        """The folded names of the lexicon's entities whose last word is ``word`` (worked out once)."""
        if self._endings is None:
            self._endings = {}
            for entity in self.lexicon.entities:
                name = fold(normalize(entity.name))
                if words(name):
                    self._endings.setdefault(words(name)[-1], set()).add(name)
        return self._endings.get(word, set())

    def _opens_with_other(self, text: str, keys: tuple[str, ...], kind: str | None) -> bool:
        """Whether ``text`` opens with another name of the kind of the one written ``keys``: "Monteluce was the
        only town to record a decline" is about Monteluce, whatever town the sentence before named; and
        "Ann Powell-Rhys and her husband won ..." is about her, not about the Rhys the article is about."""
        if kind is None or kind == "entity":
            return False
        if kind in PERSON_TYPES:  # a relative whose double-barrelled name holds the person's: "Ann Powell-Rhys"
            mine = {w for k in keys for w in words(k)}
            return any(
                m.entity.type in PERSON_TYPES
                and m.start == 0
                and set(words(normalize(m.entity.name))) & mine
                and not set(words(_joined_hyphens(normalize(m.entity.name)))) & mine
                for m in self.lexicon.find(text)
            )
        mine = {w for k in keys for w in words(k)}
        return any(m.entity.type == kind and m.start <= 4 and not set(words(m.entity.name)) & mine for m in self.lexicon.find(text))

    def _other_place(self, text: str, keys: tuple[str, ...]) -> bool:
        """Whether ``text`` names a place other than the one written ``keys``."""
        mine = {w for k in keys for w in words(k)}
        return any(m.entity.type in PLACE_TYPES and not set(words(m.entity.name)) & mine for m in self.lexicon.find(text))

    def _speaks_for(self, keys: tuple[str, ...], context: str) -> bool:
        """Whether ``context`` names a person whom the facts tie to the organisation ``keys`` name ("Mara Olsen
        | company | Harwick Shipping"): what he or she says next speaks for it."""
        if self._affiliations is None:
            self._affiliations = {}
            for fact in self.snapshot.facts.values():
                if fact.subject_type in PERSON_TYPES and fact.number is None and isinstance(fact.value, str):
                    entity = self.lexicon.get(fact.value)
                    if entity is not None and entity.type not in PERSON_TYPES and entity.type not in PLACE_TYPES:
                        names = {fold(normalize(n)) for n in (entity.name, *entity.aliases)}
                        self._affiliations.setdefault(fold(normalize(fact.subject)), set()).update(names)
        return any(set(keys) & orgs and written_in(person, context) for person, orgs in self._affiliations.items())

    def _a_place(self, name: str) -> bool:
        entity = self.lexicon.get(name)
        return entity is not None and entity.type in PLACE_TYPES

    def rank_score(self, f: Features) -> float:
        w = self.settings.weights
        return (
            w.dense * f.dense
            + w.passage * f.passage
            + w.lexical * f.lexical
            + w.context * f.context
            + w.names * f.names
            + w.typed * f.typed
            + w.novel * f.novel
            - w.absent * (len(f.absent) + len(f.conflicts))
            - w.heading * f.heading
            - w.unmentioned * f.unmentioned
        )

    def _untyped_names(self, q: Question, text: str) -> list[str]:
        """The names ``text`` gives of the kind asked in its own words, which the articles give no other kind than one
        like it: "the American firm Varn" (an organisation) for "which company"; "Kessel Glass Works"
        for "which water treatment plant", a word of the kind asked in the name itself; not "China", a place, nor
        "American", nor a name with no word of the kind beside it."""
        kind = q.answer_type or ""
        alike = _KINDRED.get(kind, frozenset())
        forms = self.lexicon.related(stem(kind)) | {stem(kind)}
        described = {stem(t) for t in q.terms} - forms  # "glass" of "which glass plant"
        typed = {normalize(text[m.start : m.end]) for m in self.lexicon.find(text) if m.entity.type not in alike}
        return [
            n
            for n in new_names(q, text)
            if normalize(n) not in typed
            and n.lower().split("-")[0] not in DEMONYMS
            and (
                any(forms & {stem(w) for w in words(around)} for around in _beside(text, n))
                or (kind in _KINDRED and bool(described & {stem(w) for w in words(n)[1:]}))
            )
        ]

    def _result_of_cause(self, text: str, view: Asked) -> bool:
        """Whether ``text`` tells what was asked about as the result of its main clause: "A culvert became
        blocked, diverting the stream down the main street" says why the stream ran down the street."""
        found = _RESULT_CLAUSE.search(text)
        if found is None or len(text[: found.start()].split()) < 3:
            return False
        result = self.terms_of(found.group(0))
        return view.coverage(result) >= RESULT_COVERAGE

    def _effect_only(self, text: str, view: Asked) -> bool:
        """Whether ``text`` gives reasons only by what the thing asked about brought about: every cause it states
        is a verb of causing ("caused", "led to") with the question's words before it and none after."""
        found = list(REASON_RE.finditer(text))
        if not found or not all(_CAUSING.fullmatch(m.group(0).strip()) for m in found):
            return False
        if any(re.match(r"\s+(?:\w+ly\s+)?by\b", text[m.end() :]) for m in found):
            return False  # "the delay was caused (mainly) by an old wall": the cause after it
        first, last = found[0], found[-1]
        return view.coverage(self.terms_of(text[: first.start()])) > 0 and view.coverage(self.terms_of(text[last.end() :])) == 0

    def evidence_score(self, f: Features) -> float:
        """How well the evidence supports an answer, 0..1: the calibrated combination of its features."""
        w = self.settings.support
        z = w.bias + w.dense * f.dense + w.lexical * f.lexical + w.context * f.context + w.typed * f.typed
        return float(1.0 / (1.0 + np.exp(-z)))

    # -------------------------------------------------------------------------------- verdicts

    def unknown_names(self, q: Question) -> list[str]:
        """Names of the question no article mentions, even misspelt: nothing can be said about them."""
        unknown = []
        for name in names_in_question(q, self.lexicon):
            if name.kind is not None or self.lexicon.get(name.label) is not None:
                continue
            known = False
            for variant in name.variants:  # "America" is mentioned where "the United States" is
                pieces = [w for w in re.findall(r"[\w'\u00c0-\u024f]+", variant) if len(w) > 1]
                known = known or all(self.vocabulary.inflects(w) or self.vocabulary.correction(w) is not None for w in pieces)
            if not known:
                unknown.append(name.label)
        for country in _COUNTRY.findall(fold(q.norm)):  # a country asked in lower case is a name all the same
            # (mentioned by its people's adjective too: "Switzerland" where the articles write "the Swiss institute")
            forms = (country, *(f.lower() for f in _country_forms(country)))
            if not any(all(self.vocabulary.inflects(w) for w in form.split()) for form in forms) and country not in map(str.lower, unknown):
                unknown.append(country.title())
        return unknown

    def missing(self, q: Question, f: Features | None) -> str | None:
        """What the sources lack, when it can be named."""
        unknown = self.unknown_names(q)
        if unknown:
            return unknown[0]
        if q.unresolved:
            return q.unresolved
        if f is not None and f.absent:
            return f.absent[0]
        if f is not None and f.conflicts:
            # "nothing about Northport alone", "about last year"; never "nothing about most": a superlative is no topic
            return next((c for c in f.conflicts if re.fullmatch(r"[A-Za-z][\w' \-]*", c) and not _degree_words(c)), None)
        return None

    def verdict(self, q: Question, f: Features) -> Verdict:
        """Answer or refuse, from the best evidence's features.

        Besides the score: a question for a number or a date is not answered by a sentence without one,
        and one naming something the sources never mention, or only elsewhere, is not answered at all.
        """
        score = self.evidence_score(f)
        missing = self.missing(q, f)
        if missing is not None or f.conflicts:
            mentioned = missing in f.absent and not YEAR.fullmatch(missing) and missing not in self.unknown_names(q)
            return Verdict(False, score, missing, mentioned)
        if (q.expects in CRISP or asks_name(q)) and not f.typed:
            return Verdict(False, score)  # "What was the keeper called?": a sentence without a name does not say
        return Verdict(score >= self.settings.threshold, score)

    # ------------------------------------------------------------------------------ similarity

    def sentence_similarities(self, state: AskState, sentences: list[Sentence]) -> dict[tuple[str, int], float]:
        """Cosine of each sentence's own vector to the question's (sentences indexed on their own)."""
        if self.searcher is None or state.vector is None:
            return {}
        known = {(str(h.metadata.get("source")), int(h.metadata.get("start", -1))): h.similarity for h in state.sentence_hits}
        rows = self.snapshot.sentence_rows
        wanted: dict[str, tuple[str, int]] = {}
        for s in sentences:
            key = (s.article.id, s.span.start)
            row = rows.get(key)
            if key not in known and row is not None:
                wanted[self.snapshot.ids[row]] = key
        fetched = self.searcher.similarities(self.snapshot, state.vector, list(wanted))
        known.update({wanted[i]: v for i, v in fetched.items()})
        return known

    def passage_similarities(self, state: AskState, sentences: list[Sentence]) -> dict[tuple[str, int], float]:
        """Cosine of the vector of the passage that holds each sentence to the question's: for sentences
        retrieved on their own, whose passage was not."""
        if self.searcher is None or state.vector is None:
            return {}
        wanted: dict[str, list[tuple[str, int]]] = {}
        for s in sentences:
            row = self.snapshot.passage_row(s.article.id, s.span.start)
            if row is not None:
                wanted.setdefault(self.snapshot.ids[row], []).append((s.article.id, s.span.start))
        fetched = self.searcher.similarities(self.snapshot, state.vector, list(wanted))
        return {key: v for i, v in fetched.items() for key in wanted[i]}


CRISP = frozenset({"number", "date"})


def _degree_words(text: str) -> bool:
    """Whether ``text`` is only words of degree or rank ("most", "the most", "that rank")."""
    from assistant.understand.question import RANK, SUPERLATIVE_MAX, SUPERLATIVE_MIN

    return all(stem(w) in SUPERLATIVE_MAX | SUPERLATIVE_MIN | RANK or w in STOPWORDS for w in words(text))


_DAY_ASKED = re.compile(r"\b(?:what|which) (?:date|day)\b|\bwhat day of\b")
_YEAR_ONLY = re.compile(r"(?:in |of )?\d{4}")
_DEADLINE_ASKED = re.compile(r"\bby when\b|\bby (?:what|which) (?:date|day|month|year|time)\b|\bdeadline\b")
_DUE_BY = re.compile(r"\b(?:by|until|till|before|no later than)\s+(?:the end of\s+|(?:early|mid|late)[\s-]+)?$", re.I)


# the verb a date is the time of: "which opened in 1936", "closed on 3 May"
_DATED_VERB = re.compile(r"\b([a-z]{3,})\s+(?:on|in|at)?\s*(?:the\s+)?$")


def _date_of_opposite(q: Question, text: str, span: tuple[int, int]) -> bool:
    """Whether the date at ``span`` is that of the opposite of what the question asks the date of (opened,
    where it asks when a thing shut)."""
    verb = _DATED_VERB.search(text[max(0, span[0] - 30) : span[0]].lower())
    if verb is None:
        return False
    other = stem(verb.group(1))
    return any(other in _OPPOSITES.get(stem(w), ()) for w in words(q.norm))


_BEFORE_OR_AFTER = re.compile(r"^[^.;]{0,12}?\b(?:before|after|until|till|by the time)\b([^.;]{0,60})", re.I)


def _defines(text: str, key: str) -> bool:
    """Whether lower-case ``text`` says what the name ``key`` is: "x, a drug for ...", "x (y) is the largest ...",
    "a feature called x"."""
    name = rf"(?<!\w){re.escape(key)}(?!\w)"
    said = rf"{name}(?:\s*\([^)]*\))?(?:,\s*(?:a|an|the|one of)\s|\s+(?:is|was|are|were)\s+(?:a|an|the|one)\s|\s+(?:refers to|means)\s)"
    called = rf"\b(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:called|named|known as)\s+[\"\u201c]?{name}"
    return re.search(f"{said}|{called}", text) is not None


def _dated_before_or_after(text: str, span: tuple[int, int], view: Asked) -> bool:
    """Whether the date at ``span`` is of another event than the one asked, which the sentence places before or
    after it: "he died on 2 May 1901, before construction had begun" does not date the building's start."""
    later = _BEFORE_OR_AFTER.match(text[span[1] :])
    if later is None:
        return False
    after = {stem(w) for w in words(later.group(1))}
    before = {stem(w) for w in words(text[: span[0]])}
    told = [forms for term, _, forms in view.terms if forms & after and term not in STOPWORDS]
    return bool(told) and not any(forms & before for forms in told)


def due_by(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether one of the dates at ``spans`` is one things are due by ("by 2027", "until the end of 2030")."""
    return any(_DUE_BY.search(text[max(0, a - 20) : a]) for a, _ in spans)


_AGE_ASKED = re.compile(r"\bhow old\b|\bage[sd]?\b|\byears? old\b")
_AGE_BEFORE = re.compile(r"\b(?:age of|aged)\s+(?:about\s+|around\s+|just\s+)?$", re.I)
_AGE_AFTER = re.compile(r"(?:\s+|-)years?[\s-]old\b", re.I)
_APPOSED_AGE = re.compile(r"[A-Z][\w\-]+,\s+(?:then\s+|now\s+|aged\s+|age\s+)?$")


def figure_typed(
    q: Question, text: str, spans: list[tuple[int, int]], wanted: set[str] | frozenset[str], head: frozenset[str] = frozenset()
) -> float:
    """How well the figures of ``text`` at ``spans`` are of the kind a "how many / how much" question asks,
    0..1; ``wanted``: the units or counted nouns that would say so; ``head``: the forms of the noun counted,
    which a figure of one of its other words only does not count ("four passengers per trip" for "how
    many passenger trips")."""
    spans = [s for s in spans if not of_other_measure(q, text, s)]
    if _AGE_ASKED.search(q.norm) and any(_APPOSED_AGE.search(text[:a]) and re.match(r"\s*[,;)]", text[b:]) for a, b in spans):
        return 1.0  # "passed to his son, Ivo Lind, then 29, who ...": a person's age set beside the name
    if not _AGE_ASKED.search(q.norm):  # "at the age of 90" counts nothing and measures no amount
        spans = [s for s in spans if not (_AGE_BEFORE.search(text[max(0, s[0] - 14) : s[0]]) or _AGE_AFTER.match(text[s[1] :]))]
    if not spans:  # "How deep is the lake?": "26 metres above sea level" is a height
        return 0.0
    if _percent(text, spans, every=True) and COUNT_ASKED.search(q.norm):
        return OTHER_MEASURE  # "how many French companies": "French companies took 19%" is a share, whatever is counted
    if not wanted:
        return 1.0
    if unit_match(text, spans, wanted):
        return 1.0 if not head or unit_match(text, spans, head, head=True) else PARTLY_TYPED
    if not units_asked(q) or (any_bare(text, spans, wanted) and not measure_asked(q)):
        return PARTLY_TYPED
    if not measure_asked(q) and not _percent(text, spans) and _counts_others(text, spans, wanted):
        return 0.0  # "How many volunteers ...?": "runs 164 clubs" counts something else
    if not measure_asked(q) or _percent(text, spans):  # a rate may say how often
        return OTHER_MEASURE
    return 0.0  # "the average temperature": "five climate zones" gives no figure of it


def _counts_others(text: str, spans: list[tuple[int, int]], wanted: set[str] | frozenset[str]) -> bool:
    """Whether the figures at ``spans`` count something none of ``wanted`` is: the first is followed by a noun of its
    own (not a unit of measure), and those after it give the same thing ("164 clubs, the Coastal region 131")."""
    if not spans or {stem(w) for w in words(text)} & wanted:  # the sentence writes what is counted: a figure may be of it
        return False
    end = min(spans)[1]
    said = re.match(r"\s*(?:[a-z][\w'-]*\s+)?([a-z][\w'-]*s)\b", text[end : end + 40])
    if said is None or said.group(1) in STOPWORDS or stem(said.group(1)) in MEASURES:
        return False
    return not any(stem(w) in wanted for span in spans for w in words(text[span[1] : span[1] + 30])[:2])


def _percent(text: str, spans: list[tuple[int, int]], *, every: bool = False) -> bool:
    """Whether one of the figures at ``spans`` is a percentage (``every``: all of them are)."""
    found = (re.match(r"\s*(?:%|per ?cent\b|(?:thirds?|quarters?|fifths?|tenths?) of\b)", text[b:], re.I) for _, b in spans)
    return all(found) if every else any(found)


# a relative or a holder before or after someone, asked by that someone's name ("Varga's husband"): the words and
# the phrases that say the relation (general English)
_RELATION: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "spouse": (frozenset("husband wife widow widower spouse married marry marriage".split()), ()),
    "parent": (
        frozenset("father mother parent parents".split()),
        ("son of", "sons of", "daughter of", "daughters of", "child of", "children of", "born to"),
    ),
    "child": (frozenset("son sons daughter daughters child children".split()), ()),
    "sibling": (frozenset("brother brothers sister sisters sibling siblings".split()), ()),
    "holder": (frozenset("successor predecessor succeeded succeed replaced".split()), ("took over",)),
}
_RELATION_OF = {
    word: kind
    for kind, asked in (
        ("spouse", "husband wife widow widower spouse"),
        ("parent", "father mother parents"),
        ("child", "son sons daughter daughters child children kids"),
        ("sibling", "brother brothers sister sisters siblings"),
        ("holder", "successor predecessor"),
    )
    for word in asked.split()
}
_RELATION_ASKED = re.compile(rf"\b([a-z][\w-]*)'s ({'|'.join(_RELATION_OF)})\b")


def _relation_unsaid(question: str, said: str) -> str | None:
    """ "varga's husband" when the question asks of someone's relative and ``said`` (a sentence with its context)
    gives no word of that relation: it speaks of the person, not of the relative."""
    asked = _RELATION_ASKED.search(question)
    if asked is None:
        return None
    shown, phrases = _RELATION[_RELATION_OF[asked.group(2)]]
    plain = words(said)
    if shown & set(plain):
        return None
    text = f" {' '.join(plain)} "
    return None if any(f" {p} " in text for p in phrases) else asked.group(0)


_ONE_OF_THE_MOST = re.compile(r"\bone of (?:the|its|their) (?:(?:most|least) [\w-]+|[\w-]+est)\b")
# an extreme reached, said as a noun or a verb: "fell to a low of 54", "a peak of 9,000", "peaked in 1931"
_EXTREME_REACHED = re.compile(
    r"\b(?:a|an|its|their|the|new|record|all-time|seasonal)\s+(low|high|peak|trough|minimum|maximum)\s+of\b|\b(peaked|bottomed)\b"
)
# "the busiest route", "its wealthiest patron": a superlative of any adjective in -y states an extreme too
_OTHER_SUPERLATIVE = re.compile(r"\b(?:the|its|their|his|her)\s+\w{3,}iest\b")


def _conflicts(
    q: Question, sentence: str, around: str, related: Callable[[str], frozenset[str]], published: int | None = None
) -> list[str]:
    """What the question asks that the sentence cannot give by its nature: a superlative or a rank it
    does not state, another time ("last year"), one member of a group it gives only a total for."""
    from assistant.answer.support import attribute
    from assistant.numbers import find_numbers
    from assistant.understand.question import RANK, SUPERLATIVE_MAX, SUPERLATIVE_MIN

    out = []
    if (kin := _relation_unsaid(q.norm, f"{sentence} {around}")) is not None:
        out.append(kin)  # "What did Varga's husband die of?": not "Varga died of pneumonia"
    # "one of the most important observatories" says it is not alone in being so: no extreme of its own
    have = {stem(w) for w in words(_ONE_OF_THE_MOST.sub(" ", sentence))}
    for said in _EXTREME_REACHED.finditer(sentence):  # "fell to a low of 54" states the lowest point
        have.add(stem("lowest") if (said.group(1) or said.group(2)) in ("low", "trough", "minimum", "bottomed") else stem("highest"))
    extremes = SUPERLATIVE_MAX | SUPERLATIVE_MIN | {"first", "lead", "top"}
    # "the three biggest projects" is a group the sentence may call "these three projects"
    group = bool(q.top_n) and any(n.value == q.top_n for n in find_numbers(sentence))
    # "where were most of the people hurt?": "Nine people were hurt, seven of them in Brackley" gives the part
    part = _MOST_OF.search(q.norm) is not None and _PART_OF.search(sentence) is not None
    if q.superlative and not q.nth and not group and not have & extremes and not _OTHER_SUPERLATIVE.search(sentence) and not part:
        out.append(next((w for w in words(q.norm) if stem(w) in extremes), "the most"))
    elif q.superlative and not q.nth:  # "the largest share" does not say which has the smallest
        wanted, other = (SUPERLATIVE_MIN, SUPERLATIVE_MAX) if q.superlative == "min" else (SUPERLATIVE_MAX, SUPERLATIVE_MIN)
        if have & other and not have & wanted:
            out.append(next((w for w in words(q.norm) if stem(w) in wanted), "the least" if q.superlative == "min" else "the most"))
    elif (q.nth or q.operation == "rank") and not have & (RANK | extremes) and not stated_places(sentence):  # "came third"
        out.append(next((w for w in words(q.norm) if stem(w) in RANK), "that rank"))
    word = specific_superlative(q.norm, related) if q.superlative and not q.nth and not out else None
    if word and not related(stem(word)) & have:
        out.append(word)  # "the fastest ascent" is not answered by "the first recorded ascent"
    if q.filter and q.filter[0] == "==":  # "ranked number one", "with 12 companies": the sentence must give that figure
        given = {n.value for n in find_numbers(sentence) if not re.match(r"one\s+of\b", sentence[n.start :])}
        top = q.filter[1] == 1 and _FIRST_PLACE.search(sentence)
        if not any(abs(q.filter[1] - g) < 1e-9 for g in given) and not top:  # "number one" is "at the top"
            out.append(f"{q.filter[1]:g}")
    if q.superlative and not group and not _MOST_OF.search(q.norm):  # "the most tankers": what is counted must be what the sentence counts
        # the attribute asked, or else the noun right after the superlative ("the smallest toll in the canal's history")
        head = attribute(q)
        heads = [head, _superlative_head(q.norm, SUPERLATIVE_MAX | SUPERLATIVE_MIN)] if head else []
        if heads and not any(h and related(stem(h)) & have for h in heads):
            out.append(head)
    # "The lowest toll ever paid was 36 cents": a record, not what a toll is (a year's figure, "its busiest year
    # ever", is still that year's)
    if not q.superlative and not _ASKS_RECORD.search(q.norm):
        asked = {stem(w) for w in words(q.norm)} - {stem(w) for w in _TIME_WORDS}
        out += [
            f"the {m.group(1)} {m.group(2)}"
            for m in _RECORD.finditer(sentence)
            if any(related(stem(w)) & asked for w in m.group(2).split())
        ]
    when = RELATIVE_TIME.search(q.norm)
    if when and not _says_when(when.group(0), around, published):
        out.append(when.group(0))
    named = q.entities[0].name if q.expects == "number" and len(q.entities) == 1 else None
    if named and (_one_of_many(named, sentence) or (normalize(named) not in normalize(sentence) and _one_of_many(named, around))):
        out.append(f"{named} alone")  # "20 companies in smaller cities, including Vigo, Sines and Pamplona"
    alone = _ALONE.search(q.norm)
    if alone and _TOGETHER.search(sentence):
        out.append(f"{q.entities[-1].name if q.entities else 'it'} {alone.group(0)}")
    asked = words(q.norm)
    for i, w in enumerate(asked):  # "the upper jaw" is not answered by a sentence about the lower one
        opposite = _OPPOSITES.get(stem(w))
        if opposite and not related(stem(w)) & have and opposite & have:
            after = asked[i + 1] if i + 1 < len(asked) and asked[i + 1] not in STOPWORDS else ""
            out.append(f"{w} {after}".strip())
        elif w in _COLOURS and i + 1 < len(asked) and stem(w) not in have:  # "the yellow jersey" is not "the white jersey"
            head = asked[i + 1]
            if re.search(rf"\b(?:{'|'.join(_COLOURS - {w})}) {re.escape(head)}", sentence):
                out.append(f"{w} {head}")
    kind = other_kind(q, sentence, around, related)
    if kind:
        out.append(kind)
    return out + _other_ordinal(q.norm, sentence)


# "in total", "combined": the figure of all of them is asked; one named subject's figure is not it
_TOTAL_WORDS = "in total|combined|altogether|all together|together|overall|total"
_TOTAL_ASKED = re.compile(rf"\b(?:{_TOTAL_WORDS})\b")
_WHOLE_SAID = re.compile(rf"\b(?:{_TOTAL_WORDS}|totals|totalled|all|whole|entire|across)\b", re.I)  # a sentence of the whole
# a sentence about one named thing: "Harl Mills carried ..."
_NAME_START = re.compile(r"^\W*([A-Z][\w'\u2019\-]+)(?:\s+[A-Z][\w'\u2019\-]+)+\s+[a-z]")


PAST_YEARS = 20  # a sentence dated this many years before the latest its article writes is of the past


def _long_before(text: str, before: str, latest: int) -> bool:
    """Whether ``text`` tells of a time long before ``latest``, the latest year its article writes: it is in the past
    tense, says nothing of the present ("today", "is", "has"), and every year it or its paragraph so far gives is
    PAST_YEARS or more earlier ("At its first meeting 40 members signed up" after "founded in 1931")."""
    if _NOW.search(text.lower()) or _PRESENT.search(text) or not _PAST.search(text):
        return False
    years = [int(y) for y in YEAR.findall(text) or YEAR.findall(before)]
    return bool(years) and max(years) <= latest - PAST_YEARS


_PAST = re.compile(r"\b(?:was|were|had|did|[a-z]{2,}ed)\b")
_PRESENT = re.compile(r"\b(?:is|are|has|have|remains|remain|still)\b")


def _one_of_the_total(q: Question, text: str) -> bool:
    """Whether ``q`` asks a total of all ("the members' combined turnover", "how many trips in total") naming
    nothing but places, and ``text`` gives one subject's figure: it opens with "It" or with a name and says no
    word of a whole."""
    if not _TOTAL_ASKED.search(q.norm) or any(e.type not in PLACE_TYPES for e in q.entities) or _WHOLE_SAID.search(text):
        return False
    named = _NAME_START.match(text)
    return bool(re.match(r"^\W*(?:(?:but|and)\s+)?(?:it|its)\b", text, re.I) or (named and named.group(1).lower() not in STOPWORDS))


_ORDINAL_BEFORE = re.compile(rf"\b({_ORDINAL})\s+([a-z][\w\-]+)", re.I)


_SEAT_ASKED = re.compile(r"\b(?:based|headquartered|located|seated)\b")
_SEATED = re.compile(r"\b(?:based|headquartered|located)\s+in\b")


def _seated_elsewhere(text: str, names: tuple[tuple[str, tuple[str, ...], str | None], ...], a_place: Callable[[str], bool]) -> bool:
    """Whether every "based in" of ``text`` says where another named thing is based than the ones asked about:
    in "the chair of HRG and chief executive of Nordlift, a crane maker based in Riga" it is
    Nordlift's seat, the name written last before it that is no place and no people's adjective ("operator of
    wind farms in the North Sea, headquartered in Bergen", "a Brazilian bakery based in Campinas").
    ("The guild, a Tallinn-based association" names none: it may be the one asked about.)"""
    owners = []
    for seat in _SEATED.finditer(text):
        clause = re.split(r"[.;:]\s", text[: seat.start()])[-1]
        named = [
            m.group(0)
            for m in _NAME.finditer(clause)
            if not (m.start() == 0 and m.group(0).split()[0].lower() in STOPWORDS)
            and m.group(0).lower() not in DEMONYMS
            and not a_place(m.group(0))
        ]
        if not named:
            return False  # "The body, an association based in ...": what it refers back to may be the one asked about
        owners.append(fold(normalize(named[-1])))
    return bool(owners) and not any(o in keys or any(k in o for k in keys) for o in owners for _, keys, _ in names)


def _other_ordinal(question: str, sentence: str) -> list[str]:
    """ "the second servicing mission" is not told of by a sentence about "the first servicing mission" (and
    not the asked one)."""
    out = []
    for asked in _ORDINAL_BEFORE.finditer(question):
        if asked.group(2).lower() in STOPWORDS:
            continue  # "fourth in Europe" names no thing of which there are several
        number, noun = asked.group(1).lower(), stem(asked.group(2).lower())
        given = {m.group(1).lower() for m in _ORDINAL_BEFORE.finditer(sentence) if stem(m.group(2).lower()) == noun}
        if given and number not in given:
            out.append(asked.group(0))
    for asked in _TOP_BEFORE.finditer(question):  # "the top scorer" is not "the division's second-highest scorer"
        noun = stem(asked.group(1).lower())
        if any(stem(m.group(1).lower()) == noun for m in _RUNNER_UP_BEFORE.finditer(sentence)):
            out.append(asked.group(0))
    return out


_TOP_BEFORE = re.compile(r"\b(?:top|highest|best|leading|biggest)\s+([a-z][\w\-]+)", re.I)
_RUNNER_UP_BEFORE = re.compile(
    r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th))[- ](?:highest|best|top|biggest|leading|largest)(?:-| )([a-z][\w\-]+)", re.I
)


def _kindless_in(name: str, text: str) -> bool:
    """Whether ``text`` writes ``name`` without its last word, when two words or more are left: a heading "New
    branch at Brackley Cross" is about Brackley Cross Library."""
    parts = name.split()
    return len(parts) >= 3 and written_in(" ".join(parts[:-1]), text)


def _life_of_another(text: str, event: str, names: list[tuple[str, tuple[str, ...], str | None]]) -> str | None:
    """The person a birth or death the question asks of belongs to, when ``text`` gives that event only with another
    person's name as its subject ("Karl Marrow died in 1931" for when Ilse Marrow died); else None."""
    lives = [(label, keys) for label, keys, kind in names if kind == "person"] or [
        (label, keys) for label, keys, kind in names if kind not in PLACE_TYPES
    ]  # a name of another kind ("chemist", none) may be a person's
    found = [m.group(1) for m in _LIFE_SUBJECT[event].finditer(text) if m.group(1).split()[0].lower() not in STOPWORDS]  # not "He"
    if not lives or not found:
        return None
    person = lives[0][0]
    keys = [fold(normalize(k)) for _, ks in lives for k in ks]

    full = any(" " in k for k in keys)  # asked by a full name, a shared surname is no match ("Karl Marrow" is not Ilse)

    def same(name: str) -> bool:  # "Ilse Varen Marrow" or "Marrow" is Ilse Marrow, and the Marrow asked
        said = fold(normalize(name))
        return any(said == k or ((" " in k or not full) and written_in(k, said)) or (" " not in said and written_in(said, k)) for k in keys)

    return person if not any(same(name) for name in found) else None


# "When did Marrow's husband die?" asks of a relative of the person named
_KIN_OF = re.compile(
    r"'s\s+(?:\w+\s+)?(?:wife|husband|widow|son|daughter|mother|father|brother|sister|child|children|parents?|partner|family)\b"
)
_LIFE_SUBJECT = {
    event: re.compile(rf"\b([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)*)\s+(?:{verbs})\b")
    for event, verbs in (("death", "died|dies|passed away"), ("birth", "was born|is born"))
}


_PEOPLE_ASKED = re.compile(r"\b(?:" + "|".join(map(re.escape, DEMONYMS)) + r")\b")


def _other_nation(question: str, sentence: str, around: str) -> str | None:
    """The people a question asks about ("the French") when ``sentence`` speaks of another people's ("the American
    construction") and neither it nor ``around`` names the one asked or its country; else None."""
    asked = [w for w in words(question) if w in DEMONYMS]
    said = {w for w in words(sentence) if w in DEMONYMS}
    if not asked or not said - set(asked):
        return None
    near = f"{sentence} {around}"
    present = set(words(near))
    folded = fold(normalize(near))
    if any(w in present or any(written_in(fold(normalize(c)), folded) for c in DEMONYMS[w]) for w in asked):
        return None
    return f"the {asked[0]}"


def other_kind(q: Question, sentence: str, around: str, related: Callable[[str], frozenset[str]]) -> str | None:
    """The kind of thing "how many" counts ("black bears") when ``sentence`` (normalised) counts another kind
    of it ("65 grizzly bears") and it and ``around`` never give the kind asked; else None."""
    from assistant.numbers import CARDINALS

    kind = _KIND_COUNTED.search(q.norm)
    if not kind or kind.group(1) in STOPWORDS or related(stem(kind.group(1))) & {stem(w) for w in words(around)}:
        return None
    if any(kind.group(1) in words(e.name) for e in q.entities):
        return None  # "how many Kelby companies": a name, not a kind
    other = re.search(rf"(?:\d|\b(?:{'|'.join(CARDINALS)}))\s+([a-z][\w\-]*) {re.escape(kind.group(2))}\b", sentence)
    return " ".join(kind.groups()) if other and other.group(1) not in STOPWORDS else None


# "how many black bears": a kind of a thing counted (its noun a plural, not a verb: "how many people live")
# (a plain word: a compound such as "zero-emission-bus" may be written as its initials)
_KIND_COUNTED = re.compile(r"\bhow many ([a-z]+) ([a-z][\w\-]+s)\b(?<!\bwas)(?<!\bhas)(?<!\bdoes)(?<!\bis)")


_LISTED = re.compile(r"\b(?:including|such as|among them|like)\s+([^.;:()]+)", re.I)


def _one_of_many(name: str, sentence: str) -> bool:
    """Whether ``sentence`` names ``name`` only as one of several examples of a group ("including Vigo, Sines
    and Badajoz"): a figure it gives is the group's, not that one's."""
    folded = normalize(sentence)
    key = normalize(name)
    for m in _LISTED.finditer(folded):
        items = [i.strip() for i in re.split(r",|\band\b|\bor\b", m.group(1)) if i.strip()]
        if len(items) >= 3 and any(key == re.sub(r"^(?:the|its|their)\s+", "", i) or key in i.split("'s") for i in items):
            return folded.count(key) == 1
    return False


def specific_superlative(question: str, related: Callable[[str], frozenset[str]]) -> str | None:
    """The question's superlative when it says more than "the most" or "the least" ("fastest", "slowest"):
    a sentence stating another extreme does not give it."""
    from assistant.understand.question import SUPERLATIVE_MAX, SUPERLATIVE_MIN

    generic = related(stem("most")) | related(stem("fewest")) | {stem(w) for w in ("lead", "leading", "top", "best")}
    for w in words(question):
        if stem(w) in SUPERLATIVE_MAX | SUPERLATIVE_MIN:
            return None if stem(w) in generic else w
    return None


def asks_name(q: Question) -> bool:
    """Whether ``q`` asks what something is called ("What is the name of the lake?", "What is the fund called?")."""
    return q.expects == "text" and bool(_NAME_ASKED.match(q.norm) or _CALLED_ASKED.match(q.norm))


def states_extreme(q: Question, text: str, related: Callable[[str], frozenset[str]]) -> bool:
    """Whether ``text`` itself states the extreme the question asks: its superlative followed by the words
    of what it qualifies ("the largest share of companies" for "Which segment has the largest share of
    companies?"; "a minimum share of recycled cobalt" does not). Then no figure needs comparing to find it."""
    from assistant.understand.question import SUPERLATIVE_MAX, SUPERLATIVE_MIN

    if not q.superlative:
        return False
    extremes = SUPERLATIVE_MAX | SUPERLATIVE_MIN
    asked = words(q.norm)
    at = next((i for i, w in enumerate(asked) if stem(w) in extremes), None)
    if at is None:
        return False
    qualified = [stem(w) for w in asked[at + 1 : at + 5] if w not in STOPWORDS]
    if not qualified:
        return False
    said = words(text)
    for i, w in enumerate(said):
        if related(stem(w)) & related(stem(asked[at])):
            after = {r for x in said[i + 1 : i + 5] for r in related(stem(x))}
            if all(t in after for t in qualified):
                return True
    return False


def _superlative_head(question: str, extremes: set[str]) -> str | None:
    """The noun a superlative qualifies: "toll" in "Who paid the smallest toll in the canal's history?"
    (the last word of the run after it: "the most battery companies" counts companies)."""
    asked = words(question)
    for i, w in enumerate(asked):
        if stem(w) in extremes:
            run = []
            for after in asked[i + 1 :]:
                if after in STOPWORDS or stem(after) in extremes:
                    break
                run.append(after)
            return run[-1] if run else None
    return None


def _opposites(pairs: str) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for pair in pairs.split(";"):
        a, b = ({stem(w) for w in side.split()} for side in pair.split("/"))
        for x in a:
            table.setdefault(x, set()).update(b)
        for x in b:
            table.setdefault(x, set()).update(a)
    return {k: frozenset(v) for k, v in table.items()}


# Words whose opposite in a sentence means it speaks of the other thing (general English)
_OPPOSITES = _opposites(
    "upper/lower;north northern/south southern;east eastern/west western;male males/female females;inner/outer;"
    "wild/captivity captive;domestic/foreign;import imports/export exports;urban/rural;indoor/outdoor;"
    "rise rose increase increased/fall fell decrease decreased decline declined;average/maximum minimum;maximum/minimum;"
    "open opens opened/close closes closed closure shut shuts"
)

# One colour names a thing apart from another of the same kind ("the white jersey", "red blood cells")
_COLOURS = frozenset("red orange yellow green blue purple pink brown black white grey gray silver gold".split())


def _life_words(text: str, view: Asked) -> frozenset[str]:
    """ "born" and "died" for a sentence that gives the life's span of a name the question gives, in brackets
    after it ("Mara Lind, Lady Orsk (née Vale; 4 May 1830 – 2 June 1902)")."""
    span = _LIFESPAN.search(text)
    if span is None:
        return frozenset()
    before = fold(normalize(text[max(0, span.start() - LIFE_NAME_CHARS) : span.end()]))
    if any(written_in(k, before) or _all_words_in(k, before) for _, keys, _ in view.names for k in keys):
        return _LIFE_WORDS
    return frozenset()


# a run of capitalised words, with the small words a name may hold between them ("Food and Drug Administration")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'\-]*(?:\s+(?:(?:and|of|for|the|&)\s+)*[A-Z][\w'\-]*)+")


@lru_cache(maxsize=4096)
def _unframed(norm: str) -> str:
    """A question without where the asker read it ("What does ELA stand for in the glacier article?")."""
    return _SOURCE_FRAME.sub(" ", norm).strip()


def _expands(acronym: str, text: str) -> bool:
    """Whether ``text`` gives the words ``acronym`` is short for, before it in brackets, whatever their case
    ("the equilibrium-line altitude (ELA)")."""
    at = text.find(f"({acronym})") if acronym.isupper() and 2 <= len(acronym) <= 6 else -1
    if at < 0:
        return False
    before = re.findall(r"[A-Za-z]+", text[:at])[-(len(acronym) + 3) :]
    initials = "".join(w[0] for w in before if w.lower() not in STOPWORDS).upper()
    return initials.endswith(acronym)


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether ``text`` writes an acronym out in full ("the US Food and Drug Administration" for "FDA")."""
    if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6):
        return False
    return any(name_initials(run.group(0)).endswith(acronym) for run in _CAPITALISED_RUN.finditer(text))


@lru_cache(maxsize=65_536)
def _all_words_in(name: str, text: str) -> bool:
    """All the words of a name of several words stand close together in ``text`` ("the Eiffel tower" for
    "Eiffel Tower"); a short word only as itself ("notes labelled A to G" does not write "Note G")."""
    parts = [w for w in re.findall(r"[\w']+", name) if w not in STOPWORDS]
    if len(parts) < 2:
        return False
    tokens = re.findall(r"[\w']+", text)
    where = [[i for i, t in enumerate(tokens) if t == p or (len(p) >= 4 and t.startswith(p))] for p in parts]
    window = len(parts) + 1
    return all(where) and any(all(any(abs(j - i) <= window for j in w) for w in where[1:]) for i in where[0])


_SPLIT_YEAR = re.compile(r"\b((?:1[5-9]|20)\d{2})\s*[/\u2013-]\s*(\d{2})\b")  # "2023/24": a financial or a school year


def _years_asked(text: str) -> tuple[str, ...]:
    """The years ``text`` asks about; a year across two ("2023/24") as both, "2023/2024", either of which says it."""
    split = [(m.group(1), m.group(1)[:2] + m.group(2)) for m in _SPLIT_YEAR.finditer(text)]
    years = [f"{a}/{b}" for a, b in split if int(b) == int(a) + 1]
    written = {y for pair in split for y in pair}
    return tuple(years + [y for y in YEAR.findall(text) if y not in written])


def _says_year(year: str, text: str) -> bool:
    """Whether ``text`` says ``year`` (see :func:`_years_asked`): a year across two is said by itself or by either
    year written alone ("2022/23" says neither 2021/22 nor 2022)."""
    if "/" not in year:
        return year in text
    first, second = year.split("/")
    if re.search(rf"\b{first}\s*[/\u2013-]\s*(?:{second[:2]})?{second[2:]}\b", text):
        return True
    return any(m.group(0) in (first, second) for m in re.finditer(r"(?<![/\u2013-])\b(?:1[5-9]|20)\d{2}\b(?!\s*[/\u2013-]\s*\d)", text))


_YEAR_BEFORE = re.compile(
    r"\b(?:a|one) year (?:earlier|before)\b|\bthe (?:previous|prior|preceding) year\b|\bthe year before\b|\btwelve months earlier\b"
)


def _year_before_said(text: str, year: str) -> bool:
    """Whether ``text`` gives ``year`` as the year before one it names: "at the end of 2025, 56 more than the 356
    employed a year earlier" says 2024 (and of a year split across two, 2030/2031 before 2031-32)."""
    if "/" in year:  # "118 plates a month during 2031-32, compared with 131 the year before" says 2030-31
        later = "/".join(str(int(y) + 1) for y in year.split("/"))
        return bool(_YEAR_BEFORE.search(text)) and later in _years_asked(text)
    if not _YEAR_BEFORE.search(text) or str(int(year) + 1) not in YEAR.findall(text):
        return False
    # "up from 17,900 in 2023, ... from £5.4 million the year before": 2023 is itself the year before another
    return not _compared_with(text, str(int(year) + 1))


def _against_year_before(text: str, year: str, published: int | None) -> bool:
    """Whether ``text`` gives a figure against the one of the year before ``year`` and names no other year: in a
    report of ``year`` (published then or the year after), "Cargo: 9,850 tonnes (2023: 10,260 tonnes)" and
    "Revenue rose to £38.6 million, from £33.2 million in 2023" give the figures of 2024."""
    if "/" in year:  # "finished with 84 points, up from 61 points in 2023-24" is of the season 2024/2025
        first, second = (int(y) - 1 for y in year.split("/"))
        written = rf"{first}\s*[/\u2013-]\s*(?:{str(second)[:2]})?{str(second)[2:]}"  # "2023-24", "2023/2024"
        return set(_years_asked(text)) == {f"{first}/{second}"} and _compared_with(text, written)
    before = str(int(year) - 1)
    if set(YEAR.findall(text)) != {before} or (published is not None and published not in (int(year), int(year) + 1)):
        return False
    return bool(re.search(rf"\(\s*{before}\s*:", text)) or _compared_with(text, before)


def _compared_with(text: str, year: str) -> bool:
    """Whether ``text`` gives ``year`` as what a figure is compared with: "from 2,870 in 2022", "against 2022"."""
    return bool(re.search(rf"\b(?:from|against|compared (?:with|to)|versus|vs\.?|than)\b[^;()]{{0,40}}\b{year}\b", text))


def _labels(question: str, year: str) -> bool:
    """Whether ``question`` writes ``year`` as the label of a thing ("its 2024 annual results"), not as a time."""
    return re.search(rf"\b(?:its|their|the|his|her|this|that|our)\s+{re.escape(year)}\s+(?!to\b|and\b|or\b)[a-z]", question) is not None


def _later_year(text: str, year: str) -> bool:
    """Whether ``text`` gives a year later than ``year`` (a sentence saying "by the end of 2026" speaks of then,
    whereas "from 108.9 million in 2023" compares with an earlier one)."""
    first = int(year[:4])
    return any(int(found) > first for found in YEAR.findall(text))


def _outside_names(q: Question) -> str:
    outside = q.norm
    for m in q.mentions:
        outside = outside[: m.start] + " " * (m.end - m.start) + outside[m.end :]
    return outside


# the nouns that call a name by its kind ("the firm" for a company), for every kind but a person's
_KIND_NOUNS = {
    kind: sorted(re.escape(w) for w, k in KIND_SYNONYMS.items() if k == kind) for kind in set(KIND_SYNONYMS.values()) - {"person"}
}


# "the survey ship Marra": the common noun written in front of a name
_DESCRIBED = re.compile(r"\bthe (?:[\w\-]+ ){0,2}?([a-z]{3,}) $")
_DESCRIBED_NAME = re.compile(r"\b[Tt]he (?:[\w\-]+ ){0,2}?([a-z]{3,}) ([A-Z][\w'\-]*)")
_AFTER_THE = re.compile(r"\bthe ((?:[\w\-]+ ){0,2}[\w\-]+)")


def _the_nouns(text: str) -> list[str]:
    """The words lower-case ``text`` writes in the three after each "the": its nouns and what describes them."""
    return [w for m in _AFTER_THE.finditer(text) for w in m.group(1).split() if len(w) > 2 and w.isalpha() and w not in STOPWORDS]


# the first holder of a role asked ("who was the first president?"), which a sentence says in these words
_FIRST_HOLDER = re.compile(r"\b(?:first|founding|original|inaugural)\b")
_FIRST_SAID = re.compile(r"\b(?:first|found(?:ing|ed|er|ers)|original(?:ly)?|inaugural|1st)\b", re.I)
# what happened before a result or what it is for, which may be why: "after a hailstorm", "mainly for a new team"
_LIKELY_REASON = re.compile(
    r"\bafter (?:a|an|the|its|his|her|their|two|three|several|heavy|severe) |\b(?:mainly|largely|partly|mostly|chiefly|primarily) for ",
    re.I,
)
# "why do analysts think ...?": the grounds people give for a view
_VIEW_ASKED = re.compile(
    r"^why (?:do|does|did|would|might) (?:[\w'\-]+ ){1,4}(?:think|believe|expect|fear|worry|say|argue|doubt|predict|warn)\b"
)
_GROUNDS = re.compile(r"\b(?:point(?:s|ed)? out|argu(?:e|es|ed)|warn(?:s|ed)?|not(?:e|es|ed)|sa(?:y|ys|id)|believ(?:e|es|ed)) that\b", re.I)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|off|on|of|from|to|into|outside|inside|across|along|around|between|beside|by|within|toward|towards|"
    r"through|throughout|via|under|over|opposite)(?: [\w\-]+){0,2}\s*$",
    re.I,
)
_LONG_WORD = re.compile(r"\b[A-Za-z]{8,}\b")


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> frozenset[str]:
    """The stems of the two everyday words a word is written of, when it is no everyday word itself: "winemaker"
    says wine and make, "shipbuilder" ship and build ("who is in charge of making the wine?": its chief winemaker)."""
    if everyday(word):
        return frozenset()
    for at in range(4, len(word) - 3):
        left, right = word[:at], word[at:]
        if left in STOPWORDS or not everyday(left):
            continue
        doers = [right[: -len(end)] for end in ("ers", "er", "rs", "r") if right.endswith(end)]  # a maker makes
        roots = {stem(r) for r in (right, *doers) if len(r) >= 3 and r not in STOPWORDS and everyday(r)} - {stem(left)}
        if roots:
            return frozenset({stem(left), *roots})
    return frozenset()


def _joined_hyphens(text: str) -> str:
    """``text`` with the word after each hyphen between letters joined to it, so that a name is not found as
    the second part of a double-barrelled one ("Rhys" is not "Ann Powell-Rhys"), while "Rhys-led" is Rhys."""
    return re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", "-x", text)
