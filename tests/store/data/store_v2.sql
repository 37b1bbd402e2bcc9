BEGIN TRANSACTION;
CREATE TABLE application_documents (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (application, document)
) WITHOUT ROWID;
INSERT INTO "application_documents" VALUES('name:济南甲学院',1,0);
CREATE TABLE application_fields (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  field_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  value_json TEXT NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (application, field_key)
) WITHOUT ROWID;
INSERT INTO "application_fields" VALUES('name:济南甲学院','unit_name',0,'"济南甲学院"',1.0);
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE
);
INSERT INTO "applications" VALUES('name:济南甲学院',0);
CREATE TABLE arrivals (
  id INTEGER PRIMARY KEY,
  file INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  path_as_received TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL
);
INSERT INTO "arrivals" VALUES(1,1,'inbox/甲/申报表.pdf',1000);
CREATE TABLE checks (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  check_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (application, position)
) WITHOUT ROWID;
CREATE TABLE doc_tables (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  table_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  page INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  col_count INTEGER NOT NULL,
  PRIMARY KEY (document, table_index)
) WITHOUT ROWID;
CREATE TABLE document_notes (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (document, position)
) WITHOUT ROWID;
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  file INTEGER NOT NULL UNIQUE REFERENCES files (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  kind_confidence REAL NOT NULL,
  kind_reason TEXT NOT NULL,
  pages INTEGER NOT NULL,
  warnings TEXT NOT NULL DEFAULT '[]'  -- JSON array of strings
);
INSERT INTO "documents" VALUES(1,1,'application_form',0.9,'title',2,'[]');
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  sha256 TEXT,
  event TEXT NOT NULL,
  detail TEXT NOT NULL
);
INSERT INTO "events" VALUES(1,1000,'aa','received','x');
CREATE TABLE field_sources (
  application TEXT NOT NULL,
  field_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  span_index INTEGER NOT NULL,
  PRIMARY KEY (application, field_key, position),
  FOREIGN KEY (application, field_key) REFERENCES application_fields (application, field_key)
    ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO "field_sources" VALUES('name:济南甲学院','unit_name',0,1,0);
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  type TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'rejected')),
  reason TEXT,                      -- why it was rejected
  first_path TEXT NOT NULL,         -- path as received at the first arrival
  created_ms INTEGER NOT NULL
);
INSERT INTO "files" VALUES(1,'aa',2048,'pdf','done',NULL,'inbox/甲/申报表.pdf',1000);
CREATE TABLE findings (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (application, position)
) WITHOUT ROWID;
INSERT INTO "findings" VALUES('name:济南甲学院',0,'missing_form','x');
CREATE TABLE inbox_taken (
  inbox TEXT NOT NULL,     -- the watched folder, absolute
  path TEXT NOT NULL,      -- relative to it, as received
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  arrival INTEGER NOT NULL REFERENCES arrivals (id) ON DELETE CASCADE,
  PRIMARY KEY (inbox, path)
) WITHOUT ROWID;
CREATE TABLE jobs (
  file INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  runner TEXT,           -- the process working on it; NULL when none is
  started_ms INTEGER,
  last_error TEXT,       -- why the last attempt did not finish
  updated_ms INTEGER NOT NULL
);
CREATE TABLE pages (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  number INTEGER NOT NULL,
  width REAL NOT NULL,
  height REAL NOT NULL,
  method TEXT NOT NULL,
  how_read TEXT NOT NULL,
  PRIMARY KEY (document, position)
) WITHOUT ROWID;
INSERT INTO "pages" VALUES(1,0,1,595.0,842.0,'pdf-text','text layer');
INSERT INTO "pages" VALUES(1,1,2,595.0,842.0,'pdf-text','text layer');
CREATE TABLE readings (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('field', 'header', 'row')),
  position INTEGER NOT NULL,
  row_index INTEGER,
  field_key TEXT NOT NULL,
  value_json TEXT NOT NULL,  -- 'null' when declared none
  declared_none INTEGER NOT NULL CHECK (declared_none IN (0, 1)),
  raw TEXT NOT NULL,
  confidence REAL NOT NULL,
  span_index INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (document, scope, position),
  CHECK ((scope = 'row') = (row_index IS NOT NULL))
) WITHOUT ROWID;
INSERT INTO "readings" VALUES(1,'field',0,NULL,'unit_name','"济南甲学院"',0,'济南甲学院',1.0,0,'单位名称');
CREATE TABLE spans (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  span_index INTEGER NOT NULL,       -- index into Document::spans
  text TEXT NOT NULL,
  page INTEGER NOT NULL,             -- 0: the format has no pages
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,  -- all NULL: the format has no geometry
  locator TEXT NOT NULL,
  method TEXT NOT NULL,
  confidence REAL NOT NULL,
  table_index INTEGER NOT NULL,      -- -1 outside tables
  row_index INTEGER NOT NULL,
  col_index INTEGER NOT NULL,
  words TEXT NOT NULL DEFAULT '[]',  -- JSON [{"text", "bbox": [x0,y0,x1,y1], "confidence"}]
  PRIMARY KEY (document, span_index),
  CHECK ((x0 IS NULL) = (y0 IS NULL) AND (x0 IS NULL) = (x1 IS NULL) AND (x0 IS NULL) = (y1 IS NULL))
) WITHOUT ROWID;
INSERT INTO "spans" VALUES(1,0,'济南甲学院',1,72.0,72.0,200.0,90.0,'page 1 line 1','pdf-text',1.0,-1,-1,-1,'[]');
CREATE TABLE table_cells (
  document INTEGER NOT NULL,
  table_index INTEGER NOT NULL,
  position INTEGER NOT NULL,
  grid_row INTEGER NOT NULL,
  grid_col INTEGER NOT NULL,
  row_span INTEGER NOT NULL,
  col_span INTEGER NOT NULL,
  span_index INTEGER NOT NULL,  -- -1: empty cell
  PRIMARY KEY (document, table_index, position),
  FOREIGN KEY (document, table_index) REFERENCES doc_tables (document, table_index)
    ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE teachers (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  employment TEXT NOT NULL,
  span_index INTEGER NOT NULL,
  PRIMARY KEY (document, position)
) WITHOUT ROWID;
INSERT INTO "teachers" VALUES(1,0,'张三','教授','专职',0);
CREATE TABLE unassigned (
  document INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX files_by_state ON files (state, created_ms, id);
CREATE INDEX arrivals_by_file ON arrivals (file);
CREATE INDEX field_sources_by_document ON field_sources (document);
CREATE INDEX application_documents_by_document ON application_documents (document);
CREATE INDEX events_by_file ON events (sha256, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: an event cannot be deleted');
END;
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('events',1);
COMMIT;
PRAGMA user_version = 2;
PRAGMA application_id = 1146049363;
