"""Places in a ranking, as questions ask them and sentences state them: "third place", "came first",
"number one", "top spot", "the runner-up", "ranks fourth among all cities".

A question that asks who holds a place ("Which bakery is number one?", "Which bakery finished as
runner-up?") is answered by a sentence that states that place ("Top spot went to ...", "Second place went
to ..."), never by one that states another ("Harrow Mills finished first" does not say who came third).
"""

from __future__ import annotations

import re

from assistant.numbers import CARDINALS, ORDINALS

_ORDINAL = rf"(?:{'|'.join(ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))"
_CARDINAL = rf"(?:{'|'.join(w for w, v in CARDINALS.items() if 1 <= v <= 20 and w != 'dozen')}|\d{{1,3}})"
_LIST = r"(?:list|ranking|rankings|table|league|chart|charts|standings|poll|leaderboard|index)"

# each pattern's first group is the place, as an ordinal or a cardinal
_STATED = [
    re.compile(rf"\b({_ORDINAL})[- ](?:place|position|spot|slot)\b", re.I),  # "third place", "the 2nd spot"
    re.compile(rf"\b({_ORDINAL})[- ](?:ranked|placed)\b", re.I),  # "the second-ranked city"
    # "came third", "finished first", "ranks fourth among", "was ranked second", "placed joint fifth"
    re.compile(
        rf"\b(?:came|comes|come|coming|finish(?:ed|es|ing)?|end(?:ed|s|ing)?(?: up)?|placed|ranks?|ranked|ranking)"
        rf"\s+(?:in\s+|as\s+|at\s+)?(?:joint\s+|equal\s+)?({_ORDINAL})\b(?![- ](?:time|half|quarter|day|week|year|month))",
        re.I,
    ),
    re.compile(rf"\b(?:number|No\.)\s?({_CARDINAL})\b(?![- ](?:of\b|percent|%))", re.I),  # "number one", "No. 3"
    re.compile(rf"(?<![\w&])#({_CARDINAL})\b"),  # "#1"
]
# the places a ranking goes on to with only the ordinal: "with Vienna third and Innsbruck fourth"
_ELLIPTIC = re.compile(
    rf"\b(?:with|and)\s+(?:the\s+)?(?!(?:the|a|an|its|their|his|her)\b)(?:[A-Za-z][\w'-]*\s+){{1,3}}?({_ORDINAL})(?=\s*(?:[,.;]|\band\b|$))",
    re.I,
)
# the first place said in words: "top spot went to", "at the top of the ranking", "topped the list", "the winner"
_FIRST = re.compile(
    rf"\b(?:top (?:spot|place|position|slot)|at the top of|(?:topped|tops|topping|heads|headed|leads|led) (?:the|this|that|its|their) "
    rf"(?:\w+ )?{_LIST}|(?:topped|headed|led) by\b|(?:leads|led|tops|topped) with\b|(?:the|this year's|last year's|its|overall) winner\b)",
    re.I,
)
_SECOND = re.compile(r"\brunners?[- ]up\b", re.I)
# asked, not stated: "the top-ranked bakery", "the first-ranked city"
_FIRST_ASKED = re.compile(r"\b(?:top|first)[- ]ranked\b|\b(?:the|a) winner\b|(?<!-)\bwinning\b")
# "winning" as a verb or an adjective of something other than a place: "winning the Nobel Prize", "a winning streak"
_NOT_A_PLACE = re.compile(
    r"\bwinning (?:the|a|an|her|his|its|their|streak|goal|run|bid|design|entry|shot|margin|time|score|points|total|tally|share|ticket)\b",
    re.I,
)
# "Which came first, the Monument or St Paul's?": which of two was earlier, not who holds a place
_TWO_SIDES = re.compile(r"\b(?:came|come|comes|finished|happened|was|were)\s+first\b.*\bor\b|\bor\b.*\b(?:came|come|comes)\s+first\b")


def _value(word: str) -> int | None:
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    if word in CARDINALS:
        return int(CARDINALS[word])
    digits = re.match(r"\d+", word)
    return int(digits.group(0)) if digits else None


def stated_places(text: str) -> set[int]:
    """The places in a ranking ``text`` states as held: {2} for "Second place went to Brook & Sons, which had
    topped the list in 2025" (a place held before, "had topped", "climbed from fifth place", is not)."""
    out = {v for pattern in _STATED for m in pattern.finditer(text) if not _former(text, m.start()) and (v := _value(m.group(1)))}
    if out:  # a ranking goes on in few words: "Graz kept second place, with Vienna third and Innsbruck fourth"
        out |= {v for m in _ELLIPTIC.finditer(text) if (v := _value(m.group(1)))}
    text = _NOT_A_PLACE.sub(" ", text)
    if any(not _former(text, m.start()) for m in _FIRST.finditer(text)):
        out.add(1)
    if any(not _former(text, m.start()) for m in _SECOND.finditer(text)):
        out.add(2)
    return out


def _former(text: str, start: int) -> bool:
    """Whether the place stated at ``start`` was held before: "had topped", "climbed from fifth place"."""
    return re.search(r"\b(?:had(?: been)?|from|previously|formerly)\s+(?:\w+\s+)?$", text[max(0, start - 30) : start], re.I) is not None


def asked_place(question: str) -> int | None:
    """The place in a ranking a question asks who holds: 1 for "Which bakery is number one?" and "Who founded
    the top-ranked bakery?", 3 for "Which company finished in third place?"; None when it asks none (or
    asks which place something took: "What place did Rovers finish in?")."""
    if _TWO_SIDES.search(question):
        return None
    places = stated_places(question)
    if _FIRST_ASKED.search(_NOT_A_PLACE.sub(" ", question)):
        places.add(1)
    return places.pop() if len(places) == 1 else None


def without_places(text: str) -> str:
    """``text`` with the places in a ranking it gives blanked out: "how many shops does the top-ranked firm run?"
    asks a count of one firm, not the most shops."""
    for pattern in (*_STATED, _FIRST, _SECOND, _FIRST_ASKED):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text
