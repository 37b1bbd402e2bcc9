// The same inbox ingested into SQLite (the data folder's store) and into
// PostgreSQL (--store URL) gives the same export; the read-only commands work
// on PostgreSQL; a password in the URL is refused. On the run's throw-away
// server (tests/support/postgres.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "support/postgres.h"
#include "support/temp_dir.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

// A small inbox without OCR (Word forms and spreadsheets of one recommender)
// and the times its files arrived, so that both runs record the same.
fs::path SmallInbox(const fs::path& root, fs::path* arrivals) {
  const fs::path from = SourceDir() / "sample_docs" / "inbox" / "青岛市人力资源和社会保障局";
  const fs::path inbox = root / "inbox";
  nlohmann::json times = nlohmann::json::object();
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".docx" && ext != ".xlsx")) continue;
    const fs::path relative = fs::relative(entry.path(), from);
    fs::create_directories((inbox / relative).parent_path());
    fs::copy_file(entry.path(), inbox / relative);
    times[relative.generic_string()] = "2024-06-26T10:00:00+08:00";
  }
  *arrivals = root / "arrivals.json";
  WriteFile(*arrivals, times.dump());
  return inbox;
}

TEST(PostgresStoreE2eTest, TheSameInboxGivesTheSameExportFromSqliteAndFromPostgres) {
  DOSSIER_REQUIRE_POSTGRES();
  std::string error;
  const std::string schema = NewPostgresSchema(&error);
  ASSERT_FALSE(schema.empty()) << error;
  const std::string url = WithSchema(*TestPostgres(), schema);
  ASSERT_EQ(url.rfind("postgresql://", 0), 0u)
      << "DOSSIER_TEST_PG must be a postgresql:// URL for --store: " << url;

  TempDir temp("dossier_pg_e2e");
  fs::path arrivals;
  const fs::path inbox = SmallInbox(temp.path(), &arrivals);
  const fs::path sqlite_data = temp.path() / "sqlite-data";
  const fs::path pg_data = temp.path() / "pg-data";

  RunResult sqlite_ingest = RunDossier(
      {"--data", sqlite_data.string(), "ingest", "--arrivals", arrivals.string(), inbox.string()});
  ASSERT_EQ(sqlite_ingest.exit_code, 0) << sqlite_ingest.output;
  RunResult pg_ingest = RunDossier({"--data", pg_data.string(), "--store", url, "ingest",
                                    "--arrivals", arrivals.string(), inbox.string()});
  ASSERT_EQ(pg_ingest.exit_code, 0) << pg_ingest.output;
  // Only the originals are in the data folder; the store is the database.
  EXPECT_FALSE(fs::exists(pg_data / "store.sqlite"));

  const fs::path sqlite_export = temp.path() / "sqlite.json";
  const fs::path pg_export = temp.path() / "pg.json";
  RunResult a = RunDossier({"--data", sqlite_data.string(), "export", "--format", "json", "--out",
                            sqlite_export.string()});
  ASSERT_EQ(a.exit_code, 0) << a.output;
  RunResult b = RunDossier({"--data", pg_data.string(), "--store", url, "export", "--format",
                            "json", "--out", pg_export.string()});
  ASSERT_EQ(b.exit_code, 0) << b.output;
  const std::string sqlite_text = ReadBytes(sqlite_export);
  ASSERT_FALSE(ReadJson(sqlite_export)["applications"].empty()) << sqlite_text;
  EXPECT_EQ(ReadBytes(pg_export), sqlite_text);

  // A reading command judges in its own snapshot: the stored assembly and the
  // event log are as the ingest left them.
  RunResult status = RunDossier({"--data", pg_data.string(), "--store", url, "status"});
  ASSERT_EQ(status.exit_code, 0) << status.output;
  EXPECT_EQ(PostgresExec(WithSchema(*TestPostgres(), schema),
                         "DO $$ BEGIN IF (SELECT count(*) FROM events WHERE event = 'assembled') "
                         "<> 1 THEN RAISE EXCEPTION 'assembled more than once'; END IF; END $$"),
            "");

  (void)PostgresExec(*TestPostgres(), "DROP SCHEMA " + schema + " CASCADE");
}

TEST(PostgresStoreE2eTest, APasswordInTheStoreUrlIsRefusedBeforeAnythingRuns) {
  TempDir temp("dossier_pg_e2e");
  RunResult r = RunDossier({"--data", (temp.path() / "data").string(), "--store",
                            "postgresql://clerk:s3cret@db.example/dossier", "status"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("PGPASSFILE"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(temp.path() / "data"));
}

TEST(PostgresStoreE2eTest, TheStoreSettingIsShownByConfigAndRefusesAPasswordByLine) {
  TempDir temp("dossier_pg_e2e");
  WriteFile(temp.path() / "good.ini", "store = postgresql://db.example/dossier\n");
  RunResult shown =
      RunDossier({"--config", (temp.path() / "good.ini").string(), "config", "--show"});
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("\nstore = postgresql://db.example/dossier\n"), std::string::npos)
      << shown.output;

  WriteFile(temp.path() / "bad.ini", "data = d\nstore = postgres://clerk:s3cret@db.example/x\n");
  RunResult refused =
      RunDossier({"--config", (temp.path() / "bad.ini").string(), "config", "--show"});
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("bad.ini:2: store:"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("PGPASSFILE"), std::string::npos) << refused.output;
}

}  // namespace
}  // namespace dossier::testing
