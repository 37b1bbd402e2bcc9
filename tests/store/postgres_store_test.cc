// What only the PostgreSQL engine has to show, beyond the contract tests it
// passes with SQLite (store_engines.h): its connection string, its errors, a
// connection that comes back after the server dropped it, and migrations
// that run once when two processes open a new store at the same moment.
// On the run's throw-away server (tests/support/postgres.h).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "dossier/store/store.h"
#include "support/postgres.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using dossier::testing::PostgresExec;
using dossier::testing::TestPostgres;
using dossier::testing::WithSchema;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DOSSIER_REQUIRE_POSTGRES();
    std::string error;
    schema_ = dossier::testing::NewPostgresSchema(&error);
    ASSERT_FALSE(schema_.empty()) << error;
    conninfo_ = WithSchema(*TestPostgres(), schema_);
  }
  void TearDown() override {
    if (!schema_.empty())
      (void)PostgresExec(*TestPostgres(), "DROP SCHEMA " + schema_ + " CASCADE");
  }
  // The first column of the first row, by a connection of the test's own.
  std::string Query(const std::string& sql) {
    PGconn* conn = PQconnectdb(conninfo_.c_str());
    std::string out;
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) out = PQgetvalue(r, 0, 0);
    EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << sql << ": " << PQerrorMessage(conn);
    PQclear(r);
    PQfinish(conn);
    return out;
  }

  FakeEnv env_{1'750'000'000'000};
  std::string schema_;
  std::string conninfo_;
};

TEST(PostgresConninfoTest, APasswordInTheConnectionStringIsRefusedAndNotRepeated) {
  for (const std::string& conninfo :
       {std::string("postgresql://clerk:s3cret-pw@db.example/dossier"),
        std::string("host=db.example dbname=dossier password=s3cret-pw")}) {
    auto store = OpenPostgresStore(conninfo);
    ASSERT_FALSE(store.ok()) << conninfo;
    EXPECT_EQ(store.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(store.status().message().find("PGPASSFILE"), std::string::npos)
        << store.status().message();
    EXPECT_EQ(store.status().message().find("s3cret-pw"), std::string::npos)
        << store.status().message();
  }
}

TEST(PostgresConninfoTest, AServerThatCannotBeReachedIsSaidPlainly) {
  // Port 1 on this machine: nothing listens there.
  auto store = OpenPostgresStore("postgresql://127.0.0.1:1/dossier?connect_timeout=5");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kIo);
  EXPECT_NE(store.status().message().find("无法连接数据库服务器"), std::string::npos)
      << store.status().message();
  // libpq's own words stay, for whoever reads the log.
  EXPECT_NE(store.status().message().find("(PostgreSQL: "), std::string::npos)
      << store.status().message();
}

TEST_F(PostgresStoreTest, AStoreOpensAgainAfterTheServerDroppedItsConnection) {
  const std::string app = "dossier_reconnect_" + schema_;
  const std::string conninfo = conninfo_.find("://") != std::string::npos
                                   ? conninfo_ + "&application_name=" + app
                                   : conninfo_ + " application_name=" + app;
  auto store = OpenPostgresStore(conninfo, env_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->RecordArrival(Arrival{"aa", "a.docx", 10, "docx", 1000}).ok());

  // What a server restart does to the store's session: ended by the server.
  EXPECT_EQ(Query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                  "WHERE application_name = '" +
                  app + "'"),
            "1");

  // The next transaction connects again and goes on; so does a read.
  auto second = (*store)->RecordArrival(Arrival{"bb", "b.docx", 10, "docx", 2000});
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(Query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                  "WHERE application_name = '" +
                  app + "'"),
            "1");
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->files, 2);
  EXPECT_EQ(counts->queued, 2);
}

TEST_F(PostgresStoreTest, TwoProcessesOpeningANewStoreAtOnceMigrateItOnce) {
  std::vector<Status> results(4);
  std::vector<std::thread> openers;
  for (size_t i = 0; i < results.size(); ++i) {
    openers.emplace_back([&, i] {
      auto store = OpenPostgresStore(conninfo_, env_);
      results[i] = store.ok() ? Status::Ok() : store.status();
    });
  }
  for (std::thread& t : openers) t.join();
  for (const Status& s : results) EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(Query("SELECT count(*) FROM dossier_schema"),
            std::to_string(PostgresStoreSchemaVersion()));
  EXPECT_EQ(Query("SELECT max(version) FROM dossier_schema"),
            std::to_string(PostgresStoreSchemaVersion()));
}

TEST_F(PostgresStoreTest, AStoreOfANewerDossierIsRefusedAndLeftAlone) {
  ASSERT_TRUE(OpenPostgresStore(conninfo_, env_).ok());
  EXPECT_EQ(PostgresExec(conninfo_, "INSERT INTO dossier_schema (version) VALUES (999)"), "");
  auto store = OpenPostgresStore(conninfo_, env_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kIo);
  EXPECT_NE(store.status().message().find("newer dossier (schema 999)"), std::string::npos)
      << store.status().message();
  EXPECT_EQ(Query("SELECT max(version) FROM dossier_schema"), "999");
}

TEST_F(PostgresStoreTest, AnotherProgramsTablesAreNotMixedWithOurs) {
  EXPECT_EQ(PostgresExec(conninfo_, "CREATE TABLE files (name text)"), "");
  auto store = OpenPostgresStore(conninfo_, env_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("不是 dossier 的存储"), std::string::npos)
      << store.status().message();
  EXPECT_EQ(Query("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                  schema_ + "'"),
            "1");
}

TEST_F(PostgresStoreTest, DamagedTextIsKeptWithReplacementCharacters) {
  auto store = OpenPostgresStore(conninfo_, env_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  // A path as received may hold any bytes; PostgreSQL text holds neither
  // invalid UTF-8 nor NUL, so they become U+FFFD rather than a refused file.
  const std::string path = std::string("bad\xff") + '\0' + "name.docx";
  ASSERT_TRUE((*store)->RecordArrival(Arrival{"cc", path, 10, "docx", 1000}).ok());
  auto queue = (*store)->ClaimJob("cc", "runner", 60'000);
  ASSERT_TRUE(queue.ok()) << queue.status().message();
  ASSERT_TRUE(queue->has_value());
  EXPECT_EQ((*queue)->first_path, "bad\xEF\xBF\xBD\xEF\xBF\xBDname.docx");
}

TEST_F(PostgresStoreTest, EventsCannotBeChangedOrDeleted) {
  auto store = OpenPostgresStore(conninfo_, env_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->RecordArrival(Arrival{"aa", "a.docx", 10, "docx", 1000}).ok());
  EXPECT_NE(PostgresExec(conninfo_, "UPDATE events SET detail = 'x'"), "");
  EXPECT_NE(PostgresExec(conninfo_, "DELETE FROM events"), "");
  EXPECT_EQ(Query("SELECT count(*) FROM events"), "1");
}

norm::Assembly OneApplication(const std::string& id) {
  norm::Assembly assembly;
  norm::Application app;
  app.id = id;
  assembly.applications.push_back(app);
  return assembly;
}

std::vector<std::string> ApplicationIds(Store& store) {
  std::vector<std::string> ids;
  auto apps = store.ListApplications();
  EXPECT_TRUE(apps.ok()) << apps.status().message();
  if (apps.ok()) {
    for (const ApplicationView& app : *apps) ids.push_back(app.id);
  }
  return ids;
}

TEST_F(PostgresStoreTest, ASnapshotsAssemblyIsItsOwnAndNoWriterWaitsForIt) {
  auto store = OpenPostgresStore(conninfo_, env_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->SaveAssembly(OneApplication("stored")).ok());

  auto snapshot = OpenPostgresStoreSnapshot(conninfo_, env_);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  EXPECT_EQ(ApplicationIds(**snapshot), std::vector<std::string>{"stored"});
  ASSERT_TRUE((*snapshot)->SaveAssembly(OneApplication("judged again")).ok());
  EXPECT_EQ(ApplicationIds(**snapshot), std::vector<std::string>{"judged again"});

  // The shared store is untouched, and a writer goes on while the snapshot
  // is open (it would wait here if the snapshot held the assembly's rows).
  EXPECT_EQ(ApplicationIds(**store), std::vector<std::string>{"stored"});
  ASSERT_TRUE((*store)->SaveAssembly(OneApplication("assembled later")).ok());
  ASSERT_TRUE((*store)->RecordArrival(Arrival{"aa", "a.docx", 10, "docx", 1000}).ok());
  // The snapshot keeps its one picture.
  EXPECT_EQ((*snapshot)->Counts()->files, 0);

  snapshot->reset();
  EXPECT_EQ(ApplicationIds(**store), std::vector<std::string>{"assembled later"});
  EXPECT_EQ(Query("SELECT count(*) FROM events WHERE event = 'assembled'"), "2");
}

TEST_F(PostgresStoreTest, ASnapshotOfADatabaseWithoutAStoreIsNotFoundAndMakesNone) {
  auto snapshot = OpenPostgresStoreSnapshot(conninfo_, env_);
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Query("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                  schema_ + "'"),
            "0");
}

}  // namespace
}  // namespace dossier
