"""What a question asks: its entities (see :mod:`assistant.understand.lexicon`), the kind of answer it wants and
any operation over facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.numbers import CARDINALS, ORDINALS, find_numbers
from assistant.text import GENERIC, IRREGULAR_PAST, QUESTION_WORDS, REGARDING, STOPWORDS, normalize, stem, terms, words
from assistant.understand.lexicon import Entity, Lexicon, Mention, name_words
from assistant.understand.positions import asked_place, without_places

# ------------------------------------------------------------------------------- the question

SUPERLATIVE_MAX = {
    stem(w) for w in "most highest largest biggest greatest top leading leads lead maximum max best fastest quickest".split()
}
# "the lead author", "a lead engineer": "lead" naming a role, not first place ("in the lead", "the lead in May")
_LEAD_ROLE = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+lead\s+(?!(?:in|on|of|at|by|with|for|to|and|or)\b)[a-z]{3,}")
# what is led in a ranking: "Who led the league after ten rounds?" asks who was first
_LED_A_RANKING = re.compile(
    r"\bled\s+(?:the\s+)?(?:list|ranking|rankings|table|league|chart|charts|standings|poll|leaderboard|index|race|field|pack|"
    r"championship|competition|tournament|points|scoring|count|tally)\b"
)
SUPERLATIVE_MIN = {stem(w) for w in "fewest least lowest smallest minimum min bottom slowest".split()}
COMPARE = {
    stem(w)
    for w in "more fewer less greater larger bigger smaller higher lower compare compared comparison versus vs ahead behind outrank outranks beat beats trail trails".split()
}
SUM = {stem(w) for w in "together combined total sum altogether overall collectively".split()}
DIFFERENCE = {
    stem(w) for w in "difference gap minus differ exceed exceeds outnumber outnumbers separate separated separates margin".split()
}
RANK = {stem(w) for w in "rank ranks ranked position place placed".split()}
RANK_WORDS = frozenset("rank ranks ranked position place placed".split())  # "rankings" are lists, not an operation
OPERATION_WORDS = (
    SUPERLATIVE_MAX
    | SUPERLATIVE_MIN
    | COMPARE
    | SUM
    | DIFFERENCE
    | RANK
    | {stem(w) for w in "exactly only just single equal than above below over under least tied tie".split()}
    | {stem(w) for w in ORDINALS}
    | {"add"}
)

_NUM = r"(\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(CARDINALS, key=len, reverse=True)) + r"|a single|a|an)"
_FILTERS = [
    (re.compile(r"\b(?:more than|over|above|greater than|exceeding|in excess of)\s+" + _NUM + r"\b"), ">"),
    (re.compile(r"\b(?:at least|no fewer than|no less than|a minimum of)\s+" + _NUM + r"\b"), ">="),
    (re.compile(r"\b(?:fewer than|less than|under|below)\s+" + _NUM + r"\b"), "<"),
    (re.compile(r"\b(?:at most|no more than|up to|a maximum of)\s+" + _NUM + r"\b"), "<="),
    (re.compile(r"\b(?:exactly|only|just|precisely|equal to)\s+" + _NUM + r"\b"), "=="),
    (re.compile(r"\b" + _NUM + r"\s+or more\b"), ">="),
    (re.compile(r"\b" + _NUM + r"\s+or (?:fewer|less)\b"), "<="),
]
# read outside entity names, which are blanked: "not" right before a blank is "not <entity>"
_THAN = re.compile(r"\b(more|fewer|less|greater|higher|lower|larger|bigger|smaller)\b[^?]*?\bthan\s+(?:the\s+)?$")
_LESS = {"fewer", "less", "lower", "smaller"}
_COMPLEMENT = re.compile(
    r"\b(?:outside(?: of)?|other than|excluding|except(?: for)?|not (?:in|from|by)|the rest|remaining|remainder)\b|\bnot\s{2,}"
)
# "What place did Tern Rovers end up in the table?": a position in a ranking ("seventh place"), not a place
POSITION_ASKED = re.compile(r"\b(?:what|which) (?:place|position)\b.*\b(?:finish\w*|end\w*|came|come|table|league|standings|race)\b")
_SUMMIT = re.compile(r"\b(?:to|reach\w*|climb\w*) the top\b(?!\s+of\s+(?:the\s+)?(?:list|table|league|rankings?|charts?|standings))")
# "trails that lead to the summit", "what led to the strike", "what led the board to sell", "an expedition led by
# Burden": going somewhere, a cause or an agent, no rank
# nouns of people in general English: "which official", "which architect"; and the endings of nouns that name
# what someone does ("botanist", "engineer", "historian"), which no thing's name has
_PERSON_NOUNS = frozenset(
    "official officer architect author writer poet painter person man woman leader founder owner player coach manager "
    "director designer builder inventor explorer investigator inspector surveyor captain pilot driver doctor professor "
    "teacher student researcher king queen emperor president minister mayor judge".split()
)


def _person_noun(word: str) -> bool:
    return word in _PERSON_NOUNS or re.search(r"(?:ist|eer|ician|orian)$", word) is not None


_LEADS_TO = re.compile(
    r"\b(?:lead(?:s|ing)?|led)\s+(?:to|into|up|down|through|from|across|towards?|by)\b"
    r"|^\W*what (?:\w+ )?(?:lead|leads|led)\s+(?:\S+\s+){1,4}?to\s+(?!(?:the|a|an|his|her|its|their|this|that|these|those)\b)[a-z]"
    # "who is leading the search?" heads it; "which team is leading the league?" ranks first
    r"|\b(?:is|are|was|were|be|been|being)\s+leading\s+(?:the|a|an|its|their|his|her)\s+"
    r"(?!(?:league|table|race|standings|market|field|pack|polls?|rankings?|world|charts?|list|way)\b)[a-z]+"
)
_TOP_N = re.compile(  # "the top 3 cities", "the three biggest projects"
    r"\b(?:top|first|leading|biggest|largest)\s+(\d+|" + "|".join(CARDINALS) + r")\b"
    r"|\b(\d+|" + "|".join(CARDINALS) + r")\s+(?:biggest|largest|leading|highest)\b"
)
_NTH = re.compile(
    r"\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))[- ](?:most|highest|largest|biggest|greatest|fewest|lowest|smallest|least|place|ranked|best)\b"
)


@dataclass
class Question:
    """A standalone question, analysed."""

    text: str
    norm: str
    terms: list[str]
    wh: str | None
    expects: str
    mentions: list[Mention]
    focus: list[str]
    superlative: str | None = None
    nth: int | None = None
    place: int | None = None  # the place in a ranking asked who holds ("Which bakery is number one?": 1)
    top_n: int | None = None
    operation: str | None = None
    filter: tuple[str, float] | None = None
    type_asked: str | None = None
    answer_type: str | None = None
    count_of_type: bool = False
    numbers: set[float] = field(default_factory=set)
    unresolved: str | None = None
    position: bool = False
    complement: bool = False
    than: tuple[str, Entity] | None = None  # "more ships than Eastbay": the comparison and the entity it is against

    @property
    def entities(self) -> list[Entity]:
        seen: list[Entity] = []
        for m in self.mentions:
            if m.entity not in seen:
                seen.append(m.entity)
        return seen


_HOW_MUCH_TIME = re.compile(r"\bhow much time\b")
ELLIPSIS = " — "  # "By when? — <the previous question>": a follow-up that only asks, about what was asked before
# a question that asks for a description: "Explain X", "What is X?", "Tell me about X"
DESCRIBE = re.compile(
    r"^(?:(?:can you |could you |please )*(?:explain|describe|summari[sz]e|define|tell me (?:about|more about)|give (?:me )?an overview of)\b"
    r"|what (?:exactly )?(?:is|are|was|were) (?:an? |the )?(?:(?!of\b|in\b|for\b|on\b|by\b|from\b|at\b|to\b)[\w'\-]+ ?){1,4}\??$"
    r"|who (?:is|was|were|are) (?:an? |the )?(?:(?!of\b|in\b|for\b|on\b|by\b|from\b|at\b|to\b)[\w'\-]+ ?){1,4}\??$"
    r"|what do(?:es)? .{1,60} (?:mean|do)\??$|what (?:is|was) meant by\b|how does .{1,60} work\??$"
    r"|what(?:'s| is| was| will) (?:happening|going to happen|happen) to\b|what happened to\b)"
)


def analyse(text: str, lexicon: Lexicon) -> Question:
    """Read ``text`` as a question about the corpus."""
    norm = REGARDING.sub("about", normalize(text).strip())  # "in terms of sales" names no place "terms"
    norm = _HOW_MUCH_TIME.sub("how long", norm)  # "How much time did it spend there?": a duration, no money
    mentions = lexicon.find(norm)
    # operations are read outside entity names ("Top 100" in a list's name is no superlative)
    outside = norm
    for m in mentions:
        outside = outside[: m.start] + " " * (m.end - m.start) + outside[m.end :]
    all_words = words(norm)
    stems = [stem(w) for w in all_words]
    # "Why? — by how much did it fall?": the kind of answer is the follow-up's
    own = normalize(text.split(ELLIPSIS, 1)[0]) if ELLIPSIS in text else norm
    own_wh = _wh(own)
    wh = own_wh or _wh(norm)
    answer_type, count_of_type = _answer_type(outside, lexicon)
    type_asked = answer_type or _type_mentioned(outside, lexicon)
    mention_words = {stem(w) for m in mentions for w in name_words(m, norm)}
    if answer_type:  # "At which event...": the kind of answer wanted, not a word the evidence must use
        mention_words |= {stem(w) for w, k in lexicon.type_words().items() if k == answer_type}
    focus = [
        s
        for w, s in zip(all_words, stems, strict=True)
        if w not in STOPWORDS
        and w not in QUESTION_WORDS
        and w not in GENERIC
        and s not in OPERATION_WORDS
        and s not in mention_words
        and not w[0].isdigit()
        and w not in CARDINALS
    ]
    expects = _expects(own if own_wh else norm, wh)
    if expects == "text" and answer_type is None and re.match(r"^(?:\w+\s+){0,2}which\s+[a-z]", outside):
        expects = "entity"  # "Which Northport shipyard...", "which of the yards": a name is wanted, of a kind the corpus does not type
    if expects == "entity" and (noun := re.match(r"^(?:\w+\s+){0,2}which\s+([a-z]+)\b", outside)) and _person_noun(noun.group(1)):
        expects = "person"  # "Which official investigated the crash?": someone is asked, as "who" asks
    if expects == "person" and any(m.entity.type == "person" for m in mentions) and re.match(r"^who\s+(is|was)\s+\S+(\s+\S+)?\??$", norm):
        expects = "text"  # "Who is Mara Olsen?" asks what the person is, not for a name
    asked_terms = terms(norm)
    kind = re.search(r"\b(?:which|what|how many)\s+(years?|dates?|days?|months?|time|period)\b", norm)
    if expects == "date" and kind:  # "Over which years?": the kind of answer, not what it is about
        dropped = stem(kind.group(1))
        asked_terms.remove(dropped)
        focus = [t for t in focus if t != dropped] if asked_terms.count(dropped) == 0 else focus
    q = Question(
        text=text.strip(),
        norm=norm,
        terms=asked_terms,
        wh=wh,
        expects=expects,
        mentions=mentions,
        focus=list(dict.fromkeys(focus)),
        type_asked=type_asked,
        answer_type=answer_type,
        count_of_type=count_of_type,
        numbers={n.value for n in find_numbers(outside)},
        unresolved=_unresolved_instance(lexicon, outside),
    )
    q.complement = bool(_COMPLEMENT.search(outside))
    for m in mentions:
        if against := _THAN.search(norm[: m.start]):
            q.than = ("<" if against.group(1) in _LESS else ">", m.entity)
    # "to the top", "reach the top": the summit, a place; "the top scorer", "top of the table" rank;
    # "trails that lead to the summit" go somewhere, "the city that leads" ranks first
    # "mostly come back": mainly, no superlative
    q.place = asked_place(norm)
    # "How many shops does the top-ranked firm run?": the count of the firm in that place, no superlative
    ranked = without_places(outside) if q.place is not None and q.expects in ("number", "date") else outside
    outside_stems = {stem(w) for w in words(_LEADS_TO.sub(" ", _SUMMIT.sub(" ", ranked))) if w != "mostly"}
    # "Who led the reconstruction?": the one who directed it, no rank
    # "the lead author of the study": a role, no rank either
    leading_only = outside_stems & SUPERLATIVE_MAX == {stem("lead")} and (
        (re.search(r"\bwho led\b", norm) is not None and not _LED_A_RANKING.search(norm)) or _LEAD_ROLE.search(outside) is not None
    )
    if outside_stems & SUPERLATIVE_MAX and not leading_only and not re.search(r"\b(more|fewer|less) than\b|\btop \d", outside):
        q.superlative = "max"
    if outside_stems & SUPERLATIVE_MIN and not re.search(r"\b(at least|at most)\b", outside):
        q.superlative = "min"
    if nth := _NTH.search(outside):
        q.nth = _to_int(nth.group(1))
        q.superlative = q.superlative or "max"
    if top := _TOP_N.search(outside):
        q.top_n = _to_int(top.group(1) or top.group(2))
    for pattern, op in _FILTERS:
        if found := pattern.search(outside):
            q.filter = (op, _to_float(found.group(1)))
            break
    if q.filter is None and (
        found := re.search(
            r"\b(?:with|have|has|having|had)\s+(\d[\d,]*|"
            + "|".join(CARDINALS)
            + r")\s+(\w+)\b(?!\s+(?:ago|earlier|before|back|previously)\b)",
            outside,
        )
    ):  # (not "compared with twelve months ago": a time, no figure to match)
        q.filter = ("==", _to_float(found.group(1)))
    if q.filter is None and answer_type and not q.nth:
        for verbs in ("rank|ranks|ranked|placed|comes|came|finish|finishes|finished", "is|are|was|were"):
            # (not "are first-time entries")
            found = re.search(rf"\b(?:{verbs})\s+(?:(?:in|at)\s+)?(?:the\s+)?(?:number\s+|no\.?\s*|#)?(\w+)\b(?!-)", outside)
            value = find_numbers(found.group(1)) if found else []
            if value:  # "Which city ranks fourth?": the entity whose value is given
                q.filter = ("==", value[0].value)
                q.position = value[0].ordinal  # a position: a table of ranks holds it, any other table ranks by value
                break
    if (
        re.search(r"\bhow (many|much) (?:[\w%]+ ){0,2}(more|fewer|less|higher|lower|larger|bigger|greater|smaller)\b", outside)
        or outside_stems & DIFFERENCE
    ):
        q.operation = "difference"
    elif outside_stems & SUM or re.search(r"\bin (all|total)\b|\badd(?:s|ed|ing)? (?:up|together)\b", outside):
        q.operation = "sum"
    elif set(words(outside)) & RANK_WORDS and not q.superlative:
        q.operation = "rank"
    elif outside_stems & COMPARE or (re.search(r"\bor\b", outside) and len(q.entities) >= 2):
        q.operation = "compare"
    return q


_AUX = frozenset(
    """is are was were be been has have had do does did can could will would should shall may might must
    that which who whom whose in on of from with by for at to as among than and or""".split()
)


def _answer_type(outside: str, lexicon: Lexicon) -> tuple[str | None, bool]:
    """The kind of entity a "which X" / "what X" / "how many X" question wants, and whether it counts them.

    X must head its phrase: "which port has" and "which harbour handles" name a type, "how many
    national-level platforms" does not ("national" is only a modifier there).
    """
    match = re.search(r"\b(which|what|how many|list the|name the|list all|name all|list|name)\s+((?:[\w'\-]+\s*){1,6})", outside)
    if not match:
        return None, False
    type_words = lexicon.type_words()
    # "which of the ports"; "name Northport's berths" (the name is blanked out, its "'s" is not)
    phrase = words(re.sub(r"^(?:'s\s+|(?:one\s+)?of\s+(?:the\s+|these\s+|those\s+)?)", "", match.group(2)))
    for i, word in enumerate(phrase[:3]):
        kind = type_words.get(word)
        if kind is None:
            if word in _AUX or word in STOPWORDS:
                return None, False  # "which has more companies": the verb comes first, no type is asked
            continue
        following = phrase[i + 1] if i + 1 < len(phrase) else None
        singular = not word.endswith("s")
        verb_like = following is not None and (
            following.endswith("ed") or following in IRREGULAR_PAST or (singular and following.endswith("s"))
        )
        if following is None or following in _AUX or following in STOPWORDS or verb_like:
            # "how many people travelled" asks a headcount, not how many persons the articles name
            return kind, match.group(1) == "how many" and word not in _HEADCOUNT
        return None, False
    return None, False


_HEADCOUNT = frozenset({"people", "persons"})


def _type_mentioned(outside: str, lexicon: Lexicon) -> str | None:
    type_words = lexicon.type_words()
    for w in words(outside):
        if w in type_words:
            return type_words[w]
    return None


def _inside(mention: Mention, norm: str, s: str) -> bool:
    return s in {stem(w) for w in words(norm[mention.start : mention.end])}


def _wh(norm: str) -> str | None:
    if re.search(r"\bhow (many|much)\b", norm):
        return "how many"
    for w in words(norm):
        if w in QUESTION_WORDS:
            return w
    return None


# what a measure is called, and the "how <adjective>" that asks for it ("What is the average temperature?": how hot);
# not "age", which also names a period ("What was the Bronze Age?")
MEASURE_NOUNS = {
    "temperature": "hot",
    "height": "tall",
    "altitude": "high",
    "elevation": "high",
    "depth": "deep",
    "length": "long",
    "speed": "fast",
    "weight": "heavy",
    "distance": "far",
    "width": "wide",
    "area": "big",  # "what was the smallest area the colonies covered?" (not "what area of the city")
}
_MEASURE_ASKED = re.compile(
    rf"\b(?:what|which)(?:'s| is| was| are| were| will be)?(?: the| its| their)?(?: [a-z]+)? ({'|'.join(MEASURE_NOUNS)})\b"
)


# "What was the share of recycling?", "What was the price tag of the expansion?", "What did the bridge cost?": a figure
_AMOUNT_ASKED = re.compile(
    r"\b(?:what|which)(?:'s| is| was| are| were| will be)?(?: the| its| their)?(?: [a-z]+(?:'s)?)? (?:percentage|share|proportion|"
    r"fraction|rate|ratio|price|cost|fee|fare|toll|salary|wage|budget|revenue|turnover|income|profit|population|number|amount|count)s? "
    r"(?:of|for|in|tag)\b"
    # "What was the group's operating margin in 2024?", "what was the members' combined turnover?": a figure of
    # the measure, however many words qualify it
    r"|\bwhat(?:'s| is| was| are| were| will be)(?: the| its| their)?(?: [a-z]+(?:'s|s')?){1,3} (?:margin|revenue|turnover|"
    r"income|profit|deficit|surplus|debt|budget|population|headcount)s?(?: (?:of|for|in|at|during|over|last|this|now)\b|\W*$)"
    r"|^\W*what (?:did|does|do|will|would) .+ cost\W*$"
    # "What does a household pay for water?", "What did it end up costing?", "What did it cost the trust?"
    # (but "What did they spend it on?", "What did the grant pay for?" ask for a thing)
    r"|^\W*what (?:did|does|do|will|would) .+? (?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )(?<!\babout )(?<!\bof )(?:cost|costing|pay|charge|charges|earn|earns)\b(?!.*\b(?:for|on)\W*$)"
    # "What price did they pay ...?", "What toll does a ship pay?": an amount
    r"|^\W*(?:what|which) (?:price|cost|fee|fare|toll|salary|wage|sum|rent|fine|subsidy|grant|profit|revenue|turnover|income)s? "
    r"(?:did|does|do|was|were|is|are|will|would|has|have|had)\b"
)


# "how many ...?" asks for a count, unless it asks how many per cent
COUNT_ASKED = re.compile(r"\bhow many\b(?!.*\b(?:percent|per cent|percentage|percentage points?)\b)")

# "What caused the fire?", "What led to the strike?", "How come ...?", "For what reason ...?": a cause is asked
_REASON_ASKED = re.compile(
    r"\bwhat(?:'s|s| is| was| are| were) the (?:main |chief |real )?(?:reasons?|causes?)\b|\bhow come\b|\bfor what reasons?\b"
    r"|^\W*what (?:(?!is |was |are |were )\w+ )?(?:caused|causes|cause|led to|leads to|lead to|triggered|prompted|brought about)\b"
    r"|^\W*what (?:\w+ )?(?:led|leads|lead|drove|drives|prompted|forced|persuaded|convinced|pushed|inspired|motivated)\s+(?:\S+\s+){1,4}?to\s+(?!(?:the|a|an|his|her|its|their|this|that|these|those)\b)[a-z]"
    r"|^\W*what did (?:\S+\s+){1,5}?die (?:of|from)\b"  # "What did Aron Lind die of?": the cause of a death
    r"|^\W*what (?:went|goes|had gone) wrong\b"  # "What went wrong for the team at the final?": the cause of the failure
    # "What drove the firm into the red?", "what tipped the economy into recession?": what brought about a state
    r"|^\W*what (?:\w+ )?(?:drove|drives|pushed|pushes|sent|sends|plunged|plunges|tipped|tips) (?:\S+\s+){1,4}?into\b"
)


def measure_noun(norm: str) -> str | None:
    """The measure a "what is the <measure>" question asks ("temperature"), if any."""
    found = _MEASURE_ASKED.search(norm)
    if found and found.group(1) == "area" and not re.search(r"\bwhat(?:'s| is| was| are| were| will be)? the(?: [a-z]+)? area\b", norm):
        return None  # "which area of the park ...?" asks a place
    return found.group(1) if found else None


def _expects(norm: str, wh: str | None) -> str:
    """The kind of answer: number, date, person, place, reason, list or text."""
    if wh == "when" or re.search(
        r"\b(what|which) (dates?|days?|months?|years?|time|period)\b|\bin what year\b|\bby when\b|\bsince when\b"
        r"|^\W*what(?:'s| is| was| were) the (?:exact |precise )?(?:date|year|day)(?![\w-])",  # "What was the date of his death?"
        norm,
    ):
        return "date"
    if measure_noun(norm) or _AMOUNT_ASKED.search(norm) or re.search(r"\bat what age\b", norm):
        return "number"
    if wh == "how many" or re.search(
        r"\b(what|which) (?:\S+ )?(percentage|share|proportion|number|fraction|portion|amount|rate|rates|ratio|level|levels|count|total|size|scale)\b|\bhow (big|large|huge|high|fast|tall|long|far|deep|wide|old|heavy|often|hot|cold|quickly|large|small|expensive)\b"
        r"|(?:'s|s')\s+(?:\w+\s+)?(?:count|number|total|tally|share|percentage|proportion)\b",
        norm,
    ):
        return "number"
    if wh in {"who", "whom", "whose"}:
        return "person"
    if wh == "where" and re.search(r"\b(?:take|takes|took|taken|taking) place\b", norm):
        return "place"  # "Where did the final take place?": where it was held
    if wh == "where" and re.search(
        r"\b(rank|ranks|ranked|stand|stands|place|placed|come|comes|heading|headed|going|moving|shifting|trending|evolving)\b"
        # "where did the capsule come down": a place; "where was the observatory going to be?": going to be, not heading
        r"(?!\s+(?:down|from|ashore|back|out|up|to land|to rest|to [a-z]+\b))",
        norm,
    ):
        return "text"  # "Where does Eastbay rank?", "Where is competition heading?": a position or direction, not a place
    if POSITION_ASKED.search(norm):
        return "text"  # "What place did Tern Rovers end up in the table?": a position in a ranking, "seventh place"
    if wh == "where" or re.search(
        r"\b(which|what) (?:\S+ )?(city|cities|country|countries|regions?|places?|provinces?|towns?|streets?|roads?)\b", norm
    ):
        return "place"
    if wh == "why" or _REASON_ASKED.search(norm):
        return "reason"
    return "text"


def _to_float(token: str) -> float:
    token = token.strip()
    if token in {"a", "an", "a single"}:
        return 1.0
    if token in CARDINALS:
        return float(CARDINALS[token])
    found = find_numbers(token)
    return found[0].value if found else 0.0


def _to_int(token: str) -> int:
    numbers = find_numbers(token)
    return int(numbers[0].value) if numbers else 1


def _unresolved_instance(lexicon: Lexicon, outside: str) -> str | None:
    """ "the west terminal" when every known terminal is named "<Something> terminal" and none is "west".

    Only for types whose entities are named that way (terminals, not ports): there the question
    names an instance of the type the corpus does not have.
    """
    type_words = lexicon.type_words()
    tokens = words(outside)
    for i in range(1, len(tokens)):
        kind = type_words.get(tokens[i])
        modifier = tokens[i - 1]
        if (
            kind is None
            or modifier in STOPWORDS
            or modifier in QUESTION_WORDS
            or modifier in GENERIC
            or modifier in CARDINALS
            or modifier[0].isdigit()
            or stem(modifier) in OPERATION_WORDS  # "the smallest terminal" asks which, it names none
            or (i >= 2 and tokens[i - 2] == "s")  # "Eastbay's ferry terminal": whose, not which by name
        ):
            continue
        head = tokens[i].removesuffix("s")
        named = [e for e in lexicon.entities if e.type == kind and words(e.name)[-1:] == [head]]
        if len(named) >= 2 and not any(modifier in words(a) for e in named for a in (e.name, *e.aliases)):
            return f"{modifier} {tokens[i]}"
    return None
