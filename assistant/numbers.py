"""Numbers as they are written in prose: digits, thousands separators, decimals and number words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CARDINALS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
}
ORDINAL_WORDS = {v: k for k, v in ORDINALS.items()}
SCALES = {"thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7, "billion": 1e9, "trillion": 1e12}
SCALE_WORDS = "|".join(SCALES)  # as a regular-expression alternative

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted(list(CARDINALS) + list(ORDINALS), key=len, reverse=True))
NUMBER_RE = re.compile(rf"(?<![\w.])(?P<num>{_DIGITS})(?:st|nd|rd|th)?(?![\w])|\b(?P<word>{_WORDS})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number found in text: its value, where it stands, and whether it was written as an ordinal."""

    value: float
    start: int
    end: int
    ordinal: bool = False


def find_numbers(text: str) -> list[Number]:
    """Every number written in ``text`` (digits or words), in order.

    Years and similar digit runs are numbers too; callers decide what they mean.
    """
    return list(_numbers(text))


@lru_cache(maxsize=65_536)
def _numbers(text: str) -> tuple[Number, ...]:
    """``find_numbers`` remembered: the reader reads the same sentences' figures for every question."""
    found = []
    for match in NUMBER_RE.finditer(text):
        if match.group("num"):
            raw = match.group("num").replace(",", "")
            ordinal = match.group(0)[len(match.group("num")) :].lower() in {"st", "nd", "rd", "th"}
            found.append(Number(float(raw), match.start(), match.end(), ordinal))
        else:
            word = match.group("word").lower()
            if word in ORDINALS:
                found.append(Number(float(ORDINALS[word]), match.start(), match.end(), True))
            else:
                found.append(Number(float(CARDINALS[word]), match.start(), match.end()))
    return tuple(found)


def numbers_in(text: str) -> set[float]:
    """The set of number values written in ``text``."""
    return {n.value for n in find_numbers(text)}


def to_number(value: object) -> float | None:
    """``value`` as a float when it is a number or a string holding one number; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        found = find_numbers(value)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(value.strip()):
            return found[0].value
    return None


def fmt(value: float | int, *, thousands: bool = True) -> str:
    """A number as people write it: no trailing ``.0``, thousands separated by commas."""
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}" if thousands and abs(number) >= 1000 else str(int(number))
    return f"{number:,.2f}".rstrip("0").rstrip(".") if thousands else f"{number:.2f}".rstrip("0").rstrip(".")


def ordinal(n: int) -> str:
    """1 -> 'first', 12 -> 'twelfth', 23 -> '23rd'."""
    if n in ORDINAL_WORDS:
        return ORDINAL_WORDS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
