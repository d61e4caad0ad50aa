-- Who enabled or disabled a user account, and when: one row per change, never updated.
CREATE TABLE user_changes (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    active   INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;
CREATE INDEX user_changes_username ON user_changes (username, id);
