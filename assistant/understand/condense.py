"""Follow-up questions made standalone, without a language model.

"And Eastbay?" after "How many ships does Northport handle?" becomes "How many ships does Eastbay
handle?"; "What is its share?" after a question about container traffic becomes "What is Container
traffic's share?". References are resolved against the entities of the conversation (the
lexicon gives their types), most recent first, looking at earlier questions and then at answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.numbers import ORDINALS
from assistant.text import GENERIC, QUESTION_WORDS, STOPWORDS, YEAR, normalize, stem, words
from assistant.understand.lexicon import PLACE_TYPES, Entity, Lexicon, Mention
from assistant.understand.question import ELLIPSIS, SUPERLATIVE_MAX, SUPERLATIVE_MIN

_LEAD = re.compile(
    r"^\s*(?:and|also|then|so|ok(?:ay)?|now)?\s*(?:what|how)\s+about\s+|^\s*(?:and|also|then|so)\s+(?:(?:for|in|of)\b)?\s*|^\s*same\s+(?:for|with)\s+|^\s*what\s+of\s+",
    re.I,
)
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_HIS = {"he", "him", "his"}
_THING_PRONOUNS = {"it", "its", "they", "them", "their", "theirs"}
_PLACE_PRONOUNS = {"there"}
_DETERMINERS = ("that", "this", "the", "those", "these", "said", "same")
_POSSESSIVE = {"its", "their", "his", "her", "theirs", "hers"}

RelatedFn = Callable[[Entity, str], Entity | None]
SimilarityFn = Callable[[str, str], float]
SIMILAR_ENOUGH = 0.35  # the least similarity of a fragment to the phrase of the last question it stands in for


def elliptical(standalone: str) -> bool:
    """Whether ``standalone`` is a follow-up that only asks ("By how much?") joined to the question before it."""
    return ELLIPSIS in standalone


@dataclass(frozen=True)
class Exchange:
    """An earlier turn: the question as understood, and the answer given."""

    question: str
    answer: str = ""


def condense(
    question: str,
    history: list[Exchange],
    lexicon: Lexicon,
    *,
    related: RelatedFn | None = None,
    similarity: SimilarityFn | None = None,
) -> str:
    """``question`` rewritten so that it can be understood without ``history``.

    ``similarity`` (of two phrases' meanings, -1..1) lets a fragment stand in for the like phrase of the last
    question ("And iron ore?" after "How much coal went through the port?").
    """
    text = question.strip()
    if not history:
        return text
    previous = history[-1].question
    text = _year_next_to(previous, text)
    mentions = lexicon.find(text)
    body = _LEAD.sub("", text).strip()
    led = body != text
    if not mentions and (_only_asks(body) or _THAT_HAPPENED.match(body)):  # "By when?", "Why?", "How did that happen?"
        return f"{body.rstrip('?. ')}{ELLIPSIS}{previous.rstrip('?. ')}?"
    if (figure := _FIGURE_IN_YEAR.match(normalize(body))) and (swapped := _swap_year(previous, figure.group(1), history[-1].answer)):
        return swapped  # "what was it in 2022?": the last question, of 2022
    # "How many ships was that?" after "Which port handled the most?": "that" is the one the answer named
    text = _THAT_ONE.sub(r"\1 it\2", text)
    resolved = _resolve_references(text, history, lexicon, related)
    if resolved != text:
        return _add_comparison_partner(resolved, previous, lexicon)
    compared = _add_comparison_partner(text, previous, lexicon)
    if compared != text:
        return compared
    if mentions and (led or _is_fragment(text, mentions)):
        swapped = _swap_entities(previous, [m.entity for m in mentions], lexicon, body)
        if swapped:
            return swapped
    if led or _is_fragment(text, mentions):
        swapped = (
            _swap_year(previous, body, history[-1].answer)
            or _swap_season(previous, body)
            or _swap_extremes(previous, body)
            or _extreme_among(previous, body, lexicon)
            or _swap_modifier(previous, body)
        )
        if swapped:
            return swapped
        swapped = _swap_similar(previous, body, similarity) if similarity else None
        if swapped:
            return swapped
        entities = _recent_entities(history, lexicon)
        if entities and not mentions:
            attribute = body.rstrip("?. ").strip()
            if not attribute:
                return previous
            if re.match(r"(?i)^(what|which|who|when|where|why|how)\b", attribute):
                # "And when was the old quay pulled down?": a question of its own, asked in the light of the last one
                return text
            return f"What is the {_strip_article(attribute)} of {entities[0].name}?"
    return text


def continues(question: str, previous: str) -> bool:
    """Whether ``question`` goes on from ``previous``: it opens with "and", "so", "what about" and the like, or
    shares a content word with it ("What share voted yes?" after "When did they vote on the harbour?"); a new
    question about something else ("Which problems does the survey name?") does not."""
    if _LEAD.match(question):
        return True
    said = {stem(w) for w in words(previous) if w not in STOPWORDS and w not in QUESTION_WORDS and w not in GENERIC}
    return bool(said & {stem(w) for w in words(question) if w not in STOPWORDS and w not in QUESTION_WORDS and w not in GENERIC})


_WHEN_WORDS = frozenset(
    "year years date dates period time timeframe span months month deadline exactly again before earlier previous".split()
)


_THAT_ONE = re.compile(r"^(\W*(?:and\s+)?how\s+(?:many|much)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:was|were|is|are))\s+that(\W*)$", re.I)
# "How did that happen?": the event the last question asked about
_THAT_HAPPENED = re.compile(
    r"^\W*(?:how|why)\s+(?:did|does|do|could|would|can)\s+(?:that|this|it)\s+(?:happen|occur|come about|take place)\W*$", re.I
)
# "How long is it?" asks about what "it" stands for; "When was that?" asks the last question again
_ASKS_ABOUT_REFERENT = re.compile(r"\b(?:is|was|are|were)\s+(?:it|he|she|they)\b", re.I)


def _only_asks(body: str) -> bool:
    """A follow-up that is nothing but a question word and a preposition or two ("By when?"); not one that asks
    about what a pronoun stands for ("How long is it?")."""
    if _ASKS_ABOUT_REFERENT.search(body):
        return False
    tokens = words(body)
    if {"he", "she", "him", "her", "his", "it", "its", "they", "them", "their"} & set(tokens):
        return False  # "What did he show her?": about whom the pronouns stand for
    asks = [w for w in tokens if w in QUESTION_WORDS or w in {"many", "much", "long", "often"}]
    rest = [w for w in tokens if w not in asks and w not in STOPWORDS and w not in _WHEN_WORDS]
    return bool(asks) and not rest and len(tokens) <= 7  # "Up from how many the year before?"


_COMPARATIVE = re.compile(r"\b(more|fewer|less|higher|lower|larger|bigger|smaller|greater)\b", re.I)


def _add_comparison_partner(text: str, previous: str, lexicon: Lexicon) -> str:
    """ "How many more does Northport have?" after a question about Eastbay: "... than Eastbay?"."""
    if not _COMPARATIVE.search(text) or re.search(r"\bthan\b", text, re.I):
        return text
    named = lexicon.find(text)
    if not named:
        return text
    names = {n.entity.name for n in named}
    partners = [m.entity for m in lexicon.find(previous) if m.entity.type == named[0].entity.type and m.entity.name not in names]
    if not partners:
        return text
    return f"{text.rstrip('?. ')} than {partners[0].name}?"


def _is_fragment(text: str, mentions: list[Mention]) -> bool:
    """A question without its own verb or question word ("Eastbay?", "the container terminal")."""
    norm = normalize(text)
    rest = norm
    for m in sorted(mentions, key=lambda m: -m.start):
        rest = rest[: m.start] + rest[m.end :]
    leftover = [w for w in words(rest) if w not in {"and", "or", "the", "a", "an", "what", "about", "how", "for", "in", "of"}]
    has_verb = re.search(r"\b(is|are|was|were|do|does|did|has|have|had|which|who|when|where|why|how many|how much|rank|ranks)\b", norm)
    return len(leftover) <= 2 and not has_verb


def _swap_entities(previous: str, new: list[Entity], lexicon: Lexicon, body: str) -> str | None:
    """``previous`` with its entities replaced by ``new`` ones of the same type."""
    old = lexicon.find(previous)
    if not old:
        return None
    norm_prev = normalize(previous)
    result = previous
    used: set[int] = set()
    replacements: list[tuple[Mention, str]] = []
    for entity in new:
        same_type = [i for i, m in enumerate(old) if m.entity.type == entity.type and i not in used]
        pick = same_type[0] if same_type else next((i for i in range(len(old)) if i not in used), None)
        if pick is None:
            break
        used.add(pick)
        replacements.append((old[pick], entity.name))
    if not replacements:
        return None
    if len(new) > len(replacements):
        last_mention, last_name = replacements[-1]
        extra = [e.name for e in new[len(replacements) :]]
        replacements[-1] = (
            last_mention,
            " and ".join([last_name, *extra]) if len(extra) == 1 else ", ".join([last_name, *extra[:-1]]) + " and " + extra[-1],
        )
    # positions in ``previous`` equal those in its normalised form (normalisation keeps lengths for these texts)
    for mention, name in sorted(replacements, key=lambda r: -r[0].start):
        if len(norm_prev) != len(previous):
            found = re.search(re.escape(normalize(previous)[mention.start : mention.end]), normalize(result))
            if not found:
                continue
            result = result[: found.start()] + name + result[found.end() :]
        else:
            result = result[: mention.start] + name + result[mention.end :]
    return result


def _swap_extremes(previous: str, body: str) -> str | None:
    """ "And the fewest?" after "Which city has the most companies?"."""
    asked = {stem(w) for w in words(body)}
    direction = SUPERLATIVE_MIN if asked & SUPERLATIVE_MIN else SUPERLATIVE_MAX if asked & SUPERLATIVE_MAX else None
    if direction is None:
        return None
    opposite = SUPERLATIVE_MAX if direction is SUPERLATIVE_MIN else SUPERLATIVE_MIN
    new_word = next(w for w in words(body) if stem(w) in direction)
    out, changed = [], False
    for token in re.split(r"(\W+)", previous):
        if token and stem(token.lower()) in opposite:
            out.append(new_word)
            changed = True
        else:
            out.append(token)
    return "".join(out) if changed else None


def _extreme_among(previous: str, body: str, lexicon: Lexicon) -> str | None:
    """ "And which is the biggest?" after a question about one cargo's share: the biggest cargo by share."""
    asked = {stem(w) for w in words(body)}
    if not asked & (SUPERLATIVE_MAX | SUPERLATIVE_MIN):
        return None
    old = lexicon.find(previous)
    if not old:
        return None
    kind = old[0].entity.type
    inside = {stem(w) for m in old for w in words(normalize(previous)[m.start : m.end])}
    topic = [w for w in words(previous) if w not in STOPWORDS and w not in QUESTION_WORDS and w not in GENERIC and stem(w) not in inside]
    sentence = body.rstrip("?. ")
    match = re.match(r"(?i)^(which|what)\b\s*(?:one\b)?\s*", sentence)
    if match and lexicon.type_words().get(words(sentence[match.end() :])[:1][0] if words(sentence[match.end() :]) else "") == kind:
        sentence = sentence[0].upper() + sentence[1:]
    elif match:
        sentence = f"{match.group(1).capitalize()} {kind} {sentence[match.end() :]}"
    else:
        sentence = f"Which {kind} {sentence}"
    return f"{sentence} by {' '.join(topic)}?" if topic else f"{sentence}?"


_PREPOSITION = re.compile(r"^(?:from|for|in|at|on|of|to|with|by|among|between|across|inside|outside|within)\s+", re.I)


def _phrases(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text``'s runs of content words and of every part of each run ("installed capacity", "capacity")."""
    for run in re.finditer(r"[A-Za-z][\w'\-]*(?:\s+[A-Za-z][\w'\-]*)*", text):
        tokens = list(re.finditer(r"[\w'\-]+", run.group(0)))
        content: list[list[re.Match[str]]] = [[]]
        for t in tokens:
            low = t.group(0).lower()
            if low in STOPWORDS or low in QUESTION_WORDS or low in GENERIC or low in {"many", "much"}:
                content.append([])
            else:
                content[-1].append(t)
        for group in content:
            for i in range(len(group)):
                for j in range(i, len(group)):
                    yield run.start() + group[i].start(), run.start() + group[j].end()


def _swap_similar(previous: str, body: str, similarity: SimilarityFn) -> str | None:
    """ "And iron ore?" after "How much coal went through the port in 2024?": the same question of iron ore, put
    in place of the phrase of the last question it is most like in meaning ("and from farms?" after a question
    about homes). None when no phrase is like it enough, or the fragment asks its own question."""
    fragment = body.strip().rstrip("?.! ").strip()
    if not fragment or re.match(r"(?i)^(?:what|which|who|whom|whose|when|where|why|how)\b", fragment) or len(fragment.split()) > 5:
        return None
    preposition = _PREPOSITION.match(fragment)
    phrase = re.sub(r"(?i)^(?:the|a|an)\s+", "", fragment[preposition.end() :] if preposition else fragment)
    if not words(phrase) or YEAR.search(phrase):
        return None
    spans = list(dict.fromkeys(_phrases(previous)))
    if preposition:  # "from farms": the phrase after "from" in the last question, when it has one
        after = [(a, b) for a, b in spans if re.search(rf"(?i)\b{preposition.group(0).strip()}\s+(?:the\s+)?$", previous[:a])]
        spans = after or spans
    scored = [(similarity(phrase, previous[a:b]), a, b) for a, b in spans if previous[a:b].lower() != phrase.lower()]
    if not scored:
        return None
    best, start, end = max(scored, key=lambda s: (s[0], s[2] - s[1]))
    if best < SIMILAR_ENOUGH:
        return None
    return f"{previous[:start]}{phrase}{previous[end:]}"


_COLLECTIVE = re.compile(r"\b(?:together|combined|in total|altogether|both|each|compare|difference|more|fewer|less|same)\b", re.I)
_PAIR = re.compile(r"\b(?:the|these|those) two\b(?: of them)?|\bboth(?: of them)?\b|(?<=between )(?:them|the two)\b|(?<=\bof )them\b", re.I)


def _pair(history: list[Exchange], lexicon: Lexicon) -> tuple[Entity, Entity] | None:
    """The last two entities of one kind the conversation asked about ("Westcove", then "Southend")."""
    asked: list[Entity] = []
    for exchange in reversed(history):
        for m in lexicon.find(exchange.question):
            if m.entity not in asked:
                asked.append(m.entity)
    for i, first in enumerate(asked):
        second = next((e for e in asked[i + 1 :] if e.type == first.type), None)
        if second is not None:
            return second, first
    if asked and history:  # "Who was Ann Rhys's husband?" answered "... Owen Rhys ...": the two are she and he
        answered = next(
            (m.entity for m in lexicon.find(history[-1].answer) if m.entity.type == asked[0].type and m.entity != asked[0]), None
        )
        if answered is not None:
            return asked[0], answered
    return None


def _resolve_references(text: str, history: list[Exchange], lexicon: Lexicon, related: RelatedFn | None) -> str:
    """Pronouns and "that city"-style references replaced by the entities they point to."""
    if (found := _PAIR.search(text)) and (pair := _pair(history, lexicon)):  # "Which of the two has more?"
        text = f"{text[: found.start()]}{pair[0].name} and {pair[1].name}{text[found.end() :]}"
    types = sorted(lexicon.types, key=len, reverse=True)
    type_alt = "|".join(re.escape(t) for t in types if t)
    out = text
    if type_alt:
        pattern = re.compile(rf"\b(?P<det>{'|'.join(_DETERMINERS)}|his|her|its|their)\s+(?P<type>{type_alt})(?:'s)?\b", re.I)
        for match in reversed(list(pattern.finditer(out))):
            kind = match.group("type").lower()
            det = match.group("det").lower()
            if det in {"his", "her", "its", "their"}:
                owner = _recent(history, lexicon, person=det in {"his", "her"}, pronoun={"his": "he", "her": "she"}.get(det))
                entity = related(owner, kind) if (owner and related) else None
                entity = entity or _recent_of_type(history, lexicon, kind)
            else:
                if det == "the" and not _recent_of_type(history, lexicon, kind):
                    continue
                if det == "the" and lexicon.find(text):
                    continue  # "the city" next to a named entity is not a reference
                entity = _recent_of_type(history, lexicon, kind)
            if entity is not None:
                suffix = "'s" if match.group(0).lower().endswith("'s") else ""
                out = out[: match.start()] + entity.name + suffix + out[match.end() :]
    tokens = re.split(r"(\b\w+(?:'s)?\b)", out)
    changed = False
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in _PERSON_PRONOUNS:
            entity = _recent(history, lexicon, person=True, pronoun="he" if low in _HIS else "she")
        elif low in _THING_PRONOUNS:
            entity = _recent(history, lexicon, person=False)
            topic = (
                (_thing_answered(history[-1], lexicon) or _singular_topic(history[-1].question, lexicon) or _owned_thing(history, text))
                if low in {"it", "its"}
                else None
            )
            if topic:  # "Who wears it?" after "When was the white jersey created?": the jersey, not a name in the answer
                tokens[i] = f"{topic}'s" if low == "its" else topic
                changed = True
                continue
            together = None
            if low in {"they", "them", "their"}:  # two of a kind in the last question, or in the last two of a sum or comparison
                together = _pair([history[-1]], lexicon) or (_pair(history[-2:], lexicon) if _COLLECTIVE.search(text) else None)
            if together:  # "they" after a question about two cities: both
                tokens[i] = f"{together[0].name} and {together[1].name}" + ("'" if low == "their" else "")
                changed = True
                continue
        elif low in _PLACE_PRONOUNS:
            entity = next((e for e in _recent_entities(history, lexicon) if e.type in PLACE_TYPES), None)
        else:
            continue
        if low in {"they", "them"}:  # a plural topic of the last question before a lone entity: "them" is plural
            noun = _plural_topic(history[-1].question, lexicon)
            if noun:  # "What will solve them?" after "What problems does the survey name?"
                tokens[i] = f"the {noun}"
                changed = True
                continue
            owned = _owned_kind(history[-1].question, entity, lexicon)
            if owned:  # "Which of them ...?" after "How many companies does Eastbay have?": Eastbay's companies
                tokens[i] = owned
                changed = True
                continue
        if entity is None:
            continue
        if low not in _POSSESSIVE and re.search(rf"\b{re.escape(entity.name)}\b", "".join(tokens[:i] + tokens[i + 1 :]), re.I):
            continue  # "How many ships does Eastbay have on it?": "it" is not Eastbay, which the question names
        possessive = low in _POSSESSIVE and not (low == "her" and _ends_phrase("".join(tokens[i + 1 :])))
        tokens[i] = f"{entity.name}'s" if possessive else entity.name
        if low in _PLACE_PRONOUNS:
            tokens[i] = f"in {entity.name}" if not re.search(r"\b(in|from|at)\s*$", "".join(tokens[:i])) else entity.name
        changed = True
    if changed:
        out = "".join(tokens)
    return out


_AUXILIARY = re.compile(r"\b(?:do|does|did|can|could|will|would|should|may|might|must)\b")
_TOPIC = re.compile(r"\bthe\s+([a-z][\w\-]*)\s+([a-z][\w\-]*)\b")


def _set_apart(text: str) -> Iterator[re.Match[str]]:
    """The "the <word> <noun>" phrases of ``text`` whose first word sets the thing apart ("the white jersey")."""
    for m in _TOPIC.finditer(text):
        if m.group(1) not in STOPWORDS and m.group(2) not in STOPWORDS:
            yield m


# what a pronoun did something to: "did they inspect the hole"
_DONE_TO = re.compile(r"\b(?:did|does|do)\s+(?:they|he|she|we|you|i)\s+[a-z]+\s+the\s+([a-z]+)\b")


# the subject of a "when / where / why / how" question, set apart by where it was: "when did the worst flood on
# the line happen?" (one word alone may be a subject and its verb: "when did the war end?")
_SUBJECT_BEFORE_PLACE = re.compile(
    r"^\W*(?:when|where|why|how)\s+(?:did|does|do|was|were|is|are|has|had)\s+the\s+((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)\s+(?:on|in|at|near|of)\s+the\b"
)


def _singular_topic(question: str, lexicon: Lexicon) -> str | None:
    """What a question naming no entity asked about, when it is one thing said with a word that sets it apart
    ("the white jersey"): "it" next is that thing."""
    norm = normalize(question)
    if lexicon.find(question):
        return None
    done_to = _DONE_TO.search(norm)
    if done_to and done_to.group(1) not in GENERIC and not done_to.group(1).endswith("s"):
        return f"the {done_to.group(1)}"  # "How did they inspect the hole in the riverbed?": "it" next is the hole
    subject = _SUBJECT_BEFORE_PLACE.search(norm)
    if subject and not subject.group(1).split()[-1].endswith("s") and subject.group(1).split()[-1] not in GENERIC:
        # "When did the worst flood on the estate happen?": "it" next is that flood (the answer names a time,
        # not the flood, so even a superlative is the thing itself)
        return f"the {subject.group(1)}"
    if _AUXILIARY.search(norm):
        return None  # "When did the war end?": "the war end" is a subject and its verb, not one thing
    names_it = re.match(r"\W*(?:which|what|who)\b", norm) is not None
    for m in _set_apart(norm):
        noun = m.group(2)
        if names_it and {stem(m.group(1)), stem(noun)} & (SUPERLATIVE_MAX | SUPERLATIVE_MIN):
            # "which is the biggest foreign market?": the one the answer names, not a thing of its own (but "how many
            # were hurt in the worst flood?" is about that flood)
            continue
        if not noun.endswith("s") and noun not in GENERIC and (re.search(r"\w", norm[m.end() :]) or not names_it):
            return m.group(0)
    return None


# "Brunel's first shield": a thing the question names by its owner
_OWNED = re.compile(r"\b[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*(?:'s|\u2019s)\s+((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)")


def _owned_thing(history: list[Exchange], asking: str) -> str | None:
    """The one thing the last question named as someone's ("Whose works made Brunel's first shield?"): "How
    heavy was it?" next asks of the shield, not of Brunel. None when it names no such thing, or several, or
    when the owner is what the conversation was about before ("Storhavet's capacity factor" after a question
    about Storhavet: "it" is still Storhavet)."""
    found = []
    for m in _OWNED.finditer(history[-1].question):
        kept = []
        for w in m.group(1).split():
            if w in STOPWORDS:
                break
            kept.append(w)
        if kept and kept[-1] not in GENERIC and not kept[-1].endswith("s"):
            found.append(m.group(0)[: m.start(1) - m.start(0)] + " ".join(kept))
    if len(found) != 1:
        return None
    owner = re.split(r"'|\u2019", found[0])[0]
    if owner in asking or any(owner in exchange.question for exchange in history[:-1]):
        return None
    return found[0]


_OTHER_YEAR = re.compile(
    r"^(?:(?:in|for|during)\s+)?(?:the\s+|a\s+)?(?:(?P<before>year before|previous year|year earlier|prior year|year ago)|(?P<after>year after|following year|next year|year later)|(?P<year>"
    + YEAR.pattern
    + r"))\W*$"
)


_NEXT_YEAR = re.compile(
    r"\b(?:(?:in|for|during)\s+)?(?:the|a)\s+(?:(?P<before>year before|previous year|year earlier|prior year)|(?P<after>year after|following year|year later))\b",
    re.I,
)


def _year_next_to(previous: str, question: str) -> str:
    """ "What was the figure the previous year?" after a question about 2024: "What was the figure in 2023?"."""
    found = _NEXT_YEAR.search(question)
    years = set(YEAR.findall(previous))
    if not found or len(years) != 1 or _OTHER_YEAR.match(normalize(_LEAD.sub("", question)).strip()):
        return question  # (the phrase alone, "And the year before?", asks the last question again: see _swap_year)
    step = -1 if found.group("before") else 1
    year = str(int(years.pop()) + step)
    rest = normalize(f"{question[: found.start()]} {question[found.end() :]}")
    if (split := _SPLIT_YEAR.search(previous)) is not None:  # the year before 2030-31 is 2029-30
        first = int(split.group(1)) + step
        year = f"{first}{split.group(2)}{(first + 1) % 100:02d}"
    if _SAME_FIGURE.match(rest):  # "What was the figure the previous year?": the last question, of that year
        return _SPLIT_YEAR.sub(year, previous) if split else YEAR.sub(year, previous)
    # "How does that compare with the year before?": with 2029-30, not "with in 2029-30"
    linked = re.search(r"\b(?:with|than|against|to|versus|on|from)\s*$", question[: found.start()], re.I)
    return f"{question[: found.start()]}{'' if linked else 'in '}{year}{question[found.end() :]}"


# a year split across two calendar years: a financial year "2030-31", a season "2030/31"
_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d{2})([-/\u2013])(\d{2})\b")


# what asks for the figure the last question asked, of another year
_SAME_FIGURE = re.compile(
    r"^\W*(?:and\s+)?(?:what|how (?:much|many))?\s*(?:was|were|is|are|about)?\s*(?:the\s+|that\s+)?(?:figure|number|total|amount|count|it|that|one)?\W*$"
)


_THIS_YEAR = re.compile(r"\b(?:in |during |for )?(?:(?:this|that|last|the past) year|this time)\b", re.I)
# "what was it in 2022?" after a question about a figure: the same question, of 2022
_FIGURE_IN_YEAR = re.compile(
    r"^\W*(?:and\s+)?(?:what|how (?:much|many))\s+(?:was|were|is|are)\s+(?:it|that|they|the figure|the number|the total)\s+((?:in|for|during)\s+(?:19|20)\d{2})\W*$"
)


def _swap_year(previous: str, body: str, answer: str = "") -> str | None:
    """ "And the year before?", "And in 2024?" after a question about one year: the same question of that year (of
    the year the last answer's figure is for, when the question named none)."""
    found = _OTHER_YEAR.match(normalize(body).strip())
    years = YEAR.findall(previous)
    if found and not found.group("year") and not years and not _THIS_YEAR.search(previous) and (of := _year_of_figure(answer)):
        return f"{previous.rstrip('?. ')} in {of - 1 if found.group('before') else of + 1}?"
    if found and found.group("year") and not years:  # "... this year?" then "What about 2024?": the same, in 2024
        said = _THIS_YEAR.search(previous)
        if said:
            return f"{previous[: said.start()]}in {found.group('year')}{previous[said.end() :]}"
        return f"{previous.rstrip('?. ')} in {found.group('year')}?"
    if found and not years and not _THIS_YEAR.search(previous):  # "And a year earlier?" of a figure of no year
        return f"{previous.rstrip('?. ')} {'a year earlier' if found.group('before') else 'a year later'}?"
    if not found or len(set(years)) != 1:
        return None
    year = int(years[0])
    wanted = found.group("year") or str(year - 1 if found.group("before") else year + 1)
    return YEAR.sub(wanted, previous)


def _year_of_figure(answer: str) -> int | None:
    """The year an answer's first figure is for: "handled 410 ships in 2031, up from 380 in 2030"."""
    figure = re.search(r"\d[\d,.]*(?!\d)", YEAR.sub(" ", answer.split("[")[0]))
    if figure is None:
        return None
    after = YEAR.search(answer, max(answer.find(figure.group(0)), 0))
    return int(after.group(0)) if after else None


_SEASON_WORDS = r"(?:(?:in|for|during)\s+)?(?:the\s+)?(?:last|previous|next|this|coming|current)\s+(?:season|year)"
_SEASON = re.compile(rf"^{_SEASON_WORDS}\W*$", re.I)  # the follow-up is only the season
_SEASON_SAID = re.compile(rf"\b{_SEASON_WORDS}\b", re.I)  # where the last question says its season


def _swap_season(previous: str, body: str) -> str | None:
    """ "What about last season?" after "How many goals did Tern Rovers score this season?": the same question of it."""
    found = _SEASON.match(body.strip())
    if not found or YEAR.search(previous):
        return None
    said = _SEASON_SAID.search(previous)
    wanted = found.group(0).strip().rstrip("?.! ")
    if said:
        return f"{previous[: said.start()]}{wanted}{previous[said.end() :]}"
    return f"{previous.rstrip('?. ')} {wanted}?"


_ONE = re.compile(r"^(?:the|a|an)\s+([a-z][\w\-]*)\s+one\W*$", re.I)
# "And the second stage?" after "What did the first stage cost?": the same question of the second stage
_NTH_ONE = re.compile(rf"^(?:the|a|an)\s+({'|'.join(ORDINALS)})\s+([a-z][\w\-]*)\W*$", re.I)


def _swap_modifier(previous: str, body: str) -> str | None:
    """ "And the white one?" after "When was the green jersey created?": the same question of the white jersey."""
    found = _ONE.match(body.strip())
    nth = _NTH_ONE.match(body.strip())
    if nth and re.search(rf"\b(?:{'|'.join(ORDINALS)})\s+{re.escape(nth.group(2))}\b", previous, re.I):
        found = nth
    if not found:
        return None
    if found.group(1).lower() in ORDINALS:  # "And the second one?" after "When did she win her first prize?"
        said = re.search(rf"\b(?:{'|'.join(ORDINALS)})\b", previous, re.I)
        if said and said.group(0).lower() != found.group(1).lower():
            return f"{previous[: said.start()]}{found.group(1).lower()}{previous[said.end() :]}"
    for m in _set_apart(previous):
        if m.group(1) != found.group(1).lower():
            return f"{previous[: m.start(1)]}{found.group(1)}{previous[m.end(1) :]}"
    return None


# a question asking for a thing by what it is ("What's the name of the railway along the shore?", "What is
# the fish that people smoke?", "What telescope is replacing Hubble?"): the noun that says what it is
_THING_ASKED = re.compile(
    r"^(?:what|which)(?:'s|\s+(?:is|was|are|were))\s+the\s+(?:name\s+of\s+(?:the|a|an)\s+)?(?P<noun>[a-z]+)\s+(?:that|which|who|from|along|near)\b"
    r"|^(?:what|which)(?:'s|\s+(?:is|was))\s+the\s+name\s+of\s+(?:the|a|an)\s+(?P<named>[a-z]+)\b"
    r"|^(?:what|which)\s+(?P<kind>[a-z]+)\s+(?:is|was)\s+\w+ing\b"
)


_WHOSE = re.compile(r"^whose\s+([a-z]+)\b")


def _thing_answered(exchange: Exchange, lexicon: Lexicon) -> str | None:
    """What "it" is after a question that asked for a thing by what it is, when the answer names no entity
    the lexicon knows: the answer's name ending in that noun ("the Circum-Baikal Railway"), or the noun."""
    whose = _WHOSE.match(normalize(exchange.question))
    if whose and whose.group(1) not in STOPWORDS:  # "Whose article did she translate?": "it" next is "Owen Rhys's article"
        owned = re.search(rf"\b(?:[A-Z][\w\-]*\s+){{0,3}}[A-Z][\w\-]*(?:'s|\u2019s)\s+{whose.group(1)}\b", exchange.answer)
        if owned:
            return owned.group(0)
    found = _THING_ASKED.match(normalize(exchange.question))
    if not found:
        return None
    noun = found.group("noun") or found.group("named") or found.group("kind")
    if noun in GENERIC or noun in STOPWORDS or noun.endswith("s"):
        return None
    asked = {m.entity.name for m in lexicon.find(exchange.question)}
    if any(m.entity.name not in asked for m in lexicon.find(exchange.answer)):
        return None  # the answer names it: the entity found the usual way
    name = re.search(rf"\b(?:[A-Z][\w\-]*\s+){{1,4}}{re.escape(noun.capitalize())}\b", exchange.answer)
    return re.sub(r"^The\b", "the", name.group(0)) if name else f"the {noun}"


def _ends_phrase(rest: str) -> bool:
    """Whether "her" stands alone ("according to her, ...") rather than before a noun ("her company")."""
    following = words(rest)[:1]
    return not following or following[0] in STOPWORDS or bool(re.match(r"\s*[,.?!;:]", rest))


def _plural_topic(question: str, lexicon: Lexicon) -> str | None:
    """The plural noun a question was about, when it is no entity or kind of entity ("problems")."""
    inside = {w for m in lexicon.find(question) for w in words(normalize(question)[m.start : m.end])}
    kinds = set(lexicon.type_words())
    for w in reversed(words(question)):
        if (
            w.endswith("s")
            and not w.endswith(("ss", "us", "is"))
            and len(w) > 3
            and w not in STOPWORDS
            and w not in GENERIC
            and w not in inside
            and w not in kinds
        ):
            return w
    return None


def _owned_kind(question: str, owner: Entity | None, lexicon: Lexicon) -> str | None:
    """ "Eastbay's ships" when ``question`` asked about the ships (a kind of entity) of ``owner``."""
    if owner is None or not any(m.entity == owner for m in lexicon.find(question)):
        return None
    kinds = lexicon.type_words()
    for w in words(question):
        kind = kinds.get(w)
        if kind is not None and kind != owner.type and w != kind and w.endswith("s"):
            return f"{owner.name}'s {w}"
    return None


def _recent_entities(history: list[Exchange], lexicon: Lexicon) -> list[Entity]:
    """Entities of the conversation, most recent first: each turn's question, then its answer."""
    seen: list[Entity] = []
    for exchange in reversed(history):
        for text in (exchange.question, exchange.answer):
            for m in lexicon.find(text):
                if m.entity not in seen:
                    seen.append(m.entity)
    return seen


_WHICH_ONE = re.compile(r"^(?:which|what)\s+(\w+)\b")
_WHO_DID = re.compile(r"^who(?!(?:'s|\s+(?:is|was|are|were))\s+[a-z]+(?:\s+[a-z]+)?\W*$)\b")  # not "Who is Mara Olsen?"
# a question that singles one thing out: the answer names it, and "it" next is that thing
# ("What is the largest port?"), or asks its name ("What's the name of the railway along the shore?",
# "What's the fish that people smoke?", "What telescope is replacing Hubble?")
_SINGLED_OUT = re.compile(
    r"^(?:what|which)(?:'s|\s+(?:is|was|are|were))\s+the\s+(?:\w+est|most\s+\w+|first|last|main)\b|" + _THING_ASKED.pattern
)


def _recent(history: list[Exchange], lexicon: Lexicon, *, person: bool, pronoun: str | None = None) -> Entity | None:
    """The entity the conversation spoke of last: a person or a thing (a person the articles call ``pronoun``
    or of whom they do not say, when it is given)."""
    for exchange in reversed(history):
        asked = [m.entity for m in lexicon.find(exchange.question)]
        answered = [m.entity for m in lexicon.find(exchange.answer)]
        which = _WHICH_ONE.match(normalize(exchange.question))
        if which and which.group(1) in lexicon.types:  # "Which city leads?" then "it": the city answered, not the list
            asked = [e for e in answered if e.type == which.group(1)][:1] + asked
        elif which and not person and _a_thing(which.group(1)):
            # "Which bakery came first?" then "it": the one answered, whatever kind the lexicon took its name for
            place = stem(which.group(1)) in {stem(t) for t in PLACE_TYPES}  # "Which bakery ...?" is answered by no country
            thing = next((e for e in answered if e not in asked and (place or e.type not in PLACE_TYPES)), None)
            if thing is not None:
                return thing
        elif person and _WHO_DID.match(normalize(exchange.question)) and not _who_is(exchange.question, asked):
            # "Who took over after Wallace resigned?" then "he": the one who took over, whom the answer names
            # (a word of a name the question gives is no new one's: "Who was Ada Lind's husband?" is answered by
            # "Karl Lind", whose surname she shares)
            said = set(words(exchange.question)) - {w for e in asked for w in words(e.name)}
            new = [e for e in answered if e not in asked and e.type == "person" and not said & set(words(e.name))]
            asked = new[:1] + asked
        elif _SINGLED_OUT.match(normalize(exchange.question)):  # "What is the largest port in Norland?" then "it": the port
            thing = _singled_out(exchange.answer, [e for e in answered if e not in asked and e.type != "value"], lexicon)
            if thing is not None and not person:
                return thing  # what the question asked for is a thing, whatever kind the lexicon took its name for
            asked = [thing, *asked] if thing is not None else asked
        fitting = [
            entity
            for entity in [*asked, *answered]
            # a one-word name of no known kind the user just gave ("How old was Ada?") may be who "she" is
            if (entity.type == "person" or (person and entity.type == "entity" and entity in asked and " " not in entity.name)) == person
            and (pronoun is None or entity.pronoun in (None, pronoun))
        ]
        # one the articles call ``pronoun`` first: "What did he show her?" after "Ada ... Charles Babbage": he is Babbage
        found = next((e for e in fitting if pronoun is not None and e.pronoun == pronoun), None) or next(iter(fitting), None)
        if found is not None:
            return found
    return None


def _a_thing(noun: str) -> bool:
    """Whether the noun of "which <noun>" names a kind of thing, not a time or a word of the question."""
    return noun not in STOPWORDS and noun not in QUESTION_WORDS and noun not in _WHEN_WORDS and noun not in GENERIC


def _who_is(question: str, asked: list[Entity]) -> bool:
    """Whether ``question`` asks who someone it names is ("Who was Ivo Lund?"), not who did something."""
    rest = re.sub(r"^\W*who(?:'s|\s+(?:is|was|are|were))\s+", "", normalize(question)).strip(" ?.!")
    return any(normalize(e.name) == rest for e in asked)


def _singled_out(answer: str, candidates: list[Entity], lexicon: Lexicon) -> Entity | None:
    """Of the entities an answer names, the one it calls the largest, the most, the first ("exports accounted for
    96%, with Eastbay the single largest market"): the one nearest a superlative; else the first."""
    norm = normalize(answer)
    extremes = [m.start() for m in re.finditer(r"[a-z]+", norm) if stem(m.group(0)) in SUPERLATIVE_MAX | SUPERLATIVE_MIN]
    if not candidates or not extremes:
        return candidates[0] if candidates else None
    where: dict[str, int] = {}
    for m in lexicon.find(answer):
        distance = min(abs(m.start - at) for at in extremes)
        where[m.entity.name] = min(distance, where.get(m.entity.name, distance))
    return min(candidates, key=lambda e: where.get(e.name, len(norm)))


def _recent_of_type(history: list[Exchange], lexicon: Lexicon, kind: str) -> Entity | None:
    for entity in _recent_entities(history, lexicon):
        if entity.type == kind:
            return entity
    return None


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
