"""Words the matcher folds together or keeps apart: news vocabulary, written for the desk.

Pure data (no Django). :mod:`claims.matching.normalize` folds :data:`MORE_SYNONYMS` into its
synonyms and stems every word (Snowball's English stemmer, ``snowballstemmer``: pure Python,
the stemmer Sphinx and many search tools use), so "marched" meets "march" and "displaced"
meets "displace". The engine reads the rest:

:data:`COUNT_CLASS`
    Counted nouns that count the same kind of thing ("jobs", "workers" and "positions";
    "households" and "customers"): figures in one class compare, figures in two classes
    never do (400 people are not 400 boats).
:data:`CONTRASTS`
    Groups of words naming different members of one kind (wheat and corn, imports and
    exports, pre-tax and operating profit): two subjects that each name a different member
    are about different things, whatever else they share.
:data:`MODAL`
    Words that make a figure a forecast, a target or a demand rather than a measurement.
:data:`RESTRICTIVE`
    Words that narrow what a figure counts ("youth unemployment", "so far this year").
:data:`OTHER`
    Words that say a figure is about another instance ("a second march", "a rival index").
"""

from __future__ import annotations

#: surface word -> the word it is matched as (before stemming)
MORE_SYNONYMS: dict[str, str] = {
    # voyages and shipping
    "transit": "voyage",
    "transits": "voyage",
    "vessel": "ship",
    "vessels": "ship",
    "bulker": "ship",
    "bulkers": "ship",
    "carrier": "ship",
    "shipment": "shipment",
    "shipments": "shipment",
    "shipped": "shipment",
    # disasters
    "quake": "earthquake",
    "tremor": "earthquake",
    "blaze": "fire",
    "wildfire": "fire",
    "bushfire": "fire",
    "inferno": "fire",
    "scorched": "burn",
    "charred": "burn",
    "burned": "burn",
    "burnt": "burn",
    "slide": "avalanche",
    "floodwater": "flood",
    "floodwaters": "flood",
    "flooded": "flood",
    "submerged": "flood",
    "inundated": "flood",
    "underwater": "flood",
    "field": "farmland",
    "fields": "farmland",
    "paddy": "farmland",
    "paddies": "farmland",
    "cropland": "farmland",
    "fled": "displace",
    "flee": "displace",
    "evacuated": "displace",
    "uprooted": "displace",
    "displaced": "displace",
    "evacuee": "displace",
    "homeless": "displace",
    "unaccounted": "missing",
    "buried": "missing",
    "destroyed": "destroy",
    "razed": "destroy",
    "flattened": "destroy",
    "culled": "cull",
    "slaughtered": "cull",
    # work
    "worker": "job",
    "workers": "job",
    "employee": "job",
    "employees": "job",
    "staff": "job",
    "position": "job",
    "positions": "job",
    "role": "job",
    "roles": "job",
    "workforce": "job",
    "layoff": "cut",
    "layoffs": "cut",
    "laid": "cut",
    "lay": "cut",
    "axed": "cut",
    "axe": "cut",
    "shed": "cut",
    "slash": "cut",
    "slashed": "cut",
    "eliminated": "cut",
    "redundancies": "cut",
    "redundancy": "cut",
    "hire": "hire",
    "hiring": "hire",
    "recruit": "hire",
    # money
    "earnings": "revenue",
    "earned": "revenue",
    "takings": "revenue",
    "sales": "revenue",
    "sale": "revenue",
    "turnover": "revenue",
    "proceeds": "revenue",
    "bill": "price",
    "bills": "price",
    "fee": "price",
    "fees": "price",
    "fare": "price",
    "fares": "price",
    "floor": "minimum",
    "money": "spending",
    "funding": "spending",
    "funds": "spending",
    "pothole": "road",
    "potholes": "road",
    "fix": "repair",
    "fixing": "repair",
    "rental": "rent",
    "rents": "rent",
    "futures": "price",
    # people and crowds
    "rally": "protest",
    "rallied": "protest",
    "demonstration": "protest",
    "demonstrator": "protest",
    "demonstrators": "protest",
    "protester": "protest",
    "protesters": "protest",
    "protestor": "protest",
    "marcher": "march",
    "marchers": "march",
    "detained": "arrest",
    "detention": "arrest",
    "arrested": "arrest",
    "vaccinated": "vaccine",
    "vaccination": "vaccine",
    "jab": "vaccine",
    "jabs": "vaccine",
    "inoculated": "vaccine",
    "ballot": "vote",
    "ballots": "vote",
    "voter": "vote",
    "voters": "vote",
    "voted": "vote",
    "turnout": "vote",
    "electricity": "power",
    "outage": "power",
    "blackout": "power",
    "pupil": "pupil",
    "schoolchildren": "pupil",
    "passenger": "passenger",
    "traveller": "passenger",
    "travellers": "passenger",
    # places and reservoirs
    "reservoir": "dam",
    "reservoirs": "dam",
    "lake": "dam",
    # more of the same thing
    "leaked": "leak",
    "escaped": "leak",
    "spilled": "leak",
    "spill": "leak",
    "crude": "oil",
    "cleared": "deforestation",
    "clearing": "deforestation",
    "felled": "deforestation",
    "forest loss": "deforestation",
    "transited": "cross",
    "crossed": "cross",
    # measures
    "wide": "width",
    "across": "width",
    "broad": "width",
    "long": "length",
    "deep": "depth",
    "tall": "height",
    "high": "height",
}

#: phrases read as one word before the words are split
PHRASES: dict[str, str] = {
    "united states": "us",
    "united kingdom": "uk",
    "european union": "eu",
    "out of work": "unemployed",
    "without work": "unemployed",
    "laid off": "cut",
    "lay off": "cut",
    "lost power": "power",
    "without power": "power",
    "death toll": "deaths",
    "consumer prices": "inflation",
    "consumer price index": "inflation",
    "cost of living": "inflation",
    "snow slide": "avalanche",
    "forced from their homes": "displaced",
    "forced from homes": "displaced",
    "cast a ballot": "vote",
    "finish line": "finish",
    "finished": "finish",
    "brought out": "rescued",
    "below the surface": "underground",
    "so far this year": "ytd",
    "so far": "ytd",
    "year to date": "ytd",
    "to date": "ytd",
    "pulled from": "rescued",
}

#: demonyms and the country they name (matched as the country)
DEMONYMS: dict[str, str] = {
    "ukrainian": "ukraine",
    "russian": "russia",
    "canadian": "canada",
    "canadians": "canada",
    "american": "american",
    "mexican": "mexico",
    "brazilian": "brazil",
    "argentine": "argentina",
    "chilean": "chile",
    "peruvian": "peru",
    "colombian": "colombia",
    "spanish": "spain",
    "french": "france",
    "german": "germany",
    "italian": "italy",
    "dutch": "netherlands",
    "belgian": "belgium",
    "polish": "poland",
    "greek": "greece",
    "turkish": "turkey",
    "egyptian": "egypt",
    "nigerian": "nigeria",
    "kenyan": "kenya",
    "ethiopian": "ethiopia",
    "south african": "south africa",
    "indian": "india",
    "pakistani": "pakistan",
    "bangladeshi": "bangladesh",
    "chinese": "china",
    "japanese": "japan",
    "korean": "korea",
    "vietnamese": "vietnam",
    "thai": "thailand",
    "indonesian": "indonesia",
    "filipino": "philippines",
    "australian": "australia",
    "iranian": "iran",
    "iraqi": "iraq",
    "syrian": "syria",
    "israeli": "israel",
    "palestinian": "palestine",
    "lebanese": "lebanon",
    "jordanian": "jordan",
    "saudi": "saudi",
    "yemeni": "yemen",
    "sudanese": "sudan",
    "norwegian": "norway",
    "swedish": "sweden",
    "danish": "denmark",
    "finnish": "finland",
    "irish": "ireland",
    "scottish": "scotland",
    "welsh": "wales",
    "english": "england",
    "georgian": "georgia",
    "nepali": "nepal",
    "nepalese": "nepal",
}

#: counted noun (singular, lower case) -> the kind of thing it counts
COUNT_CLASS: dict[str, str] = {
    **dict.fromkeys(
        """person people resident individual inhabitant citizen civilian adult child children kid
        pupil student schoolchild refugee migrant asylum-seeker evacuee villager passenger
        traveller tourist visitor worker employee job position role post staff protester
        protestor demonstrator marcher participant runner finisher starter athlete miner soldier
        troop firefighter rescuer teacher nurse doctor patient voter spectator fan member
        prisoner detainee hostage survivor victim casualty dead death fatality engineer
        applicant user subscriber canadian american national man woman boy
        girl baby infant""".split(),
        "person",
    ),
    **dict.fromkeys("household customer home house dwelling homestead flat apartment".split(), "household"),
    **dict.fromkeys("ship vessel boat tanker bulker carrier freighter ferry".split(), "ship"),
    **dict.fromkeys("vote ballot".split(), "vote"),
    **dict.fromkeys("bird chicken hen poultry duck turkey goose".split(), "bird"),
    **dict.fromkeys("dose shot jab vaccination".split(), "dose"),
    **dict.fromkeys("building structure".split(), "building"),
}

#: groups of words naming different members of one kind
CONTRASTS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "wheat corn maize rice barley soybean soy sugar coffee cocoa cotton",
        "arabica robusta",
        "steel aluminium aluminum copper iron gold silver nickel zinc lithium",
        "cod haddock herring mackerel salmon tuna",
        "oil gas coal",
        "teacher nurse doctor police soldier firefighter miner driver",
        "import export",
        "revenue profit loss spending",
        "operating pre-tax pretax net gross",
        "median average mean",
        "minimum maximum",
        "youth adult core headline",
        "death injury missing rescue alive displace arrest",
        "trap rescue alive strike",
        "start finish",
        "wholesale retail",
        "sustained gust",
        "rent deposit",
        "manifest capacity",
        "busiest average",
        "hire cut",
        "dues pay",
        "spray cover",
    )
)

#: words that make a figure something other than a measurement
MODAL = frozenset(
    """forecast forecasts expect expects expected projected projection target targets aim aims
    goal goals demand demands demanded advise advised advice recommend recommended predict
    predicted prediction could plan planned plans""".split()
)

#: words that narrow what is counted: a subject with one, beside a figure that lacks it
#: everywhere, is about a part of the thing, not the thing
RESTRICTIVE = frozenset(
    """youth core euro eurozone busiest peak licensed manifest ytd cumulative north south east
    west northern southern eastern western rural urban female male women men adult""".split()
)

#: words that say the figure is about another instance of the thing
OTHER = frozenset("second separate rival another neighbouring neighboring other".split())
