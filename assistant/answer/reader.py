"""The extractive reader: the sentence of the sources that best answers the question, quoted and cited.

No language model and no rules about any corpus. The candidate sentences are those of the retrieved
passages and the sentences retrieved on their own; each is scored on what makes a sentence an
answer in any text:

- its meaning (cosine similarity of its own vector to the question's) and its passage's,
- the question's words it holds, rare words weighing more, synonyms and the words just before it
  (a sentence that says "it" about what the previous one names) counting too,
- the names the question gives (a sentence about another entity answers nothing),
- the kind of answer the question wants (a date for "when", a number for "how many", a name for
  "who", a place for "where", a cause for "why") present in it, beyond what the question says.

The best sentence is the answer, cut to the clauses around the answer when it is long, and followed
by the next sentences of its paragraph for a question that asks to explain or describe. The same
features give the evidence score that decides whether to answer at all (see :mod:`evidence`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from assistant.answer.base import AskState, Proposal
from assistant.answer.clauses import as_sentence, best_window
from assistant.answer.evidence import CRISP, LIST_ITEM, PRONOUN_START, Features, Judge, Name, names_in_question, states_extreme
from assistant.answer.types import PERSON_TYPES, answer_spans, asks_kind, new_names, people_of
from assistant.chunking import Span, split_sentences
from assistant.citations import Evidence
from assistant.config import ReaderSettings
from assistant.corpus import Article
from assistant.retrieval import Hit
from assistant.text import STOPWORDS, YEAR, normalize, stem, terms, words
from assistant.understand.lexicon import PLACE_TYPES, Lexicon, written_in
from assistant.understand.positions import stated_places
from assistant.understand.question import DESCRIBE, Question
from assistant.understand.relative import MONTH, dated_events, published_year, reported_year, years_meant
from assistant.understand.spelling import fold

MAX_ANSWER_CHARS = 480
HEADING_WORDS = 12
PARTNER_CHARS = 360  # two sentences quoted together stay a short answer
ECHO = 0.5  # a sentence with fewer new words than this mostly repeats the question: what follows it answers
LONG_SENTENCE = 260
# a sentence whose subject stands for a name the sentence before gives: "His hive, ...", "In 1817 he built ...";
# and one whose subject is a person so ("he built", "In 1817 she moved"); the subject may follow an opening phrase
_OPENING = rf"(?:[\w,'\-]+\s+)(?:(?:[a-z0-9][\w,'\-]*|{MONTH},?)\s+){{0,3}}?"  # "In 1817 ", "On 11 June 1770, "
_REFERS_BACK = re.compile(rf"^\W*(?:(?i:it|its|he|his|she|her|they|their)\b|{_OPENING}(?:he|she|they|his|her|their)\s+[a-z])")
# a person the sentence before names: "He built ...", "In 1817 he ...", "On 11 June 1770, his ship ..."
_PERSON_SUBJECT = re.compile(rf"^\W*(?:(?i:he|his|she|her)\b|{_OPENING}(?:he|she|his|her)\s+[a-z])")
PARAGRAPH_SENTENCES = 5  # how far back in its paragraph a sentence may lean on a name written before it
SECTION_SENTENCES = 12  # how far back the heading of a sentence's section is looked for
SENTENCES_REMEMBERED = 100_000  # what the reader keeps worked out about sentences (see ``_remembered``), at most
LEAD = 160  # a line longer than this is a paragraph, not a headline
_HE_OR_SHE_OPENS = re.compile(r"^\W*(?:he|she|his|her)\b", re.I)
FOLLOW_UP_BONUS = 1.0  # a follow-up that only asks: the sentence the last answer quoted is likeliest
REFERRED_BONUS = 0.3  # a follow-up that refers back ("they", "it") and was made whole: that sentence, on a near tie
_HE_OR_SHE_DOES = re.compile(r"\b(?:he|she)\b", re.I)  # a sentence about someone it does not name: "For a decade he ..."
ANTECEDENT_REACH = 2  # sentences back a sentence that refers back is read to find whom it refers to
NAMES_MARGIN = 0.6  # a sentence that names all the question names is preferred to a better-scored one this close that does not
TYPED_MARGIN = 0.5  # a sentence holding the figure or date asked for is preferred to a better-scored one this close without
TIED = 0.05  # scores this close are as good as equal
EXPLAINED_AMONG = 5  # how many of the best candidates a "why" question looks behind for the reason that follows them
MEANING_MARGIN = 1.5  # ... and one at least as near in meaning that holds it, this close
# what may come before a figure or date that opens a sentence: "On 28 September 1928, ...", "By 1944 ..."
_OPENING = re.compile(
    r"\W*(?:(?:on|in|by|at|from|during|since|until|around|about|some|nearly|almost|over|after|before)\s+)?(?:the\s+)?", re.I
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``article.text[span.start:span.end] == span.text``."""

    article: Article
    span: Span
    position: int  # index among the article's sentences


@dataclass
class Ranked:
    """A candidate sentence with its features and score."""

    sentence: Sentence
    features: Features
    score: float
    spans: list[tuple[int, int]] = field(default_factory=list)  # answer-type spans, offsets into the sentence


class SentenceReader:
    """Ranks the sentences of retrieved passages and quotes the best one."""

    name = "reader"

    def __init__(self, articles: dict[str, Article], lexicon: Lexicon, judge: Judge, settings: ReaderSettings) -> None:
        self.articles = articles
        self.lexicon = lexicon
        self.judge = judge
        self.settings = settings
        self._sentences = {aid: split_sentences(a.text) for aid, a in articles.items()}
        self._starts = {aid: [s.start for s in spans] for aid, spans in self._sentences.items()}
        self._folded_texts: dict[str, str] = {}
        self._years: dict[str, int | None] = {}
        self._reported_years: dict[str, str | None] = {}
        self._latest_years: dict[str, int | None] = {}
        self._leads: dict[str, tuple[str, str]] = {}
        # what is worked out about one sentence, the same for every question: (what, article, start, end) -> it
        self._about_sentence: dict[tuple[str, str, int, int], Any] = {}
        self._dated: dict[str, set[tuple[str, str]]] = {}

    # ------------------------------------------------------------------------------ candidates

    def sentence_at(self, article_id: str, offset: int) -> Sentence | None:
        """The sentence of ``article_id`` holding character ``offset``."""
        spans = self._sentences.get(article_id)
        if not spans:
            return None
        i = max(0, bisect_right(self._starts[article_id], offset) - 1)
        return Sentence(self.articles[article_id], spans[i], i)

    def context_of(self, sentence: Sentence) -> str:
        """What a sentence may lean on: the title, the sentence before it (and the ones before that while
        each only refers back: "However, he ..."), and, for an item of a list, the line that introduces the
        list ("The overnight stays by town were:") and the sentence before that."""
        previous = self.neighbour(sentence, -1)
        parts = [sentence.article.title, previous.span.text if previous else ""]
        # "However, he found it hard to purify. As a result, he did little further work on it.": a sentence
        # that names no one and says "he" leans on the one before it too
        earlier = previous
        for _ in range(2):
            if earlier is None or not _UNNAMED_PRONOUN.search(earlier.span.text) or _NAMED.search(earlier.span.text[1:]):
                break
            before = self.neighbour(earlier, -1)
            if before is None or not _same_paragraph(before, earlier):
                break
            parts.append(before.span.text)
            earlier = before
        if _ITEM.match(sentence.span.text):
            intro = previous
            for _ in range(MAX_LIST_ITEMS * 3):
                if intro is None or intro.span.text.rstrip().endswith(":"):
                    break
                intro = self.neighbour(intro, -1)
            if intro is not None:
                before = self.neighbour(intro, -1)  # "... a plan called "Harbour 2040". Its main targets are:"
                parts += [before.span.text if before else "", intro.span.text]
        return "\n".join(parts)

    def _events(self, article: Article) -> set[tuple[str, str]]:
        """The events ``article`` dates (see :func:`dated_events`)."""
        if article.id not in self._dated:
            self._dated[article.id] = dated_events(article.text)
        return self._dated[article.id]

    def _published(self, article: Article) -> int | None:
        """The year ``article`` was published, when it says (see :func:`published_year`)."""
        if article.id not in self._years:
            self._years[article.id] = published_year(article)
        return self._years[article.id]

    def _opens_paragraph(self, sentence: Sentence) -> bool:
        previous = self.neighbour(sentence, -1)
        return previous is None or not _same_paragraph(previous, sentence)

    def _latest(self, article: Article) -> int | None:
        """The latest year ``article`` writes: its present, as far as it tells."""
        if article.id not in self._latest_years:
            self._latest_years[article.id] = max((int(y) for y in YEAR.findall(article.text)), default=None)
        return self._latest_years[article.id]

    def _reported(self, article: Article) -> str | None:
        """The year ``article`` reports on, when it is a dated report (see :func:`reported_year`)."""
        if article.id not in self._reported_years:
            self._reported_years[article.id] = reported_year(article.text, self._published(article), article.title)
        return self._reported_years[article.id]

    def section_of(self, sentence: Sentence) -> str:
        """The heading of the section ``sentence`` is in ("Central Library roof repair"), or "" when there is none
        below the title: what the sentences under it are about."""
        return self._remembered("section", sentence, self._section_of)

    def _section_of(self, sentence: Sentence) -> str:
        heading = self.neighbour(sentence, -1)
        for _ in range(SECTION_SENTENCES):
            if heading is None or heading.position == 0:
                return ""
            if self.is_heading(heading):
                return heading.span.text
            heading = self.neighbour(heading, -1)
        return ""

    def _folded(self, article_id: str) -> str:
        """An article's title and text as names are matched in it (normalised, accents folded)."""
        folded = self._folded_texts.get(article_id)
        if folded is None:
            article = self.articles[article_id]
            folded = self._folded_texts[article_id] = fold(normalize(f"{article.title}\n{article.text}"))
        return folded

    def _lead(self, article: Article) -> str:
        """An article's title and the lines above its first paragraph (a headline), as names are matched in
        them: what the article is about."""
        return self._opening(article)[0]

    def _opening(self, article: Article) -> tuple[str, str]:
        """An article's lead (see :meth:`_lead`) and its first paragraph, as names are matched in them."""
        opening = self._leads.get(article.id)
        if opening is None:
            lines, first = [], ""
            for line in article.text.splitlines():
                if len(line) > LEAD or re.search(r"[.!?:;]\W*$", line):  # the first paragraph, or a sentence
                    first = line
                    break
                lines.append(line)
            opening = self._leads[article.id] = (fold(normalize("\n".join([article.title, *lines]))), fold(normalize(first)))
        return opening

    def _paragraph_before(self, sentence: Sentence) -> str:
        """The sentences of ``sentence``'s paragraph before it (up to :data:`PARAGRAPH_SENTENCES`), folded."""
        return self._remembered("paragraph", sentence, lambda s: fold(normalize(self._text_before(s, within_paragraph=True))))

    def _remembered(self, what: str, sentence: Sentence, work: Callable[[Sentence], Any]) -> Any:
        """``work(sentence)``, worked out once per sentence: the reader scores the same sentences for question after question."""
        key = (what, sentence.article.id, sentence.span.start, sentence.span.end)
        if key not in self._about_sentence:
            if len(self._about_sentence) >= SENTENCES_REMEMBERED:  # a long-running server over a large corpus: start again
                self._about_sentence.clear()
            self._about_sentence[key] = work(sentence)
        return self._about_sentence[key]

    def _text_before(self, sentence: Sentence, *, within_paragraph: bool = False) -> str:
        """The sentences just before ``sentence`` (up to :data:`PARAGRAPH_SENTENCES`), paragraphs crossed
        unless ``within_paragraph``."""
        before, at = [], sentence
        for _ in range(PARAGRAPH_SENTENCES):
            previous = self.neighbour(at, -1)
            if previous is None or (within_paragraph and not _same_paragraph(previous, at)):
                break
            before.append(previous.span.text)
            at = previous
        return " ".join(reversed(before))

    def is_heading(self, sentence: Sentence) -> bool:
        """A line of its own without a full stop: a title or a heading, which names a topic and answers nothing."""
        return self._remembered("heading", sentence, self._is_heading)

    def _is_heading(self, sentence: Sentence) -> bool:
        text = sentence.article.text
        line_start = text.rfind("\n", 0, sentence.span.start) + 1
        line_end = text.find("\n", sentence.span.end)
        own_line = (
            not text[line_start : sentence.span.start].strip() and not text[sentence.span.end : line_end if line_end >= 0 else None].strip()
        )
        words = sentence.span.text.split()
        listed = LIST_ITEM.match(text[line_start : sentence.span.end])  # a list item, "• Ferries — 12%"
        # a longer line is a heading when written in title case ("... as the New Kelp Ferry Terminal Welcomes Its First Passengers")
        titled = sum(1 for w in words if w[:1].isupper()) >= 0.6 * sum(1 for w in words if len(w) > 3)
        short = len(words) <= HEADING_WORDS or (titled and len(words) <= 2 * HEADING_WORDS)
        return own_line and not listed and short and not re.search(r"[.!?:;)\]\"\u201d]$", sentence.span.text.strip())

    def neighbour(self, sentence: Sentence, step: int) -> Sentence | None:
        spans = self._sentences[sentence.article.id]
        i = sentence.position + step
        return Sentence(sentence.article, spans[i], i) if 0 <= i < len(spans) else None

    def _with_antecedent(self, sentence: Sentence, back: int = 1) -> Sentence | None:
        """``sentence`` quoted with the ``back`` sentences before it in its paragraph, the first of which names what
        its pronoun stands for."""
        before = self.neighbour(sentence, -back)
        if before is None or self.is_heading(before) or not _same_paragraph(before, sentence):
            return None
        start, end = before.span.start, sentence.span.end
        return Sentence(sentence.article, Span(start, end, sentence.article.text[start:end]), sentence.position)

    def candidates(self, hits: list[Hit], sentence_hits: list[Hit], scope: list[str] | None = None) -> list[tuple[Sentence, float, float]]:
        """Candidate sentences with (their own similarity when known or -1, their passage's similarity)."""
        out: dict[tuple[str, int], tuple[Sentence, float, float]] = {}
        allowed = set(scope) if scope else None

        def add(sentence: Sentence | None, own: float, passage: float) -> None:
            if sentence is None or (allowed is not None and sentence.article.id not in allowed):
                return
            key = (sentence.article.id, sentence.span.start)
            if key in out:
                old = out[key]
                out[key] = (sentence, max(old[1], own), max(old[2], passage))
            else:
                out[key] = (sentence, own, passage)

        for hit in sentence_hits:
            add(self.sentence_at(str(hit.metadata.get("source")), int(hit.metadata.get("start", 0))), hit.similarity, 0.0)
        for hit in hits:
            article_id = str(hit.metadata.get("source"))
            if article_id not in self.articles:
                continue
            start, end = int(hit.metadata.get("start", 0)), int(hit.metadata.get("end", 0))
            sentence = self.sentence_at(article_id, start)
            while sentence is not None and sentence.span.start < end:
                add(sentence, -1.0, hit.similarity)
                sentence = self.neighbour(sentence, 1)
        return list(out.values())[: self.settings.max_candidates]

    def _stating_place(self, place: int, candidates: list[tuple[Sentence, float, float]]) -> list[tuple[Sentence, float, float]]:
        """The sentences of the candidates' articles that state the place in a ranking asked ("Top spot went to
        ...", "Fenwick Bakes came third"), which searching by meaning or words misses: a place is said in many ways."""
        have = {(s.article.id, s.span.start) for s, _, _ in candidates}
        out = []
        for article_id in dict.fromkeys(s.article.id for s, _, _ in candidates):
            for i, span in enumerate(self._sentences.get(article_id, ())):
                if (article_id, span.start) not in have and place in stated_places(span.text):
                    out.append((Sentence(self.articles[article_id], span, i), -1.0, 0.0))
        return out

    # ----------------------------------------------------------------------------------- ranking

    def rank(self, q: Question, candidates: list[tuple[Sentence, float, float]], similarity: dict[tuple[str, int], float]) -> list[Ranked]:
        """``candidates`` scored for ``q``, best first. ``similarity``: sentence vectors' cosine to the question."""
        names = names_in_question(q, self.lexicon)
        events = dated_events(q.norm)  # "the 1980 eruption": an event the question dates
        unmentioned: dict[str, int] = {}
        ranked = []
        for sentence, own, passage in candidates:
            article = sentence.article.id
            if article not in unmentioned:
                unmentioned[article] = self.judge.unmentioned(q, names, self._folded(article)) if names else 0
            dense = similarity.get((sentence.article.id, sentence.span.start), own)
            spans = answer_spans(q, sentence.span.text, self.lexicon)
            unnamed = not spans or (  # "In 1817 he built the Skimmer": he is the person, not the machine (nor his ship)
                q.expects == "person"
                and _PERSON_SUBJECT.match(sentence.span.text)
                and not people_of(sentence.span.text, spans, self.lexicon)
            )
            if unnamed and q.expects in {"person", "entity"} and _REFERS_BACK.match(sentence.span.text):
                # "His movable-frame hive, patented in 1852, ...": who he is, the sentence before says (or the one
                # before that, when it too only refers back and this one names whom the question asks about: "For a
                # decade he worked from home. His wife, Ann Lind, ..." for who Ann Lind's husband was)
                reach = ANTECEDENT_REACH if _names_any(names, sentence.span.text) else 1
                for back in range(1, reach + 1):
                    joined = self._with_antecedent(sentence, back)
                    joined_spans = answer_spans(q, joined.span.text, self.lexicon) if joined else []
                    if joined and joined_spans and (q.expects != "person" or people_of(joined.span.text, joined_spans, self.lexicon)):
                        sentence, spans = joined, joined_spans
                        break
                    if joined is None or not _HE_OR_SHE_DOES.search(self.neighbour(sentence, -back).span.text):
                        break
            spans = self.judge.answer_first(q, names, sentence.span.text, spans)
            context = self.context_of(sentence)
            meant = (
                years_meant(sentence.span.text, events, self._events(sentence.article), sentence.article.title) if events else frozenset()
            )
            reported = self._reported(sentence.article)
            # (a sentence opening its paragraph is not dated by the paragraph before)
            if reported and not YEAR.search(sentence.span.text) and (self._opens_paragraph(sentence) or not YEAR.search(context)):
                meant |= {reported}  # "Its herd grew to 140 cows" in a report on 2025 is of 2025
            features = self.judge.features(
                q,
                sentence.span.text,
                context,
                section=self.section_of(sentence),
                published=self._published(sentence.article),
                latest=self._latest(sentence.article),
                lead=self._lead(sentence.article),
                setting=self._opening(sentence.article)[1],
                body=self._folded(article),
                paragraph=self._paragraph_before(sentence),
                before=self._remembered("before", sentence, self._text_before),
                meant=meant,
                dense=max(dense, 0.0),
                passage=passage,
                spans=spans,
                names=names,
                heading=self.is_heading(sentence),
                unmentioned=unmentioned[article],
            )
            ranked.append(Ranked(sentence, features, self.judge.rank_score(features), spans))
        ranked.sort(key=lambda r: -r.score)
        return ranked

    # ------------------------------------------------------------------------------- answering

    def propose(self, state: AskState) -> Proposal | None:
        q = state.analysed
        if q is None:
            return None
        ranked = self.ranked(state)
        if not ranked:
            return Proposal(self.name, "", [], 0.0, answered=False, missing=self.judge.missing(q, None))
        # a heading names a topic, it answers nothing; but one that holds the answer ("Marriage to Karl Lind" for
        # whom she married) leads to the sentence of its section that says it
        best = (
            self._told_under(ranked[0], ranked)
            or self._introduced_under(q, ranked[0], ranked)
            or chosen(q, [r for r in ranked if not r.features.heading] or ranked, self.lexicon.related)
        )
        if state.history and state.history[-1].answer:
            best = _not_said_before(best, ranked, state.history[-1].answer)
        # (a figure of another kind is as good as none: "to 31 December 2025" says no number of residents)
        continued = self._continuation(best, ranked) if q.expects in CRISP and not (best.spans and best.features.typed) else None
        if q.expects == "reason" and not best.features.typed:
            best, continued = self._explained(best, ranked)
        referring = None
        if q.expects == "place" and not best.features.typed and (before := self._referred_to(best, ranked)) is not None:
            # "Where did she get hurt?": not "The injury never fully healed", but the fall it refers to, which it
            # says was the injury asked
            best, referring = before, best
        if q.expects == "person" and best.spans and continued is None and not self._does_it(q, best):
            best = next((r for r in ranked[1:EXPLAINED_AMONG] if self._close_doer(q, best, r)), best)
        features = best.features if continued is None else replace(best.features, typed=continued.features.typed)
        if referring is not None:
            said = referring.features
            features = replace(features, lexical=max(features.lexical, said.lexical), context=max(features.context, said.context))
        verdict = self.judge.verdict(q, features)
        if verdict.ok and q.expects == "person" and not features.typed and not self._may_name_someone(q, best.sentence.span.text):
            verdict = replace(verdict, ok=False)  # "Who founded the reserve?": "founded in 1916" names no one
        if not verdict.ok:
            return Proposal(self.name, "", [], verdict.score, answered=False, missing=verdict.missing, mentioned=verdict.mentioned)
        parts = self._answer_parts(q, best, ranked) if continued is None else _joined([best.sentence, continued.sentence])
        if _ANNOUNCES.search(parts[-1].span.text) and (items := self._announced(parts[-1], sum(len(p.span.text) for p in parts))):
            parts = _joined([*parts, *items])  # "... puts the fall down to two causes. First, ... Second, ..."
        evidence = [Evidence(p.article.id, p.article.title, p.article.url, p.span.start, p.span.end, p.span.text) for p in parts]
        text = " ".join(f"{as_sentence(p.span.text)} [{i}]." for i, p in enumerate(parts, start=1))
        return Proposal(self.name, tidy(self._named_in_full(q, best, text)), evidence, verdict.score)

    def _named_in_full(self, q: Question, best: Ranked, text: str) -> str:
        """``text`` opening with the name asked for in full ("Margaret Hale: One morning Hale noticed ...") when
        the sentence gives only a part of it."""
        if q.expects not in ("person", "entity") and not asks_kind(q, self.lexicon):
            return text
        for start, end in best.spans[:2]:  # (the second when the first is a name in full: "with his wife, Ann Lee, Berg found")
            written = best.sentence.span.text[start:end]
            # a name the entity goes by ("Hale"), not words inside another's name ("Space Shuttle")
            entity = next((m.entity for m in self.lexicon.find(written) if normalize(written) in map(normalize, m.entity.aliases)), None)
            if entity is not None and set(words(written)) < set(words(entity.name)) and normalize(entity.name) not in normalize(text):
                return f"{entity.name}: {text}"
        return text

    def _introduced_under(self, q: Question, heading: Ranked, ranked: list[Ranked]) -> Ranked | None:
        """For "Tell me about X", when the best-ranked ``heading`` is all the question names ("The Skerry Route"):
        the first sentence of its section, which introduces it."""
        f = heading.features
        if not (f.heading and f.names >= 1.0 and f.lexical >= 1.0) or f.absent or f.conflicts or not DESCRIBE.match(q.norm.strip()):
            return None
        first = self.neighbour(heading.sentence, 1)
        if first is None or self.section_of(first) != heading.sentence.span.text:
            return None
        found = next((r for r in ranked if r.sentence.article.id == first.article.id and r.sentence.span.start == first.span.start), None)
        if found is None:
            return None
        # what its heading names, the section is about
        features = replace(found.features, names=f.names, lexical=f.lexical, dense=max(f.dense, found.features.dense))
        return replace(found, features=features)

    def _told_under(self, heading: Ranked, ranked: list[Ranked]) -> Ranked | None:
        """When the best-ranked ``heading`` holds the kind of answer asked, the best candidate of its section that
        writes that answer too."""
        f = heading.features
        if not (f.heading and heading.spans and f.typed >= 1.0) or f.absent or f.conflicts:
            return None
        said = {heading.sentence.span.text[start:end] for start, end in heading.spans}
        return next(
            (
                r
                for r in ranked
                if r.sentence.article.id == heading.sentence.article.id
                and not (r.features.heading or r.features.absent or r.features.conflicts)
                and self.section_of(r.sentence) == heading.sentence.span.text
                and any(a in r.sentence.span.text for a in said)
            ),
            None,
        )

    def _close_doer(self, q: Question, best: Ranked, other: Ranked) -> bool:
        """Whether ``other``, nearly as good as ``best`` and of its article, names someone who does what the
        question asks."""
        f = other.features
        return (
            bool(other.spans)
            and other.sentence.article.id == best.sentence.article.id
            and other.score >= best.score - TYPED_MARGIN
            and not (f.absent or f.conflicts)
            and self._does_it(q, other)
        )

    def _does_it(self, q: Question, r: Ranked) -> bool:
        """Whether a name ``r`` gives is the doer of the question's verb: "Who headed the study?" is answered by
        "The study was led by Dr Ana Brel" or "Ana Brel formally opened it", not by "designed by Ana Brel,
        opened in 1973"."""
        verb = _ASKED_VERB.match(q.norm)
        if verb is None:
            return False
        alike = self.lexicon.related(stem(verb.group(1))) | {stem(verb.group(1))}
        text = r.sentence.span.text
        for m in re.finditer(r"[A-Za-z]+", text):
            if stem(m.group(0).lower()) not in alike:
                continue
            for start, end in r.spans:
                if (end <= m.start() and _DOER_BEFORE.fullmatch(text[end : m.start()])) or (
                    m.end() <= start and _DOER_AFTER.fullmatch(text[m.end() : start])
                ):
                    return True
        return False

    def _may_name_someone(self, q: Question, text: str) -> bool:
        """Whether ``text`` gives a name the question does not that may be a person's: none the articles know as a place."""
        known = (self.lexicon.get(name) for name in new_names(q, text))
        return any(entity is None or entity.type not in PLACE_TYPES for entity in known)

    def ranked(self, state: AskState) -> list[Ranked]:
        q = state.analysed
        candidates = self.candidates(state.hits, state.sentence_hits, state.scope or None)
        if not candidates or q is None:
            return []
        if q.place is not None:
            candidates += self._stating_place(q.place, candidates)
        similarity = self.judge.sentence_similarities(state, [c[0] for c in candidates])
        alone = [c[0] for c in candidates if c[2] <= 0.0]  # retrieved on their own: their passage's similarity is not known yet
        if alone:
            passages = self.judge.passage_similarities(state, alone)
            candidates = [(c[0], c[1], passages.get((c[0].article.id, c[0].span.start), c[2]) if c[2] <= 0.0 else c[2]) for c in candidates]
        ranked = self.rank(q, candidates, similarity)
        # "By how much?": most likely said by the sentence just quoted; and on a near tie, so is "How long were they cut
        # off for?" after an answer that quoted the burst that left 4,100 homes without water
        resolved = bool(state.history) and normalize(state.standalone) != normalize(state.question)
        bonus = FOLLOW_UP_BONUS if state.follow_up else REFERRED_BONUS if resolved else 0.0
        if bonus and state.history:
            last = normalize(state.history[-1].answer)
            for r in ranked:
                if _quoted_in(r.sentence, last):
                    r.score += bonus
            ranked.sort(key=lambda r: -r.score)
        return ranked

    def best_sentences(self, state: AskState, *, limit: int, neighbours: int = 0) -> list[Evidence]:
        """The ``limit`` sentences that fit the question best, whole, as citable evidence (for an LLM),
        each with ``neighbours`` sentences either side of it in the same paragraph."""
        out: list[Evidence] = []
        for ranked in self.ranked(state)[:limit]:
            first = last = ranked.sentence
            for _ in range(neighbours):
                before, after = self.neighbour(first, -1), self.neighbour(last, 1)
                if before is not None and _same_paragraph(before, first):
                    first = before
                if after is not None and _same_paragraph(last, after):
                    last = after
            article = first.article
            start, end = first.span.start, last.span.end
            if any(e.source == article.id and e.start < end and start < e.end for e in out):
                continue
            out.append(Evidence(article.id, article.title, article.url, start, end, article.text[start:end]))
        return out

    def _answer_parts(self, q: Question, best: Ranked, ranked: list[Ranked]) -> list[Sentence]:
        """The sentence (or its clauses around the answer) and, for a question that asks to explain or
        describe, the next sentences of its paragraph."""
        sentence = best.sentence
        # two sentences, the one before naming what the best one's pronoun stands for, are quoted whole
        pair = sentence.span.start != self._sentences[sentence.article.id][sentence.position].start
        if best.spans and len(sentence.span.text) > (MAX_ANSWER_CHARS if pair else LONG_SENTENCE):
            spans = best.spans
            if (
                q.expects == "person"
            ):  # a person answers "who" before an organisation does ("... to the Polytechnic, where he studied under Ann Lee")
                people = people_of(sentence.span.text, spans, self.lexicon)
                spans = people + [s for s in spans if s not in people]
            must = [(sentence.span.start + a, sentence.span.start + b) for a, b in spans[:1]]
            window = best_window(sentence.span.text, sentence.span.start, must=must, question_terms=q.terms)
            if window.end - window.start < len(sentence.span.text):
                sentence = Sentence(sentence.article, Span(window.start, window.end, window.text), sentence.position)
        parts = [sentence]
        size = len(sentence.span.text)
        if sentence.span.text.rstrip().endswith(":") and (items := self._list_items(best.sentence)):
            return [sentence, *items]
        before = self.neighbour(best.sentence, -1)
        if q.expects == "reason" and _REASON_BEFORE.match(best.sentence.span.text) and before and not self.is_heading(before):
            return _joined([before, sentence])  # "For this reason she is called ...": the reason is the sentence before
        # (a sentence holding the date or figure asked answers, however much of the question it repeats)
        found = q.expects in CRISP and bool(best.spans) and best.features.typed >= 1.0
        introduces = sentence.span.text.rstrip().endswith(":") or (not found and (best.features.novel < ECHO or _echoes(q, best.sentence)))
        wants_more = bool(DESCRIBE.match(q.norm.strip())) or (q.expects == "reason" and not best.spans) or introduces
        if wants_more:
            following = self.neighbour(best.sentence, 1)
            for _ in range(self.settings.describe_sentences - 1 + (2 if introduces else 0)):
                if following is None or not (_same_paragraph(parts[-1], following) or introduces) or self.is_heading(following):
                    break
                if size + len(following.span.text) > MAX_ANSWER_CHARS:
                    break
                parts.append(following)
                size += len(following.span.text)
                following = self.neighbour(following, 1)
        if (
            not wants_more
            and len(parts) == 1
            and (partner := self._partner(best, ranked, unnamed=not names_in_question(q, self.lexicon))) is not None
        ):
            parts = sorted([parts[0], partner], key=lambda p: p.span.start)
        if parts and len(parts) == 1 and size > MAX_ANSWER_CHARS:
            window = best_window(sentence.span.text, sentence.span.start, question_terms=q.terms, max_chars=MAX_ANSWER_CHARS - 20)
            parts = [Sentence(sentence.article, Span(window.start, window.end, window.text), sentence.position)]
        if len(parts) == 1 and _HE_OR_SHE_OPENS.match(parts[0].span.text) and not self._names_someone(q):
            # "He remained there until 1583, adding 1,200 towers": who he is, the sentence before says
            joined = self._with_antecedent(parts[0])
            if joined is not None and len(joined.span.text) <= MAX_ANSWER_CHARS:
                parts = [joined]
        return _joined(parts)

    def _names_someone(self, q: Question) -> bool:
        """Whether ``q`` gives a name that may be a person's (a known person, or a name the articles do not type)."""
        return any(name.kind is None or name.kind in PERSON_TYPES for name in names_in_question(q, self.lexicon))

    def _continuation(self, best: Ranked, ranked: list[Ranked]) -> Ranked | None:
        """The next sentence of the best one's paragraph, when it holds the figure or date asked for that the
        best one lacks and goes on with the same matter: it opens with it ("... discovered penicillin. On 28
        September 1928, he ...") or refers back ("It cost ...")."""
        following = self.neighbour(best.sentence, 1)
        if following is None or not _same_paragraph(best.sentence, following) or self.is_heading(following):
            return None
        if len(best.sentence.span.text) + len(following.span.text) > MAX_ANSWER_CHARS:
            return None
        r = _ranked_as(following, ranked)
        if r is None or r.features.absent or r.features.conflicts:
            return None
        shift = following.span.start - r.sentence.span.start  # ranked with the sentence before it, or alone
        starts = [a - shift for a, _ in r.spans if a >= shift]
        opens = any(_OPENING.fullmatch(following.span.text[:a]) for a in starts)
        refers = PRONOUN_START.match(following.span.text) or _names_again(following.span.text, best.sentence.span.text)
        return r if starts and (opens or refers) else None

    def _referred_to(self, best: Ranked, ranked: list[Ranked]) -> Ranked | None:
        """The sentence before the best one in its paragraph, when the best refers back to it ("It ...", "The
        injury never fully healed") and it gives the kind of answer asked that the best one lacks."""
        before = self.neighbour(best.sentence, -1)
        text = best.sentence.span.text
        if before is None or not _same_paragraph(before, best.sentence) or not (PRONOUN_START.match(text) or _THE_NOUN.match(text)):
            return None
        r = _ranked_as(before, ranked)
        return r if r is not None and r.features.typed and not (r.features.absent or r.features.conflicts) else None

    def _explained(self, best: Ranked, ranked: list[Ranked]) -> tuple[Ranked, Ranked | None]:
        """For a "why" question whose best sentence gives no reason: a close candidate that says what happened,
        with the next sentence of its paragraph giving the reason ("Punctuality slipped, ... Operations director
        Callum Fairweather blamed staff shortages ..."); else the best one alone."""
        close = [
            r for r in ranked[:EXPLAINED_AMONG] if r.score >= best.score - TYPED_MARGIN and r.features.lexical > 0 and not r.features.absent
        ]
        # one as close that gives a reason itself ("he died of typhus" for what he died of)
        giving = next((r for r in close if r.features.typed >= 1.0 and r.score >= best.score - TIED and not r.features.conflicts), None)
        if giving is not None:
            return giving, None
        # else one as close that may give it ("delivered just 11,350 tonnes, after a hailstorm stripped ..."), when no
        # sentence of the best ones goes on to a reason
        likely = next((r for r in close if r.features.typed > 0 and not r.features.conflicts), None)
        for stated in close:
            following = self.neighbour(stated.sentence, 1)
            if following is None or not _same_paragraph(stated.sentence, following) or self.is_heading(following):
                continue
            if len(stated.sentence.span.text) + len(following.span.text) > MAX_ANSWER_CHARS:
                continue
            reason = _ranked_as(following, ranked)
            if reason is None or reason.features.absent or reason.features.conflicts:
                continue
            if _ANNOUNCES_REASONS.search(stated.sentence.span.text):  # "Analysts point to several reasons for ...": the next gives them
                return stated, replace(reason, features=replace(reason.features, typed=1.0))
            if reason.features.typed >= 1.0:
                return stated, reason
        return likely or best, None

    def _partner(self, best: Ranked, ranked: list[Ranked], *, unnamed: bool = False) -> Sentence | None:
        """The runner-up, quoted too when it is nearly as good and either continues the best sentence
        (the sentence before or after it) or holds the kind of answer the best one lacks; or, for a question
        that names nothing (``unnamed``), gives the same kind of answer in another article: "How many eggs
        does a female lay?" may be asked of either animal."""
        if len(ranked) < 2:
            return None
        second = ranked[1]
        if best.score - second.score > self.settings.partner_margin:
            return None
        if len(best.sentence.span.text) + len(second.sentence.span.text) > PARTNER_CHARS:
            return None
        same = second.sentence.article.id == best.sentence.article.id
        adjacent = same and abs(second.sentence.position - best.sentence.position) == 1
        if adjacent and _same_paragraph(*sorted((best.sentence, second.sentence), key=lambda x: x.span.start)):
            return second.sentence
        if best.features.typed < 1.0 and second.features.typed == 1.0 and not second.features.absent:
            return second.sentence
        if (
            unnamed
            and not same
            and best.spans
            and second.spans
            and second.features.typed >= best.features.typed
            and second.features.context >= best.features.context  # the question's words favour neither article
        ):
            return second.sentence
        return None

    def _announced(self, intro: Sentence, size: int) -> list[Sentence]:
        """The sentences that open with "First", "Second", ... after ``intro`` announces how many there are, when
        each of them fits in the answer (the next few sentences only)."""
        items: list[Sentence] = []
        following = self.neighbour(intro, 1)
        for _ in range(ANNOUNCED_WITHIN):
            if following is None or self.is_heading(following):
                break
            if _IN_TURN.match(following.span.text):
                if size + len(following.span.text) > MAX_ANSWER_CHARS:
                    return []
                items.append(following)
                size += len(following.span.text)
            following = self.neighbour(following, 1)
        return items if len(items) >= 2 else []

    def _list_items(self, intro: Sentence) -> list[Sentence]:
        """The first sentence of each item of the list ``intro`` introduces (lines opening with a bullet or
        a number), as long as they fit in an answer."""
        items: list[Sentence] = []
        size = len(intro.span.text)
        following = self.neighbour(intro, 1)
        while following is not None and len(items) < MAX_LIST_ITEMS:
            line_start = intro.article.text.rfind("\n", 0, following.span.start) + 1
            opens_line = not intro.article.text[line_start : following.span.start].strip()
            if opens_line:
                if not _ITEM.match(following.span.text):
                    break
                if size + len(following.span.text) > MAX_ANSWER_CHARS:
                    break
                items.append(following)
                size += len(following.span.text)
            following = self.neighbour(following, 1)
        return items


_REASON_BEFORE = re.compile(
    r"^\W*(?:for (?:this|that|these|those|such) reasons?|(?:this|that) is why|as a (?:result|consequence)|because of (?:this|that)|"
    r"the (?:result|outcome|consequence) (?:was|is|were)|(?:this|that|it) (?:led to|caused|resulted in|triggered)|"
    r"(?:[\w'-]+\s+){0,3}(?:therefore|thus|hence|consequently|accordingly))\b",  # "She therefore had Ada tutored ..."
    re.I,
)
# a sentence that says how many causes (or reasons, challenges ...) follow, and the sentences that give them in turn
_ANNOUNCES = re.compile(
    r"\b(?:two|three|four|five|several|a few|a number of)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:causes|reasons|factors|challenges|problems|risks|drivers|explanations|threats|steps|measures|changes)\b[^.:]*\.\W*$",
    re.I,
)
_IN_TURN = re.compile(
    r"^\W*(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth|finally|lastly|the (?:first|second|third|last))\b", re.I
)
ANNOUNCED_WITHIN = 6  # sentences after the one that announces them
_ITEM = re.compile(r"^(?:[-*\u2022\u2013\u2014]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
MAX_LIST_ITEMS = 8


# a sentence whose subject is a pronoun ("However, he found ...") and that names no one after its first letter
# "However, he ...", "Completed in 1843, it was ...": a pronoun subject after an opening phrase
_UNNAMED_PRONOUN = re.compile(r"^\W*(?:[\w\-]+(?:\s+[\w\-]+){0,3},\s+)?(?:he|she|it|they|this|these)\b", re.I)
_NAMED = re.compile(r"\b[A-Z][a-z]+")


def _names_any(names: list[Name], text: str) -> bool:
    """Whether ``text`` writes one of the question's ``names`` in one of its forms."""
    folded = normalize(text)
    return any(written_in(normalize(v), folded) for n in names for v in n.variants)


def _names_again(text: str, before: str) -> bool:
    """Whether ``text`` opens by naming again, with "the", a thing the sentence ``before`` calls so ("... TW, the
    publicly owned utility that ... The utility now serves ...")."""
    found = re.match(r"\W*(?i:the|this)\s+([a-z]{3,})\b", text)
    return found is not None and found.group(1) not in STOPWORDS and stem(found.group(1)) in {stem(w) for w in words(before)}


# a sentence that opens on a thing by its common noun alone refers to what the one before said ("The injury never
# fully healed" after "she fell ... and broke her leg")
_THE_NOUN = re.compile(r"^\W*[Tt]he [a-z]+\b(?! of\b)")


def _ranked_as(sentence: Sentence, ranked: list[Ranked]) -> Ranked | None:
    """How ``sentence`` was ranked (its first entry), if it was."""
    return next((r for r in ranked if r.sentence.article.id == sentence.article.id and r.sentence.position == sentence.position), None)


def _same_paragraph(a: Sentence, b: Sentence) -> bool:
    between = a.article.text[a.span.end : b.span.start]
    return a.article.id == b.article.id and "\n" not in between


def _echoes(q: Question, sentence: Sentence) -> bool:
    """Whether the sentence mostly repeats the question, names included ("The report describes a
    'dual-engine' pattern" for "What is the dual-engine pattern the report describes?"): what
    follows it is the answer."""
    asked = set(terms(q.text))
    said = [t for t in terms(sentence.span.text) if not t.isdigit()]
    return bool(said) and sum(1 for t in said if t not in asked) / len(said) < ECHO


def _joined(parts: list[Sentence]) -> list[Sentence]:
    """Consecutive sentences of one paragraph become one quote (one citation); others stay apart."""
    out: list[Sentence] = []
    for part in parts:
        last = out[-1] if out else None
        if last is not None and last.article.id == part.article.id and part.position - last.position <= 1 and _same_paragraph(last, part):
            text = last.article.text[last.span.start : part.span.end]
            out[-1] = Sentence(last.article, Span(last.span.start, part.span.end, text), part.position)
        else:
            out.append(part)
    return out


def tidy(text: str) -> str:
    """Answer text with one full stop before each citation marker and single spaces."""
    return text.replace(".. [", ". [").replace("? [", " [").replace("! [", " [").replace(". [", " [").replace("  ", " ").strip()


def cosine_rows(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    return matrix @ vector


def content_terms(text: str) -> set[str]:
    return set(terms(normalize(text), keep_stopwords=True))


# a sentence that announces the reasons the next one gives: "Analysts point to several reasons for Germany's lead."
# "who (officially) opened ...?": the verb asked of the person; the doer stands just before it or after "by"
_ASKED_VERB = re.compile(r"^who\s+(?:\w+ly\s+)?(?!(?:is|was|are|were|has|had|have|did|does|do|will|would|can|could)\b)([a-z]{3,})\b")
_DOER_BEFORE = re.compile(r"(?:\s+[A-Z][\w.']*){0,2}\s+(?:(?:had|has|have|was|were|then|also|later|first|\w+ly)\s+){0,2}")
_DOER_AFTER = re.compile(r"\s+by\s+(?:(?:the\s+)?[A-Z][\w.]*\.?\s+){0,3}")
_ANNOUNCES_REASONS = re.compile(r"\b(?:reasons?|causes?|explanations?|factors?)\s+(?:for|behind|of)\b", re.I)


def _not_said_before(best: Ranked, ranked: list[Ranked], last_answer: str) -> Ranked:
    """A follow-up asks something the last answer did not say: "How much of that was covered by a heritage
    grant?" after "The work on the hall came to £420,000 in all" is not answered by that sentence again, which
    shares none of its words, but by a close one that does ("Of the cost, £250,000 came from the Lottery
    Heritage Fund")."""
    last = normalize(last_answer)
    if best.features.lexical > 0 or not _quoted_in(best.sentence, last):
        return best
    return next(
        (
            r
            for r in ranked[1:EXPLAINED_AMONG]
            if r.score >= best.score - TYPED_MARGIN
            and r.features.lexical > 0
            and r.features.typed >= best.features.typed
            and r.features.names >= best.features.names
            and not (r.features.absent or r.features.conflicts or r.features.heading)
            and not _quoted_in(r.sentence, last)
        ),
        best,
    )


def _quoted_in(sentence: Sentence, answer: str) -> bool:
    """Whether an answer (normalised) quotes ``sentence``."""
    return normalize(sentence.span.text.rstrip(".;:, ")) in answer


def chosen(q: Question, ranked: list[Ranked], related: Callable[[str], frozenset[str]] | None = None) -> Ranked:
    """The candidate to answer from: the best-scored one, unless it lacks a name the question gives or the
    figure, date or person asked for and a close runner-up does not; or the question asks for an extreme
    ("which dairy has the biggest herd?") that a close runner-up states in its own words and it does not."""
    best = ranked[0]
    if related is not None and q.superlative and not q.nth and not states_extreme(q, best.sentence.span.text, related):
        best = next(
            (
                r
                for r in ranked[1:EXPLAINED_AMONG]
                if r.score >= best.score - TYPED_MARGIN
                and r.features.names >= best.features.names
                and not (r.features.absent or r.features.conflicts)
                and states_extreme(q, r.sentence.span.text, related)
            ),
            best,
        )
    if best.features.conflicts:  # it cannot give what is asked ("the French" of the British team's losses): a close one that can
        best = next(
            (
                r
                for r in ranked[1:EXPLAINED_AMONG]
                if r.score >= best.score - TYPED_MARGIN
                and not (r.features.absent or r.features.conflicts)
                and r.features.typed >= best.features.typed
                and r.features.names >= best.features.names
            ),
            best,
        )
    if best.features.absent:  # it lacks a name the question gives: the best that writes them all, if close enough
        close = [r for r in ranked[1:] if r.score >= best.score - NAMES_MARGIN]
        whole = next((r for r in close if r.features.names >= 1.0), None)
        # else one that names more of them, with the sentence before or the title ("he quit because the company
        # ..."), and clearly holds what is asked
        whole = whole or next(
            (
                r
                for r in close
                if r.features.names > best.features.names
                and r.features.context > 0
                and r.features.typed >= 1.0
                and not (r.features.absent or r.features.conflicts)
            ),
            None,
        )
        best = whole or best
    # a figure, a date or a person is asked, which it does not hold (or one only of something else: "he died on 2
    # May 1901, before construction had begun" for when construction began, "31 species" for how many specimens)
    if (q.expects in CRISP or q.expects == "person") and (not best.spans or (q.expects in CRISP and not best.features.typed)):
        holding = [r for r in ranked[1:] if r.spans and not (r.features.absent or r.features.conflicts)]
        close = [r for r in holding if r.score >= best.score - TYPED_MARGIN]
        # else one as near in meaning, naming as much, that holds it: the best one only shares more words
        # ("the first woman to win a Nobel Prize" for "when did she win her first Nobel Prize?")
        near = [
            r
            for r in holding
            if r.features.typed >= 1.0
            and r.score >= best.score - MEANING_MARGIN
            and r.features.dense >= best.features.dense
            and r.features.names >= best.features.names
        ]
        if close:
            best = max(close, key=lambda r: (r.features.typed, r.score))  # the close one that holds it best
        elif near:
            best = near[0]
    elif q.expects == "date" and 0 < best.features.typed < 1.0:  # "on what date": a year alone, and as good a one with a day
        best = next(
            (
                r
                for r in ranked[1:]
                if r.features.typed >= 1.0 and r.score >= best.score - TIED and not (r.features.absent or r.features.conflicts)
            ),
            best,
        )
    elif q.expects == "place" and (best.spans or not best.features.typed) and best.features.typed < 1.0:
        # it names no place, or puts nothing in one ("designate it as a Protected Area"): a close one that places it
        best = next(
            (
                r
                for r in ranked[1:]
                if r.features.typed >= 1.0
                and r.score >= best.score - TYPED_MARGIN
                and r.features.names >= best.features.names
                and not (r.features.absent or r.features.conflicts)
            ),
            best,
        )
    return best
