"""``assistant facts``: the typed facts an index holds, curated and learned, with their quotes and offsets."""

from __future__ import annotations

import json
import sys
from typing import Any

from assistant.corpus import Fact
from assistant.store import Store

COLUMNS = ("origin", "subject", "metric", "value", "quote", "offsets")


def indexed_facts(store: Store) -> tuple[list[Fact], set[str]] | None:
    """The facts of the current index generation and the ids of its articles; None when nothing is indexed."""
    name = store.current_name()
    if name is None:
        return None
    sources = store.sources(name)
    records = sources.get(where={"kind": "facts"}, include=["documents"])["documents"]
    facts = [Fact.model_validate(data) for document in records for data in json.loads(document)]
    articles = {i.split(":", 1)[1] for i in sources.get(where={"kind": "article"}, include=[])["ids"]}
    return sorted(facts, key=lambda f: (f.article, f.start, f.origin, f.metric)), articles


def run(store: Store, *, article: str | None = None, as_json: bool = False, out: Any = None) -> int:
    """Print the facts (of one article); 2 with a message on stderr when there is no index or no such article."""
    out = out or sys.stdout
    found = indexed_facts(store)
    if found is None:
        print(f"error: no index yet in {store.describe()}; run `assistant index` first", file=sys.stderr)
        return 2
    facts, articles = found
    if article is not None:
        if article not in articles:
            known = ", ".join(sorted(articles)) or "none"
            print(f"error: no article with id {article!r} in the index (articles: {known})", file=sys.stderr)
            return 2
        facts = [f for f in facts if f.article == article]
    if as_json:
        payload = {"count": len(facts), "facts": [f.model_dump(mode="json") for f in facts]}
        print(json.dumps(payload, ensure_ascii=False), file=out)
        return 0
    print(table(facts), file=out)
    learned = sum(1 for f in facts if f.origin == "learned")
    print(f"{len(facts)} facts ({len(facts) - learned} curated, {learned} learned)", file=out)
    return 0


def table(facts: list[Fact]) -> str:
    """The facts as an aligned text table, one line each (long quotes shortened)."""
    rows = [COLUMNS]
    for f in facts:
        value = " ".join(str(p) for p in (f.qualifier, f.value, f.unit) if p not in (None, ""))
        quote = f.quote if len(f.quote) <= 70 else f.quote[:67] + "..."
        rows.append(
            (f.origin, _cut(f.subject, 40), _cut(f.metric, 40), _cut(value, 30), f"\u201c{quote}\u201d", f"{f.article}:{f.start}-{f.end}")
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS) - 1)]
    return "\n".join("  ".join([*(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)), r[-1]]).rstrip() for r in rows)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
