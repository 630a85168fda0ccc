"""PDF files, read with pypdf: the text layer, page by page, with each paragraph on one line.

A PDF places every line of a paragraph separately; joining them back means a sentence is found
whole by the chunker and the reader. A line ends its paragraph when it is much shorter than the
page's longest (a heading, a paragraph's last line), or when it ends a sentence and the next line's
first word would have fitted after it (so the break was the author's, not the layout's).
"""

from __future__ import annotations

from pathlib import Path

from assistant.corpus import Article, CorpusError
from assistant.ingest.common import join_words, make_article, one_line

FULL_LINE = 0.8  # of the longest line on the page: a line at least this long continues into the next
MIN_WIDTH = 40  # pages whose lines are all shorter (slides, lists) keep their lines as they are
SENTENCE_ENDS = (".", "!", "?", ":", '"', "\u201d", ")", "\u3002", "\uff01", "\uff1f")


def read(path: Path) -> Article:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorpusError(path, "is protected by a password; save a copy without the password and add that")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = one_line(reader.metadata.title if reader.metadata else None)
    except CorpusError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error for damaged files
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise CorpusError(path, f"is not a readable PDF ({reason}); check that the file is complete, or export it as PDF again") from exc
    if not pages:
        raise CorpusError(path, "is a PDF without pages; export the document as PDF again")
    text = "\n\n".join(reflow(page) for page in pages if page.strip())
    if not title:
        first = next((line.strip() for line in text.split("\n") if line.strip()), "")
        title = first if len(first) <= 120 else ""
    return make_article(
        path,
        text,
        title=title,
        empty=f"has no text layer: its {len(pages)} page(s) are images (a scan?); run OCR on it "
        "(e.g. `ocrmypdf in.pdf out.pdf`) and add the result",
    )


def reflow(page: str) -> str:
    """The lines of one page joined into paragraphs, one per line."""
    lines = [line.strip() for line in page.replace("\r\n", "\n").split("\n")]
    longest = max((len(line) for line in lines), default=0)
    if longest < MIN_WIDTH:
        return "\n".join(line for line in lines if line)
    paragraphs: list[str] = []
    current = ""
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        current = join_words(current, line)
        next_word = following.split(" ", 1)[0]
        would_fit = len(line) + 1 + len(next_word) <= longest
        if len(line) < FULL_LINE * longest or (would_fit and line.endswith(SENTENCE_ENDS)):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
