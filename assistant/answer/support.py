"""Whether evidence supports an answer to a question: the check behind every honest refusal.

An answer is given only when
- every entity the question names is named by the evidence, and so is every other capitalised name
  and every year it gives,
- no name in the question is unknown to the whole corpus (a city or company it never mentions),
- the attribute asked for ("revenue", "CEO", "founded") is present in the evidence, and
- enough of the remaining content words are covered, allowing for synonyms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.numbers import find_numbers
from assistant.text import GENERIC, QUESTION_WORDS, STOPWORDS, normalize, stem, terms, words
from assistant.text import related as general_related
from assistant.understand.lexicon import named_by_head, written_in
from assistant.understand.question import OPERATION_WORDS, Question
from assistant.understand.relative import RELATIVE_TIME

MIN_COVERAGE = 0.5
RELIEF_FROM = 0.45  # cosine similarity above which the coverage needed falls...
MAX_RELIEF = 0.2  # ...by at most this much
UNKNOWN_WEIGHT = 0.5
LINKED_COVERAGE = 0.0  # the facts' structure already ties the answer to what was asked
_CJK_RUN = re.compile(r"(?<![\u3400-\u9fff])[\u3400-\u9fff]{2,3}(?![\u3400-\u9fff])")  # the length of a name
_SENTENCE_STARTERS = QUESTION_WORDS | frozenset(
    """is are was were do does did can could tell list name give please and what's how's compare show in for which among
    according apart besides except aside other given based considering overall regarding about if suppose so now then ok
    okay hey hi hello thanks also again by from at on over since across out of to with without summarize explain describe""".split()
)
# "does the report expect", "did the article say": the source speaking, not what the answer is about
_REPORTING = re.compile(
    r"\s+(?:say|says|said|expect|expects|mention|mentions|state|states|predict|predicts|estimate|estimates|project|projects|"
    r"forecast|forecasts|find|finds|note|notes|claim|claims|describe|describes|report|reports|show|shows)\b"
)
_ALONE = re.compile(r"\b(?:alone|by itself|on its own|individually|separately|by themselves)\b")
_TOGETHER = re.compile(r"\b(?:together|combined|jointly|collectively|in total)\b")
_PREPOSITIONS = frozenset("outside inside beyond across within around behind near along among throughout".split())
_PLACE_SLOT = re.compile(r"\b(?:in|from|at|based in|located in|headquartered in|of)\s+([a-z][a-z'\-]+(?:\s+[a-z][a-z'\-]+)?)")


@dataclass(frozen=True)
class Support:
    """The verdict: ``ok``, or why not (``missing`` names what the sources lack)."""

    ok: bool
    missing: str | None = None
    coverage: float = 1.0


def _names(q: Question) -> list[tuple[int, str]]:
    """Capitalised words and phrases of the question outside known entities, with their positions."""
    original = q.text
    covered = [(m.start, m.end) for m in q.mentions]
    said = set(words(original))  # a set phrase is read as what it means: "Oscar nominations" names no Oscar
    found = []
    for match in re.finditer(r"[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*", original):
        phrase, start = match.group(0), match.start()
        first = phrase.split()[0].lower().removesuffix("'s")
        if start == 0 and first in _SENTENCE_STARTERS | STOPWORDS:
            rest = phrase.split(maxsplit=1)
            if len(rest) < 2:
                continue
            start += len(phrase) - len(rest[1])
            phrase = rest[1]
        if any(a <= len(normalize(original[:start])) < b for a, b in covered) or not set(words(phrase)) & said:
            continue
        found.append((start, phrase.strip()))
    return found


def unknown_names(q: Question, vocabulary: set[str], related: Callable[[str], frozenset[str]] = general_related) -> list[str]:
    """Names in the question that the corpus never mentions (so no answer can be about them)."""
    unknown: list[str] = []
    for _, phrase in _names(q):
        name_terms = [t for t in terms(phrase) if t not in STOPWORDS]
        if any(t not in vocabulary and not related(t) & vocabulary for t in name_terms):
            unknown.append(phrase)
    covered = [(m.start, m.end) for m in q.mentions]
    for match in _PLACE_SLOT.finditer(q.norm):
        if any(a <= match.start(1) < b for a, b in covered):
            continue
        slot = words(match.group(1))
        if not slot or slot[0] in STOPWORDS or slot[0] in QUESTION_WORDS or slot[0] in _PREPOSITIONS:  # "at which event": no name there
            continue
        slot_words = [w for w in slot if w not in STOPWORDS and w not in GENERIC and not find_numbers(w)]  # "in fifth place"
        if slot_words and stem(slot_words[0]) not in vocabulary and not (related(stem(slot_words[0])) & vocabulary):
            unknown.append(slot_words[0])
    unknown += _CJK_RUN.findall(q.text)  # Chinese the glossary could not render
    return list(dict.fromkeys(unknown))


def required_names(q: Question) -> list[str]:
    """Capitalised names of the question that are no known entity: the evidence must name them too.

    "How many ships does Southend handle?" is not answered by a passage about Northport, even though
    "Southend" occurs elsewhere in the corpus (in "the Northport-Southend ferry").
    """
    out = []
    for start, phrase in _names(q):
        if start == 0:  # the first word is capitalised as a matter of course
            phrase = phrase.split(maxsplit=1)[1] if len(phrase.split()) > 1 else ""
        for word in phrase.split():
            bare = word.strip("'\"?.,!").removesuffix("'s")
            if bare and not (bare.isupper() and len(bare) <= 3) and bare.lower() not in STOPWORDS:
                out.append(bare)
    return out


def years(q: Question) -> list[str]:
    """Years the question names outside entity names ("in 2020", "by 2040")."""
    outside = q.norm
    for m in q.mentions:
        outside = outside[: m.start] + " " * (m.end - m.start) + outside[m.end :]
    return re.findall(r"\b(?:19|20)\d{2}\b", outside)


_TIME_OWNERS = re.compile(r"\b(?:year|years|month|week|today|decade|century|quarter)(?:'s|s')")


def attribute(q: Question) -> str | None:
    """The attribute the question asks for, e.g. 'revenue' in "What is Northport's revenue?".

    Read outside entity names ("Northport's expansion plan set for..." names no attribute) and never from a
    time's possessive ("this year's evaluation").
    """
    norm = q.norm
    for m in sorted(q.mentions, key=lambda m: -m.start):  # each name becomes "it": "the budget of it" still asks a budget
        norm = norm[: m.start] + "it" + norm[m.end :]
    norm = " ".join(_TIME_OWNERS.sub(" ", norm).split()).rstrip("?. ")
    if re.match(r"^how old\b", norm):
        return "age"
    stop = r"(?:\s+(?:in|for|on|at|by|as|according|be|is|are|was|were|been|have|has|had|will|would|should|can|could|do|does|did|to|of|with|from|that|which)\b|$)"
    patterns = (
        r"^(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+)?([\w\- ]+?)\s+(?:of|for)\s+",
        r"(?:'s|s')\s+([\w\- ]+?)" + stop,
        r"^who\s+(?:is|was|are|were)\s+(?:the\s+)?([\w\- ]+?)\s+(?:of|at|for|behind)\s+",
        r"^when\s+(?:was|were|did|is|will)\s+.+?\s+(\w+ed|\w+en)$",
        r"^how\s+(?:many|much)\s+([\w\-]+(?:\s+[\w\-]+)?)\s+(?:does|do|did|is|are|was|were|has|have|had|will|can|in|from|on|at|of|for|were)\b",
        r"\b(?:the\s+)?(?:most|fewest|least|more|fewer)\s+([\w\- ]+?)" + stop,  # "the most oil tankers": what is counted
        r"^who\s+(\w+ed)\b",  # "Who founded X?": the act asked about
        r"^(?:which|what)\s+\w+\s+(\w+ed)\s+(?:the|a|an|this|that|these|those)\b",  # "Which organisation authored the report?"
    )
    for i, pattern in enumerate(patterns):
        match = re.search(pattern, norm)
        if match and i == len(patterns) - 1 and q.answer_type:
            continue  # "Which companies entered the main list?": a kind the corpus has; the verb is the facts' to judge
        if match:
            phrase = [w for w in words(match.group(1)) if w not in STOPWORDS]
            possessive = i == 1
            if possessive and len(phrase) >= 2 and phrase[-1].endswith(("s", "ed", "ing")) and not phrase[-2].endswith(("s", "ed", "ing")):
                phrase = phrase[:-1]  # "the country's output comes from": the noun, not the verb after it
            # the head noun is the attribute; "full name" or "additional positions" ask for no attribute
            # a source must name, and a modifier left without its head is none either
            if phrase and phrase[-1] not in GENERIC and stem(phrase[-1]) not in OPERATION_WORDS:
                return phrase[-1]
            return None
    return None


def attributed(q: Question) -> set[str]:
    """Entities the question names as the source speaking ("according to the report", "does the report
    expect"), not as what the answer is about: the evidence need not name them."""
    return {
        m.entity.name
        for m in q.mentions
        if re.search(r"\baccording to\s+(?:the\s+)?$", q.norm[: m.start])
        # "what did Babbage show her": a person who shows or says something is what the answer is about
        or (_REPORTING.match(q.norm[m.end :]) and m.entity.type != "person")
    }


def check(
    q: Question,
    evidence: str,
    *,
    vocabulary: set[str],
    context: str = "",
    similarity: float = 0.0,
    linked: bool = False,
    related: Callable[[str], frozenset[str]] = general_related,
    shared: frozenset[str] = frozenset(),
    counts_asked: bool = False,
) -> Support:
    """Whether ``evidence`` (the text an answer would cite) supports answering ``q``.

    ``context`` (e.g. the title of the evidence's article) may account for the words of an entity's
    name, not for the attribute asked. ``similarity`` (question to passage, cosine) eases the share of
    the question's words the evidence must hold, and so does ``linked``: facts that tie an entity the
    question names to the kind of answer it wants. ``counts_asked``: the evidence is a count with no
    unit under the question's own verb, so the noun counted need not be written. An entity is named by
    its name, an alias, or "the" and its head ("the association") unless other names have that head
    too (``shared``).
    """
    have = set(terms(evidence, keep_stopwords=True))
    norm_evidence = normalize(evidence)
    for name in unknown_names(q, vocabulary, related):
        return Support(False, name, 0.0)
    if q.unresolved:
        return Support(False, q.unresolved, 0.0)
    around = have | set(terms(context))
    norm_around = f"{norm_evidence} {normalize(context)}"
    for name in required_names(q):
        if not written_in(normalize(name), norm_around):
            return Support(False, name, 0.0)
    for year in years(q):
        if year not in norm_around:
            return Support(False, year, 0.0)
    sources = attributed(q)
    for entity in q.entities:
        if entity.name in sources:
            continue
        named = any(
            written_in(normalize(n), norm_evidence) or named_by_head(n, norm_evidence, entity.type, shared)
            for n in (entity.name, *entity.aliases)
        )
        if not named and not (set(terms(entity.name)) <= around and terms(entity.name)):
            return Support(False, entity.name, 0.0)
    when = RELATIVE_TIME.search(q.norm)
    if when and normalize(when.group(0)) not in norm_around:  # "last year's list" is not this year's
        return Support(False, when.group(0), 0.0)
    alone = _ALONE.search(q.norm)
    if alone and _TOGETHER.search(norm_evidence):  # a figure for a group says nothing of one member alone
        return Support(False, f"{q.entities[-1].name if q.entities else 'it'} {alone.group(0)}", 0.0)
    head = attribute(q)
    if head and stem(head) not in _mention_stems(q) and not (related(stem(head)) & have) and not counts_asked:
        return Support(False, head, 0.0)
    focus = [t for t in q.focus if t not in _mention_stems(q)]
    if not focus:
        return Support(True)
    # a word the corpus never uses cannot be matched by any passage: it says little either way
    weights = {t: (1.0 if t in vocabulary or related(t) & vocabulary else UNKNOWN_WEIGHT) for t in focus}
    covered = sum(w for t, w in weights.items() if related(t) & have)
    coverage = covered / sum(weights.values())
    # a passage that means what the question asks may word it differently ("big ships": "large vessels")
    needed = LINKED_COVERAGE if linked else MIN_COVERAGE - min(MAX_RELIEF, max(0.0, similarity - RELIEF_FROM))
    if coverage < needed:
        missing = [t for t in focus if not related(t) & have]
        return Support(False, _surface(q, missing[0]) if missing else None, coverage)
    return Support(True, coverage=coverage)


def _mention_stems(q: Question) -> set[str]:
    return {stem(w) for m in q.mentions for w in words(q.norm[m.start : m.end])}


def _surface(q: Question, term: str) -> str:
    for w in words(q.norm):
        if stem(w) == term and w not in QUESTION_WORDS:
            return w.removesuffix("'s")
    return term
