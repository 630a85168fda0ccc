"""Questions in Chinese, rendered as English questions that retrieval and the answerers read.

No glossary is needed. A question is cut into pieces, each the longest that is known:

- the corpus's optional glossary (``corpus/glossary.yaml``), an overlay whose entries win;
- general Chinese (:mod:`assistant.understand.chinese`: question words, operators, numbers, units, common words);
- words of the dictionary (CC-CEDICT, :mod:`assistant.understand.dictionary`), cut whole ("国会": congress);
- names, by their pinyin matched against the names the articles write ("南京" is "Nanjing", "西安"
  finds "Xi'an"), and a run nothing else knows by how it sounds ("科莫多", kemoduo, is "Komodo");
- Latin-script words and numbers, carried over as they are.

What is left (a corpus's own terms) goes to ``terms``, a callback that matches it with phrases of the
articles through a multilingual encoder; a run nothing matches that may be a name is carried over in
pinyin, so a name the articles lack stays a name (and the question is refused rather than answered
about something else). The pieces are then put in English order: the question phrase first.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

from assistant.corpus import Article, GlossaryTerm
from assistant.text import stem
from assistant.understand import chinese as zh
from assistant.understand import dictionary

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a run of Latin script (accented letters too: "Café Ostrel")
_LATIN = re.compile(
    r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.,%'&+\-]*(?:\s+[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.,%'&+\-]*)*"
)
_PUNCT = str.maketrans(
    {"？": "?", "，": ",", "。": ".", "！": "!", "：": ":", "；": ";", "（": "(", "）": ")", "、": ",", "“": '"', "”": '"', "％": "%"}
)
_PROPER = re.compile(r"[A-Z][a-z]+\b")  # a sense of the dictionary that is a name ("Irkutsk"), not "A-grade"
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+(?:['\u2019-][a-z]+)?\b")
_NAME_RUN = re.compile(r"\b[A-Z][A-Za-z]+(?:['\u2019-][A-Za-z]+)?(?:\s+[A-Z][A-Za-z]+(?:['\u2019-][A-Za-z]+)?){1,2}\b")
MAX_NAME = 6
TermsFn = Callable[[list[str]], dict[str, list[tuple[str, str | None, float]]]]
OVERRIDE = 0.65  # how near the articles' own phrase must be to replace a common word's English
SOUND_NEAR = 0.8  # how alike a run's sound and a name's must be (科莫多 and "Komodo": both "gamada", 1.0)
SOUND_SURE = 0.85  # ... and with one-character words beside it taken in
SOUND_MARGIN = 0.05
NAME = 0.9  # the cost of a name of the articles in the cutting
PROPER = 1.2  # ... of a name of the dictionary ("中国": China): above the articles' own names
WORD = 2.5  # the cost of a word of the dictionary in the cutting: above two words of the tables, below one and a character they lack


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


@dataclass
class Piece:
    zh: str
    en: str
    role: str  # a role of assistant.understand.chinese, or "name", "num", "latin", "unknown"
    proper: bool = False  # a name of the dictionary, not of the articles


def pinyin_key(text: str) -> str:
    """Letters only, lower case: what a name and the pinyin of its Chinese have in common."""
    return re.sub(r"[^a-z]", "", text.lower().replace("ü", "u"))


_SOUND_PAIRS = (("ce", "se"), ("ci", "si"), ("cy", "si"), ("zh", "s"), ("ch", "s"), ("sh", "s"), ("th", "d"), ("ph", "f"), ("ng", "n"))
_SOUND_CLASSES = str.maketrans(
    {"p": "b", "t": "d", "k": "g", "c": "g", "q": "s", "x": "s", "z": "s", "j": "s", "r": "l", "v": "f", "w": "f", "y": "i", "h": None}
)


def sound_key(key: str) -> str:
    """A name's letters or a pinyin key as it sounds through Chinese transliteration: voiced and unvoiced
    consonants alike, r as l, vowel runs as one vowel ("Komodo" and "kemoduo" both "gamada")."""
    for pair, one in _SOUND_PAIRS:
        key = key.replace(pair, one)
    key = re.sub(r"[aeiou]+", "a", key.translate(_SOUND_CLASSES))
    return re.sub(r"(.)\1+", r"\1", key)


_NAME_DOTS = frozenset("\u00b7\u30fb\u2022\u2027")  # the dots between the parts of a foreign name in Chinese


def _beside(pieces: list[Piece], dot: int, step: int) -> list[int]:
    """The indices of the Chinese pieces beside a name's dot on the side ``step`` points to, nearest first,
    as many as a name's part may hold (not a question word or a particle)."""
    out, j, size = [], dot + step, 0
    while (
        0 <= j < len(pieces) and _CJK.match(pieces[j].zh) and pieces[j].role not in {"wh", "part"} and size + len(pieces[j].zh) <= MAX_NAME
    ):
        size += len(pieces[j].zh)
        out.append(j)
        j += step
    return out


def _in_longer_names(pieces: list[Piece]) -> list[Piece]:
    """A name of the dictionary beside unknown characters that write a foreign name by their sound is a part
    of that longer name ("卡斯泰尔马雷" is one name, not "泰尔", Tyre, inside it)."""
    out = list(pieces)
    for k, p in enumerate(out):
        beside = [out[j] for j in (k - 1, k + 1) if 0 <= j < len(out) and out[j].role == "unknown"]
        if p.proper and any(zh.transliterated(q.zh) for q in beside):
            out[k] = Piece(p.zh, "", "unknown")
    return out


def _inside_names(pieces: list[Piece]) -> list[Piece]:
    """A country's name with a character nothing knows beside it is part of a longer name ("纽" + "芬兰",
    Finland, is 纽芬兰, Newfoundland): left unknown, to be matched as a whole."""
    out = list(pieces)
    for k, p in enumerate(out):
        if p.zh in zh.PLACES and p.role != "name":
            near = [out[j] for j in (k - 1, k + 1) if 0 <= j < len(out)]
            if any(x.role == "unknown" and len(x.zh) == 1 and _CJK.match(x.zh) for x in near):
                out[k] = Piece(p.zh, p.zh, "unknown")
    return out


def _matched(run: str, found: dict) -> bool:
    """Whether the cross-lingual encoder matched all of ``run`` (not one part, the rest carried in pinyin)."""
    return run in found and all(english for _, english, _ in found[run])


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)


class Translator:
    """Renders a Chinese question in English; see the module docstring."""

    def __init__(self, glossary: list[GlossaryTerm], *, articles: Iterable[Article] = (), names: Iterable[str] = ()) -> None:
        # the dictionary takes a second or two to read: read it now, beside the rest, not in a first Chinese question
        threading.Thread(target=dictionary.entries, name="dictionary", daemon=True).start()
        self.glossary: dict[str, str] = {}
        for term in glossary:
            for name in term.zh:
                if name.strip():
                    self.glossary.setdefault(name.strip(), term.en)
        self.longest = max([len(k) for k in self.glossary] + [zh.LONGEST, MAX_NAME])
        self.names: dict[str, str] = {}  # pinyin key -> the name as written
        self.phrases: dict[str, str] = {}  # lower case -> a capitalised phrase as written
        self.lower: set[str] = set()  # words the articles also write in lower case (so not names)
        self.stems: Counter[str] = Counter()  # how often the articles use each word stem
        counts: dict[str, int] = {}
        for article in articles:
            self.lower.update(re.findall(r"\b[a-z][a-z-]+\b", article.text))
            self.stems.update(stem(w) for w in re.findall(r"[a-z]+", article.text.lower()))
            for match in _NAME_WORD.finditer(article.text):
                counts[match.group()] = counts.get(match.group(), 0) + 1
            for match in _NAME_RUN.finditer(article.text):
                self.phrases.setdefault(match.group().lower(), match.group())
                counts[match.group()] = counts.get(match.group(), 0) + 1  # "Chen Xiaoyu" is 陈晓雨 whole
        for name in [*names, *sorted(counts, key=lambda w: -counts[w])]:
            key = pinyin_key(name)
            if len(key) >= 4:
                self.names.setdefault(key, name)
        # the first two sounds -> (sound, name), for the entities only: a capitalised word that opens a
        # sentence ("Many", "March") is no name a question would write in Chinese
        self.sounds: dict[str, list[tuple[str, str]]] = {}
        for name in names:
            key = pinyin_key(name)
            # an r after a vowel is often not written in Chinese ("Harwick": 哈威克, ha-wei-ke)
            for sound in dict.fromkeys((sound_key(key), sound_key(re.sub(r"(?<=[aeiou])r(?![aeiouy])", "", key)))):
                if len(sound) >= 3:
                    self.sounds.setdefault(sound[:2], []).append((sound, name))

    # ------------------------------------------------------------------------------ cutting

    def pieces(self, text: str) -> list[Piece]:
        """The question cut into known pieces, with as few unknown characters as possible."""
        text = text.translate(_PUNCT)
        n = len(text)
        cost = [0.0] + [float("inf")] * n
        step: list[tuple[int, Piece | None]] = [(0, None)] * (n + 1)

        def offer(i: int, j: int, piece: Piece, c: float) -> None:
            if cost[i] + c < cost[j]:
                cost[j], step[j] = cost[i] + c, (i, piece)

        keys = self._keys(text)
        words = dictionary.entries()
        for i in range(n):
            if cost[i] == float("inf"):
                continue
            latin = _LATIN.match(text, i)
            if latin and not (i and text[i - 1].isascii() and text[i - 1].isalnum()):
                word = latin.group().rstrip(".,")
                offer(i, i + len(word), Piece(word, word, "num" if _is_number(word) else "latin"), 0.0)
            if not _CJK.match(text[i]) and text[i] != "%":
                offer(i, i + 1, Piece(text[i], text[i], "punct"), 0.0)
                continue
            for size in range(1, min(self.longest, n - i) + 1):
                chunk = text[i : i + size]
                if chunk in self.glossary:
                    offer(i, i + size, Piece(chunk, self.glossary[chunk], "name"), 0.5)
                if chunk in zh.TABLE:
                    en, role = zh.TABLE[chunk]
                    offer(i, i + size, Piece(chunk, en, role), 1.0)
                elif size >= 2 and chunk in words and not all(ch in zh.TABLE for ch in chunk):
                    # "国会" is one word, not "国" left over and "会"; "几个" stays the tables' "how many" and measure;
                    # a name ("中国": China) is surer than a word, and a name, not joined with what stands beside it
                    if _proper(words[chunk]):
                        offer(i, i + size, Piece(chunk, words[chunk][0][0], "name", proper=True), PROPER)
                    else:
                        offer(i, i + size, Piece(chunk, "", "unknown"), WORD)
                if size >= 2 and size <= MAX_NAME and keys.get((i, i + size)) in self.names:
                    offer(i, i + size, Piece(chunk, self.names[keys[(i, i + size)]], "name"), NAME)
                if zh.NUMERAL_RE.fullmatch(chunk):
                    offer(i, i + size, Piece(chunk, str(zh.numeral(chunk)), "num"), 1.0)
                if chunk.startswith("第") and zh.NUMERAL_RE.fullmatch(chunk[1:]):
                    offer(i, i + size, Piece(chunk, zh.ordinal(zh.numeral(chunk[1:]) or 0), "ord"), 0.5)
            offer(i, i + 1, Piece(text[i], text[i], "unknown"), 3.0)
        out: list[Piece] = []
        at = n
        while at > 0:
            before, piece = step[at]
            if piece is not None:
                out.append(piece)
            at = before
        return _join_unknown(_absorb(_join_unknown(_inside_names(_in_longer_names(list(reversed(out)))))))

    def _sounded(self, pieces: list[Piece], found: dict) -> list[Piece]:
        """Runs left unknown that sound like a name of the articles, with up to two one-character words beside
        them that the cutting took for words of their own ("伊" + "比" + "利亚" is "Iberia", not "than Liya")."""
        out = list(pieces)

        def single(j: int) -> bool:
            return 0 <= j < len(out) and len(out[j].zh) == 1 and bool(_CJK.match(out[j].zh))

        out = self._dotted(out)
        k = 0
        while k < len(out):
            p = out[k]
            # the encoder found a phrase, or the dictionary a word the articles use: a word, not a name; but a name
            # the encoder found in part ("马罗" of "马罗比": Marrowby) takes the characters beside it that complete its sound
            encoded = {en for _, en, _ in found.get(p.zh, ()) if en} if _matched(p.zh, found) else set()
            if p.role == "unknown" and len(p.zh) >= 2 and (encoded or not self._used_word(p.zh)):
                before = 2 if single(k - 1) and single(k - 2) else 1 if single(k - 1) else 0
                after = 2 if single(k + 1) and single(k + 2) else 1 if single(k + 1) else 0
                options = sorted(((k - x, k + 1 + y) for x in range(before + 1) for y in range(after + 1)), key=lambda ab: ab[0] - ab[1])
                for a, b in options:  # the longer runs first
                    if encoded and b - a == 1:
                        continue  # the encoder's reading of the run alone stands
                    run = "".join(x.zh for x in out[a:b])
                    if not zh.transliterated(run):  # "电芯产" is no foreign name, however it sounds
                        continue
                    # a run with words beside it must sound nearer than the run alone
                    name = self.sounds_like(pinyin_key("".join(_pinyin(run))), SOUND_NEAR if b - a == 1 else SOUND_SURE)
                    if name and (not encoded or name in encoded):
                        out[a:b] = [Piece(run, name, "name")]
                        k = a
                        break
            k += 1
        return out

    def _name_first(self, pieces: list[Piece]) -> list[Piece]:
        """An unknown run that opens with a name of the articles and goes on with a word ("科莫多巨蜥": Komodo,
        then "giant lizard"): the name, and the rest left for the encoder to match. Not a word of the dictionary
        ("维多利亚女王" is Queen Victoria, not a name that sounds like its first four characters)."""
        out: list[Piece] = []
        known = dictionary.entries()  # a word the dictionary has is read as that word, not by its sound
        for p in pieces:
            if (
                p.role == "unknown"
                and len(p.zh) >= 4
                and p.zh not in known
                and self.sounds_like(pinyin_key("".join(_pinyin(p.zh)))) is None
            ):
                for cut in range(len(p.zh) - 2, 1, -1):
                    if not zh.transliterated(p.zh[:cut]) or p.zh[:cut] in known:
                        continue
                    name = self.sounds_like(pinyin_key("".join(_pinyin(p.zh[:cut]))), SOUND_SURE)
                    if name:
                        out += [Piece(p.zh[:cut], name, "name"), Piece(p.zh[cut:], p.zh[cut:], "unknown")]
                        break
                else:
                    out.append(p)
            else:
                out.append(p)
        return out

    def _dotted(self, pieces: list[Piece]) -> list[Piece]:
        """A foreign name written with a middle dot ("玛丽·伦顿": Mary Lenton): the characters on each
        side are the parts of one name, whatever words the cutting took them for; each part is the longest
        run beside the dot that sounds like a name of the articles, else the unknown run beside it."""
        out = list(pieces)
        for k in range(len(out) - 2, 0, -1):
            if out[k].zh not in _NAME_DOTS:
                continue
            whole = self._whole_name(out, k)
            if whole is not None:
                (left, a), (right, d), english = whole
            else:
                (left, a, left_en), (right, d, right_en) = (self._name_part(out, sorted(_beside(out, k, step)), step) for step in (-1, 1))
                english = f"{left_en} {right_en}"
            if left and right:
                out[min(a, k) : max(d, k) + 1] = [Piece(f"{left}\u00b7{right}", english.strip(), "name")]
        return out

    def _whole_name(self, pieces: list[Piece], dot: int) -> tuple[tuple[str, int], tuple[str, int], str] | None:
        """The one name of the articles that both sides of a dot together sound like ("亨利·达索": Henri
        Dassault), the longest runs first: each side's characters and far end, and the name."""
        sides = []
        for step in (-1, 1):  # each side's runs, the longest first
            near = _beside(pieces, dot, step)
            sides.append([("".join(pieces[i].zh for i in sorted(near[: n + 1])), near[n]) for n in reversed(range(len(near)))])
        for left, a in sides[0]:
            for right, d in sides[1]:
                name = self.sounds_like(pinyin_key("".join(_pinyin(left + right))))
                if name and len(re.findall(r"[^\W\d_]+", name)) == 2:  # given and family name, as the dot parts them
                    return (left, a), (right, d), name
        return None

    def _name_part(self, pieces: list[Piece], indices: list[int], step: int) -> tuple[str, int, str]:
        """The part of a dotted name among ``pieces[indices]`` (ordered, beside the dot on the side ``step``
        points to): its characters, the index of its far end, and its English."""
        options = [indices[-n:] if step < 0 else indices[:n] for n in range(len(indices), 0, -1)]
        for chosen in options:
            run = "".join(pieces[i].zh for i in chosen)
            name = self.sounds_like(pinyin_key("".join(_pinyin(run)))) if len(run) >= 2 else None
            if name:
                return run, chosen[0] if step < 0 else chosen[-1], name
        near = indices[-1] if step < 0 else indices[0] if indices else None
        if near is not None and pieces[near].role == "unknown" and len(pieces[near].zh) >= 2:
            return pieces[near].zh, near, _carried(pieces[near].zh)
        return "", -1, ""

    def sounds_like(self, key: str, near: float = SOUND_NEAR) -> str | None:
        """The one name of the articles whose sound is at least ``near`` alike the pinyin ``key``, if any."""
        sound = sound_key(key)
        if len(sound) < 3:
            return None
        scored = sorted(
            (
                (SequenceMatcher(None, sound, other).ratio(), name)
                for other, name in self.sounds.get(sound[:2], [])
                if 2 * len(other) >= len(sound) and 2 * len(sound) >= len(other)
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < near:
            return None
        if len(scored) > 1 and scored[1][1] != scored[0][1] and scored[1][0] > scored[0][0] - SOUND_MARGIN:
            return None  # two names sound alike: neither is meant for sure
        return scored[0][1]

    def _keys(self, text: str) -> dict[tuple[int, int], str]:
        """Pinyin keys of every short run of Chinese characters (names are 2 to 6 characters)."""
        keys: dict[tuple[int, int], str] = {}
        for run in re.finditer(r"[\u3400-\u9fff]+", text):
            syllables = _pinyin(run.group())
            for a in range(len(syllables)):
                for b in range(a + 2, min(len(syllables), a + MAX_NAME) + 1):
                    keys[(run.start() + a, run.start() + b)] = pinyin_key("".join(syllables[a:b]))
        return keys

    # ---------------------------------------------------------------------------- rendering

    def to_english(self, text: str, *, terms: TermsFn | None = None) -> str:
        """``text`` as an English question (``text`` itself when it has no Chinese)."""
        if not has_chinese(text):
            return text
        pieces = self.pieces(text)
        for before, p in pairwise(pieces):
            if p.role == "unknown" and len(p.zh) == 1 and before.role == "wh":  # "哪一层": the thing asked about
                p.role = "asked"
        pieces = self._name_first(pieces)
        unknown = [p.zh for p in pieces if p.role == "asked" or (p.role == "unknown" and len(p.zh) >= 2)]
        compounds = self._compounds(pieces)
        asked = list(dict.fromkeys(unknown + [zh_text for _, _, zh_text in compounds]))
        found = terms(asked) if terms and asked else {}
        for a, b, zh_text in reversed(compounds):  # the corpus's own word for a compound, when one phrase says it all
            match = found.get(zh_text, [])
            if len(match) == 1 and match[0][1] is not None and match[0][2] >= OVERRIDE and self._keeps_head(pieces[a:b], match[0][1]):
                pieces[a:b] = [Piece(zh_text, self._case(match[0][1]), "noun")]
        pieces = self._sounded(pieces, found)
        for p in pieces:
            if p.role in {"unknown", "asked"}:
                words = self._dictionary(p.zh, asked=p.role == "asked")
                matched = any(en for _, en, _ in found.get(p.zh, ()))  # the encoder found a phrase of the articles
                parts = found.get(p.zh, [])
                # the dictionary reads all of a run the encoder matched only a part of ("伊比利亚": Iberia)
                whole = any(en is None for _, en, _ in parts)
                if words is not None and (not matched or whole or self._surer(p.zh, words[0], parts)):
                    p.en, p.role = words
                elif p.zh in found:
                    english = self._parts(p.zh, parts) if p.role == "unknown" else [en or "" for _, en, _ in parts]
                    p.en = " ".join(dict.fromkeys(self._case(e) for e in english if e))
                    p.role = "verb" if re.fullmatch(r"[a-z]+ed", p.en) else "noun"  # "开业": opened
                elif words is not None:  # common words no table here holds
                    p.en, p.role = words
                elif len(p.zh) >= 2 and p.role == "unknown" and _may_name(p.zh):  # a name the articles do not write: carried over in pinyin
                    p.en, p.role = _carried(p.zh), "name"
                else:
                    p.en, p.role = "", "part"
        english = _order(_numbers(pieces))
        return self._recase(english)

    def _dictionary(self, run: str, *, asked: bool = False) -> tuple[str, str] | None:
        """``run`` in English from the dictionary, when its words cover it all ("环法": Tour de France cycle
        race): words of two characters or more, or one character alone whose sense the articles use ("分":
        points; a noun when it is the thing ``asked`` about); the English and the role (a verb when every
        word is one). None when it does not cover."""
        if len(run) == 1:
            sense = dictionary.english(run, self._uses, noun=asked) if self._used_word(run) else None
            return (sense[0], "verb" if sense[1] else "noun") if sense else None
        best: list[list[tuple[str, bool]] | None] = [[]] + [None] * len(run)
        for i in range(len(run)):
            if best[i] is None:
                continue
            for j in range(i + 1, len(run) + 1):
                word = run[i:j]
                # a character of the tables taken into the run ("届" of "第一届环法自行车赛") keeps its English
                # a word before the run's last is read as a noun where it can be ("过夜人次": overnight visits)
                sense = dictionary.english(word, self._uses, noun=j < len(run)) if j > i + 1 else None
                if j == i + 1 and zh.TABLE.get(word, ("", "wh"))[1] not in {"wh", "op"}:
                    sense = (zh.TABLE[word][0], zh.TABLE[word][1] == "verb")
                if sense and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                    best[j] = [*best[i], sense]
        words = best[len(run)]
        if not words:
            return None
        return " ".join(w for w, _ in words if w), "verb" if all(v for _, v in words) else "noun"

    def _parts(self, run: str, parts: list[tuple[str, str | None, float]]) -> list[str]:
        """The English of a run the encoder matched in parts: each part as the encoder read it. A part left
        over is read by the dictionary: as a word of two characters or more, or with the word it begins or ends
        ("硬" of "硬件层": hardware); else it is carried in pinyin when it may be a name: "硬件层" is not just
        "layer"."""
        out: list[str] = []
        at = 0
        for part, en, _ in parts:
            words = self._dictionary(part) if len(part) >= 2 else None
            out.append(en or (words[0] if words else None) or self._word_across(run, at, at + len(part)) or _left_over(part))
            at += len(part)
        return out

    def _word_across(self, run: str, a: int, b: int) -> str | None:
        """The English of the longest word of the dictionary in ``run`` that begins at ``a`` or ends at ``b``
        and goes beyond ``run[a:b]``, if any."""
        entries = dictionary.entries()
        spans = [(a, j) for j in range(len(run), b, -1)] + [(i, b) for i in range(0, a)]
        for i, j in sorted(spans, key=lambda ij: ij[0] - ij[1]):
            if j - i >= 2 and run[i:j] in entries:
                sense = dictionary.english(run[i:j], self._uses)
                return sense[0] if sense else None
        return None

    def _surer(self, word: str, english: str, match: list | None) -> bool:
        """Whether the dictionary's ``english`` for ``word`` (a word of the dictionary, or a run its words
        cover) is surer than the encoder's ``match``: the articles use it, and the encoder's phrase is none of
        the senses (when it is, the articles' own wording of it is kept: "approved", not "approve")."""
        entries = dictionary.entries()
        inside = [word[a:b] for a in range(len(word)) for b in range(a + 2, len(word) + 1)]
        senses = entries.get(word) or [sense for part in inside for sense in entries.get(part, ())]
        if not senses or not self._used(english):
            return False
        if not match:
            return True
        if len(match) == 1 and match[0][1] and match[0][1].lower() in self.phrases:
            return False  # the name the articles give it ("重建法案": the Rebuilding Act, not a "rebuild bill")
        said = {stem(w) for sense, _ in senses for w in sense.lower().split()}
        phrase = [stem(w) for _, en, _ in match if en for w in en.lower().split()]
        return not phrase or not set(phrase) <= said

    def _used_word(self, word: str) -> bool:
        """Whether ``word`` is a word of the dictionary with a sense the articles use ("环法": the Tour de France)."""
        return any(self._used(english) for english, _ in dictionary.entries().get(word, ()))

    def _compounds(self, pieces: list[Piece]) -> list[tuple[int, int, str]]:
        """Runs of content words the articles may say in a word of their own ("建设成本": construction cost).

        A run of several words (ending in a noun or an unknown word, as Chinese compounds do), or one
        common word whose English the articles never use ("主席" chairman, where they write chairwoman).
        """
        content = [p.role in {"noun", "unknown"} or (p.role in {"verb", "adj"} and p.zh in zh.WORDS) for p in pieces]
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(pieces):
            if not content[i]:
                i += 1
                continue
            j = i
            while j < len(pieces) and content[j]:
                j += 1
            end = j
            while end > i and pieces[end - 1].role not in {"noun", "unknown"}:
                end -= 1
            # a longer unknown word is matched on its own; a lone unknown character is the compound's ("加工厂")
            if end - i >= 2 and not any(p.role == "unknown" and len(p.zh) > 1 for p in pieces[i:end]):
                out.append((i, end, "".join(p.zh for p in pieces[i:end])))
            elif end - i == 1 and pieces[i].role == "noun" and len(pieces[i].zh) >= 2 and not self._used(pieces[i].en):
                out.append((i, end, pieces[i].zh))
            i = j
        return out

    def _keeps_head(self, pieces: list[Piece], phrase: str) -> bool:
        """Whether ``phrase`` still says the compound's last common word, where the articles use that word."""
        head = next((p for p in reversed(pieces) if p.role == "noun"), None)
        if head is None or not self._used(head.en):
            return True
        said = {stem(w) for w in re.findall(r"[a-z]+", phrase.lower())}
        return all(stem(w) in said for w in head.en.lower().split())

    def _used(self, english: str) -> bool:
        return all(stem(w) in self.stems for w in english.lower().split())

    def _uses(self, english: str) -> int:
        """How often the articles use ``english``: the count of its rarest word (0 when one is never used)."""
        return min((self.stems[stem(w)] for w in english.lower().split()), default=0)

    def _case(self, phrase: str) -> str:
        """A matched phrase in lower case unless it is a name ("Artificial Intelligence" from a title is not)."""
        words = phrase.split()
        if all(w.lower() in self.lower for w in words if w[:1].isupper()):
            return phrase.lower()
        return phrase

    def _recase(self, english: str) -> str:
        words = english.split(" ")
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in (3, 2):
                phrase = " ".join(words[i : i + n]).lower()
                bare, _, end = phrase.rpartition("'s") if phrase.endswith(("'s", "'s?")) else (phrase, "", "")
                if len(words) - i >= n and bare in self.phrases:
                    out.append(self.phrases[bare] + ("'s" + end if _ else ""))
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)


def _carried(text: str) -> str:
    """Unknown characters in pinyin: a name the articles lack stays a name; a lone character says little."""
    return "".join(_pinyin(text)).capitalize() if len(text) >= 2 else ""


def _proper(senses: tuple[tuple[str, bool], ...]) -> bool:
    """Whether a word of the dictionary is a name: every sense is one, and the same ("伊比利亚": Iberia, the
    Iberian peninsula); not "网络" (Internet, network) or "国会" (Parliament, Congress, Diet)."""
    first = senses[0][0].split()[0]
    return all(_PROPER.match(sense) and sense.startswith(first) for sense, _ in senses)


def _may_name(run: str) -> bool:
    """Whether ``run`` may be a name: a foreign one written by its sound, a Chinese one (a surname and one or
    two characters), or any longer run. "梯次" is a word the tables and the dictionary lack, not a name."""
    return len(run) >= 3 or zh.transliterated(run) or run[0] in dictionary.surnames()


def _left_over(part: str) -> str:
    """A part of a run the encoder did not match: carried in pinyin when it may be a name, not when the
    dictionary knows it as a verb ("维修花了": the repairs took, "花" is no name here)."""
    verb = any(verb for _, verb in dictionary.entries().get(part, ()))
    return _carried(part) if _may_name(part) and not verb else ""


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"\d[\d,]*(?:\.\d+)?%?", word))


def _join_unknown(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if p.role == "unknown" and out and out[-1].role == "unknown":
            out[-1] = Piece(out[-1].zh + p.zh, "", "unknown")
        else:
            out.append(p)
    return out


_ABSORBED = {"noun", "adj", "time", "unit", "cl"}


def _absorb(pieces: list[Piece]) -> list[Piece]:
    """A one-character word next to unknown characters is more likely part of a longer word ("人" in "人口普查")."""
    out = list(pieces)
    for i, p in enumerate(out):
        if not _CJK.match(p.zh) or (len(p.zh) != 1 and p.role != "num"):
            continue
        prev = out[i - 1] if i else None
        nxt = out[i + 1] if i + 1 < len(out) else None
        after_number = prev is not None and prev.role in {"num", "wh"} and p.role in {"cl", "time", "unit"}
        if after_number:
            continue
        numeral = p.role == "num" and zh.NUMERAL_RE.fullmatch(p.zh) is not None and nxt is not None and nxt.role == "unknown"
        if (
            numeral
            or (p.role in _ABSORBED and ((prev and prev.role == "unknown") or (nxt and nxt.role == "unknown")))
            or (p.role == "prep" and nxt is not None and nxt.role == "unknown" and p.zh in "中上里")
        ):
            out[i] = Piece(p.zh, "", "unknown")
    return out


def _numbers(pieces: list[Piece]) -> list[Piece]:
    """Numbers with their scale, percent sign or year made one English piece."""
    out: list[Piece] = []
    for p in pieces:
        prev = out[-1] if out else None
        if prev and prev.role == "num" and p.role == "unit" and p.zh in {"万亿", "亿", "千万", "百万", "万", "千"}:
            prev.en = zh.scaled(float(prev.en.replace(",", "")), p.zh)
            continue
        if prev and prev.role == "num" and p.zh == "大" and zh.NUMERAL_RE.fullmatch(prev.zh):  # "三大": the three major
            prev.en, prev.role = f"the {zh.CARDINALS[int(prev.en)] if int(prev.en) < len(zh.CARDINALS) else prev.en} major", "adj"
            continue
        if prev and prev.role == "num" and p.zh == "%":
            prev.en += "%"
            continue
        if prev and prev.zh == "百分之" and p.role == "num":
            out[-1] = Piece(prev.zh + p.zh, p.en + "%", "num")
            continue
        if prev and prev.role == "num" and re.fullmatch(r"\d{4}", prev.en) and p.role == "time":
            if p.zh == "年":
                prev.role = "year"
                continue
            if p.zh.startswith(("年底", "年末", "年初")):
                out[-1] = Piece(prev.zh + p.zh, p.en.replace("the year", prev.en), "time")
                continue
        if p.role == "cl" and prev and prev.role in {"num", "wh"}:
            continue
        out.append(p)
    for i in range(len(out) - 1):  # "截至2025年底": by the end of 2025; "在2027年底前": by the end of 2027
        if out[i].role == "prep" and out[i + 1].role == "time":
            if out[i].zh in {"截至", "到"}:
                out[i + 1].en = "by " + out[i + 1].en.removeprefix("by ")
            out[i].en, out[i].role = "", "part"
    # "2026 to 2030" reads as a span of years
    for i in range(len(out) - 2):
        if out[i].role == "year" and out[i + 1].en == "to" and out[i + 2].role == "year":
            out[i] = Piece("", f"between {out[i].en} and {out[i + 2].en}", "time")
            out[i + 1].en, out[i + 1].role = "", "part"
            out[i + 2].en, out[i + 2].role = "", "part"
    return [p for p in out if p.en or p.role in {"wh"}]


_HOW_MANY = {"how many", "how many more", "how many fewer"}
_NOUNISH = {"noun", "name", "latin", "adj", "num"}
_LOCALIZERS = {"上", "中", "里"}


def _order(pieces: list[Piece]) -> str:
    """English order: the question phrase first, then who or what it is about, then the rest."""
    pieces = [p for p in pieces if p.role != "punct" or p.en in {"(", ")"}]
    wh_at = next((i for i, p in enumerate(pieces) if p.role == "wh"), None)
    if wh_at is None:
        return _sentence(_words(pieces))
    phrase = pieces[wh_at].en
    before, after = pieces[:wh_at], pieces[wh_at + 1 :]
    superlative = next((p.en for p in before + after if p.role == "op" and p.en.startswith("the ")), None)
    nouns: list[Piece] = []  # the thing asked about follows the question word ("多少家公司", "哪个城市")
    while after and after[0].role in _NOUNISH | {"cl", "unit"} and not (superlative and nouns):
        nouns.append(after.pop(0))
    if after and after[0].zh in _LOCALIZERS:  # "在什么活动上": the "上" only closes "在"
        after.pop(0)
    # times, totals and superlatives go where English puts them
    times = [p for p in before + after if p.role in {"time", "year"}]
    totals = [p for p in before + after if p.en == "in total"]
    before = [p for p in before if p not in times and p not in totals and p.en != superlative]
    after = [p for p in after if p not in times and p not in totals and p.en != superlative]
    if "*" in phrase:  # "是什么的缩写": what does it stand for
        head, _, rest = phrase.partition("*")
        subject = [p for p in before if p.en not in {"is"}]
        return _sentence([head.strip(), *_words(subject), rest.strip(), *_words(after), *_words(times)])
    if phrase == "what rank":
        return _sentence(["What rank is", *_words([p for p in before if p.en != "rank"]), *_words(after), *_words(times)])
    if nouns:
        phrase = f"{phrase} {' '.join(_words(nouns))}"
    elif phrase in _HOW_MANY and before and (before[-1].en in {"is", "share"} or before[-1].role == "noun"):
        phrase = "what"  # "占比多少", "是多少": the value of what comes before
        if before[-1].en != "is":
            before.append(Piece("", "is", "verb"))
    wh_prep = before.pop().en if before and before[-1].role == "prep" and before[-1].en != "than" else None
    verb = before.pop().en if before and before[-1].role == "verb" and before[-1].en in {"is", "have"} else None
    if before and before[-1].role == "prep" and wh_prep is None:
        wh_prep = before.pop().en
    while before and before[-1].role == "verb" and before[-1].en not in {"is", "have"}:  # "预计新增多少": verbs follow
        after.insert(0, before.pop())
    than = next((i for i, p in enumerate(before) if p.en == "than"), None)
    tail: list[str] = []
    if than is not None:  # "A 比 B 多多少": how many more ... does A have than B
        tail = ["than", *_words(before[than + 1 :])]
        before = before[:than]
        verb = verb or "have"
    subject, predicate = _words(before), _words(after)
    plural = "and" in subject
    acts = any(p.role == "verb" for p in after)
    if phrase in _HOW_MANY and not nouns and verb == "have" and subject:  # "N有多少个": how many N are there
        words = [phrase, *subject, "are there", *predicate]
    elif superlative and phrase.startswith(("which", "what")):
        words = [phrase, "has", superlative, *predicate, *subject]
    elif wh_prep and not acts:  # "寒武纪在哪个城市": which city is it in
        words = [phrase, "are" if plural else "is", *subject, wh_prep, *predicate]
    elif verb == "is" and acts:  # "是……发布的": was released
        words = [wh_prep or "", phrase, "were" if plural else "was", *subject, *predicate]
    elif verb == "is":
        words = [phrase, "are" if plural else "is", *subject, *predicate]
    elif verb == "have" or (acts and subject):
        words = [wh_prep or "", phrase, "do" if plural else "does", *subject, "have" if verb else "", *predicate]
    else:
        words = [wh_prep or "", phrase, *subject, *predicate]
    return _sentence([*words, *tail, *_words(totals), *_words(times)])


def _words(pieces: list[Piece]) -> list[str]:
    out: list[str] = []
    for i, p in enumerate(pieces):
        if p.en == "'s":  # a possessive after a name or a noun; else a relative clause, English-ordered by position
            if out and i + 1 < len(pieces) and pieces[i - 1].role in {"noun", "name", "latin", "year"}:
                out[-1] += "'s"
            continue
        if p.role == "punct":
            if out:
                out[-1] += p.en
            continue
        out.append(p.en)
    return out


def _sentence(words: list[str], end: str = "?") -> str:
    text = " ".join(w for w in words if w).strip()
    text = re.sub(r"\s+", " ", text).strip(" ,")
    text = re.sub(r"\s+([?.,!:;])", r"\1", text)
    return (text[:1].upper() + text[1:] + end) if text else text
