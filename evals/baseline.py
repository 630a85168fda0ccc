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
        self.store = InMemoryVectorStore(embeddings)
        self.store.add_documents(documents)

    def ask(self, question: str) -> BaselineAnswer:
        documents = self.store.similarity_search(question, k=self.k)
        sentences = [(d.metadata["source"], s.text) for d in documents for s in split_sentences(d.page_content)]
        if not sentences:
            return BaselineAnswer("", "", [])
        query = np.asarray(self.embeddings.embed_query(question))
        vectors = np.asarray(self.embeddings.embed_documents([s for _, s in sentences]))
        best = int(np.argmax(vectors @ query))
        return BaselineAnswer(sentences[best][1], sentences[best][0], [(d.metadata["source"], d.page_content) for d in documents])
