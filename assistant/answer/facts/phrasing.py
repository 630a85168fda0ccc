"""How facts are put into words: values with their units, counts, lists, tidy citation markers."""

from __future__ import annotations

import re

from assistant.answer.facts.model import Table
from assistant.answer.types import CURRENCY_BEFORE
from assistant.corpus import Fact
from assistant.ingest.english import UNCOUNTED
from assistant.numbers import find_numbers, fmt
from assistant.text import YEAR, normalize, words
from assistant.understand.lexicon import singular


def value_text(fact: Fact) -> str:
    written = str(fact.value).strip()
    # a year stays as written ("born in 1897", not "1,897")
    value = fmt(fact.number) if fact.number is not None and not YEAR.fullmatch(written) else written
    unit = (fact.unit or "").strip()
    if fact.number is not None and abs(fact.number - 1) < 1e-9:
        unit = singular(unit)  # "1 company"
    text = f"{value}%" if unit == "%" else f"{value} {unit}" if unit else value
    span = value_span(fact) if fact.number is not None and unit != "%" else None
    if span is not None and (sign := CURRENCY_BEFORE.search(fact.quote[: span[0] - fact.start])):
        text = f"{sign.group(0)}{text}"  # "$57 million", as the quote writes it
    return f"{fact.qualifier} {text}" if fact.qualifier else text


def value_span(fact: Fact) -> tuple[int, int] | None:
    if fact.number is not None:
        for n in find_numbers(fact.quote):
            if abs(n.value - fact.number) < 1e-9:
                return fact.start + n.start, fact.start + n.end
        return None
    at = normalize(fact.quote).find(normalize(str(fact.value)))
    return (fact.start + at, fact.start + at + len(str(fact.value))) if at >= 0 else None


def distinct_quotes(facts: list[Fact]) -> list[Fact]:
    """Facts whose quotes say something new: a quote inside another chosen quote adds nothing."""
    kept: list[Fact] = []
    for fact in facts:
        if not any(k.article == fact.article and k.start <= fact.start and fact.end <= k.end for k in kept):
            kept = [k for k in kept if not (k.article == fact.article and fact.start <= k.start and k.end <= fact.end)]
            kept.append(fact)
    return kept


def distinct_metrics(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.metric, fact)
    return list(seen.values())


def metric_phrase(table: Table) -> str:
    unit = (table.unit or "").strip()
    if not unit or unit == "%":
        return table.metric
    return table.metric if words(unit)[-1:] == words(table.metric)[:1] else unit


def quantity(table: Table, number: float) -> str:
    """``number`` with what it counts: "72% share of companies", "1 company selected", "21 companies"."""
    if (table.unit or "").strip() == "%":
        return f"{fmt(number)}% {table.metric}"
    phrase = metric_phrase(table)
    if abs(number - 1) < 1e-9:
        first, _, rest = phrase.partition(" ")
        phrase = f"{singular(first)} {rest}".strip()
    return f"{fmt(number)} {phrase}"


def countable(table: Table) -> bool:
    unit = (table.unit or "").strip()
    return bool(unit) and unit != "%" and (unit.endswith("s") or unit.split()[-1] in UNCOUNTED)  # "the most staff"


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def tidy(text: str) -> str:
    text = re.sub(r"(\[\d+\])(?:\s*\1)+", r"\1", text)  # the same source twice in a row
    text = re.sub(r"\]\s+\[", "][", text)
    return text.replace(" .", ".").replace("..", ".").replace(" ,", ",").strip()


def looks_like_date(value: str) -> bool:
    months = "january february march april may june july august september october november december".split()
    low = value.lower()
    return any(m in low for m in months) or any(len(w) == 4 and w.isdigit() and w.startswith(("19", "20")) for w in words(low))
