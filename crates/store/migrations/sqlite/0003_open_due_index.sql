-- Only open dossiers are listed by due instant (the list's `due_before` filter also asks for
-- `ended_at IS NULL`, which every open status implies): ended dossiers, among them every
-- imported history, no longer get an entry in this index.
DROP INDEX dossiers_due;
CREATE INDEX dossiers_due ON dossiers (due_at) WHERE due_at IS NOT NULL AND ended_at IS NULL;
