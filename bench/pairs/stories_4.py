"""Dev stories 4: subjects missing or worded apart, currencies, rates, qualifiers."""

from bench.pairs.dsl import fig, pair, report, story

# --- 31 --------------------------------------------------------------------------------------
story("Gas pipeline deal")
report(
    "gp1",
    "Pipeline deal signed",
    "Baku Energy Review",
    "2025-04-08",
    "The pipeline will carry 10 billion cubic metres of gas a year to Europe under a deal "
    "worth $6 billion.",
)
fig(
    "gp1.cap",
    "10 billion cubic metres",
    10e9,
    "cubic metre",
    "volume",
    per="year",
    subject="gas the pipeline will carry to Europe",
)
fig(
    "gp1.deal", "$6 billion", 6e9, "dollar", "currency", currency="USD", subject="value of the deal"
)
report(
    "gp2",
    "Europe gets gas",
    "Brussels Energy",
    "2025-04-09",
    "About 833 million cubic metres a month will flow once the line opens.",
)
fig("gp2.cap", "About 833 million cubic metres", 833e6, "cubic metre", "volume", q="~", per="month")
report(
    "gp3", "Deal value", "Caspian Wire", "2025-04-09", "The agreement is valued at €5.5 billion."
)
fig(
    "gp3.deal",
    "€5.5 billion",
    5.5e9,
    "euro",
    "currency",
    currency="EUR",
    subject="value of the agreement",
)
report(
    "gp4",
    "Capacity doubt",
    "Brussels Energy",
    "2025-04-10",
    "Analysts say the line can carry no more than 6 billion cubic metres a year.",
)
fig(
    "gp4.cap",
    "6 billion cubic metres",
    6e9,
    "cubic metre",
    "volume",
    q="<=",
    per="year",
    subject="what the line can carry",
    speaker="Analysts",
)
report(
    "gp5",
    "Deal in dollars",
    "Energy Wire",
    "2025-04-10",
    "The $6 billion contract runs for 20 years.",
)
fig("gp5.deal", "$6 billion", 6e9, "dollar", "currency", currency="USD")
fig("gp5.term", "20 years", 20, "year", "duration", subject="contract term")
report(
    "gp6",
    "Another line",
    "Caspian Wire",
    "2025-04-11",
    "A rival pipeline to Turkey will carry 10 billion cubic metres a year.",
)
fig(
    "gp6.cap",
    "10 billion cubic metres",
    10e9,
    "cubic metre",
    "volume",
    per="year",
    subject="gas a rival pipeline to Turkey will carry",
)
pair("gp1.cap", "gp2.cap", "same", "10 bcm/yr ≈ 833 mcm/month; b has no subject")
pair("gp1.deal", "gp3.deal", "unrelated", "USD vs EUR: not comparable")
pair("gp1.cap", "gp4.cap", "conflicts", "10 vs no more than 6 bcm")
pair("gp1.deal", "gp5.deal", "same", "$6bn, b has no subject")
pair("gp1.cap", "gp6.cap", "unrelated", "trap: rival pipeline")
pair("gp2.cap", "gp4.cap", "conflicts", "833 mcm/month (10 bcm/yr) vs ≤ 6 bcm/yr")
pair("gp5.term", "gp1.deal", "unrelated", "duration vs money")

# --- 32 --------------------------------------------------------------------------------------
story("Ferry sinking")
report(
    "fs1",
    "Ferry sinks",
    "Manila Bulletin Wire",
    "2025-06-15",
    "A ferry carrying 250 passengers sank off Mindoro on Saturday; 212 were rescued.",
)
fig(
    "fs1.pax",
    "250 passengers",
    250,
    "passengers",
    "count",
    subject="passengers the ferry was carrying",
    as_of="Saturday",
)
fig("fs1.rescued", "212", 212, "", "count", subject="people rescued")
report(
    "fs2",
    "Rescue",
    "Asia Pacific News",
    "2025-06-15",
    "Coastguard boats pulled 212 people from the water.",
)
fig("fs2.rescued", "212 people", 212, "people", "count")
report(
    "fs3",
    "Manifest",
    "Manila Bulletin Wire",
    "2025-06-16",
    "The manifest listed 198 passengers, but officials said dozens more were aboard.",
)
fig(
    "fs3.manifest",
    "198 passengers",
    198,
    "passengers",
    "count",
    subject="passengers on the manifest",
)
report("fs4", "Missing", "Asia Pacific News", "2025-06-16", "At least 38 people are missing.")
fig("fs4.missing", "At least 38 people", 38, "people", "count", q=">=")
report(
    "fs5",
    "Missing count",
    "Philippine Star Wire",
    "2025-06-17",
    "The coastguard said 31 remained missing on Monday.",
)
fig("fs5.missing", "31", 31, "", "count", subject="people missing", as_of="Monday")
report(
    "fs6",
    "Capacity",
    "Maritime Safety Asia",
    "2025-06-17",
    "The ferry was licensed to carry 250 people.",
)
fig("fs6.cap", "250 people", 250, "people", "count", subject="ferry's licensed capacity")
report(
    "fs7",
    "Passenger count",
    "Philippine Star Wire",
    "2025-06-16",
    "Around 250 people were on board when the ferry went down.",
)
fig("fs7.pax", "Around 250 people", 250, "people", "count", q="~")
pair("fs1.rescued", "fs2.rescued", "same", "212 rescued; b has no subject")
pair("fs1.pax", "fs3.manifest", "unrelated", "manifest is a different measure")
pair("fs4.missing", "fs5.missing", "supersedes", "Monday count")
pair("fs1.pax", "fs6.cap", "unrelated", "trap: licensed capacity 250")
pair("fs1.pax", "fs7.pax", "same", "250 vs around 250 people, b has no subject")
pair("fs2.rescued", "fs7.pax", "unrelated", "rescued vs on board, no subjects")
pair("fs4.missing", "fs2.rescued", "unrelated", "missing vs rescued")

# --- 33 --------------------------------------------------------------------------------------
story("Steel tariffs")
report(
    "st1",
    "Steel imports fall",
    "Pittsburgh Industry News",
    "2025-07-08",
    "US steel imports fell to 2.1 million short tons in June, a trade group said.",
)
fig(
    "st1.imp",
    "2.1 million short tons",
    2.1e6,
    "short ton",
    "mass",
    subject="US steel imports",
    as_of="June 2025",
    trend="down",
    change="to",
)
report(
    "st2",
    "Tariff impact",
    "Global Metals",
    "2025-07-09",
    "Steel shipments into the United States were about 1.9 million tonnes in June.",
)
fig(
    "st2.imp",
    "about 1.9 million tonnes",
    1.9e6,
    "tonne",
    "mass",
    q="~",
    subject="steel shipments into the United States",
    as_of="June 2025",
)
report(
    "st3",
    "Exports",
    "Pittsburgh Industry News",
    "2025-07-09",
    "US steel exports were 0.7 million short tons in June.",
)
fig(
    "st3.exp",
    "0.7 million short tons",
    0.7e6,
    "short ton",
    "mass",
    subject="US steel exports",
    as_of="June 2025",
)
report(
    "st4",
    "Imports revised",
    "Global Metals",
    "2025-07-20",
    "Revised figures put June steel imports into the US at 2.6 million tonnes.",
)
fig(
    "st4.imp",
    "2.6 million tonnes",
    2.6e6,
    "tonne",
    "mass",
    subject="June steel imports into the US",
    as_of="June 2025",
)
report(
    "st5",
    "Aluminium",
    "Metal Bulletin Wire",
    "2025-07-10",
    "Aluminium imports were 2.1 million short tons in the first half.",
)
fig(
    "st5.alu",
    "2.1 million short tons",
    2.1e6,
    "short ton",
    "mass",
    subject="aluminium imports",
    as_of="first half 2025",
)
report(
    "st6",
    "July imports",
    "Pittsburgh Industry News",
    "2025-08-07",
    "Steel imports slid to 1.8 million short tons in July.",
)
fig(
    "st6.imp",
    "1.8 million short tons",
    1.8e6,
    "short ton",
    "mass",
    subject="steel imports",
    as_of="July 2025",
    trend="down",
    change="to",
)
pair("st1.imp", "st2.imp", "same", "2.1m short tons ≈ 1.905 Mt")
pair("st1.imp", "st3.exp", "unrelated", "exports")
pair("st1.imp", "st4.imp", "conflicts", "1.9 Mt vs revised 2.6 Mt")
pair("st1.imp", "st5.alu", "unrelated", "trap: aluminium")
pair("st1.imp", "st6.imp", "supersedes", "July follows June")
pair("st2.imp", "st4.imp", "conflicts", "1.9 vs 2.6 Mt")
pair("st2.imp", "st6.imp", "supersedes", "later month, converted")

# --- 34 --------------------------------------------------------------------------------------
story("Minimum wage")
report(
    "mw1",
    "Minimum wage rise",
    "Berlin Labour Post",
    "2025-06-28",
    "The minimum wage will rise to €13.90 an hour in January, the commission said.",
)
fig(
    "mw1.wage",
    "€13.90 an hour",
    13.90,
    "euro",
    "currency",
    currency="EUR",
    per="hour",
    subject="minimum wage",
    as_of="January 2026",
    trend="up",
    change="to",
)
report(
    "mw2",
    "Pay floor",
    "European Jobs Wire",
    "2025-06-29",
    "Germany's statutory pay floor goes up to €13.90 per hour next year.",
)
fig(
    "mw2.wage",
    "€13.90 per hour",
    13.90,
    "euro",
    "currency",
    currency="EUR",
    per="hour",
    subject="Germany's statutory pay floor",
    as_of="2026",
)
report(
    "mw3", "Union demand", "Berlin Labour Post", "2025-06-29", "Unions had demanded €15 an hour."
)
fig(
    "mw3.demand",
    "€15 an hour",
    15,
    "euro",
    "currency",
    currency="EUR",
    per="hour",
    subject="minimum wage unions demanded",
)
report(
    "mw4",
    "Monthly view",
    "Frankfurt Finance",
    "2025-06-30",
    "For a full-time worker the new minimum comes to about €2,400 a month.",
)
fig(
    "mw4.month",
    "about €2,400 a month",
    2400,
    "euro",
    "currency",
    q="~",
    currency="EUR",
    per="month",
    subject="new minimum for a full-time worker",
)
report(
    "mw5",
    "Later step",
    "European Jobs Wire",
    "2025-06-30",
    "A second step will lift the minimum wage to €14.60 an hour in January 2027.",
)
fig(
    "mw5.wage",
    "€14.60 an hour",
    14.60,
    "euro",
    "currency",
    currency="EUR",
    per="hour",
    subject="minimum wage",
    as_of="January 2027",
)
report(
    "mw6",
    "Current",
    "Berlin Labour Post",
    "2025-07-01",
    "The minimum wage currently stands at €12.82 an hour.",
)
fig(
    "mw6.wage",
    "€12.82 an hour",
    12.82,
    "euro",
    "currency",
    currency="EUR",
    per="hour",
    subject="minimum wage",
    as_of="2025",
)
pair("mw1.wage", "mw2.wage", "same", "€13.90 an hour both")
pair("mw1.wage", "mw3.demand", "unrelated", "demand vs decision")
pair(
    "mw1.wage",
    "mw4.month",
    "unrelated",
    "hourly vs monthly earnings: not a conversion an editor checks",
)
pair("mw1.wage", "mw5.wage", "supersedes", "2027 step")
pair("mw6.wage", "mw1.wage", "supersedes", "2026 replaces 2025")
pair("mw2.wage", "mw5.wage", "supersedes", "later step")

# --- 35 --------------------------------------------------------------------------------------
story("Refugee camp")
report(
    "rc1",
    "Camp swells",
    "Amman Gazette",
    "2025-03-03",
    "More than 80,000 refugees now live in the camp, the UN refugee agency said.",
)
fig(
    "rc1.pop",
    "More than 80,000 refugees",
    80000,
    "refugees",
    "count",
    q=">",
    subject="refugees living in the camp",
    speaker="the UN refugee agency",
)
report(
    "rc2",
    "Life in the camp",
    "Levant Wire",
    "2025-03-04",
    "The camp is home to about 82,000 people.",
)
fig(
    "rc2.pop",
    "about 82,000 people",
    82000,
    "people",
    "count",
    q="~",
    subject="people the camp is home to",
)
report(
    "rc3",
    "Water shortage",
    "Amman Gazette",
    "2025-03-05",
    "Each resident receives 35 litres of water a day.",
)
fig(
    "rc3.water",
    "35 litres",
    35,
    "litre",
    "volume",
    per="day",
    subject="water each resident receives",
)
report("rc4", "Camp size", "Levant Wire", "2025-03-05", "The camp covers 5.3 square kilometres.")
fig(
    "rc4.area", "5.3 square kilometres", 5.3, "square kilometre", "area", subject="area of the camp"
)
report(
    "rc5",
    "Camp area",
    "Desert Relief News",
    "2025-03-06",
    "It sprawls over about 2 square miles of desert.",
)
fig("rc5.area", "about 2 square miles", 2, "square mile", "area", q="~")
report(
    "rc6",
    "Another camp",
    "Levant Wire",
    "2025-03-06",
    "A second camp near the border holds about 80,000 people.",
)
fig(
    "rc6.pop",
    "about 80,000 people",
    80000,
    "people",
    "count",
    q="~",
    subject="people in a second camp near the border",
)
report(
    "rc7",
    "Agency count",
    "Desert Relief News",
    "2025-03-07",
    "An aid group counted 60,000 residents.",
)
fig("rc7.pop", "60,000 residents", 60000, "residents", "count", speaker="An aid group")
pair("rc1.pop", "rc2.pop", "same", "more than 80,000 vs about 82,000")
pair("rc4.area", "rc5.area", "same", "5.3 km² ≈ 2.05 sq mi; b has no subject")
pair("rc1.pop", "rc6.pop", "unrelated", "trap: second camp")
pair("rc1.pop", "rc7.pop", "conflicts", "more than 80,000 vs 60,000; b no subject")
pair("rc2.pop", "rc7.pop", "conflicts", "82,000 vs 60,000")
pair("rc3.water", "rc4.area", "unrelated", "dimensions")

# --- 36 --------------------------------------------------------------------------------------
story("Locust swarms")
report(
    "lc1",
    "Locusts invade",
    "Horn of Africa Times",
    "2025-02-18",
    "Swarms covering about 2,400 square kilometres have reached the farmland, the FAO said.",
)
fig(
    "lc1.area",
    "about 2,400 square kilometres",
    2400,
    "square kilometre",
    "area",
    q="~",
    subject="area covered by locust swarms",
    speaker="the FAO",
)
report(
    "lc2",
    "Crop threat",
    "East Africa Farmers",
    "2025-02-19",
    "Locust swarms now cover more than 900 square miles.",
)
fig(
    "lc2.area",
    "more than 900 square miles",
    900,
    "square mile",
    "area",
    q=">",
    subject="area locust swarms cover",
)
report(
    "lc3",
    "Spraying",
    "Horn of Africa Times",
    "2025-02-20",
    "Teams have sprayed 2,400 hectares so far.",
)
fig("lc3.sprayed", "2,400 hectares", 2400, "hectare", "area", subject="area sprayed so far")
report(
    "lc4",
    "Swarms shrink",
    "Horn of Africa Times",
    "2025-03-20",
    "By mid-March the swarms covered 800 square kilometres.",
)
fig(
    "lc4.area",
    "800 square kilometres",
    800,
    "square kilometre",
    "area",
    subject="area the swarms covered",
    as_of="mid-March",
    trend="down",
    change="to",
)
report(
    "lc5",
    "Food aid",
    "UN Brief",
    "2025-02-21",
    "About 2.4 million people need food aid because of the swarms.",
)
fig(
    "lc5.people",
    "About 2.4 million people",
    2.4e6,
    "people",
    "count",
    q="~",
    subject="people who need food aid",
)
pair("lc1.area", "lc2.area", "same", "2,400 km² ≈ 927 sq mi, more than 900")
pair("lc1.area", "lc3.sprayed", "unrelated", "sprayed area, 100 times smaller")
pair("lc1.area", "lc4.area", "supersedes", "mid-March extent")
pair("lc2.area", "lc4.area", "supersedes", "later as_of")
pair("lc1.area", "lc5.people", "unrelated", "dimensions")

# --- 37 --------------------------------------------------------------------------------------
story("Tech layoffs and hiring")
report(
    "tl1",
    "Chipmaker cuts staff",
    "Silicon Valley Ledger",
    "2025-08-02",
    "The chipmaker will lay off 15,000 employees, about 15 percent of its workforce.",
)
fig(
    "tl1.jobs",
    "15,000 employees",
    15000,
    "employees",
    "count",
    subject="employees the chipmaker will lay off",
)
fig(
    "tl1.share",
    "about 15 percent",
    15,
    "percent",
    "percent",
    q="~",
    subject="share of its workforce laid off",
)
report(
    "tl2",
    "Layoffs",
    "Tech Business Wire",
    "2025-08-02",
    "More than 15,000 jobs will go at the chipmaker.",
)
fig(
    "tl2.jobs",
    "More than 15,000 jobs",
    15000,
    "jobs",
    "count",
    q=">",
    subject="jobs that will go at the chipmaker",
)
report(
    "tl3",
    "Workforce",
    "Silicon Valley Ledger",
    "2025-08-03",
    "The company employed about 125,000 people at the end of last year.",
)
fig(
    "tl3.staff",
    "about 125,000 people",
    125000,
    "people",
    "count",
    q="~",
    subject="people the company employed",
)
report(
    "tl4",
    "Cuts smaller",
    "Chip Industry News",
    "2025-08-04",
    "A person familiar with the plan said 9,500 roles would be cut.",
)
fig("tl4.jobs", "9,500 roles", 9500, "roles", "count", subject="roles to be cut")
report("tl5", "Share", "Tech Business Wire", "2025-08-03", "That is roughly 12 percent of staff.")
fig("tl5.share", "roughly 12 percent", 12, "percent", "percent", q="~", subject="share of staff")
report(
    "tl6",
    "Rival hires",
    "Chip Industry News",
    "2025-08-05",
    "A rival chipmaker said it would hire 15,000 engineers in Arizona.",
)
fig(
    "tl6.hire",
    "15,000 engineers",
    15000,
    "engineers",
    "count",
    subject="engineers a rival chipmaker will hire in Arizona",
)
pair("tl1.jobs", "tl2.jobs", "same", "15,000 vs more than 15,000")
pair("tl1.jobs", "tl4.jobs", "conflicts", "15,000 vs 9,500")
pair("tl1.share", "tl5.share", "conflicts", "about 15% vs roughly 12%")
pair("tl1.jobs", "tl6.hire", "unrelated", "trap: hiring by a rival")
pair("tl1.jobs", "tl3.staff", "unrelated", "workforce vs cuts")
pair("tl2.jobs", "tl4.jobs", "conflicts", "more than 15,000 vs 9,500")

# --- 38 --------------------------------------------------------------------------------------
story("Marathon")
report(
    "mr1",
    "Marathon record entry",
    "Chicago Sports Desk",
    "2025-10-13",
    "About 52,000 runners finished the marathon on Sunday, organisers said.",
)
fig(
    "mr1.fin",
    "About 52,000 runners",
    52000,
    "runners",
    "count",
    q="~",
    subject="runners who finished the marathon",
    as_of="Sunday",
    speaker="organisers",
)
report(
    "mr2",
    "Finishers",
    "Running World Wire",
    "2025-10-13",
    "A record 52,150 people crossed the finish line.",
)
fig(
    "mr2.fin",
    "52,150 people",
    52150,
    "people",
    "count",
    subject="people who crossed the finish line",
)
report(
    "mr3", "Starters", "Chicago Sports Desk", "2025-10-14", "Some 54,000 runners started the race."
)
fig(
    "mr3.start",
    "Some 54,000 runners",
    54000,
    "runners",
    "count",
    q="~",
    subject="runners who started the race",
)
report(
    "mr4",
    "Spectators",
    "Running World Wire",
    "2025-10-14",
    "An estimated 1.7 million spectators lined the course.",
)
fig(
    "mr4.fans",
    "1.7 million spectators",
    1.7e6,
    "spectators",
    "count",
    q="~",
    subject="spectators along the course",
)
report(
    "mr5",
    "Course",
    "Chicago Sports Desk",
    "2025-10-12",
    "The 42.195-kilometre course loops through 29 neighbourhoods.",
)
fig("mr5.len", "42.195-kilometre", 42.195, "kilometre", "length", subject="marathon course")
report("mr6", "Distance", "Running World Wire", "2025-10-12", "Runners cover 26.2 miles.")
fig("mr6.len", "26.2 miles", 26.2, "mile", "length", subject="distance runners cover")
report(
    "mr7",
    "Finisher dispute",
    "Windy City Times",
    "2025-10-15",
    "Timing data show 48,900 finishers.",
)
fig("mr7.fin", "48,900 finishers", 48900, "finishers", "count", subject="finishers in timing data")
pair("mr1.fin", "mr2.fin", "same", "about 52,000 vs 52,150")
pair("mr1.fin", "mr3.start", "unrelated", "starters vs finishers")
pair("mr5.len", "mr6.len", "same", "42.195 km = 26.22 mi")
pair("mr1.fin", "mr7.fin", "conflicts", "about 52,000 vs 48,900")
pair("mr2.fin", "mr7.fin", "conflicts", "52,150 vs 48,900")
pair("mr1.fin", "mr4.fans", "unrelated", "spectators")
