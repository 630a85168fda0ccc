"""Word ``.docx`` files, read with python-docx: paragraphs and tables in document order.

List items keep a leading ``- `` and table rows their cells separated by `` | ``, so that the text reads
as the document does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.corpus import Article, CorpusError
from assistant.ingest.common import make_article, one_line

HEADING_STYLES = ("title", "heading 1")


def read(path: Path) -> Article:
    import docx

    try:
        document = docx.Document(str(path))
        blocks = list(_blocks(document))
        title = one_line(document.core_properties.title)
    except Exception as exc:  # not a zip, not a Word package, damaged XML...
        raise CorpusError(
            path,
            f"is not a readable Word document ({type(exc).__name__}); save it again as .docx (older .doc files are not read)",
        ) from exc
    if not title:
        title = next((text for text, style in blocks if style in HEADING_STYLES), "")
    return make_article(path, "\n\n".join(text for text, _ in blocks), title=title, empty="has no text (it may hold only images)")


def _blocks(document: Any):
    """(text, style name) of every non-empty paragraph and table row, in order."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:  # a merged cell is listed once per column it spans
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                if cells:
                    yield " | ".join(cells), "table"
            continue
        text = item.text.strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "").lower()
        listed = style.startswith("list") or (item._p.pPr is not None and item._p.pPr.numPr is not None)
        yield ("- " + text if listed else text), style
