"""Figures stated by one parsed sentence: counts, amounts, percentages and changes.

Each rule reads spaCy's dependency parse the way a reader reads the sentence: a figure quantifies a noun
("11 selected companies"), the noun's place in the clause says whose figure it is ("X, with ...",
"X has ...", "the number of ... in X reached ...") and what is measured (the noun with its modifiers, the
verb of an action: "jobs added", a target: "communities to establish"). A figure whose owner the
sentence does not name belongs to the sentence's label ("Healthcare: ...") or to the article's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.ingest.english import (
    CURRENCIES,
    DIMENSIONS,
    FALL_VERBS,
    FORECAST_VERBS,
    HAVING_VERBS,
    KIND_SYNONYMS,
    MEASURE_NOUNS,
    QUALIFIER_RE,
    QUALIFIERS,
    REACHING_VERBS,
    RISE_VERBS,
    SHARE_NOUNS,
    TARGET_VERBS,
    THRESHOLD_VERBS,
    plural,
)
from assistant.ingest.phrases import Context, group_subject, participle, phrase, subject_of
from assistant.numbers import CARDINALS, SCALES

_NUMERIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_LABELLED = re.compile(r"^\s*([A-Z][\w\-]*(?:\s+[\w\-]+){0,3})\s*:\s+\S")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
OWNED_LABELS = {"ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC", "PERSON", "GPE", "LOC"}
AMOUNT_LABELS = {"MONEY", "QUANTITY"}
_MONEY_SIGN = re.compile(r"(?:[$\u20ac\u00a3\u00a5\u20b9]|\bRs\.?|\b(?:INR|USD|EUR|GBP))\s*$")  # a currency written before a figure
SHARE_VERBS = {"account", "make", "represent", "take", "hold", "constitute", "comprise"}
# "among the 11 selected companies": a figure the sentence refers back to, not one it states
_ANAPHORIC = {"the", "these", "those", "its", "their", "his", "her"}


@dataclass
class Draft:
    """A fact read from a sentence, before the article-level checks."""

    subject: str
    subject_type: str
    metric: str
    value: float | str
    unit: str | None = None
    qualifier: str | None = None
    as_of: str | None = None
    tokens: set[int] = field(default_factory=set)  # token indices of the sentence that state it
    kind: str = "figure"  # figure, share, rank, date, relation, list
    at: int = -1  # the token that states the value
    span: tuple[int, int] | None = None  # offsets in the article, for a fact stated across two sentences


def number_value(token: Any) -> float | None:
    if _NUMERIC.match(token.text):
        return float(token.text.replace(",", ""))
    return float(CARDINALS[token.lower_]) if token.lower_ in CARDINALS and token.lower_ != "one" else None


def figures(doc: Any, ctx: Context, label: str | None) -> list[Draft]:
    """Every figure of one parsed sentence, with whose it is and what it measures."""
    out: list[Draft] = []
    used: set[int] = set()
    for token in doc:
        if token.i in used or number_value(token) is None or _skip_number(token, doc):
            continue
        found = _figure(token, doc, ctx, label, used)
        for draft in found:
            if draft.metric in ("rise", "reduction") and out and draft.unit == "%":
                draft.metric = f"{draft.metric} in {out[-1].metric}"  # "handled 18 million tonnes of cargo, up 7%"
                draft.subject, draft.subject_type = out[-1].subject, out[-1].subject_type
        out.extend(found)
    return out


def label_of(doc: Any) -> str | None:
    """ "Healthcare: Agent-assisted systems now cover ...": the label a list item is about."""
    match = _LABELLED.match(doc.text)
    if not match or len(match.group(1).split()) > 3:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc if t.idx < match.end(1)):
        return None  # "Helios operates three plants: ..." is a sentence, not a label
    return match.group(1)


def _absolute(verb: Any, tokens: set[int]) -> bool:
    """Whether the figure is the subject of a clause opened by "with" that hangs on the sentence's verb."""
    return (
        verb.dep_ == "advcl"
        and verb.head.i != verb.i
        and any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i in tokens for c in verb.children)
    )


def _skip_number(token: Any, doc: Any) -> bool:
    """Years, parts of names ("Top 50"), list numbering and ranges are not figures."""
    if token.ent_type_ in ("DATE", "TIME", "ORDINAL") or token.ent_type_ in OWNED_LABELS or _YEAR.match(token.text):
        return True
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    prev = doc[token.i - 1] if token.i > 0 else None
    if (
        prev is not None
        and prev.text == "("
        and nxt is not None
        and (nxt.text == ")" or (nxt.text == "%" and token.i + 2 < len(doc) and doc[token.i + 2].text == ")"))
    ):
        return True  # "Eastbay (3)", "the Wallen Foundation (24%)": a listed figure, read as a table
    if nxt is not None and nxt.text in (".", ")") and (prev is None or not prev.text.strip()):
        return True  # "1." numbering a list item
    return nxt is not None and nxt.text in ("-", "\u2013") and token.i + 2 < len(doc) and number_value(doc[token.i + 2]) is not None


def _figure(num: Any, doc: Any, ctx: Context, label: str | None, used: set[int]) -> list[Draft]:
    value = number_value(num)
    tokens = {num.i}
    quantity, scale = num, None
    while quantity.head.i != quantity.i and quantity.dep_ in ("compound", "nummod", "quantmod") and quantity.head.lower_ in SCALES:
        quantity = quantity.head
        scale = quantity.lower_
    if scale is None and num.i + 1 < len(doc) and doc[num.i + 1].lower_ in SCALES:
        quantity, scale = doc[num.i + 1], doc[num.i + 1].lower_
    tokens.add(quantity.i)
    used.update(tokens)
    qualifier = _qualifier(doc, num)
    start = num.i - 1
    while start > 0 and (doc[start].lower_ in QUALIFIERS or _MONEY_SIGN.fullmatch(doc[start].text)):
        start -= 1  # (past "about" and past the "$" of "up from $33 million")
    before = start - 1 if start > 0 and doc[start].lower_ in ("the", "a", "an") else start
    if before >= 0 and doc[before].lower_ == "than" and qualifier is None:  # (not "more than 400")
        return []  # "3% larger than the $2.5 billion budget of this year": another's figure, compared with
    if start >= 0 and doc[start].lower_ == "from" and num.i - start <= 3:
        return []  # "up from 1.2 million dollars", "from 81%": an earlier value, not the one stated
    if start >= 0 and (doc[start].lower_ in ("against", "versus", "vs") or (start > 0 and doc[start - 1].lower_ == "compared")):
        return []  # "78%, against 22% in Portugal", "compared with 163": another's figure or an earlier one
    if start >= 0 and doc[start].lower_ in ("remaining", "rest"):
        return []  # "with the remaining 4% spread across ...": what is left of a whole, no one's own figure
    amount = next((e for e in doc.ents if e.label_ in AMOUNT_LABELS and e.start <= num.i < e.end), None)
    percent = quantity.i + 1 < len(doc) and doc[quantity.i + 1].text in ("%", "percent")

    if percent and (listed := _listed_share(quantity, start, doc, ctx, qualifier)) is not None:
        used.update(listed.tokens)
        return [listed]
    if percent:
        anchor = doc[quantity.i + 1]
        tokens.add(anchor.i)
        metric, owner, verb, extra = _share(anchor)
        unit = "%"
    elif amount is not None and any(t.pos_ in ("NOUN", "PROPN") and t.i > quantity.i for t in amount):
        unit = doc[quantity.i + (0 if scale else 1) : amount.end].text
        tokens.update(range(num.i, amount.end))
        metric, owner, verb, extra = _amount(amount, doc)
    elif amount is not None and any(t.i < num.i and _MONEY_SIGN.fullmatch(t.text) for t in amount):
        unit = scale or ""  # "£12.5 million": by the million, the currency written before it (as a list item's is)
        tokens.update(range(amount.start, amount.end))
        metric, owner, verb, extra = _amount(amount, doc)
    elif quantity.head.lower_ in CURRENCIES and quantity.head.i > quantity.i:
        money = doc[quantity.i : quantity.head.i + 1]  # "2.4 billion euros" the recogniser did not mark
        unit = doc[quantity.i + (0 if scale else 1) : money.end].text
        tokens.update(range(num.i, money.end))
        metric, owner, verb, extra = _amount(money, doc)
    else:
        noun = quantity.head if quantity.dep_ in ("nummod", "amod", "compound") and quantity.head.i > quantity.i else None
        if noun is not None and noun.pos_ == "NOUN" and _MONEY_SIGN.search(doc.text[max(0, num.idx - 6) : num.idx]):
            return []  # "US$18,000 ..., a sum many businesses cannot finance": a sum of money counts no businesses
        if noun is not None and noun.pos_ == "NOUN":
            if any(c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC for c in noun.children):
                return []
            if noun.dep_ in ("nsubj", "nsubjpass") and any(c.pos_ == "PROPN" and c.dep_ in ("compound", "nmod") for c in noun.lefts):
                return []  # "two Eastbay shipyards play ...": whose count it is stays unclear
            if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to", "from", "than"):
                return []  # "cells for 400,000 vehicles": what it is for, not what anyone has
            if _margin(noun):
                return []  # "won the title by four points", "four points ahead of X": a difference, not a total
            counted = value != 1
            unit = (f"{scale} " if scale else "") + (
                plural(noun.lemma_.lower()) if counted and not scale and noun.tag_ == "NN" else noun.lower_
            )
            if noun.i >= 2 and doc[noun.i - 1].text == "-":
                unit = (f"{scale} " if scale else "") + doc[noun.i - 2 : noun.i + 1].text.lower()  # "gigawatt-hours"
            tokens.add(noun.i)
            first = noun
            while first.dep_ == "conj" and first.head.i < first.i:
                first = first.head  # "a target of 250 clinics and 1,100 nursing posts"
            if (
                first.dep_ == "pobj"
                and first.head.lower_ == "of"
                and first.head.head.lemma_.lower() in ("target", "goal", "aim", "objective")
            ):
                tokens |= {first.head.head.i}
                metric, owner, verb, extra = f"{phrase(noun, counted=counted)} target", None, _verb_of(first.head.head), {}
            elif (
                noun.dep_ == "pobj"
                and noun.head.lower_ == "of"
                and noun.head.head.lemma_.lower() in MEASURE_NOUNS
                and noun.head.head.i < noun.i
                and counted
            ):
                # "A total of 249 goals were scored": what is counted, as the clause counts it ("goals scored")
                measure = noun.head.head
                verb = _verb_of(measure)
                plain = verb is None or verb.lemma_.lower() in HAVING_VERBS | REACHING_VERBS
                tokens |= {measure.i, noun.head.i}
                metric, owner, extra = phrase(noun, counted=True) + ("" if plain else f" {participle(verb)}"), None, {}
            elif (
                noun.dep_ == "pobj"
                and noun.head.lower_ == "of"
                and noun.head.head.pos_ == "NOUN"
                and noun.head.head.i < noun.i
                and noun.head.head.lemma_.lower() not in KIND_SYNONYMS  # "a site of 40 beds" counts beds
            ):
                measure = noun.head.head  # "a population of 1.3 million people"
                tokens |= {measure.i, noun.head.i}
                metric, owner, verb, extra = phrase(measure), measure, _verb_of(measure), {}
            else:
                metric, owner, verb, extra = _count(noun, counted=counted)
        elif noun is None and _partitive(quantity) is not None:
            whole = _partitive(quantity)  # "only 640 of the 900 planned nursing posts were filled"
            verb = _verb_of(quantity)
            tail = f" {participle(verb)}" if verb is not None and verb.lemma_.lower() not in HAVING_VERBS else ""
            metric, owner, extra = phrase(whole, counted=True) + tail, None, {"tokens": {whole.i, *(t.i for t in whole.lefts)}}
            unit = plural(whole.lemma_.lower())
        elif noun is None:
            metric, owner, verb, extra = _bare(quantity)
            unit = extra.get("unit", scale)
        else:
            return []
    if not metric:
        return []
    tokens |= extra.get("tokens", set())
    if verb is not None:
        tokens.add(verb.i)
        if not qualifier and verb.lemma_.lower() in THRESHOLD_VERBS:
            qualifier = THRESHOLD_VERBS[verb.lemma_.lower()]
    if verb is not None and _absolute(verb, tokens):
        verb = verb.head  # "X remained the largest, with 24% of all stays, followed by Y": the 24% is X's
    owners = subject_of(owner, verb, doc, ctx) or _fallback(doc, ctx, label, verb, tokens, share=percent)
    return [
        Draft(subject, stype, metric, value, unit, qualifier, None, tokens | subject_tokens, "share" if percent else "figure", num.i)
        for subject, stype, subject_tokens in owners
        if subject.lower() != metric.lower()
    ]


def _margin(noun: Any) -> bool:
    """Whether the counted noun is a margin: "by four points" after a verb other than a rise or a fall,
    "four points ahead of" / "behind" / "clear of", "11 points better than"."""
    doc = noun.doc
    after = doc[noun.i + 1].lower_ if noun.i + 1 < len(doc) else ""
    if after in ("ahead", "behind", "clear", "short", "better", "worse", "more", "fewer", "less", "higher", "lower"):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "by":
        verb = _verb_of(head)
        return verb is None or verb.lemma_.lower() not in RISE_VERBS | FALL_VERBS
    return False


def _partitive(quantity: Any) -> Any | None:
    """ "640 of the 900 posts": the whole a part is counted out of."""
    of = next((c for c in quantity.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of is not None else None
    if whole is not None and any(number_value(c) is not None for c in whole.children):
        return whole
    return None


def _qualifier(doc: Any, num: Any) -> str | None:
    before = doc[max(0, num.i - 4) : num.i].text
    match = QUALIFIER_RE.search(" " + before)
    if match and match.group(1).lower() != "some":
        return QUALIFIERS[match.group(1).lower()]
    return None


def _verb_of(node: Any) -> Any | None:
    """The verb whose clause states a figure: the head verb, through prepositions and conjuncts."""
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return head if head.tag_.startswith("VB") else None
        if head.tag_.startswith("VB") and head.pos_ in ("VERB", "AUX"):
            return head
        node = head
    return None


def _count(noun: Any, *, counted: bool) -> tuple[str | None, Any, Any, dict]:
    """ "11 selected companies" -> "companies selected"; "add 2 million jobs" -> "jobs added"."""
    base = phrase(noun, counted=counted)
    extra = {"tokens": {noun.i} | {t.i for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod")}}
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        extra["tokens"].add(noun.head.i)
        return base, noun.head.head, None, extra  # "Eastbay, with 11 registered shipyards, ..."
    verb = _verb_of(noun)
    if verb is not None and noun.dep_ == "nsubjpass" and noun.head.i == verb.i and verb.lemma_.lower() not in HAVING_VERBS:
        return f"{base} {participle(verb)}", None, verb, extra  # "Three routes were withdrawn": routes withdrawn
    if verb is None or (noun.dep_ in ("nsubj", "nsubjpass", "conj") and noun.head.i == verb.i):
        return base, None, verb, extra
    lemma = verb.lemma_.lower()
    if lemma in HAVING_VERBS or noun.dep_ == "pobj" or noun.head.lemma_.lower() in SHARE_NOUNS:
        return base, None, verb, extra
    governor = verb.head if verb.dep_ in ("xcomp", "advcl", "acl", "ccomp") else None
    if verb.dep_ == "conj":
        governor = verb.head.head if verb.head.dep_ in ("xcomp", "advcl", "acl") else None
    gl = governor.lemma_.lower() if governor is not None else ""
    if gl in TARGET_VERBS or (gl and gl not in FORECAST_VERBS and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return f"{base} to {lemma}", None, verb, extra
    return f"{base} {participle(verb)}", None, verb, extra


def _amount(amount: Any, doc: Any) -> tuple[str | None, Any, Any, dict]:
    """ "the port's annual turnover exceeding 3.4 billion euros" -> "annual turnover";
    "(roughly 3.7 billion US dollars)" beside it -> "annual turnover in US dollars"."""
    # the amount's token that attaches it to the sentence ("billion" in "3.4 billion euro turnover")
    root = next((t for t in amount if not amount.start <= t.head.i < amount.end or t.head.i == t.i), amount.root)
    if root.dep_ == "appos" and root.head.ent_type_ in AMOUNT_LABELS:
        head_amount = next((e for e in doc.ents if e.start <= root.head.i < e.end), None)
        if head_amount is not None:
            metric, owner, verb, extra = _amount(head_amount, doc)
            currency = " ".join(t.text for t in amount if t.pos_ in ("NOUN", "PROPN"))
            return (f"{metric} in {currency}" if metric else None), owner, verb, extra
    if root.dep_ == "npadvmod" and root.head.pos_ == "ADJ" and root.head.lower_ in DIMENSIONS:
        size = root.head  # "The canal is about 82 kilometres long": its length
        return DIMENSIONS[size.lower_], None, _verb_of(size), {"tokens": {size.i}}
    last = amount[-1]
    of = next((c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    thing = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of is not None else None
    if thing is not None and last.lower_ not in CURRENCIES:
        verb = _verb_of(last)  # "handled 18 million tonnes of cargo" -> "cargo handled"
        metric = phrase(thing) + (f" {participle(verb)}" if verb is not None and verb.lemma_.lower() not in HAVING_VERBS else "")
        return metric, None, verb, {"tokens": {of.i, thing.i}}
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.pos_ == "NOUN"
        and root.head.head.lemma_.lower() not in MEASURE_NOUNS
    ):
        measure = root.head.head  # "reported revenue of 3.1 billion euros"
        if measure.lemma_.lower() not in ("target", "goal", "aim", "objective"):
            return phrase(measure), measure, _verb_of(measure), {"tokens": {measure.i, root.head.i}}
        return f"{phrase(measure)}", None, _verb_of(measure), {"tokens": {measure.i, root.head.i}}
    if root.dep_ in ("compound", "nmod", "amod", "nummod") and root.head.pos_ == "NOUN" and root.head.i >= amount.end:
        measure = root.head  # "3.4 billion euro turnover"
        return phrase(measure, skip=set(range(amount.start, amount.end))), measure, _verb_of(measure), {"tokens": {measure.i}}
    verb = _verb_of(root)
    if verb is None:
        return None, None, None, {}
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        measure = verb.head  # "the turnover exceeding 3.4 billion euros"
        return phrase(measure), measure, _verb_of(measure), {"tokens": {measure.i, verb.i}}
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "revenue reached $5 billion"; "its net loss narrowed to $9 million": the amount the subject came to
    to = root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.i == verb.i
    if subject is not None and subject.pos_ == "NOUN" and (verb.lemma_.lower() in REACHING_VERBS | THRESHOLD_VERBS.keys() or to):
        return phrase(subject), subject, verb, {"tokens": {subject.i}}
    return f"amount {participle(verb)}", None, verb, {}  # "X raised $20 million"


def _listed_share(quantity: Any, start: int, doc: Any, ctx: Context, qualifier: str | None) -> Draft | None:
    """A share in a list that leaves out its verb: "Hotels accounted for 58% of overnight stays, campsites
    for 21%, holiday apartments (...) for 17%", "Bulk grain makes up 23%, timber 14%",
    "Norway accounts for 29%, followed by Sweden at 22%": each later item names its own subject right
    before its figure (or "for", "at") and has the measure of the first ("share of overnight stays").
    ``start``: the word before the figure and its qualifiers."""
    if start < 1:
        return None
    connector = doc[start].lower_ if doc[start].lower_ in ("for", "at") else None
    if connector is None and (doc[start].pos_ not in ("NOUN", "PROPN") or doc[start].i + 1 != quantity.i):
        return None
    end = start - 1 if connector else start
    if doc[end].text == ")":  # "farm stays (agritourism) for 4%"
        while end > 0 and doc[end].text != "(":
            end -= 1
        end -= 1
    if end < 0 or doc[end].pos_ not in ("NOUN", "PROPN"):
        return None
    sentence = doc[end].sent
    begin = end
    while begin > sentence.start and doc[begin - 1].text not in (",", ";", ":", ")", "(", "%") and not doc[begin - 1].text[0].isdigit():
        begin -= 1
    while begin < end and doc[begin].lower_ in ("and", "or", "while", "with", "followed", "by", "then"):
        begin += 1  # "..., followed by Sweden at 22%"
    item = doc[begin : end + 1]
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in item) or begin == sentence.start:
        return None  # a clause of its own ("Hotels accounted for 58%"), not an item of the list
    lead = next(
        (
            t
            for t in sentence
            if t.i < begin
            and t.lemma_.lower() in SHARE_VERBS
            and (connector != "for" or any(c.lower_ == "for" for c in t.children))
            and any(u.text in ("%", "percent") and u.i < begin for u in t.subtree)  # the first item's own share
        ),
        None,
    )
    if lead is None:
        return None
    of = None
    for percent in (u for u in lead.subtree if u.text in ("%", "percent") and u.i < begin):
        of = next((c for c in percent.children if c.lower_ == "of"), None)
        if of is not None:
            break
    target = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    metric = f"share of {phrase(target)}" if target is not None else "share"
    name = item.text
    head = doc[end]
    tokens = {t.i for t in item} | {start, quantity.i, quantity.i + 1}
    return Draft(
        name, ctx.kind(name, head.lemma_.lower()), metric, number_value(quantity), "%", qualifier, None, tokens, "share", quantity.i
    )


def _share(percent: Any) -> tuple[str | None, Any, Any, dict]:
    """ "account for 75% of national output" -> "share of national output"; "rising 30%" -> "rise in ..."."""
    of = next((c for c in percent.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    target = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of is not None else None
    verb = _verb_of(percent)
    doc = percent.doc
    after = doc[percent.i + 1] if percent.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ("more", "higher", "fewer", "less", "lower", "up", "down") and percent.i + 2 < len(doc):
        rise = after.lower_ in ("more", "higher", "up")
        return ("rise" if rise else "reduction"), None, None, {"tokens": {after.i}}  # "12% more than in 2023"
    start = percent.i - 1
    while start > 0 and (doc[start].like_num or doc[start].lower_ in QUALIFIERS):
        start -= 1
    before_word = doc[start].lower_ if start >= 0 else ""
    if before_word == "from":
        return None, None, None, {}  # "rose to 87%, from 81%": the earlier level
    if before_word == "to" and verb is not None and verb.lemma_.lower() in RISE_VERBS | FALL_VERBS:
        thing = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
        if thing is not None:  # "coverage rose to 87%": the level reached
            return phrase(thing), thing, verb, {"tokens": {thing.i, doc[start].i} | {t.i for t in thing.lefts}}
    if target is not None:
        return f"share of {phrase(target)}", None, verb, {"tokens": {of.i, target.i} | {t.i for t in target.lefts}}
    before = percent.doc[percent.i - 2] if percent.i >= 2 else None
    if before is not None and before.lower_ in ("up", "down") and not (before.dep_ == "prt" and before.head.lemma_.lower() in SHARE_VERBS):
        return ("rise" if before.lower_ == "up" else "reduction"), None, None, {"tokens": {before.i}}  # not "make up 23%"
    if of is not None and target is None:
        return None, None, None, {}  # "of which donors provide 70%": the whole is not named here
    if percent.dep_ == "pobj" and percent.head.head.pos_ == "NOUN":
        measure = percent.head.head  # "task-completion rates above 92%"
        return phrase(measure), measure, _verb_of(measure), {"tokens": {measure.i, percent.head.i} | {t.i for t in measure.lefts}}
    if verb is None:
        return None, None, None, {}
    lemma = verb.lemma_.lower()
    if lemma in RISE_VERBS | FALL_VERBS:
        change = "rise" if lemma in RISE_VERBS else "reduction"
        thing = next((c for c in verb.children if c.dep_ == "dobj" and c.i != percent.i), None)
        if thing is None:
            thing = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
        if thing is None:
            return change, None, verb, {}
        return f"{change} in {phrase(thing)}", None, verb, {"tokens": {thing.i} | {t.i for t in thing.lefts}}
    if lemma in SHARE_VERBS:
        return "share", None, verb, {}
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
    if subject is not None:
        return phrase(subject), subject, verb, {"tokens": {subject.i}}
    return None, None, None, {}


def _bare(quantity: Any) -> tuple[str | None, Any, Any, dict]:
    """ "the number of X has reached 47", "revenue totalled 5": the measure is the verb's subject."""
    verb = _verb_of(quantity)
    if verb is None or verb.lemma_.lower() not in REACHING_VERBS | THRESHOLD_VERBS.keys() or quantity.dep_ not in ("dobj", "attr", "pobj"):
        return None, None, None, {}
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN":
        return None, None, None, {}
    if subject.lemma_.lower() in MEASURE_NOUNS:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if target is None:
            return None, None, None, {}
        return phrase(target, counted=True), subject, verb, {"tokens": {subject.i, of.i, target.i}, "unit": plural(target.lemma_.lower())}
    return phrase(subject), subject, verb, {"tokens": {subject.i}}


def _fallback(
    doc: Any, ctx: Context, label: str | None, verb: Any | None, tokens: set[int], *, share: bool = False
) -> list[tuple[str, str, set[int]]]:
    """Whose figure it is when the clause names no one: the list item's label, the group the clause is
    about, else the article's subject."""
    if label:
        return [(label, ctx.kind(label, "topic"), set())]
    group = group_subject(verb, tokens, share=share)
    if group is not None:
        return [group]
    if ctx.subject:
        return [(ctx.subject, ctx.kind(ctx.subject, "entity"), set())]
    return []
