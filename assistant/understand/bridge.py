"""A question that names what it asks about by what that thing did ("Who leads the guild that printed the
almanac?"): it is answered in two steps, first which thing that is ("Which guild printed the almanac?"),
then the question about the thing by its name ("Who leads the Varn Printers' Guild?")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import normalize, stem, words
from assistant.understand.lexicon import Lexicon

# "who <verb> the <noun phrase> that|which|who <what it did>": the noun phrase holds neither "the" nor "of",
# so "Who is the president of the body that ..." asks "is the president of" the body
_BRIDGED = re.compile(
    r"^\W*who\s+(?P<verb>(?:[\w'\-]+\s+){1,4}?)"
    r"the\s+(?P<noun>(?:(?!(?:the|of|that|which|who)\b)[\w'\-]+\s+){0,3}(?!(?:the|of|that|which|who)\b)[\w'\-]+)"
    r"\s+(?:that|which|who)\s+(?P<did>[^?]+?)\W*$",
    re.IGNORECASE,
)
# what the thing is named by cannot be a time ("the year that ...") or a way ("the way that ...")
_NOT_A_THING = frozenset("year years time day month week way reason moment place period".split())
_BEING = frozenset({"is", "was", "are", "were"})
_NO_BRIDGE = frozenset({"work", "value", "date"})  # a study's title, a figure: not what the thing is called


@dataclass(frozen=True)
class Bridge:
    """The two steps of a bridged question."""

    inner: str  # "Which guild printed the almanac?"
    verb: str  # "leads"
    noun: str  # "guild"

    def outer(self, name: str) -> str:
        """The question about the thing, by its name."""
        return f"Who {self.verb} {name}?"


def bridged(question: str) -> Bridge | None:
    """The two steps of ``question``, or None when it names nothing by what it did."""
    found = _BRIDGED.match(question.strip())
    if found is None:
        return None
    noun, verb = found.group("noun").strip(), found.group("verb").strip()
    if words(noun)[-1] in _NOT_A_THING or verb.lower() in _BEING:
        return None  # "Who was the mayor that ...?" asks who the mayor is, in one step
    return Bridge(f"Which {noun} {found.group('did').strip()}?", verb, noun)


def named(bridge: Bridge, quote: str, lexicon: Lexicon) -> str | None:
    """The name the answer to the first step gives: an entity of the kind its noun names ("a guild"), or
    whose name ends in that noun; else the first entity it names that the first step did not."""
    asked, said = normalize(bridge.inner), normalize(quote)
    head = stem(words(bridge.noun)[-1])
    fitting, others = [], []
    for m in lexicon.find(quote):
        written = said[m.start : m.end]
        if written in asked or normalize(m.entity.name) in asked:
            continue
        if head in {stem(w) for w in words(m.entity.type)} or stem(words(written)[-1]) == head:
            # as the answer writes it: "the Varn Ferry Association", not its acronym
            fitting.append(_as_written(quote, written) or m.entity.name)
        elif m.entity.type not in _NO_BRIDGE:
            others.append(m.entity.name)
    chosen = (fitting or others)[:1]
    return chosen[0] if chosen else None


def _as_written(text: str, name: str) -> str | None:
    found = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, words(name))) + r"(?!\w)", text, re.IGNORECASE)
    return found.group(0) if found else None
