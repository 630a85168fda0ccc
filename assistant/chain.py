"""The pipeline: one object, built once, that answers every caller (API, UI, CLI, evals).

question (+ history) -> understood in context -> hybrid retrieval -> the articles in scope -> each
answerer proposes (the facts engine, the extractive reader) -> the best supported proposal, or an
LLM's answer from the same evidence -> citations checked -> Answer. Each step is a LangChain
runnable taking and returning one :class:`~assistant.answer.base.AskState`.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableLambda

from assistant.answer import writer
from assistant.answer.base import Answerer, AskState, Proposal
from assistant.answer.chinese import with_lead
from assistant.answer.clauses import as_sentence
from assistant.answer.compound import joined, two_questions
from assistant.answer.evidence import states_extreme
from assistant.answer.facts_answerer import FactsAnswerer
from assistant.answer.llm_sources import common_words, select_sources
from assistant.answer.reader import tidy
from assistant.answer.sides import SidesReader
from assistant.answer.support import attributed
from assistant.citations import MARKER_RE, Answer, Evidence, verify
from assistant.config import Settings
from assistant.llm import Prompts, build_chat_model
from assistant.multilingual import Multilingual, build_encoder
from assistant.numbers import find_numbers
from assistant.reading import Reader
from assistant.retrieval import SENTENCES, HybridRetriever, Searcher
from assistant.sessions import SessionStore, Turn
from assistant.snapshot import Knowledge
from assistant.store import Store
from assistant.understand import smalltalk
from assistant.understand.bridge import bridged, named
from assistant.understand.condense import Exchange, condense, continues, elliptical
from assistant.understand.examples import Examples
from assistant.understand.history import history_problem, recent
from assistant.understand.question import analyse
from assistant.understand.relative import anchored, asks_relative_year, published_year
from assistant.understand.translate import has_chinese
from assistant.understand.validity import MAX_QUESTION, InvalidQuestion, validate_question

log = logging.getLogger(__name__)
SCOPE_HITS = 3  # the articles of the best few passages are the ones an answer may come from
NO_INDEX = "The index is empty: run `assistant index` to index the corpus, then ask again."
_REFERENCE = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those|there|then)\b", re.I)


class Pipeline:
    """Answers questions, keeps conversations, reports on the index."""

    def __init__(
        self,
        settings: Settings,
        *,
        embeddings: Embeddings,
        store: Store,
        sessions: SessionStore,
        llm: BaseChatModel | None = None,
        prompts: Prompts | None = None,
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store = store
        self.sessions = sessions
        self.llm = llm
        self.prompts = prompts or (Prompts(settings.llm.prompts_dir) if llm is not None else None)
        self.knowledge = Knowledge(store, refresh_s=settings.retrieval.refresh_s)
        self.searcher = Searcher(self.knowledge, embeddings, settings.retrieval)
        self.retriever = HybridRetriever(searcher=self.searcher)
        self.multilingual = Multilingual(build_encoder(settings.embedding.multilingual, threads=settings.embedding.threads), store)
        self._reader: Reader | None = None
        self.examples = Examples(self)
        self.prepare = _step(self._understand) | _step(self._retrieve) | _step(self._scope) | _step(self._propose)
        self.chain = self.prepare | _step(self._respond)

    # ------------------------------------------------------------------------------- public API

    def ask(self, question: str, *, session_id: str | None = None, history: list[dict[str, str]] | None = None) -> Answer:
        """Answer ``question``, in the context of a kept conversation or of the ``history`` sent."""
        question = self.validate(question)
        turns = self._history(session_id, history)
        early = smalltalk.reply(question, follow_up=bool(turns), examples=self.examples.get)  # "hi", "???"
        result = early if early is not None else self.chain.invoke(AskState(question, turns)).result
        return self._remember(result, question, session_id, history)

    def stream(
        self, question: str, *, session_id: str | None = None, history: list[dict[str, str]] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Events for a streamed answer: ``delta`` pieces of text, then ``citations``, then ``done``.

        In LLM mode the deltas are the model's sentences, each sent once it has been checked; the
        ``done`` event carries the same answer :meth:`ask` would return.
        """
        question = self.validate(question)
        turns = self._history(session_id, history)
        answer = smalltalk.reply(question, follow_up=bool(turns), examples=self.examples.get)  # "hi", "???"
        state: AskState | None = self.prepare.invoke(AskState(question, turns)) if answer is None else None
        if answer is not None:
            yield from _deltas(answer.answer)
        elif self.llm is not None and state.reader is not None and not self._reader_suffices(state):
            sources, grounds = self._llm_sources(state)
            streamed = ""
            try:
                for piece in writer.stream(self.llm, self.prompts, state.standalone, sources, grounds=grounds):
                    if isinstance(piece, writer.Typed):
                        yield {"event": "token", "data": {"text": piece.text}}
                    elif isinstance(piece, writer.Written):
                        answer = self._from_written(piece, sources, state)
                    else:
                        streamed += piece
                        yield {"event": "delta", "data": {"text": piece}}
                if answer is not None and not streamed:  # nothing passed the checks: the refusal is the text
                    yield from _deltas(answer.answer)
            except Exception as exc:  # the LLM is down, slow or broke off: answer offline
                answer = self._fallback(state, exc)
                yield {"event": "reset", "data": {"reason": answer.notice}}
                yield from _deltas(answer.answer)
        else:
            answer = self._respond(state).result
            yield from _deltas(answer.answer)
        answer = self._remember(answer, question, session_id, history)
        yield {"event": "citations", "data": [c.model_dump() for c in answer.citations]}
        yield {"event": "done", "data": answer.model_dump()}

    def _remember(self, answer: Answer, question: str, session_id: str | None, history: list[dict[str, str]] | None) -> Answer:
        if history is None:
            session_id = session_id or self.sessions.new_id()
            self.sessions.append(session_id, Turn(question, answer.standalone_question, answer.answer, answer.answered))
            answer.session_id = session_id
        return answer

    def answerable(self, question: str) -> bool:
        """Whether the offline reader answers ``question`` on its own (no model call, nothing kept)."""
        state = self.prepare.invoke(AskState(self.validate(question)))
        return state.draft is not None and state.draft.answered

    @staticmethod
    def validate(question: Any) -> str:
        return validate_question(question)

    def reader(self) -> Reader | None:
        snapshot = self.knowledge.get()
        if snapshot is None:
            return None
        if self._reader is None or self._reader.snapshot is not snapshot:
            self._reader = Reader.build(snapshot, self.settings.reader, self.searcher)
        return self._reader

    def health(self) -> dict[str, Any]:
        snapshot = self.knowledge.get()
        if snapshot is None:
            return {"status": "empty", "store": self.store.describe(), "hint": NO_INDEX}
        return {
            "status": "ok",
            "store": self.store.describe(),
            "generation": snapshot.generation,
            "articles": len(snapshot.articles),
            "chunks": snapshot.chunk_count,
            "facts": len(snapshot.facts),
            "embedding_model": snapshot.metadata.get("embedding_model"),
            "built_at": snapshot.metadata.get("built_at"),
            "llm": self.settings.llm.provider,
        }

    # -------------------------------------------------------------------------------- the steps

    def _history(self, session_id: str | None, history: list[dict[str, str]] | None) -> list[Exchange]:
        api = self.settings.api
        limit = api.max_history_turns
        if history is not None:  # checked and cut before any work: the cost is that of the last turns only
            if problem := history_problem(history, message_chars=api.max_history_message_chars, total_chars=api.max_history_chars):
                raise InvalidQuestion(problem)
            return self._condensed_history(recent(history, limit))[-limit:]
        if session_id is None:
            return []
        return [Exchange(t.standalone_question, t.answer) for t in self.sessions.turns(session_id, limit=limit)]

    def _condensed_history(self, history: list[dict[str, str]]) -> list[Exchange]:
        """A client's own history (raw user turns) understood turn by turn, as the server would have."""
        exchanges: list[Exchange] = []
        reader = self.reader()
        for message in history:
            role, content = message.get("role"), str(message.get("content", ""))
            if role == "user":
                standalone = self._standalone(content, exchanges, reader) if reader else content
                exchanges.append(Exchange(standalone))
            elif role == "assistant" and exchanges:
                exchanges[-1] = Exchange(exchanges[-1].question, content)
        return exchanges

    def _standalone(self, question: str, history: list[Exchange], reader: Reader) -> str:
        chinese = has_chinese(question)
        terms = self.multilingual.terms(question, reader.snapshot) if chinese else None
        english = reader.translator.to_english(question, terms=terms) if chinese else question
        english = reader.vocabulary.correct(english)
        if history and self.llm is not None and self.settings.llm.condenses():
            try:
                return writer.condense_with(self.llm, self.prompts, english, history)
            except Exception as exc:  # fall back to the offline rewriter
                log.warning("LLM condensing failed (%s); using the offline rewriter", exc)
        return condense(english, history, reader.lexicon, related=reader.related, similarity=self._similarity)

    def _similarity(self, a: str, b: str) -> float:
        """How alike in meaning two short phrases are (cosine of their query vectors)."""
        return float(self.searcher.embed(a) @ self.searcher.embed(b))

    def _understand(self, state: AskState) -> AskState:
        reader = self.reader()
        state.reader = reader
        if reader is None:
            state.standalone = state.question
            return state
        state.standalone = self._standalone(state.question, state.history, reader)
        state.analysed = analyse(state.standalone, reader.lexicon)
        state.search_text = state.standalone
        unresolved = bool(state.history and _REFERENCE.search(state.standalone) and not state.analysed.entities)
        left = state.history and not state.analysed.entities and state.standalone == state.question
        if unresolved or (left and continues(state.standalone, state.history[-1].question)):
            # a reference the rewriter could not resolve, or a follow-up that names nothing, that the rewriter left
            # as it was and that goes on from the last question ("What share voted yes?" after a question about a
            # vote; "And when was the old quay pulled down?"): search in the light of the previous question
            state.search_text = f"{state.history[-1].question} {state.standalone}"
        state.follow_up = unresolved or bool(state.history and elliptical(state.standalone))
        return state

    def _retrieve(self, state: AskState) -> AskState:
        reader = state.reader
        if reader is None:
            return state
        state.vector = self.searcher.embed(state.search_text)
        s, chinese = self.settings.retrieval, has_chinese(state.question)
        state.hits = self.searcher.search(
            state.search_text, k=s.dense_k if chinese else None, snapshot=reader.snapshot, vector=state.vector
        )
        if chinese:  # the English rendering's hits and the sentences near the question itself, fused
            state.hits = self.multilingual.hits(state.question, state.hits, reader.snapshot, state.vector, k=s.k, depth=s.dense_k)
        k = self.settings.reader.sentence_k
        if k:
            state.sentence_hits = self.searcher.search(
                state.search_text, k=k, snapshot=reader.snapshot, vector=state.vector, kinds=SENTENCES
            )
        return state

    def _scope(self, state: AskState) -> AskState:
        """The articles an answer may come from: the ones the question names as its source, else the
        articles of the best retrieved passages (so one article's facts never answer for another's)."""
        reader = state.reader
        if reader is None or state.analysed is None:
            return state
        state.named_sources = attributed(state.analysed)
        named = reader.homes(state.named_sources)
        if named:
            state.scope = sorted(named)
            state.hits = [h for h in state.hits if h.metadata.get("source") in named]
            state.sentence_hits = [h for h in state.sentence_hits if h.metadata.get("source") in named]
            return self._anchor_years(state)
        scope: list[str] = []
        for hit in state.hits[:SCOPE_HITS]:
            source = str(hit.metadata.get("source"))
            if source not in scope:
                scope.append(source)
        state.scope = scope
        return self._anchor_years(state)

    def _anchor_years(self, state: AskState) -> AskState:
        """ "last year" in the question, read as the year before the one the best article was published in."""
        reader = state.reader
        if reader is None or not state.scope or not asks_relative_year(state.standalone):
            return state
        article = reader.snapshot.articles.get(state.scope[0])
        year = published_year(article) if article is not None else None
        if year is not None:
            state.standalone = anchored(state.standalone, year)
            state.analysed = analyse(state.standalone, reader.lexicon)
        return state

    def _answerers(self, reader: Reader) -> list[Answerer]:
        return [FactsAnswerer(reader.facts, reader.judge), reader.sentences, SidesReader(reader.sentences)]

    def _propose(self, state: AskState) -> AskState:
        """Every answerer's proposal, and the one to give: a worked-out answer (a rank, a sum) when the
        facts give one, else the best supported answer, else the most telling refusal."""
        reader = state.reader
        if reader is None or state.analysed is None:
            return state
        # a fact looked up with next to no support is one of another thing ("Students and staff mounted 2,400 glass plates"
        # for "How many brothers and sisters did she have?"): it answers nothing
        floor = self.settings.reader.fact_floor
        state.proposals = [
            p
            for a in self._answerers(reader)
            if (p := a.propose(state)) is not None and (p.computed or p.answerer != "facts" or p.score >= floor)
        ]
        answered = [p for p in state.proposals if p.answered]
        read = max((p for p in answered if not p.computed), key=lambda p: p.score, default=None)
        best_read = read.score if read is not None else 0.0
        # a worked-out answer far less supported than a sentence read off the sources is a table that fits badly;
        # and a sentence that states the extreme asked ("Porto grew fastest of all eight") needs no working out
        states = (
            read is not None
            and read.score >= self.settings.reader.threshold
            and states_extreme(state.analysed, read.evidence[0].quote if read.evidence else read.text, reader.lexicon.related)
        )
        computed = [p for p in answered if p.computed and p.score + self.settings.reader.computed_margin >= best_read and not states]
        if computed:
            state.draft = computed[0]
        elif answered:
            reader = self.settings.reader
            # a fact is preferred on a near tie, when its own evidence is enough to answer on
            state.draft = max(
                answered, key=lambda p: p.score + (reader.facts_margin if p.answerer == "facts" and p.score >= reader.threshold else 0.0)
            )
        elif state.proposals:
            state.draft = next((p for p in state.proposals if p.missing), state.proposals[0])
            if state.named_sources and state.draft.missing:  # other sources may well say it
                state.draft.missing = f"{state.draft.missing} in the {' or the '.join(sorted(state.named_sources))}"
                state.draft.mentioned = False
        return self._both(self._cross(state))

    def _cross(self, state: AskState) -> AskState:
        """ "Who leads the guild that printed the almanac?", when the answer names no one: which guild that
        is is asked first, then the question is asked of it by name, and the answer quotes the sentence that
        named it too. When the sources do not answer that, the first answer stands."""
        reader = state.reader
        bridge = bridged(state.standalone) if reader is not None else None
        if bridge is None or self._names_someone(state):
            return state
        first = self.prepare.invoke(AskState(bridge.inner)).draft
        name = named(bridge, first.evidence[0].quote, reader.lexicon) if first and first.answered and first.evidence else None
        then = self.prepare.invoke(AskState(bridge.outer(name))) if name is not None else None
        if then is None or then.draft is None or not then.draft.answered:
            return state
        then.question, then.history, then.bridge = state.question, state.history, first.evidence[0]
        return then

    def _both(self, state: AskState) -> AskState:
        """ "When did the hall close, and when did it open again?": each question asked on its own (the second in
        the light of the first); when both are answered from different sentences, the answer gives both."""
        parts = two_questions(state.standalone) if state.reader is not None else None
        if parts is None:
            return state
        first = self.prepare.invoke(AskState(parts[0])).draft
        if first is None or not first.answered:
            return state
        second = self.prepare.invoke(AskState(parts[1], [Exchange(parts[0], first.text)])).draft
        both = joined(first, second) if second is not None else None
        if both is not None:
            state.draft = both
        return state

    @staticmethod
    def _names_someone(state: AskState) -> bool:
        """Whether the answer drafted names a person the question does not."""
        if state.draft is None or not state.draft.answered or state.reader is None or state.analysed is None:
            return False
        asked = {m.entity.name for m in state.analysed.mentions}
        return any(m.entity.type == "person" and m.entity.name not in asked for m in state.reader.lexicon.find(state.draft.text))

    def _respond(self, state: AskState) -> AskState:
        reader = state.reader
        if reader is None:
            state.result = Answer(answer=NO_INDEX, answered=False, standalone_question=state.standalone)
        elif self.llm is not None and not self._reader_suffices(state):
            sources, grounds = self._llm_sources(state)
            try:
                written = writer.write(self.llm, self.prompts, state.standalone, sources, grounds=grounds)
                state.result = self._from_written(written, sources, state)
            except Exception as exc:  # the LLM is down or slow: answer offline
                state.result = self._fallback(state, exc)
        else:
            state.result = self._finish(state)
            if self.llm is not None and state.result.answered:
                state.result.notice = STRONG_EVIDENCE
        if has_chinese(state.question):
            state.result = with_lead(state.question, state.result)
        return state

    def _reader_suffices(self, state: AskState) -> bool:
        """Whether the offline answer is given without asking the LLM (where the setting is on, as it is for
        the packaged models): its evidence is strong, or the facts engine worked it out from several facts
        (a rank, a sum, a comparison), which a small model does not; or it is a refusal because the question
        names something no article mentions, which a small model would answer from what it read in training, or
        the sources are far from the question: weak evidence, or none that names what the question names."""
        draft, above = state.draft, self.settings.llm.reader_answers()
        if draft is None or above > 1.0:
            return False
        if not draft.answered:  # "nothing about X" (X nowhere, or not in the best evidence), or evidence far from the question
            return draft.missing is not None or draft.score < self.settings.llm.reader_declines()
        return draft.score >= above or _worked_out(draft)

    def _llm_sources(self, state: AskState) -> tuple[list[Evidence], writer.Grounds]:
        """What the LLM may cite: a worked-out answer's evidence (else the sentence the reader answers
        with), then the best sentences retrieved.

        Figures the facts engine computed (a sum, a rank) may be stated by a claim citing its facts.
        """
        reader = state.reader
        sources: list[Evidence] = []
        grounds = writer.Grounds(question=state.standalone)
        facts = next((p for p in state.proposals if p.answerer == "facts" and p.answered), None)
        if facts is not None:
            sources.extend(facts.evidence)
            computed = tuple(find_numbers(MARKER_RE.sub(" ", facts.text)))
            grounds = writer.Grounds(state.standalone, computed, frozenset(range(1, len(sources) + 1)))
        count = self.settings.llm.source_count()
        candidates = reader.sentences.best_sentences(state, limit=3 * count)
        draft = state.draft
        if facts is None and draft is not None and draft.answered and draft.answerer == "reader":
            candidates = [*draft.evidence[:1], *candidates]  # the sentence the reader would answer with goes first
        grounds = replace(grounds, common_words=common_words(reader.snapshot.articles))
        budget = self.settings.llm.source_budget()
        return select_sources(candidates, reader.snapshot.articles, count=count, first=sources, budget=budget), grounds

    def _from_written(self, written: writer.Written, sources: list[Evidence], state: AskState) -> Answer:
        notice = None
        if written.removed:
            notice = f"Removed {len(written.removed)} statement(s) the sources do not support: " + "; ".join(written.removed)
        if not written.sentences:
            draft = state.draft
            # a small model refuses answers its sources hold: strong evidence stands, and so does what the facts
            # engine worked out from several facts (a rank, a sum, a comparison), which the model does not work out
            if draft is not None and draft.answered and (_worked_out(draft) or draft.score >= self.settings.llm.reader_stands_above):
                answer = self._finish(state)
                if answer.answered:
                    answer.notice = "The LLM found no answer it could back with the sources; this is the offline answer."
                    return answer
            reason = draft if draft is not None and not draft.answered else None
            return Answer(answer=refusal(reason), answered=False, standalone_question=state.standalone, mode="llm", notice=notice)
        citations = [sources[n - 1].citation(n) for n in written.cited]
        return Answer(
            answer=written.text, answered=True, citations=citations, standalone_question=state.standalone, mode="llm", notice=notice
        )

    def _fallback(self, state: AskState, exc: BaseException) -> Answer:
        log.warning("LLM unavailable (%s: %s); answering offline", type(exc).__name__, exc)
        answer = self._finish(state)
        answer.notice = getattr(exc, "notice", None) or f"The LLM did not answer ({type(exc).__name__}); this is the offline answer."
        return answer

    def _finish(self, state: AskState) -> Answer:
        draft: Proposal | None = state.draft
        reader = state.reader
        if draft is None or not draft.answered:
            return Answer(answer=refusal(draft), answered=False, standalone_question=state.standalone)
        citations = [e.citation(n) for n, e in enumerate(draft.evidence, start=1)]
        good = [c for c in citations if c.source in reader.snapshot.articles and verify(c, reader.snapshot.articles[c.source].text)]
        if len(good) != len(citations):
            log.error("dropped %d citation(s) whose quote is not verbatim", len(citations) - len(good))
        if not good:
            return Answer(answer=refusal(None), answered=False, standalone_question=state.standalone)
        text = draft.text
        if state.bridge is not None and all(c.quote != state.bridge.quote for c in good):  # and which thing it is
            good.append(state.bridge.citation(len(good) + 1))
            text = tidy(f"{text} {as_sentence(state.bridge.quote)} [{len(good)}].")
        return Answer(answer=text, answered=True, citations=good, standalone_question=state.standalone)


def _deltas(text: str, words_per_event: int = 4) -> Iterator[dict[str, Any]]:
    words = text.split(" ")
    for i in range(0, len(words), words_per_event):
        piece = " ".join(words[i : i + words_per_event])
        yield {"event": "delta", "data": {"text": piece if i == 0 else " " + piece}}


def _worked_out(draft: Proposal) -> bool:
    """Whether the facts engine worked ``draft`` out from several facts (a rank, a sum, a comparison)."""
    return draft.computed and len(draft.evidence) > 1


STRONG_EVIDENCE = "The sources state this plainly, so this is the offline answer; the LLM was not asked."


def refusal(reason: Proposal | None) -> str:
    """The plain statement that the sources do not support an answer, naming what they lack when known."""
    if reason is not None and reason.missing and reason.mentioned:
        return f"The sources don't say: they mention {_quoted(reason.missing)}, but not in a way that answers this."
    if reason is not None and reason.missing:
        return f"The sources don't say: I found nothing in them about {_quoted(reason.missing)}, so I can't answer that from them."
    return "The sources don't say: nothing in them answers this question."


def _quoted(missing: str) -> str:
    missing = " ".join(missing.split())
    return missing if len(missing) <= 80 else missing[:77] + "..."


def build_pipeline(
    settings: Settings, *, embeddings: Embeddings | None = None, store: Store | None = None, llm: BaseChatModel | None = None
) -> Pipeline:
    """Construct the pipeline and everything it uses from ``settings``."""
    from assistant.embeddings import build_embeddings

    sessions = SessionStore(settings.api.sessions_url, ttl_s=settings.api.session_ttl_hours * 3600)
    return Pipeline(
        settings,
        embeddings=embeddings or build_embeddings(settings.embedding),
        store=store or Store(settings.store),
        sessions=sessions,
        llm=llm if llm is not None else build_chat_model(settings.llm),
    )


__all__ = ["MAX_QUESTION", "InvalidQuestion", "Pipeline", "build_pipeline", "refusal"]


def _step(method: Callable[[AskState], AskState]) -> RunnableLambda:
    """A step of the chain. LangChain reads a step's signature on every call to see whether it takes a
    config; the signature is worked out once here instead (about a millisecond an answer)."""

    def step(state: AskState) -> AskState:
        return method(state)

    step.__name__ = method.__name__
    step.__signature__ = inspect.signature(step)
    return RunnableLambda(step)
