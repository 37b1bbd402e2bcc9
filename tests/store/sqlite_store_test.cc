// What the pipeline sees through the Store interface: arrivals, extraction
// round trips, rejection, assembly and the views reports read. The typed
// tests run on every engine in store_engines.h (a real SQLite file in a fresh
// temporary folder today); SqliteStoreTest and SqliteAssemblyTest also look
// at SQLite's tables themselves.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "dossier/store/store.h"
#include "store/store_engines.h"

namespace dossier {
namespace {

using nlohmann::json;

constexpr char kFormSha[] = "f0f0f0f0aaaa";
constexpr char kSheetSha[] = "5e5e5e5ebbbb";
constexpr char kPhotoSha[] = "0909cccc";

template <typename E>
class StoreTest : public store_test::StoreEngineTest<E> {
 protected:
  void Receive(const std::string& sha, const std::string& path, int64_t at_ms,
               const std::string& type = "pdf") {
    Arrival arrival{sha, path, 2048, type, at_ms};
    auto result = this->store_->RecordArrival(arrival);
    ASSERT_TRUE(result.ok()) << result.status().message();
  }

  // Runs SQL on a second connection and returns the first column of the
  // first row ("" when there is none); for what the interface does not show.
  // SQLite's only (SqliteStoreTest).
  std::string RawText(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(DatabaseFile().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }
  int64_t RawInt(const std::string& sql) { return std::stoll(RawText(sql)); }
  int RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(DatabaseFile().c_str(), &db), SQLITE_OK);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }
  std::string DatabaseFile() const { return (this->dir_ / "store.sqlite").string(); }

  StoreCounts Counts() {
    auto counts = this->store_->Counts();
    EXPECT_TRUE(counts.ok()) << counts.status().message();
    return counts.ok() ? *counts : StoreCounts{};
  }
};

TYPED_TEST_SUITE(StoreTest, store_test::StoreEngines);
using SqliteStoreTest = StoreTest<store_test::SqliteEngine>;

Span MakeSpan(std::string text, int page, std::optional<BBox> bbox, std::string locator,
              ReadMethod method, double confidence, int table = -1, int row = -1, int col = -1) {
  Span span;
  span.text = std::move(text);
  span.page = page;
  span.bbox = bbox;
  span.locator = std::move(locator);
  span.method = method;
  span.confidence = confidence;
  span.table = table;
  span.row = row;
  span.col = col;
  return span;
}

norm::FieldReading Reading(std::string key, json value, std::string raw, int span_id,
                           std::string label, double confidence = 1) {
  norm::FieldReading r;
  r.key = std::move(key);
  r.value = std::move(value);
  r.raw = std::move(raw);
  r.span_id = span_id;
  r.label = std::move(label);
  r.confidence = confidence;
  return r;
}

// A scanned-then-text PDF application form: a title line and a 3x2 table.
Document FormDocument() {
  Document doc;
  doc.pages.push_back(Page{1, 595.3, 841.9, ReadMethod::kPdfText, "text layer"});
  Span title = MakeSpan("山东省专业技术人员继续教育基地申报表", 1, BBox{72, 40, 520, 60},
                        "page 1 line 1", ReadMethod::kPdfText, 1);
  title.words.push_back(WordBox{"山东省", BBox{72, 40, 130, 60}, 0.99});
  title.words.push_back(WordBox{"申报表", BBox{460, 40, 520, 60}, 0.98});
  doc.spans.push_back(title);
  doc.spans.push_back(MakeSpan("单位名称", 1, BBox{72, 100, 148, 118}, "table 1 row 1 cell 1",
                               ReadMethod::kPdfText, 1, 0, 0, 0));
  doc.spans.push_back(MakeSpan("济南某某职业学院", 1, BBox{150, 100, 310.5, 118.25},
                               "table 1 row 1 cell 2", ReadMethod::kPdfText, 0.97, 0, 0, 1));
  doc.spans.push_back(MakeSpan("管理人员人数", 1, BBox{72, 120, 148, 138}, "table 1 row 2 cell 1",
                               ReadMethod::kPdfText, 1, 0, 1, 0));
  doc.spans.push_back(MakeSpan("无", 1, BBox{150, 120, 170, 138}, "table 1 row 2 cell 2",
                               ReadMethod::kPdfText, 0.9, 0, 1, 1));
  doc.spans.push_back(MakeSpan("管理制度 ☑教学组织管理 ☑学员考核管理", 1, std::nullopt,
                               "table 1 row 3 cell 1", ReadMethod::kPdfText, 1, 0, 2, 0));
  Table table;
  table.page = 1;
  table.rows = 3;
  table.cols = 2;
  table.cells = {Cell{0, 0, 1, 1, 1}, Cell{0, 1, 1, 1, 2}, Cell{1, 0, 1, 1, 3}, Cell{1, 1, 1, 1, 4},
                 Cell{2, 0, 1, 2, 5}};
  doc.tables.push_back(table);
  doc.warnings.push_back("page 2 could not be read");
  return doc;
}

norm::DocumentAnalysis FormAnalysis() {
  norm::DocumentAnalysis analysis;
  analysis.classification = {norm::kApplicationForm, 0.95,
                             "title 继续教育基地申报表; 2 form labels"};
  analysis.fields.push_back(
      Reading("unit_name", "济南某某职业学院", "济南某某职业学院", 2, "单位名称", 0.97));
  norm::FieldReading none = Reading("mgmt_staff", nullptr, "无", 4, "管理人员人数", 0.9);
  none.declared_none = true;
  analysis.fields.push_back(none);
  analysis.fields.push_back(Reading("mgmt_rules", json::array({"教学组织管理", "学员考核管理"}),
                                    "☑教学组织管理 ☑学员考核管理", 5, "管理制度"));
  analysis.fields.push_back(Reading("annual_budget", 3.5, "3.5万元", 2, "年度继续教育经费"));
  analysis.notes.push_back("page 2 could not be read");
  return analysis;
}

// An XLSX summary sheet listing two applicants (table rows 2 and 3).
Document SheetDocument() {
  Document doc;
  doc.spans.push_back(MakeSpan("推荐单位(盖章)：济南市人力资源和社会保障局", 0, std::nullopt,
                               "Sheet1!A2", ReadMethod::kXlsx, 1));
  doc.spans.push_back(
      MakeSpan("济南某某职业学院", 0, std::nullopt, "Sheet1!B4", ReadMethod::kXlsx, 1, 0, 2, 1));
  doc.spans.push_back(
      MakeSpan("91370100MA3C5E7X1Q", 0, std::nullopt, "Sheet1!C4", ReadMethod::kXlsx, 1, 0, 2, 2));
  doc.spans.push_back(
      MakeSpan("某某学会", 0, std::nullopt, "Sheet1!B5", ReadMethod::kXlsx, 1, 0, 3, 1));
  Table table;
  table.name = "Sheet1";
  table.rows = 4;
  table.cols = 3;
  table.cells = {Cell{2, 1, 1, 1, 1}, Cell{2, 2, 1, 1, 2}, Cell{3, 1, 1, 1, 3}};
  doc.tables.push_back(table);
  return doc;
}

norm::DocumentAnalysis SheetAnalysis() {
  norm::DocumentAnalysis analysis;
  analysis.classification = {norm::kSummarySheet, 0.9, "title 申报汇总表"};
  analysis.header.push_back(Reading("recommender", "济南市人力资源和社会保障局",
                                    "推荐单位(盖章)：济南市人力资源和社会保障局", 0, "推荐单位"));
  analysis.summary_rows.push_back(norm::SummaryRow{
      2,
      {Reading("unit_name", "济南某某职业学院", "济南某某职业学院", 1, "申报单位名称"),
       Reading("credit_code", "91370100MA3C5E7X1Q", "91370100MA3C5E7X1Q", 2, "统一社会信用代码")}});
  analysis.summary_rows.push_back(
      norm::SummaryRow{3, {Reading("unit_name", "某某学会", "某某学会", 3, "申报单位名称")}});
  return analysis;
}

Document PhotoDocument() {
  Document doc;
  doc.pages.push_back(Page{1, 4032, 3024, ReadMethod::kOcr, "OCR: image"});
  doc.spans.push_back(
      MakeSpan("教室", 1, BBox{10, 10, 90, 40}, "page 1 line 1", ReadMethod::kOcr, 0.62));
  return doc;
}

norm::DocumentAnalysis OtherAnalysis() {
  norm::DocumentAnalysis analysis;
  analysis.classification = {norm::kOther, 0.3, "no title"};
  return analysis;
}

const norm::DocumentFacts* FindFacts(const std::vector<norm::DocumentFacts>& all,
                                     const std::string& kind) {
  for (const norm::DocumentFacts& facts : all) {
    if (facts.kind == kind) return &facts;
  }
  return nullptr;
}

TYPED_TEST(StoreTest, FirstArrivalQueuesTheFileAndASecondIsADuplicate) {
  auto first =
      this->store_->RecordArrival(Arrival{kFormSha, "inbox/申报表.pdf", 2048, "pdf", 1000});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->first_arrival);
  EXPECT_EQ(first->state, FileState::kQueued);

  auto second = this->store_->RecordArrival(
      Arrival{kFormSha, "inbox/again/申报表 (1).pdf", 2048, "pdf", 2000});
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_FALSE(second->first_arrival);
  EXPECT_EQ(second->state, FileState::kQueued);

  StoreCounts counts = this->Counts();
  EXPECT_EQ(counts.files, 1);
  EXPECT_EQ(counts.arrivals, 2);
  EXPECT_EQ(counts.queued, 1);

  auto events = this->store_->ListEvents(kFormSha);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].event, "received");
  EXPECT_EQ((*events)[0].at_ms, 1000);
  EXPECT_EQ((*events)[0].sha256, kFormSha);
  EXPECT_EQ((*events)[0].detail, "inbox/申报表.pdf (pdf, 2048 bytes)");
  EXPECT_EQ((*events)[1].event, "duplicate");
  EXPECT_EQ((*events)[1].at_ms, 2000);
  EXPECT_EQ((*events)[1].detail, "inbox/again/申报表 (1).pdf: same bytes as inbox/申报表.pdf");

  // A duplicate after the file was read reports the file as done.
  ASSERT_TRUE(this->store_
                  ->SaveExtraction(kFormSha, store_test::Hold(*this->store_, kFormSha),
                                   FormDocument(), FormAnalysis())
                  .ok());
  auto third = this->store_->RecordArrival(Arrival{kFormSha, "inbox/third.pdf", 2048, "pdf", 3000});
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->first_arrival);
  EXPECT_EQ(third->state, FileState::kDone);
  EXPECT_EQ(this->Counts().arrivals, 3);
}

TYPED_TEST(StoreTest, TheSameBytesUnderTheSamePathAreTheSameArrivalSeenAgain) {
  ASSERT_TRUE(
      this->store_->RecordArrival(Arrival{kFormSha, "inbox/申报表.pdf", 2048, "pdf", 1000}).ok());
  auto again =
      this->store_->RecordArrival(Arrival{kFormSha, "inbox/申报表.pdf", 2048, "pdf", 5000});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_FALSE(again->first_arrival);
  EXPECT_EQ(this->Counts().arrivals, 1);
  ASSERT_TRUE(
      this->store_->RecordArrival(Arrival{kFormSha, "inbox/copy.pdf", 2048, "pdf", 6000}).ok());
  EXPECT_EQ(this->Counts().arrivals, 2);
}

TYPED_TEST(StoreTest, ARefusalIsListedAsRejectedWithoutDigestUntilTheFileIsTaken) {
  ASSERT_TRUE(
      this->store_->RecordRefusal({"inbox/link.pdf", "symlink", "这是一个符号链接", 1000}).ok());
  // Refused again (a second run): still one entry, the latest reason.
  ASSERT_TRUE(
      this->store_->RecordRefusal({"inbox/link.pdf", "symlink", "仍是符号链接", 2000}).ok());
  auto rejected = this->store_->ListRejected();
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ((*rejected)[0].file, "inbox/link.pdf");
  EXPECT_EQ((*rejected)[0].sha256, "");
  EXPECT_EQ((*rejected)[0].code, "symlink");
  EXPECT_EQ((*rejected)[0].reason, "仍是符号链接");
  EXPECT_EQ(this->Counts().rejected, 1);
  // The path later arrives as a real file: it is accounted for by its bytes.
  ASSERT_TRUE(
      this->store_->RecordArrival(Arrival{kFormSha, "inbox/link.pdf", 2048, "pdf", 3000}).ok());
  rejected = this->store_->ListRejected();
  ASSERT_TRUE(rejected.ok());
  EXPECT_TRUE(rejected->empty());
  EXPECT_EQ(this->Counts().rejected, 0);
}

TYPED_TEST(StoreTest, ARejectionKeepsItsCodeAndFilesFoundOnlyInArchivesAreKnown) {
  this->Receive("zz", "inbox/包.zip", 1000);
  const JobHolder holder = store_test::Hold(*this->store_, "zz");
  std::vector<ExpandedMember> members = {
      {Arrival{"m1", "inbox/包.zip/a.bin", 5, "unknown", 1000}, "", ""}};
  ASSERT_TRUE(this->store_->SaveExpansion("zz", holder, members, "1 file").ok());
  auto only = this->store_->ArrivedOnlyInArchives("m1");
  ASSERT_TRUE(only.ok());
  EXPECT_TRUE(*only);
  ASSERT_TRUE(this->store_
                  ->RejectFile("m1", store_test::Hold(*this->store_, "m1"), "unknown_type",
                               "无法识别的文件类型")
                  .ok());
  auto rejected = this->store_->ListRejected();
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ((*rejected)[0].code, "unknown_type");
  // The same bytes dropped on their own are no longer only in an archive.
  ASSERT_TRUE(this->store_->RecordArrival(Arrival{"m1", "inbox/a.bin", 5, "unknown", 2000}).ok());
  only = this->store_->ArrivedOnlyInArchives("m1");
  ASSERT_TRUE(only.ok());
  EXPECT_FALSE(*only);
  // The expanded archive is listed among the unassigned, as an archive.
  auto unassigned = this->store_->ListUnassigned();
  ASSERT_TRUE(unassigned.ok());
  ASSERT_EQ(unassigned->size(), 1u);
  EXPECT_EQ((*unassigned)[0].document.kind, "archive");
  EXPECT_EQ((*unassigned)[0].document.file, "inbox/包.zip");
  ASSERT_EQ((*unassigned)[0].document.arrivals.size(), 1u);
}

TYPED_TEST(StoreTest, QueuedFilesAreOldestFirstAndLeaveTheQueueWhenRead) {
  this->Receive("cc", "inbox/c.pdf", 3000);
  this->Receive("aa", "inbox/a.pdf", 1000);
  this->Receive("bb", "inbox/b.pdf", 2000);
  auto queued = this->store_->QueuedFiles();
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(*queued, (std::vector<std::string>{"aa", "bb", "cc"}));

  ASSERT_TRUE(this->store_
                  ->SaveExtraction("bb", store_test::Hold(*this->store_, "bb"), PhotoDocument(),
                                   OtherAnalysis())
                  .ok());
  ASSERT_TRUE(
      this->store_
          ->RejectFile("cc", store_test::Hold(*this->store_, "cc"), "empty", "the file is empty")
          .ok());
  queued = this->store_->QueuedFiles();
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(*queued, std::vector<std::string>{"aa"});
}

TEST_F(SqliteStoreTest, ExtractionRoundTripsThroughDocumentFacts) {
  Receive(kFormSha, "inbox/济南某某/申报表.pdf", 1000);
  Receive(kSheetSha, "inbox/汇总表.xlsx", 1001, "xlsx");
  ASSERT_TRUE(store_
                  ->SaveExtraction(kSheetSha, store_test::Hold(*store_, kSheetSha), SheetDocument(),
                                   SheetAnalysis())
                  .ok());
  Status saved = store_->SaveExtraction(kFormSha, store_test::Hold(*store_, kFormSha),
                                        FormDocument(), FormAnalysis());
  ASSERT_TRUE(saved.ok()) << saved.message();

  auto all = store_->LoadDocumentFacts();
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 2u);
  // By document id: the sheet was saved first.
  EXPECT_LT((*all)[0].document_id, (*all)[1].document_id);

  const norm::DocumentFacts* form = FindFacts(*all, norm::kApplicationForm);
  ASSERT_NE(form, nullptr);
  EXPECT_EQ(form->file_path, "inbox/济南某某/申报表.pdf");
  ASSERT_EQ(form->fields.size(), 4u);
  EXPECT_EQ(form->fields[0].key, "unit_name");
  EXPECT_EQ(form->fields[0].value, json("济南某某职业学院"));
  EXPECT_EQ(form->fields[0].span_id, 2);
  EXPECT_EQ(form->fields[0].label, "单位名称");
  EXPECT_DOUBLE_EQ(form->fields[0].confidence, 0.97);
  EXPECT_FALSE(form->fields[0].declared_none);

  EXPECT_EQ(form->fields[1].key, "mgmt_staff");
  EXPECT_TRUE(form->fields[1].declared_none);
  EXPECT_TRUE(form->fields[1].value.is_null());
  EXPECT_EQ(form->fields[1].raw, "无");

  EXPECT_EQ(form->fields[2].value, json::array({"教学组织管理", "学员考核管理"}));
  EXPECT_TRUE(form->fields[3].value.is_number_float());
  EXPECT_DOUBLE_EQ(form->fields[3].value.get<double>(), 3.5);
  EXPECT_TRUE(form->summary_rows.empty());
  EXPECT_TRUE(form->header.empty());

  const norm::DocumentFacts* sheet = FindFacts(*all, norm::kSummarySheet);
  ASSERT_NE(sheet, nullptr);
  EXPECT_EQ(sheet->file_path, "inbox/汇总表.xlsx");
  EXPECT_TRUE(sheet->fields.empty());
  ASSERT_EQ(sheet->header.size(), 1u);
  EXPECT_EQ(sheet->header[0].key, "recommender");
  EXPECT_EQ(sheet->header[0].value, json("济南市人力资源和社会保障局"));
  ASSERT_EQ(sheet->summary_rows.size(), 2u);
  EXPECT_EQ(sheet->summary_rows[0].row, 2);
  ASSERT_EQ(sheet->summary_rows[0].fields.size(), 2u);
  EXPECT_EQ(sheet->summary_rows[0].fields[0].key, "unit_name");
  EXPECT_EQ(sheet->summary_rows[0].fields[1].key, "credit_code");
  EXPECT_EQ(sheet->summary_rows[0].fields[1].value, json("91370100MA3C5E7X1Q"));
  EXPECT_EQ(sheet->summary_rows[1].row, 3);
  ASSERT_EQ(sheet->summary_rows[1].fields.size(), 1u);
  EXPECT_EQ(sheet->summary_rows[1].fields[0].value, json("某某学会"));

  // What the interface does not return yet is still all there for reports.
  const std::string doc_id = std::to_string(form->document_id);
  EXPECT_EQ(RawInt("SELECT count(*) FROM spans WHERE document = " + doc_id), 6);
  EXPECT_EQ(RawText("SELECT x1 FROM spans WHERE document = " + doc_id + " AND span_index = 2"),
            "310.5");
  EXPECT_EQ(RawText("SELECT coalesce(x0, 'none') FROM spans WHERE document = " + doc_id +
                    " AND span_index = 5"),
            "none");
  json words = json::parse(
      RawText("SELECT words FROM spans WHERE document = " + doc_id + " AND span_index = 0"));
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[1]["text"], "申报表");
  EXPECT_EQ(words[1]["bbox"], json::array({460.0, 40.0, 520.0, 60.0}));
  EXPECT_EQ(RawText("SELECT method FROM spans WHERE document = " + doc_id + " LIMIT 1"),
            "pdf-text");
  EXPECT_EQ(
      RawText("SELECT row_count || 'x' || col_count FROM doc_tables WHERE document = " + doc_id),
      "3x2");
  EXPECT_EQ(RawText("SELECT col_span FROM table_cells WHERE document = " + doc_id +
                    " AND span_index = 5"),
            "2");
  EXPECT_EQ(RawText("SELECT warnings FROM documents WHERE id = " + doc_id),
            "[\"page 2 could not be read\"]");
  EXPECT_EQ(RawText("SELECT how_read FROM pages WHERE document = " + doc_id), "text layer");
  EXPECT_EQ(RawText("SELECT note FROM document_notes WHERE document = " + doc_id),
            "page 2 could not be read");

  auto events = store_->ListEvents(kFormSha);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->back().event, "extracted");
  EXPECT_EQ(events->back().detail.rfind("application_form: 1 page, 6 spans, 1 table, 4 fields", 0),
            0u)
      << events->back().detail;

  StoreCounts counts = Counts();
  EXPECT_EQ(counts.documents, 2);
  EXPECT_EQ(counts.queued, 0);
}

TEST_F(SqliteStoreTest, AFileOfSeveralDocumentsIsStoredAsItsParts) {
  Receive(kFormSha, "inbox/甲/申报材料.pdf", 1000);
  Receive(kFormSha, "inbox/乙/copy.pdf", 2000);  // a second arrival of the same bytes
  std::vector<norm::DocumentPart> parts(2);
  parts[0].first_page = 1;
  parts[0].last_page = 1;
  parts[0].doc = FormDocument();
  parts[0].analysis = FormAnalysis();
  parts[1].first_page = 2;
  parts[1].last_page = 3;
  parts[1].doc = PhotoDocument();
  parts[1].analysis = OtherAnalysis();
  parts[1].analysis.teachers.push_back(norm::Teacher{"张三", "教授", "专职", 0, "济南甲学院"});
  Status saved = store_->SaveDocuments(kFormSha, store_test::Hold(*store_, kFormSha), parts);
  ASSERT_TRUE(saved.ok()) << saved.message();

  auto all = store_->LoadDocumentFacts();
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 2u);
  for (const norm::DocumentFacts& facts : *all) {
    EXPECT_EQ(facts.sha256, kFormSha);
    EXPECT_EQ(facts.paths,
              (std::vector<std::string>{"inbox/甲/申报材料.pdf", "inbox/乙/copy.pdf"}));
  }
  EXPECT_EQ((*all)[0].first_page, 1);
  EXPECT_EQ((*all)[1].first_page, 2);
  EXPECT_EQ((*all)[1].last_page, 3);
  EXPECT_NE((*all)[0].text.find("济南某某职业学院"), std::string::npos);
  EXPECT_TRUE((*all)[1].text_ocr);
  ASSERT_EQ((*all)[1].teachers.size(), 1u);
  EXPECT_EQ((*all)[1].teachers[0].employer, "济南甲学院");
  EXPECT_EQ((*all)[0].fields[0].method, "pdf-text");
  // Each part comes back as its own document.
  auto part = store_->LoadDocument((*all)[1].document_id);
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->spans.size(), 1u);
  EXPECT_EQ(RawText("SELECT count(*) FROM documents"), "2");
}

TYPED_TEST(StoreTest, ExtractionSurvivesReopening) {
  this->Receive(kSheetSha, "inbox/汇总表.xlsx", 1000, "xlsx");
  ASSERT_TRUE(this->store_
                  ->SaveExtraction(kSheetSha, store_test::Hold(*this->store_, kSheetSha),
                                   SheetDocument(), SheetAnalysis())
                  .ok());
  this->Reopen();
  auto all = this->store_->LoadDocumentFacts();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].summary_rows.size(), 2u);
  EXPECT_EQ(this->Counts().documents, 1);
}

TYPED_TEST(StoreTest, AFileIsReadOnlyOnce) {
  this->Receive(kFormSha, "inbox/申报表.pdf", 1000);
  ASSERT_TRUE(this->store_
                  ->SaveExtraction(kFormSha, store_test::Hold(*this->store_, kFormSha),
                                   FormDocument(), FormAnalysis())
                  .ok());

  norm::DocumentAnalysis other = OtherAnalysis();
  Status again = this->store_->SaveExtraction(kFormSha, store_test::Hold(*this->store_, kFormSha),
                                              PhotoDocument(), other);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.message().find("already done"), std::string::npos) << again.message();
  EXPECT_TRUE(JobEnded(again)) << again.reason_code();
  EXPECT_NE(again.message().find("inbox/申报表.pdf"), std::string::npos) << again.message();

  auto all = this->store_->LoadDocumentFacts();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].kind, norm::kApplicationForm);
  EXPECT_EQ((*all)[0].fields.size(), 4u);
  EXPECT_EQ(this->Counts().documents, 1);

  // Nor can a read file be rejected afterwards.
  Status reject = this->store_->RejectFile(kFormSha, store_test::Hold(*this->store_, kFormSha),
                                           "damaged", "too late");
  EXPECT_FALSE(reject.ok());
  EXPECT_TRUE(JobEnded(reject)) << reject.reason_code();
  EXPECT_TRUE(this->store_->ListRejected()->empty());
}

TEST_F(SqliteStoreTest, ExtractionOfAnUnknownFileStoresNothing) {
  Status status = store_->SaveExtraction("deadbeef", store_test::Hold(*store_, "deadbeef"),
                                         FormDocument(), FormAnalysis());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kNotFound);
  EXPECT_EQ(Counts().documents, 0);
  EXPECT_EQ(RawInt("SELECT count(*) FROM spans"), 0);
  EXPECT_EQ(RawInt("SELECT count(*) FROM events"), 0);
}

TEST_F(SqliteStoreTest, AFailureHalfwayThroughAnExtractionRollsAllOfItBack) {
  Receive(kFormSha, "inbox/师资名单.pdf", 1000);
  // Make the last table written (teachers) fail, after document, pages,
  // spans and readings were inserted.
  ASSERT_EQ(RawExec("CREATE TRIGGER fail_teachers BEFORE INSERT ON teachers "
                    "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"),
            SQLITE_OK);
  norm::DocumentAnalysis analysis = FormAnalysis();
  analysis.teachers.push_back(norm::Teacher{"张三", "教授", "专职", 1, "济南甲学院"});
  const JobHolder holder = store_test::Hold(*store_, kFormSha);
  Status status = store_->SaveExtraction(kFormSha, holder, FormDocument(), analysis);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("simulated failure"), std::string::npos) << status.message();

  EXPECT_EQ(RawInt("SELECT count(*) FROM documents"), 0);
  EXPECT_EQ(RawInt("SELECT count(*) FROM spans"), 0);
  EXPECT_EQ(RawInt("SELECT count(*) FROM readings"), 0);
  auto queued = store_->QueuedFiles();
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(*queued, std::vector<std::string>{kFormSha});
  auto events = store_->ListEvents(kFormSha);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().event, "received");

  // Once the cause is gone the same file can be saved.
  ASSERT_EQ(RawExec("DROP TRIGGER fail_teachers"), SQLITE_OK);
  Status retry = store_->SaveExtraction(kFormSha, holder, FormDocument(), analysis);
  ASSERT_TRUE(retry.ok()) << retry.message();
  EXPECT_EQ(RawInt("SELECT count(*) FROM teachers"), 1);
}

TYPED_TEST(StoreTest, RejectedFilesAreListedWithTheirReason) {
  this->Receive("zz", "inbox/损坏.docx", 1000, "docx");
  this->Receive(kFormSha, "inbox/申报表.pdf", 1001);
  Status status = this->store_->RejectFile("zz", store_test::Hold(*this->store_, "zz"), "damaged",
                                           "the file is not a valid ZIP archive");
  ASSERT_TRUE(status.ok()) << status.message();

  auto rejected = this->store_->ListRejected();
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ((*rejected)[0].file, "inbox/损坏.docx");
  EXPECT_EQ((*rejected)[0].sha256, "zz");
  EXPECT_EQ((*rejected)[0].reason, "the file is not a valid ZIP archive");

  auto events = this->store_->ListEvents("zz");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].event, "rejected");
  EXPECT_EQ((*events)[1].detail, "the file is not a valid ZIP archive");

  StoreCounts counts = this->Counts();
  EXPECT_EQ(counts.rejected, 1);
  EXPECT_EQ(counts.queued, 1);

  // A rejected file is not read afterwards, and a duplicate says so.
  EXPECT_FALSE(this->store_
                   ->SaveExtraction("zz", store_test::Hold(*this->store_, "zz"), PhotoDocument(),
                                    OtherAnalysis())
                   .ok());
  auto duplicate =
      this->store_->RecordArrival(Arrival{"zz", "inbox/损坏 copy.docx", 10, "docx", 5});
  ASSERT_TRUE(duplicate.ok());
  EXPECT_EQ(duplicate->state, FileState::kRejected);

  Status unknown = this->store_->RejectFile("nope", store_test::Hold(*this->store_, "nope"),
                                            "damaged", "whatever");
  EXPECT_EQ(unknown.code(), ErrorCode::kNotFound);
}

template <typename E>
class AssemblyTest : public StoreTest<E> {
 protected:
  void SetUp() override {
    StoreTest<E>::SetUp();
    // The base skips (no PostgreSQL) or fails by returning from its SetUp,
    // not from this one: without a store there is nothing to set up, and
    // GoogleTest then leaves the test body out.
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    this->Receive(kFormSha, "inbox/济南某某/申报表.pdf", 1000);
    this->Receive(kSheetSha, "inbox/汇总表.xlsx", 1001, "xlsx");
    this->Receive(kPhotoSha, "inbox/IMG_0001.jpg", 1002, "jpeg");
    ASSERT_TRUE(this->store_
                    ->SaveExtraction(kFormSha, store_test::Hold(*this->store_, kFormSha),
                                     FormDocument(), FormAnalysis())
                    .ok());
    ASSERT_TRUE(this->store_
                    ->SaveExtraction(kSheetSha, store_test::Hold(*this->store_, kSheetSha),
                                     SheetDocument(), SheetAnalysis())
                    .ok());
    ASSERT_TRUE(this->store_
                    ->SaveExtraction(kPhotoSha, store_test::Hold(*this->store_, kPhotoSha),
                                     PhotoDocument(), OtherAnalysis())
                    .ok());
    auto all = this->store_->LoadDocumentFacts();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 3u);
    this->form_ = (*all)[0].document_id;
    this->sheet_ = (*all)[1].document_id;
    this->photo_ = (*all)[2].document_id;
  }

  norm::Assembly TwoApplications() const {
    norm::Assembly assembly;
    norm::Application school;
    school.id = "91370100MA3C5E7X1Q";
    school.fields.push_back(norm::AssembledField{
        "unit_name", "济南某某职业学院", 0.97, {{this->form_, 2}, {this->sheet_, 1}}});
    school.fields.push_back(
        norm::AssembledField{"credit_code", "91370100MA3C5E7X1Q", 1, {{this->sheet_, 2}}});
    school.fields.push_back(norm::AssembledField{
        "mgmt_rules", json::array({"教学组织管理", "学员考核管理"}), 1, {{this->form_, 5}}});
    school.fields.push_back(norm::AssembledField{"faculty_fulltime", 25, 0.8, {{this->form_, -1}}});
    school.document_ids = {this->form_, this->sheet_};
    school.findings.push_back({"missing_license", "未找到营业执照"});
    school.checks.push_back({"C1", "unknown", "缺少营业执照"});
    school.checks.push_back({"C3", "not_met", "管理人员人数: 无 (申报表.pdf p.1)"});

    norm::Application society;
    society.id = "name:某某学会";
    society.fields.push_back(norm::AssembledField{"unit_name", "某某学会", 1, {{this->sheet_, 3}}});
    society.document_ids = {this->sheet_};
    society.checks.push_back({"C1", "unknown", "未找到申报表"});

    // Saved order is kept, whatever the ids.
    assembly.applications = {school, society};
    assembly.unassigned.push_back({this->photo_, "no unit name or credit code found"});
    return assembly;
  }

  int64_t form_ = 0, sheet_ = 0, photo_ = 0;
};

TYPED_TEST_SUITE(AssemblyTest, store_test::StoreEngines);
using SqliteAssemblyTest = AssemblyTest<store_test::SqliteEngine>;

TYPED_TEST(AssemblyTest, ApplicationsComeBackWithResolvedSources) {
  Status saved = this->store_->SaveAssembly(this->TwoApplications());
  ASSERT_TRUE(saved.ok()) << saved.message();

  auto apps = this->store_->ListApplications();
  ASSERT_TRUE(apps.ok()) << apps.status().message();
  ASSERT_EQ(apps->size(), 2u);
  const ApplicationView& school = (*apps)[0];
  EXPECT_EQ(school.id, "91370100MA3C5E7X1Q");
  EXPECT_EQ((*apps)[1].id, "name:某某学会");

  ASSERT_EQ(school.fields.size(), 4u);
  const FieldView& unit = school.fields[0];
  EXPECT_EQ(unit.key, "unit_name");
  EXPECT_EQ(unit.value, json("济南某某职业学院"));
  EXPECT_DOUBLE_EQ(unit.confidence, 0.97);
  ASSERT_EQ(unit.sources.size(), 2u);

  const SourceView& pdf = unit.sources[0];
  EXPECT_EQ(pdf.file, "inbox/济南某某/申报表.pdf");
  EXPECT_EQ(pdf.sha256, kFormSha);
  EXPECT_EQ(pdf.page, 1);
  ASSERT_TRUE(pdf.bbox.has_value());
  EXPECT_DOUBLE_EQ(pdf.bbox->x0, 150);
  EXPECT_DOUBLE_EQ(pdf.bbox->y0, 100);
  EXPECT_DOUBLE_EQ(pdf.bbox->x1, 310.5);
  EXPECT_DOUBLE_EQ(pdf.bbox->y1, 118.25);
  EXPECT_EQ(pdf.locator, "table 1 row 1 cell 2");
  EXPECT_EQ(pdf.method, "pdf-text");
  EXPECT_DOUBLE_EQ(pdf.confidence, 0.97);
  EXPECT_EQ(pdf.raw, "济南某某职业学院");

  const SourceView& xlsx = unit.sources[1];
  EXPECT_EQ(xlsx.file, "inbox/汇总表.xlsx");
  EXPECT_EQ(xlsx.sha256, kSheetSha);
  EXPECT_EQ(xlsx.page, 0);
  EXPECT_FALSE(xlsx.bbox.has_value());
  EXPECT_EQ(xlsx.locator, "Sheet1!B4");
  EXPECT_EQ(xlsx.method, "xlsx");

  EXPECT_EQ(school.fields[1].key, "credit_code");
  EXPECT_EQ(school.fields[2].value, json::array({"教学组织管理", "学员考核管理"}));
  EXPECT_EQ(school.fields[3].value, json(25));
  EXPECT_TRUE(school.fields[3].value.is_number_integer());
  // A source without a span still names its file.
  ASSERT_EQ(school.fields[3].sources.size(), 1u);
  EXPECT_EQ(school.fields[3].sources[0].file, "inbox/济南某某/申报表.pdf");
  EXPECT_EQ(school.fields[3].sources[0].page, 0);
  EXPECT_FALSE(school.fields[3].sources[0].bbox.has_value());

  ASSERT_EQ(school.documents.size(), 2u);
  EXPECT_EQ(school.documents[0].id, this->form_);
  EXPECT_EQ(school.documents[0].file, "inbox/济南某某/申报表.pdf");
  EXPECT_EQ(school.documents[0].kind, norm::kApplicationForm);
  EXPECT_DOUBLE_EQ(school.documents[0].kind_confidence, 0.95);
  EXPECT_EQ(school.documents[0].kind_reason, "title 继续教育基地申报表; 2 form labels");
  EXPECT_EQ(school.documents[0].pages, 1);
  EXPECT_EQ(school.documents[1].sha256, kSheetSha);
  EXPECT_EQ(school.documents[1].kind, norm::kSummarySheet);
  EXPECT_EQ(school.documents[1].pages, 0);

  ASSERT_EQ(school.checks.size(), 2u);
  EXPECT_EQ(school.checks[0].id, "C1");
  EXPECT_EQ(school.checks[0].outcome, "unknown");
  EXPECT_EQ(school.checks[1].id, "C3");
  EXPECT_EQ(school.checks[1].outcome, "not_met");
  EXPECT_EQ(school.checks[1].detail, "管理人员人数: 无 (申报表.pdf p.1)");
  ASSERT_EQ(school.findings.size(), 1u);
  EXPECT_EQ(school.findings[0].code, "missing_license");
  EXPECT_EQ(school.findings[0].detail, "未找到营业执照");

  auto unassigned = this->store_->ListUnassigned();
  ASSERT_TRUE(unassigned.ok());
  ASSERT_EQ(unassigned->size(), 1u);
  EXPECT_EQ((*unassigned)[0].document.file, "inbox/IMG_0001.jpg");
  EXPECT_EQ((*unassigned)[0].document.sha256, kPhotoSha);
  EXPECT_EQ((*unassigned)[0].document.kind, norm::kOther);
  EXPECT_EQ((*unassigned)[0].reason, "no unit name or credit code found");

  // The assembly is a store-level event: listed under the empty digest.
  auto events = this->store_->ListEvents("");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].event, "assembled");
  EXPECT_EQ((*events)[0].sha256, "");
  EXPECT_EQ((*events)[0].detail, "2 applications, 1 unassigned document, 1 finding");

  StoreCounts counts = this->Counts();
  EXPECT_EQ(counts.files, 3);
  EXPECT_EQ(counts.arrivals, 3);
  EXPECT_EQ(counts.documents, 3);
  EXPECT_EQ(counts.applications, 2);
  EXPECT_EQ(counts.unassigned, 1);
  EXPECT_EQ(counts.rejected, 0);
  EXPECT_EQ(counts.queued, 0);
}

TEST_F(SqliteAssemblyTest, ASecondAssemblyReplacesTheFirst) {
  ASSERT_TRUE(store_->SaveAssembly(TwoApplications()).ok());

  norm::Assembly next;
  norm::Application society;
  society.id = "name:某某学会";
  society.fields.push_back(norm::AssembledField{"unit_name", "某某学会", 1, {{sheet_, 3}}});
  society.document_ids = {sheet_};
  next.applications.push_back(society);
  Status saved = store_->SaveAssembly(next);
  ASSERT_TRUE(saved.ok()) << saved.message();

  auto apps = store_->ListApplications();
  ASSERT_TRUE(apps.ok());
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_EQ((*apps)[0].id, "name:某某学会");
  ASSERT_EQ((*apps)[0].fields.size(), 1u);
  EXPECT_EQ((*apps)[0].fields[0].sources.size(), 1u);
  EXPECT_TRUE((*apps)[0].checks.empty());
  EXPECT_TRUE(store_->ListUnassigned()->empty());

  // Nothing of the first assembly is left behind.
  EXPECT_EQ(RawInt("SELECT count(*) FROM application_fields"), 1);
  EXPECT_EQ(RawInt("SELECT count(*) FROM field_sources"), 1);
  EXPECT_EQ(RawInt("SELECT count(*) FROM application_documents"), 1);
  EXPECT_EQ(RawInt("SELECT count(*) FROM checks"), 0);
  EXPECT_EQ(RawInt("SELECT count(*) FROM findings"), 0);
  // The documents themselves stay.
  StoreCounts counts = Counts();
  EXPECT_EQ(counts.documents, 3);
  EXPECT_EQ(counts.applications, 1);
  EXPECT_EQ(counts.unassigned, 0);
  EXPECT_EQ(store_->ListEvents("")->size(), 2u);
  EXPECT_EQ(RawText("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(RawText("PRAGMA foreign_key_check"), "");
}

// The track a form's title put it on comes back with its document, and an
// application's track with the application.
TYPED_TEST(StoreTest, TheNationalTrackOfAFormAndItsApplicationRoundTrip) {
  this->Receive(kFormSha, "inbox/国家级基地申报/申报表.pdf", 1000);
  norm::DocumentAnalysis analysis = FormAnalysis();
  analysis.classification.track = norm::kNationalTrack;
  ASSERT_TRUE(this->store_
                  ->SaveExtraction(kFormSha, store_test::Hold(*this->store_, kFormSha),
                                   FormDocument(), analysis)
                  .ok());
  auto facts = this->store_->LoadDocumentFacts();
  ASSERT_TRUE(facts.ok()) << facts.status().message();
  ASSERT_EQ(facts->size(), 1u);
  EXPECT_EQ((*facts)[0].track, norm::kNationalTrack);

  norm::Assembly assembly;
  norm::Application national;
  national.id = "91370100MA3C5E7X1Q@national";
  national.track = norm::kNationalTrack;
  national.document_ids = {(*facts)[0].document_id};
  norm::Application provincial;
  provincial.id = "91370100MA3C5E7X1Q";
  assembly.applications = {national, provincial};
  Status saved = this->store_->SaveAssembly(assembly);
  ASSERT_TRUE(saved.ok()) << saved.message();
  auto apps = this->store_->ListApplications();
  ASSERT_TRUE(apps.ok());
  ASSERT_EQ(apps->size(), 2u);
  EXPECT_EQ((*apps)[0].track, norm::kNationalTrack);
  EXPECT_EQ((*apps)[1].track, norm::kProvincialTrack);

  // A track the notice does not have is refused by the schema.
  norm::Assembly odd;
  odd.applications.push_back(provincial);
  odd.applications[0].track = "municipal";
  EXPECT_FALSE(this->store_->SaveAssembly(odd).ok());
  EXPECT_EQ(this->store_->ListApplications()->size(), 2u);
}

TYPED_TEST(AssemblyTest, AFailedAssemblyKeepsThePreviousOne) {
  ASSERT_TRUE(this->store_->SaveAssembly(this->TwoApplications()).ok());

  norm::Assembly broken = this->TwoApplications();
  broken.applications[1].fields[0].sources.push_back({9999, 0});  // no such document
  Status status = this->store_->SaveAssembly(broken);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("application name:某某学会"), std::string::npos)
      << status.message();

  auto apps = this->store_->ListApplications();
  ASSERT_TRUE(apps.ok());
  ASSERT_EQ(apps->size(), 2u);
  EXPECT_EQ((*apps)[1].fields[0].sources.size(), 1u);
  EXPECT_EQ(this->Counts().unassigned, 1);
  EXPECT_EQ(this->store_->ListEvents("")->size(), 1u);
}

TYPED_TEST(AssemblyTest, TheSameApplicationIdTwiceIsRefused) {
  norm::Assembly assembly = this->TwoApplications();
  assembly.applications[1].id = assembly.applications[0].id;
  EXPECT_FALSE(this->store_->SaveAssembly(assembly).ok());
  EXPECT_EQ(this->Counts().applications, 0);
}

}  // namespace
}  // namespace dossier
