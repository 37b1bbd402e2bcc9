// The SQLite store's rule for power loss (README, "Power loss"): what nothing
// else could give back is synced to disk before its commit returns; what the
// originals give again is committed without a sync of the log, and losing
// it only makes the job run again. The syncs are counted by a VFS over
// SQLite's own that forwards every call; the lost commits are made by
// keeping the store's files as they were at the last durable commit, which
// is all a power loss right after it is sure to leave.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/assembly_model.h"
#include "dossier/store/store.h"
#include "support/doc_builder.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

// SQLite's default VFS, with the syncs of write-ahead logs counted, and the
// statement journals that grew past SQLite's memory for them into files.
class SyncCountingVfs {
 public:
  SyncCountingVfs() {
    real_ = sqlite3_vfs_find(nullptr);
    vfs_ = *real_;
    vfs_.zName = "dossier-sync-counting";
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.pAppData = this;
    vfs_.xOpen = &Open;
    sqlite3_vfs_register(&vfs_, /*makeDflt=*/1);
  }
  ~SyncCountingVfs() { sqlite3_vfs_unregister(&vfs_); }
  SyncCountingVfs(const SyncCountingVfs&) = delete;
  SyncCountingVfs& operator=(const SyncCountingVfs&) = delete;

  // Syncs of any write-ahead log since the last call.
  int TakeWalSyncs() {
    const int n = wal_syncs_;
    wal_syncs_ = 0;
    return n;
  }
  // Statement journals opened as files (SQLite keeps one in memory until it
  // outgrows 64 KiB).
  int statement_journal_files() const { return statement_journal_files_; }

 private:
  struct File {
    sqlite3_file base;
    SyncCountingVfs* owner;
    bool wal;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
  };
  static File* Of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
  static sqlite3_file* Real(sqlite3_file* f) { return Of(f)->real(); }

  static int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* out, int flags,
                  int* out_flags) {
    auto* self = static_cast<SyncCountingVfs*>(vfs->pAppData);
    File* file = Of(out);
    std::memset(file, 0, sizeof(File));
    file->owner = self;
    file->wal = (flags & SQLITE_OPEN_WAL) != 0;
    if (flags & SQLITE_OPEN_SUBJOURNAL) ++self->statement_journal_files_;
    const int rc = self->real_->xOpen(self->real_, name, file->real(), flags, out_flags);
    // Without methods SQLite does not close a file it could not open.
    file->base.pMethods = file->real()->pMethods != nullptr ? &kMethods : nullptr;
    return rc;
  }
  static int Close(sqlite3_file* f) {
    const int rc = Real(f)->pMethods->xClose(Real(f));
    return rc;
  }
  static int Read(sqlite3_file* f, void* p, int n, sqlite3_int64 at) {
    return Real(f)->pMethods->xRead(Real(f), p, n, at);
  }
  static int Write(sqlite3_file* f, const void* p, int n, sqlite3_int64 at) {
    return Real(f)->pMethods->xWrite(Real(f), p, n, at);
  }
  static int Truncate(sqlite3_file* f, sqlite3_int64 size) {
    return Real(f)->pMethods->xTruncate(Real(f), size);
  }
  static int Sync(sqlite3_file* f, int flags) {
    if (Of(f)->wal) ++Of(f)->owner->wal_syncs_;
    return Real(f)->pMethods->xSync(Real(f), flags);
  }
  static int FileSize(sqlite3_file* f, sqlite3_int64* size) {
    return Real(f)->pMethods->xFileSize(Real(f), size);
  }
  static int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
  static int Unlock(sqlite3_file* f, int level) {
    return Real(f)->pMethods->xUnlock(Real(f), level);
  }
  static int CheckReservedLock(sqlite3_file* f, int* out) {
    return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
  }
  static int FileControl(sqlite3_file* f, int op, void* arg) {
    return Real(f)->pMethods->xFileControl(Real(f), op, arg);
  }
  static int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
  static int DeviceCharacteristics(sqlite3_file* f) {
    return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
  }
  static int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
    return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
  }
  static int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
  }
  static void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
  static int ShmUnmap(sqlite3_file* f, int delete_flag) {
    return Real(f)->pMethods->xShmUnmap(Real(f), delete_flag);
  }
  static int Fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
    return Real(f)->pMethods->xFetch(Real(f), at, n, out);
  }
  static int Unfetch(sqlite3_file* f, sqlite3_int64 at, void* p) {
    return Real(f)->pMethods->xUnfetch(Real(f), at, p);
  }

  // Version 3, as the unix VFS's files: shared memory (WAL) and memory maps.
  static constexpr sqlite3_io_methods kMethods = {3,
                                                  &Close,
                                                  &Read,
                                                  &Write,
                                                  &Truncate,
                                                  &Sync,
                                                  &FileSize,
                                                  &Lock,
                                                  &Unlock,
                                                  &CheckReservedLock,
                                                  &FileControl,
                                                  &SectorSize,
                                                  &DeviceCharacteristics,
                                                  &ShmMap,
                                                  &ShmLock,
                                                  &ShmBarrier,
                                                  &ShmUnmap,
                                                  &Fetch,
                                                  &Unfetch};

  sqlite3_vfs* real_ = nullptr;
  sqlite3_vfs vfs_{};
  int wal_syncs_ = 0;
  int statement_journal_files_ = 0;
};

Document OnePageForm() {
  return testing::DocBuilder().Page().Paragraph("山东省专业技术人员继续教育基地申报表").Build();
}

norm::DocumentAnalysis FormAnalysis() {
  norm::DocumentAnalysis analysis;
  analysis.classification = {norm::kApplicationForm, 0.95, "title 继续教育基地申报表"};
  return analysis;
}

class SqliteDurabilityTest : public ::testing::Test {
 protected:
  static constexpr char kSha[] = "a1a1a1a1";

  std::unique_ptr<Store> OpenAt(const fs::path& file) {
    auto opened = OpenSqliteStore(file, env_);
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  FakeEnv env_{1'750'000'000'000};
  testing::TempDir temp_{"dossier_durability_test"};
  fs::path store_file_ = temp_.path() / "store.sqlite";
};

TEST_F(SqliteDurabilityTest, ArrivalsAndRejectionsAreSyncedAndWhatIsRecomputedIsNot) {
  SyncCountingVfs vfs;
  std::unique_ptr<Store> store = OpenAt(store_file_);
  ASSERT_NE(store, nullptr);
  vfs.TakeWalSyncs();  // the new store's schema

  ASSERT_TRUE(store->RecordArrival(Arrival{kSha, "inbox/申报表.pdf", 2048, "pdf", 1}).ok());
  EXPECT_GE(vfs.TakeWalSyncs(), 1) << "an arrival must be on disk when its commit returns";
  ASSERT_TRUE(store->RecordRefusal(Refusal{"inbox/link.pdf", "unreadable", "a link", 2}).ok());
  EXPECT_GE(vfs.TakeWalSyncs(), 1) << "a refusal must be on disk when its commit returns";

  auto claim = store->ClaimJob(kSha, "test-worker", 60'000);
  ASSERT_TRUE(claim.ok() && *claim);
  EXPECT_EQ(vfs.TakeWalSyncs(), 0) << "a claim is recomputed, not synced";
  ASSERT_TRUE(store->SaveExtraction(kSha, HolderOf(**claim), OnePageForm(), FormAnalysis()).ok());
  EXPECT_EQ(vfs.TakeWalSyncs(), 0) << "what was read is recomputed, not synced";
  ASSERT_TRUE(store->SaveAssembly(norm::Assembly{}).ok());
  EXPECT_EQ(vfs.TakeWalSyncs(), 0) << "the assembly is recomputed, not synced";

  // A durable commit after recomputable ones syncs them with it.
  ASSERT_TRUE(store->RecordArrival(Arrival{"b2b2b2b2", "inbox/坏.docx", 10, "docx", 3}).ok());
  EXPECT_GE(vfs.TakeWalSyncs(), 1);
  auto bad = store->ClaimJob("b2b2b2b2", "test-worker", 60'000);
  ASSERT_TRUE(bad.ok() && *bad);
  vfs.TakeWalSyncs();
  ASSERT_TRUE(store->RejectFile("b2b2b2b2", HolderOf(**bad), "damaged", "not a ZIP").ok());
  EXPECT_GE(vfs.TakeWalSyncs(), 1) << "a rejection may let an original go: it is synced";
  store.reset();
}

// Each statement that may fail part way has a journal to undo it by, open
// until the statement ends. A statement left open (an INSERT ... RETURNING
// read to its row and not to its end) kept it open while a file's other
// rows were saved, so that it grew past memory into a file, and every page
// those rows changed was written to it.
TEST_F(SqliteDurabilityTest, SavingAFilesDocumentsWritesNoStatementJournalToDisk) {
  SyncCountingVfs vfs;
  std::unique_ptr<Store> store = OpenAt(store_file_);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->RecordArrival(Arrival{kSha, "inbox/申报表.pdf", 2048, "pdf", 1}).ok());
  auto claim = store->ClaimJob(kSha, "test-worker", 60'000);
  ASSERT_TRUE(claim.ok() && *claim);

  // A package of documents as a scanned PDF gives them: each adds rows to
  // every table the store keeps a document in, past the pages they end on.
  std::vector<norm::DocumentPart> parts;
  for (int p = 1; p <= 12; ++p) {
    testing::DocBuilder doc;
    norm::DocumentAnalysis analysis = FormAnalysis();
    for (int page = 0; page < 2; ++page) {
      doc.Page();
      for (int line = 0; line < 40; ++line) {
        doc.Paragraph("第" + std::to_string(p) + "份第" + std::to_string(line) +
                      "行：山东省专业技术人员继续教育基地申报表，申报单位名称与统一社会信用代码");
      }
      std::vector<std::vector<testing::CellSpec>> rows(10);
      for (auto& row : rows) row = {{"姓名"}, {"职称"}, {"专职"}, {"某某大学继续教育学院"}};
      doc.Table(rows);
    }
    for (int f = 0; f < 40; ++f) {
      norm::FieldReading reading;
      reading.key = "unit_name";
      reading.value = "某某大学继续教育学院";
      reading.raw = "某某大学继续教育学院";
      reading.span_id = f;
      reading.label = "单位名称";
      analysis.fields.push_back(reading);
    }
    for (int t = 0; t < 20; ++t)
      analysis.teachers.push_back({"张三", "教授", "专职", t, "某某大学"});
    for (int n = 0; n < 10; ++n) analysis.notes.push_back("第" + std::to_string(n) + "条说明");
    parts.push_back(norm::DocumentPart{p, p, doc.Build(), analysis});
  }
  ASSERT_TRUE(store->SaveDocuments(kSha, HolderOf(**claim), parts).ok());
  EXPECT_EQ(vfs.statement_journal_files(), 0);
  // Readings go in by INSERTs of several rows: all of them, in their order.
  auto facts = store->LoadDocumentFacts();
  ASSERT_TRUE(facts.ok()) << facts.status().message();
  ASSERT_EQ(facts->size(), parts.size());
  for (const norm::DocumentFacts& document : *facts) {
    ASSERT_EQ(document.fields.size(), 40u);
    for (size_t f = 0; f < document.fields.size(); ++f) {
      EXPECT_EQ(document.fields[f].span_id, static_cast<int>(f));
    }
  }
  store.reset();
}

TEST_F(SqliteDurabilityTest, CommitsLostAfterTheLastArrivalOnlyMakeItsJobRunAgain) {
  std::unique_ptr<Store> store = OpenAt(store_file_);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->RecordArrival(Arrival{kSha, "inbox/申报表.pdf", 2048, "pdf", 1}).ok());
  // What the disk is sure to hold from here on, until the next sync: the
  // store and its log as they are now.
  const fs::path lost = temp_.path() / "after-power-loss";
  fs::create_directories(lost);
  fs::copy_file(store_file_, lost / "store.sqlite");
  fs::copy_file(store_file_.string() + "-wal", lost / "store.sqlite-wal");

  auto claim = store->ClaimJob(kSha, "worker-before", 60'000);
  ASSERT_TRUE(claim.ok() && *claim);
  ASSERT_TRUE(store->SaveExtraction(kSha, HolderOf(**claim), OnePageForm(), FormAnalysis()).ok());
  ASSERT_TRUE(store->SaveAssembly(norm::Assembly{}).ok());
  auto counts_before = store->Counts();
  ASSERT_TRUE(counts_before.ok());
  store.reset();

  // The store as the power loss left it: the arrival is there, its job is
  // queued again, and reading the file again ends as the first reading did.
  std::unique_ptr<Store> again = OpenAt(lost / "store.sqlite");
  ASSERT_NE(again, nullptr);
  auto queued = again->QueuedFiles();
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(*queued, std::vector<std::string>{kSha});
  auto reclaim = again->ClaimJob(kSha, "worker-after", 60'000);
  ASSERT_TRUE(reclaim.ok() && *reclaim);
  ASSERT_TRUE(again->SaveExtraction(kSha, HolderOf(**reclaim), OnePageForm(), FormAnalysis()).ok());
  ASSERT_TRUE(again->SaveAssembly(norm::Assembly{}).ok());
  auto counts_after = again->Counts();
  ASSERT_TRUE(counts_after.ok());
  EXPECT_EQ(counts_after->documents, counts_before->documents);
  EXPECT_EQ(counts_after->queued, counts_before->queued);
  EXPECT_EQ(counts_after->rejected, counts_before->rejected);
  auto events = again->ListEvents(kSha);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].event, "received");
  EXPECT_EQ((*events)[1].event, "extracted");
}

}  // namespace
}  // namespace dossier
