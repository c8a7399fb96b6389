"""Dev stories 3: elections, heat, rail, crossings, outages, waiting lists, forests, results."""

from bench.pairs.dsl import fig, pair, report, story

# --- 21 --------------------------------------------------------------------------------------
story("Regional election")
report(
    "el1",
    "Turnout high",
    "Bavaria Daily",
    "2025-10-09",
    "Turnout reached 73.1 percent in Sunday's state election, and the governing party won "
    "37.0 percent of the vote.",
)
fig(
    "el1.turnout",
    "73.1 percent",
    73.1,
    "percent",
    "percent",
    subject="turnout in the state election",
)
fig(
    "el1.share",
    "37.0 percent",
    37.0,
    "percent",
    "percent",
    subject="governing party's share of the vote",
)
report(
    "el2",
    "Results",
    "German Politics Wire",
    "2025-10-09",
    "About 73% of voters cast a ballot, the election office said.",
)
fig(
    "el2.turnout",
    "About 73%",
    73,
    "percent",
    "percent",
    q="~",
    subject="voters who cast a ballot",
    speaker="the election office",
)
report(
    "el3",
    "Preliminary count",
    "Munich Evening",
    "2025-10-08",
    "Preliminary figures showed turnout at 68 percent.",
)
fig("el3.turnout", "68 percent", 68, "percent", "percent", subject="turnout")
report(
    "el4",
    "Party result",
    "German Politics Wire",
    "2025-10-10",
    "The governing party took 37 percent, its worst result since 1950.",
)
fig("el4.share", "37 percent", 37, "percent", "percent", subject="governing party's result")
report("el5", "Greens", "Munich Evening", "2025-10-10", "The Greens won 14.4 percent.")
fig("el5.share", "14.4 percent", 14.4, "percent", "percent", subject="Greens' share")
report("el6", "Votes", "Bavaria Daily", "2025-10-10", "Some 6.9 million ballots were counted.")
fig(
    "el6.votes",
    "Some 6.9 million ballots",
    6.9e6,
    "ballots",
    "count",
    q="~",
    subject="ballots counted",
)
report(
    "el7",
    "Vote count",
    "German Politics Wire",
    "2025-10-10",
    "Officials counted 6.93 million votes, they said.",
)
fig("el7.votes", "6.93 million votes", 6.93e6, "votes", "count", subject="votes counted")
report(
    "el8",
    "Previous",
    "Munich Evening",
    "2025-10-11",
    "Turnout in the 2020 state election was 73.1 percent as well.",
)
fig(
    "el8.turnout",
    "73.1 percent",
    73.1,
    "percent",
    "percent",
    subject="turnout in the 2020 state election",
    as_of="2020",
)
pair("el1.turnout", "el2.turnout", "same", "73.1% vs about 73%")
pair("el1.turnout", "el3.turnout", "conflicts", "73.1 vs 68, preliminary")
pair("el1.share", "el4.share", "same", "37.0 vs 37")
pair("el1.share", "el5.share", "unrelated", "Greens")
pair("el6.votes", "el7.votes", "same", "6.9m vs 6.93m")
pair("el1.turnout", "el8.turnout", "unrelated", "trap: 2020 election")
pair("el2.turnout", "el3.turnout", "conflicts", "73 vs 68")
pair("el4.share", "el5.share", "unrelated", "different party")

# --- 22 --------------------------------------------------------------------------------------
story("Heatwave")
report(
    "hw1",
    "Heat record",
    "Seville Sun",
    "2025-07-29",
    "Temperatures hit 46 degrees Celsius in Seville on Monday, a record for July.",
)
fig(
    "hw1.temp",
    "46 degrees Celsius",
    46,
    "degree celsius",
    "temperature",
    subject="temperature in Seville",
    as_of="Monday",
)
report(
    "hw2",
    "Europe bakes",
    "Transatlantic Weather",
    "2025-07-29",
    "Seville recorded about 115 degrees Fahrenheit on Monday.",
)
fig(
    "hw2.temp",
    "about 115 degrees Fahrenheit",
    115,
    "degree fahrenheit",
    "temperature",
    q="~",
    subject="temperature recorded in Seville",
    as_of="Monday",
)
report("hw3", "Forecasts", "Spanish Met Notes", "2025-07-28", "Cordoba may reach 44C on Monday.")
fig(
    "hw3.temp",
    "44C",
    44,
    "degree celsius",
    "temperature",
    subject="forecast in Cordoba",
    as_of="Monday",
)
report(
    "hw4",
    "Official reading",
    "Seville Sun",
    "2025-07-30",
    "The weather agency said the official high in Seville was 44.2C.",
)
fig(
    "hw4.temp",
    "44.2C",
    44.2,
    "degree celsius",
    "temperature",
    subject="official high in Seville",
    as_of="Monday",
    speaker="The weather agency",
)
report(
    "hw5",
    "Heat deaths",
    "Iberian News",
    "2025-07-31",
    "The heat was linked to 46 deaths across the country.",
)
fig("hw5.deaths", "46 deaths", 46, "deaths", "count", subject="deaths linked to the heat")
report(
    "hw6",
    "Sea heat",
    "Mediterranean Science",
    "2025-07-30",
    "Sea surface temperatures off Malaga reached 30 degrees Celsius.",
)
fig(
    "hw6.sea",
    "30 degrees Celsius",
    30,
    "degree celsius",
    "temperature",
    subject="sea surface temperatures off Malaga",
)
pair("hw1.temp", "hw2.temp", "same", "46 °C ≈ 114.8 °F")
pair("hw1.temp", "hw3.temp", "unrelated", "Cordoba forecast")
pair("hw1.temp", "hw4.temp", "conflicts", "46 vs official 44.2")
pair("hw1.temp", "hw5.deaths", "unrelated", "trap: 46 deaths")
pair("hw2.temp", "hw4.temp", "conflicts", "115 °F (46.1 °C) vs 44.2 °C")
pair("hw1.temp", "hw6.sea", "unrelated", "sea surface")

# --- 23 --------------------------------------------------------------------------------------
story("High-speed rail line")
report(
    "rl1",
    "Rail line approved",
    "Warsaw Business Daily",
    "2025-06-03",
    "The 480-kilometre line will cost between 90 billion and 110 billion zlotys, the "
    "infrastructure ministry said.",
)
fig("rl1.len", "480-kilometre", 480, "kilometre", "length", subject="length of the high-speed line")
fig(
    "rl1.cost",
    "between 90 billion and 110 billion zlotys",
    None,
    "zloty",
    "currency",
    low=90e9,
    high=110e9,
    currency="PLN",
    subject="cost of the line",
    speaker="the infrastructure ministry",
)
report(
    "rl2",
    "Line costs",
    "Central Europe Wire",
    "2025-06-04",
    "The new high-speed railway is expected to cost 100 billion zlotys.",
)
fig(
    "rl2.cost",
    "100 billion zlotys",
    100e9,
    "zloty",
    "currency",
    currency="PLN",
    subject="cost of the new high-speed railway",
)
report("rl3", "Route", "Rail Europe News", "2025-06-04", "The route will run for about 300 miles.")
fig("rl3.len", "about 300 miles", 300, "mile", "length", q="~", subject="length of the route")
report(
    "rl4",
    "Critics",
    "Warsaw Business Daily",
    "2025-06-05",
    "Critics say the real bill will exceed 150 billion zlotys.",
)
fig(
    "rl4.cost",
    "150 billion zlotys",
    150e9,
    "zloty",
    "currency",
    q=">",
    currency="PLN",
    subject="real bill",
    speaker="Critics",
)
report(
    "rl5",
    "Travel time",
    "Rail Europe News",
    "2025-06-05",
    "Trains will reach 320 km/h, cutting the trip to 100 minutes.",
)
fig("rl5.speed", "320 km/h", 320, "kilometre per hour", "speed", subject="trains' top speed")
fig("rl5.time", "100 minutes", 100, "minute", "duration", subject="trip time")
report(
    "rl6",
    "Trip",
    "Central Europe Wire",
    "2025-06-06",
    "The journey between the two cities will take about 1 hour 40 minutes, or 1.7 hours.",
)
fig(
    "rl6.time",
    "1.7 hours",
    1.7,
    "hour",
    "duration",
    q="~",
    subject="journey between the two cities",
)
report(
    "rl7",
    "Metro",
    "Warsaw Business Daily",
    "2025-06-06",
    "A separate metro extension will cost 10 billion zlotys.",
)
fig(
    "rl7.cost",
    "10 billion zlotys",
    10e9,
    "zloty",
    "currency",
    currency="PLN",
    subject="cost of a separate metro extension",
)
pair("rl1.cost", "rl2.cost", "refines", "100bn inside 90–110bn")
pair("rl1.len", "rl3.len", "same", "480 km ≈ 298 mi")
pair("rl1.cost", "rl4.cost", "conflicts", "90–110bn vs more than 150bn")
pair("rl2.cost", "rl4.cost", "conflicts", "100 vs more than 150")
pair("rl5.time", "rl6.time", "same", "100 minutes ≈ 1.7 hours")
pair("rl1.cost", "rl7.cost", "unrelated", "metro")
pair("rl1.len", "rl5.speed", "unrelated", "dimensions")

# --- 24 --------------------------------------------------------------------------------------
story("Channel crossings")
report(
    "cc1",
    "Small boat arrivals",
    "Dover Express",
    "2025-08-31",
    "About 400 people a day crossed the Channel in small boats in August, Home Office "
    "figures show.",
)
fig(
    "cc1.rate",
    "About 400 people a day",
    400,
    "people",
    "count",
    q="~",
    per="day",
    subject="people crossing the Channel in small boats",
    as_of="August 2025",
)
report(
    "cc2",
    "Weekly crossings",
    "UK Politics Wire",
    "2025-09-01",
    "Some 2,800 migrants a week reached the English coast in August.",
)
fig(
    "cc2.rate",
    "Some 2,800 migrants a week",
    2800,
    "migrants",
    "count",
    q="~",
    per="week",
    subject="migrants reaching the English coast",
    as_of="August 2025",
)
report(
    "cc3",
    "Monthly total",
    "Dover Express",
    "2025-09-02",
    "In all, 12,300 people crossed in August.",
)
fig(
    "cc3.total",
    "12,300 people",
    12300,
    "people",
    "count",
    subject="people who crossed",
    as_of="August 2025",
)
report(
    "cc4",
    "Year so far",
    "UK Politics Wire",
    "2025-09-02",
    "Over 30,000 people have crossed so far this year.",
)
fig(
    "cc4.ytd",
    "Over 30,000 people",
    30000,
    "people",
    "count",
    q=">",
    subject="people crossed so far this year",
    as_of="this year",
)
report(
    "cc5",
    "Disputed figure",
    "Kent Gazette",
    "2025-09-03",
    "A charity said 700 people a day crossed during August.",
)
fig(
    "cc5.rate",
    "700 people a day",
    700,
    "people",
    "count",
    per="day",
    subject="people crossing",
    as_of="August 2025",
    speaker="A charity",
)
report(
    "cc6",
    "Boats",
    "Dover Express",
    "2025-09-03",
    "Around 400 boats were intercepted by French police this summer.",
)
fig(
    "cc6.boats",
    "Around 400 boats",
    400,
    "boats",
    "count",
    q="~",
    subject="boats intercepted by French police",
    as_of="this summer",
)
report(
    "cc7",
    "August in context",
    "Kent Gazette",
    "2025-09-04",
    "August's crossings, some 12,000, were the highest of the year.",
)
fig(
    "cc7.total",
    "some 12,000",
    12000,
    "",
    "count",
    q="~",
    subject="August's crossings",
    as_of="August 2025",
)
pair("cc1.rate", "cc2.rate", "same", "400/day = 2,800/week")
pair("cc1.rate", "cc5.rate", "conflicts", "400 vs 700 a day")
pair("cc2.rate", "cc5.rate", "conflicts", "2,800/week vs 700/day (4,900/week)")
pair("cc1.rate", "cc6.boats", "unrelated", "trap: 400 boats")
pair("cc3.total", "cc7.total", "same", "12,300 vs some 12,000")
pair("cc3.total", "cc4.ytd", "unrelated", "month vs year to date")
pair("cc4.ytd", "cc7.total", "unrelated", "year vs month")

# --- 25 --------------------------------------------------------------------------------------
story("Winter power outage")
report(
    "po1",
    "Ice storm cuts power",
    "Montreal Gazette Wire",
    "2025-01-22",
    "About 450,000 households lost power as ice brought down lines, Hydro said on Tuesday.",
)
fig(
    "po1.out",
    "About 450,000 households",
    450000,
    "households",
    "count",
    q="~",
    subject="households that lost power",
    as_of="Tuesday",
    speaker="Hydro",
)
report(
    "po2",
    "Outages",
    "Quebec News",
    "2025-01-22",
    "Some 450,000 customers were without electricity on Tuesday.",
)
fig(
    "po2.out",
    "Some 450,000 customers",
    450000,
    "customers",
    "count",
    q="~",
    subject="customers without electricity",
    as_of="Tuesday",
)
report(
    "po3",
    "Restoration",
    "Montreal Gazette Wire",
    "2025-01-24",
    "By Thursday, 120,000 customers were still without power.",
)
fig(
    "po3.out",
    "120,000 customers",
    120000,
    "customers",
    "count",
    subject="customers still without power",
    as_of="Thursday",
)
report(
    "po4",
    "Crews",
    "Quebec News",
    "2025-01-23",
    "Hydro has sent 1,200 line workers to restore service.",
)
fig("po4.crews", "1,200 line workers", 1200, "line workers", "count", subject="line workers sent")
report(
    "po5",
    "Demand",
    "Energy North",
    "2025-01-23",
    "Peak demand hit 40,500 megawatts during the cold snap.",
)
fig("po5.mw", "40,500 megawatts", 40500, "megawatt", "power", subject="peak demand")
report(
    "po6",
    "Record demand",
    "Montreal Gazette Wire",
    "2025-01-24",
    "Demand peaked at 40.5 gigawatts, a record.",
)
fig("po6.gw", "40.5 gigawatts", 40.5, "gigawatt", "power", subject="peak demand")
report(
    "po7",
    "Outage count disputed",
    "Quebec News",
    "2025-01-22",
    "Local radio said as many as 700,000 homes were dark on Tuesday.",
)
fig(
    "po7.out",
    "as many as 700,000 homes",
    700000,
    "homes",
    "count",
    q="<=",
    subject="homes without power",
    as_of="Tuesday",
)
pair("po1.out", "po2.out", "same", "households vs customers, 450,000")
pair("po1.out", "po3.out", "supersedes", "Thursday count")
pair("po5.mw", "po6.gw", "same", "40,500 MW = 40.5 GW")
pair("po1.out", "po4.crews", "unrelated", "crews")
pair("po2.out", "po3.out", "supersedes", "later as_of")
pair("po1.out", "po7.out", "conflicts", "450,000 vs as many as 700,000")

# --- 26 --------------------------------------------------------------------------------------
story("Hospital waiting lists")
report(
    "wl1",
    "Waiting list grows",
    "Manchester Health News",
    "2025-03-14",
    "The waiting list for hospital treatment in England stood at 7.4 million in January, "
    "NHS figures show.",
)
fig(
    "wl1.list",
    "7.4 million",
    7.4e6,
    "",
    "count",
    subject="waiting list for hospital treatment in England",
    as_of="January 2025",
)
report(
    "wl2",
    "NHS backlog",
    "UK Health Wire",
    "2025-03-14",
    "Some 7.43 million cases were waiting for treatment in January.",
)
fig(
    "wl2.list",
    "Some 7.43 million cases",
    7.43e6,
    "cases",
    "count",
    q="~",
    subject="cases waiting for treatment",
    as_of="January 2025",
)
report(
    "wl3",
    "Patients waiting",
    "Manchester Health News",
    "2025-03-15",
    "About 6.2 million individual patients were on the list, the data show.",
)
fig(
    "wl3.patients",
    "About 6.2 million individual patients",
    6.2e6,
    "patients",
    "count",
    q="~",
    subject="individual patients on the list",
)
report(
    "wl4",
    "February list",
    "UK Health Wire",
    "2025-04-10",
    "The waiting list fell to 7.42 million in February.",
)
fig(
    "wl4.list",
    "7.42 million",
    7.42e6,
    "",
    "count",
    subject="waiting list",
    as_of="February 2025",
    trend="down",
    change="to",
)
report(
    "wl5",
    "Scotland",
    "Scottish Health Desk",
    "2025-03-15",
    "In Scotland 840,000 people were waiting.",
)
fig("wl5.list", "840,000 people", 840000, "people", "count", subject="people waiting in Scotland")
report(
    "wl6",
    "Long waits",
    "Manchester Health News",
    "2025-03-16",
    "More than 300,000 people had waited over a year.",
)
fig(
    "wl6.long",
    "More than 300,000 people",
    300000,
    "people",
    "count",
    q=">",
    subject="people who had waited over a year",
)
pair("wl1.list", "wl2.list", "same", "7.4m vs 7.43m")
pair("wl1.list", "wl3.patients", "unrelated", "patients vs pathways (different measure)")
pair("wl1.list", "wl4.list", "supersedes", "February follows January")
pair("wl1.list", "wl5.list", "unrelated", "Scotland")
pair("wl2.list", "wl4.list", "supersedes", "later month")
pair("wl3.patients", "wl6.long", "unrelated", "long waits")

# --- 27 --------------------------------------------------------------------------------------
story("Amazon deforestation")
report(
    "df1",
    "Deforestation falls",
    "Brasilia Environmental",
    "2025-08-07",
    "Deforestation in the Brazilian Amazon fell to 4,300 square kilometres in the 12 months "
    "to July, satellite data show.",
)
fig(
    "df1.area",
    "4,300 square kilometres",
    4300,
    "square kilometre",
    "area",
    subject="deforestation in the Brazilian Amazon",
    as_of="July 2025",
    trend="down",
    change="to",
)
report(
    "df2",
    "Forest loss",
    "Global Forest Wire",
    "2025-08-08",
    "The Amazon lost roughly 1,660 square miles of forest in the year to July.",
)
fig(
    "df2.area",
    "roughly 1,660 square miles",
    1660,
    "square mile",
    "area",
    q="~",
    subject="forest the Amazon lost",
    as_of="July 2025",
)
report(
    "df3",
    "Hectares cleared",
    "Agro Brasil",
    "2025-08-08",
    "About 430,000 hectares were cleared in the period.",
)
fig(
    "df3.area", "About 430,000 hectares", 430000, "hectare", "area", q="~", subject="forest cleared"
)
report(
    "df4",
    "Cerrado",
    "Brasilia Environmental",
    "2025-08-08",
    "In the Cerrado savanna, clearing reached 4,300 square kilometres as well.",
)
fig(
    "df4.area",
    "4,300 square kilometres",
    4300,
    "square kilometre",
    "area",
    subject="clearing in the Cerrado savanna",
    as_of="July 2025",
)
report(
    "df5",
    "NGO figure",
    "Rainforest Watch",
    "2025-08-09",
    "Our own monitoring found 6,100 square kilometres cleared in the Amazon over the same "
    "12 months.",
)
fig(
    "df5.area",
    "6,100 square kilometres",
    6100,
    "square kilometre",
    "area",
    subject="area cleared in the Amazon",
    as_of="July 2025",
)
report(
    "df6",
    "Previous year",
    "Global Forest Wire",
    "2025-08-09",
    "A year earlier, Amazon deforestation had been 6,100 square kilometres.",
)
fig(
    "df6.area",
    "6,100 square kilometres",
    6100,
    "square kilometre",
    "area",
    subject="Amazon deforestation",
    as_of="July 2024",
)
pair("df1.area", "df2.area", "same", "4,300 km² ≈ 1,660 sq mi")
pair("df1.area", "df3.area", "same", "430,000 ha = 4,300 km²")
pair("df1.area", "df4.area", "unrelated", "trap: Cerrado")
pair("df1.area", "df5.area", "conflicts", "4,300 vs 6,100")
pair("df1.area", "df6.area", "unrelated", "previous year's figure")
pair("df2.area", "df5.area", "conflicts", "1,660 sq mi vs 6,100 km²")
pair("df5.area", "df6.area", "unrelated", "trap: same number, previous year")

# --- 28 --------------------------------------------------------------------------------------
story("Quarterly results")
report(
    "qr1",
    "Retailer profit jumps",
    "London Markets",
    "2025-10-30",
    "The retailer's third-quarter revenue rose to £2.1 billion, while pre-tax profit was "
    "£140 million.",
)
fig(
    "qr1.rev",
    "£2.1 billion",
    2.1e9,
    "pound",
    "currency",
    currency="GBP",
    subject="retailer's third-quarter revenue",
    as_of="third quarter 2025",
    trend="up",
    change="to",
)
fig(
    "qr1.profit",
    "£140 million",
    140e6,
    "pound",
    "currency",
    currency="GBP",
    subject="pre-tax profit",
    as_of="third quarter 2025",
)
report(
    "qr2",
    "Sales beat",
    "City Finance Wire",
    "2025-10-30",
    "Sales came in at £2.08 billion for the quarter.",
)
fig(
    "qr2.rev",
    "£2.08 billion",
    2.08e9,
    "pound",
    "currency",
    currency="GBP",
    subject="sales for the quarter",
    as_of="third quarter 2025",
)
report(
    "qr3",
    "Profit",
    "Retail Week Digest",
    "2025-10-31",
    "Operating profit for the quarter was £210 million.",
)
fig(
    "qr3.op",
    "£210 million",
    210e6,
    "pound",
    "currency",
    currency="GBP",
    subject="operating profit for the quarter",
    as_of="third quarter 2025",
)
report(
    "qr4",
    "Analyst view",
    "London Markets",
    "2025-10-31",
    "Analysts had forecast revenue of £2.3 billion.",
)
fig(
    "qr4.fc",
    "£2.3 billion",
    2.3e9,
    "pound",
    "currency",
    currency="GBP",
    subject="revenue analysts had forecast",
)
report(
    "qr5",
    "Fourth quarter",
    "City Finance Wire",
    "2026-01-29",
    "Fourth-quarter revenue reached £2.6 billion on strong Christmas trading.",
)
fig(
    "qr5.rev",
    "£2.6 billion",
    2.6e9,
    "pound",
    "currency",
    currency="GBP",
    subject="fourth-quarter revenue",
    as_of="fourth quarter 2025",
)
report(
    "qr6",
    "Profit misreport",
    "Retail Week Digest",
    "2025-10-31",
    "Pre-tax profit was £104 million, a spokesman said.",
)
fig(
    "qr6.profit",
    "£104 million",
    104e6,
    "pound",
    "currency",
    currency="GBP",
    subject="pre-tax profit",
    as_of="third quarter 2025",
)
pair("qr1.rev", "qr2.rev", "same", "2.1bn vs 2.08bn")
pair("qr1.profit", "qr3.op", "unrelated", "pre-tax vs operating profit")
pair("qr1.rev", "qr4.fc", "unrelated", "forecast vs actual")
pair("qr1.rev", "qr5.rev", "supersedes", "later quarter")
pair("qr1.profit", "qr6.profit", "conflicts", "140 vs 104")
pair("qr2.rev", "qr5.rev", "supersedes", "later quarter")
pair("qr3.op", "qr6.profit", "unrelated", "operating vs pre-tax")

# --- 29 --------------------------------------------------------------------------------------
story("Snowstorm")
report(
    "sn1",
    "Snow buries city",
    "Buffalo News Wire",
    "2025-12-02",
    "Between 50 and 80 centimetres of snow fell on the city over the weekend, forecasters said.",
)
fig(
    "sn1.snow",
    "Between 50 and 80 centimetres",
    None,
    "centimetre",
    "length",
    low=50,
    high=80,
    subject="snow that fell on the city",
    speaker="forecasters",
)
report(
    "sn2",
    "Snow totals",
    "Great Lakes Weather",
    "2025-12-03",
    "The airport measured 65 centimetres of snow.",
)
fig(
    "sn2.snow", "65 centimetres", 65, "centimetre", "length", subject="snow measured at the airport"
)
report(
    "sn3",
    "In inches",
    "US Weather Report",
    "2025-12-03",
    "About 26 inches of snow fell at the airport.",
)
fig("sn3.snow", "About 26 inches", 26, "inch", "length", q="~", subject="snow at the airport")
report(
    "sn4",
    "Lake effect",
    "Buffalo News Wire",
    "2025-12-04",
    "South of the city, as much as 1.5 metres piled up.",
)
fig(
    "sn4.snow",
    "as much as 1.5 metres",
    1.5,
    "metre",
    "length",
    q="<=",
    subject="snow south of the city",
)
report(
    "sn5",
    "Forecast",
    "Great Lakes Weather",
    "2025-12-01",
    "Forecasters expect 20 to 30 centimetres more on Tuesday.",
)
fig(
    "sn5.snow",
    "20 to 30 centimetres",
    None,
    "centimetre",
    "length",
    low=20,
    high=30,
    subject="snow expected on Tuesday",
    as_of="Tuesday",
)
report(
    "sn6",
    "City total",
    "US Weather Report",
    "2025-12-04",
    "The city got 15 centimetres in total, the weather service said.",
)
fig("sn6.snow", "15 centimetres", 15, "centimetre", "length", subject="snow the city got in total")
pair("sn1.snow", "sn2.snow", "refines", "65 inside 50–80")
pair("sn2.snow", "sn3.snow", "same", "65 cm ≈ 25.6 in")
pair("sn1.snow", "sn3.snow", "refines", "26 in (66 cm) inside 50–80 cm")
pair("sn1.snow", "sn4.snow", "unrelated", "south of the city")
pair("sn1.snow", "sn5.snow", "unrelated", "forecast for Tuesday")
pair("sn1.snow", "sn6.snow", "conflicts", "50–80 vs 15 cm")

# --- 30 --------------------------------------------------------------------------------------
story("Bird flu culls")
report(
    "bf1",
    "Bird flu culls",
    "Dutch Farm Journal",
    "2025-11-20",
    "Some 1.5 million chickens have been culled on 20 farms since October, the agriculture "
    "ministry said.",
)
fig(
    "bf1.birds",
    "Some 1.5 million chickens",
    1.5e6,
    "chickens",
    "count",
    q="~",
    subject="chickens culled since October",
    speaker="the agriculture ministry",
)
fig("bf1.farms", "20 farms", 20, "farms", "count", subject="farms with culls since October")
report(
    "bf2",
    "Outbreak spreads",
    "European Agri Wire",
    "2025-11-21",
    "Authorities have destroyed about 1.5 million birds since the outbreak began in October.",
)
fig(
    "bf2.birds",
    "about 1.5 million birds",
    1.5e6,
    "birds",
    "count",
    q="~",
    subject="birds destroyed since the outbreak began",
)
report(
    "bf3",
    "Farms affected",
    "Dutch Farm Journal",
    "2025-11-20",
    "The virus has been found on 27 farms.",
)
fig("bf3.farms", "27 farms", 27, "farms", "count", subject="farms where the virus has been found")
report(
    "bf4",
    "Belgium",
    "European Agri Wire",
    "2025-11-22",
    "In Belgium, 1.5 million hens were culled this autumn.",
)
fig("bf4.birds", "1.5 million hens", 1.5e6, "hens", "count", subject="hens culled in Belgium")
report(
    "bf5",
    "Update",
    "Dutch Farm Journal",
    "2025-12-04",
    "The number of culled birds has risen to 2.3 million, the ministry said on Thursday.",
)
fig(
    "bf5.birds",
    "2.3 million",
    2.3e6,
    "",
    "count",
    subject="number of culled birds",
    as_of="Thursday",
    trend="up",
    change="to",
)
report(
    "bf6",
    "Egg prices",
    "Consumer Watch",
    "2025-11-23",
    "Egg prices have risen 20 percent since October.",
)
fig(
    "bf6.eggs",
    "20 percent",
    20,
    "percent",
    "percent",
    subject="rise in egg prices",
    trend="up",
    change="by",
)
pair("bf1.birds", "bf2.birds", "same", "chickens vs birds")
pair("bf1.farms", "bf3.farms", "conflicts", "20 vs 27 farms, same day")
pair("bf1.birds", "bf4.birds", "unrelated", "trap: Belgium")
pair("bf1.birds", "bf5.birds", "supersedes", "later count")
pair("bf2.birds", "bf5.birds", "supersedes", "later count")
pair("bf1.farms", "bf6.eggs", "unrelated", "dimensions")
