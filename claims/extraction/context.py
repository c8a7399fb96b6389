"""What is not a quantity (dates, times, codes, phone numbers, labels) and time references.

Decision on incidental numbers: dates and years used as dates, times of day, ordinals, phone
numbers, product/weapon codes ("Hwasong-11", "KN-23/24", "G7", "COVID-19", "iPhone 14") and
numbers that label something ("Section 427", "Row 21", "page 5", "Article 5") are *not emitted
at all*; they are not figures asserted about the world, and emitting them with a low score would
only add noise to every consumer that forgets to filter.
"""

from __future__ import annotations

import re

from .sentences import NUM, WORD, Token, wordset

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = wordset("monday tuesday wednesday thursday friday saturday sunday")
#: words before a number that make it a label, not an amount
LABEL_WORDS = wordset(
    """section row page pages article chapter room flight route highway no number grade level
    phase category version model bill clause paragraph item table figure platform gate seat
    building block lot exit episode season volume issue game round stage sector district ward
    precinct zone unit apartment suite floor line lane track act schedule annex appendix
    resolution amendment form channel code pier terminal hall bus train squad battalion
    brigade division regiment corps camp"""
)
#: abbreviations that label the number after them ("No. 10", "Vol. 3")
LABEL_ABBREVIATIONS = wordset("no nos vol p pp ch art sec fig para")
#: capitalised words before a number that do not make it a label ("About 400")
NOT_LABELS = wordset(
    """about around some nearly almost roughly approximately over under more less at up
    than just only fewer least most by to from of in on and or but the a an for with as
    between all some many another only those these just nearly"""
)
#: words before a 4-digit number that make it a year
YEAR_CUES = wordset(
    """in since by until till from of before after during early late mid the through between
    and to fiscal year summer winter spring autumn fall since around circa ’s 's"""
)
TIME_SUFFIXES = wordset("a.m am p.m pm o'clock gmt utc bst est edt pst pdt cet cest et pt ct hrs")

_MONTH = (
    r"(?:(?:January|February|March|April|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z])\.?)(?![a-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PERIOD = (
    r"(?:(?:first|second|third|fourth|final|last)\s+)?(?:quarter|half|fiscal\s+year|"
    r"financial\s+year|year|season|summer(?:\s+window)?|winter|spring|autumn|week|month)"
)
#: (every branch opens with one of the letters in the lookahead: the re engine then skips the
#: other word starts at once instead of trying some thirty branches at each)
_AS_OF_RE = re.compile(
    r"(?=[ADFJMNOQSTWflnpsty0-9]|early|overnight)\b(?:"
    rf"{_MONTH}\s+to\s+(?:{_MONTH}|May\b)|May\s+to\s+{_MONTH}"
    rf"|(?:{_MONTH}|May)[-–](?:{_MONTH}|May\b)"
    rf"|the\s+(?:[0-9]+|two|three|four|five|six|nine|twelve)\s+(?:weeks|months|years|days)\s+"
    rf"to\s+(?:{_MONTH}|{_WEEKDAY})"
    rf"|(?<=in )the\s+(?:year|quarter|month|week|(?:financial|fiscal)\s+year)\s+to\s+"
    rf"(?:{_MONTH}|May\b|the\s+end\s+of\s+(?:{_MONTH}|May\b))"
    rf"|(?<=in )the\s+(?:year|quarter|month|week|period|(?:financial|fiscal)\s+year|"
    r"(?:three|six|nine|twelve|[0-9]+)\s+months)\s+end(?:ed|ing)\s+"
    rf"(?:(?:{_MONTH}|May\b)(?:\s+[0-9]{{1,2}}\b)?|{_WEEKDAY})"
    r"|(?<=in )the\s+first\s+(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+"
    r"(?:months|weeks|days)(?:\s+of\s+(?:the\s+year|[12][0-9]{3}))?"
    r"|(?:fiscal|financial)\s+(?:year\s+)?[12][0-9]{3}\b(?![-–/])"
    r"|the\s+end\s+of\s+(?:the\s+(?:year|month|quarter|decade)|[12][0-9]{3}\b)"
    r"|year[- ]to[- ]date"
    r"|(?:(?<=over )|(?<=during )|(?<=in ))the\s+(?:past|last|previous)\s+"
    r"(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:days|weeks|months|years|quarters|decades)\b"
    rf"|(?<=in )the\s+{_PERIOD}(?:\s+of\s+[0-9]{{4}})?|(?<=over )the\s+{_PERIOD}"
    rf"|(?<=for )the\s+{_PERIOD}|(?<=during )the\s+{_PERIOD}"
    r"|(?:last|this|next)\s+season|this\s+year\s+and\s+next"
    r"|(?:fiscal\s+)?[12][0-9]{3}[-–/][0-9]{2}\b"
    rf"|{_MONTH}(?:\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+[0-9]{{4}}\b)?"
    r"|[0-9]{1,2}\s+" + _MONTH + r"(?:\s+[0-9]{4})?"
    r"|May(?:\s+[0-9]{1,2})?,?\s+[0-9]{4}|(?<=in )May\b|May\s+[0-9]{1,2}\b"
    r"|(?:the\s+)?(?:first|second|third|fourth|final|last)\s+quarter(?:\s+of\s+[0-9]{4})?"
    r"|Q[1-4]\s+[0-9]{4}|Q[1-4]\b"
    r"|(?:(?:early|late)\s+)?(?:last|this|next|past)\s+"
    r"(?:year|month|week|summer|winter|spring|autumn|fall|quarter)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?<=in )[12][0-9]{3}\b|(?<=by )[12][0-9]{3}\b(?! ?GMT| ?UTC)"
    r"|(?<=of )[12][0-9]{3}\b"
    r"|yesterday|today|overnight|so far this year|this year|last year"
    r"|(?<=for )[12][0-9]{3}\b(?![,.][0-9])"
    r")"
)

_LOCAL_PHONE = r"[0-9]{3}[.-][0-9]{4}\b"
#: Every branch opens with a character (not an optional group or a ``\b``, which the re engine
#: would try at every position of the text): ``(?<!\w\w)`` after a first digit is the ``\b``
#: before it. Same matches as "(?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{3}\)\s?|[0-9]{3}[\s.-])...".
_PHONE_RE = re.compile(
    rf"\+[0-9]{{1,3}}[\s.-]?(?:\([0-9]{{3}}\)\s?|[0-9]{{3}}[\s.-]){_LOCAL_PHONE}"
    rf"|\([0-9]{{3}}\)\s?{_LOCAL_PHONE}"
    rf"|[0-9]{{3}}[\s.-]{_LOCAL_PHONE}"
    r"|[0-9](?<!\w\w)[0-9]{2}-[0-9]{4}\b"
    r"|\+[0-9]{1,3}(?:[\s.-][0-9]{2,4}){2,5}\b"
    r"|0(?<!\w\w)[0-9]{2,4}[ -][0-9]{3,4}[ -][0-9]{3,4}\b"  # "0300 123 1053"
)
#: (opens with the digit and looks behind it, so that the re engine scans for digits in C)
_DIGIT_CHAIN_RE = re.compile(
    r"[0-9](?<![0-9.][0-9])(?:[0-9]*(?:[-–/:][0-9]+){2,}(?![0-9])|[0-9]*(?:\.[0-9]+){2,})"
)
#: (opens with the letter and looks behind it for what may not come before the code, nor open
#: it: "sub-", "mid-", ...; the re engine then scans for letters in C)
_CODE_RE = re.compile(
    r"[A-Za-z](?<![\w$£€¥.][A-Za-z])"
    r"(?<!(?=(?i:sub|mid|pre|post|over|under|top|low|high|minus|plus|million|billion|"
    r"trillion|thousand|hundred)-).)"
    r"[A-Za-z]*-?[0-9][0-9A-Za-z]*(?:[/-][0-9A-Za-z]+)*"
)


_MONEY_CODE_RE = re.compile(r"([A-Za-z]+)[0-9][0-9,.]*([a-z]*)$")
#: the decimals and scale word after a code cut at its decimal point ("PS2" + ".7tn")
_MONEY_AFTER_RE = re.compile(r"(?:\.([0-9]+))?([a-z]*)")


def _is_money(m: re.Match[str]) -> bool:
    """ "GBP40m", "USD3.2bn", "RM450", "R35", "PS18m" (a cleaned "£18m"): money, not a code."""
    from .units import CURRENCY_CODES, LETTER_SYMBOLS

    parts = _MONEY_CODE_RE.match(m.group())
    if parts is None:
        return False
    prefix, suffix = parts.groups()
    if prefix == "PS":  # "PS18m", "PS450", "PS2.7tn"; "PS5" is a games console
        # the code stops at a decimal point ("PS2" of "PS2.7m"): the amount runs on past it
        amount = _MONEY_AFTER_RE.match(m.string, m.end())
        decimals = (amount.group(1) or "") if amount else ""
        digits = sum(c.isdigit() for c in m.group()) + len(decimals)
        suffix = amount.group(2) if amount and decimals else suffix
        return suffix in ("m", "bn", "k", "mn", "tn") or digits >= 2
    return prefix in CURRENCY_CODES or prefix in LETTER_SYMBOLS


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers and alphanumeric codes (product, weapon, flight names)."""
    spans = [(m.start(), m.end()) for m in _PHONE_RE.finditer(text)]
    spans.extend((m.start(), m.end()) for m in _CODE_RE.finditer(text) if not _is_money(m))
    # "2024-11-04", "1-800-555", "192.168.0.1", "5-5-5-5": identifiers and dates, not amounts
    spans.extend((m.start(), m.end()) for m in _DIGIT_CHAIN_RE.finditer(text))
    # "2023-24" (a fiscal year), "in the four weeks to Sunday": times, not amounts
    spans.extend((m.start(), m.end()) for m in _PERIOD_SPAN_RE.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_PERIOD_SPAN_RE = re.compile(
    r"(?=[0-9tfsne])(?:\b[12][0-9]{3}[-–/][0-9]{2}\b"
    rf"|(?<=the )(?:[0-9]+|two|three|four|five|six|nine|twelve)\s+(?:weeks|months|years|days)"
    rf"(?=\s+to\s+(?:{_MONTH}|{_WEEKDAY}))"
    # "over the past four weeks", "in the first nine months": the period the figure covers
    r"|(?:(?<=the past )|(?<=the first ))"
    r"(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?:days|weeks|months|years|quarters)\b)"
)


#: what comes right before a time that dates the saying, not the figure: "said on Monday",
#: "told reporters on Tuesday", "announced Friday", "in a statement on Thursday"
_SPEECH_BEFORE_RE = re.compile(
    r"(?:\b(?:said|says|say|saying|told(?:\s+[\w.'’-]+){1,3}?|announced|reported|confirmed|"
    r"stated|added|wrote|posted|tweeted|warned|claimed|insisted|noted|explained|acknowledged|"
    r"admitted|disclosed|revealed|testified|estimated|briefed(?:\s+[\w.'’-]+){1,3}?)"
    r"|\b(?:in|at|during|from)\s+(?:a|an|the|its|his|her|their)(?:\s+[\w.'’-]+){0,2}?\s+"
    r"(?:statement|briefing|conference|interview|speech|post|release|address|hearing|update))"
    r"\s*,?\s*(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
#: times that can date a saying (the day or week it was said)
SPEECH_TIMES = frozenset(
    [
        *WEEKDAYS,
        "this week",
        "last week",
        "yesterday",
        "today",
        "tonight",
        "this morning",
        "this afternoon",
    ]
)


#: an opening "On Monday," followed by who said it: "On Monday, the ministry said …"
_SPEECH_AFTER_RE = re.compile(
    r",\s*(?:[\w.'’-]+\s+){1,5}?(?:said|says|told|announced|reported|confirmed|stated|"
    r"warned|claimed|estimated|wrote|posted)\b",
    re.IGNORECASE,
)


def is_speech_time(text: str, start: int, end: int, *, floor: int = 0) -> bool:
    """True when ``text[start:end]`` is a day or a week attached to a speech verb ("the
    ministry said on Monday", "told reporters on Tuesday", "in a statement on Friday", "On
    Monday, officials said …"): it dates the saying, not the figure, so it is no figure's
    as-of. ``floor``: where to stop looking back (the sentence's start)."""
    if text[start:end].lower() not in SPEECH_TIMES:
        return False
    if _SPEECH_BEFORE_RE.search(text, max(floor, start - 60), start) is not None:
        return True
    # the sentence so far is only "On": the day opens it
    head = re.split(r"[.!?]\s", text[max(floor, start - 200) : start])[-1]
    if head.strip().lower() != "on":
        return False
    return _SPEECH_AFTER_RE.match(text, end, min(len(text), end + 60)) is not None


def time_expressions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Time references of figures inside ``text[start:end]`` with absolute offsets: not a
    start ("since April") nor the time something was said ("said on Monday")."""
    return [
        (m.start(), m.end(), m.group())
        for m in _AS_OF_RE.finditer(text, start, end)
        if not text[max(0, m.start() - 6) : m.start()].lower().endswith("since ")
        and not is_speech_time(text, m.start(), m.end(), floor=start)
    ]


def is_month(tok: Token) -> bool:
    if tok.kind != WORD or tok.low not in MONTHS:
        return False
    # "may" is a verb unless capitalised; "mar"/"dec" etc. only in title case
    return tok.text[0].isupper()


def is_date_number(toks: list[Token], i: int) -> bool:
    """A day of the month or a year written next to a month name ("Nov. 4", "4 November")."""
    tok = toks[i]
    j = i - 1
    if j >= 0 and toks[j].text == ".":
        j -= 1
    if j >= 0 and is_month(toks[j]) and len(tok.text) <= 4 and "," not in tok.text:
        return True
    # "4 November", "the 4th of November"
    k = i + 1
    if k < len(toks) and is_month(toks[k]) and len(tok.text) <= 2:
        return True
    # "November 4, 2024": the year after a day
    return (
        i >= 4
        and toks[i - 1].text == ","
        and toks[i - 2].kind == NUM
        and len(toks[i - 2].text) <= 2
        and is_month(toks[i - 3] if toks[i - 3].text != "." else toks[i - 4])
    )


def looks_like_year(toks: list[Token], i: int) -> bool:
    tok = toks[i]
    if tok.kind != NUM or len(tok.text) != 4 or not tok.text.isdigit():
        return False
    year = int(tok.text)
    return 1800 <= year <= 2100


def year_cue_before(toks: list[Token], i: int) -> bool:
    return i > 0 and (toks[i - 1].low in YEAR_CUES or is_month(toks[i - 1]))


def is_time_of_day(toks: list[Token], i: int, end: int) -> bool:
    """ "7:30", "7 a.m.", "10pm", "0900 GMT"."""
    n = len(toks)
    if (
        i + 2 < n
        and toks[i + 1].text == ":"
        and toks[i + 2].kind == NUM
        and len(toks[i + 2].text) == 2
        and toks[i + 1].start == toks[i].end
        and toks[i + 2].start == toks[i + 1].end
    ):
        return True
    if end < n:
        nxt = toks[end].low
        if nxt in TIME_SUFFIXES:
            return True
        if nxt in ("a", "p") and end + 1 < n and toks[end + 1].text == ".":
            # "7 p.m."; but "shares fell to 412p." is pence at the end of a sentence
            return (end + 2 < n and toks[end + 2].low == "m") or _clock_hour(toks[i])
    return False


def _clock_hour(tok: Token) -> bool:
    """ "7", "11.30": a number that can be an hour on a 12-hour clock."""
    hour = tok.text.split(".", 1)[0]
    return tok.kind == NUM and hour.isdigit() and 1 <= int(hour) <= 12
