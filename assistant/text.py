"""Words, stems and synonyms: the one tokenizer behind BM25, question analysis and support checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD_RE = re.compile(r"[a-z0-9\u00df-\u00f6\u00f8-\u024f]+(?:[.,][0-9]+)*|%|[\u4e00-\u9fff]")
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
    other others another like etc up out off again further once more most less least few between among via per apart besides except aside if during""".split()
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

# Words that say which figure of many is meant: "the average depth" is not given by "a maximum depth of 1,642 m"
STATISTIC_WORDS = frozenset({"average", "median", "maximum", "minimum"})

# Groups of words that mean the same in general English, for matching a question to a passage;
# each word stands for the whole group. Words that mean the same only in one corpus's wording belong
# in that corpus's glossary (``synonyms:``), never here.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("company", "companies", "firm", "firms", "enterprise", "enterprises", "business", "businesses", "corporation", "corporations"),
    ("city", "cities", "town", "towns", "municipality", "municipalities"),
    ("share", "shares", "proportion", "percentage", "percent", "fraction", "portion", "part", "%"),  # "the biggest part of"
    ("most", "top", "highest", "largest", "biggest", "greatest", "maximum"),
    ("fewest", "least", "lowest", "smallest", "minimum"),
    ("select", "selected", "selection", "chosen", "picked"),
    ("establish", "establishes", "established", "create", "creates", "created", "founded", "founder", "set", "started"),
    ("release", "released", "publish", "published", "announce", "announced", "unveil", "unveiled", "issue", "issued"),
    ("unveil", "unveiled", "present", "presented", "presentation"),  # "when was the report unveiled?": "presented on 4 May"
    ("size", "scale", "magnitude"),
    ("job", "jobs", "employment"),
    ("employ", "employs", "employed", "employee", "employees", "staff", "staffed", "workforce", "personnel", "headcount"),
    ("main", "principal", "primary", "lead"),  # "the main author" is the lead author
    ("worker", "workers", "labourer", "labourers", "laborer", "laborers"),
    ("crew", "crews", "seafarer", "seafarers", "sailor", "sailors", "mariner", "mariners"),  # a ship's crew
    ("period", "timeframe", "duration", "span"),
    ("goal", "goals", "target", "targets", "aim", "aims", "objective", "objectives"),
    ("region", "regions", "area", "areas"),
    ("industry", "industries", "sector", "sectors"),
    ("rank", "ranks", "ranked", "ranking", "position", "place", "placed", "standing", "finish", "finished"),
    (
        "increase",
        "increases",
        "rise",
        "rises",
        "rose",
        "risen",
        "grow",
        "grows",
        "grew",
        "grown",
        "growth",
        "gain",
        "gains",
        "climb",
        "climbs",
        "climbed",
        "jump",
        "jumps",
        "jumped",
        "soar",
        "soars",
        "soared",
    ),
    ("reduce", "reduces", "reduction", "decrease", "decreases", "decline", "declines", "drop", "drops", "fall", "falls", "fell", "fallen"),
    ("close", "closes", "closed", "closing", "closure", "closures", "shut", "shuts", "shutting"),
    ("person", "people", "individual", "individuals"),
    ("child", "children", "kid", "kids", "youngster", "youngsters"),
    ("visit", "visits", "visited", "visitor", "visitors"),
    ("say", "says", "said", "state", "states", "stated", "note", "notes", "noted", "mention", "mentions", "mentioned"),
    ("location", "located", "based", "headquartered", "headquarters"),
    ("date", "day"),
    # in charge: "who ran the work" is answered by "who led the work until its completion"
    (
        "head",
        "heads",
        "headed",
        "boss",
        "executive",
        "ceo",
        "director",
        "chief",
        "administrator",
        "chair",
        "chaired",
        "chairman",
        "chairwoman",
        "president",
        "preside",
        "presides",
        "presided",
        "leader",
        "led",
        "run",
        "runs",
        "ran",
        "managed",
        "directed",
        "supervised",
        "oversaw",
    ),
    ("nation", "national", "nationwide", "country", "countrywide"),
    ("international", "overseas", "abroad", "global", "globally", "worldwide"),
    ("film", "films", "movie", "movies"),
    ("official", "officially", "formal", "formally"),
    ("connect", "connects", "connected", "connecting", "link", "links", "linked", "linking"),
    ("vote", "votes", "voted", "voting", "voter", "voters", "ballot", "referendum"),
    ("expand", "expands", "expanded", "expansion", "widen", "widens", "widened", "widening", "enlarge", "enlarged", "enlargement"),
    ("healthcare", "medical", "medicine"),
    ("finance", "finances", "financial", "financially"),
    ("car", "cars", "automobile", "automobiles", "vehicle", "vehicles"),
    ("bike", "bikes", "bicycle", "bicycles"),
    ("plant", "plants", "factory", "factories", "facility", "facilities"),  # a site that produces
    ("scheme", "schemes", "plan", "plans", "programme", "programmes", "program", "programs"),
    ("problem", "problems", "obstacle", "obstacles", "challenge", "challenges", "barrier", "barriers", "hurdle", "hurdles"),
    ("arrive", "arrives", "arrived", "arriving", "arrival", "arrivals"),
    ("delay", "delays", "delayed", "postpone", "postpones", "postponed", "postponement", "setback", "setbacks"),
    ("begin", "began", "begins", "start", "started", "starts", "commence", "commenced"),
    ("end", "ended", "ends", "finish", "finished", "conclude", "concluded", "completion"),
    ("die", "died", "dies", "death"),
    ("die", "died", "death", "killed"),  # "When did he die?": "he was killed in 1906"
    ("happen", "happens", "happened", "occur", "occurs", "occurred", "occurrence"),
    ("born", "birth"),
    ("hiker", "hikers", "walker", "walkers", "rambler", "ramblers", "trekker", "trekkers"),  # people on foot on a trail
    ("buy", "bought", "purchase", "purchased", "acquire", "acquired"),
    ("cost", "costs", "costing", "price", "prices", "priced", "expense", "expenses"),
    ("build", "built", "construct", "constructed", "construction"),
    (
        "make",
        "makes",
        "making",
        "produce",
        "produces",
        "produced",
        "producer",
        "producers",
        "production",
        "manufacture",
        "manufactured",
        "fabricated",
        "prefabricated",
    ),
    ("kill", "killed", "slain"),
    # a plan called off: "why was the trial scrapped?" is answered by "the company ended the project because ..."
    (
        "cancel",
        "cancelled",
        "canceled",
        "cancellation",
        "scrap",
        "scrapped",
        "abandon",
        "abandoned",
        "halt",
        "halted",
        "discontinue",
        "discontinued",
        "shelve",
        "shelved",
        "axe",
        "axed",
        "stopped",
        "ended",
    ),
    ("captain", "captains", "captained", "skipper", "skippers", "skippered"),
    ("see", "seen", "display", "displayed", "exhibit", "exhibited", "exhibition"),  # "where can you see it?": "it is displayed at"
    ("win", "won", "wins", "winning", "winner", "winners", "victory", "victor"),
    # "when did she win the prize?": "the prize was awarded to her in 1903", "she received the prize in 1903"
    ("win", "won", "wins", "award", "awarded", "receive", "received", "receives"),
    ("lose", "lost", "loses", "losing", "loss", "losses", "defeat", "defeated"),
    ("fail", "fails", "failed", "failing", "failure", "failures", "defeated", "collapse", "collapsed", "unsuccessful"),
    ("agreement", "agreements", "treaty", "treaties", "accord", "accords", "pact", "pacts"),
    ("study", "studies", "survey", "surveys", "report", "reports"),  # "what's the survey called?": "the study, titled ..."
    ("draw", "draws", "drew", "drawn", "tie", "ties", "tied"),
    ("hunt", "hunts", "hunted", "hunting", "prey", "preys", "preyed"),
    ("eat", "eats", "eating", "feed", "feeds", "fed", "feeding", "diet", "consume", "consumes"),
    # "how many people live in X" is its population
    ("live", "lives", "lived", "living", "inhabit", "inhabits", "inhabited", "dwell", "dwells", "population", "inhabitants", "residents"),
    # kinship names the two ends of one relation: "who were her parents?" is answered by "the child of X and Y";
    # a father is a parent and a mother is one, but a father is no mother ("his father died" is not hers)
    ("parent", "parents", "child", "children"),
    ("parent", "parents", "child", "children", "father", "fathers", "dad", "dads"),
    ("parent", "parents", "child", "children", "mother", "mothers", "mom", "moms", "mum", "mums"),
    ("marry", "married", "marries", "marriage", "wed", "wedding", "husband", "wife", "spouse"),
    ("teach", "teaches", "teaching", "teacher", "tutor", "tutored", "tutors"),
    ("write", "writes", "author", "authored"),
    ("sell", "sells", "selling", "sale", "sales"),
    ("revenue", "revenues", "turnover", "sales", "earn", "earns", "earned", "earning"),
    ("deficit", "deficits", "overspend", "overspent", "overspending", "shortfall", "shortfalls"),
    ("total", "totals", "totalled", "totaled", "altogether", "overall", "combined"),
    ("passenger", "passengers", "traveller", "travellers", "traveler", "travelers", "travelled", "traveled"),
    ("sailing", "sailings", "crossing", "crossings", "voyage", "voyages"),
    ("trip", "trips", "journey", "journeys", "ride", "rides"),
    ("ship", "ships", "vessel", "vessels", "boat", "boats"),  # "how many boats does it run?": "a fleet of 14 vessels"
    ("kind", "kinds", "type", "types", "species", "variety", "varieties"),
    ("call", "calls", "called", "calling", "name", "names", "named", "naming"),
    ("piece", "pieces", "part", "parts", "component", "components"),
    ("harvest", "harvests", "crop", "crops"),  # "the 2024 crop" is the 2024 harvest
    ("stage", "stages", "step", "steps", "phase", "phases"),  # "in how many stages?": "in four steps"
    ("inquiry", "inquiries", "enquiry", "enquiries", "investigation", "investigations"),
    ("crash", "crashes", "accident", "accidents", "collision", "collisions"),  # "the 1921 crash" is the accident of 1921
    ("hurt", "injured", "injury", "injuries", "wounded"),  # "how many were hurt?": "two were injured"
    ("sample", "samples", "specimen", "specimens"),  # "how many rock samples?": "140 specimens"
    ("monitor", "monitors", "monitored", "monitoring", "check", "checks", "checked", "checking"),  # "checked every year"
    ("equipment", "device", "devices", "apparatus", "instrument", "instruments", "gear"),  # "what equipment?": "devices"
    ("annual", "annually", "yearly"),
    # "who found the stone?": the one who discovered it ("founded" has a stem of its own)
    ("find", "finds", "found", "discover", "discovers", "discovered", "discovery", "discoverer"),
    ("individual", "separate"),
    ("search", "searches", "searched", "searching", "hunt", "hunts", "hunting"),
    ("expand", "expands", "expanded", "expansion", "enlarge", "enlarged", "enlargement", "widen", "widened", "widening"),
    ("peak", "peaks", "summit", "summits"),
    ("pay", "pays", "paying", "payment", "payments"),
    # who paid for a thing: "who funded the tower?" is answered by "persuaded X to invest $150,000 in it"
    ("fund", "funds", "funded", "funding", "finance", "financed", "financing", "invest", "invests", "invested", "investor", "investors"),
    ("game", "games", "match", "matches", "fixture", "fixtures"),
    ("average", "averages", "averaged", "typical", "typically"),
    ("usually", "normally", "typically", "generally", "ordinarily", "commonly", "customarily"),
    ("fast", "faster", "fastest", "quick", "quicker", "quickest", "rapid", "rapidly"),
    ("mean", "means", "meant", "meaning", "refer", "refers", "referred", "denote", "denotes", "denoted", "signify", "signifies"),
    ("difficult", "hard", "harder", "hardest", "tough", "tougher", "toughest"),
    ("dig", "digs", "digging", "dug", "excavate", "excavated", "excavation"),
    ("large", "big", "huge"),
    ("small", "little", "tiny"),
    # a measure and its adjective in every degree: "Is X taller than Y?" is answered by "the highest peak"
    ("tall", "taller", "tallest", "high", "higher", "highest", "height", "heights", "altitude", "elevation"),
    ("heavy", "heavier", "heaviest", "weigh", "weighs", "weighed", "weighing", "weight", "weights"),
    ("demolish", "demolished", "demolition", "raze", "razed"),
    ("early", "earlier", "earliest"),
    ("final", "last"),
    ("house", "houses", "home", "homes", "dwelling", "dwellings"),
    ("home", "homes", "household", "households"),  # "How many homes does it supply?": "48,000 households"
    # one relation's two ends, as with kin: "who was her predecessor?" is answered by "she succeeded X"
    (
        "successor",
        "successors",
        "succeed",
        "succeeds",
        "succeeded",
        "succeeding",
        "predecessor",
        "predecessors",
        "preceded",
        "previous",
        "replacement",
        "replace",
        "replaces",
        "replaced",
        "replacing",
    ),
    ("resign", "resigns", "resigned", "resignation", "retire", "retires", "retired", "retirement", "quit", "quits"),
    # the points of the compass and what lies towards them: "the south side" is "the southern slopes"
    ("north", "northern", "northerly"),
    ("south", "southern", "southerly"),
    ("east", "eastern", "easterly"),
    ("west", "western", "westerly"),
    ("dollar", "dollars", "usd"),
    ("yuan", "rmb", "renminbi", "cny"),
    ("euro", "euros", "eur"),
)


# the past tense of common irregular verbs: "which team drew", "which club won" (a verb, as "-ed" is)
IRREGULAR_PAST = frozenset(
    """became began beat bought brought built came caught chose did drew drove fell felt fought found gave got grew had held
    kept knew laid led left lost made meant met paid put ran rose said sat saw sent set shot sold spent stood struck
    swam took taught told thought threw understood went won wore wrote""".split()
)


@lru_cache(maxsize=65_536)
def normalize(text: str) -> str:
    """Lower case, compatibility forms folded, curly quotes and dashes made plain (the corpus's texts
    are normalised again and again: remembered)."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """Lower case without accents: "Beyoncé" and "beyonce" are one word (remembered, as ``normalize``)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters and digits (a number keeps its , and .), each CJK character alone;
    a phrasal verb is read as the one word it means ("passed away" as "died")."""
    return list(_words(text))


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    """``words`` remembered: the reader splits the same candidate sentences for every feature it scores."""
    plain = _POSSESSIVE.sub("", normalize(text)).replace("'", "")
    plain = fold(plain)  # "Panthéon" is "pantheon" and "Skłodowska" one word, however a question writes them
    if _PHRASAL_RE.search(plain):
        plain = _PHRASAL_RE.sub(lambda m: _PHRASAL[m.group(2)].get(m.group(1), m.group()), plain)
    for phrase, meaning in _PHRASES:
        plain = phrase.sub(meaning, plain)
    return tuple(_WORD_RE.findall(plain))


# phrasal verbs of general English read as the one verb they mean, by the form of their verb
# ("the fire broke out" is "the fire began"; "the tower was torn down" is "demolished")
_PHRASAL: dict[str, dict[str, str]] = {
    "away": dict.fromkeys(("pass", "passes"), "die") | dict.fromkeys(("passed", "passing"), "died"),
    "out": dict.fromkeys(("break", "breaks"), "begin") | dict.fromkeys(("broke", "broken", "breaking"), "began"),
    "down": dict.fromkeys(("tear", "tears", "pull", "pulls", "knock", "knocks"), "demolish")
    | dict.fromkeys(("tore", "torn", "tearing", "pulled", "pulling", "knocked", "knocking"), "demolished")
    | dict.fromkeys(("step", "steps", "stand", "stands"), "resign")
    | dict.fromkeys(("stepped", "stepping", "stood", "standing"), "resigned")
    | dict.fromkeys(("go", "goes", "going"), "fall")  # "why did sales go down?" asks why they fell
    | dict.fromkeys(("went", "gone"), "fell")
    | dict.fromkeys(("track", "tracks"), "find")  # "how did crews track down the leaks?": how they found them
    | dict.fromkeys(("tracked", "tracking"), "found"),
    "up": dict.fromkeys(("set", "sets", "setting"), "establish")
    | dict.fromkeys(("blow", "blows"), "explode")  # "when did the tank blow up?" asks when it exploded
    | dict.fromkeys(("blew", "blown", "blowing"), "exploded"),
    # a craft that takes off, lifts off or blasts off is launched
    "off": dict.fromkeys(("take", "takes", "lift", "lifts", "blast", "blasts"), "launch")
    | dict.fromkeys(("took", "taken", "taking", "lifted", "lifting", "blasted", "blasting"), "launched"),
    # "when will the herd go past ten thousand?" asks when it passes that
    "past": dict.fromkeys(("go", "goes", "going", "get", "gets", "getting"), "pass") | dict.fromkeys(("went", "gone", "got"), "passed"),
    "for": dict.fromkeys(("worked", "working"), "employed"),  # "she worked for the trust" (and see _PHRASES)
    "place": dict.fromkeys(("take", "takes", "taking"), "happen") | dict.fromkeys(("took", "taken"), "happened"),
}
# "how do they compare in terms of sales?", "with regard to": what follows is the thing asked about, no word to find
REGARDING = re.compile(r"\b(?:in terms of|with (?:regard|respect) to|when it comes to)\b")
# other set phrases of general English read as the word they mean, after the phrasal verbs
_PHRASES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (REGARDING, "about"),
    # "how many Oscar nominations?": the Academy Awards (not "Oscar" the first name: "Oscar Lind")
    (
        re.compile(
            r"\boscars\b|\boscar(?= (?:nominations?|nominees?|awards?|wins?|winners?|ceremony)\b)|\b(?:an|the) oscar\b(?! [a-z]+ [a-z])"
        ),
        "academy award",
    ),
    (re.compile(r"\b(?:in|into) the red\b"), "deficit"),  # "what drove the trust into the red?": into deficit
    (re.compile(r"\b(?:tie|ties|tied|tying) the knot\b"), "married"),  # "when did they tie the knot?"
    (re.compile(r"\bin\s+charge\b"), "headed"),  # "who was in charge of the work" is who headed it (not a charge made)
    (re.compile(r"\bhead\s+office\b"), "headquarters"),  # "its head office is at ..." says where it is headquartered
    (re.compile(r"\b(?:the\s+)?green\s+light\b"), "approval"),  # "when did they give the plan the green light?": approve it
    # "people who work for the trust", not "the building work for the emperor": the verb after someone who works
    (re.compile(r"\b(who|people|persons|staff|employees|workers|they|we|you|i|he|she) (?:work|works) for\b"), r"\1 employed"),
    # "how much money did they bring in?" asks what they earned (not "they brought in new rules")
    (re.compile(r"(\b(?:how much|money|cash)\b.*?\b)(?:bring|brings|bringing|brought|rake|rakes|raked|take|takes|took) in\b"), r"\1earned"),
    # "when did the telescope go up into space?" asks when it was launched (not "prices went up")
    (re.compile(r"\b(?:go|goes|going|went|gone) up into (space|orbit)\b"), r"launched into \1"),
    # "who put up the money for the tower?" asks who funded it
    (re.compile(r"\b(?:put|puts|putting) up (?:the |some |most of the )?(?:money|cash|funds|funding|capital)\b"), "funded"),
    # "who put the report together?", "put together the list": who compiled it
    (re.compile(r"\b(?:put|puts|putting) ((?:(?!together\b)[a-z]+ ){0,3})together\b"), r"compiled \1"),
    # "who took over as chief engineer?" asks who succeeded to the post (not "took over a rival": bought it)
    (re.compile(r"\b(?:take|takes|took|taken|taking) over as\b"), "succeeded as"),
    # "sank with the loss of 35 lives", "lost their lives": deaths
    (re.compile(r"\bthe loss of ((?:[\d,.]+|[a-z]+) )?(?:lives|life)\b"), r"\1deaths"),
    (re.compile(r"\b(?:lose|loses|lost|losing) (?:their|his|her|its) li(?:ves|fe)\b"), "died"),
    # "when did the new locks start operating?", "came into operation": when they opened
    (re.compile(r"\b(?:start|starts|started|starting|begin|begins|began|begun) (?:operating|operations)\b"), "opened"),
    (re.compile(r"\b(?:came|come|comes|went|go|goes) into (?:operation|service)\b"), "opened"),
    (re.compile(r"\bper cent\b"), "percent"),  # "41 per cent of sales" is a share of them, as "41 percent" is
    # "when did the society come into being?" asks when it was founded
    (re.compile(r"\b(?:came|come|comes|coming) into (?:being|existence)\b"), "established"),
    # "when do the birds show up?" asks when they arrive (not "show up the flaws")
    (re.compile(r"\b(?:show|shows|showed|showing|turn|turns|turned|turning) up\b(?! (?:the|a|an|his|her|their|its)\b)"), "arrive"),
    # "why was the opening pushed back?" asks why it was delayed (not "pushed back the crowd")
    (re.compile(r"\b(?:push|pushes|pushed|pushing|set|sets|setting) back\b(?! (?:the|a|an|his|her|their|its)\b)"), "delayed"),
    # "when did her book come out?" asks when it was published (not "came out against the plan", "out of retirement")
    (re.compile(r"\b(?:come|comes|came|coming) out\b(?! (?:of|against|in|for|on|ahead|top|with)\b)"), "published"),
    # "which town did she come from originally?", "he hails from Bergen": where someone was born
    (re.compile(r"\b(?:(?:come|comes|came) from originally|originally (?:come|comes|came) from|(?:hail|hails|hailed) from)\b"), "born in"),
    # "who was the driving force behind the plan?" asks who led it
    (re.compile(r"\b(?:the )?driving force (?:behind|of)\b"), "leader of"),
    # "who cut the ribbon at the new branch?" asks who opened it
    (re.compile(r"\b(?:cut|cuts|cutting) the ribbon\b"), "opened"),
    # "when did the schools open again?" asks when they reopened; "rebuilt" is "built again"
    (re.compile(r"\b([a-z]{3,}) again\b"), lambda m: m.group() if m.group(1) in STOPWORDS else f"re{m.group(1)}"),
)
_PHRASAL_RE = re.compile(
    r"\b("
    + "|".join(sorted({v for forms in _PHRASAL.values() for v in forms}, key=len, reverse=True))
    + r")\s+("
    + "|".join(_PHRASAL)
    + r")\b"
)


# plurals the stemmer cannot bring back to their singular ("mice" is the plural of "mouse")
IRREGULAR_PLURALS = {
    "mice": "mouse",
    "lice": "louse",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "oxen": "ox",
}
# the past forms of common irregular verbs, read as the verb ("wore" and "worn" are "wear"); forms that are
# as often another word are left out ("left", "saw", "lay", "fell", "ground", "bore", "rose", "found"), and so is
# "ran", which the words of being in charge hold ("ran the works" is "led" them)
_IRREGULAR_VERBS = {
    past: verb
    for verb, forms in {
        "become": "became",
        "begin": "began begun",
        "bite": "bit bitten",
        "blow": "blew blown",
        "break": "broke broken",
        "bring": "brought",
        "build": "built",
        "buy": "bought",
        "catch": "caught",
        "choose": "chose chosen",
        "come": "came",
        "draw": "drew drawn",
        "drink": "drank drunk",
        "drive": "drove driven",
        "eat": "ate eaten",
        "fight": "fought",
        "fly": "flew flown",
        "forget": "forgot forgotten",
        "freeze": "froze frozen",
        "get": "got gotten",
        "give": "gave given",
        "go": "went gone",
        "grow": "grew grown",
        "hang": "hung",
        "hide": "hid hidden",
        "hold": "held",
        "keep": "kept",
        "know": "knew known",
        "lead": "led",
        "lose": "lost",
        "make": "made",
        "mean": "meant",
        "meet": "met",
        "pay": "paid",
        "ride": "rode ridden",
        "ring": "rang rung",
        "rise": "risen",
        "say": "said",
        "seek": "sought",
        "sell": "sold",
        "send": "sent",
        "shake": "shook shaken",
        "shine": "shone",
        "shoot": "shot",
        "shrink": "shrank shrunk",
        "sing": "sang sung",
        "sink": "sank sunk",
        "sleep": "slept",
        "speak": "spoke spoken",
        "spend": "spent",
        "stand": "stood",
        "steal": "stole stolen",
        "strike": "struck stricken",
        "swim": "swam swum",
        "take": "took taken",
        "teach": "taught",
        "tell": "told",
        "think": "thought",
        "throw": "threw thrown",
        "wake": "woke woken",
        "wear": "wore worn",
        "weave": "wove woven",
        "win": "won",
        "write": "wrote written",
    }.items()
    for past in forms.split()
}
# forms of a verb the stemmer would merge with another verb's past tense: "founded" (set up) is not
# "found" (the past of "find": "an inquiry found that ...")
_OWN_STEMS = {"founded": "founder", "founding": "founder"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lower-case word; numbers are kept, without thousands separators, and accents go, as
    :func:`words` folds them ("cafés" is "cafe" however it was split off)."""
    if word[:1].isdigit():
        return word.replace(",", "")
    word = fold(word)
    if word in _OWN_STEMS:
        return _OWN_STEMS[word]
    return _STEMMER.stemWord(IRREGULAR_PLURALS.get(word) or _IRREGULAR_VERBS.get(word, word))


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stems of the content words of ``text``: what BM25 indexes and what support checks compare."""
    return [stem(w) for w in words(text) if keep_stopwords or w not in STOPWORDS]


YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")  # a year as texts write one


_DECADE_WORDS = dict(zip("23456789", ("twenti", "thirti", "forti", "fifti", "sixti", "seventi", "eighti", "nineti"), strict=True))


def decades(text: str) -> frozenset[str]:
    """The decades of the years ``text`` gives, as a question writes them: 1946 is in "the 1940s", "the 40s"
    and "the forties" (stemmed)."""
    return frozenset(d for y in YEAR.findall(text) for d in (f"{y[:3]}0s", f"{y[2]}0s", _DECADE_WORDS.get(y[2], f"{y[2]}0s")))


class Synonyms:
    """Stems that mean the same: the general groups above plus a corpus's own (from its glossary)."""

    def __init__(self, groups: tuple[tuple[str, ...], ...] | list[tuple[str, ...]] = ()) -> None:
        table: dict[str, set[str]] = {}
        for group in (*SYNONYM_GROUPS, *groups):
            stems = {stem(w) for phrase in group for w in words(phrase)}
            for s in stems:
                table.setdefault(s, set()).update(stems)
        self.table = {k: frozenset(v) for k, v in table.items()}
        self.groups = (*SYNONYM_GROUPS, *groups)

    def related(self, term: str) -> frozenset[str]:
        """The stem itself, its derived forms and every stem that means the same."""
        return self.table.get(term, frozenset()) | derived(term)

    def others(self, term: str) -> frozenset[str]:
        """The stems that mean the same as ``term`` (or derive from the same word), without it."""
        return self.related(term) - {term}


# English derivation the stemmer leaves apart, as (ending of one stem, ending of the other):
# "description" and "described", "decision" and "decided", "discovery" and "discovered", "failure" and "failed"
_DERIVED = (
    ("ipt", "ib"),
    ("uct", "uc"),
    ("is", "id"),
    ("us", "ud"),
    ("os", "od"),
    ("as", "ad"),
    ("ens", "end"),
    ("ans", "and"),
    ("iss", "it"),
    ("eri", ""),
    ("ur", ""),
    ("ation", "at"),
    ("tor", "t"),  # "inspector" and "inspect", "visitor" and "visit"
)
_MIN_DERIVED = 4  # letters the shorter stem keeps: a rule for "decis" is none for "is"


@lru_cache(maxsize=8192)
def derived(term: str) -> frozenset[str]:
    """``term`` and the stems of the words derived from the same English word."""
    out = {term}
    for a, b in _DERIVED:
        for have, other in ((a, b), (b, a)):
            if have and term.endswith(have):
                root = term[: len(term) - len(have)]
                if len(root) + min(len(a), len(b)) >= _MIN_DERIVED and len(root) >= 3:
                    out.add(root + other)
            elif not have and len(term) >= _MIN_DERIVED and term.isalpha() and not (other == "ur" and term.endswith("at")):
                out.add(term + other)  # "-ature" makes other words: "creature" is not made from "create"
    return frozenset(out)


GENERAL = Synonyms()
SYNONYMS = GENERAL.table


def related(term: str) -> frozenset[str]:
    """The stem itself and every stem that means the same in general English (see :data:`SYNONYM_GROUPS`)."""
    return GENERAL.related(term)
