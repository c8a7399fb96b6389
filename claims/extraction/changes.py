"""Changes between figures of one sentence: "slid from $1,870 to $1,795" is one claim.

Rules, applied to the figures of a sentence in order:

* **from A to B** ("slid from $1,870 to $1,795", "falling from 176 pounds to 161"): one figure,
  the new level B (``change`` "to", ``from_value`` A); B takes A's unit when it has none; the
  trend is the one stated or else the direction of the move.
* **B from A** ("shrank to 41,300 barrels from 56,900", "US$80,000, down from US$70,000 last
  year"): the same, when B is a level (not the size of a change).
* **by, then to** ("rose 19 cents to $3.45"): two figures; the level B shares the change's trend.

The baseline's words ("from US$70,000 last year") are remembered as ``baseline`` so that its time
reference is not taken as the figure's ``as_of``.
"""

from __future__ import annotations

from dataclasses import replace

from . import qualifiers
from .context import MONTHS
from .figures import Figure
from .sentences import NUM, PUNCT, WORD, Token, wordset
from .units import COUNT, UnitDef

_LINKS = wordset(
    """, up down from compared with against versus this last next week month year quarter
    season period ago earlier in a the same previous prior"""
) | frozenset(MONTHS)
_DIRECTION = {"up": "up", "down": "down"}


def _only(toks: list[Token], lo: int, hi: int, words: tuple[str, ...]) -> bool:
    return [t.low for t in toks[lo:hi]] == list(words)


def _direction(new: Figure, old: Figure) -> str | None:
    if new.high > old.high:
        return "up"
    if new.high < old.high:
        return "down"
    return None


def _clause_end(toks: list[Token], k: int) -> int:
    """Character offset where the clause from token ``k`` ends (next , ; or end)."""
    for t in toks[k:]:
        if t.kind == PUNCT and t.text in ",;:.!?()":
            return t.start
    return toks[-1].end if toks else 0


_BASELINE_WORDS = wordset("from compared against versus vs")


def _baseline_start(toks: list[Token], lo: int, hi: int) -> int:
    """Where "B in March, down from A" starts speaking of A: at "down from", not right after B
    (the time between them, "in March", dates B)."""
    for k in range(hi - 1, lo - 1, -1):  # the last: "19% of its LNG from Russia last year,
        if toks[k].low in _BASELINE_WORDS:  # up from 15%" speaks of A at "from 15%"
            return toks[k].start
    return toks[lo].start


def _merge(new: Figure, old: Figure, first: int, last: int, baseline: tuple[int, int]) -> Figure:
    unit, per, subject = new.unit, new.per, new.subject
    if unit is COUNT and old.unit is not COUNT:
        unit, per = old.unit, per or old.per
    if not subject:
        subject = old.subject
    return replace(
        new,
        first=first,
        last=last,
        unit=unit,
        per=per,
        subject=subject,
        trend=new.trend or old.trend or _direction(new, old),
        change="to",
        from_value=old.low,
        baseline=baseline,
        after=max(new.after, old.after),
    )


def _gap_links(toks: list[Token], lo: int, hi: int) -> bool:
    """Between a level B and "from A": words that link them ("in March, down"), a time ("by
    2030", "in 2024") or what B is a share of ("105% of GDP", "0.3% of gross national income")."""
    k = lo
    while k < hi:
        t = toks[k]
        if t.low in ("by", "in") and k + 1 < hi and _is_time(toks[k + 1]):
            k += 2  # "to 22% by 2030 from 57%"
            continue
        if t.low == "of" and k + 1 < hi:
            m = k + 1
            while m < hi and toks[m].kind == WORD and toks[m].low not in _NOT_OF_WORDS:
                m += 1
            if m == k + 1 or m - k > 5:
                return False
            k = m  # "to 105% of GDP from 107.7%"
            continue
        if t.low not in _LINKS:
            return False
        k += 1
    return True


def _before_to(toks: list[Token], lo: int, hi: int) -> bool:
    """Between A and B of "from A to B": "to" alone, or after what A is a share of or when it
    was ("from 3.1% of GDP to", "from 0.1% in 2021 to")."""
    if hi - lo < 1 or toks[hi - 1].low != "to":
        return False
    if hi - lo == 1:
        return True
    k = lo
    while k < hi - 1:
        if toks[k].low in ("in", "by") and k + 1 < hi - 1 and _is_time(toks[k + 1]):
            k += 2
        elif toks[k].low == "of":
            m = k + 1
            while m < hi - 1 and toks[m].kind == WORD and toks[m].low not in _NOT_OF_WORDS:
                m += 1
            if m == k + 1 or m - k > 5:
                return False
            k = m
        else:
            return False
    return True


def _bringing_total(toks: list[Token], fig: Figure, nxt: Figure) -> bool:
    """ "found 27 new moons, bringing its total to 146": the first is what was added."""
    if nxt.first - fig.last > 11 or toks[nxt.first - 1].low != "to":
        return False
    between = toks[fig.last + 1 : nxt.first]
    commas = [k for k, t in enumerate(between) if t.kind == PUNCT]
    if len(between) > 10 or len(commas) != 1 or between[commas[0]].text != ",":
        return False
    k = commas[0]
    return (
        k + 2 < len(between)
        and between[k + 1].low in ("taking", "bringing", "lifting", "pushing")
        and between[-1].low == "to"
    )


def _apposed(toks: list[Token], prev: Figure, fig: Figure) -> bool:
    """ "fell 3%, or 40 cents, to $12.60": the same change in another unit."""
    return (
        fig.first == prev.last + 3
        and prev.change == "by"
        and toks[prev.last + 1].text == ","
        and toks[prev.last + 2].low == "or"
    )


def _is_time(tok: Token) -> bool:
    if tok.low in MONTHS:
        return True
    return tok.kind == NUM and len(tok.text) == 4 and tok.text[:2] in ("19", "20")


#: words that end what a share is "of": the next clause or the baseline
_NOT_OF_WORDS = wordset("from and or but while as than which that to by in a an the")

_LEVEL_WORDS = wordset("record new all-time high low of a an average")


def _level_after(toks: list[Token], change: Figure, fig: Figure) -> bool:
    """ "rose 0.3% in September to £292,505", "rose 96% to a record 5.35 trillion yen": the level
    reached after a change by an amount, in the same clause."""
    if change.trend is None or change.change != "by":
        return False
    k = fig.first - 1
    while k > change.last and toks[k].low in _LEVEL_WORDS:
        k -= 1
    if k <= change.last or toks[k].low not in ("to", "at") or k - change.last > 10:
        return False  # "rose 0.3% to £292,505", "closed 0.4% lower at 8,210.5"
    # ", to an average of £1,295": the level may open a clause of its own
    end = k - 1 if toks[k - 1].text == "," else k
    if end == k and k - change.last > 6:
        return False
    return not any(t.kind == PUNCT and t.text not in "%." for t in toks[change.last + 1 : end])


def _restricted_trend(toks: list[Token], fig: Figure, nxt: Figure) -> str | None:
    """The trend of a verb that marks a change only for some units ("gained", "lost", "added")
    when an amount is followed by "to" and a level in the same unit: "gained EUR1.30 to
    EUR38.75", "lost 2,000 members to 41,000"."""
    if nxt.first != fig.last + 2 or toks[fig.last + 1].low != "to":
        return None
    if fig.unit.code != nxt.unit.code and nxt.unit is not COUNT:
        return None
    if fig.low != fig.high or nxt.low != nxt.high or fig.first < 1:
        return None
    k = fig.first - 1
    if toks[k].low == "by" and k > 0:
        k -= 1
    word = toks[k].low
    if word not in qualifiers.MEASURE_ONLY_TRENDS and word not in qualifiers.PERCENT_ONLY_TRENDS:
        return None
    if word in qualifiers.TREND_UP:
        return "up"
    return "down" if word in qualifiers.TREND_DOWN else None


#: (larger unit, smaller unit) -> how many smaller units make one larger: "5ft 11in" is 71 inches
_COMPOUNDS = {
    ("h", "min"): 60,
    ("min", "s"): 60,
    ("ft", "in"): 12,
    ("lb", "oz"): 16,
    ("m", "cm"): 100,
    ("st", "lb"): 14,
}
_INCH = UnitDef("in", "inch", "length", None, "inch")


def compounds(toks: list[Token], figs: list[Figure]) -> list[Figure]:
    """ "2 minutes 30 seconds" (150 seconds), "three hours and four minutes" (184 minutes),
    "5ft 11in" and "6 ft 6 in" (71 and 78 inches): one figure in the smaller unit."""
    out: list[Figure] = []
    for fig in figs:
        prev = out[-1] if out else None
        small = fig.unit
        if (
            prev is not None
            and small.code == "count"
            and prev.unit.code == "ft"
            and fig.after < len(toks) + 1
            and fig.last + 1 < len(toks)
            and toks[fig.last + 1].low == "in"
            and fig.first == prev.last + 1
        ):
            fig = replace(fig, unit=_INCH, last=fig.last + 1, after=fig.last + 2)
            small = _INCH
        factor = _COMPOUNDS.get((prev.unit.code, small.code)) if prev is not None else None
        gap = [t.low for t in toks[prev.last + 1 : fig.first]] if prev is not None else []
        if (
            prev is not None
            and factor
            and gap in ([], ["and"], [","])
            and prev.low == prev.high
            and fig.low == fig.high
            and fig.low < factor
        ):
            total = prev.low * factor + fig.low
            out[-1] = replace(
                fig,
                first=prev.first,
                low=total,
                high=total,
                qualifier=prev.qualifier,
                trend=prev.trend,
                change=prev.change,
            )
            continue
        out.append(fig)
    return out


def link(toks: list[Token], figs: list[Figure]) -> list[Figure]:
    """The figures of one sentence with changes from A to B made one figure."""
    figs = compounds(toks, figs)
    out: list[Figure] = []
    i = 0
    while i < len(figs):
        fig = figs[i]
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        exact = fig.low == fig.high
        if out and fig.trend is None and _level_after(toks, out[-1], fig):
            fig = replace(fig, trend=out[-1].trend, change="to")  # "rose 0.3% to £292,505"
        elif out and fig.trend is None and _apposed(toks, out[-1], fig):
            fig = replace(fig, trend=out[-1].trend, change="by")  # "fell 3%, or 40 cents, to"
        if (
            nxt is not None
            and exact
            and fig.first > 0
            and toks[fig.first - 1].low == "from"
            and _before_to(toks, fig.last + 1, nxt.first)
            and nxt.change != "by"
            and (fig.unit is COUNT or nxt.unit is COUNT or fig.unit.code == nxt.unit.code)
        ):
            # "from 3.1% of GDP to 4.5%", "from 0.1% in 2021 to 5.25% in 2023"
            span = (toks[fig.first - 1].start, toks[nxt.first - 2].end + 1)
            out.append(_merge(nxt, fig, fig.first - 1, nxt.last, span))
            i += 2
            continue
        signal = toks[nxt.first - 2].low if nxt is not None and nxt.first >= 2 else ""
        if (
            nxt is not None
            and nxt.low == nxt.high
            and fig.change != "by"
            and nxt.first > fig.last + 1
            and toks[nxt.first - 1].low == "from"
            and (
                signal in _DIRECTION  # "..., up from 2.1 million before the pandemic"
                or (
                    (fig.change == "to" or fig.trend is not None)
                    and nxt.first - fig.last <= 10
                    and _gap_links(toks, fig.last + 1, nxt.first)
                )
            )
            and not (nxt.last + 1 < len(toks) and toks[nxt.last + 1].low == "to")
            and (fig.unit is COUNT or nxt.unit is COUNT or fig.unit.code == nxt.unit.code)
        ):
            span = (_baseline_start(toks, fig.last + 1, nxt.first), _clause_end(toks, nxt.last + 1))
            merged = _merge(fig, nxt, fig.first, fig.last, span)
            if merged.trend is None or (signal in _DIRECTION and fig.trend is None):
                merged = replace(merged, trend=_DIRECTION.get(signal) or merged.trend)
            out.append(merged)
            i += 2
            continue
        if nxt is not None and fig.change is None and _bringing_total(toks, fig, nxt):
            # "added 5.1 million subscribers, taking its total to 282.7 million"
            fig = replace(fig, trend=fig.trend or "up", change="by")
            figs[i + 1] = replace(nxt, trend=nxt.trend or "up", change="to")
        elif nxt is not None and fig.change is None and nxt.change is None:
            trend = _restricted_trend(toks, fig, nxt)
            if trend is not None:
                # "its shares gained EUR1.30 to EUR38.75": the change, then the level
                fig = replace(fig, trend=trend, change="by")
                figs[i + 1] = replace(nxt, trend=trend, change="to")
        out.append(fig)
        i += 1
    return out
