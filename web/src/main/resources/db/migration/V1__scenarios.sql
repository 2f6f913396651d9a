-- Saved scenarios and the history of their runs.
-- Portable SQL (SQLite now, PostgreSQL possible later): ids are application-generated UUID
-- strings, timestamps ISO-8601 UTC text, no engine-specific types or autoincrement.
CREATE TABLE scenarios (
  id VARCHAR(36) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  yaml TEXT NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  updated_at VARCHAR(40) NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE runs (
  id VARCHAR(36) PRIMARY KEY,
  scenario_id VARCHAR(36) NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  scenario_version INTEGER NOT NULL,
  started_at VARCHAR(40) NOT NULL,
  finished_at VARCHAR(40),
  status VARCHAR(20) NOT NULL,
  result_json TEXT
);

CREATE INDEX runs_by_scenario ON runs (scenario_id, started_at);
