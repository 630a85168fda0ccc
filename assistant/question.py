"""What a question asks: its entities, the kind of answer it wants and any operation over facts.

The lexicon of entities is built from the index itself (fact subjects and named values, glossary terms),
so a user's own articles and facts are understood the same way as the shipped ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.corpus import Fact, GlossaryTerm
from assistant.numbers import CARDINALS, ORDINALS, find_numbers
from assistant.text import GENERIC, QUESTION_WORDS, STOPWORDS, SYNONYM_GROUPS, normalize, stem, terms, words

NON_ENTITY_TYPES = {"phrase", "term", "word", "value"}


@dataclass
class Entity:
    """Something the corpus names: a city, a company, a person, a layer..."""

    name: str
    type: str
    aliases: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Mention:
    """Where a question names an entity."""

    entity: Entity
    start: int
    end: int


class Lexicon:
    """Every entity the index knows, with a fast matcher over questions."""

    def __init__(self, entities: list[Entity], *, subject_types: set[str] | None = None) -> None:
        self.entities = entities
        self.by_name = {normalize(e.name): e for e in entities}
        surface: dict[str, Entity] = {}
        for e in entities:
            for alias in {e.name, *e.aliases}:
                key = normalize(alias).strip()
                if len(key) >= 2:
                    surface.setdefault(key, e)
        self.surface = surface
        ordered = sorted(surface, key=len, reverse=True)
        self._pattern = re.compile("|".join(_alias_pattern(a) for a in ordered)) if ordered else None
        self._multiword = [
            (alias, e, frozenset(stem(w) for w in words(alias) if w not in STOPWORDS))
            for e in entities
            for alias in {e.name, *e.aliases}
            if len([w for w in words(alias) if w not in STOPWORDS]) >= 3 and len(words(alias)) <= 6
        ]
        self.types = {e.type for e in entities if e.type not in NON_ENTITY_TYPES | {"entity"}}
        self.subject_types = self.types if subject_types is None else subject_types & self.types
        self._type_words: dict[str, str] | None = None

    @classmethod
    def build(cls, facts: list[Fact], glossary: list[GlossaryTerm], *, corpus_words: set[str] | None = None) -> Lexicon:
        entities: dict[str, Entity] = {}

        def add(name: str, kind: str) -> Entity:
            key = normalize(name)
            if key not in entities:
                entities[key] = Entity(name, kind)
            elif entities[key].type in {"entity", *NON_ENTITY_TYPES} and kind not in {"entity", *NON_ENTITY_TYPES}:
                entities[key].type = kind
            return entities[key]

        for fact in facts:
            add(fact.subject, fact.subject_type)
        for fact in facts:
            if isinstance(fact.value, str) and fact.number is None and len(fact.value) <= 60:
                known = entities.get(normalize(fact.value))
                # a value of a one-word metric ("city", "field", "role") is an entity of that kind
                add(fact.value, known.type if known else fact.metric if len(fact.metric.split()) == 1 else "value")
        for term in glossary:
            if term.type and term.type not in NON_ENTITY_TYPES:
                entity = add(term.en, term.type)
                entity.aliases.update(term.aliases)
        _short_aliases(list(entities.values()), corpus_words or set())
        subject_types = {f.subject_type for f in facts} | {t.type for t in glossary if t.type}
        return cls(list(entities.values()), subject_types=subject_types)

    def find(self, text: str) -> list[Mention]:
        """Entities named in ``text``, longest match first, without overlaps.

        A name of several words also counts when its words all stand close together in the text
        ("the Chengdu AI OPC action plan" names the "Chengdu Action Plan").
        """
        if self._pattern is None:
            return []
        norm = normalize(text)
        found = [Mention(self._entity(m.group(0)), m.start(), m.end()) for m in self._pattern.finditer(norm)]
        for mention in self._loose(norm):
            inside = [m for m in found if mention.start <= m.start and m.end <= mention.end]
            if not any(m.start < mention.end and mention.start < m.end for m in found if m not in inside) and (
                not inside or (mention.end - mention.start) > max(m.end - m.start for m in inside)
            ):
                found = [m for m in found if m not in inside] + [mention]
        found += self._coordinated(norm, found)
        return sorted(found, key=lambda m: m.start)

    def _coordinated(self, norm: str, found: list[Mention]) -> list[Mention]:
        """ "the framework and application layers": "framework" names the Framework layer too."""
        extra: list[Mention] = []
        for mention in found:
            surface = words(norm[mention.start : mention.end])
            if len(surface) != 2:
                continue
            head = surface[1].removesuffix("s") if surface[1].endswith("s") and not surface[1].endswith("ss") else surface[1]
            end = mention.start
            while coordinated := re.search(r"([a-z][\w\-]*)\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$", norm[:end]):
                entity = self.surface.get(f"{coordinated.group(1)} {head}")
                if entity is None or any(m.entity is entity for m in [*found, *extra]):
                    break
                extra.append(Mention(entity, coordinated.start(1), coordinated.end(1)))
                end = coordinated.start(1)
        return extra

    def _loose(self, norm: str) -> list[Mention]:
        tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\w'\-]+", norm)]
        stems = [stem(t[0].replace("'s", "")) for t in tokens]
        out: list[Mention] = []
        for _alias, entity, wanted in self._multiword:
            size = len(wanted)
            for i in range(len(tokens)):
                window = stems[i : i + size + 3]
                if stems[i] not in wanted or not wanted <= set(window):
                    continue
                last = max(i + window.index(w) for w in wanted)
                out.append(Mention(entity, tokens[i][1], tokens[last][2]))
                break
        return out

    def _entity(self, matched: str) -> Entity:
        if matched in self.surface:
            return self.surface[matched]
        return self.surface.get(matched[:-1]) or self.surface[matched[:-2]]

    def get(self, name: str) -> Entity | None:
        return self.by_name.get(normalize(name))

    def type_words(self) -> dict[str, str]:
        """Each word that names an entity type (the type, its plural, its noun synonyms) -> the type.

        Keyed by the word itself, not its stem: "production" must not read as the type "product".
        """
        if self._type_words is None:
            table: dict[str, str] = {}
            for kind in sorted(self.types):
                last = words(kind)[-1:] or [kind]
                for form in (last[0], plural(last[0])):
                    table.setdefault(form, kind)
            for kind in sorted(self.subject_types):  # a kind only named by values ("role") gets no synonyms
                last = words(kind)[-1:] or [kind]
                for group in SYNONYM_GROUPS:
                    if last[0] in group:
                        for word in group:
                            if (
                                " " not in word
                                and not word.endswith(("al", "wide", "ly", "ed", "ing"))
                                and word not in STOPWORDS
                                and word not in GENERIC
                            ):
                                table.setdefault(word, kind)
            self._type_words = table
        return self._type_words

    def unresolved_instance(self, outside: str) -> str | None:
        """ "the hardware layer" when every known layer is named "<Something> layer" and none is "hardware".

        Only for types whose entities are named that way (layers, not cities): there the question
        names an instance of the type the corpus does not have.
        """
        type_words = self.type_words()
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
                or stem(modifier) in OPERATION_WORDS  # "the smallest layer" asks which, it names none
            ):
                continue
            head = tokens[i].removesuffix("s")
            named = [e for e in self.entities if e.type == kind and words(e.name)[-1:] == [head]]
            if len(named) >= 2 and not any(modifier in words(a) for e in named for a in (e.name, *e.aliases)):
                return f"{modifier} {tokens[i]}"
        return None


def name_words(mention: Mention, norm: str) -> list[str]:
    """The words of a mention that belong to the entity's names: a loose match ("the core industry scale of
    China's AI") also spans words of the question ("scale") that name no part of it."""
    names = {w for n in (mention.entity.name, *mention.entity.aliases) for w in words(n)}
    return [w for w in words(norm[mention.start : mention.end]) if w in names]


def plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _common_word(word: str) -> bool:
    """Whether ``word`` is everyday English: one token of a large BPE vocabulary ("middle" is, "mingtu" is not)."""
    from assistant.chunking import encoding

    return len(encoding("cl100k_base").encode(" " + word)) == 1


def _alias_pattern(alias: str) -> str:
    # "framework layers" names the layer too; "Chengdu-Chongqing" is a name of its own, not Chengdu
    # ("Shenzhen-based" names Shenzhen all the same)
    return r"(?<![\w-])" + re.escape(alias) + r"(?:s|es)?(?![\w]|-(?!based\b|headquartered\b|born\b)\w)"


def _short_aliases(entities: list[Entity], corpus_words: set[str]) -> None:
    """Let 'Mingtu' name 'Mingtu Technology': a distinctive first word of a multi-word name."""
    candidates: dict[str, list[Entity]] = {}
    for e in entities:
        parts = e.name.split()
        if len(parts) < 2 or e.type in NON_ENTITY_TYPES:
            continue
        first = parts[0]
        low = normalize(first)
        if (
            len(first) >= 4
            and first[0].isupper()
            and low not in STOPWORDS
            and low not in GENERIC
            and low not in corpus_words
            and not _common_word(low)  # "Middle" is no name for "Middle East"
        ):
            candidates.setdefault(low, []).append(e)
    taken = {normalize(e.name) for e in entities}
    for word, owners in candidates.items():
        if len(owners) == 1 and word not in taken:
            owners[0].aliases.add(word)


# ------------------------------------------------------------------------------- the question

SUPERLATIVE_MAX = {stem(w) for w in "most highest largest biggest greatest top leading leads lead maximum max best".split()}
SUPERLATIVE_MIN = {stem(w) for w in "fewest least lowest smallest minimum min bottom".split()}
COMPARE = {
    stem(w)
    for w in "more fewer less greater larger bigger smaller higher lower compare compared comparison versus vs ahead behind outrank outranks beat beats trail trails".split()
}
SUM = {stem(w) for w in "together combined total sum altogether overall collectively".split()}
DIFFERENCE = {stem(w) for w in "difference gap minus differ exceed exceeds outnumber outnumbers".split()}
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
_TOP_N = re.compile(r"\b(?:top|first|leading|biggest|largest)\s+(\d+|" + "|".join(CARDINALS) + r")\b")
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
    than: tuple[str, Entity] | None = None  # "more companies than Chengdu": the comparison and the entity it is against

    @property
    def entities(self) -> list[Entity]:
        seen: list[Entity] = []
        for m in self.mentions:
            if m.entity not in seen:
                seen.append(m.entity)
        return seen


def analyse(text: str, lexicon: Lexicon) -> Question:
    """Read ``text`` as a question about the corpus."""
    norm = normalize(text).strip()
    mentions = lexicon.find(norm)
    # operations are read outside entity names ("Top 50" in a list's name is no superlative)
    outside = norm
    for m in mentions:
        outside = outside[: m.start] + " " * (m.end - m.start) + outside[m.end :]
    all_words = words(norm)
    stems = [stem(w) for w in all_words]
    wh = _wh(norm)
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
    expects = _expects(norm, wh)
    if expects == "text" and answer_type is None and re.match(r"^(?:\w+\s+){0,2}which\s+(?!of\b)[a-z]", outside):
        expects = "entity"  # "Which Hangzhou robot maker...": a name is wanted, of a kind the corpus does not type
    if expects == "person" and any(m.entity.type == "person" for m in mentions) and re.match(r"^who\s+(is|was)\s+\S+(\s+\S+)?\??$", norm):
        expects = "text"  # "Who is Li Hui?" asks what the person is, not for a name
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
        unresolved=lexicon.unresolved_instance(outside),
    )
    q.complement = bool(_COMPLEMENT.search(outside))
    for m in mentions:
        if against := _THAN.search(norm[: m.start]):
            q.than = ("<" if against.group(1) in _LESS else ">", m.entity)
    outside_stems = {stem(w) for w in words(outside)}
    if outside_stems & SUPERLATIVE_MAX and not re.search(r"\b(more|fewer|less) than\b|\btop \d", outside):
        q.superlative = "max"
    if outside_stems & SUPERLATIVE_MIN and not re.search(r"\b(at least|at most)\b", outside):
        q.superlative = "min"
    if nth := _NTH.search(outside):
        q.nth = _to_int(nth.group(1))
        q.superlative = q.superlative or "max"
    if top := _TOP_N.search(outside):
        q.top_n = _to_int(top.group(1))
    for pattern, op in _FILTERS:
        if found := pattern.search(outside):
            q.filter = (op, _to_float(found.group(1)))
            break
    if q.filter is None and (
        found := re.search(r"\b(?:with|have|has|having|had)\s+(\d[\d,]*|" + "|".join(CARDINALS) + r")\s+(\w+)", outside)
    ):
        q.filter = ("==", _to_float(found.group(1)))
    if q.filter is None and answer_type and not q.nth:
        for verbs in ("rank|ranks|ranked|placed|comes|came", "is|are|was|were"):
            found = re.search(rf"\b(?:{verbs})\s+(?:(?:in|at)\s+)?(?:the\s+)?(?:number\s+|no\.?\s*|#)?(\w+)\b", outside)
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

    X must head its phrase: "which city has" and "which metropolis tops" name a type, "how many
    national-level platforms" does not ("national" is only a modifier there).
    """
    match = re.search(r"\b(which|what|how many|list the|name the|list all|name all|list|name)\s+((?:[\w'\-]+\s*){1,4})", outside)
    if not match:
        return None, False
    type_words = lexicon.type_words()
    phrase = words(re.sub(r"^(?:one\s+)?of\s+(?:the\s+|these\s+|those\s+)?", "", match.group(2)))  # "which of the cities"
    for i, word in enumerate(phrase[:3]):
        kind = type_words.get(word)
        if kind is None:
            if word in _AUX or word in STOPWORDS:
                return None, False  # "which has more companies": the verb comes first, no type is asked
            continue
        following = phrase[i + 1] if i + 1 < len(phrase) else None
        singular = not word.endswith("s")
        verb_like = following is not None and (following.endswith("ed") or (singular and following.endswith("s")))
        if following is None or following in _AUX or following in STOPWORDS or verb_like:
            return kind, match.group(1) == "how many"
        return None, False
    return None, False


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


def _expects(norm: str, wh: str | None) -> str:
    """The kind of answer: number, date, person, place, reason, list or text."""
    if wh == "when" or re.search(
        r"\b(what|which) (date|day|month|year|years|time|period)\b|\bin what year\b|\bby when\b|\bsince when\b", norm
    ):
        return "date"
    if wh == "how many" or re.search(
        r"\b(what|which) (?:\S+ )?(percentage|share|proportion|number|fraction|portion|amount|rate|rates|ratio|level|levels|count|total|size|scale)\b|\bhow (big|large|huge|high|fast)\b",
        norm,
    ):
        return "number"
    if wh in {"who", "whom", "whose"}:
        return "person"
    if wh == "where" and re.search(r"\b(rank|ranks|ranked|stand|stands|place|placed|come|comes)\b", norm):
        return "text"  # "Where does Hangzhou rank?" asks for a position, not a place
    if wh == "where" or re.search(r"\b(which|what) (city|country|region|place|province)\b", norm):
        return "place"
    if wh == "why" or re.search(r"\bwhat (is|was|are) the reasons?\b", norm):
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
