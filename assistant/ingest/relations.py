"""Ranks, dates, named relations and lists of "Name (N)" in one parsed sentence, and when figures hold."""

from __future__ import annotations

import re
from typing import Any

from assistant.ingest.english import OPERATE_VERBS, ROLE_NOUNS, plural
from assistant.ingest.phrases import Context, name_span, participle, phrase, singular_kind, subject_of
from assistant.ingest.rules import Draft
from assistant.numbers import ORDINALS

NAMED = {"camp", "programme", "project", "platform", "service", "plan", "initiative", "fund", "brand", "product", "model", "network"}
_NAME_COUNT = re.compile(r"([A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,4}(?:\s+\w+)?)\s*\((\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%?)\)")
# "followed by the Netherlands with 9%, Switzerland with 8%", "Callum Whyte of Redcliffe United with 16 and ..."
_NAME_WITH = re.compile(
    r"([A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,4})(?:\s+of\s+[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})?"
    r"\s+with\s+(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(%?)(?=\s*(?:[,.;)]|and\b|$))"
)
_AS_OF_WORDS = {"by", "between", "since", "until", "in", "as", "through", "during", "at", "of"}
_DATED = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)  # a year, a day or a month
_VAGUE_DATES = re.compile(
    r"^(?:the |a )?(?:(?:this|last|next|previous|same|that|coming) )?(?:year|month|quarter|week|day|years)(?: earlier| later| before)?$|^(?:today|now)$",
    re.IGNORECASE,
)


def as_of(doc: Any, tokens: set[int], dates: list[Any], at: int = -1) -> str | None:
    """When a figure holds: the date phrase nearest to it ("by the end of 2025", "between 2026 and 2030")."""
    best = None
    for ent in dates:
        if any(t in tokens for t in range(ent.start, ent.end)) or (ent.start == 0 and len(ent) == 1):
            continue
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if not (
            (prev is not None and prev.lower_ in _AS_OF_WORDS) or ent.text.lower().startswith(("the end of", "the first", "the second"))
        ):
            continue
        if prev is not None and prev.lower_ == "of" and (ent.start < 2 or doc[ent.start - 2].lower_ != "as"):
            continue
        governor = _clause_verb(ent.root)
        shared = (
            governor is not None and governor.dep_ == "conj" and governor.head.i in tokens
        )  # "establish 20 ... and cultivate 100 ... by 2027"
        if governor is not None and governor.i not in tokens and governor.dep_ != "ROOT" and not shared:
            continue  # "The University, founded in 1872, has 24,000 students": 1872 dates the founding
        if _VAGUE_DATES.match(ent.text):
            continue
        if _of_earlier_value(doc, ent.start):
            continue  # "revenue of $70 million, up from $52 million in 2029": 2029 dates the earlier value
        end = ent.end
        if end + 1 < len(doc) and doc[end].lower_ in ("and", "to") and doc[end + 1].ent_type_ == "DATE":
            end += 2  # "between 2026 and 2030"
        text = doc[
            ent.start - 1 if prev is not None and prev.lower_ in ("by", "between", "since", "until", "through") else ent.start : end
        ].text
        distance = abs(ent.start - at) if at >= 0 else min((abs(ent.start - t) for t in tokens), default=0)
        # a deadline or a period ("by the end of 2027", "between 2026 and 2030") dates a figure before a mere "in"
        rank = (0 if prev is not None and prev.lower_ in ("by", "between", "until", "through", "as") else 1, distance)
        if best is None or rank < best[0]:
            best = (rank, text)
    return best[1] if best else None


def _of_earlier_value(doc: Any, start: int) -> bool:
    """Whether the date at ``start`` closes a phrase that gives another value to compare with ("up from 52 in
    2029", "against 3.5% in 2028", "than 700 in 2027")."""
    window = list(doc[max(0, start - 7) : start])
    opener = next((i for i, t in enumerate(window) if t.lower_ in ("from", "against", "versus", "than")), None)
    return opener is not None and any(t.like_num for t in window[opener + 1 :]) and not any(t.lower_ == "to" for t in window[opener + 1 :])


def _clause_verb(token: Any) -> Any | None:
    node = token
    for _ in range(5):
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def ranks(doc: Any, ctx: Context) -> list[Draft]:
    """ "X ranks fourth among all cities", "X was ranked No. 3", "X came second"."""
    out = []
    for token in doc:
        if token.lower_ not in ("ranks", "ranked", "rank") and (
            token.lemma_.lower() not in ("place", "come", "finish") or token.pos_ != "VERB"
        ):
            continue
        position = None
        for child in token.children:
            word = child.lower_.rstrip(".")
            if word in ORDINALS:
                position = (ORDINALS[word], child)
            elif re.fullmatch(r"\d+(?:st|nd|rd|th)", word):
                position = (int(re.sub(r"\D", "", word)), child)
            elif child.lower_ in ("no.", "number") and child.i + 1 < len(doc) and doc[child.i + 1].text.isdigit():
                position = (int(doc[child.i + 1].text), child)
        if position is None or (token.lemma_.lower() != "rank" and position[1].ent_type_ != "ORDINAL"):
            continue
        among = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("among", "in", "of", "on")), None)
        target = next((c for c in among.children if c.dep_ == "pobj"), None) if among is not None else None
        metric = f"rank {among.lower_} {phrase(target, counted=True)}" if target is not None else "rank"
        kind = singular_kind(target.lemma_) if target is not None else None
        owners = subject_of(None, token, doc, ctx)
        if not owners and token.pos_ != "VERB":  # "Lakeside, with 42 stations, ranks first": tagged as a noun
            first = doc[0] if doc[0].pos_ == "PROPN" else None
            owners = (
                [(*name_span(first, doc)[:1], ctx.kind(name_span(first, doc)[0], "entity"), name_span(first, doc)[1])]
                if first is not None
                else []
            )
        for subject, stype, subject_tokens in owners:
            if kind:
                ctx.learn_kind(subject, kind)
                stype = ctx.kind(subject, kind)
            tokens = {token.i, position[1].i} | subject_tokens | ({among.i, target.i} if target is not None else set())
            out.append(Draft(subject, stype, metric, float(position[0]), None, None, None, tokens, "rank"))
    return out


def dates(doc: Any, ctx: Context, date_ents: list[Any]) -> list[Draft]:
    """ "X was released on May 17", "In March, X was issued": the date of an event of X."""
    out = []
    for ent in date_ents:
        head = ent.root.head
        if head.pos_ == "ADP" and head.lower_ in ("on", "in"):
            verb = head.head
        elif ent.root.dep_ in ("npadvmod", "tmod"):
            verb = head
        else:
            continue
        if verb.pos_ != "VERB" or verb.tag_ != "VBN" or _VAGUE_DATES.match(ent.text) or not _DATED.search(ent.text):
            continue  # "each year", "in just three years": how often or how long, no date
        for subject, stype, subject_tokens in subject_of(None, verb, doc, ctx):
            tokens = {verb.i, head.i, *range(ent.start, ent.end)} | subject_tokens
            out.append(Draft(subject, stype, f"{_noun_of(verb)} date", ent.text, None, None, None, tokens, "date"))
    return out


def _noun_of(verb: Any) -> str:
    lemma = verb.lemma_.lower()
    return {
        "found": "founding",
        "establish": "founding",
        "list": "listing",
        "appoint": "appointment",
        "open": "opening",
        "bear": "birth",
        "die": "death",
    }.get(lemma, lemma)


def relations(doc: Any, ctx: Context) -> list[Draft]:
    """Roles of people, what organisations operate, where they are based."""
    out = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in ROLE_NOUNS:
            out += _role(token, doc, ctx)
        elif token.pos_ == "VERB" and lemma in OPERATE_VERBS and token.lower_ not in ("found", "founded"):
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if obj is None or subj is None or subj.pos_ != "PROPN":
                continue
            value, value_tokens = _quoted_or_name(obj, doc)
            if not value:
                continue
            last = value.split()[-1]
            kind = (
                obj.lemma_.lower()
                if obj.pos_ == "NOUN"
                else last.lower()
                if last[:1].isupper() and singular_kind(last) in NAMED
                else "name"
            )
            metric = f"{kind} {participle(token)}" if kind != "name" else participle(token)
            for subject, stype, subject_tokens in subject_of(None, token, doc, ctx):
                out.append(Draft(subject, stype, metric, value, tokens={token.i} | value_tokens | subject_tokens, kind="relation"))
        elif lemma in ("focus", "concentrate", "specialise", "specialize") and token.pos_ == "VERB":
            out += _focus(token, doc, ctx)
        elif token.lower_ in ("headquartered", "based") and token.tag_ == "VBN":
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "in"), None)
            place = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if place is None or place.pos_ != "PROPN":
                continue
            owner = token.head if token.dep_ in ("acl", "amod", "appos") and token.head.pos_ == "PROPN" else None
            name, place_tokens = name_span(place, doc)
            for subject, stype, subject_tokens in subject_of(owner, token, doc, ctx):
                out.append(
                    Draft(subject, stype, "headquarters", name, tokens={token.i, prep.i} | place_tokens | subject_tokens, kind="relation")
                )
    return out


def _focus(verb: Any, doc: Any, ctx: Context) -> list[Draft]:
    """ "X focuses on A, B and C", "Focusing on A, the X was released": what X concentrates on."""
    on = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in")), None)
    target = next((c for c in on.children if c.dep_ in ("pobj", "pcomp")), None) if on is not None else None
    if target is None:
        return []
    span = sorted(t.i for t in target.subtree)
    value = doc[span[0] : span[-1] + 1].text.strip(" ,;")
    if not value or len(value) > 120:
        return []
    owners = subject_of(verb.head if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" else None, verb, doc, ctx)
    tokens = {verb.i, on.i, *range(span[0], span[-1] + 1)}
    return [
        Draft(subject, stype, "focus", value, tokens=tokens | subject_tokens, kind="relation") for subject, stype, subject_tokens in owners
    ]


def _role(token: Any, doc: Any, ctx: Context) -> list[Draft]:
    """ "X's marketing director, Mara Olsen" / "Mara Olsen, X's CEO" / "Jane Doe, founder of X"."""
    person = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if person is None and token.dep_ == "appos" and token.head.ent_type_ == "PERSON":
        person = token.head
    if person is None:
        return []
    org = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if org is None:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "at")), None)
        org = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None) if of is not None else None
    name, person_tokens = name_span(person, doc)
    role_tokens = {token.i} | {t.i for t in token.lefts if t.dep_ in ("compound", "amod")}
    out = [Draft(name, "person", "role", phrase(token), tokens=role_tokens | person_tokens, kind="relation")]
    if org is not None:
        employer, org_tokens = name_span(org, doc)
        kind = ctx.kind(employer, "organisation")
        metric = "company" if kind == "company" else "organisation"
        out.append(Draft(name, "person", metric, employer, tokens=role_tokens | person_tokens | org_tokens, kind="relation"))
    return out


def _quoted_or_name(token: Any, doc: Any) -> tuple[str | None, set[int]]:
    subtree = sorted(t.i for t in token.subtree)
    span = doc[subtree[0] : subtree[-1] + 1]
    quoted = re.search(r"[\u201c\"]([^\u201d\"]+?)[,.]?[\u201d\"]", span.text)
    if quoted:
        return quoted.group(1), {t.i for t in span if span.start_char + quoted.start() <= t.idx < span.start_char + quoted.end()}
    if token.pos_ == "PROPN":
        return name_span(token, doc)
    return None, set()


def name_counts(doc: Any, ctx: Context, before: list[Draft] | None = None) -> list[Draft]:
    """ "Other ports such as Eastbay (3), Westcove (3) ... also have shipyards listed": a table in a
    sentence; "X sent 2,150 entrants, followed by France (1,840), Italy (1,310)" (or "by France with 1,840")
    continues X's figure."""
    matches = list(_NAME_COUNT.finditer(doc.text)) or list(_NAME_WITH.finditer(doc.text))
    if len(matches) < 2 and not (matches and before):
        return []
    cue = re.search(r"(\w+)\s+(?:such as|like|including)\s*$", doc.text[: matches[0].start()])
    kind = singular_kind(cue.group(1)) if cue else None
    percent = all(m.group(3) for m in matches)
    previous = next(
        (
            d
            for d in reversed(before or [])
            if d.kind in ("figure", "share")
            and (d.unit == "%") == percent
            and re.search(r"[a-z]", d.metric)
            and 0 <= d.at < len(doc)
            and doc[d.at].idx < matches[0].start()  # the figure the list continues comes before it
        ),
        None,
    )
    if previous is not None:
        counted = (previous.metric, previous.unit)
        kind = kind or previous.subject_type
    elif percent:
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None) if root else None
        counted = ("share", "%")
        kind = kind or (singular_kind(subject.lemma_) if subject is not None else None)
    else:
        counted = _list_metric(doc, matches[-1].end())
    if counted is None or (previous is None and len(matches) < 2):
        return []
    metric, unit = counted
    out = []
    for match in matches:
        words = match.group(1).split()
        while words and not any(e.start_char <= doc.text.find(" ".join(words), match.start()) < e.end_char for e in doc.ents):
            words = words[1:]  # "Other ports such as Eastbay": the name is the part the recogniser knows
        if not words:
            continue
        name = " ".join(words)
        begin = doc.text.find(name, match.start())
        if kind:
            ctx.learn_kind(name, kind)
        stype = ctx.kind(name, kind or "entity")
        tokens = {t.i for t in doc if begin <= t.idx < match.end()}
        value = float(match.group(2).replace(",", ""))
        out.append(Draft(name, stype, metric, value, unit, None, None, tokens, "list"))
    return out


def _list_metric(doc: Any, after: int) -> tuple[str, str] | None:
    """What a list of "Name (N)" counts: the noun after it ("also have companies selected"), else the
    subject before it ("The largest delegations were ...")."""
    for token in doc:
        if token.idx >= after and token.pos_ == "NOUN" and token.tag_ == "NNS" and token.dep_ in ("dobj", "attr", "nsubj", "nsubjpass"):
            metric = phrase(token, counted=True)
            if token.dep_ == "nsubj" and token.head.tag_ == "VBN":
                metric = f"{metric} {token.head.lower_}"  # "have companies selected"
            return metric, plural(token.lemma_.lower())
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "NNS"), None) if root else None
    if subject is not None and subject.idx < after and singular_kind(subject.lemma_) is None:
        return phrase(subject, counted=True), plural(subject.lemma_.lower())
    return None


def acronyms(doc: Any, ctx: Context) -> list[Draft]:
    """ "the TEU (Twenty-foot Equivalent Unit) count", "Twenty-foot Equivalent Unit (TEU)": what an acronym stands for."""
    from assistant.ingest.entities import acronym_pairs

    out = []
    for short, full, begin, end in acronym_pairs(doc.text):
        tokens = {t.i for t in doc if begin <= t.idx < end}
        out.append(Draft(short, ctx.kind(short, "term"), "stands for", full, tokens=tokens, kind="relation"))
    return out


def members(doc: Any, ctx: Context, base: int) -> list[Draft]:
    """ "Eastbay's listed shipyards ... with yards like Keelworks" and, after "Northport leads with 21 listed
    shipyards.", "Yards like Baltic Marine ...": where the listed members are from."""
    out: list[Draft] = []
    for token in doc:
        if token.lower_ not in ("like", "including", "as") or token.i == 0:
            continue
        noun = (
            doc[token.i - 1] if token.lower_ != "as" else (doc[token.i - 2] if token.i >= 2 and doc[token.i - 1].lower_ == "such" else None)
        )
        if noun is None or noun.pos_ != "NOUN" or noun.tag_ != "NNS":
            continue
        place = next(
            (
                t
                for t in doc
                if t.dep_ == "poss"
                and t.pos_ == "PROPN"
                and singular_kind(t.head.lemma_) == singular_kind(noun.lemma_)
                and ctx.kinds.get(t.lower_) in _PLACES
            ),
            None,
        )
        if noun.lemma_.lower() == "other":  # "companies like A ..., while others like B": the same kind as before
            noun = next(
                (
                    t
                    for t in reversed(doc[: noun.i])
                    if t.tag_ == "NNS"
                    and t.lemma_.lower() != "other"
                    and t.i + 1 < len(doc)
                    and doc[t.i + 1].lower_ in ("like", "including")
                ),
                None,
            )
            if noun is None:
                continue
        for name, span in _listed(doc, token.i + 1):
            end = base + doc[max(span)].idx + len(doc[max(span)].text)
            if place is not None:
                where, kind = name_span(place, doc)[0], ctx.kinds.get(place.lower_, "place")
                start = base + doc[place.i].idx
            elif ctx.topic is not None and singular_kind(noun.lemma_) == singular_kind(ctx.topic[2]):
                where, kind, _, start = ctx.topic
            else:
                continue
            if where.lower() == name.lower() or end <= start:
                continue
            out.append(Draft(name, singular_kind(noun.lemma_) or "entity", kind, where, kind="relation", span=(start, end)))
    return out


_NAME_RUN = re.compile(r"[A-Z][\w\-'\u2019&.]*(?:\s+(?:(?:of|the|de|du|la|von|van|der|del|for)\s+)*[A-Z0-9][\w\-'\u2019&.]*)*")


def _listed(doc: Any, start: int) -> list[tuple[str, set[int]]]:
    """The names listed from token ``start`` on ("companies like A, B and C"), each with its tokens, read
    as written: capitalised words with the small words names hold ("Bright Side of the Bay"), which the
    recogniser often splits or misses."""
    from assistant.ingest.entities import clean_name

    out: list[tuple[str, set[int]]] = []
    at = doc[start].idx if start < len(doc) else len(doc.text)
    while True:
        gap = re.match(r"(?:\s*(?:,|and|or)\s*)*", doc.text[at:])
        at += gap.end()
        match = _NAME_RUN.match(doc.text, at)
        if match is None:
            break
        name = match.group(0).rstrip(".,")
        end = at + len(name)
        out.append((clean_name(name), {t.i for t in doc if at <= t.idx < end}))
        at = end
        if not re.match(r"\s*(?:,|and\b|or\b)", doc.text[at:]):
            break
    return [(n, t) for n, t in out if n and t]


_PLACES = {"city", "country", "region", "province", "district", "state", "county", "town", "village", "place"}
