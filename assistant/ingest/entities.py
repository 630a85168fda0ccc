"""Entities an article names: people, companies, places, events, documents, with their kinds and aliases.

Names come from spaCy's named-entity recogniser and from quoted Title Case names; kinds from the
article's own words first ("firms like X", "cities such as X", "X ranks fourth among all cities"), then
from the name itself ("... Robotics", "... Report"), then from the recogniser's label.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.ingest.english import COMPANY_WORDS, COUNTRIES, HONORIFICS, KIND_SYNONYMS, MONTHS, ROLE_NOUNS, head_part
from assistant.understand.lexicon import PLACE_TYPES

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "region",
    "FAC": "facility",
    "PRODUCT": "product",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "law",
}
# The last word of a document's or an event's name says what it is: "... Development Report 2026".
NAMED_KINDS = {
    "report": "report",
    "top": "list",
    "plan": "plan",
    "list": "list",
    "ranking": "list",
    "rankings": "list",
    "index": "index",
    "act": "law",
    "law": "law",
    "strategy": "plan",
    "programme": "programme",
    "program": "programme",
    "initiative": "initiative",
    "survey": "report",
    "study": "report",
    "award": "award",
    "awards": "award",
    "prize": "award",
    "fund": "fund",
    "camp": "camp",
    "expo": "event",
    "marathon": "event",
    "race": "event",
    "cup": "event",
    "championship": "event",
    "championships": "event",
    "tournament": "event",
    "olympics": "event",
    "exhibition": "event",
    "summit": "event",
    "conference": "event",
    "forum": "event",
    "festival": "event",
    "fair": "event",
    "games": "event",
    "university": "university",
    "institute": "organisation",
    "ministry": "organisation",
    "agency": "organisation",
    "commission": "organisation",
    "council": "organisation",
    "association": "organisation",
    "society": "organisation",
    "federation": "organisation",
    "board": "organisation",
    "trust": "organisation",
    # sports clubs: "Dunmere FC", "Tollby United", "Kelby Rovers"
    "fc": "organisation",
    "afc": "organisation",
    "club": "organisation",
    "united": "organisation",
    "rovers": "organisation",
    "wanderers": "organisation",
    "athletic": "organisation",
    "delta": "region",
    "area": "region",
    "valley": "region",
    "province": "province",
    "county": "region",
    "river": "place",
    # natural features name places, whatever the recogniser guessed ("Valmora Lakes" is no person)
    "lake": "place",
    "lakes": "region",
    "island": "place",
    "islands": "region",
    "mountain": "place",
    "mountains": "region",
    "hills": "region",
    "highlands": "region",
    "coast": "region",
    "peninsula": "region",
    "desert": "region",
    "bay": "place",
    "reef": "place",
    "reefs": "region",
    "glacier": "place",
    "strait": "place",
    "ridge": "place",
    "peak": "place",
    "creek": "place",
    "cove": "place",
    "canyon": "place",
    "gorge": "place",
    "fjord": "place",
    "sea": "place",
    "ocean": "place",
    "region": "region",
    # buildings and works: "Marrowby Regional Airport" is no person, whatever the recogniser guessed
    "airport": "facility",
    "station": "facility",
    "stadium": "facility",
    "bridge": "facility",
    "tunnel": "facility",
    "dam": "facility",
    "canal": "place",
    "hospital": "organisation",
    "museum": "organisation",
    "library": "organisation",
    "school": "organisation",
    "college": "organisation",
    "academy": "organisation",
}
# what stands before a person's surname: "Ms Varga-Price", "Dr Lind"
_QUOTED = re.compile(r"[\u201c\"]([A-Z][^\u201d\"]{2,120}?)[,.]?[\u201d\"]")
_CAPITALISED = r"[A-Z\u00c0-\u00de][\w'\-]+"
# "Marie Skłodowska Curie (born Maria Salomea Skłodowska; ...)": the name given at birth, or another name, in brackets
_BORN_AS = re.compile(
    rf"((?:{_CAPITALISED} ){{1,4}}{_CAPITALISED}) \((?:born|n\u00e9e|nee|also known as|formerly|original name) ((?:{_CAPITALISED} ){{1,4}}{_CAPITALISED})"
)
_CUES = {"like", "including", "as"}  # "firms like X", "cities including X", "cities such as X"
_TRAILING = re.compile(r"(?:\u2019s|'s|\u2019|')$")


class EntityRecord(BaseModel):
    """An entity learned from the articles: its name as written, its kind, other names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list, description="Ids of the articles that name it.")
    mentions: int = 0
    pronoun: str | None = Field(None, description="'he' or 'she' for a person the article so refers to.")


def clean_name(text: str) -> str:
    """A name as a reader would write it: no leading article, no possessive, no surrounding quotes."""
    name = " ".join(text.split())
    for _ in range(2):
        name = name.strip("\u201c\u201d\"'[],.;: ")
        while (name.endswith(")") and name.count("(") < name.count(")")) or (name.startswith("(") and name.count("(") > name.count(")")):
            name = name[:-1] if name.endswith(")") else name[1:]
        if name.startswith("(") and name.endswith(")"):
            name = name[1:-1]
        name = _TRAILING.sub("", name).strip()
        if name.lower().startswith("the "):
            name = name[4:]
    return name


_SHIP_PREFIXES = frozenset({"ss", "hms", "uss", "rms", "mv", "hmas", "hmcs", "hmhs", "rv", "sms"})


def kind_of_name(name: str) -> str | None:
    """The kind a name's head word gives: 'Keelworks Shipbuilding' is a company, '... Report 2031' a report,
    'Northport Plan for Building ...' a plan (the head stands before the first 'for' or 'of')."""
    words = [w.lower().strip("()") for w in name.split()]
    if len(words) >= 2 and words[0] in _SHIP_PREFIXES:
        return "ship"  # "SS Marlin", "HMS Tern": a ship's prefix
    words = head_part(words)
    for word in reversed(words[-3:]):
        if word in NAMED_KINDS:
            return NAMED_KINDS[word]
        if word in COMPANY_WORDS and len(words) >= 2:
            return "company"
        if not re.fullmatch(r"[\d\-]+", word):
            break
    return None


class EntityCollector:
    """Gathers the entities of one article from its parsed sentences, then decides their kinds."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.names: dict[str, str] = {}  # lower -> name as first written
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)
        self.context: dict[str, Counter[str]] = defaultdict(Counter)
        self.mentions: Counter[str] = Counter()
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.acronyms: dict[str, str] = {}  # an acronym's key: the key of the name it stands for
        self.in_headings: Counter[str] = Counter()  # mentions in Title Case headings, where the recogniser errs most
        self.canonical: dict[str, str] = {}  # a short name -> the full name it stands for ("helios" -> "Helios Batteries")

    def add(self, name: str, label: str | None = None, *, kind: str | None = None) -> str | None:
        """Record a mention of ``name``; returns its key, or None when it is no name."""
        name = clean_name(name)
        if len(name) < 2 or not any(c.isupper() for c in name) or name.lower() in MONTHS or re.fullmatch(r"[\d\W]+", name):
            return None
        key = name.lower()
        if self.names.get(key, name).isupper() and not name.isupper():
            self.names[key] = name  # "Port Ellis" as the text writes it, not the dateline's "PORT ELLIS"
        self.names.setdefault(key, name)
        self.mentions[key] += 1
        if label:
            self.labels[key][label] += 1
        if kind:
            self.context[key][kind] += 1
        return key

    def _mention(self, name: str, label: str, heading: bool) -> None:
        key = self.add(name, label)
        if key and heading:
            self.in_headings[key] += 1

    def typed(self, name: str, kind: str) -> None:
        """The article's own words say what ``name`` is."""
        key = self.add(name)
        if key:
            self.mentions[key] -= 1
            self.context[key][kind] += 1

    def read(self, doc: Any) -> None:
        """Names, kinds in context and acronyms of one parsed sentence."""
        from assistant.ingest.phrases import name_span

        heading = _heading(doc)
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS and not _noise(ent) and not _names_a_thing(ent):
                self._mention(name_span(doc[ent.start], doc)[0], ent.label_, heading)
        for match in _QUOTED.finditer(doc.text):
            words = match.group(1).split()
            capitals = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
            if 1 <= len(words) <= 16 and capitals >= max(1, round(len(words) * 0.6)) and kind_of_name(match.group(1)):
                self._mention(match.group(1), "QUOTED", heading)
        self._cued(doc)
        self._serving(doc)
        self._defined(doc)
        self._apposed(doc)
        self._of_place(doc)
        self._acronyms(doc)

    def _defined(self, doc: Any) -> None:
        """ "Port Aurelia is a coastal city in ...": a name defined by a noun of kind."""
        from assistant.ingest.phrases import name_span, singular_kind

        for token in doc:
            if token.dep_ != "attr" or token.pos_ != "NOUN" or token.head.lemma_ != "be":
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
                continue
            if any(c.dep_ == "neg" for c in token.head.children):
                continue  # "TEU is not simply a box"
            subject = next((c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
            kind = singular_kind(token.lemma_)
            if subject is not None and kind:
                self.typed(name_span(subject, doc)[0], kind)

    def _apposed(self, doc: Any) -> None:
        """ "the Great Eastern, the largest ship in the world" and "his proposed computer, the Analytical Engine":
        a name written with "the" set beside a noun of kind (so never a person's: "Mary Somerville, the Scottish
        scientist" stays a person)."""
        from assistant.ingest.phrases import name_span, singular_kind

        for token in doc:
            if token.dep_ != "appos":
                continue
            if token.pos_ == "NOUN" and token.head.pos_ == "PROPN":
                name, noun = token.head, token
            elif token.pos_ == "PROPN" and token.head.pos_ == "NOUN":
                name, noun = token, token.head
            else:
                continue
            if not any(c.dep_ in ("det", "poss") for c in noun.children):
                continue
            written, tokens = name_span(name, doc)
            first = min(tokens, default=name.i)
            # "the 19-year-old Henri Cornet" is no thing's name; but "Nordbrine, a lithium-refining company" is a
            # company's, as no person is called a company (a maker or a developer may be a person)
            # (nor is a person "founded in 2019": "Voltiq, a developer of anodes founded in 2019 by ...")
            unmistakable = noun.lemma_.lower() in _NEVER_PERSON or (
                noun.lemma_.lower() in KIND_SYNONYMS and (name.ent_type_ not in ("PERSON", "") or _founded(noun))
            )
            if (first == 0 or doc[first - 1].lower_ != "the") and not (noun.i > name.i and unmistakable):
                continue
            kind = singular_kind(noun.lemma_)
            if kind:
                self.typed(written, kind)
                if not name.ent_type_:  # a name the recogniser missed: this is a mention of it
                    self.add(written)

    def _of_place(self, doc: Any) -> None:
        """ "the city of Norvik", "in the suburb of Wairere": a name after "the <kind of place> of" is a place of
        that kind, whatever the recogniser's label (a name it took for a person or a firm)."""
        from assistant.ingest.phrases import name_span, singular_kind

        for token in doc:
            if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                continue
            kind = singular_kind(token.lemma_)
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            name = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None) if of is not None else None
            if kind in PLACE_TYPES and name is not None:
                written = name_span(name, doc)[0]
                self.typed(written, kind)
                if not name.ent_type_:  # a name the recogniser missed: this is a mention of it
                    self.add(written)

    def _serving(self, doc: Any) -> None:
        """ "with Ann Lee serving as chief arbiter", "Ann Lee, who acts as treasurer": one who serves as a
        role is a person, whatever the recogniser's label."""
        from assistant.ingest.phrases import name_span

        for token in doc:
            if token.lower_ != "as" or token.dep_ != "prep" or token.head.lemma_.lower() not in _SERVING:
                continue
            verb = token.head
            role = next((c for c in token.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if role is None or not (role.lemma_.lower() in ROLE_NOUNS or _ROLE_ENDING.search(role.lower_)):
                continue
            # "Ann Lee serving as ...", "Ann Lee, who serves as ...": the name the clause hangs on; else the subject
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            who = verb.head if verb.dep_ in ("acl", "relcl") else subject
            if who is None or who.pos_ != "PROPN" or who.ent_type_ not in ("PERSON", "ORG", ""):
                continue
            written = name_span(who, doc)[0]
            if len(written.split()) >= 2 and kind_of_name(written) is None:
                self.typed(written, "person")

    def _cued(self, doc: Any) -> None:
        """ "firms like X and Y", "cities such as X (3), Y (2)": the kind noun types every name listed."""
        for token in doc:
            if token.lower_ not in _CUES or token.i == 0:
                continue
            noun = (
                doc[token.i - 1]
                if token.lower_ != "as"
                else (doc[token.i - 2] if token.i >= 2 and doc[token.i - 1].lower_ == "such" else None)
            )
            if token.lower_ == "as" and noun is None:
                continue
            if noun is None or noun.pos_ != "NOUN" or noun.tag_ != "NNS" or noun.lemma_.lower() in ("other", "one", "thing"):
                continue
            from assistant.ingest.phrases import singular_kind

            kind = singular_kind(noun.lemma_)
            if not kind:
                continue
            cursor = token.i + 1
            for ent in sorted(doc.ents, key=lambda e: e.start):
                if ent.start < cursor or ent.label_ not in NAME_LABELS:
                    continue
                between = doc[cursor : ent.start].text
                if not re.fullmatch(r"\s*(?:\(\s*[\d.,]+\s*\)\s*)?(?:,|and|, and|or|, or)?\s*", between):
                    break
                if ent.label_ in NAME_LABELS:
                    self.typed(ent.text, kind)
                cursor = ent.end

    def _acronyms(self, doc: Any) -> None:
        """ "Twenty-foot Equivalent Unit (TEU)" and "the TEU (Twenty-foot Equivalent Unit) count": two names of one thing."""
        for short, full, _, _ in acronym_pairs(doc.text):
            self._alias(short, full)

    def _alias(self, short: str, full: str) -> None:
        key = self.add(short, "ACRONYM")
        if key:
            self.aliases[key].add(full)
            self.acronyms[key] = full.lower()

    def merge_fragments(self, text: str, title: str = "") -> None:
        """A name written only as part of a longer one ("Harbour Survey Ship" in "... Ship Companies Top 20")
        is no entity of its own (``title``: the article's, whose name a surname stands for first)."""
        for found in _BORN_AS.finditer(text):  # the name given at birth is the person's too
            full, born = (clean_name(found.group(i)).lower() for i in (1, 2))
            if full in self.names and full != born and self.add(found.group(2)):
                self._stands_for(born, full)
        # "the Varn Ferry Association (VFA)": one entity, named by its acronym, whose written-out name is an alias
        for short, full in list(self.acronyms.items()):
            if full in self.names and short in self.names and full not in self.canonical and self.mentions[full] > 0:
                self._stands_for(full, short)
        self._titled_name(text, title)
        lowered = text.lower()
        title = title.strip().lower()
        names = sorted(self.names, key=len, reverse=True)
        for short in names:
            longer = [n for n in names if len(n) > len(short) and short in n]
            if not longer:
                continue
            alone = len(re.findall(rf"(?<!\w){re.escape(short)}(?!\w)", lowered))
            inside = sum(len(re.findall(rf"(?<!\w){re.escape(n)}(?!\w)", lowered)) * n.count(short) for n in longer)
            if alone <= inside:
                self.mentions[short] = 0
                self.context.pop(short, None)

        def first(name: str) -> int:
            found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered)
            return found.start() if found else len(lowered)

        # "Helios" after "Helios Batteries": one word that begins exactly one longer name is that name; of two,
        # the one written before the word stands alone ("Pierre" after "Pierre Curie", not the later "Pierre Joliot")
        for short in names:
            if " " in short or short in MONTHS:
                continue
            longer = [n for n in names if n.startswith(short + " ") and self.mentions[n] > 0]
            # a name that only lengthens another of them ("Helios Batteries Posts Record Year" of a headline) is that one
            longer = [n for n in longer if not any(n.startswith(other + " ") for other in longer)]
            if len(longer) > 1:
                alone = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(short)}(?!\w)", lowered)]
                alone = [at for at in alone if not any(lowered.startswith(n, at) for n in longer)]
                longer = [n for n in longer if alone and first(n) < alone[0]]
            # not when it also ends another name: "Kilimanjaro" of "Kilimanjaro National Park" and "Mount Kilimanjaro"
            inside = any(n.endswith(" " + short) for n in names)
            # (a word the tagger took for a place, only when the article never writes it as a place is written:
            # "Brindle ordered" after "Brindle Marine", but not "in Washington" after "Washington Post")
            place_like = self.labels[short].get("GPE", 0) > 0 and _as_place(short).search(lowered)
            if len(longer) == 1 and not inside and not place_like:
                self._stands_for(short, longer[0])

        # "the Thornbury Philharmonic" after "the Thornbury Philharmonic Orchestra": a name that lacks only the last
        # word of exactly one longer name, a word of everyday English, and that the text writes alone only after the
        # longer one, is that name (not "the Tour de France" before "the Tour de France Femmes"; not a person's name:
        # "Ann Lind" is no "Ann Lind Trust"; not a place's: "New York" is no "New York Times")
        body = lowered[len(title) :] if title and lowered.startswith(title) else lowered
        for short in names:
            if " " not in short or short not in self.names or self.mentions[short] <= 0 or short in self.canonical:
                continue
            longer = [n for n in names if n.startswith(short + " ") and " " not in n[len(short) + 1 :] and self.mentions[n] > 0]
            labels = self.labels[short]
            alone = (
                [m.start() for m in re.finditer(rf"(?<!\w){re.escape(short)}(?!\w)", body) if not body.startswith(longer[0], m.start())]
                if len(longer) == 1
                else []
            )
            if (
                len(longer) == 1
                and (not alone or body.find(longer[0]) < alone[0])
                and _common_word(longer[0].rsplit(" ", 1)[1])
                and not labels.get("PERSON", 0)
                and not labels.get("GPE", 0)
                and not labels.get("LOC", 0)
                and not self.labels[longer[0]].get("PERSON", 0)
            ):
                self._stands_for(short, longer[0])

        # "Thomson" after "William Thomson": one word that ends exactly one person's name is that person
        for short in names:
            if " " in short or short in MONTHS or self.mentions[short] <= 0:
                continue
            people = [
                n
                for n in names
                if n.endswith(" " + short) and n.count(" ") <= 2 and self.mentions[n] > 0 and self.labels[n].get("PERSON", 0) > 0
            ]
            # the person the article is about, when it names others of the family ("Marek" in "Ivo Marek" is
            # not his father "Petar Marek"), whatever kind the tagger took the title's name for
            titled = [n for n in names if n.endswith(" " + short) and self.mentions[n] > 0 and re.match(rf"{re.escape(n)}\b", title)]
            # (a word the tagger took for a place is the person's when the article never writes it as a place is
            # written: "Holmfirth received the medal", never "in Holmfirth")
            person_like = self.labels[short].get("GPE", 0) == 0 or not _as_place(short).search(lowered)
            if titled and person_like:
                self._stands_for(short, titled[0])
            elif len(people) == 1 and person_like:
                self._stands_for(short, people[0])

        # "Ms Varga-Price" after "Helena Varga-Price": a title and a surname are the one person of that surname
        for short in names:
            parts = short.split()
            if len(parts) != 2 or parts[0].rstrip(".") not in HONORIFICS or self.mentions[short] <= 0:
                continue
            people = [
                n for n in names if n != short and n.endswith(" " + parts[1]) and self.mentions[n] > 0 and n.split()[0] not in HONORIFICS
            ]
            if len(people) == 1:
                self.context[people[0]]["person"] += 1
                self._stands_for(short, people[0])

        # "Marie Curie" after "Marie Skłodowska Curie": a person's first and last names are that person's whole name
        for short in names:
            parts = short.split()
            if len(parts) < 2 or self.mentions[short] <= 0 or short in self.canonical:
                continue
            longer = [n for n in names if len(n.split()) > len(parts) and n.split()[0] == parts[0] and n.split()[-1] == parts[-1]]
            if len(longer) == 1 and (self.labels[short].get("PERSON", 0) or self.labels[longer[0]].get("PERSON", 0)):
                full = longer[0]
                while full in self.canonical:
                    full = self.canonical[full].lower()
                if full != short:
                    self._stands_for(short, full)

    def _titled_name(self, text: str, title: str) -> None:
        """An encyclopedia article titled with a name its first paragraph opens with is about that name, whole,
        though the recogniser misses it ("Teodor Vasquez-Lindqvist (11 March 1904 - 2 November 1987) was a
        ... engineer" read as the organisation "Vasquez-Lindqvist"); with life dates after it, a person."""
        title = title.strip()
        if not _NAME_TITLE.fullmatch(title) or title.lower() in self.names:
            return
        first = next((line.strip() for line in text.splitlines() if line.strip() and line.strip() != title), "")
        if not first.startswith(title) or not re.match(r"[\s,(]", first[len(title) : len(title) + 1] or "."):
            return
        key = self.add(title, kind="person" if _LIFE_DATES.match(first[len(title) :]) else None)
        if key is not None and not self.context[key]:
            self.labels[key]["TITLE"] += 1

    def _stands_for(self, short: str, full: str) -> None:
        """``short`` is another name of ``full``: its mentions count for ``full``, and facts about it are ``full``'s."""
        self.canonical[short] = self.names[full]
        self.aliases[full].add(self.names[short])
        self.mentions[full] += self.mentions[short]
        self.mentions[short] = 0
        for other, name in list(self.canonical.items()):  # what stood for ``short`` stands for ``full`` now
            if name.lower() == short:
                self.canonical[other] = self.names[full]
                self.aliases[full].add(self.names[other])
        self.aliases[full] |= self.aliases.pop(short, set()) - {self.names[full]}

    def entities(self, kinds: dict[str, str] | None = None, sentences: list[str] | None = None) -> list[EntityRecord]:
        """The entities gathered, each with the kind the evidence favours (``kinds``: kinds learned from facts);
        a person with the pronoun ``sentences`` (the article's) refer to them by."""
        chosen = []
        for key, name in sorted(self.names.items()):
            if self.mentions[key] <= 0 or (self.mentions[key] <= self.in_headings[key] and not self.context[key]):
                continue  # named only in headings ("“Base Camp” and “Experiment Center”: ..."): no entity
            chosen.append((key, name, self.kind(key, kinds or {})))
        # people, and names the recogniser took for an organisation that the article calls "he" or "she"
        candidates = [name for _, name, kind in chosen if kind in _MAYBE_PEOPLE and not re.search(r"\d", name)]
        pronouns = person_pronouns(candidates, sentences or [])
        people = {w for _, name, kind in chosen if kind == "person" for w in name.split()}
        surnames = {p for _, name, kind in chosen if kind == "person" and len(name.split()) > 1 for p in name.split()[-1].split("-")}
        lowered = " ".join(sentences or []).lower()
        return [
            EntityRecord(
                name=name,
                type="person"
                if (kind in _MAYBE_PEOPLE and ((name in pronouns and _personal_name(name, people)) or _of_family(name, surnames)))
                # "Lisbon Tarrant" beside "Ivo Tarrant": a relative, though his first name is a place's, when
                # the article never writes the name as a place is written
                or (kind in PLACE_TYPES and _of_family(name, surnames, any_kind=True) and not _as_place(name.lower()).search(lowered))
                else kind,
                aliases=sorted(self.aliases.get(key, set())),
                articles=[self.article_id],
                mentions=max(1, self.mentions[key]),
                pronoun=pronouns.get(name),
            )
            for key, name, kind in chosen
        ]

    def kind(self, key: str, kinds: dict[str, str]) -> str:
        if self.context[key]:
            return self.context[key].most_common(1)[0][0]
        if key in kinds:
            return kinds[key]
        name = self.names[key]
        by_name = kind_of_name(name)
        if by_name:
            return by_name
        labels = self.labels[key]
        label = labels.most_common(1)[0][0] if labels else "ORG"
        if label == "GPE" and key in COUNTRIES:
            return "country"
        if label == "ACRONYM":
            full = next(iter(sorted(self.aliases.get(key, set()))), "")
            return kind_of_name(full) or "term"
        if label == "QUOTED":
            return kind_of_name(name) or "name"
        return LABEL_TYPES.get(label, "entity")


# a title that is a name: two to five capitalised words ("Teodor Vasquez-Lindqvist", "Anna de la Cruz")
_NAME_TITLE = re.compile(r"[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|de|da|di|del|della|la|le|van|von|der|den|bin|ibn)){1,4}")
_LIFE_DATES = re.compile(r"\s*\([^()]*\b\d{3,4}\b[^()]*\)")  # "(11 March 1904 - 2 November 1987)", "(born 1950)"
_MAYBE_PEOPLE = frozenset({"person", "organisation", "entity", "name"})
# verbs by which one holds a role "as" it ("serving as chief arbiter"), and the endings of the nouns of roles
_SERVING = frozenset({"serve", "act", "work", "sit", "stay", "remain", "continue"})
_ROLE_ENDING = re.compile(r"(?:ter|ner|ger|ser|zer|der|ler|ker|or|ist|ian|eer|ee|ess|ary)$")
# the pronouns that refer back to the one a sentence is about ("Babbage ... showed her his engine":
# "his" is Babbage's, "her" someone else's), not the object forms
_HE = frozenset({"he", "his", "himself"})
_SHE = frozenset({"she", "hers", "herself"})


def person_pronouns(people: list[str], sentences: list[str]) -> dict[str, str]:
    """'he' or 'she' for each of ``people`` whom the article refers to so.

    A sentence's pronouns after the first name it gives refer to that one (its subject, most often), and
    so do those of the sentences after it that name no one (up to three). A person is 'he' or 'she' when
    one is read at least twice and outnumbers the other two to one.
    """
    keys = {p: [w for w in p.split() if len(w) > 2 and w[:1].isupper()] for p in people}
    votes: dict[str, Counter[str]] = {p: Counter() for p in people}
    shared = Counter(k for ws in keys.values() for k in set(ws))

    def first(text: str) -> tuple[list[str], int]:
        """The people ``text`` names first (several when one word names them all) and where."""
        found = {}
        for person, ws in keys.items():
            starts = [m.start() for w in ws if (m := re.search(rf"\b{re.escape(w)}\b", text))]
            if starts:
                found[person] = min(starts)
        if not found:
            return [], -1
        at = min(found.values())
        return [p for p, where in found.items() if where == at], at

    for i, text in enumerate(sentences):
        subjects, at = first(text)
        if not subjects:
            continue
        read = text[at:]
        for following in sentences[i + 1 : i + 4]:  # the sentences after it that name no one
            if first(following)[0]:
                break
            read += " " + following
        tokens = re.findall(r"[a-z]+", read.lower())
        for person in subjects:
            votes[person]["he"] += sum(t in _HE for t in tokens)
            votes[person]["she"] += sum(t in _SHE for t in tokens)
    out = {}
    for person, vote in votes.items():
        # the whole name or a word of it no other person's name has ("Madame Lind" may be another Lind)
        said = _gendered([person, *(k for k in keys[person] if shared[k] == 1)], [person, *sentences])
        if len(said) == 1:  # "her husband, Tomas Lind": whatever the pronouns of the sentences about him say
            out[person] = said.pop()
        elif vote["he"] >= max(2, 2 * vote["she"]):
            out[person] = "he"
        elif vote["she"] >= max(2, 2 * vote["he"]):
            out[person] = "she"
    return out


# nouns of kin and titles that say whether the one they name is a man or a woman
_MALE_KIN = frozenset("husband son father brother uncle nephew grandson grandfather stepfather stepson widower".split())
_FEMALE_KIN = frozenset("wife daughter mother sister aunt niece granddaughter grandmother stepmother stepdaughter widow".split())
_MALE_TITLE = frozenset("King Prince Emperor Lord Sir Mr Baron Earl Duke".split())
_FEMALE_TITLE = frozenset("Queen Princess Empress Lady Dame Mrs Ms Miss Madame Baroness Countess Duchess".split())
_KIN = "|".join(sorted(_MALE_KIN | _FEMALE_KIN))
_TITLES = "|".join(sorted(_MALE_TITLE | _FEMALE_TITLE))


def _gendered(keys: list[str], sentences: list[str]) -> set[str]:
    """'he' and/or 'she', as the nouns set beside a person (``keys``: the name and words of it) say: "her husband,
    Tomas Lind", "his son Aron", "Queen Sofia", "Ann Rhys, a singer and the daughter of ..."."""
    if not keys:
        return set()
    name = rf"(?:{'|'.join(re.escape(k) for k in keys)})\b"
    patterns = (
        re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa])\s+({_KIN}),?\s+(?:[A-Z][\w\-]*\s+)?{name}"),
        re.compile(rf"\b({_TITLES})\.?\s+(?:[A-Z][\w\-]*\s+)?{name}"),
        re.compile(rf"{name}(?:\s+[A-Z][\w\-]*)*,\s+(?:(?!of\b|to\b|for\b|with\b|by\b)[a-z][\w\-]*\s+){{0,4}}?(?:the|a)\s+({_KIN})\b"),
    )
    said = set()
    for text in sentences:
        for pattern in patterns:
            for match in pattern.finditer(text):
                word = match.group(1)
                said.add("he" if word.lower() in _MALE_KIN or word in _MALE_TITLE else "she")
    return said


def _names_a_thing(ent: Any) -> bool:
    """Whether a one-word name taken for a person's only says what kind a thing is: "Morse code", "a Petri dish"."""
    token = ent[0]
    head = token.head
    return (
        ent.label_ == "PERSON"
        and len(ent) == 1
        and token.dep_ == "compound"
        and head.i == token.i + 1
        and head.pos_ == "NOUN"
        and head.text.islower()
    )


def _as_place(name: str) -> re.Pattern[str]:
    """Where lower-case ``name`` is written as a place is: after "in", "at", "from", "near" and the like (not "to":
    "passed to Lisbon Tarrant")."""
    return re.compile(rf"\b(?:in|at|from|near|across|outside|around)\s+{re.escape(name)}\b")


def _personal_name(name: str, people: set[str]) -> bool:
    """A first name and a family name ("Charles Babbage"), or one of the words of a person's name ("Ada"
    of "Ada Lovelace"); nothing that names a company or a place."""
    parts = name.split()
    if len(parts) == 1:
        return name in people
    return len(parts) <= 4 and all(p[:1].isupper() for p in parts) and kind_of_name(name) is None


def _founded(noun: Any) -> bool:
    """Whether the phrase of ``noun`` says it was founded or set up, as only a body is."""
    return any(t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_.lower() in _FOUNDING for t in noun.subtree)


def _of_family(name: str, surnames: set[str], *, any_kind: bool = False) -> bool:
    """A first name and a family name a person of the article has ("Ann Rhys" or "Ann Powell-Rhys" beside
    "Owen Rhys"): a relative, whatever the recogniser took the name for (``any_kind``: whatever kind its words
    would make it of: "Lisbon Tarrant")."""
    parts = name.split()
    return (
        2 <= len(parts) <= 3
        and all(p[:1].isupper() for p in parts)
        and (any_kind or kind_of_name(name) is None)
        and bool(set(parts[-1].split("-")) & surnames)
    )


_FOUNDING = frozenset({"found", "establish", "incorporate", "headquarter", "register"})
# nouns of kind no person is: a name set beside one is a thing's ("Nordbrine, a lithium-refining company")
_NEVER_PERSON = frozenset("company firm startup start-up corporation business enterprise group city town village country nation".split())


def acronym_pairs(text: str) -> list[tuple[str, str, int, int]]:
    """(acronym, what it stands for, start, end) for each "ABC (A Big Cat)" or "A Big Cat (ABC)" in ``text``."""
    pairs = []
    for match in re.finditer(r"\b([A-Z][A-Z0-9&]{1,7})\s*\(([A-Z][\w\-]*(?:\s+[\w\-&'\u2019]+){1,7})\)", text):
        if _abbreviates(match.group(1), match.group(2)):
            pairs.append((match.group(1), match.group(2), match.start(), match.end()))
    # (a name may hold small words: "Tal Valley Growers Association of Wales (TVGAW)", and a possessive:
    # "Tal Cheesemakers' Association (TCA)")
    for match in re.finditer(
        r"\b((?:[A-Z][\w\-]*(?:['\u2019]s?)?\s+(?:(?:of|for|and|the)\s+)?){1,7}[A-Z][\w\-]*)\s*\(([A-Z][A-Z0-9&]{1,7})\)", text
    ):
        words = match.group(1).split()
        for begin in range(len(words)):
            candidate = " ".join(words[begin:])
            if _abbreviates(match.group(2), candidate):
                if candidate.lower().startswith("the "):
                    candidate = candidate[4:]
                start = match.start(1) + match.group(1).index(candidate)
                pairs.append((match.group(2), candidate, start, match.end()))
                break
    return pairs


def _heading(doc: Any) -> bool:
    """A Title Case line ("Different Positions of Five Cities from Upstream to Downstream"), not a sentence."""
    words = [t for t in doc if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(1 for t in words if t.text[:1].isupper()) >= 0.75 * len(words) and not doc.text.rstrip().endswith(".")


def _noise(ent: Any) -> bool:
    """What the recogniser gets wrong in headings and Title Case: "Northport’s Yards", "Downstream", "AI"."""
    text = ent.text.strip()
    if re.search(r"\w(?:\u2019s|'s)\s+\w", text) or len(text) <= 2:
        return True
    words = text.split()
    # one everyday word ("Moon", "Downstream") is no name
    return len(words) == 1 and ent.label_ not in ("GPE", "LOC") and text[:1].isupper() and text[1:].islower() and _common_word(text.lower())


def _common_word(word: str) -> bool:
    from assistant.understand.lexicon import common_word as common

    return common(word)


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is an acronym of ``full``: its initials, or letters of it in order that begin with its
    first word and take the initials of all its words but one ("FENHP" for "Federation of Northern Herring
    Producers")."""
    if name_initials(full) == short:
        return True
    parts = [w for w in re.split(r"[\s\-]+", full.lower()) if w and w not in {"of", "and", "the", "for"}]
    if len(parts) < 2 or len(parts) > len(short) or parts[0][0] != short[0].lower():
        return False
    text = " ".join(parts)
    starts = {0} | {i + 1 for i, c in enumerate(text) if c == " "}

    @cache
    def initials(i: int, at: int) -> int:  # the most word initials letters i.. can take, from ``at`` on (-99: none)
        if i == len(short):
            return 0
        letter = short[i].lower()
        return max([(q in starts) + initials(i + 1, q + 1) for q in range(at, len(text)) if text[q] == letter] or [-99])

    return initials(1, 1) + 1 >= len(parts) - 1


def name_initials(phrase: str) -> str:
    """The first letters of a name's words, its small words left out ("FDA" of "Food and Drug Administration")."""
    return "".join(
        w[0].upper() for w in re.split(r"[\s\-]+", phrase) if w and w[0].isalpha() and w.lower() not in {"of", "and", "the", "for"}
    )
