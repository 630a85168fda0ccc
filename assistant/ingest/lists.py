"""Figures written as a list under a sentence that says what they are:

    The overnight stays by town were:
    - Castelmare: 1,380,000 (+4%)
    - Police: $412 million (27.1%)
    1. Harbour City FC – 44 points (won 14, drawn 2, lost 2; goals 41–15)

Each item gives its label's value of the list's metric; what the item adds in brackets gives more: a
signed percentage is its change in that metric, a plain one the label's share of it, "won 14" a count of
its own. The line is read with a pattern, not the parser: a line of a list is not a sentence.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.ingest.english import LIST_NOUNS
from assistant.ingest.phrases import Context, phrase, singular_kind
from assistant.ingest.rules import Draft

ITEM = re.compile(
    r"^\s*(?:[\u2022\-*\u00b7]|\d{1,2}[.)])?\s*"
    r"(?P<label>[A-Z][\w\-'\u2019&.]*(?:\s+[\w\-'\u2019&.]+){0,7}?)(?:\s*\([^()]{1,30}\))?\s*(?:\u2014|\u2013|:|\s-{1,2})\s*"
    r"(?P<money>(?:[A-Z]{1,3})?[$\u20ac\u00a3\u00a5])?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<scale>thousand|million|billion|trillion)?\s*(?P<pct>%|per\s?cent\b)?"
    r"(?:\s*(?P<unit>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}))?"
    r"\s*(?:\((?P<extra>[^()]*)\))?\s*[;,.]?\s*$"
)
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s")
_CHANGE = re.compile(r"^\s*([+\-\u2212])\s*(\d+(?:\.\d+)?)\s*%\s*$")
_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_COUNT = re.compile(r"^\s*([a-z]+)\s+(\d+)\s*$")


def introduction(text: str, at: int) -> str:
    """The line that introduces the list whose item stands at offset ``at`` of ``text`` ("The largest groups in
    her collection were:"), or "" when that is no item of a list."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    if not ITEM.match(text[start : end if end >= 0 else None]):
        return ""
    while start > 0:
        before = text.rfind("\n", 0, start - 1) + 1
        line = text[before : start - 1].strip()
        if line.endswith(":"):
            return line
        if line and not ITEM.match(line):
            return ""
        start = before
    return ""


def list_item(doc: Any, ctx: Context, base: int) -> list[Draft]:
    """The facts one list item states, under the sentence that introduced the list (``ctx.intro``)."""
    match = ITEM.match(doc.text)
    if not match or (ctx.intro is None and not match.group("unit")):
        return []
    label = match.group("label").strip()
    value = float(match.group("num").replace(",", ""))
    whole, kind = _intro(ctx.intro)
    unit_words = match.group("unit")
    if match.group("pct"):
        metric, unit = (f"share of {whole}" if whole else "share"), "%"
    elif unit_words:
        metric = unit_words.lower()  # "Madrid: 46 companies"
        unit = " ".join(filter(None, [match.group("scale"), metric]))
        if metric.split()[-1] in _UNITS and (measured := _measured_with(ctx.intro) or whole):
            metric = measured  # "The buildings, with their floor areas, were: Baths: 3,200 square metres": floor area
        head = _subject_head(ctx.intro)
        if whole and kind is None and head and _names_items(ctx.intro) and singular_kind(head) not in LIST_NOUNS:
            kind = singular_kind(head)  # "The top eight locations are:", "The largest groups in her collection were:"
    elif whole:
        metric, unit = whole, match.group("scale")
        head, measured = _subject_head(ctx.intro), _of_subject(ctx.intro)
        if kind is None and head and measured and _names_items(ctx.intro) and singular_kind(head) not in LIST_NOUNS:
            # "The main sources of income were: Ticket sales: $8.9 million": income, by source
            metric, kind = measured, singular_kind(head)
    else:
        return []
    subject_type = kind or ctx.kind(label, "entity")
    if kind:
        ctx.learn_kind(label, kind)
    line = (base + match.start("label"), base + len(doc.text.rstrip(" ;,.")))
    drafts = [Draft(label, subject_type, metric, value, unit, None, None, set(), "list", span=line)]
    numbered = _NUMBERED.match(ctx.text[base : base + len(doc.text)])
    if numbered and ctx.intro is not None and any(singular_kind(t.lower_) in LIST_NOUNS for t in ctx.intro):
        # "The final standings were: 1. Harbour City FC - 44 points": the number is its place
        place = (base + numbered.start(1), line[1])
        drafts.append(Draft(label, subject_type, "rank", float(numbered.group(1)), None, None, None, set(), "list", span=place))
    for part in re.split(r"[;,]", match.group("extra") or ""):
        if found := _CHANGE.match(part):
            change = "rise" if found.group(1) == "+" else "reduction"  # the convention of the sentence rules: a size, not a sign
            drafts.append(
                Draft(label, subject_type, f"{change} in {metric}", float(found.group(2)), "%", None, None, set(), "list", span=line)
            )
        elif (found := _SHARE.match(part)) and unit != "%":
            drafts.append(
                Draft(label, subject_type, f"share of {metric}", float(found.group(1)), "%", None, None, set(), "list", span=line)
            )
        elif found := _COUNT.match(part):
            drafts.append(Draft(label, subject_type, found.group(1), float(found.group(2)), None, None, None, set(), "list", span=line))
    return drafts


# what gives figures rather than being measured by them: "The report breaks down ..."
_DOCUMENTS = frozenset("report study survey table chart data breakdown analysis document paper review census".split())


_SHARES = frozenset("share proportion percentage part portion".split())


def _intro(intro: Any) -> tuple[str | None, str | None]:
    """What the list measures and what kind its labels are, from the sentence that introduces it:
    "The overnight stays by town were:" -> ("overnight stays", "town");
    "The operating budget is divided among the departments as follows:" -> ("operating budget", "department")."""
    if intro is None:
        return None, None
    root = next((t for t in intro if t.dep_ == "ROOT"), None)
    if root is None:
        return None, None
    whole = _subject(intro)
    if whole is None and root.pos_ == "NOUN":
        whole = root  # "Clinics by province:"
    measured = next((c for c in root.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.tag_ != "NNS"), None)
    if measured is not None and (whole is None or whole.lemma_.lower() in _DOCUMENTS):
        whole = measured  # "The report breaks down installed capacity by segment as follows:": the capacity is shared out
    parts = next(
        (
            t
            for t in intro
            if t.pos_ == "NOUN"
            and t.tag_ == "NNS"
            and ((t.dep_ == "dobj" and t.head.i == root.i) or (t.dep_ == "pobj" and t.head.head.i == root.i and t.head.lower_ != "with"))
        ),
        None,
    )
    kind = singular_kind(parts.lemma_) if parts is not None else None
    by = next(
        (c for c in (*(whole.children if whole is not None else ()), *root.children) if c.dep_ == "prep" and c.lower_ in ("by", "per")),
        None,
    )
    per = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if per is not None:
        kind = singular_kind(per.lemma_)
    if kind is None and whole is not None:  # "Visitor numbers for the year's four exhibitions were:": exhibitions
        kind = next(
            (
                singular_kind(g.lemma_)
                for c in whole.children
                if c.dep_ == "prep" and c.lower_ in ("for", "across", "among", "at")
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ == "NOUN" and g.tag_ == "NNS"
            ),
            None,
        )
    each = next((t.head for t in intro if t.lower_ in ("each", "every") and t.dep_ == "det" and t.head.pos_ == "NOUN"), None)
    if kind is None and each is not None:
        kind = singular_kind(each.lemma_)  # "The share of each grape in the harvest was as follows:" labels grapes
        if whole is not None and whole.lemma_.lower() in _SHARES:
            # what is shared out is the harvest, not the share
            whole = next((g for c in whole.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj" and g.i != each.i), whole)
    name = phrase(whole) if whole is not None else ""
    return (re.sub(r"^\W+", "", name).lower() or None), kind


def _subject(intro: Any) -> Any:
    """The noun the introducing sentence is about, its subject ("groups" of "The largest groups in her collection
    were:"), or None."""
    root = next((t for t in intro if t.dep_ == "ROOT"), None) if intro is not None else None
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None) if root else None


def _subject_head(intro: Any) -> str | None:
    """The lemma of the introducing sentence's subject noun."""
    subject = _subject(intro)
    return subject.lemma_.lower() if subject is not None else None


# units of measure a list's figures may be written in: what they measure is named by the list's introduction
_UNITS = frozenset(
    "metres meters kilometres kilometers miles feet square hectares acres tonnes tons kilograms litres liters "
    "centimetres millimetres inches yards".split()
)


def _measured_with(intro: Any) -> str | None:
    """What "with their X" in the introducing sentence measures ("gross floor areas" of "The buildings, with
    their gross floor areas, were:"), in the singular."""
    for token in intro if intro is not None else ():
        if token.lower_ == "with" and token.dep_ == "prep":
            noun = next((g for g in token.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if noun is not None and any(c.dep_ == "poss" for c in noun.children):
                return re.sub(r"^(?:their|its|his|her)\s+", "", phrase(noun).lower()).removesuffix("s")
    return None


def _of_subject(intro: Any) -> str | None:
    """What the introducing sentence's subject is of ("income" of "The main sources of income were:")."""
    subject = _subject(intro)
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None) if subject is not None else None
    measured = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None) if of is not None else None
    return phrase(measured).lower() if measured is not None else None


def _names_items(intro: Any) -> bool:
    """ "The top eight locations are:": the subject of a bare "are" is what the list's labels are."""
    root = next((t for t in intro if t.dep_ == "ROOT"), None)
    return root is not None and root.lemma_ == "be" and not any(c.dep_ in ("attr", "acomp", "xcomp", "prep") for c in root.children)
