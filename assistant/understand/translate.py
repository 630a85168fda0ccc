"""Questions in Chinese, rendered in English term by term with the corpus's bilingual glossary.

The glossary (``corpus/glossary.yaml``) maps Chinese names of entities and common question phrases
to English; the longest known term wins at each position, and characters no term covers are dropped.
The English rendering is what retrieval and the facts engine then read.
"""

from __future__ import annotations

import re

from assistant.corpus import GlossaryTerm

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PUNCT = str.maketrans(
    {"？": "?", "，": ",", "。": ".", "！": "!", "：": ":", "；": ";", "（": "(", "）": ")", "、": ",", "“": '"', "”": '"'}
)


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


class Translator:
    """Longest-match glossary translation from Chinese to English."""

    def __init__(self, glossary: list[GlossaryTerm]) -> None:
        self.table: dict[str, str] = {}
        for term in glossary:
            for zh in term.zh:
                if zh.strip():
                    self.table.setdefault(zh.strip(), term.en)
        self.longest = max((len(k) for k in self.table), default=0)

    def to_english(self, text: str) -> str:
        """``text`` with every known Chinese term replaced by its English; runs of unknown characters kept.

        The segmentation covers as many characters with known terms as it can, in as few terms as it
        can ("在哪个城市" is "in" + "which city", not "where" + a stray "个" + "city").
        """
        if not has_chinese(text):
            return text
        text = text.translate(_PUNCT)
        n = len(text)
        # cost[i]: best cost of segmenting text[:i]; a known term costs 1, an unknown CJK character 3
        cost = [0.0] + [float("inf")] * n
        step: list[tuple[int, str | None]] = [(0, None)] * (n + 1)
        for i in range(n):
            if cost[i] == float("inf"):
                continue
            if not _CJK.match(text[i]):
                if cost[i] < cost[i + 1]:
                    cost[i + 1], step[i + 1] = cost[i], (i, text[i])
                continue
            for size in range(1, min(self.longest, n - i) + 1):
                english = self.table.get(text[i : i + size])
                if english is not None and cost[i] + 1 < cost[i + size]:
                    cost[i + size], step[i + size] = cost[i] + 1, (i, f" {english} ")
            if cost[i] + 3 < cost[i + 1]:
                # an unknown character is kept: a run of them is probably a name the glossary lacks
                cost[i + 1], step[i + 1] = cost[i] + 3, (i, text[i])
        pieces = []
        at = n
        while at > 0:
            before, piece = step[at]
            pieces.append(piece or "")
            at = before
        english = _question_first(list(reversed(pieces)))
        english = re.sub(r"(?<![\u3400-\u9fff])[\u3400-\u9fff](?![\u3400-\u9fff])", " ", english)  # lone unknown characters say little
        english = re.sub(r"\s+", " ", english).strip()
        english = re.sub(r"\s+([?.,!:;])", r"\1", english)
        return english[:1].upper() + english[1:] if english else english


_WH = re.compile(r"^(?:what|which|who|where|when|why|how)\b", re.I)


def _question_first(pieces: list[str]) -> str:
    """Chinese puts the question word last ("X是多少"), English first ("How much is X?").

    Only a glossary question phrase that ends the question moves; one with "it" ("how much is it")
    takes what came before in place of "it".
    """
    meaningful = [i for i, p in enumerate(pieces) if p.strip() and p.strip() not in "?.!,"]
    if len(meaningful) < 2 or not _WH.match(pieces[meaningful[-1]].strip()):
        return "".join(re.sub(r"^(\s*(?:what|how much|where|who)(?: is| does)?) it\b", r"\1", p) for p in pieces)
    last = meaningful[-1]
    head = "".join(pieces[:last]).strip().rstrip(",")
    wh, end = pieces[last].strip(), "".join(pieces[last + 1 :]).strip() or "?"
    if re.search(r"\bit\b", wh):
        return re.sub(r"\bit\b", head, wh, count=1) + end
    return f"{wh} {head}{end}"
