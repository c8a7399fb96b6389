"""Dev stories 5: ranges that narrow, and figures said alike in other words."""

from bench.pairs.dsl import fig, pair, report, story

# --- 39 --------------------------------------------------------------------------------------
story("Dam project cost")
report(
    "dm1",
    "Dam cost estimate",
    "Addis Business",
    "2025-05-12",
    "The dam will cost between $4 billion and $5 billion and generate 5,150 megawatts, the "
    "power utility said.",
)
fig(
    "dm1.cost",
    "between $4 billion and $5 billion",
    None,
    "dollar",
    "currency",
    low=4e9,
    high=5e9,
    currency="USD",
    subject="cost of the dam",
    speaker="the power utility",
)
fig("dm1.mw", "5,150 megawatts", 5150, "megawatt", "power", subject="dam's generating capacity")
report(
    "dm2",
    "Final bill",
    "Nile Economic Wire",
    "2025-05-14",
    "The final bill for the dam came to $4.6 billion, the finance ministry said.",
)
fig(
    "dm2.cost",
    "$4.6 billion",
    4.6e9,
    "dollar",
    "currency",
    currency="USD",
    subject="final bill for the dam",
    speaker="the finance ministry",
)
report(
    "dm3",
    "Capacity",
    "Energy Africa",
    "2025-05-15",
    "The plant's turbines can produce about 5.15 gigawatts.",
)
fig(
    "dm3.gw",
    "about 5.15 gigawatts",
    5.15,
    "gigawatt",
    "power",
    q="~",
    subject="what the plant's turbines can produce",
)
report(
    "dm4", "Cost overrun", "Addis Business", "2025-05-16", "Auditors said the dam cost $7 billion."
)
fig(
    "dm4.cost",
    "$7 billion",
    7e9,
    "dollar",
    "currency",
    currency="USD",
    subject="cost of the dam",
    speaker="Auditors",
)
report(
    "dm5",
    "Reservoir",
    "Nile Economic Wire",
    "2025-05-16",
    "The reservoir holds 74 billion cubic metres, covering 1,874 square kilometres.",
)
fig(
    "dm5.vol",
    "74 billion cubic metres",
    74e9,
    "cubic metre",
    "volume",
    subject="water the reservoir holds",
)
fig(
    "dm5.area",
    "1,874 square kilometres",
    1874,
    "square kilometre",
    "area",
    subject="reservoir area",
)
report(
    "dm6",
    "Reservoir estimate",
    "Energy Africa",
    "2025-05-17",
    "The lake behind the dam spans between 1,500 and 2,000 square kilometres.",
)
fig(
    "dm6.area",
    "between 1,500 and 2,000 square kilometres",
    None,
    "square kilometre",
    "area",
    low=1500,
    high=2000,
    subject="lake behind the dam",
)
report(
    "dm7",
    "Cost range",
    "Horn Markets",
    "2025-05-18",
    "Estimates of the cost range from $4.5 billion to $4.8 billion.",
)
fig(
    "dm7.cost",
    "$4.5 billion to $4.8 billion",
    None,
    "dollar",
    "currency",
    low=4.5e9,
    high=4.8e9,
    currency="USD",
    subject="estimates of the cost",
)
pair("dm1.cost", "dm2.cost", "refines", "4.6bn inside 4–5bn")
pair("dm1.mw", "dm3.gw", "same", "5,150 MW = 5.15 GW")
pair("dm1.cost", "dm4.cost", "conflicts", "4–5bn vs 7bn")
pair("dm2.cost", "dm4.cost", "conflicts", "4.6 vs 7")
pair("dm5.area", "dm6.area", "refines", "1,874 inside 1,500–2,000")
pair("dm1.cost", "dm7.cost", "refines", "4.5–4.8 inside 4–5")
pair("dm2.cost", "dm7.cost", "refines", "4.6 inside 4.5–4.8")
pair("dm4.cost", "dm7.cost", "conflicts", "7 vs 4.5–4.8")

# --- 40 --------------------------------------------------------------------------------------
story("Landslide")
report(
    "ls1",
    "Landslide buries village",
    "Kathmandu Post Wire",
    "2025-07-08",
    "Between 100 and 150 people are feared buried after a landslide hit the village, "
    "police said on Tuesday.",
)
fig(
    "ls1.feared",
    "Between 100 and 150 people",
    None,
    "people",
    "count",
    low=100,
    high=150,
    subject="people feared buried after the landslide",
    speaker="police",
)
report(
    "ls2",
    "Search goes on",
    "Himalayan Times Wire",
    "2025-07-09",
    "Officials said 128 villagers were unaccounted for.",
)
fig("ls2.missing", "128 villagers", 128, "villagers", "count", subject="villagers unaccounted for")
report(
    "ls3", "Bodies found", "Kathmandu Post Wire", "2025-07-10", "Rescuers have recovered 46 bodies."
)
fig("ls3.bodies", "46 bodies", 46, "bodies", "count", subject="bodies recovered")
report(
    "ls4",
    "Rain total",
    "Weather Nepal",
    "2025-07-09",
    "The area received about 300 millimetres of rain in 24 hours.",
)
fig(
    "ls4.rain",
    "about 300 millimetres",
    300,
    "millimetre",
    "length",
    q="~",
    subject="rain in 24 hours",
)
report(
    "ls5",
    "Rainfall",
    "Asia Weather Wire",
    "2025-07-09",
    "Nearly 12 inches of rain fell in a day before the slope gave way.",
)
fig("ls5.rain", "Nearly 12 inches", 12, "inch", "length", q="~", subject="rain in a day")
report("ls6", "Houses", "Himalayan Times Wire", "2025-07-10", "Some 128 houses were swept away.")
fig("ls6.houses", "Some 128 houses", 128, "houses", "count", q="~", subject="houses swept away")
pair("ls1.feared", "ls2.missing", "refines", "128 inside 100–150")
pair("ls1.feared", "ls3.bodies", "unrelated", "bodies recovered so far")
pair("ls4.rain", "ls5.rain", "same", "300 mm ≈ 11.8 in")
pair("ls2.missing", "ls6.houses", "unrelated", "trap: 128 houses")
pair("ls1.feared", "ls6.houses", "unrelated", "houses")

# --- 41 --------------------------------------------------------------------------------------
story("Coffee prices")
report(
    "cf1",
    "Coffee hits record",
    "Sao Paulo Commodities",
    "2025-02-11",
    "Arabica futures hit $4.30 a pound in New York, a record.",
)
fig(
    "cf1.price",
    "$4.30 a pound",
    4.30,
    "dollar",
    "currency",
    currency="USD",
    per="pound",
    subject="arabica futures in New York",
)
report(
    "cf2",
    "Beans soar",
    "Global Markets Wire",
    "2025-02-11",
    "Arabica reached about $9,480 a tonne on Tuesday.",
)
fig(
    "cf2.price",
    "about $9,480 a tonne",
    9480,
    "dollar",
    "currency",
    q="~",
    currency="USD",
    per="tonne",
    subject="arabica price",
    as_of="Tuesday",
)
report(
    "cf3",
    "Robusta",
    "Sao Paulo Commodities",
    "2025-02-12",
    "Robusta traded at $5,700 a tonne in London.",
)
fig(
    "cf3.price",
    "$5,700 a tonne",
    5700,
    "dollar",
    "currency",
    currency="USD",
    per="tonne",
    subject="robusta in London",
)
report(
    "cf4",
    "Cafe prices",
    "Consumer Watch",
    "2025-02-13",
    "A cup of coffee now costs $4.30 on average in US cafes.",
)
fig(
    "cf4.cup",
    "$4.30",
    4.30,
    "dollar",
    "currency",
    currency="USD",
    subject="average cup of coffee in US cafes",
)
report(
    "cf5",
    "Price slips",
    "Global Markets Wire",
    "2025-03-05",
    "Arabica fell to $3.80 a pound in early March.",
)
fig(
    "cf5.price",
    "$3.80 a pound",
    3.80,
    "dollar",
    "currency",
    currency="USD",
    per="pound",
    subject="arabica",
    as_of="early March",
    trend="down",
    change="to",
)
pair("cf1.price", "cf2.price", "same", "$4.30 a pound = $9,480 a tonne")
pair("cf1.price", "cf3.price", "unrelated", "robusta, per tonne")
pair("cf1.price", "cf4.cup", "unrelated", "trap: cafe cup price $4.30")
pair("cf1.price", "cf5.price", "supersedes", "March price")
pair("cf2.price", "cf3.price", "unrelated", "arabica vs robusta")

# --- 42 --------------------------------------------------------------------------------------
story("School meals")
report(
    "sm1",
    "Free meals expanded",
    "Cardiff Education",
    "2025-09-03",
    "Some 270,000 pupils in Wales now get free school meals, costing £90 million a year.",
)
fig(
    "sm1.pupils",
    "Some 270,000 pupils",
    270000,
    "pupils",
    "count",
    q="~",
    subject="pupils in Wales who get free school meals",
)
fig(
    "sm1.cost",
    "£90 million a year",
    90e6,
    "pound",
    "currency",
    currency="GBP",
    per="year",
    subject="cost of free school meals",
)
report(
    "sm2",
    "Meals policy",
    "Welsh Politics",
    "2025-09-04",
    "The scheme costs about £7.5 million a month, ministers said.",
)
fig(
    "sm2.cost",
    "about £7.5 million a month",
    7.5e6,
    "pound",
    "currency",
    q="~",
    currency="GBP",
    per="month",
    subject="cost of the scheme",
    speaker="ministers",
)
report(
    "sm3",
    "Children fed",
    "Cardiff Education",
    "2025-09-05",
    "Around 270,000 children are eligible.",
)
fig(
    "sm3.kids",
    "Around 270,000 children",
    270000,
    "children",
    "count",
    q="~",
    subject="children eligible",
)
report(
    "sm4",
    "Critics",
    "Welsh Politics",
    "2025-09-06",
    "The opposition said the real cost was £140 million a year.",
)
fig(
    "sm4.cost",
    "£140 million a year",
    140e6,
    "pound",
    "currency",
    currency="GBP",
    per="year",
    subject="real cost",
    speaker="The opposition",
)
report(
    "sm5",
    "England",
    "UK Education Wire",
    "2025-09-06",
    "In England, 2.1 million pupils get free school meals.",
)
fig(
    "sm5.pupils",
    "2.1 million pupils",
    2.1e6,
    "pupils",
    "count",
    subject="pupils in England on free school meals",
)
pair("sm1.cost", "sm2.cost", "same", "£90m a year = £7.5m a month")
pair("sm1.pupils", "sm3.kids", "same", "pupils vs children eligible")
pair("sm1.cost", "sm4.cost", "conflicts", "90 vs 140")
pair("sm2.cost", "sm4.cost", "conflicts", "7.5m/month vs 140m/year")
pair("sm1.pupils", "sm5.pupils", "unrelated", "England")
