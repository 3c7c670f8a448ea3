-- The spinscope store: one row per analysed article and flat, queryable tables for what was found in it.
-- Every table carries `article` (the content hash of the input record, Record.content_key()), so that a
-- re-run never writes an article twice and every finding can be joined back to its article, and `key`, the
-- first 64 bits of that hash as an integer: joins on it are about twice as fast as on the 64-character hash.
-- No table has an index: DuckDB keeps indexes in memory, which would grow with the store. Store.write keeps
-- every article once instead (it is the only writer: DuckDB lets one process at a time write the file).

CREATE TABLE IF NOT EXISTS articles (
    article      VARCHAR NOT NULL,      -- content hash of the input record, once per store
    key          UBIGINT NOT NULL,      -- its first 64 bits, once per store: what queries join on
    id           VARCHAR,               -- the input's own id, when it had one
    source       VARCHAR NOT NULL,      -- where the record was read (file:line, feed item, URL)
    outlet       VARCHAR,
    url          VARCHAR,
    title        VARCHAR,
    published    TIMESTAMP,             -- the article's date, when known
    language     VARCHAR NOT NULL,
    words        INTEGER NOT NULL,
    technique_spans   INTEGER NOT NULL,  -- counts of the rows below, kept here so that an overview of
    quotes            INTEGER NOT NULL,  -- millions of articles reads one table
    attributed_quotes INTEGER NOT NULL,  -- quotes with a known speaker
    narratives        INTEGER NOT NULL,
    genre        VARCHAR,
    frames       VARCHAR[],
    model        VARCHAR,               -- model name, or NULL for lexicons only
    analysed_at  TIMESTAMP NOT NULL,
    analysis     JSON NOT NULL          -- the whole Analysis, as `spinscope analyze --format json` writes it
);

CREATE TABLE IF NOT EXISTS techniques (
    article      VARCHAR NOT NULL,
    key          UBIGINT NOT NULL,
    technique    VARCHAR NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    confidence   DOUBLE NOT NULL,
    sentence     INTEGER,               -- index of the sentence that holds the span
    paragraph    INTEGER,               -- 1-based paragraph id
    source       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS labels (           -- techniques per sentence / paragraph, spans or not
    article      VARCHAR NOT NULL,
    key          UBIGINT NOT NULL,
    level        VARCHAR NOT NULL,       -- 'sentence' or 'paragraph'
    unit         INTEGER NOT NULL,       -- sentence index or paragraph id
    technique    VARCHAR NOT NULL,
    confidence   DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    article      VARCHAR NOT NULL,
    key          UBIGINT NOT NULL,
    entity       VARCHAR NOT NULL,       -- canonical id, e.g. org:nato
    name         VARCHAR NOT NULL,
    type         VARCHAR NOT NULL,
    mentions     INTEGER NOT NULL,
    main_role    VARCHAR,                -- Protagonist / Antagonist / Innocent, when cast
    fine_roles   VARCHAR[],
    role_confidence DOUBLE
);

CREATE TABLE IF NOT EXISTS quotes (
    article      VARCHAR NOT NULL,
    key          UBIGINT NOT NULL,
    kind         VARCHAR NOT NULL,       -- direct / reported
    speaker      VARCHAR,                -- entity id, NULL when unattributed
    speaker_name VARCHAR,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    confidence   DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS narratives (
    article      VARCHAR NOT NULL,
    key          UBIGINT NOT NULL,
    narrative    VARCHAR NOT NULL,       -- catalogue id
    name         VARCHAR NOT NULL,
    catalogue    VARCHAR NOT NULL,
    parent       VARCHAR,                -- for subnarratives
    confidence   DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS article_techniques (  -- spans per article and technique, counted at batch time
    article      VARCHAR NOT NULL,
    key          UBIGINT NOT NULL,
    technique    VARCHAR NOT NULL,
    spans        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS errors (           -- inputs that could not be analysed, with the reason
    source       VARCHAR NOT NULL,
    id           VARCHAR,
    reason       VARCHAR NOT NULL,
    "at"         TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS store_info (       -- what wrote this file: tells a spinscope store from any DuckDB file
    key          VARCHAR PRIMARY KEY,
    value        VARCHAR NOT NULL
);
