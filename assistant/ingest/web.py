"""HTML pages, read with Beautiful Soup: the page's readable text, a line per paragraph, heading or item.

Menus, scripts and footers are left out; the ``<article>`` or ``<main>`` element is read when the page
has one. Inline markup (links, emphasis) never breaks a sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.corpus import Article, CorpusError
from assistant.ingest.common import make_article, one_line

# Elements whose content is no part of the text a reader reads.
SKIP = frozenset(
    "script style noscript template svg canvas iframe object embed nav footer aside form button select input textarea head dialog".split()
)
# Elements that start a new line of text.
BLOCKS = frozenset(
    "p div section article main header address blockquote figure figcaption h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "table thead tbody tfoot tr caption pre hr details summary center".split()
)
CELLS = frozenset({"td", "th"})


def read(path: Path) -> Article:
    from bs4 import BeautifulSoup

    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise CorpusError(path, "is not an HTML text file (it holds binary data); save the page as HTML and add that")
    try:
        soup = BeautifulSoup(raw, "html.parser")
    except Exception as exc:
        raise CorpusError(path, f"is not readable HTML ({type(exc).__name__}); save the page as HTML again") from exc
    title = _title(soup)
    root = soup.find("article") or soup.find("main") or soup.body or soup
    lines = _Lines()
    try:
        lines.walk(root)
    except RecursionError:
        raise CorpusError(path, "nests its elements too deeply to be read; save a simpler copy of the page") from None
    return make_article(path, lines.text(), title=title, empty="has no readable text (only markup, scripts or images)")


def _title(soup: Any) -> str:
    if soup.title and soup.title.get_text(strip=True):
        return one_line(soup.title.get_text())
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta and one_line(meta.get("content")):
        return one_line(meta.get("content"))
    heading = soup.find("h1")
    return one_line(heading.get_text(" ")) if heading else ""


class _Lines:
    """The text of an element tree as lines: blocks on their own lines, white space inside them collapsed."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self) -> str:
        self.flush()
        return "\n".join(self.lines)

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def walk(self, node: Any) -> None:
        from bs4 import Comment, NavigableString, Tag
        from bs4.element import Declaration, Doctype, ProcessingInstruction

        for child in node.children:
            if isinstance(child, Comment | Declaration | Doctype | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                self.current.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIP or child.get("hidden") is not None:
                continue
            name = child.name
            if name == "br":
                self.flush()
            elif name == "pre":
                self.flush()
                self.lines.extend(line.rstrip() for line in child.get_text().split("\n") if line.strip())
            elif name in CELLS:
                if child.find_previous_sibling(CELLS) is not None:
                    self.current.append(" | ")
                self.walk(child)
            elif name in BLOCKS:
                self.flush()
                if name == "li":
                    self.current.append("- ")
                self.walk(child)
                self.flush()
            else:
                self.walk(child)
