"""Dev stories 1: shipping, floods, quakes, fires, layoffs, grain, pay, budgets, prices."""

from bench.pairs.dsl import fig, pair, report, story

# --- 1 ---------------------------------------------------------------------------------------
story("Red Sea war-risk cover")
report(
    "wr1",
    "Insurers lift Red Sea cover",
    "Lloyd's Market Brief",
    "2025-03-04",
    "Owners now pay war-risk premiums of US$45,000 per voyage for a mid-sized bulk carrier "
    "crossing the Bab el-Mandeb, brokers said. A year ago the same cover cost about US$9,000.",
)
fig(
    "wr1.prem",
    "US$45,000 per voyage",
    45000,
    "dollar",
    "currency",
    currency="USD",
    per="voyage",
    subject="war-risk premiums for a bulk carrier",
    speaker="brokers",
)
fig(
    "wr1.old",
    "about US$9,000",
    9000,
    "dollar",
    "currency",
    q="~",
    currency="USD",
    per="voyage",
    subject="war-risk cover a year ago",
    as_of="a year ago",
)
report(
    "wr2",
    "Shipowners balk at cost",
    "Gulf Freight Daily",
    "2025-03-05",
    "A Greek owner said he was quoted US$52,000 per voyage to insure one ship through "
    "the strait this week.",
)
fig(
    "wr2.prem",
    "US$52,000 per voyage",
    52000,
    "dollar",
    "currency",
    currency="USD",
    per="voyage",
    speaker="A Greek owner",
)
report(
    "wr3",
    "Premiums settle",
    "Maritime Risk Weekly",
    "2025-03-06",
    "Cover for a single transit is running at around $45,000 for bulkers, two London "
    "brokers told us.",
)
fig(
    "wr3.prem",
    "around $45,000",
    45000,
    "dollar",
    "currency",
    q="~",
    currency="USD",
    per="transit",
    subject="cover for a single transit",
    speaker="two London brokers",
)
report(
    "wr4",
    "Insurance bill soars",
    "Asia Shipping Review",
    "2025-03-07",
    "War-risk cover now adds 0.7 percent of a hull's value to each trip, or about "
    "US$45,000 for a typical bulker, and crew bonuses add US$45,000 a year per ship.",
)
fig(
    "wr4.prem",
    "about US$45,000",
    45000,
    "dollar",
    "currency",
    q="~",
    currency="USD",
    per="trip",
    subject="war-risk cover per trip",
)
fig(
    "wr4.crew",
    "US$45,000 a year",
    45000,
    "dollar",
    "currency",
    currency="USD",
    per="year",
    subject="crew bonuses per ship",
)
fig(
    "wr4.pct",
    "0.7 percent",
    0.7,
    "percent",
    "percent",
    subject="war-risk cover as share of hull value",
)
report(
    "wr5",
    "Red Sea rates ease",
    "Lloyd's Market Brief",
    "2025-06-10",
    "War-risk premiums for bulk carriers eased to US$30,000 per voyage in June, brokers said.",
)
fig(
    "wr5.prem",
    "US$30,000 per voyage",
    30000,
    "dollar",
    "currency",
    currency="USD",
    per="voyage",
    subject="war-risk premiums for bulk carriers",
    as_of="June",
    trend="down",
    change="to",
    speaker="brokers",
)
report(
    "wr6",
    "Hull values",
    "Ship Finance Today",
    "2025-03-08",
    "Brokers quote war cover at 0.5% of hull value for a Bab el-Mandeb transit.",
)
fig("wr6.pct", "0.5%", 0.5, "percent", "percent", subject="war cover as share of hull value")
pair("wr1.prem", "wr2.prem", "conflicts", "45,000 vs 52,000 per voyage; b has no subject")
pair("wr1.prem", "wr3.prem", "same", "per voyage vs per transit, around 45,000")
pair("wr1.prem", "wr4.prem", "same", "per trip about 45,000")
pair("wr1.prem", "wr4.crew", "unrelated", "trap: same number, crew bonus per year")
pair("wr2.prem", "wr3.prem", "conflicts", "52,000 vs around 45,000")
pair("wr1.prem", "wr5.prem", "supersedes", "June level replaces March")
pair("wr3.prem", "wr5.prem", "supersedes", "later as_of June")
pair("wr4.pct", "wr6.pct", "conflicts", "0.7% vs 0.5% of hull value")
pair("wr4.crew", "wr2.prem", "unrelated", "crew bonus vs premium")

# --- 2 ---------------------------------------------------------------------------------------
story("Delta floods")
report(
    "fl1",
    "Floods swamp the delta",
    "Dhaka Morning Star",
    "2025-08-11",
    "Floodwater covered about 1,200 square kilometres of farmland and forced 85,000 people "
    "from their homes, the disaster ministry said on Monday.",
)
fig(
    "fl1.area",
    "about 1,200 square kilometres",
    1200,
    "square kilometre",
    "area",
    q="~",
    subject="farmland under floodwater",
    speaker="the disaster ministry",
)
fig(
    "fl1.disp",
    "85,000 people",
    85000,
    "people",
    "count",
    subject="people forced from their homes",
    speaker="the disaster ministry",
    as_of="Monday",
)
report(
    "fl2",
    "Delta under water",
    "South Asia Wire",
    "2025-08-12",
    "Some 460 square miles of fields are submerged, and relief groups say roughly 85,000 "
    "residents have fled.",
)
fig(
    "fl2.area",
    "Some 460 square miles",
    460,
    "square mile",
    "area",
    q="~",
    subject="fields submerged",
)
fig(
    "fl2.disp",
    "roughly 85,000 residents",
    85000,
    "residents",
    "count",
    q="~",
    subject="residents who have fled",
    speaker="relief groups",
)
report(
    "fl3",
    "Aid agencies warn",
    "Relief Monitor",
    "2025-08-12",
    "More than 120,000 people have been displaced by the floods, an aid coalition said, "
    "and 3,400 homes were destroyed.",
)
fig(
    "fl3.disp",
    "More than 120,000 people",
    120000,
    "people",
    "count",
    q=">",
    subject="people displaced by the floods",
    speaker="an aid coalition",
)
fig("fl3.homes", "3,400 homes", 3400, "homes", "count", subject="homes destroyed")
report(
    "fl4",
    "Flood count rises",
    "Dhaka Morning Star",
    "2025-08-15",
    "The number of people displaced rose to 140,000 by Thursday, the ministry said, with "
    "3,400 houses washed away.",
)
fig(
    "fl4.disp",
    "140,000",
    140000,
    "",
    "count",
    subject="people displaced",
    as_of="Thursday",
    trend="up",
    change="to",
    speaker="the ministry",
)
fig("fl4.homes", "3,400 houses", 3400, "houses", "count", subject="houses washed away")
report(
    "fl5",
    "Schools shut",
    "Bengal Education News",
    "2025-08-13",
    "About 1,200 schools in the delta have closed because of the floods.",
)
fig(
    "fl5.schools",
    "About 1,200 schools",
    1200,
    "schools",
    "count",
    q="~",
    subject="schools closed because of the floods",
)
report(
    "fl6",
    "Crop damage",
    "Farm Economy Bulletin",
    "2025-08-14",
    "Officials estimate 310,000 acres of rice paddies are under water.",
)
fig("fl6.area", "310,000 acres", 310000, "acre", "area", subject="rice paddies under water")
pair("fl1.area", "fl2.area", "same", "1,200 km² ≈ 463 sq mi")
pair("fl1.area", "fl6.area", "same", "310,000 acres ≈ 1,255 km², about 1,200")
pair("fl1.disp", "fl2.disp", "same", "85,000 people vs roughly 85,000 residents")
pair("fl1.disp", "fl3.disp", "conflicts", "85,000 vs more than 120,000, a day apart, no as_of")
pair("fl1.disp", "fl4.disp", "supersedes", "Thursday count replaces Monday")
pair("fl3.homes", "fl4.homes", "same", "3,400 homes vs 3,400 houses")
pair("fl1.area", "fl5.schools", "unrelated", "trap: 1,200 km² vs 1,200 schools")
pair("fl2.area", "fl6.area", "same", "460 sq mi vs 310,000 acres (484 sq mi)")
pair("fl3.disp", "fl4.disp", "supersedes", "later count 140,000 with as_of Thursday")
pair("fl3.homes", "fl5.schools", "unrelated", "homes vs schools")

# --- 3 ---------------------------------------------------------------------------------------
story("Mountain earthquake")
report(
    "eq1",
    "Quake strikes mountain towns",
    "Anatolia Daily",
    "2025-02-03",
    "At least 40 people were killed and about 350 injured when a magnitude 6.1 earthquake "
    "hit mountain towns on Sunday, the governor said.",
)
fig(
    "eq1.dead",
    "At least 40 people",
    40,
    "people",
    "count",
    q=">=",
    subject="people killed in the earthquake",
    as_of="Sunday",
    speaker="the governor",
)
fig(
    "eq1.hurt",
    "about 350",
    350,
    "",
    "count",
    q="~",
    subject="people injured",
    as_of="Sunday",
    speaker="the governor",
)
report(
    "eq2",
    "Rescuers dig through rubble",
    "Eurasia Wire",
    "2025-02-03",
    "The quake left 41 dead and more than 400 hurt, according to the health ministry.",
)
fig(
    "eq2.dead",
    "41 dead",
    41,
    "dead",
    "count",
    subject="dead in the quake",
    speaker="the health ministry",
)
fig(
    "eq2.hurt",
    "more than 400",
    400,
    "",
    "count",
    q=">",
    subject="people hurt",
    speaker="the health ministry",
)
report(
    "eq3",
    "Death toll climbs",
    "Anatolia Daily",
    "2025-02-05",
    "The death toll from Sunday's quake rose to 67 on Tuesday as rescuers reached remote villages.",
)
fig(
    "eq3.dead",
    "67",
    67,
    "",
    "count",
    subject="death toll from Sunday's quake",
    as_of="Tuesday",
    trend="up",
    change="to",
)
report(
    "eq4",
    "Quake aftermath",
    "Mediterranean Post",
    "2025-02-04",
    "Officials put the number of injured at about 360 and said 1,900 buildings were damaged.",
)
fig(
    "eq4.hurt",
    "about 360",
    360,
    "",
    "count",
    q="~",
    subject="number of injured",
    speaker="Officials",
)
fig("eq4.bld", "1,900 buildings", 1900, "buildings", "count", subject="buildings damaged")
report(
    "eq5",
    "Building survey",
    "Anatolia Daily",
    "2025-02-04",
    "Engineers said 2,300 buildings were damaged by the quake.",
)
fig(
    "eq5.bld",
    "2,300 buildings",
    2300,
    "buildings",
    "count",
    subject="buildings damaged by the quake",
    speaker="Engineers",
)
report(
    "eq6",
    "Aftershock",
    "Eurasia Wire",
    "2025-02-04",
    "An aftershock injured 40 people in a neighbouring province on Monday.",
)
fig(
    "eq6.hurt",
    "40 people",
    40,
    "people",
    "count",
    subject="people injured by an aftershock in a neighbouring province",
    as_of="Monday",
)
pair("eq1.dead", "eq2.dead", "same", "at least 40 vs 41")
pair("eq1.hurt", "eq2.hurt", "conflicts", "about 350 vs more than 400")
pair("eq1.dead", "eq3.dead", "supersedes", "toll rose to 67 on Tuesday")
pair("eq1.hurt", "eq4.hurt", "same", "about 350 vs about 360")
pair("eq2.hurt", "eq4.hurt", "conflicts", "more than 400 vs about 360")
pair("eq4.bld", "eq5.bld", "conflicts", "1,900 vs 2,300 buildings, no as_of")
pair("eq1.dead", "eq6.hurt", "unrelated", "trap: 40 killed vs 40 injured by aftershock")
pair("eq2.dead", "eq3.dead", "supersedes", "later toll")
pair("eq2.hurt", "eq6.hurt", "unrelated", "aftershock injuries elsewhere")
pair("eq3.dead", "eq4.hurt", "unrelated", "dead vs injured")

# --- 4 ---------------------------------------------------------------------------------------
story("Coastal wildfire")
report(
    "wf1",
    "Fire races through hills",
    "Pacific Coast Ledger",
    "2025-07-20",
    "The blaze has burned 12,000 hectares of scrub and forest and destroyed 85 homes, fire "
    "officials said on Saturday.",
)
fig(
    "wf1.area",
    "12,000 hectares",
    12000,
    "hectare",
    "area",
    subject="scrub and forest burned by the blaze",
    as_of="Saturday",
    speaker="fire officials",
)
fig("wf1.homes", "85 homes", 85, "homes", "count", subject="homes destroyed")
report(
    "wf2",
    "Evacuations widen",
    "West Valley News",
    "2025-07-21",
    "The fire has scorched nearly 30,000 acres, officials said Sunday.",
)
fig(
    "wf2.area",
    "nearly 30,000 acres",
    30000,
    "acre",
    "area",
    q="~",
    subject="land scorched by the fire",
    as_of="Sunday",
)
report(
    "wf3",
    "Fire grows overnight",
    "Pacific Coast Ledger",
    "2025-07-24",
    "By Wednesday the fire had grown to 21,000 hectares, the forestry service said.",
)
fig(
    "wf3.area",
    "21,000 hectares",
    21000,
    "hectare",
    "area",
    subject="area of the fire",
    as_of="Wednesday",
    trend="up",
    change="to",
    speaker="the forestry service",
)
report(
    "wf4",
    "Insurance losses",
    "Risk & Cover",
    "2025-07-22",
    "Insurers said roughly 120 homes had been lost, far more than first reported.",
)
fig(
    "wf4.homes",
    "roughly 120 homes",
    120,
    "homes",
    "count",
    q="~",
    subject="homes lost",
    speaker="Insurers",
)
report(
    "wf5",
    "A second fire",
    "West Valley News",
    "2025-07-21",
    "A separate blaze in the northern county burned 12,000 acres of grassland.",
)
fig(
    "wf5.area",
    "12,000 acres",
    12000,
    "acre",
    "area",
    subject="grassland burned by a separate blaze in the northern county",
)
report(
    "wf6",
    "Firefighters",
    "State Radio",
    "2025-07-21",
    "About 85 firefighters from three states joined the effort.",
)
fig(
    "wf6.crews",
    "About 85 firefighters",
    85,
    "firefighters",
    "count",
    q="~",
    subject="firefighters from three states",
)
pair("wf1.area", "wf2.area", "same", "12,000 ha ≈ 29,650 acres, nearly 30,000")
pair("wf1.area", "wf3.area", "supersedes", "Wednesday 21,000 ha")
pair("wf1.homes", "wf4.homes", "conflicts", "85 vs roughly 120 homes")
pair("wf1.area", "wf5.area", "unrelated", "trap: 12,000 acres of another fire")
pair("wf1.homes", "wf6.crews", "unrelated", "trap: 85 homes vs 85 firefighters")
pair("wf2.area", "wf3.area", "supersedes", "later as_of")
pair("wf2.area", "wf5.area", "unrelated", "another fire")
pair("wf3.area", "wf5.area", "unrelated", "another fire")

# --- 5 ---------------------------------------------------------------------------------------
story("Car plant job cuts")
report(
    "jc1",
    "Carmaker to cut jobs",
    "Detroit Business Journal",
    "2025-05-06",
    "The carmaker will cut 2,400 jobs at its Ohio assembly plant by the end of the year, "
    "the company said.",
)
fig(
    "jc1.jobs",
    "2,400 jobs",
    2400,
    "jobs",
    "count",
    subject="jobs cut at the Ohio assembly plant",
    speaker="the company",
)
report(
    "jc2",
    "Union reacts",
    "Labor Today",
    "2025-05-06",
    "About 2,400 workers will be laid off in Ohio, the union said, calling the move a betrayal.",
)
fig(
    "jc2.jobs",
    "About 2,400 workers",
    2400,
    "workers",
    "count",
    q="~",
    subject="workers to be laid off in Ohio",
    speaker="the union",
)
report(
    "jc3",
    "Layoffs bigger than announced",
    "Midwest Wire",
    "2025-05-08",
    "Internal documents show 3,100 positions will go at the Ohio site.",
)
fig(
    "jc3.jobs",
    "3,100 positions",
    3100,
    "positions",
    "count",
    subject="positions to go at the Ohio site",
)
report(
    "jc4",
    "Mexico hiring",
    "Detroit Business Journal",
    "2025-05-07",
    "The same company plans to hire 2,400 workers at a new plant in Mexico.",
)
fig(
    "jc4.jobs",
    "2,400 workers",
    2400,
    "workers",
    "count",
    subject="workers to be hired at a new plant in Mexico",
)
report(
    "jc5",
    "Severance costs",
    "Auto Finance",
    "2025-05-09",
    "The cuts will cost the company $180 million in severance this year.",
)
fig(
    "jc5.cost",
    "$180 million",
    180e6,
    "dollar",
    "currency",
    currency="USD",
    subject="severance cost of the cuts",
    as_of="this year",
)
report(
    "jc6",
    "Charges",
    "Markets Daily",
    "2025-05-09",
    "The carmaker booked a restructuring charge of between $150 million and $200 million.",
)
fig(
    "jc6.cost",
    "between $150 million and $200 million",
    None,
    "dollar",
    "currency",
    low=150e6,
    high=200e6,
    currency="USD",
    subject="restructuring charge",
)
pair("jc1.jobs", "jc2.jobs", "same", "jobs cut vs workers laid off")
pair("jc1.jobs", "jc3.jobs", "conflicts", "2,400 vs 3,100")
pair("jc1.jobs", "jc4.jobs", "unrelated", "trap: hiring in Mexico")
pair("jc2.jobs", "jc3.jobs", "conflicts", "about 2,400 vs 3,100")
pair("jc2.jobs", "jc4.jobs", "unrelated", "trap: hiring")
pair("jc5.cost", "jc6.cost", "refines", "$180m inside $150–200m")

# --- 6 ---------------------------------------------------------------------------------------
story("Black Sea grain")
report(
    "gr1",
    "Wheat shipments recover",
    "Odesa Port Journal",
    "2025-09-02",
    "Ukraine exported 4.2 million tonnes of wheat in August, the agriculture ministry said.",
)
fig(
    "gr1.wheat",
    "4.2 million tonnes",
    4.2e6,
    "tonne",
    "mass",
    subject="wheat exported by Ukraine",
    as_of="August 2025",
    speaker="the agriculture ministry",
)
report(
    "gr2",
    "US view of grain flows",
    "Farm Belt Report",
    "2025-09-04",
    "Ukrainian wheat shipments reached about 4.6 million short tons last month, USDA data show.",
)
fig(
    "gr2.wheat",
    "about 4.6 million short tons",
    4.6e6,
    "short ton",
    "mass",
    q="~",
    subject="Ukrainian wheat shipments",
    as_of="August 2025",
)
report(
    "gr3",
    "Traders doubt data",
    "Grain Markets Weekly",
    "2025-09-05",
    "Traders put August wheat exports from Ukraine closer to 3.1 million tonnes.",
)
fig(
    "gr3.wheat",
    "3.1 million tonnes",
    3.1e6,
    "tonne",
    "mass",
    q="~",
    subject="August wheat exports from Ukraine",
    as_of="August 2025",
    speaker="Traders",
)
report(
    "gr4",
    "Corn exports",
    "Odesa Port Journal",
    "2025-09-03",
    "Corn exports came to 4.2 million tonnes in August as well.",
)
fig(
    "gr4.corn",
    "4.2 million tonnes",
    4.2e6,
    "tonne",
    "mass",
    subject="corn exports",
    as_of="August 2025",
)
report(
    "gr5",
    "September wheat",
    "Odesa Port Journal",
    "2025-10-02",
    "Wheat exports rose to 5.0 million tonnes in September, the ministry said.",
)
fig(
    "gr5.wheat",
    "5.0 million tonnes",
    5.0e6,
    "tonne",
    "mass",
    subject="wheat exports",
    as_of="September 2025",
    trend="up",
    change="to",
    speaker="the ministry",
)
report(
    "gr6",
    "Export value",
    "Kyiv Economic Review",
    "2025-09-06",
    "August wheat sales abroad earned about $900 million.",
)
fig(
    "gr6.value",
    "about $900 million",
    900e6,
    "dollar",
    "currency",
    q="~",
    currency="USD",
    subject="August wheat sales abroad",
    as_of="August",
)
report(
    "gr7",
    "Last year's grain",
    "Grain Markets Weekly",
    "2025-09-05",
    "In August 2024 Ukraine shipped 4.2 million tonnes of wheat.",
)
fig(
    "gr7.wheat",
    "4.2 million tonnes",
    4.2e6,
    "tonne",
    "mass",
    subject="wheat shipped by Ukraine",
    as_of="August 2024",
)
pair("gr1.wheat", "gr2.wheat", "same", "4.2 Mt ≈ 4.63 million short tons")
pair("gr1.wheat", "gr3.wheat", "conflicts", "4.2 vs 3.1 Mt")
pair("gr1.wheat", "gr4.corn", "unrelated", "trap: corn, same tonnage")
pair("gr1.wheat", "gr5.wheat", "supersedes", "September follows August")
pair("gr1.wheat", "gr6.value", "unrelated", "mass vs money")
pair("gr1.wheat", "gr7.wheat", "unrelated", "trap: August 2024, a year apart")
pair("gr2.wheat", "gr3.wheat", "conflicts", "4.6 short tons (4.17 Mt) vs 3.1 Mt")
pair("gr2.wheat", "gr4.corn", "unrelated", "corn")
pair("gr3.wheat", "gr5.wheat", "supersedes", "later month")

# --- 7 ---------------------------------------------------------------------------------------
story("Teachers' pay")
report(
    "tp1",
    "Teachers strike over pay",
    "Nairobi Standard",
    "2025-01-15",
    "A newly qualified teacher earns KSh 42,000 a month, the teachers' union said.",
)
fig(
    "tp1.pay",
    "KSh 42,000 a month",
    42000,
    "shilling",
    "currency",
    currency="KES",
    per="month",
    subject="pay of a newly qualified teacher",
    speaker="the teachers' union",
)
report(
    "tp2",
    "Ministry responds",
    "East Africa Business",
    "2025-01-16",
    "The education ministry said starting teachers are paid KSh 504,000 a year.",
)
fig(
    "tp2.pay",
    "KSh 504,000 a year",
    504000,
    "shilling",
    "currency",
    currency="KES",
    per="year",
    subject="pay of starting teachers",
    speaker="The education ministry",
)
report(
    "tp3",
    "Salary row",
    "Nairobi Standard",
    "2025-01-17",
    "Government data put the entry salary at KSh 55,000 monthly.",
)
fig(
    "tp3.pay",
    "KSh 55,000 monthly",
    55000,
    "shilling",
    "currency",
    currency="KES",
    per="month",
    subject="entry salary",
)
report(
    "tp4",
    "Deal reached",
    "Nairobi Standard",
    "2025-03-02",
    "Under the deal, entry-level teachers will earn KSh 48,000 a month from July 2025.",
)
fig(
    "tp4.pay",
    "KSh 48,000 a month",
    48000,
    "shilling",
    "currency",
    currency="KES",
    per="month",
    subject="pay of entry-level teachers",
    as_of="July 2025",
)
report(
    "tp5",
    "Nurses too",
    "East Africa Business",
    "2025-01-18",
    "Nurses start on KSh 42,000 a month as well, their union said.",
)
fig(
    "tp5.pay",
    "KSh 42,000 a month",
    42000,
    "shilling",
    "currency",
    currency="KES",
    per="month",
    subject="starting pay of nurses",
)
report(
    "tp6", "Union dues", "Labor Africa", "2025-01-19", "Teachers pay KSh 500 a month in union dues."
)
fig(
    "tp6.dues",
    "KSh 500 a month",
    500,
    "shilling",
    "currency",
    currency="KES",
    per="month",
    subject="union dues paid by teachers",
)
report(
    "tp7",
    "Weekly pay",
    "Coast Weekly",
    "2025-01-20",
    "That works out to roughly KSh 9,700 a week for a new teacher.",
)
fig(
    "tp7.pay",
    "roughly KSh 9,700 a week",
    9700,
    "shilling",
    "currency",
    q="~",
    currency="KES",
    per="week",
    subject="pay of a new teacher",
)
pair("tp1.pay", "tp2.pay", "same", "42,000 a month = 504,000 a year")
pair("tp1.pay", "tp3.pay", "conflicts", "42,000 vs 55,000 a month")
pair("tp2.pay", "tp3.pay", "conflicts", "504,000 a year vs 55,000 a month (660,000)")
pair("tp1.pay", "tp4.pay", "supersedes", "new pay from July 2025")
pair("tp1.pay", "tp5.pay", "unrelated", "trap: nurses")
pair("tp1.pay", "tp6.dues", "unrelated", "dues vs pay")
pair("tp1.pay", "tp7.pay", "same", "9,700 a week ≈ 42,000 a month")
pair("tp2.pay", "tp7.pay", "same", "504,000/yr vs 9,700/wk (505,800)")
pair("tp3.pay", "tp7.pay", "conflicts", "55,000/mo vs 9,700/wk")

# --- 8 ---------------------------------------------------------------------------------------
story("City budget")
report(
    "cb1",
    "Council passes budget",
    "Leeds Civic Post",
    "2025-02-27",
    "The council approved spending of £1.2 billion for 2025-26, including £85 million "
    "for road repairs.",
)
fig(
    "cb1.spend",
    "£1.2 billion",
    1.2e9,
    "pound",
    "currency",
    currency="GBP",
    subject="council spending",
    as_of="2025-26",
)
fig(
    "cb1.roads",
    "£85 million",
    85e6,
    "pound",
    "currency",
    currency="GBP",
    subject="road repairs budget",
    as_of="2025-26",
)
report(
    "cb2",
    "Budget in detail",
    "Yorkshire Evening",
    "2025-02-28",
    "The city will spend £1,210 million next year, with £85m set aside to fix potholes.",
)
fig(
    "cb2.spend",
    "£1,210 million",
    1.21e9,
    "pound",
    "currency",
    currency="GBP",
    subject="city spending",
    as_of="next year",
)
fig("cb2.roads", "£85m", 85e6, "pound", "currency", currency="GBP", subject="money to fix potholes")
report(
    "cb3",
    "Council income",
    "Leeds Civic Post",
    "2025-03-01",
    "Council tax will raise £420 million, up 4.99 percent.",
)
fig(
    "cb3.tax",
    "£420 million",
    420e6,
    "pound",
    "currency",
    currency="GBP",
    subject="council tax revenue",
)
fig("cb3.rise", "4.99 percent", 4.99, "percent", "percent", subject="council tax rise")
report(
    "cb4",
    "Opposition claims",
    "Northern Voice",
    "2025-03-02",
    "Opposition councillors said only £60 million would go on roads.",
)
fig(
    "cb4.roads",
    "£60 million",
    60e6,
    "pound",
    "currency",
    currency="GBP",
    subject="money for roads",
    speaker="Opposition councillors",
)
report(
    "cb5", "Tax bills", "Yorkshire Evening", "2025-03-03", "Band D bills rise by almost 5 per cent."
)
fig("cb5.rise", "almost 5 per cent", 5, "percent", "percent", q="~", subject="rise in Band D bills")
report(
    "cb6",
    "Last year's budget",
    "Leeds Civic Post",
    "2025-03-04",
    "In 2024-25 the council spent £1.1 billion.",
)
fig(
    "cb6.spend",
    "£1.1 billion",
    1.1e9,
    "pound",
    "currency",
    currency="GBP",
    subject="council spending",
    as_of="2024-25",
)
pair("cb1.spend", "cb2.spend", "same", "£1.2bn vs £1,210m")
pair("cb1.roads", "cb2.roads", "same", "road repairs vs potholes")
pair("cb1.roads", "cb4.roads", "conflicts", "£85m vs £60m")
pair("cb1.spend", "cb3.tax", "unrelated", "spending vs tax revenue")
pair("cb3.rise", "cb5.rise", "same", "4.99% vs almost 5%")
pair("cb1.spend", "cb6.spend", "unrelated", "different budget year")
pair("cb2.roads", "cb4.roads", "conflicts", "85 vs 60")
pair("cb3.tax", "cb2.roads", "unrelated", "tax vs potholes")

# --- 9 ---------------------------------------------------------------------------------------
story("Inflation")
report(
    "in1",
    "Inflation cools",
    "Madrid Economic Daily",
    "2025-04-15",
    "Spain's annual inflation rate eased to 2.3% in March, the statistics office said.",
)
fig(
    "in1.cpi",
    "2.3%",
    2.3,
    "percent",
    "percent",
    subject="Spain's annual inflation rate",
    as_of="March 2025",
    trend="down",
    change="to",
    speaker="the statistics office",
)
report(
    "in2",
    "Prices",
    "Iberian Markets",
    "2025-04-15",
    "Consumer prices in Spain were 2.3 per cent higher in March than a year earlier.",
)
fig(
    "in2.cpi",
    "2.3 per cent",
    2.3,
    "percent",
    "percent",
    subject="rise in Spanish consumer prices",
    as_of="March 2025",
)
report(
    "in3",
    "Euro area",
    "Frankfurt Finance",
    "2025-04-16",
    "Euro-area inflation was 2.2% in March, Eurostat said.",
)
fig(
    "in3.cpi",
    "2.2%",
    2.2,
    "percent",
    "percent",
    subject="euro-area inflation",
    as_of="March 2025",
    speaker="Eurostat",
)
report(
    "in4",
    "Spain April",
    "Madrid Economic Daily",
    "2025-05-14",
    "Spanish inflation picked up to 2.6% in April.",
)
fig(
    "in4.cpi",
    "2.6%",
    2.6,
    "percent",
    "percent",
    subject="Spanish inflation",
    as_of="April 2025",
    trend="up",
    change="to",
)
report(
    "in5",
    "Flash estimate",
    "Iberian Markets",
    "2025-04-01",
    "A flash estimate put Spain's March inflation at 2.8%.",
)
fig(
    "in5.cpi",
    "2.8%",
    2.8,
    "percent",
    "percent",
    subject="Spain's March inflation",
    as_of="March 2025",
)
report(
    "in6",
    "Core rate",
    "Madrid Economic Daily",
    "2025-04-15",
    "Core inflation, which strips out energy and fresh food, stood at 2.3%.",
)
fig("in6.core", "2.3%", 2.3, "percent", "percent", subject="core inflation", as_of="March 2025")
report(
    "in7",
    "Rates",
    "Iberian Markets",
    "2025-04-17",
    "Spanish inflation fell 0.3 percentage points in March.",
)
fig(
    "in7.drop",
    "0.3 percentage points",
    0.3,
    "percentage point",
    "percent",
    subject="fall in Spanish inflation",
    as_of="March 2025",
    trend="down",
    change="by",
)
pair("in1.cpi", "in2.cpi", "same", "2.3% vs 2.3 per cent")
pair("in1.cpi", "in3.cpi", "unrelated", "trap: euro area not Spain")
pair("in1.cpi", "in4.cpi", "supersedes", "April follows March")
pair("in1.cpi", "in5.cpi", "conflicts", "final 2.3% vs flash 2.8%")
pair("in1.cpi", "in6.core", "unrelated", "trap: core inflation, same number")
pair("in1.cpi", "in7.drop", "unrelated", "change in points vs level")
pair("in2.cpi", "in5.cpi", "conflicts", "2.3 vs 2.8")
pair("in2.cpi", "in4.cpi", "supersedes", "later month")
pair("in3.cpi", "in6.core", "unrelated", "euro area vs Spanish core")

# --- 10 --------------------------------------------------------------------------------------
story("Unemployment")
report(
    "un1",
    "Jobless rate steady",
    "Toronto Ledger",
    "2025-06-07",
    "Canada's unemployment rate held at 6.9% in May, Statistics Canada said.",
)
fig(
    "un1.rate",
    "6.9%",
    6.9,
    "percent",
    "percent",
    subject="Canada's unemployment rate",
    as_of="May 2025",
    speaker="Statistics Canada",
)
report(
    "un2",
    "Jobs report",
    "Prairie Business",
    "2025-06-07",
    "The jobless rate stayed at 6.9 percent last month.",
)
fig(
    "un2.rate", "6.9 percent", 6.9, "percent", "percent", subject="jobless rate", as_of="last month"
)
report(
    "un3", "Youth jobs", "Toronto Ledger", "2025-06-08", "Youth unemployment rose to 14.2% in May."
)
fig(
    "un3.youth", "14.2%", 14.2, "percent", "percent", subject="youth unemployment", as_of="May 2025"
)
report(
    "un4",
    "June jobs",
    "Toronto Ledger",
    "2025-07-12",
    "Canada's unemployment rate slipped to 6.7% in June.",
)
fig(
    "un4.rate",
    "6.7%",
    6.7,
    "percent",
    "percent",
    subject="Canada's unemployment rate",
    as_of="June 2025",
    trend="down",
    change="to",
)
report(
    "un5", "Ontario", "Ontario Wire", "2025-06-08", "Ontario's unemployment rate was 7.9% in May."
)
fig(
    "un5.rate",
    "7.9%",
    7.9,
    "percent",
    "percent",
    subject="Ontario's unemployment rate",
    as_of="May 2025",
)
report(
    "un6",
    "Jobs lost",
    "Prairie Business",
    "2025-06-07",
    "The economy shed about 9,000 jobs in May, while about 1.6 million people were out of work.",
)
fig(
    "un6.lost",
    "about 9,000 jobs",
    9000,
    "jobs",
    "count",
    q="~",
    subject="jobs shed",
    as_of="May 2025",
    trend="down",
    change="by",
)
fig(
    "un6.unemp",
    "about 1.6 million people",
    1.6e6,
    "people",
    "count",
    q="~",
    subject="people out of work",
    as_of="May 2025",
)
report(
    "un7",
    "Count of jobless",
    "Toronto Ledger",
    "2025-06-08",
    "Some 1,590,000 Canadians were unemployed in May.",
)
fig(
    "un7.unemp",
    "Some 1,590,000 Canadians",
    1.59e6,
    "Canadians",
    "count",
    q="~",
    subject="Canadians unemployed",
    as_of="May 2025",
)
report(
    "un8",
    "Jobs lost elsewhere",
    "Ontario Wire",
    "2025-06-09",
    "Economists had expected the economy to shed 15,000 jobs in May.",
)
fig(
    "un8.lost",
    "15,000 jobs",
    15000,
    "jobs",
    "count",
    subject="jobs economists expected to be shed",
    as_of="May 2025",
    trend="down",
    change="by",
)
pair("un1.rate", "un2.rate", "same", "6.9% vs 6.9 percent, no place in b")
pair("un1.rate", "un3.youth", "unrelated", "youth rate")
pair("un1.rate", "un4.rate", "supersedes", "June follows May")
pair("un1.rate", "un5.rate", "unrelated", "Ontario")
pair("un6.unemp", "un7.unemp", "same", "about 1.6m vs 1,590,000")
pair("un6.lost", "un8.lost", "unrelated", "forecast vs actual")
pair("un2.rate", "un4.rate", "supersedes", "later month")
pair("un3.youth", "un5.rate", "unrelated", "youth vs Ontario")
