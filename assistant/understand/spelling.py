"""The corpus's own words, and questions' misspellings of them.

A word of a question the corpus never uses is either a word the articles happen not to use
("kicked") or a misspelling of one they do ("shenzen"). Only the second is corrected: a word is taken
for a misspelling when it is not everyday English and one corpus word is a single edit away (two
for long words).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from assistant.text import STOPWORDS

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\-]*")


def fold(word: str) -> str:
    """Lower case without accents: "Beyoncé" and "beyonce" are one word."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def everyday(word: str) -> bool:
    """Whether ``word`` is everyday English: one token of a large BPE vocabulary."""
    from assistant.chunking import encoding

    return len(encoding("cl100k_base").encode(" " + word)) == 1


class Vocabulary:
    """The words of a corpus (folded), with how often each occurs, for look-ups and corrections."""

    def __init__(self, texts: list[str]) -> None:
        counts: Counter[str] = Counter()
        surface: dict[str, str] = {}
        for text in texts:
            for match in _WORD.finditer(text):
                raw = match.group(0).strip("'-")
                for piece in {raw, *raw.split("-")} if "-" in raw else (raw,):
                    key = fold(piece)
                    if key:
                        counts[key] += 1
                        surface.setdefault(key, piece)
        self.counts = counts
        self.surface = surface
        self._by_length: dict[int, list[str]] = {}
        for word in counts:
            self._by_length.setdefault(len(word), []).append(word)

    def __contains__(self, word: str) -> bool:
        return fold(word) in self.counts

    def correction(self, word: str) -> str | None:
        """The corpus word ``word`` misspells, or None (it is a corpus word, everyday English, or too far)."""
        key = fold(word)
        if len(key) < 4 or key in self.counts or key in STOPWORDS or not key.isalpha():
            return None
        if everyday(key) and not word[:1].isupper():
            return None
        limit = 1 if len(key) < 8 else 2
        best: tuple[int, int, str] | None = None
        for length in range(len(key) - limit, len(key) + limit + 1):
            for candidate in self._by_length.get(length, ()):
                if candidate[0] != key[0] and limit == 1:
                    continue
                distance = _distance(key, candidate, limit)
                if distance <= limit:
                    rank = (distance, -self.counts[candidate], candidate)
                    if best is None or rank < best:
                        best = rank
        if best is None:
            return None
        ties = [
            c
            for length in range(len(key) - limit, len(key) + limit + 1)
            for c in self._by_length.get(length, ())
            if c != best[2] and _distance(key, c, limit) == best[0] and self.counts[c] == -best[1]
        ]
        return None if ties else self.surface[best[2]]

    def correct(self, text: str) -> str:
        """``text`` with every misspelled corpus word replaced by the corpus's spelling."""

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            fixed = self.correction(word)
            if fixed is None:
                return word
            return fixed[0].upper() + fixed[1:] if word[0].isupper() else fixed.lower() if not fixed[0].isupper() else fixed

        return _WORD.sub(swap, text)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance of ``a`` and ``b`` (a swap of neighbours is one edit), or
    ``limit + 1`` as soon as it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
