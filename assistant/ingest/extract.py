"""Typed facts and entities learned from an article's own text.

Sentences that can state something are parsed (:mod:`assistant.ingest.nlp`), their entities gathered
(:mod:`assistant.ingest.entities`) and read by the rules (:mod:`assistant.ingest.rules`). The article is
then read as a whole: figures of the same noun for the same kind of subject become one table (one metric,
one scope), kinds spread through a table ("Northport" counted beside cities is a city), duplicates go, and
every fact must pass the check curated facts pass (its quote is verbatim and states its value) or it is
dropped. The output depends only on the article and :data:`EXTRACTOR_VERSION`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from assistant.corpus import Article, Fact, value_stated
from assistant.ingest import nlp
from assistant.ingest.english import PLACE_KINDS
from assistant.ingest.entities import NAME_LABELS, EntityCollector, EntityRecord, clean_name, kind_of_name
from assistant.ingest.enumerations import enumerated
from assistant.ingest.followers import followers
from assistant.ingest.lists import ITEM, list_item
from assistant.ingest.phrases import Context, after_dateline, dateline, name_head, subject_of
from assistant.ingest.relations import acronyms, as_of, dates, members, name_counts, ranks, relations
from assistant.ingest.rules import Draft, figures, label_of
from assistant.numbers import CARDINALS
from assistant.text import normalize

EXTRACTOR_VERSION = "40"
MAX_QUOTE = 300
MAX_SPAN = 400  # a fact stated across two sentences quotes both
GENERIC_KINDS = {"place", "entity", "organisation", "name", "term"}


@dataclass
class Extraction:
    """What one article taught: its facts and entities."""

    article: str
    facts: list[Fact] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)


def version() -> str:
    """Changes whenever the extractor or its English pipeline does: cached extractions are then redone."""
    return f"{EXTRACTOR_VERSION}/{nlp.version()}"


def extract_articles(articles: list[Article]) -> dict[str, Extraction]:
    """Facts and entities of every article in ``articles`` (parsed in one batch)."""
    plan = [(article, nlp.sentences(article.text)) for article in articles]
    flat = [s for _, items in plan for s in items]
    parsed = iter(nlp.parse(flat))
    out: dict[str, Extraction] = {}
    for article, items in plan:
        docs = [next(parsed)[1] for _ in items]
        out[article.id] = _read_article(article, list(zip(items, docs, strict=True)))
    return out


def extract_article(article: Article) -> Extraction:
    """Facts and entities of one article."""
    return extract_articles([article])[article.id]


def _read_article(article: Article, parsed: list) -> Extraction:
    collector = EntityCollector(article.id)
    for _, doc in parsed:
        collector.read(doc)
    collector.merge_fragments(article.text, article.title)
    ctx = Context(text=article.text, title=article.title)
    for key in collector.names:
        ctx.kinds[key] = collector.kind(key, {})
        if collector.context[key]:
            ctx.stated.add(key)
    ctx.subject = _main_subject(article, collector, parsed)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for name in collector.names.values():
        kind = kind_of_name(name)
        if kind:
            by_kind[kind].append(name)
    ctx.named = {kind: names[0] for kind, names in by_kind.items() if len(names) == 1}
    drafts: list[tuple[Draft, int, object]] = []
    previous_end = 0
    for sentence, doc in parsed:
        ctx.seen += [name for e in doc.ents if e.label_ in NAME_LABELS and (name := clean_name(e.text))]
        if "\n" in article.text[previous_end : sentence.start]:
            ctx.topic = ctx.last = None  # a new paragraph
        previous_end = sentence.start + len(sentence.text)
        found = list_item(doc, ctx, sentence.start) or read_sentence(doc, ctx)
        _set_topic(found, doc, ctx, sentence.start)
        ctx.last = _about(doc, ctx) or ctx.last
        found += members(doc, ctx, sentence.start)
        for draft in found:
            drafts.append((draft, sentence.start, doc))
        if doc.text.rstrip().endswith(":"):
            ctx.intro = doc
        elif not ITEM.match(doc.text):
            ctx.intro = None
    for draft, _, _ in drafts:
        written = draft.subject
        draft.subject = collector.canonical.get(draft.subject.lower(), draft.subject)
        if ctx.subject and draft.subject.lower() == name_head(ctx.subject):
            draft.subject = ctx.subject  # "the Trophy" in an article on the Trophy of the Isles
        if draft.subject != written and draft.subject.lower() in ctx.stated:
            draft.subject_type = ctx.kinds[draft.subject.lower()]  # the kind the text gives the full name, not the short one's guess
    facts = _facts(article, drafts)
    facts = _tables(_shares_of_the_paragraph(followers(enumerated(facts, article, ctx.subject), article), article.text), ctx)
    kinds = {f.subject.lower(): f.subject_type for f in facts if f.subject_type not in GENERIC_KINDS}
    entities = collector.entities({**ctx.kinds, **kinds}, [article.text[s.start : s.end] for s in nlp.split_sentences(article.text)])
    entities = [_with_short_name(e, article.text) if e.name == ctx.subject else e for e in entities]
    known = {e.name.lower() for e in entities}
    for fact in facts:  # a list item's label ("Foundation layer") is an entity of its table's kind
        if fact.subject.lower() not in known and fact.subject[:1].isupper():
            known.add(fact.subject.lower())
            entities.append(EntityRecord(name=fact.subject, type=fact.subject_type, articles=[article.id], mentions=1))
    return Extraction(article.id, facts, sorted(entities, key=lambda e: e.name.lower()))


def _with_short_name(entity: EntityRecord, text: str) -> EntityRecord:
    """The article's subject with the one capitalised word it is called by for short ("the Trophy" for the
    Trophy of the Isles), when the text writes it so alone at least twice."""
    head = name_head(entity.name)
    if head is None or not entity.name[:1].isupper():
        return entity
    short = head[:1].upper() + head[1:]
    parts = entity.name.split()
    rest = parts[parts.index(short) + 1] if short in parts[:-1] else ""  # "Trophy of the Isles": the word after "Trophy"
    alone = [m for m in re.finditer(rf"\b{re.escape(short)}s?\b", text) if not text[m.end() :].startswith(f" {rest}")]
    if not rest or len(alone) < 2 or short.lower() in {a.lower() for a in entity.aliases}:
        return entity
    return entity.model_copy(update={"aliases": [*entity.aliases, short]})


def read_sentence(doc, ctx: Context) -> list[Draft]:
    """Every fact the rules find in one parsed sentence."""
    date_ents = [e for e in doc.ents if e.label_ == "DATE"]
    found = figures(doc, ctx, label_of(doc))
    for draft in found:
        draft.as_of = as_of(doc, draft.tokens, date_ents, draft.at)
    return found + ranks(doc, ctx) + dates(doc, ctx, date_ents) + relations(doc, ctx) + name_counts(doc, ctx, found) + acronyms(doc, ctx)


def _set_topic(found: list[Draft], doc, ctx: Context, base: int) -> None:
    """A place given a count of something ("Northport leads with 21 registered shipyards") is what the next
    sentences of the paragraph talk about ("Yards like Keelworks ...")."""
    for draft in found:
        if draft.kind in ("figure", "list") and draft.unit and draft.subject_type in PLACE_KINDS and draft.tokens:
            at = doc.text.find(draft.subject)
            if at >= 0:
                ctx.topic = (draft.subject, draft.subject_type, draft.unit.split()[-1].lower(), base + at)
                return


def _about(doc: Any, ctx: Context) -> str | None:
    """The name a sentence is about: its main verb's named subject."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    found = subject_of(None, root, doc, ctx) if root is not None else []
    return found[0][0] if found else None


def _main_subject(article: Article, collector: EntityCollector, parsed: list) -> str | None:
    """Whose figures the article gives when a sentence names no owner: the longest name in its title that
    the text names too, else the named subject of its first sentence, else the name it mentions most."""
    title = article.title.lower()
    start, end = _title_subject(article.title)
    in_title = [
        (-len(key), key)
        for key in collector.names
        if collector.mentions[key] > collector.in_headings[key]  # the text names it, beyond a Title Case line
        and not _SCALED.search(key)  # "EUR 12 million" is a sum of money, no one's name
        and not (" " in key and collector.names[key].isupper())  # a dateline's "PORT ELLIS": where it was written
        and any(start <= m.start() and m.end() <= end for m in re.finditer(rf"\b{re.escape(key)}\b", title))
    ]
    if in_title:
        return collector.names[min(in_title)[1]]
    for _, doc in parsed[:2]:
        named = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.pos_ == "PROPN"]
        subject = next((t if not dateline(t) else after_dateline(t) for t in named if not dateline(t) or after_dateline(t)), None)
        if subject is not None:
            from assistant.ingest.phrases import name_span

            return name_span(subject, doc)[0]
    ranked = collector.mentions.most_common(2)
    # the name it mentions most, when that stands out: an article about many peers is about none of them
    if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return collector.names[ranked[0][0]]
    return None


def _title_subject(title: str) -> tuple[int, int]:
    """Where in the title its topic is named: before a headline's second clause ("Herring landings rise, but
    Port Ellis slips" is not about Port Ellis), in the heading before a colon when that names anything."""
    head = title.split(": ", 1)[0]
    end = len(head) if head != title and _NAME_WORD.search(head) else len(title)
    cut = _SECOND_CLAUSE.search(title, 0, end)
    return 0, cut.start() if cut else end


_NAME_WORD = re.compile(r"\b[A-Z][a-z]")
# a headline's second clause: ", but ...", "... despite job cuts", "..., report finds" ("as" may be the only verb:
# "Record crowd as Port Ellis Marathon turns 40")
_SECOND_CLAUSE = re.compile(
    r",\s*(?:but|and|while|with|after|despite|though|although|report|study|survey|data)\b"
    r"|\s(?:but|while|despite|after|although|though|because|whereas)\s",
    re.IGNORECASE,
)


_SCALED = re.compile(r"\d\s*(?:million|billion|trillion|bn)\b")


def _facts(article: Article, drafts: list) -> list[Fact]:
    """Drafts as facts quoting the article, each checked like a curated fact; duplicates dropped."""
    out: list[Fact] = []
    seen: set[tuple] = set()
    for draft, base, doc in drafts:
        if not (draft.tokens or draft.span) or not draft.subject or not re.search(r"[a-z]", draft.metric.lower()):
            continue  # a metric must say what is measured ("%" alone says nothing)
        if _COUNTED.match(draft.subject):
            continue  # "Three captains have won it twice": a count of things is no subject of a figure
        tokens = draft.tokens
        if draft.span is not None:
            start, end = draft.span
            quote = article.text[start:end]
            value = int(draft.value) if isinstance(draft.value, float) and draft.value.is_integer() else draft.value
            if len(quote) <= MAX_SPAN and value_stated(value, quote) and normalize(draft.subject) in normalize(quote):
                digest = hashlib.sha256(f"{article.id}\x00{draft.subject}\x00{draft.metric}\x00{value}\x00{start}".encode()).hexdigest()[
                    :10
                ]
                if (draft.subject.lower(), draft.metric.lower(), str(value)) not in seen:
                    seen.add((draft.subject.lower(), draft.metric.lower(), str(value)))
                    out.append(_fact(article, draft, value, quote, start, digest))
            continue
        first, last = doc[min(tokens)], doc[max(tokens)]
        if draft.at >= 0 and last.idx - first.idx > 160:
            tokens = {t for t in tokens if abs(t - draft.at) <= 12}  # a subject far from its figure stays out of the quote
            first, last = doc[min(tokens)], doc[max(tokens)]
        start, end = base + first.idx, base + last.idx + len(last.text)
        quote = article.text[start:end].strip(" ,;:\u2014")
        start = article.text.find(quote, start)
        if not quote or len(quote) > MAX_QUOTE or start < 0:
            continue
        value: int | float | str = int(draft.value) if isinstance(draft.value, float) and draft.value.is_integer() else draft.value
        if not value_stated(value, quote) or str(value).strip().lower() == draft.subject.lower():
            continue
        key = (draft.subject.lower(), draft.metric.lower(), str(value))
        if key in seen:
            continue
        seen.add(key)
        digest = hashlib.sha256(f"{article.id}\x00{draft.subject}\x00{draft.metric}\x00{value}\x00{start}".encode()).hexdigest()[:10]
        out.append(_fact(article, draft, value, quote, start, digest))
    return out


def _fact(article: Article, draft: Draft, value, quote: str, start: int, digest: str) -> Fact:
    return Fact(
        id=f"{article.id}~{_slug(draft.subject)}-{_slug(draft.metric)}-{digest}",
        article=article.id,
        subject=draft.subject,
        subject_type=draft.subject_type,
        metric=draft.metric,
        value=value,
        unit=draft.unit,
        qualifier=draft.qualifier,
        scope=article.title if draft.kind in ("figure", "list", "share", "rank") else None,
        as_of=draft.as_of,
        quote=quote,
        start=start,
        end=start + len(quote),
        origin="learned",
    )


def _shares_of_the_paragraph(facts: list[Fact], text: str) -> list[Fact]:
    """A share that names no whole is of the whole its paragraph's share before it names: "Containers account
    for 41% of revenue. Bulk grain makes up 23%, timber 14%" are all shares of revenue."""
    out = []
    for fact in facts:
        if fact.metric == "share" and fact.unit == "%" and "share" not in fact.quote.lower():  # not "the share of cargo carried by rail"
            before = [
                f
                for f in facts
                if f.metric.startswith("share of ") and f.unit == "%" and f.end <= fact.start and "\n\n" not in text[f.end : fact.start]
            ]
            if before:
                fact = fact.model_copy(update={"metric": max(before, key=lambda f: f.end).metric})
        out.append(fact)
    return out


def _tables(facts: list[Fact], ctx: Context) -> list[Fact]:
    """Counts of one noun for one kind of subject share one metric (the most specific one written), and a
    subject of a vague kind takes the kind of the others in its table."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, fact in enumerate(facts):
        if fact.number is not None and fact.unit and fact.unit != "%":
            groups[fact.unit.split()[-1].lower()].append(i)
    for rows in groups.values():
        metrics = Counter(facts[i].metric for i in rows)
        if len(metrics) < 2:
            continue
        noun = facts[rows[0]].unit.split()[-1].lower()
        # the bare noun ("companies") joins a more specific metric of the same noun ("companies selected")
        specific = [m for m, _ in metrics.most_common() if m.lower() != noun and m.lower().split()[0] == noun]
        if not specific:
            continue
        target = specific[0]
        subjects = {facts[i].subject.lower() for i in rows if facts[i].metric == target}
        kinds = Counter(facts[i].subject_type for i in rows if facts[i].metric == target and facts[i].subject_type not in GENERIC_KINDS)
        major = kinds.most_common(1)[0][0] if kinds else None
        for i in rows:
            fact = facts[i]
            # a subject known to be of another kind keeps its own figure ("the network's 140 stations" beside districts)
            other_kind = major is not None and fact.subject_type not in (major, *GENERIC_KINDS) and _sure_kind(fact.subject, ctx)
            if fact.metric.lower() == noun and fact.subject.lower() not in subjects and not other_kind and len(subjects) >= 2:
                facts[i] = fact.model_copy(update={"metric": target})
                subjects.add(fact.subject.lower())
    tables: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, fact in enumerate(facts):
        tables[(fact.metric, fact.scope or "")].append(i)
    voted: set[int] = set()  # rows whose kind their table gave
    for rows in tables.values():
        # a vague kind counts where the name itself says it ("Dunmere FC" is an organisation)
        kinds = Counter(facts[i].subject_type for i in rows if facts[i].subject_type not in GENERIC_KINDS or _named_kind(facts[i]))
        if not kinds or len(rows) < 2 or any(facts[i].number is None for i in rows):
            continue  # only a table of figures compares like with like
        kind, votes = kinds.most_common(1)[0]
        # the rows of a vague kind that can be this kind back it ("place" for a district); a kind the recogniser
        # gave a few rows ("Seville" a person) must not spread to the places beside them
        backed = votes + sum(_could_be(facts[i].subject_type, kind) for i in rows)
        if backed * 2 < len(rows):
            continue
        for i in rows:
            # a vague kind, or one only the recogniser guessed, gives way to the kind of the table
            name = facts[i].subject.lower()
            if (
                facts[i].subject_type in GENERIC_KINDS
                or ctx.kinds.get(name) == kind  # what another table of the article found it to be
                or (facts[i].subject_type != kind and name not in ctx.stated and votes >= 2)
            ):
                facts[i] = facts[i].model_copy(update={"subject_type": kind})
                ctx.learn_kind(facts[i].subject, kind)
                voted.add(i)
    table_kinds = {f.subject.lower(): f.subject_type for f in facts if f.number is not None and f.subject_type not in GENERIC_KINDS}
    for i, fact in enumerate(facts):
        if fact.metric in PLACE_KINDS and isinstance(fact.value, str):  # "Keelworks | place | Northport" -> "city"
            kind = table_kinds.get(fact.value.lower()) or ctx.kinds.get(fact.value.lower())
            if kind in PLACE_KINDS and kind != fact.metric:
                facts[i] = fact = fact.model_copy(update={"metric": kind})
        known = ctx.kinds.get(fact.subject.lower()) or kind_of_name(fact.subject)
        if fact.subject_type in GENERIC_KINDS and known and known not in GENERIC_KINDS and i not in voted:
            facts[i] = fact.model_copy(update={"subject_type": known})
    return sorted(facts, key=lambda f: (f.start, f.metric, f.subject))


_COUNTED = re.compile(
    rf"^(?:\d[\d,.]*|{'|'.join(sorted(CARDINALS, key=len, reverse=True))}|several|many|some|most|all|both|few)\s+(?-i:[a-z][\w\-]*s)$", re.I
)


def _could_be(vague: str, kind: str) -> bool:
    """Whether a subject of the vague kind ``vague`` can be of ``kind``: a place a city, an organisation a company."""
    if vague == "place":
        return kind in PLACE_KINDS
    if vague == "organisation":
        return kind not in PLACE_KINDS and kind != "person"
    return vague in ("entity", "name", "term")


def _named_kind(fact: Fact) -> bool:
    """Whether the subject's name says its kind is the fact's ("... FC", "... Association": an organisation)."""
    return kind_of_name(fact.subject) == fact.subject_type


def _sure_kind(name: str, ctx: Context) -> bool:
    """Whether the article's words or the name itself say what ``name`` is (not only the recogniser's guess)."""
    return name.lower() in ctx.stated or kind_of_name(name) is not None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"
