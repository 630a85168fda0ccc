"""The members of a counted group the article lists right after the count:

    three main basins — the North Basin, the Old Basin, and the Outer Basin — together handle 80% of cargo
    The ridge is made up of three peaks: Varn, Tollo and Sken.
    The review identifies three lasting changes that make 2031 a landmark year:
      1. Cargo goes electric. Cranes and quay vehicles now run on power from the grid.

Each member becomes a fact of the count's subject (metric: the counted noun in the singular, value: the
member as written). The list must hold exactly as many members as the count says, which is what makes a
reading of punctuation safe. Facts read wrongly around such a list are mended: a count given to one of
its own members ("Varn | peaks | 3"), a figure of the whole group given to each member.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from assistant.corpus import Article, Fact
from assistant.numbers import CARDINALS
from assistant.text import normalize
from assistant.understand.lexicon import singular

MAX_MEMBERS = 12
MAX_MEMBER_WORDS = 10
_NUMBER_WORDS = "|".join(sorted((w for w, v in CARDINALS.items() if 2 <= v <= MAX_MEMBERS), key=len, reverse=True))
# a count of a plural noun, then "of <kind>", an opening colon or dash, or a colon that ends the line
_COUNT = re.compile(
    rf"\b(?P<number>\d{{1,2}}|{_NUMBER_WORDS})\s+(?:[\w\-]+\s+){{0,3}}?(?P<noun>[a-z][\w\-]*s)\b"
    r"(?=\s+of\s|\s*(?:[:\u2014\u2013]|--|\s-\s)|[^.\n]*:[ \t]*\n)",
    re.I,
)
_OPENER = re.compile(r"\s*(?:(?P<dash>[\u2014\u2013]|--|\s-)|(?P<colon>:))\s*")
_DASH_CLOSE = re.compile(r"\s*(?:[\u2014\u2013]|--|\s-\s)|\.(?:\s|$)|\n")
_COLON_CLOSE = re.compile(r"\.(?:\s|$)|\n|:")
_ITEM_LINE = re.compile(r"^[ \t]*(?:[\u2022\-*\u00b7]|\d{1,2}[.)])[ \t]+(?P<body>\S.*)$", re.M)
_LABEL_END = re.compile(r"\s+[\u2014\u2013]\s|\s-\s|:\s|\.(?:\s|$)")
_OF_KIND = re.compile(r"\s+of\s+([a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)(?=\s*(?:[:\u2014\u2013]|--|\s-\s)|[^.\n]*:[ \t]*\n)")
_TRIM = " \t\"'\u201c\u201d\u2018\u2019,.;:"


@dataclass
class Group:
    """A count written with its members: "three main basins — A, B, and C —"."""

    start: int  # where the count is written
    end: int  # where its members end
    count: int
    noun: str  # the counted noun as written ("basins")
    phrase: str  # the count as written ("three main basins")
    metric: str  # what one member is ("main basin")
    members: list[tuple[str, int, int]]  # each member as written, with its offsets
    inline: bool  # the members follow in the same sentence (not as list lines under it)
    between_dashes: bool  # "— A, B, and C — together ...": the sentence goes on after them


def groups(text: str) -> list[Group]:
    """Every count in ``text`` followed by a list of exactly that many members."""
    found = []
    for match in _COUNT.finditer(text):
        number = match.group("number").lower()
        count = int(number) if number.isdigit() else CARDINALS.get(number, 0)
        if not 2 <= count <= MAX_MEMBERS:
            continue
        metric = _singular_phrase(" ".join(match.group(0).lower().split()[1:]))
        at = match.end()
        kind = _OF_KIND.match(text, at)  # "three types of train:"
        if kind is not None:
            metric, at = f"{metric} of {kind.group(1).lower()}", kind.end()
        inline = _inline(text, at, count)
        members = inline[0] if inline else _listed(text, at, count)
        if members:
            between = bool(inline and inline[1])
            found.append(
                Group(match.start(), members[-1][2], count, match.group("noun"), match.group(0), metric, members, bool(inline), between)
            )
    return found


def enumerated(facts: list[Fact], article: Article, subject: str | None) -> list[Fact]:
    """``facts`` with the members of each counted group listed after its count, and mended around such lists:
    a count whose subject is one of its members goes to the article's ``subject`` when the sentence names it,
    else is dropped; a figure given to a member of a group written between dashes ("two basins — A and B —
    together handle 80%") is the group's."""
    listed = groups(article.text)
    out: list[Fact] = []
    for fact in facts:
        group = _group_of_count(fact, listed)
        if group is None:
            out.append(_to_group(fact, listed, article.text))
            continue
        names = {normalize(text) for text, _, _ in group.members}
        owner = fact.subject
        if normalize(owner) in names:
            sentence = normalize(article.text[_sentence_start(article.text, group.start) : group.end])
            if not subject or normalize(subject) in names or normalize(subject) not in sentence:
                continue
            owner = subject
            fact = fact.model_copy(update={"subject": owner})
        out.append(fact)
        for text, start, end in group.members:
            quote_start = group.start if group.inline else start
            digest = hashlib.sha256(f"{article.id}\x00{owner}\x00{group.metric}\x00{text}\x00{start}".encode()).hexdigest()[:10]
            out.append(
                Fact(
                    id=f"{article.id}~member-{digest}",
                    article=article.id,
                    subject=owner,
                    subject_type=fact.subject_type,
                    metric=group.metric,
                    value=text,
                    scope=fact.scope,
                    quote=article.text[quote_start:end],
                    start=quote_start,
                    end=end,
                    origin="learned",
                )
            )
    unique: dict[tuple[str, str, str], Fact] = {}
    for fact in out:
        unique.setdefault((fact.subject.lower(), fact.metric.lower(), str(fact.value).lower()), fact)
    return list(unique.values())


def _group_of_count(fact: Fact, listed: list[Group]) -> Group | None:
    """The group whose count ``fact`` records, if it lists its members."""
    if fact.number is None or not fact.unit or fact.unit == "%" or not float(fact.number).is_integer():
        return None
    noun = fact.unit.split()[-1].lower()
    near = [g for g in listed if g.count == int(fact.number) and g.noun.lower() == noun and fact.start - 200 <= g.start <= fact.end]
    return min(near, key=lambda g: abs(g.start - fact.start), default=None)


def _to_group(fact: Fact, listed: list[Group], text: str) -> Fact:
    """``fact``, or the group's when it is a figure read as one member's that the sentence gives the whole
    group written between dashes."""
    for group in listed:
        if (
            group.between_dashes
            and fact.number is not None
            and normalize(fact.subject) in {normalize(t) for t, _, _ in group.members}
            and group.start <= fact.end
            and fact.end > group.end
            and _sentence_start(text, fact.start) <= group.start
        ):
            name = group.phrase[:1].upper() + group.phrase[1:]
            update = {"subject": name, "subject_type": "group", "quote": text[group.start : fact.end], "start": group.start}
            return fact.model_copy(update=update)
    return fact


def _inline(text: str, at: int, count: int) -> tuple[list[tuple[str, int, int]], bool] | None:
    """ "three cones: A, B and C." / "three basins — A, B, and C — together ...": members in the sentence,
    and whether the sentence goes on after a closing dash."""
    opener = _OPENER.match(text, at)
    if opener is None:
        return None
    begin = opener.end()
    stop = (_DASH_CLOSE if opener.group("dash") else _COLON_CLOSE).search(text, begin)
    members = _split(text, begin, stop.start() if stop else len(text), count)
    if members is None:
        return None
    goes_on = bool(opener.group("dash") and stop is not None and not stop.group(0).startswith((".", "\n")))
    return members, goes_on


def _listed(text: str, at: int, count: int) -> list[tuple[str, int, int]] | None:
    """A sentence that ends with a colon after the count, and exactly ``count`` list lines under it."""
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[at:line_end].rstrip()
    if not rest.endswith(":") or re.search(r"[.!?]\s", rest):
        return None
    items: list[tuple[str, int, int]] = []
    position = line_end + 1
    while position < len(text):
        line_stop = text.find("\n", position)
        line_stop = len(text) if line_stop < 0 else line_stop
        line = text[position:line_stop]
        item = _ITEM_LINE.match(line)
        if item is None:
            if line.strip():
                break
            if items and text[line_stop + 1 : line_stop + 2] == "\n":
                break
            position = line_stop + 1
            continue
        body_start = position + item.start("body")
        label_end = _LABEL_END.search(text, body_start, line_stop)
        end = label_end.start() if label_end else line_stop
        member = _member(text, body_start, end)
        if member is None:
            return None
        items.append(member)
        position = line_stop + 1
    return items if len(items) == count else None


def _split(text: str, begin: int, end: int, count: int) -> list[tuple[str, int, int]] | None:
    """The members between ``begin`` and ``end``: split at commas and semicolons, and at the last "and" / "or"
    when the commas leave one member short ("Varn, Tollo and Sken"; not inside "Port and Rail
    Authority", once the commas have given every member)."""
    pieces: list[tuple[int, int]] = []
    cursor = begin
    for sep in re.finditer(r"[,;]", text[begin:end]):
        pieces.append((cursor, begin + sep.start()))
        cursor = begin + sep.end()
    pieces.append((cursor, end))
    pieces = [(a, b) for a, b in pieces if text[a:b].strip(_TRIM)]
    if len(pieces) == count - 1:
        a, b = pieces[-1]
        joint = list(re.finditer(r"\s(?:and|or)\s", text[a:b]))
        if len(joint) == 1:
            pieces[-1:] = [(a, a + joint[0].start()), (a + joint[0].end(), b)]
    if len(pieces) != count:
        return None
    members = [_member(text, a, b) for a, b in pieces]
    return None if any(m is None for m in members) else [m for m in members if m is not None]


def _member(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """One member as written, without quotes, punctuation or a leading "the"; None when it reads as a clause."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    for lead in ("and ", "or "):  # "..., and the Greater Bay Area"
        if text[start:end].lower().startswith(lead):
            start += len(lead)
            while start < end and text[start] in _TRIM:
                start += 1
    if text[start:end].lower().startswith("the "):
        start += 4
    member = text[start:end]
    words = member.split()
    if not words or len(words) > MAX_MEMBER_WORDS or not re.search(r"[A-Za-z]", member):
        return None
    return member, start, end


def _sentence_start(text: str, at: int) -> int:
    stop = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))
    return stop + 1 if stop >= 0 else 0


def _singular_phrase(unit: str) -> str:
    parts = unit.split()
    return " ".join([*parts[:-1], singular(parts[-1])]) if parts else unit
