"""The chain head on PostgreSQL: a one-row table that record_event locks, reads and moves.

``claims_auditchainhead`` holds the hash of the last event (and the one before it). Appending
an event is then one call of ``factdesk_append_event()``, one round trip: UPDATE the head row,
which locks it until the transaction ends and, in READ COMMITTED, re-reads the newest
committed head after waiting (never a stale one), computing the new event's hash from the
canonical content the application sends around the prev_hash value; then INSERT the event
with the old head as its prev_hash. It replaces the advisory lock + SELECT of the last event +
INSERT (three round trips). A PL/pgSQL function keeps its plans for the session; the same
work as one CTE statement was parsed and planned on every event.

The row starts at the current last event (or the genesis hash). When the events table is
emptied with TRUNCATE (allowed only on the test database, see 0003), a trigger puts the head
back to the genesis hash, so the next event starts a new chain rather than a broken one.
(0006 drops that trigger: only the test database gets it, from the test run.)
Events inserted by other means than record_event (a bulk load) must move the head themselves.

Not a Django model (nothing reads it but record_event), so ``makemigrations`` does not see
it. On other databases (SQLite, whose writers are serialised anyway) this migration does
nothing.
"""

from django.db import migrations

CREATE = """
CREATE TABLE claims_auditchainhead (
    id smallint PRIMARY KEY CHECK (id = 1),
    prev_hash varchar(64) NOT NULL,
    hash varchar(64) NOT NULL
);
INSERT INTO claims_auditchainhead (id, prev_hash, hash)
SELECT 1, coalesce(last.prev_hash, repeat('0', 64)), coalesce(last.hash, repeat('0', 64))
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
      SELECT prev_hash, hash FROM claims_claimevent ORDER BY id DESC LIMIT 1
  ) AS last ON true;

CREATE FUNCTION factdesk_chain_head_reset() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claims_auditchainhead SET prev_hash = repeat('0', 64), hash = repeat('0', 64);
    RETURN NULL;
END;
$$;
CREATE TRIGGER claims_claimevent_chain_head_reset AFTER TRUNCATE ON claims_claimevent
    FOR EACH STATEMENT EXECUTE FUNCTION factdesk_chain_head_reset();

CREATE FUNCTION factdesk_append_event(
    content_head bytea, content_tail bytea, p_claim_id bigint, p_source_id bigint,
    p_entity_id bigint, p_action varchar, p_actor_id integer, p_actor_label varchar,
    p_channel varchar, p_correlation_id uuid, p_reason text, p_before jsonb, p_after jsonb,
    p_claim_version integer, p_created_at timestamptz,
    OUT event_id bigint, OUT event_prev_hash varchar, OUT event_hash varchar)
LANGUAGE plpgsql AS $$
BEGIN
    -- Locks the head row until the transaction ends; in READ COMMITTED an UPDATE that waited
    -- for the lock works on the newest committed row, so the head read here is never stale.
    UPDATE claims_auditchainhead AS h
       SET prev_hash = h.hash,
           hash = encode(sha256(content_head || convert_to(h.hash, 'UTF8') || content_tail), 'hex')
     WHERE h.id = 1
 RETURNING h.prev_hash, h.hash INTO event_prev_hash, event_hash;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'factdesk: the audit chain head row is missing (migration 0005)';
    END IF;
    -- The id comes from the sequence only now, under the lock: ids follow the chain.
    INSERT INTO claims_claimevent
        (claim_id, source_id, entity_id, action, actor_id, actor_label, channel, correlation_id,
         reason, before, after, claim_version, created_at, prev_hash, hash)
    VALUES (p_claim_id, p_source_id, p_entity_id, p_action, p_actor_id, p_actor_label, p_channel,
            p_correlation_id, p_reason, p_before, p_after, p_claim_version, p_created_at,
            event_prev_hash, event_hash)
    RETURNING id INTO event_id;
END;
$$;
"""

DROP = """
DROP FUNCTION IF EXISTS factdesk_append_event(
    bytea, bytea, bigint, bigint, bigint, varchar, integer, varchar, varchar, uuid, text, jsonb,
    jsonb, integer, timestamptz);
DROP TRIGGER IF EXISTS claims_claimevent_chain_head_reset ON claims_claimevent;
DROP FUNCTION IF EXISTS factdesk_chain_head_reset();
DROP TABLE IF EXISTS claims_auditchainhead;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE, params=None)  # None: no placeholders here


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_factsheets")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
