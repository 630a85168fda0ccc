"""Words, stems and synonyms: the one tokenizer behind BM25, question analysis and support checks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*|%|[\u4e00-\u9fff]")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\uff0c": ",", "\uff1f": "?"}
)

STOPWORDS = frozenset(
    """a an the and or but if then than so of in on at to for from by with about into over under as is are was
    were be been being am do does did doing have has had having it its it's this that these those there here
    i me my we our you your he him his she her they them their what which who whom whose when where why how
    can could would should will shall may might must not no yes any some all each every both either neither
    such only own same too very just also s t don't let tell give show please know many much one ones
    other others another like etc up out off again further once more most less least few between among via per apart besides except aside if""".split()
)
QUESTION_WORDS = frozenset("what which who whom whose when where why how".split())
# Words that say what kind of answer is wanted rather than what it is about.
GENERIC = frozenset(
    """name names named list listed number numbers count figure figures value values amount total
    exactly approximately roughly about around article articles source sources say says said mention
    mentioned according report reported state stated describe described information detail details
    specific specifically example examples kind kinds type types thing things get got make made use uses
    used using work works working worked new appear appears appearing tally""".split()
)

# Groups of words that mean the same for this purpose; each word stands for the whole group.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "company",
        "companies",
        "firm",
        "firms",
        "enterprise",
        "enterprises",
        "business",
        "businesses",
        "startup",
        "startups",
        "player",
        "players",
        "corporation",
    ),
    ("city", "cities", "metropolis", "town", "towns", "municipality"),
    ("share", "shares", "proportion", "percentage", "percent", "fraction", "portion", "slice", "%"),
    ("most", "top", "lead", "leads", "leading", "highest", "largest", "biggest", "greatest", "maximum", "max"),
    ("fewest", "least", "lowest", "smallest", "minimum", "min", "bottom"),
    (
        "select",
        "selected",
        "selection",
        "chosen",
        "picked",
        "included",
        "made",
        "feature",
        "featured",
        "entries",
        "entry",
        "honoree",
        "honorees",
    ),
    ("list", "lists", "ranking", "rankings", "roster", "lineup", "leaderboard", "honour", "honor", "roll"),
    ("sub", "secondary", "subsidiary"),
    ("community", "communities", "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods"),
    ("single", "individual", "solo", "one-person", "single-person", "self-employed"),
    ("smart", "smarter", "smartest", "intelligent", "intelligence", "clever", "cleverer"),
    ("demonstration", "demonstrations", "showcase", "showcases", "demo", "demos", "exemplary", "flagship", "pilot", "pilots"),
    ("scenario", "scenarios", "case", "cases", "setting", "settings"),
    ("establish", "establishes", "established", "establishing", "set", "setup", "create", "creates", "created", "build", "builds"),
    ("end", "late", "close"),
    ("shift", "shifts", "shifting", "heading", "headed", "moving", "trend", "trending", "evolve", "evolving"),
    ("cultivate", "cultivates", "cultivating", "foster", "fosters", "fostering", "nurture", "nurtures", "incubate", "incubates"),
    ("radiate", "radiates", "reach", "reaches", "expand", "expands", "export", "exports"),
    (
        "release",
        "released",
        "publish",
        "published",
        "announce",
        "announced",
        "unveil",
        "unveiled",
        "issue",
        "issued",
        "launch",
        "launched",
        "out",
    ),
    ("size", "scale", "magnitude", "worth", "value", "big", "large", "huge"),
    ("job", "jobs", "employment", "workforce"),
    ("period", "years", "timeframe", "timespan", "duration", "span"),
    ("hospital", "hospitals", "clinic", "clinics"),
    ("robot", "robots", "robotics", "humanoid", "humanoids"),
    ("chip", "chips", "semiconductor", "semiconductors", "processor", "processors"),
    ("base", "foundation", "foundational", "infrastructure", "underlying"),
    ("app", "apps", "application", "applications"),
    (
        "goal",
        "goals",
        "target",
        "targets",
        "aim",
        "aims",
        "objective",
        "objectives",
        "plan",
        "plans",
        "want",
        "wants",
        "hope",
        "hopes",
        "intend",
        "intends",
        "seek",
        "seeks",
        "propose",
        "proposes",
        "proposing",
    ),
    ("region", "regions", "area", "areas", "cluster", "clusters", "hub", "hubs"),
    ("hub", "hubs", "base", "center", "centre", "headquarters", "home"),
    ("layer", "layers", "tier", "tiers", "level", "levels"),
    ("industry", "industries", "sector", "sectors", "market", "markets"),
    ("rank", "ranks", "ranked", "ranking", "position", "place", "placed", "standing"),
    ("operate", "operates", "operated", "run", "runs", "manage", "manages", "managed"),
    ("increase", "increases", "rise", "rises", "rising", "grow", "grows", "growth", "improve", "improvement", "boost", "up", "gain"),
    ("reduce", "reduces", "reducing", "reduction", "cut", "cuts", "lower", "lowers", "decrease", "decline", "drop", "down"),
    ("person", "people", "figure", "figures", "executive", "executives", "official", "officials", "spokesperson"),
    ("say", "says", "said", "state", "stated", "note", "noted", "mention", "mentioned", "explain", "explained", "comment"),
    ("where", "location", "located", "based", "headquartered", "headquarters", "hometown", "home", "from"),
    ("when", "date", "day", "time"),
    ("nation", "national", "nationwide", "country", "countrywide"),
    ("international", "overseas", "abroad", "global", "globally", "worldwide"),
    ("education", "educational", "teaching", "learning", "school", "schools", "training"),
    ("film", "films", "movie", "movies", "cinema"),
    ("healthcare", "medical", "health", "medicine"),
    ("manufacturing", "manufacture", "factory", "factories", "production", "industrial"),
    ("automotive", "car", "cars", "vehicle", "vehicles", "auto"),
    (
        "field",
        "fields",
        "track",
        "tracks",
        "sector",
        "sectors",
        "domain",
        "domains",
        "focus",
        "specialty",
        "specialize",
        "specializes",
        "business",
        "do",
        "does",
        "work",
        "works",
    ),
    ("role", "roles", "title", "position", "job title", "post"),
    ("diagnosis", "diagnoses", "diagnostic", "misdiagnosis"),
    ("platform", "platforms"),
    ("agent", "agents", "agentic"),
    ("yuan", "rmb", "renminbi", "cny"),
    ("dollar", "dollars", "usd"),
    ("completion", "success", "completed"),
    (
        "bottleneck",
        "bottlenecks",
        "obstacle",
        "obstacles",
        "challenge",
        "challenges",
        "barrier",
        "barriers",
        "problem",
        "problems",
        "hurdle",
        "hurdles",
    ),
    ("output", "production", "gdp"),
    ("model", "models", "llm", "llms"),
)


def normalize(text: str) -> str:
    """Lower case, compatibility forms folded, curly quotes and dashes made plain."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters and digits (a number keeps its , and .), each CJK character alone."""
    return _WORD_RE.findall(_POSSESSIVE.sub("", normalize(text)).replace("'", ""))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lower-case word; numbers are kept, without thousands separators."""
    if word[:1].isdigit():
        return word.replace(",", "")
    return _STEMMER.stemWord(word)


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stems of the content words of ``text``: what BM25 indexes and what support checks compare."""
    return [stem(w) for w in words(text) if keep_stopwords or w not in STOPWORDS]


def _build_synonyms() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        stems = {stem(w) for phrase in group for w in words(phrase)}
        for s in stems:
            table.setdefault(s, set()).update(stems)
    return {k: frozenset(v) for k, v in table.items()}


SYNONYMS = _build_synonyms()


def related(term: str) -> frozenset[str]:
    """The stem itself and every stem that means the same (see :data:`SYNONYM_GROUPS`)."""
    return SYNONYMS.get(term, frozenset()) | {term}


def expand(query_terms: list[str]) -> list[str]:
    """``query_terms`` followed by their synonyms, each stem once."""
    seen = dict.fromkeys(query_terms)
    for t in query_terms:
        for s in sorted(related(t)):
            seen.setdefault(s)
    return list(seen)
