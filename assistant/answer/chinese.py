"""A Chinese lead sentence for the answer to a Chinese question; the English answer and its quotes follow.

The lead is the question itself with its question phrase replaced by the answer's value ("南港有多少家
船厂？" answered "Northport has 21 shipyards [1]." opens "南港有 21 家船厂 [1]。"),
when the answer holds a value of the kind asked for (a count, an amount, a share, a date, a rank, a
name). Where none fits, a short "根据来源：" ("according to the sources") opens the English answer.
The citations are the English answer's, untouched.
"""

from __future__ import annotations

import re

from assistant.answer.evidence import DEMONYMS
from assistant.answer.types import CURRENCY
from assistant.citations import MARKER_RE, Answer
from assistant.text import STOPWORDS, stem
from assistant.understand import chinese as zh
from assistant.understand.lexicon import common_word
from assistant.understand.relative import MONTH

_DATE = re.compile(rf"\b{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\b\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?|\b{MONTH}\s+\d{{4}}|\b(?:19|20)\d{{2}}\b")
_AMOUNT = re.compile(
    r"(?:more than |over |about |nearly )?(?:US)?[$¥€£]?\d[\d,]*(?:\.\d+)?\s*(?:%|percent|(?:thousand|million|billion|trillion)(?:\s+(?:yuan|dollars|US dollars|euros))?|(?:yuan|dollars|euros))?",
    re.I,
)
# capitalised words, joined by "of", "the", "and" only between two of them ("Bank of England", not "Although the")
_NAME = re.compile(r"\b[A-Z][\w'\u2019&.-]*(?:\s+(?:(?:of|the|and|de)\s+)*[A-Z][\w'\u2019&.-]*)*(?<![\s.])")
_ORDINAL = re.compile(r"\b(" + "|".join(zh.ORDINALS) + r")\b|\b(\d+)(?:st|nd|rd|th)\b", re.I)
_COUNT_WH = ("百分之多少", "百分之几", "多少钱", "多少", "几")
_NAME_WH = ("哪些", "哪几", "哪个", "哪一个", "哪家", "哪座", "哪位", "哪一", "哪", "谁")
_DATE_WH = ("什么时候", "何时", "哪一天", "哪天", "哪一年", "哪年")
MAX_ANSWER = 480  # an answer stays short: past this the lead is the short one
SOURCES = "根据来源："
NOT_FOUND = "来源中没有找到答案。"


def with_lead(question: str, answer: Answer) -> Answer:
    """``answer`` opened by a Chinese sentence (see the module docstring)."""
    if not answer.answered:
        answer.answer = f"{NOT_FOUND}{answer.answer}"
        return answer
    lead = lead_sentence(question, answer.answer, understood=answer.standalone_question or "")
    fits = lead is not None and len(lead) + len(answer.answer) < MAX_ANSWER
    answer.answer = f"{lead} {answer.answer}" if fits else f"{SOURCES}{answer.answer}"
    return answer


def lead_sentence(question: str, english: str, *, understood: str = "") -> str | None:
    """The question with its question phrase replaced by the answer's value, or None when none fits."""
    question = question.strip().rstrip("？?。.！! ")
    body = _best_sentence(english, understood)
    value: str | None = None
    if "第几" in question:
        match = _ORDINAL.search(body)
        if match:
            n = zh.ORDINALS.index(match.group(1).lower()) + 1 if match.group(1) else int(match.group(2))
            return _finish(question.replace("第几", f"第 {n} ", 1), english, match.group())
        return None
    if (wh := _first(question, _DATE_WH)) is not None:
        match = _DATE.search(body)
        value = match.group() if match else None
    elif (wh := _first(question, _COUNT_WH)) is not None:
        undated = _DATE.sub(lambda m: " " * len(m.group()), body)
        found = [m for m in _AMOUNT.finditer(undated) if m.group().strip() and not _glued(undated, m)]
        if wh == "多少钱":  # "付给巴拿马多少钱": an amount of money, "US$10 million", not "about 16" kilometres
            found = [m for m in found if CURRENCY.search(undated[max(0, m.start() - 3) : m.end() + 12])] or found
        if any(k in question for k in ("比例", "占比", "份额", "比重", "百分")):
            found = [m for m in found if "%" in m.group() or "percent" in m.group().lower()] or found
        # "How many stages ...": the figure that counts stages, not the "23 days" before it
        counted = re.search(r"\bhow many ([a-z]+)", understood.lower())
        if counted:
            noun = stem(counted.group(1))
            found = [
                m for m in found if noun in {stem(w) for w in re.findall(r"[a-z]+", undated[m.end() : m.end() + 40].lower())[:4]}
            ] or found
        value = found[0].group().strip().rstrip(",") if found else None  # "612,000," ends a clause
    elif (wh := _first(question, _NAME_WH)) is not None:
        asked = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", f"{question} {understood}")}
        undated = _DATE.sub(lambda m: " " * len(m.group()), body)  # "27 July 1866" names no place or person
        names = [
            re.sub(r"['\u2019]s$", "", m.group())
            for m in _NAME.finditer(undated)
            if not _sentence_start(body, m.start())
            and not {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", m.group())} <= asked
            and m.group().lower() not in DEMONYMS  # "an American engineer": no one's name
        ]
        names = list(dict.fromkeys(_in_full(n, MARKER_RE.sub("", english)) for n in names))
        value = "、".join(names[:3]) if names else None
        if value:
            wh = wh + _noun_after(question, wh)
    if wh is None or not value:
        return None
    return _finish(question.replace(wh, f" {value} ", 1), english, value)


def _in_full(name: str, text: str) -> str:
    """A surname alone as ``text`` writes it in full elsewhere ("Vinter": "Karl Vinter"), else ``name``."""
    if " " in name:
        return name
    full = re.search(rf"\b[A-Z][a-z.]+ {re.escape(name)}\b", text)
    return full.group() if full else name


def _glued(text: str, match: re.Match) -> bool:
    """Whether a letter follows the figure without a space: "3A" in "(Grade 3A)" is a grade, not an amount."""
    end = match.start() + len(match.group().rstrip())
    return text[end : end + 1].isalpha()


def _best_sentence(english: str, understood: str) -> str:
    """The sentence of the answer sharing the most words with the question as understood (the first on a tie)."""
    asked = {w.lower() for w in _WORD.findall(understood)}
    sentences = [MARKER_RE.sub("", s) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\d])", english) if s.strip()]
    if not sentences:
        return MARKER_RE.sub("", english)
    return max(sentences, key=lambda s: (len(asked & {w.lower() for w in _WORD.findall(s)}), -sentences.index(s)))


_WORD = re.compile(r"[A-Za-z]{3,}|\d{2,}")  # the words and figures ("1975") a sentence shares with the question


def _first(question: str, words: tuple[str, ...]) -> str | None:
    found = [(question.find(w), -len(w), w) for w in words if w in question]
    return min(found)[2] if found else None


def _noun_after(question: str, wh: str) -> str:
    """The measure word and noun a question word governs ("哪个城市"), replaced with it by the name."""
    rest = question[question.find(wh) + len(wh) :]
    match = re.match(r"[" + zh.MEASURE_WORDS + r"]?(?:城市|公司|企业|国家|地区|人|机构|组织|产品)?", rest)
    return match.group() if match else ""


def _sentence_start(text: str, at: int) -> bool:
    """A capital that only starts a sentence ("The report ...", "Her mother ...") names nothing."""
    before = text[:at].rstrip().rstrip("\"'\u201c\u2018(").rstrip()  # a quotation may open it: ... corner". "Two years ago ...
    if before and before[-1] not in '.!?:"\u201d':
        return False
    word = re.match(r"\w+", text[at:])
    if word is None:
        return False
    low = word.group().lower()
    alone = not re.match(r"\w+\s+[A-Z]", text[at:])  # "Although the fire ...", not "Tomas Berg ..."
    return low in STOPWORDS or low == "according" or (alone and common_word(low))  # "Her mother ..."


def _finish(sentence: str, english: str, value: str) -> str:
    """The lead with the citation marker of the English sentence the value comes from."""
    marker = None
    for part in re.split(r"(?<=[.!?])\s+", english):
        if value.split("、")[0] in MARKER_RE.sub("", part):
            found = MARKER_RE.search(part)
            marker = found.group() if found else None
            break
    if marker is None:
        found = MARKER_RE.search(english)
        marker = found.group() if found else None
    sentence = re.sub(r"\s+", " ", sentence).strip()
    sentence = re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", sentence)
    return f"{sentence}{' ' + marker if marker else ''}。"
