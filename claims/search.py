"""Full-text search of claims: ranked, index-served, the same words on both databases.

PostgreSQL: ``claims_claim.search_vector``, a stored generated ``tsvector`` (English
configuration) over the statement, subject, unit, as-of, place and ``search_extra`` (the first
mention's quote and report title, kept by the services), with a GIN index (migration 0007).
The user's words go through ``websearch_to_tsquery`` (quotes for phrases, ``-`` to exclude,
``or``). Written figures are found as written: "12,400" is the phrase 12 <-> 400, which is
how the text was indexed. A number alone also finds the claim with that number.

SQLite: an FTS5 table over the same columns, kept by triggers (migration 0007), ranked by
bm25; the words are passed as quoted terms (a leading ``-`` excludes one).

Ranking: by relevance, then claim-worthiness, then newest. Ranking needs every match's rank,
so it is computed over the first RANK_POOL matches only; a word in more claims than that
(the desk's commonest words) is listed in claim-worthiness order instead, which is what the
ranking would mostly fall back to anyway. The caller learns which with ``SearchResult``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL

RANK_POOL = 2000
_WORD = re.compile(r'"[^"]*"|\S+')


@dataclass
class SearchResult:
    queryset: QuerySet[Any]
    ranked: bool


def _claim_number(term: str) -> int | None:
    from claims.forms import parse_int

    return parse_int(term.strip().lstrip("#"), minimum=1)


def fts5_query(term: str) -> str:
    """The words as an FTS5 query: each quoted (so no word is FTS5 syntax), all required;
    ``-word`` excludes; a quoted phrase stays a phrase."""
    required: list[str] = []
    excluded: list[str] = []
    for raw in _WORD.findall(term):
        negative = raw.startswith("-") and len(raw) > 1
        word = raw[1:] if negative else raw
        word = word.strip('"').replace('"', " ").strip()
        if not word or word.lower() == "or":
            continue
        (excluded if negative else required).append('"' + word + '"')
    if not required:
        return ""
    query = " ".join(required)
    for word in excluded:
        query += f" NOT {word}"
    return query


def search_claims(qs: QuerySet[Any], term: str) -> SearchResult:
    """The claims of ``qs`` matching ``term``, annotated ``search_rank`` (higher is better)."""
    term = term.strip()[:200]
    number = _claim_number(term)
    if connection.vendor == "postgresql":
        match = RawSQL(
            "claims_claim.search_vector @@ websearch_to_tsquery('english', %s)",
            (term,),
            output_field=BooleanField(),
        )
        condition = Q(match) if number is None else Q(match) | Q(pk=number)
        matched = qs.filter(condition)
        pool = list(matched.order_by().values_list("pk", flat=True)[: RANK_POOL + 1])
        if len(pool) > RANK_POOL:
            return SearchResult(matched.annotate(search_rank=_zero()), ranked=False)
        rank = RawSQL(
            "ts_rank_cd(claims_claim.search_vector, websearch_to_tsquery('english', %s))"
            " + CASE WHEN claims_claim.id = %s THEN 1000 ELSE 0 END",
            (term, number or 0),
            output_field=FloatField(),
        )
        return SearchResult(qs.filter(pk__in=pool).annotate(search_rank=rank), ranked=True)
    query = fts5_query(term)
    if not query:
        return SearchResult(qs.none().annotate(search_rank=_zero()), ranked=False)
    hits = RawSQL("SELECT rowid FROM claims_claim_fts WHERE claims_claim_fts MATCH %s", (query,))
    condition = Q(pk__in=hits) if number is None else Q(pk__in=hits) | Q(pk=number)
    # The pool: the matches' ids are looked up by rowid, at most RANK_POOL + 1 of them.
    pool = list(qs.filter(condition).order_by().values_list("pk", flat=True)[: RANK_POOL + 1])
    if len(pool) > RANK_POOL:
        # A common word: listed in the queue's order. The unary + keeps SQLite from looking
        # every match up by rowid and sorting them all: it walks the order's index (score,
        # newest, mentions) and tests each id against the matches, stopping at a page.
        unindexed = RawSQL(
            "+claims_claim.id IN (SELECT rowid FROM claims_claim_fts"
            " WHERE claims_claim_fts MATCH %s)",
            (query,),
            output_field=BooleanField(),
        )
        listed = Q(unindexed) if number is None else Q(unindexed) | Q(pk=number)
        return SearchResult(qs.filter(listed).annotate(search_rank=_zero()), ranked=False)
    # bm25() is lower for better matches: negated, so higher is better as on PostgreSQL. The
    # matches' ranks are computed once per query (a materialized CTE) and looked up per row:
    # a MATCH per row would re-read the word's whole posting list for each (bm25 counts the
    # word's documents again on every new match), quadratic in the number of matches.
    rank = RawSQL(
        "coalesce((WITH hit AS MATERIALIZED (SELECT rowid AS id, -bm25(claims_claim_fts) AS r"
        " FROM claims_claim_fts WHERE claims_claim_fts MATCH %s)"
        " SELECT hit.r FROM hit WHERE hit.id = claims_claim.id), 0)"
        " + CASE WHEN claims_claim.id = %s THEN 1000 ELSE 0 END",
        (query, number or 0),
        output_field=FloatField(),
    )
    return SearchResult(qs.filter(pk__in=pool).annotate(search_rank=rank), ranked=True)


def _zero() -> Any:
    return F("score") * 0.0


# --- the index: installed by migration 0007, checked after every migrate ------------------

SEARCHED = ("statement", "subject", "unit_name", "as_of", "place", "search_extra")
_PG_DOCUMENT = " || ' ' || ".join(f"coalesce({c}, '')" for c in SEARCHED)
PG_INSTALL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS"
    f" AS (to_tsvector('english'::regconfig, {_PG_DOCUMENT})) STORED",
    # A 1 MB pending list (migration 0024): the edit that overflows it merges it whole.
    "CREATE INDEX IF NOT EXISTS claim_search_idx ON claims_claim USING gin (search_vector)"
    " WITH (gin_pending_list_limit = 1024)",
    # Names of speakers and outlets: icontains is UPPER(name) LIKE UPPER('%…%').
    "CREATE INDEX IF NOT EXISTS entity_name_trgm_idx ON claims_entity"
    " USING gin ((upper(name::text)) gin_trgm_ops)",
)
PG_UNINSTALL = (
    "DROP INDEX IF EXISTS entity_name_trgm_idx",
    "DROP INDEX IF EXISTS claim_search_idx",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector",
)
_COLUMNS = ", ".join(SEARCHED)
_NEW = ", ".join(f"new.{c}" for c in SEARCHED)
_OLD = ", ".join(f"old.{c}" for c in SEARCHED)
SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS claims_claim_fts USING fts5({_COLUMNS},"
    " content='claims_claim', content_rowid='id', tokenize='porter unicode61')"
)
# Fragments are our own column names, no input.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS claims_claim_fts_insert AFTER INSERT ON claims_claim BEGIN"  # noqa: S608
    f" INSERT INTO claims_claim_fts (rowid, {_COLUMNS}) VALUES (new.id, {_NEW}); END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_fts_delete AFTER DELETE ON claims_claim BEGIN"  # noqa: S608
    f" INSERT INTO claims_claim_fts (claims_claim_fts, rowid, {_COLUMNS})"
    f" VALUES ('delete', old.id, {_OLD}); END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_fts_update AFTER UPDATE ON claims_claim BEGIN"  # noqa: S608
    f" INSERT INTO claims_claim_fts (claims_claim_fts, rowid, {_COLUMNS})"
    f" VALUES ('delete', old.id, {_OLD});"
    f" INSERT INTO claims_claim_fts (rowid, {_COLUMNS}) VALUES (new.id, {_NEW}); END",
)


def install(conn: Any) -> None:
    """Create the search index if it is missing (idempotent). On SQLite a migration that
    rebuilds claims_claim drops its triggers: they are put back and the index rebuilt."""
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for sql in PG_INSTALL:
                cursor.execute(sql)
            return
        if conn.vendor != "sqlite":
            return
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
            " AND name LIKE 'claims_claim_fts_%'"
        )
        complete = cursor.fetchone()[0] == len(SQLITE_TRIGGERS)
        cursor.execute(SQLITE_TABLE)
        for sql in SQLITE_TRIGGERS:
            cursor.execute(sql)
        if not complete:
            cursor.execute("INSERT INTO claims_claim_fts (claims_claim_fts) VALUES ('rebuild')")


def uninstall(conn: Any) -> None:
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for sql in PG_UNINSTALL:
                cursor.execute(sql)
        elif conn.vendor == "sqlite":
            for name in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS claims_claim_fts_{name}")
            cursor.execute("DROP TABLE IF EXISTS claims_claim_fts")


def migration_applied(conn: Any, name_prefix: str) -> bool:
    """Whether the claims migration whose name starts so is applied on this connection."""
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(conn)
    return bool(
        recorder.has_table()
        and recorder.migration_qs.filter(app="claims", name__startswith=name_prefix).exists()
    )


def install_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: keep the index whatever later migrations did to the claims table."""
    from django.db import connections

    conn = connections[using]
    if migration_applied(conn, "0007_scale"):
        install(conn)
