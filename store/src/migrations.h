// The store's schema as its migration steps, in order. Included by
// schema.cc, which runs the steps a store lacks, and by the build's
// new_store_schema tool, which runs them all once at build time into the
// script a new store is made with (new_store_schema.h): the steps stay the
// only place the schema is written.
#pragma once

namespace dossier::store_internal {

// Append only: a step that has been released is never edited, since stores in
// the field have already applied it; a change is a new step at the end.
//
// Conventions: column names avoid SQL keywords (row, rows, key); ordered
// children carry a `position` so lists come back in the order they were
// saved; span references (span_index) are not foreign keys because -1 means
// "no span" in the document model.
inline constexpr const char* kMigrations[] = {
    // 1: the whole first schema.
    R"sql(
-- A file is its bytes: one row per distinct sha256, however often it arrives.
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
CREATE INDEX files_by_state ON files (state, created_ms, id);

CREATE TABLE arrivals (
  id INTEGER PRIMARY KEY,
  file INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  path_as_received TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL
);
CREATE INDEX arrivals_by_file ON arrivals (file);

-- One document per file: a file is read exactly once.
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  file INTEGER NOT NULL UNIQUE REFERENCES files (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  kind_confidence REAL NOT NULL,
  kind_reason TEXT NOT NULL,
  pages INTEGER NOT NULL,
  warnings TEXT NOT NULL DEFAULT '[]'  -- JSON array of strings
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

-- Table shapes, so that a Document can be rebuilt for reports.
CREATE TABLE doc_tables (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  table_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  page INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  col_count INTEGER NOT NULL,
  PRIMARY KEY (document, table_index)
) WITHOUT ROWID;

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

-- What normalize read: form fields ('field'), the summary sheet's header
-- ('header') and its applicant rows ('row', with the table row).
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

CREATE TABLE teachers (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  employment TEXT NOT NULL,
  span_index INTEGER NOT NULL,
  PRIMARY KEY (document, position)
) WITHOUT ROWID;

CREATE TABLE document_notes (
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (document, position)
) WITHOUT ROWID;

-- The assembly. Every row below hangs off applications with ON DELETE
-- CASCADE, so replacing an assembly is DELETE FROM applications plus inserts.
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE
);

CREATE TABLE application_fields (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  field_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  value_json TEXT NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (application, field_key)
) WITHOUT ROWID;

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
CREATE INDEX field_sources_by_document ON field_sources (document);

CREATE TABLE application_documents (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (application, document)
) WITHOUT ROWID;
CREATE INDEX application_documents_by_document ON application_documents (document);

CREATE TABLE findings (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (application, position)
) WITHOUT ROWID;

CREATE TABLE checks (
  application TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  check_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (application, position)
) WITHOUT ROWID;

CREATE TABLE unassigned (
  document INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  reason TEXT NOT NULL
);

-- The audit trail. sha256 is NULL for store-level events ("assembled"); it is
-- not a foreign key so that the trail never depends on other tables.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  sha256 TEXT,
  event TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX events_by_file ON events (sha256, id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: an event cannot be deleted');
END;
)sql",
    // 2: the job queue and what a watcher took from its inbox.
    R"sql(
-- A file's job: queued, running, done or rejected. files.state keeps queued,
-- done and rejected; a queued file whose job has a runner is running. The row
-- is made when the job is first claimed.
CREATE TABLE jobs (
  file INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  runner TEXT,           -- the process working on it; NULL when none is
  started_ms INTEGER,
  last_error TEXT,       -- why the last attempt did not finish
  updated_ms INTEGER NOT NULL
);

-- The files a watcher took from its inbox and how they looked then, so that
-- a restart does not take an unchanged file again (the inbox is never
-- modified, so its files stay there).
CREATE TABLE inbox_taken (
  inbox TEXT NOT NULL,     -- the watched folder, absolute
  path TEXT NOT NULL,      -- relative to it, as received
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  arrival INTEGER NOT NULL REFERENCES arrivals (id) ON DELETE CASCADE,
  PRIMARY KEY (inbox, path)
) WITHOUT ROWID;
)sql",
    // 3: one file may hold several documents (a package scanned into one PDF)
    // and one document may be several files (a form photographed page by
    // page); how each document came to its application.
    // Runs with foreign keys off (see Migrate), so that rebuilding documents
    // neither cascades into its children nor breaks their references.
    R"sql(
CREATE TABLE documents_v3 (
  id INTEGER PRIMARY KEY,
  file INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  part INTEGER NOT NULL,        -- 0, 1, ... in page order within the file
  first_page INTEGER NOT NULL,  -- the file's pages this document covers;
  last_page INTEGER NOT NULL,   -- 0 and 0 for formats without pages
  kind TEXT NOT NULL,
  kind_confidence REAL NOT NULL,
  kind_reason TEXT NOT NULL,
  pages INTEGER NOT NULL,       -- how many of the file's pages it covers
  warnings TEXT NOT NULL DEFAULT '[]',
  UNIQUE (file, part)
);
INSERT INTO documents_v3 (id, file, part, first_page, last_page, kind, kind_confidence,
                          kind_reason, pages, warnings)
  SELECT id, file, 0, CASE WHEN pages > 0 THEN 1 ELSE 0 END, pages, kind, kind_confidence,
         kind_reason, pages, warnings FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v3 RENAME TO documents;

ALTER TABLE teachers ADD COLUMN employer TEXT NOT NULL DEFAULT '';

-- Why a document belongs to its application (spec: assigned_by), and where
-- it stands in a document of several files (its first page there, from 1).
ALTER TABLE application_documents ADD COLUMN basis TEXT NOT NULL DEFAULT '';
ALTER TABLE application_documents ADD COLUMN basis_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE application_documents ADD COLUMN document_page INTEGER NOT NULL DEFAULT 0;

ALTER TABLE findings ADD COLUMN field_key TEXT NOT NULL DEFAULT '';
)sql",
    // 4: saved mails: who sent them, their subject and when their files
    // arrived; each arrival of a file that came in a mail names the mail.
    R"sql(
CREATE TABLE mails (
  file INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  sender TEXT NOT NULL,
  subject TEXT NOT NULL,
  message_id TEXT NOT NULL,
  arrived_ms INTEGER NOT NULL,  -- when its files arrived (the mail's own time unless not believed)
  time_basis TEXT NOT NULL CHECK (time_basis IN ('received', 'date', 'taken')),
  note TEXT NOT NULL            -- why the mail's own time was not used; '' when it was
);
ALTER TABLE arrivals ADD COLUMN mail INTEGER REFERENCES files (id);
)sql",
    // 5: the notice's two tracks. A form's title puts it on the provincial
    // track or the ministry's national one, and its application with it.
    // Documents read before this step are provincial: the only track then.
    R"sql(
ALTER TABLE documents ADD COLUMN track TEXT NOT NULL DEFAULT 'provincial'
  CHECK (track IN ('provincial', 'national'));
ALTER TABLE applications ADD COLUMN track TEXT NOT NULL DEFAULT 'provincial'
  CHECK (track IN ('provincial', 'national'));
)sql",
    // 6: why files were rejected, as stable codes; files that arrived but whose
    // bytes were never taken (a symlink, an unreadable file or folder); and
    // which arrivals came out of an archive.
    R"sql(
ALTER TABLE files ADD COLUMN reason_code TEXT;  -- with reason: see dossier/common/rejection.h

-- NULL: the file was dropped as itself; else the archive it was found in.
ALTER TABLE arrivals ADD COLUMN archive INTEGER REFERENCES files (id);

-- A file that arrived (was found in an inbox or named to ingest) but was
-- refused before its bytes were read, so it has no digest. One row per path
-- as received: a later refusal replaces the reason, and taking the file
-- under that path later removes the row.
CREATE TABLE refused (
  id INTEGER PRIMARY KEY,
  path_as_received TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
)sql",
    // 7: a claim is a lease. A worker on any machine holds its job until
    // lease_until_ms unless it renews it; after that anyone may claim the job
    // again. NULL (a claim made before this step) counts as run out.
    R"sql(
ALTER TABLE jobs ADD COLUMN lease_until_ms INTEGER;
)sql",
    // 8: large scans as page jobs (docs/capacity.md). A slice of a file's
    // pages is a job of its own, with a job's lease columns, and its pages as
    // the reader sent them back (the child codec, before analysis; NULL until
    // read). jobs.split_pages (NULL: read whole) says the file's job waits for
    // its slices and then joins them.
    R"sql(
CREATE TABLE page_jobs (
  file INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  first_page INTEGER NOT NULL CHECK (first_page >= 1),
  last_page INTEGER NOT NULL CHECK (last_page >= first_page),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  runner TEXT,
  lease_until_ms INTEGER,
  started_ms INTEGER,
  updated_ms INTEGER NOT NULL,
  last_error TEXT,
  result BLOB,
  PRIMARY KEY (file, first_page)
) WITHOUT ROWID;
ALTER TABLE jobs ADD COLUMN split_pages INTEGER;
)sql",
};

}  // namespace dossier::store_internal
