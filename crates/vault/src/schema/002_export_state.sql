-- Schema 2: what the next preference file for each organisation needs,
-- kept in a table instead of being read back out of the history's JSON:
-- the sequence number the next file gets, and the key epoch in use (how
-- many times the organisation's key was rotated).
CREATE TABLE export_state (
    org_id        TEXT PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
    next_sequence INTEGER NOT NULL CHECK (next_sequence >= 1),
    key_epoch     INTEGER NOT NULL CHECK (key_epoch >= 0)
) STRICT;

-- A vault made before schema 2 knows both only from its history: the
-- newest file's sequence number (plus one), and one epoch per rotation.
INSERT INTO export_state (org_id, next_sequence, key_epoch)
SELECT f.org_id,
       coalesce((SELECT CASE WHEN json_valid(l.after) THEN json_extract(l.after, '$.sequence') END
                 FROM event l
                 WHERE l.org_id = f.org_id AND l.kind IN ('exported', 'key-rotated')
                 ORDER BY l.seq DESC LIMIT 1), 0) + 1,
       sum(f.kind = 'key-rotated')
FROM event f
WHERE f.kind IN ('exported', 'key-rotated')
  AND f.org_id IN (SELECT id FROM organisation)
GROUP BY f.org_id;
