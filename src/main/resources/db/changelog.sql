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

--changeset driftwatch:2-failed-checks
-- A check that could not run (an unreadable batch, columns that do not line up) is recorded too,
-- with its reason, so it shows in the history and can feed the alert policy ("check error").
ALTER TABLE checks ADD COLUMN status VARCHAR(16) DEFAULT 'ok' NOT NULL;
ALTER TABLE checks ADD COLUMN error TEXT;
ALTER TABLE checks ALTER COLUMN result DROP NOT NULL;
ALTER TABLE checks ALTER COLUMN report_file DROP NOT NULL;

--changeset driftwatch:2-incidents
-- One row per incident of a monitor: opened by the first check that breaches the alert policy,
-- updated by the breaching checks after it, closed by the first clean one.
CREATE TABLE incidents (
    id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    monitor_id          VARCHAR(100) NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_by           VARCHAR(64)  NOT NULL,
    last_breach_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_breach_check   VARCHAR(64)  NOT NULL,
    breaching_checks    INTEGER      NOT NULL,
    retrain_requested   BOOLEAN      NOT NULL,
    closed_at           TIMESTAMP WITH TIME ZONE,
    closed_by           VARCHAR(64)
);
CREATE INDEX incidents_by_monitor ON incidents (monitor_id, opened_at);

--changeset driftwatch:2-outbox
-- Alerts and retraining triggers waiting to be delivered, written in the same transaction as the
-- check that caused them. The worker claims a due row by setting claimed_until (a lease), sends
-- it, and records the outcome; a crash mid-send leaves the lease to expire and the row is retried.
CREATE TABLE outbox (
    id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    idempotency_key     VARCHAR(400) NOT NULL UNIQUE,
    monitor_id          VARCHAR(100) NOT NULL,
    check_id            VARCHAR(64),
    incident_id         VARCHAR(64),
    target_kind         VARCHAR(16)  NOT NULL,
    target_name         VARCHAR(100) NOT NULL,
    event               VARCHAR(32)  NOT NULL,
    payload             TEXT         NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    attempts            INTEGER      NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until       TIMESTAMP WITH TIME ZONE,
    delivered_at        TIMESTAMP WITH TIME ZONE,
    last_error          TEXT,
    external_id         VARCHAR(400)
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_monitor ON outbox (monitor_id, created_at);

--changeset driftwatch:3-reference-versions
-- Every reference a monitor has checked against: version 1 is the one it was created with; a new
-- version is added when an update changes the reference or its profile, and each time a rolling
-- reference is re-profiled from a past window of the source (window_start, window_end).
CREATE TABLE reference_versions (
    monitor_id      VARCHAR(100) NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    version         INTEGER      NOT NULL,
    dataset_id      VARCHAR(64)  NOT NULL REFERENCES datasets (id),
    profile_sha256  CHAR(64)     NOT NULL REFERENCES reference_profiles (sha256),
    window_start    TIMESTAMP WITH TIME ZONE,
    window_end      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (monitor_id, version)
);
CREATE UNIQUE INDEX reference_versions_by_window ON reference_versions (monitor_id, window_start, window_end);
INSERT INTO reference_versions (monitor_id, version, dataset_id, profile_sha256, created_at)
    SELECT id, 1, reference_id, profile_sha256, created_at FROM monitors;

--changeset driftwatch:3-check-sources
-- Checks made by the scheduler or a backfill: which slot and window, which chunk, and what the
-- source read. A check that could not read anything (a failed query) has no dataset.
ALTER TABLE checks ALTER COLUMN dataset_id DROP NOT NULL;
ALTER TABLE checks ADD COLUMN reference_version INTEGER;
CREATE TABLE check_sources (
    check_id        VARCHAR(64)   NOT NULL PRIMARY KEY REFERENCES checks (id) ON DELETE CASCADE,
    monitor_id      VARCHAR(100)  NOT NULL,
    run_kind        VARCHAR(16)   NOT NULL,
    slot            TIMESTAMP WITH TIME ZONE NOT NULL,
    window_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end      TIMESTAMP WITH TIME ZONE NOT NULL,
    chunk_index     INTEGER,
    chunk_count     INTEGER,
    source_type     VARCHAR(16)   NOT NULL,
    location        TEXT,
    file_name       VARCHAR(1000),
    sha256          CHAR(64),
    byte_count      BIGINT,
    row_count       BIGINT
);
CREATE INDEX check_sources_by_monitor ON check_sources (monitor_id, slot);

--changeset driftwatch:3-source-files
-- The files each directory-source monitor has read, by name and content: a file is checked once,
-- and this row is written in the transaction of its check.
CREATE TABLE source_files (
    monitor_id  VARCHAR(100)  NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    name        VARCHAR(1000) NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    byte_count  BIGINT        NOT NULL,
    modified_at TIMESTAMP WITH TIME ZONE,
    check_id    VARCHAR(64)   NOT NULL,
    read_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (monitor_id, name, sha256)
);
CREATE INDEX source_files_by_name ON source_files (monitor_id, name);

--changeset driftwatch:3-scheduled-runs
-- One row per slot of a monitor's schedule that some service instance (or a backfill) claimed:
-- the primary key is what keeps two replicas from running the same slot.
CREATE TABLE scheduled_runs (
    monitor_id      VARCHAR(100)  NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    slot            TIMESTAMP WITH TIME ZONE NOT NULL,
    window_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end      TIMESTAMP WITH TIME ZONE NOT NULL,
    run_kind        VARCHAR(16)   NOT NULL,
    instance        VARCHAR(200)  NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    check_count     INTEGER       NOT NULL,
    failed_count    INTEGER       NOT NULL,
    row_count       BIGINT        NOT NULL,
    summary         TEXT,
    PRIMARY KEY (monitor_id, slot)
);
CREATE INDEX scheduled_runs_by_start ON scheduled_runs (monitor_id, started_at);

--changeset driftwatch:4-outbox-order
-- One receiver's deliveries go out one after another in the order they were queued: seq numbers
-- the rows as they are inserted, and a row is sent only when no earlier row of its receiver is
-- pending. Rows not yet delivered when this runs are renumbered below zero in the order of their
-- checks, so they stay ahead of everything queued later and keep their own order.
ALTER TABLE outbox ADD COLUMN seq BIGINT GENERATED BY DEFAULT AS IDENTITY;
UPDATE outbox SET seq = -(SELECT COUNT(*) FROM outbox p
                           WHERE p.state <> 'delivered'
                             AND (p.created_at > outbox.created_at
                                  OR (p.created_at = outbox.created_at AND p.id >= outbox.id)))
 WHERE state <> 'delivered';
CREATE INDEX outbox_receiver_queue ON outbox (target_kind, target_name, state, seq);

--changeset driftwatch:5-column-strength
-- What every view of a column's result reads, stored with it so that the history (the dashboard's
-- heat map) needs no lookup by test name: the one drift strength (ColumnDrift.strength: 1 at the
-- threshold, larger is more drift, after any multiple-testing correction; infinite for a p-value of
-- 0; null when undefined), the
-- test's display name, its comparison (<, <=, >, >=) and its kind of score (p_value, distance).
-- Rows written before this stay null; the dashboard derives what it can for them from the test name.
ALTER TABLE check_columns ADD COLUMN strength DOUBLE PRECISION;
ALTER TABLE check_columns ADD COLUMN display_name VARCHAR(200);
ALTER TABLE check_columns ADD COLUMN comparison VARCHAR(2);
ALTER TABLE check_columns ADD COLUMN score_kind VARCHAR(8);

--changeset driftwatch:6-check-data-quality
-- A check's data-quality verdict, kept beside its drift verdict so that the history, the dashboard's
-- chart and the Prometheus metrics need not read the JSON result: how many failures its integrity
-- section has (failed Evidently tests plus broken reference conditions) and how many of them are
-- critical (every failed test, and the critical conditions). Null for a check whose monitor runs no
-- integrity analysis (or one without tests), for a check that could not run, and for checks
-- recorded before this.
ALTER TABLE checks ADD COLUMN data_quality_failures INTEGER;
ALTER TABLE checks ADD COLUMN data_quality_critical INTEGER;

--changeset driftwatch:7-check-model-quality
-- A check's model-quality verdict (issue 15), kept beside it so that the history, the quality page,
-- the dashboard's chart and the Prometheus metrics need not read the JSON result. One row per check
-- whose monitor has a model: section. summary is the verdict as JSON (task, mode, rows scored and
-- read, failed, the current side's metrics by Evidently's key (the mean of a mean-and-deviation
-- metric; null where undefined), the tests with their status, and the error that kept the current
-- side from being scored, e.g. a batch of predictions without its target); failed and rows_scored
-- repeat the two fields SQL reads. predictions counts the rows the check logged for labels that
-- arrive later (model.id; 0 without). latest_evaluation points at the newest row of
-- quality_evaluations for the check, once labels have been joined to its predictions.
CREATE TABLE check_model_quality (
    check_id            VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES checks (id) ON DELETE CASCADE,
    failed              BOOLEAN      NOT NULL,
    rows_scored         INTEGER      NOT NULL,
    summary             TEXT         NOT NULL,
    predictions         INTEGER      NOT NULL,
    latest_evaluation   VARCHAR(64)
);

--changeset driftwatch:7-prediction-log
-- The prediction rows of every check of a monitor with model.id, so that labels posted later can be
-- joined to them by row id: the row's position in the checked batch, its id as text, the predicted
-- label (text) or value (a number, also a class given as a number), the probability of the positive
-- class (binary) or the class probabilities in the order of model.probabilities, as numbers joined
-- by ',' (multiclass), and when it was logged (the check's time). An id may repeat (the same request
-- scored in two batches): a label then scores every prediction with that id logged before it came.
-- Written in bulk (COPY on PostgreSQL, in row id order so the index grows at its edge) in the
-- transaction of the check. No primary key and no foreign key, so a row costs two index entries and
-- no trigger (a foreign key's check per row took longer than the rows' own writing): deleting a
-- monitor deletes its rows here and in labels explicitly (MonitorDao.delete).
CREATE TABLE prediction_log (
    check_id        VARCHAR(64)  NOT NULL,
    position        INTEGER      NOT NULL,
    monitor_id      VARCHAR(100) NOT NULL,
    row_id          VARCHAR(400) NOT NULL,
    predicted_label VARCHAR(400),
    predicted_value DOUBLE PRECISION,
    probability     DOUBLE PRECISION,
    probabilities   VARCHAR(4000),
    logged_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX prediction_log_by_check ON prediction_log (check_id);
CREATE INDEX prediction_log_by_row ON prediction_log (monitor_id, row_id);

--changeset driftwatch:7-labels
-- Ground truth that arrived after the predictions: one label per monitor and row id (posting the
-- same label again changes nothing; a different one is refused), as text (a number in its shortest
-- form, so 1 and 1.0 are one label), with when it was received. Labels whose id matches no logged
-- prediction are not kept; a label labels the predictions logged before it was received. Each request that adds labels records, for every window (check) they
-- complete, a quality evaluation of the window's labelled rows: how many predictions and labels it
-- has, the coverage (labelled / predictions), the latency of its labels (received_at − logged_at, in
-- milliseconds: the median and the largest), and the model-quality verdict as JSON (the shape of
-- check_model_quality.summary), with failed and rows_scored repeated for SQL.
CREATE TABLE labels (
    monitor_id   VARCHAR(100) NOT NULL,
    row_id       VARCHAR(400) NOT NULL,
    label        VARCHAR(400) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (monitor_id, row_id)
);
CREATE TABLE quality_evaluations (
    id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    check_id            VARCHAR(64)  NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
    monitor_id          VARCHAR(100) NOT NULL,
    evaluated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    predictions         INTEGER      NOT NULL,
    labelled            INTEGER      NOT NULL,
    coverage            DOUBLE PRECISION NOT NULL,
    latency_median_ms   BIGINT       NOT NULL,
    latency_max_ms      BIGINT       NOT NULL,
    failed              BOOLEAN      NOT NULL,
    rows_scored         INTEGER      NOT NULL,
    summary             TEXT         NOT NULL
);
CREATE INDEX quality_evaluations_by_check ON quality_evaluations (check_id, evaluated_at);

--changeset driftwatch:8-label-free
-- What a check found without labels, for a monitor that estimates its model's performance (estimate:)
-- or watches drift across columns (multivariate:): whether either alerted on some chunk (null when the
-- monitor has no such analysis), and per estimated metric and per multivariate method the chunks in
-- brief (the row-weighted mean, the range, the thresholds, how many chunks alerted, the value realized
-- on the batch's labelled rows, the columns that drive it) as a JSON document written and read by the
-- monitor layer; the dashboard's charts and the Prometheus gauges read it. An evaluation of a window
-- from labels that arrived later records the estimated metrics realized on its labelled rows (JSON,
-- metric to value; null for a monitor without estimate:), so estimate and realized stand side by side.
CREATE TABLE check_label_free (
    check_id            VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES checks (id) ON DELETE CASCADE,
    estimate_alert      BOOLEAN,
    multivariate_alert  BOOLEAN,
    summary             TEXT         NOT NULL
);
ALTER TABLE quality_evaluations ADD COLUMN estimate_realized TEXT;

--changeset driftwatch:8-dataset-lineage
-- Where a dataset's bytes came from, for one registered through the system that versions it
-- (POST /datasets {"reference": "dvc:…"}): the lineage as JSON (system, and what it says of the batch:
-- the .dvc or dvc.lock, the path, the MD5, where the content was found, the Git commit), kept from the
-- first registration (the same bytes are the same dataset, whatever named them later). Checks against
-- the dataset carry it in their result and report.
CREATE TABLE dataset_lineage (
    dataset_id   VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
    lineage      TEXT         NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

--changeset driftwatch:9-reference-sketches
-- The sketch profile (docs/sketch-profile.md) made from a monitor's exact reference the first time a sketch
-- profile is checked against it: keyed by the exact reference profile it stands beside, so that it is made
-- once per reference version and survives a restart. Both files are in the blob store's profiles folder.
-- (A monitor whose reference is itself a sketch profile needs none: its reference profile is that sketch.)
CREATE TABLE reference_sketches (
    profile_sha256  CHAR(64)     NOT NULL PRIMARY KEY REFERENCES reference_profiles (sha256),
    sketch_sha256   CHAR(64)     NOT NULL REFERENCES reference_profiles (sha256),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
