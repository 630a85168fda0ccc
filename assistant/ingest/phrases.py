"""Phrases read off a parse: metric names from noun phrases, names of subjects, and the article context
(its subject, the kinds of its entities, the list a sentence introduces) that the rules consult."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.ingest.english import KIND_SYNONYMS, MEASURE_NOUNS, PLACE_KINDS, head_part, plural
from assistant.ingest.entities import clean_name

_IRREGULAR = {
    "build": "built",
    "make": "made",
    "sell": "sold",
    "win": "won",
    "hold": "held",
    "run": "run",
    "set": "set",
    "bring": "brought",
    "buy": "bought",
    "grow": "grown",
    "take": "taken",
    "give": "given",
    "see": "seen",
    "hire": "hired",
    "lead": "led",
    "raise": "raised",
    "ship": "shipped",
    "plan": "planned",
    "spend": "spent",
    "find": "found",
    "begin": "begun",
    "write": "written",
    "go": "gone",
    "come": "come",
    "draw": "drawn",
    "lose": "lost",
    "beat": "beaten",
    "fall": "fallen",
    "rise": "risen",
    "drive": "driven",
    "know": "known",
    "show": "shown",
    "pay": "paid",
    "lay": "laid",
    "say": "said",
    "tell": "told",
    "keep": "kept",
    "leave": "left",
    "meet": "met",
    "send": "sent",
    "get": "got",
    "put": "put",
    "cut": "cut",
    "teach": "taught",
    "catch": "caught",
    "fight": "fought",
    "stand": "stood",
    "break": "broken",
    "speak": "spoken",
    "choose": "chosen",
    "eat": "eaten",
    "fly": "flown",
    "throw": "thrown",
    "wear": "worn",
    "become": "become",
    "feel": "felt",
    "strike": "struck",
    "shoot": "shot",
}
_EDGE = {"DET", "NUM", "PUNCT", "ADP", "CCONJ", "PRON", "PART"}


def participle(verb: Any) -> str:
    """ "add" -> "added", "establish" -> "established": the verb as a metric's last word."""
    if verb.tag_ == "VBN":
        return verb.lower_
    lemma = verb.lemma_.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _word(token: Any) -> str:
    return token.text if token.pos_ == "PROPN" or (token.text.isupper() and len(token.text) > 1) else token.text.lower()


def phrase(noun: Any, *, counted: bool = False, head_only: bool = False, skip: set[int] | None = None) -> str:
    """A noun with its distinguishing modifiers: "national-level AI innovation platforms",
    "11 selected companies" -> "companies selected" (a participle follows the noun, as a metric reads)."""
    doc = noun.doc
    head = plural(noun.lemma_.lower()) if counted and noun.tag_ == "NN" else _word(noun)
    if head_only:
        return head
    keep: set[int] = set()
    after: list[str] = []
    for child in noun.lefts:
        if child.dep_ not in ("compound", "amod", "nmod", "npadvmod", "nummod", "quantmod") or child.pos_ in _EDGE:
            continue
        if child.tag_ == "VBN" and child.dep_ == "amod":
            after.append(child.lower_)
            continue
        if child.dep_ in ("nummod", "quantmod"):
            continue
        keep.update(t.i for t in child.subtree if t.pos_ not in ("DET", "NUM") and not t.like_num and t.i not in (skip or ()))
    for child in noun.rights:
        if child.dep_ == "acl" and child.tag_ == "VBN" and not list(child.children):
            after.append(child.lower_)
    words: list[str] = []
    if keep:
        first = min(keep)
        span = [t for t in doc[first : noun.i] if t.i in keep or t.text in ("-", "(", ")")]
        text = ""
        for t in span:
            text += _word(t) + t.whitespace_
        words.append(text.strip())
    words.append(head)
    words += after
    return re.sub(r"\s+", " ", " ".join(w for w in words if w)).strip()


def name_of(token: Any, doc: Any) -> str:
    """The full name a token belongs to: its named entity, or its run of proper nouns."""
    return name_span(token, doc)[0]


def name_span(token: Any, doc: Any) -> tuple[str, set[int]]:
    """The full name a token belongs to and the tokens that write it: its named entity (with a year
    before it and a number after it: "the 2031 Harbour Survey ... Top 20"), or its run of proper nouns."""
    quoted = _quoted_name(token, doc)
    if quoted is not None:
        return quoted
    left = right = token.i
    for ent in doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ not in ("CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "MONEY", "DATE"):
            left, right = ent.start, ent.end - 1
            break
    else:
        while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ in ("compound", "amod", "nmod"):
            left -= 1
        # "St Brannoc's Hospital": a name of the saint's or founder's possessive
        # (not a place's or a person's: "Norland's Keelworks", "Varden's Quay Tunnel")
        if (
            left > 1
            and doc[left - 1].text in ("'s", "\u2019s")
            and doc[left - 2].pos_ == "PROPN"
            and doc[left - 2].dep_ == "poss"
            and doc[left - 2].ent_type_ in ("ORG", "FAC")
        ):
            left -= 2
            while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ in ("compound", "amod", "nmod"):
                left -= 1
        while (
            right + 1 < len(doc)
            and doc[right + 1].pos_ == "PROPN"
            and doc[right + 1].dep_ in ("compound", "flat", "appos")
            and doc[right + 1].head.i > right
        ):
            right += 1
    while left < right and doc[left].lower_ in ("the", "a", "an"):
        left += 1  # "the International Union ..." as recognised: the name starts after the article
    if (
        left > 0
        and doc[left - 1].like_num
        and len(doc[left - 1].text) == 4
        and doc[left - 1].text.isdigit()
        and (left == 1 or doc[left - 2].lower_ in ("the", "a", "an", "its", "their", "his", "her", "this"))
    ):
        left -= 1  # "the 2031 Harbour Survey"; not "In 1840 Babbage was ..."
    if right + 1 < len(doc) and doc[right + 1].text.isdigit() and doc[right].text[:1].isupper():
        after = doc[right + 2] if right + 2 < len(doc) else None
        if after is None or after.pos_ not in ("NOUN", "PROPN"):
            right += 1
    while right > left and (doc[right].text in ("\u2019s", "'s", "\u2019", "'") or _verb_after_name(doc[right], doc[left])):
        right -= 1
    return _clean(doc[left : right + 1].text), set(range(left, right + 1))


def _verb_after_name(token: Any, first: Any) -> bool:
    """A verb the recogniser took into the name before it ("Keelworks runs ..." read as one name): lower case in
    running text, where a name's words are capitalised."""
    return token.pos_ in ("VERB", "AUX") and token.text.islower() and token.i > first.i


_QUOTE = re.compile(r"[\u201c\"]([^\u201d\"]{3,160}?)[,.]?[\u201d\"]")


def _quoted_name(token: Any, doc: Any) -> tuple[str, set[int]] | None:
    """A token inside a quoted Title Case name ("the “Northport Plan for ... (2031-2032)”") names all of it."""
    for match in _QUOTE.finditer(doc.text):
        if match.start(1) <= token.idx < match.end(1):
            words = match.group(1).split()
            capitals = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
            if len(words) >= 2 and capitals >= 0.6 * len(words):
                return _clean(match.group(1)), {t.i for t in doc if match.start(1) <= t.idx < match.end(1)}
            return None
    return None


def _clean(name: str) -> str:
    from assistant.ingest.entities import clean_name

    return clean_name(name)


def name_head(name: str) -> str | None:
    """The noun a name of several words is headed by: "Maren Lund Wing" -> wing, "Trophy of the Isles" -> trophy."""
    return head_part(name.lower().split())[-1] if len(name.split()) > 1 else None


def singular_kind(word: str) -> str | None:
    """The kind a noun of the text names: "firms" -> company, "districts" -> district (the word itself)."""
    low = word.lower().strip()
    if not low.isalpha() or len(low) < 3:
        return None
    forms = [low]
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    if low.endswith("s") and not low.endswith("ss"):
        forms.append(low[:-1])
    for form in forms:
        if form in KIND_SYNONYMS:
            return KIND_SYNONYMS[form]
    return forms[-1]


@dataclass
class Context:
    """What the rules know about the article beyond one sentence."""

    subject: str | None = None  # whose figures unattributed ones are
    kinds: dict[str, str] = field(default_factory=dict)  # lower name -> kind
    named: dict[str, str] = field(default_factory=dict)  # a kind noun ("report") -> the one entity of that kind
    intro: Any = None  # the parsed sentence that introduces a list ("... across three layers:")
    stated: set[str] = field(default_factory=set)  # names whose kind the article's words state
    seen: list[str] = field(default_factory=list)  # names in the order the article mentions them
    topic: tuple[str, str, str, int] | None = None  # (place, its kind, the noun it counts, offset) the paragraph is about
    text: str = ""  # the article's text as written (a sentence is parsed with its list number blanked)
    last: str | None = None  # the name the paragraph's last sentence that named its subject was about
    title: str = ""  # the article's title

    def kind(self, name: str, default: str) -> str:
        return self.kinds.get(name.lower(), default)

    def learn_kind(self, name: str, kind: str) -> None:
        """The article's own words say what ``name`` is ("ranks fourth among all cities"): that beats a guess."""
        resolved = KIND_SYNONYMS.get(kind, kind)
        if name.lower() not in self.stated:
            self.kinds[name.lower()] = resolved
            self.stated.add(name.lower())

    def resolve(self, noun: Any) -> str | None:
        """ "the company" -> the last company named before, else the article's subject when it is one, else
        the article's one entity of that kind."""
        if noun.tag_ == "NNS" or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children):
            return None  # "the operators" are several, not the one named last
        kind = singular_kind(noun.lemma_)

        def fits(name: str) -> bool:  # of the kind, or a name whose head is the noun: "the wing" for "Maren Wing"
            return self.kinds.get(name.lower()) == kind or name_head(name) == noun.lemma_.lower()

        if self.subject and self.subject.lower() in self.title.lower() and fits(self.subject):
            return self.subject  # "the canal" in an article on the Varden Canal, whatever other canal it names
        later = {clean_name(e.text) for e in noun.doc.ents if e.start > noun.i}  # names after the noun come after what it means
        earlier = [name for name in self.seen if name not in later]
        for name in reversed(earlier):
            if fits(name):
                return name
        if self.subject and self.kinds.get(self.subject.lower()) == kind:
            return self.subject
        # "Valdenia ... The country": a place of no stated kind, named last ("the state" may be a government)
        if (
            kind in PLACE_KINDS - {"place", "state"}
            and noun.lemma_.lower() == kind
            and earlier
            and self.kinds.get(earlier[-1].lower()) == "place"
        ):
            return earlier[-1]
        return self.named.get(noun.lemma_.lower())


def subject_of(owner: Any | None, verb: Any | None, doc: Any, ctx: Context) -> list[tuple[str, str, set[int]]]:
    """The named subject(s) a figure belongs to: ``owner`` itself when it is a name, else the subject of
    ``verb`` (climbing to the verb it depends on), each of "X and Y" separately."""
    candidate, modified = None, False
    if owner is not None and owner.pos_ in ("NOUN", "PROPN"):
        candidate = owner
    elif verb is not None:
        node = verb
        for _ in range(4):
            candidate = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and not dateline(c)), None)
            if candidate is None:  # "PORT ELLIS, 4 May — The Ellis Board said": the name set beside the dateline
                candidate = next((a for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and (a := after_dateline(c))), None)
            if candidate is not None and candidate.tag_ == "WDT" and node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
                candidate, modified = _described(node.head), True  # "Keelworks, which built 12 ships": the name "which" stands for
            elif (
                candidate is not None
                and candidate.pos_ == "NOUN"
                and node.dep_ == "relcl"
                and node.head.pos_ == "PROPN"
                and any(c.lower_ == "where" for c in node.children)
            ):
                candidate, modified = node.head, True  # "Valdenia, where output fell by 9%": the place's output
            if (
                candidate is not None
                or node.dep_ not in ("xcomp", "advcl", "conj", "acl", "relcl", "ccomp", "pcomp")
                or node.head.i == node.i
            ):
                break
            if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
                candidate, modified = node.head, True
                break
            node = node.head
    if candidate is None or dateline(candidate):
        return []
    named = next((c for c in candidate.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if candidate.pos_ in ("NOUN", "ADJ", "NUM") and named is not None:  # (or "The third, the Forest Lab, had ...")
        candidate = named  # "Its director, Tomas Reyes, was appointed ..."
    elif candidate.pos_ == "NOUN" and candidate.dep_ == "appos" and candidate.head.pos_ == "PROPN":
        candidate = candidate.head  # "Keelworks, a shipyard based in Northport, which built 12 ships"
    candidate = _place_holder(candidate) or candidate
    # "The works in Vell, Norland ... is the largest site with 85 staff": the subject's, not another site's
    copula = owner is not None and candidate.i == owner.i and owner.dep_ == "attr" and owner.head.lemma_ == "be"
    if copula and owner.head.i != owner.i and (subject := subject_of(None, owner.head, doc, ctx)):
        return subject
    found = _named(candidate, doc, ctx)
    if found is None:
        referred = _referred(candidate, ctx)
        if referred is None and owner is not None and candidate.i == owner.i and verb is not None:
            return subject_of(None, verb, doc, ctx)  # "It runs a fleet of 14 ships": the fleet is the subject's
        return [referred] if referred is not None else []
    out = [found]
    # "Irène, born in 1897, and Ève, born in 1904": a clause that modifies one name is about that name alone
    for conj in () if modified else candidate.conjuncts:
        other = _named(conj, doc, ctx)
        if other is not None:
            out.append(other)
    return out


def _described(noun: Any) -> Any:
    """What a clause after ``noun`` describes: the thing a place phrase belongs to when ``noun`` ends one
    ("Keelworks, a yard based in Northport, which built 12 ships" or "Keelworks in Northport, which ...": not
    Northport)."""
    while noun.dep_ == "pobj":
        prep = noun.head
        if prep.head.dep_ == "acl" and prep.head.tag_ == "VBN" and prep.head.head.pos_ in ("NOUN", "PROPN"):
            noun = prep.head.head
        elif prep.lower_ in ("in", "at") and prep.head.pos_ == "PROPN" and noun.pos_ == "PROPN":
            noun = prep.head
        else:
            break
    return noun


def dateline(token: Any) -> bool:
    """Whether ``token`` is in the dateline a news story opens with ("OSTREL — ..."): where it was written, not
    what it is about; "OSTREL, 14 May 2025 — ..." gives the date too, "OSTREL, Valdenia — ..." the country."""
    lead = token.doc[: token.i + 8]
    dash = next((t.i for t in lead[token.i + 1 :] if t.text in ("\u2014", "\u2013", "--", "-")), None)
    # a dash set apart by spaces, not the hyphen of "E-bikes"
    if dash is None or not token.doc[dash - 1].whitespace_ or not (token.doc[0].is_alpha and token.doc[0].text.isupper()):
        return False
    written = token.doc[:dash]  # where (and when) it was written
    comma = next((t.i for t in written if t.text == ","), dash)
    # after the comma, the country or the date it was written on ("OSTREL, Valdenia —", "OSTREL, 14 May —")
    return all(
        t.text.isupper() or not t.is_alpha or t.ent_type_ in ("DATE", "GPE", "LOC") or (t.i > comma and t.pos_ == "PROPN") for t in written
    )


def after_dateline(token: Any) -> Any | None:
    """The subject a parser hung on the dateline ("PORT ELLIS, 4 May — The Ellis Harbour Board said ..."):
    the name set beside it, after the dash."""
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ != "DATE" and not dateline(c)), None)


def _place_holder(subject: Any) -> Any | None:
    """The name that holds a place a sentence's subject gives ("Third was Keelworks, with 12 ships",
    "Second place went to Keelworks", "Fifth place was taken by Keelworks"): the figures are that name's."""
    ordinal = subject.ent_type_ == "ORDINAL" or any(c.dep_ == "amod" and c.ent_type_ == "ORDINAL" for c in subject.children)
    if not ordinal:
        return None
    verb = subject.head
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ == "PROPN":
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ in ("to", "by"):
            held = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if held is not None:
                return held
    return None


def _referred(subject: Any, ctx: Context) -> tuple[str, str, set[int]] | None:
    """Whose figure "It operates 14 ships" or "Its sales fell 6%" gives: the name the sentence before in the
    paragraph was about, unless the article says that one is a person (whom "it" never means)."""
    pronoun = subject if subject.pos_ == "PRON" else next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if pronoun is None or pronoun.lower_ not in ("it", "its") or not ctx.last:
        return None
    if ctx.kinds.get(ctx.last.lower()) == "person" and ctx.last.lower() in ctx.stated:
        return None
    return ctx.last, ctx.kind(ctx.last, "entity"), set()


def _looks_like_name(token: Any) -> bool:
    """A capitalised singular noun that is no everyday word ("Lakeside" at the start of a sentence)."""
    from assistant.understand.lexicon import common_word

    return token.pos_ == "NOUN" and token.tag_ == "NN" and token.text[:1].isupper() and not common_word(token.lower_)


def _named(token: Any, doc: Any, ctx: Context) -> tuple[str, str, set[int]] | None:
    if (
        token.pos_ == "PROPN"
        or _looks_like_name(token)
        or (token.text[:1].isupper() and token.lower_ in ctx.kinds)  # a name the article writes elsewhere
        or token.ent_type_ in ("GPE", "ORG", "PERSON", "LOC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC")
    ):
        name, span = name_span(token, doc)
        if name and (name[0].isupper() or name[0].isdigit()):
            return name, ctx.kind(name, "entity"), span
    if token.pos_ == "NOUN":
        resolved = ctx.resolve(token)
        if resolved:
            return resolved, ctx.kind(resolved, "entity"), {token.i}
        # "the number of AI enterprises in China": the place or owner named inside the phrase
        if token.lemma_.lower() in MEASURE_NOUNS or token.dep_ in ("nsubj", "nsubjpass"):
            for t in token.subtree:
                if (
                    t.i != token.i
                    and t.pos_ == "PROPN"
                    and (t.dep_ in ("pobj", "poss"))
                    and t.head.lower_ in ("in", "of", "for", "at", t.head.lower_)
                ):
                    if t.dep_ == "pobj" and t.head.lower_ not in ("in", "for", "at"):
                        continue
                    name, span = name_span(t, doc)
                    return name, ctx.kind(name, "entity"), span
    return None


def group_subject(verb: Any | None, exclude: set[int], *, share: bool = False) -> tuple[str, str, set[int]] | None:
    """The clause's subject when it is a described group rather than a name ("Carmakers account for 82%",
    "Children under five made up 38%", "three major clusters ... account for 75%")."""
    node, subject = verb, None
    for _ in range(4):
        if node is None:
            return None
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and not dateline(c)), None)
        if subject is not None and subject.i not in exclude:
            break
        # "products are deployed ..., with intelligence levels rising 30%": the measure is no owner; climb
        if node.dep_ not in ("xcomp", "advcl", "conj", "ccomp", "pcomp", "pobj") and not (subject is not None and node.head.i != node.i):
            return None
        if node.head.i == node.i:
            return None
        node = node.head
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
    if subject is None or subject.pos_ != "NOUN" or subject.i in exclude or subject.lemma_.lower() in MEASURE_NOUNS:
        return None
    # a bare plural names a group only for a share ("Carmakers account for 82%"); a count needs a description
    described = any(c.dep_ in ("amod", "compound", "nummod", "prep") for c in subject.children) or (share and subject.tag_ == "NNS")
    named = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in subject.children)  # "the Monterrey plant"
    if not described or (
        not named and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "this", "these") for c in subject.children)
    ):
        return None
    # the subject's own words: its modifiers and a short "under five" after it, not an appositive list
    kept = [t for t in subject.lefts if not dateline(t)] + [subject] + [t for c in subject.rights if c.dep_ == "prep" for t in c.subtree]
    span = sorted(t.i for k in kept for t in ([k] if k.i == subject.i else k.subtree) if t.dep_ != "punct" and t.pos_ != "DET")
    if not span or span[-1] - span[0] > 6:
        return None
    doc = subject.doc
    text = doc[span[0] : span[-1] + 1].text
    name = text[:1].upper() + text[1:]
    return name, singular_kind(subject.lemma_) or "group", set(range(span[0], span[-1] + 1))
