"""The others a ranking sentence lists after its leader, each with its figure in brackets:

    Dunmore topped the ranking with 48 million visits, followed by Kessford (31 million), Arran (20 million)
    and Tolland (12 million).

Each becomes a fact of the same metric and unit as the leader's learned fact ("Kessford | visits | 31 million
visits"), quoting the sentence from the leader's figure to its own, so that the ranking, sums and comparisons
over the figures see every one of them. A bracketed figure must be a number written as the leader's is (its
words, if any, those of the leader's unit: "31 million" beside "48 million visits"); anything else ends the list.
"""

from __future__ import annotations

import hashlib
import re

from assistant.corpus import Article, Fact, value_stated
from assistant.numbers import find_numbers

MAX_QUOTE = 300
_FOLLOWED = re.compile(r",?\s+followed by\s+")
_NAME = r"(?:the\s+)?[A-Z][\w'\u2019\-]*(?:\s+(?:[A-Z][\w'\u2019\-]*|of|de|la|del|upon|on))*"
_ITEM = re.compile(rf"(?P<name>{_NAME})\s+\((?P<figure>[^()]{{1,30}})\)")
_BETWEEN = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def followers(facts: list[Fact], article: Article) -> list[Fact]:
    """``facts`` with a fact for each of the others listed in brackets after a leader's figure."""
    text = article.text
    known = {(f.subject.lower(), f.metric.lower()) for f in facts}
    out = list(facts)
    for fact in facts:
        if fact.number is None or fact.start is None or fact.end is None:
            continue
        opener = _FOLLOWED.match(text, fact.end)
        if opener is None:
            continue
        at = opener.end()
        while (item := _ITEM.match(text, at)) is not None:
            value = _figure(item.group("figure"), fact)
            if value is None:
                break
            name = re.sub(r"^the\s+", "", item.group("name"))
            follower = _follower(fact, article, name, value, item.start("name"), item.end())
            if follower is not None and (name.lower(), fact.metric.lower()) not in known:
                known.add((name.lower(), fact.metric.lower()))
                out.append(follower)
            joint = _BETWEEN.match(text, item.end())
            if joint is None:
                break
            at = joint.end()
    return out


def _figure(written: str, leader: Fact) -> int | float | None:
    """The number ``written`` in brackets, when it is written as the leader's figure is: a number alone or with
    words of the leader's unit ("31 million" for a unit of "million visits", "9%" for "%")."""
    numbers = find_numbers(written)
    if len(numbers) != 1 or numbers[0].start != 0:
        return None
    rest = written[numbers[0].end :].strip().lower()
    unit = (leader.unit or "").lower()
    if rest and not (unit.startswith(rest) or rest in unit.split()):
        return None
    value = numbers[0].value
    return int(value) if float(value).is_integer() else value


def _follower(leader: Fact, article: Article, name: str, value: int | float, start: int, end: int) -> Fact | None:
    """The leader's fact for ``name``, quoting from the leader's figure to this one (or this one alone when that is
    too long); None unless the quote states the name and the value, as every learned fact must."""
    quote_start = leader.start if end - leader.start <= MAX_QUOTE else start
    quote = article.text[quote_start:end]
    digest = hashlib.sha256(f"{article.id}\x00{name}\x00{leader.metric}\x00{value}\x00{start}".encode()).hexdigest()[:10]
    if not (value_stated(value, quote) and name in quote):
        return None
    return leader.model_copy(
        update={
            "id": f"{article.id}~follower-{digest}",
            "subject": name,
            "value": value,
            "quote": quote,
            "start": quote_start,
            "end": end,
        }
    )
