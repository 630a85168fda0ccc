"""General English the extractor reads by: words for how exact a figure is, changes, roles, kinds of
organisation. Nothing here is about any particular corpus; a word belongs here only if it means the same
in a Wikipedia article, a company report and a news story."""

from __future__ import annotations

import re

# How exact a stated figure is, keyed by the words written before it (longest first when matched).
QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "roughly": "roughly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "below": "less than",
    "up to": "up to",
    "at most": "at most",
    "exactly": "exactly",
}
QUALIFIER_RE = re.compile(r"(?:^|\s)(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")\s*$", re.IGNORECASE)
# A verb that states a figure as a threshold crossed ("passed 4,000") qualifies it the same way.
THRESHOLD_VERBS = {
    "surpass": "more than",
    "exceed": "more than",
    "top": "more than",
    "pass": "more than",
    "cross": "more than",
    "approach": "nearly",
}
# Verbs of change: "rising 30%" is a rise, "reducing X by 15%" a reduction.
RISE_VERBS = {"rise", "increase", "grow", "climb", "jump", "gain", "improve", "expand", "surge", "soar", "boost", "raise", "lift"}
FALL_VERBS = {"fall", "decrease", "decline", "drop", "reduce", "cut", "shrink", "slide", "slip", "lower", "plunge", "lose"}
# Verbs that merely give a count to their subject: "X has 9 companies" counts companies, nothing is done.
HAVING_VERBS = {"have", "own", "hold", "count", "include", "boast", "comprise", "contain", "feature", "number", "possess", "be"}
# Verbs that state a figure reached: "the number of X has reached 47".
REACHING_VERBS = {"reach", "hit", "total", "stand", "amount", "surpass", "exceed", "top", "be", "pass", "cross", "approach"}
# Verbs that turn an action into a target or a forecast.
TARGET_VERBS = {"propose", "plan", "aim", "target", "pledge", "vow", "intend", "seek", "promise", "commit", "set", "want", "hope", "strive"}
FORECAST_VERBS = {"expect", "forecast", "project", "predict", "estimate", "anticipate", "likely"}
# Nouns that stand for a count or an amount of what follows "of": "the number of AI firms".
MEASURE_NOUNS = {"number", "count", "total", "amount", "tally", "sum", "figure"}
# the measure an adjective after an amount gives: "82 kilometres long", "5,895 metres high"
DIMENSIONS = {
    "long": "length",
    "wide": "width",
    "broad": "width",
    "high": "height",
    "tall": "height",
    "deep": "depth",
    "thick": "thickness",
}
# what a list is called, not what its lines are: "The final standings were:" lists clubs, not standings
LIST_NOUNS = {"standing", "ranking", "result", "score", "table", "statistic", "placing", "position", "detail", "figure", "total"}
SHARE_NOUNS = {"share", "proportion", "percentage", "portion", "fraction"}
PLACE_KINDS = {"city", "country", "region", "province", "district", "state", "county", "town", "village", "place"}
# Words of kind: "firms like X" types X as a company.
KIND_SYNONYMS = {
    "firm": "company",
    "enterprise": "company",
    "business": "company",
    "startup": "company",
    "start-up": "company",
    "corporation": "company",
    "manufacturer": "company",
    "maker": "company",
    "producer": "company",
    "retailer": "company",
    "carrier": "company",
    "supplier": "company",
    "provider": "company",
    "developer": "company",
    "operator": "company",
    "company": "company",
    "city": "city",
    "town": "city",
    "municipality": "city",
    "metropolis": "city",
    "country": "country",
    "nation": "country",
    "province": "province",
    "state": "state",
    "region": "region",
    "location": "place",
    "site": "place",
    "university": "university",
    "school": "school",
    "bank": "bank",
    "person": "person",
    "people": "person",
    "figure": "person",
    "executive": "person",
    "brand": "brand",
    "product": "product",
    "model": "model",
    "organization": "organisation",
    "organisation": "organisation",
    "agency": "organisation",
    "institution": "organisation",
    "group": "organisation",
    "team": "organisation",
    "club": "organisation",
    "layer": "layer",
    "sector": "sector",
    "segment": "segment",
    "event": "event",
    "programme": "programme",
    "program": "programme",
    "project": "project",
    "platform": "platform",
    "camp": "camp",
    "district": "district",
    "borough": "district",
    "suburb": "district",
    "neighbourhood": "district",
    "neighborhood": "district",
    "county": "county",
    "village": "village",
    "port": "port",
}
# Names of money: "2.4 billion euros" is an amount of money, not a count of euros.
CURRENCIES = {
    "euro",
    "euros",
    "dollar",
    "dollars",
    "yuan",
    "renminbi",
    "yen",
    "pound",
    "pounds",
    "sterling",
    "rupee",
    "rupees",
    "won",
    "franc",
    "francs",
    "peso",
    "pesos",
    "real",
    "reais",
    "rouble",
    "roubles",
    "ruble",
    "rubles",
    "krona",
    "kronor",
    "krone",
    "kroner",
    "usd",
    "eur",
    "gbp",
    "rmb",
    "cny",
    "jpy",
}
# the currencies of other times, singular and plural: "finally cost 18.6 million marks"
FORMER_CURRENCIES = frozenset(
    "mark marks guilder guilders lira lire peseta pesetas drachma drachmas escudo escudos schilling schillings "
    "florin florins thaler thalers ducat ducats dinar dinars riyal riyals".split()
)
CURRENCIES |= FORMER_CURRENCIES
# The last word of an organisation's name that says it is a company.
COMPANY_WORDS = {
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "corp",
    "corp.",
    "co",
    "co.",
    "corporation",
    "company",
    "group",
    "holdings",
    "technology",
    "technologies",
    "tech",
    "robotics",
    "entertainment",
    "aerospace",
    "systems",
    "labs",
    "motors",
    "pharmaceuticals",
    "airlines",
    "software",
    "networks",
    "electronics",
    "industries",
    "energy",
    "media",
    "ventures",
    "capital",
    "partners",
    "games",
    "studios",
    "ai",
    "rail",
    "railway",
    "railways",
    "airways",
    "bank",
    "insurance",
    "logistics",
    "foods",
    "pharma",
    "biotech",
    "telecom",
    "semiconductor",
    "semiconductors",
    "automotive",
    "solutions",
    "services",
    "shipping",
}
# Nouns that name a role a person holds at an organisation.
ROLE_NOUNS = {
    "founder",
    "co-founder",
    "cofounder",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "director",
    "manager",
    "head",
    "chief",
    "officer",
    "executive",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "partner",
    "owner",
    "editor",
    "analyst",
    "secretary",
    "minister",
    "mayor",
    "governor",
    "leader",
    "professor",
    "researcher",
    "scientist",
    "engineer",
    "lead",
    "vice-president",
    "dean",
}
# Words written before a person's name that are no part of it ("Ms Holm-Price")
HONORIFICS = frozenset("mr mrs ms miss mx dr prof professor sir dame lady lord councillor cllr".split())
# Titles written before a name: "Captain Ada Holm", "Administrator Ivo Lund"
TITLES = HONORIFICS | frozenset(
    "captain capt lieutenant lt colonel col general gen major maj admiral commander commodore sergeant sgt corporal "
    "administrator commissioner inspector superintendent constable judge justice senator governor bishop archbishop "
    "cardinal pope father brother sister reverend rev saint st king queen prince princess emperor empress chancellor "
    "premier mayor count countess duke duchess baron baroness earl madame monsieur".split()
)
# Verbs of saying: a person who "stated" something is a source, not a subject of a figure.
SAY_VERBS = {"say", "state", "note", "mention", "tell", "add", "explain", "argue", "claim", "write", "comment"}
# Verbs by which an organisation runs something: "X operates the Y camp".
OPERATE_VERBS = {"operate", "run", "own", "manage", "launch", "found", "acquire", "build", "develop", "host"}
# Proper-name words that are months or days, never entities of their own.
MONTHS = "january february march april may june july august september october november december".split()
# Countries commonly written in English news: NER says only "a geopolitical entity".
COUNTRIES = set(
    """afghanistan argentina australia austria bangladesh belgium brazil canada chile china colombia denmark egypt
    ethiopia finland france germany greece hungary india indonesia iran iraq ireland israel italy japan kenya malaysia
    mexico morocco netherlands nigeria norway pakistan peru philippines poland portugal qatar romania russia
    singapore spain sweden switzerland taiwan thailand turkey ukraine vietnam""".split()
) | {
    "saudi arabia",
    "south africa",
    "south korea",
    "north korea",
    "new zealand",
    "united kingdom",
    "united states",
    "the united states",
    "the uk",
    "uk",
    "us",
    "usa",
    "uae",
    "united arab emirates",
    "czech republic",
}

# every country, for telling a country a question names in lower case ("how big is peru") from a common word
ALL_COUNTRIES = (
    COUNTRIES
    | set(
        """albania algeria andorra angola armenia azerbaijan bahamas bahrain barbados belarus belize benin bhutan bolivia
    botswana brunei bulgaria burundi cambodia cameroon chad comoros croatia cuba cyprus djibouti dominica ecuador eritrea
    estonia eswatini fiji gabon gambia georgia ghana grenada guatemala guinea guyana haiti honduras iceland jamaica jordan
    kazakhstan kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania
    luxembourg madagascar malawi maldives mali malta mauritania mauritius micronesia moldova monaco mongolia montenegro
    mozambique myanmar namibia nauru nepal nicaragua niger oman palau panama paraguay rwanda samoa senegal serbia
    seychelles slovakia slovenia somalia sudan suriname syria tajikistan tanzania togo tonga tunisia turkmenistan tuvalu
    uganda uruguay uzbekistan vanuatu venezuela yemen zambia zimbabwe""".split()
    )
    | {
        "costa rica",
        "el salvador",
        "sri lanka",
        "north macedonia",
        "bosnia and herzegovina",
        "dominican republic",
        "ivory coast",
        "papua new guinea",
        "sierra leone",
        "burkina faso",
        "cape verde",
        "east timor",
        "equatorial guinea",
        "guinea-bissau",
        "san marino",
        "saint lucia",
        "solomon islands",
        "marshall islands",
        "trinidad and tobago",
        "antigua and barbuda",
        "south sudan",
        "central african republic",
        "democratic republic of the congo",
        "republic of the congo",
        "vatican city",
    }
)


# nouns that are their own plural, or have none ("410 staff", "a crew of 22", "31 species")
UNCOUNTED = frozenset(
    "staff personnel crew police people cattle livestock sheep deer fish aircraft spacecraft species series "
    "equipment software hardware information research data news furniture".split()
)


def plural(word: str) -> str:
    """The plural of an English noun, for the usual spellings."""
    low = word.lower()
    if low in UNCOUNTED:
        return word
    if low.endswith("y") and not low.endswith(("ay", "ey", "oy", "uy")):
        return word[:-1] + "ies"
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return word  # already plural
    if low.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    return word + "s"


def head_part(words: list[str]) -> list[str]:
    """The words of a name up to what qualifies its head: "plan for building ..." -> plan, "tour de france" ->
    tour (lower-case words in, the same out)."""
    for cut, word in enumerate(words):
        if cut and word in ("for", "of", "on", "to", "in", "de"):
            return words[:cut]
    return words


# What a people's adjective names, in general English: "American visitors" are "visitors from the United States"
DEMONYMS: dict[str, tuple[str, ...]] = {
    "american": ("United States", "America", "USA"),
    "british": ("Britain", "United Kingdom", "UK"),
    "english": ("England",),
    "scottish": ("Scotland",),
    "welsh": ("Wales",),
    "irish": ("Ireland",),
    "german": ("Germany",),
    "french": ("France",),
    "spanish": ("Spain",),
    "portuguese": ("Portugal",),
    "italian": ("Italy",),
    "dutch": ("Netherlands", "Holland"),
    "belgian": ("Belgium",),
    "swiss": ("Switzerland",),
    "austrian": ("Austria",),
    "swedish": ("Sweden",),
    "norwegian": ("Norway",),
    "danish": ("Denmark",),
    "finnish": ("Finland",),
    "polish": ("Poland",),
    "greek": ("Greece",),
    "turkish": ("Turkey",),
    "russian": ("Russia",),
    "japanese": ("Japan",),
    "korean": ("Korea", "South Korea"),
    "indian": ("India",),
    "indonesian": ("Indonesia",),
    "australian": ("Australia",),
    "canadian": ("Canada",),
    "mexican": ("Mexico",),
    "brazilian": ("Brazil",),
    "egyptian": ("Egypt",),
    "european": ("Europe", "European Union", "EU"),
    "african": ("Africa",),
    "asian": ("Asia",),
    "argentine": ("Argentina",),
    "chilean": ("Chile",),
    "peruvian": ("Peru",),
    "colombian": ("Colombia",),
    "nigerian": ("Nigeria",),
    "kenyan": ("Kenya",),
    "tanzanian": ("Tanzania",),
    "israeli": ("Israel",),
    "iranian": ("Iran",),
    "pakistani": ("Pakistan",),
    "thai": ("Thailand",),
    "vietnamese": ("Vietnam",),
    "hungarian": ("Hungary",),
    "czech": ("Czech Republic", "Czechia"),
    "romanian": ("Romania",),
    "ukrainian": ("Ukraine",),
}
