"""The naive pipeline the report compares against: plain LangChain RAG with no facts, no fusion,
no refusals: RecursiveCharacterTextSplitter (1000/200), the same embedding model, dense top-4, and
the single closest sentence of those chunks as the answer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.vectorstores import InMemoryVectorStore
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.chunking import split_sentences
from assistant.corpus import Article


@dataclass(frozen=True)
class BaselineAnswer:
    answer: str
    source: str
    retrieved: list[tuple[str, str]]  # (source, chunk text), best first


class NaiveRAG:
    def __init__(self, articles: dict[str, Article], embeddings: Embeddings, *, k: int = 4) -> None:
        self.embeddings = embeddings
        self.k = k
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        texts = [a.text for a in articles.values()]
        metadatas = [{"source": a.id} for a in articles.values()]
        documents = splitter.create_documents(texts, metadatas=metadatas)
        for i, document in enumerate(documents):
            document.id = str(i)
        self.store = InMemoryVectorStore(embeddings)
        self.store.add_documents(documents)
        # every sentence of every chunk, embedded once: answering is then one query embedding
        self.sentences = {d.id: [s.text for s in split_sentences(d.page_content)] for d in documents}
        flat = [s for d in documents for s in self.sentences[d.id]]
        vectors = np.asarray(embeddings.embed_documents(flat)) if flat else np.zeros((0, 1))
        self.vectors: dict[str, np.ndarray] = {}
        at = 0
        for d in documents:
            self.vectors[d.id] = vectors[at : at + len(self.sentences[d.id])]
            at += len(self.sentences[d.id])

    def ask(self, question: str) -> BaselineAnswer:
        query = np.asarray(self.embeddings.embed_query(question))
        documents = [d for d, _ in self.store.similarity_search_with_score_by_vector(query.tolist(), k=self.k)]
        best: tuple[float, str, str] | None = None
        for d in documents:
            for sentence, vector in zip(self.sentences[d.id], self.vectors[d.id], strict=True):
                score = float(vector @ query)
                if best is None or score > best[0]:
                    best = (score, sentence, d.metadata["source"])
        retrieved = [(d.metadata["source"], d.page_content) for d in documents]
        return BaselineAnswer(best[1], best[2], retrieved) if best else BaselineAnswer("", "", retrieved)
