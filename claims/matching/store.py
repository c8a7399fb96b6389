"""The desk side of matching: candidates from the database, figures built from claims.

Reads only (writes are in :mod:`claims.services.matching`). A claim's candidates are claims
in other reports with a compatible normalised unit and a magnitude within a factor of
:data:`WINDOW`, at most :data:`POOL` of them. On PostgreSQL they are found through the
``match_key`` GIN index (migration 0014; one token per unit, power-of-two magnitude bucket
and word): first the claims sharing every word of this one's subject, then two, then
any, each look-up bounded by the pool, so the cost does not grow with the desk. Each
look-up takes at most :data:`HITS` claims from the GIN index alone, in a subquery, and filters
them by unit and magnitude after: with the filters beside it, the planner, which guesses an
OR of rare keys a thousand times too common, read the whole table by a sequential scan
waiting for a LIMIT to fill, or combined the GIN index with a magnitude index of 100,000
rows (seconds a report at 1,000,000 claims). Words that thousands of claims near the figure
share are left out of the look-ups (:func:`_key_counts`). All the look-ups of a report's
figures, and the mentions of the candidates they find, are one statement (:data:`_LOOK_UP`,
:func:`_look_up`): with the claims' own mentions before it, two round trips a report. On SQLite
the ``claim_norm_idx`` index and the engine's own word overlap decide. Then
:func:`claims.matching.engine.compare` classifies each pair.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Q, QuerySet

from claims.formatting import FIGURE_FIELDS
from claims.matching.engine import Figure, Match, compare
from claims.matching.normalize import (
    NormalQuantity,
    figure_as_of,
    key_query,
    near_keys,
    subject_names,
    terms,
)
from claims.models import Claim, ClaimState, Mention

WINDOW = 5.0
POOL = 30
#: how many claims sharing a key one look-up reads before the exact unit and window filters
HITS = 100
#: a word whose keys near a figure more claims than this hold is too common to look up alone
#: (PostgreSQL's statistics of the index say which, see :func:`_key_counts`)
COMMON = 3000
_COUNTS_TTL = 600.0
LIMIT = 10
_TS_WORD = re.compile(r"^[a-z]{2,}$")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})*)")
#: a name that opens a sentence: two capitalised words or more ("Suez Canal revenue fell"),
#: or any after an opening small word ("In Belgium, ...", "The Panama Canal handled ...")
_FIRST_NAME = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?:The|A|An|In|On|At|By|For|From|Of|As)\s)?"
    r"(?P<run>[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})*)"
)
_OPENERS = ("The ", "A ", "An ", "In ", "On ", "At ", "By ", "For ", "From ", "Of ", "As ")


# The columns a candidate is read with, not the whole figure (claims.formatting.FIGURE_FIELDS,
# whatever this list's name): the engine compares the normalised columns (norm_*, which fold
# dimension, currency and period in) and never a change's starting value, so from_value,
# dimension, currency and per are left unread: fewer columns for every pool on a desk of a
# million claims.
_NOT_READ = frozenset({"from_value", "dimension", "currency", "per"})
_FIGURE_FIELDS = (
    "id",
    "statement",
    *(name for name in FIGURE_FIELDS if name not in _NOT_READ),
    "subject",
    "as_of",
    "place",
    "state",
    "verdict",
    "norm_dimension",
    "norm_unit",
    "norm_low",
    "norm_high",
    "counted",
    "subject_terms",
    "match_terms",
)


class Candidate(NamedTuple):
    """A candidate claim as the PostgreSQL look-up reads it: the columns of
    :data:`_FIGURE_FIELDS`, in the model's order. A tuple rather than a model instance:
    building a Claim cost 0.04-0.07 ms a row, a tenth of a report's Python time for the
    ~200 candidates it reads, and only the few that match become Claims (:meth:`claim`)."""

    id: int
    statement: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str
    trend: str
    change: str
    unit: str
    unit_name: str
    subject: str
    as_of: str
    place: str
    norm_dimension: str
    norm_unit: str
    norm_low: float | None
    norm_high: float | None
    counted: str
    subject_terms: str
    match_terms: str
    state: str
    verdict: str

    @property
    def pk(self) -> int:
        return self.id

    def claim(self) -> Claim:
        """The Claim, with these columns loaded (the others deferred, as ``only()`` does)."""
        return Claim.from_db(DEFAULT_DB_ALIAS, self._fields, self)


def _as_claim(claim: Claim | Candidate) -> Claim:
    return claim.claim() if isinstance(claim, Candidate) else claim


@dataclass
class ClaimContext:
    """What the engine needs from a claim's mentions: its reports, dates and speakers."""

    sources: set[int] = field(default_factory=set)
    published: dt.date | None = None
    speakers: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)


@lru_cache(maxsize=65536)
def proper_names(text: str) -> frozenset[str]:
    """Capitalised words that are not the first of a sentence (places, bodies, people), and
    the names that open one (:data:`_FIRST_NAME`: not "Police" in "Police said")."""
    text = text or ""
    found = {m.group(1).lower() for m in _NAME.finditer(text)}
    for m in _FIRST_NAME.finditer(text):
        run = m.group("run")
        if " " in run or m.group(0).startswith(_OPENERS):
            found.add(run.lower())
    return frozenset(found)


def contexts(claim_ids: Iterable[int]) -> dict[int, ClaimContext]:
    """Reports, first publication date, speakers and report titles of each claim: one query."""
    out: dict[int, ClaimContext] = defaultdict(ClaimContext)
    rows = (
        Mention.objects.filter(claim_id__in=list(claim_ids))
        .order_by()
        .values_list(
            "claim_id",
            "source_id",
            "source__published_at",
            "source__created_at",
            "speaker__name",
            "source__title",
        )
    )
    for claim_id, source_id, published, created, speaker, title in rows:
        _add_mention(out[claim_id], source_id, published, created, speaker, title)
    return out


def _add_mention(
    ctx: ClaimContext,
    source_id: int,
    published: dt.datetime | None,
    created: dt.datetime | None,
    speaker: str | None,
    title: str | None,
) -> None:
    """One mention's report, date, speaker and title into its claim's context."""
    ctx.sources.add(source_id)
    if title:
        ctx.titles.add(title)
    stamp = published or created
    when = stamp.date() if stamp else None
    if when and (ctx.published is None or when < ctx.published):
        ctx.published = when
    if speaker:
        ctx.speakers.add(speaker.lower())


@lru_cache(maxsize=4096)
def _title_terms(title: str) -> frozenset[str]:
    return terms(title)


def quantity_of(claim: Claim | Candidate) -> NormalQuantity:
    """A stored claim's normalised quantity, from its columns (0 for a missing bound)."""
    return NormalQuantity(
        claim.norm_dimension,
        claim.norm_unit,
        claim.norm_low or 0.0,
        claim.norm_high or 0.0,
        claim.counted,
    )


def figure_of(claim: Claim | Candidate, ctx: ClaimContext | None = None) -> Figure | None:
    """The engine's view of a stored claim (None when it has no normalised quantity)."""
    if claim.norm_low is None or claim.norm_high is None or not claim.norm_unit:
        return None
    ctx = ctx or ClaimContext()
    quantity = quantity_of(claim)
    raw = claim.value if claim.value is not None else claim.low
    return Figure(
        key=claim.pk,
        quantity=quantity,
        qualifier=claim.qualifier,
        trend=claim.trend,
        change=str(claim.change or ""),
        subject=frozenset(claim.subject_terms.split()),
        words=frozenset(claim.match_terms.split()),
        # the report's title: "It covers 2 square miles" says what only the title names
        context=frozenset().union(*map(_title_terms, ctx.titles)),
        names=proper_names(f"{claim.subject}. {claim.statement}") | frozenset(ctx.speakers),
        subject_names=subject_names(claim.subject),
        place=claim.place,
        as_of=figure_as_of(claim.as_of, claim.statement),
        published=ctx.published,
        source=min(ctx.sources) if len(ctx.sources) == 1 else None,
        unit_label=(claim.unit or claim.unit_name).lower(),
        extra={"raw_value": float(raw) if raw is not None else None, "sources": ctx.sources},
    )


def _window(low: float, high: float) -> tuple[float, float]:
    lo = low / WINDOW if low > 0 else low * WINDOW
    hi = high * WINDOW if high > 0 else high / WINDOW
    return lo, hi


def _unit_filter(claim: Claim) -> Q:
    """The units a claim compares with: its own, and for counts any noun on the same basis
    when either side names none (engine.comparable)."""
    dimension, unit = claim.norm_dimension, claim.norm_unit
    same = Q(norm_dimension=dimension)
    if dimension in ("count", "rate:count"):
        head, slash, basis = unit.partition("/")
        bare = "count:" + slash + basis
        if head == "count:":
            on_basis = (
                Q(norm_unit__endswith=slash + basis) if basis else ~Q(norm_unit__contains="/")
            )
            return same & Q(norm_unit__startswith="count:") & on_basis
        return same & Q(norm_unit__in=[unit, bare])
    return same & Q(norm_unit=unit)


def _query_words(claim: Claim, titles: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words a claim looks for: its subject's, or when it has none its sentence's and
    its report's title's ("It now holds 1,900" finds the shelter the title names)."""
    if claim.subject_terms:
        return frozenset(claim.subject_terms.split())
    return frozenset(claim.match_terms.split()) | titles


def candidates(claim: Claim, *, pool: int = POOL) -> list[Claim]:
    """Claims that could be the same figure: comparable unit, near magnitude, shared words.

    On PostgreSQL the ``match_key`` GIN index (migration 0014) answers bounded look-ups:
    claims that share every word of this one's subject near its magnitude, then, to fill
    the pool, claims that share two of them, then any. On SQLite the unit and magnitude index and a
    pool ordered by magnitude; the engine's word overlap decides.
    """
    return pools_for([claim], pool=pool).get(claim.pk, [])


def _base(claim: Claim) -> QuerySet[Claim]:
    lo, hi = _window(claim.norm_low or 0.0, claim.norm_high or 0.0)
    return (
        Claim.objects.filter(
            _unit_filter(claim),
            norm_low__lte=hi,
            norm_high__gte=lo,
            merged_into__isnull=True,
        )
        .exclude(pk=claim.pk)
        .exclude(state=ClaimState.REJECTED)
        .only(*_FIGURE_FIELDS)
        .order_by()  # no sort: the look-ups stop at the pool
    )


def _stages(claim: Claim, titles: frozenset[str] = frozenset()) -> list[str]:
    """The key look-ups of a claim, in order: all its words, then any two, then any one."""
    quantity = quantity_of(claim)
    words = _query_words(claim, titles)
    counts = _key_counts()
    rare = frozenset(
        w for w in words if sum(counts.get(k, 0.0) for k in near_keys(quantity, w)) <= COMMON
    )
    if rare != words:
        # Claims sharing every rare word; then, to fill the pool, two or one of them. A word
        # that thousands of claims near this figure share ("soldiers" on a war desk) narrows
        # nothing, and reading its keys is what a look-up would spend its time on.
        looks = [(rare, len(rare)), (rare, 2), (rare, 1)] if rare else [(words, len(words))]
    else:
        looks = [(words, len(words)), (words, 2), (words, 1)]
    plan: list[tuple[frozenset[str], int]] = []
    for chosen, need in looks:
        need = min(need, len(chosen))
        if need and (chosen, need) not in plan:
            plan.append((chosen, need))
    out: list[str] = []
    for chosen, need in plan:
        query = key_query(quantity, chosen, need=need)
        if not query:
            break
        out.append(query)
    return out


_key_count_cache: tuple[float, dict[str, float]] = (-_COUNTS_TTL, {})


def _key_counts() -> dict[str, float]:
    """How many claims hold each of the desk's most common index keys, from the statistics
    ANALYZE keeps for the ``claim_match_key_gin`` expression (its most common elements and
    their frequencies, times the table's estimated rows); read at most every ten minutes.
    Empty on SQLite or before the first ANALYZE: every word then counts as rare."""
    global _key_count_cache
    now = time.monotonic()
    if now - _key_count_cache[0] < _COUNTS_TTL:
        return _key_count_cache[1]
    counts: dict[str, float] = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs,"
                " c.reltuples FROM pg_stats s, pg_class c"
                " WHERE s.tablename = 'claim_match_key_gin' AND c.relname = 'claims_claim'"
            )
            row = cursor.fetchone()
        if row and row[0] and row[1]:
            rows = max(float(row[2] or 0.0), 0.0)
            counts = {key: freq * rows for key, freq in zip(row[0], row[1], strict=False)}
    _key_count_cache = (now, counts)
    return counts


def pools_for(claims: Sequence[Claim], *, pool: int = POOL) -> dict[int, list[Claim]]:
    """The candidates of several claims (see :func:`candidates`).

    On PostgreSQL every stage of every claim's look-ups is one statement (:data:`_LOOK_UP`):
    a report's figures cost one round trip, not one per stage or per figure and stage.
    """
    pools = _pools(claims, pool=pool)[0]
    return {pk: [_as_claim(c) for c in found] for pk, found in pools.items()}


def _pools(
    claims: Sequence[Claim], *, pool: int = POOL, with_contexts: bool = False
) -> tuple[dict[int, list[Claim | Candidate]], dict[int, ClaimContext]]:
    """The claims' pools (Claims on SQLite, :class:`Candidate` rows on PostgreSQL) and,
    ``with_contexts``, the contexts of the claims and of every candidate. On PostgreSQL the
    claims' contexts come first (their report titles are what a figure without a subject
    looks for) and the candidates' with them, in the look-up's statement: two round trips
    for a report."""
    todo = [c for c in claims if c.norm_low is not None and c.norm_high is not None and c.norm_unit]
    found: dict[int, list[Claim | Candidate]] = {c.pk: [] for c in todo}
    if connection.vendor != "postgresql":
        for claim in todo:
            found[claim.pk] = list(_base(claim).order_by("norm_low", "pk")[:pool])
        if not with_contexts:
            return found, {}
        ids = {c.pk for c in claims} | {o.pk for mine in found.values() for o in mine}
        return found, contexts(ids)
    bare = [c.pk for c in todo if not c.subject_terms]
    ctx = contexts(c.pk for c in claims) if with_contexts else contexts(bare) if bare else {}
    titles = {pk: frozenset().union(*map(_title_terms, ctx[pk].titles)) for pk in bare if pk in ctx}
    stages = [(c, _stages(c, titles.get(c.pk, frozenset()))) for c in todo]
    for pk, rows in _look_up(stages, pool=pool, contexts=ctx if with_contexts else None).items():
        found[pk] = list(rows)
    return found, ctx


_COLUMNS = ", ".join(map(connection.ops.quote_name, Candidate._fields))


def _unit_columns(claim: Claim) -> tuple[str | None, str | None, str | None]:
    """A claim's compatible units as :func:`_LOOK_UP` reads them (as :func:`_unit_filter`):
    one or two units that match exactly, or for a count of anything the ending a count of
    any noun must have ("" for none on no basis)."""
    dimension, unit = claim.norm_dimension, claim.norm_unit
    if dimension in ("count", "rate:count"):
        head, slash, basis = unit.partition("/")
        if head == "count:":
            return None, None, slash + basis
        return unit, "count:" + slash + basis, None
    return unit, None, None


# One stage of the look-ups, for every figure that has a query for it: the first HITS claims
# the GIN index finds (in the order the bitmap heap scan reads them), then the exact filters of
# _base (unit, magnitude window, not the claim itself, not merged or rejected) and, past the
# first stage, not an id an earlier stage found ("seen"), in id order up to what the figure's
# pool still wants. The hits are filtered as read, not looked up again by id: 22 % fewer
# buffers a report than id = ANY(ARRAY(SELECT id ... LIMIT HITS)), the same claims.
_STAGE = """SELECT l.claim AS for_claim, {n} AS look_stage, c.* FROM l{seen}
    CROSS JOIN LATERAL (
        SELECT {columns} FROM (
            SELECT {columns}, merged_into_id FROM claims_claim
            WHERE to_tsvector('simple'::regconfig, match_key)
                @@ to_tsquery('simple'::regconfig, l.q{n}) LIMIT %(hits)s) hit
        WHERE norm_dimension = l.dimension
        AND (norm_unit = l.unit OR norm_unit = l.bare OR (
            l.ending IS NOT NULL AND starts_with(norm_unit, 'count:') AND CASE
                WHEN l.ending = '' THEN strpos(norm_unit, '/') = 0
                ELSE right(norm_unit, length(l.ending)) = l.ending END))
        AND norm_low <= l.hi AND norm_high >= l.lo
        AND merged_into_id IS NULL AND state <> %(rejected)s AND id <> l.claim
        AND NOT id = ANY(seen.ids) ORDER BY id LIMIT %(pool)s - seen.n
    ) c
    WHERE l.q{n} IS NOT NULL AND seen.n < %(pool)s"""
_SEEN = {
    1: " CROSS JOIN LATERAL (SELECT 0 AS n, '{}'::bigint[] AS ids) seen",
    2: " CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(array_agg(id), '{}') AS ids"
    " FROM s1 WHERE for_claim = l.claim) seen",
    3: " CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(array_agg(id), '{}') AS ids"
    " FROM (SELECT for_claim, id FROM s1 UNION ALL SELECT for_claim, id FROM s2) e"
    " WHERE for_claim = l.claim) seen",
}

#: Every look-up of a report's figures in one statement (PostgreSQL): a row per figure (its
#: stages' key queries, its unit and magnitude filters) unnested from arrays, then each stage
#: for every figure whose pool is not full. One round trip where there were three, and one
#: statement of the same shape whatever the figures: planned in a millisecond, where the
#: UNION ALL of one look-up per figure and stage took 20 (the planner read the statistics of
#: every key of every literal query).
_LOOK_UP = (
    "WITH l AS MATERIALIZED (SELECT * FROM unnest(%(claim)s::bigint[], %(q1)s::text[],"  # noqa: S608 (columns from the model)
    " %(q2)s::text[], %(q3)s::text[], %(dimension)s::text[], %(unit)s::text[],"
    " %(bare)s::text[], %(ending)s::text[], %(lo)s::float8[], %(hi)s::float8[])"
    " AS l(claim, q1, q2, q3, dimension, unit, bare, ending, lo, hi)),\n"
    + ",\n".join(
        f"s{n} AS MATERIALIZED ({_STAGE.format(n=n, columns=_COLUMNS, seen=_SEEN[n])})"
        for n in (1, 2, 3)
    )
    + "\nSELECT * FROM s1 UNION ALL SELECT * FROM s2 UNION ALL SELECT * FROM s3"
)


#: the planner settings a look-up runs with, and what they were before it
_SETTINGS = {"enable_seqscan": "off", "jit": "off"}
_SAVE = ", ".join(f"set_config('factdesk.{n}', current_setting('{n}'), true)" for n in _SETTINGS)
_SET = ", ".join(f"set_config('{n}', '{v}', true)" for n, v in _SETTINGS.items())
_RESTORE = ", ".join(f"set_config('{n}', current_setting('factdesk.{n}'), true)" for n in _SETTINGS)
#: the result sets before the statement's own in :func:`_index_only`'s string
_BEFORE = 2


def _index_only(sql: str) -> str:
    """``sql`` with sequential scans and JIT off for it (PostgreSQL): saved and set before
    it in the same simple-protocol query string, so the same transaction (the caller's or an
    implicit one), and put back after; an error rolls the settings back with whatever
    transaction the statement was in. One round trip, where a savepoint, the setting, the
    statement, the setting and the release took five.

    The GIN subquery has a LIMIT and nothing else to go on, and the planner, taking its keys
    for thousands, prices a sequential scan that stops at the LIMIT below the index: at
    1,000,000 claims such a look-up ran for minutes through a table that held none of its
    keys. JIT: a report of 100 figures costs the statement past ``jit_above_cost``, and
    compiling it took 370 ms (load average 14) of an execution that took 1.7 s without.

    Several statements in one string need psycopg's client-side binding, Django's default
    (not the ``server_side_binding`` option)."""
    return f"SELECT {_SAVE};\nSELECT {_SET};\n{sql};\nSELECT {_RESTORE}"


#: Each candidate's mentions (as :func:`contexts` reads them), beside it
_MENTIONS = (
    "SELECT p.*, m.* FROM ({}) p CROSS JOIN LATERAL ("
    "SELECT array_agg(m.source_id) AS m_source, array_agg(s.published_at) AS m_published,"
    " array_agg(s.created_at) AS m_created, array_agg(e.name) AS m_speaker,"
    " array_agg(s.title) AS m_title FROM claims_mention m"
    " JOIN claims_source s ON s.id = m.source_id"
    " LEFT JOIN claims_entity e ON e.id = m.speaker_id WHERE m.claim_id = p.id) m"
)


def _look_up_params(
    looks: Sequence[tuple[Claim, Sequence[str]]], *, pool: int = POOL
) -> dict[str, Any]:
    """The parameters of :data:`_LOOK_UP`: one array per column of its figures' rows."""
    names = ("claim", "q1", "q2", "q3", "dimension", "unit", "bare", "ending", "lo", "hi")
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for claim, queries in looks:
        padded = [*queries[:3], None, None, None][:3]
        unit, bare, ending = _unit_columns(claim)
        lo, hi = _window(claim.norm_low or 0.0, claim.norm_high or 0.0)
        values = [claim.pk, *padded, claim.norm_dimension, unit, bare, ending, lo, hi]
        for name, value in zip(names, values, strict=True):
            columns[name].append(value)
    return {**columns, "hits": HITS, "pool": pool, "rejected": str(ClaimState.REJECTED)}


def _look_up(
    looks: Sequence[tuple[Claim, Sequence[str]]],
    *,
    pool: int = POOL,
    contexts: dict[int, ClaimContext] | None = None,
) -> dict[int, list[Candidate]]:
    """Each claim's pool from its stages' key queries (at most three, see :func:`_stages`),
    in one statement (:data:`_LOOK_UP`), in the order found: stage by stage, by id. Given
    ``contexts``, each candidate's mentions are added to them from the same statement."""
    found: dict[int, list[Candidate]] = {claim.pk: [] for claim, _queries in looks}
    looks = [(claim, queries) for claim, queries in looks if queries]
    if not looks:
        return found
    sql = _LOOK_UP if contexts is None else _MENTIONS.format(_LOOK_UP)
    with connection.cursor() as cursor:
        cursor.execute(_index_only(sql), _look_up_params(looks, pool=pool))
        for _setting in range(_BEFORE):
            cursor.nextset()  # to the look-up's rows
        start = [column.name for column in cursor.description].index("id")
        rows = cursor.fetchall()
    end = start + len(Candidate._fields)
    for row in rows:  # the claim's columns, then (with contexts) its mentions'
        other = Candidate._make(row[start:end])
        found[row[0]].append(other)
        if contexts is not None and row[end] is not None:  # None: a claim without mentions
            ctx = contexts[other.pk]
            for mention in zip(*row[end:], strict=True):
                _add_mention(ctx, *mention)
    return found


def matches_for(
    claims: Sequence[Claim], *, limit: int = LIMIT, new_first: bool = False
) -> dict[int, list[tuple[Match, Claim]]]:
    """For each claim, its matches (best first) with the other claim.

    ``new_first`` False: each Match says what the candidate is to the claim (figure = claim).
    True: what the claim is to the candidate (figure = candidate), as for a new report's
    figures against the desk. A fixed number of queries: on PostgreSQL the claims' mentions,
    then their candidates with theirs (:func:`_pools`); on SQLite one per claim for its
    candidates, one for all their mentions.
    """
    pools, ctx = _pools(claims, with_contexts=True)
    out: dict[int, list[tuple[Match, Claim]]] = {}
    for claim in claims:
        mine = figure_of(claim, ctx.get(claim.pk))
        found: list[tuple[Match, Claim | Candidate]] = []
        if mine is None:
            out[claim.pk] = []
            continue
        my_sources = ctx[claim.pk].sources if claim.pk in ctx else set()
        for other in pools.get(claim.pk, []):
            theirs = figure_of(other, ctx.get(other.pk))
            if theirs is None:
                continue
            if my_sources & (ctx[other.pk].sources if other.pk in ctx else set()):
                continue  # the same report: not corroboration
            match = compare(theirs, mine) if new_first else compare(mine, theirs)
            if match is not None:
                found.append((match, other))
        found.sort(key=lambda pair: (-pair[0].score, abs(pair[0].difference), pair[1].pk))
        out[claim.pk] = [(match, _as_claim(other)) for match, other in found[:limit]]
    return out


def match_json(match: Match, other: Claim) -> dict[str, Any]:
    return {
        "claim": other.pk,
        "relation": match.relation,
        "score": match.score,
        "reason": match.reason,
    }
