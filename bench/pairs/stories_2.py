"""Dev stories 2: crowds, storms, spills, water, rents, bridges, vaccines, flights, fish, mines."""

from bench.pairs.dsl import fig, pair, report, story

# --- 11 --------------------------------------------------------------------------------------
story("Protests in the capital")
report(
    "pr1",
    "Thousands march",
    "Tbilisi Herald",
    "2025-04-20",
    "About 10,000 people marched to parliament on Saturday, police said, while a smaller "
    "rally of about 350 gathered outside the ministry.",
)
fig(
    "pr1.march",
    "About 10,000 people",
    10000,
    "people",
    "count",
    q="~",
    subject="people who marched to parliament",
    as_of="Saturday",
    speaker="police",
)
fig("pr1.rally", "about 350", 350, "", "count", q="~", subject="rally outside the ministry")
report(
    "pr2",
    "Organisers' count",
    "Caucasus Voice",
    "2025-04-20",
    "Organisers said more than 10,000 protesters took part in the march on parliament.",
)
fig(
    "pr2.march",
    "more than 10,000 protesters",
    10000,
    "protesters",
    "count",
    q=">",
    subject="protesters in the march on parliament",
    speaker="Organisers",
)
report(
    "pr3",
    "Rally at ministry",
    "Georgia Today Wire",
    "2025-04-21",
    "More than 400 demonstrators blocked the ministry entrance on Saturday.",
)
fig(
    "pr3.rally",
    "More than 400 demonstrators",
    400,
    "demonstrators",
    "count",
    q=">",
    subject="demonstrators who blocked the ministry entrance",
    as_of="Saturday",
)
report(
    "pr4",
    "Opposition claims",
    "Caucasus Voice",
    "2025-04-21",
    "The opposition said 50,000 people joined the parliament march.",
)
fig(
    "pr4.march",
    "50,000 people",
    50000,
    "people",
    "count",
    subject="people in the parliament march",
    speaker="The opposition",
)
report(
    "pr5",
    "Arrests",
    "Tbilisi Herald",
    "2025-04-21",
    "Police detained 350 people after the protests.",
)
fig(
    "pr5.arrests",
    "350 people",
    350,
    "people",
    "count",
    subject="people detained after the protests",
)
report(
    "pr6",
    "Crowd estimate",
    "Eastern Europe Monitor",
    "2025-04-22",
    "Independent observers estimated between 9,000 and 12,000 marchers.",
)
fig(
    "pr6.march",
    "between 9,000 and 12,000 marchers",
    None,
    "marchers",
    "count",
    low=9000,
    high=12000,
    subject="marchers",
    speaker="Independent observers",
)
report(
    "pr7",
    "Sunday rally",
    "Tbilisi Herald",
    "2025-04-28",
    "A second march drew about 25,000 people on Sunday.",
)
fig(
    "pr7.march",
    "about 25,000 people",
    25000,
    "people",
    "count",
    q="~",
    subject="people at a second march",
    as_of="Sunday",
)
report(
    "pr8",
    "Ministry rally",
    "Georgia Today Wire",
    "2025-04-21",
    "Roughly 360 people rallied at the ministry, witnesses said.",
)
fig(
    "pr8.rally",
    "Roughly 360 people",
    360,
    "people",
    "count",
    q="~",
    subject="people who rallied at the ministry",
    speaker="witnesses",
)
pair("pr1.march", "pr2.march", "same", "about 10,000 vs more than 10,000")
pair("pr1.rally", "pr3.rally", "conflicts", "about 350 vs more than 400")
pair("pr1.march", "pr4.march", "conflicts", "10,000 vs 50,000")
pair("pr1.rally", "pr5.arrests", "unrelated", "trap: 350 detained")
pair("pr1.march", "pr6.march", "refines", "about 10,000 inside 9,000–12,000? a narrower figure")
pair("pr2.march", "pr4.march", "conflicts", "more than 10,000 vs 50,000")
pair("pr1.march", "pr7.march", "unrelated", "a second march")
pair("pr1.rally", "pr8.rally", "same", "about 350 vs roughly 360")
pair("pr3.rally", "pr8.rally", "conflicts", "more than 400 vs roughly 360")
pair("pr3.rally", "pr5.arrests", "unrelated", "detentions")
pair("pr4.march", "pr6.march", "conflicts", "50,000 vs 9,000–12,000")

# --- 12 --------------------------------------------------------------------------------------
story("Hurricane landfall")
report(
    "hu1",
    "Hurricane makes landfall",
    "Gulf Coast Times",
    "2025-09-10",
    "The storm came ashore with sustained winds of 130 mph and dumped up to 15 inches of "
    "rain, the hurricane center said.",
)
fig(
    "hu1.wind",
    "130 mph",
    130,
    "mile per hour",
    "speed",
    subject="sustained winds of the storm",
    speaker="the hurricane center",
)
fig("hu1.rain", "up to 15 inches", 15, "inch", "length", q="<=", subject="rain dumped by the storm")
report(
    "hu2",
    "Storm hits coast",
    "Caribbean Weather Wire",
    "2025-09-10",
    "Winds of about 210 km/h battered the coast as the hurricane made landfall.",
)
fig(
    "hu2.wind",
    "about 210 km/h",
    210,
    "kilometre per hour",
    "speed",
    q="~",
    subject="winds as the hurricane made landfall",
)
report(
    "hu3",
    "Damage reports",
    "Louisiana Ledger",
    "2025-09-11",
    "Gusts reached 160 mph near the eye, and up to 380 millimetres of rain fell.",
)
fig("hu3.gust", "160 mph", 160, "mile per hour", "speed", subject="gusts near the eye")
fig(
    "hu3.rain",
    "up to 380 millimetres",
    380,
    "millimetre",
    "length",
    q="<=",
    subject="rain that fell",
)
report(
    "hu4",
    "Weakening",
    "Gulf Coast Times",
    "2025-09-11",
    "By Wednesday morning the storm's sustained winds had dropped to 75 mph.",
)
fig(
    "hu4.wind",
    "75 mph",
    75,
    "mile per hour",
    "speed",
    subject="storm's sustained winds",
    as_of="Wednesday",
    trend="down",
    change="to",
)
report("hu5", "Power cuts", "Louisiana Ledger", "2025-09-11", "About 130,000 customers lost power.")
fig(
    "hu5.power",
    "About 130,000 customers",
    130000,
    "customers",
    "count",
    q="~",
    subject="customers who lost power",
)
report(
    "hu6",
    "Forecast",
    "National Weather Digest",
    "2025-09-09",
    "Forecasters said the hurricane could bring winds of 100 mph.",
)
fig(
    "hu6.wind",
    "100 mph",
    100,
    "mile per hour",
    "speed",
    subject="winds the hurricane could bring",
    speaker="Forecasters",
)
pair("hu1.wind", "hu2.wind", "same", "130 mph ≈ 209 km/h")
pair("hu1.rain", "hu3.rain", "same", "15 in = 381 mm, both up to")
pair("hu1.wind", "hu3.gust", "unrelated", "gusts vs sustained winds")
pair("hu1.wind", "hu4.wind", "supersedes", "winds dropped by Wednesday")
pair("hu1.wind", "hu5.power", "unrelated", "different dimension")
pair("hu1.wind", "hu6.wind", "unrelated", "forecast, not a measurement")
pair("hu2.wind", "hu3.gust", "unrelated", "gusts")
pair("hu2.wind", "hu4.wind", "supersedes", "later reading")

# --- 13 --------------------------------------------------------------------------------------
story("Tanker oil spill")
report(
    "os1",
    "Tanker leaks oil",
    "North Sea Observer",
    "2025-11-02",
    "The damaged tanker has leaked about 2,000 tonnes of crude off the coast, the coastguard "
    "said. It was carrying 80,000 tonnes.",
)
fig(
    "os1.leak",
    "about 2,000 tonnes",
    2000,
    "tonne",
    "mass",
    q="~",
    subject="crude leaked by the tanker",
    speaker="the coastguard",
)
fig("os1.cargo", "80,000 tonnes", 80000, "tonne", "mass", subject="cargo the tanker was carrying")
report(
    "os2",
    "Spill spreads",
    "Energy Wire",
    "2025-11-03",
    "Roughly 14,600 barrels of oil have spilled, the ship's owner said.",
)
fig(
    "os2.leak",
    "Roughly 14,600 barrels",
    14600,
    "barrel",
    "volume",
    q="~",
    subject="oil spilled",
    speaker="the ship's owner",
)
report(
    "os3",
    "Slick measured",
    "North Sea Observer",
    "2025-11-03",
    "Satellite images show a slick covering 40 square kilometres.",
)
fig(
    "os3.slick", "40 square kilometres", 40, "square kilometre", "area", subject="area of the slick"
)
report(
    "os4",
    "Environmental groups",
    "Green Coast News",
    "2025-11-04",
    "Campaigners say at least 5,000 tonnes have escaped.",
)
fig(
    "os4.leak",
    "at least 5,000 tonnes",
    5000,
    "tonne",
    "mass",
    q=">=",
    subject="oil that has escaped",
    speaker="Campaigners",
)
report(
    "os5",
    "Slick grows",
    "North Sea Observer",
    "2025-11-06",
    "By Thursday the slick had spread to 95 square kilometres.",
)
fig(
    "os5.slick",
    "95 square kilometres",
    95,
    "square kilometre",
    "area",
    subject="slick",
    as_of="Thursday",
    trend="up",
    change="to",
)
report(
    "os6",
    "Ship details",
    "Shipping Register",
    "2025-11-03",
    "The 80,000-tonne tanker was built in 2004.",
)
fig("os6.dwt", "80,000-tonne", 80000, "tonne", "mass", subject="size of the tanker")
report(
    "os7",
    "Slick in miles",
    "Atlantic Wire",
    "2025-11-04",
    "The slick covered about 15 square miles, the coastguard said.",
)
fig(
    "os7.slick",
    "about 15 square miles",
    15,
    "square mile",
    "area",
    q="~",
    subject="area the slick covered",
)
pair("os1.leak", "os2.leak", "unrelated", "tonnes vs barrels: mass vs volume")
pair("os1.leak", "os4.leak", "conflicts", "about 2,000 vs at least 5,000")
pair("os1.cargo", "os6.dwt", "same", "cargo 80,000 t vs 80,000-tonne tanker")
pair("os3.slick", "os5.slick", "supersedes", "Thursday slick size")
pair("os3.slick", "os7.slick", "same", "40 km² ≈ 15.4 sq mi")
pair("os1.leak", "os6.dwt", "unrelated", "leak vs ship size")

# --- 14 --------------------------------------------------------------------------------------
story("Reservoir drought")
report(
    "dr1",
    "Reservoirs run low",
    "Cape Town Argus",
    "2025-02-10",
    "The city's dams are at 38 percent of capacity, holding about 340 million cubic metres, "
    "the water department said.",
)
fig(
    "dr1.level",
    "38 percent",
    38,
    "percent",
    "percent",
    subject="city's dams share of capacity",
    speaker="the water department",
)
fig(
    "dr1.vol",
    "about 340 million cubic metres",
    340e6,
    "cubic metre",
    "volume",
    q="~",
    subject="water held by the city's dams",
)
report(
    "dr2",
    "Water crisis",
    "Southern Africa Wire",
    "2025-02-11",
    "Dam levels have fallen to 38% of capacity.",
)
fig("dr2.level", "38%", 38, "percent", "percent", subject="dam levels", trend="down", change="to")
report(
    "dr3",
    "Water use",
    "Cape Town Argus",
    "2025-02-12",
    "Residents use 38 percent more water than the target.",
)
fig("dr3.use", "38 percent", 38, "percent", "percent", subject="water use above target")
report(
    "dr4",
    "Levels drop",
    "Cape Town Argus",
    "2025-03-10",
    "Dam levels fell to 31 percent in early March.",
)
fig(
    "dr4.level",
    "31 percent",
    31,
    "percent",
    "percent",
    subject="dam levels",
    as_of="early March",
    trend="down",
    change="to",
)
report(
    "dr5",
    "Storage",
    "Western Cape Farmer",
    "2025-02-12",
    "The dams hold roughly 90 billion gallons.",
)
fig(
    "dr5.vol",
    "roughly 90 billion gallons",
    90e9,
    "gallon",
    "volume",
    q="~",
    subject="water the dams hold",
)
report(
    "dr6",
    "Daily limit",
    "Southern Africa Wire",
    "2025-02-13",
    "Households are limited to 50 litres per person a day.",
)
fig(
    "dr6.limit",
    "50 litres",
    50,
    "litre",
    "volume",
    per="person/day",
    subject="household water limit per person",
)
report(
    "dr7",
    "Level disputed",
    "Cape Talk Radio",
    "2025-02-12",
    "An independent hydrologist said the real figure is nearer 30% of capacity.",
)
fig(
    "dr7.level",
    "30%",
    30,
    "percent",
    "percent",
    q="~",
    subject="dam level share of capacity",
    speaker="An independent hydrologist",
)
pair("dr1.level", "dr2.level", "same", "38% both")
pair("dr1.level", "dr3.use", "unrelated", "trap: 38 percent more use")
pair("dr1.level", "dr4.level", "supersedes", "early March level")
pair("dr1.vol", "dr5.vol", "same", "340 Mm³ ≈ 89.8 bn US gallons")
pair("dr1.vol", "dr6.limit", "unrelated", "rate vs stock")
pair("dr1.level", "dr7.level", "conflicts", "38% vs about 30%")
pair("dr2.level", "dr7.level", "conflicts", "38 vs 30")
pair("dr2.level", "dr3.use", "unrelated", "use above target")

# --- 15 --------------------------------------------------------------------------------------
story("Student rents")
report(
    "rn1",
    "Rents soar",
    "Dublin Courier",
    "2025-09-01",
    "The average rent for a student room in Dublin is now €1,100 a month, a survey found.",
)
fig(
    "rn1.rent",
    "€1,100 a month",
    1100,
    "euro",
    "currency",
    currency="EUR",
    per="month",
    subject="average rent for a student room in Dublin",
)
report(
    "rn2",
    "Housing squeeze",
    "Irish Student Times",
    "2025-09-02",
    "Students in Dublin pay about €254 a week for a room.",
)
fig(
    "rn2.rent",
    "about €254 a week",
    254,
    "euro",
    "currency",
    q="~",
    currency="EUR",
    per="week",
    subject="rent students in Dublin pay for a room",
)
report(
    "rn3",
    "Survey disputed",
    "Property Ireland",
    "2025-09-03",
    "Agents say a student room in Dublin averages €800 monthly.",
)
fig(
    "rn3.rent",
    "€800 monthly",
    800,
    "euro",
    "currency",
    currency="EUR",
    per="month",
    subject="average student room in Dublin",
    speaker="Agents",
)
report(
    "rn4",
    "Cork rents",
    "Munster Post",
    "2025-09-02",
    "In Cork a student room costs €1,100 a month too, according to the survey.",
)
fig(
    "rn4.rent",
    "€1,100 a month",
    1100,
    "euro",
    "currency",
    currency="EUR",
    per="month",
    subject="cost of a student room in Cork",
)
report(
    "rn5",
    "Yearly cost",
    "Dublin Courier",
    "2025-09-04",
    "That adds up to €13,200 a year in rent for a Dublin student.",
)
fig(
    "rn5.rent",
    "€13,200 a year",
    13200,
    "euro",
    "currency",
    currency="EUR",
    per="year",
    subject="rent for a Dublin student",
)
report(
    "rn6",
    "Deposit",
    "Irish Student Times",
    "2025-09-05",
    "Landlords typically ask for a deposit of €1,100.",
)
fig(
    "rn6.dep",
    "€1,100",
    1100,
    "euro",
    "currency",
    currency="EUR",
    subject="deposit landlords ask for",
)
report(
    "rn7",
    "UK comparison",
    "London Student",
    "2025-09-05",
    "A room in London costs £1,100 a month on average.",
)
fig(
    "rn7.rent",
    "£1,100 a month",
    1100,
    "pound",
    "currency",
    currency="GBP",
    per="month",
    subject="average cost of a room in London",
)
pair("rn1.rent", "rn2.rent", "same", "€1,100/month ≈ €254/week")
pair("rn1.rent", "rn3.rent", "conflicts", "1,100 vs 800")
pair("rn1.rent", "rn4.rent", "unrelated", "trap: Cork")
pair("rn1.rent", "rn5.rent", "same", "1,100 × 12 = 13,200")
pair("rn1.rent", "rn6.dep", "unrelated", "deposit, one-off vs monthly")
pair("rn1.rent", "rn7.rent", "unrelated", "trap: pounds in London")
pair("rn2.rent", "rn3.rent", "conflicts", "254/wk vs 800/mo")
pair("rn3.rent", "rn5.rent", "conflicts", "800/mo vs 13,200/yr")
pair("rn2.rent", "rn5.rent", "same", "254 × 52 ≈ 13,200")

# --- 16 --------------------------------------------------------------------------------------
story("Bridge collapse")
report(
    "br1",
    "Bridge collapses",
    "Genoa Gazette",
    "2025-10-14",
    "A 210-metre section of the motorway bridge collapsed on Monday, killing nine people.",
)
fig(
    "br1.len",
    "210-metre",
    210,
    "metre",
    "length",
    subject="section of the motorway bridge that collapsed",
    as_of="Monday",
)
fig("br1.dead", "nine people", 9, "people", "count", subject="people killed in the bridge collapse")
report(
    "br2",
    "Collapse details",
    "Euro News Wire",
    "2025-10-14",
    "About 690 feet of the span fell into the river, and at least 11 people died.",
)
fig(
    "br2.len",
    "About 690 feet",
    690,
    "foot",
    "length",
    q="~",
    subject="span that fell into the river",
)
fig("br2.dead", "at least 11 people", 11, "people", "count", q=">=", subject="people who died")
report(
    "br3",
    "Bridge history",
    "Engineering Weekly",
    "2025-10-15",
    "The bridge, 1,180 metres long, opened in 1967.",
)
fig("br3.total", "1,180 metres", 1180, "metre", "length", subject="length of the bridge")
report(
    "br4",
    "Toll rises",
    "Genoa Gazette",
    "2025-10-16",
    "The number of dead rose to 14 on Wednesday.",
)
fig(
    "br4.dead",
    "14",
    14,
    "",
    "count",
    subject="number of dead",
    as_of="Wednesday",
    trend="up",
    change="to",
)
report(
    "br5",
    "Repair cost",
    "Italian Business",
    "2025-10-17",
    "Rebuilding will cost between €200 million and €300 million, the ministry estimated.",
)
fig(
    "br5.cost",
    "between €200 million and €300 million",
    None,
    "euro",
    "currency",
    low=200e6,
    high=300e6,
    currency="EUR",
    subject="cost of rebuilding",
)
report(
    "br6",
    "Cost estimate",
    "Genoa Gazette",
    "2025-10-20",
    "Engineers put the rebuilding bill at €240 million.",
)
fig(
    "br6.cost",
    "€240 million",
    240e6,
    "euro",
    "currency",
    currency="EUR",
    subject="rebuilding bill",
    speaker="Engineers",
)
report(
    "br7",
    "Another span",
    "Euro News Wire",
    "2025-10-15",
    "A 210-metre footbridge in Turin was closed as a precaution.",
)
fig(
    "br7.len",
    "210-metre",
    210,
    "metre",
    "length",
    subject="footbridge in Turin closed as a precaution",
)
pair("br1.len", "br2.len", "same", "210 m ≈ 689 ft")
pair("br1.dead", "br2.dead", "conflicts", "nine vs at least 11, same day")
pair("br1.len", "br3.total", "unrelated", "section vs whole bridge")
pair("br1.dead", "br4.dead", "supersedes", "toll rose to 14 on Wednesday")
pair("br5.cost", "br6.cost", "refines", "240m inside 200–300m")
pair("br1.len", "br7.len", "unrelated", "trap: footbridge in Turin")
pair("br2.dead", "br4.dead", "supersedes", "later toll")
pair("br2.len", "br3.total", "unrelated", "span vs whole bridge")

# --- 17 --------------------------------------------------------------------------------------
story("Measles vaccination drive")
report(
    "vx1",
    "Vaccination drive",
    "Lagos Health Desk",
    "2025-05-05",
    "Health workers gave 1.2 million measles vaccine doses in the first week of the campaign, "
    "the agency said.",
)
fig(
    "vx1.doses",
    "1.2 million measles vaccine doses",
    1.2e6,
    "doses",
    "count",
    subject="measles vaccine doses given in the first week",
    speaker="the agency",
)
report(
    "vx2",
    "Campaign progress",
    "West Africa Health",
    "2025-05-06",
    "About 1.2 million children were vaccinated against measles in the campaign's first week.",
)
fig(
    "vx2.kids",
    "About 1.2 million children",
    1.2e6,
    "children",
    "count",
    q="~",
    subject="children vaccinated against measles in the first week",
)
report(
    "vx3",
    "Numbers questioned",
    "Abuja Observer",
    "2025-05-07",
    "Local officials said only 800,000 doses had been given in the first week.",
)
fig(
    "vx3.doses",
    "800,000 doses",
    800000,
    "doses",
    "count",
    q="<=",
    subject="doses given in the first week",
    speaker="Local officials",
)
report(
    "vx4",
    "Target",
    "Lagos Health Desk",
    "2025-05-05",
    "The campaign aims to reach 12 million children by June.",
)
fig(
    "vx4.target",
    "12 million children",
    12e6,
    "children",
    "count",
    subject="children the campaign aims to reach",
)
report(
    "vx5",
    "Second week",
    "Lagos Health Desk",
    "2025-05-13",
    "By the end of the second week, 2.9 million doses had been given.",
)
fig(
    "vx5.doses",
    "2.9 million doses",
    2.9e6,
    "doses",
    "count",
    subject="doses given",
    as_of="end of the second week",
    trend="up",
    change="to",
)
report(
    "vx6",
    "Cases",
    "West Africa Health",
    "2025-05-07",
    "The country has recorded 12,000 measles cases this year.",
)
fig(
    "vx6.cases",
    "12,000 measles cases",
    12000,
    "cases",
    "count",
    subject="measles cases",
    as_of="this year",
)
report(
    "vx7",
    "Cases climb",
    "Abuja Observer",
    "2025-05-08",
    "More than 15,000 suspected measles cases were reported so far this year.",
)
fig(
    "vx7.cases",
    "More than 15,000",
    15000,
    "cases",
    "count",
    q=">",
    subject="suspected measles cases",
    as_of="this year",
)
pair("vx1.doses", "vx2.kids", "same", "doses vs children vaccinated")
pair("vx1.doses", "vx3.doses", "conflicts", "1.2m vs only 800,000")
pair("vx1.doses", "vx4.target", "unrelated", "target vs achieved")
pair("vx6.cases", "vx7.cases", "conflicts", "12,000 vs more than 15,000")
pair("vx2.kids", "vx4.target", "unrelated", "target")
pair("vx1.doses", "vx6.cases", "unrelated", "doses vs cases")

# --- 18 --------------------------------------------------------------------------------------
story("Airport passengers")
report(
    "ap1",
    "Airport traffic record",
    "Istanbul Aviation News",
    "2025-01-10",
    "The airport handled 80 million passengers in 2024, its operator said.",
)
fig(
    "ap1.pax",
    "80 million passengers",
    80e6,
    "passengers",
    "count",
    subject="passengers handled by the airport",
    as_of="2024",
    speaker="its operator",
)
report(
    "ap2",
    "Busy hub",
    "Aviation Global",
    "2025-01-11",
    "About 6.7 million passengers a month passed through the hub last year.",
)
fig(
    "ap2.pax",
    "About 6.7 million passengers",
    6.7e6,
    "passengers",
    "count",
    q="~",
    per="month",
    subject="passengers through the hub",
    as_of="last year",
)
report(
    "ap3",
    "Record year",
    "Istanbul Aviation News",
    "2025-01-12",
    "The airport handled 80 million passengers a year in 2024.",
)
fig(
    "ap3.pax",
    "80 million passengers",
    80e6,
    "passengers",
    "count",
    per="year",
    subject="passengers the airport handled",
    as_of="2024",
)
report(
    "ap4",
    "Cargo",
    "Aviation Global",
    "2025-01-12",
    "Cargo volumes reached 2 million tonnes in 2024.",
)
fig("ap4.cargo", "2 million tonnes", 2e6, "tonne", "mass", subject="cargo volumes", as_of="2024")
report(
    "ap5",
    "Rival airport",
    "Gulf Air Review",
    "2025-01-13",
    "Dubai's airport handled 92 million passengers in 2024.",
)
fig(
    "ap5.pax",
    "92 million passengers",
    92e6,
    "passengers",
    "count",
    subject="passengers handled by Dubai's airport",
    as_of="2024",
)
report(
    "ap6",
    "Daily traffic",
    "Istanbul Aviation News",
    "2025-01-14",
    "On its busiest days the airport sees 250,000 passengers.",
)
fig(
    "ap6.pax",
    "250,000 passengers",
    250000,
    "passengers",
    "count",
    per="day",
    subject="passengers on the airport's busiest days",
)
report(
    "ap7",
    "2025 target",
    "Aviation Global",
    "2025-01-15",
    "The operator expects 85 million passengers in 2025.",
)
fig(
    "ap7.pax",
    "85 million passengers",
    85e6,
    "passengers",
    "count",
    subject="passengers the operator expects",
    as_of="2025",
)
pair("ap2.pax", "ap3.pax", "same", "6.7m a month ≈ 80m a year")
pair("ap1.pax", "ap4.cargo", "unrelated", "cargo")
pair("ap1.pax", "ap5.pax", "unrelated", "trap: Dubai")
pair("ap3.pax", "ap6.pax", "unrelated", "busiest days, not average")
pair("ap1.pax", "ap7.pax", "unrelated", "forecast for another year")
pair("ap1.pax", "ap3.pax", "same", "80 million in 2024")
pair("ap3.pax", "ap5.pax", "unrelated", "Dubai")

# --- 19 --------------------------------------------------------------------------------------
story("Cod quota")
report(
    "fq1",
    "Cod quota cut",
    "Bergen Fisheries Post",
    "2025-12-12",
    "Norway and Russia set next year's cod quota at 340,000 tonnes, down 25 percent.",
)
fig(
    "fq1.quota",
    "340,000 tonnes",
    340000,
    "tonne",
    "mass",
    subject="cod quota",
    as_of="2026",
    speaker="Norway and Russia",
)
fig(
    "fq1.cut",
    "25 percent",
    25,
    "percent",
    "percent",
    subject="cut in the cod quota",
    trend="down",
    change="by",
)
report(
    "fq2",
    "Fishermen angry",
    "Nordic Wire",
    "2025-12-13",
    "The Barents Sea cod quota for 2026 will be about 375,000 short tons.",
)
fig(
    "fq2.quota",
    "about 375,000 short tons",
    375000,
    "short ton",
    "mass",
    q="~",
    subject="Barents Sea cod quota",
    as_of="2026",
)
report(
    "fq3",
    "Quota figure",
    "Fish Trade Europe",
    "2025-12-14",
    "Scientists had advised a 2026 cod catch of 270,000 tonnes.",
)
fig(
    "fq3.advice",
    "270,000 tonnes",
    270000,
    "tonne",
    "mass",
    subject="cod catch scientists advised",
    as_of="2026",
    speaker="Scientists",
)
report(
    "fq4",
    "Haddock",
    "Bergen Fisheries Post",
    "2025-12-13",
    "The haddock quota was also set at 153,000 tonnes.",
)
fig("fq4.haddock", "153,000 tonnes", 153000, "tonne", "mass", subject="haddock quota", as_of="2026")
report(
    "fq5",
    "Quota misreported",
    "Coastal Radio",
    "2025-12-14",
    "The 2026 cod quota is 453,000 tonnes, the radio said, quoting a ministry adviser.",
)
fig("fq5.quota", "453,000 tonnes", 453000, "tonne", "mass", subject="cod quota", as_of="2026")
report(
    "fq6",
    "Cut size",
    "Nordic Wire",
    "2025-12-13",
    "That is a cut of a quarter, or 25%, from this year.",
)
fig(
    "fq6.cut",
    "25%",
    25,
    "percent",
    "percent",
    subject="cut from this year",
    trend="down",
    change="by",
)
pair("fq1.quota", "fq2.quota", "same", "340,000 t ≈ 374,800 short tons")
pair("fq1.quota", "fq3.advice", "unrelated", "advice vs quota")
pair("fq1.quota", "fq4.haddock", "unrelated", "haddock")
pair("fq1.quota", "fq5.quota", "conflicts", "340,000 vs 453,000")
pair("fq1.cut", "fq6.cut", "same", "25% cut")
pair("fq2.quota", "fq5.quota", "conflicts", "375,000 short tons (340,000 t) vs 453,000 t")

# --- 20 --------------------------------------------------------------------------------------
story("Mine collapse")
report(
    "mn1",
    "Miners trapped",
    "Andes Mining Journal",
    "2025-03-18",
    "Thirty-two miners were trapped 450 metres underground after a tunnel collapsed, the "
    "company said.",
)
fig(
    "mn1.trapped",
    "Thirty-two miners",
    32,
    "miners",
    "count",
    subject="miners trapped underground",
    speaker="the company",
)
fig(
    "mn1.depth", "450 metres", 450, "metre", "length", subject="depth where the miners were trapped"
)
report(
    "mn2",
    "Rescue under way",
    "Lima Daily",
    "2025-03-18",
    "Rescuers are trying to reach 32 workers trapped about 1,500 feet below the surface.",
)
fig(
    "mn2.trapped", "32 workers", 32, "workers", "count", subject="workers trapped below the surface"
)
fig(
    "mn2.depth",
    "about 1,500 feet",
    1500,
    "foot",
    "length",
    q="~",
    subject="depth of the trapped workers",
)
report(
    "mn3",
    "First rescued",
    "Andes Mining Journal",
    "2025-03-20",
    "Twelve miners have been brought out alive.",
)
fig("mn3.rescued", "Twelve miners", 12, "miners", "count", subject="miners brought out alive")
report(
    "mn4",
    "Union count",
    "Miners' Voice",
    "2025-03-19",
    "The union said 40 miners were underground when the tunnel gave way.",
)
fig(
    "mn4.trapped",
    "40 miners",
    40,
    "miners",
    "count",
    subject="miners underground when the tunnel gave way",
    speaker="The union",
)
report(
    "mn5",
    "Other mine",
    "Lima Daily",
    "2025-03-19",
    "At a copper mine in the north, 32 miners went on strike over pay.",
)
fig(
    "mn5.strike",
    "32 miners",
    32,
    "miners",
    "count",
    subject="miners on strike at a copper mine in the north",
)
report(
    "mn6",
    "Depth confirmed",
    "Mining Safety Review",
    "2025-03-19",
    "The collapse happened at a depth of roughly 300 metres.",
)
fig(
    "mn6.depth",
    "roughly 300 metres",
    300,
    "metre",
    "length",
    q="~",
    subject="depth of the collapse",
)
pair("mn1.trapped", "mn2.trapped", "same", "32 miners vs 32 workers")
pair("mn1.depth", "mn2.depth", "same", "450 m ≈ 1,476 ft, about 1,500")
pair("mn1.trapped", "mn3.rescued", "unrelated", "rescued vs trapped")
pair("mn1.trapped", "mn4.trapped", "conflicts", "32 vs 40")
pair("mn1.trapped", "mn5.strike", "unrelated", "trap: strike at another mine")
pair("mn1.depth", "mn6.depth", "conflicts", "450 vs roughly 300 m")
pair("mn2.depth", "mn6.depth", "conflicts", "1,500 ft (457 m) vs 300 m")
pair("mn2.trapped", "mn4.trapped", "conflicts", "32 vs 40")
