"""Reading documents: one loader per format (each built on a library made for it), files refused when
they are not what they claim (:mod:`assistant.ingest.safety`), and the typed facts and entities
learned from the articles at index time (:mod:`assistant.ingest.extract`).

The text a loader extracts is the article text: chunks, quotes and offsets all refer to it, and
``GET /sources/{id}`` returns it. ``.md`` and ``.txt`` are read by :mod:`assistant.corpus` itself; the
formats here are imported only when a file of theirs is read, so that nothing else pays for them.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.corpus import Article

# suffix -> module of this package whose ``read(path) -> Article`` reads it
LOADERS = {".pdf": "pdf", ".html": "web", ".htm": "web", ".docx": "word"}
DOCUMENT_SUFFIXES = tuple(LOADERS)


def read_document(path: Path) -> Article:
    """The article held by a ``.pdf``, ``.html`` or ``.docx`` file; raises ``CorpusError`` naming it."""
    from assistant.ingest.safety import check_text

    module = import_module(f"assistant.ingest.{LOADERS[path.suffix.lower()]}")
    article = module.read(path)
    check_text(article.text, path)  # what a loader extracted must be text too
    return article
