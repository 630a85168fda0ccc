"""Everything answering needs from one index snapshot, built once per snapshot: the entity lexicon,
the vocabulary, the facts engine, the sentence reader and the evidence judge."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answer.evidence import Judge
from assistant.answer.facts import FactBase
from assistant.answer.reader import SentenceReader
from assistant.config import ReaderSettings
from assistant.corpus import Article
from assistant.snapshot import Snapshot
from assistant.text import normalize
from assistant.understand.history import remember_lookups
from assistant.understand.lexicon import Entity, Lexicon
from assistant.understand.spelling import Vocabulary
from assistant.understand.translate import Translator

if TYPE_CHECKING:
    from assistant.retrieval import Searcher


@dataclass
class Reader:
    """Everything derived from one snapshot that answering needs."""

    snapshot: Snapshot
    lexicon: Lexicon
    vocabulary: Vocabulary
    facts: FactBase
    judge: Judge
    sentences: SentenceReader
    translator: Translator

    @classmethod
    def build(cls, snapshot: Snapshot, settings: ReaderSettings, searcher: Searcher | None = None) -> Reader:
        texts = [a.text for a in snapshot.articles.values()] + [a.title for a in snapshot.articles.values()]
        vocabulary = Vocabulary(texts)
        corpus_words = {w for a in snapshot.articles.values() for w in a.text.split() if w.islower()}
        lexicon = Lexicon.build(
            list(snapshot.facts.values()),
            snapshot.glossary,
            corpus_words=corpus_words,
            synonyms=snapshot.synonyms,
            learned=snapshot.entities,
        )
        remember_lookups(lexicon)
        facts = FactBase(
            list(snapshot.facts.values()),
            snapshot.articles,
            fact_ids=snapshot.fact_ids,
            vectors=snapshot.fact_vectors,
            vocabulary=set(snapshot.bm25.vocab_dict),
            entity_types={normalize(e.name): e.type for e in lexicon.entities},
            idf=snapshot.idf,
            related=lexicon.related,
        )
        judge = Judge(snapshot, lexicon, vocabulary, settings, searcher)
        sentences = SentenceReader(snapshot.articles, lexicon, judge, settings)
        translator = Translator(
            snapshot.glossary, articles=snapshot.articles.values(), names=_names_written(lexicon, snapshot.articles.values())
        )
        return cls(snapshot, lexicon, vocabulary, facts, judge, sentences, translator)

    def homes(self, names: set[str]) -> set[str]:
        """The articles whose facts are about the entities ``names`` (a report's own article)."""
        if not names:
            return set()
        wanted = {normalize(n) for n in names}
        return {f.article for f in self.facts.facts if normalize(f.subject) in wanted}

    def related(self, owner: Entity, kind: str) -> Entity | None:
        """An entity of type ``kind`` that a fact ties to ``owner`` ("his company")."""
        for fact in self.facts.facts:
            if fact.subject.lower() == owner.name.lower() and isinstance(fact.value, str):
                candidate = self.lexicon.get(fact.value)
                if candidate and candidate.type == kind:
                    return candidate
        for fact in self.facts.facts:
            if isinstance(fact.value, str) and fact.value.lower() == owner.name.lower():
                candidate = self.lexicon.get(fact.subject)
                if candidate and candidate.type == kind:
                    return candidate
        return None


def _names_written(lexicon: Lexicon, articles: Iterable[Article]) -> list[str]:
    """The entities' names, and their short names as the articles write them ("Harwick" of the Harwick Maritime Survey)."""
    capitalised = {w for a in articles for w in re.findall(r"\b[A-Z][\w'\-]*", a.text)}
    names = [e.name for e in lexicon.entities]
    for e in lexicon.entities:
        if e.type == "person":
            continue  # a first name alone ("Mara") sounds like too many words
        for alias in e.aliases:
            written = alias if alias[:1].isupper() else alias[:1].upper() + alias[1:]
            if len(written) >= 4 and all(w in capitalised for w in written.split()):
                names.append(written)
    return list(dict.fromkeys(names))
