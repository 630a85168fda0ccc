"""The corpus's own words, and questions' misspellings of them.

A word of a question the corpus never uses is either a word the articles happen not to use
("kicked") or a misspelling of one they do ("shenzen"). Only the second is corrected: a word is taken
for a misspelling when it is not everyday English and one corpus word is a single edit away (two
for long words).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from assistant.text import STOPWORDS, SYNONYM_GROUPS, fold, stem

# the words of general English the synonym table knows ("presides", "mariners"): never a slip of a corpus word
_KNOWN_WORDS = frozenset(w for group in SYNONYM_GROUPS for w in group)
_OPENING = re.compile(
    r"[.!?:\"\u201c\u2018(\n-]\s*$"
)  # (a capital after ";" is a name's)  # what stands before a word that opens a sentence or line
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\-]*")

# abbreviations of general English, read as the word they shorten when the corpus writes only that word
# ("the chief exec", "Carrow St"): the first word of each that the corpus writes in some form
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "exec": ("executive",),
    "execs": ("executives",),
    "govt": ("government",),
    "gov": ("government",),
    "dept": ("department",),
    "approx": ("approximately",),
    "info": ("information",),
    "intl": ("international",),
    "natl": ("national",),
    "mgmt": ("management",),
    "uni": ("university",),
    "univ": ("university",),
    "corp": ("corporation",),
    "assoc": ("association",),
    "st": ("street",),
    "rd": ("road",),
    "ave": ("avenue",),
    "mt": ("mount", "mountain"),
    "yr": ("year",),
    "yrs": ("years",),
    "hr": ("hour",),
    "hrs": ("hours",),
    "mins": ("minutes",),
    "km": ("kilometres", "kilometers"),
    "kg": ("kilograms", "kilogrammes"),
    "kilo": ("kilogram", "kilogramme"),
    "kilos": ("kilograms", "kilogrammes"),
    "co-op": ("cooperative", "co-operative"),
    "co-ops": ("cooperatives", "co-operatives"),
    "sq": ("square",),
    "avg": ("average",),
    "max": ("maximum",),
    "temp": ("temperature",),
    "pop": ("population",),
    "bn": ("billion",),
    "ppl": ("people",),
    "ceo": ("chief executive",),
    "cfo": ("chief financial officer", "finance director"),
    "coo": ("chief operating officer",),
    "cto": ("chief technology officer", "chief technical officer"),
    "md": ("managing director",),
    "hq": ("headquarters",),
    "vp": ("vice president", "vice-president"),
    "agm": ("annual general meeting",),
    "egm": ("extraordinary general meeting",),
    "gdp": ("gross domestic product",),
    "ipo": ("initial public offering", "stock market listing"),
    "mp": ("member of parliament",),
    "mps": ("members of parliament",),
    "ngo": ("non-governmental organisation", "non-governmental organization"),
    "ev": ("electric vehicle",),
    "evs": ("electric vehicles",),
}


# the question words, as a hurried hand slips on them ("wich town ...?"): no corpus word would be meant
_QUESTION_SLIPS = {
    **dict.fromkeys(("wich", "whcih", "wihch", "whihc", "whch"), "which"),
    **dict.fromkeys(("waht", "whta", "wht"), "what"),
    **dict.fromkeys(("wher", "whre", "wehre"), "where"),
    **dict.fromkeys(("hwo", "hw"), "how"),
    **dict.fromkeys(("whne", "wehn"), "when"),
}

# contractions written without their apostrophe ("Why wasnt it pulled down?"), which are no slips of corpus words
_CONTRACTIONS = {
    w.replace("'", ""): w
    for w in (
        "isn't aren't wasn't weren't don't doesn't didn't can't won't couldn't wouldn't shouldn't hasn't haven't hadn't "
        "what's who's where's how's that's there's"
    ).split()
}


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
        named: set[str] = set()  # words written with a capital where no sentence opens
        for text in texts:
            for match in _WORD.finditer(text):
                raw = match.group(0).strip("'-")
                opens = _OPENING.search(text, max(0, match.start() - 4), match.start()) is not None or match.start() == 0
                for piece in {raw, *raw.split("-")} if "-" in raw else (raw,):
                    key = fold(piece)
                    if key:
                        counts[key] += 1
                        if key not in surface or piece.islower():  # a word the corpus ever writes in lower case is no name
                            surface[key] = piece
                        if piece[:1].isupper() and not opens:
                            named.add(key)
        # an everyday word capitalised only where a sentence or a line opens ("Chief executive Ann Lee said") is no name
        surface = {
            key: word.lower() if word[:1].isupper() and key not in named and everyday(key) else word for key, word in surface.items()
        }
        self.counts = counts
        self.surface = surface
        self.named = frozenset(named)
        self._by_length: dict[int, list[str]] = {}
        self._deletes: dict[str, list[str]] = {}  # each word with one letter left out -> the words
        for word in counts:
            self._by_length.setdefault(len(word), []).append(word)
            if len(word) >= 4:
                for variant in _deletions(word):
                    self._deletes.setdefault(variant, []).append(word)
        self._corrections: dict[str, str | None] = {}
        self._stems: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        return fold(word) in self.counts

    def inflects(self, word: str) -> bool:
        """Whether the corpus writes ``word`` in some form: itself or a word of the same stem ("Cables", "cable")."""
        if self._stems is None:
            self._stems = frozenset(stem(w) for w in self.counts)
        return fold(word) in self.counts or stem(fold(word)) in self._stems

    def correction(self, word: str) -> str | None:
        """The corpus word ``word`` misspells or abbreviates, or None (it is a corpus word, everyday English, or too far)."""
        if word not in self._corrections:
            if len(self._corrections) > 20_000:
                self._corrections.clear()
            self._corrections[word] = self._correction(word)
        return self._corrections[word]

    def _candidates(self, key: str, limit: int) -> set[str]:
        """Corpus words that may be within ``limit`` edits of ``key``: found through shared deletions
        when one edit is allowed, else every word of about the same length and first letter."""
        if limit == 1:
            found = set(self._deletes.get(key, ()))
            for variant in _deletions(key):
                found.add(variant)
                found.update(self._deletes.get(variant, ()))
            return {w for w in found if w in self.counts}
        return {w for length in range(len(key) - limit, len(key) + limit + 1) for w in self._by_length.get(length, ()) if w[0] == key[0]}

    def _correction(self, word: str) -> str | None:
        key = fold(word)
        if key in _CONTRACTIONS:
            return _CONTRACTIONS[key]
        if key in _QUESTION_SLIPS:
            return _QUESTION_SLIPS[key]
        if key in _ABBREVIATIONS and key not in self.counts:
            return next((full for full in _ABBREVIATIONS[key] if all(self.inflects(w) for w in full.split())), None)
        if len(key) < 4 or key in self.counts or key in STOPWORDS or not key.isalpha():
            return None
        if (regional := next((v for v in _other_spellings(key) if v not in STOPWORDS and self.inflects(v)), None)) is not None:
            return regional  # "advisor" where the corpus writes "adviser", "center" where it writes "centre"
        if everyday(key) or key in _KNOWN_WORDS:
            return None
        for ending in ("ing", "ed", "er"):  # "runing": "running", when the corpus writes "run" in some form
            base = key[: -len(ending)]
            if key.endswith(ending) and re.fullmatch(r"[a-z]*[^aeiou][aeiou][^aeiouwxy]", base) and self.inflects(base):
                return base + base[-1] + ending
        limit = 1 if len(key) < 8 else 2
        # a slip rarely hits the first letter; of words as near, two letters swapped ("recieve") is the likeliest
        # slip, then one that only drops letters ("wher": where, not when), then the commoner word. The corpus may
        # write the word only inflected: "recieve" is a slip of "receive" when the corpus has "received".
        scored = sorted(
            (distance, sorted(written) != sorted(c), not _within(written, c), -self.counts[c], c, ending)
            for ending in _ENDINGS
            for written in (key + ending,)
            for c in self._candidates(written, limit)
            if c[0] == key[0] and c.endswith(ending) and (distance := _distance(written, c, limit)) <= limit
        )
        if not scored:
            return None
        best = scored[0]
        if len(scored) > 1 and scored[1][:4] == best[:4] and _unended(scored[1]) != _unended(best):
            return None  # two corpus words as near and as common: no telling which was meant (one word's two forms are one)
        word, ending = self.surface[best[4]], best[5]
        stripped = word[: len(word) - len(ending)] if ending else word
        # "refit" asked, "refitted" written: the word asked is the one written, its last letter doubled before the ending
        return None if fold(stripped) == key + key[-1] else stripped

    def _name_slip(self, word: str, after: str) -> str | None:
        """The first name a capitalised word misspells when the surname after it is the corpus's ("Mare Holt":
        "Maren"), though the slip is itself a word: one edit from one name the corpus writes."""
        key = fold(word)
        following = _NEXT_NAME.match(after)
        if len(key) < 4 or key in self.counts or not following or fold(following.group(1)) not in self.named:
            return None
        near = sorted(
            (-self.counts[c], c) for c in self._candidates(key, 1) if c[0] == key[0] and c in self.named and _distance(key, c, 1) <= 1
        )
        if not near or (len(near) > 1 and near[1][0] == near[0][0]):
            return None
        return self.surface[near[0][1]]

    def correct(self, text: str) -> str:
        """``text`` with every misspelled or abbreviated corpus word replaced by the corpus's spelling."""

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            fixed = self.correction(word)
            possessive = re.search(r"['\u2019]s$", word)
            if fixed is None and possessive and len(word) > 3:  # "the co-op's turnover": the cooperative's
                return _WORD.sub(swap, word[: possessive.start()]) + possessive.group()
            if fixed is None and "-" in word.strip("-"):  # "Vice-Presdient": each part on its own
                return "-".join(_WORD.sub(swap, part) for part in word.split("-"))
            if fixed is None and word[:1].isupper() and match.start() > 0:
                fixed = self._name_slip(word, text[match.end() :])
            if fixed is None:
                return word
            if fold(word) in _ABBREVIATIONS and len(word) > 1 and word.isupper():
                return fixed  # "the CEO": "the chief executive", no name
            if (
                word[0].isupper()
                and match.start() > 0
                and not fixed[0].isupper()
                and fold(word) not in _ABBREVIATIONS
                and fold(word) not in _CONTRACTIONS
            ):
                return word  # a name the corpus lacks ("Hong Kong") is not one of its common words misspelt ("long")
            if word[0].isupper():
                return fixed[0].upper() + fixed[1:]
            # "punctualty": "punctuality", which the corpus capitalises only where a sentence opens; a name keeps its capital
            return fixed if fixed[0].isupper() and fold(fixed) in self.named else fixed.lower()

        return _WORD.sub(swap, text)


# how American and British English spell one word: (American, British, what stands before, what follows)
_SPELLINGS = (
    ("iz", "is", "", "e|ation|ing"),
    ("yz", "ys", "", "e|ing"),
    ("or", "our", "", "s?$|ed$|ing$|ful$|ite$"),
    ("er", "re", "", "s?$"),
    ("or", "er", "is", "s?$"),
    ("og", "ogue", "", "s?$"),
    ("ense", "ence", "", "s?$"),
    ("l", "ll", "[aeiou]", "ed$|ing$|er$|ers$"),
)


def _other_spellings(key: str) -> list[str]:
    """``key`` as the other side of the Atlantic spells it ("advisor": adviser, "centre": center), in each way a
    pair of spellings allows."""
    out: list[str] = []
    if len(key) < 5:  # "four" is no "for"
        return out
    for american, british, before, after in _SPELLINGS:
        for written, other in ((american, british), (british, american)):
            pattern = (f"(?<={before})" if before else "") + re.escape(written) + f"(?={after})"
            variant = re.sub(pattern, other, key, count=1)
            if variant != key and len(variant) >= 5 and variant not in out:
                out.append(variant)
    return out


_ENDINGS = ("", "s", "d", "ed", "es", "ing")  # the corpus's word may be the one asked, inflected
_NEXT_NAME = re.compile(r"\s+([A-Z][A-Za-z\u00c0-\u024f'\-]+)")  # the word after a name: its surname, if any


def _unended(scored: tuple) -> str:
    """The corpus word of a scored candidate without the ending tried ("exhibitions" tried as "exhibtion" + "s")."""
    word, ending = scored[4], scored[5]
    return word[: len(word) - len(ending)] if ending else word


def _within(short: str, word: str) -> bool:
    """Whether ``short`` is ``word`` with letters left out."""
    letters = iter(word)
    return all(ch in letters for ch in short)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


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
