"""What every loader shares: cleaning extracted text, and making the article from it."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.corpus import Article, CorpusError, _check_id

MAX_TITLE = 200
# Ligatures PDF fonts use for common letter pairs: searching and quoting want the letters.
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)
# Control characters other than tab and line break, and zero-width ones, carry no text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def clean(text: str) -> str:
    """Text as an article holds it: no invisible characters, no trailing spaces, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").translate(_LIGATURES)
    text = _INVISIBLE.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def join_words(before: str, after: str) -> str:
    """Two pieces of one paragraph that a layout put on separate lines, joined as they are read."""
    if not before:
        return after
    if _CJK.match(after[:1]) and _CJK.match(before[-1:]):  # Chinese is written without spaces
        return before + after
    if before.endswith("-") and before[-2:-1].isalpha():  # a word broken at a hyphen: keep the hyphen, drop the break
        return before + after
    return before + " " + after


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def make_article(path: Path, text: str, *, title: str | None, empty: str) -> Article:
    """The article of ``path``: ``text`` cleaned, titled by ``title`` (else the file name).

    ``empty`` says why a document without text has none, and what to do about it.
    """
    text = clean(text)
    if not text.strip():
        raise CorpusError(path, empty)
    title = one_line(title) or path.stem
    return Article(id=_check_id(path.stem, path, 1), title=title[:MAX_TITLE], text=text, path=path)
