"""Build a desk of a given size, fast: reports, entities, claims, mentions, evidence, verdicts
and history, in the proportions of a year of monitoring feeds.

Run from the repository root:

    .venv/bin/python bench/generate.py --claims 1000000 \
        --database-url postgres://factdesk@127.0.0.1:5432/fd_bench --create
    .venv/bin/python bench/generate.py --claims 100000 --database-url sqlite:///var/bench.sqlite3

Per claim: 1.5 mentions, 0.1 reports, 0.02 entities, 0.2 evidence links, 3 history events
(1,000,000 claims: 1,500,000 mentions, 100,000 reports, 20,000 entities, 200,000 links,
3,000,000 events). Skewed as a real desk is: a few outlets publish most reports (Zipf), a few
speakers say most things, most claims are candidates or open with no verdict, most claims
have one mention while one has over 2,000. Every mention's offsets point at its quote in its
report's text; every claim's version is the number of its events; the verdict records match
the claims' verdicts; the events form a valid desk-wide hash chain (``--chain-share`` below 1
hashes only the first share of them, leaving the rest with empty hashes: quicker, and
verify_audit then stops at the first unhashed event).

This is a data generator, not the service layer. It writes in one transaction that opens the
audit guard explicitly (``service_writes()``); on PostgreSQL through COPY with the
foreign-key triggers off for that transaction only (``session_replication_role = replica``,
SET LOCAL: the append-only triggers refuse UPDATE and DELETE, which this never sends; a role
that may not set it, such as the desk's own non-superuser owner, drops the loaded tables'
foreign keys instead and adds them back, checked, after the load), the
secondary indexes dropped and rebuilt after the load, the sequences and the audit chain head
(migration 0005) moved past the loaded rows, and VACUUM (ANALYZE) at the end. On SQLite through
multi-row inserts. The desk must be empty (``--create`` makes a new PostgreSQL database, or
deletes the SQLite file, first). Derived figures the services maintain (counters and
per-claim figures, when the schema has them) are rebuilt by ``claims.services.desk_stats``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import secrets
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


USERS = (("bench-editor", "EDITOR"), ("bench-reporter", "REPORTER"), ("bench-viewer", "VIEWER"))
YEAR_START = datetime(2025, 12, 1, tzinfo=UTC)
YEAR = timedelta(days=365)

FIRST = words(
    "Amara Bogdan Chen Dalia Emeka Farah Goran Hana Ilya Jonas Kemal Leila Marek Nadia "
    "Oren Priya Quentin Rosa Sergei Tamar Uma Viktor Wen Ximena Yusuf Zofia Aiko Bruno "
    "Carmen Dmitri Elif Femi Greta Hugo Ines Jamal Katya Luca Mira Nikos Olga Pablo Rania "
    "Sven Tariq Ursula Vera Wiktor Yara Zane Anouk Basil Cleo Dario Esme Fionn Gia Hamid "
    "Ivo Juno"
)
LAST_A = words("Al Ber Cas Dor El Fer Gal Hol Ibr Jen Kov Lin Mor Nov Ost Pet Rad Sok Tor Val")
LAST_B = words("ani enko sson ova ez ing ard ovic ski man er ley oglu ides ian etti")
SYLLABLES = words("ka lo mi ra ve tu sa no ri be da fe gi ho ju ke lu ma ne po qua si ta vi wo ze")
BODIES = (
    "Ministry of Defence",
    "Interior Ministry",
    "Statistics Office",
    "Border Service",
    "Central Bank",
    "Health Ministry",
    "Energy Agency",
    "Port Authority",
    "Army Command",
    "Intelligence Service",
    "Finance Ministry",
    "Election Commission",
)
OUTLET_NOUNS = (
    "Herald",
    "Tribune",
    "Courier",
    "Observer",
    "Gazette",
    "Post",
    "Chronicle",
    "Dispatch",
    "Ledger",
    "Monitor",
    "Times",
    "Wire",
    "Bulletin",
    "Record",
)
# (dimension, unit, unit name, how the figure reads, how the value is drawn)
FIGURES = (
    ("count", "", "soldier", "{n} soldiers", (100, 200_000)),
    ("count", "", "refugee", "{n} refugees", (50, 3_000_000)),
    ("count", "", "vehicle", "{n} armoured vehicles", (1, 5_000)),
    ("count", "", "drone", "{n} drones", (1, 900)),
    ("count", "", "casualty", "{n} casualties", (1, 120_000)),
    ("currency", "USD", "dollar", "US${n}", (100, 90_000_000)),
    ("currency", "EUR", "euro", "€{n}", (100, 5_000_000)),
    ("area", "km2", "square kilometre", "{n} square kilometres", (1, 30_000)),
    ("mass", "t", "tonne", "{n} tonnes", (1, 2_000_000)),
    ("percent", "%", "percent", "{n} percent", (1, 99)),
    ("length", "km", "kilometre", "{n} kilometres", (1, 3_000)),
    ("duration", "year", "year", "{n} years", (1, 40)),
)
FIGURE_WEIGHTS = (30, 8, 6, 5, 8, 12, 4, 7, 5, 8, 4, 3)
SUBJECTS = (
    "troops stationed near the border",
    "people displaced by the fighting",
    "artillery shells",
    "grain exported through the ports",
    "the monthly payment per recruit",
    "territory changing hands",
    "aid convoys reaching the city",
    "civilian deaths",
    "the defence budget",
    "fuel shipments",
    "prisoners exchanged",
    "schools damaged",
    "households without power",
    "inflation in food prices",
    "the cost of reconstruction",
    "mobilised reservists",
    "wounded soldiers evacuated",
    "homes destroyed",
    "missiles intercepted",
    "sanctioned firms",
)
VERBS = ("said", "reported", "estimated", "assessed", "claimed", "told reporters", "announced")
FILLER = (
    "The statement came as talks resumed in the capital.",
    "Officials declined to give further details.",
    "Independent observers could not verify the account.",
    "The figure was repeated at a briefing later that day.",
    "Residents described long queues at checkpoints.",
    "A spokesperson said more information would follow.",
    "The report drew on satellite imagery and local sources.",
    "Diplomats met again on the following morning.",
)
# Review states of the desk after a year, and verdicts of open claims.
STATES = (("candidate", 45), ("open", 38), ("rejected", 12), ("archived", 5))
VERDICTS = (
    ("unverified", 60),
    ("confirmed", 15),
    ("disputed", 12),
    ("misleading", 8),
    ("unverifiable", 5),
)
RELATIONS = (
    ("corroborates", 45),
    ("contradicts", 20),
    ("context", 20),
    ("refines", 10),
    ("supersedes", 5),
)
KINDS = (
    ("news", 70),
    ("statement", 12),
    ("intelligence", 4),
    ("social", 6),
    ("transcript", 4),
    ("dataset", 2),
    ("other", 2),
)
BIG_CLAIM_MENTIONS = 2126


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def create_database(database_url: str) -> None:
    """A new, empty database (PostgreSQL: dropped and created; SQLite: the file removed)."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    server, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def weighted(rng: random.Random, pairs: Sequence[tuple[str, int]], k: int) -> list[str]:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=k)


def zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


def group_thousands(n: int) -> str:
    return f"{n:,}"


class Desk:
    """The generated rows, table by table, as plain tuples in the column order of COLUMNS."""

    COLUMNS: dict[str, tuple[str, ...]] = {
        "claims_entity": ("id", "name", "kind", "domain", "merged_into_id", "created_at"),
        "claims_source": (
            "id",
            "url",
            "canonical_url",
            "title",
            "outlet_id",
            "authors",
            "published_at",
            "retrieved_at",
            "language",
            "kind",
            "origin",
            "text",
            "sha256",
            "raw_content",
            "raw_content_type",
            "revision",
            "revision_of_id",
            "extraction_status",
            "extraction_error",
            "extracted_at",
            "created_by_id",
            "created_at",
            "archived_at",
        ),
        "claims_claim": (
            "id",
            "statement",
            "value",
            "low",
            "high",
            "qualifier",
            "trend",
            "unit",
            "unit_name",
            "dimension",
            "currency",
            "per",
            "subject",
            "as_of",
            "place",
            "score",
            "state",
            "verdict",
            "current_verdict_id",
            "merged_into_id",
            "version",
            "created_by_id",
            "created_at",
            "updated_at",
        ),
        "claims_mention": (
            "id",
            "claim_id",
            "source_id",
            "quote",
            "start",
            "end",
            "sentence",
            "speaker_id",
            "verb",
            "via_id",
            "extracted",
            "created_by_id",
            "created_at",
        ),
        "claims_verdictrecord": (
            "id",
            "claim_id",
            "verdict",
            "reason",
            "decided_by_id",
            "decided_at",
        ),
        "claims_evidence": (
            "id",
            "claim_id",
            "relation",
            "target_source_id",
            "target_claim_id",
            "passage_start",
            "passage_end",
            "quote",
            "note",
            "created_by_id",
            "created_at",
            "removed_at",
            "removed_by_id",
        ),
        "claims_claimevent": (
            "id",
            "claim_id",
            "source_id",
            "entity_id",
            "action",
            "actor_id",
            "actor_label",
            "channel",
            "correlation_id",
            "reason",
            "before",
            "after",
            "claim_version",
            "created_at",
            "prev_hash",
            "hash",
        ),
    }

    def __init__(self, claims: int, seed: int, editor_id: int, reporter_id: int):
        self.n = claims
        self.rng = random.Random(seed)
        self.editor_id = editor_id
        self.reporter_id = reporter_id
        self.n_sources = max(2, claims // 10)
        self.n_entities = max(30, claims // 50)
        self.n_outlets = max(5, min(300, self.n_entities // 60))
        self.n_mentions = claims * 3 // 2
        self.n_evidence = claims // 5
        self.n_events = claims * 3

    # --- entities -------------------------------------------------------------------------

    def entities(self) -> list[tuple[Any, ...]]:
        rng = self.rng
        names: list[tuple[str, str, str]] = []
        seen: set[str] = set()

        def add(name: str, kind: str, domain: str = "") -> None:
            if name.lower() not in seen:
                seen.add(name.lower())
                names.append((name, kind, domain))

        places = self.places = self._places(max(200, self.n // 200))
        i = 0
        while len(names) < self.n_outlets:
            place = places[i % len(places)].title()
            noun = OUTLET_NOUNS[(i // len(places)) % len(OUTLET_NOUNS)]
            add(f"The {place} {noun}", "outlet", f"{place.lower()}{noun.lower()}.example")
            i += 1
        self.outlet_ids = list(range(1, len(names) + 1))
        for place in places:
            if len(names) >= self.n_entities * 15 // 100 + self.n_outlets:
                break
            for body in BODIES[: rng.randint(1, 4)]:
                add(f"{place.title()} {body}", "government")
        while len(names) < self.n_entities:
            first = rng.choice(FIRST)
            last = rng.choice(LAST_A) + rng.choice(LAST_B)
            middle = rng.choice(SYLLABLES).upper() + "." if rng.random() < 0.5 else ""
            add(" ".join(p for p in (first, middle, last) if p), "person")
        self.speaker_ids = list(range(len(self.outlet_ids) + 1, len(names) + 1))
        self.entity_names = [n for n, _k, _d in names]
        created = YEAR_START - timedelta(days=30)
        return [
            (pk, name, kind, domain, None, created + timedelta(seconds=pk))
            for pk, (name, kind, domain) in enumerate(names, start=1)
        ]

    def _places(self, n: int) -> list[str]:
        rng = self.rng
        out: set[str] = set()
        while len(out) < n:
            out.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        return sorted(out)

    # --- the plan: which claim is mentioned where ------------------------------------------

    def plan(self) -> None:
        """Sources per mention, claims per mention, each claim's figure and sentence."""
        rng, n, n_src = self.rng, self.n, self.n_sources
        # Claims arrive report by report (extraction): report s holds a run of claims.
        counts = [1] * n_src
        for _ in range(n - n_src):
            counts[int(n_src * rng.random() ** 1.3)] += 1
        rng.shuffle(counts)
        self.claim_source = [s for s, c in enumerate(counts, start=1) for _ in range(c)]
        # Extra mentions: a few claims repeated widely, most never again; one over 2,000 times.
        extra = self.n_mentions - n
        big = min(BIG_CLAIM_MENTIONS - 1, max(0, extra // 2))
        self.big_claim = n // 3 + 1
        perm = list(range(1, n + 1))
        rng.shuffle(perm)
        self.extra_mentions = [self.big_claim] * big + [
            perm[int(n * rng.random() ** 3)] for _ in range(extra - big)
        ]
        self.claim_states = weighted(rng, STATES, n)
        self.claim_verdicts = [
            weighted(rng, VERDICTS, 1)[0] if state in ("open", "archived") else "unverified"
            for state in self.claim_states
        ]
        self.figure_kind = rng.choices(range(len(FIGURES)), weights=FIGURE_WEIGHTS, k=n)
        self.values = [
            int(rng.lognormvariate(0, 1.6) * FIGURES[k][4][0] * 10) % FIGURES[k][4][1] + 1
            for k in self.figure_kind
        ]
        outlet_cum = zipf_cum(len(self.outlet_ids), 1.1)
        self.source_outlet = rng.choices(self.outlet_ids, cum_weights=outlet_cum, k=n_src)
        speaker_cum = zipf_cum(len(self.speaker_ids), 1.0)
        self.speaker_cum = speaker_cum
        places_cum = zipf_cum(len(self.places), 0.9)
        self.claim_place = rng.choices(range(len(self.places)), cum_weights=places_cum, k=n)
        self.claim_subject = rng.choices(range(len(SUBJECTS)), k=n)
        self.source_time = sorted(
            YEAR_START + timedelta(seconds=rng.random() * YEAR.total_seconds())
            for _ in range(n_src)
        )

    def figure_text(self, i: int) -> str:
        pattern = FIGURES[self.figure_kind[i - 1]][3]
        return pattern.format(n=group_thousands(self.values[i - 1]))

    # --- sources and mentions ----------------------------------------------------------------

    def sources_and_mentions(self) -> tuple[list[tuple[Any, ...]], Iterator[tuple[Any, ...]]]:
        rng = self.rng
        per_source: list[list[int]] = [[] for _ in range(self.n_sources + 1)]
        for claim, source in enumerate(self.claim_source, start=1):
            per_source[source].append(claim)
        for claim in self.extra_mentions:
            # A figure repeated later, usually in a report after its first one.
            first = self.claim_source[claim - 1]
            per_source[rng.randint(first, self.n_sources)].append(claim)
        kinds = weighted(rng, KINDS, self.n_sources)
        sources: list[tuple[Any, ...]] = []
        mentions: list[tuple[Any, ...]] = []
        self.first_sentence: dict[int, str] = {}
        mention_id = 0
        speakers = rng.choices(self.speaker_ids, cum_weights=self.speaker_cum, k=self.n_mentions)
        for s in range(1, self.n_sources + 1):
            published = self.source_time[s - 1]
            retrieved = published + timedelta(minutes=rng.randint(2, 600))
            outlet = self.source_outlet[s - 1]
            parts: list[str] = [f"Report {s}."]
            position = len(parts[0]) + 1
            for claim in per_source[s]:
                if rng.random() < 0.3:
                    filler = rng.choice(FILLER)
                    parts.append(filler)
                    position += len(filler) + 1
                mention_id += 1
                speaker = speakers[mention_id - 1] if rng.random() < 0.7 else None
                who = self.entity_names[speaker - 1] if speaker else "Officials"
                verb = rng.choice(VERBS)
                figure = self.figure_text(claim)
                subject = SUBJECTS[self.claim_subject[claim - 1]]
                place = self.places[self.claim_place[claim - 1]].title()
                lead = f"{who} {verb} that "
                sentence = f"{lead}{figure} were counted for {subject} in {place}."
                start = position + len(lead)
                end = start + len(figure)
                parts.append(sentence)
                position += len(sentence) + 1
                self.first_sentence.setdefault(claim, sentence)
                via = outlet if speaker and rng.random() < 0.4 else None
                mentions.append(
                    (
                        mention_id,
                        claim,
                        s,
                        figure,
                        start,
                        end,
                        sentence,
                        speaker,
                        verb[:40],
                        via,
                        True,
                        None,
                        retrieved,
                    )
                )
            text = " ".join(parts)
            title_place = self.places[rng.randrange(len(self.places))].title()
            title = f"{title_place}: {rng.choice(SUBJECTS)} (report {s})"
            raw = (
                f"<html><body><p>{text}</p></body></html>".encode() if rng.random() < 0.3 else None
            )
            sources.append(
                (
                    s,
                    f"https://news{outlet}.example/{s}",
                    "",
                    title,
                    outlet,
                    "[]",
                    published if rng.random() < 0.9 else None,
                    retrieved,
                    "en",
                    kinds[s - 1],
                    "url",
                    text,
                    hashlib.sha256(text.encode()).hexdigest(),
                    raw,
                    "text/html" if raw else "",
                    1,
                    None,
                    "done",
                    "",
                    retrieved,
                    self.reporter_id,
                    retrieved,
                    None,
                )
            )
        self.source_retrieved = {row[0]: row[7] for row in sources}
        return sources, iter(mentions)

    # --- claims, verdicts, evidence, events --------------------------------------------------

    def claims_and_history(
        self, chain_share: float
    ) -> tuple[
        list[tuple[Any, ...]],
        list[tuple[Any, ...]],
        list[tuple[Any, ...]],
        Iterator[tuple[Any, ...]],
    ]:
        from claims import audit

        rng = self.rng
        claims: list[tuple[Any, ...]] = []
        verdicts: list[tuple[Any, ...]] = []
        timeline: list[tuple[datetime, int, int, str, dict[str, Any], dict[str, Any]]] = []
        for i in range(1, self.n + 1):
            k = self.figure_kind[i - 1]
            dimension, unit, unit_name, _pattern, _range = FIGURES[k]
            value = Decimal(self.values[i - 1])
            state = self.claim_states[i - 1]
            verdict = self.claim_verdicts[i - 1]
            created = self.source_retrieved[self.claim_source[i - 1]] + timedelta(seconds=5)
            statement = self.first_sentence[i][:400]
            subject = SUBJECTS[self.claim_subject[i - 1]]
            snapshot = {
                "statement": statement,
                "value": str(value),
                "low": None,
                "high": None,
                "qualifier": "=",
                "trend": "",
                "unit": unit,
                "unit_name": unit_name,
                "dimension": dimension,
                "currency": unit if dimension == "currency" else "",
                "per": "",
                "subject": subject,
                "as_of": "",
                "place": "",
                "state": "candidate",
                "verdict": "unverified",
                "merged_into": None,
            }
            events: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
                ("claim.extracted", {}, dict(snapshot))
            ]
            if state in ("open", "archived"):
                events.append(("claim.accepted", {"state": "candidate"}, {"state": "open"}))
            if verdict != "unverified":
                events.append(
                    (
                        "claim.verdict",
                        {"verdict": "unverified"},
                        {"verdict": verdict, "evidence_relied_on": []},
                    )
                )
            if state == "rejected":
                events.append(("claim.rejected", {"state": "candidate"}, {"state": "rejected"}))
            if state == "archived":
                events.append(("claim.archived", {"state": "open"}, {"state": "archived"}))
            place = ""
            while rng.random() < 0.55:
                new = self.places[rng.randrange(len(self.places))].title()
                events.append(("claim.edited", {"place": place}, {"place": new}))
                place = new
            t = created
            stamps = []
            for _ in events:
                stamps.append(t)
                t += timedelta(seconds=rng.randint(30, 86_400))
            updated = stamps[-1]
            verdict_id = None
            if verdict != "unverified":
                verdict_id = len(verdicts) + 1
                at = stamps[[e[0] for e in events].index("claim.verdict")]
                reason = (
                    "" if verdict == "confirmed" else "The figures in the cited reports differ."
                )
                verdicts.append((verdict_id, i, verdict, reason, self.editor_id, at))
            claims.append(
                (
                    i,
                    statement,
                    value,
                    None,
                    None,
                    "=",
                    "",
                    unit,
                    unit_name,
                    dimension,
                    unit if dimension == "currency" else "",
                    "",
                    subject,
                    "",
                    place,
                    round(rng.uniform(0.3, 1.0), 3),
                    state,
                    verdict,
                    verdict_id,
                    None,
                    len(events),
                    None,
                    created,
                    updated,
                )
            )
            for version, ((action, before, after), at) in enumerate(
                zip(events, stamps, strict=True), start=1
            ):
                timeline.append((at, i, version, action, before, after))
        # Events in time order (ids follow the chain).
        timeline.sort(key=lambda e: (e[0], e[1], e[2]))
        self.n_events = len(timeline)
        hashed = int(len(timeline) * chain_share)
        self.chain_head = (audit.GENESIS_HASH, audit.GENESIS_HASH)
        encode = audit._encode

        def event_rows() -> Iterator[tuple[Any, ...]]:
            prev = audit.GENESIS_HASH
            last_prev = prev
            for pk, (at, claim, version, action, before, after) in enumerate(timeline, start=1):
                corr = uuid.UUID(int=pk)
                actor, label = (
                    (None, "task:extract_source")
                    if version == 1
                    else (self.editor_id, "bench-editor")
                )
                channel = "task" if version == 1 else "web"
                source = self.claim_source[claim - 1] if version == 1 else None
                reason = "" if action != "claim.rejected" else "Not a figure worth tracking."
                if pk <= hashed:
                    digest = audit.hash_of_values(
                        (
                            action,
                            actor,
                            label,
                            after,
                            before,
                            channel,
                            claim,
                            version,
                            corr,
                            at,
                            None,
                            prev,
                            reason,
                            source,
                        )
                    )
                    row_prev, row_hash = prev, digest
                    last_prev, prev = prev, digest
                    self.chain_head = (last_prev, prev)
                else:
                    row_prev = row_hash = ""
                yield (
                    pk,
                    claim,
                    source,
                    None,
                    action,
                    actor,
                    label,
                    channel,
                    str(corr),
                    reason,
                    encode(before),
                    encode(after),
                    version,
                    at,
                    row_prev,
                    row_hash,
                )

        return claims, verdicts, self.evidence(), event_rows()

    def evidence(self) -> list[tuple[Any, ...]]:
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        seen: set[tuple[int, str, int]] = set()
        relations = weighted(rng, RELATIONS, self.n_evidence)
        while len(rows) < self.n_evidence:
            claim = rng.randint(1, self.n)
            relation = relations[len(rows)]
            to_claim = rng.random() < 0.2
            target = rng.randint(1, self.n if to_claim else self.n_sources)
            if (to_claim and target == claim) or (
                claim,
                relation,
                target * (1 - 2 * to_claim),
            ) in seen:
                continue
            seen.add((claim, relation, target * (1 - 2 * to_claim)))
            at = YEAR_START + timedelta(seconds=rng.random() * YEAR.total_seconds())
            removed = at + timedelta(days=1) if rng.random() < 0.05 else None
            rows.append(
                (
                    len(rows) + 1,
                    claim,
                    relation,
                    None if to_claim else target,
                    target if to_claim else None,
                    None,
                    None,
                    "",
                    "Linked while checking the figure.",
                    self.editor_id,
                    at,
                    removed,
                    self.editor_id if removed else None,
                )
            )
        return rows


# --- writing -----------------------------------------------------------------------------


def _postgres_write(cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Any]) -> int:
    quoted = ", ".join(f'"{c}"' for c in columns)
    count = 0
    with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _sqlite_write(cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Any]) -> int:
    quoted = ", ".join(f'"{c}"' for c in columns)
    # 999 variables at most per statement on older SQLite builds; 32766 on current ones.
    per = max(1, 30000 // len(columns))
    one = "(" + ", ".join("?" * len(columns)) + ")"
    count = 0
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, per)):
        values = [_sqlite_value(v) for row in batch for v in row]
        sql = f"INSERT INTO {table} ({quoted}) VALUES {', '.join([one] * len(batch))}"  # noqa: S608
        cursor.execute(sql, values)
        count += len(batch)
    return count


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, bool):
        return int(value)
    return value


TABLES = tuple(Desk.COLUMNS)
# Indexes that back a constraint (primary keys, unique) stay during the load; others are
# dropped and rebuilt, which is several times quicker than maintaining them row by row.
_SECONDARY_INDEXES = """
SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes AS i
 WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
   AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conname = i.indexname)
"""
# Foreign keys of the loaded tables, for a role that may not switch triggers off
# (session_replication_role needs a superuser): dropped for the load, then added back,
# each checked in one pass over its table rather than row by row.
_FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
  FROM pg_constraint AS c
 WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
"""


def _foreign_keys_off(cursor: Any) -> list[tuple[str, str, str]]:
    """Switch foreign-key checks off for this transaction: the replication role when the
    role may set it, otherwise drop the constraints (returned, to be added back)."""
    from psycopg.errors import InsufficientPrivilege

    cursor.execute("SAVEPOINT fk_off")
    try:
        cursor.execute("SET LOCAL session_replication_role = replica")
    except InsufficientPrivilege:
        cursor.execute("ROLLBACK TO SAVEPOINT fk_off")
    else:
        cursor.execute("RELEASE SAVEPOINT fk_off")
        return []
    cursor.execute(_FOREIGN_KEYS, [list(TABLES)])
    keys = list(cursor.fetchall())
    for table, name, _definition in keys:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return keys


def generate(claims: int, *, seed: int, chain_share: float) -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from claims.management.commands.create_desk_user import set_up_user
    from claims.models import Claim, Source
    from claims.permissions import Role
    from claims.querysets import service_writes

    if Claim.objects.exists() or Source.objects.exists():
        raise SystemExit("The desk is not empty: give --create, or an empty database.")
    for username, role in USERS:
        set_up_user(
            username=username,
            role=Role[role],
            password=secrets.token_urlsafe(16),
            check_password=False,
        )
    editor = User.objects.get(username="bench-editor")
    reporter = User.objects.get(username="bench-reporter")
    desk = Desk(claims, seed, editor.pk, reporter.pk)
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}
    began = time.perf_counter()
    postgres = connection.vendor == "postgresql"
    write = _postgres_write if postgres else _sqlite_write

    def load(cursor: Any, table: str, rows: Iterable[Any]) -> None:
        t = time.perf_counter()
        counts[table] = write(cursor, table, Desk.COLUMNS[table], rows)
        timings[table] = time.perf_counter() - t
        print(f"  {table}: {counts[table]:,} rows in {timings[table]:.1f} s", flush=True)

    with transaction.atomic(), service_writes(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor if postgres else django_cursor
        dropped: list[tuple[str, str, str]] = []
        foreign_keys: list[tuple[str, str, str]] = []
        if postgres:
            foreign_keys = _foreign_keys_off(cursor)
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(_SECONDARY_INDEXES, [list(TABLES)])
            dropped = list(cursor.fetchall())
            for _table, name, _definition in dropped:
                cursor.execute(f'DROP INDEX "{name}"')
        else:
            cursor.execute("PRAGMA defer_foreign_keys = ON")
        t = time.perf_counter()
        load(cursor, "claims_entity", desk.entities())
        desk.plan()
        sources, mentions = desk.sources_and_mentions()
        timings["plan"] = time.perf_counter() - t
        load(cursor, "claims_source", _with_added_columns("claims_source", sources))
        # A mention's report time (published, else retrieved), as the services store it.
        reported = {row[0]: row[6] or row[7] for row in sources}
        del sources
        load(
            cursor,
            "claims_mention",
            _with_added_columns("claims_mention", _with_reported_at(mentions, reported)),
        )
        claim_rows, verdict_rows, evidence_rows, events = desk.claims_and_history(chain_share)
        # Columns a later schema added (derived figures): their defaults, then rebuilt below.
        load(
            cursor,
            "claims_claim",
            _with_added_columns("claims_claim", _with_normal_fields(claim_rows)),
        )
        del claim_rows
        load(cursor, "claims_verdictrecord", verdict_rows)
        load(cursor, "claims_evidence", evidence_rows)
        load(cursor, "claims_claimevent", events)
        t = time.perf_counter()
        if postgres:
            # The derived figures are an UPDATE of every mention and every claim: each of
            # those tables gets its indexes after its update (the claims' update reads the
            # mentions by claim, so the mentions' indexes come between the two).
            # An index built after an UPDATE in the same transaction cannot serve it (it
            # waits for the transaction's end: pg_index.indcheckxmin), so only the claims'
            # indexes, which the derived figures do not read, are built after it.

            def step(label: str, run: Callable[[], Any]) -> None:
                began = time.perf_counter()
                run()
                timings[label] = time.perf_counter() - began
                print(f"  {label}: {timings[label]:.1f} s", flush=True)

            def indexes(tables: Callable[[str], bool]) -> None:
                for table, _name, definition in dropped:
                    if tables(table):
                        cursor.execute(definition)

            step("indexes", lambda: indexes(lambda table: table != "claims_claim"))
            # Statistics first, or the planner takes the fresh tables for empty ones and
            # reads the claims' mentions by seq scan, once per claim.
            step(
                "analyze: mentions", lambda: cursor.execute("ANALYZE claims_mention, claims_source")
            )
            step("derived: claims", lambda: _rebuild_derived(stage="claims"))
            step("indexes: claims", lambda: indexes(lambda table: table == "claims_claim"))

            def add_foreign_keys() -> None:
                for table, name, definition in foreign_keys:
                    cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')

            step("foreign keys", add_foreign_keys)
            t_matches = time.perf_counter()
            counts["claims_figurematch"] = figure_matches(cursor, editor.pk)
            timings["claims_figurematch"] = time.perf_counter() - t_matches
            for table in TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608
                    f" (SELECT max(id) FROM {table}))"
                )
            cursor.execute(
                "UPDATE claims_auditchainhead SET prev_hash = %s, hash = %s WHERE id = 1",
                list(desk.chain_head),
            )
        else:
            _rebuild_derived()
            timings["derived"] = time.perf_counter() - t
            t = time.perf_counter()
            counts["claims_figurematch"] = figure_matches(cursor, editor.pk)
            timings["claims_figurematch"] = time.perf_counter() - t
    t = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM on PostgreSQL as autovacuum would on a live desk: the derived figures and the
        # suggestions' counts updated every claim once more after the load, so half the heap
        # is dead rows, and until a vacuum sets the visibility map an index scan reads them all
        # (a candidate look-up at 1,000,000 claims read 13,849 heap pages for 300 rows)
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
    timings["analyze"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - began
    return {
        "claims": claims,
        "rows": counts,
        "seconds": timings,
        "big_claim": desk.big_claim,
        "events_hashed": int(desk.n_events * chain_share),
        "database": connection.vendor,
    }


# The matching engine's stored suggestions, as a year of extraction leaves them: about one
# claim in eight paired with its nearest figure in the same canonical unit (a quarter of them
# conflicts), most still open, some dismissed. Set-based, after the claims are loaded.
FIGURE_MATCHES_SQL = """
INSERT INTO claims_figurematch
    (claim_id, other_id, relation, score, reason, difference, size, status,
     decided_by_id, decided_at, created_at)
SELECT id, other,
       CASE (id / 8) %% 4 WHEN 0 THEN 'same' WHEN 1 THEN 'refines'
                          WHEN 2 THEN 'conflicts' ELSE 'supersedes' END,
       0.3 + ((id * 7919) %% 70) / 100.0,
       'Same unit, near magnitude, shared words (generated).',
       diff, abs(diff),
       CASE WHEN id %% 5 = 0 THEN 'dismissed' ELSE 'open' END,
       CASE WHEN id %% 5 = 0 THEN %s END,
       CASE WHEN id %% 5 = 0 THEN created_at END,
       created_at
  FROM (SELECT id, created_at, other,
               CASE WHEN norm_low = 0 THEN 0
                    ELSE round(10000.0 * (other_low - norm_low) / abs(norm_low)) / 100.0 END AS diff
          FROM (SELECT id, created_at, norm_low,
                       lead(id) OVER w AS other, lead(norm_low) OVER w AS other_low
                  FROM claims_claim
                 WHERE norm_unit <> '' AND state <> 'rejected' AND merged_into_id IS NULL
                WINDOW w AS (PARTITION BY norm_unit ORDER BY norm_low, id)) AS near) AS pairs
 WHERE other IS NOT NULL AND id %% 8 = 0
"""


def figure_matches(cursor: Any, editor_id: int) -> int:
    """Store the generated suggestions (when the schema has them); their number."""
    from django.apps import apps

    try:
        apps.get_model("claims", "FigureMatch")
    except LookupError:
        return 0
    cursor.execute(FIGURE_MATCHES_SQL, [editor_id])
    cursor.execute("SELECT count(*) FROM claims_figurematch")
    return int(cursor.fetchone()[0])


def _with_reported_at(
    rows: Iterable[tuple[Any, ...]], reported: dict[int, datetime]
) -> Iterable[tuple[Any, ...]]:
    """Mention rows with ``reported_at`` (when the schema has it): their report's time."""
    from claims.models import Mention

    if "reported_at" not in {f.column for f in Mention._meta.concrete_fields}:
        return rows
    source = Desk.COLUMNS["claims_mention"].index("source_id")
    Desk.COLUMNS["claims_mention"] += ("reported_at",)
    return ((*row, reported[row[source]]) for row in rows)


def _with_normal_fields(rows: Iterable[tuple[Any, ...]]) -> Iterable[tuple[Any, ...]]:
    """Claim rows with the normalised quantity the services compute on every write
    (claims.matching.normalize), so that matching and its indexes see a real desk."""
    try:
        from claims.matching.normalize import normal_fields
    except ImportError:
        return rows
    from types import SimpleNamespace

    columns = Desk.COLUMNS["claims_claim"]
    names = tuple(normal_fields(SimpleNamespace(**dict.fromkeys(columns, ""))).keys())
    Desk.COLUMNS["claims_claim"] = columns + names

    def rows_with() -> Iterator[tuple[Any, ...]]:
        for row in rows:
            fields = normal_fields(SimpleNamespace(**dict(zip(columns, row, strict=True))))
            yield row + tuple(fields[name] for name in names)

    return rows_with()


def _with_added_columns(table: str, rows: Iterable[Any]) -> Iterable[Any]:
    """``rows`` with the columns a later schema added to ``table`` (and this generator does
    not write itself), each with the value a new row gets; COLUMNS learns their names."""
    added = _added_columns(table)
    if not added:
        return rows
    Desk.COLUMNS[table] += tuple(added)
    tail = tuple(added.values())
    return (row + tail for row in rows)


def _added_columns(table: str) -> dict[str, Any]:
    from django.apps import apps
    from django.db.models import NOT_PROVIDED

    model = next(m for m in apps.get_app_config("claims").get_models() if m._meta.db_table == table)
    known = set(Desk.COLUMNS[table])
    added: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        column = str(field.column)
        if column in known:
            continue
        if field.default is not NOT_PROVIDED or field.null or field.empty_strings_allowed:
            # The model's default; None for a nullable column; "" for a text column.
            added[column] = field.get_default()
        else:
            raise SystemExit(f"{table}.{column} needs a value: teach the generator")
    return added


def _rebuild_derived(stage: str = "") -> None:
    """Recompute what the services maintain (counters, per-claim figures): all of it, or
    ``stage`` "claims": all but the mentions' report times (the generator wrote those)."""
    from claims.services import desk_stats

    desk_stats.rebuild_all(mentions=stage != "claims")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://factdesk@127.0.0.1:5432/fd_bench"),
    )
    parser.add_argument("--create", action="store_true", help="start from a new database")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--chain-share", type=float, default=1.0)
    parser.add_argument("--json", help="write the summary here as JSON")
    parser.add_argument(
        "--add-matches",
        action="store_true",
        help="only add the generated matching suggestions to a desk built without them",
    )
    args = parser.parse_args()
    if args.add_matches:
        setup_django(args.database_url)
        from django.contrib.auth.models import User
        from django.db import connection, transaction

        from claims.querysets import service_writes

        editor = User.objects.get(username=USERS[0][0])
        with transaction.atomic(), service_writes(), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM claims_figurematch")
            if cursor.fetchone()[0]:
                raise SystemExit("The desk already has suggestions.")
            t = time.perf_counter()
            n = figure_matches(cursor, editor.pk)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_figurematch")
        print(f"  claims_figurematch: {n:,} rows in {time.perf_counter() - t:.1f} s")
        return 0
    if args.create:
        create_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    summary = generate(
        args.claims, seed=args.seed, chain_share=max(0.0, min(1.0, args.chain_share))
    )
    print(json.dumps(summary, indent=2, default=str))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
