-- Statistics rows follow two rules changed with this migration: an electronic result needs a
-- stored result file, and a flag tells procedures whose result is not a document. Rows of
-- dossiers stored before are rewritten on the next start.
INSERT INTO pending_backfills (name) SELECT 'dossier_stats' WHERE EXISTS (SELECT 1 FROM dossiers)
ON CONFLICT (name) DO NOTHING;
