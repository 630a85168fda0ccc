"""The pipeline: one object, built once, that answers every caller (API, UI, CLI, evals).

question (+ history) -> understood in context -> hybrid retrieval -> facts engine or extractive
answerer (or an LLM, when configured) -> citations checked -> Answer. Each step is a LangChain
runnable; the steps share one state dict.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableLambda

from assistant import writer
from assistant.answer import Draft, Extractor
from assistant.citations import MARKER_RE, Answer, Evidence, verify
from assistant.condense import Exchange, condense
from assistant.config import Settings
from assistant.facts import FactBase
from assistant.lexicon import Entity, Lexicon
from assistant.llm import Prompts, build_chat_model
from assistant.numbers import find_numbers
from assistant.question import Question, analyse
from assistant.retrieval import HybridRetriever, Searcher
from assistant.sessions import SessionStore, Turn
from assistant.snapshot import Knowledge, Snapshot
from assistant.store import Store
from assistant.support import attributed
from assistant.text import normalize
from assistant.translate import Translator, has_chinese
from assistant.understand import smalltalk
from assistant.understand.examples import Examples
from assistant.understand.history import history_problem, recent, remember_lookups
from assistant.understand.validity import text_problem

log = logging.getLogger(__name__)
MAX_QUESTION = 2000
LLM_SOURCES = 8
NO_INDEX = "The index is empty: run `assistant index` to index the corpus, then ask again."


class InvalidQuestion(ValueError):
    """The question is empty, too long or not text, or the history sent with it is over its limits."""


@dataclass
class Reader:
    """Everything derived from one snapshot that answering needs."""

    snapshot: Snapshot
    lexicon: Lexicon
    facts: FactBase
    extractor: Extractor
    translator: Translator
    vocabulary: set[str]

    @classmethod
    def build(cls, snapshot: Snapshot) -> Reader:
        vocabulary = set(snapshot.bm25.vocab_dict)
        corpus_words = {w for a in snapshot.articles.values() for w in a.text.split() if w.islower()}
        lexicon = Lexicon.build(list(snapshot.facts.values()), snapshot.glossary, corpus_words=corpus_words)
        remember_lookups(lexicon)
        facts = FactBase(
            list(snapshot.facts.values()),
            snapshot.articles,
            fact_ids=snapshot.fact_ids,
            vectors=snapshot.fact_vectors,
            vocabulary=vocabulary,
            entity_types={normalize(e.name): e.type for e in lexicon.entities},
            idf=snapshot.idf,
        )
        return cls(snapshot, lexicon, facts, Extractor(snapshot.articles, lexicon, vocabulary), Translator(snapshot.glossary), vocabulary)

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
        self._reader: Reader | None = None
        self.examples = Examples(self)
        self.prepare = RunnableLambda(self._understand) | RunnableLambda(self._retrieve) | RunnableLambda(self._draft)
        self.chain = self.prepare | RunnableLambda(self._respond)

    # ------------------------------------------------------------------------------- public API

    def ask(self, question: str, *, session_id: str | None = None, history: list[dict[str, str]] | None = None) -> Answer:
        """Answer ``question``, in the context of a kept conversation or of the ``history`` sent."""
        question = self.validate(question)
        turns = self._history(session_id, history)
        early = smalltalk.reply(question, follow_up=bool(turns), examples=self.examples.get)  # "hi", "???"
        state = {"result": early} if early is not None else self.chain.invoke({"question": question, "history": turns})
        return self._remember(state["result"], question, session_id, history)

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
        state = self.prepare.invoke({"question": question, "history": turns}) if answer is None else {}
        if answer is not None:
            yield from _deltas(answer.answer)
        elif self.llm is not None and state["reader"] is not None:
            sources, grounds = self._llm_sources(state)
            streamed = ""
            try:
                for piece in writer.stream(self.llm, self.prompts, state["standalone"], sources, grounds=grounds):
                    if isinstance(piece, writer.Written):
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
            answer = self._respond(state)["result"]
            yield from _deltas(answer.answer)
        answer = self._remember(answer, question, session_id, history)
        yield {"event": "citations", "data": [c.model_dump() for c in answer.citations]}
        yield {"event": "done", "data": answer.model_dump()}

    def _remember(self, answer: Answer, question: str, session_id: str | None, history: list[dict[str, str]] | None) -> Answer:
        if history is None:
            session_id = session_id or self.sessions.create()
            self.sessions.append(session_id, Turn(question, answer.standalone_question, answer.answer, answer.answered))
            answer.session_id = session_id
        return answer

    @staticmethod
    def validate(question: Any) -> str:
        if not isinstance(question, str):
            raise InvalidQuestion("question must be a string")
        question = question.strip()
        if not question:
            raise InvalidQuestion("question is empty: ask something about the sources")
        if len(question) > MAX_QUESTION:
            raise InvalidQuestion(f"question is {len(question)} characters long; the limit is {MAX_QUESTION}")
        if problem := text_problem(question):
            raise InvalidQuestion(problem)
        return question

    def reader(self) -> Reader | None:
        snapshot = self.knowledge.get()
        if snapshot is None:
            return None
        if self._reader is None or self._reader.snapshot is not snapshot:
            self._reader = Reader.build(snapshot)
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
        english = reader.translator.to_english(question) if has_chinese(question) else question
        if history and self.llm is not None and self.settings.llm.condense_with_llm:
            try:
                return writer.condense_with(self.llm, self.prompts, english, history)
            except Exception as exc:  # fall back to the offline rewriter
                log.warning("LLM condensing failed (%s); using the offline rewriter", exc)
        return condense(english, history, reader.lexicon, related=reader.related)

    def _understand(self, state: dict[str, Any]) -> dict[str, Any]:
        state["started"] = time.perf_counter()
        reader = self.reader()
        state["reader"] = reader
        if reader is None:
            state["standalone"] = state["question"]
            return state
        state["standalone"] = self._standalone(state["question"], state["history"], reader)
        state["analysed"] = analyse(state["standalone"], reader.lexicon)
        return state

    def _retrieve(self, state: dict[str, Any]) -> dict[str, Any]:
        reader: Reader | None = state["reader"]
        if reader is None:
            state["hits"] = []
            return state
        state["vector"] = self.searcher.embed(state["standalone"])
        state["hits"] = self.searcher.search(state["standalone"], snapshot=reader.snapshot, vector=state["vector"])
        return state

    def _draft(self, state: dict[str, Any]) -> dict[str, Any]:
        """The offline answer: from the facts engine when it can, else extracted from the passages."""
        reader: Reader | None = state["reader"]
        if reader is None:
            state["draft"] = None
            return state
        q: Question = state["analysed"]
        named_sources = attributed(q)
        within = reader.homes(named_sources)
        if within:  # "according to the report": only that source may answer
            state["hits"] = [h for h in state["hits"] if h.metadata.get("source") in within]
        state["fact_answer"] = fact_answer = reader.facts.answer(q, state["vector"], within=within)
        if fact_answer is not None:
            state["draft"] = Draft(fact_answer.text, fact_answer.evidence, answered=True, score=fact_answer.score)
        else:
            state["draft"] = draft = reader.extractor.answer(q, state["hits"])
            if within and not draft.answered and draft.missing:  # other sources may well say it
                draft.missing = f"{draft.missing} in the {' or the '.join(sorted(named_sources))}"
        return state

    def _respond(self, state: dict[str, Any]) -> dict[str, Any]:
        reader: Reader | None = state["reader"]
        if reader is None:
            state["result"] = Answer(answer=NO_INDEX, answered=False, standalone_question=state["standalone"])
        elif self.llm is not None:
            sources, grounds = self._llm_sources(state)
            try:
                written = writer.write(self.llm, self.prompts, state["standalone"], sources, grounds=grounds)
                state["result"] = self._from_written(written, sources, state)
            except Exception as exc:  # the LLM is down or slow: answer offline
                state["result"] = self._fallback(state, exc)
        else:
            state["result"] = self._finish(state["draft"], state["standalone"], reader)
        return state

    def _llm_sources(self, state: dict[str, Any]) -> tuple[list[Evidence], writer.Grounds]:
        """What the LLM may cite: the facts engine's evidence, then the best sentences retrieved.

        Figures the facts engine computed (a sum, a rank) may be stated by a claim citing its facts.
        """
        reader: Reader = state["reader"]
        sources: list[Evidence] = []
        grounds = writer.Grounds(question=state["standalone"])
        fact_answer = state.get("fact_answer")
        if fact_answer is not None:
            sources.extend(fact_answer.evidence)
            computed = tuple(find_numbers(MARKER_RE.sub(" ", fact_answer.text)))
            grounds = writer.Grounds(state["standalone"], computed, frozenset(range(1, len(sources) + 1)))
        for evidence in reader.extractor.best_sentences(state["analysed"], state["hits"], limit=LLM_SOURCES):
            if len(sources) >= LLM_SOURCES:
                break
            if not any(e.source == evidence.source and e.start <= evidence.start < e.end for e in sources):
                sources.append(evidence)
        return sources, grounds

    def _from_written(self, written: writer.Written, sources: list[Evidence], state: dict[str, Any]) -> Answer:
        standalone = state["standalone"]
        notice = None
        if written.removed:
            notice = f"Removed {len(written.removed)} statement(s) the sources do not support: " + "; ".join(written.removed)
        if not written.sentences:
            missing = state["draft"].missing if state.get("draft") is not None and not state["draft"].answered else None
            return Answer(answer=refusal(missing), answered=False, standalone_question=standalone, mode="llm", notice=notice)
        citations = [sources[n - 1].citation(n) for n in written.cited]
        return Answer(answer=written.text, answered=True, citations=citations, standalone_question=standalone, mode="llm", notice=notice)

    def _fallback(self, state: dict[str, Any], exc: BaseException) -> Answer:
        log.warning("LLM unavailable (%s: %s); answering offline", type(exc).__name__, exc)
        answer = self._finish(state["draft"], state["standalone"], state["reader"])
        answer.notice = f"The LLM did not answer ({type(exc).__name__}); this is the offline answer."
        return answer

    def _finish(self, draft: Draft, standalone: str, reader: Reader) -> Answer:
        if not draft.answered:
            return Answer(answer=refusal(draft.missing), answered=False, standalone_question=standalone)
        citations = [e.citation(n) for n, e in enumerate(draft.evidence, start=1)]
        good = [c for c in citations if c.source in reader.snapshot.articles and verify(c, reader.snapshot.articles[c.source].text)]
        if len(good) != len(citations):
            log.error("dropped %d citation(s) whose quote is not verbatim", len(citations) - len(good))
        if not good:
            return Answer(answer=refusal(None), answered=False, standalone_question=standalone)
        return Answer(answer=draft.text, answered=True, citations=good, standalone_question=standalone)


def _deltas(text: str, words_per_event: int = 4) -> Iterator[dict[str, Any]]:
    words = text.split(" ")
    for i in range(0, len(words), words_per_event):
        piece = " ".join(words[i : i + words_per_event])
        yield {"event": "delta", "data": {"text": piece if i == 0 else " " + piece}}


def refusal(missing: str | None) -> str:
    """The plain statement that the sources do not support an answer."""
    if missing:
        return f"The sources don't say: they contain nothing about {missing}, so I can't answer that from them."
    return "The sources don't say: nothing in them answers this question."


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
