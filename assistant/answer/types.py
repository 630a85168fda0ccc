"""What kind of answer a question wants, and where a sentence holds one.

General English only: dates, numbers, names written with capitals, places after a preposition,
words that give a reason. Entities the index knows (and their types) come from the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.ingest.english import FORMER_CURRENCIES, HONORIFICS
from assistant.numbers import CARDINALS, SCALE_WORDS, find_numbers
from assistant.text import IRREGULAR_PLURALS, STOPWORDS, normalize, stem, words
from assistant.understand.lexicon import PLACE_TYPES, Lexicon
from assistant.understand.question import MEASURE_NOUNS, Question, measure_noun

PERSON_TYPES = frozenset({"person", "people"})
WHO_ELSE = frozenset({"organisation", "company", "university"})  # "who won the league?": a club may be the answer
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
DATE_RE = re.compile(
    rf"\b(?:{_MONTHS}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d))?(?:,?\s+\d{{3,4}})?|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{3,4}})?"
    r"|(?:1[0-9]|20)\d{2}s?(?:\s*[-\u2013]\s*(?:1[0-9]|20)?\d{2})?|\d{1,2}(?:st|nd|rd|th)\s+century"
    r"|(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of\s+\d{4}|\d{3,4}\s*(?:BC|BCE|AD|CE)\b)"
)
_NAME_RE = re.compile(r"\b[A-Z][\w'\u00c0-\u024f\-]+(?:\s+(?:of|de|von|van|da|del|the|and)?\s*[A-Z][\w'\u00c0-\u024f\-]+)*")
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|from|near|to|into|across|throughout|outside|within)\s+(?:the\s+)?([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*)"
)
_YEAR_ASKED = re.compile(r"\b(?:what|which) year\b")
_MONTHS_OR_DAYS = re.compile(
    rf"(?:{_MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Spring|Summer|Autumn|Winter)(?:\s+\d{{1,4}})?"
)
# "on Mill Lane": a street is a place a thing is on
_STREET_AFTER = re.compile(
    r"\bon\s+(?:the\s+)?([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*\s+(?:Street|Road|Lane|Avenue|Way|Square|Drive|Place|Close|Crescent|Terrace|Row|Boulevard|Parade))\b"
)
REASON_RE = re.compile(
    rf"^\W*the (?:result|outcome|consequence) (?:was|is|were)\b|\b(?:because|due (?:\w+ly |in (?:large )?part )?to(?!\s+(?:be|open|close|start|begin|end|finish|arrive|launch|return|resume|expire|complete|take|make|meet|retire|leave|publish|report|sign|vote)\b)|owing to|thanks to|as a result|result(?:s|ed)? (?:from|in)|led to|leads to|caus(?:e|es|ed|ing)|since(?!\s+(?:\d|then\b|{_MONTHS}|(?:the\s+)?(?:start|beginning|launch|opening|founding|end|early|late|mid)\b)|(?:\s+[\w'\u2019]+){{0,3}}\s+(?:began|begun|started|opened|was\s+founded|was\s+established|launched|joined|arrived|took\s+office)\b)|so that|for (?:two|three|four|several|a few|a number of|many|these|those|other|similar) (?:[a-z]+ )?reasons\b|"
    r"in order to|reason|driven (?:\w+ly )?by|reflect(?:s|ed|ing)|(?:boosted|fuell?ed|spurred|triggered|sparked|hampered|hindered|hurt|hit|delayed|disrupted|overshadowed|held back) (?:\w+ly )?by|stems? from|(?:explains?|explained|is|was) why|(?:which|this|that) (?:explains|explained|accounts for|accounted for) |lies in|(?:largely |partly |mainly |chiefly )?responsible for|allow(?:s|ed|ing)? |enabl(?:e|es|ed|ing)|so as to|enough to|therefore|thus|hence|"
    r"died (?:of|from)|succumbed to|attribut(?:e|es|ed|ing) (?:\w+ ){0,6}to|credited to|blam(?:e|es|ed|ing)|put(?:s|ting)? (?:\w+ )?down (?:\w+ly )?to|explained by|because of|for fear|in response to|prompted|aimed at|cost (?:them|him|her|it|us|me) the|in (?:honour|honor|memory|recognition) of|named (?:after|for)|citing|, (?:saying|arguing|claiming|insisting|explaining|complaining) |after (?:an?|the|its|his|her|their) (?:[\w\-]+ ){0,8}(?:found|showed|revealed|ruled|concluded|proved))\b"
    # what a thing was made for: "The Tour was created in 1903 to increase sales"
    r"|\b(?:was|were|is|are|been) (?:created|founded|built|set up|established|introduced|designed|made|started|launched|formed|"
    r"organi[sz]ed|held|begun|written) (?:(?:in|on|at|by) [\w']+(?: [\w']+){0,2} )?to (?!(?:the|a|an|his|her|its|their|this|that|be)\b)[a-z]{3,}\b"
    # a cause and what followed from it: "The last ferry had gone, so they stayed the night"
    r"|, so (?!(?:much|many|far|long|that|too|as|well|do|does|did)\b)[a-z]"
    # what undid a thing: "the first dam was defeated by spring floods"
    r"|\b(?:defeated|undone|thwarted|doomed|crippled|plagued|undermined|derailed|wrecked) (?:\w+ly )?by\b"
    # a change and the event it followed: "its fleet shrank to 9 trams from 12 after it retired the oldest"
    # and so a removal: "the keeper was dropped from the squad after he had been injured in training"
    r"|\b(?:shrank|shrunk|fell|dropped|declined|slipped|rose|grew|climbed|jumped|increased|decreased|halved|doubled|removed|"
    r"sacked|fired|dismissed|suspended|banned|grounded|replaced|withdrawn|cancell?ed|postponed|abandoned|scrapped)\b[^.;]{0,80}?"
    r"\bafter (?:it|they|he|she|we|the [a-z]+|its [a-z]+|their [a-z]+|[A-Z][\w-]+) (?:had been |has been |had |was |were )?"
    r"[a-z]{3,}(?:ed|ew|ook|ent|ost|ut|ade|ame|old)\b"
    # what a thing was for: "the increases were needed to cover costs"
    r"|\b(?:was|were|is|are|be|been) (?:\w+ly )?(?:needed|necessary|required) to (?!(?:the|a|an|his|her|its|their|this|that|be)\b)[a-z]{3,}",
    re.I,
)
# the codes of the world's currencies, written in capitals: "PLN 86 million", "CHF 2.1 billion"
CURRENCY_CODES = (
    "CHF|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|JPY|CNY|KRW|TWD|AUD|CAD|NZD|BRL|MXN|ARS|CLP|COP|PEN|ZAR|KES|NGN|GHS|EGP|MAD"
    "|TRY|RUB|UAH|SGD|HKD|AED|SAR|QAR|ILS|THB|IDR|MYR|PHP|VND|PKR|BDT|LKR"
)
# a currency written right before a figure: "£24,000", "US$5", "PLN 86 million"
CURRENCY_BEFORE = re.compile(rf"(?:(?:US)?[$\u00a3\u20ac\u00a5\u20b9]\s?|\b(?:{CURRENCY_CODES})\s)$")
CURRENCY = re.compile(
    r"[$\u00a3\u20ac\u00a5\u20b9\u20a9\u20ba\u20bd]|\b(?:dollars?|euros?|pounds?|pence|penny|pennies|cents?|yuan|yen|francs?|rupees?|Rs|USD|EUR|GBP|RMB|INR"
    r"|kronor|kroner|krona|krone|zloty|zlotys|złoty|złotys|rand|reais|pesos?|rubles?|roubles?|shillings?|dirhams?|ringgit|baht"
    rf"|{'|'.join(sorted(FORMER_CURRENCIES, key=len, reverse=True))})\b"
    rf"|(?-i:\b(?:{CURRENCY_CODES})\b)",
    re.I,
)
_SCALE = re.compile(rf"^\s*(?:{SCALE_WORDS}|bn|m)\b", re.I)  # "375 million dollars": the currency after the scale
_MONEY_WORDS = re.compile(
    r"\b(?:cost|costs|costing|price|priced|prices|spend|spent|spending|pay|paid|pays|worth|budget|fund|funds|funding|funded|invest|invested|"
    r"investment|revenue|revenues|turnover|salary|wage|wages|fee|fees|sold for|sell for|raise|raised|earn|earned|earns|income|profit|loss|money|"
    r"deficit|deficits|surplus|debt|debts)\b"
)
# Capitalised words of places and institutions: a run holding one names no person
_NOT_PERSON = frozenset(
    """island islands river lake mountain mount mountains bay sea ocean fjord gulf strait cape coast street road avenue square city
    county province state states valley park bridge tower lighthouse castle palace church cathedral temple museum university college
    school hospital station airport port harbour harbor kingdom republic empire desert forest canal peninsula north south east west
    northern southern eastern western central united national international company corporation inc ltd group bank council ministry
    department agency institute society association league union party army navy war battle treaty act festival award prize
    january february march april may june july august september october november december monday tuesday wednesday thursday friday
    saturday sunday us usa uk eu uae bc bce ad ce""".split()  # abbreviated countries, unions and eras: "70 US dollars", "221 BC"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|on|from|near|to|into|of|across|throughout|outside|within)\s+(?:the\s+)?$", re.I)


# What "how <adjective>" measures in: general units, so a figure in the right unit beats any figure.
# A unit of several words counts only whole ("per hour": a rate "per day" is no speed).
HOW_UNITS = {
    "fast": "per hour, km/h, mph, kph, knots, speed, speeds, per second",
    "tall": "metres, meters, m, feet, ft, tall, high, height, storeys, stories",
    "high": "metres, meters, m, feet, ft, kilometres, kilometers, km, miles, high, height, altitude",
    "long": "kilometres, kilometers, km, miles, metres, meters, m, feet, long, length, years, months, days, hours, minutes, weeks",
    "far": "kilometres, kilometers, km, miles, metres, meters, away, distance",
    "deep": "metres, meters, m, feet, ft, deep, depth",
    "wide": "kilometres, kilometers, km, miles, metres, meters, m, wide, width",
    "big": "square, hectares, acres, km2, km², area, size",
    "large": "square, hectares, acres, km2, km², area, size",
    "heavy": "kilograms, kg, tonnes, tons, pounds, lb, grams, weigh, weighs, weight",
    "old": "years, age, aged",
    "often": "times, every, per year, per day, per week, per month, a year, a day, a week, a month",
    "hot": "degrees, °c, °f, celsius, fahrenheit, temperature",
    "cold": "degrees, °c, °f, celsius, fahrenheit, temperature",
}
# "how fast", "how deep": a measure; not "how big/large" (an industry is big in money or in firms)
_HOW_MEASURE = re.compile(rf"\bhow (?:{'|'.join(a for a in HOW_UNITS if a not in {'big', 'large'})})\b")
_WEIGHS = re.compile(r"\bhow much\b(?:\s+\S+){1,8}\s+weigh(?:s|ed)?\b")
_TIME_UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries")
_LASTS = re.compile(
    r"\b(?:live|lives|lived|living|last|lasts|lasted|take|takes|took|stay|stays|stayed|wait|waited|survive|survives|survived|"
    r"serve|served|reign|reigned|rule|ruled|work|worked|run|ran|spend|spent)\b"
)
# Words that make a figure a measure rather than a count of things
MEASURES = frozenset(
    stem(w)
    for w in """percent per cent second seconds minute minutes hour hours day days week weeks month months year years decade decades
    century centuries kilometre kilometres kilometer kilometers km miles mile metre metres meter meters feet foot ft inches cm mm
    centimetre centimetres centimeter centimeters millimetre millimetres millimeter millimeters
    kilogram kilograms kg tonne tonnes tons ton pounds lb grams degrees celsius fahrenheit hectares acres square litres liters
    gallons dollars euros yuan yen""".split()
)


# the measure a figure gives, when the words after its unit say: "26 metres above sea level" is a height
_SAID_MEASURE = re.compile(r"^\s*[^\W\d]+\s+(?:(above|below) sea level|(high|tall|long|wide|deep|away)\b)", re.I)
_SAME_MEASURE = {"tall": "high", "above": "high", "below": "deep", "away": "far"}


def of_other_measure(q: Question, text: str, span: tuple[int, int]) -> bool:
    """Whether the figure at ``span`` says by its words that it measures something other than what ``q``
    asks: "How deep is the lake?" is not answered by "26 metres above sea level"."""
    asked = _HOW_MEASURE.search(q.norm)
    adjective = asked.group(0).split()[-1] if asked else MEASURE_NOUNS.get(measure_noun(q.norm) or "")
    said = _SAID_MEASURE.match(text[span[1] : span[1] + 40])
    if not adjective or not said:
        return False
    given = (said.group(1) or said.group(2)).lower()
    if given == "above" and adjective == "tall":  # a height above the sea is no structure's height: "How tall is the dam?"
        return True
    return _SAME_MEASURE.get(given, given) != _SAME_MEASURE.get(adjective, adjective)


def explicit_unit(q: Question) -> str | None:
    """The unit of measure the question names for its answer: "How long can it grow, in metres?", "How many
    metres ...?"."""
    return _explicit_unit(q.norm)


# what a question asks is read from its words alone, and again for every candidate sentence: remembered by them
@lru_cache(maxsize=4096)
def _explicit_unit(norm: str) -> str | None:
    found = re.search(r"\b(?:in|to)\s+([a-z]+)\W*$", norm) or re.search(r"\bhow many\s+([a-z]+)\b", norm)
    return stem(found.group(1)) if found and stem(found.group(1)) in MEASURES else None


def counted(q: Question) -> set[str]:
    """The words a figure answering ``q`` should come with: what "how many" counts, or the units of "how far"
    (only the one it names, when it names one)."""
    return set(_counted(q.norm))


@lru_cache(maxsize=4096)
def _counted(norm: str) -> frozenset[str]:
    return frozenset(_counted_in(norm))


def _counted_in(norm: str) -> set[str]:
    if unit := _explicit_unit(norm):
        return {unit}
    if noun := measure_noun(norm):  # "What is the average temperature?": how hot
        return {" ".join(stem(w) for w in unit.split()) for unit in HOW_UNITS[MEASURE_NOUNS[noun]].split(", ")}
    if _WEIGHS.search(norm):  # "How much does it weigh?": how heavy
        return {" ".join(stem(w) for w in unit.split()) for unit in HOW_UNITS["heavy"].split(", ")}
    if re.search(
        r"\bwhat(?:'s| is| was| are| were)(?: the| its| their)?(?: total)? population\b|\bhow many (?:people|residents|inhabitants) (?:live|lived|reside|resided)\b",
        norm,
    ):  # a count of people
        return {stem(w) for w in ("people", "inhabitants", "residents", "population", "persons")}
    if re.search(r"\bhow many (?:people|persons|men|women|lives)? ?(?:died|were killed|perished|lost their lives)\b", norm):
        return {stem(w) for w in ("people", "persons", "lives", "deaths", "dead", "fatalities", "victims", "casualties")}
    if re.search(r"\bhow many (?:people|persons) (?:work|worked|are employed|were employed)\b", norm):  # its staff
        return {stem(w) for w in ("people", "staff", "employees", "workers", "workforce", "personnel")}
    if re.search(r"\bhow many (?:people|persons)\b", norm):  # "how many people may enter?": visitors, fans, guests ...
        return {stem(w) for w in _PEOPLE_NOUNS}
    found = re.search(r"\bhow (many|much|\w+)\s+([\w\-]+)?", norm)
    if not found:
        return set()
    if found.group(1) == "long" and _LASTS.search(norm):  # "How long do they live?": a time, not a length
        return {stem(w) for w in _TIME_UNITS}
    if found.group(1) in HOW_UNITS:
        return {" ".join(stem(w) for w in unit.split()) for unit in HOW_UNITS[found.group(1)].split(", ")}
    noun = found.group(2) or ""
    if found.group(1) == "much" and noun in _MONEY_NOUNS:
        return set()  # "how much money did they bring in?": an amount in any currency, no word after it
    return {stem(noun)} if noun and noun not in STOPWORDS else set()


# the nouns that count people by what they do
_PEOPLE_NOUNS = frozenset(
    "people persons visitors tourists spectators fans guests passengers travellers travelers attendees participants "
    "residents inhabitants members workers staff employees students pupils patients customers users".split()
)
_MONEY_NOUNS = frozenset({"money", "cash", "funding", "capital", "revenue", "income", "profit"})


_RANGE = re.compile(r"\s*(?:to|or|and|[-\u2013])\s*[\d.,]+\b|\s*(?:to|or|and)\s+[a-z]+\b")


def counted_words(q: Question) -> set[str]:
    """Stems of what "how many" counts, up to three words ("how many AI companies are ...": ai, compani)."""
    found = re.search(r"\bhow many\s+((?:[\w\-]+\s+){0,2}[\w\-]+)", q.norm)
    if not found:
        return set()
    out = set()
    for w in found.group(1).split():
        if w in STOPWORDS:
            break
        out.add(stem(w))
    return out


# plurals without an -s that "how many" counts
_PLURALS = frozenset(IRREGULAR_PLURALS) | frozenset("people staff sheep fish deer police cattle personnel".split())


def counted_head_forms(q: Question, related: Callable[[str], frozenset[str]]) -> frozenset[str]:
    """The forms of the noun "how many" counts; "how many people" are counted by any noun of people
    ("2.9 million passengers", "2,400 residents")."""
    head = counted_head(q)
    if head is None:
        return frozenset()
    if head in _PEOPLE_HEADS:
        return related(head) | frozenset(stem(w) for w in _PEOPLE_NOUNS)
    return related(head)


_PEOPLE_HEADS = frozenset(stem(w) for w in ("people", "persons"))


def counted_head(q: Question) -> str | None:
    """The stem of the noun "how many" counts, the last plural of its words ("how many passenger trips were
    made": trips), or None when none of them is plainly a plural."""
    found = re.search(r"\bhow many\s+((?:[\w\-]+\s+){0,2}[\w\-]+)", q.norm)
    head = None
    for w in found.group(1).split() if found else ():
        if w in STOPWORDS:
            break
        if w in _PLURALS or (len(w) > 3 and w.endswith("s") and not w.endswith("ss")):
            head = stem(w)
    return head


# "how many kinds of fish", "how many tonnes of honey": what the figure must be of
_COUNTED_OF = re.compile(r"\bhow many ([a-z]+) of ([a-z]+)\b")


def counted_of(q: Question) -> str | None:
    """The stem of what "how many kinds of" counts kinds of ("fish"), or None."""
    found = _COUNTED_OF.search(q.norm)
    return stem(found.group(2)) if found and found.group(2) not in STOPWORDS else None


def figure_of(text: str, end: int, wanted: frozenset[str]) -> bool:
    """Whether the figure of ``text`` ending at ``end`` is one of ``wanted`` (stems), said within the four words
    after it ("1,500 species of fish")."""
    return bool(wanted & {stem(w) for w in words(text[end : end + 40])[:4]})


def units_asked(q: Question) -> bool:
    """Whether ``q`` counts things or asks a measure ("how many ships", "how far"): then a figure in another unit
    does not answer it ("how much money" may be answered in any currency)."""
    return measure_asked(q) or bool(re.search(r"\bhow many\b", q.norm))


def measure_asked(q: Question) -> bool:
    """Whether ``q`` asks a measure ("how fast", "in metres"), which a bare count ("three times") does not give
    ("how big" is not one: an industry is big in money or in firms)."""
    return bool(_HOW_MEASURE.search(q.norm) or _WEIGHS.search(q.norm)) or explicit_unit(q) is not None or bool(measure_noun(q.norm))


def _around(text: str, span: tuple[int, int]) -> tuple[list[str], list[str]]:
    """Stems of the words just after a figure (past the end of a range: "eight to nine years") and just before it."""
    a, b = span
    rest = text[b : b + 60]
    ranged = _RANGE.match(rest)
    if ranged and ranged.group(0).split()[-1].lower() not in STOPWORDS:
        rest = rest[ranged.end() :]
    return [stem(w) for w in words(rest[:40])[:3]], [stem(w) for w in words(text[max(0, a - 25) : a])[-2:]]


# a capitalised word right before a figure makes it a label, which counts nothing ("Route 7", "Gate 12")
_LABEL = re.compile(r"\b[A-Z][a-z]+ $")


def _own_noun(rest: str) -> bool:
    """Whether a figure followed by ``rest`` counts a plural noun of its own ("2,400 plates", "2,400 glass
    plates"), no unit of measure."""
    said = re.match(r"\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?", rest)  # "2,400 plates", "2,400 glass plates"
    if said is None or said.group(1) in STOPWORDS:
        return False
    noun = said.group(1) if said.group(1).endswith("s") else said.group(2)
    return bool(noun) and noun.endswith("s") and noun not in STOPWORDS and stem(noun) not in MEASURES


def unit_match(text: str, spans: list[tuple[int, int]], wanted: set[str] | frozenset[str], *, head: bool = False) -> bool:
    """Whether one of the figures at ``spans`` is followed (or preceded) by a unit of ``wanted``; with ``head``,
    the figure's own noun, not what it is counted per ("four passengers per trip" counts no trips)."""
    phrases = [w for w in wanted if " " in w]
    for span in spans:
        after, before = _around(text, span)
        if head and "per" in after:
            after = after[: after.index("per")]
        if _LABEL.search(text[max(0, span[0] - 20) : span[0]]) or _own_noun(text[span[1] : span[1] + 30]):
            before = []  # "Students and staff mounted 2,400 glass plates" counts plates, not staff
        if any(w in wanted for w in after + before):
            return True
        joined = f" {' '.join(after)} "
        if any(f" {p} " in joined for p in phrases):
            return True
    return False


def any_bare(text: str, spans: list[tuple[int, int]], wanted: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether one of the figures at ``spans`` counts something: no unit of measure follows it; with ``wanted``
    (what is counted), no word of another thing either ("9,412 staff" does not count complaints), nor is it
    a figure after one of another thing, given as it is ("9,412 staff, against 9,105 a year earlier")."""
    other = False
    for span in sorted(spans):
        after, _ = _around(text, span)
        if text[span[1] : span[1] + 1] == "%" or (after and after[0] in MEASURES):
            continue
        said = re.match(r"\s*([a-z][\w'-]*)", text[span[1] :])  # a capitalised word may be a kind of the thing
        if wanted and said and said.group(1).lower() not in STOPWORDS and not set(after) & wanted:
            other = True
            continue
        if not other:
            return True
    return False


_SQUARE = frozenset({"squar", "sq"})


def unit_fits(unit: str, wanted: set[str], *, measure: bool = False) -> bool:
    """Whether a figure in ``unit`` can answer a question wanting ``wanted`` (see :func:`counted`): a unit of
    measure must be one of them ("20 kilometres per hour" does not say how many dragons there are), and so must
    any unit when a measure is asked (``measure``: "60 teeth" does not say how long they live)."""
    stems = [stem(w) for w in words(unit)]
    if not stems or not wanted:
        return True
    joined = f" {' '.join(stems)} "
    head = stems[: stems.index("per")] if "per" in stems else stems  # "kilometres per hour" is no time
    squared = stems[0] in _SQUARE or "\u00b2" in unit
    if any(w in wanted for w in head) and squared != bool(_SQUARE & wanted):
        return False  # "344,400 square kilometres" is an area, not how many kilometres long
    if any(w in wanted for w in head) or any(f" {p} " in joined for p in wanted if " " in p):
        return True
    return stems[0] not in MEASURES and not measure


# "four points ahead of Y", "11 points more than in 2023"; not "98 words took more than 16 hours", whose
# "more than" goes with the figure after it
_MARGIN_AFTER = re.compile(
    r"(?:\s+[\w\-]+){0,2}?\s+(?:ahead of|behind|clear of|short of|(?:more|fewer|less) than(?!\s+(?:[\d$\u00a3\u20ac\u00a5]|(?:"
    + "|".join(sorted(CARDINALS, key=len, reverse=True))
    + r")\b)))\b",
    re.I,
)
_PASSIVE_BY = re.compile(r"\b[a-z]+(?:ed|en)\s+by\s+(?:just\s+|only\s+|some\s+|about\s+|around\s+)?$", re.I)
_BY_BEFORE = re.compile(r"\bby\s+(?:just\s+|only\s+|some\s+|about\s+|around\s+)?$", re.I)
_CHANGE_VERB = re.compile(
    r"\b(?:grow|grew|grown|rise|rose|risen|fall|fell|fallen|increas\w*|decreas\w*|drop\w*|climb\w*|"
    r"declin\w*|gain\w*|lost|lose|shr[iu]nk\w*|expand\w*|cut|chang\w*|jump\w*|soar\w*|slip\w*|plung\w*|(?:go|goes|gone|went) (?:up|down))\b"
)
_CHANGE_ASKED = re.compile(rf"\bby\b|{_CHANGE_VERB.pattern}")
_PERCENT_AFTER = re.compile(r"\s*(?:%|per ?cent\b|percentage points?\b)", re.I)
_DIFFERENCE_ASKED = re.compile(
    r"\bby how (?:many|much)\b|\bhow (?:many|much) (?:more|fewer|less)\b|\b(?:gap|margin|differen\w*|separat\w*|ahead|behind)\b"
)


def _is_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and raw[:2] in {"15", "16", "17", "18", "19", "20"}


def answer_spans(q: Question, text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Spans of ``text`` (offsets into it) holding the kind of answer ``q`` wants, not counting what the
    question itself says; empty when there is none (or the question wants no particular kind)."""
    asked = q.norm
    kind = q.expects

    def new(span: tuple[int, int]) -> bool:
        piece = normalize(text[span[0] : span[1]]).strip()  # as a whole word: "2" (million) is not said by "2026"
        if not piece or piece not in asked:
            return bool(piece)
        return re.search(rf"(?<![\w.,]){re.escape(piece)}(?![\w]|[.,]\d)", asked) is None

    spans: list[tuple[int, int]] = []
    if asks_kind(q, lexicon):  # "which companies ...": the companies it names
        spans = [(m.start, m.end) for m in lexicon.find(text) if m.entity.type == q.answer_type]
    elif kind == "number":
        # "How much did it cost?", "What was the budget of ...?": an amount of money, not any figure
        money = money_asked(q)
        wants_years = bool(re.search(r"\bhow many (?:years|decades|centuries)\b|\bhow old\b|\bhow long\b", asked))
        counts = bool(re.search(r"\bhow (?:many|much)\b", asked))
        days = [m.span() for m in DATE_RE.finditer(text) if re.search(_MONTHS, m.group(0)) and re.search(r"\d", m.group(0))]
        margins = not _DIFFERENCE_ASKED.search(asked)
        changes = bool(_CHANGE_ASKED.search(asked))  # "how much did it grow": "grew by 9%" says it
        measures = units_asked(q)
        for n in find_numbers(text):
            raw = text[n.start : n.end]
            if (_is_year(raw) and not wants_years) or n.value in q.numbers:
                continue
            if any(a <= n.start < b for a, b in days):
                continue  # "1 July 1903": the day of a date measures nothing
            joined = re.match(r"\s*(?:and|to|or)\s+|\s*[-\u2013]\s*", text[n.end :])
            if joined and any(a == n.end + joined.end() for a, _ in days):
                continue  # "between 21 and 24 November": the first day of a range too
            if n.ordinal and (counts or measures):
                continue  # "the first cable" counts and measures nothing
            if n.start >= 2 and text[n.start - 1] == "-" and text[n.start - 2].isalpha():
                continue  # "TAT-1", "Apollo-11": part of a name
            if raw.lower() == "one" and (re.match(r"\s+of\b", text[n.end :]) or _one_as_pronoun(text, n.start, n.end)):
                continue  # "one of them", "the eastern one": no count
            if counts and margins and _MARGIN_AFTER.match(text[n.end :]):
                continue  # "four points ahead of Y" is a gap between two, not how many S has
            if (
                counts
                and margins
                and not changes
                and _BY_BEFORE.search(text[max(0, n.start - 12) : n.start])
                and not (_PASSIVE_BY.search(text[max(0, n.start - 40) : n.start]) and set(_around(text, (n.start, n.end))[0]) & counted(q))
            ):  # (but "joined by about 2.5 million rivets" counts them)
                continue  # "took the title by four points": a margin, not how many S has
            if (
                money
                and not CURRENCY.search(text[max(0, n.start - 4) : n.end] + _SCALE.sub("", text[n.end : n.end + 24], count=1)[:12])
                and not (
                    _CHANGE_VERB.search(asked) and _PERCENT_AFTER.match(text[n.end :])
                )  # "By how much did wages rise?": "rose by 6.5 percent"
            ):
                continue  # "How much did it cost?" wants an amount of money, not any figure
            spans.append((n.start, n.end))
    elif kind == "date":
        spans = [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
        if _YEAR_ASKED.search(q.norm):  # "In what year did it come into being?" is not answered by "in February"
            spans = [(a, b) for a, b in spans if re.search(r"\d{3}", text[a:b])]
    elif kind == "person":
        named = {normalize(m.entity.name) for m in q.mentions}  # "Who founded Brindle?" is not answered by Brindle
        found = lexicon.find(text)
        asked_at = [(m.start, m.end) for m in found if normalize(m.entity.name) in named]
        people = [(m.start, m.end) for m in found if m.entity.type in PERSON_TYPES | WHO_ELSE and (m.start, m.end) not in asked_at]
        spans = people or [
            (m.start(), m.end())
            for m in _NAME_RE.finditer(text)
            if _person_like(text, m.start(), m.end()) and not any(a < m.end() and m.start() < b for a, b in asked_at)
        ]
    elif kind == "place" and q.answer_type in lexicon.types:  # "which city": a place the articles name, a city first
        found = lexicon.find(text)
        spans = [(m.start, m.end) for m in found if m.entity.type == q.answer_type]
        spans = spans or [(m.start, m.end) for m in found if m.entity.type in PLACE_TYPES]
    elif kind == "place":
        places = [(m.start, m.end) for m in lexicon.find(text) if m.entity.type in PLACE_TYPES]
        after = (*_PLACE_AFTER.finditer(text), *_STREET_AFTER.finditer(text))
        spans = places or [(m.start(1), m.end(1)) for m in after if not re.fullmatch(_MONTHS_OR_DAYS, m.group(1))]  # not "in May"
    elif kind == "reason":
        spans = [(m.start(), m.end()) for m in REASON_RE.finditer(text)]
        return spans
    elif kind == "entity":
        spans = [(m.start, m.end) for m in lexicon.find(text)]
        spans += [(m.start(), m.end()) for m in _NAME_RE.finditer(text) if _name_like(text, m.start(), m.end())]
    return [s for s in dict.fromkeys(spans) if new(s)]


def money_asked(q: Question) -> bool:
    """Whether ``q`` asks an amount of money ("How much did it cost?", "What was the budget of ...?")."""
    return _money_asked(q.norm)


@lru_cache(maxsize=4096)
def _money_asked(norm: str) -> bool:
    if re.search(r"\bhow long\b", norm):
        return False  # "how long did it spend in the vault?": a time
    return bool(re.search(r"\bhow much\b", norm) and _MONEY_WORDS.search(norm)) or bool(_MONEY_ASKED.search(norm))


def in_money(unit: str, said: str) -> bool:
    """Whether a figure with ``unit`` is an amount of money: its unit a currency, or only a scale ("million")
    with the currency in ``said``, the words that give it ("Sales tax: $290 million")."""
    unit = unit.strip()
    scale = _SCALE.match(unit)
    if unit and not (scale and scale.end() == len(unit)):
        return bool(CURRENCY.search(unit))
    return bool(CURRENCY.search(said))


_MONEY_ASKED = re.compile(
    r"\b(?:what|which)\b.*\b(?:price|prices|cost|costs|costing|fee|fees|fare|fares|toll|tolls|salary|wage|wages|budget|revenue|turnover|"
    r"income|profit|deficit|surplus|debt)\b|\bhow (?:big|large|small) (?:a|an|the|its|their) (?:deficit|surplus|debt|loss|profit|budget|bill)\b"
)


def _one_as_pronoun(text: str, start: int, end: int) -> bool:
    """ "the eastern one", "a new one", "no one": "one" standing for a noun, after a determiner and before no noun."""
    before = re.search(
        r"\b(?:the|this|that|each|every|another|no|any|which|a|an)\s+(?:[a-z][\w\-]*\s+)?$", text[max(0, start - 40) : start], re.I
    )
    after = re.match(
        r"\s*(?:[,.;:!?)\u2014]|$|(?:that|which|who|whose|in|on|at|for|with|from|to|is|was|are|were|and|or|but)\b)", text[end:]
    )
    return bool(before and after)


def new_names(q: Question, text: str) -> list[str]:
    """Names ``text`` gives that the question does not: capitalised runs that are no mere sentence opening."""
    return [
        m.group(0)
        for m in _NAME_RE.finditer(text)
        if _name_like(text, m.start(), m.end()) and normalize(m.group(0)) not in q.norm and not DATE_RE.fullmatch(m.group(0))
    ]


def people_of(text: str, spans: list[tuple[int, int]], lexicon: Lexicon) -> list[tuple[int, int]]:
    """The "who" answer ``spans`` of ``text`` that name persons, not organisations."""
    known = {(m.start, m.end): m.entity.type for m in lexicon.find(text)}
    return [span for span in spans if known.get(span, "person") in PERSON_TYPES]


# "who is the leader of the council?", "Who is Kelby's finance chief?": the role asked, its head noun last
_ROLE_ASKED = re.compile(
    r"^who(?:'s| is| was| are| were| will be| has been)\s+(?:(?:the|its|their)\s+)?(?:(?:[\w-]+\s+){0,2}[\w-]+'s\s+)?(?:new\s+|current\s+|first\s+)?"
    r"((?:[a-z-]+\s+){0,2}?[a-z-]+?)(?:\s+(?:of|at|for|in|on)\b|\s*\?|$)"
)
# "who runs the water company as chief executive?": the role named after "as"
_ROLE_AS = re.compile(r"^who\b.*\bas (?:(?:the|its|their)\s+)?((?:[a-z-]+\s+){0,2}?[a-z-]+)\s*\?*\s*$")
# the ending of a noun of a role ("leader", "officer", "physicist", "president", "chairman", "chief")
_ROLE_NOUN = re.compile(r"(?:er|or|ist|ent|ant|ian|ary|ive|ain|ief|man|woman|ee|ess|^chair|^head|^boss|^coach|^judge|^dean)$")
_TITLE_AFTER = re.compile(
    r",\s+(?:the|its|their|our|his|her|a|an)\s+(?:[\w'\u2019-]+\s+){0,4}?([a-z][a-z-]+)\s*(?:[,.;]|$|\s(?:said|says|told|of|at|for)\b)"
)


def _role_phrase(q: Question) -> re.Match[str] | None:
    """Where a "who" question names the role it asks: "who is the <role> of", "who runs it as <role>" (written in
    lower case: a name after "as" is no role, "Who was born as Ann Lee?")."""
    found = _ROLE_ASKED.match(q.norm)
    if found is None and (found := _ROLE_AS.match(q.norm)) is not None and found.group(1) not in q.text:
        return None
    return found


def role_asked(q: Question) -> str | None:
    """The stem of the role a "who is the ... of" question asks the holder of ("leader"), or None."""
    found = _role_phrase(q)
    if not found:
        return None
    head = re.split(r"[\s-]+", found.group(1))[-1]  # "vice-president": a president
    named = {w for e in q.entities for w in words(e.name)}
    return None if head in STOPWORDS or head in named or head in _KIN or not _ROLE_NOUN.search(head) else stem(head)


# kin are no title anyone is given ("the children of Jens Varen, a carpenter" names her father)
_KIN = frozenset("father mother brother sister daughter grandfather grandmother stepfather stepmother stepbrother stepsister".split())


def role_field(q: Question) -> str | None:
    """The stem of the field a role asked is qualified by ("finance" of "Who is the finance chief?"), or None."""
    found = _role_phrase(q)
    if not found or role_asked(q) is None:
        return None
    phrase = found.group(1).split()
    named = {w for e in q.entities for w in words(e.name)}
    field = phrase[-2] if len(phrase) > 1 else None
    if field is None or field in STOPWORDS or field in named or field in _NO_FIELDS or re.fullmatch(r"\w+est", field):
        return None  # "the youngest player" and "the last keeper" name no field of the role
    return stem(field)


_NO_FIELDS = frozenset("first second third last next previous former current new old young top best worst main only".split())


def holds_field(text: str, span: tuple[int, int], field: str) -> bool:
    """Whether the title ``text`` gives the person at ``span`` names ``field`` ("Chief financial officer Dan
    Oka" holds finance): a word of the field right before the name or in the apposition after it."""
    near = words(text[max(0, span[0] - 40) : span[0]]) + words(text[span[1] : span[1] + 60])
    return any(stem(w).startswith(field[:5]) for w in near)


# A role any head of a thing holds ("Who is the boss?" is answered by its chair or its chief executive), and the
# forms one title is written in; other titles name one post ("a chair is not a finance director")
_GENERIC_ROLES = frozenset(stem(w) for w in ("head", "boss", "leader", "chief", "lead"))
_TITLE_FORMS = tuple(
    frozenset(stem(w) for w in forms) for forms in (("chair", "chairman", "chairwoman", "chairperson"), ("ceo", "executive"))
)


def titles_of_role(role: str, related: frozenset[str]) -> frozenset[str]:
    """The stems of the titles that hold ``role`` (a stem): any head's for a generic role, else its own forms."""
    if role in _GENERIC_ROLES:
        return related
    return frozenset({role}).union(*(forms for forms in _TITLE_FORMS if role in forms))


# an honorific set between a title and the name ("the engineer Dr. Ann Lee"), as written capitalised
_HONORIFIC_WORDS = "|".join(sorted(w.capitalize() for w in HONORIFICS | {"doctor"}))


def title_of(text: str, span: tuple[int, int]) -> str | None:
    """The stem of the role ``text`` gives the person named at ``span``, right before the name ("Council leader
    Janet Okafor", "the chief finance officer, Helen Marsh") or after it as an apposition ("Helen Marsh, the
    council's chief finance officer,"), or None."""
    # (an honorific between is no title of a post: "the engineer Dr. Ann Lee" is an engineer)
    before = re.search(rf"\b([a-z][a-z-]+),?\s+(?:(?:{_HONORIFIC_WORDS})\.?\s+)?$", text[max(0, span[0] - 40) : span[0]])
    # (or capitalised where the sentence opens: "Goalkeeper Ivo Lund played ...")
    before = before or re.search(r"^\W*([A-Z][a-z-]+)\s+$", text[: span[0]])
    if before and before.group(1).lower() not in STOPWORDS and _ROLE_NOUN.search(before.group(1).lower()):
        return stem(before.group(1).lower())
    after = _TITLE_AFTER.match(text[span[1] : span[1] + 80])
    if after and after.group(1) not in STOPWORDS and _ROLE_NOUN.search(after.group(1)):
        return stem(after.group(1))
    return None


def asks_kind(q: Question, lexicon: Lexicon) -> bool:
    """Whether ``q`` asks which entities of a kind the articles name ("which companies were selected?")."""
    return bool(q.answer_type) and q.answer_type in lexicon.types and not q.count_of_type and q.expects in ("text", "entity")


def _person_like(text: str, start: int, end: int) -> bool:
    """A name that may be a person's (or an organisation's: "who" asks for either), not a place's or a date's."""
    if not _name_like(text, start, end) or _PLACE_BEFORE.search(text[:start]):
        return False
    return not any(w.lower().strip("'") in _NOT_PERSON for w in text[start:end].split())


def _name_like(text: str, start: int, end: int) -> bool:
    """A capitalised run that is a name, not merely the first word of a sentence or a common word."""
    word = text[start:end]
    if word.lower() in STOPWORDS:
        return False
    at_start = start == 0 or bool(re.search(r"[.!?:;\"\u201c(]\s*$", text[:start]))
    return not at_start or " " in word.strip()
