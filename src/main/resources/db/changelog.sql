--liquibase formatted sql

-- Driftwatch's schema. The same changesets run on the embedded default (H2 in PostgreSQL mode) and
-- on PostgreSQL, so only types and syntax both understand are used. Applied by
--   java -jar driftwatch.jar db migrate config.yml
-- Never edit a changeset that has shipped: add a new one.

--changeset driftwatch:1-datasets
CREATE TABLE datasets (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    sha256      CHAR(64)     NOT NULL UNIQUE,
    format      VARCHAR(32)  NOT NULL,
    row_count   BIGINT       NOT NULL,
    byte_count  BIGINT       NOT NULL,
    columns     TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

--changeset driftwatch:1-reference-profiles
CREATE TABLE reference_profiles (
    sha256      CHAR(64)     NOT NULL PRIMARY KEY,
    dataset_id  VARCHAR(64)  NOT NULL REFERENCES datasets (id),
    row_count   BIGINT       NOT NULL,
    byte_count  BIGINT       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

--changeset driftwatch:1-monitors
CREATE TABLE monitors (
    id              VARCHAR(100) NOT NULL PRIMARY KEY,
    definition      TEXT         NOT NULL,
    media_type      VARCHAR(64)  NOT NULL,
    reference_id    VARCHAR(64)  NOT NULL REFERENCES datasets (id),
    profile_sha256  CHAR(64)     NOT NULL REFERENCES reference_profiles (sha256),
    version         INTEGER      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

--changeset driftwatch:1-checks
CREATE TABLE checks (
    id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    monitor_id          VARCHAR(100) NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    monitor_version     INTEGER      NOT NULL,
    dataset_id          VARCHAR(64)  NOT NULL REFERENCES datasets (id),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    drift_detected      BOOLEAN      NOT NULL,
    drift_share         DOUBLE PRECISION NOT NULL,
    share_threshold     DOUBLE PRECISION NOT NULL,
    column_count        INTEGER      NOT NULL,
    drifted_count       INTEGER      NOT NULL,
    error_count         INTEGER      NOT NULL,
    duration_ms         BIGINT       NOT NULL,
    result              TEXT         NOT NULL,
    report_file         VARCHAR(1000) NOT NULL
);
CREATE INDEX checks_by_monitor_time ON checks (monitor_id, created_at, id);

--changeset driftwatch:1-check-columns
CREATE TABLE check_columns (
    check_id     VARCHAR(64)   NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
    position     INTEGER       NOT NULL,
    name         VARCHAR(1000) NOT NULL,
    column_type  VARCHAR(32)   NOT NULL,
    test         VARCHAR(64),
    score        DOUBLE PRECISION,
    threshold    DOUBLE PRECISION,
    drifted      BOOLEAN       NOT NULL,
    error        TEXT,
    PRIMARY KEY (check_id, position)
);
