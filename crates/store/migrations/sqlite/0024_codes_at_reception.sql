-- A dossier submitted online is numbered in its unit's series of submissions
-- (`<unit>-<yymmdd>-TT<NNNN>`) and gets its code when it is received, from the reception day's
-- sequence (docs/rules.md §6.5). Its history stays under the submission number (`dossiers.code`
-- is the key a dossier is stored under, fixed at creation); the code given at reception points
-- to it from here.
CREATE TABLE submission_sequences (
    unit_code TEXT NOT NULL,
    day       TEXT NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (unit_code, day)
) STRICT;

CREATE TABLE dossier_codes (
    code    TEXT PRIMARY KEY,
    dossier TEXT NOT NULL UNIQUE REFERENCES dossiers (code)
) STRICT;
