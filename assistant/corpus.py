"""The corpus: articles (text kept verbatim), structured facts quoting them, and a bilingual glossary.

Loading validates everything before anything else happens, so a mistake in a file stops
``assistant index`` with a message naming the file, the line and what to fix, and the index stays as
it was.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.ingest import DOCUMENT_SUFFIXES, read_document
from assistant.numbers import SCALES, find_numbers, to_number

ARTICLE_SUFFIXES = (".md", ".txt", *DOCUMENT_SUFFIXES)
_FRONT_MATTER_FIELDS = {"id", "title", "publisher", "url", "published", "language"}
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class CorpusError(ValueError):
    """A corpus file is wrong; the message names the file (and line) and says what to fix."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Article:
    """One source document. ``text`` is the body exactly as cited: quotes are spans of it."""

    id: str
    title: str
    text: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    path: Path | None = None

    @property
    def content_hash(self) -> str:
        meta = f"{self.title}\x00{self.publisher}\x00{self.url}\x00{self.published}\x00{self.language}"
        return hashlib.sha256(f"{meta}\x00{self.text}".encode()).hexdigest()

    def meta(self) -> dict[str, str]:
        """Metadata carried with every chunk and citation of this article."""
        return {
            "source": self.id,
            "title": self.title,
            "url": self.url or "",
            "publisher": self.publisher or "",
            "published": self.published or "",
        }


class Fact(BaseModel):
    """A typed fact: ``subject``'s ``metric`` is ``value`` (in ``unit``), as ``quote`` says."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Unique, stable identifier.")
    article: str = Field(description="Id of the article the quote comes from.")
    subject: str = Field(description="The entity the fact is about, e.g. 'Northport'.")
    subject_type: str = Field("entity", description="Kind of entity: city, company, person, product, ...")
    metric: str = Field(description="The attribute, worded the same across comparable facts.")
    value: int | float | str = Field(description="The value as stated (a number or a name).")
    unit: str | None = Field(None, description="Unit of a numeric value, e.g. 'companies', '%'.")
    qualifier: str | None = Field(None, description="How exact the value is: 'more than', 'about', ...")
    scope: str | None = Field(None, description="What the value is measured over (a list, a report).")
    as_of: str | None = Field(None, description="When the value holds, e.g. '2025-12-31' or '2026'.")
    quote: str = Field(description="Verbatim span of the article that states the fact.")
    start: int = Field(-1, description="Offset of the quote in the article text (filled in on load).")
    end: int = Field(-1, description="End offset of the quote (filled in on load).")
    origin: Literal["curated", "learned"] = Field(
        "curated", description="'curated': written in corpus/facts.yaml; 'learned': extracted from the article at index time."
    )

    @field_validator("id", "article", "subject", "metric", "quote")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not str(value).strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("subject_type", "metric")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()

    @cached_property
    def number(self) -> float | None:
        """The value as a number, or None for a named value (worked out once: answering asks often)."""
        return to_number(self.value)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


class GlossaryTerm(BaseModel):
    """An English term with its other names: Chinese names and English aliases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(description="The term as the articles write it.")
    zh: list[str] = Field(default_factory=list, description="Chinese names of the term.")
    aliases: list[str] = Field(default_factory=list, description="Other English names.")
    type: str | None = Field(None, description="Kind of entity, when the term names one.")


@dataclass
class Corpus:
    """Everything under ``corpus/``, validated."""

    articles: dict[str, Article]
    facts: list[Fact] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        return self.articles[article_id]


def load_corpus(articles_dir: Path, facts_file: Path | None = None, glossary_file: Path | None = None) -> Corpus:
    """Load and validate the articles, then the facts against them, then the glossary."""
    articles = load_articles(articles_dir)
    facts = load_facts(facts_file, articles) if facts_file and facts_file.exists() else []
    glossary = load_glossary(glossary_file) if glossary_file and glossary_file.exists() else []
    return Corpus(articles=articles, facts=facts, glossary=glossary)


# ----------------------------------------------------------------------------------------- articles


def load_articles(articles_dir: Path) -> dict[str, Article]:
    """Every article in ``articles_dir`` (see ``ARTICLE_SUFFIXES``), by id."""
    if not articles_dir.is_dir():
        raise CorpusError(articles_dir, "the articles folder does not exist; create it and put .md or .txt articles in it")
    articles: dict[str, Article] = {}
    for path in sorted(articles_dir.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES or (path.is_dir() and not path.is_symlink()):
            continue  # links, pipes and devices are not skipped: read_article refuses them by name
        article = read_article(path)
        if article.id in articles:
            raise CorpusError(path, f"id {article.id!r} is already used by {articles[article.id].path.name}; give each article its own id")
        articles[article.id] = article
    return articles


def read_article(path: Path) -> Article:
    """Read one article file: Markdown with YAML front matter, plain text, or a document (see :mod:`assistant.ingest`)."""
    from assistant.ingest.safety import read_regular, read_text  # here: safety raises this module's CorpusError

    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        read_regular(path)  # a link, a pipe or a device is refused before any loader opens it
        return read_document(path)
    raw = read_text(path)
    raw = raw.replace("\r\n", "\n").lstrip("\ufeff")
    if path.suffix.lower() == ".txt":
        text = _body(raw)
        if not text:
            raise CorpusError(path, "the article is empty; put the article text in the file")
        title = next(line.strip() for line in text.splitlines() if line.strip())
        return Article(id=_check_id(path.stem, path, 1), title=title[:200], text=text, path=path)
    meta, body, body_line = _split_front_matter(raw, path)
    text = _body(body)
    if not text:
        raise CorpusError(
            path, "the article has front matter but no text below it; add the article text after the closing '---'", line=body_line
        )
    article_id = _check_id(str(meta.get("id") or path.stem), path, 2)
    title = meta.get("title")
    if not title or not str(title).strip():
        raise CorpusError(path, "the front matter has no 'title:'; add one, e.g. title: \"What the article is called\"", line=2)

    def opt(key: str) -> str | None:
        value = meta.get(key)
        return None if value is None or str(value).strip() == "" else str(value).strip()

    return Article(
        id=article_id,
        title=str(title).strip(),
        text=text,
        path=path,
        publisher=opt("publisher"),
        url=opt("url"),
        published=opt("published"),
        language=opt("language"),
    )


def _split_front_matter(raw: str, path: Path) -> tuple[dict[str, Any], str, int]:
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        raise CorpusError(
            path,
            "no front matter: a .md article starts with a '---' line, then 'id:' and 'title:' lines, "
            "then '---', then the text (or save plain text as a .txt file)",
            line=1,
        )
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise CorpusError(path, "the front matter is never closed: add a '---' line after its last field", line=1) from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:close])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        raise CorpusError(path, f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)}); fix that line", line=line) from exc
    if not isinstance(meta, dict):
        raise CorpusError(path, "the front matter must be 'key: value' lines (id, title, publisher, url, published, language)", line=2)
    unknown = set(map(str, meta)) - _FRONT_MATTER_FIELDS
    if unknown:
        raise CorpusError(path, f"unknown front matter field(s) {sorted(unknown)}; allowed: {sorted(_FRONT_MATTER_FIELDS)}", line=2)
    return meta, "\n".join(lines[close + 1 :]), close + 2


def _body(text: str) -> str:
    return text.strip("\n").rstrip()


def _check_id(article_id: str, path: Path, line: int) -> str:
    if not _ID_RE.match(article_id):
        raise CorpusError(path, f"id {article_id!r} may hold only letters, digits, '.', '_' and '-'", line=line)
    return article_id


# -------------------------------------------------------------------------------------------- facts


def load_facts(path: Path, articles: dict[str, Article]) -> list[Fact]:
    """Facts from ``path`` (a YAML list under ``facts:``), each checked against its article."""
    records = _yaml_records(path, "facts")
    facts: list[Fact] = []
    seen: dict[str, int] = {}
    for record, line in records:
        try:
            fact = Fact.model_validate(record)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'fact'}: {e['msg']}" for e in exc.errors())
            raise CorpusError(path, f"fact is malformed ({problems})", line=line) from None
        if fact.id in seen:
            raise CorpusError(path, f"fact id {fact.id!r} is used twice (first at line {seen[fact.id]}); ids must be unique", line=line)
        seen[fact.id] = line
        article = articles.get(fact.article)
        if article is None:
            known = ", ".join(sorted(articles)) or "none"
            raise CorpusError(path, f"fact {fact.id!r} names article {fact.article!r}, which does not exist (articles: {known})", line=line)
        span = locate(fact.quote, article.text)
        if span is None:
            raise CorpusError(
                path,
                f"the quote of fact {fact.id!r} is not in article {fact.article!r}; copy the words exactly from the article",
                line=line,
            )
        if not value_stated(fact.value, fact.quote):
            raise CorpusError(
                path, f"fact {fact.id!r}: its value {fact.value!r} is not stated in its quote; quote the words that give it", line=line
            )
        facts.append(fact.model_copy(update={"quote": article.text[span[0] : span[1]], "start": span[0], "end": span[1]}))
    return facts


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``: an exact match, else one that differs only in white space."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def value_stated(value: int | float | str, quote: str) -> bool:
    """Whether ``quote`` states ``value``: the number in any written form, or the name itself."""
    number = to_number(value)
    if number is None:
        return _norm(str(value)) in _norm(quote)
    if number in {n.value for n in find_numbers(quote)}:
        return True
    # "3.4 trillion" may be recorded as 3.4e12, "240 billion" as 2.4e11.
    for n in find_numbers(quote):
        tail = quote[n.end : n.end + 12].lower().split()
        if tail and tail[0] in SCALES and abs(n.value * SCALES[tail[0]] - number) < 1e-6 * max(1.0, number):
            return True
    return False


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


# ----------------------------------------------------------------------------------------- glossary


SYNONYM = "synonym"  # the type of a glossary entry that is a group of words meaning the same


def load_glossary(path: Path) -> list[GlossaryTerm]:
    """Glossary terms from ``path`` (a YAML list under ``terms:``), then its synonym groups.

    A group under ``synonyms:`` (a list of words) becomes a term of type ``synonym``: its first word
    with the others as aliases.
    """
    terms = []
    for record, line in _yaml_records(path, "terms", optional=True):
        try:
            terms.append(GlossaryTerm.model_validate(record))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'term'}: {e['msg']}" for e in exc.errors())
            raise CorpusError(path, f"glossary term is malformed ({problems})", line=line) from None
    for group, line in _yaml_records(path, "synonyms", optional=True, kind=list):
        words = [str(w).strip() for w in group if str(w).strip()]
        if len(words) < 2 or not all(isinstance(w, str | int | float) for w in group):
            raise CorpusError(path, "a synonym group must list two or more words, e.g. - [firm, company]", line=line)
        terms.append(GlossaryTerm(en=words[0], aliases=words[1:], type=SYNONYM))
    return terms


def _yaml_records(path: Path, key: str, *, optional: bool = False, kind: type = dict) -> list[tuple[Any, int]]:
    """The mappings (or lists, with ``kind=list``) listed under ``key`` in a YAML file, each with its line number.

    ``optional``: a file without ``key`` has no such records (other keys must be there instead).
    """
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        raise CorpusError(path, "is not UTF-8 text; save it as UTF-8") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError(
            path, f"is not valid YAML ({getattr(exc, 'problem', exc)}); fix that line", line=mark.line + 1 if mark else None
        ) from exc
    if data is None or (optional and isinstance(data, dict) and data and key not in data):
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise CorpusError(path, f"must hold a list under '{key}:' (one '- ' entry per item)", line=1)
    items_node = next(v for k, v in node.value if k.value == key)
    records = []
    for item, item_node in zip(data[key], items_node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, kind):
            shape = "a mapping of 'field: value' lines" if kind is dict else "a list such as [word, other word]"
            raise CorpusError(path, f"each entry under '{key}:' must be {shape}", line=line)
        records.append((item, line))
    return records
