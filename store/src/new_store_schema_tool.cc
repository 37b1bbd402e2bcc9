// Build tool: runs every migration step (migrations.h) on an empty database
// and prints, as a C++ header, the schema they leave: the script a new store
// is made with in one step (schema.cc). Each object is written as SQLite
// keeps it (sqlite_master.sql), so that a store made by the script holds the
// same text as one that took the steps.
//
//   new_store_schema_tool > new_store_schema.h
#include <sqlite3.h>

#include <cstdio>
#include <iterator>
#include <string>

#include "migrations.h"

namespace {

int Fail(sqlite3* db, const char* what) {
  std::fprintf(stderr, "new_store_schema_tool: %s: %s\n", what, sqlite3_errmsg(db));
  sqlite3_close(db);
  return 1;
}

}  // namespace

int main() {
  using dossier::store_internal::kMigrations;
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return Fail(db, "opening a database in memory");
  // As Migrate runs the steps: a step may rebuild a table others refer to.
  if (sqlite3_exec(db, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Fail(db, "PRAGMA foreign_keys");
  }
  for (const char* step : kMigrations) {
    if (sqlite3_exec(db, step, nullptr, nullptr, nullptr) != SQLITE_OK) return Fail(db, "a step");
  }
  // Tables before what refers to them by name (indexes, views, triggers); in
  // the order they were made within each. SQLite makes its own tables
  // (sqlite_sequence) and automatic indexes, which have no SQL, itself.
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
                         "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY CASE type "
                         "WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, "
                         "rowid",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    return Fail(db, "reading the schema");
  }
  std::string script;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    script += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    script += ";\n";
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Fail(db, "reading the schema");
  sqlite3_close(db);
  if (script.find(")sql\"") != std::string::npos) {
    std::fprintf(stderr, "new_store_schema_tool: the schema holds the raw string's end\n");
    return 1;
  }
  std::printf(
      "// Made by new_store_schema_tool from migrations.h at build time: do not edit.\n"
      "#pragma once\n\n"
      "namespace dossier::store_internal {\n\n"
      "// The schema every step of migrations.h leaves, made in one script.\n"
      "inline constexpr int kNewStoreSchemaVersion = %d;\n"
      "inline constexpr const char* kNewStoreSchema = R\"sql(\n%s)sql\";\n\n"
      "}  // namespace dossier::store_internal\n",
      static_cast<int>(std::size(kMigrations)), script.c_str());
  return 0;
}
