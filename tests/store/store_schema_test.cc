// The store file itself: schema versions, pragmas, refusals, the audit trail's
// protection. Looks at the file through a second, raw SQLite connection, the
// way an auditor or a newer dossier would.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "dossier/store/store.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

// A plain connection for looking behind the Store's back.
class RawDb {
 public:
  explicit RawDb(const fs::path& path) {
    EXPECT_EQ(sqlite3_open(path.string().c_str(), &db_), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }

  // Runs SQL; returns the result code and leaves SQLite's message in error().
  int Exec(const std::string& sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    error_ = message != nullptr ? message : "";
    sqlite3_free(message);
    return rc;
  }
  // The first column of the first row, as text ("" when there is no row).
  std::string Text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }
  int64_t Int(const std::string& sql) { return std::stoll(Text(sql)); }
  // Every row's first column, one a line.
  std::string Lines(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string out;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      out += text != nullptr ? reinterpret_cast<const char*>(text) : "";
      out += "\n";
    }
    sqlite3_finalize(stmt);
    return out;
  }
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

Arrival MakeArrival(const std::string& sha, const std::string& path, int64_t at_ms = 1000) {
  Arrival arrival;
  arrival.sha256 = sha;
  arrival.path_as_received = path;
  arrival.size = 1234;
  arrival.type = "docx";
  arrival.received_at_ms = at_ms;
  return arrival;
}

TEST(StoreSchemaTest, NewStoreIsAtTheCurrentVersionWithWal) {
  TempDir dir;
  const fs::path db_path = dir.path() / "dossier.db";
  {
    auto store = OpenSqliteStore(db_path);
    ASSERT_TRUE(store.ok()) << store.status().message();
  }
  ASSERT_TRUE(fs::exists(db_path));
  RawDb raw(db_path);
  EXPECT_GE(StoreSchemaVersion(), 1);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), StoreSchemaVersion());
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'"),
            1);
}

TEST(StoreSchemaTest, CreatesTheStoresFolder) {
  TempDir dir;
  const fs::path db_path = dir.path() / "out" / "nested" / "dossier.db";
  auto store = OpenSqliteStore(db_path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_TRUE(fs::exists(db_path));
}

TEST(StoreSchemaTest, ReopeningKeepsDataAndVersion) {
  TempDir dir;
  const fs::path db_path = dir.path() / "dossier.db";
  {
    auto store = OpenSqliteStore(db_path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE((*store)->RecordArrival(MakeArrival("aa", "inbox/a.docx")).ok());
  }
  auto store = OpenSqliteStore(db_path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->files, 1);
  EXPECT_EQ(counts->arrivals, 1);
  auto queued = (*store)->QueuedFiles();
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(*queued, std::vector<std::string>{"aa"});
  RawDb raw(db_path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), StoreSchemaVersion());
}

// Writes the store of schema version 2 (tests/store/data/store_v2.sql, made by
// make_store_v2.py from that version's schema) at `path`.
::testing::AssertionResult WriteVersion2Store(const fs::path& path) {
  std::ifstream in(fs::path(DOSSIER_SOURCE_DIR) / "tests/store/data/store_v2.sql");
  if (!in) return ::testing::AssertionFailure() << "tests/store/data/store_v2.sql is missing";
  std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  RawDb raw(path);
  if (raw.Exec(sql) != SQLITE_OK) return ::testing::AssertionFailure() << raw.error();
  return ::testing::AssertionSuccess();
}

// A store written at schema version 2 (tests/store/data/store_v2.sql, made by
// make_store_v2.py from that version's schema) is migrated in place: its
// document becomes the file's only part, covering all its pages, and every
// reference to it still holds.
TEST(StoreSchemaTest, AVersion2StoreIsMigratedKeepingEverything) {
  TempDir dir;
  const fs::path db_path = dir.path() / "store.sqlite";
  ASSERT_TRUE(WriteVersion2Store(db_path));
  ASSERT_EQ(RawDb(db_path).Int("PRAGMA user_version"), 2);
  auto store = OpenSqliteStore(db_path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto facts = (*store)->LoadDocumentFacts();
  ASSERT_TRUE(facts.ok()) << facts.status().message();
  ASSERT_EQ(facts->size(), 1u);
  EXPECT_EQ((*facts)[0].first_page, 1);
  EXPECT_EQ((*facts)[0].last_page, 2);
  EXPECT_EQ((*facts)[0].sha256, "aa");
  ASSERT_EQ((*facts)[0].fields.size(), 1u);
  EXPECT_EQ((*facts)[0].fields[0].page, 1);
  ASSERT_EQ((*facts)[0].teachers.size(), 1u);
  auto apps = (*store)->ListApplications();
  ASSERT_TRUE(apps.ok()) << apps.status().message();
  ASSERT_EQ(apps->size(), 1u);
  ASSERT_EQ((*apps)[0].fields.size(), 1u);
  ASSERT_EQ((*apps)[0].fields[0].sources.size(), 1u);
  EXPECT_EQ((*apps)[0].fields[0].sources[0].page, 1);
  ASSERT_EQ((*apps)[0].documents.size(), 1u);
  EXPECT_EQ((*apps)[0].documents[0].last_page, 2);
  RawDb raw(db_path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), StoreSchemaVersion());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pragma_foreign_key_check"), 0);
  // The rebuilt documents table is still what its children refer to.
  ASSERT_EQ(raw.Exec("PRAGMA foreign_keys = ON; DELETE FROM files"), SQLITE_OK) << raw.error();
  EXPECT_EQ(raw.Int("SELECT count(*) FROM spans"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM application_documents"), 0);
}

// A new store is made in one step, by the script the build makes from the
// migration steps; a store that took the steps one by one (here from version
// 2) must end with the same tables, indexes and triggers, word for word.
TEST(StoreSchemaTest, ANewStoreHasTheSchemaOfAStoreThatTookEveryStep) {
  TempDir dir;
  const fs::path stepped = dir.path() / "stepped.sqlite";
  ASSERT_TRUE(WriteVersion2Store(stepped));
  const fs::path made = dir.path() / "new.sqlite";
  for (const fs::path& path : {stepped, made}) {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
  }
  const std::string schema =
      "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || ifnull(sql, '') "
      "FROM sqlite_master ORDER BY type, name";
  RawDb a(stepped);
  RawDb b(made);
  EXPECT_EQ(a.Lines(schema), b.Lines(schema));
  EXPECT_EQ(a.Int("PRAGMA user_version"), StoreSchemaVersion());
  EXPECT_EQ(b.Int("PRAGMA user_version"), StoreSchemaVersion());
  EXPECT_EQ(a.Int("PRAGMA application_id"), b.Int("PRAGMA application_id"));
}

// Step 4 (the notice's tracks) on a store of an older build: what it held was
// read before the national track existed, so every document and application
// is provincial, and a store that then reads the ministry's form keeps it.
TEST(StoreSchemaTest, AnOlderStoreGetsTheProvincialTrackForWhatItHeld) {
  TempDir dir;
  const fs::path db_path = dir.path() / "store.sqlite";
  ASSERT_TRUE(WriteVersion2Store(db_path));
  {
    RawDb raw(db_path);
    ASSERT_EQ(raw.Int("SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'track'"),
              0);
  }
  auto store = OpenSqliteStore(db_path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto facts = (*store)->LoadDocumentFacts();
  ASSERT_TRUE(facts.ok()) << facts.status().message();
  ASSERT_EQ(facts->size(), 1u);
  EXPECT_EQ((*facts)[0].track, norm::kProvincialTrack);
  auto apps = (*store)->ListApplications();
  ASSERT_TRUE(apps.ok()) << apps.status().message();
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_EQ((*apps)[0].track, norm::kProvincialTrack);
  RawDb raw(db_path);
  EXPECT_GE(StoreSchemaVersion(), 4);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), StoreSchemaVersion());
  EXPECT_EQ(raw.Text("SELECT track FROM documents"), "provincial");
  EXPECT_EQ(raw.Text("SELECT track FROM applications"), "provincial");
  // The column admits the two tracks only.
  EXPECT_EQ(raw.Exec("UPDATE documents SET track = 'national'"), SQLITE_OK) << raw.error();
  EXPECT_NE(raw.Exec("UPDATE documents SET track = 'municipal'"), SQLITE_OK);
  EXPECT_EQ(raw.Text("SELECT track FROM documents"), "national");
}

TEST(StoreSchemaTest, StoreFromANewerDossierIsRefusedAndLeftAlone) {
  TempDir dir;
  const fs::path db_path = dir.path() / "dossier.db";
  {
    auto store = OpenSqliteStore(db_path);
    ASSERT_TRUE(store.ok()) << store.status().message();
  }
  const int newer = StoreSchemaVersion() + 1;
  {
    RawDb raw(db_path);
    ASSERT_EQ(raw.Exec("PRAGMA user_version = " + std::to_string(newer)), SQLITE_OK);
  }
  auto store = OpenSqliteStore(db_path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kIo);
  EXPECT_EQ(store.status().message(), "the store at " + db_path.string() +
                                          " was written by a newer dossier (schema " +
                                          std::to_string(newer) + "); this build knows up to " +
                                          std::to_string(StoreSchemaVersion()));
  RawDb raw(db_path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), newer);
}

TEST(StoreSchemaTest, AFileThatIsNotADatabaseIsRefusedNamingThePath) {
  TempDir dir;
  const fs::path db_path = dir.path() / "notes.db";
  {
    std::ofstream out(db_path, std::ios::binary);
    out << std::string(4096, 'x');
  }
  auto store = OpenSqliteStore(db_path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kIo);
  EXPECT_NE(store.status().message().find("cannot open the store at " + db_path.string()),
            std::string::npos)
      << store.status().message();
  EXPECT_NE(store.status().message().find("not a dossier store"), std::string::npos)
      << store.status().message();
}

TEST(StoreSchemaTest, AnotherProgramsDatabaseIsNotMigrated) {
  TempDir dir;
  const fs::path db_path = dir.path() / "other.db";
  {
    RawDb raw(db_path);
    ASSERT_EQ(raw.Exec("CREATE TABLE customers (name TEXT)"), SQLITE_OK);
  }
  auto store = OpenSqliteStore(db_path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("another program"), std::string::npos)
      << store.status().message();
  RawDb raw(db_path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_master WHERE name = 'files'"), 0);
}

TEST(StoreSchemaTest, EventsCannotBeChangedOrDeleted) {
  TempDir dir;
  const fs::path db_path = dir.path() / "dossier.db";
  auto store = OpenSqliteStore(db_path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->RecordArrival(MakeArrival("aa", "inbox/a.docx")).ok());
  ASSERT_TRUE((*store)->RecordArrival(MakeArrival("aa", "inbox/copy of a.docx")).ok());

  RawDb raw(db_path);
  ASSERT_EQ(raw.Int("SELECT count(*) FROM events"), 2);
  EXPECT_EQ(raw.Exec("UPDATE events SET detail = 'nothing happened'"), SQLITE_CONSTRAINT);
  EXPECT_NE(raw.error().find("append-only"), std::string::npos) << raw.error();
  EXPECT_EQ(raw.Exec("DELETE FROM events"), SQLITE_CONSTRAINT);
  EXPECT_NE(raw.error().find("append-only"), std::string::npos) << raw.error();
  EXPECT_EQ(raw.Int("SELECT count(*) FROM events"), 2);
  EXPECT_EQ(raw.Text("SELECT detail FROM events ORDER BY id LIMIT 1"),
            "inbox/a.docx (docx, 1234 bytes)");

  // Appending still works after the refused changes.
  auto claim = (*store)->ClaimJob("aa", "r", 60'000);
  ASSERT_TRUE(claim.ok() && claim->has_value());
  ASSERT_TRUE(
      (*store)
          ->RejectFile("aa", HolderOf(**claim), "damaged", "the file is not a valid ZIP archive")
          .ok());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM events"), 3);
}

TEST(StoreSchemaTest, ForeignKeysAreEnforcedByTheStore) {
  TempDir dir;
  const fs::path db_path = dir.path() / "dossier.db";
  auto store = OpenSqliteStore(db_path);
  ASSERT_TRUE(store.ok()) << store.status().message();

  // No document 42 exists: with foreign keys off this would be stored.
  norm::Assembly assembly;
  assembly.unassigned.push_back({42, "no unit name found"});
  Status status = (*store)->SaveAssembly(assembly);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("unassigned document 42"), std::string::npos) << status.message();
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->unassigned, 0);

  RawDb raw(db_path);
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Text("PRAGMA foreign_key_check"), "");
  // The failed assembly left no "assembled" event.
  EXPECT_EQ(raw.Int("SELECT count(*) FROM events WHERE event = 'assembled'"), 0);
}

}  // namespace
}  // namespace dossier
