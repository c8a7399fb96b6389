"""Qualifiers ("more than", "up to", "nearly") and trends ("rose", "fell").

"nearly" and "almost" read as ``~``: a fact-check treats "nearly 10,000" as a figure close to
10,000, and a strict ``<`` would call 9,000 a match. "over" before a duration ("over two years")
is a span, not a bound, so it stays ``=``.
"""

from __future__ import annotations

from .sentences import Token, tokenize, wordset


def _phrases(table: dict[str, str]) -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for phrases, qualifier in table.items():
        for phrase in phrases.split("|"):
            out[tuple(t.low for t in tokenize(phrase))] = qualifier
    return out


BEFORE: dict[tuple[str, ...], str] = _phrases(
    {
        "more than|over|above|in excess of|upwards of|upward of|north of|exceeding|topping|"
        "just over|well over|well above|just above|greater than|higher than|beyond|exceed|"
        "exceeds|exceeded|exceeding|surpass|surpassed|surpassing|top|tops|topped": ">",
        "at least|no less than|no fewer than|a minimum of|at minimum|not less than|"
        "as little as|as few as": ">=",
        "less than|fewer than|under|below|sub|just under|just below|well under|well below|"
        "shy of|lower than|short of": "<",
        "up to|as many as|as much as|as high as|at most|no more than|a maximum of|"
        "not more than|a maximum|not exceeding|at the most|maximum of": "<=",
        "about|around|roughly|approximately|approx|some|nearly|almost|close to|circa|"
        "an estimated|estimated|an approximate|approximate|an average of|averaging|"
        "on average|just about|more or less|an average"
        "|getting on for": "~",
    }
)
MAX_BEFORE = max(len(k) for k in BEFORE)
BEFORE_WORDS = frozenset(w for k in BEFORE for w in k)
_BEFORE_LAST = frozenset(k[-1] for k in BEFORE)

AFTER: dict[tuple[str, ...], str] = _phrases(
    {
        "or more|or above|and more|and above|and up|or over|plus|+|-plus": ">=",
        "or less|or fewer|or below|and under|or under|and below": "<=",
        "or so|odd|-odd|give or take|and change": "~",
    }
)
MAX_AFTER = max(len(k) for k in AFTER)
_AFTER_FIRST = frozenset(k[0] for k in AFTER)

TREND_UP = wordset(
    """rose rise rises rising risen increased increase increases increasing grew grow grows
    growing grown climbed climb climbs climbing jumped jump jumps jumping surged surge surges
    surging soared soar soars soaring gained gains gain added adds add up higher raised raising
    raise rises boosted spiked ballooned swelled doubled tripled quadrupled advanced rallied
    expanded hiked widened widen widens lifted lifts lift upgraded firmed strengthened
    accelerated recovered rebounded
    accelerating advancing ballooning boosting doubling expanding gaining hiking lifting
    quadrupling rallying rebounding recovering spiking strengthening swelling tripling widening
    rallies rebounds recovers strengthens doubles triples leapt leaped leaps leaping rocketed
    rocketing improved improves improve improving lengthened lengthens"""
)
TREND_DOWN = wordset(
    """fell fall falls falling fallen dropped drop drops dropping declined decline declines
    declining decreased decrease decreases decreasing slid slide slides sliding slipped slips
    sank sink sinks slumped slump slumps tumbled tumble plunged plunge plummeted dipped dip
    shrank shrink shrinks
    shrunk down lower cut cuts slashed reduced eased contracted shed narrowed lost losing lose loses
    lowered halved narrow narrows trimmed trims trim downgraded eased ease eases easing weakened
    retreated slowed shrinking
    contracting dipping halving lowering narrowing plummeting plunging reducing retreating
    slashing slipping slowing slumping trimming tumbling weakening
    plummets plunges tumbles retreats weakens halves dips sagged sagging
    skidded skidding shortened shortens shorten shortening"""
)
TREND_WORDS = TREND_UP | TREND_DOWN
#: verbs that mark a change only for percentages ("raised rates by 0.5 percent" but "raised $25
#: million", "the peak rises 8,848 metres")
PERCENT_ONLY_TRENDS = wordset("raised raising raise rises added adds add")
#: verbs that mark a change for measures but not for counts or money ("the glacier lost 2
#: metres", but "the army lost 120 tanks", "the fund lost $2.3 billion")
MEASURE_ONLY_TRENDS = wordset("lost losing lose loses gained gains gain gaining drop shed")
#: nouns right after a figure that turn it into a change: "a 5 percent increase"
TREND_NOUNS_UP = wordset("increase rise jump gain hike growth surge climb boost")
TREND_NOUNS_DOWN = wordset(
    "decrease drop decline fall cut loss reduction slump plunge dip contraction"
)

#: verbs whose particle "up"/"down" is not a trend ("shot down 41 drones")
PHRASAL = wordset(
    """shot shoot shooting take took taken bring brought break broke turn turned shut back
    backed crack cracked knock knocked burn burned burnt set put lock locked tear tore torn close
    closed pick picked sign signed line lined round rounded step stepped pay paid write wrote
    written mark marked scale scaled hunt hunted gun gunned track tracked show showed make makes
    made making"""
)
#: verbs after which "up to" is a movement, not a bound ("ticked up to 4.1%")
MOVEMENT_VERBS = wordset(
    """ticked tick ticks edged edge edges crept creep creeps moved move moves went go goes
    jumped climbed rose rise rises revised bumped inched inch inches shot"""
)


def match_before(toks: list[Token], i: int, floor: int) -> tuple[str, int] | None:
    """Qualifier phrase ending just before token ``i`` (not before ``floor``).

    Returns (qualifier, index of the phrase's first token).
    """
    if i - 1 < floor or toks[i - 1].low not in _BEFORE_LAST:
        return None
    for size in range(min(MAX_BEFORE, i - floor), 0, -1):
        key = tuple(t.low for t in toks[i - size : i])
        q = BEFORE.get(key)
        if q is not None:
            return q, i - size
    return None


def match_after(toks: list[Token], i: int) -> tuple[str, int] | None:
    """Qualifier phrase starting at ``i`` ("or more"). Returns (qualifier, next index)."""
    if i >= len(toks) or toks[i].low not in _AFTER_FIRST:
        return None
    for size in range(min(MAX_AFTER, len(toks) - i), 0, -1):
        key = tuple(t.low for t in toks[i : i + size])
        q = AFTER.get(key)
        if q is not None:
            if key[0] in ("+", "-") and toks[i].start != toks[i - 1].end:
                continue
            if key == ("plus",) and i + 1 < len(toks) and toks[i + 1].kind != 2:
                # "10,000 plus 500 more" is arithmetic, "10,000 plus," is a bound
                continue
            return q, i + size
    return None


#: words between "to" and a level: "rose 96% to a record 5.35 trillion yen", "to a high of"
LEVEL_WORDS = wordset("record new all-time high low of a an average")
#: verbs of a level reached ("winds reached 165 mph")
REACH_VERBS = wordset("reached reach reaches reaching hit hits hitting topped extended")
#: words after a figure that make it the size of a change ("£27.6bn higher")
COMPARATIVES = {
    "more": "up",
    "higher": "up",
    "up": "up",
    "bigger": "up",
    "larger": "up",
    "less": "down",
    "lower": "down",
    "fewer": "down",
    "down": "down",
    "smaller": "down",
    "cheaper": "down",
}
