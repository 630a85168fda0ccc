"""Years a question gives relative to now ("last year", "this year's figure"), read against the date the
article it is answered from was published: a report published in March 2025 calls 2024 "last year"."""

from __future__ import annotations

import re
from collections import Counter

from assistant.corpus import Article
from assistant.text import YEAR

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "Southampton, 6 March 2025 – ...", "LONDON, March 6, 2025 -", a line "Brackenford, 14 March 2024" of its own,
# "published in March 2025", "released on 6 March 2025"
_DATELINE = re.compile(
    rf"^[A-Z][\w .'\-]{{1,40}},[ \t]+(?:\d{{1,2}}[ \t]+{MONTH}[ \t]+|{MONTH}[ \t]+\d{{1,2}},[ \t]+)(\d{{4}})(?:[ \t]*[\u2013\u2014\-:]|[ \t]*$)",
    re.M,
)
_PUBLISHED = re.compile(rf"\b(?:[Pp]ublished|[Rr]eleased|[Ii]ssued)\s+(?:on\s+|in\s+)?(?:\d{{1,2}}\s+)?{MONTH}\s+(\d{{4}})\b")
_LEAD_CHARS = 600  # where a dateline or a "published in" stands
_RELATIVE = re.compile(r"\b(?:(for|in|during|by|until|since|from|of|to|over)\s+)?(last|this|next) year((?:'|\u2019)s)?", re.I)
_OFFSET = {"last": -1, "this": 0, "next": 1}
# a time before or after the one the articles speak of ("last year", "the previous edition"); "over the last
# year" is the twelve months up to now, which is no other time
RELATIVE_TIME = re.compile(
    r"\b(?:(?<!the )(?<!past )last|previous|prior|next|coming) (?:year|years|month|quarter|decade)\b"
    r"|\blast (?:year|month|quarter|decade)(?:'|\u2019)s\b|\b(?:last|previous|prior|next|coming) (?:edition|season)\b"
)


def published_year(article: Article) -> int | None:
    """The year ``article`` was published: from its metadata, else from a dateline or a "published in" near
    its start; None when neither says."""
    if article.published and (found := YEAR.search(article.published)):
        return int(found.group(0))
    lead = article.text[:_LEAD_CHARS]
    found = _DATELINE.search(lead) or _PUBLISHED.search(lead)
    return int(found.group(1)) if found else None


REPORTED_MENTIONS = 3  # times an article writes the year it reports on, at least
REPORTED_SHARE = 0.4  # ... and the share of all the years it writes
OPENING_WORDS = 12  # a line of more words is a paragraph, not a heading


def reported_year(text: str, published: int | None, title: str = "") -> str | None:
    """The year a report published in ``published`` is about, when it says so: the one year its title gives, or
    the year its text writes far more than any other (at least REPORTED_MENTIONS times and as at least
    REPORTED_SHARE of its years); either the year of publication or the one before. None for an article without
    a date of publication (a history is about many years) unless it reads as a report: see :func:`_undated_report_year`."""
    if published is None:
        return _undated_report_year(text, title)
    titled = set(YEAR.findall(title))
    if len(titled) == 1 and int(next(iter(titled))) in (published - 1, published):
        return next(iter(titled))
    years = YEAR.findall(text)
    if not years:
        return None
    year, count = Counter(years).most_common(1)[0]
    if int(year) not in (published - 1, published) or count < REPORTED_MENTIONS or count < REPORTED_SHARE * len(years):
        # else the year its opening sentence gives its figure for ("Output rose to 9,000 tonnes in 2025, up from
        # 8,500 tonnes in 2024"), when that is the year of publication or the one before
        return _opening_year(text, published)
    return year


def _undated_report_year(text: str, title: str) -> str | None:
    """The year an article with no date of publication reports on: the one year its title gives, when the text
    writes it most or its opening sentence gives it ("The choir's 2031 season"); else the year the
    opening sentence gives its figures for, when no year it writes is more than one later ("Revenue for the twelve
    months to 31 December 2025 rose ..." beside targets for 2026). A history opens on a year long before its
    last ("(11 March 1904 - 2 November 1987)"), and has none."""
    years = YEAR.findall(text)
    if not years:
        return None
    titled = set(YEAR.findall(title))
    if len(titled) == 1:
        year = next(iter(titled))
        counts = Counter(years)
        if counts[year] == max(counts.values()) or _opening_year(text, int(year)) == year:
            return year
    return reported_year(text, max(int(y) for y in years), title)


def _opening_year(text: str, published: int) -> str | None:
    """The first year the opening sentence of the first paragraph that writes a year gives (headings are no
    paragraphs), when it is the year of publication or the one before."""
    for line in text.splitlines():
        if YEAR.search(line) and len(line.split()) > OPENING_WORDS:
            first = YEAR.findall(re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0])
            return first[0] if first and int(first[0]) in (published - 1, published) else None
    return None


# how an article writes the year before the one it was published in, the year itself and the next
_SAID_RELATIVELY = {
    -1: re.compile(r"\b(?:last (?:year|season)|a year ago|twelve months ago|(?:the )?(?:prior|previous)[- ](?:year|season))\b", re.I),
    0: re.compile(r"\bthis (?:year|season)\b", re.I),
    1: re.compile(r"\bnext (?:year|season)\b", re.I),  # a club's season is its year
}


def says_year(text: str, year: int, published: int | None) -> bool:
    """Whether ``text`` of an article published in ``published`` gives ``year`` as "last year", "a year ago",
    "this year" or "next year"."""
    said = _SAID_RELATIVELY.get(year - published) if published is not None else None
    return bool(said and said.search(text))


def _period(match: re.Match[str]) -> bool:
    """Whether a match of :data:`_RELATIVE` is the twelve months up to now ("over the last year", "in the past
    year"), which is no year of its own; "the last year's list" is still the year before's."""
    return not match.group(3) and match.string[: match.start(2)].lower().endswith(("the ", "past "))


def asks_relative_year(question: str) -> bool:
    return any(not _period(m) for m in _RELATIVE.finditer(question))


def anchored(question: str, year: int) -> str:
    """``question`` with its relative years written out for an article published in ``year``:
    "What was the profit last year?" -> "What was the profit in 2024?"; "last year's list" -> "the 2024 list"."""

    def write(match: re.Match[str]) -> str:
        if _period(match):
            return match.group(0)
        said = year + _OFFSET[match.group(2).lower()]
        if match.group(3):
            article = "" if match.string[: match.start(2)].lower().endswith("the ") else "the "  # "the last year's list"
            return f"{match.group(1) + ' ' if match.group(1) else ''}{article}{said}"
        return f"{match.group(1) or 'in'} {said}"

    return _RELATIVE.sub(write, question)


# "the 1980 eruption", "the eruption of May 18, 1980", "the fire in 1906": one event of a kind, dated
_DATED_BEFORE = re.compile(r"\b((?:1[5-9]|20)\d{2}) ([a-z]{4,})\b")
_DATED_AFTER = re.compile(rf"\b([a-z]{{4,}}) (?:of|in|on) (?:{MONTH} \d{{1,2}}, |\d{{1,2}} {MONTH} |{MONTH} )?((?:1[5-9]|20)\d{{2}})\b")


def dated_events(text: str) -> set[tuple[str, str]]:
    """The events ``text`` dates as (noun, year): "the 1980 eruption", "the eruption of May 18, 1980"."""
    return {(m.group(2), m.group(1)) for m in _DATED_BEFORE.finditer(text)} | {
        (m.group(1), m.group(2)) for m in _DATED_AFTER.finditer(text)
    }


def years_meant(text: str, asked: set[tuple[str, str]], events: set[tuple[str, str]], title: str) -> frozenset[str]:
    """The years of the ``asked`` events that ``text`` means by "the <event>" with no year, in an article dating
    ``events`` (see :func:`dated_events`): where every dated eruption is of 1980, and the article is not about
    eruptions as a whole, "57 people died in the eruption" means the 1980 one."""
    return frozenset(
        year
        for noun, year in asked
        if not noun.endswith("s")
        and noun not in title.lower()
        and re.search(rf"\b[Tt]he {noun}\b", text)
        and {y for n, y in events if n == noun} == {year}
    )
