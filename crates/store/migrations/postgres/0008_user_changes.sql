-- Who enabled or disabled a user account, and when: one row per change, never updated.
CREATE TABLE user_changes (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    active   BOOLEAN NOT NULL,
    actor    TEXT NOT NULL,
    at       TIMESTAMP NOT NULL
);
CREATE INDEX user_changes_username ON user_changes (username, id);
