"""The entities a corpus names, and where a text names them.

Built from the index itself (fact subjects and named values, glossary terms and their aliases), so a
user's own articles and facts are recognised the same way as the shipped ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.corpus import SYNONYM, Fact, GlossaryTerm
from assistant.ingest.english import DEMONYMS, KIND_SYNONYMS, UNCOUNTED
from assistant.text import GENERIC, STOPWORDS, Synonyms, normalize, stem, words

NON_ENTITY_TYPES = {"phrase", "term", "word", "value", SYNONYM}
# kinds of entity that are places (what "where" and "there" ask about), whatever a corpus's facts call them
PLACE_TYPES = frozenset(
    {
        "city",
        "town",
        "village",
        "region",
        "country",
        "province",
        "state",
        "county",
        "district",
        "location",
        "place",
        "continent",
        "island",
        "gpe",
        "loc",
    }
)


@dataclass
class Entity:
    """Something the corpus names: a city, a company, a person, a product..."""

    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    pronoun: str | None = None  # "he" or "she": how the articles refer to a person


@dataclass(frozen=True)
class Mention:
    """Where a question names an entity."""

    entity: Entity
    start: int
    end: int


_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_CONNECTORS = frozenset("of de du von van der da del la le".split())


def written_in(name: str, text: str) -> bool:
    """Whether ``name`` stands in ``text`` as words of its own: "Orsk" is not in "Borsk", while
    "Norland" is in "Norlander" and "Norway" in "Norway's" (a name's adjective or plural)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and _NAME_END.match(text, end):
            return True
        at = text.find(name, at + 1)
    return False


_NAME_END = re.compile(r"(?:n|an|ian|ns|ans|ians|s|es|ese)?(?![^\W_])")


def _head(name: str) -> tuple[list[str], int] | None:
    """A name's words and the end of its head ("Cup of the Isles": the head is "cup"), or None when the
    name has no head to be referred back by."""
    parts = re.findall(r"[\w']+", name.lower())
    if len(parts) >= 3 and _YEAR.fullmatch(parts[-1]):
        parts = parts[:-1]  # "Development Report 2026" is "the report" too
    end = next((i for i, p in enumerate(parts) if p in _CONNECTORS and i > 0), len(parts))
    if end < 1 + (end == len(parts)) or parts[end - 1] in STOPWORDS or parts[end - 1].isdigit():
        return None
    return parts, end


def shared_heads(names: Iterable[str]) -> frozenset[str]:
    """Heads that two names or more have ("Analytical Engine", "Difference Engine"): "the engine" names neither.
    A name written inside a longer one is the same family ("Tourism Board" in "Harwick Tourism Board", "Cup
    of the Isles" in "Cup of the Isles Women"): the head names its shortest, and a longer name that goes on
    after a shorter one is given as it is, named by no head."""
    by_head: dict[str, set[str]] = {}
    for name in {n.lower() for n in names if len(n.split()) > 1}:
        if found := _head(name):
            by_head.setdefault(found[0][found[1] - 1], set()).add(name)
    shared = set()
    for head, group in by_head.items():
        shortest = [n for n in group if not any(o != n and re.search(rf"(?:^|\s){re.escape(o)}(?:\s|$)", n) for o in group)]
        if len(shortest) > 1:
            shared.add(head)
        # a name that goes on after a shorter one is another thing ("Tour of the Isles Women"); one that only
        # adds words before it is the same, named in full ("Harwick Tourism Board" for "Tourism Board")
        shared.update(n for n in group if any(o != n and n.startswith(o + " ") for o in group))
    return frozenset(shared)


def named_by_head(name: str, text: str, kind: str | None = None, shared: frozenset[str] = frozenset()) -> bool:
    """Whether lower-case ``text`` refers back to a name of several words by "the" and its last words:
    "the association" for "Harwick Shipowners Association", "the Port Board" for "Harwick Port
    Board", "the Cup" for "Cup of the Isles" (the head comes before "of" or "de"). Not a person's or a
    place's name ("the city" is any city), nor by a head alone that other names have too (``shared``)."""
    found = _head(name)
    if found is None or kind == "person" or kind in PLACE_TYPES:
        return False
    parts, end = found
    if name in shared:
        return False
    whole = end == len(parts)  # no "of": the head alone must leave out the first words
    # a head other names have too is no name alone, but with the word before it it may be ("the Tourism Board")
    last = end - 1 if parts[end - 1] in shared else end
    return any(re.search(rf"\bthe {re.escape(' '.join(parts[k:end]))}\b", text) for k in range(int(whole), last))


class Lexicon:
    """Every entity the index knows, with a fast matcher over questions."""

    def __init__(self, entities: list[Entity], *, subject_types: set[str] | None = None, synonyms: Synonyms | None = None) -> None:
        self.entities = entities
        self.synonyms = synonyms or Synonyms()
        self.by_name = {normalize(e.name): e for e in entities}
        surface: dict[str, Entity] = {}
        for e in entities:
            for alias in {e.name, *e.aliases}:
                key = normalize(alias).strip()
                if len(key) >= 2:
                    surface.setdefault(key, e)
        self.surface = surface
        # an acronym the articles spell out ("SONCHI": "Society of Northern Chemical Industries")
        self.spelled_out = {
            short: max(longer, key=len)
            for e in entities
            if (longer := [f for f in (e.name, *e.aliases) if len(f.split()) >= 2])
            for short in (e.name, *e.aliases)
            if re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", short)
        }
        ordered = sorted(surface, key=len, reverse=True)
        self._pattern = re.compile(_names_pattern(ordered)) if ordered else None
        self._multiword = [
            (alias, e, frozenset(stem(w) for w in words(alias) if w not in STOPWORDS))
            for e in entities
            for alias in {e.name, *e.aliases}
            if len([w for w in words(alias) if w not in STOPWORDS]) >= 3 and len(words(alias)) <= 6
        ]
        # a person's first names ("Anna Maria") name the one person whose longer name begins with them ("Anna Maria Lind")
        self._first_names: dict[str, Entity | None] = {}
        for key, e in surface.items():
            parts = key.split()
            for k in range(2, len(parts)) if e.type == "person" else ():
                prefix = " ".join(parts[:k])
                if prefix not in surface:
                    self._first_names[prefix] = e if self._first_names.get(prefix, e) is e else None
        self.types = {e.type for e in entities if e.type not in NON_ENTITY_TYPES | {"entity"}}
        self.subject_types = self.types if subject_types is None else subject_types & self.types
        self._type_words: dict[str, str] | None = None
        self.shared_heads = shared_heads(e.name for e in entities if e.type not in NON_ENTITY_TYPES)

    @classmethod
    def build(
        cls,
        facts: list[Fact],
        glossary: list[GlossaryTerm],
        *,
        corpus_words: set[str] | None = None,
        synonyms: Synonyms | None = None,
        learned: list | None = None,
    ) -> Lexicon:
        """``learned``: entities extracted from the articles (name, type, aliases); the glossary overlays them."""
        entities: dict[str, Entity] = {}

        def add(name: str, kind: str) -> Entity:
            key = normalize(name)
            if key not in entities:
                entities[key] = Entity(name, kind)
            elif entities[key].type in {"entity", *NON_ENTITY_TYPES} and kind not in {"entity", *NON_ENTITY_TYPES}:
                entities[key].type = kind
            return entities[key]

        for fact in facts:
            add(fact.subject, fact.subject_type)
        for fact in facts:
            if isinstance(fact.value, str) and fact.number is None and len(fact.value) <= 60:
                known = entities.get(normalize(fact.value))
                # a value of a one-word metric ("city", "field", "role") is an entity of that kind
                add(fact.value, known.type if known else fact.metric if len(fact.metric.split()) == 1 else "value")
        groups = [(term.en, *term.aliases) for term in glossary if term.type == SYNONYM]
        for term in glossary:
            if term.type and term.type not in NON_ENTITY_TYPES:
                entity = add(term.en, term.type)
                entity.aliases.update(term.aliases)
        for record in learned or []:  # after the glossary, which names the kind when both do
            entity = add(record.name, record.type)
            entity.aliases.update(record.aliases)
            entity.pronoun = entity.pronoun or record.pronoun
        # a label of a list ("- Revenue: £142.6 million") is no name where the articles write the word in lower case
        lower = {w.strip(".,;:!?'\"()") for w in corpus_words or ()}
        for key in [k for k, e in entities.items() if e.type == "entity" and " " not in k and k in lower]:
            del entities[key]
        _short_aliases(list(entities.values()), corpus_words or set())
        subject_types = (
            {f.subject_type for f in facts} | {t.type for t in glossary if t.type and t.type != SYNONYM} | {r.type for r in learned or []}
        )
        return cls(list(entities.values()), subject_types=subject_types, synonyms=synonyms or Synonyms(groups))

    def related(self, term: str) -> frozenset[str]:
        """The stem ``term`` and the stems that mean the same, in general English or in this corpus."""
        return self.synonyms.related(term)

    def find(self, text: str) -> list[Mention]:
        """Entities named in ``text``, longest match first, without overlaps.

        A name of several words also counts when its words all stand close together in the text
        ("the Northport harbour expansion plan" names the "Northport Expansion Plan").
        """
        if self._pattern is None:
            return []
        norm = normalize(text)
        found = [Mention(self._entity(m.group(0)), m.start(), m.end()) for m in self._pattern.finditer(norm)]
        for mention in self._loose(norm):
            inside = [m for m in found if mention.start <= m.start and m.end <= mention.end]
            if not any(m.start < mention.end and mention.start < m.end for m in found if m not in inside) and (
                not inside or (mention.end - mention.start) > max(m.end - m.start for m in inside)
            ):
                found = [m for m in found if m not in inside] + [mention]
        found += self._coordinated(norm, found)
        for mention in self._first_names_in(norm):
            if not any(
                m.start < mention.end and mention.start < m.end and (m.end - m.start) >= (mention.end - mention.start) for m in found
            ):
                found = [m for m in found if not (mention.start <= m.start and m.end <= mention.end)] + [mention]
        return sorted(found, key=lambda m: m.start)

    def _first_names_in(self, norm: str) -> list[Mention]:
        """Runs of words that begin the longer name of exactly one person ("anna maria" of "Anna Maria Lind")."""
        if not self._first_names:
            return []
        tokens = list(re.finditer(r"[\w'\-]+", norm))
        out: list[Mention] = []
        i = 0
        while i < len(tokens) - 1:
            for j in range(min(len(tokens), i + 4), i + 1, -1):
                entity = self._first_names.get(" ".join(t.group(0) for t in tokens[i:j]))
                if entity is not None:
                    out.append(Mention(entity, tokens[i].start(), tokens[j - 1].end()))
                    i = j - 1
                    break
            i += 1
        return out

    def _coordinated(self, norm: str, found: list[Mention]) -> list[Mention]:
        """ "the container and bulk terminals": "container" names the Container terminal too."""
        extra: list[Mention] = []
        for mention in found:
            surface = words(norm[mention.start : mention.end])
            if len(surface) != 2:
                continue
            head = surface[1].removesuffix("s") if surface[1].endswith("s") and not surface[1].endswith("ss") else surface[1]
            end = mention.start
            while coordinated := re.search(r"([a-z][\w\-]*)\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$", norm[:end]):
                entity = self.surface.get(f"{coordinated.group(1)} {head}")
                if entity is None or any(m.entity is entity for m in [*found, *extra]):
                    break
                extra.append(Mention(entity, coordinated.start(1), coordinated.end(1)))
                end = coordinated.start(1)
        return extra

    def _loose(self, norm: str) -> list[Mention]:
        tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\w'\-]+", norm)]
        stems = [stem(t[0].replace("'s", "")) for t in tokens]
        out: list[Mention] = []
        present = set(stems)
        for _alias, entity, wanted in self._multiword:
            if not wanted <= present:
                continue
            size = len(wanted)
            for i in range(len(tokens)):
                window = stems[i : i + size + 3]
                if stems[i] not in wanted or not wanted <= set(window):
                    continue
                last = max(i + window.index(w) for w in wanted)
                out.append(Mention(entity, tokens[i][1], tokens[last][2]))
                break
        return out

    def _entity(self, matched: str) -> Entity:
        if matched in self.surface:
            return self.surface[matched]
        return self.surface.get(matched[:-1]) or self.surface[matched[:-2]]

    def get(self, name: str) -> Entity | None:
        return self.by_name.get(normalize(name))

    def type_words(self) -> dict[str, str]:
        """Each word that names an entity type (the type, its plural, its noun synonyms) -> the type.

        Keyed by the word itself, not its stem: "production" must not read as the type "product".
        """
        if self._type_words is None:
            table: dict[str, str] = {}
            for kind in sorted(self.types):
                last = words(kind)[-1:] or [kind]
                for form in (last[0], plural(last[0])):
                    table.setdefault(form, kind)
            for word, kind in KIND_SYNONYMS.items():  # "team", "club", "agency": nobody asks "which organisation"
                if kind == "organisation" and kind in self.types:
                    for form in (word, plural(word)):
                        table.setdefault(form, kind)
            for kind in sorted(self.subject_types):  # a kind only named by values ("role") gets no synonyms
                last = words(kind)[-1:] or [kind]
                for group in self.synonyms.groups:
                    if last[0] in group:
                        for word in group:
                            if (
                                " " not in word
                                and not word.endswith(("al", "wide", "ly", "ed", "ing"))
                                and word not in STOPWORDS
                                and word not in GENERIC
                            ):
                                table.setdefault(word, kind)
            self._type_words = table
        return self._type_words


def name_words(mention: Mention, norm: str) -> list[str]:
    """The words of a mention that belong to the entity's names: a loose match ("the total cargo volume of
    Northport's harbour") also spans words of the question ("scale") that name no part of it."""
    names = {w for n in (mention.entity.name, *mention.entity.aliases) for w in words(n)}
    return [w for w in words(norm[mention.start : mention.end]) if w in names]


def plural(word: str) -> str:
    if word in UNCOUNTED:
        return word
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def common_word(word: str) -> bool:
    """Whether ``word`` is everyday English: one token of a large BPE vocabulary ("middle" is, "varnholm" is not)."""
    from assistant.chunking import encoding

    return len(encoding("cl100k_base").encode(" " + word)) == 1


def _names_pattern(names: list[str]) -> str:
    """One pattern that finds any of ``names``, the longest first where several begin at one place.

    "container terminals" names the terminal too; "Northport-Eastbay" is a name of its own, not Northport
    ("Northport-based" names Northport all the same). The names are matched as a tree of their letters,
    so a text is read once whatever the number of names, not once per name.
    """
    tree: dict = {}
    for name in names:
        node = tree
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return r"(?<![\w-])" + _tree_pattern(tree) + r"(?:s|es)?(?![\w]|-(?!based\b|headquartered\b|born\b)\w)"


def _tree_pattern(node: dict) -> str:
    """The pattern of a tree of letters; a name that ends where a longer one goes on is the shorter choice,
    tried after the longer (a greedy optional part)."""
    branches = [re.escape(char) + _tree_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"


def _short_aliases(entities: list[Entity], corpus_words: set[str]) -> None:
    """Let 'Varnholm' name 'Varnholm Shipping': a distinctive first word of a multi-word name (of the
    shortest such name, when several begin with it)."""
    candidates: dict[str, list[Entity]] = {}
    for e in entities:
        parts = e.name.split()
        if len(parts) < 2 or e.type in NON_ENTITY_TYPES:
            continue
        first = parts[0]
        low = normalize(first)
        if (
            len(first) >= 4
            and first[0].isupper()
            and low not in STOPWORDS
            and low not in GENERIC
            and low not in corpus_words
            and not common_word(low)  # "Middle" is no name for "Middle East"
            and low not in DEMONYMS  # "Hungarian" is a people's adjective, not the "Hungarian Astronomical Society"
        ):
            candidates.setdefault(low, []).append(e)
    taken = {normalize(e.name) for e in entities}
    for word, owners in candidates.items():
        # "Varnholm Shipping" and the "Varnholm Shipping Terminal" named after it: the shorter name is Varnholm
        shortest = min(len(e.name.split()) for e in owners)
        first = [e for e in owners if len(e.name.split()) == shortest]
        if len(first) == 1 and word not in taken:
            first[0].aliases.add(word)
    _acronyms(entities, corpus_words, taken)


def _acronyms(entities: list[Entity], corpus_words: set[str], taken: set[str]) -> None:
    """Let 'IUCN' name the 'International Union for Conservation of Nature' the articles write out in full:
    the initials of its capitalised words, three to six, when no other name has them, the text never writes
    them itself and they spell no common word."""
    owners: dict[str, list[Entity]] = {}
    for e in entities:
        capitals = [w for w in re.findall(r"[\w'\u2019\-]+", e.name) if w[:1].isupper() and w[:1].isalpha()]
        if len(capitals) < 3 or e.type in NON_ENTITY_TYPES or any(w.isupper() and len(w) > 1 for w in capitals):
            continue
        short = "".join(w[0] for w in capitals)
        if len(short) <= 6:
            owners.setdefault(short.lower(), []).append(e)
    for short, found in owners.items():
        # names are found in lower case: initials that spell a word ("AIM") would be found in "aim for"
        if len({normalize(e.name) for e in found}) == 1 and short not in taken and short not in corpus_words and not common_word(short):
            found[0].aliases.add(short.upper())
